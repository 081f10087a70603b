//! Conventions from small hand-built records: which records are one signing,
//! which source gives each value, which disagreements are listed.

use super::*;
use ctg_core::record::{
    AboutCtg, Axis, Caf, DocId, Duration, DurationUnit, Evidence, Extraction, Format, Period,
    RuleId, SigningDate, Source, Territory, YearSource,
};
use ctg_core::refdata;

/// Cholet Agglomération (26 member communes), in Maine-et-Loire.
const CHOLET: &str = "200071678";

fn evidence() -> Evidence {
    Evidence {
        rule: RuleId("test.hand_built".into()),
        start: 0,
        end: 0,
        text: String::new(),
        page: None,
    }
}

/// A record of `doc_type` whose CAF is Maine-et-Loire's and whose party is
/// Cholet Agglomération, with no dates.
fn record(id: &str, doc_type: DocType) -> Record {
    Record {
        id: DocId(id.into()),
        source: Source {
            path: format!("docs/{id}.txt"),
            format: Format::Text,
            encoding: Some("utf-8".into()),
            bom: false,
            sha256: String::new(),
            bytes: 0,
            pages: None,
            text_engine: None,
            ocr_pages: Vec::new(),
        },
        extraction: Extraction {
            doc_type,
            doc_type_evidence: Vec::new(),
            about_ctg: AboutCtg {
                value: true,
                evidence: Vec::new(),
                reason: None,
            },
            status: None,
            decision_date: None,
            title: None,
            published: None,
            signing_date: None,
            period: None,
            duration: None,
            caf: vec![Caf {
                name: "Caf de Maine-et-Loire".into(),
                department: Some("49".into()),
                evidence: evidence(),
                department_from: None,
                department_evidence: None,
            }],
            territories: vec![territory(
                TerritoryKind::Epci,
                "Cholet Agglomération",
                Some(CHOLET),
            )],
            signatories: Vec::new(),
            communes: Vec::new(),
            axes: Vec::new(),
            signings: Vec::new(),
            warnings: Vec::new(),
        },
    }
}

fn press(id: &str) -> Record {
    record(id, DocType::PressRelease)
}

fn pdf(id: &str) -> Record {
    record(id, DocType::Convention)
}

fn territory(kind: TerritoryKind, name: &str, code: Option<&str>) -> Territory {
    Territory {
        kind,
        name: name.into(),
        code: code.map(Into::into),
        evidence: evidence(),
    }
}

fn signed(mut r: Record, value: &str) -> Record {
    let precision = if value.starts_with("--") {
        Precision::MonthDay
    } else {
        Precision::Day
    };
    r.signing_date = Some(SigningDate {
        value: value.into(),
        precision,
        year_source: YearSource::Explicit,
        year_candidates: Vec::new(),
        evidence: evidence(),
    });
    r
}

fn covering(mut r: Record, start: Option<&str>, end: Option<&str>) -> Record {
    r.period = Some(Period {
        start: start.map(Into::into),
        end: end.map(Into::into),
        evidence: evidence(),
        completed_by: None,
    });
    r
}

fn lasting(mut r: Record, value: u32, unit: DurationUnit) -> Record {
    r.duration = Some(Duration {
        value,
        unit,
        evidence: evidence(),
    });
    r
}

fn with_axes(mut r: Record, codes: &[&str]) -> Record {
    r.axes = codes
        .iter()
        .map(|c| Axis {
            code: (*c).into(),
            evidence: vec![evidence()],
        })
        .collect();
    r
}

fn of(records: &[Record]) -> Vec<Convention> {
    conventions(records, refdata::get())
}

fn ids(convention: &Convention) -> Vec<&str> {
    convention.sources.iter().map(|s| s.id.0.as_str()).collect()
}

