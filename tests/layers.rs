//! Every import points down.
//!
//! The layer order of each crate is written once, below. This test reads the
//! sources and fails, naming the file and the import, when a module imports from
//! a module of a higher layer, or when modules import each other (a cycle of any
//! length among the modules of a crate). A child module may use its parent's
//! items (`use super::Convention`): that is one module split over files, not an
//! import between modules. Tests (`#[cfg(test)]` blocks, `tests.rs` files) are
//! left out: a test may reach anywhere.
//!
//! Between crates, Cargo already refuses cycles: `ctg-atomic` and `ctg-core` at
//! the bottom, `ctg-analytics` and `ctg-synth` above the core, the `ctg` binary
//! on top.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A crate's source folder and its layers, lowest first. A module not listed
/// is refused, so that a new module gets its place in the order.
struct CrateLayers {
    src: &'static str,
    layers: &'static [&'static [&'static str]],
}

const CRATES: &[CrateLayers] = &[
    CrateLayers {
        src: "crates/atomic/src",
        layers: &[],
    },
    CrateLayers {
        src: "crates/core/src",
        layers: &[
            // output types and plain data; the time and memory budget every stage checks
            &["record", "calendar", "manifest", "budget"],
            // bytes -> text, reference data
            &["normalize", "ingest", "refdata"],
            // rule files and the lexicon, the rule engine
            &["rules"],
            // place names -> codes
            &["places"],
            // decisions that are not matches: year inference, choosing
            &["resolve"],
            // one file per field
            &["extract"],
            // one document end to end, rule examples, explain
            &["process", "check", "explain"],
        ],
    },
    CrateLayers {
        src: "crates/analytics/src",
        layers: &[
            // words and workbooks: no knowledge of conventions
            &["labels", "xlsx"],
            &["dataset"],
            &["compare"],
            &["export", "report"],
        ],
    },
    CrateLayers {
        src: "crates/synth/src",
        layers: &[],
    },
    CrateLayers {
        src: "src",
        layers: &[
            // and the binary's allocator, which counts for the core's budget
            &["exit", "input", "isolate", "sink", "counting"],
            &["cache"],
            &["pipeline"],
            &["merge", "commands"],
            &["cli", "main"],
        ],
    },
];

/// A module path inside a crate: `["extract", "signatories"]`; the crate root is empty.
type Module = Vec<String>;

/// The module a source file defines: `extract/mod.rs` -> `extract`,
/// `extract/places.rs` -> `extract::places`, `lib.rs` -> the root.
fn module_of(relative: &str) -> Module {
    let trimmed = relative.trim_end_matches(".rs");
    let mut parts: Vec<String> = trimmed.split('/').map(str::to_string).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    if parts.len() == 1 && parts[0] == "main" {
        // the binary's root: its modules (`mod cli;`) are `cli`, its own code `main`
        return parts;
    }
    parts
}

/// The code of a file without its tests and comments.
fn code_of(source: &str) -> String {
    let before_tests = source.split("#[cfg(test)]").next().unwrap_or("");
    before_tests
        .lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Expands a `use` tree (`crate::a::{b, c::{d, e}}`) into its paths.
fn expand_tree(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or(tree).trim().to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand_tree)
        .map(|p| {
            if p == "self" {
                prefix.trim_end_matches("::").to_string()
            } else {
                format!("{prefix}{p}")
            }
        })
        .collect()
}

/// Every `crate::` or `super::` path the code names, in `use` declarations or inline.
fn paths_in(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before_ok = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '_');
        let Some(end) = rest[at..].find(';') else {
            break;
        };
        if before_ok {
            let tree: String = rest[at + 4..at + end].split_whitespace().collect();
            paths.extend(expand_tree(&tree));
        }
        rest = &rest[at + end + 1..];
    }
    // inline paths: `crate::places::warm_up()`, outside the `use` declarations
    let code = &without_uses(code);
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let at = from + at;
            let boundary = at == 0
                || !(bytes[at - 1].is_ascii_alphanumeric()
                    || bytes[at - 1] == b'_'
                    || bytes[at - 1] == b':');
            let end = code[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| at + e);
            if boundary {
                paths.push(code[at..end].trim_end_matches(':').to_string());
            }
            from = end.max(at + 1);
        }
    }
    paths
}

