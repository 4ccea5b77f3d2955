//! Readers for Functionize's answers. The API has no published reference, so every shape seen
//! or suspected is accepted here, and only here: a body wrapped as
//! `{"STATUS": "SUCCESS", "RESULTSET": ...}` or bare, ids as numbers or strings, `name` or
//! `title`. When a real answer turns out different, this is the one file to change.

use crate::error::Error;
use crate::ids::{DeploymentId, OrchestrationId, RunId};
use crate::json::{Json, Object};
use crate::locale;

/// One row of the orchestration list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orchestration {
    pub deployment_id: DeploymentId,
    pub name: String,
    pub status: Option<String>,
    pub last_run_id: Option<RunId>,
}

impl Orchestration {
    /// The row as the popup reads it.
    pub fn to_json(&self) -> Json {
        Json::object([
            ("deploymentId", self.deployment_id.as_str().into()),
            ("name", self.name.as_str().into()),
            ("status", self.status.clone().into()),
            (
                "lastRunId",
                self.last_run_id.as_ref().map(RunId::as_str).into(),
            ),
        ])
    }
}

const LIST_KEYS: [&str; 5] = ["data", "items", "orchestrations", "results", "list"];
const RUN_ID_KEYS: [&str; 5] = ["run_id", "runId", "runid", "lastRunId", "last_run_id"];
const MESSAGE_KEYS: [&str; 6] = ["MESSAGE", "message", "Message", "ERROR", "error", "msg"];

/// `GET /orchestration`. Items without a valid `deployment_id` are skipped: one odd row
/// should not hide all the others.
pub fn parse_orchestrations(body: &str) -> Result<Vec<Orchestration>, Error> {
    let value = payload(body)?;
    if value.is_null() {
        return Ok(Vec::new());
    }
    let items =
        find_list(&value).ok_or_else(|| unexpected(&locale::text("missingOrchestrationList")))?;
    Ok(items.iter().filter_map(orchestration).collect())
}

/// `GET /orchestration/{hex}/group`: the numeric id is the top-level `id`.
pub fn parse_group(body: &str) -> Result<OrchestrationId, Error> {
    let value = payload(body)?;
    let id = first_object(&value)
        .and_then(|map| map.get("id"))
        .ok_or_else(|| unexpected("id"))?;
    OrchestrationId::from_json(id)
}

/// `GET /orchestration/{hex}/csvreport`: the raw `Details` value. A null value becomes an
/// empty string, which `ShareLink::parse` then refuses with a clear reason.
pub fn parse_share_link(body: &str) -> Result<String, Error> {
    let value = payload(body)?;
    let details = first_object(&value).and_then(|map| first_of(map, &["Details", "details"]));
    match details {
        Some(Json::String(link)) => Ok(link.clone()),
        Some(Json::Null) => Ok(String::new()),
        _ => Err(unexpected("Details")),
    }
}

/// `GET /orchestration/{hex}/status` or `/detail`: the latest run id, wherever it sits in the
/// first few levels. `None` when there is none yet.
pub fn parse_latest_run(body: &str) -> Result<Option<RunId>, Error> {
    let value = payload(body)?;
    Ok(find_run_id(&value, 3))
}

/// `POST /generateToken`: an array whose first element has `access_token`.
pub fn parse_token(body: &str) -> Result<String, Error> {
    let value = payload(body)?;
    first_object(&value)
        .and_then(|map| map.get("access_token"))
        .and_then(Json::as_str)
        .map(str::trim)
        .filter(|token| !token.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| unexpected("access_token"))
}

/// Decodes a body and takes it out of its envelope, if it has one. An HTML page where JSON
/// was expected is the login page of an expired session.
pub fn payload(body: &str) -> Result<Json, Error> {
    let text = body.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err(unexpected(&locale::text("missingAnswerBody")));
    }
    if text.starts_with('<') {
        return Err(Error::TokenRejected);
    }
    let value =
        Json::parse(text).ok_or_else(|| unexpected(&locale::text("missingCompleteJson")))?;
    unwrap_envelope(value)
}

