//! A deterministic, seeded generator of benchmark documents in the genre of
//! `corpus/`: press releases (`.txt`), news pages (`.html`) and signed
//! conventions (`.pdf`) about Conventions Territoriales Globales.
//!
//! Places come from the reference data (a department with a CAF, an EPCI of
//! that department and its communes, or one of its towns); people, sentences
//! and layouts are drawn from lists and templates written here. Document `i` of
//! seed `s` depends on `(s, i)` only, so a corpus is byte-identical on every
//! run and can be generated in any order. Used by the `gencorpus` binary; not
//! part of the extraction pipeline.
//!
//! - `scenario`: the facts of a document (places, dates, signatories, axes);
//! - `facts`: those facts as the words templates use; `template`: `[a|b]`, `{slot}`;
//! - `press`, `filler`, `site` -> `article` -> `text` (.txt) or `page` (.html);
//! - `convention` -> `flow` (pages of positioned text) -> `pdf` (lopdf writer).

mod article;
mod axes;
mod convention;
mod facts;
mod filler;
mod flow;
mod french;
mod page;
pub mod pdf;
mod people;
mod press;
mod rng;
mod scenario;
mod site;
mod template;
mod text;

use rng::Rng;
use scenario::{Places, Scenario};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Config {
    /// The seed: same seed, same corpus.
    pub seed: u64,
    /// Share of documents that are PDF conventions (0 to 1).
    pub pdf_share: f64,
    /// Share of the other documents that are HTML pages (the rest are `.txt`).
    pub html_share: f64,
    /// Fewest and most pages of a PDF.
    pub pdf_pages: (u32, u32),
}

impl Default for Config {
    fn default() -> Config {
        Config {
            seed: 1,
            pdf_share: 0.05,
            html_share: 0.37,
            pdf_pages: (5, 40),
        }
    }
}

/// The kinds of documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A press release or article as plain text.
    Press,
    /// A news page in HTML.
    News,
    /// A signed convention in PDF.
    Convention,
}

impl Kind {
    /// Every kind, in order.
    pub const ALL: [Kind; 3] = [Kind::Press, Kind::News, Kind::Convention];

    /// The name in file names and summaries: `press`, `news`, `convention`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Press => "press",
            Kind::News => "news",
            Kind::Convention => "convention",
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Press => "txt",
            Kind::News => "html",
            Kind::Convention => "pdf",
        }
    }
}

/// One generated document.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Its kind.
    pub kind: Kind,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Page count (PDF only, else 0).
    pub pages: usize,
    /// The facts it was written from.
    pub truth: Truth,
}

/// The facts a document was written from, to compare with what ctg reads.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Truth {
    /// Signing date, `YYYY-MM-DD`.
    pub signing_date: String,
    /// Publication date (press releases and pages).
    pub published: Option<String>,
    /// First and last year of the period.
    pub period: (i32, i32),
    /// Length of the period in years.
    pub years: u32,
    /// The CAF's department code.
    pub caf: String,
    /// The territory: EPCI SIREN or commune INSEE code.
    pub territory: String,
    /// INSEE codes of the communes the text names for actions.
    pub communes: Vec<String>,
    /// Signatories' names ("Anne Le Goff").
    pub signatories: Vec<String>,
    /// Axis codes.
    pub axes: Vec<String>,
}

impl Truth {
    fn of(s: &Scenario, kind: Kind) -> Truth {
        Truth {
            signing_date: s.signing.to_string(),
            published: (kind != Kind::Convention).then(|| s.published.to_string()),
            period: (s.start.year, s.end.year),
            years: s.years,
            caf: s.dep.code.to_string(),
            territory: match &s.territory {
                scenario::Territory::Epci(e, _) => e.siren.to_string(),
                scenario::Territory::Commune(c) => c.insee.to_string(),
            },
            communes: s.named.iter().map(|c| c.insee.to_string()).collect(),
            signatories: s.signatories.iter().map(|g| g.person.natural()).collect(),
            axes: s.axes.iter().map(|a| a.code.to_string()).collect(),
        }
    }
}

/// Generates the documents of one configuration.
#[derive(Debug)]
pub struct Generator {
    config: Config,
    places: Places,
}

impl Generator {
    /// A generator for `config` (indexes the reference data once).
    pub fn new(config: Config) -> Generator {
        Generator {
            config,
            places: Places::index(),
        }
    }

    /// The kind of document `index`. Kinds are spread evenly and their counts
    /// are exact: with a share of 0.05, every twentieth document is a PDF.
    pub fn kind(&self, index: u64) -> Kind {
        let step =
            |share: f64, i: u64| ((i + 1) as f64 * share).floor() > (i as f64 * share).floor();
        if step(self.config.pdf_share, index) {
            return Kind::Convention;
        }
        let pdfs_before = (index as f64 * self.config.pdf_share).floor() as u64;
        if step(self.config.html_share, index - pdfs_before) {
            Kind::News
        } else {
            Kind::Press
        }
    }

    /// The path of document `index` inside the output folder:
    /// `000/000123-press.txt`, a folder per thousand documents.
    pub fn file_name(&self, index: u64) -> String {
        let kind = self.kind(index);
        format!(
            "{:03}/{index:06}-{}.{}",
            index / 1000,
            kind.name(),
            kind.extension()
        )
    }

    /// Document `index`.
    pub fn document(&self, index: u64) -> Generated {
        let mut rng = Rng::for_document(self.config.seed, index);
        let kind = self.kind(index);
        let scenario = Scenario::draw(&mut rng, &self.places);
        let (bytes, pages) = match kind {
            Kind::Press => {
                let target = rng.range(2300, 9200) as usize;
                let article = press::article(&mut rng, &scenario, target);
                (text::write(&mut rng, &article), 0)
            }
            Kind::News => {
                let target = rng.range(2200, 8800) as usize;
                let article = press::article(&mut rng, &scenario, target);
                (page::write(&mut rng, &article), 0)
            }
            Kind::Convention => {
                let (lo, hi) = self.config.pdf_pages;
                let pages = rng.range(lo, hi.max(lo)) as usize;
                convention::write(&mut rng, &scenario, pages)
            }
        };
        Generated {
            kind,
            bytes,
            pages,
            truth: Truth::of(&scenario, kind),
        }
    }
}

#[cfg(test)]
mod tests;
