//! Thematic axes: `axis` rules name an axis (their `value` is its code), and a
//! name counts only inside a passage that presents the convention's fields
//! (`axis_scope` rules: "les champs retenus sont", a bullet list, a convention's
//! article on its fields). An `axis` veto cancels the names inside its match
//! ("contrat enfance jeunesse", a site menu); one with a `value` cancels only
//! that axis ("accompagnement à la scolarité" is parentalité, not enfance).

use super::scope::Scopes;
use crate::record::Axis;
use crate::rules::lexicon::AxisDef;
use crate::rules::trace::{Considered, Status};
use crate::rules::{Match, RuleKind};

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
        let status = if m.rule.kind == RuleKind::Veto {
            Status::Veto
        } else if let Some(v) = vetoes.iter().find(|v| {
            v.range.start <= m.range.start
                && m.range.end <= v.range.end
                && v.rule
                    .value
                    .as_ref()
                    .is_none_or(|only| Some(only) == code.as_ref())
        }) {
            Status::Vetoed {
                by: v.rule.id.clone(),
            }
        } else if !scopes.contains(&m.range) {
            Status::Outranked
        } else {
            let code = code.clone().unwrap_or_default();
            match axes.iter_mut().find(|a| a.code == code) {
                Some(axis) => axis.evidence.push(m.evidence.clone()),
                None => axes.push(Axis {
                    code,
                    evidence: vec![m.evidence.clone()],
                }),
            }
            Status::Chosen
        };
        considered.push(Considered {
            evidence: m.evidence.clone(),
            priority: m.rule.priority,
            value: code,
            status,
        });
    }
    axes.sort_by_key(|a| order.iter().position(|d| d.code == a.code));
    (axes, considered)
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
