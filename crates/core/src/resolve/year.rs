//! A date without a year -> a year, or the list of years still possible.
//!
//! In order, the first that decides wins:
//! 1. a relative date ("mardi dernier") counts from the publication date;
//! 2. the year written with the date;
//! 3. the publication date: the latest fitting date not after it, within
//!    `publication_max_days` ("Ce mardi 23 février" in a page published on
//!    24 February 2021 -> 2021-02-23); without one, the last day a
//!    periodical's issue can have come out ("le 2 avril dernier" in an issue
//!    of "ÉTÉ 2024" -> 2024-04-02);
//! 4. another mention of the same month with a year ("le 21 juillet" ... "En
//!    juillet 2021"), when it agrees with the weekday;
//! 5. the weekday: the years of the window `earliest..=latest` in which the day
//!    falls on that weekday; when several, those within the convention's period
//!    (from `period_margin_before` years before its start to its end: "mardi 28
//!    novembre" with "les années 2023 à 2027" -> 2023); then those within the
//!    document's own years widened by `document_year_margin` ("ce lundi 25 octobre"
//!    with "depuis 2020" and "jusqu'en 2022" -> 2021); and when several remain,
//!    the one the document names itself ("mardi 14 mars" in a text of 2023
//!    and 2024 that also recalls 2016 and 2029 -> 2023);
//! 6. otherwise undecided, with the candidates from 5.

use crate::calendar::CivilDate;
use crate::calendar::DateParts;
use crate::record::YearSource;
use crate::rules::model::YearInferenceSettings;
use std::collections::BTreeSet;

/// What the rest of the document says about years.
#[derive(Debug, Clone, Copy)]
pub struct YearContext<'a> {
    /// The publication date, when known.
    pub published: Option<CivilDate>,
    /// The last day a periodical's issue dated only by its month or season
    /// can have come out ("NOVEMBRE-DÉCEMBRE 2022" -> 2022-12-31), when the
    /// publication date is not known. Never a reference for "hier".
    pub issued_by: Option<CivilDate>,
    /// The publication's month and day when it is written without its year
    /// (a social post's "2 avril à 18:40") and no full publication date is
    /// known: relative dates count from it in the years that fit (see
    /// [`from_yearless`]).
    pub published_day: Option<(u32, u32)>,
    /// Every date or year the document mentions.
    pub mentions: &'a [DateParts],
    /// The first and last year of the convention's period, when stated.
    pub period: (Option<i32>, Option<i32>),
    /// The window and margins.
    pub settings: &'a YearInferenceSettings,
}

/// The outcome of year inference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inferred {
    /// A full date, and what decided its year.
    Decided(CivilDate, YearSource),
    /// Month and day are known, the year is not.
    Undecided {
        /// Month.
        month: u32,
        /// Day.
        day: u32,
        /// Years still possible (empty when nothing narrows them).
        candidates: Vec<i32>,
    },
    /// A relative date without a publication date to count from.
    NoReference,
    /// The parts do not form a date in any year (e.g. "30 février").
    Invalid,
}

