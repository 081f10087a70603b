//! Micro-benchmarks, with criterion: `cargo bench --bench micro`.
//!
//! What every run pays once (parsing the embedded reference data, building the
//! place indexes, compiling the rules) and the stages every document goes
//! through (normalization, folding and place matching, rule application, the
//! whole extraction), on the bundled `corpus/` texts. Throughput is in bytes of
//! input text. The whole-run benchmark against ripgrep and pdftotext is
//! `bench/run.py`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use ctg_core::extract;
use ctg_core::normalize::fold::Folded;
use ctg_core::normalize::Text;
use ctg_core::places::{epci::EpciIndex, gazetteer::Gazetteer};
use ctg_core::refdata::RefData;
use ctg_core::rules::{Field, RuleSet};
use std::hint::black_box;
use std::path::Path;

/// The texts of `corpus/` (press releases and web pages, decoded), joined.
fn corpus_text() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/ is readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "html"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("readable");
            let ext = p.extension().and_then(|e| e.to_str());
            ctg_core::ingest::read(&bytes, ext)
                .expect("a corpus file reads")
                .text
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn start_up(c: &mut Criterion) {
    let mut group = c.benchmark_group("start-up");
    group.sample_size(10);
    group.bench_function("reference data: parse", |b| b.iter(RefData::load));
    let data: &'static RefData = Box::leak(Box::new(RefData::load()));
    group.bench_function("communes: build index", |b| {
        b.iter(|| Gazetteer::build(data))
    });
    group.bench_function("EPCI: build index", |b| b.iter(|| EpciIndex::build(data)));
    group.bench_function("rules: load and compile", |b| {
        b.iter(|| RuleSet::load(None).expect("built-in rules load"))
    });
    group.finish();
}

fn per_document(c: &mut Criterion) {
    let raw = corpus_text();
    let rules = RuleSet::load(None).expect("built-in rules load");
    let text = Text::new(&raw);
    let data: &'static RefData = Box::leak(Box::new(RefData::load()));
    let gazetteer = Gazetteer::build(data);
    let epci = EpciIndex::build(data);
    let folded = Folded::new(text.as_str());
    // compile what compiles on first use, so that it is not timed
    black_box(extract::run(&text, &rules, None));

    let mut group = c.benchmark_group("per document");
    group.throughput(Throughput::Bytes(raw.len() as u64));
    group.bench_function("normalize", |b| b.iter(|| Text::new(black_box(&raw))));
    group.bench_function("fold", |b| b.iter(|| Folded::new(black_box(text.as_str()))));
    group.bench_function("match communes (folded)", |b| {
        b.iter(|| gazetteer.find(black_box(&folded)).len())
    });
    group.bench_function("match EPCI (folded)", |b| {
        b.iter(|| epci.find(black_box(&folded)).len())
    });
    group.bench_function("rules: signing dates", |b| {
        b.iter(|| rules.find(Field::SigningDate, black_box(&text)).len())
    });
    group.bench_function("rules: signatories", |b| {
        b.iter(|| rules.find(Field::Signatory, black_box(&text)).len())
    });
    group.bench_function("rules: every field", |b| {
        b.iter(|| {
            Field::ALL
                .iter()
                .map(|f| rules.find(*f, black_box(&text)).len())
                .sum::<usize>()
        })
    });
    group.sample_size(10);
    group.bench_function("whole extraction", |b| {
        b.iter_batched(
            || Text::new(&raw),
            |text| extract::run(&text, &rules, None),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// The traps the issue names, measured on our own text and patterns.
fn traps(c: &mut Criterion) {
    let raw = corpus_text();
    let mut group = c.benchmark_group("traps");
    group.throughput(Throughput::Bytes(raw.len() as u64));
    group.sample_size(10);
    // a date as the rules write it, with Unicode and with ASCII word boundaries:
    // the same matches on this text, but the Unicode one stops the lazy DFA at
    // every accented letter
    let date = r"(?i)\b(?:1er|[12][0-9]|3[01]|0?[1-9])\s+(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\s+(?:19|20)[0-9]{2}\b";
    let unicode = regex::Regex::new(date).expect("compiles");
    let ascii = regex::Regex::new(&date.replace(r"\b", r"(?-u:\b)")).expect("compiles");
    assert_eq!(
        unicode.find_iter(&raw).count(),
        ascii.find_iter(&raw).count()
    );
    group.bench_function("date regex, Unicode \\b", |b| {
        b.iter(|| unicode.find_iter(black_box(&raw)).count())
    });
    group.bench_function("date regex, ASCII \\b", |b| {
        b.iter(|| ascii.find_iter(black_box(&raw)).count())
    });
    // every rule pattern in one RegexSet, with the default and a larger cache
    // for the lazy DFA
    let rules = RuleSet::load(None).expect("built-in rules load");
    let patterns: Vec<String> = rules.patterns().into_iter().take(50).collect();
    for (name, limit) in [("default", None), ("20 MB", Some(20 << 20))] {
        let mut builder = regex::RegexSetBuilder::new(&patterns);
        builder.size_limit(100 << 20);
        if let Some(limit) = limit {
            builder.dfa_size_limit(limit);
        }
        let set = builder.build().expect("the set compiles");
        group.bench_function(
            format!("RegexSet of 50 rule patterns, DFA cache {name}"),
            |b| b.iter(|| set.matches(black_box(&raw)).iter().count()),
        );
    }
    group.finish();
}

criterion_group!(benches, start_up, per_document, traps);
criterion_main!(benches);
