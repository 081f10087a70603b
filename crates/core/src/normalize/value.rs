//! A value as a record holds it: one line, trimmed, with no small word left
//! dangling at either end.
//!
//! In: the words of a name, role or organization as the text gives them (a
//! PDF's line break inside "Communauté de communes du Pays de\n\nLandivisiau",
//! the article of "le Département", the preposition of "du Conseil
//! départemental", a cut "syndicat intercommunal de la"), and which words are
//! small ones (the lexicon's articles, prepositions and conjunctions, given
//! by the caller). Out: the value people read. The evidence keeps the text
//! as written.
//!
//! Does not: know French words itself (they are rule data), or drop a value.

/// Whitespace runs, line breaks included, become one space; the ends are
/// trimmed.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a character is an apostrophe.
fn apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// `text` on one line without the small words at its start and its end:
/// `small(word)` says whether a word is one ("le", "du", "de", "et"; an elided
/// "l'" or "d'" is given with its apostrophe). With `keep_first`, the first
/// word stays even when small (an article that belongs to a name: "La
/// Plaine-des-Palmistes"). A value made of small words only is left whole.
pub fn trim_small_words(text: &str, small: impl Fn(&str) -> bool, keep_first: bool) -> String {
    let line = one_line(text);
    let mut words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
    if words.iter().all(|w| small(w)) {
        return line;
    }
    if !keep_first {
        while let Some(first) = words.first().copied() {
            if small(first) {
                words.remove(0);
                continue;
            }
            // "l'Agglomération", "d'Ille-et-Vilaine": the elided word
            match first.char_indices().find(|(_, c)| apostrophe(*c)) {
                Some((at, c)) if at > 0 && small(&first[..at + c.len_utf8()]) => {
                    let rest = &first[at + c.len_utf8()..];
                    if rest.is_empty() {
                        words.remove(0);
                    } else {
                        words[0] = rest;
                    }
                    break;
                }
                _ => break,
            }
        }
    }
    while words.len() > 1 {
        let last = words[words.len() - 1];
        // a dangling "de", "du", "et", or an elided "d'" or "l'"
        if small(last) {
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small(word: &str) -> bool {
        let w = word.to_lowercase().replace('\u{2019}', "'");
        [
            "le", "la", "les", "l'", "de", "du", "des", "d'", "à", "au", "aux", "et",
        ]
        .contains(&w.as_str())
    }

    #[test]
    fn a_value_is_one_line_without_dangling_small_words() {
        let clean = |s| trim_small_words(s, small, false);
        assert_eq!(
            clean("Communauté de communes du Pays de\n\nLandivisiau"),
            "Communauté de communes du Pays de Landivisiau"
        );
        assert_eq!(
            clean("du Conseil départemental des Hautes-Pyrénées"),
            "Conseil départemental des Hautes-Pyrénées"
        );
        assert_eq!(clean("le Département"), "Département");
        assert_eq!(
            clean("syndicat intercommunal de la"),
            "syndicat intercommunal"
        );
        assert_eq!(
            clean("l'Agglomération du Choletais"),
            "Agglomération du Choletais"
        );
        assert_eq!(clean("l\u{2019}Agglo de"), "Agglo");
        assert_eq!(
            clean("  adjointe à la jeunesse et "),
            "adjointe à la jeunesse"
        );
        // inside a value, small words stay
        assert_eq!(clean("Saint-Jean-de-Luz"), "Saint-Jean-de-Luz");
        // only small words: nothing is made up, nothing dropped
        assert_eq!(clean("de la"), "de la");
    }

    #[test]
    fn an_article_that_belongs_to_a_name_stays_when_asked() {
        assert_eq!(
            trim_small_words("La Plaine-des-Palmistes", small, true),
            "La Plaine-des-Palmistes"
        );
        assert_eq!(
            trim_small_words("Le Lamentin\n", small, true),
            "Le Lamentin"
        );
    }
}
