// What `./build.sh bench` runs: the shipped extension in Chromium against the fake Functionize
// with added latency, timed at several account sizes, next to the method the Functionize
// article describes (list, then /group for each orchestration in turn until the numeric id
// matches, then /csvreport). Prints figures; asserts nothing: the tests assert behaviour.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';

import { configure, launchBrowser } from '../e2e/browser.mjs';
import { startFake } from '../e2e/fake-functionize.mjs';
import { buttonPlaced, copiedText, copyWith } from '../e2e/page-button-ui.mjs';
import { EXTENSION_DIR } from '../e2e/paths.mjs';
import { listShown } from '../e2e/popup-ui.mjs';
import { makeProfile } from '../e2e/profile.mjs';
import { legacyPath, rendered, studioPath } from '../e2e/report-pages.mjs';
import { FUNCTIONIZE_ORIGIN } from '../e2e/browser.mjs';

const SIZES = (process.env.BENCH_SIZES ?? '10,1000,5000').split(',').map(Number);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 80);

/** Milliseconds `action` took, and what it returned. */
async function timed(action) {
  const started = performance.now();
  const result = await action();
  return { ms: Math.round(performance.now() - started), result };
}

async function apiRequests(fake) {
  return (await fake.control.requests()).filter((r) => r.path.startsWith('/api/')).length;
}

/** One figure: how long, and how many API requests, since the fake's log was reset. */
async function measure(fake, action) {
  await fake.control.reset();
  const { ms } = await timed(action);
  return { ms, requests: await apiRequests(fake) };
}

/** The article's method, from Node, for the orchestration with `numericId`. */
async function naiveShareLink(fake, numericId) {
  let requests = 0;
  const get = (apiPath) =>
    new Promise((resolve, reject) => {
      requests += 1;
      const request = https.get({
        host: '127.0.0.1',
        port: fake.httpsPort,
        path: `/api/v4/${apiPath}?response_type=json`,
        headers: { host: 'app.functionize.com', accesstoken: fake.token },
        rejectUnauthorized: false, // the fake's certificate is made at its start
      }, (response) => {
        let body = '';
        response.on('data', (chunk) => { body += chunk; });
        response.on('end', () => resolve(JSON.parse(body)));
      });
      request.on('error', reject);
    });
  const unwrap = (answer) => answer.RESULTSET ?? answer;
  const { ms } = await timed(async () => {
    const list = unwrap(await get('orchestration'));
    for (const item of list) {
      const group = unwrap(await get(`orchestration/${item.deployment_id}/group`));
      if (Number(group.id) === numericId) {
        return unwrap(await get(`orchestration/${item.deployment_id}/csvreport`)).Details;
      }
    }
    throw new Error(`no orchestration numbered ${numericId}`);
  });
  return { ms, requests };
}

/** From a keystroke in the popup's filter to the frame after it, as the page measures it. */
function keystrokeMs(popup, text) {
  return popup.evaluate((typed) => new Promise((resolve) => {
    const filter = document.querySelector('#filter');
    const started = performance.now();
    filter.value = typed;
    filter.dispatchEvent(new Event('input'));
    requestAnimationFrame(() => requestAnimationFrame(() => {
      const ms = performance.now() - started;
      filter.value = '';
      filter.dispatchEvent(new Event('input'));
      resolve(Math.round(ms));
    }));
  }), text);
}

/**
 * From a click on a row's copy button to the frame showing the outcome, as the page measures it:
 * what the user waits for. (Timed from Node, a click also includes Playwright's own checks that
 * the button is visible and still, which grow with the number of rows on the page.)
 */
async function clickToFeedbackMs(popup, deploymentId, button) {
  const { ms, text } = await popup.evaluate(async ({ id, selector }) => {
    const find = () => document.querySelector(`li.orchestration[data-deployment-id="${id}"]`);
    // The popup shows a long list over a few tasks; the user scrolls to the row first.
    while (!find()) await new Promise((resolve) => requestAnimationFrame(resolve));
    const row = find();
    row.scrollIntoView();
    return new Promise((resolve) => {
      const feedback = row.querySelector('.feedback');
      const started = performance.now();
      const settled = () => !['', 'Working…'].includes(feedback.textContent.trim());
      const observer = new MutationObserver(() => {
        if (!settled()) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve({
          ms: Math.round(performance.now() - started),
          text: feedback.textContent.trim(),
        }));
      });
      observer.observe(feedback, { childList: true, characterData: true, subtree: true });
      row.querySelector(selector).click();
    });
  }, { id: deploymentId, selector: button });
  if (!text.startsWith('Copied')) throw new Error(`the popup said ${text}`);
  return ms;
}

/** One figure timed in the page, and the API requests made meanwhile. */
async function measureInPage(fake, action) {
  await fake.control.reset();
  const ms = await action();
  return { ms, requests: await apiRequests(fake) };
}

