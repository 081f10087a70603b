//! Command-line types and help, and their conversion into library configurations.

use clap::{Args, Parser, Subcommand, ValueEnum};
use ctg::commands::{CompareRequest, ExportRequest, ReportRequest};
use ctg::exit;
use ctg::isolate::Limits;
use ctg::pipeline::{CacheConfig, ExtractConfig, PdfMode};
use ctg_analytics::compare::{CsvStyle, Format, GroupBy};
use ctg_analytics::labels::Lang;
use ctg_core::ingest::ocr::{self, OcrConfig, OcrMode};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

const EXPORT_TABLES: &str = "\
Tables (every column is described in schema.sql, which --csv writes beside the files):
  regions, departments       reference data: every region and department, with the number
                             of current communes and their population
  axis_codes                 the thematic axes of the guide, in its order
  conventions                one row per signing, its status, date, period, duration (each
                             with the document it comes from), documents and conflicts
  convention_departments     its CAF departments
  convention_territories     its other parties (communes, EPCI, syndicats...)
  convention_axes            its axes
  convention_communes        the current communes it covers, with their population
  convention_commune_via     which of its parties covers each of them
  conflicts                  every document's value of a field they disagree on
  documents                  one row per record of corpus.jsonl: kind, whether it is about a
                             CTG (and why not), status, dates
  evidence                   every span of text/<id>.txt a value was read from
  parties                    the CAFs and territories each document names as parties
  signings, signing_parties  the signings a round-up reports, one row each, and their parties
  signatories                who signs, role, role code, organization, party
  communes, commune_mentions the communes each document names, and where
  axes, axis_evidence        the axes each document presents, and where";

/// `ctg export --help`: the tables, then the exit codes.
fn export_help() -> String {
    format!("{EXPORT_TABLES}\n\n{}", exit::help::export())
}

/// ctg: turn French documents about Conventions Territoriales Globales (press
/// releases, web pages, convention PDFs) into a normalized JSON corpus where every
/// value carries the rule and the text span it came from.
#[derive(Debug, Parser)]
#[command(name = "ctg", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract a corpus from documents (.txt, .html, .htm, .pdf) into an output folder.
    ///
    /// Writes, atomically (a crash leaves the previous output whole): corpus.jsonl
    /// (one record per document, sorted by id), records/<id>.json, text/<id>.txt (the
    /// normalized text that evidence offsets point into), errors.jsonl (one line per
    /// failed document, with a stable code), manifest.json and schema.json.
    #[command(after_help = exit::help::extract())]
    Extract(ExtractArgs),
    /// Work with rule files.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Show how one document is read: its normalized text, each value in its line,
    /// and every rule match with why it won or lost.
    #[command(after_help = exit::help::explain())]
    Explain(ExplainArgs),
    /// Join the outputs of `ctg extract --shard K/N` (every K of one N) into the
    /// output a single run over the whole batch would have written (the same
    /// bytes, but for timings.json).
    #[command(after_help = exit::help::merge())]
    Merge(MergeArgs),
    /// Compare CAF departments, regions or years: conventions (a press release
    /// and the convention PDF of one signing count once), documents, years,
    /// durations, axes, communes and population covered, parties, conflicts.
    ///
    /// Reads corpus.jsonl in INPUT (the folder `ctg extract` wrote), groups
    /// the records into conventions (each signing of a round-up is its own;
    /// documents not about a CTG are left out and counted apart) and prints
    /// one row per group, sorted, then a total row. `conventions` counts every
    /// convention whatever its status, split in the status columns; only
    /// signed ones count in the signings per year.
    #[command(after_help = exit::help::compare())]
    Compare(CompareArgs),
    /// Write one self-contained HTML page about an extract: a map of the
    /// conventions per CAF department, the axes each department covers,
    /// the signings per year, and a table of conventions whose values open
    /// the passages they were read from.
    ///
    /// The page has its styles, script and data inline: it opens offline,
    /// from a file, and loads nothing from the network. Reads corpus.jsonl,
    /// manifest.json and text/ in INPUT (the folder `ctg extract` wrote).
    /// In French; --lang en for English.
    ///
    /// Sections: a header (the folder, documents, conventions, the ctg
    /// version and rules fingerprint that extracted it); a tile map of
    /// France, one square per department shaded by its number of
    /// conventions (click one to filter the table); a heat map of the share
    /// of each department's conventions covering each axis; a bar chart of
    /// conventions per year; the table of conventions (department,
    /// territories, signing date, period, duration, axes, sources,
    /// conflicts), searchable and sortable. Clicking a value shows, for
    /// each source document, its path, the rule and the passage in its
    /// context, highlighted. The same output always gives the same page.
    #[command(after_help = exit::help::report())]
    Report(ReportArgs),
    /// Export the records and their conventions as relational tables: an
    /// SQLite database (--sqlite), one CSV file per table (--csv) and/or an
    /// Excel workbook with one sheet per table (--xlsx), with the same
    /// tables, columns and rows.
    ///
    /// Reads corpus.jsonl in INPUT (the folder `ctg extract` wrote) and groups the
    /// records into conventions as `ctg compare` does. Document-level tables
    /// keep each value with the id of its evidence row (rule, span of
    /// text/<id>.txt in code points, page); convention-level tables hold what
    /// compare counts. Rows are sorted by key: the same corpus gives the same
    /// files.
    #[command(after_help = export_help())]
    Export(ExportArgs),
    /// Print the JSON Schema of a record (also written as schema.json by extract).
    #[command(after_help = exit::help::schema())]
    Schema,
    /// Internal: parse PDFs sent on standard input (started by extract).
    #[command(hide = true)]
    PdfWorker(PdfWorkerArgs),
}