/// The code with its `use` declarations blanked out.
fn without_uses(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let end = rest[at..].find(';').map_or(rest.len(), |e| at + e + 1);
        out.push_str(&rest[..at]);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The module a path designates: the longest prefix that is a module of the crate.
fn resolve(
    path: &str,
    from: &Module,
    is_dir_module: bool,
    modules: &BTreeSet<Module>,
) -> Option<Module> {
    let mut segments: Vec<&str> = path.split("::").collect();
    let mut base: Module = match segments.first() {
        Some(&"crate") => {
            segments.remove(0);
            Vec::new()
        }
        Some(&"super") => {
            // `super` of `a/b.rs` is `a`; of `a/b/mod.rs` (the module `a::b`) also `a`
            let mut base = from.clone();
            let _ = is_dir_module;
            while segments.first() == Some(&"super") {
                segments.remove(0);
                base.pop();
            }
            base
        }
        _ => return None,
    };
    let mut best = base.clone();
    for s in segments {
        base.push(s.to_string());
        if modules.contains(&base) {
            best = base.clone();
        }
    }
    Some(best)
}

/// An import that breaks the order.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Violation(String);

/// Checks one crate given as (file path relative to its src folder, content).
fn check(layers: &[&[&str]], files: &BTreeMap<String, String>) -> Vec<Violation> {
    let modules: BTreeSet<Module> = files.keys().map(|f| module_of(f)).collect();
    let layer_of = |m: &Module| -> Option<usize> {
        let top = m.first()?;
        layers.iter().position(|l| l.contains(&top.as_str()))
    };
    let mut violations = Vec::new();
    // (from, to) -> the first file and path that import it, per granularity:
    // file modules, and top-level modules
    let mut by_file: BTreeMap<(Module, Module), (String, String)> = BTreeMap::new();
    let mut by_top: BTreeMap<(Module, Module), (String, String)> = BTreeMap::new();
    for (file, source) in files {
        if file.ends_with("tests.rs") || file.contains("/tests/") {
            continue;
        }
        let from = module_of(file);
        if !layers.is_empty() && !from.is_empty() && layer_of(&from).is_none() {
            violations.push(Violation(format!(
                "{file}: module `{}` has no layer; add it to the order in tests/layers.rs",
                from[0]
            )));
            continue;
        }
        let dir_module = file.ends_with("mod.rs");
        for path in paths_in(&code_of(source)) {
            let Some(to) = resolve(&path, &from, dir_module, &modules) else {
                continue;
            };
            // the module itself, or one of its ancestors (a child using its parent's items)
            if to.is_empty() || from.starts_with(&to) {
                continue;
            }
            if let (Some(a), Some(b)) = (layer_of(&from), layer_of(&to)) {
                if b > a {
                    violations.push(Violation(format!(
                        "{file}: `{path}` imports from `{}`, a higher layer than `{}`",
                        to.join("::"),
                        from[0]
                    )));
                }
            }
            let seen = (file.clone(), path.clone());
            by_file
                .entry((from.clone(), to.clone()))
                .or_insert(seen.clone());
            if !from.is_empty() && from[0] != to[0] {
                let top = (vec![from[0].clone()], vec![to[0].clone()]);
                by_top.entry(top).or_insert(seen);
            }
        }
    }
    let mut reported: BTreeSet<String> = BTreeSet::new();
    for imports in [&by_file, &by_top] {
        let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
        for (from, to) in imports.keys() {
            edges.entry(from.clone()).or_default().insert(to.clone());
        }
        for cycle in cycles(&edges) {
            let shown: Vec<String> = cycle
                .windows(2)
                .map(|w| {
                    let (file, path) = &imports[&(w[0].clone(), w[1].clone())];
                    format!("{file} uses `{path}`")
                })
                .collect();
            let message = format!("modules import each other: {}", shown.join(", "));
            if reported.insert(message.clone()) {
                violations.push(Violation(message));
            }
        }
    }
    violations.sort();
    violations
}

/// Each cycle of the graph once, as a closed walk (first module repeated last).
fn cycles(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    // depth-first search from each module, in order; a back edge closes a cycle
    let mut found: Vec<Vec<Module>> = Vec::new();
    let mut seen_sets: BTreeSet<BTreeSet<Module>> = BTreeSet::new();
    for start in edges.keys() {
        let mut stack: Vec<(Module, Vec<Module>)> = vec![(start.clone(), vec![start.clone()])];
        let mut visited: BTreeSet<Module> = BTreeSet::new();
        while let Some((node, path)) = stack.pop() {
            for next in edges.get(&node).into_iter().flatten() {
                if next == start {
                    let set: BTreeSet<Module> = path.iter().cloned().collect();
                    if seen_sets.insert(set) {
                        let mut closed = path.clone();
                        closed.push(start.clone());
                        found.push(closed);
                    }
                } else if !path.contains(next) && visited.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    found
}

fn read_crate(src: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path
                    .strip_prefix(src)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(relative, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn every_import_points_down_and_no_two_modules_import_each_other() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    for c in CRATES {
        let files = read_crate(&root.join(c.src));
        assert!(!files.is_empty(), "{} has no sources", c.src);
        all.extend(
            check(c.layers, &files)
                .into_iter()
                .map(|v| format!("{}/{}", c.src, v.0)),
        );
    }
    assert!(
        all.is_empty(),
        "imports against the layer order:\n{}",
        all.join("\n")
    );
}

fn sources(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect()
}

const LAYERS: &[&[&str]] = &[&["record"], &["rules"], &["extract"]];

#[test]
fn an_import_from_a_higher_layer_is_named_with_its_file() {
    let files = sources(&[
        (
            "lib.rs",
            "pub mod record;\npub mod rules;\npub mod extract;",
        ),
        ("record.rs", "pub struct Evidence;"),
        (
            "rules/mod.rs",
            "pub mod compile;\nuse crate::record::Evidence;",
        ),
        (
            "rules/compile.rs",
            "use crate::extract::axes::{CODES, Other};\nuse super::Rule;",
        ),
        (
            "extract/mod.rs",
            "pub mod axes;\nuse crate::rules::{compile, Rule};",
        ),
        ("extract/axes.rs", "pub const CODES: [&str; 0] = [];"),
    ]);
    let found: Vec<String> = check(LAYERS, &files).into_iter().map(|v| v.0).collect();
    assert!(found.contains(
        &"rules/compile.rs: `crate::extract::axes::CODES` imports from `extract::axes`, a higher layer than `rules`".to_string()
    ), "{found:#?}");
    assert!(found.contains(
        &"rules/compile.rs: `crate::extract::axes::Other` imports from `extract::axes`, a higher layer than `rules`".to_string()
    ), "{found:#?}");
    // extract -> rules::compile -> extract::axes: with `extract` and its child
    // `axes` one module, that is a cycle too
    assert!(
        found
            .iter()
            .any(|v| v.starts_with("modules import each other")
                && v.contains("rules/compile.rs uses `crate::extract::axes::CODES`")),
        "{found:#?}"
    );
    // the same import inside a test block, or in a comment, is no import
    let clean = sources(&[
        ("lib.rs", ""),
        ("record.rs", ""),
        (
            "rules/mod.rs",
            "// see crate::extract::run\n#[cfg(test)]\nmod tests { use crate::extract::run; }",
        ),
        ("extract/mod.rs", "use crate::rules::Rule;"),
    ]);
    assert_eq!(check(LAYERS, &clean), vec![]);
}

#[test]
fn two_modules_of_one_layer_that_import_each_other_are_a_cycle() {
    let files = sources(&[
        ("lib.rs", ""),
        (
            "extract/mod.rs",
            "mod build;\nmod same;\npub struct Convention;",
        ),
        (
            "extract/build.rs",
            "use super::same::Signing;\nuse super::Convention;",
        ),
        (
            "extract/same.rs",
            "pub struct Signing;\nfn f() { super::build::months(); }",
        ),
    ]);
    let found = check(LAYERS, &files);
    assert_eq!(
        found,
        vec![Violation(
            "modules import each other: extract/build.rs uses `super::same::Signing`, extract/same.rs uses `super::build::months`"
                .into()
        )]
    );
}

#[test]
fn a_module_without_a_layer_is_refused() {
    let files = sources(&[("lib.rs", ""), ("utils.rs", "")]);
    assert_eq!(
        check(LAYERS, &files),
        vec![Violation(
            "utils.rs: module `utils` has no layer; add it to the order in tests/layers.rs".into()
        )]
    );
}
