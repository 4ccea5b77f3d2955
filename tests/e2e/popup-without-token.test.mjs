// Without a token, the popup says so and leads to the options page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { useSession } from './harness.mjs';
import { listShown } from './popup-ui.mjs';

describe('popup without a token', { timeout: 60_000 }, () => {
  const session = useSession({}, { withToken: false });

  it('says there is no token yet', async () => {
    const popup = await session.browser.openPopup();
    await listShown(popup, { expectList: false });

    const notice = popup.locator('#notice');
    assert.equal(await notice.isVisible(), true, '#notice is visible');
    assert.match(await notice.textContent(), /No Functionize token/);
  });

  it('opens the options page from the notice', async () => {
    const { context } = session.browser;
    const popup = await session.browser.openPopup();
    await listShown(popup, { expectList: false });

    const [options] = await Promise.all([
      context.waitForEvent('page'),
      popup.click('#open-options'),
    ]);

    await options.waitForURL(/options\.html$/);
    await options.close();
  });
});
