//! Communes: every name of the gazetteer judged as a commune mention or not,
//! and the mentions grouped by commune.

use super::{Tables, COMMUNE_GAZETTEER};
use crate::extract::spans::Spans;
use crate::normalize::fold::{fold, Folded};
use crate::normalize::Text;
use crate::places::{departements, gazetteer};
use crate::record::{Commune, RuleId};
use crate::refdata::{self, CommuneType};
use crate::rules::lexicon::WordSet;
use crate::rules::trace::Unusable;
use crate::rules::{evidence, Match};
use std::ops::Range;

/// A commune mention that passed every test.
pub(super) struct CommuneMention {
    /// Index into the reference data's communes.
    pub commune: usize,
    /// Byte range of the name.
    pub range: Range<usize>,
    /// Where the name starts in the folded text.
    pub folded_start: usize,
}

/// What judging a gazetteer hit reads besides the hit: the text, folded, the
/// place tables, the spans of other names, the `commune` rules' contexts and
/// the document's departments.
pub(super) struct Judge<'a, 'r> {
    /// The normalized text.
    pub text: &'a str,
    /// The text folded.
    pub folded: &'a Folded,
    /// The place tables of the lexicon.
    pub tables: &'a Tables<'r>,
    /// Spans of CAF, EPCI and territory names: no commune lies in them.
    pub blocked: &'a Spans,
    /// Spans where a `commune` rule backs a name ("la commune de Plan").
    pub contexts: &'a [(&'a Match<'r, 'a>, Range<usize>)],
    /// The same spans, to find those around a name by binary search.
    pub context_spans: &'a Spans,
    /// The document's departments.
    pub departments: &'a [&'a str],
    /// Members (INSEE codes) of the EPCI named in a party scope: of two
    /// homonyms in the document's departments, a member is the one meant.
    pub members: &'a [&'static str],
}

impl Judge<'_, '_> {
    /// Whether a commune name found by the gazetteer is a commune mention, and
    /// which commune; else why not, with the candidates' codes.
    pub fn judge(
        &self,
        hit: &gazetteer::Hit,
        range: &Range<usize>,
    ) -> Result<usize, (Unusable, Vec<String>)> {
        let candidates = self.candidates(hit);
        if candidates.is_empty() || !self.is_mention(hit, range) {
            return Err((Unusable::NotAPlace, Vec::new()));
        }
        let written = &self.text[range.clone()];
        // "Vire (Calvados)", "Saint-Martin (38)": the department the text
        // gives in brackets outranks the document's
        match qualifier(&self.text[range.end..]) {
            Some(code) => choose(&candidates, &[code], self.members, written),
            None => choose(&candidates, self.departments, self.members, written),
        }
    }

    /// The communes of the hit's name; one whose name starts with an article
    /// needs it contracted before the name when it is left out ("du Revest").
    fn candidates(&self, hit: &gazetteer::Hit) -> Vec<usize> {
        let before = self.folded.words_before(hit.start).next().unwrap_or("");
        let contraction = self.tables.lexicon.article_contraction.get_folded(before);
        hit.entry
            .communes
            .iter()
            .filter(|(_, article)| match article {
                None => true,
                Some(article) => contraction.is_some_and(|a| a == article),
            })
            .map(|(i, _)| *i)
            .collect()
    }

    /// Whether the name is used as a commune's: capitalized, inside no other
    /// name, after no word of `commune_not_after`, next to no other capitalized
    /// word, and backed by a `commune` rule when it is an ordinary word.
    fn is_mention(&self, hit: &gazetteer::Hit, range: &Range<usize>) -> bool {
        let lexicon = self.tables.lexicon;
        let written = &self.text[range.clone()];
        // a name written as the official one is capitalized as it should be,
        // inner small words included ("Entre-deux-Guiers")
        let data = refdata::get();
        let official = || {
            hit.entry
                .communes
                .iter()
                .any(|(i, _)| data.communes[*i].name == written)
        };
        if !(capitalized(written, &lexicon.place_lower_word) || official())
            || self.blocked.covers(range.start, range.end)
            || self
                .folded
                .phrase_before(hit.start, &self.tables.not_after, &[])
                .is_some()
            || capitalized_neighbour(self.text, range, &self.tables.neighbours)
            || hyphen_joined(self.text, range)
        {
            return false;
        }
        // an ordinary word, or a department's name ("Doubs"), needs a commune context
        let key = &self.folded.as_str()[hit.start..hit.end];
        let ordinary = lexicon.commune_common_word.contains_folded(key)
            || departements::get().is_name(key)
            || self.misaccented(hit, written);
        !ordinary || self.context_spans.covers(range.start, range.end)
    }

