//! The `/api/v4` endpoints, as far as they are known, answered from the fixture in the shape the
//! current settings ask for. No network here: a call goes in, a `Reply` comes out.

use serde_json::{json, Value};

use crate::fixture::Orchestration;
use crate::reply::Reply;
use crate::shape::IdStyle;
use crate::state::State;

/// How long a minted token is said to last; the fake never expires one by itself.
const TOKEN_LIFETIME_SECS: u64 = 3600;

pub struct ApiCall<'a> {
    pub method: &'a str,
    /// The full path, `/api/v4/...`.
    pub path: &'a str,
    pub query: Option<&'a str>,
    pub token_valid: bool,
    pub body: &'a [u8],
}

#[derive(Debug, PartialEq, Eq)]
enum Route<'a> {
    GenerateToken,
    ValidateToken,
    List,
    Group(&'a str),
    CsvReport(&'a str),
    Status(&'a str),
    Detail(&'a str),
    Unknown,
}

fn route<'a>(method: &str, path: &'a str) -> Route<'a> {
    let Some(rest) = path.strip_prefix("/api/v4/") else {
        return Route::Unknown;
    };
    let segments: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
    match (method, segments.as_slice()) {
        ("POST", ["generateToken"]) => Route::GenerateToken,
        ("GET", ["validatetoken"]) => Route::ValidateToken,
        ("GET", ["orchestration"]) => Route::List,
        ("GET", ["orchestration", hex, "group"]) => Route::Group(hex),
        ("GET", ["orchestration", hex, "csvreport"]) => Route::CsvReport(hex),
        ("GET", ["orchestration", hex, "status"]) => Route::Status(hex),
        ("GET", ["orchestration", hex, "detail"]) => Route::Detail(hex),
        _ => Route::Unknown,
    }
}

pub fn answer(state: &State, call: &ApiCall) -> Reply {
    let settings = state.settings();
    let route = route(call.method, call.path);
    let value = match route {
        // The one call made without a token: it is how a client gets one.
        Route::GenerateToken => match mint(state, call) {
            Some(token) => json!([{ "access_token": token, "expires_in": TOKEN_LIFETIME_SECS }]),
            None => return Reply::failure(401, "Invalid API key or secret"),
        },
        _ if !call.token_valid => return Reply::failure(401, "Invalid access token"),
        Route::ValidateToken => json!({ "valid": true, "expires_in": TOKEN_LIFETIME_SECS }),
        Route::List => {
            let items = state.orchestrations.iter();
            Value::Array(items.map(|item| list_item(item, settings.ids)).collect())
        }
        Route::Group(hex) => match state.find(hex) {
            Some(item) => group(item, settings.ids),
            None => return not_found(),
        },
        Route::CsvReport(hex) => match state.find(hex) {
            Some(item) => json!({ "Details": item.share_link(), "Message": "Report ready" }),
            None => return not_found(),
        },
        Route::Status(hex) => match state.find(hex) {
            Some(item) => latest_run(item, settings.ids),
            None => return not_found(),
        },
        Route::Detail(hex) => match state.find(hex) {
            Some(item) => detail(item, settings.ids),
            None => return not_found(),
        },
        Route::Unknown => return Reply::failure(404, "Unknown API endpoint"),
    };
    Reply::json(200, &settings.shape.wrap(value))
}

fn not_found() -> Reply {
    Reply::failure(404, "Orchestration not found")
}

/// Checks the API key and secret, from the form body or, as some clients send them, the query.
fn mint(state: &State, call: &ApiCall) -> Option<String> {
    let query = call.query.unwrap_or("").as_bytes();
    let fields: Vec<(String, String)> = form_urlencoded::parse(call.body)
        .chain(form_urlencoded::parse(query))
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    let field = |name: &str| fields.iter().find(|(key, _)| key == name).map(|(_, v)| v);
    let credentials = &state.credentials;
    let accepted = field("apikey") == Some(&credentials.apikey)
        && field("secret") == Some(&credentials.secret);
    accepted.then(|| state.mint_token())
}

fn list_item(item: &Orchestration, ids: IdStyle) -> Value {
    let mut value = json!({
        "deployment_id": item.deployment_id,
        "Status": item.status,
        "created": item.created,
        "browser": item.browser,
        "environment": "Production",
        "schedule": null,
        "tags": [],
    });
    value[item.name_key.as_str()] = json!(item.name);
    if item.run_id_in_list {
        let last = item.latest_run().map(|run| ids.run_id(&run.run_id));
        value["lastRunId"] = last.unwrap_or(Value::Null);
    }
    value
}

fn group(item: &Orchestration, ids: IdStyle) -> Value {
    json!({
        "id": ids.numeric_id(item.numeric_id),
        "name": item.name,
        "deployment_id": item.deployment_id,
        "type": "orchestration",
    })
}

fn latest_run(item: &Orchestration, ids: IdStyle) -> Value {
    match item.latest_run() {
        Some(run) => json!({
            "status": run.status,
            "passed": run.passed,
            "failed": run.failed,
            "run_id": ids.run_id(&run.run_id),
        }),
        None => json!({ "status": "Not run", "passed": 0, "failed": 0 }),
    }
}

fn detail(item: &Orchestration, ids: IdStyle) -> Value {
    let mut value = latest_run(item, ids);
    value["name"] = json!(item.name);
    value["deployment_id"] = json!(item.deployment_id);
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shape::Shape;
    use crate::state::for_tests;

    fn get(state: &State, path: &str, token_valid: bool) -> (u16, Value) {
        let call = ApiCall {
            method: "GET",
            path,
            query: Some("response_type=json"),
            token_valid,
            body: b"",
        };
        let reply = answer(state, &call);
        (reply.status, serde_json::from_slice(&reply.body).unwrap())
    }

    #[test]
    fn routes_name_the_endpoint_and_the_hex_id() {
        assert_eq!(route("GET", "/api/v4/orchestration/"), Route::List);
        assert_eq!(
            route("GET", "/api/v4/orchestration/ab/group"),
            Route::Group("ab")
        );
        assert_eq!(route("POST", "/api/v4/orchestration"), Route::Unknown);
        assert_eq!(route("GET", "/v1/orchestration"), Route::Unknown);
    }

    #[test]
    fn every_endpoint_refuses_a_missing_or_wrong_token() {
        let state = for_tests(Shape::Wrapped, IdStyle::Numbers);
        let (status, body) = get(&state, "/api/v4/orchestration", false);
        assert_eq!(status, 401);
        assert_eq!(
            body,
            json!({"STATUS": "FAILURE", "MESSAGE": "Invalid access token"})
        );
    }

    #[test]
    fn the_list_mixes_name_and_title_and_only_some_carry_a_run_id() {
        let state = for_tests(Shape::Bare, IdStyle::Numbers);
        let (status, body) = get(&state, "/api/v4/orchestration", true);
        assert_eq!(status, 200);
        let items = body.as_array().unwrap();
        assert_eq!(items.len(), state.orchestrations.len());
        assert!(items
            .iter()
            .any(|i| i.get("title").is_some() && i.get("name").is_none()));
        assert!(items.iter().any(|i| i.get("lastRunId").is_some()));
        assert!(items.iter().any(|i| i.get("lastRunId").is_none()));
    }

    #[test]
    fn wrapped_shape_and_string_ids_apply_to_the_group_id() {
        let state = for_tests(Shape::Wrapped, IdStyle::Strings);
        let first = &state.orchestrations[0];
        let path = format!("/api/v4/orchestration/{}/group", first.deployment_id);
        let (_, body) = get(&state, &path, true);
        assert_eq!(body["STATUS"], "SUCCESS");
        assert_eq!(body["RESULTSET"]["id"], json!(first.numeric_id.to_string()));
    }

    #[test]
    fn share_links_and_latest_runs_come_from_the_fixture() {
        let state = for_tests(Shape::Bare, IdStyle::Strings);
        let first = state.orchestrations[0].clone();
        let base = format!("/api/v4/orchestration/{}", first.deployment_id);
        let (_, report) = get(&state, &format!("{base}/csvreport"), true);
        assert_eq!(report["Details"], json!(first.share_link()));
        let (_, status) = get(&state, &format!("{base}/status"), true);
        assert_eq!(status["run_id"], json!(first.runs[0].run_id));
    }

    #[test]
    fn an_orchestration_never_run_has_no_run_id() {
        let state = for_tests(Shape::Bare, IdStyle::Numbers);
        let never = state
            .orchestrations
            .iter()
            .find(|o| o.runs.is_empty())
            .unwrap();
        let path = format!("/api/v4/orchestration/{}/status", never.deployment_id);
        let (status, body) = get(&state, &path, true);
        assert_eq!(status, 200);
        assert!(body.get("run_id").is_none());
    }

    #[test]
    fn an_unknown_deployment_id_is_a_json_404() {
        let state = for_tests(Shape::Wrapped, IdStyle::Numbers);
        let path = format!("/api/v4/orchestration/{}/group", "0".repeat(32));
        let (status, body) = get(&state, &path, true);
        assert_eq!((status, body["STATUS"].as_str()), (404, Some("FAILURE")));
    }

    #[test]
    fn generate_token_mints_a_token_that_is_then_accepted() {
        let state = for_tests(Shape::Bare, IdStyle::Numbers);
        let mut call = ApiCall {
            method: "POST",
            path: "/api/v4/generateToken",
            query: None,
            token_valid: false,
            body: b"apikey=demo-key&secret=demo-secret&response_type=json",
        };
        let reply = answer(&state, &call);
        let body: Value = serde_json::from_slice(&reply.body).unwrap();
        let token = body[0]["access_token"].as_str().unwrap();
        assert!(state.token_valid(token));

        call.body = b"apikey=demo-key&secret=wrong";
        assert_eq!(answer(&state, &call).status, 401);
    }
}
