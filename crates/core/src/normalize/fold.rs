//! Folding: the form in which place names are compared.
//!
//! Lower case, no accents, ligatures expanded, hyphens, apostrophes and runs of
//! spaces turned into one space, `st`/`ste` spelled out, every other punctuation
//! mark turned into `|` (a barrier no name crosses). Names and document text go
//! through the same function, so "St-Martin-l'Aiguillon", "Saint Martin
//! l’Aiguillon" and "SAINT-MARTIN-L'AIGUILLON" all fold to
//! `saint martin l aiguillon`.
//!
//! A folded text keeps, for every byte, the byte range of the character of the
//! original it came from, so a match in folded text is a span of the original.
//! It keeps them as runs (see [`Run`]): one pair of offsets per byte would be
//! eight bytes for every byte of a huge text.

use unicode_normalization::char::decompose_canonical;

/// A folded text and its way back to the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    text: String,
    /// For each byte of `text`: the byte range of the original it stands for,
    /// as runs in order of `at` (the first run at byte 0).
    origin: Vec<Run>,
}

/// Bytes of a folded text from `at` to the next run's `at`: each byte `k` of
/// a step run stands for the one byte `from + (k - at)` of the original (the
/// ASCII letters, spaces and marks of a text, copied one for one); every byte
/// of a run that is not a step stands for the range `from..to` (an accented
/// letter, an expanded ligature or abbreviation).
#[derive(Debug, Clone, Copy)]
struct Run {
    at: u32,
    from: u32,
    to: u32,
    step: bool,
}

impl Run {
    fn origin(&self, k: u32) -> (u32, u32) {
        if self.step {
            let from = self.from + (k - self.at);
            (from, from + 1)
        } else {
            (self.from, self.to)
        }
    }
}

/// The separator that ends a word and may sit inside a name.
pub const SPACE: u8 = b' ';
/// The barrier that ends a word and may not sit inside a name.
pub const BARRIER: u8 = b'|';

