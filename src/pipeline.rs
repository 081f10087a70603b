//! The batch: list the inputs, process them in parallel, sort, hand to the sink.
//!
//! The only module that knows rayon and indicatif. Output never depends on the
//! number of jobs: results are collected in input order, then sorted by id.

use crate::cache::{Cache, Hit};
use crate::input::{self, extension, shown};
use crate::isolate::{Limits, PdfWorkers};
use crate::sink::{Rendered, Sink, SinkError};
use ctg_atomic::lock::{self, Cleared, LockError};
use ctg_core::ingest::ocr::OcrConfig;
use ctg_core::ingest::pdf::{InProcess, PdfReader};
use ctg_core::manifest::{Counts, Manifest, RulesInfo, ShardInfo, Timings, Tool};
use ctg_core::process::{self, sha256_hex, Processed};
use ctg_core::record::{ErrorInfo, ErrorRecord, ErrorSource, Warning};
use ctg_core::rules::prepared::Prepared;
use ctg_core::rules::{RuleError, RuleSet};
use ctg_core::{budget, record, refdata};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use thiserror::Error;

/// Documents per job in one chunk: a chunk's results are held in memory
/// together, then written.
const CHUNK_PER_JOB: usize = 32;

/// Everything `ctg extract` needs, already validated by the CLI.
#[derive(Debug, Clone)]
pub struct ExtractConfig {
    /// Files and folders to read, as given on the command line.
    pub inputs: Vec<PathBuf>,
    /// More files and folders, read from a list (`--files-from`), with the
    /// list's name for the manifest.
    pub files_from: Option<(String, Vec<PathBuf>)>,
    /// Only this shard of the listed files.
    pub shard: Option<Shard>,
    /// Output folder.
    pub output: PathBuf,
    /// Rules folder instead of the built-in rules.
    pub rules: Option<PathBuf>,
    /// Worker threads; `None` for all cores.
    pub jobs: Option<usize>,
    /// Whether to draw a progress bar (on a terminal only).
    pub progress: bool,
    /// Files larger than this are refused as `input.too_large`.
    pub max_bytes: u64,
    /// Time the extraction of one document may take (`extract.timeout`).
    pub extract_timeout: Option<Duration>,
    /// Bytes the extraction of one document may allocate beyond what its
    /// thread held before it (`extract.memory`; counted only by a global
    /// allocator that reports to `ctg_core::budget`, as the `ctg` binary's
    /// does).
    pub extract_memory: Option<usize>,
    /// Where PDFs are parsed.
    pub pdf: PdfMode,
    /// How scanned pages are read (`threads` is set from the jobs).
    pub ocr: OcrConfig,
    /// The OCR engine found (`tesseract 5.3.0`), `None` when it cannot run:
    /// part of the cache key of PDFs, so that installing or upgrading
    /// Tesseract reads scans again.
    pub ocr_engine: Option<String>,
    /// Earlier results to reuse, `None` to process everything again.
    pub cache: Option<CacheConfig>,
}

/// Where the cache is, and the size it is brought back under after a run.
#[derive(Debug, Clone)]
pub struct CacheConfig {
    /// The folder (shared by every run of the user).
    pub dir: PathBuf,
    /// Bytes the cache may hold after a run.
    pub max_bytes: u64,
}

/// `--shard K/N`: of the listed document files, those at positions K-1, K-1+N,
/// K-1+2N, ... (round robin, so that folders of large files spread over the
/// shards).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// K, from 1.
    pub index: usize,
    /// N.
    pub of: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("`{s}` is not a shard: write K/N with 1 <= K <= N, as 2/8");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: usize = k.trim().parse().map_err(|_| bad())?;
        let of: usize = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || index > of {
            return Err(bad());
        }
        Ok(Shard { index, of })
    }
}

impl Shard {
    /// Whether the file at `position` (from 0) of the whole list is this shard's.
    pub fn takes(self, position: usize) -> bool {
        position % self.of == self.index - 1
    }
}

