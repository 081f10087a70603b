//! Document-level decisions on whole documents: the kind of document, whether
//! it is about a CTG, where the convention stands, a deliberation's session
//! date, and a round-up's signings. The texts are written for these tests.

use ctg_core::extract;
use ctg_core::normalize::Text;
use ctg_core::record::{DocType, Extraction, NotAboutCtg, StatusValue};
use ctg_core::rules::RuleSet;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::load(None).expect("built-in rules compile"))
}

fn extract(text: &str) -> Extraction {
    extract::run(&Text::new(text), rules(), None).extraction
}

/// The codes of each signing's parties, in order.
fn parties_of_signings(e: &Extraction) -> Vec<Vec<&str>> {
    (e.signings.iter())
        .map(|s| {
            s.territories
                .iter()
                .filter_map(|t| t.code.as_deref())
                .collect()
        })
        .collect()
}

#[test]
fn a_page_reporting_ten_signings_gives_ten_signings_and_their_union() {
    let rows = [
        (
            "3 février 2022",
            "Communauté de communes du Pays de Saint-Fulgent - Les Essarts",
            "85",
        ),
        (
            "17 mars 2022",
            "Communauté de communes du Pays de Pouzauges",
            "85",
        ),
        (
            "5 avril 2022",
            "Communauté de communes Vie et Boulogne",
            "85",
        ),
        (
            "12 mai 2022",
            "Communauté de communes du Pays des Achards",
            "85",
        ),
        (
            "9 juin 2022",
            "Communauté de communes Océan-Marais de Monts",
            "85",
        ),
        (
            "30 juin 2022",
            "Communauté de communes du Pays de Mortagne",
            "85",
        ),
        (
            "8 septembre 2022",
            "Communauté de communes Sud Vendée Littoral",
            "85",
        ),
        (
            "6 octobre 2022",
            "Communauté de communes du Pays de Chantonnay",
            "85",
        ),
        (
            "17 novembre 2022",
            "Communauté de communes Terres de Montaigu",
            "85",
        ),
        (
            "15 décembre 2022",
            "Communauté de communes du Pays de Fontenay-Vendée",
            "85",
        ),
    ];
    let mut text = String::from(
        "Caf de la Vendée – Bilan 2022\n\nDix nouvelles conventions territoriales globales signées en 2022\n\nEn 2022, la Caf de la Vendée a signé dix conventions territoriales globales avec les intercommunalités du département.\n\n",
    );
    for (date, epci, _) in rows {
        text.push_str(&format!("{date}\n{epci}\nCaf de la Vendée\n\n"));
    }
    let e = extract(&text);
    assert!(e.about_ctg.value, "{:?}", e.about_ctg);
    assert_eq!(
        e.signings.len(),
        10,
        "{:#?}",
        e.signings
            .iter()
            .map(|s| &s.territories)
            .collect::<Vec<_>>()
    );
    assert!(
        e.signing_date.is_none(),
        "a round-up has no single signing date"
    );
    assert_eq!(e.territories.len(), 10);
    let dates: Vec<&str> = e
        .signings
        .iter()
        .map(|s| s.signing_date.as_ref().map_or("-", |d| d.value.as_str()))
        .collect();
    assert_eq!(dates[0], "2022-02-03");
    assert_eq!(dates[9], "2022-12-15");
    assert!(e
        .signings
        .iter()
        .all(|s| s.caf.iter().any(|c| c.department.as_deref() == Some("85"))));
    assert_eq!(
        e.status.as_ref().map(|s| s.value),
        Some(StatusValue::Signed)
    );
}

#[test]
fn a_single_signing_is_no_round_up() {
    let e = extract(
        "Le 4 mars 2024, la commune de Montaigu-Vendée et la Caf de la Vendée ont signé leur convention territoriale globale pour 2024-2027.\n\nLe 12 janvier, le conseil municipal avait approuvé le projet de convention.",
    );
    assert!(e.signings.is_empty());
    assert_eq!(e.signing_date.as_ref().unwrap().value, "2024-03-04");
}

