// Loads the wasm once per worker start and hands every message to it. The listener is
// registered synchronously, before the module is ready, so a message that wakes the worker
// is never missed; it simply waits for `ready`.
import init, { handle_message } from './pkg/functionize_report_links.js';

const ready = init({ module_or_path: new URL('./pkg/functionize_report_links_bg.wasm', import.meta.url) });

const ownPages = chrome.runtime.getURL('');

// The token lives in storage.local: only the extension's own pages and this worker may read it,
// never a content script. (Chrome's default already; said here so it cannot silently change.
// Firefox has no such setting: there the content script could read it, and never does.)
chrome.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch(() => {});

// Who is asking, as the browser vouches for it. The wasm decides what each may ask.
function senderLabel(sender) {
  if (sender.id !== chrome.runtime.id) return 'other';
  if (typeof sender.url === 'string' && sender.url.startsWith(ownPages)) return 'extension-page';
  if (sender.tab && sender.frameId === 0 && typeof sender.url === 'string') return 'content-script';
  return 'other';
}

// A popup that closes takes its questions with it. Each popup holds a port named after an id
// its messages repeat as `asker`; when the port goes, the requests still running for that popup
// are aborted rather than left to finish.
const popupRequests = new Map(); // asker id → AbortController

chrome.runtime.onConnect.addListener((port) => {
  const asker = port.name.startsWith('popup:') ? port.name.slice('popup:'.length) : '';
  if (!asker || senderLabel(port.sender) !== 'extension-page') return;
  popupRequests.set(asker, new AbortController());
  port.onDisconnect.addListener(() => {
    popupRequests.get(asker)?.abort();
    popupRequests.delete(asker);
  });
});

function cancelSignal(label, message) {
  const asker = label === 'extension-page' ? message?.asker : undefined;
  return typeof asker === 'string' ? popupRequests.get(asker)?.signal : undefined;
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const label = senderLabel(sender);
  if (label === 'other') return false;
  if (label === 'extension-page' && message?.type === 'reportPagesMoved') {
    placeMenu().then(() => sendResponse({ ok: true }), () => sendResponse({ ok: false }));
    return true;
  }
  const pageUrl = label === 'content-script' ? sender.url : undefined;
  const cancel = cancelSignal(label, message);
  ready
    .then(() => handle_message(message, label, pageUrl, cancel))
    .then(sendResponse, () =>
      sendResponse({
        ok: false,
        error: {
          name: 'Internal',
          message: chrome.i18n.getMessage('errorInternal'),
        },
      }),
    );
  return true;
});

// After an install or an update, the report pages already open hold an orphaned script whose
// button no longer works (or no script at all); give them the new one right away.
chrome.runtime.onInstalled.addListener(() => {
  injectIntoOpenReportPages().catch(() => {});
});

// The pages of the Functionize hosts the content script runs on: the manifest's, and the one
// the options registered.
async function functionizePatterns() {
  const declared = chrome.runtime.getManifest().content_scripts ?? [];
  const registered = await chrome.scripting.getRegisteredContentScripts();
  return [...declared, ...registered].flatMap((script) => script.matches ?? []);
}

async function injectIntoOpenReportPages() {
  const patterns = await functionizePatterns();
  if (patterns.length === 0) return;
  const tabs = await chrome.tabs.query({ url: patterns });
  for (const tab of tabs) {
    chrome.scripting
      .executeScript({ target: { tabId: tab.id }, files: ['content.js'] })
      .catch(() => {}); // a tab that closed or navigated away meanwhile needs nothing
  }
}

// The keyboard shortcut and the context menu copy the share link of the report page in front.
// The page's own script does the copy, and says in a toast how it went.
const COPY_SHARE_LINK = 'copy-share-link';

function copyShareLinkIn(tab) {
  if (tab?.id === undefined) return;
  chrome.tabs.sendMessage(tab.id, { type: 'copyShareLinkHere' }, { frameId: 0 }).catch(() => {});
}

chrome.commands.onCommand.addListener(async (command, tab) => {
  if (command !== COPY_SHARE_LINK) return;
  const [active] = tab ? [tab] : await chrome.tabs.query({ active: true, currentWindow: true });
  copyShareLinkIn(active);
});

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === COPY_SHARE_LINK) copyShareLinkIn(tab);
});

// Made again at every start (Firefox forgets menus with its background page) and whenever the
// options move the report pages to another host, so the item shows on the Functionize pages
// and nowhere else.
// One placement at a time: two at once would both remove, then both create the same id.
let menuPlaced = Promise.resolve();
function placeMenu() {
  menuPlaced = menuPlaced.catch(() => {}).then(async () => {
    await chrome.contextMenus.removeAll();
    const documentUrlPatterns = await functionizePatterns();
    const item = {
      id: COPY_SHARE_LINK,
      title: chrome.i18n.getMessage('menuCopyShareLink'),
      contexts: ['page', 'selection', 'link'],
      documentUrlPatterns,
    };
    await new Promise((resolve, reject) => {
      chrome.contextMenus.create(item, () =>
        (chrome.runtime.lastError ? reject(chrome.runtime.lastError) : resolve()));
    });
  });
  return menuPlaced;
}

placeMenu().catch(() => {});
