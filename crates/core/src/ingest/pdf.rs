//! PDF -> text, one page after another separated by `\f`.
//!
//! Three engines, tried in order until one gives readable text: pdf-extract,
//! lopdf's own text extraction (it also opens files whose cross-reference table
//! pdf-extract cannot rebuild, and decrypts a file whose user password is
//! empty), then poppler's `pdftotext` when it is installed. The record says
//! which one produced the text. A panic inside an engine is caught and the next
//! engine tries. Running headers, footers and page numbers are then removed
//! (`furniture.rs`).
//!
//! Stack overflows, runaway memory and endless loops are not caught here: the
//! batch parses PDFs in worker processes with time and memory limits
//! (`crate::isolate`). This module is what such a worker runs.

use super::layout::Layout;
use super::{furniture, Document, IngestError};
use crate::record::Format;
use serde::{Deserialize, Serialize};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The text of a PDF, page by page, and the engine that read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PdfText {
    /// One string per page.
    pub pages: Vec<String>,
    /// `pdf-extract`, `lopdf` or `pdftotext`.
    pub engine: String,
}

/// Somewhere PDFs are parsed: in this process, or in isolated workers.
pub trait PdfReader: Sync {
    /// The pages of the PDF `bytes`.
    fn pages(&self, bytes: &[u8]) -> Result<PdfText, IngestError>;
}

/// Parses PDFs in the calling process (no protection against crashes or hangs).
#[derive(Debug, Default, Clone, Copy)]
pub struct InProcess;

impl PdfReader for InProcess {
    fn pages(&self, bytes: &[u8]) -> Result<PdfText, IngestError> {
        extract_pages(bytes)
    }
}

/// Reads the text layer of a PDF in this process.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    read_with(bytes, &InProcess)
}

/// Reads the text layer of a PDF with `reader`, then removes the page furniture.
pub fn read_with(bytes: &[u8], reader: &dyn PdfReader) -> Result<Document, IngestError> {
    let text = reader.pages(bytes)?;
    let (pages, _) = furniture::clean_pages(&text.pages);
    Ok(Document {
        format: Format::Pdf,
        encoding: None,
        bom: false,
        pages: Some(pages.len() as u32),
        text: pages.join("\u{c}"),
        engine: Some(text.engine),
    })
}

/// An engine: PDF bytes -> one string per page.
type Engine = fn(&[u8]) -> Result<Vec<String>, IngestError>;

/// Runs the engines in turn; the first readable text wins.
pub fn extract_pages(bytes: &[u8]) -> Result<PdfText, IngestError> {
    let mut failures: Vec<IngestError> = Vec::new();
    let engines: [(&str, Engine); 3] = [
        ("pdf-extract", with_pdf_extract),
        ("lopdf", with_lopdf),
        ("pdftotext", with_pdftotext),
    ];
    for (name, engine) in engines {
        let outcome = catch_unwind(AssertUnwindSafe(|| engine(bytes))).unwrap_or_else(|panic| {
            Err(IngestError::PdfCorrupt(format!(
                "{name} panicked: {}",
                panic_message(&panic)
            )))
        });
        match outcome {
            Ok(pages) if readable(&pages) => {
                return Ok(PdfText {
                    pages,
                    engine: name.to_string(),
                })
            }
            Ok(pages) if pages.iter().all(|p| p.trim().is_empty()) => {
                failures.push(IngestError::PdfNoText)
            }
            Ok(_) => failures.push(IngestError::PdfCorrupt(format!("{name} gave garbled text"))),
            Err(e) => failures.push(e),
        }
    }
    Err(verdict(failures))
}

/// The error to report when no engine succeeded: encryption first (it explains
/// the rest), then "no text layer" if an engine opened the file and found no
/// text, else the first engine's complaint.
fn verdict(failures: Vec<IngestError>) -> IngestError {
    if failures.contains(&IngestError::PdfEncrypted) {
        return IngestError::PdfEncrypted;
    }
    if failures.contains(&IngestError::PdfNoText) {
        return IngestError::PdfNoText;
    }
    failures
        .into_iter()
        .find(|e| !matches!(e, IngestError::PdfToolMissing))
        .unwrap_or_else(|| IngestError::PdfCorrupt("no engine could read it".into()))
}

