//! Territories and communes: the EPCI and communes the text names, resolved to
//! official codes, and which of them (with the départements, syndicats and other
//! bodies that `territory` rules find) are parties.
//!
//! Order of work, each step using the one before:
//! 1. EPCI: a core name after a kind word (`epci_kind` table), or a core that
//!    carries its kind, or an acronym; candidates in the CAF's department first.
//! 2. Territory rules (département, syndicat, other).
//! 3. The documents' departments: the CAF's, the EPCI's, the département's.
//! 4. Communes: every gazetteer name that is capitalized, not inside another
//!    name (CAF, EPCI, syndicat), not next to another capitalized word (a person,
//!    a longer name), not after a word of the `commune_not_after` table (a street,
//!    a particle), backed by a `commune` rule when it is an ordinary word
//!    (`commune_common_word`), and in one of the document's departments.
//! 5. Parties: what lies in a party scope. A commune named as a place (after a
//!    word of `commune_location_before`, or as the `venue` of a `commune`
//!    rule: "à la Maison de l'enfance de X") is not a party, and when an EPCI is a
//!    party, a commune is one only where a `commune` rule names it as an
//!    institution ("la commune de X").

mod communes;
mod epcis;
mod territories;

use super::scope::Scopes;
use crate::extract::spans::Spans;
use crate::normalize::fold::{fold, Folded, BARRIER};
use crate::normalize::Text;
use crate::places::gazetteer;
use crate::record::{Caf, Commune, Evidence, RuleId, Territory, TerritoryKind, Warning};
use crate::refdata;
use crate::rules::lexicon::Lexicon;
use crate::rules::trace::{Considered, Status, Unusable};
use crate::rules::{evidence, Match, RuleKind, RuleSet};
use communes::CommuneMention;
use epcis::EpciMention;
use std::ops::Range;

/// Rule id of the evidence of a commune found by the gazetteer.
pub const COMMUNE_GAZETTEER: &str = "places.commune_gazetteer";
/// Rule id of the evidence of an EPCI found by its name.
pub const EPCI_NAME: &str = "places.epci_name";
/// Rule id of the evidence of an EPCI found by its name standing alone, in a
/// party scope.
pub const EPCI_BARE_NAME: &str = "places.epci_bare_name";
/// Rule id of the evidence of an EPCI found by its acronym.
pub const EPCI_ACRONYM: &str = "places.epci_acronym";

/// What the places of a document came to.
#[derive(Debug, Default)]
pub struct Places {
    /// Parties besides the CAF.
    pub territories: Vec<Territory>,
    /// Communes named.
    pub communes: Vec<Commune>,
    /// Names left out because they fit several places.
    pub warnings: Vec<Warning>,
    /// Trace of territory candidates.
    pub territory_trace: Vec<Considered>,
    /// Trace of commune candidates.
    pub commune_trace: Vec<Considered>,
    /// Byte ranges of every CAF and EPCI name, party or not (no person's name
    /// lies in them).
    pub names: Vec<Range<usize>>,
}

/// The inputs of `extract`.
#[derive(Debug)]
pub struct Inputs<'a, 'r, 't> {
    /// The normalized text.
    pub text: &'a Text,
    /// The rules (for their tables).
    pub rules: &'r RuleSet,
    /// CAF found.
    pub cafs: &'a [Caf],
    /// Matches of the `caf` rules (their spans are not communes).
    pub caf_matches: &'a [Match<'r, 't>],
    /// Matches of the `territory` rules.
    pub territory_matches: &'a [Match<'r, 't>],
    /// Matches of the `commune` rules.
    pub commune_matches: &'a [Match<'r, 't>],
    /// Party scopes.
    pub scopes: &'a Scopes,
}

/// The place tables of the lexicon, folded (the folding is done once, when
/// the rules compile; this only gathers the words).
struct Tables<'r> {
    lexicon: &'r Lexicon,
    kinds: Vec<&'r str>,
    kinds_after: Vec<&'r str>,
    links: Vec<&'r str>,
    anaphors: Vec<&'r str>,
    commune_anaphors: Vec<&'r str>,
    not_after: Vec<&'r str>,
    location: Vec<&'r str>,
    location_labels: Vec<&'r str>,
    town_halls: Vec<&'r str>,
    neighbours: Vec<&'r str>,
    bare_not_after: Vec<&'r str>,
    bare_apposition: Vec<&'r str>,
    bare_office: Vec<&'r str>,
}

