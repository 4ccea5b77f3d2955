// A smoke test of the built extension in real Firefox (Debian's firefox-esr, headless), against
// the fake Functionize: it installs and its background answers, the options page saves the
// token and host with the host permission granted, the popup lists the orchestrations and
// copies a share link, and the button on a report page copies one too. Chromium's end-to-end
// tests (tests/e2e) cover the rest; this shows the one build also works where Firefox differs
// (a background script instead of a service worker, host permissions the user grants).
//
// The steps run in order on one browser, each building on the one before.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { FUNCTIONIZE_HOST } from '../e2e/browser.mjs';
import { DEFAULT_TOKEN, startFake } from '../e2e/fake-functionize.mjs';
import { connectedText } from '../e2e/options-ui.mjs';
import { legacyPath, rendered } from '../e2e/report-pages.mjs';
import { settledText, until } from '../e2e/waiting.mjs';
import { launchFirefox } from './firefox.mjs';
import { startHostProxy } from './host-proxy.mjs';

const HOST_PATTERN = `https://${FUNCTIONIZE_HOST}/*`;
const BUTTON_HOST = 'span[data-functionize-report-links]';
const STALE = 'nothing copied yet';

/**
 * The text of the first element matching `selector`, shaped like the Playwright locator that
 * `settledText` (tests/e2e/waiting.mjs) polls, so its rules for pending texts apply here too.
 */
function textOf(page, selector) {
  return {
    textContent: () => page.$eval(selector, (element) => element.textContent),
    toString: () => selector,
  };
}

/** Whether Firefox shows `text` in the page, closed shadow roots included: window.find searches
 * what is rendered, where the page button's closed shadow root cannot hide its labels. */
function pageShows(page, text) {
  return page.evaluate((wanted) => {
    getSelection().removeAllRanges();
    const found = window.find(wanted, true, false, true);
    getSelection().removeAllRanges();
    return found;
  }, text);
}

