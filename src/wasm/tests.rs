//! Behaviours of the browser boundary that only a real browser can show.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::dom::{document, say, Tone};
use super::fetch::FetchTransport;
use super::json::{from_js, to_js};
use crate::api::transport::{HttpRequest, Method, Transport, TransportError};
use crate::json::Json;

wasm_bindgen_test_configure!(run_in_browser);

const FETCH: FetchTransport = FetchTransport {
    timeout_ms: 5_000,
    cancel: None,
};

fn get(url: &str) -> HttpRequest {
    HttpRequest {
        method: Method::Get,
        url: url.into(),
        headers: vec![("accesstoken".into(), "t".into())],
        form: None,
    }
}

#[wasm_bindgen_test]
fn a_hostile_orchestration_name_is_shown_as_text_not_markup() {
    let element = document().create_element("p").unwrap();
    let name = "<img src=x onerror=\"window.pwned=1\"> \u{202e}evil\u{202c} 🚀";
    say(&element, name, Tone::Bad);
    assert_eq!(element.children().length(), 0);
    assert_eq!(element.text_content().as_deref(), Some(name));
    assert!(element.class_list().contains("bad"));
}

#[wasm_bindgen_test]
fn text_crosses_both_ways_unchanged_and_a_lone_surrogate_does_not_lose_the_rest() {
    let name = "\"quoted\" \\ tab\t nul\u{0} \u{202e}rlo 🚀 ☃";
    let value = Json::object([("name", name.into()), ("n", 4711_u64.into())]);
    assert_eq!(from_js(&to_js(&value)), value);

    let from_page = js_sys::JSON::parse(r#"{"name":"a\ud800b","id":"x"}"#).unwrap();
    let read = from_js(&from_page);
    assert_eq!(read["name"].as_str(), Some("a\u{fffd}b"));
    assert_eq!(read["id"].as_str(), Some("x"));
}

#[wasm_bindgen_test]
fn replies_cross_to_pages_as_plain_objects() {
    let reply = Json::object([
        ("ok", true.into()),
        ("url", "https://app.functionize.com/x".into()),
    ]);
    let value = to_js(&reply);
    assert!(value.is_instance_of::<js_sys::Object>());
    assert!(!value.is_instance_of::<js_sys::Map>());
    let url = js_sys::Reflect::get(&value, &"url".into()).unwrap();
    assert_eq!(
        url.as_string().as_deref(),
        Some("https://app.functionize.com/x")
    );
}

#[wasm_bindgen_test]
async fn fetch_transport_reads_status_type_and_body() {
    let response = FETCH
        .send(get("data:application/json,%7B%22id%22%3A42%7D"))
        .await
        .unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.content_type.as_deref(), Some("application/json"));
    assert_eq!(response.body, r#"{"id":42}"#);
    assert!(!response.redirected);
}

#[wasm_bindgen_test]
async fn fetch_transport_reports_an_unreachable_url_as_a_network_failure() {
    let failed = FETCH.send(get("https://[bad")).await;
    assert!(matches!(failed, Err(TransportError::Network)));
}

#[wasm_bindgen_test]
async fn a_header_value_a_header_cannot_hold_fails_the_request_instead_of_throwing() {
    let mut request = get("data:application/json,%7B%7D");
    request.headers = vec![("accesstoken".into(), "токен".into())];
    let failed = FETCH.send(request).await;
    assert!(matches!(failed, Err(TransportError::Network)));
}
