//! Normalized text + compiled rules -> the extracted fields of one document.
//!
//! One file per field; each takes the matches of its rules (already cut into
//! evidence by the rule engine) and returns its value and a trace of every match.
//! Adding a field: its descriptor (`rules::field`) and rule file, its file here
//! called from `run`, its type in `record::Extraction`.

pub mod about;
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
pub mod signings;
mod spans;
pub mod status;
pub mod title;
pub mod value;

use crate::calendar::CivilDate;
use crate::calendar::DateParts;
use crate::normalize::Text;
use crate::record::Signing;
use crate::record::{
    AboutCtg, Axis, Caf, Commune, DateField, DocType, Duration, Evidence, Extraction, Period,
    Precision, ReportedStatus, Signatory, SigningDate, StatusValue, Territory, Title, Warning,
    YearSource,
};
use crate::resolve::choose::keep_all;
use crate::resolve::year::YearContext;
use crate::rules::trace::{Considered, Status};
use crate::rules::{Field, RuleSet, Scan};

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
    /// The values as the extractors found them, before the document-level
    /// decisions (not about a CTG, a decision date outside a deliberation):
    /// what rule examples and `ctg explain` show of each field.
    pub found: Extraction,
    /// Dates and years the text mentions.
    pub mentions: Vec<(DateParts, Evidence)>,
    /// The marks of the `about` rules that count.
    pub about_marks: about::Marks,
    /// The marks of the `roundup` rules: the document reports several signings.
    pub roundup: Vec<Evidence>,
    /// Why each value was or was not produced.
    pub trace: Trace,
    /// What dated the text's dates without a year: the round-up's passages
    /// are read with the same.
    reference: Reference,
}

/// What dates a text's dates without a year: the publication date, or the
/// last day a periodical's issue can have come out.
#[derive(Debug, Clone, Copy, Default)]
struct Reference {
    published: Option<CivilDate>,
    issued_by: Option<CivilDate>,
    /// The publication's month and day, when it is written without its year.
    published_day: Option<(u32, u32)>,
}

impl std::ops::Deref for Fields {
    type Target = Extraction;
    fn deref(&self) -> &Extraction {
        &self.found
    }
}

/// One extraction under way: the text, the rules, and what the extractors
/// said of every match.
struct Run<'s, 't, 'r> {
    text: &'t Text,
    rules: &'r RuleSet,
    /// The text read once for every rule's finders.
    scan: &'s Scan<'r, 't>,
    trace: Trace,
    /// Whether the trace keeps every match (for `explain` and `check`), or
    /// only what the extraction itself reads again.
    traced: bool,
    warnings: Vec<Warning>,
    about_marks: about::Marks,
    /// Where the convention stands, once known: rules with `only_when_status`
    /// count only in documents of those statuses.
    status: Option<StatusValue>,
    /// Set when the text is one passage of a round-up that tells one signing:
    /// its places and people all belong to that signing, and without a CAF of
    /// its own it has the document's.
    passage_of: Option<&'t [Caf]>,
}

