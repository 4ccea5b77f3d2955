//! Minting an access token from an API key and secret (`POST /generateToken`), for users who
//! keep those rather than a token that expires.

use crate::api::client::{api_url, check_response, error_for_transport};
use crate::api::parse::parse_token;
use crate::api::transport::{HttpRequest, Method, Transport};
use crate::error::Error;
use crate::host::Host;

/// An API key and its secret. Debug output never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub api_key: String,
    pub secret: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("api_key", &self.api_key)
            .field("secret", &"<hidden>")
            .finish()
    }
}

/// A fresh access token. The key and secret travel only in the form body of one POST to the
/// configured host, never in the URL. A POST is not tried again: minting twice is not harmless.
pub async fn mint_token<T: Transport>(
    transport: &T,
    host: &Host,
    credentials: &Credentials,
) -> Result<String, Error> {
    let request = HttpRequest {
        method: Method::Post,
        url: api_url(host, "generateToken"),
        headers: vec![("accept".into(), "application/json".into())],
        form: Some(vec![
            ("apikey".into(), credentials.api_key.clone()),
            ("secret".into(), credentials.secret.clone()),
            ("response_type".into(), "json".into()),
        ]),
    };
    let response = transport.send(request).await.map_err(error_for_transport)?;
    let scrub = |error: Error| {
        error
            .without_secret(&credentials.secret)
            .without_secret(&credentials.api_key)
    };
    check_response(&response)
        .and_then(|()| parse_token(&response.body))
        .map_err(|error| match error {
            // Here it is the key or secret that was refused; "token rejected" would send the
            // user to the wrong field.
            Error::TokenRejected => Error::CredentialsRejected,
            other => scrub(other),
        })
}