/// Whether the pages hold text worth reading: some letters, and few characters
/// that decoding failed on (U+FFFD, private use, control characters).
fn readable(pages: &[String]) -> bool {
    let mut letters = 0usize;
    let mut bad = 0usize;
    let mut total = 0usize;
    for c in pages.iter().flat_map(|p| p.chars()) {
        if c.is_whitespace() {
            continue;
        }
        total += 1;
        if c.is_alphabetic() {
            letters += 1;
        }
        let private = ('\u{e000}'..='\u{f8ff}').contains(&c);
        if c == '\u{fffd}' || private || c.is_control() {
            bad += 1;
        }
    }
    letters > 0 && bad * 10 <= total && letters * 3 >= total
}

/// pdf-extract's glyphs, laid out by `layout.rs` (columns read one by one).
fn with_pdf_extract(bytes: &[u8]) -> Result<Vec<String>, IngestError> {
    let classify = |e: pdf_extract::OutputError| {
        let message = e.to_string();
        if message.to_lowercase().contains("encrypt") || message.contains("password") {
            IngestError::PdfEncrypted
        } else {
            IngestError::PdfCorrupt(message)
        }
    };
    let mut doc = pdf_extract::Document::load_mem(bytes)
        .map_err(|e| classify(pdf_extract::OutputError::PdfError(e)))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(IngestError::PdfEncrypted);
    }
    let count = doc.get_pages().len() as u32;
    let mut layout = Layout::default();
    for page in 1..=count {
        pdf_extract::output_doc_page(&doc, &mut layout, page).map_err(classify)?;
    }
    Ok(layout.into_pages())
}

fn with_lopdf(bytes: &[u8]) -> Result<Vec<String>, IngestError> {
    let mut doc = lopdf::Document::load_mem(bytes)
        .or_else(|_| {
            lopdf::Document::load_mem_with_options(bytes, lopdf::LoadOptions::with_password(""))
        })
        .map_err(|e| lopdf_error(&e))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(IngestError::PdfEncrypted);
    }
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    if numbers.is_empty() {
        return Err(IngestError::PdfCorrupt("lopdf found no page".into()));
    }
    Ok(numbers
        .iter()
        .map(|n| doc.extract_text(&[*n]).unwrap_or_default())
        .collect())
}

fn lopdf_error(e: &lopdf::Error) -> IngestError {
    let message = e.to_string();
    if message.to_lowercase().contains("decrypt") || message.to_lowercase().contains("password") {
        IngestError::PdfEncrypted
    } else {
        IngestError::PdfCorrupt(format!("lopdf: {message}"))
    }
}

/// poppler's `pdftotext`, when it is on the `PATH`.
fn with_pdftotext(bytes: &[u8]) -> Result<Vec<String>, IngestError> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = match Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-q", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(child) => child,
        Err(_) => return Err(IngestError::PdfToolMissing),
    };
    let writer = child.stdin.take().map(|mut stdin| {
        let bytes = bytes.to_vec();
        std::thread::spawn(move || stdin.write_all(&bytes))
    });
    let output = child
        .wait_with_output()
        .map_err(|e| IngestError::PdfCorrupt(format!("pdftotext: {e}")))?;
    if let Some(w) = writer {
        let _ = w.join();
    }
    if !output.status.success() {
        return Err(IngestError::PdfCorrupt(format!(
            "pdftotext exited with {}",
            output.status
        )));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Ok(pages)
}

/// The text of a caught panic's payload.
pub fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_with_letters_is_readable_and_decoding_debris_is_not() {
        assert!(readable(&["Convention territoriale globale".into()]));
        assert!(!readable(&["".into(), "   ".into()]));
        assert!(!readable(&["\u{fffd}\u{fffd}\u{fffd}\u{fffd} ab".into()]));
        assert!(!readable(&["12 34 56 78 90 / 12".into()]));
    }

    #[test]
    fn the_verdict_puts_encryption_first_then_a_missing_text_layer() {
        let corrupt = IngestError::PdfCorrupt("x".into());
        assert_eq!(
            verdict(vec![corrupt.clone(), IngestError::PdfEncrypted]),
            IngestError::PdfEncrypted
        );
        assert_eq!(
            verdict(vec![corrupt.clone(), IngestError::PdfNoText]),
            IngestError::PdfNoText
        );
        assert_eq!(
            verdict(vec![corrupt.clone(), IngestError::PdfToolMissing]),
            corrupt
        );
    }

    #[test]
    fn junk_after_a_pdf_header_is_corrupt_and_never_panics() {
        let err = extract_pages(b"%PDF-1.4\n%\xe2\xe3\n1 0 obj << /Type /Catalog").unwrap_err();
        assert_eq!(err.code(), "pdf.corrupt");
    }
}
