//! The reference tables: regions, departments with their communes and
//! population (what shares of coverage are taken against), and the axes of
//! the guide in its order.
//!
//! Every region and department of the reference data is listed, with or
//! without conventions, so that a query can compare all of them; a department
//! code a record gives that the reference data does not know gets a row of
//! its own, with nothing but its code.

use super::{row, Table};
use ctg_core::record::Record;
use ctg_core::refdata::{CommuneType, RefData};
use ctg_core::rules::builtin;
use std::collections::{BTreeMap, BTreeSet};

const REGIONS: &[&str] = &["code", "name"];
const DEPARTMENTS: &[&str] = &["code", "name", "region", "communes", "population"];
const AXIS_CODES: &[&str] = &["code", "position"];

/// `regions`, `departments`, `axis_codes`.
pub(super) fn tables(records: &[&Record], refdata: &RefData) -> Vec<Table> {
    let mut regions = Table::new("regions", REGIONS, 1);
    for r in &refdata.regions {
        regions.rows.push(row![r.code, r.name]);
    }

    let mut totals: BTreeMap<&str, (usize, u64)> = BTreeMap::new();
    for c in &refdata.communes {
        if c.kind == CommuneType::Commune {
            let total = totals.entry(c.departement).or_default();
            total.0 += 1;
            total.1 += u64::from(c.population.unwrap_or(0));
        }
    }
    let mut departments = Table::new("departments", DEPARTMENTS, 1);
    for d in &refdata.departements {
        let (communes, population) = totals.get(d.code).copied().unwrap_or_default();
        departments
            .rows
            .push(row![d.code, d.name, d.region, communes, population]);
    }
    let unknown: BTreeSet<&str> = records
        .iter()
        .flat_map(|r| {
            let cafs = r.caf.iter().filter_map(|c| c.department.as_deref());
            cafs.chain(r.communes.iter().map(|c| c.department.as_str()))
        })
        .filter(|code| refdata.departement(code).is_none())
        .collect();
    for code in unknown {
        departments.rows.push(row![
            code,
            None::<&str>,
            None::<&str>,
            None::<u32>,
            None::<u32>
        ]);
    }

    let mut axes = Table::new("axis_codes", AXIS_CODES, 1);
    for (i, axis) in builtin::axes().iter().enumerate() {
        axes.rows.push(row![axis.code.as_str(), i + 1]);
    }
    vec![regions, departments, axes]
}
