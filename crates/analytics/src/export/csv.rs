//! The tables as a folder of CSV files: `<table>.csv` for each table, and
//! `schema.sql`, the column types and their meaning.
//!
//! RFC 4180: UTF-8 without byte-order mark, `,` between fields, CRLF after
//! every line, a header line, a field in double quotes (inner ones doubled)
//! when it holds a comma, a quote or a line break (the `csv` crate writes
//! them). A NULL is an empty field, and so is an empty text (no value of a
//! record is an empty text; SQLite keeps the two apart). Integers are
//! written plainly, reals always with a decimal point (`4.0`, `1.5`),
//! shortest form that reads back the same.
//!
//! The folder is written beside the target, then put in its place; an
//! existing folder is replaced only when it holds nothing but files an
//! export writes.

use super::{table_names, ExportError, Table, Tables, Value, SCHEMA};
use ctg_atomic::{io, replace_folder, staging_path};
use std::fs;
use std::path::Path;

/// The file that describes the columns, beside the tables.
const SCHEMA_FILE: &str = "schema.sql";

/// Writes `tables` into the folder `dir`, one `<table>.csv` each, and
/// `schema.sql`.
pub fn write_csv(tables: &Tables, dir: &Path) -> Result<(), ExportError> {
    refuse_other_folder(dir)?;
    let staging = staging_path(dir)?;
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(io(&staging))?;
    }
    let written = fs::create_dir_all(&staging)
        .map_err(io(dir))
        .and_then(|()| {
            for table in &tables.0 {
                let file = staging.join(format!("{}.csv", table.name));
                fs::write(&file, render(table)).map_err(io(&file))?;
            }
            let schema = staging.join(SCHEMA_FILE);
            fs::write(&schema, SCHEMA).map_err(io(&schema))
        })
        .and_then(|()| replace_folder(&staging, dir));
    if written.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    Ok(written?)
}

/// An existing `dir` must be a folder holding only what an export writes.
fn refuse_other_folder(dir: &Path) -> Result<(), ExportError> {
    let refuse = |what| {
        Err(ExportError::NotAnExport {
            path: dir.to_path_buf(),
            what,
        })
    };
    if !dir.exists() {
        return Ok(());
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return refuse("is not a folder");
    };
    let ours: Vec<String> = table_names()
        .map(|t| format!("{t}.csv"))
        .chain([SCHEMA_FILE.to_string()])
        .collect();
    for entry in entries {
        let entry = entry.map_err(io(dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !ours.contains(&name) {
            return refuse("holds files that an export does not write");
        }
    }
    Ok(())
}

/// The CSV text of a table.
fn render(table: &Table) -> String {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // writing into a Vec<u8> cannot fail
    out.write_record(table.columns).expect("CSV into memory");
    for row in &table.rows {
        out.write_record(row.iter().map(|value| match value {
            Value::Null => String::new(),
            Value::Integer(n) => n.to_string(),
            Value::Real(x) => format!("{x:?}"),
            Value::Text(text) => text.clone(),
        }))
        .expect("CSV into memory");
    }
    let bytes = out.into_inner().expect("CSV into memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be_and_null_is_empty() {
        let table = Table {
            name: "t",
            columns: &["code", "name", "years", "n"],
            key: 1,
            rows: vec![
                vec![
                    Value::from("01001"),
                    Value::from("L'Abergement-Clémenciat, \"Ain\""),
                    Value::Real(4.0),
                    Value::Integer(48),
                ],
                vec![
                    Value::from("2A"),
                    Value::from(""),
                    Value::Real(1.5),
                    Value::Null,
                ],
                vec![
                    Value::from("x"),
                    Value::from("deux\nlignes"),
                    Value::Null,
                    Value::Integer(-1),
                ],
            ],
        };
        assert_eq!(
            render(&table),
            "code,name,years,n\r\n\
             01001,\"L'Abergement-Clémenciat, \"\"Ain\"\"\",4.0,48\r\n\
             2A,,1.5,\r\n\
             x,\"deux\nlignes\",,-1\r\n"
        );
    }

    #[test]
    fn a_folder_with_other_files_is_refused_and_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join("mine");
        fs::create_dir(&mine).unwrap();
        fs::write(mine.join("thesis.tex"), "chapitre 1").unwrap();
        let tables = crate::export::tables(&[], &[], ctg_core::refdata::get());
        let err = write_csv(&tables, &mine).unwrap_err();
        assert_eq!(err.code(), "export.not_an_export", "{err}");
        assert_eq!(
            fs::read_to_string(mine.join("thesis.tex")).unwrap(),
            "chapitre 1"
        );

        // an export's own folder is replaced, and nothing is left beside it
        let out = dir.path().join("csv");
        write_csv(&tables, &out).unwrap();
        fs::write(out.join("regions.csv"), "stale").unwrap();
        write_csv(&tables, &out).unwrap();
        let regions = fs::read_to_string(out.join("regions.csv")).unwrap();
        assert!(regions.starts_with("code,name\r\n"), "{regions}");
        let mut beside: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        beside.sort();
        assert_eq!(beside, ["csv", "mine"]);
    }
}
