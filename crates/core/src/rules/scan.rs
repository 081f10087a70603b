//! One pass over a text for the finders of every rule.
//!
//! A pattern's finder (see `pattern.rs`) says where a match of the pattern
//! could start. Searched one pattern at a time, the text was read once per
//! pattern (about two hundred of them), each search starting with its own
//! literal prefilter, and again after every start the pattern as written
//! refused: most of ctg's time went there.
//!
//! Most finders can only begin with one of a few words: every match of
//! `(?i)\bsign[ée]` begins with `sign`, `Sign`, `SIGN`, ... So the literal
//! prefixes of every finder are gathered into one Aho-Corasick automaton,
//! read once per text, which gives each pattern its *candidates*: the places
//! where one of its prefixes occurs, a superset of the places where its finder
//! matches. A candidate where the finder does not match is then refused by the
//! pattern as written like any other place, so walking the candidates instead
//! of the finder's own starts gives the same first match, with the same
//! captures. A finder that begins at the start of a line (`(?m)^`) has every
//! line start as a candidate, found once per text too; a finder whose
//! prefixes cannot be listed (one that begins with a large class, such as
//! `\p{Lu}`, or may match the empty text) keeps its own search, made once
//! per text for all the patterns with the same finder.
//!
//! The same pass also looks for words a finder's matches must contain
//! somewhere (`représentée par` in `^[^\n]{0,200}?\breprésentée?s?\s+par\b`):
//! a pattern none of whose required words occurs in a text is not searched in
//! it at all. A press release has no `Vu la délibération` and no `DÉCIDE`, so
//! most line patterns of deeds cost it nothing. A line pattern whose
//! matches cannot read a line break (`(?m)^[^\n]*\b(?:sign|paraph)[^\n]*$`)
//! is tried only at the start of the lines where one of its required words
//! occurs, rather than at every line start of a text that has one somewhere.
//!
//! A joined lazy DFA over all finders ("all matches", read backwards to get
//! starts) was tried first: its states are sets of the states of two hundred
//! patterns at once, and it rebuilt them on nearly every byte.

use super::literals::{Listed, Literals};

use aho_corasick::{AhoCorasick, MatchKind};
use regex_automata::util::look::LookMatcher;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{self, Hir, HirKind, Look};

/// How many patterns one group may have: the members a place keeps are the
/// bits of a `u64`.
pub const MAX_MEMBERS: usize = 64;

/// How many prefixes one finder may have: a case-insensitive list of words
/// has every mix of cases of their first letters (the extractor shortens the
/// words to stay under it, and gives up beyond). Their ASCII letters are then
/// lowercased and searched without regard to ASCII case, which makes the
/// mixes one word again and keeps the automaton small.
const MAX_PREFIXES: usize = 500;

/// How many characters a class may have and still be listed, one literal
/// per character: `\s` and `[^\S\n]`, which follow most words of a
/// pattern, have 25 and 24. At the extractor's default (10), a prefix
/// stopped at the first white space: `(?:a|ont)\s+signé` began with `a`.
/// ... but a prefix is listed through them only where it would otherwise
/// be shorter than [`SELECTIVE`] bytes: `(?i:champs?|axes?|...)\s+` with a
/// literal for each white space after each word had 2,300 literals, and
/// building the scan's automaton of 20,000 literals took 30 ms at start-up.
const MAX_CLASS: usize = 32;
/// The regex crate's default limit for a class listed in prefixes.
const NARROW_CLASS: usize = 10;
/// A prefix of at least this many bytes is selective enough.
const SELECTIVE: usize = 3;

/// The size of text under which the scan keeps its prefixes' hits between
/// its two readings (see [`Scanner::scan`]).
const KEEP_HITS_BELOW: usize = 1 << 20;

/// Every finder's literal prefixes, searched once per text.
#[derive(Debug)]
pub struct Scanner {
    /// All prefixes of all finders; `None` when no finder has any.
    prefixes: Option<AhoCorasick>,
    /// For each prefix (by its index in `prefixes`), the patterns it begins.
    owners: Vec<Vec<u32>>,
    /// For each prefix, the patterns whose matches begin at a line start
    /// that only white space separates from it (see [`Cover::led`]).
    led_owners: Vec<Vec<u32>>,
    /// For each prefix, the patterns whose matches begin with a word that
    /// only white space separates from it (see [`Cover::after_words`]),
    /// each with the index of its words in `lead_words`.
    word_owners: Vec<Vec<(u32, u32)>>,
    /// The sets of words of [`Cover::after_words`], lower-cased.
    lead_words: Vec<Vec<Vec<u8>>>,
    /// The patterns that may begin at any line start.
    at_lines: Vec<u32>,
    /// The patterns that may only begin at the start of the text.
    at_start: Vec<u32>,
    /// For each prefix, the patterns one of whose matches must contain it.
    required_by: Vec<Vec<u32>>,
    /// For each pattern, whether it has required words (else it may match
    /// in any text).
    requires: Vec<bool>,
    /// For each pattern, whether it has its prefixes here (else it keeps its
    /// own search).
    listed: Vec<bool>,
    /// For each pattern, whether its matches that begin at a line start
    /// stay in that line and contain one of its required words: it is then
    /// tried only at the start of the lines where one of them occurs.
    confined: Vec<bool>,
    /// For each pattern, whether its matches begin at a line start or a
    /// word boundary: its prefixes found elsewhere are no candidates.
    at_edge: Vec<bool>,
    /// For each pattern that searches with its own finder, the group of the
    /// patterns with the same finder (see [`Scanner::finder_group`]).
    finder_groups: Vec<Option<usize>>,
    /// How many groups of patterns share a finder.
    finder_group_count: usize,
    /// The groups of patterns probed at once (see [`Scanner::joint_groups`]).
    joint_groups: Vec<Vec<u32>>,
    /// For each pattern, its group among `joint_groups`, if any.
    joint_group: Vec<Option<usize>>,
}

/// Where each pattern may match in one text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Starts {
    /// Every candidate, pattern after pattern, each pattern's ascending
    /// (byte offsets as `u32`: a text of dates has dozens per date, and a
    /// text is under `--max-bytes`, far below 4 GiB).
    starts: Vec<u32>,
    /// Where pattern `i`'s candidates begin in `starts` (`i + 1`'s: where
    /// they end).
    bounds: Vec<usize>,
    /// Whether pattern `i` has candidates here.
    listed: Vec<bool>,
}

impl Starts {
    /// The candidates of pattern `index`, ascending, or `None` when the
    /// pattern searches with its own finder.
    pub fn of(&self, index: usize) -> Option<&[u32]> {
        self.listed[index].then(|| &self.starts[self.bounds[index]..self.bounds[index + 1]])
    }
}

/// Literals one of which every match of `hir` contains, or `None` when they
/// cannot be told: those of the most selective part of a concatenation (each
/// part's match is inside the whole's, and so is a run of its characters:
/// `(?i)vu` is the run `[Vv][Uu]`), every branch's for an alternation.
fn required(hir: &Hir, known: &Literals) -> Listed {
    match hir.kind() {
        HirKind::Capture(capture) => required(&capture.sub, known),
        HirKind::Repetition(rep) if rep.min > 0 => required(&rep.sub, known),
        HirKind::Concat(subs) => most_selective(
            subs.iter()
                .filter_map(|sub| required(sub, known))
                .chain(runs(subs, subs.len(), known)),
        ),
        // a word table: the same in many patterns
        HirKind::Alternation(subs) => known.required(hir, || {
            let mut all = Vec::new();
            for sub in subs {
                all.extend(required(sub, known)?);
            }
            Some(all)
        }),
        _ => prefixes(hir, known),
    }
}