/// Only an upper-case `STATUS` with an envelope word, or a `RESULTSET` key, marks an envelope:
/// a bare run-status body has a lower-case `status` of its own ("Failed", "Running").
fn unwrap_envelope(value: Json) -> Result<Json, Error> {
    let Json::Object(mut map) = value else {
        return Ok(value);
    };
    let resultset_key = ["RESULTSET", "resultset", "ResultSet"]
        .into_iter()
        .find(|key| map.contains_key(key));
    let status = first_of(&map, &["STATUS", "status"])
        .and_then(Json::as_str)
        .map(str::to_owned);
    let envelope_status = map.get("STATUS").and_then(Json::as_str).is_some_and(|s| {
        ["SUCCESS", "FAILURE", "ERROR"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(s))
    });
    if resultset_key.is_none() && !envelope_status {
        return Ok(Json::Object(map));
    }

    if let Some(status) = status.filter(|s| !is_success(s)) {
        return Err(failure(&map, &status));
    }
    // Some answers put their fields beside `STATUS` instead of inside `RESULTSET`.
    Ok(match resultset_key.and_then(|key| map.remove(key)) {
        Some(resultset) => resultset,
        None => Json::Object(map),
    })
}

fn is_success(status: &str) -> bool {
    ["SUCCESS", "OK"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(status))
}

/// Keeps Functionize's own explanation, shortened and on one line, because it is the most
/// useful part of a failure; the client scrubs the token from it before anyone sees it.
fn failure(map: &Object, status: &str) -> Error {
    let status = one_line(status, 20).to_ascii_uppercase();
    let said = first_of(map, &MESSAGE_KEYS)
        .or_else(|| first_of(map, &["RESULTSET", "resultset"]))
        .and_then(Json::as_str)
        .map(|text| one_line(text, 120))
        .filter(|text| !text.is_empty());
    let missing = match said {
        Some(said) => locale::text_with("missingResultsetSaid", &[&status, &said]),
        None => locale::text_with("missingResultset", &[&status]),
    };
    Error::Unexpected { missing }
}

fn one_line(text: &str, max_chars: usize) -> String {
    let joined = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    match joined.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &joined[..cut]),
        None => joined,
    }
}

fn find_list(value: &Json) -> Option<&Vec<Json>> {
    match value {
        Json::Array(items) => Some(items),
        Json::Object(map) => LIST_KEYS
            .iter()
            .find_map(|key| map.get(key).and_then(Json::as_array))
            .or_else(|| map.values().find_map(Json::as_array)),
        _ => None,
    }
}

fn orchestration(item: &Json) -> Option<Orchestration> {
    let map = item.as_object()?;
    let deployment_id = first_of(map, &["deployment_id", "deploymentId"])
        .and_then(Json::as_str)
        .and_then(|hex| DeploymentId::parse(hex).ok())?;
    Some(Orchestration {
        deployment_id,
        name: first_text(map, &["name", "title"]).unwrap_or_default(),
        status: first_text(map, &["Status", "status"]),
        last_run_id: RUN_ID_KEYS
            .iter()
            .filter_map(|key| map.get(key))
            .find_map(|value| RunId::from_json(value).ok()),
    })
}

/// Looks at the run-id keys of an object before its nested values, so the outermost id wins.
fn find_run_id(value: &Json, depth: u8) -> Option<RunId> {
    match value {
        Json::Object(map) => RUN_ID_KEYS
            .iter()
            .filter_map(|key| map.get(key))
            .find_map(|value| RunId::from_json(value).ok())
            .or_else(|| map.values().find_map(|nested| deeper(nested, depth))),
        Json::Array(items) => items.first().and_then(|first| deeper(first, depth)),
        _ => None,
    }
}

fn deeper(value: &Json, depth: u8) -> Option<RunId> {
    depth.checked_sub(1).and_then(|d| find_run_id(value, d))
}

/// The object itself, or the first element of an array of objects.
fn first_object(value: &Json) -> Option<&Object> {
    match value {
        Json::Object(map) => Some(map),
        Json::Array(items) => items.first().and_then(Json::as_object),
        _ => None,
    }
}

fn first_of<'a>(map: &'a Object, keys: &[&str]) -> Option<&'a Json> {
    keys.iter().find_map(|key| map.get(key))
}

/// The first of `keys` holding non-blank text, trimmed.
fn first_text(map: &Object, keys: &[&str]) -> Option<String> {
    keys.iter()
        .filter_map(|key| map.get(key).and_then(Json::as_str))
        .map(str::trim)
        .find(|text| !text.is_empty())
        .map(str::to_owned)
}

fn unexpected(missing: &str) -> Error {
    Error::Unexpected {
        missing: missing.into(),
    }
}
