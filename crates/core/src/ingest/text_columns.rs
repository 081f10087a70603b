//! Two columns laid out with spaces in a plain text, read one after the other.
//!
//! A text saved from a PDF with its layout (`pdftotext -layout`), or typed to
//! look like the signed page, sets the parties' signature blocks side by side:
//!
//! ```text
//! Pour la Ville d'Abbeville,          Pour la Caf de la Somme,
//! Le Maire,                           La Directrice,
//! Pascal Roussel                      Odile Marchand
//! ```
//!
//! Read line by line, the two names make one ("Pascal Roussel Odile
//! Marchand") and each role lands beside the other party's name. Here, as
//! `layout.rs` does with a PDF's glyphs, a stretch of lines whose cells stand
//! apart by a wide gap of spaces is read column by column: the left column top
//! to bottom, a blank line, then the right one. The same goes for a
//! bulletin's prose printed in two columns.
//!
//! Only two columns are read so: a stretch of three or more is a table, whose
//! rows belong together ("Lamballe   12 mars 2024   5 ans"). It is read row
//! by row, one cell per line and a blank line between rows, as an HTML
//! table is, so that a cell's name does not run into the next cell's
//! ("ANDEL   LA BOUILLIE   BREHAND", a list of communes in three columns); so
//! are two lines running or more of three cells each whose columns are not
//! aligned. A single line with a gap ("Fait à Brest,      le 3 mai 2024")
//! stays as it is.

use std::borrow::Cow;

/// Spaces that part two cells of a line (fewer are a typist's double space).
const CELL_GAP: usize = 3;

/// A piece of a line between wide gaps; `x0..x1` in characters.
#[derive(Debug)]
struct Cell<'a> {
    x0: usize,
    x1: usize,
    text: &'a str,
}

/// The cells of a line: its text cut at runs of `CELL_GAP` spaces or at tabs,
/// with their positions in characters (a tab counts as one).
fn cells(line: &str) -> Vec<Cell<'_>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (byte, char) of the cell
    let mut spaces = 0;
    let mut last_end = (0, 0); // end of the last non-space char (byte, char)
    for (x, (at, c)) in line.char_indices().enumerate() {
        if c == ' ' || c == '\t' || c == '\r' {
            spaces += if c == '\t' { CELL_GAP } else { 1 };
            continue;
        }
        match start {
            Some((b, x0)) if spaces >= CELL_GAP => {
                out.push(Cell {
                    x0,
                    x1: last_end.1,
                    text: &line[b..last_end.0],
                });
                start = Some((at, x));
            }
            None => start = Some((at, x)),
            _ => {}
        }
        spaces = 0;
        last_end = (at + c.len_utf8(), x + 1);
    }
    if let Some((b, x0)) = start {
        out.push(Cell {
            x0,
            x1: last_end.1,
            text: &line[b..last_end.0],
        });
    }
    out
}

/// The columns of a stretch of lines: the character ranges its cells cover,
/// overlapping ones merged.
fn column_spans(block: &[Vec<Cell>]) -> Vec<(usize, usize)> {
    merged(block.iter().flatten().map(|c| (c.x0, c.x1)))
}

/// Character ranges, overlapping ones merged, in order.
fn merged(spans: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = spans.collect();
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (x0, x1) in spans {
        match merged.last_mut() {
            Some(last) if x0 <= last.1 => last.1 = last.1.max(x1),
            _ => merged.push((x0, x1)),
        }
    }
    merged
}

/// Whether a line keeps the columns apart: none of its cells reaches over the
/// gap between two of them (running text across the page does).
fn fits(spans: &[(usize, usize)], cells: &[Cell]) -> bool {
    cells.iter().all(|c| {
        spans
            .iter()
            .filter(|(x0, x1)| c.x0 < *x1 && *x0 < c.x1)
            .count()
            <= 1
    })
}

/// The column of a cell: the span that holds its start.
fn column_of(spans: &[(usize, usize)], cell: &Cell) -> usize {
    spans
        .iter()
        .position(|(x0, x1)| (*x0..*x1).contains(&cell.x0))
        .unwrap_or(0)
}

