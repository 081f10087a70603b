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
//!    word of `commune_location_before`) is not a party, and when an EPCI is a
//!    party, a commune is one only where a `commune` rule names it as an
//!    institution ("la commune de X").

use super::scope::Scopes;
use crate::normalize::Text;
use crate::places::epci::{self, kind_before};
use crate::places::fold::{fold, Folded};
use crate::places::{departements, gazetteer};
use crate::record::{Caf, Commune, RuleId, Territory, TerritoryKind, Warning};
use crate::refdata::{self, CommuneType};
use crate::resolve::choose::{Considered, Status, Unusable};
use crate::rules::{evidence, Match, RuleKind, RuleSet};
use std::ops::Range;

/// Rule id of the evidence of a commune found by the gazetteer.
pub const COMMUNE_GAZETTEER: &str = "places.commune_gazetteer";
/// Rule id of the evidence of an EPCI found by its name.
pub const EPCI_NAME: &str = "places.epci_name";
/// Rule id of the evidence of an EPCI found by its acronym.
pub const EPCI_ACRONYM: &str = "places.epci_acronym";

/// Words that may stay in lower case inside a commune's name (also the small
/// words inside a body's name, `extract::signatories`).
pub(crate) const LOWER_WORDS: [&str; 17] = [
    "de", "du", "des", "d", "la", "le", "les", "l", "sur", "sous", "en", "et", "lès", "lez", "aux",
    "au", "à",
];

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

/// An EPCI mention.
struct EpciMention {
    epci: usize,
    range: Range<usize>,
    rule: &'static str,
}

/// A commune mention that passed every test.
struct CommuneMention {
    commune: usize,
    range: Range<usize>,
    folded_start: usize,
}

/// The place tables of the rules, folded (the folding is done once, when the
/// rules compile; this only gathers the words).
struct Tables<'r> {
    kinds: Vec<&'r str>,
    anaphors: Vec<&'r str>,
    not_after: Vec<&'r str>,
    location: Vec<&'r str>,
    common: Vec<&'r str>,
    neighbours: Vec<&'r str>,
}

