//! EPCI named in the text: a core name after a kind word (`epci_kind`), a core
//! that carries its kind ("Grand Besançon Métropole"), or an acronym of an EPCI
//! of the CAF's department ("la CCPU"); and whether "la communauté de communes"
//! without a name stands in a party scope.

use super::{Tables, EPCI_ACRONYM, EPCI_NAME};
use crate::extract::scope::Scopes;
use crate::normalize::fold::Folded;
use crate::places::epci::{self, kind_before};
use crate::refdata;
use std::ops::Range;

/// An EPCI mention.
pub(super) struct EpciMention {
    /// Index into the reference data's EPCI.
    pub epci: usize,
    /// Byte range of the name.
    pub range: Range<usize>,
    /// The rule id of its evidence.
    pub rule: &'static str,
}

/// Whether a phrase of `anaphors` ("la communauté de communes", or a
/// commune's "la commune" with no `epcis`) that is not the start of a named
/// EPCI lies in a party scope.
pub(super) fn anaphor_in_scope(
    folded: &Folded,
    anaphors: &[&str],
    epcis: &[EpciMention],
    scopes: &Scopes,
) -> bool {
    !anaphors_in_scope(folded, anaphors, epcis, scopes).is_empty()
}

/// The phrases of `anaphors` (folded) that lie in a party scope and are not
/// the start of a named EPCI, each once.
pub(super) fn anaphors_in_scope<'a>(
    folded: &Folded,
    anaphors: &[&'a str],
    epcis: &[EpciMention],
    scopes: &Scopes,
) -> Vec<&'a str> {
    anaphors
        .iter()
        .copied()
        .filter(|a| !a.is_empty())
        .filter(|a| {
            folded.as_str().match_indices(*a).any(|(at, _)| {
                let end = at + a.len();
                if !folded.is_word(at, end) {
                    return false;
                }
                let (start, stop) = folded.original(at, end);
                let names_one = epcis
                    .iter()
                    .any(|e| e.range.start <= start && stop <= e.range.end);
                !names_one && scopes.contains(&(start..stop))
            })
        })
        .collect()
}

/// The kinds of EPCI (as the reference data writes them) an anaphor names:
/// "la communauté de communes" a CC, "l'agglomération" a CA, "la communauté
/// urbaine" a CU, "la métropole" a metropolis; none for a phrase of any kind
/// ("l'intercommunalité", "notre communauté").
pub(super) fn anaphor_kinds(folded: &str) -> Option<&'static [&'static str]> {
    let has = |w: &str| folded.split(' ').any(|x| x == w);
    if folded.contains("communaute de communes") || has("cdc") {
        Some(&["CC"])
    } else if has("agglomeration") || has("agglo") {
        Some(&["CA"])
    } else if has("urbaine") {
        Some(&["CU"])
    } else if has("metropole") {
        Some(&["METRO", "MET69"])
    } else {
        None
    }
}

/// EPCI named in the text.
pub(super) fn mentions(
    text: &str,
    folded: &Folded,
    tables: &Tables,
    caf_departments: &[&str],
) -> Vec<EpciMention> {
    let data = refdata::get();
    let index = epci::get();
    let in_caf = |i: &usize| {
        data.epci[*i]
            .departements
            .iter()
            .any(|d| caf_departments.contains(d))
    };
    let pick = |candidates: &[usize]| -> Option<usize> {
        let near: Vec<usize> = candidates.iter().copied().filter(in_caf).collect();
        match (near.as_slice(), candidates) {
            ([one], _) => Some(*one),
            ([], [one]) => Some(*one),
            _ => None,
        }
    };
    let mut found = Vec::new();
    for hit in index.find(folded) {
        let kind = kind_before(folded, hit.start, &tables.kinds, &tables.links);
        // a kind word after the name counts on the name's line only
        let kind_after = kind_after(folded, hit.end, &tables.kinds_after).filter(|&k| {
            let (from, to) = folded.original(hit.end, k);
            !text[from..to].contains('\n')
        });
        if kind.is_none() && kind_after.is_none() && !hit.core.standalone {
            continue;
        }
        let (start, end) = folded.original(hit.start, kind_after.unwrap_or(hit.end));
        // a name is capitalized: its first word, or after a kind word any word
        // ("la Communauté d'agglomération de la région de Château-Thierry")
        let capital = match kind {
            None => text[start..].starts_with(char::is_uppercase),
            Some(_) => text[start..end]
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with(char::is_uppercase)),
        };
        if !capital {
            continue;
        }
        let Some(epci) = pick(&hit.core.epci) else {
            continue;
        };
        let start = kind.map_or(start, |k| folded.original(k, k + 1).0);
        found.push(EpciMention {
            epci,
            range: start..end,
            rule: EPCI_NAME,
        });
    }
    // acronyms, only among the CAF's EPCI
    if !caf_departments.is_empty() {
        for (start, word) in capital_words(text) {
            let candidates: Vec<usize> = index
                .acronym(&word.to_ascii_lowercase())
                .iter()
                .copied()
                .filter(in_caf)
                .collect();
            if let [epci] = candidates.as_slice() {
                found.push(EpciMention {
                    epci: *epci,
                    range: start..start + word.len(),
                    rule: EPCI_ACRONYM,
                });
            }
        }
    }
    found.sort_by_key(|e| e.range.start);
    found
}

/// The end of a kind word that follows a name ("Charlieu-Belmont Communauté"),
/// the longest of `kinds` that stands there as whole words.
fn kind_after(folded: &Folded, end: usize, kinds: &[&str]) -> Option<usize> {
    let rest = folded.as_str()[end..].strip_prefix(' ')?;
    kinds
        .iter()
        .filter(|k| {
            rest.starts_with(*k) && matches!(rest.as_bytes().get(k.len()), None | Some(b' ' | b'|'))
        })
        .map(|k| end + 1 + k.len())
        .max()
}

/// Words of 3 to 6 ASCII capitals, with their byte offsets.
fn capital_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| (3..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase()))
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}
