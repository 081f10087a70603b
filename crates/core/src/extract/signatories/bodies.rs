//! Bodies: the name of a body read from the words of a passage ("la Caf de la
//! Loire", "Communauté de communes du Pays de Lapalisse", "la ville"), and the
//! body a person represents when the words after their name do not give one.
//!
//! A body's name opens at an `org_head` of the lexicon ("Caf", "communauté de
//! communes", "mairie"), which also says what kind of party it is, or at a
//! capitalized word ("maire de Carrouges"); it goes on over capitalized words
//! and the small words of place names ("Nièvre et Somme"), and stops at a
//! comma, a person's name, or an `org_stop` word that opens something else
//! ("Caf de la Sarthe Pour la Communauté ...").

use super::tokens::{hard_stop, joined, phrase_at, tokens, Token};
use crate::record::{Evidence, RuleId};
use crate::rules::lexicon::{Lexicon, PartyKind};
use std::collections::HashMap;
use std::ops::Range;

/// Where people's names start, sorted, maybe but one (the name of the
/// mention being read): a role or a body's name stops there. Asked once per
/// word, by binary search: a page of names has as many starts as words.
#[derive(Debug, Clone, Copy)]
pub(super) struct NameStarts<'a> {
    starts: &'a [usize],
    except: Option<usize>,
}

impl<'a> NameStarts<'a> {
    /// No name.
    pub const NONE: NameStarts<'static> = NameStarts {
        starts: &[],
        except: None,
    };

    /// The starts of `starts`, which must be sorted.
    pub fn new(starts: &'a [usize]) -> NameStarts<'a> {
        debug_assert!(starts.windows(2).all(|w| w[0] <= w[1]));
        NameStarts {
            starts,
            except: None,
        }
    }

    /// The same without `start`.
    pub fn except(self, start: usize) -> NameStarts<'a> {
        NameStarts {
            except: Some(start),
            ..self
        }
    }

    /// Whether a name starts at byte `at`.
    pub fn contains(&self, at: usize) -> bool {
        self.except != Some(at) && self.starts.binary_search(&at).is_ok()
    }
}

/// A body read from the text.
#[derive(Debug, Clone)]
pub(super) struct Org {
    /// Its name's byte range.
    pub range: Range<usize>,
    /// The kind its head word says; none for a place ("maire de Carrouges").
    pub kind: Option<PartyKind>,
    /// Only a head word ("la Caf", "la ville"): it needs the party it refers to.
    pub generic: bool,
}

/// A body chosen for a person, with how sure it is.
#[derive(Debug, Clone)]
pub(super) struct OrgChoice {
    /// The body.
    pub org: Org,
    /// 3: read with the role; 2: an institution named before in the sentence;
    /// 1: a place named before, or the only party of the kind the role implies.
    pub rank: u8,
    /// The rule of the mention the body was read with.
    pub rule: RuleId,
    /// The party's own evidence, when the body is the party itself.
    pub party_evidence: Option<Evidence>,
}

/// An `org_head` at `i`; a head of one short word must be capitalized ("CA",
/// not "ça").
pub(super) fn head_at(lex: &Lexicon, toks: &[Token], i: usize) -> Option<(usize, PartyKind)> {
    let (n, kind) = phrase_at(&lex.org_head, toks, i)?;
    let short = n == 1 && toks[i].folded.len() <= 4;
    (!short || toks[i].capital).then_some((n, *kind))
}

fn is_article(lex: &Lexicon, t: &Token) -> bool {
    lex.article.contains_folded(&t.folded)
}

/// Whether the words before token `k` (articles passed over) say where, not
/// who ("à la mairie de X", "à l'Ancien Collège").
pub(super) fn after_location(lex: &Lexicon, toks: &[Token], k: usize) -> bool {
    let mut j = k;
    while j > 0 && is_article(lex, &toks[j - 1]) {
        j -= 1;
    }
    lex.commune_location_before.entries().any(|e| {
        !e.words.is_empty()
            && e.words.len() <= j
            && toks[j - e.words.len()..j]
                .iter()
                .zip(&e.words)
                .all(|(t, w)| t.folded == *w)
    })
}

