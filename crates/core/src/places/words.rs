//! Names looked up word by word in a folded text.
//!
//! Folded text has one separator byte between words (a space, or a barrier
//! for punctuation), and folded names are words joined the same way (a few
//! official names hold a barrier: "Château-Chinon (Ville)"). So the
//! names a text holds as whole words are found by taking each word start and
//! extending it one word at a time while what is read is still the beginning of
//! some name: a hash lookup per step, no automaton to build. For the 40,000
//! commune names the index builds in about 40 ms, most of it folding the
//! names, where an Aho-Corasick automaton took 60 to 80, and it reads folded
//! text at about 160 MB/s where the automaton read 13.

use crate::normalize::fold::{Folded, BARRIER, SPACE};
use crate::refdata::compact::{Reader, Writer};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// An index of folded names, each known by its position in the list it was
/// built from.
#[derive(Debug, Default)]
pub struct WordIndex {
    /// Every name and every leading run of its words; borrowed when read
    /// from the compact form (`refdata/compact.rs`).
    steps: HashMap<Cow<'static, str>, Step, BuildHasherDefault<Fnv>>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Step {
    /// The name that ends here, if one does.
    name: Option<usize>,
    /// Whether some name goes on after these words.
    longer: bool,
}

impl WordIndex {
    /// Indexes `names` (folded; empty names are left out). When a name is
    /// listed twice, the first position is kept.
    pub fn new<S: AsRef<str>>(names: &[S]) -> WordIndex {
        let mut steps: HashMap<Cow<'static, str>, Step, BuildHasherDefault<Fnv>> =
            HashMap::default();
        steps.reserve(names.len() * 2);
        for (i, name) in names.iter().enumerate() {
            let name = name.as_ref();
            if name.is_empty() {
                continue;
            }
            for (at, _) in name.match_indices([' ', '|']) {
                steps
                    .entry(Cow::Owned(name[..at].to_string()))
                    .or_default()
                    .longer = true;
            }
            let step = steps.entry(Cow::Owned(name.to_string())).or_default();
            step.name.get_or_insert(i);
        }
        WordIndex { steps }
    }

    /// Writes the index for [`WordIndex::read`], its steps in key order.
    pub(super) fn write(&self, out: &mut Writer) {
        let mut steps: Vec<_> = self.steps.iter().collect();
        steps.sort_unstable_by_key(|(key, _)| *key);
        out.count(steps.len());
        for (key, step) in steps {
            out.str(key);
            out.option(step.name);
            out.flag(step.longer);
        }
    }

    /// The index [`WordIndex::write`] wrote, its keys borrowed.
    pub(super) fn read(input: &mut Reader) -> Option<WordIndex> {
        let count = input.count()?;
        let mut steps = HashMap::with_capacity_and_hasher(count, BuildHasherDefault::default());
        for _ in 0..count {
            let key = input.str()?;
            let step = Step {
                name: input.option()?,
                longer: input.flag()?,
            };
            steps.insert(Cow::Borrowed(key), step);
        }
        Some(WordIndex { steps })
    }

    /// Every whole-word occurrence of a name in `text`, as (start, end, name
    /// position), overlapping ones included, by start then length.
    pub fn find(&self, text: &Folded) -> Vec<(usize, usize, usize)> {
        let folded = text.as_str();
        let bytes = folded.as_bytes();
        let mut hits = Vec::new();
        let mut start = 0;
        while start < bytes.len() {
            if is_separator(bytes[start]) {
                start += 1;
                continue;
            }
            let mut end = start;
            loop {
                end = next_separator(bytes, end);
                match self.steps.get(&folded[start..end]) {
                    Some(step) => {
                        if let Some(name) = step.name {
                            hits.push((start, end, name));
                        }
                        if !step.longer || end == bytes.len() {
                            break;
                        }
                        end += 1;
                    }
                    None => break,
                }
            }
            start = next_separator(bytes, start);
        }
        hits
    }
}

fn is_separator(b: u8) -> bool {
    b == SPACE || b == BARRIER
}

fn next_separator(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| is_separator(b))
        .map_or(bytes.len(), |p| from + p)
}

/// FNV-1a: the keys are short, and SipHash's protection against chosen keys is
/// not needed for a fixed list of place names.
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasickBuilder, MatchKind};

    /// What an Aho-Corasick automaton finds, kept to whole words: the reference.
    fn reference(names: &[&str], text: &Folded) -> Vec<(usize, usize, usize)> {
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(names)
            .expect("builds");
        let mut hits: Vec<_> = ac
            .find_overlapping_iter(text.as_str())
            .filter(|m| text.is_word(m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        hits.sort();
        hits
    }

    #[test]
    fn finds_what_an_automaton_finds_as_whole_words() {
        let names = [
            "saint martin",
            "saint martin l aiguillon",
            "martin",
            "l aiguillon",
            "die",
            "aix",
            "y",
            "le port",
            "port",
        ];
        for text in [
            "La commune de Saint-Martin-l'Aiguillon et Die, Y, Aix-les-Bains.",
            "Saint-Martin, Saint Martin l. Aiguillon; au Port et au Port-Louis",
            "diet diesel die",
            "",
            "Martin",
        ] {
            let folded = Folded::new(text);
            let mut found = WordIndex::new(&names).find(&folded);
            found.sort();
            assert_eq!(found, reference(&names, &folded), "{text}");
        }
    }

    #[test]
    fn a_barrier_ends_a_name_unless_the_name_has_it() {
        let index = WordIndex::new(&["saint martin", "bors|canton de lembeye"]);
        assert!(index.find(&Folded::new("Saint, Martin")).is_empty());
        assert_eq!(index.find(&Folded::new("Saint Martin")).len(), 1);
        assert_eq!(
            index.find(&Folded::new("Bors (Canton de Lembeye)")).len(),
            1
        );
    }
}
