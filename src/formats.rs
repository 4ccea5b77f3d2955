//! The ways a copied link can be pasted: the bare URL, a Markdown link, a rich HTML link (with
//! the bare URL beside it for places that take only text), and a Slack mrkdwn link. The link
//! text names the orchestration, and the run for a report URL; each format escapes it by its
//! own rules, so a name like `[a](b) *c*` stays a name.

use crate::locale::{text, text_with};

/// How a link is put on the clipboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Plain,
    Markdown,
    Html,
    Slack,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Plain, Format::Markdown, Format::Html, Format::Slack];

    /// The word the settings and the pages use for it.
    pub fn key(self) -> &'static str {
        match self {
            Format::Plain => "plain",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Slack => "slack",
        }
    }

    pub fn from_key(key: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.key() == key)
    }
}

/// What goes on the clipboard: always text, and HTML as well for the rich format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clip {
    pub text: String,
    pub html: Option<String>,
}

/// The link text: the orchestration's name, and the run's for a report URL. Line breaks and
/// other control characters become spaces, since every format here is one line, and direction
/// marks and overrides go: pasted into a message, an unclosed override would turn the run and
/// the URL after it around.
pub fn link_text(name: &str, run: Option<&str>) -> String {
    let name = one_line(name);
    let name = if name.is_empty() {
        text("linkTextUnnamed")
    } else {
        name
    };
    match run {
        // A run id comes from Functionize or the user, and is cleaned the same way.
        Some(run) => text_with("linkTextWithRun", &[&name, &one_line(run)]),
        None => name,
    }
}

/// Whether `name` shows nothing: empty, spaces, or only invisible control characters. Such
/// an orchestration is shown as unnamed and its links get the unnamed link text.
pub fn is_blank(name: &str) -> bool {
    one_line(name).is_empty()
}

fn one_line(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .filter(|c| !is_direction_control(*c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `url` with `text` as its link text, in `format`.
pub fn clip(format: Format, url: &str, text: &str) -> Clip {
    let plain = |text: String| Clip { text, html: None };
    match format {
        Format::Plain => plain(url.to_owned()),
        Format::Markdown => plain(format!("[{}]({})", markdown_text(text), markdown_url(url))),
        Format::Html => Clip {
            text: url.to_owned(),
            html: Some(format!("<a href=\"{}\">{}</a>", html(url), html(text))),
        },
        Format::Slack => plain(format!("<{}|{}>", slack_url(url), slack_text(text))),
    }
}

/// Every character Markdown could read as syntax inside a link's text gets a backslash (`&`
/// for entities like `&amp;`, `~` and `|` for GitHub's strikethrough and tables); commas and
/// the like stay readable.
fn markdown_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]()<>&~|".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// A link destination may not hold spaces, and parentheses or angle brackets would end it.
fn markdown_url(url: &str) -> String {
    percent_encode(url, &[' ', '(', ')', '<', '>'])
}

fn html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// Slack documents escapes for `&`, `<` and `>` only; it has none for `*`, `_` or `` ` ``, so
/// those stay as they are.
fn slack_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A `|` would end the URL part early and `<` `>` the whole link.
fn slack_url(url: &str) -> String {
    percent_encode(url, &[' ', '|', '<', '>'])
}

fn percent_encode(url: &str, unsafe_chars: &[char]) -> String {
    let mut encoded = String::with_capacity(url.len());
    for c in url.chars() {
        if unsafe_chars.contains(&c) {
            encoded.push_str(&format!("%{:02X}", c as u32));
        } else {
            encoded.push(c);
        }
    }
    encoded
}