/// The text with its two-column stretches read column by column; the text
/// itself when it has none.
pub fn read(text: &str) -> Cow<'_, str> {
    if !text.contains("   ") && !text.contains('\t') {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        let (end, block) = match block_at(&lines, i) {
            Ok(block) => block,
            Err(plain) => match rows_at(&lines, i) {
                Some(rows) => rows,
                None => {
                    // lines that are no stretch of columns stay as they are,
                    // up to a table's rows if some start among them
                    let stop = (i + 1..plain)
                        .find(|&j| rows_at(&lines, j).is_some())
                        .unwrap_or(plain);
                    for (n, line) in lines.iter().enumerate().take(stop).skip(i) {
                        out.push_str(line);
                        if n + 1 < lines.len() {
                            out.push('\n');
                        }
                    }
                    i = stop;
                    continue;
                }
            },
        };
        changed = true;
        let spans = column_spans(&block);
        if spans.len() > 2 || block.iter().all(|cells| cells.len() >= 3) {
            for (n, line) in block.iter().enumerate() {
                if n > 0 {
                    out.push('\n');
                }
                for cell in line {
                    out.push_str(cell.text);
                    out.push('\n');
                }
            }
            i = end;
            continue;
        }
        for column in 0..spans.len() {
            if column > 0 {
                out.push('\n');
            }
            for line in &block {
                for cell in line.iter().filter(|c| column_of(&spans, c) == column) {
                    out.push_str(cell.text);
                    out.push('\n');
                }
            }
        }
        i = end;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Blank lines a stretch of columns goes on over (the room left to sign).
const MAX_BLANKS: usize = 3;

/// The stretch of columns that starts at line `i`, if one does: its end (a
/// line index) and its lines' cells. It starts at a line of two cells and
/// goes on while the lines fit its columns, over up to `MAX_BLANKS` blank
/// lines when a line of two cells follows them; it counts two lines of two
/// cells or more, and two columns or more that do not overlap. Otherwise, the line after which
/// no stretch can start sooner: the next one, or the end of lines whose
/// cells all ran into one column (each line is read once, not once per line
/// before it).
fn block_at<'a>(lines: &[&'a str], i: usize) -> Result<(usize, Vec<Vec<Cell<'a>>>), usize> {
    let first = cells(lines[i]);
    if first.len() < 2 {
        return Err(i + 1);
    }
    let mut spans = column_spans(std::slice::from_ref(&first));
    let mut block = vec![first];
    let mut end = i + 1;
    loop {
        // a signature block leaves room to sign: up to three blank lines
        // (not a page break) before the names
        let mut j = end;
        while j < lines.len()
            && j - end < MAX_BLANKS
            && lines[j].trim().is_empty()
            && !lines[j].contains('\x0c')
        {
            j += 1;
        }
        let blank = j > end;
        let Some(line) = lines.get(j) else { break };
        let next = cells(line);
        if next.is_empty() || (blank && next.len() < 2) || !fits(&spans, &next) {
            break;
        }
        spans = merged(
            spans
                .iter()
                .copied()
                .chain(next.iter().map(|c| (c.x0, c.x1))),
        );
        block.push(next);
        end = j + 1;
    }
    let two_cells = block.iter().filter(|cells| cells.len() >= 2).count();
    match (two_cells >= 2, spans.len() >= 2) {
        (true, true) => Ok((end, block)),
        // cells whose columns overlap from line to line (tabs, or a
        // typist's rough alignment) leave no two columns to read
        (_, false) => Err(end),
        (false, true) => Err(i + 1),
    }
}

