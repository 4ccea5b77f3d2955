//! Minting a token from an API key and secret.

mod scripted;

use functionize_report_links::api::mint::{mint_token, Credentials};
use functionize_report_links::api::Method;
use functionize_report_links::{Error, Host};
use pollster::block_on;
use scripted::{json, Scripted};

fn credentials() -> Credentials {
    Credentials {
        api_key: "key-123".into(),
        secret: "s3cr3t-value-xyz".into(),
    }
}

#[test]
fn a_token_is_minted_with_a_form_post_and_read_from_the_array() {
    let transport = Scripted::answering(vec![json(
        200,
        r#"[{"access_token":"fresh-token","expires_in":3600}]"#,
    )]);
    let token = block_on(mint_token(&transport, &Host::default(), &credentials())).unwrap();
    assert_eq!(token, "fresh-token");

    let requests = transport.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, Method::Post);
    assert_eq!(
        requests[0].url,
        "https://app.functionize.com/api/v4/generateToken?response_type=json"
    );
    let form = requests[0].form.clone().unwrap();
    assert!(form.contains(&("apikey".into(), "key-123".into())));
    assert!(form.contains(&("secret".into(), "s3cr3t-value-xyz".into())));
    assert!(form.contains(&("response_type".into(), "json".into())));
    assert!(!requests[0].url.contains("s3cr3t"));
    assert_eq!(requests[0].header("accesstoken"), None);
}

#[test]
fn a_wrapped_answer_is_read_too() {
    let body = r#"{"STATUS":"SUCCESS","RESULTSET":[{"access_token":"wrapped-token"}]}"#;
    let transport = Scripted::answering(vec![json(200, body)]);
    let token = block_on(mint_token(&transport, &Host::default(), &credentials())).unwrap();
    assert_eq!(token, "wrapped-token");
}

#[test]
fn refused_credentials_are_reported_without_the_secret_and_not_retried() {
    let body = r#"{"STATUS":"FAILURE","MESSAGE":"bad secret s3cr3t-value-xyz"}"#;
    for answer in [json(401, body), json(200, body), json(500, body)] {
        let transport = Scripted::answering(vec![answer]);
        let error = block_on(mint_token(&transport, &Host::default(), &credentials())).unwrap_err();
        assert!(!error.message().contains("s3cr3t"), "{}", error.message());
        assert_eq!(transport.requests().len(), 1);
    }
}

#[test]
fn refused_credentials_point_to_the_key_and_secret_not_the_token() {
    for status in [401, 403] {
        let transport = Scripted::answering(vec![json(status, "{}")]);
        let error = block_on(mint_token(&transport, &Host::default(), &credentials())).unwrap_err();
        assert_eq!(error, Error::CredentialsRejected);
        assert!(error.message().starts_with("API key or secret rejected"));
    }
}

#[test]
fn an_answer_without_a_token_names_the_missing_field() {
    let transport = Scripted::answering(vec![json(200, r#"[{"expires_in":3600}]"#)]);
    let error = block_on(mint_token(&transport, &Host::default(), &credentials())).unwrap_err();
    assert_eq!(
        error,
        Error::Unexpected {
            missing: "access_token".into()
        }
    );
}

#[test]
fn debug_output_never_shows_the_secret() {
    assert!(!format!("{:?}", credentials()).contains("s3cr3t"));
}
