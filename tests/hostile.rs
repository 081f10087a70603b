//! Hostile input: a folder of broken, hostile and good files, made by the test,
//! runs to completion; each bad file gets its stable error code, each good file
//! its record, and the exit code says that some documents failed.
//!
//! Also: a killed batch, run again, gives the same output as one clean run, and
//! a re-run on an unchanged corpus reuses the earlier results.

mod common;

use common::{one_page_pdf, root, text_pdf};
use lopdf::{dictionary, Document, Object, Stream};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// `ctg extract INPUT --output OUT --no-cache --quiet EXTRA...`.
fn extract_once(input: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctg"))
        .arg("extract")
        .arg(input)
        .arg("--output")
        .arg(out)
        .args(["--no-cache", "--quiet"])
        .args(extra)
        .output()
        .expect("ctg runs")
}

/// A page whose only content is a filled rectangle: no text layer (a scan).
fn image_only_pdf() -> Vec<u8> {
    let content = b"0.2 0.2 0.2 rg 50 50 400 600 re f".to_vec();
    one_page_pdf(Stream::new(dictionary! {}, content))
}

/// A PDF that declares standard encryption with a user password we do not have.
fn encrypted_pdf() -> Vec<u8> {
    let plain = text_pdf(&[&["Document confidentiel"]]);
    let mut doc = Document::load_mem(&plain).expect("our own PDF loads");
    let encrypt_id = doc.add_object(dictionary! {
        "Filter" => "Standard", "V" => 1, "R" => 2, "P" => -4,
        "O" => Object::String(vec![0x5a; 32], lopdf::StringFormat::Hexadecimal),
        "U" => Object::String(vec![0xa5; 32], lopdf::StringFormat::Hexadecimal),
    });
    doc.trailer.set("Encrypt", encrypt_id);
    doc.trailer.set(
        "ID",
        vec![
            Object::String(vec![1; 16], lopdf::StringFormat::Hexadecimal),
            Object::String(vec![1; 16], lopdf::StringFormat::Hexadecimal),
        ],
    );
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("pdf saves");
    out
}

/// A zlib stream of `n` zero bytes, written by hand in fixed-Huffman deflate:
/// one literal 0, then "copy 258 bytes from distance 1" until `n` (13 bits per
/// 258 bytes, so 200 MB fit in 1.3 MB).
fn zeros_zlib(n: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u32,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, len: u32) {
            self.acc |= value << self.len;
            self.len += len;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// A Huffman code, most significant bit first.
        fn code(&mut self, code: u32, len: u32) {
            let reversed = (0..len).fold(0, |r, i| r | ((code >> i) & 1) << (len - 1 - i));
            self.put(reversed, len);
        }
    }
    let mut bits = Bits {
        out: vec![0x78, 0x01],
        acc: 0,
        len: 0,
    };
    bits.put(1, 1); // last block
    bits.put(1, 2); // fixed Huffman
    bits.code(0b0011_0000, 8); // literal 0
    let mut written = 1;
    while written + 258 <= n {
        bits.code(0b1100_0101, 8); // length 258
        bits.code(0, 5); // distance 1
        written += 258;
    }
    bits.code(0, 7); // end of block
    if bits.len > 0 {
        bits.put(0, 8 - bits.len);
    }
    let b = (written % 65521) as u32;
    bits.out.extend_from_slice(&((b << 16) | 1).to_be_bytes());
    bits.out
}

/// A page whose content stream inflates to 200 MB of zeros: an inflate bomb.
fn bomb_pdf() -> Vec<u8> {
    let stream = Stream::new(
        dictionary! { "Filter" => "FlateDecode" },
        zeros_zlib(200 << 20),
    );
    one_page_pdf(stream.with_compression(false))
}

/// A PDF with a very long content stream: slow to parse.
fn slow_pdf(lines: usize) -> Vec<u8> {
    let line = "Ligne de texte repetee pour ralentir la lecture du document.";
    let lines: Vec<&str> = std::iter::repeat_n(line, lines).collect();
    let pages: Vec<&[&str]> = lines.chunks(400).collect();
    let mut doc = Document::load_mem(&text_pdf(&pages)).expect("our own PDF loads");
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("pdf saves");
    out
}

const GOOD_TEXT: &str = "La commune de Rouperroux et la Caf de l'Orne ont signé le 3 mars 2023 \
une convention territoriale globale pour la période 2023-2026.\n";

