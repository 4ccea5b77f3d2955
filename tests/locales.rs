//! Every word a user reads comes from `_locales`: the browser's own strings (name, tooltip,
//! shortcut, menu), the popup's and options page's HTML, the report page's buttons and notes,
//! and every sentence the Rust code shows. English is complete; another language is one more
//! `messages.json`. These tests keep the catalog and the code in step.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use functionize_report_links::json::Json;
use functionize_report_links::locale::render;

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    fs::read_to_string(&full).unwrap_or_else(|error| panic!("{}: {error}", full.display()))
}

fn english() -> Json {
    Json::parse(&read("extension/_locales/en/messages.json")).expect("the catalog is JSON")
}

/// The names between `open` and `close` in `text`.
fn names_between(text: &str, open: &str, close: &str) -> BTreeSet<String> {
    text.split(open)
        .skip(1)
        .filter_map(|rest| rest.split_once(close).map(|(name, _)| name.to_owned()))
        .collect()
}

/// Every `.rs` file under `dir`, as text.
fn rust_sources(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(rust_sources(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(fs::read_to_string(&path).unwrap());
        }
    }
    found
}

fn pages() -> [(&'static str, String); 2] {
    [
        ("popup.html", read("extension/popup.html")),
        ("options.html", read("extension/options.html")),
    ]
}

/// The keys the code asks for by name: `text("…")` and `text_with("…"` in Rust, `t('…')` and
/// `getMessage('…')` in the scripts, `__MSG_…__` in the manifest, `data-i18n…="…"` in HTML.
fn keys_asked_for() -> BTreeSet<String> {
    let mut keys = names_between(&read("extension/manifest.json"), "__MSG_", "__");
    for script in ["extension/background.js", "extension/content.js"] {
        let script = read(script);
        keys.extend(names_between(&script, "getMessage('", "'"));
        keys.extend(names_between(&script, " t('", "'"));
        keys.extend(names_between(&script, "(t('", "'"));
        // The page's format menu: `['plain', 'formatPlain']`.
        let formats = names_between(&script, "', 'format", "']");
        keys.extend(formats.iter().map(|rest| format!("format{rest}")));
    }
    for source in rust_sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        keys.extend(names_between(&source, "text(\"", "\""));
        keys.extend(names_between(&source, "text_with(\"", "\""));
    }
    for (_, html) in pages() {
        for attribute in ["data-i18n", "data-i18n-placeholder", "data-i18n-aria-label"] {
            keys.extend(names_between(&html, &format!(" {attribute}=\""), "\""));
        }
    }
    keys
}

#[test]
fn every_entry_has_a_message_and_says_where_it_is_shown() {
    let catalog = english();
    for (key, entry) in catalog.as_object().unwrap().iter() {
        let message = entry["message"].as_str().unwrap_or_default();
        assert!(!message.trim().is_empty(), "{key} has a message");
        assert!(
            entry["description"].as_str().is_some(),
            "{key} has a description"
        );
    }
}

#[test]
fn every_key_the_code_asks_for_is_in_english() {
    let catalog = english();
    let asked = keys_asked_for();
    assert!(
        asked.len() > 100,
        "the scan found the keys: {}",
        asked.len()
    );
    for key in &asked {
        assert!(
            catalog.get(key).is_some(),
            "{key} is asked for but not in the catalog"
        );
    }
}

#[test]
fn every_english_message_is_used() {
    let catalog = english();
    // Keys also reach `text` through a helper (`invalid("reasonEmpty")`); any literal counts.
    let mut code = read("extension/manifest.json") + &read("extension/content.js");
    code += &read("extension/background.js");
    for source in rust_sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        code += &source;
    }
    for (_, html) in pages() {
        code += &html;
    }
    for key in catalog.as_object().unwrap().keys() {
        let quoted = [
            format!("\"{key}\""),
            format!("'{key}'"),
            format!("__MSG_{key}__"),
        ];
        assert!(
            quoted.iter().any(|q| code.contains(q.as_str())),
            "{key} is in the catalog but nothing uses it"
        );
    }
}

