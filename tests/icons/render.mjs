// Draws the toolbar and store icons (16, 32, 48 and 128 px) from extension/icons/icon.svg in
// Chromium, so the PNGs always match their source. `./build.sh icons` runs it; the PNGs are
// committed, and a test checks they are there at the sizes the manifest names.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'extension', 'icons');
const svg = await readFile(path.join(dir, 'icon.svg'), 'utf8');

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const size of [16, 32, 48, 128]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const image = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style>
      <img src="${image}" width="${size}" height="${size}" style="display:block">`);
    await page.locator('img').evaluate((img) => img.decode());
    const file = path.join(dir, `icon-${size}.png`);
    await page.screenshot({ path: file, omitBackground: true });
    console.log(`wrote ${path.relative(root, file)}`);
    await page.close();
  }
} finally {
  await browser.close();
}
