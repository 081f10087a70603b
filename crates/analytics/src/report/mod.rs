//! `ctg report`: one self-contained HTML page about an extract's output,
//! that opens offline: a tile map of the conventions per CAF department,
//! the axes each department's conventions cover (a heat map), the
//! conventions per year, and a searchable, sortable table of conventions
//! whose every value opens the passages it was read from.
//!
//! In: an output folder of `ctg extract` ([`build`]), or records with their
//! manifest and texts ([`render`]). Out: the page as a string ([`Report`]).
//! Does not: print, write files, or put anything in the page that changes
//! from run to run (no time stamp): the same output gives the same bytes.
//!
//! Every count comes from [`crate::compare::table`]; the page has inline
//! CSS and a small inline script, loads nothing from the network (a
//! Content-Security-Policy forbids it) and escapes everything a document
//! says (`markup.rs`).

mod charts;
mod evidence;
mod markup;
mod table;
pub mod tiles;

use crate::compare::{self, GroupBy, Key, Table};
use crate::dataset::{self, DatasetError};
use crate::labels::Lang;
use ctg_core::manifest::Manifest;
use ctg_core::record::{DocId, Record};
use ctg_core::refdata::RefData;
use markup::escape;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// Why a report cannot be made.
#[derive(Debug, Error)]
pub enum ReportError {
    /// No corpus.jsonl, or one that does not read.
    #[error(transparent)]
    Dataset(#[from] DatasetError),
    /// manifest.json exists but cannot be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// manifest.json exists but is not a ctg manifest.
    #[error("{path}: not a ctg manifest ({source}); was it written by another version of ctg? Run `ctg extract` again")]
    Manifest {
        /// The file.
        path: PathBuf,
        /// What serde found wrong.
        source: serde_json::Error,
    },
}

/// A rendered report.
#[derive(Debug)]
pub struct Report {
    /// The page.
    pub html: String,
    /// Records read.
    pub documents: usize,
    /// Records left out: not about a specific CTG.
    pub not_about_ctg: usize,
    /// Conventions in the table.
    pub conventions: usize,
    /// Passages the page can show.
    pub passages: usize,
}

/// What a page is made of.
pub struct Input<'a> {
    /// How the output folder is named in the page's header.
    pub label: &'a str,
    /// Its records.
    pub records: &'a [Record],
    /// Its manifest, when it has one.
    pub manifest: Option<&'a Manifest>,
    /// The language of the page.
    pub lang: Lang,
}

