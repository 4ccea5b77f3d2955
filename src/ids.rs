//! The three ids a report link is made of. Functionize's API names an orchestration by a hex
//! deployment id, its web UI by a numeric id, and a run by an opaque string; keeping them as
//! three types means a link cannot be built from the wrong one.

use std::fmt;

use crate::error::Error;
use crate::json::Json;
use crate::locale::text;

/// The 32-character hex id the API uses for an orchestration, stored in lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DeploymentId(String);

impl DeploymentId {
    pub const LEN: usize = 32;

    /// Accepts upper or lower case hex (people paste ids from many places) and surrounding
    /// whitespace; anything else is refused.
    pub fn parse(input: &str) -> Result<Self, Error> {
        let hex = input.trim();
        let invalid = |reason: &str| Error::InvalidInput {
            field: text("fieldDeploymentId"),
            reason: text(reason),
        };
        if hex.is_empty() {
            return Err(invalid("reasonEmpty"));
        }
        if hex.len() != Self::LEN {
            return Err(invalid("reasonDeploymentIdLength"));
        }
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid("reasonDeploymentIdCharacters"));
        }
        Ok(Self(hex.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DeploymentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The numeric id the Functionize web UI puts in report URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrchestrationId(u64);

impl OrchestrationId {
    /// Reads a JSON number or a string of digits. Negative numbers, fractions, numbers too
    /// large for u64 and zero (which such backends use for "none") are refused.
    pub fn from_json(value: &Json) -> Result<Self, Error> {
        json_u64(value)
            .filter(|&n| n > 0)
            .map(Self)
            .ok_or_else(|| Error::Unexpected {
                missing: "id".into(),
            })
    }

    /// Reads an id typed by the user or taken from a report page URL.
    pub fn parse(input: &str) -> Result<Self, Error> {
        digits_u64(input.trim())
            .filter(|&n| n > 0)
            .map(Self)
            .ok_or_else(|| Error::InvalidInput {
                field: text("fieldOrchestrationId"),
                reason: text("reasonPositiveNumber"),
            })
    }

    pub fn get(self) -> u64 {
        self.0
    }
}

impl fmt::Display for OrchestrationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A run id. Its format is not documented, so it is treated as an opaque string with only
/// the limits that keep it safe inside a URL path and readable in the popup.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RunId(String);

impl RunId {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(input: &str) -> Result<Self, Error> {
        let run = input.trim();
        let invalid = |reason: &str| Error::InvalidInput {
            field: text("fieldRunId"),
            reason: text(reason),
        };
        if run.is_empty() {
            return Err(invalid("reasonEmpty"));
        }
        if run.chars().count() > Self::MAX_CHARS {
            return Err(invalid("reasonRunIdTooLong"));
        }
        if run.chars().any(char::is_control) {
            return Err(invalid("reasonControlCharacters"));
        }
        // Browsers resolve "." and ".." (even percent-encoded) as relative path steps, which
        // would turn the report URL into a different page.
        if run == "." || run == ".." {
            return Err(invalid("reasonDotPath"));
        }
        Ok(Self(run.to_owned()))
    }

    /// Reads a JSON string or a non-negative whole number.
    pub fn from_json(value: &Json) -> Result<Self, Error> {
        match value {
            Json::String(text) => Self::parse(text),
            Json::Number(_) => {
                json_u64(value)
                    .map(|n| Self(n.to_string()))
                    .ok_or_else(|| Error::InvalidInput {
                        field: text("fieldRunId"),
                        reason: text("reasonNotWholeNumber"),
                    })
            }
            _ => Err(Error::InvalidInput {
                field: text("fieldRunId"),
                reason: text("reasonNotTextOrNumber"),
            }),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RunId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A JSON number or string of plain digits that fits in u64.
fn json_u64(value: &Json) -> Option<u64> {
    match value {
        Json::Number(_) => value.as_u64(),
        Json::String(text) => digits_u64(text.trim()),
        _ => None,
    }
}

/// `u64::from_str` also accepts a leading `+`; ids are plain digits only.
fn digits_u64(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}