/// The literals of the runs of characters of a concatenation `subs` that
/// begin before its part `before` (`(?i)vu` is the run `[Vv][Uu]`).
fn runs<'a>(
    subs: &'a [Hir],
    before: usize,
    known: &'a Literals,
) -> impl Iterator<Item = Vec<Vec<u8>>> + 'a {
    let is_char = |h: &Hir| matches!(h.kind(), HirKind::Literal(_) | HirKind::Class(_));
    (0..before.min(subs.len()))
        .filter(move |&i| is_char(&subs[i]) && (i == 0 || !is_char(&subs[i - 1])))
        .filter_map(move |i| {
            let end = (i..subs.len())
                .find(|&j| !is_char(&subs[j]))
                .unwrap_or(subs.len());
            prefixes(&Hir::concat(subs[i..end].to_vec()), known)
        })
}

/// The most selective of lists of literals: the longest shortest literal,
/// then the fewest.
fn most_selective(lists: impl Iterator<Item = Vec<Vec<u8>>>) -> Listed {
    lists.max_by_key(|literals| {
        let shortest = literals.iter().map(Vec::len).min().unwrap_or(0);
        (shortest, std::cmp::Reverse(literals.len()))
    })
}

/// As [`required`], literals one of which every match of `hir` contains,
/// but only literals that a match reaches before it has read a line break:
/// one of them begins in the line where the match begins. So a line pattern
/// is tried only at the start of the lines where one of them occurs even
/// when its matches may go on to the next line:
/// `(?m)^[^\n.]{0,80}\b(?:offre\s+d['’]emploi|recrute|...)` reads a line
/// break only after `offre` (its `\s+`), and it read each of text-1000's
/// 75,800 lines to its end.
fn required_in_first_line(hir: &Hir, known: &Literals) -> Listed {
    if !reads_line_break(hir) {
        return required(hir, known);
    }
    match hir.kind() {
        HirKind::Capture(capture) => required_in_first_line(&capture.sub, known),
        // the first copy begins where the repetition does
        HirKind::Repetition(rep) if rep.min > 0 => required_in_first_line(&rep.sub, known),
        HirKind::Concat(subs) => {
            // the parts before the first that may read a line break read
            // none, and a literal of that one begins where it begins
            let first = subs.iter().position(reads_line_break).unwrap_or(subs.len());
            let last = (first < subs.len()).then(|| &subs[first]);
            most_selective(
                (subs[..first].iter())
                    .filter_map(|sub| required(sub, known))
                    .chain(last.and_then(|sub| required_in_first_line(sub, known)))
                    .chain(runs(subs, first + 1, known)),
            )
        }
        HirKind::Alternation(subs) => {
            let mut all = Vec::new();
            for sub in subs {
                all.extend(required_in_first_line(sub, known)?);
            }
            Some(all)
        }
        // a literal begins where the match does
        _ => prefixes(hir, known),
    }
}

/// What the scan needs to know of one pattern, read once from its syntax
/// tree (see [`Scanner::new`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shape {
    /// Where its finder's matches may begin.
    cover: Option<Cover>,
    /// Words one of which each of its matches contains, when they are
    /// looked for (not when the prefixes of its finder are listed).
    needed: Vec<Vec<u8>>,
    /// Whether one of the words `needed` begins in the line where each of
    /// its matches begins (see [`required_in_first_line`]).
    in_line: bool,
    /// Whether every match of the pattern as written begins at a line start
    /// or at a Unicode word boundary (see [`begins_at_edge`]).
    at_edge: bool,
    /// Its finder written out, when its prefixes cannot be listed: patterns
    /// with the same finder share its starts (see [`Scanner::finder_group`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    own_finder: Option<String>,
}

impl Shape {
    /// The shape of a pattern from its finder, from the whole pattern
    /// relaxed as the finder is, but not cut (every match of the pattern is
    /// one of it, so the words it requires are the pattern's), and from the
    /// pattern as `written`, whose word boundaries the relaxed one lost.
    /// `known` keeps the literals of sub-patterns for the next patterns.
    pub fn of(finder: &Hir, whole: &Hir, written: &Hir, known: &Literals) -> Shape {
        let cover = cover(finder, known);
        // a pattern with listed prefixes needs one of them anyway (one that
        // begins at the start of the text is skipped if it needs words
        // the text lacks)
        let lines = cover.as_ref().is_some_and(|c| c.lines);
        let in_first_line = lines
            .then(|| required_in_first_line(whole, known))
            .flatten()
            .filter(|words| !words.is_empty());
        let in_line = in_first_line.is_some();
        let needed = match (&cover, in_first_line) {
            (Some(c), _) if !c.lines && !c.text_start => Vec::new(),
            (_, Some(words)) => words,
            _ => required(whole, known).unwrap_or_default(),
        };
        Shape {
            own_finder: cover.is_none().then(|| finder.to_string()),
            cover,
            needed,
            in_line,
            at_edge: begins_at_edge(written),
        }
    }
}

/// Whether every match of `hir` begins where a Unicode word boundary `\b`
/// (or `\b{start}`, `\b{end}`) or a line start (`^`, `\A`) holds.
///
/// Finders lose their word boundaries (see `pattern.rs`), so a prefix such
/// as the `a` of `(?i)\b(?:a|ont)\s+signé` is found in every `la`, `pas`
/// and `Caf`: in a press release of 6 KB, some 350 candidates for each of a
/// dozen such patterns, each probed and refused. Where the pattern as
/// written needs a boundary at its start, a candidate without one is
/// dropped when the text is scanned: the pattern cannot match there.
fn begins_at_edge(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(look) => matches!(
            look,
            Look::Start
                | Look::StartLF
                | Look::WordUnicode
                | Look::WordStartUnicode
                | Look::WordEndUnicode
        ),
        HirKind::Capture(capture) => begins_at_edge(&capture.sub),
        HirKind::Repetition(rep) => rep.min > 0 && begins_at_edge(&rep.sub),
        HirKind::Alternation(subs) => subs.iter().all(begins_at_edge),
        HirKind::Concat(subs) => {
            for sub in subs {
                if begins_at_edge(sub) {
                    return true;
                }
                // an assertion before it holds at the same place
                if !matches!(sub.kind(), HirKind::Look(_)) {
                    return false;
                }
            }
            false
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => false,
    }
}

/// Whether byte `at` of `haystack` (a code point boundary) is a line start
/// or a Unicode word boundary, as the regex crate tells them.
fn at_edge(haystack: &str, at: usize) -> bool {
    let bytes = haystack.as_bytes();
    let Some(&before) = at.checked_sub(1).and_then(|i| bytes.get(i)) else {
        return true;
    };
    if before == b'\n' {
        return true;
    }
    match bytes.get(at) {
        // the Unicode word characters of ASCII are `[0-9A-Za-z_]`
        Some(&after) if before.is_ascii() && after.is_ascii() => {
            is_word_byte(before) != is_word_byte(after)
        }
        _ => LookMatcher::new()
            .is_word_unicode(bytes, at)
            .unwrap_or(true),
    }
}

fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// Where the matches of a finder may begin.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Cover {
    /// At a line start (the start of the text, or after `\n`).
    lines: bool,
    /// At the start of the text (`\A`).
    text_start: bool,
    /// Where one of these begins.
    literals: Vec<Vec<u8>>,
    /// At a line start from which white space alone leads to one of these:
    /// `(?m)^[^\S\n]*(?:Vu|Considérant)` begins at the start of a line
    /// whose first word is `Vu` or `Considérant`, not at every line start
    /// (75,800 proposals on text-1000, each probed and refused).
    led: Vec<Vec<u8>>,
    /// At one of some words followed by white space and one of some
    /// literals: the role patterns begin with
    /// `\b(?i:le|la|les|son|sa|leur|au|du)[^\S\n]+` and a role, so that
    /// every `le ` and `la ` of a text was a candidate for each of them
    /// (some 96,000 on text-1000), where `le maire` is one.
    after_words: Vec<AfterWords>,
}

