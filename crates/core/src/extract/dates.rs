//! Captures -> date parts, shared by every date field.
//!
//! A capture named `day`, `month`, `year`, `weekday` or `relative` (optionally
//! prefixed `start_`/`end_` in period rules) becomes a number: digits are read as
//! digits ("09" -> 9, "1er" -> 1), words are looked up in the word table of the
//! same name (`month`: "décembre" -> 12, `weekday`: "jeudi" -> 4, `relative`:
//! "dernier" -> -1). Which words exist is in `rules/lexicon/`, not here.

use crate::resolve::choose::Unusable;
use crate::rules::model::TableValue;
use crate::rules::{Match, RuleSet};
use std::fmt;

/// The parts of a date as the text gives them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateParts {
    /// Day of month.
    pub day: Option<u32>,
    /// Month, 1-12.
    pub month: Option<u32>,
    /// Year.
    pub year: Option<i32>,
    /// ISO weekday, Monday = 1.
    pub weekday: Option<u32>,
    /// -1 for "dernier", +1 for "prochain".
    pub relative: Option<i32>,
}

impl DateParts {
    /// Reads the captures `{prefix}day`, `{prefix}month`, ... of a match.
    pub fn read(m: &Match<'_, '_>, rules: &RuleSet, prefix: &str) -> Result<Self, Unusable> {
        let get = |name: &str, table: &str| number(m, rules, &format!("{prefix}{name}"), table);
        let parts = DateParts {
            day: get("day", "day")?.map(|d| d as u32),
            month: get("month", "month")?.map(|d| d as u32),
            year: get("year", "year")?.map(|y| y as i32),
            weekday: get("weekday", "weekday")?.map(|d| d as u32),
            relative: get("relative", "relative")?.map(|d| d as i32),
        };
        let in_range = parts.day.is_none_or(|d| (1..=31).contains(&d))
            && parts.month.is_none_or(|m| (1..=12).contains(&m))
            && parts.weekday.is_none_or(|w| (1..=7).contains(&w));
        if in_range {
            Ok(parts)
        } else {
            Err(Unusable::InvalidDate)
        }
    }
}

impl fmt::Display for DateParts {
    /// `2021-07-21`, `2021-07`, `2021`, `--07-21`, or `mardi-1` for a relative day.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => write!(f, "{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => write!(f, "{y:04}-{m:02}"),
            (Some(y), None, _) => write!(f, "{y:04}"),
            (None, Some(m), Some(d)) => write!(f, "--{m:02}-{d:02}"),
            _ => match (self.weekday, self.relative) {
                (Some(w), Some(r)) => write!(f, "weekday {w} {r:+}"),
                _ => f.write_str("?"),
            },
        }
    }
}

/// The number a capture stands for: leading digits, else its table value.
pub fn number(
    m: &Match<'_, '_>,
    rules: &RuleSet,
    capture: &str,
    table: &str,
) -> Result<Option<i64>, Unusable> {
    let Some(text) = m.get(capture) else {
        return Ok(None);
    };
    // "quatre (4)": the words decide, the figure in brackets repeats them
    let text = text.split('(').next().unwrap_or(text).trim();
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return digits.parse().map(Some).map_err(|_| Unusable::Implausible);
    }
    match rules.table(table).and_then(|t| t.lookup(text)) {
        Some(TableValue::Int(n)) => Ok(Some(*n)),
        _ => Err(Unusable::UnknownWord),
    }
}
