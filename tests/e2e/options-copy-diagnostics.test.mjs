// "Copy diagnostics" gives a bug report what it needs: the version, the browser, the host and
// the last errors with their calls, statuses and answer shapes; never a token, id or name.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';

import { readClipboard, useSession } from './harness.mjs';
import { optionsReady } from './options-ui.mjs';
import { EXTENSION_DIR } from './paths.mjs';
import { copyFrom, listShown, rowOf } from './popup-ui.mjs';
import { settledText } from './waiting.mjs';

describe('copy diagnostics', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'strings' });

  async function copiedDiagnostics() {
    const options = await optionsReady(await session.browser.openOptions());
    await options.click('#copy-diagnostics');
    assert.match(await settledText(options.locator('#diagnostics-status')), /^Diagnostics copied/);
    return readClipboard(session.browser.context);
  }

  it('names the setup and says when nothing has failed', async () => {
    const manifest = JSON.parse(await readFile(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    const text = await copiedDiagnostics();
    assert.match(text, new RegExp(`^Extension version: ${manifest.version.replaceAll('.', '\\.')}$`, 'm'));
    assert.match(text, /^Browser: .*Chrom/m);
    assert.match(text, /^Host: app\.functionize\.com$/m);
    assert.match(text, /^Credentials saved: access token$/m);
    assert.match(text, /^Recent errors: none$/m);
  });

  it('lists the last errors with their calls, statuses and shapes, and no secret', async () => {
    const { control } = session.fake;
    const fixture = await control.fixture();
    const [item] = fixture;
    const echo = JSON.stringify({
      STATUS: 'FAILURE',
      MESSAGE: `token ${session.token} may not read ${item.name} (${item.deployment_id})`,
    });
    await control.rules([
      { path: `${item.deployment_id}/csvreport`, status: 200, body: echo, times: 1 },
      { path: '/api/v4/orchestration', status: 503, times: 3 },
    ]);
    try {
      const failing = await session.browser.openPopup();
      await listShown(failing, { expectList: false });
      await failing.close();
      const popup = await session.browser.openPopup();
      await listShown(popup);
      await copyFrom(rowOf(popup, item.deployment_id), 'button.copy-share');
    } finally {
      await control.rules([]);
    }

    const text = await copiedDiagnostics();
    const share = text.indexOf('shareLink: Unexpected');
    const list = text.indexOf('listOrchestrations: NotAnswering');
    assert.ok(share >= 0 && list > share, `newest first:\n${text}`);
    assert.match(text, /GET orchestration\/\{id\}\/csvreport -> 200, JSON object \{MESSAGE, STATUS\} STATUS FAILURE/);
    assert.equal(text.match(/GET orchestration -> 503, /g)?.length, 3, text);

    assert.ok(!text.includes(session.token), 'the token is in the diagnostics');
    for (const orchestration of fixture) {
      assert.ok(!text.includes(orchestration.name), `${orchestration.name} is in the diagnostics`);
      assert.ok(!text.includes(orchestration.deployment_id), 'an id is in the diagnostics');
    }
  });
});
