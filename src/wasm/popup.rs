//! The toolbar popup: lists the orchestrations, filters them as the user types, and copies
//! either link of the one clicked (`popup_copy`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTemplateElement};

use super::ask::{ask, set_asker};
use super::chrome;
use super::dom::{by_id, child, document, localize_page, next_task, on, say, Tone};
use super::popup_copy::wire_actions;
use crate::formats::{is_blank, Format};
use crate::json::Json;
use crate::locale::{counted, text, text_with};

#[wasm_bindgen]
pub fn start_popup(asker: String) {
    set_asker(asker);
    localize_page();
    let open_options = by_id::<HtmlElement>("open-options");
    on(&open_options, "click", |_| chrome::open_options_page());
    spawn_local(async {
        // The options' choice first; the list does not wait for it.
        let format = chrome::load_settings().await.format();
        by_id::<HtmlSelectElement>("format").set_value(format.key());
    });
    spawn_local(show_list());
}

/// The format chosen in the popup for the next copy.
pub(super) fn chosen_format() -> Format {
    Format::from_key(&by_id::<HtmlSelectElement>("format").value()).unwrap_or_default()
}

/// Shows the last list known at once, then the fresh one when Functionize answers, with what
/// changed in between marked; a failed refresh leaves the known list in place.
async fn show_list() {
    let loading = by_id::<HtmlElement>("loading");
    let rows: Rc<RefCell<Vec<Row>>> = Rc::default();
    wire_filter(rows.clone());
    wire_actions();

    // Busy until the fresh list is in: assistive technology, and the tests, wait for it.
    let list = by_id::<HtmlElement>("list");
    let _ = list.set_attribute("aria-busy", "true");
    let known = chrome::load_list().await;
    if let Some(items) = &known {
        loading.set_hidden(true);
        rows.replace(render(items, None));
        select_current_page(&rows).await;
    }
    let answer = ask(Json::object([("type", "listOrchestrations".into())])).await;
    loading.set_hidden(true);
    let _ = list.set_attribute("aria-busy", "false");
    match answer {
        Ok(reply) => {
            let items = reply["orchestrations"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            if known.as_ref() != Some(&items) {
                rows.replace(render(&items, known.as_deref()));
                apply_filter(&rows.borrow());
                select_current_page(&rows).await;
            }
        }
        Err(failure) => {
            let text = match known {
                Some(_) => text_with("popupListFromLastVisit", &[&failure.message]),
                None => failure.message,
            };
            say(&by_id("notice-text"), &text, Tone::Neutral);
            by_id::<HtmlElement>("notice").set_hidden(false);
        }
    }
}

/// Opened on a report page, the popup starts with that page's orchestration and run selected.
/// Any other page is the usual case, not an error: the list simply starts unselected.
async fn select_current_page(rows: &RefCell<Vec<Row>>) {
    let Some((url, title)) = chrome::active_tab().await else {
        return;
    };
    let request = Json::object([
        ("type", "pageSelection".into()),
        ("url", url.into()),
        ("name", title.into()),
    ]);
    let Ok(reply) = ask(request).await else {
        return;
    };
    let Some(deployment_id) = reply["deploymentId"].as_str() else {
        return;
    };
    let found = rows
        .borrow()
        .iter()
        .find(|row| row.deployment_id == deployment_id)
        .map(|row| row.element.clone());
    let Some(row) = found else {
        return;
    };
    // Rows past the first hundred join the list a few tasks after it is shown.
    for _ in 0..SHOWING_TASKS_MAX {
        if row.is_connected() {
            break;
        }
        next_task().await;
    }
    // A list replaced meanwhile has its own selection coming.
    if !row.is_connected() {
        return;
    }
    let _ = row.class_list().add_1("current");
    let _ = row.set_attribute("aria-current", "true");
    if let (Some(input), Some(run)) = (
        child::<HtmlInputElement>(&row, ".run-id"),
        reply["runId"].as_str(),
    ) {
        input.set_value(run);
        input.set_hidden(false);
    }
    row.scroll_into_view();
    if let Some(button) = child::<HtmlElement>(&row, "button.copy-share") {
        let _ = button.focus();
    }
}

/// One row of the list, with its name lower-cased once for filtering.
struct Row {
    element: HtmlElement,
    deployment_id: String,
    folded_name: String,
}

/// Replaces the list with `items`; with `before`, rows that are new or whose name or status
/// changed since are marked.
fn render(items: &[Json], before: Option<&[Json]>) -> Vec<Row> {
    let template = by_id::<HtmlTemplateElement>("row");
    // The old rows by id, sorted once: thousands of rows are each looked up in it.
    let before = before.map(|before| {
        let mut by_id: Vec<&Json> = before.iter().collect();
        by_id.sort_by(|a, b| a["deploymentId"].as_str().cmp(&b["deploymentId"].as_str()));
        by_id
    });
    let rows: Vec<Row> = items
        .iter()
        .filter_map(|item| {
            let row = render_row(&template, item)?;
            if let Some(before) = &before {
                mark_change(&row.element, item, before);
            }
            Some(row)
        })
        .collect();
    show_rows(rows.iter().map(|row| row.element.clone()).collect());
    show_count(rows.len(), rows.len());
    by_id::<HtmlInputElement>("filter").set_disabled(false);
    rows
}

/// Rows put in the list at once; the rest follow in later tasks, so neither opening the popup
/// nor a keystroke in the filter waits for thousands of rows to be laid out.
const FIRST_ROWS: usize = 100;
const LATER_ROWS: usize = 400;
/// More tasks than the later rows of any account take to be shown, so waiting for one row ends.
const SHOWING_TASKS_MAX: usize = 1000;

thread_local! {
    /// Counts the lists shown, so rows still to come for an older one are dropped.
    static SHOWING: Cell<u32> = const { Cell::new(0) };
}

/// Makes `elements` the list's rows: the first ones now, the others soon after.
fn show_rows(elements: Vec<HtmlElement>) {
    let showing = SHOWING.with(|count| {
        count.set(count.get().wrapping_add(1));
        count.get()
    });
    let list = by_id::<HtmlElement>("list");
    // Emptied in one step: taking thousands of rows out one by one costs Chromium seconds.
    list.replace_children_with_node_0();
    append(&list, elements.iter().take(FIRST_ROWS));
    if elements.len() <= FIRST_ROWS {
        return;
    }
    spawn_local(async move {
        for chunk in elements[FIRST_ROWS..].chunks(LATER_ROWS) {
            next_task().await;
            if SHOWING.with(Cell::get) != showing {
                return;
            }
            append(&list, chunk.iter());
        }
    });
}

fn append<'a>(list: &HtmlElement, elements: impl Iterator<Item = &'a HtmlElement>) {
    let fragment = document().create_document_fragment();
    for element in elements {
        let _ = fragment.append_child(element);
    }
    let _ = list.append_child(&fragment);
}

