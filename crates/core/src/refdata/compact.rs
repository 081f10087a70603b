//! The reference data and the place indexes in a compact form, so that
//! start-up neither parses the TSV files of `data/` nor folds and indexes
//! 40,000 names: `ctg`'s `build.rs` builds them with the code that builds
//! them at run time and writes the result
//! ([`crate::places::write_compact`]); the binary [`register`]s those
//! bytes, and [`super::get`], `places::gazetteer::get` and `places::epci::get`
//! read their part of them back.
//!
//! The form is one text (every string, end to end) and a list of numbers
//! (counts, flags, indices, and where each string lies in the text); what the
//! numbers mean is known only to the `write` and `read` of each type. It
//! holds no copy of the data to maintain: written from `data/*.tsv` at each
//! build. Bytes that are missing, written from other TSV files or unreadable
//! are ignored, and everything is built from the TSV files as before.

use std::sync::OnceLock;

/// The parts of the compact form, each read on the first use of its index.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    /// `RefData`.
    RefData,
    /// The commune gazetteer.
    Gazetteer,
    /// The EPCI index.
    Epci,
}

const PARTS: usize = 3;

/// What was registered, once laid out.
struct Layout {
    text: &'static str,
    numbers: &'static [u8],
    /// Where each part's numbers begin (a number's position).
    parts: [usize; PARTS],
}

static REGISTERED: OnceLock<&'static [u8]> = OnceLock::new();
static LAYOUT: OnceLock<Option<Layout>> = OnceLock::new();

/// Has the reference data and place indexes read from `written` (by
/// [`crate::places::write_compact`], at build time) rather than built, if it was written from the
/// TSV files embedded now. Call it before they are first used; a second call
/// is ignored.
pub fn register(written: &'static [u8]) {
    let _ = REGISTERED.set(written);
}

/// Whether [`register`]ing `written` would have it read: it was written by
/// [`crate::places::write_compact`] from the TSV files embedded now.
pub fn is_current(written: &'static [u8]) -> bool {
    lay_out(written).is_some()
}

/// A reader at the beginning of `part` of what was registered, if anything
/// usable was.
pub(crate) fn part(part: Part) -> Option<Reader> {
    let layout = LAYOUT
        .get_or_init(|| REGISTERED.get().and_then(|bytes| lay_out(bytes)))
        .as_ref()?;
    Some(Reader {
        text: layout.text,
        numbers: layout.numbers,
        at: layout.parts[part as usize],
    })
}

/// Where the text, the head and the numbers of `bytes` lie; `None` if they
/// were written from other TSV files.
fn lay_out(bytes: &'static [u8]) -> Option<Layout> {
    let text_len = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    let text = std::str::from_utf8(bytes.get(4..4 + text_len)?).ok()?;
    let mut head = Reader {
        text,
        numbers: bytes.get(4 + text_len..)?,
        at: 0,
    };
    let head_len = head.count()?;
    let fingerprint = super::fingerprint();
    if head_len != fingerprint.len() + PARTS {
        return None;
    }
    for expected in fingerprint {
        if head.number()? != expected {
            return None;
        }
    }
    let mut parts = [0; PARTS];
    for part in &mut parts {
        *part = head.count()?;
    }
    Some(Layout {
        text,
        numbers: &head.numbers[4 * head.at..],
        parts,
    })
}

fn number(n: usize) -> u32 {
    u32::try_from(n).expect("the reference data counts fit in 32 bits")
}

/// Where the parts of the compact form are written.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    text: String,
    numbers: Vec<u32>,
    /// Where each part's numbers begin.
    parts: [usize; PARTS],
}

impl Writer {
    /// Writes `part` from here on.
    pub(crate) fn begin(&mut self, part: Part) {
        self.parts[part as usize] = self.numbers.len();
    }

    /// The bytes [`register`] takes.
    pub(crate) fn finish(self) -> Vec<u8> {
        let head: Vec<u32> = super::fingerprint()
            .into_iter()
            .chain(self.parts.iter().map(|&p| number(p)))
            .collect();
        let mut bytes = number(self.text.len()).to_le_bytes().to_vec();
        bytes.extend_from_slice(self.text.as_bytes());
        for n in std::iter::once(number(head.len()))
            .chain(head)
            .chain(self.numbers)
        {
            bytes.extend_from_slice(&n.to_le_bytes());
        }
        bytes
    }

    /// A count or an index.
    pub(crate) fn count(&mut self, n: usize) {
        self.numbers.push(number(n));
    }

    /// A string (`Reader::str` gives it back borrowed from the text).
    pub(crate) fn str(&mut self, s: &str) {
        self.count(self.text.len());
        self.count(s.len());
        self.text.push_str(s);
    }

    /// A yes or no.
    pub(crate) fn flag(&mut self, yes: bool) {
        self.numbers.push(u32::from(yes));
    }

