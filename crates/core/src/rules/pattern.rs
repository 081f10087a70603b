//! A compiled rule pattern, searched fast without changing what it matches.
//!
//! Two things make a plain regex search slow on French administrative prose:
//!
//! - a Unicode word boundary `\b` next to an accented letter stops the regex
//!   crate's lazy DFA, and the search falls back to the PikeVM or the
//!   backtracker over the rest of the document, about 50 times slower. Writing
//!   ASCII `(?-u:\b)` instead would be fast but would change the matches
//!   ("\bà compter" would never match, "\bmai\b" would match inside "maïs");
//! - a counted repetition such as a role's tail `{0,220}` or a block's
//!   `.{10,6000}?` multiplies the DFA's states, which it builds again and again.
//!
//! So a pattern is searched in two steps:
//!
//! 1. its *finder* looks for the leftmost place where a match could start. The
//!    finder is the pattern with its Unicode word boundaries removed, its
//!    large Unicode classes widened beyond Latin-1 (see [`widen`]) and its
//!    tail cut before the first long counted repetition. Removing an assertion
//!    or widening a class only adds matches, and a match of the whole pattern
//!    begins with a match of its head, so no real match starts before the
//!    place the finder reports; and the finder never needs the slow engines;
//! 2. the pattern as written is tried *anchored* at that place, which only
//!    reads as far as a match could reach. If it fails, the finder looks again
//!    one character later.
//!
//! Every start where the pattern matches is a start where the finder matches,
//! and the finder visits those starts in order, so the first anchored success is
//! the leftmost match, the one a plain search reports, with the same span and
//! captures: the unit tests below compare with the regex crate, and the rule
//! examples and the snapshot test check the whole rule set.
//!
//! The literal prefixes of all finders are also searched together, once per
//! document (`scan.rs`): a pattern is then tried only where one of its
//! prefixes occurs and its finder matches there, rather than searching the
//! whole text with its own finder.
//!
//! Compiling is most of ctg's start-up, so it is kept small: nothing is
//! compiled when the rules load (the prefix scan only reads the finders'
//! syntax); the pattern as written and its probe are compiled on the first
//! place the pattern is proposed, its finder on the first text where it is
//! searched (a short document needs few of them). The built-in patterns are
//! not even parsed when the rules load: what the prefix scan needs of their
//! syntax ([`Facts`]) was worked out at build time (`prepared.rs`), and a
//! pattern is parsed on the first text that proposes it.
//!
//! Step 2 alone takes time quadratic in the text on machine-made input: on
//! "Caf de Caf de ..." or a page of names without punctuation, a finder
//! proposes every word and a rule such as `commune.enumeration` reads every
//! capitalized word to the end of the text before it fails. So a [`Search`]
//! over one text also
//!
//! 3. *probes* each proposal with a lazy DFA of the relaxed pattern (the
//!    finder's relaxation, without the cut), which tells, at DFA speed, how
//!    far an anchored attempt could read and whether it could match at all
//!    (a proposal it refuses is not tried), and
//! 4. counts the bytes those attempts could read. Past a few times the
//!    text's length ([`WORK_PER_BYTE`]), the rest of the text is searched by
//!    one unanchored search of the pattern as written (the regex crate's own
//!    engines, which read each byte once per search): slower per byte on
//!    ordinary text, but linear on any text. Both ways give the leftmost
//!    match, so the matches do not depend on which one ran.

use super::literals::Literals;
use super::parse::parse;
use super::scan::{is_white_space, Shape};
use regex_automata::hybrid::dfa::{self as lazy, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, MatchKind, PatternID};
use regex_syntax::hir::{self, Hir, HirKind, Look};
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

/// Limit on the size of one compiled pattern, as the regex crate's `size_limit`.
pub(super) const NFA_SIZE_LIMIT: usize = 50 << 20;

/// A counted repetition with a larger bound ends a finder.
const LONG_REPEAT: u32 = 16;
/// ... provided the head before it is at least this many bytes long, so that
/// the finder stays selective.
const MIN_HEAD: usize = 3;
/// The last code point of Latin-1, the part of a class a finder keeps exact.
const LATIN1: char = '\u{ff}';
/// A class with more ranges than this beyond Latin-1 is widened in finders.
const WIDEN_ABOVE: usize = 4;
/// Memory for the lazy DFA's states, as the regex crate's `dfa_size_limit`
/// (its default). There is one cache per pattern and per thread, and it fills
/// as more varied text is read: 20 MiB each would let a long batch grow to
/// gigabytes, and on one pattern at a time it made no measurable difference.
pub(super) const DFA_CACHE: usize = 2 << 20;
/// The bytes the anchored attempts of one [`Search`] may read, per byte of
/// the text, before the rest of the text is searched unanchored (see the
/// module's documentation). Ordinary documents stay far below it.
const WORK_PER_BYTE: usize = 4;
/// ... plus this many, so that a short text never changes its way of search.
const WORK_SLACK: usize = 1 << 16;

/// One pattern of a rule.
#[derive(Debug)]
pub struct Pattern {
    source: String,
    /// The pattern as written, compiled on the first place the finder reports.
    strict: OnceLock<Result<Regex, String>>,
    /// The relaxed pattern as a lazy DFA reporting every match (see
    /// [`Search::probe`]); `None` if it cannot be built, and proposals are
    /// then tried without a probe.
    probe: OnceLock<Option<DFA>>,
    /// The probe's caches that searches gave back: a lazy DFA's states are
    /// built as texts need them, and a cache made anew for every document
    /// rebuilt them each time (a sixth of a run's time).
    probe_caches: Mutex<Vec<lazy::Cache>>,
    /// The pattern as written with every engine of the regex crate, for
    /// unanchored searches; compiled on the first text that needs it.
    scanner: OnceLock<Result<Regex, String>>,
    /// Its syntax trees, made when the pattern compiles or, for a pattern
    /// whose [`Facts`] were worked out at build time, on the first text
    /// that proposes it (a one-sentence document needs 105 of 237).
    trees: OnceLock<Trees>,
    /// What the prefix scan needs of its finder, read from the finder's
    /// syntax tree when the rules load (or at build time); the tree itself is made again if the
    /// finder is ever compiled (few are, see [`Search::propose`]).
    shape: Shape,
    /// The longest a match can be, in bytes, when bounded.
    max_len: Option<usize>,
    /// Where a match may start (see the module's documentation), compiled
    /// on the first text that needs it: a finder whose starts the prefix
    /// scan lists is only asked when the pattern has no probe.
    finder: OnceLock<Result<Regex, String>>,
    /// The names of the capture groups, in order.
    names: Vec<String>,
}

/// The pattern as written and relaxed (see the module's documentation).
#[derive(Debug)]
struct Trees {
    hir: Hir,
    relaxed: Hir,
}

