// Launches Debian's Firefox ESR headless, driven over WebDriver BiDi by puppeteer-core, with
// the built extension installed as a temporary add-on: the same dist/chrome that Chromium's
// tests load, since one manifest serves both browsers. The extension's pages open as ordinary
// tabs, and the fake Functionize is reached under its real host name through host-proxy.mjs.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';

import puppeteer from 'puppeteer-core';

import { FUNCTIONIZE_ORIGIN } from '../e2e/browser.mjs';
import { EXTENSION_DIR, requireBuilt } from '../e2e/paths.mjs';
import { until } from '../e2e/waiting.mjs';

export const FIREFOX = '/usr/bin/firefox-esr';

const TIMEOUT_MS = 10_000;
const POLL_MS = 100;

/**
 * Starts Firefox sending its traffic to the proxy on 127.0.0.1:`proxyPort` and installs the
 * extension. Resolves to { browser, pid, addonId, geckoId, uuid, openExtensionPage, openWebPage,
 * readClipboard, writeClipboard, extensionErrors, extensionWarnings, close }.
 */
export async function launchFirefox({ proxyPort }) {
  requireBuilt(EXTENSION_DIR, '`./build.sh`');
  if (!existsSync(FIREFOX)) {
    throw new Error(`${FIREFOX} is missing: install Debian's firefox-esr package first.`);
  }
  const manifest = JSON.parse(await readFile(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  const geckoId = manifest.browser_specific_settings.gecko.id;
  // Firefox gives each installed add-on a random origin, moz-extension://<uuid>; choosing the
  // uuid up front lets the test open the extension's pages without asking Firefox for it.
  const uuid = randomUUID();

  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // The fake makes its own self-signed certificate. Firefox's WebDriver support accepts
    // any certificate for the whole browser with this, the extension's own requests included.
    acceptInsecureCerts: true,
    // Without it Firefox's WebDriver refuses to navigate a tab to a moz-extension:// page
    // ("Navigation to ... is not allowed in this context"); only http(s), file and blob are
    // allowed by default.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: preferences(proxyPort, geckoId, uuid),
  });
  const child = browser.process();
  const output = collectLines(child);

  let addonId;
  try {
    addonId = await browser.installExtension(EXTENSION_DIR);
  } catch (error) {
    await closeBrowser(browser, child.pid);
    throw error;
  }

  async function newPage() {
    const page = await browser.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    return page;
  }

  /** Opens `file` of the extension (options.html, popup.html) in a new tab, once loaded. */
  async function openExtensionPage(file) {
    const page = await newPage();
    const url = `moz-extension://${uuid}/${file}`;
    // Puppeteer's goto never settles on an add-on's page (puppeteer issue #14314): Firefox
    // loads it but reports no navigation event for it over BiDi. So goto only starts the load;
    // the page itself is asked when it is there, and goto's wait is then called off.
    const stop = new AbortController();
    const going = page.goto(url, { signal: stop.signal }).catch(() => {});
    try {
      await until(async () => {
        const [href, state] = await askPage(page, () => [location.href, document.readyState]);
        return href === url && state === 'complete';
      }, `loading ${url}`, { timeout: TIMEOUT_MS });
    } finally {
      stop.abort();
      await going;
    }
    return page;
  }

  /** Opens `pathname` of the (fake) Functionize origin in a new tab. */
  async function openWebPage(pathname) {
    const page = await newPage();
    await page.goto(`${FUNCTIONIZE_ORIGIN}${pathname}`);
    return page;
  }

  /** Runs `inPage(page)` on a fresh tab of the Functionize origin, then closes the tab. */
  async function onFunctionizePage(inPage) {
    const page = await openWebPage('/');
    try {
      return await inPage(page);
    } finally {
      await page.close();
    }
  }

  /**
   * The clipboard's text, pasted with Ctrl+V into a text field, as a user would paste it. A
   * page may not read the clipboard through navigator.clipboard.readText() in Firefox until
   * the user presses the "Paste" prompt that call opens, which a test cannot reach.
   */
  const readClipboard = () => onFunctionizePage(async (page) => {
    const field = await page.evaluateHandle(() => {
      const textarea = document.body.appendChild(document.createElement('textarea'));
      textarea.focus();
      return textarea;
    });
    await page.keyboard.down('Control');
    await page.keyboard.press('v');
    await page.keyboard.up('Control');
    // The paste may land a moment after the keys; an empty clipboard leaves the field empty.
    await page.waitForFunction((textarea) => textarea.value !== '', { timeout: 2_000 }, field)
      .catch(() => {});
    return field.evaluate((textarea) => textarea.value);
  });

  /**
   * Puts `text` on the clipboard, so a stale value cannot pass for a fresh copy. Puppeteer
   * evaluates with the user's activation, which is all a page needs to write.
   */
  const writeClipboard = (text) => onFunctionizePage(
    (page) => page.evaluate((value) => navigator.clipboard.writeText(value), text),
  );

  return {
    browser,
    pid: child.pid,
    addonId,
    geckoId,
    uuid,
    openExtensionPage,
    openWebPage,
    readClipboard,
    writeClipboard,
    /** What the extension's pages and background script reported as errors, so far. */
    extensionErrors: () => output.filter((line) => isExtensionError(line, uuid)),
    /** Firefox's warnings about the extension's code, so far (reported, not failed on). */
    extensionWarnings: () =>
      output.filter((line) => line.startsWith(`JavaScript warning: moz-extension://${uuid}/`)),
    close: () => closeBrowser(browser, child.pid),
  };
}

