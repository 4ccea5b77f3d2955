// Launches Chromium with the built extension, reaching the fake Functionize under the real
// host name, and opens the extension's pages as ordinary tabs.
import { chromium } from 'playwright-core';

import { collectConsole } from './console-log.mjs';
import { watchExtensionErrors } from './extension-errors.mjs';
import { collectRequests } from './network-log.mjs';
import { EXTENSION_DIR, requireBuilt } from './paths.mjs';

export const FUNCTIONIZE_HOST = 'app.functionize.com';
export const FUNCTIONIZE_ORIGIN = `https://${FUNCTIONIZE_HOST}`;

/** A second name for the fake, standing for any site that is not the configured host. */
export const ELSEWHERE_HOST = 'elsewhere.test';

/** About the size Chromium gives an extension popup. */
export const POPUP_VIEWPORT = { width: 440, height: 600 };

const CHROMIUM = '/usr/bin/chromium';
const WORKER_TIMEOUT_MS = 15_000;

/**
 * Launches Chromium on `userDataDir` with the extension loaded. Resolves to
 * { context, extensionId, consoleLog, networkLog, extensionErrors, openOptions, openPopup,
 * closeOpenedPages, close }; `extensionErrors.list()` is what `watchExtensionErrors` saw.
 * With `handleSignals` false, Ctrl-C no longer makes Playwright close the browser and exit
 * the process, so the caller can stop in its own order. `extensionDir` loads another build
 * than the shipped one (a test's altered copy).
 */
export async function launchBrowser(options) {
  const { userDataDir, fakePort, headless = true, handleSignals = true } = options;
  const { extensionDir = EXTENSION_DIR } = options;
  requireBuilt(extensionDir, '`./build.sh`');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless,
    args: chromiumArgs(fakePort, extensionDir),
    handleSIGINT: handleSignals,
    handleSIGTERM: handleSignals,
    handleSIGHUP: handleSignals,
  });
  context.setDefaultTimeout(10_000);
  const consoleLog = collectConsole(context);
  const networkLog = collectRequests(context);

  let extensionId;
  let extensionErrors;
  try {
    extensionId = new URL((await serviceWorker(context)).url()).host;
    extensionErrors = await watchExtensionErrors(context, extensionId);
  } catch (error) {
    await context.close();
    throw error;
  }

  const opened = new Set();
  const open = async (file, viewport) => {
    const page = await context.newPage();
    opened.add(page);
    page.once('close', () => opened.delete(page));
    if (viewport) await page.setViewportSize(viewport);
    await page.goto(`chrome-extension://${extensionId}/${file}`);
    return page;
  };

  return {
    context,
    extensionId,
    consoleLog,
    networkLog,
    extensionErrors,
    openOptions: () => open('options.html'),
    openPopup: () => open('popup.html', POPUP_VIEWPORT),
    /** Closes the tabs the open helpers made, so the next test starts from fresh pages. */
    closeOpenedPages: () => Promise.all([...opened].map((page) => page.close())),
    close: () => context.close(),
  };
}

function chromiumArgs(fakePort, extensionDir) {
  const fake = `127.0.0.1:${fakePort}`;
  // Both names lead to the fake; every other name fails to resolve, so nothing leaves the
  // machine. Chromium honours the port in a MAP rule.
  const rules = [
    `MAP ${FUNCTIONIZE_HOST} ${fake}`,
    `MAP ${ELSEWHERE_HOST} ${fake}`,
    'MAP * ~NOTFOUND',
  ];
  return [
    `--load-extension=${extensionDir}`,
    `--disable-extensions-except=${extensionDir}`,
    `--host-resolver-rules=${rules.join(',')}`,
    '--ignore-certificate-errors',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
}

/**
 * The extension's service worker. An MV3 worker may start a moment after the browser, so
 * this waits for it when it is not running yet.
 */
export async function serviceWorker(context) {
  const running = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension:'));
  if (running) return running;
  try {
    return await context.waitForEvent('serviceworker', { timeout: WORKER_TIMEOUT_MS });
  } catch {
    throw new Error(
      `the extension's service worker did not start within ${WORKER_TIMEOUT_MS} ms: ` +
        'check that dist/chrome/manifest.json names a background service worker',
    );
  }
}

/**
 * Writes the extension's settings straight into `chrome.storage.local`, for tests that are
 * not about the options page.
 */
export async function configure(context, { token, host = FUNCTIONIZE_HOST, ...more }) {
  const worker = await serviceWorker(context);
  const settings = { token, host, ...more };
  await worker.evaluate((stored) => chrome.storage.local.set({ settings: stored }), settings);
}
