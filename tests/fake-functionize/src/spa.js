// The fake Functionize web app. The server sends this script, the same for every app path,
// with the orchestrations in #fz-data; the script renders the view the URL names into
// #fz-main and renders again on client-side navigation, as the real app does. Names go into
// the page as text only. There is no API call and no token here.
//
// Test switches, read from the query string of the page load and kept while the app
// navigates (a later load reads them afresh):
//   ?rerender=MS  replace .report-head with an equal, new element every MS milliseconds
//   ?throw=1      throw an uncaught error after the first render and after every navigation
//   ?noname=1     title every report "Orchestration report" and show no orchestration name
// window.fzNavigate(path, { replace }) navigates as a click on an app link does.
(() => {
  'use strict';

  const GENERIC_TITLE = 'Orchestration report';
  const DASHBOARD_PATH = '/v1/dashboard';
  const DASHBOARD_ROWS = 10;
  const OTHER_REPORTS = 3;

  const orchestrations = JSON.parse(document.getElementById('fz-data').textContent)
    .orchestrations;
  const byNumericId = new Map(orchestrations.map((item) => [item.numeric_id, item]));
  const byDeploymentId = new Map(orchestrations.map((item) => [item.deployment_id, item]));
  const main = document.getElementById('fz-main');

  const query = new URLSearchParams(window.location.search);
  const switches = {
    rerenderMs: Number.parseInt(query.get('rerender') ?? '', 10),
    throwing: query.get('throw') === '1',
    noName: query.get('noname') === '1',
  };

  /** The page on screen, so the rerender switch can rebuild its head. */
  let current = null;

  // Routing. Segments are split before decoding, so an encoded slash stays inside its segment.
  function route(pathname) {
    const segments = pathname.replace(/^\/+|\/+$/g, '').split('/').map(decodeSegment);
    const [first, second, id, fourth, fifth] = segments;
    if (segments.length === 4 && first === 'v1' && second === 'orchestrations-report') {
      const orchestration = /^[0-9]+$/.test(id) ? byNumericId.get(id) : undefined;
      return { view: 'report', orchestration, runId: fourth };
    }
    if (segments.length === 5 && first === 'app' && second === 'orchestrations' &&
      fourth === 'runs') {
      // Which id the Studio URL carries is not known, so both name the same orchestration.
      const orchestration = byNumericId.get(id) ?? byDeploymentId.get(id);
      return { view: 'report', orchestration, runId: fifth };
    }
    if (segments.length === 2 && first === 'v1' && second === 'dashboard') {
      return { view: 'dashboard' };
    }
    return { view: 'not-found' };
  }

  function decodeSegment(segment) {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  }

  function legacyPath(item) {
    return `/v1/orchestrations-report/${item.numeric_id}/${encodeURIComponent(item.latest_run_id)}`;
  }

  function studioPath(item, id) {
    return `/app/orchestrations/${id}/runs/${encodeURIComponent(item.latest_run_id)}`;
  }

  // Building blocks. Text is only ever set through textContent.
  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function appLink(href, text, className) {
    const link = element('a', className, text);
    link.href = href;
    link.dataset.spa = '';
    return link;
  }

  /** What the page calls an orchestration: its name, unless the page must show none. */
  function label(item) {
    return switches.noName ? `Orchestration ${item.numeric_id}` : item.name;
  }

  function reportTitle(page) {
    return page.orchestration && !switches.noName ? page.orchestration.name : GENERIC_TITLE;
  }

  // Views. Each returns the new content of #fz-main and the document's title.
  function reportView(page) {
    const view = document.createDocumentFragment();
    const runLine = element('p', 'report-run muted', 'Run ');
    runLine.append(element('span', 'run-id', page.runId), ' · ',
      element('span', 'run-status', runStatus(page)));
    view.append(reportHead(page), runLine, otherReports(page.orchestration));
    return { view, title: reportTitle(page) };
  }

  function reportHead(page) {
    const head = element('div', 'report-head');
    head.append(element('h1', 'report-title', reportTitle(page)));
    return head;
  }

  function runStatus(page) {
    const item = page.orchestration;
    if (!item) return 'This report is not available';
    const run = item.runs.find((candidate) => candidate.run_id === page.runId);
    if (run) return `${run.status}: ${run.passed} passed, ${run.failed} failed`;
    return `${item.status ?? 'No status'} · no results for this run`;
  }

  /** Links to the next reports in the list, one of each URL kind, and to the dashboard. */
  function otherReports(currentItem) {
    const nav = element('nav', 'report-nav');
    const list = element('ul');
    const start = currentItem ? orchestrations.indexOf(currentItem) + 1 : 0;
    let added = 0;
    for (let step = 0; step < orchestrations.length && added < OTHER_REPORTS; step += 1) {
      const item = orchestrations[(start + step) % orchestrations.length];
      if (item === currentItem || item.latest_run_id === null) continue;
      const links = [
        [legacyPath(item), 'report'],
        [studioPath(item, item.numeric_id), 'Studio run'],
        [studioPath(item, item.deployment_id), 'Studio run'],
      ];
      const [href, kind] = links[added % links.length];
      const entry = element('li');
      entry.append(appLink(href, `${label(item)} (${kind})`, 'other-report'));
      list.append(entry);
      added += 1;
    }
    const dashboard = element('li');
    dashboard.append(appLink(DASHBOARD_PATH, 'All orchestrations', 'dashboard-link'));
    list.append(dashboard);
    nav.append(element('h2', '', 'Other reports'), list);
    return nav;
  }

  function dashboardView() {
    const view = document.createDocumentFragment();
    const list = element('ul', 'dashboard-list');
    const shown = orchestrations.filter((item) => item.latest_run_id !== null)
      .slice(0, DASHBOARD_ROWS);
    shown.forEach((item, row) => {
      // Every other row links its Studio page by hex id, so clicks reach both id kinds.
      const studioId = row % 2 === 0 ? item.deployment_id : item.numeric_id;
      const entry = element('li', 'dashboard-row');
      entry.append(
        element('span', 'dashboard-name', label(item)),
        ' ',
        element('span', 'dashboard-status muted', item.status ?? 'No status'),
        appLink(legacyPath(item), 'Latest report', 'legacy-link'),
        appLink(studioPath(item, studioId), 'Studio run', 'studio-link'),
      );
      list.append(entry);
    });
    view.append(element('h1', '', 'Dashboard'),
      element('p', 'muted', `${orchestrations.length} orchestrations`), list);
    return { view, title: 'Dashboard' };
  }

  function notFoundView() {
    const view = document.createDocumentFragment();
    view.append(element('h1', '', 'Page not found'), element('p', 'muted', 'Check the address.'));
    return { view, title: 'Not found' };
  }

  const VIEWS = { report: reportView, dashboard: dashboardView, 'not-found': notFoundView };

  /** Replaces the whole of #fz-main with the view for the current URL. */
  function render() {
    const page = route(window.location.pathname);
    const { view, title } = VIEWS[page.view](page);
    current = page;
    main.replaceChildren(view);
    main.dataset.view = page.view;
    main.dataset.path = window.location.pathname;
    document.title = `${title} · Functionize`;
    failIfAsked();
    return page.view;
  }

  function navigate(path, { replace = false } = {}) {
    if (replace) {
      window.history.replaceState(null, '', path);
    } else {
      window.history.pushState(null, '', path);
    }
    return render();
  }

  // Thrown from a task of its own: uncaught, as a broken app's error is, while whoever called
  // fzNavigate still gets its answer.
  function failIfAsked() {
    if (!switches.throwing) return;
    setTimeout(() => {
      throw new Error('fake Functionize: the page script fails on purpose (?throw=1)');
    }, 0);
  }

  document.addEventListener('click', (event) => {
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
    if (event.defaultPrevented || event.button !== 0 || modified) return;
    const link = event.target instanceof Element ? event.target.closest('a[data-spa]') : null;
    if (!link || link.origin !== window.location.origin) return;
    event.preventDefault();
    navigate(link.pathname + link.search + link.hash);
  });
  window.addEventListener('popstate', render);
  window.fzNavigate = navigate;

  if (switches.rerenderMs > 0) {
    setInterval(() => {
      const head = main.querySelector('.report-head');
      if (head && current && current.view === 'report') head.replaceWith(reportHead(current));
    }, switches.rerenderMs);
  }

  render();
})();
