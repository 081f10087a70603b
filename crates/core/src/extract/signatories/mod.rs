//! Signatories: the people who sign, or represent a party at the signature.
//!
//! `signatory` rules find people: a name (`name`), maybe the words after or
//! before it that give a role (`role`: "directrice de la Caf de la Loire",
//! "son Président"), maybe a body (`org`). The parts:
//!
//! - `tokens`: the words of a passage, folded, with what separates them;
//! - `names`: a captured name trimmed of titles, in natural case; one person
//!   under several spellings;
//! - `roles`: a role and its body read from the words of a `role` capture, with
//!   the lexicon (`role_word`, `role_complement`, `body_preposition`, ...);
//! - `bodies`: a body's name, and the body a person represents when their own
//!   words give none (the nearest one before them in the sentence);
//! - `parties`: the record's party a body designates;
//! - `mentions`: every match read as a mention, mentions of one person pooled.
//!
//! A name read alone (no role, no civility) is a person's only when it says so
//! itself: a known given name first (an honorific such as "Dr" passed over),
//! or a surname in capitals; "Promeneurs du Net" is no one.
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

mod bodies;
mod mentions;
mod names;
mod parties;
mod roles;
mod tokens;

use super::scope::{Scopes, Sentences};
use super::value;
use crate::normalize::fold::fold;
use crate::normalize::value::one_line;
use crate::normalize::Text;
use crate::record::RuleId;
use crate::record::{Caf, Commune, PartyRef, RoleCode, Signatory, Territory, TerritoryKind};
use crate::rules::lexicon::{Lexicon, PartyKind};
use crate::rules::trace::{Considered, Status, Unusable};
use crate::rules::{evidence, Match, RuleKind, RuleSet};
use bodies::{Bodies, Org, OrgChoice};
use mentions::Mention;
use parties::{byte_range, contains_words, only_party};
use std::ops::Range;

/// The inputs of `extract`.
#[derive(Debug)]
pub struct Inputs<'a, 'r, 't> {
    /// The normalized text.
    pub text: &'a Text,
    /// The rules (for their lexicon).
    pub rules: &'r RuleSet,
    /// Matches of the `signatory` rules.
    pub matches: &'a [Match<'r, 't>],
    /// Matches of the `mandate` rules: the role a deliberation authorises to sign.
    pub mandates: &'a [Match<'r, 't>],
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
    /// Whether the document is a deliberation: its mayor or president with
    /// no body named signs for the body that deliberates.
    pub deliberation: bool,
    /// The document reports the convention's signing (its status is `signed`).
    pub reports_signing: bool,
}

impl Inputs<'_, '_, '_> {
    /// The spans (in characters) of the CAF, territories and communes: no name
    /// of a person lies in them.
    fn place_spans(&self) -> Vec<Range<usize>> {
        let mut spans: Vec<Range<usize>> = Vec::new();
        spans.extend(self.cafs.iter().map(|c| c.evidence.start..c.evidence.end));
        spans.extend(
            self.territories
                .iter()
                .map(|t| t.evidence.start..t.evidence.end),
        );
        for c in self.communes {
            spans.extend(c.mentions.iter().map(|e| e.start..e.end));
        }
        let chars = |r: &Range<usize>| self.text.char_offset(r.start)..self.text.char_offset(r.end);
        spans.extend(self.place_names.iter().map(chars));
        spans
    }
}

/// The signatories `inputs` yield, and what became of every match.
pub fn extract(inputs: &Inputs) -> (Vec<Signatory>, Vec<Considered>) {
    let mut considered = Vec::new();
    // names first: their starts end the roles and bodies read around them
    let mentions = mentions::read(inputs, &mut considered);
    let mut mentions = mentions::drop_inner(inputs, mentions, &mut considered);
    let people = mentions::people(&mentions);
    let mut bodies = Bodies::new(mentions.iter().map(|m| m.name_range.start).collect());
    let read_orgs = ReadOrgs::new(inputs, &mentions);
    spare_party_officers(inputs, &mut mentions, &people, &mut bodies, &read_orgs);
    mandated(inputs, &mut mentions, &people);
    not_signing_anywhere(&mut mentions, &people);
    let mut signatories = Vec::new();
    let mut chosen = Vec::new();
    for person in people {
        if let Some((first, signatory)) =
            signatory(inputs, &mut bodies, &read_orgs, &mentions, &person)
        {
            chosen.push(first);
            signatories.push(signatory);
        }
    }
    for (i, m) in mentions.iter().enumerate() {
        let status = if let Some(by) = &m.vetoed {
            Status::Vetoed { by: by.clone() }
        } else if chosen.contains(&i) {
            Status::Chosen
        } else if !m.in_scope {
            Status::Unusable(Unusable::OutOfScope)
        } else {
            Status::Kept
        };
        considered.push(trace(&inputs.matches[m.index], Some(m), status));
    }
    for v in inputs
        .matches
        .iter()
        .filter(|m| m.rule.kind == RuleKind::Veto)
    {
        considered.push(trace(v, None, Status::Veto));
    }
    signatories.sort_by_key(|s| s.evidence.start);
    (signatories, considered)
}

