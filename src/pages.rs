//! Which Functionize pages are report pages, and what their URLs say. The URL patterns and the
//! selector of the element the page button sits beside are gathered here, so that a change in
//! Functionize's web app is one change in one file, with its table of URLs in the tests below.

use crate::host::Host;
use crate::ids::{DeploymentId, OrchestrationId, RunId};

/// The element next to which the page button goes: the report's title. The first match wins.
pub const TITLE_SELECTOR: &str = "h1";

/// The orchestration as a report page's URL names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageOrchestration {
    /// Legacy report pages use the web UI's numeric id.
    Numeric(OrchestrationId),
    /// Studio pages may use the hex deployment id; nobody has said which, so both are read.
    Deployment(DeploymentId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// `https://{host}/v1/orchestrations-report/{numeric_id}/{run_id}`
    LegacyReport,
    /// `https://{host}/app/orchestrations/{id}/runs/{run_id}`
    StudioRun,
}

/// A report page of the configured Functionize host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPage {
    pub kind: PageKind,
    pub orchestration: PageOrchestration,
    pub run: RunId,
}

/// Reads `url` as a report page of `host`; `None` for any other page or site. The query and
/// fragment are ignored, since single-page apps add them for tabs and scroll positions; one
/// trailing slash is allowed; anything else that differs from the patterns is not a report.
pub fn report_page(url: &str, host: &Host) -> Option<ReportPage> {
    let rest = url.strip_prefix("https://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(end);
    if authority.to_ascii_lowercase() != host.as_str() {
        return None;
    }
    let path = rest.split(['?', '#']).next().unwrap_or_default();
    let path = path.strip_suffix('/').unwrap_or(path);
    let segments: Vec<&str> = path.strip_prefix('/')?.split('/').collect();

    match segments.as_slice() {
        ["v1", "orchestrations-report", id, run] => Some(ReportPage {
            kind: PageKind::LegacyReport,
            orchestration: PageOrchestration::Numeric(numeric(id)?),
            run: run_id(run)?,
        }),
        ["app", "orchestrations", id, "runs", run] => {
            let orchestration = match numeric(id) {
                Some(numeric) => PageOrchestration::Numeric(numeric),
                None => PageOrchestration::Deployment(deployment(id)?),
            };
            Some(ReportPage {
                kind: PageKind::StudioRun,
                orchestration,
                run: run_id(run)?,
            })
        }
        _ => None,
    }
}

fn numeric(segment: &str) -> Option<OrchestrationId> {
    // Only plain digits: `OrchestrationId::parse` is lenient about spaces and signs, which a
    // URL path never has.
    if segment.is_empty() || !segment.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    OrchestrationId::parse(segment).ok()
}

fn deployment(segment: &str) -> Option<DeploymentId> {
    let is_hex = segment.len() == DeploymentId::LEN
        && segment
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
    is_hex.then(|| DeploymentId::parse(segment).ok()).flatten()
}

/// A run id as a path segment. An encoded character in it is refused rather than decoded:
/// nobody knows which characters real run ids use, and a `%2F` would smuggle in a slash.
fn run_id(segment: &str) -> Option<RunId> {
    let plain = segment
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'));
    if segment.is_empty() || !plain {
        return None;
    }
    RunId::parse(segment).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "0123456789abcdef0123456789abcdef";

    fn host() -> Host {
        Host::default()
    }

    fn legacy(id: u64, run: &str) -> Option<ReportPage> {
        Some(ReportPage {
            kind: PageKind::LegacyReport,
            orchestration: PageOrchestration::Numeric(
                OrchestrationId::parse(&id.to_string()).ok()?,
            ),
            run: RunId::parse(run).ok()?,
        })
    }

    fn studio(orchestration: PageOrchestration, run: &str) -> Option<ReportPage> {
        Some(ReportPage {
            kind: PageKind::StudioRun,
            orchestration,
            run: RunId::parse(run).ok()?,
        })
    }

    #[test]
    fn legacy_report_urls_that_match() {
        let base = "https://app.functionize.com/v1/orchestrations-report";
        let cases = [
            (format!("{base}/520603/48213"), legacy(520603, "48213")),
            (format!("{base}/520603/48213/"), legacy(520603, "48213")),
            (
                format!("{base}/520603/48213?tab=steps"),
                legacy(520603, "48213"),
            ),
            (
                format!("{base}/520603/48213#failures"),
                legacy(520603, "48213"),
            ),
            (
                format!("{base}/520603/r-7f3a9c"),
                legacy(520603, "r-7f3a9c"),
            ),
            (
                "https://APP.Functionize.com/v1/orchestrations-report/7/1".into(),
                legacy(7, "1"),
            ),
        ];
        for (url, expected) in cases {
            assert!(expected.is_some());
            assert_eq!(report_page(&url, &host()), expected, "{url}");
        }
    }

    #[test]
    fn studio_run_urls_that_match_with_either_kind_of_id() {
        let base = "https://app.functionize.com/app/orchestrations";
        let deployment = PageOrchestration::Deployment(DeploymentId::parse(HEX).unwrap());
        let numeric = PageOrchestration::Numeric(OrchestrationId::parse("520603").unwrap());
        let cases = [
            (
                format!("{base}/{HEX}/runs/48213"),
                studio(deployment.clone(), "48213"),
            ),
            (
                format!("{base}/520603/runs/48213"),
                studio(numeric.clone(), "48213"),
            ),
            (
                format!("{base}/520603/runs/48213/?x=1#y"),
                studio(numeric, "48213"),
            ),
        ];
        for (url, expected) in cases {
            assert!(expected.is_some());
            assert_eq!(report_page(&url, &host()), expected, "{url}");
        }
    }

    #[test]
    fn urls_that_are_not_report_pages() {
        let urls = [
            // other paths and sites
            "https://app.functionize.com/",
            "https://app.functionize.com/v1/orchestrations",
            "https://app.functionize.com/v1/orchestrations-report/520603",
            "https://app.functionize.com/app/orchestrations/520603",
            "https://app.functionize.com/app/orchestrations/520603/runs",
            "https://app.functionize.com/api/v4/orchestration/520603/group",
            "https://evil.example/v1/orchestrations-report/520603/48213",
            "https://app.functionize.com.evil.example/v1/orchestrations-report/1/2",
            "https://app.functionize.com@evil.example/v1/orchestrations-report/1/2",
            "http://app.functionize.com/v1/orchestrations-report/520603/48213",
            "app.functionize.com/v1/orchestrations-report/520603/48213",
            // extra segments and slashes
            "https://app.functionize.com/v1/orchestrations-report/520603/48213/steps",
            "https://app.functionize.com/v1/orchestrations-report/520603/48213//",
            "https://app.functionize.com//v1/orchestrations-report/520603/48213",
            "https://app.functionize.com/x/v1/orchestrations-report/520603/48213",
            "https://app.functionize.com/app/orchestrations/520603/runs/48213/steps",
            "https://app.functionize.com/v1/orchestrations-report/520603//48213",
            // ids that are not numbers, or not ids at all
            "https://app.functionize.com/v1/orchestrations-report/abc/48213",
            "https://app.functionize.com/v1/orchestrations-report/-5/48213",
            "https://app.functionize.com/v1/orchestrations-report/5.5/48213",
            "https://app.functionize.com/v1/orchestrations-report/0/48213",
            "https://app.functionize.com/v1/orchestrations-report/99999999999999999999999/1",
            "https://app.functionize.com/v1/orchestrations-report/%35%32/48213",
            "https://app.functionize.com/v1/orchestrations-report/520603/",
            "https://app.functionize.com/app/orchestrations/0123456789ABCDEF0123456789ABCDEF/runs/1",
            "https://app.functionize.com/app/orchestrations/0123456789abcdef/runs/1",
            "https://app.functionize.com/app/orchestrations/nightly/runs/1",
            // encoded characters and path tricks in the run id
            "https://app.functionize.com/v1/orchestrations-report/520603/48%2F213",
            "https://app.functionize.com/v1/orchestrations-report/520603/48%20213",
            "https://app.functionize.com/v1/orchestrations-report/520603/..",
            "https://app.functionize.com/v1/orchestrations-report/520603/.",
            "https://app.functionize.com/v1/orchestrations-report/520603/%2e%2e",
            "https://app.functionize.com/v1/orchestrations-report/520603/r%C3%A9",
        ];
        for url in urls {
            assert_eq!(report_page(url, &host()), None, "{url}");
        }
    }

    #[test]
    fn only_the_configured_host_counts() {
        let studio_host = Host::parse("studio.functionize.com").unwrap();
        let url = "https://studio.functionize.com/app/orchestrations/42/runs/7";
        assert!(report_page(url, &studio_host).is_some());
        assert_eq!(report_page(url, &host()), None);
    }

    #[test]
    fn a_host_with_a_port_must_match_its_port() {
        let with_port = Host::parse("fz.example.com:8443").unwrap();
        let url = "https://fz.example.com:8443/v1/orchestrations-report/1/2";
        assert!(report_page(url, &with_port).is_some());
        let other_port = "https://fz.example.com:9443/v1/orchestrations-report/1/2";
        assert_eq!(report_page(other_port, &with_port), None);
    }
}