/// Gives `parts` a year.
pub fn infer(parts: &DateParts, ctx: YearContext<'_>) -> Inferred {
    // "hier", "avant-hier": a count of days from the publication, no weekday
    if let (None, None, None, Some(offset)) =
        (parts.weekday, parts.day, parts.month, parts.relative)
    {
        return match ctx.published {
            Some(p) => Inferred::Decided(
                CivilDate::from_days(p.days() + i64::from(offset)),
                YearSource::RelativeToPublication,
            ),
            None => yearless_reference(parts, &ctx),
        };
    }
    // "le 9 de ce mois", "le 5 courant": a day of the publication's month,
    // on the day or before it
    if let (None, Some(day), None, Some(0)) =
        (parts.weekday, parts.day, parts.month, parts.relative)
    {
        return match ctx.published {
            Some(p) => CivilDate::new(p.year, p.month, day)
                .filter(|d| *d <= p)
                .map_or(Inferred::Invalid, |d| {
                    Inferred::Decided(d, YearSource::RelativeToPublication)
                }),
            None => yearless_reference(parts, &ctx),
        };
    }
    // "mardi dernier", "ce jeudi"; "ce mardi 10" (a day without its month)
    // when the weekday counted from the publication falls on that day
    if let (Some(weekday), Some(direction)) = (parts.weekday, parts.relative) {
        if parts.month.is_none() {
            return match ctx.published {
                Some(p) => {
                    let date = relative_weekday(p, weekday, direction);
                    if parts.day.is_none_or(|day| date.day == day) {
                        Inferred::Decided(date, YearSource::RelativeToPublication)
                    } else {
                        Inferred::Invalid
                    }
                }
                None => yearless_reference(parts, &ctx),
            };
        }
    }
    let (Some(month), Some(day)) = (parts.month, parts.day) else {
        return Inferred::Invalid;
    };
    if let Some(year) = parts.year {
        return CivilDate::new(year, month, day).map_or(Inferred::Invalid, |d| {
            Inferred::Decided(d, YearSource::Explicit)
        });
    }
    let s = ctx.settings;
    let fits = |y: i32| {
        CivilDate::new(y, month, day).filter(|d| parts.weekday.is_none_or(|w| d.weekday() == w))
    };
    let window: Vec<CivilDate> = (s.earliest..=s.latest).filter_map(fits).collect();
    if window.is_empty() && (2000..=2004).all(|y| CivilDate::new(y, month, day).is_none()) {
        return Inferred::Invalid;
    }
    if let Some(p) = ctx.published.or(ctx.issued_by) {
        let before = (p.year - 1..=p.year)
            .filter_map(fits)
            .filter(|d| *d <= p && p.days() - d.days() <= s.publication_max_days)
            .max();
        if let Some(d) = before {
            return Inferred::Decided(d, YearSource::Publication);
        }
    }
    if let Some(d) = same_month_mention(ctx.mentions, month, day).and_then(fits) {
        return Inferred::Decided(d, YearSource::OtherMention);
    }
    if parts.weekday.is_none() {
        return Inferred::Undecided {
            month,
            day,
            candidates: Vec::new(),
        };
    }
    if let [only] = window.as_slice() {
        return Inferred::Decided(*only, YearSource::Weekday);
    }
    if let [only] = in_period(&window, ctx.period, s.period_margin_before).as_slice() {
        return Inferred::Decided(*only, YearSource::WeekdayAndPeriod);
    }
    let years: BTreeSet<i32> = ctx.mentions.iter().filter_map(|m| m.year).collect();
    let narrowed: Vec<CivilDate> = match (years.first(), years.last()) {
        (Some(&lo), Some(&hi)) => window
            .iter()
            .copied()
            .filter(|d| {
                lo - s.document_year_margin <= d.year && d.year <= hi + s.document_year_margin
            })
            .collect(),
        _ => Vec::new(),
    };
    match narrowed.as_slice() {
        [only] => Inferred::Decided(*only, YearSource::WeekdayAndDocumentYears),
        [] => Inferred::Undecided {
            month,
            day,
            candidates: window.iter().map(|d| d.year).collect(),
        },
        several => {
            // of those, the one year the document names itself
            let named: Vec<&CivilDate> =
                several.iter().filter(|d| years.contains(&d.year)).collect();
            match named.as_slice() {
                [only] => Inferred::Decided(**only, YearSource::WeekdayAndDocumentYears),
                _ => Inferred::Undecided {
                    month,
                    day,
                    candidates: several.iter().map(|d| d.year).collect(),
                },
            }
        }
    }
}

/// A relative date when the publication date has no year: counted from its
/// month and day if the text gives them, else there is none to count from.
fn yearless_reference(parts: &DateParts, ctx: &YearContext<'_>) -> Inferred {
    ctx.published_day
        .map_or(Inferred::NoReference, |day| from_yearless(parts, day, ctx))
}

