//! Finding the elements of the extension's static pages and showing text in them. Text is only
//! ever set as text, never as markup, because names come from the API.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventTarget, HtmlTemplateElement, NodeList};

use crate::formats::Clip;
use crate::locale::text;

pub fn document() -> Document {
    // The extension's pages always have a window and a document.
    web_sys::window()
        .and_then(|window| window.document())
        .expect("extension pages have a document")
}

/// Puts the page's words in the browser's language. The HTML holds the English, so nothing
/// flashes in English; an element's `data-i18n` names the message for its text, and
/// `data-i18n-placeholder`, `data-i18n-title` and `data-i18n-aria-label` those for the
/// attributes. Templates are done too, so rows made from them come out translated.
pub fn localize_page() {
    let document = document();
    // A message the catalog lacks (`text` then answers its key) leaves the English in place.
    let translated = |key: &str| Some(text(key)).filter(|found| found != key);
    if let (Some(root), Some(tag)) = (document.document_element(), translated("languageTag")) {
        let _ = root.set_attribute("lang", &tag);
    }
    let mut roots = vec![document.query_selector_all(LOCALIZED)];
    if let Ok(templates) = document.query_selector_all("template") {
        for template in elements(&templates) {
            if let Some(template) = template.dyn_ref::<HtmlTemplateElement>() {
                roots.push(template.content().query_selector_all(LOCALIZED));
            }
        }
    }
    for element in roots.iter().flatten().flat_map(elements) {
        if let Some(words) = element
            .get_attribute("data-i18n")
            .and_then(|k| translated(&k))
        {
            element.set_text_content(Some(&words));
        }
        for attribute in ["placeholder", "title", "aria-label"] {
            let key = element.get_attribute(&format!("data-i18n-{attribute}"));
            if let Some(words) = key.and_then(|key| translated(&key)) {
                let _ = element.set_attribute(attribute, &words);
            }
        }
    }
}

const LOCALIZED: &str =
    "[data-i18n], [data-i18n-placeholder], [data-i18n-title], [data-i18n-aria-label]";

fn elements(list: &NodeList) -> Vec<Element> {
    (0..list.length())
        .filter_map(|index| list.get(index)?.dyn_into::<Element>().ok())
        .collect()
}

/// The element with `id`, as the type the page's HTML declares for it.
pub fn by_id<T: JsCast>(id: &str) -> T {
    document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<T>().ok())
        .unwrap_or_else(|| panic!("the page has no #{id} of the expected kind"))
}

/// The first descendant of `root` matching `selector`, as type `T`.
pub fn child<T: JsCast>(root: &Element, selector: &str) -> Option<T> {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<T>().ok())
}

#[derive(Clone, Copy)]
pub enum Tone {
    Neutral,
    Good,
    Bad,
}

/// Shows `text` in `element`, coloured by `tone`.
pub fn say(element: &Element, text: &str, tone: Tone) {
    element.set_text_content(Some(text));
    let classes = element.class_list();
    let _ = classes.remove_2("ok", "bad");
    let _ = match tone {
        Tone::Neutral => Ok(()),
        Tone::Good => classes.add_1("ok"),
        Tone::Bad => classes.add_1("bad"),
    };
}

/// Writes `text` to the clipboard.
pub async fn copy_to_clipboard(text: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(drop)
}

/// Puts `clip` on the clipboard: its HTML beside its text when it has some, so it pastes as a
/// titled link where HTML is taken and as text elsewhere.
pub async fn copy_clip(clip: &Clip) -> Result<(), JsValue> {
    let Some(html) = &clip.html else {
        return copy_to_clipboard(&clip.text).await;
    };
    let blob = |kind: &str, content: &str| {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(kind);
        let parts = js_sys::Array::of1(&content.into());
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map(JsValue::from)
    };
    let items = js_sys::Object::new();
    js_sys::Reflect::set(
        &items,
        &"text/plain".into(),
        &blob("text/plain", &clip.text)?,
    )?;
    js_sys::Reflect::set(&items, &"text/html".into(), &blob("text/html", html)?)?;
    let item = web_sys::ClipboardItem::new_with_record_from_str_to_blob_promise(&items)?;
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let promise = window
        .navigator()
        .clipboard()
        .write(&js_sys::Array::of1(&item));
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(drop)
}

/// Listens for `kind` on `target` for the life of the page.
pub fn on(target: &EventTarget, kind: &str, handler: impl FnMut(Event) + 'static) {
    let closure = Closure::<dyn FnMut(Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
    // The page lives exactly as long as its listeners, so the closure is never freed.
    closure.forget();
}

/// Resolves in a later task, so the browser can paint and handle input in between.
pub async fn next_task() {
    after_ms(0).await;
}

/// Resolves after `ms` milliseconds, in a later task.
pub async fn after_ms(ms: i32) {
    let later = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(later).await;
}
