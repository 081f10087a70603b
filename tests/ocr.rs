//! Scanned PDFs end to end: the image-only copies of our own corpus documents
//! in `tests/scans/` (made by `tools/scans/make_scans.py`) are read by OCR, with
//! their provenance, the 60-dpi page gets its own error, a re-run reads them
//! from the cache, and without Tesseract a scan says what to install.
//!
//! The tests that need Tesseract (`tesseract-ocr`, `tesseract-ocr-fra`) and
//! pdftoppm (`poppler-utils`) say so and pass without checking when they are
//! missing; `.ci/run` installs them.

mod common;

use common::{ctg, root};
use ctg_core::record::{ErrorRecord, Record};
use std::fs;
use std::path::Path;
use std::process::Command;

/// Whether tesseract with French data and pdftoppm run here; says why not.
fn ocr_tools() -> bool {
    let langs = Command::new("tesseract").arg("--list-langs").output();
    let french = langs.is_ok_and(|o| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .any(|l| l == "fra")
    });
    let poppler = Command::new("pdftoppm").arg("-v").output().is_ok();
    if !(french && poppler) {
        eprintln!(
            "SKIPPED: tesseract with French data (tesseract-ocr, tesseract-ocr-fra) or pdftoppm \
             (poppler-utils) is missing; .ci/run installs them"
        );
    }
    french && poppler
}

fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Vec<T> {
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a line parses into our type"))
        .collect()
}

/// The gold file's signatory names.
fn gold_signatories(name: &str) -> Vec<String> {
    let gold: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("tests/scans").join(name)).unwrap())
            .unwrap();
    gold["signatories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect()
}

fn record<'a>(records: &'a [Record], file: &str) -> &'a Record {
    records
        .iter()
        .find(|r| r.source.path.ends_with(file))
        .unwrap_or_else(|| panic!("no record for {file}"))
}

#[test]
fn scans_are_read_by_ocr_with_provenance_and_an_unreadable_page_is_an_error() {
    if !ocr_tools() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let scans = [
        "tests/scans/scan-convention-short-b.pdf",
        "tests/scans/scan-convention-short-b-noisy-110dpi.pdf",
        "tests/scans/scan-unreadable-60dpi.pdf",
    ];
    let mut args = vec!["extract", "-q", "--output", out.to_str().unwrap()];
    args.extend(scans);
    let run = ctg(&args);
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let records: Vec<Record> = read_jsonl(&out.join("corpus.jsonl"));
    assert_eq!(records.len(), 2);
    let real_people = gold_signatories("scan-convention-short-b.gold.json");
    for file in [
        "scan-convention-short-b.pdf",
        "scan-convention-short-b-noisy-110dpi.pdf",
    ] {
        let r = record(&records, file);
        let engine = r.source.text_engine.as_deref().unwrap_or_default();
        assert!(engine.starts_with("tesseract "), "{file}: {engine}");
        assert_eq!(r.source.ocr_pages.len(), 3, "{file}");
        let dpi = if file.contains("110dpi") { 110 } else { 200 };
        for page in &r.source.ocr_pages {
            assert!(page.used, "{file}: page {}", page.page);
            assert_eq!(page.dpi, Some(dpi), "{file}: page {}", page.page);
            assert!(
                page.confidence.is_some_and(|c| c.0 >= 50.0),
                "{file}: {page:?}"
            );
        }
        let signed = r.signing_date.as_ref().map(|d| d.value.as_str());
        assert_eq!(signed, Some("2025-02-03"), "{file}");
        let period = r.period.as_ref().unwrap();
        assert_eq!(
            (period.start.as_deref(), period.end.as_deref()),
            (Some("2025"), Some("2028")),
            "{file}"
        );
        assert_eq!(
            r.caf
                .iter()
                .map(|c| c.department.as_deref())
                .collect::<Vec<_>>(),
            [Some("2B")]
        );
        // no one invented from OCR noise, and the president found
        for s in &r.signatories {
            assert!(
                real_people.contains(&s.name),
                "{file}: {} is no one of the document",
                s.name
            );
        }
        assert!(
            r.signatories.iter().any(|s| s.name == "Dominique Mariani"),
            "{file}"
        );
        // the annex table of communes, through its ruled boxes
        let communes: Vec<&str> = r.communes.iter().map(|c| c.insee.as_str()).collect();
        for insee in ["2B042", "2B037", "2B148", "2B350"] {
            assert!(
                communes.contains(&insee),
                "{file}: {insee} missing from {communes:?}"
            );
        }
        // every evidence points into the normalized text
        let text: Vec<char> = fs::read_to_string(out.join("text").join(format!("{}.txt", r.id)))
            .unwrap()
            .chars()
            .collect();
        let e = &r.signing_date.as_ref().unwrap().evidence;
        assert_eq!(text[e.start..e.end].iter().collect::<String>(), e.text);
    }

    let errors: Vec<ErrorRecord> = read_jsonl(&out.join("errors.jsonl"));
    assert_eq!(errors.len(), 1);
    assert!(errors[0].source.path.ends_with("scan-unreadable-60dpi.pdf"));
    assert_eq!(errors[0].error.code, "pdf.ocr_unreadable");
    assert!(
        errors[0].error.message.contains("scanned at 60 dpi"),
        "{}",
        errors[0].error.message
    );

    // the second run reads every scan from the cache
    let again = ctg(&args);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("3 reused from the cache"), "{stderr}");
    let records_again: Vec<Record> = read_jsonl(&out.join("corpus.jsonl"));
    assert_eq!(records_again, records);
}

