//! The fields rules feed, each described once: its name in rule files, the
//! captures its patterns may use, those they must use, and the `value` its
//! rules take. `compile` checks every rule against its field's descriptor;
//! `extract` has one extractor per field.
//!
//! Adding a field: a line in the table below, its rule file (`rules/<field>.toml`,
//! embedded without a list), its extractor (`extract/<field>.rs`, called from
//! `extract::run`), and its value type in `record::Extraction`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a rule of a field may give as its `value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    /// No value: the captures say it all.
    None,
    /// One of these, required.
    OneOf(&'static [&'static str]),
    /// The code of an axis of the lexicon, required.
    AxisCode,
}

/// A field's descriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Descriptor {
    /// The name in rule files (`signing_date`).
    pub name: &'static str,
    /// Capture names its patterns may use.
    pub captures: &'static [&'static str],
    /// Groups of captures of which an extraction pattern must use one each.
    pub required: &'static [&'static [&'static str]],
    /// What its rules' `value` may be.
    pub values: Values,
    /// What it is.
    pub about: &'static str,
}

const DATE: &[&str] = &["day", "month", "year", "weekday", "relative"];
/// A publication date, or a periodical's issue ("N° 9 | SEPTEMBRE-OCTOBRE 2023").
const PUBLISHED: &[&str] = &[
    "day",
    "month",
    "year",
    "weekday",
    "relative",
    "first_month",
    "season",
];
const SCOPE: Values = Values::OneOf(&["sentence", "sentence_and_previous", "span", "block"]);

macro_rules! fields {
    ($( #[doc = $doc:literal] $variant:ident = $name:literal {
        captures: $captures:expr, required: $required:expr, values: $values:expr $(,)?
    } )*) => {
        /// The field a rule feeds.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Field {
            $( #[doc = $doc] $variant, )*
        }

        impl Field {
            /// Every field, in the order `ctg explain` shows them.
            pub const ALL: &'static [Field] = &[$( Field::$variant ),*];

            /// Its descriptor.
            pub fn descriptor(self) -> &'static Descriptor {
                match self {
                    $( Field::$variant => &Descriptor {
                        name: $name,
                        captures: $captures,
                        required: $required,
                        values: $values,
                        about: $doc,
                    }, )*
                }
            }
        }
    };
}

fields! {
    /// The document's title.
    Title = "title" { captures: &["title"], required: &[&["title"]], values: Values::None }
    /// The kind of document (convention, deliberation, amendment, ...).
    DocType = "doc_type" {
        captures: &[],
        required: &[],
        values: Values::OneOf(&["convention", "amendment", "deliberation", "other"]),
    }
    /// Whether the document is about a specific CTG: mentions of one, or of another meaning or subject.
    About = "about" {
        captures: &["term"],
        required: &[],
        values: Values::OneOf(&[
            "ctg",
            "ctg_acronym",
            "other_meaning",
            "other_subject",
            "general_subject",
        ]),
    }
    /// Where the convention stands: signed, to be signed, authorized, in preparation.
    Status = "status" {
        captures: &[],
        required: &[],
        values: Values::OneOf(&["signed", "to_be_signed", "authorized", "in_preparation"]),
    }
    /// A mark that the document reports several signings (a round-up).
    Roundup = "roundup" { captures: &[], required: &[], values: Values::None }
    /// The publication date of a page or press release.
    Published = "published" { captures: PUBLISHED, required: &[&["month", "relative", "season"]], values: Values::None }
    /// The date of the session that took a deliberation.
    DecisionDate = "decision_date" { captures: DATE, required: &[&["month", "relative"]], values: Values::None }
    /// The date of the signature.
    SigningDate = "signing_date" { captures: DATE, required: &[&["month", "relative", "weekday"]], values: Values::None }
    /// The years the convention covers.
    Period = "period" {
        captures: &["year", "start_year", "start_month", "start_day", "end_year", "end_month", "end_day"],
        required: &[&["year", "start_year", "end_year"]],
        values: Values::None,
    }
    /// The stated duration.
    Duration = "duration" { captures: &["number", "unit", "adjective"], required: &[&["number", "adjective"], &["unit", "adjective"]], values: Values::None }
    /// Any date or year the document mentions (context for year inference).
    DateMention = "date_mention" { captures: DATE, required: &[&["month", "year"]], values: Values::None }
    /// A CAF that is a party, by the place it is named after.
    Caf = "caf" { captures: &["name", "caf"], required: &[&["name"]], values: Values::None }
    /// A CAF named without its department ("la CAF"): the CAF of the local parties' department.
    CafMention = "caf_mention" { captures: &["name"], required: &[], values: Values::None }
    /// A party other than the CAF named by a rule (département, syndicat, other).
    Territory = "territory" {
        captures: &["name"],
        required: &[],
        values: Values::OneOf(&["departement", "syndicat", "other"]),
    }
    /// A passage whose places are parties (a signing sentence, a party block; a `span` rule's `scope` capture, when it has one).
    Party = "party" { captures: &["scope"], required: &[], values: SCOPE }
    /// A context that makes a place name a commune ("la commune de X").
    Commune = "commune" { captures: &["name"], required: &[&["name"]], values: Values::OneOf(&["institution", "place", "venue"]) }
    /// A passage that presents the convention's fields ("les axes retenus sont").
    AxisScope = "axis_scope" { captures: &["scope"], required: &[], values: SCOPE }
    /// A thematic axis named (value: its code).
    Axis = "axis" { captures: &["term"], required: &[], values: Values::AxisCode }
    /// A passage whose people sign or represent a party at the signature.
    SignatoryScope = "signatory_scope" { captures: &["scope"], required: &[], values: SCOPE }
    /// The role a deliberation authorises to sign ("autorise Monsieur le Maire à signer").
    Mandate = "mandate" { captures: &["role"], required: &[&["role"]], values: Values::None }
    /// A person, maybe with a role and a body ("Anne Martin, maire de Saumur").
    Signatory = "signatory" {
        captures: &["name", "role", "org", "names", "roles", "orgs"],
        required: &[&["name", "names"]],
        values: Values::None,
    }
}

impl Field {
    /// The name used in rule files.
    pub fn name(self) -> &'static str {
        self.descriptor().name
    }

    /// Parses a rule file's `field` value.
    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// Capture names a rule of this field may use.
    pub fn captures(self) -> &'static [&'static str] {
        self.descriptor().captures
    }

    /// Groups of captures of which an extraction rule must use at least one each.
    pub fn required_captures(self) -> &'static [&'static [&'static str]] {
        self.descriptor().required
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_a_distinct_name_that_parses_back() {
        for f in Field::ALL {
            assert_eq!(Field::parse(f.name()), Some(*f));
            assert!(!f.descriptor().about.trim().is_empty());
        }
        let mut names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Field::ALL.len());
    }
}