    /// Whether a one-word name is written with a small letter's accent unlike
    /// every commune it may be ("Place" for Placé): writers drop a capital's
    /// accent, seldom a small letter's, so the word is likely an ordinary one.
    /// A text in capitals says nothing.
    fn misaccented(&self, hit: &gazetteer::Hit, written: &str) -> bool {
        if written.contains([' ', '-', '\'', '’']) || !written.chars().any(char::is_lowercase) {
            return false;
        }
        let data = refdata::get();
        let written = as_written(written);
        hit.entry.communes.iter().all(|&(i, article)| {
            let name = data.communes[i].name;
            let name = match article {
                Some(_) => name
                    .split_once([' ', '\'', '’'])
                    .map_or(name, |(_, rest)| rest),
                None => name,
            };
            let official = as_written(name);
            official != written && official.chars().count() == written.chars().count()
        })
    }
}

/// The department named in brackets right after a place's name: "(Calvados)",
/// "(14)", "( Côte-d'Or )".
fn qualifier(after: &str) -> Option<&'static str> {
    let inner = after.trim_start_matches([' ', '\t']).strip_prefix('(')?;
    let inner = &inner[..inner.find(')').filter(|&end| end <= 40)?];
    let inner = inner.trim();
    let data = refdata::get();
    match data.departement(inner) {
        Some(d) => Some(d.code),
        None => departements::get().get(&fold(inner)),
    }
}

/// `name` lower-cased, the first letter of each word without its accent: a
/// capital often loses its accent ("Etampes"), a small letter does not.
fn as_written(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut word_start = true;
    for c in name.chars() {
        if word_start && c.is_alphabetic() {
            out.push_str(&fold(&c.to_string()));
        } else {
            out.extend(c.to_lowercase());
        }
        word_start = matches!(c, ' ' | '-' | '\'' | '’');
    }
    out
}

/// Of homonymous communes, the one in the document's departments; of names
/// that differ by an accent, the one `written` as the text does ("Vire", not
/// "Viré"); of a current commune and a former one of the same name, the
/// current one; of two in the departments of an EPCI that spans them
/// ("Parisot" in the Tarn and in Tarn-et-Garonne), its member.
fn choose(
    candidates: &[usize],
    departments: &[&str],
    members: &[&str],
    written: &str,
) -> Result<usize, (Unusable, Vec<String>)> {
    let data = refdata::get();
    let codes = |list: &[usize]| -> Vec<String> {
        list.iter()
            .map(|&i| data.communes[i].insee.to_string())
            .collect()
    };
    let mut near: Vec<usize> = if departments.is_empty() {
        candidates.to_vec()
    } else {
        candidates
            .iter()
            .copied()
            .filter(|&i| departments.contains(&data.communes[i].departement))
            .collect()
    };
    if near.is_empty() {
        return Err((Unusable::UnknownPlace, codes(candidates)));
    }
    if near.len() > 1 {
        let written = as_written(written);
        let spelled: Vec<usize> = near
            .iter()
            .copied()
            .filter(|&i| as_written(data.communes[i].name) == written)
            .collect();
        if !spelled.is_empty() {
            near = spelled;
        }
    }
    if near.len() > 1 {
        let current: Vec<usize> = near
            .iter()
            .copied()
            .filter(|&i| data.communes[i].kind == CommuneType::Commune)
            .collect();
        if !current.is_empty() {
            near = current;
        }
    }
    if near.len() > 1 {
        let member: Vec<usize> = near
            .iter()
            .copied()
            .filter(|&i| members.contains(&data.communes[i].insee))
            .collect();
        if let [one] = member[..] {
            near = vec![one];
        }
    }
    match near.as_slice() {
        [one] => Ok(*one),
        _ => Err((Unusable::AmbiguousPlace, codes(&near))),
    }
}

