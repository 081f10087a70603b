//! Bytes -> `Document`: format detected by content, text decoded, markup removed.
//!
//! `detect.rs` decides the format (and refuses a `.pdf` that is really HTML),
//! `encoding.rs` decodes bytes to text, `txt.rs`, `html.rs` and `pdf.rs` produce the
//! raw text (`text_columns.rs` reads a plain text's two columns one after the other), pages separated by `\f`; `ocr.rs` reads scanned pages with Tesseract
//! (`raster.rs` cleans their pictures first, `scan_layout.rs` puts the words
//! it reads back in lines and columns). Nothing here normalizes text or reads
//! rules: the repairs of OCR text belong to `normalize::ocr`, which `pdf.rs` calls
//! on the pages OCR read.

pub mod detect;
pub mod encoding;
pub mod furniture;
pub mod html;
pub mod layout;
pub mod ocr;
pub mod pdf;
pub mod pictures;
pub mod raster;
pub mod scan_layout;
pub mod text_columns;
pub mod txt;

use crate::record::{Format, OcrPage};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A document's raw text and what is known of how it was read.
#[derive(Debug, Clone)]
pub struct Document {
    /// Detected format.
    pub format: Format,
    /// Encoding the text was decoded from; `None` for PDF.
    pub encoding: Option<String>,
    /// Whether a byte-order mark was present.
    pub bom: bool,
    /// Page count, for PDF.
    pub pages: Option<u32>,
    /// The text, pages separated by `\f`.
    pub text: String,
    /// For PDF, the engine that produced the text (`pdf-extract`, `lopdf`,
    /// `pdftotext`, `tesseract 5.3.0`, or a text-layer engine and Tesseract).
    pub engine: Option<String>,
    /// For PDF, the pages OCR read.
    pub ocr_pages: Vec<OcrPage>,
}

/// Why a PDF without a text layer was not read by OCR.
#[derive(Debug, Error, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoOcr {
    /// `--ocr off`.
    #[error("OCR is off (--ocr off); run with --ocr auto to read its scanned pages")]
    Off,
    /// Tesseract or pdftoppm cannot be run.
    #[error("a scanned image? OCR cannot read it: {0}; {hint}, or run OCR first (e.g. ocrmypdf)", hint = ocr::INSTALL_HINT)]
    ToolsMissing(String),
    /// No page shows a picture: blank or drawn pages, nothing to read.
    #[error("its pages are blank or drawn, with no scanned picture to read")]
    NoPicture,
}

/// Why a document could not be read. Each variant has a stable `code()`.
#[derive(Debug, Error, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum IngestError {
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    /// A FIFO, device, socket or folder where a document was expected
    /// (`zero.txt -> /dev/zero`, a named pipe `b.txt`): never opened, since
    /// reading it could block or never end.
    #[error("{0}, not a regular file: skipped without reading it")]
    NotAFile(String),
    /// The file is empty or holds only whitespace.
    #[error("the file is empty")]
    Empty,
    /// The file is larger than the configured limit.
    #[error("the file has {bytes} bytes, over the limit of {limit} (raise it with --max-bytes)")]
    TooLarge {
        /// Its size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// The extension promises one format and the content is another.
    #[error("the extension says {expected} but the content is {found} (a failed download?)")]
    FormatMismatch {
        /// What the extension says.
        expected: String,
        /// What the content is.
        found: String,
    },
    /// Binary content that is no supported format; when its NUL bytes say
    /// it is UTF-16 or UTF-32 text that does not decode, a hint says which.
    #[error(
        "binary content that is neither text, HTML nor PDF{}",
        .0.as_ref().map(|hint| format!("; {hint}")).unwrap_or_default()
    )]
    Binary(Option<String>),
    /// Text that cannot be decoded in its declared or detected encoding.
    #[error("the text cannot be decoded: {0}")]
    Undecodable(String),
    /// A PDF protected by a password.
    #[error("the PDF is encrypted; decrypt it first (e.g. qpdf --decrypt)")]
    PdfEncrypted,
    /// A PDF that cannot be parsed.
    #[error("the PDF cannot be read: {0}")]
    PdfCorrupt(String),
    /// A PDF without a text layer, and why OCR did not read it.
    #[error("the PDF has no text layer: {0}")]
    PdfNoText(NoOcr),
    /// A scanned PDF whose pages OCR reads no usable text from.
    #[error(
        "the PDF is a scan whose {pages} page(s) OCR cannot read: {}; scan it again at 300 dpi",
        unreadable_because(*best, *dpi)
    )]
    PdfOcrUnreadable {
        /// Pages read by OCR.
        pages: u32,
        /// The best page's mean word confidence, rounded (0 to 100).
        best: Option<u32>,
        /// When every page was scanned under `pdf::MIN_SCAN_DPI`, the best
        /// resolution.
        dpi: Option<u32>,
    },
    /// OCR of a page ran past its time limit.
    #[error("OCR of page {page} took more than {} s and was stopped (raise it with --ocr-timeout)", *.millis as f64 / 1000.0)]
    OcrTimeout {
        /// The page, from 1.
        page: u32,
        /// The limit, in milliseconds.
        millis: u64,
    },
    /// The PDF parser ran past the time limit; its worker was stopped.
    #[error("the PDF took more than {} s to parse and was stopped (raise it with --pdf-timeout)", *.millis as f64 / 1000.0)]
    PdfTimeout {
        /// The limit, in milliseconds.
        millis: u64,
    },
    /// The PDF parser's worker process died (stack overflow, memory limit, abort).
    #[error(
        "the PDF parser crashed on this file ({0}); the batch goes on (memory limit: --pdf-memory)"
    )]
    PdfCrashed(String),
    /// An optional PDF engine is not installed (never reported alone).
    #[error("pdftotext is not installed")]
    PdfToolMissing,
    /// Extraction ran past its time limit (see `budget.rs`) and was stopped.
    #[error("extracting the fields took more than {} s and was stopped (raise it with --extract-timeout)", *.millis as f64 / 1000.0)]
    ExtractTimeout {
        /// The limit, in milliseconds.
        millis: u64,
    },
    /// Extraction held more memory than its limit (see `budget.rs`) and was
    /// stopped.
    #[error("extracting the fields took more than {mib} MiB of memory and was stopped (raise it with --extract-memory)")]
    ExtractMemory {
        /// The limit, in MiB.
        mib: u64,
    },
    /// A stage panicked on this document; the batch goes on.
    #[error("internal error while processing this document: {0}")]
    Panic(String),
}

