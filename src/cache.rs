//! Earlier results, kept where the platform keeps caches
//! (`$XDG_CACHE_HOME/ctg`, else `~/.cache/ctg`, or `--cache-dir`), so that a
//! re-run only processes what changed and a killed run resumes. One cache
//! serves every run of the user, whatever its inputs and output folder.
//!
//! An entry is keyed by the SHA-256 of the document's bytes, the rules'
//! fingerprint, the tool's version and its build (`<sha256>-<rules>-<version>-
//! <build>-c3`): a rebuilt ctg whose extraction code changed under the same
//! version never reuses the results of the old one. A PDF's key also names how
//! scanned pages are read: the `--ocr` mode, the `--ocr-lang` and the Tesseract
//! found (`-ocr-auto-fra-tesseract_5.3.0`, or `none`), so that a scanned
//! archive is read by OCR once, and read again when those change (installing
//! Tesseract turns `pdf.no_text` into records). A record
//! is kept as the bytes of its output files: `<key>.record.json` (the pretty
//! record), `<key>.text` and `<key>.line` (its `corpus.jsonl` line), the line
//! written last, so that an entry without it is incomplete and ignored. A
//! re-run hard-links the first two into the new output instead of writing them
//! again: on a large batch, rewriting gigabytes was most of a re-run's time.
//! An error is kept as `<key>.error.json`. Errors that depend on the run rather
//! than on the document (a time or memory limit, a crash) are never kept.
//!
//! Size: after each run the cache is brought back under a bound
//! (`--cache-max-mib`, [`DEFAULT_MAX_MIB`] by default) by removing the
//! entries used least recently. An entry's last use is the modification time
//! of its `.line` (or `.error.json`) file, set again on every hit. Entries
//! this run used, and entries used since it started (by another run at the
//! same time), are never removed; entries of other rules or versions of ctg
//! go like any other, oldest first.

use crate::sink::Rendered;
use ctg_core::ingest::ocr::OcrConfig;
use ctg_core::record::{ErrorInfo, Record};
use ctg_core::rules::RuleSet;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::SystemTime;

/// The size, in MiB, the cache is brought back under after a run, unless
/// `--cache-max-mib` says otherwise: about 40,000 documents of a few pages.
pub const DEFAULT_MAX_MIB: u64 = 2048;

/// Where the platform keeps a user's caches, for ctg: `$XDG_CACHE_HOME/ctg`
/// when that variable holds an absolute path, else `$HOME/.cache/ctg`; None
/// when neither is known (the run then has no cache).
pub fn platform_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = xdg.or_else(|| {
        std::env::var_os("HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .map(|home| home.join(".cache"))
    })?;
    Some(base.join("ctg"))
}

/// Errors that depend on the run (limits, a crash), not on the document.
const NOT_CACHED: &[&str] = &[
    "pdf.timeout",
    "pdf.ocr_timeout",
    "pdf.crashed",
    "extract.timeout",
    "extract.memory",
    "internal.panic",
    "input.unreadable",
    "input.too_large",
    "input.not_a_file",
];

/// The files of an entry.
const EXTENSIONS: [&str; 4] = ["record.json", "text", "line", "error.json"];