#[test]
fn press_release_and_convention_of_one_signing_make_one_convention() {
    let records = [
        with_axes(
            lasting(
                covering(
                    signed(press("b2"), "2023-12-14"),
                    Some("2024"),
                    Some("2028"),
                ),
                5,
                DurationUnit::Year,
            ),
            &["jeunesse", "petite_enfance"],
        ),
        with_axes(
            covering(
                signed(pdf("a1"), "2023-12-14"),
                Some("2024-01-01"),
                Some("2028-12-31"),
            ),
            &["parentalite", "petite_enfance"],
        ),
    ];
    let found = of(&records);
    assert_eq!(found.len(), 1);
    let c = &found[0];
    assert_eq!(c.id, ConventionId("a1".into()));
    assert_eq!(ids(c), ["a1", "b2"]);
    assert_eq!(c.sources[0].doc_type, DocType::Convention);
    assert!(c.conflicts.is_empty(), "{:?}", c.conflicts);
    let date = c.signing_date.as_ref().unwrap();
    assert_eq!(
        (date.value.as_str(), date.source.0.as_str()),
        ("2023-12-14", "a1")
    );
    let period = c.period.as_ref().unwrap();
    assert_eq!(
        (period.start, period.end, period.source.0.as_str()),
        (Some(2024), Some(2028), "a1")
    );
    // the press release states the duration; the convention only has a period
    let duration = c.duration.as_ref().unwrap();
    assert_eq!(
        (duration.months, duration.basis),
        (60, DurationBasis::Stated)
    );
    assert_eq!((duration.years, duration.source.0.as_str()), (5.0, "b2"));
    let axes: Vec<(&str, usize)> = c
        .axes
        .iter()
        .map(|a| (a.code.as_str(), a.sources.len()))
        .collect();
    assert_eq!(
        axes,
        [("petite_enfance", 2), ("jeunesse", 1), ("parentalite", 1)]
    );
    assert_eq!(c.territories.len(), 1);
    assert_eq!(c.territories[0].sources.len(), 2);
    assert_eq!(c.communes.len(), 26, "the members of Cholet Agglomération");
    assert!(c
        .communes
        .iter()
        .all(|m| m.via == [CHOLET] && m.department == "49"));
    let caf = &c.caf[0];
    assert_eq!(
        (caf.code.as_str(), caf.name.as_deref()),
        ("49", Some("Maine-et-Loire"))
    );
    assert_eq!(caf.region.as_ref().unwrap().name, "Pays de la Loire");
}

#[test]
fn signing_dates_that_differ_are_listed_as_a_conflict() {
    let records = [
        signed(press("p1"), "2024-04-04"),
        signed(pdf("p2"), "2024-04-02"),
        signed(press("p3"), "--04-04"),
    ];
    let found = of(&records);
    assert_eq!(found.len(), 1, "two days apart: one signing");
    let c = &found[0];
    let date = c.signing_date.as_ref().unwrap();
    assert_eq!(
        (date.value.as_str(), date.source.0.as_str()),
        ("2024-04-02", "p2"),
        "the convention's date"
    );
    let [Conflict::SigningDate { values }] = &c.conflicts[..] else {
        panic!("one signing date conflict: {:?}", c.conflicts);
    };
    let given: Vec<(&str, &str)> = values
        .iter()
        .map(|v| (v.source.0.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(
        given,
        [
            ("p1", "2024-04-04"),
            ("p2", "2024-04-02"),
            ("p3", "--04-04")
        ]
    );
}

#[test]
fn a_date_without_year_agrees_with_the_same_day() {
    let found = of(&[
        signed(press("x1"), "--06-28"),
        signed(pdf("x2"), "2024-06-28"),
    ]);
    assert_eq!(found.len(), 1);
    assert!(found[0].conflicts.is_empty());
    assert_eq!(found[0].signing_date.as_ref().unwrap().value, "2024-06-28");
    assert_eq!(found[0].signing_year(), Some(2024));
}

#[test]
fn without_a_convention_document_the_most_precise_date_wins() {
    let found = of(&[
        signed(press("m1"), "--06-27"),
        signed(press("m2"), "2024-06-28"),
    ]);
    assert_eq!(found.len(), 1);
    let date = found[0].signing_date.as_ref().unwrap();
    assert_eq!(
        (date.value.as_str(), date.source.0.as_str()),
        ("2024-06-28", "m2")
    );
    assert_eq!(found[0].conflicts.len(), 1);
}

#[test]
fn different_territories_make_two_conventions() {
    let mut other = signed(press("t2"), "2023-12-14");
    other.territories = vec![territory(TerritoryKind::Commune, "Angers", Some("49007"))];
    let found = of(&[signed(press("t1"), "2023-12-14"), other]);
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].communes.len(), 1);
    assert_eq!(found[1].communes[0].name, "Angers");
}

#[test]
fn different_caf_departments_make_two_conventions() {
    let mut other = signed(press("d2"), "2023-12-14");
    other.caf[0].department = Some("85".into());
    assert_eq!(of(&[signed(press("d1"), "2023-12-14"), other]).len(), 2);
}