impl<'r> Tables<'r> {
    fn of(rules: &'r RuleSet) -> Tables<'r> {
        let lex = rules.lexicon();
        Tables {
            lexicon: lex,
            kinds: lex.epci_kind.folded_list(),
            kinds_after: lex.epci_kind_after.folded_list(),
            links: lex.name_link.folded_list(),
            anaphors: lex.epci_anaphor.folded_list(),
            commune_anaphors: lex.commune_anaphor.folded_list(),
            not_after: lex.commune_not_after.folded_list(),
            location: lex.commune_location_before.folded_list(),
            location_labels: lex.commune_location_label.folded_list(),
            town_halls: lex.town_hall.folded_list(),
            neighbours: lex.capitalized_neighbour.folded_list(),
            bare_not_after: lex.epci_bare_not_after.folded_list(),
            bare_apposition: lex.epci_bare_apposition.folded_list(),
            bare_office: lex.epci_bare_office.folded_list(),
        }
    }
}

/// Finds the territories and communes of a text.
pub fn extract(inputs: &Inputs) -> Places {
    let text = inputs.text;
    let folded = Folded::new(text.as_str());
    let tables = Tables::of(inputs.rules);
    let mut places = Places::default();
    let caf_departments: Vec<&str> = inputs
        .cafs
        .iter()
        .filter_map(|c| c.department.as_deref())
        .collect();
    // 1. EPCI
    let mut blocked: Vec<Range<usize>> = inputs
        .caf_matches
        .iter()
        .map(|m| super::caf::name_range(m, inputs.rules))
        .collect();
    let bare = epcis::Bare {
        scopes: inputs.scopes,
        cafs: &blocked,
        lower: &tables.lexicon.place_lower_word,
        not_after: &tables.bare_not_after,
        neighbours: &tables.neighbours,
        joiners: &tables.lexicon.epci_bare_joiner,
        apposed: &tables.bare_apposition,
        offices: &tables.bare_office,
    };
    let epcis = epcis::mentions(text.as_str(), &folded, &tables, &caf_departments, &bare);
    // 2. territory rules
    blocked.extend(epcis.iter().map(|e| e.range.clone()));
    places.names = blocked.clone();
    let ruled = ruled_territories(inputs, &caf_departments, &mut blocked, &mut places);
    // 3. departments of the document
    let departments = departments(inputs, &caf_departments, &epcis, &ruled);
    // 4. communes
    let contexts: Vec<(&Match, Range<usize>)> = inputs
        .commune_matches
        .iter()
        .filter(|m| m.rule.kind == RuleKind::Extract)
        .filter_map(|m| m.captures.get("name").map(|c| (m, c.range.clone())))
        .collect();
    // (each gazetteer hit looks for the spans around it: found by binary
    // search, a long text's thousands of names times its thousands of
    // spans were most of a 60 MB text's time)
    let blocked_spans = Spans::new(blocked.iter().cloned());
    let context_spans = Spans::new(contexts.iter().map(|(_, r)| r.clone()));
    let data = refdata::get();
    let members: Vec<&'static str> = epcis
        .iter()
        .filter(|e| inputs.scopes.contains(&e.range))
        .flat_map(|e| data.epci[e.epci].members.iter().copied())
        .collect();
    let judge = communes::Judge {
        text: text.as_str(),
        folded: &folded,
        tables: &tables,
        blocked: &blocked_spans,
        contexts: &contexts,
        context_spans: &context_spans,
        departments: &departments,
        members: &members,
    };
    let mentions = commune_mentions(inputs, &judge, &mut places);
    places.communes = communes::group(&mentions, text);
    for (m, _) in &contexts {
        places.commune_trace.push(Considered {
            evidence: m.evidence.clone(),
            priority: m.rule.priority,
            value: m.rule.value.clone(),
            status: Status::Kept,
        });
    }
    // 5. parties
    let mut parties = parties(inputs, &judge, &epcis, ruled, &mentions);
    for (t, _) in &mut parties {
        t.name = territory_name(t, inputs.rules.lexicon());
    }
    places.territories = distinct(parties);
    places
}

/// The territories of `territory` rules that are parties; every match goes to
/// the trace, and its span to `blocked` (no commune lies in it).
fn ruled_territories(
    inputs: &Inputs,
    caf_departments: &[&str],
    blocked: &mut Vec<Range<usize>>,
    places: &mut Places,
) -> Vec<(Territory, Range<usize>)> {
    let mut ruled = Vec::new();
    for m in inputs.territory_matches {
        if m.rule.kind == RuleKind::Veto {
            continue;
        }
        blocked.push(m.range.clone());
        let (territory, status) = territories::ruled(m, caf_departments, inputs.scopes);
        let chosen = status == Status::Chosen;
        places.territory_trace.push(Considered {
            evidence: m.evidence.clone(),
            priority: m.rule.priority,
            value: Some(territories::display(&territory)),
            status,
        });
        if chosen {
            ruled.push((territory, m.range.clone()));
        }
    }
    ruled
}

/// The document's departments: the CAF's, those of the EPCI in a party scope,
/// the département's.
fn departments<'d>(
    inputs: &Inputs,
    caf_departments: &[&'d str],
    epcis: &[EpciMention],
    ruled: &[(Territory, Range<usize>)],
) -> Vec<&'d str> {
    let data = refdata::get();
    let mut departments: Vec<&str> = caf_departments.to_vec();
    for e in epcis.iter().filter(|e| inputs.scopes.contains(&e.range)) {
        departments.extend(data.epci[e.epci].departements.iter().copied());
    }
    for (t, _) in ruled {
        if t.kind == TerritoryKind::Departement {
            // the reference data's own spelling of the code, which lives as long
            // as the program
            let code = t
                .code
                .as_deref()
                .and_then(|c| data.departement(c))
                .map(|d| d.code);
            departments.extend(code);
        }
    }
    departments.sort_unstable();
    departments.dedup();
    departments
}

