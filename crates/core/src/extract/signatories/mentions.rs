//! Mentions: each match of a `signatory` rule read as a person (name, role,
//! body, whether it is in a passage about the signature, whether a veto covers
//! it), and mentions of the same person pooled.

use super::bodies::{after_location, org_at, NameStarts, Org};
use super::names::{name, same_person, Name};
use super::roles::parse_role;
use super::tokens::tokens;
use super::{trace, Inputs};
use crate::extract::spans::Spans;
use crate::normalize::fold::fold;
use crate::record::{RoleCode, RuleId};
use crate::rules::lexicon::{Lexicon, PartyKind};
use crate::rules::trace::{Considered, Status, Unusable};
use crate::rules::veto::Vetoes;
use crate::rules::{Match, RuleKind};
use std::ops::Range;

/// One person named by one match.
#[derive(Debug)]
pub(super) struct Mention<'r> {
    /// The rule.
    pub rule: &'r RuleId,
    /// Its priority.
    pub priority: i32,
    /// The name in natural case.
    pub name: String,
    /// Folded name words.
    pub key: Vec<String>,
    /// The name's byte range.
    pub name_range: Range<usize>,
    /// Byte range of the whole match.
    pub span: Range<usize>,
    /// The role's words and code.
    pub role: Option<(Range<usize>, RoleCode)>,
    /// The body read with the role.
    pub org: Option<Org>,
    /// The words read as role and body.
    pub read: Option<Range<usize>>,
    /// The kind of party the role implies.
    pub hint: Option<PartyKind>,
    /// Another kind of party the role may be of, when such a body is named
    /// before the person.
    pub also: Option<PartyKind>,
    /// In a passage about the signature.
    pub in_scope: bool,
    /// The veto rule whose match covers the name.
    pub vetoed: Option<RuleId>,
    /// That veto spares the officers of the convention's parties.
    pub veto_spares_officers: bool,
    /// That veto holds for every mention of the person.
    pub veto_whole_person: bool,
    /// Only a name: no role or body was read with it.
    pub bare: bool,
    /// A civility stands before the name ("M. Dupont").
    pub civil: bool,
    /// Index into the matches.
    pub index: usize,
}

/// Every match read as a mention; a match whose name is no name goes to
/// `considered` as unusable.
pub(super) fn read<'r>(
    inputs: &Inputs<'_, 'r, '_>,
    considered: &mut Vec<Considered>,
) -> Vec<Mention<'r>> {
    let lex = inputs.rules.lexicon();
    let named = names_first(inputs, lex);
    // (only names read with a role: a bare "Maine Cœur de Sarthe" must not cut
    // the body "Communauté de communes Maine Cœur de Sarthe")
    let mut starts: Vec<usize> = named
        .iter()
        .filter(|n| n.role.is_some())
        .filter_map(|n| n.name.as_ref().map(|(r, _)| r.start))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let vetoes = NameVetoes::of(inputs);
    let mut mentions = Vec::new();
    for n in named {
        crate::budget::check();
        let m = &inputs.matches[n.index];
        match n.name.clone() {
            Some(name) if body_of_role(inputs.text.as_str(), &n, &name.0) => {
                considered.push(trace(m, None, Status::Unusable(Unusable::NotAName)))
            }
            Some(name) => mentions.push(mention(inputs, lex, m, &n, name, &starts, &vetoes)),
            None => considered.push(trace(m, None, Status::Unusable(Unusable::NotAName))),
        }
    }
    share_body_forward(inputs.text.as_str(), &mut mentions);
    mentions
}

/// Whether the "name" a role leads to is the role's body: right after the
/// role and a preposition ("Le président de [Cap Excellence], Fabrice
/// Lacroix-Bernier"), and not saying itself it is a person's (a known given
/// name, a surname in capitals) or reading as a place's ("Cap", a given name,
/// opens the name of the agglomeration Cap Excellence).
fn body_of_role(text: &str, named: &Named, name: &Range<usize>) -> bool {
    let Some(role) = &named.role else {
        return false;
    };
    if role.start >= name.start {
        return false;
    }
    let before = text[..name.start].trim_end();
    let last = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let preposition =
        matches!(last, "de" | "du" | "des") || last.ends_with(['\'', '’']) && fold(last) == "d";
    let written = &text[name.clone()];
    preposition
        && (!super::names::reads_as_person(written) || super::names::looks_like_place(written))
}

