//! The orchestrations the fake serves: read from a JSON fixture, checked, optionally padded with
//! synthetic ones, and described back to the tests as the values they should expect.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{json, Value};

/// Where share links point. The real API answers with a link on its main host whatever host
/// was asked, so the fake does too, and the tests can compare links exactly.
const SHARE_BASE: &str = "https://app.functionize.com/public/orchestration-report/";

const DEFAULT_PATH: &str = "tests/fixtures/orchestrations.json";

#[derive(Deserialize)]
struct FixtureFile {
    orchestrations: Vec<Orchestration>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Orchestration {
    pub deployment_id: String,
    pub numeric_id: u64,
    pub name: String,
    #[serde(default)]
    pub name_key: NameKey,
    pub status: Option<String>,
    #[serde(default)]
    pub run_id_in_list: bool,
    pub share_token: String,
    #[serde(default)]
    pub created: String,
    #[serde(default)]
    pub browser: String,
    /// Newest first, so the first run is the latest one.
    #[serde(default)]
    pub runs: Vec<Run>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Run {
    pub run_id: String,
    pub status: String,
    pub passed: u32,
    pub failed: u32,
}

/// Which key the orchestration list uses for the name: the real API's choice is unknown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NameKey {
    #[default]
    Name,
    Title,
}

impl NameKey {
    pub fn as_str(self) -> &'static str {
        match self {
            NameKey::Name => "name",
            NameKey::Title => "title",
        }
    }
}

impl Orchestration {
    pub fn latest_run(&self) -> Option<&Run> {
        self.runs.first()
    }

    pub fn share_link(&self) -> String {
        format!("{SHARE_BASE}{}", self.share_token)
    }

    pub fn run(&self, run_id: &str) -> Option<&Run> {
        self.runs.iter().find(|run| run.run_id == run_id)
    }
}

/// The fixture named on the command line, else the default relative to the working directory,
/// else the one beside this crate, so the server starts from the repository root, from its own
/// folder (where `cargo test` runs) or from anywhere else.
pub fn resolve_path(given: Option<&Path>) -> PathBuf {
    if let Some(path) = given {
        return path.to_path_buf();
    }
    let from_cwd = PathBuf::from(DEFAULT_PATH);
    if from_cwd.exists() {
        return from_cwd;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/orchestrations.json")
}

pub fn load(path: &Path) -> Result<Vec<Orchestration>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read fixture {}: {error}", path.display()))?;
    parse(&text).map_err(|error| format!("fixture {}: {error}", path.display()))
}

pub fn parse(text: &str) -> Result<Vec<Orchestration>, String> {
    let file: FixtureFile = serde_json::from_str(text).map_err(|error| error.to_string())?;
    validate(&file.orchestrations)?;
    Ok(file.orchestrations)
}

/// Rejects a fixture that would make the fake ambiguous: the tests look orchestrations up by
/// each of these ids, so every one must be well formed and unique.
pub fn validate(orchestrations: &[Orchestration]) -> Result<(), String> {
    let mut deployment_ids = HashSet::new();
    let mut numeric_ids = HashSet::new();
    let mut share_tokens = HashSet::new();
    for item in orchestrations {
        let hex = &item.deployment_id;
        let well_formed = hex.len() == 32
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !well_formed {
            return Err(format!(
                "deployment_id {hex:?} is not 32 lower-case hex digits"
            ));
        }
        if !deployment_ids.insert(hex.as_str()) {
            return Err(format!("deployment_id {hex} appears twice"));
        }
        if !numeric_ids.insert(item.numeric_id) {
            return Err(format!("numeric_id {} appears twice", item.numeric_id));
        }
        let token = &item.share_token;
        if token.is_empty() || !token.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(format!(
                "share_token {token:?} must be non-empty letters and digits"
            ));
        }
        if !share_tokens.insert(token.as_str()) {
            return Err(format!("share_token {token} appears twice"));
        }
        if item.runs.iter().any(|run| run.run_id.trim().is_empty()) {
            return Err(format!("{hex} has a run with an empty run_id"));
        }
    }
    Ok(())
}

