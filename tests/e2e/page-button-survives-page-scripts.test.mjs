// Functionize's own scripts may fail or redraw the header at any time; the page still shows
// exactly one working button.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readClipboard, useSession, writeClipboard } from './harness.mjs';
import { buttonPlaced, copiedText, copyWith, placement } from './page-button-ui.mjs';
import {
  itemAt,
  legacyPath,
  mostHostsSeen,
  rendered,
  studioPath,
  useReportPages,
  withRuns,
} from './report-pages.mjs';

const WATCH_MS = 3_000;
const SAMPLE_MS = 100;

describe('the report-page button beside a misbehaving page', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'strings' });
  const open = useReportPages(session);

  async function copiesShareLink(page, item) {
    const { context } = session.browser;
    await writeClipboard(context, 'before the click');
    assert.equal(await copyWith(page, 'share'), copiedText('share'));
    assert.equal(await readClipboard(context), item.share_link);
  }

  /** Samples where the button is for `WATCH_MS`; every sample must be one host by the title. */
  async function watchPlacement(page) {
    const wrong = [];
    const deadline = Date.now() + WATCH_MS;
    while (Date.now() < deadline) {
      const seen = await placement(page);
      if (seen.hosts !== 1 || !seen.besideTitle) wrong.push(seen);
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
    assert.deepEqual(wrong, [], `samples over ${WATCH_MS} ms without exactly one button`);
  }

  it('shows one working button on a page whose own script throws', async () => {
    const fixture = await session.fake.control.fixture();
    const [item] = withRuns(fixture);
    const { page, errors } = await open(`${legacyPath(item.numeric_id, item.last_run_id)}?throw=1`);
    await buttonPlaced(page);
    await watchPlacement(page);
    await copiesShareLink(page, item);

    // The app throws again after every navigation.
    await page.locator('a.other-report').nth(1).click();
    await rendered(page);
    await buttonPlaced(page);
    await copiesShareLink(page, itemAt(fixture, new URL(page.url()).pathname));

    const thrown = errors.fromPage().filter((e) => e.text.includes('fails on purpose'));
    assert.ok(thrown.length >= 2, `the page threw after each render (${thrown.length} times)`);
    assert.deepEqual(errors.fromExtension(), [], 'errors from the extension');
    assert.equal(await mostHostsSeen(page), 1, 'most button hosts ever on the page at once');
  });

  it('shows one working button on a page that redraws its header every second', async () => {
    const item = withRuns(await session.fake.control.fixture())[1];
    const path = `${studioPath(item.deployment_id, item.last_run_id)}?rerender=1000`;
    const { page, errors } = await open(path);
    await buttonPlaced(page);
    await page.evaluate(() => {
      window.__headsReplaced = 0;
      new MutationObserver((records) => {
        const removed = records.flatMap((record) => [...record.removedNodes]);
        window.__headsReplaced += removed.filter((node) => node.matches?.('.report-head')).length;
      }).observe(document.getElementById('fz-main'), { childList: true });
    });

    await watchPlacement(page);
    const redrawn = await page.evaluate(() => window.__headsReplaced);
    assert.ok(redrawn >= 2, `the page redrew its header while watched (${redrawn} times)`);
    await copiesShareLink(page, item);

    assert.deepEqual(errors.all(), [], 'errors on the page');
    assert.equal(await mostHostsSeen(page), 1, 'most button hosts ever on the page at once');
  });
});