/// Someone a `whole_person` veto says did not sign ("X, qui accueillait,
/// sans être signataire") signs under none of their mentions: the
/// veto's rule bars them all (a photo caption that lists them with the
/// signatories, a list of those present).
fn not_signing_anywhere(mentions: &mut [Mention], people: &[Vec<usize>]) {
    for person in people {
        let Some(by) = person
            .iter()
            .find(|&&i| mentions[i].veto_whole_person)
            .and_then(|&i| mentions[i].vetoed.clone())
        else {
            continue;
        };
        for &i in person {
            mentions[i].vetoed = Some(by.clone());
        }
    }
}

/// In a document that reports a signing, an officer of one of its parties
/// named under a veto that spares them ("», a souligné X, président de la
/// communauté de communes") speaks for that party: their mention is about
/// the signing. So does a head of a party (its president, vice-president,
/// director or mayor) named with that office outside the passages about the
/// signature ("De son côté, X, président de la Caf du Gard, s'inquiète"): the
/// report names them because they stood for the party (unless a veto bars
/// their sentence: "le comité de pilotage s'est réuni en présence de X", or
/// cuts out their passage: a minutes' list of those present),
/// unless someone else named at the signing already stands for that party.
/// The body must be read with their role and be a party.
fn spare_party_officers(
    inputs: &Inputs,
    mentions: &mut [Mention],
    people: &[Vec<usize>],
    bodies: &mut Bodies,
    read_orgs: &ReadOrgs,
) {
    if !inputs.reports_signing {
        return;
    }
    let text = inputs.text.as_str();
    let head = |m: &Mention| {
        m.role.as_ref().is_some_and(|(_, code)| {
            matches!(
                code,
                RoleCode::President
                    | RoleCode::VicePresident
                    | RoleCode::Director
                    | RoleCode::Mayor
            )
        })
    };
    let link_org = |org: &Org| {
        let written = one_line(&without_asides(&text[org.range.clone()]));
        parties::link(inputs, &written, org.kind, org.generic)
    };
    let link = |m: &Mention| match &m.org {
        Some(org) => link_org(org),
        None if m.vetoed.is_none() => m
            .hint
            .and_then(|kind| parties::link(inputs, "", Some(kind), true)),
        None => None,
    };
    // the parties a person named at the signing already stands for
    let mut person_of = vec![0; mentions.len()];
    for (p, person) in people.iter().enumerate() {
        for &i in person {
            person_of[i] = p;
        }
    }
    // (mentions about the signing, as read before any is spared)
    let in_scope: Vec<bool> = mentions
        .iter()
        .map(|m| m.in_scope && m.vetoed.is_none())
        .collect();
    // (their body as read with their role, else as it will be chosen for
    // them: "Pour la communauté de communes X :\nM. Y, président")
    let represented: Vec<(PartyRef, usize)> = (0..mentions.len())
        .filter(|&i| in_scope[i] && mentions[i].role.is_some())
        .filter_map(|i| {
            let m = &mentions[i];
            let party = link(m).or_else(|| {
                let chosen = org_for(inputs, bodies, read_orgs, mentions, i, m.hint)?;
                link_org(&chosen.org)
            })?;
            Some((party.0, person_of[i]))
        })
        .collect();
    for (i, m) in mentions.iter_mut().enumerate().filter(|(_, m)| {
        m.role.is_some()
            && match m.vetoed {
                Some(_) => m.veto_spares_officers,
                None => {
                    !m.in_scope
                        && head(m)
                        && !inputs.scopes.barred(&m.name_range)
                        && !inputs.scopes.cut_out(&m.name_range)
                }
            }
    }) {
        // the body read with the role, else the kind of party the role
        // implies ("le maire, X": the one commune that is a party)
        let Some((party, evidence)) = link(m) else {
            continue;
        };
        // a party someone named at the signing stands for needs no other
        // spokesman: "X, président de la CC, et Y ont signé ... « ... »,
        // explique Z, vice-président de la CC" (Z only speaks); one who is
        // named at the signing too still gets the body read here
        let signs = |person: usize| people[person].iter().any(|&j| j != i && in_scope[j]);
        if !signs(person_of[i])
            && represented
                .iter()
                .any(|(p, person)| *p == party && *person != person_of[i])
        {
            continue;
        }
        // a head named outside the signature must belong to a party the text
        // names elsewhere: "X, maire de Rouperroux" alone makes Rouperroux a
        // party only through X (the CAF is a party of every CTG)
        let span = inputs.text.char_offset(m.span.start)..inputs.text.char_offset(m.span.end);
        let circular = !matches!(party, PartyRef::Caf { .. })
            && evidence.is_some_and(|e| span.start <= e.start && e.end <= span.end);
        if m.vetoed.is_some() || !circular {
            m.vetoed = None;
            m.in_scope = true;
        }
    }
}

