//! The HTTPS side: accepts TLS connections, logs each request, applies latency and any
//! misbehaviour rule, and hands the request to the API or the pages.

use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::header::HOST;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

use crate::api::{self, ApiCall};
use crate::pages;
use crate::reply::{Aborted, Body, Reply};
use crate::state::{RequestRecord, State};

/// Longest a hung request is held. Clients give up long before; the limit only stops a
/// forgotten test from pinning connections for the life of the process.
const HANG_LIMIT: Duration = Duration::from_secs(600);

/// Request bodies are small forms; anything larger is not a Functionize client.
const BODY_LIMIT: usize = 64 * 1024;

pub async fn serve(listener: TcpListener, acceptor: TlsAcceptor, state: Arc<State>) {
    loop {
        let (tcp, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(error) => {
                // Usually out of file descriptors under a load test: wait and go on.
                eprintln!("fake-functionize: accept failed: {error}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let acceptor = acceptor.clone();
        let state = state.clone();
        tokio::spawn(async move {
            let tls = match acceptor.accept(tcp).await {
                Ok(tls) => tls,
                Err(error) => {
                    if state.verbose {
                        eprintln!("fake-functionize: TLS handshake failed: {error}");
                    }
                    return;
                }
            };
            let service = service_fn(move |request| answer(state.clone(), request));
            // Errors here are clients going away or connections dropped on purpose.
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(tls), service)
                .await;
        });
    }
}

async fn answer(state: Arc<State>, request: Request<Incoming>) -> Result<Response<Body>, Aborted> {
    let method = request.method().as_str().to_string();
    let path = request.uri().path().to_string();
    let query = request.uri().query().map(str::to_string);
    let host = host_of(&request);
    let token = request.headers().get("accesstoken").map(|v| v.as_bytes());
    let has_token = token.is_some();
    let token_valid = token
        .and_then(|bytes| std::str::from_utf8(bytes).ok())
        .is_some_and(|token| state.token_valid(token));

    let mut record = RequestRecord::new(&method, host, &path, query.as_deref());
    record.has_token = has_token;
    record.token_valid = token_valid;
    let seq = state.record(record);

    let is_api = path.starts_with("/api/");
    let _in_flight = is_api.then(|| state.enter_flight());

    let body = match Limited::new(request.into_body(), BODY_LIMIT)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            let reply = Reply::failure(413, "Request body too large or broken");
            state.record_status(seq, reply.status);
            return Ok(reply.into_response());
        }
    };

    let latency_ms = state.settings().latency_ms;
    if is_api && latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(latency_ms)).await;
    }
    let rule = state.take_rule(&path);
    if let Some(rule) = &rule {
        if rule.delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(rule.delay_ms)).await;
        }
        if rule.hang {
            log(&state, &method, &path, "hanging on request");
            tokio::time::sleep(HANG_LIMIT).await;
            return Err(Aborted("hung on request"));
        }
    }

    let normal = if is_api {
        let call = ApiCall {
            method: &method,
            path: &path,
            query: query.as_deref(),
            token_valid,
            body: &body,
        };
        api::answer(&state, &call)
    } else {
        pages::answer(&state, &path)
    };
    let reply = match &rule {
        Some(rule) => rule.bend(normal),
        None => normal,
    };

    state.record_status(seq, reply.status);
    log(&state, &method, &path, &reply.status.to_string());
    if rule.is_some_and(|rule| rule.truncate) {
        Ok(reply.into_truncated_response())
    } else {
        Ok(reply.into_response())
    }
}

/// The host the client asked for: the tests check that the extension talks to the configured
/// host, and the browser reaches this server under the real host names.
fn host_of(request: &Request<Incoming>) -> Option<String> {
    let header = request.headers().get(HOST).and_then(|v| v.to_str().ok());
    header
        .map(str::to_string)
        .or_else(|| request.uri().authority().map(|a| a.to_string()))
}

/// One line per request when asked for. The path is enough; a token never travels in one.
fn log(state: &State, method: &str, path: &str, outcome: &str) {
    if state.verbose {
        eprintln!("fake-functionize: {method} {path} -> {outcome}");
    }
}
