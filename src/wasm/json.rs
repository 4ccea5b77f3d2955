//! JavaScript values to JSON and back, through JSON text: the browser's own `JSON` reads and
//! writes it on one side, `crate::json` on the other.

use wasm_bindgen::JsValue;

use crate::json::Json;

/// `value` as a plain JavaScript value (objects, arrays, strings, numbers), or `null`.
pub fn to_js(value: &Json) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap_or(JsValue::NULL)
}

/// A JavaScript value as JSON; `null` when it is undefined or cannot be written as JSON.
pub fn from_js(value: &JsValue) -> Json {
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string());
    text.and_then(|text| Json::parse(&text)).unwrap_or_default()
}
