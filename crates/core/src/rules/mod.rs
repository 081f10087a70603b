//! Rules: word tables, sub-patterns and rules loaded from TOML files, compiled once
//! per run and shared read-only by every document.
//!
//! - `model.rs`: the file shape; `compile.rs`: file shape -> `RuleSet`, with every
//!   problem reported as a `RuleError` naming file, line and rule;
//! - `lexicon.rs`: the typed word tables and axes the extractors read;
//! - `trace.rs`: what became of each match;
//! - `veto.rs`: the veto matches of a field, to find the one covering a span;
//! - `parse.rs`: pattern text -> syntax tree, without folding what folding
//!   cannot change;
//! - `literals.rs`: the literals of sub-patterns, worked out once per rule set;
//! - `scan.rs`: one pass over a text for the finders of every rule;
//! - `joint.rs`: patterns proposed at the same places, probed at once;
//! - `builtin.rs`: the shipped `rules/` folder, embedded in the binary;
//! - `check.rs`: runs every rule's examples (`ctg rules check`, `cargo test`).
//!
//! This module knows how a pattern matches and how evidence is cut from a match; it
//! does not know what a date or a duration is (that is `extract/`).

pub mod builtin;
pub mod compile;
pub mod error;
pub mod field;
pub mod joint;
pub mod lexicon;
pub mod literals;
pub mod model;
pub mod parse;
pub mod pattern;
pub mod prepared;
pub mod scan;
pub mod trace;
pub mod veto;

use crate::normalize::Text;
use crate::record::{Evidence, RuleId, StatusValue};
use joint::Joint;
use lexicon::Lexicon;
use model::SettingsDef;
use pattern::{Found, Pattern};
use regex::Regex;
use scan::{Scanner, Starts};
use std::cell::RefCell;

use std::path::{Path, PathBuf};
use std::rc::Rc;

pub use error::RuleError;
pub use field::Field;

/// What a rule does with its matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// Each match is a candidate value.
    Extract,
    /// Each match cancels the field's candidates whose value lies inside it.
    Veto,
}

/// An example of a compiled rule.
#[derive(Debug, Clone)]
pub struct Example {
    /// The passage.
    pub text: String,
    /// The expected value, `None` for "nothing".
    pub yields: Option<String>,
    /// Publication date to assume, `YYYY-MM-DD`.
    pub published: Option<String>,
}

/// A rule ready to match.
#[derive(Debug)]
pub struct Rule {
    /// Its id.
    pub id: RuleId,
    /// The field it feeds.
    pub field: Field,
    /// Extract or veto.
    pub kind: RuleKind,
    /// Higher wins.
    pub priority: i32,
    /// Compiled patterns (sub-patterns expanded).
    pub regexes: Vec<Pattern>,
    /// Fixed value, for fields without captures.
    pub value: Option<String>,
    /// When not empty, the rule counts only in documents of these statuses (a
    /// veto also where the status is unknown).
    pub only_when_status: Vec<StatusValue>,
    /// A signatory veto that spares the officers of the convention's parties.
    pub spares_party_officers: bool,
    /// A signatory veto that holds for every mention of the person it covers.
    pub whole_person: bool,
    /// A scope veto that does not hold in one passage of a round-up.
    pub not_in_passages: bool,
    /// Its examples.
    pub examples: Vec<Example>,
    /// File it was defined in.
    pub file: PathBuf,
    /// Line of its `id`.
    pub line: usize,
}

/// A captured group of a match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capture<'t> {
    /// The captured text.
    pub text: &'t str,
    /// Code-point offset of its start.
    pub start: usize,
    /// Code-point offset of its end.
    pub end: usize,
    /// Byte range in the normalized text.
    pub range: std::ops::Range<usize>,
}

/// The named captures of a match, by name: a few, kept in a vector sorted
/// by name rather than a `BTreeMap`, whose first node alone is some 700
/// bytes: a text of a million dates has millions of date matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Captures<'r, 't>(Vec<(&'r str, Capture<'t>)>);

impl<'r, 't> Captures<'r, 't> {
    /// The capture named `name`, if it participated.
    pub fn get(&self, name: &str) -> Option<&Capture<'t>> {
        let at = self.0.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
        Some(&self.0[at].1)
    }

    /// The captures, in the order of their names.
    pub fn values(&self) -> impl Iterator<Item = &Capture<'t>> {
        self.0.iter().map(|(_, c)| c)
    }
}

