// Functionize's report pages change without a page load. The button follows: once per report,
// gone on pages that are not reports, and right again after back and forward.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readClipboard, useSession, writeClipboard } from './harness.mjs';
import { buttonGone, buttonPlaced, copiedText, copyWith } from './page-button-ui.mjs';
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

describe('the report-page button across client-side navigation', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'bare', ids: 'numbers' });
  const open = useReportPages(session);

  /** Follows the page's `nth` link to another report (1st: legacy, 2nd and 3rd: Studio). */
  async function followReportLink(page, nth) {
    const link = page.locator('a.other-report').nth(nth);
    const href = new URL(await link.getAttribute('href'), page.url()).pathname;
    await link.click();
    await rendered(page);
    assert.equal(new URL(page.url()).pathname, href, 'the app navigated to the link');
    return href;
  }

  /** Asserts the button is placed on the page now shown and copies that page's share link. */
  async function copiesShareLinkOf(page, fixture) {
    await buttonPlaced(page);
    const item = itemAt(fixture, new URL(page.url()).pathname);
    const { context } = session.browser;
    await writeClipboard(context, `before copying on ${page.url()}`);
    assert.equal(await copyWith(page, 'share'), copiedText('share'));
    assert.equal(await readClipboard(context), item.share_link, `share link of ${page.url()}`);
  }

  it('moves along three reports without duplicates and leaves other pages', async () => {
    const fixture = await session.fake.control.fixture();
    const [first, last] = [withRuns(fixture)[0], withRuns(fixture).at(-1)];
    const { page, errors } = await open(legacyPath(first.numeric_id, first.last_run_id));
    await buttonPlaced(page);

    const visited = [new URL(page.url()).pathname];
    for (const nth of [1, 2]) {
      visited.push(await followReportLink(page, nth));
      await buttonPlaced(page);
    }
    assert.match(visited[1], /^\/app\/orchestrations\/\d+\/runs\//, 'a Studio page by number');
    assert.match(visited[2], /^\/app\/orchestrations\/[0-9a-f]{32}\/runs\//, 'and by hex id');
    assert.equal(new Set(visited.map((path) => itemAt(fixture, path))).size, 3);

    await page.locator('a.dashboard-link').click();
    await rendered(page);
    await buttonGone(page);

    // replaceState, as the app does when it corrects an address in place.
    await navigateInApp(page, studioPath(last.numeric_id, last.last_run_id), { replace: true });
    await copiesShareLinkOf(page, fixture);

    assert.equal(await mostHostsSeen(page), 1, 'most button hosts ever on the page at once');
    assert.deepEqual(errors.fromExtension(), [], 'errors from the extension');
  });

  it('is right again after back and forward, copying that page\'s link', async () => {
    const fixture = await session.fake.control.fixture();
    const [start] = withRuns(fixture);
    const { page, errors } = await open(legacyPath(start.numeric_id, start.last_run_id));
    await buttonPlaced(page);
    const second = await followReportLink(page, 0);
    await buttonPlaced(page);
    await followReportLink(page, 1);
    await buttonPlaced(page);

    await page.goBack();
    await rendered(page);
    assert.equal(new URL(page.url()).pathname, second);
    await copiesShareLinkOf(page, fixture);

    await page.goBack();
    await rendered(page);
    assert.equal(itemAt(fixture, new URL(page.url()).pathname), start);
    await copiesShareLinkOf(page, fixture);

    await page.goForward();
    await rendered(page);
    assert.equal(new URL(page.url()).pathname, second);
    await copiesShareLinkOf(page, fixture);

    assert.equal(await mostHostsSeen(page), 1, 'most button hosts ever on the page at once');
    assert.deepEqual(errors.fromExtension(), [], 'errors from the extension');
  });
});
