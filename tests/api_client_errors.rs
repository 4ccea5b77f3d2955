//! What a user sees for each way Functionize can answer: the status-to-error mapping of the
//! API client, and that no error ever shows the token.

mod scripted;

use functionize_report_links::api::client::MAX_TRIES;
use functionize_report_links::api::{HttpResponse, TransportError};
use functionize_report_links::Error;
use pollster::block_on;
use scripted::{client, deployment, json, TOKEN};

/// The error a user sees when listing orchestrations meets this answer on every try.
fn listing_error(answer: Result<HttpResponse, TransportError>) -> Error {
    let every_try = vec![answer; MAX_TRIES as usize];
    block_on(client(every_try).list_orchestrations()).unwrap_err()
}

#[test]
fn unauthorised_and_forbidden_mean_the_token_was_rejected() {
    assert_eq!(listing_error(json(401, "{}")), Error::TokenRejected);
    assert_eq!(
        listing_error(json(403, r#"{"error":"forbidden"}"#)),
        Error::TokenRejected
    );
}

#[test]
fn a_redirect_to_the_html_login_page_means_the_token_was_rejected() {
    let login = Ok(HttpResponse {
        status: 200,
        content_type: Some("text/html; charset=utf-8".into()),
        body: "<!doctype html><title>Log in</title>".into(),
        redirected: true,
        retry_after: None,
    });
    assert_eq!(listing_error(login), Error::TokenRejected);
}

#[test]
fn an_html_body_without_content_type_means_the_token_was_rejected() {
    let page = Ok(HttpResponse {
        status: 200,
        body: "  <html><form id=login></form></html>".into(),
        ..HttpResponse::default()
    });
    assert_eq!(listing_error(page), Error::TokenRejected);
}

#[test]
fn a_redirect_that_still_ends_on_json_is_followed() {
    let moved = Ok(HttpResponse {
        status: 200,
        content_type: Some("application/json".into()),
        body: "[]".into(),
        redirected: true,
        retry_after: None,
    });
    assert!(block_on(client(vec![moved]).list_orchestrations())
        .unwrap()
        .is_empty());
}

#[test]
fn an_unfollowed_redirect_means_the_token_was_rejected() {
    assert_eq!(listing_error(json(302, "")), Error::TokenRejected);
}

#[test]
fn not_found_is_reported_as_not_found() {
    let client = client(vec![json(404, r#"{"error":"no such orchestration"}"#)]);
    let error = block_on(client.orchestration_id(&deployment())).unwrap_err();
    assert_eq!(error, Error::NotFound);
}

#[test]
fn a_missing_orchestration_list_means_the_host_has_no_api() {
    let error = listing_error(json(404, "<h1>Not Found</h1>"));
    assert_eq!(
        error,
        Error::NoApiAtHost {
            host: "app.functionize.com".into()
        }
    );
    assert!(error.message().contains("Check the host"), "{error}");
}

#[test]
fn rate_limit_uses_the_retry_after_seconds() {
    let limited = Ok(HttpResponse {
        status: 429,
        retry_after: Some(" 12 ".into()),
        ..HttpResponse::default()
    });
    assert_eq!(
        listing_error(limited),
        Error::RateLimited {
            retry_after_secs: 12
        }
    );
}

#[test]
fn rate_limit_without_usable_retry_after_waits_thirty_seconds() {
    for retry_after in [
        None,
        Some("Wed, 21 Oct 2026 07:28:00 GMT"),
        Some("-5"),
        Some(""),
    ] {
        let limited = Ok(HttpResponse {
            status: 429,
            retry_after: retry_after.map(String::from),
            ..HttpResponse::default()
        });
        let error = listing_error(limited);
        assert_eq!(
            error,
            Error::RateLimited {
                retry_after_secs: 30
            },
            "{retry_after:?}"
        );
    }
}

#[test]
fn rate_limit_waits_are_capped_at_an_hour() {
    let limited = Ok(HttpResponse {
        status: 429,
        retry_after: Some("99999999999999999999999".into()),
        ..HttpResponse::default()
    });
    assert_eq!(
        listing_error(limited),
        Error::RateLimited {
            retry_after_secs: 3600
        }
    );
}

#[test]
fn server_errors_and_network_failures_mean_functionize_is_not_answering() {
    for answer in [
        json(500, "oops"),
        json(502, ""),
        json(503, "<html>maintenance</html>"),
        json(408, ""),
        Err(TransportError::Network),
        Err(TransportError::Timeout),
        Err(TransportError::Aborted),
    ] {
        assert_eq!(listing_error(answer), Error::NotAnswering);
    }
}

#[test]
fn other_client_errors_are_unexpected_and_name_the_status() {
    let message = listing_error(json(400, "{}")).message();
    assert!(message.contains("got 400"), "{message}");
}

#[test]
fn truncated_json_from_the_server_is_unexpected() {
    let error = listing_error(json(200, r#"[{"deployment_id":"#));
    assert_eq!(error.name(), "Unexpected");
}

#[test]
fn a_failure_message_echoing_the_token_never_shows_it() {
    let body = format!(r#"{{"STATUS":"FAILURE","MESSAGE":"token {TOKEN} is not valid"}}"#);
    let error = listing_error(json(200, &body));
    assert_eq!(error.name(), "Unexpected");
    assert!(!error.message().contains(TOKEN), "{}", error.message());
    assert!(!format!("{error:?}").contains(TOKEN));
}

#[test]
fn no_error_message_contains_the_token() {
    for answer in [
        json(401, TOKEN),
        json(404, TOKEN),
        json(429, TOKEN),
        json(500, TOKEN),
        json(400, TOKEN),
        json(200, TOKEN),
        json(200, &format!(r#"{{"Details":"https://evil.com/{TOKEN}"}}"#)),
    ] {
        let client = client(vec![answer; MAX_TRIES as usize]);
        let error = match block_on(client.share_link(&deployment())) {
            Err(error) => error,
            Ok(link) => panic!("expected an error, got {link:?}"),
        };
        assert!(!error.message().contains(TOKEN), "{}", error.message());
    }
}

#[test]
fn a_long_token_echoed_in_a_failure_message_leaves_no_piece_of_it() {
    let token = "fzk".to_owned() + &"A1b2C3d4E5".repeat(20);
    let body = format!(r#"{{"STATUS":"FAILURE","MESSAGE":"Invalid access token {token}"}}"#);
    let client = functionize_report_links::api::Client::new(
        scripted::Scripted::answering(vec![json(200, &body)]),
        functionize_report_links::Host::default(),
        token.clone(),
    );
    let message = block_on(client.list_orchestrations())
        .unwrap_err()
        .message();
    assert!(!message.contains(&token[..12]), "{message}");
    assert!(!message.contains(&token[token.len() - 12..]), "{message}");
}

#[test]
fn a_partial_echo_of_the_token_is_withheld() {
    let token = "tok-0123456789abcdefghij";
    let body = format!(
        r#"{{"STATUS":"FAILURE","MESSAGE":"bad token {}"}}"#,
        &token[..16]
    );
    let client = functionize_report_links::api::Client::new(
        scripted::Scripted::answering(vec![json(200, &body)]),
        functionize_report_links::Host::default(),
        token,
    );
    let message = block_on(client.list_orchestrations())
        .unwrap_err()
        .message();
    assert!(!message.contains(&token[..12]), "{message}");
    assert!(message.contains("withheld"), "{message}");
}

#[test]
fn a_share_link_that_carries_the_token_is_never_copied() {
    let encoded: String = TOKEN.bytes().map(|b| format!("%{b:02X}")).collect();
    for carried in [TOKEN.to_owned(), TOKEN.to_uppercase(), encoded] {
        let link = format!("https://app.functionize.com/r?accesstoken={carried}");
        let body = format!(r#"{{"Details":"{link}"}}"#);
        let refused = block_on(client(vec![json(200, &body)]).share_link(&deployment()));
        let refused = refused.unwrap_err();
        assert!(matches!(refused, Error::UnsafeShareLink { .. }), "{link}");
        assert!(!refused.message().contains(TOKEN));
    }
}

#[test]
fn json_labelled_as_html_is_still_read_as_json() {
    let answer = Ok(HttpResponse {
        status: 200,
        content_type: Some("text/html; charset=utf-8".into()),
        body: r#"{"Details":"https://app.functionize.com/public/x"}"#.into(),
        ..HttpResponse::default()
    });
    let link = block_on(client(vec![answer]).share_link(&deployment())).unwrap();
    assert_eq!(link.as_str(), "https://app.functionize.com/public/x");
}

fn limited(retry_after: &str) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse {
        status: 429,
        retry_after: Some(retry_after.into()),
        ..HttpResponse::default()
    })
}

const LIST: &str = r#"[{"deployment_id":"0123456789abcdef0123456789abcdef"}]"#;

#[test]
fn a_server_error_is_tried_again_after_a_growing_pause_and_can_succeed() {
    let client = client(vec![
        json(503, ""),
        Err(TransportError::Network),
        json(200, LIST),
    ]);
    assert_eq!(block_on(client.list_orchestrations()).unwrap().len(), 1);
    assert_eq!(client.transport.requests().len(), 3);
    // 400 ms then 800 ms, each plus half again of jitter from the scripted transport
    assert_eq!(client.transport.pauses(), vec![600, 1200]);
}

#[test]
fn a_server_error_on_every_try_stops_after_three_tries() {
    let client = client(vec![
        json(500, ""),
        json(502, ""),
        json(503, ""),
        json(200, LIST),
    ]);
    assert_eq!(
        block_on(client.list_orchestrations()),
        Err(Error::NotAnswering)
    );
    assert_eq!(client.transport.requests().len(), 3);
}

#[test]
fn a_short_rate_limit_is_waited_out_as_retry_after_says() {
    let client = client(vec![limited("2"), json(200, LIST)]);
    assert_eq!(block_on(client.list_orchestrations()).unwrap().len(), 1);
    assert_eq!(client.transport.pauses(), vec![2000]);
}

#[test]
fn a_long_rate_limit_is_reported_at_once_with_its_wait() {
    let client = client(vec![limited("30"), json(200, LIST)]);
    assert_eq!(
        block_on(client.list_orchestrations()),
        Err(Error::RateLimited {
            retry_after_secs: 30
        })
    );
    assert_eq!(client.transport.requests().len(), 1);
}

#[test]
fn a_rate_limit_on_every_try_ends_in_try_again_in_n_seconds() {
    let client = client(vec![limited("1"), limited("1"), limited("3")]);
    let error = block_on(client.list_orchestrations()).unwrap_err();
    assert_eq!(
        error.message(),
        "Rate limited by Functionize, try again in 3 s."
    );
    assert_eq!(client.transport.requests().len(), 3);
}

#[test]
fn a_timeout_a_rejected_token_or_a_missing_orchestration_is_not_tried_again() {
    for answer in [
        Err(TransportError::Timeout),
        json(401, "{}"),
        json(404, "{}"),
    ] {
        let client = client(vec![answer, json(200, LIST)]);
        assert!(block_on(client.list_orchestrations()).is_err());
        assert_eq!(client.transport.requests().len(), 1);
        assert!(client.transport.pauses().is_empty());
    }
}
