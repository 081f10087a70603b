//! Period rules ("2023/2027", "du 1er janvier 2023 au 31 décembre 2026", "jusqu'en
//! 2026", "portant sur l'année 2010") -> start and end, as years or full dates.
//!
//! Captures: `start_year`/`end_year` (with optional `start_day`, `start_month`,
//! `end_day`, `end_month`), or `year` alone for a one-year convention.

use super::dates;
use crate::calendar::CivilDate;
use crate::calendar::DateParts;
use crate::record::Period;
use crate::resolve::choose::ranked;
use crate::rules::trace::{Considered, Status, Unusable};
use crate::rules::{Match, RuleKind, RuleSet};
use std::fmt;

/// Longest span a convention period can have, in years.
const MAX_YEARS: i32 = 12;

/// One bound: a year, or a full date.
#[derive(Debug, Clone, Copy)]
struct Bound {
    year: i32,
    date: Option<CivilDate>,
}

impl Bound {
    fn read(parts: DateParts) -> Result<Option<Bound>, Unusable> {
        let Some(year) = parts.year else {
            return Ok(None);
        };
        let date = match (parts.month, parts.day) {
            (Some(m), Some(d)) => Some(CivilDate::new(year, m, d).ok_or(Unusable::InvalidDate)?),
            _ => None,
        };
        Ok(Some(Bound { year, date }))
    }

    fn render(self) -> String {
        self.date
            .map_or_else(|| format!("{:04}", self.year), |d| d.to_string())
    }
}

#[derive(Clone, Copy)]
struct Span(Option<Bound>, Option<Bound>);

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let side = |b: Option<Bound>| b.map(Bound::render).unwrap_or_default();
        write!(f, "{}/{}", side(self.0), side(self.1))
    }
}

/// The first and last year of a period (`"2023-01-01"` and `"2023"` both give 2023).
pub fn years(period: &Period) -> (Option<i32>, Option<i32>) {
    let year = |side: &Option<String>| side.as_deref().and_then(|v| v.get(..4)?.parse().ok());
    (year(&period.start), year(&period.end))
}

/// Longest span, in years, of a period whose two bounds come from two
/// passages (a CTG runs four or five years; a looser pairing would join a
/// start and an end said of different things).
const MAX_PAIRED_YEARS: i32 = 6;

/// The best period; when it states one bound only, the other bound from the
/// best passage that states only that one ("jusqu'au 31 décembre 2028, avec
/// un effet rétroactif au 1er janvier 2025": the end, then the start), else,
/// for an end alone, the start of the best whole period before it.
pub fn extract(matches: &[Match<'_, '_>], rules: &RuleSet) -> (Option<Period>, Vec<Considered>) {
    let (candidates, mut considered) = ranked(matches, |m| read(m, rules));
    let Some(best) = candidates.first() else {
        return (None, considered);
    };
    considered[best.index].status = Status::Chosen;
    let Span(mut start, mut end) = best.value;
    let pairs = |s: Bound, e: Bound| (0..=MAX_PAIRED_YEARS).contains(&(e.year - s.year));
    // the best candidate that states only the missing bound, and fits
    let other = candidates.iter().find(|c| match (start, end, c.value) {
        (Some(s), None, Span(None, Some(e))) | (None, Some(e), Span(Some(s), None)) => pairs(s, e),
        _ => false,
    });
    // else, for an end alone that outranks a whole period (an amendment's
    // new term, "porte le terme de la convention au 30 juin 2026"), the
    // start of the best whole period that begins before it
    let other = other.or_else(|| {
        candidates.iter().find(|c| match (start, end, c.value) {
            (None, Some(e), Span(Some(s), Some(_))) => s.year < e.year && pairs(s, e),
            _ => false,
        })
    });
    let completed_by = other.map(|c| {
        considered[c.index].status = Status::Chosen;
        start = start.or(c.value.0);
        end = end.or(c.value.1);
        c.evidence.clone()
    });
    let period = Period {
        start: start.map(Bound::render),
        end: end.map(Bound::render),
        evidence: best.evidence.clone(),
        completed_by,
    };
    (Some(period), considered)
}

/// The best period of those that do not end before `year` (the year the
/// convention was signed): the others are other conventions'.
pub fn extract_not_ending_before(
    matches: &[Match<'_, '_>],
    rules: &RuleSet,
    year: i32,
) -> Option<Period> {
    let kept: Vec<Match> = matches
        .iter()
        .filter(|m| {
            m.rule.kind == RuleKind::Veto
                || read(m, rules).is_ok_and(|Span(_, end)| end.is_none_or(|e| e.year >= year))
        })
        .cloned()
        .collect();
    extract(&kept, rules).0
}

fn read(m: &Match<'_, '_>, rules: &RuleSet) -> Result<Span, Unusable> {
    let single = dates::read(m, rules, "")?.year;
    let mut start = Bound::read(dates::read(m, rules, "start_")?)?;
    let mut end = Bound::read(dates::read(m, rules, "end_")?)?;
    if let Some(year) = single {
        start = Some(Bound { year, date: None });
        end = start;
    }
    if let (Some(s), Some(e)) = (start, end) {
        if e.year < s.year || e.year - s.year > MAX_YEARS {
            return Err(Unusable::Implausible);
        }
    }
    if start.is_none() && end.is_none() {
        return Err(Unusable::Implausible);
    }
    Ok(Span(start, end))
}

/// `start/end`, each side `YYYY`, `YYYY-MM-DD` or empty.
pub fn display(p: &Period) -> String {
    format!(
        "{}/{}",
        p.start.as_deref().unwrap_or_default(),
        p.end.as_deref().unwrap_or_default()
    )
}
