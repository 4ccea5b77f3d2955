//! The same question asked again while it is being answered joins the answer under way instead
//! of sending its own requests: popups opening at once share one list request, and a page
//! button's click shares the request its hover already started. Each asker that goes away
//! leaves; the requests are cancelled only when no asker is left.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{AbortController, AbortSignal};

use super::worker::answer_message;
use crate::json::Json;
use crate::messages::Sender;

/// An answer under way, and how many askers still wait for it.
#[derive(Clone)]
struct InFlight {
    reply: Promise,
    askers: Rc<Cell<usize>>,
    controller: AbortController,
}

thread_local! {
    static IN_FLIGHT: RefCell<Vec<(String, InFlight)>> = const { RefCell::new(Vec::new()) };
}

/// The answer to `message`, shared with every message of the same `key` asked meanwhile.
pub async fn shared(
    key: String,
    message: Json,
    sender: Sender,
    cancel: Option<AbortSignal>,
) -> JsValue {
    let Some(running) = join_or_start(key, message, sender) else {
        return JsValue::NULL;
    };
    let InFlight {
        reply,
        askers,
        controller,
    } = running;
    askers.set(askers.get() + 1);
    if let Some(signal) = cancel {
        let leave = move || {
            askers.set(askers.get().saturating_sub(1));
            if askers.get() == 0 {
                controller.abort();
            }
        };
        // An asker already gone by now has left before it came.
        if signal.aborted() {
            leave();
        } else {
            let on_abort = Closure::once_into_js(leave);
            let _ = signal.add_event_listener_with_callback("abort", on_abort.unchecked_ref());
        }
    }
    JsFuture::from(reply).await.unwrap_or(JsValue::NULL)
}

fn join_or_start(key: String, message: Json, sender: Sender) -> Option<InFlight> {
    let joined = IN_FLIGHT.with(|slot| {
        let slot = slot.borrow();
        slot.iter()
            .find(|(running, _)| *running == key)
            .map(|(_, in_flight)| in_flight.clone())
    });
    if joined.is_some() {
        return joined;
    }
    let controller = AbortController::new().ok()?;
    let signal = controller.signal();
    let done = key.clone();
    let reply = future_to_promise(async move {
        let reply = answer_message(message, sender, Some(signal)).await;
        // Whoever asks from now on gets a fresh answer.
        IN_FLIGHT.with(|slot| slot.borrow_mut().retain(|(running, _)| *running != done));
        Ok(reply)
    });
    let running = InFlight {
        reply,
        askers: Rc::new(Cell::new(0)),
        controller,
    };
    IN_FLIGHT.with(|slot| slot.borrow_mut().push((key, running.clone())));
    Some(running)
}
