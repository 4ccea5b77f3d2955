import init, { start_popup } from './pkg/functionize_report_links.js';

// While this port is open the worker knows the popup is showing; closing the popup closes the
// port, and the worker abandons the requests it was making for it. A worker that stopped is
// woken again, so the popup stays known for as long as it is open.
function holdPort() {
  chrome.runtime.connect({ name: 'popup' }).onDisconnect.addListener(holdPort);
}
holdPort();

init().then(start_popup);
