//! Conventions from records: the records of `corpus.jsonl` that describe the
//! same signing (a press release and the convention PDF, two press releases
//! about one ceremony) become one [`Convention`] holding the values of all of
//! its sources.
//!
//! In: the records `ctg extract` wrote ([`load`]) and the reference data.
//! Out: conventions sorted by id ([`conventions`]); every value names the
//! record it was taken from, and every disagreement between sources is listed
//! in `conflicts`, never settled silently. The evidence of a value stays in its
//! record: the `source` id leads there.
//!
//! Does not: read documents again, print, or write files.
//!
//! A document that reports several signings (a round-up: `record.signings`)
//! gives one account per signing (`account.rs`), each its own convention or
//! part of one, as a whole record is. A record that is not about a specific
//! CTG is no convention: [`not_about_ctg`] lists those left out.
//!
//! When two accounts are one convention: `same.rs`. How a convention's
//! values are chosen from its sources: `build.rs`.

mod account;
mod build;
mod same;

pub use account::Account;

use ctg_core::record::{DocId, DocType, Precision, Record, StatusValue, Territory, TerritoryKind};
use ctg_core::refdata::RefData;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};
use thiserror::Error;

pub use same::SIGNING_TOLERANCE_DAYS;

/// Why the records of an output folder cannot be read.
#[derive(Debug, Error)]
pub enum DatasetError {
    /// The folder or its `corpus.jsonl` does not exist.
    #[error(
        "{0} not found: run `ctg extract` first (it writes corpus.jsonl into its output folder)"
    )]
    NoCorpus(PathBuf),
    /// `corpus.jsonl` exists but cannot be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A line of `corpus.jsonl` is not a record.
    #[error("{path}, line {line}: not a ctg record ({source}); was it written by another version of ctg? Run `ctg extract` again")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The line, 1-based.
        line: usize,
        /// What serde found wrong.
        source: serde_json::Error,
    },
}

impl DatasetError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            DatasetError::NoCorpus(_) => "dataset.no_corpus",
            DatasetError::Io { .. } => "dataset.io",
            DatasetError::Parse { .. } => "dataset.parse",
        }
    }
}

/// Reads the records of `output/corpus.jsonl`, the file `ctg extract` writes.
pub fn load(output: &Path) -> Result<Vec<Record>, DatasetError> {
    let path = output.join("corpus.jsonl");
    if !output.is_dir() {
        return Err(DatasetError::NoCorpus(output.to_path_buf()));
    }
    let text = std::fs::read_to_string(&path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            DatasetError::NoCorpus(path.clone())
        } else {
            DatasetError::Io {
                path: path.clone(),
                source,
            }
        }
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str(line).map_err(|source| DatasetError::Parse {
                path: path.clone(),
                line: n + 1,
                source,
            })
        })
        .collect()
}

/// The records in id order, a repeated id once.
fn distinct(records: &[Record]) -> Vec<&Record> {
    let mut sorted: Vec<&Record> = records.iter().collect();
    sorted.sort_by(|a, b| (&a.id, &a.source.path).cmp(&(&b.id, &b.source.path)));
    sorted.dedup_by(|later, first| later.id == first.id);
    sorted
}

/// The conventions the records describe, sorted by id.
///
/// Records are taken in id order (a repeated id counts once), so the result
/// does not depend on the order of `records`. Each record gives one account
/// of a signing, or one per signing when it reports several (`account.rs`).
/// See `same.rs` for when accounts are one convention; one with no CAF
/// department or no territory party (a CAF's own press release naming no
/// partner) is a convention by itself, since nothing says which signing it is
/// about. A record that is not about a specific CTG (`about_ctg` false) is no
/// convention ([`not_about_ctg`]).
pub fn conventions(records: &[Record], refdata: &RefData) -> Vec<Convention> {
    let accounts: Vec<Account> = distinct(records)
        .into_iter()
        .filter(|r| r.about_ctg.value)
        .flat_map(Account::of)
        .collect();
    let places = build::Places::new(refdata);
    same::group(&accounts)
        .into_iter()
        .map(|members| {
            let group: Vec<Account> = members.into_iter().map(|i| accounts[i]).collect();
            build::convention(&group, &places)
        })
        .collect()
}