/// A deliberation authorises a role to sign ("autorise Monsieur le Maire à
/// signer"): the one person of the document who holds that role (not for the
/// CAF), when none is named as authorised already, signs; one of their
/// mentions with that role is put in scope.
fn mandated(inputs: &Inputs, mentions: &mut [Mention], people: &[Vec<usize>]) {
    let lex = inputs.rules.lexicon();
    let text = inputs.text.as_str();
    for m in inputs
        .mandates
        .iter()
        .filter(|m| m.rule.kind == RuleKind::Extract)
    {
        let Some(role) = m.captures.get("role") else {
            continue;
        };
        let parse = roles::parse_role(
            lex,
            &tokens::tokens(text, role.range.clone()),
            bodies::NameStarts::NONE,
        );
        let Some((_, code)) = parse.role else {
            continue;
        };
        let sentence = inputs.sentences.around(m.range.clone());
        let named_there = mentions
            .iter()
            .any(|x| sentence.start <= x.name_range.start && x.name_range.end <= sentence.end);
        if named_there {
            continue;
        }
        // (a veto does not hold against the mandate: "sous la présidence de
        // M. X, Maire" names the session's president, who is mandated)
        let holds = |i: usize| {
            let x = &mentions[i];
            x.role.as_ref().is_some_and(|(_, c)| *c == code)
                && x.org
                    .as_ref()
                    .is_none_or(|o| o.kind != Some(PartyKind::Caf))
        };
        let holders: Vec<usize> = people
            .iter()
            .filter_map(|p| p.iter().copied().find(|&i| holds(i)))
            .collect();
        if let [one] = holders[..] {
            mentions[one].in_scope = true;
            mentions[one].vetoed = None;
        }
    }
}

