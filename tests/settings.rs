//! The settings as the options page edits them and the worker reads them.

use functionize_report_links::json::Json;
use functionize_report_links::settings::{Form, Settings};
use functionize_report_links::{Error, Host};

fn saved() -> Settings {
    Settings {
        token: "secret-token".into(),
        host: "app.functionize.com".into(),
        ..Settings::default()
    }
}

#[test]
fn new_credentials_replace_the_minted_token_and_an_empty_secret_keeps_the_saved_one() {
    let with_key = saved().with_credentials("key-1", "secret-1").unwrap();
    assert!(!with_key.has_token());
    assert_eq!(with_key.credentials().unwrap().api_key, "key-1");
    let mut minted = with_key.clone();
    minted.token = "minted".into();
    let unchanged = minted.with_credentials("key-1", "").unwrap();
    assert_eq!(unchanged.token, "minted");
    assert_eq!(unchanged.secret, "secret-1");
}

#[test]
fn a_minted_token_is_kept_without_undoing_a_save_made_meanwhile() {
    let stored = saved().with_credentials("key-1", "secret-1").unwrap();
    let mut used = stored.clone();
    used.token = "minted".into();

    let mut slower = stored.clone();
    slower.request_timeout_secs = Some(30);
    let kept = slower.with_minted_token(&used).unwrap();
    assert_eq!(kept.token, "minted");
    assert_eq!(kept.request_timeout_secs, Some(30));

    let new_key = stored.with_credentials("key-2", "secret-2").unwrap();
    assert_eq!(new_key.with_minted_token(&used), None);
    let mut new_host = stored.clone();
    new_host.host = "functionize.example".into();
    assert_eq!(new_host.with_minted_token(&used), None);
}

fn form<'a>(host: &'a str, token: &'a str, api_key: &'a str) -> Form<'a> {
    Form {
        host,
        token,
        api_key,
        secret: "",
    }
}

#[test]
fn an_emptied_key_field_removes_the_key_and_secret_but_not_a_token() {
    let with_key = saved().with_credentials("key-1", "secret-1").unwrap();
    let mut pasted = with_key.clone();
    pasted.token = "pasted".into();
    let cleared = pasted
        .saved_from(&form("app.functionize.com", "", ""))
        .unwrap();
    assert_eq!(
        (cleared.api_key.as_str(), cleared.secret.as_str()),
        ("", "")
    );
    assert_eq!(cleared.token, "pasted");
}

#[test]
fn a_new_host_receives_no_token_or_key_that_was_not_typed_again() {
    let mut stored = saved().with_credentials("key-1", "secret-1").unwrap();
    stored.token = "minted".into();
    let moved = stored
        .saved_from(&form("app.functionise.com", "", "key-1"))
        .unwrap();
    assert!(!moved.has_token());
    assert_eq!(moved.credentials(), None);
    assert_eq!(moved.host, "app.functionise.com");

    let typed = stored
        .saved_from(&form("studio.functionize.com", "new-token", ""))
        .unwrap();
    assert_eq!(typed.token, "new-token");
}

#[test]
fn the_same_host_keeps_what_was_not_typed_again() {
    let stored = saved().with_credentials("key-1", "secret-1").unwrap();
    let kept = stored
        .saved_from(&form("APP.functionize.com", "", "key-1"))
        .unwrap();
    assert_eq!(kept.credentials(), stored.credentials());
    assert_eq!(stored.moves_to("app.functionize.com/"), Ok(false));
}

#[test]
fn links_are_reused_for_the_minutes_typed_or_ten_by_default() {
    assert_eq!(saved().remember_ms(), 600_000.0);
    let five = saved().with_remember_minutes(" 5 ").unwrap();
    assert_eq!(five.remember_ms(), 300_000.0);
    assert_eq!(
        five.with_remember_minutes("").unwrap().remember_minutes,
        None
    );
    for refused in ["-1", "2.5", "1441", "ten"] {
        assert!(saved().with_remember_minutes(refused).is_err(), "{refused}");
    }
}

