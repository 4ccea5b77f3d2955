// Loads the wasm once per worker start and hands every message to it. The listener is
// registered synchronously, before the module is ready, so a message that wakes the worker
// is never missed; it simply waits for `ready`.
import init, { handle_message } from './pkg/functionize_report_links.js';

const ready = init({ module_or_path: new URL('./pkg/functionize_report_links_bg.wasm', import.meta.url) });

const ownPages = chrome.runtime.getURL('');

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  const from = typeof sender.url === 'string' && sender.url.startsWith(ownPages) ? 'extension-page' : 'other';
  ready
    .then(() => handle_message(message, from))
    .then(sendResponse, () =>
      sendResponse({ ok: false, error: { name: 'Internal', message: 'The extension hit an internal error. Reload it from chrome://extensions and try again.' } }),
    );
  return true;
});