/// The signatory one person is, with the index of the mention that makes them
/// one (their first unvetoed mention in a passage about the signature); none
/// when no such mention exists or the name is a place's.
fn signatory(
    inputs: &Inputs,
    bodies: &mut Bodies,
    read_orgs: &ReadOrgs,
    mentions: &[Mention],
    person: &[usize],
) -> Option<(usize, Signatory)> {
    let lex = inputs.rules.lexicon();
    let first = person
        .iter()
        .copied()
        .filter(|&i| mentions[i].in_scope && mentions[i].vetoed.is_none())
        .min_by_key(|&i| (mentions[i].name_range.start, -mentions[i].priority))?;
    // a name that opens with a word naming bodies and no given name
    // ("Direction des Ressources", "Maison Départementale"), with no civility
    // before it, is a body even when a role leads to it ("Monsieur le Maire de
    // Vire, Service Ressources Humaines")
    let opens_with_body = |i: usize| {
        mentions[i]
            .key
            .first()
            .is_some_and(|w| lex.body_word.contains_folded(w) && !crate::refdata::is_given_name(w))
    };
    if person
        .iter()
        .all(|&i| !mentions[i].civil && opens_with_body(i))
    {
        return None;
    }
    // a name never read with a role nor after a civility is a person's only
    // when it says so itself: its first word a known given name, or a surname
    // in capitals (only people are people). Else it is a body's
    // ("Mutualité Sociale Agricole", "Promeneurs du Net"), a place's
    // ("Saumur Loire Développement", "Sambre Avesnois") or a newspaper's
    // ("Le Petit Tarnais"). An intercommunality's name is a body even when it
    // opens with a given name ("Cap Excellence"), and so is any name in
    // quotation marks, or between two capitalized words ("« Berry Loire
    // Puisaye »", "Tarbes Lourdes Pyrénées Sud")
    if person
        .iter()
        .all(|&i| mentions[i].bare && !mentions[i].civil)
    {
        let written = &inputs.text.as_str()[mentions[first].name_range.clone()];
        let text = inputs.text.as_str();
        let range = mentions[first].name_range.clone();
        // "le Dr Marie-Claude Hoarau": an honorific is no part of the name
        let unprefixed = (written.split_once(' '))
            .filter(|(w, _)| {
                lex.honorific
                    .contains_folded(&fold(w.trim_end_matches('.')))
            })
            .map_or(written, |(_, rest)| rest);
        if names::in_quotes(text, range.clone())
            || names::inside_longer_name(text, range)
            || names::names_an_epci(written)
            || !names::reads_as_person(unprefixed)
        {
            return None;
        }
    }
    let alive: Vec<usize> = person
        .iter()
        .copied()
        .filter(|&i| mentions[i].vetoed.is_none())
        .collect();
    // a role read after this person's name that another person's mention
    // reads as leading into theirs ("la présidente du Département, A, le
    // directeur de la Caf, B, ...") is that person's: it comes last here
    let led_into_other = |i: usize| {
        mentions[i].role.as_ref().is_some_and(|(r, _)| {
            mentions[i].name_range.end <= r.start
                && mentions.iter().enumerate().any(|(j, x)| {
                    !person.contains(&j)
                        && x.name_range.start >= r.end
                        && x.role.as_ref().is_some_and(|(other, _)| other == r)
                })
        })
    };
    // the role: from the best rule, a signing mention first, then the earliest
    let role_from = alive
        .iter()
        .copied()
        .filter(|&i| mentions[i].role.is_some())
        .min_by_key(|&i| {
            let m = &mentions[i];
            (
                led_into_other(i),
                -m.priority,
                !m.in_scope,
                m.name_range.start,
            )
        });
    let hint = role_from.and_then(|i| mentions[i].hint);
    let orgs: Vec<(usize, OrgChoice)> = alive
        .iter()
        .filter_map(|&i| org_for(inputs, bodies, read_orgs, mentions, i, hint).map(|o| (i, o)))
        .collect();
    let org = orgs
        .iter()
        .min_by_key(|(i, o)| {
            // the body of the mention that gave the role first: "X, role1 de
            // A, Y role2" also reads as "role1 de A, Y"
            let m = &mentions[*i];
            // a mention about the signing first, then the best rule's
            (
                led_into_other(*i),
                !m.in_scope,
                -m.priority,
                std::cmp::Reverse(o.rank),
                m.name_range.start,
            )
        })
        .map(|(_, o)| more_specific(o, &orgs, mentions, inputs.text.as_str()).clone())
        .or_else(|| {
            let code = role_from.and_then(|i| mentions[i].role.as_ref().map(|(_, c)| *c))?;
            issuer(inputs, code)
        });
    let text = inputs.text.as_str();
    // the first mention about the signing spells the name, unless it is the
    // surname alone and the full name is written elsewhere
    let spelled_first = person
        .iter()
        .copied()
        .min_by_key(|&i| {
            let m = &mentions[i];
            (m.key.len() == 1, !m.in_scope, m.name_range.start)
        })
        .unwrap_or(person[0]);
    let name = names::shortest_spelling(
        &mentions[spelled_first].name,
        person.iter().map(|&i| mentions[i].name.as_str()),
    );
    // the evidence is a mention that has every word of the name
    let m = if mentions[first].key.len() < mentions[spelled_first].key.len() {
        &mentions[spelled_first]
    } else {
        &mentions[first]
    };
    let (role, role_code, role_evidence) = match role_from {
        Some(i) => {
            let (r, code) = mentions[i].role.clone().expect("filtered on role");
            let e = evidence(mentions[i].rule, inputs.text, r.start, r.end);
            let role = tidy(&text[r], lex);
            // "les maires A et B": each is "maire"
            let role = lex.role_singular.lookup(&role).cloned().unwrap_or(role);
            (Some(role), Some(code), Some(e))
        }
        None => (None, None, None),
    };
    let (organization, party, organization_evidence) = match org {
        Some(o) => organization(inputs, &o),
        None => (None, None, None),
    };
    let signatory = Signatory {
        name: value::clean_name(name, lex),
        role,
        role_code,
        organization,
        party,
        evidence: evidence(m.rule, inputs.text, m.name_range.start, m.name_range.end),
        role_evidence,
        organization_evidence,
    };
    Some((first, signatory))
}

