//! The command line, parsed by hand: a dozen flags do not need a parser crate.

use std::path::PathBuf;

use crate::shape::{IdStyle, Shape};

pub const USAGE: &str = "\
fake-functionize: a fake Functionize HTTPS server for tests, on 127.0.0.1 only.

Options (each takes a value, as `--flag value` or `--flag=value`):
  --port N            HTTPS port (default 0: any free port)
  --control-port N    plain-HTTP control API port (default 0: any free port)
  --fixture PATH      orchestrations (default tests/fixtures/orchestrations.json)
  --shape S           wrapped | bare (default wrapped)
  --ids S             numbers | strings (default numbers)
  --token T           the accepted access token (default fzk-demo-token)
  --apikey K          API key for generateToken (default demo-key)
  --secret S          secret for generateToken (default demo-secret)
  --latency-ms N      delay before every API answer (default 0)
  --generate N        serve exactly N orchestrations (the fixture's, then synthetic ones)
  --cert-out PATH     write the generated certificate (PEM) there
Flags:
  --verbose           log one line per request to stderr
  --help              this text

When ready, prints one line to stdout: {\"https_port\":N,\"control_port\":M}
";

#[derive(Debug, PartialEq)]
pub struct Args {
    pub port: u16,
    pub control_port: u16,
    pub fixture: Option<PathBuf>,
    pub shape: Shape,
    pub ids: IdStyle,
    pub token: String,
    pub apikey: String,
    pub secret: String,
    pub latency_ms: u64,
    pub generate: usize,
    pub cert_out: Option<PathBuf>,
    pub verbose: bool,
}

impl Default for Args {
    fn default() -> Self {
        Args {
            port: 0,
            control_port: 0,
            fixture: None,
            shape: Shape::Wrapped,
            ids: IdStyle::Numbers,
            token: "fzk-demo-token".to_string(),
            apikey: "demo-key".to_string(),
            secret: "demo-secret".to_string(),
            latency_ms: 0,
            generate: 0,
            cert_out: None,
            verbose: false,
        }
    }
}

#[derive(Debug, PartialEq)]
pub enum ArgsError {
    Help,
    Invalid(String),
}

pub fn parse(arguments: impl IntoIterator<Item = String>) -> Result<Args, ArgsError> {
    let mut args = Args::default();
    let mut arguments = arguments.into_iter();
    while let Some(argument) = arguments.next() {
        let (flag, inline) = match argument.split_once('=') {
            Some((flag, value)) => (flag.to_string(), Some(value.to_string())),
            None => (argument, None),
        };
        match flag.as_str() {
            "--help" | "-h" => return Err(ArgsError::Help),
            "--verbose" => {
                args.verbose = true;
                continue;
            }
            _ => {}
        }
        let value = match inline.or_else(|| arguments.next()) {
            Some(value) => value,
            None => return Err(invalid(format!("{flag} needs a value"))),
        };
        match flag.as_str() {
            "--port" => args.port = number(&flag, &value)?,
            "--control-port" => args.control_port = number(&flag, &value)?,
            "--fixture" => args.fixture = Some(PathBuf::from(value)),
            "--shape" => args.shape = value.parse().map_err(invalid)?,
            "--ids" => args.ids = value.parse().map_err(invalid)?,
            "--token" => args.token = non_empty(&flag, value)?,
            "--apikey" => args.apikey = non_empty(&flag, value)?,
            "--secret" => args.secret = non_empty(&flag, value)?,
            "--latency-ms" => args.latency_ms = number(&flag, &value)?,
            "--generate" => args.generate = number(&flag, &value)?,
            "--cert-out" => args.cert_out = Some(PathBuf::from(value)),
            _ => return Err(invalid(format!("unknown option {flag}"))),
        }
    }
    Ok(args)
}

fn invalid(message: String) -> ArgsError {
    ArgsError::Invalid(message)
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, ArgsError> {
    value
        .parse()
        .map_err(|_| invalid(format!("{flag} needs a whole number, not {value:?}")))
}

fn non_empty(flag: &str, value: String) -> Result<String, ArgsError> {
    if value.is_empty() {
        Err(invalid(format!("{flag} must not be empty")))
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &str) -> Result<Args, ArgsError> {
        parse(words.split_whitespace().map(str::to_string))
    }

    #[test]
    fn no_arguments_give_the_defaults() {
        assert_eq!(parse_words(""), Ok(Args::default()));
    }

    #[test]
    fn every_option_is_read_in_either_form() {
        let args = parse_words(
            "--port 8443 --control-port=9000 --fixture f.json --shape bare --ids strings \
             --token t --apikey k --secret s --latency-ms 250 --generate 3000 --verbose",
        )
        .unwrap();
        assert_eq!((args.port, args.control_port), (8443, 9000));
        assert_eq!(args.fixture, Some(PathBuf::from("f.json")));
        assert_eq!((args.shape, args.ids), (Shape::Bare, IdStyle::Strings));
        assert_eq!(
            (
                args.token.as_str(),
                args.apikey.as_str(),
                args.secret.as_str()
            ),
            ("t", "k", "s")
        );
        assert_eq!(
            (args.latency_ms, args.generate, args.verbose),
            (250, 3000, true)
        );
    }

    #[test]
    fn mistakes_are_named() {
        let unknown = parse_words("--prot 1").unwrap_err();
        assert_eq!(unknown, ArgsError::Invalid("unknown option --prot".into()));
        assert!(matches!(parse_words("--port"), Err(ArgsError::Invalid(_))));
        assert!(matches!(
            parse_words("--port 70000"),
            Err(ArgsError::Invalid(_))
        ));
        assert!(matches!(
            parse_words("--shape round"),
            Err(ArgsError::Invalid(_))
        ));
        assert_eq!(parse_words("--help"), Err(ArgsError::Help));
    }
}
