//! Comparison rows from hand-built conventions, and their three renderings.

use super::render::percent;
use super::*;
use crate::dataset::{
    CafDepartment, ConventionAxis, ConventionId, ConventionStatus, ConventionTerritory,
    DurationBasis, DurationYears, PeriodYears, Region, SigningDay, SourceDoc,
};
use crate::labels::Lang;
use ctg_core::record::{DocId, DocType, Precision, StatusValue};
use ctg_core::refdata;

/// A convention of the CAFs `departments` signed on `signed` (or covering
/// `period` from its start), with one source per id of `sources`.
fn convention(sources: &[&str], departments: &[&str], signed: Option<&str>) -> Convention {
    let data = refdata::get();
    let first = DocId(sources[0].into());
    Convention {
        id: ConventionId(sources[0].into()),
        sources: sources
            .iter()
            .map(|id| SourceDoc {
                id: DocId((*id).into()),
                signing: None,
                path: format!("docs/{id}.txt"),
                doc_type: DocType::PressRelease,
                status: Some(StatusValue::Signed),
            })
            .collect(),
        status: Some(ConventionStatus {
            value: StatusValue::Signed,
            source: first.clone(),
        }),
        caf: departments
            .iter()
            .map(|code| {
                let d = data.departement(code).unwrap();
                let r = data.region(d.region).unwrap();
                CafDepartment {
                    code: (*code).into(),
                    name: Some(d.name.into()),
                    region: Some(Region {
                        code: r.code.into(),
                        name: r.name.into(),
                    }),
                    sources: vec![first.clone()],
                }
            })
            .collect(),
        territories: Vec::new(),
        signing_date: signed.map(|value| SigningDay {
            value: value.into(),
            precision: Precision::Day,
            year_candidates: Vec::new(),
            source: first.clone(),
        }),
        period: None,
        duration: None,
        axes: Vec::new(),
        communes: Vec::new(),
        signatories: Vec::new(),
        conflicts: Vec::new(),
    }
}

fn lasting(mut c: Convention, months: u32) -> Convention {
    c.duration = Some(DurationYears {
        years: f64::from(months) / 12.0,
        months,
        basis: DurationBasis::Stated,
        source: c.sources[0].id.clone(),
    });
    c
}

fn with_axes(mut c: Convention, codes: &[&str]) -> Convention {
    c.axes = codes
        .iter()
        .map(|code| ConventionAxis {
            code: (*code).into(),
            sources: vec![c.sources[0].id.clone()],
        })
        .collect();
    c
}

/// A commune party, covering that commune.
fn with_commune(mut c: Convention, insee: &str) -> Convention {
    let commune = refdata::get().commune(insee).unwrap();
    c.territories.push(ConventionTerritory {
        kind: TerritoryKind::Commune,
        name: commune.name.into(),
        code: Some(insee.into()),
        sources: vec![c.sources[0].id.clone()],
    });
    c.communes.push(CoveredCommune {
        insee: insee.into(),
        name: commune.name.into(),
        department: commune.departement.into(),
        population: commune.population,
        via: vec![insee.into()],
    });
    c
}

fn sample() -> Vec<Convention> {
    vec![
        with_axes(
            lasting(
                with_commune(
                    convention(&["a1", "a2"], &["49"], Some("2019-09-06")),
                    "49007",
                ),
                48,
            ),
            &["jeunesse", "petite_enfance"],
        ),
        with_axes(
            lasting(convention(&["b1"], &["49"], Some("2023-12-14")), 60),
            &["jeunesse"],
        ),
        // an agglomeration across two departments: two CAFs
        lasting(convention(&["c1"], &["28", "27"], Some("2022-06-30")), 36),
        convention(&["d1"], &["85"], None),
    ]
}

fn keys_of(table: &Table) -> Vec<String> {
    table.rows.iter().map(|r| r.key.to_string()).collect()
}

