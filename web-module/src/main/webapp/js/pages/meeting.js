import { api, connectionBadge, createClient, renderMemberBar, requireSession, tokenClaims } from '../session.js';
import { mountTranscript } from './meeting-transcript.js';

const session = await requireSession();
renderMemberBar(document.getElementById('bar'), session);
const meetingId = Number(new URLSearchParams(location.search).get('id'));
const alertLine = document.getElementById('meeting-alert');
const client = createClient();
connectionBadge(client, document.getElementById('connection'));

let state = null; // the last meeting.state
const tallies = new Map(); // motion id -> newest tally (by version)
const myVotes = new Map(); // motion id -> { choice, receipt }

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.filter(Boolean));
  return node;
}

async function command(type, data) {
  try {
    alertLine.textContent = '';
    return await client.request(type, data);
  } catch (failure) {
    alertLine.textContent = failure.message;
    throw failure;
  }
}

// ---- rendering ---------------------------------------------------------------------------------------

function renderQuorum(quorum) {
  const line = document.getElementById('quorum');
  line.dataset.met = quorum.met;
  line.textContent = `Quorum ${quorum.met ? 'present' : 'not present'}: ${quorum.present} of ${quorum.required} required (${quorum.unit})`;
}

function renderAttendance() {
  const me = state.participants.find((p) => p.id === client.member?.id);
  const button = document.getElementById('checkin');
  button.hidden = !me;
  button.textContent = me?.present ? 'Check out' : 'Check in';
  button.dataset.present = Boolean(me?.present);
  document.getElementById('participants').replaceChildren(
    ...state.participants.map((p) =>
      element('li', {
        'data-member': p.id,
        'data-status': p.present ? 'online' : 'away',
        text: `${p.displayName}${state.meeting.kind === 'member' ? ` · ${p.weight}` : ''}${p.present ? '' : ' (absent)'}`,
      }),
    ),
  );
}

function tallyChart(motion, tally) {
  const wrapper = element('div', { 'data-tally': motion.id });
  wrapper.append(element('p', { class: 'muted', text: `${tally.votesCast} of ${tally.eligible} have voted` }));
  if (!tally.results) {
    wrapper.append(element('p', { class: 'muted', text: motion.ballot === 'secret' ? 'Secret ballot: results at the close.' : 'Results at the close.' }));
    return wrapper;
  }
  const weighted = state.meeting.kind === 'member';
  const total = Math.max(1, ...tally.results.map((r) => Number(weighted ? r.weight : r.votes)));
  const grid = element('div', { class: 'tally', role: 'img', 'aria-label': tally.results.map((r) => `${r.option} ${r.votes}`).join(', ') });
  for (const result of tally.results) {
    const value = Number(weighted ? result.weight : result.votes);
    const bar = element('div', { class: 'bar' }, element('span', { style: `width:${(100 * value) / total}%` }));
    grid.append(element('span', { text: result.option }), bar, element('span', { 'data-option': result.option, text: String(result.votes) }));
  }
  wrapper.append(grid);
  return wrapper;
}

function motionCard({ motion, tally: initial, rollCall }) {
  const tally = tallies.get(motion.id) ?? initial;
  const isChair = client.member?.roles?.includes('chair');
  const me = client.member?.id;
  const card = element('article', { class: 'motion', 'data-motion': motion.id, 'data-status': motion.status },
    element('h3', { text: motion.title }),
    element('p', { class: 'muted', text: `${motion.status} · proposed by ${motion.proposer}${motion.seconder ? `, seconded by ${motion.seconder}` : ''} · ${motion.ballot} ballot · ${motion.threshold.replace('_', ' ')}${motion.deadline && motion.status === 'open' ? ` · closes ${new Date(motion.deadline).toLocaleTimeString()}` : ''}` }));
  const actions = element('div', { class: 'actions' });
  if (motion.status === 'proposed' && motion.proposer !== me) {
    actions.append(element('button', { type: 'button', class: 'secondary', text: 'Second', onclick: () => command('motion.second', { motion: motion.id }) }));
  }
  if (motion.status === 'seconded' && isChair) {
    actions.append(element('button', { type: 'button', text: 'Open the vote', onclick: () => command('motion.open', { motion: motion.id }) }));
  }
  if (motion.status === 'open') {
    const mine = myVotes.get(motion.id);
    for (const option of motion.options) {
      actions.append(element('button', {
        type: 'button',
        class: 'secondary',
        'data-vote': option,
        'aria-pressed': mine?.choice === option ? 'true' : 'false',
        text: `Vote ${option}`,
        onclick: async () => {
          const recorded = await command('vote', { motion: motion.id, choice: option });
          myVotes.set(motion.id, { choice: recorded.choice, receipt: recorded.receipt });
          render();
        },
      }));
    }
    if (isChair) actions.append(element('button', { type: 'button', text: 'Close the vote', onclick: () => command('motion.close', { motion: motion.id }) }));
  }
  card.append(actions);
  const mine = myVotes.get(motion.id);
  if (mine) {
    card.append(element('p', { 'data-my-vote': mine.choice, text: `Your vote: ${mine.choice}` },
      mine.receipt ? element('span', { class: 'receipt', text: ` · receipt ${mine.receipt} (keep it to verify your vote) ` }) : null,
      mine.receipt ? element('button', { type: 'button', class: 'secondary', text: 'Verify', onclick: async (event) => {
        const verified = await command('vote.verify', { motion: motion.id, receipt: mine.receipt });
        event.target.replaceWith(element('span', { 'data-verified': verified.choice, text: `counted as ${verified.choice}` }));
      } }) : null));
  }
  if (motion.status === 'open' || motion.status === 'closed') card.append(tallyChart(motion, tally));
  if (motion.status === 'closed') {
    card.append(element('p', { class: `outcome-${motion.outcome}`, 'data-outcome': motion.outcome, text: `Outcome: ${motion.outcome.replace('_', ' ')}` }));
    if (rollCall?.length) card.append(element('p', { class: 'muted', text: `Roll call: ${rollCall.map((r) => `${r.displayName} ${r.choice}`).join('; ')}` }));
    const minute = element('pre', { class: 'minute', 'data-minute': motion.id, text: 'Loading the decision minute…' });
    card.append(element('details', {}, element('summary', { text: 'Decision minute' }), minute));
    api(`meetings/${meetingId}/motions/${motion.id}/minute`).then((m) => (minute.textContent = m.text)).catch(() => {});
  }
  return card;
}

