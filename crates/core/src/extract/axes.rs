//! Thematic axes: `axis` rules name an axis (their `value` is its code), and a
//! name counts only inside a passage that presents the convention's fields
//! (`axis_scope` rules: "les champs retenus sont", a bullet list, a convention's
//! article on its fields). An `axis` veto cancels the names inside its match
//! ("contrat enfance jeunesse", a site menu); one with a `value` cancels only
//! that axis ("accompagnement à la scolarité" is parentalité, not enfance).
//! A `term` capture, when a pattern has one, is the name itself: the rest of
//! the match is only its context (", enfance et" in a list).

use super::scope::Scopes;
use crate::record::{Axis, Evidence};
use crate::rules::lexicon::AxisDef;
use crate::rules::trace::{Considered, Status};
use crate::rules::{Match, RuleKind};
use std::ops::Range;

/// The axes the text presents as fields of the convention, each with every
/// passage that names it.
pub fn extract(
    matches: &[Match],
    scopes: &Scopes,
    order: &[AxisDef],
) -> (Vec<Axis>, Vec<Considered>) {
    let vetoes: Vec<&Match> = matches
        .iter()
        .filter(|m| m.rule.kind == RuleKind::Veto)
        .collect();
    let mut axes: Vec<Axis> = Vec::new();
    let mut considered = Vec::new();
    for m in matches {
        let code = m.rule.value.clone();
        let (range, evidence) = term(m);
        let status = if m.rule.kind == RuleKind::Veto {
            Status::Veto
        } else if let Some(v) = vetoes.iter().find(|v| {
            v.range.start <= range.start
                && range.end <= v.range.end
                && v.rule
                    .value
                    .as_ref()
                    .is_none_or(|only| Some(only) == code.as_ref())
        }) {
            Status::Vetoed {
                by: v.rule.id.clone(),
            }
        } else if !scopes.contains(&range) {
            Status::Outranked
        } else {
            let code = code.clone().unwrap_or_default();
            match axes.iter_mut().find(|a| a.code == code) {
                Some(axis) => axis.evidence.push(evidence.clone()),
                None => axes.push(Axis {
                    code,
                    evidence: vec![evidence.clone()],
                }),
            }
            Status::Chosen
        };
        considered.push(Considered {
            evidence,
            priority: m.rule.priority,
            value: code,
            status,
        });
    }
    axes.sort_by_key(|a| order.iter().position(|d| d.code == a.code));
    (axes, considered)
}

/// Where a match names its axis: its `term` capture when it has one (", enfance
/// et" in a list names the axis by "enfance" alone), else the whole match.
fn term(m: &Match) -> (Range<usize>, Evidence) {
    match m.captures.get("term") {
        Some(c) => (
            c.range.clone(),
            Evidence {
                rule: m.evidence.rule.clone(),
                start: c.start,
                end: c.end,
                text: c.text.to_string(),
                page: m.evidence.page,
            },
        ),
        None => (m.range.clone(), m.evidence.clone()),
    }
}

/// The axes as rule examples state them: `petite_enfance, jeunesse`.
pub fn display(axes: &[Axis]) -> Option<String> {
    (!axes.is_empty()).then(|| {
        axes.iter()
            .map(|a| a.code.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    })
}
