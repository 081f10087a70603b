//! The output contract: what one extracted document becomes (`Record`) and what a
//! failed one becomes (`ErrorRecord`).
//!
//! These types are serialized to `corpus.jsonl`, `records/<id>.json` and
//! `errors.jsonl`, and the published JSON Schema (`ctg schema`) is generated from
//! them, so the schema cannot drift from the code. A value that was not found is
//! `null` or an empty list, never a placeholder.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Stable identifier of a document: the first 16 hex digits of the SHA-256 of its bytes.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct DocId(pub String);

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Identifier of a rule, `field.form` (e.g. `signing_date.signed_on`).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct RuleId(pub String);

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a value came from: the rule that matched and the matched span of the
/// normalized text (`text/<id>.txt`), in Unicode code points, end exclusive.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// The rule whose pattern matched.
    pub rule: RuleId,
    /// First code point of the match in the normalized text.
    pub start: usize,
    /// One past the last code point of the match.
    pub end: usize,
    /// The matched text, equal to the slice `start..end` of the normalized text.
    pub text: String,
    /// Page of the match (1-based) for paginated sources such as PDF.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<u32>,
}

/// Input format, detected from the content (and checked against the extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
    /// A PDF file.
    Pdf,
}

/// The source file a record was extracted from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The path as it was given or found while walking a folder, with a
    /// literal backslash written `\\` and each byte that is not part of valid
    /// UTF-8 written `\xNN` (upper-case hex), so that it still names the file
    /// (`archive/caf\xE9.txt` for an ISO-8859-1 name).
    pub path: String,
    /// Detected format.
    pub format: Format,
    /// Character encoding the text was decoded from (`utf-8`, `windows-1252`,
    /// `utf-16le`, ..., also for UTF-16 without a byte-order mark); null for
    /// PDF, whose text layer has its own encodings.
    pub encoding: Option<String>,
    /// Whether the file started with a byte-order mark.
    pub bom: bool,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// File size in bytes.
    pub bytes: u64,
    /// Number of pages, for PDF.
    pub pages: Option<u32>,
    /// For PDF, the engine whose text was used: `pdf-extract`, `lopdf` (when
    /// pdf-extract failed or gave no readable text) or `pdftotext`; for a scan,
    /// the OCR engine and its version (`tesseract 5.3.0`); for a PDF whose text
    /// layer lacks some pages that OCR read, both (`pdf-extract + tesseract
    /// 5.3.0`).
    pub text_engine: Option<String>,
    /// For a PDF, every page OCR read, in page order (see `docs/ocr.md`);
    /// absent when no page was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ocr_pages: Vec<OcrPage>,
}

/// A page read by OCR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OcrPage {
    /// The page, from 1.
    pub page: u32,
    /// Resolution of the page's scan (its largest image's pixels per inch of
    /// the page's width); null when the page draws no image.
    pub dpi: Option<u32>,
    /// Mean confidence of the words Tesseract read on it, 0 to 100 (one
    /// decimal); null when it read no word (a blank page).
    pub confidence: Option<Confidence>,
    /// Words read.
    pub words: u32,
    /// Whether the page's text is the OCR's. False when the confidence is
    /// under 50 or the scan under 90 dpi (a photo, a blank or unreadable page:
    /// its text is left out), or when the page's text layer already held at
    /// least half as many letters.
    pub used: bool,
}

/// An OCR confidence, 0 to 100; never NaN.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Confidence(pub f32);

/// Confidences are means of finite numbers, rounded: never NaN.
impl Eq for Confidence {}

/// The kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    /// A news article, web page or press release about a convention.
    PressRelease,
    /// The text of a convention itself.
    Convention,
    /// An amendment (avenant) to a convention.
    Amendment,
    /// A council's or bureau's decision, or its register extract.
    Deliberation,
    /// Meeting minutes, an annual-report page, an agenda.
    Other,
}

impl DocType {
    /// Every kind, as rule files and the JSON name them.
    pub const ALL: [DocType; 5] = [
        DocType::PressRelease,
        DocType::Convention,
        DocType::Amendment,
        DocType::Deliberation,
        DocType::Other,
    ];

