// The extension's real toolbar popup, opened over the active tab as a click on the toolbar icon
// opens it. Opening popup.html as a tab would make that tab the active one, so the popup could
// not see the report page; `chrome.action.openPopup()` opens the real one instead. Playwright
// does not attach to action popups, so the popup is reached through the DevTools protocol's
// target commands, borrowing a CDP session of the tab underneath.
import assert from 'node:assert/strict';

import { serviceWorker } from './browser.mjs';

const OPEN_TIMEOUT_MS = 5_000;
const POLL_MS = 50;

/**
 * Brings `tab` to the front, opens the action popup over it and resolves to
 * { evaluate(fn, arg), close() }; `fn` runs in the popup and must be self-contained.
 */
export async function openActionPopup(context, tab) {
  await tab.bringToFront();
  const worker = await serviceWorker(context);
  const active = await worker.evaluate(async () => {
    const [found] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return found?.url;
  });
  assert.equal(active, tab.url(), 'the report page is the active tab');

  const cdp = await context.newCDPSession(tab);
  await worker.evaluate(() => chrome.action.openPopup());
  const popupUrl = new URL('popup.html', worker.url()).href;
  const target = await popupTarget(cdp, popupUrl);
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  });

  let lastId = 0;
  const waiting = new Map();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message);
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  const send = (method, params) => new Promise((resolve, reject) => {
    const id = ++lastId;
    waiting.set(id, resolve);
    const message = JSON.stringify({ id, method, params });
    cdp.send('Target.sendMessageToTarget', { sessionId, message }).catch(reject);
  });

  return {
    async evaluate(fn, arg) {
      const expression = `(${fn})(${JSON.stringify(arg ?? null)})`;
      const reply = await send('Runtime.evaluate', {
        expression,
        returnByValue: true,
        awaitPromise: true,
      });
      const failure = reply.error?.message ?? reply.result?.exceptionDetails?.text;
      if (failure) throw new Error(`in the popup: ${failure}`);
      return reply.result.result.value;
    },
    async close() {
      await cdp.send('Target.closeTarget', { targetId: target.targetId }).catch(() => {});
      await cdp.detach().catch(() => {});
    },
  };
}

async function popupTarget(cdp, popupUrl) {
  const deadline = Date.now() + OPEN_TIMEOUT_MS;
  for (;;) {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const found = targetInfos.find((info) => info.type === 'page' && info.url === popupUrl);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no popup opened within ${OPEN_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
