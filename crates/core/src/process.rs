//! One document: bytes + compiled rules -> a record and its normalized text, or a
//! document error. A plain function, no I/O, no shared mutable state; a panic in any
//! stage is caught here and becomes `internal.panic`.

use crate::extract::{self, Trace};
use crate::ingest::pdf::{panic_message, InProcess, PdfReader};
use crate::ingest::{self, IngestError};
use crate::normalize::Text;
use crate::record::{DocId, Record, Source};
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

/// Processes one document. `path` is recorded as given; `extension` (lower case)
/// is checked against the content. A PDF is parsed in this process.
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
        &InProcess,
    )
}

/// Like `document`, for bytes whose SHA-256 is already known, with PDFs parsed
/// by `pdf` (the batch's isolated workers).
pub fn document_with(
    path: &str,
    bytes: &[u8],
    sha256: &str,
    extension: Option<&str>,
    rules: &RuleSet,
    pdf: &dyn PdfReader,
) -> Result<Processed, IngestError> {
    guarded(|| run(path, bytes, sha256, extension, rules, pdf)).map(|(processed, _)| processed)
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
            rules,
            &InProcess,
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
    rules: &RuleSet,
    pdf: &dyn PdfReader,
) -> Result<(Processed, Trace), IngestError> {
    let doc = ingest::read_with(bytes, extension, pdf)?;
    let text = Text::new(&doc.text);
    let fields = extract::run(&text, rules, None);
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
        },
        extraction: fields.extraction,
    };
    let processed = Processed {
        record,
        text: text.as_str().to_string(),
    };
    Ok((processed, fields.trace))
}
