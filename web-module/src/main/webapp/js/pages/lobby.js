import { api, connectionBadge, createClient, formatTime, renderMemberBar, requireSession } from '../session.js';

const session = await requireSession();
renderMemberBar(document.getElementById('bar'), session);
const list = document.getElementById('rooms');
const errorLine = document.getElementById('lobby-error');

/** A card that links to a page: a room or a meeting. */
function linkItem(href, data, title, details) {
  const link = document.createElement('a');
  link.href = href;
  Object.assign(link.dataset, data);
  const name = document.createElement('span');
  name.className = 'room-name';
  name.textContent = title;
  const detail = document.createElement('span');
  detail.className = 'muted';
  detail.textContent = details;
  link.append(name, detail);
  const item = document.createElement('li');
  item.append(link);
  return item;
}

const roomItem = (room) =>
  linkItem(`room.html?id=${room.id}`, { room: room.id, online: room.online }, room.name,
    `${room.online} online · ${room.lastSequence} messages · ${room.kind}`);

const meetingItem = (meeting) =>
  linkItem(`meeting.html?id=${meeting.id}`, { meeting: meeting.id }, meeting.title,
    `${meeting.kind} meeting · ${new Date(meeting.scheduledAt).toLocaleString()}`);

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
