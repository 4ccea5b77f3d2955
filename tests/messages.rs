//! What the service worker answers the extension's own pages, message by message.

mod asking;
mod ours;
mod scripted;

use asking::{ask, ask_as, settings};
use functionize_report_links::messages::Sender;
use functionize_report_links::settings::Settings;
use scripted::{json, Scripted, HEX, TOKEN};
use serde_json::{json, Value};

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
