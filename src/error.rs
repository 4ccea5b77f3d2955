//! The one error type of the crate. Every failure a user can meet ends up as one of these
//! variants, and each variant names the message the popup or the options page shows, in the
//! browser's language (see `crate::locale`).
//!
//! No variant ever holds a token or a secret: the fields hold field names, short reasons and
//! numbers (already in the user's language), and text that came from Functionize is scrubbed
//! of the token by the client.

use std::fmt;

use crate::locale::{text, text_with};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The settings hold no access token, so nothing was sent.
    NoToken,
    /// Functionize answered 401 or 403, or sent its login page instead of JSON.
    TokenRejected,
    /// `generateToken` refused the saved API key and secret.
    CredentialsRejected,
    /// Functionize answered 404: the orchestration is gone or belongs to another account.
    NotFound,
    /// The orchestration list itself answered 404: the host has no Functionize API there.
    NoApiAtHost { host: String },
    /// Functionize answered 429; `retry_after_secs` comes from `Retry-After` when it is usable.
    RateLimited { retry_after_secs: u64 },
    /// A network failure, a timeout or a 5xx answer.
    NotAnswering,
    /// The answer had an unexpected shape. `missing` names what was expected: a field name
    /// such as `Details`, or a short noun phrase such as "complete JSON body".
    Unexpected { missing: String },
    /// The `Details` value of a csvreport answer is not a link that is safe to copy.
    UnsafeShareLink { reason: String },
    /// Something the user typed (host, run id, deployment id) is not valid.
    InvalidInput { field: String, reason: String },
    /// No run id is known for the orchestration and the user has not typed one.
    RunIdNeeded,
    /// A message came from something other than the extension's own pages, or asked for
    /// something the extension does not do.
    NotAllowed,
    /// The browser has not granted the extension access to the configured host.
    HostNotPermitted { host: String },
}

impl Error {
    /// A stable PascalCase name, used as the `name` of the JavaScript `Error`.
    pub fn name(&self) -> &'static str {
        match self {
            Error::NoToken => "NoToken",
            Error::TokenRejected => "TokenRejected",
            Error::CredentialsRejected => "CredentialsRejected",
            Error::NotFound => "NotFound",
            Error::NoApiAtHost { .. } => "NoApiAtHost",
            Error::RateLimited { .. } => "RateLimited",
            Error::NotAnswering => "NotAnswering",
            Error::Unexpected { .. } => "Unexpected",
            Error::UnsafeShareLink { .. } => "UnsafeShareLink",
            Error::InvalidInput { .. } => "InvalidInput",
            Error::RunIdNeeded => "RunIdNeeded",
            Error::NotAllowed => "NotAllowed",
            Error::HostNotPermitted { .. } => "HostNotPermitted",
        }
    }

    /// The sentence a user sees, in their language: what went wrong, then what to do next.
    pub fn message(&self) -> String {
        match self {
            Error::NoToken => text("errorNoToken"),
            Error::TokenRejected => text("errorTokenRejected"),
            Error::CredentialsRejected => text("errorCredentialsRejected"),
            Error::NotFound => text("errorNotFound"),
            Error::NoApiAtHost { host } => text_with("errorNoApiAtHost", &[host]),
            Error::RateLimited { retry_after_secs } => {
                text_with("errorRateLimited", &[&retry_after_secs.to_string()])
            }
            Error::NotAnswering => text("errorNotAnswering"),
            Error::Unexpected { missing } => {
                text_with("errorUnexpected", &[&describe_missing(missing)])
            }
            Error::UnsafeShareLink { reason } => text_with("errorUnsafeShareLink", &[reason]),
            Error::InvalidInput { field, reason } => {
                text_with("errorInvalidInput", &[field, reason])
            }
            Error::RunIdNeeded => text("errorRunIdNeeded"),
            Error::HostNotPermitted { host } => text_with("errorHostNotPermitted", &[host]),
            Error::NotAllowed => text("errorNotAllowed"),
        }
    }

    /// Replaces `secret` wherever text from outside (a Functionize failure message) could have
    /// echoed it, so the error can be shown and logged safely.
    pub fn without_secret(self, secret: &str) -> Error {
        if secret.is_empty() {
            return self;
        }
        let scrub = |said: String| {
            let said = said.replace(secret, "[token]");
            if reveals(&said, secret) {
                text("missingWithheldAnswer")
            } else {
                said
            }
        };
        match self {
            Error::Unexpected { missing } => Error::Unexpected {
                missing: scrub(missing),
            },
            Error::UnsafeShareLink { reason } => Error::UnsafeShareLink {
                reason: scrub(reason),
            },
            Error::InvalidInput { field, reason } => Error::InvalidInput {
                field,
                reason: scrub(reason),
            },
            other => other,
        }
    }
}

