// The project's web page: every link and image it names is there, the live demo runs the real
// popup on the page's sample account and copies a link, and no console error is logged.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { chromium } from 'playwright-core';

import { REPO_ROOT } from './paths.mjs';

const SITE = path.join(REPO_ROOT, 'dist', 'www');
const TYPES = {
  '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript',
  '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml',
};

/** Serves dist/www on 127.0.0.1, as any static host would. */
function serve() {
  const server = http.createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const file = path.join(SITE, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!file.startsWith(SITE)) return response.writeHead(403).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the project web page', { timeout: 60_000 }, () => {
  let server;
  let browser;
  let origin;
  const problems = [];

  before(async () => {
    server = await serve();
    origin = `http://127.0.0.1:${server.address().port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function openPage(name) {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${name}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${name}: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`${name}: failed ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${name}: ${response.status()} ${response.url()}`);
    });
    await page.goto(`${origin}/${name}`);
    return page;
  }

  for (const name of ['index.html', 'privacy.html']) {
    it(`${name}: every link, image, frame and style it names is there`, async () => {
      const page = await openPage(name);
      const targets = await page.evaluate(() => [
        ...[...document.querySelectorAll('a[href]')].map((a) => a.href),
        ...[...document.querySelectorAll('img[src], iframe[src], script[src]')].map((e) => e.src),
        ...[...document.querySelectorAll('link[href]')].map((l) => l.href),
      ]);
      assert.ok(targets.length > 2, 'the page names other files');
      for (const target of targets) {
        const url = new URL(target);
        assert.equal(url.origin, origin, `${target} stays on the site (no network needed)`);
        const { status } = await fetch(url);
        assert.equal(status, 200, target);
      }
      await page.context().close();
    });
  }

  it('the live demo lists the sample account, filters and copies a Markdown link', async () => {
    const page = await openPage('index.html');
    const demo = page.frameLocator('#demo-popup');
    await demo.locator('#list[aria-busy="false"] li.orchestration').first().waitFor();
    assert.equal(await demo.locator('li.orchestration').count(), 12);

    await demo.locator('#filter').fill('login');
    await demo.locator('li.orchestration:visible').first().waitFor();
    assert.equal(await demo.locator('li.orchestration:visible').count(), 1);
    await demo.locator('#format').selectOption('markdown');
    const row = demo.locator('li.orchestration:visible');
    await row.locator('button.copy-share').click();
    await row.locator('.feedback', { hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^\[Login \\\[SSO\\\] smoke\]\(https:\/\/app\.functionize\.com\/public\/orchestration-report\/demo\d+\)$/);
    await page.context().close();
  });

  it('the live demo asks for the run id of an orchestration that never ran', async () => {
    const page = await openPage('index.html');
    const demo = page.frameLocator('#demo-popup');
    await demo.locator('#list[aria-busy="false"] li.orchestration').first().waitFor();
    await demo.locator('#filter').fill('wishlist');
    const row = demo.locator('li.orchestration:visible');
    await row.locator('button.copy-report').click();
    await row.locator('.feedback', { hasText: 'No run found' }).waitFor();
    await row.locator('input.run-id:visible').waitFor();
    assert.equal(await row.locator('button.copy-report').isEnabled(), true);
    await page.context().close();
  });

  it('logged no console error, failed request or missing file', () => {
    assert.deepEqual(problems, []);
  });
});
