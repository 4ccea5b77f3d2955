//! The questions the extension's pages and content scripts ask the service worker, and how it
//! answers them. Kept free of browser types so every answer can be tested natively.

use crate::api::client::Client;
use crate::api::mint::mint_token;
use crate::api::parse::Orchestration;
use crate::api::transport::Transport;
use crate::cache::{Freshness, Remembered};
use crate::error::Error;
use crate::formats::{clip, link_text, Clip, Format};
use crate::host::Host;
use crate::ids::{DeploymentId, RunId};
use crate::json::Json;
use crate::links::{ReportUrl, ShareLink};
use crate::locale::text;
use crate::page_links::{deployment_of, numeric_of, report_url_of};
use crate::pages::{report_page, ReportPage, TITLE_SELECTOR};
use crate::resolve::{Candidates, IdMap};
use crate::settings::Settings;

/// Longer "visible names" are not names; they only slow the candidate ranking down.
const MAX_NAME_CHARS: usize = 300;

/// A message as `{type: "shareLink", deploymentId: …}`: the variant's name and fields in
/// camelCase. Fields it does not know are ignored.
#[derive(Debug, PartialEq, Eq)]
pub enum Request {
    ListOrchestrations,
    ShareLink {
        deployment_id: String,
    },
    ReportUrl {
        deployment_id: String,
        run_id: Option<String>,
    },
    TestConnection,
    /// From the popup: the orchestration and run of the report page in the active tab.
    PageSelection {
        url: String,
        name: Option<String>,
    },
    /// From a content script: whether the page is a report page, and where the button goes.
    PageInfo {
        url: String,
    },
    /// From a report page's button: one of the page's two links, in `format` when the page
    /// chose one, else in the default format of the options.
    PageLink {
        url: String,
        name: Option<String>,
        link: PageLinkKind,
        format: Option<Format>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageLinkKind {
    Share,
    Report,
}

impl Request {
    /// The request `message` makes, or `None` when it is none the extension asks: an unknown
    /// type, a required field missing, or a field of the wrong type.
    pub fn from_json(message: &Json) -> Option<Request> {
        let string = |key: &str| message[key].as_str().map(str::to_owned);
        // Absent and null both mean "not given"; anything but text is a malformed message.
        let optional = |key: &str| match &message[key] {
            Json::Null => Some(None),
            Json::String(text) => Some(Some(text.clone())),
            _ => None,
        };
        Some(match message["type"].as_str()? {
            "listOrchestrations" => Request::ListOrchestrations,
            "testConnection" => Request::TestConnection,
            "shareLink" => Request::ShareLink {
                deployment_id: string("deploymentId")?,
            },
            "reportUrl" => Request::ReportUrl {
                deployment_id: string("deploymentId")?,
                run_id: optional("runId")?,
            },
            "pageSelection" => Request::PageSelection {
                url: string("url")?,
                name: optional("name")?,
            },
            "pageInfo" => Request::PageInfo {
                url: string("url")?,
            },
            "pageLink" => Request::PageLink {
                url: string("url")?,
                name: optional("name")?,
                link: match message["link"].as_str()? {
                    "share" => PageLinkKind::Share,
                    "report" => PageLinkKind::Report,
                    _ => return None,
                },
                format: match optional("format")? {
                    Some(key) => Some(Format::from_key(&key)?),
                    None => None,
                },
            },
            _ => return None,
        })
    }
}

/// Who sent a message, as the browser told the loader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sender {
    /// The popup or the options page: may ask anything.
    ExtensionPage,
    /// This extension's content script in a tab showing `page_url`: may ask only about report
    /// pages, and only from and about pages of the configured Functionize host. (The page's URL
    /// is not required to equal `page_url`: after a client-side navigation the browser may
    /// still report the previous one.)
    ContentScript {
        page_url: String,
    },
    Other,
}

impl Sender {
    pub fn from_parts(label: &str, page_url: Option<String>) -> Sender {
        match (label, page_url) {
            ("extension-page", _) => Sender::ExtensionPage,
            ("content-script", Some(page_url)) => Sender::ContentScript { page_url },
            _ => Sender::Other,
        }
    }
}

/// What an answer may read and change besides the network.
pub struct Context<'a, T: Transport> {
    /// The settings; a token minted from the saved key and secret is written into them, and
    /// the caller stores them again when they changed.
    pub settings: &'a mut Settings,
    /// Learned id mappings; the caller stores them again when they changed.
    pub ids: &'a mut IdMap,
    /// Share links and run ids fetched lately; the caller stores them again when they changed.
    pub remembered: &'a mut Remembered,
    /// Now, in milliseconds since the epoch: what is remembered is reused only while fresh.
    pub now_ms: f64,
    /// Whether the browser lets the extension reach the configured host; without it every
    /// request would fail like a network error, which would point the user the wrong way.
    pub host_permitted: bool,
    pub transport: T,
}