/// "Stéphanie Abid, directrice, et Franck Rapinat, président de la Caf de la
/// Creuse": the head of a body (president, vice-president, director) named
/// without its body, joined by "et" to another head's role and body, shares
/// that body, unless the role implies another kind of party. Other roles keep
/// none ("Anne Gaubert, sénatrice, et Claire Morin, conseillère de la Caf").
fn share_body_forward(text: &str, mentions: &mut [Mention]) {
    let head = |m: &Mention| {
        m.role.as_ref().is_some_and(|(_, code)| {
            matches!(
                code,
                RoleCode::President | RoleCode::VicePresident | RoleCode::Director
            )
        })
    };
    // ", et " or " et " only (with any white space): the next head starts
    // a few bytes on
    let joined = |gap: &str| {
        let gap = gap.trim();
        let gap = gap.strip_prefix(',').unwrap_or(gap);
        gap.trim() == "et"
    };
    // the heads by where their names start, each found by binary search (a
    // text of many names costs no scan of all of them per name)
    let mut heads: Vec<usize> = (0..mentions.len())
        .filter(|&i| head(&mentions[i]))
        .collect();
    heads.sort_by_key(|&i| mentions[i].name_range.start);
    let shared: Vec<(usize, Org)> = heads
        .iter()
        .filter(|&&i| mentions[i].org.is_none())
        .filter_map(|&i| {
            let a = &mentions[i];
            let end = a.read.as_ref()?.end;
            let from = heads.partition_point(|&j| mentions[j].name_range.start <= end);
            let b = heads[from..]
                .iter()
                .map(|&j| &mentions[j])
                .take_while(|b| b.name_range.start <= end + 32)
                .find(|b| text.get(end..b.name_range.start).is_some_and(joined))?;
            let org = b.org.clone()?;
            let fits = a.hint.is_none() || org.kind.is_none() || a.hint == org.kind;
            fits.then_some((i, org))
        })
        .collect();
    for (i, org) in shared {
        mentions[i].org = Some(org);
    }
}

/// A person a match names, with the words that give their role.
#[derive(Debug, Clone)]
struct Named {
    /// Index of the match.
    index: usize,
    /// The name, when it is one.
    name: Option<Name>,
    /// The words of the role: the `role` capture, or this person's part of a
    /// `roles` capture.
    role: Option<Range<usize>>,
    /// The body named after the last role of a `roles` capture ("président et
    /// vice-président de la CATV"), which every role of the list shares.
    shared_org: Option<Range<usize>>,
    /// This person's own body, in brackets after their name in a list ("les
    /// maires, Paul Roy (Lugos) et Anne Vidal (Salles)").
    own_org: Option<Range<usize>>,
}

/// The parts of a list (`text[range]`): split at commas, semicolons and
/// conjunctions ("et"), trimmed.
fn split_list(lex: &Lexicon, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut cuts: Vec<(usize, usize)> = text[range.clone()]
        .char_indices()
        .filter(|(_, c)| matches!(c, ',' | ';'))
        .map(|(i, c)| (range.start + i, range.start + i + c.len_utf8()))
        .collect();
    cuts.extend(
        tokens(text, range.clone())
            .into_iter()
            // "et" between words or after a bracket ("Paul Roy (Lugos) et Anne
            // Vidal"), not inside a name ("Loir-et-Cher")
            .filter(|t| matches!(t.gap, "" | ")") && lex.conjunction.contains_folded(&t.folded))
            .map(|t| (t.range.start, t.range.end)),
    );
    cuts.sort_unstable();
    let mut parts = Vec::new();
    let mut start = range.start;
    for (a, b) in cuts {
        if a >= start {
            parts.push(start..a);
            start = b;
        }
    }
    parts.push(start..range.end);
    parts
        .into_iter()
        .map(|r| trimmed(text, r))
        .filter(|r| r.start < r.end)
        .collect()
}

/// `range` without the white space at its ends.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let piece = &text[range.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    range.start + lead..range.end - trail
}