function renderProxies() {
  const card = document.getElementById('proxies-card');
  card.hidden = state.meeting.kind !== 'member';
  if (card.hidden) return;
  const me = client.member?.id;
  document.getElementById('proxies').replaceChildren(
    ...state.proxies.filter((p) => !p.revokedAt).map((p) =>
      element('li', { 'data-proxy': p.id, text: `${p.delegator} → ${p.holder}${p.motion ? ` (motion ${p.motion}${p.choice ? `, directed: ${p.choice}` : ''})` : ' (whole meeting)'} ` },
        p.delegator === me ? element('button', { type: 'button', class: 'secondary', text: 'Revoke', onclick: () => api(`meetings/${meetingId}/proxies/${p.id}`, { method: 'DELETE' }).then(refresh, (f) => (alertLine.textContent = f.message)) }) : null)),
  );
  const holder = document.getElementById('proxy-holder');
  if (holder.options.length === 0) {
    for (const p of state.participants) if (p.id !== me) holder.add(new Option(p.displayName, p.id));
  }
  // a proxy for one motion can still change until that motion opens
  const motionSelect = document.getElementById('proxy-motion');
  const chosen = motionSelect.value;
  motionSelect.replaceChildren(new Option('The whole meeting', ''),
    ...state.motions.filter((m) => m.motion.status === 'proposed' || m.motion.status === 'seconded')
      .map((m) => new Option(m.motion.title, m.motion.id)));
  motionSelect.value = chosen;
  renderProxyChoices();
}

function renderProxyChoices() {
  const motionId = Number(document.getElementById('proxy-motion').value);
  const motion = state.motions.find((m) => m.motion.id === motionId)?.motion;
  const choice = document.getElementById('proxy-choice');
  choice.replaceChildren(new Option('The holder decides (discretionary)', ''),
    ...(motion ? motion.options.map((o) => new Option(`Vote ${o} (directed)`, o)) : []));
  choice.disabled = !motion;
}
document.getElementById('proxy-motion').addEventListener('change', renderProxyChoices);

// ---- the meeting's papers, per agenda item --------------------------------------------------------------

let papers = [];
async function loadPapers() {
  papers = await api(`documents?meeting=${meetingId}`).catch(() => papers);
  render();
}

const paperLink = (paper) => element('li', {},
  element('a', { href: `document.html?id=${paper.id}`, 'data-document': paper.id, text: paper.title }),
  element('span', { class: 'muted', text: ` · ${paper.kind.replace('_', ' ')} · ${paper.status.replace('_', ' ')}` }));

async function newPaper(agendaItemId) {
  const title = window.prompt('Title of the new paper');
  if (!title) return;
  try {
    const created = await api('documents', { method: 'POST', body: { title, meeting: meetingId, agendaItem: agendaItemId ?? undefined } });
    location.assign(`document.html?id=${created.id}`);
  } catch (failure) {
    alertLine.textContent = `Not created: ${failure.message}`;
  }
}

