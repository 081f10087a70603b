//! Tests of the whole generator: same seed, same bytes; sizes; kinds; PDFs
//! that lopdf reads back with the drawn page count.

use super::*;

fn text_generator() -> Generator {
    Generator::new(Config {
        pdf_share: 0.0,
        ..Config::default()
    })
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = Generator::new(Config::default());
    let b = Generator::new(Config::default());
    let c = Generator::new(Config {
        seed: 2,
        ..Config::default()
    });
    for i in [0, 1, 19, 57] {
        assert_eq!(a.document(i).bytes, b.document(i).bytes, "document {i}");
        assert_ne!(a.document(i).bytes, c.document(i).bytes, "document {i}");
    }
}

#[test]
fn text_documents_weigh_two_to_ten_kilobytes() {
    let generator = text_generator();
    for i in 0..120 {
        let doc = generator.document(i);
        let text = match doc.kind {
            Kind::Press => doc.bytes.len(),
            Kind::News => visible_text(&doc.bytes),
            Kind::Convention => unreachable!("no PDF with a share of 0"),
        };
        assert!(
            (2048..=10240).contains(&text),
            "document {i} ({:?}) has {text} bytes of text",
            doc.kind
        );
    }
}

/// Bytes of an HTML page outside tags, scripts and styles (entities counted as written).
fn visible_text(html: &[u8]) -> usize {
    let html = String::from_utf8_lossy(html);
    let mut rest = html.as_ref();
    let mut count = 0;
    while let Some(open) = rest.find('<') {
        count += rest[..open].trim().len();
        let skip_to = if rest[open..].starts_with("<script") {
            "</script>"
        } else if rest[open..].starts_with("<style") {
            "</style>"
        } else {
            ">"
        };
        match rest[open..].find(skip_to) {
            Some(end) => rest = &rest[open + end + skip_to.len()..],
            None => return count,
        }
    }
    count + rest.trim().len()
}

#[test]
fn kinds_have_exact_shares_and_stable_names() {
    let generator = Generator::new(Config::default());
    let mut counts = std::collections::BTreeMap::new();
    for i in 0..1000 {
        *counts.entry(generator.kind(i)).or_insert(0) += 1;
    }
    assert_eq!(counts[&Kind::Convention], 50);
    assert_eq!(counts[&Kind::News], (950.0 * 0.37f64).floor() as i32);
    assert_eq!(generator.file_name(19), "000/000019-convention.pdf");
    assert_eq!(
        generator.file_name(1234).len(),
        "001/001234-press.txt".len()
    );
    let only_pdf = Generator::new(Config {
        pdf_share: 1.0,
        ..Config::default()
    });
    assert!((0..50).all(|i| only_pdf.kind(i) == Kind::Convention));
}

#[test]
fn conventions_have_the_drawn_page_count_and_read_back() {
    for pages in [5, 13, 40] {
        let generator = Generator::new(Config {
            pdf_share: 1.0,
            pdf_pages: (pages, pages),
            ..Config::default()
        });
        for i in 0..2 {
            let doc = generator.document(i);
            assert_eq!(doc.pages, pages as usize, "document {i}");
            let pdf = lopdf::Document::load_mem(&doc.bytes).expect("lopdf reads it");
            assert_eq!(pdf.get_pages().len(), pages as usize);
            let first = pdf.extract_text(&[1]).expect("page 1 has text");
            assert!(first.contains("CONVENTION TERRITORIALE GLOBALE"), "{first}");
            let last = pdf.extract_text(&[pages - 1]).unwrap_or_default();
            let before = pdf.extract_text(&[pages - 2]).unwrap_or_default();
            assert!(
                last.contains("Fait à") || before.contains("Fait à"),
                "document {i}: no signature line near the end"
            );
        }
    }
}
