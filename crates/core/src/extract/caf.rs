//! The CAF that are parties: `caf` rules capture the words after "Caf de", and the
//! longest run of them that names a department (its name, code or seat, or an
//! alias of the `caf_alias` table) gives the department code. A CAF is named by
//! the shortest form the text gives it ("Caf de la Corrèze" rather than "Caisse
//! d'allocations familiales de la Corrèze"): the name a signatory's generic
//! "la Caf" stands for.

use crate::normalize::Text;
use crate::places::departements;
use crate::record::{Caf, DepartmentFrom, Territory, TerritoryKind};
use crate::rules::lexicon::{DepartmentCode, Words};
use crate::rules::trace::{Considered, Status, Unusable};
use crate::rules::{evidence, Match, RuleKind, RuleSet};

/// Every CAF named, one per department, in order of first mention.
pub fn extract(matches: &[Match], rules: &RuleSet, text: &Text) -> (Vec<Caf>, Vec<Considered>) {
    let aliases = &rules.lexicon().caf_alias;
    let mut cafs: Vec<Caf> = Vec::new();
    let mut considered = Vec::new();
    for m in matches {
        if m.rule.kind == RuleKind::Veto {
            continue;
        }
        let Some(name) = m.captures.get("name") else {
            continue;
        };
        let resolved = resolve(name.text, aliases);
        let status = match resolved {
            None => Status::Unusable(Unusable::UnknownPlace),
            Some((code, len)) => {
                let end = name.range.start + len;
                let ev = evidence(&m.rule.id, text, m.range.start, end);
                let same = cafs
                    .iter_mut()
                    .find(|c| c.department.as_deref() == Some(code));
                if let Some(caf) = same {
                    if ev.text.chars().count() < caf.name.chars().count() {
                        caf.name = ev.text.clone();
                        caf.evidence = ev;
                    }
                    Status::Kept
                } else {
                    cafs.push(Caf {
                        name: super::value::clean(&ev.text, rules.lexicon(), false),
                        department: Some(code.to_string()),
                        evidence: ev,
                        department_from: None,
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
    (cafs, considered)
}

fn resolve(name: &str, aliases: &Words<DepartmentCode>) -> Option<(&'static str, usize)> {
    departements::get().longest_prefix(name, aliases)
}

/// The CAF of a text that names a CAF only without its department ("la CAF"):
/// there is one CAF per department, so it is the CAF of the department of the
/// local parties, when they all lie in one. None otherwise.
pub fn from_parties(mentions: &[Match], territories: &[Territory], text: &Text) -> Option<Caf> {
    let mention = mentions.iter().find(|m| {
        m.rule.kind == RuleKind::Extract
            && !mentions.iter().any(|v| {
                v.rule.kind == RuleKind::Veto
                    && v.range.start <= m.range.start
                    && m.range.end <= v.range.end
            })
    })?;
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
    // the CAF's own words, without the article before them
    let evidence = match mention.captures.get("name") {
        Some(name) => evidence(&mention.rule.id, text, name.range.start, name.range.end),
        None => mention.evidence.clone(),
    };
    Some(Caf {
        name: evidence.text.clone(),
        department: Some(one.to_string()),
        evidence,
        department_from: Some(DepartmentFrom::Parties),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
