//! The web pages the content script works on, plus the home and login pages. They only need to
//! look enough like Functionize for the extension: the same URL patterns, a header, and the
//! orchestration name in an `<h1>`. Every page goes through `layout`, so a new page is one
//! function and one line in `answer`.

use percent_encoding::percent_decode_str;

use crate::fixture::Orchestration;
use crate::reply::Reply;
use crate::state::State;

pub fn answer(state: &State, path: &str) -> Reply {
    let trimmed = path.trim_matches('/');
    let segments: Vec<&str> = trimmed.split('/').collect();
    match segments.as_slice() {
        [""] => home(),
        ["login"] => login(),
        ["v1", "orchestrations-report", id, run] => legacy_report(state, id, run),
        ["public", "orchestration-report", token] => public_report(state, token),
        _ => not_found(),
    }
}

/// Neutralises the characters that would let a name become markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{margin:0;font-family:system-ui,sans-serif;color:#1d2433}\
.fz-header{display:flex;gap:1.5rem;align-items:center;padding:.75rem 1.5rem;\
background:#13203a;color:#fff}.fz-header a{color:#fff;text-decoration:none}\
.fz-logo{font-weight:700}main{padding:1.5rem}.muted{color:#5b6475}\
.report-toolbar{display:flex;gap:.5rem;margin:1rem 0}";

/// The page frame shared by every page; `title` and `main` are already-escaped HTML.
fn layout(title: &str, main: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title} · Functionize</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <header class=\"fz-header\"><a class=\"fz-logo\" href=\"/\">Functionize</a>\
         <nav><a href=\"/\">Orchestrations</a> <a href=\"/login\">Sign out</a></nav></header>\n\
         <main id=\"fz-main\">\n{main}\n</main>\n</body>\n</html>\n"
    )
}

fn home() -> Reply {
    // The textarea lets browser tests paste the clipboard somewhere on a secure page.
    let main = "<h1>Welcome back</h1>\n\
                <p class=\"muted\">Your orchestrations and their latest runs.</p>\n\
                <label for=\"paste\">Scratch pad</label><br>\n\
                <textarea id=\"paste\" rows=\"4\" cols=\"80\"></textarea>";
    Reply::html(200, layout("Home", main))
}

fn login() -> Reply {
    let main = "<h1>Sign in to Functionize</h1>\n\
                <form id=\"login\" method=\"post\" action=\"/login\">\n\
                <label>Email <input name=\"email\" type=\"email\" autocomplete=\"username\"></label>\n\
                <label>Password <input name=\"password\" type=\"password\"></label>\n\
                <button type=\"submit\">Sign in</button>\n</form>";
    Reply::html(200, layout("Sign in", main))
}

/// `/v1/orchestrations-report/{numeric_id}/{run_id}`. Any run id is shown, known or not: the
/// page is there for the content script to read its URL, not to check runs.
fn legacy_report(state: &State, id: &str, run: &str) -> Reply {
    let Some(item) = id.parse().ok().and_then(|id| state.find_numeric(id)) else {
        return not_found();
    };
    let run_id = percent_decode_str(run).decode_utf8_lossy();
    let name = escape(&item.name);
    let main = format!(
        "<section class=\"report\" data-orchestration-id=\"{id}\" data-run-id=\"{run_attr}\">\n\
         <h1 class=\"orchestration-name\">{name}</h1>\n\
         <p class=\"run muted\">Run {run_attr} · {summary}</p>\n\
         <div class=\"report-toolbar\"></div>\n</section>",
        id = item.numeric_id,
        run_attr = escape(&run_id),
        summary = escape(&run_summary(item, &run_id)),
    );
    Reply::html(200, layout(&name, &main))
}

/// The login-free page a share link opens.
fn public_report(state: &State, token: &str) -> Reply {
    let found = state.orchestrations.iter().find(|o| o.share_token == token);
    let Some(item) = found else {
        return not_found();
    };
    let name = escape(&item.name);
    let latest = item
        .latest_run()
        .map(|run| run.run_id.as_str())
        .unwrap_or("");
    let main = format!(
        "<section class=\"report public\">\n<h1 class=\"orchestration-name\">{name}</h1>\n\
         <p class=\"muted\">Shared report · {}</p>\n</section>",
        escape(&run_summary(item, latest))
    );
    Reply::html(200, layout(&name, &main))
}

fn run_summary(item: &Orchestration, run_id: &str) -> String {
    match item.run(run_id) {
        Some(run) => format!(
            "{}: {} passed, {} failed",
            run.status, run.passed, run.failed
        ),
        None => "no results for this run".to_string(),
    }
}

fn not_found() -> Reply {
    let main = "<h1>Page not found</h1>\n<p class=\"muted\">Check the address.</p>";
    Reply::html(404, layout("Not found", main))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shape::{IdStyle, Shape};
    use crate::state::for_tests;

    fn page(state: &State, path: &str) -> (u16, String) {
        let reply = answer(state, path);
        (
            reply.status,
            String::from_utf8(reply.body.to_vec()).unwrap(),
        )
    }

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(
            escape(r#"<b>"a" & 'b'</b>"#),
            "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;"
        );
        assert_eq!(escape("日本語 サインアップ"), "日本語 サインアップ");
    }

    #[test]
    fn the_legacy_report_shows_the_escaped_name_in_an_h1() {
        let state = for_tests(Shape::Bare, IdStyle::Numbers);
        let item = state
            .orchestrations
            .iter()
            .find(|o| o.name.contains('<'))
            .unwrap();
        let path = format!(
            "/v1/orchestrations-report/{}/{}",
            item.numeric_id, item.runs[0].run_id
        );
        let (status, html) = page(&state, &path);
        assert_eq!(status, 200);
        let expected = format!(
            "<h1 class=\"orchestration-name\">{}</h1>",
            escape(&item.name)
        );
        assert!(html.contains(&expected), "{html}");
        assert!(!html.contains(&item.name));
    }

    #[test]
    fn unknown_pages_and_ids_are_404() {
        let state = for_tests(Shape::Bare, IdStyle::Numbers);
        assert_eq!(page(&state, "/v1/orchestrations-report/1/2").0, 404);
        assert_eq!(page(&state, "/nowhere").0, 404);
        assert_eq!(page(&state, "/").0, 200);
        assert_eq!(page(&state, "/login").0, 200);
    }
}
