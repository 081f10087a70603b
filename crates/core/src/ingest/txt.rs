//! Plain text: decoded, two columns set side by side with spaces read one after
//! the other (`text_columns.rs`), nothing removed.

use super::{encoding, text_columns, Document, IngestError};
use crate::record::Format;

/// Reads a plain-text document.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let decoded = encoding::decode(bytes, None)?;
    Ok(Document {
        format: Format::Text,
        encoding: Some(decoded.encoding),
        bom: decoded.bom,
        pages: None,
        text: match text_columns::read(&decoded.text) {
            std::borrow::Cow::Borrowed(_) => decoded.text,
            std::borrow::Cow::Owned(read) => read,
        },
        engine: None,
        ocr_pages: Vec::new(),
    })
}