/// Words, then white space, then one of some literals (see
/// [`Cover::after_words`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct AfterWords {
    /// Lower-cased, none ending with white space.
    words: Vec<Vec<u8>>,
    literals: Vec<Vec<u8>>,
}

impl Cover {
    fn lines() -> Cover {
        Cover {
            lines: true,
            ..Cover::default()
        }
    }

    fn literals(literals: Vec<Vec<u8>>) -> Cover {
        Cover {
            literals,
            ..Cover::default()
        }
    }

    /// Where a match of either may begin.
    fn merge(&mut self, other: Cover) {
        self.lines |= other.lines;
        self.text_start |= other.text_start;
        self.literals.extend(other.literals);
        self.led.extend(other.led);
        self.after_words.extend(other.after_words);
    }

    /// The length of its shortest literal of any kind (where a match
    /// begins, after words, after a line start), or 0 if it has every line
    /// start or no literal.
    fn narrowest(&self) -> usize {
        if self.lines {
            return 0;
        }
        let after = self.after_words.iter().flat_map(|after| &after.literals);
        (self.literals.iter().chain(after).chain(&self.led))
            .map(Vec::len)
            .min()
            .unwrap_or(0)
    }

    /// The length of its shortest literal, where a match begins or after
    /// words: the longer, the fewer the hits.
    fn shortest(&self) -> usize {
        let after = self.after_words.iter().flat_map(|after| &after.literals);
        (self.literals.iter().chain(after))
            .map(Vec::len)
            .min()
            .unwrap_or(0)
    }
}

/// Where every match of `finder` begins, or `None` when it cannot be told.
fn cover(finder: &Hir, known: &Literals) -> Option<Cover> {
    match finder.kind() {
        // `\A` holds at the start of the text only, whatever the span searched
        HirKind::Look(Look::Start) => Some(Cover {
            text_start: true,
            ..Cover::default()
        }),
        HirKind::Look(Look::StartLF) => Some(Cover::lines()),
        HirKind::Capture(capture) => cover(&capture.sub, known),
        // a match of the whole begins where a match of its first part does
        HirKind::Concat(subs) => {
            let listed = prefixes(finder, known).map(Cover::literals);
            let shortest = listed.as_ref().map_or(0, Cover::shortest);
            // `le maire` rather than every `le `: the prefixes of a word
            // too short to be selective go through the white space after
            // it, and those of what follows are at least as long
            if let Some(after) = after_words(subs, known).filter(|a| a.shortest() >= shortest) {
                return Some(after);
            }
            // `(?:^|[.;:]\s+)(?:Le|La)\s+conseil` rather than every `le `:
            // a leading alternation read branch by branch, each branch
            // followed by the rest, when the literals it leads to are at
            // least as long
            if let Some(split) = by_branch(subs, known).filter(|s| s.narrowest() >= shortest) {
                return Some(split);
            }
            match listed {
                Some(listed) if listed.literals.iter().all(|l| l.len() > 1) => Some(listed),
                // `(?m)^\s*entre` begins with white space or `entre`: every
                // space of a text would be a candidate, its line starts are
                // fewer, and fewer still those whose first word is `entre`
                listed => match cover(subs.first()?, known) {
                    Some(first) if first.lines => Some(led(subs, known).unwrap_or(first)),
                    Some(first) if !first.led.is_empty() => Some(first),
                    first => listed.or(first),
                },
            }
        }
        HirKind::Alternation(subs) => {
            let mut all = Cover::default();
            for sub in subs {
                all.merge(cover(sub, known)?);
            }
            Some(all)
        }
        _ => prefixes(finder, known).map(Cover::literals),
    }
}

/// Where the matches of the concatenation `subs` may begin, when its first
/// part is an alternation: where those of each branch followed by the rest
/// may (`(?:^|[.;:]\s+)(?:Le|La)\s+conseil` is `^(?:Le|La)\s+conseil` or
/// `[.;:]\s+(?:Le|La)\s+conseil`, the second after one of `.;:` only), or
/// `None` if one of them cannot be told.
fn by_branch(subs: &[Hir], known: &Literals) -> Option<Cover> {
    let optional;
    let branches = match subs.first()?.kind() {
        HirKind::Alternation(branches) => branches.as_slice(),
        // `(?:M\.\s+)?(?:le|la)\s+` is `M\.\s+(?:le|la)\s+` or `(?:le|la)\s+`
        HirKind::Repetition(rep) if rep.min == 0 && rep.max == Some(1) => {
            optional = [(*rep.sub).clone(), Hir::empty()];
            &optional[..]
        }
        _ => return None,
    };
    let mut all = Cover::default();
    for branch in branches {
        let mut whole = vec![branch.clone()];
        whole.extend_from_slice(&subs[1..]);
        all.merge(cover(&Hir::concat(whole), known)?);
    }
    Some(all)
}

/// Where the matches of the concatenation `subs` may begin, when its first
/// part begins at line starts, or `None` if it cannot be told more
/// precisely than every line start: a line start followed by white space
/// (a repetition of it, or nothing) and then by listed literals, `led` by
/// them; through an alternation, branch by branch (`(?:^[^\S\n]*|\ble\s+)
/// (?:maire|...)` is led by the roles at a line start, and begins at `le`
/// elsewhere).
fn led(subs: &[Hir], known: &Literals) -> Option<Cover> {
    match subs.first()?.kind() {
        HirKind::Look(Look::StartLF) => {
            let rest = match subs.get(1).map(Hir::kind) {
                Some(HirKind::Repetition(rep)) if is_white_space(&rep.sub) => &subs[2..],
                _ => &subs[1..],
            };
            if rest.is_empty() {
                return None;
            }
            let literals = prefixes(&Hir::concat(rest.to_vec()), known)?;
            (literals.iter().all(|l| l.len() > 1)).then(|| Cover {
                led: literals,
                ..Cover::default()
            })
        }
        HirKind::Alternation(_) => by_branch(subs, known),
        _ => None,
    }
}

/// Where the matches of the concatenation `subs` begin when it is words,
/// white space, then a part with listed prefixes (`(?i:le|la)\s+maire`):
/// the words must be all the matches of the part before the first
/// repetition of white space, and none may end with white space, so that
/// a match's words end where the white space before its literal begins.
fn after_words(subs: &[Hir], known: &Literals) -> Option<Cover> {
    let space = subs.iter().position(|sub| match sub.kind() {
        HirKind::Repetition(rep) => is_white_space(&rep.sub),
        _ => false,
    })?;
    if space == 0 || space + 1 >= subs.len() {
        return None;
    }
    let mut seq = Extractor::new()
        .kind(ExtractKind::Prefix)
        .limit_total(MAX_PREFIXES)
        .extract(&ascii_folded(&Hir::concat(subs[..space].to_vec())));
    if !seq.is_exact() {
        return None;
    }
    seq.dedup();
    let words: Vec<Vec<u8>> = (seq.literals()?.iter())
        .map(|l| l.as_bytes().to_ascii_lowercase())
        .collect();
    let ends_in_space = |word: &Vec<u8>| {
        (std::str::from_utf8(word).ok())
            .and_then(|w| w.chars().next_back())
            .is_none_or(char::is_whitespace)
    };
    if words.iter().any(ends_in_space) {
        return None;
    }
    let literals = prefixes(&Hir::concat(subs[space + 1..].to_vec()), known)?;
    Some(Cover {
        after_words: vec![AfterWords { words, literals }],
        ..Cover::default()
    })
}

