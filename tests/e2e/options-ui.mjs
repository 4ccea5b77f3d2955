// Driving the options page the way a user does, through the ids the DOM contract names.
import { settledText } from './waiting.mjs';

const TESTING = 'Testing the connection…';

/**
 * Waits until the page's wasm has started: the buttons stay disabled until the saved settings
 * are read and the handlers are wired.
 */
export async function optionsReady(options) {
  await options.locator('#save:enabled').waitFor({ state: 'attached' });
  return options;
}

/** Types `token`, presses Save and returns the status it settles on ("Saved."). */
export async function saveToken(options, token) {
  await options.fill('#token', token);
  await options.click('#save');
  return settledText(options.locator('#status'));
}

/** Presses "Test connection" and returns the outcome the status settles on. */
export async function testConnection(options) {
  await options.click('#test');
  return settledText(options.locator('#status'), { pending: ['', 'Saved.', TESTING] });
}

export function connectedText(count) {
  return `Connected: ${count} orchestrations visible to this token.`;
}
