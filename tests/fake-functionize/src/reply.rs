//! An answer before it becomes an HTTP response. Routes build a `Reply`, misbehaviour rules may
//! replace or bend it, and only then is it turned into hyper's response: whole, or cut short.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::channel::Channel;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::header::{HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::{Response, StatusCode};
use serde_json::{json, Value};

pub type Body = BoxBody<Bytes, Aborted>;

pub const JSON: &str = "application/json";
pub const HTML: &str = "text/html; charset=utf-8";

/// Why a connection was dropped on purpose; hyper closes the connection when it sees it.
#[derive(Debug)]
pub struct Aborted(pub &'static str);

impl fmt::Display for Aborted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "connection dropped on purpose: {}", self.0)
    }
}

impl std::error::Error for Aborted {}

#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl Reply {
    pub fn json(status: u16, value: &Value) -> Self {
        Reply::new(status, JSON, value.to_string())
    }

    pub fn html(status: u16, page: String) -> Self {
        Reply::new(status, HTML, page)
    }

    /// The error shape the real API uses for a refused call.
    pub fn failure(status: u16, message: &str) -> Self {
        Reply::json(status, &json!({ "STATUS": "FAILURE", "MESSAGE": message }))
    }

    pub fn redirect(location: &str) -> Self {
        Reply::new(302, HTML, String::new()).with_header("location", location)
    }

    pub fn new(status: u16, content_type: &str, body: impl Into<Bytes>) -> Self {
        Reply {
            status,
            content_type: content_type.to_string(),
            headers: Vec::new(),
            body: body.into(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn into_response(self) -> Response<Body> {
        let body = Full::new(self.body.clone())
            .map_err(|never| match never {})
            .boxed();
        self.head(body)
    }

    /// Announces the whole body's length but sends only its first half, then drops the
    /// connection: what a client sees when a server or proxy dies mid-answer.
    pub fn into_truncated_response(self) -> Response<Body> {
        let full_length = self.body.len();
        let half = self.body.slice(..full_length / 2);
        let (mut sender, channel) = Channel::<Bytes, Aborted>::new(1);
        tokio::spawn(async move {
            if sender.send_data(half).await.is_ok() {
                // Give hyper time to flush the half before the abort closes the connection.
                tokio::time::sleep(Duration::from_millis(100)).await;
                sender.abort(Aborted("truncated on request"));
            }
        });
        let mut response = self.head(channel.boxed());
        response
            .headers_mut()
            .insert(CONTENT_LENGTH, HeaderValue::from(full_length));
        response
    }

    fn head(self, body: Body) -> Response<Body> {
        let mut response = Response::new(body);
        *response.status_mut() =
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        if let Ok(value) = HeaderValue::from_str(&self.content_type) {
            headers.insert(CONTENT_TYPE, value);
        }
        // Headers come from rules typed by tests; a malformed one is skipped, not fatal.
        for (name, value) in &self.headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                headers.insert(name, value);
            }
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_use_the_api_error_shape() {
        let reply = Reply::failure(401, "Invalid access token");
        let body: Value = serde_json::from_slice(&reply.body).unwrap();
        assert_eq!(body["STATUS"], "FAILURE");
        assert_eq!(body["MESSAGE"], "Invalid access token");
        assert_eq!(reply.content_type, JSON);
    }

    #[test]
    fn extra_headers_reach_the_response() {
        let response = Reply::failure(429, "slow down")
            .with_header("Retry-After", "7")
            .into_response();
        assert_eq!(response.status(), 429);
        assert_eq!(response.headers()["retry-after"], "7");
    }
}
