// Driving the button the extension adds to report pages, the way a user and a screen reader
// meet it. It lives in a closed shadow root, which neither the page's scripts nor Playwright's
// selectors can enter; the browser's accessibility tree can. So the buttons are found there by
// role and name, clicked where the browser laid them out, and the status read as it is
// announced.
import assert from 'node:assert/strict';

import { serviceWorker } from './browser.mjs';

export const HOST_SELECTOR = 'span[data-functionize-report-links]';
export const SHARE = 'Copy share link';
export const REPORT = 'Copy report URL';

const SETTLED = { share: 'Share link copied', report: 'Report URL copied' };
const WORKING = 'Copying…';
const POLL_MS = 50;

const sessions = new WeakMap();

async function cdpOf(page) {
  if (!sessions.has(page)) sessions.set(page, page.context().newCDPSession(page));
  return sessions.get(page);
}

/** The accessibility-tree nodes of the page with `role` (and `name`, when given). */
async function axNodes(page, role, name) {
  const cdp = await cdpOf(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const query = { nodeId: root.nodeId, role };
  if (name !== undefined) query.accessibleName = name;
  const { nodes } = await cdp.send('Accessibility.queryAXTree', query);
  return nodes.filter((node) => !node.ignored);
}

async function waitFor(what, check, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** How many buttons named `name` a screen reader finds on the page. */
export async function buttonCount(page, name) {
  return (await axNodes(page, 'button', name)).length;
}

/**
 * Where the extension's button hosts are, from the page's side: how many, whether the only one
 * sits right after the page's first h1, and the path the page last rendered.
 */
export function placement(page) {
  return page.evaluate((selector) => {
    const hosts = document.querySelectorAll(selector);
    const title = document.querySelector('h1');
    return {
      hosts: hosts.length,
      besideTitle: hosts.length === 1 && hosts[0].previousElementSibling === title,
      renderedPath: document.getElementById('fz-main')?.dataset.path ?? null,
      path: location.pathname,
    };
  }, HOST_SELECTOR);
}

/**
 * Waits until the page shows exactly one button host, right after its title, for the page
 * now in the address bar, with one button of each name; fails naming what it saw instead.
 * `names` are the buttons' names, English unless a test says otherwise.
 */
export async function buttonPlaced(page, names = { share: SHARE, report: REPORT }) {
  let seen;
  try {
    await waitFor('one button beside the title', async () => {
      seen = await placement(page);
      const shareButtons = await buttonCount(page, names.share);
      const reportButtons = await buttonCount(page, names.report);
      seen = { ...seen, shareButtons, reportButtons };
      return seen.hosts === 1 && seen.besideTitle && seen.renderedPath === seen.path &&
        shareButtons === 1 && reportButtons === 1;
    });
  } catch (error) {
    assert.fail(`${error.message}; the page showed ${JSON.stringify(seen)}`);
  }
}

/** Waits until the page has had no button for `quietMs` in a row. */
export async function buttonGone(page, { quietMs = 1_000 } = {}) {
  let since = null;
  await waitFor(`no button for ${quietMs} ms`, async () => {
    const { hosts } = await placement(page);
    const buttons = (await buttonCount(page, SHARE)) + (await buttonCount(page, REPORT));
    if (hosts > 0 || buttons > 0) since = null;
    else since ??= Date.now();
    return since !== null && Date.now() - since >= quietMs;
  });
}

/** Clicks the one button named `name` at the middle of its box, as a mouse does. */
export async function clickButton(page, name) {
  const cdp = await cdpOf(page);
  const buttons = await axNodes(page, 'button', name);
  assert.equal(buttons.length, 1, `buttons named "${name}"`);
  const backendNodeId = buttons[0].backendDOMNodeId;
  await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId });
  const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId });
  const [left, top, , , right, bottom] = model.border;
  await page.mouse.click((left + right) / 2, (top + bottom) / 2);
}

/** Every live status region the extension drew in the page: its text, and whether it is the
 * buttons' own (the other is the toast of a shortcut or menu copy). */
async function statusRegions(page) {
  const cdp = await cdpOf(page);
  const regions = [];
  for (const region of await axNodes(page, 'status')) {
    const backendNodeId = region.backendDOMNodeId;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function () {
        const host = this.getRootNode().host;
        const buttons = Boolean(host?.matches('${HOST_SELECTOR}'));
        return { text: this.textContent.trim(), buttons };
      }`,
      returnByValue: true,
    });
    await cdp.send('Runtime.releaseObject', { objectId: object.objectId });
    regions.push(result.value);
  }
  return regions;
}

/** The text of the buttons' live status region, as a screen reader announces it. */
export async function statusText(page) {
  const regions = (await statusRegions(page)).filter((region) => region.buttons);
  assert.equal(regions.length, 1, 'status regions of the page button');
  return regions[0].text;
}

/** The texts of every live status region the extension drew in the page (buttons and toast). */
export async function allStatusTexts(page) {
  return (await statusRegions(page)).map((region) => region.text);
}

/** The status once it is no longer empty or "Copying…", after an action already started. */
export function settledStatus(page, { timeout = 10_000 } = {}) {
  let text;
  return waitFor('the button to settle', async () => {
    text = await statusText(page);
    return text !== '' && text !== WORKING ? text : null;
  }, timeout).catch((error) => assert.fail(`${error.message}; it showed "${text}"`));
}

/** Clicks "Copy share link" (`link` 'share') or "Copy report URL" ('report'); the outcome. */
export async function copyWith(page, link) {
  await clickButton(page, link === 'share' ? SHARE : REPORT);
  return settledStatus(page);
}

export function copiedText(link) {
  return SETTLED[link];
}

/**
 * Sends the page at `url` the message the keyboard shortcut and the right-click menu send,
 * from the extension's worker, as their handlers do.
 */
export async function askToCopy(context, url) {
  const worker = await serviceWorker(context);
  await worker.evaluate(async (pageUrl) => {
    const [tab] = await chrome.tabs.query({ url: pageUrl });
    await chrome.tabs.sendMessage(tab.id, { type: 'copyShareLinkHere' }, { frameId: 0 });
  }, url);
}

/** The names a screen reader reads for the page's elements of `role`. */
export async function namesOf(page, role) {
  return (await axNodes(page, role)).map((node) => node.name?.value ?? '');
}

/** The format menu beside the buttons, as a screen reader finds it: the option it shows. */
export async function shownFormat(page) {
  const menus = await axNodes(page, 'combobox', 'Copy as');
  assert.equal(menus.length, 1, 'format menus beside the buttons');
  return menus[0].value?.value ?? null;
}

/** Picks the format named `name` in the menu by keyboard, as a user does: focus, arrow keys. */
export async function chooseFormat(page, name) {
  const cdp = await cdpOf(page);
  const [menu] = await axNodes(page, 'combobox', 'Copy as');
  await cdp.send('DOM.focus', { backendNodeId: menu.backendDOMNodeId });
  for (const key of ['Home', 'ArrowDown', 'ArrowDown', 'ArrowDown']) {
    if ((await shownFormat(page)) === name) return;
    await page.keyboard.press(key);
  }
  assert.equal(await shownFormat(page), name, 'the format chosen in the menu');
}
