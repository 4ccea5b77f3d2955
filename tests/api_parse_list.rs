//! Reading the orchestration list in every shape Functionize is known or suspected to use.

use functionize_report_links::api::parse::parse_orchestrations;
use functionize_report_links::Error;

const HEX: &str = "0123456789abcdef0123456789abcdef";
const HEX2: &str = "fedcba9876543210fedcba9876543210";

fn wrapped(resultset: &str) -> String {
    format!(r#"{{"STATUS":"SUCCESS","RESULTSET":{resultset}}}"#)
}

#[test]
fn orchestration_list_is_read_from_a_bare_array() {
    let body = format!(
        r#"[{{"deployment_id":"{HEX}","name":"Checkout","Status":"Passed","lastRunId":981}}]"#
    );
    let list = parse_orchestrations(&body).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].deployment_id.as_str(), HEX);
    assert_eq!(list[0].name, "Checkout");
    assert_eq!(list[0].status.as_deref(), Some("Passed"));
    assert_eq!(list[0].last_run_id.as_ref().unwrap().as_str(), "981");
}

#[test]
fn orchestration_list_is_read_from_a_wrapped_resultset() {
    let body = wrapped(&format!(r#"[{{"deployment_id":"{HEX}","name":"A"}}]"#));
    assert_eq!(parse_orchestrations(&body).unwrap()[0].name, "A");
}

#[test]
fn orchestration_list_is_read_from_lower_case_envelope_keys() {
    let body = format!(r#"{{"status":"success","resultset":[{{"deployment_id":"{HEX}"}}]}}"#);
    assert_eq!(parse_orchestrations(&body).unwrap().len(), 1);
}

#[test]
fn orchestration_list_is_read_from_an_array_nested_in_the_resultset() {
    let body = wrapped(&format!(
        r#"{{"total":1,"data":[{{"deployment_id":"{HEX}"}}]}}"#
    ));
    assert_eq!(parse_orchestrations(&body).unwrap().len(), 1);
}

#[test]
fn orchestration_name_falls_back_to_title_then_stays_empty() {
    let body = format!(
        r#"[{{"deployment_id":"{HEX}","title":"From title"}},
            {{"deployment_id":"{HEX2}","name":"  ","title":""}}]"#
    );
    let list = parse_orchestrations(&body).unwrap();
    assert_eq!(list[0].name, "From title");
    assert_eq!(list[1].name, "");
}

#[test]
fn orchestration_status_and_run_id_are_optional_and_take_any_known_key() {
    let body = format!(
        r#"[{{"deployment_id":"{HEX}","status":"Running","run_id":"r-7"}},
            {{"deployment_id":"{HEX2}","runid":12,"last_run_id":"ignored"}},
            {{"deployment_id":"{HEX}"}}]"#
    );
    let list = parse_orchestrations(&body).unwrap();
    assert_eq!(list[0].status.as_deref(), Some("Running"));
    assert_eq!(list[0].last_run_id.as_ref().unwrap().as_str(), "r-7");
    assert_eq!(list[1].last_run_id.as_ref().unwrap().as_str(), "12");
    assert_eq!(list[2].status, None);
    assert_eq!(list[2].last_run_id, None);
}

#[test]
fn orchestration_deployment_id_in_upper_case_is_lowered() {
    let body = format!(r#"[{{"deployment_id":"{}"}}]"#, HEX.to_uppercase());
    assert_eq!(
        parse_orchestrations(&body).unwrap()[0]
            .deployment_id
            .as_str(),
        HEX
    );
}

#[test]
fn orchestrations_without_a_valid_deployment_id_are_skipped() {
    let body = format!(
        r#"[{{"name":"no id"}}, {{"deployment_id":"xyz"}}, {{"deployment_id":42}},
            "not an object", {{"deployment_id":"{HEX}","name":"kept"}}]"#
    );
    let list = parse_orchestrations(&body).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].name, "kept");
}

#[test]
fn empty_or_null_orchestration_list_is_empty() {
    assert!(parse_orchestrations("[]").unwrap().is_empty());
    assert!(parse_orchestrations(&wrapped("[]")).unwrap().is_empty());
    assert!(parse_orchestrations(&wrapped("null")).unwrap().is_empty());
}

#[test]
fn orchestration_answer_without_a_list_is_unexpected() {
    let error = parse_orchestrations(r#"{"count":3}"#).unwrap_err();
    assert_eq!(
        error,
        Error::Unexpected {
            missing: "orchestration list".into()
        }
    );
    assert!(error.message().contains("no orchestration list"));
}

#[test]
fn orchestrations_serialise_for_the_popup() {
    let body = format!(r#"[{{"deployment_id":"{HEX}","name":"A","lastRunId":"9"}}]"#);
    let rows = parse_orchestrations(&body).unwrap();
    let json = rows[0].to_json().to_string();
    assert_eq!(
        json,
        format!(r#"{{"deploymentId":"{HEX}","name":"A","status":null,"lastRunId":"9"}}"#)
    );
}

/// Which of several fields is read first follows their names, not the order Functionize sent
/// them in, and a repeated key counts only with its last value.
#[test]
fn the_list_found_does_not_depend_on_the_order_or_repeats_of_keys() {
    let row = format!(r#"[{{"deployment_id":"{HEX}","name":"A"}}]"#);
    for body in [
        format!(r#"{{"warnings":[],"rows":{row}}}"#),
        format!(r#"{{"rows":{row},"warnings":[]}}"#),
    ] {
        assert_eq!(parse_orchestrations(&body).unwrap().len(), 1, "{body}");
    }
    let overridden = format!(r#"{{"data":{row},"data":{{}}}}"#);
    assert!(parse_orchestrations(&overridden).is_err());
}
