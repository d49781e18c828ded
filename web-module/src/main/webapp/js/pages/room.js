import { SendStatus } from '../quorum.js';
import { closePage, connectionBadge, createClient, formatTime, renderMemberBar, requireSession } from '../session.js';
import { mountNotices } from '../notices.js';

const session = await requireSession();
renderMemberBar(document.getElementById('bar'), session);
const roomId = Number(new URLSearchParams(location.search).get('id'));
const messages = document.getElementById('messages');
const outbox = document.getElementById('outbox');
const presenceList = document.getElementById('presence');
const typingLine = document.getElementById('typing');
const alertLine = document.getElementById('room-alert');
const earlier = document.getElementById('earlier');
const composer = document.getElementById('composer');
const text = document.getElementById('composer-text');
const priority = document.getElementById('composer-priority');

const shown = new Map(); // seq -> <li>, so that no message is ever shown twice
const present = new Map(); // member id -> { displayName, status }
const typists = new Map(); // member id -> { displayName, until }

const client = createClient();
mountNotices(session, client);
connectionBadge(client, document.getElementById('connection'));

// ---- the message log ----------------------------------------------------------------------------------

function messageItem(message) {
  const item = document.createElement('li');
  item.dataset.seq = message.seq;
  item.dataset.clientId = message.id;
  item.dataset.priority = message.priority;
  if (message.priority === 'high' || message.priority === 'critical') item.classList.add(`priority-${message.priority}-row`);
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.textContent = `${message.sender?.displayName ?? 'Quorum'} · ${formatTime(message.sentAt)}`;
  if (message.priority !== 'normal') {
    const mark = document.createElement('span');
    mark.className = `priority priority-${message.priority}`;
    mark.textContent = message.priority;
    meta.append(mark);
  }
  const body = document.createElement('div');
  body.className = 'text';
  body.textContent = message.data?.text ?? '';
  item.append(meta, body);
  return item;
}

/** Inserts in sequence order, once: live, replayed and history messages meet here. */
function show(message) {
  if (shown.has(message.seq)) return;
  const item = messageItem(message);
  shown.set(message.seq, item);
  const later = [...messages.children].find((li) => Number(li.dataset.seq) > message.seq);
  const atBottom = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 40;
  messages.insertBefore(item, later ?? null);
  if (!later && atBottom) messages.scrollTop = messages.scrollHeight;
}

function notice(textContent) {
  const item = document.createElement('li');
  item.className = 'notice';
  item.textContent = textContent;
  messages.append(item);
}

async function loadEarlier() {
  const oldest = Math.min(...[...shown.keys()]);
  const page = await client.history(roomId, Number.isFinite(oldest) ? { beforeSeq: oldest, limit: 50 } : { limit: 50 });
  const keepFromBottom = messages.scrollHeight - messages.scrollTop;
  page.messages.forEach(show);
  if (Number.isFinite(oldest)) messages.scrollTop = messages.scrollHeight - keepFromBottom;
  else messages.scrollTop = messages.scrollHeight;
  earlier.hidden = !page.hasMore;
}
earlier.addEventListener('click', () => loadEarlier().catch((f) => (alertLine.textContent = f.message)));

client.addEventListener('message', ({ detail }) => detail.room === roomId && show(detail));
client.addEventListener('reset', ({ detail }) => {
  if (detail.room !== roomId) return;
  // the connection was away longer than the room keeps history: start again from the newest
  messages.replaceChildren();
  shown.clear();
  notice('You were away longer than this room keeps messages; showing the newest.');
  loadEarlier();
});
client.addEventListener('removed', ({ detail }) => {
  if (detail.room !== roomId) return;
  alertLine.textContent = 'You no longer have access to this room.';
  composer.querySelectorAll('textarea, select, button').forEach((control) => (control.disabled = true));
  presenceList.replaceChildren();
  document.body.dataset.removed = detail.reason;
});

// ---- what I send ------------------------------------------------------------------------------------

const STATUS_TEXT = {
  [SendStatus.PENDING]: 'waiting to send',
  [SendStatus.SENT]: 'sending…',
  [SendStatus.ACKNOWLEDGED]: 'delivered',
  [SendStatus.FAILED]: 'not sent',
};

