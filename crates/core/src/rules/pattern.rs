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
//! Compiling is most of ctg's start-up, so it is kept small: only finders are
//! compiled when the rules load, and the pattern as written is compiled on the
//! first place its finder proposes (a short document needs few of them).

use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, PatternID};
use regex_syntax::hir::{self, Hir, HirKind, Look};
use std::ops::Range;
use std::sync::OnceLock;

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
const DFA_CACHE: usize = 2 << 20;

/// One pattern of a rule.
#[derive(Debug)]
pub struct Pattern {
    source: String,
    /// The pattern as written, compiled on the first place the finder reports.
    strict: OnceLock<Result<Regex, String>>,
    hir: Hir,
    /// The finder's pattern, joined with the others' in `scan.rs`.
    head: Hir,
    /// The longest a match can be, in bytes, when bounded.
    max_len: Option<usize>,
    /// Where a match may start (see the module's documentation).
    finder: Regex,
    /// The names of the capture groups, in order.
    names: Vec<String>,
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
        let hir = syntax::parse(source).map_err(|e| e.to_string())?;
        let relaxed = relax(&hir);
        let head = head(&relaxed);
        let finder = meta::Builder::new()
            .configure(
                config()
                    .which_captures(WhichCaptures::Implicit)
                    .onepass(false),
            )
            .build_from_hir(&head)
            .map_err(|e| e.to_string())?;
        Ok(Pattern {
            source: source.to_string(),
            strict: OnceLock::new(),
            names: capture_names(&hir),
            max_len: hir.properties().maximum_len(),
            hir,
            head,
            finder,
        })
    }

    /// Compiles the pattern as written if it is not yet: `ctg rules check`
    /// does it for every pattern, so that a pattern too large to compile is
    /// reported there rather than on the first document that needs it.
    pub fn compiled(&self) -> Result<&Regex, String> {
        self.strict
            .get_or_init(|| {
                // it only runs anchored, where the finder proposes: no
                // prefilter, and no lazy DFA, which would compile a reverse
                // automaton as large as the pattern's; the one-pass DFA,
                // when the pattern is one-pass, is the fastest anchored
                // engine with captures (and it knows Unicode `\b`)
                meta::Builder::new()
                    .configure(config().hybrid(false).auto_prefilter(false))
                    .build_from_hir(&self.hir)
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn strict(&self) -> &Regex {
        match self.compiled() {
            Ok(regex) => regex,
            // the document gets an internal error; `ctg rules check` names the rule
            Err(e) => panic!("pattern `{}` does not compile: {e}", self.source),
        }
    }

    /// Its finder: the pattern relaxed and cut to its head (see the module's
    /// documentation).
    pub fn finder(&self) -> &Hir {
        &self.head
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
        let mut from = at;
        let starts = std::iter::from_fn(|| {
            if from > haystack.len() {
                return None;
            }
            let start = self
                .finder
                .find(Input::new(haystack).range(from..))?
                .start();
            from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
            Some(start)
        });
        self.first_anchored(haystack, starts)
    }

    /// The same match as [`Pattern::captures_at`], given `candidates`:
    /// places in `haystack`, ascending, among which are all the starts of the
    /// finder (as `scan.rs` finds them). The finder, anchored, skips the
    /// others cheaply; the pattern as written would refuse them anyway.
    pub fn captures_among(
        &self,
        haystack: &str,
        at: usize,
        candidates: &[usize],
    ) -> Option<Found<'_>> {
        let from = candidates.partition_point(|&start| start < at);
        let starts = candidates[from..].iter().copied().filter(|&start| {
            let anchored = Input::new(haystack).range(start..).anchored(Anchored::Yes);
            self.finder.is_match(anchored)
        });
        self.first_anchored(haystack, starts)
    }

    /// The first of `starts` where the pattern as written matches, anchored.
    fn first_anchored(
        &self,
        haystack: &str,
        starts: impl Iterator<Item = usize>,
    ) -> Option<Found<'_>> {
        // the pattern as written compiles on the finder's first proposal
        let mut caps: Option<Captures> = None;
        for start in starts {
            let strict = self.strict();
            let caps = caps.get_or_insert_with(|| strict.create_captures());
            // a match cannot reach further: a shorter span lets the bounded
            // backtracker run instead of the PikeVM (what lies beyond is
            // still read for `\b` and `$`)
            let end = self.max_len.map_or(haystack.len(), |max| {
                let mut end = start.saturating_add(max).min(haystack.len());
                while !haystack.is_char_boundary(end) {
                    end += 1;
                }
                end
            });
            let anchored = Input::new(haystack)
                .range(start..end)
                .anchored(Anchored::Yes);
            strict.search_captures(&anchored, caps);
            if caps.is_match() {
                return self.found(caps);
            }
        }
        None
    }

    fn found(&self, caps: &Captures) -> Option<Found<'_>> {
        let range = caps.get_match()?.range();
        let groups = self
            .strict()
            .group_info()
            .pattern_names(PatternID::ZERO)
            .enumerate()
            .filter_map(|(index, name)| Some((name?, caps.get_group(index)?.range())))
            .collect();
        Some(Found { range, groups })
    }
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
    match hir.kind() {
        HirKind::Look(look) if is_unicode_word_look(*look) => Hir::empty(),
        HirKind::Class(hir::Class::Unicode(class)) => Hir::class(hir::Class::Unicode(widen(class))),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(relax).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(relax).collect()),
        HirKind::Repetition(rep) => Hir::repetition(hir::Repetition {
            min: rep.min,
            max: rep.max,
            greedy: rep.greedy,
            sub: Box::new(relax(&rep.sub)),
        }),
        HirKind::Capture(capture) => relax(&capture.sub),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => hir.clone(),
    }
}

