//! Reading order of a PDF page from the positions of its glyphs.
//!
//! pdf-extract's plain-text output follows the content stream and joins what
//! sits on one baseline, so a signature block in two columns comes out row by
//! row ("Alain Fourmy Le Président," / "Hervé Lebrun"): the name of one column
//! lands next to the role of the other. Here every glyph is kept with its
//! position; glyphs on one baseline and close together make a *run*, runs at
//! the same height make a *line*, and two runs of one line apart by more than
//! [`COLUMN_GAP`] font sizes are in different columns. A stretch of lines
//! where columns appear (a *block*) is read column by column, left to right,
//! each from top to bottom; the rest of the page reads line by line, as
//! before. Table rows come out one cell per line the same way.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// A horizontal gap wider than this many font sizes separates two columns.
pub const COLUMN_GAP: f64 = 2.0;

/// Lines of a block may be this many font sizes apart: a signature block leaves
/// room for the signature between a role and the name under it.
pub const BLOCK_GAP: f64 = 6.0;

/// One glyph run: glyphs on one baseline with no column gap between them.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    x0: f64,
    x1: f64,
    /// Baseline, from the top of the page.
    y: f64,
    size: f64,
    text: String,
}

/// An `OutputDev` that keeps glyph positions, one `Vec<Run>` per page.
#[derive(Debug, Default)]
pub struct Layout {
    pages: Vec<Vec<Run>>,
    height: f64,
    /// A word boundary was signalled since the last glyph.
    word_break: bool,
}

impl Layout {
    /// The text of each page, in reading order.
    pub fn into_pages(self) -> Vec<String> {
        self.pages
            .into_iter()
            .map(|runs| page_text(&runs))
            .collect()
    }
}

