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
