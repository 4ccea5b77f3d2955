//! The few extension APIs the wasm side calls. All of them return promises in Manifest V3.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::json::{from_js, to_js};
use crate::cache::Remembered;
use crate::diagnostics::{incidents_from_json, incidents_to_json, Incident};
use crate::json::Json;
use crate::resolve::IdMap;
use crate::settings::{Settings, STORAGE_KEY};

/// Where the learned numeric → hex id mappings are kept.
const IDS_KEY: &str = "idMap";
/// Where the last failed answers are kept for "Copy diagnostics".
const INCIDENTS_KEY: &str = "incidents";
/// Where share links and run ids fetched lately are kept.
const REMEMBERED_KEY: &str = "remembered";
/// Where the last orchestration list is kept, with the host it came from.
const LIST_KEY: &str = "lastList";

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = get)]
    fn storage_get(keys: &JsValue) -> Promise;

    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = set)]
    fn storage_set(items: &JsValue) -> Promise;

    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = remove)]
    fn storage_remove(keys: &JsValue) -> Promise;

    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = clear)]
    fn storage_clear() -> Promise;

    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage)]
    fn runtime_send_message(message: &JsValue) -> Promise;

    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = openOptionsPage)]
    fn runtime_open_options_page() -> Promise;

    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = query)]
    fn tabs_query(query: &JsValue) -> Promise;

    #[wasm_bindgen(js_namespace = ["chrome", "scripting"], js_name = registerContentScripts)]
    fn scripting_register(scripts: &JsValue) -> Promise;

    #[wasm_bindgen(js_namespace = ["chrome", "scripting"], js_name = unregisterContentScripts)]
    fn scripting_unregister(filter: &JsValue) -> Promise;

    #[wasm_bindgen(js_namespace = ["chrome", "permissions"], js_name = contains)]
    fn permissions_contains(permissions: &JsValue) -> Promise;

    #[wasm_bindgen(js_namespace = ["chrome", "permissions"], js_name = request)]
    fn permissions_request(permissions: &JsValue) -> Promise;
}

/// The value stored under `key` in `chrome.storage.local`, or `undefined`.
pub async fn load(key: &str) -> Result<JsValue, JsValue> {
    let items = JsFuture::from(storage_get(&key.into())).await?;
    Reflect::get(&items, &JsValue::from_str(key))
}

pub async fn store(key: &str, value: &JsValue) -> Result<(), JsValue> {
    let items = Object::new();
    Reflect::set(&items, &JsValue::from_str(key), value)?;
    JsFuture::from(storage_set(&items)).await.map(drop)
}

/// Removes everything the extension stored: settings, credentials and every cache.
pub async fn forget_everything() -> Result<(), JsValue> {
    JsFuture::from(storage_clear()).await.map(drop)
}

/// Sends a message to the service worker and waits for its reply.
pub async fn send_message(message: &JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(runtime_send_message(message)).await
}

pub fn open_options_page() {
    // The promise only reports whether the tab opened; there is nothing to do either way.
    let _ = runtime_open_options_page();
}

/// The URL and title of the active tab of the current window, when the extension may see
/// them (it may on the Functionize hosts it has access to).
pub async fn active_tab() -> Option<(String, String)> {
    let query = Object::new();
    Reflect::set(&query, &"active".into(), &JsValue::TRUE).ok()?;
    Reflect::set(&query, &"currentWindow".into(), &JsValue::TRUE).ok()?;
    let tabs = JsFuture::from(tabs_query(&query)).await.ok()?;
    let tab = js_sys::Array::from(&tabs).get(0);
    let string = |field: &str| Reflect::get(&tab, &field.into()).ok()?.as_string();
    Some((string("url")?, string("title").unwrap_or_default()))
}

/// Whether the extension may reach `origin_pattern` now (the user can revoke it at any time).
pub async fn has_origin(origin_pattern: &str) -> bool {
    let permissions = origins(origin_pattern);
    let granted = JsFuture::from(permissions_contains(&permissions)).await;
    granted
        .ok()
        .and_then(|granted| granted.as_bool())
        .unwrap_or(false)
}

fn origins(origin_pattern: &str) -> JsValue {
    let origins = js_sys::Array::of1(&JsValue::from_str(origin_pattern));
    let permissions = Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(&permissions, &JsValue::from_str("origins"), &origins);
    permissions.into()
}

/// Asks for access to one more origin. Must be called synchronously inside the user's click:
/// the browser refuses the prompt once the click's activation has been awaited away.
pub fn request_origin(origin_pattern: &str) -> Promise {
    permissions_request(&origins(origin_pattern))
}

/// The value stored under `key`; absent or unreadable values read as null, which the pages
/// then report as "no token yet" and the worker relearns.
async fn load_json(key: &str) -> Json {
    let stored = load(key).await.unwrap_or_default();
    from_js(&stored)
}

