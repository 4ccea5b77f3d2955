//! Talking to the Functionize API: what goes over the wire (`transport`), how answers are
//! read (`parse`), and the calls themselves (`client`).

pub mod client;
pub mod parse;
pub mod transport;

pub use client::Client;
pub use parse::Orchestration;
pub use transport::{HttpRequest, HttpResponse, Method, Transport, TransportError};
