// Every word the extension shows comes from its message catalog, so a translation is only a
// new messages.json. A copy of the shipped build gets a marked catalog (each English message
// in ⟦ ⟧), and every text, label and message the pages, buttons and errors show must carry the
// mark; one without it is a hard-coded string no translation would reach.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

import { configure, EXTENSION_DIR, useSession } from './harness.mjs';
import { allStatusTexts, askToCopy, buttonPlaced, namesOf } from './page-button-ui.mjs';
import { legacyPath, useReportPages, withRuns } from './report-pages.mjs';
import { until } from './waiting.mjs';

const MARK = '⟦';

let copyDir;
async function markedCopy() {
  copyDir = await mkdtemp(path.join(tmpdir(), 'fz-marked-'));
  const dir = path.join(copyDir, 'extension');
  await cp(EXTENSION_DIR, dir, { recursive: true });
  const file = path.join(dir, '_locales', 'en', 'messages.json');
  const catalog = JSON.parse(await readFile(file, 'utf8'));
  for (const [key, entry] of Object.entries(catalog)) {
    if (key !== 'languageTag') entry.message = `${MARK}${entry.message}⟧`;
  }
  await writeFile(file, JSON.stringify(catalog));
  return dir;
}

/**
 * The words of the page, outside `data` (names and statuses from Functionize), that do not
 * carry the mark: text, placeholders, labels and titles. Numbers alone are no words.
 */
function unmarked(page, data = 'none') {
  return page.evaluate(({ mark, data }) => {
    const found = [];
    const word = (text) => text.trim() && !/^\d+$/.test(text.trim()) && !text.includes(mark);
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(`script, style, ${data}`)) continue;
      if (word(node.textContent)) found.push(node.textContent.trim());
    }
    for (const element of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      for (const name of ['placeholder', 'aria-label', 'title']) {
        const value = element.getAttribute(name);
        if (value !== null && word(value)) found.push(`${name}="${value}"`);
      }
    }
    return found;
  }, { mark: MARK, data });
}

/** The text of `locator` once it carries the mark and is not the "working" one. */
async function markedText(locator, what) {
  let text = '';
  await until(async () => {
    text = ((await locator.textContent()) ?? '').trim();
    return text.includes(MARK) && !text.includes('Working…') && !text.includes('Testing');
  }, `${what}: marked (it showed "${text}")`);
  return text;
}

describe('every word comes from the message catalog', { timeout: 90_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'strings' },
    { withToken: false, extensionDir: markedCopy });
  const open = useReportPages(session);
  after(() => rm(copyDir, { recursive: true, force: true }));

  it('the popup without a token: its notice and every label', async () => {
    const popup = await session.browser.openPopup();
    const notice = await markedText(popup.locator('#notice-text'), 'the notice');
    assert.ok(notice.startsWith(`${MARK}No Functionize token`), notice);
    assert.deepEqual(await unmarked(popup), []);
    assert.equal(await popup.evaluate(() => document.documentElement.lang), 'en');
  });

  it('the options page: every label and help, and what Save and Test say', async () => {
    const options = await session.browser.openOptions();
    await options.locator('#save:enabled').waitFor({ state: 'attached' });
    assert.deepEqual(await unmarked(options), []);

    await options.fill('#host', 'not a host/');
    await options.click('#save');
    const refused = await markedText(options.locator('#status'), 'the refused host');
    // The sentence, the field and the reason each come from the catalog.
    assert.equal(refused.split(MARK).length - 1, 3, refused);

    await configure(session.browser.context, { token: session.token });
    await options.reload();
    await options.locator('#save:enabled').waitFor({ state: 'attached' });
    await options.click('#test');
    const connected = await markedText(options.locator('#status'), 'the connection test');
    assert.match(connected, /Connected: \d+ orchestrations/);
    assert.deepEqual(await unmarked(options), []);
  });

  it('the popup with its list: counts, buttons, what a copy and a failure say', async () => {
    await configure(session.browser.context, { token: session.token });
    const popup = await session.browser.openPopup();
    await markedText(popup.locator('#count'), 'the count');
    assert.deepEqual(await unmarked(popup, '.name:not([data-unnamed]), .status'), []);

    const fixture = await session.fake.control.fixture();
    const withRun = fixture.find((item) => item.last_run_id);
    const withoutRun = fixture.find((item) => !item.last_run_id);
    const row = (item) => popup.locator(`li[data-deployment-id="${item.deployment_id}"]`);
    await row(withRun).locator('button.copy-share').click();
    assert.match(await markedText(row(withRun).locator('.feedback'), 'a copy'), /Copied/);
    if (withoutRun) {
      await row(withoutRun).locator('button.copy-report').click();
      const failure = await markedText(row(withoutRun).locator('.feedback'), 'a failure');
      assert.match(failure, /No run found/);
    }
    assert.deepEqual(await unmarked(popup, '.name:not([data-unnamed]), .status'), []);
  });

  it('the report page: buttons, format menu, what a copy and the shortcut say', async () => {
    await configure(session.browser.context, { token: session.token });
    const [item] = withRuns(await session.fake.control.fixture());
    const { page } = await open(legacyPath(item.numeric_id, item.last_run_id));
    // The buttons are found by their marked names, or not at all.
    const marked = (english) => `${MARK}${english}⟧`;
    const names = { share: marked('Copy share link'), report: marked('Copy report URL') };
    await buttonPlaced(page, names);
    const menus = await namesOf(page, 'combobox');
    assert.deepEqual(menus, [marked('Copy as')]);
    const formats = await namesOf(page, 'option');
    assert.ok(formats.length === 4 && formats.every((name) => name.startsWith(MARK)), formats);
    await askToCopy(session.browser.context, page.url());
    await until(async () => (await allStatusTexts(page)).some((t) => t.includes('copied')),
      'the toast');
    const texts = (await allStatusTexts(page)).filter(Boolean);
    assert.ok(texts.length > 0 && texts.every((text) => text.includes(MARK)), texts.join(' | '));
  });
});
