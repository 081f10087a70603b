//! Byte offsets (what `regex` reports) to code-point offsets (what evidence stores),
//! and code-point offsets to page numbers.
//!
//! This is the one place that converts between the two; nothing else counts chars.

/// Bytes per block of the lookup table: a conversion counts at most this many bytes.
const BLOCK: usize = 64;

/// Converts byte offsets of one text into code-point offsets in O(1) amortized.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Code points before each block start; empty when the text is ASCII.
    blocks: Vec<usize>,
    ascii: bool,
}

impl CharIndex {
    /// Builds the index of `text`.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                blocks: Vec::new(),
                ascii: true,
            };
        }
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut chars = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if i % BLOCK == 0 {
                blocks.push(chars);
            }
            if !is_continuation(b) {
                chars += 1;
            }
        }
        Self {
            blocks,
            ascii: false,
        }
    }

    /// The code-point offset of byte offset `byte` (which must be a char boundary of
    /// the text the index was built from, or its length).
    pub fn char_offset(&self, text: &str, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let block = byte / BLOCK;
        let Some(&base) = self.blocks.get(block) else {
            return text.chars().count();
        };
        let start = block * BLOCK;
        base + text.as_bytes()[start..byte]
            .iter()
            .filter(|&&b| !is_continuation(b))
            .count()
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0b1100_0000 == 0b1000_0000
}

/// The 1-based page of a code-point offset, given the offsets where pages 2, 3, ...
/// start. Empty `page_starts` means the text is not paginated.
pub fn page_of(page_starts: &[usize], offset: usize) -> Option<u32> {
    if page_starts.is_empty() {
        return None;
    }
    let later = page_starts.partition_point(|&s| s <= offset);
    Some(later as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slow(text: &str, byte: usize) -> usize {
        text[..byte].chars().count()
    }

    #[test]
    fn ascii_offsets_are_bytes() {
        let t = "La convention est signée";
        let idx = CharIndex::new(&t[..10]);
        assert_eq!(idx.char_offset(&t[..10], 7), 7);
    }

    #[test]
    fn accented_text_converts_at_every_boundary() {
        let t = "Signée à Angers le 6 décembre, « Caf » – été ".repeat(20);
        let idx = CharIndex::new(&t);
        for (b, _) in t.char_indices() {
            assert_eq!(idx.char_offset(&t, b), slow(&t, b), "byte {b}");
        }
        assert_eq!(idx.char_offset(&t, t.len()), t.chars().count());
    }

    #[test]
    fn pages_are_one_based() {
        assert_eq!(page_of(&[], 5), None);
        let starts = [10, 20];
        assert_eq!(page_of(&starts, 0), Some(1));
        assert_eq!(page_of(&starts, 9), Some(1));
        assert_eq!(page_of(&starts, 10), Some(2));
        assert_eq!(page_of(&starts, 25), Some(3));
    }
}