#[test]
fn two_paragraphs_dating_one_signing_alike_are_no_round_up() {
    // the lead names the intercommunality; a later paragraph, the same day,
    // a commune it reads as a party ("venu de Nîmes"): one signing, told
    // twice
    let e = extract(
        "Mis en ligne le 14 octobre 2024\n\n\
         La communauté de communes du Pays de Sommières et la Caf du Gard ont signé \
         jeudi leur convention territoriale globale, pour les années 2024 à 2028.\n\n\
         Jeudi 10 octobre, à Sommières, la présidente, Claire Bastide, et Louis Ferrand, \
         directeur de la Caf, venu de Nîmes pour l'occasion, ont paraphé le document.",
    );
    assert!(e.signings.is_empty(), "{:?}", e.signings);
    assert_eq!(e.signing_date.as_ref().unwrap().value, "2024-10-10");
}

#[test]
fn a_period_that_ends_before_the_signing_year_gives_way_to_one_that_does_not() {
    // the publication gives the signing's year; the contract before the
    // convention had its own years, named first
    let e = extract(
        "Publié le 6 février 2024\n\n\
         De 2020 à 2023, les crèches de Bernay étaient financées par un contrat qui \
         portait sur la période 2020-2023. La commune de Bernay et la Caf de l'Eure ont \
         signé mardi 30 janvier une convention territoriale globale pour la période 2024-2028.",
    );
    let period = e.period.as_ref().expect("a period");
    assert_eq!(
        (period.start.as_deref(), period.end.as_deref()),
        (Some("2024"), Some("2028"))
    );
}

#[test]
fn the_acronym_of_another_body_is_no_convention() {
    let e = extract(
        "Cayenne, le 3 mars 2023. Le président de la Collectivité territoriale de Guyane (CTG) et le préfet ont signé un accord de développement pour 2023-2027. La CTG financera les routes du littoral.",
    );
    assert!(!e.about_ctg.value);
    assert_eq!(e.about_ctg.reason, Some(NotAboutCtg::OtherMeaning));
    assert!(e.period.is_none() && e.signatories.is_empty() && e.signing_date.is_none());
}

#[test]
fn a_deliberation_authorises_and_dates_its_session() {
    let e = extract(
        "COMMUNE DE SAINT-AMAND-MONTROND\nExtrait du registre des délibérations du conseil municipal\nSéance du jeudi 9 février 2023\nConseillers en exercice : 29 – Présents : 22\n\nObjet : Convention territoriale globale avec la Caf du Cher\n\nLe conseil municipal, après en avoir délibéré :\nAPPROUVE la convention territoriale globale 2023-2026 ;\nAUTORISE Monsieur le Maire à signer la convention.\n\nReçu en préfecture le 14 février 2023.",
    );
    assert_eq!(e.doc_type, DocType::Deliberation);
    assert_eq!(
        e.status.as_ref().map(|s| s.value),
        Some(StatusValue::Authorized)
    );
    assert_eq!(
        e.decision_date.as_ref().map(|d| d.value.as_str()),
        Some("2023-02-09")
    );
    assert!(e.signing_date.is_none(), "no signing took place");
}