    /// The name rule files and the JSON use (`press_release`).
    pub fn name(self) -> &'static str {
        match self {
            DocType::PressRelease => "press_release",
            DocType::Convention => "convention",
            DocType::Amendment => "amendment",
            DocType::Deliberation => "deliberation",
            DocType::Other => "other",
        }
    }

    /// The kind named `name`.
    pub fn parse(name: &str) -> Option<DocType> {
        DocType::ALL.into_iter().find(|d| d.name() == name)
    }
}

/// How precise a date value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// Year, month and day are known: `2022-12-15`.
    Day,
    /// Month and day are known, the year is not: `--12-15`.
    MonthDay,
    /// Year and month are known, not the day: `2022-12` (a periodical's
    /// monthly issue).
    Month,
    /// Only the year is known: `2025` (a periodical's issue of a season or
    /// of several months).
    Year,
}

/// Why a date has the year it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum YearSource {
    /// The year is written next to the day and month.
    Explicit,
    /// Only one year of the plausible window has that day on that weekday.
    Weekday,
    /// Several years fit the weekday; the convention's period leaves one.
    WeekdayAndPeriod,
    /// Several years fit the weekday; the years the document mentions leave one.
    WeekdayAndDocumentYears,
    /// The publication date decides (the latest fitting date not after it).
    Publication,
    /// A relative date ("mardi dernier") counted from the publication date.
    RelativeToPublication,
    /// Another mention of the same month (or the same day) with its year decides.
    OtherMention,
    /// Nothing in the document decides; see `year_candidates`.
    Undecided,
}

/// A date found in the text: the publication date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DateField {
    /// `YYYY-MM-DD`, or `--MM-DD` when the year is undecided.
    pub value: String,
    /// Whether the year is known.
    pub precision: Precision,
    /// Where the date was read.
    pub evidence: Evidence,
}

/// A date the text gives for an event of the convention (its signing, the
/// council session that approved it), with how its year was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SigningDate {
    /// `YYYY-MM-DD`, or `--MM-DD` when the year is undecided.
    pub value: String,
    /// Whether the year is known.
    pub precision: Precision,
    /// How the year was decided.
    pub year_source: YearSource,
    /// The years still possible when the year is undecided (empty otherwise, or when
    /// nothing narrows them, e.g. no weekday).
    pub year_candidates: Vec<i32>,
    /// The words that give the date.
    pub evidence: Evidence,
}

/// Whether the document is about one or more specific CTGs between a CAF and
/// named local parties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AboutCtg {
    /// True when it is.
    pub value: bool,
    /// The passages that decided: the mentions of a specific CTG, or of what the
    /// document is about instead.
    pub evidence: Vec<Evidence>,
    /// Why not, when it is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<NotAboutCtg>,
}

/// Why a document is not about a specific CTG.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotAboutCtg {
    /// "CTG" means something else here (the Collectivité territoriale de Guyane)
    /// and no convention territoriale globale is named.
    OtherMeaning,
    /// The document is about another contract (a contrat enfance jeunesse) and
    /// names CTGs only in passing.
    OtherSubject,
    /// CTGs are named only in general ("les conventions territoriales globales").
    NoSpecificConvention,
    /// A CTG is named but no CAF and no local party: a general explanation.
    NoParties,
    /// The page presents the scheme in general (its title is the scheme's
    /// name, or asks what it is: "Qu'est-ce qu'une convention territoriale
    /// globale ? | Caf de X") and names no local party.
    GeneralPresentation,
}

/// What the document reports about the convention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReportedStatus {
    /// Signed, to be signed, authorized or in preparation.
    pub value: StatusValue,
    /// The words that say it (a signing verb, "sera signée", "autorise le maire
    /// à signer", "diagnostic en cours"), or what the document is (a convention's
    /// markers).
    pub evidence: Vec<Evidence>,
}

/// Where the convention stands, as the document reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusValue {
    /// A signing took place, or the document is the convention text.
    Signed,
    /// Announced or planned, not signed yet.
    ToBeSigned,
    /// A council approves the convention and authorises its mayor or president to sign.
    Authorized,
    /// A diagnostic, a study, a presentation to elected officials.
    InPreparation,
}

impl StatusValue {
    /// Every status, as rule files and the JSON name them.
    pub const ALL: [StatusValue; 4] = [
        StatusValue::Signed,
        StatusValue::ToBeSigned,
        StatusValue::Authorized,
        StatusValue::InPreparation,
    ];

