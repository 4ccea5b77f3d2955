import init, { start_popup } from './pkg/functionize_report_links.js';

init().then(start_popup);