/// The report of the output folder `output` (named in the page as given).
///
/// Reads `corpus.jsonl`, `manifest.json` (optional) and the `text/<id>.txt`
/// of every document a value links to; a missing text only loses the
/// context around its passages.
pub fn build(output: &Path, refdata: &RefData, lang: Lang) -> Result<Report, ReportError> {
    let records = dataset::load(output)?;
    let path = output.join("manifest.json");
    let manifest = match std::fs::read_to_string(&path) {
        Ok(text) => Some(
            serde_json::from_str::<Manifest>(&text)
                .map_err(|source| ReportError::Manifest { path, source })?,
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(ReportError::Io { path, source }),
    };
    let label = output.display().to_string();
    let input = Input {
        label: &label,
        records: &records,
        manifest: manifest.as_ref(),
        lang,
    };
    let texts = output.join("text");
    Ok(render(&input, refdata, |id| {
        // ids are hex digits; anything else must not become a path
        if id.0.is_empty() || !id.0.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        std::fs::read_to_string(texts.join(format!("{id}.txt"))).ok()
    }))
}

/// The page for `input`; `text` gives a document's normalized text.
pub fn render(
    input: &Input,
    refdata: &RefData,
    text: impl FnMut(&DocId) -> Option<String>,
) -> Report {
    let lang = input.lang;
    let conventions = dataset::conventions(input.records, refdata);
    let left_out = dataset::not_about_ctg(input.records).len();
    let by_department = compare::table(&conventions, left_out, refdata, GroupBy::Department);
    let by_year = compare::table(&conventions, left_out, refdata, GroupBy::Year);
    let mut store = evidence::Store::new(input.records);
    let table = table::table(&conventions, &mut store, lang);
    let data = store.finish(text, lang);

    let mut html = String::with_capacity(table.len() * 2 + 64 * 1024);
    head(&mut html, input.label, lang);
    header(&mut html, input, &by_department.total, left_out);
    let _ = write!(
        html,
        "<main>\n<section id=\"overview\" class=\"charts\"><figure id=\"map\"><h2>{}</h2>",
        lang.pick(
            "Conventions par département CAF",
            "Conventions per CAF department"
        )
    );
    html.push_str(&tiles::map(&shaded(&by_department, refdata), lang));
    html.push_str(&off_map(&by_department, lang));
    let _ = write!(
        html,
        "</figure>\n<figure id=\"years\"><h2>{}</h2><p class=\"note\">{}</p>",
        lang.pick("Signatures par année", "Signings per year"),
        lang.pick(
            "Conventions signées, par année de signature, sinon première année de la période ; les conventions autorisées, à signer ou en préparation n'y sont pas.",
            "Signed conventions, by year of signing, else first year of the period; conventions authorized, to be signed or in preparation are not counted."
        )
    );
    html.push_str(&charts::years(&by_year, lang));
    let _ = write!(
        html,
        "</figure></section>\n<section id=\"axes\"><h2>{}</h2><p class=\"note\">{}</p>",
        lang.pick("Axes par département CAF", "Axes by CAF department"),
        lang.pick(
            "Part des conventions du département qui couvrent chaque axe du guide.",
            "Share of the department's conventions that cover each axis of the guide."
        )
    );
    html.push_str(&charts::heat_map(&by_department, lang));
    html.push_str("</section>\n");
    search(&mut html, conventions.len(), lang);
    html.push_str(&table);
    html.push_str(&legend(lang));
    html.push_str("</section>\n</main>\n");
    let _ = writeln!(
        html,
        "<aside id=\"evidence\" aria-live=\"polite\"><h2>{}</h2><p class=\"note\">{}</p></aside>",
        lang.pick("Sources", "Evidence"),
        lang.pick(
            "Chaque valeur du tableau mène aux passages d'où elle a été lue, montrés ici dans leur contexte. Il faut JavaScript.",
            "Every value of the table links to the passages it was read from, shown here in their context. This needs JavaScript."
        )
    );
    html.push_str(&markup::json_script("ctg-data", &data));
    let _ = write!(html, "\n<script>{SCRIPT}</script>\n</body>\n</html>\n");
    Report {
        html,
        documents: input.records.len(),
        not_about_ctg: left_out,
        conventions: conventions.len(),
        passages: data.passages(),
    }
}

fn head(html: &mut String, label: &str, lang: Lang) {
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
         <title>{} {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.code(),
        lang.pick("Rapport CTG :", "CTG report:"),
        escape(label)
    );
}

/// What every mark of the table means.
fn legend(lang: Lang) -> String {
    let items: [(&str, &str, &str); 5] = [
        (
            table::COMPUTED,
            "durée calculée d'après la période (de sa première à sa dernière année), la source n'en écrit pas",
            "duration computed from the period (first to last year); no source states one",
        ),
        (
            "–",
            "période : première et dernière années couvertes ; « jusqu'en » ou « à partir de » quand la source n'en donne qu'une",
            "period: first and last years covered; \u{201c}until\u{201d} or \u{201c}from\u{201d} when the source gives only one",
        ),
        (
            lang.pick("(2017 ou 2023 ?)", "(2017 or 2023?)"),
            "date dont l'année n'est pas écrite : les années encore possibles (jour de la semaine, dates du document)",
            "date whose year is not written: the years still possible (weekday, the document's dates)",
        ),
        (
            lang.pick("statut", "status"),
            "signée, autorisée (par une délibération), à signer (annoncée), en préparation : l'étape la plus avancée que rapporte une source",
            "signed, authorized (by a deliberation), to be signed (announced), in preparation: the furthest stage a source reports",
        ),
        (
            lang.pick("désaccords", "conflicts"),
            "champs sur lesquels les sources d'une convention divergent ; la valeur retenue vient de la convention signée, sinon de la source la plus précise",
            "fields on which a convention's sources disagree; the value shown comes from the signed convention, else the most precise source",
        ),
    ];
    let mut html = format!(
        "<dl class=\"legend-table\"><dt class=\"title\">{}</dt>",
        lang.pick("Légende", "Legend")
    );
    for (mark, fr, en) in items {
        let _ = write!(
            html,
            "<dt>{}</dt><dd>{}</dd>",
            escape(mark),
            escape(lang.pick(fr, en))
        );
    }
    html.push_str("</dl>");
    html
}

/// What the page covers: the folder, the counts, the tool and rules that
/// extracted it.
fn header(html: &mut String, input: &Input, total: &compare::Row, left_out: usize) {
    let lang = input.lang;
    let s = &total.status;
    let _ = write!(
        html,
        "<header><h1>Conventions Territoriales Globales</h1><p class=\"lead\">{} \
         <code>{}</code> : {} documents, {} conventions ({}). {}</p>\
         <p class=\"lead\">{}</p><dl>",
        lang.pick("Rapport sur", "Report on"),
        escape(input.label),
        input.records.len(),
        total.conventions,
        lang.pick(
            "les documents d'une même signature comptent une fois",
            "documents about one signing count once"
        ),
        match lang {
            Lang::Fr => format!(
                "Signées : {}, autorisées : {}, à signer : {}, en préparation : {}, statut inconnu : {}.",
                s.signed, s.authorized, s.to_be_signed, s.in_preparation, s.unknown
            ),
            Lang::En => format!(
                "Signed: {}, authorized: {}, to be signed: {}, in preparation: {}, status unknown: {}.",
                s.signed, s.authorized, s.to_be_signed, s.in_preparation, s.unknown
            ),
        },
        match lang {
            Lang::Fr => format!(
                "Laissés de côté : {left_out} document{} ne portant pas sur une CTG précise (autre sens du sigle, autre contrat, présentation générale).",
                if left_out > 1 { "s" } else { "" }
            ),
            Lang::En => format!(
                "Left out: {left_out} document{} not about a specific CTG (another meaning of the acronym, another contract, a general presentation).",
                if left_out == 1 { "" } else { "s" }
            ),
        }
    );
    extracted_by(html, input);
    let _ = writeln!(
        html,
        "<dt>{}</dt><dd>ctg {}</dd></dl><nav><a href=\"#map\">{}</a> · \
         <a href=\"#years\">{}</a> · <a href=\"#axes\">axes</a> · \
         <a href=\"#conventions\">conventions</a></nav></header>",
        lang.pick("rapport par", "report by"),
        env!("CARGO_PKG_VERSION"),
        lang.pick("carte", "map"),
        lang.pick("années", "years"),
    );
}

/// The tool, rules and reference data that extracted the folder, from its
/// manifest.
fn extracted_by(html: &mut String, input: &Input) {
    let lang = input.lang;
    match input.manifest {
        Some(m) => {
            let _ = write!(
                html,
                "<dt>{}</dt><dd>{} {}, {} <code>{}</code> ({}, {} {} {} {})</dd>\
                 <dt>documents</dt><dd>{} {}, {} {}, {} {}</dd>\
                 <dt>{}</dt><dd>{}</dd>",
                lang.pick("extrait par", "extracted by"),
                escape(&m.tool.name),
                escape(&m.tool.version),
                lang.pick("règles", "rules"),
                escape(&m.rules.fingerprint),
                escape(&m.rules.source),
                m.rules.rules,
                lang.pick("règles dans", "rules in"),
                m.rules.files,
                lang.pick("fichiers", "files"),
                m.counts.documents,
                lang.pick("lus", "read"),
                m.counts.errors,
                lang.pick("en échec (voir errors.jsonl)", "failed (see errors.jsonl)"),
                m.counts.duplicates,
                lang.pick("en double", "duplicates"),
                lang.pick("données de référence", "reference data"),
                escape(&m.reference_data),
            );
        }
        None => {
            let _ = write!(
                html,
                "<dt>{}</dt><dd>{}</dd>",
                lang.pick("extrait par", "extracted by"),
                lang.pick(
                    "inconnu : le dossier n'a pas de manifest.json",
                    "unknown: the folder has no manifest.json"
                )
            );
        }
    }
}

/// Every department of the reference data with its count (zero when its
/// CAF signs none).
fn shaded<'a>(by_department: &Table, refdata: &'a RefData) -> BTreeMap<&'a str, tiles::Shaded<'a>> {
    refdata
        .departements
        .iter()
        .map(|d| {
            let count = by_department
                .rows
                .iter()
                .find(|r| r.key == Key::Code(d.code.to_string()))
                .map_or(0, |r| r.conventions);
            (
                d.code,
                tiles::Shaded {
                    name: Some(d.name),
                    count,
                },
            )
        })
        .collect()
}

