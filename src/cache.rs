//! Earlier results, kept next to the output (`.<output>.cache/`), so that a
//! re-run only processes what changed and a killed run resumes.
//!
//! An entry is keyed by the SHA-256 of the document's bytes, the rules'
//! fingerprint and the tool's version (`<sha256>-<rules>-<version>-c2`); a
//! PDF's key also names how scanned pages are read: the `--ocr` mode, the
//! `--ocr-lang` and the Tesseract found (`-ocr-auto-fra-tesseract_5.3.0`, or
//! `none`), so that a scanned archive is read by OCR once, and read again when
//! those change (installing Tesseract turns `pdf.no_text` into records). A record
//! is kept as the bytes of its output files: `<key>.record.json` (the pretty
//! record), `<key>.text` and `<key>.line` (its `corpus.jsonl` line), the line
//! written last, so that an entry without it is incomplete and ignored. A
//! re-run hard-links the first two into the new output instead of writing them
//! again: on a large batch, rewriting gigabytes was most of a re-run's time.
//! An error is kept as `<key>.error.json`. Errors that depend on the run rather
//! than on the document (a time or memory limit, a crash) are never kept.

use crate::sink::Rendered;
use ctg_core::ingest::ocr::OcrConfig;
use ctg_core::record::{ErrorInfo, Record};
use ctg_core::rules::RuleSet;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Errors that depend on the run (limits, a crash), not on the document.
const NOT_CACHED: &[&str] = &[
    "pdf.timeout",
    "pdf.ocr_timeout",
    "pdf.crashed",
    "internal.panic",
    "input.unreadable",
    "input.too_large",
];

/// The files of an entry.
const EXTENSIONS: [&str; 4] = ["record.json", "text", "line", "error.json"];

/// The cache of one output folder.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    suffix: String,
    /// Added to the key of a PDF: how its scanned pages are read.
    ocr_suffix: String,
    /// Keys this run used or wrote: the others are pruned after a full run.
    used: Mutex<BTreeSet<String>>,
    /// Keys this run has started to write: identical files read in parallel
    /// would otherwise write one entry from two paths, mixing their files.
    claimed: Mutex<BTreeSet<String>>,
    reused: AtomicUsize,
}

/// What the cache holds for a document.
#[derive(Debug)]
pub enum Hit {
    /// A record whose files can be linked as they are.
    Files {
        /// `records/<id>.json` as written.
        record_file: PathBuf,
        /// `text/<id>.txt` as written.
        text_file: PathBuf,
        /// The `corpus.jsonl` line.
        line: String,
    },
    /// A record kept for another path with the same bytes: rewritten.
    Moved(Box<Rendered>),
    /// The document failed.
    Failed(ErrorInfo),
}

impl Cache {
    /// The cache in `dir`, for these rules and this version of ctg, scanned
    /// pages read as `ocr` says by `ocr_engine` (`None`: OCR cannot run).
    pub fn open(dir: &Path, rules: &RuleSet, ocr: &OcrConfig, ocr_engine: Option<&str>) -> Cache {
        let _ = fs::create_dir_all(dir);
        let fingerprint = rules.fingerprint();
        Cache {
            dir: dir.to_path_buf(),
            // c2: the layout of the entries (record files, then the line)
            suffix: format!(
                "{}-{}-c2",
                &fingerprint[..16.min(fingerprint.len())],
                env!("CARGO_PKG_VERSION")
            ),
            ocr_suffix: ocr_suffix(ocr, ocr_engine),
            used: Mutex::new(BTreeSet::new()),
            claimed: Mutex::new(BTreeSet::new()),
            reused: AtomicUsize::new(0),
        }
    }

