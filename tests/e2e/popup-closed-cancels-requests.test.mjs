// Closing the popup while it waits for Functionize abandons its requests at once, instead of
// leaving them to run until the timeout, and is not recorded as an error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { serviceWorker, useSession } from './harness.mjs';
import { listShown } from './popup-ui.mjs';
import { until } from './waiting.mjs';

describe('a popup closed mid-request', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'bare', ids: 'numbers' });

  it('cancels the requests it was waiting for', async () => {
    const { control } = session.fake;
    await control.reset();
    await control.rules([{ path: '/api/v4/orchestration', hang: true, times: 1 }]);
    try {
      const popup = await session.browser.openPopup();
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

    const popup = await session.browser.openPopup();
    assert.match(await listShown(popup), /^\d+ orchestrations$/, 'the next popup works');
  });
});
