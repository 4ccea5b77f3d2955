//! `chrome.i18n.getMessage`: the browser picks the language among the extension's `_locales`.

use js_sys::Array;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "i18n"], js_name = getMessage)]
    fn get_message(key: &str, substitutions: &Array) -> Result<String, JsValue>;
}

/// The message under `key` with `values` in place. Where there is no catalog (a page that
/// is not the extension's, such as the wasm tests) or no such key, the key itself, so a gap
/// shows as a name someone can look up rather than as nothing.
pub fn message(key: &str, values: &[&str]) -> String {
    let substitutions: Array = values
        .iter()
        .map(|value| JsValue::from_str(value))
        .collect();
    match get_message(key, &substitutions) {
        Ok(text) if !text.is_empty() => text,
        _ => key.to_owned(),
    }
}