impl<'r, 't> FromIterator<(&'r str, Capture<'t>)> for Captures<'r, 't> {
    /// As a map collects: sorted by name, the last of a name kept.
    fn from_iter<I: IntoIterator<Item = (&'r str, Capture<'t>)>>(items: I) -> Self {
        let mut all: Vec<(&'r str, Capture<'t>)> = items.into_iter().collect();
        // stable: of equal names, the last given ends last
        all.sort_by(|a, b| a.0.cmp(b.0));
        let mut out: Vec<(&'r str, Capture<'t>)> = Vec::with_capacity(all.len());
        for item in all {
            match out.last_mut() {
                Some(last) if last.0 == item.0 => *last = item,
                _ => out.push(item),
            }
        }
        Captures(out)
    }
}

/// One match of a rule in a text, with the evidence already cut.
#[derive(Debug, Clone)]
pub struct Match<'r, 't> {
    /// The rule.
    pub rule: &'r Rule,
    /// Evidence for the whole match.
    pub evidence: Evidence,
    /// Named captures that participated.
    pub captures: Captures<'r, 't>,
    /// Byte range of the whole match in the normalized text.
    pub range: std::ops::Range<usize>,
}

impl Match<'_, '_> {
    /// The span of the value inside the match: from the first to the last capture
    /// (the whole match when there are no captures). A `clause` capture
    /// counts: it stretches the span over the words that make the value the
    /// convention's, which a veto must then cover as well.
    pub fn value_span(&self) -> (usize, usize) {
        let start = self.captures.values().map(|c| c.start).min();
        let end = self.captures.values().map(|c| c.end).max();
        match (start, end) {
            (Some(s), Some(e)) => (s, e),
            _ => (self.evidence.start, self.evidence.end),
        }
    }

    /// The text of a capture, if it participated.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.captures.get(name).map(|c| c.text)
    }
}

/// All rules, tables and settings of a run, compiled.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    lexicon: Lexicon,
    settings: SettingsDef,
    fingerprint: String,
    files: Vec<PathBuf>,
    /// Every rule's finders joined, in rule order then pattern order.
    scanner: Scanner,
    /// The probe of each of the scanner's joint groups.
    joint: Vec<Joint>,
}

impl RuleSet {
    /// Loads the built-in rules, or the rules of `dir` instead when given.
    pub fn load(dir: Option<&Path>) -> Result<RuleSet, Vec<RuleError>> {
        let sources = match dir {
            Some(dir) => builtin::read_dir(dir).map_err(|e| vec![e])?,
            None => builtin::sources(),
        };
        compile::compile(&sources)
    }

    /// Loads the rules as [`RuleSet::load`] does; the built-in rules take
    /// the facts of their patterns from `prepared` (worked out at build
    /// time, see `prepared.rs`), the rules of `dir` compile as usual.
    pub fn load_prepared(
        dir: Option<&Path>,
        prepared: &prepared::Prepared,
    ) -> Result<RuleSet, Vec<RuleError>> {
        match dir {
            Some(_) => RuleSet::load(dir),
            None => compile::compile_prepared(&builtin::sources(), prepared),
        }
    }

    /// Every rule, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Every word list and piece of grammar the extractors read, typed.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Settings of the mechanisms.
    pub fn settings(&self) -> &SettingsDef {
        &self.settings
    }

