import { appUrl, clientConfig, fetchSessionToken, mintDevelopmentToken, saveSession, tokenClaims } from '../session.js';

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

/** What a refused sign-in through the identity provider means, by the code Quorum sent the browser back with. */
const SIGN_IN_ERRORS = {
  MEMBER_UNKNOWN: 'You signed in at your identity provider, but Quorum has no member of that name in your organization. Ask your administrator to give you access.',
  MEMBER_INACTIVE: 'Your access to Quorum has been switched off. Ask your administrator.',
  ORGANIZATION_SUSPENDED: 'Your organization is suspended on this Quorum installation.',
  SIGN_IN_FAILED: 'The sign-in could not be completed (it took too long, was cancelled, or was refused). Please try again.',
  SIGN_IN_PROVIDER_UNAVAILABLE: 'Your identity provider cannot be reached at the moment. Please try again shortly.',
  SIGN_IN_CLAIM_MISSING: 'Your identity provider did not say who you are or which organization you belong to. Ask your administrator.',
  SIGN_IN_NOT_CONFIGURED: 'Sign-in through an identity provider is not set up on this server.',
};

/** Back from the identity provider: the first session token makes the tab signed in. */
async function finishProviderSignIn({ quiet = false } = {}) {
  const issued = await fetchSessionToken().catch(() => null);
  if (!issued) {
    if (!quiet) errorLine.textContent = SIGN_IN_ERRORS.SIGN_IN_FAILED;
    return false;
  }
  saveSession({ token: issued.token, organization: issued.organization, member: issued.member, source: 'oidc' });
  location.replace(nextPage());
  return true;
}

function offerProviderSignIn(providerName) {
  const section = document.getElementById('provider');
  section.hidden = false;
  const link = document.getElementById('provider-sign-in');
  link.textContent = `Sign in with ${providerName}`;
  link.href = appUrl(`api/auth/oidc/sign-in?next=${encodeURIComponent(nextPage().toString().replace(location.origin, ''))}`);
}

async function start() {
  if (params.get('error')) {
    errorLine.textContent = SIGN_IN_ERRORS[params.get('error')] ?? 'The sign-in was refused.';
  }
  if (params.get('signed-out')) {
    document.getElementById('signed-out').hidden = false;
  }
  if (params.get('signed-in') === 'oidc' && (await finishProviderSignIn())) {
    return;
  }
  // the host application may hand a token over in the fragment (never sent to any server)
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('token')) {
    history.replaceState(null, '', location.pathname + location.search);
    useHostToken(fragment.get('token'));
    return;
  }
  const config = await clientConfig();
  if (config.identityProvider) {
    // another tab of this browser may have signed in already: its session cookie serves this tab too
    if (!params.get('error') && !params.get('signed-out') && (await finishProviderSignIn({ quiet: true }))) {
      return;
    }
    offerProviderSignIn(config.identityProvider);
  }
  if (config.developmentSignIn) {
    await developmentSignIn();
    return;
  }
  if (config.identityProvider) {
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
