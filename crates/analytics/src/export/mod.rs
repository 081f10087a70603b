//! `ctg export`: the records and their conventions as the relational tables
//! of `schema.sql`, for SQL, DuckDB and pandas.
//!
//! In: the records of an extract's output ([`crate::dataset::load`]), their
//! conventions ([`crate::dataset::conventions`]) and the reference data.
//! Out: [`Tables`], built once ([`tables`]), which `sqlite.rs` writes as an
//! SQLite database ([`write_sqlite`]), `csv.rs` as a folder of CSV files
//! ([`write_csv`]) and `workbook.rs` as an Excel workbook ([`write_xlsx`]),
//! so that all have exactly the same tables, columns and rows. Rows are sorted by their key, so the same records give the same
//! files.
//!
//! `reference.rs` builds the reference tables (regions, departments, axes),
//! `documents.rs` the document-level tables (one record's values and their
//! evidence), `conventions.rs` the convention-level ones.
//!
//! Does not: read the records or the texts, print, or decide anything the
//! records and conventions do not already say.

mod conventions;
mod csv;
mod documents;
mod reference;
mod sqlite;
mod workbook;

pub use csv::write_csv;
pub use sqlite::write_sqlite;
pub use workbook::write_xlsx;

use crate::dataset::Convention;
use ctg_atomic::WriteError;
use ctg_core::record::Record;
use ctg_core::refdata::RefData;
use serde::Serialize;
use std::cmp::Ordering;
use std::path::PathBuf;
use thiserror::Error;

/// The tables and their columns, with a comment on each: what the SQLite
/// database is created from, and what a CSV export ships beside its files.
pub const SCHEMA: &str = include_str!("schema.sql");

/// A cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No value (SQL NULL, an empty CSV field).
    Null,
    /// A count, a year, an id.
    Integer(i64),
    /// A duration in years.
    Real(f64),
    /// Codes, names, dates, text.
    Text(String),
}

impl Value {
    /// Nulls first, then numbers, then text, so that a key sorts the same
    /// way in Rust and in SQL.
    fn cmp(&self, other: &Value) -> Ordering {
        use Value::*;
        match (self, other) {
            (Null, Null) => Ordering::Equal,
            (Null, _) => Ordering::Less,
            (_, Null) => Ordering::Greater,
            (Integer(a), Integer(b)) => a.cmp(b),
            (Real(a), Real(b)) => a.total_cmp(b),
            (Integer(a), Real(b)) => (*a as f64).total_cmp(b),
            (Real(a), Integer(b)) => a.total_cmp(&(*b as f64)),
            (Integer(_) | Real(_), Text(_)) => Ordering::Less,
            (Text(_), Integer(_) | Real(_)) => Ordering::Greater,
            (Text(a), Text(b)) => a.cmp(b),
        }
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_string())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

impl From<&String> for Value {
    fn from(text: &String) -> Value {
        Value::Text(text.clone())
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Integer(n)
    }
}

impl From<i32> for Value {
    fn from(n: i32) -> Value {
        Value::Integer(n.into())
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::Integer(n.into())
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Value {
        Value::Integer(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<usize> for Value {
    fn from(n: usize) -> Value {
        Value::Integer(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<f64> for Value {
    fn from(x: f64) -> Value {
        Value::Real(x)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Value {
        value.map_or(Value::Null, Into::into)
    }
}

/// The `snake_case` name a record enum has in `corpus.jsonl` (`press_release`,
/// `month_day`), so that the tables spell values as the JSON does.
fn name(value: &impl Serialize) -> Value {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => Value::Text(text),
        other => unreachable!("a unit enum serializes as a string, not {other:?}"),
    }
}

/// A row: its cells converted to [`Value`]s, in column order.
macro_rules! row {
    ($($cell:expr),* $(,)?) => {
        vec![$($crate::export::Value::from($cell)),*]
    };
}
pub(crate) use row;

/// One table of `schema.sql` with its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Its name in `schema.sql` (the CSV file is `<name>.csv`).
    pub name: &'static str,
    /// Its columns, in the order of `schema.sql`.
    pub columns: &'static [&'static str],
    /// How many leading columns identify a row; rows are sorted by them.
    pub key: usize,
    /// The rows, each with one value per column.
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    fn new(name: &'static str, columns: &'static [&'static str], key: usize) -> Table {
        Table {
            name,
            columns,
            key,
            rows: Vec::new(),
        }
    }

    /// Sorts the rows by key, whatever order they were built in.
    fn sorted(mut self) -> Table {
        let key = self.key;
        self.rows.sort_by(|a, b| {
            a[..key]
                .iter()
                .zip(&b[..key])
                .map(|(x, y)| x.cmp(y))
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        });
        self
    }
}

/// Every table, in the order of `schema.sql`.
#[derive(Debug, Clone, PartialEq)]
pub struct Tables(pub Vec<Table>);

impl Tables {
    /// The table called `name`.
    pub fn get(&self, name: &str) -> Option<&Table> {
        self.0.iter().find(|t| t.name == name)
    }
}

/// The names of the tables `schema.sql` creates, in its order.
pub fn table_names() -> impl Iterator<Item = &'static str> {
    SCHEMA
        .lines()
        .filter_map(|line| line.strip_prefix("CREATE TABLE "))
        .filter_map(|rest| rest.split_whitespace().next())
}

/// The tables of `records` and their `conventions`.
///
/// Records are taken in id order (a repeated id once), as
/// [`crate::dataset::conventions`] takes them.
pub fn tables(records: &[Record], conventions: &[Convention], refdata: &RefData) -> Tables {
    let mut sorted: Vec<&Record> = records.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    sorted.dedup_by(|later, first| later.id == first.id);
    let mut all = reference::tables(&sorted, refdata);
    all.extend(conventions::tables(conventions));
    all.extend(documents::tables(&sorted, conventions));
    let order: Vec<&str> = table_names().collect();
    all.sort_by_key(|t| order.iter().position(|name| *name == t.name));
    Tables(all.into_iter().map(Table::sorted).collect())
}

/// Why an export could not be written. Nothing is left half-written: the
/// target is replaced only once the new file or folder is complete.
#[derive(Debug, Error)]
pub enum ExportError {
    /// A file or folder could not be written.
    #[error(transparent)]
    Io(#[from] WriteError),
    /// SQLite refused something (a full disk, a read-only folder).
    #[error("cannot write the SQLite database {path}: {source}")]
    Sqlite {
        /// The database being written.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// A table has more rows than an Excel sheet holds.
    #[error("the table {table} has {rows} rows, more than an Excel sheet holds ({max}); export to SQLite or CSV instead", max = workbook::MAX_ROWS)]
    TooManyRows {
        /// The table.
        table: &'static str,
        /// Its rows.
        rows: usize,
    },
    /// The workbook could not be made.
    #[error("cannot make the Excel workbook: {0}")]
    Xlsx(String),
    /// The target exists and is not what an export writes.
    #[error(
        "{path} exists and {what}; choose another path (an export replaces only its own files)"
    )]
    NotAnExport {
        /// The target.
        path: PathBuf,
        /// What it is instead.
        what: &'static str,
    },
}

impl ExportError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::Io(_) => "export.io",
            ExportError::Sqlite { .. } => "export.sqlite",
            ExportError::NotAnExport { .. } => "export.not_an_export",
            ExportError::TooManyRows { .. } => "export.too_many_rows",
            ExportError::Xlsx(_) => "export.xlsx",
        }
    }
}

#[cfg(test)]
mod tests;
