import { api, closePage, connectionBadge, createClient, formatTime, renderMemberBar, requireSession } from '../session.js';
import { mountNotices } from '../notices.js';

const session = await requireSession();
renderMemberBar(document.getElementById('bar'), session);
const $ = (id) => document.getElementById(id);
const errorLine = $('compliance-error');

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  return td;
}

function button(text, onClick, label) {
  const b = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: text });
  if (label) b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

// ---- findings -------------------------------------------------------------------------------------------

async function loadFindings() {
  const [open, acknowledged] = await Promise.all([
    api('compliance/findings?status=open&limit=200'),
    api('compliance/findings?status=acknowledged&limit=200'),
  ]);
  $('findings').replaceChildren(...[...open, ...acknowledged].sort((a, b) => b.id - a.id).map((finding) => {
    const row = document.createElement('tr');
    row.dataset.finding = finding.id;
    row.dataset.severity = finding.severity;
    const where = finding.reference ?? (finding.room ? `room ${finding.room}` : '');
    const actions = document.createElement('td');
    if (finding.status === 'open') {
      actions.append(button('Acknowledge', () => settle(finding.id, 'acknowledge'), `Acknowledge finding ${finding.id}`), ' ');
    }
    actions.append(button('Resolve', () => settle(finding.id, 'resolve'), `Resolve finding ${finding.id}`));
    row.append(cell(new Date(finding.at).toLocaleString()), cell(finding.category.replaceAll('_', ' ')), cell(finding.severity),
      cell(`${finding.source} ${where}`), cell(finding.actor), cell(finding.excerpt), cell(finding.status), actions);
    return row;
  }));
}

async function settle(id, how) {
  try {
    await api(`compliance/findings/${id}/${how}`, { method: 'POST' });
    errorLine.textContent = '';
    await loadFindings();
  } catch (failure) {
    errorLine.textContent = `Not done: ${failure.message}`;
  }
}

// ---- risk and deadlines --------------------------------------------------------------------------------

async function loadRisk() {
  const [organization, ...meetings] = await api('compliance/risk');
  $('risk').textContent = `Organization: ${organization.level} (score ${organization.score})`;
  $('risk').dataset.level = organization.level;
  $('meeting-risks').replaceChildren(...meetings.map((m) => Object.assign(document.createElement('li'), {
    textContent: `${m.title}: ${m.level} (score ${m.score})`,
  })));
}

async function loadDeadlines() {
  const deadlines = await api('compliance/deadlines');
  $('deadlines').replaceChildren(...deadlines.map((d) => {
    const row = document.createElement('tr');
    row.dataset.deadline = d.id;
    const when = d.status !== 'open' ? d.dueOn
      : d.daysLeft < 0 ? `${d.dueOn} (overdue by ${-d.daysLeft} days)` : d.daysLeft === 0 ? `${d.dueOn} (today)` : `${d.dueOn} (in ${d.daysLeft} days)`;
    const actions = document.createElement('td');
    if (d.status === 'open') {
      actions.append(button('Done', () => settleDeadline(d.id, 'done'), `Mark ${d.title} done`), ' ',
        button('Cancel', () => settleDeadline(d.id, 'cancel'), `Cancel ${d.title}`));
    }
    row.append(cell(when), cell(d.title), cell(d.kind.replaceAll('_', ' ')), cell(d.status), actions);
    return row;
  }));
}

async function settleDeadline(id, how) {
  try {
    await api(`compliance/deadlines/${id}/${how}`, { method: 'POST' });
    errorLine.textContent = '';
    await Promise.all([loadDeadlines(), loadRisk()]);
  } catch (failure) {
    errorLine.textContent = `Not done: ${failure.message}`;
  }
}

$('new-deadline').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await api('compliance/deadlines', { method: 'POST', body: { title: $('deadline-title').value, kind: $('deadline-kind').value, dueOn: $('deadline-due').value } });
    errorLine.textContent = '';
    $('deadline-title').value = '';
    await loadDeadlines();
  } catch (failure) {
    errorLine.textContent = `The deadline was not added: ${failure.message}`;
  }
});

// ---- rules --------------------------------------------------------------------------------------------

const select = (options, value, label) => {
  const s = document.createElement('select');
  s.setAttribute('aria-label', label);
  for (const option of options) s.append(new Option(option, option, false, option === value));
  return s;
};

const input = (value, label, attributes = {}) => {
  const field = Object.assign(document.createElement('input'), { value: value ?? '', ...attributes });
  field.setAttribute('aria-label', label);
  return field;
};