impl OutputDev for Layout {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.pages.push(Vec::new());
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // the size of the glyph box once transformed (as pdf-extract computes it)
        let sx = trm.m11 * font_size + trm.m21 * font_size;
        let sy = trm.m12 * font_size + trm.m22 * font_size;
        let size = (sx * sy).abs().sqrt().max(0.1);
        let (x, y) = (trm.m31, self.height - trm.m32);
        let end = x + width * size;
        let word_break = std::mem::take(&mut self.word_break);
        let Some(runs) = self.pages.last_mut() else {
            return Ok(());
        };
        if let Some(last) = runs.last_mut() {
            let same_line = (y - last.y).abs() <= last.size * 0.5;
            let gap = x - last.x1;
            if same_line && gap > -last.size && gap < COLUMN_GAP * last.size {
                if gap > last.size * 0.1 || (word_break && gap > last.size * 0.05) {
                    last.text.push(' ');
                }
                last.text.push_str(char);
                last.x1 = last.x1.max(end);
                return Ok(());
            }
        }
        runs.push(Run {
            x0: x,
            x1: end,
            y,
            size,
            text: char.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.word_break = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A line: runs at one height, left to right.
#[derive(Debug)]
struct Line<'r> {
    y: f64,
    size: f64,
    runs: Vec<&'r Run>,
}

/// The runs of a page grouped into lines, top to bottom.
fn lines(runs: &[Run]) -> Vec<Line<'_>> {
    let mut sorted: Vec<&Run> = runs.iter().filter(|r| !r.text.trim().is_empty()).collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<Line> = Vec::new();
    for run in sorted {
        match out.last_mut() {
            Some(line) if (run.y - line.y).abs() <= line.size.max(run.size) * 0.5 => {
                line.runs.push(run);
            }
            _ => out.push(Line {
                y: run.y,
                size: run.size,
                runs: vec![run],
            }),
        }
    }
    for line in &mut out {
        line.runs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    out
}

/// The page's text: blocks with columns read column by column, the rest line
/// by line; a blank line where the vertical gap is a paragraph's.
fn page_text(runs: &[Run]) -> String {
    let lines = lines(runs);
    let mut out = String::new();
    let mut i = 0;
    let mut last_y: Option<(f64, f64)> = None;
    while i < lines.len() {
        let gap_before =
            |y: f64, last: Option<(f64, f64)>| last.is_some_and(|(ly, size)| y - ly > size * 1.5);
        if gap_before(lines[i].y, last_y) {
            out.push('\n');
        }
        if lines[i].runs.len() < 2 {
            push_line(&mut out, lines[i].runs.iter().map(|r| r.text.as_str()));
            last_y = Some((lines[i].y, lines[i].size));
            i += 1;
            continue;
        }
        // a block: this line and the following ones until a paragraph gap or
        // a line wider than the columns (running text again)
        let start = i;
        let mut end = i + 1;
        while end < lines.len()
            && lines[end].y - lines[end - 1].y <= lines[end - 1].size * BLOCK_GAP
            && fits(&column_spans(&lines[start..end]), &lines[end])
        {
            end += 1;
        }
        let block = &lines[start..end];
        let spans = column_spans(block);
        for c in 0..spans.len() {
            let mut first = true;
            for line in block {
                let cells: Vec<&str> = line
                    .runs
                    .iter()
                    .filter(|r| column_of(&spans, r) == c)
                    .map(|r| r.text.as_str())
                    .collect();
                if cells.is_empty() {
                    continue;
                }
                if first && c > 0 {
                    out.push('\n');
                }
                first = false;
                push_line(&mut out, cells.into_iter());
            }
        }
        last_y = Some((block[block.len() - 1].y, block[block.len() - 1].size));
        i = end;
    }
    out
}

fn push_line<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    let line = cells.map(str::trim).collect::<Vec<_>>().join(" ");
    out.push_str(&line);
    out.push('\n');
}

/// The columns of a block: the stretches of the page its runs cover, runs
/// that overlap horizontally merged (a centred "Loire," under "Pour la Caisse
/// d'allocations familiales d'Indre-et-" is in the same column).
fn column_spans(block: &[Line]) -> Vec<(f64, f64)> {
    let mut spans: Vec<(f64, f64)> = block
        .iter()
        .flat_map(|l| l.runs.iter().map(|r| (r.x0, r.x1)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for (x0, x1) in spans {
        match merged.last_mut() {
            Some(last) if x0 <= last.1 + 1.0 => last.1 = last.1.max(x1),
            _ => merged.push((x0, x1)),
        }
    }
    merged
}

/// Whether `line` keeps the columns apart: none of its runs reaches over the
/// gap between two of them (a line of running text does, and ends the block).
fn fits(spans: &[(f64, f64)], line: &Line) -> bool {
    line.runs.iter().all(|r| {
        spans
            .iter()
            .filter(|(x0, x1)| r.x0 <= x1 + 1.0 && r.x1 + 1.0 >= *x0)
            .count()
            <= 1
    })
}

/// The column of a run: the span that holds its left edge (else the nearest).
fn column_of(spans: &[(f64, f64)], run: &Run) -> usize {
    spans
        .iter()
        .position(|(x0, x1)| run.x0 >= x0 - 1.0 && run.x0 <= x1 + 1.0)
        .unwrap_or_else(|| spans.iter().rposition(|(x0, _)| *x0 <= run.x0).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x0: f64, y: f64, text: &str) -> Run {
        Run {
            x0,
            x1: x0 + text.chars().count() as f64 * 5.5,
            y,
            size: 11.0,
            text: text.to_string(),
        }
    }

    #[test]
    fn a_two_column_signature_block_is_read_column_by_column() {
        let runs = vec![
            run(60.0, 100.0, "Fait à La Flèche, le 28 juin 2024."),
            run(60.0, 140.0, "Pour la Caf de la Sarthe"),
            run(320.0, 140.0, "Pour la Communauté de communes"),
            run(60.0, 154.0, "Le Président,"),
            run(320.0, 154.0, "du Pays Fléchois"),
            run(60.0, 168.0, "Alain Fourmy"),
            run(320.0, 168.0, "Le Président,"),
            run(320.0, 182.0, "Hervé Lebrun"),
        ];
        assert_eq!(
            page_text(&runs),
            "Fait à La Flèche, le 28 juin 2024.\n\nPour la Caf de la Sarthe\nLe Président,\nAlain Fourmy\n\nPour la Communauté de communes\ndu Pays Fléchois\nLe Président,\nHervé Lebrun\n"
        );
    }

    #[test]
    fn running_text_reads_line_by_line_with_paragraph_breaks() {
        let runs = vec![
            run(60.0, 100.0, "La convention est signée"),
            run(60.0, 114.0, "pour quatre ans."),
            run(60.0, 160.0, "Article 2 : Objet"),
        ];
        assert_eq!(
            page_text(&runs),
            "La convention est signée\npour quatre ans.\n\nArticle 2 : Objet\n"
        );
    }

    #[test]
    fn a_line_across_the_columns_ends_the_block() {
        let runs = vec![
            run(60.0, 100.0, "Convention 2024"),
            run(480.0, 100.0, "Page 2"),
            run(60.0, 114.0, "Une ligne de texte courant qui traverse toute la largeur de la page, bien au-delà."),
        ];
        assert_eq!(
            page_text(&runs),
            "Convention 2024\n\nPage 2\nUne ligne de texte courant qui traverse toute la largeur de la page, bien au-delà.\n"
        );
    }

    #[test]
    fn table_cells_come_out_one_per_line() {
        let runs = vec![
            run(60.0, 100.0, "Commune"),
            run(300.0, 100.0, "Population"),
            run(60.0, 114.0, "Plougar"),
            run(300.0, 114.0, "850"),
            run(60.0, 128.0, "Bodilis"),
            run(300.0, 128.0, "1 700"),
        ];
        assert_eq!(
            page_text(&runs),
            "Commune\nPlougar\nBodilis\n\nPopulation\n850\n1 700\n"
        );
    }
}
