//! EPCI names: a word index over the folded "core" of every official name (the
//! name without its kind and article: "CC du Pays de Landivisiau" -> `pays de
//! landivisiau`), and an acronym table ("CAB", "CCPU").
//!
//! A core is only an EPCI when a kind word stands before it ("la CdC", "la
//! Communauté de communes du"; the kind words are a table of the rules), unless it
//! carries a kind word itself ("Grand Besançon Métropole", "Clisson Sèvre et
//! Maine Agglo").

use super::words::WordIndex;
use crate::normalize::fold::{fold, Folded, BARRIER};
use crate::refdata::compact::{self, Part, Reader, Writer};
use crate::refdata::{self, RefData};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The articles and prepositions of the official names (BANATIC writes "CC du
/// Pays de X"): stripped from a name's core when the index is built. This is
/// about how the reference data spells names, once per process; in documents,
/// the words between a kind word and a name are the lexicon's `name_link`.
const LINKS: [&str; 7] = ["de", "du", "des", "d", "la", "l", "le"];

/// Words that make a core an EPCI name on their own.
const KIND_INSIDE: [&str; 5] = [
    "agglo",
    "agglomeration",
    "metropole",
    "communaute",
    "intercom",
];

/// A core name and the EPCI that bear it.
#[derive(Debug, Clone)]
pub struct Core {
    /// Indices into `RefData::epci`.
    pub epci: Vec<usize>,
    /// Whether the core names an EPCI without a kind word before it.
    pub standalone: bool,
}

/// A core found in a folded text.
#[derive(Debug, Clone)]
pub struct Hit<'i> {
    /// Folded byte range of the core.
    pub start: usize,
    /// End of the core.
    pub end: usize,
    /// The core.
    pub core: &'i Core,
}

/// The EPCI index.
pub struct EpciIndex {
    index: WordIndex,
    cores: Vec<Core>,
    acronyms: HashMap<String, Vec<usize>>,
    /// Every core, and its first two words or more ("quercy rouergue" of
    /// "quercy rouergue et des gorges de l aveyron").
    beginnings: std::collections::HashSet<String>,
}

impl std::fmt::Debug for EpciIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EpciIndex({} names)", self.cores.len())
    }
}

/// The core of an official name and whether its kind came first. Quotation
/// marks around a part of it go (CA "Saintes - Grandes Rives - L'Agglo" is
/// written without them).
fn core_of(name: &str) -> String {
    let folded = fold(&name.replace(['"', '«', '»', '“', '”'], ""));
    let mut words: Vec<&str> = folded.split(' ').collect();
    if matches!(words.first(), Some(&("cc" | "ca" | "cu" | "metropole"))) && words.len() > 1 {
        words.remove(0);
        while words.len() > 1 && LINKS.contains(&words[0]) {
            words.remove(0);
        }
    }
    words.join(" ")
}

/// The links a text may put between the two halves of a name the reference data
/// joins with a dash ("CC Houve - Pays Boulageois" is written "de la Houve et du
/// Pays Boulageois"): none, or a preposition with its article, folded.
const HALF_LINKS: [&str; 7] = ["", "du ", "de la ", "des ", "de l ", "de ", "d "];

/// The other spellings of a name whose halves the reference data joins with a
/// dash: "A et B", "A et du B", "A et de la B"... (folded cores). Names of more
/// than two halves keep their official spelling only.
fn dash_variants(name: &str) -> Vec<String> {
    let halves: Vec<&str> = name.split(" - ").collect();
    let [first, second] = halves.as_slice() else {
        return Vec::new();
    };
    let (a, b) = (core_of(first), fold(second));
    HALF_LINKS
        .iter()
        .map(|link| format!("{a} et {link}{b}"))
        .collect()
}

/// An official name without its bracketed aside, and the aside.
fn split_aside(name: &str) -> (&str, Option<&str>) {
    match (name.find(" ("), name.strip_suffix(')')) {
        (Some(open), Some(_)) => (&name[..open], Some(&name[open + 2..name.len() - 1])),
        _ => (name, None),
    }
}