const CONVENTION: [&str; 6] = [
    "CONVENTION TERRITORIALE GLOBALE 2024-2027",
    "Entre la Caisse d'allocations familiales de la Sarthe, représentée par",
    "sa Directrice, Madame Anne MARTIN, et la Commune de Sablé-sur-Sarthe,",
    "représentée par son Maire, Monsieur Paul DURAND.",
    "La présente convention est conclue pour une durée de quatre ans.",
    "Fait à Sablé-sur-Sarthe, le 12 mars 2024, en deux exemplaires.",
];

/// Every hostile file and the code it must get (`None`: a record).
fn hostile_folder(dir: &Path) -> BTreeMap<&'static str, Option<&'static str>> {
    let mut files: BTreeMap<&str, (Vec<u8>, Option<&str>)> = BTreeMap::new();
    files.insert("good.txt", (GOOD_TEXT.as_bytes().to_vec(), None));
    files.insert("good-convention.pdf", (text_pdf(&[&CONVENTION]), None));
    files.insert("empty.txt", (Vec::new(), Some("input.empty")));
    files.insert(
        "junk.txt",
        (
            (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect(),
            Some("input.binary"),
        ),
    );
    files.insert(
        "bad-utf16.txt",
        (
            vec![0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x42, 0x00],
            Some("input.undecodable"),
        ),
    );
    files.insert(
        "page-web.pdf",
        (
            b"<!DOCTYPE html><html><head><title>404</title></head><body>Not found</body></html>"
                .to_vec(),
            Some("input.format_mismatch"),
        ),
    );
    files.insert(
        "too-large.txt",
        (
            GOOD_TEXT.repeat(20_000).into_bytes(),
            Some("input.too_large"),
        ),
    );
    files.insert("encrypted.pdf", (encrypted_pdf(), Some("pdf.encrypted")));
    files.insert("scanned.pdf", (image_only_pdf(), Some("pdf.no_text")));
    let whole = text_pdf(&[&CONVENTION]);
    files.insert(
        "truncated.pdf",
        (whole[..whole.len() / 3].to_vec(), Some("pdf.corrupt")),
    );
    files.insert("slow.pdf", (slow_pdf(1_000_000), Some("pdf.timeout")));
    fs::create_dir_all(dir).unwrap();
    files
        .into_iter()
        .map(|(name, (bytes, code))| {
            fs::write(dir.join(name), bytes).unwrap();
            (name, code)
        })
        .collect()
}

fn jsonl(path: &Path) -> Vec<serde_json::Value> {
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_folder_of_hostile_files_runs_to_completion_with_one_code_each() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let expected = hostile_folder(&input);
    let out = tmp.path().join("out");
    let run = extract_once(
        &input,
        &out,
        &[
            "--max-bytes",
            "2000000",
            "--pdf-timeout",
            "1",
            "--pdf-memory",
            "512",
            "--jobs",
            "2",
        ],
    );
    assert_eq!(
        run.status.code(),
        Some(1),
        "some documents failed: exit 1; stderr: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut got: BTreeMap<String, Option<String>> = BTreeMap::new();
    for e in jsonl(&out.join("errors.jsonl")) {
        let path = e["source"]["path"].as_str().unwrap().to_string();
        let code = e["error"]["code"].as_str().unwrap().to_string();
        assert!(
            !e["error"]["message"].as_str().unwrap().is_empty(),
            "{path}: a message for people"
        );
        got.insert(path, Some(code));
    }
    for r in jsonl(&out.join("corpus.jsonl")) {
        got.insert(r["source"]["path"].as_str().unwrap().to_string(), None);
    }
    let got: BTreeMap<&str, Option<&str>> = got
        .iter()
        .map(|(p, c)| (p.rsplit('/').next().unwrap(), c.as_deref()))
        .collect();
    assert_eq!(got, expected);

    let records = jsonl(&out.join("corpus.jsonl"));
    let pdf = records
        .iter()
        .find(|r| r["source"]["path"].as_str().unwrap().ends_with(".pdf"))
        .unwrap();
    assert_eq!(pdf["source"]["text_engine"], "pdf-extract");
    assert_eq!(pdf["source"]["pages"], 1);
    assert_eq!(pdf["signing_date"]["value"], "2024-03-12");
    let names: Vec<&str> = pdf["signatories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Anne Martin", "Paul Durand"]);
}

#[test]
fn an_inflate_bomb_kills_only_its_worker() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("bomb.pdf"), bomb_pdf()).unwrap();
    fs::write(input.join("good.txt"), GOOD_TEXT).unwrap();
    fs::write(input.join("good-convention.pdf"), text_pdf(&[&CONVENTION])).unwrap();
    let out = tmp.path().join("out");
    // no time limit to speak of: the memory cap must stop it
    let run = extract_once(
        &input,
        &out,
        &["--pdf-memory", "128", "--pdf-timeout", "300", "--jobs", "1"],
    );
    assert_eq!(run.status.code(), Some(1));
    let errors = jsonl(&out.join("errors.jsonl"));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["error"]["code"], "pdf.crashed");
    assert!(errors[0]["source"]["path"]
        .as_str()
        .unwrap()
        .ends_with("bomb.pdf"));
    // the next PDF gets a fresh worker
    assert_eq!(jsonl(&out.join("corpus.jsonl")).len(), 2);
}

