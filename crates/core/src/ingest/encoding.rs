//! Bytes -> text. A byte-order mark wins; then valid UTF-8; then the encoding the
//! page declares (`<meta charset>`); then windows-1252, the usual encoding of
//! archived French pages (a superset of ISO-8859-1's printable characters).

use super::IngestError;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Encoding name, lower case (`utf-8`, `windows-1252`, `utf-16le`).
    pub encoding: String,
    /// Whether a BOM was present (and removed).
    pub bom: bool,
}

/// Decodes `bytes`, trusting a `declared` label only when the bytes are not UTF-8.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, IngestError> {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return with(enc, &bytes[len..], true);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "utf-8".into(),
            bom: false,
        });
    }
    let enc = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .filter(|e| *e != UTF_8)
        .unwrap_or(WINDOWS_1252);
    with(enc, bytes, false)
}

fn with(enc: &'static Encoding, bytes: &[u8], bom: bool) -> Result<Decoded, IngestError> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(IngestError::Undecodable(format!(
            "invalid {} byte sequences",
            enc.name()
        )));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: enc.name().to_ascii_lowercase(),
        bom,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("Signée à Évian".as_bytes(), None).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str(), d.bom),
            ("Signée à Évian", "utf-8", false)
        );
        let d = decode(b"\xEF\xBB\xBFCaf", None).unwrap();
        assert_eq!((d.text.as_str(), d.bom), ("Caf", true));
    }

    #[test]
    fn windows_1252_is_detected_without_a_declaration() {
        // "l’été" with a windows-1252 apostrophe (0x92) and é (0xE9)
        let d = decode(b"l\x92\xE9t\xE9", None).unwrap();
        assert_eq!(d.text, "l\u{2019}été");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn a_declared_latin1_page_is_read_as_windows_1252() {
        let d = decode(b"F\xE9vrier", Some("ISO-8859-1")).unwrap();
        assert_eq!(d.text, "Février");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn utf16_with_bom() {
        let d = decode(b"\xFF\xFEC\x00a\x00f\x00", None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("Caf", "utf-16le"));
    }

    #[test]
    fn broken_utf16_is_undecodable() {
        let e = decode(b"\xFF\xFE\x00\xD8", None).unwrap_err();
        assert_eq!(e.code(), "input.undecodable");
    }
}
