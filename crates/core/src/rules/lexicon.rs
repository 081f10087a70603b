//! The lexicon: every word list and piece of French grammar the extractors read,
//! loaded from the `[[table]]`s and `[[axis]]`es of the rule files into one typed
//! structure when the rules compile.
//!
//! The tables the code reads are declared once, in `lexicon!` below, each with the
//! type of value its words carry (a number, a role code, a party kind, a
//! department code, or nothing for a plain word list). Loading checks that each
//! one is defined, that every value is one its type knows, and that every table
//! defined in the rules is read by the code or referenced by a pattern
//! (`{month}`): a renamed or misspelled table, a role code spelled wrong, a
//! table nothing reads, each is a load error naming the file, the line, the table
//! and the known names.
//!
//! Words are compared folded (`normalize::fold`: lower case, no accents, hyphens
//! and apostrophes as spaces), so "Vice-Présidente" and "vice présidente" are one
//! entry; `Words::lookup` also finds a word as written, case-insensitively.

use super::error::RuleError;
use super::model::{TableValue, TableWords};
use crate::normalize::fold::fold;
use crate::record::{DurationUnit, RoleCode, TerritoryKind};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One word (or phrase) of a table.
#[derive(Debug, Clone)]
pub struct Entry<V> {
    /// As written in the rule file, lower case.
    pub word: String,
    /// Folded.
    pub folded: String,
    /// The folded words of the phrase.
    pub words: Vec<String>,
    /// What it means.
    pub value: V,
}

/// A typed word table: each word or phrase and the value it means.
#[derive(Debug, Clone)]
pub struct Words<V> {
    entries: Vec<Entry<V>>,
    /// Lower case, whitespace collapsed -> entry.
    by_word: HashMap<String, usize>,
    /// Folded -> entry.
    by_folded: HashMap<String, usize>,
    /// First folded word -> entries, longest first.
    by_first: HashMap<String, Vec<usize>>,
}

/// A table whose words carry no value: a word list.
pub type WordSet = Words<()>;

impl<V> Default for Words<V> {
    fn default() -> Self {
        Words {
            entries: Vec::new(),
            by_word: HashMap::new(),
            by_folded: HashMap::new(),
            by_first: HashMap::new(),
        }
    }
}

