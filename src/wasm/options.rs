//! The options page: the host and token, saved to `chrome.storage.local`, and a connection test.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

use super::ask::ask;
use super::chrome;
use super::dom::{after_ms, by_id, localize_page, on, say, Tone};
use super::report_problem::wire_diagnostics;
use crate::host::Host;
use crate::json::Json;
use crate::locale::{counted, text, text_with};
use crate::settings::{Form, Settings};

#[wasm_bindgen]
pub fn start_options() {
    localize_page();
    spawn_local(async {
        let page = Rc::new(Page {
            host: by_id("host"),
            token: by_id("token"),
            api_key: by_id("api-key"),
            secret: by_id("secret"),
            remember: by_id("remember-minutes"),
            format: by_id("format"),
            status: by_id("status"),
            saved: RefCell::new(chrome::load_settings().await),
        });
        page.show_saved();
        wire(page);
        wire_diagnostics();
        // The buttons start disabled so that a click before this point cannot submit the
        // form the browser's way, which would put the typed token in the page's URL.
        for id in ["save", "test", "forget", "copy-diagnostics"] {
            by_id::<HtmlButtonElement>(id).set_disabled(false);
        }
    });
}

struct Page {
    host: HtmlInputElement,
    token: HtmlInputElement,
    api_key: HtmlInputElement,
    secret: HtmlInputElement,
    remember: HtmlInputElement,
    format: HtmlSelectElement,
    status: Element,
    saved: RefCell<Settings>,
}

fn wire(page: Rc<Page>) {
    let form = by_id::<HtmlElement>("settings");
    let on_submit = page.clone();
    on(&form, "submit", move |event| {
        event.prevent_default();
        if let Some(saving) = on_submit.save() {
            spawn_local(async move {
                saving.await;
            });
        }
    });

    let forget = by_id::<HtmlElement>("forget");
    let forgetting = page.clone();
    on(&forget, "click", move |_| {
        let page = forgetting.clone();
        spawn_local(async move { page.forget().await });
    });

    let test = by_id::<HtmlElement>("test");
    on(&test, "click", move |_| {
        let page = page.clone();
        // Test what the form shows: unsaved edits are saved first.
        let saving = if page.has_edits() { page.save() } else { None };
        if page.has_edits() && saving.is_none() {
            return;
        }
        spawn_local(async move {
            if let Some(saving) = saving {
                if !saving.await {
                    return;
                }
            }
            say(&page.status, &text("optionsTesting"), Tone::Neutral);
            match ask(Json::object([("type", "testConnection".into())])).await {
                Ok(reply) => {
                    let count = reply["count"].as_u64().unwrap_or(0);
                    let connected = counted(count, "optionsConnectedOne", "optionsConnected");
                    say(&page.status, &connected, Tone::Good);
                }
                Err(failure) => say(&page.status, &failure.message, Tone::Bad),
            }
        });
    });
}

impl Page {
    fn show_saved(&self) {
        let saved = self.saved.borrow();
        // A stored host that no longer reads as valid is shown as it is, so the user sees what
        // the popup complains about and can correct it.
        let host = saved
            .host()
            .map_or_else(|_| saved.host.clone(), |host| host.to_string());
        self.host.set_value(&host);
        // A saved token is never put back into the page; the placeholder says it is there.
        let placeholder = if saved.has_token() {
            text("optionsTokenSaved")
        } else {
            text("optionsTokenPlaceholder")
        };
        self.token.set_placeholder(&placeholder);
        self.api_key.set_value(&saved.api_key);
        let minutes = saved.remember_minutes.map(|m| m.to_string());
        self.remember
            .set_value(minutes.as_deref().unwrap_or_default());
        self.format.set_value(saved.format().key());
        self.secret.set_placeholder(&if saved.secret.is_empty() {
            String::new()
        } else {
            text("optionsSecretSaved")
        });
    }