/// Arguments of the internal `ctg pdf-worker`.
#[derive(Debug, Args)]
pub struct PdfWorkerArgs {
    /// Address-space limit of the worker, in MiB.
    #[arg(long, default_value_t = 2048)]
    pub memory_mib: u64,
    /// As `ctg extract --ocr`.
    #[arg(long, value_enum, default_value_t = OcrArg::Auto)]
    pub ocr: OcrArg,
    /// As `ctg extract --ocr-lang`.
    #[arg(long, default_value = "fra")]
    pub ocr_lang: String,
    /// As `ctg extract --ocr-timeout`.
    #[arg(long, default_value_t = 60.0)]
    pub ocr_timeout: f64,
}

impl PdfWorkerArgs {
    /// The worker's OCR settings (its parent checked them).
    pub fn ocr_config(&self) -> OcrConfig {
        OcrConfig {
            mode: self.ocr.mode(),
            lang: self.ocr_lang.clone(),
            page_timeout: Duration::from_secs_f64(self.ocr_timeout.max(0.001)),
            threads: 1,
        }
    }
}

/// `ctg extract --ocr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OcrArg {
    /// Read by OCR the pages without a usable text layer that show a scanned
    /// picture, and the pages whose text layer is garbled.
    Auto,
    /// Never read by OCR: a scan is pdf.no_text.
    Off,
    /// Read every page by OCR, ignoring the text layer.
    Force,
}

impl OcrArg {
    fn mode(self) -> OcrMode {
        match self {
            OcrArg::Auto => OcrMode::Auto,
            OcrArg::Off => OcrMode::Off,
            OcrArg::Force => OcrMode::Force,
        }
    }
}

