//! A transport that answers from a script and records what it was asked, shared by the
//! client tests. Each test file uses a different part of it.
#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::VecDeque;

use functionize_report_links::api::{Client, HttpRequest, HttpResponse, Transport, TransportError};
use functionize_report_links::{DeploymentId, Host};

pub const HEX: &str = "0123456789abcdef0123456789abcdef";
pub const TOKEN: &str = "tok-s3cr3t-123";

/// Answers requests from a script, in order, and records every request it was given.
#[derive(Default)]
pub struct Scripted {
    answers: RefCell<VecDeque<Result<HttpResponse, TransportError>>>,
    requests: RefCell<Vec<HttpRequest>>,
    pauses: RefCell<Vec<u32>>,
}

impl Scripted {
    pub fn answering(answers: Vec<Result<HttpResponse, TransportError>>) -> Self {
        Self {
            answers: RefCell::new(answers.into()),
            requests: RefCell::default(),
            pauses: RefCell::default(),
        }
    }

    pub fn requests(&self) -> Vec<HttpRequest> {
        self.requests.borrow().clone()
    }

    /// The waits the client asked for between tries, in milliseconds.
    pub fn pauses(&self) -> Vec<u32> {
        self.pauses.borrow().clone()
    }
}

impl Transport for Scripted {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.requests.borrow_mut().push(request);
        self.answers
            .borrow_mut()
            .pop_front()
            .expect("the client sent more requests than the script answers")
    }

    async fn pause(&self, ms: u32) {
        self.pauses.borrow_mut().push(ms);
    }

    fn jitter(&self) -> f64 {
        0.5
    }
}

pub fn json(status: u16, body: &str) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse {
        status,
        content_type: Some("application/json; charset=utf-8".into()),
        body: body.into(),
        ..HttpResponse::default()
    })
}

pub fn client(answers: Vec<Result<HttpResponse, TransportError>>) -> Client<Scripted> {
    Client::new(Scripted::answering(answers), Host::default(), TOKEN)
}

pub fn deployment() -> DeploymentId {
    DeploymentId::parse(HEX).unwrap()
}
