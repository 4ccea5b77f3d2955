//! The control API, for the tests only: plain HTTP on its own loopback port, so nothing a test
//! does to steer the fake shows up in the request log it is checking.

use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::net::TcpListener;

use crate::fixture;
use crate::reply::{Aborted, Body, Reply};
use crate::rules::Rule;
use crate::shape::{IdStyle, Shape};
use crate::state::State;

/// Rule lists and settings are small; this bounds a runaway test.
const BODY_LIMIT: usize = 1024 * 1024;

pub async fn serve(listener: TcpListener, state: Arc<State>) {
    loop {
        let (tcp, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(error) => {
                eprintln!("fake-functionize: control accept failed: {error}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let state = state.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| respond(state.clone(), request));
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(tcp), service)
                .await;
        });
    }
}

async fn respond(state: Arc<State>, request: Request<Incoming>) -> Result<Response<Body>, Aborted> {
    let method = request.method().as_str().to_string();
    let path = request.uri().path().trim_end_matches('/').to_string();
    let reply = match Limited::new(request.into_body(), BODY_LIMIT)
        .collect()
        .await
    {
        Ok(body) => answer(&state, &method, &path, &body.to_bytes()),
        Err(_) => bad_request("request body too large or broken".into()),
    };
    Ok(reply.into_response())
}

/// Settings a test may change at run time; a field left out keeps its value.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigChange {
    shape: Option<Shape>,
    ids: Option<IdStyle>,
    latency_ms: Option<u64>,
    token: Option<String>,
}

pub fn answer(state: &State, method: &str, path: &str, body: &[u8]) -> Reply {
    match (method, path) {
        ("GET", "/requests") => ok(json!(state.requests())),
        ("GET", "/stats") => ok(json!(state.stats())),
        ("POST", "/reset") => {
            state.reset();
            ok(json!({ "ok": true }))
        }
        ("GET", "/config") => ok(json!(state.settings())),
        ("POST", "/config") => change_config(state, body),
        ("GET", "/rules") => ok(json!(state.rules())),
        ("POST", "/rules") => set_rules(state, body),
        ("DELETE", "/rules") => {
            state.set_rules(Vec::new());
            ok(json!({ "ok": true }))
        }
        ("GET", "/fixture") => ok(fixture::expected(&state.orchestrations)),
        _ => Reply::json(
            404,
            &json!({ "error": format!("no control endpoint {method} {path}") }),
        ),
    }
}

fn change_config(state: &State, body: &[u8]) -> Reply {
    let change: ConfigChange = match serde_json::from_slice(body) {
        Ok(change) => change,
        Err(error) => return bad_request(format!("config: {error}")),
    };
    if let Some(token) = change.token {
        if token.is_empty() {
            return bad_request("config: token must not be empty".into());
        }
        state.replace_token(token);
    }
    let settings = state.update_settings(|settings| {
        settings.shape = change.shape.unwrap_or(settings.shape);
        settings.ids = change.ids.unwrap_or(settings.ids);
        settings.latency_ms = change.latency_ms.unwrap_or(settings.latency_ms);
    });
    // The token is left out of the answer: the control API never echoes one.
    ok(json!(settings))
}

fn set_rules(state: &State, body: &[u8]) -> Reply {
    let rules: Vec<Rule> = match serde_json::from_slice(body) {
        Ok(rules) => rules,
        Err(error) => return bad_request(format!("rules: {error}")),
    };
    if let Some(error) = rules.iter().find_map(|rule| rule.check().err()) {
        return bad_request(format!("rules: {error}"));
    }
    let count = rules.len();
    state.set_rules(rules);
    ok(json!({ "ok": true, "rules": count }))
}

fn ok(value: Value) -> Reply {
    Reply::json(200, &value)
}

fn bad_request(message: String) -> Reply {
    Reply::json(400, &json!({ "error": message }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::for_tests;

    fn call(state: &State, method: &str, path: &str, body: &str) -> (u16, Value) {
        let reply = answer(state, method, path, body.as_bytes());
        (reply.status, serde_json::from_slice(&reply.body).unwrap())
    }

    #[test]
    fn config_changes_only_the_fields_given() {
        let state = for_tests(Shape::Bare, IdStyle::Numbers);
        let (status, body) = call(&state, "POST", "/config", r#"{"shape":"wrapped"}"#);
        assert_eq!(status, 200);
        assert_eq!(
            body,
            json!({ "shape": "wrapped", "ids": "numbers", "latency_ms": 0 })
        );
    }

    #[test]
    fn a_misspelt_setting_or_rule_is_refused() {
        let state = for_tests(Shape::Bare, IdStyle::Numbers);
        assert_eq!(call(&state, "POST", "/config", r#"{"shap":"bare"}"#).0, 400);
        assert_eq!(
            call(&state, "POST", "/rules", r#"[{"path":"x","hnag":true}]"#).0,
            400
        );
    }

    #[test]
    fn rules_are_replaced_listed_and_cleared() {
        let state = for_tests(Shape::Bare, IdStyle::Numbers);
        call(
            &state,
            "POST",
            "/rules",
            r#"[{"path":"group","status":503,"times":1}]"#,
        );
        assert_eq!(
            call(&state, "GET", "/rules", "")
                .1
                .as_array()
                .unwrap()
                .len(),
            1
        );
        call(&state, "DELETE", "/rules", "");
        assert_eq!(call(&state, "GET", "/rules", "").1, json!([]));
    }

    #[test]
    fn the_fixture_lists_what_the_tests_should_expect() {
        let state = for_tests(Shape::Bare, IdStyle::Numbers);
        let (_, body) = call(&state, "GET", "/fixture", "");
        let first = &body[0];
        for key in [
            "deployment_id",
            "numeric_id",
            "name",
            "status",
            "last_run_id",
            "share_link",
        ] {
            assert!(first.get(key).is_some(), "missing {key}");
        }
    }
}
