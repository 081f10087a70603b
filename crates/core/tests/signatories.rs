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
