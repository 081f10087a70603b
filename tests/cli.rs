//! The binary end to end, in temporary folders; JSON is read back into our types.
//!
//! The snapshot test compares a fresh `ctg extract corpus` with the committed
//! `output/`; `CTG_UPDATE_SNAPSHOT=1 cargo test --test cli` rewrites `output/`
//! instead (review that diff like code).

mod common;

use common::{ctg, root};
use ctg_core::record::{ErrorRecord, PartyRef, Record, RoleCode, TerritoryKind};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// The lines of a JSONL file of the output, read back into our own types.
fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Vec<T> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a line parses into our type"))
        .collect()
}

fn records(out: &Path) -> Vec<Record> {
    read_jsonl(&out.join("corpus.jsonl"))
}

fn errors(out: &Path) -> Vec<ErrorRecord> {
    read_jsonl(&out.join("errors.jsonl"))
}

/// Every file under `dir`, relative path -> bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The output tree but the run-dependent `timings.json` (which the
/// committed `output/` does not keep).
fn comparable(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut t = tree(dir);
    assert!(t.contains_key("manifest.json"), "a manifest is written");
    t.remove("timings.json");
    t
}

fn extract(inputs: &[&str], out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["extract", "-q", "--output", out.to_str().unwrap()];
    args.extend_from_slice(inputs);
    args.extend_from_slice(extra);
    ctg(&args)
}

/// Every evidence object (`rule`, `start`, `end`, `text`) equals its slice of the text file.
fn check_evidence(out: &Path) -> usize {
    fn visit(v: &serde_json::Value, chars: &[char], id: &str, seen: &mut usize) {
        match v {
            serde_json::Value::Object(map) => {
                if let (Some(rule), Some(s), Some(e), Some(t)) = (
                    map.get("rule"),
                    map.get("start"),
                    map.get("end"),
                    map.get("text"),
                ) {
                    let (s, e) = (s.as_u64().unwrap() as usize, e.as_u64().unwrap() as usize);
                    let slice: String = chars[s..e].iter().collect();
                    assert_eq!(slice, t.as_str().unwrap(), "{id}: evidence of {rule}");
                    *seen += 1;
                }
                map.values().for_each(|x| visit(x, chars, id, seen));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|x| visit(x, chars, id, seen)),
            _ => {}
        }
    }
    let mut seen = 0;
    for line in fs::read_to_string(out.join("corpus.jsonl"))
        .unwrap()
        .lines()
    {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["id"].as_str().unwrap().to_string();
        let chars: Vec<char> = fs::read_to_string(out.join("text").join(format!("{id}.txt")))
            .unwrap()
            .chars()
            .collect();
        visit(&v, &chars, &id, &mut seen);
    }
    seen
}

#[test]
fn corpus_output_matches_the_committed_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = extract(&["corpus"], &out, &[]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let committed = root().join("output");
    if std::env::var_os("CTG_UPDATE_SNAPSHOT").is_some() {
        let _ = fs::remove_dir_all(&committed);
        fs::rename(&out, &committed)
            .or_else(|_| {
                // across file systems: copy
                for (rel, bytes) in tree(&out) {
                    let p = committed.join(rel);
                    fs::create_dir_all(p.parent().unwrap())?;
                    fs::write(p, bytes)?;
                }
                Ok::<(), std::io::Error>(())
            })
            .unwrap();
        return;
    }
    let fresh = comparable(&out);
    let kept = comparable(&committed);
    let names = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&fresh),
        names(&kept),
        "files differ; CTG_UPDATE_SNAPSHOT=1 regenerates output/"
    );
    for (name, bytes) in &fresh {
        assert!(
            &kept[name] == bytes,
            "{name} differs from output/; run CTG_UPDATE_SNAPSHOT=1 cargo test --test cli and review the diff"
        );
    }
}

#[test]
fn every_evidence_of_the_sample_corpus_matches_its_text() {
    let seen = check_evidence(&root().join("output"));
    assert!(seen > 50, "only {seen} evidence objects checked");
}

