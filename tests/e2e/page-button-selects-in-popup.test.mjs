// The toolbar popup, opened while a report page is the active tab, starts with that page's
// orchestration and run selected.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { useSession } from './harness.mjs';
import { openActionPopup } from './action-popup.mjs';
import { buttonPlaced } from './page-button-ui.mjs';
import { legacyPath, studioPath, useReportPages, withRuns } from './report-pages.mjs';

// Not the latest run, so the popup can only have it from the page.
const EARLIER_RUN = 'e2e-earlier-run-7';

/** Runs in the popup: its selected rows once the list has loaded and settled. */
async function selectedRows() {
  const deadline = Date.now() + 8000;
  let rows = [];
  while (Date.now() < deadline) {
    rows = [...document.querySelectorAll('li.orchestration.current')];
    const listed = document.querySelectorAll('li.orchestration').length > 0;
    if (listed && rows.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // A moment more, in case a second row were about to be marked too.
  await new Promise((resolve) => setTimeout(resolve, 200));
  rows = [...document.querySelectorAll('li.orchestration.current, li[aria-current]')];
  return rows.map((row) => {
    const input = row.querySelector('input.run-id');
    return {
      deploymentId: row.dataset.deploymentId,
      ariaCurrent: row.getAttribute('aria-current'),
      current: row.classList.contains('current'),
      runId: input?.value,
      runIdShown: Boolean(input) && !input.hidden,
    };
  });
}

describe('the popup opened on a report page', { timeout: 60_000 }, () => {
  const session = useSession({ shape: 'bare', ids: 'strings' });
  const open = useReportPages(session);

  async function selectionOver(path) {
    const { page } = await open(path);
    await buttonPlaced(page);
    const popup = await openActionPopup(session.browser.context, page);
    try {
      return await popup.evaluate(selectedRows);
    } finally {
      await popup.close();
    }
  }

  /** The one row the popup should mark for `item`, showing the page's run id. */
  function selectedRow(item) {
    return [{
      deploymentId: item.deployment_id,
      ariaCurrent: 'true',
      current: true,
      runId: EARLIER_RUN,
      runIdShown: true,
    }];
  }

  it('starts with a legacy report page\'s orchestration and run selected', async () => {
    const item = withRuns(await session.fake.control.fixture())[4];
    const rows = await selectionOver(legacyPath(item.numeric_id, EARLIER_RUN));
    assert.deepEqual(rows, selectedRow(item));
  });

  it('starts with a Studio run page\'s orchestration and run selected', async () => {
    const item = withRuns(await session.fake.control.fixture())[5];
    const rows = await selectionOver(studioPath(item.deployment_id, EARLIER_RUN));
    assert.deepEqual(rows, selectedRow(item));
  });
});

describe('the popup opened on a report page far down a long list', { timeout: 120_000 }, () => {
  // The popup shows its first hundred rows at once and the rest in later tasks; opened again,
  // it knows the page's orchestration before those tasks are done.
  const session = useSession({ shape: 'wrapped', ids: 'numbers', generate: 5000 });
  const open = useReportPages(session);

  async function selectionIn(page) {
    const popup = await openActionPopup(session.browser.context, page);
    try {
      const rows = await popup.evaluate(selectedRows);
      const focused = await popup.evaluate(
        () => document.activeElement?.closest('li.orchestration')?.dataset.deploymentId);
      return { rows, focused };
    } finally {
      await popup.close();
    }
  }

  it('selects that orchestration once its row is shown, the first time and the next', async () => {
    const fixture = await session.fake.control.fixture();
    const late = withRuns(fixture).filter((item) => fixture.indexOf(item) >= 4500);
    const item = late[late.length - 1];
    assert.ok(item, 'the account has an orchestration with runs past row 4,500');
    const { page } = await open(legacyPath(item.numeric_id, EARLIER_RUN));
    await buttonPlaced(page);
    for (const time of ['first', 'next']) {
      const { rows, focused } = await selectionIn(page);
      assert.deepEqual(rows.map((row) => [row.deploymentId, row.current, row.runId]), [
        [item.deployment_id, true, EARLIER_RUN],
      ], `${time} time`);
      assert.equal(focused, item.deployment_id, `${time} time`);
    }
  });
});
