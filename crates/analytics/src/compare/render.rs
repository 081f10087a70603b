//! A comparison table as text: Markdown for people, CSV for spreadsheets
//! (RFC 4180, or the dialect French Excel reads), JSON for programs, and an
//! Excel workbook.
//!
//! Every format has the same columns in the same order, the rows sorted by
//! key and the total last. Shares are fractions in CSV and JSON, percentages
//! in Markdown and the workbook. What people read (Markdown, the Excel CSV's
//! headers, the workbook) is in the chosen [`Lang`]; the standard CSV's
//! headers and the JSON keys are codes (`axis_petite_enfance`).

use super::{round, GroupBy, Key, Row, Table, Year};
use crate::labels::{self, Lang};
use crate::xlsx::{self, Cell, Sheet};
use ctg_core::rules::builtin;
use std::fmt::Write;

/// The CSV dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvStyle {
    /// `,` between fields, `.` before decimals (RFC 4180), code headers.
    Standard,
    /// What French Excel opens directly: `;` between fields, `,` before
    /// decimals, a UTF-8 byte-order mark first, headers people read.
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
    /// An Excel workbook ([`workbook`]).
    Xlsx,
}

/// The table in `format`, with what people read in `lang`.
pub fn render(table: &Table, format: Format, lang: Lang) -> Result<Vec<u8>, xlsx::XlsxError> {
    Ok(match format {
        Format::Markdown => markdown(table, lang).into_bytes(),
        Format::Csv(style) => csv(table, style, lang).into_bytes(),
        Format::Json => json(table).into_bytes(),
        Format::Xlsx => workbook(table, lang)?,
    })
}

/// A cell, before it is written in one format or another.
enum Value {
    /// The row's key: a code in the standard CSV, a label elsewhere.
    Key(Key),
    Text(Option<String>),
    Count(usize),
    Year(Option<i32>),
    /// A number shown as a decimal (durations).
    Decimal(Option<f64>),
    /// A fraction shown as a decimal, or as a percentage in Markdown.
    Share(Option<f64>),
}

/// The part of the Markdown output (the sheet of the workbook) a column is
/// shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    /// Key and name, in every Markdown table.
    Key,
    Overview,
    PerYear,
    Axes,
}

struct Column {
    /// Standard CSV header and JSON-like code (snake_case).
    header: String,
    /// What people read, in French.
    fr: String,
    /// What people read, in English.
    en: String,
    section: Section,
    value: Box<dyn Fn(&Row) -> Value>,
}

impl Column {
    fn title(&self, lang: Lang) -> &str {
        lang.pick(&self.fr, &self.en)
    }
}

fn column(
    header: impl Into<String>,
    (fr, en): (&str, &str),
    section: Section,
    value: impl Fn(&Row) -> Value + 'static,
) -> Column {
    Column {
        header: header.into(),
        fr: fr.to_string(),
        en: en.to_string(),
        section,
        value: Box::new(value),
    }
}

/// The key of a row as people read it.
fn key_label(key: &Key, lang: Lang) -> String {
    match key {
        Key::Unknown => lang.pick("inconnu", "unknown").to_string(),
        Key::Total => "total".to_string(),
        other => other.to_string(),
    }
}

/// Every column, in order.
fn columns(table: &Table, lang: Lang) -> Vec<Column> {
    use Section::*;
    let by = table.by.name();
    let by_title = match table.by {
        GroupBy::Department => ("département", "department"),
        GroupBy::Region => ("région", "region"),
        GroupBy::Year => ("année", "year"),
    };
    let mut columns = vec![
        column(by, by_title, Key, |r| Value::Key(r.key.clone())),
        column("name", ("nom", "name"), Key, |r| {
            Value::Text(r.name.clone())
        }),
        column(
            "conventions",
            ("conventions", "conventions"),
            Overview,
            |r| Value::Count(r.conventions),
        ),
        column("signed", ("signées", "signed"), Overview, |r| {
            Value::Count(r.status.signed)
        }),
        column("authorized", ("autorisées", "authorized"), Overview, |r| {
            Value::Count(r.status.authorized)
        }),
        column(
            "to_be_signed",
            ("à signer", "to be signed"),
            Overview,
            |r| Value::Count(r.status.to_be_signed),
        ),
        column(
            "in_preparation",
            ("en préparation", "in preparation"),
            Overview,
            |r| Value::Count(r.status.in_preparation),
        ),
        column(
            "status_unknown",
            ("statut inconnu", "status unknown"),
            Overview,
            |r| Value::Count(r.status.unknown),
        ),
        column("documents", ("documents", "documents"), Overview, |r| {
            Value::Count(r.documents)
        }),
        column(
            "first_year",
            ("première signature", "first signing"),
            Overview,
            |r| Value::Year(r.first_year),
        ),
        column(
            "last_year",
            ("dernière signature", "last signing"),
            Overview,
            |r| Value::Year(r.last_year),
        ),
    ];
    for &year in &table.years {
        let title = match year {
            Year::Known(y) => y.to_string(),
            Year::Unknown => lang.pick("année inconnue", "unknown year").to_string(),
        };
        columns.push(column(
            format!("year_{year}"),
            (&title, &title),
            PerYear,
            move |r| Value::Count(r.per_year.get(&year).copied().unwrap_or(0)),
        ));
    }
    columns.push(column(
        "median_duration_years",
        ("durée médiane (ans)", "median duration (years)"),
        Overview,
        |r| Value::Decimal(r.median_duration_years),
    ));
    for (i, axis) in builtin::axes().iter().enumerate() {
        let code = axis.code.as_str();
        columns.push(column(
            format!("axis_{code}"),
            (&axis.label_fr, &axis.label_en),
            Axes,
            move |r| Value::Share(r.axes.0.get(i).map(|(_, share)| *share)),
        ));
    }
    columns.extend(coverage_columns());
    columns
}

