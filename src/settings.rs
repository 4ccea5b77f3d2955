//! What the user configures in the options page, as stored in `chrome.storage.local`.

use crate::api::mint::Credentials;
use crate::error::Error;
use crate::formats::Format;
use crate::host::Host;
use crate::json::Json;
use crate::locale::text;

/// The key the settings are stored under.
pub const STORAGE_KEY: &str = "settings";

/// How long one request may take before it is given up, when the settings do not say.
pub const DEFAULT_TIMEOUT_SECS: u32 = 15;

/// How long a share link or a latest run id is reused, when the settings do not say.
pub const DEFAULT_REMEMBER_MINUTES: u32 = 10;

#[derive(Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub token: String,
    /// Empty means the default host.
    pub host: String,
    /// With `secret`, lets the extension mint tokens itself; the token then is the last one
    /// minted.
    pub api_key: String,
    pub secret: String,
    /// Absent means `DEFAULT_TIMEOUT_SECS`.
    pub request_timeout_secs: Option<u32>,
    /// Absent means `DEFAULT_REMEMBER_MINUTES`; 0 means never reuse.
    pub remember_minutes: Option<u32>,
    /// How links are put on the clipboard unless the popup is told otherwise; absent means the
    /// bare URL.
    pub format: Option<Format>,
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

    /// How old a remembered share link or run id may be, in milliseconds (a day at most).
    pub fn remember_ms(&self) -> f64 {
        let minutes = self
            .remember_minutes
            .unwrap_or(DEFAULT_REMEMBER_MINUTES)
            .min(24 * 60);
        f64::from(minutes) * 60_000.0
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
            (typed_key.trim(), &mut edited.api_key, "fieldApiKey"),
            (typed_secret.trim(), &mut edited.secret, "fieldApiSecret"),
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
                remember_minutes: self.remember_minutes,
                format: self.format,
                ..Settings::default()
            }
        } else {
            self.clone()
        };
        base.with_credentials(form.api_key, form.secret)?
            .edited(form.host, form.token)
    }

    /// Applies the typed number of minutes share links and run ids are reused; empty means the
    /// default.
    pub fn with_remember_minutes(&self, typed: &str) -> Result<Settings, Error> {
        let typed = typed.trim();
        let minutes = match typed {
            "" => None,
            _ => match typed.parse::<u32>() {
                Ok(minutes) if minutes <= 24 * 60 => Some(minutes),
                _ => {
                    return Err(Error::InvalidInput {
                        field: text("fieldMinutes"),
                        reason: text("reasonMinutesRange"),
                    })
                }
            },
        };
        Ok(Settings {
            remember_minutes: minutes,
            ..self.clone()
        })
    }

    /// How links are copied unless the popup is told otherwise.
    pub fn format(&self) -> Format {
        self.format.unwrap_or_default()
    }

    /// Applies the format chosen in the options page, named by its key.
    pub fn with_format(&self, key: &str) -> Settings {
        Settings {
            format: Format::from_key(key),
            ..self.clone()
        }
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
            check_header_safe(typed_token, "fieldToken")?;
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
    /// As stored: `{token, host, apiKey, secret, requestTimeoutSecs?, rememberMinutes?}`.
    pub fn to_json(&self) -> Json {
        let mut fields = vec![
            ("token", self.token.as_str().into()),
            ("host", self.host.as_str().into()),
            ("apiKey", self.api_key.as_str().into()),
            ("secret", self.secret.as_str().into()),
        ];
        if let Some(secs) = self.request_timeout_secs {
            fields.push(("requestTimeoutSecs", secs.into()));
        }
        if let Some(minutes) = self.remember_minutes {
            fields.push(("rememberMinutes", minutes.into()));
        }
        if let Some(format) = self.format {
            fields.push(("format", format.key().into()));
        }
        Json::object(fields)
    }

    /// What was stored. A field that does not read (absent, or of another type) takes its
    /// default alone, so one odd field never costs the user the others.
    pub fn from_json(value: &Json) -> Settings {
        let string = |key: &str| value[key].as_str().unwrap_or_default().to_owned();
        let number = |key: &str| value[key].as_u64().and_then(|n| u32::try_from(n).ok());
        Settings {
            token: string("token"),
            host: string("host"),
            api_key: string("apiKey"),
            secret: string("secret"),
            request_timeout_secs: number("requestTimeoutSecs"),
            remember_minutes: number("rememberMinutes"),
            format: value["format"].as_str().and_then(Format::from_key),
        }
    }

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
            field: text(field),
            reason: text("reasonCredentialTooLong"),
        });
    }
    if value.bytes().all(|b| b.is_ascii_graphic()) {
        return Ok(());
    }
    Err(Error::InvalidInput {
        field: text(field),
        reason: text("reasonCredentialCharacters"),
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