/// Makes the list exactly `target` long, for tests and benchmarks of a given account size: the
/// fixture's first `target` when it has more, else the fixture and synthetic orchestrations.
/// Those are derived from their position alone, so two runs of the fake agree on every id.
pub fn generate(orchestrations: &mut Vec<Orchestration>, target: usize) {
    orchestrations.truncate(target);
    const STATUSES: [Option<&str>; 5] = [
        Some("Passed"),
        Some("Failed"),
        Some("Completed"),
        Some("Running"),
        None,
    ];
    for index in orchestrations.len()..target {
        let seed = index as u64;
        let deployment_id = format!("{:016x}{:016x}", mix(seed), mix(seed ^ 0xdead_beef));
        let runs = match index % 10 {
            0 => Vec::new(),
            7 => vec![synthetic_run(
                format!("r-{:06x}", mix(seed) & 0xff_ffff),
                index,
            )],
            _ => vec![synthetic_run((600_000 + index).to_string(), index)],
        };
        orchestrations.push(Orchestration {
            deployment_id,
            numeric_id: 800_000 + seed,
            name: format!("Generated regression suite {:04}", index + 1),
            name_key: if index % 3 == 0 {
                NameKey::Title
            } else {
                NameKey::Name
            },
            status: STATUSES[index % STATUSES.len()].map(str::to_string),
            run_id_in_list: index % 2 == 0,
            share_token: format!("gen{:016x}", mix(seed ^ 0x5eed)),
            created: "2025-06-01T12:00:00Z".to_string(),
            browser: "Chrome".to_string(),
            runs,
        });
    }
}

fn synthetic_run(run_id: String, index: usize) -> Run {
    Run {
        run_id,
        status: "Completed".to_string(),
        passed: (index % 40) as u32 + 1,
        failed: (index % 4) as u32,
    }
}

/// SplitMix64: a fixed, well-spread function of the index, with no dependency on a random
/// number crate whose output could change between versions.
fn mix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// What the tests should expect for each orchestration, in the terms a user sees.
pub fn expected(orchestrations: &[Orchestration]) -> Value {
    let items: Vec<Value> = orchestrations
        .iter()
        .map(|item| {
            json!({
                "deployment_id": item.deployment_id,
                "numeric_id": item.numeric_id,
                "name": item.name,
                "name_key": item.name_key.as_str(),
                "status": item.status,
                "last_run_id": item.latest_run().map(|run| run.run_id.as_str()),
                "run_id_in_list": item.run_id_in_list,
                "share_link": item.share_link(),
            })
        })
        .collect();
    Value::Array(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Vec<Orchestration> {
        load(&resolve_path(None)).expect("the shipped fixture loads")
    }

    #[test]
    fn the_shipped_fixture_covers_the_cases_the_tests_need() {
        let all = shipped();
        assert!(all.len() >= 25);
        assert!(all.iter().filter(|o| o.runs.is_empty()).count() >= 2);
        assert!(all.iter().any(|o| o.name_key == NameKey::Title));
        assert!(all.iter().any(|o| o.name_key == NameKey::Name));
        assert!(all.iter().any(|o| o.run_id_in_list) && all.iter().any(|o| !o.run_id_in_list));
        assert!(all.iter().any(|o| o.status.is_none()));
        assert!(all.iter().any(|o| !o.name.is_ascii()));
        assert!(all
            .iter()
            .any(|o| o.runs.iter().any(|r| r.run_id.starts_with("r-"))));
    }

    #[test]
    fn generated_orchestrations_are_deterministic_and_unique() {
        let mut first = shipped();
        generate(&mut first, 2000);
        let mut second = shipped();
        generate(&mut second, 2000);
        assert_eq!(first.len(), 2000);
        assert_eq!(first[1999].deployment_id, second[1999].deployment_id);
        assert_eq!(first[41].name, "Generated regression suite 0042");
        validate(&first).expect("generated ids stay unique");
    }

    #[test]
    fn a_smaller_account_is_the_fixture_cut_short() {
        let mut few = shipped();
        generate(&mut few, 10);
        assert_eq!(few.len(), 10);
        let ids = |list: &[Orchestration]| -> Vec<String> {
            list.iter().map(|o| o.deployment_id.clone()).collect()
        };
        assert_eq!(ids(&few), ids(&shipped()[..10]));
    }

    #[test]
    fn a_duplicate_deployment_id_is_refused() {
        let mut all = shipped();
        all[1].deployment_id = all[0].deployment_id.clone();
        assert!(validate(&all).unwrap_err().contains("twice"));
    }

    #[test]
    fn expected_values_name_the_latest_run_or_null() {
        let all = shipped();
        let expected = expected(&all);
        let never_run = all.iter().position(|o| o.runs.is_empty()).unwrap();
        assert_eq!(expected[never_run]["last_run_id"], Value::Null);
        assert_eq!(expected[0]["last_run_id"], json!(all[0].runs[0].run_id));
        assert!(expected[0]["share_link"]
            .as_str()
            .unwrap()
            .starts_with(SHARE_BASE));
    }
}
