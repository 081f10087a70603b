//! Running headers, footers and page numbers of PDF pages.
//!
//! A PDF's text layer repeats on every page what the printed document repeats
//! in its margins: the CAF's name, "Convention territoriale globale – Pays de
//! Landivisiau", "CTG 2023-2027 – Page 3 sur 12", "3/12", "- 3 -". Left in the
//! text, these lines fall in the middle of sentences that run over a page break
//! and feed the rules numbers and names that are not facts. [`clean_pages`]
//! removes them and nothing else.
//!
//! # How a line is judged
//!
//! * **Only the margins are candidates.** Running furniture sits at the top or
//!   the bottom of a page, so only the first [`ZONE`] and the last [`ZONE`]
//!   non-empty lines of a page (its *candidate zone*) may be removed. A line in
//!   the middle of a page is never touched, however often it repeats.
//! * **Lines are compared by shape.** The shape of a line is the line trimmed,
//!   its whitespace runs collapsed to one space, every run of ASCII digits
//!   replaced by `#`, lower-cased: "CTG 2023-2027 – Page 3 sur 12" and
//!   "CTG 2023-2027 – Page 4 sur 12" both have the shape
//!   "ctg #-# – page # sur #". Lines longer than [`MAX_FURNITURE_BYTES`] are
//!   never furniture (a running header is short).
//! * **Repetition makes furniture.** In a document with at least two pages that
//!   hold text, a shape found in the candidate zone of at least half of those
//!   pages (and of at least two) is furniture, and every line of that shape in a
//!   candidate zone is removed. Pages without text do not count, so a blank
//!   back cover does not raise the bar.
//! * **Numbers must behave like page numbers.** Two occurrences of a shape may
//!   differ only in their digits, so a shape alone would also match numbered
//!   headings that happen to open several pages ("Article 3", "Article 5"). A
//!   repeated shape is therefore furniture only if each of its numbers either
//!   never changes ("2023-2027") or follows the pages: between two occurrences
//!   on different pages it grows by exactly the number of pages between them
//!   (page numbers, with any offset such as an unnumbered cover), or starts
//!   again from a lower value (a second numbering, as in an appended annex).
//! * **Page numbers go, repeated or not.** A candidate-zone line that is only a
//!   page number is removed even when nothing else repeats (extractors often
//!   lose or split the rest of the footer): "3", "- 3 -", "3/12", "3 / 12",
//!   "3 sur 12", "Page 3", "page 3 sur 12", "Page 3 of 12", "p. 3". Years and
//!   dates are kept: a number without the word "page" has at most three digits
//!   ("2023", "2023 – 2027" stay), "N/M" needs N ≤ M ("12/03" stays) and
//!   "12/03/2024" has three numbers. A bare number ("3", no word, no total, no
//!   dashes around it) must moreover be plausible for its page: at most the
//!   page's position (1-based) plus two, so that a table's last cell ("150")
//!   at the foot of page 1 stays. A line that merely contains a
//!   number ("3 enfants", "Article 3", "3.") is not a page number.
//! * **One-page documents** (fewer than two pages with text) have nothing to
//!   compare, so only page-number lines among their last [`ZONE`] non-empty
//!   lines are removed ("1/1", "Page 1 sur 1").
//!
//! # What is kept
//!
//! Every kept line is byte-identical, line terminator included (`\n` or
//! `\r\n`; a lone `\r` is not a line break, as no PDF engine ends lines with
//! it, and treating it as one would let a removal join `\r` and a following
//! `\n` into a new CRLF), in its original order, on its original page; pages are
//! never merged or dropped (a page that was only furniture becomes empty). The
//! blank lines left at the very top of a page after its header was removed,
//! or at its very bottom after its footer was removed, are dropped too, and a
//! page that did not end with a line break still does not. The function never
//! panics and its cost is linear in the size of the input.

use std::collections::{HashMap, HashSet};

/// Number of non-empty lines at the top, and at the bottom, of a page that may
/// be furniture (a two-line header plus a page number fit).
pub const ZONE: usize = 3;

/// Trimmed lines longer than this (in bytes) are never furniture.
pub const MAX_FURNITURE_BYTES: usize = 200;

/// Trimmed lines longer than this (in bytes) are never page numbers
/// ("Page 1234 sur 1234" is 18).
const MAX_PAGE_NUMBER_BYTES: usize = 40;

