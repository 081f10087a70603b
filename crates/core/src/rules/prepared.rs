//! The [`Facts`] of the built-in patterns, worked out once at build time (the
//! `ctg` binary's `build.rs` loads the built-in rules and writes them out), so
//! that loading the rules parses no pattern: a pattern is parsed on the first
//! text that proposes it, and a one-sentence document proposes 105 of 237.
//!
//! Facts are looked up by the pattern's full source (after sub-patterns are
//! expanded and the case flag added), so a pattern changed since the build is
//! simply not found and compiles as usual. Only the built-in rules are served
//! (`RuleSet::load_prepared`): a `--rules` folder is compiled at run time,
//! with its errors.

use super::pattern::{Facts, Pattern};
use super::RuleSet;
use std::collections::HashMap;

/// The facts of patterns, by source.
#[derive(Debug, Default)]
pub struct Prepared {
    facts: HashMap<String, Facts>,
}

impl Prepared {
    /// The facts of every pattern of `rules`, as `read` takes them back.
    pub fn write(rules: &RuleSet) -> String {
        let facts: Vec<(&str, Facts)> = rules
            .rules()
            .iter()
            .flat_map(|rule| &rule.regexes)
            .map(|pattern| (pattern.as_str(), pattern.facts()))
            .collect();
        serde_json::to_string(&facts).expect("facts are plain data")
    }

    /// Facts written by [`Prepared::write`].
    pub fn read(written: &str) -> Result<Prepared, serde_json::Error> {
        let facts: Vec<(String, Facts)> = serde_json::from_str(written)?;
        Ok(Prepared {
            facts: facts.into_iter().collect(),
        })
    }

    /// The pattern `source`, with its facts if they are known, else compiled
    /// (and its errors reported) as [`Pattern::sharing`] does.
    pub(super) fn pattern(
        &self,
        source: &str,
        known: &super::literals::Literals,
    ) -> Result<Pattern, String> {
        match self.facts.get(source) {
            Some(facts) => Ok(Pattern::with_facts(source, facts.clone())),
            None => Pattern::sharing(source, known),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Patterns loaded from their facts have the facts of patterns compiled
    /// at run time, and match the same.
    #[test]
    fn prepared_patterns_are_the_compiled_ones() {
        let rules = RuleSet::load(None).expect("built-in rules compile");
        let prepared = Prepared::read(&Prepared::write(&rules)).expect("facts read back");
        let again = RuleSet::load_prepared(None, &prepared).expect("built-in rules compile");
        let text = "La commune de Rouperroux et la Caf de l'Orne ont signé le 3 mars 2023 \
                    une convention territoriale globale pour la période 2023-2026.";
        for (rule, other) in rules.rules().iter().zip(again.rules()) {
            for (a, b) in rule.regexes.iter().zip(&other.regexes) {
                assert_eq!(a.facts(), b.facts(), "{}", a.as_str());
                assert_eq!(
                    a.captures_at(text, 0),
                    b.captures_at(text, 0),
                    "{}",
                    a.as_str()
                );
            }
        }
    }
}
