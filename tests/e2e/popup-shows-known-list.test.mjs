// With a list from an earlier visit, the popup shows it at once, before Functionize answers,
// then replaces it with the fresh one and marks what changed in between.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { useSession } from './harness.mjs';
import { listShown, rowOf } from './popup-ui.mjs';

const LIST = '/api/v4/orchestration';
const NEW_ID = 'f'.repeat(32);

/** The list as Functionize would send it after one status changed and one was added. */
function laterList(fixture) {
  const items = fixture.map((item, index) => ({
    deployment_id: item.deployment_id,
    name: item.name,
    Status: index === 0 ? 'Running' : item.status,
  }));
  return [...items, { deployment_id: NEW_ID, name: 'Added since', Status: 'Passed' }];
}

describe('the popup with a list from an earlier visit', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'bare', ids: 'numbers' });

  it('shows it before any answer arrives, then the fresh one with changes marked', async () => {
    const { control } = session.fake;
    const fixture = await control.fixture();
    const first = await session.browser.openPopup();
    assert.equal(await listShown(first), `${fixture.length} orchestrations`);
    await first.close();

    const body = JSON.stringify(laterList(fixture));
    await control.reset();
    await control.rules([{ path: LIST, delay_ms: 2_000, status: 200, body, times: 1 }]);
    try {
      const popup = await session.browser.openPopup();
      await popup.locator('#list[aria-busy="true"] li.orchestration').first().waitFor();
      const count = (await popup.locator('#count').textContent()).trim();
      assert.equal(count, `${fixture.length} orchestrations`);
      const answered = (await control.requests()).filter((r) => r.path === LIST && r.status);
      assert.deepEqual(answered, [], 'the list was shown before any list answer went out');

      const fresh = `${fixture.length + 1} orchestrations`;
      assert.equal(await listShown(popup), fresh, 'the fresh list replaced the known one');
      const change = (id) => rowOf(popup, id).getAttribute('data-change');
      assert.equal(await change(fixture[0].deployment_id), 'changed');
      assert.equal(await change(NEW_ID), 'new');
      assert.equal(await change(fixture[1].deployment_id), null);
      assert.equal(await popup.locator('#notice').isVisible(), false);
    } finally {
      await control.rules([]);
    }
  });
});
