// The minutes of a meeting: the draft as it stands (narratives written here by the secretary or the meeting's
// chair), approved once the meeting adjourned, then locked; printable and downloadable.
import { api, downloadFile, renderMemberBar, requireSession } from '../session.js';
import { mountNotices } from '../notices.js';

const session = await requireSession();
renderMemberBar(document.getElementById('bar'), session);
mountNotices(session);
const meetingId = Number(new URLSearchParams(location.search).get('meeting'));
const alertLine = document.getElementById('minutes-alert');
document.getElementById('meeting-link').href = `meeting.html?id=${meetingId}`;

let minutes = null;

function show(view) {
  minutes = view;
  const status = document.getElementById('minutes-status');
  status.dataset.status = view.status;
  status.textContent = view.status === 'approved'
    ? `Approved by ${view.approvedBy} on ${new Date(view.approvedAt).toLocaleString([], { dateStyle: 'long', timeStyle: 'short' })}: locked.`
    : view.mayApprove ? 'Draft — not approved. The meeting has adjourned: the minutes can be approved.'
      : 'Draft — not approved. It follows the meeting as it goes; it is approved once the meeting adjourns.';
  document.getElementById('approve').hidden = !view.mayApprove;
  document.getElementById('minutes-text').innerHTML = view.html; // rendered and sanitized by the server
  const card = document.getElementById('narratives-card');
  card.hidden = !view.mayEdit;
  if (view.mayEdit && !document.getElementById('narratives').children.length) renderNarratives(view);
}

function renderNarratives(view) {
  document.getElementById('narratives').replaceChildren(...view.narratives.map((narrative, index) => {
    const id = `narrative-${index}`;
    const field = document.createElement('div');
    field.className = 'field';
    const label = Object.assign(document.createElement('label'), { htmlFor: id, textContent: narrative.agendaItem ? narrative.title : 'Opening (before the first item)' });
    const text = Object.assign(document.createElement('textarea'), { id, rows: 4, maxLength: 20000, value: narrative.text });
    text.dataset.item = narrative.agendaItem ?? 'opening';
    text.addEventListener('change', () => save(text));
    const saved = Object.assign(document.createElement('span'), { className: 'muted', role: 'status' });
    saved.setAttribute('aria-live', 'polite');
    field.append(label, text, saved);
    return field;
  }));
}

async function save(field) {
  const status = field.nextElementSibling;
  try {
    status.textContent = 'Saving…';
    show(await api(`meetings/${meetingId}/minutes/narratives/${field.dataset.item}`, { method: 'PUT', body: { text: field.value } }));
    status.textContent = 'Saved.';
  } catch (failure) {
    status.textContent = '';
    alertLine.textContent = `Not saved: ${failure.message}`;
  }
}

document.getElementById('approve').addEventListener('click', async () => {
  if (!window.confirm('Approve the minutes? Once approved they are locked: nothing in them can change.')) return;
  try {
    show(await api(`meetings/${meetingId}/minutes/approval`, { method: 'POST' }));
  } catch (failure) {
    alertLine.textContent = `Not approved: ${failure.message}`;
  }
});
document.getElementById('print').addEventListener('click', () => window.print());
for (const format of ['pdf', 'markdown', 'html']) {
  document.getElementById(`download-${format}`).addEventListener('click', () =>
    downloadFile(`meetings/${meetingId}/minutes/export/${format}`, `minutes.${format === 'markdown' ? 'md' : format}`)
      .catch((failure) => (alertLine.textContent = `Not downloaded: ${failure.message}`)));
}

try {
  show(await api(`meetings/${meetingId}/minutes`));
  const title = document.querySelector('#minutes-text h1')?.textContent ?? 'Minutes';
  document.getElementById('minutes-title').textContent = title;
  document.title = `${title} · Quorum`;
} catch (failure) {
  // a meeting the member may not see: said once, with the way back, and nothing that could only fail
  alertLine.textContent = `These minutes cannot be shown: ${failure.message}`;
  document.querySelector('.minutes-actions').hidden = true;
  document.getElementById('meeting-link').hidden = true;
}