function renderOutbox(entry) {
  let item = outbox.querySelector(`[data-entry="${CSS.escape(entry.id)}"]`);
  if (entry.status === SendStatus.ACKNOWLEDGED) {
    item?.remove(); // it is in the log now, under its sequence
    return;
  }
  if (!item) {
    item = document.createElement('li');
    item.dataset.entry = entry.id;
    outbox.append(item);
  }
  item.dataset.status = entry.status;
  item.replaceChildren();
  const body = document.createElement('div');
  body.className = 'text';
  body.textContent = entry.text;
  const status = document.createElement('span');
  status.className = `status status-${entry.status}`;
  status.textContent = entry.error ? `${STATUS_TEXT[entry.status]}: ${entry.error.message}` : STATUS_TEXT[entry.status];
  item.append(body, status);
  if (entry.status === SendStatus.FAILED && entry.error?.code !== 'ROOM_REMOVED') {
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'secondary';
    retry.textContent = 'Retry';
    retry.addEventListener('click', () => client.retry(entry.id));
    item.append(retry);
  }
}
client.addEventListener('outbox', ({ detail }) => detail.entry.room === roomId && renderOutbox(detail.entry));
for (const entry of client.outbox) if (entry.room === roomId) renderOutbox(entry);

function send() {
  const value = text.value.trim();
  if (!value) return;
  client.send(roomId, value, { priority: priority.value });
  text.value = '';
  text.focus();
}
composer.addEventListener('submit', (event) => {
  event.preventDefault();
  send();
});
text.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    send();
  }
});
let lastTyping = 0;
text.addEventListener('input', () => {
  if (Date.now() - lastTyping > 1000) {
    lastTyping = Date.now();
    client.typing(roomId);
  }
});

// ---- presence and typing ------------------------------------------------------------------------------

function renderPresence() {
  const items = [...present.entries()]
    .sort((a, b) => a[1].displayName.localeCompare(b[1].displayName))
    .map(([id, member]) => {
      const item = document.createElement('li');
      item.dataset.member = id;
      item.dataset.status = member.status;
      item.textContent = member.status === 'away' ? `${member.displayName} (away)` : member.displayName;
      return item;
    });
  presenceList.replaceChildren(...items);
}
client.addEventListener('presence', ({ detail }) => {
  if (detail.room !== roomId) return;
  present.clear();
  for (const member of detail.members) present.set(member.id, member);
  renderPresence();
});
client.addEventListener('presence.changed', ({ detail }) => {
  if (detail.room !== roomId) return;
  for (const member of [...detail.joined, ...detail.status]) present.set(member.id, member);
  for (const member of detail.left) present.delete(member.id);
  renderPresence();
});

function renderTyping() {
  const now = Date.now();
  for (const [id, typist] of typists) if (typist.until < now) typists.delete(id);
  const names = [...typists.values()].map((t) => t.displayName);
  typingLine.textContent =
    names.length === 0 ? '' : names.length === 1 ? `${names[0]} is typing…` : `${names.join(', ')} are typing…`;
}
client.addEventListener('typing', ({ detail }) => {
  if (detail.room !== roomId || detail.member.id === client.member?.id) return;
  typists.set(detail.member.id, { displayName: detail.member.displayName, until: Date.now() + 3000 });
  renderTyping();
});
client.addEventListener('message', ({ detail }) => {
  if (typists.delete(detail.sender?.id)) renderTyping();
});
setInterval(renderTyping, 1000);

// ---- connection -------------------------------------------------------------------------------------

const reconnect = document.getElementById('reconnect');
reconnect.addEventListener('click', () => client.reconnectNow());
client.addEventListener('state', ({ detail }) => {
  reconnect.hidden = detail.state !== 'reconnecting' && detail.state !== 'offline';
  document.body.dataset.connection = detail.state;
});
client.addEventListener('auth', ({ detail }) => {
  document.body.dataset.auth = detail.state;
  if (detail.state === 'signed-out') alertLine.textContent = 'Your sign-in has ended: sign in again to continue.';
});
document.addEventListener('visibilitychange', () => client.setStatus(document.hidden ? 'away' : 'online'));

let firstJoin = true;
client.addEventListener('state', async ({ detail }) => {
  if (detail.state !== 'open' || !firstJoin) return;
  firstJoin = false;
  let joined;
  try {
    joined = await client.join(roomId);
  } catch (failure) {
    firstJoin = failure.code === 'CONNECTION_LOST' || failure.code === 'NOT_CONNECTED';
    if (firstJoin) alertLine.textContent = '';
    else closePage(alertLine, `You cannot enter this room: ${failure.message}`);
    return;
  }
  document.getElementById('room-name').textContent = joined.name;
  document.title = `${joined.name} · Quorum`;
  try {
    await loadEarlier();
    await client.presence(roomId); // the answer arrives as a "presence" event, rendered above
  } catch (failure) {
    // access may have been taken away meanwhile: the "removed" notice says so
    if (!document.body.dataset.removed) alertLine.textContent = failure.message;
  }
});
client.connect();
