//! The CAF that are parties: `caf` rules capture the words after "Caf de", and the
//! longest run of them that names a department (its name, code or seat, or an
//! alias of the `caf_alias` table) gives the department code.

use crate::normalize::Text;
use crate::places::departements;
use crate::record::Caf;
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
                if cafs.iter().any(|c| c.department.as_deref() == Some(code)) {
                    Status::Kept
                } else {
                    cafs.push(Caf {
                        name: super::value::clean(&ev.text, rules.lexicon(), false),
                        department: Some(code.to_string()),
                        evidence: ev,
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
