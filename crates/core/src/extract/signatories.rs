//! Signatories: the people who sign, or represent a party at the signature.
//!
//! `signatory` rules find people: a name (`name`), maybe the words after or
//! before it that give a role (`role`: "directrice de la Caf de la Loire",
//! "son Président"), maybe a body (`org`). The role words are read with the
//! tables of `rules/lexicon/people.toml`: a `role_word` opens the role, its
//! complements follow ("du conseil d'administration", "déléguée à la petite
//! enfance"), and the body starts after "de", "du", "de la" or a comma, at an
//! `org_head` ("Caf", "communauté de communes") or a capitalized place
//! ("maire de Carrouges").
//!
//! A person is a signatory when one of their mentions lies in a
//! `signatory_scope` passage (a signing sentence, "en présence de", "représentée
//! par", a signature block) and no `signatory` veto covers it (a photo credit,
//! "qui représentait le président X"). Every mention of the same person lends
//! its role and body: the caption "A, B et C ont signé" gets them from "A,
//! président de la CdC" elsewhere. A person with a role and no body takes the
//! nearest body named before them in the sentence ("Julien Orlandini, son
//! directeur"), of the kind the role implies when it implies one ("1ère
//! adjointe" -> the commune), else the only party of that kind.

use super::scope::{Scopes, Sentences};
use crate::normalize::Text;
use crate::places::fold::{fold, Folded};
use crate::places::{departements, epci, gazetteer};
use crate::record::{
    Caf, Commune, Evidence, PartyRef, RoleCode, RuleId, Signatory, Territory, TerritoryKind,
};
use crate::refdata;
use crate::resolve::choose::{Considered, Status, Unusable};
use crate::rules::model::TableValue;
use crate::rules::{evidence, Match, RuleKind, RuleSet, Table};
use std::collections::HashMap;
use std::ops::Range;

/// Prepositions that open a complement or a body: "de la Caf", "du conseil".
const DE: [&[&str]; 9] = [
    &["de", "la"],
    &["de", "l"],
    &["de", "son"],
    &["de", "sa"],
    &["de", "leur"],
    &["du"],
    &["des"],
    &["de"],
    &["d"],
];
/// Prepositions that open a role's field: "adjointe à la jeunesse", "au maire".
const A: [&[&str]; 5] = [&["a", "la"], &["a", "l"], &["au"], &["aux"], &["a"]];
/// Words after a role that say what it is in charge of.
const ATTRIBUTES: [&str; 10] = [
    "charge",
    "chargee",
    "charges",
    "chargees",
    "delegue",
    "deleguee",
    "delegues",
    "deleguees",
    "en",
    "adjoint",
];
/// Capitalized words that start something else, not the rest of a body's name
/// (the next column of a signature block: "Caf de la Sarthe Pour la Communauté").
const ORG_STOP: [&str; 10] = [
    "pour", "entre", "et", "fait", "par", "vu", "le", "la", "les", "l",
];
/// Lower-case words that end a role (verbs, pronouns): "directrice, a signé".
const NOT_ROLE: [&str; 24] = [
    "a", "ont", "est", "sont", "etait", "etaient", "sera", "qui", "que", "y", "se", "s", "ne", "n",
    "il", "elle", "ils", "elles", "on", "pour", "par", "avec", "lors", "ainsi",
];
/// Particles that may sit inside a name without being a stop word.
const PARTICLES: [&str; 11] = [
    "de", "du", "des", "d", "la", "le", "les", "di", "da", "van", "von",
];

/// The inputs of `extract`.
#[derive(Debug)]
pub struct Inputs<'a, 'r, 't> {
    /// The normalized text.
    pub text: &'a Text,
    /// The rules (for their tables).
    pub rules: &'r RuleSet,
    /// Matches of the `signatory` rules.
    pub matches: &'a [Match<'r, 't>],
    /// Passages about the signature.
    pub scopes: &'a Scopes,
    /// The text's sentences.
    pub sentences: &'a Sentences,
    /// CAF found.
    pub cafs: &'a [Caf],
    /// Other parties.
    pub territories: &'a [Territory],
    /// Communes named.
    pub communes: &'a [Commune],
    /// Byte ranges of CAF and EPCI names.
    pub place_names: &'a [Range<usize>],
}

/// A word of the text, folded, with where it is.
#[derive(Debug, Clone)]
struct Token<'t> {
    folded: String,
    /// The word as written.
    word: &'t str,
    range: Range<usize>,
    /// Starts with a capital.
    capital: bool,
    /// Every letter a capital.
    all_caps: bool,
    /// The text between the previous word and this one, trimmed.
    gap: &'t str,
}

