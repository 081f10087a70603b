//! An article as an `.html` page: head (title, meta, style, script), cookie
//! banner, header with menus, breadcrumb, the article (`<time>` in its
//! publication line), share buttons, related links, a dated agenda, footer.
//! Text is escaped with named entities on some pages, raw on others; some pages
//! are windows-1252, declared by a `<meta>`.

use super::article::{Article, Block};
use super::rng::Rng;
use super::text::Typography;
use std::fmt::Write;

/// Named entities some pages use for non-ASCII letters.
const ENTITIES: &[(char, &str)] = &[
    ('é', "eacute"),
    ('è', "egrave"),
    ('ê', "ecirc"),
    ('à', "agrave"),
    ('â', "acirc"),
    ('ç', "ccedil"),
    ('ô', "ocirc"),
    ('î', "icirc"),
    ('û', "ucirc"),
    ('ù', "ugrave"),
    ('ë', "euml"),
    ('ï', "iuml"),
    ('É', "Eacute"),
    ('À', "Agrave"),
    ('’', "rsquo"),
    ('«', "laquo"),
    ('»', "raquo"),
    ('–', "ndash"),
    ('\u{a0}', "nbsp"),
    ('œ', "oelig"),
];

/// How text is escaped on a page.
#[derive(Debug, Clone, Copy)]
struct Escape {
    entities: bool,
}

impl Escape {
    /// `open`, then `text` escaped, then `close`.
    fn tagged(self, out: &mut String, open: &str, text: &str, close: &str) {
        out.push_str(open);
        self.text(out, text);
        out.push_str(close);
    }

    fn text(self, out: &mut String, text: &str) {
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                c if self.entities && !c.is_ascii() => {
                    match ENTITIES.iter().find(|(e, _)| *e == c) {
                        Some((_, name)) => {
                            let _ = write!(out, "&{name};");
                        }
                        None => {
                            let _ = write!(out, "&#{};", c as u32);
                        }
                    }
                }
                c => out.push(c),
            }
        }
    }
}

/// The article written as the bytes of an `.html` page.
pub fn write(rng: &mut Rng, article: &Article) -> Vec<u8> {
    let cp1252 = rng.chance(0.1);
    let escape = Escape {
        entities: !cp1252 && rng.chance(0.4),
    };
    let typography = Typography::draw(rng, !cp1252);
    let mut html = String::with_capacity(article.size() * 2 + 2048);
    head(&mut html, rng, article, escape, cp1252);
    body(&mut html, rng, article, escape, typography);
    if cp1252 {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&html);
        if !unmappable {
            return bytes.into_owned();
        }
        return html.replacen("windows-1252", "utf-8", 1).into_bytes();
    }
    html.into_bytes()
}

fn head(out: &mut String, rng: &mut Rng, article: &Article, escape: Escape, cp1252: bool) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n");
    let charset = match (cp1252, rng.chance(0.5)) {
        (true, true) => "<meta charset=\"windows-1252\">",
        (true, false) => {
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
        }
        (false, _) => "<meta charset=\"utf-8\">",
    };
    out.push_str(charset);
    out.push_str(
        "\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    );
    escape.tagged(out, "", article.title(), " | ");
    escape.tagged(out, "", &article.site.name, "</title>\n");
    escape.tagged(
        out,
        "<meta name=\"description\" content=\"",
        article.title(),
        "\">\n",
    );
    out.push_str("<link rel=\"stylesheet\" href=\"/themes/site/css/main.css\">\n");
    out.push_str("<style>\n  body { font-family: \"Open Sans\", Arial, sans-serif; margin: 0; color: #222; }\n  .menu { list-style: none; display: flex; gap: 1.5rem; }\n  .cookie-banner { position: fixed; bottom: 0; width: 100%; background: #1d3557; color: #fff; }\n</style>\n");
    if rng.chance(0.6) {
        out.push_str("<script>\n  window.dataLayer = window.dataLayer || [];\n  function gtag(){dataLayer.push(arguments);}\n  gtag('js', new Date());\n  gtag('config', 'G-XXXXXXX', { 'anonymize_ip': true });\n</script>\n");
    }
    if let (true, Some(date)) = (rng.chance(0.3), published(article)) {
        let _ = writeln!(
            out,
            "<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"datePublished\":\"{date}T09:00:00+01:00\"}}</script>"
        );
    }
    out.push_str("</head>\n");
}

fn published(article: &Article) -> Option<String> {
    article.blocks.iter().find_map(|b| match b {
        Block::Meta { date, .. } => Some(date.to_string()),
        _ => None,
    })
}

