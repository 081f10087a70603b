//! One document: bytes + compiled rules -> a record and its normalized text, or a
//! document error. A plain function, no I/O, no shared mutable state; a panic in any
//! stage is caught here and becomes `internal.panic`.

use crate::budget;
use crate::extract::{self, Trace};
use crate::ingest::pdf::{panic_message, InProcess, PdfReader};
use crate::ingest::{self, Document, IngestError};
use crate::normalize::Text;
use crate::record::{Confidence, DocId, Record, Source, Warning};
use crate::rules::RuleSet;
use sha2::{Digest, Sha256};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A processed document.
#[derive(Debug)]
pub struct Processed {
    /// The record.
    pub record: Record,
    /// The normalized text the evidence points into.
    pub text: String,
}

/// SHA-256 of the bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// The stable id of a document with this SHA-256.
pub fn doc_id(sha256: &str) -> DocId {
    DocId(sha256[..16].to_string())
}

/// Below this mean confidence an OCR page is a low-confidence page: a record
/// read mostly from such pages gets the warning `low_ocr_confidence`.
pub const LOW_OCR_CONFIDENCE: f32 = 75.0;

/// Processes one document. `path` is recorded as given; `extension` (lower case)
/// is checked against the content. A PDF is parsed in this process, its scanned
/// pages read by OCR as `OcrConfig`'s default says.
pub fn document(
    path: &str,
    bytes: &[u8],
    extension: Option<&str>,
    rules: &RuleSet,
) -> Result<Processed, IngestError> {
    document_with(
        path,
        bytes,
        &sha256_hex(bytes),
        extension,
        rules,
        &InProcess::default(),
        budget::Limits::default(),
    )
}

/// Like `document`, for bytes whose SHA-256 is already known, with PDFs parsed
/// by `pdf` (the batch's isolated workers), and with at most `limits` of time
/// and memory for the extraction once the text is read (`extract.timeout`,
/// `extract.memory`, see `budget.rs`).
pub fn document_with(
    path: &str,
    bytes: &[u8],
    sha256: &str,
    extension: Option<&str>,
    rules: &RuleSet,
    pdf: &dyn PdfReader,
    limits: budget::Limits,
) -> Result<Processed, IngestError> {
    let untraced = |text: &Text| extract::run_untraced(text, rules, None);
    guarded(|| run(path, bytes, sha256, extension, untraced, pdf, limits))
        .map(|(processed, _)| processed)
}

/// Like `document`, also returning what became of every rule match (for `explain`).
pub fn traced(
    path: &str,
    bytes: &[u8],
    extension: Option<&str>,
    rules: &RuleSet,
) -> Result<(Processed, Trace), IngestError> {
    guarded(|| {
        run(
            path,
            bytes,
            &sha256_hex(bytes),
            extension,
            |text: &Text| extract::run(text, rules, None),
            &InProcess::default(),
            budget::Limits::default(),
        )
    })
}

/// Runs `f`, turning a panic into `internal.panic`.
fn guarded<T>(f: impl FnOnce() -> Result<T, IngestError>) -> Result<T, IngestError> {
    catch_unwind(AssertUnwindSafe(f))
        .unwrap_or_else(|panic| Err(IngestError::Panic(panic_message(&panic))))
}

fn run(
    path: &str,
    bytes: &[u8],
    sha256: &str,
    extension: Option<&str>,
    extract_text: impl FnOnce(&Text) -> extract::Fields,
    pdf: &dyn PdfReader,
    limits: budget::Limits,
) -> Result<(Processed, Trace), IngestError> {
    let doc = ingest::read_with(bytes, extension, pdf)?;
    let (text, mut fields) = budget::within(limits, || {
        let text = Text::new(&doc.text);
        let fields = extract_text(&text);
        (text, fields)
    })
    .map_err(|exceeded| match exceeded {
        budget::Exceeded::Time => IngestError::ExtractTimeout {
            millis: limits.time.map_or(0, |t| t.as_millis() as u64),
        },
        budget::Exceeded::Memory => IngestError::ExtractMemory {
            mib: limits.memory.map_or(0, |m| (m / (1024 * 1024)) as u64),
        },
    })?;
    fields.extraction.warnings.extend(low_ocr_confidence(&doc));
    let record = Record {
        id: doc_id(sha256),
        source: Source {
            path: path.to_string(),
            format: doc.format,
            encoding: doc.encoding,
            bom: doc.bom,
            sha256: sha256.to_string(),
            bytes: bytes.len() as u64,
            pages: doc.pages,
            text_engine: doc.engine,
            ocr_pages: doc.ocr_pages,
        },
        extraction: fields.extraction,
    };
    let processed = Processed {
        record,
        text: text.as_str().to_string(),
    };
    Ok((processed, fields.trace))
}

/// The warning for a document whose letters come mostly from OCR pages of low
/// confidence.
fn low_ocr_confidence(doc: &Document) -> Option<Warning> {
    let low: Vec<(u32, f32)> = doc
        .ocr_pages
        .iter()
        .filter(|p| p.used)
        .filter_map(|p| Some((p.page, p.confidence?.0)))
        .filter(|&(_, c)| c < LOW_OCR_CONFIDENCE)
        .collect();
    // (most documents have no OCR page: their letters need no count)
    if low.is_empty() {
        return None;
    }
    let letters = |page: &str| page.chars().filter(|c| c.is_alphabetic()).count();
    let pages: Vec<&str> = doc.text.split('\u{c}').collect();
    let total: usize = pages.iter().map(|p| letters(p)).sum();
    let low_letters: usize = low
        .iter()
        .filter_map(|(n, _)| pages.get(*n as usize - 1))
        .map(|p| letters(p))
        .sum();
    if low_letters * 2 <= total {
        return None;
    }
    let mean = low.iter().map(|(_, c)| c).sum::<f32>() / low.len() as f32;
    Some(Warning::LowOcrConfidence {
        pages: low.iter().map(|(n, _)| *n).collect(),
        confidence: Confidence((mean * 10.0).round() / 10.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Format, OcrPage};

    fn scan(pages: &[&str], confidences: &[f32]) -> Document {
        Document {
            format: Format::Pdf,
            encoding: None,
            bom: false,
            pages: Some(pages.len() as u32),
            text: pages.join("\u{c}"),
            engine: Some("tesseract 5.3.0".into()),
            ocr_pages: (1..)
                .zip(confidences)
                .map(|(page, &c)| OcrPage {
                    page,
                    dpi: Some(300),
                    confidence: Some(Confidence(c)),
                    words: 10,
                    used: true,
                })
                .collect(),
        }
    }

    #[test]
    fn a_record_read_mostly_from_low_confidence_pages_is_warned() {
        let long = "Convention territoriale globale signée le 3 février 2025 à Borgo";
        let short = "Annexe";
        let doc = scan(&[long, short], &[62.0, 95.0]);
        assert_eq!(
            low_ocr_confidence(&doc),
            Some(Warning::LowOcrConfidence {
                pages: vec![1],
                confidence: Confidence(62.0)
            })
        );
        // the low page holds the lesser part of the text: no warning
        assert_eq!(
            low_ocr_confidence(&scan(&[long, short], &[95.0, 62.0])),
            None
        );
        // a text layer: nothing to say
        let mut typed = scan(&[long], &[]);
        typed.engine = Some("pdf-extract".into());
        assert_eq!(low_ocr_confidence(&typed), None);
    }
}
