//! Patterns proposed at the same places, probed at once.
//!
//! In: a group of patterns, a text and places among which are all the
//! members' candidates there. Out: for each place, the members whose probe
//! may match there. It searches nothing: each member still walks the
//! candidates kept for it, probes and tries them (`pattern.rs`).
//!
//! Sixteen name patterns begin with a capitalized word and search with their
//! own finders (`scan.rs`); twenty-five line patterns have line starts as
//! their only candidates. Each of them probed each of its places: the same
//! name or the same line read once per pattern, 60 million of the 88
//! million bytes the probes read on text-1000, for very few matches. One
//! lazy DFA of all the members' probes reads a place once and tells which
//! of them may match there; a place none of them may match costs one
//! reading instead of one per member.
//!
//! The joint probe matches what each member's probe matches, pattern by
//! pattern (a DFA of several patterns, reporting every match of each), and
//! reads at least as far as any of them, so it keeps every place where a
//! member's own probe would let the member be tried: the places it drops
//! were refused anyway, and the matches are the same. What it costs: the
//! DFA's states are sets of the states of all its members, so it builds
//! more of them than the members' own probes do (about 0.45 G instructions
//! on text-1000, once per run and thread as its cache fills); and it is
//! compiled only once the members have proposed enough places in the run
//! to pay for it (see [`Joint::pays`]).

use super::pattern::{probe_dfa, read_probe, work_budget, Pattern, DFA_CACHE};
use super::scan::MAX_MEMBERS;
use regex_automata::hybrid::dfa::{self as lazy, DFA};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// How many proposals the members of a group make on their own before the
/// group's probe is compiled (see [`Joint::pays`]): about what compiling it
/// costs, at some 400 instructions a proposal saved.
pub const PAYS_AFTER: usize = 100_000;

/// The probe of a group of patterns, compiled on the first text that needs it.
#[derive(Debug)]
pub struct Joint {
    /// The members, by their index in the rule set.
    members: Vec<usize>,
    /// Member `k`'s probe is the DFA's pattern `k`; `None` if it cannot be
    /// built, and every place is then kept for every member.
    dfa: OnceLock<Option<DFA>>,
    /// Caches that sifts gave back (see `Pattern`'s `probe_caches`).
    caches: Mutex<Vec<lazy::Cache>>,
    /// The members' proposals counted so far by [`Joint::pays`].
    proposed: AtomicUsize,
}

impl Joint {
    /// The group of the patterns `members` (at most [`MAX_MEMBERS`]), by
    /// their index in the rule set.
    pub fn new(members: Vec<usize>) -> Joint {
        assert!(
            members.len() <= MAX_MEMBERS,
            "a group has at most 64 members"
        );
        Joint {
            members,
            dfa: OnceLock::new(),
            caches: Mutex::new(Vec::new()),
            proposed: AtomicUsize::new(0),
        }
    }

    /// Whether to sift a text where the members have `proposals`
    /// candidates in all: once it has been compiled, or once the members
    /// have made [`PAYS_AFTER`] proposals in the run. Compiling it parses
    /// every member, those the run would never have proposed included, and
    /// a one-sentence run took 19% more instructions (574 M -> 683 M); a
    /// run of many texts makes its cost back after a few dozen of them. The
    /// matches are the same either way.
    pub fn pays(&self, proposals: usize) -> bool {
        self.dfa.get().is_some()
            || self.proposed.fetch_add(proposals, Ordering::Relaxed) + proposals >= PAYS_AFTER
    }

    /// Its members, by their index in the rule set.
    pub fn members(&self) -> &[usize] {
        &self.members
    }

    /// For each of `places` (ascending) in `haystack`, the members whose
    /// probe may match there: member `k` if bit `k` is set. `patterns` are
    /// the members' patterns, in the order of [`Joint::members`].
    ///
    /// The readings are counted as a search counts its attempts: past
    /// [`work_budget`], the remaining places are kept for every member, so
    /// that a text of machine-made names costs linear time here too.
    pub fn sift(&self, patterns: &[&Pattern], haystack: &str, places: &[u32]) -> Vec<u64> {
        debug_assert_eq!(patterns.len(), self.members.len());
        let every = u64::MAX >> (MAX_MEMBERS - patterns.len());
        let Some(dfa) = self.dfa(patterns) else {
            return vec![every; places.len()];
        };
        let given_back = self.caches.lock().ok().and_then(|mut c| c.pop());
        let mut cache = given_back.unwrap_or_else(|| dfa.create_cache());
        // where every member's matches have ended, when all are bounded
        let longest =
            (patterns.iter().map(|p| p.max_len())).try_fold(0, |a: usize, b| Some(a.max(b?)));
        let budget = work_budget(haystack.len());
        let mut work = 0usize;
        let mut sifted = Vec::with_capacity(places.len());
        for &place in places {
            if work > budget {
                sifted.push(every);
                continue;
            }
            crate::budget::check();
            let start = place as usize;
            let until = longest.map(|max| start.saturating_add(max));
            let mut kept = 0u64;
            let reach = read_probe(
                dfa,
                &mut cache,
                haystack,
                start,
                until,
                |dfa, cache, state| {
                    for i in 0..dfa.match_len(cache, state) {
                        kept |= 1 << dfa.match_pattern(cache, state, i).as_usize();
                    }
                },
            );
            let (reach, kept) = reach.map_or((haystack.len(), every), |r| (r, kept));
            work = work.saturating_add(reach - start + 1);
            sifted.push(kept);
        }
        if let Ok(mut caches) = self.caches.lock() {
            caches.push(cache);
        }
        sifted
    }

