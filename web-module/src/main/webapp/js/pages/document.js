import { api, closePage, connectionBadge, createClient, downloadFile, formatTime, renderMemberBar, requireSession } from '../session.js';
import { DocumentSession } from '../document-session.js';
import { toCodePoints, toUtf16, transformPosition } from '../text-operation.js';
import { mountNotices } from '../notices.js';

const session = await requireSession();
renderMemberBar(document.getElementById('bar'), session);
const params = new URLSearchParams(location.search);
const docId = Number(params.get('id'));
const $ = (id) => document.getElementById(id);
const editor = $('editor');
const backdrop = $('backdrop');
const alertLine = $('doc-alert');

const client = createClient();
mountNotices(session, client);
connectionBadge(client, $('connection'));
const doc = new DocumentSession(client, docId);

const locks = new Map(); // id → lock, with the revision its section is given at
const threads = new Map(); // id → thread view
const cursors = new Map(); // member id → { displayName, revision, index, anchor }
const present = new Map();
let composing = false;

// ---- the text ----------------------------------------------------------------------------------------------

function selection() {
  const text = editor.value;
  return { start: toCodePoints(text, editor.selectionStart), end: toCodePoints(text, editor.selectionEnd) };
}

editor.addEventListener('compositionstart', () => (composing = true));
editor.addEventListener('compositionend', () => {
  composing = false;
  doc.edit(editor.value);
  changed();
});
editor.addEventListener('input', () => {
  if (composing) return;
  doc.edit(editor.value);
  changed();
});
editor.addEventListener('scroll', () => (backdrop.scrollTop = editor.scrollTop));
for (const type of ['keyup', 'mouseup', 'select', 'focus']) editor.addEventListener(type, scheduleCursor);

doc.addEventListener('text', ({ detail }) => {
  if (detail.remote && document.activeElement === editor) {
    // keep the caret and selection where they were in the text, moved through the other editor's change
    const { start, end } = selection();
    editor.value = doc.text;
    const newStart = transformPosition(start, detail.remote);
    const newEnd = transformPosition(end, detail.remote);
    editor.setSelectionRange(toUtf16(doc.text, newStart), toUtf16(doc.text, newEnd));
  } else {
    editor.value = doc.text;
  }
  changed();
});
doc.addEventListener('saving', ({ detail }) => {
  $('doc-state').textContent = detail.saving ? 'Saving…' : `Saved · revision ${doc.revision}`;
  if (!detail.saving) scheduleCursor();
});
doc.addEventListener('refused', ({ detail }) => {
  alertLine.textContent = `Your last change was not kept: ${detail.message} The document shows its saved text again.`;
});

function changed() {
  render();
  schedulePreview();
}

// ---- what the backdrop shows under the text: comment anchors, locked sections, other editors ---------------

let renderQueued = false;
function render() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    paintBackdrop();
    renderLocks();
    renderThreads();
  });
}

function ranges() {
  const found = [];
  for (const thread of threads.values()) {
    if (thread.detached || (thread.resolved && !$('show-resolved').checked)) continue;
    const start = doc.localPosition(thread.start, thread.revision, true);
    const end = doc.localPosition(thread.end, thread.revision);
    if (start !== null && end !== null && end > start) found.push({ start, end, cls: 'comment-anchor' });
  }
  for (const lock of locks.values()) {
    if (lock.start === undefined || lock.holder === client.member?.id) continue;
    const start = doc.localPosition(lock.start, lock.revision, true);
    const end = doc.localPosition(lock.end, lock.revision);
    if (start !== null && end !== null && end > start) found.push({ start, end, cls: 'section-lock' });
  }
  const carets = [];
  for (const [member, cursor] of cursors) {
    if (!present.has(member)) continue;
    const index = doc.localPosition(cursor.index, cursor.revision);
    if (index === null) continue;
    carets.push({ at: index, name: cursor.displayName, member });
    if (cursor.anchor !== undefined && cursor.anchor !== cursor.index) {
      const anchor = doc.localPosition(cursor.anchor, cursor.revision);
      if (anchor !== null) found.push({ start: Math.min(index, anchor), end: Math.max(index, anchor), cls: 'remote-selection' });
    }
  }
  return { found, carets };
}