#[test]
fn a_deliberation_that_takes_note_of_a_signing_made_reports_it() {
    let e = extract(
        "COMMUNE DE VIERZON\nExtrait du registre des délibérations du conseil municipal\nSéance du mardi 14 mars 2023\n\nObjet : Convention territoriale globale – compte rendu de signature\n\nLa maire a signé le 2 février 2023, par délégation du conseil, la convention territoriale globale avec la Caf du Cher. La précédente convention avait été signée en 2019.\n\nLe conseil municipal, après en avoir délibéré, PREND ACTE de la signature de la convention territoriale globale 2023-2026.\n\nReçu en préfecture le 20 mars 2023.",
    );
    assert_eq!(e.doc_type, DocType::Deliberation);
    assert_eq!(
        e.status.as_ref().map(|s| s.value),
        Some(StatusValue::Signed)
    );
    assert_eq!(
        e.signing_date.as_ref().map(|d| d.value.as_str()),
        Some("2023-02-02")
    );
    // one that authorises the signing, and recalls an earlier one, still
    // authorises
    let e = extract(
        "COMMUNE DE VIERZON\nExtrait du registre des délibérations du conseil municipal\nSéance du mardi 14 mars 2023\n\nObjet : Convention territoriale globale avec la Caf du Cher\n\nLa précédente convention avait été signée le 4 avril 2019.\n\nLe conseil municipal, après en avoir délibéré, APPROUVE la convention territoriale globale 2023-2026 et AUTORISE le maire à la signer.",
    );
    assert_eq!(
        e.status.as_ref().map(|s| s.value),
        Some(StatusValue::Authorized)
    );
}

#[test]
fn an_announcement_has_no_signing_date() {
    let e = extract(
        "Petite enfance : la communauté de communes du Pays de Craon et la Caf de la Mayenne signeront leur convention territoriale globale le mardi 14 mai 2024 à Craon.",
    );
    assert_eq!(
        e.status.as_ref().map(|s| s.value),
        Some(StatusValue::ToBeSigned)
    );
    assert!(e.signing_date.is_none());
}

#[test]
fn a_deliberation_speaks_for_the_body_its_heading_names() {
    // the council is only "le conseil municipal"; the heading names the commune
    let text = "Séance du conseil municipal du 9 mai 2023 | Commune de Vitré\n\n\
        Délibération n° 2023-45\n\n\
        Le conseil municipal s'est réuni à l'Hôtel de Ville, sous la présidence de \
        M. Paul Durand, Maire.\n\n\
        Le conseil municipal, après en avoir délibéré, approuve la convention \
        territoriale globale 2023-2027 avec la Caf d'Ille-et-Vilaine et autorise \
        le Maire à la signer.\n";
    let e = extract(text);
    assert_eq!(e.doc_type, DocType::Deliberation);
    let codes: Vec<_> = e
        .territories
        .iter()
        .filter_map(|t| t.code.as_deref())
        .collect();
    assert_eq!(codes, ["35360"]);
    let durand = &e.signatories[0];
    assert_eq!(durand.name, "Paul Durand");
    // not "Ville" from the town hall where the council met
    assert_eq!(durand.organization.as_deref(), Some("Vitré"));
}

#[test]
fn the_person_a_deliberation_authorises_signs_for_the_body_named_first() {
    // two communes and the syndicat are named; the president is the syndicat's
    let text = "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU COMITÉ SYNDICAL\n\n\
        Le comité syndical du SIVU de la Vallée du Loir s'est réuni le 14 mars 2022 \
        sous la présidence de Mme Claire Petit, Présidente.\n\
        La Caf de la Sarthe a engagé avec le SIVU et les communes de Vaas et de \
        Mayet l'élaboration d'une convention territoriale globale.\n\
        Le comité syndical approuve la convention territoriale globale et habilite \
        Mme Claire Petit, Présidente, à la signer au nom du syndicat.\n";
    let e = extract(text);
    let petit = e
        .signatories
        .iter()
        .find(|s| s.name == "Claire Petit")
        .expect("the president authorised to sign");
    assert_eq!(
        petit.organization.as_deref(),
        Some("SIVU de la Vallée du Loir")
    );
    // the same words in a press release name no body for her
    let press = text.replace(
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU COMITÉ SYNDICAL",
        "Actualités",
    );
    let e = extract(&press);
    assert_ne!(e.doc_type, DocType::Deliberation);
}

