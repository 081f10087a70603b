//! `ctg compare`: conventions counted and described per CAF department, per
//! region or per year, one [`Row`] each, plus a total.
//!
//! In: conventions ([`crate::dataset::conventions`]) and the reference data.
//! Out: a [`Table`]; `render.rs` writes it as Markdown, CSV or JSON.
//! Does not: read or write files, or print.
//!
//! A convention with two CAFs (an agglomeration across two departments)
//! counts in both departments' rows, once in a region's and once in the
//! total. The shares of communes and population covered are taken against
//! the current communes (`COM`) of the row's area: the department, the region
//! (all its departments), or for a year the CAF departments of that year's
//! conventions; the total's area is the union of its rows'.
//!
//! What is counted, given that documents report conventions at different
//! stages (`status`): `conventions` counts every convention about a CTG,
//! whatever its stage, and the status columns split it (signed, authorised,
//! announced, in preparation, unknown; they add up to `conventions`). Only
//! *signed* conventions are signings: the conventions per year, the first and
//! last year count those alone, so that a deliberation authorising a signing
//! or a press release announcing one never shows as a signing of its year.
//! Durations, axes, coverage and parties describe every convention of the
//! row. Documents not about a CTG are no convention; the table says how many
//! were left out ([`Table::not_about_ctg`]).

mod render;

pub use render::{csv, decimal, json, markdown, percent, render, workbook, CsvStyle, Format};

use crate::dataset::{Convention, CoveredCommune};
use ctg_core::normalize::fold::fold;
use ctg_core::record::{StatusValue, TerritoryKind};
use ctg_core::refdata::{CommuneType, RefData};
use ctg_core::rules::builtin;
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// What a row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// The department of the CAF that signs.
    Department,
    /// The region of that department.
    Region,
    /// The year of the convention ([`Convention::year`]).
    Year,
}

impl GroupBy {
    /// The name of the key column: `department`, `region`, `year`.
    pub fn name(self) -> &'static str {
        match self {
            GroupBy::Department => "department",
            GroupBy::Region => "region",
            GroupBy::Year => "year",
        }
    }
}

/// The key of a row; rows sort by it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// A department or region code (`49`, `2A`, `52`).
    Code(String),
    /// A year.
    Year(i32),
    /// Conventions without the grouping's value (no CAF department, no year).
    Unknown,
    /// All conventions.
    Total,
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Code(code) => f.write_str(code),
            Key::Year(year) => write!(f, "{year}"),
            Key::Unknown => f.write_str("unknown"),
            Key::Total => f.write_str("total"),
        }
    }
}

impl Serialize for Key {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The year a convention is counted under, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Year {
    /// Signing year, else first year of the period.
    Known(i32),
    /// Neither is known.
    Unknown,
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Year::Known(year) => write!(f, "{year}"),
            Year::Unknown => f.write_str("unknown"),
        }
    }
}

impl Serialize for Year {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Year {
    fn of(c: &Convention) -> Year {
        c.year().map_or(Year::Unknown, Year::Known)
    }
}

/// The share of a row's conventions that cover each axis, in the order of
/// the guide (every axis code, covered or not).
#[derive(Debug, Clone, PartialEq)]
pub struct AxisShares(pub Vec<(&'static str, f64)>);

impl Serialize for AxisShares {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(code, share)| (code, round(*share))))
    }
}

/// Distinct territory parties of a row's conventions, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TerritoryCounts {
    /// Communes.
    pub commune: usize,
    /// EPCI.
    pub epci: usize,
    /// Syndicats.
    pub syndicat: usize,
    /// Départements (Conseils départementaux).
    pub departement: usize,
    /// Other parties.
    pub other: usize,
}

/// A row's conventions by status: they add up to its conventions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    /// Reported signed (a signing took place, or the text is the convention).
    pub signed: usize,
    /// Authorised by a council, not reported signed.
    pub authorized: usize,
    /// Announced, not signed yet.
    pub to_be_signed: usize,
    /// In preparation (diagnostic, presentation to elected officials).
    pub in_preparation: usize,
    /// No source says where it stands.
    pub unknown: usize,
}

impl StatusCounts {
    fn of(members: &[&Convention]) -> StatusCounts {
        let mut counts = StatusCounts::default();
        for c in members {
            *match c.status.as_ref().map(|s| s.value) {
                Some(StatusValue::Signed) => &mut counts.signed,
                Some(StatusValue::Authorized) => &mut counts.authorized,
                Some(StatusValue::ToBeSigned) => &mut counts.to_be_signed,
                Some(StatusValue::InPreparation) => &mut counts.in_preparation,
                None => &mut counts.unknown,
            } += 1;
        }
        counts
    }
}

