//! The strings the browser shows for the extension itself (its name, description, toolbar
//! tooltip, shortcut and menu item) come from `_locales`, English complete; every one named is
//! there and every one there is used.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    fs::read_to_string(&full).unwrap_or_else(|error| panic!("{}: {error}", full.display()))
}

/// The names between `open` and `close` in `text`.
fn names_between(text: &str, open: &str, close: &str) -> BTreeSet<String> {
    text.split(open)
        .skip(1)
        .filter_map(|rest| rest.split_once(close).map(|(name, _)| name.to_owned()))
        .collect()
}

#[test]
fn every_message_named_is_in_english_and_every_english_message_is_named() {
    let messages: serde_json::Value =
        serde_json::from_str(&read("extension/_locales/en/messages.json")).expect("JSON");
    let defined: BTreeSet<String> = messages.as_object().unwrap().keys().cloned().collect();
    for (name, entry) in messages.as_object().unwrap() {
        let text = entry["message"].as_str().unwrap_or_default();
        assert!(!text.trim().is_empty(), "{name} has a message");
        assert!(
            entry["description"].is_string(),
            "{name} says where it is shown"
        );
    }

    let manifest = read("extension/manifest.json");
    let mut named = names_between(&manifest, "__MSG_", "__");
    named.extend(names_between(
        &read("extension/background.js"),
        "getMessage('",
        "'",
    ));
    assert_eq!(named, defined);
    assert!(manifest.contains(r#""default_locale": "en""#));
}