#[test]
fn signatories_keep_roles_and_party_links_and_leave_bystanders_out() {
    let records = records(&root().join("output"));
    let of = |file: &str| {
        records
            .iter()
            .find(|r| r.source.path.ends_with(file))
            .unwrap_or_else(|| panic!("no record for {file}"))
    };
    let names = |file: &str| -> Vec<String> {
        of(file)
            .signatories
            .iter()
            .map(|s| s.name.clone())
            .collect()
    };

    // a convention: the parties' block, then the signature block names them again
    let convention = of("convention-signataires-bloc.txt");
    assert_eq!(
        names("convention-signataires-bloc.txt"),
        [
            "Bernard Laffargue",
            "Christine Ducasse",
            "Jean-Louis Berdoulat"
        ]
    );
    let mayor = &convention.signatories[2];
    assert_eq!(mayor.role_code, Some(RoleCode::Mayor));
    assert_eq!(
        mayor.party,
        Some(PartyRef::Territory {
            territory_kind: TerritoryKind::Commune,
            code: Some("32307".into()),
            name: "Pavie".into(),
        })
    );
    assert_eq!(
        convention.signatories[1].party,
        Some(PartyRef::Caf {
            department: Some("32".into())
        })
    );
    // the evidence keeps the name as written
    assert_eq!(
        convention.signatories[2].evidence.text,
        "Jean-Louis BERDOULAT"
    );

    // journalist, photographer, quoted people: not signatories
    let press = names("press-signataires-journaliste-2024.txt");
    assert_eq!(press, ["Yann Le Guen", "Claire de Penanros"]);

    // someone represented by another is absent; the photographer too
    let inter = names("press-signataires-intercommunal-2025.txt");
    assert!(inter.contains(&"Anne-Laure Bretaud".to_string()));
    assert!(!inter
        .iter()
        .any(|n| n.contains("Gaborit") || n.contains("Thibaud")));

    // a caption without roles takes them from the body
    let caption = of("press-signataires-legende-2023.html");
    let chauveau = caption
        .signatories
        .iter()
        .find(|s| s.name == "Éric Chauveau")
        .expect("Éric Chauveau signs");
    assert_eq!(chauveau.role_code, Some(RoleCode::VicePresident));
    assert!(chauveau.role_evidence.is_some() && chauveau.organization_evidence.is_some());
}

