// The options page: saving a token, testing the connection, and a token that survives a
// browser restart without ever being shown again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { RESPONSE_SHAPES, useSession } from './harness.mjs';
import { connectedText, optionsReady, saveToken, testConnection } from './options-ui.mjs';

for (const shape of RESPONSE_SHAPES) {
  const title = `options page (${shape.shape} answers, ids as ${shape.ids})`;
  describe(title, { timeout: 90_000 }, () => {
    const session = useSession(shape, { withToken: false });
    const openOptions = async () => optionsReady(await session.browser.openOptions());

    it('saves a pasted token and says so', async () => {
      const options = await openOptions();

      assert.equal(await saveToken(options, session.token), 'Saved.');
    });

    it('tests the connection and counts the orchestrations the token can see', async () => {
      const fixture = await session.fake.control.fixture();
      const options = await openOptions();
      assert.equal(await saveToken(options, session.token), 'Saved.');

      assert.equal(await testConnection(options), connectedText(fixture.length));
    });

    it('says a wrong token is rejected', async () => {
      const options = await openOptions();
      assert.equal(await saveToken(options, 'not-the-right-token'), 'Saved.');

      assert.match(await testConnection(options), /^Token rejected/);
    });

    it('keeps the saved token across a browser restart without showing it', async () => {
      const fixture = await session.fake.control.fixture();
      const first = await openOptions();
      assert.equal(await saveToken(first, session.token), 'Saved.');
      assert.equal(await first.inputValue('#token'), '');

      const browser = await session.restartBrowser();
      const options = await optionsReady(await browser.openOptions());

      assert.equal(await options.inputValue('#token'), '');
      assert.equal(await testConnection(options), connectedText(fixture.length));
      assert.equal(await options.inputValue('#token'), '');
    });
  });
}