impl<'t, 'r> Run<'_, 't, 'r> {
    fn record(&mut self, field: Field, mut considered: Vec<Considered>) {
        if !self.traced {
            // only what `Fields::several_signing_dates` reads: a huge text
            // has millions of matches, each with its evidence text
            if field != Field::SigningDate {
                return;
            }
            considered.retain(|c| matches!(c.status, Status::Chosen | Status::Outranked));
        }
        self.trace.fields.push((field, considered));
    }

    /// The matches of `field`'s rules that count in this document: a rule with
    /// `only_when_status` counts where the status is one of those; a veto also
    /// where the status is unknown. A document that says neither that a
    /// signing took place nor that one is coming makes no one a signatory for
    /// being "en présence de" at its meeting, and loses no value to a veto.
    /// In a passage of a round-up, a rule `not_in_passages` does not count.
    fn find(&self, field: Field) -> Vec<crate::rules::Match<'r, 't>> {
        let mut found = self.scan.find(field);
        found.retain(|m| {
            if self.passage_of.is_some() && m.rule.not_in_passages {
                return false;
            }
            let only = &m.rule.only_when_status;
            let veto = m.rule.kind == crate::rules::RuleKind::Veto;
            only.is_empty()
                || match self.status {
                    Some(s) => only.contains(&s),
                    None => veto,
                }
        });
        found
    }

    /// Title, document type, publication, signing date, period, duration and
    /// the date mentions.
    fn dates(&mut self, hint: Reference) -> Dates {
        let rules = self.rules;
        let (title, considered) = title::extract(&self.scan.find(Field::Title));
        self.record(Field::Title, considered);
        let (doc_type, doc_type_evidence, considered) =
            doc_type::extract(&self.scan.find(Field::DocType), rules);
        self.record(Field::DocType, considered);
        let (mentions, mentions_considered) =
            published::mentions(&self.scan.find(Field::DateMention), rules);
        let mention_parts: Vec<DateParts> = mentions.iter().map(|(p, _)| *p).collect();
        let (published, issued_by, considered) =
            published::extract(&self.scan.find(Field::Published), rules, &mention_parts);
        self.record(Field::Published, considered);
        let reference = Reference {
            published: hint
                .published
                .or_else(|| published.as_ref().and_then(|p| CivilDate::parse(&p.value))),
            issued_by: hint.issued_by.or(issued_by),
            published_day: hint.published_day.or_else(|| {
                published
                    .as_ref()
                    .filter(|p| p.precision == Precision::MonthDay)
                    .and_then(|p| month_day(&p.value))
            }),
        };
        let (period, considered) = period::extract(&self.scan.find(Field::Period), rules);
        self.record(Field::Period, considered);
        let years = YearContext {
            published: reference.published,
            issued_by: reference.issued_by,
            published_day: reference.published_day,
            mentions: &mention_parts,
            period: period.as_ref().map_or((None, None), period::years),
            settings: &rules.settings().year_inference,
        };
        let (decision_date, considered) = signing_date::dated(
            &self.scan.find(Field::DecisionDate),
            rules,
            years,
            &mut self.warnings,
        );
        self.record(Field::DecisionDate, considered);
        let (signing_date, considered) = signing_date::extract(
            &self.scan.find(Field::SigningDate),
            rules,
            years,
            &mut self.warnings,
        );
        self.record(Field::SigningDate, considered);
        let period = match period {
            Some(p) if self.ends_before_signing(&p, signing_date.as_ref()) => {
                // another convention's: the best of the periods that do not
                // end before the signing, if one is stated
                let signed = signing_date.as_ref().and_then(signed_year);
                signed.and_then(|year| {
                    period::extract_not_ending_before(&self.scan.find(Field::Period), rules, year)
                })
            }
            other => other,
        };
        let (duration, considered) = duration::extract(&self.scan.find(Field::Duration), rules);
        self.record(Field::Duration, considered);
        self.record(Field::DateMention, mentions_considered);
        Dates {
            title,
            doc_type,
            doc_type_evidence,
            published,
            decision_date,
            signing_date,
            period,
            duration,
            mentions,
            reference,
        }
    }

    /// Whether `period` ends before the year the convention was signed, as
    /// written next to the signing date or given by the publication: then it
    /// is another convention's, and a warning says it was left out. A year the
    /// period itself decided cannot disagree with it.
    fn ends_before_signing(&mut self, period: &Period, signing: Option<&SigningDate>) -> bool {
        let signed = signing.and_then(signed_year);
        let ends_before =
            matches!((period::years(period).1, signed), (Some(end), Some(year)) if end < year);
        if ends_before {
            let side = |v: &Option<String>| v.clone().unwrap_or_default();
            self.warnings.push(Warning::PeriodEndsBeforeSigning {
                value: format!("{}/{}", side(&period.start), side(&period.end)),
                evidence: period.evidence.clone(),
            });
        }
        ends_before
    }

    /// Whether the text is about a specific CTG, given the parties found.
    fn about(&mut self, parties: &Parties) -> AboutCtg {
        let (marks, considered) = about::marks(&self.scan.find(Field::About));
        self.record(Field::About, considered);
        self.about_marks = marks;
        about::decide(&self.about_marks, &parties.caf, &parties.territories)
    }

    /// Where the convention stands.
    fn status(&mut self, dates: &Dates) -> Option<ReportedStatus> {
        let ctx = status::Context {
            doc_type: dates.doc_type,
            doc_type_evidence: &dates.doc_type_evidence,
            signing_date: dates.signing_date.as_ref(),
            deliberation_signed: &self.rules.settings().status.deliberation_signed,
        };
        let (status, considered) = status::extract(&self.scan.find(Field::Status), &ctx);
        self.record(Field::Status, considered);
        status
    }

    /// The CAF, territories and communes, the axes and the signatories.
    fn parties(&mut self, signing: Option<&Evidence>, doc_type: DocType) -> Parties {
        let (text, rules) = (self.text, self.rules);
        let sentences = scope::Sentences::new(text.as_str(), &rules.lexicon().abbreviation);
        let (mut scopes, considered) = scope::extract(
            &self.find(Field::Party),
            &sentences,
            text.as_str(),
            matches!(doc_type, DocType::Convention | DocType::Amendment),
        );
        self.record(Field::Party, considered);
        let caf_matches = self.find(Field::Caf);
        let (named, considered) = caf::extract(&caf_matches, rules, text, |r| scopes.barred(r));
        self.record(Field::Caf, considered);
        let (mut caf, set_aside) = (named.parties, named.set_aside);
        if let Some(document_cafs) = self.passage_of.filter(|_| caf.is_empty()) {
            caf = document_cafs.to_vec();
        }
        // the sentence that gives the signing date tells the signing: the
        // people it names received, welcomed or stood beside each other there
        // ("Jeudi 20 janvier, X, président de la CDC, a reçu Y et Z")
        let dated = signing.map(|date| {
            let start = text.byte_offset(date.start);
            let around = sentences.around(start..start + date.text.len());
            sentences.with_list(text.as_str(), around)
        });
        if let Some(around) = dated.clone() {
            scopes.add(around);
        }
        if self.passage_of.is_some() {
            scopes = scope::Scopes::whole_but(text.as_str().len(), &scopes);
        }
        let territory_matches = self.find(Field::Territory);
        let commune_matches = self.find(Field::Commune);
        let places_with = |cafs: &[Caf]| {
            places::extract(&places::Inputs {
                text,
                rules,
                cafs,
                caf_matches: &caf_matches,
                territory_matches: &territory_matches,
                commune_matches: &commune_matches,
                scopes: &scopes,
            })
        };
        let mut found = places_with(&[caf.as_slice(), &set_aside].concat());
        // "la CAF" with no department: the CAF of the parties' department; the
        // places are read again with it (homonyms, "le Département")
        let caf_mentions = self.find(Field::CafMention);
        if caf.is_empty() {
            let inferred =
                caf::from_parties(&caf_mentions, &found.territories, text).or_else(|| {
                    // no party to say it: the page's heading, when no party at all
                    // was found (a party elsewhere would have decided)
                    found
                        .territories
                        .iter()
                        .all(|t| t.code.is_none())
                        .then(|| caf::from_heading(&caf_mentions, text))
                        .flatten()
                });
            if let Some(inferred) = inferred {
                caf = vec![inferred];
                found = places_with(&caf);
            }
        }
        let (_, considered) = keep_all(&caf_mentions, |_| Ok("caf"));
        self.record(Field::CafMention, considered);
        self.record(Field::Territory, found.territory_trace);
        self.record(Field::Commune, found.commune_trace);
        self.warnings.extend(found.warnings);
        let (axis_scopes, considered) = scope::extract(
            &self.find(Field::AxisScope),
            &sentences,
            text.as_str(),
            true,
        );
        self.record(Field::AxisScope, considered);
        let (axes, considered) =
            axes::extract(&self.find(Field::Axis), &axis_scopes, &rules.lexicon().axes);
        self.record(Field::Axis, considered);
        let (mut signatory_scopes, considered) = scope::extract(
            &self.find(Field::SignatoryScope),
            &sentences,
            text.as_str(),
            true,
        );
        if let Some(around) = dated.clone() {
            signatory_scopes.add(around);
        }
        self.record(Field::SignatoryScope, considered);
        if self.passage_of.is_some() {
            signatory_scopes = scope::Scopes::whole_but(text.as_str().len(), &signatory_scopes);
        }
        let mandates = self.find(Field::Mandate);
        let (_, considered) = keep_all(&mandates, |m| {
            Ok(m.get("role").unwrap_or_default().to_string())
        });
        self.record(Field::Mandate, considered);
        let (signatories, considered) = signatories::extract(&signatories::Inputs {
            text,
            rules,
            matches: &self.find(Field::Signatory),
            mandates: &mandates,
            scopes: &signatory_scopes,
            sentences: &sentences,
            cafs: &caf,
            territories: &found.territories,
            communes: &found.communes,
            place_names: &found.names,
            deliberation: doc_type == DocType::Deliberation,
            reports_signing: self.status == Some(StatusValue::Signed),
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

/// The year a convention was signed, when the signing date's own words or the
/// page's publication give it (not the period, which cannot disagree).
fn signed_year(date: &SigningDate) -> Option<i32> {
    matches!(
        date.year_source,
        YearSource::Explicit | YearSource::Publication | YearSource::RelativeToPublication
    )
    .then(|| date.value.get(..4)?.parse::<i32>().ok())
    .flatten()
}

/// The date fields of a text.
struct Dates {
    title: Option<Title>,
    doc_type: DocType,
    doc_type_evidence: Vec<Evidence>,
    published: Option<DateField>,
    decision_date: Option<SigningDate>,
    signing_date: Option<SigningDate>,
    period: Option<Period>,
    duration: Option<Duration>,
    mentions: Vec<(DateParts, Evidence)>,
    reference: Reference,
}

/// The parties and what they agree on.
struct Parties {
    caf: Vec<Caf>,
    territories: Vec<Territory>,
    communes: Vec<Commune>,
    axes: Vec<Axis>,
    signatories: Vec<Signatory>,
}

/// The items in order, each key once (the first item of a key stays).
fn union<'a, T: Clone + 'a>(
    items: impl Iterator<Item = &'a T>,
    key: impl Fn(&T) -> Option<String>,
) -> Vec<T> {
    let mut seen = std::collections::BTreeSet::new();
    items.filter(|i| seen.insert(key(i))).cloned().collect()
}

/// The month and day of a `--MM-DD` value.
fn month_day(value: &str) -> Option<(u32, u32)> {
    let rest = value.strip_prefix("--")?;
    let (month, day) = rest.split_once('-')?;
    Some((month.parse().ok()?, day.parse().ok()?))
}

/// Runs every field's rules on `text`. `published_hint` replaces the publication
/// date found in the text (rule examples use it to state their reference date).
///
/// A document that is not about a specific CTG keeps its kind, title and
/// publication date, and nothing else; a signing date is kept only when the
/// document reports a signing; a decision date only for a deliberation.
pub fn run(text: &Text, rules: &RuleSet, published_hint: Option<CivilDate>) -> Fields {
    run_with(text, rules, published_hint, true)
}

/// As [`run`], with a trace that keeps only what the extraction reads again
/// (some of the signing dates' matches), not every match: the same record for
/// much less memory on a huge text. For runs whose trace nobody shows.
pub fn run_untraced(text: &Text, rules: &RuleSet, published_hint: Option<CivilDate>) -> Fields {
    run_with(text, rules, published_hint, false)
}

fn run_with(
    text: &Text,
    rules: &RuleSet,
    published_hint: Option<CivilDate>,
    traced: bool,
) -> Fields {
    // a text of one passage is read again whole as that passage: its
    // rules' matches are kept from the first reading
    let one_passage = signings::is_one_passage(text.as_str());
    let scan = if one_passage {
        rules.scan_keeping(text)
    } else {
        rules.scan(text)
    };
    let hint = Reference {
        published: published_hint,
        issued_by: None,
        published_day: None,
    };
    let fields = run_on(text, &scan, hint, None, traced);
    if !fields.extraction.about_ctg.value {
        return fields;
    }
    // a round-up reports signings; a deliberation that approves several
    // conventions, or a text about signings to come, reports none
    let status = fields.extraction.status.as_ref().map(|s| s.value);
    if status.is_some_and(|s| s != StatusValue::Signed) {
        return fields;
    }
    let marked = !fields.roundup.is_empty();
    if !marked && !fields.several_signing_dates() {
        return fields;
    }
    let reference = fields.reference;
    let cafs = fields.extraction.caf.clone();
    let passage = |range: std::ops::Range<usize>| {
        if one_passage && range == (0..text.as_str().len()) {
            // the window would be the same text: the same matches
            return run_on(text, &scan, reference, Some(&cafs), traced);
        }
        let window = text.window(range);
        run_on(
            &window,
            &rules.scan(&window),
            reference,
            Some(&cafs),
            traced,
        )
    };
    let told = &rules.settings().roundup.told_publication;
    match signings::split(text, &fields.found, marked, told, passage) {
        Some(signings) => fields.with_signings(signings),
        None => fields,
    }
}

/// One extraction of `text`, read by `scan`; `passage_of` when it is a
/// passage of a round-up (with the document's CAF).
fn run_on(
    text: &Text,
    scan: &Scan<'_, '_>,
    hint: Reference,
    passage_of: Option<&[Caf]>,
    traced: bool,
) -> Fields {
    let rules = scan.rules();
    let mut run = Run {
        text,
        rules,
        scan,
        trace: Trace::default(),
        traced,
        warnings: Vec::new(),
        about_marks: about::Marks::default(),
        status: None,
        passage_of,
    };
    let mut dates = run.dates(hint);
    let status = run.status(&dates);
    run.status = status.as_ref().map(|s| s.value);
    let parties = run.parties(
        dates.signing_date.as_ref().map(|d| &d.evidence),
        dates.doc_type,
    );
    let about_ctg = run.about(&parties);
    let (roundup, considered) = keep_all(&run.scan.find(Field::Roundup), |_| Ok("roundup"));
    run.record(Field::Roundup, considered);
    let mut warnings = run.warnings;
    if about_ctg.value {
        match &status {
            None => warnings.push(Warning::StatusUnknown),
            Some(s) if s.value != StatusValue::Signed => {
                if let Some(date) = dates.signing_date.take() {
                    warnings.push(Warning::SigningDateWithoutSigning {
                        value: date.value,
                        evidence: date.evidence,
                    });
                }
            }
            Some(_) => {}
        }
    }
    // a presentation of the scheme that no kind rule placed is a generic
    // page of its author, no news: its title says so
    if about_ctg.reason == Some(crate::record::NotAboutCtg::GeneralPresentation)
        && dates.doc_type_evidence.is_empty()
    {
        dates.doc_type = DocType::Other;
        dates.doc_type_evidence = about_ctg.evidence.clone();
    }
    let found = Extraction {
        doc_type: dates.doc_type,
        doc_type_evidence: dates.doc_type_evidence,
        about_ctg,
        status,
        title: dates.title,
        published: dates.published,
        decision_date: dates.decision_date,
        signing_date: dates.signing_date,
        period: dates.period,
        duration: dates.duration,
        caf: parties.caf,
        territories: parties.territories,
        signatories: parties.signatories,
        communes: parties.communes,
        axes: parties.axes,
        signings: Vec::new(),
        warnings,
    };
    let mut extraction = found.clone();
    if extraction.doc_type != DocType::Deliberation {
        extraction.decision_date = None;
    }
    if let Some(reason) = extraction.about_ctg.reason {
        extraction.clear(reason);
    }
    Fields {
        extraction,
        found,
        mentions: dates.mentions,
        about_marks: run.about_marks,
        roundup: roundup.into_iter().map(|(_, e)| e).collect(),
        trace: run.trace,
        reference: dates.reference,
    }
}

impl Fields {
    /// Whether the signing rules read at least two different dates: a hint
    /// that the document may tell several signings.
    fn several_signing_dates(&self) -> bool {
        let mut values: Vec<&str> = self
            .trace
            .fields
            .iter()
            .filter(|(f, _)| *f == Field::SigningDate)
            .flat_map(|(_, considered)| considered)
            .filter(|c| matches!(c.status, Status::Chosen | Status::Outranked))
            .filter_map(|c| c.value.as_deref())
            .collect();
        values.sort_unstable();
        values.dedup();
        values.len() >= 2
    }

    /// The record's fields for a round-up: its signings, the union of their
    /// parties, people and communes, no signing date, and the period and
    /// duration only when every signing has the same.
    fn with_signings(mut self, signings: Vec<Signing>) -> Fields {
        let e = &mut self.extraction;
        e.signing_date = None;
        // signings a round-up reports took place
        if e.status.is_none() {
            e.status = Some(ReportedStatus {
                value: StatusValue::Signed,
                evidence: self.roundup.clone(),
            });
            e.warnings.retain(|w| *w != Warning::StatusUnknown);
        }
        let same = |get: &dyn Fn(&Signing) -> String| {
            let first = get(&signings[0]);
            signings.iter().all(|s| get(s) == first)
        };
        if !same(&|s| format!("{:?}", s.period.as_ref().map(period::display))) {
            e.period = None;
        } else {
            e.period = signings[0].period.clone();
        }
        if !same(&|s| format!("{:?}", s.duration.as_ref().map(duration::display))) {
            e.duration = None;
        } else {
            e.duration = signings[0].duration.clone();
        }
        e.caf = union(signings.iter().flat_map(|s| &s.caf), |c| {
            c.department.clone()
        });
        e.territories = union(signings.iter().flat_map(|s| &s.territories), |t| {
            Some(format!(
                "{:?} {}",
                t.kind,
                t.code.clone().unwrap_or_else(|| t.name.clone())
            ))
        });
        e.signatories = union(signings.iter().flat_map(|s| &s.signatories), |s| {
            Some(s.name.clone())
        });
        e.communes = union(signings.iter().flat_map(|s| &s.communes), |c| {
            Some(c.insee.clone())
        });
        e.signings = signings;
        self
    }

    /// A field's value as rule examples state it (`nothing` is `None`):
    /// `2022-12-15`, `--12-15`, `2023/2027`, `/2026`, `4 year`, `convention`,
    /// for date mentions the list in text order (`2021-07, 2020`), for CAF their
    /// departments (`49`), for territories and parties `kind code` or `kind name`
    /// (`epci 200041499; commune 17349`), for communes their codes (`49007, 49328`),
    /// for signatories `Name | role | organization` (`-` when missing), `; ` between.
    pub fn display(&self, field: Field) -> Option<String> {
        match field {
            Field::Title => self.title.as_ref().map(|t| t.value.clone()),
            // a press release is the absence of markers
            Field::DocType => {
                (self.doc_type != DocType::PressRelease).then(|| self.doc_type.name().to_string())
            }
            Field::About => self.about_marks.display(),
            Field::Roundup => (!self.roundup.is_empty()).then(|| "roundup".to_string()),
            Field::Status => self.status.as_ref().map(|s| s.value.name().to_string()),
            Field::Published => self.published.as_ref().map(|p| p.value.clone()),
            Field::DecisionDate => self.decision_date.as_ref().map(|d| d.value.clone()),
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
            Field::Caf | Field::CafMention => (!self.caf.is_empty()).then(|| {
                self.caf
                    .iter()
                    .filter_map(|c| c.department.as_deref())
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
            Field::Territory | Field::Party => places::display_territories(&self.territories),
            Field::Commune => places::display_communes(&self.communes),
            Field::Axis | Field::AxisScope => axes::display(&self.axes),
            Field::Signatory | Field::SignatoryScope | Field::Mandate => {
                signatories::display(&self.signatories)
            }
        }
    }
}