#[test]
fn territories_without_code_are_compared_by_folded_name() {
    let sivu = |id: &str, name: &str| {
        let mut r = signed(press(id), "2024-06-18");
        r.territories = vec![territory(TerritoryKind::Syndicat, name, None)];
        r
    };
    let found = of(&[
        sivu("s1", "SIVU Enfance-Jeunesse des Coteaux"),
        sivu("s2", "Sivu enfance jeunesse des coteaux"),
        sivu("s3", "SIVU du Jabron"),
    ]);
    assert_eq!(
        found.iter().map(|c| c.sources.len()).collect::<Vec<_>>(),
        [2, 1]
    );
}

#[test]
fn different_years_make_two_conventions() {
    let found = of(&[
        covering(
            signed(press("y1"), "2018-06-01"),
            Some("2018"),
            Some("2021"),
        ),
        covering(
            signed(press("y2"), "2022-06-10"),
            Some("2022"),
            Some("2025"),
        ),
    ]);
    assert_eq!(found.len(), 2);
    // one convention following the other: they share only their edge year
    let found = of(&[
        covering(press("z1"), Some("2020"), Some("2024")),
        covering(press("z2"), Some("2024"), Some("2028")),
    ]);
    assert_eq!(found.len(), 2);
    // a signing year outside the other's period
    let found = of(&[
        signed(press("w1"), "2019-03-01"),
        covering(press("w2"), Some("2023"), Some("2026")),
    ]);
    assert_eq!(found.len(), 2);
}

#[test]
fn overlapping_periods_that_differ_are_one_convention_with_a_conflict() {
    let found = of(&[
        lasting(
            covering(press("o1"), Some("2023"), Some("2027")),
            5,
            DurationUnit::Year,
        ),
        covering(pdf("o2"), Some("2023"), Some("2026")),
    ]);
    assert_eq!(found.len(), 1);
    let c = &found[0];
    assert_eq!(
        c.period.as_ref().unwrap().end,
        Some(2026),
        "the convention's period"
    );
    let fields: Vec<&str> = c
        .conflicts
        .iter()
        .map(|x| match x {
            Conflict::SigningDate { .. } => "signing_date",
            Conflict::Period { .. } => "period",
            Conflict::Duration { .. } => "duration",
        })
        .collect();
    assert_eq!(fields, ["period", "duration"]);
    let Conflict::Duration { values } = &c.conflicts[1] else {
        unreachable!()
    };
    let given: Vec<(u32, DurationBasis)> = values.iter().map(|v| (v.months, v.basis)).collect();
    assert_eq!(
        given,
        [(60, DurationBasis::Stated), (48, DurationBasis::Period)]
    );
}

#[test]
fn durations_in_months_and_full_date_periods_count_exact_months() {
    let found = of(&[covering(pdf("f1"), Some("2022-07-01"), Some("2026-06-30"))]);
    let d = found[0].duration.as_ref().unwrap();
    assert_eq!(
        (d.months, d.years, d.basis),
        (48, 4.0, DurationBasis::Period)
    );
    let found = of(&[lasting(pdf("f2"), 18, DurationUnit::Month)]);
    assert_eq!(found[0].duration.as_ref().unwrap().years, 1.5);
}

#[test]
fn an_undated_record_joins_one_convention_and_never_chains_two() {
    let found = of(&[
        covering(signed(pdf("c1"), "2018-06-01"), Some("2018"), Some("2021")),
        covering(signed(pdf("c3"), "2022-06-10"), Some("2022"), Some("2025")),
        // fits both; agrees more with the second (same period)
        covering(press("c2"), Some("2022"), Some("2025")),
        // fits both equally: the smaller ids win
        press("c0"),
    ]);
    let groups: Vec<Vec<&str>> = found.iter().map(ids).collect();
    assert_eq!(groups, [vec!["c0", "c1"], vec!["c2", "c3"]]);
}

#[test]
fn a_record_without_territory_or_caf_department_is_its_own_convention() {
    let mut caf_only = signed(press("e1"), "2023-12-14");
    caf_only.territories.clear();
    let mut no_department = signed(press("e2"), "2023-12-14");
    no_department.caf[0].department = None;
    let found = of(&[caf_only, no_department, signed(pdf("e3"), "2023-12-14")]);
    assert_eq!(found.len(), 3);
    assert!(found[0].territories.is_empty() && found[0].communes.is_empty());
    assert!(found[1].caf.is_empty());
}

