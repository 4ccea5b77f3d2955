//! What the service worker answers the extension's pages, message by message.

mod scripted;

use functionize_report_links::messages::{answer, Context, Sender};
use functionize_report_links::resolve::IdMap;
use functionize_report_links::settings::Settings;
use pollster::block_on;
use scripted::{json, Scripted, HEX, TOKEN};
use serde_json::{json, Value};

fn settings() -> Settings {
    Settings {
        token: TOKEN.into(),
        host: "app.functionize.com".into(),
        ..Settings::default()
    }
}

fn ask_as(sender: &Sender, settings: &Settings, transport: &Scripted, message: Value) -> Value {
    let mut ids = IdMap::default();
    let mut settings = settings.clone();
    let context = Context {
        settings: &mut settings,
        ids: &mut ids,
        host_permitted: true,
        transport,
    };
    block_on(answer(&message, sender, context))
}

fn ask(transport: &Scripted, message: Value) -> Value {
    ask_as(&Sender::ExtensionPage, &settings(), transport, message)
}

#[test]
fn the_list_reaches_the_popup_with_camel_case_fields() {
    let transport = Scripted::answering(vec![json(
        200,
        &format!(
            r#"{{"STATUS":"SUCCESS","RESULTSET":[{{"deployment_id":"{HEX}","title":"Smoke","Status":"Passed","lastRunId":77}}]}}"#
        ),
    )]);
    let reply = ask(&transport, json!({ "type": "listOrchestrations" }));
    assert_eq!(
        reply,
        json!({ "ok": true, "orchestrations": [
            { "deploymentId": HEX, "name": "Smoke", "status": "Passed", "lastRunId": "77" }
        ]})
    );
}