fn tokens(text: &str, range: Range<usize>) -> Vec<Token<'_>> {
    let folded = Folded::new(&text[range.clone()]);
    let f = folded.as_str();
    let mut out: Vec<Token> = Vec::new();
    let mut start = None;
    for (i, b) in f.bytes().chain(std::iter::once(b' ')).enumerate() {
        let sep = b == b' ' || b == b'|';
        match (start, sep) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                let (os, oe) = folded.original(s, i);
                let abs = range.start + os..range.start + oe;
                let prev = out.last().map_or(range.start, |t| t.range.end);
                let word = &text[abs.clone()];
                let letters = word.chars().filter(|c| c.is_alphabetic());
                out.push(Token {
                    folded: f[s..i].to_string(),
                    word,
                    capital: word.chars().next().is_some_and(char::is_uppercase),
                    all_caps: word.chars().any(char::is_alphabetic)
                        && letters.clone().all(char::is_uppercase),
                    gap: text[prev.min(abs.start)..abs.start].trim(),
                    range: abs,
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// A gap that ends a phrase: anything but nothing, a comma, a hyphen or an
/// apostrophe.
fn hard_stop(gap: &str) -> bool {
    !matches!(gap, "" | "," | "-" | "'" | "’")
}

/// A word table split into folded words, with its values.
struct Phrases<'r> {
    entries: Vec<(Vec<&'r str>, &'r str)>,
    /// The entries by their first word: asked at every token, so not a scan.
    by_first: HashMap<&'r str, Vec<usize>>,
}

impl<'r> Phrases<'r> {
    fn new(table: Option<&'r Table>) -> Phrases<'r> {
        let entries = table
            .into_iter()
            .flat_map(|t| t.folded_entries())
            .map(|(w, v)| {
                let value = match v {
                    TableValue::Text(s) => s.as_str(),
                    TableValue::Int(_) => "",
                };
                (w.split(' ').filter(|p| !p.is_empty()).collect(), value)
            })
            .collect::<Vec<(Vec<&str>, &str)>>();
        let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, (words, _)) in entries.iter().enumerate() {
            if let Some(first) = words.first() {
                by_first.entry(first).or_default().push(i);
            }
        }
        Phrases { entries, by_first }
    }

    /// The entries whose first word is `word`.
    fn starting(&self, word: &str) -> impl Iterator<Item = &(Vec<&'r str>, &'r str)> {
        self.by_first
            .get(word)
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i])
    }

    /// The longest entry starting at token `i`: its length in tokens and value.
    fn at(&self, toks: &[Token], i: usize) -> Option<(usize, &'r str)> {
        self.starting(&toks.get(i)?.folded)
            .filter(|(words, _)| {
                i + words.len() <= toks.len()
                    && words.iter().enumerate().all(|(k, w)| {
                        let t = &toks[i + k];
                        t.folded == *w && (k == 0 || !hard_stop(t.gap) && t.gap != ",")
                    })
            })
            .map(|(words, v)| (words.len(), *v))
            .max_by_key(|(n, _)| *n)
    }

    fn contains(&self, folded: &str) -> bool {
        let first = folded.split(' ').next().unwrap_or_default();
        self.starting(first)
            .any(|(w, _)| w.iter().copied().eq(folded.split(' ')))
    }
}

fn words_at(toks: &[Token], i: usize, options: &[&[&str]]) -> Option<usize> {
    options
        .iter()
        .filter(|o| {
            i + o.len() <= toks.len()
                && o.iter().enumerate().all(|(k, w)| {
                    let t = &toks[i + k];
                    t.folded == *w && (k == 0 || !hard_stop(t.gap) && t.gap != ",")
                })
        })
        .map(|o| o.len())
        .max()
}

/// The tables of `rules/lexicon/people.toml`.
struct Lexicon<'r> {
    /// Small words inside a body's name ("Caf de la Somme", "Nièvre et Somme").
    connectors: Vec<String>,
    /// Words before a body that make it a place, not the person's body ("à la
    /// mairie de X"): the `commune_location_before` table of places.
    locations: Phrases<'r>,
    roles: Phrases<'r>,
    complements: Phrases<'r>,
    determiners: Phrases<'r>,
    heads: Phrases<'r>,
    kinds: Phrases<'r>,
    stops: Phrases<'r>,
}

/// A body read from the text.
#[derive(Debug, Clone)]
struct Org {
    range: Range<usize>,
    /// The kind its head word says (`caf`, `commune`, `epci`...); none for a place.
    kind: Option<String>,
    /// Only a head word ("la Caf", "la ville"): it needs the party it refers to.
    generic: bool,
}

/// A role and body read from the words after or before a name.
#[derive(Debug, Default)]
struct RoleParse {
    role: Option<(Range<usize>, RoleCode)>,
    org: Option<Org>,
    /// The kind of party the role implies.
    hint: Option<String>,
}

