//! The table model on hand-built records: evidence and party ids, a
//! signatory's party, keys sorted and unique, the convention of each document.

use super::*;
use crate::dataset;
use ctg_core::record::{
    AboutCtg, Axis, Caf, Commune, DocId, DocType, Evidence, Extraction, Format, PartyRef,
    Precision, RoleCode, RuleId, Signatory, SigningDate, Source, Territory, TerritoryKind, Title,
    YearSource,
};
use ctg_core::refdata;

fn evidence(rule: &str, start: usize, text: &str) -> Evidence {
    Evidence {
        rule: RuleId(rule.into()),
        start,
        end: start + text.chars().count(),
        text: text.into(),
        page: None,
    }
}

/// A press release of the Caf de Maine-et-Loire and the commune of Cholet,
/// signed by the mayor; `id` sets its id and the day of its signing.
fn record(id: &str, day: u32) -> Record {
    let cholet = Territory {
        kind: TerritoryKind::Commune,
        name: "Cholet".into(),
        code: Some("49099".into()),
        evidence: evidence("party.commune", 40, "Cholet"),
    };
    Record {
        id: DocId(id.into()),
        source: Source {
            path: format!("docs/{id}.txt"),
            format: Format::Text,
            encoding: Some("utf-8".into()),
            bom: false,
            sha256: format!("{id}000"),
            bytes: 300,
            pages: None,
            text_engine: None,
            ocr_pages: Vec::new(),
        },
        extraction: Extraction {
            doc_type: DocType::PressRelease,
            doc_type_evidence: Vec::new(),
            about_ctg: AboutCtg {
                value: true,
                evidence: Vec::new(),
                reason: None,
            },
            status: None,
            decision_date: None,
            title: Some(Title {
                value: "Une CTG pour Cholet".into(),
                evidence: evidence("title.first_line", 0, "Une CTG pour Cholet"),
            }),
            published: None,
            signing_date: Some(SigningDate {
                value: format!("2023-05-{day:02}"),
                precision: Precision::Day,
                year_source: YearSource::Explicit,
                year_candidates: Vec::new(),
                evidence: evidence("signing_date.signed_on", 20, "signée le 3 mai 2023"),
            }),
            period: None,
            duration: None,
            caf: vec![Caf {
                name: "Caf de Maine-et-Loire".into(),
                department: Some("49".into()),
                evidence: evidence("caf.name", 60, "Caf de Maine-et-Loire"),
                department_from: None,
                department_evidence: None,
            }],
            territories: vec![
                Territory {
                    kind: TerritoryKind::Epci,
                    name: "Cholet Agglomération".into(),
                    code: Some("200071678".into()),
                    evidence: evidence("party.epci", 90, "Cholet Agglomération"),
                },
                cholet,
            ],
            signatories: vec![Signatory {
                name: "Jean Dupont".into(),
                role: Some("maire".into()),
                role_code: Some(RoleCode::Mayor),
                organization: Some("Cholet".into()),
                party: Some(PartyRef::Territory {
                    territory_kind: TerritoryKind::Commune,
                    code: Some("49099".into()),
                    name: "Cholet".into(),
                }),
                evidence: evidence("signatory.name_role", 120, "Jean Dupont"),
                role_evidence: Some(evidence("signatory.name_role", 133, "maire")),
                organization_evidence: None,
            }],
            communes: vec![
                Commune {
                    insee: "49099".into(),
                    name: "Cholet".into(),
                    department: "49".into(),
                    current_commune: None,
                    mentions: vec![
                        evidence("places.commune_gazetteer", 13, "Cholet"),
                        evidence("places.commune_gazetteer", 40, "Cholet"),
                    ],
                },
                Commune {
                    insee: "49007".into(),
                    name: "Angers".into(),
                    department: "49".into(),
                    current_commune: None,
                    mentions: vec![evidence("places.commune_gazetteer", 150, "Angers")],
                },
            ],
            axes: vec![Axis {
                code: "parentalite".into(),
                evidence: vec![evidence("axes.listed", 170, "parentalité")],
            }],
            signings: Vec::new(),
            warnings: Vec::new(),
        },
    }
}

fn column(table: &Table, name: &str) -> usize {
    table
        .columns
        .iter()
        .position(|c| *c == name)
        .unwrap_or_else(|| panic!("{}.{name}", table.name))
}

fn cell<'a>(tables: &'a Tables, table: &str, row: usize, name: &str) -> &'a Value {
    let t = tables.get(table).unwrap();
    &t.rows[row][column(t, name)]
}

fn export(records: &[Record]) -> Tables {
    let conventions = dataset::conventions(records, refdata::get());
    tables(records, &conventions, refdata::get())
}

