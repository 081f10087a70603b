//! Publication-date rules ("Publié le 18/04/2024", a dateline under the title) ->
//! the publication date; date-mention rules -> every date and year the text names,
//! which year inference uses as context.

use super::dates;
use crate::calendar::CivilDate;
use crate::calendar::DateParts;
use crate::record::{DateField, Evidence, Precision};
use crate::resolve::choose::{choose, keep_all};
use crate::rules::trace::{Considered, Unusable};
use crate::rules::{Match, RuleSet};

/// The best publication date. A date without a year keeps `--MM-DD` unless another
/// mention of the same day gives the year. A periodical's issue dated by its
/// month (`2022-12`), or by a season or several months (`2025`), gives as well
/// the last day the issue can have come out, which year inference counts back
/// from: `month` with `year` (and `first_month` when the issue spans several
/// months) or `season` (looked up in the lexicon's `season` table) with `year`.
pub fn extract(
    matches: &[Match<'_, '_>],
    rules: &RuleSet,
    mentions: &[DateParts],
) -> (Option<DateField>, Option<CivilDate>, Vec<Considered>) {
    let choice = choose(matches, |m| {
        let parts = dates::read(m, rules, "")?;
        if parts.day.is_none() {
            return issue(m, rules, &parts).map(Shown);
        }
        let (month, day) = parts.month.zip(parts.day).ok_or(Unusable::InvalidDate)?;
        let year = parts.year.or_else(|| {
            let mut years = mentions
                .iter()
                .filter(|o| o.month == Some(month) && o.day == Some(day))
                .filter_map(|o| o.year);
            years.next().filter(|y| years.all(|other| other == *y))
        });
        match year {
            Some(y) => CivilDate::new(y, month, day)
                .map(|d| (d.to_string(), Precision::Day, None))
                .ok_or(Unusable::InvalidDate),
            None => Ok((format!("--{month:02}-{day:02}"), Precision::MonthDay, None)),
        }
        .map(Shown)
    });
    let (published, issued_by) = choice
        .chosen
        .map(|(Shown((value, precision, by)), evidence)| {
            let field = DateField {
                value,
                precision,
                evidence,
            };
            (Some(field), by)
        })
        .unwrap_or((None, None));
    (published, issued_by, choice.considered)
}

/// A periodical's issue: its value, precision and last possible day.
fn issue(
    m: &Match<'_, '_>,
    rules: &RuleSet,
    parts: &DateParts,
) -> Result<(String, Precision, Option<CivilDate>), Unusable> {
    let year = parts.year.ok_or(Unusable::InvalidDate)?;
    let season = dates::number(m, "season", &|w| {
        rules.lexicon().season.lookup(w).map(|&n| n.into())
    })?;
    let (value, precision, last) = match (parts.month, season) {
        // "NOVEMBRE-DÉCEMBRE 2022": an issue of two months, dated by its year
        (Some(month), None) if m.get("first_month").is_some() => {
            (year.to_string(), Precision::Year, month)
        }
        (Some(month), None) => (format!("{year}-{month:02}"), Precision::Month, month),
        (None, Some(last)) => (year.to_string(), Precision::Year, last as u32),
        _ => return Err(Unusable::InvalidDate),
    };
    let by = CivilDate::end_of_month(year, last).ok_or(Unusable::InvalidDate)?;
    Ok((value, precision, Some(by)))
}

/// Every date or year mention that no veto covers.
pub fn mentions(
    matches: &[Match<'_, '_>],
    rules: &RuleSet,
) -> (Vec<(DateParts, Evidence)>, Vec<Considered>) {
    keep_all(matches, |m| dates::read(m, rules, ""))
}

/// A value with the display the trace needs.
struct Shown((String, Precision, Option<CivilDate>));

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0 .0)
    }
}
