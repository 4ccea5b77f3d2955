//! Answers with an API key and secret saved: tokens minted when needed, and an expired one
//! replaced once, silently.

mod asking;
mod ours;
mod scripted;

use asking::{ask, ask_keeping, settings};
use functionize_report_links::settings::Settings;
use scripted::{json, Scripted};
use serde_json::json;

fn with_key(token: &str) -> Settings {
    Settings {
        token: token.into(),
        api_key: "key-1".into(),
        secret: "secret-1".into(),
        ..settings()
    }
}

const ONE: &str = r#"[{"deployment_id":"0123456789abcdef0123456789abcdef"}]"#;

#[test]
fn with_a_key_and_secret_and_no_token_a_token_is_minted_first_and_kept() {
    let transport = Scripted::answering(vec![
        json(200, r#"[{"access_token":"minted-1"}]"#),
        json(200, ONE),
    ]);
    let mut settings = with_key("");
    let reply = ask_keeping(
        &mut settings,
        &transport,
        json!({ "type": "testConnection" }),
    );
    assert_eq!(reply, json!({ "ok": true, "count": 1 }));
    assert_eq!(settings.token, "minted-1");
    let requests = transport.requests();
    assert!(requests[0].url.contains("/generateToken"));
    assert_eq!(requests[1].header("accesstoken"), Some("minted-1"));
}

#[test]
fn an_expired_token_is_replaced_once_silently_when_a_key_and_secret_are_saved() {
    let transport = Scripted::answering(vec![
        json(401, "{}"),
        json(200, r#"[{"access_token":"minted-2"}]"#),
        json(200, ONE),
    ]);
    let mut settings = with_key("expired");
    let reply = ask_keeping(
        &mut settings,
        &transport,
        json!({ "type": "testConnection" }),
    );
    assert_eq!(reply, json!({ "ok": true, "count": 1 }));
    assert_eq!(settings.token, "minted-2");
    assert_eq!(transport.requests().len(), 3);
}

#[test]
fn a_token_rejected_again_after_minting_is_reported_without_a_loop() {
    let transport = Scripted::answering(vec![
        json(401, "{}"),
        json(200, r#"[{"access_token":"minted-3"}]"#),
        json(401, "{}"),
    ]);
    let mut settings = with_key("expired");
    let reply = ask_keeping(
        &mut settings,
        &transport,
        json!({ "type": "testConnection" }),
    );
    assert_eq!(reply["error"]["name"], "TokenRejected");
    assert_eq!(transport.requests().len(), 3);
}

#[test]
fn without_a_key_an_expired_token_is_reported_as_rejected() {
    let transport = Scripted::answering(vec![json(401, "{}")]);
    let reply = ask(&transport, json!({ "type": "testConnection" }));
    assert_eq!(reply["error"]["name"], "TokenRejected");
    assert_eq!(transport.requests().len(), 1);
}
