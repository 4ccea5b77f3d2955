//! Talking to the Functionize API: what goes over the wire (`transport`), how answers are
//! read (`parse`), the calls themselves (`client`), and minting a token from a key (`mint`).

pub mod client;
pub mod mint;
pub mod parse;
pub mod transport;

pub use client::Client;
pub use parse::Orchestration;
pub use transport::{HttpRequest, HttpResponse, Method, Transport, TransportError};
