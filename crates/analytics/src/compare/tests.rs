//! Comparison rows from hand-built conventions, and their three renderings.

use super::render::percent;
use super::*;
use crate::dataset::{
    CafDepartment, ConventionAxis, ConventionId, ConventionTerritory, DurationBasis, DurationYears,
    PeriodYears, Region, SigningDay, SourceDoc,
};
use ctg_core::record::{DocId, DocType, Precision};
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
                path: format!("docs/{id}.txt"),
                doc_type: DocType::PressRelease,
            })
            .collect(),
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
    let table = table(&sample(), refdata::get(), GroupBy::Department);
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
    let table = table(&sample(), refdata::get(), GroupBy::Region);
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
    let table = table(&conventions, refdata::get(), GroupBy::Year);
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
    let table = table(&conventions, refdata::get(), GroupBy::Department);
    let last = table.rows.last().unwrap();
    assert_eq!((last.key.clone(), last.name.clone()), (Key::Unknown, None));
    assert_eq!((last.commune_share, last.population_share), (None, None));
}

#[test]
fn csv_has_every_column_and_rfc_4180_quoting() {
    let mut conventions = sample();
    conventions.truncate(2);
    let mut table = table(&conventions, refdata::get(), GroupBy::Department);
    table.rows[0].name = Some("Maine, \"Loire\"".into());
    let text = csv(&table, CsvStyle::Standard);
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines.len(),
        4,
        "header, one row, total, and the final line break"
    );
    assert_eq!(lines[3], "");
    let header: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(
        header[..6],
        [
            "department",
            "name",
            "conventions",
            "documents",
            "first_year",
            "last_year"
        ]
    );
    assert_eq!(header[6..8], ["year_2019", "year_2023"]);
    assert_eq!(header[8], "median_duration_years");
    assert_eq!(header[9], "axis_petite_enfance");
    assert_eq!(*header.last().unwrap(), "conflicts");
    assert!(
        lines[1].starts_with("49,\"Maine, \"\"Loire\"\"\",2,3,2019,2023,1,1,4.5,0.5,0,1,"),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("total,,2,3,"), "{}", lines[2]);
}

#[test]
fn excel_csv_has_a_bom_semicolons_and_decimal_commas() {
    let table = table(&sample()[..2], refdata::get(), GroupBy::Department);
    let text = csv(&table, CsvStyle::Excel);
    assert!(text.starts_with("\u{feff}department;name;conventions;"));
    let row = text.split("\r\n").nth(1).unwrap();
    assert!(
        row.starts_with("49;Maine-et-Loire;2;3;2019;2023;1;1;4,5;0,5;0;1;"),
        "{row}"
    );
}

#[test]
fn json_rows_keep_their_key_order_and_parse() {
    let table = table(&sample(), refdata::get(), GroupBy::Year);
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
    let mut table = table(&sample(), refdata::get(), GroupBy::Department);
    table.rows[0].name = Some("a|b".into());
    let text = markdown(&table);
    assert_eq!(text.matches("\n## ").count() + 1, 3);
    assert!(
        text.contains("| 27 | a\\|b | 1 | 1 | 2022 | 2022 | 3 |"),
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
fn percentages_show_a_small_share_as_not_zero() {
    assert_eq!(percent(0.0004), "<0.1%");
    assert_eq!(percent(0.0), "0%");
    assert_eq!(percent(1.0), "100%");
    assert_eq!(percent(1.0 / 3.0), "33.3%");
}