/// Where the white space that ends at byte `at` of `haystack` (a code point
/// boundary) begins: `at` itself when none does.
fn white_space_before(haystack: &str, at: usize) -> usize {
    let bytes = haystack.as_bytes();
    let mut i = at;
    loop {
        let width = match bytes.get(i.wrapping_sub(1)) {
            None => return i,
            Some(&byte) if byte.is_ascii() => match char::from(byte).is_whitespace() {
                true => 1,
                false => return i,
            },
            Some(_) => match haystack[..i].chars().next_back() {
                Some(c) if c.is_whitespace() => c.len_utf8(),
                _ => return i,
            },
        };
        i -= width;
    }
}

/// Calls `f` with each line start from which white space alone leads to
/// byte `at` of `haystack` (a code point boundary): `at` itself if it is a
/// line start, and those before it across white space (blank lines
/// included: a superset of those the pattern's class of white space
/// allows).
fn line_starts_before(haystack: &str, at: usize, mut f: impl FnMut(usize)) {
    let bytes = haystack.as_bytes();
    let mut i = at;
    loop {
        if i == 0 || bytes[i - 1] == b'\n' {
            f(i);
        }
        let width = match bytes.get(i.wrapping_sub(1)) {
            None => return,
            Some(&byte) if byte.is_ascii() => match char::from(byte).is_whitespace() {
                true => 1,
                false => return,
            },
            Some(_) => match haystack[..i].chars().next_back() {
                Some(c) if c.is_whitespace() => c.len_utf8(),
                _ => return,
            },
        };
        i -= width;
    }
}

/// Whether `hir` is a class of white-space characters only (`\s`, `[^\S\n]`).
pub(super) fn is_white_space(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Class(hir::Class::Unicode(class)) => class
            .ranges()
            .iter()
            .all(|r| (r.start()..=r.end()).all(char::is_whitespace)),
        HirKind::Class(hir::Class::Bytes(class)) => class
            .ranges()
            .iter()
            .all(|r| (r.start()..=r.end()).all(|b| b.is_ascii_whitespace() || b == 0x0b)),
        _ => false,
    }
}

/// Whether a match of `hir` may contain a line break.
fn reads_line_break(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(literal) => literal.0.contains(&b'\n'),
        HirKind::Class(hir::Class::Unicode(class)) => {
            (class.ranges().iter()).any(|r| r.start() <= '\n' && '\n' <= r.end())
        }
        HirKind::Class(hir::Class::Bytes(class)) => {
            (class.ranges().iter()).any(|r| r.start() <= b'\n' && b'\n' <= r.end())
        }
        HirKind::Repetition(rep) => rep.max != Some(0) && reads_line_break(&rep.sub),
        HirKind::Capture(capture) => reads_line_break(&capture.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(reads_line_break),
    }
}

/// The literals one of which begins every match of `hir`, or `None` when
/// they cannot be listed.
fn prefixes(hir: &Hir, known: &Literals) -> Listed {
    known.prefixes(hir, || extract_prefixes(hir))
}

fn extract_prefixes(hir: &Hir) -> Listed {
    let hir = ascii_folded(hir);
    let listed = |max_class: usize| {
        let mut seq = Extractor::new()
            .kind(ExtractKind::Prefix)
            .limit_total(MAX_PREFIXES)
            .limit_class(max_class)
            .extract(&hir);
        seq.dedup();
        let literals = seq.literals()?;
        if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
            return None;
        }
        let mut folded: Vec<Vec<u8>> = literals
            .iter()
            .map(|l| before_wide_space(l.as_bytes()).to_ascii_lowercase())
            .collect();
        folded.sort_unstable();
        folded.dedup();
        Some(folded)
    };
    // listed through white space, a word has a literal for each white-space
    // character after it: only where the words alone are too short
    match listed(NARROW_CLASS) {
        Some(words) if words.iter().all(|w| w.len() >= SELECTIVE) => Some(words),
        narrow => listed(MAX_CLASS).or(narrow),
    }
}

/// `literal` cut after the first byte of its first white space beyond ASCII
/// (a prefix of a prefix still begins every match): the fifteen of `\s`
/// that are not ASCII begin with four bytes, so a word followed by `\s`
/// has ten literals rather than twenty-five.
fn before_wide_space(literal: &[u8]) -> &[u8] {
    let is_wide_space = |i: usize| {
        let len = match literal[i] {
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0.. => 4,
            _ => return false,
        };
        (literal.get(i..i + len))
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_whitespace)
    };
    match (0..literal.len()).find(|&i| is_wide_space(i)) {
        Some(i) => &literal[..=i],
        None => literal,
    }
}

/// `hir` with every class of an ASCII letter and its other case (`[Ss]`,
/// what `(?i)s` becomes) written as the lower-case letter: the prefixes are
/// searched without regard to ASCII case anyway, and a case-insensitive
/// word of n letters no longer counts as 2^n literals against
/// [`MAX_PREFIXES`]. Every match of `hir` is, up to ASCII case, a match of
/// the result, so its prefixes still begin every match.
fn ascii_folded(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(class) => match ascii_letter(class) {
            Some(letter) => Hir::literal([letter]),
            None => hir.clone(),
        },
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(ascii_folded).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(ascii_folded).collect()),
        HirKind::Repetition(rep) => Hir::repetition(hir::Repetition {
            sub: Box::new(ascii_folded(&rep.sub)),
            ..rep.clone()
        }),
        HirKind::Capture(capture) => Hir::capture(hir::Capture {
            sub: Box::new(ascii_folded(&capture.sub)),
            ..capture.clone()
        }),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Look(_) => hir.clone(),
    }
}

/// The lower-case letter of a class that is an ASCII letter in both cases,
/// and nothing else.
fn ascii_letter(class: &hir::Class) -> Option<u8> {
    let pair: Vec<u32> = match class {
        hir::Class::Unicode(class) => (class.ranges().iter())
            .flat_map(|r| r.start() as u32..=r.end() as u32)
            .take(3)
            .collect(),
        hir::Class::Bytes(class) => (class.ranges().iter())
            .flat_map(|r| r.start() as u32..=r.end() as u32)
            .take(3)
            .collect(),
    };
    match pair[..] {
        [upper, lower] if upper < 128 && lower < 128 => {
            let (upper, lower) = (upper as u8, lower as u8);
            (upper.is_ascii_uppercase() && upper.to_ascii_lowercase() == lower).then_some(lower)
        }
        _ => None,
    }
}

