//! The CAF that are parties: `caf` rules capture the words after "Caf de", and the
//! longest run of them that names a department (its name, code or seat, or an
//! alias of the `caf_alias` table) gives the department code. A CAF is named by
//! the shortest form the text gives it ("Caf de la Corrèze" rather than "Caisse
//! d'allocations familiales de la Corrèze"): the name a signatory's generic
//! "la Caf" stands for.
//!
//! A town that is one department's seat and a commune of the department of
//! another CAF the text names is that CAF's office ("l'antenne de la Caf de
//! Saint-Pierre" beside the Caf de La Réunion). A CAF named only where the
//! text says it does not sign is set aside, when another is named.

use crate::normalize::Text;
use crate::places::departements;
use crate::record::{Caf, DepartmentFrom, RuleId, Territory, TerritoryKind};
use crate::rules::lexicon::{DepartmentCode, Words};
use crate::rules::trace::{Considered, Status, Unusable};
use crate::rules::{evidence, Match, RuleKind, RuleSet};
use std::ops::Range;

/// The CAFs a text names.
pub struct Named {
    /// The parties, one per department, in order of first mention.
    pub parties: Vec<Caf>,
    /// The CAFs named only where the text says they do not sign: no parties,
    /// but their departments still tell which homonym a place is.
    pub set_aside: Vec<Caf>,
}

/// Every CAF named, one per department, in order of first mention. A CAF
/// whose every mention is `barred` (a sentence that says it does not sign:
/// "la Caf de la Nièvre, qui n'est pas signataire") is set aside, when another
/// CAF is named elsewhere.
pub fn extract(
    matches: &[Match],
    rules: &RuleSet,
    text: &Text,
    barred: impl Fn(&Range<usize>) -> bool,
) -> (Named, Vec<Considered>) {
    let aliases = &rules.lexicon().caf_alias;
    let named: Vec<_> = matches
        .iter()
        .filter(|m| m.rule.kind != RuleKind::Veto)
        .filter_map(|m| {
            let name = m.captures.get("name")?;
            Some((m, name, resolve(name.text, aliases)))
        })
        .collect();
    let mut codes: Vec<&'static str> = Vec::new();
    for code in named.iter().filter_map(|(_, _, r)| r.map(|(c, _)| c)) {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    let mut cafs: Vec<Caf> = Vec::new();
    let mut considered = Vec::new();
    // for each CAF, whether a mention of it is free, and its mentions' places
    // in `considered`
    let mut mentions: Vec<(bool, Vec<usize>)> = Vec::new();
    for (m, name, resolved) in named {
        // "l'antenne de la Caf de Saint-Pierre" in a text about the Caf de La
        // Réunion: a town that is one department's seat and a commune of the
        // department of another CAF named is that CAF's office there
        let office_of = resolved.and_then(|(code, len)| {
            let place = &name.text[..len];
            (codes.iter().copied()).find(|&other| other != code && commune_of(place, other))
        });
        let resolved = match (resolved, office_of) {
            (Some((_, len)), Some(other)) => Some((other, len)),
            _ => resolved,
        };
        let status = match resolved {
            None => Status::Unusable(Unusable::UnknownPlace),
            Some((code, len)) => {
                let end = name.range.start + len;
                // a `caf` capture says where the CAF's own words start, when
                // the match opens on words before them ("et la Caf de la Loire")
                let start = m
                    .captures
                    .get("caf")
                    .map_or(m.range.start, |c| c.range.start);
                let ev = evidence(&m.rule.id, text, start, end);
                let at = cafs
                    .iter()
                    .position(|c| c.department.as_deref() == Some(code))
                    .unwrap_or(cafs.len());
                if at == mentions.len() {
                    mentions.push((false, Vec::new()));
                }
                mentions[at].0 |= !barred(&(start..end));
                mentions[at].1.push(considered.len());
                if let Some(caf) = cafs.get_mut(at) {
                    if office_of.is_none() && ev.text.chars().count() < caf.name.chars().count() {
                        caf.name = super::value::clean(&ev.text, rules.lexicon(), false);
                        caf.evidence = ev;
                    }
                    Status::Kept
                } else {
                    cafs.push(Caf {
                        name: super::value::clean(&ev.text, rules.lexicon(), false),
                        department: Some(code.to_string()),
                        evidence: ev,
                        department_from: None,
                        department_evidence: None,
                    });
                    Status::Chosen
                }
            }
        };
        considered.push(Considered {
            evidence: m.evidence.clone(),
            priority: m.rule.priority,
            value: resolved.map(|(code, _)| code.to_string()),
            status,
        });
    }
    let mut named = Named {
        parties: Vec::new(),
        set_aside: Vec::new(),
    };
    let any_free = mentions.iter().any(|(free, _)| *free);
    for (caf, (free, at)) in cafs.into_iter().zip(mentions) {
        if free || !any_free {
            named.parties.push(caf);
        } else {
            for i in at {
                considered[i].status = Status::Unusable(Unusable::NotAParty);
            }
            named.set_aside.push(caf);
        }
    }
    (named, considered)
}

/// The words of a CAF's mention that name it: up to the end of the department
/// its name resolves to ("Caf de la Meuse" of a capture that runs on into "et
/// la Ville de Verdun"), or the whole mention when it resolves to none or what
/// follows names a CAF again (two columns read as one line: "Caf de la Corrèze
/// Pour la Caf de la Corrèze").
pub fn name_range(mention: &Match, rules: &RuleSet) -> Range<usize> {
    let aliases = &rules.lexicon().caf_alias;
    let whole = mention.range.clone();
    let Some(name) = mention.captures.get("name") else {
        return whole;
    };
    match resolve(name.text, aliases) {
        Some((_, len)) => {
            let rest = name.text[len..].to_lowercase();
            if rest.contains("caf") || rest.contains("caisse") {
                whole
            } else {
                whole.start..name.range.start + len
            }
        }
        None => whole,
    }
}

fn resolve(name: &str, aliases: &Words<DepartmentCode>) -> Option<(&'static str, usize)> {
    departements::get().longest_prefix(name, aliases)
}

/// Whether `place`, whole, is the name of a commune of the department `code`
/// (the communes' gazetteer, with or without the name's article).
fn commune_of(place: &str, code: &str) -> bool {
    let folded = crate::normalize::fold::Folded::new(place);
    let whole = folded.as_str().len();
    let data = crate::refdata::get();
    (crate::places::gazetteer::get().find(&folded).iter())
        .filter(|h| h.start == 0 && h.end == whole)
        .any(|h| (h.entry.communes.iter()).any(|&(i, _)| data.communes[i].departement == code))
}

/// The evidence of an unnamed CAF: its own words, without the article before
/// them ("CAF" of "la CAF").
fn own_words(mention: &Match, text: &Text) -> crate::record::Evidence {
    match mention.captures.get("name") {
        Some(name) => evidence(&mention.rule.id, text, name.range.start, name.range.end),
        None => mention.evidence.clone(),
    }
}

/// The first mention of a CAF without its department ("la CAF") that no
/// veto covers (the national fund, "les Caf").
fn unnamed_mention<'m, 'r, 't>(mentions: &'m [Match<'r, 't>]) -> Option<&'m Match<'r, 't>> {
    mentions.iter().find(|m| {
        m.rule.kind == RuleKind::Extract
            && !mentions.iter().any(|v| {
                v.rule.kind == RuleKind::Veto
                    && v.range.start <= m.range.start
                    && m.range.end <= v.range.end
            })
    })
}

