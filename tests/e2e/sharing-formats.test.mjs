// Links are copied the way people paste them: bare, as Markdown, as a rich HTML link with the
// bare URL beside it, or as a Slack link, each named after the orchestration.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  configure, readClipboard, readClipboardHtml, useSession, writeClipboard,
} from './harness.mjs';
import { optionsReady } from './options-ui.mjs';
import {
  buttonPlaced, chooseFormat, copiedText, copyWith, shownFormat,
} from './page-button-ui.mjs';
import { copyFrom, listShown, rowOf } from './popup-ui.mjs';
import {
  legacyPath, navigateInApp, reportUrl, useReportPages, withRuns,
} from './report-pages.mjs';
import { htmlName, markdownName, oneLine, slackName } from './link-texts.mjs';
import { settledText, until } from './waiting.mjs';

describe('sharing formats', { timeout: 90_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'numbers' });
  const open = useReportPages(session);

  async function copyInPopup(item, format) {
    await writeClipboard(session.browser.context, 'before');
    const popup = await session.browser.openPopup();
    await listShown(popup);
    await popup.selectOption('#format', format);
    assert.equal(await copyFrom(rowOf(popup, item.deployment_id), 'button.copy-share'), 'Copied');
    await popup.close();
    const { context } = session.browser;
    return { text: await readClipboard(context), html: await readClipboardHtml(context) };
  }

  it('the popup copies a Markdown link named after the orchestration', async () => {
    const [item] = await session.fake.control.fixture();
    const { text, html } = await copyInPopup(item, 'markdown');
    assert.equal(text, `[${markdownName(item.name.trim())}](${item.share_link})`);
    assert.equal(html, null);
  });

  it('the popup copies a rich link: HTML with the bare URL as its text', async () => {
    const [item] = await session.fake.control.fixture();
    const { text, html } = await copyInPopup(item, 'html');
    assert.equal(text, item.share_link);
    assert.match(html, new RegExp(`<a href="${item.share_link.replace(/[.?]/g, '\\$&')}">`));
    assert.ok(html.includes(`>${htmlName(item.name.trim())}</a>`), html);
  });

  it('the popup copies a Slack link', async () => {
    const [item] = await session.fake.control.fixture();
    const { text } = await copyInPopup(item, 'slack');
    assert.equal(text, `<${item.share_link}|${slackName(item.name.trim())}>`);
  });

  it('the options set the format the popup starts with and the page button uses', async () => {
    const options = await optionsReady(await session.browser.openOptions());
    await options.selectOption('#format', 'markdown');
    await options.click('#save');
    assert.equal(await settledText(options.locator('#status')), 'Saved.');

    const popup = await session.browser.openPopup();
    await popup.waitForFunction(() => document.querySelector('#format').value === 'markdown');
    await popup.close();

    const [item] = withRuns(await session.fake.control.fixture());
    const { page } = await open(legacyPath(item.numeric_id, item.last_run_id));
    await buttonPlaced(page);
    await writeClipboard(session.browser.context, 'before');
    assert.equal(await copyWith(page, 'report'), copiedText('report'));
    const copied = await readClipboard(session.browser.context);
    const name = markdownName(oneLine(item.name));
    const url = reportUrl(item, item.last_run_id);
    assert.equal(copied, `[${name}, run ${item.last_run_id}](${url})`);
  });

  it('the page button offers every format, starting with the options\' one', async () => {
    const { context } = session.browser;
    await configure(context, { token: session.token, format: 'markdown' });
    const [item] = withRuns(await session.fake.control.fixture());
    const { page } = await open(legacyPath(item.numeric_id, item.last_run_id));
    await buttonPlaced(page);
    assert.equal(await shownFormat(page), 'Markdown link');

    await chooseFormat(page, 'Slack link');
    await writeClipboard(context, 'before');
    assert.equal(await copyWith(page, 'share'), copiedText('share'));
    const name = slackName(oneLine(item.name));
    assert.equal(await readClipboard(context), `<${item.share_link}|${name}>`);
  });

  it('the page menu follows the options at the next page, until the user picks one', async () => {
    const { context } = session.browser;
    await configure(context, { token: session.token, format: 'plain' });
    const [first, second, third] = withRuns(await session.fake.control.fixture());
    const { page } = await open(legacyPath(first.numeric_id, first.last_run_id));
    await buttonPlaced(page);
    assert.equal(await shownFormat(page), 'Plain URL');

    await configure(context, { token: session.token, format: 'slack' });
    await navigateInApp(page, legacyPath(second.numeric_id, second.last_run_id));
    await buttonPlaced(page);
    await until(async () => (await shownFormat(page)) === 'Slack link', 'the options\' format');

    await chooseFormat(page, 'Markdown link');
    await configure(context, { token: session.token, format: 'html' });
    await navigateInApp(page, legacyPath(third.numeric_id, third.last_run_id));
    await buttonPlaced(page);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await shownFormat(page), 'Markdown link', 'the user\'s pick stays');
  });
});