#[test]
fn without_ocr_a_scan_says_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let scan = "tests/scans/scan-unreadable-60dpi.pdf";
    // --ocr off
    let off = tmp.path().join("off");
    let run = ctg(&[
        "extract",
        "-q",
        "--output",
        off.to_str().unwrap(),
        scan,
        "--ocr",
        "off",
    ]);
    assert_eq!(run.status.code(), Some(1));
    let errors: Vec<ErrorRecord> = read_jsonl(&off.join("errors.jsonl"));
    assert_eq!(errors[0].error.code, "pdf.no_text");
    assert!(
        errors[0].error.message.contains("--ocr auto"),
        "{}",
        errors[0].error.message
    );
    // no tesseract on the PATH
    let empty = tmp.path().join("bin");
    fs::create_dir_all(&empty).unwrap();
    let missing = tmp.path().join("missing");
    let run = Command::new(env!("CARGO_BIN_EXE_ctg"))
        .args(["extract", "-q", "--output", missing.to_str().unwrap(), scan])
        .current_dir(root())
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let errors: Vec<ErrorRecord> = read_jsonl(&missing.join("errors.jsonl"));
    assert_eq!(errors[0].error.code, "pdf.no_text");
    assert!(
        errors[0]
            .error
            .message
            .contains("apt-get install tesseract-ocr tesseract-ocr-fra poppler-utils"),
        "{}",
        errors[0].error.message
    );
    // --ocr force without tesseract is refused before any document
    let run = Command::new(env!("CARGO_BIN_EXE_ctg"))
        .args([
            "extract",
            "-q",
            "--output",
            missing.to_str().unwrap(),
            scan,
            "--ocr",
            "force",
        ])
        .current_dir(root())
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--ocr force cannot run"));
}

#[test]
fn an_unknown_ocr_language_is_refused_with_the_package_to_install() {
    if !ocr_tools() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let run = ctg(&[
        "extract",
        "-q",
        "--output",
        tmp.path().join("out").to_str().unwrap(),
        "tests/scans/scan-unreadable-60dpi.pdf",
        "--ocr-lang",
        "fra+xyz",
    ]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("install tesseract-ocr-xyz"), "{stderr}");
}

#[test]
fn a_typed_convention_with_a_scanned_last_page_reads_both() {
    if !ocr_tools() {
        return;
    }
    // pages 1 and 2 of the typed PDF, page 3 (the annex) of its scan, joined
    // by poppler's own tools
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let poppler = |program: &str, args: &[&str]| {
        Command::new(program)
            .args(args)
            .current_dir(dir)
            .status()
            .is_ok_and(|s| s.success())
    };
    let typed = root().join("corpus/convention-short-a.pdf");
    let scan = root().join("tests/scans/scan-convention-short-a.pdf");
    assert!(poppler(
        "pdfseparate",
        &[typed.to_str().unwrap(), "t-%d.pdf"]
    ));
    assert!(poppler(
        "pdfseparate",
        &[scan.to_str().unwrap(), "s-%d.pdf"]
    ));
    assert!(poppler(
        "pdfunite",
        &["t-1.pdf", "t-2.pdf", "s-3.pdf", "mixed.pdf"]
    ));
    let out = dir.join("out");
    let run = ctg(&[
        "extract",
        "-q",
        "--output",
        out.to_str().unwrap(),
        dir.join("mixed.pdf").to_str().unwrap(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let records: Vec<Record> = read_jsonl(&out.join("corpus.jsonl"));
    let r = &records[0];
    let engine = r.source.text_engine.as_deref().unwrap_or_default();
    assert!(engine.starts_with("pdf-extract + tesseract "), "{engine}");
    let pages: Vec<(u32, bool)> = r
        .source
        .ocr_pages
        .iter()
        .map(|p| (p.page, p.used))
        .collect();
    assert_eq!(pages, [(3, true)]);
    // the annex table came from the scanned page
    let annex: Vec<&str> = r
        .communes
        .iter()
        .filter(|c| c.mentions.iter().any(|m| m.page == Some(3)))
        .map(|c| c.insee.as_str())
        .collect();
    for insee in ["72154", "72009", "72377"] {
        assert!(
            annex.contains(&insee),
            "{insee} missing from page 3: {annex:?}"
        );
    }
}
