//! The three ids a link is made of: what each accepts, and what it refuses.

use functionize_report_links::{DeploymentId, Error, OrchestrationId, RunId};
use serde_json::{json, Value};

mod ours;
use ours::ours;

const HEX: &str = "0123456789abcdef0123456789abcdef";

#[test]
fn deployment_id_accepts_lower_case_hex() {
    assert_eq!(DeploymentId::parse(HEX).unwrap().as_str(), HEX);
}

#[test]
fn deployment_id_is_stored_in_lower_case() {
    let id = DeploymentId::parse(&HEX.to_uppercase()).unwrap();
    assert_eq!(id.as_str(), HEX);
}

#[test]
fn deployment_id_ignores_surrounding_whitespace() {
    assert_eq!(
        DeploymentId::parse(&format!("  {HEX}\n")).unwrap().as_str(),
        HEX
    );
}

#[test]
fn deployment_id_refuses_wrong_length_non_hex_and_empty() {
    for bad in [
        "",
        "   ",
        &HEX[1..],
        &format!("{HEX}0"),
        &HEX.replace('a', "g"),
    ] {
        let error = DeploymentId::parse(bad).unwrap_err();
        assert_eq!(error.name(), "InvalidInput", "{bad:?}");
    }
}

#[test]
fn deployment_id_refuses_non_ascii_of_the_right_byte_length() {
    let sneaky = format!("é{}", &HEX[2..]);
    assert_eq!(sneaky.len(), 32);
    assert!(DeploymentId::parse(&sneaky).is_err());
}

#[test]
fn orchestration_id_reads_numbers_and_numeric_strings() {
    assert_eq!(
        OrchestrationId::from_json(&ours(&json!(4242)))
            .unwrap()
            .get(),
        4242
    );
    assert_eq!(
        OrchestrationId::from_json(&ours(&json!("4242")))
            .unwrap()
            .get(),
        4242
    );
    assert_eq!(
        OrchestrationId::from_json(&ours(&json!(" 7 ")))
            .unwrap()
            .get(),
        7
    );
}

#[test]
fn orchestration_id_refuses_negative_fractional_and_overflowing_numbers() {
    let overflow: Value = serde_json::from_str("18446744073709551616").unwrap();
    for bad in [json!(-1), json!(1.5), json!(2.0), overflow, json!(0)] {
        let error = OrchestrationId::from_json(&ours(&bad)).unwrap_err();
        assert_eq!(
            error,
            Error::Unexpected {
                missing: "id".into()
            },
            "{bad}"
        );
    }
}

#[test]
fn orchestration_id_refuses_strings_that_are_not_plain_digits() {
    for bad in ["", "+1", "-1", "1e3", "12a", "18446744073709551616", "0x10"] {
        assert!(
            OrchestrationId::from_json(&ours(&json!(bad))).is_err(),
            "{bad}"
        );
        assert!(OrchestrationId::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn orchestration_id_refuses_null_bool_and_objects() {
    for bad in [json!(null), json!(true), json!({"id": 1}), json!([1])] {
        assert!(OrchestrationId::from_json(&ours(&bad)).is_err(), "{bad}");
    }
}

#[test]
fn orchestration_id_displays_as_digits() {
    assert_eq!(OrchestrationId::parse("0815").unwrap().to_string(), "815");
}

#[test]
fn run_id_is_an_opaque_trimmed_string() {
    assert_eq!(RunId::parse("  run/ä 1?#  ").unwrap().as_str(), "run/ä 1?#");
}

#[test]
fn run_id_refuses_empty_long_control_and_dot_paths() {
    let long = "x".repeat(201);
    for bad in ["", "  ", &long, "a\u{0}b", "a\nb", ".", ".."] {
        let error = RunId::parse(bad).unwrap_err();
        assert_eq!(error.name(), "InvalidInput", "{bad:?}");
    }
    assert!(RunId::parse(&"é".repeat(200)).is_ok());
}

#[test]
fn run_id_reads_numbers_and_strings_from_json() {
    assert_eq!(
        RunId::from_json(&ours(&json!(981))).unwrap().as_str(),
        "981"
    );
    assert_eq!(
        RunId::from_json(&ours(&json!("r-981"))).unwrap().as_str(),
        "r-981"
    );
}

#[test]
fn run_id_refuses_negative_fractional_and_non_scalar_json() {
    for bad in [
        json!(-3),
        json!(1.25),
        json!(null),
        json!(["1"]),
        json!(false),
    ] {
        assert!(RunId::from_json(&ours(&bad)).is_err(), "{bad}");
    }
}

#[test]
fn a_numeric_run_id_reads_as_its_digits() {
    let run = RunId::from_json(&ours(&json!(5))).unwrap();
    assert_eq!(run.as_str(), "5");
}
