//! French forms of facts: dates in words ("mardi 5 novembre 2024", "1er
//! janvier"), small numbers in words ("cinq"), and place names with their
//! prepositions ("de l'Allier", "du Boupère", "au Boupère", "aux Herbiers").
//!
//! Writing only: reading dates is the rules' business (`rules/lexicon/`).

use ctg_core::calendar::CivilDate;

const MONTHS: [&str; 12] = [
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

const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

const NUMBERS: [&str; 13] = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze",
];

/// The month's name ("novembre").
pub fn month(date: CivilDate) -> &'static str {
    MONTHS[date.month as usize - 1]
}

/// The weekday's name ("mardi").
pub fn weekday(date: CivilDate) -> &'static str {
    WEEKDAYS[date.weekday() as usize - 1]
}

/// The day of the month as written: "1er", "5".
pub fn day(date: CivilDate) -> String {
    if date.day == 1 {
        "1er".to_string()
    } else {
        date.day.to_string()
    }
}

/// "5 novembre 2024".
pub fn long(date: CivilDate) -> String {
    format!("{} {} {}", day(date), month(date), date.year)
}

/// "mardi 5 novembre 2024".
pub fn with_weekday(date: CivilDate) -> String {
    format!("{} {}", weekday(date), long(date))
}

/// "mardi 5 novembre".
pub fn weekday_no_year(date: CivilDate) -> String {
    format!("{} {} {}", weekday(date), day(date), month(date))
}

/// "5 novembre".
pub fn day_month(date: CivilDate) -> String {
    format!("{} {}", day(date), month(date))
}

/// "05/11/2024".
pub fn numeric(date: CivilDate) -> String {
    format!("{:02}/{:02}/{}", date.day, date.month, date.year)
}

/// A number in words up to twelve ("cinq"), in digits above.
pub fn number(n: u32) -> String {
    NUMBERS
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// The text with its first letter in capitals.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether a word starts with a vowel sound that elides "de" ("d'Angers").
fn elides(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| "AEIOUYÉÈÊÂÎÔaeiouyéèêâîô".contains(c))
}

/// The article a name starts with, and the rest: "Le Boupère" -> ("Le", "Boupère").
fn split_article(name: &str) -> Option<(&str, &str)> {
    ["Le ", "Les ", "La "]
        .iter()
        .find_map(|a| name.strip_prefix(a).map(|rest| (a.trim_end(), rest)))
}

/// "de Cholet", "d'Angers", "du Boupère", "des Herbiers", "de La Flèche".
pub fn of_place(name: &str) -> String {
    match split_article(name) {
        Some(("Le", rest)) => format!("du {rest}"),
        Some(("Les", rest)) => format!("des {rest}"),
        _ if elides(name) => format!("d'{name}"),
        _ => format!("de {name}"),
    }
}

/// "à Cholet", "au Boupère", "aux Herbiers", "à La Flèche".
pub fn at_place(name: &str) -> String {
    match split_article(name) {
        Some(("Le", rest)) => format!("au {rest}"),
        Some(("Les", rest)) => format!("aux {rest}"),
        _ => format!("à {name}"),
    }
}

/// A department with its preposition: `charniere` "de l'" + "Allier" -> "de l'Allier".
pub use ctg_core::refdata::with_charniere;

/// "5 400" with a no-break space between thousands, as French typesets numbers.
pub fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_places_read_as_french() {
        let d = CivilDate::new(2024, 11, 5).unwrap();
        assert_eq!(with_weekday(d), "mardi 5 novembre 2024");
        assert_eq!(
            long(CivilDate::new(2024, 1, 1).unwrap()),
            "1er janvier 2024"
        );
        assert_eq!(numeric(d), "05/11/2024");
        assert_eq!(of_place("Le Boupère"), "du Boupère");
        assert_eq!(of_place("Angers"), "d'Angers");
        assert_eq!(at_place("Les Herbiers"), "aux Herbiers");
        assert_eq!(at_place("La Flèche"), "à La Flèche");
        assert_eq!(with_charniere("de l'", "Allier"), "de l'Allier");
        assert_eq!(with_charniere("du", "Nord"), "du Nord");
        assert_eq!(thousands(12400), "12\u{a0}400");
    }
}