/// `before` is sorted by deployment id.
fn mark_change(element: &HtmlElement, item: &Json, before: &[&Json]) {
    let id = item["deploymentId"].as_str();
    let found = before.binary_search_by(|old| old["deploymentId"].as_str().cmp(&id));
    let change = match found.ok().map(|at| before[at]) {
        None => "new",
        Some(old) if old["name"] != item["name"] || old["status"] != item["status"] => "changed",
        Some(_) => return,
    };
    let _ = element.set_attribute("data-change", change);
}

fn render_row(template: &HtmlTemplateElement, item: &Json) -> Option<Row> {
    let element: HtmlElement = template
        .content()
        .first_element_child()?
        .clone_node_with_deep(true)
        .ok()?
        .dyn_into()
        .ok()?;
    let name = item["name"].as_str().unwrap_or_default();
    let deployment_id = item["deploymentId"].as_str()?;
    element
        .set_attribute("data-deployment-id", deployment_id)
        .ok()?;
    let shown = child::<Element>(&element, ".name")?;
    if is_blank(name) {
        // Shown as "(unnamed)", copied as the link text every nameless report gets.
        shown.set_text_content(Some(&text("popupUnnamed")));
        shown.set_attribute("data-unnamed", "").ok()?;
    } else {
        shown.set_text_content(Some(name));
    }
    child::<Element>(&element, ".status")?.set_text_content(item["status"].as_str());
    if let Some(run) = item["lastRunId"].as_str() {
        child::<HtmlInputElement>(&element, ".run-id")?.set_value(run);
    }
    Some(Row {
        element,
        deployment_id: deployment_id.to_owned(),
        folded_name: name.to_lowercase(),
    })
}

fn wire_filter(rows: Rc<RefCell<Vec<Row>>>) {
    let filter = by_id::<HtmlInputElement>("filter");
    on(&filter, "input", move |_| apply_filter(&rows.borrow()));
}

/// Shows the rows whose name holds what the filter field holds.
fn apply_filter(rows: &[Row]) {
    let wanted = by_id::<HtmlInputElement>("filter")
        .value()
        .trim()
        .to_lowercase();
    let matching: Vec<HtmlElement> = rows
        .iter()
        .filter(|row| row.folded_name.contains(&wanted))
        .map(|row| row.element.clone())
        .collect();
    show_count(matching.len(), rows.len());
    show_rows(matching);
}

fn show_count(shown: usize, total: usize) {
    let count = if shown == total {
        counted(total as u64, "popupCountOne", "popupCount")
    } else {
        text_with(
            "popupCountFiltered",
            &[&shown.to_string(), &total.to_string()],
        )
    };
    say(&by_id("count"), &count, Tone::Neutral);
}
