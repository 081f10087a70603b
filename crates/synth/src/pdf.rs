//! A minimal PDF writer on lopdf: pages of positioned text runs in the
//! standard Helvetica fonts (WinAnsiEncoding), each page's content stream
//! optionally compressed. Also the text width of a run, to wrap lines.
//!
//! Only what generated documents and tests need: no images, no embedded fonts,
//! no text outside windows-1252.

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// A standard font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    /// Helvetica.
    Regular,
    /// Helvetica-Bold.
    Bold,
    /// Helvetica-Oblique.
    Italic,
}

impl Font {
    fn resource(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
            Font::Italic => "F3",
        }
    }
}

/// A run of text at a position (points from the bottom left of an A4 page).
#[derive(Debug, Clone)]
pub struct Run {
    /// Left of the baseline.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Font size in points.
    pub size: f32,
    /// Font.
    pub font: Font,
    /// The text (characters outside windows-1252 are dropped).
    pub text: String,
}

/// The runs of one page.
pub type Page = Vec<Run>;

/// A4 width, in points.
pub const PAGE_WIDTH: f32 = 595.0;
/// A4 height, in points.
pub const PAGE_HEIGHT: f32 = 842.0;

/// Helvetica advance widths (per 1000 em) of the printable ASCII characters.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/// The width of `text` in points at `size` (bold about 6% wider; letters
/// outside ASCII counted as an average lower-case letter).
pub fn width(text: &str, size: f32, font: Font) -> f32 {
    let units: u32 = text
        .chars()
        .map(|c| match c as u32 {
            code @ 32..=126 => u32::from(HELVETICA[(code - 32) as usize]),
            _ => 556,
        })
        .sum();
    let bold = if font == Font::Bold { 1.06 } else { 1.0 };
    units as f32 * size / 1000.0 * bold
}

/// Metadata of the document information dictionary.
#[derive(Debug, Clone, Default)]
pub struct Info {
    /// Title.
    pub title: String,
    /// Creation date, `D:YYYYMMDDHHmmSS`.
    pub created: String,
}

/// Writes `pages` as a PDF; `compress` deflates the content streams.
pub fn write(pages: &[Page], compress: bool, info: Option<&Info>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = |doc: &mut Document, name: &str| {
        doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => name.to_string(),
            "Encoding" => "WinAnsiEncoding",
        })
    };
    let fonts = dictionary! {
        "F1" => font(&mut doc, "Helvetica"),
        "F2" => font(&mut doc, "Helvetica-Bold"),
        "F3" => font(&mut doc, "Helvetica-Oblique"),
    };
    let resources_id = doc.add_object(dictionary! { "Font" => fonts });
    let mut kids = Vec::with_capacity(pages.len());
    for page in pages {
        let mut stream = Stream::new(dictionary! {}, content(page));
        if compress {
            // the stream was just made without a filter: compressing cannot fail
            let _ = stream.compress();
        }
        let content_id = doc.add_object(stream);
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    if let Some(info) = info {
        let info_id = doc.add_object(dictionary! {
            "Title" => Object::string_literal(winansi(&info.title)),
            "Producer" => Object::string_literal("gencorpus"),
            "CreationDate" => Object::string_literal(info.created.clone()),
        });
        doc.trailer.set("Info", info_id);
    }
    finish(doc, pages_id, kids, Some(resources_id))
}

/// A one-page PDF whose only content is `content`, with no fonts.
pub fn one_page(content: Stream) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let content_id = doc.add_object(content);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
    });
    finish(doc, pages_id, vec![page_id.into()], None)
}

/// Text in windows-1252, the bytes of a WinAnsiEncoding string.
fn winansi(text: &str) -> Vec<u8> {
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    bytes.into_owned()
}

/// The content stream of a page: one text object, each run placed with `Td`
/// relative to the previous one, the font set when it changes.
fn content(page: &Page) -> Vec<u8> {
    let mut operations = Vec::with_capacity(page.len() * 3 + 2);
    operations.push(Operation::new("BT", vec![]));
    let (mut x, mut y) = (0.0f32, 0.0f32);
    let mut current: Option<(Font, f32)> = None;
    for run in page {
        if current != Some((run.font, run.size)) {
            operations.push(Operation::new(
                "Tf",
                vec![run.font.resource().into(), run.size.into()],
            ));
            current = Some((run.font, run.size));
        }
        operations.push(Operation::new(
            "Td",
            vec![round(run.x - x).into(), round(run.y - y).into()],
        ));
        (x, y) = (run.x, run.y);
        let text = Object::String(winansi(&run.text), StringFormat::Literal);
        operations.push(Operation::new("Tj", vec![text]));
    }
    operations.push(Operation::new("ET", vec![]));
    Content { operations }
        .encode()
        .expect("text operations encode")
}

/// Two decimals, so that the content stream is stable and short.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// Adds the page tree (with `kids`) and the catalog, and saves.
fn finish(
    mut doc: Document,
    pages_id: ObjectId,
    kids: Vec<Object>,
    resources: Option<ObjectId>,
) -> Vec<u8> {
    let count = kids.len() as i64;
    let mut pages = dictionary! {
        "Type" => "Pages", "Kids" => kids, "Count" => count,
        "MediaBox" => vec![0.into(), 0.into(), PAGE_WIDTH.into(), PAGE_HEIGHT.into()],
    };
    if let Some(resources) = resources {
        pages.set("Resources", resources);
    }
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("a PDF saves to memory");
    out
}

/// A PDF whose pages show `lines` (one page per entry), Helvetica 11 pt from the
/// top left, uncompressed: the small documents of tests.
pub fn text_pdf(pages: &[&[&str]]) -> Vec<u8> {
    let pages: Vec<Page> = pages
        .iter()
        .map(|lines| {
            lines
                .iter()
                .enumerate()
                .map(|(i, line)| Run {
                    x: 60.0,
                    y: 780.0 - 14.0 * i as f32,
                    size: 11.0,
                    font: Font::Regular,
                    text: (*line).to_string(),
                })
                .collect()
        })
        .collect();
    write(&pages, false, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_read_back_with_their_text() {
        let bytes = text_pdf(&[
            &["Convention territoriale globale", "Fait à Niort"],
            &["Page 2"],
        ]);
        let doc = Document::load_mem(&bytes).expect("loads");
        assert_eq!(doc.get_pages().len(), 2);
        let text = doc.extract_text(&[1]).expect("text");
        assert!(text.contains("Fait à Niort"), "{text}");
    }

    #[test]
    fn widths_follow_helvetica() {
        assert!((width("Il", 10.0, Font::Regular) - 5.0).abs() < 0.01);
        assert!(width("MM", 10.0, Font::Bold) > width("MM", 10.0, Font::Regular));
    }
}
