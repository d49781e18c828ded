// The pages' sign-in state and REST calls. The token lives in sessionStorage (one per tab, gone with the
// tab); every URL is relative to the application's root, so the pages work under any context path and
// behind a reverse proxy that maps Quorum somewhere else.

import { ConnectionState, QuorumClient } from './quorum.js';

const SESSION_KEY = 'quorum.session';

/** The application's root: the folder above js/. */
export const appRoot = new URL('../', import.meta.url);

export function appUrl(path) {
  return new URL(path, appRoot);
}

/** A token's claims, decoded (not verified: the server does that). */
export function tokenClaims(token) {
  return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
}

function expiryOf(token) {
  try {
    return tokenClaims(token).exp * 1000;
  } catch {
    return 0;
  }
}

export function currentSession() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_KEY));
  } catch {
    return null;
  }
}

/** Remembers a token; source is "development" (minted here) or "host" (handed over by the host application). */
export function saveSession({ token, organization, member, source, ttlSeconds }) {
  const session = { token, organization, member, source, ttlSeconds, expiresAt: expiryOf(token) };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
}

/** The header Quorum's session calls require: another site's page cannot send it with the session cookie. */
const SESSION_HEADERS = { 'X-Quorum-Session': '1' };

/**
 * Signs out. A browser signed in through the identity provider ends its Quorum session and then the
 * provider's, which sends it back to the sign-in page.
 */
export async function signOut() {
  const session = currentSession();
  sessionStorage.removeItem(SESSION_KEY);
  if (session?.source === 'oidc') {
    try {
      const response = await fetch(appUrl('api/auth/session/sign-out'), {
        method: 'POST',
        headers: SESSION_HEADERS,
        credentials: 'same-origin',
        cache: 'no-store',
      });
      if (response.ok) {
        location.assign((await response.json()).location);
        return;
      }
    } catch {
      // the server is out of reach: the tab forgets its token at least
    }
  }
  location.assign(appUrl('sign-in.html'));
}

/**
 * A session token for a browser signed in through the identity provider (by its session cookie);
 * null once that session has ended.
 */
