// A configured host the browser has not granted is reported as a missing permission, with what
// to do, not as Functionize failing to answer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ELSEWHERE_HOST, configure, useSession } from './harness.mjs';
import { listShown } from './popup-ui.mjs';

describe('a host without permission', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'strings' }, { withToken: false });

  it('is named in the popup as a missing permission, and nothing is sent to it', async () => {
    const { browser } = session;
    await configure(browser.context, { token: session.token, host: ELSEWHERE_HOST });
    await session.fake.control.reset();

    const popup = await browser.openPopup();
    await listShown(popup, { expectList: false });
    const notice = (await popup.locator('#notice-text').textContent()).trim();
    assert.match(notice, new RegExp(`no permission to reach ${ELSEWHERE_HOST.replace('.', '\\.')}`));
    assert.match(notice, /press Save/);

    const requests = await session.fake.control.requests();
    assert.deepEqual(requests.filter((request) => request.has_token), [], 'requests with token');
  });
});
