//! A comparison table as text: Markdown for people, CSV for spreadsheets
//! (RFC 4180, or the dialect French Excel reads), JSON for programs.
//!
//! Every format has the same columns in the same order, the rows sorted by
//! key and the total last. Shares are fractions in CSV and JSON, percentages
//! in Markdown.

use super::{round, GroupBy, Row, Table};
use ctg_core::rules::builtin;
use std::fmt::Write;

/// The CSV dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvStyle {
    /// `,` between fields, `.` before decimals (RFC 4180).
    Standard,
    /// What French Excel opens directly: `;` between fields, `,` before
    /// decimals, a UTF-8 byte-order mark first.
    Excel,
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Readable tables ([`markdown`]).
    Markdown,
    /// One table ([`csv`]).
    Csv(CsvStyle),
    /// An array of objects ([`json`]).
    Json,
}

/// The table in `format`.
pub fn render(table: &Table, format: Format) -> String {
    match format {
        Format::Markdown => markdown(table),
        Format::Csv(style) => csv(table, style),
        Format::Json => json(table),
    }
}

/// A cell, before it is written in one format or another.
enum Value {
    Text(Option<String>),
    Count(usize),
    Year(Option<i32>),
    /// A number shown as a decimal (durations).
    Decimal(Option<f64>),
    /// A fraction shown as a decimal, or as a percentage in Markdown.
    Share(Option<f64>),
}

/// The part of the Markdown output a column is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    /// Key and name, in every Markdown table.
    Key,
    Overview,
    PerYear,
    Axes,
}

struct Column {
    /// CSV header (snake_case).
    header: String,
    /// Markdown header.
    title: String,
    section: Section,
    value: Box<dyn Fn(&Row) -> Value>,
}

fn column(
    header: impl Into<String>,
    title: impl Into<String>,
    section: Section,
    value: impl Fn(&Row) -> Value + 'static,
) -> Column {
    Column {
        header: header.into(),
        title: title.into(),
        section,
        value: Box::new(value),
    }
}

/// Every column, in order.
fn columns(table: &Table) -> Vec<Column> {
    use Section::*;
    let by = table.by.name();
    let mut columns = vec![
        column(by, by, Key, |r| Value::Text(Some(r.key.to_string()))),
        column("name", "name", Key, |r| Value::Text(r.name.clone())),
        column("conventions", "conventions", Overview, |r| {
            Value::Count(r.conventions)
        }),
        column("documents", "documents", Overview, |r| {
            Value::Count(r.documents)
        }),
        column("first_year", "first year", Overview, |r| {
            Value::Year(r.first_year)
        }),
        column("last_year", "last year", Overview, |r| {
            Value::Year(r.last_year)
        }),
    ];
    for &year in &table.years {
        columns.push(column(
            format!("year_{year}"),
            year.to_string(),
            PerYear,
            move |r| Value::Count(r.per_year.get(&year).copied().unwrap_or(0)),
        ));
    }
    columns.push(column(
        "median_duration_years",
        "median duration (years)",
        Overview,
        |r| Value::Decimal(r.median_duration_years),
    ));
    for (i, axis) in builtin::axes().iter().enumerate() {
        let code = axis.code.as_str();
        columns.push(column(format!("axis_{code}"), code, Axes, move |r| {
            Value::Share(r.axes.0.get(i).map(|(_, share)| *share))
        }));
    }
    columns.extend([
        column("communes", "communes covered", Overview, |r| {
            Value::Count(r.communes)
        }),
        column("commune_share", "share of communes", Overview, |r| {
            Value::Share(r.commune_share)
        }),
        column("population_share", "share of population", Overview, |r| {
            Value::Share(r.population_share)
        }),
        column("territories_commune", "communes (parties)", Overview, |r| {
            Value::Count(r.territories.commune)
        }),
        column("territories_epci", "EPCI", Overview, |r| {
            Value::Count(r.territories.epci)
        }),
        column("territories_syndicat", "syndicats", Overview, |r| {
            Value::Count(r.territories.syndicat)
        }),
        column("territories_departement", "départements", Overview, |r| {
            Value::Count(r.territories.departement)
        }),
        column("territories_other", "other parties", Overview, |r| {
            Value::Count(r.territories.other)
        }),
        column("conflicts", "conflicts", Overview, |r| {
            Value::Count(r.conflicts)
        }),
    ]);
    columns
}

