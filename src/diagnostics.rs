//! What a bug report needs and nothing it must not carry. The worker records, for each failed
//! answer, the API calls it made: the endpoint with its ids blanked, the status and the shape of
//! the body. The options page turns the last few into text the user copies. No token, secret,
//! id or orchestration name is kept: field names only from a fixed list, and sizes.

use std::cell::RefCell;

use crate::api::transport::{HttpRequest, HttpResponse, Transport, TransportError};
use crate::error::Error;
use crate::json::{Json, Object};

/// Failed answers kept; older ones are dropped first.
pub const KEPT_INCIDENTS: usize = 20;

/// Field names the Functionize API is known or likely to use. Any other key is only counted,
/// since an object keyed by something else could be keyed by names.
const KNOWN_FIELDS: &[&str] = &[
    "STATUS",
    "RESULTSET",
    "MESSAGE",
    "Message",
    "message",
    "ERROR",
    "error",
    "Details",
    "details",
    "id",
    "deploymentid",
    "deploymentId",
    "orchestrationId",
    "name",
    "title",
    "status",
    "lastRunId",
    "runId",
    "run_id",
    "runs",
    "access_token",
    "expires_in",
    "valid",
    "data",
    "result",
    "results",
    "items",
];

/// One request and how it went, without anything that identifies the user's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    pub method: String,
    /// The API path with every id replaced by `{id}`, e.g. `orchestration/{id}/csvreport`.
    pub endpoint: String,
    /// The HTTP status, or what happened instead: "network failure", "timed out", "cancelled".
    pub outcome: String,
    pub shape: String,
}

/// One failed answer: which kind of message it was, the error shown, and the calls behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incident {
    pub at: String,
    pub request: String,
    pub error: String,
    pub exchanges: Vec<Exchange>,
}

/// A transport that notes every exchange it carries, for the incident of a failed answer.
pub struct Recording<T> {
    inner: T,
    seen: RefCell<Vec<Exchange>>,
}

impl<T: Transport> Recording<T> {
    pub fn new(inner: T) -> Self {
        Self {
            inner,
            seen: RefCell::new(Vec::new()),
        }
    }

    /// The exchanges so far, oldest first.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.seen.borrow().clone()
    }
}

impl<T: Transport> Transport for Recording<T> {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let method = request.method.as_str().to_owned();
        let endpoint = endpoint_of(&request.url);
        let answer = self.inner.send(request).await;
        let (outcome, shape) = match &answer {
            Ok(response) => (
                response.status.to_string(),
                shape_of(response.content_type.as_deref(), &response.body),
            ),
            Err(TransportError::Network) => ("network failure".into(), "none".into()),
            Err(TransportError::Timeout) => ("timed out".into(), "none".into()),
            Err(TransportError::Aborted) => ("cancelled".into(), "none".into()),
        };
        self.seen.borrow_mut().push(Exchange {
            method,
            endpoint,
            outcome,
            shape,
        });
        answer
    }

    async fn pause(&self, ms: u32) {
        self.inner.pause(ms).await
    }

    fn jitter(&self) -> f64 {
        self.inner.jitter()
    }
}

