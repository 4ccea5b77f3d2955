//! One manifest serves Chrome and Firefox, and carries the crate's version, which also names
//! the store packages.

use std::fs;
use std::path::Path;

use serde_json::Value;

fn manifest() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("extension/manifest.json");
    let text = fs::read_to_string(&path).expect("extension/manifest.json is readable");
    serde_json::from_str(&text).expect("manifest.json is JSON")
}

#[test]
fn the_manifest_version_is_the_crate_version() {
    assert_eq!(manifest()["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn chrome_runs_the_worker_and_firefox_the_same_file_as_a_background_script() {
    let manifest = manifest();
    let background = &manifest["background"];
    assert_eq!(background["service_worker"], "background.js");
    assert_eq!(background["scripts"], serde_json::json!(["background.js"]));
    // background.js imports the wasm module, so both must load it as a module.
    assert_eq!(background["type"], "module");
}

#[test]
fn firefox_gets_an_id_a_minimum_version_and_the_data_collection_answer() {
    let gecko = &manifest()["browser_specific_settings"]["gecko"];
    assert!(gecko["id"].as_str().is_some_and(|id| !id.is_empty()));
    assert!(gecko["strict_min_version"].is_string());
    // Nothing is collected: the token and the links go only to the user's Functionize host.
    assert_eq!(
        gecko["data_collection_permissions"]["required"],
        serde_json::json!(["none"])
    );
}

/// The width and height a PNG file's header gives.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        &bytes[..8],
        b"\x89PNG\r\n\x1a\n",
        "{} is a PNG",
        path.display()
    );
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

#[test]
fn every_icon_the_manifest_names_is_a_png_of_that_size() {
    let manifest = manifest();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("extension");
    for set in [&manifest["icons"], &manifest["action"]["default_icon"]] {
        let icons = set.as_object().expect("icons by size");
        assert!(!icons.is_empty());
        for (size, file) in icons {
            let size: u32 = size.parse().expect("a size in pixels");
            let file = root.join(file.as_str().expect("a file name"));
            assert_eq!(png_size(&file), (size, size), "{}", file.display());
        }
    }
    let sizes: Vec<&String> = manifest["icons"].as_object().unwrap().keys().collect();
    assert_eq!(sizes, ["128", "16", "32", "48"]);
}
