//! A fake Functionize for the tests and the demo: the `/api/v4` endpoints in every shape the
//! real API might use, the report pages the content script works on, and a control API that
//! makes it misbehave on request. It listens on 127.0.0.1 only.

mod api;
mod args;
mod control;
mod fixture;
mod https;
mod pages;
mod reply;
mod rules;
mod shape;
mod spa;
mod state;
mod tls;

use std::io::Write;
use std::net::Ipv4Addr;
use std::process::ExitCode;
use std::sync::Arc;

use tokio::net::TcpListener;

use crate::args::{Args, ArgsError};
use crate::state::{Credentials, Settings, State};

#[tokio::main]
async fn main() -> ExitCode {
    let args = match args::parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(ArgsError::Help) => {
            print!("{}", args::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(ArgsError::Invalid(message)) => {
            eprintln!("fake-functionize: {message}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("fake-functionize: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    let fixture_path = fixture::resolve_path(args.fixture.as_deref());
    let mut orchestrations = fixture::load(&fixture_path)?;
    if args.generate > 0 {
        fixture::generate(&mut orchestrations, args.generate);
    }
    fixture::validate(&orchestrations)?;

    let tls = tls::self_signed()?;
    if let Some(path) = &args.cert_out {
        std::fs::write(path, &tls.certificate_pem)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    }

    let settings = Settings {
        shape: args.shape,
        ids: args.ids,
        latency_ms: args.latency_ms,
    };
    let credentials = Credentials {
        apikey: args.apikey,
        secret: args.secret,
    };
    let state = Arc::new(State::new(
        orchestrations,
        settings,
        args.token,
        credentials,
        args.verbose,
    ));

    // Loopback only: this server exists for tests on this machine and nothing else.
    let https_listener = bind(args.port).await?;
    let control_listener = bind(args.control_port).await?;
    let https_port = port_of(&https_listener)?;
    let control_port = port_of(&control_listener)?;
    // The one line on stdout: whoever started the server waits for it to learn the ports.
    // Written by hand so the keys keep this order.
    let ready = format!(r#"{{"https_port":{https_port},"control_port":{control_port}}}"#);
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{ready}")
        .and_then(|()| stdout.flush())
        .map_err(|error| format!("cannot write the ready line: {error}"))?;
    drop(stdout);

    tokio::join!(
        https::serve(https_listener, tls.acceptor, state.clone()),
        control::serve(control_listener, state),
    );
    Ok(())
}

async fn bind(port: u16) -> Result<TcpListener, String> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, port))
        .await
        .map_err(|error| format!("cannot listen on 127.0.0.1:{port}: {error}"))
}

fn port_of(listener: &TcpListener) -> Result<u16, String> {
    listener
        .local_addr()
        .map(|address| address.port())
        .map_err(|error| format!("cannot read the bound port: {error}"))
}
