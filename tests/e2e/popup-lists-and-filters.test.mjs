// The popup lists every orchestration the token can see and filters them as the user types.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';

import { RESPONSE_SHAPES, SCREENSHOT_DIR, useSession } from './harness.mjs';
import { listShown, shownNames } from './popup-ui.mjs';

const FRAGMENTS = [
  { kind: 'a non-ASCII fragment', text: 'prüf' },
  { kind: 'a punctuation fragment', text: '&' },
];

for (const shape of RESPONSE_SHAPES) {
  const title = `popup list (${shape.shape} answers, ids as ${shape.ids})`;
  describe(title, { timeout: 90_000 }, () => {
    const session = useSession(shape);

    it('lists every orchestration, in order, with their count', async () => {
      const fixture = await session.fake.control.fixture();
      const popup = await session.browser.openPopup();

      assert.equal(await listShown(popup), `${fixture.length} orchestrations`);
      assert.deepEqual(await shownNames(popup), fixture.map((item) => item.name));

      await mkdir(SCREENSHOT_DIR, { recursive: true });
      await popup.screenshot({ path: path.join(SCREENSHOT_DIR, 'popup.png') });
    });

    for (const fragment of FRAGMENTS) {
      it(`filters by ${fragment.kind} and says how many match`, async () => {
        const fixture = await session.fake.control.fixture();
        const expected = fixture
          .map((item) => item.name)
          .filter((name) => name.toLowerCase().includes(fragment.text.toLowerCase()));
        assert.ok(expected.length > 0 && expected.length < fixture.length, 'a useful fragment');
        const popup = await session.browser.openPopup();
        await listShown(popup);

        await popup.fill('#filter', fragment.text);

        assert.deepEqual(await shownNames(popup), expected);
        const count = (await popup.locator('#count').textContent()).trim();
        assert.match(count, new RegExp(`^${expected.length} of ${fixture.length}\\b`));
      });
    }

    it('shows every orchestration again when the filter is cleared', async () => {
      const fixture = await session.fake.control.fixture();
      const popup = await session.browser.openPopup();
      await listShown(popup);

      await popup.fill('#filter', '&');
      await popup.fill('#filter', '');

      assert.equal(await shownNames(popup).then((names) => names.length), fixture.length);
      const count = (await popup.locator('#count').textContent()).trim();
      assert.equal(count, `${fixture.length} orchestrations`);
    });
  });
}