fn collapse(word: &str) -> String {
    word.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl<V> Words<V> {
    /// A table of these words and values, in this order.
    pub fn new(words: impl IntoIterator<Item = (String, V)>) -> Words<V> {
        let mut table = Words::default();
        for (word, value) in words {
            let word = collapse(&word);
            let folded = fold(&word);
            let i = table.entries.len();
            table.by_word.entry(word.clone()).or_insert(i);
            table.by_folded.entry(folded.clone()).or_insert(i);
            let words: Vec<String> = folded
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            if let Some(first) = words.first() {
                table.by_first.entry(first.clone()).or_default().push(i);
            }
            table.entries.push(Entry {
                word,
                folded,
                words,
                value,
            });
        }
        // longest first; of equally long entries, the later one in file order
        let entries = &table.entries;
        for list in table.by_first.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse((entries[i].words.len(), i)));
        }
        table
    }

    /// The value of a word as written (case- and whitespace-insensitive).
    pub fn lookup(&self, word: &str) -> Option<&V> {
        self.by_word
            .get(&collapse(word))
            .map(|&i| &self.entries[i].value)
    }

    /// The entry of a folded word or phrase, as the table writes it (in
    /// lower case, accents kept).
    pub fn written_folded(&self, folded: &str) -> Option<&str> {
        self.by_folded
            .get(folded)
            .map(|&i| self.entries[i].word.as_str())
    }

    /// The value of a folded word or phrase.
    pub fn get_folded(&self, folded: &str) -> Option<&V> {
        self.by_folded.get(folded).map(|&i| &self.entries[i].value)
    }

    /// Whether the folded word or phrase is in the table.
    pub fn contains_folded(&self, folded: &str) -> bool {
        self.by_folded.contains_key(folded)
    }

    /// The entries whose first folded word is `first`, longest first.
    pub fn starting(&self, first: &str) -> impl Iterator<Item = &Entry<V>> {
        self.by_first
            .get(first)
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i])
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry<V>> {
        self.entries.iter()
    }

    /// Every entry folded.
    pub fn folded(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.folded.as_str())
    }

    /// Every entry folded, as a list (for the places' phrase matching).
    pub fn folded_list(&self) -> Vec<&str> {
        self.folded().collect()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The kind of party a body is, as `org_head` and `role_party_kind` say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartyKind {
    /// A CAF.
    Caf,
    /// A commune.
    Commune,
    /// An intercommunality.
    Epci,
    /// The département.
    Departement,
    /// A syndicat.
    Syndicat,
    /// Another body.
    Other,
}

impl PartyKind {
    /// The party kind of a territory kind (the inverse of `territory`).
    pub fn of_territory(kind: TerritoryKind) -> PartyKind {
        match kind {
            TerritoryKind::Commune => PartyKind::Commune,
            TerritoryKind::Epci => PartyKind::Epci,
            TerritoryKind::Departement => PartyKind::Departement,
            TerritoryKind::Syndicat => PartyKind::Syndicat,
            TerritoryKind::Other => PartyKind::Other,
        }
    }

    /// The territory kind, for every kind but the CAF.
    pub fn territory(self) -> Option<TerritoryKind> {
        Some(match self {
            PartyKind::Caf => return None,
            PartyKind::Commune => TerritoryKind::Commune,
            PartyKind::Epci => TerritoryKind::Epci,
            PartyKind::Departement => TerritoryKind::Departement,
            PartyKind::Syndicat => TerritoryKind::Syndicat,
            PartyKind::Other => TerritoryKind::Other,
        })
    }
}

/// A department code (`49`, `2A`, `974`) of the reference data.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DepartmentCode(pub String);

/// What a table's values may be: how a rule file's value is read, and the names
/// an error lists.
pub trait Value: Sized {
    /// What a value of this table is, for messages ("a role code").
    const WHAT: &'static str;
    /// Reads a value, or says what is known.
    fn read(value: &TableValue) -> Result<Self, String>;
}

fn one_of<T: Copy>(value: &TableValue, known: &[(&str, T)]) -> Result<T, String> {
    let names = || known.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
    match value {
        TableValue::Text(s) => known
            .iter()
            .find(|(n, _)| n == s)
            .map(|(_, v)| *v)
            .ok_or_else(|| format!("`{s}` is not known; known: {}", names())),
        TableValue::Int(n) => Err(format!("`{n}` is not known; known: {}", names())),
    }
}

impl Value for () {
    const WHAT: &'static str = "a plain word (value 1, or list the words)";
    fn read(value: &TableValue) -> Result<(), String> {
        match value {
            TableValue::Int(1) => Ok(()),
            other => Err(format!(
                "`{}` given to a plain word list; write 1 or list the words",
                show(other)
            )),
        }
    }
}

impl Value for u32 {
    const WHAT: &'static str = "a positive number";
    fn read(value: &TableValue) -> Result<u32, String> {
        match value {
            TableValue::Int(n) if *n >= 0 => {
                u32::try_from(*n).map_err(|_| format!("`{n}` is too large"))
            }
            other => Err(format!("`{}` is not a positive number", show(other))),
        }
    }
}

impl Value for i32 {
    const WHAT: &'static str = "a number";
    fn read(value: &TableValue) -> Result<i32, String> {
        match value {
            TableValue::Int(n) => i32::try_from(*n).map_err(|_| format!("`{n}` is too large")),
            other => Err(format!("`{}` is not a number", show(other))),
        }
    }
}

impl Value for RoleCode {
    const WHAT: &'static str = "a role code";
    fn read(value: &TableValue) -> Result<RoleCode, String> {
        one_of(
            value,
            &[
                ("president", RoleCode::President),
                ("vice_president", RoleCode::VicePresident),
                ("director", RoleCode::Director),
                ("mayor", RoleCode::Mayor),
                ("deputy_mayor", RoleCode::DeputyMayor),
                ("councillor", RoleCode::Councillor),
                ("other", RoleCode::Other),
            ],
        )
    }
}

impl Value for PartyKind {
    const WHAT: &'static str = "a party kind";
    fn read(value: &TableValue) -> Result<PartyKind, String> {
        one_of(
            value,
            &[
                ("caf", PartyKind::Caf),
                ("commune", PartyKind::Commune),
                ("epci", PartyKind::Epci),
                ("departement", PartyKind::Departement),
                ("syndicat", PartyKind::Syndicat),
                ("other", PartyKind::Other),
            ],
        )
    }
}

impl Value for DurationUnit {
    const WHAT: &'static str = "a duration unit";
    fn read(value: &TableValue) -> Result<DurationUnit, String> {
        one_of(
            value,
            &[("year", DurationUnit::Year), ("month", DurationUnit::Month)],
        )
    }
}

impl Value for String {
    const WHAT: &'static str = "a word";
    fn read(value: &TableValue) -> Result<String, String> {
        match value {
            TableValue::Text(s) => Ok(s.clone()),
            TableValue::Int(n) => Err(format!("`{n}` is not a word")),
        }
    }
}

impl Value for DepartmentCode {
    const WHAT: &'static str = "a department code";
    fn read(value: &TableValue) -> Result<DepartmentCode, String> {
        let code = match value {
            TableValue::Int(n) => format!("{n:02}"),
            TableValue::Text(s) => s.clone(),
        };
        match crate::refdata::get().departement(&code) {
            Some(_) => Ok(DepartmentCode(code)),
            None => Err(format!(
                "`{code}` is no department code of the reference data (01 to 95, 2A, 2B, 971 to 976)"
            )),
        }
    }
}

fn show(value: &TableValue) -> String {
    match value {
        TableValue::Int(n) => n.to_string(),
        TableValue::Text(s) => s.clone(),
    }
}

/// A thematic axis of the guide: its code (what records carry) and its labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AxisDef {
    /// `petite_enfance`.
    pub code: String,
    /// "Petite enfance (0-3 ans)".
    pub label_fr: String,
    /// "Early childhood (0-3)".
    pub label_en: String,
}