/// Why no page of a scan could be read, for `PdfOcrUnreadable`'s message.
fn unreadable_because(best: Option<u32>, dpi: Option<u32>) -> String {
    match (dpi, best) {
        (Some(dpi), _) => format!(
            "scanned at {dpi} dpi, under the {} dpi OCR needs to read letters surely",
            pdf::MIN_SCAN_DPI
        ),
        (None, Some(best)) => format!(
            "best mean confidence {best}, under {}: a blank or photo page, or too low a resolution",
            pdf::MIN_OCR_CONFIDENCE
        ),
        (None, None) => "no word read: blank or photo pages".to_string(),
    }
}

impl IngestError {
    /// Stable machine-readable code, `stage.problem`.
    pub fn code(&self) -> &'static str {
        match self {
            IngestError::Unreadable(_) => "input.unreadable",
            IngestError::NotAFile(_) => "input.not_a_file",
            IngestError::Empty => "input.empty",
            IngestError::TooLarge { .. } => "input.too_large",
            IngestError::FormatMismatch { .. } => "input.format_mismatch",
            IngestError::Binary(_) => "input.binary",
            IngestError::Undecodable(_) => "input.undecodable",
            IngestError::PdfEncrypted => "pdf.encrypted",
            IngestError::PdfCorrupt(_) => "pdf.corrupt",
            IngestError::PdfNoText(_) => "pdf.no_text",
            IngestError::PdfOcrUnreadable { .. } => "pdf.ocr_unreadable",
            IngestError::OcrTimeout { .. } => "pdf.ocr_timeout",
            IngestError::PdfTimeout { .. } => "pdf.timeout",
            IngestError::PdfCrashed(_) => "pdf.crashed",
            IngestError::PdfToolMissing => "pdf.tool_missing",
            IngestError::ExtractTimeout { .. } => "extract.timeout",
            IngestError::ExtractMemory { .. } => "extract.memory",
            IngestError::Panic(_) => "internal.panic",
        }
    }
}

/// Reads a document from its bytes; `extension` is the file's, lower case, if any.
/// PDFs are parsed in this process, scanned pages read by OCR as `OcrConfig`'s
/// default says (`auto`, `fra`).
pub fn read(bytes: &[u8], extension: Option<&str>) -> Result<Document, IngestError> {
    read_with(bytes, extension, &pdf::InProcess::default())
}

/// Like `read`, with PDFs parsed by `pdf_reader` (isolated workers in a batch).
pub fn read_with(
    bytes: &[u8],
    extension: Option<&str>,
    pdf_reader: &dyn pdf::PdfReader,
) -> Result<Document, IngestError> {
    match detect::detect(bytes, extension)? {
        Format::Pdf => pdf::read_with(bytes, pdf_reader),
        Format::Html => html::read(bytes),
        Format::Text => txt::read(bytes),
    }
}
