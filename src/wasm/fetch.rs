//! The `Transport` the extension ships with: the browser's fetch, through gloo-net.

use gloo_net::http::{Headers, Request, RequestBuilder};
use web_sys::{
    AbortSignal, RequestCache, RequestCredentials, RequestRedirect, ResponseType, UrlSearchParams,
};

use crate::api::transport::{HttpRequest, HttpResponse, Method, Transport, TransportError};

pub struct FetchTransport {
    pub timeout_ms: u32,
    /// Aborts every request still running when the page that asked has gone away.
    pub cancel: Option<AbortSignal>,
}

impl Transport for FetchTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let builder = match request.method {
            Method::Get => Request::get(&request.url),
            Method::Post => Request::post(&request.url),
        }
        // The token travels in a header; the browser's own Functionize cookies must not ride
        // along, or a logged-out token could pass for a valid one.
        .credentials(RequestCredentials::Omit)
        // Fetch keeps custom headers across redirects, even to another host: following one
        // would hand the token to wherever the redirect points.
        .redirect(RequestRedirect::Manual)
        // A hung request to the same URL would otherwise hold the next one in the browser's
        // cache lock; every answer here is wanted fresh anyway.
        .cache(RequestCache::NoStore)
        // The signal aborts the whole exchange, so a body that stalls half-way times out too.
        .abort_signal(Some(&self.signal()));
        let builder = with_headers(builder, &request.headers)?;

        let sent = match &request.form {
            Some(fields) => {
                let form = UrlSearchParams::new().map_err(|_| TransportError::Network)?;
                for (name, value) in fields {
                    form.append(name, value);
                }
                builder
                    .body(form)
                    .map_err(|_| TransportError::Network)?
                    .send()
                    .await
            }
            None => builder.send().await,
        };
        let response = sent.map_err(failure)?;
        if response.type_() == ResponseType::Opaqueredirect {
            // The browser hides a manual redirect's status and target; any 3xx reads the same.
            return Ok(HttpResponse {
                status: 302,
                redirected: true,
                ..HttpResponse::default()
            });
        }

        let headers = response.headers();
        let body = response.text().await.map_err(failure)?;
        Ok(HttpResponse {
            status: response.status(),
            content_type: headers.get("content-type"),
            body,
            redirected: response.redirected(),
            retry_after: headers.get("retry-after"),
        })
    }

    async fn pause(&self, ms: u32) {
        if self.cancel.as_ref().is_some_and(AbortSignal::aborted) {
            return;
        }
        // The global setTimeout exists in pages and in the service worker alike.
        let waited = js_sys::Promise::new(&mut |resolve, _| {
            let _ = set_timeout(&resolve, ms);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(waited).await;
    }

    fn jitter(&self) -> f64 {
        js_sys::Math::random()
    }
}

impl FetchTransport {
    /// The timeout, and the asker's cancellation when it has one, whichever comes first.
    fn signal(&self) -> AbortSignal {
        let timeout = AbortSignal::timeout_with_u32(self.timeout_ms);
        match &self.cancel {
            Some(cancel) => AbortSignal::any(&js_sys::Array::of2(&timeout, cancel)),
            None => timeout,
        }
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &js_sys::Function, ms: u32) -> f64;
}

fn failure(error: gloo_net::Error) -> TransportError {
    match error {
        gloo_net::Error::JsError(error) if error.name == "TimeoutError" => TransportError::Timeout,
        gloo_net::Error::JsError(error) if error.name == "AbortError" => TransportError::Aborted,
        _ => TransportError::Network,
    }
}

/// Adds the headers through the fallible browser call: gloo's own `header` throws on a value a
/// header cannot hold, which would leave the caller's promise unsettled.
fn with_headers(
    builder: RequestBuilder,
    headers: &[(String, String)],
) -> Result<RequestBuilder, TransportError> {
    let raw = web_sys::Headers::new().map_err(|_| TransportError::Network)?;
    for (name, value) in headers {
        raw.append(name, value)
            .map_err(|_| TransportError::Network)?;
    }
    Ok(builder.headers(Headers::from_raw(raw)))
}
