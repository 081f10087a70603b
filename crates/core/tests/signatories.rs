//! Signatories on whole documents: who represents which party. The texts are
//! written for these tests.

use ctg_core::extract;
use ctg_core::normalize::Text;
use ctg_core::record::Extraction;
use ctg_core::rules::RuleSet;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::load(None).expect("built-in rules compile"))
}

fn extract(text: &str) -> Extraction {
    extract::run(&Text::new(text), rules(), None).extraction
}

fn organization<'e>(e: &'e Extraction, name: &str) -> Option<&'e str> {
    e.signatories
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("{name} is a signatory: {:?}", e.signatories))
        .organization
        .as_deref()
}

#[test]
fn a_two_column_signature_block_lends_no_body_across_its_columns() {
    // the columns of the block come out of the PDF side by side; each
    // president is named, with their party, in the parties' block
    let text = "CONVENTION TERRITORIALE GLOBALE 2023-2027\n\n\
        Entre :\n\n\
        La Caisse d'allocations familiales du Cantal, représentée par sa directrice, \
        Mme Anne Roux,\n\n\
        Hautes Terres Communauté, représentée par son Président, M. Paul Durand,\n\n\
        ET\n\n\
        Le Département du Cantal, représenté par le Président du Conseil départemental, \
        M. Bruno Faure,\n\n\
        Il est convenu ce qui suit.\n\n\
        Fait à Aurillac, le 3 mars 2023.\n\n\
        Pour Hautes Terres Communauté,          Pour le Département du Cantal,\n\
        le Président,                           le Président du Conseil départemental,\n\
        Paul Durand                             Bruno Faure\n";
    let e = extract(text);
    assert_eq!(
        organization(&e, "Paul Durand"),
        Some("Hautes Terres Communauté")
    );
    assert_eq!(
        organization(&e, "Bruno Faure"),
        Some("Département du Cantal")
    );
    assert!(e
        .signatories
        .iter()
        .all(|s| s.name != "Paul Durand Bruno Faure"));
}

#[test]
fn a_plain_texts_signature_block_set_in_two_columns_gives_each_party_its_own() {
    // laid out with spaces, as a convention saved with its layout: the two
    // names side by side, each under its party's heading and role
    let raw = "CONVENTION TERRITORIALE GLOBALE 2025-2029\n\n\
        Fait à Quimperlé, le 14 mars 2025.\n\n\
        Pour la Caisse d'allocations familiales du Finistère,     Pour la Ville de Quimperlé,\n\
        La Directrice,                                             Le Maire,\n\
        \n\
        Gwenaëlle Le Bihan                                         Yannick Cariou\n";
    let read = ctg_core::ingest::text_columns::read(raw);
    let e = extract(&read);
    let names: Vec<&str> = e.signatories.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let caf = organization(&e, "Gwenaëlle Le Bihan").expect("an organization");
    assert!(caf.contains("Finistère"), "{caf}");
    let city = organization(&e, "Yannick Cariou").expect("an organization");
    assert!(city.contains("Quimperlé"), "{city}");
}

#[test]
fn a_body_named_by_its_acronym_is_the_partys_name_with_the_acronym() {
    let e = extract(
        "Lundi 2 juin 2025, la Communauté de communes Cœur de Savoie (CDS) et la Caf de la \
         Savoie ont signé leur convention territoriale globale. Le président de la CDS, \
         Hervé Mollard-Bouvier, et la directrice de la Caf, Inès Gaillard, ont paraphé le document.",
    );
    assert_eq!(
        organization(&e, "Hervé Mollard-Bouvier"),
        Some("Communauté de communes Cœur de Savoie (CDS)")
    );
    // a CAF keeps the name the text gives it
    assert_eq!(organization(&e, "Inès Gaillard"), Some("Caf"));
}

#[test]
fn a_service_led_to_by_a_role_is_no_person() {
    let e = extract(
        "La commune de Vire et la Caf du Calvados ont signé la convention territoriale \
         globale le 3 mars 2024.\n\nDossiers à envoyer à Monsieur le Maire de Vire, \
         Service Ressources Humaines, avant le 30 avril.",
    );
    assert!(
        e.signatories.iter().all(|s| !s.name.starts_with("Service")),
        "a service is no signatory: {:?}",
        e.signatories
    );
}
