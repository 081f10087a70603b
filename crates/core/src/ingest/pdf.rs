//! PDF -> text, one page after another separated by `\f`.
//!
//! Three engines read the text layer, tried in order until one gives readable
//! text: pdf-extract, lopdf's own text extraction (it also opens files whose
//! cross-reference table pdf-extract cannot rebuild, and decrypts a file whose
//! user password is empty), then poppler's `pdftotext` when it is installed.
//! The record says which one produced the text. A panic inside an engine is
//! caught and the next engine tries.
//!
//! Then OCR (`ocr.rs`), as `OcrConfig` says: with `auto`, the pages whose text
//! layer is missing or too thin (under [`THIN_PAGE_LETTERS`] letters) and that
//! show a picture (`pictures.rs`; a blank or drawn page has nothing to read),
//! and the pages whose text layer is garbled; with `force`, every page. A
//! page's OCR text replaces its text layer when its confidence is at least
//! [`MIN_OCR_CONFIDENCE`], its picture has at least [`MIN_SCAN_DPI`], and it
//! holds more than twice the letters. The OCR
//! pages are repaired (`normalize::ocr`), then running headers, footers and
//! page numbers are removed from all pages (`furniture.rs`).
//!
//! Stack overflows, runaway memory and endless loops are not caught here: the
//! batch parses PDFs in worker processes with time and memory limits
//! (`crate::isolate`). This module is what such a worker runs.

use super::layout::Layout;
use super::ocr::{self, OcrConfig, OcrMode, PageText};
use super::pictures::{self, PagePictures};
use super::{furniture, Document, IngestError, NoOcr};
use crate::normalize;
use crate::record::{Confidence, Format, OcrPage};
use serde::{Deserialize, Serialize};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A page whose text layer has fewer letters than this may be a scan with a
/// stamp on it ("Reçu en préfecture le ..."): `auto` reads it by OCR when it
/// shows a picture.
pub const THIN_PAGE_LETTERS: usize = 200;

/// A page whose OCR words have a lower mean confidence gives no text: a photo,
/// a blank page, a scan at too low a resolution.
pub const MIN_OCR_CONFIDENCE: f32 = 50.0;

/// A scanned page of a lower resolution gives no text, whatever Tesseract's
/// confidence: at 60 or 75 dpi it reads names wrong and is sure of them
/// (`pictures.rs`). A noisy 110-dpi scan still reads well.
pub const MIN_SCAN_DPI: u32 = 90;

/// The text of a PDF, page by page, and the engine that read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PdfText {
    /// One string per page.
    pub pages: Vec<String>,
    /// `pdf-extract`, `lopdf` or `pdftotext`; `tesseract 5.3.0` when every
    /// page with text was read by OCR, both when some were.
    pub engine: String,
    /// The pages OCR read; the text of those `used` is Tesseract's, raw.
    #[serde(default)]
    pub ocr: Vec<OcrPage>,
}

/// Somewhere PDFs are parsed: in this process, or in isolated workers.
pub trait PdfReader: Sync {
    /// The pages of the PDF `bytes`.
    fn pages(&self, bytes: &[u8]) -> Result<PdfText, IngestError>;
}

/// Parses PDFs in the calling process (no protection against crashes or
/// hangs), scanned pages read by OCR as `ocr` says.
#[derive(Debug, Default, Clone)]
pub struct InProcess {
    /// When and how pages are read by OCR.
    pub ocr: OcrConfig,
}

impl PdfReader for InProcess {
    fn pages(&self, bytes: &[u8]) -> Result<PdfText, IngestError> {
        extract_pages(bytes, &self.ocr, &mut |_| {})
    }
}

/// Reads a PDF in this process, OCR as `OcrConfig`'s default says.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    read_with(bytes, &InProcess::default())
}

