//! The questions the extension's pages ask the service worker, and how it answers them.
//! Kept free of browser types so every answer can be tested natively.

use serde::Deserialize;
use serde_json::{json, Value};

use crate::api::client::Client;
use crate::api::transport::Transport;
use crate::error::Error;
use crate::ids::{DeploymentId, RunId};
use crate::links::ReportUrl;
use crate::settings::Settings;

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Request {
    ListOrchestrations,
    ShareLink {
        deployment_id: String,
    },
    ReportUrl {
        deployment_id: String,
        #[serde(default)]
        run_id: Option<String>,
    },
    TestConnection,
}

/// Who sent a message, as the loader saw it. Only the extension's own pages may ask for
/// anything: they are the only senders that can be trusted with what a token opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sender {
    ExtensionPage,
    Other,
}

impl Sender {
    pub fn from_label(label: &str) -> Sender {
        match label {
            "extension-page" => Sender::ExtensionPage,
            _ => Sender::Other,
        }
    }
}

/// Answers one message. The reply is always `{ok: true, ...}` or `{ok: false, error}`, never
/// a thrown error, so a page can show every outcome.
pub async fn answer<T: Transport>(
    message: &Value,
    sender: Sender,
    settings: &Settings,
    transport: T,
) -> Value {
    match reply(message, sender, settings, transport).await {
        Ok(value) => value,
        Err(error) => json!({
            "ok": false,
            "error": { "name": error.name(), "message": error.message() },
        }),
    }
}

async fn reply<T: Transport>(
    message: &Value,
    sender: Sender,
    settings: &Settings,
    transport: T,
) -> Result<Value, Error> {
    if sender != Sender::ExtensionPage {
        return Err(Error::NotAllowed);
    }
    let request = Request::deserialize(message).map_err(|_| Error::NotAllowed)?;
    if !settings.has_token() {
        return Err(Error::NoToken);
    }
    let host = settings.host()?;
    let client = Client::new(transport, host.clone(), settings.token.trim().to_owned());

    match request {
        Request::ListOrchestrations => {
            let orchestrations = client.list_orchestrations().await?;
            Ok(json!({ "ok": true, "orchestrations": orchestrations }))
        }
        Request::ShareLink { deployment_id } => {
            let id = DeploymentId::parse(&deployment_id)?;
            let link = client.share_link(&id).await?;
            Ok(json!({ "ok": true, "url": link.as_str() }))
        }
        Request::ReportUrl {
            deployment_id,
            run_id,
        } => {
            let id = DeploymentId::parse(&deployment_id)?;
            let run = match run_id.as_deref().map(str::trim) {
                Some(typed) if !typed.is_empty() => RunId::parse(typed)?,
                _ => client.latest_run(&id).await?.ok_or(Error::RunIdNeeded)?,
            };
            let numeric = client.orchestration_id(&id).await?;
            let url = ReportUrl::new(&host, numeric, &run);
            Ok(json!({ "ok": true, "url": url.as_str(), "runId": run.as_str() }))
        }
        Request::TestConnection => {
            let count = client.validate_token().await?;
            Ok(json!({ "ok": true, "count": count }))
        }
    }
}
