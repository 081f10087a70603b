//! The literal sets of sub-patterns, worked out once per rule set.
//!
//! The prefix scan (`scan.rs`) reads from each pattern's syntax tree the
//! words its matches begin with or must contain. The word tables recur in
//! many patterns (the roles, the months, the kinds of parties), and so do
//! their words: the built-in rules asked for the literals of 36,000
//! sub-patterns, 1,100 of them distinct, and extracting them (every mix of
//! cases of a case-insensitive word) was a third of compiling the rules.
//! So each answer is kept, keyed by the sub-pattern's syntax tree, and
//! shared by the patterns that compile at the same time.
//!
//! It only remembers: what a sub-pattern's literals are is `scan.rs`'s
//! business, and a tree is only ever given the answer computed for an equal
//! tree.

use regex_syntax::hir::{Class, Hir, HirKind};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

/// Literals, as `scan.rs` lists them (`None`: they cannot be told).
pub type Listed = Option<Vec<Vec<u8>>>;

/// Answers already worked out, for each question `scan.rs` asks.
#[derive(Debug, Default)]
pub struct Literals {
    prefixes: Memo,
    required: Memo,
}

/// Trees by their hash, each with its answer.
#[derive(Debug, Default)]
struct Memo(Mutex<HashMap<u64, Vec<(Hir, Listed)>>>);

impl Literals {
    /// The prefixes of `hir`, from `work` the first time they are asked.
    pub fn prefixes(&self, hir: &Hir, work: impl FnOnce() -> Listed) -> Listed {
        self.prefixes.get_or(hir, work)
    }

    /// The required words of `hir`, from `work` the first time they are asked.
    pub fn required(&self, hir: &Hir, work: impl FnOnce() -> Listed) -> Listed {
        self.required.get_or(hir, work)
    }
}

impl Memo {
    fn get_or(&self, hir: &Hir, work: impl FnOnce() -> Listed) -> Listed {
        let key = {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            shape_hash(hir, &mut hasher);
            hasher.finish()
        };
        let known = |memo: &HashMap<u64, Vec<(Hir, Listed)>>| {
            memo.get(&key)
                .and_then(|same| same.iter().find(|(tree, _)| tree == hir))
                .map(|(_, listed)| listed.clone())
        };
        if let Some(listed) = self.0.lock().ok().and_then(|memo| known(&memo)) {
            return listed;
        }
        // worked out without the lock: `work` asks for the sub-patterns'
        let listed = work();
        if let Ok(mut memo) = self.0.lock() {
            if known(&memo).is_none() {
                memo.entry(key)
                    .or_default()
                    .push((hir.clone(), listed.clone()));
            }
        }
        listed
    }
}

/// Feeds `state` with everything that tells `hir` from another tree (equal
/// trees hash the same; trees that hash the same are compared whole).
fn shape_hash(hir: &Hir, state: &mut impl Hasher) {
    match hir.kind() {
        HirKind::Empty => 0u8.hash(state),
        HirKind::Literal(literal) => {
            1u8.hash(state);
            literal.0.hash(state);
        }
        HirKind::Class(Class::Unicode(class)) => {
            2u8.hash(state);
            for range in class.iter() {
                (range.start(), range.end()).hash(state);
            }
        }
        HirKind::Class(Class::Bytes(class)) => {
            3u8.hash(state);
            for range in class.iter() {
                (range.start(), range.end()).hash(state);
            }
        }
        HirKind::Look(look) => {
            4u8.hash(state);
            look.as_repr().hash(state);
        }
        HirKind::Repetition(rep) => {
            5u8.hash(state);
            (rep.min, rep.max, rep.greedy).hash(state);
            shape_hash(&rep.sub, state);
        }
        HirKind::Capture(capture) => {
            6u8.hash(state);
            (capture.index, &capture.name).hash(state);
            shape_hash(&capture.sub, state);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            (if matches!(hir.kind(), HirKind::Concat(_)) {
                7u8
            } else {
                8u8
            })
            .hash(state);
            subs.len().hash(state);
            for sub in subs {
                shape_hash(sub, state);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::util::syntax;

    #[test]
    fn an_answer_is_given_again_only_for_an_equal_tree() {
        let literals = Literals::default();
        let a = syntax::parse("(?i)mai").unwrap();
        let b = syntax::parse("(?i)mais").unwrap();
        let listed = |word: &str| Some(vec![word.as_bytes().to_vec()]);
        assert_eq!(literals.prefixes(&a, || listed("mai")), listed("mai"));
        assert_eq!(literals.prefixes(&a, || unreachable!()), listed("mai"));
        assert_eq!(literals.prefixes(&b, || listed("mais")), listed("mais"));
        // the two questions are kept apart
        assert_eq!(literals.required(&a, || None), None);
        assert_eq!(literals.prefixes(&a, || unreachable!()), listed("mai"));
    }

    #[test]
    fn equal_trees_hash_the_same() {
        let hash = |pattern: &str| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            shape_hash(&syntax::parse(pattern).unwrap(), &mut hasher);
            hasher.finish()
        };
        assert_eq!(hash(r"(?i)\bjanv(?:ier|\.)"), hash(r"(?i)\bjanv(?:ier|\.)"));
        assert_ne!(hash(r"a(b)"), hash(r"a(?:b)"));
        assert_ne!(hash(r"a|b"), hash(r"ab"));
    }
}
