//! Bytes -> text. A byte-order mark wins; then UTF-16 without a mark, told by
//! its NUL bytes (a text saved as "Unicode" by Windows tools, its mark lost
//! when cut or concatenated); then valid UTF-8; then the encoding the page
//! declares (`<meta charset>`); then windows-1252, the usual encoding of
//! archived French pages (a superset of ISO-8859-1's printable characters).

use super::IngestError;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How many leading bytes the NUL bytes of wide encodings are counted in.
const SNIFF: usize = 1024;

/// A wide Unicode encoding, as the positions of a text's NUL bytes show it
/// without a byte-order mark: French text is mostly code points under 256,
/// whose other bytes are 0 ("Caf" is `43 00 61 00 66 00` in UTF-16LE).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wide {
    /// UTF-16, little-endian: NUL at odd positions.
    Utf16Le,
    /// UTF-16, big-endian: NUL at even positions.
    Utf16Be,
    /// UTF-32, little-endian: NUL at positions 2 and 3 of every four.
    Utf32Le,
    /// UTF-32, big-endian: NUL at positions 0 and 1 of every four.
    Utf32Be,
}

impl Wide {
    /// The wide encoding whose NUL pattern `head` shows, if any: at the
    /// positions where a wide encoding puts the high bytes of Latin letters,
    /// most bytes are 0 (60% for UTF-16, leaving room for `’`, `œ`, `€`;
    /// 95% for the always-zero bytes of UTF-32), and at the others almost none.
    pub fn sniff(head: &[u8]) -> Option<Wide> {
        let head = &head[..head.len().min(SNIFF)];
        if head.len() < 8 {
            return None;
        }
        // the share of bytes at positions `rest` modulo `modulo` that are 0
        let zeros = |modulo: usize, rest: usize| {
            let at = head.iter().skip(rest).step_by(modulo);
            let (n, zero) = at.fold((0, 0), |(n, z), &b| (n + 1, z + usize::from(b == 0)));
            zero as f64 / n.max(1) as f64
        };
        let (none, most, all) = (0.1, 0.6, 0.95);
        if zeros(4, 2) >= all && zeros(4, 3) >= all && zeros(4, 0) <= none {
            Some(Wide::Utf32Le)
        } else if zeros(4, 0) >= all && zeros(4, 1) >= all && zeros(4, 3) <= none {
            Some(Wide::Utf32Be)
        } else if zeros(2, 1) >= most && zeros(2, 0) <= none {
            Some(Wide::Utf16Le)
        } else if zeros(2, 0) >= most && zeros(2, 1) <= none {
            Some(Wide::Utf16Be)
        } else {
            None
        }
    }

    /// Its name, as `source.encoding` records it and `iconv` knows it.
    pub fn name(self) -> &'static str {
        match self {
            Wide::Utf16Le => "utf-16le",
            Wide::Utf16Be => "utf-16be",
            Wide::Utf32Le => "utf-32le",
            Wide::Utf32Be => "utf-32be",
        }
    }

    /// `bytes` decoded, when they are UTF-16 that decodes to plausible text
    /// (no invalid sequence, mostly letters, digits, spaces and punctuation);
    /// else a hint for the `input.binary` message. UTF-32 is not decoded:
    /// the hint says how to convert it.
    pub fn decode(self, bytes: &[u8]) -> Result<String, String> {
        let convert = format!(
            "convert it to UTF-8 first (iconv -f {} -t UTF-8)",
            self.name().to_ascii_uppercase()
        );
        let enc = match self {
            Wide::Utf16Le => UTF_16LE,
            Wide::Utf16Be => UTF_16BE,
            Wide::Utf32Le | Wide::Utf32Be => {
                return Err(format!(
                    "it looks like {} text without a byte-order mark, which ctg does not read: {convert}",
                    self.name()
                ))
            }
        };
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        let why = if had_errors {
            Some(if bytes.len() % 2 == 1 {
                "an odd number of bytes (a cut file?)"
            } else {
                "invalid UTF-16 sequences"
            })
        } else if !plausible(&text) {
            Some("characters that are not text")
        } else {
            None
        };
        match why {
            None => Ok(text.into_owned()),
            Some(why) => Err(format!(
                "its NUL bytes say {} text without a byte-order mark, but it decodes to {why}; \
                 if it is text, {convert}",
                self.name()
            )),
        }
    }
}

/// Whether decoded text reads as text: at most 1 character in 20 a control
/// character, and at least 4 in 5 letters, digits, spaces or punctuation.
fn plausible(text: &str) -> bool {
    let (mut chars, mut controls, mut texty) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            controls += 1;
        } else if c.is_alphanumeric()
            || c.is_whitespace()
            || c.is_ascii_punctuation()
            || matches!(c, '\u{a0}'..='\u{bf}' | '\u{2010}'..='\u{206f}' | '\u{20ac}')
        {
            texty += 1;
        }
    }
    chars > 0 && controls * 20 <= chars && texty * 5 >= chars * 4
}

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
    // before UTF-8: NUL is valid UTF-8, so UTF-16 of ASCII text is too
    if let Some(wide) = Wide::sniff(bytes) {
        if let Ok(text) = wide.decode(bytes) {
            return Ok(Decoded {
                text,
                encoding: wide.name().to_string(),
                bom: false,
            });
        }
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

    /// "Signée à Évian le 3 mars 2023." as Windows tools save "Unicode" text.
    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf16_without_bom_is_told_by_its_nul_bytes() {
        let text = "La Caf et la commune d’Évian ont signé la convention le 3 mars 2023.";
        for (big_endian, name) in [(false, "utf-16le"), (true, "utf-16be")] {
            let d = decode(&utf16(text, big_endian), None).unwrap();
            assert_eq!(
                (d.text.as_str(), d.encoding.as_str(), d.bom),
                (text, name, false)
            );
        }
        // UTF-8 French text has no NUL bytes: it stays UTF-8
        assert_eq!(Wide::sniff(text.as_bytes()), None);
    }

    #[test]
    fn wide_bytes_that_are_not_text_get_a_hint() {
        // pairs of a byte and a NUL, as in UTF-16LE, but control characters
        let controls: Vec<u8> = (0..200).flat_map(|i| [1 + (i % 7) as u8, 0]).collect();
        assert_eq!(Wide::sniff(&controls), Some(Wide::Utf16Le));
        let hint = Wide::Utf16Le.decode(&controls).unwrap_err();
        assert!(hint.contains("iconv -f UTF-16LE"), "{hint}");
        // a cut file: an odd number of bytes
        let mut cut = utf16("Convention territoriale globale", false);
        cut.push(b'C');
        let hint = Wide::Utf16Le.decode(&cut).unwrap_err();
        assert!(hint.contains("odd number of bytes"), "{hint}");
        let utf32: Vec<u8> = "Convention territoriale globale"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        assert_eq!(Wide::sniff(&utf32), Some(Wide::Utf32Le));
        let hint = Wide::Utf32Le.decode(&utf32).unwrap_err();
        assert!(hint.contains("iconv -f UTF-32LE"), "{hint}");
    }

    #[test]
    fn broken_utf16_is_undecodable() {
        let e = decode(b"\xFF\xFE\x00\xD8", None).unwrap_err();
        assert_eq!(e.code(), "input.undecodable");
    }
}
