import init, { start_popup } from './pkg/functionize_report_links.js';

// While this port is open the worker knows the popup is showing; closing the popup closes the
// port, and the worker abandons the requests it was making for it. The port's name carries an
// id the popup's messages repeat, so the worker knows which requests are this popup's. A worker
// that stopped closes the port too: the popup connects again a moment later.
const asker = crypto.randomUUID();
const RECONNECT_MS = 250;

function holdPort() {
  try {
    const port = chrome.runtime.connect({ name: `popup:${asker}` });
    port.onDisconnect.addListener(() => setTimeout(holdPort, RECONNECT_MS));
  } catch {
    // The extension was reloaded under this popup; there is no worker to tell any more.
  }
}
holdPort();

init().then(() => start_popup(asker));