/// Where the PDFs of a batch are parsed.
#[derive(Debug, Clone)]
pub enum PdfMode {
    /// In worker processes running `exe pdf-worker`, with these limits.
    Workers {
        /// The ctg executable.
        exe: PathBuf,
        /// Time and memory limits.
        limits: Limits,
    },
    /// In the batch's own process (no protection against crashes and hangs).
    InProcess,
}

/// The outcome of a batch, for the summary line and the exit code.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Counts.
    pub counts: Counts,
    /// Documents whose earlier result was reused from the cache.
    pub reused: usize,
    /// Wall-clock time.
    pub elapsed: Duration,
    /// Skipped files by extension (`(none)` for a file without one).
    pub skipped_by_extension: BTreeMap<String, usize>,
    /// Failed documents by error code (`pdf.no_text`).
    pub errors_by_code: BTreeMap<String, usize>,
    /// What killed runs had left beside the output, cleared.
    pub cleared: Vec<Cleared>,
    /// Temporary files of killed runs removed from the cache.
    pub cache_leftovers: usize,
}

/// Why a batch could not run at all.
#[derive(Debug, Error)]
pub enum PipelineError {
    /// The rules do not load.
    #[error("{} problem(s) in the rules", .0.len())]
    Rules(Vec<RuleError>),
    /// An input path does not exist or cannot be listed.
    #[error("{path}: {message}")]
    Input {
        /// The path.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The output cannot be written.
    #[error(transparent)]
    Sink(#[from] SinkError),
    /// Another run is writing the output.
    #[error(transparent)]
    Locked(#[from] LockError),
    /// The thread pool cannot start.
    #[error("cannot start {jobs} worker threads: {message}")]
    Threads {
        /// Requested jobs.
        jobs: usize,
        /// Why.
        message: String,
    },
}

/// The worker threads of a run and its rules, which compile (while the place
/// indexes build) from the moment the run begins: `main` begins it before
/// checking the command line, so that looking for the OCR programs (three
/// child processes, a sixth of a one-file run) overlaps the compiling.
pub struct Startup {
    started: Instant,
    rules_dir: Option<PathBuf>,
    jobs: usize,
    /// The worker threads, or why they cannot start.
    pool: Result<rayon::ThreadPool, String>,
    ready: std::sync::mpsc::Receiver<(std::thread::Result<Loaded>, Duration)>,
    /// The rules, once received; kept here after the run, so that the caller
    /// decides when they are dropped (`main` leaves that to the end of the
    /// process: freeing every compiled pattern took 20 ms).
    rules: Option<RuleSet>,
}

/// The reference data and place indexes, written by build.rs from the TSV
/// files ctg-core embeds; were they other files, ctg-core would build them
/// from its own.
const PLACES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/places.bin"));

/// The rules as they load.
type Loaded = Result<RuleSet, Vec<RuleError>>;

impl Startup {
    /// Starts `jobs` worker threads (`None`: one per core) and compiles on
    /// them the rules of `rules_dir` (`None`: the built-in rules).
    pub fn begin(rules_dir: Option<PathBuf>, jobs: Option<usize>) -> Startup {
        let started = Instant::now();
        ctg_core::refdata::compact::register(PLACES);
        let jobs = jobs.unwrap_or_else(rayon::current_num_threads).max(1);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .map_err(|e| e.to_string());
        let (send, ready) = std::sync::mpsc::channel();
        if let Ok(pool) = &pool {
            let dir = rules_dir.clone();
            pool.spawn(move || {
                // a panic is sent too, and goes on in the caller's thread,
                // as it did from `pool.install` (in a spawned job, rayon
                // would abort the process)
                let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    rayon::join(|| load_rules(dir.as_deref()), ctg_core::places::warm_up).0
                }));
                // nobody waits when the command line was refused
                let _ = send.send((loaded, started.elapsed()));
            });
        }
        Startup {
            started,
            rules_dir,
            jobs,
            pool,
            ready,
            rules: None,
        }
    }
}

/// The rules of `dir`, else the built-in ones, whose patterns are parsed
/// only when a text needs them: the facts loading would work out of them
/// were worked out at build time (`build.rs`).
pub fn load_rules(dir: Option<&Path>) -> Result<RuleSet, Vec<RuleError>> {
    static PREPARED: OnceLock<Prepared> = OnceLock::new();
    let prepared = PREPARED.get_or_init(|| {
        // written by build.rs with the same code; were it unreadable, the
        // patterns would only compile as a `--rules` folder's do
        Prepared::read(include_str!(concat!(env!("OUT_DIR"), "/prepared.json"))).unwrap_or_default()
    });
    RuleSet::load_prepared(dir, prepared)
}

