//! Works out, once at build time, what loading the built-in rules learns of
//! each pattern's syntax (`ctg_core::rules::prepared`), and writes it to
//! `$OUT_DIR/prepared.json` for `pipeline.rs`: at run time the built-in
//! patterns are then parsed only when a text needs them. It does not serve
//! a `--rules` folder, which compiles at run time.
//!
//! It also builds the reference data and the place indexes from `data/*.tsv`
//! and writes them to `$OUT_DIR/places.bin` (`ctg_core::refdata::compact`):
//! at run time they are read back rather than parsed, folded and indexed.

use ctg_core::rules::prepared::Prepared;
use ctg_core::rules::RuleSet;
use std::path::PathBuf;

fn main() {
    // the rules are embedded in ctg-core, which rebuilds (and this script
    // runs again) when they change; the folder is named for clarity
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=rules");
    for file in [
        "VERSION",
        "communes.tsv",
        "epci.tsv",
        "departements.tsv",
        "regions.tsv",
    ] {
        println!("cargo::rerun-if-changed=data/{file}");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    // a rule author's broken rule must not break the build: with nothing
    // prepared, the built-in rules compile at run time, where `ctg` reports
    // each error with its file and line as for a `--rules` folder
    let prepared = match RuleSet::load(None) {
        Ok(rules) => Prepared::write(&rules),
        Err(errors) => {
            println!(
                "cargo::warning=the built-in rules have {} problem(s); ctg will list them when it runs",
                errors.len()
            );
            String::new()
        }
    };
    std::fs::write(out.join("prepared.json"), prepared).expect("OUT_DIR is writable");
    let places = ctg_core::places::write_compact();
    std::fs::write(out.join("places.bin"), places).expect("OUT_DIR is writable");
}