#[test]
fn a_token_longer_than_any_real_one_is_refused() {
    let pasted = "a".repeat(100_000);
    let error = Settings::default().edited("", &pasted).unwrap_err();
    assert!(error.message().contains("far longer"), "{error}");
}

#[test]
fn a_key_without_a_secret_is_not_credentials() {
    let half = Settings::default().with_credentials("key-1", "").unwrap();
    assert_eq!(half.credentials(), None);
}

#[test]
fn debug_output_never_shows_the_secret() {
    let with_key = saved().with_credentials("key-1", "secret-value").unwrap();
    assert!(!format!("{with_key:?}").contains("secret-value"));
}

#[test]
fn requests_time_out_after_fifteen_seconds_unless_set_otherwise() {
    assert_eq!(saved().request_timeout_ms(), 15_000);
    let quick = Settings::from_json(&Json::parse(r#"{"requestTimeoutSecs":2}"#).unwrap());
    assert_eq!(quick.request_timeout_ms(), 2_000);
    let zero = Settings::from_json(&Json::parse(r#"{"requestTimeoutSecs":0}"#).unwrap());
    assert_eq!(zero.request_timeout_ms(), 1_000);
}

#[test]
fn editing_keeps_the_timeout() {
    let mut quick = saved();
    quick.request_timeout_secs = Some(3);
    assert_eq!(quick.edited("", "").unwrap().request_timeout_secs, Some(3));
}

#[test]
fn an_empty_token_field_keeps_the_saved_token() {
    let edited = saved().edited("app.functionize.com", "  ").unwrap();
    assert_eq!(edited.token, "secret-token");
}

#[test]
fn a_pasted_token_replaces_the_saved_one_without_surrounding_spaces() {
    let edited = saved()
        .edited("app.functionize.com", " new-token\n")
        .unwrap();
    assert_eq!(edited.token, "new-token");
}

#[test]
fn an_empty_host_means_the_default_host() {
    let edited = saved().edited("", "").unwrap();
    assert_eq!(edited.host, "app.functionize.com");
    assert_eq!(Settings::default().host().unwrap(), Host::default());
}

#[test]
fn a_host_typed_as_a_url_is_stored_as_a_bare_host() {
    let edited = saved()
        .edited("https://Studio.Functionize.com/", "")
        .unwrap();
    assert_eq!(edited.host, "studio.functionize.com");
}

#[test]
fn a_host_with_a_path_is_refused_and_nothing_changes() {
    let before = saved();
    assert!(before.edited("app.functionize.com/v1/x", "new").is_err());
    assert_eq!(before.token, "secret-token");
}

#[test]
fn a_token_with_invisible_or_non_ascii_characters_is_refused() {
    for typed in ["tok\u{200B}en", "токен-123", "tok🚀en", "tok en"] {
        let refused = saved().edited("app.functionize.com", typed).unwrap_err();
        assert!(matches!(refused, Error::InvalidInput { .. }), "{typed}");
        assert!(!refused.message().contains(typed), "{typed}");
    }
}

#[test]
fn debug_output_never_shows_the_token() {
    let shown = format!("{:?}", saved());
    assert!(!shown.contains("secret-token"), "{shown}");
    assert!(shown.contains("<set>"));
}

#[test]
fn a_stored_field_of_the_wrong_type_takes_its_default_alone() {
    let stored = r#"{"token":"tok-1","host":"studio.functionize.com","requestTimeoutSecs":"fast","rememberMinutes":-3,"apiKey":7}"#;
    let read = Settings::from_json(&Json::parse(stored).unwrap());
    assert_eq!(read.token, "tok-1");
    assert_eq!(read.host, "studio.functionize.com");
    assert_eq!(read.request_timeout_ms(), 15_000);
    assert_eq!(read.remember_minutes, None);
    assert_eq!(read.api_key, "");
}

#[test]
fn settings_read_back_as_they_were_stored() {
    let settings = Settings {
        api_key: "key-1".into(),
        secret: "s\"e\\cret".into(),
        request_timeout_secs: Some(30),
        remember_minutes: Some(0),
        ..saved()
    };
    let stored = settings.to_json().to_string();
    assert_eq!(
        Settings::from_json(&Json::parse(&stored).unwrap()),
        settings
    );
}
