// Organization notices on every page: the latest kept ones when the page opens (a member who was away sees
// them), new ones as they are broadcast, and — for compliance officers — critical alerts as they are raised.
// A dismissed notice stays dismissed for this member in this browser.
import { api, appUrl, formatTime } from './session.js';

export function mountNotices(session, client) {
  const banner = document.createElement('section');
  banner.className = 'notice-banner';
  banner.id = 'notice-banner';
  banner.setAttribute('aria-label', 'Notices');
  banner.setAttribute('aria-live', 'polite');
  banner.hidden = true;
  document.querySelector('header.bar').after(banner);

  const storageKey = `quorum.notices.dismissed.${session.organization}.${session.member}`;
  const dismissed = new Set(JSON.parse(localStorage.getItem(storageKey) ?? '[]'));
  const dismiss = (key, item) => {
    dismissed.add(key);
    localStorage.setItem(storageKey, JSON.stringify([...dismissed].slice(-200)));
    item.remove();
    banner.hidden = !banner.children.length;
  };

  function show(key, priority, children) {
    if (dismissed.has(key) || banner.querySelector(`[data-notice="${CSS.escape(key)}"]`)) return;
    const item = document.createElement('div');
    item.className = `notice-item priority-${priority}-row`;
    item.dataset.notice = key;
    const text = document.createElement('p');
    text.append(...children);
    const close = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: 'Dismiss' });
    close.setAttribute('aria-label', 'Dismiss this notice');
    close.addEventListener('click', () => dismiss(key, item));
    item.append(text, close);
    banner.prepend(item);
    banner.hidden = false;
  }

  const notice = (n) => show(String(n.id), n.priority, [
    Object.assign(document.createElement('strong'), { textContent: n.priority === 'critical' ? 'Urgent notice' : 'Notice' }),
    ` from ${n.from?.displayName ?? 'the administrators'} at ${formatTime(n.sentAt)}: ${n.text}`,
  ]);

  api('notices').then((latest) => [...latest].reverse().forEach(notice), () => {});
  client?.addEventListener('broadcast', ({ detail }) => notice(detail));
  client?.addEventListener('compliance.alert', ({ detail }) => show(`alert-${detail.finding}-${detail.escalation}`, 'critical', [
    Object.assign(document.createElement('strong'), { textContent: 'Compliance alert' }),
    `: a ${detail.severity} ${detail.category.replaceAll('_', ' ')} finding. `,
    Object.assign(document.createElement('a'), { href: appUrl('compliance.html').href, textContent: 'Review it' }),
  ]));
}
