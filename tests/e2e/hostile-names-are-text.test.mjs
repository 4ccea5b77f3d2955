// Orchestration names are data from the API: markup in them is shown, never run, and
// right-to-left text or emoji in one name cannot disturb the rest of the popup.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';

import { readClipboard, useSession } from './harness.mjs';
import { REPO_ROOT } from './paths.mjs';
import { copyFrom, listShown, rowOf, shownNames } from './popup-ui.mjs';

const HOSTILE_FIXTURE = path.join(REPO_ROOT, 'tests', 'fixtures', 'hostile-names.json');

describe('orchestration names with markup, right-to-left text and emoji', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'bare', ids: 'numbers', fixture: HOSTILE_FIXTURE });

  async function openList() {
    const popup = await session.browser.openPopup();
    await listShown(popup);
    return popup;
  }

  it('are shown exactly as the API sent them, as text', async () => {
    const fixture = await session.fake.control.fixture();
    const popup = await openList();
    assert.deepEqual(await shownNames(popup), fixture.map((item) => item.name));
  });

  it('are never interpreted: no element, script or handler comes from a name', async () => {
    const popup = await openList();
    const made = await popup.evaluate(() => ({
      elements: document.querySelectorAll('#list .name *').length,
      images: document.querySelectorAll('img').length,
      injected: window.__injected ?? null,
    }));
    assert.deepEqual(made, { elements: 0, images: 0, injected: null });
  });

  it('keep their writing direction to themselves', async () => {
    const popup = await openList();
    const isolation = await popup.evaluate(() =>
      [...document.querySelectorAll('#list .name')].map((n) => getComputedStyle(n).unicodeBidi),
    );
    assert.ok(isolation.length > 0);
    assert.ok(isolation.every((value) => value === 'isolate'), isolation.join(', '));
  });

  it('can be filtered by their markup characters, and their links copied', async () => {
    const [scripted] = await session.fake.control.fixture();
    const popup = await openList();
    await popup.fill('#filter', '<script>');
    assert.deepEqual(await shownNames(popup), [scripted.name]);

    assert.equal(await copyFrom(rowOf(popup, scripted.deployment_id), 'button.copy-share'), 'Copied');
    assert.equal(await readClipboard(session.browser.context), scripted.share_link);
  });
});