impl Scanner {
    /// Gathers the prefixes of the finders, given by the [`Shape`] of each
    /// pattern in the order of their index, and the required words of the
    /// whole patterns (relaxed as the finders are, not cut).
    ///
    /// The required words are the whole pattern's rather than the finder's:
    /// a finder ends before the first long repetition, so that of
    /// `{full_name}[^.;\n]{0,40}?\b(?i:était|est|sont)\s+(?i:absente?s?|...)`
    /// is a name, which requires nothing, and the rule was searched on every
    /// page of names (by the slowest engine, for its Unicode `\b`) although
    /// none of them says `absent` or `excusé`.
    pub fn new<'s>(shapes: impl Iterator<Item = &'s Shape>) -> Scanner {
        let mut index: std::collections::HashMap<Vec<u8>, usize> = Default::default();
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<u32>> = Vec::new();
        let mut led_owners: Vec<Vec<u32>> = Vec::new();
        let mut word_owners: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut lead_words: Vec<Vec<Vec<u8>>> = Vec::new();
        let mut at_lines = Vec::new();
        let mut at_start = Vec::new();
        let mut listed = Vec::new();
        let mut required_by: Vec<Vec<u32>> = Vec::new();
        let mut requires = Vec::new();
        let mut add = |word: Vec<u8>, literals: &mut Vec<Vec<u8>>| {
            *index.entry(word.clone()).or_insert_with(|| {
                literals.push(word);
                literals.len() - 1
            })
        };
        let mut confined = Vec::new();
        let mut at_edge = Vec::new();
        let mut finders: Vec<&str> = Vec::new();
        let mut finder_groups = Vec::new();
        let mut every_line = Vec::new();
        for (pattern, shape) in shapes.enumerate() {
            at_edge.push(shape.at_edge);
            finder_groups.push(shape.own_finder.as_deref().map(|finder| {
                let group = finders.iter().position(|known| *known == finder);
                group.unwrap_or_else(|| {
                    finders.push(finder);
                    finders.len() - 1
                })
            }));
            let (cover, mut needed) = (shape.cover.clone(), shape.needed.clone());
            let in_line = shape.in_line;
            needed.sort_unstable();
            needed.dedup();
            requires.push(!needed.is_empty());
            let lines = cover.as_ref().is_some_and(|c| c.lines);
            confined.push(lines && in_line && !needed.is_empty());
            for word in needed {
                let at = add(word, &mut literals);
                required_by.resize_with(literals.len(), Vec::new);
                required_by[at].push(pattern as u32);
            }
            let Some(cover) = cover else {
                listed.push(false);
                continue;
            };
            listed.push(true);
            if cover == Cover::lines() {
                every_line.push(pattern as u32);
            }
            if cover.lines {
                at_lines.push(pattern as u32);
            }
            if cover.text_start {
                at_start.push(pattern as u32);
            }
            for AfterWords {
                words,
                literals: after,
            } in cover.after_words
            {
                let mut lead = words;
                lead.sort_unstable();
                lead.dedup();
                let set = match lead_words.iter().position(|known| *known == lead) {
                    Some(set) => set,
                    None => {
                        lead_words.push(lead);
                        lead_words.len() - 1
                    }
                };
                let mut after = after;
                after.sort_unstable();
                after.dedup();
                for word in after {
                    let at = add(word, &mut literals);
                    word_owners.resize_with(literals.len(), Vec::new);
                    word_owners[at].push((pattern as u32, set as u32));
                }
            }
            for (words, owners) in [(cover.literals, &mut owners), (cover.led, &mut led_owners)] {
                let mut words = words;
                words.sort_unstable();
                words.dedup();
                for word in words {
                    let at = add(word, &mut literals);
                    owners.resize_with(literals.len(), Vec::new);
                    owners[at].push(pattern as u32);
                }
            }
        }
        let prefixes = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(&literals)
            .ok();
        if prefixes.is_none() {
            listed.iter_mut().for_each(|l| *l = false);
            requires.iter_mut().for_each(|r| *r = false);
            confined.iter_mut().for_each(|c| *c = false);
        }
        owners.resize_with(literals.len(), Vec::new);
        led_owners.resize_with(literals.len(), Vec::new);
        word_owners.resize_with(literals.len(), Vec::new);
        required_by.resize_with(literals.len(), Vec::new);
        // the patterns that search with their own finder, and those whose
        // only candidates are line starts (unless the scan lists none)
        let by_finder = std::iter::once(
            (finder_groups.iter().enumerate())
                .filter(|&(_, g)| g.is_some())
                .map(|(pattern, _)| pattern as u32)
                .collect::<Vec<u32>>(),
        );
        let lines = prefixes.is_some().then_some(every_line);
        let joint_groups: Vec<Vec<u32>> = (by_finder.chain(lines))
            .flat_map(|members| {
                (members.chunks(MAX_MEMBERS).map(<[u32]>::to_vec)).collect::<Vec<_>>()
            })
            .filter(|members| members.len() > 1)
            .collect();
        let mut joint_group = vec![None; listed.len()];
        for (group, members) in joint_groups.iter().enumerate() {
            for &pattern in members {
                joint_group[pattern as usize] = Some(group);
            }
        }
        Scanner {
            prefixes,
            owners,
            led_owners,
            word_owners,
            lead_words,
            at_lines,
            at_start,
            required_by,
            requires,
            listed,
            confined,
            at_edge,
            finder_groups,
            finder_group_count: finders.len(),
            joint_groups,
            joint_group,
        }
    }

    /// The group of pattern `index` among the patterns that search with
    /// their own finder, when it is one of them: the patterns of a group
    /// have the same finder, whose starts in a text are then found once for
    /// all of them. Seven name patterns begin with `{full_name}`, whose
    /// finder is a capitalized word (`\p{Lu}\p{Ll}`), and each searched a
    /// text for it: 130,000 searches of each on text-1000, for the same
    /// starts.
    pub fn finder_group(&self, index: usize) -> Option<usize> {
        self.finder_groups[index]
    }

    /// How many groups [`Scanner::finder_group`] tells.
    pub fn finder_group_count(&self) -> usize {
        self.finder_group_count
    }

    /// Groups of patterns probed at once, each place read once for all the
    /// members whose candidates it is (`joint.rs`): the patterns that search
    /// with their own finder (sixteen name patterns, which begin at a
    /// capitalized word), and the patterns whose only candidates are line
    /// starts (every line start, or those of the lines of their words:
    /// twenty-five). Each of them probed those places on its own, reading
    /// the same name or line again for each pattern.
    pub fn joint_groups(&self) -> &[Vec<u32>] {
        &self.joint_groups
    }

    /// The group of pattern `index` among [`Scanner::joint_groups`], if any.
    pub fn joint_group(&self, index: usize) -> Option<usize> {
        self.joint_group[index]
    }

    /// The candidates of every pattern in `haystack`.
    ///
    /// The hits are read twice: once to count each pattern's candidates, once
    /// to write them into a vector of that size. A huge text has about two
    /// candidates per byte; kept as (pattern, start) pairs in a growing
    /// vector they took up to four times the room of the starts alone. The
    /// hits of a text under [`KEEP_HITS_BELOW`] bytes are kept from the
    /// first reading for the second (the prefixes' automaton read every
    /// text twice, 6% of a run's instructions); a larger text is searched
    /// twice, so that its hits are never held.
    pub fn scan(&self, haystack: &str) -> Starts {
        self.scan_holding_hits(haystack, haystack.len() < KEEP_HITS_BELOW)
    }

    /// [`Scanner::scan`], keeping the hits between the two readings or not.
    fn scan_holding_hits(&self, haystack: &str, keep_hits: bool) -> Starts {
        let patterns = self.listed.len();
        let mut present = vec![false; patterns];
        let mut counts = vec![0usize; patterns];
        let line_starts: Vec<u32> = if self.confined.contains(&true) {
            std::iter::once(0)
                .chain(
                    (haystack.bytes().enumerate())
                        .filter(|&(_, b)| b == b'\n')
                        .map(|(i, _)| offset(i + 1)),
                )
                .collect()
        } else {
            Vec::new()
        };
        // for each confined pattern, the lines (by index) where one of its
        // required words begins
        let mut marked: Vec<Vec<u32>> = vec![Vec::new(); patterns];
        let mut hits: Vec<(u32, u32)> = Vec::new();
        self.hits(haystack, |literal, at, start| {
            for &pattern in &self.required_by[literal] {
                present[pattern as usize] = true;
                if self.confined[pattern as usize] {
                    let line = line_starts.partition_point(|&l| l as usize <= at) - 1;
                    let lines = &mut marked[pattern as usize];
                    if lines.last() != Some(&offset(line)) {
                        lines.push(offset(line));
                    }
                }
            }
            if let Some(start) = start {
                self.for_owners(haystack, literal, start, |pattern, _| {
                    counts[pattern] += 1;
                });
                let owned = !self.owners[literal].is_empty()
                    || !self.led_owners[literal].is_empty()
                    || !self.word_owners[literal].is_empty();
                if keep_hits && owned {
                    hits.push((literal as u32, offset(start)));
                }
            }
        });
        for lines in &mut marked {
            // the hits come by their end: nearly ascending
            lines.sort_unstable();
            lines.dedup();
        }
        // a pattern whose required words are all missing has no candidate
        let absent: Vec<bool> = (0..patterns)
            .map(|p| self.requires[p] && !present[p])
            .collect();
        let at_lines: Vec<u32> = (self.at_lines.iter().copied())
            .filter(|&p| !absent[p as usize])
            .collect();
        let lines = || {
            std::iter::once(0).chain(
                haystack
                    .bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            )
        };
        if !at_lines.is_empty() {
            let n = lines().count();
            for &pattern in &at_lines {
                let pattern = pattern as usize;
                counts[pattern] += if self.confined[pattern] {
                    marked[pattern].len()
                } else {
                    n
                };
            }
        }
        for &pattern in &self.at_start {
            counts[pattern as usize] += 1;
        }
        let mut bounds = Vec::with_capacity(patterns + 1);
        let mut total = 0;
        for (pattern, &count) in counts.iter().enumerate() {
            bounds.push(total);
            if !absent[pattern] {
                total += count;
            }
        }
        bounds.push(total);
        let mut starts = vec![0u32; total];
        let mut next = bounds.clone();
        let mut write = |literal: usize, start: usize| {
            self.for_owners(haystack, literal, start, |pattern, at| {
                if !absent[pattern] {
                    starts[next[pattern]] = offset(at);
                    next[pattern] += 1;
                }
            });
        };
        if keep_hits {
            for &(literal, start) in &hits {
                write(literal as usize, start as usize);
            }
        } else {
            self.hits(haystack, |literal, _, start| {
                if let Some(start) = start {
                    write(literal, start);
                }
            });
        }
        for &pattern in &self.at_start {
            let pattern = pattern as usize;
            if !absent[pattern] {
                starts[next[pattern]] = 0;
                next[pattern] += 1;
            }
        }
        let (confined, everywhere): (Vec<u32>, Vec<u32>) =
            (at_lines.iter()).partition(|&&pattern| self.confined[pattern as usize]);
        if !everywhere.is_empty() {
            for start in lines() {
                for &pattern in &everywhere {
                    let pattern = pattern as usize;
                    starts[next[pattern]] = offset(start);
                    next[pattern] += 1;
                }
            }
        }
        for &pattern in &confined {
            let pattern = pattern as usize;
            for &line in &marked[pattern] {
                starts[next[pattern]] = line_starts[line as usize];
                next[pattern] += 1;
            }
        }
        // each pattern's candidates ascending, each once
        let mut kept = 0;
        for pattern in 0..patterns {
            let (from, to) = (bounds[pattern], bounds[pattern + 1]);
            starts[from..to].sort_unstable();
            bounds[pattern] = kept;
            for i in from..to {
                if i == from || starts[i] != starts[i - 1] {
                    starts[kept] = starts[i];
                    kept += 1;
                }
            }
        }
        bounds[patterns] = kept;
        starts.truncate(kept);
        Starts {
            starts,
            bounds,
            // a pattern without candidates because its required words are
            // missing needs no search of its own either
            listed: (self.listed.iter().zip(&absent))
                .map(|(&listed, &absent)| listed || absent)
                .collect(),
        }
    }

    /// Calls `f` with each pattern that `literal`, found at `start`, gives a
    /// candidate, and the candidate: its owners at `start`, but those that
    /// begin at an edge where there is none; the patterns it leads at the
    /// line starts before it across white space.
    fn for_owners(
        &self,
        haystack: &str,
        literal: usize,
        start: usize,
        mut f: impl FnMut(usize, usize),
    ) {
        let mut edge = None;
        for &pattern in &self.owners[literal] {
            let pattern = pattern as usize;
            if self.at_edge[pattern] && !*edge.get_or_insert_with(|| at_edge(haystack, start)) {
                continue;
            }
            f(pattern, start);
        }
        let after = &self.word_owners[literal];
        if !after.is_empty() {
            let space = white_space_before(haystack, start);
            let before = &haystack.as_bytes()[..space];
            for &(pattern, set) in after {
                let pattern = pattern as usize;
                for word in &self.lead_words[set as usize] {
                    let Some(at) = space.checked_sub(word.len()) else {
                        continue;
                    };
                    if !before[at..].eq_ignore_ascii_case(word)
                        || (self.at_edge[pattern] && !at_edge(haystack, at))
                    {
                        continue;
                    }
                    f(pattern, at);
                }
            }
        }
        let led = &self.led_owners[literal];
        if !led.is_empty() {
            line_starts_before(haystack, start, |line| {
                for &pattern in led {
                    f(pattern as usize, line);
                }
            });
        }
    }

    /// Calls `f` with each place one of the literals occurs in `haystack`:
    /// the literal's index, where it starts, and that again unless it is
    /// inside a code point (where no real match starts).
    fn hits(&self, haystack: &str, mut f: impl FnMut(usize, usize, Option<usize>)) {
        let Some(prefixes) = &self.prefixes else {
            return;
        };
        for hit in prefixes.find_overlapping_iter(haystack) {
            let start = haystack
                .is_char_boundary(hit.start())
                .then_some(hit.start());
            f(hit.pattern().as_usize(), hit.start(), start);
        }
    }
}