/// Whether `text` gives away `secret` or a usable part of it: the whole secret, or any run of
/// `PIECE` of its characters, ignoring case and percent-encoding; or, where the text was cut
/// short with "…", the secret's first few characters right before the cut.
pub fn reveals(text: &str, secret: &str) -> bool {
    const PIECE: usize = 8;
    const CUT_PIECE: usize = 4;
    let text: Vec<char> = percent_decoded(text).to_lowercase().chars().collect();
    let secret: Vec<char> = secret.to_lowercase().chars().collect();
    if secret.is_empty() {
        return false;
    }
    let holds = |piece: &[char]| text.windows(piece.len()).any(|window| window == piece);
    if secret.len() <= PIECE {
        return holds(&secret);
    }
    if secret.windows(PIECE).any(holds) {
        return true;
    }
    // A cut message may end in the secret's beginning: "… token fzk-ab…".
    text.iter()
        .enumerate()
        .filter(|(_, c)| **c == '…')
        .any(|(cut, _)| (CUT_PIECE..PIECE).any(|n| cut >= n && text[cut - n..cut] == secret[..n]))
}

/// `%41` read as `A`, so an encoded secret is seen as the secret; invalid escapes stay as they are.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// A bare field name reads best quoted as a field; a noun phrase reads best as it is.
fn describe_missing(missing: &str) -> String {
    let is_field_name = !missing.is_empty()
        && missing
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    if is_field_name {
        text_with("missingField", &[missing])
    } else {
        text_with("missingThing", &[missing])
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<Error> {
        vec![
            Error::NoToken,
            Error::TokenRejected,
            Error::CredentialsRejected,
            Error::NotFound,
            Error::NoApiAtHost {
                host: "functionize.example".into(),
            },
            Error::RateLimited {
                retry_after_secs: 12,
            },
            Error::NotAnswering,
            Error::Unexpected {
                missing: "Details".into(),
            },
            Error::UnsafeShareLink {
                reason: "it is not an https link".into(),
            },
            Error::InvalidInput {
                field: "host".into(),
                reason: "it contains a path".into(),
            },
            Error::RunIdNeeded,
            Error::NotAllowed,
            Error::HostNotPermitted {
                host: "functionize.example".into(),
            },
        ]
    }

    #[test]
    fn every_message_is_a_full_sentence() {
        for error in every_variant() {
            let message = error.message();
            let first = message.chars().next().unwrap();
            assert!(first.is_uppercase(), "{message}");
            assert!(message.ends_with('.'), "{message}");
        }
    }

    #[test]
    fn names_are_stable_pascal_case() {
        let names: Vec<_> = every_variant().iter().map(Error::name).collect();
        assert_eq!(
            names,
            [
                "NoToken",
                "TokenRejected",
                "CredentialsRejected",
                "NotFound",
                "NoApiAtHost",
                "RateLimited",
                "NotAnswering",
                "Unexpected",
                "UnsafeShareLink",
                "InvalidInput",
                "RunIdNeeded",
                "NotAllowed",
                "HostNotPermitted"
            ]
        );
    }

    #[test]
    fn display_is_the_message() {
        for error in every_variant() {
            assert_eq!(error.to_string(), error.message());
        }
    }

    #[test]
    fn missing_token_tells_the_user_to_open_the_options() {
        assert!(Error::NoToken.message().contains("No Functionize token"));
        assert!(Error::NoToken.message().contains("options"));
    }

    #[test]
    fn rejected_token_message_starts_with_token_rejected() {
        assert!(Error::TokenRejected.message().starts_with("Token rejected"));
    }

    #[test]
    fn rate_limit_message_says_how_long_to_wait() {
        let error = Error::RateLimited {
            retry_after_secs: 42,
        };
        assert!(error.message().contains("try again in 42 s"));
    }

    #[test]
    fn unexpected_answer_names_the_missing_field() {
        let error = Error::Unexpected {
            missing: "Details".into(),
        };
        assert!(error.message().contains("no `Details` field"));
    }

    #[test]
    fn a_secret_echoed_by_functionize_is_scrubbed() {
        let error = Error::Unexpected {
            missing: "RESULTSET, only STATUS FAILURE: \"bad token s3cr3t\"".into(),
        };
        let message = error.without_secret("s3cr3t").message();
        assert!(!message.contains("s3cr3t"), "{message}");
        assert!(message.contains("[token]"), "{message}");
    }

    #[test]
    fn a_secret_in_other_case_encoded_or_cut_short_is_seen() {
        let secret = "fzk-Break-Token-ABCDEF0123456789";
        for text in [
            "bad token FZK-BREAK-TOKEN-ABCDEF0123456789",
            "https://app.functionize.com/p?t=fzk%2DBreak%2DToken%2DABCDEF0123456789",
            "no access for EF012345 here",
            "a message cut in the token fzk-Br…",
        ] {
            assert!(reveals(text, secret), "{text}");
        }
        for text in ["no token here", "tokens look like abc…", "100%"] {
            assert!(!reveals(text, secret), "{text}");
        }
    }

    #[test]
    fn unexpected_answer_reads_a_phrase_as_a_phrase() {
        let error = Error::Unexpected {
            missing: "complete JSON body".into(),
        };
        assert!(error.message().contains("no complete JSON body."));
    }
}