function preferences(proxyPort, geckoId, uuid) {
  return {
    // Every http and https request goes to the proxy, which tunnels only the Functionize host
    // to the fake and refuses the rest; none may go around it.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.failover_direct': false,
    // And a name Firefox would still look up itself (the connectivity and captive-portal
    // checks, DNS prefetch) resolves to this machine; those checks are off besides.
    'network.dns.native-is-localhost': true,
    'network.dns.disablePrefetch': true,
    'network.trr.mode': 5,
    'network.connectivity-service.enabled': false,
    'network.captive-portal-service.enabled': false,
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
    // Firefox asks the user before granting an optional host permission (the options page
    // requests one on Save); no one can answer in a headless run, so grant it as if allowed.
    'extensions.webextOptionalPermissionPrompts': false,
    // The extension's console calls are printed on Firefox's stdout, where the test reads
    // them (WebDriver BiDi does not report the console of an add-on's pages or background);
    // Firefox's own console chatter is not.
    'devtools.console.stdout.content': true,
    'devtools.console.stdout.chrome': false,
  };
}

/** Every line Firefox prints on stdout and stderr, as it comes. */
function collectLines(child) {
  const lines = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => lines.push(line));
  }
  return lines;
}

// Firefox prints an uncaught exception or unhandled rejection as "JavaScript error: <url>,
// line N: ..." (on stderr), and a page's console.error as 'console.error: "..."' (on stdout)
// without the page's address. The only web pages these tests open are the fake's, whose
// scripts never use the console, so every console.error line is the extension's.
function isExtensionError(line, uuid) {
  return line.startsWith(`JavaScript error: moz-extension://${uuid}/`) ||
    /^console\.(error|assert)\b/.test(line);
}

/** `inPage()` evaluated in `page`; [] when the page is between documents or slow to answer. */
function askPage(page, inPage) {
  const gaveUp = new Promise((resolve) => setTimeout(() => resolve([]), POLL_MS * 10));
  return Promise.race([page.evaluate(inPage).catch(() => []), gaveUp]);
}

async function closeBrowser(browser, pid) {
  try {
    await browser.close();
  } catch {
    // A browser that no longer answers is stopped by its own pid.
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // It has already gone.
    }
  }
}
