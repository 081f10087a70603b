//! Scanned PDF pages -> text, with Tesseract.
//!
//! A page is rasterized by poppler's `pdftoppm` (300 dpi, grey levels, the PDF
//! piped in), its table rules and dust are erased (`raster.rs`), and
//! `tesseract` reads it (`-l fra`, one thread: pages are read in parallel
//! instead) and answers in TSV: every word with its box, its line and its
//! confidence. The page's text is rebuilt from the words, line by line, a blank
//! line between paragraphs, and its confidence is the mean of its words'.
//!
//! Both are command-line programs run as child processes, like `pdftotext`:
//! nothing to build or link, a page that hangs is killed at its time limit,
//! a crash takes one page down, and the programs inherit the worker's
//! address-space cap. `docs/ocr.md` gives the measurements against a binding
//! to libtesseract.
//!
//! This module decides nothing about which pages to read (`pdf.rs` does) and
//! does not repair the text (`normalize::ocr` does, for OCR pages only).

use super::raster::Gray;
use super::scan_layout::{self, Word};
use super::IngestError;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Resolution pages are rasterized at: Tesseract reads best at about 300 dpi.
pub const DPI: u32 = 300;

/// When pages are read by OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OcrMode {
    /// Never: a PDF without a text layer is `pdf.no_text`.
    Off,
    /// Pages without a usable text layer that show a picture (a scan), and
    /// pages whose text layer is garbled.
    #[default]
    Auto,
    /// Every page, whatever its text layer says.
    Force,
}

impl OcrMode {
    /// The name the command line and the cache key use.
    pub fn name(self) -> &'static str {
        match self {
            OcrMode::Off => "off",
            OcrMode::Auto => "auto",
            OcrMode::Force => "force",
        }
    }
}

/// How pages are read by OCR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OcrConfig {
    /// When.
    pub mode: OcrMode,
    /// Tesseract's language(s), `fra` or `fra+eng`.
    pub lang: String,
    /// Time one page may take (rasterizing and reading); past it the document
    /// gets `pdf.ocr_timeout`.
    pub page_timeout: Duration,
    /// Pages read at once.
    pub threads: usize,
}

impl Default for OcrConfig {
    fn default() -> OcrConfig {
        OcrConfig {
            mode: OcrMode::Auto,
            lang: "fra".into(),
            page_timeout: Duration::from_secs(60),
            threads: 1,
        }
    }
}

/// The OCR programs found on this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tools {
    /// `tesseract 5.3.0`.
    pub engine: String,
    /// The languages Tesseract has data for.
    pub languages: Vec<String>,
}

/// What to install to read scans, for messages.
pub const INSTALL_HINT: &str =
    "install tesseract-ocr, tesseract-ocr-fra and poppler-utils (Debian, Ubuntu: apt-get install tesseract-ocr tesseract-ocr-fra poppler-utils)";

/// Tesseract and pdftoppm, when both run; looked for once per process.
pub fn tools() -> Result<&'static Tools, String> {
    static TOOLS: OnceLock<Result<Tools, String>> = OnceLock::new();
    TOOLS.get_or_init(find_tools).as_ref().map_err(Clone::clone)
}

fn find_tools() -> Result<Tools, String> {
    let version = Command::new("tesseract")
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|_| "tesseract is not installed".to_string())?;
    // "tesseract 5.3.0" on the first line (on stdout, or stderr for old versions)
    let text = String::from_utf8_lossy(if version.stdout.is_empty() {
        &version.stderr
    } else {
        &version.stdout
    })
    .into_owned();
    let engine = text
        .lines()
        .next()
        .map(str::trim)
        .filter(|l| l.starts_with("tesseract"))
        .ok_or_else(|| "tesseract does not say its version".to_string())?
        .to_string();
    let listed = Command::new("tesseract")
        .arg("--list-langs")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("tesseract --list-langs: {e}"))?;
    let languages = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .skip(1) // "List of available languages in ..."
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    Command::new("pdftoppm")
        .arg("-v")
        .stdin(Stdio::null())
        .output()
        .map_err(|_| "pdftoppm (poppler-utils) is not installed".to_string())?;
    Ok(Tools { engine, languages })
}

/// The languages of `lang` (`fra+eng`) Tesseract has no data for.
pub fn missing_languages(tools: &Tools, lang: &str) -> Vec<String> {
    lang.split('+')
        .filter(|l| !tools.languages.iter().any(|known| known == l))
        .map(str::to_string)
        .collect()
}

/// One page as Tesseract read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageText {
    /// The text, lines separated by `\n`, a blank line between paragraphs.
    pub text: String,
    /// Mean confidence of the words (0 to 100); `None` when there is none.
    pub confidence: Option<f32>,
    /// Words read.
    pub words: u32,
}

/// Reads the pages `pages` (1-based) of the PDF `pdf`, `config.threads` at a
/// time, in the order given.
pub fn read_pages(
    pdf: &[u8],
    pages: &[u32],
    config: &OcrConfig,
) -> Result<Vec<PageText>, IngestError> {
    let next = AtomicUsize::new(0);
    let threads = config.threads.clamp(1, pages.len().max(1));
    let mut done: Vec<(usize, Result<PageText, IngestError>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&page) = pages.get(i) else { break };
                        let result = read_page(pdf, page, config);
                        let failed = result.is_err();
                        mine.push((i, result));
                        if failed {
                            // the document fails: stop taking pages
                            next.store(pages.len(), Ordering::Relaxed);
                            break;
                        }
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    // the first failure in page order, so that the error does not depend on timing
    done.into_iter().map(|(_, r)| r).collect()
}

