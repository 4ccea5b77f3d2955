// Driving the popup the way a user does, through the ids and classes the DOM contract names.
import assert from 'node:assert/strict';

import { settledText } from './waiting.mjs';

/**
 * Waits until the popup has its answer: its fresh list (returning the #count text) or its
 * notice; when `expectList`, a notice fails the test with the notice's own words. A list known
 * from an earlier visit, shown while the fresh one is asked for, is not yet an answer.
 */
export async function listShown(popup, { expectList = true } = {}) {
  await popup.waitForFunction(() => {
    const count = document.querySelector('#count')?.textContent.trim();
    const settled = document.querySelector('#list')?.getAttribute('aria-busy') === 'false';
    return (Boolean(count) && settled) || document.querySelector('#notice')?.hidden === false;
  });
  const notice = popup.locator('#notice');
  if (expectList && (await notice.isVisible())) {
    assert.fail(`the popup shows a notice instead of the list: ${await notice.textContent()}`);
  }
  return (await popup.locator('#count').textContent()).trim();
}

export function rowOf(popup, deploymentId) {
  return popup.locator(`li.orchestration[data-deployment-id="${deploymentId}"]`);
}

export async function shownNames(popup) {
  return popup.locator('li.orchestration:visible .name').allTextContents();
}

/** Clicks one of a row's copy buttons and returns the feedback the row settles on. */
export async function copyFrom(row, button) {
  await row.locator(button).click();
  return rowFeedback(row);
}

/** The row's feedback once it is no longer empty, "Working…", or any of `previous`. */
export function rowFeedback(row, previous = []) {
  return settledText(row.locator('.feedback'), { pending: ['', 'Working…', ...previous] });
}
