import { api, closePage, connectionBadge, createClient, renderMemberBar, requireSession, tokenClaims } from '../session.js';
import { mountTranscript } from './meeting-transcript.js';
import { mountNotices } from '../notices.js';

const session = await requireSession();
renderMemberBar(document.getElementById('bar'), session);
const meetingId = Number(new URLSearchParams(location.search).get('id'));
const alertLine = document.getElementById('meeting-alert');
document.getElementById('minutes-link').href = `minutes.html?meeting=${meetingId}`;
const client = createClient();
mountNotices(session, client);
connectionBadge(client, document.getElementById('connection'));

let state = null; // the last meeting.state
const tallies = new Map(); // motion id -> newest tally (by version)
const myVotes = new Map(); // motion id -> { choice, receipt, changedFrom, castAt }
const votedLive = new Map(); // motion id -> members who have voted, from the newest tally (named ballots)

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

const time = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const nameOf = (member) => state.participants.find((p) => p.id === member)?.displayName ?? member;
const isChair = () => state && client.member?.id === state.meeting.chair;
const mySeat = () => state.participants.find((p) => p.id === client.member?.id);
const adjourned = () => state.meeting.status === 'adjourned';

/** The quorum rule in words: "Quorum: 3 present, 2 required (majority of 3 seats)". */
function quorumInWords(quorum) {
  const meeting = state.meeting;
  const rule = meeting.quorumRule === 'majority_of_seats'
    ? `majority of ${quorum.total} seats`
    : meeting.quorumRule === 'count'
      ? `at least ${Number(meeting.quorumValue)} of ${quorum.total} seats`
      : `${Number(meeting.quorumValue)} % of ${quorum.total} weight`;
  return `Quorum: ${quorum.present} present, ${quorum.required} required (${rule}) — ${quorum.met ? 'quorate' : 'not quorate'}`;
}

function renderQuorum(quorum) {
  const line = document.getElementById('quorum');
  line.dataset.met = quorum.met;
  line.textContent = quorumInWords(quorum);
}

const STATUS_WORDS = { scheduled: 'Scheduled', in_session: 'In session', adjourned: 'Adjourned' };

function renderHeader() {
  const meeting = state.meeting;
  const status = document.getElementById('meeting-status');
  status.dataset.status = meeting.status;
  status.textContent = STATUS_WORDS[meeting.status];
  const when = new Date(meeting.scheduledAt).toLocaleString([], { dateStyle: 'full', timeStyle: 'short' });
  document.getElementById('meeting-when').textContent = meeting.startedAt
    ? `${when} · opened ${time(meeting.startedAt)}${meeting.endedAt ? `, adjourned ${time(meeting.endedAt)}` : ''}`
    : when;
  document.getElementById('meeting-chair').textContent = `Chair: ${meeting.chairName}`;
  document.getElementById('chair-actions').hidden = !isChair() || adjourned();
  document.getElementById('meeting-start').hidden = meeting.status !== 'scheduled';
  document.getElementById('meeting-adjourn').hidden = meeting.status !== 'in_session';
}

