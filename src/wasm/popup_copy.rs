//! The popup's copy buttons: one listener for the whole list asks the worker for the row's
//! link and puts it on the clipboard in the chosen format, named after the orchestration.

use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement, KeyboardEvent};

use super::ask::{ask, Failure};
use super::dom::{by_id, child, copy_clip, on, say, Tone};
use super::popup::chosen_format;
use crate::formats::{clip, link_text};
use crate::json::Json;
use crate::locale::text;

/// One listener for the whole list: rows come and go, the list stays.
pub(super) fn wire_actions() {
    let list = by_id::<HtmlElement>("list");
    on(&list, "click", |event| {
        let Some(target) = event_element(&event) else {
            return;
        };
        if target.closest("button.copy-share").ok().flatten().is_some() {
            act(&target, Action::ShareLink);
        } else if target
            .closest("button.copy-report")
            .ok()
            .flatten()
            .is_some()
        {
            act(&target, Action::ReportUrl);
        }
    });
    on(&list, "keydown", |event| {
        let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        let Some(target) = event_element(&event) else {
            return;
        };
        if key.key() == "Enter" && target.matches("input.run-id").unwrap_or(false) {
            act(&target, Action::ReportUrl);
        }
    });
}

#[derive(Clone, Copy)]
enum Action {
    ShareLink,
    ReportUrl,
}

fn act(target: &Element, action: Action) {
    let Some(row) = target.closest("li.orchestration").ok().flatten() else {
        return;
    };
    let (Some(feedback), Some(run_input)) = (
        child::<Element>(&row, ".feedback"),
        child::<HtmlInputElement>(&row, ".run-id"),
    ) else {
        return;
    };
    let deployment_id = row.get_attribute("data-deployment-id").unwrap_or_default();
    let request = match action {
        Action::ShareLink => Json::object([
            ("type", "shareLink".into()),
            ("deploymentId", deployment_id.into()),
        ]),
        Action::ReportUrl => {
            let typed = run_input.value();
            let run_id = Some(typed.trim()).filter(|run| !run.is_empty());
            Json::object([
                ("type", "reportUrl".into()),
                ("deploymentId", deployment_id.into()),
                ("runId", run_id.into()),
            ])
        }
    };
    say(&feedback, &text("popupWorking"), Tone::Neutral);
    // One copy at a time per row: two answers racing to the clipboard would leave whichever
    // came last, not the one the user clicked last.
    let buttons = row.query_selector_all("button").ok();
    set_disabled(buttons.as_ref(), true);

    wasm_bindgen_futures::spawn_local(async move {
        let answer = ask(request).await;
        set_disabled(buttons.as_ref(), false);
        match answer {
            Ok(reply) => {
                let url = reply["url"].as_str().unwrap_or_default();
                let name = child::<Element>(&row, ".name:not([data-unnamed])")
                    .and_then(|name| name.text_content());
                let run = match action {
                    Action::ShareLink => None,
                    Action::ReportUrl => reply["runId"].as_str(),
                };
                let named = link_text(name.as_deref().unwrap_or_default(), run);
                match copy_clip(&clip(chosen_format(), url, &named)).await {
                    Ok(()) => say(&feedback, &text("popupCopied"), Tone::Good),
                    Err(_) => say(&feedback, &text("popupCopyFailed"), Tone::Bad),
                }
                if let Some(run) = reply["runId"].as_str() {
                    run_input.set_value(run);
                }
            }
            Err(Failure { name, message }) => {
                say(&feedback, &message, Tone::Bad);
                let run_id_missing = name == "RunIdNeeded" || name == "InvalidInput";
                if matches!(action, Action::ReportUrl) && run_id_missing {
                    run_input.set_hidden(false);
                    let _ = run_input.focus();
                }
            }
        }
    });
}

fn set_disabled(buttons: Option<&web_sys::NodeList>, disabled: bool) {
    let Some(buttons) = buttons else { return };
    for index in 0..buttons.length() {
        if let Some(button) = buttons
            .get(index)
            .and_then(|node| node.dyn_into::<web_sys::HtmlButtonElement>().ok())
        {
            button.set_disabled(disabled);
        }
    }
}

fn event_element(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}
