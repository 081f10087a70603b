//! `ctg export` end to end: `ctg extract corpus` into a temporary folder,
//! then the SQLite database and the CSV folder, checked against the records,
//! the conventions and `ctg compare`, and the queries of docs/export.md run on it.

mod common;

use common::{ctg, ctg_ok, extract_corpus, root};
use ctg_analytics::compare::{GroupBy, Key};
use ctg_core::record::Record;
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

fn count(db: &Connection, sql: &str) -> usize {
    db.query_row(sql, [], |row| row.get::<_, i64>(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}")) as usize
}

/// The tables of the database, in the order they were created.
fn table_names(db: &Connection) -> Vec<String> {
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY rowid")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A cell as docs/export.md shows it: NULL empty, numbers as Rust prints them.
fn shown(value: ValueRef) -> String {
    match value {
        ValueRef::Null => String::new(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
    }
}

/// The result of a query as a Markdown table, and its rows.
fn run_query(db: &Connection, sql: &str) -> (String, Vec<Vec<String>>) {
    let mut query = db.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    let names: Vec<String> = query.column_names().iter().map(|s| s.to_string()).collect();
    let width = names.len();
    let rows: Vec<Vec<String>> = query
        .query_map([], |row| {
            (0..width)
                .map(|i| row.get_ref(i).map(shown))
                .collect::<Result<Vec<_>, _>>()
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let line = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
    let mut table = line(&names);
    table.push_str(&line(&vec!["---".to_string(); width]));
    for row in &rows {
        table.push_str(&line(row));
    }
    (table, rows)
}

/// The ```sql blocks of the queries section of docs/export.md, each with
/// the result table shown after it.
fn readme_queries() -> Vec<(String, String)> {
    let readme = fs::read_to_string(root().join("docs/export.md")).unwrap();
    let start = readme
        .find("\n## Queries\n")
        .expect("docs/export.md has a queries section");
    let section = &readme[start + 1..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut queries = Vec::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        if line != "```sql" {
            continue;
        }
        let sql: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        let result: String = lines
            .by_ref()
            .skip_while(|l| l.trim().is_empty())
            .take_while(|l| l.starts_with('|'))
            .map(|l| format!("{l}\n"))
            .collect();
        queries.push((sql.join("\n"), result));
    }
    queries
}

/// Records in a CSV text (RFC 4180: line breaks inside quotes do not count).
fn csv_records(text: &str) -> usize {
    let mut quoted = false;
    let mut records = 0;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => records += 1,
            _ => {}
        }
    }
    records
}

/// A compare row's value by key.
fn by_key<T>(
    table: &ctg_analytics::compare::Table,
    value: impl Fn(&ctg_analytics::compare::Row) -> T,
) -> BTreeMap<String, T> {
    table
        .rows
        .iter()
        .filter_map(|r| match &r.key {
            Key::Code(code) => Some((code.clone(), value(r))),
            _ => None,
        })
        .collect()
}

/// The pieces of evidence a record holds, for every value.
fn evidence_count(r: &Record) -> usize {
    let single = [
        r.title.is_some(),
        r.published.is_some(),
        r.decision_date.is_some(),
        r.signing_date.is_some(),
        r.period.is_some(),
        r.duration.is_some(),
    ];
    // a round-up's signings: their dates and parties
    let signings: usize = r
        .signings
        .iter()
        .map(|s| {
            usize::from(s.signing_date.is_some())
                + usize::from(s.period.is_some())
                + usize::from(s.duration.is_some())
                + s.caf.len()
                + s.territories.len()
        })
        .sum();
    let signatories: usize = r
        .signatories
        .iter()
        .map(|s| {
            1 + usize::from(s.role_evidence.is_some())
                + usize::from(s.organization_evidence.is_some())
        })
        .sum();
    r.doc_type_evidence.len()
        + r.about_ctg.evidence.len()
        + r.status.as_ref().map_or(0, |s| s.evidence.len())
        + signings
        + single.iter().filter(|s| **s).count()
        + r.caf.len()
        + r.territories.len()
        + signatories
        + r.communes.iter().map(|c| c.mentions.len()).sum::<usize>()
        + r.axes.iter().map(|a| a.evidence.len()).sum::<usize>()
}

/// Every evidence row's text is its span of the document's text.
fn check_evidence_slices(db: &Connection, out: &Path, records: &[Record]) {
    let mut texts: BTreeMap<String, Vec<char>> = BTreeMap::new();
    let mut query = db
        .prepare("SELECT document_id, start_offset, end_offset, text FROM evidence ORDER BY id")
        .unwrap();
    let rows = query
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)? as usize,
                row.get::<_, i64>(2)? as usize,
                row.get::<_, String>(3)?,
            ))
        })
        .unwrap();
    let mut checked = 0;
    for row in rows {
        let (document, start, end, text) = row.unwrap();
        let chars = texts.entry(document.clone()).or_insert_with(|| {
            fs::read_to_string(out.join("text").join(format!("{document}.txt")))
                .unwrap()
                .chars()
                .collect()
        });
        let slice: String = chars[start..end].iter().collect();
        assert_eq!(slice, text, "{document} [{start}, {end})");
        checked += 1;
    }
    assert_eq!(checked, records.iter().map(evidence_count).sum::<usize>());
}

