//! Clean values: every name, role and organization of a record is one line,
//! trimmed, and starts and ends with neither an article nor a preposition;
//! no value outside the evidence (which keeps the text as written) holds a
//! line break. Checked over the committed extract of `corpus/` (the snapshot
//! test keeps it equal to a fresh run) and over a fresh extract of the
//! shared development set, when that folder is beside the repository.

mod common;

use common::{ctg_ok, root};
use ctg_core::normalize::fold::fold;
use ctg_core::record::{PartyRef, Record, TerritoryKind};
use serde_json::Value;
use std::fs;
use std::path::Path;

/// Articles and prepositions that must not open or close a value.
const SMALL: &[&str] = &[
    "le", "la", "les", "l", "un", "une", "de", "du", "des", "d", "a", "au", "aux", "en", "et",
    "par", "pour", "sur", "dans", "avec",
];

fn small(word: &str) -> bool {
    SMALL.contains(&fold(word).trim())
}

/// The first word of an official commune name that starts with an article
/// ("La" of La Valette-du-Var): such a name may start with it.
fn commune_article(code: &str) -> Option<String> {
    let name = fold(ctg_core::refdata::get().commune(code)?.name);
    let first = name.split(' ').next()?.to_string();
    small(&first).then_some(first)
}

fn check(
    doc: &str,
    what: &str,
    value: &str,
    article_of_name: Option<&str>,
    problems: &mut Vec<String>,
) {
    let mut say = |why: &str| problems.push(format!("{doc}: {what} {value:?}: {why}"));
    if value.contains(['\n', '\r']) {
        say("holds a line break");
    }
    if value.trim() != value {
        say("is not trimmed");
    }
    let words: Vec<&str> = value.split_whitespace().collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        say("is empty");
        return;
    };
    // an elided article or preposition sticks to its word: "l'Agglomération"
    let head = first.split(['\'', '\u{2019}']).next().unwrap_or(first);
    let first_is_small = small(first) || (head.len() < first.len() && small(head));
    if first_is_small && article_of_name != Some(fold(first).trim()) {
        say("starts with an article or a preposition");
    }
    if words.len() > 1 && small(last.trim_end_matches(['\'', '\u{2019}'])) {
        say("ends with an article or a preposition");
    }
}

/// Every problem of a record's names, roles and organizations.
fn problems(record: &Record) -> Vec<String> {
    let doc = record.source.path.as_str();
    let mut out = Vec::new();
    let mut parts = vec![(
        &record.caf,
        &record.territories,
        &record.signatories,
        "".to_string(),
    )];
    for (i, s) in record.signings.iter().enumerate() {
        parts.push((
            &s.caf,
            &s.territories,
            &s.signatories,
            format!("signing {} ", i + 1),
        ));
    }
    for (cafs, territories, signatories, at) in parts {
        let article = |kind: TerritoryKind, code: &Option<String>| match (kind, code) {
            (TerritoryKind::Commune, Some(code)) => commune_article(code),
            _ => None,
        };
        for c in cafs {
            check(doc, &format!("{at}CAF"), &c.name, None, &mut out);
        }
        for t in territories {
            let a = article(t.kind, &t.code);
            check(
                doc,
                &format!("{at}territory"),
                &t.name,
                a.as_deref(),
                &mut out,
            );
        }
        for s in signatories {
            check(doc, &format!("{at}signatory"), &s.name, None, &mut out);
            if let Some(role) = &s.role {
                check(doc, &format!("{at}role"), role, None, &mut out);
            }
            if let Some(org) = &s.organization {
                // an organization read as a commune party's name keeps its article
                let a = territories
                    .iter()
                    .find(|t| &t.name == org)
                    .and_then(|t| article(t.kind, &t.code));
                check(
                    doc,
                    &format!("{at}organization"),
                    org,
                    a.as_deref(),
                    &mut out,
                );
            }
            if let Some(PartyRef::Territory {
                territory_kind,
                code,
                name,
            }) = &s.party
            {
                let a = article(*territory_kind, code);
                check(doc, &format!("{at}party"), name, a.as_deref(), &mut out);
            }
        }
    }
    out
}

/// Line breaks in any string of a record's JSON but its evidence (and
/// `completed_by`, the evidence of a period's other bound).
fn line_breaks(doc: &str, v: &Value, path: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                if !k.contains("evidence") && k != "mentions" && k != "completed_by" {
                    line_breaks(doc, x, &format!("{path}.{k}"), out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| line_breaks(doc, x, path, out)),
        Value::String(s) if s.contains(['\n', '\r']) => {
            out.push(format!("{doc}: {path} {s:?} holds a line break"))
        }
        _ => {}
    }
}

fn check_output(dir: &Path) -> usize {
    let text = fs::read_to_string(dir.join("corpus.jsonl")).unwrap();
    let mut found = Vec::new();
    let mut records = 0;
    for line in text.lines() {
        let record: Record = serde_json::from_str(line).unwrap();
        found.extend(problems(&record));
        line_breaks(
            &record.source.path,
            &serde_json::from_str(line).unwrap(),
            "",
            &mut found,
        );
        records += 1;
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    records
}

#[test]
fn values_of_the_corpus_extract_are_clean() {
    assert!(check_output(&root().join("output")) > 50);
}

#[test]
fn values_of_the_development_set_are_clean() {
    let dev = root().join("../shared/eval/dev");
    if !dev.is_dir() {
        eprintln!(
            "skipped: {} not found (the shared development set is not beside this clone)",
            dev.display()
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dev");
    ctg_ok(&[
        "extract",
        "-q",
        dev.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(check_output(&out) > 10);
}

#[test]
fn the_check_finds_what_it_looks_for() {
    let mut found = Vec::new();
    check("d", "territory", "syndicats du", None, &mut found);
    check("d", "organization", "le Département", None, &mut found);
    check("d", "territory", "Pays de\n\nLandivisiau", None, &mut found);
    check("d", "organization", "l'Agglomération", None, &mut found);
    check(
        "d",
        "territory",
        "La Valette-du-Var",
        Some("la"),
        &mut found,
    );
    check("d", "territory", "Saint-Jean-de-Luz", None, &mut found);
    assert_eq!(found.len(), 4, "{found:#?}");
}