/// The rows of a table whose columns are not aligned, starting at line `i`:
/// two lines or more in a row, each of three cells or more (running text
/// never has two wide gaps in a line, let alone on two lines running).
fn rows_at<'a>(lines: &[&'a str], i: usize) -> Option<(usize, Vec<Vec<Cell<'a>>>)> {
    let rows: Vec<Vec<Cell>> = lines[i..]
        .iter()
        .map(|line| cells(line))
        .take_while(|cells| cells.len() >= 3)
        .collect();
    (rows.len() >= 2).then(|| (i + rows.len(), rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_block_in_two_columns_is_read_column_by_column() {
        let text = "Fait en deux exemplaires.\n\n\
                    Pour la Ville de Guingamp,          Pour la Caf des Côtes-d'Armor,\n\
                    Le Maire,                           La Directrice,\n\
                    \n\
                    Hélène Kerbrat                      Solène Le Moal\n\
                    \n\
                    Annexe 1";
        assert_eq!(
            read(text),
            "Fait en deux exemplaires.\n\n\
             Pour la Ville de Guingamp,\nLe Maire,\nHélène Kerbrat\n\n\
             Pour la Caf des Côtes-d'Armor,\nLa Directrice,\nSolène Le Moal\n\
             \n\
             Annexe 1"
        );
    }

    #[test]
    fn a_signature_block_leaves_room_to_sign() {
        let text = "Pour la Caf de l'Aude          Pour la commune de Lézignan,\n\
                    La Présidente,                 Le Maire,\n\
                    \n\
                    \n\
                    \n\
                    Claire Py                      Marc Olive\n\
                    \n\
                    Annexe 1";
        assert_eq!(
            read(text),
            "Pour la Caf de l'Aude\nLa Présidente,\nClaire Py\n\n\
             Pour la commune de Lézignan,\nLe Maire,\nMarc Olive\n\
             \n\
             Annexe 1"
        );
    }

    #[test]
    fn a_line_under_one_column_stays_in_it() {
        let text = "Pour la Caf de l'Aude          Pour la commune de Lézignan\n\
                    La Présidente du conseil       Le Maire\n\
                    d'administration\n\
                    Claire Py                      Marc Olive\n";
        assert_eq!(
            read(text),
            "Pour la Caf de l'Aude\nLa Présidente du conseil\nd'administration\nClaire Py\n\n\
             Pour la commune de Lézignan\nLe Maire\nMarc Olive\n"
        );
    }

    #[test]
    fn tables_keep_their_rows_and_single_lines_and_running_text_stay() {
        // a table of three columns: its rows belong together, a cell a line
        let table = "Commune      Signature      Durée\n\
                     Lézignan     12 mars 2024   5 ans\n\
                     Sigean       3 mai 2024     4 ans\n";
        assert_eq!(
            read(table),
            "Commune\nSignature\nDurée\n\nLézignan\n12 mars 2024\n5 ans\n\nSigean\n3 mai 2024\n4 ans\n"
        );
        // rows whose cells are not aligned are still rows
        let rows = "Ville de Sées   12/03/2024   2024-2028   Anne Roy, maire\n\
                    Ville d'Écouché   3/05/2024   2024-2027   Paul Vert, maire\n";
        assert_eq!(
            read(rows),
            "Ville de Sées\n12/03/2024\n2024-2028\nAnne Roy, maire\n\n\
             Ville d'Écouché\n3/05/2024\n2024-2027\nPaul Vert, maire\n"
        );
        // two cells a line whose columns overlap: no columns to read
        let rough = "Pour la Caf\t\tPour la Ville\nLa Directrice\t\tLe Maire\n";
        assert_eq!(read(rough), rough);
        // however long, such lines are read once each and stay
        let long = rough.repeat(5_000);
        assert_eq!(read(&long), long);
        // one line with a gap
        let line = "Fait à Brest,       le 3 mai 2024\nen deux exemplaires.\n";
        assert_eq!(read(line), line);
        // a line across the page ends a stretch before it has two lines
        let text = "Pour la Caf          Pour la Ville\nLe texte continue sur toute la largeur de la page ici.\n";
        assert_eq!(read(text), text);
        assert!(matches!(read("Un texte sans colonnes."), Cow::Borrowed(_)));
    }

    #[test]
    fn prose_in_two_columns_reads_as_two_passages() {
        let text = "Le lundi 4 mars, la commune     la Caf de l'Hérault. Elle\n\
                    a signé une convention avec     court jusqu'en 2028.\n";
        assert_eq!(
            read(text),
            "Le lundi 4 mars, la commune\na signé une convention avec\n\n\
             la Caf de l'Hérault. Elle\ncourt jusqu'en 2028.\n"
        );
    }
}
