import { api, closePage, renderMemberBar, requireSession } from '../session.js';
import { mountNotices } from '../notices.js';

const session = await requireSession();
renderMemberBar(document.getElementById('bar'), session);
mountNotices(session);
const errorLine = document.getElementById('admin-error');
const HISTORY = 60; // samples kept for the charts (two minutes at one sample every two seconds)
const samples = [];

/** Draws series into a sparkline, oldest sample on the left; all series of one chart share its scale. */
function sparkline(svg, seriesByName, unit) {
  const all = Object.values(seriesByName).flat();
  const top = Math.max(1, ...all) * 1.1;
  svg.parentElement.querySelector('[data-scale]').textContent = `top of the chart: ${top.toFixed(top < 10 ? 1 : 0)}${unit}`;
  for (const [name, values] of Object.entries(seriesByName)) {
    const line = svg.querySelector(name === 'value' ? 'polyline' : `polyline[data-series="${name}"]`);
    const step = 120 / Math.max(1, values.length - 1);
    line.setAttribute('points', values.map((v, i) => `${(i * step).toFixed(1)},${(39 - (v / top) * 37).toFixed(1)}`).join(' '));
  }
}

function setValue(id, text) {
  document.querySelector(`#${id} [data-value]`).textContent = text;
}

async function pollStats() {
  const stats = await api('admin/stats');
  samples.push(stats);
  if (samples.length > HISTORY) samples.shift();
  document.getElementById('stats-node').textContent = `· node ${stats.node}`;
  setValue('stat-connections', String(stats.connections));
  setValue('stat-rate', stats.messagesPerSecond.toFixed(1));
  const { p50Millis, p95Millis, p99Millis } = stats.latency;
  setValue('stat-latency', `${p50Millis.toFixed(1)} / ${p95Millis.toFixed(1)} / ${p99Millis.toFixed(1)} ms`);
  setValue('stat-queues', `${stats.queuedFrames} / ${stats.deepestQueue}`);
  sparkline(document.querySelector('#stat-connections svg'), { value: samples.map((s) => s.connections) }, ' connections');
  sparkline(document.querySelector('#stat-rate svg'), { value: samples.map((s) => s.messagesPerSecond) }, ' messages/s');
  sparkline(document.querySelector('#stat-latency svg'), {
    p50: samples.map((s) => s.latency.p50Millis),
    p95: samples.map((s) => s.latency.p95Millis),
    p99: samples.map((s) => s.latency.p99Millis),
  }, ' ms');
}

const scope = document.getElementById('broadcast-scope');
async function pollRooms() {
  const rooms = await api('admin/rooms');
  const rows = rooms.map((room) => {
    const row = document.createElement('tr');
    row.dataset.room = room.id;
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = room.name;
    const kind = document.createElement('td');
    kind.textContent = `${room.kind}${room.enterable ? '' : ' (you are not a member)'}`;
    const count = document.createElement('td');
    count.textContent = room.lastSequence;
    const online = document.createElement('td');
    online.dataset.online = room.online.length;
    online.textContent = room.online.length ? room.online.map((m) => m.displayName).join(', ') : '—';
    row.append(name, kind, count, online);
    return row;
  });
  document.getElementById('rooms').replaceChildren(...rows);
  if (scope.options.length === 1) {
    // a room the admin may not enter takes no broadcast from them
    for (const room of rooms.filter((r) => r.enterable)) scope.add(new Option(`Room: ${room.name} (kept in its history)`, room.id));
  }
}

let polling;
async function poll() {
  try {
    await Promise.all([pollStats(), pollRooms()]);
    errorLine.textContent = '';
  } catch (failure) {
    if (failure.code === 'FORBIDDEN') {
      // said once, with the way back; nothing else on the page could work
      clearInterval(polling);
      closePage(errorLine, 'This page is for administrators of the organization.');
      return false;
    }
    errorLine.textContent = `The figures could not be read just now: ${failure.message}`;
  }
  return true;
}

async function loadMembers() {
  const members = await api('members');
  const select = document.getElementById('disconnect-member');
  for (const member of members) select.add(new Option(member.displayName, member.id));
}