/// Every gazetteer hit judged; the commune mentions, with a trace of each hit
/// and a warning for each name that fits several places.
fn commune_mentions(
    inputs: &Inputs,
    judge: &communes::Judge,
    places: &mut Places,
) -> Vec<CommuneMention> {
    let data = refdata::get();
    let text = inputs.text;
    let mut mentions = Vec::new();
    for hit in gazetteer::get().find(judge.folded) {
        let (start, end) = judge.folded.original(hit.start, hit.end);
        let range = start..end;
        let ev = evidence(&RuleId(COMMUNE_GAZETTEER.into()), text, start, end);
        crate::budget::check();
        let (status, value) = match judge.judge(&hit, &range) {
            Ok(commune) => {
                mentions.push(CommuneMention {
                    commune,
                    range: range.clone(),
                    folded_start: hit.start,
                });
                let code = data.communes[commune].insee.to_string();
                (Status::Chosen, Some(code))
            }
            Err((why, candidates)) => {
                if why == Unusable::AmbiguousPlace {
                    places.warnings.push(Warning::AmbiguousPlace {
                        text: ev.text.clone(),
                        evidence: ev.clone(),
                        candidates: candidates.clone(),
                    });
                }
                let value = (!candidates.is_empty()).then(|| candidates.join(" | "));
                (Status::Unusable(why), value)
            }
        };
        places.commune_trace.push(Considered {
            evidence: ev,
            priority: 0,
            value,
            status,
        });
    }
    mentions
}

/// The parties, each with where it is named: the EPCI in a party scope ("la
/// communauté de communes" in a party scope stands for the EPCI the document
/// names, when it names exactly one), the ruled territories, and the communes
/// in a party scope that are not a location and, when an EPCI is a party, that
/// a `commune` rule names as an institution.
fn parties(
    inputs: &Inputs,
    judge: &communes::Judge,
    epcis: &[EpciMention],
    ruled: Vec<(Territory, Range<usize>)>,
    mentions: &[CommuneMention],
) -> Vec<(Territory, usize)> {
    let data = refdata::get();
    let (text, folded) = (inputs.text, judge.folded);
    let anaphors = epcis::anaphors_in_scope(folded, &judge.tables.anaphors, epcis, inputs.scopes);
    let mut named: Vec<usize> = epcis.iter().map(|e| e.epci).collect();
    named.sort_unstable();
    named.dedup();
    // an anaphor stands for the one EPCI named, or, when several are, for
    // the one named of its kind ("la communauté de communes" beside a named
    // agglomeration)
    let meant = |e: &EpciMention| {
        anaphors.iter().any(|a| match epcis::anaphor_kinds(a) {
            _ if named.len() == 1 => true,
            None => false,
            Some(kinds) => {
                kinds.contains(&data.epci[e.epci].kind)
                    && named
                        .iter()
                        .filter(|&&i| kinds.contains(&data.epci[i].kind))
                        .count()
                        == 1
            }
        })
    };
    let is_party = |e: &EpciMention| inputs.scopes.contains(&e.range) || meant(e);
    let epci_party = epcis.iter().any(is_party);
    let valued = |value: &str| {
        Spans::new(
            (judge.contexts.iter())
                .filter(|(c, _)| c.rule.value.as_deref() == Some(value))
                .map(|(_, r)| r.clone()),
        )
    };
    let (institutions, venues) = (valued("institution"), valued("venue"));
    // the commune itself ("la commune de X", "la Ville de X"), not its mayor's
    // title ("président de la communauté et maire de X")
    let bodies = Spans::new(
        (judge.contexts.iter())
            .filter(|(c, _)| c.rule.value.as_deref() == Some("institution"))
            .filter(|(c, _)| !fold(&text.as_str()[c.range.clone()]).starts_with("maire"))
            .map(|(_, r)| r.clone()),
    );
    let mut parties: Vec<(Territory, usize)> = Vec::new();
    let mut seen_epci = Vec::new();
    for e in epcis.iter().filter(|e| is_party(e)) {
        if seen_epci.contains(&e.epci) && !inputs.scopes.contains(&e.range) {
            continue;
        }
        seen_epci.push(e.epci);
        let ev = evidence(&RuleId(e.rule.into()), text, e.range.start, e.range.end);
        let code = Some(data.epci[e.epci].siren.to_string());
        parties.push((territory(TerritoryKind::Epci, code, ev), e.range.start));
    }
    parties.extend(ruled.into_iter().map(|(t, r)| (t, r.start)));
    for m in mentions {
        if !inputs.scopes.contains(&m.range)
            || is_location(judge, m)
            || venues.covers(m.range.start, m.range.end)
        {
            continue;
        }
        // a commune named as the body itself may be read without the article
        // its name begins with ("la commune de La Chapelle-aux-Brocs": "de la",
        // then the name), so that one only needs to overlap the mention
        let institution = institutions.covers(m.range.start, m.range.end)
            || bodies.overlaps(m.range.start, m.range.end);
        if epci_party && !institution {
            continue;
        }
        let rule = RuleId(COMMUNE_GAZETTEER.into());
        let ev = evidence(&rule, text, m.range.start, m.range.end);
        let code = Some(authority(&data.communes[m.commune]).to_string());
        parties.push((territory(TerritoryKind::Commune, code, ev), m.range.start));
    }
    // "la commune et la Caf ont signé ... à la mairie de X": the one commune
    // the document names (but in an address) is the party
    let local_party = parties
        .iter()
        .any(|(t, _)| !matches!(t.kind, TerritoryKind::Departement | TerritoryKind::Other));
    if !local_party
        && epcis.iter().all(|e| !is_party(e))
        && epcis::anaphor_in_scope(folded, &judge.tables.commune_anaphors, &[], inputs.scopes)
    {
        let named: Vec<&CommuneMention> =
            mentions.iter().filter(|m| !in_address(judge, m)).collect();
        fn one<'m>(v: &[&'m CommuneMention]) -> Option<&'m CommuneMention> {
            v.first()
                .copied()
                .filter(|f| v.iter().all(|m| m.commune == f.commune))
        }
        // else, when the page names others as places, the one commune it
        // names as a body and not as the venue ("Ville de X" in a magazine's
        // masthead)
        let as_body = || -> Vec<&CommuneMention> {
            (named.iter().copied())
                .filter(|m| bodies.overlaps(m.range.start, m.range.end) && !is_location(judge, m))
                .collect()
        };
        // else the one commune whose town hall it names ("à l'hôtel de ville
        // de X", the others named as places around it)
        let town_hall = || -> Vec<&CommuneMention> {
            (named.iter().copied())
                .filter(|m| {
                    folded
                        .phrase_before(m.folded_start, &judge.tables.town_halls, &[])
                        .is_some()
                })
                .collect()
        };
        if let Some(first) = one(&named)
            .or_else(|| one(&as_body()))
            .or_else(|| one(&town_hall()))
        {
            let rule = RuleId(COMMUNE_GAZETTEER.into());
            let ev = evidence(&rule, text, first.range.start, first.range.end);
            let code = Some(authority(&data.communes[first.commune]).to_string());
            parties.push((
                territory(TerritoryKind::Commune, code, ev),
                first.range.start,
            ));
        }
    }
    parties.sort_by_key(|(_, at)| *at);
    parties
}