fn body(out: &mut String, rng: &mut Rng, article: &Article, escape: Escape, typo: Typography) {
    let site = &article.site;
    out.push_str("<body class=\"page-actualite\">\n");
    if rng.chance(0.7) {
        escape.tagged(
            out,
            "<div id=\"cookie-banner\" class=\"cookie-banner\" role=\"dialog\" aria-label=\"Gestion des cookies\">\n  <p>",
            "Ce site utilise des cookies pour mesurer son audience et améliorer votre expérience. Vous pouvez accepter ou refuser ces cookies.",
            "</p>\n  <button id=\"accept-cookies\">Tout accepter</button> <button id=\"refuse-cookies\">Tout refuser</button>\n</div>\n",
        );
    }
    escape.tagged(
        out,
        "<header class=\"site-header\">\n  <a href=\"/\" class=\"logo\"><img src=\"/images/logo.svg\" alt=\"",
        &site.name,
        "\"></a>\n  <nav aria-label=\"Menu principal\">\n    <ul class=\"menu\">\n",
    );
    for (i, entry) in site.menu.iter().enumerate() {
        let open = format!("      <li><a href=\"/rubrique-{i}\">");
        escape.tagged(out, &open, entry, "</a></li>\n");
    }
    out.push_str("    </ul>\n  </nav>\n</header>\n<main>\n<nav class=\"breadcrumb\">");
    for (i, entry) in site.breadcrumb.iter().enumerate() {
        if i > 0 {
            out.push_str(" &rsaquo; ");
        }
        escape.tagged(out, "<a href=\"/\">", entry, "</a>");
    }
    out.push_str("</nav>\n<article class=\"news\">\n");
    for block in &article.blocks {
        block_html(out, block, escape, typo);
    }
    out.push_str("  <div class=\"share\"><span>Partager</span> <a href=\"#\">Facebook</a> <a href=\"#\">X</a> <a href=\"#\">LinkedIn</a></div>\n</article>\n");
    aside(out, article, escape);
    out.push_str("</main>\n<footer class=\"site-footer\">\n");
    for line in &site.footer {
        escape.tagged(out, "  <p>", line, "</p>\n");
    }
    out.push_str("</footer>\n<script src=\"/js/cookies.js\"></script>\n</body>\n</html>\n");
}

fn block_html(out: &mut String, block: &Block, escape: Escape, typo: Typography) {
    let mut element = |tag: &str, class: &str, text: &str| {
        let (open, close) = (format!("  <{tag}{class}>"), format!("</{tag}>\n"));
        escape.tagged(out, &open, &typo.apply(text), &close);
    };
    match block {
        Block::Kicker(t) => element("p", " class=\"kicker\"", t),
        Block::Title(t) => element("h1", "", t),
        Block::Heading(t) => element("h2", "", t),
        Block::Para(t) => element("p", "", t),
        Block::Caption(t) => element("p", " class=\"caption\"", t),
        Block::Meta { text, date } => {
            let (before, after) = text.split_once(" | ").unwrap_or((text, ""));
            let open = format!("  <p class=\"meta\"><time datetime=\"{date}\">");
            escape.tagged(out, &open, &typo.apply(before), "</time>");
            if !after.is_empty() {
                escape.tagged(out, " <span class=\"author\">", after, "</span>");
            }
            out.push_str("</p>\n");
        }
        Block::List { marker, items } => {
            let tag = if *marker == "1." { "ol" } else { "ul" };
            let _ = writeln!(out, "  <{tag}>");
            for item in items {
                escape.tagged(out, "    <li>", &typo.apply(item), "</li>\n");
            }
            let _ = writeln!(out, "  </{tag}>");
        }
    }
}

fn aside(out: &mut String, article: &Article, escape: Escape) {
    let site = &article.site;
    if !site.related.is_empty() {
        escape.tagged(
            out,
            "<aside class=\"related\">\n  <h2>",
            "À lire aussi",
            "</h2>\n  <ul>\n",
        );
        for link in &site.related {
            escape.tagged(
                out,
                "    <li><a href=\"/actualites/autre\">",
                link,
                "</a></li>\n",
            );
        }
        out.push_str("  </ul>\n</aside>\n");
    }
    if !site.agenda.is_empty() {
        out.push_str("<aside class=\"agenda\">\n  <h2>Agenda</h2>\n  <ul>\n");
        for (date, what) in &site.agenda {
            let open = format!(
                "    <li><time datetime=\"{date}\">{}/{}</time> ",
                date.day, date.month
            );
            escape.tagged(out, &open, what, "</li>\n");
        }
        out.push_str("  </ul>\n</aside>\n");
    }
}