/// A core whose halves are joined by "et" and an article ("quercy rouergue
/// et des gorges de l aveyron") without them, as texts often write it
/// ("Quercy Rouergue Gorges de l'Aveyron").
fn without_joined_article(core: &str) -> Option<String> {
    [
        "et des ",
        "et du ",
        "et de la ",
        "et de l ",
        "et d ",
        "et de ",
    ]
    .iter()
    .find_map(|joint| {
        let at = core.find(&format!(" {joint}"))?;
        Some(format!("{} {}", &core[..at], &core[at + 1 + joint.len()..]))
    })
}

/// A name that lists its parts ("CC Monts, Rance et Rougier") without the
/// "et" before the last one, as texts that join the parts with dashes or
/// spaces write it ("Monts-Rance-Rougier"): the folded core without its
/// commas and its last " et ". Names with no comma keep their "et" ("Terres
/// et Mers").
fn listed_without_et(name: &str, core: &str) -> Option<String> {
    if !name.contains(',') {
        return None;
    }
    // the folded comma is a barrier between the parts
    let spaced = core.replace(BARRIER as char, " ");
    let at = spaced.rfind(" et ")?;
    Some(format!("{} {}", &spaced[..at], &spaced[at + 4..]))
}

/// A core whose parts the official name separates with commas, with some of
/// them written as spaces, as texts drop commas ("CC Saint Affricain,
/// Roquefort, Sept Vallons" is written "Saint Affricain Roquefort, Sept
/// Vallons"): every choice of commas but the official one, for names of two
/// to four parts.
fn comma_variants(core: &str) -> Vec<String> {
    let parts: Vec<&str> = core.split(BARRIER as char).map(str::trim).collect();
    let commas = parts.len() - 1;
    if commas == 0 || commas > 3 {
        return Vec::new();
    }
    // the folded comma as a text's ", " folds
    let folded = fold("a, b");
    let comma = &folded[1..folded.len() - 1];
    (0..(1u8 << commas) - 1)
        .map(|kept| {
            let mut key = parts[0].to_string();
            for (i, part) in parts[1..].iter().enumerate() {
                key.push_str(if kept & (1 << i) != 0 { comma } else { " " });
                key.push_str(part);
            }
            key
        })
        .collect()
}

/// A core that opens with the article "les" without it, when two words or
/// more remain: "CC Les Balcons du Dauphiné" is written "la communauté de
/// communes des Balcons du Dauphiné", the article merged into the preposition.
fn without_leading_les(core: &str) -> Option<String> {
    core.strip_prefix("les ")
        .filter(|rest| rest.contains(' '))
        .map(str::to_string)
}

/// A core that ends with its kind word, in the other of its two spellings:
/// "ales agglomeration" is written "Alès Agglo", "saint lo agglo" "Saint-Lô
/// Agglomération".
fn agglo_variant(core: &str) -> Option<String> {
    if let Some(city) = core.strip_suffix(" agglomeration") {
        return Some(format!("{city} agglo"));
    }
    core.strip_suffix(" agglo")
        .map(|city| format!("{city} agglomeration"))
}

/// An official name without the name in quotes it goes by, and that name
/// ("CA de Blois ''Agglopolys''" -> "CA de Blois", "Agglopolys").
fn split_brand(name: &str) -> (&str, Option<&str>) {
    // two apostrophes or a double quote ('CC Alpes-Provence-Verdon "Sources
    // de lumière"')
    let Some((open, quote)) = ["''", "\""]
        .iter()
        .find_map(|q| name.find(q).map(|at| (at, *q)))
    else {
        return (name, None);
    };
    let rest = &name[open + quote.len()..];
    let before = name[..open].trim_end();
    match rest.find(quote) {
        // a kind word alone before the quotes ('CA "Saintes - Grandes Rives -
        // L'Agglo"') is no name: the name is the one quoted
        Some(close) if close > 0 && before.contains(' ') => (before, Some(&rest[..close])),
        _ => (name, None),
    }
}