/// A list item split into the name and the body in brackets after it ("Paul
/// Roy (Lugos)" -> "Paul Roy", "Lugos"), or after "pour" ("Anne Roy pour
/// Vervins"); an item with neither is all name.
fn bracketed_body(text: &str, part: Range<usize>) -> (Range<usize>, Option<Range<usize>>) {
    let piece = &text[part.clone()];
    match (piece.find('('), piece.strip_suffix(')')) {
        (Some(open), Some(_)) if open > 0 => {
            let inner = trimmed(text, part.start + open + 1..part.end - 1);
            let name = trimmed(text, part.start..part.start + open);
            (name, (inner.start < inner.end).then_some(inner))
        }
        // "Anne Roy pour Vervins": the body after "pour"
        _ => match piece.find(" pour ") {
            Some(at) if at > 0 => {
                let body = trimmed(text, part.start + at + " pour ".len()..part.end);
                let name = trimmed(text, part.start..part.start + at);
                (name, (body.start < body.end).then_some(body))
            }
            _ => (part, None),
        },
    }
}

/// A list item from its first capitalized word: the body's name after the
/// small words that introduce it ("de Rostrenen" -> "Rostrenen", "d'Arnas"
/// -> "Arnas").
fn from_capital(text: &str, part: Range<usize>) -> Range<usize> {
    tokens(text, part.clone())
        .iter()
        .find(|t| t.capital)
        .map_or(part.clone(), |t| t.range.start..part.end)
}

/// A list item without the civility that opens it ("M. Galzin" -> "Galzin").
fn after_civility(lex: &Lexicon, text: &str, part: Range<usize>) -> Range<usize> {
    let piece = &text[part.clone()];
    let Some(first) = piece.split_whitespace().next() else {
        return part;
    };
    if piece.split_whitespace().count() < 2 || !lex.civility_word.contains_folded(&fold(first)) {
        return part;
    }
    let rest = &piece[first.len()..];
    let skip = first.len() + (rest.len() - rest.trim_start().len());
    part.start + skip..part.end
}

/// The people of every extraction match, each with its name where it is one
/// and lies in no place's name; a `names` capture ("Laurent Brillard et Sam
/// Bâ, respectivement président et vice-président de la CATV") gives one
/// person per name, each with its part of the `roles` capture.
fn names_first(inputs: &Inputs, lex: &Lexicon) -> Vec<Named> {
    let text = inputs.text.as_str();
    let places = Spans::new(inputs.place_spans());
    let outside_places = |(r, n): Name| {
        let (s, e) = (
            inputs.text.char_offset(r.start),
            inputs.text.char_offset(r.end),
        );
        (!places.overlaps(s, e)).then_some((r, n))
    };
    let mut named = Vec::new();
    for (index, m) in inputs.matches.iter().enumerate() {
        if m.rule.kind == RuleKind::Veto {
            continue;
        }
        if let Some(c) = m.captures.get("names") {
            let names = split_list(lex, text, c.range.clone());
            let roles = m
                .captures
                .get("roles")
                .map(|r| split_list(lex, text, r.range.clone()))
                .unwrap_or_default();
            let paired = roles.len() >= names.len();
            let shared_org = paired.then(|| roles[names.len() - 1].clone());
            // a `role` capture is every name's ("les vice-présidents A et B")
            let shared_role = m.captures.get("role").map(|c| c.range.clone());
            let shared_org = shared_org.or_else(|| shared_role.clone());
            // an `orgs` capture gives each name its body, in the same order
            // ("les maires de A, de B et de C, X, Y et Z")
            let orgs = m
                .captures
                .get("orgs")
                .map(|c| split_list(lex, text, c.range.clone()))
                .filter(|orgs| orgs.len() == names.len())
                .unwrap_or_default();
            for (k, part) in names.into_iter().enumerate() {
                let (part, own_org) = bracketed_body(text, part);
                let own_org =
                    own_org.or_else(|| orgs.get(k).map(|o| from_capital(text, o.clone())));
                // "M. Galzin": the name after its civility, which then counts
                let part = after_civility(lex, text, part);
                named.push(Named {
                    index,
                    name: name(lex, text, part).and_then(outside_places),
                    role: if paired {
                        Some(roles[k].clone())
                    } else {
                        shared_role.clone()
                    },
                    shared_org: shared_org.clone(),
                    own_org,
                });
            }
            continue;
        }
        let written = m.captures.get("name").map(|c| c.range.clone());
        let read = written
            .clone()
            .and_then(|c| name(lex, text, c))
            .and_then(outside_places);
        let mut role = m.captures.get("role").map(|c| c.range.clone());
        // the words cut from the front of a name that follows its role end the
        // role's body ("la maire de Trouy Véronique Bernard")
        if let (Some(r), Some((n, _)), Some(w)) = (&mut role, &read, written) {
            if r.end <= w.start && text[r.end..w.start].trim().is_empty() && n.start > w.start {
                r.end = text[..n.start].trim_end().len();
            }
        }
        named.push(Named {
            index,
            name: read,
            role,
            shared_org: None,
            own_org: None,
        });
    }
    named
}

