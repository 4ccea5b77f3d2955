//! The links a user copies: report URLs are built only from typed ids, and a share link from
//! Functionize is copied only when it is an https link on Functionize.

use functionize_report_links::{Error, Host, OrchestrationId, ReportUrl, RunId, ShareLink};

fn report_url(host: &str, id: &str, run: &str) -> String {
    let host = Host::parse(host).unwrap();
    let id = OrchestrationId::parse(id).unwrap();
    let run = RunId::parse(run).unwrap();
    ReportUrl::new(&host, id, &run).into_string()
}

fn share_link(raw: &str) -> Result<String, Error> {
    ShareLink::parse(raw, &Host::default()).map(ShareLink::into_string)
}

fn refusal(raw: &str) -> String {
    match share_link(raw) {
        Err(Error::UnsafeShareLink { reason }) => reason,
        other => panic!("{raw:?} should be refused, got {other:?}"),
    }
}

#[test]
fn report_url_has_the_web_ui_shape() {
    assert_eq!(
        report_url("app.functionize.com", "4242", "981"),
        "https://app.functionize.com/v1/orchestrations-report/4242/981"
    );
}

#[test]
fn report_url_uses_the_configured_host() {
    assert_eq!(
        report_url("fz.example.com:8443", "7", "r1"),
        "https://fz.example.com:8443/v1/orchestrations-report/7/r1"
    );
}

#[test]
fn report_url_keeps_unreserved_run_id_characters() {
    assert_eq!(
        report_url("app.functionize.com", "7", "Run-1.2_3~x"),
        "https://app.functionize.com/v1/orchestrations-report/7/Run-1.2_3~x"
    );
}

#[test]
fn run_id_with_slash_question_mark_and_hash_stays_one_path_segment() {
    assert_eq!(
        report_url("app.functionize.com", "7", "a/b?c#d"),
        "https://app.functionize.com/v1/orchestrations-report/7/a%2Fb%3Fc%23d"
    );
}

#[test]
fn run_id_with_spaces_percent_and_non_ascii_is_percent_encoded() {
    assert_eq!(
        report_url("app.functionize.com", "7", "run 1 100% ü"),
        "https://app.functionize.com/v1/orchestrations-report/7/run%201%20100%25%20%C3%BC"
    );
}

#[test]
fn share_link_on_the_functionize_host_is_accepted() {
    let link = "https://app.functionize.com/public/report/abc123?token=x#top";
    assert_eq!(share_link(link).unwrap(), link);
}

#[test]
fn share_link_on_a_functionize_subdomain_or_apex_is_accepted() {
    for link in [
        "https://reports.functionize.com/r/1",
        "https://functionize.com/r/1",
        "https://studio.eu.functionize.com/r/1",
    ] {
        assert_eq!(share_link(link).unwrap(), link);
    }
}

#[test]
fn share_link_on_a_dedicated_configured_host_is_accepted() {
    let host = Host::parse("fz.corp.example").unwrap();
    let link = ShareLink::parse("https://fz.corp.example/r/1", &host).unwrap();
    assert_eq!(link.as_str(), "https://fz.corp.example/r/1");
}

#[test]
fn share_link_host_is_normalised_to_lower_case() {
    assert_eq!(
        share_link("HTTPS://App.Functionize.COM/r/AbC").unwrap(),
        "https://app.functionize.com/r/AbC"
    );
}

#[test]
fn share_link_surrounded_by_whitespace_is_trimmed() {
    assert_eq!(
        share_link("  https://app.functionize.com/r/1\n").unwrap(),
        "https://app.functionize.com/r/1"
    );
}

#[test]
fn empty_share_link_is_refused() {
    assert_eq!(refusal(""), "it is empty");
    assert_eq!(refusal("  \n"), "it is empty");
}

#[test]
fn plain_http_share_link_is_refused() {
    assert_eq!(
        refusal("http://app.functionize.com/r/1"),
        "it is not an https link"
    );
}

#[test]
fn javascript_and_other_schemes_are_refused() {
    for raw in [
        "javascript:alert(document.cookie)",
        "JavaScript://app.functionize.com/%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//app.functionize.com/r/1",
        "app.functionize.com/r/1",
        "No report available",
    ] {
        assert_eq!(refusal(raw), "it is not an https link", "{raw}");
    }
}

#[test]
fn share_link_on_another_host_is_refused() {
    assert!(refusal("https://evil.com/r/1").contains("evil.com"));
}

#[test]
fn share_link_on_a_look_alike_host_is_refused() {
    for raw in [
        "https://functionize.com.evil.com/r/1",
        "https://app.functionize.com.evil.com/",
        "https://evilfunctionize.com/r/1",
        "https://app.functionize.co/r/1",
    ] {
        assert!(refusal(raw).contains("not to Functionize"), "{raw}");
    }
}

#[test]
fn share_link_with_a_user_name_is_refused() {
    for raw in [
        "https://app.functionize.com@evil.com/",
        "https://user:pw@app.functionize.com/r/1",
        "https://app.functionize.com:443@evil.com/",
    ] {
        assert_eq!(refusal(raw), "it carries a user name", "{raw}");
    }
}

#[test]
fn share_link_with_a_backslash_is_refused() {
    assert_eq!(
        refusal("https://evil.com\\@app.functionize.com/"),
        "it contains a backslash"
    );
}

#[test]
fn share_link_with_inner_whitespace_or_control_characters_is_refused() {
    for raw in [
        "https://app.functionize.com/r 1",
        "https://app.functionize.com/r\t1",
        "https://app.functionize.com/r\u{0}1",
        "https://app.functionize.com/r\u{2028}1",
    ] {
        assert_eq!(
            refusal(raw),
            "it contains spaces or control characters",
            "{raw:?}"
        );
    }
}

#[test]
fn share_link_with_an_invalid_host_is_refused() {
    for raw in [
        "https:///r/1",
        "https://%65vil.com/r/1",
        "https://аpp.functionize.com/r/1",
        "https://app.functionize.com:99999/r/1",
    ] {
        assert_eq!(refusal(raw), "its host name is not valid", "{raw}");
    }
}

#[test]
fn overlong_share_link_is_refused() {
    let raw = format!("https://app.functionize.com/{}", "a".repeat(2100));
    assert_eq!(refusal(&raw), "it is too long");
}

#[test]
fn refused_share_link_message_says_nothing_was_copied() {
    let message = share_link("https://evil.com/").unwrap_err().message();
    assert!(message.contains("nothing was copied"), "{message}");
}

#[test]
fn share_link_with_markup_or_invisible_characters_is_refused() {
    for raw in [
        "https://app.functionize.com/public/\u{202E}fdp.exe",
        "https://app.functionize.com/\"><script>alert(1)</script>",
        "https://app.functionize.com/public/r\u{e9}port",
        "https://app.functionize.com/public/{x}",
    ] {
        assert!(
            refusal(raw).contains("characters a link should not have"),
            "{raw:?}"
        );
    }
}