/// A byte offset of a text as the candidates keep it.
fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("a text is under --max-bytes, far below 4 GiB")
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::util::syntax;
    use regex_automata::Input;

    #[test]
    fn shared_literals_give_every_builtin_pattern_the_same_shape() {
        let rules = crate::rules::RuleSet::load(None).expect("built-in rules load");
        for pattern in rules.rules().iter().flat_map(|rule| &rule.regexes) {
            let alone = crate::rules::pattern::Pattern::new(pattern.as_str()).expect("compiles");
            assert_eq!(alone.shape(), pattern.shape(), "{}", pattern.as_str());
        }
    }

    fn shapes(hirs: &[Hir]) -> Vec<Shape> {
        let known = Literals::default();
        hirs.iter().map(|h| Shape::of(h, h, h, &known)).collect()
    }

    /// Every start of `pattern`'s forward leftmost search, one after the
    /// other, as `Pattern::captures_at` walks them.
    fn forward(pattern: &str, haystack: &str) -> Vec<usize> {
        let re = regex_automata::meta::Regex::new(pattern).expect("compiles");
        let mut out = Vec::new();
        let mut from = 0;
        while from <= haystack.len() {
            let Some(m) = re.find(Input::new(haystack).range(from..)) else {
                break;
            };
            out.push(m.start());
            from = m.start()
                + haystack[m.start()..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
        }
        out
    }

    #[test]
    fn candidates_include_every_start_of_each_finder() {
        let patterns = [
            r"(?i)le",
            r"(?i)mai",
            r"[0-9]{1,2} (?:mai|juin)",
            r"(?m)^Entre\s*:",
            r"(?-u:\b)la",
            r"é+",
            r"(?i)sign(?:é|ée|ature)",
            r"(?m)^\s*article\b",
            r"(?:(?m:^)[^\S\n]*|\b(?i:le|la)\s+)maire",
            r"\A\s*\p{L}",
            r"(?m)^[^\S\n]*(?:Vu|Article)\s",
            r"(?i)(?m)^\s*maire",
            r"(?:\bfait|(?m:^)\s*(?:signée?|établie?))\s+à",
        ];
        let text = "Entre :\nle 12 mai, Le Maire élu; léé 3 juin; la Caf.\nEntre: Œuvre éé \
                    SIGNÉE, signature, Signé\n  Article 2\nMaire de la maire";
        scan_covering(&patterns, text);
    }

    /// The candidates of `patterns` in `text`, once checked to include every
    /// start of each pattern's forward search.
    fn scan_covering(patterns: &[&str], text: &str) -> Starts {
        let hirs: Vec<Hir> = patterns
            .iter()
            .map(|p| syntax::parse(p).expect("parses"))
            .collect();
        let starts = Scanner::new(shapes(&hirs).iter()).scan(text);
        for (index, pattern) in patterns.iter().enumerate() {
            let got = starts.of(index).expect("listed");
            for start in forward(pattern, text) {
                assert!(
                    got.contains(&(start as u32)),
                    "{pattern}: {start} not in {got:?}"
                );
            }
        }
        starts
    }

    #[test]
    fn patterns_share_a_finder_whose_prefixes_are_not_listed() {
        let patterns = [
            r"\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+,\s+maire",
            r"(?i)maire",
            r"\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+\s+\(",
            r"\p{Lu}\p{Lu}+",
        ];
        let patterns: Vec<crate::rules::pattern::Pattern> = (patterns.iter())
            .map(|p| crate::rules::pattern::Pattern::new(p).expect("compiles"))
            .collect();
        let scanner = Scanner::new(patterns.iter().map(|p| p.shape()));
        // the two names cut to the same finder, a capitalized word
        let groups: Vec<Option<usize>> = (0..4).map(|i| scanner.finder_group(i)).collect();
        assert_eq!(groups, [Some(0), None, Some(0), Some(1)]);
        assert_eq!(scanner.finder_group_count(), 2);
    }

    #[test]
    fn a_leading_alternation_is_read_branch_by_branch() {
        let patterns = [
            r"(?m)(?:^|[.;:]\s+)(?:Le|La|LE|LA)\s+conseil",
            // no common prefix to its branches, which the parser would take
            // out of the alternation
            r"\b(?i:le|ce|la\s+nouvelle)\s+(?i:convention)",
            // an optional first part is an alternation with the empty text
            r"(?:(?:M\.|Mme)\s+)?(?i:le|la)\s+présidente?",
        ];
        let text = "Le conseil a voté. Le maire, la conseillère; La conseil\n\
                    La convention, la nouvelle convention. Le texte, Mme la présidente";
        let compiled: Vec<crate::rules::pattern::Pattern> = (patterns.iter())
            .map(|p| crate::rules::pattern::Pattern::new(p).expect("compiles"))
            .collect();
        let starts = Scanner::new(compiled.iter().map(|p| p.shape())).scan(text);
        for (index, pattern) in patterns.iter().enumerate() {
            let got = starts.of(index).expect("listed");
            let every = forward(pattern, text);
            assert!(!every.is_empty(), "{pattern}");
            for start in every {
                assert!(
                    got.contains(&(start as u32)),
                    "{pattern}: {start} not in {got:?}"
                );
            }
            // not every `le ` and `la `: those before `maire` and `texte`
            // lead to neither pattern
            for other in ["Le maire", "Le texte"] {
                let at = text.find(other).expect("in the text") as u32;
                assert!(!got.contains(&at), "{pattern}: {other} in {got:?}");
            }
        }
        // `Le` and `La` before `conseil` (0, 30 before `conseillère`, 47),
        // and `.` or `;` before `Le ` or `La ` (18, 45, 95; the literals
        // after them end at the white space after the article)
        assert_eq!(starts.of(0), Some(&[0, 18, 30, 45, 47, 95][..]));
    }

    #[test]
    fn a_line_start_is_a_candidate_only_before_the_words_that_lead_it() {
        // the `(?m)^` of a line pattern, and of one branch of a role's start
        let patterns = [
            r"(?m)^[^\S\n]*(?:Vu|Considérant)\s+la",
            r"(?:(?m:^)[^\S\n]*|\b(?i:le|la)\s+)(?i:maire|présidente?)\b",
        ];
        let text = "Vu la loi\n  Considérant la\nLe texte\n\nmaire\nVoir le Maire";
        let starts = scan_covering(&patterns, text);
        // every line start is one no more: those of `Le texte` and `Voir` are
        // followed by other words
        assert_eq!(starts.of(0), Some(&[0, 10][..]));
        // at line starts, only those before `maire` (the blank line before it
        // too: white space alone leads from it, and the pattern as written
        // then refuses it), not that of `Voir` (44); elsewhere the `le`
        // before `Maire`, not those before `loi` and `texte`
        assert_eq!(starts.of(1), Some(&[37, 38, 49][..]));
    }

    #[test]
    fn a_short_word_is_a_candidate_only_before_what_follows_it() {
        // the head of the role patterns (its alternation is read branch by
        // branch because one of them begins at a line start)
        let patterns =
            [r"(?:(?m:^)[^\S\n]*|\b(?i:le|la)\s+|\b(?i:l)['’]\s*)(?i:maire|présidente?)\b"];
        let text = "la loi, LE  Maire, l’maire, l' Présidente, le primaire, Nicole maire";
        let starts = scan_covering(&patterns, text);
        // not `la loi`, nor `primaire`, nor the end of `Nicole` (no word
        // boundary before its `le`)
        assert_eq!(starts.of(0), Some(&[8, 19, 30][..]));
    }

    #[test]
    fn words_followed_by_white_space_lead_only_when_they_are_all_the_part() {
        let known = Literals::default();
        let after = |pattern: &str| {
            let hir = syntax::parse(pattern).expect("parses");
            let HirKind::Concat(subs) = hir.kind() else {
                panic!("{pattern} is no concatenation");
            };
            after_words(subs, &known).is_some()
        };
        assert!(after(r"(?i:le|la)\s+maire"));
        assert!(after(r"l['’][^\S\n]*maire"));
        // `le+` has no list of words; `le\s` ends with white space
        assert!(!after(r"le+\s+maire"));
        assert!(!after(r"(?:le\s|la)\s*maire"));
        // nothing listed after the white space
        assert!(!after(r"le\s+\p{Lu}"));
    }

    #[test]
    fn a_pattern_at_the_start_of_the_text_has_one_candidate() {
        let starts = scan_covering(&[r"\A\s*(?P<title>[^\n]*\p{L})"], "Titre\nSuite\nFin");
        assert_eq!(starts.of(0), Some(&[0][..]));
    }

    #[test]
    fn own_finders_and_line_starts_are_probed_in_groups() {
        let patterns = [
            r"\p{Lu}\p{Ll}+,\s+maire",
            r"\p{Lu}\p{Ll}+\s+(?:était|est)\s+absent",
            r"\d+\s+\p{Lu}\p{Ll}+",
            r"(?m)^[^\n.!?]{3,60}$",
            r"(?m)^[^\n]*\bsign[^\n]*$",
            r"(?i)\bsign[ée]",
            r"(?m)^[^\S\n]*(?:Vu|Considérant)\s+la",
        ];
        let hirs: Vec<Hir> = (patterns.iter())
            .map(|p| syntax::parse(p).expect("parses"))
            .collect();
        let scanner = Scanner::new(shapes(&hirs).iter());
        // the names, with their own finders; the lines, every one or those
        // of `sign`; not a listed word, nor lines led by words
        assert_eq!(scanner.joint_groups(), [vec![0, 1, 2], vec![3, 4]]);
        assert_eq!(scanner.joint_group(2), Some(0));
        assert_eq!(scanner.joint_group(5), None);
        assert_eq!(scanner.joint_group(6), None);
    }

    #[test]
    fn a_finder_without_prefixes_keeps_its_own_search() {
        let patterns = [r"x?", r"\p{Lu}\p{Ll}+", r"mai"];
        let hirs: Vec<Hir> = patterns
            .iter()
            .map(|p| syntax::parse(p).expect("parses"))
            .collect();
        let starts = Scanner::new(shapes(&hirs).iter()).scan("Le 3 mai");
        assert!(starts.of(0).is_none());
        assert!(starts.of(1).is_none());
        assert_eq!(starts.of(2), Some(&[5][..]));
    }

    #[test]
    fn a_pattern_whose_required_words_are_missing_is_not_searched() {
        let patterns = [
            r"(?m)^[^\n]{0,200}?(?i:représentée?s?)\s+par",
            r"\p{Lu}\p{Ll}+ (?:maire|adjoint)",
        ];
        let hirs: Vec<Hir> = patterns
            .iter()
            .map(|p| syntax::parse(p).expect("parses"))
            .collect();
        let scanner = Scanner::new(shapes(&hirs).iter());
        let none = scanner.scan("Le maire Dupont.\nLa Caf est là.");
        assert_eq!(none.of(0), Some(&[][..]));
        assert!(none.of(1).is_none());
        let text = "Le Maire.\nLa Caf, représentée par M. Dupont, adjoint";
        let some = scanner.scan(text);
        // its `\s+` may read a line break, but only after `représentée`:
        // the line that says it
        assert_eq!(some.of(0), Some(&[10][..]));
        assert!(some.of(1).is_none());
        let absent = scanner.scan("La Caf, représentée par M. Dupont");
        assert_eq!(absent.of(1), Some(&[][..]));
    }

    #[test]
    fn a_line_pattern_is_tried_only_on_the_lines_of_its_required_words() {
        let patterns = [
            // stays in its line: only the lines that say `sign`
            r"(?mi)^[^\n]*\bsign[^\n]*$",
            // may read the next line: the line starts from which white space
            // alone leads to `sign`
            r"(?mi)^\s*sign",
        ];
        let hirs: Vec<Hir> = patterns
            .iter()
            .map(|p| syntax::parse(p).expect("parses"))
            .collect();
        let scanner = Scanner::new(shapes(&hirs).iter());
        let text = "Le maire.\nIl a SIGNÉ la convention.\nFin.\n\nSignature";
        let starts = scanner.scan(text);
        assert_eq!(starts.of(0), Some(&[10, 43][..]));
        assert_eq!(starts.of(1), Some(&[42, 43][..]));
        for (index, pattern) in patterns.iter().enumerate() {
            let got = starts.of(index).expect("listed");
            for start in forward(pattern, text) {
                assert!(got.contains(&(start as u32)), "{pattern}: {start}");
            }
        }
    }

    #[test]
    fn a_line_pattern_that_reads_a_line_break_after_its_word_is_tried_on_that_words_lines() {
        let patterns = [
            // the line break comes after `recrute`: only the lines that say it
            r"(?mi)^[^\n.]{0,80}\brecrute\s+(?:un|une)\s+\w+",
            // it may come before `convention` ("Objet :" then a line break):
            // every line start
            r"(?mi)^[^\S\n]*(?:objet\s*:\s*)?[^\n.]{0,60}?convention",
        ];
        let hirs: Vec<Hir> = patterns
            .iter()
            .map(|p| syntax::parse(p).expect("parses"))
            .collect();
        let scanner = Scanner::new(shapes(&hirs).iter());
        let text = "Avis.\nLa ville recrute\nune animatrice.\nObjet :\nConvention\nFin";
        let starts = scanner.scan(text);
        assert_eq!(starts.of(0), Some(&[6][..]));
        assert_eq!(starts.of(1), Some(&[0, 6, 23, 39, 47, 58][..]));
        for (index, pattern) in patterns.iter().enumerate() {
            let got = starts.of(index).expect("listed");
            let found = forward(pattern, text);
            assert!(!found.is_empty(), "{pattern}");
            for start in found {
                assert!(got.contains(&(start as u32)), "{pattern}: {start}");
            }
        }
    }

    #[test]
    fn a_pattern_that_begins_at_a_word_boundary_has_no_candidate_inside_a_word() {
        let patterns = [
            r"(?i)\b(?:a|ont)\s+signé",
            r"(?i)(?:a|ont)\s+signé",
            r"(?:(?m:^)[^\S\n]*|\b(?i:le)\s+)maire",
            r"\bété\b",
        ];
        let text = "Elle a signé; Cela signé, la Caf a  signé, ils ont signé.\nmaire; \
                    le maire, Lemaire; l'été, cet été, étés, complétées";
        let starts = scan_covering(&patterns, text);
        let at = |word: &str, skip: usize| (text.find(word).expect("in the text") + skip) as u32;
        let has = |index: usize, at: u32| starts.of(index).expect("listed").contains(&at);
        // the `a` that ends `Cela` is a candidate only without `\b`
        assert!(!has(0, at("Cela", 3)) && has(1, at("Cela", 3)));
        assert!(!has(2, at("Lemaire", 2)));
        assert!(has(3, at("étés", 0)) && !has(3, at("complétées", 5)));
    }

    #[test]
    fn which_patterns_begin_at_an_edge() {
        let edge = |p: &str| begins_at_edge(&syntax::parse(p).expect("parses"));
        for yes in [
            r"\bmai",
            r"(?m)^Entre",
            r"\Asign",
            r"(?:\bfait|(?m:^)\s*signé)",
            r"(?P<w>\b(?:le|la))\s",
            r"(?m:$)\bx",
            r"\b{start}x",
        ] {
            assert!(edge(yes), "{yes}");
        }
        for no in [
            r"mai",
            r"x?\bmai",
            r"(?:\bfait|signé)",
            r"\Bign",
            r"(?-u:\b)la",
        ] {
            assert!(!edge(no), "{no}");
        }
    }

    #[test]
    fn prefixes_go_through_white_space_and_ascii_case() {
        let known = Literals::default();
        let listed =
            |p: &str| prefixes(&syntax::parse(p).expect("parses"), &known).expect("listed");
        let words = listed(r"(?i)(?:a|ont)\s+signé");
        assert!(words.contains(&b"a ".to_vec()) && words.contains(&b"ont\t".to_vec()));
        assert!(!words.contains(&b"a".to_vec()), "{words:?}");
        // `(?i)k` is also the Kelvin sign, which ASCII case does not fold
        let kelvin = listed(r"(?i)ok");
        assert!(
            kelvin.contains(&b"ok".to_vec()) && kelvin.contains(&"o\u{212A}".as_bytes().to_vec())
        );
    }
}

