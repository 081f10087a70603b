//! The `ctg` binary: parse arguments, call the library, print, map the outcome to
//! an exit code. Nothing else.

mod cli;

use anyhow::Context;
use clap::Parser;
use cli::{Cli, Command, RulesCommand};
use ctg::pipeline::{self, PipelineError};
use ctg_core::check::{run_examples, Outcome};
use ctg_core::rules::{RuleError, RuleSet};
use std::process::ExitCode;

/// Compiling the rule patterns allocates and frees many small pieces, and so
/// does extraction. With mimalloc instead of glibc's allocator a one-file run
/// takes about a third less CPU and a 10,000-document batch 10% less time, for
/// about 90 MB more peak memory (measured in the closing note of issue 6).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes, documented in `--help` (see `cli::EXIT_CODES`) and the README.
#[derive(Debug, Clone, Copy)]
enum Exit {
    Success = 0,
    Partial = 1,
    Usage = 2,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let exit = match run(cli) {
        Ok(exit) => exit,
        Err(e) => {
            eprintln!("error: {e:#}");
            Exit::Usage
        }
    };
    ExitCode::from(exit as u8)
}

fn run(cli: Cli) -> anyhow::Result<Exit> {
    match cli.command {
        Command::Extract(args) => extract(&args),
        Command::Rules(RulesCommand::Check(args)) => check(args.rules.dir.as_deref(), args.verbose),
        Command::Rules(RulesCommand::Patterns(dir)) => {
            let rules = match RuleSet::load(dir.dir.as_deref()) {
                Ok(r) => r,
                Err(errors) => return Ok(report_rule_errors(&errors)),
            };
            for pattern in rules.patterns() {
                println!("{pattern}");
            }
            Ok(Exit::Success)
        }
        Command::Explain(args) => {
            let rules = match RuleSet::load(args.rules.dir.as_deref()) {
                Ok(r) => r,
                Err(errors) => return Ok(report_rule_errors(&errors)),
            };
            let bytes = std::fs::read(&args.file)
                .with_context(|| format!("cannot read {}", args.file.display()))?;
            let ext = pipeline::extension(&args.file);
            let shown = args.file.display().to_string();
            match ctg_core::explain::explain(&shown, &bytes, ext.as_deref(), &rules) {
                Ok(text) => {
                    print!("{text}");
                    Ok(Exit::Success)
                }
                Err(e) => {
                    println!("{shown}: {} ({})", e, e.code());
                    Ok(Exit::Partial)
                }
            }
        }
        Command::Merge(args) => merge(&args),
        Command::Compare(args) => compare(&args),
        Command::Report(args) => report(&args),
        Command::Export(args) => export(&args),
        Command::Schema => {
            print!("{}", ctg_core::record::schema());
            Ok(Exit::Success)
        }
        Command::PdfWorker(args) => {
            ctg::isolate::worker_main(args.memory_mib, args.ocr_config())?;
            Ok(Exit::Success)
        }
    }
}

fn extract(args: &cli::ExtractArgs) -> anyhow::Result<Exit> {
    match pipeline::extract(&args.config()?) {
        Ok(summary) => {
            let c = &summary.counts;
            eprintln!(
                "{} documents, {} records, {} errors, {} skipped, {} duplicates, {} reused from the cache, in {:.2}s ({} documents/s) -> {}",
                c.documents,
                c.records,
                c.errors,
                c.skipped,
                c.duplicates,
                summary.reused,
                summary.elapsed.as_secs_f64(),
                pipeline::per_second(c.documents, summary.elapsed),
                args.output.display()
            );
            if c.errors > 0 {
                eprintln!(
                    "see {} for the failed documents",
                    args.output.join("errors.jsonl").display()
                );
                Ok(Exit::Partial)
            } else {
                Ok(Exit::Success)
            }
        }
        Err(PipelineError::Rules(errors)) => Ok(report_rule_errors(&errors)),
        Err(e) => Err(e).context("extract"),
    }
}

fn merge(args: &cli::MergeArgs) -> anyhow::Result<Exit> {
    let started = std::time::Instant::now();
    let summary = ctg::merge::merge(&args.shards, &args.output).context("merge")?;
    let c = &summary.manifest.counts;
    eprintln!(
        "{} shards merged: {} documents, {} records, {} errors, {} duplicates, in {:.2}s -> {}",
        args.shards.len(),
        c.documents,
        c.records,
        c.errors,
        c.duplicates,
        started.elapsed().as_secs_f64(),
        args.output.display()
    );
    Ok(if c.errors > 0 {
        Exit::Partial
    } else {
        Exit::Success
    })
}

