// The "Copy share link" button appears once beside the title of Functionize's report pages,
// copies exactly the right links, and appears nowhere else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import path from 'node:path';

import { ELSEWHERE_HOST, readClipboard, useSession, writeClipboard } from './harness.mjs';
import { SCREENSHOT_DIR } from './paths.mjs';
import {
  REPORT,
  SHARE,
  buttonCount,
  buttonGone,
  buttonPlaced,
  copiedText,
  copyWith,
  placement,
  settledStatus,
} from './page-button-ui.mjs';
import {
  legacyPath,
  reportUrl,
  studioPath,
  useReportPages,
  withRuns,
} from './report-pages.mjs';

const BEFORE = 'clipboard before the click';

describe('the report-page button', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'strings' });
  const open = useReportPages(session);

  async function copied(page, link) {
    const { context } = session.browser;
    await writeClipboard(context, BEFORE);
    assert.equal(await copyWith(page, link), copiedText(link));
    return readClipboard(context);
  }

  it('appears once beside a legacy report page\'s title and copies its share link', async () => {
    const [item] = withRuns(await session.fake.control.fixture());
    const { page, errors } = await open(legacyPath(item.numeric_id, item.last_run_id));

    await buttonPlaced(page);
    assert.equal(await copied(page, 'share'), item.share_link);
    assert.equal((await placement(page)).hosts, 1, 'button hosts after the copy');
    // For the README: the button as a user sees it, just after a copy.
    const screenshot = path.join(SCREENSHOT_DIR, 'page-button.png');
    await page.setViewportSize({ width: 900, height: 260 });
    await page.screenshot({ path: screenshot });
    assert.deepEqual(errors.all(), [], 'errors on the page');
  });

  it('appears once on Studio run pages named by either id and copies their links', async () => {
    const fixture = withRuns(await session.fake.control.fixture());
    const [byNumber, byHex] = [fixture[1], fixture[2]];

    const numeric = await open(studioPath(byNumber.numeric_id, byNumber.last_run_id));
    await buttonPlaced(numeric.page);
    assert.equal(await copied(numeric.page, 'share'), byNumber.share_link);

    const hex = await open(studioPath(byHex.deployment_id, byHex.last_run_id));
    await buttonPlaced(hex.page);
    assert.equal(await copied(hex.page, 'share'), byHex.share_link);
    assert.equal(await copied(hex.page, 'report'), reportUrl(byHex, byHex.last_run_id));
    assert.deepEqual([...numeric.errors.all(), ...hex.errors.all()], [], 'errors on the pages');
  });

  it('copies the canonical report URL, from the keyboard too', async () => {
    const item = withRuns(await session.fake.control.fixture())[3];
    const path = `${legacyPath(item.numeric_id, item.last_run_id)}/?tab=steps#failures`;
    const { page } = await open(path);
    await buttonPlaced(page);
    const { context } = session.browser;
    await writeClipboard(context, BEFORE);

    // Clicking the title moves the keyboard's starting point there: Tab reaches the share
    // button first, then the report button.
    await page.locator('h1').first().click();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    assert.equal(await settledStatus(page), copiedText('report'));
    assert.equal(await readClipboard(context), reportUrl(item, item.last_run_id));
  });

  it('does not appear on a Functionize page that is not a report', async () => {
    const { page, errors } = await open('/v1/dashboard');

    assert.equal(errors.extensionInjected(), true, 'the content script ran on the page');
    await buttonGone(page, { quietMs: 1_500 });
    assert.deepEqual(errors.fromExtension(), [], 'errors from the extension');
  });

  it('is not injected on another site, even on a report-like path', async () => {
    const [item] = withRuns(await session.fake.control.fixture());
    const url = `https://${ELSEWHERE_HOST}${legacyPath(item.numeric_id, item.last_run_id)}`;
    const { page, errors } = await open(url);

    await buttonGone(page, { quietMs: 1_500 });
    assert.equal(errors.extensionInjected(), false, 'the content script ran on another site');
    assert.equal(await buttonCount(page, SHARE) + await buttonCount(page, REPORT), 0);
  });
});