function renderAttendance() {
  const me = mySeat();
  const button = document.getElementById('checkin');
  // a check-in after the adjournment can only fail; a check-out is still recorded
  button.hidden = !me || (adjourned() && !me.present);
  button.textContent = me?.present ? 'Check out' : 'Check in';
  button.dataset.present = Boolean(me?.present);
  document.getElementById('attendance-note').textContent = me
    ? (me.present ? `Checked in at ${time(me.checkedInAt)}.` : adjourned() ? 'The meeting has been adjourned.' : 'Check in when you arrive: only those present count for quorum, propose and second.')
    : 'You follow this meeting; only its participants check in and vote.';
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

/** What a motion's status means now, in words. */
function stateInWords(motion) {
  const by = motion.closedBy ? ` by ${motion.closedBy}` : '';
  switch (motion.status) {
    case 'proposed': return 'Proposed — waits for a second';
    case 'seconded':
      if (adjourned()) return 'Seconded';
      if (!state.quorum.met) return 'Seconded — waits for quorum before the vote can open';
      if (state.meeting.status !== 'in_session') return 'Seconded — the vote opens once the chair opens the meeting';
      return 'Seconded — ready for the chair to open the vote';
    case 'open': return 'Voting open';
    case 'closed': return `Closed${by} at ${time(motion.closedAt)}`;
    case 'withdrawn': return `Withdrawn${by} at ${time(motion.closedAt)}`;
    case 'tabled': return `Tabled${by} at ${time(motion.closedAt)}`;
    case 'lapsed': return `Lapsed at the adjournment (${time(motion.closedAt)}), never voted on`;
    default: return motion.status;
  }
}

function countdownText(deadline) {
  const left = Math.max(0, Math.round((new Date(deadline) - Date.now()) / 1000));
  const minutes = Math.floor(left / 60);
  return { left, text: left === 0 ? 'Time is up: closing…' : `Closes in ${minutes}:${String(left % 60).padStart(2, '0')}` };
}

function tickCountdowns() {
  for (const node of document.querySelectorAll('[data-countdown]')) {
    const { left, text } = countdownText(node.dataset.countdown);
    node.textContent = text;
    node.dataset.urgent = left <= 10;
  }
}
setInterval(tickCountdowns, 1000);

/** Who has voted on a named ballot and who not yet, by name; a secret ballot shows counts only. */
function votedList(motion, voters) {
  if (motion.ballot === 'secret' || !voters?.length) return null;
  const live = votedLive.get(motion.id);
  const voted = (v) => (live ? live.has(v.member) || v.voted : v.voted);
  const done = voters.filter(voted).map((v) => v.displayName);
  const waiting = voters.filter((v) => !voted(v)).map((v) => v.displayName);
  return element('p', { class: 'voted-list', 'data-voted': done.length },
    element('strong', { text: 'Voted: ' }), done.length ? done.join(', ') : 'nobody yet',
    motion.status === 'open' ? element('span', {}, element('strong', { text: ' · Not yet: ' }), waiting.length ? waiting.join(', ') : 'nobody') : null);
}

function motionCard({ motion, tally: initial, rollCall, voters, mayVote, myChoice }) {
  const tally = tallies.get(motion.id) ?? initial;
  const chair = isChair();
  const me = client.member?.id;
  const seat = mySeat();
  const onTheFloor = seat?.present && !adjourned();
  const item = state.agenda.find((a) => a.id === motion.agendaItem);
  const card = element('article', { class: 'motion', 'data-motion': motion.id, 'data-status': motion.status },
    element('h3', { text: motion.title }),
    element('p', {}, element('span', { class: 'state', 'data-state-words': motion.status, text: stateInWords(motion) })),
    element('p', { class: 'muted', text: `Proposed by ${motion.proposerName}${motion.seconderName ? `, seconded by ${motion.seconderName}` : ''}${item ? ` · agenda: ${item.title}` : ''} · ${motion.ballot === 'secret' ? 'secret ballot' : 'named ballot (roll call)'} · ${motion.threshold.replace('_', ' ')}` }));
  if (motion.status === 'open' && motion.deadline) {
    const { text } = countdownText(motion.deadline);
    card.append(element('p', { class: 'countdown', role: 'timer', 'aria-live': 'off', 'data-countdown': motion.deadline, text }));
  }
  const actions = element('div', { class: 'actions' });
  const button = (text, onclick, attributes = {}) => element('button', { type: 'button', class: 'secondary', text, onclick, ...attributes });
  if (motion.status === 'proposed' && motion.proposer !== me && onTheFloor) {
    actions.append(button('Second', () => command('motion.second', { motion: motion.id }), { 'data-action': 'second' }));
  }
  const pending = motion.status === 'proposed' || motion.status === 'seconded';
  if ((pending || motion.status === 'tabled') && (motion.proposer === me || chair)) {
    actions.append(button('Withdraw', () => command('motion.withdraw', { motion: motion.id }), { 'data-action': 'withdraw' }));
  }
  if (pending && chair) actions.append(button('Table', () => command('motion.table', { motion: motion.id }), { 'data-action': 'table' }));
  if (motion.status === 'tabled' && chair && !adjourned()) {
    actions.append(button('Take up again', () => command('motion.resume', { motion: motion.id }), { 'data-action': 'resume' }));
  }
  if (motion.status === 'seconded' && chair && state.meeting.status === 'in_session' && state.quorum.met) {
    actions.append(element('button', { type: 'button', 'data-action': 'open', text: 'Open the vote', onclick: () => command('motion.open', { motion: motion.id }) }));
  }
  if (motion.status === 'open') {
    const mine = myVotes.get(motion.id) ?? (myChoice ? { choice: myChoice } : undefined);
    for (const option of mayVote ? motion.options : []) {
      actions.append(element('button', {
        type: 'button',
        class: 'secondary',
        'data-vote': option,
        'aria-pressed': mine?.choice === option ? 'true' : 'false',
        text: `Vote ${option}`,
        onclick: async () => {
          const recorded = await command('vote', { motion: motion.id, choice: option });
          myVotes.set(motion.id, { choice: recorded.choice, receipt: recorded.receipt, changedFrom: recorded.changedFrom, castAt: recorded.castAt });
          render();
        },
      }));
    }
    if (chair) {
      actions.append(element('button', { type: 'button', 'data-action': 'close', text: 'Close the vote', onclick: () => command('motion.close', { motion: motion.id }) }));
      if (motion.deadline) {
        actions.append(button('Add a minute', () => command('motion.extend', { motion: motion.id, seconds: 60 }), { 'data-extend': 60 }));
        actions.append(button('Add 5 minutes', () => command('motion.extend', { motion: motion.id, seconds: 300 }), { 'data-extend': 300 }));
      }
    }
  }
  card.append(actions);
  if (motion.status === 'open' && !mayVote) {
    card.append(element('p', { class: 'muted', text: seat ? 'You are not among the voters of this motion.' : 'You follow the vote; only its voters vote.' }));
  }
  if (motion.status === 'open' && motion.ballot !== 'secret') {
    card.append(element('p', { class: 'muted', text: 'Votes may change until the chair closes the vote.' }));
  }
  const mine = myVotes.get(motion.id) ?? (myChoice && (motion.status === 'open' || motion.status === 'closed') ? { choice: myChoice } : undefined);
  if (mine) {
    card.append(element('p', { 'data-my-vote': mine.choice, text: `Your vote: ${mine.choice}` },
      mine.changedFrom ? element('span', { 'data-changed-from': mine.changedFrom, text: ` (changed from ${mine.changedFrom} to ${mine.choice} at ${time(mine.castAt)})` }) : null,
      mine.receipt ? element('span', { class: 'receipt', text: ` · receipt ${mine.receipt} (keep it to verify your vote) ` }) : null,
      mine.receipt ? element('button', { type: 'button', class: 'secondary', text: 'Verify', onclick: async (event) => {
        const verified = await command('vote.verify', { motion: motion.id, receipt: mine.receipt });
        event.target.replaceWith(element('span', { 'data-verified': verified.choice, text: `counted as ${verified.choice}` }));
      } }) : null));
  }
  if (motion.status === 'open' || motion.status === 'closed') {
    card.append(tallyChart(motion, tally));
    const list = votedList(motion, voters);
    if (list) card.append(list);
  }
  if (motion.status === 'closed') {
    card.append(element('p', { class: `outcome-${motion.outcome}`, 'data-outcome': motion.outcome, text: `Outcome: ${motion.outcome.replace('_', ' ')}` }));
    if (rollCall?.length) card.append(element('p', { class: 'muted', text: `Roll call (final; votes could change until the close): ${rollCall.map((r) => `${r.displayName} ${r.choice}`).join('; ')}` }));
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
      element('li', { 'data-proxy': p.id, text: `${nameOf(p.delegator)} → ${nameOf(p.holder)}${p.motion ? ` (motion ${p.motion}${p.choice ? `, directed: ${p.choice}` : ''})` : ' (whole meeting)'} ` },
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

/** The item under discussion: the first one not yet closed, while the meeting is in session. */
const currentItem = () => (state.meeting.status === 'in_session' ? state.agenda.find((a) => !a.closedAt) : undefined);

function agendaItem(item) {
  const attached = papers.filter((paper) => paper.agendaItem === item.id);
  const motions = state.motions.filter((m) => m.motion.agendaItem === item.id);
  const current = currentItem()?.id === item.id;
  return element('li', { 'data-agenda-item': item.id, 'data-closed': String(Boolean(item.closedAt)), 'data-current': String(current) },
    element('span', { class: 'agenda-title', text: item.title }),
    element('span', { class: 'agenda-state', text: item.closedAt ? `closed ${time(item.closedAt)}` : current ? 'under discussion' : '' }),
    motions.length ? element('ul', { class: 'agenda-motions', 'aria-label': `Motions under ${item.title}` },
      ...motions.map((m) => element('li', { text: `${m.motion.title} — ${stateInWords(m.motion)}` }))) : null,
    attached.length ? element('ul', { class: 'papers' }, ...attached.map(paperLink)) : null,
    adjourned() ? null : element('button', { type: 'button', class: 'secondary', text: 'New paper', 'aria-label': `New paper for ${item.title}`, onclick: () => newPaper(item.id) }),
    isChair() && current ? element('button', { type: 'button', class: 'secondary', 'data-close-item': item.id, text: 'Close this item', onclick: () => command('meeting.agenda.close', { item: item.id }) }) : null);
}

function renderProposeForm() {
  const seat = mySeat();
  const mayPropose = Boolean(seat?.present) && !adjourned();
  document.getElementById('propose-box').hidden = !mayPropose;
  const hint = document.getElementById('propose-hint');
  hint.hidden = mayPropose;
  hint.textContent = adjourned() ? 'The meeting has been adjourned: no more motions.'
    : seat ? 'Check in to propose or second motions.' : 'Only participants propose and second motions.';
  const select = document.getElementById('propose-agenda');
  const chosen = select.value;
  const open = state.agenda.filter((a) => !a.closedAt);
  select.replaceChildren(new Option('None (general business)', ''), ...open.map((a) => new Option(a.title, a.id)));
  // the item under discussion, unless the proposer chose another (or none)
  const keep = select.dataset.touched === 'true' && (chosen === '' || open.some((a) => String(a.id) === chosen));
  select.value = keep ? chosen : String((currentItem() ?? open[0])?.id ?? '');
  document.getElementById('motions-note').textContent = adjourned() ? ''
    : !state.quorum.met ? 'The meeting is not quorate: motions may be proposed and seconded, and wait for quorum before their vote opens.'
      : state.meeting.status === 'scheduled' ? 'Votes open once the chair opens the meeting.' : '';
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
  renderHeader();
  renderQuorum(state.quorum);
  renderAttendance();
  renderProposeForm();
  document.getElementById('motions').replaceChildren(...(state.motions.length
    ? state.motions.map(motionCard)
    : [element('p', { class: 'muted', text: 'No motions yet.' })]));
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
    if (data.voted) votedLive.set(data.motion, new Set(data.voted));
    const motion = state.motions.find((m) => m.motion.id === data.motion);
    const chart = document.querySelector(`[data-tally="${data.motion}"]`);
    if (motion && chart) chart.replaceWith(tallyChart(motion.motion, tallies.get(data.motion)));
    const list = document.querySelector(`[data-motion="${data.motion}"] .voted-list`);
    if (motion && list) list.replaceWith(votedList(motion.motion, motion.voters));
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
document.getElementById('propose-agenda').addEventListener('change', (event) => (event.target.dataset.touched = 'true'));
document.getElementById('meeting-start').addEventListener('click', async () => {
  await command('meeting.start', { meeting: meetingId });
  refreshSoon();
});
document.getElementById('meeting-adjourn').addEventListener('click', async () => {
  if (!window.confirm('Adjourn the meeting? Motions not yet voted on lapse, and no more votes can be taken.')) return;
  await command('meeting.adjourn', { meeting: meetingId });
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
  const agendaItemId = document.getElementById('propose-agenda').value;
  if (agendaItemId) data.agendaItem = Number(agendaItemId);
  if (seconds > 0) data.votingSeconds = seconds;
  await command('motion.propose', data);
  event.target.reset();
  delete document.getElementById('propose-agenda').dataset.touched;
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
    if (failure.code === 'MEETING_NOT_FOUND' || failure.code === 'ROOM_FORBIDDEN' || failure.code === 'ROOM_NOT_FOUND') {
      closePage(alertLine, 'This meeting is not open to you: only its participants, its organizers and officers see it.');
      client.close?.();
    } else {
      alertLine.textContent = `This meeting cannot be shown just now: ${failure.message}`;
    }
  }
});
client.connect();
