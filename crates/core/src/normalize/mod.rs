//! Raw document text -> the normalized `Text` that every rule sees.
//!
//! The steps run here, in this order, and nowhere else:
//! 1. line ends to `\n`;
//! 2. characters made matchable, then Unicode NFC: no-break and narrow spaces to spaces, typographic
//!    apostrophes and quotes to `'` and `"`, ligatures expanded (`ﬁ` -> `fi`), soft
//!    hyphens and zero-width characters dropped, other controls to spaces;
//! 3. words hyphenated across a line end joined ("signa-\nture" -> "signature"),
//!    unless the document writes the hyphenated form elsewhere ("vice-président");
//! 4. whitespace collapsed: one space between words, no blank-line runs, a page
//!    break (`\f`) kept as the one character between pages.
//!
//! Pages read by OCR are repaired first, by `ocr.rs`, when the PDF is read.
//!
//! Evidence offsets are code points into the result; this module does not map them
//! back to the source bytes (the normalized text is stored beside each record).

pub mod fold;
pub mod ocr;
pub mod offsets;
pub mod value;

use offsets::CharIndex;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Page separator in raw and normalized text.
pub const PAGE_BREAK: char = '\u{c}';

/// The normalized text of one document.
#[derive(Debug, Clone)]
pub struct Text {
    text: String,
    index: CharIndex,
    page_starts: Vec<usize>,
    /// Code points of the document before this text, when it is a window onto
    /// a passage of it (`window`): offsets count from the document's start.
    base: usize,
}

impl Text {
    /// Normalizes raw text (pages separated by `\f`).
    pub fn new(raw: &str) -> Self {
        let mut text = collapse_whitespace(&join_hyphenated(&map_chars(raw)));
        // joining and collapsing can put a combining mark after a new base
        if !unicode_normalization::is_nfc(&text) {
            text = text.nfc().collect();
        }
        // the text is kept for the whole extraction: not the room its
        // vector grew to, up to twice its length
        text.shrink_to_fit();
        Self::from_normalized(text)
    }

    fn from_normalized(text: String) -> Self {
        let index = CharIndex::new(&text);
        let page_starts = if text.contains(PAGE_BREAK) {
            text.char_indices()
                .filter(|&(_, c)| c == PAGE_BREAK)
                .map(|(b, _)| index.char_offset(&text, b) + 1)
                .collect()
        } else {
            Vec::new()
        };
        Self {
            text,
            index,
            page_starts,
            base: 0,
        }
    }

