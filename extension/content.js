// Adds "Copy share link" next to the title of Functionize report pages. Kept small and dumb on
// purpose: it holds no token and knows no API. It tells the service worker the page's URL and
// visible title, and draws what it is told. The service worker decides whether this page is a
// report page, where the button goes, and what the links are.
(() => {
  const MARK = 'data-functionize-report-links';
  const MARK_VALUE = 'copy-buttons';
  const TOAST_MARK = 'data-functionize-report-links-toast';
  // A page that removes the button more often than this per second wins, so the two never
  // fight in a loop. A header re-rendered every second or so keeps its button.
  const MAX_REINSERTS_PER_SECOND = 10;
  // The sharing formats, each with the message that names it.
  const FORMATS = [
    ['plain', 'formatPlain'],
    ['markdown', 'formatMarkdown'],
    ['html', 'formatHtmlShort'],
    ['slack', 'formatSlack'],
  ];

  let anchorSelector = null; // set while the current URL is a report page
  let checkedUrl = null;
  let page = 0; // counts page changes, so a late answer for an earlier page is dropped
  let reinserts = { since: 0, count: 0, gaveUp: false };
  let busy = false;
  let host = null; // this instance's button host element
  let shadow = null;
  let menu = null; // the format menu beside the buttons
  let observer = null;
  let defaultFormat = null; // the options' format, which the page's menu starts with
  let formatChosen = false; // the user picked one in the menu: it then stays, page to page

  // After the extension is reloaded or updated, this script stays in the page without a
  // runtime; it then removes its button and stops, quietly.
  const orphaned = () => !globalThis.chrome?.runtime?.id;

  function retire() {
    observer?.disconnect();
    host?.remove();
    host = null;
    anchorSelector = null;
  }

  // Words in the browser's language. A script left behind by a reloaded extension has no
  // catalog any more; it shows the key rather than failing.
  function t(key) {
    try {
      return chrome.i18n.getMessage(key) || key;
    } catch {
      return key;
    }
  }

  async function ask(message) {
    if (orphaned()) return retire();
    try {
      return await chrome.runtime.sendMessage(message);
    } catch {
      if (orphaned()) retire();
      return undefined;
    }
  }

  function visibleName() {
    const anchor = anchorSelector && document.querySelector(anchorSelector);
    // Cut at 300 UTF-16 units, never inside a character.
    return anchor ? anchor.textContent.trim().slice(0, 300).replace(/[\ud800-\udbff]$/, '') : '';
  }

  async function checkPage() {
    const url = location.href;
    checkedUrl = url;
    page += 1;
    busy = false; // a copy under way for the page left is dropped when it answers
    reinserts = { since: 0, count: 0, gaveUp: false };
    const info = await ask({ type: 'pageInfo', url });
    if (url !== location.href) return; // navigated again meanwhile; that check wins
    anchorSelector = info?.ok && info.report ? info.selector : null;
    if (anchorSelector) defaultFormat = info.format;
    // Options changed meanwhile reach a menu the user has not touched at the next page.
    if (menu && defaultFormat && !formatChosen) menu.value = defaultFormat;
    if (shadow) setState('', '');
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
    if (host && !mayReinsert()) return;
    host ??= drawButton();
    anchor.after(host);
  }

  function mayReinsert() {
    const now = performance.now();
    if (now - reinserts.since > 1000) reinserts = { since: now, count: 0, gaveUp: false };
    reinserts.count += 1;
    reinserts.gaveUp ||= reinserts.count > MAX_REINSERTS_PER_SECOND;
    return !reinserts.gaveUp;
  }

  function drawButton() {
    const element = document.createElement('span');
    element.setAttribute(MARK, MARK_VALUE);
    // Closed, so the page's scripts cannot reach into it; styles cannot cross either way.
    shadow = element.attachShadow({ mode: 'closed' });
    shadow.innerHTML = `
      <style>
        :host { all: initial; display: inline-flex; gap: 6px; align-items: center;
          margin-left: 12px; vertical-align: middle; font: 13px/1.3 system-ui, sans-serif;
          flex: none; white-space: nowrap; }
        button, select { font: inherit; padding: 4px 10px; border-radius: 6px; cursor: pointer;
          border: 1px solid #9aa4b8; background: #fff; color: #1d2330; }
        select { padding: 3px 4px; }
        button.main { background: #2857d6; border-color: #2857d6; color: #fff; }
        :focus-visible { outline: 2px solid #2857d6; outline-offset: 2px; }
        button[aria-disabled="true"] { opacity: .7; cursor: progress; }
        .state { color: #3d4658; }
        .state.bad { color: #b42318; }
        .state.ok { color: #1b7f3b; }
        @media (prefers-color-scheme: dark) {
          button, select { background: #1b1e25; color: #e6e9ef; border-color: #5b6475; }
          .state { color: #c3cad6; }
        }
      </style>
      <button class="main" type="button" data-link="share"></button>
      <button type="button" data-link="report"></button>
      <select></select>
      <span class="state" role="status" aria-live="polite"></span>`;
    // The words go in as text: a translation is never read as markup.
    shadow.querySelector('[data-link="share"]').textContent = t('copyShareLink');
    shadow.querySelector('[data-link="report"]').textContent = t('copyReportUrl');
    menu = shadow.querySelector('select');
    menu.setAttribute('aria-label', t('copyAs'));
    for (const [key, name] of FORMATS) menu.add(new Option(t(name), key));
    menu.value = defaultFormat ?? 'plain';
    menu.addEventListener('change', () => {
      formatChosen = true;
    });
    element.addEventListener('pointerenter', prefetch);
    shadow.addEventListener('focusin', prefetch);
    shadow.addEventListener('click', (event) => {
      const button = event.target.closest?.('button[data-link]');
      if (button) copy(button.dataset.link);
    });
    return element;
  }

  // Busy buttons are marked, not disabled: disabling the focused button would drop keyboard
  // focus to the page.
  function setState(text, tone, isBusy = false) {
    busy = isBusy;
    const state = shadow.querySelector('.state');
    state.textContent = text;
    state.className = `state ${tone}`;
    for (const button of shadow.querySelectorAll('button')) {
      button.setAttribute('aria-disabled', String(isBusy));
    }
  }

  // The share link is asked for when the pointer reaches the buttons or they take keyboard
  // focus, not when they appear: a page only looked at costs Functionize nothing, and the click
  // that follows is answered from what the worker remembers, or joins the request under way.
  let prefetched = 0; // the page whose share link was asked for ahead
  function prefetch(event) {
    // Only the user's own pointer or focus: a page script dispatching events costs nothing.
    if (!event.isTrusted || prefetched === page || busy) return;
    prefetched = page;
    ask({ type: 'pageLink', url: location.href, name: visibleName(), link: 'share',
      format: menu.value });
  }

  // The rich format goes as HTML with the bare URL beside it, for places that take only text.
  function write(text, html) {
    if (!html) return navigator.clipboard.writeText(text);
    const blob = (type, value) => new Blob([value], { type });
    const item = { 'text/plain': blob('text/plain', text), 'text/html': blob('text/html', html) };
    return navigator.clipboard.write([new ClipboardItem(item)]);
  }

  // `show` is the buttons' state line for a click, the toast for the shortcut and the menu.
  async function copy(link, show = setState) {
    if (busy) return show === toast && toast(t('pageCopyUnderWay'), 'bad');
    const askedFor = page;
    show(t('pageCopying'), '', true);
    // The shortcut and the menu copy in the options' format; the buttons in the one chosen.
    const format = show === setState ? menu.value : undefined;
    const request = { type: 'pageLink', url: location.href, name: visibleName(), link, format };
    const reply = await ask(request);
    if (orphaned()) return; // the extension went away
    if (askedFor !== page) {
      if (show === toast) toast(t('pageChanged'), 'bad');
      return;
    }
    if (show === setState && !host) return;
    if (!reply?.ok) return show(reply?.error?.message ?? t('pageNoAnswer'), 'bad');
    try {
      await write(reply.text ?? reply.url, reply.html);
      show(link === 'share' ? t('pageShareLinkCopied') : t('pageReportUrlCopied'), 'ok');
    } catch {
      show(t('pageCopyRefused'), 'bad');
    }
  }

  // The keyboard shortcut and the page's context menu reach this page through the worker.
  chrome.runtime.onMessage.addListener((message) => {
    if (message?.type !== 'copyShareLinkHere') return;
    if (anchorSelector) copy('share', toast);
    else toast(t('pageNotReport'), 'bad');
  });

  // A small note in the page's corner, for copies made without the buttons in view.
  let toastBox = null;
  let toastTimer = 0;
  function toast(text, tone, isBusy = false) {
    busy = isBusy;
    if (!toastBox?.isConnected) {
      const element = document.createElement('span');
      element.setAttribute(TOAST_MARK, '');
      const root = element.attachShadow({ mode: 'closed' });
      root.innerHTML = `
        <style>
          div { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483647;
            max-width: 360px; padding: 10px 14px; border-radius: 8px; background: #1d2330;
            color: #fff; font: 13px/1.4 system-ui, sans-serif; box-shadow: 0 4px 16px #0004; }
          .bad { background: #b42318; }
          .ok { background: #1b7f3b; }
        </style>
        <div role="status" aria-live="polite"></div>`;
      toastBox = root.querySelector('div');
      document.body.append(element);
    }
    toastBox.textContent = text;
    toastBox.className = tone;
    clearTimeout(toastTimer);
    if (!isBusy) toastTimer = setTimeout(() => toastBox.getRootNode().host.remove(), 5000);
  }

  // The page renders client-side: every DOM change may be a navigation or a re-rendered title.
  function onChange() {
    if (orphaned()) return retire();
    if (location.href !== checkedUrl) checkPage();
    else place();
  }

  // A script left behind by an earlier copy of the extension may have drawn buttons already.
  const left = `span[${MARK}="${MARK_VALUE}"], span[${TOAST_MARK}]`;
  for (const old of document.querySelectorAll(left)) old.remove();

  // Changes are handled in a microtask, so a re-rendered title has its button again before
  // anything else sees it; the cap on re-insertions (see `mayReinsert`) is what keeps a page
  // that removes the button every time from turning this into an endless loop.
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
