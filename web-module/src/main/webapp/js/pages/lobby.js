import { api, connectionBadge, createClient, formatTime, renderMemberBar, requireSession } from '../session.js';
import { mountNotices } from '../notices.js';

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

const documentItem = (paper) =>
  linkItem(`document.html?id=${paper.id}`, { document: paper.id }, paper.title,
    `${paper.kind.replace('_', ' ')} · ${paper.status.replace('_', ' ')} · revision ${paper.revision}`);

/** A mention of the member in a comment, linking to the document. */
function mentionItem(mention) {
  const item = document.createElement('li');
  item.dataset.mention = mention.id;
  item.dataset.seen = mention.seen ?? false;
  const link = Object.assign(document.createElement('a'), { href: `document.html?id=${mention.doc}&thread=${mention.thread}` });
  link.textContent = `${mention.byName} mentioned you in “${mention.title}”`;
  const excerpt = document.createElement('div');
  excerpt.className = 'muted';
  excerpt.textContent = mention.excerpt;
  item.append(link, excerpt);
  return item;
}

async function refresh() {
  try {
    const [rooms, meetings, papers, mentions] =
      await Promise.all([api('rooms'), api('meetings'), api('documents'), api('mentions')]);
    list.replaceChildren(...rooms.filter((room) => room.kind !== 'meeting').map(roomItem));
    document.getElementById('meetings').replaceChildren(...meetings.map(meetingItem));
    document.getElementById('documents').replaceChildren(...papers.map(documentItem));
    document.getElementById('mentions').replaceChildren(...mentions.map(mentionItem));
    errorLine.textContent = '';
  } catch (failure) {
    errorLine.textContent = `The rooms could not be loaded: ${failure.message}`;
  }
}

// the lobby's own connection: presence counts it as online, and organization notices arrive on it
const client = createClient();
mountNotices(session, client);
connectionBadge(client, document.getElementById('connection'));
client.addEventListener('state', ({ detail }) => {
  if (detail.state === 'open') {
    document.getElementById('admin-link').hidden = !client.member.roles.includes('admin');
    document.getElementById('platform-link').hidden = !client.member.roles.includes('platform_admin');
    document.getElementById('compliance-link').hidden =
      !client.member.roles.includes('compliance_officer') && !client.member.roles.includes('admin');
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
  // the chair is one of the participants: the list follows the ticked boxes
  const chair = document.getElementById('schedule-chair');
  const names = new Map(members.map((member) => [member.id, member.displayName]));
  box.addEventListener('change', () => {
    const chosen = chair.value;
    const ticked = [...box.querySelectorAll('input[type=checkbox]:checked')].map((check) => check.value);
    chair.replaceChildren(new Option('A participant with the chair role', ''), ...ticked.map((id) => new Option(names.get(id), id)));
    chair.value = ticked.includes(chosen) ? chosen : '';
  });
  const kind = document.getElementById('schedule-kind');
  const toggleWeights = () => box.querySelectorAll('[data-weight-of]').forEach((w) => (w.hidden = kind.value !== 'member'));
  kind.addEventListener('change', toggleWeights);
  const rule = document.getElementById('schedule-quorum');
  rule.addEventListener('change', () => (document.getElementById('schedule-quorum-value').disabled = rule.value === 'majority_of_seats'));
  // the organization's defaults for the kind of meeting fill the quorum and an untouched agenda
  const defaults = api('meetings/defaults').catch(() => []);
  const agenda = document.getElementById('schedule-agenda');
  let defaultAgenda = '';
  const applyDefaults = async () => {
    const chosen = (await defaults).find((d) => d.kind === kind.value);
    if (!chosen) return;
    rule.value = chosen.quorumRule;
    const value = document.getElementById('schedule-quorum-value');
    value.value = chosen.quorumRule === 'majority_of_seats' ? '' : chosen.quorumValue;
    value.disabled = chosen.quorumRule === 'majority_of_seats';
    if (agenda.value === defaultAgenda) agenda.value = chosen.agenda.join('\n');
    defaultAgenda = chosen.agenda.join('\n');
  };
  kind.addEventListener('change', applyDefaults);
  await applyDefaults();
}

document.getElementById('schedule').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = document.getElementById('schedule-result');
  const kind = document.getElementById('schedule-kind').value;
  const participants = [...document.querySelectorAll('#schedule-participants input[type=checkbox]:checked')].map((check) => ({
    member: check.value,
    weight: kind === 'member' ? Number(document.querySelector(`[data-weight-of="${CSS.escape(check.value)}"]`).value) : 1,
  }));
  if (participants.length === 0) {
    result.textContent = 'Not scheduled: choose at least one participant.';
    return;
  }
  const rule = document.getElementById('schedule-quorum').value;
  const chair = document.getElementById('schedule-chair').value;
  const body = {
    kind,
    title: document.getElementById('schedule-title').value,
    scheduledAt: new Date(document.getElementById('schedule-at').value).toISOString(),
    quorumRule: rule,
    quorumValue: rule === 'majority_of_seats' ? null : Number(document.getElementById('schedule-quorum-value').value),
    participants,
    agenda: document.getElementById('schedule-agenda').value.split('\n').map((line) => line.trim()).filter(Boolean),
    chair: chair || undefined,
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
client.addEventListener('elsewhere', ({ detail }) => {
  if (detail.type !== 'mention') return;
  const shown = document.getElementById('mentions');
  if (!shown.querySelector(`[data-mention="${detail.data.id}"]`)) shown.prepend(mentionItem(detail.data));
});
document.getElementById('new-document').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const created = await api('documents', {
      method: 'POST',
      body: { title: document.getElementById('new-document-title').value, kind: document.getElementById('new-document-kind').value },
    });
    location.assign(`document.html?id=${created.id}`);
  } catch (failure) {
    document.getElementById('new-document-result').textContent = `Not created: ${failure.message}`;
  }
});
client.connect();

await refresh();
setInterval(refresh, 5000);
