//! The tables as an SQLite database.
//!
//! The database is built in a temporary file beside the target (`schema.sql`,
//! then every table's rows through one prepared statement each, in one
//! transaction, foreign keys on and checked at the commit), then renamed over
//! the target: a reader never sees half a database, and a failed export
//! leaves the previous one whole. The temporary file needs no rollback
//! journal: if anything fails it is deleted.

use super::{ExportError, Tables, Value, SCHEMA};
use ctg_atomic::{io, staging_path};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{params_from_iter, Connection, ToSql};
use std::fs;
use std::io::Read;
use std::path::Path;

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Integer(n) => ValueRef::Integer(*n),
            Value::Real(x) => ValueRef::Real(*x),
            Value::Text(text) => ValueRef::Text(text.as_bytes()),
        }))
    }
}

/// What every SQLite database file starts with.
const HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Writes `tables` as the SQLite database `path`, replacing it when it is
/// one (or an empty file).
pub fn write_sqlite(tables: &Tables, path: &Path) -> Result<(), ExportError> {
    refuse_other_file(path)?;
    let tmp = staging_path(path)?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(io(path))?;
    }
    let _ = fs::remove_file(&tmp);
    let written = fill(&tmp, tables)
        .map_err(|source| ExportError::Sqlite {
            path: path.to_path_buf(),
            source,
        })
        .and_then(|()| Ok(fs::rename(&tmp, path).map_err(io(path))?));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// An existing `path` must be an SQLite database or empty: an export never
/// replaces another kind of file.
fn refuse_other_file(path: &Path) -> Result<(), ExportError> {
    if path.is_dir() {
        return Err(ExportError::NotAnExport {
            path: path.to_path_buf(),
            what: "is a folder",
        });
    }
    let Ok(mut file) = fs::File::open(path) else {
        return Ok(());
    };
    let mut start = Vec::with_capacity(HEADER.len());
    let read = file
        .by_ref()
        .take(HEADER.len() as u64)
        .read_to_end(&mut start);
    match read {
        Ok(0) => Ok(()),
        Ok(_) if start == HEADER => Ok(()),
        _ => Err(ExportError::NotAnExport {
            path: path.to_path_buf(),
            what: "is not an SQLite database",
        }),
    }
}

fn fill(path: &Path, tables: &Tables) -> rusqlite::Result<()> {
    let mut db = Connection::open(path)?;
    db.execute_batch("PRAGMA foreign_keys = ON; PRAGMA journal_mode = OFF;")?;
    let tx = db.transaction()?;
    // rows refer to each other both ways (a convention to its documents, a
    // document to its evidence): every reference is checked at the commit.
    // The order of the tables in schema.sql keeps this fast: with 5,000
    // documents, filling evidence after documents took minutes, SQLite
    // scanning the documents for each new evidence row
    tx.execute_batch("PRAGMA defer_foreign_keys = ON;")?;
    tx.execute_batch(SCHEMA)?;
    for table in &tables.0 {
        let placeholders = vec!["?"; table.columns.len()].join(", ");
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({placeholders})",
            table.name,
            table.columns.join(", ")
        );
        let mut insert = tx.prepare(&sql)?;
        for row in &table.rows {
            insert.execute(params_from_iter(row))?;
        }
    }
    tx.commit()?;
    db.close().map_err(|(_, e)| e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::table_names;

    /// The columns `schema.sql` gives a table, in order.
    fn schema_columns(db: &Connection, table: &str) -> Vec<String> {
        let mut info = db
            .prepare(&format!("PRAGMA table_info({table})"))
            .expect("pragma");
        info.query_map([], |row| row.get::<_, String>(1))
            .expect("columns")
            .collect::<Result<_, _>>()
            .expect("names")
    }

    #[test]
    fn the_model_has_every_table_and_column_of_the_schema_in_its_order() {
        let db = Connection::open_in_memory().unwrap();
        db.execute_batch(SCHEMA).unwrap();
        let tables = crate::export::tables(&[], &[], ctg_core::refdata::get());
        let names: Vec<&str> = tables.0.iter().map(|t| t.name).collect();
        assert_eq!(names, table_names().collect::<Vec<_>>());
        let mut listed: Vec<String> = db
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY rowid")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        listed.retain(|n| !n.starts_with("sqlite_"));
        assert_eq!(listed, names, "the order CREATE TABLE lines are read in");
        for table in &tables.0 {
            assert_eq!(
                schema_columns(&db, table.name),
                table.columns,
                "{}",
                table.name
            );
            assert!(table.key >= 1 && table.key <= table.columns.len());
        }
    }

    #[test]
    fn another_kind_of_file_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let notes = dir.path().join("notes.txt");
        fs::write(&notes, "mes notes").unwrap();
        let tables = crate::export::tables(&[], &[], ctg_core::refdata::get());
        let err = write_sqlite(&tables, &notes).unwrap_err();
        assert_eq!(err.code(), "export.not_an_export", "{err}");
        assert_eq!(fs::read_to_string(&notes).unwrap(), "mes notes");
        let err = write_sqlite(&tables, dir.path()).unwrap_err();
        assert_eq!(err.code(), "export.not_an_export", "{err}");

        // a database is replaced by the new one, and no temporary file stays
        let db = dir.path().join("ctg.sqlite");
        write_sqlite(&tables, &db).unwrap();
        write_sqlite(&tables, &db).unwrap();
        let regions: i64 = Connection::open(&db)
            .unwrap()
            .query_row("SELECT COUNT(*) FROM regions", [], |row| row.get(0))
            .unwrap();
        assert_eq!(regions as usize, ctg_core::refdata::get().regions.len());
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 2, "notes.txt and ctg.sqlite: {left:?}");
    }
}
