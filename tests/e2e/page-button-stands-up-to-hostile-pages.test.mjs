// A page may fight the button, navigate while a copy is under way, or be used only from the
// keyboard; the button never freezes the page, never copies a link of another page, and keeps
// the keyboard's place.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readClipboard, useSession, writeClipboard } from './harness.mjs';
import {
  HOST_SELECTOR,
  SHARE,
  buttonPlaced,
  clickButton,
  copiedText,
  settledStatus,
  statusText,
} from './page-button-ui.mjs';
import { legacyPath, navigateInApp, useReportPages, withRuns } from './report-pages.mjs';

const BEFORE = 'clipboard before the click';
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the report-page button on a hostile or busy page', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'strings' });
  const open = useReportPages(session);

  it('does not freeze a page that removes it on every change', async () => {
    const [item] = withRuns(await session.fake.control.fixture());
    const { page, errors } = await open(legacyPath(item.numeric_id, item.last_run_id));
    await buttonPlaced(page);

    await page.evaluate((selector) => {
      window.__ticks = 0;
      setInterval(() => (window.__ticks += 1), 10);
      new MutationObserver(() => {
        for (const node of document.querySelectorAll(selector)) node.remove();
      }).observe(document.documentElement, { childList: true, subtree: true });
      document.querySelector(selector)?.remove();
    }, HOST_SELECTOR);
    await pause(2_000);

    const answered = await Promise.race([
      page.evaluate(() => window.__ticks),
      pause(5_000).then(() => 'no answer'),
    ]);
    assert.equal(typeof answered, 'number', 'the page still answers');
    assert.ok(answered > 50, `the page's own timer kept running (${answered} ticks in ~2 s)`);
    assert.deepEqual(errors.fromExtension(), [], 'errors from the extension');
  });

  it('drops a copy still under way when the app moves to another report', async () => {
    const { control } = session.fake;
    const [slow, next] = withRuns(await control.fixture());
    await control.rules([{ path: `${slow.deployment_id}/csvreport`, delay_ms: 2_000 }]);
    try {
      const { page, errors } = await open(legacyPath(slow.numeric_id, slow.last_run_id));
      await buttonPlaced(page);
      const { context } = session.browser;
      await writeClipboard(context, BEFORE);

      await clickButton(page, SHARE);
      await pause(300);
      await navigateInApp(page, legacyPath(next.numeric_id, next.last_run_id));
      await buttonPlaced(page);
      await pause(2_500);

      assert.equal(await readClipboard(context), BEFORE, 'the clipboard after the late answer');
      assert.equal(await statusText(page), '', 'the new page\'s button status');
      assert.deepEqual(errors.fromExtension(), [], 'errors from the extension');
    } finally {
      await control.rules([]);
    }
  });

  it('keeps keyboard focus on the button through a copy', async () => {
    const [item] = withRuns(await session.fake.control.fixture());
    const { page } = await open(legacyPath(item.numeric_id, item.last_run_id));
    await buttonPlaced(page);
    const { context } = session.browser;
    await writeClipboard(context, BEFORE);

    await page.locator('h1').first().click();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await settledStatus(page), copiedText('share'));
    assert.equal(await readClipboard(context), item.share_link);

    const focused = await page.evaluate((selector) => document.activeElement?.matches(selector),
      HOST_SELECTOR);
    assert.equal(focused, true, 'focus is still inside the button after the copy');

    // So a second Enter copies again, without reaching for the mouse.
    await writeClipboard(context, BEFORE);
    await page.keyboard.press('Enter');
    assert.equal(await settledStatus(page), copiedText('share'));
    assert.equal(await readClipboard(context), item.share_link);
  });
});