impl Folded {
    /// Folds `text`.
    pub fn new(text: &str) -> Folded {
        let mut out = Folded {
            text: String::with_capacity(text.len()),
            origin: Vec::new(),
        };
        let mut word_start = 0usize;
        // an accented letter's base letters, one buffer for the whole text
        let mut base = String::new();
        let bytes = text.as_bytes();
        let mut next = 0;
        while let Some(c) = text[next..].chars().next() {
            let i = next;
            next += c.len_utf8();
            if c.is_ascii_alphanumeric() {
                // a run of ASCII letters and digits, each folded as the
                // branch below does, in one go
                let end = (bytes[next..].iter())
                    .position(|b| !b.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |n| next + n);
                if out.last() == Some(BARRIER) || out.last() == Some(SPACE) || out.is_empty() {
                    word_start = out.text.len();
                }
                out.push_ascii(&bytes[i..end], i as u32);
                next = end;
                continue;
            }
            let here = (i as u32, next as u32);
            if c.is_alphanumeric() {
                if out.last() == Some(BARRIER) || out.last() == Some(SPACE) || out.is_empty() {
                    word_start = out.text.len();
                }
                push_letter(&mut out, c, here, &mut base);
            } else if matches!(c, '\'' | '’')
                && &out.text[word_start.min(out.text.len())..] == "m"
                && text[i + c.len_utf8()..].starts_with(char::is_alphabetic)
            {
                // Mayotte's "M'tsamboro", "M'Tsangamouji": the official names
                // are written "Mtsamboro", without the apostrophe
            } else if c == '&' {
                // "Lamballe Terre & Mer" for "Lamballe Terre et Mer": the
                // ampersand reads as the word it stands for
                out.end_word(word_start);
                if !out.is_empty() && out.last() != Some(SPACE) && out.last() != Some(BARRIER) {
                    out.push_byte(SPACE, here);
                }
                out.push_str("et", here);
                out.push_byte(SPACE, here);
                word_start = out.text.len();
            } else if is_joiner(c) {
                out.end_word(word_start);
                if !out.is_empty() && out.last() != Some(SPACE) && out.last() != Some(BARRIER) {
                    out.push_byte(SPACE, here);
                }
            } else if c == '.' && out.last_word(word_start).is_some_and(is_abbreviation) {
                // "St. Martin": the period of an abbreviation joins
                out.end_word(word_start);
                out.push_byte(SPACE, here);
            } else {
                out.end_word(word_start);
                if out.last() == Some(SPACE) {
                    out.truncate(out.text.len() - 1);
                }
                if out.last() != Some(BARRIER) {
                    out.push_byte(BARRIER, here);
                }
            }
        }
        out.end_word(word_start);
        out
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte range of the folded byte range `start..end`.
    pub fn original(&self, start: usize, end: usize) -> (usize, usize) {
        (
            self.origin_of(start).0 as usize,
            self.origin_of(end - 1).1 as usize,
        )
    }

    /// The original byte range of the folded byte `k`.
    fn origin_of(&self, k: usize) -> (u32, u32) {
        assert!(
            k < self.text.len(),
            "byte {k} of a folded text of {}",
            self.text.len()
        );
        let k = k as u32;
        let run = self.origin.partition_point(|r| r.at <= k) - 1;
        self.origin[run].origin(k)
    }

    /// Whether `start..end` begins and ends on word boundaries.
    pub fn is_word(&self, start: usize, end: usize) -> bool {
        let bytes = self.text.as_bytes();
        let before = start == 0 || matches!(bytes[start - 1], SPACE | BARRIER);
        let after = end == bytes.len() || matches!(bytes[end], SPACE | BARRIER);
        before && after
    }

    /// The words before byte `start`, nearest first, stopping at a barrier.
    /// Read backwards one word at a time: looking for the barrier first read
    /// back to the start of a text without punctuation, for each mention.
    pub fn words_before(&self, start: usize) -> impl Iterator<Item = &str> {
        let mut rest = Some(&self.text[..start]);
        std::iter::from_fn(move || loop {
            let head = rest?;
            let (word, before) = match head.rfind([SPACE as char, BARRIER as char]) {
                Some(cut) if head.as_bytes()[cut] == SPACE => {
                    (&head[cut + 1..], Some(&head[..cut]))
                }
                Some(cut) => (&head[cut + 1..], None),
                None => (head, None),
            };
            rest = before;
            if !word.is_empty() {
                return Some(word);
            }
        })
    }

    /// The start of the phrase of `phrases` (folded) that ends right before folded
    /// byte `pos` (spaces between skipped), the longest if several do; with
    /// `skip` words (articles) passed over first. No phrase crosses a barrier.
    pub fn phrase_before(&self, pos: usize, phrases: &[&str], skip: &[&str]) -> Option<usize> {
        let mut head = self.text[..pos].trim_end_matches(' ');
        loop {
            let last = head.rsplit([' ', '|']).next().unwrap_or("");
            if !last.is_empty() && skip.contains(&last) {
                head = head[..head.len() - last.len()].trim_end_matches(' ');
            } else {
                break;
            }
        }
        phrases
            .iter()
            .filter(|p| {
                !p.is_empty()
                    && head.ends_with(*p)
                    && (head.len() == p.len()
                        || matches!(head.as_bytes()[head.len() - p.len() - 1], SPACE | BARRIER))
            })
            .map(|p| head.len() - p.len())
            .min()
    }

    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn last(&self) -> Option<u8> {
        self.text.as_bytes().last().copied()
    }

    fn last_word(&self, word_start: usize) -> Option<&str> {
        let w = self.text.get(word_start..)?;
        (!w.is_empty() && !w.contains([' ', '|'])).then_some(w)
    }

    fn push_byte(&mut self, b: u8, from: (u32, u32)) {
        self.push_origin(from, 1);
        self.text.push(b as char);
    }

    /// Pushes ASCII letters and digits lower-cased, each standing for its
    /// byte of the original from `from` on: what `push_byte` does for each.
    fn push_ascii(&mut self, letters: &[u8], from: u32) {
        self.push_origin((from, from + 1), 1);
        let lower = letters.iter().map(|b| b.to_ascii_lowercase() as char);
        self.text.extend(lower);
    }

    fn push_str(&mut self, s: &str, from: (u32, u32)) {
        self.push_origin(from, s.len());
        self.text.push_str(s);
    }

    /// Records that the next `len` bytes stand for `from`, before they are
    /// pushed: the last run goes on when they continue it.
    fn push_origin(&mut self, (from, to): (u32, u32), len: usize) {
        let at = self.text.len() as u32;
        let step = len == 1 && to == from + 1;
        if let Some(last) = self.origin.last() {
            let continues = if last.step {
                step && from == last.from + (at - last.at)
            } else {
                (last.from, last.to) == (from, to)
            };
            if continues {
                return;
            }
        }
        self.origin.push(Run { at, from, to, step });
    }

    /// Drops the bytes from `len` on.
    fn truncate(&mut self, len: usize) {
        self.text.truncate(len);
        let runs = self.origin.partition_point(|r| (r.at as usize) < len);
        self.origin.truncate(runs);
    }

    /// Spells out the abbreviation that ends the text, if any.
    fn end_word(&mut self, word_start: usize) {
        let Some(word) = self.last_word(word_start) else {
            return;
        };
        let full = match word {
            "st" => "saint",
            "ste" => "sainte",
            "sts" => "saints",
            "stes" => "saintes",
            _ => return,
        };
        let from = (
            self.origin_of(word_start).0,
            self.origin_of(self.text.len() - 1).1,
        );
        self.truncate(word_start);
        self.push_str(full, from);
    }
}

/// Folds a name (a key of a gazetteer).
pub fn fold(name: &str) -> String {
    // one word of ASCII letters and digits (most words asked about) folds to
    // itself in lower case, but for the abbreviations of `saint`: what
    // `Folded::new` does, without its map back to the original
    if name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let lower = name.to_ascii_lowercase();
        if !is_abbreviation(&lower) {
            return lower;
        }
    }
    Folded::new(name).text.trim_matches(['|', ' ']).to_string()
}

