//! The two links a user copies: the standard report URL (needs a Functionize login) and the
//! public share link (login-free). Both are only ever produced here, from validated parts.

use std::fmt;

use crate::error::Error;
use crate::host::Host;
use crate::ids::{OrchestrationId, RunId};
use crate::locale::{text, text_with};

/// `https://{host}/v1/orchestrations-report/{numeric_id}/{run_id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportUrl(String);

impl ReportUrl {
    pub fn new(host: &Host, id: OrchestrationId, run: &RunId) -> Self {
        Self(format!(
            "https://{host}/v1/orchestrations-report/{id}/{}",
            encode_path_segment(run.as_str())
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for ReportUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Run ids are opaque, so everything outside RFC 3986's unreserved set is escaped: a `/`,
/// `?` or `#` in a run id must not change which page the URL opens.
fn encode_path_segment(segment: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 0xf)] as char);
        }
    }
    out
}

/// A public report link taken from the `Details` value of a csvreport answer, checked before
/// anyone copies it: that value arrives from the network, and a user pastes it to others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareLink(String);

impl ShareLink {
    pub const MAX_LEN: usize = 2048;

    /// Accepts only an absolute https URL on the configured host, on `functionize.com` or on
    /// one of its subdomains, without user name, backslashes, spaces or control characters.
    /// Whitespace around the link is trimmed: it is harmless, and backends often add a newline.
    pub fn parse(raw: &str, host: &Host) -> Result<Self, Error> {
        let refuse = |reason: &str| Error::UnsafeShareLink {
            reason: text(reason),
        };
        let link = raw.trim();
        if link.is_empty() {
            return Err(refuse("linkReasonEmpty"));
        }
        if link.len() > Self::MAX_LEN {
            return Err(refuse("linkReasonTooLong"));
        }

        let rest = strip_prefix_ignoring_case(link, "https://")
            .ok_or_else(|| refuse("linkReasonNotHttps"))?;
        if link.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(refuse("linkReasonSpaces"));
        }
        // Browsers read `\` as `/` in https URLs, which would move the host boundary.
        if link.contains('\\') {
            return Err(refuse("linkReasonBackslash"));
        }

        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(authority_end);
        if authority.contains('@') {
            return Err(refuse("linkReasonUserName"));
        }
        let found = Host::from_authority(&authority.to_ascii_lowercase())
            .map_err(|_| refuse("linkReasonBadHost"))?;
        if !is_functionize(&found, host) {
            return Err(Error::UnsafeShareLink {
                reason: text_with("linkReasonElsewhere", &[found.as_str()]),
            });
        }
        // Only the characters a URL may carry unencoded: no quotes or angle brackets that turn
        // into markup when pasted, no invisible or right-to-left characters that disguise it.
        if !link.bytes().all(is_url_byte) {
            return Err(refuse("linkReasonBadCharacters"));
        }
        Ok(Self(format!("https://{found}{path}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for ShareLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_functionize(found: &Host, configured: &Host) -> bool {
    let name = found.name();
    found == configured || name == "functionize.com" || name.ends_with(".functionize.com")
}

fn is_url_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&byte)
}

fn strip_prefix_ignoring_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}
