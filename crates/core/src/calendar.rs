//! Proleptic Gregorian dates: validity, weekday, day arithmetic, ISO form.
//!
//! Just what year inference needs; no time zones, no times of day.

use std::fmt;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    /// Year (e.g. 2022).
    pub year: i32,
    /// Month, 1-12.
    pub month: u32,
    /// Day of month, 1-31.
    pub day: u32,
}

impl CivilDate {
    /// The date, if it exists ("31 juin" does not).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Self { year, month, day })
    }

    /// The last day of a month ("2024-02" -> 2024-02-29).
    pub fn end_of_month(year: i32, month: u32) -> Option<Self> {
        Self::new(year, month, days_in_month(year, month))
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(iso: &str) -> Option<Self> {
        let mut parts = iso.splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Self::new(year, month, day)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// ISO weekday: Monday = 1 ... Sunday = 7.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4)
        ((self.days() + 3).rem_euclid(7) + 1) as u32
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

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
    /// With a weekday, -1 for "dernier", +1 for "prochain", 0 for "ce";
    /// alone, days from the publication (-1 for "hier").
    pub relative: Option<i32>,
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
                (None, Some(r)) => write!(f, "day {r:+}"),
                _ => f.write_str("?"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_of_known_dates() {
        // jeudi 15 décembre 2022, vendredi 28 février 2025, lundi 29 février 2016
        assert_eq!(CivilDate::new(2022, 12, 15).unwrap().weekday(), 4);
        assert_eq!(CivilDate::new(2025, 2, 28).unwrap().weekday(), 5);
        assert_eq!(CivilDate::new(2016, 2, 29).unwrap().weekday(), 1);
    }

    #[test]
    fn invalid_dates_are_refused() {
        assert!(CivilDate::new(2023, 2, 29).is_none());
        assert!(CivilDate::new(2023, 6, 31).is_none());
        assert!(CivilDate::new(2023, 13, 1).is_none());
        assert!(CivilDate::parse("2023-02-30").is_none());
    }

    #[test]
    fn days_round_trip() {
        for d in [-800_000, -1, 0, 1, 19_000, 20_000, 60_000] {
            assert_eq!(CivilDate::from_days(d).days(), d);
        }
        assert_eq!(
            CivilDate::parse("2022-12-15").unwrap().to_string(),
            "2022-12-15"
        );
    }
}
