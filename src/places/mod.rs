//! Places: the reference data turned into matchers. Folding (`fold.rs`), the
//! commune gazetteer (`gazetteer.rs`), EPCI names and acronyms (`epci.rs`) and the
//! names of departments (`departements.rs`).
//!
//! What counts as a mention (capitals, context words, stop lists) is decided in
//! `extract/`, from tables of the rules; this module only finds names.

pub mod departements;
pub mod epci;
pub mod fold;
pub mod gazetteer;

use aho_corasick::AhoCorasick;
use fold::Folded;

/// The whole-word matches of `automaton` in a folded text, as (start, end,
/// pattern index), keeping the longest where matches overlap (the leftmost among
/// equally long ones), in text order.
pub fn whole_words(automaton: &AhoCorasick, text: &Folded) -> Vec<(usize, usize, usize)> {
    let mut hits: Vec<(usize, usize, usize)> = automaton
        .find_overlapping_iter(text.as_str())
        .filter(|m| text.is_word(m.start(), m.end()))
        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
        .collect();
    hits.sort_by_key(|&(start, end, _)| (std::cmp::Reverse(end - start), start));
    let mut kept: Vec<(usize, usize, usize)> = Vec::new();
    for h in hits {
        if kept.iter().all(|k| h.1 <= k.0 || h.0 >= k.1) {
            kept.push(h);
        }
    }
    kept.sort_by_key(|h| h.0);
    kept
}
