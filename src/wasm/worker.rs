//! The service worker's side: every API call and the token stay here.

use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use super::chrome;
use super::fetch::FetchTransport;
use super::json::{from_js, to_js};
use super::shared::{shared, Question};
use crate::diagnostics::{incident, with_incident, Recording};
use crate::json::Json;
use crate::messages::{answer, Context, Sender};

/// Answers one `chrome.runtime` message. `sender` is the loader's label for who sent it,
/// `page_url` the URL the browser reports for a content script's page, and `cancel` aborts the
/// requests when the asker has gone (a popup closed).
#[wasm_bindgen]
pub async fn handle_message(
    message: JsValue,
    sender: String,
    page_url: Option<String>,
    cancel: Option<AbortSignal>,
) -> JsValue {
    let message = from_js(&message);
    let sender = Sender::from_parts(&sender, page_url);
    match question(&message, &sender) {
        Some(question) => shared(question, message, sender, cancel).await,
        None => answer_message(message, sender, cancel).await,
    }
}

/// What makes two messages the same question, for those worth sharing while one is answered:
/// the popups' list, and a report page's link (asked ahead on hover, then on the click). The
/// same link in another format is the same work worded otherwise: it waits for that work
/// and is then answered from what it left.
fn question(message: &Json, sender: &Sender) -> Option<Question> {
    match (sender, message["type"].as_str()?) {
        (Sender::ExtensionPage, "listOrchestrations") => Some(Question {
            work: "list".into(),
            wording: String::new(),
        }),
        (Sender::ContentScript { page_url }, "pageLink") => Some(Question {
            work: format!(
                "pageLink {page_url} {} {} {}",
                message["url"], message["link"], message["name"]
            ),
            wording: message["format"].to_string(),
        }),
        _ => None,
    }
}

/// Answers one message, reading and writing what the extension stores.
pub(super) async fn answer_message(
    message: Json,
    sender: Sender,
    cancel: Option<AbortSignal>,
) -> JsValue {
    let (mut settings, mut ids, mut remembered) = chrome::load_worker_state().await;
    let token_before = settings.token.clone();
    let known = ids.len();
    let remembered_before = remembered.clone();

    let host_permitted = match settings.host() {
        Ok(host) => chrome::has_origin(&host.origin_pattern()).await,
        // An invalid host is reported as such by `answer`; no permission question arises.
        Err(_) => true,
    };
    let timeout_ms = settings.request_timeout_ms();
    let cancelled = cancel.clone();
    let transport = Recording::new(FetchTransport { timeout_ms, cancel });
    let context = Context {
        settings: &mut settings,
        ids: &mut ids,
        remembered: &mut remembered,
        now_ms: js_sys::Date::now(),
        host_permitted,
        transport: &transport,
    };
    let reply = answer(&message, &sender, context).await;

    // A popup closed mid-request is no failure to report.
    let abandoned = cancelled.is_some_and(|signal| signal.aborted());
    let at = String::from(js_sys::Date::new_0().to_iso_string());
    let failure = incident(at, &message, &reply, transport.exchanges());
    if let Some(incident) = failure.filter(|_| !abandoned) {
        let incidents = with_incident(chrome::load_incidents().await, incident);
        let _ = chrome::save_incidents(&incidents).await;
    }

    // Mappings only ever grow; the whole map is written in one call, so a worker stopped
    // midway leaves either the old map or the new one, never half of it.
    if ids.len() != known {
        let _ = chrome::save_ids(&ids).await;
    }
    // The list is kept for the next popup to show at once, before its own request returns.
    if message["type"] == "listOrchestrations" && reply["ok"] == true {
        if let Ok(host) = settings.host() {
            let _ = chrome::save_list(host.as_str(), &reply["orchestrations"]).await;
        }
    }
    if remembered != remembered_before {
        let _ = chrome::save_remembered(&remembered).await;
    }
    // A freshly minted token is kept, so the next message does not mint again, without undoing
    // settings the options page saved while this message was answered.
    if settings.token != token_before {
        if let Some(kept) = chrome::load_settings().await.with_minted_token(&settings) {
            let _ = chrome::save_settings(&kept).await;
        }
    }
    to_js(&reply)
}
