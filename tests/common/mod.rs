//! Test helpers shared by the integration tests: running the binary, and
//! small PDFs built by the generator's lopdf writer (`ctg_synth::pdf`).

#![allow(dead_code)]

use lopdf::Stream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, where `corpus/` and `output/` are.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The platform cache folder the tests give ctg (`XDG_CACHE_HOME`), so that
/// no test reads or fills the user's own cache.
pub fn test_cache_home() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("xdg-cache")
}

/// Runs `ctg ARGS...` from the repository root, with the tests' own cache.
pub fn ctg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctg"))
        .args(args)
        .current_dir(root())
        .env("XDG_CACHE_HOME", test_cache_home())
        .output()
        .expect("the binary runs")
}

/// Runs `ctg ARGS...`, which must succeed (exit 0).
pub fn ctg_ok(args: &[&str]) -> Output {
    let run = ctg(args);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    run
}

/// The documents at the top of `corpus/`: the hand-made sample whose merges,
/// conflicts and counts the analytics tests know (the documents written from
/// real cases, in its subfolders, are for accuracy).
pub fn sample_documents() -> Vec<String> {
    let mut paths: Vec<String> = std::fs::read_dir(root().join("corpus"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".gold.json") && !n.ends_with(".md"))
        .map(|n| format!("corpus/{n}"))
        .collect();
    paths.sort();
    paths
}

/// Runs `ctg extract` on the sample documents of `corpus/` into `out`, which
/// must succeed.
pub fn extract_corpus(out: &Path) {
    let mut args = vec!["extract".to_string(), "-q".into(), "--output".into()];
    args.push(out.to_str().unwrap().into());
    args.extend(sample_documents());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    ctg_ok(&args);
}

/// A PDF whose pages show `lines` (one page per entry), in a standard font.
pub fn text_pdf(pages: &[&[&str]]) -> Vec<u8> {
    ctg_synth::pdf::text_pdf(pages)
}

/// A one-page PDF with this content stream and no fonts.
pub fn one_page_pdf(content: Stream) -> Vec<u8> {
    ctg_synth::pdf::one_page(content)
}
