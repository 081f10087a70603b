//! Department names: how a CAF is named after its department ("Caf de
//! Maine-et-Loire", "Caf 49", "CAF de La Réunion") or its seat ("CAF d'Alençon").

use crate::normalize::fold::{fold, Folded};
use crate::refdata::{self, RefData};
use crate::rules::lexicon::{DepartmentCode, Words};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Folded name, code or seat -> department code.
#[derive(Debug)]
pub struct DepartementIndex {
    keys: HashMap<String, &'static str>,
    names: std::collections::HashSet<String>,
    /// Words of the longest key ("territoire de belfort": 3).
    max_words: usize,
}

impl DepartementIndex {
    /// Builds the index: each department's name (with and without its article),
    /// its code, and the name of its chef-lieu.
    pub fn build(data: &'static RefData) -> DepartementIndex {
        let mut keys = HashMap::new();
        let mut names = std::collections::HashSet::new();
        for d in &data.departements {
            let name = fold(d.name);
            names.insert(name.clone());
            for article in ["la ", "le ", "les ", "l "] {
                if let Some(rest) = name.strip_prefix(article) {
                    keys.insert(rest.to_string(), d.code);
                }
            }
            keys.insert(name, d.code);
            keys.insert(d.code.to_lowercase(), d.code);
            if let Some(seat) = data.commune(d.chef_lieu) {
                keys.entry(fold(seat.name)).or_insert(d.code);
            }
        }
        let max_words = keys.keys().map(|k| k.split(' ').count()).max().unwrap_or(1);
        DepartementIndex {
            keys,
            names,
            max_words,
        }
    }

    /// Whether a folded name is a department's name ("doubs", "la reunion").
    pub fn is_name(&self, folded: &str) -> bool {
        self.names.contains(folded)
    }

    /// The department a folded name designates.
    pub fn get(&self, folded: &str) -> Option<&'static str> {
        self.keys.get(folded).copied()
    }

    /// The department of the longest leading run of words of `name` that names
    /// one (or is an alias: folded alias -> code), and the byte length of that
    /// run in `name`.
    ///
    /// Only runs as long as the longest name or alias are tried: a name
    /// capture can be a whole machine-made text ("Caf de Caf de Caf de ..."),
    /// and trying each of its prefixes took time quadratic in its length.
    pub fn longest_prefix(
        &self,
        name: &str,
        aliases: &Words<DepartmentCode>,
    ) -> Option<(&'static str, usize)> {
        let folded = Folded::new(name);
        let text = folded.as_str();
        let longest = aliases
            .entries()
            .map(|e| e.words.len())
            .fold(self.max_words, usize::max);
        run_ends(text, longest)
            .iter()
            .rev()
            .filter(|&&e| e > 0)
            .find_map(|&end| {
                // a trailing barrier stays with its word, so `p|o|` is one word
                let key = text[..end].trim_matches('|');
                let code = aliases
                    .get_folded(key)
                    .and_then(|c| refdata::get().departement(&c.0))
                    .map(|d| d.code)
                    .or_else(|| self.get(key))?;
                Some((code, folded.original(0, end).1))
            })
    }
}

/// Where the runs of the first `words` words of the folded `text` end (one
/// more, for a leading space): the prefixes worth looking up.
fn run_ends(text: &str, words: usize) -> Vec<usize> {
    let mut ends: Vec<usize> = text
        .match_indices(' ')
        .map(|(i, _)| i)
        .take(words + 1)
        .collect();
    if ends.len() <= words {
        ends.push(text.len());
    }
    ends
}

/// The index over the embedded reference data, built on first use.
pub fn get() -> &'static DepartementIndex {
    static INDEX: OnceLock<DepartementIndex> = OnceLock::new();
    INDEX.get_or_init(|| DepartementIndex::build(refdata::get()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_as_long_as_a_text_is_looked_up_by_its_first_words_only() {
        assert_eq!(run_ends("maine et loire", 4), vec![5, 8, 14]);
        assert_eq!(run_ends("caf de", 1), vec![3, 6]);
        // "Caf de Caf de ...": as many lookups for 100,000 words as for ten
        let long = "caf de ".repeat(50_000);
        assert_eq!(run_ends(&long, 4).len(), 5);
        let none = Words::default();
        assert_eq!(get().longest_prefix(&long, &none), None);
        let named = format!("Corse du Sud {long}");
        assert_eq!(get().longest_prefix(&named, &none), Some(("2A", 12)));
    }

    #[test]
    fn names_codes_and_seats_resolve() {
        let index = get();
        for (name, code) in [
            ("Maine-et-Loire", "49"),
            ("Corse-du-Sud", "2A"),
            ("2b", "2B"),
            ("La Réunion", "974"),
            ("Réunion", "974"),
            ("Alençon", "61"),
            ("Val-de-Marne", "94"),
            ("Nord", "59"),
        ] {
            assert_eq!(index.get(&fold(name)), Some(code), "{name}");
        }
        assert_eq!(index.get("loire atlantique"), Some("44"));
        assert_eq!(index.get("loire"), Some("42"));
    }
}