/// The body whose name starts at token `i` (articles skipped); `names` are
/// where people's names start, which no body's name runs into.
pub(super) fn org_at(lex: &Lexicon, toks: &[Token], i: usize, names: NameStarts) -> Option<Org> {
    let mut k = i;
    while k < toks.len() && is_article(lex, &toks[k]) {
        k += 1;
    }
    let first = toks.get(k)?;
    if k > i && hard_stop(first.gap) {
        return None;
    }
    let (mut j, kind, mut end) = match head_at(lex, toks, k) {
        Some((n, kind)) => (k + n, Some(kind), toks[k + n - 1].range.end),
        // a place's name, never one letter (the "C" of "présidente du C.A.")
        None if first.capital
            && first.word.chars().nth(1).is_some()
            && !names.contains(first.range.start) =>
        {
            (k + 1, None, first.range.end)
        }
        None => return None,
    };
    let head_end = end;
    if kind.is_some() && toks.get(j).is_some_and(|t| !opens_name(lex, t)) {
        return Some(Org {
            range: first.range.start..end,
            generic: true,
            kind,
        });
    }
    let mut aside_skipped = false;
    loop {
        while j < toks.len() {
            match name_goes_on(lex, toks, j, names) {
                Some(next) => {
                    end = toks[next - 1].range.end;
                    j = next;
                }
                None => break,
            }
        }
        // the acronym in brackets between a head word and the rest of its
        // name: "la Caisse d'allocations familiales (Caf) de l'Hérault"
        match (kind.is_some() && !aside_skipped)
            .then(|| name_after_aside(lex, toks, j))
            .flatten()
        {
            Some(next) => {
                end = toks[next - 1].range.end;
                j = next;
                aside_skipped = true;
            }
            None => break,
        }
    }
    Some(Org {
        range: first.range.start..end,
        generic: kind.is_some() && end == head_end,
        kind,
    })
}

/// Whether token `t`, right after a body's kind word, may open its name:
/// not a capitalized word that opens the next line ("la communauté de
/// communes" ending a title line, then "Signature de la convention"; a name
/// wrapped onto the next line goes on there with its small word: "de la
/// Nièvre"), nor a preposition of place ("la communauté de communes à
/// Champagnole" says where it sits). Names inside go on over such words ("de
/// l'Oust à Brocéliande").
fn opens_name(lex: &Lexicon, t: &Token) -> bool {
    (!t.new_line || !t.capital) && !lex.place_preposition.contains_folded(&t.folded)
}

/// Where a body's name starts whose kind word comes last, the head at token
/// `k` ("Mauges Communauté", "Espace Communautaire Lons Agglomération": an
/// `epci_kind_after` word, capitalized: not "Côté agglomération"): the
/// capitalized words joined before it, none a person's name, a role or a word
/// that opens something else ("Pour").
fn name_before_kind(lex: &Lexicon, toks: &[Token], k: usize, names: NameStarts) -> Option<usize> {
    if !toks[k].capital || !lex.epci_kind_after.contains_folded(&toks[k].folded) {
        return None;
    }
    let mut j = k;
    while j > 0 && joined(&toks[j]) {
        let t = &toks[j - 1];
        let part = t.capital
            && !names.contains(t.range.start)
            && !lex.org_stop.contains_folded(&t.folded)
            && lex.role_word.lookup(&t.folded).is_none()
            && head_at(lex, toks, j - 1).is_none();
        if !part {
            break;
        }
        j -= 1;
    }
    (j < k).then_some(j)
}

/// Where a body's name ends that goes on after an acronym in brackets at
/// token `j` ("(Caf) de l'Hérault"): small words then a capitalized one.
fn name_after_aside(lex: &Lexicon, toks: &[Token], j: usize) -> Option<usize> {
    let acronym = toks.get(j)?;
    if acronym.gap != "(" || !acronym.capital {
        return None;
    }
    let after = j + 1;
    if toks.get(after)?.gap != ")" {
        return None;
    }
    let mut m = after;
    while m < toks.len()
        && lex.place_lower_word.contains_folded(&toks[m].folded)
        && (m == after || joined(&toks[m]))
    {
        m += 1;
    }
    let name = toks.get(m)?;
    (m > after && name.capital && joined(name)).then_some(m + 1)
}

