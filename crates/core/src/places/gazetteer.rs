//! The commune gazetteer: a word index (`words.rs`) over the folded names of every
//! commune, commune déléguée and associée, built once per process.
//!
//! A name with an article ("Le Revest-les-Eaux") is also entered without it
//! ("Revest-les-Eaux"), marked, so that "maire du Revest-les-Eaux" finds it; the
//! caller checks that the contracted article is there.

use super::words::WordIndex;
use crate::normalize::fold::{fold, Folded};
use crate::refdata::compact::{self, Part, Reader, Writer};
use crate::refdata::{self, CommuneType, RefData};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A key of the index: every reference row with this folded name.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Indices into `RefData::communes`, each with the article its official name
    /// has and the key leaves out (`le`, `la`, `les`, `l`), if any.
    pub communes: Vec<(usize, Option<&'static str>)>,
}

/// A name found in a folded text.
#[derive(Debug, Clone)]
pub struct Hit<'g> {
    /// Folded byte range.
    pub start: usize,
    /// Folded byte range end.
    pub end: usize,
    /// What the name may be.
    pub entry: &'g Entry,
}

/// The index and its entries.
pub struct Gazetteer {
    index: WordIndex,
    entries: Vec<Entry>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Gazetteer({} names)", self.entries.len())
    }
}

const ARTICLES: [&str; 4] = ["les ", "le ", "la ", "l "];

impl Gazetteer {
    /// Builds the index over `data`.
    pub fn build(data: &'static RefData) -> Gazetteer {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut keys = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        for (i, c) in data.communes.iter().enumerate() {
            if c.kind == CommuneType::Arrondissement {
                continue;
            }
            let key = fold(c.name);
            let mut forms = vec![(key.clone(), None)];
            if let Some(article) = ARTICLES.iter().find(|a| key.starts_with(**a)) {
                forms.push((key[article.len()..].to_string(), Some(article.trim_end())));
            }
            for (form, article) in forms {
                let slot = *index.entry(form.clone()).or_insert_with(|| {
                    keys.push(form);
                    entries.push(Entry {
                        communes: Vec::new(),
                    });
                    entries.len() - 1
                });
                entries[slot].communes.push((i, article));
            }
        }
        let index = WordIndex::new(&keys);
        Gazetteer { index, entries }
    }

    /// Writes the index for [`Gazetteer::read`].
    pub(crate) fn write(&self, out: &mut Writer) {
        self.index.write(out);
        out.count(self.entries.len());
        for entry in &self.entries {
            out.count(entry.communes.len());
            for &(commune, article) in &entry.communes {
                out.count(commune);
                out.option(article.and_then(|a| ARTICLES.iter().position(|b| b.trim_end() == a)));
            }
        }
    }

    /// The index [`Gazetteer::write`] wrote.
    pub(crate) fn read(input: &mut Reader) -> Option<Gazetteer> {
        let index = WordIndex::read(input)?;
        let entries = input.list(|input| {
            let communes = input.list(|input| {
                let commune = input.count()?;
                let article = match input.option()? {
                    Some(a) => Some(ARTICLES.get(a)?.trim_end()),
                    None => None,
                };
                Some((commune, article))
            })?;
            Some(Entry { communes })
        })?;
        Some(Gazetteer { index, entries })
    }

    /// Every name of the gazetteer that `text` holds as whole words, longest first
    /// where names overlap (leftmost wins among equally long ones).
    pub fn find<'g>(&'g self, text: &Folded) -> Vec<Hit<'g>> {
        super::longest_first(self.index.find(text))
            .into_iter()
            .map(|(start, end, pattern)| Hit {
                start,
                end,
                entry: &self.entries[pattern],
            })
            .collect()
    }

    /// Whether `written` is, whole, the name of a commune ("Vignale", not
    /// "Vignale centre").
    pub fn is_whole_name(&self, written: &str) -> bool {
        let folded = Folded::new(written);
        let whole = folded.as_str().len();
        (self.find(&folded).iter()).any(|h| h.start == 0 && h.end == whole)
    }
}

/// The gazetteer over the embedded reference data, read or built on first use.
pub fn get() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| {
        compact::part(Part::Gazetteer)
            .and_then(|mut input| Gazetteer::read(&mut input))
            .unwrap_or_else(|| Gazetteer::build(refdata::get()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_folds_to_words_joined_by_single_separators() {
        // what the word index relies on
        let odd: Vec<&str> = refdata::get()
            .communes
            .iter()
            .map(|c| c.name)
            .filter(|name| {
                let key = fold(name);
                key.contains("  ") || key.contains("| ") || key.contains(" |")
            })
            .collect();
        assert!(odd.is_empty(), "{odd:?}");
    }

    fn names(text: &str) -> Vec<String> {
        let folded = Folded::new(text);
        get()
            .find(&folded)
            .iter()
            .map(|h| folded.as_str()[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn longest_name_wins_over_the_names_inside_it() {
        assert_eq!(names("à Saint-Paul-lès-Dax"), ["saint paul les dax"]);
        assert_eq!(
            names("Neuilly Saint Front et Etampes-sur-Marne"),
            ["neuilly saint front", "etampes sur marne"]
        );
    }

    #[test]
    fn an_article_dropped_after_a_contraction_is_marked() {
        let folded = Folded::new("le maire du Revest-les-Eaux");
        let hits = get().find(&folded);
        let revest = hits
            .iter()
            .find(|h| &folded.as_str()[h.start..h.end] == "revest les eaux")
            .expect("found without its article");
        assert!(revest
            .entry
            .communes
            .iter()
            .any(|(i, article)| refdata::get().communes[*i].insee == "83103"
                && *article == Some("le")));
    }
}