/// Arguments of `ctg extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders; folders are walked recursively in name order and only
    /// .txt, .html, .htm and .pdf files are taken (others are counted as skipped).
    /// Links are followed, but each folder is walked once: a link to a folder
    /// already walked (`dot -> .`, `sub/up -> ..`) is skipped. A FIFO, device or
    /// socket is never opened: it gets the error input.not_a_file.
    /// Without PATHS nor --files-from: the folder corpus/ of the current
    /// folder, when there is one (the run says so).
    pub paths: Vec<PathBuf>,
    /// Also read the files and folders listed in FILE, one path per line
    /// (blank lines ignored), after PATHS; `-` reads the list from standard
    /// input, as in `find archive -name '*.pdf' | ctg extract --files-from -`.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// Process only shard K of N of the listed document files (those at
    /// positions K, K+N, K+2N, ... of the whole list), so that N machines or
    /// jobs share a batch; `ctg merge` then joins their outputs into what one
    /// run would have written. Every shard must be given the same PATHS.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<ctg::pipeline::Shard>,
    /// Output folder; replaced as a whole at the end of the run. Files whose
    /// bytes are those of the folder replaced are linked from it, not written
    /// again. One run at a time writes it: a run onto a folder another run is
    /// writing stops at once (the lock file .NAME.lock beside it). What killed
    /// runs left beside it is cleared, and the run says so.
    #[arg(short, long, default_value = "output")]
    pub output: PathBuf,
    #[command(flatten)]
    pub rules: RulesDir,
    /// Worker threads [default: all cores]. The output is the same for any value.
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// No progress bar (it is also hidden when stderr is not a terminal).
    #[arg(short, long)]
    pub quiet: bool,
    /// Files larger than this many bytes are refused (error input.too_large);
    /// no more than this is ever read of one file.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Seconds the extraction of one document may take, once its text is read
    /// (PDFs: after --pdf-timeout); past it the extraction is stopped and the
    /// document gets the error extract.timeout, and the batch goes on.
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS")]
    pub extract_timeout: f64,
    /// Memory (MiB) the extraction of one document may allocate once its text
    /// is read (a PDF's parser has --pdf-memory); past it the extraction is
    /// stopped, the document gets the error extract.memory, and the batch goes
    /// on. Ordinary documents take a few MiB, 5 MB texts 50 to 600 MiB, a 60
    /// MB line of press text more than 1 GiB. Each of the --jobs threads may
    /// hold this much at once, besides the 150 to 200 MB ctg needs to start.
    #[arg(long, default_value_t = 1024, value_name = "MIB")]
    pub extract_memory: u64,
    /// Seconds one PDF may take to parse; past it the parser is stopped and the
    /// document gets the error pdf.timeout.
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS")]
    pub pdf_timeout: f64,
    /// Memory (MiB of address space) a PDF parser may use; past it the parser dies
    /// and the document gets the error pdf.crashed.
    #[arg(long, default_value_t = 2048, value_name = "MIB")]
    pub pdf_memory: u64,
    /// Parse PDFs inside the main process instead of isolated worker processes
    /// (faster to debug; a crashing or hanging PDF then stops the batch).
    #[arg(long)]
    pub pdf_in_process: bool,
    /// When PDF pages are read by OCR (Tesseract), in the PDF workers. auto:
    /// the pages without a usable text layer (under 200 letters) that show a
    /// scanned picture, and the pages whose text layer is garbled; off: never
    /// (a scan gets pdf.no_text); force: every page, ignoring the text layer.
    /// Needs tesseract-ocr, the language's data (tesseract-ocr-fra) and
    /// pdftoppm (poppler-utils); without them scans get pdf.no_text, which
    /// says what to install. Records say which pages OCR read and with what
    /// confidence (source.ocr_pages); see docs/ocr.md.
    #[arg(long, value_enum, default_value_t = OcrArg::Auto, value_name = "WHEN")]
    pub ocr: OcrArg,
    /// Language(s) of the scans, as Tesseract names them: fra, or fra+eng for
    /// French and English (each needs its tesseract-ocr-LANG package).
    #[arg(long, default_value = "fra", value_name = "LANG")]
    pub ocr_lang: String,
    /// Seconds one page may take to be rasterized and read by OCR; past it the
    /// document gets the error pdf.ocr_timeout. Each round of pages read also
    /// adds this to the document's --pdf-timeout.
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS")]
    pub ocr_timeout: f64,
    /// Do not reuse earlier results. By default a document whose bytes, rules and
    /// ctg version are unchanged (for a PDF, also --ocr, --ocr-lang and the
    /// Tesseract version) is taken from the cache (also what lets a killed run
    /// resume).
    #[arg(long)]
    pub no_cache: bool,
    #[command(flatten)]
    pub cache: CacheArgs,
}

/// Where the cache is and how large it may grow.
#[derive(Debug, Args)]
pub struct CacheArgs {
    /// The cache folder [default: $XDG_CACHE_HOME/ctg, else ~/.cache/ctg].
    /// Shared by every run of this user.
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Size the cache is brought back under after each run, in MiB: the
    /// entries used least recently go first (never those of a run still
    /// going).
    #[arg(long, value_name = "MIB", default_value_t = ctg::cache::DEFAULT_MAX_MIB)]
    pub cache_max_mib: u64,
}

/// `--lang`: the language of what people read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// French.
    Fr,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::Fr => Lang::Fr,
            LangArg::En => Lang::En,
        }
    }
}