/// Forty small documents, each different, a convention and a slow PDF.
fn small_corpus(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    let samples: Vec<PathBuf> = fs::read_dir(root().join("corpus"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    for i in 0..40 {
        let sample = &samples[i % samples.len()];
        let mut text = fs::read_to_string(sample).unwrap_or_default();
        text.push_str(&format!("\nRéférence du dossier : {i}\n"));
        fs::write(dir.join(format!("doc-{i:03}.txt")), text).unwrap();
    }
    fs::write(dir.join("convention.pdf"), text_pdf(&[&CONVENTION])).unwrap();
    // last in name order and slow to parse: the batch is surely still running
    // when the test kills it
    fs::write(dir.join("zz-slow.pdf"), slow_pdf(4_000)).unwrap();
}

/// Every output file but the run-dependent `timings.json`.
fn comparable(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for sub in ["", "records", "text"] {
        for entry in fs::read_dir(dir.join(sub)).unwrap().flatten() {
            let path = entry.path();
            if path.is_file() {
                if path.ends_with("timings.json") {
                    continue;
                }
                let mut content = fs::read_to_string(&path).unwrap();
                if path.ends_with("manifest.json") {
                    let mut v: serde_json::Value = serde_json::from_str(&content).unwrap();
                    assert!(v.get("timings").is_none(), "timings are in timings.json");
                    v["inputs"] = serde_json::Value::Null;
                    content = v.to_string();
                }
                files.insert(
                    format!("{sub}/{}", entry.file_name().to_string_lossy()),
                    content,
                );
            }
        }
    }
    files
}

#[test]
fn a_killed_batch_run_again_gives_the_output_of_one_clean_run_and_reuses_results() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    small_corpus(&input);
    // each output folder with a cache of its own, so that the clean run's
    // results are not the killed run's
    let cache_of = |out: &Path| {
        tmp.path().join(format!(
            "cache-{}",
            out.file_name().unwrap().to_string_lossy()
        ))
    };
    let args = |out: &Path| {
        vec![
            "extract".to_string(),
            input.to_str().unwrap().to_string(),
            "--output".into(),
            out.to_str().unwrap().to_string(),
            "--jobs".into(),
            "1".into(),
            "--quiet".into(),
            "--cache-dir".into(),
            cache_of(out).to_str().unwrap().to_string(),
        ]
    };

    // a clean run, for reference
    let clean = tmp.path().join("clean");
    let run = Command::new(env!("CARGO_BIN_EXE_ctg"))
        .args(args(&clean))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));

    // a run killed once some documents are done
    let out = tmp.path().join("out");
    let cache = cache_of(&out);
    let mut child = Command::new(env!("CARGO_BIN_EXE_ctg"))
        .args(args(&out))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    // complete cache entries: a record's line is written last, an error alone
    let done = |dir: &Path| {
        fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .filter(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        !name.starts_with('.')
                            && (name.ends_with(".line") || name.ends_with(".error.json"))
                    })
                    .count()
            })
            .unwrap_or(0)
    };
    while done(&cache) < 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().ok();
    child.wait().unwrap();
    let cached = done(&cache);
    assert!(
        !out.join("manifest.json").exists(),
        "the killed run published nothing"
    );
    assert!(
        (3..42).contains(&cached),
        "the killed run left some results, not all: {cached}"
    );

    // run again: same output as the clean run, earlier results reused
    let again = Command::new(env!("CARGO_BIN_EXE_ctg"))
        .args(args(&out))
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(comparable(&out), comparable(&clean));
    let stderr = String::from_utf8_lossy(&again.stderr);
    let reused: usize = stderr
        .split(" reused from the cache")
        .next()
        .and_then(|head| head.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no reuse count in: {stderr}"));
    assert!(reused >= 1, "the killed run's results are reused: {stderr}");

    // and an unchanged corpus is taken from the cache entirely
    let third = Command::new(env!("CARGO_BIN_EXE_ctg"))
        .args(args(&out))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&third.stderr).contains("42 reused from the cache"));
    assert_eq!(comparable(&out), comparable(&clean));
}