/// The organization, the party it designates, and its evidence: as written
/// (`organization_as_written`), but a département written without its
/// department's name ("vice-présidente du conseil départemental",
/// "présidente du Département") is named by it ("Département de la Creuse");
/// the evidence stays the words written. A CAF keeps its written name ("la
/// Caf"): the texts' own readers name it so.
fn organization(
    inputs: &Inputs,
    o: &OrgChoice,
) -> (
    Option<String>,
    Option<PartyRef>,
    Option<crate::record::Evidence>,
) {
    let (name, party, e) = organization_as_written(inputs, o);
    let departement = party.as_ref().and_then(departement_of);
    match (name, departement) {
        (Some(n), Some(dept)) if !contains_words(&fold(&n), &fold(dept.name)) => {
            let e = evidence(&o.rule, inputs.text, o.org.range.start, o.org.range.end);
            let of = charniere_written(inputs.text.as_str(), dept.name).unwrap_or(dept.charniere);
            let named = format!(
                "Département {}",
                crate::refdata::with_charniere(of, dept.name)
            );
            (Some(named), party, Some(e))
        }
        (name, _) => (name, party, e),
    }
}

/// The link word the text writes before a department's name, when it writes
/// one ("de Tarn-et-Garonne" where the official form is "du"); not where the
/// name begins a longer one ("de Creuse Sud Ouest", an intercommunality's).
fn charniere_written<'t>(text: &'t str, name: &str) -> Option<&'t str> {
    const OF: [&str; 8] = ["de l'", "de l’", "de la ", "d'", "d’", "du ", "des ", "de "];
    let whole = |end: usize| {
        let after = &text[end..];
        let next = after.chars().next();
        let next_word = after.strip_prefix(' ').and_then(|a| a.chars().next());
        !next.is_some_and(|c| c.is_alphanumeric() || c == '-')
            && !next_word.is_some_and(char::is_uppercase)
    };
    text.match_indices(name).find_map(|(at, _)| {
        if !whole(at + name.len()) {
            return None;
        }
        let before = &text[..at];
        OF.iter().find_map(|of| {
            let start = before.len().checked_sub(of.len())?;
            let written = before.get(start..)?;
            let word_start = start == 0 || before[..start].ends_with(char::is_whitespace);
            (word_start && written.eq_ignore_ascii_case(of)).then(|| written.trim_end())
        })
    })
}

/// The department of a département party that has its code.
fn departement_of(party: &PartyRef) -> Option<&'static crate::refdata::DepartementRef> {
    match party {
        PartyRef::Territory {
            territory_kind: TerritoryKind::Departement,
            code: Some(code),
            ..
        } => crate::refdata::get().departement(code),
        _ => None,
    }
}

/// The organization as written, the party it designates, and its evidence:
/// the party's own name and evidence when the body is only a head word ("la
/// commune") or the only party of its kind.
fn organization_as_written(
    inputs: &Inputs,
    o: &OrgChoice,
) -> (
    Option<String>,
    Option<PartyRef>,
    Option<crate::record::Evidence>,
) {
    let lex = inputs.rules.lexicon();
    let raw = &inputs.text.as_str()[o.org.range.clone()];
    let linked = parties::link(
        inputs,
        &one_line(&without_asides(raw)),
        o.org.kind,
        o.org.generic,
    );
    match (&o.party_evidence, linked) {
        (Some(e), Some((party, _))) => (Some(tidy(&e.text, lex)), Some(party), Some(e.clone())),
        // "la commune", "la ville": the party's own name; "la Caf" as written
        // (the record's party link says which CAF)
        (_, Some((party, Some(e)))) if o.org.generic && o.org.kind != Some(PartyKind::Caf) => {
            (Some(tidy(&e.text, lex)), Some(party), Some(e))
        }
        // "président de la CCPM": the party's name as the text writes it, with
        // the acronym the person's words use ("Communauté de communes du Pays
        // de Mormal (CCPM)"); a CAF's stays as written
        (_, Some((party, Some(e))))
            if o.org.kind != Some(PartyKind::Caf)
                && is_acronym(raw.trim())
                && fold(&e.text) != fold(raw.trim()) =>
        {
            let named = format!("{} ({})", tidy(&e.text, lex), raw.trim());
            (Some(named), Some(party), Some(e))
        }
        (_, linked) => {
            let e = evidence(&o.rule, inputs.text, o.org.range.start, o.org.range.end);
            (Some(tidy(raw, lex)), linked.map(|(p, _)| p), Some(e))
        }
    }
}