#[test]
fn every_evidence_of_the_shared_dev_set_matches_its_text() {
    let dev = root().join("../shared/eval/dev");
    if !dev.is_dir() {
        eprintln!("skipped: {} is not here", dev.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = extract(&[dev.to_str().unwrap()], &out, &[]);
    assert!(run.status.code().is_some_and(|c| c <= 1));
    assert!(check_evidence(&out) > 50);
}

#[test]
fn schema_is_published_and_matches_the_types() {
    let run = ctg(&["schema"]);
    assert!(run.status.success());
    let committed = fs::read(root().join("output/schema.json")).unwrap();
    assert_eq!(run.stdout, committed, "output/schema.json is stale");
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let props = v["properties"].as_object().unwrap();
    for key in [
        "id",
        "source",
        "doc_type",
        "signing_date",
        "period",
        "duration",
        "caf",
        "territories",
        "signatories",
        "communes",
        "axes",
        "warnings",
    ] {
        assert!(props.contains_key(key), "schema lacks {key}");
    }
}

#[test]
fn output_is_identical_for_one_and_two_jobs() {
    let tmp = tempfile::tempdir().unwrap();
    let one = tmp.path().join("one");
    let two = tmp.path().join("two");
    assert!(extract(&["corpus"], &one, &["--jobs", "1"])
        .status
        .success());
    assert!(extract(&["corpus"], &two, &["--jobs", "2"])
        .status
        .success());
    assert_eq!(comparable(&one), comparable(&two));
    // timings, the part that differs: start-up is a part of the whole run
    let timings: serde_json::Value =
        serde_json::from_slice(&fs::read(two.join("timings.json")).unwrap()).unwrap();
    assert_eq!(timings["jobs"], 2);
    let startup = timings["startup_ms"].as_u64().expect("startup_ms");
    assert!(
        startup <= timings["elapsed_ms"].as_u64().unwrap(),
        "{timings}"
    );
}

#[test]
fn shards_merged_equal_one_run_with_duplicates_and_errors_across_shards() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir_all(input.join("copies")).unwrap();
    for entry in fs::read_dir(root().join("corpus")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let document = entry.path().is_file() && !name.ends_with(".gold.json");
        if document && !name.ends_with(".md") {
            fs::copy(entry.path(), input.join(&name)).unwrap();
        }
        // the same bytes again, later in the list: a duplicate whose first
        // copy is, for most of them, in another shard
        if name.starts_with("press-") {
            fs::copy(entry.path(), input.join("copies").join(&name)).unwrap();
        }
    }
    fs::write(input.join("copies/broken.pdf"), b"%PDF-1.4\n1 0 obj <<").unwrap();
    let input = input.to_str().unwrap();
    let single = tmp.path().join("single");
    assert_eq!(
        extract(&[input], &single, &["--no-cache"]).status.code(),
        Some(1)
    );

    let mut shards = Vec::new();
    for k in 1..=3 {
        let out = tmp.path().join(format!("shard{k}"));
        let shard = format!("{k}/3");
        let run = extract(&[input], &out, &["--no-cache", "--shard", &shard]);
        assert!(run.status.code().is_some_and(|c| c <= 1), "{run:?}");
        shards.push(out.to_str().unwrap().to_string());
    }
    let merged = tmp.path().join("merged");
    // shards in any order
    let run = ctg(&[
        "merge",
        &shards[2],
        &shards[0],
        &shards[1],
        "-o",
        merged.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    assert_eq!(comparable(&merged), comparable(&single));
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(merged.join("manifest.json")).unwrap()).unwrap();
    assert!(manifest["counts"]["duplicates"].as_u64().unwrap() > 10);
    assert_eq!(manifest["counts"]["errors"], 1);
    // a merge has no start-up of its own
    let timings: serde_json::Value =
        serde_json::from_slice(&fs::read(merged.join("timings.json")).unwrap()).unwrap();
    assert!(timings.get("startup_ms").is_none());

    // a missing shard, or an output that is not a shard, is refused
    let refused = ctg(&[
        "merge",
        &shards[0],
        &shards[1],
        "-o",
        merged.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("missing shard(s) 3/3"));
    let refused = ctg(&[
        "merge",
        single.to_str().unwrap(),
        "-o",
        merged.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(
        comparable(&merged),
        comparable(&single),
        "a refused merge keeps the output"
    );
}

#[test]
fn files_from_reads_a_list_from_a_file_or_standard_input() {
    let tmp = tempfile::tempdir().unwrap();
    let list = tmp.path().join("list.txt");
    fs::write(
        &list,
        "corpus/press-numeric-date.txt\r\n\ncorpus/news-windows1252.html\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let run = extract(&[], &out, &["--files-from", list.to_str().unwrap()]);
    assert!(run.status.success(), "{run:?}");
    let paths: Vec<String> = records(&out).into_iter().map(|r| r.source.path).collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths.iter().any(|p| p.ends_with("press-numeric-date.txt")));

    let mut child = Command::new(env!("CARGO_BIN_EXE_ctg"))
        .args(["extract", "-q", "--files-from", "-", "-o"])
        .arg(tmp.path().join("stdin"))
        .current_dir(root())
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"corpus/press-numeric-date.txt\n")
        .unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(records(&tmp.path().join("stdin")).len(), 1);

    let missing = extract(&[], &out, &["--files-from", "no-such-list.txt"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_rerun_reuses_the_cache_without_writing_through_its_files() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let text = "Signée le 5 mai 2023, la CTG couvre la période 2023-2027.";
    fs::write(input.join("a.txt"), text).unwrap();
    fs::write(input.join("b.txt"), text).unwrap();
    fs::write(
        input.join("c.txt"),
        "La Caf du Nord a signé le 2 juin 2022.",
    )
    .unwrap();
    fs::write(input.join("d.txt"), "").unwrap();
    let out = tmp.path().join("out");
    let input_arg = input.to_str().unwrap();
    let cache = tmp.path().join("cache");
    let cache_arg = ["--cache-dir", cache.to_str().unwrap()];
    let extract = |inputs: &[&str], out: &Path, extra: &[&str]| {
        let args: Vec<&str> = extra.iter().chain(&cache_arg).copied().collect();
        extract(inputs, out, &args)
    };
    assert_eq!(extract(&[input_arg], &out, &[]).status.code(), Some(1));
    let first = comparable(&out);
    let rerun = extract(&[input_arg], &out, &[]);
    assert!(String::from_utf8_lossy(&rerun.stderr).contains("4 reused from the cache"));
    assert_eq!(comparable(&out), first);
    // nothing beside the output: the cache is in the cache folder
    let beside: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!beside.iter().any(|n| n.starts_with('.')), "{beside:?}");
    // the duplicate's warning went into the output, never into the cache
    for (name, bytes) in tree(&cache) {
        let content = String::from_utf8_lossy(&bytes);
        assert!(!content.contains("duplicate_source"), "{name}");
    }
    // the same bytes under another name: the cached record gets the new path
    fs::rename(input.join("c.txt"), input.join("e.txt")).unwrap();
    extract(&[input_arg], &out, &[]);
    let paths: Vec<String> = records(&out).into_iter().map(|r| r.source.path).collect();
    assert!(paths.iter().any(|p| p.ends_with("e.txt")), "{paths:?}");
    assert!(!paths.iter().any(|p| p.ends_with("c.txt")), "{paths:?}");
    // a cache file removed by hand: that document is processed again
    let record_file = fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(".record.json"))
        .expect("a cached record");
    let before = comparable(&out);
    fs::remove_file(record_file).unwrap();
    let rerun = extract(&[input_arg], &out, &[]);
    assert_eq!(rerun.status.code(), Some(1), "{rerun:?}");
    assert_eq!(comparable(&out), before);
    let again = extract(&[input_arg], &out, &["--no-cache"]);
    assert_eq!(again.status.code(), Some(1));
    let fresh = comparable(&out);
    extract(&[input_arg], &out, &[]);
    assert_eq!(comparable(&out), fresh);

    // the bound: a run over other documents with a cache of at most 0 MiB
    // keeps only its own entries, and the earlier ones go
    let other = tmp.path().join("other");
    fs::create_dir_all(&other).unwrap();
    fs::write(
        other.join("f.txt"),
        "La Caf du Gers a signé le 3 mars 2021.",
    )
    .unwrap();
    let small = extract(
        &[other.to_str().unwrap()],
        &tmp.path().join("out2"),
        &["--cache-max-mib", "0"],
    );
    assert_eq!(small.status.code(), Some(0), "{small:?}");
    let lines = |dir: &Path| -> usize {
        fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".line"))
            .count()
    };
    assert_eq!(lines(&cache), 1, "only the last run's entry is left");
    let rerun = extract(&[input_arg], &out, &[]);
    let stderr = String::from_utf8_lossy(&rerun.stderr);
    let reused: usize = stderr
        .split(" reused from the cache")
        .next()
        .and_then(|head| head.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no reuse count in: {stderr}"));
    // at most b.txt, which may read the entry a.txt (the same bytes) has just
    // written in this run
    assert!(reused <= 1, "{stderr}");
    assert_eq!(comparable(&out), fresh);
}

#[test]
fn bad_documents_become_error_records_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir_all(input.join("sub")).unwrap();
    fs::write(
        input.join("good.txt"),
        "La Ville de Laval et la Caf ont signé leur convention territoriale globale le 5 mai 2023.",
    )
    .unwrap();
    fs::write(
        input.join("sub/download.pdf"),
        "<!DOCTYPE html><html><body>404 introuvable</body></html>",
    )
    .unwrap();
    fs::write(input.join("empty.txt"), "").unwrap();
    fs::write(
        input.join("junk.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0],
    )
    .unwrap();
    fs::write(
        input.join("broken.pdf"),
        b"%PDF-1.4\n1 0 obj << /Type /Catalog",
    )
    .unwrap();
    fs::write(input.join("notes.docx"), "not a document we read").unwrap();
    let out = tmp.path().join("out");
    let run = extract(&[input.to_str().unwrap()], &out, &[]);
    assert_eq!(run.status.code(), Some(1), "documents failed: exit 1");
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].signing_date.as_ref().unwrap().value, "2023-05-05");
    let codes: BTreeMap<String, String> = errors(&out)
        .into_iter()
        .map(|e| {
            let name = Path::new(&e.source.path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, e.error.code)
        })
        .collect();
    assert_eq!(codes["download.pdf"], "input.format_mismatch");
    assert_eq!(codes["empty.txt"], "input.empty");
    assert_eq!(codes["junk.txt"], "input.binary");
    assert_eq!(codes["broken.pdf"], "pdf.corrupt");
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["counts"]["skipped"], 1);
    assert_eq!(manifest["counts"]["documents"], 5);
    assert_eq!(manifest["counts"]["errors"], 4);
}