impl Trees {
    fn of(source: &str) -> Result<Trees, String> {
        let hir = parse(source)?;
        let relaxed = relax(&hir);
        Ok(Trees { hir, relaxed })
    }
}

/// What loading a pattern works out of its syntax, all the rules need until
/// a text proposes the pattern: the built-in rules' facts are worked out at
/// build time (`prepared.rs`), so that their patterns are parsed only when
/// used.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Facts {
    shape: Shape,
    names: Vec<String>,
    max_len: Option<usize>,
}

/// A match: its byte range and the byte range of each named group that took
/// part, in the pattern's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'p> {
    /// The whole match.
    pub range: Range<usize>,
    /// `(name, range)` of each named group that matched.
    pub groups: Vec<(&'p str, Range<usize>)>,
}

impl Pattern {
    /// Compiles `source` (flags inline, regex crate syntax).
    pub fn new(source: &str) -> Result<Pattern, String> {
        Pattern::sharing(source, &Literals::default())
    }

    /// Compiles `source` as [`Pattern::new`] does, with the literals of
    /// sub-patterns `known` from the patterns compiled before (or at the
    /// same time) and kept for the next.
    pub fn sharing(source: &str, known: &Literals) -> Result<Pattern, String> {
        let trees = Trees::of(source)?;
        let facts = Facts {
            names: capture_names(&trees.hir),
            max_len: trees.hir.properties().maximum_len(),
            shape: Shape::of(&head(&trees.relaxed), &trees.relaxed, &trees.hir, known),
        };
        let pattern = Pattern::with_facts(source, facts);
        pattern
            .trees
            .set(trees)
            .expect("a new pattern has no trees yet");
        Ok(pattern)
    }

    /// The pattern `source`, whose `facts` were worked out when it compiled
    /// before (at build time): it is parsed on the first text that needs
    /// it. `facts` must be those of `source`.
    pub fn with_facts(source: &str, facts: Facts) -> Pattern {
        Pattern {
            source: source.to_string(),
            strict: OnceLock::new(),
            probe: OnceLock::new(),
            probe_caches: Mutex::new(Vec::new()),
            scanner: OnceLock::new(),
            names: facts.names,
            max_len: facts.max_len,
            shape: facts.shape,
            trees: OnceLock::new(),
            finder: OnceLock::new(),
        }
    }

    /// What loading it worked out of its syntax, to be given to
    /// [`Pattern::with_facts`] later.
    pub fn facts(&self) -> Facts {
        Facts {
            shape: self.shape.clone(),
            names: self.names.clone(),
            max_len: self.max_len,
        }
    }

    fn trees(&self) -> &Trees {
        self.trees.get_or_init(|| match Trees::of(&self.source) {
            Ok(trees) => trees,
            // facts come from a pattern that parsed (`with_facts`)
            Err(e) => panic!("pattern `{}` parsed before, not now: {e}", self.source),
        })
    }

    /// Compiles the pattern as written and its finder if they are not yet:
    /// `ctg rules check` does it for every pattern, so that a pattern too
    /// large to compile is reported there rather than on the first document
    /// that needs it.
    pub fn compiled(&self) -> Result<&Regex, String> {
        self.compiled_finder()?;
        self.compiled_strict()
    }

