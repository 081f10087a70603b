//! The `gencorpus` binary: writes a deterministic benchmark corpus of invented
//! CTG documents (see the `ctg_synth` crate). Parses arguments, generates documents on
//! a few threads, writes them and `gencorpus.json`. Nothing else.

use anyhow::{bail, Context};
use clap::Parser;
use ctg_synth::{Config, Generator, Kind};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Write a benchmark corpus of invented documents about Conventions
/// Territoriales Globales: press releases (.txt), news pages (.html) and signed
/// conventions (.pdf), in the genre of corpus/. Places are real (from the
/// reference data), people and sentences invented.
///
/// The same arguments always give byte-identical files. Documents are named
/// `NNN/000123-press.txt` (a subfolder per thousand documents, names sort in
/// document order); `gencorpus.json`, written last, records the arguments and
/// the count, bytes and pages per kind.
#[derive(Debug, Parser)]
#[command(name = "gencorpus", version)]
struct Args {
    /// Number of documents.
    #[arg(long, default_value_t = 1000)]
    docs: u64,
    /// Seed of the generator: same seed, same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Share of documents that are PDF conventions, 0 to 1 (1.0: only PDFs, 0: none).
    /// Counts are exact and spread evenly: 0.05 makes every twentieth document a PDF.
    #[arg(long, default_value_t = 0.05, value_parser = share)]
    pdf_share: f64,
    /// Share of the non-PDF documents that are HTML pages, 0 to 1; the others
    /// are .txt press releases. The default gives about 60% txt, 35% html, 5% pdf.
    #[arg(long, default_value_t = 0.37, value_parser = share)]
    html_share: f64,
    /// Page count range of the PDFs, MIN-MAX (each PDF draws its count in it;
    /// below 5 pages the fixed parts may need more).
    #[arg(long, default_value = "5-40", value_parser = page_range)]
    pdf_pages: (u32, u32),
    /// Output folder. Created if missing; a folder written by gencorpus before
    /// (it holds gencorpus.json) is replaced; any other non-empty folder is refused.
    #[arg(long)]
    out: PathBuf,
    /// Also write truth.jsonl: per document, the facts it was written from
    /// (signing date, period, CAF, territory, signatories, axes), to measure
    /// what ctg reads. Off by default: ctg counts it as a skipped file.
    #[arg(long)]
    truth: bool,
    /// Threads [default: all cores]. The files are the same for any value.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
}

fn share(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("`{text}` is not a share between 0 and 1")),
    }
}

fn page_range(text: &str) -> Result<(u32, u32), String> {
    let parsed = text
        .split_once('-')
        .and_then(|(lo, hi)| Some((lo.trim().parse().ok()?, hi.trim().parse().ok()?)));
    match parsed {
        Some((lo, hi)) if lo >= 1 && lo <= hi => Ok((lo, hi)),
        _ => Err(format!(
            "`{text}` is not a page range MIN-MAX with 1 <= MIN <= MAX"
        )),
    }
}

/// Count, bytes and pages of one kind.
#[derive(Debug, Default, Clone, Serialize)]
struct Totals {
    count: u64,
    bytes: u64,
    pages: u64,
}

impl Totals {
    fn add(&mut self, other: &Totals) {
        self.count += other.count;
        self.bytes += other.bytes;
        self.pages += other.pages;
    }
}

