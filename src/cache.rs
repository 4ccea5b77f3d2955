//! Answers worth keeping for a while: share links and latest run ids, each with the time it was
//! fetched. Unlike id mappings they can change (a link revoked, a new run), so each is used only
//! while younger than the age the user allows; then it is asked again.

use crate::host::Host;
use crate::ids::{DeploymentId, RunId};
use crate::json::Json;

/// Entries kept per kind; the oldest go first beyond it, so the stored object stays small.
pub const MAX_ENTRIES: usize = 500;

/// One remembered value of one orchestration, and when it was fetched, in milliseconds since
/// the epoch. A list rather than a map: a few hundred entries are searched in no time, and a
/// map type would cost the shipped wasm several kilobytes.
#[derive(Clone, Debug, PartialEq)]
struct Stamped {
    id: String,
    value: String,
    at: f64,
}

/// What the worker remembers between messages, stored as one object.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Remembered {
    /// The host the entries came from; on another host they mean nothing.
    host: String,
    share_links: Vec<Stamped>,
    latest_runs: Vec<Stamped>,
}

/// The moment of a lookup and how old a remembered value may be then.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Freshness {
    pub now_ms: f64,
    pub max_age_ms: f64,
}

impl Freshness {
    fn admits(&self, entry: &Stamped) -> bool {
        // A time in the future (a clock set back) is not trusted either.
        let age = self.now_ms - entry.at;
        (0.0..self.max_age_ms).contains(&age)
    }
}

impl Remembered {
    /// Empties what was remembered for another host than `host`.
    pub fn use_host(&mut self, host: &Host) {
        if self.host != host.as_str() {
            *self = Remembered {
                host: host.as_str().to_owned(),
                ..Remembered::default()
            };
        }
    }

    /// The share link of `id` while it is fresh.
    pub fn share_link(&self, id: &DeploymentId, when: Freshness) -> Option<&str> {
        fresh(&self.share_links, id, when)
    }

    pub fn keep_share_link(&mut self, id: &DeploymentId, link: &str, when: Freshness) {
        keep(&mut self.share_links, id, link, when);
    }

    /// The latest run of `id` while it is fresh.
    pub fn latest_run(&self, id: &DeploymentId, when: Freshness) -> Option<RunId> {
        fresh(&self.latest_runs, id, when).and_then(|run| RunId::parse(run).ok())
    }

    pub fn keep_latest_run(&mut self, id: &DeploymentId, run: &RunId, when: Freshness) {
        keep(&mut self.latest_runs, id, run.as_str(), when);
    }
}

impl Remembered {
    /// As stored: `{host, shareLinks: [{id, value, at}], latestRuns: [...]}`, times in whole
    /// milliseconds.
    pub fn to_json(&self) -> Json {
        let entries = |list: &[Stamped]| {
            let stamped = list.iter().map(|entry| {
                Json::object([
                    ("id", entry.id.as_str().into()),
                    ("value", entry.value.as_str().into()),
                    ("at", (entry.at as u64).into()),
                ])
            });
            Json::Array(stamped.collect())
        };
        Json::object([
            ("host", self.host.as_str().into()),
            ("shareLinks", entries(&self.share_links)),
            ("latestRuns", entries(&self.latest_runs)),
        ])
    }

    /// What was stored; entries that do not read are dropped, to be asked again.
    pub fn from_json(value: &Json) -> Remembered {
        let entries = |key: &str| {
            let stored = value[key].as_array().map(Vec::as_slice).unwrap_or_default();
            let stamped = stored.iter().filter_map(|entry| {
                Some(Stamped {
                    id: entry["id"].as_str()?.to_owned(),
                    value: entry["value"].as_str()?.to_owned(),
                    at: entry["at"].as_u64()? as f64,
                })
            });
            stamped.collect()
        };
        Remembered {
            host: value["host"].as_str().unwrap_or_default().to_owned(),
            share_links: entries("shareLinks"),
            latest_runs: entries("latestRuns"),
        }
    }
}

fn fresh<'a>(entries: &'a [Stamped], id: &DeploymentId, when: Freshness) -> Option<&'a str> {
    entries
        .iter()
        .find(|entry| entry.id == id.as_str() && when.admits(entry))
        .map(|entry| entry.value.as_str())
}

/// Adds the entry in place of an older one, dropping stale ones and, beyond `MAX_ENTRIES`,
/// the oldest (entries are kept oldest first).
fn keep(entries: &mut Vec<Stamped>, id: &DeploymentId, value: &str, when: Freshness) {
    entries.retain(|entry| entry.id != id.as_str() && when.admits(entry));
    entries.push(Stamped {
        id: id.as_str().to_owned(),
        value: value.to_owned(),
        at: when.now_ms,
    });
    let excess = entries.len().saturating_sub(MAX_ENTRIES);
    entries.drain(..excess);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: usize) -> DeploymentId {
        DeploymentId::parse(&format!("{n:032x}")).unwrap()
    }

    #[test]
    fn only_the_newest_entries_are_kept_and_stale_ones_go() {
        let mut remembered = Remembered::default();
        for n in 0..MAX_ENTRIES + 5 {
            let when = Freshness {
                now_ms: n as f64,
                max_age_ms: 1e9,
            };
            remembered.keep_share_link(&id(n), "https://app.functionize.com/x", when);
        }
        let later = Freshness {
            now_ms: 1_000.0,
            max_age_ms: 1e9,
        };
        assert_eq!(remembered.share_links.len(), MAX_ENTRIES);
        assert!(remembered.share_link(&id(4), later).is_none());
        assert!(remembered.share_link(&id(5), later).is_some());

        let much_later = Freshness {
            now_ms: 2e9,
            max_age_ms: 1e9,
        };
        remembered.keep_share_link(&id(0), "https://app.functionize.com/y", much_later);
        assert_eq!(remembered.share_links.len(), 1);
    }

    #[test]
    fn a_time_from_the_future_is_not_trusted() {
        let mut remembered = Remembered::default();
        let future = Freshness {
            now_ms: 5_000.0,
            max_age_ms: 60_000.0,
        };
        remembered.keep_share_link(&id(1), "https://app.functionize.com/x", future);
        let now = Freshness {
            now_ms: 1_000.0,
            ..future
        };
        assert_eq!(remembered.share_link(&id(1), now), None);
    }

    #[test]
    fn what_is_stored_reads_back_and_an_unreadable_entry_is_dropped_alone() {
        let mut remembered = Remembered::default();
        remembered.use_host(&Host::default());
        let when = Freshness {
            now_ms: 1_733_300_000_123.0,
            max_age_ms: 60_000.0,
        };
        remembered.keep_share_link(&id(1), "https://app.functionize.com/x", when);
        remembered.keep_latest_run(&id(2), &RunId::parse("r-9").unwrap(), when);
        let stored = remembered.to_json();
        assert_eq!(Remembered::from_json(&stored), remembered);

        let text = stored.to_string().replace(
            r#""shareLinks":["#,
            r#""shareLinks":[{"id":"x","value":3,"at":1},"#,
        );
        let read = Remembered::from_json(&Json::parse(&text).unwrap());
        assert_eq!(read, remembered);
    }
}
