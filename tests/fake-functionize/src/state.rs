//! Everything the HTTPS side and the control side share: the orchestrations, the settings a
//! test can change at run time, the accepted tokens, the request log and the rules.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;

use crate::fixture::Orchestration;
use crate::rules::{Rule, RuleSet};
use crate::shape::{IdStyle, Shape};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Settings {
    pub shape: Shape,
    pub ids: IdStyle,
    pub latency_ms: u64,
}

pub struct Credentials {
    pub apikey: String,
    pub secret: String,
}

/// One HTTPS request as the tests see it. It says whether a token came and whether it was
/// accepted, never which token: the log is served over plain HTTP.
#[derive(Clone, Debug, Serialize)]
pub struct RequestRecord {
    #[serde(skip)]
    seq: u64,
    pub method: String,
    pub host: Option<String>,
    pub path: String,
    pub query: Option<String>,
    pub has_token: bool,
    pub token_valid: bool,
    /// Absent while the answer is pending, and for ever for a hung request.
    pub status: Option<u16>,
}

impl RequestRecord {
    pub fn new(method: &str, host: Option<String>, path: &str, query: Option<&str>) -> Self {
        RequestRecord {
            seq: 0,
            method: method.to_string(),
            host,
            path: path.to_string(),
            query: query.map(redact),
            has_token: false,
            token_valid: false,
            status: None,
        }
    }
}

/// Hides the values of query fields that carry credentials, in case a client sends its key,
/// secret or token in the URL: the log is served over plain HTTP.
fn redact(query: &str) -> String {
    const SECRET_FIELDS: [&str; 4] = ["apikey", "secret", "accesstoken", "access_token"];
    let fields = query.split('&').map(|field| match field.split_once('=') {
        Some((key, _)) if SECRET_FIELDS.contains(&key.to_ascii_lowercase().as_str()) => {
            format!("{key}=REDACTED")
        }
        _ => field.to_string(),
    });
    fields.collect::<Vec<_>>().join("&")
}

#[derive(Debug, Serialize)]
pub struct Stats {
    pub requests: usize,
    /// API requests being answered now; one whose client went away is no longer counted.
    pub in_flight: usize,
    pub in_flight_peak: usize,
}

pub struct State {
    pub orchestrations: Vec<Orchestration>,
    pub credentials: Credentials,
    pub verbose: bool,
    live: Mutex<Live>,
    in_flight: AtomicUsize,
    in_flight_peak: AtomicUsize,
}

struct Live {
    settings: Settings,
    /// The configured token first, then every token minted since it was set.
    tokens: Vec<String>,
    minted: u64,
    log: Vec<RequestRecord>,
    next_seq: u64,
    rules: RuleSet,
}

impl State {
    pub fn new(
        orchestrations: Vec<Orchestration>,
        settings: Settings,
        token: String,
        credentials: Credentials,
        verbose: bool,
    ) -> Self {
        State {
            orchestrations,
            credentials,
            verbose,
            live: Mutex::new(Live {
                settings,
                tokens: vec![token],
                minted: 0,
                log: Vec::new(),
                next_seq: 0,
                rules: RuleSet::default(),
            }),
            in_flight: AtomicUsize::new(0),
            in_flight_peak: AtomicUsize::new(0),
        }
    }