impl<'r> Tables<'r> {
    fn of(rules: &'r RuleSet) -> Tables<'r> {
        let folded = |name: &str| {
            rules
                .table(name)
                .map(|t| t.folded().collect())
                .unwrap_or_default()
        };
        Tables {
            kinds: folded("epci_kind"),
            anaphors: folded("epci_anaphor"),
            not_after: folded("commune_not_after"),
            location: folded("commune_location_before"),
            common: folded("commune_common_word"),
            neighbours: folded("capitalized_neighbour"),
        }
    }
}

/// Finds the territories and communes of a text.
pub fn extract(inputs: &Inputs) -> Places {
    let text = inputs.text;
    let folded = Folded::new(text.as_str());
    let tables = Tables::of(inputs.rules);
    let data = refdata::get();
    let mut places = Places::default();
    let caf_departments: Vec<&str> = inputs
        .cafs
        .iter()
        .filter_map(|c| c.department.as_deref())
        .collect();

    // 1. EPCI
    let epcis = epci_mentions(text.as_str(), &folded, &tables, &caf_departments);

    // 2. territory rules
    let mut blocked: Vec<Range<usize>> =
        inputs.caf_matches.iter().map(|m| m.range.clone()).collect();
    blocked.extend(epcis.iter().map(|e| e.range.clone()));
    places.names = blocked.clone();
    let mut ruled: Vec<(Territory, Range<usize>)> = Vec::new();
    for m in inputs.territory_matches {
        if m.rule.kind == RuleKind::Veto {
            continue;
        }
        blocked.push(m.range.clone());
        let (territory, status) = ruled_territory(m, &caf_departments, inputs.scopes);
        places.territory_trace.push(Considered {
            evidence: m.evidence.clone(),
            priority: m.rule.priority,
            value: Some(territory_display(&territory)),
            status,
        });
        if places.territory_trace.last().map(|c| &c.status) == Some(&Status::Chosen) {
            ruled.push((territory, m.range.clone()));
        }
    }

    // 3. departments of the document
    let mut departments: Vec<&str> = caf_departments.clone();
    for e in epcis.iter().filter(|e| inputs.scopes.contains(&e.range)) {
        departments.extend(data.epci[e.epci].departements.iter().copied());
    }
    for (t, _) in &ruled {
        if t.kind == TerritoryKind::Departement {
            departments.extend(t.code.as_deref());
        }
    }
    departments.sort_unstable();
    departments.dedup();

    // 4. communes
    let contexts: Vec<(&Match, Range<usize>)> = inputs
        .commune_matches
        .iter()
        .filter(|m| m.rule.kind == RuleKind::Extract)
        .filter_map(|m| m.captures.get("name").map(|c| (m, c.range.clone())))
        .collect();
    let mut mentions: Vec<CommuneMention> = Vec::new();
    for hit in gazetteer::get().find(&folded) {
        let (start, end) = folded.original(hit.start, hit.end);
        let range = start..end;
        let ev = evidence(&RuleId(COMMUNE_GAZETTEER.into()), text, start, end);
        let verdict = judge_commune(
            &hit,
            &range,
            &folded,
            text.as_str(),
            &tables,
            &blocked,
            &contexts,
            &departments,
        );
        let (status, value) = match verdict {
            Ok(commune) => {
                mentions.push(CommuneMention {
                    commune,
                    range: range.clone(),
                    folded_start: hit.start,
                });
                (
                    Status::Chosen,
                    Some(data.communes[commune].insee.to_string()),
                )
            }
            Err((why, candidates)) => {
                if why == Unusable::AmbiguousPlace {
                    places.warnings.push(Warning::AmbiguousPlace {
                        text: ev.text.clone(),
                        evidence: ev.clone(),
                        candidates: candidates.clone(),
                    });
                }
                (
                    Status::Unusable(why),
                    (!candidates.is_empty()).then(|| candidates.join(" | ")),
                )
            }
        };
        places.commune_trace.push(Considered {
            evidence: ev,
            priority: 0,
            value,
            status,
        });
    }
    places.communes = communes_of(&mentions, text);
    for (m, _) in &contexts {
        places.commune_trace.push(Considered {
            evidence: m.evidence.clone(),
            priority: m.rule.priority,
            value: m.rule.value.clone(),
            status: Status::Kept,
        });
    }

    // 5. parties; "la communauté de communes" in a party scope stands for the
    // EPCI the document names (when it names exactly one)
    let anaphor = anaphor_in_scope(&folded, &tables.anaphors, &epcis, inputs.scopes);
    let named: Vec<usize> = {
        let mut v: Vec<usize> = epcis.iter().map(|e| e.epci).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let is_party =
        |e: &EpciMention| inputs.scopes.contains(&e.range) || (anaphor && named.len() == 1);
    let epci_party = epcis.iter().any(is_party);
    let mut parties: Vec<(Territory, usize)> = Vec::new();
    let mut seen_epci = Vec::new();
    for e in epcis.iter().filter(|e| is_party(e)) {
        if seen_epci.contains(&e.epci) && !inputs.scopes.contains(&e.range) {
            continue;
        }
        seen_epci.push(e.epci);
        let r = &data.epci[e.epci];
        let ev = evidence(&RuleId(e.rule.into()), text, e.range.start, e.range.end);
        parties.push((
            Territory {
                kind: TerritoryKind::Epci,
                name: ev.text.clone(),
                code: Some(r.siren.to_string()),
                evidence: ev,
            },
            e.range.start,
        ));
    }
    parties.extend(ruled.into_iter().map(|(t, r)| (t, r.start)));
    for m in &mentions {
        if !inputs.scopes.contains(&m.range) {
            continue;
        }
        // a location ("à X", "mairie de X") or an address ("32000 Auch")
        let postal = folded
            .words_before(m.folded_start)
            .next()
            .is_some_and(|w| w.len() == 5 && w.bytes().all(|b| b.is_ascii_digit()));
        if postal
            || folded
                .phrase_before(m.folded_start, &tables.location, &[])
                .is_some()
        {
            continue;
        }
        let institution = contexts.iter().any(|(c, r)| {
            c.rule.value.as_deref() == Some("institution")
                && r.start <= m.range.start
                && m.range.end <= r.end
        });
        if epci_party && !institution {
            continue;
        }
        let c = &data.communes[m.commune];
        let ev = evidence(
            &RuleId(COMMUNE_GAZETTEER.into()),
            text,
            m.range.start,
            m.range.end,
        );
        parties.push((
            Territory {
                kind: TerritoryKind::Commune,
                name: ev.text.clone(),
                code: Some(c.insee.to_string()),
                evidence: ev,
            },
            m.range.start,
        ));
    }
    parties.sort_by_key(|(_, at)| *at);
    for (t, _) in parties {
        let seen = places.territories.iter().any(|s| {
            s.kind == t.kind
                && match (&s.code, &t.code) {
                    (Some(a), Some(b)) => a == b,
                    _ => fold(&s.name) == fold(&t.name),
                }
        });
        if !seen {
            places.territories.push(t);
        }
    }
    places
}

/// Whether a phrase of `anaphors` ("la communauté de communes") that is not the
/// start of a named EPCI lies in a party scope.
fn anaphor_in_scope(
    folded: &Folded,
    anaphors: &[&str],
    epcis: &[EpciMention],
    scopes: &Scopes,
) -> bool {
    anaphors.iter().filter(|a| !a.is_empty()).any(|a| {
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
}

/// EPCI named in the text.
fn epci_mentions(
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
        let kind = kind_before(folded, hit.start, &tables.kinds);
        if kind.is_none() && !hit.core.standalone {
            continue;
        }
        let (start, end) = folded.original(hit.start, hit.end);
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

/// Words of 3 to 6 ASCII capitals, with their byte offsets.
fn capital_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| (3..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase()))
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// A territory rule's match as a territory, and whether it is a party.
fn ruled_territory(m: &Match, caf_departments: &[&str], scopes: &Scopes) -> (Territory, Status) {
    let kind = match m.rule.value.as_deref() {
        Some("departement") => TerritoryKind::Departement,
        Some("syndicat") => TerritoryKind::Syndicat,
        _ => TerritoryKind::Other,
    };
    let code = match kind {
        TerritoryKind::Departement => match m.captures.get("name") {
            Some(name) => departements::get()
                .longest_prefix(name.text, &Default::default())
                .map(|(code, _)| code),
            None => match caf_departments {
                [one] => Some(*one),
                _ => None,
            },
        },
        _ => None,
    };
    let territory = Territory {
        kind,
        name: m.evidence.text.clone(),
        code: code.map(str::to_string),
        evidence: m.evidence.clone(),
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

fn territory_display(t: &Territory) -> String {
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

/// The territories as rule examples state them: `epci 200041499; commune 17349`.
pub fn display_territories(territories: &[Territory]) -> Option<String> {
    (!territories.is_empty()).then(|| {
        territories
            .iter()
            .map(territory_display)
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// Whether a commune name found by the gazetteer is a commune mention, and which.
#[allow(clippy::too_many_arguments)]
fn judge_commune(
    hit: &gazetteer::Hit,
    range: &Range<usize>,
    folded: &Folded,
    text: &str,
    tables: &Tables,
    blocked: &[Range<usize>],
    contexts: &[(&Match, Range<usize>)],
    departments: &[&str],
) -> Result<usize, (Unusable, Vec<String>)> {
    let data = refdata::get();
    let not_a_place = || (Unusable::NotAPlace, Vec::new());
    let written = &text[range.clone()];
    // an article left out must be contracted before the name: "du Revest"
    let before = folded.words_before(hit.start).next().unwrap_or("");
    let candidates: Vec<usize> = hit
        .entry
        .communes
        .iter()
        .filter(|(_, article)| match article {
            None => true,
            Some("le") => matches!(before, "du" | "au"),
            Some("les") => matches!(before, "des" | "aux"),
            Some(_) => false,
        })
        .map(|(i, _)| *i)
        .collect();
    if candidates.is_empty() {
        return Err(not_a_place());
    }
    if !capitalized(written) {
        return Err(not_a_place());
    }
    if blocked
        .iter()
        .any(|b| b.start <= range.start && range.end <= b.end)
    {
        return Err(not_a_place());
    }
    if folded
        .phrase_before(hit.start, &tables.not_after, &[])
        .is_some()
    {
        return Err(not_a_place());
    }
    if capitalized_neighbour(text, range, &tables.neighbours) {
        return Err(not_a_place());
    }
    let key = &folded.as_str()[hit.start..hit.end];
    let supported = || {
        contexts
            .iter()
            .any(|(_, r)| r.start <= range.start && range.end <= r.end)
    };
    // an ordinary word, or a department's name ("Doubs"), needs a commune context
    let ordinary = tables.common.contains(&key) || departements::get().is_name(key);
    if ordinary && !supported() {
        return Err(not_a_place());
    }
    // the department decides between homonyms
    let codes = |list: &[usize]| -> Vec<String> {
        list.iter()
            .map(|&i| data.communes[i].insee.to_string())
            .collect()
    };
    let mut near: Vec<usize> = if departments.is_empty() {
        candidates.clone()
    } else {
        candidates
            .iter()
            .copied()
            .filter(|&i| departments.contains(&data.communes[i].departement))
            .collect()
    };
    if near.is_empty() {
        return Err((Unusable::UnknownPlace, codes(&candidates)));
    }
    if near.len() > 1 {
        // a current commune wins over a former one of the same name
        let current: Vec<usize> = near
            .iter()
            .copied()
            .filter(|&i| data.communes[i].kind == CommuneType::Commune)
            .collect();
        if !current.is_empty() {
            near = current;
        }
    }
    match near.as_slice() {
        [one] => Ok(*one),
        _ => Err((Unusable::AmbiguousPlace, codes(&near))),
    }
}

/// Whether every word of a name that is not an article or a preposition starts
/// with a capital.
fn capitalized(written: &str) -> bool {
    written
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| !LOWER_WORDS.contains(&w.to_lowercase().as_str()))
        .all(|w| w.starts_with(char::is_uppercase))
}

/// Whether a capitalized word stands right next to the name on the same line
/// (a given name before a surname, a longer proper name), other than a word of
/// the `capitalized_neighbour` table.
fn capitalized_neighbour(text: &str, range: &Range<usize>, allowed: &[&str]) -> bool {
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

/// Mentions grouped by commune, in order of first mention.
fn communes_of(mentions: &[CommuneMention], text: &Text) -> Vec<Commune> {
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
    fn a_name_of_several_departments_resolves_in_the_cafs() {
        // Bagneux exists in the Aisne, the Indre, the Marne, the Meurthe-et-Moselle,
        // the Hauts-de-Seine (and as communes déléguées elsewhere)
        let (communes, _) = places("La Caf des Hauts-de-Seine a rencontré les élus de Bagneux.");
        assert_eq!(communes, ["92007"]);
        let (communes, _) = places("La Caf de la Marne a rencontré les élus de Bagneux.");
        assert_eq!(communes, ["51032"]);
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
    fn a_commune_name_used_as_a_common_word_is_not_a_commune() {
        // Plan (38308) and Vif (38545) are communes of the Isère
        let (communes, _) =
            places("La Caf de l'Isère présente le Plan d'actions. Plan de travail adopté.");
        assert!(communes.is_empty(), "{communes:?}");
        let (communes, _) = places("La Caf de l'Isère a signé avec la commune de Plan.");
        assert_eq!(communes, ["38308"]);
        let (communes, _) = places("La Caf de l'Isère a signé avec la ville, rue de Vif.");
        assert!(communes.is_empty(), "{communes:?}");
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
    fn parties_are_the_places_of_signing_sentences() {
        let (communes, territories) = places(
            "La commune de Rouperroux et la Caf de l'Orne ont signé la CTG à la mairie de Carrouges. \
             Les habitants de Chahains sont invités.",
        );
        assert_eq!(communes, ["61357", "61074", "61080"]);
        assert_eq!(territories, ["Commune 61357"]);
    }
}
