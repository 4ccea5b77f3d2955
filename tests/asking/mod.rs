//! Asking the service worker as the extension's pages or a content script would, over a
//! scripted transport. Shared by the message tests; each uses a different part.
#![allow(dead_code)]

use functionize_report_links::api::Transport;
use functionize_report_links::cache::Remembered;
use functionize_report_links::messages::{answer, Context, Sender};
use functionize_report_links::resolve::IdMap;
use functionize_report_links::settings::Settings;
use pollster::block_on;
use serde_json::Value;

use crate::ours::{ours, theirs};
use crate::scripted::{Scripted, TOKEN};

pub const LEGACY_PAGE: &str = "https://app.functionize.com/v1/orchestrations-report/4711/9001";

pub fn content_script(page_url: &str) -> Sender {
    Sender::ContentScript {
        page_url: page_url.into(),
    }
}

pub fn settings() -> Settings {
    Settings {
        token: TOKEN.into(),
        host: "app.functionize.com".into(),
        ..Settings::default()
    }
}

/// Answers `message` from `sender` with `settings` (kept afterwards), nothing learned or
/// remembered before, and the host permitted: the one place the tests build a `Context`.
pub fn answer_as<T: Transport>(
    sender: &Sender,
    settings: &mut Settings,
    transport: T,
    message: &Value,
) -> Value {
    let context = Context {
        settings,
        ids: &mut IdMap::default(),
        remembered: &mut Remembered::default(),
        now_ms: 0.0,
        host_permitted: true,
        transport,
    };
    theirs(&block_on(answer(&ours(message), sender, context)))
}

pub fn ask_as(sender: &Sender, settings: &Settings, transport: &Scripted, message: Value) -> Value {
    answer_as(sender, &mut settings.clone(), transport, &message)
}

pub fn ask(transport: &Scripted, message: Value) -> Value {
    ask_as(&Sender::ExtensionPage, &settings(), transport, message)
}

/// Like `ask`, with `settings` kept afterwards, to see what the answer changed in them.
pub fn ask_keeping(settings: &mut Settings, transport: &Scripted, message: Value) -> Value {
    answer_as(&Sender::ExtensionPage, settings, transport, &message)
}