/// What was removed, for the record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Removed {
    /// Furniture and page-number lines removed, over all pages (blank lines
    /// dropped at the edges of a page are not counted).
    pub lines: usize,
}

/// Removes running headers and footers and page-number lines from `pages`.
///
/// Returns one string per input page, in order, and how many lines were
/// removed. See the module documentation for the rules; in short, only the
/// first and last [`ZONE`] non-empty lines of a page may go, and they go when
/// their shape repeats on at least half of the pages or when they are only a
/// page number.
pub fn clean_pages(pages: &[String]) -> (Vec<String>, Removed) {
    let parsed: Vec<Page<'_>> = pages.iter().map(|p| Page::new(p)).collect();
    let with_text = parsed.iter().filter(|p| !p.non_empty.is_empty()).count();
    let several = with_text >= 2;

    let furniture = if several {
        furniture_shapes(&parsed, with_text)
    } else {
        HashSet::new()
    };

    let mut removed = Removed::default();
    let cleaned = parsed
        .iter()
        .enumerate()
        .map(|(index, page)| {
            let drop: Vec<usize> = page
                .zone(several)
                .filter(|&i| {
                    let text = page.lines[i].text;
                    (several && is_furniture_line(text, &furniture)) || is_page_number(text, index)
                })
                .collect();
            removed.lines += drop.len();
            page.render(&drop)
        })
        .collect();
    (cleaned, removed)
}

/// One line of a page: its text and its terminator, both borrowed.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// The line without its terminator.
    text: &'a str,
    /// `"\n"`, `"\r\n"`, or `""` for a last line without one.
    end: &'a str,
}

/// A page split into lines.
#[derive(Debug)]
struct Page<'a> {
    /// Every line, blank ones included.
    lines: Vec<Line<'a>>,
    /// Indices (into `lines`) of the lines that are not blank.
    non_empty: Vec<usize>,
}

impl<'a> Page<'a> {
    fn new(page: &'a str) -> Self {
        let lines = split_lines(page);
        let non_empty = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.text.trim().is_empty())
            .map(|(i, _)| i)
            .collect();
        Page { lines, non_empty }
    }

    /// The candidate zone, as increasing line indices without repeats: the first
    /// and last [`ZONE`] non-empty lines, or only the last ones when the
    /// document has a single page with text (`several == false`).
    fn zone(&self, several: bool) -> impl Iterator<Item = usize> + '_ {
        let n = self.non_empty.len();
        let top = if several { ZONE.min(n) } else { 0 };
        let bottom_start = n.saturating_sub(ZONE).max(top);
        self.non_empty[..top]
            .iter()
            .chain(&self.non_empty[bottom_start..])
            .copied()
    }

    /// The page without the lines at indices `drop` (increasing), and without
    /// the blank lines those removals leave at the very top or bottom.
    fn render(&self, drop: &[usize]) -> String {
        if drop.is_empty() {
            return self.lines.iter().flat_map(|l| [l.text, l.end]).collect();
        }
        let dropped: HashSet<usize> = drop.iter().copied().collect();
        let first_text = self.non_empty.first().copied();
        let last_text = self.non_empty.last().copied();
        let mut kept: Vec<Line<'a>> = self
            .lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !dropped.contains(i))
            .map(|(_, l)| *l)
            .collect();

        // Removals at the top leave the blank lines that followed the header.
        if first_text.is_some_and(|i| dropped.contains(&i)) {
            let lead = kept.iter().take_while(|l| l.text.trim().is_empty()).count();
            kept.drain(..lead);
        }
        // Removals at the bottom leave the blank lines that preceded the footer.
        if last_text.is_some_and(|i| dropped.contains(&i)) {
            let tail = kept
                .iter()
                .rev()
                .take_while(|l| l.text.trim().is_empty())
                .count();
            kept.truncate(kept.len() - tail);
            // Keep the page's ending: no line break after the last line if the
            // page had none.
            let ended_bare = self.lines.last().is_some_and(|l| l.end.is_empty());
            if ended_bare {
                if let Some(last) = kept.last_mut() {
                    last.end = "";
                }
            }
        }
        kept.iter().flat_map(|l| [l.text, l.end]).collect()
    }
}