#[test]
fn identical_files_give_one_record_that_names_both_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "Signée le 5 mai 2023, la CTG couvre la période 2023-2027.";
    fs::write(tmp.path().join("a.txt"), text).unwrap();
    fs::write(tmp.path().join("b.txt"), text).unwrap();
    let out = tmp.path().join("out");
    assert!(extract(
        &[
            tmp.path().join("a.txt").to_str().unwrap(),
            tmp.path().join("b.txt").to_str().unwrap()
        ],
        &out,
        &[]
    )
    .status
    .success());
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert!(recs[0].source.path.ends_with("a.txt"));
    let w = serde_json::to_string(&recs[0].warnings).unwrap();
    assert!(w.contains("duplicate_source") && w.contains("b.txt"), "{w}");
}

#[test]
fn a_rule_error_stops_the_run_before_any_document() {
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("rules");
    fs::create_dir(&rules).unwrap();
    for (name, content) in ctg_core::rules::builtin::sources()
        .iter()
        .map(|s| (s.path.clone(), s.content.clone()))
    {
        let p = rules.join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, content).unwrap();
    }
    fs::write(
        rules.join("broken.toml"),
        "[[rule]]\nid = \"period.broken\"\nfield = \"period\"\npattern = '{annee}'\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let run = extract(&["corpus"], &out, &["--rules", rules.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("broken.toml:2") && stderr.contains("{annee}"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written");

    let check = ctg(&["rules", "check", "--rules", rules.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(2));
}

