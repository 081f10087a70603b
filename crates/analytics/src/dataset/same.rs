//! When two records describe the same signing, and how records are grouped
//! into conventions.
//!
//! Two accounts (records, or signings of a round-up: `account.rs`) are
//! *linked* when all of these hold:
//! - they share a CAF department (a record with no CAF department links to
//!   nothing);
//! - they share a territory party: same kind and code, or same kind and folded
//!   name when there is no code. Only local parties count (commune, EPCI,
//!   syndicat): a Conseil départemental co-signs many conventions of its
//!   department, and a body of kind `other` (a CCAS) stands beside its
//!   commune, so sharing one says nothing. Two records
//!   that both have no local party may share a département or other party;
//! - their dates are compatible ([`dates_compatible`]).
//!
//! Links are taken strongest first (the more facts agree, the stronger) and
//! join two groups only if every record of one has compatible dates with
//! every record of the other: a press release without dates that fits both
//! the 2018 and the 2022 convention of a commune joins the one it agrees with
//! best (ties: the smaller ids) and never chains them together. The result is
//! a partition, and it depends only on the records, not on their order.

use super::account::Account;
use ctg_core::calendar::CivilDate;
use ctg_core::normalize::fold::fold;
use ctg_core::record::{Duration, Period, Precision, SigningDate, Territory, TerritoryKind};
use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};

/// Days two signing dates of the same convention may be apart: a press release
/// may date the public ceremony and the convention the day its last party
/// signed ("Fait à ..., le 2 avril 2024" against "signée ce jeudi 4 avril").
pub const SIGNING_TOLERANCE_DAYS: i64 = 7;

/// A territory party, as records are compared: kind, and code or folded name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct TerritoryKey {
    kind: TerritoryKind,
    code: Option<String>,
    folded: String,
}

impl TerritoryKey {
    pub(super) fn of(t: &Territory) -> TerritoryKey {
        TerritoryKey::new(t.kind, t.code.as_deref(), &t.name)
    }

    pub(super) fn new(kind: TerritoryKind, code: Option<&str>, name: &str) -> TerritoryKey {
        TerritoryKey {
            kind,
            code: code.map(str::to_string),
            // the name identifies the party only when there is no code
            folded: if code.is_some() {
                String::new()
            } else {
                fold(name)
            },
        }
    }
}

fn is_local(kind: TerritoryKind) -> bool {
    matches!(
        kind,
        TerritoryKind::Commune | TerritoryKind::Epci | TerritoryKind::Syndicat
    )
}

/// A signing date, read back from its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Signing {
    /// `2024-04-02`.
    Day(CivilDate),
    /// `--04-02`, with the years its record still allows (empty: any).
    MonthDay {
        month: u32,
        day: u32,
        candidates: Vec<i32>,
    },
}

impl Signing {
    pub(super) fn of(s: &SigningDate) -> Option<Signing> {
        match s.precision {
            Precision::Day => CivilDate::parse(&s.value).map(Signing::Day),
            Precision::MonthDay => {
                let (month, day) = s.value.strip_prefix("--")?.split_once('-')?;
                Some(Signing::MonthDay {
                    month: month.parse().ok()?,
                    day: day.parse().ok()?,
                    candidates: s.year_candidates.clone(),
                })
            }
            // no signing date has these; a month or a year is no day to match
            Precision::Month | Precision::Year => None,
        }
    }

    fn month_day(&self) -> (u32, u32) {
        match self {
            Signing::Day(d) => (d.month, d.day),
            Signing::MonthDay { month, day, .. } => (*month, *day),
        }
    }

    fn year(&self) -> Option<i32> {
        match self {
            Signing::Day(d) => Some(d.year),
            Signing::MonthDay { .. } => None,
        }
    }

    /// The same day at the precision both have (the year is compared only
    /// when both know it).
    pub(super) fn same_day(&self, other: &Signing) -> bool {
        match (self, other) {
            (Signing::Day(a), Signing::Day(b)) => a == b,
            _ => self.month_day() == other.month_day(),
        }
    }

    /// Whether the year may be `year`.
    fn allows(&self, year: i32) -> bool {
        match self {
            Signing::Day(d) => d.year == year,
            Signing::MonthDay { candidates, .. } => {
                candidates.is_empty() || candidates.contains(&year)
            }
        }
    }