    fn live(&self) -> MutexGuard<'_, Live> {
        // A panic while holding the lock cannot leave this data half-written in a way that
        // matters to a test double, so a poisoned lock is used as it is.
        self.live
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn settings(&self) -> Settings {
        self.live().settings
    }

    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) -> Settings {
        let mut live = self.live();
        change(&mut live.settings);
        live.settings
    }

    /// Makes `token` the only accepted one, as if every earlier token had expired.
    pub fn replace_token(&self, token: String) {
        self.live().tokens = vec![token];
    }

    pub fn token_valid(&self, token: &str) -> bool {
        !token.is_empty() && self.live().tokens.iter().any(|known| known == token)
    }

    pub fn mint_token(&self) -> String {
        let mut live = self.live();
        live.minted += 1;
        let token = format!("fzk-minted-{:04}", live.minted);
        live.tokens.push(token.clone());
        token
    }

    pub fn find(&self, deployment_id: &str) -> Option<&Orchestration> {
        self.orchestrations
            .iter()
            .find(|item| item.deployment_id == deployment_id)
    }

    /// Logs a request as it arrives, so a test sees it even if it is never answered.
    pub fn record(&self, mut record: RequestRecord) -> u64 {
        let mut live = self.live();
        record.seq = live.next_seq;
        live.next_seq += 1;
        live.log.push(record);
        live.next_seq - 1
    }

    pub fn record_status(&self, seq: u64, status: u16) {
        let mut live = self.live();
        // Gone if the log was reset while the request was pending; nothing to update then.
        if let Some(record) = live.log.iter_mut().rev().find(|r| r.seq == seq) {
            record.status = Some(status);
        }
    }

    pub fn requests(&self) -> Vec<RequestRecord> {
        self.live().log.clone()
    }

    pub fn stats(&self) -> Stats {
        Stats {
            requests: self.live().log.len(),
            in_flight: self.in_flight.load(Ordering::SeqCst),
            in_flight_peak: self.in_flight_peak.load(Ordering::SeqCst),
        }
    }

    /// Clears the log and the rules and restarts the peak count from what is in flight now.
    /// Settings and tokens stay: a test that changed them changes them back.
    pub fn reset(&self) {
        let mut live = self.live();
        live.log.clear();
        live.rules.clear();
        let now = self.in_flight.load(Ordering::SeqCst);
        self.in_flight_peak.store(now, Ordering::SeqCst);
    }

    pub fn take_rule(&self, path: &str) -> Option<Rule> {
        self.live().rules.take(path)
    }

    pub fn set_rules(&self, rules: Vec<Rule>) {
        self.live().rules.replace(rules);
    }

    pub fn rules(&self) -> Vec<Rule> {
        self.live().rules.list()
    }

    /// Counts an API request as in flight until the guard is dropped, however the request
    /// ends (answered, aborted, or the client went away).
    pub fn enter_flight(&self) -> FlightGuard<'_> {
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.in_flight_peak.fetch_max(now, Ordering::SeqCst);
        FlightGuard { state: self }
    }
}

pub struct FlightGuard<'a> {
    state: &'a State,
}

impl Drop for FlightGuard<'_> {
    fn drop(&mut self) {
        self.state.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
pub fn for_tests(shape: Shape, ids: IdStyle) -> State {
    let path = crate::fixture::resolve_path(None);
    let orchestrations = crate::fixture::load(&path).expect("the shipped fixture loads");
    let settings = Settings {
        shape,
        ids,
        latency_ms: 0,
    };
    let credentials = Credentials {
        apikey: "demo-key".into(),
        secret: "demo-secret".into(),
    };
    State::new(
        orchestrations,
        settings,
        "fzk-demo-token".into(),
        credentials,
        false,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replaced_token_invalidates_the_old_and_the_minted_ones() {
        let state = for_tests(Shape::Bare, IdStyle::Numbers);
        let minted = state.mint_token();
        assert!(state.token_valid("fzk-demo-token") && state.token_valid(&minted));
        state.replace_token("fresh".into());
        assert!(!state.token_valid("fzk-demo-token") && !state.token_valid(&minted));
        assert!(state.token_valid("fresh"));
    }

    #[test]
    fn credentials_in_a_query_are_not_logged() {
        let record = RequestRecord::new(
            "POST",
            None,
            "/x",
            Some("apikey=k&secret=s&response_type=json"),
        );
        let query = record.query.unwrap();
        assert_eq!(query, "apikey=REDACTED&secret=REDACTED&response_type=json");
    }

    #[test]
    fn the_peak_counts_concurrent_requests_and_resets() {
        let state = for_tests(Shape::Bare, IdStyle::Numbers);
        {
            let _one = state.enter_flight();
            let _two = state.enter_flight();
        }
        let _three = state.enter_flight();
        assert_eq!(state.stats().in_flight_peak, 2);
        state.reset();
        assert_eq!(state.stats().in_flight_peak, 1);
    }
}
