// Closing the popup while it waits for Functionize abandons its requests at once, instead of
// leaving them to run until the timeout, and is not recorded as an error. Both ways a popup
// exists are tried: the toolbar's own popup, and popup.html in a tab.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { FUNCTIONIZE_ORIGIN, serviceWorker, useSession } from './harness.mjs';
import { openActionPopup } from './action-popup.mjs';
import { listShown } from './popup-ui.mjs';
import { until } from './waiting.mjs';

describe('a popup closed mid-request', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'bare', ids: 'numbers' });

  /** Opens a popup with `open`, lets its list request hang, closes it, and checks the fake. */
  async function closedWhileListing(open) {
    const { control } = session.fake;
    await control.reset();
    await control.rules([{ path: '/api/v4/orchestration', hang: true, times: 1 }]);
    try {
      const popup = await open();
      const inFlight = async () => (await control.stats()).in_flight;
      await until(async () => (await inFlight()) === 1, 'the list request reached Functionize');
      await popup.close();
      // Well before the 15 s request timeout: only a cancellation ends it this soon.
      await until(async () => (await inFlight()) === 0, 'the list request was abandoned', {
        timeout: 5_000,
      });
    } finally {
      await control.rules([]);
    }
    const worker = await serviceWorker(session.browser.context);
    const { incidents } = await worker.evaluate(() => chrome.storage.local.get('incidents'));
    assert.deepEqual(incidents ?? [], [], 'a closed popup is no error to report');
  }

  it('cancels the requests of the toolbar popup', async () => {
    const { context } = session.browser;
    const tab = await context.newPage();
    try {
      await tab.goto(`${FUNCTIONIZE_ORIGIN}/`);
      await closedWhileListing(() => openActionPopup(context, tab));
    } finally {
      await tab.close();
    }
  });

  it('cancels the requests of popup.html in a tab, and the next popup works', async () => {
    await closedWhileListing(() => session.browser.openPopup());
    const popup = await session.browser.openPopup();
    assert.match(await listShown(popup), /^\d+ orchestrations$/);
  });
});