/// What the worker reads for every message, in one storage call: the settings, the learned id
/// mappings and the remembered links.
pub async fn load_worker_state() -> (Settings, IdMap, Remembered) {
    let keys = js_sys::Array::of3(&STORAGE_KEY.into(), &IDS_KEY.into(), &REMEMBERED_KEY.into());
    let items = JsFuture::from(storage_get(&keys)).await.unwrap_or_default();
    let read = |key: &str| from_js(&Reflect::get(&items, &key.into()).unwrap_or_default());
    (
        Settings::from_json(&read(STORAGE_KEY)),
        IdMap::from_json(&read(IDS_KEY)),
        Remembered::from_json(&read(REMEMBERED_KEY)),
    )
}

/// Stores `value` under `key` as plain JSON-like objects.
async fn save_json(key: &str, value: &Json) -> Result<(), JsValue> {
    store(key, &to_js(value)).await
}

pub async fn load_settings() -> Settings {
    Settings::from_json(&load_json(STORAGE_KEY).await)
}

pub async fn save_settings(settings: &Settings) -> Result<(), JsValue> {
    save_json(STORAGE_KEY, &settings.to_json()).await
}

/// The id mappings learned so far.
pub async fn load_ids() -> IdMap {
    IdMap::from_json(&load_json(IDS_KEY).await)
}

pub async fn save_ids(ids: &IdMap) -> Result<(), JsValue> {
    save_json(IDS_KEY, &ids.to_json()).await
}

/// Drops the learned id mappings, the remembered links and the last list, which hold only for
/// the host they came from.
pub async fn forget_host_caches() -> Result<(), JsValue> {
    let keys = js_sys::Array::of3(&IDS_KEY.into(), &REMEMBERED_KEY.into(), &LIST_KEY.into());
    JsFuture::from(storage_remove(&keys)).await.map(drop)
}

/// The last orchestration list fetched, when it came from the host now configured.
pub async fn load_list() -> Option<Vec<Json>> {
    let stored = load_json(LIST_KEY).await;
    let host = load_settings().await.host().ok()?;
    if stored["host"].as_str() != Some(host.as_str()) {
        return None;
    }
    stored["orchestrations"].as_array().cloned()
}

/// Keeps `orchestrations`, as the worker answered them, for the next popup to show at once.
pub async fn save_list(host: &str, orchestrations: &Json) -> Result<(), JsValue> {
    let stored = Json::object([
        ("host", host.into()),
        ("orchestrations", orchestrations.clone()),
    ]);
    save_json(LIST_KEY, &stored).await
}

/// Keeps the share links and run ids fetched lately.
pub async fn save_remembered(remembered: &Remembered) -> Result<(), JsValue> {
    save_json(REMEMBERED_KEY, &remembered.to_json()).await
}

/// The failed answers recorded for "Copy diagnostics", oldest first.
pub async fn load_incidents() -> Vec<Incident> {
    incidents_from_json(&load_json(INCIDENTS_KEY).await)
}

pub async fn save_incidents(incidents: &[Incident]) -> Result<(), JsValue> {
    save_json(INCIDENTS_KEY, &incidents_to_json(incidents)).await
}

/// The id of the content script registered at run time for a host other than the default one,
/// which the manifest already covers.
const PAGE_SCRIPT_ID: &str = "report-pages-on-configured-host";

/// Makes the report-page button appear on `origin_pattern`'s pages (`None`: only on the
/// default host's, which the manifest declares). Replaces any earlier registration.
pub async fn register_page_script(origin_pattern: Option<&str>) -> Result<(), JsValue> {
    let ids = js_sys::Array::of1(&PAGE_SCRIPT_ID.into());
    let filter = Object::new();
    Reflect::set(&filter, &"ids".into(), &ids)?;
    // Fails when nothing was registered, which is fine: the goal is that nothing is.
    let _ = JsFuture::from(scripting_unregister(&filter)).await;

    let Some(pattern) = origin_pattern else {
        report_pages_moved().await;
        return Ok(());
    };
    let script = Object::new();
    Reflect::set(&script, &"id".into(), &PAGE_SCRIPT_ID.into())?;
    let matches = js_sys::Array::of1(&pattern.into());
    Reflect::set(&script, &"matches".into(), &matches)?;
    let files = js_sys::Array::of1(&"content.js".into());
    Reflect::set(&script, &"js".into(), &files)?;
    Reflect::set(&script, &"runAt".into(), &"document_idle".into())?;
    let scripts = js_sys::Array::of1(&script);
    JsFuture::from(scripting_register(&scripts)).await?;
    report_pages_moved().await;
    Ok(())
}

/// Tells the worker, which shows the "Copy share link" menu item on report pages only.
async fn report_pages_moved() {
    let message = Object::new();
    let _ = Reflect::set(&message, &"type".into(), &"reportPagesMoved".into());
    // Nothing to do if it fails: the menu is placed again at the worker's next start.
    let _ = send_message(&message).await;
}
