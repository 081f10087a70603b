//! The words Tesseract read on a page -> its lines of text, columns read one
//! after the other.
//!
//! Tesseract's own lines run across a page: in a two-column signature block it
//! gives "Le Président La Présidente" and "Dominique Mariani Marie-Dominique
//! Raffalli", and no name stays under its role. The text layer's reader
//! (`layout.rs`) reads such columns one by one; this does the same from the
//! words' boxes:
//!
//! * a line is cut into segments where two words are further apart than twice
//!   the line's height (a column gap; a space between words is a third of a
//!   line's height);
//! * a line cut in two or more opens a *region* whose columns are split where
//!   its gaps are; the following lines close below belong to it while each of
//!   their segments falls in one column ("La Directrice" under "Le Président");
//!   a line running across a split closes it;
//! * a region is written column after column, each top to bottom. A table of
//!   communes then gives its names one per line, then its codes, as the text
//!   layer does.
//!
//! Blank lines are put where the page shows one (baselines of two lines more
//! than 1.18 times the page's usual line pitch apart) and before each column of a
//! region, as `layout.rs` does. Tesseract's paragraphs are a guess ("La Directrice" and
//! "Laetitia Orsini", one under the other, in two) and are not followed; nor is
//! a gap before a line that starts with a lower-case word (a sentence going
//! on). Lines made only of dust (`+ *`, `L1`, `°e`) are
//! dropped.

/// Where a word is in Tesseract's numbering: (block, paragraph, line).
pub type LineKey = (u32, u32, u32);

/// A word of Tesseract's TSV, with its box in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Word<'a> {
    /// Tesseract's line.
    pub line: LineKey,
    /// Left edge.
    pub left: i64,
    /// Right edge.
    pub right: i64,
    /// Top edge.
    pub top: i64,
    /// Bottom edge.
    pub bottom: i64,
    /// Tesseract's confidence, 0 to 100.
    pub confidence: f32,
    /// The word.
    pub text: &'a str,
}

/// Words further apart than this many line heights are in two columns.
const COLUMN_GAP: i64 = 2;

/// Lines of a region of columns may be this many line heights apart: a
/// signature block leaves room for the signature between a role and the name.
const BLOCK_GAP: i64 = 6;

/// Baselines of two lines further apart than this many hundredths of the
/// page's line pitch are two paragraphs: the space a typesetter adds between
/// paragraphs is a fifth of a line or more.
const PARAGRAPH_GAP: i64 = 118;

/// A run of words of one line, with its box.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    left: i64,
    right: i64,
    top: i64,
    bottom: i64,
    /// The median bottom of its words: most words have no descender, so this
    /// is its baseline.
    baseline: i64,
    /// Whether its first word starts in lower case (a sentence going on).
    goes_on: bool,
}

/// The page's text: lines separated by `\n`, a blank line where the page
/// shows a gap, columns one after the other.
pub fn text(words: &[Word]) -> String {
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    let mut key = None;
    for w in words {
        if key == Some(w.line) {
            if let Some(line) = lines.last_mut() {
                line.push(w);
            }
        } else {
            lines.push(vec![w]);
            key = Some(w.line);
        }
    }
    let lines: Vec<Vec<Piece>> = lines
        .iter()
        .filter(|line| !is_debris(line))
        .map(|line| segments(line))
        .collect();
    let mut text = String::new();
    for (piece, blank_before) in in_reading_order(&lines, pitch(&lines)) {
        if blank_before && !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&piece.text);
        text.push('\n');
    }
    text
}

