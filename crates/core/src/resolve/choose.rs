//! Matches of one field -> the chosen value, and why every other match lost.
//!
//! Veto matches cancel the candidates whose value lies inside them; the remaining
//! candidates are read into typed values; the highest priority wins, then the
//! earliest in the text. Every match is kept in the trace with its `Status`, which
//! `ctg explain` shows.

use crate::record::{Evidence, RuleId};
use crate::rules::{Match, RuleKind};
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

/// The outcome for a single-valued field.
#[derive(Debug)]
pub struct Choice<V> {
    /// The value and its evidence.
    pub chosen: Option<(V, Evidence)>,
    /// Every match, in text order.
    pub considered: Vec<Considered>,
}

/// The veto rule whose match covers this match's value, if any.
fn vetoed_by(m: &Match<'_, '_>, matches: &[Match<'_, '_>]) -> Option<RuleId> {
    let (start, end) = m.value_span();
    matches
        .iter()
        .filter(|v| v.rule.kind == RuleKind::Veto)
        .find(|v| v.evidence.start <= start && end <= v.evidence.end)
        .map(|v| v.rule.id.clone())
}

/// What one match becomes: a veto, a vetoed candidate, an unusable one, or a value.
fn consider<V: fmt::Display>(
    m: &Match<'_, '_>,
    matches: &[Match<'_, '_>],
    read: &impl Fn(&Match<'_, '_>) -> Result<V, Unusable>,
) -> (Considered, Option<V>) {
    let (status, value) = if m.rule.kind == RuleKind::Veto {
        (Status::Veto, None)
    } else if let Some(by) = vetoed_by(m, matches) {
        (Status::Vetoed { by }, None)
    } else {
        match read(m) {
            Err(why) => (Status::Unusable(why), None),
            Ok(v) => (Status::Kept, Some(v)),
        }
    };
    let considered = Considered {
        evidence: m.evidence.clone(),
        priority: m.rule.priority,
        value: value.as_ref().map(ToString::to_string),
        status,
    };
    (considered, value)
}

/// Picks the best readable, unvetoed candidate.
pub fn choose<V: fmt::Display>(
    matches: &[Match<'_, '_>],
    read: impl Fn(&Match<'_, '_>) -> Result<V, Unusable>,
) -> Choice<V> {
    let mut considered = Vec::with_capacity(matches.len());
    let mut best: Option<(usize, V, i32)> = None;
    for m in matches {
        let (mut c, value) = consider(m, matches, &read);
        if let Some(v) = value {
            c.status = Status::Outranked;
            if best.as_ref().is_none_or(|(_, _, p)| m.rule.priority > *p) {
                best = Some((considered.len(), v, m.rule.priority));
            }
        }
        considered.push(c);
    }
    let chosen = best.map(|(i, v, _)| {
        considered[i].status = Status::Chosen;
        (v, considered[i].evidence.clone())
    });
    Choice { chosen, considered }
}

/// Keeps every readable, unvetoed candidate (for multi-valued fields).
pub fn keep_all<V: fmt::Display>(
    matches: &[Match<'_, '_>],
    read: impl Fn(&Match<'_, '_>) -> Result<V, Unusable>,
) -> (Vec<(V, Evidence)>, Vec<Considered>) {
    let mut kept = Vec::new();
    let mut considered = Vec::with_capacity(matches.len());
    for m in matches {
        let (c, value) = consider(m, matches, &read);
        if let Some(v) = value {
            kept.push((v, c.evidence.clone()));
        }
        considered.push(c);
    }
    (kept, considered)
}
