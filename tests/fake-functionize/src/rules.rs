//! Misbehaviour on request. A test posts rules to the control API; each HTTPS request whose path
//! contains a rule's `path` is then answered the rule's way instead of the normal way, until
//! the rule has been used `times` times.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::reply::{Reply, HTML, JSON};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Matched as a substring of the request path; empty matches every request.
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Added to whatever answer goes out, e.g. `Retry-After` on a 429.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    #[serde(default)]
    pub delay_ms: u64,
    #[serde(default)]
    pub hang: bool,
    #[serde(default)]
    pub truncate: bool,
    #[serde(default)]
    pub redirect_to_login: bool,
    /// How many more requests the rule applies to; absent means for ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
    /// The path must be `path` itself, not merely contain it: for a rule on the list endpoint,
    /// whose path every other API path starts with.
    #[serde(default)]
    pub exact: bool,
}

impl Rule {
    pub fn check(&self) -> Result<(), String> {
        match self.status {
            Some(status) if !(100..=599).contains(&status) => {
                Err(format!("status {status} is not an HTTP status"))
            }
            _ => Ok(()),
        }
    }

    fn matches(&self, path: &str) -> bool {
        let on_path = if self.exact {
            path == self.path
        } else {
            path.contains(&self.path)
        };
        on_path && self.times != Some(0)
    }

    /// Applies the rule to the answer the fake would otherwise give. Only the answer is bent
    /// here; delays, hangs and truncation happen where the connection is.
    pub fn bend(&self, normal: Reply) -> Reply {
        let mut reply = if self.redirect_to_login {
            // What an expired web session does: send the browser to the login page.
            Reply::redirect("/login")
        } else if self.status.is_some() || self.body.is_some() {
            self.own_reply()
        } else {
            normal
        };
        if let (Some(content_type), false) = (&self.content_type, self.redirect_to_login) {
            reply.content_type = content_type.clone();
        }
        for (name, value) in &self.headers {
            reply = reply.with_header(name, value);
        }
        reply
    }

    fn own_reply(&self) -> Reply {
        let status = self.status.unwrap_or(200);
        match &self.body {
            Some(body) => {
                let looks_like_html = body.trim_start().starts_with('<');
                Reply::new(
                    status,
                    if looks_like_html { HTML } else { JSON },
                    body.clone(),
                )
            }
            None => Reply::failure(status, "Request failed (rule set by the test)"),
        }
    }
}

/// The rules in force, first match wins.
#[derive(Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl RuleSet {
    pub fn replace(&mut self, rules: Vec<Rule>) {
        self.rules = rules;
    }

    pub fn clear(&mut self) {
        self.rules.clear();
    }

    pub fn list(&self) -> Vec<Rule> {
        self.rules.clone()
    }

    /// The first rule for this path, counting one use of it; a rule used up is dropped.
    pub fn take(&mut self, path: &str) -> Option<Rule> {
        let index = self.rules.iter().position(|rule| rule.matches(path))?;
        let rule = self.rules[index].clone();
        if let Some(times) = self.rules[index].times.as_mut() {
            *times -= 1;
            if *times == 0 {
                self.rules.remove(index);
            }
        }
        Some(rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(json: &str) -> Rule {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_rule_applies_only_to_paths_containing_its_path() {
        let mut set = RuleSet::default();
        set.replace(vec![rule(r#"{"path":"csvreport","status":503}"#)]);
        assert!(set.take("/api/v4/orchestration").is_none());
        assert!(set.take("/api/v4/orchestration/abc/csvreport").is_some());
    }

    #[test]
    fn an_exact_rule_leaves_longer_paths_alone() {
        let mut set = RuleSet::default();
        set.replace(vec![rule(
            r#"{"path":"/api/v4/orchestration","status":502,"exact":true}"#,
        )]);
        assert!(set.take("/api/v4/orchestration/0af/group").is_none());
        assert_eq!(set.take("/api/v4/orchestration").unwrap().status, Some(502));
    }

    #[test]
    fn a_rule_with_times_expires() {
        let mut set = RuleSet::default();
        set.replace(vec![rule(r#"{"path":"","status":500,"times":2}"#)]);
        assert!(set.take("/a").is_some());
        assert!(set.take("/b").is_some());
        assert!(set.take("/c").is_none());
        assert!(set.list().is_empty());
    }

    #[test]
    fn the_first_matching_rule_wins() {
        let mut set = RuleSet::default();
        set.replace(vec![
            rule(r#"{"path":"group","status":404}"#),
            rule(r#"{"path":"","status":500}"#),
        ]);
        assert_eq!(set.take("/x/group").unwrap().status, Some(404));
        assert_eq!(set.take("/x/status").unwrap().status, Some(500));
    }

    #[test]
    fn rate_limiting_carries_retry_after() {
        let r = rule(r#"{"path":"","status":429,"headers":{"Retry-After":"12"}}"#);
        let reply = r.bend(Reply::json(200, &serde_json::json!([])));
        assert_eq!(reply.status, 429);
        assert!(reply.headers.contains(&("Retry-After".into(), "12".into())));
    }

    #[test]
    fn an_html_body_is_served_as_html() {
        let r = rule(r#"{"path":"","status":200,"body":"<html>Sign in</html>"}"#);
        assert_eq!(
            r.bend(Reply::json(200, &serde_json::json!([])))
                .content_type,
            HTML
        );
    }

    #[test]
    fn a_login_redirect_points_at_the_login_page() {
        let r = rule(r#"{"path":"","redirect_to_login":true}"#);
        let reply = r.bend(Reply::json(200, &serde_json::json!([])));
        assert_eq!(reply.status, 302);
        assert!(reply
            .headers
            .contains(&("location".into(), "/login".into())));
    }

    #[test]
    fn delay_only_rules_keep_the_normal_answer() {
        let normal = Reply::json(200, &serde_json::json!({"id": 1}));
        let r = rule(r#"{"path":"","delay_ms":50}"#);
        assert_eq!(r.bend(normal.clone()), normal);
    }

    #[test]
    fn unknown_fields_and_bad_statuses_are_refused() {
        assert!(serde_json::from_str::<Rule>(r#"{"path":"","stauts":500}"#).is_err());
        assert!(rule(r#"{"path":"","status":1000}"#).check().is_err());
    }
}
