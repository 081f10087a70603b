//! The gold files of `corpus/` are well formed: every key is one the guide
//! knows, every code exists in the reference data, every axis is one of the
//! rules' axes, and each gold file names the document beside it. A typo in a
//! hand-written gold file would otherwise score the extractor against a wrong
//! answer without anyone noticing.

use ctg_core::refdata;
use ctg_core::rules::builtin;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn gold_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            gold_files(&path, out);
        } else if path.to_string_lossy().ends_with(".gold.json") {
            out.push(path);
        }
    }
}

const KEYS: &[&str] = &[
    "file",
    "doc_type",
    "about_ctg",
    "status",
    "decision_date",
    "signing_date",
    "period",
    "duration_years",
    "caf_departments",
    "territories",
    "signatories",
    "communes",
    "axes",
    "signings",
    "notes",
];

/// Every problem of one gold object (a document's, or one of its signings').
fn check_fields(g: &Value, problems: &mut Vec<String>) {
    let data = refdata::get();
    let axes: Vec<&str> = builtin::axes().iter().map(|a| a.code.as_str()).collect();
    for d in g["caf_departments"].as_array().into_iter().flatten() {
        let code = d.as_str().unwrap_or_default();
        if data.departement(code).is_none() {
            problems.push(format!("unknown department {code}"));
        }
    }
    for t in g["territories"].as_array().into_iter().flatten() {
        let code = t["code"].as_str();
        let ok = match (t["kind"].as_str().unwrap_or_default(), code) {
            ("commune", Some(c)) => data.communes.iter().any(|x| x.insee == c),
            ("epci", Some(c)) => data.epci.iter().any(|x| x.siren == c),
            ("departement", Some(c)) => data.departement(c).is_some(),
            ("syndicat" | "other", None) | ("commune" | "epci" | "departement", None) => true,
            (kind, _) => {
                problems.push(format!("territory kind {kind} with a code"));
                true
            }
        };
        if !ok {
            problems.push(format!("unknown territory code {code:?}"));
        }
    }
    for c in g["communes"].as_array().into_iter().flatten() {
        let code = c.as_str().unwrap_or_default();
        if !data.communes.iter().any(|x| x.insee == code) {
            problems.push(format!("unknown commune {code}"));
        }
    }
    for a in g["axes"].as_array().into_iter().flatten() {
        let code = a.as_str().unwrap_or_default();
        if !axes.contains(&code) {
            problems.push(format!("unknown axis {code}"));
        }
    }
}

#[test]
fn every_gold_file_of_the_corpus_names_known_codes_and_its_document() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files = Vec::new();
    gold_files(&root, &mut files);
    assert!(files.len() >= 100, "{} gold files", files.len());
    let mut problems = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let g: Value = match serde_json::from_str(&text) {
            Ok(g) => g,
            Err(e) => {
                problems.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let mut mine = Vec::new();
        let keys: Vec<&String> = g
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        for key in keys {
            if !KEYS.contains(&key.as_str()) {
                mine.push(format!("unknown key {key}"));
            }
        }
        let doc = path.with_file_name(g["file"].as_str().unwrap_or_default());
        if !doc.is_file()
            || !path
                .to_string_lossy()
                .starts_with(&*doc.with_extension("").to_string_lossy())
        {
            mine.push(format!("`file` names no document beside it: {}", g["file"]));
        }
        check_fields(&g, &mut mine);
        for s in g["signings"].as_array().into_iter().flatten() {
            check_fields(s, &mut mine);
        }
        problems.extend(mine.into_iter().map(|p| format!("{}: {p}", path.display())));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
