// After the extension is reloaded (as an update does), the content scripts already in open pages
// are orphaned: they remove their buttons quietly instead of throwing. Chrome injects the new
// content script only into pages loaded afterwards, so a page gets its button back on its next
// load, once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readClipboard, serviceWorker, useSession, writeClipboard } from './harness.mjs';
import {
  SHARE,
  buttonGone,
  buttonPlaced,
  clickButton,
  copiedText,
  copyWith,
  placement,
} from './page-button-ui.mjs';
import {
  itemAt,
  legacyPath,
  mostHostsSeen,
  navigateInApp,
  rendered,
  studioPath,
  useReportPages,
  withRuns,
} from './report-pages.mjs';

const UNTOUCHED = 'clipboard before the extension was reloaded';

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

  it('removes the old button quietly, and a new page load brings one back', async (t) => {
    const fixture = await session.fake.control.fixture();
    const [clicked, navigated, next] = withRuns(fixture);
    const stale = await open(legacyPath(clicked.numeric_id, clicked.last_run_id));
    const moving = await open(studioPath(navigated.numeric_id, navigated.last_run_id));
    await buttonPlaced(stale.page);
    await buttonPlaced(moving.page);
    const { context } = session.browser;
    await writeClipboard(context, UNTOUCHED);

    await reloadExtension();
    const shown = (await placement(stale.page)).hosts + (await placement(moving.page)).hosts;
    t.diagnostic(`old buttons still shown after the reload, before any page change: ${shown}`);

    // A click on the orphaned button takes it away and copies nothing.
    await clickButton(stale.page, SHARE);
    await buttonGone(stale.page);
    assert.equal(await readClipboard(context), UNTOUCHED);

    // Client-side navigation: the old script takes its button away; no new one is injected.
    await navigateInApp(moving.page, legacyPath(next.numeric_id, next.last_run_id));
    await buttonGone(moving.page);
    assert.ok(await mostHostsSeen(moving.page) <= 1, 'never more than one button');

    for (const { errors } of [stale, moving]) {
      assert.deepEqual(errors.fromExtension(), [], 'errors from the orphaned content script');
    }

    // The next load of the page runs the new content script: one button, working.
    await moving.page.reload();
    await rendered(moving.page);
    await buttonPlaced(moving.page);
    assert.equal(await copyWith(moving.page, 'share'), copiedText('share'));
    const shownItem = itemAt(fixture, new URL(moving.page.url()).pathname);
    assert.equal(await readClipboard(context), shownItem.share_link);
    assert.equal((await placement(moving.page)).hosts, 1, 'button hosts after the copy');
    assert.deepEqual(moving.errors.fromExtension(), [], 'errors from the new content script');
  });
});
