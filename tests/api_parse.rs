//! Reading Functionize's single-value answers (numeric id, share link, latest run, token) and
//! the failures every answer can carry: envelopes saying FAILURE, login pages, broken JSON.

use functionize_report_links::api::parse::{
    parse_group, parse_latest_run, parse_orchestrations, parse_share_link, parse_token,
};
use functionize_report_links::Error;

const HEX: &str = "0123456789abcdef0123456789abcdef";

fn unexpected(missing: &str) -> Error {
    Error::Unexpected {
        missing: missing.into(),
    }
}

fn wrapped(resultset: &str) -> String {
    format!(r#"{{"STATUS":"SUCCESS","RESULTSET":{resultset}}}"#)
}

#[test]
fn group_id_is_read_as_a_number_or_a_string() {
    assert_eq!(parse_group(r#"{"id":4242}"#).unwrap().get(), 4242);
    assert_eq!(parse_group(r#"{"id":"4242"}"#).unwrap().get(), 4242);
}

#[test]
fn group_id_is_read_from_wrapped_and_array_answers() {
    assert_eq!(parse_group(&wrapped(r#"{"id":5}"#)).unwrap().get(), 5);
    assert_eq!(parse_group(&wrapped(r#"[{"id":"6"}]"#)).unwrap().get(), 6);
    assert_eq!(parse_group(r#"[{"id":7,"name":"g"}]"#).unwrap().get(), 7);
}

#[test]
fn group_without_a_usable_id_names_the_id_field() {
    for body in [
        r#"{"name":"g"}"#,
        r#"{"id":null}"#,
        r#"{"id":-4}"#,
        r#"{"id":"4.5"}"#,
        "[]",
        "3",
    ] {
        assert_eq!(parse_group(body).unwrap_err(), unexpected("id"), "{body}");
    }
}

#[test]
fn share_link_is_the_raw_details_value() {
    let body = r#"{"Details":"https://app.functionize.com/r/1"}"#;
    assert_eq!(
        parse_share_link(body).unwrap(),
        "https://app.functionize.com/r/1"
    );
    let body = wrapped(r#"{"Details":"https://app.functionize.com/r/2"}"#);
    assert_eq!(
        parse_share_link(&body).unwrap(),
        "https://app.functionize.com/r/2"
    );
}

#[test]
fn share_link_beside_the_status_field_is_found() {
    let body = r#"{"STATUS":"SUCCESS","Details":"https://app.functionize.com/r/3"}"#;
    assert_eq!(
        parse_share_link(body).unwrap(),
        "https://app.functionize.com/r/3"
    );
}

#[test]
fn null_details_is_an_empty_link_for_the_link_check_to_refuse() {
    assert_eq!(parse_share_link(r#"{"Details":null}"#).unwrap(), "");
}

#[test]
fn missing_details_names_the_details_field() {
    for body in [r#"{"Link":"https://x"}"#, r#"{"Details":42}"#, "[]"] {
        assert_eq!(
            parse_share_link(body).unwrap_err(),
            unexpected("Details"),
            "{body}"
        );
    }
    let message = parse_share_link("{}").unwrap_err().message();
    assert!(message.contains("no `Details` field"), "{message}");
}

#[test]
fn latest_run_is_read_from_any_known_key() {
    for body in [
        r#"{"run_id":"r1"}"#,
        r#"{"runId":"r1"}"#,
        r#"{"runid":"r1"}"#,
        r#"{"lastRunId":"r1"}"#,
    ] {
        assert_eq!(
            parse_latest_run(body).unwrap().unwrap().as_str(),
            "r1",
            "{body}"
        );
    }
}

#[test]
fn latest_run_is_read_as_a_number_and_from_nested_answers() {
    assert_eq!(
        parse_latest_run(r#"{"run_id":77}"#)
            .unwrap()
            .unwrap()
            .as_str(),
        "77"
    );
    let nested = wrapped(r#"{"status":"Passed","lastRun":{"detail":{"runId":"deep"}}}"#);
    assert_eq!(parse_latest_run(&nested).unwrap().unwrap().as_str(), "deep");
    let listed = r#"[{"runId":"first"},{"runId":"second"}]"#;
    assert_eq!(parse_latest_run(listed).unwrap().unwrap().as_str(), "first");
}

#[test]
fn latest_run_prefers_the_outermost_id() {
    let body = r#"{"steps":{"run_id":"inner"},"run_id":"outer"}"#;
    assert_eq!(parse_latest_run(body).unwrap().unwrap().as_str(), "outer");
}

#[test]
fn latest_run_is_none_before_the_first_run() {
    assert_eq!(
        parse_latest_run(r#"{"status":"Failed","passed":0}"#).unwrap(),
        None
    );
    assert_eq!(parse_latest_run(r#"{"run_id":null}"#).unwrap(), None);
    assert_eq!(parse_latest_run(r#"{"run_id":""}"#).unwrap(), None);
}

#[test]
fn a_bare_run_status_of_failed_is_not_mistaken_for_an_envelope() {
    let body = r#"{"status":"FAILURE","run_id":"r9","failed":2}"#;
    assert_eq!(parse_latest_run(body).unwrap().unwrap().as_str(), "r9");
}

#[test]
fn token_is_the_first_access_token_of_the_array() {
    let body = r#"[{"access_token":"tok-1","expires_in":3600},{"access_token":"tok-2"}]"#;
    assert_eq!(parse_token(body).unwrap(), "tok-1");
    assert_eq!(parse_token(r#"{"access_token":"tok-3"}"#).unwrap(), "tok-3");
}

#[test]
fn token_answer_without_access_token_names_the_field() {
    for body in ["[]", r#"[{"access_token":""}]"#, r#"[{"token":"x"}]"#] {
        assert_eq!(
            parse_token(body).unwrap_err(),
            unexpected("access_token"),
            "{body}"
        );
    }
}

#[test]
fn status_failure_envelope_is_unexpected_and_quotes_the_message() {
    let body = r#"{"STATUS":"FAILURE","MESSAGE":"Orchestration\nnot found"}"#;
    for error in [
        parse_orchestrations(body).unwrap_err(),
        parse_group(body).unwrap_err(),
        parse_share_link(body).unwrap_err(),
        parse_latest_run(body).unwrap_err(),
        parse_token(body).unwrap_err(),
    ] {
        assert_eq!(
            error,
            unexpected(r#"RESULTSET, only STATUS FAILURE: "Orchestration not found""#)
        );
    }
}

#[test]
fn status_failure_with_a_message_in_the_resultset_or_none_at_all_is_unexpected() {
    let body = r#"{"STATUS":"failure","RESULTSET":"Invalid id"}"#;
    let message = parse_group(body).unwrap_err().message();
    assert!(
        message.contains(r#"STATUS FAILURE: "Invalid id""#),
        "{message}"
    );
    let body = r#"{"STATUS":"ERROR"}"#;
    assert_eq!(
        parse_group(body).unwrap_err(),
        unexpected("RESULTSET, only STATUS ERROR")
    );
}

#[test]
fn long_failure_messages_are_shortened() {
    let body = format!(r#"{{"STATUS":"FAILURE","message":"{}"}}"#, "x".repeat(500));
    let Error::Unexpected { missing } = parse_group(&body).unwrap_err() else {
        panic!("expected Unexpected");
    };
    assert!(missing.chars().count() < 200, "{missing}");
}

#[test]
fn html_login_page_means_the_token_was_rejected() {
    let page = "\n<!DOCTYPE html><html><body><form action=\"/login\"></form></body></html>";
    assert_eq!(
        parse_orchestrations(page).unwrap_err(),
        Error::TokenRejected
    );
    assert_eq!(parse_group(page).unwrap_err(), Error::TokenRejected);
    assert_eq!(parse_share_link(page).unwrap_err(), Error::TokenRejected);
    assert_eq!(parse_latest_run(page).unwrap_err(), Error::TokenRejected);
}

#[test]
fn truncated_json_is_unexpected() {
    let truncated = format!(r#"{{"STATUS":"SUCCESS","RESULTSET":[{{"deployment_id":"{HEX}","#);
    let error = parse_orchestrations(&truncated).unwrap_err();
    assert_eq!(error, unexpected("complete JSON body"));
    assert!(error.message().contains("no complete JSON body"));
    assert_eq!(
        parse_group(r#"{"id":12"#).unwrap_err(),
        unexpected("complete JSON body")
    );
}

#[test]
fn plain_text_and_empty_bodies_are_unexpected() {
    assert_eq!(
        parse_group("Service Unavailable").unwrap_err(),
        unexpected("complete JSON body")
    );
    assert_eq!(parse_group("  ").unwrap_err(), unexpected("answer body"));
}

#[test]
fn a_byte_order_mark_before_the_json_is_ignored() {
    assert_eq!(parse_group("\u{feff}{\"id\":3}").unwrap().get(), 3);
}

#[test]
fn a_nested_run_id_is_found_by_field_name_order_and_last_value() {
    for body in [
        r#"{"runs":{"run_id":"r-runs"},"latest":{"run_id":"r-latest"}}"#,
        r#"{"latest":{"run_id":"r-latest"},"runs":{"run_id":"r-runs"}}"#,
    ] {
        let run = parse_latest_run(body).unwrap().unwrap();
        assert_eq!(run.as_str(), "r-latest", "{body}");
    }
    let overridden = r#"{"detail":{"run_id":"stale"},"detail":{"state":"none"}}"#;
    assert_eq!(parse_latest_run(overridden).unwrap(), None);
}
