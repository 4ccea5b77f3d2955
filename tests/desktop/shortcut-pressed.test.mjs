// The keyboard shortcut pressed for real. A browser's own shortcuts never reach it through
// the DevTools protocol, and headless Chromium has no windows to press them in, so this runs
// Chromium with windows on a virtual X display (`xvfb-run`) and presses Alt+Shift+L there
// with `xdotool`, as the keyboard does. `./build.sh test` runs it after the end-to-end tests.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';

import {
  FUNCTIONIZE_ORIGIN, readClipboard, serviceWorker, useSession, writeClipboard,
} from '../e2e/harness.mjs';
import { allStatusTexts, buttonPlaced } from '../e2e/page-button-ui.mjs';
import { legacyPath, useReportPages, withRuns } from '../e2e/report-pages.mjs';
import { until } from '../e2e/waiting.mjs';

const PRESS_EVERY_MS = 1_500;

/** Presses the shortcut on the display until the page shows `expected` in a live region. */
async function pressUntilShown(page, expected) {
  await page.bringToFront();
  let presses = 0;
  let last = 0;
  await until(async () => {
    if ((await allStatusTexts(page)).includes(expected)) return true;
    if (Date.now() - last > PRESS_EVERY_MS) {
      execFileSync('xdotool', ['key', '--clearmodifiers', 'alt+shift+l']);
      presses += 1;
      last = Date.now();
    }
    return false;
  }, `"${expected}" after pressing Alt+Shift+L`, { timeout: 15_000 });
  return presses;
}

describe('the keyboard shortcut, pressed', { timeout: 90_000 }, () => {
  if (!process.env.DISPLAY) {
    throw new Error('no DISPLAY: run this under xvfb-run, as ./build.sh test does');
  }
  const session = useSession({ shape: 'bare', ids: 'strings' }, { headless: false });
  const open = useReportPages(session);

  it('is Alt+Shift+L, as the manifest suggests', async () => {
    const worker = await serviceWorker(session.browser.context);
    const commands = await worker.evaluate(() => chrome.commands.getAll());
    const copy = commands.find((command) => command.name === 'copy-share-link');
    assert.equal(copy?.shortcut, 'Alt+Shift+L');
  });

  it('copies the share link of the report page in front and says so', async () => {
    const [item] = withRuns(await session.fake.control.fixture());
    const { page } = await open(legacyPath(item.numeric_id, item.last_run_id));
    await buttonPlaced(page);
    await writeClipboard(session.browser.context, 'before');

    await pressUntilShown(page, 'Share link copied');
    assert.equal(await readClipboard(session.browser.context), item.share_link);
  });

  it('explains itself on a Functionize page that is not a report', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(`${FUNCTIONIZE_ORIGIN}/`);
    await writeClipboard(session.browser.context, 'before');
    await pressUntilShown(page,
      'This is not a Functionize report page: open a report or a run, then try again.');
    assert.equal(await readClipboard(session.browser.context), 'before');
    await page.close();
  });
});
