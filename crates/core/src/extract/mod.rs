//! Normalized text + compiled rules -> the extracted fields of one document.
//!
//! One file per field; each takes the matches of its rules (already cut into
//! evidence by the rule engine) and returns its value and a trace of every match.
//! Adding a field: its descriptor (`rules::field`) and rule file, its file here
//! called from `run`, its type in `record::Extraction`.

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
    Axis, Caf, Commune, DateField, DocType, Duration, Evidence, Extraction, Period, Signatory,
    SigningDate, Territory, Title, Warning,
};
use crate::rules::trace::Considered;
use crate::rules::{Field, RuleSet};

/// Every match of every field, with what became of it (for `ctg explain`).
#[derive(Debug, Default)]
pub struct Trace {
    /// Per field, in `Field::ALL` order.
    pub fields: Vec<(Field, Vec<Considered>)>,
}

/// What one text gave: the record's extracted fields, the date mentions (the
/// context of year inference), and the trace.
#[derive(Debug)]
pub struct Fields {
    /// The values, as the record carries them.
    pub extraction: Extraction,
    /// Dates and years the text mentions.
    pub mentions: Vec<(DateParts, Evidence)>,
    /// Why each value was or was not produced.
    pub trace: Trace,
}

impl std::ops::Deref for Fields {
    type Target = Extraction;
    fn deref(&self) -> &Extraction {
        &self.extraction
    }
}

/// One extraction under way: the text, the rules, and what the extractors
/// said of every match.
struct Run<'t, 'r> {
    text: &'t Text,
    rules: &'r RuleSet,
    trace: Trace,
    warnings: Vec<Warning>,
}

impl<'r> Run<'_, 'r> {
    fn record(&mut self, field: Field, considered: Vec<Considered>) {
        self.trace.fields.push((field, considered));
    }

    /// Title, document type, publication, signing date, period, duration and
    /// the date mentions.
    fn dates(&mut self, published_hint: Option<CivilDate>) -> Dates {
        let (text, rules) = (self.text, self.rules);
        let (title, considered) = title::extract(&rules.find(Field::Title, text));
        self.record(Field::Title, considered);
        let (doc_type, doc_type_evidence, considered) =
            doc_type::extract(&rules.find(Field::DocType, text), rules);
        self.record(Field::DocType, considered);
        let (mentions, mentions_considered) =
            published::mentions(&rules.find(Field::DateMention, text), rules);
        let mention_parts: Vec<DateParts> = mentions.iter().map(|(p, _)| *p).collect();
        let (published, considered) =
            published::extract(&rules.find(Field::Published, text), rules, &mention_parts);
        self.record(Field::Published, considered);
        let reference =
            published_hint.or_else(|| published.as_ref().and_then(|p| CivilDate::parse(&p.value)));
        let (signing_date, considered) = signing_date::extract(
            &rules.find(Field::SigningDate, text),
            rules,
            reference,
            &mention_parts,
            &mut self.warnings,
        );
        self.record(Field::SigningDate, considered);
        let (period, considered) = period::extract(&rules.find(Field::Period, text), rules);
        self.record(Field::Period, considered);
        let (duration, considered) = duration::extract(&rules.find(Field::Duration, text), rules);
        self.record(Field::Duration, considered);
        self.record(Field::DateMention, mentions_considered);
        Dates {
            title,
            doc_type,
            doc_type_evidence,
            published,
            signing_date,
            period,
            duration,
            mentions,
        }
    }

    /// The CAF, territories and communes, the axes and the signatories.
    fn parties(&mut self) -> Parties {
        let (text, rules) = (self.text, self.rules);
        let caf_matches = rules.find(Field::Caf, text);
        let (caf, considered) = caf::extract(&caf_matches, rules, text);
        self.record(Field::Caf, considered);
        let sentences = scope::Sentences::new(text.as_str(), &rules.lexicon().abbreviation);
        let (scopes, considered) = scope::extract(&rules.find(Field::Party, text), &sentences);
        self.record(Field::Party, considered);
        let found = places::extract(&places::Inputs {
            text,
            rules,
            cafs: &caf,
            caf_matches: &caf_matches,
            territory_matches: &rules.find(Field::Territory, text),
            commune_matches: &rules.find(Field::Commune, text),
            scopes: &scopes,
        });
        self.record(Field::Territory, found.territory_trace);
        self.record(Field::Commune, found.commune_trace);
        self.warnings.extend(found.warnings);
        let (axis_scopes, considered) =
            scope::extract(&rules.find(Field::AxisScope, text), &sentences);
        self.record(Field::AxisScope, considered);
        let (axes, considered) = axes::extract(
            &rules.find(Field::Axis, text),
            &axis_scopes,
            &rules.lexicon().axes,
        );
        self.record(Field::Axis, considered);
        let (signatory_scopes, considered) =
            scope::extract(&rules.find(Field::SignatoryScope, text), &sentences);
        self.record(Field::SignatoryScope, considered);
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
        self.record(Field::Signatory, considered);
        Parties {
            caf,
            territories: found.territories,
            communes: found.communes,
            axes,
            signatories,
        }
    }
}

/// The date fields of a text.
struct Dates {
    title: Option<Title>,
    doc_type: DocType,
    doc_type_evidence: Vec<Evidence>,
    published: Option<DateField>,
    signing_date: Option<SigningDate>,
    period: Option<Period>,
    duration: Option<Duration>,
    mentions: Vec<(DateParts, Evidence)>,
}

/// The parties and what they agree on.
struct Parties {
    caf: Vec<Caf>,
    territories: Vec<Territory>,
    communes: Vec<Commune>,
    axes: Vec<Axis>,
    signatories: Vec<Signatory>,
}

/// Runs every field's rules on `text`. `published_hint` replaces the publication
/// date found in the text (rule examples use it to state their reference date).
pub fn run(text: &Text, rules: &RuleSet, published_hint: Option<CivilDate>) -> Fields {
    let mut run = Run {
        text,
        rules,
        trace: Trace::default(),
        warnings: Vec::new(),
    };
    let dates = run.dates(published_hint);
    let parties = run.parties();
    let extraction = Extraction {
        doc_type: dates.doc_type,
        doc_type_evidence: dates.doc_type_evidence,
        title: dates.title,
        published: dates.published,
        signing_date: dates.signing_date,
        period: dates.period,
        duration: dates.duration,
        caf: parties.caf,
        territories: parties.territories,
        signatories: parties.signatories,
        communes: parties.communes,
        axes: parties.axes,
        warnings: run.warnings,
    };
    Fields {
        extraction,
        mentions: dates.mentions,
        trace: run.trace,
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