#[test]
fn a_shared_departement_party_alone_does_not_link() {
    let departement = territory(
        TerritoryKind::Departement,
        "Conseil départemental",
        Some("49"),
    );
    let mut a = signed(press("g1"), "2023-12-14");
    a.territories.push(departement.clone());
    let mut b = signed(press("g2"), "2023-12-14");
    b.territories = vec![
        territory(TerritoryKind::Commune, "Angers", Some("49007")),
        departement.clone(),
    ];
    assert_eq!(of(&[a, b]).len(), 2);
    // a departmental convention, named only by its parties that are not local
    let mut c = signed(press("g3"), "2021-03-01");
    c.territories = vec![departement.clone()];
    let mut d = signed(pdf("g4"), "2021-03-01");
    d.territories = vec![departement];
    assert_eq!(of(&[c, d]).len(), 1);
}

#[test]
fn a_commune_deleguee_covers_its_commune_nouvelle() {
    let mut r = press("h1");
    r.caf[0].department = Some("50".into());
    r.territories = vec![territory(
        TerritoryKind::Commune,
        "Tourlaville",
        Some("50602"),
    )];
    let found = of(&[r]);
    let covered = &found[0].communes;
    assert_eq!(covered.len(), 1);
    assert_eq!(
        (covered[0].insee.as_str(), covered[0].via[0].as_str()),
        ("50129", "50602")
    );
}

#[test]
fn the_result_does_not_depend_on_the_order_of_the_records() {
    let mut angers = signed(press("k5"), "2019-09-06");
    angers.territories = vec![territory(TerritoryKind::Commune, "Angers", Some("49007"))];
    let records = vec![
        covering(signed(pdf("k1"), "2018-06-01"), Some("2018"), Some("2021")),
        covering(signed(pdf("k2"), "2022-06-10"), Some("2022"), Some("2025")),
        signed(press("k3"), "2022-06-13"),
        press("k4"),
        angers,
        signed(press("k6"), "--06-01"),
        covering(press("k7"), Some("2022"), None),
    ];
    let expected = of(&records);
    assert_eq!(expected.len(), 3);
    for shift in 1..records.len() {
        let mut shuffled = records.clone();
        shuffled.rotate_left(shift);
        if shift % 2 == 1 {
            shuffled.reverse();
        }
        assert_eq!(of(&shuffled), expected, "rotated by {shift}");
    }
    // a record given twice counts once
    let mut twice = records.clone();
    twice.push(records[2].clone());
    assert_eq!(of(&twice), expected);
}

#[test]
fn signatories_are_one_entry_per_person_across_sources() {
    use ctg_core::record::Signatory;
    let person = |name: &str, role: Option<&str>| Signatory {
        name: name.into(),
        role: role.map(Into::into),
        role_code: None,
        organization: None,
        party: None,
        evidence: evidence(),
        role_evidence: None,
        organization_evidence: None,
    };
    let mut a = signed(press("n1"), "2023-12-14");
    a.signatories = vec![
        person("Anne Martin", None),
        person("Paul Durand", Some("maire")),
    ];
    let mut b = signed(pdf("n2"), "2023-12-14");
    b.signatories = vec![person("Anne MARTIN", Some("directrice"))];
    let found = of(&[a, b]);
    let people: Vec<(&str, Option<&str>, usize)> = found[0]
        .signatories
        .iter()
        .map(|s| (s.name.as_str(), s.role.as_deref(), s.sources.len()))
        .collect();
    assert_eq!(
        people,
        [
            ("Anne Martin", Some("directrice"), 2),
            ("Paul Durand", Some("maire"), 1)
        ]
    );
}

#[test]
fn load_names_the_file_and_line_and_asks_for_an_extract() {
    let dir = tempfile::tempdir().unwrap();
    let missing = load(&dir.path().join("nowhere")).unwrap_err();
    assert_eq!(missing.code(), "dataset.no_corpus");
    assert!(
        missing.to_string().contains("run `ctg extract` first"),
        "{missing}"
    );
    let empty = load(dir.path()).unwrap_err();
    assert!(empty.to_string().contains("corpus.jsonl"), "{empty}");

    let line = serde_json::to_string(&press("l1")).unwrap();
    std::fs::write(
        dir.path().join("corpus.jsonl"),
        format!("{line}\n{{\"id\": 3}}\n"),
    )
    .unwrap();
    let bad = load(dir.path()).unwrap_err();
    assert_eq!(bad.code(), "dataset.parse");
    assert!(bad.to_string().contains("corpus.jsonl, line 2"), "{bad}");

    std::fs::write(dir.path().join("corpus.jsonl"), format!("{line}\n")).unwrap();
    assert_eq!(load(dir.path()).unwrap(), [press("l1")]);
}

mod roundups;
