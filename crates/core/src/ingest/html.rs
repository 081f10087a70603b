//! HTML -> the article's text, paragraphs and list items on their own lines.
//!
//! The page is parsed by html5ever (through `scraper`), the WHATWG algorithm
//! browsers follow, so unclosed paragraphs, stray end tags, misnested
//! formatting and `<` in text read as a browser reads them. The tree is then
//! walked once, without recursion (a page of 100,000 nested `<div>` is fine):
//! what is page furniture is dropped with its content (scripts, styles,
//! navigation, asides, forms, and containers whose class or id names a menu,
//! a cookie banner, share buttons, a "lire aussi" box; `<header>` and
//! `<footer>` unless inside `<article>` or `<main>`). The `<title>` comes
//! first, as its own paragraph. Short lines that are only furniture
//! ("Partager", "Suivez-nous") are removed at the end.
//!
//! What counts as furniture is data: `boilerplate.toml` beside this file.
//!
//! One guard comes before the parser: html5ever checks the open elements for
//! every start tag, so a page nesting 100,000 `<div>` would take minutes.
//! Like browsers (Blink nests at most 512 deep), tags that would open an
//! element deeper than [`MAX_DEPTH`] are dropped before parsing, their text
//! kept ([`flatten_deep`]). No real page comes near it.

use super::{encoding, Document, IngestError};
use crate::record::Format;
use regex::bytes::Regex as BytesRegex;
use scraper::{Html, Node};
use serde::Deserialize;
use std::sync::LazyLock;

/// What of a page is furniture, from `boilerplate.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Boilerplate {
    /// Elements dropped with their content.
    dropped: Vec<String>,
    /// Elements dropped with their content unless inside `<article>` or `<main>`.
    dropped_outside_article: Vec<String>,
    /// Class, id or role words that mark a container of furniture.
    class_words: Vec<String>,
    /// Pairs of class words that mark one together.
    class_pairs: Vec<(String, String)>,
    /// Short lines that are furniture.
    lines: Vec<String>,
    /// Elements with a blank line before and after.
    blocks: Vec<String>,
    /// Elements that start a line.
    line_starts: Vec<String>,
}

/// Nesting depth past which start tags are dropped before parsing.
pub const MAX_DEPTH: usize = 512;

/// Elements whose end tag may be left out ("<p>un<p>deux"): they do not nest
/// in practice and are not counted.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
    "colgroup", "caption", "rt", "rp", "html", "head", "body",
];

/// Void elements: never closed, never nest.
const VOID: &[&str] = &[
    "br", "img", "meta", "link", "input", "hr", "area", "base", "col", "embed", "source", "track",
    "wbr", "param",
];

static TAG: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>").expect("a fixed pattern compiles")
});