#[cfg(test)]
mod builtin {
    use crate::rules::RuleSet;

    #[test]
    fn most_builtin_finders_start_at_listed_words_or_line_starts() {
        let rules = RuleSet::load(None).expect("built-in rules compile");
        let listed = &rules.scanner.listed;
        let own = listed.iter().filter(|l| !**l).count();
        // each pattern left out searches the whole text on its own: a
        // change of the rules or of the scanner that leaves many more out
        // loses the one-pass scan
        assert!(
            own * 10 < listed.len(),
            "{own} of {} finders search on their own",
            listed.len()
        );
    }

    #[test]
    fn the_hits_kept_between_the_two_readings_give_the_same_candidates() {
        let rules = RuleSet::load(None).expect("built-in rules compile");
        let text = "Entre :\nla Caf de l'Orne, représentée par M. Paul Roy, président,\n\
                    et la commune d'Alençon. Vu la délibération du 3 mai 2024, \
                    la convention territoriale globale (CTG) a été signée le 12 juin 2024 \
                    pour la période 2024-2028.\nFait à Alençon, le 12 juin 2024."
            .repeat(3);
        assert_eq!(
            rules.scanner.scan_holding_hits(&text, true),
            rules.scanner.scan_holding_hits(&text, false)
        );
    }

    #[test]
    fn a_finder_cut_before_the_required_words_still_skips_texts_without_them() {
        let rules = RuleSet::load(None).expect("built-in rules compile");
        // `signatory.absent`'s first pattern: its finder is a name, cut
        // before `était|est|sont` and `absent|excusé`, which names lack
        let mut index = 0;
        for rule in rules.rules() {
            if rule.id.0 == "signatory.absent" {
                break;
            }
            index += rule.regexes.len();
        }
        let names = "Anne Martin Éric Dubois Hélène Petit Gérard Lefèvre ".repeat(20);
        let starts = rules.scanner.scan(&names);
        assert_eq!(starts.of(index), Some(&[][..]));
        let absent = format!("{names}Paul Roy était absent.");
        assert!(rules.scanner.scan(&absent).of(index).is_none());
    }
}
