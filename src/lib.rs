//! Functionize report links: the domain logic (typed ids, API client, response parsing, link
//! building) in plain modules that compile and test natively, and one thin wasm boundary.

pub mod api;
pub mod cache;
pub mod diagnostics;
pub mod error;
pub mod formats;
pub mod host;
pub mod ids;
pub mod json;
pub mod links;
pub mod locale;
pub mod messages;
pub mod page_links;
pub mod pages;
pub mod resolve;
pub mod settings;

#[cfg(target_arch = "wasm32")]
pub(crate) mod wasm;

pub use error::Error;
pub use host::Host;
pub use ids::{DeploymentId, OrchestrationId, RunId};
pub use links::{ReportUrl, ShareLink};
