//! What the user configures in the options page, as stored in `chrome.storage.local`.

use serde::{Deserialize, Serialize};

use crate::api::mint::Credentials;
use crate::error::Error;
use crate::host::Host;

/// The key the settings are stored under.
pub const STORAGE_KEY: &str = "settings";

/// How long one request may take before it is given up, when the settings do not say.
pub const DEFAULT_TIMEOUT_SECS: u32 = 15;

#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    #[serde(default)]
    pub token: String,
    /// Empty means the default host.
    #[serde(default)]
    pub host: String,
    /// With `secret`, lets the extension mint tokens itself; the token then is the last one
    /// minted.
    #[serde(default)]
    pub api_key: String,
    #[serde(default)]
    pub secret: String,
    /// Absent means `DEFAULT_TIMEOUT_SECS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_timeout_secs: Option<u32>,
}

/// What the options page's form holds when Save is pressed.
pub struct Form<'a> {
    pub host: &'a str,
    pub token: &'a str,
    pub api_key: &'a str,
    pub secret: &'a str,
}

impl Settings {
    pub fn host(&self) -> Result<Host, Error> {
        if self.host.trim().is_empty() {
            Ok(Host::default())
        } else {
            Host::parse(&self.host)
        }
    }

    /// The request timeout in milliseconds: never zero, never more than two minutes, since a
    /// spinner longer than that helps nobody.
    pub fn request_timeout_ms(&self) -> u32 {
        self.request_timeout_secs
            .unwrap_or(DEFAULT_TIMEOUT_SECS)
            .clamp(1, 120)
            * 1000
    }

    pub fn has_token(&self) -> bool {
        !self.token.trim().is_empty()
    }

    /// The API key and secret, when both are saved.
    pub fn credentials(&self) -> Option<Credentials> {
        let (api_key, secret) = (self.api_key.trim(), self.secret.trim());
        (!api_key.is_empty() && !secret.is_empty()).then(|| Credentials {
            api_key: api_key.to_owned(),
            secret: secret.to_owned(),
        })
    }

    /// Applies a typed API key and secret. An empty secret keeps the saved one, as the page never
    /// shows a saved secret back; the key is shown, so an emptied key field removes the key and
    /// the secret. New credentials drop the token minted from the old.
    pub fn with_credentials(&self, typed_key: &str, typed_secret: &str) -> Result<Settings, Error> {
        let mut edited = self.clone();
        if typed_key.trim().is_empty() {
            edited.api_key.clear();
            edited.secret.clear();
            return Ok(edited);
        }
        for (typed, saved, field) in [
            (typed_key.trim(), &mut edited.api_key, "API key"),
            (typed_secret.trim(), &mut edited.secret, "API secret"),
        ] {
            if typed.is_empty() || typed == saved.as_str() {
                continue;
            }
            check_header_safe(typed, field)?;
            *saved = typed.to_owned();
            edited.token.clear();
        }
        Ok(edited)
    }

    /// The settings after Save is pressed on `form`. What the user did not type again stays,
    /// except across a change of host: a token and a key belong to one host, and a mistyped
    /// host must never receive them, so they are dropped unless typed in the same save.
    pub fn saved_from(&self, form: &Form<'_>) -> Result<Settings, Error> {
        let base = if self.moves_to(form.host)? {
            Settings {
                host: self.host.clone(),
                request_timeout_secs: self.request_timeout_secs,
                ..Settings::default()
            }
        } else {
            self.clone()
        };
        base.with_credentials(form.api_key, form.secret)?
            .edited(form.host, form.token)
    }

    /// Whether `typed_host` names another host than the saved one.
    pub fn moves_to(&self, typed_host: &str) -> Result<bool, Error> {
        let typed = Settings {
            host: typed_host.to_owned(),
            ..Settings::default()
        }
        .host()?;
        Ok(self.host().ok() != Some(typed))
    }

    /// Applies what the user typed in the options page. An empty token field keeps the saved
    /// token: the page never shows a saved token back, so an empty field means "unchanged".
    pub fn edited(&self, typed_host: &str, typed_token: &str) -> Result<Settings, Error> {
        let host = Settings {
            host: typed_host.to_owned(),
            ..Settings::default()
        }
        .host()?;
        let typed_token = typed_token.trim();
        let token = if typed_token.is_empty() {
            self.token.clone()
        } else {
            check_header_safe(typed_token, "access token")?;
            typed_token.to_owned()
        };
        Ok(Settings {
            token,
            host: host.to_string(),
            ..self.clone()
        })
    }
}