#[test]
fn every_value_points_to_its_own_evidence_row() {
    let tables = export(&[record("b2", 3)]);
    let evidence = tables.get("evidence").unwrap();
    // title, signing date, CAF, EPCI, commune, signatory, role, 3 commune mentions, axis
    assert_eq!(evidence.rows.len(), 11);
    let ids: Vec<&Value> = evidence.rows.iter().map(|r| &r[0]).collect();
    let expected: Vec<Value> = (1..=11).map(Value::Integer).collect();
    assert_eq!(ids, expected.iter().collect::<Vec<_>>());
    let text_of = |id: &Value| {
        let Value::Integer(n) = id else {
            panic!("an evidence id: {id:?}")
        };
        evidence.rows[*n as usize - 1][column(evidence, "text")].clone()
    };
    assert_eq!(
        text_of(cell(&tables, "documents", 0, "signing_evidence")),
        Value::from("signée le 3 mai 2023")
    );
    assert_eq!(
        text_of(cell(&tables, "signatories", 0, "role_evidence")),
        Value::from("maire")
    );
    assert_eq!(
        cell(&tables, "signatories", 0, "organization_evidence"),
        &Value::Null
    );
    assert_eq!(
        cell(&tables, "documents", 0, "published_evidence"),
        &Value::Null
    );
    let mentions = tables.get("commune_mentions").unwrap();
    // Cholet is the first commune named
    assert_eq!(cell(&tables, "communes", 0, "insee"), &Value::from("49099"));
    let cholet: Vec<Value> = mentions
        .rows
        .iter()
        .filter(|r| r[1] == Value::Integer(1))
        .map(|r| text_of(&r[2]))
        .collect();
    assert_eq!(cholet, [Value::from("Cholet"), Value::from("Cholet")]);
}

#[test]
fn a_signatory_points_to_the_party_row_of_its_organization() {
    let tables = export(&[record("b2", 3)]);
    let parties = tables.get("parties").unwrap();
    let kinds: Vec<&Value> = parties
        .rows
        .iter()
        .map(|r| &r[column(parties, "kind")])
        .collect();
    assert_eq!(
        kinds,
        [
            &Value::from("caf"),
            &Value::from("epci"),
            &Value::from("commune")
        ]
    );
    assert_eq!(cell(&tables, "parties", 0, "code"), &Value::from("49"));
    // Cholet the commune, not Cholet Agglomération
    assert_eq!(
        cell(&tables, "signatories", 0, "party_id"),
        &Value::Integer(3)
    );
    assert_eq!(
        cell(&tables, "signatories", 0, "role_code"),
        &Value::from("mayor")
    );

    let mut unknown = record("b2", 3);
    unknown.signatories[0].party = Some(PartyRef::Caf {
        department: Some("44".into()),
    });
    let tables = export(&[unknown]);
    assert_eq!(cell(&tables, "signatories", 0, "party_id"), &Value::Null);
}

#[test]
fn rows_are_sorted_by_key_whatever_the_order_of_the_records() {
    // the same signing in two press releases, given in reverse id order; the
    // axes in the guide's order, which is not the order of their codes
    let mut later = record("b2", 4);
    for code in ["petite_enfance", "jeunesse"] {
        later.axes.push(Axis {
            code: code.into(),
            evidence: vec![evidence("axes.listed", 200, code)],
        });
    }
    let records = [later.clone(), record("a1", 3)];
    let tables = export(&records);
    for table in &tables.0 {
        let keys: Vec<&[Value]> = table.rows.iter().map(|r| &r[..table.key]).collect();
        for pair in keys.windows(2) {
            let order = pair[0]
                .iter()
                .zip(pair[1])
                .map(|(a, b)| a.cmp(b))
                .find(|o| o.is_ne());
            assert_eq!(order, Some(Ordering::Less), "{}: {pair:?}", table.name);
        }
    }
    // named communes keep the document's order: Cholet before Angers
    assert_eq!(cell(&tables, "communes", 1, "insee"), &Value::from("49007"));
    // one convention for both, named after the smaller id
    assert_eq!(tables.get("conventions").unwrap().rows.len(), 1);
    for row in 0..2 {
        assert_eq!(
            cell(&tables, "documents", row, "convention_id"),
            &Value::from("a1")
        );
    }
    assert_eq!(
        cell(&tables, "conventions", 0, "n_documents"),
        &Value::Integer(2)
    );
    // the dates differ by a day: one conflict, one row per document
    let conflicts = tables.get("conflicts").unwrap();
    let values: Vec<&Value> = conflicts.rows.iter().map(|r| &r[3]).collect();
    assert_eq!(
        values,
        [&Value::from("2023-05-03"), &Value::from("2023-05-04")]
    );
    assert_eq!(tables, export(&[record("a1", 3), later]));
}

