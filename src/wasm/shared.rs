//! The same question asked again while it is being answered joins the answer under way instead
//! of sending its own requests: popups opening at once share one list request, and a page
//! button's click shares the request its hover already started. Each asker that goes away
//! leaves; the requests are cancelled only when no asker is left. A question asked in other
//! words (a link in another format) waits for the same work under way, then is answered
//! anew from what that work learned and remembered.

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

/// What two messages must share to share an answer: the same `work`, in the same `wording`.
#[derive(Clone, PartialEq, Eq)]
pub struct Question {
    pub work: String,
    pub wording: String,
}

thread_local! {
    static IN_FLIGHT: RefCell<Vec<(Question, InFlight)>> = const { RefCell::new(Vec::new()) };
}

/// The answer to `message`, shared with every message of the same `question` asked meanwhile.
pub async fn shared(
    question: Question,
    message: Json,
    sender: Sender,
    cancel: Option<AbortSignal>,
) -> JsValue {
    while let Some(other_wording) = same_work_worded_otherwise(&question) {
        let _ = JsFuture::from(other_wording).await;
    }
    let Some(running) = join_or_start(question, message, sender) else {
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

fn same_work_worded_otherwise(question: &Question) -> Option<Promise> {
    IN_FLIGHT.with(|slot| {
        let slot = slot.borrow();
        slot.iter()
            .find(|(running, _)| running.work == question.work && running != question)
            .map(|(_, in_flight)| in_flight.reply.clone())
    })
}

fn join_or_start(question: Question, message: Json, sender: Sender) -> Option<InFlight> {
    let joined = IN_FLIGHT.with(|slot| {
        let slot = slot.borrow();
        slot.iter()
            .find(|(running, _)| *running == question)
            .map(|(_, in_flight)| in_flight.clone())
    });
    if joined.is_some() {
        return joined;
    }
    let controller = AbortController::new().ok()?;
    let signal = controller.signal();
    let done = question.clone();
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
    IN_FLIGHT.with(|slot| slot.borrow_mut().push((question, running.clone())));
    Some(running)
}