/// Rasterizes, cleans and reads one page.
pub fn read_page(pdf: &[u8], page: u32, config: &OcrConfig) -> Result<PageText, IngestError> {
    let deadline = Instant::now() + config.page_timeout;
    let timeout = || IngestError::OcrTimeout {
        page,
        millis: config.page_timeout.as_millis() as u64,
    };
    let number = page.to_string();
    let dpi = DPI.to_string();
    let mut rasterize = Command::new("pdftoppm");
    rasterize.args(["-r", &dpi, "-gray", "-f", &number, "-l", &number, "-"]);
    let image = match run(&mut rasterize, pdf, deadline) {
        Ok(image) => image,
        Err(Run::Timeout) => return Err(timeout()),
        Err(Run::Failed(why)) => {
            return Err(IngestError::PdfCorrupt(format!(
                "pdftoppm could not render page {page}: {why}"
            )))
        }
    };
    let Some(mut gray) = Gray::from_pgm(&image) else {
        return Err(IngestError::PdfCorrupt(format!(
            "pdftoppm gave no picture of page {page}"
        )));
    };
    let dpi_px = DPI as usize;
    gray.erase_rules(dpi_px / 2);
    gray.erase_specks(dpi_px / 25, dpi_px / 12);
    let mut read = Command::new("tesseract");
    read.args(["stdin", "stdout", "-l", &config.lang, "--dpi", &dpi, "tsv"])
        // one thread per page: Tesseract's OpenMP threads spin and cost far
        // more than they give (docs/ocr.md)
        .env("OMP_THREAD_LIMIT", "1");
    match run(&mut read, &gray.to_pgm(), deadline) {
        Ok(tsv) => Ok(from_tsv(&String::from_utf8_lossy(&tsv))),
        Err(Run::Timeout) => Err(timeout()),
        Err(Run::Failed(why)) => Err(IngestError::PdfCrashed(format!(
            "tesseract failed on page {page}: {why}"
        ))),
    }
}

/// Why a child process gave no output.
enum Run {
    Timeout,
    Failed(String),
}

/// Runs `command` with `input` on its standard input; its standard output, or
/// why not. Killed at `deadline`.
fn run(command: &mut Command, input: &[u8], deadline: Instant) -> Result<Vec<u8>, Run> {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Run::Failed(e.to_string()))?;
    let stdin = child.stdin.take();
    let stdout = child.stdout.take();
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            if let Some(mut stdin) = stdin {
                // a child that stops reading early is not our failure
                let _ = stdin.write_all(input);
            }
        });
        let reader = scope.spawn(move || {
            let mut out = Vec::new();
            if let Some(mut stdout) = stdout {
                let _ = stdout.read_to_end(&mut out);
            }
            out
        });
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(Run::Timeout);
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => break Err(Run::Failed(e.to_string())),
            }
        };
        let _ = writer.join();
        let out = reader.join().unwrap_or_default();
        match status {
            Ok(status) if status.success() => Ok(out),
            Ok(status) => Err(Run::Failed(format!("exit status {status}"))),
            Err(e) => Err(e),
        }
    })
}

/// The page's text and confidence from Tesseract's TSV (`level page_num
/// block_num par_num line_num word_num left top width height conf text`).
pub fn from_tsv(tsv: &str) -> PageText {
    let words: Vec<Word> = tsv
        .lines()
        .skip(1)
        .filter_map(|row| {
            let f: Vec<&str> = row.split('\t').collect();
            if f.len() < 12 || f[0] != "5" || f[11].trim().is_empty() {
                return None;
            }
            let left: i64 = f[6].parse().ok()?;
            let top: i64 = f[7].parse().ok()?;
            Some(Word {
                line: (f[2].parse().ok()?, f[3].parse().ok()?, f[4].parse().ok()?),
                left,
                right: left + f[8].parse::<i64>().ok()?,
                top,
                bottom: top + f[9].parse::<i64>().ok()?,
                confidence: f[10].parse().ok()?,
                text: f[11].trim(),
            })
        })
        .collect();
    let confidence = if words.is_empty() {
        None
    } else {
        let mean = words.iter().map(|w| w.confidence).sum::<f32>() / words.len() as f32;
        Some((mean * 10.0).round() / 10.0)
    };
    PageText {
        text: scan_layout::text(&words),
        confidence,
        words: words.len() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";

    #[test]
    fn the_confidence_is_the_mean_of_every_word_read() {
        let mut tsv = HEADER.to_string();
        tsv.push_str("1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n");
        tsv.push_str("5\t1\t1\t1\t1\t1\t100\t100\t90\t30\t96.5\tEntre\n");
        tsv.push_str("5\t1\t1\t1\t1\t2\t200\t100\t10\t30\t90\t:\n");
        tsv.push_str("5\t1\t1\t1\t2\t1\t900\t900\t10\t10\t12\t+\n");
        let page = from_tsv(&tsv);
        assert_eq!(page.text, "Entre :\n", "the speck's line is dust");
        assert_eq!(page.words, 3);
        assert_eq!(page.confidence, Some(66.2));
    }

    #[test]
    fn a_page_without_words_has_no_confidence() {
        let page = from_tsv(HEADER);
        assert_eq!(page.text, "");
        assert_eq!(page.confidence, None);
        assert_eq!(page.words, 0);
    }

    #[test]
    fn missing_languages_are_named() {
        let tools = Tools {
            engine: "tesseract 5.3.0".into(),
            languages: vec!["eng".into(), "fra".into(), "osd".into()],
        };
        assert!(missing_languages(&tools, "fra").is_empty());
        assert_eq!(missing_languages(&tools, "fra+deu"), vec!["deu"]);
    }
}