    fn dfa(&self, patterns: &[&Pattern]) -> Option<&DFA> {
        self.dfa
            .get_or_init(|| {
                let trees: Vec<_> = patterns.iter().map(|p| p.probe_tree()).collect();
                // the members' states crossed: more room than one pattern's
                probe_dfa(&trees, DFA_CACHE.saturating_mul(patterns.len()))
            })
            .as_ref()
    }
}

/// The places of `candidates` (a member's, ascending, all among `places`)
/// that `sifted` (from [`Joint::sift`] over `places`) keeps for member `k`.
pub fn kept_for(k: usize, candidates: &[u32], places: &[u32], sifted: &[u64]) -> Vec<u32> {
    let mut at = 0;
    let mut kept = Vec::new();
    for &candidate in candidates {
        while places.get(at).is_some_and(|&place| place < candidate) {
            at += 1;
        }
        // a candidate not among the places sifted is kept, unsifted
        let keep = match places.get(at) {
            Some(&place) if place == candidate => sifted[at] >> k & 1 == 1,
            _ => true,
        };
        if keep {
            kept.push(candidate);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every place of `text` (code point boundaries).
    fn every_place(text: &str) -> Vec<u32> {
        (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .map(|i| i as u32)
            .collect()
    }

    /// Whether `pattern` matches anchored at each of `places` of `text`, as
    /// the regex crate tells (with the text before the place as context).
    fn anchored_matches(pattern: &str, text: &str, places: &[u32]) -> Vec<bool> {
        use regex_automata::{meta::Regex, Anchored, Input};
        let regex = Regex::new(pattern).expect("compiles");
        (places.iter())
            .map(|&p| regex.is_match(Input::new(text).range(p as usize..).anchored(Anchored::Yes)))
            .collect()
    }

    #[test]
    fn a_sift_keeps_each_member_where_its_own_probe_may_match() {
        let members = [
            r"(?P<name>\p{Lu}\p{Ll}+(?:[^\S\n]+\p{Lu}\p{Ll}+)?),\s+maire\b",
            r"\p{Lu}\p{Ll}+[^\S\n]+\p{Lu}{2,}",
            r"(?m)^[^\n.]{0,60}?\bconvention\b[^\n.]*$",
            r"\p{Lu}\p{Ll}+ (?:était|est) absente?",
        ];
        let patterns: Vec<Pattern> = members.iter().map(|p| Pattern::new(p).unwrap()).collect();
        let refs: Vec<&Pattern> = patterns.iter().collect();
        let joint = Joint::new((0..members.len()).collect());
        let text = "Anne Martin, maire de Laon, et Paul ROY ont signé.\n\
                    La convention de Brême.\nÉric Dubois était absent. Hélène Petit est absente\n\
                    Objet : convention territoriale globale";
        let places = every_place(text);
        let sifted = joint.sift(&refs, text, &places);
        for (k, pattern) in patterns.iter().enumerate() {
            let mut search = pattern.search(text, None);
            for (i, &place) in places.iter().enumerate() {
                let (_, may_match) = search.probe(place as usize, None);
                assert_eq!(
                    sifted[i] >> k & 1 == 1,
                    may_match,
                    "{} at {place}",
                    members[k]
                );
            }
            // and every anchored match of the pattern as written is kept
            for (i, matched) in anchored_matches(members[k], text, &places)
                .iter()
                .enumerate()
            {
                assert!(
                    !matched || sifted[i] >> k & 1 == 1,
                    "{} at {}",
                    members[k],
                    places[i]
                );
            }
        }
        // some places are kept for one member and not another, many for none
        assert!(sifted.contains(&0b0001));
        assert!(sifted.iter().filter(|&&s| s == 0).count() > places.len() / 2);
    }

    #[test]
    fn past_its_budget_a_sift_keeps_every_place() {
        let pattern = Pattern::new(r"\p{Lu}\p{Ll}+(?:[^\S\n]+\p{Lu}\p{Ll}+)*\s+absent").unwrap();
        let other = Pattern::new(r"\p{Lu}\p{Ll}+,\s+maire").unwrap();
        let joint = Joint::new(vec![0, 1]);
        // each place's reading goes to the end of the text
        let text = "Anne Martin Éric Dubois ".repeat(4000);
        let places: Vec<u32> = text
            .char_indices()
            .filter(|(_, c)| c.is_uppercase())
            .map(|(i, _)| i as u32)
            .collect();
        let sifted = joint.sift(&[&pattern, &other], &text, &places);
        assert_eq!(sifted[0], 0, "the first places are read and refused");
        assert_eq!(*sifted.last().unwrap(), 0b11, "the last ones are not read");
    }

    #[test]
    fn a_member_keeps_the_places_sifted_for_it_and_those_not_sifted() {
        let places = [2, 5, 9, 14];
        let sifted = [0b01, 0b10, 0b11, 0b00];
        assert_eq!(kept_for(0, &[2, 5, 9, 14], &places, &sifted), [2, 9]);
        assert_eq!(kept_for(1, &[5, 14], &places, &sifted), [5]);
        assert_eq!(kept_for(1, &[1, 9, 20], &places, &sifted), [1, 9, 20]);
    }

    #[test]
    fn a_group_is_sifted_once_its_members_have_proposed_enough() {
        let joint = Joint::new(vec![0, 1]);
        assert!(!joint.pays(10));
        assert!(!joint.pays(PAYS_AFTER - 20));
        assert!(joint.pays(10), "past the count");
        let fresh = Joint::new(vec![0, 1]);
        let patterns = [r"\p{Lu}\p{Ll}+,", r"\p{Lu}\p{Ll}+ est"].map(|p| Pattern::new(p).unwrap());
        fresh.sift(&[&patterns[0], &patterns[1]], "Anne est là", &[0]);
        assert!(fresh.pays(1), "compiled");
    }
}
