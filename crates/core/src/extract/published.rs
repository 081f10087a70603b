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
/// mention of the same day gives the year.
pub fn extract(
    matches: &[Match<'_, '_>],
    rules: &RuleSet,
    mentions: &[DateParts],
) -> (Option<DateField>, Vec<Considered>) {
    let choice = choose(matches, |m| {
        let parts = dates::read(m, rules, "")?;
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
                .map(|d| (d.to_string(), Precision::Day))
                .ok_or(Unusable::InvalidDate),
            None => Ok((format!("--{month:02}-{day:02}"), Precision::MonthDay)),
        }
        .map(Shown)
    });
    let published = choice
        .chosen
        .map(|(Shown((value, precision)), evidence)| DateField {
            value,
            precision,
            evidence,
        });
    (published, choice.considered)
}

/// Every date or year mention that no veto covers.
pub fn mentions(
    matches: &[Match<'_, '_>],
    rules: &RuleSet,
) -> (Vec<(DateParts, Evidence)>, Vec<Considered>) {
    keep_all(matches, |m| dates::read(m, rules, ""))
}

/// A value with the display the trace needs.
struct Shown((String, Precision));

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0 .0)
    }
}
