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

/// Runs `ctg ARGS...` from the repository root.
pub fn ctg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctg"))
        .args(args)
        .current_dir(root())
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

/// Runs `ctg extract corpus` into `out`, which must succeed.
pub fn extract_corpus(out: &Path) {
    ctg_ok(&["extract", "-q", "--output", out.to_str().unwrap(), "corpus"]);
}

/// A PDF whose pages show `lines` (one page per entry), in a standard font.
pub fn text_pdf(pages: &[&[&str]]) -> Vec<u8> {
    ctg_synth::pdf::text_pdf(pages)
}

/// A one-page PDF with this content stream and no fonts.
pub fn one_page_pdf(content: Stream) -> Vec<u8> {
    ctg_synth::pdf::one_page(content)
}
