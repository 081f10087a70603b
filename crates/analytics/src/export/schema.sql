-- The tables of `ctg export`: the SQLite database is created from this file,
-- and the CSV files have the same tables and columns, in the same order.
--
-- Two levels. A *document* is one record of corpus.jsonl (a press release, a
-- web page, a convention PDF); a *convention* is one signing, which one or
-- several documents describe (see "Comparing departments" in the README).
-- Document-level tables keep what each document says, every value pointing to
-- the `evidence` row it was read from; convention-level tables hold the
-- values `ctg compare` counts, each single value naming the document it comes
-- from. Codes are text ('01001', '2A'), never numbers, so that no leading
-- zero is lost. Dates are ISO 8601 text. Offsets are Unicode code points into
-- text/<document id>.txt of the extract's output folder, end exclusive.
--
-- Tables come in the order they are filled, rows in the order of each
-- table's key. Evidence comes before documents, and documents before
-- conventions, although each refers to the next (a document to its
-- convention, an evidence row to its document): the rows refer to each other
-- both ways, so foreign keys are checked at the end of the transaction, and
-- SQLite checks a deferred key fast only in that order (filling a table whose
-- rows are referred to makes it look for the referring rows, which is quick
-- only through the indexes on document_id and convention_id).

-- Regions and overseas collectivities of the reference data (all of them,
-- so that shares can be taken against regions without conventions too).
CREATE TABLE regions (
    code TEXT PRIMARY KEY,          -- INSEE region code: '52'
    name TEXT NOT NULL              -- 'Pays de la Loire'
) STRICT;

-- Departments of the reference data, with their current communes and
-- population; plus any department code a document gives that the reference
-- data does not know (name, region, communes and population then NULL).
CREATE TABLE departments (
    code TEXT PRIMARY KEY,          -- INSEE department code: '49', '2A', '974'
    name TEXT,                      -- 'Maine-et-Loire'
    region TEXT REFERENCES regions (code),
    communes INTEGER,               -- number of current communes
    population INTEGER              -- their municipal population, added up
) STRICT;
CREATE INDEX departments_region ON departments (region);

-- The thematic axes of the guide, in its order.
CREATE TABLE axis_codes (
    code TEXT PRIMARY KEY,          -- 'petite_enfance', 'parentalite', ...
    position INTEGER NOT NULL UNIQUE -- 1 for the guide's first axis
) STRICT;

-- Where each value was read: a span of the document's normalized text.
-- Every *_evidence column and every evidence link table points here; the
-- evidence of the doc_type (the convention markers), of about_ctg (the
-- mentions of a specific CTG, or of what the document is about instead) and
-- of the status (the signing verb, "autorise le maire à signer") is only
-- here, as the rows of its document whose field is 'doc_type', 'about_ctg'
-- or 'status'.
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,         -- 1, 2, ... in document id order
    document_id TEXT NOT NULL REFERENCES documents (id),
    field TEXT NOT NULL CHECK (field IN ('doc_type', 'about_ctg', 'status', 'title',
        'published', 'decision_date', 'signing_date', 'period', 'duration', 'party',
        'signatory', 'signatory_role', 'signatory_organization', 'commune', 'axis')),
    rule TEXT NOT NULL,             -- id of the rule that matched: 'signing_date.signed_on'
    start_offset INTEGER NOT NULL,  -- first code point of the span in text/<document_id>.txt
    end_offset INTEGER NOT NULL,    -- one past its last code point
    text TEXT NOT NULL,             -- the span itself
    page INTEGER                    -- 1-based page, for PDF
) STRICT;
CREATE INDEX evidence_document ON evidence (document_id, field);

