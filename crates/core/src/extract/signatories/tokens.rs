//! The words of a passage as the signatory parts read them: folded, with where
//! they are, whether they are capitalized, and what separates each from the one
//! before ("," or nothing).

use crate::normalize::fold::Folded;
use crate::rules::lexicon::Words;
use std::ops::Range;

/// A word of the text, folded, with where it is.
#[derive(Debug, Clone)]
pub(super) struct Token<'t> {
    /// Folded (lower case, no accents).
    pub folded: String,
    /// The word as written.
    pub word: &'t str,
    /// Its byte range in the text.
    pub range: Range<usize>,
    /// Starts with a capital.
    pub capital: bool,
    /// Every letter a capital.
    pub all_caps: bool,
    /// The text between the previous word and this one, trimmed.
    pub gap: &'t str,
    /// A line ends between the previous word and this one.
    pub new_line: bool,
}

/// The words of `text[range]`.
pub(super) fn tokens(text: &str, range: Range<usize>) -> Vec<Token<'_>> {
    let folded = Folded::new(&text[range.clone()]);
    let f = folded.as_str();
    let mut out: Vec<Token> = Vec::new();
    let mut start = None;
    for (i, b) in f.bytes().chain(std::iter::once(b' ')).enumerate() {
        let sep = b == b' ' || b == b'|';
        match (start, sep) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                let (os, oe) = folded.original(s, i);
                let abs = range.start + os..range.start + oe;
                let prev = out.last().map_or(range.start, |t| t.range.end);
                let word = &text[abs.clone()];
                let letters = word.chars().filter(|c| c.is_alphabetic());
                out.push(Token {
                    folded: f[s..i].to_string(),
                    word,
                    capital: word.chars().next().is_some_and(char::is_uppercase),
                    all_caps: word.chars().any(char::is_alphabetic)
                        && letters.clone().all(char::is_uppercase),
                    gap: text[prev.min(abs.start)..abs.start].trim(),
                    new_line: text[prev.min(abs.start)..abs.start].contains('\n'),
                    range: abs,
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// A gap that ends a phrase: anything but nothing, a comma, a hyphen or an
/// apostrophe.
pub(super) fn hard_stop(gap: &str) -> bool {
    !matches!(gap, "" | "," | "-" | "'" | "’")
}

/// Whether a token continues the phrase before it: no comma, no hard stop.
pub(super) fn joined(t: &Token) -> bool {
    !hard_stop(t.gap) && t.gap != ","
}

/// The longest entry of `words` that starts at token `i` and runs over joined
/// tokens: its length in tokens and its value.
pub(super) fn phrase_at<'l, V>(
    words: &'l Words<V>,
    toks: &[Token],
    i: usize,
) -> Option<(usize, &'l V)> {
    let first = &toks.get(i)?.folded;
    words
        .starting(first)
        .find(|e| {
            i + e.words.len() <= toks.len()
                && e.words.iter().enumerate().all(|(k, w)| {
                    let t = &toks[i + k];
                    t.folded == *w && (k == 0 || joined(t))
                })
        })
        .map(|e| (e.words.len(), &e.value))
}

/// The length of the longest entry of `words` at token `i` (a preposition, an
/// article), as `phrase_at`.
pub(super) fn words_at<V>(words: &Words<V>, toks: &[Token], i: usize) -> Option<usize> {
    phrase_at(words, toks, i).map(|(n, _)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_their_gaps_and_capitals() {
        let text = "présidente de la Caf, qui a signé";
        let toks = tokens(text, 0..text.len());
        let words: Vec<&str> = toks.iter().map(|t| t.folded.as_str()).collect();
        assert_eq!(
            words,
            ["presidente", "de", "la", "caf", "qui", "a", "signe"]
        );
        assert!(toks[3].capital);
        assert_eq!(toks[4].gap, ",");
        assert_eq!(&text[toks[3].range.clone()], "Caf");
    }

    #[test]
    fn a_phrase_does_not_run_over_a_comma() {
        let prepositions = Words::new([("de la".to_string(), ()), ("de".to_string(), ())]);
        let text = "directrice de la Caf, de, la commune";
        let toks = tokens(text, 0..text.len());
        assert_eq!(words_at(&prepositions, &toks, 1), Some(2));
        assert_eq!(
            words_at(&prepositions, &toks, 4),
            Some(1),
            "\"de, la\" is no phrase"
        );
        assert_eq!(words_at(&prepositions, &toks, 0), None);
    }
}
