//! Linking a person's body to a party of the record: "la Caf" to the CAF of
//! the document, "Ville de Pavie" to the commune Pavie, "la CCPU" to the EPCI
//! whose acronym it is.

use super::Inputs;
use crate::normalize::fold::{fold, Folded};
use crate::normalize::Text;
use crate::places::epci;
use crate::record::{Evidence, PartyRef, Territory, TerritoryKind};
use crate::refdata;
use crate::rules::lexicon::PartyKind;
use std::ops::Range;

/// The byte range of an evidence in the text.
pub(super) fn byte_range(text: &Text, e: &Evidence) -> Range<usize> {
    let start = text.byte_offset(e.start);
    start..start + e.text.len()
}

/// The evidence of the only party of `kind`, if there is exactly one.
pub(super) fn only_party(inputs: &Inputs, kind: PartyKind) -> Option<Evidence> {
    let Some(tk) = kind.territory() else {
        return match inputs.cafs {
            [one] => Some(one.evidence.clone()),
            _ => None,
        };
    };
    let mut of_kind = inputs.territories.iter().filter(|t| t.kind == tk);
    match (of_kind.next(), of_kind.next()) {
        (Some(one), None) => Some(one.evidence.clone()),
        _ => None,
    }
}

/// The party a body designates, with the party's own evidence.
pub(super) fn link(
    inputs: &Inputs,
    written: &str,
    kind: Option<PartyKind>,
    generic: bool,
) -> Option<(PartyRef, Option<Evidence>)> {
    let f = fold(written);
    if kind == Some(PartyKind::Caf) {
        return link_caf(inputs, &f);
    }
    let tk = kind.and_then(PartyKind::territory);
    let candidates: Vec<&Territory> = inputs
        .territories
        .iter()
        .filter(|t| tk.is_none_or(|k| t.kind == k))
        .collect();
    let found = if generic {
        match candidates.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    } else {
        named_party(&candidates, &f).or_else(|| defined_acronym(inputs, &candidates, written))
    }?;
    let party = PartyRef::Territory {
        territory_kind: found.kind,
        code: found.code.clone(),
        name: found.name.clone(),
    };
    Some((party, Some(found.evidence.clone())))
}

/// "la Caf": the document's only CAF, else the one whose name or department
/// the body names.
fn link_caf(inputs: &Inputs, folded: &str) -> Option<(PartyRef, Option<Evidence>)> {
    let caf = match inputs.cafs {
        [one] => Some(one),
        many => many.iter().find(|c| {
            let dept = c
                .department
                .as_deref()
                .and_then(|d| refdata::get().departement(d))
                .map(|d| fold(d.name));
            fold(&c.name) == folded || dept.is_some_and(|d| contains_words(folded, &d))
        }),
    }?;
    let party = PartyRef::Caf {
        department: caf.department.clone(),
    };
    Some((party, Some(caf.evidence.clone())))
}

/// The territory a body's folded name designates: the same name first, then a
/// name inside the other ("Ville de Pavie" / "Pavie"), a commune before a body
/// named after it ("Pouzauges" / "CC du Pays de Pouzauges"), then an acronym.
fn named_party<'t>(candidates: &[&'t Territory], folded: &str) -> Option<&'t Territory> {
    let acronym: Vec<&str> = epci::get()
        .acronym(folded)
        .iter()
        .map(|&i| refdata::get().epci[i].siren)
        .collect();
    // the EPCI whose name the body's words hold ("Grand Belfort Communauté
    // d'Agglomération" for "communauté d'agglomération du Grand Belfort"),
    // looked up only when no better rank has answered
    let named = std::cell::OnceCell::new();
    let holds_name = |code: &str| {
        named
            .get_or_init(|| {
                (epci::get().find(&Folded::new(folded)).iter())
                    .flat_map(|h| h.core.epci.iter().map(|&i| refdata::get().epci[i].siren))
                    .collect::<Vec<&str>>()
            })
            .contains(&code)
    };
    let rank = |t: &Territory| {
        let n = fold(&t.name);
        if n == folded {
            Some(0)
        } else if contains_words(folded, &n) {
            Some(1)
        } else if n.len() >= 4 && contains_words(&n, folded) {
            Some(if t.kind == TerritoryKind::Commune {
                2
            } else {
                3
            })
        } else if t.code.as_deref().is_some_and(|c| acronym.contains(&c)) {
            Some(4)
        } else if t.kind == TerritoryKind::Epci && t.code.as_deref().is_some_and(holds_name) {
            Some(5)
        } else {
            None
        }
    };
    candidates
        .iter()
        .copied()
        .filter_map(|t| rank(t).map(|r| (r, t)))
        .min_by_key(|(r, _)| *r)
        .map(|(_, t)| t)
}

/// The party whose name the text follows with `written` in brackets, as it
/// defines an acronym: "la Communauté intercommunale Réunion Est (CIREST)"
/// for "la présidente de la CIREST".
fn defined_acronym<'t>(
    inputs: &Inputs,
    candidates: &[&'t Territory],
    written: &str,
) -> Option<&'t Territory> {
    let acronym = written.trim();
    if !super::is_acronym(acronym) {
        return None;
    }
    let text = inputs.text.as_str();
    let defined: Vec<&Territory> = candidates
        .iter()
        .copied()
        .filter(|t| text.contains(&format!("{} ({acronym})", t.evidence.text)))
        .collect();
    match defined.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// Whether the folded `hay` holds the folded `needle` as whole words.
pub(super) fn contains_words(hay: &str, needle: &str) -> bool {
    !needle.is_empty() && format!(" {hay} ").contains(&format!(" {needle} "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn territory(kind: TerritoryKind, name: &str, code: &str) -> Territory {
        Territory::for_test(kind, name, code)
    }

    #[test]
    fn a_body_names_its_party_by_name_or_inside_it() {
        let pavie = territory(TerritoryKind::Commune, "Pavie", "32307");
        let cc = territory(TerritoryKind::Epci, "CC du Pays de Pouzauges", "248500191");
        let all = [&pavie, &cc];
        assert_eq!(
            named_party(&all, "ville de pavie").map(|t| &t.name),
            Some(&pavie.name)
        );
        assert_eq!(
            named_party(&all, "pays de pouzauges").map(|t| &t.name),
            Some(&cc.name)
        );
        assert_eq!(named_party(&all, "departement du gers"), None);
    }

    #[test]
    fn words_are_matched_whole() {
        assert!(contains_words("caf de la loire", "loire"));
        assert!(!contains_words(
            "caf de la loire atlantique x",
            "atlantique y"
        ));
        assert!(!contains_words("caf de la loiret", "loire"));
    }
}