export async function fetchSessionToken() {
  const response = await fetch(appUrl('api/auth/session/token'), {
    method: 'POST',
    headers: SESSION_HEADERS,
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (response.status === 401 || response.status === 403) return null;
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.message ?? `the session service answered ${response.status}`);
  return body;
}

let configPromise;
export function clientConfig() {
  configPromise ??= fetch(appUrl('api/client-config'), { cache: 'no-store' }).then((r) => r.json());
  return configPromise;
}

export async function mintDevelopmentToken(organization, member, ttlSeconds) {
  const response = await fetch(appUrl('api/dev/tokens'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ organization, member, ttlSeconds }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body.message ?? `sign-in refused (${response.status})`);
  return body.token;
}

/**
 * The token source of the client and of the REST calls. Development: mints a new token for the same
 * member. Production: asks the host application's token URL (with its own cookie), if one is configured.
 */
export async function getToken({ force = false } = {}) {
  const session = currentSession();
  if (!session) return null;
  const fresh = session.expiresAt - Date.now() > 15000;
  if (!force && fresh) return session.token;
  if (session.source === 'development') {
    const token = await mintDevelopmentToken(session.organization, session.member, session.ttlSeconds);
    return saveSession({ ...session, token }).token;
  }
  if (session.source === 'oidc') {
    const issued = await fetchSessionToken();
    return issued ? saveSession({ ...session, token: issued.token }).token : null;
  }
  const config = await clientConfig();
  if (config.tokenUrl) {
    const response = await fetch(config.tokenUrl, { credentials: 'include', cache: 'no-store' });
    if (response.ok) {
      const body = await response.json();
      return saveSession({ ...session, token: body.token }).token;
    }
    if (response.status === 401 || response.status === 403) return null;
    throw new Error(`the host application's token service answered ${response.status}`);
  }
  return session.expiresAt > Date.now() ? session.token : null;
}

/**
 * The signed-in session; when there is none, sends the browser to sign in (and back here afterwards)
 * and never resolves, so the page's script stops where it awaited it.
 */
export function requireSession() {
  const session = currentSession();
  if (!session) {
    const here = location.pathname + location.search;
    location.assign(appUrl(`sign-in.html?next=${encodeURIComponent(here)}`));
    return new Promise(() => {});
  }
  return Promise.resolve(session);
}

/** A REST call with the session's token; answers the parsed body, or throws with the server's message. */
export async function api(path, { method = 'GET', body } = {}) {
  for (let round = 0; round < 2; round++) {
    const token = await getToken({ force: round > 0 });
    if (!token) signOut();
    const response = await fetch(appUrl(`api/${path}`), {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    if (response.status === 401 && round === 0) continue;
    if (response.status === 204) return null;
    const parsed = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error(parsed?.message ?? `${method} ${path} failed (${response.status})`);
      error.code = parsed?.code;
      throw error;
    }
    return parsed;
  }
  return null;
}

export function createClient(options = {}) {
  return new QuorumClient({ baseUrl: appRoot, getToken, ...options });
}

const BADGE_TEXT = {
  [ConnectionState.IDLE]: 'Not connected',
  [ConnectionState.CONNECTING]: 'Connecting…',
  [ConnectionState.OPEN]: 'Connected',
  [ConnectionState.RECONNECTING]: 'Reconnecting',
  [ConnectionState.OFFLINE]: 'Offline',
  [ConnectionState.CLOSED]: 'Disconnected',
};

/** Keeps a status element in step with the client's connection state (announced politely to screen readers). */
export function connectionBadge(client, element) {
  let countdown;
  client.addEventListener('state', ({ detail }) => {
    clearInterval(countdown);
    element.dataset.state = detail.state;
    if (detail.sessionId) element.dataset.sessionId = detail.sessionId;
    let text = BADGE_TEXT[detail.state] ?? detail.state;
    if (detail.state === ConnectionState.RECONNECTING && detail.delay !== undefined) {
      const until = Date.now() + detail.delay;
      const render = () => {
        const seconds = Math.max(0, Math.ceil((until - Date.now()) / 1000));
        element.textContent = `${text} (attempt ${detail.attempt}, in ${seconds} s)`;
      };
      render();
      countdown = setInterval(render, 1000);
      return;
    }
    if (detail.state === ConnectionState.CLOSED && detail.reason) text = `${text}: ${detail.reason}`;
    element.textContent = text;
  });
}

/** The header's member line and sign-out button. */
/**
 * A page the member may not use: says so once, in the alert line, with the way back, and hides everything else
 * on the page (no button, box or form that could only fail).
 */
export function closePage(alertLine, message) {
  const back = Object.assign(document.createElement('a'), { href: appUrl('lobby.html').href, textContent: 'Back to the rooms and meetings' });
  alertLine.replaceChildren(`${message} `, back);
  for (const part of document.querySelectorAll('main > *')) {
    if (part !== alertLine) part.hidden = true;
  }
}

/** Downloads what an API path answers as the file it names (Content-Disposition), with the member's token. */
export async function downloadFile(path, fallbackName) {
  const token = await getToken();
  const response = await fetch(appUrl(`api/${path}`), { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
  if (!response.ok) {
    const parsed = await response.json().catch(() => null);
    throw new Error(parsed?.message ?? `the server answered ${response.status}`);
  }
  const name = decodeURIComponent((response.headers.get('Content-Disposition') ?? '').split("''")[1] ?? fallbackName);
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(await response.blob()), download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** The header's "who is signed in": the member's and organization's names once known, never their ids. */
export function renderMemberBar(element, session) {
  const who = element.querySelector('[data-member]');
  who.textContent = 'Signed in';
  api('me').then((me) => {
    who.textContent = `${me.displayName} · ${me.organizationName}`;
    who.dataset.memberId = me.member;
  }, () => {});
  element.querySelector('[data-sign-out]').addEventListener('click', signOut);
}

export function formatTime(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
