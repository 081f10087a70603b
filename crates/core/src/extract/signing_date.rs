//! Signing-date rules -> the signing date, with its year inferred when the text
//! leaves it out ("ce jeudi 15 décembre").
//!
//! Which sentences speak of a signature, and which dates are not signing dates
//! (publication, deliberation, steering committee), is in `rules/signing_date.toml`;
//! how a year is inferred is in `resolve/year.rs`.

use super::dates;
use crate::calendar::DateParts;
use crate::record::{Precision, SigningDate, Warning, YearSource};
use crate::resolve::choose::choose;
use crate::resolve::year::{infer, Inferred, YearContext};
use crate::rules::trace::{Considered, Unusable};
use crate::rules::{Match, RuleSet};
use std::fmt;

/// A candidate read and resolved.
struct Resolved {
    value: String,
    precision: Precision,
    source: YearSource,
    candidates: Vec<i32>,
    weekday_mismatch: bool,
}

impl fmt::Display for Resolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({:?})", self.value, self.source)
    }
}

/// The best signing date; warnings for an undecided year or a wrong weekday.
pub fn extract(
    matches: &[Match<'_, '_>],
    rules: &RuleSet,
    ctx: YearContext<'_>,
    warnings: &mut Vec<Warning>,
) -> (Option<SigningDate>, Vec<Considered>) {
    let (date, considered) = dated(matches, rules, ctx, warnings);
    if let Some(d) = date.as_ref().filter(|d| d.precision == Precision::MonthDay) {
        warnings.push(Warning::SigningYearUndecided {
            candidates: d.year_candidates.clone(),
        });
    }
    (date, considered)
}

/// The best date of a field's matches (the signing date, a deliberation's
/// session), its year inferred as for a signing date; a warning for a wrong
/// weekday.
pub fn dated(
    matches: &[Match<'_, '_>],
    rules: &RuleSet,
    ctx: YearContext<'_>,
    warnings: &mut Vec<Warning>,
) -> (Option<SigningDate>, Vec<Considered>) {
    let choice = choose(matches, |m| resolve(&dates::read(m, rules, "")?, ctx));
    let Some((r, evidence)) = choice.chosen else {
        return (None, choice.considered);
    };
    if r.weekday_mismatch {
        warnings.push(Warning::WeekdayMismatch {
            rule: evidence.rule.clone(),
            text: crate::normalize::value::one_line(&evidence.text),
        });
    }
    let date = SigningDate {
        value: r.value,
        precision: r.precision,
        year_source: r.source,
        year_candidates: r.candidates,
        evidence,
    };
    (Some(date), choice.considered)
}

fn resolve(parts: &DateParts, ctx: YearContext<'_>) -> Result<Resolved, Unusable> {
    match infer(parts, ctx) {
        Inferred::Decided(date, source) => Ok(Resolved {
            value: date.to_string(),
            precision: Precision::Day,
            source,
            candidates: Vec::new(),
            weekday_mismatch: parts.weekday.is_some_and(|w| w != date.weekday()),
        }),
        Inferred::Undecided {
            month,
            day,
            candidates,
        } => Ok(Resolved {
            value: format!("--{month:02}-{day:02}"),
            precision: Precision::MonthDay,
            source: YearSource::Undecided,
            candidates,
            weekday_mismatch: false,
        }),
        Inferred::NoReference => Err(Unusable::NoReferenceDate),
        Inferred::Invalid => Err(Unusable::InvalidDate),
    }
}