#[test]
fn one_row_per_caf_department_and_a_total_counting_each_convention_once() {
    let table = table(&sample(), 0, refdata::get(), GroupBy::Department);
    assert_eq!(keys_of(&table), ["27", "28", "49", "85"]);
    let anjou = &table.rows[2];
    assert_eq!(anjou.name.as_deref(), Some("Maine-et-Loire"));
    assert_eq!((anjou.conventions, anjou.documents), (2, 3));
    assert_eq!(
        (anjou.first_year, anjou.last_year),
        (Some(2019), Some(2023))
    );
    assert_eq!(anjou.median_duration_years, Some(4.5));
    let shares: Vec<(&str, f64)> = anjou
        .axes
        .0
        .iter()
        .copied()
        .filter(|(_, s)| *s > 0.0)
        .collect();
    assert_eq!(shares, [("petite_enfance", 0.5), ("jeunesse", 1.0)]);
    assert_eq!(anjou.axes.0.len(), ctg_core::rules::builtin::axes().len());
    assert_eq!((anjou.communes, anjou.territories.commune), (1, 1));
    // Angers against the current communes of Maine-et-Loire
    let data = refdata::get();
    let in_49: Vec<_> = data
        .communes
        .iter()
        .filter(|c| c.kind == CommuneType::Commune && c.departement == "49")
        .collect();
    let population: u64 = in_49
        .iter()
        .map(|c| u64::from(c.population.unwrap_or(0)))
        .sum();
    let angers = f64::from(data.commune("49007").unwrap().population.unwrap());
    assert_eq!(anjou.commune_share, Some(1.0 / in_49.len() as f64));
    assert_eq!(anjou.population_share, Some(angers / population as f64));

    assert_eq!(
        table.rows[0].conventions, 1,
        "the two-CAF convention counts in 27"
    );
    assert_eq!(table.rows[1].conventions, 1, "and in 28");
    let total = &table.total;
    assert_eq!(
        (total.key.clone(), total.conventions, total.documents),
        (Key::Total, 4, 5)
    );
    assert_eq!(total.median_duration_years, Some(4.0));
    assert_eq!(
        table.years,
        [
            Year::Known(2019),
            Year::Known(2022),
            Year::Known(2023),
            Year::Unknown
        ]
    );
}

#[test]
fn regions_gather_their_departments_and_shares_use_the_whole_region() {
    let table = table(&sample(), 0, refdata::get(), GroupBy::Region);
    // Normandie (27), Centre-Val de Loire (28), Pays de la Loire (49, 85)
    assert_eq!(keys_of(&table), ["24", "28", "52"]);
    let loire = &table.rows[2];
    assert_eq!(loire.name.as_deref(), Some("Pays de la Loire"));
    assert_eq!(loire.conventions, 3);
    let in_region = refdata::get()
        .communes
        .iter()
        .filter(|c| c.kind == CommuneType::Commune)
        .filter(|c| ["44", "49", "53", "72", "85"].contains(&c.departement))
        .count();
    assert_eq!(loire.commune_share, Some(1.0 / in_region as f64));
    assert_eq!(table.total.conventions, 4);
}

#[test]
fn years_are_the_signing_year_else_the_period_start_else_unknown() {
    let mut conventions = sample();
    conventions[3].period = Some(PeriodYears {
        start: Some(2021),
        end: Some(2024),
        source: DocId("d1".into()),
    });
    conventions.push(convention(&["e1"], &["49"], None));
    let table = table(&conventions, 0, refdata::get(), GroupBy::Year);
    assert_eq!(keys_of(&table), ["2019", "2021", "2022", "2023", "unknown"]);
    assert_eq!(table.rows[1].per_year.get(&Year::Known(2021)), Some(&1));
    // a year's shares are taken against the CAF departments of its conventions
    assert!(table.rows[2].commune_share.is_some());
    assert_eq!(table.rows[4].commune_share, Some(0.0));
    assert_eq!(table.total.conventions, 5);
}

#[test]
fn conventions_without_caf_department_have_an_unknown_row() {
    let mut conventions = sample();
    conventions[3].caf.clear();
    let table = table(&conventions, 0, refdata::get(), GroupBy::Department);
    let last = table.rows.last().unwrap();
    assert_eq!((last.key.clone(), last.name.clone()), (Key::Unknown, None));
    assert_eq!((last.commune_share, last.population_share), (None, None));
}

