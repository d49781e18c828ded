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
    const organizer = client.member.roles.includes('secretary') || client.member.roles.includes('chair');
    if (organizer && document.getElementById('schedule-box').hidden) showScheduling();
  }
});

// ---- scheduling a meeting (secretaries and chairs) -------------------------------------------------------

async function showScheduling() {
  document.getElementById('schedule-box').hidden = false;
  const members = await api('members');
  const box = document.getElementById('schedule-participants');
  box.replaceChildren(...members.map((member) => {
    const row = document.createElement('div');
    const check = Object.assign(document.createElement('input'), { type: 'checkbox', id: `p-${member.id}`, value: member.id });
    const label = Object.assign(document.createElement('label'), { htmlFor: check.id, textContent: member.displayName });
    label.style.display = 'inline';
    const weight = Object.assign(document.createElement('input'), { type: 'number', min: '0.000001', step: 'any', value: '1', size: 6, hidden: true });
    weight.setAttribute('aria-label', `Weight of ${member.displayName}`);
    weight.dataset.weightOf = member.id;
    row.append(check, ' ', label, ' ', weight);
    return row;
  }));
  const kind = document.getElementById('schedule-kind');
  const toggleWeights = () => box.querySelectorAll('[data-weight-of]').forEach((w) => (w.hidden = kind.value !== 'member'));
  kind.addEventListener('change', toggleWeights);
  const rule = document.getElementById('schedule-quorum');
  rule.addEventListener('change', () => (document.getElementById('schedule-quorum-value').disabled = rule.value === 'majority_of_seats'));
}

document.getElementById('schedule').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = document.getElementById('schedule-result');
  const kind = document.getElementById('schedule-kind').value;
  const participants = [...document.querySelectorAll('#schedule-participants input[type=checkbox]:checked')].map((check) => ({
    member: check.value,
    weight: kind === 'member' ? Number(document.querySelector(`[data-weight-of="${CSS.escape(check.value)}"]`).value) : 1,
  }));
  const rule = document.getElementById('schedule-quorum').value;
  const body = {
    kind,
    title: document.getElementById('schedule-title').value,
    scheduledAt: new Date(document.getElementById('schedule-at').value).toISOString(),
    quorumRule: rule,
    quorumValue: rule === 'majority_of_seats' ? null : Number(document.getElementById('schedule-quorum-value').value),
    participants,
    agenda: document.getElementById('schedule-agenda').value.split('\n').map((line) => line.trim()).filter(Boolean),
  };
  try {
    const created = await api('meetings', { method: 'POST', body });
    location.assign(`meeting.html?id=${created.meeting.id}`);
  } catch (failure) {
    result.textContent = `Not scheduled: ${failure.message}`;
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