/// The content of `gencorpus.json`.
#[derive(Debug, Serialize)]
struct Summary {
    generator: &'static str,
    version: &'static str,
    seed: u64,
    docs: u64,
    pdf_share: f64,
    html_share: f64,
    pdf_pages: [u32; 2],
    kinds: BTreeMap<&'static str, Totals>,
    total_bytes: u64,
    total_pdf_pages: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> anyhow::Result<()> {
    let started = Instant::now();
    prepare(&args.out)?;
    let generator = Generator::new(Config {
        seed: args.seed,
        pdf_share: args.pdf_share,
        html_share: args.html_share,
        pdf_pages: args.pdf_pages,
    });
    for folder in 0..args.docs.div_ceil(1000) {
        let dir = args.out.join(format!("{folder:03}"));
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let totals = generate(&generator, args, jobs)?;
    let summary = Summary {
        generator: "gencorpus",
        version: env!("CARGO_PKG_VERSION"),
        seed: args.seed,
        docs: args.docs,
        pdf_share: args.pdf_share,
        html_share: args.html_share,
        pdf_pages: [args.pdf_pages.0, args.pdf_pages.1],
        total_bytes: totals.values().map(|t| t.bytes).sum(),
        total_pdf_pages: totals.values().map(|t| t.pages).sum(),
        kinds: totals,
    };
    let json = serde_json::to_string_pretty(&summary)? + "\n";
    let path = args.out.join("gencorpus.json");
    fs::write(&path, json).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!(
        "gencorpus: {} documents, {:.1} MB, {} PDF pages in {:.2} s -> {}",
        summary.docs,
        summary.total_bytes as f64 / 1e6,
        summary.total_pdf_pages,
        started.elapsed().as_secs_f64(),
        args.out.display()
    );
    Ok(())
}

/// Makes `out` an empty folder: creates it, or empties one gencorpus wrote.
fn prepare(out: &Path) -> anyhow::Result<()> {
    if out.exists() {
        let mut entries =
            fs::read_dir(out).with_context(|| format!("cannot read {}", out.display()))?;
        if entries.next().is_some() {
            if !out.join("gencorpus.json").is_file() {
                bail!(
                    "{} is not empty and was not written by gencorpus (no gencorpus.json): \
                     choose another --out",
                    out.display()
                );
            }
            fs::remove_dir_all(out).with_context(|| format!("cannot empty {}", out.display()))?;
        }
    }
    fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))
}

/// What one thread wrote: totals per kind, and truth lines by document index.
#[derive(Debug, Default)]
struct Written {
    totals: BTreeMap<Kind, Totals>,
    truth: Vec<(u64, String)>,
}

/// A line of truth.jsonl.
#[derive(Debug, Serialize)]
struct TruthLine<'a> {
    file: &'a str,
    #[serde(flatten)]
    truth: &'a ctg_synth::Truth,
}

/// Generates and writes every document on `jobs` threads (each takes the next
/// document not taken yet), writes truth.jsonl when asked, and sums the totals
/// per kind.
fn generate(
    generator: &Generator,
    args: &Args,
    jobs: usize,
) -> anyhow::Result<BTreeMap<&'static str, Totals>> {
    let next = AtomicU64::new(0);
    let results: Vec<anyhow::Result<Written>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| scope.spawn(|| write_share(generator, args, &next)))
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a generator thread does not panic"))
            .collect()
    });
    let mut sum: BTreeMap<&'static str, Totals> = Kind::ALL
        .iter()
        .map(|k| (k.name(), Totals::default()))
        .collect();
    let mut truth = Vec::new();
    for result in results {
        let written = result?;
        for (kind, t) in written.totals {
            sum.entry(kind.name()).or_default().add(&t);
        }
        truth.extend(written.truth);
    }
    if args.truth {
        truth.sort_unstable();
        let lines: String = truth.into_iter().map(|(_, line)| line + "\n").collect();
        let path = args.out.join("truth.jsonl");
        fs::write(&path, lines).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(sum)
}

/// Generates and writes documents, taking the next index from `next` until
/// all are taken.
fn write_share(generator: &Generator, args: &Args, next: &AtomicU64) -> anyhow::Result<Written> {
    let mut written = Written::default();
    loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        if index >= args.docs {
            break;
        }
        let doc = generator.document(index);
        let name = generator.file_name(index);
        let path = args.out.join(&name);
        fs::write(&path, &doc.bytes).with_context(|| format!("cannot write {}", path.display()))?;
        written.totals.entry(doc.kind).or_default().add(&Totals {
            count: 1,
            bytes: doc.bytes.len() as u64,
            pages: doc.pages as u64,
        });
        if args.truth {
            let line = TruthLine {
                file: &name,
                truth: &doc.truth,
            };
            written.truth.push((index, serde_json::to_string(&line)?));
        }
    }
    Ok(written)
}
