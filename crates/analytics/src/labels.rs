//! What people read in place of codes: French by default, English with
//! `--lang en`.
//!
//! In: a [`Lang`] and a code of the records (an axis, a status, a document
//! kind, a territory kind) or a date value. Out: the label or the date as a
//! reader writes it ("14 décembre 2023"). Codes stay codes in JSON, JSONL,
//! CSV and SQLite; these labels are for the report, compare's Markdown, the
//! Excel outputs and their headers.
//!
//! The axis labels are rule data (`rules/lexicon/axes.toml`, `label_fr` and
//! `label_en`); the few other words are the names of the record's enums.
//! Does not: read files or print.

use ctg_core::calendar::CivilDate;
use ctg_core::record::{DocType, Precision, StatusValue, TerritoryKind};
use ctg_core::rules::builtin;

/// The language of what people read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// French: the language of the documents and of their readers.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The `lang` attribute of a page: `fr`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// `fr` or `en` of a pair of texts.
    pub fn pick<'a>(self, fr: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
}

/// The label of an axis code ("Petite enfance (0-3 ans)"); the code itself
/// when the rules do not know it.
pub fn axis(code: &str, lang: Lang) -> &str {
    builtin::axes()
        .iter()
        .find(|a| a.code == code)
        .map_or(code, |a| lang.pick(&a.label_fr, &a.label_en))
}

/// What a status means ("signée", "autorisée").
pub fn status(value: StatusValue, lang: Lang) -> &'static str {
    match value {
        StatusValue::Signed => lang.pick("signée", "signed"),
        StatusValue::ToBeSigned => lang.pick("à signer", "to be signed"),
        StatusValue::Authorized => lang.pick("autorisée", "authorized"),
        StatusValue::InPreparation => lang.pick("en préparation", "in preparation"),
    }
}

/// What a document is ("communiqué", "délibération").
pub fn doc_type(value: DocType, lang: Lang) -> &'static str {
    match value {
        DocType::PressRelease => lang.pick("communiqué ou article", "press release"),
        DocType::Convention => "convention",
        DocType::Amendment => lang.pick("avenant", "amendment"),
        DocType::Deliberation => lang.pick("délibération", "deliberation"),
        DocType::Other => lang.pick("autre document", "other document"),
    }
}

/// What a territory party is ("commune", "EPCI", "autre partie").
pub fn territory_kind(kind: TerritoryKind, lang: Lang) -> &'static str {
    match kind {
        TerritoryKind::Commune => "commune",
        TerritoryKind::Epci => "EPCI",
        TerritoryKind::Syndicat => "syndicat",
        TerritoryKind::Departement => "département",
        TerritoryKind::Other => lang.pick("autre partie", "other party"),
    }
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Day and month as a reader writes them: "1er mars", "14 décembre";
/// "14 December".
fn day_month(month: u32, day: u32, lang: Lang) -> Option<String> {
    let index = usize::try_from(month).ok()?.checked_sub(1)?;
    match lang {
        Lang::Fr => {
            let name = MONTHS_FR.get(index)?;
            Some(if day == 1 {
                format!("1er {name}")
            } else {
                format!("{day} {name}")
            })
        }
        Lang::En => Some(format!("{day} {}", MONTHS_EN.get(index)?)),
    }
}

