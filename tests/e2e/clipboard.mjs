// Reads the system clipboard back the way a user would paste it: from an https page.
import { FUNCTIONIZE_ORIGIN } from './browser.mjs';

/** Runs `inPage(arg)` in a fresh page of the (fake) Functionize origin, which may use the
 * clipboard, and closes the page after. */
async function onClipboardPage(context, inPage, arg) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: FUNCTIONIZE_ORIGIN,
  });
  const page = await context.newPage();
  try {
    await page.goto(`${FUNCTIONIZE_ORIGIN}/`);
    return await page.evaluate(inPage, arg);
  } finally {
    await page.close();
  }
}

/** The clipboard's text. */
export function readClipboard(context) {
  return onClipboardPage(context, () => navigator.clipboard.readText());
}

/** The clipboard's HTML part, or null when it holds only text. */
export function readClipboardHtml(context) {
  return onClipboardPage(context, async () => {
    const [item] = await navigator.clipboard.read();
    return item?.types.includes('text/html') ? (await item.getType('text/html')).text() : null;
  });
}

/** Puts `text` on the clipboard, so a test can tell a fresh copy from an earlier one. */
export function writeClipboard(context, text) {
  return onClipboardPage(context, (value) => navigator.clipboard.writeText(value), text);
}
