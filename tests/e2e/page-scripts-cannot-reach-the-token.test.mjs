// A script running in a Functionize page, or anything that takes over the extension's own
// content script there, cannot obtain the token: no message it can send returns it, and the
// stored settings are out of its reach.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { useSession } from './harness.mjs';
import { legacyPath, useReportPages, withRuns } from './report-pages.mjs';

/** Every kind of message the worker knows, and some it does not, as a page would try them. */
function everyMessage(item) {
  const pageUrl = `https://app.functionize.com${legacyPath(item.numeric_id, item.last_run_id)}`;
  return [
    { type: 'listOrchestrations' },
    { type: 'testConnection' },
    { type: 'shareLink', deploymentId: item.deployment_id },
    { type: 'reportUrl', deploymentId: item.deployment_id, runId: item.last_run_id },
    { type: 'pageSelection', url: pageUrl, name: item.name },
    { type: 'pageInfo', url: pageUrl },
    { type: 'pageLink', url: pageUrl, name: item.name, link: 'share' },
    { type: 'pageLink', url: pageUrl, name: item.name, link: 'report' },
    { type: 'settings' },
    { type: 'getSettings' },
    { type: 'diagnostics' },
    'token',
  ];
}

/** Evaluates `expression` in the extension's content-script world of `page`. */
async function inContentScript(page, extensionId, expression) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const worlds = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
    await cdp.send('Runtime.enable');
    const world = worlds.find(
      (c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`,
    );
    assert.ok(world, 'the content script runs in its own world on the report page');
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
    });
    assert.equal(exceptionDetails, undefined, JSON.stringify(exceptionDetails));
    return result.value;
  } finally {
    await cdp.detach();
  }
}

describe('a script in a Functionize page', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'strings' });
  const open = useReportPages(session);

  async function reportPage() {
    const [item] = withRuns(await session.fake.control.fixture());
    const { page } = await open(legacyPath(item.numeric_id, item.last_run_id));
    return { page, item };
  }

  it('has no channel to the extension from the page itself', async () => {
    const { page } = await reportPage();
    const outcome = await page.evaluate(async (extensionId) => {
      const runtime = globalThis.chrome?.runtime;
      if (typeof runtime?.sendMessage !== 'function') return 'no runtime';
      try {
        return JSON.stringify(await runtime.sendMessage(extensionId, { type: 'testConnection' }));
      } catch {
        return 'refused';
      }
    }, session.browser.extensionId);
    assert.ok(['no runtime', 'refused'].includes(outcome), outcome);
  });

  it('gets no token from any message the content script can send', async () => {
    const { page, item } = await reportPage();
    const replies = await inContentScript(
      page,
      session.browser.extensionId,
      `Promise.all(${JSON.stringify(everyMessage(item))}.map((message) =>
        chrome.runtime.sendMessage(message).then(
          (reply) => reply ?? null,
          (error) => ({ thrown: String(error) }))))`,
    );
    assert.equal(replies.length, everyMessage(item).length);
    assert.ok(!JSON.stringify(replies).includes(session.token), 'no reply holds the token');

    const [list, test, share, report] = replies;
    for (const refused of [list, test, share, report]) {
      assert.equal(refused?.error?.name, 'NotAllowed', JSON.stringify(refused));
    }
    const pageShare = replies[6];
    const link = item.share_link;
    assert.deepEqual(pageShare, { ok: true, url: link, text: link, html: null });
  });

  it('cannot read the stored settings, even from the content script', async () => {
    const { page } = await reportPage();
    const outcome = await inContentScript(
      page,
      session.browser.extensionId,
      `chrome.storage.local.get(null).then(
        (items) => ({ read: JSON.stringify(items) }),
        (error) => ({ refused: String(error.message ?? error) }))`,
    );
    assert.equal(outcome.read, undefined, 'the content script read the storage');
    assert.match(outcome.refused, /not allowed|access/i);
  });
});