/// One row: the conventions of a department, region or year.
///
/// JSON fields come in this order; shares are fractions (0 to 1) rounded to
/// four decimals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Department or region code, year, `unknown` or `total`.
    pub key: Key,
    /// The department's or region's name.
    pub name: Option<String>,
    /// Conventions, whatever their status.
    pub conventions: usize,
    /// The same, by status.
    pub status: StatusCounts,
    /// Records (documents) in them.
    pub documents: usize,
    /// Earliest year of its signed conventions (signing year, else period
    /// start).
    pub first_year: Option<i32>,
    /// Latest year of its signed conventions.
    pub last_year: Option<i32>,
    /// Signed conventions per year (signing year, else period start).
    pub per_year: BTreeMap<Year, usize>,
    /// Median duration in years of the conventions that have one.
    #[serde(serialize_with = "rounded")]
    pub median_duration_years: Option<f64>,
    /// Share of conventions covering each axis.
    pub axes: AxisShares,
    /// Distinct communes covered.
    pub communes: usize,
    /// Covered communes of the area / communes of the area.
    #[serde(serialize_with = "rounded")]
    pub commune_share: Option<f64>,
    /// Population of the covered communes of the area / population of the area.
    #[serde(serialize_with = "rounded")]
    pub population_share: Option<f64>,
    /// Distinct territory parties by kind.
    pub territories: TerritoryCounts,
    /// Conflicts listed by its conventions (one per field that disagrees).
    pub conflicts: usize,
}

/// The rows of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// What the rows stand for.
    pub by: GroupBy,
    /// Every year present, for the per-year columns.
    pub years: Vec<Year>,
    /// The rows, sorted by key (`unknown` last).
    pub rows: Vec<Row>,
    /// All conventions together.
    pub total: Row,
    /// Documents left out because they are not about a specific CTG.
    pub not_about_ctg: usize,
}

/// Rounds to four decimals, as every format shows shares and durations.
pub fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn rounded<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    x.map(round).serialize(s)
}

/// Communes and population of the departments, from the reference data.
struct Areas<'a> {
    refdata: &'a RefData,
    /// Department -> (current communes, their population).
    departments: HashMap<&'a str, (usize, u64)>,
}

