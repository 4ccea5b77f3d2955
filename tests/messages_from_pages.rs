//! What the service worker answers a report page's content script, and what it refuses.

mod asking;
mod ours;
mod scripted;

use asking::{ask, ask_as, content_script, settings, LEGACY_PAGE};
use functionize_report_links::cache::Remembered;
use functionize_report_links::messages::{answer, Context, Sender};
use functionize_report_links::resolve::IdMap;
use functionize_report_links::settings::Settings;
use ours::{ours, theirs};
use pollster::block_on;
use scripted::{json, Scripted, HEX, TOKEN};
use serde_json::json;

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
        json!({ "ok": true, "report": true, "selector": "h1", "format": "plain" })
    );
    assert!(transport.requests().is_empty());
}

#[test]
fn a_content_script_learns_the_format_its_menu_starts_with() {
    let message = json!({ "type": "pageInfo", "url": LEGACY_PAGE });
    let chosen = settings().with_format("slack");
    let reply = ask_as(
        &content_script(LEGACY_PAGE),
        &chosen,
        &Scripted::default(),
        message,
    );
    assert_eq!(reply["format"], "slack");
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
    assert_eq!(
        reply,
        json!({ "ok": true, "url": LEGACY_PAGE, "text": LEGACY_PAGE, "html": null })
    );
    assert!(transport.requests().is_empty());
}

#[test]
fn a_page_link_comes_in_the_format_the_options_chose_named_after_the_page() {
    let transport = Scripted::default();
    let message = json!({
        "type": "pageLink", "url": LEGACY_PAGE, "name": "Checkout [EU]", "link": "report",
    });
    let page = content_script(LEGACY_PAGE);
    let mut chosen = settings().with_format("markdown");
    let reply = ask_as(&page, &chosen, &transport, message.clone());
    assert_eq!(reply["url"], LEGACY_PAGE);
    assert_eq!(
        reply["text"],
        format!(r"[Checkout \[EU\], run 9001]({LEGACY_PAGE})")
    );

    chosen = chosen.with_format("html");
    let reply = ask_as(&page, &chosen, &transport, message);
    assert_eq!(reply["text"], LEGACY_PAGE);
    assert_eq!(
        reply["html"],
        format!(r#"<a href="{LEGACY_PAGE}">Checkout [EU], run 9001</a>"#)
    );
}

#[test]
fn a_format_the_page_chose_wins_over_the_options_and_an_unknown_one_is_refused() {
    let transport = Scripted::default();
    let page = content_script(LEGACY_PAGE);
    let chosen = settings().with_format("markdown");
    let asked = |format: &str| {
        json!({
            "type": "pageLink", "url": LEGACY_PAGE, "name": "Checkout", "link": "report",
            "format": format,
        })
    };
    let reply = ask_as(&page, &chosen, &transport, asked("slack"));
    assert_eq!(reply["text"], format!("<{LEGACY_PAGE}|Checkout, run 9001>"));

    let reply = ask_as(&page, &chosen, &transport, asked("rtf"));
    assert_eq!(reply["error"]["name"], "NotAllowed");
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
    assert_eq!(
        reply,
        json!({ "ok": true, "url": link, "text": link, "html": null })
    );
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
        remembered: &mut Remembered::default(),
        now_ms: 0.0,
        host_permitted: false,
        transport: &transport,
    };
    let message = json!({ "type": "listOrchestrations" });
    let reply = theirs(&block_on(answer(
        &ours(&message),
        &Sender::ExtensionPage,
        context,
    )));
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
