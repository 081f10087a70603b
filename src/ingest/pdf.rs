//! PDF -> text, one page after another separated by `\f`, with pdf-extract.
//!
//! A panic inside the parser is caught and becomes `pdf.corrupt`. Stack overflows
//! and runaway memory are not caught here: process isolation is the answer to those.

use super::{Document, IngestError};
use crate::record::Format;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Reads the text layer of a PDF.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let pages = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem_by_pages(bytes)
    }))
    .map_err(|panic| {
        IngestError::PdfCorrupt(format!("parser panicked: {}", panic_message(&panic)))
    })?
    .map_err(classify)?;
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(IngestError::PdfNoText);
    }
    Ok(Document {
        format: Format::Pdf,
        encoding: None,
        bom: false,
        pages: Some(pages.len() as u32),
        text: pages.join("\u{c}"),
    })
}

fn classify(e: pdf_extract::OutputError) -> IngestError {
    let message = e.to_string();
    if message.to_lowercase().contains("encrypt") {
        IngestError::PdfEncrypted
    } else {
        IngestError::PdfCorrupt(message)
    }
}

/// The text of a caught panic's payload.
pub fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}