fn compare(args: &cli::CompareArgs) -> anyhow::Result<Exit> {
    use std::io::Write;
    let format = args.format()?;
    let records = ctg_analytics::dataset::load(&args.output)?;
    let refdata = ctg_core::refdata::get();
    let conventions = ctg_analytics::dataset::conventions(&records, refdata);
    let table = ctg_analytics::compare::table(&conventions, refdata, args.group_by());
    let text = ctg_analytics::compare::render(&table, format);
    match &args.file {
        Some(path) => {
            ctg_atomic::write_file(path, text.as_bytes())?;
            eprintln!(
                "{} records, {} conventions, {} rows -> {}",
                records.len(),
                conventions.len(),
                table.rows.len(),
                path.display()
            );
        }
        None => match std::io::stdout().lock().write_all(text.as_bytes()) {
            // `ctg compare | head` closes the pipe early: not an error
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                return Err(e).context("cannot write to standard output")
            }
            _ => {}
        },
    }
    Ok(Exit::Success)
}

fn report(args: &cli::ReportArgs) -> anyhow::Result<Exit> {
    let started = std::time::Instant::now();
    let report = ctg_analytics::report::build(&args.output, ctg_core::refdata::get())?;
    ctg_atomic::write_file(&args.file, report.html.as_bytes())?;
    eprintln!(
        "{} records, {} conventions, {} passages, {} KB in {:.2}s -> {}",
        report.documents,
        report.conventions,
        report.passages,
        report.html.len().div_ceil(1024),
        started.elapsed().as_secs_f64(),
        args.file.display()
    );
    Ok(Exit::Success)
}

fn export(args: &cli::ExportArgs) -> anyhow::Result<Exit> {
    let started = std::time::Instant::now();
    let records = ctg_analytics::dataset::load(&args.output)?;
    let refdata = ctg_core::refdata::get();
    let conventions = ctg_analytics::dataset::conventions(&records, refdata);
    let tables = ctg_analytics::export::tables(&records, &conventions, refdata);
    let mut targets = Vec::new();
    if let Some(path) = &args.sqlite {
        ctg_analytics::export::write_sqlite(&tables, path)?;
        targets.push(path.display().to_string());
    }
    if let Some(dir) = &args.csv {
        ctg_analytics::export::write_csv(&tables, dir)?;
        targets.push(dir.display().to_string());
    }
    let rows: usize = tables.0.iter().map(|t| t.rows.len()).sum();
    eprintln!(
        "{} records, {} conventions, {} rows in {} tables, in {:.2}s -> {}",
        records.len(),
        conventions.len(),
        rows,
        tables.0.len(),
        started.elapsed().as_secs_f64(),
        targets.join(", ")
    );
    Ok(Exit::Success)
}

fn report_rule_errors(errors: &[RuleError]) -> Exit {
    for e in errors {
        eprintln!("error[{}]: {e}", e.code());
    }
    eprintln!(
        "{} problem(s) in the rules; nothing was processed",
        errors.len()
    );
    Exit::Usage
}

fn check(dir: Option<&std::path::Path>, verbose: bool) -> anyhow::Result<Exit> {
    let rules = match RuleSet::load(dir) {
        Ok(r) => r,
        Err(errors) => return Ok(report_rule_errors(&errors)),
    };
    if let Err(errors) = rules.compile_all() {
        return Ok(report_rule_errors(&errors));
    }
    let results = run_examples(&rules);
    let mut failed = 0;
    for r in &results {
        let passed = r.outcome == Outcome::Passed;
        if !passed {
            failed += 1;
        }
        if !passed || verbose {
            println!("{} {r}", if passed { "ok  " } else { "FAIL" });
        }
    }
    let without = rules
        .rules()
        .iter()
        .filter(|r| r.examples.is_empty())
        .count();
    println!(
        "{} rules in {} files, {} examples: {} passed, {} failed{}",
        rules.rules().len(),
        rules.files().len(),
        results.len(),
        results.len() - failed,
        failed,
        if without > 0 {
            format!(" ({without} rules have no example)")
        } else {
            String::new()
        }
    );
    Ok(if failed == 0 {
        Exit::Success
    } else {
        Exit::Partial
    })
}