/// One match read as a mention: its role and body, its scope, its veto.
fn mention<'r>(
    inputs: &Inputs<'_, 'r, '_>,
    lex: &Lexicon,
    m: &Match<'r, '_>,
    named: &Named,
    (name_range, name): Name,
    starts: &[usize],
    vetoes: &NameVetoes,
) -> Mention<'r> {
    let index = named.index;
    let text = inputs.text.as_str();
    let others = NameStarts::new(starts).except(name_range.start);
    let mut parse = named
        .role
        .clone()
        .map(|r| parse_role(lex, &tokens(text, r), others))
        .unwrap_or_default();
    if parse.org.is_none() {
        if let Some(own) = named.own_org.clone() {
            parse.org = org_at(lex, &tokens(text, own.clone()), 0, others).map(|mut o| {
                // the evidence of a place's name keeps its capitalized
                // article ("(Le Thor)"), which the organization drops
                if o.kind.is_none()
                    && text[own.start..o.range.start].starts_with(char::is_uppercase)
                {
                    o.range.start = own.start;
                }
                o
            });
        }
    }
    if parse.org.is_none() {
        if let Some(shared) = named.shared_org.clone() {
            parse.org = parse_role(lex, &tokens(text, shared), others).org;
        }
    }
    if let Some(c) = m.captures.get("org") {
        if let Some(o) = org_at(lex, &tokens(text, c.range.clone()), 0, others) {
            parse.org = Some(o);
        }
    }
    // the words actually read as role and body
    let read = match (&parse.role, &parse.org) {
        (Some((r, _)), Some(o)) => Some(r.start.min(o.range.start)..r.end.max(o.range.end)),
        (Some((r, _)), None) => Some(r.clone()),
        (None, Some(o)) => Some(o.range.clone()),
        (None, None) => None,
    };
    let veto = vetoes.covering(name_range.clone());
    let vetoed = veto.map(|v| inputs.matches[v].rule.id.clone());
    let veto_spares_officers = veto.is_some_and(|v| inputs.matches[v].rule.spares_party_officers);
    let veto_whole_person = veto.is_some_and(|v| inputs.matches[v].rule.whole_person);
    Mention {
        rule: &m.rule.id,
        priority: m.rule.priority,
        key: fold(&name).split(' ').map(str::to_string).collect(),
        in_scope: inputs.scopes.contains(&name_range),
        bare: parse.role.is_none() && parse.org.is_none(),
        civil: super::names::civility_before(lex, text, name_range.start),
        name,
        name_range,
        span: m.range.clone(),
        role: parse.role,
        org: parse.org,
        read,
        hint: parse.hint,
        also: parse.also,
        vetoed,
        veto_spares_officers,
        veto_whole_person,
        index,
    }
}

/// The `signatory` vetoes, by the span they cover.
struct NameVetoes {
    /// Those that spare no party officer ("X, coordinatrice").
    strict: Vetoes,
    /// All of them, those that spare party officers too ("indique X").
    all: Vetoes,
}

impl NameVetoes {
    fn of(inputs: &Inputs) -> NameVetoes {
        let span = |v: &Match| (v.range.start, v.range.end);
        NameVetoes {
            strict: Vetoes::new_where(inputs.matches, span, |v| !v.rule.spares_party_officers),
            all: Vetoes::new(inputs.matches, span),
        }
    }

    /// The veto that covers a name: one that spares no party officer
    /// outranks one that does where both cover it.
    fn covering(&self, name: Range<usize>) -> Option<usize> {
        (self.strict.covering(name.start, name.end))
            .or_else(|| self.all.covering(name.start, name.end))
    }
}