    /// Within [`SIGNING_TOLERANCE_DAYS`] of each other, in some year both
    /// allow. A date near New Year may fall in the year before or after the
    /// other's ("--12-30" and "2025-01-02").
    fn near(&self, other: &Signing) -> bool {
        let within =
            |a: CivilDate, b: CivilDate| (a.days() - b.days()).abs() <= SIGNING_TOLERANCE_DAYS;
        match (self, other) {
            (Signing::Day(a), Signing::Day(b)) => within(*a, *b),
            (Signing::Day(d), undecided) | (undecided, Signing::Day(d)) => {
                let (month, day) = undecided.month_day();
                (d.year - 1..=d.year + 1)
                    .filter(|&y| undecided.allows(y))
                    .filter_map(|y| CivilDate::new(y, month, day))
                    .any(|u| within(*d, u))
            }
            (Signing::MonthDay { candidates: a, .. }, Signing::MonthDay { candidates: b, .. }) => {
                if !a.is_empty() && !b.is_empty() && !a.iter().any(|y| b.contains(y)) {
                    return false;
                }
                // both in a leap year (so that 29 February exists), the other
                // also in the years around it
                let (m1, d1) = self.month_day();
                let (m2, d2) = other.month_day();
                let Some(first) = CivilDate::new(2000, m1, d1) else {
                    return false;
                };
                (1999..=2001)
                    .filter_map(|y| CivilDate::new(y, m2, d2))
                    .any(|second| within(first, second))
            }
        }
    }
}

/// One bound of a period: its year, and its date when the text gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Bound {
    pub(super) year: i32,
    pub(super) date: Option<CivilDate>,
}

impl Bound {
    fn of(value: &str) -> Option<Bound> {
        let year = value.get(..4)?.parse().ok()?;
        Some(Bound {
            year,
            date: CivilDate::parse(value),
        })
    }
}

/// A record's period, read back: each bound may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub(super) start: Option<Bound>,
    pub(super) end: Option<Bound>,
}

impl Span {
    pub(super) fn of(period: Option<&Period>) -> Option<Span> {
        let p = period?;
        let span = Span {
            start: p.start.as_deref().and_then(Bound::of),
            end: p.end.as_deref().and_then(Bound::of),
        };
        (span.start.is_some() || span.end.is_some()).then_some(span)
    }

    /// The years, for comparison: `(start, end)`.
    pub(super) fn years(&self) -> (Option<i32>, Option<i32>) {
        (self.start.map(|b| b.year), self.end.map(|b| b.year))
    }

    /// Months from the first day to the last: exact with full dates ("du 1er
    /// juillet 2022 au 30 juin 2026" is 48), else whole years.
    pub(super) fn months(&self) -> Option<u32> {
        let (start, end) = (self.start?, self.end?);
        let months = match (start.date, end.date) {
            (Some(s), Some(e)) => {
                let after = CivilDate::from_days(e.days() + 1);
                let mut m = (after.year - s.year) * 12 + after.month as i32 - s.month as i32;
                if after.day < s.day {
                    m -= 1;
                }
                m
            }
            _ => (end.year - start.year + 1) * 12,
        };
        u32::try_from(months).ok().filter(|&m| m > 0)
    }

    /// Whether both periods can be the same one. Two closed periods must share
    /// more than half of the shorter one: "2023-2026" and "2023-2027" (one
    /// source is wrong) can, "2020-2024" and "2024-2028" (one convention
    /// following the other) cannot. Otherwise they must overlap.
    fn compatible(&self, other: &Span) -> bool {
        let (s1, e1) = self.years();
        let (s2, e2) = other.years();
        let from = s1.max(s2);
        let to = match (e1, e2) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                return false;
            }
        }
        match (s1, e1, s2, e2) {
            (Some(s1), Some(e1), Some(s2), Some(e2)) => {
                let shared = e1.min(e2) - s1.max(s2) + 1;
                let shorter = (e1 - s1 + 1).min(e2 - s2 + 1);
                2 * shared > shorter
            }
            _ => true,
        }
    }

    /// Whether a convention signed in `year` can cover this period: signed at
    /// the latest in its last year, at the earliest the year before it starts
    /// (December 2022 for 2023-2026).
    fn admits_signing(&self, year: i32) -> bool {
        let (start, end) = self.years();
        start.is_none_or(|s| year >= s - 1) && end.is_none_or(|e| year <= e)
    }
}

