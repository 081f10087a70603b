//! The document-level tables: what each record says, every value with the id
//! of its `evidence` row.
//!
//! Evidence rows are numbered 1, 2, ... in record id order, and within a
//! record in the order of its fields (doc_type markers, title, dates, period,
//! duration, parties, signatories, commune mentions, axis passages), so the
//! same records always give the same ids. Parties are numbered the same way.
//! A signatory's party (`party` in the record: a CAF by department, a
//! territory by kind, code and name) becomes the id of that party's row.
//!
//! A record that reports several signings (a round-up) has one `signings`
//! row per signing, each with its own convention, dates and evidence, and
//! its parties in `signing_parties`; the record's own row (whose fields hold
//! the union) then has no convention.

use super::{name, row, Table, Value};
use crate::dataset::Convention;
use ctg_core::record::{DocId, Evidence, PartyRef, Record, SigningDate};
use std::collections::HashMap;

const DOCUMENTS: &[&str] = &[
    "id",
    "convention_id",
    "about_ctg",
    "not_about_ctg_reason",
    "status",
    "path",
    "format",
    "encoding",
    "sha256",
    "bytes",
    "pages",
    "text_engine",
    "doc_type",
    "title",
    "title_evidence",
    "published",
    "published_precision",
    "published_evidence",
    "decision_date",
    "decision_precision",
    "decision_year_source",
    "decision_evidence",
    "signing_date",
    "signing_precision",
    "signing_year_source",
    "signing_evidence",
    "period_start",
    "period_end",
    "period_evidence",
    "duration_value",
    "duration_unit",
    "duration_evidence",
];
const SIGNINGS: &[&str] = &[
    "document_id",
    "position",
    "convention_id",
    "signing_date",
    "signing_precision",
    "signing_year_source",
    "signing_evidence",
    "period_start",
    "period_end",
    "period_evidence",
    "duration_value",
    "duration_unit",
    "duration_evidence",
];
const SIGNING_PARTIES: &[&str] = &[
    "document_id",
    "signing",
    "position",
    "kind",
    "code",
    "name",
    "evidence_id",
];
const EVIDENCE: &[&str] = &[
    "id",
    "document_id",
    "field",
    "rule",
    "start_offset",
    "end_offset",
    "text",
    "page",
];
const PARTIES: &[&str] = &[
    "id",
    "document_id",
    "position",
    "kind",
    "code",
    "name",
    "evidence_id",
];
const SIGNATORIES: &[&str] = &[
    "document_id",
    "position",
    "name",
    "role",
    "role_code",
    "organization",
    "party_id",
    "evidence_id",
    "role_evidence",
    "organization_evidence",
];
const COMMUNES: &[&str] = &[
    "document_id",
    "position",
    "insee",
    "name",
    "department",
    "current_commune",
];
const COMMUNE_MENTIONS: &[&str] = &["document_id", "position", "evidence_id"];
const AXES: &[&str] = &["document_id", "axis"];
const AXIS_EVIDENCE: &[&str] = &["document_id", "axis", "evidence_id"];

/// What a piece of evidence supports: `evidence.field`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    DocType,
    AboutCtg,
    Status,
    Title,
    Published,
    DecisionDate,
    SigningDate,
    Period,
    Duration,
    Party,
    Signatory,
    SignatoryRole,
    SignatoryOrganization,
    Commune,
    Axis,
}

impl Field {
    fn as_str(self) -> &'static str {
        match self {
            Field::DocType => "doc_type",
            Field::AboutCtg => "about_ctg",
            Field::Status => "status",
            Field::Title => "title",
            Field::Published => "published",
            Field::DecisionDate => "decision_date",
            Field::SigningDate => "signing_date",
            Field::Period => "period",
            Field::Duration => "duration",
            Field::Party => "party",
            Field::Signatory => "signatory",
            Field::SignatoryRole => "signatory_role",
            Field::SignatoryOrganization => "signatory_organization",
            Field::Commune => "commune",
            Field::Axis => "axis",
        }
    }
}

/// The tables being filled, with the next evidence and party ids.
struct Builder<'c> {
    /// The convention of each account (record id, signing position).
    convention_of: HashMap<(&'c DocId, Option<usize>), &'c str>,
    documents: Table,
    signings: Table,
    signing_parties: Table,
    evidence: Table,
    parties: Table,
    signatories: Table,
    communes: Table,
    commune_mentions: Table,
    axes: Table,
    axis_evidence: Table,
}