/// Whether a body is written as an acronym: two to eight capitals and
/// digits, a capital first ("CCPM", "SIVOM", "CA2B").
pub(super) fn is_acronym(written: &str) -> bool {
    (2..=8).contains(&written.len())
        && written.starts_with(|c: char| c.is_ascii_uppercase())
        && written
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// The body of mention `i`: read with its role, else the nearest body named
/// before it in its sentence (of the kind its role implies, when it implies
/// one), else the only party of that kind.
fn org_for(
    inputs: &Inputs,
    bodies: &mut Bodies,
    read_orgs: &ReadOrgs,
    mentions: &[Mention],
    i: usize,
    hint: Option<PartyKind>,
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
    let nearest = nearest_before(inputs, bodies, read_orgs, mentions, m, hint);
    if let Some((org, rank, rule)) = nearest {
        return Some(OrgChoice {
            org,
            rank,
            rule,
            party_evidence: None,
        });
    }
    let kind = hint.or_else(|| lone_presided_party(inputs, m))?;
    let only = only_party(inputs, kind)?;
    let range = byte_range(inputs.text, &only);
    Some(OrgChoice {
        org: Org {
            range,
            kind: Some(kind),
            generic: false,
        },
        rank: 1,
        rule: only.rule.clone(),
        party_evidence: Some(only),
    })
}

/// A body written only as its head word ("pour la Caf") gives way to the
/// same kind of body named in full with the same person's role in a
/// mention about the signing ("la directrice de la Caisse d'allocations
/// familiales de l'Indre, Anne Roy, a paraphé le document pour la Caf"):
/// both name the one party, the second says which. A name read
/// across a line break may run into the next line's words, and stays out.
fn more_specific<'o>(
    chosen: &'o OrgChoice,
    orgs: &'o [(usize, OrgChoice)],
    mentions: &[Mention],
    text: &str,
) -> &'o OrgChoice {
    if !chosen.org.generic || chosen.org.kind.is_none() {
        return chosen;
    }
    orgs.iter()
        .filter(|(i, o)| {
            mentions[*i].in_scope
                && o.rank == 3
                && !o.org.generic
                && o.org.kind == chosen.org.kind
                && !text[o.org.range.clone()].contains('\n')
        })
        .min_by_key(|(i, _)| mentions[*i].name_range.start)
        .map_or(chosen, |(_, o)| o)
}

/// For a president (or vice-president) whose words name no body ("Le
/// président Paul Martin et la directrice de la Caf ont paraphé"), the
/// one party besides the CAF that a president heads, when the text has
/// exactly one (an intercommunality, a syndicat or a département): a CAF's
/// president is named as such ("la présidente du conseil d'administration",
/// "le président de la Caf"), and communes have mayors.
fn lone_presided_party(inputs: &Inputs, m: &Mention) -> Option<PartyKind> {
    let presides = m
        .role
        .as_ref()
        .is_some_and(|(_, code)| matches!(code, RoleCode::President | RoleCode::VicePresident));
    if !presides {
        return None;
    }
    let mut presided = inputs.territories.iter().filter(|t| {
        matches!(
            t.kind,
            TerritoryKind::Epci | TerritoryKind::Syndicat | TerritoryKind::Departement
        )
    });
    match (presided.next(), presided.next()) {
        (Some(one), None) => Some(PartyKind::of_territory(one.kind)),
        _ => None,
    }
}

/// In a deliberation, the body that deliberates, for its mayor (or deputy)
/// or president (or vice-president) whose own words name no body: the
/// deliberation speaks for its author, named first, in its heading ("VILLE DE
/// BRIVE-LA-GAILLARDE / CONSEIL MUNICIPAL ... donne pouvoir à Mme X, Première
/// adjointe"). A mayor's is the first commune named; a president's the first
/// intercommunality, syndicat or département. None when no such party is found.
fn issuer(inputs: &Inputs, code: RoleCode) -> Option<OrgChoice> {
    if !inputs.deliberation {
        return None;
    }
    let fits = |k: TerritoryKind| match code {
        RoleCode::Mayor | RoleCode::DeputyMayor => k == TerritoryKind::Commune,
        RoleCode::President | RoleCode::VicePresident => matches!(
            k,
            TerritoryKind::Epci | TerritoryKind::Syndicat | TerritoryKind::Departement
        ),
        _ => false,
    };
    // where a party is first named: a commune's first mention, else its evidence
    let first_named = |t: &Territory| {
        let commune = (t.kind == TerritoryKind::Commune)
            .then(|| {
                inputs
                    .communes
                    .iter()
                    .find(|c| Some(&c.insee) == t.code.as_ref())
                    .and_then(|c| c.mentions.iter().map(|e| e.start).min())
            })
            .flatten();
        commune.map_or(t.evidence.start, |at| at.min(t.evidence.start))
    };
    let author = inputs
        .territories
        .iter()
        .filter(|t| fits(t.kind))
        .min_by_key(|t| first_named(t))?;
    Some(OrgChoice {
        org: Org {
            range: byte_range(inputs.text, &author.evidence),
            kind: Some(PartyKind::of_territory(author.kind)),
            generic: false,
        },
        rank: 0,
        rule: author.evidence.rule.clone(),
        party_evidence: Some(author.evidence.clone()),
    })
}

