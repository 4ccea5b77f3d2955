//! The one door to the network. The client only describes requests and reads responses; the
//! wasm build sends them with `fetch`, and the tests answer them from a script.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    /// Sent as `application/x-www-form-urlencoded` when present.
    pub form: Option<Vec<(String, String)>>,
}

impl HttpRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HttpResponse {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: String,
    /// Whether redirects were followed to reach this answer; an expired session on a web app
    /// usually ends on a login page this way.
    pub redirected: bool,
    /// The raw `Retry-After` header, if any.
    pub retry_after: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportError {
    Network,
    Timeout,
    Aborted,
}

/// Sends one request. The wasm transport's futures hold JavaScript values and are `!Send`;
/// the extension is single threaded, so the trait deliberately asks for no `Send` bound, which
/// is what rustc's `async_fn_in_trait` lint warns about.
#[allow(async_fn_in_trait)]
pub trait Transport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;

    /// Waits `ms` milliseconds before a retry. Part of the transport so that tests can record
    /// the waits instead of sleeping through them.
    async fn pause(&self, ms: u32);

    /// A number in `[0, 1)` that spreads retries of many clients apart.
    fn jitter(&self) -> f64;
}

impl<T: Transport + ?Sized> Transport for &T {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send(request).await
    }

    async fn pause(&self, ms: u32) {
        (**self).pause(ms).await
    }

    fn jitter(&self) -> f64 {
        (**self).jitter()
    }
}