/** The service worker's JS heap, through the DevTools protocol, in KB. */
async function workerHeapKb(context, tab) {
  const cdp = await context.newCDPSession(tab);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const worker = targetInfos.find((t) => t.type === 'service_worker'
      && t.url.startsWith('chrome-extension://'));
    if (!worker) return NaN;
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: worker.targetId,
      flatten: false,
    });
    const answer = new Promise((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (event) => {
        const message = JSON.parse(event.message);
        if (event.sessionId === sessionId && message.id === 1) resolve(message.result);
      });
    });
    const message = JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message });
    const { usedSize } = await answer;
    return Math.round(usedSize / 1024);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

async function benchSize(size) {
  const fake = await startFake({ generate: size, latencyMs: LATENCY_MS });
  const profile = await makeProfile();
  const browser = await launchBrowser({ userDataDir: profile.dir, fakePort: fake.httpsPort });
  try {
    await configure(browser.context, { token: fake.token });
    const fixture = await fake.control.fixture();
    // The middle of the list, where the article's method walks half the account; an
    // orchestration that has run, so a report URL can be copied.
    const middle = fixture.slice(Math.floor(fixture.length / 2)).filter((o) => o.last_run_id);
    const [target, other = target] = middle;
    const rows = {};

    let popup;
    rows['popup open → list (cold)'] = await measure(fake, async () => {
      popup = await browser.openPopup();
      await listShown(popup);
    });
    const filterMs = await keystrokeMs(popup, target.name.slice(0, 3));
    const copy = (button) => () => clickToFeedbackMs(popup, target.deployment_id, button);
    rows['popup copy share link (cold)'] = await measureInPage(fake, copy('button.copy-share'));
    rows['popup copy report URL (cold)'] = await measureInPage(fake, copy('button.copy-report'));
    await popup.close();
    rows['popup open → list (warm)'] = await measure(fake, async () => {
      popup = await browser.openPopup();
      await popup.locator('li.orchestration').first().waitFor();
    });
    await listShown(popup);
    rows['popup copy share link (warm)'] = await measureInPage(fake, copy('button.copy-share'));
    await popup.close();

    const run = other.last_run_id;
    const page = await browser.context.newPage();
    await page.goto(`${FUNCTIONIZE_ORIGIN}${legacyPath(other.numeric_id, run)}`);
    await rendered(page);
    await buttonPlaced(page);
    rows['page button click → clipboard (cold)'] = await measure(fake, async () => {
      const outcome = await copyWith(page, 'share');
      if (outcome !== copiedText('share')) throw new Error(`the button said ${outcome}`);
    });
    await page.evaluate((to) => window.fzNavigate(to), studioPath(other.numeric_id, run));
    await rendered(page);
    await buttonPlaced(page);
    rows['page button click → clipboard (warm)'] = await measure(fake, () => copyWith(page, 'share'));
    const heap = await workerHeapKb(browser.context, page);
    await page.close();

    rows['article method: list, /group in turn, /csvreport'] = await naiveShareLink(
      fake,
      other.numeric_id,
    );
    return { rows, heap, filterMs, count: fixture.length };
  } finally {
    await browser.close().catch(() => {});
    await fake.stop();
    await profile.remove();
  }
}

/** The shipped sizes, as `./build.sh test` checks them: the wasm as `gzip -9` packs it, the
 * content script as it ships. */
async function sizes() {
  const wasm = path.join(EXTENSION_DIR, 'pkg', 'functionize_report_links_bg.wasm');
  const content = await readFile(path.join(EXTENSION_DIR, 'content.js'));
  return { wasmGz: execFileSync('gzip', ['-9', '-c', wasm]).length, content: content.length };
}

async function main() {
  const { wasmGz, content } = await sizes();
  console.log(`\nFunctionize Report Links benchmark, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`fake Functionize latency ${LATENCY_MS} ms per API request`);
  console.log(`wasm ${wasmGz} bytes gzipped (budget 120,000), ` +
    `content script ${content} bytes (budget 8,000)\n`);
  for (const size of SIZES) {
    const { rows, heap, filterMs, count } = await benchSize(size);
    const naive = rows['article method: list, /group in turn, /csvreport'];
    console.log(`${count} orchestrations (service worker heap ${heap} KB, ` +
      `filter keystroke → next frame ${filterMs} ms)`);
    console.log('| measure | ms | API requests meanwhile | time vs article method |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const [name, { ms, requests }] of Object.entries(rows)) {
      const ratio = (ms / naive.ms).toFixed(3);
      console.log(`| ${name} | ${ms} | ${requests} | ${ratio} |`);
    }
    console.log();
  }
}

main().catch((error) => {
  console.error(`\nThe benchmark stopped: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