#[test]
fn a_report_url_with_a_typed_run_id_asks_only_for_the_numeric_id() {
    let transport = Scripted::answering(vec![json(200, r#"{"id":"4711"}"#)]);
    let reply = ask(
        &transport,
        json!({ "type": "reportUrl", "deploymentId": HEX, "runId": " 9001 " }),
    );
    assert_eq!(
        reply,
        json!({ "ok": true, "runId": "9001",
                "url": "https://app.functionize.com/v1/orchestrations-report/4711/9001" })
    );
    let requests = transport.requests();
    assert_eq!(requests.len(), 1);
    assert!(requests[0]
        .url
        .contains(&format!("/orchestration/{HEX}/group")));
}

#[test]
fn a_report_url_without_a_run_id_takes_the_latest_run_from_status() {
    let transport = Scripted::answering(vec![
        json(200, r#"{"status":"Completed","run_id":"r-7f3a9c"}"#),
        json(200, r#"{"id":12}"#),
    ]);
    let reply = ask(
        &transport,
        json!({ "type": "reportUrl", "deploymentId": HEX }),
    );
    assert_eq!(
        reply["url"],
        "https://app.functionize.com/v1/orchestrations-report/12/r-7f3a9c"
    );
}

#[test]
fn a_report_url_with_no_run_anywhere_asks_the_user_for_one() {
    let transport = Scripted::answering(vec![json(200, r#"{"status":"Never run"}"#)]);
    let reply = ask(
        &transport,
        json!({ "type": "reportUrl", "deploymentId": HEX, "runId": null }),
    );
    assert_eq!(reply["ok"], false);
    assert_eq!(reply["error"]["name"], "RunIdNeeded");
    assert!(reply["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Type the run id"));
}

#[test]
fn a_share_link_is_the_details_value() {
    let link = "https://app.functionize.com/public/orchestration-report/abc";
    let transport = Scripted::answering(vec![json(200, &format!(r#"{{"Details":"{link}"}}"#))]);
    let reply = ask(
        &transport,
        json!({ "type": "shareLink", "deploymentId": HEX }),
    );
    assert_eq!(reply, json!({ "ok": true, "url": link }));
}

#[test]
fn testing_the_connection_counts_the_orchestrations() {
    let body = format!(r#"[{{"deployment_id":"{HEX}"}},{{"deployment_id":"{HEX}"}}]"#);
    let transport = Scripted::answering(vec![json(200, &body)]);
    let reply = ask(&transport, json!({ "type": "testConnection" }));
    assert_eq!(reply, json!({ "ok": true, "count": 2 }));
}

#[test]
fn without_a_token_nothing_is_sent_and_the_reply_says_so() {
    let transport = Scripted::default();
    let message = json!({ "type": "listOrchestrations" });
    let reply = ask_as(
        &Sender::ExtensionPage,
        &Settings::default(),
        &transport,
        message,
    );
    assert_eq!(reply["error"]["name"], "NoToken");
    assert!(transport.requests().is_empty());
}

#[test]
fn a_message_from_anything_but_the_extension_pages_is_refused_unsent() {
    let transport = Scripted::default();
    let message = json!({ "type": "listOrchestrations" });
    let reply = ask_as(&Sender::Other, &settings(), &transport, message);
    assert_eq!(reply["error"]["name"], "NotAllowed");
    assert!(transport.requests().is_empty());
}

#[test]
fn an_unknown_or_malformed_message_is_refused_unsent() {
    let transport = Scripted::default();
    for message in [
        json!({ "type": "exportToken" }),
        json!({ "type": "shareLink" }),
        json!("listOrchestrations"),
        Value::Null,
    ] {
        let reply = ask(&transport, message);
        assert_eq!(reply["error"]["name"], "NotAllowed");
    }
    assert!(transport.requests().is_empty());
}

#[test]
fn a_bad_deployment_id_is_refused_before_any_request() {
    let transport = Scripted::default();
    let reply = ask(
        &transport,
        json!({ "type": "shareLink", "deploymentId": "../../admin" }),
    );
    assert_eq!(reply["error"]["name"], "InvalidInput");
    assert!(transport.requests().is_empty());
}

#[test]
fn no_reply_ever_contains_the_token() {
    let transport = Scripted::answering(vec![json(
        200,
        &format!(r#"{{"STATUS":"FAILURE","MESSAGE":"bad token {TOKEN}"}}"#),
    )]);
    let reply = ask(&transport, json!({ "type": "listOrchestrations" }));
    assert_eq!(reply["ok"], false);
    assert!(!reply.to_string().contains(TOKEN), "{reply}");
}

const LEGACY_PAGE: &str = "https://app.functionize.com/v1/orchestrations-report/4711/9001";

fn content_script(page_url: &str) -> Sender {
    Sender::ContentScript {
        page_url: page_url.into(),
    }
}

#[test]
fn a_content_script_learns_where_the_button_goes_without_any_request() {
    let transport = Scripted::default();
    let message = json!({ "type": "pageInfo", "url": LEGACY_PAGE });
    let reply = ask_as(
        &content_script(LEGACY_PAGE),
        &Settings::default(),
        &transport,
        message,
    );
    assert_eq!(
        reply,
        json!({ "ok": true, "report": true, "selector": "h1" })
    );
    assert!(transport.requests().is_empty());
}

#[test]
fn a_page_that_is_not_a_report_gets_no_button() {
    let page = "https://app.functionize.com/v1/dashboard";
    let transport = Scripted::default();
    let message = json!({ "type": "pageInfo", "url": page });
    let reply = ask_as(&content_script(page), &settings(), &transport, message);
    assert_eq!(reply, json!({ "ok": true, "report": false }));
}

#[test]
fn a_content_script_on_another_host_is_refused() {
    let page = "https://evil.example/v1/orchestrations-report/4711/9001";
    let transport = Scripted::default();
    for message in [
        json!({ "type": "pageInfo", "url": page }),
        json!({ "type": "pageLink", "url": page, "link": "share" }),
        json!({ "type": "pageLink", "url": LEGACY_PAGE, "link": "share" }),
    ] {
        let reply = ask_as(&content_script(page), &settings(), &transport, message);
        assert_eq!(reply["error"]["name"], "NotAllowed");
    }
    assert!(transport.requests().is_empty());
}

#[test]
fn a_content_script_may_not_ask_what_only_the_popup_may() {
    let transport = Scripted::default();
    for message in [
        json!({ "type": "listOrchestrations" }),
        json!({ "type": "testConnection" }),
        json!({ "type": "shareLink", "deploymentId": HEX }),
        json!({ "type": "pageSelection", "url": LEGACY_PAGE }),
    ] {
        let reply = ask_as(
            &content_script(LEGACY_PAGE),
            &settings(),
            &transport,
            message,
        );
        assert_eq!(reply["error"]["name"], "NotAllowed");
    }
    assert!(transport.requests().is_empty());
}

#[test]
fn a_legacy_page_report_url_needs_no_request() {
    let transport = Scripted::default();
    let message = json!({ "type": "pageLink", "url": LEGACY_PAGE, "link": "report" });
    let reply = ask_as(
        &content_script(LEGACY_PAGE),
        &settings(),
        &transport,
        message,
    );
    assert_eq!(reply, json!({ "ok": true, "url": LEGACY_PAGE }));
    assert!(transport.requests().is_empty());
}

#[test]
fn a_page_share_link_resolves_the_named_orchestration_in_three_requests() {
    let link = "https://app.functionize.com/public/orchestration-report/abc";
    let other = "ffffffffffffffffffffffffffffffff";
    let list = format!(
        r#"[{{"deployment_id":"{other}","name":"Other"}},{{"deployment_id":"{HEX}","name":"Checkout"}}]"#
    );
    let transport = Scripted::answering(vec![
        json(200, &list),
        json(200, r#"{"id":4711}"#),
        json(200, &format!(r#"{{"Details":"{link}"}}"#)),
    ]);
    let message =
        json!({ "type": "pageLink", "url": LEGACY_PAGE, "name": " Checkout ", "link": "share" });
    let reply = ask_as(
        &content_script(LEGACY_PAGE),
        &settings(),
        &transport,
        message,
    );
    assert_eq!(reply, json!({ "ok": true, "url": link }));
    let requests = transport.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests[1]
        .url
        .contains(&format!("/orchestration/{HEX}/group")));
}

#[test]
fn the_popup_learns_which_orchestration_and_run_the_tab_shows() {
    let studio = format!("https://app.functionize.com/app/orchestrations/{HEX}/runs/r-1");
    let transport = Scripted::default();
    let message = json!({ "type": "pageSelection", "url": studio });
    let reply = ask(&transport, message);
    assert_eq!(
        reply,
        json!({ "ok": true, "deploymentId": HEX, "runId": "r-1" })
    );
    assert!(transport.requests().is_empty());
}

#[test]
fn a_host_without_permission_is_named_as_such_and_nothing_is_sent() {
    let transport = Scripted::default();
    let mut ids = IdMap::default();
    let mut settings = Settings {
        host: "studio.functionize.com".into(),
        ..settings()
    };
    let context = Context {
        settings: &mut settings,
        ids: &mut ids,
        host_permitted: false,
        transport: &transport,
    };
    let message = json!({ "type": "listOrchestrations" });
    let reply = block_on(answer(&message, &Sender::ExtensionPage, context));
    assert_eq!(reply["error"]["name"], "HostNotPermitted");
    let text = reply["error"]["message"].as_str().unwrap();
    assert!(
        text.contains("no permission to reach studio.functionize.com"),
        "{text}"
    );
    assert!(transport.requests().is_empty());
}

/// Everything a Functionize page could make its content script send, in every request shape:
/// no answer carries the token, whatever the API says back.
#[test]
fn no_message_a_report_page_can_send_obtains_the_token() {
    let echo = format!(r#"{{"STATUS":"FAILURE","MESSAGE":"token {TOKEN}","Details":"{TOKEN}"}}"#);
    let messages = [
        json!({ "type": "pageInfo", "url": LEGACY_PAGE }),
        json!({ "type": "pageLink", "url": LEGACY_PAGE, "link": "share", "name": TOKEN }),
        json!({ "type": "pageLink", "url": LEGACY_PAGE, "link": "report" }),
        json!({ "type": "pageSelection", "url": LEGACY_PAGE }),
        json!({ "type": "listOrchestrations" }),
        json!({ "type": "testConnection" }),
        json!({ "type": "shareLink", "deploymentId": HEX }),
        json!({ "type": "reportUrl", "deploymentId": HEX, "runId": "1" }),
        json!({ "type": "settings" }),
        json!({ "type": "getSettings" }),
        json!({}),
    ];
    for message in messages {
        let transport = Scripted::answering(vec![json(200, &echo); 12]);
        let reply = ask_as(
            &content_script(LEGACY_PAGE),
            &settings(),
            &transport,
            message,
        );
        assert!(!reply.to_string().contains(TOKEN), "{reply}");
    }
}

fn with_key(token: &str) -> Settings {
    Settings {
        token: token.into(),
        api_key: "key-1".into(),
        secret: "secret-1".into(),
        ..settings()
    }
}

fn ask_keeping(settings: &mut Settings, transport: &Scripted, message: Value) -> Value {
    let mut ids = IdMap::default();
    let context = Context {
        settings,
        ids: &mut ids,
        host_permitted: true,
        transport,
    };
    block_on(answer(&message, &Sender::ExtensionPage, context))
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
