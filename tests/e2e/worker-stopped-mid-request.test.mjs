// The browser may stop the service worker at any moment, also in the middle of resolving a
// page's id. What it stored stays whole and correct, and the next click simply works.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readClipboard, useSession } from './harness.mjs';
import {
  buttonPlaced,
  clickButton,
  copiedText,
  copyWith,
  SHARE,
  settledStatus,
} from './page-button-ui.mjs';
import { legacyPath, useReportPages, withRuns } from './report-pages.mjs';
import { until } from './waiting.mjs';

const ORCHESTRATIONS = 60;

/** Stops every service worker of the extension, as the browser does to an idle or busy one. */
async function stopWorkers(browser) {
  const options = await browser.openOptions();
  const cdp = await options.context().newCDPSession(options);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach();
    await options.close();
  }
}

/** What the extension stored, read from one of its pages: the worker may be stopped. */
async function storedState(browser) {
  const options = await browser.openOptions();
  try {
    return await options.evaluate(() => chrome.storage.local.get(null));
  } finally {
    await options.close();
  }
}

describe('a service worker stopped mid-request', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'numbers', generate: ORCHESTRATIONS });
  const open = useReportPages(session);

  it('leaves the stored settings and id map whole, and the next click works', async () => {
    const { control } = session.fake;
    const { context } = session.browser;
    const before = await storedState(session.browser);
    const item = withRuns(await control.fixture()).at(-1);
    // No name on the page, so the worker asks /group of many candidates, slowly.
    const { page } = await open(`${legacyPath(item.numeric_id, item.last_run_id)}?noname=1`);
    await buttonPlaced(page);

    await control.reset();
    await control.rules([{ path: '/group', delay_ms: 1_000 }]);
    try {
      await clickButton(page, SHARE);
      await until(async () => (await control.stats()).in_flight > 0, 'the search has begun');
      await stopWorkers(session.browser);
    } finally {
      await control.rules([]);
    }

    // The interrupted click says so: the worker, and its answer, went away mid-search.
    assert.match(await settledStatus(page), /did not answer/);

    const after = await storedState(session.browser);
    assert.deepEqual(after.settings, before.settings, 'the settings are untouched');
    const fixture = await control.fixture();
    for (const [numeric, hex] of Object.entries(after.idMap ?? {})) {
      const known = fixture.find((o) => String(o.numeric_id) === numeric);
      assert.equal(hex, known?.deployment_id, `the stored mapping of ${numeric}`);
    }

    assert.equal(await copyWith(page, 'share'), copiedText('share'));
    assert.equal(await readClipboard(context), item.share_link);
  });
});
