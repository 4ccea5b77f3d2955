// The popup's copies cost exactly the requests they need: the report URL of an orchestration
// whose list entry names its last run asks only /group, once; asked again, nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { FUNCTIONIZE_ORIGIN, readClipboard, useSession } from './harness.mjs';
import { copyFrom, listShown, rowOf } from './popup-ui.mjs';

describe('popup request counts', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'bare', ids: 'numbers' });

  async function reportUrlCalls(item) {
    const { control } = session.fake;
    const popup = await session.browser.openPopup();
    await listShown(popup);
    await control.reset();
    assert.equal(await copyFrom(rowOf(popup, item.deployment_id), 'button.copy-report'), 'Copied');
    const expected = `${FUNCTIONIZE_ORIGIN}/v1/orchestrations-report/${item.numeric_id}/${item.last_run_id}`;
    assert.equal(await readClipboard(session.browser.context), expected);
    await popup.close();
    const requests = await control.requests();
    return requests
      .filter((r) => r.path.startsWith('/api/'))
      .map((r) => r.path.replace(/[0-9a-f]{32}/, '{hex}'));
  }

  it('cold report URL: exactly one /group request; warm: none', async () => {
    const fixture = await session.fake.control.fixture();
    const item = fixture.find((o) => o.run_id_in_list && o.last_run_id);
    assert.ok(item, 'the fixture has an orchestration whose list entry names its last run');
    assert.deepEqual(await reportUrlCalls(item), ['/api/v4/orchestration/{hex}/group']);
    assert.deepEqual(await reportUrlCalls(item), []);
  });
});