impl Builder<'_> {
    /// Adds an evidence row of `document` and returns its id.
    fn evidence(&mut self, document: &DocId, field: Field, e: &Evidence) -> usize {
        let id = self.evidence.rows.len() + 1;
        self.evidence.rows.push(row![
            id,
            &document.0,
            field.as_str(),
            &e.rule.0,
            e.start,
            e.end,
            &e.text,
            e.page,
        ]);
        id
    }

    /// Adds the party rows of a record (its CAFs, then its territories) and
    /// returns their ids, in the same order.
    fn parties(&mut self, r: &Record) -> Vec<usize> {
        let cafs = r.caf.iter().map(|c| {
            let code = c.department.clone();
            (Value::from("caf"), code, &c.name, &c.evidence)
        });
        let territories = r
            .territories
            .iter()
            .map(|t| (name(&t.kind), t.code.clone(), &t.name, &t.evidence));
        let all: Vec<_> = cafs.chain(territories).collect();
        let mut ids = Vec::with_capacity(all.len());
        for (position, (kind, code, written, e)) in all.into_iter().enumerate() {
            let evidence = self.evidence(&r.id, Field::Party, e);
            let id = self.parties.rows.len() + 1;
            self.parties.rows.push(row![
                id,
                &r.id.0,
                position + 1,
                kind,
                code,
                written,
                evidence
            ]);
            ids.push(id);
        }
        ids
    }

    fn record(&mut self, r: &Record) {
        let doc = &r.id;
        for e in &r.doc_type_evidence {
            self.evidence(doc, Field::DocType, e);
        }
        for e in &r.about_ctg.evidence {
            self.evidence(doc, Field::AboutCtg, e);
        }
        for e in r.status.iter().flat_map(|s| &s.evidence) {
            self.evidence(doc, Field::Status, e);
        }
        let title = r
            .title
            .as_ref()
            .map(|t| self.evidence(doc, Field::Title, &t.evidence));
        let published = r
            .published
            .as_ref()
            .map(|p| self.evidence(doc, Field::Published, &p.evidence));
        let decision = r
            .decision_date
            .as_ref()
            .map(|s| self.evidence(doc, Field::DecisionDate, &s.evidence));
        let signing = r
            .signing_date
            .as_ref()
            .map(|s| self.evidence(doc, Field::SigningDate, &s.evidence));
        let period = r
            .period
            .as_ref()
            .map(|p| self.evidence(doc, Field::Period, &p.evidence));
        let duration = r
            .duration
            .as_ref()
            .map(|d| self.evidence(doc, Field::Duration, &d.evidence));
        let s = &r.source;
        let convention = self.convention_of.get(&(doc, None)).copied();
        let (decision_value, decision_precision, decision_source) = date(r.decision_date.as_ref());
        let (signing_value, signing_precision, signing_source) = date(r.signing_date.as_ref());
        self.documents.rows.push(row![
            &doc.0,
            convention,
            i64::from(r.about_ctg.value),
            r.about_ctg.reason.as_ref().map(name),
            r.status.as_ref().map(|s| name(&s.value)),
            &s.path,
            name(&s.format),
            s.encoding.as_ref(),
            &s.sha256,
            s.bytes,
            s.pages,
            s.text_engine.as_ref(),
            name(&r.doc_type),
            r.title.as_ref().map(|t| &t.value),
            title,
            r.published.as_ref().map(|p| &p.value),
            r.published.as_ref().map(|p| name(&p.precision)),
            published,
            decision_value,
            decision_precision,
            decision_source,
            decision,
            signing_value,
            signing_precision,
            signing_source,
            signing,
            r.period.as_ref().and_then(|p| p.start.as_ref()),
            r.period.as_ref().and_then(|p| p.end.as_ref()),
            period,
            r.duration.as_ref().map(|d| d.value),
            r.duration.as_ref().map(|d| name(&d.unit)),
            duration,
        ]);
        let parties = self.parties(r);
        self.signatories(r, &parties);
        self.communes(r);
        self.axes(r);
        self.signings(r);
    }

    /// The rows of each signing of a round-up and of its parties.
    fn signings(&mut self, r: &Record) {
        let doc = &r.id;
        for (i, s) in r.signings.iter().enumerate() {
            let position = i + 1;
            let signing = s
                .signing_date
                .as_ref()
                .map(|d| self.evidence(doc, Field::SigningDate, &d.evidence));
            let period = s
                .period
                .as_ref()
                .map(|p| self.evidence(doc, Field::Period, &p.evidence));
            let duration = s
                .duration
                .as_ref()
                .map(|d| self.evidence(doc, Field::Duration, &d.evidence));
            let convention = self.convention_of.get(&(doc, Some(position))).copied();
            let date = s.signing_date.as_ref();
            self.signings.rows.push(row![
                &doc.0,
                position,
                convention,
                date.map(|d| &d.value),
                date.map(|d| name(&d.precision)),
                date.map(|d| name(&d.year_source)),
                signing,
                s.period.as_ref().and_then(|p| p.start.as_ref()),
                s.period.as_ref().and_then(|p| p.end.as_ref()),
                period,
                s.duration.as_ref().map(|d| d.value),
                s.duration.as_ref().map(|d| name(&d.unit)),
                duration,
            ]);
            let cafs = s.caf.iter().map(|c| {
                let code = c.department.clone();
                (Value::from("caf"), code, &c.name, &c.evidence)
            });
            let territories = s
                .territories
                .iter()
                .map(|t| (name(&t.kind), t.code.clone(), &t.name, &t.evidence));
            let all: Vec<_> = cafs.chain(territories).collect();
            for (n, (kind, code, written, e)) in all.into_iter().enumerate() {
                let evidence = self.evidence(doc, Field::Party, e);
                self.signing_parties.rows.push(row![
                    &doc.0,
                    position,
                    n + 1,
                    kind,
                    code,
                    written,
                    evidence
                ]);
            }
        }
    }

    fn signatories(&mut self, r: &Record, parties: &[usize]) {
        for (position, s) in r.signatories.iter().enumerate() {
            let evidence = self.evidence(&r.id, Field::Signatory, &s.evidence);
            let role = s
                .role_evidence
                .as_ref()
                .map(|e| self.evidence(&r.id, Field::SignatoryRole, e));
            let organization = s
                .organization_evidence
                .as_ref()
                .map(|e| self.evidence(&r.id, Field::SignatoryOrganization, e));
            let party = s
                .party
                .as_ref()
                .and_then(|p| party_index(r, p))
                .map(|i| parties[i]);
            self.signatories.rows.push(row![
                &r.id.0,
                position + 1,
                &s.name,
                s.role.as_ref(),
                s.role_code.as_ref().map(name),
                s.organization.as_ref(),
                party,
                evidence,
                role,
                organization,
            ]);
        }
    }

    fn communes(&mut self, r: &Record) {
        for (position, c) in r.communes.iter().enumerate() {
            self.communes.rows.push(row![
                &r.id.0,
                position + 1,
                &c.insee,
                &c.name,
                &c.department,
                c.current_commune.as_ref(),
            ]);
            for mention in &c.mentions {
                let evidence = self.evidence(&r.id, Field::Commune, mention);
                self.commune_mentions
                    .rows
                    .push(row![&r.id.0, position + 1, evidence]);
            }
        }
    }

    fn axes(&mut self, r: &Record) {
        for a in &r.axes {
            self.axes.rows.push(row![&r.id.0, &a.code]);
            for passage in &a.evidence {
                let evidence = self.evidence(&r.id, Field::Axis, passage);
                self.axis_evidence
                    .rows
                    .push(row![&r.id.0, &a.code, evidence]);
            }
        }
    }
}

