//! The table of conventions: one row per convention, every value a link to
//! the passages it was read from.
//!
//! In: conventions and the evidence [`Store`]. Out: the HTML table, complete
//! without JavaScript; the page's script only filters and sorts its rows
//! and opens the passages of a link (`data-ev`: evidence indices,
//! `data-doc`: document indices) in a panel. Links carry no class and
//! values no tooltip they do not need: with 5,000 conventions every byte
//! of a row counts 5,000 times.
//!
//! Each cell has a `data-sort` key when its text does not sort by itself
//! (dates without a year after dated ones, durations in months).

use super::evidence::Store;
use super::markup::escape;
use crate::dataset::{Conflict, Convention, DurationBasis};
use crate::labels::{self, Lang};
use ctg_core::record::Precision;
use std::fmt::Write;

/// Column headers, in order: French, English.
pub const COLUMNS: [(&str, &str); 9] = [
    ("département CAF", "CAF department"),
    ("territoires", "territories"),
    ("statut", "status"),
    ("signée le", "signed on"),
    ("période", "period"),
    ("durée (ans)", "duration (years)"),
    ("axes", "axes"),
    ("sources", "sources"),
    ("désaccords", "conflicts"),
];

/// The mark of a duration computed from the period (explained in the
/// legend).
pub const COMPUTED: &str = "≈";

/// A value linking to its passages (plain text when it has none).
fn link(text: &str, evidence: &[usize], title: Option<&str>) -> String {
    if evidence.is_empty() {
        return escape(text);
    }
    let ids: Vec<String> = evidence.iter().map(usize::to_string).collect();
    let title = title.map_or_else(String::new, |t| format!(" title=\"{}\"", escape(t)));
    format!(
        "<a href=\"#evidence\" data-ev=\"{}\"{title}>{}</a>",
        ids.join(" "),
        escape(text)
    )
}

fn cell(out: &mut String, sort: Option<&str>, content: &str) {
    match sort {
        Some(key) => {
            let _ = write!(out, "<td data-sort=\"{}\">{content}</td>", escape(key));
        }
        None => {
            let _ = write!(out, "<td>{content}</td>");
        }
    }
}

/// The values of a list cell, one per line.
fn lines(values: Vec<String>) -> String {
    values.join("<br>\n")
}

/// One row of the table.
fn row(out: &mut String, c: &Convention, store: &mut Store, lang: Lang) {
    store.begin(c);
    let _ = write!(out, "<tr id=\"c-{}\">", escape(&c.id.0));
    parties(out, c, store, lang);
    match &c.status {
        Some(s) => {
            let text = labels::status(s.value, lang);
            cell(out, Some(text), &link(text, &store.status(s), None));
        }
        None => cell(out, None, ""),
    }
    dates(out, c, store, lang);
    let axes: Vec<String> = c
        .axes
        .iter()
        .map(|a| link(labels::axis(&a.code, lang), &store.axis(a), None))
        .collect();
    cell(out, Some(&c.axes.len().to_string()), &axes.join(", "));
    let docs: Vec<String> = store
        .sources(&c.sources)
        .iter()
        .map(usize::to_string)
        .collect();
    let _ = write!(
        out,
        "<td><a href=\"#evidence\" data-doc=\"{}\">{}</a></td>",
        docs.join(" "),
        c.sources.len()
    );
    let conflicts: Vec<String> = c
        .conflicts
        .iter()
        .map(|conflict| {
            let field = match conflict {
                Conflict::SigningDate { .. } => lang.pick("date de signature", "signing date"),
                Conflict::Period { .. } => lang.pick("période", "period"),
                Conflict::Duration { .. } => lang.pick("durée", "duration"),
            };
            link(
                field,
                &store.conflict(conflict),
                Some(lang.pick("les sources divergent", "the sources disagree")),
            )
        })
        .collect();
    cell(out, Some(&c.conflicts.len().to_string()), &lines(conflicts));
    out.push_str("</tr>\n");
}

/// The CAF departments and territory parties cells.
fn parties(out: &mut String, c: &Convention, store: &mut Store, lang: Lang) {
    let departments: Vec<String> = c
        .caf
        .iter()
        .map(|d| {
            let text = d
                .name
                .as_ref()
                .map_or_else(|| d.code.clone(), |n| format!("{} {n}", d.code));
            link(&text, &store.caf(d), None)
        })
        .collect();
    let first_code = c.caf.first().map_or("", |d| d.code.as_str());
    cell(out, Some(first_code), &lines(departments));
    let territories: Vec<String> = c
        .territories
        .iter()
        .map(|t| {
            let kind = labels::territory_kind(t.kind, lang);
            let title = match &t.code {
                Some(code) => format!("{kind} {code}"),
                None => kind.to_string(),
            };
            link(&t.name, &store.territory(t), Some(&title))
        })
        .collect();
    cell(out, None, &lines(territories));
}

/// The signing date, period and duration cells.
fn dates(out: &mut String, c: &Convention, store: &mut Store, lang: Lang) {
    match &c.signing_date {
        Some(day) => {
            // a date without its year sorts after the dated ones
            let key = match day.precision {
                Precision::Day | Precision::Month | Precision::Year => day.value.clone(),
                Precision::MonthDay => format!("~{}", day.value),
            };
            let text = labels::date(&day.value, day.precision, &day.year_candidates, lang);
            let value = link(&text, &store.signing(day), None);
            cell(out, Some(&key), &value);
        }
        None => cell(out, None, ""),
    }
    match &c.period {
        Some(p) => {
            let year = |y: Option<i32>| y.map_or_else(|| "?".to_string(), |y| y.to_string());
            let text = labels::period(p.start, p.end, lang);
            let key = format!("{}-{}", year(p.start), year(p.end));
            cell(out, Some(&key), &link(&text, &store.period(p), None));
        }
        None => cell(out, None, ""),
    }
    match &c.duration {
        Some(d) => {
            let years = labels::number(d.years, 2, lang);
            let (text, title) = match d.basis {
                DurationBasis::Stated => (years, lang.pick("durée écrite", "as stated")),
                DurationBasis::Period => (
                    format!("{COMPUTED}\u{a0}{years}"),
                    lang.pick("calculée d'après la période", "computed from the period"),
                ),
            };
            let value = link(&text, &store.duration(d), Some(title));
            cell(out, Some(&d.months.to_string()), &value);
        }
        None => cell(out, None, ""),
    }
}

/// The table of every convention, by CAF department (those without one
/// last), then year, then id.
pub fn table(conventions: &[Convention], store: &mut Store, lang: Lang) -> String {
    let mut out = String::from("<table id=\"conventions-table\" class=\"conventions\"><thead><tr>");
    for (fr, en) in COLUMNS {
        let _ = write!(out, "<th scope=\"col\">{}</th>", lang.pick(fr, en));
    }
    out.push_str("</tr></thead><tbody>\n");
    let mut sorted: Vec<&Convention> = conventions.iter().collect();
    sorted.sort_by_key(|c| {
        (
            c.caf.first().map(|d| &d.code).is_none(),
            c.caf.first().map(|d| &d.code),
            c.year().is_none(),
            c.year(),
            &c.id,
        )
    });
    for c in sorted {
        row(&mut out, c, store, lang);
    }
    out.push_str("</tbody></table>");
    out
}
