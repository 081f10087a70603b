//! The values of a record as people read them: one line, trimmed, no
//! article or preposition dangling at either end ("le Département",
//! "du Conseil départemental", "syndicats du"). The small words are the
//! lexicon's (`article`, `body_preposition`, `field_preposition`,
//! `conjunction`); the mechanism is `normalize::value`.
//!
//! In: a value as written and the lexicon. Out: the value cleaned; its
//! evidence keeps the text as written. Does not: drop or invent a value.

use crate::normalize::fold::fold;
use crate::normalize::value::trim_small_words;
use crate::rules::lexicon::Lexicon;

/// `text` cleaned; with `keep_first`, a first small word stays (the article
/// of "La Plaine-des-Palmistes").
pub fn clean(text: &str, lexicon: &Lexicon, keep_first: bool) -> String {
    trim_small_words(text, |word| is_small(word, lexicon), keep_first)
}

/// Whether `word` is one of the lexicon's small words (an article, a
/// preposition, a conjunction).
fn is_small(word: &str, lexicon: &Lexicon) -> bool {
    let folded = fold(word);
    let folded = folded.trim();
    !folded.is_empty()
        && [
            &lexicon.article,
            &lexicon.body_preposition,
            &lexicon.field_preposition,
            &lexicon.conjunction,
        ]
        .iter()
        .any(|table| table.contains_folded(folded))
}

/// A person's name cleaned: only small words in lower case are dropped at
/// its ends; a capitalized one is part of the name ("Anne Le Du").
pub fn clean_name(text: &str, lexicon: &Lexicon) -> String {
    let small = |word: &str| !word.starts_with(char::is_uppercase) && is_small(word, lexicon);
    trim_small_words(text, small, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn the_small_words_are_the_lexicons() {
        let rules = RuleSet::load(None).expect("built-in rules compile");
        let lex = rules.lexicon();
        assert_eq!(clean("le Département", lex, false), "Département");
        assert_eq!(
            clean("du Conseil départemental\ndes Hautes-Pyrénées", lex, false),
            "Conseil départemental des Hautes-Pyrénées"
        );
        assert_eq!(clean("syndicats du", lex, false), "syndicats");
        assert_eq!(
            clean("l'Agglomération du Choletais", lex, false),
            "Agglomération du Choletais"
        );
        assert_eq!(
            clean("adjointe à la jeunesse et", lex, false),
            "adjointe à la jeunesse"
        );
        assert_eq!(
            clean("La Plaine-des-Palmistes", lex, true),
            "La Plaine-des-Palmistes"
        );
        assert_eq!(clean_name("Anne Le Du", lex), "Anne Le Du");
        assert_eq!(clean_name("Paul Roy et", lex), "Paul Roy");
    }
}