-- One row per document (record of corpus.jsonl).
CREATE TABLE documents (
    id TEXT PRIMARY KEY,            -- first 16 hex digits of the SHA-256 of the file
    convention_id TEXT REFERENCES conventions (id), -- NULL when not about a CTG, and for
                                    -- a round-up (its signings have their conventions)
    about_ctg INTEGER NOT NULL CHECK (about_ctg IN (0, 1)), -- 0: not about a specific CTG
                                    -- (no convention; every value below but the kind,
                                    -- title and publication date is NULL)
    not_about_ctg_reason TEXT CHECK (not_about_ctg_reason IN ('other_meaning',
        'other_subject', 'no_specific_convention', 'no_parties',
        'general_presentation')), -- why, when about_ctg is 0
    status TEXT CHECK (status IN ('signed', 'to_be_signed', 'authorized', 'in_preparation')),
                                    -- where the convention stands, as the document reports
                                    -- it; NULL when it says nothing
    path TEXT NOT NULL,             -- the path as given to `ctg extract`
    format TEXT NOT NULL CHECK (format IN ('text', 'html', 'pdf')),
    encoding TEXT,                  -- 'utf-8', 'windows-1252'...; NULL for PDF
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,         -- file size
    pages INTEGER,                  -- PDF page count
    text_engine TEXT,               -- PDF: 'pdf-extract', 'lopdf' or 'pdftotext'
    doc_type TEXT NOT NULL CHECK (doc_type IN ('press_release', 'convention', 'amendment', 'deliberation', 'other')),
    title TEXT,
    title_evidence INTEGER REFERENCES evidence (id) DEFERRABLE INITIALLY DEFERRED,
    published TEXT,                 -- publication date of a page: '2022-12-20', '--12-20', or an issue's '2025-03' or '2025'
    published_precision TEXT CHECK (published_precision IN ('day', 'month_day', 'month', 'year')),
    published_evidence INTEGER REFERENCES evidence (id) DEFERRABLE INITIALLY DEFERRED,
    decision_date TEXT,             -- deliberation: the council session, '2020-12-14'
    decision_precision TEXT CHECK (decision_precision IN ('day', 'month_day')),
    decision_year_source TEXT,      -- how the year was decided
    decision_evidence INTEGER REFERENCES evidence (id) DEFERRABLE INITIALLY DEFERRED,
    signing_date TEXT,              -- '2022-12-15' or '--12-15'; NULL for a round-up
    signing_precision TEXT CHECK (signing_precision IN ('day', 'month_day')),
    signing_year_source TEXT,       -- how the year was decided: 'explicit', 'weekday', ...
    signing_evidence INTEGER REFERENCES evidence (id) DEFERRABLE INITIALLY DEFERRED,
    period_start TEXT,              -- 'YYYY' or 'YYYY-MM-DD'
    period_end TEXT,
    period_evidence INTEGER REFERENCES evidence (id) DEFERRABLE INITIALLY DEFERRED,
    duration_value INTEGER,         -- as stated: 4 in 'quatre ans'
    duration_unit TEXT CHECK (duration_unit IN ('year', 'month')),
    duration_evidence INTEGER REFERENCES evidence (id) DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE INDEX documents_convention ON documents (convention_id);

-- One row per convention (one signing). Its single values come from one of
-- its documents, named in the *_source column; when its documents disagree,
-- `conflicts` lists every document's value.
CREATE TABLE conventions (
    id TEXT PRIMARY KEY,            -- the smallest id of its documents ('<id>.<n>' when
                                    -- that is the n-th signing of a round-up)
    status TEXT CHECK (status IN ('signed', 'to_be_signed', 'authorized', 'in_preparation')),
                                    -- the furthest stage any of its documents reports
                                    -- (in preparation, authorized, to be signed, signed);
                                    -- NULL when none says. Only 'signed' ones are signings
    status_source TEXT REFERENCES documents (id) DEFERRABLE INITIALLY DEFERRED,
    year INTEGER,                   -- signing year, else first year of the period
    signing_date TEXT,              -- '2024-04-02', or '--04-02' when the year is undecided
    signing_precision TEXT CHECK (signing_precision IN ('day', 'month_day')),
    signing_source TEXT REFERENCES documents (id) DEFERRABLE INITIALLY DEFERRED,
    period_start INTEGER,           -- first year covered
    period_end INTEGER,             -- last year covered
    period_source TEXT REFERENCES documents (id) DEFERRABLE INITIALLY DEFERRED,
    duration_years REAL,            -- duration_months / 12
    duration_months INTEGER,        -- as stated ('4 ans' = 48), else from the period
    duration_basis TEXT CHECK (duration_basis IN ('stated', 'period')),
    duration_source TEXT REFERENCES documents (id) DEFERRABLE INITIALLY DEFERRED,
    n_documents INTEGER NOT NULL,   -- documents about it
    n_conflicts INTEGER NOT NULL    -- fields whose documents disagree
) STRICT;
CREATE INDEX conventions_year ON conventions (year);

-- The CAF departments that are parties to a convention: usually one, two for
-- a convention signed by two CAFs (it then counts in both departments).
CREATE TABLE convention_departments (
    convention_id TEXT NOT NULL REFERENCES conventions (id),
    department TEXT NOT NULL REFERENCES departments (code),
    PRIMARY KEY (convention_id, department)
) STRICT;
CREATE INDEX convention_departments_department ON convention_departments (department);

-- The other parties of a convention: the union of its documents' territories,
-- one row per party (the same code, or the same name when it has no code).
CREATE TABLE convention_territories (
    convention_id TEXT NOT NULL REFERENCES conventions (id),
    position INTEGER NOT NULL,      -- 1, 2, ... by kind, then code or name
    kind TEXT NOT NULL CHECK (kind IN ('commune', 'epci', 'syndicat', 'departement', 'other')),
    code TEXT,                      -- INSEE code (commune), SIREN (epci), department code
    name TEXT NOT NULL,             -- as the first document (by id) writes it
    PRIMARY KEY (convention_id, position)
) STRICT;
CREATE INDEX convention_territories_code ON convention_territories (kind, code);

-- The thematic axes of a convention: the union of its documents' axes.
CREATE TABLE convention_axes (
    convention_id TEXT NOT NULL REFERENCES conventions (id),
    axis TEXT NOT NULL REFERENCES axis_codes (code),
    PRIMARY KEY (convention_id, axis)
) STRICT;
CREATE INDEX convention_axes_axis ON convention_axes (axis);

-- The current communes a convention covers: a commune party's commune (a
-- commune déléguée counts as its commune nouvelle) and the member communes
-- of an EPCI party. Syndicats, départements and other parties add none.
CREATE TABLE convention_communes (
    convention_id TEXT NOT NULL REFERENCES conventions (id),
    insee TEXT NOT NULL,            -- INSEE code of the current commune
    name TEXT NOT NULL,             -- official name
    department TEXT NOT NULL REFERENCES departments (code),
    population INTEGER,             -- municipal population, when known
    PRIMARY KEY (convention_id, insee)
) STRICT;
CREATE INDEX convention_communes_insee ON convention_communes (insee);
CREATE INDEX convention_communes_department ON convention_communes (department);