/// Reads a PDF with `reader`, repairs its OCR pages, then removes the page
/// furniture.
pub fn read_with(bytes: &[u8], reader: &dyn PdfReader) -> Result<Document, IngestError> {
    let mut text = reader.pages(bytes)?;
    let document = text.pages.join("\n");
    for page in text.ocr.iter().filter(|p| p.used) {
        if let Some(raw) = text.pages.get_mut(page.page as usize - 1) {
            *raw = normalize::ocr::repair(raw, &document);
        }
    }
    let (pages, _) = furniture::clean_pages(&text.pages);
    Ok(Document {
        format: Format::Pdf,
        encoding: None,
        bom: false,
        pages: Some(pages.len() as u32),
        text: pages.join("\u{c}"),
        engine: Some(text.engine),
        ocr_pages: text.ocr,
    })
}

/// An engine: PDF bytes -> one string per page.
type Engine = fn(&[u8]) -> Result<Vec<String>, IngestError>;

/// The text layer, then OCR as `ocr` says; `announce` is told how many pages
/// OCR is about to read (a worker's parent gives it more time).
pub fn extract_pages(
    bytes: &[u8],
    ocr: &OcrConfig,
    announce: &mut dyn FnMut(usize),
) -> Result<PdfText, IngestError> {
    let layer = text_layer(bytes)?;
    let mut seen: Option<Vec<PagePictures>> = None;
    let mut pictures = || {
        seen.get_or_insert_with(|| pictures::pages(bytes).unwrap_or_default())
            .clone()
    };
    let wanted = pages_to_read(&layer, ocr.mode, &mut pictures);
    if wanted.is_empty() {
        return without_ocr(layer, ocr.mode, None);
    }
    let tools = match ocr::tools() {
        Ok(tools) => tools,
        Err(why) => return without_ocr(layer, ocr.mode, Some(why)),
    };
    announce(wanted.len());
    let read = ocr::read_pages(bytes, &wanted, ocr)?;
    merge(layer, &wanted, read, &pictures(), ocr.mode, &tools.engine)
}

/// What the text-layer engines gave: the first readable text, else the first
/// pages an engine opened (blank or garbled), to know the pages.
struct Layer {
    pages: Vec<String>,
    engine: String,
    readable: bool,
}

/// Runs the engines in turn; the first readable text wins.
fn text_layer(bytes: &[u8]) -> Result<Layer, IngestError> {
    let mut failures: Vec<IngestError> = Vec::new();
    let mut opened: Option<Layer> = None;
    let engines: [(&str, Engine); 3] = [
        ("pdf-extract", with_pdf_extract),
        ("lopdf", with_lopdf),
        ("pdftotext", with_pdftotext),
    ];
    for (name, engine) in engines {
        let outcome = catch_unwind(AssertUnwindSafe(|| engine(bytes))).unwrap_or_else(|panic| {
            Err(IngestError::PdfCorrupt(format!(
                "{name} panicked: {}",
                panic_message(&panic)
            )))
        });
        match outcome {
            Ok(pages) if readable(&pages) => {
                return Ok(Layer {
                    pages,
                    engine: name.to_string(),
                    readable: true,
                })
            }
            Ok(pages) => {
                if pages.iter().all(|p| p.trim().is_empty()) {
                    failures.push(IngestError::PdfNoText(NoOcr::NoPicture));
                } else {
                    failures.push(IngestError::PdfCorrupt(format!("{name} gave garbled text")));
                }
                opened.get_or_insert(Layer {
                    pages,
                    engine: name.to_string(),
                    readable: false,
                });
            }
            Err(e) => failures.push(e),
        }
    }
    match opened {
        Some(layer) if !failures.contains(&IngestError::PdfEncrypted) => Ok(layer),
        _ => Err(verdict(failures)),
    }
}

