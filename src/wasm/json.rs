//! JavaScript values to Rust and back, through JSON text. serde_json is in the module anyway;
//! a second serde backend for JavaScript values would cost several kilobytes of shipped wasm.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::JsValue;

/// `value` as a plain JavaScript value (objects, arrays, strings, numbers), or `null`.
pub fn to_js(value: &impl Serialize) -> JsValue {
    serde_json::to_value(value)
        .ok()
        .and_then(|value| js_sys::JSON::parse(&value.to_string()).ok())
        .unwrap_or(JsValue::NULL)
}

/// A JavaScript value read as `T`; `None` when it is undefined or does not have `T`'s shape.
pub fn from_js<T: DeserializeOwned>(value: &JsValue) -> Option<T> {
    let text = js_sys::JSON::stringify(value).ok()?.as_string()?;
    let value: Value = serde_json::from_str(&text).ok()?;
    serde_json::from_value(value).ok()
}
