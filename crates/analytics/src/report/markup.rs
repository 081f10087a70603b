//! Escaping for the report page: document text is untrusted, so every
//! string that comes from a record goes through [`escape`] before it
//! reaches HTML or SVG, and data for the page's script goes through
//! [`json_script`], which cannot be closed early by a `</script>` inside a
//! document.

use serde::Serialize;

/// Text made safe for HTML and SVG content and for attribute values (double
/// or single quoted): `&`, `<`, `>`, `"` and `'` become references.
pub fn escape(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

/// `value` as JSON inside `<script type="application/json" id="ID">`.
///
/// `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026`, which
/// JSON reads back as the same characters, so no `</script>` or `<!--` can
/// appear inside the element, whatever the documents say.
pub fn json_script(id: &str, value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).expect("report data serializes");
    let mut out = String::with_capacity(json.len() + 64);
    out.push_str("<script type=\"application/json\" id=\"");
    out.push_str(&escape(id));
    out.push_str("\">");
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            _ => out.push(c),
        }
    }
    out.push_str("</script>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_document_is_shown_not_run() {
        assert_eq!(
            escape(r#"<img src=x onerror="alert('1')"> & co"#),
            "&lt;img src=x onerror=&quot;alert(&#x27;1&#x27;)&quot;&gt; &amp; co"
        );
        assert_eq!(escape("Côte-d'Or"), "Côte-d&#x27;Or");
    }

    #[test]
    fn a_closing_script_tag_in_the_data_cannot_end_the_script() {
        let hostile = vec!["</script><script>alert(1)</script>", "<!-- a & b -->"];
        let html = json_script("data", &hostile);
        let inside = html
            .strip_prefix("<script type=\"application/json\" id=\"data\">")
            .and_then(|rest| rest.strip_suffix("</script>"))
            .unwrap();
        assert!(!inside.contains('<') && !inside.contains('>'), "{inside}");
        let back: Vec<String> = serde_json::from_str(inside).unwrap();
        assert_eq!(back, hostile);
    }
}
