//! Where the convention stands: signed, to be signed, authorized or in
//! preparation, read from the `status` rules (`rules/status.toml`: the tense and
//! mood of the signing verb, "autorise le maire à signer", "diagnostic en
//! cours") and from the kind of document:
//!
//! - a convention or an amendment is signed (its markers are the evidence);
//! - a deliberation authorises (the authorising passage, else its markers),
//!   unless the passage that decides is one the settings name as reporting a
//!   signing made ("PREND ACTE de la signature", "RATIFIE la convention"), or
//!   no passage authorises a signing and its best one tells the convention in
//!   the making (a council that launches the diagnostic: in preparation) or
//!   its signing made (a vote on a signed convention's action plan: signed);
//! - any other document takes its best `status` passage (highest priority, then
//!   earliest), else "signed" when it gives a signing date, else nothing (with
//!   a warning).

use crate::record::{DocType, Evidence, ReportedStatus, SigningDate, StatusValue};
use crate::resolve::choose::choose;
use crate::rules::trace::{Considered, Status, Unusable};
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
            // a council that authorises no signing: one that only launches
            // the convention's making (its diagnostic, its steering
            // committee), or one that reports its signing made (a vote on
            // the action plan of a convention signed before)
            Some((value @ (StatusValue::InPreparation | StatusValue::Signed), e))
                if !authorises(&choice.considered) =>
            {
                status(value, vec![e])
            }
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

/// Whether a `status` passage that authorises a signing was read, chosen
/// or outranked (not vetoed).
fn authorises(considered: &[Considered]) -> bool {
    considered.iter().any(|c| {
        c.value.as_deref() == Some(StatusValue::Authorized.name())
            && matches!(c.status, Status::Chosen | Status::Outranked)
    })
}

/// A status as the trace shows it.
struct Named(StatusValue);

impl std::fmt::Display for Named {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.name())
    }
}

#[cfg(test)]
mod tests {
    use crate::normalize::Text;
    use crate::record::StatusValue;

    /// The status of `text`, read with the built-in rules.
    fn status_of(text: &str) -> Option<StatusValue> {
        let rules = crate::rules::RuleSet::load(None).expect("built-in rules compile");
        let fields = crate::extract::run(&Text::new(text), &rules, None);
        fields.extraction.status.map(|s| s.value)
    }

    const HEAD: &str = "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL COMMUNAUTAIRE\n\
                        Séance du 12 mars 2025\n\
                        Nombre de conseillers en exercice : 32 - Votants : 30\n\n\
                        Le conseil communautaire, après en avoir délibéré, à l'unanimité :\n";

    #[test]
    fn a_deliberation_reads_as_authorizing_unless_it_launches_or_reports_the_convention() {
        let authorizes = format!(
            "{HEAD}- APPROUVE la convention territoriale globale 2025-2029 avec la Caf de l'Orne ;\n\
             - AUTORISE le Président, ou en cas d'empêchement le premier vice-président,\n\
             à signer ladite convention.\n"
        );
        assert_eq!(status_of(&authorizes), Some(StatusValue::Authorized));
        let launches = format!(
            "{HEAD}- APPROUVE le lancement d'une convention territoriale globale avec la Caf \
             de l'Orne ; le diagnostic est en cours d'élaboration avec les communes ;\n\
             - DÉSIGNE les membres du comité de pilotage.\n"
        );
        assert_eq!(status_of(&launches), Some(StatusValue::InPreparation));
        let reports = format!(
            "{HEAD}La convention territoriale globale conclue avec la Caf de l'Orne a été \
             signée le 4 octobre 2023 à Sées.\n\
             - APPROUVE la programmation 2025 des actions de la convention ;\n\
             - AUTORISE le Président à solliciter les financements de la Caf.\n"
        );
        assert_eq!(status_of(&reports), Some(StatusValue::Signed));
    }
}