/// A line cut where its words are a column gap apart.
fn segments(line: &[&Word]) -> Vec<Piece> {
    let height = line
        .iter()
        .map(|w| w.bottom - w.top)
        .max()
        .unwrap_or(0)
        .max(1);
    let mut pieces: Vec<Vec<&Word>> = Vec::new();
    for w in line {
        match pieces.last_mut() {
            Some(piece) if w.left - piece[piece.len() - 1].right <= COLUMN_GAP * height => {
                piece.push(w)
            }
            _ => pieces.push(vec![w]),
        }
    }
    pieces
        .into_iter()
        .map(|piece| Piece {
            text: piece.iter().map(|w| w.text).collect::<Vec<_>>().join(" "),
            left: piece[0].left,
            right: piece[piece.len() - 1].right,
            top: piece.iter().map(|w| w.top).min().unwrap_or(0),
            bottom: piece.iter().map(|w| w.bottom).max().unwrap_or(0),
            baseline: {
                let mut bottoms: Vec<i64> = piece.iter().map(|w| w.bottom).collect();
                bottoms.sort_unstable();
                bottoms[bottoms.len() / 2]
            },
            goes_on: piece[0].text.chars().next().is_some_and(char::is_lowercase),
        })
        .collect()
}

/// The page's line pitch: the median step from a line's baseline to the
/// next's, over lines less than three line heights apart (1 for a page with
/// too few lines to say).
fn pitch(lines: &[Vec<Piece>]) -> i64 {
    let mut steps: Vec<i64> = lines
        .windows(2)
        .filter_map(|pair| {
            let (a, b) = (pair[0].first()?, pair[1].first()?);
            let step = b.baseline - a.baseline;
            (step > 0 && step < 3 * (a.bottom - a.top).max(1)).then_some(step)
        })
        .collect();
    steps.sort_unstable();
    steps.get(steps.len() / 2).copied().unwrap_or(1).max(1)
}

/// The pieces in reading order, each with whether a blank line goes before
/// it: lines as they come, a blank line where the gap from the line above is a
/// paragraph's; a region of columns column after column, a blank line before
/// each column.
fn in_reading_order(lines: &[Vec<Piece>], pitch: i64) -> Vec<(Piece, bool)> {
    let mut out: Vec<(Piece, bool)> = Vec::new();
    let mut last_baseline: Option<i64> = None;
    let paragraph = |piece: &Piece, last: Option<i64>| {
        last.is_some_and(|t| (piece.baseline - t) * 100 > PARAGRAPH_GAP * pitch) && !piece.goes_on
    };
    let mut i = 0;
    while i < lines.len() {
        if lines[i].len() < 2 {
            let piece = &lines[i][0];
            out.push((piece.clone(), paragraph(piece, last_baseline)));
            last_baseline = Some(piece.baseline);
            i += 1;
            continue;
        }
        // the splits: the middle of each gap of the line that opens the region
        let splits: Vec<i64> = lines[i]
            .windows(2)
            .map(|p| (p[0].right + p[1].left) / 2)
            .collect();
        let mut columns: Vec<Vec<Piece>> = vec![Vec::new(); splits.len() + 1];
        let opening = paragraph(&lines[i][0], last_baseline);
        let mut j = i;
        let mut bottom = lines[i][0].bottom;
        let mut baseline_of_last = lines[i][0].baseline;
        while j < lines.len() {
            let line = &lines[j];
            let height = line.iter().map(|p| p.bottom - p.top).max().unwrap_or(1);
            let top = line.iter().map(|p| p.top).min().unwrap_or(0);
            let close = j == i || top - bottom <= BLOCK_GAP * height;
            let fits = line
                .iter()
                .all(|p| splits.iter().all(|&s| p.right < s || p.left > s));
            if !(close && fits) {
                break;
            }
            for piece in line {
                let column = splits.iter().filter(|&&s| s < piece.left).count();
                columns[column].push(piece.clone());
            }
            bottom = line.iter().map(|p| p.bottom).max().unwrap_or(bottom);
            baseline_of_last = line.iter().map(|p| p.baseline).max().unwrap_or(top);
            j += 1;
        }
        for (c, column) in columns.into_iter().filter(|c| !c.is_empty()).enumerate() {
            for (k, piece) in column.into_iter().enumerate() {
                let blank = k == 0 && (c > 0 || opening);
                out.push((piece, blank));
            }
        }
        last_baseline = Some(baseline_of_last);
        i = j;
    }
    out
}

