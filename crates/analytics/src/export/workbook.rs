//! The tables as one Excel workbook: one sheet per table of `schema.sql`,
//! named as the table, with the same columns and rows as the SQLite
//! database and the CSV files.
//!
//! Cells are typed: counts, years, offsets and durations are numbers; dates
//! (`2023-12-14`) are Excel dates; everything else, codes included (`01`,
//! `2A`, a SIREN), is text, so that no leading zero is lost. A date without
//! its year (`--12-14`) stays text, as written in the records. The headers
//! are French (with `--lang en`, the column names of `schema.sql`); the
//! header row is frozen and has filters.
//!
//! Does not: decide what the tables hold (`documents.rs`, `conventions.rs`).

use super::{ExportError, Table, Tables, Value};
use crate::labels::Lang;
use crate::xlsx::{self, Cell, Sheet};
use ctg_core::calendar::CivilDate;
use std::path::Path;

/// Rows a sheet can hold below its header (Excel's limit is 1,048,576).
pub const MAX_ROWS: usize = 1_048_575;

/// Columns whose text is a date: `YYYY-MM-DD` becomes an Excel date.
const DATE_COLUMNS: &[&str] = &[
    "published",
    "decision_date",
    "signing_date",
    "period_start",
    "period_end",
];

/// The French header of each column name of `schema.sql`.
const HEADERS_FR: &[(&str, &str)] = &[
    ("about_ctg", "porte sur une CTG"),
    ("axis", "axe"),
    ("bytes", "octets"),
    ("code", "code"),
    ("communes", "communes"),
    ("convention_id", "convention"),
    ("current_commune", "commune actuelle"),
    ("decision_date", "date de la décision"),
    ("decision_evidence", "source de la date de décision"),
    ("decision_precision", "précision de la date de décision"),
    ("decision_year_source", "origine de l'année de décision"),
    ("department", "département"),
    ("doc_type", "type de document"),
    ("document_id", "document"),
    ("duration_basis", "origine de la durée"),
    ("duration_evidence", "source de la durée"),
    ("duration_months", "durée (mois)"),
    ("duration_source", "document de la durée"),
    ("duration_unit", "unité de durée"),
    ("duration_value", "durée écrite"),
    ("duration_years", "durée (ans)"),
    ("encoding", "encodage"),
    ("end_offset", "fin"),
    ("evidence_id", "source"),
    ("field", "champ"),
    ("format", "format"),
    ("id", "identifiant"),
    ("insee", "code INSEE"),
    ("kind", "nature"),
    ("n_conflicts", "désaccords"),
    ("n_documents", "documents"),
    ("name", "nom"),
    ("not_about_ctg_reason", "raison de l'exclusion"),
    ("organization", "organisme"),
    ("organization_evidence", "source de l'organisme"),
    ("page", "page"),
    ("pages", "pages"),
    ("party_id", "partie"),
    ("path", "chemin"),
    ("period_end", "fin de période"),
    ("period_evidence", "source de la période"),
    ("period_source", "document de la période"),
    ("period_start", "début de période"),
    ("population", "population"),
    ("position", "rang"),
    ("published", "date de publication"),
    ("published_evidence", "source de la date de publication"),
    ("published_precision", "précision de la date de publication"),
    ("region", "région"),
    ("role", "fonction"),
    ("role_code", "code de fonction"),
    ("role_evidence", "source de la fonction"),
    ("rule", "règle"),
    ("sha256", "SHA-256"),
    ("signing", "signature"),
    ("signing_date", "date de signature"),
    ("signing_evidence", "source de la date de signature"),
    ("signing_precision", "précision de la date de signature"),
    ("signing_source", "document de la date de signature"),
    ("signing_year_source", "origine de l'année de signature"),
    ("start_offset", "début"),
    ("status", "statut"),
    ("status_source", "document du statut"),
    ("text", "texte"),
    ("text_engine", "moteur de texte PDF"),
    ("title", "titre"),
    ("title_evidence", "source du titre"),
    ("value", "valeur"),
    ("via", "par"),
    ("year", "année"),
];

/// The header of a column in `lang`.
pub fn header(column: &str, lang: Lang) -> &str {
    match lang {
        Lang::En => column,
        Lang::Fr => HEADERS_FR
            .iter()
            .find(|(name, _)| *name == column)
            .map_or(column, |(_, fr)| fr),
    }
}

fn cell(column: &str, value: &Value) -> Cell {
    match value {
        Value::Null => Cell::Empty,
        Value::Integer(n) => Cell::Number(*n as f64),
        Value::Real(x) => Cell::Number(*x),
        Value::Text(text) if DATE_COLUMNS.contains(&column) => {
            if let Some(date) = CivilDate::parse(text) {
                Cell::Date(date)
            } else if let Ok(year) = text.parse::<i32>() {
                Cell::Number(f64::from(year))
            } else {
                Cell::Text(text.clone())
            }
        }
        Value::Text(text) => Cell::Text(text.clone()),
    }
}

fn sheet(table: &Table, lang: Lang) -> Sheet {
    Sheet {
        name: table.name.to_string(),
        headers: table
            .columns
            .iter()
            .map(|c| header(c, lang).to_string())
            .collect(),
        rows: table
            .rows
            .iter()
            .map(|row| {
                table
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(column, value)| cell(column, value))
                    .collect()
            })
            .collect(),
    }
}

/// The workbook of `tables`, headers in `lang`.
pub fn render(tables: &Tables, lang: Lang) -> Result<Vec<u8>, ExportError> {
    if let Some(big) = tables.0.iter().find(|t| t.rows.len() > MAX_ROWS) {
        return Err(ExportError::TooManyRows {
            table: big.name,
            rows: big.rows.len(),
        });
    }
    let sheets: Vec<Sheet> = tables.0.iter().map(|t| sheet(t, lang)).collect();
    xlsx::workbook(&sheets).map_err(|source| ExportError::Xlsx(source.to_string()))
}

/// Writes the workbook of `tables` to `path` (written beside it, then
/// renamed over it).
pub fn write_xlsx(tables: &Tables, path: &Path, lang: Lang) -> Result<(), ExportError> {
    let bytes = render(tables, lang)?;
    ctg_atomic::write_file(path, &bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_of_the_schema_has_a_french_header() {
        let tables = crate::export::tables(&[], &[], ctg_core::refdata::get());
        for table in &tables.0 {
            for column in table.columns {
                assert!(
                    HEADERS_FR.iter().any(|(name, _)| name == column),
                    "{}.{column} has no French header",
                    table.name
                );
            }
        }
    }

    #[test]
    fn dates_become_dates_and_codes_stay_text() {
        let date = |text: &str| cell("signing_date", &Value::from(text));
        assert_eq!(
            date("2023-12-14"),
            Cell::Date(CivilDate::parse("2023-12-14").unwrap())
        );
        assert_eq!(date("--12-14"), Cell::Text("--12-14".into()));
        assert_eq!(
            cell("period_start", &Value::from("2023")),
            Cell::Number(2023.0)
        );
        assert_eq!(cell("code", &Value::from("01")), Cell::Text("01".into()));
        assert_eq!(cell("population", &Value::Integer(42)), Cell::Number(42.0));
    }
}