/// `html` without the start tags that would open an element deeper than
/// `max`, counting the elements that nest (not `<p>`, `<li>`, void ones),
/// and the end tags that match them. Borrowed when nothing is that deep.
fn flatten_deep(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let counted = |name: &str| {
        let name = name.to_ascii_lowercase();
        !OPTIONAL_END.contains(&name.as_str()) && !VOID.contains(&name.as_str())
    };
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for t in TAG.captures_iter(html) {
        if !counted(&t[2]) || !t[3].is_empty() {
            continue;
        }
        if t[1].is_empty() {
            depth += 1;
            deepest = deepest.max(depth);
        } else {
            depth = depth.saturating_sub(1);
        }
    }
    if deepest <= max {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let (mut depth, mut at) = (0usize, 0usize);
    // how many start tags were dropped at each depth past `max`, so that
    // their end tags go too
    let mut dropped = 0usize;
    for t in TAG.captures_iter(html) {
        if !counted(&t[2]) || !t[3].is_empty() {
            continue;
        }
        let whole = t.get(0).expect("a match has a whole");
        let opening = t[1].is_empty();
        let keep = if opening {
            depth += 1;
            if depth > max {
                dropped += 1;
                false
            } else {
                true
            }
        } else {
            depth = depth.saturating_sub(1);
            if dropped > 0 && depth >= max {
                dropped -= 1;
                false
            } else {
                true
            }
        };
        if !keep {
            out.push_str(&html[at..whole.start()]);
            at = whole.end();
        }
    }
    out.push_str(&html[at..]);
    std::borrow::Cow::Owned(out)
}

static BOILERPLATE: LazyLock<Boilerplate> = LazyLock::new(|| {
    toml::from_str(include_str!("boilerplate.toml"))
        .expect("boilerplate.toml is valid (a test reads it)")
});

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

fn listed(list: &[String], name: &str) -> bool {
    list.iter().any(|n| n == name)
}

/// Whether an element's class, id or role marks a container of furniture.
fn is_boilerplate(element: &scraper::node::Element) -> bool {
    let b = &*BOILERPLATE;
    let tokens: Vec<String> = ["class", "id", "role"]
        .iter()
        .filter_map(|key| element.attr(key))
        .flat_map(|value| {
            value
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let has = |t: &str| tokens.iter().any(|x| x == t);
    tokens.iter().any(|t| listed(&b.class_words, t))
        || b.class_pairs.iter().any(|(x, y)| has(x) && has(y))
}

/// The walk over the tree: what is open, what is being dropped, the text so far.
#[derive(Default)]
struct Walk {
    body: String,
    title: String,
    /// The element whose content is being dropped, until it closes.
    dropping: Option<ego_tree::NodeId>,
    article_depth: usize,
    pre_depth: usize,
    head_depth: usize,
}

type NodeRef<'a> = ego_tree::NodeRef<'a, Node>;

impl Walk {
    fn open(&mut self, node: NodeRef) {
        let b = &*BOILERPLATE;
        if self.dropping.is_some() {
            return;
        }
        match node.value() {
            Node::Text(text) if self.head_depth == 0 => {
                push_text(&mut self.body, text, self.pre_depth > 0);
            }
            Node::Element(element) => {
                let name = element.name();
                if name == "head" {
                    self.head_depth += 1;
                }
                if name == "title" && self.title.is_empty() {
                    let words: String = node
                        .descendants()
                        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
                        .collect();
                    self.title = words.split_whitespace().collect::<Vec<_>>().join(" ");
                }
                let drop = listed(&b.dropped, name)
                    || (self.article_depth == 0 && listed(&b.dropped_outside_article, name))
                    || (!matches!(name, "article" | "main") && is_boilerplate(element));
                if drop {
                    self.dropping = Some(node.id());
                    return;
                }
                match name {
                    "article" | "main" => self.article_depth += 1,
                    "pre" => self.pre_depth += 1,
                    _ => {}
                }
                if listed(&b.blocks, name) {
                    self.body.push_str("\n\n");
                } else if listed(&b.line_starts, name) {
                    self.body.push('\n');
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, node: NodeRef) {
        if self.dropping == Some(node.id()) {
            self.dropping = None;
            return;
        }
        if self.dropping.is_some() {
            return;
        }
        if let Node::Element(element) = node.value() {
            let name = element.name();
            match name {
                "head" => self.head_depth = self.head_depth.saturating_sub(1),
                "article" | "main" => self.article_depth = self.article_depth.saturating_sub(1),
                "pre" => self.pre_depth = self.pre_depth.saturating_sub(1),
                _ => {}
            }
            if listed(&BOILERPLATE.blocks, name) {
                self.body.push_str("\n\n");
            }
        }
    }
}

/// Converts HTML to text with line structure.
fn to_text(html: &str) -> String {
    let document = Html::parse_document(&flatten_deep(html, MAX_DEPTH));
    let mut walk = Walk::default();
    for edge in document.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => walk.open(node),
            ego_tree::iter::Edge::Close(node) => walk.close(node),
        }
    }
    let mut out = String::with_capacity(walk.body.len() + walk.title.len() + 2);
    if !walk.title.is_empty() {
        out.push_str(&walk.title);
        out.push_str("\n\n");
    }
    for line in walk.body.split('\n') {
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
        && BOILERPLATE.lines.iter().any(|b| {
            lower.strip_prefix(b.as_str()).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with([' ', ':', '!', '|', '\u{a0}'])
            })
        })
}

/// Appends a text node (entities already decoded by the parser): source line
/// breaks are spaces, except in `<pre>`.
fn push_text(out: &mut String, text: &str, preformatted: bool) {
    if preformatted {
        out.push_str(text);
    } else {
        out.extend(
            text.chars()
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
    fn the_boilerplate_data_reads() {
        assert!(listed(&BOILERPLATE.dropped, "script"));
        assert!(BOILERPLATE.lines.iter().any(|l| l == "partager"));
    }

    #[test]
    fn keeps_article_paragraphs_and_drops_furniture() {
        let html = r#"<!DOCTYPE html><html><head><title>CTG signée &ndash; Ville</title>
<style>p{color:red}</style><script>var x = "<p>no</p>";</script></head>
<body><header><nav><ul class="menu"><li>Accueil</li></ul></nav></header>
<div id="cookie-banner"><p>Nous utilisons des cookies.</p></div>
<main><article><ul class="article-tags"><li><a>Logement</a></li></ul>
<header><h1>La CTG est signée</h1><p class="date">Publié le 3 mars 2023</p></header>
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
    fn unclosed_and_broken_markup_reads_as_a_browser_reads_it() {
        assert_eq!(
            text("<p>un<p>deux <b>trois</p> 3 < 4 <"),
            "un\n\ndeux trois\n\n3 < 4 <\n"
        );
        assert_eq!(
            text("<div class=menu>menu<div>x</div></div><p>reste"),
            "reste\n"
        );
        // misnested formatting and a stray end tag lose no word
        assert_eq!(
            text("<p>La <b>Caf <i>et</b> la</i> Ville</div> ont signé.</p>"),
            "La Caf et la Ville ont signé.\n"
        );
        // a table without its closing tags, as old CMS pages write them
        assert_eq!(
            text("<table><tr><td>Signée le<td>2 mars 2023<tr><td>Durée<td>4 ans</table>"),
            "Signée le\n2 mars 2023\n\nDurée\n4 ans\n"
        );
    }

    #[test]
    fn deep_nesting_is_flattened_and_read_in_linear_time() {
        let html = format!(
            "{}<p>fond</p>{}<p>après</p>",
            "<div><b>".repeat(50_000),
            "</b></div>".repeat(50_000)
        );
        assert_eq!(text(&html), "fond\n\naprès\n");
        // what the parser gets nests no deeper than MAX_DEPTH
        let flat = flatten_deep(&html, MAX_DEPTH);
        assert_eq!(
            flat.matches("<div>").count() + flat.matches("<b>").count(),
            MAX_DEPTH
        );
        assert_eq!(
            flat.matches("</div>").count() + flat.matches("</b>").count(),
            MAX_DEPTH
        );
        // a page of ordinary depth is left as it is
        let page = "<div><div><p>un<p>deux</div></div>";
        assert!(matches!(
            flatten_deep(page, MAX_DEPTH),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            flatten_deep("<div><div><div>x</div></div></div>", 2),
            "<div><div>x</div></div>"
        );
    }
}
