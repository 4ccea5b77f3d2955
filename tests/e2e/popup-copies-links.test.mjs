// The popup's copy buttons leave exactly the right link on the clipboard.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { FUNCTIONIZE_ORIGIN, RESPONSE_SHAPES, readClipboard, useSession } from './harness.mjs';
import { copyFrom, listShown, rowFeedback, rowOf } from './popup-ui.mjs';

const TYPED_RUN_ID = '48999';

function reportUrl(item, runId) {
  return `${FUNCTIONIZE_ORIGIN}/v1/orchestrations-report/${item.numeric_id}/${runId}`;
}

/** The first fixture orchestration matching `wanted`, failing clearly if there is none. */
function pick(fixture, wanted, description) {
  const item = fixture.find(wanted);
  assert.ok(item, `the fixture has an orchestration ${description}`);
  return item;
}

for (const shape of RESPONSE_SHAPES) {
  const title = `popup copies (${shape.shape} answers, ids as ${shape.ids})`;
  describe(title, { timeout: 90_000 }, () => {
    const session = useSession(shape);

    async function openRow(item) {
      const popup = await session.browser.openPopup();
      await listShown(popup);
      return rowOf(popup, item.deployment_id);
    }

    it('copies the public share link', async () => {
      const fixture = await session.fake.control.fixture();
      const item = fixture[0];
      const row = await openRow(item);

      assert.equal(await copyFrom(row, 'button.copy-share'), 'Copied');
      assert.equal(await readClipboard(session.browser.context), item.share_link);
    });

    it('copies the report URL when the list names the last run', async () => {
      const fixture = await session.fake.control.fixture();
      const item = pick(fixture, (o) => o.run_id_in_list && o.last_run_id, 'with its run listed');
      const row = await openRow(item);

      assert.equal(await copyFrom(row, 'button.copy-report'), 'Copied');
      const clipboard = await readClipboard(session.browser.context);
      assert.equal(clipboard, reportUrl(item, item.last_run_id));
    });

    it('copies the report URL when only the run status names the last run', async () => {
      const fixture = await session.fake.control.fixture();
      const onlyInStatus = (o) => !o.run_id_in_list && o.last_run_id;
      const item = pick(fixture, onlyInStatus, 'whose run id only /status gives');
      const row = await openRow(item);

      assert.equal(await copyFrom(row, 'button.copy-report'), 'Copied');
      const clipboard = await readClipboard(session.browser.context);
      assert.equal(clipboard, reportUrl(item, item.last_run_id));
    });

    it('asks for a run id when the orchestration has never run, then copies', async () => {
      const fixture = await session.fake.control.fixture();
      const item = pick(fixture, (o) => !o.last_run_id, 'that has never run');
      const row = await openRow(item);
      const runInput = row.locator('input.run-id');
      assert.equal(await runInput.isVisible(), false, 'the run id field starts hidden');

      const needed = await copyFrom(row, 'button.copy-report');
      assert.match(needed, /run id/i);
      assert.equal(await runInput.isVisible(), true, 'the run id field is revealed');

      await runInput.fill(TYPED_RUN_ID);
      await runInput.press('Enter');
      assert.equal(await rowFeedback(row, [needed]), 'Copied');
      const clipboard = await readClipboard(session.browser.context);
      assert.equal(clipboard, reportUrl(item, TYPED_RUN_ID));
    });
  });
}