    /// The pattern as written, compiled on its first use; its finder is
    /// not compiled with it: a document only asks for the finder of a
    /// pattern that has no probe or whose starts the prefix scan does not
    /// list, and compiling it beside every pattern a document tried (with
    /// a reverse automaton for its unanchored search) was 7% of the
    /// instructions of a one-file run.
    fn compiled_strict(&self) -> Result<&Regex, String> {
        self.strict
            .get_or_init(|| {
                // it only runs anchored, where the finder proposes: no
                // prefilter, and no lazy DFA nor full DFA, either of which
                // compiles a reverse automaton as large as the pattern's
                // (the full DFA is only built for the smallest patterns,
                // but the reverse automaton was compiled for every pattern:
                // a third of compiling the pattern as written); the one-pass
                // DFA, when the pattern is one-pass, is the fastest anchored
                // engine with captures (and it knows Unicode `\b`)
                meta::Builder::new()
                    .configure(config().hybrid(false).dfa(false).auto_prefilter(false))
                    .build_from_hir(&self.trees().hir)
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn compiled_finder(&self) -> Result<&Regex, String> {
        self.finder
            .get_or_init(|| {
                meta::Builder::new()
                    .configure(
                        config()
                            .which_captures(WhichCaptures::Implicit)
                            .onepass(false),
                    )
                    .build_from_hir(&self.finder())
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The finder compiled; as [`Pattern::strict`], a finder that does not
    /// compile (it is smaller than the pattern as written) fails the document.
    fn finder_regex(&self) -> &Regex {
        match self.compiled_finder() {
            Ok(regex) => regex,
            Err(e) => panic!("the finder of `{}` does not compile: {e}", self.source),
        }
    }

    fn strict(&self) -> &Regex {
        match self.compiled_strict() {
            Ok(regex) => regex,
            // the document gets an internal error; `ctg rules check` names the rule
            Err(e) => panic!("pattern `{}` does not compile: {e}", self.source),
        }
    }

    /// Its finder: the pattern relaxed and cut to its head (see the module's
    /// documentation).
    fn finder(&self) -> Hir {
        head(&self.trees().relaxed)
    }

    /// What the prefix scan needs to know of its finder (`scan.rs`).
    pub fn shape(&self) -> &Shape {
        &self.shape
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The names of its capture groups, in order.
    pub fn capture_names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    /// Whether it matches somewhere in `haystack`.
    pub fn is_match(&self, haystack: &str) -> bool {
        self.captures_at(haystack, 0).is_some()
    }

    /// The leftmost match starting at byte `at` or later, read with the text
    /// before `at` as context (for `\b` and `^`).
    pub fn captures_at(&self, haystack: &str, at: usize) -> Option<Found<'_>> {
        self.search(haystack, None).next_at(at)
    }

    /// A search for successive matches in `haystack`, which keeps count of
    /// the work done on it (see the module's documentation).
    /// With `candidates` (places in `haystack`, ascending, among which are
    /// all the finder's starts, as `scan.rs` finds them), the finder's starts
    /// are looked for among them, the finder checked anchored at each,
    /// instead of by its own search.
    pub fn search<'p, 'h>(
        &'p self,
        haystack: &'h str,
        candidates: Option<&'h [u32]>,
    ) -> Search<'p, 'h> {
        Search {
            pattern: self,
            haystack,
            candidates,
            next_candidate: 0,
            caps: None,
            cache: None,
            work: 0,
            budget: work_budget(haystack.len()),
            scanning: false,
        }
    }

    /// Every place in `haystack` where its finder matches, ascending: the
    /// starts [`Search`] proposes when it searches with the finder, one after
    /// the other (the leftmost start at or after a place is the first of
    /// these there), found once for the patterns that share the finder.
    pub fn finder_starts(&self, haystack: &str) -> Vec<u32> {
        let finder = self.finder_regex();
        let mut starts = Vec::new();
        let mut from = 0;
        while from <= haystack.len() {
            let Some(found) = finder.find(Input::new(haystack).range(from..)) else {
                break;
            };
            crate::budget::check();
            let start = found.start();
            starts
                .push(u32::try_from(start).expect("a text is under --max-bytes, far below 4 GiB"));
            from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
        }
        starts
    }

    fn probe(&self) -> Option<&DFA> {
        self.probe
            .get_or_init(|| probe_dfa(&[self.probe_tree()], DFA_CACHE))
            .as_ref()
    }

    /// What its probe matches: the pattern relaxed and loosened (see
    /// [`Search::probe`]).
    pub(super) fn probe_tree(&self) -> Hir {
        loosen(&self.trees().relaxed)
    }

    /// The longest a match can be, in bytes, when bounded.
    pub(super) fn max_len(&self) -> Option<usize> {
        self.max_len
    }

    /// The regex for unanchored searches; the pattern as written (which
    /// searches unanchored too, only slower) if the faster engines do not fit
    /// in the size limits.
    fn scanner(&self) -> &Regex {
        let scanner = self.scanner.get_or_init(|| {
            meta::Builder::new()
                .configure(config())
                .build_from_hir(&self.trees().hir)
                .map_err(|e| e.to_string())
        });
        match scanner {
            Ok(regex) => regex,
            Err(_) => self.strict(),
        }
    }

    fn found<'a>(&'a self, regex: &'a Regex, caps: &Captures) -> Option<Found<'a>> {
        let range = caps.get_match()?.range();
        let groups = regex
            .group_info()
            .pattern_names(PatternID::ZERO)
            .enumerate()
            .filter_map(|(index, name)| Some((name?, caps.get_group(index)?.range())))
            .collect();
        Some(Found { range, groups })
    }
}

/// Successive searches of one pattern in one text (see the module's
/// documentation): the anchored attempts are counted, and past the budget
/// the rest of the text is searched unanchored.
pub struct Search<'p, 'h> {
    pattern: &'p Pattern,
    haystack: &'h str,
    /// Places among which are all the finder's starts, ascending.
    candidates: Option<&'h [u32]>,
    /// The first candidate not yet passed: successive proposals go forward,
    /// and a binary search at each of millions of them was a twentieth of
    /// a run.
    next_candidate: usize,
    /// Captures of the pattern as written, made on the first attempt.
    caps: Option<Captures>,
    /// The probe's cache, made on the first proposal.
    cache: Option<lazy::Cache>,
    /// Bytes the anchored attempts could read so far.
    work: usize,
    budget: usize,
    scanning: bool,
}

impl Drop for Search<'_, '_> {
    /// Gives the probe's cache back to the pattern, for the next text.
    fn drop(&mut self) {
        if let (Some(cache), Ok(mut caches)) = (self.cache.take(), self.pattern.probe_caches.lock())
        {
            caches.push(cache);
        }
    }
}

impl<'p> Search<'p, '_> {
    /// The leftmost match starting at byte `at` or later, read with the text
    /// before `at` as context (for `\b` and `^`).
    pub fn next_at(&mut self, at: usize) -> Option<Found<'p>> {
        let haystack = self.haystack;
        let mut from = at;
        while from <= haystack.len() && !self.scanning {
            let start = self.propose(from)?;
            crate::budget::check();
            // a pattern's matches end by its longest match: the probe reads
            // no further
            let until = (self.pattern.max_len).map(|max| start.saturating_add(max));
            let (reach, may_match) = self.probe(start, until);
            self.work = self.work.saturating_add(reach - start + 1);
            if may_match {
                let strict = self.pattern.strict();
                let caps = self.caps.get_or_insert_with(|| strict.create_captures());
                // a match cannot reach further than the probe read (every
                // match of the pattern is one of the probe's, which all end
                // by then), nor than the pattern's longest match: a shorter
                // span lets the bounded backtracker run instead of the
                // PikeVM, and the backtracker clears a table of (state,
                // byte) pairs as large as the span at each attempt, which
                // for a pattern such as a date with its number words was
                // most of the attempt (what lies beyond is still read for
                // `\b` and `$`)
                let longest =
                    (self.pattern.max_len).map_or(haystack.len(), |max| start.saturating_add(max));
                let mut end = reach.min(longest);
                while !haystack.is_char_boundary(end) {
                    end += 1;
                }
                let anchored = Input::new(haystack)
                    .range(start..end)
                    .anchored(Anchored::Yes);
                strict.search_captures(&anchored, caps);
                if caps.is_match() {
                    return self.pattern.found(strict, caps);
                }
            }
            from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
            self.scanning = self.work > self.budget;
        }
        if !self.scanning || from > haystack.len() {
            return None;
        }
        let scanner = self.pattern.scanner();
        let mut caps = scanner.create_captures();
        scanner.search_captures(&Input::new(haystack).range(from..), &mut caps);
        self.pattern.found(scanner, &caps)
    }

    /// The first start at `from` or later where the finder matches: found
    /// by the finder's own search; or the first candidate, which the probe
    /// then checks (it matches less than the finder: a proposal it refuses
    /// is not tried); or, when the pattern has no probe, the first candidate
    /// where the finder matches anchored.
    ///
    /// Checking each candidate with the finder first was a fifth of a run:
    /// the probe read the same bytes again at every candidate the finder let
    /// through, and the candidates it refused cost a finder's search each.
    fn propose(&mut self, from: usize) -> Option<usize> {
        let haystack = self.haystack;
        match self.candidates {
            None => Some(
                self.pattern
                    .finder_regex()
                    .find(Input::new(haystack).range(from..))?
                    .start(),
            ),
            Some(candidates) => {
                let mut first = self.next_candidate;
                if first > 0 && candidates[first - 1] as usize >= from {
                    // asked again before a place already passed
                    first = candidates[..first].partition_point(|&start| (start as usize) < from);
                }
                while candidates
                    .get(first)
                    .is_some_and(|&start| (start as usize) < from)
                {
                    first += 1;
                }
                self.next_candidate = first;
                let mut left = candidates[first..].iter().map(|&start| start as usize);
                // no candidate left, nothing to compile: most patterns have
                // no candidate in a short text
                let next = left.next()?;
                if self.pattern.probe().is_some() {
                    return Some(next);
                }
                std::iter::once(next).chain(left).find(|&start| {
                    let anchored = Input::new(haystack).range(start..).anchored(Anchored::Yes);
                    self.pattern.finder_regex().is_match(anchored)
                })
            }
        }
    }

    /// How far an anchored attempt at `start` could read (the byte where the
    /// probe's every thread has died, or the end of the text), and whether it
    /// could match. The probe matches a superset of the pattern's texts, and
    /// reports every match (`MatchKind::All`), so it drops no thread the
    /// pattern would follow. When it cannot answer (no probe, or its cache
    /// is exhausted) the answer is the safe one: the whole text, maybe.
    ///
    /// With `until`, the byte where every match of the pattern has ended (a
    /// pattern of bounded matches), it stops there: a match of the pattern
    /// is one of the probe's, seen by then. It once stopped at the first
    /// match it saw, and the attempt then read the pattern's longest match
    /// (see [`Search::next_at`]).
    pub(super) fn probe(&mut self, start: usize, until: Option<usize>) -> (usize, bool) {
        let unknown = (self.haystack.len(), true);
        let Some(dfa) = self.pattern.probe() else {
            return unknown;
        };
        let cache = self.cache.get_or_insert_with(|| {
            let given_back = self
                .pattern
                .probe_caches
                .lock()
                .ok()
                .and_then(|mut c| c.pop());
            given_back.unwrap_or_else(|| dfa.create_cache())
        });
        let mut matched = false;
        match read_probe(dfa, cache, self.haystack, start, until, |_, _, _| {
            matched = true;
        }) {
            Some(reach) => (reach, matched),
            None => unknown,
        }
    }
}

/// The lazy DFA of a probe matching any of `trees` (pattern `i` of the DFA is
/// `trees[i]`), reporting every match, or `None` if it cannot be built.
pub(super) fn probe_dfa(trees: &[Hir], cache_capacity: usize) -> Option<DFA> {
    let nfa = thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .nfa_size_limit(Some(NFA_SIZE_LIMIT))
                .which_captures(WhichCaptures::None),
        )
        .build_many_from_hir(trees)
        .ok()?;
    DFA::builder()
        .configure(
            DFA::config()
                .match_kind(MatchKind::All)
                .cache_capacity(cache_capacity),
        )
        .build_from_nfa(nfa)
        .ok()
}

/// Reads `haystack` with the probe `dfa` anchored at `start` until every
/// thread has died, the text ends or, with `until`, byte `until` is read (see
/// [`Search::probe`]), and calls `matched` with each match state met (a
/// state that tells of matches ending one byte before it, or at the end of
/// the text). Gives the byte where it stopped, or `None` when the DFA
/// cannot tell (its cache exhausted, or a byte it quits on).
pub(super) fn read_probe(
    dfa: &DFA,
    cache: &mut lazy::Cache,
    haystack: &str,
    start: usize,
    until: Option<usize>,
    mut matched: impl FnMut(&DFA, &lazy::Cache, LazyStateID),
) -> Option<usize> {
    let input = Input::new(haystack).range(start..).anchored(Anchored::Yes);
    let mut state = dfa.start_state_forward(cache, &input).ok()?;
    let bytes = haystack.as_bytes();
    // the state after byte `at` tells of matches ending at `at`: the last
    // byte to read is `until`, if the text goes on past it
    let last = until.filter(|&end| end < bytes.len());
    let stop = last.map_or(bytes.len(), |end| end + 1);
    for (at, &byte) in (start..).zip(&bytes[start.min(stop)..stop]) {
        // most transitions are between untagged states and already built:
        // one table look-up, where `next_state` checked and wrapped each (a
        // sixth of a run's instructions were this loop)
        let fast = match state.is_tagged() {
            false => dfa.next_state_untagged(cache, state, byte),
            true => state,
        };
        state = match state.is_tagged() || fast.is_unknown() {
            false => fast,
            true => dfa.next_state(cache, state, byte).ok()?,
        };
        if state.is_tagged() {
            if state.is_quit() {
                return None;
            }
            // match states are delayed by one byte: a match ends at `at`
            if state.is_match() {
                matched(dfa, cache, state);
            }
            if state.is_dead() {
                return Some(at);
            }
        }
    }
    if let Some(end) = last {
        return Some(end);
    }
    let end = dfa.next_eoi_state(cache, state).ok()?;
    if end.is_match() {
        matched(dfa, cache, end);
    }
    Some(haystack.len())
}

/// The bytes the anchored attempts of one search of a text of `len` bytes
/// may read before it searches the rest unanchored (see the module's
/// documentation).
pub(super) fn work_budget(len: usize) -> usize {
    len.saturating_mul(WORK_PER_BYTE).saturating_add(WORK_SLACK)
}

/// The names of the capture groups of `hir`, in the order they open.
fn capture_names(hir: &Hir) -> Vec<String> {
    let mut names = Vec::new();
    let mut stack = vec![hir];
    while let Some(h) = stack.pop() {
        match h.kind() {
            HirKind::Capture(capture) => {
                names.extend(
                    capture
                        .name
                        .as_deref()
                        .map(|n| (capture.index, n.to_string())),
                );
                stack.push(&capture.sub);
            }
            HirKind::Concat(subs) | HirKind::Alternation(subs) => stack.extend(subs.iter().rev()),
            HirKind::Repetition(rep) => stack.push(&rep.sub),
            HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {}
        }
    }
    names.sort();
    names.into_iter().map(|(_, name)| name).collect()
}

fn config() -> meta::Config {
    meta::Config::new()
        .nfa_size_limit(Some(NFA_SIZE_LIMIT))
        .hybrid_cache_capacity(DFA_CACHE)
}

/// `hir` with every Unicode word-boundary assertion replaced by the empty
/// pattern, every group made non-capturing and every large class widened
/// (see [`widen`]).
fn relax(hir: &Hir) -> Hir {
    relaxed(hir).unwrap_or_else(|| hir.clone())
}

/// What [`relax`] makes of `hir`, or `None` when it leaves it as it is. A
/// part that relaxing does not change (a table of words without `\b`, most
/// of a pattern) is copied once, by the first part above it that changes,
/// rather than rebuilt node by node through the regex crate's constructors,
/// each of which allocates and works out its node's properties again:
/// relaxing and then loosening the patterns were a seventh of the
/// instructions of a one-file run. The tree is the same (the constructors
/// leave a tree they made as it is; a test compares the two on every
/// built-in pattern).
fn relaxed(hir: &Hir) -> Option<Hir> {
    match hir.kind() {
        HirKind::Look(look) if is_unicode_word_look(*look) => Some(Hir::empty()),
        HirKind::Class(hir::Class::Unicode(class)) => {
            widen(class).map(|wide| Hir::class(hir::Class::Unicode(wide)))
        }
        HirKind::Concat(subs) => rebuilt(subs, relaxed).map(Hir::concat),
        HirKind::Alternation(subs) => rebuilt(subs, relaxed).map(Hir::alternation),
        HirKind::Repetition(rep) => relaxed(&rep.sub).map(|sub| {
            Hir::repetition(hir::Repetition {
                min: rep.min,
                max: rep.max,
                greedy: rep.greedy,
                sub: Box::new(sub),
            })
        }),
        HirKind::Capture(capture) => Some(relax(&capture.sub)),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => None,
    }
}

/// `subs` each changed by `change` (a part it leaves as it is, copied), or
/// `None` when it changes none of them.
fn rebuilt(subs: &[Hir], change: fn(&Hir) -> Option<Hir>) -> Option<Vec<Hir>> {
    let changed: Vec<Option<Hir>> = subs.iter().map(change).collect();
    if changed.iter().all(Option::is_none) {
        return None;
    }
    let parts = (changed.into_iter().zip(subs))
        .map(|(part, sub)| part.unwrap_or_else(|| sub.clone()))
        .collect();
    Some(parts)
}

/// `hir` with every long counted repetition made unbounded, for the probe:
/// `[^\n.«»;]{0,150}` becomes `[^\n.«»;]*`.
///
/// The probe reports every match (`MatchKind::All`), so its lazy DFA keeps
/// apart every count a repetition has reached: the text `Les
/// conventions ...` read by `^[^\n.«»;]{0,150}(?i:convention)` gave a new
/// state at every byte, crossed with the words partly read, more than its
/// cache holds, so the states were built again at each proposal (about 20
/// microseconds a proposal for that rule; 5 for the signing dates'
/// `(?:[^.!?;\n\f]|\n[^.!?;\n\f]){0,250}?`). Unbounded, the repetition is one
/// state. The pattern loosened matches more texts, so the probe still
/// refuses only proposals where the pattern cannot match, and it dies no
/// earlier than the pattern's attempt can read; it may die later (at the
/// end of the sentence rather than 250 characters on), which only counts
/// more work against the budget: the linear bound holds.
fn loosen(hir: &Hir) -> Hir {
    loosened(hir).unwrap_or_else(|| hir.clone())
}

/// What [`loosen`] makes of `hir`, or `None` when it leaves it as it is
/// (see [`relaxed`]).
fn loosened(hir: &Hir) -> Option<Hir> {
    match hir.kind() {
        HirKind::Repetition(rep) => {
            let long = rep.max.is_some_and(|max| max > LONG_REPEAT);
            let sub = loosened(&rep.sub);
            if !long && sub.is_none() {
                return None;
            }
            Some(Hir::repetition(hir::Repetition {
                min: rep.min,
                max: rep.max.filter(|&max| max <= LONG_REPEAT),
                greedy: rep.greedy,
                sub: Box::new(sub.unwrap_or_else(|| (*rep.sub).clone())),
            }))
        }
        HirKind::Concat(subs) => rebuilt(subs, loosened).map(Hir::concat),
        HirKind::Alternation(subs) => rebuilt(subs, loosened).map(Hir::alternation),
        HirKind::Capture(capture) => Some(loosen(&capture.sub)),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => None,
    }
}

/// A class with many ranges beyond Latin-1 (`\p{Lu}`, `\w`, a case-folded
/// `\p{L}`) compiled into hundreds of UTF-8 states, and most of a finder's
/// compile time went there. Widened, it keeps its exact Latin-1 part and takes
/// every code point above U+00FF, a range of a few states. The finder only
/// has to match a superset of the pattern, so this changes no match: at worst
/// a non-Latin letter or a typographic sign makes the finder propose a start
/// the pattern then refuses. A class with few ranges beyond Latin-1 (`['’]`)
/// stays as it is (`None`), so that it stays selective.
///
/// Nor is a class of white space (`\s`, `[^\S\n]`) widened, although it has
/// a dozen ranges beyond Latin-1: they are single code points, a few states,
/// and widened it would no longer be white space, which [`bounded`] keeps in
/// a finder. It was widened once: the finder of `(?:le\s+)?\d+` then ended
/// at the first `\s+` as an unbounded repetition, so the optional group became
/// empty, and the finder of a date, of a name with an optional title, of
/// `\b(?:(?:animation\s+de\s+la\s+)?vie\s+sociale|...)` matched the empty
/// text: each proposed every byte of every document to its probe, which
/// refused nearly all of them (half of a run's CPU time).
fn widen(class: &hir::ClassUnicode) -> Option<hir::ClassUnicode> {
    let beyond = class.ranges().iter().filter(|r| r.end() > LATIN1).count();
    let white = class
        .ranges()
        .iter()
        .all(|r| (r.start()..=r.end()).all(char::is_whitespace));
    if beyond <= WIDEN_ABOVE || white {
        return None;
    }
    let mut wide = class.clone();
    wide.intersect(&hir::ClassUnicode::new([hir::ClassUnicodeRange::new(
        '\0', LATIN1,
    )]));
    wide.union(&hir::ClassUnicode::new([hir::ClassUnicodeRange::new(
        '\u{100}',
        char::MAX,
    )]));
    Some(wide)
}

/// The head of `hir`: a concatenation cut before its first long counted
/// repetition, once the part kept is long enough to be selective; through
/// alternations, branch by branch; and cut at its first unbounded repetition
/// (see [`bounded`]).
fn head(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(head).collect()),
        HirKind::Concat(subs) => {
            let mut kept: Vec<Hir> = Vec::new();
            // the shortest match of the part kept, as that of its
            // concatenation (summed as it grows: building the concatenation
            // at each step took time quadratic in its length)
            let mut kept_len = Some(0usize);
            for sub in subs {
                let selective = kept_len.is_some_and(|n| n >= MIN_HEAD);
                if selective && has_long_repeat(sub) {
                    break;
                }
                let (part, cut) = bounded(sub);
                kept_len = kept_len
                    .zip(part.properties().minimum_len())
                    .map(|(a, b)| a.saturating_add(b));
                kept.push(part);
                if cut {
                    break;
                }
            }
            Hir::concat(kept)
        }
        _ => bounded(hir).0,
    }
}

/// `hir` cut at its first unbounded repetition, of which it keeps the copies
/// a match needs (`X+` -> `X`, `X*` -> nothing), and whether it was cut
/// (nothing after it may then be kept). Every match of `hir` begins with a
/// match of the result, so the finder still proposes every start; and a
/// finder's match is now bounded in length. It was not: the finder of
/// `\b(?i:à|au)\s+{place_name}` matched "au" in "Moreau" and then a whole
/// text of capitalized names, and as the search goes on one character
/// after a refused start, a text of names took time quadratic in its length.
///
/// Repetitions of white space alone stay: normalized text has no run of
/// more than a few white-space characters, and `\s+` between two words is
/// what keeps a finder selective.
fn bounded(hir: &Hir) -> (Hir, bool) {
    match cut(hir) {
        Some(part) => (part, true),
        None => (uncut(hir), false),
    }
}

/// What [`bounded`] keeps of `hir` when nothing in it is cut: `hir` itself
/// (a group stripped).
fn uncut(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Capture(capture) => uncut(&capture.sub),
        _ => hir.clone(),
    }
}

