// The popup and the options page pass axe-core's checks with no serious or critical finding, in
// the light and the dark colour scheme, and the popup can be worked by keyboard alone.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';

import { useSession } from './harness.mjs';
import { optionsReady } from './options-ui.mjs';
import { listShown } from './popup-ui.mjs';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on `page`, one line each. */
async function seriousFindings(page) {
  // Evaluated through the DevTools protocol, which the pages' CSP does not govern.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const { violations } = await window.axe.run(document);
    return violations.map(({ id, impact, help, nodes }) =>
      ({ id, impact, help, targets: nodes.map((n) => n.target.join(' ')) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.slice(0, 3).join(', ')})`);
}

describe('accessibility of the extension pages', { timeout: 90_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'numbers' });

  for (const colorScheme of ['light', 'dark']) {
    it(`the popup with its list has no serious finding (${colorScheme})`, async () => {
      const popup = await session.browser.openPopup();
      await popup.emulateMedia({ colorScheme });
      await listShown(popup);
      assert.deepEqual(await seriousFindings(popup), []);
    });

    it(`the options page has no serious finding (${colorScheme})`, async () => {
      const options = await optionsReady(await session.browser.openOptions());
      await options.emulateMedia({ colorScheme });
      assert.deepEqual(await seriousFindings(options), []);
    });
  }

  it('finds a serious problem when a page has one (so a pass above means something)', async () => {
    const options = await optionsReady(await session.browser.openOptions());
    await options.evaluate(() => document.body.append(document.createElement('input')));
    const findings = await seriousFindings(options);
    assert.ok(findings.some((line) => line.includes(' label: ')), findings.join('\n'));
  });

  it('the popup can be filtered and a link copied by keyboard alone', async () => {
    const popup = await session.browser.openPopup();
    await listShown(popup);
    const first = await popup.locator('li.orchestration .name').first().textContent();
    await popup.locator('#filter').focus();
    await popup.keyboard.type(first);
    // Tab from the filter reaches the first visible row's share button.
    let focused = '';
    for (let step = 0; step < 6 && focused !== 'copy-share'; step += 1) {
      await popup.keyboard.press('Tab');
      focused = await popup.evaluate(() => document.activeElement?.className ?? '');
    }
    assert.equal(focused, 'copy-share');
    await popup.keyboard.press('Enter');
    const row = popup.locator('li.orchestration:visible').first();
    await popup.waitForFunction(
      (el) => el.querySelector('.feedback')?.textContent.startsWith('Copied'),
      await row.elementHandle(),
    );
  });
});