#[test]
fn csv_has_every_column_and_rfc_4180_quoting() {
    let mut conventions = sample();
    conventions.truncate(2);
    let mut table = table(&conventions, 0, refdata::get(), GroupBy::Department);
    table.rows[0].name = Some("Maine, \"Loire\"".into());
    let text = csv(&table, CsvStyle::Standard, Lang::Fr);
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines.len(),
        4,
        "header, one row, total, and the final line break"
    );
    assert_eq!(lines[3], "");
    let header: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(
        header[..11],
        [
            "department",
            "name",
            "conventions",
            "signed",
            "authorized",
            "to_be_signed",
            "in_preparation",
            "status_unknown",
            "documents",
            "first_year",
            "last_year"
        ]
    );
    assert_eq!(header[11..13], ["year_2019", "year_2023"]);
    assert_eq!(header[13], "median_duration_years");
    assert_eq!(header[14], "axis_petite_enfance");
    assert_eq!(*header.last().unwrap(), "conflicts");
    assert!(
        lines[1]
            .starts_with("49,\"Maine, \"\"Loire\"\"\",2,2,0,0,0,0,3,2019,2023,1,1,4.5,0.5,0,1,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("total,,2,2,0,0,0,0,3,"),
        "{}",
        lines[2]
    );
}

#[test]
fn excel_csv_has_a_bom_semicolons_and_decimal_commas() {
    let table = table(&sample()[..2], 0, refdata::get(), GroupBy::Department);
    let text = csv(&table, CsvStyle::Excel, Lang::Fr);
    assert!(
        text.starts_with("\u{feff}département;nom;conventions;signées;autorisées;"),
        "{text}"
    );
    assert!(text.contains(";Petite enfance (0-3 ans);"), "{text}");
    let row = text.split("\r\n").nth(1).unwrap();
    assert!(
        row.starts_with("49;Maine-et-Loire;2;2;0;0;0;0;3;2019;2023;1;1;4,5;0,5;0;1;"),
        "{row}"
    );
    // English headers on request
    let english = csv(&table, CsvStyle::Excel, Lang::En);
    assert!(english.starts_with("\u{feff}department;name;conventions;signed;"));
}