impl<'r> Lexicon<'r> {
    fn new(rules: &'r RuleSet) -> Lexicon<'r> {
        Lexicon {
            connectors: super::places::LOWER_WORDS.iter().map(|w| fold(w)).collect(),
            locations: Phrases::new(rules.table("commune_location_before")),
            roles: Phrases::new(rules.table("role_word")),
            complements: Phrases::new(rules.table("role_complement")),
            determiners: Phrases::new(rules.table("role_determiner")),
            heads: Phrases::new(rules.table("org_head")),
            kinds: Phrases::new(rules.table("role_party_kind")),
            stops: Phrases::new(rules.table("name_stop")),
        }
    }

    /// An `org_head` at `i`; a head of one short word must be capitalized ("CA",
    /// not "ça").
    fn head_at(&self, toks: &[Token], i: usize) -> Option<(usize, &'r str)> {
        let (n, kind) = self.heads.at(toks, i)?;
        let short = n == 1 && toks[i].folded.len() <= 4;
        (!short || toks[i].capital).then_some((n, kind))
    }

    fn is_connector(&self, t: &Token) -> bool {
        self.connectors.contains(&t.folded)
    }

    /// Whether the words before token `k` (articles passed over) say where, not
    /// who ("à la mairie de X", "à l'Ancien Collège").
    fn after_location(&self, toks: &[Token], k: usize) -> bool {
        let mut j = k;
        while j > 0 && matches!(toks[j - 1].folded.as_str(), "la" | "le" | "les" | "l") {
            j -= 1;
        }
        self.locations.entries.iter().any(|(words, _)| {
            !words.is_empty()
                && words.len() <= j
                && toks[j - words.len()..j]
                    .iter()
                    .zip(words)
                    .all(|(t, w)| t.folded == *w)
        })
    }

    /// The body whose name starts at token `i` (articles skipped).
    fn org_at(&self, toks: &[Token], i: usize, names: &[usize]) -> Option<Org> {
        let mut k = i;
        while k < toks.len() && matches!(toks[k].folded.as_str(), "la" | "le" | "les" | "l") {
            k += 1;
        }
        let first = toks.get(k)?;
        if k > i && hard_stop(first.gap) {
            return None;
        }
        let (mut j, kind, mut end) = match self.head_at(toks, k) {
            Some((n, kind)) => (k + n, Some(kind.to_string()), toks[k + n - 1].range.end),
            None if first.capital && !names.contains(&first.range.start) => {
                (k + 1, None, first.range.end)
            }
            None => return None,
        };
        let head_end = end;
        while j < toks.len() {
            let t = &toks[j];
            if hard_stop(t.gap) || t.gap == "," || names.contains(&t.range.start) {
                break;
            }
            if t.capital && ORG_STOP.contains(&t.folded.as_str()) {
                break;
            }
            let digit = t.folded.chars().all(|c| c.is_ascii_digit());
            if t.capital || digit {
                end = t.range.end;
                j += 1;
                continue;
            }
            if self.is_connector(t) {
                let mut m = j;
                while m < toks.len() && self.is_connector(&toks[m]) {
                    m += 1;
                }
                let next = toks.get(m);
                let joins = next.is_some_and(|n| {
                    n.capital
                        && !hard_stop(n.gap)
                        && n.gap != ","
                        && !names.contains(&n.range.start)
                        && (m..=m).all(|x| !toks[x].gap.contains(','))
                }) && (j + 1..m).all(|x| !hard_stop(toks[x].gap) && toks[x].gap != ",");
                // "Nièvre et Somme" is one name; "Guise et la Caf" two bodies
                let run: Vec<&str> = (j..m).map(|x| toks[x].folded.as_str()).collect();
                let another = run.first() == Some(&"et")
                    && (run.len() > 1 || self.head_at(toks, m).is_some());
                let joins = joins && !another;
                if joins {
                    end = toks[m].range.end;
                    j = m + 1;
                    continue;
                }
            }
            break;
        }
        Some(Org {
            range: first.range.start..end,
            generic: kind.is_some() && end == head_end,
            kind,
        })
    }

    /// Reads a role and its body from `toks` (the words of a `role` capture).
    fn parse_role(&self, toks: &[Token], names: &[usize]) -> RoleParse {
        let mut i = 0;
        while i < toks.len() && self.determiners.at(toks, i).is_some() {
            i += self.determiners.at(toks, i).map_or(1, |(n, _)| n);
        }
        let Some((n, code)) = self.roles.at(toks, i) else {
            // no role: maybe only a body (", de la CAF", "Caf 23")
            let j = words_at(toks, i, &DE).map_or(i, |p| i + p);
            let org = self
                .org_at(toks, j, names)
                .filter(|o| o.kind.is_some() || j > i);
            return RoleParse {
                org,
                ..RoleParse::default()
            };
        };
        let start = toks[i].range.start;
        let mut end = toks[i + n - 1].range.end;
        i += n;
        let mut in_list = false;
        let mut org = None;
        while i < toks.len() {
            let t = &toks[i];
            if hard_stop(t.gap) || names.contains(&t.range.start) {
                break;
            }
            if t.gap == "," {
                if self.head_at(toks, i).is_some() {
                    org = self.org_at(toks, i, names);
                    break;
                }
                let list_goes_on = in_list
                    && (words_at(toks, i, &DE).is_some() || words_at(toks, i, &A).is_some());
                if !list_goes_on {
                    break;
                }
            }
            if t.folded == "et" {
                let next_prep = words_at(toks, i + 1, &A).is_some()
                    || (in_list && words_at(toks, i + 1, &DE).is_some());
                if next_prep {
                    i += 1;
                    continue;
                }
                if let Some((m, _)) = self.roles.at(toks, i + 1) {
                    end = toks[i + m].range.end;
                    i += 1 + m;
                    continue;
                }
                break;
            }
            if let Some(p) = words_at(toks, i, &DE) {
                let j = i + p;
                let Some(w) = toks.get(j) else { break };
                if hard_stop(w.gap) || names.contains(&w.range.start) {
                    break;
                }
                if let Some((c, _)) = self.complements.at(toks, j) {
                    end = toks[j + c - 1].range.end;
                    i = j + c;
                    continue;
                }
                if let Some((h, _)) = self.head_at(toks, j) {
                    let named_after = toks
                        .get(j + h)
                        .is_some_and(|x| x.capital && x.gap.is_empty());
                    if !in_list || w.capital || h > 1 || named_after {
                        org = self.org_at(toks, j, names);
                        break;
                    }
                }
                if w.capital {
                    org = self.org_at(toks, j, names);
                    break;
                }
                end = w.range.end;
                i = j + 1;
                in_list = true;
                continue;
            }
            if let Some(p) = words_at(toks, i, &A) {
                let j = i + p;
                let Some(w) = toks.get(j) else { break };
                if hard_stop(w.gap) || names.contains(&w.range.start) {
                    break;
                }
                end = w.range.end;
                i = j + 1;
                in_list = true;
                continue;
            }
            if ATTRIBUTES.contains(&t.folded.as_str()) && !t.capital {
                end = t.range.end;
                i += 1;
                continue;
            }
            if t.all_caps && t.folded.len() >= 2 {
                org = self.org_at(toks, i, names);
                break;
            }
            let participle =
                t.folded.len() > 3 && ["é", "ée", "és", "ées"].iter().any(|s| t.word.ends_with(s));
            if in_list
                && !t.capital
                && (t.gap.is_empty() || t.gap == "-")
                && !NOT_ROLE.contains(&t.folded.as_str())
                && !participle
            {
                end = t.range.end;
                i += 1;
                continue;
            }
            break;
        }
        // the kind of party the role implies ("1ère adjointe" -> commune); a
        // director's "adjointe" implies none
        let within = toks.partition_point(|t| t.range.end <= end);
        let role_toks = &toks[..within];
        let first = toks.partition_point(|t| t.range.start < start);
        let hint = (first..within)
            .filter(|_| code != "director")
            .find_map(|k| self.kinds.at(role_toks, k).map(|(_, v)| v.to_string()));
        RoleParse {
            role: Some((start..end, role_code(code))),
            org,
            hint,
        }
    }

    /// The person's name in `range`, trimmed of titles, in natural case; none
    /// when what remains is not a name.
    fn name(&self, text: &str, range: Range<usize>) -> Option<Name> {
        let mut words: Vec<Range<usize>> = Vec::new();
        let mut pos = range.start;
        for w in text[range.clone()].split_whitespace() {
            let at = pos + text[pos..].find(w).unwrap_or(0);
            words.push(at..at + w.len());
            pos = at + w.len();
        }
        let bad = |r: &Range<usize>, first: bool| {
            let f = fold(&text[r.clone()]);
            if !first && PARTICLES.contains(&f.as_str()) {
                return false;
            }
            self.stops.contains(&f)
                || self.roles.contains(&f)
                || self.determiners.contains(&f)
                || f.split(' ').any(|p| self.stops.contains(p))
        };
        while words.first().is_some_and(|w| bad(w, true)) {
            words.remove(0);
        }
        while words
            .last()
            .is_some_and(|w| bad(w, false) || PARTICLES.contains(&fold(&text[w.clone()]).as_str()))
        {
            words.pop();
        }
        let opens = words.first().is_some_and(|w| {
            let first = &text[w.clone()];
            first.chars().next().is_some_and(char::is_uppercase)
                && !PARTICLES.contains(&fold(first).as_str())
                && !first.contains(['\'', '’'])
        });
        if words.len() < 2 || !opens || words.iter().skip(1).any(|w| bad(w, false)) {
            return None;
        }
        let range = words[0].start..words[words.len() - 1].end;
        let natural = words
            .iter()
            .map(|w| natural_case(&text[w.clone()]))
            .collect::<Vec<_>>()
            .join(" ");
        Some((range, natural))
    }
}

fn role_code(code: &str) -> RoleCode {
    match code {
        "president" => RoleCode::President,
        "vice_president" => RoleCode::VicePresident,
        "director" => RoleCode::Director,
        "mayor" => RoleCode::Mayor,
        "deputy_mayor" => RoleCode::DeputyMayor,
        "councillor" => RoleCode::Councillor,
        _ => RoleCode::Other,
    }
}

/// "MENVIELLE-LARROUSSE" -> "Menvielle-Larrousse", "LE" -> "Le"; words already
/// in mixed case stay as written.
fn natural_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut segment = String::new();
    let flush = |segment: &mut String, out: &mut String| {
        let letters = segment.chars().filter(|c| c.is_alphabetic()).count();
        if letters > 1 && segment.chars().all(|c| !c.is_lowercase()) {
            let mut chars = segment.chars();
            if let Some(first) = chars.next() {
                out.push(first);
                out.extend(chars.flat_map(char::to_lowercase));
            }
        } else {
            out.push_str(segment);
        }
        segment.clear();
    };
    for c in word.chars() {
        if matches!(c, '-' | '\'' | '’') {
            flush(&mut segment, &mut out);
            out.push(c);
        } else {
            segment.push(c);
        }
    }
    flush(&mut segment, &mut out);
    out
}