/// A table as the rule files define it, before it is typed.
#[derive(Debug, Clone)]
pub struct TableSource {
    /// The file.
    pub file: String,
    /// The line of its name.
    pub line: usize,
    /// What it is for.
    pub description: Option<String>,
    /// Its words and values (lower case), in file order.
    pub words: Vec<(String, TableValue)>,
}

impl TableSource {
    /// The words of a `[[table]]`: a map of word -> value, or a list of words
    /// (each meaning 1).
    pub fn new(
        file: &str,
        line: usize,
        description: Option<String>,
        words: &TableWords,
    ) -> TableSource {
        // in word order, lower case; a word written twice keeps its last value
        let words: BTreeMap<String, TableValue> = match words {
            TableWords::Map(map) => map
                .iter()
                .map(|(w, v)| (w.to_lowercase(), v.clone()))
                .collect(),
            TableWords::List(list) => list
                .iter()
                .map(|w| (w.to_lowercase(), TableValue::Int(1)))
                .collect(),
        };
        let words = words.into_iter().collect();
        TableSource {
            file: file.to_string(),
            line,
            description,
            words,
        }
    }
}

/// Reads the table `name` as `Words<V>`, reporting a missing table or a bad value.
fn typed<V: Value>(
    name: &str,
    purpose: &str,
    tables: &BTreeMap<String, TableSource>,
    errors: &mut Vec<RuleError>,
) -> Words<V> {
    let Some(source) = tables.get(name) else {
        errors.push(RuleError::MissingTable {
            table: name.to_string(),
            purpose: purpose.to_string(),
            hint: closest(name, tables.keys().map(String::as_str))
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default(),
            known: tables.keys().cloned().collect::<Vec<_>>().join(", "),
        });
        return Words::default();
    };
    let mut words = Vec::with_capacity(source.words.len());
    for (word, value) in &source.words {
        match V::read(value) {
            Ok(v) => words.push((word.clone(), v)),
            Err(problem) => errors.push(RuleError::BadTableValue {
                file: source.file.clone(),
                line: source.line,
                table: name.to_string(),
                word: word.clone(),
                expected: V::WHAT,
                problem,
            }),
        }
    }
    Words::new(words)
}