#[test]
fn export_writes_the_corpus_as_tables_that_answer_the_readme_queries() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    extract_corpus(&out);
    let sqlite = tmp.path().join("ctg.sqlite");
    let csv = tmp.path().join("csv");
    let (out_arg, sqlite_arg, csv_arg) = (
        out.to_str().unwrap(),
        sqlite.to_str().unwrap(),
        csv.to_str().unwrap(),
    );
    ctg_ok(&["export", out_arg, "--sqlite", sqlite_arg, "--csv", csv_arg]);

    let records: Vec<Record> = ctg_analytics::dataset::load(&out).unwrap();
    let refdata = ctg_core::refdata::get();
    let conventions = ctg_analytics::dataset::conventions(&records, refdata);
    assert_eq!((records.len(), conventions.len()), (29, 28));

    let db = Connection::open(&sqlite).unwrap();
    db.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM pragma_foreign_key_check"),
        0
    );
    let integrity: String = db
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM documents"), records.len());
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM conventions"),
        conventions.len()
    );
    let signatories: usize = records.iter().map(|r| r.signatories.len()).sum();
    assert_eq!(count(&db, "SELECT COUNT(*) FROM signatories"), signatories);
    // every party a record names for a signatory is found among its parties
    let with_party = records
        .iter()
        .flat_map(|r| &r.signatories)
        .filter(|s| s.party.is_some())
        .count();
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM signatories WHERE party_id IS NOT NULL"
        ),
        with_party
    );

    // the CAF of Maine-et-Loire's director, and her party
    let (role, role_code, kind, code): (String, String, String, String) = db
        .query_row(
            "SELECT s.role, s.role_code, p.kind, p.code FROM signatories s
             JOIN parties p ON p.id = s.party_id WHERE s.name = 'Hélène Rabineau'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (
            role.as_str(),
            role_code.as_str(),
            kind.as_str(),
            code.as_str()
        ),
        ("directrice", "director", "caf", "49")
    );
    // the Mayenne convention: two documents, one conflict, the 16 communes of its CC
    let mayenne = "SELECT convention_id FROM convention_departments WHERE department = '53'";
    assert_eq!(
        count(
            &db,
            &format!("SELECT n_documents FROM conventions WHERE id = ({mayenne})")
        ),
        2
    );
    assert_eq!(
        count(
            &db,
            &format!("SELECT COUNT(*) FROM convention_communes WHERE convention_id = ({mayenne})")
        ),
        16
    );
    assert_eq!(
        count(
            &db,
            &format!("SELECT COUNT(*) FROM documents WHERE convention_id = ({mayenne})")
        ),
        2
    );
    let dates: Vec<String> = db
        .prepare(&format!(
            "SELECT value FROM conflicts WHERE convention_id = ({mayenne}) AND field = 'signing_date' ORDER BY value"
        ))
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(dates, ["2024-04-02", "2024-04-04"]);
    // Cherbourg-Octeville, commune déléguée, shares the code of Cherbourg-en-Cotentin
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM communes WHERE insee = '50129'"),
        2
    );
    check_evidence_slices(&db, &out, &records);

    // the documented queries give the results shown, and agree with compare
    let queries = readme_queries();
    assert_eq!(queries.len(), 3, "three queries in docs/export.md");
    let mut results = Vec::new();
    for (sql, shown_in_readme) in &queries {
        let (table, rows) = run_query(&db, sql);
        assert_eq!(
            &table, shown_in_readme,
            "the result docs/export.md shows for\n{sql}"
        );
        results.push(rows);
    }
    let by_department =
        ctg_analytics::compare::table(&conventions, 0, refdata, GroupBy::Department);
    let shares = by_key(&by_department, |r| r.population_share);
    for row in &results[0] {
        let share: f64 = row[3].parse().unwrap();
        let expected = shares[&row[0]].unwrap() * 100.0;
        assert!((share - expected).abs() < 0.05, "{row:?}: {expected}");
    }
    let by_region = ctg_analytics::compare::table(&conventions, 0, refdata, GroupBy::Region);
    let medians = by_key(&by_region, |r| r.median_duration_years);
    assert_eq!(results[1].len(), medians.values().flatten().count());
    for row in &results[1] {
        assert_eq!(
            Some(row[3].parse::<f64>().unwrap()),
            medians[&row[0]],
            "{row:?}"
        );
    }
    let parentalite = by_key(&by_region, |r| {
        r.axes
            .0
            .iter()
            .find(|(code, _)| *code == "parentalite")
            .unwrap()
            .1
    });
    assert_eq!(results[2].len(), parentalite.len());
    for row in &results[2] {
        let share: f64 = row[3].parse().unwrap();
        assert!(
            (share - parentalite[&row[0]] * 100.0).abs() <= 0.5,
            "{row:?}"
        );
    }

    // the CSV files: the same tables, columns and rows, and schema.sql
    let tables = table_names(&db);
    assert_eq!(tables.len(), 20);
    for table in &tables {
        let text = fs::read_to_string(csv.join(format!("{table}.csv"))).unwrap();
        let header: Vec<String> = db
            .prepare(&format!("SELECT * FROM {table}"))
            .unwrap()
            .column_names()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert!(
            text.starts_with(&format!("{}\r\n", header.join(","))),
            "{table}"
        );
        let rows = count(&db, &format!("SELECT COUNT(*) FROM {table}"));
        assert_eq!(csv_records(&text), rows + 1, "{table}.csv");
    }
    assert_eq!(
        fs::read_to_string(csv.join("schema.sql")).unwrap(),
        ctg_analytics::export::SCHEMA
    );

    // a second export gives the same bytes
    let again = tmp.path().join("again");
    let again_sqlite = tmp.path().join("again.sqlite");
    ctg_ok(&[
        "export",
        out_arg,
        "--csv",
        again.to_str().unwrap(),
        "--sqlite",
        again_sqlite.to_str().unwrap(),
    ]);
    for table in tables
        .iter()
        .map(|t| format!("{t}.csv"))
        .chain(["schema.sql".into()])
    {
        assert_eq!(
            fs::read(csv.join(&table)).unwrap(),
            fs::read(again.join(&table)).unwrap(),
            "{table}"
        );
    }
    assert_eq!(fs::read(&sqlite).unwrap(), fs::read(&again_sqlite).unwrap());

    // the workbook: one sheet per table with the database's rows, typed cells
    let xlsx = tmp.path().join("ctg.xlsx");
    ctg_ok(&["export", out_arg, "--xlsx", xlsx.to_str().unwrap()]);
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names(), tables);
    for table in &tables {
        let sheet = book.worksheet_range(table).unwrap();
        let rows = count(&db, &format!("SELECT COUNT(*) FROM {table}"));
        assert_eq!(sheet.height(), rows + 1, "{table}");
    }
    let departments = book.worksheet_range("departments").unwrap();
    assert_eq!(departments.get((1, 0)), Some(&Data::String("01".into())));
    let documents = book.worksheet_range("documents").unwrap();
    let header: Vec<String> = documents
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(
        header.contains(&"date de signature".to_string()),
        "{header:?}"
    );
    let signing = header
        .iter()
        .position(|h| h == "date de signature")
        .unwrap();
    assert!(
        documents
            .rows()
            .skip(1)
            .any(|r| matches!(r[signing], Data::DateTime(_))),
        "signing dates are dates"
    );
}

