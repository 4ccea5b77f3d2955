//! The calls the extension makes to Functionize, each one request through the transport, with
//! the answer turned into a typed value or into the error a user can act on.

use crate::api::parse::{
    parse_group, parse_latest_run, parse_orchestrations, parse_share_link, Orchestration,
};
use crate::api::transport::{HttpRequest, HttpResponse, Method, Transport, TransportError};
use crate::error::{reveals, Error};
use crate::host::Host;
use crate::ids::{DeploymentId, OrchestrationId, RunId};
use crate::links::ShareLink;
use crate::locale::{text, text_with};

/// Tries of one GET in all, the first included.
pub const MAX_TRIES: u32 = 3;
/// The first retry waits this long (plus jitter), each later one twice as long.
const BACKOFF_BASE_MS: u32 = 400;
/// A rate limit asking for a longer wait is reported at once: a popup should not sit silent.
pub const MAX_RETRY_WAIT_SECS: u64 = 5;

/// Waiting time assumed when a 429 has no usable `Retry-After`.
pub const DEFAULT_RETRY_AFTER_SECS: u64 = 30;
/// Longer waits are shown as an hour; a day-long countdown in a popup helps nobody.
const MAX_RETRY_AFTER_SECS: u64 = 3600;

pub struct Client<T: Transport> {
    pub transport: T,
    pub host: Host,
    pub token: String,
}

impl<T: Transport> Client<T> {
    pub fn new(transport: T, host: Host, token: impl Into<String>) -> Self {
        Self {
            transport,
            host,
            token: token.into(),
        }
    }

    /// `GET /orchestration`.
    pub async fn list_orchestrations(&self) -> Result<Vec<Orchestration>, Error> {
        // A missing list is no missing orchestration: the host is not a Functionize API.
        self.get("orchestration", parse_orchestrations)
            .await
            .map_err(|error| match error {
                Error::NotFound => Error::NoApiAtHost {
                    host: self.host.to_string(),
                },
                other => other,
            })
    }

    /// `GET /orchestration/{hex}/group`: the numeric id the web UI uses.
    pub async fn orchestration_id(&self, id: &DeploymentId) -> Result<OrchestrationId, Error> {
        let path = format!("orchestration/{id}/group");
        self.get(&path, parse_group).await
    }

    /// `GET /orchestration/{hex}/csvreport`: its `Details` value, checked before it is used.
    pub async fn share_link(&self, id: &DeploymentId) -> Result<ShareLink, Error> {
        let path = format!("orchestration/{id}/csvreport");
        let raw = self.get(&path, parse_share_link).await?;
        // A link that carries the user's token would hand it to everyone it is pasted to.
        if reveals(&raw, self.token.trim()) {
            return Err(Error::UnsafeShareLink {
                reason: text("linkReasonHasToken"),
            });
        }
        ShareLink::parse(&raw, &self.host)
    }

    /// `GET /orchestration/{hex}/status`: the latest run id, when there is one.
    pub async fn latest_run(&self, id: &DeploymentId) -> Result<Option<RunId>, Error> {
        let path = format!("orchestration/{id}/status");
        self.get(&path, parse_latest_run).await
    }

    /// Lists the orchestrations and counts them: a token that can do that can do the rest.
    pub async fn validate_token(&self) -> Result<usize, Error> {
        Ok(self.list_orchestrations().await?.len())
    }

    async fn get<V>(&self, path: &str, parse: fn(&str) -> Result<V, Error>) -> Result<V, Error> {
        let token = self.token.trim();
        if token.is_empty() {
            return Err(Error::NoToken);
        }
        let request = HttpRequest {
            method: Method::Get,
            url: api_url(&self.host, path),
            headers: vec![
                ("accesstoken".into(), token.into()),
                ("accept".into(), "application/json".into()),
            ],
            form: None,
        };
        let response = self.send_with_retries(request).await?;

        parse(&response.body).map_err(|error| error.without_secret(token))
    }

    /// Sends a GET, trying again after a rate limit that asks for a short wait, a 5xx answer or
    /// a network failure, up to `MAX_TRIES` in all, with exponential backoff and jitter. A
    /// timeout is not tried again: the user has already waited for it.
    async fn send_with_retries(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        let mut attempt = 1;
        loop {
            let (error, may_retry_silence) = match self.transport.send(request.clone()).await {
                Ok(response) => match check_response(&response) {
                    Ok(()) => return Ok(response),
                    Err(error) => (error, true),
                },
                Err(TransportError::Network) => (Error::NotAnswering, true),
                Err(other) => (error_for_transport(other), false),
            };
            let wait_ms = match &error {
                _ if attempt >= MAX_TRIES => None,
                Error::RateLimited { retry_after_secs } => (*retry_after_secs
                    <= MAX_RETRY_WAIT_SECS)
                    .then(|| *retry_after_secs as u32 * 1000),
                Error::NotAnswering if may_retry_silence => Some(self.backoff_ms(attempt)),
                _ => None,
            };
            let Some(wait_ms) = wait_ms else {
                return Err(error);
            };
            self.transport.pause(wait_ms).await;
            attempt += 1;
        }
    }

    fn backoff_ms(&self, attempt: u32) -> u32 {
        let base = BACKOFF_BASE_MS << (attempt - 1);
        base + (f64::from(base) * self.transport.jitter()) as u32
    }
}

/// `{api_base}/{path}?response_type=json`; `path` has no query of its own.
pub fn api_url(host: &Host, path: &str) -> String {
    format!("{}/{path}?response_type=json", host.api_base())
}

/// The one place where an HTTP answer becomes an error.
pub fn check_response(response: &HttpResponse) -> Result<(), Error> {
    match response.status {
        200..=299 => {}
        // Redirects are normally followed by the transport; one that was not is most
        // likely the login redirect of an expired session.
        300..=399 | 401 | 403 => return Err(Error::TokenRejected),
        404 => return Err(Error::NotFound),
        429 => {
            return Err(Error::RateLimited {
                retry_after_secs: retry_after_secs(response.retry_after.as_deref()),
            })
        }
        408 | 500..=599 => return Err(Error::NotAnswering),
        other => {
            return Err(Error::Unexpected {
                missing: text_with("missingHttpStatus", &[&other.to_string()]),
            })
        }
    }
    if is_login_page(response) {
        return Err(Error::TokenRejected);
    }
    Ok(())
}

/// Every transport failure looks the same to a user: Functionize did not answer in time.
pub fn error_for_transport(_: TransportError) -> Error {
    Error::NotAnswering
}

/// An expired session answers 200 with the login page, often after a redirect.
fn is_login_page(response: &HttpResponse) -> bool {
    let is_html = response
        .content_type
        .as_deref()
        .is_some_and(|kind| kind.to_ascii_lowercase().contains("text/html"));
    let body = response.body.trim_start();
    // Older APIs label JSON as HTML; what the body is counts more than what the label says.
    let looks_like_json = body.starts_with('{') || body.starts_with('[');
    !looks_like_json && (is_html || body.starts_with('<') || response.redirected)
}

/// Reads `Retry-After` in seconds. Its HTTP-date form is not parsed (no clock or calendar
/// code is worth shipping for it); it falls back to the default like a missing header.
fn retry_after_secs(header: Option<&str>) -> u64 {
    header
        .map(str::trim)
        .filter(|value| !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()))
        .map(|value| value.parse::<u64>().unwrap_or(u64::MAX))
        .unwrap_or(DEFAULT_RETRY_AFTER_SECS)
        .clamp(1, MAX_RETRY_AFTER_SECS)
}
