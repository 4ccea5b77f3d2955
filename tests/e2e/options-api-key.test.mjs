// With an API key and secret instead of a token, the extension mints its own tokens, and
// replaces an expired one silently: the user never sees "token rejected".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { serviceWorker, useSession } from './harness.mjs';
import { connectedText, optionsReady, testConnection } from './options-ui.mjs';
import { listShown } from './popup-ui.mjs';
import { settledText, until } from './waiting.mjs';

describe('an API key and secret', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'strings' }, { withToken: false });

  it('connect without a token, and survive the token expiring', async () => {
    const { browser } = session;
    const fixture = await session.fake.control.fixture();
    const options = await optionsReady(await browser.openOptions());
    await options.fill('#api-key', 'demo-key');
    await options.fill('#secret', 'demo-secret');
    await options.click('#save');
    assert.equal(await settledText(options.locator('#status')), 'Saved.');
    assert.equal(await options.inputValue('#secret'), '', 'the secret is not shown back');
    assert.equal(await testConnection(options), connectedText(fixture.length));

    const worker = await serviceWorker(browser.context);
    const { settings } = await worker.evaluate(() => chrome.storage.local.get('settings'));
    assert.match(settings.token, /\S/, 'a minted token is kept');

    // Every token the extension holds stops working, as when it expires.
    await session.fake.control.config({ token: `rotated-${Date.now()}` });
    await session.fake.control.reset();
    const popup = await browser.openPopup();
    assert.equal(await listShown(popup), `${fixture.length} orchestrations`);

    const requests = await session.fake.control.requests();
    const paths = requests.filter((r) => r.path.startsWith('/api/')).map((r) => r.status);
    assert.deepEqual(paths, [401, 200, 200], 'refused once, a new token minted, then listed');
  });

  it('travel only in the form body of generateToken, and never into synced storage', async () => {
    const { browser } = session;
    const carrying = browser.networkLog
      .entries()
      .filter((r) => [r.url, r.body, ...Object.values(r.headers)].join('\n').includes('demo-secret'));
    assert.ok(carrying.length > 0, 'the secret was sent to mint a token');
    for (const request of carrying) {
      const url = new URL(request.url);
      assert.equal(`${request.method} ${url.host}${url.pathname}`,
        'POST app.functionize.com/api/v4/generateToken');
      assert.ok(!request.url.includes('demo-secret') && !request.url.includes('demo-key'));
      assert.ok(!Object.values(request.headers).join('\n').includes('demo-secret'));
    }
    const worker = await serviceWorker(browser.context);
    assert.deepEqual(await worker.evaluate(() => chrome.storage.sync.get(null)), {});
  });
});

describe('a wrong API key or secret', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'bare', ids: 'numbers' }, { withToken: false });

  it('is named as such, not as a rejected token', async () => {
    const options = await optionsReady(await session.browser.openOptions());
    await options.fill('#api-key', 'demo-key');
    await options.fill('#secret', 'not-the-secret');
    await options.click('#save');
    assert.equal(await settledText(options.locator('#status')), 'Saved.');
    assert.match(await testConnection(options), /^API key or secret rejected — check both/);

    const popup = await session.browser.openPopup();
    await listShown(popup, { expectList: false });
    const notice = (await popup.locator('#notice-text').textContent()).trim();
    assert.match(notice, /^API key or secret rejected/);
  });
});

describe('an emptied API key field', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'numbers' }, { withToken: false });

  it('removes the key and secret, so an expired token is no longer replaced', async () => {
    const { browser } = session;
    const options = await optionsReady(await browser.openOptions());
    await options.fill('#api-key', 'demo-key');
    await options.fill('#secret', 'demo-secret');
    await options.click('#save');
    assert.equal(await settledText(options.locator('#status')), 'Saved.');

    await options.fill('#api-key', '');
    await options.fill('#token', session.token);
    await options.click('#save');
    const worker = await serviceWorker(browser.context);
    const stored = async () => (await worker.evaluate(() => chrome.storage.local.get('settings')))
      .settings;
    await until(async () => (await stored()).token === session.token, 'the pasted token saved');
    const settings = await stored();
    assert.deepEqual([settings.apiKey, settings.secret], ['', '']);
    assert.equal(await options.inputValue('#api-key'), '');
    assert.equal(await settledText(options.locator('#status')), 'Saved.');

    await session.fake.control.config({ token: `rotated-${Date.now()}` });
    const popup = await browser.openPopup();
    await listShown(popup, { expectList: false });
    assert.match(await popup.locator('#notice-text').textContent(), /^Token rejected or expired/);
  });
});