impl Settings {
    /// These settings, as stored now, with the token minted while answering under `used`; `None`
    /// when they no longer hold the host and credentials it was minted from, because the
    /// options page saved others meanwhile and the token belongs to settings now replaced.
    /// Only the token changes, so nothing else the options page saved is overwritten.
    pub fn with_minted_token(&self, used: &Settings) -> Option<Settings> {
        let same_source = self.host == used.host && self.credentials() == used.credentials();
        (same_source && used.has_token()).then(|| Settings {
            token: used.token.clone(),
            ..self.clone()
        })
    }
}

/// A token travels in an HTTP header, which takes only visible ASCII, and so do keys and
/// secrets in practice. Anything else is a copying accident (an invisible character, a word of
/// the page around it) and is refused at once rather than failing at every call.
fn check_header_safe(value: &str, field: &str) -> Result<(), Error> {
    // Real ones are a few hundred characters at most; a pasted page would fail every call.
    const MAX_LEN: usize = 4096;
    if value.len() > MAX_LEN {
        return Err(Error::InvalidInput {
            field: field.into(),
            reason: "it is far longer than any Functionize credential; copy only the value".into(),
        });
    }
    if value.bytes().all(|b| b.is_ascii_graphic()) {
        return Ok(());
    }
    Err(Error::InvalidInput {
        field: field.into(),
        reason: "it contains spaces, invisible characters or letters a token never has; \
                 copy it again from Functionize"
            .into(),
    })
}

