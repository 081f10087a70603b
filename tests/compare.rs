//! `ctg compare` end to end: `ctg extract corpus` into a temporary folder, then
//! the comparison in every format, checked against what the corpus says.
//!
//! The corpus has one signing described by two documents (the press release
//! and the convention of the Pays de Château-Gontier, Caf de la Mayenne, 53),
//! and one convention signed by two CAFs (Eure-et-Loir and Eure); every other
//! document is a convention of its own.

mod common;

use common::{ctg, ctg_ok, extract_corpus};
use ctg_analytics::dataset::Conflict;
use serde_json::Value;
use std::fs;

/// Standard output of a run that must succeed.
fn stdout(args: &[&str]) -> String {
    String::from_utf8(ctg_ok(args).stdout).expect("UTF-8 output")
}

/// The JSON row whose key is `key`.
fn row<'a>(rows: &'a [Value], key: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["key"] == key)
        .unwrap_or_else(|| panic!("no row {key}"))
}

#[test]
fn compare_counts_the_corpus_conventions_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    extract_corpus(&out);
    let dir = out.to_str().unwrap();

    // the merge, through the library on the same output
    let records = ctg_analytics::dataset::load(&out).unwrap();
    assert_eq!(records.len(), 29);
    let conventions = ctg_analytics::dataset::conventions(&records, ctg_core::refdata::get());
    assert_eq!(conventions.len(), 28);
    let mayenne: Vec<_> = conventions
        .iter()
        .filter(|c| c.caf.iter().any(|d| d.code == "53"))
        .collect();
    assert_eq!(mayenne.len(), 1);
    let merged = mayenne[0];
    let mut paths: Vec<&str> = merged.sources.iter().map(|s| s.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "corpus/convention-meme-signature-2024.txt",
            "corpus/press-meme-signature-2024.txt"
        ]
    );
    let date = merged.signing_date.as_ref().unwrap();
    assert_eq!(date.value, "2024-04-02", "the convention document's date");
    let [Conflict::SigningDate { values }] = &merged.conflicts[..] else {
        panic!("one signing date conflict: {:?}", merged.conflicts);
    };
    let mut given: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
    given.sort_unstable();
    assert_eq!(given, ["2024-04-02", "2024-04-04"]);
    assert_eq!(merged.communes.len(), 16, "the members of the CC");

    // JSON, by department
    let text = stdout(&["compare", dir, "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_str(&text).expect("JSON parses");
    assert_eq!(rows.len(), 30, "29 departments and the total");
    let keys: Vec<&str> = rows.iter().map(|r| r["key"].as_str().unwrap()).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(keys[..29], sorted[..29], "rows sorted by key");
    let m = row(&rows, "53");
    assert_eq!(m["name"], "Mayenne");
    assert_eq!(
        (m["conventions"].as_u64(), m["documents"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(m["conflicts"], 1);
    assert_eq!(m["per_year"]["2024"], 1);
    assert_eq!(m["median_duration_years"], 4.0);
    assert_eq!(m["communes"], 16);
    assert_eq!(m["territories"]["epci"], 1);
    for axis in [
        "petite_enfance",
        "enfance",
        "jeunesse",
        "parentalite",
        "acces_aux_droits",
    ] {
        assert_eq!(m["axes"][axis], 1.0, "{axis}");
    }
    assert_eq!(m["axes"]["logement"], 0.0);
    // Eure-et-Loir's and Eure's CAFs sign one convention: a row each, once in the total
    assert_eq!(row(&rows, "27")["conventions"], 1);
    assert_eq!(row(&rows, "28")["conventions"], 1);
    let sum: u64 = rows[..29]
        .iter()
        .map(|r| r["conventions"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, 29);
    let total = row(&rows, "total");
    assert_eq!(
        (total["conventions"].as_u64(), total["documents"].as_u64()),
        (Some(28), Some(29))
    );

    // the same JSON when corpus.jsonl lists the records in another order
    let shuffled = tmp.path().join("shuffled");
    fs::create_dir(&shuffled).unwrap();
    let lines = fs::read_to_string(out.join("corpus.jsonl")).unwrap();
    let mut reversed: Vec<&str> = lines.lines().collect();
    reversed.reverse();
    fs::write(shuffled.join("corpus.jsonl"), reversed.join("\n")).unwrap();
    assert_eq!(
        stdout(&["compare", shuffled.to_str().unwrap(), "--format", "json"]),
        text
    );

    // CSV: RFC 4180, by region
    let csv = stdout(&["compare", dir, "--by", "region", "--format", "csv"]);
    assert!(csv.starts_with(
        "region,name,conventions,signed,authorized,to_be_signed,in_preparation,status_unknown,documents,first_year,last_year,"
    ));
    assert!(csv.ends_with("\r\n") && !csv.contains('\u{feff}'));
    let lines: Vec<&str> = csv.split("\r\n").collect();
    let loire = lines.iter().find(|l| l.starts_with("52,")).unwrap();
    // Maine-et-Loire, Mayenne (two documents), Sarthe, Vendée
    assert!(
        loire.starts_with("52,Pays de la Loire,4,4,0,0,0,0,5,2023,2025,"),
        "{loire}"
    );
    // one press release says nothing of where its convention stands
    assert!(lines
        .iter()
        .any(|l| l.starts_with("total,,28,27,0,0,0,1,29,")));
    let width = lines[0].split(',').count();
    assert!(lines[1..lines.len() - 1]
        .iter()
        .all(|l| l.split(',').count() == width));

    // CSV for French Excel, by year: headers people read
    let excel = stdout(&["compare", dir, "--by", "year", "--excel"]);
    assert!(
        excel.starts_with("\u{feff}année;nom;conventions;signées;autorisées;"),
        "{excel}"
    );
    let y2024 = excel
        .split("\r\n")
        .find(|l| l.starts_with("2024;"))
        .unwrap();
    assert!(
        y2024.starts_with("2024;;8;8;0;0;0;0;9;2024;2024;"),
        "{y2024}"
    );
    let mayenne_excel = stdout(&["compare", dir, "--excel"]);
    let m = mayenne_excel
        .split("\r\n")
        .find(|l| l.starts_with("53;"))
        .unwrap();
    assert!(m.contains(";16;0,0667;0,0982;"), "decimal commas: {m}");

    // Markdown, the default, to a file
    let file = tmp.path().join("compare.md");
    let run = ctg(&["compare", dir, "-o", file.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0));
    assert!(run.stdout.is_empty());
    let markdown = fs::read_to_string(&file).unwrap();
    assert_eq!(markdown, stdout(&["compare", dir]));
    assert!(markdown.starts_with("## Conventions par département CAF\n"));
    assert!(
        markdown.contains(
            "| 53 | Mayenne | 1 | 1 | 0 | 0 | 0 | 0 | 2 | 2024 | 2024 | 4 | 16 | 6,7\u{202f}% | 9,8\u{202f}% | 0 | 1 | 0 | 0 | 0 | 1 |"
        ),
        "{markdown}"
    );
    let english = stdout(&["compare", dir, "--lang", "en"]);
    assert!(english.starts_with("## Conventions by CAF department\n"));
    assert!(english.contains(" | 6.7% | 9.8% | "), "{english}");

    // an Excel workbook: the three tables as sheets, typed cells
    let book = tmp.path().join("compare.xlsx");
    ctg_ok(&[
        "compare",
        dir,
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
    ]);
    {
        use calamine::{Data, Reader, Xlsx};
        let mut book: Xlsx<_> = calamine::open_workbook(&book).unwrap();
        assert_eq!(
            book.sheet_names(),
            ["Vue d'ensemble", "Signatures par année", "Axes", "À lire"]
        );
        let overview = book.worksheet_range("Vue d'ensemble").unwrap();
        assert_eq!(
            overview.get((0, 0)),
            Some(&Data::String("département".into()))
        );
        // codes are text (`01` keeps its zero), counts are numbers
        assert!(overview
            .rows()
            .skip(1)
            .all(|r| matches!(r[0], Data::String(_))));
        let mayenne = overview
            .rows()
            .find(|r| r[0] == Data::String("53".into()))
            .unwrap();
        assert_eq!(mayenne[2], Data::Float(1.0), "{mayenne:?}");
    }
    // a workbook on a terminal is refused
    let run = ctg(&["compare", dir, "--format", "xlsx"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("-o FILE.xlsx"));
    let names: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.starts_with(".compare.md")),
        "no temporary file left: {names:?}"
    );
}

#[test]
fn compare_without_an_extract_says_to_run_it_and_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("never-extracted");
    let run = ctg(&["compare", missing.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("run `ctg extract` first"), "{stderr}");

    fs::write(tmp.path().join("corpus.jsonl"), "{\"id\": \"x\"}\n").unwrap();
    let run = ctg(&["compare", tmp.path().to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("corpus.jsonl, line 1"), "{stderr}");

    let run = ctg(&[
        "compare",
        tmp.path().to_str().unwrap(),
        "--excel",
        "--format",
        "markdown",
    ]);
    assert_eq!(run.status.code(), Some(2));
    let run = ctg(&["compare", "--by", "commune"]);
    assert_eq!(run.status.code(), Some(2));
}