/// Drops the bare names that lie inside the role or body another mention read
/// ("Maine Cœur de Sarthe" after "président de la Communauté de communes"), or
/// right after a location word ("à la mairie de Saint-Prix"): no person.
pub(super) fn drop_inner<'r>(
    inputs: &Inputs,
    mentions: Vec<Mention<'r>>,
    considered: &mut Vec<Considered>,
) -> Vec<Mention<'r>> {
    let text = inputs.text.as_str();
    let lex = inputs.rules.lexicon();
    let read = Spans::new(
        mentions
            .iter()
            .filter(|m| !m.bare)
            .filter_map(|m| m.read.clone()),
    );
    // two names side by side, as the columns of a signature block come out of
    // a PDF ("Pascal Pigot Jean-Yves Gouttebel"), are two people named
    // elsewhere, not a third: such a run lends no role or body to either.
    // Each side is a whole name of two words or more: "Jean-Marc" (a given
    // name cut short by a line break) and "FERREIRA-DUMONT" (a list of those
    // present) are the two halves of one name, "Jean-Marc FERREIRA-DUMONT"
    let whole = |m: &Mention| text[m.name_range.clone()].split_whitespace().count() >= 2;
    let keys: std::collections::HashSet<&[String]> = mentions
        .iter()
        .filter(|m| whole(m))
        .map(|m| m.key.as_slice())
        .collect();
    let two_names = |key: &[String]| {
        key.len() >= 4
            && (2..=key.len() - 2).any(|k| keys.contains(&key[..k]) && keys.contains(&key[k..]))
    };
    let runs: Vec<bool> = mentions.iter().map(|m| two_names(&m.key)).collect();
    // a name that is the start of a longer name read at the same place
    // ("Monsieur Dominique" of "Monsieur Dominique\nORSINI") is that name cut
    // short by a line break
    // (one sweep in order of start, the longest first, keeping the name that
    // reaches furthest: names do not nest deeper than one in another)
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| {
        (
            mentions[i].name_range.start,
            std::cmp::Reverse(mentions[i].name_range.end),
        )
    });
    let mut cut = vec![false; mentions.len()];
    let mut furthest: Option<usize> = None;
    for i in order {
        let m = &mentions[i];
        match furthest {
            Some(f) if mentions[f].name_range.end >= m.name_range.end => {
                cut[i] = mentions[f].key.len() > m.key.len();
            }
            _ => furthest = Some(i),
        }
    }
    let mut kept = Vec::new();
    for ((m, run), cut) in mentions.into_iter().zip(runs).zip(cut) {
        if run || cut {
            let status = Status::Unusable(Unusable::NotAName);
            considered.push(trace(&inputs.matches[m.index], Some(&m), status));
            continue;
        }
        let mut from = m.name_range.start.saturating_sub(12);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let before = tokens(text, from..m.name_range.start);
        let inside = m.bare
            && (read.covers(m.name_range.start, m.name_range.end)
                || after_location(lex, &before, before.len()));
        if inside {
            let status = Status::Unusable(Unusable::NotAName);
            considered.push(trace(&inputs.matches[m.index], Some(&m), status));
        } else {
            kept.push(m);
        }
    }
    kept
}

/// The mentions of each person, in order of first mention. A surname alone
/// (after a civility: "M. Rivière", "Mme Dupuy-Larrieu") is the person whose
/// full name ends with it, when exactly one does ("Jean Rivière"); with none
/// or several it stays apart.
pub(super) fn people(mentions: &[Mention]) -> Vec<Vec<usize>> {
    let mut people: Vec<Vec<usize>> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        match people
            .iter_mut()
            .find(|p| same_person(&mentions[p[0]].key, &m.key))
        {
            Some(p) => p.push(i),
            None => people.push(vec![i]),
        }
    }
    // a surname alone after a civility ("M. Rivière", "Mme Dupuy-Larrieu",
    // whose hyphen folds into two words) is the one person whose longer name
    // ends with it
    let mut merged: Vec<Option<usize>> = vec![None; people.len()];
    for (k, p) in people.iter().enumerate() {
        // (a hyphenated surname is one written word after a civility, so
        // "Mme Anne Roux" stays a full name of its own)
        let short = &mentions[p[0]].key;
        let surname = short.len() == 1
            || (short.len() <= 3
                && mentions[p[0]].civil
                && !mentions[p[0]].name.trim().contains(char::is_whitespace));
        if !surname {
            continue;
        }
        let ends: Vec<usize> = (people.iter().enumerate())
            .filter(|(j, q)| {
                let long = &mentions[q[0]].key;
                *j != k && long.len() > short.len() && long.ends_with(short)
            })
            .map(|(j, _)| j)
            .collect();
        if let [j] = ends.as_slice() {
            merged[k] = Some(*j);
        }
    }
    let mut out = people;
    for (k, into) in merged.iter().enumerate() {
        if let Some(j) = into {
            let alone = std::mem::take(&mut out[k]);
            out[*j].extend(alone);
        }
    }
    out.retain(|p| !p.is_empty());
    for p in &mut out {
        p.sort_unstable();
    }
    out.sort_by_key(|p| p[0]);
    out
}

