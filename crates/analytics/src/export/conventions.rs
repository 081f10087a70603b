//! The convention-level tables: one row per convention, its CAF departments,
//! territories, axes, covered communes (and through which party), and the
//! conflicts between its documents.
//!
//! The values are those of [`Convention`], as `ctg compare` counts them; the
//! evidence of each stays with the documents it came from (the `*_source`
//! columns and `conflicts.document_id` lead there).

use super::{name, row, Table};
use crate::dataset::{Conflict, Convention, DurationYears, PeriodYears};

const CONVENTIONS: &[&str] = &[
    "id",
    "status",
    "status_source",
    "year",
    "signing_date",
    "signing_precision",
    "signing_source",
    "period_start",
    "period_end",
    "period_source",
    "duration_years",
    "duration_months",
    "duration_basis",
    "duration_source",
    "n_documents",
    "n_conflicts",
];
const DEPARTMENTS: &[&str] = &["convention_id", "department"];
const TERRITORIES: &[&str] = &["convention_id", "position", "kind", "code", "name"];
const AXES: &[&str] = &["convention_id", "axis"];
const COMMUNES: &[&str] = &["convention_id", "insee", "name", "department", "population"];
const VIA: &[&str] = &["convention_id", "insee", "via"];
const CONFLICTS: &[&str] = &["convention_id", "field", "document_id", "value"];

/// `conventions`, `convention_departments`, `convention_territories`,
/// `convention_axes`, `convention_communes`, `convention_commune_via`,
/// `conflicts`.
pub(super) fn tables(conventions: &[Convention]) -> Vec<Table> {
    let mut main = Table::new("conventions", CONVENTIONS, 1);
    let mut departments = Table::new("convention_departments", DEPARTMENTS, 2);
    let mut territories = Table::new("convention_territories", TERRITORIES, 2);
    let mut axes = Table::new("convention_axes", AXES, 2);
    let mut communes = Table::new("convention_communes", COMMUNES, 2);
    let mut via = Table::new("convention_commune_via", VIA, 3);
    let mut conflicts = Table::new("conflicts", CONFLICTS, 3);
    for c in conventions {
        let id = &c.id.0;
        let date = c.signing_date.as_ref();
        let period = c.period.as_ref();
        let duration = c.duration.as_ref();
        main.rows.push(row![
            id,
            c.status.as_ref().map(|s| name(&s.value)),
            c.status.as_ref().map(|s| &s.source.0),
            c.year(),
            date.map(|d| &d.value),
            date.map(|d| name(&d.precision)),
            date.map(|d| &d.source.0),
            period.and_then(|p| p.start),
            period.and_then(|p| p.end),
            period.map(|p| &p.source.0),
            duration.map(|d| d.years),
            duration.map(|d| d.months),
            duration.map(|d| name(&d.basis)),
            duration.map(|d| &d.source.0),
            c.sources.len(),
            c.conflicts.len(),
        ]);
        for d in &c.caf {
            departments.rows.push(row![id, &d.code]);
        }
        for (i, t) in c.territories.iter().enumerate() {
            territories
                .rows
                .push(row![id, i + 1, name(&t.kind), t.code.as_ref(), &t.name]);
        }
        for a in &c.axes {
            axes.rows.push(row![id, &a.code]);
        }
        for commune in &c.communes {
            communes.rows.push(row![
                id,
                &commune.insee,
                &commune.name,
                &commune.department,
                commune.population,
            ]);
            for code in &commune.via {
                via.rows.push(row![id, &commune.insee, code]);
            }
        }
        for conflict in &c.conflicts {
            for (field, document, value) in conflict_values(conflict) {
                conflicts.rows.push(row![id, field, document, value]);
            }
        }
    }
    vec![
        main,
        departments,
        territories,
        axes,
        communes,
        via,
        conflicts,
    ]
}

/// Each document's value of a conflicting field, in ISO 8601: a date
/// (`2024-04-02`, `--04-02`), an interval of years (`2023/2026`, `2023/..`
/// when only the start is stated), a duration in months (`P48M`).
fn conflict_values(conflict: &Conflict) -> Vec<(&'static str, &str, String)> {
    match conflict {
        Conflict::SigningDate { values } => values
            .iter()
            .map(|d| ("signing_date", d.source.0.as_str(), d.value.clone()))
            .collect(),
        Conflict::Period { values } => values
            .iter()
            .map(|p| ("period", p.source.0.as_str(), interval(p)))
            .collect(),
        Conflict::Duration { values } => values
            .iter()
            .map(|d| ("duration", d.source.0.as_str(), months(d)))
            .collect(),
    }
}

fn interval(p: &PeriodYears) -> String {
    let year = |y: Option<i32>| y.map_or_else(|| "..".to_string(), |y| format!("{y:04}"));
    format!("{}/{}", year(p.start), year(p.end))
}

fn months(d: &DurationYears) -> String {
    format!("P{}M", d.months)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{DurationBasis, SigningDay};
    use ctg_core::record::{DocId, Precision};

    #[test]
    fn conflicting_values_are_iso_8601() {
        let doc = |id: &str| DocId(id.into());
        let period = |start, end| PeriodYears {
            start,
            end,
            source: doc("b"),
        };
        assert_eq!(interval(&period(Some(2023), Some(2026))), "2023/2026");
        assert_eq!(interval(&period(Some(2023), None)), "2023/..");
        assert_eq!(interval(&period(None, Some(2026))), "../2026");
        let duration = DurationYears {
            years: 1.5,
            months: 18,
            basis: DurationBasis::Stated,
            source: doc("c"),
        };
        assert_eq!(months(&duration), "P18M");
        let conflict = Conflict::SigningDate {
            values: vec![
                SigningDay {
                    value: "2024-04-02".into(),
                    precision: Precision::Day,
                    year_candidates: Vec::new(),
                    source: doc("a"),
                },
                SigningDay {
                    value: "--04-04".into(),
                    precision: Precision::MonthDay,
                    year_candidates: Vec::new(),
                    source: doc("b"),
                },
            ],
        };
        assert_eq!(
            conflict_values(&conflict),
            [
                ("signing_date", "a", "2024-04-02".to_string()),
                ("signing_date", "b", "--04-04".to_string()),
            ]
        );
    }
}
