//! Whether the document is about one or more specific CTGs, from the marks of
//! the `about` rules (`rules/about.toml`) and the parties found:
//!
//! 1. a `ctg` mark names one convention territoriale globale; a `ctg_acronym`
//!    mark does so with the acronym, and counts for nothing when an
//!    `other_meaning` mark defines "CTG" as something else (the Collectivité
//!    territoriale de Guyane);
//! 2. an `other_subject` mark (a subject line naming another contract) holds
//!    unless a CTG mark lies on it;
//! 3. a `general_subject` mark (a page's title that is the scheme's name, or
//!    asks what it is) makes a page that names no local party a general
//!    presentation;
//! 4. the document is about a CTG when a CTG mark remains, no `other_subject`
//!    holds, and a CAF or a local party is named.

use crate::record::{AboutCtg, Caf, Evidence, NotAboutCtg, Territory};
use crate::resolve::choose::keep_all;
use crate::rules::trace::{Considered, Status};
use crate::rules::Match;

/// A mark of an `about` rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ctg,
    CtgAcronym,
    OtherMeaning,
    OtherSubject,
    GeneralSubject,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Ctg => "ctg",
            Kind::CtgAcronym => "ctg_acronym",
            Kind::OtherMeaning => "other_meaning",
            Kind::OtherSubject => "other_subject",
            Kind::GeneralSubject => "general_subject",
        }
    }

    fn parse(value: &str) -> Option<Kind> {
        Some(match value {
            "ctg" => Kind::Ctg,
            "ctg_acronym" => Kind::CtgAcronym,
            "other_meaning" => Kind::OtherMeaning,
            "other_subject" => Kind::OtherSubject,
            "general_subject" => Kind::GeneralSubject,
            _ => return None,
        })
    }
}

/// The marks that count, each with its evidence, after the acronym and the
/// subject lines are judged.
#[derive(Debug, Default)]
pub struct Marks {
    /// The CTG marks, and whether each is the acronym.
    ctg: Vec<(Kind, Evidence)>,
    other_meaning: Vec<Evidence>,
    other_subject: Vec<Evidence>,
    general_subject: Vec<Evidence>,
}

impl Marks {
    /// The kinds of marks that count, as rule examples state them
    /// (`ctg`, `other_meaning`, ...).
    pub fn display(&self) -> Option<String> {
        let mut kinds = Vec::new();
        let mut ctg_kinds: Vec<&str> = self.ctg.iter().map(|(k, _)| k.name()).collect();
        ctg_kinds.dedup();
        kinds.extend(ctg_kinds);
        if !self.other_meaning.is_empty() {
            kinds.push("other_meaning");
        }
        if !self.other_subject.is_empty() {
            kinds.push("other_subject");
        }
        if !self.general_subject.is_empty() {
            kinds.push("general_subject");
        }
        (!kinds.is_empty()).then(|| kinds.join(", "))
    }
}

/// The marks of the `about` rules, judged.
pub fn marks(matches: &[Match<'_, '_>]) -> (Marks, Vec<Considered>) {
    let read = |m: &Match<'_, '_>| {
        Ok(Shown(
            Kind::parse(m.rule.value.as_deref().unwrap_or_default()),
            m.range.clone(),
        ))
    };
    // a veto cancels a mark of one convention ("La CTG, c'est quoi ?" is no
    // mention of one); a page's general subject is the opposite mark, which
    // the same words make: no veto cancels it
    let general = |m: &Match<'_, '_>| m.rule.value.as_deref() == Some(Kind::GeneralSubject.name());
    let (others, generals): (Vec<Match<'_, '_>>, Vec<Match<'_, '_>>) =
        matches.iter().cloned().partition(|m| !general(m));
    let (mut kept, mut considered) = keep_all(&others, read);
    let (kept_general, considered_general) = keep_all(&generals, read);
    kept.extend(kept_general);
    considered.extend(considered_general);
    let of = |kind: Kind| kept.iter().filter(move |(Shown(k, _), _)| *k == Some(kind));
    let redefined = of(Kind::OtherMeaning).next().is_some();
    let mut marks = Marks::default();
    let mut void = Vec::new();
    for (Shown(kind, _), e) in &kept {
        match kind {
            Some(Kind::Ctg) => marks.ctg.push((Kind::Ctg, e.clone())),
            Some(Kind::CtgAcronym) if !redefined => marks.ctg.push((Kind::CtgAcronym, e.clone())),
            Some(Kind::CtgAcronym) => void.push(e.clone()),
            Some(Kind::OtherMeaning) => marks.other_meaning.push(e.clone()),
            Some(Kind::GeneralSubject) => marks.general_subject.push(e.clone()),
            _ => {}
        }
    }
    for (Shown(_, range), e) in of(Kind::OtherSubject) {
        let on_it = kept.iter().any(|(Shown(k, r), _)| {
            matches!(k, Some(Kind::Ctg | Kind::CtgAcronym))
                && range.start <= r.start
                && r.end <= range.end
        });
        if on_it {
            void.push(e.clone());
        } else {
            marks.other_subject.push(e.clone());
        }
    }
    for c in &mut considered {
        if void.contains(&c.evidence) {
            c.status = Status::Outranked;
        }
    }
    (marks, considered)
}

/// A mark as the trace shows it.
struct Shown(Option<Kind>, std::ops::Range<usize>);

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.map_or("?", Kind::name))
    }
}

/// The decision, from the marks and the parties found.
pub fn decide(marks: &Marks, cafs: &[Caf], territories: &[Territory]) -> AboutCtg {
    let not = |reason: NotAboutCtg, evidence: &[Evidence]| AboutCtg {
        value: false,
        evidence: evidence.to_vec(),
        reason: Some(reason),
    };
    // the subject line says what the document is about, whatever it names
    if !marks.other_subject.is_empty() {
        return not(NotAboutCtg::OtherSubject, &marks.other_subject);
    }
    if marks.ctg.is_empty() {
        return if marks.other_meaning.is_empty() {
            not(NotAboutCtg::NoSpecificConvention, &[])
        } else {
            not(NotAboutCtg::OtherMeaning, &marks.other_meaning)
        };
    }
    let evidence: Vec<Evidence> = marks.ctg.iter().map(|(_, e)| e.clone()).collect();
    // a page on the scheme names the CAF that publishes it, no local party
    if !marks.general_subject.is_empty() && territories.is_empty() {
        return not(NotAboutCtg::GeneralPresentation, &marks.general_subject);
    }
    if cafs.is_empty() && territories.is_empty() {
        return not(NotAboutCtg::NoParties, &evidence);
    }
    AboutCtg {
        value: true,
        evidence,
        reason: None,
    }
}
