//! PDF bytes -> the pictures each page draws, and their resolution.
//!
//! OCR reads only pages that show a picture (a scan does; a blank or drawn
//! page has nothing to read), and a scan's resolution says whether it can be
//! read at all: at 60 dpi a letter is six pixels high, and Tesseract, sure of
//! itself at 55 to 75, makes "Moñsteur Dominique Manani" of "Monsieur
//! Dominique Mariani". The resolution of a page is its largest image's long
//! side in pixels over the page's long side in inches (a landscape scan may be
//! placed turned on a portrait page).
//!
//! Nothing here decodes an image or reads text.

/// What a page draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PagePictures {
    /// Whether it draws an image (an image XObject, directly or in a form, or
    /// an inline image).
    pub shown: bool,
    /// The resolution of its largest image XObject, in pixels per inch of the
    /// page's long side; `None` without one (or with inline images only).
    pub dpi: Option<u32>,
}

/// For each page, what it draws; `None` when lopdf cannot open the file.
pub fn pages(bytes: &[u8]) -> Option<Vec<PagePictures>> {
    let doc = lopdf::Document::load_mem(bytes).ok()?;
    Some(
        doc.get_pages()
            .values()
            .map(|&id| {
                let inline = doc
                    .get_page_content(id)
                    .is_ok_and(|c| c.windows(3).any(|w| w == b"BI " || w == b"BI\n"));
                let (resources, inherited) =
                    doc.get_page_resources(id).unwrap_or((None, Vec::new()));
                let dictionaries: Vec<lopdf::Dictionary> = resources
                    .into_iter()
                    .cloned()
                    .chain(
                        inherited
                            .into_iter()
                            .filter_map(|r| doc.get_dictionary(r).ok().cloned()),
                    )
                    .collect();
                let widest = dictionaries
                    .iter()
                    .filter_map(|d| widest_image(&doc, d, 2))
                    .max();
                let dpi = widest.and_then(|px| {
                    let inches = page_side(&doc, id)? / 72.0;
                    (inches > 0.0).then(|| (px as f32 / inches).round() as u32)
                });
                PagePictures {
                    shown: inline || widest.is_some(),
                    dpi,
                }
            })
            .collect(),
    )
}

/// The long side in pixels of the largest image XObject a resource
/// dictionary names (looking `depth` forms deep).
fn widest_image(doc: &lopdf::Document, resources: &lopdf::Dictionary, depth: u32) -> Option<i64> {
    let xobjects = resources
        .get(b"XObject")
        .and_then(|o| doc.dereference(o).map(|(_, o)| o))
        .and_then(lopdf::Object::as_dict)
        .ok()?;
    xobjects
        .iter()
        .filter_map(|(_, object)| {
            let stream = doc
                .dereference(object)
                .and_then(|(_, o)| o.as_stream())
                .ok()?;
            match stream.dict.get(b"Subtype").and_then(lopdf::Object::as_name) {
                Ok(b"Image") => {
                    let side = |key: &[u8]| {
                        stream
                            .dict
                            .get(key)
                            .and_then(|w| doc.dereference(w).map(|(_, o)| o))
                            .and_then(lopdf::Object::as_i64)
                            .unwrap_or(0)
                    };
                    Some(side(b"Width").max(side(b"Height"))).filter(|&s| s > 0)
                }
                Ok(b"Form") if depth > 0 => stream
                    .dict
                    .get(b"Resources")
                    .and_then(|o| doc.dereference(o).map(|(_, o)| o))
                    .and_then(lopdf::Object::as_dict)
                    .ok()
                    .and_then(|r| widest_image(doc, r, depth - 1)),
                _ => None,
            }
        })
        .max()
}

/// A page's long side in points, from its MediaBox (its own or inherited).
fn page_side(doc: &lopdf::Document, page: lopdf::ObjectId) -> Option<f32> {
    let mut id = page;
    for _ in 0..32 {
        let dict = doc.get_dictionary(id).ok()?;
        if let Ok(lopdf::Object::Array(media)) = dict
            .get(b"MediaBox")
            .and_then(|o| doc.dereference(o).map(|(_, o)| o))
        {
            let number = |o: &lopdf::Object| match o {
                lopdf::Object::Integer(i) => Some(*i as f32),
                lopdf::Object::Real(r) => Some(*r),
                _ => None,
            };
            let values: Vec<f32> = media.iter().filter_map(number).collect();
            return (values.len() == 4).then(|| {
                (values[2] - values[0])
                    .abs()
                    .max((values[3] - values[1]).abs())
            });
        }
        id = dict
            .get(b"Parent")
            .and_then(lopdf::Object::as_reference)
            .ok()?;
    }
    None
}

/// The bytes of a test PDF whose page tree `pages_id` holds `kids`, on A4,
/// with its catalog (shared by the PDF tests of `ingest`).
#[cfg(test)]
pub(super) fn a4_pdf(
    mut doc: lopdf::Document,
    pages_id: lopdf::ObjectId,
    kids: Vec<lopdf::Object>,
) -> Vec<u8> {
    use lopdf::{dictionary, Object};
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Count" => kids.len() as i64, "Kids" => kids,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    /// A one-page A4 PDF that draws an image of `width` x `height` pixels, or
    /// nothing.
    fn page_with_image(size: Option<(i64, i64)>) -> Vec<u8> {
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let mut resources = lopdf::Dictionary::new();
        let mut content = b"0 0 1 rg 10 10 50 50 re f".to_vec();
        if let Some((width, height)) = size {
            let image = doc.add_object(Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Image", "Width" => width,
                    "Height" => height, "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
                },
                vec![255; (width * height) as usize],
            ));
            resources.set("XObject", dictionary! { "Im0" => image });
            content = b"q 595 0 0 842 0 0 cm /Im0 Do Q".to_vec();
        }
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => resources,
        });
        a4_pdf(doc, pages_id, vec![page_id.into()])
    }

    #[test]
    fn a_scan_shows_its_resolution_and_a_drawn_page_no_picture() {
        // A4 is 11.69 inches high: 3508 pixels are 300 dpi, 701 are 60
        let at_300 = pages(&page_with_image(Some((2480, 3508)))).unwrap();
        assert_eq!(
            at_300,
            [PagePictures {
                shown: true,
                dpi: Some(300)
            }]
        );
        let at_60 = pages(&page_with_image(Some((496, 701)))).unwrap();
        assert_eq!(at_60[0].dpi, Some(60));
        // a landscape scan turned on the page: its long side counts
        let turned = pages(&page_with_image(Some((3508, 2480)))).unwrap();
        assert_eq!(turned[0].dpi, Some(300));
        let drawn = pages(&page_with_image(None)).unwrap();
        assert_eq!(
            drawn,
            [PagePictures {
                shown: false,
                dpi: None
            }]
        );
        assert_eq!(pages(b"%PDF-1.4 junk"), None);
    }
}