    /// An index that may be missing.
    pub(crate) fn option(&mut self, n: Option<usize>) {
        self.flag(n.is_some());
        self.count(n.unwrap_or(0));
    }

    /// A list of indices.
    pub(crate) fn indices(&mut self, list: &[usize]) {
        self.count(list.len());
        list.iter().for_each(|&i| self.count(i));
    }

    /// A list of strings.
    pub(crate) fn strs(&mut self, list: &[&str]) {
        self.count(list.len());
        self.fields(list);
    }

    /// Strings whose number the reader knows (`Reader::fields`).
    pub(crate) fn fields(&mut self, fields: &[&str]) {
        fields.iter().for_each(|s| self.str(s));
    }
}

/// Reads a part back, in the order it was written; `None` past the end.
#[derive(Debug)]
pub(crate) struct Reader {
    text: &'static str,
    numbers: &'static [u8],
    /// The next number's position.
    at: usize,
}

impl Reader {
    fn number(&mut self) -> Option<u32> {
        let bytes = self.numbers.get(4 * self.at..4 * self.at + 4)?;
        self.at += 1;
        Some(u32::from_le_bytes(bytes.try_into().ok()?))
    }

    /// What [`Writer::count`] wrote.
    pub(crate) fn count(&mut self) -> Option<usize> {
        self.number().map(|n| n as usize)
    }

    /// What [`Writer::str`] wrote.
    pub(crate) fn str(&mut self) -> Option<&'static str> {
        let start = self.count()?;
        let len = self.count()?;
        self.text.get(start..start + len)
    }

    /// What [`Writer::flag`] wrote.
    pub(crate) fn flag(&mut self) -> Option<bool> {
        self.number().map(|n| n != 0)
    }

    /// What [`Writer::option`] wrote.
    pub(crate) fn option(&mut self) -> Option<Option<usize>> {
        let some = self.flag()?;
        let n = self.count()?;
        Some(some.then_some(n))
    }

    /// A count, then as many items read by `item`.
    pub(crate) fn list<T>(
        &mut self,
        mut item: impl FnMut(&mut Reader) -> Option<T>,
    ) -> Option<Vec<T>> {
        let len = self.count()?;
        // a count past the end is no reason to reserve memory
        let mut list = Vec::with_capacity(len.min(self.numbers.len() / 4));
        for _ in 0..len {
            list.push(item(self)?);
        }
        Some(list)
    }

    /// What [`Writer::indices`] wrote.
    pub(crate) fn indices(&mut self) -> Option<Vec<usize>> {
        self.list(Reader::count)
    }

    /// What [`Writer::strs`] wrote.
    pub(crate) fn strs(&mut self) -> Option<Vec<&'static str>> {
        self.list(Reader::str)
    }

    /// What [`Writer::fields`] wrote, `N` strings.
    pub(crate) fn fields<const N: usize>(&mut self) -> Option<[&'static str; N]> {
        let mut fields = [""; N];
        for field in &mut fields {
            *field = self.str()?;
        }
        Some(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::{epci, gazetteer, write_compact as write};
    use crate::refdata;

    /// The parts of `written`, read back.
    fn read(written: Vec<u8>) -> (refdata::RefData, gazetteer::Gazetteer, epci::EpciIndex) {
        let layout = lay_out(Vec::leak(written)).expect("written from these TSV files");
        let reader = |part: Part| Reader {
            text: layout.text,
            numbers: layout.numbers,
            at: layout.parts[part as usize],
        };
        (
            refdata::RefData::read(&mut reader(Part::RefData)).expect("reads"),
            gazetteer::Gazetteer::read(&mut reader(Part::Gazetteer)).expect("reads"),
            epci::EpciIndex::read(&mut reader(Part::Epci)).expect("reads"),
        )
    }

    #[test]
    fn what_is_read_back_is_what_the_tsv_files_build() {
        let (data, gazetteer, epci) = read(write());
        // written again from what was read, the same bytes: nothing was lost
        let mut again = Writer::default();
        data.write(&mut again);
        gazetteer.write(&mut again);
        epci.write(&mut again);
        let mut built = Writer::default();
        refdata::get().write(&mut built);
        gazetteer::get().write(&mut built);
        epci::get().write(&mut built);
        assert_eq!(again.numbers, built.numbers);
        assert_eq!(again.text, built.text);
        assert_eq!(format!("{data:?}"), format!("{:?}", refdata::get()));
    }

    #[test]
    fn bytes_from_other_tsv_files_are_ignored() {
        let mut written = write();
        let text_len = u32::from_le_bytes(written[..4].try_into().unwrap()) as usize;
        // the first number of the fingerprint, one more
        let at = 4 + text_len + 4;
        written[at] = written[at].wrapping_add(1);
        assert!(lay_out(Vec::leak(written)).is_none());
        assert!(lay_out(&[]).is_none());
    }
}
