import { appUrl, clientConfig, mintDevelopmentToken, saveSession, tokenClaims } from '../session.js';

const params = new URLSearchParams(location.search);
const errorLine = document.getElementById('sign-in-error');

/** Only paths of this application: a sign-in page must not redirect anywhere it is told. */
function nextPage() {
  const next = params.get('next');
  if (next && next.startsWith(appUrl('').pathname) && !next.startsWith('//')) return next;
  return appUrl('lobby.html');
}

function useHostToken(token) {
  const claims = tokenClaims(token);
  saveSession({ token, organization: claims.org, member: claims.sub ?? claims.upn, source: 'host' });
  location.replace(nextPage());
}

async function developmentSignIn() {
  const section = document.getElementById('development');
  section.hidden = false;
  const select = document.getElementById('organization');
  const organizations = await (await fetch(appUrl('api/dev/organizations'))).json();
  for (const { organization, name } of organizations) select.add(new Option(`${name} (${organization})`, organization));
  select.value = organizations.some((o) => o.organization === 'acme') ? 'acme' : select.value;
  const ttlSeconds = Number(params.get('ttl')) || 3600;
  const list = document.getElementById('members');
  async function showMembers() {
    list.replaceChildren();
    const members = await (await fetch(appUrl(`api/dev/members?organization=${encodeURIComponent(select.value)}`))).json();
    for (const member of members) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary';
      button.dataset.member = member.member;
      button.textContent = `${member.displayName} — ${member.roles.join(', ')}`;
      button.addEventListener('click', async () => {
        try {
          const token = await mintDevelopmentToken(member.organization, member.member, ttlSeconds);
          saveSession({
            token,
            organization: member.organization,
            member: member.member,
            source: 'development',
            ttlSeconds,
          });
          location.assign(nextPage());
        } catch (failure) {
          errorLine.textContent = failure.message;
        }
      });
      const item = document.createElement('li');
      item.append(button);
      list.append(item);
    }
  }
  select.addEventListener('change', showMembers);
  await showMembers();
}

async function start() {
  // the host application may hand a token over in the fragment (never sent to any server)
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('token')) {
    history.replaceState(null, '', location.pathname + location.search);
    useHostToken(fragment.get('token'));
    return;
  }
  const config = await clientConfig();
  if (config.developmentSignIn) {
    await developmentSignIn();
    return;
  }
  if (config.signInUrl) {
    const back = new URL(location.href);
    location.assign(`${config.signInUrl}${config.signInUrl.includes('?') ? '&' : '?'}return=${encodeURIComponent(back)}`);
    return;
  }
  document.getElementById('host').hidden = false;
  document.getElementById('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      useHostToken(document.getElementById('token').value.trim());
    } catch {
      errorLine.textContent = 'That is not a token.';
    }
  });
}

start().catch((failure) => {
  errorLine.textContent = `Sign-in is unavailable: ${failure.message}`;
});