// Settings hold the token: a derived Debug would print it into any log or assertion message.
impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = |secret: &str| {
            if secret.is_empty() {
                "<empty>"
            } else {
                "<set>"
            }
        };
        f.debug_struct("Settings")
            .field("host", &self.host)
            .field("token", &shown(&self.token))
            .field("api_key", &self.api_key)
            .field("secret", &shown(&self.secret))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved() -> Settings {
        Settings {
            token: "secret-token".into(),
            host: "app.functionize.com".into(),
            ..Settings::default()
        }
    }

    #[test]
    fn new_credentials_replace_the_minted_token_and_an_empty_secret_keeps_the_saved_one() {
        let with_key = saved().with_credentials("key-1", "secret-1").unwrap();
        assert!(!with_key.has_token());
        assert_eq!(with_key.credentials().unwrap().api_key, "key-1");
        let mut minted = with_key.clone();
        minted.token = "minted".into();
        let unchanged = minted.with_credentials("key-1", "").unwrap();
        assert_eq!(unchanged.token, "minted");
        assert_eq!(unchanged.secret, "secret-1");
    }

    #[test]
    fn a_minted_token_is_kept_without_undoing_a_save_made_meanwhile() {
        let stored = saved().with_credentials("key-1", "secret-1").unwrap();
        let mut used = stored.clone();
        used.token = "minted".into();

        let mut slower = stored.clone();
        slower.request_timeout_secs = Some(30);
        let kept = slower.with_minted_token(&used).unwrap();
        assert_eq!(kept.token, "minted");
        assert_eq!(kept.request_timeout_secs, Some(30));

        let new_key = stored.with_credentials("key-2", "secret-2").unwrap();
        assert_eq!(new_key.with_minted_token(&used), None);
        let mut new_host = stored.clone();
        new_host.host = "functionize.example".into();
        assert_eq!(new_host.with_minted_token(&used), None);
    }

    fn form<'a>(host: &'a str, token: &'a str, api_key: &'a str) -> Form<'a> {
        Form {
            host,
            token,
            api_key,
            secret: "",
        }
    }

    #[test]
    fn an_emptied_key_field_removes_the_key_and_secret_but_not_a_token() {
        let with_key = saved().with_credentials("key-1", "secret-1").unwrap();
        let mut pasted = with_key.clone();
        pasted.token = "pasted".into();
        let cleared = pasted
            .saved_from(&form("app.functionize.com", "", ""))
            .unwrap();
        assert_eq!(
            (cleared.api_key.as_str(), cleared.secret.as_str()),
            ("", "")
        );
        assert_eq!(cleared.token, "pasted");
    }

    #[test]
    fn a_new_host_receives_no_token_or_key_that_was_not_typed_again() {
        let mut stored = saved().with_credentials("key-1", "secret-1").unwrap();
        stored.token = "minted".into();
        let moved = stored
            .saved_from(&form("app.functionise.com", "", "key-1"))
            .unwrap();
        assert!(!moved.has_token());
        assert_eq!(moved.credentials(), None);
        assert_eq!(moved.host, "app.functionise.com");

        let typed = stored
            .saved_from(&form("studio.functionize.com", "new-token", ""))
            .unwrap();
        assert_eq!(typed.token, "new-token");
    }

    #[test]
    fn the_same_host_keeps_what_was_not_typed_again() {
        let stored = saved().with_credentials("key-1", "secret-1").unwrap();
        let kept = stored
            .saved_from(&form("APP.functionize.com", "", "key-1"))
            .unwrap();
        assert_eq!(kept.credentials(), stored.credentials());
        assert_eq!(stored.moves_to("app.functionize.com/"), Ok(false));
    }

    #[test]
    fn a_token_longer_than_any_real_one_is_refused() {
        let pasted = "a".repeat(100_000);
        let error = Settings::default().edited("", &pasted).unwrap_err();
        assert!(error.message().contains("far longer"), "{error}");
    }

    #[test]
    fn a_key_without_a_secret_is_not_credentials() {
        let half = Settings::default().with_credentials("key-1", "").unwrap();
        assert_eq!(half.credentials(), None);
    }

    #[test]
    fn debug_output_never_shows_the_secret() {
        let with_key = saved().with_credentials("key-1", "secret-value").unwrap();
        assert!(!format!("{with_key:?}").contains("secret-value"));
    }

    #[test]
    fn requests_time_out_after_fifteen_seconds_unless_set_otherwise() {
        assert_eq!(saved().request_timeout_ms(), 15_000);
        let quick: Settings = serde_json::from_str(r#"{"requestTimeoutSecs":2}"#).unwrap();
        assert_eq!(quick.request_timeout_ms(), 2_000);
        let zero: Settings = serde_json::from_str(r#"{"requestTimeoutSecs":0}"#).unwrap();
        assert_eq!(zero.request_timeout_ms(), 1_000);
    }

    #[test]
    fn editing_keeps_the_timeout() {
        let mut quick = saved();
        quick.request_timeout_secs = Some(3);
        assert_eq!(quick.edited("", "").unwrap().request_timeout_secs, Some(3));
    }

    #[test]
    fn an_empty_token_field_keeps_the_saved_token() {
        let edited = saved().edited("app.functionize.com", "  ").unwrap();
        assert_eq!(edited.token, "secret-token");
    }

    #[test]
    fn a_pasted_token_replaces_the_saved_one_without_surrounding_spaces() {
        let edited = saved()
            .edited("app.functionize.com", " new-token\n")
            .unwrap();
        assert_eq!(edited.token, "new-token");
    }

    #[test]
    fn an_empty_host_means_the_default_host() {
        let edited = saved().edited("", "").unwrap();
        assert_eq!(edited.host, "app.functionize.com");
        assert_eq!(Settings::default().host().unwrap(), Host::default());
    }

    #[test]
    fn a_host_typed_as_a_url_is_stored_as_a_bare_host() {
        let edited = saved()
            .edited("https://Studio.Functionize.com/", "")
            .unwrap();
        assert_eq!(edited.host, "studio.functionize.com");
    }

    #[test]
    fn a_host_with_a_path_is_refused_and_nothing_changes() {
        let before = saved();
        assert!(before.edited("app.functionize.com/v1/x", "new").is_err());
        assert_eq!(before.token, "secret-token");
    }

    #[test]
    fn a_token_with_invisible_or_non_ascii_characters_is_refused() {
        for typed in ["tok\u{200B}en", "токен-123", "tok🚀en", "tok en"] {
            let refused = saved().edited("app.functionize.com", typed).unwrap_err();
            assert!(matches!(refused, Error::InvalidInput { .. }), "{typed}");
            assert!(!refused.message().contains(typed), "{typed}");
        }
    }

    #[test]
    fn debug_output_never_shows_the_token() {
        let shown = format!("{:?}", saved());
        assert!(!shown.contains("secret-token"), "{shown}");
        assert!(shown.contains("<set>"));
    }
}