/// The acronym an official name is made of: a word of capitals that is the
/// whole name after its kind, maybe with a kind word after it ("CA CIVIS",
/// "CC LBN Communauté" -> `civis`, `lbn`). A word of capitals followed by
/// other words is a word of the name ("CA CAP Excellence").
fn name_acronym(name: &str) -> Option<String> {
    let mut words = name.split_whitespace().skip(1);
    let first = words.next()?;
    let capitals = first.len() >= 3 && first.bytes().all(|b| b.is_ascii_uppercase());
    let rest_kind = words.all(|w| KIND_INSIDE.contains(&fold(w).as_str()));
    (capitals && rest_kind).then(|| first.to_ascii_lowercase())
}

/// The initials of an official name without its kind, from its acronym
/// (`acronym_of`), when they are four or more ("CC Maremne Adour Côte Sud"
/// -> `ccmacs` -> `macs`): such an EPCI goes by them alone. Shorter ones
/// would be read in too many other acronyms.
fn initials_of(acronym: &str) -> Option<String> {
    // the kind is two letters (`cc`, `ca`, `cu`)
    let initials = acronym.get(2..)?;
    (initials.len() >= 4).then(|| initials.to_string())
}

/// The acronym of an official name: its kind, then the initials of its words
/// that are not articles, prepositions or conjunctions ("CA de Bastia" -> `cab`).
fn acronym_of(name: &str, kind: &str) -> Option<String> {
    let kind = match kind {
        "CC" => "cc",
        "CA" => "ca",
        "CU" => "cu",
        _ => return None,
    };
    let initials: String = core_of(name)
        .split(' ')
        .filter(|w| !LINKS.contains(w) && !matches!(*w, "et" | "en" | "sur" | "les" | "aux"))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    (!initials.is_empty()).then(|| format!("{kind}{initials}"))
}

