//! The file shape of rule files (`rules/**/*.toml`), as serde reads them.
//!
//! A file may hold word tables, named sub-patterns, rules and (in exactly one file)
//! settings. Nothing here is compiled or checked beyond TOML syntax and known keys;
//! `compile.rs` turns this shape into the compiled `RuleSet`.
//!
//! ```toml
//! [[table]]
//! name = "month"
//! words = { "janvier" = 1, "janv." = 1 }
//!
//! [[pattern]]
//! name = "day"
//! regex = '1er|[12][0-9]|3[01]|0?[1-9]'
//!
//! [[rule]]
//! id = "signing_date.signed_on"
//! field = "signing_date"
//! priority = 50
//! pattern = 'sign\w* le (?P<day>{day}) (?P<month>{month}) (?P<year>\d{4})'
//! examples = [
//!   { text = "La convention a été signée le 6 décembre 2022.", yields = "2022-12-06" },
//!   { text = "Réunion le 6 décembre 2022.", yields = "nothing" },
//! ]
//! ```

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// One rule file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Word tables: the words a pattern may match and the value each one means.
    #[serde(default)]
    pub table: Vec<TableDef>,
    /// Named sub-patterns, referenced as `{name}` in other patterns.
    #[serde(default)]
    pub pattern: Vec<PatternDef>,
    /// Extraction and veto rules.
    #[serde(default)]
    pub rule: Vec<RuleDef>,
    /// The thematic axes of the guide (codes and labels); one file holds them.
    #[serde(default)]
    pub axis: Vec<AxisFileDef>,
    /// Settings of the mechanisms (year inference, document type).
    pub settings: Option<SettingsDef>,
}

/// A thematic axis: the code records carry and its labels for people.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AxisFileDef {
    /// The code (`petite_enfance`), as `axis` rules give it in `value`.
    pub code: Spanned<String>,
    /// The French label ("Petite enfance (0-3 ans)").
    pub label_fr: String,
    /// The English label ("Early childhood (0-3)").
    pub label_en: String,
}

/// A word table: `{name}` in a pattern matches any of its words (case-insensitive);
/// a capture named after the table gets the word's value.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableDef {
    /// Name used as `{name}` in patterns.
    pub name: Spanned<String>,
    /// What the table is for.
    #[serde(default)]
    pub description: Option<String>,
    /// Word (lower case) -> value, or a list of words (for a plain word list).
    pub words: TableWords,
}

/// The words of a table: `{ "janvier" = 1, ... }` or `["de la", "du", ...]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum TableWords {
    /// Word -> value.
    Map(BTreeMap<String, TableValue>),
    /// Words that each mean 1.
    List(Vec<String>),
}

/// The value a table word means.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum TableValue {
    /// A number (a month, a weekday, a count).
    Int(i64),
    /// A symbol (a unit such as `year`).
    Text(String),
}

/// A named sub-pattern.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternDef {
    /// Name used as `{name}` in patterns.
    pub name: Spanned<String>,
    /// What it matches.
    #[serde(default)]
    pub description: Option<String>,
    /// The regex, which may itself reference tables and sub-patterns.
    pub regex: String,
}