#[test]
fn departments_hold_the_reference_data_and_unknown_codes() {
    let mut odd = record("a1", 3);
    odd.caf[0].department = Some("99".into());
    let tables = export(&[odd]);
    let departments = tables.get("departments").unwrap();
    assert_eq!(
        departments.rows.len(),
        refdata::get().departements.len() + 1
    );
    let row = |code: &str| {
        departments
            .rows
            .iter()
            .find(|r| r[0] == Value::from(code))
            .unwrap_or_else(|| panic!("no department {code}"))
    };
    assert_eq!(
        row("99")[1..],
        [Value::Null, Value::Null, Value::Null, Value::Null]
    );
    let maine = row("49");
    assert_eq!(maine[1], Value::from("Maine-et-Loire"));
    assert_eq!(maine[2], Value::from("52"));
    let Value::Integer(communes) = maine[3] else {
        panic!("a count")
    };
    assert!((150..200).contains(&communes), "{communes} communes in 49");
}

/// A round-up page of the CAF reporting two signings: Cholet's on 3 May
/// (the signing of `record("b2", 3)`) and another commune's on 20 May.
fn roundup(id: &str) -> Record {
    let mut r = record(id, 1);
    let cholet = ctg_core::record::Signing {
        signing_date: r.signing_date.clone().map(|mut d| {
            d.value = "2023-05-03".into();
            d
        }),
        period: None,
        duration: None,
        caf: r.caf.clone(),
        territories: r.territories.clone(),
        signatories: Vec::new(),
        communes: Vec::new(),
    };
    let mut other = cholet.clone();
    other.signing_date.as_mut().unwrap().value = "2023-05-20".into();
    other.territories = vec![Territory {
        kind: TerritoryKind::Commune,
        name: "Saumur".into(),
        code: Some("49328".into()),
        evidence: evidence("party.commune", 90, "Saumur"),
    }];
    r.signing_date = None;
    r.territories.extend(other.territories.clone());
    r.signings = vec![cholet, other];
    r.status = Some(ctg_core::record::ReportedStatus {
        value: ctg_core::record::StatusValue::Signed,
        evidence: vec![evidence("status.signed", 10, "ont signé")],
    });
    r
}

#[test]
fn each_signing_of_a_roundup_has_a_row_and_a_convention() {
    let tables = export(&[record("b2", 3), roundup("r9")]);
    let signings = tables.get("signings").unwrap();
    assert_eq!(signings.rows.len(), 2);
    let conventions: Vec<&Value> = signings
        .rows
        .iter()
        .map(|r| &r[column(signings, "convention_id")])
        .collect();
    // Cholet's signing is the press release b2's convention; Saumur's its own
    assert_eq!(conventions, [&Value::from("b2"), &Value::from("r9.2")]);
    assert_eq!(
        cell(&tables, "signings", 1, "signing_date"),
        &Value::from("2023-05-20")
    );
    assert!(matches!(
        cell(&tables, "signings", 1, "signing_evidence"),
        Value::Integer(_)
    ));
    let parties = tables.get("signing_parties").unwrap();
    // Cholet's signing: the CAF, the EPCI and Cholet; Saumur's: the CAF and Saumur
    assert_eq!(parties.rows.len(), 5);
    // the round-up itself belongs to no single convention
    let documents = tables.get("documents").unwrap();
    let r9 = documents
        .rows
        .iter()
        .find(|r| r[0] == Value::from("r9"))
        .unwrap();
    assert_eq!(r9[column(documents, "convention_id")], Value::Null);
    assert_eq!(r9[column(documents, "status")], Value::from("signed"));
    let main = tables.get("conventions").unwrap();
    assert_eq!(main.rows.len(), 2);
    assert_eq!(
        cell(&tables, "conventions", 1, "status"),
        &Value::from("signed")
    );
    // the status's passage is an evidence row of the document
    let evidence = tables.get("evidence").unwrap();
    assert!(evidence
        .rows
        .iter()
        .any(|r| r[1] == Value::from("r9") && r[2] == Value::from("status")));
}

#[test]
fn the_workbook_reads_back_with_typed_cells_and_codes_as_text() {
    use calamine::{Data, Reader, Xlsx};
    let tables = export(&[record("b2", 3), roundup("r9")]);
    let bytes = workbook::render(&tables, crate::labels::Lang::Fr).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    let expected: Vec<String> = tables.0.iter().map(|t| t.name.to_string()).collect();
    assert_eq!(names, expected, "one sheet per table, in order");
    let departments = book.worksheet_range("departments").unwrap();
    assert_eq!(departments.get((0, 0)), Some(&Data::String("code".into())));
    assert_eq!(departments.get((0, 1)), Some(&Data::String("nom".into())));
    // Ain: `01` stays text, its population is a number
    assert_eq!(departments.get((1, 0)), Some(&Data::String("01".into())));
    assert!(matches!(departments.get((1, 3)), Some(Data::Float(_))));
    let documents = book.worksheet_range("documents").unwrap();
    let header: Vec<String> = documents
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let signing = header
        .iter()
        .position(|h| h == "date de signature")
        .unwrap();
    match documents.get((1, signing)) {
        // 3 May 2023 is day 45049 of Excel's calendar
        Some(Data::DateTime(d)) => assert_eq!(d.as_f64(), 45049.0),
        other => panic!("a date, not {other:?}"),
    }
}
