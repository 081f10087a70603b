//! Territories that `territory` rules find (a département, a syndicat, another
//! body), and how rule examples show territories.

use crate::extract::scope::Scopes;
use crate::places::departements;
use crate::record::{Territory, TerritoryKind};
use crate::rules::trace::{Status, Unusable};
use crate::rules::Match;

/// A territory rule's match as a territory, and whether it is a party.
pub(super) fn ruled(m: &Match, caf_departments: &[&str], scopes: &Scopes) -> (Territory, Status) {
    let kind = match m.rule.value.as_deref() {
        Some("departement") => TerritoryKind::Departement,
        Some("syndicat") => TerritoryKind::Syndicat,
        _ => TerritoryKind::Other,
    };
    // The match ends where the department's name ends: a capitalized name
    // may run on ("le Conseil départemental des Vosges et la Mutualité
    // Sociale Agricole"), and only its prefix names the department.
    let mut evidence = m.evidence.clone();
    let code = match kind {
        TerritoryKind::Departement => match m.captures.get("name") {
            Some(name) => departements::get()
                .longest_prefix(name.text, &Default::default())
                .map(|(code, len)| {
                    let kept = name.range.start - m.range.start + len;
                    if let Some(text) = evidence.text.get(..kept) {
                        evidence.end = evidence.start + text.chars().count();
                        evidence.text = text.to_string();
                    }
                    code
                }),
            None => match caf_departments {
                [one] => Some(*one),
                _ => None,
            },
        },
        _ => None,
    };
    let territory = Territory {
        kind,
        name: evidence.text.clone(),
        code: code.map(str::to_string),
        evidence,
    };
    let status = if kind == TerritoryKind::Departement && code.is_none() {
        Status::Unusable(Unusable::UnknownPlace)
    } else if scopes.contains(&m.range) {
        Status::Chosen
    } else {
        Status::Outranked
    };
    (territory, status)
}

pub(super) fn display(t: &Territory) -> String {
    let kind = match t.kind {
        TerritoryKind::Commune => "commune",
        TerritoryKind::Epci => "epci",
        TerritoryKind::Syndicat => "syndicat",
        TerritoryKind::Departement => "departement",
        TerritoryKind::Other => "other",
    };
    match &t.code {
        Some(code) => format!("{kind} {code}"),
        None => format!("{kind} {}", t.name),
    }
}
