// The token goes to the configured Functionize host's API and nowhere else: not to web
// pages, not to other sites, not into any console.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import {
  ELSEWHERE_HOST,
  FUNCTIONIZE_HOST,
  assertNoConsoleContains,
  assertTokenOnlyInApiHeader,
  countTokenHeaders,
  readClipboard,
  useSession,
} from './harness.mjs';
import { optionsReady, saveToken, testConnection } from './options-ui.mjs';
import { copyFrom, listShown, rowOf } from './popup-ui.mjs';

describe('the token', { timeout: 90_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'strings' }, { withToken: false });

  // Every page used the way a user does, so every path the token could take is taken.
  before(async () => {
    const { browser } = session;
    const options = await optionsReady(await browser.openOptions());
    assert.equal(await saveToken(options, session.token), 'Saved.');
    assert.match(await testConnection(options), /^Connected/);
    assert.equal((await options.content()).includes(session.token), false, 'token in the page');

    const [item] = await session.fake.control.fixture();
    const popup = await browser.openPopup();
    await listShown(popup);
    const row = rowOf(popup, item.deployment_id);
    assert.equal(await copyFrom(row, 'button.copy-share'), 'Copied');
    await readClipboard(browser.context);
    assert.equal(await copyFrom(row, 'button.copy-report'), 'Copied');
    await readClipboard(browser.context);

    const elsewhere = await browser.context.newPage();
    await elsewhere.goto(`https://${ELSEWHERE_HOST}/`);
    await elsewhere.close();
  });

  it('is sent only to the configured host', async () => {
    const requests = await session.fake.control.requests();
    const seen = (request) => `${request.method} ${request.host}${request.path}`;
    const withToken = requests.filter((request) => request.has_token);
    assert.ok(withToken.length > 0, 'the extension called the API with the token');
    assert.ok(requests.some((request) => request.host === ELSEWHERE_HOST), 'other site visited');
    assert.ok(requests.some((request) => !request.path.startsWith('/api/')), 'a page was loaded');

    const offHost = withToken.filter((request) => request.host !== FUNCTIONIZE_HOST);
    assert.deepEqual(offHost.map(seen), [], 'requests to other hosts carrying the token');
    const toPages = withToken.filter((request) => !request.path.startsWith('/api/v4/'));
    assert.deepEqual(toPages.map(seen), [], 'page requests carrying the token');
  });

  it('travels only in the accesstoken header of API requests, as the browser sent them', () => {
    const { networkLog } = session.browser;
    assert.ok(countTokenHeaders(networkLog, session.token) > 0, 'the browser saw the API calls');

    assertTokenOnlyInApiHeader(networkLog, session.token, FUNCTIONIZE_HOST);
  });

  it('appears in no console message of the worker, the popup or the options page', async () => {
    await assertNoConsoleContains(session.browser.consoleLog, session.token);
  });

  it('is not carried along when the API redirects to another host', async () => {
    const { control } = session.fake;
    await control.reset();
    await control.rules([
      {
        path: '/api/v4/orchestration',
        status: 302,
        body: '',
        headers: { Location: `https://${ELSEWHERE_HOST}/steal` },
      },
      {
        path: '/steal',
        status: 200,
        body: '[]',
        headers: {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Headers': 'accesstoken, accept',
        },
      },
    ]);
    try {
      const popup = await session.browser.openPopup();
      await listShown(popup, { expectList: false });
      assert.match(await popup.locator('#notice').textContent(), /Token rejected/);
      await popup.close();
    } finally {
      await control.rules([]);
    }
    const requests = await control.requests();
    const elsewhere = requests.filter((request) => request.host === ELSEWHERE_HOST);
    assert.deepEqual(elsewhere, [], 'requests that followed the redirect');
  });
});
