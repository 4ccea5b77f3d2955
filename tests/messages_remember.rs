//! Share links and latest run ids are reused while younger than the age the settings allow,
//! so a repeated copy sends no request; then they are asked again.

mod asking;
mod ours;
mod scripted;

use functionize_report_links::cache::Remembered;
use functionize_report_links::messages::{answer, Context, Sender};
use functionize_report_links::resolve::IdMap;
use functionize_report_links::settings::Settings;
use ours::{ours, theirs};
use pollster::block_on;
use serde_json::{json, Value};

use asking::settings;
use scripted::{json, Scripted, HEX};

const LINK: &str = "https://app.functionize.com/public/orchestration-report/abc123";
const MINUTE_MS: f64 = 60_000.0;

/// The worker's memory between messages: settings, ids and what it remembered.
struct Worker {
    settings: Settings,
    ids: IdMap,
    remembered: Remembered,
}

impl Worker {
    fn new(remember_minutes: Option<u32>) -> Self {
        Worker {
            settings: Settings {
                remember_minutes,
                ..settings()
            },
            ids: IdMap::default(),
            remembered: Remembered::default(),
        }
    }

    /// Answers `message` at `now_ms`; returns the reply and how many requests it sent.
    fn ask(&mut self, message: Value, now_ms: f64, answers: Vec<&str>) -> (Value, usize) {
        let transport = Scripted::answering(answers.into_iter().map(|b| json(200, b)).collect());
        let context = Context {
            settings: &mut self.settings,
            ids: &mut self.ids,
            remembered: &mut self.remembered,
            now_ms,
            host_permitted: true,
            transport: &transport,
        };
        let reply = theirs(&block_on(answer(
            &ours(&message),
            &Sender::ExtensionPage,
            context,
        )));
        (reply, transport.requests().len())
    }
}

fn share() -> Value {
    json!({ "type": "shareLink", "deploymentId": HEX })
}

fn csvreport() -> String {
    format!(r#"{{"Details":"{LINK}"}}"#)
}

#[test]
fn a_share_link_copied_again_soon_sends_no_request() {
    let mut worker = Worker::new(None);
    let (first, sent) = worker.ask(share(), 0.0, vec![&csvreport()]);
    assert_eq!((first["url"].as_str(), sent), (Some(LINK), 1));
    let (again, sent) = worker.ask(share(), 9.0 * MINUTE_MS, vec![]);
    assert_eq!((again["url"].as_str(), sent), (Some(LINK), 0));
}

#[test]
fn a_share_link_older_than_the_allowed_age_is_asked_again() {
    let mut worker = Worker::new(Some(2));
    worker.ask(share(), 0.0, vec![&csvreport()]);
    let (again, sent) = worker.ask(share(), 2.0 * MINUTE_MS, vec![&csvreport()]);
    assert_eq!((again["url"].as_str(), sent), (Some(LINK), 1));
}

#[test]
fn an_age_of_zero_minutes_reuses_nothing() {
    let mut worker = Worker::new(Some(0));
    worker.ask(share(), 0.0, vec![&csvreport()]);
    let (_, sent) = worker.ask(share(), 1.0, vec![&csvreport()]);
    assert_eq!(sent, 1);
}

#[test]
fn a_remembered_link_is_not_reused_for_another_host() {
    let mut worker = Worker::new(None);
    worker.ask(share(), 0.0, vec![&csvreport()]);
    worker.settings.host = "studio.functionize.com".into();
    let other = r#"{"Details":"https://studio.functionize.com/public/orchestration-report/x"}"#;
    let (reply, sent) = worker.ask(share(), 1.0, vec![other]);
    assert_eq!(sent, 1);
    assert_ne!(reply["url"].as_str(), Some(LINK));
}

#[test]
fn a_latest_run_is_reused_too_but_a_typed_run_always_wins() {
    let mut worker = Worker::new(None);
    let report = json!({ "type": "reportUrl", "deploymentId": HEX });
    let (first, sent) = worker.ask(
        report.clone(),
        0.0,
        vec![r#"{"runId":"777"}"#, r#"{"id":42}"#],
    );
    assert_eq!((first["runId"].as_str(), sent), (Some("777"), 2));
    let (again, sent) = worker.ask(report, 60_000.0, vec![]);
    assert_eq!((again["runId"].as_str(), sent), (Some("777"), 0));

    let typed = json!({ "type": "reportUrl", "deploymentId": HEX, "runId": "800" });
    let (typed, sent) = worker.ask(typed, 60_000.0, vec![]);
    assert_eq!((typed["runId"].as_str(), sent), (Some("800"), 0));
}
