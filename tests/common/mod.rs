//! Test helpers shared by the integration tests: small PDFs, built by the
//! generator's lopdf writer (`ctg::synth::pdf`).

#![allow(dead_code)]

use lopdf::Stream;

/// A PDF whose pages show `lines` (one page per entry), in a standard font.
pub fn text_pdf(pages: &[&[&str]]) -> Vec<u8> {
    ctg::synth::pdf::text_pdf(pages)
}

/// A one-page PDF with this content stream and no fonts.
pub fn one_page_pdf(content: Stream) -> Vec<u8> {
    ctg::synth::pdf::one_page(content)
}