#[test]
fn people_at_a_meeting_sign_nothing_unless_the_text_tells_of_a_signing() {
    // a meeting about a CTG, with nothing said of a signing: the people "en
    // présence de" whom it is held are no signatories
    let meeting = "Réunion publique sur la convention territoriale globale\n\n\
        La communauté de communes du Pays de Lumbres réunira les habitants le 14 mars \
        à la salle des fêtes d'Acquin-Westbécourt. La soirée sera animée par Paul \
        Vidal, chargé de mission, en présence de Claire Roux, directrice de la Caf du \
        Pas-de-Calais, et de Marc Petit, président de la communauté de communes.\n";
    let e = extract(meeting);
    assert_eq!(e.status.as_ref().map(|s| s.value), None);
    assert!(e.signatories.is_empty(), "{:?}", e.signatories);
    // the same people at a signing are its signatories
    let signing = meeting.replace(
        "La soirée sera animée par Paul Vidal, chargé de mission,",
        "La convention a été signée ce jour-là",
    );
    let e = extract(&signing);
    assert_eq!(
        e.status.as_ref().map(|s| s.value),
        Some(StatusValue::Signed)
    );
    let names: Vec<_> = e.signatories.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Claire Roux", "Marc Petit"]);
}

#[test]
fn a_round_up_keeps_its_sections_signings_apart_from_the_context_around_them() {
    let text = "Caf d'Ille-et-Vilaine\n\nDeux nouvelles CTG dans le sud du département\n\nPublié le 9 octobre 2023\n\n\
Après la communauté de communes du Val d'Ille-Aubigné en 2021, deux autres intercommunalités ont rejoint la démarche.\n\n\
Bretagne Porte de Loire\n\nLe 14 septembre 2023, à Bain-de-Bretagne, la convention a été signée avec Bretagne Porte de Loire Communauté pour la période 2023-2027.\n\n\
Ont signé : Hervé Gandon, président de la communauté de communes, et Hélène Marzin, directrice de la Caf d'Ille-et-Vilaine.\n\n\
Roche aux Fées\n\nLe 28 septembre 2023, Roche aux Fées Communauté a signé à son tour, pour cinq ans.\n\n\
Les conventions de Rennes Métropole et de Vitré Communauté, conclues en 2020, seront évaluées l'an prochain.";
    let e = extract(text);
    let parties = parties_of_signings(&e);
    // the earlier conventions of the first and last paragraphs are no signings
    assert_eq!(
        parties,
        [vec!["200070662"], vec!["243500634"]],
        "{parties:?}"
    );
    // the people of the paragraph after a section's signing are its signatories
    let people: Vec<&str> = e.signings[0]
        .signatories
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(people, ["Hervé Gandon", "Hélène Marzin"]);
    assert!(e.signings[1].signatories.is_empty());
}

#[test]
fn a_party_represented_by_its_mayor_in_a_report_leaves_the_other_parties_be() {
    // "représentée par" opens a convention's party clause; in a report it is
    // one sentence among others, and the parties named elsewhere still count
    let text = "La Caf d'Ille-et-Vilaine a signé sa convention territoriale globale avec Roche aux Fées Communauté et la commune de Janzé.\n\n\
La commune de Janzé, représentée par son maire, a rappelé ses besoins en accueil du jeune enfant.";
    let e = extract(text);
    let mut codes: Vec<&str> = e
        .territories
        .iter()
        .filter_map(|t| t.code.as_deref())
        .collect();
    codes.sort();
    assert_eq!(codes, ["243500634", "35136"], "{:?}", e.territories);
}

#[test]
fn without_a_publication_date_a_round_up_dates_its_context_by_its_latest_signing() {
    let text = "Deux nouvelles CTG dans le sud du département\n\n\
Après la communauté de communes du Val d'Ille-Aubigné en 2021, deux autres intercommunalités ont rejoint la démarche.\n\n\
Bretagne Porte de Loire\n\nLe 14 septembre 2023, à Bain-de-Bretagne, la convention a été signée avec Bretagne Porte de Loire Communauté pour la période 2023-2027.\n\n\
Roche aux Fées\n\nLe 28 septembre 2023, Roche aux Fées Communauté a signé à son tour, pour cinq ans.";
    let e = extract(text);
    let parties = parties_of_signings(&e);
    assert_eq!(
        parties,
        [vec!["200070662"], vec!["243500634"]],
        "{parties:?}"
    );
}