/// Answers one message. The reply is always `{ok: true, ...}` or `{ok: false, error}`, never
/// a thrown error, so a page can show every outcome.
pub async fn answer<T: Transport>(
    message: &Json,
    sender: &Sender,
    context: Context<'_, T>,
) -> Json {
    match reply(message, sender, context).await {
        Ok(value) => value,
        Err(error) => {
            let error = [
                ("name", error.name().into()),
                ("message", error.message().into()),
            ];
            Json::object([("ok", false.into()), ("error", Json::object(error))])
        }
    }
}

async fn reply<T: Transport>(
    message: &Json,
    sender: &Sender,
    context: Context<'_, T>,
) -> Result<Json, Error> {
    if *sender == Sender::Other {
        return Err(Error::NotAllowed);
    }
    let request = Request::from_json(message).ok_or(Error::NotAllowed)?;
    let host = context.settings.host()?;
    authorise(&request, sender, &host)?;

    // Telling a page whether it is a report page needs no token and sends nothing.
    if let Request::PageInfo { url } = &request {
        return Ok(match report_page(url, &host) {
            Some(_) => ok([
                ("report", true.into()),
                ("selector", TITLE_SELECTOR.into()),
                ("format", context.settings.format().key().into()),
            ]),
            None => ok([("report", false.into())]),
        });
    }

    let settings = context.settings;
    let credentials = settings.credentials();
    if !settings.has_token() && credentials.is_none() {
        return Err(Error::NoToken);
    }
    if !context.host_permitted {
        return Err(Error::HostNotPermitted {
            host: host.to_string(),
        });
    }
    let transport = &context.transport;
    let when = Freshness {
        now_ms: context.now_ms,
        max_age_ms: settings.remember_ms(),
    };
    context.remembered.use_host(&host);
    let mut memory = Memory {
        ids: context.ids,
        remembered: context.remembered,
        when,
    };

    let mut minted = false;
    if !settings.has_token() {
        if let Some(credentials) = &credentials {
            settings.token = mint_token(transport, &host, credentials).await?;
            minted = true;
        }
    }
    let client = Client::new(transport, host.clone(), settings.token.trim().to_owned());
    let format = settings.format();
    match (
        dispatch(&request, &client, &mut memory, format).await,
        &credentials,
    ) {
        // An expired token is replaced once, silently, when a key and secret allow it.
        (Err(Error::TokenRejected), Some(credentials)) if !minted => {
            settings.token = mint_token(transport, &host, credentials).await?;
            let client = Client::new(transport, host, settings.token.clone());
            dispatch(&request, &client, &mut memory, format).await
        }
        (answered, _) => answered,
    }
}

/// What answers may reuse and add to: learned ids for good, fetched links while fresh.
struct Memory<'a> {
    ids: &'a mut IdMap,
    remembered: &'a mut Remembered,
    when: Freshness,
}