/// The pages (from 1) OCR should read; `pictures` tells what each page draws
/// (asked only when a page's text layer is thin).
fn pages_to_read(
    layer: &Layer,
    mode: OcrMode,
    pictures: &mut dyn FnMut() -> Vec<PagePictures>,
) -> Vec<u32> {
    let numbered = || (1..).zip(layer.pages.iter());
    match mode {
        OcrMode::Off => Vec::new(),
        OcrMode::Force => numbered().map(|(n, _)| n).collect(),
        OcrMode::Auto => {
            let thin: Vec<(u32, bool)> = numbered()
                .filter(|(_, page)| letters(page) < THIN_PAGE_LETTERS || !readable(&[page]))
                .map(|(n, page)| (n, !page.trim().is_empty() && !readable(&[page])))
                .collect();
            if thin.is_empty() {
                return Vec::new();
            }
            let pictures = pictures();
            thin.into_iter()
                .filter(|&(n, garbled)| {
                    // a file lopdf cannot open: every page may be a scan
                    garbled || pictures.get(n as usize - 1).is_none_or(|p| p.shown)
                })
                .map(|(n, _)| n)
                .collect()
        }
    }
}

/// The text layer alone, when OCR read nothing: its text if readable, else
/// why not (`missing`: why the OCR programs cannot run).
fn without_ocr(
    layer: Layer,
    mode: OcrMode,
    missing: Option<String>,
) -> Result<PdfText, IngestError> {
    if layer.readable {
        return Ok(PdfText {
            pages: layer.pages,
            engine: layer.engine,
            ocr: Vec::new(),
        });
    }
    if !layer.pages.iter().all(|p| p.trim().is_empty()) {
        return Err(IngestError::PdfCorrupt(format!(
            "{} gave garbled text",
            layer.engine
        )));
    }
    Err(IngestError::PdfNoText(match (mode, missing) {
        (OcrMode::Off, _) => NoOcr::Off,
        (_, Some(why)) => NoOcr::ToolsMissing(why),
        (_, None) => NoOcr::NoPicture,
    }))
}

/// The text layer with the OCR pages worth taking in place of theirs.
fn merge(
    mut layer: Layer,
    wanted: &[u32],
    read: Vec<PageText>,
    pictures: &[PagePictures],
    mode: OcrMode,
    engine: &str,
) -> Result<PdfText, IngestError> {
    let mut ocr = Vec::new();
    for (&n, page) in wanted.iter().zip(read) {
        let i = n as usize - 1;
        let layer_text = &layer.pages[i];
        let garbled = !layer_text.trim().is_empty() && !readable(&[layer_text]);
        let dpi = pictures.get(i).and_then(|p| p.dpi);
        let sure = page
            .confidence
            .is_some_and(|c| c >= MIN_OCR_CONFIDENCE && letters(&page.text) > 0)
            && dpi.is_none_or(|d| d >= MIN_SCAN_DPI);
        let used = sure
            && (mode == OcrMode::Force || garbled || letters(&page.text) > 2 * letters(layer_text));
        if used {
            layer.pages[i] = page.text;
        } else if garbled || mode == OcrMode::Force {
            layer.pages[i] = String::new();
        }
        ocr.push(OcrPage {
            page: n,
            dpi,
            confidence: page.confidence.map(Confidence),
            words: page.words,
            used,
        });
    }
    let from_ocr = ocr.iter().filter(|p| p.used).count();
    let from_layer = (1..)
        .zip(&layer.pages)
        .filter(|(n, p)| !p.trim().is_empty() && !ocr.iter().any(|o| o.page == *n && o.used))
        .count();
    if from_ocr == 0 && !(layer.readable && from_layer > 0) {
        let best = ocr
            .iter()
            .filter_map(|p| p.confidence)
            .map(|c| c.0.round() as u32)
            .max();
        // when every page is under the resolution OCR needs, that is why
        let dpi = ocr
            .iter()
            .map(|p| p.dpi.filter(|&d| d < MIN_SCAN_DPI))
            .collect::<Option<Vec<u32>>>()
            .and_then(|d| d.into_iter().max());
        return Err(IngestError::PdfOcrUnreadable {
            pages: ocr.len() as u32,
            best,
            dpi,
        });
    }
    let engine = match (from_layer, from_ocr) {
        (0, _) => engine.to_string(),
        (_, 0) => layer.engine,
        _ => format!("{} + {engine}", layer.engine),
    };
    Ok(PdfText {
        pages: layer.pages,
        engine,
        ocr,
    })
}