#[test]
fn rules_check_passes_on_the_builtin_rules_and_reports_a_failing_example() {
    let ok = ctg(&["rules", "check"]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("rules");
    for s in ctg_core::rules::builtin::sources() {
        let p = rules.join(&s.path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        let content = s
            .content
            .replace("yields = \"2023-12-14\" }", "yields = \"2023-12-15\" }");
        fs::write(p, content).unwrap();
    }
    let run = ctg(&["rules", "check", "--rules", rules.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains("FAIL signing_date.toml") && stdout.contains("got `2023-12-14`"),
        "{stdout}"
    );
    assert!(stdout.contains("1 failed"), "{stdout}");
}

#[test]
fn explain_shows_values_in_their_line_and_rejected_matches() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = tmp.path().join("doc.txt");
    fs::write(
        &doc,
        "Publié le 20 juin 2024\nPar délibération du 5 avril 2024, le conseil a approuvé la convention territoriale globale avec la Caf de la Mayenne.\nElle a été signée mardi dernier.",
    )
    .unwrap();
    let run = ctg(&["explain", doc.to_str().unwrap()]);
    assert!(run.status.success());
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("signing_date: 2024-06-18"), "{stdout}");
    assert!(stdout.contains("[signée mardi dernier]"), "{stdout}");
    assert!(stdout.contains("published: 2024-06-20"), "{stdout}");
    assert!(stdout.contains("doc_type press_release"), "{stdout}");
    assert!(stdout.contains("about_ctg: yes"), "{stdout}");
    assert!(stdout.contains("status: signed"), "{stdout}");
}

#[test]
fn an_existing_folder_that_is_not_an_output_is_never_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("thesis.tex"), "precious").unwrap();
    let run = extract(&["corpus"], tmp.path(), &[]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        fs::read_to_string(tmp.path().join("thesis.tex")).unwrap(),
        "precious"
    );
}

#[test]
fn a_missing_input_path_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let run = extract(&["no/such/folder"], &tmp.path().join("out"), &[]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no/such/folder"));
}