function paintBackdrop() {
  const chars = Array.from(doc.text);
  const { found, carets } = ranges();
  const cuts = new Set([0, chars.length]);
  for (const r of found) { cuts.add(Math.min(r.start, chars.length)); cuts.add(Math.min(r.end, chars.length)); }
  for (const c of carets) cuts.add(Math.min(c.at, chars.length));
  const points = [...cuts].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i < points.length; i++) {
    const at = points[i];
    for (const caret of carets.filter((c) => Math.min(c.at, chars.length) === at)) {
      const mark = document.createElement('span');
      mark.className = 'remote-caret';
      mark.dataset.name = caret.name;
      mark.dataset.member = caret.member;
      parts.push(mark);
    }
    if (i === points.length - 1) break;
    const next = points[i + 1];
    const text = chars.slice(at, next).join('');
    const classes = found.filter((r) => r.start <= at && r.end >= next).map((r) => r.cls);
    if (classes.length === 0) parts.push(document.createTextNode(text));
    else {
      const mark = document.createElement('mark');
      mark.className = classes.join(' ');
      mark.textContent = text;
      parts.push(mark);
    }
  }
  parts.push(document.createTextNode('\n\u200b')); // the textarea's last line has its height too
  backdrop.replaceChildren(...parts);
  backdrop.scrollTop = editor.scrollTop;
}

// ---- cursors and who is editing -------------------------------------------------------------------------

let cursorTimer;
function scheduleCursor() {
  clearTimeout(cursorTimer);
  cursorTimer = setTimeout(() => {
    // positions are of a committed revision: sent only while nothing local is unsent
    if (!doc.info || !doc.settled || document.activeElement !== editor) return;
    const text = editor.value;
    const index = toCodePoints(text, editor.selectionDirection === 'backward' ? editor.selectionStart : editor.selectionEnd);
    const anchor = toCodePoints(text, editor.selectionDirection === 'backward' ? editor.selectionEnd : editor.selectionStart);
    client.frame('cursor', { room: doc.info.room, position: { doc: docId, revision: doc.revision, index, anchor } });
  }, 100);
}

client.addEventListener('cursor', ({ detail }) => {
  if (!doc.info || detail.room !== doc.info.room || detail.position?.doc !== docId) return;
  const { revision, index, anchor } = detail.position;
  cursors.set(detail.member.id, { displayName: detail.member.displayName, revision, index, anchor });
  render();
});

function renderPresent() {
  const names = [...present.values()].map((m) => m.displayName).sort();
  $('editors-here').textContent = names.length ? `Here now: ${names.join(', ')}` : '';
  render();
}
client.addEventListener('presence', ({ detail }) => {
  if (!doc.info || detail.room !== doc.info.room) return;
  present.clear();
  for (const member of detail.members) present.set(member.id, member);
  renderPresent();
});
client.addEventListener('presence.changed', ({ detail }) => {
  if (!doc.info || detail.room !== doc.info.room) return;
  for (const member of [...detail.joined, ...detail.status]) present.set(member.id, member);
  for (const member of detail.left) {
    present.delete(member.id);
    cursors.delete(member.id);
  }
  renderPresent();
});

// ---- locks --------------------------------------------------------------------------------------------

const until = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function renderLocks() {
  const now = Date.now();
  for (const [id, lock] of locks) if (Date.parse(lock.expiresAt) <= now) locks.delete(id);
  const banner = $('lock-banner');
  const items = [...locks.values()].map((lock) => {
    const item = document.createElement('li');
    item.dataset.lock = lock.id;
    const mine = lock.holder === client.member?.id;
    const what = lock.start === undefined ? 'the whole document' : 'a section (shaded)';
    const who = mine ? 'You hold' : `${lock.holder} holds`;
    item.textContent = `${who} a lock on ${what}${lock.reason ? `: ${lock.reason}` : ''} — until ${until(lock.expiresAt)}. `;
    if (mine) {
      const renew = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: 'Renew' });
      renew.addEventListener('click', () => lockRequest('doc.lock.renew', { doc: docId, lock: lock.id }));
      const release = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: 'Release' });
      release.addEventListener('click', () => lockRequest('doc.unlock', { doc: docId, lock: lock.id }));
      item.append(renew, ' ', release);
    }
    return item;
  });
  banner.hidden = items.length === 0;
  const list = document.createElement('ul');
  list.append(...items);
  banner.replaceChildren(list);
  const lockedOut = [...locks.values()].some((l) => l.start === undefined && l.holder !== client.member?.id);
  const readOnly = doc.info?.status === 'final' || lockedOut;
  editor.readOnly = readOnly;
  banner.dataset.lockedOut = lockedOut;
}
setInterval(() => locks.size && render(), 5000);

async function lockRequest(type, data) {
  try {
    await client.request(type, data);
    alertLine.textContent = '';
  } catch (failure) {
    alertLine.textContent = `Not done: ${failure.message}`;
  }
}

doc.addEventListener('lock', ({ detail }) => {
  const lock = { ...detail.lock, doc: detail.doc, revision: detail.revision };
  if (detail.event === 'locked' || detail.event === 'renewed') locks.set(lock.id, lock);
  else locks.delete(lock.id);
  render();
});

