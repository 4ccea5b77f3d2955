// Every way Functionize can fail has a defined outcome in the popup: a sentence that says what
// went wrong and what to do, after the retries the failure deserves and no more.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readClipboard, useSession, writeClipboard } from './harness.mjs';
import { copyFrom, listShown, rowOf } from './popup-ui.mjs';

const LIST = '/api/v4/orchestration';
const REJECTED = /^Token rejected or expired — update it in the options\./;
const UNEXPECTED = /^Unexpected answer from Functionize: /;
const UNSAFE = /^Functionize sent a share link that is not safe to copy \(/;
const UNTOUCHED_CLIPBOARD = 'what the user had copied before';

describe('a failing Functionize, as the popup explains it', { timeout: 120_000 }, () => {
  const session = useSession({ shape: 'wrapped', ids: 'strings' });

  /** Opens the popup with `rules` in force and returns its notice and the list requests. */
  async function listingWith(rules) {
    const { control } = session.fake;
    await control.reset();
    // Exact: every API path starts with the list's, and a rule used up by another request
    // (a "times: 1" one especially) would leave the list request unbent.
    await control.rules(rules.map((rule) => ({ exact: true, ...rule })));
    try {
      const popup = await session.browser.openPopup();
      const count = await listShown(popup, { expectList: false });
      const notice = (await popup.locator('#notice-text').textContent()).trim();
      const requests = (await control.requests()).filter((r) => r.path === LIST);
      await popup.close();
      return { notice, count, tries: requests.length };
    } finally {
      await control.rules([]);
    }
  }

  /** Copies the share link of the first orchestration with its csvreport answered by `rule`. */
  async function shareLinkWith(rule) {
    const [item] = await session.fake.control.fixture();
    await writeClipboard(session.browser.context, UNTOUCHED_CLIPBOARD);
    await session.fake.control.rules([{ path: `${item.deployment_id}/csvreport`, ...rule }]);
    try {
      const popup = await session.browser.openPopup();
      await listShown(popup);
      const feedback = await copyFrom(rowOf(popup, item.deployment_id), 'button.copy-share');
      await popup.close();
      return feedback;
    } finally {
      await session.fake.control.rules([]);
    }
  }

  async function assertClipboardUntouched() {
    assert.equal(await readClipboard(session.browser.context), UNTOUCHED_CLIPBOARD);
  }

  it('401: token rejected, asked once', async () => {
    const { notice, tries } = await listingWith([{ path: LIST, status: 401 }]);
    assert.match(notice, REJECTED);
    assert.equal(tries, 1);
  });

  it('403: token rejected, asked once', async () => {
    const { notice, tries } = await listingWith([{ path: LIST, status: 403 }]);
    assert.match(notice, REJECTED);
    assert.equal(tries, 1);
  });

  it('a redirect to the login page: token rejected', async () => {
    const { notice } = await listingWith([{ path: LIST, redirect_to_login: true }]);
    assert.match(notice, REJECTED);
  });

  it('an HTML login page where JSON was expected: token rejected', async () => {
    const body = '<!doctype html><title>Sign in</title><form action="/login"></form>';
    const { notice } = await listingWith([{ path: LIST, status: 200, body }]);
    assert.match(notice, REJECTED);
  });

  it('404 for an orchestration: not found for this token', async () => {
    const feedback = await shareLinkWith({ status: 404 });
    assert.match(feedback, /^Not found for this token/);
  });

  it('404 for the list itself: the host has no Functionize API', async () => {
    const { notice } = await listingWith([{ path: LIST, status: 404, body: 'Not Found' }]);
    assert.match(notice, /^No Functionize API at app\.functionize\.com: .*Check the host/);
  });

  it('429 with a long Retry-After: rate limited, with the wait, asked once', async () => {
    const rule = { path: LIST, status: 429, headers: { 'Retry-After': '60' } };
    const { notice, tries } = await listingWith([rule]);
    assert.match(notice, /^Rate limited by Functionize, try again in 60 s\./);
    assert.equal(tries, 1);
  });

  it('429 with a short Retry-After: waited out, then the list is shown', async () => {
    const rule = { path: LIST, status: 429, headers: { 'Retry-After': '1' }, times: 1 };
    const { count, tries } = await listingWith([rule]);
    assert.match(count, /^\d+ orchestrations$/);
    assert.equal(tries, 2);
  });

  it('429 on every try: at most 3 tries, then rate limited', async () => {
    const rule = { path: LIST, status: 429, headers: { 'Retry-After': '1' } };
    const { notice, tries } = await listingWith([rule]);
    assert.match(notice, /^Rate limited by Functionize, try again in 1 s\./);
    assert.equal(tries, 3);
  });

  it('5xx on every try: 3 tries with backoff, then not answering', async () => {
    const started = Date.now();
    const { notice, tries } = await listingWith([{ path: LIST, status: 503 }]);
    assert.match(notice, /^Functionize is not answering\./);
    assert.equal(tries, 3);
    // Two pauses, of at least 400 and 800 ms: the tries were spread out, not fired at once.
    assert.ok(Date.now() - started >= 1_200, 'the retries backed off');
  });

  it('one 5xx, then an answer: retried silently', async () => {
    const { count, tries } = await listingWith([{ path: LIST, status: 502, times: 1 }]);
    assert.match(count, /^\d+ orchestrations$/);
    assert.equal(tries, 2);
  });

  it('a STATUS FAILURE envelope: unexpected answer, naming what was missing', async () => {
    const body = '{"STATUS":"FAILURE","MESSAGE":"Internal error"}';
    const { notice } = await listingWith([{ path: LIST, status: 200, body }]);
    assert.match(notice, UNEXPECTED);
    assert.match(notice, /RESULTSET|Internal error/);
  });

  it('truncated JSON: unexpected answer', async () => {
    const body = '{"STATUS":"SUCCESS","RESULTSET":[{"deploymentid":"da7f2d8d';
    const { notice, tries } = await listingWith([{ path: LIST, status: 200, body }]);
    assert.match(notice, UNEXPECTED);
    assert.match(notice, /complete JSON/);
    assert.equal(tries, 1, 'a complete HTTP answer with broken JSON is not asked again');
  });

  it('a connection dropped mid-answer: tried again, then not answering', async () => {
    const { notice, tries } = await listingWith([{ path: LIST, truncate: true }]);
    assert.match(notice, /^Functionize is not answering\./);
    assert.equal(tries, 3);
  });

  it('a body of the wrong shape: unexpected answer, naming the missing field', async () => {
    const feedback = await shareLinkWith({ status: 200, body: '{"Message":"Report ready"}' });
    assert.match(feedback, UNEXPECTED);
    assert.match(feedback, /`Details`/);
    await assertClipboardUntouched();
  });

  const unsafeDetails = [
    ['empty', ''],
    ['not https', 'http://app.functionize.com/public/orchestration-report/abc'],
    ['on another host', 'https://functionize.example.net/public/orchestration-report/abc'],
    ['a script', 'javascript:alert(1)'],
  ];
  for (const [what, details] of unsafeDetails) {
    it(`a Details value that is ${what}: never copied, and the user told why`, async () => {
      const body = JSON.stringify({ Details: details });
      const feedback = await shareLinkWith({ status: 200, body });
      assert.match(feedback, UNSAFE);
      await assertClipboardUntouched();
    });
  }
});
