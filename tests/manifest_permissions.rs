//! The manifest asks only for permissions the code uses, and the README gives the reason for
//! each one it asks for.

use std::fs;
use std::path::Path;

use serde_json::Value;

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    fs::read_to_string(&full).unwrap_or_else(|error| panic!("{}: {error}", full.display()))
}

/// The API permissions the manifest may ask for, each with a file and text showing its use.
const USES: &[(&str, &str, &str)] = &[
    (
        "storage",
        "src/wasm/chrome.rs",
        r#"["chrome", "storage", "local"]"#,
    ),
    (
        "clipboardWrite",
        "src/wasm/dom.rs",
        ".clipboard().write_text(",
    ),
    (
        "scripting",
        "src/wasm/chrome.rs",
        r#"["chrome", "scripting"]"#,
    ),
    (
        "contextMenus",
        "extension/background.js",
        "chrome.contextMenus.create(",
    ),
];

fn manifest() -> Value {
    serde_json::from_str(&read("extension/manifest.json")).expect("manifest.json is JSON")
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_permission_asked_for_is_used() {
    for permission in strings(&manifest()["permissions"]) {
        let (_, file, use_) = USES
            .iter()
            .find(|(name, _, _)| *name == permission)
            .unwrap_or_else(|| panic!("the manifest asks for `{permission}`, which nothing uses"));
        assert!(
            read(file).contains(use_),
            "`{permission}`: no `{use_}` in {file}"
        );
    }
}

#[test]
fn the_readme_gives_a_reason_for_every_permission() {
    let readme = read("README.md");
    let manifest = manifest();
    let asked = [
        strings(&manifest["permissions"]),
        strings(&manifest["host_permissions"]),
        strings(&manifest["optional_host_permissions"]),
    ]
    .concat();
    for permission in asked {
        let row = readme
            .lines()
            .find(|line| line.starts_with('|') && line.contains(&format!("`{permission}`")));
        let reason = row.and_then(|row| row.split('|').nth(2)).map(str::trim);
        assert!(
            reason.is_some_and(|reason| reason.len() > 20),
            "README.md's permission table gives no reason for `{permission}`"
        );
    }
}
