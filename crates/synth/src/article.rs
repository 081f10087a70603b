//! The shape of a press release or news page before it is written as text or
//! HTML: the site around it (name, menus, footer) and the article's blocks.
//!
//! `press` fills it; `text` and `page` write it out.

use ctg_core::calendar::CivilDate;

/// One block of an article.
#[derive(Debug, Clone)]
pub enum Block {
    /// The headline.
    Title(String),
    /// A rubric line above the headline ("SOLIDARITÉS", "COMMUNIQUÉ DE PRESSE").
    Kicker(String),
    /// The publication line; `date` is the day it gives (for `<time>`).
    Meta {
        /// "Publié le 7 novembre 2024 | Par Claire Dumontet".
        text: String,
        /// The publication date.
        date: CivilDate,
    },
    /// A subheading.
    Heading(String),
    /// A paragraph.
    Para(String),
    /// A bulleted list (`marker` is the bullet of the text form: "-", "–", "*", "•", "1.").
    List {
        /// The bullet of the text form; "1." numbers the items.
        marker: &'static str,
        /// The items.
        items: Vec<String>,
    },
    /// A photo caption or credit.
    Caption(String),
}

impl Block {
    /// Bytes of text the block holds (an estimate of its written size).
    pub fn size(&self) -> usize {
        match self {
            Block::Title(s) | Block::Kicker(s) | Block::Heading(s) | Block::Para(s) => s.len() + 2,
            Block::Caption(s) => s.len() + 2,
            Block::Meta { text, .. } => text.len() + 2,
            Block::List { items, .. } => items.iter().map(|i| i.len() + 3).sum::<usize>() + 1,
        }
    }
}

/// The site an article is published on.
#[derive(Debug, Clone)]
pub struct Site {
    /// "Caf de l'Allier – Espace presse", "Val de Besbre Infos".
    pub name: String,
    /// Menu entries.
    pub menu: Vec<&'static str>,
    /// Breadcrumb entries before the article.
    pub breadcrumb: Vec<&'static str>,
    /// Lines after the article: contact, share buttons, legal links.
    pub footer: Vec<String>,
    /// Related links ("À lire aussi").
    pub related: Vec<String>,
    /// Dated agenda items of a sidebar (web pages only).
    pub agenda: Vec<(CivilDate, String)>,
}

/// A press release or news page.
#[derive(Debug, Clone)]
pub struct Article {
    /// The site.
    pub site: Site,
    /// The article's blocks, in order.
    pub blocks: Vec<Block>,
}

impl Article {
    /// The headline.
    pub fn title(&self) -> &str {
        self.blocks
            .iter()
            .find_map(|b| match b {
                Block::Title(t) => Some(t.as_str()),
                _ => None,
            })
            .unwrap_or("")
    }

    /// An estimate of the size of the written text, site included.
    pub fn size(&self) -> usize {
        let site = self.site.name.len()
            + self.site.menu.iter().map(|m| m.len() + 3).sum::<usize>()
            + self
                .site
                .breadcrumb
                .iter()
                .map(|m| m.len() + 3)
                .sum::<usize>()
            + self.site.footer.iter().map(|m| m.len() + 1).sum::<usize>()
            + self.site.related.iter().map(|m| m.len() + 3).sum::<usize>();
        site + self.blocks.iter().map(Block::size).sum::<usize>()
    }
}
