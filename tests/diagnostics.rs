//! "Copy diagnostics": what the report says of failed calls, and that it carries no token,
//! secret, id or orchestration name.

mod asking;
mod ours;
mod scripted;

use functionize_report_links::diagnostics::{
    self, endpoint_of, report, shape_of, with_incident, Exchange, Incident, Recording, Setup,
    KEPT_INCIDENTS,
};
use functionize_report_links::messages::Sender;
use functionize_report_links::settings::Settings;
use serde_json::{json, Value};

use asking::{answer_as, settings};
use ours::ours;
use scripted::{json, Scripted, HEX, TOKEN};

const NAME: &str = "Checkout — guest & member (EU)";

fn setup() -> Setup<'static> {
    Setup {
        version: "0.1.0",
        browser: "Chromium 140",
        host: "app.functionize.com",
        credentials: "access token",
        known_ids: 3,
    }
}

/// The incident of `reply` to `request`, as the worker records it.
fn incident(
    at: String,
    request: &Value,
    reply: &Value,
    exchanges: Vec<Exchange>,
) -> Option<Incident> {
    diagnostics::incident(at, &ours(request), &ours(reply), exchanges)
}

/// Answers `message` over a recording transport and returns the reply and its incident.
fn failed(settings: &mut Settings, answers: Scripted, message: Value) -> (Value, Option<Incident>) {
    let recording = Recording::new(answers);
    let reply = answer_as(&Sender::ExtensionPage, settings, &recording, &message);
    let at = "2026-12-04T18:00:00.000Z".to_owned();
    let incident = incident(at, &message, &reply, recording.exchanges());
    (reply, incident)
}

#[test]
fn endpoints_keep_their_shape_and_lose_their_ids() {
    let base = "https://app.functionize.com/api/v4";
    let cases = [
        (
            format!("{base}/orchestration?response_type=json"),
            "orchestration",
        ),
        (
            format!("{base}/orchestration/{HEX}/csvreport?response_type=json"),
            "orchestration/{id}/csvreport",
        ),
        (
            format!("{base}/orchestration/4711/group"),
            "orchestration/{id}/group",
        ),
        (
            format!("{base}/generateToken?response_type=json"),
            "generateToken",
        ),
        (
            "https://app.functionize.com/login".to_owned(),
            "(not an API path)",
        ),
    ];
    for (url, endpoint) in cases {
        assert_eq!(endpoint_of(&url), endpoint, "{url}");
    }
}