/// The records left out of the conventions because they are not about a
/// specific CTG (another meaning of the acronym, another contract, a general
/// explanation), in id order, a repeated id once.
pub fn not_about_ctg(records: &[Record]) -> Vec<&Record> {
    distinct(records)
        .into_iter()
        .filter(|r| !r.about_ctg.value)
        .collect()
}

/// Identifier of a convention: the smallest id of its source records, so it
/// stays the same as long as that record is among its sources.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ConventionId(pub String);

impl fmt::Display for ConventionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One signing of a Convention Territoriale Globale, as all the documents
/// about it describe it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Convention {
    /// The smallest key of its sources: a record id, or `<id>.<n>` for the
    /// n-th signing of a round-up ([`Account::key`]).
    pub id: ConventionId,
    /// Every account of it, by key.
    pub sources: Vec<SourceDoc>,
    /// Where it stands: the furthest stage any source reports; null when
    /// none says.
    pub status: Option<ConventionStatus>,
    /// The CAF departments that are parties (usually one), by code.
    pub caf: Vec<CafDepartment>,
    /// The union of the sources' territory parties, by kind then code or name.
    pub territories: Vec<ConventionTerritory>,
    /// The signing date (see `build.rs` for which source gives it).
    pub signing_date: Option<SigningDay>,
    /// The years it covers.
    pub period: Option<PeriodYears>,
    /// Its duration: as stated, else from the period.
    pub duration: Option<DurationYears>,
    /// The union of the sources' thematic axes, in the order of the guide.
    pub axes: Vec<ConventionAxis>,
    /// The current communes its territories cover: a commune party's current
    /// commune, an EPCI party's member communes. Syndicats, départements and
    /// other parties add none (their members are not in the reference data, or
    /// they co-sign for a territory rather than being one).
    pub communes: Vec<CoveredCommune>,
    /// The people who sign, one entry per person (names compared folded).
    pub signatories: Vec<ConventionSignatory>,
    /// The fields whose sources disagree, with every source's value.
    pub conflicts: Vec<Conflict>,
}

impl Convention {
    /// Whether a source reports it signed.
    pub fn is_signed(&self) -> bool {
        self.status.as_ref().map(|s| s.value) == Some(StatusValue::Signed)
    }

    /// Which signing of the round-up `id` it is, when it comes from one.
    pub fn signing_of(&self, id: &DocId) -> Option<usize> {
        self.sources
            .iter()
            .find(|s| &s.id == id)
            .and_then(|s| s.signing)
    }

    /// The year it was signed, when the signing date has one.
    pub fn signing_year(&self) -> Option<i32> {
        self.signing_date.as_ref().and_then(SigningDay::year)
    }

    /// The year it is counted under: the signing year, else the first year of
    /// its period.
    pub fn year(&self) -> Option<i32> {
        self.signing_year()
            .or_else(|| self.period.as_ref().and_then(|p| p.start))
    }
}

/// A record a convention was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceDoc {
    /// The record's id.
    pub id: DocId,
    /// For a round-up, which of its signings (1-based position in its
    /// `signings`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing: Option<usize>,
    /// The path of its document.
    pub path: String,
    /// Press release, convention, deliberation...
    pub doc_type: DocType,
    /// Where the convention stands, as this document reports it.
    pub status: Option<StatusValue>,
}

/// Where a convention stands and the record that says so.
///
/// Sources may report different stages of one convention: a deliberation
/// authorises the mayor to sign, a press release announces the ceremony,
/// another reports it. These are moments, not a disagreement, so the
/// convention takes the furthest stage any source reports, in the order
/// [`ConventionStatus::ORDER`] (a convention some source reports signed is
/// signed), and each source's own stage stays in [`SourceDoc::status`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConventionStatus {
    /// The furthest stage reported.
    pub value: StatusValue,
    /// The first source (by key) that reports it.
    pub source: DocId,
}

impl ConventionStatus {
    /// The stages in the order a convention goes through them: prepared
    /// (diagnostic, presentation), authorised by a council, announced, signed.
    pub const ORDER: [StatusValue; 4] = [
        StatusValue::InPreparation,
        StatusValue::Authorized,
        StatusValue::ToBeSigned,
        StatusValue::Signed,
    ];
}

/// The department of a CAF that is a party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CafDepartment {
    /// INSEE department code (`49`, `2A`, `974`).
    pub code: String,
    /// The department's name, from the reference data.
    pub name: Option<String>,
    /// Its region, from the reference data.
    pub region: Option<Region>,
    /// The records that name this CAF.
    pub sources: Vec<DocId>,
}