/// A note on the conventions the map cannot show: those of a department
/// without a square (Saint-Pierre-et-Miquelon...) and those without a CAF
/// department.
fn off_map(by_department: &Table, lang: Lang) -> String {
    let missing: Vec<String> = by_department
        .rows
        .iter()
        .filter(|r| match &r.key {
            Key::Code(code) => tiles::tile(code).is_none(),
            _ => true,
        })
        .map(|r| format!("{} : {}", charts::row_label(r, lang), r.conventions))
        .collect();
    if missing.is_empty() {
        return String::new();
    }
    format!(
        "<p class=\"note\">{} {}.</p>",
        lang.pick("Hors de la carte :", "Not on the map:"),
        escape(&missing.join(" ; "))
    )
}

fn search(html: &mut String, conventions: usize, lang: Lang) {
    let _ = write!(
        html,
        "<section id=\"conventions\"><h2>Conventions</h2>\
         <p class=\"controls\"><label for=\"search\">{}</label> \
         <input id=\"search\" type=\"search\" placeholder=\"{}\" autocomplete=\"off\"> \
         <output id=\"shown\" for=\"search\">{}</output></p>\
         <p class=\"note\">{}</p>",
        lang.pick("Rechercher", "Search"),
        lang.pick(
            "département, territoire, année, axe… (\u{ab}\u{a0}guillemets\u{a0}\u{bb} pour une expression)",
            "department, territory, year, axis… (\u{201c}quotes\u{201d} for a phrase)"
        ),
        charts::conventions(conventions, lang),
        lang.pick(
            "Cliquez une valeur pour voir les passages d'où elle a été lue ; cliquez un en-tête de colonne pour trier.",
            "Click a value to see the passages it was read from; click a column header to sort."
        )
    );
}

#[cfg(test)]
mod tests;
