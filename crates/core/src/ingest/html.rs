//! HTML -> the article's text, paragraphs and list items on their own lines.
//!
//! A small forgiving tokenizer, no DOM: it drops scripts, styles, navigation,
//! asides, forms and elements whose class or id names boilerplate (menus, cookie
//! banners, share buttons, "lire aussi" boxes); `<header>` and `<footer>` are dropped
//! unless inside `<article>` or `<main>` (where they hold the title and the date).
//! The `<title>` comes first, as its own paragraph. Short lines that are only
//! boilerplate ("Partager", "Suivez-nous") are removed at the end.

use super::{encoding, Document, IngestError};
use crate::record::Format;
use regex::bytes::Regex as BytesRegex;
use std::sync::LazyLock;

/// Elements dropped with their content.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "aside", "form", "button", "select",
    "iframe", "object", "canvas", "dialog",
];

/// Elements dropped with their content unless inside `<article>` or `<main>`.
const DROPPED_OUTSIDE_ARTICLE: &[&str] = &["header", "footer"];

/// Class or id tokens that mark boilerplate containers.
const BOILERPLATE_TOKENS: &[&str] = &[
    "menu",
    "nav",
    "navbar",
    "navigation",
    "topbar",
    "cookie",
    "cookies",
    "consent",
    "rgpd",
    "share",
    "sharing",
    "partage",
    "partager",
    "social",
    "reseaux",
    "breadcrumb",
    "breadcrumbs",
    "ariane",
    "sidebar",
    "related",
    "newsletter",
    "comments",
    "pagination",
];

/// Pairs of class tokens that mark boilerplate ("lire-aussi").
const BOILERPLATE_PAIRS: &[(&str, &str)] = &[("lire", "aussi"), ("voir", "aussi"), ("a", "lire")];

/// Short lines that are page furniture, whatever element holds them.
const BOILERPLATE_LINES: &[&str] = &[
    "partager",
    "suivez-nous",
    "suivez nous",
    "imprimer",
    "retour",
    "lire aussi",
    "à lire aussi",
    "accepter",
    "refuser",
    "tweeter",
    "j'aime",
    "haut de page",
    "aller au contenu",
];

/// Elements that break lines.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "blockquote",
    "figure",
    "figcaption",
    "pre",
    "address",
    "header",
    "footer",
    "dl",
    "hr",
];

/// Elements that end a line without a blank line.
const LINES: &[&str] = &["li", "tr", "td", "th", "dt", "dd", "br", "caption"];

/// Elements whose content is raw text (no tags inside).
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

/// Void elements (never closed).
const VOID: &[&str] = &[
    "br", "img", "meta", "link", "input", "hr", "area", "base", "col", "embed", "source", "track",
    "wbr", "param",
];

static META_CHARSET: LazyLock<BytesRegex> = LazyLock::new(|| {
    BytesRegex::new(r#"(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
        .expect("a fixed pattern compiles")
});

/// Reads an HTML document.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let head = &bytes[..bytes.len().min(4096)];
    let declared = META_CHARSET
        .captures(head)
        .and_then(|c| c.get(1))
        .map(|m| String::from_utf8_lossy(m.as_bytes()).into_owned());
    let decoded = encoding::decode(bytes, declared.as_deref())?;
    Ok(Document {
        format: Format::Html,
        encoding: Some(decoded.encoding),
        bom: decoded.bom,
        pages: None,
        text: to_text(&decoded.text),
        engine: None,
        ocr_pages: Vec::new(),
    })
}

/// A parsed tag.
struct Tag<'a> {
    name: String,
    closing: bool,
    self_closing: bool,
    attributes: &'a str,
}

fn parse_tag(inner: &str) -> Option<Tag<'_>> {
    let (closing, rest) = match inner.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, inner),
    };
    let name_end = rest
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(rest.len());
    let name = rest[..name_end].to_ascii_lowercase();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(Tag {
        name,
        closing,
        self_closing: rest.trim_end().ends_with('/'),
        attributes: &rest[name_end..],
    })
}

/// Whether the tag's class or id marks a boilerplate container.
fn is_boilerplate(attributes: &str) -> bool {
    let lower = attributes.to_lowercase();
    let mut tokens = Vec::new();
    for key in ["class", "id", "role"] {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(key) {
            let at = from + pos;
            from = at + key.len();
            let before_ok = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
            let rest = lower[from..].trim_start();
            let Some(value) = rest.strip_prefix('=') else {
                continue;
            };
            if !before_ok {
                continue;
            }
            let value = value.trim_start();
            let value = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
                _ => value
                    .split(|c: char| c.is_whitespace() || c == '>')
                    .next()
                    .unwrap_or(""),
            };
            tokens.extend(
                value
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|t| !t.is_empty())
                    .map(str::to_string),
            );
        }
    }
    let has = |t: &str| tokens.iter().any(|x| x == t);
    tokens
        .iter()
        .any(|t| BOILERPLATE_TOKENS.contains(&t.as_str()))
        || BOILERPLATE_PAIRS.iter().any(|(a, b)| has(a) && has(b))
}

