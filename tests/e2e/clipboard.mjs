// Reads the system clipboard back the way a user would paste it: from an https page.
import { FUNCTIONIZE_ORIGIN } from './browser.mjs';

/** The clipboard's text, read from a page on the (fake) Functionize origin. */
export async function readClipboard(context) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: FUNCTIONIZE_ORIGIN,
  });
  const page = await context.newPage();
  try {
    await page.goto(`${FUNCTIONIZE_ORIGIN}/`);
    return await page.evaluate(() => navigator.clipboard.readText());
  } finally {
    await page.close();
  }
}

/** Puts `text` on the clipboard, so a test can tell a fresh copy from an earlier one. */
export async function writeClipboard(context, text) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: FUNCTIONIZE_ORIGIN,
  });
  const page = await context.newPage();
  try {
    await page.goto(`${FUNCTIONIZE_ORIGIN}/`);
    await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  } finally {
    await page.close();
  }
}

/** The clipboard's HTML part, or null when it holds only text. */
export async function readClipboardHtml(context) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: FUNCTIONIZE_ORIGIN,
  });
  const page = await context.newPage();
  try {
    await page.goto(`${FUNCTIONIZE_ORIGIN}/`);
    return await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return item?.types.includes('text/html') ? (await item.getType('text/html')).text() : null;
    });
  } finally {
    await page.close();
  }
}
