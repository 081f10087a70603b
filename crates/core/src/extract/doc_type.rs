//! Markers of the kind of document ("Entre :", "Article 1", "Après en avoir
//! délibéré", "Avenant n°1", "Rapport d'activité") -> its `DocType`. A kind holds
//! when at least `settings.doc_type.min_rules` of its distinct rules match (one
//! convention marker alone also occurs in press releases that quote a
//! convention); of several kinds that hold, the first in `settings.doc_type.order`
//! wins (a marker kind that is no type, such as `minutes`, gives the type
//! `settings.doc_type.stands_for` names); with none, the document is a press
//! release.

use crate::record::{DocType, Evidence};
use crate::resolve::choose::keep_all;
use crate::rules::trace::Considered;
use crate::rules::{Match, RuleSet};
use std::collections::BTreeSet;

/// The document type and the first match of each marker rule that decided it.
pub fn extract(
    matches: &[Match<'_, '_>],
    rules: &RuleSet,
) -> (DocType, Vec<Evidence>, Vec<Considered>) {
    let (kept, considered) = keep_all(matches, |m| Ok(m.rule.value.clone().unwrap_or_default()));
    let settings = &rules.settings().doc_type;
    let markers_of = |kind: &str| -> Vec<Evidence> {
        let mut seen = BTreeSet::new();
        kept.iter()
            .filter(|(value, e)| value == kind && seen.insert(e.rule.clone()))
            .map(|(_, e)| e.clone())
            .collect()
    };
    for kind in &settings.order {
        let markers = markers_of(kind);
        let needed = settings.min_rules.get(kind).copied().unwrap_or(1);
        if markers.len() >= needed {
            let stands_for = settings
                .stands_for
                .get(kind)
                .map_or(kind.as_str(), String::as_str);
            if let Some(doc_type) = DocType::parse(stands_for) {
                return (doc_type, markers, considered);
            }
        }
    }
    (DocType::PressRelease, Vec::new(), considered)
}
