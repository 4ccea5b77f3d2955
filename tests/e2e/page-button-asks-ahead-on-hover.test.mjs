// The page button asks for the share link when the pointer reaches it or it takes focus, not
// when it appears: a page only looked at sends nothing, and the click that follows sends no
// request of its own, whether the early answer is in or still under way.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readClipboard, useSession } from './harness.mjs';
import {
  buttonPlaced, chooseFormat, copiedText, copyWith, HOST_SELECTOR,
} from './page-button-ui.mjs';
import { markdownName, oneLine } from './link-texts.mjs';
import { legacyPath, useReportPages, withRuns } from './report-pages.mjs';
import { until } from './waiting.mjs';

describe('the page button asking ahead', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'numbers' });
  const open = useReportPages(session);

  async function apiCalls() {
    const requests = await session.fake.control.requests();
    return requests.filter((r) => r.path.startsWith('/api/'));
  }

  it('sends nothing for a page only looked at, then asks on hover; the click sends nothing', async () => {
    const { control } = session.fake;
    const [item] = withRuns(await control.fixture());
    await control.reset();
    const { page } = await open(legacyPath(item.numeric_id, item.last_run_id));
    await buttonPlaced(page);
    assert.deepEqual(await apiCalls(), [], 'a page only looked at costs Functionize nothing');

    // The page's own script pretending the pointer came: not the user, so nothing is asked.
    await page.evaluate((selector) => {
      const host = document.querySelector(selector);
      for (const kind of ['pointerenter', 'focusin']) host.dispatchEvent(new PointerEvent(kind));
    }, HOST_SELECTOR);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(await apiCalls(), [], 'a page script cannot make the extension ask');

    await page.hover(HOST_SELECTOR);
    await until(async () => (await apiCalls()).some((r) => r.path.endsWith('/csvreport') && r.status),
      'the share link was asked for on hover');
    await control.reset();
    assert.equal(await copyWith(page, 'share'), copiedText('share'));
    assert.equal(await readClipboard(session.browser.context), item.share_link);
    assert.deepEqual(await apiCalls(), [], 'the click itself sends no request');
  });

  it('a click while the early request is under way joins it', async () => {
    const { control } = session.fake;
    const [, item] = withRuns(await control.fixture());
    const { page } = await open(legacyPath(item.numeric_id, item.last_run_id));
    await buttonPlaced(page);
    await control.reset();
    await control.rules([{ path: '/csvreport', delay_ms: 1_000 }]);
    try {
      await page.hover(HOST_SELECTOR);
      await until(async () => (await control.stats()).in_flight > 0, 'the early request is out');
      assert.equal(await copyWith(page, 'share'), copiedText('share'));
    } finally {
      await control.rules([]);
    }
    assert.equal(await readClipboard(session.browser.context), item.share_link);
    const reports = (await apiCalls()).filter((r) => r.path.endsWith('/csvreport'));
    assert.equal(reports.length, 1, 'one csvreport request for the hover and the click');
  });

  it('a format picked while the early request is under way is the one copied', async () => {
    const { control } = session.fake;
    const [, , item] = withRuns(await control.fixture());
    const { page } = await open(legacyPath(item.numeric_id, item.last_run_id));
    await buttonPlaced(page);
    await control.reset();
    await control.rules([{ path: '/csvreport', delay_ms: 1_000 }]);
    try {
      // Focusing the menu asks ahead in the format it shows; the user then picks another.
      await chooseFormat(page, 'Markdown link');
      await until(async () => (await control.stats()).in_flight > 0, 'the early request is out');
      assert.equal(await copyWith(page, 'share'), copiedText('share'));
    } finally {
      await control.rules([]);
    }
    const name = markdownName(oneLine(item.name));
    assert.equal(await readClipboard(session.browser.context), `[${name}](${item.share_link})`);
    const reports = (await apiCalls()).filter((r) => r.path.endsWith('/csvreport'));
    assert.equal(reports.length, 1, 'the early answer is reused, not asked again');
  });
});