$('lock-document').addEventListener('click', () => {
  const reason = window.prompt('Why do you lock the document? (shown to the others)', 'Editing') ?? '';
  lockRequest('doc.lock', { doc: docId, reason });
});
$('lock-section').addEventListener('click', async () => {
  const { start, end } = selection();
  if (start === end) { alertLine.textContent = 'Select the text to lock first.'; return; }
  await doc.whenSettled();
  lockRequest('doc.lock', { doc: docId, start, end, revision: doc.revision, reason: 'Editing this section' });
});

// ---- comments -----------------------------------------------------------------------------------------

let draft = null;
$('comment-selection').addEventListener('click', () => {
  const { start, end } = selection();
  if (start === end) { alertLine.textContent = 'Select the text to comment on first.'; return; }
  draft = { start, end };
  $('new-comment-quote').textContent = Array.from(editor.value).slice(start, end).join('');
  $('new-comment').hidden = false;
  $('new-comment-body').focus();
});
$('new-comment-cancel').addEventListener('click', () => { $('new-comment').hidden = true; draft = null; });
$('new-comment').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await doc.whenSettled();
    const thread = await api(`documents/${docId}/comments`, {
      method: 'POST',
      body: { ...draft, revision: doc.revision, body: $('new-comment-body').value },
    });
    threads.set(thread.id, thread);
    $('new-comment-body').value = '';
    $('new-comment').hidden = true;
    alertLine.textContent = '';
    render();
  } catch (failure) {
    alertLine.textContent = `The comment was not added: ${failure.message}`;
  }
});
$('show-resolved').addEventListener('change', render);

doc.addEventListener('comment', ({ detail }) => {
  threads.set(detail.thread.id, detail.thread);
  render();
});

async function threadCall(path, body, method = 'POST') {
  try {
    const thread = await api(`documents/${docId}/comments/${path}`, { method, body });
    threads.set(thread.id, thread);
    render();
  } catch (failure) {
    alertLine.textContent = `Not done: ${failure.message}`;
  }
}

function renderThreads() {
  const showResolved = $('show-resolved').checked;
  const placed = [...threads.values()]
    .filter((t) => showResolved || !t.resolved)
    .map((t) => ({ thread: t, at: t.detached ? Infinity : doc.localPosition(t.start, t.revision, true) ?? Infinity }))
    .sort((a, b) => a.at - b.at || a.thread.id - b.thread.id);
  const list = $('threads');
  const focused = document.activeElement;
  if (focused && list.contains(focused) && focused.tagName === 'TEXTAREA') return; // not while someone writes a reply
  list.replaceChildren(...placed.map(({ thread }) => threadItem(thread)));
}

function threadItem(thread) {
  const item = document.createElement('li');
  item.dataset.thread = thread.id;
  item.dataset.detached = thread.detached;
  item.dataset.resolved = thread.resolved;
  const quote = document.createElement('span');
  quote.className = 'quote';
  quote.textContent = thread.detached ? `Detached — its text was deleted: “${thread.quote}”` : `“${thread.quote}”`;
  quote.addEventListener('click', () => {
    const start = doc.localPosition(thread.start, thread.revision, true);
    const end = doc.localPosition(thread.end, thread.revision);
    if (thread.detached || start === null) return;
    editor.focus();
    editor.setSelectionRange(toUtf16(editor.value, start), toUtf16(editor.value, end));
  });
  item.append(quote);
  for (const entry of thread.comments) {
    const block = document.createElement('div');
    block.className = 'entry';
    block.dataset.comment = entry.id;
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = `${entry.authorName} · ${formatTime(entry.createdAt)}${entry.versions > 1 ? ' · edited' : ''}`;
    const body = document.createElement('div');
    body.className = 'body';
    body.textContent = entry.body;
    block.append(meta, body);
    if (entry.author === client.member?.id) {
      const edit = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: 'Edit' });
      edit.addEventListener('click', () => {
        const text = window.prompt('Your comment', entry.body);
        if (text && text !== entry.body) threadCall(`entries/${entry.id}`, { body: text }, 'PATCH');
      });
      block.append(edit);
    }
    item.append(block);
  }
  const status = document.createElement('p');
  status.className = 'muted';
  status.textContent = thread.resolved ? `Resolved by ${thread.resolvedBy}` : '';
  const toggle = Object.assign(document.createElement('button'), {
    type: 'button', className: 'secondary', textContent: thread.resolved ? 'Reopen' : 'Resolve',
  });
  toggle.addEventListener('click', () => threadCall(`${thread.id}/${thread.resolved ? 'reopen' : 'resolve'}`));
  const reply = document.createElement('form');
  const label = Object.assign(document.createElement('label'), { htmlFor: `reply-${thread.id}`, textContent: 'Reply' });
  const box = Object.assign(document.createElement('textarea'), { id: `reply-${thread.id}`, rows: 2, maxLength: 10000, required: true });
  const send = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Reply' });
  reply.append(label, box, send);
  reply.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = box.value;
    box.blur();
    await threadCall(`${thread.id}/replies`, { body: text });
  });
  item.append(status, toggle, reply);
  return item;
}

