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
}

/// The report of the output folder `output` (named in the page as given).
///
/// Reads `corpus.jsonl`, `manifest.json` (optional) and the `text/<id>.txt`
/// of every document a value links to; a missing text only loses the
/// context around its passages.
pub fn build(output: &Path, refdata: &RefData) -> Result<Report, ReportError> {
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
    let conventions = dataset::conventions(input.records, refdata);
    let by_department = compare::table(&conventions, refdata, GroupBy::Department);
    let by_year = compare::table(&conventions, refdata, GroupBy::Year);
    let mut store = evidence::Store::new(input.records);
    let table = table::table(&conventions, &mut store);
    let data = store.finish(text);

    let mut html = String::with_capacity(table.len() * 2 + 64 * 1024);
    head(&mut html, input.label);
    header(&mut html, input, conventions.len());
    html.push_str("<main>\n<section id=\"overview\" class=\"charts\">");
    html.push_str("<figure id=\"map\"><h2>Conventions per CAF department</h2>");
    html.push_str(&tiles::map(&shaded(&by_department, refdata)));
    html.push_str(&off_map(&by_department));
    html.push_str(
        "</figure>\n<figure id=\"years\"><h2>Conventions per year</h2>\
        <p class=\"note\">Year of signing, else first year of the period.</p>",
    );
    html.push_str(&charts::years(&by_year));
    html.push_str("</figure></section>\n<section id=\"axes\"><h2>Axes by CAF department</h2>\
        <p class=\"note\">Share of the department's conventions that cover each axis of the guide.</p>");
    html.push_str(&charts::heat_map(&by_department));
    html.push_str("</section>\n");
    search(&mut html, conventions.len());
    html.push_str(&table);
    html.push_str("</section>\n</main>\n");
    html.push_str(
        "<aside id=\"evidence\" aria-live=\"polite\"><h2>Evidence</h2><p class=\"note\">\
         Every value of the table links to the passages it was read from, shown \
         here in their context. This needs JavaScript.</p></aside>\n",
    );
    html.push_str(&markup::json_script("ctg-data", &data));
    let _ = write!(html, "\n<script>{SCRIPT}</script>\n</body>\n</html>\n");
    Report {
        html,
        documents: input.records.len(),
        conventions: conventions.len(),
        passages: data.passages(),
    }
}

fn head(html: &mut String, label: &str) {
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
         <title>CTG report: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(label)
    );
}

/// What the page covers: the folder, the counts, the tool and rules that
/// extracted it.
fn header(html: &mut String, input: &Input, conventions: usize) {
    let _ = write!(
        html,
        "<header><h1>Conventions Territoriales Globales</h1><p class=\"lead\">Report on \
         <code>{}</code>: {} documents, {} conventions (documents about one signing count once).</p><dl>",
        escape(input.label),
        input.records.len(),
        conventions
    );
    match input.manifest {
        Some(m) => {
            let _ = write!(
                html,
                "<dt>extracted by</dt><dd>{} {}, rules <code>{}</code> ({}, {} rules in {} files)</dd>\
                 <dt>documents</dt><dd>{} read, {} failed (see errors.jsonl), {} duplicates</dd>\
                 <dt>reference data</dt><dd>{}</dd>",
                escape(&m.tool.name),
                escape(&m.tool.version),
                escape(&m.rules.fingerprint),
                escape(&m.rules.source),
                m.rules.rules,
                m.rules.files,
                m.counts.documents,
                m.counts.errors,
                m.counts.duplicates,
                escape(&m.reference_data),
            );
        }
        None => {
            html.push_str("<dt>extracted by</dt><dd>unknown: the folder has no manifest.json</dd>")
        }
    }
    let _ = writeln!(
        html,
        "<dt>report by</dt><dd>ctg {}</dd></dl><nav><a href=\"#map\">map</a> · \
         <a href=\"#years\">years</a> · <a href=\"#axes\">axes</a> · \
         <a href=\"#conventions\">conventions</a></nav></header>",
        env!("CARGO_PKG_VERSION")
    );
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
fn off_map(by_department: &Table) -> String {
    let missing: Vec<String> = by_department
        .rows
        .iter()
        .filter(|r| match &r.key {
            Key::Code(code) => tiles::tile(code).is_none(),
            _ => true,
        })
        .map(|r| format!("{}: {}", charts::row_label(r), r.conventions))
        .collect();
    if missing.is_empty() {
        return String::new();
    }
    format!(
        "<p class=\"note\">Not on the map: {}.</p>",
        escape(&missing.join("; "))
    )
}

fn search(html: &mut String, conventions: usize) {
    let _ = write!(
        html,
        "<section id=\"conventions\"><h2>Conventions</h2>\
         <p class=\"controls\"><label for=\"search\">Search</label> \
         <input id=\"search\" type=\"search\" placeholder=\"department, territory, year, axis… (\u{201c}quotes\u{201d} for a phrase)\" autocomplete=\"off\"> \
         <output id=\"shown\" for=\"search\">{conventions} conventions</output></p>\
         <p class=\"note\">Click a value to see the passages it was read from; click a column header to sort.</p>"
    );
}

#[cfg(test)]
mod tests;