/// The columns of the communes covered, the parties and the conflicts.
fn coverage_columns() -> Vec<Column> {
    use Section::*;
    vec![
        column(
            "communes",
            ("communes couvertes", "communes covered"),
            Overview,
            |r| Value::Count(r.communes),
        ),
        column(
            "commune_share",
            ("part des communes", "share of communes"),
            Overview,
            |r| Value::Share(r.commune_share),
        ),
        column(
            "population_share",
            ("part de la population", "share of population"),
            Overview,
            |r| Value::Share(r.population_share),
        ),
        column(
            "territories_commune",
            ("communes (parties)", "communes (parties)"),
            Overview,
            |r| Value::Count(r.territories.commune),
        ),
        column("territories_epci", ("EPCI", "EPCI"), Overview, |r| {
            Value::Count(r.territories.epci)
        }),
        column(
            "territories_syndicat",
            ("syndicats", "syndicats"),
            Overview,
            |r| Value::Count(r.territories.syndicat),
        ),
        column(
            "territories_departement",
            ("départements", "départements"),
            Overview,
            |r| Value::Count(r.territories.departement),
        ),
        column(
            "territories_other",
            ("autres parties", "other parties"),
            Overview,
            |r| Value::Count(r.territories.other),
        ),
        column("conflicts", ("désaccords", "conflicts"), Overview, |r| {
            Value::Count(r.conflicts)
        }),
    ]
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

/// RFC 4180 CSV with code headers, or French Excel's dialect with headers
/// in `lang`; lines end with CRLF.
pub fn csv(table: &Table, style: CsvStyle, lang: Lang) -> String {
    let (separator, decimal_comma) = match style {
        CsvStyle::Standard => (b',', false),
        CsvStyle::Excel => (b';', true),
    };
    let columns = columns(table, lang);
    let mut out = csv::WriterBuilder::new()
        .delimiter(separator)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let headers: Vec<&str> = columns
        .iter()
        .map(|c| match style {
            CsvStyle::Standard => c.header.as_str(),
            CsvStyle::Excel => c.title(lang),
        })
        .collect();
    // writing into a Vec<u8> cannot fail
    out.write_record(&headers).expect("CSV into memory");
    for row in rows(table) {
        let fields: Vec<String> = columns
            .iter()
            .map(|c| match (c.value)(row) {
                Value::Key(key) => match style {
                    CsvStyle::Standard => key.to_string(),
                    CsvStyle::Excel => key_label(&key, lang),
                },
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
            .collect();
        out.write_record(&fields).expect("CSV into memory");
    }
    let bytes = out.into_inner().expect("CSV into memory");
    let text = String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8");
    match style {
        CsvStyle::Excel => format!("\u{feff}{text}"),
        CsvStyle::Standard => text,
    }
}

/// The workbook: one sheet per Markdown table (overview, signings per
/// year, axes), numbers as numbers, shares as percentages, codes as text,
/// and a sheet that says what was counted.
pub fn workbook(table: &Table, lang: Lang) -> Result<Vec<u8>, xlsx::XlsxError> {
    let columns = columns(table, lang);
    let mut sheets: Vec<Sheet> = sections(table, lang)
        .into_iter()
        .map(|(section, _, name)| {
            let shown: Vec<&Column> = columns
                .iter()
                .filter(|c| c.section == Section::Key || c.section == section)
                .collect();
            Sheet {
                name: name.to_string(),
                headers: shown.iter().map(|c| c.title(lang).to_string()).collect(),
                rows: rows(table)
                    .map(|row| {
                        shown
                            .iter()
                            .map(|c| match (c.value)(row) {
                                Value::Key(key) => Cell::Text(key_label(&key, lang)),
                                Value::Text(text) => Cell::from(text),
                                Value::Count(n) => Cell::Number(n as f64),
                                Value::Year(y) => {
                                    y.map_or(Cell::Empty, |y| Cell::Number(f64::from(y)))
                                }
                                Value::Decimal(x) => {
                                    x.map_or(Cell::Empty, |x| Cell::Number(round(x)))
                                }
                                Value::Share(x) => x.map_or(Cell::Empty, |x| Cell::Share(round(x))),
                            })
                            .collect()
                    })
                    .collect(),
            }
        })
        .collect();
    sheets.push(Sheet {
        name: lang.pick("À lire", "Read me").to_string(),
        headers: vec![lang.pick("note", "note").to_string()],
        rows: notes(table, lang)
            .into_iter()
            .map(|n| vec![Cell::Text(n)])
            .collect(),
    });
    xlsx::workbook(&sheets)
}

/// What the counts mean, and what was left out.
fn notes(table: &Table, lang: Lang) -> Vec<String> {
    let mut notes = vec![lang
        .pick(
            "Une convention est une signature : le communiqué et la convention signée d'une même signature comptent une fois ; chaque signature d'un bilan qui en rapporte plusieurs compte à part.",
            "A convention is one signing: the press release and the signed convention of one signing count once; each signing of a round-up that reports several counts apart.",
        )
        .to_string(),
        lang.pick(
            "« conventions » compte toutes les conventions, quel que soit leur statut (signées, autorisées, à signer, en préparation, inconnu) ; seules les conventions signées comptent dans les signatures par année et les première et dernière signatures.",
            "\"conventions\" counts every convention whatever its status (signed, authorized, to be signed, in preparation, unknown); only signed conventions count in the signings per year and the first and last signing.",
        )
        .to_string()];
    if table.not_about_ctg > 0 {
        notes.push(left_out(table.not_about_ctg, lang));
    }
    notes
}

/// "3 documents ne portant pas sur une CTG précise ont été laissés de côté."
fn left_out(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!(
            "{n} document{s} ne portant pas sur une CTG précise (autre sens du sigle, autre contrat, présentation générale) {verb} laissé{s} de côté.",
            s = if n > 1 { "s" } else { "" },
            verb = if n > 1 { "ont été" } else { "a été" },
        ),
        Lang::En => format!(
            "{n} document{s} not about a specific CTG (another meaning of the acronym, another contract, a general presentation) {verb} left out.",
            s = if n > 1 { "s" } else { "" },
            verb = if n > 1 { "were" } else { "was" },
        ),
    }
}

/// The sections of the Markdown output and sheets of the workbook: the
/// section, its heading, the sheet's name (at most 31 characters).
fn sections(table: &Table, lang: Lang) -> [(Section, String, &'static str); 3] {
    let by = match (table.by, lang) {
        (GroupBy::Department, Lang::Fr) => "département CAF",
        (GroupBy::Region, Lang::Fr) => "région",
        (GroupBy::Year, Lang::Fr) => "année",
        (GroupBy::Department, Lang::En) => "CAF department",
        (GroupBy::Region, Lang::En) => "region",
        (GroupBy::Year, Lang::En) => "year",
    };
    [
        (
            Section::Overview,
            format!("{} {by}", lang.pick("Conventions par", "Conventions by")),
            lang.pick("Vue d'ensemble", "Overview"),
        ),
        (
            Section::PerYear,
            lang.pick(
                "Signatures par année (conventions signées ; année de signature, sinon première année de la période)",
                "Signings per year (signed conventions; signing year, else first year of the period)",
            )
            .to_string(),
            lang.pick("Signatures par année", "Signings per year"),
        ),
        (
            Section::Axes,
            lang.pick(
                "Part des conventions couvrant chaque axe",
                "Share of conventions covering each axis",
            )
            .to_string(),
            lang.pick("Axes", "Axes"),
        ),
    ]
}

/// Three Markdown tables in `lang` with the key and name first: the
/// overview, the signings per year, the share of conventions covering each
/// axis; then what was left out.
pub fn markdown(table: &Table, lang: Lang) -> String {
    let columns = columns(table, lang);
    let mut out = String::new();
    for (section, heading, _) in sections(table, lang) {
        let shown: Vec<&Column> = columns
            .iter()
            .filter(|c| c.section == Section::Key || c.section == section)
            .collect();
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "## {heading}\n");
        let cells: Vec<String> = shown.iter().map(|c| escape(c.title(lang))).collect();
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
                    Value::Key(key) => escape(&key_label(&key, lang)),
                    Value::Text(text) => escape(&text.unwrap_or_default()),
                    Value::Count(n) => n.to_string(),
                    Value::Year(year) => year.map(|y| y.to_string()).unwrap_or_default(),
                    Value::Decimal(x) => x
                        .map(|x| labels::number(round(x), 4, lang))
                        .unwrap_or_default(),
                    Value::Share(x) => x.map(|x| percent(x, lang)).unwrap_or_default(),
                })
                .collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }
    if table.not_about_ctg > 0 {
        let _ = writeln!(out, "\n{}", left_out(table.not_about_ctg, lang));
    }
    out
}

/// A fraction as a percentage with at most one decimal: `100%`, `33.3%`,
/// `0%`; `<0.1%` for a share that is not zero but would show as one. In
/// French, with a decimal comma and a narrow space: `33,3 %`.
pub fn percent(x: f64, lang: Lang) -> String {
    let text = format!("{:.1}", x * 100.0);
    let (text, below) = if text == "0.0" && x > 0.0 {
        ("0.1", "<")
    } else {
        (text.strip_suffix(".0").unwrap_or(&text), "")
    };
    match lang {
        Lang::Fr => format!("{below}{}\u{202f}%", text.replace('.', ",")),
        Lang::En => format!("{below}{text}%"),
    }
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
