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

use super::charts::axis_label;
use super::evidence::Store;
use super::markup::escape;
use crate::compare::decimal;
use crate::dataset::{Conflict, Convention, DurationBasis};
use ctg_core::record::{Precision, TerritoryKind};
use std::fmt::Write;

/// Column headers, in order.
pub const COLUMNS: [&str; 8] = [
    "CAF department",
    "territories",
    "signed",
    "period",
    "duration (years)",
    "axes",
    "sources",
    "conflicts",
];

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

fn kind(k: TerritoryKind) -> &'static str {
    match k {
        TerritoryKind::Commune => "commune",
        TerritoryKind::Epci => "EPCI",
        TerritoryKind::Syndicat => "syndicat",
        TerritoryKind::Departement => "département",
        TerritoryKind::Other => "other party",
    }
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
fn row(out: &mut String, c: &Convention, store: &mut Store) {
    let _ = write!(out, "<tr id=\"c-{}\">", escape(&c.id.0));
    parties(out, c, store);
    dates(out, c, store);
    let axes: Vec<String> = c
        .axes
        .iter()
        .map(|a| link(axis_label(&a.code), &store.axis(a), None))
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
                Conflict::SigningDate { .. } => "signing date",
                Conflict::Period { .. } => "period",
                Conflict::Duration { .. } => "duration",
            };
            link(
                field,
                &store.conflict(conflict),
                Some("the sources disagree"),
            )
        })
        .collect();
    cell(out, Some(&c.conflicts.len().to_string()), &lines(conflicts));
    out.push_str("</tr>\n");
}

/// The CAF departments and territory parties cells.
fn parties(out: &mut String, c: &Convention, store: &mut Store) {
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
            let title = match &t.code {
                Some(code) => format!("{} {code}", kind(t.kind)),
                None => kind(t.kind).to_string(),
            };
            link(&t.name, &store.territory(t), Some(&title))
        })
        .collect();
    cell(out, None, &lines(territories));
}

/// The signing date, period and duration cells.
fn dates(out: &mut String, c: &Convention, store: &mut Store) {
    match &c.signing_date {
        Some(day) => {
            // a date without its year sorts after the dated ones
            let key = match day.precision {
                Precision::Day => day.value.clone(),
                Precision::MonthDay => format!("~{}", day.value),
            };
            let value = link(&day.value, &store.signing(day), None);
            cell(out, Some(&key), &value);
        }
        None => cell(out, None, ""),
    }
    match &c.period {
        Some(p) => {
            let year = |y: Option<i32>| y.map_or_else(|| "?".to_string(), |y| y.to_string());
            let text = format!("{}–{}", year(p.start), year(p.end));
            let key = format!("{}-{}", year(p.start), year(p.end));
            cell(out, Some(&key), &link(&text, &store.period(p), None));
        }
        None => cell(out, None, ""),
    }
    match &c.duration {
        Some(d) => {
            let (text, title) = match d.basis {
                DurationBasis::Stated => (decimal(d.years), "as stated"),
                DurationBasis::Period => (
                    format!("{} (period)", decimal(d.years)),
                    "computed from the period",
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
pub fn table(conventions: &[Convention], store: &mut Store) -> String {
    let mut out = String::from("<table id=\"conventions-table\" class=\"conventions\"><thead><tr>");
    for title in COLUMNS {
        let _ = write!(out, "<th scope=\"col\">{title}</th>");
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
        row(&mut out, c, store);
    }
    out.push_str("</tbody></table>");
    out
}