// ---- preview, revisions, export --------------------------------------------------------------------------

let previewTimer;
function schedulePreview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(async () => {
    try {
      const rendered = await api(`documents/${docId}/preview`);
      $('preview').innerHTML = rendered.html; // rendered and sanitized by the server: no script, no handlers
    } catch {
      // the preview waits for the next change
    }
    loadRevisions().catch(() => undefined);
  }, 600);
}

let oldestShown = null;
async function loadRevisions(older = false) {
  const before = older && oldestShown !== null ? `&before=${oldestShown}` : '';
  const page = await api(`documents/${docId}/history?limit=20${before}`);
  const items = page.map((entry) => {
    const item = document.createElement('li');
    const open = Object.assign(document.createElement('button'), {
      type: 'button', textContent: `Revision ${entry.revision} · ${entry.authorName} · ${new Date(entry.at).toLocaleString()}`,
    });
    open.addEventListener('click', () => showRevision(entry.revision));
    item.append(open);
    return item;
  });
  if (older) $('revisions').append(...items);
  else $('revisions').replaceChildren(...items);
  if (page.length) oldestShown = page[page.length - 1].revision;
  $('more-revisions').hidden = page.length < 20;
}
$('more-revisions').addEventListener('click', () => loadRevisions(true));

let shownRevision = null;
async function showRevision(revision) {
  const text = await api(`documents/${docId}/revisions/${revision}`);
  shownRevision = revision;
  $('revision-view-title').textContent = `Revision ${revision}`;
  $('revision-text').textContent = text.content;
  $('revision-view').hidden = false;
}
$('close-revision').addEventListener('click', () => ($('revision-view').hidden = true));
$('restore-revision').addEventListener('click', async () => {
  try {
    const restored = await api(`documents/${docId}/restore`, { method: 'POST', body: { revision: shownRevision } });
    $('revision-view').hidden = true;
    $('doc-state').textContent = `Revision ${shownRevision} restored as revision ${restored.revision}`;
    loadRevisions();
  } catch (failure) {
    alertLine.textContent = `Not restored: ${failure.message}`;
  }
});

async function download(format) {
  try {
    await downloadFile(`documents/${docId}/export/${format}`, `document.${format}`);
  } catch (failure) {
    alertLine.textContent = `The export failed: ${failure.message}`;
  }
}
$('export-markdown').addEventListener('click', () => download('markdown'));
$('export-html').addEventListener('click', () => download('html'));

// ---- opening ------------------------------------------------------------------------------------------

doc.addEventListener('opened', async ({ detail }) => {
  document.title = `${detail.title} · Quorum`;
  $('doc-title').textContent = detail.title;
  $('doc-meta').textContent = `${detail.kind.replace('_', ' ')} · ${detail.status.replace('_', ' ')}`;
  editor.disabled = false;
  editor.readOnly = detail.status === 'final';
  locks.clear();
  for (const lock of detail.locks) locks.set(lock.id, { ...lock, revision: detail.revision });
  $('doc-state').textContent = `Saved · revision ${detail.revision}`;
  const list = await api(`documents/${docId}/comments`);
  threads.clear();
  for (const thread of list) threads.set(thread.id, thread);
  client.presence(detail.room).catch(() => undefined);
  render();
  loadRevisions();
  const linked = params.get('thread');
  if (linked) {
    // arrived from a mention: show that thread
    requestAnimationFrame(() => {
      const item = document.querySelector(`#threads > li[data-thread="${CSS.escape(linked)}"]`);
      item?.scrollIntoView({ block: 'center' });
      item?.classList.add('linked');
    });
  }
});

client.addEventListener('state', async ({ detail }) => {
  if (detail.state !== 'open' || doc.info) return;
  try {
    await doc.open();
    api(`mentions/seen/${docId}`, { method: 'POST' }).catch(() => undefined);
    const meta = await api(`documents/${docId}`);
    if (meta.meeting) {
      const link = $('meeting-link');
      link.href = `meeting.html?id=${meta.meeting}`;
      link.hidden = false;
    }
  } catch (failure) {
    if (failure.code === 'DOCUMENT_NOT_FOUND') closePage(alertLine, 'This document is not open to you, or it does not exist.');
    else alertLine.textContent = `The document could not be opened: ${failure.message}`;
  }
});
client.connect();