/// The error to report when no engine succeeded: encryption first (it explains
/// the rest), then "no text layer" if an engine opened the file and found no
/// text, else the first engine's complaint.
fn verdict(failures: Vec<IngestError>) -> IngestError {
    if failures.contains(&IngestError::PdfEncrypted) {
        return IngestError::PdfEncrypted;
    }
    if let Some(no_text) = failures
        .iter()
        .find(|e| matches!(e, IngestError::PdfNoText(_)))
    {
        return no_text.clone();
    }
    failures
        .into_iter()
        .find(|e| !matches!(e, IngestError::PdfToolMissing))
        .unwrap_or_else(|| IngestError::PdfCorrupt("no engine could read it".into()))
}

/// Letters in a page's text.
fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// Whether the pages hold text worth reading: some letters, and few characters
/// that decoding failed on (U+FFFD, private use, control characters).
fn readable<S: AsRef<str>>(pages: &[S]) -> bool {
    let mut letters = 0usize;
    let mut bad = 0usize;
    let mut total = 0usize;
    for c in pages.iter().flat_map(|p| p.as_ref().chars()) {
        if c.is_whitespace() {
            continue;
        }
        total += 1;
        if c.is_alphabetic() {
            letters += 1;
        }
        let private = ('\u{e000}'..='\u{f8ff}').contains(&c);
        if c == '\u{fffd}' || private || c.is_control() {
            bad += 1;
        }
    }
    letters > 0 && bad * 10 <= total && letters * 3 >= total
}

/// pdf-extract's glyphs, laid out by `layout.rs` (columns read one by one).
fn with_pdf_extract(bytes: &[u8]) -> Result<Vec<String>, IngestError> {
    let classify = |e: pdf_extract::OutputError| {
        let message = e.to_string();
        if message.to_lowercase().contains("encrypt") || message.contains("password") {
            IngestError::PdfEncrypted
        } else {
            IngestError::PdfCorrupt(message)
        }
    };
    let mut doc = pdf_extract::Document::load_mem(bytes)
        .map_err(|e| classify(pdf_extract::OutputError::PdfError(e)))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(IngestError::PdfEncrypted);
    }
    // every page in one call, so that each font is built once for the whole
    // document (vendor/pdf-extract/PATCH.md), not once per page
    let mut layout = Layout::default();
    pdf_extract::output_doc(&doc, &mut layout).map_err(classify)?;
    Ok(layout.into_pages())
}

fn with_lopdf(bytes: &[u8]) -> Result<Vec<String>, IngestError> {
    let mut doc = lopdf::Document::load_mem(bytes)
        .or_else(|_| {
            lopdf::Document::load_mem_with_options(bytes, lopdf::LoadOptions::with_password(""))
        })
        .map_err(|e| lopdf_error(&e))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(IngestError::PdfEncrypted);
    }
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    if numbers.is_empty() {
        return Err(IngestError::PdfCorrupt("lopdf found no page".into()));
    }
    Ok(numbers
        .iter()
        .map(|n| doc.extract_text(&[*n]).unwrap_or_default())
        .collect())
}

fn lopdf_error(e: &lopdf::Error) -> IngestError {
    let message = e.to_string();
    if message.to_lowercase().contains("decrypt") || message.to_lowercase().contains("password") {
        IngestError::PdfEncrypted
    } else {
        IngestError::PdfCorrupt(format!("lopdf: {message}"))
    }
}