fn is_joiner(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '\'' | '’' | '‐' | '‑' | '–' | '—' | '/' | '_')
}

fn is_abbreviation(word: &str) -> bool {
    matches!(word, "st" | "ste" | "sts" | "stes")
}

/// Pushes the folded form of letter `c`; `base` is a buffer for it.
fn push_letter(out: &mut Folded, c: char, from: (u32, u32), base: &mut String) {
    match c {
        _ if c.is_ascii() => out.push_byte(c.to_ascii_lowercase() as u8, from),
        'œ' | 'Œ' => out.push_str("oe", from),
        'æ' | 'Æ' => out.push_str("ae", from),
        'ß' => out.push_str("ss", from),
        _ => {
            base.clear();
            decompose_canonical(c, |d| {
                if !is_combining(d) {
                    base.extend(d.to_lowercase());
                }
            });
            out.push_str(base, from);
        }
    }
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_ascii_word_folds_as_any_text_does() {
        for word in [
            "Paris", "AGEN", "st", "Ste", "STS", "stes", "Stella", "a1", "x", "",
        ] {
            let whole = Folded::new(word);
            assert_eq!(fold(word), whole.text.trim_matches(['|', ' ']), "{word}");
        }
    }

    #[test]
    fn an_ampersand_reads_as_et() {
        for name in [
            "Lamballe Terre & Mer",
            "Lamballe Terre&Mer",
            "LAMBALLE TERRE & MER",
        ] {
            assert_eq!(fold(name), "lamballe terre et mer", "{name}");
        }
        let folded = Folded::new("Terre & Mer");
        let at = folded.as_str().find("et").expect("folded");
        assert_eq!(folded.original(at, at + 2), (6, 7));
    }

    #[test]
    fn an_apostrophe_after_a_lone_m_joins_as_in_the_official_names() {
        assert_eq!(fold("M'tsamboro"), "mtsamboro");
        assert_eq!(fold("M’Tsangamouji"), "mtsangamouji");
        assert_eq!(fold("d'Ascq"), "d ascq");
        assert_eq!(fold("l'Aiguillon"), "l aiguillon");
    }

    #[test]
    fn spellings_of_one_name_fold_alike() {
        let forms = [
            "Saint-Martin-l'Aiguillon",
            "St-Martin-l’Aiguillon",
            "SAINT MARTIN L'AIGUILLON",
            "st. Martin  l'Aiguillon",
            "Saint‑Martin‑l’Aiguillon",
        ];
        for f in forms {
            assert_eq!(fold(f), "saint martin l aiguillon", "{f}");
        }
        assert_eq!(fold("Essômes-sur-Marne"), "essomes sur marne");
        assert_eq!(fold("Maine Cœur de Sarthe"), "maine coeur de sarthe");
        assert_eq!(
            fold("Sainte Marguerite de Carrouges"),
            "sainte marguerite de carrouges"
        );
        assert_eq!(fold("Ste-Marie"), "sainte marie");
    }

    #[test]
    fn every_word_maps_back_through_the_runs() {
        let text = "Cœur  de Ste-Anne, M'tsamboro et l’Haÿ-les-Roses — St.  Denis";
        let f = Folded::new(text);
        assert_eq!(
            f.as_str(),
            "coeur de sainte anne|mtsamboro et l hay les roses saint denis"
        );
        let back = |word: &str| {
            let start = f.as_str().find(word).unwrap();
            let (s, e) = f.original(start, start + word.len());
            &text[s..e]
        };
        assert_eq!(back("coeur de"), "Cœur  de");
        assert_eq!(back("sainte anne"), "Ste-Anne");
        assert_eq!(back("mtsamboro"), "M'tsamboro");
        assert_eq!(back("l hay les roses"), "l’Haÿ-les-Roses");
        assert_eq!(back("saint denis"), "St.  Denis");
        assert_eq!(back("oe"), "œ");
        assert_eq!(back("y"), "ÿ");
    }

    #[test]
    fn punctuation_is_a_barrier_and_spans_map_back() {
        let text = "Carrouges, Ste-Marie et Joué du Bois.";
        let f = Folded::new(text);
        assert_eq!(f.as_str(), "carrouges|sainte marie et joue du bois|");
        let start = f.as_str().find("sainte").unwrap();
        let end = start + "sainte marie".len();
        let (s, e) = f.original(start, end);
        assert_eq!(&text[s..e], "Ste-Marie");
        let joue = f.as_str().find("joue").unwrap();
        let (s, e) = f.original(joue, joue + "joue du bois".len());
        assert_eq!(&text[s..e], "Joué du Bois");
        assert!(f.is_word(joue, joue + 4));
        assert!(!f.is_word(joue, joue + 3));
        assert_eq!(
            f.words_before(joue).collect::<Vec<_>>(),
            ["et", "marie", "sainte"]
        );
        let f = Folded::new("Agen, la  Ville Haute ");
        assert_eq!(
            f.words_before(f.as_str().len()).collect::<Vec<_>>(),
            ["haute", "ville", "la"]
        );
        assert_eq!(f.words_before(4).collect::<Vec<_>>(), ["agen"]);
        assert_eq!(f.words_before(5).count(), 0);
    }

    #[test]
    fn a_word_merely_starting_with_st_is_kept() {
        assert_eq!(fold("Stenay"), "stenay");
        assert_eq!(fold("Est"), "est");
    }
}