impl EpciIndex {
    /// Builds the index over `data`.
    pub fn build(data: &'static RefData) -> EpciIndex {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut keys = Vec::new();
        let mut cores: Vec<Core> = Vec::new();
        let mut acronyms: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in data.epci.iter().enumerate() {
            // "CA Territoire de la Côte Ouest (TCO)": the part in brackets is
            // another name, most often an acronym
            let (name, aside) = split_aside(e.name);
            // "CA de Blois ''Agglopolys''": the name in quotes is the one the
            // EPCI goes by, and it names it without a kind word
            let (name, brand) = split_brand(name);
            let core = core_of(name);
            // "Grand Cahors", "Grand Reims", "Grand Calais Terres et Mers":
            // "Grand" and a city's name (maybe with more words) is the
            // agglomeration's name on its own
            let grand_city = core.starts_with("grand ");
            let standalone = grand_city || core.split(' ').any(|w| KIND_INSIDE.contains(&w));
            let short = without_joined_article(&core);
            let agglo = agglo_variant(&core);
            let bare = without_leading_les(&core);
            let listed = listed_without_et(name, &core);
            let commas = comma_variants(&core);
            let keys_of = std::iter::once((core, standalone))
                .chain(short.map(|k| (k, standalone)))
                .chain(bare.map(|k| (k, standalone)))
                .chain(listed.map(|k| (k, standalone)))
                .chain(agglo.map(|k| (k, standalone)))
                .chain(dash_variants(name).into_iter().map(|k| (k, standalone)))
                .chain(commas.into_iter().map(|k| (k, standalone)))
                .chain(brand.map(|b| (fold(b), true)));
            for (key, standalone) in keys_of {
                let slot = *index.entry(key.clone()).or_insert_with(|| {
                    keys.push(key);
                    cores.push(Core {
                        epci: Vec::new(),
                        standalone,
                    });
                    cores.len() - 1
                });
                if !cores[slot].epci.contains(&i) {
                    cores[slot].epci.push(i);
                }
            }
            let own = aside
                .filter(|a| a.len() >= 3 && !a.contains(' '))
                .map(|a| fold(a).replace(' ', ""));
            let acronym = acronym_of(name, e.kind);
            let initials = acronym.as_deref().and_then(initials_of);
            let acronyms_of = acronym
                .into_iter()
                .chain(own)
                .chain(name_acronym(name))
                .chain(initials);
            for acronym in acronyms_of {
                let list = acronyms.entry(acronym).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        let mut beginnings = std::collections::HashSet::new();
        for key in &keys {
            let words: Vec<&str> = key.split(' ').collect();
            for n in words.len().min(2)..=words.len() {
                beginnings.insert(words[..n].join(" "));
            }
        }
        let index = WordIndex::new(&keys);
        EpciIndex {
            index,
            cores,
            acronyms,
            beginnings,
        }
    }

    /// Writes the index for [`EpciIndex::read`], its tables in key order.
    pub(crate) fn write(&self, out: &mut Writer) {
        self.index.write(out);
        out.count(self.cores.len());
        for core in &self.cores {
            out.indices(&core.epci);
            out.flag(core.standalone);
        }
        let mut acronyms: Vec<_> = self.acronyms.iter().collect();
        acronyms.sort_unstable();
        out.count(acronyms.len());
        for (acronym, epci) in acronyms {
            out.str(acronym);
            out.indices(epci);
        }
        let mut beginnings: Vec<&str> = self.beginnings.iter().map(String::as_str).collect();
        beginnings.sort_unstable();
        out.strs(&beginnings);
    }

    /// The index [`EpciIndex::write`] wrote.
    pub(crate) fn read(input: &mut Reader) -> Option<EpciIndex> {
        let index = WordIndex::read(input)?;
        let cores = input.list(|input| {
            Some(Core {
                epci: input.indices()?,
                standalone: input.flag()?,
            })
        })?;
        let acronyms = input
            .list(|input| Some((input.str()?.to_string(), input.indices()?)))?
            .into_iter()
            .collect();
        let beginnings = input.strs()?.into_iter().map(str::to_string).collect();
        Some(EpciIndex {
            index,
            cores,
            acronyms,
            beginnings,
        })
    }

    /// Every core the text holds as whole words, longest first where they overlap.
    pub fn find<'i>(&'i self, text: &Folded) -> Vec<Hit<'i>> {
        super::longest_first(self.index.find(text))
            .into_iter()
            .map(|(start, end, pattern)| Hit {
                start,
                end,
                core: &self.cores[pattern],
            })
            .collect()
    }