/// A number with at most four decimals, trailing zeros dropped: `4`, `4.5`,
/// `0.3333`.
pub fn decimal(x: f64) -> String {
    let text = format!("{:.4}", round(x));
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn rows(table: &Table) -> impl Iterator<Item = &Row> {
    table.rows.iter().chain(std::iter::once(&table.total))
}

/// RFC 4180 CSV, or French Excel's dialect; lines end with CRLF.
pub fn csv(table: &Table, style: CsvStyle) -> String {
    let (separator, decimal_comma) = match style {
        CsvStyle::Standard => (',', false),
        CsvStyle::Excel => (';', true),
    };
    let columns = columns(table);
    let mut out = String::new();
    if style == CsvStyle::Excel {
        out.push('\u{feff}');
    }
    let mut line = |fields: Vec<String>| {
        let quoted: Vec<String> = fields.iter().map(|f| quote(f, separator)).collect();
        out.push_str(&quoted.join(&separator.to_string()));
        out.push_str("\r\n");
    };
    line(columns.iter().map(|c| c.header.clone()).collect());
    for row in rows(table) {
        line(
            columns
                .iter()
                .map(|c| match (c.value)(row) {
                    Value::Text(text) => text.unwrap_or_default(),
                    Value::Count(n) => n.to_string(),
                    Value::Year(year) => year.map(|y| y.to_string()).unwrap_or_default(),
                    Value::Decimal(x) | Value::Share(x) => x
                        .map(|x| {
                            let text = decimal(x);
                            if decimal_comma {
                                text.replace('.', ",")
                            } else {
                                text
                            }
                        })
                        .unwrap_or_default(),
                })
                .collect(),
        );
    }
    out
}

/// A CSV field (RFC 4180), in double quotes (inner ones doubled) when it
/// holds the separator, a quote or a line break.
pub(crate) fn quote(field: &str, separator: char) -> String {
    if field.contains([separator, '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Three Markdown tables with the key and name first: the overview, the
/// conventions per year, the share of conventions covering each axis.
pub fn markdown(table: &Table) -> String {
    let columns = columns(table);
    let mut out = String::new();
    let by = match table.by {
        GroupBy::Department => "CAF department",
        GroupBy::Region => "region",
        GroupBy::Year => "year",
    };
    for (section, heading) in [
        (Section::Overview, format!("Conventions by {by}")),
        (
            Section::PerYear,
            "Conventions per year (signing year, else first year of the period)".to_string(),
        ),
        (
            Section::Axes,
            "Share of conventions covering each axis".to_string(),
        ),
    ] {
        let shown: Vec<&Column> = columns
            .iter()
            .filter(|c| c.section == Section::Key || c.section == section)
            .collect();
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "## {heading}\n");
        let cells: Vec<String> = shown.iter().map(|c| escape(&c.title)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
        let rule: Vec<&str> = shown
            .iter()
            .map(|c| {
                if c.section == Section::Key {
                    "---"
                } else {
                    "---:"
                }
            })
            .collect();
        let _ = writeln!(out, "| {} |", rule.join(" | "));
        for row in rows(table) {
            let cells: Vec<String> = shown
                .iter()
                .map(|c| match (c.value)(row) {
                    Value::Text(text) => escape(&text.unwrap_or_default()),
                    Value::Count(n) => n.to_string(),
                    Value::Year(year) => year.map(|y| y.to_string()).unwrap_or_default(),
                    Value::Decimal(x) => x.map(decimal).unwrap_or_default(),
                    Value::Share(x) => x.map(percent).unwrap_or_default(),
                })
                .collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }
    out
}

/// A fraction as a percentage with at most one decimal: `100%`, `33.3%`,
/// `0%`; `<0.1%` for a share that is not zero but would show as one.
pub fn percent(x: f64) -> String {
    let text = format!("{:.1}", x * 100.0);
    if text == "0.0" && x > 0.0 {
        return "<0.1%".to_string();
    }
    format!("{}%", text.strip_suffix(".0").unwrap_or(&text))
}

fn escape(text: &str) -> String {
    text.replace('|', "\\|")
}

/// An array of row objects, the total last; keys in the order of [`Row`]'s
/// fields, per-year counts and axis shares as objects (years ascending with
/// `unknown` last; axes in the order of the guide).
pub fn json(table: &Table) -> String {
    let all: Vec<&Row> = rows(table).collect();
    let mut text = serde_json::to_string_pretty(&all).expect("rows serialize");
    text.push('\n');
    text
}