/// The CAF of a text that names a CAF only without its department ("la CAF")
/// and no local party: the department its page's heading names as its place,
/// a segment of a breadcrumb or a rubric in its first lines ("Info Régions >
/// Bourgogne-Franche-Comté > Doubs", "Aveyron | Lévézou"), when exactly one
/// department is named so. None otherwise.
pub fn from_heading(mentions: &[Match], text: &Text) -> Option<Caf> {
    let mention = unnamed_mention(mentions)?;
    let t = text.as_str();
    let index = departements::get();
    let mut found: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
    let mut at = 0;
    for line in t.split_inclusive('\n').take(HEADING_LINES) {
        let start = at;
        at += line.len();
        if !line.contains(['>', '›', '|']) {
            continue;
        }
        let mut seg_start = start;
        for segment in line.split(['>', '›', '|']) {
            let trimmed = segment.trim();
            let offset = segment.find(trimmed).unwrap_or(0);
            if let Some(code) = index.get(&crate::normalize::fold::fold(trimmed)) {
                let from = seg_start + offset;
                found.push((code, from..from + trimmed.len()));
            }
            seg_start += segment.len() + 1;
        }
    }
    let mut codes: Vec<&str> = found.iter().map(|(c, _)| *c).collect();
    codes.sort_unstable();
    codes.dedup();
    let [one] = codes[..] else {
        return None;
    };
    let (_, range) = found.first()?.clone();
    let evidence_caf = own_words(mention, text);
    Some(Caf {
        name: crate::normalize::value::one_line(&evidence_caf.text),
        department: Some(one.to_string()),
        evidence: evidence_caf,
        department_from: Some(DepartmentFrom::Heading),
        department_evidence: Some(evidence(
            &RuleId(HEADING_RULE.into()),
            text,
            range.start,
            range.end,
        )),
    })
}

/// Rule id of the evidence of a department read from a page's heading.
pub const HEADING_RULE: &str = "caf.department_heading";

/// How many lines at the top of a text may hold its heading.
const HEADING_LINES: usize = 6;