#[test]
fn json_rows_keep_their_key_order_and_parse() {
    let table = table(&sample(), 0, refdata::get(), GroupBy::Year);
    let text = json(&table);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(rows.len(), table.rows.len() + 1);
    assert_eq!(rows.last().unwrap()["key"], "total");
    let first = &text[text.find('{').unwrap()..text.find("\"axes\"").unwrap()];
    let order: Vec<usize> = [
        "\"key\"",
        "\"name\"",
        "\"conventions\"",
        "\"documents\"",
        "\"per_year\"",
        "\"median_duration_years\"",
    ]
    .iter()
    .map(|k| first.find(k).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{first}");
    let axes = &text[text.find("\"axes\"").unwrap()..text.find("\"communes\"").unwrap()];
    assert!(axes.find("petite_enfance").unwrap() < axes.find("loisirs_vacances").unwrap());
    let total = rows.last().unwrap();
    let years: Vec<&String> = total["per_year"].as_object().unwrap().keys().collect();
    assert_eq!(years, ["2019", "2022", "2023", "unknown"]);
}

#[test]
fn markdown_has_three_tables_with_percentages() {
    let mut table = table(&sample(), 0, refdata::get(), GroupBy::Department);
    table.rows[0].name = Some("a|b".into());
    let text = markdown(&table, Lang::En);
    assert_eq!(text.matches("\n## ").count() + 1, 3);
    assert!(
        text.contains("| 27 | a\\|b | 1 | 1 | 0 | 0 | 0 | 0 | 1 | 2022 | 2022 | 3 |"),
        "{text}"
    );
    assert!(
        text.contains("| 49 | Maine-et-Loire | 50% | 0% | 100% |"),
        "{text}"
    );
    // per year: 2019, 2022, 2023, unknown
    assert!(
        text.contains("| 49 | Maine-et-Loire | 1 | 0 | 1 | 0 |\n"),
        "{text}"
    );
    assert!(text.contains("| total |  | 1 | 1 | 1 | 1 |\n"), "{text}");
    // Angers: one commune of Maine-et-Loire's 176, 19% of its population
    let anjou = text.lines().find(|l| l.starts_with("| 49 |")).unwrap();
    assert!(anjou.contains(" | 1 | 0.6% | 19.1% | "), "{anjou}");
}

#[test]
fn markdown_in_french_by_default() {
    let table = table(&sample(), 0, refdata::get(), GroupBy::Department);
    let text = markdown(&table, Lang::Fr);
    assert!(
        text.starts_with("## Conventions par département CAF\n"),
        "{text}"
    );
    assert!(text.contains("| signées |"), "{text}");
    assert!(text.contains("## Signatures par année"), "{text}");
    assert!(text.contains("| Petite enfance (0-3 ans) |"), "{text}");
    let anjou = text.lines().find(|l| l.starts_with("| 49 |")).unwrap();
    assert!(anjou.contains(" | 4,5 | "), "{anjou}");
    assert!(
        anjou.contains(" | 0,6\u{202f}% | 19,1\u{202f}% | "),
        "{anjou}"
    );
    assert!(!text.contains("left out"), "{text}");
    for english in [
        "Conventions by",
        "share of",
        "median duration",
        "Early childhood",
    ] {
        assert!(!text.contains(english), "{english} in {text}");
    }
}

/// A convention at another stage than signed.
fn at(mut c: Convention, status: Option<StatusValue>) -> Convention {
    c.status = status.map(|value| ConventionStatus {
        value,
        source: c.sources[0].id.clone(),
    });
    c
}

#[test]
fn only_signed_conventions_count_as_signings_and_statuses_add_up() {
    let conventions = vec![
        convention(&["a1"], &["49"], Some("2023-03-01")),
        // authorized by a deliberation, with a period: not a signing of 2023
        at(
            convention(&["b1"], &["49"], None),
            Some(StatusValue::Authorized),
        ),
        at(
            convention(&["c1"], &["49"], None),
            Some(StatusValue::ToBeSigned),
        ),
        at(
            convention(&["d1"], &["49"], None),
            Some(StatusValue::InPreparation),
        ),
        at(convention(&["e1"], &["49"], None), None),
    ];
    let mut with_period = conventions;
    with_period[1].period = Some(PeriodYears {
        start: Some(2023),
        end: Some(2026),
        source: DocId("b1".into()),
    });
    let table = table(&with_period, 3, refdata::get(), GroupBy::Department);
    let anjou = &table.rows[0];
    assert_eq!(anjou.conventions, 5);
    assert_eq!(
        anjou.status,
        StatusCounts {
            signed: 1,
            authorized: 1,
            to_be_signed: 1,
            in_preparation: 1,
            unknown: 1,
        }
    );
    assert_eq!(anjou.per_year.get(&Year::Known(2023)), Some(&1));
    assert_eq!(anjou.per_year.values().sum::<usize>(), 1);
    assert_eq!(
        (anjou.first_year, anjou.last_year),
        (Some(2023), Some(2023))
    );
    assert_eq!(table.not_about_ctg, 3);
    let text = markdown(&table, Lang::Fr);
    assert!(
        text.contains("3 documents ne portant pas sur une CTG précise"),
        "{text}"
    );
}

#[test]
fn percentages_show_a_small_share_as_not_zero() {
    assert_eq!(percent(0.0004, Lang::En), "<0.1%");
    assert_eq!(percent(0.0, Lang::En), "0%");
    assert_eq!(percent(1.0, Lang::En), "100%");
    assert_eq!(percent(1.0 / 3.0, Lang::En), "33.3%");
    assert_eq!(percent(1.0 / 3.0, Lang::Fr), "33,3\u{202f}%");
    assert_eq!(percent(0.0004, Lang::Fr), "<0,1\u{202f}%");
}

/// Records read back from JSON, as `ctg extract` writes them: a round-up of
/// ten signings, a page about the Collectivité territoriale de Guyane (not
/// about a CTG) with a signing date and parties left in by hand, and the
/// convention PDF of one of the ten signings.
fn records_of_a_roundup() -> Vec<ctg_core::record::Record> {
    let data = refdata::get();
    let mut sirens: Vec<&str> = data
        .epci
        .iter()
        .filter(|e| e.departements.contains(&"49"))
        .map(|e| e.siren)
        .collect();
    sirens.sort_unstable();
    sirens.truncate(10);
    assert_eq!(sirens.len(), 10);
    let ev = r#"{"rule":"test.hand_built","start":0,"end":0,"text":""}"#;
    let caf = format!(r#"{{"name":"Caf de Maine-et-Loire","department":"49","evidence":{ev}}}"#);
    let epci = |siren: &str| {
        format!(r#"{{"kind":"epci","name":"EPCI {siren}","code":"{siren}","evidence":{ev}}}"#)
    };
    let date = |day: usize| {
        format!(
            r#"{{"value":"2023-06-{day:02}","precision":"day","year_source":"explicit","year_candidates":[],"evidence":{ev}}}"#
        )
    };
    let signings: Vec<String> = sirens
        .iter()
        .enumerate()
        .map(|(i, siren)| {
            format!(
                r#"{{"signing_date":{},"period":null,"duration":null,"caf":[{caf}],"territories":[{}],"signatories":[],"communes":[]}}"#,
                date(i + 1),
                epci(siren)
            )
        })
        .collect();
    let territories: Vec<String> = sirens.iter().map(|s| epci(s)).collect();
    let record = |id: &str,
                  doc_type: &str,
                  about: &str,
                  status: &str,
                  signing: &str,
                  territories: &str,
                  signings: &str| {
        format!(
            r#"{{"id":"{id}","source":{{"path":"docs/{id}.html","format":"html","encoding":"utf-8","bom":false,"sha256":"","bytes":0,"pages":null,"text_engine":null}},"doc_type":"{doc_type}","doc_type_evidence":[],"about_ctg":{about},"status":{status},"title":null,"published":null,"decision_date":null,"signing_date":{signing},"period":null,"duration":null,"caf":[{caf}],"territories":[{territories}],"signatories":[],"communes":[],"axes":[],"signings":[{signings}],"warnings":[]}}"#
        )
    };
    let signed = format!(r#"{{"value":"signed","evidence":[{ev}]}}"#);
    let yes = r#"{"value":true,"evidence":[]}"#;
    let no = r#"{"value":false,"evidence":[],"reason":"other_meaning"}"#;
    [
        record(
            "r0",
            "press_release",
            yes,
            &signed,
            "null",
            &territories.join(","),
            &signings.join(","),
        ),
        record(
            "g0",
            "press_release",
            no,
            "null",
            &date(20),
            &epci("200000000"),
            "",
        ),
        record(
            "a0",
            "convention",
            yes,
            &signed,
            &date(4),
            &epci(sirens[3]),
            "",
        ),
    ]
    .iter()
    .map(|json| serde_json::from_str(json).expect("a record"))
    .collect()
}

#[test]
fn a_roundup_counts_each_signing_and_a_page_not_about_a_ctg_counts_nowhere() {
    let records = records_of_a_roundup();
    let data = refdata::get();
    let conventions = crate::dataset::conventions(&records, data);
    let left_out = crate::dataset::not_about_ctg(&records).len();
    let table = table(&conventions, left_out, data, GroupBy::Department);
    assert_eq!(keys_of(&table), ["49"]);
    let anjou = &table.rows[0];
    // ten signings, one of them also known from its PDF
    assert_eq!(anjou.conventions, 10);
    assert_eq!(anjou.status.signed, 10);
    assert_eq!(anjou.documents, 2, "the round-up and the PDF, not g0");
    assert_eq!(anjou.per_year.get(&Year::Known(2023)), Some(&10));
    assert_eq!(table.total.conventions, 10);
    assert_eq!(table.not_about_ctg, 1);
    let by_year = super::table(&conventions, left_out, data, GroupBy::Year);
    assert_eq!(keys_of(&by_year), ["2023"], "g0's date counts nowhere");
}