describe('the extension in Firefox', { timeout: 120_000 }, () => {
  let fake;
  let proxy;
  let firefox;
  let fixture;
  let options;

  before(async () => {
    fake = await startFake(); // Serves DEFAULT_TOKEN.
    proxy = await startHostProxy(fake.httpsPort);
    firefox = await launchFirefox({ proxyPort: proxy.port });
    fixture = await fake.control.fixture();
  });

  // Each one stopped even when another fails to, so nothing outlives the test.
  after(async () => {
    const stops = [firefox?.close(), proxy?.stop(), fake?.stop()];
    const failed = (await Promise.allSettled(stops)).filter((s) => s.status === 'rejected');
    if (failed.length > 0) throw failed[0].reason;
  });

  it('installs, and its background script answers', async () => {
    assert.equal(firefox.addonId, firefox.geckoId, 'the add-on id Firefox reports');
    options = await firefox.openExtensionPage('options.html');
    await options.waitForSelector('#save:enabled');

    // Nothing is saved yet: the background's wasm must say so, rather than not answer.
    const answer = await options.evaluate(() => chrome.runtime.sendMessage({
      type: 'testConnection',
    }));
    assert.equal(answer?.ok, false, JSON.stringify(answer));
    assert.equal(answer.error?.name, 'NoToken', JSON.stringify(answer));
  });

  it('saves the token and host in the options, with the host permission granted', async (t) => {
    const hasHost = () => options.evaluate(
      (origin) => chrome.permissions.contains({ origins: [origin] }),
      HOST_PATTERN,
    );
    t.diagnostic(`host permission granted at install: ${await hasHost()}`);
    // Firefox lets the user take back even the manifest's host permission. Taking it back
    // first makes Save's own request for it (permissions.request) what grants it again.
    const removed = await options.evaluate(
      (origin) => chrome.permissions.remove({ origins: [origin] }),
      HOST_PATTERN,
    );
    assert.equal(removed, true, 'Firefox let the host permission be taken back');
    assert.equal(await hasHost(), false, 'the permission is gone before Save');

    await options.locator('#host').fill(FUNCTIONIZE_HOST);
    await options.locator('#token').fill(DEFAULT_TOKEN);
    await options.click('#save');
    assert.equal(await settledText(textOf(options, '#status')), 'Saved.');

    assert.equal(await hasHost(), true, `the extension may reach ${HOST_PATTERN}`);
    const { settings } = await options.evaluate(() => chrome.storage.local.get('settings'));
    assert.equal(settings?.host, FUNCTIONIZE_HOST);
    assert.equal(settings?.token, DEFAULT_TOKEN);
    assert.equal(await options.$eval('#token', (input) => input.value), '', 'token field');

    await options.click('#test');
    const pending = ['', 'Saved.', 'Testing the connection…'];
    const outcome = await settledText(textOf(options, '#status'), { pending });
    assert.equal(outcome, connectedText(fixture.length));

    // The fake was reached under the real host name, through the proxy, with the token.
    const requests = await fake.control.requests();
    const withToken = requests.filter((request) => request.token_valid);
    assert.ok(withToken.length > 0, 'the fake saw a request with the valid token');
    assert.deepEqual([...new Set(withToken.map((request) => request.host))], [FUNCTIONIZE_HOST]);
    assert.ok(proxy.tunnelled() > 0, 'tunnels opened by the proxy');
  });

  let popup;

  it('lists the orchestrations in the popup', async () => {
    popup = await firefox.openExtensionPage('popup.html');
    await popup.waitForFunction(() => {
      const count = document.querySelector('#count')?.textContent.trim();
      const settled = document.querySelector('#list')?.getAttribute('aria-busy') === 'false';
      return (Boolean(count) && settled) || document.querySelector('#notice')?.hidden === false;
    });
    const notice = await popup.$eval('#notice', (n) => (n.hidden ? '' : n.textContent.trim()));
    assert.equal(notice, '', 'the popup shows a notice instead of the list');

    assert.equal(await settledText(textOf(popup, '#count')), `${fixture.length} orchestrations`);
    const shown = await popup.$$eval('li.orchestration', (rows) =>
      rows.map((row) => row.dataset.deploymentId));
    assert.deepEqual(shown.sort(), fixture.map((item) => item.deployment_id).sort());
  });

  it('copies a share link from the popup', async () => {
    const item = fixture[0];
    await firefox.writeClipboard(STALE);
    const row = `li.orchestration[data-deployment-id="${item.deployment_id}"]`;

    await popup.bringToFront(); // Back from the tab that wrote the clipboard.
    await popup.click(`${row} button.copy-share`);
    const feedback = await settledText(textOf(popup, `${row} .feedback`), {
      pending: ['', 'Working…'],
    });
    assert.equal(feedback, 'Copied');
    assert.equal(await firefox.readClipboard(), item.share_link);
  });

  it('adds the copy button to a report page, and it copies the share link', async () => {
    // Another orchestration than the popup's, so its share link is not already known.
    const other = (o) => o.last_run_id && o.deployment_id !== fixture[0].deployment_id;
    const item = fixture.find(other);
    assert.ok(item, 'the fixture has another orchestration that has run');
    const page = await firefox.openWebPage(legacyPath(item.numeric_id, item.last_run_id));
    await rendered(page);

    // The content script's host element sits right after the page's title, laid out.
    const host = await page.waitForSelector(BUTTON_HOST);
    const placed = await host.evaluate((element) => ({
      afterTitle: element.previousElementSibling?.tagName === 'H1',
      box: element.getBoundingClientRect().toJSON(),
    }));
    assert.ok(placed.afterTitle, 'the buttons follow the title');
    assert.ok(placed.box.width > 0 && placed.box.height > 0, JSON.stringify(placed.box));
    assert.ok(await pageShows(page, 'Copy share link'), 'the share button is shown');
    assert.ok(await pageShows(page, 'Copy report URL'), 'the report button is shown');

    // Its shadow root is closed, so neither the page nor the test can reach the buttons; click
    // as a mouse does. "Copy share link" comes first, at the host's left edge.
    await firefox.writeClipboard(STALE);
    await page.bringToFront();
    const { x, y, height } = placed.box;
    await page.mouse.click(x + 8, y + height / 2);
    await until(() => pageShows(page, 'Share link copied'), 'the button saying it copied');
    assert.equal(await firefox.readClipboard(), item.share_link);
  });

  it('reports no error from its pages or background script', async (t) => {
    // Told, not failed on: what Firefox warned about, and what the proxy kept from leaving.
    for (const warning of firefox.extensionWarnings()) t.diagnostic(warning);
    const refused = new Map();
    for (const line of proxy.refused()) refused.set(line, (refused.get(line) ?? 0) + 1);
    for (const [line, times] of refused) t.diagnostic(`the proxy refused ${times}×: ${line}`);

    // Read while everything still runs, so errors of Firefox shutting down are not counted.
    const errors = firefox.extensionErrors();
    assert.deepEqual(errors, [], `the extension reported:\n${errors.join('\n')}`);
  });
});