/// What [`bounded`] keeps of `hir` when it is cut, or `None`. The parts of
/// a concatenation or an alternation are only copied when something in it
/// is cut: copied at every level and then dropped, the whole tree was
/// copied once per level of its depth.
fn cut(hir: &Hir) -> Option<Hir> {
    match hir.kind() {
        HirKind::Repetition(rep) if rep.max.is_none() && !is_white_space(&rep.sub) => {
            if rep.min == 0 {
                return Some(Hir::empty());
            }
            Some(cut(&rep.sub).unwrap_or_else(|| {
                Hir::repetition(hir::Repetition {
                    min: rep.min,
                    max: Some(rep.min),
                    greedy: rep.greedy,
                    sub: rep.sub.clone(),
                })
            }))
        }
        HirKind::Repetition(rep) => {
            let sub = cut(&rep.sub)?;
            Some(if rep.min == 0 { Hir::empty() } else { sub })
        }
        HirKind::Concat(subs) => subs.iter().enumerate().find_map(|(i, sub)| {
            let part = cut(sub)?;
            let mut kept: Vec<Hir> = subs[..i].iter().map(uncut).collect();
            kept.push(part);
            Some(Hir::concat(kept))
        }),
        HirKind::Alternation(subs) => {
            let parts: Vec<Option<Hir>> = subs.iter().map(cut).collect();
            if parts.iter().all(Option::is_none) {
                return None;
            }
            let parts = (parts.into_iter().zip(subs))
                .map(|(part, sub)| part.unwrap_or_else(|| uncut(sub)))
                .collect();
            Some(Hir::alternation(parts))
        }
        HirKind::Capture(capture) => cut(&capture.sub),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => None,
    }
}

