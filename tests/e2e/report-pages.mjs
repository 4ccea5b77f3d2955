// Opening the fake Functionize's report pages as a user does, and naming which orchestration a
// page shows. Pages opened here are watched for errors from the moment they load, and closed
// after each test.
import assert from 'node:assert/strict';
import { afterEach } from 'node:test';

import { FUNCTIONIZE_ORIGIN } from './browser.mjs';
import { HOST_SELECTOR } from './page-button-ui.mjs';
import { watchErrors } from './page-errors.mjs';

export function legacyPath(numericId, runId) {
  return `/v1/orchestrations-report/${numericId}/${encodeURIComponent(runId)}`;
}

/** A Studio run page; `id` may be the numeric or the hex id, as Studio's URL kind is unknown. */
export function studioPath(id, runId) {
  return `/app/orchestrations/${id}/runs/${encodeURIComponent(runId)}`;
}

/** The page's standard report URL: what "Copy report URL" must copy for `item` and `runId`. */
export function reportUrl(item, runId) {
  return `${FUNCTIONIZE_ORIGIN}${legacyPath(item.numeric_id, runId)}`;
}

/** The fixture orchestration a report page's path names, by either id. */
export function itemAt(fixture, pathname) {
  const match = pathname.match(/^\/(?:v1\/orchestrations-report|app\/orchestrations)\/([^/]+)\//);
  assert.ok(match, `${pathname} is a report page`);
  const [, id] = match;
  const item = fixture.find((o) => String(o.numeric_id) === id || o.deployment_id === id);
  assert.ok(item, `the fixture has the orchestration of ${pathname}`);
  return item;
}

/** Orchestrations that have run, so their report pages have a run to show. */
export function withRuns(fixture) {
  return fixture.filter((item) => item.last_run_id);
}

/**
 * Registers closing, after each test, the pages `open` made. `open(url)` takes a path on the
 * Functionize origin or a full URL and resolves, once the app has rendered, to
 * { page, errors } (see `watchErrors`).
 */
export function useReportPages(session) {
  const opened = new Set();

  afterEach(async () => {
    await Promise.all([...opened].map((page) => page.close().catch(() => {})));
    opened.clear();
  });

  return async function open(url) {
    const page = await session.browser.context.newPage();
    opened.add(page);
    const errors = await watchErrors(page);
    await page.goto(url.startsWith('/') ? `${FUNCTIONIZE_ORIGIN}${url}` : url);
    await rendered(page);
    await countHostsAlways(page);
    return { page, errors };
  };
}

/** Waits until the app has rendered the view for the address now shown. */
export async function rendered(page) {
  await page.waitForFunction(() => {
    const main = document.getElementById('fz-main');
    return main?.dataset.view && main.dataset.path === location.pathname;
  });
}

/**
 * Makes the page count the extension's button hosts after every change to the document, so a
 * duplicate that lasts only until the next change is still seen. `mostHostsSeen(page)` reads
 * the largest count since.
 */
async function countHostsAlways(page) {
  await page.evaluate((selector) => {
    window.__mostHosts = document.querySelectorAll(selector).length;
    new MutationObserver(() => {
      const now = document.querySelectorAll(selector).length;
      window.__mostHosts = Math.max(window.__mostHosts, now);
    }).observe(document.documentElement, { childList: true, subtree: true });
  }, HOST_SELECTOR);
}

export function mostHostsSeen(page) {
  return page.evaluate(() => window.__mostHosts);
}

/** Navigates client-side, as a click on one of the app's links does. */
export async function navigateInApp(page, path, { replace = false } = {}) {
  await page.evaluate(([to, options]) => window.fzNavigate(to, options), [path, { replace }]);
  await rendered(page);
}