/// The folder `ctg extract` wrote, read by compare, report and export.
#[derive(Debug, Args)]
pub struct ExtractInput {
    /// The folder `ctg extract` wrote (its corpus.jsonl is read). Without
    /// it: output/ of the current folder (the run says so).
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,
}

impl ExtractInput {
    /// The folder, and whether it is the default one.
    pub fn folder(&self) -> (PathBuf, bool) {
        match &self.input {
            Some(path) => (path.clone(), false),
            None => (PathBuf::from("output"), true),
        }
    }
}

/// Arguments of `ctg compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub input: ExtractInput,
    /// What a row stands for: the department of the CAF that signs, its
    /// region, or the year (the signing year, else the first year of the
    /// period, else `unknown`). A convention signed by two CAFs counts in both
    /// departments.
    #[arg(long, value_enum, default_value_t = CompareBy::Department)]
    pub by: CompareBy,
    /// markdown: three readable tables (overview, signings per year, share
    /// of conventions per axis; shares as percentages), in --lang. csv: one
    /// table, UTF-8, comma-separated, RFC 4180 quoting, shares as fractions,
    /// code headers. json: an array of objects, one per row, keys in a fixed
    /// order. xlsx: an Excel workbook, one sheet per Markdown table, typed
    /// cells, headers in --lang (needs -o FILE). [default: markdown, or csv
    /// with --excel]
    #[arg(long, value_enum)]
    pub format: Option<CompareFormat>,
    /// CSV as French Excel opens it: `;` between fields, decimal comma, a
    /// UTF-8 byte-order mark and headers in --lang. Implies --format csv.
    #[arg(long)]
    pub excel: bool,
    /// The language of what people read (Markdown, Excel headers); codes
    /// stay codes in CSV and JSON.
    #[arg(long, value_enum, default_value_t = LangArg::Fr)]
    pub lang: LangArg,
    /// Write the table to FILE (replaced atomically: written beside it, then
    /// renamed) instead of standard output.
    #[arg(
        short = 'o',
        long = "output",
        alias = "output-file",
        value_name = "FILE"
    )]
    pub output: Option<PathBuf>,
}

/// Arguments of `ctg report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: ExtractInput,
    /// The HTML file to write (replaced atomically: written beside it, then
    /// renamed).
    #[arg(
        short = 'o',
        long = "output",
        alias = "output-file",
        value_name = "FILE",
        default_value = "report.html"
    )]
    pub output: PathBuf,
    /// The language of the page.
    #[arg(long, value_enum, default_value_t = LangArg::Fr)]
    pub lang: LangArg,
}

/// Arguments of `ctg export`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("target").required(true).multiple(true)))]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: ExtractInput,
    /// Write an SQLite database to FILE: tables with primary and foreign keys
    /// (`PRAGMA foreign_keys = ON` to have them enforced) and indexes on the
    /// columns that join and filter. Built beside FILE in one transaction,
    /// then renamed over it; an existing FILE must be an SQLite database.
    #[arg(long, value_name = "FILE", group = "target")]
    pub sqlite: Option<PathBuf>,
    /// Write the tables into the folder DIR, one `<table>.csv` each (RFC 4180:
    /// UTF-8, comma, CRLF, header line; NULL is an empty field), and schema.sql with each column's type and meaning. Codes are
    /// text: read them as strings (e.g. pandas `dtype=str`) to keep their
    /// leading zeros. Written beside DIR, then put in its place; an existing
    /// DIR must hold nothing but an export's files.
    #[arg(long, value_name = "DIR", group = "target")]
    pub csv: Option<PathBuf>,
    /// Write an Excel workbook to FILE: one sheet per table, typed cells
    /// (numbers, dates as dates, codes such as `01` and SIREN as text),
    /// headers in --lang, the header row frozen and filtered. Written beside
    /// FILE, then renamed over it.
    #[arg(long, value_name = "FILE", group = "target")]
    pub xlsx: Option<PathBuf>,
    /// The language of the workbook's headers (SQLite and CSV keep the
    /// column names).
    #[arg(long, value_enum, default_value_t = LangArg::Fr)]
    pub lang: LangArg,
}

impl ExportArgs {
    /// The library request, for the folder `input`.
    pub fn request(&self, input: PathBuf) -> ExportRequest {
        ExportRequest {
            input,
            sqlite: self.sqlite.clone(),
            csv: self.csv.clone(),
            xlsx: self.xlsx.clone(),
            lang: self.lang.into(),
        }
    }
}

