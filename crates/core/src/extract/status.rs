//! Where the convention stands: signed, to be signed, authorized or in
//! preparation, read from the `status` rules (`rules/status.toml`: the tense and
//! mood of the signing verb, "autorise le maire à signer", "diagnostic en
//! cours") and from the kind of document:
//!
//! - a convention or an amendment is signed (its markers are the evidence);
//! - a deliberation authorises (the authorising passage, else its markers),
//!   unless the passage that decides is one the settings name as reporting a
//!   signing made ("PREND ACTE de la signature", "RATIFIE la convention");
//! - any other document takes its best `status` passage (highest priority, then
//!   earliest), else "signed" when it gives a signing date, else nothing (with
//!   a warning).

use crate::record::{DocType, Evidence, ReportedStatus, SigningDate, StatusValue};
use crate::resolve::choose::choose;
use crate::rules::trace::{Considered, Unusable};
use crate::rules::Match;

/// What the status is decided from besides the `status` matches.
#[derive(Debug)]
pub struct Context<'a> {
    /// The kind of document.
    pub doc_type: DocType,
    /// The markers that decided it.
    pub doc_type_evidence: &'a [Evidence],
    /// The signing date found, if any.
    pub signing_date: Option<&'a SigningDate>,
    /// The rules whose passage makes a deliberation signed
    /// (`settings.status.deliberation_signed`).
    pub deliberation_signed: &'a [String],
}

/// The status, and what became of every `status` match.
pub fn extract(
    matches: &[Match<'_, '_>],
    ctx: &Context,
) -> (Option<ReportedStatus>, Vec<Considered>) {
    let choice = choose(matches, |m| {
        m.rule
            .value
            .as_deref()
            .and_then(StatusValue::parse)
            .map(Named)
            .ok_or(Unusable::UnknownWord)
    });
    let cue = choice
        .chosen
        .map(|(Named(value), evidence)| (value, evidence));
    let status = |value, evidence: Vec<Evidence>| Some(ReportedStatus { value, evidence });
    let decided = match ctx.doc_type {
        DocType::Convention | DocType::Amendment => {
            status(StatusValue::Signed, ctx.doc_type_evidence.to_vec())
        }
        DocType::Deliberation => match cue {
            Some((StatusValue::Authorized, e)) => status(StatusValue::Authorized, vec![e]),
            // a council that takes note of a signing already made, or
            // ratifies it
            Some((StatusValue::Signed, e)) if ctx.deliberation_signed.contains(&e.rule.0) => {
                status(StatusValue::Signed, vec![e])
            }
            _ => status(StatusValue::Authorized, ctx.doc_type_evidence.to_vec()),
        },
        DocType::PressRelease | DocType::Other => match (cue, ctx.signing_date) {
            (Some((value, e)), _) => status(value, vec![e]),
            (None, Some(date)) => status(StatusValue::Signed, vec![date.evidence.clone()]),
            (None, None) => None,
        },
    };
    (decided, choice.considered)
}

/// A status as the trace shows it.
struct Named(StatusValue);

impl std::fmt::Display for Named {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.name())
    }
}
