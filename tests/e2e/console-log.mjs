// Collects every console message and uncaught error of a browser context: the extension's
// service worker, its popup and options pages, and any web page.
import assert from 'node:assert/strict';

/** Starts collecting; `entries()` resolves once every message's arguments are serialised. */
export function collectConsole(context) {
  const entries = [];
  const pending = new Set();

  context.on('console', (message) => {
    const entry = { source: sourceOf(message), type: message.type(), text: message.text() };
    entries.push(entry);
    // The text of a logged object is only a preview; its JSON shows every field.
    const serialising = Promise.all(message.args().map(asJson)).then((args) => {
      entry.args = args;
    });
    pending.add(serialising);
    serialising.finally(() => pending.delete(serialising));
  });

  context.on('weberror', (error) => {
    const source = error.page()?.url() ?? 'unknown page';
    entries.push({ source, type: 'uncaught', text: String(error.error()?.stack ?? error.error()) });
  });

  return {
    async entries() {
      await Promise.all(pending);
      return entries;
    },
  };
}

function sourceOf(message) {
  return message.page()?.url() ?? message.worker()?.url() ?? 'unknown';
}

function asJson(handle) {
  return handle.jsonValue().then(
    (value) => JSON.stringify(value) ?? '',
    () => '',
  );
}

/** Fails, naming the source but never echoing the secret, if any message contains it. */
export async function assertNoConsoleContains(consoleLog, secret) {
  const leaks = (await consoleLog.entries())
    .filter((entry) => [entry.text, ...(entry.args ?? [])].some((text) => text.includes(secret)))
    .map((entry) => `${entry.type} from ${entry.source}`);
  assert.deepEqual(leaks, [], 'console messages containing the token');
}
