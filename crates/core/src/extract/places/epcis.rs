//! EPCI named in the text: a core name after a kind word (`epci_kind`), a core
//! that carries its kind ("Grand Besançon Métropole"), a core of several
//! capitalized words standing alone in a party scope right beside the CAF's
//! name ("Loches Sud Touraine et la Caf ont signé"), or an acronym of an EPCI
//! of the CAF's department ("la CCPU"); and whether "la communauté de
//! communes" without a name stands in a party scope.

use super::communes::{capitalized, capitalized_neighbour};
use super::{Tables, EPCI_ACRONYM, EPCI_BARE_NAME, EPCI_NAME};
use crate::extract::scope::Scopes;
use crate::normalize::fold::Folded;
use crate::places::epci::{self, kind_before};
use crate::places::{departements, gazetteer};
use crate::refdata;
use crate::rules::lexicon::WordSet;
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
    bare: &Bare,
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
        let (start, end) = folded.original(hit.start, kind_after.unwrap_or(hit.end));
        if kind.is_none() && kind_after.is_none() && !hit.core.standalone {
            // a core alone: only as a party, only of the CAF's department
            let near: Vec<usize> = hit.core.epci.iter().copied().filter(in_caf).collect();
            if let [epci] = near.as_slice() {
                if bare.names_party(text, folded, hit.start..hit.end, start..end) {
                    found.push(EpciMention {
                        epci: *epci,
                        range: start..end,
                        rule: EPCI_BARE_NAME,
                    });
                }
            }
            continue;
        }
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
    // acronyms the text defines in brackets right after a name it gives in
    // full ("la Communauté d'agglomération du Centre de la Martinique
    // (CACEM)"): the acronym names that EPCI wherever else it stands, even
    // when it is not made of the name's initials
    let defined: Vec<(&str, usize)> = found
        .iter()
        .filter(|e| e.rule == EPCI_NAME)
        .filter_map(|e| Some((defined_acronym(&text[e.range.end..])?, e.epci)))
        .collect();
    // acronyms, only among the CAF's EPCI
    if !caf_departments.is_empty() || !defined.is_empty() {
        for (start, word) in capital_words(text) {
            let mut own: Vec<usize> = defined
                .iter()
                .filter(|(a, _)| *a == word)
                .map(|(_, e)| *e)
                .collect();
            own.sort_unstable();
            own.dedup();
            // "la Cirest": an acronym written as a word is one the official
            // name itself writes in capitals ("... de la Réunion Est
            // (CIREST)"), never initials ("Cap" is a word)
            let titled = !word.bytes().all(|b| b.is_ascii_uppercase());
            // every capitalized word of 4 to 8 letters comes here: folded
            // on the stack (`capital_word` keeps ASCII words of 8 bytes or less)
            let mut folded = [0u8; 8];
            folded[..word.len()].copy_from_slice(word.as_bytes());
            folded.make_ascii_lowercase();
            let folded = std::str::from_utf8(&folded[..word.len()]).unwrap_or_default();
            // a word the lexicon reads as a kind of body ("CCAS", "CIAS",
            // "MSA", "SIVU") names that kind of body, not an EPCI whose
            // initials it happens to be ("CC Aunis Sud"), unless the text
            // defines it so
            let body_word = tables.lexicon.org_head.lookup(folded).is_some();
            let candidates: Vec<usize> = if own.is_empty() && body_word {
                Vec::new()
            } else if own.is_empty() {
                index
                    .acronym(folded)
                    .iter()
                    .copied()
                    .filter(in_caf)
                    .filter(|&i| {
                        !titled
                            || data.epci[i]
                                .name
                                .split(|c: char| !c.is_alphanumeric())
                                .any(|w| w.eq_ignore_ascii_case(word) && w != word)
                    })
                    .collect()
            } else if titled {
                Vec::new()
            } else {
                own
            };
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

/// What a core standing alone must be to name an EPCI: a name of two words
/// or more besides the small words of place names (`place_lower_word`), each
/// capitalized ("Lamballe Terre et Mer", "Cap Excellence"), that is no
/// commune's or department's whole name, lies in no CAF's name ("la Caf du
/// Pays Basque"), is no part of a longer name ("la CTG Tarbes Lourdes
/// Pyrénées Sud"), comes after no word of `epci_bare_not_after` ("les
/// communes du Val de l'Eyre"), stands in a party scope and right beside a
/// CAF's name, joined to it by words of `epci_bare_joiner` alone ("Cap
/// Excellence et la Caf"), unless its kind follows in apposition or an
/// intercommunality's office comes right before it ("présidente de Cœur
/// de Savoie"): further away, such a name is as often the territory's label
/// as the body.
pub(super) struct Bare<'a> {
    /// Party scopes.
    pub scopes: &'a Scopes,
    /// Byte ranges of the CAF names.
    pub cafs: &'a [Range<usize>],
    /// The small words of place names.
    pub lower: &'a WordSet,
    /// Folded words after which a name alone is a place (`epci_bare_not_after`).
    pub not_after: &'a [&'a str],
    /// Folded words that may stand next to a name (`capitalized_neighbour`).
    pub neighbours: &'a [&'a str],
    /// Words that may join the name to a CAF's (`epci_bare_joiner`).
    pub joiners: &'a WordSet,
    /// Kinds in apposition that make the name the body (`epci_bare_apposition`).
    pub apposed: &'a [&'a str],
    /// Offices right before the name that make it the body (`epci_bare_office`).
    pub offices: &'a [&'a str],
}