    /// The passage `range` (bytes of `as_str()`, on char boundaries) as a text
    /// of its own whose offsets and pages are still the document's: evidence
    /// cut from it points into the whole text.
    pub fn window(&self, range: std::ops::Range<usize>) -> Text {
        let text = self.text[range.clone()].to_string();
        Text {
            index: CharIndex::new(&text),
            page_starts: self.page_starts.clone(),
            base: self.char_offset(range.start),
            text,
        }
    }

    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Code-point offset of a byte offset of `as_str()` (counted from the
    /// document's start, for a window).
    pub fn char_offset(&self, byte: usize) -> usize {
        self.base + self.index.char_offset(&self.text, byte)
    }

    /// Byte offset in `as_str()` of a code-point offset (counted as
    /// `char_offset` counts); the text's length when it lies beyond.
    pub fn byte_offset(&self, char_offset: usize) -> usize {
        let local = char_offset.saturating_sub(self.base);
        self.text
            .char_indices()
            .nth(local)
            .map_or(self.text.len(), |(b, _)| b)
    }

    /// 1-based page of a code-point offset; `None` when the text has no pages.
    pub fn page_of(&self, char_offset: usize) -> Option<u32> {
        offsets::page_of(&self.page_starts, char_offset)
    }

    /// Number of pages of the document (1 when not paginated).
    pub fn pages(&self) -> u32 {
        self.page_starts.len() as u32 + 1
    }
}

/// Step 1 and 2: NFC and character mapping, one char at a time.
fn map_chars(raw: &str) -> String {
    let unix = raw.replace("\r\n", "\n").replace('\r', "\n");
    let mapped = map_each(&unix);
    // composed after mapping, so that "ﬁ" + U+0301 composes into "fí"
    if unicode_normalization::is_nfc(&mapped) {
        return mapped;
    }
    let composed: String = mapped.nfc().collect();
    // composition can itself yield a mapped character (U+1FFD -> U+00B4): map
    // again, so that normalizing twice changes nothing
    let again = map_each(&composed);
    if again == composed {
        composed
    } else {
        again.nfc().collect()
    }
}

/// The character mapping alone.
fn map_each(unix: &str) -> String {
    let mut out = String::with_capacity(unix.len());
    for c in unix.chars() {
        match c {
            '\n' | PAGE_BREAK => out.push(c),
            '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}' | '\u{200a}' | '\t' => out.push(' '),
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{02bc}'
            | '\u{00b4}' | '`' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => out.push('"'),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            c if c.is_whitespace() || c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Step 3: "signa-\nture" -> "signature"; "vice-\nprésident" stays hyphenated when
/// "vice-président" appears elsewhere; "Saint-\nJean" keeps its hyphen. PDF text
/// layers often put a space before the hyphen ("anima -\ntion"): such a split is
/// joined only when its first half is not a word the document uses on its own.
fn join_hyphenated(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = find_line_end_hyphen(rest) {
        let (before, after_hyphen) = rest.split_at(pos);
        let spaced = before.ends_with(' ');
        let before_word = before.trim_end_matches(' ');
        // after_hyphen starts with '-', then optional spaces, '\n', optional spaces
        let tail = after_hyphen[1..].trim_start_matches([' ', '\n']);
        let gap = after_hyphen[1..].len() - tail.len();
        let next_word: &str = tail.split_word_bounds().next().unwrap_or("");
        // the letters before the hyphen ("d'anima" -> "anima")
        let letters = before_word
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum::<usize>();
        // after an earlier join, the word goes on in what is already written
        // ("x-\nenfance -\njeunesse": the word before the second hyphen is
        // "xenfance", not "enfance")
        let joined_head: String = if letters == before_word.len() {
            let head: Vec<char> = out
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect();
            head.into_iter().rev().collect()
        } else {
            String::new()
        };
        let whole_word = format!(
            "{joined_head}{}",
            &before_word[before_word.len() - letters..]
        );
        let prev_word = whole_word.as_str();
        let lower_next = next_word.chars().next().is_some_and(char::is_lowercase);
        let one_line_break = after_hyphen[1..=gap].matches('\n').count() == 1;
        let compound = text.contains(&format!("{prev_word}-{next_word}"));
        let standalone = spaced && standalone_count(text, prev_word) > 0;
        let next_is_word = next_word.starts_with(char::is_alphabetic);
        if prev_word.is_empty() || !next_is_word || !one_line_break || standalone {
            // not a word split (a list dash, a blank line, "enfance -\njeunesse")
            out.push_str(before);
            out.push_str(&after_hyphen[..=gap]);
        } else if lower_next && !compound {
            // a word cut by the line end: join the halves
            out.push_str(before_word);
        } else {
            out.push_str(before_word);
            out.push('-');
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// How many times `word` occurs in `text` as a whole word, not counting the places
/// where it is the first half of a line-end split (so that the answer is the same
/// before and after joining).
fn standalone_count(text: &str, word: &str) -> usize {
    if word.is_empty() {
        return 0;
    }
    text.match_indices(word)
        .filter(|&(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            let splits_here = text[i + word.len()..]
                .trim_start_matches(' ')
                .strip_prefix('-')
                .map(|r| r.trim_start_matches(' '))
                .is_some_and(|r| r.is_empty() || r.starts_with('\n'));
            !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
                && !splits_here
        })
        .count()
}

/// Byte position of the next '-' that ends a line (after a letter, or after a
/// letter and one space).
fn find_line_end_hyphen(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(rel) = text[from..].find('-') {
        let pos = from + rel;
        let mut j = pos + 1;
        while j < bytes.len() && bytes[j] == b' ' {
            j += 1;
        }
        let head = text[..pos].trim_end_matches(' ');
        let letter_before = head.chars().next_back().is_some_and(char::is_alphabetic);
        if letter_before && j < bytes.len() && bytes[j] == b'\n' {
            return Some(pos);
        }
        from = pos + 1;
    }
    None
}

/// Step 4: one space between words, lines trimmed, at most one blank line in a row,
/// page breaks kept without the whitespace around them.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, page) in text.split(PAGE_BREAK).enumerate() {
        if i > 0 {
            while out.ends_with('\n') {
                out.pop();
            }
            out.push(PAGE_BREAK);
        }
        let mut blank_run = true; // no blank line at the start of a page
        for line in page.split('\n') {
            let mut collapsed = String::with_capacity(line.len());
            for word in line.split(' ').filter(|w| !w.is_empty()) {
                if !collapsed.is_empty() {
                    collapsed.push(' ');
                }
                collapsed.push_str(word);
            }
            if collapsed.is_empty() {
                if !blank_run {
                    out.push('\n');
                    blank_run = true;
                }
                continue;
            }
            blank_run = false;
            out.push_str(&collapsed);
            out.push('\n');
        }
    }
    while out.ends_with('\n') {
        out.pop();
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_and_apostrophes_become_matchable() {
        let t = Text::new("Signée le 6\u{a0}décembre\u{202f}: l\u{2019}Agglo «\u{a0}CTG\u{a0}»");
        assert_eq!(t.as_str(), "Signée le 6 décembre : l'Agglo « CTG »\n");
    }

    #[test]
    fn ligatures_expand_and_nfc_composes() {
        let t = Text::new("Con\u{fb01}ance, e\u{301}te\u{301}, \u{fb02}ux");
        assert_eq!(t.as_str(), "Confiance, été, flux\n");
    }

    #[test]
    fn hyphenated_words_join_but_compounds_stay() {
        let t = Text::new("La signa-\nture a eu lieu.\nLe vice-\nprésident et le vice-président.");
        assert_eq!(
            t.as_str(),
            "La signature a eu lieu.\nLe vice-président et le vice-président.\n"
        );
        let t = Text::new("à Saint-\nJean-de-Liversay");
        assert_eq!(t.as_str(), "à Saint-Jean-de-Liversay\n");
    }

    #[test]
    fn pdf_spaced_hyphens_join_unless_the_half_is_a_word() {
        let t = Text::new("le rôle d'anima -\ntion de la vie sociale");
        assert_eq!(t.as_str(), "le rôle d'animation de la vie sociale\n");
        let t = Text::new("petite enfance -\njeunesse, et l'enfance");
        assert_eq!(t.as_str(), "petite enfance -\njeunesse, et l'enfance\n");
    }

    #[test]
    fn list_dashes_are_not_joined() {
        let t = Text::new("Axes -\n- enfance\n\n-\nsuite");
        assert_eq!(t.as_str(), "Axes -\n- enfance\n\n-\nsuite\n");
    }

    #[test]
    fn whitespace_runs_collapse_and_blank_lines_merge() {
        let t = Text::new("  Titre \t  ici \r\n\r\n\r\n\n  Paragraphe   deux  \n");
        assert_eq!(t.as_str(), "Titre ici\n\nParagraphe deux\n");
    }

    #[test]
    fn pages_survive_and_are_located() {
        let t = Text::new("Page un\n\n\u{c}\n  Page deux\u{c}Trois");
        assert_eq!(t.as_str(), "Page un\u{c}Page deux\u{c}Trois\n");
        assert_eq!(t.pages(), 3);
        let two = t.as_str().find("deux").unwrap();
        assert_eq!(t.page_of(t.char_offset(two)), Some(2));
        assert_eq!(t.page_of(0), Some(1));
    }

    #[test]
    fn offsets_point_into_normalized_text() {
        let t = Text::new("Le\u{a0}ﬁnancement est signé à Évian\u{2019}s le 3\u{a0}mai");
        let s = t.as_str();
        let b = s.find("signé").unwrap();
        let start = t.char_offset(b);
        let got: String = s.chars().skip(start).take(5).collect();
        assert_eq!(got, "signé");
    }

    /// Deterministic pseudo-random texts made of the characters normalization
    /// treats specially: it never panics, and normalizing twice changes nothing.
    #[test]
    fn normalization_is_total_and_idempotent_on_generated_text() {
        let alphabet: Vec<char> =
            "aé É-\n\n \t\r\u{a0}\u{202f}\u{2019}\u{fb01}\u{ad}\u{c}e\u{301}«»1 er.x"
                .chars()
                .collect();
        let mut seed: u64 = 0x5eed;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for _ in 0..3000 {
            let len = next() % 40;
            let mut raw = String::new();
            for _ in 0..len {
                raw.push(alphabet[next() % alphabet.len()]);
            }
            let once = Text::new(&raw);
            let twice = Text::new(once.as_str());
            assert_eq!(once.as_str(), twice.as_str(), "not idempotent on {raw:?}");
            let s = once.as_str();
            for (b, _) in s.char_indices() {
                assert_eq!(once.char_offset(b), s[..b].chars().count());
            }
        }
    }

    #[test]
    fn empty_and_blank_inputs_give_empty_text() {
        assert_eq!(Text::new("").as_str(), "");
        assert_eq!(Text::new(" \n\n \t").as_str(), "");
    }
}