/// Whether a body's name goes on at token `j`, and where it then ends (the
/// token after its last word): a capitalized word or a number, or small words
/// then a capitalized one ("Nièvre et Somme"); not a second body ("Guise et la
/// Caf").
fn name_goes_on(lex: &Lexicon, toks: &[Token], j: usize, names: NameStarts) -> Option<usize> {
    let t = &toks[j];
    if !joined(t) || names.contains(t.range.start) {
        return None;
    }
    if t.capital && lex.org_stop.contains_folded(&t.folded) {
        return None;
    }
    // a department's number ("Caf 23", "Caf 974"), not a year ("Caf 2019"),
    // on the body's line: on the next, a number opens a date or a list
    let digit = (1..=3).contains(&t.folded.len())
        && t.folded.chars().all(|c| c.is_ascii_digit())
        && !t.new_line;
    if t.capital || digit {
        return Some(j + 1);
    }
    // a small word inside a hyphenated name ("Entre-deux-Guiers")
    let hyphenated = t.gap == "-"
        && toks
            .get(j + 1)
            .is_some_and(|n| n.gap == "-" && n.capital && !names.contains(n.range.start));
    if hyphenated {
        return Some(j + 2);
    }
    if !lex.place_lower_word.contains_folded(&t.folded) {
        return None;
    }
    let mut m = j;
    while m < toks.len() && lex.place_lower_word.contains_folded(&toks[m].folded) {
        m += 1;
    }
    let next = toks.get(m);
    let joins = next.is_some_and(|n| {
        n.capital && joined(n) && !names.contains(n.range.start) && !n.gap.contains(',')
    }) && (j + 1..m).all(|x| joined(&toks[x]));
    let conjunction = lex.conjunction.contains_folded(&toks[j].folded);
    // "Mossig et du Vignoble", "Coteaux et des Vallées" go on; "Guise et la
    // Caf" names a second body, "Vaas et de Mayet" a second commune, "Paris
    // et Présidente du Conseil" a second office
    let of_name = m - j == 2 && lex.name_partitive.contains_folded(&toks[j + 1].folded);
    let office = phrase_at(&lex.role_word, toks, m).is_some();
    let another =
        conjunction && ((m - j > 1 && !of_name) || head_at(lex, toks, m).is_some() || office);
    (joins && !another).then_some(m + 1)
}

/// The bodies each sentence names, found once per sentence.
pub(super) struct Bodies {
    /// Where people's names start, sorted: a body's name stops there.
    names: Vec<usize>,
    by_sentence: HashMap<usize, Vec<Org>>,
}

impl Bodies {
    /// No sentence read yet; `names` are where people's names start.
    pub fn new(mut names: Vec<usize>) -> Bodies {
        names.sort_unstable();
        names.dedup();
        Bodies {
            names,
            by_sentence: HashMap::new(),
        }
    }