    /// How many documents came from the cache.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    fn key(&self, sha256: &str, pdf: bool) -> String {
        if pdf {
            format!("{sha256}-{}-{}", self.suffix, self.ocr_suffix)
        } else {
            format!("{sha256}-{}", self.suffix)
        }
    }

    fn file(&self, key: &str, ext: &str) -> PathBuf {
        self.dir.join(format!("{key}.{ext}"))
    }

    fn mark(&self, key: String) {
        if let Ok(mut used) = self.used.lock() {
            used.insert(key);
        }
    }

    /// What is kept for the bytes `sha256` (a PDF's when `pdf`), read at
    /// `path` in this run.
    pub fn get(&self, sha256: &str, pdf: bool, path: &str) -> Option<Hit> {
        let key = self.key(sha256, pdf);
        // most entries are records: their line is tried first
        let hit = if let Ok(line) = fs::read_to_string(self.file(&key, "line")) {
            let record_file = self.file(&key, "record.json");
            let text_file = self.file(&key, "text");
            // an entry whose files were removed by hand is a miss, not a
            // failed batch
            if !(record_file.is_file() && text_file.is_file()) {
                return None;
            }
            if line.starts_with(&line_start(sha256, path)?) {
                Hit::Files {
                    record_file,
                    text_file,
                    line,
                }
            } else {
                let mut record: Record = serde_json::from_str(&line).ok()?;
                record.source.path = path.to_string();
                let text = fs::read_to_string(&text_file).ok()?;
                Hit::Moved(Box::new(Rendered::of(&record, text)))
            }
        } else {
            let json = fs::read(self.file(&key, "error.json")).ok()?;
            Hit::Failed(serde_json::from_slice(&json).ok()?)
        };
        self.mark(key);
        self.reused.fetch_add(1, Ordering::Relaxed);
        Some(hit)
    }

    /// Keeps a record's files.
    pub fn put_record(&self, sha256: &str, pdf: bool, rendered: &Rendered) {
        let key = self.key(sha256, pdf);
        if !self.claim(&key) {
            return;
        }
        // an older, damaged entry stops being one before its files change
        let _ = fs::remove_file(self.file(&key, "line"));
        let whole = [
            ("record.json", &rendered.pretty),
            ("text", &rendered.text),
            ("line", &rendered.line),
        ]
        .iter()
        .all(|(ext, bytes)| self.write(&key, ext, bytes.as_bytes()));
        if whole {
            self.mark(key);
        }
    }

    /// Keeps a document's error, unless it depends on the run.
    pub fn put_error(&self, sha256: &str, pdf: bool, error: &ErrorInfo) {
        if NOT_CACHED.contains(&error.code.as_str()) {
            return;
        }
        let key = self.key(sha256, pdf);
        if !self.claim(&key) {
            return;
        }
        let json = serde_json::to_vec(error).expect("errors serialize");
        if self.write(&key, "error.json", &json) {
            self.mark(key);
        }
    }

    /// Whether this thread is the first of the run to write `key`.
    fn claim(&self, key: &str) -> bool {
        self.claimed
            .lock()
            .is_ok_and(|mut claimed| claimed.insert(key.to_string()))
    }

    /// Writes one file atomically (a killed run leaves whole files only), read
    /// only: the output's records and texts are links to these files, and a
    /// program that edited one in place would change the cache.
    fn write(&self, key: &str, ext: &str, bytes: &[u8]) -> bool {
        // two threads may store the same bytes (duplicates) at once: each
        // writes its own temporary file
        static WRITES: AtomicUsize = AtomicUsize::new(0);
        let name = format!("{key}.{ext}");
        let n = WRITES.fetch_add(1, Ordering::Relaxed);
        let tmp = self.dir.join(format!(".{name}.{}-{n}", std::process::id()));
        let written = fs::write(&tmp, bytes).is_ok() && {
            if let Ok(meta) = fs::metadata(&tmp) {
                let mut permissions = meta.permissions();
                permissions.set_readonly(true);
                let _ = fs::set_permissions(&tmp, permissions);
            }
            fs::rename(&tmp, self.dir.join(&name)).is_ok()
        };
        if !written {
            let _ = fs::remove_file(&tmp);
        }
        written
    }

    /// After a complete run: drops the entries this run did not use.
    pub fn prune(&self) {
        let Ok(used) = self.used.lock() else { return };
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let key = EXTENSIONS
                .iter()
                .find_map(|ext| name.strip_suffix(&format!(".{ext}")));
            // an unused entry, a left-over temporary file, an older layout
            if !key.is_some_and(|key| used.contains(key)) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// The part of a PDF's key that says how its scans are read: `ocr-off`, or
/// `ocr-auto-fra-tesseract_5.3.0`, `ocr-force-fra+eng-none`.
fn ocr_suffix(ocr: &OcrConfig, engine: Option<&str>) -> String {
    if ocr.mode == ctg_core::ingest::ocr::OcrMode::Off {
        return "ocr-off".into();
    }
    let engine: String = engine
        .unwrap_or("none")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let lang: String = ocr
        .lang
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '+' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("ocr-{}-{lang}-{engine}", ocr.mode.name())
}

/// How the `corpus.jsonl` line of the record of these bytes at `path` starts
/// (`id`, then `source.path`, as `Record` serializes): a cached line that
/// starts so can be used as it is.
fn line_start(sha256: &str, path: &str) -> Option<String> {
    let id = ctg_core::process::doc_id(sha256).0;
    Some(format!(
        "{{\"id\":{},\"source\":{{\"path\":{},",
        serde_json::to_string(&id).ok()?,
        serde_json::to_string(path).ok()?
    ))
}