/// A relative date ("hier", "ce mercredi", "hier, mardi") counted from a
/// publication day written without its year (a post's "12 mars à 18:42"). In
/// each year of the window it is a date; the years kept are those in which
/// a weekday falls on the publication day ("ce mercredi": the years when the
/// 12th of March is a Wednesday) or, for a past one ("hier, mardi", "mardi
/// dernier"), on the day before, as a post tells the day's event or the day
/// before's. Without a weekday ("hier") it is the same month and day
/// whatever the year: they are known, the year is not. With one, the years
/// of the convention's period decide when one is left; otherwise there is
/// nothing to count from.
fn from_yearless(parts: &DateParts, (month, day): (u32, u32), ctx: &YearContext<'_>) -> Inferred {
    let s = ctx.settings;
    let dated: Vec<CivilDate> = (s.earliest..=s.latest)
        .filter_map(|y| {
            let published = CivilDate::new(y, month, day)?;
            match (parts.weekday, parts.relative) {
                (None, Some(offset)) => {
                    Some(CivilDate::from_days(published.days() + i64::from(offset)))
                }
                // "ce mercredi" on the day itself, "hier, mardi" or "mardi
                // dernier" on the day after
                (Some(weekday), Some(direction)) => {
                    let date = relative_weekday(published, weekday, direction);
                    let gap = if direction == 0 { 0 } else { 1 };
                    (direction <= 0 && published.days() - date.days() == gap).then_some(date)
                }
                _ => None,
            }
        })
        .collect();
    if parts.weekday.is_none() {
        return match dated.first() {
            Some(first)
                if dated
                    .iter()
                    .all(|d| (d.month, d.day) == (first.month, first.day)) =>
            {
                Inferred::Undecided {
                    month: first.month,
                    day: first.day,
                    candidates: Vec::new(),
                }
            }
            _ => Inferred::NoReference,
        };
    }
    match in_period(&dated, ctx.period, s.period_margin_before).as_slice() {
        [only] => Inferred::Decided(*only, YearSource::WeekdayAndPeriod),
        _ => Inferred::NoReference,
    }
}

/// The dates of `window` from `margin` years before the period's start to its
/// end; none when the text states no period.
fn in_period(
    window: &[CivilDate],
    period: (Option<i32>, Option<i32>),
    margin: i32,
) -> Vec<CivilDate> {
    if period == (None, None) {
        return Vec::new();
    }
    let (start, end) = period;
    window
        .iter()
        .copied()
        .filter(|d| start.is_none_or(|y| d.year >= y - margin) && end.is_none_or(|y| d.year <= y))
        .collect()
}

/// The year of the one other mention of this month (and day, if it gives one).
fn same_month_mention(mentions: &[DateParts], month: u32, day: u32) -> Option<i32> {
    let years: BTreeSet<i32> = mentions
        .iter()
        .filter(|m| m.month == Some(month) && m.day.is_none_or(|d| d == day))
        .filter_map(|m| m.year)
        .collect();
    match years.len() {
        1 => years.first().copied(),
        _ => None,
    }
}