/// poppler's `pdftotext`, when it is on the `PATH`.
fn with_pdftotext(bytes: &[u8]) -> Result<Vec<String>, IngestError> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = match Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-q", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(child) => child,
        Err(_) => return Err(IngestError::PdfToolMissing),
    };
    let writer = child.stdin.take().map(|mut stdin| {
        let bytes = bytes.to_vec();
        std::thread::spawn(move || stdin.write_all(&bytes))
    });
    let output = child
        .wait_with_output()
        .map_err(|e| IngestError::PdfCorrupt(format!("pdftotext: {e}")))?;
    if let Some(w) = writer {
        let _ = w.join();
    }
    if !output.status.success() {
        return Err(IngestError::PdfCorrupt(format!(
            "pdftotext exited with {}",
            output.status
        )));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Ok(pages)
}

/// The text of a caught panic's payload.
pub fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_with_letters_is_readable_and_decoding_debris_is_not() {
        assert!(readable(&["Convention territoriale globale"]));
        assert!(!readable(&["", "   "]));
        assert!(!readable(&["\u{fffd}\u{fffd}\u{fffd}\u{fffd} ab"]));
        assert!(!readable(&["12 34 56 78 90 / 12"]));
    }

    #[test]
    fn the_verdict_puts_encryption_first_then_a_missing_text_layer() {
        let corrupt = IngestError::PdfCorrupt("x".into());
        assert_eq!(
            verdict(vec![corrupt.clone(), IngestError::PdfEncrypted]),
            IngestError::PdfEncrypted
        );
        let no_text = IngestError::PdfNoText(NoOcr::NoPicture);
        assert_eq!(verdict(vec![corrupt.clone(), no_text.clone()]), no_text);
        assert_eq!(
            verdict(vec![corrupt.clone(), IngestError::PdfToolMissing]),
            corrupt
        );
    }

    /// Pages that each show `(ABC)` in the font their resources call `/F1`:
    /// Helvetica on the pages marked `false`, on the others Helvetica whose
    /// encoding puts X, Y and Z at the codes of A, B and C. Two font objects
    /// for three pages, so that the first is used again on page 3.
    fn pages_naming_two_fonts_f1(recoded: &[bool]) -> Vec<u8> {
        use lopdf::{dictionary, Object, Stream};
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let plain = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let differences: Vec<Object> = vec![65.into(), "X".into(), "Y".into(), "Z".into()];
        let xyz = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => dictionary! { "Type" => "Encoding", "Differences" => differences },
        });
        let mut kids = Vec::new();
        for &other in recoded {
            let font = if other { xyz } else { plain };
            let content = b"BT /F1 12 Tf 72 720 Td (ABC) Tj ET".to_vec();
            let content_id = doc.add_object(Stream::new(dictionary! {}, content));
            let page_id = doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            });
            kids.push(page_id.into());
        }
        pictures::a4_pdf(doc, pages_id, kids)
    }

    #[test]
    fn each_page_reads_its_own_font_when_a_name_changes_meaning() {
        // pdf-extract keeps fonts across pages by object id
        // (vendor/pdf-extract/PATCH.md): a resource name means the font its
        // own page gives it, and a font met again decodes as before
        let pages =
            with_pdf_extract(&pages_naming_two_fonts_f1(&[false, true, false, true])).unwrap();
        let pages: Vec<&str> = pages.iter().map(|p| p.trim()).collect();
        assert_eq!(pages, ["ABC", "XYZ", "ABC", "XYZ"]);
    }

    #[test]
    fn junk_after_a_pdf_header_is_corrupt_and_never_panics() {
        let err = extract_pages(
            b"%PDF-1.4\n%\xe2\xe3\n1 0 obj << /Type /Catalog",
            &OcrConfig::default(),
            &mut |_| {},
        )
        .unwrap_err();
        assert_eq!(err.code(), "pdf.corrupt");
    }
}