#[cfg(test)]
mod tests {
    use super::super::names::same_person;
    use super::*;

    fn mention(name: &str) -> Mention<'static> {
        static RULE: std::sync::OnceLock<RuleId> = std::sync::OnceLock::new();
        Mention {
            rule: RULE.get_or_init(|| RuleId("signatory.test".into())),
            priority: 0,
            name: name.into(),
            key: fold(name).split(' ').map(str::to_string).collect(),
            name_range: 0..0,
            span: 0..0,
            role: None,
            org: None,
            read: None,
            hint: None,
            also: None,
            in_scope: true,
            vetoed: None,
            veto_spares_officers: false,
            veto_whole_person: false,
            bare: true,
            civil: false,
            index: 0,
        }
    }

    #[test]
    fn a_list_is_split_at_commas_and_conjunctions() {
        let lex = Lexicon {
            conjunction: crate::rules::lexicon::Words::new([("et".to_string(), ())]),
            ..Lexicon::default()
        };
        let text = "Laurent Brillard, Anne Roy et Sam Bâ";
        let parts: Vec<&str> = split_list(&lex, text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(parts, ["Laurent Brillard", "Anne Roy", "Sam Bâ"]);
        let text = "président et vice-président de la CATV";
        let parts: Vec<&str> = split_list(&lex, text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(parts, ["président", "vice-président de la CATV"]);
        let text = "Paul Roy (Lugos), Anne Vidal (Salles) et Marc Petit (Belin-Béliet)";
        let parts: Vec<(&str, Option<&str>)> = split_list(&lex, text, 0..text.len())
            .into_iter()
            .map(|r| {
                let (name, body) = bracketed_body(text, r);
                (&text[name], body.map(|b| &text[b]))
            })
            .collect();
        assert_eq!(
            parts,
            [
                ("Paul Roy", Some("Lugos")),
                ("Anne Vidal", Some("Salles")),
                ("Marc Petit", Some("Belin-Béliet"))
            ]
        );
        let text = "Loir-et-Cher";
        assert_eq!(split_list(&lex, text, 0..text.len()).len(), 1);
    }

    #[test]
    fn mentions_of_one_person_are_pooled_in_order_of_first_mention() {
        let all = [
            mention("Anne ROUX"),
            mention("Paul Martin"),
            mention("Anne Roux"),
            mention("Jean Martin"),
        ];
        assert_eq!(people(&all), vec![vec![0, 2], vec![1], vec![3]]);
        assert!(same_person(&all[0].key, &all[2].key));
    }

    #[test]
    fn a_surname_alone_is_the_one_person_with_that_surname() {
        let all = [
            mention("Rivière"),
            mention("Anne Roux"),
            mention("Jean Rivière"),
            mention("Martin"),
            mention("Paul Martin"),
            mention("Luc Martin"),
        ];
        // "Martin" could be either: it stays apart
        assert_eq!(
            people(&all),
            vec![vec![0, 2], vec![1], vec![3], vec![4], vec![5]]
        );
    }

    #[test]
    fn a_hyphenated_surname_after_a_civility_is_the_one_person_with_it() {
        let civil = |name: &str| Mention {
            civil: true,
            ..mention(name)
        };
        let all = [
            civil("Dupuy-Larrieu"),
            mention("Anne Roux"),
            mention("Françoise Dupuy-Larrieu"),
            // two words without a civility are a name of their own
            mention("Roux Martin"),
            mention("Jean Roux Martin"),
            // a given name and a surname after a civility too
            civil("Anne Vidal"),
            mention("Marie-Anne Vidal"),
        ];
        assert_eq!(
            people(&all),
            vec![vec![0, 2], vec![1], vec![3], vec![4], vec![5], vec![6]]
        );
    }
}
