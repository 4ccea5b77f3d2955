// A Functionize that never answers is given up on after the request timeout: the popup and the
// page button say so instead of spinning, and work again once Functionize answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { configure, useSession } from './harness.mjs';
import { buttonPlaced, copiedText, copyWith } from './page-button-ui.mjs';
import { listShown } from './popup-ui.mjs';
import { legacyPath, useReportPages, withRuns } from './report-pages.mjs';

const NOT_ANSWERING = /^Functionize is not answering/;

describe('a request that hangs', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'bare', ids: 'numbers' });
  const open = useReportPages(session);

  it('ends in "not answering" in the popup after the timeout, not in a spinner', async () => {
    const { context } = session.browser;
    await configure(context, { token: session.token, requestTimeoutSecs: 2 });
    await session.fake.control.rules([{ path: '/api/v4/orchestration', hang: true }]);
    try {
      const popup = await session.browser.openPopup();
      const started = Date.now();
      await listShown(popup, { expectList: false });
      const waited = Date.now() - started;
      assert.match((await popup.locator('#notice-text').textContent()).trim(), NOT_ANSWERING);
      assert.ok(waited < 6_000, `gave up after ${waited} ms`);
      await popup.close();
    } finally {
      await session.fake.control.rules([]);
    }
  });

  it('ends in "not answering" on the page button, which then works again', async () => {
    const { context } = session.browser;
    await configure(context, { token: session.token, requestTimeoutSecs: 2 });
    const [item] = withRuns(await session.fake.control.fixture());
    const { page } = await open(legacyPath(item.numeric_id, item.last_run_id));
    await buttonPlaced(page);

    await session.fake.control.rules([{ path: 'csvreport', hang: true, times: 1 }]);
    try {
      assert.match(await copyWith(page, 'share'), NOT_ANSWERING);
    } finally {
      await session.fake.control.rules([]);
    }
    assert.equal(await copyWith(page, 'share'), copiedText('share'));
  });
});