#[test]
fn shapes_are_described_by_kind_and_known_field_names() {
    let cases = [
        (None, "", "empty"),
        (
            Some("text/html"),
            "<!doctype html><title>Sign in</title>",
            "HTML page",
        ),
        (
            None,
            r#"{"STATUS":"FAILURE","MESSAGE":"no such thing"}"#,
            "JSON object {MESSAGE, STATUS} STATUS FAILURE",
        ),
        (None, r#"[{"id":1},{"id":2}]"#, "JSON array of 2"),
        (
            None,
            r#"{"STATUS":"SUCCESS","RESULTSET":[{"id""#,
            "incomplete JSON (38 bytes)",
        ),
        (None, "Service Unavailable", "text (19 bytes)"),
        (
            Some("text/html"),
            r#"{"Details":"x"}"#,
            "JSON object {Details} labelled HTML",
        ),
    ];
    for (content_type, body, shape) in cases {
        assert_eq!(shape_of(content_type, body), shape, "{body}");
    }
}

#[test]
fn unknown_keys_are_counted_never_named() {
    let body = format!(r#"{{"{NAME}":{{"id":1}},"Nightly":2,"status":"ok"}}"#);
    let shape = shape_of(None, &body);
    assert_eq!(shape, "JSON object {status, 2 other}");
}

#[test]
fn a_failed_answer_records_every_call_behind_it() {
    let answers = Scripted::answering(vec![json(503, "{}"), json(503, "{}"), json(503, "{}")]);
    let (reply, incident) = failed(
        &mut settings(),
        answers,
        json!({ "type": "listOrchestrations" }),
    );
    assert_eq!(reply["error"]["name"], "NotAnswering");
    let incident = incident.expect("a failure is recorded");
    assert_eq!(incident.request, "listOrchestrations");
    assert_eq!(incident.error, "NotAnswering");
    let outcomes: Vec<_> = incident
        .exchanges
        .iter()
        .map(|e| e.outcome.as_str())
        .collect();
    assert_eq!(outcomes, ["503", "503", "503"]);
    assert!(incident
        .exchanges
        .iter()
        .all(|e| e.endpoint == "orchestration"));
}

#[test]
fn a_successful_answer_and_a_refused_sender_record_nothing() {
    let answers = Scripted::answering(vec![json(200, "[]")]);
    let (_, incident) = failed(
        &mut settings(),
        answers,
        json!({ "type": "listOrchestrations" }),
    );
    assert_eq!(incident, None);

    let refused = json!({ "ok": false, "error": { "name": "NotAllowed", "message": "…" } });
    assert_eq!(incident_of_reply(&refused), None);
}

#[test]
fn the_popups_silent_guess_at_the_page_in_front_records_nothing() {
    let not_a_report = json!({ "ok": false, "error": { "name": "InvalidInput", "message": "…" } });
    let guess =
        json!({ "type": "pageSelection", "url": "https://app.functionize.com/v1/dashboard" });
    assert_eq!(
        incident(String::new(), &guess, &not_a_report, Vec::new()),
        None
    );
}

fn incident_of_reply(reply: &Value) -> Option<Incident> {
    incident(String::new(), &json!({ "type": "x" }), reply, Vec::new())
}

#[test]
fn the_report_carries_no_token_secret_id_or_name() {
    let echo =
        format!(r#"{{"STATUS":"FAILURE","MESSAGE":"token {TOKEN} cannot read {NAME} ({HEX})"}}"#);
    let answers = Scripted::answering(vec![
        json(401, &echo),
        json(200, r#"[{"access_token":"minted-token-value"}]"#),
        json(200, &echo),
    ]);
    let mut with_key = Settings {
        api_key: "key-visible-nowhere".into(),
        secret: "secret-visible-nowhere".into(),
        ..settings()
    };
    let message = json!({ "type": "shareLink", "deploymentId": HEX });
    let (_, incident) = failed(&mut with_key, answers, message);
    let text = report(&setup(), &[incident.expect("a failure is recorded")]);

    for secret in [
        TOKEN,
        "minted-token-value",
        "key-visible-nowhere",
        "secret-visible-nowhere",
    ] {
        assert!(!text.contains(secret), "{secret} in:\n{text}");
    }
    assert!(!text.contains(NAME) && !text.contains(HEX), "{text}");
    assert!(
        text.contains("GET orchestration/{id}/csvreport -> 401"),
        "{text}"
    );
    assert!(
        text.contains("POST generateToken -> 200, JSON array of 1"),
        "{text}"
    );
}

#[test]
fn the_report_names_the_setup_and_the_newest_error_first() {
    let older = incident_named("2026-12-04T10:00:00Z", "NotFound");
    let newer = incident_named("2026-12-04T11:00:00Z", "RateLimited");
    let text = report(&setup(), &[older, newer]);
    for fact in [
        "Extension version: 0.1.0",
        "Browser: Chromium 140",
        "Host: app.functionize.com",
    ] {
        assert!(text.contains(fact), "{fact} missing from:\n{text}");
    }
    let newer_at = text.find("RateLimited").unwrap();
    let older_at = text.find("NotFound").unwrap();
    assert!(newer_at < older_at, "{text}");
}

#[test]
fn without_incidents_the_report_says_so() {
    assert!(report(&setup(), &[]).contains("Recent errors: none"));
}

#[test]
fn only_the_latest_incidents_are_kept() {
    let mut kept = Vec::new();
    for n in 0..KEPT_INCIDENTS + 5 {
        kept = with_incident(kept, incident_named(&n.to_string(), "NotAnswering"));
    }
    assert_eq!(kept.len(), KEPT_INCIDENTS);
    assert_eq!(kept[0].at, "5");
    assert_eq!(kept.last().unwrap().at, (KEPT_INCIDENTS + 4).to_string());
}

#[test]
fn a_made_up_message_kind_is_not_repeated() {
    let reply = json!({ "ok": false, "error": { "name": "Unexpected", "message": "…" } });
    let made_up = json!({ "type": "<script>alert(1)</script>" });
    let incident = incident(String::new(), &made_up, &reply, Vec::new()).unwrap();
    assert_eq!(incident.request, "unknown");
}

fn incident_named(at: &str, error: &str) -> Incident {
    let reply = json!({ "ok": false, "error": { "name": error, "message": "…" } });
    incident(
        at.into(),
        &json!({ "type": "shareLink" }),
        &reply,
        Vec::new(),
    )
    .unwrap()
}