/// `https://host/api/v4/orchestration/0af…/group?response_type=json` → `orchestration/{id}/group`.
pub fn endpoint_of(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let Some((_, api_path)) = path.split_once("/api/v4/") else {
        return "(not an API path)".into();
    };
    api_path
        .split('/')
        .map(|segment| match segment {
            "orchestration" | "group" | "csvreport" | "status" | "detail" | "generateToken"
            | "validatetoken" => segment,
            _ => "{id}",
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// What kind of body came back, in words: "empty", "HTML page", "JSON object {MESSAGE,
/// RESULTSET}", "JSON array of 3", "incomplete JSON (120 bytes)", "text (40 bytes)".
pub fn shape_of(content_type: Option<&str>, body: &str) -> String {
    let text = body.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return "empty".into();
    }
    let labelled_html = content_type.is_some_and(|t| t.to_ascii_lowercase().contains("html"));
    if text.starts_with('<') {
        return "HTML page".into();
    }
    match Json::parse(text) {
        Some(Json::Object(map)) => {
            // Read from text, the keys come sorted and each once, whatever the body's order.
            let known: Vec<&str> = map
                .keys()
                .filter_map(|key| KNOWN_FIELDS.iter().find(|k| **k == key).copied())
                .collect();
            let others = map.len() - known.len();
            let mut fields = known.join(", ");
            if others > 0 {
                let joiner = if fields.is_empty() { "" } else { ", " };
                fields = format!("{fields}{joiner}{others} other");
            }
            let label = if labelled_html { " labelled HTML" } else { "" };
            let status = envelope_status(&map)
                .map(|word| format!(" STATUS {word}"))
                .unwrap_or_default();
            format!("JSON object {{{fields}}}{status}{label}")
        }
        Some(Json::Array(items)) => format!("JSON array of {}", items.len()),
        Some(_) => "JSON scalar".into(),
        None if text.starts_with('{') || text.starts_with('[') => {
            format!("incomplete JSON ({} bytes)", body.len())
        }
        None => format!("text ({} bytes)", body.len()),
    }
}

/// The envelope's status word when it is one of the words the API uses, nothing else.
fn envelope_status(map: &Object) -> Option<&'static str> {
    let word = map.get("STATUS")?.as_str()?;
    ["SUCCESS", "FAILURE", "ERROR"]
        .into_iter()
        .find(|known| known.eq_ignore_ascii_case(word))
}

/// The incident of an answer, when it is a failure worth reporting: `request` is the message,
/// `reply` the answer sent back. Refused senders, and the popup's silent guess at the page in
/// front, are nobody's failure and would push the real ones out, so they are left out. A message
/// kind is one of the extension's own words; anything else a sender made up is not repeated.
pub fn incident(
    at: String,
    request: &Json,
    reply: &Json,
    exchanges: Vec<Exchange>,
) -> Option<Incident> {
    const KINDS: &[&str] = &[
        "listOrchestrations",
        "shareLink",
        "reportUrl",
        "testConnection",
        "pageSelection",
        "pageInfo",
        "pageLink",
    ];
    if reply["ok"] != false {
        return None;
    }
    let error = reply["error"]["name"].as_str().unwrap_or("Unknown");
    let well_formed = error.len() <= 32 && error.chars().all(|c| c.is_ascii_alphanumeric());
    if error == Error::NotAllowed.name() || !well_formed {
        return None;
    }
    let kind = request["type"].as_str().unwrap_or_default();
    if kind == "pageSelection" {
        return None;
    }
    let kind = KINDS
        .iter()
        .find(|known| **known == kind)
        .unwrap_or(&"unknown");
    Some(Incident {
        at,
        request: (*kind).to_owned(),
        error: error.to_owned(),
        exchanges,
    })
}

/// `incidents` with `new` added, the oldest dropped beyond `KEPT_INCIDENTS`.
pub fn with_incident(mut incidents: Vec<Incident>, new: Incident) -> Vec<Incident> {
    incidents.push(new);
    let excess = incidents.len().saturating_sub(KEPT_INCIDENTS);
    incidents.drain(..excess);
    incidents
}

/// What the report says about the setup; none of it is secret.
pub struct Setup<'a> {
    pub version: &'a str,
    pub browser: &'a str,
    pub host: &'a str,
    /// "access token", "API key and secret", "both" or "none": which kinds, never values.
    pub credentials: &'a str,
    pub known_ids: usize,
}

/// The text "Copy diagnostics" puts on the clipboard, newest incident first.
pub fn report(setup: &Setup<'_>, incidents: &[Incident]) -> String {
    let mut text = format!(
        "Functionize Report Links diagnostics\n\
         Extension version: {}\nBrowser: {}\nHost: {}\nCredentials saved: {}\n\
         Id mappings cached: {}\n",
        setup.version, setup.browser, setup.host, setup.credentials, setup.known_ids
    );
    if incidents.is_empty() {
        text.push_str("Recent errors: none\n");
        return text;
    }
    text.push_str("Recent errors, newest first:\n");
    for incident in incidents.iter().rev() {
        text.push_str(&format!(
            "- {} {}: {}\n",
            incident.at, incident.request, incident.error
        ));
        for exchange in &incident.exchanges {
            text.push_str(&format!(
                "    {} {} -> {}, {}\n",
                exchange.method, exchange.endpoint, exchange.outcome, exchange.shape
            ));
        }
    }
    text
}

impl Exchange {
    fn to_json(&self) -> Json {
        Json::object([
            ("method", self.method.as_str().into()),
            ("endpoint", self.endpoint.as_str().into()),
            ("outcome", self.outcome.as_str().into()),
            ("shape", self.shape.as_str().into()),
        ])
    }

    fn from_json(value: &Json) -> Option<Exchange> {
        let string = |key: &str| value[key].as_str().map(str::to_owned);
        Some(Exchange {
            method: string("method")?,
            endpoint: string("endpoint")?,
            outcome: string("outcome")?,
            shape: string("shape")?,
        })
    }
}

impl Incident {
    fn to_json(&self) -> Json {
        let exchanges = self.exchanges.iter().map(Exchange::to_json).collect();
        Json::object([
            ("at", self.at.as_str().into()),
            ("request", self.request.as_str().into()),
            ("error", self.error.as_str().into()),
            ("exchanges", Json::Array(exchanges)),
        ])
    }

    fn from_json(value: &Json) -> Option<Incident> {
        let string = |key: &str| value[key].as_str().map(str::to_owned);
        let exchanges = value["exchanges"].as_array()?;
        Some(Incident {
            at: string("at")?,
            request: string("request")?,
            error: string("error")?,
            exchanges: exchanges.iter().filter_map(Exchange::from_json).collect(),
        })
    }
}

/// The incidents as they are stored, oldest first.
pub fn incidents_to_json(incidents: &[Incident]) -> Json {
    Json::Array(incidents.iter().map(Incident::to_json).collect())
}

/// The stored incidents; unreadable ones are skipped.
pub fn incidents_from_json(value: &Json) -> Vec<Incident> {
    let stored = value.as_array().map(Vec::as_slice).unwrap_or_default();
    stored.iter().filter_map(Incident::from_json).collect()
}
