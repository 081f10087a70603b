//! Where rule files come from: the shipped `rules/` folder embedded in the binary, or
//! a folder given with `--rules`. Both go through the same compiler.

use super::compile::Source;
use super::error::RuleError;
use super::lexicon::AxisDef;
use super::model::RuleFile;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

// `BUILTIN`: every `.toml` file of `rules/`, in path order (see build.rs).
include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The thematic axes of the built-in rules (`rules/lexicon/axes.toml`), in
/// their order: the fixed vocabulary that compare, export and the report show.
pub fn axes() -> &'static [AxisDef] {
    static AXES: OnceLock<Vec<AxisDef>> = OnceLock::new();
    AXES.get_or_init(|| {
        let (_, content) = BUILTIN
            .iter()
            .find(|(path, _)| *path == "lexicon/axes.toml")
            .expect("the axes file is built in");
        let file: RuleFile = toml::from_str(content).expect("the built-in axes file parses");
        file.axis
            .into_iter()
            .map(|a| AxisDef {
                code: a.code.into_inner(),
                label_fr: a.label_fr,
                label_en: a.label_en,
            })
            .collect()
    })
}

/// The built-in rule sources.
pub fn sources() -> Vec<Source> {
    BUILTIN
        .iter()
        .map(|(path, content)| Source {
            path: PathBuf::from(path),
            content: content.to_string(),
        })
        .collect()
}

/// Every `.toml` file under `dir`, recursively, in path order.
pub fn read_dir(dir: &Path) -> Result<Vec<Source>, RuleError> {
    let mut paths = Vec::new();
    collect(dir, &mut paths)?;
    paths.sort();
    let mut sources = Vec::with_capacity(paths.len());
    for path in paths {
        let content = std::fs::read_to_string(&path).map_err(|e| RuleError::Read {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        let relative = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
        sources.push(Source {
            path: relative,
            content,
        });
    }
    if sources.is_empty() {
        return Err(RuleError::Read {
            path: dir.display().to_string(),
            message: "no .toml rule file in this folder".into(),
        });
    }
    Ok(sources)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), RuleError> {
    let entries = std::fs::read_dir(dir).map_err(|e| RuleError::Read {
        path: dir.display().to_string(),
        message: e.to_string(),
    })?;
    for entry in entries {
        let entry = entry.map_err(|e| RuleError::Read {
            path: dir.display().to_string(),
            message: e.to_string(),
        })?;
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_in_the_folder_is_embedded_and_identical() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
        let on_disk = read_dir(&dir).unwrap();
        let mut disk: Vec<(String, String)> = on_disk
            .into_iter()
            .map(|s| (s.path.to_string_lossy().replace('\\', "/"), s.content))
            .collect();
        let mut embedded: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect();
        disk.sort();
        embedded.sort();
        assert_eq!(
            disk.iter().map(|d| &d.0).collect::<Vec<_>>(),
            embedded.iter().map(|d| &d.0).collect::<Vec<_>>(),
            "add new rule files to BUILTIN in src/rules/builtin.rs"
        );
    }

    #[test]
    fn builtin_rules_compile() {
        let set = super::super::RuleSet::load(None);
        assert!(set.is_ok(), "{:?}", set.err());
    }
}
