// Two popups opening at once (two windows, or a double click) send one list request between
// them; closing one of them does not cancel the other's list.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { useSession } from './harness.mjs';
import { listShown } from './popup-ui.mjs';
import { until } from './waiting.mjs';

const LIST = '/api/v4/orchestration';

describe('popups opening at once', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'strings' });

  async function listRequests() {
    return (await session.fake.control.requests()).filter((r) => r.path === LIST).length;
  }

  it('send one list request between them', async () => {
    const { control } = session.fake;
    const fixture = await control.fixture();
    await control.reset();
    await control.rules([{ path: LIST, delay_ms: 1_000 }]);
    try {
      const popups = await Promise.all([
        session.browser.openPopup(),
        session.browser.openPopup(),
      ]);
      for (const popup of popups) {
        assert.equal(await listShown(popup), `${fixture.length} orchestrations`);
      }
    } finally {
      await control.rules([]);
    }
    assert.equal(await listRequests(), 1);
  });

  it('keep the shared request going while one of them is still open', async () => {
    const { control } = session.fake;
    const fixture = await control.fixture();
    await control.reset();
    await control.rules([{ path: LIST, delay_ms: 1_500 }]);
    try {
      const [leaving, staying] = await Promise.all([
        session.browser.openPopup(),
        session.browser.openPopup(),
      ]);
      await until(async () => (await control.stats()).in_flight === 1, 'the list was asked for');
      await leaving.close();
      assert.equal(await listShown(staying), `${fixture.length} orchestrations`);
    } finally {
      await control.rules([]);
    }
    assert.equal(await listRequests(), 1);
  });
});
