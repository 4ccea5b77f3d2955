// What `./build.sh demo` runs: the built extension in Chromium against the fake Functionize,
// copying a share link and a report URL through the real popup. With a display the browser
// stays open to play with; without one, the demo prints what it copied and exits.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { configure, FUNCTIONIZE_HOST, launchBrowser } from './browser.mjs';
import { readClipboard } from './clipboard.mjs';
import { startFake } from './fake-functionize.mjs';
import { REPO_ROOT, SCREENSHOT_DIR } from './paths.mjs';
import { copyFrom, listShown, rowOf } from './popup-ui.mjs';
import { makeProfile } from './profile.mjs';

const SCREENSHOT = path.join(SCREENSHOT_DIR, 'demo-popup.png');
const headed = Boolean(process.env.DISPLAY);

const say = (line = '') => console.log(line ? `  ${line}` : '');

async function showOff(browser, fake) {
  const fixture = await fake.control.fixture();
  const popup = await browser.openPopup();
  say(`The popup lists ${await listShown(popup)}.`);

  const shared = fixture[0];
  say();
  say(`"Copy share link" on "${shared.name}":`);
  await copyAndShow(browser, rowOf(popup, shared.deployment_id), 'button.copy-share');
  say('  A public link: anyone can open it without a Functionize login.');

  const reported = fixture.find((item) => item.run_id_in_list && item.last_run_id) ?? shared;
  say();
  say(`"Copy report URL" on "${reported.name}":`);
  await copyAndShow(browser, rowOf(popup, reported.deployment_id), 'button.copy-report');
  say('  The standard report page, for teammates who sign in to Functionize.');

  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await popup.bringToFront();
  await popup.screenshot({ path: SCREENSHOT });
  say();
  say(`Screenshot of the popup: ${path.relative(REPO_ROOT, SCREENSHOT)}`);
}

/** Clicks `button` in `row` and prints what landed on the clipboard, or what went wrong. */
async function copyAndShow(browser, row, button) {
  const feedback = await copyFrom(row, button);
  if (feedback !== 'Copied') throw new Error(`the popup said: ${feedback}`);
  say(`  ${await readClipboard(browser.context)}`);
}

/** Resolves when the user closes the browser or presses Ctrl-C. */
function userIsDone(browser) {
  return new Promise((resolve) => {
    browser.context.once('close', resolve);
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    process.once('SIGHUP', resolve);
  });
}

async function main() {
  console.log('\nFunctionize Report Links: demo\n');
  const fake = await startFake();
  const profile = await makeProfile();
  let browser;
  try {
    say(`A fake Functionize runs on 127.0.0.1:${fake.httpsPort}; the browser reaches it`);
    say(`as https://${FUNCTIONIZE_HOST}, so the extension under test is the one that ships.`);
    browser = await launchBrowser({
      userDataDir: profile.dir,
      fakePort: fake.httpsPort,
      headless: !headed,
      handleSignals: false,
    });
    await configure(browser.context, { token: fake.token });
    say(`Chromium (${headed ? 'on your display' : 'headless'}) has the extension from dist/chrome`);
    say(`with the fake's token "${fake.token}" saved, as the options page would.`);
    say();

    await showOff(browser, fake);

    if (headed) {
      say();
      say('The browser stays open: try the popup tab, or the extension icon in the toolbar.');
      say('Close the browser window or press Ctrl-C here to stop.');
      await userIsDone(browser);
    }
  } finally {
    await browser?.close().catch(() => {});
    await fake.stop();
    await profile.remove();
  }
  say();
  say('Stopped the browser and the fake Functionize. Bye.');
}

main().catch((error) => {
  console.error(`\nThe demo stopped: ${error.message}`);
  console.error('Build first with ./build.sh, or run the whole demo with ./build.sh demo.');
  process.exitCode = 1;
});