/// The cache, as one run uses it.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    /// The size [`Cache::prune`] brings it back under.
    max_bytes: u64,
    /// When this run opened it: entries used since are another run's too.
    started: SystemTime,
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
    /// The cache in `dir`, for these rules and this version of ctg, to be
    /// brought back under `max_bytes` after the run; scanned pages read as
    /// `ocr` says by `ocr_engine` (`None`: OCR cannot run).
    pub fn open(
        dir: &Path,
        max_bytes: u64,
        rules: &RuleSet,
        ocr: &OcrConfig,
        ocr_engine: Option<&str>,
    ) -> Cache {
        let _ = fs::create_dir_all(dir);
        let fingerprint = rules.fingerprint();
        Cache {
            dir: dir.to_path_buf(),
            max_bytes,
            started: SystemTime::now(),
            // c3: the layout of the entries (record files, then the line)
            suffix: format!(
                "{}-{}-{}-c3",
                &fingerprint[..16.min(fingerprint.len())],
                env!("CARGO_PKG_VERSION"),
                build()
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
        let line_file = self.file(&key, "line");
        let hit = if let Ok(line) = fs::read_to_string(&line_file) {
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
            let error_file = self.file(&key, "error.json");
            let json = fs::read(&error_file).ok()?;
            touch(&error_file);
            Hit::Failed(serde_json::from_slice(&json).ok()?)
        };
        touch(&line_file);
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

    /// After a complete run: brings the cache back under its bound, the
    /// entries used least recently first, never one this run used or one
    /// used since it started; left-over temporary files of killed runs go
    /// too.
    pub fn prune(&self) -> Pruned {
        let mut pruned = Pruned::default();
        let Ok(used) = self.used.lock() else {
            return pruned;
        };
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return pruned;
        };
        // key -> (bytes, last use, its files)
        let mut found: BTreeMap<String, (u64, SystemTime, Vec<PathBuf>)> = BTreeMap::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(meta) = entry.metadata() else { continue };
            let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            let key = EXTENSIONS
                .iter()
                .find_map(|ext| name.strip_suffix(&format!(".{ext}")).map(|k| (k, *ext)));
            match key {
                Some((key, ext)) => {
                    let e = found.entry(key.to_string()).or_insert((
                        0,
                        SystemTime::UNIX_EPOCH,
                        Vec::new(),
                    ));
                    e.0 += meta.len();
                    if matches!(ext, "line" | "error.json") {
                        e.1 = e.1.max(modified);
                    }
                    e.2.push(entry.path());
                }
                // a temporary file of a run killed before it renamed it
                None if name.starts_with('.')
                    && modified < self.started
                    && !writer(&name).is_some_and(ctg_atomic::lock::alive)
                    && fs::remove_file(entry.path()).is_ok() =>
                {
                    pruned.leftovers += 1;
                }
                None => {}
            }
        }
        let mut total: u64 = found.values().map(|e| e.0).sum();
        let mut oldest: Vec<(SystemTime, &String)> = found
            .iter()
            .filter(|(key, e)| !used.contains(*key) && e.1 < self.started)
            .map(|(key, e)| (e.1, key))
            .collect();
        oldest.sort();
        for (_, key) in oldest {
            if total <= self.max_bytes {
                break;
            }
            let (bytes, _, files) = &found[key];
            // the line (or error) first: without it the entry is no entry
            let mut files = files.clone();
            files.sort_by_key(|f| !f.to_string_lossy().ends_with(".line"));
            for file in files {
                let _ = fs::remove_file(file);
            }
            total = total.saturating_sub(*bytes);
        }
        pruned.bytes = total;
        pruned
    }
}

/// What [`Cache::prune`] left and removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    /// The bytes the cache holds afterwards.
    pub bytes: u64,
    /// Temporary files of killed runs removed.
    pub leftovers: usize,
}

/// The process that writes the temporary file `name`
/// (`.<key>.<ext>.<pid>-<n>`, as [`Cache::write`] names them).
fn writer(name: &str) -> Option<u32> {
    let (_, last) = name.rsplit_once('.')?;
    let (pid, _) = last.split_once('-')?;
    pid.parse().ok()
}

/// This build of ctg: the size and modification time of its executable,
/// hashed (FNV-1a), so that a rebuilt binary has entries of its own. `0`
/// when the executable cannot be found.
fn build() -> String {
    let meta = std::env::current_exe().and_then(fs::metadata);
    let Ok(meta) = meta else {
        return "0".to_string();
    };
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in meta
        .len()
        .to_le_bytes()
        .into_iter()
        .chain(modified.to_le_bytes())
    {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Sets a file's modification time to now: the entry was just used.
fn touch(path: &Path) {
    if let Ok(file) = fs::File::open(path) {
        let _ = file.set_modified(SystemTime::now());
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
