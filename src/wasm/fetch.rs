//! The `Transport` the extension ships with: the browser's fetch, through gloo-net.

use gloo_net::http::{Request, RequestBuilder};
use web_sys::{RequestCredentials, RequestRedirect, UrlSearchParams};

use crate::api::transport::{HttpRequest, HttpResponse, Method, Transport, TransportError};

pub struct FetchTransport;

impl Transport for FetchTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let builder = match request.method {
            Method::Get => Request::get(&request.url),
            Method::Post => Request::post(&request.url),
        }
        // The token travels in a header; the browser's own Functionize cookies must not ride
        // along, or a logged-out token could pass for a valid one.
        .credentials(RequestCredentials::Omit)
        .redirect(RequestRedirect::Follow);
        let builder = with_headers(builder, &request.headers);

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
        let response = sent.map_err(|_| TransportError::Network)?;

        let headers = response.headers();
        let body = response.text().await.map_err(|_| TransportError::Network)?;
        Ok(HttpResponse {
            status: response.status(),
            content_type: headers.get("content-type"),
            body,
            redirected: response.redirected(),
            retry_after: headers.get("retry-after"),
        })
    }
}

fn with_headers(builder: RequestBuilder, headers: &[(String, String)]) -> RequestBuilder {
    headers.iter().fold(builder, |builder, (name, value)| {
        builder.header(name, value)
    })
}