/// Answers a request that needs the API, with the token the client holds. A report page's
/// link comes ready for the clipboard, in the format the page chose or else in
/// `default_format`; the popup formats its own.
async fn dispatch<T: Transport>(
    request: &Request,
    client: &Client<T>,
    memory: &mut Memory<'_>,
    default_format: Format,
) -> Result<Json, Error> {
    match request {
        Request::ListOrchestrations => {
            let orchestrations = client.list_orchestrations().await?;
            let rows = orchestrations.iter().map(Orchestration::to_json).collect();
            Ok(ok([("orchestrations", Json::Array(rows))]))
        }
        Request::ShareLink { deployment_id } => {
            let id = DeploymentId::parse(deployment_id)?;
            let link = share_link(client, &id, memory).await?;
            Ok(ok([("url", link.into())]))
        }
        Request::ReportUrl {
            deployment_id,
            run_id,
        } => {
            let id = DeploymentId::parse(deployment_id)?;
            let run = match run_id.as_deref().map(str::trim) {
                Some(typed) if !typed.is_empty() => RunId::parse(typed)?,
                _ => latest_run(client, &id, memory).await?,
            };
            let numeric = numeric_of(client, &id, memory.ids).await?;
            let url = ReportUrl::new(&client.host, numeric, &run);
            Ok(ok([
                ("url", url.as_str().into()),
                ("runId", run.as_str().into()),
            ]))
        }
        Request::TestConnection => {
            let count = client.validate_token().await?;
            Ok(ok([("count", count.into())]))
        }
        Request::PageSelection { url, name } => {
            let page = page_at(url, &client.host)?;
            let name = visible(name.as_deref());
            // A preselection nobody clicked for may not sweep the account: name-like only.
            let candidates = Candidates::NameLike;
            let deployment = deployment_of(client, &page, name, memory.ids, candidates).await?;
            Ok(ok([
                ("deploymentId", deployment.as_str().into()),
                ("runId", page.run.as_str().into()),
            ]))
        }
        Request::PageLink {
            url,
            name,
            link,
            format,
        } => {
            let page = page_at(url, &client.host)?;
            let name = visible(name.as_deref());
            let (url, run) = match link {
                PageLinkKind::Share => {
                    let all = Candidates::All;
                    let deployment = deployment_of(client, &page, name, memory.ids, all).await?;
                    (share_link(client, &deployment, memory).await?, None)
                }
                PageLinkKind::Report => {
                    let url = report_url_of(client, &page, memory.ids).await?;
                    (url.into_string(), Some(page.run.as_str()))
                }
            };
            let format = format.unwrap_or(default_format);
            let Clip { text, html } = clip(format, &url, &link_text(name.unwrap_or(""), run));
            Ok(ok([
                ("url", url.into()),
                ("text", text.into()),
                ("html", html.into()),
            ]))
        }
        // Answered before any token was needed.
        Request::PageInfo { .. } => Err(Error::NotAllowed),
    }
}

/// A successful answer: `{ok: true}` and `fields`.
fn ok<const N: usize>(fields: [(&str, Json); N]) -> Json {
    let mut answer = vec![("ok", true.into())];
    answer.extend(fields);
    Json::object(answer)
}

/// The share link of `id`: remembered while fresh, else asked and remembered.
async fn share_link<T: Transport>(
    client: &Client<T>,
    id: &DeploymentId,
    memory: &mut Memory<'_>,
) -> Result<String, Error> {
    // Checked again on the way out, as if it had just arrived: the host may have changed.
    let remembered = memory.remembered.share_link(id, memory.when);
    if let Some(link) = remembered.and_then(|link| ShareLink::parse(link, &client.host).ok()) {
        return Ok(link.into_string());
    }
    let link = client.share_link(id).await?.into_string();
    memory.remembered.keep_share_link(id, &link, memory.when);
    Ok(link)
}

/// The latest run of `id`: remembered while fresh, else asked and remembered when there is one.
async fn latest_run<T: Transport>(
    client: &Client<T>,
    id: &DeploymentId,
    memory: &mut Memory<'_>,
) -> Result<RunId, Error> {
    if let Some(run) = memory.remembered.latest_run(id, memory.when) {
        return Ok(run);
    }
    let run = client.latest_run(id).await?.ok_or(Error::RunIdNeeded)?;
    memory.remembered.keep_latest_run(id, &run, memory.when);
    Ok(run)
}

/// Content scripts may ask only about pages of the configured host, from a page of that host;
/// everything else is for the extension's own pages.
fn authorise(request: &Request, sender: &Sender, host: &Host) -> Result<(), Error> {
    match (sender, request) {
        (Sender::ExtensionPage, _) => Ok(()),
        (
            Sender::ContentScript { page_url },
            Request::PageInfo { url } | Request::PageLink { url, .. },
        ) if same_host_page(page_url, host) && same_host_page(url, host) => Ok(()),
        _ => Err(Error::NotAllowed),
    }
}

fn same_host_page(url: &str, host: &Host) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    authority.eq_ignore_ascii_case(host.as_str())
}

fn page_at(url: &str, host: &Host) -> Result<ReportPage, Error> {
    report_page(url, host).ok_or_else(|| Error::InvalidInput {
        field: text("fieldPage"),
        reason: text("reasonNotReportPage"),
    })
}

fn visible(name: Option<&str>) -> Option<&str> {
    name.map(str::trim)
        .filter(|name| !name.is_empty() && name.chars().count() <= MAX_NAME_CHARS)
}