    /// The EPCI whose acronym this is (folded, `cab`).
    pub fn acronym(&self, folded: &str) -> &[usize] {
        self.acronyms.get(folded).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether `folded` is an EPCI's core name ("levezou pareloup") or how
    /// one begins, two words or more: "Quercy Rouergue Gorges", cut from
    /// "Quercy Rouergue Gorges de l'Aveyron" before its article, is no person.
    pub fn begins_a_name(&self, folded: &str) -> bool {
        self.beginnings.contains(folded)
    }
}

/// The start of the kind phrase (one of `kinds`, folded) that stands before
/// folded byte `start`, the `links` (articles, prepositions) between skipped.
pub fn kind_before(text: &Folded, start: usize, kinds: &[&str], links: &[&str]) -> Option<usize> {
    text.phrase_before(start, kinds, links)
}

/// The index over the embedded reference data, read or built on first use.
pub fn get() -> &'static EpciIndex {
    static INDEX: OnceLock<EpciIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        compact::part(Part::Epci)
            .and_then(|mut input| EpciIndex::read(&mut input))
            .unwrap_or_else(|| EpciIndex::build(refdata::get()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agglomeration_goes_by_agglo_and_the_reverse() {
        assert_eq!(
            agglo_variant("ales agglomeration").as_deref(),
            Some("ales agglo")
        );
        assert_eq!(
            agglo_variant("saint lo agglo").as_deref(),
            Some("saint lo agglomeration")
        );
        assert_eq!(agglo_variant("pays de dreux"), None);
        let index = EpciIndex::build(refdata::get());
        let text = crate::normalize::fold::Folded::new("Ce mercredi, Alès Agglo a signé la CTG");
        let hits = index.find(&text);
        assert!(hits.iter().any(|h| h.core.standalone), "{hits:?}");
    }

    #[test]
    fn grand_and_a_city_name_an_agglomeration_on_their_own() {
        let hits = get().find(&crate::normalize::fold::Folded::new(
            "Jean Roux, président du Grand Cahors, a signé",
        ));
        assert!(hits.iter().any(|h| h.core.standalone));
        let hits = get().find(&crate::normalize::fold::Folded::new("le Grand Sud a signé"));
        assert!(hits.iter().all(|h| !h.core.standalone));
        let hits = get().find(&crate::normalize::fold::Folded::new(
            "Grand Auch Cœur de Gascogne a signé",
        ));
        assert!(hits.iter().any(|h| h.core.standalone));
    }

    #[test]
    fn a_name_may_drop_the_article_that_joins_its_halves() {
        assert_eq!(
            without_joined_article("quercy rouergue et des gorges de l aveyron").as_deref(),
            Some("quercy rouergue gorges de l aveyron")
        );
        assert_eq!(without_joined_article("pays de salars"), None);
        let hits = get().find(&crate::normalize::fold::Folded::new(
            "la communauté de communes Quercy Rouergue Gorges de l'Aveyron",
        ));
        assert!(!hits.is_empty());
        assert!(get().begins_a_name("quercy rouergue gorges"));
        assert!(!get().begins_a_name("anne roux"));
    }

    #[test]
    fn a_name_that_lists_its_parts_may_drop_its_last_et() {
        assert_eq!(
            listed_without_et(
                "CC Monts, Rance et Rougier",
                &core_of("CC Monts, Rance et Rougier")
            )
            .as_deref(),
            Some("monts rance rougier")
        );
        assert_eq!(
            listed_without_et("CC Terres et Mers", "terres et mers"),
            None
        );
        let hits = get().find(&crate::normalize::fold::Folded::new(
            "la communauté de communes Chinon-Vienne-Loire a signé",
        ));
        assert!(!hits.is_empty());
    }

    #[test]
    fn a_name_in_doubled_quotes_is_the_name_an_epci_goes_by() {
        assert_eq!(
            split_brand("CA de Blois ''Agglopolys''"),
            ("CA de Blois", Some("Agglopolys"))
        );
        assert_eq!(
            split_brand("CC Alpes-Provence-Verdon \"Sources de lumière\""),
            ("CC Alpes-Provence-Verdon", Some("Sources de lumière"))
        );
        assert_eq!(
            split_brand("CC du Pays de Salars"),
            ("CC du Pays de Salars", None)
        );
        let index = get();
        let hits = index.find(&crate::normalize::fold::Folded::new("Agglopolys et la Caf"));
        assert!(hits.iter().any(|h| h.core.standalone && h.start == 0));
    }

    #[test]
    fn cores_drop_kind_and_article() {
        assert_eq!(core_of("CC du Pays de Landivisiau"), "pays de landivisiau");
        assert_eq!(
            core_of("CA de la Région de Château-Thierry"),
            "region de chateau thierry"
        );
        assert_eq!(
            core_of("Tours Métropole Val de Loire"),
            "tours metropole val de loire"
        );
        assert_eq!(acronym_of("CA de Bastia", "CA").as_deref(), Some("cab"));
        assert_eq!(
            acronym_of("CC des Vals d'Aix et Isable", "CC").as_deref(),
            Some("ccvai")
        );
        assert_eq!(
            split_aside("CA Territoire de la Côte Ouest (TCO)"),
            ("CA Territoire de la Côte Ouest", Some("TCO"))
        );
        assert!(!get().acronym("tco").is_empty());
        assert_eq!(name_acronym("CA CIVIS").as_deref(), Some("civis"));
        assert_eq!(name_acronym("CC LBN Communauté").as_deref(), Some("lbn"));
        assert_eq!(name_acronym("CA CAP Excellence"), None);
        assert_eq!(name_acronym("CC du Pays de Bray"), None);
        let macs = acronym_of("CC Maremne Adour Côte Sud", "CC").unwrap();
        assert_eq!(initials_of(&macs).as_deref(), Some("macs"));
        let cab = acronym_of("CA de Bastia", "CA").unwrap();
        assert_eq!(initials_of(&cab), None);
        let core = core_of("CC Saint Affricain, Roquefort, Sept Vallons");
        let variants = comma_variants(&core);
        assert_eq!(variants.len(), 3);
        assert!(variants.contains(&fold("Saint Affricain Roquefort, Sept Vallons")));
        assert!(variants.contains(&fold("Saint Affricain Roquefort Sept Vallons")));
        assert!(!variants.contains(&core));
    }

    #[test]
    fn dashed_names_are_also_found_as_written_in_prose() {
        let variants = dash_variants("CC Houve - Pays Boulageois");
        assert!(variants.contains(&"houve et du pays boulageois".to_string()));
        assert!(variants.contains(&"houve et pays boulageois".to_string()));
        assert!(dash_variants("CC Éguzon - Argenton - Vallée de la Creuse").is_empty());
        assert!(dash_variants("CC du Pays de Landivisiau").is_empty());
        assert_eq!(
            sirens_found("la Communauté de communes de la Houve et du Pays Boulageois a signé"),
            ["200067650"]
        );
    }

    /// The SIREN of every EPCI the index finds in `text`.
    fn sirens_found(text: &str) -> Vec<&'static str> {
        get()
            .find(&Folded::new(text))
            .iter()
            .flat_map(|h| h.core.epci.iter().map(|&i| refdata::get().epci[i].siren))
            .collect()
    }

    #[test]
    fn a_quoted_part_of_an_official_name_is_found_without_its_quotes() {
        assert_eq!(
            core_of("CA \"Saintes - Grandes Rives - L'Agglo\""),
            "saintes grandes rives l agglo"
        );
        assert_eq!(
            sirens_found(
                "COMMUNAUTÉ D'AGGLOMÉRATION SAINTES GRANDES RIVES L'AGGLO\n\nExtrait du registre"
            ),
            ["200036473"]
        );
    }

    #[test]
    fn a_name_that_opens_with_les_is_also_found_without_it() {
        assert_eq!(
            without_leading_les("les balcons du dauphine").as_deref(),
            Some("balcons du dauphine")
        );
        assert_eq!(without_leading_les("les avanchers"), None, "one word left");
        assert_eq!(without_leading_les("pays de les"), None);
        let index = get();
        let text = Folded::new("la communauté de communes des Balcons du Dauphiné a signé");
        let hits = index.find(&text);
        assert_eq!(hits.len(), 1);
        assert_eq!(
            &text.as_str()[hits[0].start..hits[0].end],
            "balcons du dauphine"
        );
        assert!(index.begins_a_name("balcons du dauphine"));
    }

    #[test]
    fn a_core_needs_its_kind_word_unless_it_carries_one() {
        let kinds = ["communaute de communes", "cdc", "cc"];
        let text = Folded::new("avec la CdC Aunis Atlantique et Aunis Sud");
        let hits = get().find(&text);
        let names: Vec<&str> = hits
            .iter()
            .map(|h| &text.as_str()[h.start..h.end])
            .collect();
        assert_eq!(names, ["aunis atlantique", "aunis sud"]);
        assert!(kind_before(&text, hits[0].start, &kinds, &LINKS).is_some());
        assert!(kind_before(&text, hits[1].start, &kinds, &LINKS).is_none());
        let text = Folded::new("Grand Besançon Métropole");
        assert!(get().find(&text)[0].core.standalone);
    }
}
