//! Excel workbooks: sheets of typed cells, written as one `.xlsx` file.
//!
//! In: [`Sheet`]s, each a header row and rows of [`Cell`]s. Out: the bytes
//! of a workbook ([`workbook`]) in which every sheet has its header row in
//! bold, frozen, with filters on every column, and cells typed as Excel
//! types them: numbers as numbers, dates as dates (shown `jj/mm/aaaa` in a
//! French Excel), and codes as text, so that department `01`, INSEE code
//! `01001` and a SIREN keep their leading zeros.
//!
//! Does not: decide what the sheets hold (compare and export do), or write
//! files.

use ctg_core::calendar::CivilDate;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

pub use rust_xlsxwriter::XlsxError;

/// Widest column, in characters: long titles and names wrap past it.
const MAX_WIDTH: f64 = 60.0;

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text, codes included (`01`, `200071678`).
    Text(String),
    /// A number (a count, a year, a duration).
    Number(f64),
    /// A share, shown as a percentage (0.25 shows `25 %`).
    Share(f64),
    /// A calendar date, a real Excel date.
    Date(CivilDate),
}

impl From<Option<String>> for Cell {
    fn from(text: Option<String>) -> Cell {
        text.map_or(Cell::Empty, Cell::Text)
    }
}

/// One sheet: its name (at most 31 characters, no `[]:*?/\`), its headers
/// and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The tab's name.
    pub name: String,
    /// The header row.
    pub headers: Vec<String>,
    /// The rows, each at most as long as the headers.
    pub rows: Vec<Vec<Cell>>,
}

/// The workbook of `sheets`, in their order.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let share = Format::new().set_num_format("0.0%");
    let text = Format::new().set_num_format("@");
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        let mut widths: Vec<usize> = sheet.headers.iter().map(|h| h.chars().count()).collect();
        for (col, title) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, column(col), title, &header)?;
        }
        for (i, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
            for (col, cell) in row.iter().enumerate() {
                let c = column(col);
                let shown = match cell {
                    Cell::Empty => 0,
                    Cell::Text(t) => {
                        ws.write_string_with_format(r, c, t, &text)?;
                        t.chars().count()
                    }
                    Cell::Number(x) => {
                        ws.write_number(r, c, *x)?;
                        x.to_string().len()
                    }
                    Cell::Share(x) => {
                        ws.write_number_with_format(r, c, *x, &share)?;
                        6
                    }
                    Cell::Date(d) => {
                        ws.write_datetime_with_format(r, c, excel_date(*d)?, &date)?;
                        10
                    }
                };
                if let Some(w) = widths.get_mut(col) {
                    *w = (*w).max(shown);
                }
            }
        }
        for (col, width) in widths.iter().enumerate() {
            let chars = u32::try_from(*width).unwrap_or(u32::MAX);
            ws.set_column_width(column(col), (f64::from(chars) + 2.0).min(MAX_WIDTH))?;
        }
        ws.set_freeze_panes(1, 0)?;
        if !sheet.headers.is_empty() {
            let last_row = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
            ws.autofilter(0, 0, last_row, column(sheet.headers.len() - 1))?;
        }
    }
    book.save_to_buffer()
}

fn column(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

fn excel_date(d: CivilDate) -> Result<ExcelDateTime, XlsxError> {
    let year =
        u16::try_from(d.year).map_err(|_| XlsxError::DateTimeRangeError(d.year.to_string()))?;
    ExcelDateTime::from_ymd(year, d.month as u8, d.day as u8)
}