/// The nearest body named before the mention in its sentence, of the kind
/// `hint` says: an institution (rank 2), or a place read by another mention
/// or a party named there with no head word (rank 1).
fn nearest_before(
    inputs: &Inputs,
    bodies: &mut Bodies,
    read_orgs: &ReadOrgs,
    mentions: &[Mention],
    m: &Mention,
    hint: Option<PartyKind>,
) -> Option<(Org, u8, RuleId)> {
    let sentence = inputs.sentences.around(m.span.clone());
    let end = m.name_range.start.max(sentence.start);
    // A clause ends at a semicolon: a deliberation's "approuve la convention
    // avec la Caf ;" does not give its body to the "donne pouvoir au
    // Président, M. X" of the next line, nor "X, directrice de la Caf ;" to
    // the "pour les communes, leurs maires Y (A), Z (B)" after it.
    // For a name with no role, or a role that implies no kind of body ("élue
    // en charge de l'enfance", "déléguée du préfet"), a full stop at a line's
    // end ends the sentence too: "X, directrice de la Caf, a signé.\nLes
    // maires Y (A) et Z (B) aussi" does not give the Caf to Y and Z
    // (sentences run on over such line breaks so that a round-up's passages
    // stay whole; a role's kind still finds its body there, as a
    // deliberation's "Présidente" the syndicat named in the lines above).
    let text = inputs.text.as_str();
    let before = &text[sentence.start..end];
    let clause = before.rfind(';').map_or(0, |at| at + 1);
    let line = before
        .match_indices('\n')
        .rfind(|(at, _)| {
            (m.role.is_none() || hint.is_none())
                && before[..*at].trim_end().ends_with(['.', '!', '?'])
        })
        .map_or(0, |(at, _)| at + 1);
    let window = sentence.start + clause.max(line)..end;
    let lex = inputs.rules.lexicon();
    let mut found: Vec<(Org, u8, RuleId)> = bodies
        .of(inputs.text.as_str(), lex, sentence)
        .iter()
        .filter(|o| o.range.end <= window.end)
        .map(|o| (o.clone(), 2, m.rule.clone()))
        .collect();
    found.extend(
        read_orgs
            .parties_in(window.clone())
            .map(|(o, rule)| (o.clone(), 1, rule.clone())),
    );
    for other in read_orgs.starting_in(mentions, window.clone()) {
        if let Some(org) = &other.org {
            let before = window.start <= org.range.start && org.range.end <= window.end;
            if before && org.kind.is_none() {
                found.push((org.clone(), 1, other.rule.clone()));
            }
        }
    }
    // (the other social security funds are governed as a CAF is: "la MSA,
    // agissant par le président de son conseil d'administration, M. X" is
    // the MSA's president, not the CAF's)
    // (a role may be of another kind of body, named before the person, as
    // the lexicon's `role_party_kind_also` says: "Pour le Département, X,
    // vice-présidente chargée de l'enfance")
    let fits = |o: &Org| match (hint, o.kind) {
        (None, _) => true,
        (Some(h), Some(k)) => {
            h == k || (h == PartyKind::Caf && k == PartyKind::Other) || m.also == Some(k)
        }
        (Some(h), None) => h == PartyKind::Commune,
    };
    // A name with no role takes no body from another person's apposition:
    // in "X, qui préside la communauté de communes, et Y, à la tête de la
    // Caf", Y is not of the communauté; a role may ("X, présidente de la CC,
    // et Y, vice-président chargé de l'enfance"), of the kind it implies. A
    // role of no local office (a senator, a sub-prefect, a deputy) takes no
    // commune from a mayor's apposition ("X, maire de C, et Y, sénatrice").
    let no_local_office = matches!(m.role, Some((_, RoleCode::Other)));
    let apposed = |o: &Org| {
        (m.role.is_none() || (no_local_office && o.kind.is_none_or(|k| k == PartyKind::Commune)))
            && read_orgs
                .other_name_before(mentions, m, o.range.start)
                .filter(|n| n.end <= o.range.start && window.start <= n.start)
                .is_some_and(|n| {
                    let between = &text[n.end..o.range.start];
                    let joined = fold(between)
                        .split(' ')
                        .any(|w| lex.conjunction.contains_folded(w));
                    between.starts_with(',')
                        && !between[1..].contains([',', ';', '(', ')'])
                        && !joined
                })
    };
    found
        .into_iter()
        .filter(|(o, _, _)| fits(o) && window.start <= o.range.start && o.range.end <= window.end)
        .filter(|(o, _, _)| !apposed(o))
        .max_by_key(|(o, rank, _)| (*rank, o.range.start))
}