#[test]
fn export_says_what_to_do_and_leaves_other_files_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();

    let run = ctg(&[
        "export",
        &path("never-extracted"),
        "--sqlite",
        &path("x.sqlite"),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("run `ctg extract` first"), "{stderr}");

    // no target
    let run = ctg(&["export", "output"]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("--sqlite") && stderr.contains("--csv"),
        "{stderr}"
    );

    // a file that is not a database is not replaced
    fs::write(dir.join("notes.txt"), "mes notes").unwrap();
    let run = ctg(&["export", "output", "--sqlite", &path("notes.txt")]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("is not an SQLite database"), "{stderr}");
    assert_eq!(
        fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "mes notes"
    );

    // a target that cannot be written: inside a file
    let run = ctg(&["export", "output", "--csv", &path("notes.txt/csv")]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("notes.txt/csv"), "{stderr}");
    let run = ctg(&[
        "export",
        "output",
        "--sqlite",
        &path("notes.txt/ctg.sqlite"),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("notes.txt/ctg.sqlite"), "{stderr}");

    // nothing left behind by the failures
    let left: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["notes.txt"]);

    let help = String::from_utf8(ctg(&["export", "--help"]).stdout).unwrap();
    for table in [
        "conventions",
        "convention_communes",
        "evidence",
        "signatories",
    ] {
        assert!(help.contains(table), "{table} in --help");
    }
}