-- Why a convention covers a commune: the code of each of its territory
-- parties that covers it (the commune's own code or its commune déléguée's,
-- the SIREN of its EPCI).
CREATE TABLE convention_commune_via (
    convention_id TEXT NOT NULL,
    insee TEXT NOT NULL,
    via TEXT NOT NULL,              -- a convention_territories.code
    PRIMARY KEY (convention_id, insee, via),
    FOREIGN KEY (convention_id, insee) REFERENCES convention_communes (convention_id, insee)
) STRICT;

-- The fields whose documents disagree, one row per document that gives the
-- field. The convention's own value is one of them.
CREATE TABLE conflicts (
    convention_id TEXT NOT NULL REFERENCES conventions (id),
    field TEXT NOT NULL CHECK (field IN ('signing_date', 'period', 'duration')),
    document_id TEXT NOT NULL REFERENCES documents (id),
    value TEXT NOT NULL,            -- ISO 8601: '2024-04-02', '2023/2026' (or '2023/..',
                                    -- '../2026'), 'P48M' (the duration in months)
    PRIMARY KEY (convention_id, field, document_id)
) STRICT;

-- The signings a round-up reports (a document with several signings), one
-- row each; such a document's own row holds the union of their values.
CREATE TABLE signings (
    document_id TEXT NOT NULL REFERENCES documents (id),
    position INTEGER NOT NULL,      -- 1, 2, ... in the document's order
    convention_id TEXT REFERENCES conventions (id), -- the convention of this signing
    signing_date TEXT,              -- '2023-06-12' or '--06-12'
    signing_precision TEXT CHECK (signing_precision IN ('day', 'month_day')),
    signing_year_source TEXT,
    signing_evidence INTEGER REFERENCES evidence (id),
    period_start TEXT,              -- 'YYYY' or 'YYYY-MM-DD'
    period_end TEXT,
    period_evidence INTEGER REFERENCES evidence (id),
    duration_value INTEGER,
    duration_unit TEXT CHECK (duration_unit IN ('year', 'month')),
    duration_evidence INTEGER REFERENCES evidence (id),
    PRIMARY KEY (document_id, position)
) STRICT;
CREATE INDEX signings_convention ON signings (convention_id);

