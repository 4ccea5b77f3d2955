//! The wasm boundary: what the service worker, the popup and the options page call. Each entry
//! point reads the browser's state, hands it to the plain modules, and writes the result back.

mod ask;
mod chrome;
mod dom;
mod fetch;
pub mod i18n;
mod json;
mod options;
mod popup;
mod popup_copy;
mod report_problem;
mod shared;
mod worker;

#[cfg(test)]
mod tests;