/// What grouping reads of an account, once.
#[derive(Debug)]
struct Facts<'a> {
    /// The record: two accounts of one round-up are two signings, never one.
    record: &'a str,
    departments: BTreeSet<String>,
    /// The local parties, or when there are none, the others.
    parties: BTreeSet<TerritoryKey>,
    local: bool,
    signing: Option<Signing>,
    span: Option<Span>,
    duration_months: Option<u32>,
}

impl<'a> Facts<'a> {
    fn of(account: &Account<'a>) -> Facts<'a> {
        let departments = account
            .caf()
            .iter()
            .filter_map(|c| c.department.clone())
            .collect();
        let local = account.territories().iter().any(|t| is_local(t.kind));
        let parties = account
            .territories()
            .iter()
            .filter(|t| is_local(t.kind) == local)
            .map(TerritoryKey::of)
            .collect();
        Facts {
            record: &account.record.id.0,
            departments,
            parties,
            local,
            signing: account.signing_date().and_then(Signing::of),
            span: Span::of(account.period()),
            duration_months: account.duration().map(Duration::months),
        }
    }
}

/// Whether the dates of two records allow them to be one signing: signing
/// dates within [`SIGNING_TOLERANCE_DAYS`] (at their common precision),
/// compatible periods ([`Span::compatible`]), and each signing year admitted
/// by the other's period. A missing date is compatible with anything. Two
/// signings of one round-up are never one: the page reports them apart.
fn dates_compatible(a: &Facts, b: &Facts) -> bool {
    if a.record == b.record {
        return false;
    }
    if let (Some(x), Some(y)) = (&a.signing, &b.signing) {
        if !x.near(y) {
            return false;
        }
    }
    if let (Some(x), Some(y)) = (&a.span, &b.span) {
        if !x.compatible(y) {
            return false;
        }
    }
    let admits = |signing: &Option<Signing>, span: &Option<Span>| match (signing, span) {
        (Some(s), Some(p)) => s.year().is_none_or(|y| p.admits_signing(y)),
        _ => true,
    };
    admits(&a.signing, &b.span) && admits(&b.signing, &a.span)
}

/// How strongly two linked records agree: exact signing dates and equal
/// periods count most, then shared parties.
fn strength(a: &Facts, b: &Facts) -> usize {
    let mut score = 0;
    if let (Some(x), Some(y)) = (&a.signing, &b.signing) {
        score += if x == y { 8 } else { 4 };
    }
    if let (Some(x), Some(y)) = (&a.span, &b.span) {
        score += if x.years() == y.years() { 4 } else { 2 };
    }
    if a.duration_months.is_some() && a.duration_months == b.duration_months {
        score += 2;
    }
    score + a.parties.intersection(&b.parties).count()
}

/// Groups accounts (sorted by key) into conventions: each group is a list of
/// indexes into `accounts`, ascending; groups come in the order of their
/// first account.
pub(super) fn group(accounts: &[Account]) -> Vec<Vec<usize>> {
    let facts: Vec<Facts> = accounts.iter().map(Facts::of).collect();
    let mut buckets: HashMap<(&str, bool, &TerritoryKey), Vec<usize>> = HashMap::new();
    for (i, f) in facts.iter().enumerate() {
        for department in &f.departments {
            for party in &f.parties {
                buckets
                    .entry((department.as_str(), f.local, party))
                    .or_default()
                    .push(i);
            }
        }
    }
    let mut links: Vec<(Reverse<usize>, usize, usize)> = Vec::new();
    for members in buckets.values() {
        for (n, &i) in members.iter().enumerate() {
            for &j in &members[n + 1..] {
                if dates_compatible(&facts[i], &facts[j]) {
                    links.push((Reverse(strength(&facts[i], &facts[j])), i, j));
                }
            }
        }
    }
    links.sort_unstable();
    links.dedup();

    let mut owner: Vec<usize> = (0..accounts.len()).collect();
    let mut groups: Vec<Vec<usize>> = (0..accounts.len()).map(|i| vec![i]).collect();
    for (_, i, j) in links {
        let (a, b) = (owner[i].min(owner[j]), owner[i].max(owner[j]));
        if a == b {
            continue;
        }
        let fits = groups[a].iter().all(|&x| {
            groups[b]
                .iter()
                .all(|&y| dates_compatible(&facts[x], &facts[y]))
        });
        if fits {
            let moved = std::mem::take(&mut groups[b]);
            for &x in &moved {
                owner[x] = a;
            }
            groups[a].extend(moved);
            groups[a].sort_unstable();
        }
    }
    groups.retain(|g| !g.is_empty());
    groups.sort_unstable();
    groups
}
