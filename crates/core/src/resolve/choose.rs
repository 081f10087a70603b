//! Matches of one field -> the chosen value, and why every other match lost.
//!
//! Veto matches cancel the candidates whose value lies inside them; the remaining
//! candidates are read into typed values; the highest priority wins, then the
//! earliest in the text. Every match is kept in the trace with its `Status`, which
//! `ctg explain` shows.

use crate::record::{Evidence, RuleId};
use crate::rules::trace::{Considered, Status, Unusable};
use crate::rules::veto::Vetoes;
use crate::rules::{Match, RuleKind};
use std::fmt;

/// The outcome for a single-valued field.
#[derive(Debug)]
pub struct Choice<V> {
    /// The value and its evidence.
    pub chosen: Option<(V, Evidence)>,
    /// Every match, in text order.
    pub considered: Vec<Considered>,
}

/// The veto rule whose match covers this match's value, if any.
fn vetoed_by(m: &Match<'_, '_>, matches: &[Match<'_, '_>], vetoes: &Vetoes) -> Option<RuleId> {
    let (start, end) = m.value_span();
    vetoes
        .covering(start, end)
        .map(|v| matches[v].rule.id.clone())
}

/// The vetoes of `matches`, by the code points of their evidence.
fn vetoes(matches: &[Match<'_, '_>]) -> Vetoes {
    Vetoes::new(matches, |v| (v.evidence.start, v.evidence.end))
}

/// What one match becomes: a veto, a vetoed candidate, an unusable one, or a value.
fn consider<V: fmt::Display>(
    m: &Match<'_, '_>,
    matches: &[Match<'_, '_>],
    vetoes: &Vetoes,
    read: &impl Fn(&Match<'_, '_>) -> Result<V, Unusable>,
) -> (Considered, Option<V>) {
    let (status, value) = if m.rule.kind == RuleKind::Veto {
        (Status::Veto, None)
    } else if let Some(by) = vetoed_by(m, matches, vetoes) {
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

/// A readable, unvetoed candidate: its place in the trace, its rule's
/// priority, its value and evidence.
#[derive(Debug)]
pub struct Candidate<V> {
    /// Its index in the trace (`considered`).
    pub index: usize,
    /// Its rule's priority.
    pub priority: i32,
    /// The value it reads as.
    pub value: V,
    /// Its evidence.
    pub evidence: Evidence,
}

/// Every readable, unvetoed candidate, best first (the highest priority,
/// then the earliest in the text), each marked outranked in the trace.
pub fn ranked<V: fmt::Display>(
    matches: &[Match<'_, '_>],
    read: impl Fn(&Match<'_, '_>) -> Result<V, Unusable>,
) -> (Vec<Candidate<V>>, Vec<Considered>) {
    let mut considered = Vec::with_capacity(matches.len());
    let mut candidates = Vec::new();
    let vetoes = vetoes(matches);
    for m in matches {
        let (mut c, value) = consider(m, matches, &vetoes, &read);
        if let Some(value) = value {
            c.status = Status::Outranked;
            candidates.push(Candidate {
                index: considered.len(),
                priority: m.rule.priority,
                value,
                evidence: c.evidence.clone(),
            });
        }
        considered.push(c);
    }
    // (a stable sort keeps text order among equal priorities)
    candidates.sort_by_key(|c| std::cmp::Reverse(c.priority));
    (candidates, considered)
}

/// Picks the best readable, unvetoed candidate.
pub fn choose<V: fmt::Display>(
    matches: &[Match<'_, '_>],
    read: impl Fn(&Match<'_, '_>) -> Result<V, Unusable>,
) -> Choice<V> {
    let (candidates, mut considered) = ranked(matches, read);
    let chosen = candidates.into_iter().next().map(|best| {
        considered[best.index].status = Status::Chosen;
        (best.value, best.evidence)
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
    let vetoes = vetoes(matches);
    for m in matches {
        let (c, value) = consider(m, matches, &vetoes, &read);
        if let Some(v) = value {
            kept.push((v, c.evidence.clone()));
        }
        considered.push(c);
    }
    (kept, considered)
}