/// A rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// `field.form`, unique across all files.
    pub id: Spanned<String>,
    /// The field the rule feeds (`signing_date`, `published`, `period`, ...).
    pub field: String,
    /// What the rule is for.
    #[serde(default)]
    pub description: Option<String>,
    /// Higher wins when several rules give a value for the same field.
    #[serde(default)]
    pub priority: i32,
    /// A veto rule produces nothing: its matches cancel the field's candidates
    /// whose value lies inside them.
    #[serde(default)]
    pub veto: bool,
    /// The pattern (one of `pattern` or `patterns`).
    #[serde(default)]
    pub pattern: Option<String>,
    /// Several patterns sharing the rule's id (when named captures would repeat).
    #[serde(default)]
    pub patterns: Vec<String>,
    /// A fixed value for fields whose value is not read from captures (`doc_type`).
    #[serde(default)]
    pub value: Option<String>,
    /// Patterns are case-insensitive unless this is true.
    #[serde(default)]
    pub case_sensitive: bool,
    /// The rule counts only in documents whose status is one of these
    /// (`signed`, `to_be_signed`, `authorized`, `in_preparation`); a veto
    /// also where the status is unknown: a veto of "signera" sentences holds
    /// where a signing took place, not in an announcement, whose signing is
    /// still to come.
    #[serde(default)]
    pub only_when_status: Vec<String>,
    /// A `signatory` veto that does not hold for a person whose body is a
    /// party of the convention, in a document that reports its signing: "a
    /// souligné X, président de la communauté de communes" speaks for a party,
    /// "explique Y, coordinatrice du centre social" does not.
    #[serde(default)]
    pub spares_party_officers: bool,
    /// A `signatory` veto that tells someone did not sign ("X, qui n'est pas
    /// signataire", "X était absente"): it holds for every mention of that
    /// person in the text, not only the one it covers (a photo caption that
    /// names them among the signatories).
    #[serde(default)]
    pub whole_person: bool,
    /// A `party` or `signatory_scope` veto that does not hold inside one
    /// passage of a round-up, which tells its own signing: there "X a signé
    /// la sienne" is that passage's convention, not another one.
    #[serde(default)]
    pub not_in_passages: bool,
    /// Examples that `ctg rules check` and `cargo test` run.
    #[serde(default)]
    pub examples: Vec<ExampleDef>,
}

/// An example: a text and the value the field must yield from it, or `nothing`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleDef {
    /// The sentence (or short passage).
    pub text: String,
    /// The expected value as `ctg explain` prints it, or `nothing`.
    pub yields: String,
    /// A publication date (`YYYY-MM-DD`) to give the example, for year inference.
    #[serde(default)]
    pub published: Option<String>,
}

/// Settings of the mechanisms; exactly one file holds them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsDef {
    /// How a date without a year gets one.
    pub year_inference: YearInferenceSettings,
    /// How the document type is decided.
    pub doc_type: DocTypeSettings,
    /// How a round-up's passages are read.
    #[serde(default)]
    pub roundup: RoundupSettings,
    /// How the status is decided.
    #[serde(default)]
    pub status: StatusSettings,
}

/// Settings of the status.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusSettings {
    /// The `status` rules (of value `signed`) whose passage, when it decides,
    /// makes a deliberation report a signing that took place ("PREND ACTE de
    /// la signature", "RATIFIE la convention"): a deliberation otherwise
    /// authorises, whatever earlier signing its recitals tell.
    #[serde(default)]
    pub deliberation_signed: Vec<String>,
}

/// Settings of round-ups (a document that reports several signings).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundupSettings {
    /// The `published` rules whose date the page says is its publication
    /// ("Publié le ..."): that date is no passage's signing day. (A line that
    /// only opens with a date, which other `published` rules read, may be a
    /// table row's signing.)
    #[serde(default)]
    pub told_publication: Vec<String>,
}

/// Settings of year inference.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearInferenceSettings {
    /// First year a signing can plausibly have.
    pub earliest: i32,
    /// Last year a signing can plausibly have.
    pub latest: i32,
    /// The years a document mentions, widened by this many years on each side,
    /// narrow the candidates of a weekday date.
    pub document_year_margin: i32,
    /// A weekday date may fall this many years before the start of the
    /// convention's period (signed the year before it takes effect), or within it.
    pub period_margin_before: i32,
    /// A publication date decides a year only for dates at most this many days before it.
    pub publication_max_days: i64,
}

/// Settings of the document type.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocTypeSettings {
    /// A kind holds when at least this many distinct `doc_type` rules of its
    /// value match (`convention = 2`).
    pub min_rules: BTreeMap<String, usize>,
    /// Of several kinds that hold, the first in this order wins.
    pub order: Vec<String>,
    /// Marker kinds that are no document type, and the type each gives:
    /// `minutes = "other"` (a session's minutes hold deliberations but are
    /// none), so that such a kind can come first in `order`.
    #[serde(default)]
    pub stands_for: BTreeMap<String, String>,
}
