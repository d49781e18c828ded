import { api, appUrl, closePage, formatTime, renderMemberBar, requireSession } from '../session.js';

const session = await requireSession();
renderMemberBar(document.getElementById('bar'), session);
const errorLine = document.getElementById('platform-error');
let shownTokens = null; // the slug whose tokens are shown

function button(text, onClick, { secondary = true } = {}) {
  const element = Object.assign(document.createElement('button'), { type: 'button', textContent: text });
  if (secondary) element.className = 'secondary';
  element.addEventListener('click', onClick);
  return element;
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

/** Runs a change and says in the alert line what went wrong, in the server's words. */
async function change(what, call) {
  try {
    await call();
    errorLine.textContent = '';
    await loadOrganizations();
  } catch (failure) {
    errorLine.textContent = `${what} failed: ${failure.message}`;
  }
}

async function loadOrganizations() {
  const organizations = await api('platform/organizations');
  const rows = organizations.map((organization) => {
    const row = document.createElement('tr');
    row.dataset.slug = organization.slug;
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = organization.name;
    const status = cell(organization.status);
    status.dataset.status = organization.status;
    const actions = document.createElement('td');
    const path = `platform/organizations/${encodeURIComponent(organization.slug)}`;
    if (organization.status === 'active') {
      actions.append(button('Suspend', () => {
        if (confirm(`Suspend ${organization.name}? Its members are disconnected and cannot sign in until it is resumed.`)) {
          change('Suspending', () => api(`${path}/suspend`, { method: 'POST' }));
        }
      }));
    } else if (organization.status === 'suspended') {
      actions.append(
        button('Resume', () => change('Resuming', () => api(`${path}/resume`, { method: 'POST' }))),
        button('Delete', () => {
          if (confirm(`Delete ${organization.name} for good? It cannot be resumed, and its slug stays taken.`)) {
            change('Deleting', () => api(path, { method: 'DELETE' }));
          }
        }),
      );
    }
    if (organization.status !== 'deleted') {
      actions.append(button('Provisioning tokens', () => showTokens(organization)));
    }
    row.append(name, cell(organization.slug), status, cell(organization.members), cell(organization.activeTokens), actions);
    return row;
  });
  document.getElementById('organizations').replaceChildren(...rows);
}

async function showTokens(organization) {
  shownTokens = organization.slug;
  document.getElementById('tokens-card').hidden = false;
  document.getElementById('tokens-organization').textContent = organization.name;
  document.getElementById('scim-url').textContent = appUrl('api/scim/v2').href;
  document.getElementById('issued').hidden = true;
  await loadTokens();
}

async function loadTokens() {
  const path = `platform/organizations/${encodeURIComponent(shownTokens)}/provisioning-tokens`;
  const tokens = await api(path);
  const rows = tokens.map((token) => {
    const row = document.createElement('tr');
    row.dataset.token = token.id;
    const actions = document.createElement('td');
    if (!token.revokedAt) {
      actions.append(button('Revoke', () => {
        if (confirm(`Revoke "${token.label}"? The identity provider using it is refused from its next request.`)) {
          change('Revoking', async () => {
            await api(`${path}/${token.id}`, { method: 'DELETE' });
            await loadTokens();
          });
        }
      }));
    }
    row.append(
      cell(token.label),
      cell(`${new Date(token.createdAt).toLocaleDateString()} ${formatTime(token.createdAt)} by ${token.createdBy}`),
      cell(token.lastUsedAt ? `${new Date(token.lastUsedAt).toLocaleDateString()} ${formatTime(token.lastUsedAt)}` : 'never'),
      cell(token.revokedAt ? 'revoked' : 'active'),
      actions,
    );
    return row;
  });
  document.getElementById('tokens').replaceChildren(...rows);
}

document.getElementById('create-organization').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = document.getElementById('create-result');
  try {
    const created = await api('platform/organizations', {
      method: 'POST',
      body: { name: document.getElementById('organization-name').value, slug: document.getElementById('organization-slug').value },
    });
    result.textContent = `${created.name} was created.`;
    event.target.reset();
    await loadOrganizations();
  } catch (failure) {
    result.textContent = `Not created: ${failure.message}`;
  }
});

document.getElementById('issue-token').addEventListener('submit', async (event) => {
  event.preventDefault();
  await change('Issuing the token', async () => {
    const issued = await api(`platform/organizations/${encodeURIComponent(shownTokens)}/provisioning-tokens`, {
      method: 'POST',
      body: { label: document.getElementById('token-label').value },
    });
    document.getElementById('issued-secret').value = issued.secret;
    document.getElementById('issued').hidden = false;
    event.target.reset();
    await loadTokens();
  });
});

document.getElementById('copy-secret').addEventListener('click', () => {
  navigator.clipboard.writeText(document.getElementById('issued-secret').value).catch(() => {});
});

async function loadSettings() {
  const settings = await api('platform/settings');
  const rows = settings.map((setting) => {
    const row = document.createElement('tr');
    row.dataset.setting = setting.name;
    const name = document.createElement('th');
    name.scope = 'row';
    name.append(Object.assign(document.createElement('code'), { textContent: setting.name }));
    const applies = cell(setting.applies);
    applies.dataset.applies = setting.applies;
    row.append(name, cell(setting.value), cell(setting.defaultValue || '—'), applies, cell(setting.description));
    return row;
  });
  document.getElementById('settings').replaceChildren(...rows);
}

try {
  await loadOrganizations();
  await loadSettings();
} catch (failure) {
  if (failure.code === 'FORBIDDEN') {
    closePage(errorLine, 'This page is for the platform operator.');
  } else {
    errorLine.textContent = `The organizations could not be read: ${failure.message}`;
  }
}
