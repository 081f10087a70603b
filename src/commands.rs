//! Each subcommand but `extract` and `merge` (which are `pipeline::extract`
//! and `merge::merge`) as one library call that takes a request and returns
//! what it did, so that `main` only prints and maps the outcome to an exit
//! code.
//!
//! In: requests built by the CLI from its arguments. Out: values ([`Compared`],
//! [`Reported`], [`Exported`], [`Checked`], [`Explained`]) or a
//! [`CommandError`]. Does not: print, or exit.

use crate::exit::Exit;
use ctg_analytics::compare::{self, Format, GroupBy};
use ctg_analytics::dataset::{self, DatasetError};
use ctg_analytics::export::{self, ExportError};
use ctg_analytics::labels::Lang;
use ctg_analytics::report::{self, ReportError};
use ctg_atomic::WriteError;
use ctg_core::check::{run_examples, ExampleResult, Outcome};
use ctg_core::ingest::IngestError;
use ctg_core::rules::{RuleError, RuleSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use thiserror::Error;

/// Why a command did nothing.
#[derive(Debug, Error)]
pub enum CommandError {
    /// The rules do not load.
    #[error("{} problem(s) in the rules; nothing was processed", .0.len())]
    Rules(Vec<RuleError>),
    /// The extract's output cannot be read.
    #[error(transparent)]
    Dataset(#[from] DatasetError),
    /// The report cannot be made.
    #[error(transparent)]
    Report(#[from] ReportError),
    /// The export cannot be written.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// A file cannot be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// A file cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// Standard output cannot be written.
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
    /// A workbook cannot be made.
    #[error("cannot make the Excel workbook: {0}")]
    Xlsx(String),
    /// A workbook asked for on standard output.
    #[error("an Excel workbook is not text: give the file to write with -o FILE.xlsx")]
    XlsxToTerminal,
}

impl CommandError {
    /// The exit code: every such error stops the command before it does
    /// anything.
    pub fn exit(&self) -> Exit {
        Exit::Usage
    }
}

/// `ctg compare`.
#[derive(Debug, Clone)]
pub struct CompareRequest {
    /// The folder `ctg extract` wrote.
    pub input: PathBuf,
    /// What a row stands for.
    pub by: GroupBy,
    /// The format.
    pub format: Format,
    /// The language of what people read.
    pub lang: Lang,
    /// The file to write; None: the caller prints [`Compared::bytes`].
    pub output: Option<PathBuf>,
}

/// What `ctg compare` made.
#[derive(Debug)]
pub struct Compared {
    /// The table in its format (already written when an output was given).
    pub bytes: Vec<u8>,
    /// Records read.
    pub records: usize,
    /// Records left out: not about a specific CTG.
    pub not_about_ctg: usize,
    /// Conventions counted.
    pub conventions: usize,
    /// Rows, total included.
    pub rows: usize,
}

/// Reads an extract's output, counts its conventions and renders the table.
pub fn compare(request: &CompareRequest) -> Result<Compared, CommandError> {
    if request.format == Format::Xlsx && request.output.is_none() {
        return Err(CommandError::XlsxToTerminal);
    }
    let records = dataset::load(&request.input)?;
    let refdata = ctg_core::refdata::get();
    let conventions = dataset::conventions(&records, refdata);
    let not_about_ctg = dataset::not_about_ctg(&records).len();
    let table = compare::table(&conventions, not_about_ctg, refdata, request.by);
    let bytes = compare::render(&table, request.format, request.lang)
        .map_err(|e| CommandError::Xlsx(e.to_string()))?;
    if let Some(path) = &request.output {
        ctg_atomic::write_file(path, &bytes)?;
    }
    Ok(Compared {
        bytes,
        records: records.len(),
        not_about_ctg,
        conventions: conventions.len(),
        rows: table.rows.len() + 1,
    })
}

/// `ctg report`.
#[derive(Debug, Clone)]
pub struct ReportRequest {
    /// The folder `ctg extract` wrote.
    pub input: PathBuf,
    /// The HTML file to write.
    pub output: PathBuf,
    /// The language of the page.
    pub lang: Lang,
}

/// What `ctg report` wrote.
#[derive(Debug)]
pub struct Reported {
    /// Records read.
    pub records: usize,
    /// Records left out: not about a specific CTG.
    pub not_about_ctg: usize,
    /// Conventions in the table.
    pub conventions: usize,
    /// Passages the page can show.
    pub passages: usize,
    /// Size of the page.
    pub bytes: usize,
    /// Time taken.
    pub elapsed: Duration,
}

/// Writes the HTML report of an extract's output.
pub fn report(request: &ReportRequest) -> Result<Reported, CommandError> {
    let started = Instant::now();
    let page = report::build(&request.input, ctg_core::refdata::get(), request.lang)?;
    ctg_atomic::write_file(&request.output, page.html.as_bytes())?;
    Ok(Reported {
        records: page.documents,
        not_about_ctg: page.not_about_ctg,
        conventions: page.conventions,
        passages: page.passages,
        bytes: page.html.len(),
        elapsed: started.elapsed(),
    })
}

/// `ctg export`: at least one target.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    /// The folder `ctg extract` wrote.
    pub input: PathBuf,
    /// An SQLite database to write.
    pub sqlite: Option<PathBuf>,
    /// A folder of CSV files to write.
    pub csv: Option<PathBuf>,
    /// An Excel workbook to write.
    pub xlsx: Option<PathBuf>,
    /// The language of the workbook's headers.
    pub lang: Lang,
}

/// What `ctg export` wrote.
#[derive(Debug)]
pub struct Exported {
    /// Records read.
    pub records: usize,
    /// Records left out of the conventions: not about a specific CTG.
    pub not_about_ctg: usize,
    /// Conventions.
    pub conventions: usize,
    /// Tables.
    pub tables: usize,
    /// Rows in all tables.
    pub rows: usize,
    /// What was written, in the order written.
    pub targets: Vec<PathBuf>,
    /// Time taken.
    pub elapsed: Duration,
}

/// Writes the tables of an extract's output to each target.
pub fn export(request: &ExportRequest) -> Result<Exported, CommandError> {
    let started = Instant::now();
    let records = dataset::load(&request.input)?;
    let refdata = ctg_core::refdata::get();
    let conventions = dataset::conventions(&records, refdata);
    let tables = export::tables(&records, &conventions, refdata);
    let mut targets = Vec::new();
    if let Some(path) = &request.sqlite {
        export::write_sqlite(&tables, path)?;
        targets.push(path.clone());
    }
    if let Some(dir) = &request.csv {
        export::write_csv(&tables, dir)?;
        targets.push(dir.clone());
    }
    if let Some(path) = &request.xlsx {
        export::write_xlsx(&tables, path, request.lang)?;
        targets.push(path.clone());
    }
    Ok(Exported {
        records: records.len(),
        not_about_ctg: dataset::not_about_ctg(&records).len(),
        conventions: conventions.len(),
        tables: tables.0.len(),
        rows: tables.0.iter().map(|t| t.rows.len()).sum(),
        targets,
        elapsed: started.elapsed(),
    })
}

/// What `ctg rules check` found.
#[derive(Debug)]
pub struct Checked {
    /// Every example's outcome.
    pub results: Vec<ExampleResult>,
    /// Rules loaded.
    pub rules: usize,
    /// Files they came from.
    pub files: usize,
    /// Rules without an example.
    pub without_examples: usize,
}

impl Checked {
    /// Examples that did not give what they expect.
    pub fn failed(&self) -> usize {
        self.results
            .iter()
            .filter(|r| r.outcome != Outcome::Passed)
            .count()
    }

    /// Success when every example passed.
    pub fn exit(&self) -> Exit {
        if self.failed() == 0 {
            Exit::Success
        } else {
            Exit::Partial
        }
    }
}

/// Loads and compiles the rules (`dir`, else the built-in ones) and runs
/// every example.
pub fn check_rules(dir: Option<&Path>) -> Result<Checked, CommandError> {
    let rules = load_rules(dir)?;
    rules.compile_all().map_err(CommandError::Rules)?;
    Ok(Checked {
        results: run_examples(&rules),
        rules: rules.rules().len(),
        files: rules.files().len(),
        without_examples: rules
            .rules()
            .iter()
            .filter(|r| r.examples.is_empty())
            .count(),
    })
}

/// The rules of `dir`, else the built-in ones.
pub fn load_rules(dir: Option<&Path>) -> Result<RuleSet, CommandError> {
    crate::pipeline::load_rules(dir).map_err(CommandError::Rules)
}

/// What `ctg explain` says of a document.
#[derive(Debug)]
pub enum Explained {
    /// The explanation.
    Text(String),
    /// The document fails, with this error (code and message).
    Failed(IngestError),
}

impl Explained {
    /// Partial when the document itself fails.
    pub fn exit(&self) -> Exit {
        match self {
            Explained::Text(_) => Exit::Success,
            Explained::Failed(_) => Exit::Partial,
        }
    }
}

/// Explains how the document `file` is read, with the rules of `dir` (else
/// the built-in ones).
pub fn explain(file: &Path, dir: Option<&Path>) -> Result<Explained, CommandError> {
    let rules = load_rules(dir)?;
    let bytes = std::fs::read(file).map_err(|source| CommandError::Read {
        path: file.to_path_buf(),
        source,
    })?;
    let extension = crate::input::extension(file);
    let shown = crate::input::shown(file);
    Ok(
        match ctg_core::explain::explain(&shown, &bytes, extension.as_deref(), &rules) {
            Ok(text) => Explained::Text(text),
            Err(e) => Explained::Failed(e),
        },
    )
}
