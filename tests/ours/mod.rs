//! The tests write JSON with serde_json's `json!`; the extension reads and writes its own
//! `Json`. These cross between the two through JSON text, as the browser does.
#![allow(dead_code)]

use functionize_report_links::json::Json;

/// `value` as the extension's `Json`.
pub fn ours(value: &serde_json::Value) -> Json {
    Json::parse(&value.to_string()).expect("serde_json writes valid JSON")
}

/// The extension's `value` as serde_json's, to compare with `json!`.
pub fn theirs(value: &Json) -> serde_json::Value {
    serde_json::from_str(&value.to_string()).expect("Json writes valid JSON")
}
