//! What became of each rule match, as `ctg explain` shows it: chosen, kept,
//! outranked, vetoed (and by which rule), or unusable (and why).
//!
//! Every extractor reports its matches in these terms; `resolve::choose` and the
//! extractors set them, `explain` and `check` read them.

use crate::record::{Evidence, RuleId};
use std::fmt;

/// Why a match could not become a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    /// The captured day, month and year do not form a date ("31 juin").
    InvalidDate,
    /// A captured word is missing from its table.
    UnknownWord,
    /// A relative date ("mardi dernier") with no publication date to count from.
    NoReferenceDate,
    /// The value is outside what a convention can have (a 40-year period).
    Implausible,
    /// The captured name is no place of the reference data.
    UnknownPlace,
    /// The captured name fits several places and nothing decides between them.
    AmbiguousPlace,
    /// The name is part of another name, or its context says it is no place.
    NotAPlace,
    /// The body is named only where the text says it does not sign.
    NotAParty,
    /// The captured words are not a person's name (a title, a place, a body).
    NotAName,
    /// A person named outside every passage about the signature; the mention
    /// only lends its role and body to the same person named elsewhere.
    OutOfScope,
}

impl fmt::Display for Unusable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Unusable::InvalidDate => "not a valid date",
            Unusable::UnknownWord => "a captured word is not in its table",
            Unusable::NoReferenceDate => "relative date without a publication date",
            Unusable::Implausible => "implausible value",
            Unusable::UnknownPlace => "no such place in the reference data",
            Unusable::AmbiguousPlace => "several places fit and nothing decides",
            Unusable::NotAPlace => "part of another name, or not used as a place",
            Unusable::NotAParty => "named only where the text says it does not sign",
            Unusable::NotAName => "not a person's name",
            Unusable::OutOfScope => "named outside the passages about the signature",
        })
    }
}

/// What became of one match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// It gave the field's value.
    Chosen,
    /// Another candidate had a higher priority or came first.
    Outranked,
    /// A veto rule's match covers its value.
    Vetoed {
        /// The veto rule.
        by: RuleId,
    },
    /// It could not be read as a value.
    Unusable(Unusable),
    /// It is a veto match (shown for completeness).
    Veto,
    /// It contributes to a multi-valued field (mentions, document type markers).
    Kept,
}

/// One match as the trace shows it.
#[derive(Debug, Clone)]
pub struct Considered {
    /// The match.
    pub evidence: Evidence,
    /// Its rule's priority.
    pub priority: i32,
    /// The value it reads as, when it could be read.
    pub value: Option<String>,
    /// What became of it.
    pub status: Status,
}