    /// The name rule files and the JSON use (`to_be_signed`).
    pub fn name(self) -> &'static str {
        match self {
            StatusValue::Signed => "signed",
            StatusValue::ToBeSigned => "to_be_signed",
            StatusValue::Authorized => "authorized",
            StatusValue::InPreparation => "in_preparation",
        }
    }

    /// The status named `name`.
    pub fn parse(name: &str) -> Option<StatusValue> {
        StatusValue::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// The years (or full dates) the convention covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Period {
    /// `YYYY` or `YYYY-MM-DD`; null when only the end is stated.
    pub start: Option<String>,
    /// `YYYY` or `YYYY-MM-DD`; null when only the start is stated.
    pub end: Option<String>,
    /// The words that state the period.
    pub evidence: Evidence,
    /// The words that state the other bound, when the period's words state
    /// only one and another passage states the other ("jusqu'au 31 décembre
    /// 2028" and "avec un effet rétroactif au 1er janvier 2025").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_by: Option<Evidence>,
}

/// Unit of a stated duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    /// Years ("ans", "années").
    Year,
    /// Months ("mois").
    Month,
}

/// The duration as the text states it (never computed from the period).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Duration {
    /// The number as stated ("quatre" -> 4).
    pub value: u32,
    /// Years or months.
    pub unit: DurationUnit,
    /// The words that state it.
    pub evidence: Evidence,
}

impl Duration {
    /// The duration in months ("4 ans" -> 48).
    pub fn months(&self) -> u32 {
        match self.unit {
            DurationUnit::Year => self.value.saturating_mul(12),
            DurationUnit::Month => self.value,
        }
    }
}

/// The document's title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Title {
    /// The title text.
    pub value: String,
    /// The line it was read from.
    pub evidence: Evidence,
}

/// A CAF that is a party to the convention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Caf {
    /// The name as written.
    pub name: String,
    /// INSEE code of the CAF's department (`49`, `2A`, `974`).
    pub department: Option<String>,
    /// Where it is named.
    pub evidence: Evidence,
    /// How the department was known, when the text does not name it ("la
    /// CAF" of a document whose local parties all lie in one department).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_from: Option<DepartmentFrom>,
    /// Where the department is named, when not in the CAF's own words and
    /// not by a party (the page's heading: "Aveyron > Lévézou").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_evidence: Option<Evidence>,
}

/// Where a CAF's department comes from when the CAF is named without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DepartmentFrom {
    /// The department of the local parties (there is one CAF per department).
    Parties,
    /// The department a heading of the page names as the page's place (a
    /// breadcrumb "Info Régions > Bourgogne-Franche-Comté > Doubs"), when no
    /// local party gives one.
    Heading,
}

/// The kind of a territory that is a party.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TerritoryKind {
    /// A commune (code: INSEE code).
    Commune,
    /// An intercommunality (code: SIREN).
    Epci,
    /// A syndicat (no code).
    Syndicat,
    /// A Conseil départemental (code: department code).
    Departement,
    /// Any other party (an MSA, an association).
    Other,
}

/// A local authority that is a party besides the CAF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Territory {
    /// Commune, EPCI, syndicat...
    pub kind: TerritoryKind,
    /// The name as written.
    pub name: String,
    /// INSEE code, SIREN or department code, depending on `kind`.
    pub code: Option<String>,
    /// Where it is named.
    pub evidence: Evidence,
}

#[cfg(test)]
impl Territory {
    /// A party for unit tests, with an empty evidence.
    pub(crate) fn for_test(kind: TerritoryKind, name: &str, code: &str) -> Territory {
        Territory {
            kind,
            name: name.into(),
            code: Some(code.into()),
            evidence: Evidence {
                rule: RuleId("test".into()),
                start: 0,
                end: 0,
                text: String::new(),
                page: None,
            },
        }
    }
}

/// What a role is, whatever its wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoleCode {
    /// Président(e), including of a board ("Président du conseil d'administration").
    President,
    /// Vice-président(e).
    VicePresident,
    /// Directeur, directrice, general or deputy.
    Director,
    /// Maire, maire délégué(e).
    Mayor,
    /// Adjoint(e) au maire, maire-adjoint(e).
    DeputyMayor,
    /// Conseiller / conseillère (municipal, communautaire, départemental).
    Councillor,
    /// Any other role (administrateur, chargée de développement, responsable).
    Other,
}

