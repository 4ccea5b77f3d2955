//! The two answer shapes the design calls "inferred": whether a JSON answer is wrapped in a
//! `{"STATUS":"SUCCESS","RESULTSET": ...}` envelope, and whether ids travel as JSON numbers or
//! as strings. The real API may do either, so the fake can do both and switch at run time.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    Wrapped,
    Bare,
}

impl Shape {
    /// Puts a successful answer in the envelope, or leaves it as it is.
    pub fn wrap(self, value: Value) -> Value {
        match self {
            Shape::Wrapped => json!({ "STATUS": "SUCCESS", "RESULTSET": value }),
            Shape::Bare => value,
        }
    }
}

impl FromStr for Shape {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "wrapped" => Ok(Shape::Wrapped),
            "bare" => Ok(Shape::Bare),
            _ => Err(format!("shape must be wrapped or bare, not {text:?}")),
        }
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Shape::Wrapped => "wrapped",
            Shape::Bare => "bare",
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IdStyle {
    Numbers,
    Strings,
}

impl IdStyle {
    /// A numeric orchestration id as this style sends it.
    pub fn numeric_id(self, id: u64) -> Value {
        match self {
            IdStyle::Numbers => json!(id),
            IdStyle::Strings => json!(id.to_string()),
        }
    }

    /// A run id as this style sends it. Only run ids that read as a plain number can become
    /// JSON numbers; opaque ones such as `r-7f3a9c` are strings in either style.
    pub fn run_id(self, run_id: &str) -> Value {
        match (self, plain_number(run_id)) {
            (IdStyle::Numbers, Some(number)) => json!(number),
            _ => json!(run_id),
        }
    }
}

/// A run id that survives a trip through a JSON number unchanged: digits only, no leading zero
/// (a number would drop it), and small enough for a u64.
fn plain_number(text: &str) -> Option<u64> {
    let digits_only = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let leading_zero = text.len() > 1 && text.starts_with('0');
    if digits_only && !leading_zero {
        text.parse().ok()
    } else {
        None
    }
}

impl FromStr for IdStyle {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "numbers" => Ok(IdStyle::Numbers),
            "strings" => Ok(IdStyle::Strings),
            _ => Err(format!("ids must be numbers or strings, not {text:?}")),
        }
    }
}

impl fmt::Display for IdStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IdStyle::Numbers => "numbers",
            IdStyle::Strings => "strings",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_answers_sit_in_the_success_envelope() {
        let wrapped = Shape::Wrapped.wrap(json!([1, 2]));
        assert_eq!(wrapped, json!({ "STATUS": "SUCCESS", "RESULTSET": [1, 2] }));
    }

    #[test]
    fn bare_answers_are_the_value_itself() {
        assert_eq!(Shape::Bare.wrap(json!({ "id": 7 })), json!({ "id": 7 }));
    }

    #[test]
    fn numeric_ids_follow_the_style() {
        assert_eq!(IdStyle::Numbers.numeric_id(512345), json!(512345));
        assert_eq!(IdStyle::Strings.numeric_id(512345), json!("512345"));
    }

    #[test]
    fn numeric_looking_run_ids_become_numbers_only_in_number_style() {
        assert_eq!(IdStyle::Numbers.run_id("48213"), json!(48213));
        assert_eq!(IdStyle::Strings.run_id("48213"), json!("48213"));
    }

    #[test]
    fn opaque_run_ids_stay_strings() {
        assert_eq!(IdStyle::Numbers.run_id("r-7f3a9c"), json!("r-7f3a9c"));
        assert_eq!(IdStyle::Numbers.run_id("007"), json!("007"));
        assert_eq!(IdStyle::Numbers.run_id(""), json!(""));
    }

    #[test]
    fn names_parse_from_the_command_line_words() {
        assert_eq!("wrapped".parse(), Ok(Shape::Wrapped));
        assert_eq!("strings".parse(), Ok(IdStyle::Strings));
        assert!("Wrapped".parse::<Shape>().is_err());
    }
}