/// A date value of the records as a reader writes it: `2023-12-14` is
/// "14 décembre 2023"; `--12-14` (year undecided) is "14 décembre (2017 ou
/// 2023 ?)" with the years still possible, or "14 décembre (année
/// inconnue)" when nothing narrows them; `2022-12` is "décembre 2022". A
/// value that is no such date is
/// returned as it is.
pub fn date(value: &str, precision: Precision, candidates: &[i32], lang: Lang) -> String {
    let written = match precision {
        Precision::Day => CivilDate::parse(value)
            .and_then(|d| Some(format!("{} {}", day_month(d.month, d.day, lang)?, d.year))),
        Precision::MonthDay => value
            .strip_prefix("--")
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(m, d)| day_month(m.parse().ok()?, d.parse().ok()?, lang))
            .map(|dm| format!("{dm} ({})", undecided_year(candidates, lang))),
        // a periodical's issue: "décembre 2022"; a season's: "2025"
        Precision::Month => value.split_once('-').and_then(|(y, m)| {
            let index = m.parse::<usize>().ok()?.checked_sub(1)?;
            let months = match lang {
                Lang::Fr => &MONTHS_FR,
                Lang::En => &MONTHS_EN,
            };
            Some(format!("{} {y}", months.get(index)?))
        }),
        Precision::Year => Some(value.to_string()),
    };
    written.unwrap_or_else(|| value.to_string())
}

/// "2017 ou 2023 ?", "2017, 2018 ou 2023 ?", "année inconnue".
fn undecided_year(candidates: &[i32], lang: Lang) -> String {
    let years: Vec<String> = candidates.iter().map(i32::to_string).collect();
    match years.as_slice() {
        [] => lang.pick("année inconnue", "year unknown").to_string(),
        [one] => format!("{one} ?"),
        [rest @ .., last] => format!("{} {} {last} ?", rest.join(", "), lang.pick("ou", "or")),
    }
}

/// A period of years: "2023-2026", "jusqu'en 2026" when only the end is
/// known, "à partir de 2023" when only the start is.
pub fn period(start: Option<i32>, end: Option<i32>, lang: Lang) -> String {
    match (start, end) {
        (Some(s), Some(e)) => format!("{s}–{e}"),
        (None, Some(e)) => format!("{} {e}", lang.pick("jusqu'en", "until")),
        (Some(s), None) => format!("{} {s}", lang.pick("à partir de", "from")),
        (None, None) => String::new(),
    }
}

/// A number with at most `decimals` decimals, trailing zeros dropped, with
/// a decimal comma in French: `4`, `4,5`.
pub fn number(x: f64, decimals: usize, lang: Lang) -> String {
    let text = format!("{x:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_people_write_them() {
        let fr = Lang::Fr;
        assert_eq!(
            date("2023-12-14", Precision::Day, &[], fr),
            "14 décembre 2023"
        );
        assert_eq!(date("2024-03-01", Precision::Day, &[], fr), "1er mars 2024");
        assert_eq!(
            date("--12-14", Precision::MonthDay, &[2017, 2023], fr),
            "14 décembre (2017 ou 2023 ?)"
        );
        assert_eq!(
            date("--12-14", Precision::MonthDay, &[2012, 2017, 2023], fr),
            "14 décembre (2012, 2017 ou 2023 ?)"
        );
        assert_eq!(
            date("--05-30", Precision::MonthDay, &[], fr),
            "30 mai (année inconnue)"
        );
        assert_eq!(
            date("2023-12-14", Precision::Day, &[], Lang::En),
            "14 December 2023"
        );
        // not a date: left as it is, never a made-up one
        assert_eq!(date("2023-13-40", Precision::Day, &[], fr), "2023-13-40");
    }

    #[test]
    fn periods_and_numbers() {
        assert_eq!(period(Some(2023), Some(2026), Lang::Fr), "2023–2026");
        assert_eq!(period(None, Some(2026), Lang::Fr), "jusqu'en 2026");
        assert_eq!(period(Some(2023), None, Lang::En), "from 2023");
        assert_eq!(number(4.5, 1, Lang::Fr), "4,5");
        assert_eq!(number(4.0, 1, Lang::Fr), "4");
        assert_eq!(number(0.3333, 4, Lang::En), "0.3333");
    }

    #[test]
    fn axis_labels_come_from_the_rules() {
        assert_eq!(axis("petite_enfance", Lang::Fr), "Petite enfance (0-3 ans)");
        assert_eq!(axis("petite_enfance", Lang::En), "Early childhood (0-3)");
        assert_eq!(axis("not_an_axis", Lang::Fr), "not_an_axis");
    }
}
