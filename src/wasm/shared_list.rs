//! Popups opening at once share one list request: the first starts it, the others wait for the
//! same answer. Each popup that closes leaves; the request is cancelled only when none is left.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{AbortController, AbortSignal};

use super::worker::answer_message;
use crate::messages::Sender;

/// The list request in flight, if any.
struct InFlight {
    reply: Promise,
    askers: Rc<Cell<usize>>,
    controller: AbortController,
}

thread_local! {
    static IN_FLIGHT: RefCell<Option<InFlight>> = const { RefCell::new(None) };
}

/// The answer to a popup's `listOrchestrations`, shared with every popup asking meanwhile.
pub async fn shared_list(message: serde_json::Value, cancel: Option<AbortSignal>) -> JsValue {
    let Some((reply, askers, controller)) = join_or_start(message) else {
        return JsValue::NULL;
    };
    askers.set(askers.get() + 1);
    if let Some(signal) = cancel {
        // An asker already gone by now has left before it came.
        let leave = move || {
            askers.set(askers.get().saturating_sub(1));
            if askers.get() == 0 {
                controller.abort();
            }
        };
        if signal.aborted() {
            leave();
        } else {
            let on_abort = Closure::once_into_js(leave);
            let _ = signal.add_event_listener_with_callback("abort", on_abort.unchecked_ref());
        }
    }
    JsFuture::from(reply).await.unwrap_or(JsValue::NULL)
}

fn join_or_start(
    message: serde_json::Value,
) -> Option<(Promise, Rc<Cell<usize>>, AbortController)> {
    IN_FLIGHT.with(|slot| {
        if let Some(running) = slot.borrow().as_ref() {
            let InFlight {
                reply,
                askers,
                controller,
            } = running;
            return Some((reply.clone(), askers.clone(), controller.clone()));
        }
        let controller = AbortController::new().ok()?;
        let signal = controller.signal();
        let reply = future_to_promise(async move {
            let reply = answer_message(message, Sender::ExtensionPage, Some(signal)).await;
            // Whoever asks from now on gets a fresh answer.
            IN_FLIGHT.with(|slot| slot.replace(None));
            Ok(reply)
        });
        let askers = Rc::new(Cell::new(0));
        let running = InFlight {
            reply: reply.clone(),
            askers: askers.clone(),
            controller: controller.clone(),
        };
        slot.replace(Some(running));
        Some((reply, askers, controller))
    })
}