/// Runs `ctg extract`.
pub fn extract(config: &ExtractConfig) -> Result<Summary, PipelineError> {
    let mut startup = Startup::begin(config.rules.clone(), config.jobs);
    extract_with(config, &mut startup)
}

/// Runs `ctg extract` with the threads and rules of `startup`, begun for
/// `config`'s rules and jobs.
pub fn extract_with(
    config: &ExtractConfig,
    startup: &mut Startup,
) -> Result<Summary, PipelineError> {
    debug_assert!(startup.rules_dir == config.rules, "begun for other rules");
    let started = startup.started;
    let jobs = startup.jobs;
    // one run at a time writes an output; held until the run returns
    let claim = lock::claim(&config.output)?;
    let pool = startup
        .pool
        .as_ref()
        .map_err(|message| PipelineError::Threads {
            jobs,
            message: message.clone(),
        })?;
    let (loaded, startup_time) = startup
        .ready
        .recv()
        .expect("the start-up job sends before it ends");
    let rules = loaded.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    let rules = &*startup.rules.insert(rules.map_err(PipelineError::Rules)?);
    let listed: Vec<PathBuf> = config
        .inputs
        .iter()
        .chain(config.files_from.iter().flat_map(|(_, paths)| paths))
        .cloned()
        .collect();
    let mut inputs = input::list(&listed).map_err(|e| PipelineError::Input {
        path: e.path,
        message: e.message,
    })?;
    let all_listed = inputs.files.len();
    if let Some(shard) = config.shard {
        let files = std::mem::take(&mut inputs.files);
        inputs.files = files
            .into_iter()
            .enumerate()
            .filter(|(position, _)| shard.takes(*position))
            .map(|(_, path)| path)
            .collect();
    }
    let mut sink = Sink::create(&config.output)?;

    // the batch's cores, shared by the pages of the scans it reads
    let ocr = OcrConfig {
        threads: jobs,
        ..config.ocr.clone()
    };
    let workers;
    let in_process;
    let pdf: &dyn PdfReader = match &config.pdf {
        PdfMode::Workers { exe, limits } => {
            workers = PdfWorkers::new(exe.clone(), limits.clone(), ocr);
            &workers
        }
        PdfMode::InProcess => {
            in_process = InProcess {
                ocr: OcrConfig { threads: 1, ..ocr },
            };
            &in_process
        }
    };
    let cache = config.cache.as_ref().map(|c| {
        Cache::open(
            &c.dir,
            c.max_bytes,
            rules,
            &config.ocr,
            config.ocr_engine.as_deref(),
        )
    });
    let job = Job {
        rules,
        max_bytes: config.max_bytes,
        limits: budget::Limits {
            time: config.extract_timeout,
            memory: config.extract_memory,
        },
        pdf,
        cache: cache.as_ref(),
    };

    // Documents go in chunks: each chunk is processed in parallel, then its
    // results are written in input order, so memory holds a few chunks at a
    // time and the output does not depend on the number of jobs. This thread
    // writes one chunk while the workers process the next (at most one more
    // waits between them), so writing the output overlaps the extraction.
    let bar = progress_bar(config.progress, inputs.files.len());
    let mut dedup = Dedup::default();
    let mut errors = 0;
    let mut errors_by_code: BTreeMap<String, usize> = BTreeMap::new();
    let chunk_len = jobs * CHUNK_PER_JOB;
    std::thread::scope(|scope| -> Result<(), PipelineError> {
        let (send, processed) = std::sync::mpsc::sync_channel(1);
        let (job, bar, files) = (&job, &bar, &inputs.files);
        scope.spawn(move || {
            for chunk in files.chunks(chunk_len) {
                let results: Vec<Result<Outcome, ErrorRecord>> = pool.install(|| {
                    chunk
                        .par_iter()
                        .map(|path| {
                            let result = process_file(path, job);
                            bar.inc(1);
                            result
                        })
                        .collect()
                });
                // the writer stopped on an error: nothing more to do
                if send.send(results).is_err() {
                    break;
                }
            }
        });
        // on an error the receiver is dropped, which stops the workers after
        // their chunk
        for results in processed {
            for result in results {
                match result {
                    Err(e) => {
                        errors += 1;
                        *errors_by_code.entry(e.error.code.clone()).or_default() += 1;
                        sink.error(&e);
                    }
                    Ok(Outcome::Rendered { rendered, path }) => {
                        if dedup.first(&rendered.id, &path) {
                            sink.rendered(&rendered)?;
                        }
                    }
                    Ok(Outcome::Linked {
                        id,
                        path,
                        record_file,
                        text_file,
                        line,
                    }) => {
                        if dedup.first(&id, &path) {
                            sink.linked(&id, &record_file, &text_file, &line)?;
                        }
                    }
                }
            }
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    let reused = cache.as_ref().map_or(0, Cache::reused);
    let counts = dedup.counts(inputs.files.len(), errors, inputs.skipped.len());
    let duplicates = dedup.finish(&mut sink)?;
    let elapsed = started.elapsed();
    let manifest = Manifest {
        tool: Tool {
            name: "ctg".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        rules: RulesInfo {
            source: config
                .rules
                .as_deref()
                .map_or_else(|| "builtin".to_string(), shown),
            fingerprint: rules.fingerprint().to_string(),
            files: rules.files().len(),
            rules: rules.rules().len(),
        },
        reference_data: refdata::version().to_string(),
        inputs: config.inputs.iter().map(|p| shown(p)).collect(),
        files_from: config.files_from.as_ref().map(|(name, _)| name.clone()),
        counts: counts.clone(),
        skipped: inputs.skipped.iter().map(|s| shown(&s.path)).collect(),
        duplicates,
        shard: config.shard.map(|shard| ShardInfo {
            index: shard.index,
            of: shard.of,
            listed: all_listed,
            files: inputs.files.iter().map(|p| shown(p)).collect(),
        }),
    };
    let timings = Timings {
        jobs,
        elapsed_ms: elapsed.as_millis(),
        startup_ms: Some(startup_time.as_millis()),
        documents_per_second: per_second(counts.documents, elapsed),
        reused,
    };
    sink.finish(&manifest, &timings, &record::schema())?;
    let cache_leftovers = cache.as_ref().map_or(0, |cache| cache.prune().leftovers);
    let mut skipped_by_extension: BTreeMap<String, usize> = BTreeMap::new();
    for skipped in &inputs.skipped {
        *skipped_by_extension.entry(skipped.label()).or_default() += 1;
    }
    Ok(Summary {
        counts,
        reused,
        elapsed,
        skipped_by_extension,
        errors_by_code,
        cleared: claim.cleared.clone(),
        cache_leftovers,
    })
}

/// Files with the same bytes: the first in input order gets the record, the
/// later ones are listed in the manifest and in a `duplicate_source` warning
/// on that record. Shared by `extract` and `merge`, which must agree.
#[derive(Debug, Default)]
pub(crate) struct Dedup {
    first_of: HashMap<String, String>,
    duplicates: BTreeMap<String, Vec<String>>,
    duplicated_ids: BTreeMap<String, Vec<String>>,
}

impl Dedup {
    /// Sees the document `id` at `path`, in input order: whether it is the
    /// first with these bytes.
    pub(crate) fn first(&mut self, id: &str, path: &str) -> bool {
        match self.first_of.get(id) {
            Some(first) => {
                self.duplicates
                    .entry(first.clone())
                    .or_default()
                    .push(path.to_string());
                self.duplicated_ids
                    .entry(id.to_string())
                    .or_default()
                    .push(path.to_string());
                false
            }
            None => {
                self.first_of.insert(id.to_string(), path.to_string());
                true
            }
        }
    }

    pub(crate) fn counts(&self, documents: usize, errors: usize, skipped: usize) -> Counts {
        Counts {
            documents,
            records: self.first_of.len(),
            errors,
            skipped,
            duplicates: self.duplicates.values().map(Vec::len).sum(),
        }
    }

    /// Adds the warnings to the records written; the manifest's duplicates.
    pub(crate) fn finish(
        self,
        sink: &mut Sink,
    ) -> Result<BTreeMap<String, Vec<String>>, SinkError> {
        for (id, paths) in self.duplicated_ids {
            sink.add_warning(&id, Warning::DuplicateSource { paths })?;
        }
        Ok(self.duplicates)
    }
}

/// Documents per second, rounded to one decimal.
pub fn per_second(documents: usize, elapsed: Duration) -> f64 {
    let secs = elapsed.as_secs_f64().max(1e-6);
    (documents as f64 / secs * 10.0).round() / 10.0
}

/// What every document of a batch is processed with.
struct Job<'a> {
    rules: &'a RuleSet,
    max_bytes: u64,
    limits: budget::Limits,
    pdf: &'a dyn PdfReader,
    cache: Option<&'a Cache>,
}

/// A document done: its record as bytes to write, or files to link from the
/// cache.
enum Outcome {
    Rendered {
        rendered: Rendered,
        path: String,
    },
    Linked {
        id: String,
        path: String,
        record_file: PathBuf,
        text_file: PathBuf,
        line: String,
    },
}

fn process_file(path: &Path, job: &Job) -> Result<Outcome, ErrorRecord> {
    let shown_path = shown(path);
    // the bytes, when read, with their SHA-256
    let fail = |code: &str, message: String, read: Option<(&[u8], &str)>| ErrorRecord {
        source: ErrorSource {
            path: shown_path.clone(),
            sha256: read.map(|(_, sha)| sha.to_string()),
            bytes: read.map(|(b, _)| b.len() as u64),
        },
        error: ErrorInfo {
            code: code.to_string(),
            message,
        },
    };
    let bytes = input::read(path, job.max_bytes).map_err(|e| {
        let mut record = fail(e.code(), e.to_string(), None);
        if let ctg_core::ingest::IngestError::TooLarge { bytes, .. } = e {
            record.source.bytes = Some(bytes);
        }
        record
    })?;
    let sha256 = sha256_hex(&bytes);
    let ext = extension(path);
    // a PDF's cache key names how its scanned pages are read
    let is_pdf = matches!(
        ctg_core::ingest::detect::detect(&bytes, ext.as_deref()),
        Ok(record::Format::Pdf)
    );
    match job.cache.and_then(|c| c.get(&sha256, is_pdf, &shown_path)) {
        Some(Hit::Files {
            record_file,
            text_file,
            line,
        }) => {
            return Ok(Outcome::Linked {
                id: process::doc_id(&sha256).0,
                path: shown_path,
                record_file,
                text_file,
                line,
            })
        }
        Some(Hit::Moved(rendered)) => {
            return Ok(Outcome::Rendered {
                rendered: *rendered,
                path: shown_path,
            })
        }
        Some(Hit::Failed(error)) => {
            return Err(fail(&error.code, error.message, Some((&bytes, &sha256))))
        }
        None => {}
    }
    let result = process::document_with(
        &shown_path,
        &bytes,
        &sha256,
        ext.as_deref(),
        job.rules,
        job.pdf,
        job.limits,
    );
    match result {
        Ok(Processed { record, text }) => {
            let rendered = Rendered::of(&record, text);
            if let Some(cache) = job.cache {
                cache.put_record(&sha256, is_pdf, &rendered);
            }
            Ok(Outcome::Rendered {
                rendered,
                path: shown_path,
            })
        }
        Err(e) => {
            let failed = fail(e.code(), e.to_string(), Some((&bytes, &sha256)));
            if let Some(cache) = job.cache {
                cache.put_error(&sha256, is_pdf, &failed.error);
            }
            Err(failed)
        }
    }
}

fn progress_bar(enabled: bool, len: usize) -> ProgressBar {
    let target = if enabled {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(len as u64), target);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} documents, {per_sec}, eta {eta}")
            .expect("a fixed template parses"),
    );
    bar
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_places_written_at_build_time_are_read() {
        assert!(ctg_core::refdata::compact::is_current(super::PLACES));
    }
}