#[test]
fn a_page_dated_by_its_issue_exports_its_month_or_year() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let docs = dir.join("docs");
    fs::create_dir(&docs).unwrap();
    fs::write(
        docs.join("bulletin.txt"),
        "LE JOURNAL DE RIOM | N° 84 | Avril 2024\n\n\
         Le 12 mars dernier, la commune de Riom et la Caf du Puy-de-Dôme ont signé \
         leur convention territoriale globale.\n",
    )
    .unwrap();
    fs::write(
        docs.join("magazine.txt"),
        "VIVRE À THIERS · N° 31 · PRINTEMPS 2025\n\n\
         Le 19 mars dernier, la commune de Thiers et la Caf du Puy-de-Dôme ont signé \
         leur convention territoriale globale.\n",
    )
    .unwrap();
    let out = dir.join("out");
    let db = dir.join("corpus.sqlite");
    let (docs, out_s, db_s) = (
        docs.to_str().unwrap(),
        out.to_str().unwrap(),
        db.to_str().unwrap(),
    );
    ctg_ok(&["extract", "-q", "--output", out_s, docs]);
    ctg_ok(&["export", out_s, "--sqlite", db_s]);
    let db = Connection::open(&db).unwrap();
    let rows: Vec<(String, String, String)> = db
        .prepare(
            "SELECT published, published_precision, signing_date FROM documents \
             ORDER BY published",
        )
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        [
            ("2024-04".into(), "month".into(), "2024-03-12".into()),
            ("2025".into(), "year".into(), "2025-03-19".into()),
        ]
    );
}