#[test]
fn placeholders_are_all_defined_used_and_numbered_in_order() {
    let catalog = english();
    for (key, entry) in catalog.as_object().unwrap().iter() {
        let used = placeholders_used(entry["message"].as_str().unwrap());
        let defined: BTreeSet<String> = entry["placeholders"]
            .as_object()
            .map(|p| p.keys().map(str::to_lowercase).collect())
            .unwrap_or_default();
        assert_eq!(used, defined, "{key}: placeholders in the text and defined");
        let mut contents: Vec<String> = entry["placeholders"]
            .as_object()
            .map(|p| {
                p.values()
                    .map(|v| v["content"].as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        contents.sort();
        let expected: Vec<String> = (1..=contents.len()).map(|n| format!("${n}")).collect();
        assert_eq!(contents, expected, "{key}: values $1… each once");
    }
}

/// The placeholders `message` uses, lower case (the browsers match them regardless of case).
fn placeholders_used(message: &str) -> BTreeSet<String> {
    message
        .to_lowercase()
        .split('$')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// A translation may leave messages out (English stands in) but may not add keys, and each of
/// its messages must use exactly the placeholders English uses, each defined: a browser
/// refuses to load an extension whose catalog names an undefined placeholder, in every
/// language, and a dropped one loses the value.
#[test]
fn every_translation_matches_english_keys_and_placeholders() {
    let english = english();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("extension/_locales");
    for language in fs::read_dir(dir).unwrap().flatten() {
        let path = language.path().join("messages.json");
        let catalog = Json::parse(&fs::read_to_string(&path).unwrap()).expect("JSON");
        let name = language.file_name().into_string().unwrap();
        for (key, entry) in catalog.as_object().expect("an object").iter() {
            let Some(original) = english.get(key) else {
                panic!("{name}: {key} is not an English message");
            };
            let used = placeholders_used(entry["message"].as_str().unwrap_or_default());
            let english_used = placeholders_used(original["message"].as_str().unwrap());
            assert_eq!(
                used, english_used,
                "{name}: {key} uses English's placeholders"
            );
            for placeholder in &used {
                let defined = entry["placeholders"]
                    .as_object()
                    .is_some_and(|p| p.keys().any(|k| k.eq_ignore_ascii_case(placeholder)));
                assert!(defined, "{name}: {key} defines ${placeholder}$");
            }
        }
    }
}

#[test]
fn rendering_puts_every_value_in_its_place() {
    let catalog = english();
    let entry = &catalog["popupCountFiltered"];
    assert_eq!(
        render(entry, &["3", "28"]).unwrap(),
        "3 of 28 orchestrations"
    );
    let entry = &catalog["errorInvalidInput"];
    assert_eq!(
        render(entry, &["host", "it is empty"]).unwrap(),
        "The host is not valid: it is empty. Correct it and try again."
    );
}

/// The HTML keeps its English in place, so nothing flashes while the page starts; it must be
/// the catalog's English, word for word.
#[test]
fn the_pages_english_is_the_catalogs_english() {
    let catalog = english();
    let squeeze = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    for (page, html) in pages() {
        for (key, shown) in tagged_texts(&html) {
            let message = catalog[key.as_str()]["message"]
                .as_str()
                .unwrap_or_default();
            assert_eq!(squeeze(&shown), message, "{page}: {key}");
        }
    }
}

/// Each piece of text in the pages sits in an element that names its message, and each
/// placeholder, title and aria-label has one too.
#[test]
fn no_word_in_the_pages_is_left_without_a_message() {
    for (page, html) in pages() {
        let body = &html[html.find("<title").unwrap()..];
        let mut open_tag = "";
        for piece in body.split_inclusive('>') {
            let (text, tag) = piece.split_once('<').unwrap_or((piece, ""));
            let tagged = open_tag.contains(" data-i18n=\"");
            assert!(
                text.trim().is_empty() || tagged,
                "{page}: {:?} is not in an element with data-i18n",
                text.trim()
            );
            for attribute in ["placeholder", "title", "aria-label"] {
                // A number (the minutes' "10") reads the same in every language.
                let given = names_between(tag, &format!(" {attribute}=\""), "\"")
                    .iter()
                    .any(|value| !value.chars().all(|c| c.is_ascii_digit()));
                let named = tag.contains(&format!(" data-i18n-{attribute}=\""));
                assert!(
                    !given || named,
                    "{page}: {attribute} without a message in <{tag}"
                );
            }
            if !tag.starts_with('/') {
                open_tag = tag;
            }
        }
    }
}

/// (key, text) of every `data-i18n` element of `html` whose text is on the element itself.
fn tagged_texts(html: &str) -> Vec<(String, String)> {
    html.split(" data-i18n=\"")
        .skip(1)
        .filter_map(|rest| {
            let (key, rest) = rest.split_once('"')?;
            let (_, rest) = rest.split_once('>')?;
            let (text, _) = rest.split_once('<')?;
            Some((key.to_owned(), text.to_owned()))
        })
        .collect()
}

#[test]
fn the_manifest_names_english_as_its_default() {
    assert!(read("extension/manifest.json").contains(r#""default_locale": "en""#));
}
