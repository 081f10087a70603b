//! Command-line types and help, and their conversion into library configurations.

use clap::{Args, Parser, Subcommand};
use ctg::isolate::Limits;
use ctg::pipeline::{ExtractConfig, PdfMode};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

const EXIT_CODES: &str = "\
Exit codes:
  0  success: every document was extracted (extract), every example passed (rules check)
  1  the batch finished but some documents failed: see errors.jsonl in the output folder
     (extract), or some rule examples failed (rules check)
  2  usage error, rule-file error, unreadable input path or unwritable output: nothing
     was written";

/// ctg: turn French documents about Conventions Territoriales Globales (press
/// releases, web pages, convention PDFs) into a normalized JSON corpus where every
/// value carries the rule and the text span it came from.
#[derive(Debug, Parser)]
#[command(name = "ctg", version, after_help = EXIT_CODES)]
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
    #[command(after_help = EXIT_CODES)]
    Extract(ExtractArgs),
    /// Work with rule files.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Show how one document is read: its normalized text, each value in its line,
    /// and every rule match with why it won or lost.
    Explain(ExplainArgs),
    /// Print the JSON Schema of a record (also written as schema.json by extract).
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
}

/// Arguments of `ctg extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders; folders are walked recursively in name order and only
    /// .txt, .html, .htm and .pdf files are taken (others are counted as skipped).
    #[arg(default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    /// Output folder; replaced as a whole at the end of the run.
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
    /// Files larger than this many bytes are refused (error input.too_large).
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: u64,
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
    /// Do not reuse earlier results. By default a document whose bytes, rules and
    /// ctg version are unchanged is taken from the cache folder `.<output>.cache`
    /// next to the output (also what lets a killed run resume).
    #[arg(long)]
    pub no_cache: bool,
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
    /// rule's examples and print each failing one. Exit 1 if an example fails,
    /// 2 if a rule file is wrong.
    Check(RulesCheckArgs),
    /// Print every compiled pattern of the rules, one per line, with named
    /// sub-patterns expanded and flags inline: the regex crate's syntax, which is
    /// ripgrep's (`rg -f patterns.txt`). The benchmark compares against that.
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
        Ok(ExtractConfig {
            inputs: self.paths.clone(),
            output: self.output.clone(),
            rules: self.rules.dir.clone(),
            jobs: self.jobs.map(usize::from),
            progress: !self.quiet && std::io::stderr().is_terminal(),
            max_bytes: self.max_bytes,
            pdf,
            cache: (!self.no_cache).then(|| cache_dir(&self.output)),
        })
    }
}

/// `.<name>.cache` next to the output folder `<name>`.
fn cache_dir(output: &std::path::Path) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let parent = output.parent().unwrap_or(std::path::Path::new(""));
    parent.join(format!(".{name}.cache"))
}
