import init, { start_options } from './pkg/functionize_report_links.js';

init().then(start_options);