#[test]
fn a_name_wrapped_over_two_lines_is_one_person_though_its_surname_stands_alone_elsewhere() {
    // "Marie-Laure" at a line's end and "LECOQ-BERTIN" in the list of those
    // present are the halves of one name, not two people side by side
    let text = "Séance du 4 mars 2024\n\nLe conseil municipal de Vitré s'est réuni sous la présidence de Mme Marie-Laure\nLECOQ-BERTIN, Maire.\n\nÉtaient présents : Mme LECOQ-BERTIN, M. ROUAULT, Mme PICHON.\n\nAUTORISE Madame le Maire à signer la convention territoriale globale avec la Caf d'Ille-et-Vilaine.";
    let e = extract(text);
    let names: Vec<&str> = e.signatories.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Marie-Laure Lecoq-Bertin"], "{:?}", e.signatories);
}

#[test]
fn a_page_on_the_scheme_is_about_no_convention_unless_it_names_a_local_party() {
    let caf_page = "La convention territoriale globale (CTG) | Caf de l'Yonne | caf.fr\n\n\
        La convention territoriale globale est une démarche partenariale. La Caf de l'Yonne \
        accompagne les collectivités qui veulent signer une CTG : diagnostic, plan d'actions, \
        comité de pilotage.\n\nLa CTG en chiffres\n\nDans l'Yonne, une CTG couvre chaque \
        intercommunalité.";
    let e = extract(caf_page);
    assert!(!e.about_ctg.value);
    assert_eq!(e.about_ctg.reason, Some(NotAboutCtg::GeneralPresentation));
    assert_eq!(e.doc_type, DocType::Other);
    // the same title on a commune's page that reports its own signing
    let commune_page = "La convention territoriale globale | Ville de Sens\n\n\
        La commune de Sens a signé le 3 mars 2024 sa convention territoriale globale avec la \
        Caf de l'Yonne.";
    let e = extract(commune_page);
    assert!(e.about_ctg.value, "{:?}", e.about_ctg);
}

#[test]
fn a_deliberation_approving_two_conventions_reports_no_signings() {
    let text = "DÉPARTEMENT DU CANTAL\nCommission permanente du lundi 3 mars 2025\n\n\
        Objet : conventions territoriales globales 2025-2029\n\n\
        Considérant que la CTG de Hautes Terres Communauté retient la petite enfance ;\n\
        Considérant que la CTG de la communauté de communes du Pays de Salers retient la \
        jeunesse ;\n\
        Considérant que ces deux conventions sont conclues pour cinq ans ;\n\n\
        Après en avoir délibéré, la commission permanente :\n\n\
        Article 1 : approuve la participation du Département, en qualité de signataire, à \
        la convention territoriale globale 2025-2029 entre la Caf du Cantal et Hautes Terres \
        Communauté ;\n\n\
        Article 2 : approuve la participation du Département, en qualité de signataire, à \
        la convention territoriale globale 2025-2029 entre la Caf du Cantal et la communauté \
        de communes du Pays de Salers ;\n\n\
        Article 3 : autorise le Président du Conseil départemental à signer ces deux \
        conventions.\n";
    let e = extract(text);
    assert_eq!(
        e.status.as_ref().map(|s| s.value),
        Some(StatusValue::Authorized)
    );
    assert!(e.signings.is_empty(), "{:?}", e.signings);
    let period = e.period.as_ref().expect("the conventions' period");
    assert_eq!(
        (period.start.as_deref(), period.end.as_deref()),
        (Some("2025"), Some("2029"))
    );
}
