//! Generality: the same phrasing must work for every place, not only for the
//! places of the documents the rules were written from. Each phrasing below is
//! filled with intercommunalities and their member communes drawn from the
//! reference data (a fixed draw, so the test is deterministic), and the share
//! of the places found as parties must stay at or above a floor. A phrasing
//! that only worked for the names of one document would fail here.

use ctg_core::extract;
use ctg_core::normalize::Text;
use ctg_core::refdata::{self, EpciRef};
use ctg_core::rules::RuleSet;
use std::sync::OnceLock;

/// How a phrasing writes its text: from an EPCI's name, from an EPCI and the
/// list of its members, from communes' names.
type ByCore = fn(&str) -> String;
type ByList = fn(&EpciRef, &str) -> String;
type ByNames = fn(&[&str]) -> String;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::load(None).expect("built-in rules compile"))
}

/// A fixed pseudo-random draw (a linear congruential generator): `count`
/// intercommunautés of communes with 4 to 10 members, every member's name
/// written once in the reference data of its department.
fn draw(count: usize, seed: u64) -> Vec<&'static EpciRef> {
    let data = refdata::get();
    let eligible: Vec<&EpciRef> = data
        .epci
        .iter()
        .filter(|e| e.kind == "CC" && (4..=10).contains(&e.members.len()))
        .filter(|e| !e.name.contains(['"', '\'', '(']))
        .collect();
    let mut state = seed;
    let mut out = Vec::new();
    while out.len() < count {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let pick = eligible[(state >> 33) as usize % eligible.len()];
        if !out.iter().any(|e: &&EpciRef| e.siren == pick.siren) {
            out.push(pick);
        }
    }
    out
}

/// The official name without its kind: "CC du Val de Sarthe" -> "du Val de Sarthe".
fn core(e: &EpciRef) -> &'static str {
    e.name.strip_prefix("CC ").unwrap_or(e.name)
}

fn member_names(e: &EpciRef) -> Vec<&'static str> {
    let data = refdata::get();
    e.members
        .iter()
        .filter_map(|code| data.commune(code))
        .map(|c| c.name)
        .collect()
}

/// Share of the expected codes that the text's record has as parties.
fn found_share(cases: &[(String, Vec<String>)]) -> (usize, usize, Vec<String>) {
    let (mut found, mut total, mut misses) = (0, 0, Vec::new());
    for (text, expected) in cases {
        let fields = extract::run(&Text::new(text), rules(), None);
        let codes: Vec<&str> = (fields.extraction.territories.iter())
            .filter_map(|t| t.code.as_deref())
            .collect();
        for code in expected {
            total += 1;
            if codes.contains(&code.as_str()) {
                found += 1;
            } else if misses.len() < 5 {
                misses.push(format!("{code} in {text:?}"));
            }
        }
    }
    (found, total, misses)
}

fn assert_floor(phrasing: &str, cases: &[(String, Vec<String>)], floor: f64) {
    let (found, total, misses) = found_share(cases);
    let share = found as f64 / total as f64;
    assert!(
        share >= floor,
        "{phrasing}: {found}/{total} parties found ({share:.3} < {floor}); first misses:\n{}",
        misses.join("\n")
    );
}

#[test]
fn an_intercommunality_is_a_party_however_its_kind_is_written() {
    let phrasings: [(&str, ByCore); 5] = [
        ("'Communauté' alone", |c| {
            format!(
                "La Communauté {c} et la Caf ont signé lundi leur convention territoriale globale."
            )
        }),
        ("kind spelled out", |c| {
            format!("Lundi, la communauté de communes {c} et la Caf ont signé leur convention territoriale globale.")
        }),
        ("capitalized kind", |c| {
            format!("La Communauté de Communes {c} a signé mardi sa convention territoriale globale avec la Caf.")
        }),
        ("abbreviated kind", |c| {
            format!("La CC {c} et la Caf ont signé la CTG.")
        }),
        ("its president", |c| {
            format!("Le président de la communauté de communes {c}, Jean Martin, a signé la CTG avec la Caf.")
        }),
    ];
    for (name, phrase) in phrasings {
        let cases: Vec<(String, Vec<String>)> = draw(40, 17)
            .into_iter()
            .map(|e| (phrase(core(e)), vec![e.siren.to_string()]))
            .collect();
        assert_floor(name, &cases, 0.95);
    }
}

