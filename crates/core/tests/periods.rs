//! A convention's period told in two passages: the end in one, the start in
//! another. The texts are written for these tests.

use ctg_core::extract;
use ctg_core::normalize::Text;
use ctg_core::record::Period;
use ctg_core::rules::RuleSet;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::load(None).expect("built-in rules compile"))
}

fn period(text: &str) -> Option<Period> {
    extract::run(&Text::new(text), rules(), None)
        .extraction
        .period
}

fn bounds(p: &Period) -> (Option<&str>, Option<&str>) {
    (p.start.as_deref(), p.end.as_deref())
}

#[test]
fn an_end_then_a_start_said_later_make_one_period() {
    let text = "La commune de Mauléon et la Caf des Deux-Sèvres ont signé le 3 mars 2025 \
        leur convention territoriale globale. Elle court jusqu'au 31 décembre 2028, avec un \
        effet rétroactif au 1er janvier 2025.";
    let p = period(text).expect("a period");
    assert_eq!(bounds(&p), (Some("2025-01-01"), Some("2028-12-31")));
    assert_eq!(p.evidence.text, "jusqu'au 31 décembre 2028");
    let other = p.completed_by.expect("the start's passage");
    assert_eq!(other.rule.to_string(), "period.starts_on");
    assert!(other.text.ends_with("1er janvier 2025"), "{}", other.text);
}

#[test]
fn a_start_and_an_end_too_far_apart_stay_apart() {
    let text = "La Ville de Bressuire et la Caf des Deux-Sèvres ont signé leur convention \
        territoriale globale. Les partenaires sont engagés jusqu'en 2031.\n\nLa CTG prend effet \
        le 1er janvier 2022.";
    let p = period(text).expect("a period");
    assert!(p.completed_by.is_none(), "nine years is no CTG's period");
    assert!(p.start.is_none() || p.end.is_none(), "{p:?}");
}

#[test]
fn a_period_with_both_bounds_takes_nothing_from_elsewhere() {
    let text = "La Ville de Thouars et la Caf des Deux-Sèvres ont signé la CTG 2024-2027. \
        Elle entre en vigueur rétroactivement au 1er janvier 2024.";
    let p = period(text).expect("a period");
    assert_eq!(bounds(&p), (Some("2024"), Some("2027")));
    assert!(p.completed_by.is_none());
}
