//! An article as a `.txt` file: the site's lines, the blocks, the footer; with
//! drawn typography (curly apostrophes, no-break and narrow no-break spaces),
//! sometimes hard-wrapped with words hyphenated at line ends, and encoded as
//! UTF-8, UTF-8 with a BOM, or windows-1252 without any declaration.

use super::article::{Article, Block};
use super::rng::Rng;

/// How a document sets its punctuation and spaces.
#[derive(Debug, Clone, Copy)]
pub struct Typography {
    curly: bool,
    /// The space before `:;!?»` and after `«`: a plain space, U+00A0 or U+202F.
    thin: char,
    /// A no-break space between a number and the next word ("5 ans").
    glue_numbers: bool,
}

impl Typography {
    /// Draws a typography; `narrow` allows U+202F (not in windows-1252).
    pub fn draw(rng: &mut Rng, narrow: bool) -> Typography {
        let thin = match rng.below(4) {
            0 if narrow => '\u{202f}',
            0 | 1 => '\u{a0}',
            _ => ' ',
        };
        Typography {
            curly: rng.chance(0.4),
            thin,
            glue_numbers: thin != ' ' && rng.chance(0.5),
        }
    }

    /// The text with this typography.
    pub fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 16);
        let mut chars = text.chars().peekable();
        let mut previous = '\n';
        while let Some(c) = chars.next() {
            let next = chars.peek().copied().unwrap_or('\n');
            match c {
                '\'' if self.curly => out.push('’'),
                ' ' if matches!(next, ':' | ';' | '!' | '?' | '»') => out.push(self.thin),
                ' ' if previous == '«' => out.push(self.thin),
                ' ' if self.glue_numbers && previous.is_ascii_digit() && next.is_alphabetic() => {
                    out.push('\u{a0}')
                }
                _ => out.push(c),
            }
            previous = c;
        }
        out
    }
}

/// The article written as the bytes of a `.txt` file.
pub fn write(rng: &mut Rng, article: &Article) -> Vec<u8> {
    let cp1252 = rng.chance(0.08);
    let bom = !cp1252 && rng.chance(0.12);
    let typography = Typography::draw(rng, !cp1252);
    let width = if rng.chance(0.25) {
        Some(rng.range(68, 80) as usize)
    } else {
        None
    };
    let text = typography.apply(&lay_out(rng, article, width));
    if cp1252 {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
        if !unmappable {
            return bytes.into_owned();
        }
    }
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// The article as lines of text, wrapped at `width` when given.
fn lay_out(rng: &mut Rng, article: &Article, width: Option<usize>) -> String {
    let site = &article.site;
    let mut out = String::with_capacity(article.size() + 256);
    out.push_str(&site.name);
    out.push('\n');
    if rng.chance(0.6) {
        out.push_str(&site.menu.join(" | "));
        out.push('\n');
    }
    if rng.chance(0.5) {
        out.push_str(&site.breadcrumb.join(" > "));
        out.push('\n');
    }
    out.push('\n');
    for block in &article.blocks {
        match block {
            Block::Kicker(t) => {
                out.push_str(t);
                out.push('\n');
                continue;
            }
            Block::Title(t) | Block::Heading(t) | Block::Caption(t) => out.push_str(t),
            Block::Meta { text, .. } => out.push_str(text),
            Block::Para(t) => wrap_into(&mut out, rng, t, width, ""),
            Block::List { marker, items } => {
                for (i, item) in items.iter().enumerate() {
                    let bullet = if *marker == "1." {
                        format!("{}. ", i + 1)
                    } else {
                        format!("{marker} ")
                    };
                    out.push_str(&bullet);
                    let indent = " ".repeat(bullet.chars().count());
                    wrap_into(&mut out, rng, item, width.map(|w| w - 2), &indent);
                    out.push('\n');
                }
                out.pop();
            }
        }
        out.push_str("\n\n");
    }
    if !site.related.is_empty() {
        out.push_str("À lire aussi : ");
        out.push_str(&site.related.join(" | "));
        out.push_str("\n\n");
    }
    for line in &site.footer {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Appends `text`, wrapped at `width` (continuation lines start with `indent`),
/// a long lower-case word now and then hyphenated across the line end.
fn wrap_into(out: &mut String, rng: &mut Rng, text: &str, width: Option<usize>, indent: &str) {
    let Some(width) = width else {
        out.push_str(text);
        return;
    };
    let mut column = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if column > 0 && column + 1 + len > width {
            let room = width.saturating_sub(column + 2);
            if let Some(cut) = hyphenation_point(word, room).filter(|_| rng.chance(0.35)) {
                let (head, tail) = word.split_at(cut);
                out.push(' ');
                out.push_str(head);
                out.push_str("-\n");
                out.push_str(indent);
                out.push_str(tail);
                column = indent.len() + tail.chars().count();
                continue;
            }
            out.push('\n');
            out.push_str(indent);
            column = indent.len();
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += len;
    }
}

/// A byte offset where a plain lower-case word of nine letters or more may be
/// split, its head at most `room` characters: after a vowel followed by a
/// consonant ("signa-ture", "conven-tion").
pub(super) fn hyphenation_point(word: &str, room: usize) -> Option<usize> {
    let letters: Vec<(usize, char)> = word.char_indices().collect();
    if letters.len() < 9 || !letters.iter().all(|(_, c)| c.is_lowercase()) {
        return None;
    }
    let vowel = |c: char| "aeiouyéèêàâîôû".contains(c);
    (4..letters.len().saturating_sub(3))
        .rev()
        .filter(|&i| i <= room)
        .find(|&i| vowel(letters[i - 1].1) && !vowel(letters[i].1))
        .map(|i| letters[i].0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_after_a_vowel_before_a_consonant() {
        assert_eq!(hyphenation_point("signatures", 10), Some(5));
        assert_eq!(hyphenation_point("Communauté", 10), None);
        assert_eq!(hyphenation_point("court", 10), None);
    }

    #[test]
    fn typography_sets_spaces_before_high_punctuation() {
        let t = Typography {
            curly: true,
            thin: '\u{202f}',
            glue_numbers: true,
        };
        assert_eq!(
            t.apply("« Oui », dit-il : l'accord court 5 ans."),
            "«\u{202f}Oui\u{202f}», dit-il\u{202f}: l’accord court 5\u{a0}ans."
        );
    }
}
