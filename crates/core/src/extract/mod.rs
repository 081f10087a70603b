//! Normalized text + compiled rules -> the extracted fields of one document.
//!
//! One file per field; each takes the matches of its rules (already cut into
//! evidence by the rule engine) and returns its value and a trace of every match.
//! Adding a field: its rule file, its file here, its type in `record.rs`, one line
//! in `run`.

pub mod axes;
pub mod caf;
pub mod dates;
pub mod doc_type;
pub mod duration;
pub mod period;
pub mod places;
pub mod published;
pub mod scope;
pub mod signatories;
pub mod signing_date;
pub mod title;

use crate::calendar::CivilDate;
use crate::calendar::DateParts;
use crate::normalize::Text;
use crate::record::{
    Axis, Caf, Commune, DateField, DocType, Duration, Evidence, Period, Signatory, SigningDate,
    Territory, Title, Warning,
};
use crate::rules::trace::Considered;
use crate::rules::{Field, RuleSet};

/// Every match of every field, with what became of it (for `ctg explain`).
#[derive(Debug, Default)]
pub struct Trace {
    /// Per field, in `Field::ALL` order.
    pub fields: Vec<(Field, Vec<Considered>)>,
}

/// The fields extracted from one text.
#[derive(Debug)]
pub struct Fields {
    /// Title.
    pub title: Option<Title>,
    /// Press release or convention.
    pub doc_type: DocType,
    /// The convention markers found.
    pub doc_type_evidence: Vec<Evidence>,
    /// Publication date.
    pub published: Option<DateField>,
    /// Signing date.
    pub signing_date: Option<SigningDate>,
    /// Period.
    pub period: Option<Period>,
    /// Stated duration.
    pub duration: Option<Duration>,
    /// Dates and years the text mentions.
    pub mentions: Vec<(DateParts, Evidence)>,
    /// CAF that are parties.
    pub caf: Vec<Caf>,
    /// Other parties.
    pub territories: Vec<Territory>,
    /// Communes named.
    pub communes: Vec<Commune>,
    /// Thematic axes.
    pub axes: Vec<Axis>,
    /// People who sign.
    pub signatories: Vec<Signatory>,
    /// Doubts.
    pub warnings: Vec<Warning>,
    /// Why each value was or was not produced.
    pub trace: Trace,
}

/// Runs every field's rules on `text`. `published_hint` replaces the publication
/// date found in the text (rule examples use it to state their reference date).
pub fn run(text: &Text, rules: &RuleSet, published_hint: Option<CivilDate>) -> Fields {
    let mut trace = Trace::default();
    let mut warnings = Vec::new();
    let mut record = |field: Field, considered: Vec<Considered>| {
        trace.fields.push((field, considered));
    };

    let (title, considered) = title::extract(&rules.find(Field::Title, text));
    record(Field::Title, considered);
    let (doc_type, doc_type_evidence, considered) =
        doc_type::extract(&rules.find(Field::DocType, text), rules);
    record(Field::DocType, considered);
    let (mentions, considered) = published::mentions(&rules.find(Field::DateMention, text), rules);
    let mention_parts: Vec<DateParts> = mentions.iter().map(|(p, _)| *p).collect();
    let (published, considered_published) =
        published::extract(&rules.find(Field::Published, text), rules, &mention_parts);
    record(Field::Published, considered_published);
    let reference =
        published_hint.or_else(|| published.as_ref().and_then(|p| CivilDate::parse(&p.value)));
    let (signing_date, considered_signing) = signing_date::extract(
        &rules.find(Field::SigningDate, text),
        rules,
        reference,
        &mention_parts,
        &mut warnings,
    );
    record(Field::SigningDate, considered_signing);
    let (period, considered_period) = period::extract(&rules.find(Field::Period, text), rules);
    record(Field::Period, considered_period);
    let (duration, considered_duration) =
        duration::extract(&rules.find(Field::Duration, text), rules);
    record(Field::Duration, considered_duration);
    record(Field::DateMention, considered);

    let caf_matches = rules.find(Field::Caf, text);
    let (caf, considered) = caf::extract(&caf_matches, rules, text);
    record(Field::Caf, considered);
    let sentences = scope::Sentences::new(text.as_str(), &rules.lexicon().abbreviation);
    let (scopes, considered) = scope::extract(&rules.find(Field::Party, text), &sentences);
    record(Field::Party, considered);
    let found = places::extract(&places::Inputs {
        text,
        rules,
        cafs: &caf,
        caf_matches: &caf_matches,
        territory_matches: &rules.find(Field::Territory, text),
        commune_matches: &rules.find(Field::Commune, text),
        scopes: &scopes,
    });
    record(Field::Territory, found.territory_trace);
    record(Field::Commune, found.commune_trace);
    warnings.extend(found.warnings);
    let (axis_scopes, considered) = scope::extract(&rules.find(Field::AxisScope, text), &sentences);
    record(Field::AxisScope, considered);
    let (axes, considered) = axes::extract(
        &rules.find(Field::Axis, text),
        &axis_scopes,
        &rules.lexicon().axes,
    );
    record(Field::Axis, considered);
    let (signatory_scopes, considered) =
        scope::extract(&rules.find(Field::SignatoryScope, text), &sentences);
    record(Field::SignatoryScope, considered);
    let (signatories, considered) = signatories::extract(&signatories::Inputs {
        text,
        rules,
        matches: &rules.find(Field::Signatory, text),
        scopes: &signatory_scopes,
        sentences: &sentences,
        cafs: &caf,
        territories: &found.territories,
        communes: &found.communes,
        place_names: &found.names,
    });
    record(Field::Signatory, considered);

    Fields {
        title,
        doc_type,
        doc_type_evidence,
        published,
        signing_date,
        period,
        duration,
        mentions,
        caf,
        territories: found.territories,
        communes: found.communes,
        axes,
        signatories,
        warnings,
        trace,
    }
}

impl Fields {
    /// A field's value as rule examples state it (`nothing` is `None`):
    /// `2022-12-15`, `--12-15`, `2023/2027`, `/2026`, `4 year`, `convention`,
    /// for date mentions the list in text order (`2021-07, 2020`), for CAF their
    /// departments (`49`), for territories and parties `kind code` or `kind name`
    /// (`epci 200041499; commune 17349`), for communes their codes (`49007, 49328`),
    /// for signatories `Name | role | organization` (`-` when missing), `; ` between.
    pub fn display(&self, field: Field) -> Option<String> {
        match field {
            Field::Title => self.title.as_ref().map(|t| t.value.clone()),
            // a press release is the absence of convention markers
            Field::DocType => (self.doc_type == DocType::Convention)
                .then(|| doc_type::name(self.doc_type).to_string()),
            Field::Published => self.published.as_ref().map(|p| p.value.clone()),
            Field::SigningDate => self.signing_date.as_ref().map(|s| s.value.clone()),
            Field::Period => self.period.as_ref().map(period::display),
            Field::Duration => self.duration.as_ref().map(duration::display),
            Field::DateMention => (!self.mentions.is_empty()).then(|| {
                self.mentions
                    .iter()
                    .map(|(p, _)| p.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
            Field::Caf => (!self.caf.is_empty()).then(|| {
                self.caf
                    .iter()
                    .filter_map(|c| c.department.as_deref())
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
            Field::Territory | Field::Party => places::display_territories(&self.territories),
            Field::Commune => places::display_communes(&self.communes),
            Field::Axis | Field::AxisScope => axes::display(&self.axes),
            Field::Signatory | Field::SignatoryScope => signatories::display(&self.signatories),
        }
    }
}
