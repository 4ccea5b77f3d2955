//! How the extension's pages ask the service worker a question and read its reply.

use std::cell::RefCell;

use super::chrome;
use super::json::{from_js, to_js};
use crate::json::Json;
use crate::locale;

/// A failed answer as the page shows it: the error's stable name and the user's sentence.
pub struct Failure {
    pub name: String,
    pub message: String,
}

thread_local! {
    /// The id this page's messages carry, so the worker can cancel them when the page closes.
    static ASKER: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Makes every later request of this page carry `asker` (see the popup's loader).
pub fn set_asker(asker: String) {
    ASKER.with(|cell| cell.replace(Some(asker)));
}

/// Sends `request` to the service worker; `Ok` holds the reply of a successful answer.
pub async fn ask(mut request: Json) -> Result<Json, Failure> {
    if let (Some(asker), Json::Object(fields)) =
        (ASKER.with(|cell| cell.borrow().clone()), &mut request)
    {
        fields.insert("asker", asker.into());
    }
    let reply = chrome::send_message(&to_js(&request)).await;
    let reply = reply.map(|reply| from_js(&reply)).unwrap_or_default();

    if reply["ok"] == true {
        return Ok(reply);
    }
    let string = |field: &str| reply["error"][field].as_str().map(str::to_owned);
    Err(Failure {
        name: string("name").unwrap_or_else(|| "NoAnswer".into()),
        message: string("message").unwrap_or_else(|| locale::text("noAnswer")),
    })
}