impl<'a> Areas<'a> {
    fn new(refdata: &'a RefData) -> Areas<'a> {
        let mut departments: HashMap<&str, (usize, u64)> = HashMap::new();
        for c in refdata
            .communes
            .iter()
            .filter(|c| c.kind == CommuneType::Commune)
        {
            let entry = departments.entry(c.departement).or_default();
            entry.0 += 1;
            entry.1 += u64::from(c.population.unwrap_or(0));
        }
        Areas {
            refdata,
            departments,
        }
    }

    /// The departments of a region.
    fn region(&self, code: &str) -> BTreeSet<String> {
        self.refdata
            .departements
            .iter()
            .filter(|d| d.region == code)
            .map(|d| d.code.to_string())
            .collect()
    }

    /// Covered share of the communes and of the population of `area`.
    fn shares(
        &self,
        area: &BTreeSet<String>,
        covered: &[&CoveredCommune],
    ) -> (Option<f64>, Option<f64>) {
        let (communes, population) = area
            .iter()
            .filter_map(|d| self.departments.get(d.as_str()))
            .fold((0, 0), |(n, p), (dn, dp)| (n + dn, p + dp));
        let inside: Vec<_> = covered
            .iter()
            .filter(|c| area.contains(&c.department))
            .collect();
        let people: u64 = inside
            .iter()
            .map(|c| u64::from(c.population.unwrap_or(0)))
            .sum();
        let share = |part: f64, whole: f64| (whole > 0.0).then(|| part / whole);
        (
            share(inside.len() as f64, communes as f64),
            share(people as f64, population as f64),
        )
    }
}

/// The comparison table of `conventions`, one row per `by` value;
/// `not_about_ctg` documents were left out of them
/// ([`crate::dataset::not_about_ctg`]).
pub fn table(
    conventions: &[Convention],
    not_about_ctg: usize,
    refdata: &RefData,
    by: GroupBy,
) -> Table {
    let areas = Areas::new(refdata);
    let mut groups: BTreeMap<Key, Vec<&Convention>> = BTreeMap::new();
    for c in conventions {
        for key in keys(c, by) {
            groups.entry(key).or_default().push(c);
        }
    }
    let mut total_area = BTreeSet::new();
    let rows: Vec<Row> = groups
        .into_iter()
        .map(|(key, members)| {
            let (name, area) = describe(&key, by, &members, &areas);
            total_area.extend(area.iter().cloned());
            row(key, name, &members, &area, &areas)
        })
        .collect();
    let all: Vec<&Convention> = conventions.iter().collect();
    let total = row(Key::Total, None, &all, &total_area, &areas);
    Table {
        by,
        years: total.per_year.keys().copied().collect(),
        rows,
        total,
        not_about_ctg,
    }
}

/// The rows a convention counts in.
fn keys(c: &Convention, by: GroupBy) -> BTreeSet<Key> {
    let keys: BTreeSet<Key> = match by {
        GroupBy::Department => c.caf.iter().map(|d| Key::Code(d.code.clone())).collect(),
        GroupBy::Region => c
            .caf
            .iter()
            .map(|d| {
                d.region
                    .as_ref()
                    .map_or(Key::Unknown, |r| Key::Code(r.code.clone()))
            })
            .collect(),
        GroupBy::Year => c.year().map(Key::Year).into_iter().collect(),
    };
    if keys.is_empty() {
        BTreeSet::from([Key::Unknown])
    } else {
        keys
    }
}

/// A row's name and the departments its shares are taken against.
fn describe(
    key: &Key,
    by: GroupBy,
    members: &[&Convention],
    areas: &Areas,
) -> (Option<String>, BTreeSet<String>) {
    match (by, key) {
        (GroupBy::Department, Key::Code(code)) => {
            let known = areas.refdata.departement(code);
            (
                known.map(|d| d.name.to_string()),
                known.map(|d| d.code.to_string()).into_iter().collect(),
            )
        }
        (GroupBy::Region, Key::Code(code)) => (
            areas.refdata.region(code).map(|r| r.name.to_string()),
            areas.region(code),
        ),
        (GroupBy::Year, _) => (
            None,
            members
                .iter()
                .flat_map(|c| c.caf.iter().map(|d| d.code.clone()))
                .collect(),
        ),
        _ => (None, BTreeSet::new()),
    }
}

fn row(
    key: Key,
    name: Option<String>,
    members: &[&Convention],
    area: &BTreeSet<String>,
    areas: &Areas,
) -> Row {
    let documents: BTreeSet<&str> = members
        .iter()
        .flat_map(|c| c.sources.iter().map(|s| s.id.0.as_str()))
        .collect();
    let signed: Vec<&&Convention> = members.iter().filter(|c| c.is_signed()).collect();
    let mut per_year: BTreeMap<Year, usize> = BTreeMap::new();
    for c in &signed {
        *per_year.entry(Year::of(c)).or_default() += 1;
    }
    let years: Vec<i32> = signed.iter().filter_map(|c| c.year()).collect();
    let mut durations: Vec<f64> = members
        .iter()
        .filter_map(|c| c.duration.as_ref().map(|d| d.years))
        .collect();
    durations.sort_by(f64::total_cmp);
    let axes = builtin::axes()
        .iter()
        .map(|axis| {
            let covering = members
                .iter()
                .filter(|c| c.axes.iter().any(|a| a.code == axis.code))
                .count();
            (axis.code.as_str(), fraction(covering, members.len()))
        })
        .collect();
    let mut covered: BTreeMap<&str, &CoveredCommune> = BTreeMap::new();
    for c in members {
        for commune in &c.communes {
            covered.entry(&commune.insee).or_insert(commune);
        }
    }
    let covered: Vec<_> = covered.into_values().collect();
    let (commune_share, population_share) = areas.shares(area, &covered);
    Row {
        key,
        name,
        conventions: members.len(),
        status: StatusCounts::of(members),
        documents: documents.len(),
        first_year: years.iter().copied().min(),
        last_year: years.iter().copied().max(),
        per_year,
        median_duration_years: median(&durations),
        axes: AxisShares(axes),
        communes: covered.len(),
        commune_share,
        population_share,
        territories: territory_counts(members),
        conflicts: members.iter().map(|c| c.conflicts.len()).sum(),
    }
}

fn fraction(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The median of sorted values.
fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

fn territory_counts(members: &[&Convention]) -> TerritoryCounts {
    let distinct: BTreeSet<(TerritoryKind, String)> = members
        .iter()
        .flat_map(|c| c.territories.iter())
        .map(|t| (t.kind, t.code.clone().unwrap_or_else(|| fold(&t.name))))
        .collect();
    let mut counts = TerritoryCounts::default();
    for (kind, _) in distinct {
        *match kind {
            TerritoryKind::Commune => &mut counts.commune,
            TerritoryKind::Epci => &mut counts.epci,
            TerritoryKind::Syndicat => &mut counts.syndicat,
            TerritoryKind::Departement => &mut counts.departement,
            TerritoryKind::Other => &mut counts.other,
        } += 1;
    }
    counts
}

#[cfg(test)]
mod tests;
