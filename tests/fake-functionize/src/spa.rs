//! The single-page-app shell that every report and app page gets, as Functionize's web app
//! serves one page for all its routes. The server sends the same bytes for every path: an empty
//! frame, the orchestrations as JSON, and the script in `spa.js`, which reads the URL and
//! renders the view in the browser, then re-renders on client-side navigation. So a content
//! script meets what it meets on the real app: a title that appears after the page's own script
//! runs, and pages that change without a load.
//!
//! The shell carries no token and the script makes no API call: everything it shows is in the
//! embedded data.

use serde::Serialize;

use crate::fixture::Orchestration;
use crate::pages::layout;
use crate::reply::Reply;
use crate::state::State;

const SCRIPT: &str = include_str!("spa.js");

/// One orchestration as the page script sees it.
#[derive(Serialize)]
struct Entry<'a> {
    /// A string, so an id beyond 2^53 stays exact in JavaScript and compares with the URL as is.
    numeric_id: String,
    deployment_id: &'a str,
    name: &'a str,
    status: Option<&'a str>,
    latest_run_id: Option<&'a str>,
    runs: Vec<RunEntry<'a>>,
}

#[derive(Serialize)]
struct RunEntry<'a> {
    run_id: &'a str,
    status: &'a str,
    passed: u32,
    failed: u32,
}

#[derive(Serialize)]
struct AppData<'a> {
    orchestrations: Vec<Entry<'a>>,
}

pub fn shell(state: &State) -> Reply {
    let data = script_safe_json(&app_data(&state.orchestrations));
    let main = "<p class=\"muted\">Loading…</p>";
    let scripts = format!(
        "<script type=\"application/json\" id=\"fz-data\">{data}</script>\n\
         <script>\n{SCRIPT}</script>\n"
    );
    Reply::html(200, layout("Orchestrations", main, &scripts))
}

fn app_data(orchestrations: &[Orchestration]) -> String {
    let entries = orchestrations.iter().map(|item| Entry {
        numeric_id: item.numeric_id.to_string(),
        deployment_id: &item.deployment_id,
        name: &item.name,
        status: item.status.as_deref(),
        latest_run_id: item.latest_run().map(|run| run.run_id.as_str()),
        runs: item
            .runs
            .iter()
            .map(|run| RunEntry {
                run_id: &run.run_id,
                status: &run.status,
                passed: run.passed,
                failed: run.failed,
            })
            .collect(),
    });
    let data = AppData {
        orchestrations: entries.collect(),
    };
    // Plain strings, numbers and options: serialising them cannot fail.
    serde_json::to_string(&data).expect("the page data serialises")
}

/// Makes JSON safe inside a `<script>` element. The HTML parser ends the element at the first
/// `</script` whatever the JSON means, and `<!--` changes how it looks for that end, so no `<`
/// may appear; `>` and `&` go too, so the text means the same read as HTML or as JSON. JSON
/// has these characters only inside strings, where `\u003c` is the same character.
fn script_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::fixture::generate;
    use crate::shape::{IdStyle, Shape};
    use crate::state::for_tests;

    const HOSTILE: &str = "</script><script>alert(1)</script><!-- \\</SCRIPT >&amp;";

    fn html(state: &State) -> String {
        String::from_utf8(shell(state).body.to_vec()).unwrap()
    }

    /// The text of the data element, as the browser's parser would cut it out.
    fn data_text(html: &str) -> &str {
        let start = html.find("id=\"fz-data\">").unwrap() + "id=\"fz-data\">".len();
        let length = html[start..].find("</script").unwrap();
        &html[start..start + length]
    }

    #[test]
    fn a_hostile_name_cannot_close_the_data_element_and_reads_back_whole() {
        let mut state = for_tests(Shape::Bare, IdStyle::Numbers);
        state.orchestrations[0].name = HOSTILE.to_string();
        let html = html(&state);

        let lowered = html.to_ascii_lowercase();
        assert_eq!(
            lowered.matches("</script").count(),
            2,
            "only the two real ends"
        );
        assert!(!data_text(&html).contains(['<', '>', '&']));

        let data: Value = serde_json::from_str(data_text(&html)).unwrap();
        assert_eq!(data["orchestrations"][0]["name"], HOSTILE);
    }

    #[test]
    fn the_data_names_every_orchestration_by_both_ids_with_its_latest_run() {
        let mut state = for_tests(Shape::Bare, IdStyle::Numbers);
        generate(&mut state.orchestrations, 60);
        let data: Value = serde_json::from_str(data_text(&html(&state))).unwrap();
        let entries = data["orchestrations"].as_array().unwrap();
        assert_eq!(entries.len(), 60);
        for (entry, item) in entries.iter().zip(&state.orchestrations) {
            assert_eq!(entry["numeric_id"], item.numeric_id.to_string());
            assert_eq!(entry["deployment_id"], item.deployment_id.as_str());
            assert_eq!(entry["name"], item.name.as_str());
            assert_eq!(entry["status"].as_str(), item.status.as_deref());
            let latest = item.latest_run().map(|run| run.run_id.as_str());
            assert_eq!(entry["latest_run_id"].as_str(), latest);
        }
    }

    #[test]
    fn the_shell_holds_no_token() {
        let state = for_tests(Shape::Bare, IdStyle::Numbers);
        let html = html(&state);
        assert!(!html.contains("fzk-"));
        assert!(!html.to_ascii_lowercase().contains("accesstoken"));
        for item in &state.orchestrations {
            assert!(!html.contains(&item.share_token), "{}", item.share_token);
        }
    }

    #[test]
    fn the_script_builds_names_as_text_and_calls_no_api() {
        for banned in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
        ] {
            assert!(!SCRIPT.contains(banned), "{banned}");
        }
        for banned in ["fetch(", "XMLHttpRequest", "/api/"] {
            assert!(!SCRIPT.contains(banned), "{banned}");
        }
        let lowered = SCRIPT.to_ascii_lowercase();
        assert!(!lowered.contains("</script") && !lowered.contains("<!--"));
    }
}