    /// The bodies named in `sentence` (at an `org_head`, not after a location
    /// word), in text order; an acronym in parentheses right after a body is
    /// that body ("Syndicat ... du Jabron (SIVOS du Jabron)"), not another one.
    pub fn of(&mut self, text: &str, lex: &Lexicon, sentence: Range<usize>) -> &[Org] {
        let names = NameStarts::new(&self.names);
        self.by_sentence.entry(sentence.start).or_insert_with(|| {
            let toks = tokens(text, sentence);
            let mut found: Vec<Org> = Vec::new();
            let mut k = 0;
            while k < toks.len() {
                let org = head_at(lex, &toks, k)
                    .filter(|_| !after_location(lex, &toks, k))
                    .and_then(|_| org_at(lex, &toks, k, names));
                let Some(mut org) = org else {
                    k += 1;
                    continue;
                };
                if let Some(start) = name_before_kind(lex, &toks, k, names) {
                    org.range.start = toks[start].range.start;
                    org.generic = false;
                }
                while k < toks.len() && toks[k].range.start < org.range.end {
                    k += 1;
                }
                let alias = found
                    .last()
                    .is_some_and(|prev| text[prev.range.end..org.range.start].trim() == "(");
                if !alias {
                    found.push(org);
                }
            }
            found
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;
    use std::sync::OnceLock;

    fn lex() -> &'static Lexicon {
        static RULES: OnceLock<RuleSet> = OnceLock::new();
        RULES
            .get_or_init(|| RuleSet::load(None).expect("built-in rules compile"))
            .lexicon()
    }

    fn org(text: &str) -> Option<(String, Option<PartyKind>, bool)> {
        let toks = tokens(text, 0..text.len());
        org_at(lex(), &toks, 0, NameStarts::NONE)
            .map(|o| (text[o.range].to_string(), o.kind, o.generic))
    }

    #[test]
    fn a_body_whose_kind_word_comes_last_starts_at_its_name() {
        let text = "Pour Mauges Communauté : Jean Petit, président. Côté agglomération, Anne Roux.";
        let mut bodies = Bodies::new(Vec::new());
        let found: Vec<&str> = bodies
            .of(text, lex(), 0..text.len())
            .iter()
            .map(|o| &text[o.range.clone()])
            .collect();
        assert_eq!(found, ["Mauges Communauté", "agglomération"]);
    }

    #[test]
    fn a_body_runs_over_capitals_and_small_words_of_its_name() {
        assert_eq!(
            org("la Caf de la Loire, qui"),
            Some(("Caf de la Loire".into(), Some(PartyKind::Caf), false))
        );
        assert_eq!(
            org("Communauté de communes Nièvre et Somme a signé"),
            Some((
                "Communauté de communes Nièvre et Somme".into(),
                Some(PartyKind::Epci),
                false
            ))
        );
        assert_eq!(
            org("la ville"),
            Some(("ville".into(), Some(PartyKind::Commune), true))
        );
    }

    #[test]
    fn a_body_runs_over_a_small_word_inside_a_hyphenated_name() {
        assert_eq!(
            org("la mairie d'Entre-deux-Guiers, où").map(|o| o.0),
            Some("mairie d'Entre-deux-Guiers".into())
        );
    }

    #[test]
    fn a_body_stops_before_a_second_body_or_another_column() {
        assert_eq!(
            org("la mairie de Guise et la Caf").map(|o| o.0),
            Some("mairie de Guise".into())
        );
        assert_eq!(
            org("Caf de la Sarthe Pour la Communauté").map(|o| o.0),
            Some("Caf de la Sarthe".into())
        );
        assert_eq!(
            org("mairie de Lyon et Vice-présidente de la Métropole").map(|o| o.0),
            Some("mairie de Lyon".into())
        );
        assert_eq!(org("ça ira"), None, "a short head word must be capitalized");
    }

    #[test]
    fn a_department_number_is_part_of_a_body_a_year_is_not() {
        assert_eq!(org("Caf 23, qui").map(|o| o.0), Some("Caf 23".into()));
        assert_eq!(
            org("la Caf\n2019-2023 : trois signatures").map(|o| o.0),
            Some("Caf".into())
        );
        assert_eq!(
            org("Caf du Gers\n12 mars 2024").map(|o| o.0),
            Some("Caf du Gers".into()),
            "a day on the next line"
        );
    }

    #[test]
    fn a_kind_word_alone_stays_alone_before_a_place_or_a_title_line() {
        assert_eq!(
            org("la communauté de communes à Pontarlier, sous la présidence").map(|o| o.0),
            Some("communauté de communes".into())
        );
        assert_eq!(
            org("la communauté de communes\nBilan de l'année").map(|o| o.0),
            Some("communauté de communes".into())
        );
        assert_eq!(
            org("la Caisse d'allocations familiales\nde la Lozère, qui").map(|o| o.0),
            Some("Caisse d'allocations familiales\nde la Lozère".into()),
            "a name wrapped onto the next line with its small word"
        );
        assert_eq!(
            org("la communauté de communes de l'Aire à l'Argonne, qui").map(|o| o.0),
            Some("communauté de communes de l'Aire à l'Argonne".into())
        );
    }

    #[test]
    fn a_place_after_a_location_word_is_where_not_who() {
        let text = "réunis à la mairie de Carrouges";
        let toks = tokens(text, 0..text.len());
        let at = toks.iter().position(|t| t.folded == "carrouges").unwrap();
        assert!(after_location(lex(), &toks, at));
        let text = "le maire de Carrouges";
        let toks = tokens(text, 0..text.len());
        assert!(!after_location(lex(), &toks, 3));
    }
}