function agendaItem(item) {
  const attached = papers.filter((paper) => paper.agendaItem === item.id);
  return element('li', { 'data-agenda-item': item.id },
    element('span', { text: item.title }),
    attached.length ? element('ul', { class: 'papers' }, ...attached.map(paperLink)) : null,
    element('button', { type: 'button', class: 'secondary', text: 'New paper', 'aria-label': `New paper for ${item.title}`, onclick: () => newPaper(item.id) }));
}

function render() {
  if (!state) return;
  document.getElementById('meeting-title').textContent = state.meeting.title;
  document.title = `${state.meeting.title} · Quorum`;
  document.getElementById('propose-ballot-field').hidden = state.meeting.kind !== 'member';
  document.getElementById('agenda').replaceChildren(
    ...(state.agenda.length ? state.agenda.map(agendaItem) : [element('li', { class: 'muted', text: 'No agenda items.' })]),
  );
  const general = papers.filter((paper) => !paper.agendaItem);
  document.getElementById('meeting-papers').replaceChildren(...general.map(paperLink));
  renderQuorum(state.quorum);
  renderAttendance();
  document.getElementById('motions').replaceChildren(...state.motions.map(motionCard));
  renderProxies();
}

// ---- live updates ------------------------------------------------------------------------------------

let refreshing;
async function refresh() {
  clearTimeout(refreshing);
  state = await client.request('meeting.state', { meeting: meetingId });
  render();
  loadPapers();
}
function refreshSoon() {
  clearTimeout(refreshing);
  refreshing = setTimeout(() => refresh().catch(() => {}), 150);
}

let transcript = null; // the transcript and analysis panel, once the meeting is known

client.addEventListener('message', ({ detail }) => {
  if (!state || detail.room !== state.meeting.room) return;
  const data = detail.data;
  if (detail.type === 'transcript' || detail.type.startsWith('analysis.')) {
    transcript?.onMessage(detail);
    return;
  }
  if (detail.type === 'motion.tally') {
    // tallies from two nodes may cross: only a newer version (more votes counted) is shown
    const known = tallies.get(data.motion);
    if (known && data.tally.version <= known.version) return;
    tallies.set(data.motion, data.tally);
    const motion = state.motions.find((m) => m.motion.id === data.motion);
    const chart = document.querySelector(`[data-tally="${data.motion}"]`);
    if (motion && chart) chart.replaceWith(tallyChart(motion.motion, tallies.get(data.motion)));
    return;
  }
  if (detail.type === 'meeting.quorum' && data.lost) {
    alertLine.textContent = 'Quorum was lost: no vote can be opened, and a vote closed now is not decided.';
  }
  if (detail.type === 'motion.closed') tallies.set(data.motion.id, data.tally);
  if (detail.type.startsWith('meeting.') || detail.type.startsWith('motion.')) refreshSoon();
});

document.getElementById('checkin').addEventListener('click', async (event) => {
  const present = event.target.dataset.present === 'true';
  await command(present ? 'meeting.checkout' : 'meeting.checkin', { meeting: meetingId });
  refreshSoon();
});
document.getElementById('propose').addEventListener('submit', async (event) => {
  event.preventDefault();
  const seconds = Number(document.getElementById('propose-seconds').value);
  const data = {
    meeting: meetingId,
    title: document.getElementById('propose-title').value,
    threshold: document.getElementById('propose-threshold').value,
  };
  if (state.meeting.kind === 'member') data.ballot = document.getElementById('propose-ballot').value;
  if (seconds > 0) data.votingSeconds = seconds;
  await command('motion.propose', data);
  event.target.reset();
});
document.getElementById('proxy-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const motion = document.getElementById('proxy-motion').value;
    const choice = document.getElementById('proxy-choice').value;
    await api(`meetings/${meetingId}/proxies`, {
      method: 'POST',
      body: { holder: document.getElementById('proxy-holder').value, motion: motion ? Number(motion) : null, choice: choice || null },
    });
    await refresh();
  } catch (failure) {
    alertLine.textContent = failure.message;
  }
});

client.addEventListener('state', async ({ detail }) => {
  if (detail.state !== 'open') return;
  try {
    if (!state) {
      // the first read only names the meeting's room; the read after joining covers anything that
      // changed between the two, from then on the room's messages do
      state = await client.request('meeting.state', { meeting: meetingId });
      await client.join(state.meeting.room);
    }
    await refresh(); // after a reconnect too: whatever changed meanwhile
    if (!transcript) {
      const roles = tokenClaims(session.token).groups ?? [];
      transcript = mountTranscript({
        client,
        meetingId,
        alertLine,
        organizer: roles.includes('secretary') || roles.includes('chair'),
        participants: state.participants,
        me: client.member?.id,
      });
    } else {
      transcript.reload();
    }
  } catch (failure) {
    alertLine.textContent = `This meeting cannot be shown: ${failure.message}`;
  }
});
client.connect();
