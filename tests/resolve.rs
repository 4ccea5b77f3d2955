//! Finding the hex id behind a report page's numeric id: few requests, the named one first,
//! never more than four at once, and nothing asked twice.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use functionize_report_links::api::{Client, HttpRequest, HttpResponse, Transport, TransportError};
use functionize_report_links::json::Json;
use functionize_report_links::resolve::{deployment_for, Candidates, IdMap, MAX_IN_FLIGHT};
use functionize_report_links::{DeploymentId, Error, Host, OrchestrationId};
use pollster::block_on;

/// A small Functionize: `count` orchestrations named "Suite N", numeric id 1000 + N. Its
/// `/group` answers take one turn of the executor, so concurrent requests really overlap.
struct Account {
    count: usize,
    requests: RefCell<Vec<String>>,
    in_flight: Cell<usize>,
    peak: Cell<usize>,
    group_status: u16,
}

fn hex(n: usize) -> String {
    format!("{n:032x}")
}

impl Account {
    fn new(count: usize) -> Self {
        Account {
            count,
            requests: RefCell::default(),
            in_flight: Cell::new(0),
            peak: Cell::new(0),
            group_status: 200,
        }
    }

    fn list_body(&self) -> String {
        let items: Vec<String> = (0..self.count)
            .map(|n| format!(r#"{{"deployment_id":"{}","name":"Suite {n}"}}"#, hex(n)))
            .collect();
        format!("[{}]", items.join(","))
    }

    fn group_requests(&self) -> usize {
        let requests = self.requests.borrow();
        requests.iter().filter(|url| url.contains("/group")).count()
    }
}

impl Transport for Account {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.requests.borrow_mut().push(request.url.clone());
        self.in_flight.set(self.in_flight.get() + 1);
        self.peak.set(self.peak.get().max(self.in_flight.get()));
        YieldOnce(false).await;
        self.in_flight.set(self.in_flight.get() - 1);

        let path = request.url.split('?').next().unwrap_or_default();
        let body = match path.rsplit('/').next() {
            Some("orchestration") => self.list_body(),
            Some("group") if self.group_status == 200 => {
                let hex = path.split('/').rev().nth(1).unwrap_or_default();
                let n = usize::from_str_radix(hex, 16).unwrap();
                format!(r#"{{"id":{}}}"#, 1000 + n)
            }
            _ => String::new(),
        };
        let status = if path.ends_with("group") {
            self.group_status
        } else {
            200
        };
        Ok(HttpResponse {
            status,
            content_type: Some("application/json".into()),
            body,
            ..HttpResponse::default()
        })
    }

    async fn pause(&self, _ms: u32) {}

    fn jitter(&self) -> f64 {
        0.0
    }
}

struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn numeric(n: u64) -> OrchestrationId {
    OrchestrationId::parse(&n.to_string()).unwrap()
}

fn resolve(
    account: &Account,
    wanted: u64,
    name: Option<&str>,
    map: &mut IdMap,
) -> Result<DeploymentId, Error> {
    resolve_among(account, wanted, name, map, Candidates::All)
}

fn resolve_among(
    account: &Account,
    wanted: u64,
    name: Option<&str>,
    map: &mut IdMap,
    candidates: Candidates,
) -> Result<DeploymentId, Error> {
    let client = Client::new(account, Host::default(), "token");
    block_on(deployment_for(
        &client,
        numeric(wanted),
        name,
        map,
        candidates,
    ))
}

#[test]
fn a_name_like_search_asks_only_orchestrations_named_like_the_page() {
    let account = Account::new(200);
    let mut map = IdMap::default();
    let found = resolve_among(
        &account,
        1150,
        Some("suite 15"),
        &mut map,
        Candidates::NameLike,
    );
    assert_eq!(found.unwrap().as_str(), hex(150));
    // "Suite 15" and "Suite 150" to "Suite 159" at the most, never the other 189.
    assert!(
        account.group_requests() <= 11,
        "{}",
        account.group_requests()
    );
}

#[test]
fn a_name_like_search_with_no_such_name_asks_no_candidate() {
    let account = Account::new(200);
    let mut map = IdMap::default();
    let name = Some("Dashboard · Functionize");
    let found = resolve_among(&account, 1150, name, &mut map, Candidates::NameLike);
    assert_eq!(found, Err(Error::NotFound));
    assert_eq!(account.group_requests(), 0);
}

#[test]
fn with_the_name_on_the_page_the_named_orchestration_is_asked_first() {
    let account = Account::new(200);
    let mut map = IdMap::default();
    let found = resolve(&account, 1150, Some("  suite   150 "), &mut map).unwrap();
    assert_eq!(found.as_str(), hex(150));
    // the list, then the one named candidate (and at most the few already in flight)
    assert_eq!(account.requests.borrow().len(), 2);
}

#[test]
fn without_a_name_the_candidates_are_asked_four_at_a_time_until_one_matches() {
    let account = Account::new(40);
    let mut map = IdMap::default();
    let found = resolve(&account, 1030, None, &mut map).unwrap();
    assert_eq!(found.as_str(), hex(30));
    assert_eq!(account.peak.get(), MAX_IN_FLIGHT);
    // the 31 candidates up to the match, plus at most the three started beside it
    assert!(account.group_requests() < 31 + MAX_IN_FLIGHT);
    assert!(account.group_requests() < 40, "it stopped at the match");
}

#[test]
fn every_mapping_learned_on_the_way_is_kept() {
    let account = Account::new(10);
    let mut map = IdMap::default();
    resolve(&account, 1005, None, &mut map).unwrap();
    assert!(map.len() >= 6);
    assert_eq!(map.get(numeric(1002)).unwrap().as_str(), hex(2));
}

#[test]
fn a_known_mapping_sends_no_request() {
    let account = Account::new(10);
    let mut map = IdMap::default();
    map.insert(numeric(1007), &DeploymentId::parse(&hex(7)).unwrap());
    let found = resolve(&account, 1007, Some("Suite 7"), &mut map).unwrap();
    assert_eq!(found.as_str(), hex(7));
    assert!(account.requests.borrow().is_empty());
}

#[test]
fn a_numeric_id_that_matches_nothing_is_not_found_after_asking_each_once() {
    let account = Account::new(12);
    let mut map = IdMap::default();
    assert_eq!(resolve(&account, 99, None, &mut map), Err(Error::NotFound));
    assert_eq!(account.group_requests(), 12);
    assert_eq!(map.len(), 12);
}

#[test]
fn a_rejected_token_stops_the_search_at_once() {
    let mut account = Account::new(50);
    account.group_status = 401;
    let mut map = IdMap::default();
    assert_eq!(
        resolve(&account, 1049, None, &mut map),
        Err(Error::TokenRejected)
    );
    assert!(account.group_requests() <= MAX_IN_FLIGHT);
}

#[test]
fn the_map_survives_a_round_trip_through_storage_as_plain_json() {
    let mut map = IdMap::default();
    map.insert(numeric(520603), &DeploymentId::parse(&hex(3)).unwrap());
    let stored = map.to_json().to_string();
    assert_eq!(stored, format!(r#"{{"520603":"{}"}}"#, hex(3)));
    let read = IdMap::from_json(&Json::parse(&stored).unwrap());
    assert_eq!(read, map);
}

#[test]
fn a_second_search_for_an_unknown_id_asks_no_candidate_twice() {
    let account = Account::new(12);
    let mut map = IdMap::default();
    assert_eq!(resolve(&account, 99, None, &mut map), Err(Error::NotFound));
    assert_eq!(resolve(&account, 99, None, &mut map), Err(Error::NotFound));
    assert_eq!(account.group_requests(), 12);
}