-- The parties of each signing of a round-up: its CAFs (kind 'caf') and
-- its territories, as `parties` has them for a whole document.
CREATE TABLE signing_parties (
    document_id TEXT NOT NULL,
    signing INTEGER NOT NULL,       -- signings.position
    position INTEGER NOT NULL,      -- 1, 2, ...: the CAFs first, then the territories
    kind TEXT NOT NULL CHECK (kind IN ('caf', 'commune', 'epci', 'syndicat', 'departement', 'other')),
    code TEXT,
    name TEXT NOT NULL,
    evidence_id INTEGER NOT NULL REFERENCES evidence (id),
    PRIMARY KEY (document_id, signing, position),
    FOREIGN KEY (document_id, signing) REFERENCES signings (document_id, position)
) STRICT;
CREATE INDEX signing_parties_code ON signing_parties (kind, code);

-- The parties a document names: its CAFs (kind 'caf', code = the CAF's
-- department) and its territories.
CREATE TABLE parties (
    id INTEGER PRIMARY KEY,         -- 1, 2, ... in document id order
    document_id TEXT NOT NULL REFERENCES documents (id),
    position INTEGER NOT NULL,      -- 1, 2, ...: the CAFs first, then the territories
    kind TEXT NOT NULL CHECK (kind IN ('caf', 'commune', 'epci', 'syndicat', 'departement', 'other')),
    code TEXT,                      -- department code (caf), INSEE code (commune),
                                    -- SIREN (epci), department code (departement)
    name TEXT NOT NULL,             -- as written
    evidence_id INTEGER NOT NULL REFERENCES evidence (id),
    UNIQUE (document_id, position)
) STRICT;
CREATE INDEX parties_code ON parties (kind, code);

-- The people who sign a document's convention or represent a party at it.
CREATE TABLE signatories (
    document_id TEXT NOT NULL REFERENCES documents (id),
    position INTEGER NOT NULL,      -- 1, 2, ... in the document's order
    name TEXT NOT NULL,             -- natural case: 'Michelle Moreau'
    role TEXT,                      -- as written: '1ère adjointe à la petite enfance'
    role_code TEXT CHECK (role_code IN ('president', 'vice_president', 'director', 'mayor',
        'deputy_mayor', 'councillor', 'other')),
    organization TEXT,              -- as written: 'Caf de Maine-et-Loire'
    party_id INTEGER REFERENCES parties (id), -- the party the organization designates
    evidence_id INTEGER NOT NULL REFERENCES evidence (id),
    role_evidence INTEGER REFERENCES evidence (id),
    organization_evidence INTEGER REFERENCES evidence (id),
    PRIMARY KEY (document_id, position)
) STRICT;
CREATE INDEX signatories_party ON signatories (party_id);
CREATE INDEX signatories_role ON signatories (role_code);

-- The communes a document names as communes (not only the parties). A
-- commune déléguée may have the code of its commune nouvelle (Cherbourg-
-- Octeville and Cherbourg-en-Cotentin are both 50129): a document may name
-- both, hence the position in the key.
CREATE TABLE communes (
    document_id TEXT NOT NULL REFERENCES documents (id),
    position INTEGER NOT NULL,      -- 1, 2, ... in the document's order
    insee TEXT NOT NULL,            -- INSEE code (of the commune déléguée itself, for one)
    name TEXT NOT NULL,             -- official name
    department TEXT NOT NULL REFERENCES departments (code),
    current_commune TEXT,           -- for a commune déléguée or associée: its commune's code
    PRIMARY KEY (document_id, position)
) STRICT;
CREATE INDEX communes_insee ON communes (insee);
CREATE INDEX communes_department ON communes (department);

-- Every mention of a named commune.
CREATE TABLE commune_mentions (
    document_id TEXT NOT NULL,
    position INTEGER NOT NULL,      -- communes.position
    evidence_id INTEGER PRIMARY KEY REFERENCES evidence (id),
    FOREIGN KEY (document_id, position) REFERENCES communes (document_id, position)
) STRICT;
CREATE INDEX commune_mentions_commune ON commune_mentions (document_id, position);

-- The thematic axes a document presents as fields of the convention.
CREATE TABLE axes (
    document_id TEXT NOT NULL REFERENCES documents (id),
    axis TEXT NOT NULL REFERENCES axis_codes (code),
    PRIMARY KEY (document_id, axis)
) STRICT;
CREATE INDEX axes_axis ON axes (axis);

-- Every passage that presents an axis.
CREATE TABLE axis_evidence (
    document_id TEXT NOT NULL,
    axis TEXT NOT NULL,
    evidence_id INTEGER PRIMARY KEY REFERENCES evidence (id),
    FOREIGN KEY (document_id, axis) REFERENCES axes (document_id, axis)
) STRICT;
CREATE INDEX axis_evidence_axis ON axis_evidence (document_id, axis);
