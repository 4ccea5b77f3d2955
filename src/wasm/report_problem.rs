//! "Copy diagnostics" on the options page: the text of `crate::diagnostics::report`, built from
//! what this browser holds, on the clipboard for a bug report.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

use super::chrome;
use super::dom::{by_id, copy_to_clipboard, on, say, Tone};
use crate::diagnostics::{report, Setup};
use crate::locale::text;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = getManifest)]
    fn runtime_manifest() -> JsValue;
}

pub fn wire_diagnostics() {
    let status: Element = by_id("diagnostics-status");
    on(&by_id("copy-diagnostics"), "click", move |_| {
        let status = status.clone();
        spawn_local(async move {
            let copied = copy_to_clipboard(&diagnostics_text().await).await;
            match copied {
                Ok(()) => say(&status, &text("diagnosticsCopied"), Tone::Good),
                Err(_) => say(&status, &text("diagnosticsNotCopied"), Tone::Bad),
            }
        });
    });
}

async fn diagnostics_text() -> String {
    let settings = chrome::load_settings().await;
    let ids = chrome::load_ids().await;
    let incidents = chrome::load_incidents().await;

    let version = js_sys::Reflect::get(&runtime_manifest(), &"version".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "unknown".into());
    let browser = web_sys::window()
        .and_then(|window| window.navigator().user_agent().ok())
        .unwrap_or_else(|| "unknown".into());
    let host = settings
        .host()
        .map_or_else(|_| "(not a valid host)".to_owned(), |host| host.to_string());
    let credentials = match (settings.has_token(), settings.credentials().is_some()) {
        (true, true) => "access token, API key and secret",
        (true, false) => "access token",
        (false, true) => "API key and secret",
        (false, false) => "none",
    };
    let setup = Setup {
        version: &version,
        browser: &browser,
        host: &host,
        credentials,
        known_ids: ids.len(),
    };
    report(&setup, &incidents)
}
