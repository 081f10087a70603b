//! Convention markers ("Entre :", "Article 1", "Fait à ..., le") -> press release or
//! convention. A document is a convention when enough distinct marker rules match
//! (`settings.doc_type.convention_min_rules`): one marker alone also occurs in press
//! releases that quote a convention.

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
    let mut seen = BTreeSet::new();
    let markers: Vec<Evidence> = kept
        .into_iter()
        .filter(|(value, e)| value == "convention" && seen.insert(e.rule.clone()))
        .map(|(_, e)| e)
        .collect();
    if markers.len() >= rules.settings().doc_type.convention_min_rules {
        (DocType::Convention, markers, considered)
    } else {
        (DocType::PressRelease, Vec::new(), considered)
    }
}

/// The serialized name of a document type.
pub fn name(doc_type: DocType) -> &'static str {
    match doc_type {
        DocType::PressRelease => "press_release",
        DocType::Convention => "convention",
    }
}