/// The local authority a commune party is: itself, or for a commune
/// déléguée or associée (no authority of its own) the commune it belongs to
/// ("le maire délégué de Tourlaville a signé" signs for Cherbourg-en-Cotentin).
fn authority(c: &refdata::CommuneRef) -> &'static str {
    match c.kind {
        refdata::CommuneType::Commune => c.insee,
        _ => c.parent.unwrap_or(c.insee),
    }
}

/// Whether a commune is named in an address ("32000 Auch").
fn in_address(judge: &communes::Judge, m: &CommuneMention) -> bool {
    judge
        .folded
        .words_before(m.folded_start)
        .next()
        .is_some_and(|w| w.len() == 5 && w.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a commune is named as a location ("à X", "mairie de X") or in an
/// address ("32000 Auch").
fn is_location(judge: &communes::Judge, m: &CommuneMention) -> bool {
    let folded = judge.folded;
    let postal = in_address(judge, m);
    // "siège : Saint-Étienne", "Lieu : Annonay": a label, then punctuation
    let head = folded.as_str()[..m.folded_start].trim_end_matches(' ');
    let labelled = head.strip_suffix(BARRIER as char).is_some_and(|h| {
        folded
            .phrase_before(h.len(), &judge.tables.location_labels, &[])
            .is_some()
    });
    postal
        || labelled
        || folded
            .phrase_before(m.folded_start, &judge.tables.location, &[])
            .is_some()
}

fn territory(kind: TerritoryKind, code: Option<String>, evidence: Evidence) -> Territory {
    Territory {
        kind,
        name: evidence.text.clone(),
        code,
        evidence,
    }
}

/// A party's name as the record holds it (`extract::value`): one line,
/// without an article or preposition at its ends ("du Conseil départemental"
/// is "Conseil départemental"), but for the article of a commune whose
/// official name starts with it ("la Plaine des Palmistes", La
/// Plaine-des-Palmistes).
fn territory_name(t: &Territory, lexicon: &Lexicon) -> String {
    let official = match (t.kind, &t.code) {
        (TerritoryKind::Commune, Some(code)) => refdata::get().commune(code).map(|c| fold(c.name)),
        _ => None,
    };
    let first = t.name.split_whitespace().next().map(fold);
    let keep_first = match (official, first) {
        (Some(official), Some(first)) => official.starts_with(&format!("{first} ")),
        _ => false,
    };
    super::value::clean(&t.name, lexicon, keep_first)
}

/// The parties in order, each once (by kind and code, or folded name). A body
/// without a code named by the first words of another of its kind is that
/// body ("le SIVU" after "le SIVU de la Vallée du Loir"): the longer name stays,
/// where the body was first named.
fn distinct(parties: Vec<(Territory, usize)>) -> Vec<Territory> {
    let mut out: Vec<Territory> = Vec::new();
    for (t, _) in parties {
        let same = out.iter().position(|s| {
            s.kind == t.kind
                && match (&s.code, &t.code) {
                    (Some(a), Some(b)) => a == b,
                    (None, None) => {
                        let (a, b) = (fold(&s.name), fold(&t.name));
                        a == b || starts_with_words(&a, &b) || starts_with_words(&b, &a)
                    }
                    _ => fold(&s.name) == fold(&t.name),
                }
        });
        match same {
            None => out.push(t),
            Some(i) if t.name.chars().count() > out[i].name.chars().count() => {
                out[i] = t;
            }
            Some(_) => {}
        }
    }
    out
}

/// Whether folded `long` starts with the whole words of folded `short`.
fn starts_with_words(long: &str, short: &str) -> bool {
    long.strip_prefix(short)
        .is_some_and(|rest| rest.starts_with(' '))
}

/// The territories as rule examples state them: `epci 200041499; commune 17349`.
pub fn display_territories(territories: &[Territory]) -> Option<String> {
    (!territories.is_empty()).then(|| {
        territories
            .iter()
            .map(territories::display)
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// The communes as rule examples state them: `49007, 49328`.
pub fn display_communes(communes: &[Commune]) -> Option<String> {
    (!communes.is_empty()).then(|| {
        communes
            .iter()
            .map(|c| c.insee.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    })
}

#[cfg(test)]
mod tests {
    use crate::extract;
    use crate::normalize::Text;
    use crate::rules::RuleSet;
    use std::sync::OnceLock;

    fn rules() -> &'static RuleSet {
        static RULES: OnceLock<RuleSet> = OnceLock::new();
        RULES.get_or_init(|| RuleSet::load(None).expect("built-in rules compile"))
    }

    /// (communes, territories as `kind code`) of a text.
    fn places(text: &str) -> (Vec<String>, Vec<String>) {
        let fields = extract::run(&Text::new(text), rules(), None);
        let communes = fields.communes.iter().map(|c| c.insee.clone()).collect();
        let territories = fields
            .territories
            .iter()
            .map(|t| format!("{:?} {}", t.kind, t.code.as_deref().unwrap_or("-")))
            .collect();
        (communes, territories)
    }

    #[test]
    fn an_intercommunality_named_alone_after_its_office_is_the_body() {
        let (_, territories) = places(
            "À Montmélian, Anne Roux, présidente de Cœur de Savoie, et Paul Girard, \
             directeur de la Caf de la Savoie, ont paraphé jeudi la convention territoriale \
             globale.",
        );
        assert_eq!(territories, ["Epci 200041010"]);
    }

    #[test]
    fn an_acronym_written_as_a_word_is_the_one_its_official_name_spells() {
        // "CA Intercommunale du Nord de la Réunion (CINOR)"
        let (_, territories) = places(
            "La Cinor et la Caf de La Réunion ont signé la convention territoriale globale \
             le 3 mai 2024.",
        );
        assert_eq!(territories, ["Epci 249740119"]);
        // initials are no name: "Cap" (for a "CA du Pays ...") is a word
        let (_, territories) = places(
            "La commune du Port et la Caf de La Réunion ont signé la convention territoriale \
             globale ; Cap sur les familles !",
        );
        assert_eq!(territories, ["Commune 97407"]);
    }

    #[test]
    fn a_body_word_in_capitals_is_no_epcis_initials() {
        // "CCAS" spells "CC Aunis Sud", but names a centre communal d'action
        // sociale
        let (_, territories) = places(
            "La ville de Surgères, son CCAS et la Caf de la Charente-Maritime ont signé la \
             convention territoriale globale le 3 mai 2024.",
        );
        assert_eq!(territories, ["Commune 17434", "Other -"]);
    }

    #[test]
    fn a_neighbouring_commune_is_named_but_no_party() {
        let (communes, territories) = places(
            "La commune de Sommières et la Caf du Gard ont signé la convention territoriale \
             globale ; le relais ouvrira aussi dans la ville voisine de Villevieille.",
        );
        assert_eq!(territories, ["Commune 30321"]);
        assert_eq!(communes, ["30321", "30352"]);
    }

    #[test]
    fn the_ville_that_signs_is_the_one_named_as_a_body() {
        // a magazine names its own town in its masthead, and other towns as
        // places: "la Ville" that signs is the masthead's
        let (_, territories) = places(
            "Le magazine de la Ville de Sommières\n\nLe maire et la directrice de la Caf \
             du Gard ont paraphé la CTG : la Ville et la Caf s'engagent pour quatre ans. \
             Un relais ouvrira aussi à Villevieille.",
        );
        assert_eq!(territories, ["Commune 30321"]);
    }

    #[test]
    fn a_commune_deleguee_that_signs_signs_for_its_commune() {
        // Tourlaville (50602) is a commune déléguée of Cherbourg-en-Cotentin (50129)
        let (communes, territories) = places(
            "Le 2 octobre 2023, la Caf de la Manche et la commune de Tourlaville ont signé \
             la convention territoriale globale.",
        );
        assert_eq!(territories, ["Commune 50129"]);
        assert!(communes.contains(&"50602".to_string()), "{communes:?}");
    }

    #[test]
    fn a_name_alone_with_its_kind_in_apposition_is_the_body() {
        let (communes, territories) = places(
            "Le 3 mai 2024, la Caf de la Vendée a signé la convention territoriale globale \
             de Terres de Montaigu, communauté d'agglomération de dix communes.",
        );
        assert_eq!(territories, ["Epci 200070233"]);
        assert!(
            communes.is_empty(),
            "Montaigu is inside the body's name: {communes:?}"
        );
        // without the apposition, far from the CAF's name, the name is a place
        let (_, territories) = places(
            "Le 3 mai 2024, la Caf de la Vendée a signé la convention territoriale globale \
             des communes de Terres de Montaigu, un territoire de dix communes.",
        );
        assert!(
            !territories.contains(&"Epci 200070233".to_string()),
            "{territories:?}"
        );
    }

    #[test]
    fn an_anaphor_names_the_one_epci_of_its_kind() {
        let text = "La communauté de communes s'apprête à signer sa convention territoriale globale avec la Caf des Vosges.\n\n\
                    Les élus de la communauté de communes Gérardmer Hautes Vosges l'ont préparée.\n\n\
                    Dans le département, la communauté d'agglomération d'Épinal prépare aussi un diagnostic.";
        let (_, territories) = places(text);
        assert_eq!(territories, ["Epci 200096642"]);
        assert_eq!(
            super::epcis::anaphor_kinds("l agglomeration"),
            Some(&["CA"][..])
        );
        assert_eq!(super::epcis::anaphor_kinds("l intercommunalite"), None);
    }

    #[test]
    fn a_department_in_brackets_after_a_name_chooses_its_commune() {
        // Vire (Calvados) is a commune déléguée of Vire Normandie; Viré is in
        // Saône-et-Loire, and Saône a commune of the Doubs
        let (communes, _) = places("La CTG de Vire (Calvados) a été signée par la Caf.");
        assert_eq!(communes, ["14762"]);
        let (communes, _) = places("La CTG de Vire (14) a été signée par la Caf.");
        assert_eq!(communes, ["14762"]);
        let (communes, _) = places("La CTG de Viré (Saône-et-Loire) a été signée par la Caf.");
        assert_eq!(communes, ["71584"]);
    }

    #[test]
    fn of_names_that_differ_by_an_accent_the_one_written_is_meant() {
        let (communes, _) = places("La CTG de Vire a été signée par la Caf.");
        assert_eq!(communes, ["14762"]);
        let (communes, _) = places("La CTG de Viré a été signée par la Caf.");
        assert_eq!(communes, ["71584"]);
    }

    #[test]
    fn a_name_of_several_departments_resolves_in_the_cafs() {
        // Bagneux exists in the Aisne, the Indre, the Marne, the Meurthe-et-Moselle,
        // the Hauts-de-Seine (and as communes déléguées elsewhere)
        let (communes, _) = places("La Caf des Hauts-de-Seine a rencontré les élus de Bagneux.");
        assert_eq!(communes, ["92007"]);
        let (communes, _) = places("La Caf de la Marne a rencontré les élus de Bagneux.");
        assert_eq!(communes, ["51032"]);
    }

    #[test]
    fn a_commune_at_the_end_of_a_longer_hyphenated_name_is_not_named() {
        // Sèvres (92072) in "Deux-Sèvres", Saint-Denis (93066) in
        // "Seine-Saint-Denis"; "Clichy-la-Garenne" is still Clichy (92024)
        let (communes, territories) =
            places("La commune d'Airvault et la Caf Deux-Sèvres ont signé la CTG lundi.");
        assert_eq!(communes, ["79005"]);
        assert_eq!(territories, ["Commune 79005"]);
        let (communes, _) =
            places("Le département de la Seine-Saint-Denis et la Caf ont signé la CTG.");
        assert_eq!(communes, Vec::<String>::new());
        let (communes, _) =
            places("La Caf des Hauts-de-Seine a reçu les élus de Clichy-la-Garenne.");
        assert_eq!(communes, ["92024"]);
        // two communes written against each other, as OCR may join them
        let (communes, _) = places("La Caf de Haute-Corse et les communes de Scolca-Vignale.");
        assert_eq!(communes, ["2B274", "2B350"]);
    }

    #[test]
    fn of_two_homonyms_in_an_epcis_departments_its_member_is_meant() {
        // Parisot exists in the Tarn (81202) and in Tarn-et-Garonne (82137);
        // the communauté de communes spans both departments, and has the second
        let (communes, territories) = places(
            "La communauté de communes Quercy Rouergue Gorges de l'Aveyron et la commune de \
             Parisot ont signé leur convention territoriale globale avec la Caf.",
        );
        assert_eq!(communes, ["82137"]);
        assert!(
            territories.contains(&"Epci 248200107".to_string()),
            "{territories:?}"
        );
    }

    #[test]
    fn a_name_with_no_department_to_decide_is_left_out_and_flagged() {
        let text = "Les élus de Bagneux ont présenté leur projet.";
        let fields = extract::run(&Text::new(text), rules(), None);
        assert!(fields.communes.is_empty());
        assert!(fields.warnings.iter().any(|w| matches!(
            w,
            crate::record::Warning::AmbiguousPlace { candidates, .. } if candidates.len() > 3
        )));
    }

    #[test]
    fn a_name_written_as_the_official_one_keeps_its_inner_small_words() {
        let (communes, _) = places(
            "La Caf de l'Isère a signé la CTG avec la communauté de communes ; un relais \
             ouvrira à Entre-deux-Guiers.",
        );
        assert_eq!(communes, ["38155"]);
    }

    #[test]
    fn a_commune_name_used_as_a_common_word_is_not_a_commune() {
        // Plan (38308) and Vif (38545) are communes of the Isère
        let (communes, _) =
            places("La Caf de l'Isère présente le Plan d'actions. Plan de travail adopté.");
        assert!(communes.is_empty(), "{communes:?}");
        let (communes, _) = places("La Caf de l'Isère a signé avec la commune de Plan.");
        assert_eq!(communes, ["38308"]);
        let (communes, _) = places("La Caf de l'Isère a signé avec la ville, rue de Vif.");
        assert!(communes.is_empty(), "{communes:?}");
        let (communes, _) = places(
            "La Caf de l'Isère a signé. Recours devant le tribunal administratif de Grenoble.",
        );
        assert!(communes.is_empty(), "{communes:?}");
    }

    #[test]
    fn a_one_word_name_without_its_small_letters_accent_needs_a_commune_context() {
        // Méré (78389) is a commune of the Yvelines
        let (communes, _) =
            places("La Caf des Yvelines a signé la CTG. Mere de trois enfants, Anne témoigne.");
        assert!(communes.is_empty(), "{communes:?}");
        let (communes, _) = places("La Caf des Yvelines a signé la CTG avec la commune de Mere.");
        assert_eq!(communes, ["78389"]);
        let (communes, _) = places("La Caf des Yvelines a signé la CTG à Méré.");
        assert_eq!(communes, ["78389"]);
        let (communes, _) = places("LA CAF DES YVELINES A SIGNÉ LA CTG À MERE.");
        assert_eq!(communes, ["78389"]);
    }

    #[test]
    fn a_commune_name_inside_an_epci_name_or_a_persons_name_is_not_a_commune() {
        let (communes, territories) = places(
            "La Communauté de communes du Pays de Landivisiau et la Caf du Finistère ont signé la CTG.",
        );
        assert!(communes.is_empty(), "{communes:?}");
        assert_eq!(territories, ["Epci 242900751"]);
        let (communes, _) = places("La Caf de la Loire-Atlantique, représentée par Paul Vallet.");
        assert!(communes.is_empty(), "{communes:?}");
        let (communes, _) = places("La Caf de la Loire-Atlantique a signé à Vallet.");
        assert_eq!(communes, ["44212"]);
    }

    #[test]
    fn a_commune_deleguee_keeps_its_code_and_names_its_current_commune() {
        let text = "La Caf de Maine-et-Loire a signé à Baugé, commune déléguée de Baugé-en-Anjou.";
        let fields = extract::run(&Text::new(text), rules(), None);
        let bauge = fields
            .communes
            .iter()
            .find(|c| c.name == "Baugé")
            .expect("the commune déléguée is found");
        assert_eq!(bauge.current_commune.as_deref(), Some("49018"));
        assert!(fields
            .communes
            .iter()
            .any(|c| c.insee == "49018" && c.current_commune.is_none()));
    }

    #[test]
    fn the_commune_a_signing_names_only_as_its_venue_is_the_party_it_calls_la_commune() {
        let text = "C'est à la mairie de Carrouges que la commune et la Caf de l'Orne ont \
                    signé la CTG. Caf de l'Orne, 61000 Alençon.";
        let (communes, territories) = places(text);
        assert_eq!(communes, ["61074", "61001"]);
        assert_eq!(territories, ["Commune 61074"]);
        // a second commune named: "la commune" is the one whose town hall
        // the signing is held in; with no town hall named, it stays open
        let (_, territories) = places(&text.replace(
            "Caf de l'Orne, 61000 Alençon",
            "Les habitants de Chahains sont invités",
        ));
        assert_eq!(
            territories,
            ["Commune 61074"],
            "the commune whose town hall it names"
        );
        let (_, territories) = places(
            &text
                .replace("à la mairie de", "à la salle des fêtes de")
                .replace(
                    "Caf de l'Orne, 61000 Alençon",
                    "Les habitants de Chahains sont invités",
                ),
        );
        assert!(territories.is_empty(), "{territories:?}");
        // an intercommunality that signs: "la commune" is not the party
        let (_, territories) = places(&text.replace(
            "la commune et",
            "la commune, la communauté de communes du Pays fertois et du Bocage carrougien et",
        ));
        assert!(
            !territories.contains(&"Commune 61074".to_string()),
            "{territories:?}"
        );
    }

    #[test]
    fn a_commune_whose_name_opens_with_an_article_is_a_party_beside_an_epci() {
        let (_, territories) = places(
            "La communauté d'agglomération du Bassin de Brive, la commune de La Chapelle-aux-Brocs \
             et la Caf de la Corrèze ont signé la CTG. Le président de la communauté, maire de \
             La Chapelle-aux-Brocs, a salué le travail.",
        );
        assert_eq!(territories, ["Epci 200043172", "Commune 19043"]);
        let (_, territories) = places(
            "La communauté d'agglomération du Bassin de Brive et la Caf de la Corrèze ont signé \
             la CTG en présence de Paul Roy, président de la communauté et maire de La \
             Chapelle-aux-Brocs.",
        );
        assert_eq!(territories, ["Epci 200043172"]);
    }

    #[test]
    fn parties_are_the_places_of_signing_sentences() {
        let (communes, territories) = places(
            "La commune de Rouperroux et la Caf de l'Orne ont signé la CTG à la mairie de Carrouges. \
             Les habitants de Chahains sont invités.",
        );
        assert_eq!(communes, ["61357", "61074", "61080"]);
        assert_eq!(territories, ["Commune 61357"]);
    }

    #[test]
    fn a_departement_is_named_by_its_department_not_by_the_words_after_it() {
        let text = "La Caf des Vosges, le Conseil départemental des Vosges et la Mutualité \
                    Sociale Agricole de Lorraine ont signé la CTG.";
        let text = Text::new(text);
        let fields = extract::run(&text, rules(), None);
        let departement = fields
            .territories
            .iter()
            .find(|t| t.code.as_deref() == Some("88"))
            .expect("the département is a party");
        assert_eq!(departement.name, "Conseil départemental des Vosges");
        let ev = &departement.evidence;
        let slice: String = text
            .as_str()
            .chars()
            .skip(ev.start)
            .take(ev.end - ev.start)
            .collect();
        assert_eq!(slice, ev.text);
        assert_eq!(ev.text, "le Conseil départemental des Vosges");
    }

    #[test]
    fn a_commune_after_a_label_and_a_colon_is_a_place_not_a_party() {
        let (communes, territories) = places(
            "La Caf de la Loire (siège : Saint-Étienne) et la commune de Firminy ont signé la CTG.",
        );
        assert_eq!(communes, ["42218", "42095"]);
        assert_eq!(territories, ["Commune 42095"]);
    }

    #[test]
    fn a_commune_someone_comes_from_is_a_place_not_a_party() {
        let (communes, territories) = places(
            "Le directeur de la Caf de l'Ardèche, venu de Privas, et la commune d'Aubenas ont signé la CTG.",
        );
        assert_eq!(communes, ["07186", "07019"]);
        assert_eq!(territories, ["Commune 07019"]);
    }

    #[test]
    fn an_epci_name_alone_is_a_party_only_right_beside_the_caf() {
        let epci = "Epci 244400503";
        let (_, territories) = places(
            "Mardi 4 juin 2024, la convention territoriale globale a été signée entre la Caf de \
             Loire-Atlantique et Erdre et Gesvres pour cinq ans.",
        );
        assert_eq!(territories, [epci]);
        let (_, territories) = places(
            "À Lamballe, Lamballe Terre & Mer et la Caf des Côtes-d'Armor ont signé la CTG.",
        );
        assert_eq!(territories, ["Epci 200069391"]);
        // a place: the communes of the territory sign
        let (_, territories) = places(
            "Les douze communes d'Erdre et Gesvres et la Caf de Loire-Atlantique ont signé la CTG.",
        );
        assert!(!territories.contains(&epci.to_string()), "{territories:?}");
        // a label of the territory, away from the CAF's name
        let (_, territories) = places(
            "La Caf de Loire-Atlantique a signé la CTG avec les maires, pour tout Erdre et Gesvres.",
        );
        assert!(!territories.contains(&epci.to_string()), "{territories:?}");
        // part of a longer name
        let (_, territories) =
            places("La Caf de Loire-Atlantique et Erdre et Gesvres Solidarités ont signé la CTG.");
        assert!(!territories.contains(&epci.to_string()), "{territories:?}");
    }

    #[test]
    fn an_epci_name_followed_by_its_kind_word_is_found() {
        // the reference data spells it "CC Charlieu-Belmont"
        let (_, territories) =
            places("La Caf de la Loire et Charlieu-Belmont Communauté ont signé la CTG.");
        assert_eq!(territories, ["Epci 200035202"]);
        // a kind word on the next line belongs to another name
        let (_, territories) = places(
            "La Caf de la Loire a signé la CTG avec Charlieu-Belmont\nCommunauté de communes du Pilat rhodanien",
        );
        assert!(
            !territories.contains(&"Epci 200035202".to_string()),
            "{territories:?}"
        );
    }
}
