// Waiting for text that the extension's pages change asynchronously.

const POLL_MS = 50;

/** The options page says this while the browser's permission prompt is open. */
const ASKING_PERMISSION = 'Waiting for your permission';

/**
 * The trimmed text of `locator` once it is none of the `pending` texts (an empty field, a
 * "Working…" placeholder) nor a wait for the browser's permission prompt, so a failure shows the
 * message the page actually settled on.
 */
export async function settledText(locator, { pending = [''], timeout = 10_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = ((await locator.textContent()) ?? '').trim();
    if (!pending.includes(text) && !text.startsWith(ASKING_PERMISSION)) return text;
    if (Date.now() > deadline) {
      throw new Error(`${locator} still showed "${text}" after ${timeout} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Resolves once `condition()` (maybe async) is true; fails naming `what` after `timeout` ms. */
export async function until(condition, what, { timeout = 10_000 } = {}) {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
