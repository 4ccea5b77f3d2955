// The live demo runs the extension's real popup (its HTML, CSS, loader and wasm) in a web page.
// A web page has no extension APIs, so this stands in for the few the popup calls, and for the
// service worker behind them: it answers from the sample account below, in the page, with no
// network. Nothing here ships in the extension.
(() => {
  const HOST = 'https://app.functionize.com';
  const NAMES = [
    ['Checkout — guest & member (EU)', 'Passed'],
    ['Login [SSO] smoke', 'Passed'],
    ['Search: filters & sorting', 'Failed'],
    ['Cart (mobile) regression', 'Running'],
    ['Payments *3-D Secure*', 'Passed'],
    ['Onboarding_v2 wizard', 'Completed'],
    ['Account settings', 'Passed'],
    ['Invoices <PDF export>', 'Failed'],
    ['チェックアウト (JP storefront)', 'Passed'],
    ['Wishlist sync', null],
    ['Password reset e-mail', 'Passed'],
    ['Admin: user roles', 'Completed'],
  ];
  const hex = (n) => (n * 2654435761 >>> 0).toString(16).padStart(8, '0').repeat(4);
  const account = NAMES.map(([name, status], i) => ({
    deploymentId: hex(i + 1),
    name,
    status,
    lastRunId: status ? String(48200 + i * 7) : null,
    numericId: 520600 + i,
    shareCode: `demo${(i + 1) * 7919}`,
  }));
  const byId = (id) => account.find((o) => o.deploymentId === id);
  const later = (value, ms = 180) => new Promise((resolve) => setTimeout(() => resolve(value), ms));
  const failure = (name, message) => ({ ok: false, error: { name, message } });

  function answer(message) {
    const item = byId(message?.deploymentId);
    switch (message?.type) {
      case 'listOrchestrations':
        return later({
          ok: true,
          orchestrations: account.map(({ deploymentId, name, status, lastRunId }) =>
            ({ deploymentId, name, status, lastRunId })),
        }, 400);
      case 'shareLink':
        if (!item) return later(failure('NotFound', catalogText('errorNotFound')));
        return later({ ok: true, url: `${HOST}/public/orchestration-report/${item.shareCode}` });
      case 'reportUrl': {
        if (!item) return later(failure('NotFound', catalogText('errorNotFound')));
        const run = (message.runId ?? '').trim() || item.lastRunId;
        if (!run) {
          return later(failure('RunIdNeeded', catalogText('errorRunIdNeeded')));
        }
        const url = `${HOST}/v1/orchestrations-report/${item.numericId}/${encodeURIComponent(run)}`;
        return later({ ok: true, url, runId: run });
      }
      default:
        return later(failure('NotAllowed', catalogText('errorNotAllowed')));
    }
  }

  // The extension's English catalog, which the web page's build puts beside this file; read
  // the way the browser reads it: `$name$` is a placeholder, `$1`… a value, `$$` a dollar.
  function catalogText(key, values = []) {
    const entry = globalThis.demoMessages?.[key];
    if (!entry) return key;
    const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {})
      .map(([name, { content }]) => [name.toLowerCase(), content]));
    const put = (content) => content.replace(/\$([1-9])/g, (_, n) => values[n - 1] ?? '');
    return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$/g, (whole, name) =>
      name ? put(placeholders[name.toLowerCase()] ?? '') : '$');
  }

  const stored = { settings: { format: 'plain' } };
  const ignored = { addListener() {} };
  globalThis.chrome = {
    runtime: {
      id: 'demo',
      sendMessage: answer,
      connect: () => ({ onDisconnect: ignored }),
      openOptionsPage: async () => {},
      getManifest: () => ({ version: 'demo' }),
    },
    storage: {
      local: {
        async get(keys) {
          const wanted = Array.isArray(keys) ? keys : [keys];
          return Object.fromEntries(wanted.filter((k) => k in stored).map((k) => [k, stored[k]]));
        },
        async set(items) {
          Object.assign(stored, items);
        },
      },
    },
    i18n: {
      getMessage: (key, values) => catalogText(key, [values ?? []].flat().map(String)),
    },
    // The demo is no report page, so the popup starts with nothing selected.
    tabs: { query: async () => [] },
    permissions: { contains: async () => true },
  };
})();