/// Converts HTML to text with line structure.
fn to_text(html: &str) -> String {
    let mut body = String::with_capacity(html.len() / 2);
    let mut title = String::new();
    // stack of open elements that drop their content: (name, nesting of same name)
    let mut dropping: Option<(String, usize)> = None;
    let mut article_depth = 0usize;
    let mut pre_depth = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if dropping.is_none() {
                push_text(&mut body, rest, pre_depth > 0);
            }
            break;
        };
        if dropping.is_none() {
            push_text(&mut body, &rest[..lt], pre_depth > 0);
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            rest = rest.find('>').map_or("", |e| &rest[e + 1..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            if dropping.is_none() {
                push_text(&mut body, rest, pre_depth > 0);
            }
            break;
        };
        let Some(tag) = parse_tag(&rest[1..gt]) else {
            // a lone '<' in text
            if dropping.is_none() {
                push_text(&mut body, "<", pre_depth > 0);
            }
            rest = &rest[1..];
            continue;
        };
        rest = &rest[gt + 1..];
        let name = tag.name.as_str();
        if !tag.closing && RAW_TEXT.contains(&name) {
            let close = format!("</{name}");
            let end = find_ci(rest, &close).unwrap_or(rest.len());
            if name == "title" && title.is_empty() {
                title = decode(&rest[..end])
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
            } else if name == "textarea" && dropping.is_none() {
                push_text(&mut body, &rest[..end], false);
            }
            rest = &rest[end..];
            rest = rest.find('>').map_or("", |e| &rest[e + 1..]);
            continue;
        }
        if let Some((open, depth)) = dropping.as_mut() {
            if *open == name && !VOID.contains(&name) && !tag.self_closing {
                if tag.closing {
                    *depth -= 1;
                } else {
                    *depth += 1;
                }
            }
            if *depth == 0 {
                dropping = None;
            }
            continue;
        }
        if tag.closing {
            if matches!(name, "article" | "main") {
                article_depth = article_depth.saturating_sub(1);
            }
            if name == "pre" {
                pre_depth = pre_depth.saturating_sub(1);
            }
        } else {
            let drop = DROPPED.contains(&name)
                || (article_depth == 0 && DROPPED_OUTSIDE_ARTICLE.contains(&name))
                || (article_depth == 0 && is_boilerplate(tag.attributes))
                || (article_depth > 0
                    && !matches!(name, "article" | "main")
                    && is_boilerplate(tag.attributes));
            if drop && !VOID.contains(&name) && !tag.self_closing {
                dropping = Some((name.to_string(), 1));
                continue;
            }
            if matches!(name, "article" | "main") {
                article_depth += 1;
            }
            if name == "pre" {
                pre_depth += 1;
            }
        }
        if BLOCKS.contains(&name) {
            body.push_str("\n\n");
        } else if LINES.contains(&name) && !tag.closing {
            body.push('\n');
        }
    }
    let mut out = String::with_capacity(body.len() + title.len() + 2);
    if !title.is_empty() {
        out.push_str(&title);
        out.push_str("\n\n");
    }
    for line in body.split('\n') {
        if !is_boilerplate_line(line) {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn is_boilerplate_line(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    lower.chars().count() < 80
        && BOILERPLATE_LINES.iter().any(|b| {
            lower.strip_prefix(b).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with([' ', ':', '!', '|', '\u{a0}'])
            })
        })
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let lower = hay.to_ascii_lowercase();
    lower.find(&needle.to_ascii_lowercase())
}

fn decode(text: &str) -> String {
    html_escape::decode_html_entities(text).into_owned()
}

/// Appends a text node: entities decoded, source line breaks are spaces (except in `<pre>`).
fn push_text(out: &mut String, text: &str, preformatted: bool) {
    if text.is_empty() {
        return;
    }
    let decoded = decode(text);
    if preformatted {
        out.push_str(&decoded);
    } else {
        out.extend(
            decoded
                .chars()
                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Text;

    fn text(html: &str) -> String {
        Text::new(&to_text(html)).as_str().to_string()
    }

    #[test]
    fn keeps_article_paragraphs_and_drops_furniture() {
        let html = r#"<!DOCTYPE html><html><head><title>CTG signée &ndash; Ville</title>
<style>p{color:red}</style><script>var x = "<p>no</p>";</script></head>
<body><header><nav><ul class="menu"><li>Accueil</li></ul></nav></header>
<div id="cookie-banner"><p>Nous utilisons des cookies.</p></div>
<main><article><header><h1>La CTG est signée</h1><p class="date">Publié le 3 mars 2023</p></header>
<p>La Caf et la Ville ont&nbsp;sign&eacute; la convention
le 2 mars.</p><ul><li>petite enfance</li><li>jeunesse</li></ul>
<div class="share-buttons"><a>Facebook</a></div><p>Partager</p></article>
<aside><p>Le 5 mai 2020, autre chose</p></aside></main>
<div class="lire-aussi"><p>Le mercredi 4 mai 2022, un comité</p></div>
<footer>Mentions légales</footer></body></html>"#;
        assert_eq!(
            text(html),
            "CTG signée – Ville\n\nLa CTG est signée\n\nPublié le 3 mars 2023\n\nLa Caf et la Ville ont signé la convention le 2 mars.\n\npetite enfance\njeunesse\n"
        );
    }

    #[test]
    fn declared_windows_1252_is_decoded() {
        let bytes = b"<html><head><meta charset=\"windows-1252\"></head><body><p>F\xE9vrier l\x92\xE9t\xE9</p></body></html>";
        let doc = read(bytes).unwrap();
        assert_eq!(doc.encoding.as_deref(), Some("windows-1252"));
        assert!(doc.text.contains("Février l\u{2019}été"), "{}", doc.text);
    }

    #[test]
    fn unclosed_and_broken_markup_does_not_lose_text() {
        assert_eq!(
            text("<p>un<p>deux <b>trois</p> 3 < 4 <"),
            "un\n\ndeux trois\n\n3 < 4 <\n"
        );
        assert_eq!(
            text("<div class=menu>menu<div>x</div></div><p>reste"),
            "reste\n"
        );
    }
}