/// A date's value, precision and year source, as the tables spell them.
fn date(d: Option<&SigningDate>) -> (Option<&String>, Option<Value>, Option<Value>) {
    (
        d.map(|d| &d.value),
        d.map(|d| name(&d.precision)),
        d.map(|d| name(&d.year_source)),
    )
}

/// The position, among the record's CAFs then territories, of the party a
/// signatory's organization designates: the first CAF of that department,
/// the first territory of that kind, code and name.
fn party_index(r: &Record, party: &PartyRef) -> Option<usize> {
    match party {
        PartyRef::Caf { department } => r.caf.iter().position(|c| &c.department == department),
        PartyRef::Territory {
            territory_kind,
            code,
            name,
        } => r
            .territories
            .iter()
            .position(|t| t.kind == *territory_kind && &t.code == code && &t.name == name)
            .map(|i| r.caf.len() + i),
    }
}

/// `documents`, `signings`, `signing_parties`, `evidence`, `parties`,
/// `signatories`, `communes`, `commune_mentions`, `axes`, `axis_evidence`,
/// for `records` sorted by id.
pub(super) fn tables(records: &[&Record], conventions: &[Convention]) -> Vec<Table> {
    let convention_of = conventions
        .iter()
        .flat_map(|c| {
            c.sources
                .iter()
                .map(|s| ((&s.id, s.signing), c.id.0.as_str()))
        })
        .collect();
    let mut b = Builder {
        convention_of,
        documents: Table::new("documents", DOCUMENTS, 1),
        signings: Table::new("signings", SIGNINGS, 2),
        signing_parties: Table::new("signing_parties", SIGNING_PARTIES, 3),
        evidence: Table::new("evidence", EVIDENCE, 1),
        parties: Table::new("parties", PARTIES, 1),
        signatories: Table::new("signatories", SIGNATORIES, 2),
        communes: Table::new("communes", COMMUNES, 2),
        commune_mentions: Table::new("commune_mentions", COMMUNE_MENTIONS, 3),
        axes: Table::new("axes", AXES, 2),
        axis_evidence: Table::new("axis_evidence", AXIS_EVIDENCE, 3),
    };
    for r in records {
        b.record(r);
    }
    vec![
        b.documents,
        b.signings,
        b.signing_parties,
        b.evidence,
        b.parties,
        b.signatories,
        b.communes,
        b.commune_mentions,
        b.axes,
        b.axis_evidence,
    ]
}