    /// SHA-256 over every rule file's path and content: changes whenever a rule does.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The files the rules were read from.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Compiles every pattern now, including those that would otherwise wait
    /// for their first candidate match (see `pattern.rs`): what `ctg rules
    /// check` runs, so that no rule fails later on a document.
    pub fn compile_all(&self) -> Result<(), Vec<RuleError>> {
        let errors: Vec<RuleError> = self
            .rules
            .iter()
            .flat_map(|rule| {
                rule.regexes.iter().filter_map(move |pattern| {
                    let message = pattern.compiled().err()?;
                    Some(RuleError::BadRegex {
                        file: rule.file.display().to_string(),
                        line: rule.line,
                        rule: rule.id.to_string(),
                        message,
                    })
                })
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Pattern `index`, numbered as the scanner numbers them: in rule
    /// order, then pattern order.
    fn pattern(&self, index: usize) -> &Pattern {
        let mut first = 0;
        for rule in &self.rules {
            if index < first + rule.regexes.len() {
                return &rule.regexes[index - first];
            }
            first += rule.regexes.len();
        }
        panic!("no pattern {index} in the rule set")
    }

    /// Every compiled pattern, in rule order, one per line, ready for
    /// `rg -f`: a pattern spanning lines (a TOML multi-line string) has its line
    /// breaks written `\n`, and named groups become plain groups, since ripgrep
    /// joins the patterns into one regex where names would collide.
    pub fn patterns(&self) -> Vec<String> {
        let named = Regex::new(r"\(\?P?<[A-Za-z_][A-Za-z0-9_]*>").expect("valid");
        self.rules
            .iter()
            .flat_map(|rule| &rule.regexes)
            .map(|pattern| {
                let one_line = pattern.as_str().replace('\n', "\\n");
                named.replace_all(&one_line, "(?:").into_owned()
            })
            .collect()
    }

    /// Every match of the rules of `field` in `text`, extraction and veto rules alike,
    /// ordered by position then rule order. To look for several fields in one
    /// text, [`RuleSet::scan`] it once.
    pub fn find<'r, 't>(&'r self, field: Field, text: &'t Text) -> Vec<Match<'r, 't>> {
        self.scan(text).find(field)
    }

    /// Reads `text` once for the finders of every rule (see `scan.rs`), ready
    /// to give each field's matches.
    pub fn scan<'r, 't>(&'r self, text: &'t Text) -> Scan<'r, 't> {
        Scan {
            rules: self,
            text,
            starts: self.scanner.scan(text.as_str()),
            shared: RefCell::new(vec![None; self.scanner.finder_group_count()]),
            sifted: RefCell::new(vec![None; self.joint.len()]),
            kept: None,
        }
    }

    /// As [`RuleSet::scan`], and the scan keeps what each pattern's search
    /// found (up to [`KEPT_ROOM`] matches in all), so that finding a field's
    /// matches again does not search again: the extraction of a text that
    /// is one passage reads the whole text a second time as its passage.
    pub fn scan_keeping<'r, 't>(&'r self, text: &'t Text) -> Scan<'r, 't> {
        Scan {
            kept: Some(RefCell::new(Kept {
                found: Vec::new(),
                room: KEPT_ROOM,
            })),
            ..self.scan(text)
        }
    }
}

/// How many matches a keeping scan keeps, in all: a pattern's matches past
/// it are searched again when asked again (the same matches), so that a text
/// of a million dates does not hold them twice.
const KEPT_ROOM: usize = 1 << 18;

/// What a keeping scan's searches found, by pattern index.
#[derive(Debug)]
struct Kept<'r> {
    found: Vec<Option<Vec<Found<'r>>>>,
    /// How many more matches may be kept.
    room: usize,
}

/// The candidates a joint probe keeps for each member of its group, in the
/// order of its members (`None`: a member that searches with its own finder).
type Sifted = Vec<Option<Rc<[u32]>>>;

/// A text read once for the finders of every rule.
#[derive(Debug)]
pub struct Scan<'r, 't> {
    rules: &'r RuleSet,
    text: &'t Text,
    /// Where each pattern may match.
    starts: Starts,
    /// The starts of each finder that patterns share (see
    /// [`Scanner::finder_group`]), found on the first search that needs them.
    shared: RefCell<Vec<Option<Rc<[u32]>>>>,
    /// For each joint group (see [`Scanner::joint_groups`]), the candidates
    /// its probe keeps for each member (`None`: a member that searches with
    /// its own finder), sifted on the first search of a member.
    sifted: RefCell<Vec<Option<Sifted>>>,
    /// What each pattern's search found, when the scan keeps it.
    kept: Option<RefCell<Kept<'r>>>,
}

impl<'r, 't> Scan<'r, 't> {
    /// The rules it reads for.
    pub fn rules(&self) -> &'r RuleSet {
        self.rules
    }

    /// Every match of the rules of `field`, extraction and veto rules alike,
    /// ordered by position then rule order.
    pub fn find(&self, field: Field) -> Vec<Match<'r, 't>> {
        let mut found = Vec::new();
        let text = self.text;
        let haystack = text.as_str();
        // the scanner numbers patterns in rule order, then pattern order
        let mut first = 0;
        for rule in &self.rules.rules {
            let index = first;
            first += rule.regexes.len();
            if rule.field != field {
                continue;
            }
            for (k, regex) in rule.regexes.iter().enumerate() {
                crate::budget::check();
                for caps in self.search(index + k, field, regex) {
                    let whole = caps.range.clone();
                    let evidence = evidence_of(rule, text, whole.start, whole.end);
                    let captures = caps
                        .groups
                        .into_iter()
                        .map(|(name, range)| {
                            let capture = Capture {
                                text: &haystack[range.clone()],
                                start: text.char_offset(range.start),
                                end: text.char_offset(range.end),
                                range,
                            };
                            (name, capture)
                        })
                        .collect();
                    found.push(Match {
                        rule,
                        evidence,
                        captures,
                        range: whole,
                    });
                }
            }
        }
        found.sort_by_key(|m| (m.evidence.start, m.evidence.end));
        found
    }

    /// Every match of pattern `index` (`regex`, of a rule of `field`): what
    /// the scan kept of it, or a search.
    fn search(&self, index: usize, field: Field, regex: &'r Pattern) -> Vec<Found<'r>> {
        if let Some(kept) = &self.kept {
            if let Some(Some(found)) = kept.borrow().found.get(index) {
                return found.clone();
            }
        }
        let haystack = self.text.as_str();
        let shared;
        let candidates = match (self.sifted_starts(index), self.starts.of(index)) {
            (Some(sifted), _) => {
                shared = Some(sifted);
                shared.as_deref()
            }
            (None, Some(listed)) => Some(listed),
            (None, None) => {
                shared = self.shared_starts(index, regex);
                shared.as_deref()
            }
        };
        let mut search = regex.search(haystack, candidates);
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(caps) = (at <= haystack.len()).then(|| search.next_at(at)).flatten() {
            at = next_search(field, &caps, haystack);
            found.push(caps);
        }
        if let Some(kept) = &self.kept {
            let mut kept = kept.borrow_mut();
            if found.len() <= kept.room {
                kept.room -= found.len();
                if kept.found.len() <= index {
                    kept.found.resize_with(index + 1, || None);
                }
                kept.found[index] = Some(found.clone());
            }
        }
        found
    }

    /// The candidates of pattern `index` that the probe of its joint group
    /// keeps, when it is in one (see `joint.rs`): the group's places are
    /// sifted once, on the first search of a member.
    fn sifted_starts(&self, index: usize) -> Option<Rc<[u32]>> {
        let group = self.rules.scanner.joint_group(index)?;
        let joint = &self.rules.joint[group];
        let member = joint.members().iter().position(|&m| m == index)?;
        if let Some(sifted) = &self.sifted.borrow()[group] {
            return sifted[member].clone();
        }
        let sifted = self.sift(joint);
        let kept = sifted[member].clone();
        self.sifted.borrow_mut()[group] = Some(sifted);
        kept
    }

    /// The candidates of each member of `joint` that its probe keeps.
    fn sift(&self, joint: &Joint) -> Sifted {
        let patterns: Vec<&Pattern> = (joint.members().iter())
            .map(|&m| self.rules.pattern(m))
            .collect();
        let lists: Vec<Option<Rc<[u32]>>> = (joint.members().iter().zip(&patterns))
            .map(|(&m, pattern)| match self.starts.of(m) {
                Some(listed) => Some(listed.into()),
                None => self.shared_starts(m, pattern),
            })
            .collect();
        // one member's own probe reads no more than the group's
        let proposals = lists.iter().flatten().map(|l| l.len()).sum();
        if lists.iter().flatten().filter(|l| !l.is_empty()).count() < 2 || !joint.pays(proposals) {
            return lists;
        }
        let mut places: Vec<u32> = lists
            .iter()
            .flatten()
            .flat_map(|l| l.iter().copied())
            .collect();
        places.sort_unstable();
        places.dedup();
        let sifted = joint.sift(&patterns, self.text.as_str(), &places);
        (lists.iter().enumerate())
            .map(|(k, list)| {
                let list = list.as_ref()?;
                Some(joint::kept_for(k, list, &places, &sifted).into())
            })
            .collect()
    }

    /// The starts of the finder of pattern `index` (`regex`), when it shares
    /// its finder with other patterns: found by the first of them to ask.
    fn shared_starts(&self, index: usize, regex: &Pattern) -> Option<Rc<[u32]>> {
        let group = self.rules.scanner.finder_group(index)?;
        let mut shared = self.shared.borrow_mut();
        let starts =
            shared[group].get_or_insert_with(|| regex.finder_starts(self.text.as_str()).into());
        Some(Rc::clone(starts))
    }
}

/// Where the search for the next match of a rule starts. Matches of most fields
/// do not overlap; a `signatory` match resumes right after the name it found,
/// so that the role it read ("1ère adjointe à la vie associative et") does not
/// hide the next person ("Laurence HAUCK, directrice").
fn next_search(field: Field, found: &Found, haystack: &str) -> usize {
    let whole = &found.range;
    let name = found.groups.iter().find(|(n, _)| *n == "name");
    let resume = match (field, name) {
        (Field::Signatory, Some((_, name))) => name.end,
        _ => whole.end,
    };
    if resume > whole.start {
        resume
    } else {
        // an empty match: step over one character
        haystack[whole.start..]
            .chars()
            .next()
            .map_or(haystack.len() + 1, |c| whole.start + c.len_utf8())
    }
}

/// Evidence for a rule's match: the rule and a byte span of the normalized text.
fn evidence_of(rule: &Rule, text: &Text, start: usize, end: usize) -> Evidence {
    evidence(&rule.id, text, start, end)
}

/// The one constructor of evidence: a rule id (a rule of a file, or one of the
/// built-in matchers such as the gazetteers) and a byte span of the normalized text.
pub fn evidence(rule: &RuleId, text: &Text, start: usize, end: usize) -> Evidence {
    let char_start = text.char_offset(start);
    Evidence {
        rule: rule.clone(),
        start: char_start,
        end: text.char_offset(end),
        text: text.as_str()[start..end].to_string(),
        page: text.page_of(char_start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn captures_read_as_the_map_they_replace() {
        let capture = |at: usize| Capture {
            text: "x",
            start: at,
            end: at + 1,
            range: at..at + 1,
        };
        let given = [
            ("year", capture(6)),
            ("day", capture(0)),
            ("month", capture(3)),
            ("day", capture(9)),
        ];
        let map: BTreeMap<&str, Capture> = given.iter().cloned().collect();
        let captures: Captures = given.iter().cloned().collect();
        let starts = |v: Vec<&Capture>| v.iter().map(|c| c.start).collect::<Vec<_>>();
        assert_eq!(
            starts(captures.values().collect()),
            starts(map.values().collect())
        );
        for name in ["day", "month", "year", "name"] {
            assert_eq!(captures.get(name), map.get(name), "{name}");
        }
    }

    /// Every match of `pattern` in `haystack` walked among `candidates`, one
    /// search resumed after each match, as `(start, end)`.
    fn walk(pattern: &Pattern, haystack: &str, candidates: Option<&[u32]>) -> Vec<(usize, usize)> {
        let mut search = pattern.search(haystack, candidates);
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(m) = (at <= haystack.len()).then(|| search.next_at(at)).flatten() {
            at = m.range.end.max(m.range.start + 1);
            found.push((m.range.start, m.range.end));
        }
        found
    }

    #[test]
    fn the_members_of_a_joint_group_find_among_the_places_kept_what_they_found_among_all() {
        let rules = RuleSet::load(None).expect("built-in rules load");
        let text = Text::new(
            "Accueil › Actualités › Social\n\
             Objet : convention territoriale globale\n\
             Laon, le 3 mai 2024 – La Ville et la Caf ont signé la CTG.\n\
             Anne Martin, maire de Laon, et Paul Roy, président de la Caf de l'Aisne, \
             ont signé pour la Caf.\n\
             - l'accès aux droits ;\n\
             Éric Dubois était absent. M. Jean Durand, adjoint au maire.\n\
             (Photo : Ville de Laon)\n\
             Les communes de Chauny, Tergnier et Hirson.\n",
        );
        let haystack = text.as_str();
        // as in a run past its first texts
        for joint in &rules.joint {
            joint.pays(joint::PAYS_AFTER);
        }
        let scan = rules.scan(&text);
        let (mut kept, mut all, mut matches) = (0, 0, 0);
        for members in rules.scanner.joint_groups() {
            for &member in members {
                let member = member as usize;
                let pattern = rules.pattern(member);
                let every = match scan.starts.of(member) {
                    Some(listed) => Some(listed.into()),
                    None => scan.shared_starts(member, pattern),
                };
                let sifted = scan.sifted_starts(member);
                let found = walk(pattern, haystack, sifted.as_deref());
                assert_eq!(
                    found,
                    walk(pattern, haystack, every.as_deref()),
                    "{}",
                    pattern.as_str()
                );
                kept += sifted.map_or(0, |s| s.len());
                all += every.map_or(0, |s| s.len());
                matches += found.len();
            }
        }
        assert!(matches > 5, "the text has matches of the members");
        assert!(kept * 4 < all, "most places are dropped: {kept} of {all}");
    }
}