/// The CAF of a text that names a CAF only without its department ("la CAF"):
/// there is one CAF per department, so it is the CAF of the department of the
/// local parties, when they all lie in one. None otherwise.
pub fn from_parties(mentions: &[Match], territories: &[Territory], text: &Text) -> Option<Caf> {
    let mention = unnamed_mention(mentions)?;
    let data = crate::refdata::get();
    let mut departments: Vec<&str> = Vec::new();
    for t in territories {
        let code = t.code.as_deref();
        let of: Vec<&str> = match t.kind {
            TerritoryKind::Commune => code
                .and_then(|c| data.communes.iter().find(|x| x.insee == c))
                .map(|c| vec![c.departement])
                .unwrap_or_default(),
            TerritoryKind::Epci => code
                .and_then(|c| data.epci.iter().find(|x| x.siren == c))
                .map(|e| e.departements.to_vec())
                .unwrap_or_default(),
            TerritoryKind::Departement => code.map(|c| vec![c]).unwrap_or_default(),
            TerritoryKind::Syndicat | TerritoryKind::Other => Vec::new(),
        };
        departments.extend(of);
    }
    departments.sort_unstable();
    departments.dedup();
    let [one] = departments[..] else {
        return None;
    };
    let evidence = own_words(mention, text);
    Some(Caf {
        name: crate::normalize::value::one_line(&evidence.text),
        department: Some(one.to_string()),
        evidence,
        department_from: Some(DepartmentFrom::Parties),
        department_evidence: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_breadcrumb_names_the_department_of_an_unnamed_caf() {
        let rules = RuleSet::load(None).expect("built-in rules compile");
        let caf_of = |s: &str| {
            let text = Text::new(s);
            let scan = rules.scan(&text);
            from_heading(&scan.find(crate::rules::Field::CafMention), &text)
                .and_then(|c| c.department)
        };
        let page = "Info Régions > Bourgogne-Franche-Comté > Doubs\n\nLa convention a été signée avec la CAF.";
        assert_eq!(caf_of(page).as_deref(), Some("25"));
        let two = "Ain > Doubs\n\nLa convention a été signée avec la CAF.";
        assert_eq!(caf_of(two), None, "two departments decide nothing");
        let prose = "Le Doubs a débordé.\n\nLa convention a été signée avec la CAF.";
        assert_eq!(caf_of(prose), None, "not a heading");
    }

    #[test]
    fn a_caf_s_name_ends_with_its_department() {
        let rules = RuleSet::load(None).expect("built-in rules compile");
        let s = "La Caf de l'Aisne et la Ville de Laon ont signé.";
        let text = Text::new(s);
        let scan = rules.scan(&text);
        let cafs = scan.find(crate::rules::Field::Caf);
        let named: Vec<&str> = cafs.iter().map(|m| &s[name_range(m, &rules)]).collect();
        assert_eq!(named, ["Caf de l'Aisne"]);
        let s = "Pour la Caf de la Corrèze Pour la Caf de la Corrèze";
        let text = Text::new(s);
        let scan = rules.scan(&text);
        let cafs = scan.find(crate::rules::Field::Caf);
        let named: Vec<&str> = cafs.iter().map(|m| &s[name_range(m, &rules)]).collect();
        assert_eq!(
            named,
            ["Caf de la Corrèze Pour la Caf de la Corrèze"],
            "two columns"
        );
    }

    #[test]
    fn the_longest_run_of_words_that_names_a_department_wins() {
        let none = Words::default();
        assert_eq!(resolve("Maine-et-Loire Laurence", &none), Some(("49", 14)));
        assert_eq!(resolve("Loire", &none), Some(("42", 5)));
        assert_eq!(resolve("Loire-Atlantique", &none), Some(("44", 16)));
        assert_eq!(resolve("Alençon", &none), Some(("61", 8)));
        assert_eq!(
            resolve("Marseille Provence", &none).map(|r| r.0),
            Some("13")
        );
        assert_eq!(resolve("Roubaix", &none), None);
        let aliases = Words::new([("P.-O.".to_string(), DepartmentCode("66".into()))]);
        assert_eq!(resolve("P.-O.", &aliases), Some(("66", 5)));
    }

    #[test]
    fn a_caf_named_after_a_town_of_another_caf_s_department_is_its_office() {
        let rules = RuleSet::load(None).expect("built-in rules compile");
        let cafs_of = |s: &str| {
            let text = Text::new(s);
            let scan = rules.scan(&text);
            let (cafs, _) = extract(&scan.find(crate::rules::Field::Caf), &rules, &text, |_| {
                false
            });
            cafs.parties
                .into_iter()
                .map(|c| (c.name, c.department.unwrap_or_default()))
                .collect::<Vec<_>>()
        };
        // Saint-Pierre is the seat of Saint-Pierre-et-Miquelon and a commune
        // of La Réunion
        let office = "La Caf de La Réunion et la commune ont signé. Les familles \
                      sont reçues à l'antenne de la Caf de Saint-Pierre.";
        assert_eq!(
            cafs_of(office),
            [("Caf de La Réunion".to_string(), "974".to_string())]
        );
        let alone = "La Caf de Saint-Pierre et la commune ont signé.";
        assert_eq!(
            cafs_of(alone),
            [("Caf de Saint-Pierre".to_string(), "975".to_string())]
        );
    }
}
