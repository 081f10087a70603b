//! Works out, once at build time, what loading the built-in rules learns of
//! each pattern's syntax (`ctg_core::rules::prepared`), and writes it to
//! `$OUT_DIR/prepared.json` for `pipeline.rs`: at run time the built-in
//! patterns are then parsed only when a text needs them. It does not serve
//! a `--rules` folder, which compiles at run time.

use ctg_core::rules::prepared::Prepared;
use ctg_core::rules::RuleSet;
use std::path::PathBuf;

fn main() {
    // the rules are embedded in ctg-core, which rebuilds (and this script
    // runs again) when they change; the folder is named for clarity
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=rules");
    let rules = RuleSet::load(None).expect("built-in rules compile (ctg-core's tests prove it)");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("prepared.json"), Prepared::write(&rules))
        .expect("OUT_DIR is writable");
}