/// The known name closest to `name` (at most a third of its letters differ).
pub fn closest<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    known
        .map(|k| (distance(name, k), k))
        .filter(|(d, _)| *d <= name.len().max(3) / 3)
        .min()
        .map(|(_, k)| k)
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let old = row[j + 1];
            row[j + 1] = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(prev + usize::from(ca != *cb));
            prev = old;
        }
    }
    row[b.len()]
}

macro_rules! lexicon {
    ($( #[doc = $doc:literal] $name:ident : $ty:ty, )*) => {
        /// Every table the extractors read, typed. Declared once here: the
        /// field's name is the table's name in the rule files.
        #[derive(Debug, Clone, Default)]
        pub struct Lexicon {
            $( #[doc = $doc] pub $name: $ty, )*
            /// The thematic axes of the guide, in the order records list them.
            pub axes: Vec<AxisDef>,
        }

        impl Lexicon {
            /// The names of the tables the code reads.
            pub const TABLES: &'static [&'static str] = &[$( stringify!($name) ),*];

            /// Types the tables the code reads; every problem goes to `errors`.
            pub fn build(
                tables: &BTreeMap<String, TableSource>,
                axes: Vec<AxisDef>,
                errors: &mut Vec<RuleError>,
            ) -> Lexicon {
                Lexicon {
                    $( $name: typed(stringify!($name), $doc.trim(), tables, errors), )*
                    axes,
                }
            }
        }
    };
}

lexicon! {
    /// Month names and abbreviations -> 1-12 (the `month` capture).
    month: Words<u32>,
    /// Weekdays -> ISO number, lundi = 1 (the `weekday` capture).
    weekday: Words<u32>,
    /// "dernier" -> -1, "prochain" -> +1 (the `relative` capture).
    relative: Words<i32>,
    /// Seasons -> the last month of an issue of that season, "printemps" -> 6 (the `season` capture).
    season: Words<u32>,
    /// Days written as words, "premier" -> 1 (the `day` capture).
    day: Words<u32>,
    /// Numbers written as words (the `number` capture of durations).
    number: Words<u32>,
    /// Duration units -> year or month (the `unit` capture).
    duration_unit: Words<DurationUnit>,
    /// Adjectives that state a duration in years, "quinquennale" -> 5 (the `adjective` capture).
    duration_adjective: Words<u32>,
    /// Words that open a role -> its role code.
    role_word: Words<RoleCode>,
    /// Words that continue a role after "de" instead of naming its body.
    role_complement: WordSet,
    /// Words before a role that are not part of it ("son", "Mme la").
    role_determiner: WordSet,
    /// Words of a role that say which kind of party the person represents.
    role_party_kind: Words<PartyKind>,
    /// Words of a role that say another kind of party the person may represent, when the text names that body before them in the sentence ("vice-présidente chargée" -> the département).
    role_party_kind_also: Words<PartyKind>,
    /// Ordinals before a role, which belong to it ("3e vice-présidente").
    ordinal: WordSet,
    /// Words after a role that say what it is in charge of ("chargée", "déléguée").
    role_attribute: WordSet,
    /// Lower-case words that end a role: verbs, pronouns ("directrice, a signé").
    role_end: WordSet,
    /// Word endings of a past participle, which end a role ("signée").
    participle_ending: WordSet,
    /// Words that open the name of a body -> the kind of party it is.
    org_head: Words<PartyKind>,
    /// Capitalized words that start something else, not the rest of a body's name.
    org_stop: WordSet,
    /// Prepositions that open a complement or a body ("de la", "du").
    body_preposition: WordSet,
    /// Prepositions that open a role's field ("à la", "au").
    field_preposition: WordSet,
    /// Articles ("le", "la", "les", "l'").
    article: WordSet,
    /// Words that join two roles, two fields or two bodies ("et").
    conjunction: WordSet,
    /// Articles after a conjunction that keep a place's name going ("Mossig et du Vignoble").
    name_partitive: WordSet,
    /// Articles and prepositions between a kind word and a name ("la communauté de communes du").
    name_link: WordSet,
    /// Capitalized words that are never part of a person's name.
    name_stop: WordSet,
    /// Particles that may sit inside a person's name ("de", "di", "van").
    name_particle: WordSet,
    /// Words of a place's name that may also be part of a hyphenated surname after a given name ("Line Saint-Prix").
    surname_saint: WordSet,
    /// Nouns that name bodies, services and media, not people ("Mutualité", "Hebdo").
    body_word: WordSet,
    /// Civilities before a name ("M.", "Mme", "Monsieur"), as words (the `civility` pattern matches them in rules).
    civility_word: WordSet,
    /// Words that announce an intercommunality -> its kind.
    epci_kind: WordSet,
    /// Words that follow an intercommunality's name as its kind ("Charlieu-Belmont Communauté").
    epci_kind_after: WordSet,
    /// Words after which an intercommunality's name alone names a place ("les communes du Val de l'Eyre").
    epci_bare_not_after: WordSet,
    /// Words that may join an intercommunality's name alone to a CAF's name ("Cap Excellence et la Caf").
    epci_bare_joiner: WordSet,
    /// Kinds that, in apposition after an intercommunality's name alone, make it the body ("Terres de Montaigu, communauté d'agglomération").
    epci_bare_apposition: WordSet,
    /// Offices that, right before an intercommunality's name alone, make it the body ("présidente de Cœur de Savoie").
    epci_bare_office: WordSet,
    /// Words that refer back to the intercommunality without naming it.
    epci_anaphor: WordSet,
    /// Words that refer to the commune as a party without naming it.
    commune_anaphor: WordSet,
    /// Names of a CAF that are no department's name, code or seat -> department.
    caf_alias: Words<DepartmentCode>,
    /// Words after which a commune's name is part of another name.
    commune_not_after: WordSet,
    /// Words after which a commune is a place, not a party.
    commune_location_before: WordSet,
    /// Words that name a commune's own town hall before its name ("mairie de").
    town_hall: WordSet,
    /// Labels that name a place before a colon ("siège :", "lieu :"): a commune after them is a place, not a party.
    commune_location_label: WordSet,
    /// Commune names that are also ordinary words or first names.
    commune_common_word: WordSet,
    /// Capitalized words that may stand next to a commune's name.
    capitalized_neighbour: WordSet,
    /// Small words that may stay in lower case inside a place's or a body's name.
    place_lower_word: WordSet,
    /// Prepositions of place that never open a body's name after its kind word.
    place_preposition: WordSet,
    /// Honorifics written before a name that are no part of it ("Dr", "Pr").
    honorific: WordSet,
    /// A preposition that contracts an article ("du" = de + le) -> that article.
    article_contraction: Words<String>,
    /// Words naming an electoral division inside a role ("canton"): the place after them is part of the role.
    role_constituency: WordSet,
    /// A role given to several people -> how each holds it ("maires" -> "maire").
    role_singular: Words<String>,
    /// Abbreviations whose full stop ends no sentence ("M.", "Mme.", "cf.").
    abbreviation: WordSet,
}

impl Lexicon {
    /// A number written in words, read with the `number` table: the parts add
    /// up ("vingt et un", "trente-six"), "cent" and "mille" multiply what stands
    /// before them ("deux mille vingt-quatre" = 2024). Digits are read as such.
    /// None when a word is not a number.
    pub fn number_in_words(&self, text: &str) -> Option<u32> {
        let folded = fold(text);
        let words: Vec<&str> = folded
            .split(' ')
            .filter(|w| !w.is_empty() && !self.conjunction.contains_folded(w))
            .collect();
        if words.is_empty() {
            return None;
        }
        let (mut total, mut current, mut i) = (0u32, 0u32, 0usize);
        while i < words.len() {
            if let Ok(n) = words[i].parse::<u32>() {
                current = current.checked_add(n)?;
                i += 1;
                continue;
            }
            // the longest entry of the table at this word ("quatre vingt" before "quatre")
            let (len, value) = self
                .number
                .starting(words[i])
                .find(|e| {
                    words[i..].starts_with(&e.words.iter().map(String::as_str).collect::<Vec<_>>())
                })
                .map(|e| (e.words.len(), e.value))?;
            match value {
                100 => current = current.max(1).checked_mul(100)?,
                1000 => {
                    total = total.checked_add(current.max(1).checked_mul(1000)?)?;
                    current = 0;
                }
                n => current = current.checked_add(n)?,
            }
            i += len;
        }
        total.checked_add(current)
    }
}

/// Tables that nothing reads: neither the code (`Lexicon::TABLES`) nor a pattern.
pub fn unused_tables(
    tables: &BTreeMap<String, TableSource>,
    referenced: &BTreeSet<String>,
) -> Vec<RuleError> {
    tables
        .iter()
        .filter(|(name, _)| {
            !Lexicon::TABLES.contains(&name.as_str()) && !referenced.contains(*name)
        })
        .map(|(name, source)| {
            let missing = Lexicon::TABLES
                .iter()
                .copied()
                .filter(|t| !tables.contains_key(*t));
            RuleError::UnusedTable {
                file: source.file.clone(),
                line: source.line,
                table: name.clone(),
                hint: closest(name, missing)
                    .map(|c| format!("did you mean `{c}`, which the code reads?"))
                    .unwrap_or_else(|| {
                        format!("reference it as `{{{name}}}` in a pattern, or remove it")
                    }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_is_found_folded_and_longest_first() {
        let words = Words::new([
            ("directrice".to_string(), RoleCode::Director),
            ("directrice adjointe".to_string(), RoleCode::Other),
            ("Vice-Présidente".to_string(), RoleCode::VicePresident),
        ]);
        let longest: Vec<&str> = words
            .starting("directrice")
            .map(|e| e.folded.as_str())
            .collect();
        assert_eq!(longest, ["directrice adjointe", "directrice"]);
        assert_eq!(
            words.lookup("VICE-PRÉSIDENTE"),
            Some(&RoleCode::VicePresident)
        );
        assert_eq!(
            words.lookup("vice-presidente"),
            None,
            "as written, accents count"
        );
        assert!(words.contains_folded("vice presidente"));
        assert_eq!(words.get_folded("directrice"), Some(&RoleCode::Director));
    }

    #[test]
    fn numbers_in_words_add_up_and_multiply() {
        let lex = Lexicon {
            number: Words::new(
                [
                    ("un", 1),
                    ("deux", 2),
                    ("quatre", 4),
                    ("cinq", 5),
                    ("dix", 10),
                    ("dix-neuf", 19),
                    ("vingt", 20),
                    ("trente", 30),
                    ("quatre-vingt", 80),
                    ("cent", 100),
                    ("mille", 1000),
                ]
                .map(|(w, n)| (w.to_string(), n)),
            ),
            conjunction: Words::new([("et".to_string(), ())]),
            ..Lexicon::default()
        };
        assert_eq!(lex.number_in_words("deux mille vingt-quatre"), Some(2024));
        assert_eq!(lex.number_in_words("dix-neuf"), Some(19));
        assert_eq!(lex.number_in_words("trente et un"), Some(31));
        assert_eq!(lex.number_in_words("quatre-vingt-dix"), Some(90));
        assert_eq!(lex.number_in_words("deux cent cinq"), Some(205));
        assert_eq!(lex.number_in_words("deux mille"), Some(2000));
        assert_eq!(lex.number_in_words("vingt-deux heures"), None);
        assert_eq!(lex.number_in_words(""), None);
    }

    #[test]
    fn the_closest_name_is_suggested_only_when_close() {
        let known = ["org_head", "role_word", "name_stop"];
        assert_eq!(closest("orghead", known.into_iter()), Some("org_head"));
        assert_eq!(closest("org_heads", known.into_iter()), Some("org_head"));
        assert_eq!(closest("calendar", known.into_iter()), None);
    }

    #[test]
    fn values_are_read_with_their_type() {
        assert_eq!(
            RoleCode::read(&TableValue::Text("mayor".into())),
            Ok(RoleCode::Mayor)
        );
        let err = RoleCode::read(&TableValue::Text("maire".into())).unwrap_err();
        assert!(err.contains("known: president, vice_president"), "{err}");
        assert!(PartyKind::read(&TableValue::Text("comune".into())).is_err());
        assert_eq!(
            DepartmentCode::read(&TableValue::Int(1)),
            Ok(DepartmentCode("01".into()))
        );
        assert!(DepartmentCode::read(&TableValue::Text("99".into())).is_err());
        assert!(<()>::read(&TableValue::Text("x".into())).is_err());
    }
}