/// The party of the record a signatory's organization designates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PartyRef {
    /// One of the record's `caf` entries.
    Caf {
        /// Its department code.
        department: Option<String>,
    },
    /// One of the record's `territories` entries.
    Territory {
        /// Commune, EPCI, syndicat...
        territory_kind: TerritoryKind,
        /// Its code, when it has one.
        code: Option<String>,
        /// Its name as written (for entries without a code).
        name: String,
    },
}

/// A person who signs or represents a party at the signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Signatory {
    /// Name in natural case ("Michelle Moreau" for "Michelle MOREAU"); the
    /// evidence keeps the original.
    pub name: String,
    /// Role as the text gives it ("1ère adjointe à la petite enfance").
    pub role: Option<String>,
    /// The role, normalized.
    pub role_code: Option<RoleCode>,
    /// Organization as the text gives it ("Caf de Maine-et-Loire").
    pub organization: Option<String>,
    /// The `caf` or `territories` entry the organization designates, when it
    /// is one of them.
    pub party: Option<PartyRef>,
    /// Where the person is named as a signatory.
    pub evidence: Evidence,
    /// Where the role is read, when it is (possibly another mention of the person).
    pub role_evidence: Option<Evidence>,
    /// Where the organization is read, when it is.
    pub organization_evidence: Option<Evidence>,
}

/// A commune the text names as a commune.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Commune {
    /// Current INSEE code.
    pub insee: String,
    /// Official name.
    pub name: String,
    /// Department code.
    pub department: String,
    /// For a commune déléguée or associée: the INSEE code of the current commune
    /// it belongs to (`insee` is then its own code).
    pub current_commune: Option<String>,
    /// Every mention of it.
    pub mentions: Vec<Evidence>,
}

/// A thematic axis the convention works on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Axis {
    /// One of the axis codes of the guide (`petite_enfance`, `jeunesse`, ...).
    pub code: String,
    /// Every passage that presents it as a field of the convention.
    pub evidence: Vec<Evidence>,
}

/// Something a reader of the record should know: a doubt, a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Warning {
    /// The signing date's year could not be decided.
    SigningYearUndecided {
        /// Years that remain possible.
        candidates: Vec<i32>,
    },
    /// A date's weekday does not match its day, month and year.
    WeekdayMismatch {
        /// The rule whose match carries the inconsistent date.
        rule: RuleId,
        /// The matched words.
        text: String,
    },
    /// A relative date ("mardi dernier") was found but no publication date to count from.
    RelativeDateWithoutReference {
        /// The matched words.
        text: String,
    },
    /// The document is not about a specific CTG: every extraction field is empty.
    NotAboutCtg {
        /// Why.
        reason: NotAboutCtg,
    },
    /// No passage says where the convention stands.
    StatusUnknown,
    /// A date was read as a signing date, but the document reports no signing
    /// (it announces one, authorises one, or prepares the convention); it was
    /// left out.
    SigningDateWithoutSigning {
        /// The date as it was read.
        value: String,
        /// Where it is.
        evidence: Evidence,
    },
    /// A period was read that ends before the year the convention was signed:
    /// it is another convention's ("le bilan de la convention 2019-2023" in a
    /// text about a signing of 2024); it was left out.
    PeriodEndsBeforeSigning {
        /// The period as it was read (`start/end`).
        value: String,
        /// Where it is.
        evidence: Evidence,
    },
    /// The same bytes were also found at other paths; one record stands for all.
    DuplicateSource {
        /// The other paths.
        paths: Vec<String>,
    },
    /// A place name fits several places and nothing in the document decides
    /// between them; it was left out.
    AmbiguousPlace {
        /// The name as written.
        text: String,
        /// Where it is.
        evidence: Evidence,
        /// The codes it could be.
        candidates: Vec<String>,
    },
    /// The text layer is very short for a document of this kind.
    ShortText {
        /// Number of characters in the normalized text.
        chars: usize,
    },
    /// Most of the text was read by OCR from pages of low confidence (under
    /// 75): values may hold misread letters or digits.
    LowOcrConfidence {
        /// Those pages.
        pages: Vec<u32>,
        /// Their mean confidence.
        confidence: Confidence,
    },
}