impl ReportArgs {
    /// The library request, for the folder `input`.
    pub fn request(&self, input: PathBuf) -> ReportRequest {
        ReportRequest {
            input,
            output: self.output.clone(),
            lang: self.lang.into(),
        }
    }
}

/// `ctg compare --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareBy {
    /// One row per CAF department.
    Department,
    /// One row per region.
    Region,
    /// One row per year.
    Year,
}

/// `ctg compare --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// Readable tables.
    Markdown,
    /// Comma-separated values.
    Csv,
    /// JSON array of objects.
    Json,
    /// Excel workbook.
    Xlsx,
}

impl CompareArgs {
    /// What the rows stand for.
    pub fn group_by(&self) -> GroupBy {
        match self.by {
            CompareBy::Department => GroupBy::Department,
            CompareBy::Region => GroupBy::Region,
            CompareBy::Year => GroupBy::Year,
        }
    }

    /// The library request, for the folder `input`.
    pub fn request(&self, input: PathBuf) -> anyhow::Result<CompareRequest> {
        Ok(CompareRequest {
            input,
            by: self.group_by(),
            format: self.format()?,
            lang: self.lang.into(),
            output: self.output.clone(),
        })
    }

    /// The output format; `--excel` only goes with CSV.
    pub fn format(&self) -> anyhow::Result<Format> {
        Ok(match (self.format, self.excel) {
            (None | Some(CompareFormat::Markdown), false) => Format::Markdown,
            (None | Some(CompareFormat::Csv), true) => Format::Csv(CsvStyle::Excel),
            (Some(CompareFormat::Csv), false) => Format::Csv(CsvStyle::Standard),
            (Some(CompareFormat::Json), false) => Format::Json,
            (Some(CompareFormat::Xlsx), false) => Format::Xlsx,
            (Some(other), true) => anyhow::bail!(
                "--excel writes CSV; it cannot go with --format {}",
                other
                    .to_possible_value()
                    .expect("no variant is skipped")
                    .get_name()
            ),
        })
    }
}

/// `--rules DIR`, shared by the subcommands that load rules.
#[derive(Debug, Args)]
pub struct RulesDir {
    /// Use the rule files of this folder instead of the built-in rules.
    #[arg(long = "rules", value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `ctg rules ...`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Load every rule file, report each problem (file, line, rule), run every
    /// rule's examples and print each failing one.
    #[command(after_help = exit::help::rules_check())]
    Check(RulesCheckArgs),
    /// Print every compiled pattern of the rules, one per line, with named
    /// sub-patterns expanded and flags inline: the regex crate's syntax, which is
    /// ripgrep's (`rg -f patterns.txt`). The benchmark compares against that.
    #[command(after_help = exit::help::rules_patterns())]
    Patterns(RulesDir),
}

/// Arguments of `ctg rules check`.
#[derive(Debug, Args)]
pub struct RulesCheckArgs {
    #[command(flatten)]
    pub rules: RulesDir,
    /// Also list the examples that pass.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Arguments of `ctg merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shard output folders, in any order.
    #[arg(required = true)]
    pub shards: Vec<PathBuf>,
    /// Output folder; replaced as a whole at the end.
    #[arg(short, long, default_value = "output")]
    pub output: PathBuf,
}

/// Arguments of `ctg explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The document.
    pub file: PathBuf,
    #[command(flatten)]
    pub rules: RulesDir,
}

