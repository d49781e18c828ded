import { api, connectionBadge, createClient, formatTime, renderMemberBar, requireSession } from '../session.js';

const session = await requireSession();
renderMemberBar(document.getElementById('bar'), session);
const list = document.getElementById('rooms');
const errorLine = document.getElementById('lobby-error');

function roomItem(room) {
  const link = document.createElement('a');
  link.href = `room.html?id=${room.id}`;
  link.dataset.room = room.id;
  const name = document.createElement('span');
  name.className = 'room-name';
  name.textContent = room.name;
  const detail = document.createElement('span');
  detail.className = 'muted';
  detail.dataset.online = room.online;
  detail.textContent = `${room.online} online · ${room.lastSequence} messages · ${room.kind}`;
  link.append(name, detail);
  const item = document.createElement('li');
  item.append(link);
  return item;
}

function meetingItem(meeting) {
  const link = document.createElement('a');
  link.href = `meeting.html?id=${meeting.id}`;
  link.dataset.meeting = meeting.id;
  const name = document.createElement('span');
  name.className = 'room-name';
  name.textContent = meeting.title;
  const detail = document.createElement('span');
  detail.className = 'muted';
  detail.textContent = `${meeting.kind} meeting · ${new Date(meeting.scheduledAt).toLocaleString()}`;
  link.append(name, detail);
  const item = document.createElement('li');
  item.append(link);
  return item;
}

async function refresh() {
  try {
    const [rooms, meetings] = await Promise.all([api('rooms'), api('meetings')]);
    list.replaceChildren(...rooms.filter((room) => room.kind !== 'meeting').map(roomItem));
    document.getElementById('meetings').replaceChildren(...meetings.map(meetingItem));
    errorLine.textContent = '';
  } catch (failure) {
    errorLine.textContent = `The rooms could not be loaded: ${failure.message}`;
  }
}

// the lobby's own connection: presence counts it as online, and organization notices arrive on it
const client = createClient();
connectionBadge(client, document.getElementById('connection'));
client.addEventListener('state', ({ detail }) => {
  if (detail.state === 'open') {
    document.getElementById('admin-link').hidden = !client.member.roles.includes('admin');
  }
});
client.addEventListener('broadcast', ({ detail }) => {
  const item = document.createElement('li');
  item.className = `priority-${detail.priority}-row`;
  item.textContent = `${formatTime(detail.sentAt)} · ${detail.from.displayName}: ${detail.text}`;
  document.getElementById('notices').prepend(item);
});
client.connect();

await refresh();
setInterval(refresh, 5000);
