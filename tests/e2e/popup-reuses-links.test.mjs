// A share link copied again soon comes from what the extension remembers, without a request;
// the options set for how long, and 0 asks Functionize every time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readClipboard, useSession } from './harness.mjs';
import { optionsReady } from './options-ui.mjs';
import { copyFrom, listShown, rowOf } from './popup-ui.mjs';
import { settledText } from './waiting.mjs';

describe('share links copied again', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'strings' });

  /** Copies `item`'s share link in a fresh popup; returns the csvreport requests it made. */
  async function copyCounting(item) {
    const { control } = session.fake;
    await control.reset();
    const popup = await session.browser.openPopup();
    await listShown(popup);
    assert.equal(await copyFrom(rowOf(popup, item.deployment_id), 'button.copy-share'), 'Copied');
    assert.equal(await readClipboard(session.browser.context), item.share_link);
    await popup.close();
    return (await control.requests()).filter((r) => r.path.endsWith('/csvreport')).length;
  }

  it('are reused for ten minutes by default: the second copy sends no request', async () => {
    const [, item] = await session.fake.control.fixture();
    assert.equal(await copyCounting(item), 1);
    assert.equal(await copyCounting(item), 0);
  });

  it('are asked for every time when the options say 0 minutes', async () => {
    const [, , item] = await session.fake.control.fixture();
    const options = await optionsReady(await session.browser.openOptions());
    await options.fill('#remember-minutes', '0');
    await options.click('#save');
    assert.equal(await settledText(options.locator('#status')), 'Saved.');
    assert.equal(await options.inputValue('#remember-minutes'), '0');

    assert.equal(await copyCounting(item), 1);
    assert.equal(await copyCounting(item), 1);
  });
});
