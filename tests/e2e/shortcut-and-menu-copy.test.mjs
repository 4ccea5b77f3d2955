// The keyboard shortcut and the context-menu item copy the share link of the report page in
// front, and a toast in the page says so, or why not. Headless Chromium cannot press a browser
// shortcut or open a context menu, so these send what both handlers send the page's script;
// tests/desktop presses the shortcut itself, on a virtual display.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { FUNCTIONIZE_ORIGIN, readClipboard, useSession, writeClipboard } from './harness.mjs';
import {
  allStatusTexts, askToCopy, buttonPlaced, copiedText, copyWith,
} from './page-button-ui.mjs';
import { legacyPath, navigateInApp, useReportPages, withRuns } from './report-pages.mjs';
import { until } from './waiting.mjs';

describe('copying from the shortcut or the context menu', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'bare', ids: 'strings' });
  const open = useReportPages(session);

  async function toastSays(page, expected) {
    await until(async () => (await allStatusTexts(page)).includes(expected),
      `a toast saying "${expected}"`);
  }

  it('copies the share link of a report page and says so in a toast', async () => {
    const [item] = withRuns(await session.fake.control.fixture());
    const { page } = await open(legacyPath(item.numeric_id, item.last_run_id));
    await buttonPlaced(page);
    await writeClipboard(session.browser.context, 'before');
    await page.bringToFront();

    await askToCopy(session.browser.context, page.url());
    await toastSays(page, 'Share link copied');
    assert.equal(await readClipboard(session.browser.context), item.share_link);
  });

  it('explains on a Functionize page that is not a report', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(`${FUNCTIONIZE_ORIGIN}/`);
    // The page's script may still be starting: ask until it answers.
    await until(async () => {
      await askToCopy(session.browser.context, page.url()).catch(() => {});
      return (await allStatusTexts(page)).some((text) => text.startsWith('This is not'));
    }, 'the toast on a page that is not a report');
    const texts = await allStatusTexts(page);
    assert.ok(texts.includes(
      'This is not a Functionize report page: open a report or a run, then try again.'), texts);
    await page.close();
  });
});

describe('a shortcut copy when the page changes before the answer', { timeout: 60_000 }, () => {
  // Every API answer takes a while, so the page can move on in between.
  const session = useSession({ shape: 'bare', ids: 'strings', latencyMs: 700 });
  const open = useReportPages(session);

  it('says nothing was copied, and the new page\'s buttons still work', async () => {
    const [first, second] = withRuns(await session.fake.control.fixture());
    const { page } = await open(legacyPath(first.numeric_id, first.last_run_id));
    await buttonPlaced(page);
    await askToCopy(session.browser.context, page.url());
    await navigateInApp(page, legacyPath(second.numeric_id, second.last_run_id));

    const changed = 'The page changed before the link came; nothing was copied.';
    await until(async () => (await allStatusTexts(page)).includes(changed), 'the toast');
    await buttonPlaced(page);
    await writeClipboard(session.browser.context, 'before');
    assert.equal(await copyWith(page, 'share'), copiedText('share'));
    assert.equal(await readClipboard(session.browser.context), second.share_link);
  });
});