/// The nearest `weekday` strictly before (`direction` < 0) or after `from`.
/// The `weekday` before `from` (`direction` -1), after it (1), or on it or
/// the last one before it (0: "ce jeudi" in a report of a past event).
fn relative_weekday(from: CivilDate, weekday: u32, direction: i32) -> CivilDate {
    let step = if direction > 0 { 1 } else { -1 };
    let mut days = if direction == 0 {
        from.days()
    } else {
        from.days() + step
    };
    while CivilDate::from_days(days).weekday() != weekday {
        days += step;
    }
    CivilDate::from_days(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTINGS: YearInferenceSettings = YearInferenceSettings {
        earliest: 2008,
        latest: 2030,
        document_year_margin: 1,
        period_margin_before: 1,
        publication_max_days: 365,
    };

    fn parts(weekday: Option<u32>, day: u32, month: u32) -> DateParts {
        DateParts {
            weekday,
            day: Some(day),
            month: Some(month),
            ..DateParts::default()
        }
    }

    fn year(y: i32) -> DateParts {
        DateParts {
            year: Some(y),
            ..DateParts::default()
        }
    }

    fn ctx<'a>(published: Option<&str>, mentions: &'a [DateParts]) -> YearContext<'a> {
        YearContext {
            published: published.and_then(CivilDate::parse),
            issued_by: None,
            published_day: None,
            mentions,
            period: (None, None),
            settings: &SETTINGS,
        }
    }

    fn decided(i: Inferred) -> (String, YearSource) {
        match i {
            Inferred::Decided(d, s) => (d.to_string(), s),
            other => panic!("undecided: {other:?}"),
        }
    }

    #[test]
    fn a_day_of_this_month_is_the_publication_month() {
        // "le 9 de ce mois" in a page published on 20 March 2025
        let this_month = DateParts {
            day: Some(9),
            relative: Some(0),
            ..DateParts::default()
        };
        assert_eq!(
            decided(infer(&this_month, ctx(Some("2025-03-20"), &[]))),
            ("2025-03-09".into(), YearSource::RelativeToPublication)
        );
        // a day after the publication's is no past signing
        let later = DateParts {
            day: Some(28),
            ..this_month
        };
        assert!(matches!(
            infer(&later, ctx(Some("2025-03-20"), &[])),
            Inferred::Invalid
        ));
    }

    #[test]
    fn weekday_and_document_years_decide() {
        // "ce jeudi 14 décembre" (2017, 2023, 2028) in a text saying "depuis 2022" and "jusqu'en 2026"
        let mentions = [year(2022), year(2026)];
        let got = decided(infer(&parts(Some(4), 14, 12), ctx(None, &mentions)));
        assert_eq!(
            got,
            ("2023-12-14".into(), YearSource::WeekdayAndDocumentYears)
        );
    }

    #[test]
    fn the_one_weekday_year_the_document_names_decides() {
        // "mardi 14 mars" (2017, 2023, 2028) in a text naming 2023 and 2024 that
        // also recalls 2016 and 2029: 2017 and 2028 are within the margin, only
        // 2023 is named
        let mentions = [year(2023), year(2024), year(2016), year(2029)];
        let got = decided(infer(&parts(Some(2), 14, 3), ctx(None, &mentions)));
        assert_eq!(
            got,
            ("2023-03-14".into(), YearSource::WeekdayAndDocumentYears)
        );
        // two of them named: undecided
        let mentions = [year(2017), year(2023), year(2029)];
        assert!(matches!(
            infer(&parts(Some(2), 14, 3), ctx(None, &mentions)),
            Inferred::Undecided { .. }
        ));
    }

    #[test]
    fn the_period_decides_among_weekday_years() {
        // "mardi 28 novembre" (2017, 2023, 2028) in a text whose CTG covers 2023 to 2027,
        // mentioning 2019 and 2027 as well: the document's years leave 2028 possible
        let mentions = [year(2019), year(2023), year(2027)];
        let mut c = ctx(None, &mentions);
        c.period = (Some(2023), Some(2027));
        let got = decided(infer(&parts(Some(2), 28, 11), c));
        assert_eq!(got, ("2023-11-28".into(), YearSource::WeekdayAndPeriod));
        // signed the autumn before the period starts
        c.period = (Some(2024), Some(2027));
        let got = decided(infer(&parts(Some(2), 28, 11), c));
        assert_eq!(got, ("2023-11-28".into(), YearSource::WeekdayAndPeriod));
        // only an end year: 2017 and 2023 both fit, the period does not decide
        // (nor the document's years, which name none of them)
        let mentions = [year(2019), year(2027)];
        let mut c = ctx(None, &mentions);
        c.period = (None, Some(2027));
        assert!(matches!(
            infer(&parts(Some(2), 28, 11), c),
            Inferred::Undecided { .. }
        ));
    }

    #[test]
    fn weekday_alone_leaves_several_years() {
        // "mercredi 3 juin" fits 2009, 2015, 2020 and 2026 in the window
        let got = infer(&parts(Some(3), 3, 6), ctx(None, &[]));
        assert_eq!(
            got,
            Inferred::Undecided {
                month: 6,
                day: 3,
                candidates: vec![2009, 2015, 2020, 2026]
            }
        );
    }

    #[test]
    fn publication_date_decides_the_latest_fitting_day_before_it() {
        // "Ce lundi 18 mars" in a page published on 20 March 2024
        let got = decided(infer(&parts(Some(1), 18, 3), ctx(Some("2024-03-20"), &[])));
        assert_eq!(got, ("2024-03-18".into(), YearSource::Publication));
        // "le 28 décembre", no weekday, published on 4 January 2023
        let got = decided(infer(&parts(None, 28, 12), ctx(Some("2023-01-04"), &[])));
        assert_eq!(got, ("2022-12-28".into(), YearSource::Publication));
    }

    #[test]
    fn an_issue_dated_by_its_season_counts_back_from_its_last_day() {
        // "le 2 avril dernier" in an issue of "ÉTÉ 2024" (ends 30 September)
        let issue = YearContext {
            issued_by: CivilDate::parse("2024-09-30"),
            published_day: None,
            ..ctx(None, &[])
        };
        let got = decided(infer(&parts(None, 2, 4), issue));
        assert_eq!(got, ("2024-04-02".into(), YearSource::Publication));
        // "le 12 décembre" in an issue of "HIVER 2024-2025" (ends 31 March)
        let winter = YearContext {
            issued_by: CivilDate::parse("2025-03-31"),
            published_day: None,
            ..ctx(None, &[])
        };
        let got = decided(infer(&parts(None, 12, 12), winter));
        assert_eq!(got, ("2024-12-12".into(), YearSource::Publication));
        // "hier" needs the publication's day, which an issue does not give
        let yesterday = DateParts {
            relative: Some(-1),
            ..DateParts::default()
        };
        assert_eq!(infer(&yesterday, issue), Inferred::NoReference);
    }

    #[test]
    fn weekday_without_year_after_new_year() {
        // "vendredi 30 décembre" in an article published on 3 January 2023 -> 2022
        let got = decided(infer(&parts(Some(5), 30, 12), ctx(Some("2023-01-03"), &[])));
        assert_eq!(got, ("2022-12-30".into(), YearSource::Publication));
    }

    #[test]
    fn a_mention_of_the_same_month_decides() {
        let mentions = [DateParts {
            month: Some(7),
            year: Some(2021),
            ..DateParts::default()
        }];
        let got = decided(infer(&parts(None, 21, 7), ctx(None, &mentions)));
        assert_eq!(got, ("2021-07-21".into(), YearSource::OtherMention));
    }

    #[test]
    fn no_weekday_no_context_stays_undecided() {
        let mentions = [year(2019)];
        let got = infer(&parts(None, 16, 3), ctx(None, &mentions));
        assert_eq!(
            got,
            Inferred::Undecided {
                month: 3,
                day: 16,
                candidates: vec![]
            }
        );
    }

    #[test]
    fn relative_weekday_counts_back_from_publication() {
        // "mardi dernier" in an article of Thursday 9 November 2017 -> 7 November
        let p = DateParts {
            weekday: Some(2),
            relative: Some(-1),
            ..DateParts::default()
        };
        let got = decided(infer(&p, ctx(Some("2017-11-09"), &[])));
        assert_eq!(
            got,
            ("2017-11-07".into(), YearSource::RelativeToPublication)
        );
        assert_eq!(infer(&p, ctx(None, &[])), Inferred::NoReference);
        // "ce jeudi" in an article of Thursday 23 December 2021 is that day;
        // in one of the Saturday after, the Thursday before
        // "hier" in an article of Thursday 9 November 2017 -> 8 November
        let yesterday = DateParts {
            relative: Some(-1),
            ..DateParts::default()
        };
        assert_eq!(
            decided(infer(&yesterday, ctx(Some("2017-11-09"), &[]))).0,
            "2017-11-08"
        );
        assert_eq!(infer(&yesterday, ctx(None, &[])), Inferred::NoReference);
        let this = DateParts {
            weekday: Some(4),
            relative: Some(0),
            ..DateParts::default()
        };
        assert_eq!(
            decided(infer(&this, ctx(Some("2021-12-23"), &[]))).0,
            "2021-12-23"
        );
        assert_eq!(
            decided(infer(&this, ctx(Some("2021-12-25"), &[]))).0,
            "2021-12-23"
        );
    }

    #[test]
    fn impossible_days_are_invalid() {
        assert_eq!(
            infer(&parts(None, 31, 4), ctx(None, &[])),
            Inferred::Invalid
        );
        // 29 February exists in leap years only, and stays possible
        assert!(matches!(
            infer(&parts(None, 29, 2), ctx(None, &[])),
            Inferred::Undecided { .. }
        ));
    }

    #[test]
    fn a_post_dated_without_its_year_dates_its_relative_dates_by_the_period() {
        // "12 mars à 18:42" over "Ce mercredi matin, j'ai signé la CTG 2025-2029":
        // 12 March is a Wednesday in 2025, within the period
        let this_wednesday = DateParts {
            weekday: Some(3),
            relative: Some(0),
            ..DateParts::default()
        };
        let with_period = YearContext {
            published_day: Some((3, 12)),
            period: (Some(2025), Some(2029)),
            ..ctx(None, &[])
        };
        assert_eq!(
            decided(infer(&this_wednesday, with_period)),
            ("2025-03-12".to_string(), YearSource::WeekdayAndPeriod)
        );
        // no period: several years fit, nothing to count from
        let without = YearContext {
            published_day: Some((3, 12)),
            ..ctx(None, &[])
        };
        assert_eq!(infer(&this_wednesday, without), Inferred::NoReference);
        // "hier": the day before, whatever the year
        let yesterday = DateParts {
            relative: Some(-1),
            ..DateParts::default()
        };
        assert_eq!(
            infer(&yesterday, without),
            Inferred::Undecided {
                month: 3,
                day: 11,
                candidates: Vec::new()
            }
        );
    }
}