/// Whether every word of a name that is not an article or a preposition starts
/// with a capital, an elided article or preposition passed over
/// ("Villeneuve-d'Ascq"); a capital before an apostrophe starts its word
/// ("M'tsamboro").
pub(super) fn capitalized(written: &str, lower: &WordSet) -> bool {
    written
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '‐' | '‑'))
        .filter(|w| !w.is_empty())
        .map(|w| match w.split_once(['\'', '’']) {
            Some((elided, rest)) if lower.lookup(elided).is_some() && !rest.is_empty() => rest,
            _ => w,
        })
        .filter(|w| lower.lookup(w).is_none())
        .all(|w| w.starts_with(char::is_uppercase) || !w.starts_with(char::is_alphanumeric))
}

/// Whether a capitalized word stands right next to the name on the same line
/// (a given name before a surname, a longer proper name), other than a word of
/// the `capitalized_neighbour` table.
pub(super) fn capitalized_neighbour(text: &str, range: &Range<usize>, allowed: &[&str]) -> bool {
    let is_gap = |c: char| c == ' ' || c == '\t';
    let before = &text[..range.start];
    let prev = before
        .strip_suffix(is_gap)
        .map(|b| b.trim_end_matches(is_gap))
        .and_then(|b| {
            b.rsplit(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
                .next()
        });
    let after = &text[range.end..];
    let next = after
        .strip_prefix(is_gap)
        .map(|a| a.trim_start_matches(is_gap))
        .and_then(|a| {
            a.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
                .next()
        });
    [prev, next]
        .into_iter()
        .flatten()
        .any(|w| w.starts_with(char::is_uppercase) && !allowed.contains(&fold(w).as_str()))
}

/// Whether the name is the end of a longer hyphenated name ("Deux-Sèvres",
/// "Seine-Saint-Denis") or runs on into a capitalized word ("Saint-Étienne-
/// Métropole"): not a commune's, since the gazetteer already matched any
/// longer commune name. A lower-case word after it may be an unofficial
/// spelling of the commune itself ("Clichy-la-Garenne" for Clichy), and a
/// word that is itself a commune's name is a second commune written against
/// it ("Scolca-Vignale" in a table read by OCR).
fn hyphen_joined(text: &str, range: &Range<usize>) -> bool {
    let not_word = |c: char| !(c.is_alphabetic() || c == '\'' || c == '’');
    let joined_before = (text[..range.start].strip_suffix('-'))
        .and_then(|b| b.rsplit(not_word).next())
        .filter(|w| !w.is_empty());
    let after = text[range.end..].strip_prefix('-');
    let joined_after = after
        .and_then(|a| a.split(not_word).next())
        .filter(|w| w.starts_with(char::is_uppercase));
    // a department's name joined by a small word: "Saône-et-Loire",
    // "Lot-et-Garonne" (not "Clichy-la-Garenne", written for Clichy)
    let in_department_name = after
        .and_then(|a| a.split_once('-'))
        .is_some_and(|(small, rest)| {
            let last = rest.split(not_word).next().unwrap_or("");
            small.chars().all(char::is_lowercase)
                && last.starts_with(char::is_uppercase)
                && departements::get()
                    .is_name(&fold(&format!("{}-{small}-{last}", &text[range.clone()])))
        });
    in_department_name
        || [joined_before, joined_after]
            .into_iter()
            .flatten()
            .any(|word| !gazetteer::get().is_whole_name(word))
}

/// Mentions grouped by commune, in order of first mention.
pub(super) fn group(mentions: &[CommuneMention], text: &Text) -> Vec<Commune> {
    let data = refdata::get();
    let mut communes: Vec<Commune> = Vec::new();
    for m in mentions {
        let c = &data.communes[m.commune];
        let ev = evidence(
            &RuleId(COMMUNE_GAZETTEER.into()),
            text,
            m.range.start,
            m.range.end,
        );
        let current = match c.kind {
            CommuneType::Commune | CommuneType::Arrondissement => None,
            _ => c.parent.map(str::to_string),
        };
        match communes
            .iter_mut()
            .find(|x| x.insee == c.insee && x.current_commune == current)
        {
            Some(existing) => existing.mentions.push(ev),
            None => communes.push(Commune {
                insee: c.insee.to_string(),
                name: c.name.to_string(),
                department: c.departement.to_string(),
                current_commune: current,
                mentions: vec![ev],
            }),
        }
    }
    communes
}