/// A region (an overseas collectivity is its own region).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Region {
    /// INSEE region code (`52`).
    pub code: String,
    /// Name (`Pays de la Loire`).
    pub name: String,
}

/// A territory party of a convention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConventionTerritory {
    /// Commune, EPCI, syndicat...
    pub kind: TerritoryKind,
    /// The name as the first source (by id) writes it.
    pub name: String,
    /// INSEE code, SIREN or department code, depending on `kind`.
    pub code: Option<String>,
    /// The records that name it as a party.
    pub sources: Vec<DocId>,
}

impl ConventionTerritory {
    /// Whether `t`, a territory of one of its source records, is this party
    /// (same kind, and same code, or same folded name when there is no code).
    pub fn is(&self, t: &Territory) -> bool {
        same::TerritoryKey::of(t)
            == same::TerritoryKey::new(self.kind, self.code.as_deref(), &self.name)
    }
}

/// A signing date and the record that gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SigningDay {
    /// `YYYY-MM-DD`, or `--MM-DD` when the source leaves the year undecided.
    pub value: String,
    /// Whether the year is known.
    pub precision: Precision,
    /// When the year is undecided, the years still possible (empty when
    /// nothing narrows them, or when the year is known).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub year_candidates: Vec<i32>,
    /// The record.
    pub source: DocId,
}

impl SigningDay {
    /// The year, when known.
    pub fn year(&self) -> Option<i32> {
        match self.precision {
            Precision::Day | Precision::Month | Precision::Year => {
                self.value.get(..4)?.parse().ok()
            }
            Precision::MonthDay => None,
        }
    }
}

/// The years a convention covers and the record that states them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodYears {
    /// First year; null when only the end is stated.
    pub start: Option<i32>,
    /// Last year; null when only the start is stated.
    pub end: Option<i32>,
    /// The record.
    pub source: DocId,
}

/// Where a duration comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationBasis {
    /// The source states it ("pour une durée de quatre ans", "48 mois").
    Stated,
    /// Computed from the source's period: from its first to its last day when
    /// both are full dates, else end year - start year + 1 years.
    Period,
}

/// A duration and the record it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DurationYears {
    /// In years: `months / 12` (48 months -> 4, 18 months -> 1.5).
    pub years: f64,
    /// In months, exact (a stated "4 ans" is 48).
    pub months: u32,
    /// Stated, or computed from the period.
    pub basis: DurationBasis,
    /// The record.
    pub source: DocId,
}

/// A thematic axis and the records that present it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConventionAxis {
    /// Axis code of the guide (`petite_enfance`).
    pub code: String,
    /// The records that present it as a field of the convention.
    pub sources: Vec<DocId>,
}

/// A current commune a convention covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoveredCommune {
    /// Current INSEE code.
    pub insee: String,
    /// Official name.
    pub name: String,
    /// Department code.
    pub department: String,
    /// Municipal population, when the reference data has it.
    pub population: Option<u32>,
    /// The codes of the territory parties that cover it: the commune's own
    /// code (or that of its commune déléguée), the SIREN of its EPCI.
    pub via: Vec<String>,
}

/// A person who signs, with the records that name them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConventionSignatory {
    /// Name in natural case, as the first source (by id) writes it.
    pub name: String,
    /// Role, from the first source that gives one.
    pub role: Option<String>,
    /// Organization, from the first source that gives one.
    pub organization: Option<String>,
    /// The records that name them as a signatory.
    pub sources: Vec<DocId>,
}

/// A field whose sources disagree, with the value each one gives (by source
/// id). The convention's value is one of them (see `build.rs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum Conflict {
    /// Signing dates that differ at their common precision (`2024-04-02`
    /// against `2024-04-04`, or `--04-04`).
    SigningDate {
        /// Every source's signing date.
        values: Vec<SigningDay>,
    },
    /// Periods whose start years or end years differ.
    Period {
        /// Every source's period.
        values: Vec<PeriodYears>,
    },
    /// Durations that differ (each source's stated duration, else its period's).
    Duration {
        /// Every source's duration.
        values: Vec<DurationYears>,
    },
}

#[cfg(test)]
mod tests;
