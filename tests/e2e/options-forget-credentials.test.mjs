// "Forget credentials" leaves nothing behind: no token, no host, no cached id mapping.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { serviceWorker, useSession } from './harness.mjs';
import { optionsReady, saveToken, testConnection } from './options-ui.mjs';
import { listShown } from './popup-ui.mjs';
import { settledText } from './waiting.mjs';

describe('forgetting credentials', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'strings' }, { withToken: false });

  it('removes the token and every cache, and the popup then asks for a token', async () => {
    const { browser } = session;
    const options = await optionsReady(await browser.openOptions());
    assert.equal(await saveToken(options, session.token), 'Saved.');
    const connected = await testConnection(options);
    assert.match(connected, /^Connected/);
    const worker = await serviceWorker(browser.context);
    await worker.evaluate(() => chrome.storage.local.set({ idMap: { 520603: 'ab'.repeat(16) } }));

    await options.click('#forget');
    assert.match(await settledText(options.locator('#status'), { pending: ['', connected] }),
      /^Forgotten/);
    assert.deepEqual(await worker.evaluate(() => chrome.storage.local.get(null)), {});
    assert.equal(await options.inputValue('#host'), 'app.functionize.com');
    assert.equal(await options.getAttribute('#token', 'placeholder'),
      'Paste your Functionize access token');

    const popup = await browser.openPopup();
    await listShown(popup, { expectList: false });
    assert.match(await popup.locator('#notice-text').textContent(), /No Functionize token/);
  });
});
