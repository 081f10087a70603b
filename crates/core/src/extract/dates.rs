//! Captures -> date parts, shared by every date field.
//!
//! A capture named `day`, `month`, `year`, `weekday` or `relative` (optionally
//! prefixed `start_`/`end_` in period rules) becomes a number: digits are read as
//! digits ("09" -> 9, "1er" -> 1), words are looked up in the lexicon table of
//! the same name (`month`: "décembre" -> 12, `weekday`: "jeudi" -> 4, `relative`:
//! "dernier" -> -1). Which words exist is in `rules/lexicon/`, not here.

use crate::calendar::DateParts;
use crate::rules::trace::Unusable;
use crate::rules::{Match, RuleSet};

/// Reads the captures `{prefix}day`, `{prefix}month`, ... of a match.
pub fn read(m: &Match<'_, '_>, rules: &RuleSet, prefix: &str) -> Result<DateParts, Unusable> {
    let lex = rules.lexicon();
    let get = |name: &str, words: &dyn Fn(&str) -> Option<i64>| {
        number(m, &format!("{prefix}{name}"), words)
    };
    let mut parts = DateParts {
        day: get("day", &|w| {
            let n = lex
                .day
                .lookup(w)
                .copied()
                .or_else(|| lex.number_in_words(w));
            n.map(i64::from)
        })?
        .map(|d| d as u32),
        month: get("month", &|w| lex.month.lookup(w).map(|&d| d.into()))?.map(|d| d as u32),
        year: get("year", &|w| lex.number_in_words(w).map(i64::from))?.map(|y| y as i32),
        weekday: get("weekday", &|w| lex.weekday.lookup(w).map(|&d| d.into()))?.map(|d| d as u32),
        relative: get("relative", &|w| lex.relative.lookup(w).map(|&d| d.into()))?
            .map(|d| d as i32),
    };
    // a weekday alone, with no day, month or word of time ("ont signé
    // mardi"): the one of the publication's week, on the day or before it,
    // as "ce mardi"
    if parts.weekday.is_some() && parts.day.is_none() && parts.month.is_none() {
        parts.relative = parts.relative.or(Some(0));
    }
    let in_range = parts.day.is_none_or(|d| (1..=31).contains(&d))
        && parts.month.is_none_or(|m| (1..=12).contains(&m))
        && parts.weekday.is_none_or(|w| (1..=7).contains(&w));
    if in_range {
        Ok(parts)
    } else {
        Err(Unusable::InvalidDate)
    }
}

/// The number a capture stands for: leading digits, else the value `words`
/// gives its text (a lexicon table).
pub fn number(
    m: &Match<'_, '_>,
    capture: &str,
    words: &dyn Fn(&str) -> Option<i64>,
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
    words(text).map(Some).ok_or(Unusable::UnknownWord)
}
