//! Each sharing format writes the link and names the orchestration, with every character that
//! format treats as syntax escaped by its own rules.

use functionize_report_links::formats::{clip, is_blank, link_text, Clip, Format};

const URL: &str = "https://app.functionize.com/v1/orchestrations-report/4711/r-9";
/// Every character the formats treat as syntax somewhere.
const HOSTILE: &str = "Login [EU] (smoke) *fast* _v2_ `ci` <b> & co";

fn text(format: Format, name: &str) -> String {
    let Clip { text, html } = clip(format, URL, name);
    assert_eq!(html.is_some(), format == Format::Html, "{format:?}");
    text
}

#[test]
fn the_plain_format_is_the_url_alone() {
    assert_eq!(text(Format::Plain, HOSTILE), URL);
}

#[test]
fn markdown_escapes_every_punctuation_mark_of_the_name() {
    assert_eq!(
        text(Format::Markdown, HOSTILE),
        format!(r"[Login \[EU\] \(smoke\) \*fast\* \_v2\_ \`ci\` \<b\> \& co]({URL})")
    );
    assert_eq!(text(Format::Markdown, r"a\b"), format!(r"[a\\b]({URL})"));
}

#[test]
fn markdown_keeps_a_url_with_parentheses_or_spaces_whole() {
    let odd = "https://example.com/a (b)/<c>";
    let Clip { text, .. } = clip(Format::Markdown, odd, "x");
    assert_eq!(text, "[x](https://example.com/a%20%28b%29/%3Cc%3E)");
}

#[test]
fn rich_html_escapes_the_name_and_the_url_and_keeps_the_bare_url_as_text() {
    let Clip { text, html } = clip(Format::Html, "https://x.test/?a=1&b=\"2\"", HOSTILE);
    assert_eq!(text, "https://x.test/?a=1&b=\"2\"");
    assert_eq!(
        html.unwrap(),
        "<a href=\"https://x.test/?a=1&amp;b=&quot;2&quot;\">\
         Login [EU] (smoke) *fast* _v2_ `ci` &lt;b&gt; &amp; co</a>"
    );
    let Clip { html, .. } = clip(Format::Html, URL, "it's");
    assert_eq!(html.unwrap(), format!("<a href=\"{URL}\">it&#39;s</a>"));
}

#[test]
fn slack_escapes_ampersand_and_angle_brackets_and_keeps_a_bar_out_of_the_url() {
    assert_eq!(
        text(Format::Slack, HOSTILE),
        format!("<{URL}|Login [EU] (smoke) *fast* _v2_ `ci` &lt;b&gt; &amp; co>")
    );
    let Clip { text, .. } = clip(Format::Slack, "https://x.test/a|b c", "n|m");
    assert_eq!(text, "<https://x.test/a%7Cb%20c|n|m>");
}

#[test]
fn the_link_text_names_the_orchestration_and_the_run_on_one_line() {
    assert_eq!(link_text("Checkout  flow", None), "Checkout flow");
    assert_eq!(
        link_text("Checkout\nflow\t", Some("r-9")),
        "Checkout flow, run r-9"
    );
    assert_eq!(link_text(" \u{0} ", None), "Functionize report");
}

#[test]
fn direction_overrides_in_a_name_cannot_turn_the_run_and_url_around() {
    let name = "Smoke \u{202e}evil\u{2066} \u{200f}x";
    assert_eq!(link_text(name, Some("59006")), "Smoke evil x, run 59006");
}

#[test]
fn a_run_id_is_cleaned_like_a_name() {
    assert_eq!(
        link_text("Smoke", Some("\u{202e}123\n4")),
        "Smoke, run 123 4"
    );
}

#[test]
fn a_name_of_spaces_or_invisible_marks_is_blank() {
    for blank in ["", "   ", "\u{202e}\u{2066}", "\t\u{0}"] {
        assert!(is_blank(blank), "{blank:?}");
        assert_eq!(link_text(blank, None), "Functionize report");
    }
    assert!(!is_blank("(unnamed)"));
}

#[test]
fn formats_are_named_by_stable_words() {
    for format in Format::ALL {
        assert_eq!(Format::from_key(format.key()), Some(format));
    }
    assert_eq!(Format::from_key("rtf"), None);
    assert_eq!(Format::default(), Format::Plain);
}