#[test]
fn an_acronym_the_text_defines_names_the_intercommunality_elsewhere() {
    // the acronym is no set of the name's initials: only the text's own
    // definition, in a line outside the signing, says which body it is
    let phrase = |c: &str| {
        format!(
            "Employeur : Communauté de communes {c} (ZORTA)\n\n\
             La ZORTA et la Caisse d'allocations familiales ont signé le 15 décembre \
             une convention territoriale globale."
        )
    };
    let cases: Vec<(String, Vec<String>)> = draw(40, 23)
        .into_iter()
        .map(|e| (phrase(core(e)), vec![e.siren.to_string()]))
        .collect();
    assert_floor("defined acronym", &cases, 0.95);
}

#[test]
fn signing_communes_listed_one_per_line_are_parties() {
    let lines = |e: &EpciRef, bullet: &str| {
        (member_names(e).iter())
            .map(|n| format!("{bullet}{n}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let phrasings: [(&str, ByList); 3] = [
        ("after a colon and a blank line", |e, list| {
            let c = core(e);
            format!("La Caf a signé le 15 décembre la convention territoriale globale avec la communauté de communes {c} et ses communes :\n\n{list}\n")
        }),
        ("under a heading", |e, list| {
            let c = core(e);
            format!("La Caf et la communauté de communes {c} ont signé la convention territoriale globale le 15 décembre.\n\nLes communes signataires :\n{list}\n")
        }),
        ("after 'les communes suivantes'", |e, list| {
            let c = core(e);
            format!("La convention territoriale globale a été signée jeudi par la Caf, la communauté de communes {c} et les communes suivantes :\n{list}\n")
        }),
    ];
    for (i, (name, phrase)) in phrasings.into_iter().enumerate() {
        let bullet = if i == 2 { "- " } else { "" };
        let cases: Vec<(String, Vec<String>)> = draw(12, 29)
            .into_iter()
            .map(|e| {
                let codes = e.members.iter().map(|c| c.to_string()).collect();
                (phrase(e, &lines(e, bullet)), codes)
            })
            .collect();
        assert_floor(name, &cases, 0.95);
    }
}

#[test]
fn communes_named_in_a_signing_sentence_are_parties() {
    let phrasings: [(&str, ByNames); 4] = [
        ("les communes de A, B et C", |n| {
            format!("La Caf et les communes de {}, {} et {} ont signé la convention territoriale globale lundi.", n[0], n[1], n[2])
        }),
        ("signed by the mayors of", |n| {
            format!("La convention territoriale globale a été signée par les maires de {}, {} et {} et par la directrice de la Caf.", n[0], n[1], n[2])
        }),
        ("A, B et C s'engagent", |n| {
            format!("{}, {} et {} s'engagent avec la Caf dans une convention territoriale globale, signée mardi en mairie.", n[0], n[1], n[2])
        }),
        ("a count then the list", |n| {
            format!("La Caf a signé une convention territoriale globale avec trois communes : {}, {} et {}.", n[0], n[1], n[2])
        }),
    ];
    for (name, phrase) in phrasings {
        let cases: Vec<(String, Vec<String>)> = draw(25, 41)
            .into_iter()
            .map(|e| {
                let names = member_names(e);
                let codes = e.members.iter().take(3).map(|c| c.to_string()).collect();
                (phrase(&names[..3]), codes)
            })
            .collect();
        assert_floor(name, &cases, 0.95);
    }
}

#[test]
fn a_commune_named_only_as_the_venue_of_la_commune_signing_is_the_party() {
    let cases: Vec<(String, Vec<String>)> = draw(30, 53)
        .into_iter()
        .map(|e| {
            let name = member_names(e)[0];
            // the Caf's number decides between homonymous communes
            let dep = (refdata::get().commune(e.members[0]))
                .map_or("", |c| c.departement);
            let text = format!(
                "C'est à la mairie de {name} que la commune et la Caf {dep} ont signé leur convention territoriale globale, jeudi."
            );
            (text, vec![e.members[0].to_string()])
        })
        .collect();
    assert_floor("à la mairie de X, la commune", &cases, 0.95);
}

#[test]
fn a_body_whose_name_joins_words_with_et_is_read_whole_after_a_role() {
    let data = refdata::get();
    let with_et: Vec<&EpciRef> = (data.epci.iter())
        .filter(|e| e.kind == "CC" && e.name.starts_with("CC ") && e.name.contains(" et "))
        .filter(|e| !e.name.contains(['"', '\'', '(', ',']))
        .step_by(3)
        .take(30)
        .collect();
    assert_eq!(with_et.len(), 30);
    let mut whole = 0;
    let mut misses = Vec::new();
    for e in &with_et {
        let body = format!("communauté de communes {}", core(e));
        let text = format!(
            "La présidente de la {body}, Anne Roux, et la directrice de la Caf, Claire Petit, ont signé la CTG lundi."
        );
        let fields = extract::run(&Text::new(&text), rules(), None);
        let org = (fields.extraction.signatories.iter())
            .find(|s| s.name == "Anne Roux")
            .and_then(|s| s.organization.clone());
        if org.as_deref() == Some(body.as_str()) {
            whole += 1;
        } else if misses.len() < 5 {
            misses.push(format!("{org:?} for {body:?}"));
        }
    }
    assert!(
        whole >= 27,
        "{whole}/30 read whole; first misses:\n{}",
        misses.join("\n")
    );
}

#[test]
fn a_renewed_convention_names_its_party_after_avec() {
    let cases: Vec<(String, Vec<String>)> = draw(30, 61)
        .into_iter()
        .map(|e| {
            let text = format!(
                "La convention territoriale globale a été renouvelée avec la communauté de communes {} pour cinq ans.",
                core(e)
            );
            (text, vec![e.siren.to_string()])
        })
        .collect();
    assert_floor("renouvelée avec la communauté de communes X", &cases, 0.9);
}

#[test]
fn a_mayor_named_after_the_commune_with_no_comma_keeps_the_commune() {
    let mut right = 0;
    let mut misses = Vec::new();
    let epcis = draw(30, 67);
    for e in &epcis {
        let commune = member_names(e)[0];
        // the Caf's number decides between homonymous communes
        let dep = (refdata::get().commune(e.members[0])).map_or("", |c| c.departement);
        let text = format!(
            "La CTG a été signée le 3 mai 2024 avec la Caf {dep}. La maire de {commune} Anne Gaubert et la directrice de la Caf Claire Petit ont paraphé la convention."
        );
        let fields = extract::run(&Text::new(&text), rules(), None);
        let found = |name: &str| (fields.extraction.signatories.iter()).find(|s| s.name == name);
        let mayor = found("Anne Gaubert").and_then(|s| s.organization.clone());
        if mayor.as_deref() == Some(commune) && found("Claire Petit").is_some() {
            right += 1;
        } else if misses.len() < 5 {
            misses.push(format!("{mayor:?} for {commune:?}"));
        }
    }
    assert!(
        right >= 24,
        "{right}/30 read; first misses:\n{}",
        misses.join("\n")
    );
}

#[test]
fn a_period_that_ends_before_the_signing_is_another_conventions() {
    let text = "La commune de Vire et la Caf du Calvados ont signé le 3 mai 2024 leur convention territoriale globale. \
                Le bilan de la convention 2019-2023 a été présenté avant la signature.";
    let fields = extract::run(&Text::new(text), rules(), None);
    assert_eq!(fields.extraction.period, None);
    let warned = (fields.extraction.warnings.iter())
        .any(|w| matches!(w, ctg_core::record::Warning::PeriodEndsBeforeSigning { .. }));
    assert!(warned, "{:?}", fields.extraction.warnings);
    let kept = "La commune de Vire et la Caf du Calvados ont signé le 3 mai 2024 leur convention territoriale globale 2024-2028.";
    let fields = extract::run(&Text::new(kept), rules(), None);
    assert!(fields.extraction.period.is_some());
}

#[test]
fn a_vice_president_after_the_departement_is_the_departement_s() {
    let mut right = 0;
    let mut misses = Vec::new();
    for e in draw(30, 71) {
        let body = format!("communauté de communes {}", core(e));
        // the département named before the vice-president is hers; without
        // it, a vice-president "chargée de" a field is the intercommunality's
        let departement = format!(
            "La {body} et la Caf ont signé la CTG. Pour la communauté de communes, Anne Roux, présidente ; pour le Département, Claire Petit, vice-présidente chargée de l'enfance."
        );
        let intercommunal = format!(
            "Anne Roux, présidente de la {body}, et Claire Petit, vice-présidente chargée de l'enfance, ont signé la CTG avec la Caf."
        );
        let org_of = |text: &str| {
            let fields = extract::run(&Text::new(text), rules(), None);
            (fields.extraction.signatories.iter())
                .find(|s| s.name == "Claire Petit")
                .and_then(|s| s.organization.clone())
        };
        let (d, i) = (org_of(&departement), org_of(&intercommunal));
        // "Département de X": the département of the intercommunality's
        // department, named by it
        let departement_s = d.as_deref().is_some_and(|d| d.starts_with("Département"));
        if departement_s && i.as_deref() == Some(body.as_str()) {
            right += 1;
        } else if misses.len() < 5 {
            misses.push(format!("{d:?} / {i:?} for {body:?}"));
        }
    }
    assert!(
        right >= 27,
        "{right}/30 right; first misses:\n{}",
        misses.join("\n")
    );
}

#[test]
fn a_departement_written_without_its_name_is_named_by_its_department() {
    // the département's own words name no department: its name comes from the
    // département party, with the link word the text writes ("de
    // Tarn-et-Garonne") or else the official one
    let cases = [
        ("la Caf de la Creuse", "Guéret", "Département de la Creuse"),
        ("la Caf de l'Ariège", "Pamiers", "Département de l'Ariège"),
        ("la Caf du Cantal", "Aurillac", "Département du Cantal"),
        (
            "la Caf de Tarn-et-Garonne",
            "Caussade",
            "Département de Tarn-et-Garonne",
        ),
        // "de Creuse Sud Ouest" is an intercommunality's name, not the link
        // word of the department's
        (
            "la communauté de Creuse Sud Ouest, la Caf de la Creuse",
            "Bourganeuf",
            "Département de la Creuse",
        ),
    ];
    for (caf, commune, expected) in cases {
        let text = format!(
            "La commune de {commune}, {caf} et le conseil départemental ont signé le 3 mai 2024 la convention territoriale globale. \
             Ont signé Paul Martin, maire de {commune}, et Claire Petit, vice-présidente du conseil départemental chargée des familles."
        );
        let fields = extract::run(&Text::new(&text), rules(), None);
        let org = (fields.extraction.signatories.iter())
            .find(|s| s.name == "Claire Petit")
            .and_then(|s| s.organization.clone());
        assert_eq!(org.as_deref(), Some(expected), "{text}");
    }
}

#[test]
fn a_president_whose_words_name_no_body_heads_the_one_body_a_president_heads() {
    // "Le président X" with no body: the one intercommunality (or syndicat,
    // or département) among the parties; none when there are two
    let one = "La communauté de communes du Diois et la Caf de la Drôme ont signé la convention territoriale globale le 3 mai 2024. \
               Le président Paul Martin et Anne Roy, directrice de la Caf, ont paraphé le document.";
    let two = "La communauté de communes du Diois, le Département de la Drôme et la Caf de la Drôme ont signé la convention territoriale globale le 3 mai 2024. \
               Le président Paul Martin et Anne Roy, directrice de la Caf, ont paraphé le document.";
    let org_of = |text: &str| {
        let fields = extract::run(&Text::new(text), rules(), None);
        (fields.extraction.signatories.iter())
            .find(|s| s.name == "Paul Martin")
            .and_then(|s| s.organization.clone())
    };
    assert_eq!(
        org_of(one).as_deref(),
        Some("communauté de communes du Diois"),
        "{one}"
    );
    assert_eq!(org_of(two), None, "{two}");
}

#[test]
fn a_body_named_by_its_head_word_gives_way_to_the_same_body_named_in_full() {
    // "pour la Caf" after "la directrice de la Caisse d'allocations
    // familiales de l'Indre, X, ...": the same party, named in full
    let text = "La commune d'Issoudun et la Caf de l'Indre ont signé la convention territoriale globale le 3 mai 2024. \
                Le maire, Paul Martin, a signé pour la commune. Enfin, la directrice de la Caisse d'allocations familiales de l'Indre, \
                Anne Roy, a paraphé le document pour la Caf.";
    let fields = extract::run(&Text::new(text), rules(), None);
    let org = (fields.extraction.signatories.iter())
        .find(|s| s.name == "Anne Roy")
        .and_then(|s| s.organization.clone());
    assert_eq!(
        org.as_deref(),
        Some("Caisse d'allocations familiales de l'Indre"),
        "{text}"
    );
}
