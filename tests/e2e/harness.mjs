// What the end-to-end test files import: a fake Functionize, a fresh profile and a browser
// with the built extension, set up before a suite and always torn down after it.
import { after, afterEach, before } from 'node:test';

import { configure, launchBrowser } from './browser.mjs';
import { assertNoExtensionErrors } from './extension-errors.mjs';
import { startFake } from './fake-functionize.mjs';
import { makeProfile } from './profile.mjs';

export { configure, launchBrowser, serviceWorker } from './browser.mjs';
export {
  ELSEWHERE_HOST,
  FUNCTIONIZE_HOST,
  FUNCTIONIZE_ORIGIN,
  POPUP_VIEWPORT,
} from './browser.mjs';
export { readClipboard, readClipboardHtml, writeClipboard } from './clipboard.mjs';
export { assertNoConsoleContains } from './console-log.mjs';
export { controlClient } from './control-client.mjs';
export { assertTokenOnlyInApiHeader, countTokenHeaders } from './network-log.mjs';
export { DEFAULT_TOKEN, startFake } from './fake-functionize.mjs';
export { EXTENSION_DIR, SCREENSHOT_DIR } from './paths.mjs';
export { makeProfile } from './profile.mjs';
export { settledText } from './waiting.mjs';

/** The two ways the real API may answer that every popup and options test runs against. */
export const RESPONSE_SHAPES = [
  { shape: 'wrapped', ids: 'strings' },
  { shape: 'bare', ids: 'numbers' },
];

/**
 * Registers hooks on the enclosing suite: before it, a fake started with `fakeOptions`, a
 * fresh profile and a browser (with the fake's token saved when `withToken`); after each
 * test, the pages it opened are closed; after the suite, everything is stopped, even when a
 * test failed, and then the suite fails if the extension's service worker or pages reported
 * any error: console.error, uncaught exception or unhandled rejection (see extension-errors).
 * `developerMode` starts the profile with it on (see `makeProfile`); `extensionDir`, an async
 * function, makes the build to load instead of the shipped one; `headless: false` opens
 * windows on the display in DISPLAY. Returns the live
 * session: { fake, browser, token, restartBrowser }.
 */
export function useSession(fakeOptions = {}, options = {}) {
  const { withToken = true, developerMode = false, extensionDir, headless = true } = options;
  const session = {};
  const earlierErrors = []; // Those of browsers closed by `restartBrowser`.

  before(async () => {
    session.token = fakeOptions.token ?? `fzk-e2e-${process.pid}-${Date.now().toString(36)}`;
    session.fake = await startFake({ ...fakeOptions, token: session.token });
    session.profile = await makeProfile({ developerMode });
    session.extensionDir = await extensionDir?.();
    session.headless = headless;
    session.browser = await launch(session);
    if (withToken) await configure(session.browser.context, { token: session.token });
  });

  afterEach(async () => {
    await session.browser?.closeOpenedPages();
  });

  after(async () => {
    // Read before closing, so errors of the browser shutting down are not blamed on a test.
    const errors = [...earlierErrors, ...(session.browser?.extensionErrors.list() ?? [])];
    await session.browser?.close().catch(() => {});
    await session.fake?.stop();
    await session.profile?.remove();
    assertNoExtensionErrors(errors);
  });

  /** Closes the browser and starts it again on the same profile, as a user restarting it. */
  session.restartBrowser = async () => {
    const previous = session.browser;
    session.browser = undefined;
    earlierErrors.push(...previous.extensionErrors.list());
    await previous.close();
    session.browser = await launch(session);
    return session.browser;
  };

  return session;
}

function launch(session) {
  const { profile, fake, extensionDir, headless } = session;
  return launchBrowser({
    userDataDir: profile.dir, fakePort: fake.httpsPort, extensionDir, headless,
  });
}