    async fn forget(&self) {
        let removed = chrome::forget_everything().await.is_ok();
        // The button's script for another host goes too: without a token it could do nothing.
        let unregistered = chrome::register_page_script(None).await.is_ok();
        if !(removed && unregistered) {
            say(&self.status, &text("optionsForgetFailed"), Tone::Bad);
            return;
        }
        self.saved.replace(Settings::default());
        self.token.set_value("");
        self.secret.set_value("");
        self.show_saved();
        say(&self.status, &text("optionsForgotten"), Tone::Good);
    }

    fn has_edits(&self) -> bool {
        let saved = self.saved.borrow();
        let host = saved.host().map(|host| host.to_string());
        !self.token.value().trim().is_empty()
            || !self.secret.value().trim().is_empty()
            || self.api_key.value().trim() != saved.api_key
            || self.remember.value().trim().parse::<u32>().ok() != saved.remember_minutes
            || self.format.value() != saved.format().key()
            || host.as_deref() != Ok(self.host.value().trim())
    }

    /// Checks the form and starts saving it; `None` when the form is refused, with the reason
    /// already shown. Runs its synchronous part inside the click, where the browser still
    /// allows a permission prompt for a new host.
    fn save(self: &Rc<Self>) -> Option<impl Future<Output = bool>> {
        let (host, token, api_key, secret) = (
            self.host.value(),
            self.token.value(),
            self.api_key.value(),
            self.secret.value(),
        );
        let form = Form {
            host: &host,
            token: &token,
            api_key: &api_key,
            secret: &secret,
        };
        let saved = self.saved.borrow();
        let remember = self.remember.value();
        let (edited, moving) = match saved.saved_from(&form).and_then(|edited| {
            let moving = saved.moves_to(form.host)?;
            let edited = edited.with_remember_minutes(&remember)?;
            Ok((edited.with_format(&self.format.value()), moving))
        }) {
            Ok(result) => result,
            Err(error) => {
                say(&self.status, error.message().as_ref(), Tone::Bad);
                let _ = self.host.focus();
                return None;
            }
        };
        drop(saved);
        let host = edited.host().ok()?;
        if !edited.has_token() && edited.credentials().is_none() {
            let missing = if moving {
                text_with("optionsNewHostNeedsToken", &[host.as_str()])
            } else {
                text("optionsNoTokenTyped")
            };
            say(&self.status, &missing, Tone::Bad);
            let _ = self.token.focus();
            return None;
        }
        // Asked for every host, the default one too: Firefox lets the user withhold or revoke
        // any host permission, and Chrome answers at once when it is already granted.
        let permission = chrome::request_origin(&host.origin_pattern());

        let page = self.clone();
        Some(async move {
            // Said only when the browser is really asking: a permission already granted is
            // answered at once, and a flash of this would only puzzle.
            let answered = Rc::new(Cell::new(false));
            let (asking, status) = (answered.clone(), page.status.clone());
            let waiting = text_with("optionsWaitingForPermission", &[host.as_str()]);
            spawn_local(async move {
                after_ms(300).await;
                if !asking.get() {
                    say(&status, &waiting, Tone::Neutral);
                }
            });
            let granted = JsFuture::from(permission).await;
            answered.set(true);
            let granted = granted.ok().and_then(|g| g.as_bool());
            if granted != Some(true) {
                let refused = text_with("optionsPermissionRefused", &[host.as_str()]);
                say(&page.status, &refused, Tone::Bad);
                return false;
            }
            if chrome::save_settings(&edited).await.is_err() {
                say(&page.status, &text("optionsSaveFailed"), Tone::Bad);
                return false;
            }
            // Ids and links belong to one host: what was learned on the old one means nothing.
            if moving {
                let _ = chrome::forget_host_caches().await;
            }
            let pattern = (host != Host::default()).then(|| host.origin_pattern());
            if chrome::register_page_script(pattern.as_deref())
                .await
                .is_err()
            {
                let not_added = text_with("optionsButtonNotAdded", &[host.as_str()]);
                say(&page.status, &not_added, Tone::Bad);
                return false;
            }
            page.saved.replace(edited);
            page.token.set_value("");
            page.secret.set_value("");
            page.show_saved();
            say(&page.status, &text("optionsSaved"), Tone::Good);
            true
        })
    }
}
