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

impl Resolved {
    /// The year, when it is decided.
    fn year(&self) -> Option<i32> {
        (self.precision == Precision::Day)
            .then(|| self.value.get(..4)?.parse().ok())
            .flatten()
    }
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
    // a signing years before the period starts is another convention's ("C'était
    // le 6 février 2020" of a first CTG, in a report of the 2025-2029 one): the
    // best date from the year before the start on wins, if there is one
    let fits = |r: &Resolved| match (ctx.period.0, r.year()) {
        (Some(start), Some(year)) => year >= start - 1,
        _ => true,
    };
    let mut fitting_warnings = Vec::new();
    let (date, considered) = match dated_where(matches, rules, ctx, &mut fitting_warnings, fits) {
        (Some(d), considered) => {
            warnings.append(&mut fitting_warnings);
            (Some(d), considered)
        }
        (None, _) => dated(matches, rules, ctx, warnings),
    };
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
    dated_where(matches, rules, ctx, warnings, |_| true)
}

/// As `dated`, among the dates `fits` keeps; the others are implausible.
fn dated_where(
    matches: &[Match<'_, '_>],
    rules: &RuleSet,
    ctx: YearContext<'_>,
    warnings: &mut Vec<Warning>,
    fits: impl Fn(&Resolved) -> bool,
) -> (Option<SigningDate>, Vec<Considered>) {
    let choice = choose(matches, |m| {
        let r = resolve(&dates::read(m, rules, "")?, ctx)?;
        if fits(&r) {
            Ok(r)
        } else {
            Err(Unusable::Implausible)
        }
    });
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