/// One extracted document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Record {
    /// Stable id from the source bytes.
    pub id: DocId,
    /// The source file.
    pub source: Source,
    /// What was extracted from it (its keys sit beside `id` and `source` in
    /// the JSON).
    #[serde(flatten)]
    pub extraction: Extraction,
}

/// Records read like their extraction: `record.signing_date`.
impl std::ops::Deref for Record {
    type Target = Extraction;
    fn deref(&self) -> &Extraction {
        &self.extraction
    }
}

impl std::ops::DerefMut for Record {
    fn deref_mut(&mut self) -> &mut Extraction {
        &mut self.extraction
    }
}

impl Extraction {
    /// Empties every field a document not about a specific CTG must not give
    /// (all but the kind, the title and the publication date), and says why.
    pub fn clear(&mut self, reason: NotAboutCtg) {
        self.status = None;
        self.decision_date = None;
        self.signing_date = None;
        self.period = None;
        self.duration = None;
        self.caf.clear();
        self.territories.clear();
        self.signatories.clear();
        self.communes.clear();
        self.axes.clear();
        self.signings.clear();
        self.warnings.push(Warning::NotAboutCtg { reason });
    }
}

/// Every value extracted from one document: the fields of a record besides its
/// id and source. A new field is a member here, set by its extractor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Extraction {
    /// Press release or convention.
    pub doc_type: DocType,
    /// The markers that decided `doc_type` (empty for a press release).
    pub doc_type_evidence: Vec<Evidence>,
    /// Whether the document is about a specific CTG; when not, every field below
    /// but the title and the publication date is empty.
    pub about_ctg: AboutCtg,
    /// Where the convention stands (null when the document is not about a CTG,
    /// or says nothing of it).
    pub status: Option<ReportedStatus>,
    /// Title or first line.
    pub title: Option<Title>,
    /// Publication date of a press release or page.
    pub published: Option<DateField>,
    /// For a deliberation, the date of the session that took the decision.
    pub decision_date: Option<SigningDate>,
    /// Date of the signature (only when a signing took place).
    pub signing_date: Option<SigningDate>,
    /// Years the convention covers.
    pub period: Option<Period>,
    /// Stated duration.
    pub duration: Option<Duration>,
    /// CAFs that are a party.
    pub caf: Vec<Caf>,
    /// Other parties.
    pub territories: Vec<Territory>,
    /// People who sign.
    pub signatories: Vec<Signatory>,
    /// Communes named.
    pub communes: Vec<Commune>,
    /// Thematic axes.
    pub axes: Vec<Axis>,
    /// When the document reports several signings (a CAF's round-up, an
    /// annual-report page): one entry per signing, with its own date, period,
    /// duration, parties, signatories and communes; the fields above then hold
    /// the union and no signing date. Empty otherwise.
    pub signings: Vec<Signing>,
    /// Doubts and conflicts.
    pub warnings: Vec<Warning>,
}

/// One of several signings a document reports: the fields of a record that
/// belong to one signing, with the same shapes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Signing {
    /// Date of this signature.
    pub signing_date: Option<SigningDate>,
    /// Years this convention covers.
    pub period: Option<Period>,
    /// Its stated duration.
    pub duration: Option<Duration>,
    /// The CAF that are a party.
    pub caf: Vec<Caf>,
    /// The other parties.
    pub territories: Vec<Territory>,
    /// The people who sign it.
    pub signatories: Vec<Signatory>,
    /// The communes named with it.
    pub communes: Vec<Commune>,
}

/// The source of a failed document, as far as it is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorSource {
    /// The path, written as a record's `source.path`.
    pub path: String,
    /// SHA-256 of the bytes, when they could be read.
    pub sha256: Option<String>,
    /// Size in bytes, when known.
    pub bytes: Option<u64>,
}

/// A stable, machine-readable error code and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorInfo {
    /// `stage.problem`, e.g. `pdf.encrypted`, `input.format_mismatch`.
    pub code: String,
    /// What went wrong and, where possible, what to do.
    pub message: String,
}

/// One line of `errors.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorRecord {
    /// The failed file.
    pub source: ErrorSource,
    /// What failed.
    pub error: ErrorInfo,
}

/// The JSON Schema of a record, as published in `output/schema.json`.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Record);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    text.push('\n');
    text
}
