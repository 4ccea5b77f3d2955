//! The web pages: the home, login and public report pages, rendered here on the server, and
//! the report and app pages, which all get the single-page-app shell from `spa`. They only need
//! to look enough like Functionize for the extension: the same URL patterns, a header, and the
//! orchestration name in the first `<h1>`. Every page goes through `layout`, so a new page is
//! one function and one line in `answer`.

use crate::fixture::Orchestration;
use crate::reply::Reply;
use crate::spa;
use crate::state::State;

pub fn answer(state: &State, path: &str) -> Reply {
    let trimmed = path.trim_matches('/');
    let segments: Vec<&str> = trimmed.split('/').collect();
    match segments.as_slice() {
        [""] => home(),
        ["login"] => login(),
        ["public", "orchestration-report", token] => public_report(state, token),
        // Like the real app, the server does not check ids here: the shell decides in the
        // browser what to show, and shows a page for an unknown id too.
        ["v1", "orchestrations-report", id, run] if !id.is_empty() && !run.is_empty() => {
            spa::shell(state)
        }
        ["app", "orchestrations", id, "runs", run] if !id.is_empty() && !run.is_empty() => {
            spa::shell(state)
        }
        ["v1", "dashboard"] => spa::shell(state),
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
.report-head{display:flex;gap:.75rem;align-items:center}\
.report-nav ul,.dashboard-list{padding-left:1.25rem}\
.report-nav li,.dashboard-list li{margin:.3rem 0}\
.dashboard-list a{margin-left:.75rem}";

/// The page frame shared by every page. `title` and `main` are already-escaped HTML; `scripts`
/// goes after `main`, so a script there finds the page's elements already parsed.
pub fn layout(title: &str, main: &str, scripts: &str) -> String {
    // `data-spa` links are full page loads on the server-rendered pages, which have no script.
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title} · Functionize</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <header class=\"fz-header\"><a class=\"fz-logo\" href=\"/\">Functionize</a>\
         <nav><a data-spa href=\"/v1/dashboard\">Dashboard</a> \
         <a href=\"/login\">Sign out</a></nav></header>\n\
         <main id=\"fz-main\">\n{main}\n</main>\n{scripts}</body>\n</html>\n"
    )
}

fn home() -> Reply {
    // The textarea lets browser tests paste the clipboard somewhere on a secure page.
    let main = "<h1>Welcome back</h1>\n\
                <p class=\"muted\">Your orchestrations and their latest runs.</p>\n\
                <label for=\"paste\">Scratch pad</label><br>\n\
                <textarea id=\"paste\" rows=\"4\" cols=\"80\"></textarea>";
    Reply::html(200, layout("Home", main, ""))
}

fn login() -> Reply {
    let main = "<h1>Sign in to Functionize</h1>\n\
                <form id=\"login\" method=\"post\" action=\"/login\">\n\
                <label>Email <input name=\"email\" type=\"email\" autocomplete=\"username\"></label>\n\
                <label>Password <input name=\"password\" type=\"password\"></label>\n\
                <button type=\"submit\">Sign in</button>\n</form>";
    Reply::html(200, layout("Sign in", main, ""))
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
    Reply::html(200, layout(&name, &main, ""))
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
    Reply::html(404, layout("Not found", main, ""))
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
    fn report_and_app_pages_all_get_the_one_shell() {
        let state = for_tests(Shape::Bare, IdStyle::Numbers);
        let item = &state.orchestrations[0];
        let run = &item.runs[0].run_id;
        let paths = [
            format!("/v1/orchestrations-report/{}/{run}", item.numeric_id),
            format!("/app/orchestrations/{}/runs/{run}", item.numeric_id),
            format!("/app/orchestrations/{}/runs/{run}/", item.deployment_id),
            "/v1/orchestrations-report/1/2".to_string(),
            "/v1/dashboard".to_string(),
        ];
        let shell = page(&state, "/v1/dashboard").1;
        assert!(shell.contains("id=\"fz-data\""));
        for path in paths {
            assert_eq!(page(&state, &path), (200, shell.clone()), "{path}");
        }
    }

    #[test]
    fn server_rendered_pages_stay_and_unknown_pages_are_404() {
        let state = for_tests(Shape::Bare, IdStyle::Numbers);
        let (status, home) = page(&state, "/");
        assert_eq!(status, 200);
        assert!(home.contains("<textarea id=\"paste\""));
        assert!(!home.contains("<script"));
        assert_eq!(page(&state, "/login").0, 200);
        for path in [
            "/nowhere",
            "/v1/orchestrations-report/1",
            "/v1/orchestrations-report/1/2/steps",
            "/app/orchestrations/1/runs",
            "/app/orchestrations/1/run/2",
            "/public/orchestration-report/nope",
        ] {
            assert_eq!(page(&state, path).0, 404, "{path}");
        }
    }

    #[test]
    fn the_public_report_shows_the_escaped_name_in_an_h1() {
        let state = for_tests(Shape::Bare, IdStyle::Numbers);
        let item = state
            .orchestrations
            .iter()
            .find(|o| o.name.contains('<'))
            .unwrap();
        let path = format!("/public/orchestration-report/{}", item.share_token);
        let (status, html) = page(&state, &path);
        assert_eq!(status, 200);
        let expected = format!(
            "<h1 class=\"orchestration-name\">{}</h1>",
            escape(&item.name)
        );
        assert!(html.contains(&expected), "{html}");
        assert!(!html.contains(&item.name));
    }
}