/// A name's byte range and its natural-case form.
type Name = (Range<usize>, String);

/// One person named by one match.
#[derive(Debug)]
struct Mention<'r> {
    rule: &'r RuleId,
    priority: i32,
    name: String,
    /// Folded name tokens.
    key: Vec<String>,
    name_range: Range<usize>,
    /// Byte range of the whole match.
    span: Range<usize>,
    role: Option<(Range<usize>, RoleCode)>,
    org: Option<Org>,
    /// The words read as role and body.
    read: Option<Range<usize>>,
    hint: Option<String>,
    in_scope: bool,
    vetoed: Option<RuleId>,
    /// Only a name: no role or body was read with it.
    bare: bool,
    /// Index into the matches.
    index: usize,
}

/// A body chosen for a person, with how sure it is.
#[derive(Debug, Clone)]
struct OrgChoice {
    org: Org,
    /// 3: read with the role; 2: an institution named before in the sentence;
    /// 1: a place named before, or the only party of the kind the role implies.
    rank: u8,
    rule: RuleId,
    /// The party's own evidence, when the body is the party itself.
    party_evidence: Option<Evidence>,
}

/// The signatories `inputs` yield, and what became of every match.
pub fn extract(inputs: &Inputs) -> (Vec<Signatory>, Vec<Considered>) {
    let text = inputs.text.as_str();
    let lex = Lexicon::new(inputs.rules);
    let vetoes: Vec<&Match> = inputs
        .matches
        .iter()
        .filter(|m| m.rule.kind == RuleKind::Veto)
        .collect();
    let places = place_spans(inputs);
    let mut considered = Vec::new();

    // names first: their starts end the roles and bodies read around them
    let mut named: Vec<(usize, Option<Name>)> = Vec::new();
    for (index, m) in inputs.matches.iter().enumerate() {
        if m.rule.kind == RuleKind::Veto {
            continue;
        }
        let name = m
            .captures
            .get("name")
            .and_then(|c| lex.name(text, c.range.clone()))
            .filter(|(r, _)| {
                let (s, e) = (
                    inputs.text.char_offset(r.start),
                    inputs.text.char_offset(r.end),
                );
                !places.iter().any(|p| p.start < e && s < p.end)
            });
        named.push((index, name));
    }
    // (only names read with a role: a bare "Maine Cœur de Sarthe" must not cut
    // the body "Communauté de communes Maine Cœur de Sarthe")
    let mut starts: Vec<usize> = named
        .iter()
        .filter(|(i, _)| inputs.matches[*i].captures.contains_key("role"))
        .filter_map(|(_, n)| n.as_ref().map(|(r, _)| r.start))
        .collect();
    starts.sort_unstable();
    starts.dedup();

    let mut mentions: Vec<Mention> = Vec::new();
    for (index, name) in named {
        let m = &inputs.matches[index];
        let Some((name_range, name)) = name else {
            considered.push(trace(m, None, Status::Unusable(Unusable::NotAName)));
            continue;
        };
        let others: Vec<usize> = starts
            .iter()
            .copied()
            .filter(|s| *s != name_range.start)
            .collect();
        let mut parse = m
            .captures
            .get("role")
            .map(|c| lex.parse_role(&tokens(text, c.range.clone()), &others))
            .unwrap_or_default();
        if let Some(c) = m.captures.get("org") {
            let toks = tokens(text, c.range.clone());
            if let Some(o) = lex.org_at(&toks, 0, &others) {
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
        let vetoed = vetoes
            .iter()
            .find(|v| v.range.start <= name_range.start && name_range.end <= v.range.end)
            .map(|v| v.rule.id.clone());
        mentions.push(Mention {
            rule: &m.rule.id,
            priority: m.rule.priority,
            key: fold(&name).split(' ').map(str::to_string).collect(),
            in_scope: inputs.scopes.contains(&name_range),
            bare: parse.role.is_none() && parse.org.is_none(),
            name,
            name_range,
            span: m.range.clone(),
            role: parse.role,
            org: parse.org,
            read,
            hint: parse.hint,
            vetoed,
            index,
        });
    }

    // a bare name inside the role or body another mention read is no person
    // ("Maine Cœur de Sarthe" after "président de la Communauté de communes")
    let read: Vec<Range<usize>> = mentions
        .iter()
        .filter(|m| !m.bare)
        .filter_map(|m| m.read.clone())
        .collect();
    let mut kept: Vec<Mention> = Vec::new();
    for m in mentions {
        let mut from = m.name_range.start.saturating_sub(12);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let before = tokens(text, from..m.name_range.start);
        let inside = m.bare
            && (read
                .iter()
                .any(|r| r.start <= m.name_range.start && m.name_range.end <= r.end)
                || lex.after_location(&before, before.len()));
        if inside {
            considered.push(trace(
                &inputs.matches[m.index],
                Some(&m),
                Status::Unusable(Unusable::NotAName),
            ));
        } else {
            kept.push(m);
        }
    }
    let mentions = kept;

    // people: mentions of the same name
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

    let mut bodies = Bodies::new(&mentions);
    let mut signatories = Vec::new();
    let mut chosen_mentions = Vec::new();
    for person in &people {
        let signing = person
            .iter()
            .copied()
            .filter(|&i| mentions[i].in_scope && mentions[i].vetoed.is_none())
            .min_by_key(|&i| (mentions[i].name_range.start, -mentions[i].priority));
        let Some(first) = signing else { continue };
        // a name never read with a role, whose first word is a commune, is a
        // place ("Saumur Loire Développement", "Palais des Congrès")
        if person.iter().all(|&i| mentions[i].bare) && looks_like_place(&mentions[first].name) {
            continue;
        }
        let alive: Vec<usize> = person
            .iter()
            .copied()
            .filter(|&i| mentions[i].vetoed.is_none())
            .collect();
        // the role: from the best rule, a signing mention first, then the earliest
        let role_from = alive
            .iter()
            .copied()
            .filter(|&i| mentions[i].role.is_some())
            .min_by_key(|&i| {
                let m = &mentions[i];
                (-m.priority, !m.in_scope, m.name_range.start)
            });
        let hint = role_from.and_then(|i| mentions[i].hint.clone());
        let org = alive
            .iter()
            .filter_map(|&i| {
                org_for(inputs, &lex, &mut bodies, &mentions, i, hint.as_deref()).map(|o| (i, o))
            })
            .min_by_key(|(i, o)| {
                // the body of the mention that gave the role first: "X, role1 de
                // A, Y role2" also reads as "role1 de A, Y"
                let m = &mentions[*i];
                (
                    -m.priority,
                    std::cmp::Reverse(o.rank),
                    !m.in_scope,
                    m.name_range.start,
                )
            })
            .map(|(_, o)| o);
        let name = best_name(&mentions, person);
        let m = &mentions[first];
        let (role, role_code, role_evidence) = match role_from {
            Some(i) => {
                let (r, code) = mentions[i].role.clone().expect("filtered on role");
                let e = evidence(mentions[i].rule, inputs.text, r.start, r.end);
                (Some(tidy(&text[r])), Some(code), Some(e))
            }
            None => (None, None, None),
        };
        let (organization, party, organization_evidence) = match org {
            Some(o) => {
                let written = tidy(&text[o.org.range.clone()]);
                let linked = link(inputs, &written, o.org.kind.as_deref(), o.org.generic);
                match (&o.party_evidence, linked) {
                    (Some(e), Some((party, _))) => {
                        (Some(tidy(&e.text)), Some(party), Some(e.clone()))
                    }
                    (_, Some((party, Some(e)))) if o.org.generic => {
                        (Some(tidy(&e.text)), Some(party), Some(e))
                    }
                    (_, linked) => {
                        let e = evidence(&o.rule, inputs.text, o.org.range.start, o.org.range.end);
                        (Some(written), linked.map(|(p, _)| p), Some(e))
                    }
                }
            }
            None => (None, None, None),
        };
        chosen_mentions.push(first);
        signatories.push(Signatory {
            name,
            role,
            role_code,
            organization,
            party,
            evidence: evidence(m.rule, inputs.text, m.name_range.start, m.name_range.end),
            role_evidence,
            organization_evidence,
        });
    }
    for (i, m) in mentions.iter().enumerate() {
        let status = if let Some(by) = &m.vetoed {
            Status::Vetoed { by: by.clone() }
        } else if chosen_mentions.contains(&i) {
            Status::Chosen
        } else if !m.in_scope {
            Status::Unusable(Unusable::OutOfScope)
        } else {
            Status::Kept
        };
        considered.push(trace(&inputs.matches[m.index], Some(m), status));
    }
    for v in vetoes {
        considered.push(trace(v, None, Status::Veto));
    }
    signatories.sort_by_key(|s| s.evidence.start);
    (signatories, considered)
}

fn trace(m: &Match, mention: Option<&Mention>, status: Status) -> Considered {
    Considered {
        evidence: m.evidence.clone(),
        priority: m.rule.priority,
        value: mention.map(|p| p.name.clone()),
        status,
    }
}

/// Whitespace runs (a line break inside a name) become one space; an aside
/// in parentheses ("Caisse d'allocations familiales (CAF) de la Somme") goes.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn same_person(a: &[String], b: &[String]) -> bool {
    if a.concat() == b.concat() {
        return true;
    }
    a.iter().filter(|w| b.contains(w)).count() >= 2
}

/// The name as most mentions write it; a form with a hyphen that another
/// mention writes without ("GUÉ-RIN", a line break in a PDF) gives way.
fn best_name(mentions: &[Mention], person: &[usize]) -> String {
    let first = person
        .iter()
        .copied()
        .filter(|&i| mentions[i].in_scope)
        .min_by_key(|&i| mentions[i].name_range.start)
        .unwrap_or(person[0]);
    let plain = |s: &str| s.replace('-', "").to_lowercase();
    let key = plain(&mentions[first].name);
    person
        .iter()
        .map(|&i| mentions[i].name.as_str())
        .filter(|n| plain(n) == key)
        .min_by_key(|n| n.len())
        .unwrap_or(&mentions[first].name)
        .to_string()
}

/// Whether `name` reads as a place: its first word is a commune's name, or one
/// of its words a department's ("Bièvre Isère").
fn looks_like_place(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or("");
    let folded = Folded::new(first);
    let commune = gazetteer::get()
        .find(&folded)
        .iter()
        .any(|h| h.start == 0 && h.end == folded.as_str().len());
    commune
        || name
            .split_whitespace()
            .any(|w| departements::get().is_name(&fold(w)))
}

/// The spans (in characters) of the CAF, territories and communes: no name
/// of a person lies in them.
fn place_spans(inputs: &Inputs) -> Vec<Range<usize>> {
    let mut spans: Vec<Range<usize>> = Vec::new();
    spans.extend(inputs.cafs.iter().map(|c| c.evidence.start..c.evidence.end));
    spans.extend(
        inputs
            .territories
            .iter()
            .map(|t| t.evidence.start..t.evidence.end),
    );
    for c in inputs.communes {
        spans.extend(c.mentions.iter().map(|e| e.start..e.end));
    }
    let chars = |r: &Range<usize>| inputs.text.char_offset(r.start)..inputs.text.char_offset(r.end);
    spans.extend(inputs.place_names.iter().map(chars));
    spans
}

/// The bodies each sentence names, found once per sentence.
struct Bodies {
    /// Where people's names start: a body's name stops there.
    names: Vec<usize>,
    by_sentence: HashMap<usize, Vec<Org>>,
}

impl Bodies {
    fn new(mentions: &[Mention]) -> Bodies {
        Bodies {
            names: mentions.iter().map(|m| m.name_range.start).collect(),
            by_sentence: HashMap::new(),
        }
    }

    /// The bodies named in `sentence` (at an `org_head`, not after a location
    /// word), in text order; an acronym in parentheses right after a body is
    /// that body ("Syndicat ... du Jabron (SIVOS du Jabron)"), not another one.
    fn of(&mut self, inputs: &Inputs, lex: &Lexicon, sentence: Range<usize>) -> &[Org] {
        let names = &self.names;
        self.by_sentence.entry(sentence.start).or_insert_with(|| {
            let text = inputs.text.as_str();
            let toks = tokens(text, sentence);
            let mut found: Vec<Org> = Vec::new();
            let mut k = 0;
            while k < toks.len() {
                let org = lex
                    .head_at(&toks, k)
                    .filter(|_| !lex.after_location(&toks, k))
                    .and_then(|_| lex.org_at(&toks, k, names));
                let Some(org) = org else {
                    k += 1;
                    continue;
                };
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

/// The body of mention `i`: read with its role, else the nearest body named
/// before it in its sentence (of the kind its role implies, when it implies
/// one), else the only party of that kind.
fn org_for(
    inputs: &Inputs,
    lex: &Lexicon,
    bodies: &mut Bodies,
    mentions: &[Mention],
    i: usize,
    hint: Option<&str>,
) -> Option<OrgChoice> {
    let m = &mentions[i];
    if let Some(org) = &m.org {
        return Some(OrgChoice {
            org: org.clone(),
            rank: 3,
            rule: m.rule.clone(),
            party_evidence: None,
        });
    }
    let sentence = inputs.sentences.around(m.span.clone());
    let window = sentence.start..m.name_range.start.max(sentence.start);
    let mut found: Vec<(Org, u8, RuleId)> = bodies
        .of(inputs, lex, sentence)
        .iter()
        .filter(|o| o.range.end <= window.end)
        .map(|o| (o.clone(), 2, m.rule.clone()))
        .collect();
    for other in mentions {
        if let Some(org) = &other.org {
            let before = window.start <= org.range.start && org.range.end <= window.end;
            if before && org.kind.is_none() {
                found.push((org.clone(), 1, other.rule.clone()));
            }
        }
    }
    let fits = |o: &Org| match (hint, o.kind.as_deref()) {
        (None, _) => true,
        (Some(h), Some(k)) => h == k,
        (Some(h), None) => h == "commune",
    };
    let nearest = found
        .into_iter()
        .filter(|(o, _, _)| fits(o) && o.range.end <= m.name_range.start)
        .max_by_key(|(o, rank, _)| (*rank, o.range.start));
    if let Some((org, rank, rule)) = nearest {
        return Some(OrgChoice {
            org,
            rank,
            rule,
            party_evidence: None,
        });
    }
    let kind = hint?;
    let only = only_party(inputs, kind)?;
    let range = byte_range(inputs.text, &only);
    Some(OrgChoice {
        org: Org {
            range,
            kind: Some(kind.to_string()),
            generic: false,
        },
        rank: 1,
        rule: only.rule.clone(),
        party_evidence: Some(only),
    })
}

fn byte_range(text: &Text, e: &Evidence) -> Range<usize> {
    let s = text.as_str();
    let start = s.char_indices().nth(e.start).map_or(s.len(), |(b, _)| b);
    start..start + e.text.len()
}

fn territory_kind(kind: &str) -> Option<TerritoryKind> {
    Some(match kind {
        "commune" => TerritoryKind::Commune,
        "epci" => TerritoryKind::Epci,
        "departement" => TerritoryKind::Departement,
        "syndicat" => TerritoryKind::Syndicat,
        "other" => TerritoryKind::Other,
        _ => return None,
    })
}

/// The evidence of the only party of `kind`, if there is exactly one.
fn only_party(inputs: &Inputs, kind: &str) -> Option<Evidence> {
    if kind == "caf" {
        return match inputs.cafs {
            [one] => Some(one.evidence.clone()),
            _ => None,
        };
    }
    let tk = territory_kind(kind)?;
    let mut of_kind = inputs.territories.iter().filter(|t| t.kind == tk);
    match (of_kind.next(), of_kind.next()) {
        (Some(one), None) => Some(one.evidence.clone()),
        _ => None,
    }
}

/// The party a body designates, with the party's own evidence.
fn link(
    inputs: &Inputs,
    written: &str,
    kind: Option<&str>,
    generic: bool,
) -> Option<(PartyRef, Option<Evidence>)> {
    let f = fold(written);
    if kind == Some("caf") {
        let caf = match inputs.cafs {
            [one] => Some(one),
            many => many.iter().find(|c| {
                let dept = c
                    .department
                    .as_deref()
                    .and_then(|d| refdata::get().departement(d))
                    .map(|d| fold(d.name));
                fold(&c.name) == f || dept.is_some_and(|d| contains_words(&f, &d))
            }),
        }?;
        let party = PartyRef::Caf {
            department: caf.department.clone(),
        };
        return Some((party, Some(caf.evidence.clone())));
    }
    let tk = kind.and_then(territory_kind);
    let candidates: Vec<&Territory> = inputs
        .territories
        .iter()
        .filter(|t| tk.is_none_or(|k| t.kind == k))
        .collect();
    let acronym: Vec<&str> = epci::get()
        .acronym(&f)
        .iter()
        .map(|&i| refdata::get().epci[i].siren)
        .collect();
    let found = if generic {
        match candidates.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    } else {
        // the same name first, then a name inside the other ("Ville de Pavie" /
        // "Pavie"), a commune before a body named after it ("Pouzauges" / "CC du
        // Pays de Pouzauges"), then an acronym
        let rank = |t: &Territory| {
            let n = fold(&t.name);
            if n == f {
                Some(0)
            } else if contains_words(&f, &n) {
                Some(1)
            } else if n.len() >= 4 && contains_words(&n, &f) {
                Some(if t.kind == TerritoryKind::Commune {
                    2
                } else {
                    3
                })
            } else if t.code.as_deref().is_some_and(|c| acronym.contains(&c)) {
                Some(4)
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
    }?;
    let party = PartyRef::Territory {
        territory_kind: found.kind,
        code: found.code.clone(),
        name: found.name.clone(),
    };
    Some((party, Some(found.evidence.clone())))
}

/// Whether the folded `hay` holds the folded `needle` as whole words.
fn contains_words(hay: &str, needle: &str) -> bool {
    !needle.is_empty() && format!(" {hay} ").contains(&format!(" {needle} "))
}

/// The signatories as rule examples state them: `Name | role | organization`,
/// `-` for what is missing, people separated by `; `.
pub fn display(signatories: &[Signatory]) -> Option<String> {
    (!signatories.is_empty()).then(|| {
        signatories
            .iter()
            .map(|s| {
                format!(
                    "{} | {} | {}",
                    s.name,
                    s.role.as_deref().unwrap_or("-"),
                    s.organization.as_deref().unwrap_or("-")
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_capitals_come_back_in_natural_case() {
        assert_eq!(natural_case("MENVIELLE-LARROUSSE"), "Menvielle-Larrousse");
        assert_eq!(natural_case("LE"), "Le");
        assert_eq!(natural_case("D'ALDÉGUIER"), "D'Aldéguier");
        assert_eq!(natural_case("d'Aubigné"), "d'Aubigné");
        assert_eq!(natural_case("Jean-Pierre"), "Jean-Pierre");
    }

    #[test]
    fn tokens_keep_their_gaps_and_capitals() {
        let text = "présidente de la Caf, qui a signé";
        let toks = tokens(text, 0..text.len());
        let words: Vec<&str> = toks.iter().map(|t| t.folded.as_str()).collect();
        assert_eq!(
            words,
            ["presidente", "de", "la", "caf", "qui", "a", "signe"]
        );
        assert!(toks[3].capital);
        assert_eq!(toks[4].gap, ",");
        assert_eq!(&text[toks[3].range.clone()], "Caf");
    }

    #[test]
    fn the_same_person_is_written_several_ways() {
        let key = |s: &str| fold(s).split(' ').map(str::to_string).collect::<Vec<_>>();
        assert!(same_person(
            &key("Isabelle Gué-Rin"),
            &key("Isabelle Guérin")
        ));
        assert!(same_person(
            &key("Jackie Goulet Claisse"),
            &key("Jackie Goulet")
        ));
        assert!(!same_person(&key("Jean Martin"), &key("Paul Martin")));
    }
}
