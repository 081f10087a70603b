//! Places: the reference data turned into matchers: the commune gazetteer (`gazetteer.rs`), EPCI names and acronyms (`epci.rs`) and the
//! names of departments (`departements.rs`).
//!
//! What counts as a mention (capitals, context words, stop lists) is decided in
//! `extract/`, from tables of the rules; this module only finds names.

pub mod departements;
pub mod epci;
pub mod gazetteer;
pub mod words;

use crate::refdata::{
    self,
    compact::{Part, Writer},
};
use std::collections::BTreeMap;

/// Builds the reference data and the place automata now rather than on first
/// use, so that start-up can do it while the rules compile.
pub fn warm_up() {
    gazetteer::get();
    epci::get();
    departements::get();
}

/// The reference data and the place indexes, built from the TSV files, in
/// the form `refdata::compact::register` takes: what `build.rs` writes.
pub fn write_compact() -> Vec<u8> {
    let mut out = Writer::default();
    out.begin(Part::RefData);
    refdata::get().write(&mut out);
    out.begin(Part::Gazetteer);
    gazetteer::get().write(&mut out);
    out.begin(Part::Epci);
    epci::get().write(&mut out);
    out.finish()
}

/// Of overlapping matches (start, end, name), the longest (the leftmost among
/// equally long ones); returned in text order.
pub fn longest_first(mut hits: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    hits.sort_by_key(|&(start, end, _)| (std::cmp::Reverse(end - start), start));
    // the kept matches, by start: they never overlap, so a new match overlaps
    // one of them exactly when it overlaps the last one starting before its end
    let mut kept: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for (start, end, name) in hits {
        let clear = kept
            .range(..end)
            .next_back()
            .is_none_or(|(_, &(kept_end, _))| kept_end <= start);
        if clear {
            kept.insert(start, (end, name));
        }
    }
    kept.into_iter()
        .map(|(start, (end, name))| (start, end, name))
        .collect()
}
