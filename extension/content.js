// Adds "Copy share link" next to the title of Functionize report pages. Kept small and dumb on
// purpose: it holds no token and knows no API. It tells the service worker the page's URL and
// visible title, and draws what it is told. The service worker decides whether this page is a
// report page, where the button goes, and what the links are.
(() => {
  const MARK = 'data-functionize-report-links';
  let anchorSelector = null; // set while the current URL is a report page
  let checkedUrl = null;
  let host = null; // this instance's button host element
  let observer = null;

  // After the extension is reloaded or updated, this script stays in the page without a
  // runtime; it then removes its button and stops, quietly.
  const orphaned = () => !globalThis.chrome?.runtime?.id;

  function retire() {
    observer?.disconnect();
    host?.remove();
    host = null;
    anchorSelector = null;
  }

  async function ask(message) {
    if (orphaned()) {
      retire();
      return null;
    }
    try {
      return await chrome.runtime.sendMessage(message);
    } catch {
      if (orphaned()) retire();
      return null;
    }
  }

  function visibleName() {
    const anchor = anchorSelector && document.querySelector(anchorSelector);
    return anchor ? anchor.textContent.trim().slice(0, 300) : '';
  }

  async function checkPage() {
    const url = location.href;
    checkedUrl = url;
    const info = await ask({ type: 'pageInfo', url });
    if (url !== location.href) return; // navigated again meanwhile; that check wins
    anchorSelector = info?.ok && info.report ? info.selector : null;
    resetButton();
    place();
  }

  // Exactly one button, right after the title, or none where it does not belong.
  function place() {
    const anchor = anchorSelector && document.querySelector(anchorSelector);
    if (!anchor) {
      host?.remove();
      return;
    }
    if (host?.isConnected && host.previousElementSibling === anchor) return;
    host ??= drawButton();
    anchor.after(host);
  }

  let shadow = null;

  function drawButton() {
    const element = document.createElement('span');
    element.setAttribute(MARK, '');
    // Closed, so the page's scripts cannot reach into it; styles cannot cross either way.
    shadow = element.attachShadow({ mode: 'closed' });
    shadow.innerHTML = `
      <style>
        :host { all: initial; display: inline-flex; gap: 6px; align-items: center;
          margin-left: 12px; vertical-align: middle; font: 13px/1.3 system-ui, sans-serif;
          flex: none; white-space: nowrap; }
        button { font: inherit; padding: 4px 10px; border-radius: 6px; cursor: pointer;
          border: 1px solid #9aa4b8; background: #fff; color: #1d2330; }
        button.main { background: #2857d6; border-color: #2857d6; color: #fff; }
        button:focus-visible { outline: 2px solid #2857d6; outline-offset: 2px; }
        button[disabled] { opacity: .7; cursor: progress; }
        .state { color: #3d4658; }
        .state.bad { color: #b42318; }
        .state.ok { color: #1b7f3b; }
        @media (prefers-color-scheme: dark) {
          button { background: #1b1e25; color: #e6e9ef; border-color: #5b6475; }
          .state { color: #c3cad6; }
        }
      </style>
      <button class="main" type="button" data-link="share">Copy share link</button>
      <button type="button" data-link="report">Copy report URL</button>
      <span class="state" role="status" aria-live="polite"></span>`;
    shadow.addEventListener('click', (event) => {
      const button = event.target.closest?.('button[data-link]');
      if (button) copy(button.dataset.link);
    });
    return element;
  }

  function setState(text, tone, busy) {
    const state = shadow.querySelector('.state');
    state.textContent = text;
    state.className = `state ${tone}`;
    for (const button of shadow.querySelectorAll('button')) button.disabled = busy;
  }

  function resetButton() {
    if (shadow) setState('', '', false);
  }

  async function copy(link) {
    setState('Copying…', '', true);
    const reply = await ask({ type: 'pageLink', url: location.href, name: visibleName(), link });
    if (!reply) return; // the extension went away; the button went with it
    if (!reply.ok) {
      setState(reply.error?.message ?? 'Something went wrong. Try again.', 'bad', false);
      return;
    }
    try {
      await navigator.clipboard.writeText(reply.url);
      setState(link === 'share' ? 'Share link copied' : 'Report URL copied', 'ok', false);
    } catch {
      setState('The page did not allow copying. Click the page, then try again.', 'bad', false);
    }
  }

  // The page renders client-side: every DOM change may be a navigation or a re-rendered title.
  function onChange() {
    if (orphaned()) return retire();
    if (location.href !== checkedUrl) checkPage();
    else place();
  }

  // A script left behind by an earlier copy of the extension may have drawn a button already.
  for (const old of document.querySelectorAll(`[${MARK}]`)) old.remove();

  let scheduled = false;
  observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      onChange();
    });
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  addEventListener('popstate', onChange);
  globalThis.navigation?.addEventListener('navigatesuccess', onChange);
  checkPage();
})();