impl Bare<'_> {
    fn names_party(
        &self,
        text: &str,
        folded: &Folded,
        core: Range<usize>,
        range: Range<usize>,
    ) -> bool {
        let start = core.start;
        let core = &folded.as_str()[core];
        let small = |w: &&str| self.lower.contains_folded(w);
        let words: Vec<&str> = core.split(' ').collect();
        if words.iter().filter(|w| !small(w)).count() < 2 || words.first().is_some_and(small) {
            return false;
        }
        let written = &text[range.clone()];
        // its kind in apposition, or an office right before it, says it is the body
        let body = self.kind_apposed(folded, start + core.len())
            || folded.phrase_before(start, self.offices, &[]).is_some();
        capitalized(written, self.lower)
            && !capitalized_neighbour(text, &range, self.neighbours)
            && (body || folded.phrase_before(start, self.not_after, &[]).is_none())
            && !departements::get().is_name(core)
            && !gazetteer::get().is_whole_name(written)
            && !(self.cafs.iter()).any(|c| c.start < range.end && range.start < c.end)
            && self.scopes.contains(&range)
            && (body || self.beside_caf(text, &range))
    }

    /// Whether the name's kind follows it in apposition, after a comma:
    /// "Terres de Montaigu, communauté d'agglomération".
    fn kind_apposed(&self, folded: &Folded, end: usize) -> bool {
        // the comma is a barrier in the folded text
        let Some(rest) = folded.as_str()[end..].trim_start().strip_prefix('|') else {
            return false;
        };
        let rest = rest.trim_start();
        self.apposed.iter().any(|k| {
            rest.starts_with(k) && matches!(rest.as_bytes().get(k.len()), None | Some(b' '))
        })
    }

    /// Whether a CAF's name stands right before or after `range` on its line,
    /// with only joining words between.
    fn beside_caf(&self, text: &str, range: &Range<usize>) -> bool {
        let joins = |gap: &str| {
            !gap.contains('\n')
                && gap
                    .split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
                    .filter(|w| !w.is_empty())
                    .all(|w| self.joiners.lookup(w).is_some())
        };
        self.cafs.iter().any(|c| {
            (c.end <= range.start && joins(&text[c.end..range.start]))
                || (range.end <= c.start && joins(&text[range.end..c.start]))
        })
    }
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

/// The acronym in brackets that opens `after` ("  (CACEM) a signé" ->
/// "CACEM"): three to six capitals, as [`capital_words`] reads them.
fn defined_acronym(after: &str) -> Option<&str> {
    let inner = after
        .trim_start_matches([' ', '\u{a0}'])
        .strip_prefix('(')?;
    let word = &inner[..inner.find(')')?];
    capital_word(word).then_some(word)
}

/// Whether a word may be an acronym: 3 to 6 ASCII capitals, or 4 to 8
/// ASCII letters with only the first a capital ("Cirest").
fn capital_word(w: &str) -> bool {
    let b = w.as_bytes();
    ((3..=6).contains(&b.len()) && b.iter().all(u8::is_ascii_uppercase))
        || ((4..=8).contains(&b.len())
            && b[0].is_ascii_uppercase()
            && b[1..].iter().all(u8::is_ascii_lowercase))
}

/// Words of 3 to 6 ASCII capitals, or of 4 to 8 letters with a capital
/// first (an acronym written as a word: "Cirest"), with their byte offsets.
fn capital_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| capital_word(w))
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}
