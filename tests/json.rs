//! The extension's own JSON reader and writer, checked against serde_json: the same texts are
//! accepted and refused, and what is written reads back as the same value.
#![cfg(not(target_arch = "wasm32"))]

use functionize_report_links::json::{Json, MAX_DEPTH};
use proptest::prelude::*;
use serde_json::json;

/// What serde_json makes of `text`, written back compactly; `None` when it refuses it.
fn serde_reading(text: &str) -> Option<serde_json::Value> {
    serde_json::from_str(text).ok()
}

fn ours_as_serde(value: &Json) -> serde_json::Value {
    serde_json::from_str(&value.to_string()).expect("what Json writes is valid JSON")
}

#[test]
fn reads_every_kind_of_value() {
    let text = r#" { "a": [1, -2.5e3, 0, true, false, null], "b": {"c": "d"}, "e": "" } "#;
    let value = Json::parse(text).unwrap();
    assert_eq!(ours_as_serde(&value), serde_reading(text).unwrap());
    assert_eq!(value["b"]["c"], "d");
    assert!(value["missing"].is_null());
    assert!(value["a"]["not an object"].is_null());
}

#[test]
fn refuses_what_is_not_one_complete_json_value() {
    for bad in [
        "",
        " ",
        "{",
        "[1,]",
        "{\"a\":1,}",
        "{'a':1}",
        "01",
        "1.",
        ".5",
        "-",
        "+1",
        "1e",
        "NaN",
        "Infinity",
        "nul",
        "truth",
        "\"unterminated",
        "\"tab\tinside\"",
        "\"bad escape \\x\"",
        "\"short \\u12\"",
        "{} {}",
        "[1] x",
        "{1:2}",
    ] {
        assert_eq!(Json::parse(bad), None, "{bad:?}");
        assert!(serde_reading(bad).is_none(), "serde_json agrees on {bad:?}");
    }
}

#[test]
fn numbers_keep_their_text_and_only_plain_whole_numbers_are_ids() {
    let read = |text: &str| Json::parse(text).unwrap();
    assert_eq!(read("18446744073709551615").as_u64(), Some(u64::MAX));
    for not_an_id in ["18446744073709551616", "1.0", "-1", "1e3", "\"7\""] {
        assert_eq!(read(not_an_id).as_u64(), None, "{not_an_id}");
    }
    assert_eq!(
        read("123456789012345678901234567890").to_string(),
        "123456789012345678901234567890"
    );
    assert_eq!(read("-0.5E+10").to_string(), "-0.5E+10");
}