/** The inputs of a rule's own parameters: a phone region, earnings release dates, division barriers. */
function parameterInputs(rule, name) {
  const given = rule.parameters ?? {};
  const node = document.createElement('span');
  if (rule.category === 'phone') {
    const region = input(given.region, `${name} region`, { size: 3, maxLength: 2 });
    node.append(region);
    return { node, read: () => (region.value ? { region: region.value.toUpperCase() } : {}) };
  }
  if (rule.category === 'mnpi') {
    const dates = input((given.releaseDates ?? []).join(', '), `${name} earnings release dates`, { placeholder: 'release dates, e.g. 2027-02-14', size: 28 });
    const days = input(given.blackoutDays ?? 14, `${name} blackout days before a release`, { type: 'number', min: 1, max: 90, size: 3 });
    node.append(dates, ' ', days, ' days before');
    return {
      node,
      read: () => ({ releaseDates: dates.value.split(/[,\s]+/).filter(Boolean), blackoutDays: Number(days.value) }),
    };
  }
  if (rule.category === 'information_barrier') {
    const pairs = (given.barriers ?? []).map((b) => b.divisions.join(' | ')).join('; ');
    const barriers = input(pairs, `${name} divisions kept apart`, { placeholder: 'Research | Banking; …', size: 28 });
    node.append(barriers);
    return {
      node,
      read: () => ({
        barriers: barriers.value.split(';').map((pair) => pair.split('|').map((d) => d.trim())).filter((d) => d.length === 2 && d[0] && d[1])
          .map((divisions) => ({ divisions })),
      }),
    };
  }
  return { node, read: () => ({}) };
}

async function loadRules() {
  const rules = await api('compliance/rules');
  $('rules').replaceChildren(...rules.map((rule) => {
    const row = document.createElement('tr');
    row.dataset.category = rule.category;
    const name = rule.category.replaceAll('_', ' ');
    const on = Object.assign(document.createElement('input'), { type: 'checkbox', checked: rule.enabled });
    on.setAttribute('aria-label', `${name} on`);
    const severity = select(['low', 'medium', 'high', 'critical'], rule.severity, `${name} severity`);
    // a barrier is about who posts where: there is nothing in the text to mask
    const actions = rule.category === 'information_barrier' ? ['allow', 'flag', 'block'] : ['allow', 'flag', 'redact', 'block'];
    const action = select(actions, rule.action, `${name} action`);
    const parameters = parameterInputs(rule, name);
    const save = button('Save', async () => {
      const body = { enabled: on.checked, severity: severity.value, action: action.value, ...parameters.read() };
      try {
        await api(`compliance/rules/${rule.category}`, { method: 'PUT', body });
        errorLine.textContent = '';
        await loadRules();
      } catch (failure) {
        errorLine.textContent = `The rule was not changed: ${failure.message}`;
      }
    }, `Save the ${name} rule`);
    const wrap = (node) => { const td = document.createElement('td'); td.append(node); return td; };
    row.append(cell(name), wrap(on), wrap(severity), wrap(action), wrap(parameters.node), cell(`v${rule.version}`), wrap(save));
    return row;
  }));
}

// ---- dry run --------------------------------------------------------------------------------------------

$('scan').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const result = await api('compliance/scan', { method: 'POST', body: { text: $('scan-text').value } });
    $('scan-masked').textContent = result.blockedBy
      ? `Would be refused (rule ${result.blockedBy}).`
      : `Would be stored as: ${result.maskedText}`;
    const chars = Array.from($('scan-text').value);
    $('scan-findings').replaceChildren(...result.findings.map((f) => {
      const item = document.createElement('li');
      item.dataset.category = f.category;
      item.textContent = `${f.category.replaceAll('_', ' ')} (${f.severity}, ${f.action}): “${chars.slice(f.start, f.end).join('')}” at ${f.start}–${f.end}`;
      return item;
    }));
    if (result.findings.length === 0) $('scan-findings').replaceChildren(Object.assign(document.createElement('li'), { textContent: 'Nothing found.' }));
  } catch (failure) {
    errorLine.textContent = `The text was not tested: ${failure.message}`;
  }
});

// ---- live alerts ------------------------------------------------------------------------------------------

const client = createClient();
mountNotices(session, client);
connectionBadge(client, $('connection'));
client.addEventListener('compliance.alert', ({ detail }) => {
  const item = document.createElement('li');
  item.className = 'priority-critical-row';
  item.dataset.finding = detail.finding;
  const repeat = detail.escalation > 0 ? ` (repeat ${detail.escalation}${detail.adminsAlerted ? ', admins alerted' : ''})` : '';
  item.textContent = `${formatTime(new Date().toISOString())} · ${detail.category.replaceAll('_', ' ')} by ${detail.actor ?? 'unknown'} in ${detail.source}${repeat}: ${detail.excerpt} `;
  item.append(button('Acknowledge', () => settle(detail.finding, 'acknowledge'), `Acknowledge finding ${detail.finding}`));
  $('alerts').prepend(item);
  loadFindings().catch(() => undefined);
});
client.addEventListener('risk.level', () => loadRisk().catch(() => undefined));
client.addEventListener('deadline.reminder', ({ detail }) => {
  const item = document.createElement('li');
  item.className = detail.stage === 'overdue' ? 'priority-critical-row' : '';
  item.textContent = `${formatTime(new Date().toISOString())} · deadline ${detail.stage.replaceAll('_', ' ')}: ${detail.title} (due ${detail.dueOn})`;
  $('alerts').prepend(item);
  loadDeadlines().catch(() => undefined);
});
client.connect();

let permitted = true;
try {
  await Promise.all([loadFindings(), loadRules(), loadRisk(), loadDeadlines()]);
} catch (failure) {
  permitted = !(failure.code === 'FORBIDDEN' || /403/.test(failure.message));
  if (permitted) errorLine.textContent = `The page could not be loaded: ${failure.message}`;
  else closePage(errorLine, 'This page is for compliance officers and admins.');
}
if (permitted) setInterval(() => loadFindings().catch(() => undefined), 15000);
