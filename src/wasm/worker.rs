//! The service worker's side: every API call and the token stay here.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::chrome;
use super::fetch::FetchTransport;
use crate::messages::{answer, Sender};

/// Answers one `chrome.runtime` message; `sender` is the loader's label for who sent it.
#[wasm_bindgen]
pub async fn handle_message(message: JsValue, sender: String) -> JsValue {
    let message: serde_json::Value = serde_wasm_bindgen::from_value(message).unwrap_or_default();
    let settings = chrome::load_settings().await;
    let reply = answer(
        &message,
        Sender::from_label(&sender),
        &settings,
        FetchTransport,
    )
    .await;
    to_js(&reply)
}

/// Plain JS objects (not `Map`s), so the reply survives structured cloning as the page expects.
pub(super) fn to_js(value: &impl Serialize) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}