/// Splits `page` into lines ended by `\n` or `\r\n`. Every byte of `page`
/// belongs to exactly one line's text or terminator, and joining any subset of
/// the lines, in order, splits back into that subset (a text never ends with
/// `\r` when its terminator is `\n`).
fn split_lines(page: &str) -> Vec<Line<'_>> {
    let bytes = page.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let end_len = match bytes[i] {
            b'\n' => 1,
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            _ => {
                i += 1;
                continue;
            }
        };
        // `start`, `i` and `i + end_len` sit next to ASCII bytes, so they are
        // char boundaries; `get` keeps this panic-free regardless.
        lines.push(Line {
            text: page.get(start..i).unwrap_or_default(),
            end: page.get(i..i + end_len).unwrap_or_default(),
        });
        i += end_len;
        start = i;
    }
    if start < bytes.len() {
        lines.push(Line {
            text: page.get(start..).unwrap_or_default(),
            end: "",
        });
    }
    lines
}

/// The shape of a line: trimmed, whitespace collapsed to single spaces, each
/// run of ASCII digits replaced by `#`, lower-cased.
fn shape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    let mut in_digits = false;
    for c in line.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            in_digits = false;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
                in_digits = true;
            }
            continue;
        }
        in_digits = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// The runs of ASCII digits of `line`, in order (one per `#` of its shape).
fn digit_runs(line: &str) -> Vec<&str> {
    line.split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .collect()
}

/// Whether `line` may be compared by shape at all.
fn shapeable(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.len() <= MAX_FURNITURE_BYTES
}

/// Whether `line` (a candidate-zone line) has one of the `furniture` shapes.
fn is_furniture_line(line: &str, furniture: &HashSet<String>) -> bool {
    shapeable(line) && furniture.contains(&shape(line))
}

/// The shapes that are running furniture in a document of `with_text` (≥ 2)
/// pages with text: found in the candidate zones of at least half of those
/// pages and at least two, with numbers that are constant or follow the pages.
fn furniture_shapes(pages: &[Page<'_>], with_text: usize) -> HashSet<String> {
    // shape -> (page index, line text) of each candidate-zone occurrence, in
    // document order.
    let mut seen: HashMap<String, Vec<(usize, &str)>> = HashMap::new();
    for (index, page) in pages.iter().enumerate() {
        for i in page.zone(true) {
            let text = page.lines[i].text;
            if shapeable(text) {
                seen.entry(shape(text)).or_default().push((index, text));
            }
        }
    }
    let needed = with_text.div_ceil(2).max(2);
    seen.into_iter()
        .filter(|(_, occurrences)| {
            let mut on_pages: Vec<usize> = occurrences.iter().map(|(p, _)| *p).collect();
            on_pages.dedup();
            on_pages.len() >= needed && numbers_follow_pages(occurrences)
        })
        .map(|(shape, _)| shape)
        .collect()
}

/// Whether every number slot of a repeated shape is constant or behaves like a
/// page number. `occurrences` are `(page index, line)` in document order, all of
/// one shape (so with the same count of digit runs).
fn numbers_follow_pages(occurrences: &[(usize, &str)]) -> bool {
    let runs: Vec<(usize, Vec<&str>)> = occurrences
        .iter()
        .map(|(page, line)| (*page, digit_runs(line)))
        .collect();
    let slots = runs.first().map_or(0, |(_, r)| r.len());
    if runs.iter().any(|(_, r)| r.len() != slots) {
        return false;
    }
    (0..slots).all(|slot| {
        let values: Vec<(usize, &str)> = runs
            .iter()
            .filter_map(|(page, r)| r.get(slot).map(|v| (*page, *v)))
            .collect();
        if values.windows(2).all(|w| w[0].1 == w[1].1) {
            return true;
        }
        let numbers: Option<Vec<(i128, i128)>> = values
            .iter()
            .map(|(page, v)| Some((i128::try_from(*page).ok()?, parse_small(v)?)))
            .collect();
        numbers.is_some_and(|numbers| {
            numbers.windows(2).all(|w| {
                let ((p0, v0), (p1, v1)) = (w[0], w[1]);
                if p0 == p1 {
                    v0 == v1
                } else {
                    v1 - v0 == p1 - p0 || v1 <= v0
                }
            })
        })
    })
}

/// A run of ASCII digits as a number, if it has at most 18 digits.
fn parse_small(digits: &str) -> Option<i128> {
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    digits.parse().ok()
}

/// Whether `line` is only a page number, on the page at position `index`
/// (0-based). See the module documentation for the accepted forms.
fn is_page_number(line: &str, index: usize) -> bool {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.len() > MAX_PAGE_NUMBER_BYTES {
        return false;
    }
    let collapsed = trimmed
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();

    // Decoration around the number ("- 3 -", "— 3 —", "[3]", "| 3 |") must be
    // on both sides: "-3" alone may be a value.
    let is_open = |c: char| matches!(c, '-' | '–' | '—' | '‒' | '|' | '[' | '(' | '<' | '•');
    let is_close = |c: char| matches!(c, '-' | '–' | '—' | '‒' | '|' | ']' | ')' | '>' | '•');
    let left = collapsed.trim_start_matches(|c: char| is_open(c) || c == ' ');
    let core = left.trim_end_matches(|c: char| is_close(c) || c == ' ');
    let opened = left.len() != collapsed.len();
    let closed = core.len() != left.len();
    if opened != closed {
        return false;
    }

    let Some(form) = parse_page_number(core) else {
        return false;
    };
    let max_digits = if form.worded { 4 } else { 3 };
    if form.number.len() > max_digits || form.total.is_some_and(|t| t.len() > max_digits) {
        return false;
    }
    let Some(number) = parse_small(form.number) else {
        return false;
    };
    if number < 1 {
        return false;
    }
    if let Some(total) = form.total {
        match parse_small(total) {
            Some(total) if total >= number => {}
            _ => return false,
        }
    }
    let bare = !form.worded && form.total.is_none() && !opened;
    if bare {
        let Ok(position) = i128::try_from(index) else {
            return false;
        };
        return number <= position + 3;
    }
    true
}

/// A page-number line taken apart.
#[derive(Debug, PartialEq, Eq)]
struct PageNumber<'a> {
    /// Whether it starts with "page", "pg" or "p".
    worded: bool,
    /// The page's number, as digits.
    number: &'a str,
    /// The page count after "/", "sur" or "of", as digits.
    total: Option<&'a str>,
}

