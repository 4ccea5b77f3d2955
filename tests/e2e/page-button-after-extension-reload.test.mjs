// After the extension is reloaded (as an update does), the content scripts already in open pages
// are orphaned: they go quietly instead of throwing, and the new content script, injected into
// the open report pages at once, draws the one working button.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readClipboard, serviceWorker, useSession, writeClipboard } from './harness.mjs';
import { buttonPlaced, copiedText, copyWith, HOST_SELECTOR, placement } from './page-button-ui.mjs';
import {
  itemAt,
  legacyPath,
  mostHostsSeen,
  navigateInApp,
  studioPath,
  useReportPages,
  withRuns,
} from './report-pages.mjs';
import { until } from './waiting.mjs';

const UNTOUCHED = 'clipboard before the extension was reloaded';
const OLD = 'data-test-before-reload';

/** Marks the page's button host as the one drawn before the reload. */
function markOld(page) {
  return page.evaluate(([selector, old]) => {
    document.querySelector(selector)?.setAttribute(old, '');
  }, [HOST_SELECTOR, OLD]);
}

/** Waits until the only button host is one the new content script drew. */
function replaced(page) {
  const onlyNew = () => page.evaluate(([selector, old]) => {
    const hosts = document.querySelectorAll(selector);
    return hosts.length === 1 && !hosts[0].hasAttribute(old);
  }, [HOST_SELECTOR, OLD]);
  return until(onlyNew, 'the new content script replaced the old button');
}

describe('the report-page button when the extension is reloaded', { timeout: 60_000 }, () => {
  // Without developer mode, Chromium disables an unpacked extension that reloads itself.
  const session = useSession({ shape: 'wrapped', ids: 'strings' }, { developerMode: true });
  const open = useReportPages(session);

  async function reloadExtension() {
    const { context } = session.browser;
    const worker = await serviceWorker(context);
    const restarted = context.waitForEvent('serviceworker');
    // Later, so this evaluation can return before its worker goes away.
    await worker.evaluate(() => setTimeout(() => chrome.runtime.reload(), 50));
    await restarted;
  }

  it('replaces the old button in open pages with one working button, quietly', async () => {
    const fixture = await session.fake.control.fixture();
    const [first, second, next] = withRuns(fixture);
    const legacy = await open(legacyPath(first.numeric_id, first.last_run_id));
    const studio = await open(studioPath(second.numeric_id, second.last_run_id));
    await buttonPlaced(legacy.page);
    await buttonPlaced(studio.page);
    const { context } = session.browser;

    await markOld(legacy.page);
    await markOld(studio.page);
    await reloadExtension();

    // No reload of the pages: each has exactly one button again, and it works.
    for (const { page } of [legacy, studio]) {
      await replaced(page);
      await buttonPlaced(page);
      assert.equal((await placement(page)).hosts, 1, 'button hosts after the extension reload');
      await writeClipboard(context, UNTOUCHED);
      assert.equal(await copyWith(page, 'share'), copiedText('share'));
      const shown = itemAt(fixture, new URL(page.url()).pathname);
      assert.equal(await readClipboard(context), shown.share_link);
    }

    // Client-side navigation afterwards still moves exactly one button along.
    await navigateInApp(studio.page, legacyPath(next.numeric_id, next.last_run_id));
    await buttonPlaced(studio.page);
    assert.ok((await mostHostsSeen(studio.page)) <= 1, 'never more than one button');

    for (const { errors } of [legacy, studio]) {
      assert.deepEqual(errors.fromExtension(), [], 'errors from the old or new content script');
    }
  });
});
