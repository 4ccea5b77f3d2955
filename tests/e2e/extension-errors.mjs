// Every error the extension's own code reports: console.error calls, uncaught exceptions and
// unhandled promise rejections in its service worker and in its pages (the popup, whether a tab
// or the real toolbar popup, and the options page). Web pages, the fake Functionize's included,
// are left out: their scripts throw on purpose in some tests (see page-errors.mjs for those).
//
// Playwright reports a service worker's console calls but not its uncaught exceptions or
// rejections, and never sees the toolbar popup, so this goes through the DevTools protocol:
// it discovers every target on the extension's origin and attaches to each, as action-popup.mjs
// does, through a CDP session borrowed from a tab. Runtime.enable replays what a target logged
// before the attach, so a worker's start-up errors are not missed.
import assert from 'node:assert/strict';

/**
 * Starts watching the extension `extensionId` in `context`. Resolves to { list() }, the errors
 * seen so far, each { source, kind, text }.
 */
export async function watchExtensionErrors(context, extensionId) {
  const origin = `chrome-extension://${extensionId}/`;
  const entries = [];
  const attached = new Set();
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);

  const handlers = new Map();
  cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    handlers.get(sessionId)?.(JSON.parse(message));
  });
  cdp.on('Target.detachedFromTarget', ({ sessionId }) => handlers.delete(sessionId));

  const attach = async ({ targetId, type, url }) => {
    if (!url.startsWith(origin) || attached.has(targetId)) return;
    if (type !== 'service_worker' && type !== 'page') return;
    attached.add(targetId);
    const source = `${type === 'page' ? 'page' : 'service worker'} ${url}`;
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
    handlers.set(sessionId, (message) => {
      const problem = problemIn(message);
      if (problem) entries.push({ source, ...problem });
    });
    for (const [id, method] of [[1, 'Runtime.enable'], [2, 'Log.enable']]) {
      const message = JSON.stringify({ id, method });
      await cdp.send('Target.sendMessageToTarget', { sessionId, message });
    }
  };
  const tryAttach = (info) => attach(info).catch(() => {}); // A target may close meanwhile.

  cdp.on('Target.targetCreated', ({ targetInfo }) => tryAttach(targetInfo));
  // A tab opened on about:blank reaches the extension's origin only when it navigates.
  cdp.on('Target.targetInfoChanged', ({ targetInfo }) => tryAttach(targetInfo));
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  const { targetInfos } = await cdp.send('Target.getTargets');
  await Promise.all(targetInfos.map(tryAttach));

  return { list: () => [...entries] };
}

/** The error a protocol message from a target reports, if it reports one. */
function problemIn({ method, params }) {
  if (method === 'Runtime.exceptionThrown') {
    const { exception, text, stackTrace } = params.exceptionDetails;
    // An unhandled rejection arrives here too, its text "Uncaught (in promise)". One line
    // and the top frame, so the test runner does not mistake the stack for its own.
    const message = `${text} ${exception?.description?.split('\n')[0] ?? ''}`.trim();
    return { kind: 'uncaught', text: message + at(stackTrace) };
  }
  if (method === 'Runtime.consoleAPICalled' && ['error', 'assert'].includes(params.type)) {
    const text = params.args.map((arg) => arg.value ?? arg.description ?? '').join(' ');
    return { kind: `console.${params.type}`, text: text + at(params.stackTrace) };
  }
  // "Failed to load resource: the server responded with a status of 500", and the like, come
  // with source "network": the browser's note that a request failed, which tests provoke on
  // purpose, not an error of the extension's code (that code's handling of the failure is what
  // the tests check). Every other error the browser logs about an extension page counts.
  if (method === 'Log.entryAdded' && params.entry.level === 'error') {
    if (params.entry.source === 'network') return undefined;
    const { source, text, url } = params.entry;
    return { kind: `log.${source}`, text: `${text}${url ? ` (${url})` : ''}` };
  }
  return undefined;
}

function at(stackTrace) {
  const top = stackTrace?.callFrames?.[0];
  return top ? ` (from ${top.url || 'evaluated code'}:${top.lineNumber + 1})` : '';
}

/** Fails, listing each one, if `entries` holds any error the extension reported. */
export function assertNoExtensionErrors(entries) {
  const lines = entries.map((e, i) => `  ${i + 1}. [${e.kind}] in ${e.source}: ${e.text}`);
  assert.ok(
    lines.length === 0,
    `the extension reported ${lines.length} error(s) in its service worker or pages ` +
      `during this suite:\n${lines.join('\n')}`,
  );
}