/// The mentions that read a body of no kind (a place), by where that body
/// starts: the bodies before a mention are found by binary search, where a
/// walk over every mention for each took time quadratic in a long text.
struct ReadOrgs {
    /// `(start of the body, index of the mention)`, ascending.
    starts: Vec<(usize, usize)>,
    /// The parties other than communes and the CAF, as bodies, by where they
    /// are named: "Mond'Arverne Communauté, représentée par son Président, M.
    /// X" names a party with no head word for `Bodies` to find.
    parties: Vec<(Org, RuleId)>,
    /// `(start of the name, index of the mention)`, ascending.
    names: Vec<(usize, usize)>,
}

impl ReadOrgs {
    fn new(inputs: &Inputs, mentions: &[Mention]) -> ReadOrgs {
        let mut starts: Vec<(usize, usize)> = mentions
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                let org = m.org.as_ref().filter(|o| o.kind.is_none())?;
                Some((org.range.start, i))
            })
            .collect();
        starts.sort_unstable();
        let mut parties: Vec<(Org, RuleId)> = inputs
            .territories
            .iter()
            .filter(|t| !matches!(t.kind, TerritoryKind::Commune | TerritoryKind::Other))
            .map(|t| {
                let org = Org {
                    range: byte_range(inputs.text, &t.evidence),
                    kind: Some(PartyKind::of_territory(t.kind)),
                    generic: false,
                };
                (org, t.evidence.rule.clone())
            })
            .collect();
        parties.sort_by_key(|(o, _)| o.range.start);
        let mut names: Vec<(usize, usize)> = mentions
            .iter()
            .enumerate()
            .map(|(i, m)| (m.name_range.start, i))
            .collect();
        names.sort_unstable();
        ReadOrgs {
            starts,
            parties,
            names,
        }
    }

    /// The name of the last person other than `m` named before byte `at`.
    fn other_name_before(
        &self,
        mentions: &[Mention],
        m: &Mention,
        at: usize,
    ) -> Option<Range<usize>> {
        let end = self.names.partition_point(|&(s, _)| s < at);
        self.names[..end]
            .iter()
            .rev()
            .find(|&&(_, i)| mentions[i].key != m.key)
            .map(|&(_, i)| mentions[i].name_range.clone())
    }

    /// The parties named inside `window`.
    fn parties_in(&self, window: Range<usize>) -> impl Iterator<Item = &(Org, RuleId)> + '_ {
        let first = self
            .parties
            .partition_point(|(o, _)| o.range.start < window.start);
        self.parties[first..]
            .iter()
            .take_while(move |(o, _)| o.range.start <= window.end)
            .filter(move |(o, _)| o.range.end <= window.end)
    }

    /// The mentions whose body starts in `window`, in the order of their
    /// bodies' starts, then of the mentions (so the last of equals is the
    /// last of them in the text's order, as a walk over all finds it).
    fn starting_in<'m, 'r>(
        &self,
        mentions: &'m [Mention<'r>],
        window: Range<usize>,
    ) -> impl Iterator<Item = &'m Mention<'r>> + use<'_, 'm, 'r> {
        let first = self.starts.partition_point(|&(s, _)| s < window.start);
        self.starts[first..]
            .iter()
            .take_while(move |&&(s, _)| s <= window.end)
            .map(|&(_, i)| &mentions[i])
    }
}

fn trace(m: &Match, mention: Option<&Mention>, status: Status) -> Considered {
    Considered {
        evidence: m.evidence.clone(),
        priority: m.rule.priority,
        value: mention.map(|p| p.name.clone()),
        status,
    }
}

/// A role or organization as a record holds it: an aside in parentheses
/// ("Caisse d'allocations familiales (CAF) de la Somme") goes, then the value
/// is cleaned (one line, no article or preposition left at either end:
/// "du Conseil départemental" is "Conseil départemental").
fn tidy(s: &str, lex: &Lexicon) -> String {
    value::clean(&without_asides(s), lex, false)
}

/// `s` without its asides in parentheses.
fn without_asides(s: &str) -> String {
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
    out
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
    fn tidy_joins_lines_drops_asides_and_dangling_words() {
        let rules = crate::rules::RuleSet::load(None).expect("built-in rules compile");
        let lex = rules.lexicon();
        assert_eq!(
            tidy("Caisse d'allocations familiales (CAF)\nde la Somme", lex),
            "Caisse d'allocations familiales de la Somme"
        );
        assert_eq!(
            tidy("  Pays de\n\nLandivisiau ", lex),
            "Pays de Landivisiau"
        );
        assert_eq!(
            tidy("du Conseil départemental des Hautes-Pyrénées", lex),
            "Conseil départemental des Hautes-Pyrénées"
        );
    }
}
