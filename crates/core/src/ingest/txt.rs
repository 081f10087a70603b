//! Plain text: decoded, nothing removed.

use super::{encoding, Document, IngestError};
use crate::record::Format;

/// Reads a plain-text document.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let decoded = encoding::decode(bytes, None)?;
    Ok(Document {
        format: Format::Text,
        encoding: Some(decoded.encoding),
        bom: decoded.bom,
        pages: None,
        text: decoded.text,
        engine: None,
        ocr_pages: Vec::new(),
    })
}
