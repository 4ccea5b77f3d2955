// A report page names its orchestration by the numeric id; the share link needs the hex one.
// With 200 orchestrations, the button finds it with few requests, never floods the API, keeps
// what it learned, and says so when there is nothing to find.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readClipboard, serviceWorker, useSession, writeClipboard } from './harness.mjs';
import { buttonPlaced, copiedText, copyWith } from './page-button-ui.mjs';
import {
  legacyPath,
  navigateInApp,
  rendered,
  studioPath,
  useReportPages,
  withRuns,
} from './report-pages.mjs';

const ORCHESTRATIONS = 200;
const MAX_IN_FLIGHT = 4;
const LATENCY_MS = 50;
const NOT_FOUND = 'Not found for this token';

describe('the report-page button finding the orchestration', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'numbers', generate: ORCHESTRATIONS });
  const open = useReportPages(session);

  async function forgetLearnedIds() {
    const worker = await serviceWorker(session.browser.context);
    await worker.evaluate(() => chrome.storage.local.remove('idMap'));
  }

  async function learnedIds() {
    const worker = await serviceWorker(session.browser.context);
    return worker.evaluate(async () => (await chrome.storage.local.get('idMap')).idMap ?? {});
  }

  /** The API calls the fake saw since its log was reset, as `GET {kind}` lines. */
  async function apiCalls() {
    const requests = await session.fake.control.requests();
    return requests
      .filter((request) => request.path.startsWith('/api/'))
      .map((request) => `${request.method} ${request.path.replace(/[0-9a-f]{32}/, '{hex}')}`);
  }

  /** Clicks "Copy share link" and checks exactly `item`'s share link lands on the clipboard. */
  async function copiesShareLink(page, item) {
    const { context } = session.browser;
    await writeClipboard(context, 'before the click');
    assert.equal(await copyWith(page, 'share'), copiedText('share'));
    assert.equal(await readClipboard(context), item.share_link);
  }

  /** A generated orchestration near the end of the list, so a blind search takes long. */
  async function lateItem(fromEnd) {
    const fixture = await session.fake.control.fixture();
    assert.equal(fixture.length, ORCHESTRATIONS);
    return withRuns(fixture).at(-fromEnd);
  }

  it('cold, with the name on the page: at most list, /group and /csvreport', async () => {
    const item = await lateItem(3);
    await forgetLearnedIds();
    const { page } = await open(legacyPath(item.numeric_id, item.last_run_id));
    await buttonPlaced(page);
    assert.equal(await page.locator('h1').first().textContent(), item.name);

    await session.fake.control.reset();
    await copiesShareLink(page, item);
    const calls = await apiCalls();
    assert.ok(calls.length <= 3, `at most 3 API requests, saw ${calls.length}: ${calls}`);
    assert.deepEqual([...new Set(calls)].sort(), [
      'GET /api/v4/orchestration',
      'GET /api/v4/orchestration/{hex}/csvreport',
      'GET /api/v4/orchestration/{hex}/group',
    ]);
  });

  it('warm: no request at all on the same orchestration\'s pages, ids kept in storage', async () => {
    const item = await lateItem(4);
    const legacy = legacyPath(item.numeric_id, item.last_run_id);
    const { page } = await open(legacy);
    await buttonPlaced(page);
    await copiesShareLink(page, item);
    assert.equal((await learnedIds())[String(item.numeric_id)], item.deployment_id);

    await session.fake.control.reset();
    await navigateInApp(page, studioPath(item.numeric_id, item.last_run_id));
    await buttonPlaced(page);
    await copiesShareLink(page, item);
    assert.deepEqual(await apiCalls(), [], 'the share link is remembered');

    // Away to the dashboard and back.
    await page.locator('a.dashboard-link').click();
    await rendered(page);
    await page.goBack();
    await rendered(page);
    await buttonPlaced(page);
    await session.fake.control.reset();
    await copiesShareLink(page, item);
    assert.deepEqual(await apiCalls(), [], 'the share link is remembered');
  });

  it('cold, with no name on the page: found, never more than 4 requests in flight', async (t) => {
    const item = await lateItem(2);
    await forgetLearnedIds();
    const { page } = await open(`${legacyPath(item.numeric_id, item.last_run_id)}?noname=1`);
    await buttonPlaced(page);
    assert.notEqual(await page.locator('h1').first().textContent(), item.name);

    await session.fake.control.config({ latency_ms: LATENCY_MS });
    try {
      await session.fake.control.reset();
      await copiesShareLink(page, item);
    } finally {
      await session.fake.control.config({ latency_ms: 0 });
    }
    const { in_flight_peak: peak } = await session.fake.control.stats();
    const groups = (await apiCalls()).filter((call) => call.endsWith('/group')).length;
    t.diagnostic(`${groups} /group requests, at most ${peak} API requests in flight`);
    assert.ok(peak <= MAX_IN_FLIGHT, `at most ${MAX_IN_FLIGHT} in flight, saw ${peak}`);
  });

  it('says an id that matches no orchestration is not found, and throws nothing', async (t) => {
    const { page, errors } = await open(legacyPath(999_999_999, '1'));
    await buttonPlaced(page);

    await session.fake.control.reset();
    const outcome = await copyWith(page, 'share');
    assert.ok(outcome.startsWith(NOT_FOUND), `the button says "${outcome}"`);
    assert.deepEqual(errors.all(), [], 'errors on the page');
    const known = Object.keys(await learnedIds()).length;
    const groups = (await apiCalls()).filter((call) => call.endsWith('/group')).length;
    t.diagnostic(`${groups} /group requests to find nothing, with ${known} ids already known`);
  });
});