#[test]
fn a_key_given_twice_reads_as_its_last_value() {
    let value = Json::parse(r#"{"id": 1, "id": 2}"#).unwrap();
    assert_eq!(value["id"].as_u64(), Some(2));
    assert_eq!(value, Json::parse(r#"{"id": 2}"#).unwrap());
}

#[test]
fn objects_are_equal_whatever_the_order_of_their_keys() {
    let a = Json::parse(r#"{"a": 1, "b": [true]}"#).unwrap();
    let b = Json::parse(r#"{"b": [true], "a": 1}"#).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, Json::parse(r#"{"a": 1}"#).unwrap());
}

#[test]
fn escapes_and_surrogate_pairs_are_decoded() {
    let value = Json::parse(r#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude80""#).unwrap();
    assert_eq!(value.as_str(), Some("\"\\/\u{8}\u{c}\n\r\té🚀"));
}

/// `JSON.stringify` writes a lone surrogate (from a string cut in the middle of an emoji, say)
/// as an escape; one such name must not make the whole stored list unreadable.
#[test]
fn a_lone_surrogate_becomes_a_replacement_character() {
    let value = Json::parse(r#"["a\ud800b", "\udc00", "\ud800\u0041"]"#).unwrap();
    let texts: Vec<_> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(texts, ["a\u{fffd}b", "\u{fffd}", "\u{fffd}A"]);
}

#[test]
fn nesting_deeper_than_the_limit_is_refused_without_overflowing_the_stack() {
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(Json::parse(&nested(MAX_DEPTH)).is_some());
    assert_eq!(Json::parse(&nested(MAX_DEPTH + 1)), None);
    assert_eq!(Json::parse(&"[".repeat(100_000)), None);
    assert_eq!(Json::parse(&"{\"a\":".repeat(100_000)), None);
}

#[test]
fn writes_compact_json_with_control_characters_escaped() {
    let value = Json::object([
        (
            "text",
            "quote \" backslash \\ newline \n nul \u{0} bell \u{7} é 🚀".into(),
        ),
        ("n", 4711_u64.into()),
        ("none", Option::<String>::None.into()),
        ("list", vec![true, false].into()),
    ]);
    let text = value.to_string();
    assert_eq!(
        text,
        r#"{"text":"quote \" backslash \\ newline \n nul \u0000 bell \u0007 é 🚀","n":4711,"none":null,"list":[true,false]}"#
    );
    assert_eq!(Json::parse(&text), Some(value));
}

#[test]
fn setting_a_key_replaces_it_and_removing_takes_every_copy() {
    let mut value = Json::parse(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
    let Json::Object(fields) = &mut value else {
        panic!("an object")
    };
    fields.insert("b", "two".into());
    assert_eq!(fields.remove("a"), Some(Json::Number("3".into())));
    assert!(!fields.contains_key("a"));
    assert_eq!(value, json_of(json!({ "b": "two" })));
}

fn json_of(value: serde_json::Value) -> Json {
    Json::parse(&value.to_string()).unwrap()
}

/// JSON values of every kind, a few levels deep, with awkward strings and whole numbers.
/// Fractions are checked on their own below: serde_json's reader rounds some of them.
fn any_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::from),
            prop::collection::btree_map(any::<String>(), inner, 0..8)
                .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn reads_what_serde_json_writes_as_the_same_value(value in any_json()) {
        for text in [value.to_string(), serde_json::to_string_pretty(&value).unwrap()] {
            let ours = Json::parse(&text).expect("valid JSON is read");
            prop_assert_eq!(ours_as_serde(&ours), value.clone());
        }
    }

    #[test]
    fn fractions_are_kept_exactly_as_written(f in any::<f64>().prop_filter("finite", |f| f.is_finite())) {
        let text = serde_json::Value::from(f).to_string();
        let value = Json::parse(&text).expect("a JSON number");
        prop_assert_eq!(value.to_string(), text);
    }

    #[test]
    fn accepts_and_refuses_the_same_texts_as_serde_json(
        text in r#"[\[\]{}:,"\\ 0-9a-z.eE+\-]{0,24}"#
    ) {
        // serde_json refuses numbers beyond f64's range; this reader keeps every number as text.
        let out_of_range = serde_json::from_str::<serde_json::Value>(&text)
            .is_err_and(|e| e.to_string().contains("out of range"));
        prop_assume!(!out_of_range);
        let ours = Json::parse(&text);
        prop_assert_eq!(ours.is_some(), serde_reading(&text).is_some(), "{:?}", text);
        if let (Some(ours), Some(theirs)) = (ours, serde_reading(&text)) {
            prop_assert_eq!(ours_as_serde(&ours), theirs);
        }
    }

    #[test]
    fn any_text_it_reads_is_written_back_as_the_same_value(text in any::<String>()) {
        if let Some(value) = Json::parse(&text) {
            prop_assert_eq!(Json::parse(&value.to_string()), Some(value));
        }
    }
}

#[test]
fn an_object_read_from_text_has_each_key_once_in_key_order() {
    let value = Json::parse(r#"{"b": 1, "a": 2, "b": 3, "c": {"z": 0, "y": 1}}"#).unwrap();
    let object = value.as_object().unwrap();
    assert_eq!(object.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
    assert_eq!(object.values().nth(1).and_then(Json::as_u64), Some(3));
    assert_eq!(value.to_string(), r#"{"a":2,"b":3,"c":{"y":1,"z":0}}"#);
}