fn has_long_repeat(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Repetition(rep) => {
            rep.max.is_some_and(|max| max > LONG_REPEAT) || has_long_repeat(&rep.sub)
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(has_long_repeat),
        HirKind::Capture(capture) => has_long_repeat(&capture.sub),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => false,
    }
}

fn is_unicode_word_look(look: Look) -> bool {
    matches!(
        look,
        Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::util::syntax;

    /// The head as first written, building each concatenation whole and
    /// copying every tree it did not cut: the faster one must give the same.
    fn head_as_written(hir: &Hir) -> Hir {
        match hir.kind() {
            HirKind::Alternation(subs) => {
                Hir::alternation(subs.iter().map(head_as_written).collect())
            }
            HirKind::Concat(subs) => {
                let mut kept: Vec<Hir> = Vec::new();
                for sub in subs {
                    let selective = Hir::concat(kept.clone())
                        .properties()
                        .minimum_len()
                        .is_some_and(|n| n >= MIN_HEAD);
                    if selective && has_long_repeat(sub) {
                        break;
                    }
                    let (part, cut) = bounded_as_written(sub);
                    kept.push(part);
                    if cut {
                        break;
                    }
                }
                Hir::concat(kept)
            }
            _ => bounded_as_written(hir).0,
        }
    }

    fn bounded_as_written(hir: &Hir) -> (Hir, bool) {
        match hir.kind() {
            HirKind::Repetition(rep) if rep.max.is_none() && !is_white_space(&rep.sub) => {
                let (sub, cut) = bounded_as_written(&rep.sub);
                if rep.min == 0 {
                    (Hir::empty(), true)
                } else if cut {
                    (sub, true)
                } else {
                    let needed = hir::Repetition {
                        min: rep.min,
                        max: Some(rep.min),
                        greedy: rep.greedy,
                        sub: rep.sub.clone(),
                    };
                    (Hir::repetition(needed), true)
                }
            }
            HirKind::Repetition(rep) => match bounded_as_written(&rep.sub) {
                (_, true) if rep.min == 0 => (Hir::empty(), true),
                (sub, true) => (sub, true),
                (_, false) => (hir.clone(), false),
            },
            HirKind::Concat(subs) => {
                let mut kept = Vec::new();
                for sub in subs {
                    let (part, cut) = bounded_as_written(sub);
                    kept.push(part);
                    if cut {
                        return (Hir::concat(kept), true);
                    }
                }
                (hir.clone(), false)
            }
            HirKind::Alternation(subs) => {
                let parts: Vec<(Hir, bool)> = subs.iter().map(bounded_as_written).collect();
                if parts.iter().any(|(_, cut)| *cut) {
                    (
                        Hir::alternation(parts.into_iter().map(|(h, _)| h).collect()),
                        true,
                    )
                } else {
                    (hir.clone(), false)
                }
            }
            HirKind::Capture(capture) => bounded_as_written(&capture.sub),
            HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {
                (hir.clone(), false)
            }
        }
    }

    #[test]
    fn every_builtin_finder_is_the_head_as_first_written() {
        let rules = crate::rules::RuleSet::load(None).expect("built-in rules load");
        for pattern in rules.rules().iter().flat_map(|rule| &rule.regexes) {
            assert_eq!(
                pattern.finder(),
                head_as_written(&pattern.trees().relaxed),
                "{}",
                pattern.as_str()
            );
            // with its groups, as the pattern as written has them
            let hir = syntax::parse(pattern.as_str()).expect("parses");
            assert_eq!(head(&hir), head_as_written(&hir), "{}", pattern.as_str());
        }
    }

    /// Every match of `pattern` in `haystack` the way `RuleSet::find` walks
    /// them (one search, resumed after each match), as `(start, end)`.
    fn walk(pattern: &str, haystack: &str) -> Vec<(usize, usize)> {
        walk_with(pattern, haystack, None)
    }

    /// The same walk with no budget for anchored attempts: every match after
    /// the first proposal comes from the unanchored search.
    fn walk_unanchored(pattern: &str, haystack: &str) -> Vec<(usize, usize)> {
        walk_with(pattern, haystack, Some(0))
    }

    fn walk_with(pattern: &str, haystack: &str, budget: Option<usize>) -> Vec<(usize, usize)> {
        let p = Pattern::new(pattern).expect("compiles");
        walk_candidates(&p, haystack, None, budget)
    }

    /// The walk of `p` among `candidates`, or with its own finder.
    fn walk_candidates(
        p: &Pattern,
        haystack: &str,
        candidates: Option<&[u32]>,
        budget: Option<usize>,
    ) -> Vec<(usize, usize)> {
        let mut search = p.search(haystack, candidates);
        if let Some(budget) = budget {
            search.budget = budget;
        }
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(found) = (at <= haystack.len()).then(|| search.next_at(at)).flatten() {
            out.push((found.range.start, found.range.end));
            at = if found.range.end > found.range.start {
                found.range.end
            } else {
                found.range.end + 1
            };
        }
        out
    }

    fn plain(pattern: &str, haystack: &str) -> Vec<(usize, usize)> {
        regex::Regex::new(pattern)
            .expect("compiles")
            .find_iter(haystack)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    #[test]
    fn same_matches_as_the_regex_crate_next_to_accented_letters() {
        let text = "Signée à compter du 1er mai, la désignation du maïs; leçon: le Maire \
                    élu, l'été; mai 2024 et « mai ».";
        for pattern in [
            r"\bà compter\b",
            r"(?i)\bmai\b",
            r"\ble\b",
            r"\bsign\w*",
            r"(?i)\b(?:élu|été)\b",
            r"\b\w+\b",
            r"\Bign",
            r"x?",
        ] {
            assert_eq!(walk(pattern, text), plain(pattern, text), "{pattern}");
            assert_eq!(
                walk_unanchored(pattern, text),
                plain(pattern, text),
                "{pattern}"
            );
        }
    }

    #[test]
    fn leftmost_first_priority_is_kept_at_one_start() {
        // both alternatives start at the same place: the first one wins, as in
        // the regex crate, even where the relaxed form would prefer another
        let text = "Le maire délégué signe.";
        let pattern = r"(?i)\bmaire\b|\bmaire délégué\b";
        assert_eq!(walk(pattern, text), plain(pattern, text));
    }

    #[test]
    fn captures_and_context_before_the_start() {
        let p = Pattern::new(r"\b(?P<day>[0-9]{1,2}) (?P<month>mai)\b").expect("compiles");
        let text = "é12 mai, 3 mai";
        // "12" is glued to a letter: no boundary before it
        let found = p.captures_at(text, 2).expect("a match");
        assert_eq!(&text[found.range.clone()], "3 mai");
        let names: Vec<&str> = found.groups.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["day", "month"]);
        assert_eq!(&text[found.groups[0].1.clone()], "3");
    }

    #[test]
    fn long_counted_repetitions_are_cut_from_the_finder() {
        let text = "Entre :\nla Caf de l'Ain\net la commune de Bourg\nIl est convenu ce qui suit.";
        for pattern in [
            r"(?s)Entre\s*:\s*\n.{10,6000}?Il est convenu",
            r"(?s)Entre\s*:\s*\n.{10,20}?Il est convenu",
            r"(?P<w>[a-z]+)(?:[^.\n]|\n[^.\n]){0,220}",
            r"\b(?:la|le)\b[^.]{0,100}\bcommune\b",
        ] {
            assert_eq!(walk(pattern, text), plain(pattern, text), "{pattern}");
            assert_eq!(
                walk_unanchored(pattern, text),
                plain(pattern, text),
                "{pattern}"
            );
        }
    }

    #[test]
    fn widened_classes_keep_the_matches_beyond_latin1() {
        let text = "Œuvre de Ζωή Ωmega, l’Église d’Ålesund; ДМИТРИЙ Иванов — Łódź \
                    et Ærø… Saint-Ouen-l’Aumône, ǅemal Ǆ.";
        for pattern in [
            r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*",
            r"(?i)\bd[’']\p{L}+",
            r"[\p{Lu}][\p{L}'’-]*",
            r"\b\w+\b",
            r"(?-i:\p{Lu}{2,})",
        ] {
            assert_eq!(walk(pattern, text), plain(pattern, text), "{pattern}");
        }
    }

    #[test]
    fn an_optional_group_with_white_space_stays_in_the_finder() {
        // `\s` widened was no longer white space: the finder ended at the
        // first `\s+`, the optional group became empty, and so did the
        // finder, which then proposed every byte of every text
        for pattern in [
            r"(?:(?:lundi|mardi)\s+)?[0-9]{1,2}\s+mai",
            r"(?:(?:M\.|Mme)\s+)?\p{Lu}\p{Ll}+",
            r"\b(?:(?:animation\s+de\s+la\s+)?vie\s+sociale|EVS)\b",
        ] {
            let p = Pattern::new(pattern).expect("compiles");
            assert!(
                p.finder().properties().minimum_len().unwrap_or(0) > 0,
                "{pattern}: {}",
                p.finder()
            );
        }
        let text = "Le lundi 3 mai, Mme Dupont et M. Roy; la vie  sociale, l'EVS.";
        for pattern in [
            r"(?:(?:lundi|mardi)\s+)?[0-9]{1,2}\s+mai",
            r"(?:(?:M\.|Mme)\s+)?\p{Lu}\p{Ll}+",
        ] {
            assert_eq!(walk(pattern, text), plain(pattern, text), "{pattern}");
        }
    }

    #[test]
    fn the_probe_loosens_long_counted_repetitions() {
        let loose =
            loosen(&syntax::parse(r"(?m)^[^\n.]{0,150}x(?s:.{0,200})y{2,20}z{1,3}").unwrap());
        assert_eq!(
            loose.to_string(),
            syntax::parse(r"(?m)^[^\n.]*x(?s:.*)y{2,}z{1,3}")
                .unwrap()
                .to_string()
        );
        let text = "La convention.\nLes conventions; CTG\nconvention signée\nsignée\nle 3; signée et close le 4.";
        for pattern in [
            r"(?m)^[^\n.«»;]{0,150}(?i:convention|\bCTG\b)[^\n.«»;]{0,150}$",
            r"(?m)^[^\n.«»;]{0,5}(?i:convention)",
            r"(?i)sign\w*(?:[^.!?;\n\f]|\n[^.!?;\n\f]){0,20}?\ble\s+[0-9]+",
            // short matches: the probe stops where they all end
            r"(?i)sign[a-zé]{0,3}(?:[^.!?;\n\f]|\n[^.!?;\n\f]){0,20}?\ble\s+[0-9]{1,2}",
        ] {
            assert_eq!(walk(pattern, text), plain(pattern, text), "{pattern}");
        }
    }

    /// [`relax`] and [`loosen`] as they were, rebuilding every node through
    /// the regex crate's constructors.
    fn relax_node_by_node(hir: &Hir) -> Hir {
        match hir.kind() {
            HirKind::Look(look) if is_unicode_word_look(*look) => Hir::empty(),
            HirKind::Class(hir::Class::Unicode(class)) => {
                Hir::class(hir::Class::Unicode(widen(class).unwrap_or(class.clone())))
            }
            HirKind::Concat(subs) => Hir::concat(subs.iter().map(relax_node_by_node).collect()),
            HirKind::Alternation(subs) => {
                Hir::alternation(subs.iter().map(relax_node_by_node).collect())
            }
            HirKind::Repetition(rep) => Hir::repetition(hir::Repetition {
                sub: Box::new(relax_node_by_node(&rep.sub)),
                ..rep.clone()
            }),
            HirKind::Capture(capture) => relax_node_by_node(&capture.sub),
            _ => hir.clone(),
        }
    }

    fn loosen_node_by_node(hir: &Hir) -> Hir {
        match hir.kind() {
            HirKind::Repetition(rep) => Hir::repetition(hir::Repetition {
                max: rep.max.filter(|&max| max <= LONG_REPEAT),
                sub: Box::new(loosen_node_by_node(&rep.sub)),
                ..rep.clone()
            }),
            HirKind::Concat(subs) => Hir::concat(subs.iter().map(loosen_node_by_node).collect()),
            HirKind::Alternation(subs) => {
                Hir::alternation(subs.iter().map(loosen_node_by_node).collect())
            }
            HirKind::Capture(capture) => loosen_node_by_node(&capture.sub),
            _ => hir.clone(),
        }
    }

    #[test]
    fn relaxing_and_loosening_copy_what_they_leave_and_give_the_same_trees() {
        let rules = crate::rules::RuleSet::load(None).expect("built-in rules load");
        for rule in rules.rules() {
            for pattern in &rule.regexes {
                let hir = parse(pattern.as_str()).expect("parses");
                let relaxed = relax(&hir);
                assert_eq!(relaxed, relax_node_by_node(&hir), "{}", pattern.as_str());
                let loose = loosen(&relaxed);
                assert_eq!(loose, loosen_node_by_node(&relaxed), "{}", pattern.as_str());
            }
        }
        // nothing to change, nothing rebuilt
        let words = syntax::parse(r"(?i)(?:convention|contrat)\s+[0-9]{1,4}").unwrap();
        assert!(relaxed(&words).is_none() && loosened(&words).is_none());
        let bounded = syntax::parse(r"\bsign[^.]{0,200}").unwrap();
        assert!(relaxed(&bounded).is_some() && loosened(&bounded).is_some());
    }

    #[test]
    fn a_large_class_is_widened_a_small_one_kept() {
        let upper = match syntax::parse(r"\p{Lu}").unwrap().into_kind() {
            HirKind::Class(hir::Class::Unicode(class)) => class,
            other => panic!("{other:?}"),
        };
        let wide = widen(&upper).expect("widened");
        let has = |c: char| wide.ranges().iter().any(|r| r.start() <= c && c <= r.end());
        // exact in Latin-1, everything beyond
        assert!(has('A') && has('É') && !has('a') && !has('é') && !has('1'));
        assert!(has('Ω') && has('’'));
        assert!(wide.ranges().len() < 40, "{}", wide.ranges().len());
        let quotes = hir::ClassUnicode::new([
            hir::ClassUnicodeRange::new('\'', '\''),
            hir::ClassUnicodeRange::new('’', '’'),
        ]);
        assert_eq!(widen(&quotes), None);
    }

    #[test]
    fn the_pattern_as_written_compiles_when_its_finder_proposes() {
        let p = Pattern::new(r"\bsign\w*").expect("compiles");
        assert!(p.captures_at("La convention est approuvée.", 0).is_none());
        assert!(p.strict.get().is_none());
        // a proposal the pattern refuses still compiles it
        assert!(p.captures_at("La désignation.", 0).is_none());
        assert!(p.strict.get().is_some());
    }

    #[test]
    fn the_finder_is_not_compiled_for_listed_candidates() {
        let p = Pattern::new(r"\bsign\w*").expect("compiles");
        let text = "La désignation, signée.";
        let candidates = p.finder_starts(text);
        let p = Pattern::new(r"\bsign\w*").expect("compiles");
        let found = walk_candidates(&p, text, Some(&candidates), None);
        assert_eq!(found, plain(r"\bsign\w*", text));
        assert!(p.strict.get().is_some());
        assert!(p.finder.get().is_none());
    }

    /// A list of places that never ends: each capitalized word was a proposal
    /// whose anchored attempt read to the end of the text.
    const ENUMERATION: &str = r"(?:(?:de\s+|à\s+)?\p{Lu}\p{L}*(?:\s+(?:de\s+)?\p{Lu}\p{L}*)*\s*,\s*)+\p{Lu}\p{L}*\s+et\s+\p{Lu}\p{L}*";

    #[test]
    fn the_probe_bounds_the_work_of_anchored_attempts() {
        let text = "Caf de ".repeat(20_000);
        let p = Pattern::new(ENUMERATION).expect("compiles");
        let mut search = p.search(&text, None);
        assert_eq!(search.next_at(0), None);
        // the work was cut off at the budget, then one unanchored search ran
        assert!(search.scanning);
        assert!(
            search.work <= search.budget + text.len() + 1,
            "{}",
            search.work
        );
        let ending = format!("{text}Agen, Paris et Rodez.");
        assert_eq!(walk(ENUMERATION, &ending), plain(ENUMERATION, &ending));
    }

    #[test]
    fn the_finder_starts_are_every_place_the_finder_matches() {
        // the finder (a civility or a capitalized word) matches at `M.` and
        // again at `Jean` inside its first match
        let pattern = r"(?:(?:M\.|Mme)\s+)?\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+,\s+maire";
        let text = "Le maire M. Jean Dupont, maire. Mme Élise Roy, maire de Rodez, \
                    et Paul Durand, MAIRE";
        let p = Pattern::new(pattern).expect("compiles");
        let finder = p.finder_regex();
        let every: Vec<u32> = (0..=text.len())
            .filter(|&at| text.is_char_boundary(at))
            .filter(|&at| finder.is_match(Input::new(text).range(at..).anchored(Anchored::Yes)))
            .map(|at| at as u32)
            .collect();
        let starts = p.finder_starts(text);
        assert_eq!(starts, every);
        assert!(starts.contains(&9) && starts.contains(&12), "{starts:?}");
        // walked among them, the pattern finds what its own finder finds
        let shared = walk_candidates(&p, text, Some(&starts), None);
        assert_eq!(shared, walk(pattern, text));
        assert_eq!(shared, plain(pattern, text));
        assert_eq!(shared.len(), 2);
    }

    #[test]
    fn the_probe_refuses_proposals_without_reading_the_pattern() {
        let p = Pattern::new(ENUMERATION).expect("compiles");
        let mut search = p.search("Martin Dubois Paul Durand", None);
        assert_eq!(
            search.probe(0, None),
            ("Martin Dubois Paul Durand".len(), false)
        );
        let mut search = p.search("Agen, Paris et Rodez. Fin", None);
        let (reach, may_match) = search.probe(0, None);
        assert!(may_match);
        // the probe sees a match one byte late, and dies on the byte after
        assert_eq!(reach, "Agen, Paris et Rodez.".len());
    }
}
