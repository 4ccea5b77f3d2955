//! The words a user reads, in the browser's language. Every sentence lives in
//! `extension/_locales/<language>/messages.json` under a key; the code names the key and the
//! values to put in. In the extension the browser picks the language (`chrome.i18n`); natively,
//! for the tests, the English catalog is read from the same file, so both say the same thing.

#[cfg(not(target_arch = "wasm32"))]
use std::sync::OnceLock;

use crate::json::Json;

/// The text of `key`, which takes no values.
pub fn text(key: &str) -> String {
    text_with(key, &[])
}

/// The text of `key` with `values` put where its placeholders stand, in order.
pub fn text_with(key: &str, values: &[&str]) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        crate::wasm::i18n::message(key, values)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        static ENGLISH: OnceLock<Json> = OnceLock::new();
        let catalog = ENGLISH.get_or_init(|| {
            Json::parse(include_str!("../extension/_locales/en/messages.json"))
                .expect("the English catalog is JSON")
        });
        render(&catalog[key], values).unwrap_or_else(|| panic!("no English message {key:?}"))
    }
}

/// The message for `count` things: `one`'s for exactly one, else `other`'s with the number.
pub fn counted(count: u64, one: &str, other: &str) -> String {
    match count {
        1 => text(one),
        _ => text_with(other, &[&count.to_string()]),
    }
}

/// One catalog entry with `values` in place, read the way the browsers read it: a `$name$`
/// in the message stands for the placeholder's `content`, in which `$1`…`$9` stand for the
/// values; `$$` is a dollar sign. `None` when the entry has no message.
pub fn render(entry: &Json, values: &[&str]) -> Option<String> {
    let message = entry["message"].as_str()?;
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
            continue;
        }
        match after.split_once('$') {
            Some((name, tail)) if is_placeholder_name(name) => {
                let content = placeholder(entry, name).unwrap_or_default();
                out.push_str(&with_values(content, values));
                rest = tail;
            }
            _ => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Some(out)
}

fn is_placeholder_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@')
}

/// Placeholder names are matched regardless of case, as the browsers do.
fn placeholder<'a>(entry: &'a Json, name: &str) -> Option<&'a str> {
    entry["placeholders"]
        .as_object()?
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .and_then(|(_, value)| value["content"].as_str())
}

fn with_values(content: &str, values: &[&str]) -> String {
    let mut out = String::new();
    let mut chars = content.chars().peekable();
    while let Some(c) = chars.next() {
        let digit = chars.peek().and_then(|d| d.to_digit(10));
        match (c, digit) {
            ('$', Some(n @ 1..=9)) => {
                chars.next();
                out.push_str(values.get(n as usize - 1).copied().unwrap_or_default());
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str) -> Json {
        Json::parse(text).unwrap()
    }

    #[test]
    fn a_placeholder_takes_its_value_whatever_the_case_of_its_name() {
        let greeting = entry(
            r#"{"message": "No API at $HOST$, sorry ($host$).",
                "placeholders": {"host": {"content": "$1"}}}"#,
        );
        assert_eq!(
            render(&greeting, &["fz.example"]).unwrap(),
            "No API at fz.example, sorry (fz.example)."
        );
    }

    #[test]
    fn values_go_where_their_number_says() {
        let shown = entry(
            r#"{"message": "$SHOWN$ of $TOTAL$",
                "placeholders": {"total": {"content": "$2"}, "shown": {"content": "$1"}}}"#,
        );
        assert_eq!(render(&shown, &["3", "40"]).unwrap(), "3 of 40");
    }

    #[test]
    fn a_double_dollar_is_a_dollar_and_a_lone_one_stays() {
        let price = entry(r#"{"message": "Costs $$5, or $ 3 $"}"#);
        assert_eq!(render(&price, &[]).unwrap(), "Costs $5, or $ 3 $");
    }

    #[test]
    fn a_value_is_put_in_as_it_is_even_with_dollars() {
        let echo = entry(r#"{"message": "[$V$]", "placeholders": {"v": {"content": "$1"}}}"#);
        assert_eq!(render(&echo, &["$1 $V$"]).unwrap(), "[$1 $V$]");
    }

    #[test]
    fn one_thing_and_any_other_number_have_their_own_messages() {
        assert_eq!(counted(1, "popupCountOne", "popupCount"), "1 orchestration");
        assert_eq!(
            counted(0, "popupCountOne", "popupCount"),
            "0 orchestrations"
        );
        assert_eq!(
            counted(28, "popupCountOne", "popupCount"),
            "28 orchestrations"
        );
    }

    #[test]
    fn the_english_catalog_answers_by_key() {
        assert_eq!(text("menuCopyShareLink"), "Copy share link");
    }
}
