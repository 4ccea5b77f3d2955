//! The requests the API client sends: which endpoint, which method, and the token only in the
//! `accesstoken` header.

mod scripted;

use functionize_report_links::api::{Client, Method};
use functionize_report_links::{Error, Host};
use pollster::block_on;
use scripted::{client, deployment, json, Scripted, HEX, TOKEN};

#[test]
fn listing_sends_a_get_to_the_orchestration_endpoint_with_the_token_header() {
    let client = client(vec![json(
        200,
        &format!(r#"[{{"deployment_id":"{HEX}"}}]"#),
    )]);
    let list = block_on(client.list_orchestrations()).unwrap();
    assert_eq!(list.len(), 1);

    let requests = client.transport.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, Method::Get);
    assert_eq!(
        requests[0].url,
        "https://app.functionize.com/api/v4/orchestration?response_type=json"
    );
    assert_eq!(requests[0].header("accesstoken"), Some(TOKEN));
    assert_eq!(requests[0].header("authorization"), None);
    assert_eq!(requests[0].form, None);
}

#[test]
fn token_is_sent_only_in_the_header_never_in_the_url() {
    let client = client(vec![json(200, "[]")]);
    block_on(client.list_orchestrations()).unwrap();
    assert!(!client.transport.requests()[0].url.contains(TOKEN));
}

#[test]
fn numeric_id_comes_from_the_group_endpoint() {
    let client = client(vec![json(
        200,
        r#"{"STATUS":"SUCCESS","RESULTSET":{"id":"4242"}}"#,
    )]);
    let id = block_on(client.orchestration_id(&deployment())).unwrap();
    assert_eq!(id.get(), 4242);
    assert_eq!(
        client.transport.requests()[0].url,
        format!("https://app.functionize.com/api/v4/orchestration/{HEX}/group?response_type=json")
    );
}

#[test]
fn share_link_comes_from_the_csvreport_details() {
    let client = client(vec![json(
        200,
        r#"{"Details":"https://app.functionize.com/r/9"}"#,
    )]);
    let link = block_on(client.share_link(&deployment())).unwrap();
    assert_eq!(link.as_str(), "https://app.functionize.com/r/9");
    assert!(client.transport.requests()[0]
        .url
        .ends_with("/csvreport?response_type=json"));
}

#[test]
fn hostile_share_link_from_functionize_is_refused() {
    let client = client(vec![json(
        200,
        r#"{"Details":"https://app.functionize.com@evil.com/"}"#,
    )]);
    let error = block_on(client.share_link(&deployment())).unwrap_err();
    assert_eq!(error.name(), "UnsafeShareLink");
}

#[test]
fn latest_run_comes_from_the_status_endpoint() {
    let client = client(vec![json(200, r#"{"status":"Passed","run_id":981}"#)]);
    let run = block_on(client.latest_run(&deployment())).unwrap();
    assert_eq!(run.unwrap().as_str(), "981");
    assert!(client.transport.requests()[0]
        .url
        .ends_with(&format!("/{HEX}/status?response_type=json")));
}

#[test]
fn testing_the_connection_counts_the_orchestrations() {
    let body = format!(
        r#"[{{"deployment_id":"{HEX}"}},{{"deployment_id":"{}"}}]"#,
        "f".repeat(32)
    );
    assert_eq!(
        block_on(client(vec![json(200, &body)]).validate_token()).unwrap(),
        2
    );
}

#[test]
fn requests_go_to_the_configured_host() {
    let host = Host::parse("https://studio.example.com:8443/").unwrap();
    let client = Client::new(Scripted::answering(vec![json(200, "[]")]), host, TOKEN);
    block_on(client.list_orchestrations()).unwrap();
    assert!(client.transport.requests()[0]
        .url
        .starts_with("https://studio.example.com:8443/api/v4/"));
}

#[test]
fn no_request_is_sent_without_a_token() {
    for token in ["", "  "] {
        let client = Client::new(Scripted::default(), Host::default(), token);
        assert_eq!(
            block_on(client.list_orchestrations()).unwrap_err(),
            Error::NoToken
        );
        assert_eq!(
            block_on(client.share_link(&deployment())).unwrap_err(),
            Error::NoToken
        );
        assert!(client.transport.requests().is_empty());
    }
}