/// A line made of dust: no word of three letters or digits, and not a short
/// word Tesseract is sure of ("Et :", "ET", "à"). Specks on a scan read as
/// `+`, `*`, `°`, `L1`, `e.`, lines of them in a margin.
fn is_debris(line: &[&Word]) -> bool {
    let alnum = |w: &&Word| w.text.chars().filter(|c| c.is_alphanumeric()).count();
    if line.iter().any(|w| alnum(w) >= 3) {
        return false;
    }
    let sure_letters = line
        .iter()
        .filter(|w| w.confidence >= 85.0)
        .map(|w| w.text.chars().filter(|c| c.is_alphabetic()).count())
        .sum::<usize>();
    sure_letters < 2
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word at (left, top), 30 px high, 12 px a letter, on Tesseract's line
    /// `line`.
    fn word(line: u32, left: i64, top: i64, text: &'static str) -> Word<'static> {
        Word {
            line: (1, 1, line),
            left,
            right: left + 12 * text.chars().count() as i64,
            top,
            bottom: top + 30,
            confidence: 95.0,
            text,
        }
    }

    #[test]
    fn lines_keep_their_words_and_gaps_become_blank_lines() {
        let words = [
            word(1, 100, 100, "Entre"),
            word(1, 172, 100, ":"),
            word(2, 100, 140, "La"),
            word(2, 136, 140, "Caisse"),
            // a paragraph further down
            word(3, 100, 260, "Et"),
            word(3, 136, 260, ":"),
            // a paragraph break Tesseract guessed inside a sentence
            word(4, 100, 400, "et"),
            word(4, 136, 400, "suite"),
        ];
        assert_eq!(text(&words), "Entre :\nLa Caisse\n\nEt :\net suite\n");
    }

    #[test]
    fn a_two_column_signature_block_is_read_column_by_column() {
        let words = [
            word(1, 100, 1000, "Le"),
            word(1, 136, 1000, "Président"),
            word(1, 1300, 1000, "La"),
            word(1, 1336, 1000, "Présidente"),
            word(2, 100, 1040, "Dominique"),
            word(2, 220, 1040, "Mariani"),
            word(2, 1300, 1040, "Marie-Dominique"),
            word(2, 1490, 1040, "Raffalli"),
            word(3, 100, 1080, "La"),
            word(3, 136, 1080, "Directrice"),
            word(4, 100, 1120, "Laetitia"),
            word(4, 200, 1120, "Orsini"),
            word(4, 1300, 1120, "de"),
            word(4, 1336, 1120, "Marana-Golo"),
            // further down: the region ends
            word(5, 100, 1400, "Annexe"),
            word(5, 900, 1400, "Communes"),
        ];
        assert_eq!(
            text(&words),
            "Le Président\nDominique Mariani\nLa Directrice\nLaetitia Orsini\n\
             \nLa Présidente\nMarie-Dominique Raffalli\nde Marana-Golo\n\nAnnexe\n\nCommunes\n"
        );
    }

    #[test]
    fn a_table_gives_its_first_column_then_the_next() {
        let words = [
            word(1, 100, 100, "Commune"),
            word(1, 1200, 100, "Population"),
            word(2, 100, 140, "Borgo"),
            word(2, 1200, 140, "9"),
            word(2, 1230, 140, "012"),
            word(3, 100, 180, "Lento"),
            word(3, 1200, 180, "112"),
        ];
        assert_eq!(
            text(&words),
            "Commune\nBorgo\nLento\n\nPopulation\n9 012\n112\n"
        );
    }

    #[test]
    fn lines_of_dust_are_dropped_and_short_sure_words_kept() {
        let mut dust = word(1, 100, 100, "+");
        dust.confidence = 87.0;
        let mut speck = word(1, 150, 100, "*e");
        speck.confidence = 80.0;
        let mut weak = word(2, 100, 140, "Le");
        weak.confidence = 2.0;
        let words = [
            dust,
            speck,
            weak,
            word(3, 100, 180, "Article"),
            word(3, 200, 180, "5"),
            word(4, 100, 220, "ET"),
        ];
        assert_eq!(text(&words), "Article 5\nET\n");
    }
}
