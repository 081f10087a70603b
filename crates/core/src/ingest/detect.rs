//! Bytes (+ extension) -> format. The content decides; the extension is only
//! checked: a `.pdf` whose bytes are an HTML page (a failed download saved under the
//! PDF's name) is refused as `input.format_mismatch`. UTF-16 text without a
//! byte-order mark is told from binary content by where its NUL bytes are.

use super::{encoding, IngestError};
use crate::record::Format;

/// How far into the file format markers are looked for.
const SNIFF: usize = 1024;

/// The format of `bytes`.
pub fn detect(bytes: &[u8], extension: Option<&str>) -> Result<Format, IngestError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty);
    }
    let head = &bytes[..bytes.len().min(SNIFF)];
    let found = if find(head, b"%PDF-").is_some() {
        Format::Pdf
    } else if looks_like_html(head) {
        Format::Html
    } else if let Some(wide) = encoding::Wide::sniff(head) {
        // NUL bytes at every other (or three in four) positions: text in a
        // wide encoding without BOM, read if it decodes to plausible text
        if let Err(why) = wide.decode(bytes) {
            return Err(IngestError::Binary(Some(why)));
        }
        Format::Text
    } else if looks_binary(head) {
        return Err(IngestError::Binary(None));
    } else {
        Format::Text
    };
    if extension == Some("pdf") && found != Format::Pdf {
        return Err(IngestError::FormatMismatch {
            expected: "PDF".into(),
            found: if found == Format::Html {
                "HTML"
            } else {
                "text"
            }
            .into(),
        });
    }
    Ok(found)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn looks_like_html(head: &[u8]) -> bool {
    let lower = head.to_ascii_lowercase();
    let start = lower
        .iter()
        .position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF))
        .unwrap_or(0);
    if lower[start..].starts_with(b"<!doctype html") || lower[start..].starts_with(b"<html") {
        return true;
    }
    lower[start..].starts_with(b"<")
        && [
            &b"<body"[..],
            b"<head",
            b"<p>",
            b"<div",
            b"<meta",
            b"<title",
        ]
        .iter()
        .any(|tag| find(&lower, tag).is_some())
}

/// NUL bytes (outside UTF-16 text) or many control characters.
fn looks_binary(head: &[u8]) -> bool {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    head.contains(&0) || controls * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_and_pdf_extension_is_checked() {
        assert_eq!(detect(b"%PDF-1.7\n...", Some("txt")), Ok(Format::Pdf));
        assert_eq!(
            detect(b"<!DOCTYPE html><html>", Some("html")),
            Ok(Format::Html)
        );
        assert_eq!(
            detect(b"La Caf et la Ville", Some("html")),
            Ok(Format::Text)
        );
        assert_eq!(
            detect(b"\n<html><body>404</body></html>", Some("pdf")),
            Err(IngestError::FormatMismatch {
                expected: "PDF".into(),
                found: "HTML".into()
            })
        );
    }

    #[test]
    fn empty_and_binary_inputs_are_refused() {
        assert_eq!(detect(b"", None), Err(IngestError::Empty));
        assert_eq!(detect(b" \n\t", None), Err(IngestError::Empty));
        assert_eq!(
            detect(&[0x89, b'P', b'N', b'G', 0, 0, 1, 2], Some("txt")),
            Err(IngestError::Binary(None))
        );
    }
}