/// A class with many ranges beyond Latin-1 (`\p{Lu}`, `\w`, a case-folded
/// `\p{L}`) compiled into hundreds of UTF-8 states, and most of a finder's
/// compile time went there. Widened, it keeps its exact Latin-1 part and takes
/// every code point above U+00FF, a range of a few states. The finder only
/// has to match a superset of the pattern, so this changes no match: at worst
/// a non-Latin letter or a typographic sign makes the finder propose a start
/// the pattern then refuses. A class with few ranges beyond Latin-1 (`['’]`)
/// stays as it is, so that it stays selective.
fn widen(class: &hir::ClassUnicode) -> hir::ClassUnicode {
    let beyond = class.ranges().iter().filter(|r| r.end() > LATIN1).count();
    if beyond <= WIDEN_ABOVE {
        return class.clone();
    }
    let mut wide = class.clone();
    wide.intersect(&hir::ClassUnicode::new([hir::ClassUnicodeRange::new(
        '\0', LATIN1,
    )]));
    wide.union(&hir::ClassUnicode::new([hir::ClassUnicodeRange::new(
        '\u{100}',
        char::MAX,
    )]));
    wide
}

/// The head of `hir`: a concatenation cut before its first long counted
/// repetition, once the part kept is long enough to be selective; through
/// alternations, branch by branch.
fn head(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(head).collect()),
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
                kept.push(sub.clone());
            }
            Hir::concat(kept)
        }
        _ => hir.clone(),
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

    /// Every match of `pattern` in `haystack` the way `RuleSet::find` walks
    /// them, as `(start, end)`.
    fn walk(pattern: &str, haystack: &str) -> Vec<(usize, usize)> {
        let p = Pattern::new(pattern).expect("compiles");
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(found) = (at <= haystack.len())
            .then(|| p.captures_at(haystack, at))
            .flatten()
        {
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
    fn a_large_class_is_widened_a_small_one_kept() {
        let upper = match syntax::parse(r"\p{Lu}").unwrap().into_kind() {
            HirKind::Class(hir::Class::Unicode(class)) => class,
            other => panic!("{other:?}"),
        };
        let wide = widen(&upper);
        let has = |c: char| wide.ranges().iter().any(|r| r.start() <= c && c <= r.end());
        // exact in Latin-1, everything beyond
        assert!(has('A') && has('É') && !has('a') && !has('é') && !has('1'));
        assert!(has('Ω') && has('’'));
        assert!(wide.ranges().len() < 40, "{}", wide.ranges().len());
        let quotes = hir::ClassUnicode::new([
            hir::ClassUnicodeRange::new('\'', '\''),
            hir::ClassUnicodeRange::new('’', '’'),
        ]);
        assert_eq!(widen(&quotes), quotes);
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
}
