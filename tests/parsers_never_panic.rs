//! Whatever Functionize or a page sends, the parsers answer with a value or an error, never a
//! panic (which in the extension would abort the whole wasm instance). `./build.sh test` runs a
//! short pass; `./build.sh fuzz` sets PROPTEST_CASES much higher.
#![cfg(not(target_arch = "wasm32"))]

use functionize_report_links::api::parse::{
    parse_group, parse_latest_run, parse_orchestrations, parse_share_link, parse_token,
};
use functionize_report_links::pages::report_page;
use functionize_report_links::settings::Settings;
use functionize_report_links::{DeploymentId, Host, RunId, ShareLink};
use proptest::prelude::*;

/// JSON-ish text: real structure with hostile leaves, so the parsers get past the first brace.
fn json_like() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
        ".{0,40}".prop_map(|s| serde_json::to_string(&s).unwrap()),
        "[0-9a-fA-F]{30,34}".prop_map(|s| format!("\"{s}\"")),
        Just("\"https://app.functionize.com/public/x\"".to_owned()),
    ];
    let keys = prop_oneof![
        Just("STATUS"),
        Just("RESULTSET"),
        Just("deployment_id"),
        Just("id"),
        Just("Details"),
        Just("name"),
        Just("title"),
        Just("run_id"),
        Just("lastRunId"),
        Just("access_token"),
        Just("data"),
    ];
    leaf.prop_recursive(4, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((keys.clone(), inner), 0..6).prop_map(|fields| {
                let body: Vec<String> =
                    fields.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
                format!("{{{}}}", body.join(","))
            }),
        ]
    })
}

/// A body as it may arrive: JSON-ish, cut anywhere, or any text at all.
fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        json_like(),
        (json_like(), any::<prop::sample::Index>()).prop_map(|(text, cut)| {
            let chars: Vec<char> = text.chars().collect();
            chars[..cut.index(chars.len() + 1)].iter().collect()
        }),
        any::<String>(),
    ]
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        "https://app\\.functionize\\.com/(v1/orchestrations-report|app/orchestrations)/[0-9a-f%./?#-]{0,40}(/runs)?/[^ ]{0,20}",
        "[a-z]{0,5}:/{0,3}[^ ]{0,60}",
        any::<String>(),
    ]
}

proptest! {
    #[test]
    fn api_answers_never_panic(body in body()) {
        let _ = parse_orchestrations(&body);
        let _ = parse_group(&body);
        let _ = parse_share_link(&body);
        let _ = parse_latest_run(&body);
        let _ = parse_token(&body);
    }

    #[test]
    fn page_urls_never_panic_and_only_match_the_configured_host(url in url()) {
        let host = Host::default();
        if report_page(&url, &host).is_some() {
            let lower = url.to_ascii_lowercase();
            prop_assert!(lower.starts_with("https://app.functionize.com/"), "{}", url);
        }
    }

    #[test]
    fn typed_values_never_panic(text in any::<String>()) {
        let _ = Host::parse(&text);
        let _ = DeploymentId::parse(&text);
        let _ = RunId::parse(&text);
        let _ = ShareLink::parse(&text, &Host::default());
        let _ = Settings::default().edited(&text, &text);
    }

    #[test]
    fn an_accepted_share_link_is_https_on_functionize(link in url()) {
        if let Ok(accepted) = ShareLink::parse(&link, &Host::default()) {
            let text = accepted.as_str();
            prop_assert!(text.starts_with("https://"), "{}", text);
            let host = text["https://".len()..].split(['/', '?', '#']).next().unwrap();
            let name = host.split(':').next().unwrap();
            prop_assert!(name == "functionize.com" || name.ends_with(".functionize.com"), "{}", text);
        }
    }
}
