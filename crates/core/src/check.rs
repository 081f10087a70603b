//! Runs every rule's examples through the whole extractor, as a document would go.
//!
//! A positive example passes when its field yields the expected value and the rule
//! itself matched (and was not vetoed); a negative example (`yields = "nothing"`)
//! passes when the field yields nothing. For a veto rule, the rule must match and
//! the field must yield what the example says.

use crate::calendar::CivilDate;
use crate::extract;
use crate::normalize::Text;
use crate::record::RuleId;
use crate::rules::trace::Status;
use crate::rules::{Field, RuleKind, RuleSet};
use std::fmt;
use std::path::PathBuf;

/// How one example fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The expected value came out, from this rule.
    Passed,
    /// The field yielded nothing; something was expected.
    Missing,
    /// The field yielded another value.
    Wrong {
        /// What came out.
        got: String,
    },
    /// The field yielded a value; nothing was expected.
    Noisy {
        /// What came out.
        got: String,
    },
    /// The value is right but this rule did not match (another rule gave it).
    RuleDidNotMatch,
    /// The example itself is malformed (e.g. a bad `published` date).
    BadExample {
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Passed => f.write_str("passed"),
            Outcome::Missing => f.write_str("missing: the field yielded nothing"),
            Outcome::Wrong { got } => write!(f, "wrong: got `{got}`"),
            Outcome::Noisy { got } => write!(f, "noisy: expected nothing, got `{got}`"),
            Outcome::RuleDidNotMatch => {
                f.write_str("the value is right but this rule did not match")
            }
            Outcome::BadExample { message } => write!(f, "bad example: {message}"),
        }
    }
}

/// One example's result.
#[derive(Debug, Clone)]
pub struct ExampleResult {
    /// The rule.
    pub rule: RuleId,
    /// Its file.
    pub file: PathBuf,
    /// Line of the rule id.
    pub line: usize,
    /// The field.
    pub field: Field,
    /// The example text.
    pub text: String,
    /// What it should yield (`None`: nothing).
    pub expected: Option<String>,
    /// What happened.
    pub outcome: Outcome,
}

impl fmt::Display for ExampleResult {
    /// The way `ctg rules check` shows a result: rule, text, expectation, outcome.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{} {}\n    text:     {}\n    expected: {}\n    {}",
            self.file.display(),
            self.line,
            self.rule,
            self.text,
            self.expected.as_deref().unwrap_or("nothing"),
            self.outcome
        )
    }
}

/// Runs every example of every rule, in rule order.
pub fn run_examples(rules: &RuleSet) -> Vec<ExampleResult> {
    let mut results = Vec::new();
    for rule in rules.rules() {
        for example in &rule.examples {
            let outcome = match example.published.as_deref().map(CivilDate::parse) {
                Some(None) => Outcome::BadExample {
                    message: format!(
                        "published = {:?} is not a YYYY-MM-DD date",
                        example.published.as_deref().unwrap_or_default()
                    ),
                },
                hint => judge(
                    rules,
                    rule,
                    &example.text,
                    example.yields.as_deref(),
                    hint.flatten(),
                ),
            };
            results.push(ExampleResult {
                rule: rule.id.clone(),
                file: rule.file.clone(),
                line: rule.line,
                field: rule.field,
                text: example.text.clone(),
                expected: example.yields.clone(),
                outcome,
            });
        }
    }
    results
}

fn judge(
    rules: &RuleSet,
    rule: &crate::rules::Rule,
    text: &str,
    expected: Option<&str>,
    published: Option<CivilDate>,
) -> Outcome {
    let text = Text::new(text);
    let fields = extract::run(&text, rules, published);
    let got = fields.display(rule.field);
    let matched = fields
        .trace
        .fields
        .iter()
        .filter(|(f, _)| *f == rule.field)
        .flat_map(|(_, considered)| considered)
        .any(|c| {
            c.evidence.rule == rule.id
                && match rule.kind {
                    RuleKind::Veto => c.status == Status::Veto,
                    RuleKind::Extract => {
                        !matches!(c.status, Status::Vetoed { .. } | Status::Unusable(_))
                    }
                }
        });
    match (expected, got) {
        (None, None) if rule.kind == RuleKind::Veto && !matched => Outcome::RuleDidNotMatch,
        (None, None) => Outcome::Passed,
        (None, Some(got)) => Outcome::Noisy { got },
        (Some(_), None) => Outcome::Missing,
        (Some(e), Some(got)) if e != got => Outcome::Wrong { got },
        (Some(_), Some(_)) if !matched => Outcome::RuleDidNotMatch,
        (Some(_), Some(_)) => Outcome::Passed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test` runs every example of the shipped rules.
    #[test]
    fn every_builtin_example_passes() {
        let rules = RuleSet::load(None).expect("built-in rules compile");
        let results = run_examples(&rules);
        assert!(!results.is_empty());
        let failures: Vec<String> = results
            .iter()
            .filter(|r| r.outcome != Outcome::Passed)
            .map(ToString::to_string)
            .collect();
        assert!(
            failures.is_empty(),
            "{} failing examples:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
