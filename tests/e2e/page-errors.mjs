// Every error a web page reports, told apart by the world it came from: the page's own
// scripts, or this extension's content script, which runs in an isolated world of its own.
// Playwright's page events do not say which; the DevTools protocol does.

const PROBLEM_CONSOLE_TYPES = new Set(['error', 'assert', 'warning']);

// Errors that belong to the extension whatever context reports them.
const EXTENSION_WORDS = [
  'chrome-extension://',
  'Extension context invalidated',
  'runtime.lastError',
];

/**
 * Starts watching `page`; call it before the page loads. Resolves to
 * { all(), fromExtension(), fromPage(), extensionInjected() }.
 */
export async function watchErrors(page) {
  const cdp = await page.context().newCDPSession(page);
  const worlds = new Map();
  const entries = [];
  let injected = false;

  const worldOf = (contextId) => worlds.get(contextId) ?? 'unknown';
  const add = (world, kind, text) => entries.push({ world, kind, text: String(text ?? '') });

  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    const extension = context.origin.startsWith('chrome-extension://');
    injected ||= extension;
    worlds.set(context.id, extension ? 'extension' : 'page');
  });
  cdp.on('Runtime.exceptionThrown', ({ exceptionDetails: details }) => {
    const text = details.exception?.description ?? details.text;
    add(worldOf(details.executionContextId), 'uncaught', text);
  });
  cdp.on('Runtime.consoleAPICalled', (event) => {
    if (!PROBLEM_CONSOLE_TYPES.has(event.type)) return;
    const text = event.args.map((arg) => arg.value ?? arg.description ?? '').join(' ');
    add(worldOf(event.executionContextId), `console.${event.type}`, text);
  });
  cdp.on('Log.entryAdded', ({ entry }) => {
    // A missing favicon is the fake's business, not the extension's.
    if (entry.source === 'network' || !['error', 'warning'].includes(entry.level)) return;
    add('browser', `log.${entry.level}`, `${entry.text} ${entry.url ?? ''}`);
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');

  const mentionsExtension = (entry) => EXTENSION_WORDS.some((word) => entry.text.includes(word));
  return {
    all: () => [...entries],
    fromExtension: () => entries.filter((e) => e.world === 'extension' || mentionsExtension(e)),
    fromPage: () => entries.filter((e) => e.world === 'page' && !mentionsExtension(e)),
    /** Whether this extension's content script ever ran in the page. */
    extensionInjected: () => injected,
  };
}
