//! The Functionize host a user works on. Most accounts use `app.functionize.com`, but
//! dedicated deployments and Studio live on other hosts, so the host is a setting, and it goes
//! into every API call and every link: it is validated once, here.

use std::fmt;

use crate::error::Error;
use crate::locale::text;

pub const DEFAULT_HOST: &str = "app.functionize.com";

/// A lower-case host name with an optional port, without scheme, path or user name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Host(String);

impl Host {
    /// Lenient about what people paste (`https://app.functionize.com/`, upper case, spaces
    /// around it), strict about anything that would change where requests go.
    pub fn parse(input: &str) -> Result<Self, Error> {
        let invalid = |reason: &str| Error::InvalidInput {
            field: text("fieldHost"),
            reason: text(reason),
        };
        let lower = input.trim().to_ascii_lowercase();
        if lower.is_empty() {
            return Err(invalid("reasonEmpty"));
        }
        if lower.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid("reasonHasSpaces"));
        }

        let without_scheme = match lower.split_once("://") {
            Some(("https" | "http", rest)) => rest,
            Some(_) => return Err(invalid("reasonOnlyHttps")),
            None => lower.as_str(),
        };
        let authority = without_scheme.strip_suffix('/').unwrap_or(without_scheme);

        if authority.contains('@') {
            return Err(invalid("reasonHostHasUserName"));
        }
        if authority.contains(['/', '\\', '?', '#']) {
            return Err(invalid("reasonHostHasPath"));
        }
        Self::from_authority(authority).map_err(invalid)
    }

    /// Validates `name[:port]` that is already lower case. Used for settings and for the
    /// host of a share link, so both follow one rule. A refusal is the key of its reason in
    /// the message catalog.
    pub(crate) fn from_authority(authority: &str) -> Result<Self, &'static str> {
        let (name, port) = match authority.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (authority, None),
        };
        check_name(name)?;
        match port {
            None => Ok(Self(name.to_owned())),
            // The https default port names the same origin as no port at all.
            Some("443") => Ok(Self(name.to_owned())),
            Some(port) => {
                check_port(port)?;
                Ok(Self(format!("{name}:{port}")))
            }
        }
    }

    /// The host as it appears in a URL, with its port when it has one.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The host name without the port.
    pub fn name(&self) -> &str {
        self.0.split(':').next().unwrap_or(&self.0)
    }

    /// The browser's host-permission pattern for this host. Match patterns take no port, so
    /// a port is dropped.
    pub fn origin_pattern(&self) -> String {
        format!("https://{}/*", self.name())
    }

    pub fn api_base(&self) -> String {
        format!("https://{}/api/v4", self.0)
    }
}

impl Default for Host {
    fn default() -> Self {
        Self(DEFAULT_HOST.to_owned())
    }
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// DNS names only: letters, digits, hyphens and dots. IPv6 literals and internationalised
/// names are not accepted; no Functionize deployment is known to need them.
fn check_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        return Err("reasonNoHostName");
    }
    if name.len() > 253 {
        return Err("reasonHostNameTooLong");
    }
    for label in name.split('.') {
        if label.is_empty() || label.len() > 63 {
            return Err("reasonHostNameBadPart");
        }
        if !label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err("reasonHostNameBadCharacters");
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err("reasonHostNameHyphen");
        }
    }
    Ok(())
}

fn check_port(port: &str) -> Result<(), &'static str> {
    let valid = !port.is_empty()
        && port.len() <= 5
        && port.bytes().all(|b| b.is_ascii_digit())
        && matches!(port.parse::<u32>(), Ok(1..=65535));
    if valid {
        Ok(())
    } else {
        Err("reasonBadPort")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(input: &str) -> String {
        Host::parse(input).unwrap().as_str().to_owned()
    }

    fn refusal(input: &str) -> String {
        match Host::parse(input).unwrap_err() {
            Error::InvalidInput { field, reason } => {
                assert_eq!(field, "host");
                reason
            }
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn default_host_is_app_functionize_com() {
        assert_eq!(Host::default().as_str(), "app.functionize.com");
    }

    #[test]
    fn api_base_is_https_api_v4() {
        assert_eq!(
            Host::default().api_base(),
            "https://app.functionize.com/api/v4"
        );
    }

    #[test]
    fn plain_host_name_is_kept() {
        assert_eq!(parsed("studio.functionize.com"), "studio.functionize.com");
    }

    #[test]
    fn pasted_url_loses_its_scheme_and_trailing_slash() {
        assert_eq!(
            parsed("https://app.functionize.com/"),
            "app.functionize.com"
        );
        assert_eq!(parsed("http://app.functionize.com"), "app.functionize.com");
        assert_eq!(parsed("HTTPS://App.Functionize.COM"), "app.functionize.com");
    }

    #[test]
    fn surrounding_whitespace_is_ignored() {
        assert_eq!(parsed("  app.functionize.com\n"), "app.functionize.com");
    }

    #[test]
    fn a_port_is_kept_and_443_is_dropped() {
        assert_eq!(parsed("fz.example.com:8443"), "fz.example.com:8443");
        assert_eq!(parsed("https://fz.example.com:443/"), "fz.example.com");
        assert_eq!(
            Host::parse("fz.example.com:8443").unwrap().name(),
            "fz.example.com"
        );
    }

    #[test]
    fn empty_host_is_refused() {
        assert_eq!(refusal(""), "it is empty");
        assert_eq!(refusal("   "), "it is empty");
    }

    #[test]
    fn host_with_a_path_is_refused() {
        assert!(refusal("app.functionize.com/api/v4").contains("path"));
        assert!(refusal("https://app.functionize.com/v1/").contains("path"));
        assert!(refusal("app.functionize.com?x=1").contains("path"));
        assert!(refusal("app.functionize.com#top").contains("path"));
        assert!(refusal("evil.com\\app.functionize.com").contains("path"));
    }

    #[test]
    fn host_with_a_user_name_is_refused() {
        assert!(refusal("app.functionize.com@evil.com").contains("user name"));
        assert!(refusal("https://user:pw@app.functionize.com").contains("user name"));
    }

    #[test]
    fn host_with_spaces_is_refused() {
        assert!(refusal("app functionize.com").contains("spaces"));
        assert!(refusal("app.functionize.com\t.evil").contains("spaces"));
    }

    #[test]
    fn other_schemes_are_refused() {
        assert!(refusal("ftp://app.functionize.com").contains("https"));
        assert!(refusal("javascript://alert(1)").contains("https"));
    }

    #[test]
    fn malformed_names_and_ports_are_refused() {
        for bad in [
            "app..functionize.com",
            ".functionize.com",
            "app.functionize.com.",
            "-app.functionize.com",
            "app_functionize.com",
            "äpp.functionize.com",
            "app.functionize.com:",
            "app.functionize.com:0",
            "app.functionize.com:65536",
            "app.functionize.com:+80",
            "[::1]:8443",
            ":8443",
        ] {
            assert!(Host::parse(bad).is_err(), "{bad}");
        }
        assert!(Host::parse(&format!("{}.com", "a".repeat(64))).is_err());
    }

    #[test]
    fn the_permission_pattern_covers_the_host_without_its_port() {
        let host = Host::parse("fz.example.com:8443").unwrap();
        assert_eq!(host.origin_pattern(), "https://fz.example.com/*");
        assert_eq!(
            Host::default().origin_pattern(),
            "https://app.functionize.com/*"
        );
    }
}