document.getElementById('broadcast').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = document.getElementById('broadcast-result');
  try {
    const sent = await api('admin/broadcast', {
      method: 'POST',
      body: {
        room: scope.value ? Number(scope.value) : null,
        priority: document.getElementById('broadcast-priority').value,
        text: document.getElementById('broadcast-text').value,
      },
    });
    result.textContent = sent.sequence ? `Sent to the room as message ${sent.sequence}.` : 'Sent to the organization.';
    document.getElementById('broadcast-text').value = '';
  } catch (failure) {
    result.textContent = `Not sent: ${failure.message}`;
  }
});

document.getElementById('new-room').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = document.getElementById('new-room-result');
  const accessRule = event.target.querySelector('input[name="room-access"]:checked').value;
  const roles = [...document.querySelectorAll('#room-roles input:checked')].map((box) => box.value);
  if (accessRule === 'roles' && roles.length === 0) {
    result.textContent = 'Choose at least one role.';
    return;
  }
  try {
    const room = await api('admin/rooms', {
      method: 'POST',
      body: {
        name: document.getElementById('room-name').value,
        kind: document.getElementById('room-kind').value,
        accessRule,
        ...(accessRule === 'roles' ? { accessRoles: roles } : {}),
        confidential: document.getElementById('room-confidential').checked,
      },
    });
    result.textContent = `${room.name} was created.`;
    event.target.reset();
    scope.add(new Option(`Room: ${room.name} (kept in its history)`, room.id));
    await pollRooms();
  } catch (failure) {
    result.textContent = `Not created: ${failure.message}`;
  }
});

// ---- defaults for new meetings --------------------------------------------------------------------
const defaultsForm = document.getElementById('meeting-defaults');
let meetingDefaults = [];

function showMeetingDefaults() {
  const kind = document.getElementById('defaults-kind').value;
  const defaults = meetingDefaults.find((d) => d.kind === kind);
  if (!defaults) return;
  document.getElementById('defaults-rule').value = defaults.quorumRule;
  document.getElementById('defaults-value').value = defaults.quorumRule === 'majority_of_seats' ? '' : defaults.quorumValue;
  document.getElementById('defaults-value').disabled = defaults.quorumRule === 'majority_of_seats';
  document.getElementById('defaults-agenda').value = defaults.agenda.join('\n');
}

async function loadMeetingDefaults() {
  meetingDefaults = await api('admin/meeting-defaults');
  showMeetingDefaults();
}

document.getElementById('defaults-kind').addEventListener('change', showMeetingDefaults);
document.getElementById('defaults-rule').addEventListener('change', (event) => {
  document.getElementById('defaults-value').disabled = event.target.value === 'majority_of_seats';
});
defaultsForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = document.getElementById('meeting-defaults-result');
  const kind = document.getElementById('defaults-kind').value;
  const quorumRule = document.getElementById('defaults-rule').value;
  const value = document.getElementById('defaults-value').value;
  const agenda = document.getElementById('defaults-agenda').value.split('\n').map((line) => line.trim()).filter(Boolean);
  try {
    const saved = await api(`admin/meeting-defaults/${kind}`, {
      method: 'PUT',
      body: { quorumRule, ...(quorumRule === 'majority_of_seats' ? {} : { quorumValue: Number(value) }), agenda },
    });
    meetingDefaults = meetingDefaults.map((d) => (d.kind === kind ? saved : d));
    result.textContent = `Saved: new ${kind} meetings start with these.`;
  } catch (failure) {
    result.textContent = `Not saved: ${failure.message}`;
  }
});

document.getElementById('disconnect').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = document.getElementById('disconnect-result');
  const select = document.getElementById('disconnect-member');
  const member = select.value;
  const name = select.selectedOptions[0]?.textContent;
  if (!member) {
    result.textContent = 'Choose the member to disconnect.';
    return;
  }
  try {
    const done = await api(`admin/members/${encodeURIComponent(member)}/disconnect`, { method: 'POST' });
    result.textContent = `${name} was disconnected (${done.connectionsOnThisNode} connection(s) on this node; other nodes too).`;
  } catch (failure) {
    result.textContent = `Not disconnected: ${failure.message}`;
  }
});

if (await poll()) {
  polling = setInterval(poll, 2000);
  loadMembers().catch(() => {});
  loadMeetingDefaults().catch(() => {});
}