/// Parses `core` (lower case, whitespace collapsed, decoration removed) as
/// `[page|pg.|pg|p.|p] N [(/|sur|of) M]` and nothing more.
fn parse_page_number(core: &str) -> Option<PageNumber<'_>> {
    let mut worded = false;
    let mut rest = core;
    for prefix in ["page", "pg.", "pg", "p."] {
        if let Some(after) = rest.strip_prefix(prefix) {
            rest = after.trim_start();
            worded = true;
            break;
        }
    }
    if !worded {
        if let Some(after) = rest.strip_prefix('p') {
            rest = after.trim_start();
            worded = true;
        }
    }
    let (number, after) = leading_digits(rest)?;
    if after.is_empty() {
        return Some(PageNumber {
            worded,
            number,
            total: None,
        });
    }
    let after = after.trim_start();
    let after = if let Some(a) = after.strip_prefix('/') {
        a.trim_start()
    } else {
        let a = after
            .strip_prefix("sur ")
            .or_else(|| after.strip_prefix("of "))?;
        a.trim_start()
    };
    let (total, end) = leading_digits(after)?;
    end.is_empty().then_some(PageNumber {
        worded,
        number,
        total: Some(total),
    })
}

/// The leading ASCII digits of `s` (at least one) and what follows them.
fn leading_digits(s: &str) -> Option<(&str, &str)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 {
        return None;
    }
    Some((s.get(..len)?, s.get(len..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "Convention Territoriale Globale 2023-2027 — Communauté de communes du Pays de Landivisiau";

    fn strings(pages: &[&str]) -> Vec<String> {
        pages.iter().map(|p| (*p).to_string()).collect()
    }

    fn four_page_convention() -> Vec<String> {
        let page1 = format!(
            "{HEADER}\n\
             2023 – 2027\n\
             \n\
             ENTRE\n\
             La Caisse d'allocations familiales du Finistère, représentée par sa directrice,\n\
             ci-après dénommée « la Caf »,\n\
             ET\n\
             La Communauté de communes du Pays de Landivisiau, représentée par son président,\n\
             \n\
             Il est convenu ce qui suit :\n\
             \n\
             Page 1 sur 4"
        );
        let page2 = format!(
            "{HEADER}\n\
             \n\
             Article 1 – Objet de la convention\n\
             La présente convention a pour objet de définir le projet social de territoire.\n\
             Elle couvre les 19 communes du Pays de Landivisiau.\n\
             Les signataires s'engagent à mettre en œuvre le plan d'actions.\n\
             Elle prend effet au 1er janvier 2023.\n\
             Elle s'achève le 31 décembre 2027.\n\
             \n\
             Page 2 sur 4\n"
        );
        let page3 = format!(
            "{HEADER}\n\
             Article 2 – Champs d'intervention\n\
             Petite enfance, enfance, jeunesse, parentalité, animation de la vie sociale.\n\
             Accès aux droits et inclusion numérique.\n\
             Les signataires s'engagent à mettre en œuvre le plan d'actions.\n\
             Logement et cadre de vie.\n\
             Le comité de pilotage se réunit au moins une fois par an.\n\
             Page 3 sur 4\n"
        );
        let page4 = format!(
            "{HEADER}\n\
             Article 3 – Durée\n\
             La convention est conclue pour la période 2023-2027.\n\
             \n\
             Fait à Landivisiau, le 14 mars 2023\n\
             \n\
             Page 4 sur 4"
        );
        vec![page1, page2, page3, page4]
    }

    /// Lines of `page`, terminators included.
    fn lines_of(page: &str) -> Vec<String> {
        split_lines(page)
            .iter()
            .map(|l| format!("{}{}", l.text, l.end))
            .collect()
    }

    #[test]
    fn removes_the_running_header_and_the_page_footer_of_a_convention() {
        let pages = four_page_convention();
        let (clean, removed) = clean_pages(&pages);
        assert_eq!(clean.len(), 4);
        assert_eq!(removed, Removed { lines: 8 });
        for page in &clean {
            assert!(!page.contains("Convention Territoriale Globale 2023-2027 —"));
            assert!(!page.contains("Page "), "{page:?}");
        }
        // The year line at the top of page 1 is not repeated and not a page
        // number: it stays, first on its page.
        assert!(
            clean[0].starts_with("2023 – 2027\n\nENTRE\n"),
            "{:?}",
            clean[0]
        );
        assert!(clean[0].ends_with("Il est convenu ce qui suit :"));
        // The body line repeated in the middle of pages 2 and 3 stays on both.
        let repeated = "Les signataires s'engagent à mettre en œuvre le plan d'actions.\n";
        assert!(clean[1].contains(repeated));
        assert!(clean[2].contains(repeated));
        // Blank lines between paragraphs are kept; the page keeps its ending.
        assert_eq!(
            clean[1],
            "Article 1 – Objet de la convention\n\
             La présente convention a pour objet de définir le projet social de territoire.\n\
             Elle couvre les 19 communes du Pays de Landivisiau.\n\
             Les signataires s'engagent à mettre en œuvre le plan d'actions.\n\
             Elle prend effet au 1er janvier 2023.\n\
             Elle s'achève le 31 décembre 2027.\n"
        );
        assert_eq!(
            clean[3],
            "Article 3 – Durée\n\
             La convention est conclue pour la période 2023-2027.\n\
             \n\
             Fait à Landivisiau, le 14 mars 2023"
        );
    }

    #[test]
    fn a_one_page_document_loses_only_its_trailing_page_number() {
        let pages = strings(&["Page 1\n\
             Communiqué de presse\n\
             La Caf du Finistère et la commune de Morlaix signent leur CTG.\n\
             2023\n\
             1/1\n"]);
        let (clean, removed) = clean_pages(&pages);
        assert_eq!(removed.lines, 1);
        assert_eq!(
            clean[0],
            "Page 1\n\
             Communiqué de presse\n\
             La Caf du Finistère et la commune de Morlaix signent leur CTG.\n\
             2023\n"
        );
    }

    #[test]
    fn one_page_with_text_and_blank_pages_is_a_one_page_document() {
        let pages = strings(&["Titre\nTitre\n", "", "  \n\t\n"]);
        let (clean, removed) = clean_pages(&pages);
        assert_eq!(clean, pages);
        assert_eq!(removed.lines, 0);
    }

    #[test]
    fn crlf_pages_keep_their_line_endings() {
        let pages = strings(&[
            "Caf du Finistère\r\nConvention signée le 3 avril 2024.\r\n\r\nPremier paragraphe.\r\n- 1 -\r\n",
            "Caf du Finistère\r\nDeuxième page du texte.\r\nSuite du texte.\r\n- 2 -\r\n",
            "Caf du Finistère\r\nTroisième page.\r\n- 3 -",
        ]);
        let (clean, removed) = clean_pages(&pages);
        assert_eq!(removed.lines, 6);
        assert_eq!(
            clean,
            strings(&[
                "Convention signée le 3 avril 2024.\r\n\r\nPremier paragraphe.\r\n",
                "Deuxième page du texte.\r\nSuite du texte.\r\n",
                "Troisième page.",
            ])
        );
    }

    #[test]
    fn empty_and_blank_pages_are_kept_as_pages() {
        assert_eq!(clean_pages(&[]), (Vec::new(), Removed::default()));
        let (clean, removed) = clean_pages(&strings(&["", "   ", "\n\n"]));
        assert_eq!(clean, strings(&["", "   ", "\n\n"]));
        assert_eq!(removed.lines, 0);

        let pages = strings(&[
            "CTG Pays de Morlaix\nPremière page.\n",
            "",
            "CTG Pays de Morlaix\nDernière page.\n",
        ]);
        let (clean, removed) = clean_pages(&pages);
        assert_eq!(
            clean,
            strings(&["Première page.\n", "", "Dernière page.\n"])
        );
        assert_eq!(removed.lines, 2);
    }

    #[test]
    fn a_footer_with_a_page_number_inside_is_furniture() {
        let bodies = [
            "Le diagnostic partagé a été conduit en 2022.",
            "Quatre axes de travail ont été retenus.",
            "La Caf finance les équipements d'accueil.",
            "Les communes mettent à disposition des locaux.",
            "Une évaluation est prévue à mi-parcours.",
        ];
        let pages: Vec<String> = bodies
            .iter()
            .zip(1..)
            .map(|(body, n)| format!("{body}\n\nCTG 2023-2027 – Page {n} sur 12\n"))
            .collect();
        let (clean, removed) = clean_pages(&pages);
        assert_eq!(removed.lines, 5);
        for (page, body) in clean.iter().zip(bodies) {
            assert_eq!(*page, format!("{body}\n"));
        }
    }

    #[test]
    fn a_footer_numbered_again_in_an_annex_is_still_furniture() {
        let bodies = [
            "Préambule.",
            "Engagements.",
            "Signatures.",
            "Annexe 1.",
            "Annexe 2.",
        ];
        let numbers = [1, 2, 3, 1, 2];
        let pages: Vec<String> = bodies
            .iter()
            .zip(numbers)
            .map(|(body, n)| format!("{body}\nCaf du Finistère – CTG – {n}\n"))
            .collect();
        let (clean, removed) = clean_pages(&pages);
        assert_eq!(removed.lines, 5);
        for (page, body) in clean.iter().zip(bodies) {
            assert_eq!(*page, format!("{body}\n"));
        }
    }

    #[test]
    fn numbered_headings_opening_pages_are_not_furniture() {
        let pages = strings(&[
            "Article 3\nObjectifs partagés.\nPetite enfance.\n\nJeunesse.\nParentalité.\n",
            "Article 5\nPilotage.\nComité technique.\n\nComité de pilotage.\nSecrétariat.\n",
            "Article 6\nÉvaluation.\nIndicateurs.\n\nBilan annuel.\nBilan final.\n",
            "Article 9\nDurée.\nQuatre ans.\n\nRenouvellement.\nRésiliation.\n",
        ]);
        let (clean, removed) = clean_pages(&pages);
        assert_eq!(clean, pages);
        assert_eq!(removed.lines, 0);
    }

    #[test]
    fn page_number_forms_are_recognized_and_years_and_dates_are_not() {
        for line in [
            "3",
            "  3  ",
            "- 3 -",
            "– 3 –",
            "— 3 —",
            "[3]",
            "3/12",
            "3 / 12",
            "3 sur 12",
            "Page 3",
            "page 3 sur 12",
            "PAGE 3 SUR 12",
            "Page 3 of 12",
            "Page 3/12",
            "p. 3",
            "p.3",
            "Page\u{a0}3\u{a0}sur\u{a0}12",
            "Page 1024",
        ] {
            assert!(is_page_number(line, 2), "{line:?} should be a page number");
        }
        for line in [
            "",
            "2023",
            "2023 – 2027",
            "2023-2027",
            "2023/2027",
            "12/03",
            "12/03/2024",
            "14 mars 2023",
            "Article 3",
            "3 enfants",
            "3.",
            "3 %",
            "-3",
            "0",
            "Page 0",
            "Page 13 sur 12",
            "page de garde",
            "150",
            "150 000",
            "Pages 3",
            "3 sur",
            "sur 12",
        ] {
            assert!(!is_page_number(line, 2), "{line:?} is not a page number");
        }
        // A bare number must be plausible for its page.
        assert!(is_page_number("12", 10));
        assert!(!is_page_number("12", 0));
    }

    #[test]
    fn shapes_collapse_spaces_digits_and_case() {
        assert_eq!(
            shape("  CTG 2023-2027 –\tPage 3   sur 12 "),
            "ctg #-# – page # sur #"
        );
        assert_eq!(
            shape("CTG 2023-2027 – Page 4 sur 12"),
            shape("ctg 1999-2000 – page 10 sur 12")
        );
        assert_eq!(shape("Élaboré par la CAF"), "élaboré par la caf");
    }

    #[test]
    fn never_panics_on_odd_input() {
        let long = "é".repeat(100_000);
        let pages = vec![
            String::new(),
            "\r".to_string(),
            "\r\r\n\n\r".to_string(),
            long.clone(),
            format!("{long}\n{long}\n1"),
            "🙂\u{a0}\u{2028}\u{c}ü\n9999999999999999999999999999\n".to_string(),
            "Page 99999999999999999999999 sur 99999999999999999999999999".to_string(),
            "- -\n--\n[]\np\np.\npage\n".to_string(),
        ];
        let (clean, _) = clean_pages(&pages);
        assert_eq!(clean.len(), pages.len());
        assert_eq!(clean[3], long);
    }

    /// A small deterministic generator (no dependency needed).
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, bound: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from((self.0 >> 33) % (bound.max(1) as u64)).unwrap_or(0)
        }
    }

    #[test]
    fn output_lines_are_input_lines_and_never_more() {
        let pool = [
            HEADER,
            "Caf du Finistère",
            "CTG 2023-2027 – Page 7 sur 12",
            "Page 2 sur 4",
            "3/12",
            "- 3 -",
            "2023 – 2027",
            "",
            "   ",
            "Article 4 – Engagements des parties",
            "La Caf apporte son concours financier à hauteur de 150 000 €.",
            "2",
            "150",
            "Fait à Landivisiau, le 14 mars 2023",
            "Œuvre, déjà, garçon — ü",
        ];
        let ends = ["\n", "\r\n", "\r", ""];
        let mut rng = Lcg(42);
        for _ in 0..500 {
            let page_count = rng.next(6);
            let pages: Vec<String> = (0..page_count)
                .map(|_| {
                    let line_count = rng.next(12);
                    let mut page = String::new();
                    for k in 0..line_count {
                        page.push_str(pool[rng.next(pool.len())]);
                        if k + 1 < line_count {
                            page.push_str(ends[rng.next(3)]);
                        } else {
                            page.push_str(ends[rng.next(ends.len())]);
                        }
                    }
                    page
                })
                .collect();
            let (clean, removed) = clean_pages(&pages);
            assert_eq!(clean.len(), pages.len());
            let mut total_in = 0;
            let mut total_out = 0;
            for (before, after) in pages.iter().zip(&clean) {
                let input: Vec<&str> = split_lines(before).iter().map(|l| l.text).collect();
                let output: Vec<&str> = split_lines(after).iter().map(|l| l.text).collect();
                assert!(output.len() <= input.len(), "{before:?} -> {after:?}");
                // Kept lines are input lines, in the same order.
                let mut rest = input.iter();
                for line in &output {
                    assert!(rest.any(|l| l == line), "{line:?} not from {before:?}");
                }
                total_in += input.len();
                total_out += output.len();
                // Kept lines keep their terminators, except possibly the last.
                let kept = lines_of(after);
                for line in kept.iter().take(kept.len().saturating_sub(1)) {
                    assert!(lines_of(before).contains(line), "{line:?}");
                }
            }
            assert!(total_out + removed.lines <= total_in);
            // A single page with text only ever loses page-number lines.
            if pages.iter().filter(|p| !p.trim().is_empty()).count() < 2 {
                for (index, (before, after)) in pages.iter().zip(&clean).enumerate() {
                    for line in split_lines(before) {
                        if !is_page_number(line.text, index) && !line.text.trim().is_empty() {
                            assert!(after.contains(line.text), "{line:?} lost from {before:?}");
                        }
                    }
                }
            }
        }
    }
}