impl ExtractArgs {
    /// The library configuration.
    pub fn config(&self) -> anyhow::Result<ExtractConfig> {
        if !(self.pdf_timeout.is_finite() && self.pdf_timeout > 0.0) {
            anyhow::bail!("--pdf-timeout must be a positive number of seconds");
        }
        if !(self.extract_timeout.is_finite() && self.extract_timeout > 0.0) {
            anyhow::bail!("--extract-timeout must be a positive number of seconds");
        }
        if self.extract_memory == 0 {
            anyhow::bail!("--extract-memory must be a positive number of MiB");
        }
        if !(self.ocr_timeout.is_finite() && self.ocr_timeout > 0.0) {
            anyhow::bail!("--ocr-timeout must be a positive number of seconds");
        }
        let ocr = OcrConfig {
            mode: self.ocr.mode(),
            lang: self.ocr_lang.clone(),
            page_timeout: Duration::from_secs_f64(self.ocr_timeout),
            threads: 1,
        };
        let ocr_engine = ocr_engine(&ocr)?;
        let pdf = if self.pdf_in_process {
            PdfMode::InProcess
        } else {
            PdfMode::Workers {
                exe: std::env::current_exe()?,
                limits: Limits {
                    timeout: Duration::from_secs_f64(self.pdf_timeout),
                    memory_mib: self.pdf_memory.max(64),
                },
            }
        };
        let files_from = match &self.files_from {
            None => None,
            Some(list) => Some((ctg::input::shown(list), read_list(list)?)),
        };
        let inputs = if self.uses_default_input() {
            let corpus = PathBuf::from(DEFAULT_INPUT);
            if !corpus.is_dir() {
                anyhow::bail!(
                    "no PATH given, and there is no {DEFAULT_INPUT}/ folder here: give the \
                     files or folders to extract, as in `ctg extract documents/ -o out`"
                );
            }
            vec![corpus]
        } else {
            self.paths.clone()
        };
        let cache = if self.no_cache {
            None
        } else {
            let dir = match &self.cache.cache_dir {
                Some(dir) => Some(dir.clone()),
                None => ctg::cache::platform_dir(),
            };
            dir.map(|dir| CacheConfig {
                dir,
                max_bytes: self.cache.cache_max_mib.saturating_mul(1024 * 1024),
            })
        };
        Ok(ExtractConfig {
            inputs,
            files_from,
            shard: self.shard,
            output: self.output.clone(),
            rules: self.rules.dir.clone(),
            jobs: self.jobs.map(usize::from),
            progress: !self.quiet && std::io::stderr().is_terminal(),
            max_bytes: self.max_bytes,
            extract_timeout: Some(Duration::from_secs_f64(self.extract_timeout)),
            extract_memory: Some(
                usize::try_from(self.extract_memory.saturating_mul(1024 * 1024))
                    .unwrap_or(usize::MAX),
            ),
            pdf,
            ocr,
            ocr_engine,
            cache,
        })
    }

    /// Whether no input is given, so that corpus/ is read.
    pub fn uses_default_input(&self) -> bool {
        self.paths.is_empty() && self.files_from.is_none()
    }
}

/// The folder `ctg extract` reads when given no PATH.
pub const DEFAULT_INPUT: &str = "corpus";

/// The OCR engine that will read scans (`tesseract 5.3.0`), `None` when it
/// cannot run and `--ocr auto` goes without; an error for `--ocr force`
/// without it, or a language it has no data for.
fn ocr_engine(ocr: &OcrConfig) -> anyhow::Result<Option<String>> {
    if ocr.mode == OcrMode::Off {
        return Ok(None);
    }
    let tools = match ocr::tools() {
        Ok(tools) => tools,
        Err(why) if ocr.mode == OcrMode::Force => {
            anyhow::bail!("--ocr force cannot run: {why}; {}", ocr::INSTALL_HINT)
        }
        Err(_) => return Ok(None),
    };
    let missing = ocr::missing_languages(tools, &ocr.lang);
    if !missing.is_empty() {
        anyhow::bail!(
            "--ocr-lang {}: Tesseract has no data for {}; install {} (Tesseract knows: {})",
            ocr.lang,
            missing.join(", "),
            missing
                .iter()
                .map(|l| format!("tesseract-ocr-{}", l.replace('_', "-").to_lowercase()))
                .collect::<Vec<_>>()
                .join(" "),
            tools.languages.join(", ")
        );
    }
    Ok(Some(tools.engine.clone()))
}

/// The paths listed in `list` (`-`: standard input), one per line, as bytes:
/// a name that is not UTF-8 (as `find` prints it) is kept as it is.
fn read_list(list: &std::path::Path) -> anyhow::Result<Vec<PathBuf>> {
    use anyhow::Context;
    use std::io::Read;
    let mut bytes = Vec::new();
    if list.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read the list of files from standard input")?;
    } else {
        bytes = std::fs::read(list)
            .with_context(|| format!("cannot read the list of files {}", list.display()))?;
    }
    Ok(bytes
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
        .map(path_from_bytes)
        .collect())
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}
