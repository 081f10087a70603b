//! The CAF that are parties: `caf` rules capture the words after "Caf de", and the
//! longest run of them that names a department (its name, code or seat, or an
//! alias of the `caf_alias` table) gives the department code.

use crate::normalize::Text;
use crate::places::departements;
use crate::record::Caf;
use crate::resolve::choose::{Considered, Status, Unusable};
use crate::rules::model::TableValue;
use crate::rules::{evidence, Match, RuleKind, RuleSet};
use std::collections::HashMap;

/// Every CAF named, one per department, in order of first mention.
pub fn extract(matches: &[Match], rules: &RuleSet, text: &Text) -> (Vec<Caf>, Vec<Considered>) {
    let aliases = aliases(rules);
    let mut cafs: Vec<Caf> = Vec::new();
    let mut considered = Vec::new();
    for m in matches {
        if m.rule.kind == RuleKind::Veto {
            continue;
        }
        let Some(name) = m.captures.get("name") else {
            continue;
        };
        let resolved = resolve(name.text, &aliases);
        let status = match resolved {
            None => Status::Unusable(Unusable::UnknownPlace),
            Some((code, len)) => {
                let end = name.range.start + len;
                let ev = evidence(&m.rule.id, text, m.range.start, end);
                if cafs.iter().any(|c| c.department.as_deref() == Some(code)) {
                    Status::Kept
                } else {
                    cafs.push(Caf {
                        name: ev.text.clone(),
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

/// The `caf_alias` table (folded when the rules compiled): alias -> department code.
pub fn aliases(rules: &RuleSet) -> HashMap<String, String> {
    let Some(table) = rules.table("caf_alias") else {
        return HashMap::new();
    };
    table
        .folded_entries()
        .map(|(word, value)| {
            let code = match value {
                TableValue::Int(n) => format!("{n:02}"),
                TableValue::Text(t) => t.clone(),
            };
            (word.to_string(), code)
        })
        .collect()
}

fn resolve(name: &str, aliases: &HashMap<String, String>) -> Option<(&'static str, usize)> {
    departements::get().longest_prefix(name, aliases)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::fold::fold;

    #[test]
    fn the_longest_run_of_words_that_names_a_department_wins() {
        let none = HashMap::new();
        assert_eq!(resolve("Maine-et-Loire Laurence", &none), Some(("49", 14)));
        assert_eq!(resolve("Loire", &none), Some(("42", 5)));
        assert_eq!(resolve("Loire-Atlantique", &none), Some(("44", 16)));
        assert_eq!(resolve("Alençon", &none), Some(("61", 8)));
        assert_eq!(
            resolve("Marseille Provence", &none).map(|r| r.0),
            Some("13")
        );
        assert_eq!(resolve("Roubaix", &none), None);
        let aliases = HashMap::from([(fold("P.-O."), "66".to_string())]);
        assert_eq!(resolve("P.-O.", &aliases), Some(("66", 5)));
    }
}
