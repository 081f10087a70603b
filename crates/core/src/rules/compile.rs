//! Rule files (file shape) -> `RuleSet` (compiled shape).
//!
//! Expands `{name}` references to tables and sub-patterns, compiles each pattern
//! once, checks ids, fields and capture names, and collects every problem as a
//! `RuleError` naming the file, the line and the rule, with a hint. Nothing here
//! panics on a bad file.

use super::error::RuleError;
use super::field::Values;
use super::joint::Joint;
use super::lexicon::{self, AxisDef, Lexicon, TableSource};
use super::literals::Literals;
use super::model::{RuleDef, RuleFile, SettingsDef};
use super::pattern::Pattern;
use super::prepared::Prepared;
use super::scan::Scanner;
use super::{Example, Field, Rule, RuleKind, RuleSet};
use crate::record::{RuleId, StatusValue};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// One rule file's path (as shown in messages) and content.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the rules folder, e.g. `signing_date.toml`.
    pub path: PathBuf,
    /// TOML text.
    pub content: String,
}

/// 1-based line of a byte offset.
fn line_of(content: &str, byte: usize) -> usize {
    content[..byte.min(content.len())].matches('\n').count() + 1
}

/// A named thing a pattern can reference.
enum Named {
    Table {
        regex: String,
    },
    Pattern {
        regex: String,
        file: String,
        line: usize,
    },
}

struct Parsed {
    file: String,
    content: String,
    def: RuleFile,
}

/// Compiles rule sources into a rule set, or every problem found.
pub fn compile(sources: &[Source]) -> Result<RuleSet, Vec<RuleError>> {
    compile_prepared(sources, &Prepared::default())
}

/// Compiles `sources` as [`compile`] does, taking the patterns whose facts
/// are `prepared` from there rather than parsing them.
pub fn compile_prepared(
    sources: &[Source],
    prepared: &Prepared,
) -> Result<RuleSet, Vec<RuleError>> {
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for source in sources {
        let file = source.path.display().to_string();
        match toml::from_str::<RuleFile>(&source.content) {
            Ok(def) => parsed.push(Parsed {
                file,
                content: source.content.clone(),
                def,
            }),
            Err(e) => errors.push(RuleError::Syntax {
                line: e.span().map_or(1, |s| line_of(&source.content, s.start)),
                file,
                message: e.message().to_string(),
            }),
        }
    }

    let (named, tables) = collect_names(&parsed, &mut errors);
    let settings = collect_settings(&parsed, &mut errors);
    let axes = collect_axes(&parsed, &mut errors);
    let lexicon = Lexicon::build(&tables, axes, &mut errors);
    errors.extend(lexicon::unused_tables(
        &tables,
        &referenced_tables(&parsed, &tables),
    ));
    let mut jobs = Vec::new();
    let mut seen: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for p in &parsed {
        for def in &p.def.rule {
            let line = line_of(&p.content, def.id.span().start);
            let id = def.id.get_ref().clone();
            if let Some((f, l)) = seen.get(&id) {
                jobs.push(Err(RuleError::Duplicate {
                    file: p.file.clone(),
                    line,
                    what: "rule",
                    name: id,
                    first: format!("{f}:{l}"),
                }));
                continue;
            }
            seen.insert(id, (p.file.clone(), line));
            jobs.push(Ok((def, &p.file, line)));
        }
    }
    // compiling the patterns is most of the start-up: spread it over the
    // threads of the current pool (rules and errors keep their order)
    let known = Literals::default();
    // marker kinds of the document type that are no type ("minutes")
    let markers: Vec<&str> = (settings.iter())
        .flat_map(|s| s.doc_type.stands_for.keys().map(String::as_str))
        .collect();
    let cx = RuleContext {
        named: &named,
        lexicon: &lexicon,
        prepared,
        known: &known,
        markers: &markers,
    };
    let compiled: Vec<Result<Rule, RuleError>> = jobs
        .into_par_iter()
        .map(|job| job.and_then(|(def, file, line)| compile_rule(def, file, line, &cx)))
        .collect();
    let mut rules = Vec::new();
    for result in compiled {
        match result {
            Ok(rule) => rules.push(rule),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let settings = settings.expect("settings errors were reported above");
    let scanner = Scanner::new(rules.iter().flat_map(|r| &r.regexes).map(Pattern::shape));
    let joint = (scanner.joint_groups().iter())
        .map(|members| Joint::new(members.iter().map(|&p| p as usize).collect()))
        .collect();
    Ok(RuleSet {
        scanner,
        joint,
        rules,
        lexicon,
        settings,
        fingerprint: fingerprint(sources),
        files: sources.iter().map(|s| s.path.clone()).collect(),
    })
}

fn fingerprint(sources: &[Source]) -> String {
    let mut sorted: Vec<&Source> = sources.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut hash = Sha256::new();
    for s in sorted {
        hash.update(s.path.to_string_lossy().replace('\\', "/").as_bytes());
        hash.update([0]);
        hash.update(s.content.as_bytes());
        hash.update([0]);
    }
    format!("{:x}", hash.finalize())
}

fn collect_settings(parsed: &[Parsed], errors: &mut Vec<RuleError>) -> Option<SettingsDef> {
    let with: Vec<&Parsed> = parsed.iter().filter(|p| p.def.settings.is_some()).collect();
    match with.as_slice() {
        [one] => {
            let settings = one.def.settings.clone()?;
            let types = ["convention", "amendment", "deliberation", "other"];
            for (marker, doc_type) in &settings.doc_type.stands_for {
                if !types.contains(&doc_type.as_str()) || types.contains(&marker.as_str()) {
                    errors.push(RuleError::Settings {
                        message: format!(
                            "{}: [settings.doc_type]: stands_for `{marker} = \"{doc_type}\"`: the marker must be no document type, and its value one of: {}",
                            one.file,
                            types.join(", ")
                        ),
                    });
                }
            }
            // the settings that name rules: each id must be a rule of that
            // field (and of that value, when one is asked)
            let named: [(&str, &[String], &str, Option<&str>); 2] = [
                (
                    "roundup]: told_publication",
                    &settings.roundup.told_publication,
                    "published",
                    None,
                ),
                (
                    "status]: deliberation_signed",
                    &settings.status.deliberation_signed,
                    "status",
                    Some("signed"),
                ),
            ];
            for (key, ids, field, value) in named {
                for id in ids {
                    let known = parsed.iter().flat_map(|p| &p.def.rule).any(|r| {
                        r.id.get_ref() == id
                            && r.field == field
                            && value.is_none_or(|v| r.value.as_deref() == Some(v))
                    });
                    if !known {
                        let of_value = value
                            .map(|v| format!(" of value `{v}`"))
                            .unwrap_or_default();
                        errors.push(RuleError::Settings {
                            message: format!(
                                "{}: [settings.{key} names `{id}`, which is no `{field}` rule{of_value}",
                                one.file
                            ),
                        });
                    }
                }
            }
            let kinds = settings
                .doc_type
                .order
                .iter()
                .chain(settings.doc_type.min_rules.keys());
            for kind in kinds {
                let mut known: Vec<&str> = types.to_vec();
                known.extend(settings.doc_type.stands_for.keys().map(String::as_str));
                if !known.contains(&kind.as_str()) {
                    errors.push(RuleError::Settings {
                        message: format!(
                            "{}: [settings.doc_type]: unknown kind `{kind}`; known: {}",
                            one.file,
                            known.join(", ")
                        ),
                    });
                }
            }
            Some(settings)
        }
        [] => {
            errors.push(RuleError::Settings {
                message: "no rule file has a [settings] section; the built-in rules/settings.toml shows one".into(),
            });
            None
        }
        many => {
            let files: Vec<&str> = many.iter().map(|p| p.file.as_str()).collect();
            errors.push(RuleError::Settings {
                message: format!(
                    "[settings] is defined in several files ({}); keep exactly one",
                    files.join(", ")
                ),
            });
            None
        }
    }
}

/// Gathers tables and sub-patterns by name, refusing duplicates.
fn collect_names(
    parsed: &[Parsed],
    errors: &mut Vec<RuleError>,
) -> (BTreeMap<String, Named>, BTreeMap<String, TableSource>) {
    let mut named = BTreeMap::new();
    let mut where_: BTreeMap<String, String> = BTreeMap::new();
    let mut tables = BTreeMap::new();
    let mut add = |name: &str, file: &str, line: usize, what: &'static str, n: Named| {
        if let Some(first) = where_.get(name) {
            errors.push(RuleError::Duplicate {
                file: file.to_string(),
                line,
                what,
                name: name.to_string(),
                first: first.clone(),
            });
        } else {
            where_.insert(name.to_string(), format!("{file}:{line}"));
            named.insert(name.to_string(), n);
        }
    };
    for p in parsed {
        for t in &p.def.table {
            let line = line_of(&p.content, t.name.span().start);
            let source = TableSource::new(&p.file, line, t.description.clone(), &t.words);
            add(
                t.name.get_ref(),
                &p.file,
                line,
                "table",
                Named::Table {
                    regex: table_regex(source.words.iter().map(|(w, _)| w)),
                },
            );
            tables.insert(t.name.get_ref().clone(), source);
        }
        for d in &p.def.pattern {
            let line = line_of(&p.content, d.name.span().start);
            add(
                d.name.get_ref(),
                &p.file,
                line,
                "pattern",
                Named::Pattern {
                    regex: d.regex.clone(),
                    file: p.file.clone(),
                    line,
                },
            );
        }
    }
    // report unknown references and cycles inside sub-patterns once, here
    for (name, n) in &named {
        if let Named::Pattern { regex, file, line } = n {
            if let Err(e) = expand(regex, &named, &mut vec![name.clone()]) {
                errors.push(e.into_error(file, *line, format!("pattern `{name}`"), &named));
            }
        }
    }
    (named, tables)
}

/// The thematic axes, in file order; a code defined twice is refused.
fn collect_axes(parsed: &[Parsed], errors: &mut Vec<RuleError>) -> Vec<AxisDef> {
    let mut axes: Vec<AxisDef> = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for p in parsed {
        for a in &p.def.axis {
            let line = line_of(&p.content, a.code.span().start);
            let code = a.code.get_ref().clone();
            if let Some(first) = seen.get(&code) {
                errors.push(RuleError::Duplicate {
                    file: p.file.clone(),
                    line,
                    what: "axis",
                    name: code,
                    first: first.clone(),
                });
                continue;
            }
            seen.insert(code.clone(), format!("{}:{line}", p.file));
            axes.push(AxisDef {
                code,
                label_fr: a.label_fr.clone(),
                label_en: a.label_en.clone(),
            });
        }
    }
    axes
}

/// The tables some pattern references as `{name}`.
fn referenced_tables(
    parsed: &[Parsed],
    tables: &BTreeMap<String, TableSource>,
) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let sources = parsed.iter().flat_map(|p| {
        p.def.pattern.iter().map(|d| d.regex.as_str()).chain(
            p.def
                .rule
                .iter()
                .flat_map(|r| r.pattern.iter().chain(&r.patterns).map(String::as_str)),
        )
    });
    for source in sources {
        let mut rest = source;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map(|c| open + c);
            if let Some(close) = close {
                let name = &rest[open + 1..close];
                if tables.contains_key(name) {
                    found.insert(name.to_string());
                }
            }
            rest = &rest[open + 1..];
        }
    }
    found
}

/// An alternation of a table's words, longest first so that "janv." beats "janv".
/// A word that ends in a letter or digit ends there: "mai" is no month in
/// "les trois maires".
fn table_regex<'a>(words: impl Iterator<Item = &'a String>) -> String {
    let mut words: Vec<&String> = words.collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let alts: Vec<String> = words
        .iter()
        .map(|w| {
            let phrase = w
                .split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+");
            if w.ends_with(char::is_alphanumeric) {
                format!(r"{phrase}\b")
            } else {
                phrase
            }
        })
        .collect();
    format!("(?i:{})", alts.join("|"))
}

enum ExpandError {
    Unknown(String),
    Cycle(Vec<String>),
}

impl ExpandError {
    fn into_error(
        self,
        file: &str,
        line: usize,
        owner: String,
        named: &BTreeMap<String, Named>,
    ) -> RuleError {
        match self {
            ExpandError::Unknown(name) => RuleError::UnknownReference {
                file: file.to_string(),
                line,
                owner,
                known: named.keys().cloned().collect::<Vec<_>>().join(", "),
                name,
            },
            ExpandError::Cycle(chain) => RuleError::Cycle {
                file: file.to_string(),
                line,
                name: chain[0].clone(),
                cycle: chain.join(" -> "),
            },
        }
    }
}

/// Replaces every `{name}` (lower-case name, not a `{2}` or `{1,3}` quantifier and
/// not an escaped `\{`) by its table alternation or sub-pattern, recursively.
fn expand(
    pattern: &str,
    named: &BTreeMap<String, Named>,
    stack: &mut Vec<String>,
) -> Result<String, ExpandError> {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let escaped = rest[..open].ends_with('\\');
        let close = rest[open..].find('}').map(|c| open + c);
        let name = close.map(|c| &rest[open + 1..c]);
        match (escaped, close, name) {
            (false, Some(close), Some(name)) if is_reference(name) => {
                out.push_str(&rest[..open]);
                match named.get(name) {
                    None => return Err(ExpandError::Unknown(name.to_string())),
                    Some(Named::Table { regex }) => out.push_str(regex),
                    Some(Named::Pattern { regex, .. }) => {
                        if stack.iter().any(|s| s == name) {
                            let mut chain = stack.clone();
                            chain.push(name.to_string());
                            return Err(ExpandError::Cycle(chain));
                        }
                        stack.push(name.to_string());
                        let inner = expand(regex, named, stack)?;
                        stack.pop();
                        out.push_str("(?:");
                        out.push_str(&inner);
                        out.push(')');
                    }
                }
                rest = &rest[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

fn is_reference(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// What every rule of a set compiles against.
struct RuleContext<'a> {
    named: &'a BTreeMap<String, Named>,
    lexicon: &'a Lexicon,
    prepared: &'a Prepared,
    known: &'a Literals,
    /// Marker kinds of the document type that are no type ("minutes").
    markers: &'a [&'a str],
}

fn compile_rule(
    def: &RuleDef,
    file: &str,
    line: usize,
    cx: &RuleContext,
) -> Result<Rule, RuleError> {
    let RuleContext {
        named,
        lexicon,
        prepared,
        known,
        markers,
    } = *cx;
    let id = def.id.get_ref().clone();
    let bad = |message: String| RuleError::BadRule {
        file: file.to_string(),
        line,
        rule: id.clone(),
        message,
    };
    let field = Field::parse(&def.field).ok_or_else(|| RuleError::UnknownField {
        file: file.to_string(),
        line,
        rule: id.clone(),
        field: def.field.clone(),
        known: Field::ALL
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", "),
    })?;
    if !id.starts_with(&format!("{}.", field.name())) {
        return Err(bad(format!(
            "the id must start with its field: `{}.{}`",
            field.name(),
            id.rsplit('.').next().unwrap_or(&id)
        )));
    }
    let sources: Vec<&String> = def.pattern.iter().chain(&def.patterns).collect();
    if sources.is_empty() {
        return Err(bad("has neither `pattern` nor `patterns`".into()));
    }
    let kind = if def.veto {
        RuleKind::Veto
    } else {
        RuleKind::Extract
    };
    let mut regexes = Vec::new();
    for source in sources {
        let expanded = expand(source, named, &mut Vec::new())
            .map_err(|e| e.into_error(file, line, format!("rule `{id}`"), named))?;
        // the flag goes into the pattern itself, so that `ctg rules patterns`
        // exports exactly what runs
        let flagged = if def.case_sensitive {
            expanded
        } else {
            format!("(?i){expanded}")
        };
        let regex = prepared
            .pattern(&flagged, known)
            .map_err(|message| RuleError::BadRegex {
                file: file.to_string(),
                line,
                rule: id.clone(),
                message,
            })?;
        regexes.push(regex);
    }
    if kind == RuleKind::Extract {
        check_captures(field, &regexes).map_err(bad)?;
        check_value(field, def.value.as_deref(), lexicon, markers).map_err(bad)?;
    } else if field == Field::Axis && def.value.is_some() {
        // an axis veto may name the one axis it cancels
        check_value(field, def.value.as_deref(), lexicon, markers).map_err(bad)?;
    }
    let mut only_when_status = Vec::new();
    for name in &def.only_when_status {
        match StatusValue::parse(name) {
            Some(status) => only_when_status.push(status),
            None => {
                let known: Vec<&str> = StatusValue::ALL.iter().map(|s| s.name()).collect();
                return Err(bad(format!(
                    "unknown status `{name}` in `only_when_status`; known: {}",
                    known.join(", ")
                )));
            }
        }
    }
    if def.spares_party_officers && (kind != RuleKind::Veto || field != Field::Signatory) {
        return Err(bad(
            "`spares_party_officers` is for `signatory` rules with `veto = true`".to_string(),
        ));
    }
    if def.whole_person && (kind != RuleKind::Veto || field != Field::Signatory) {
        return Err(bad(
            "`whole_person` is for `signatory` rules with `veto = true`".to_string(),
        ));
    }
    if def.not_in_passages
        && (kind != RuleKind::Veto || !matches!(field, Field::Party | Field::SignatoryScope))
    {
        return Err(bad(
            "`not_in_passages` is for `party` and `signatory_scope` rules with `veto = true`"
                .to_string(),
        ));
    }
    let examples = def
        .examples
        .iter()
        .map(|e| Example {
            text: e.text.clone(),
            yields: (e.yields != "nothing").then(|| e.yields.clone()),
            published: e.published.clone(),
        })
        .collect();
    Ok(Rule {
        id: RuleId(id.clone()),
        field,
        kind,
        priority: def.priority,
        regexes,
        value: def.value.clone(),
        only_when_status,
        spares_party_officers: def.spares_party_officers,
        whole_person: def.whole_person,
        not_in_passages: def.not_in_passages,
        examples,
        file: PathBuf::from(file),
        line,
    })
}

/// The `value` of an extraction rule must be one its field takes (for the
/// document type, also a marker kind of `settings.doc_type.stands_for`).
fn check_value(
    field: Field,
    value: Option<&str>,
    lexicon: &Lexicon,
    markers: &[&str],
) -> Result<(), String> {
    let axis_codes: Vec<&str>;
    let with_markers: Vec<&str>;
    let known: &[&str] = match field.descriptor().values {
        Values::None => {
            return match value {
                None => Ok(()),
                Some(_) => Err(format!(
                    "a {field} rule takes no `value`: its captures ({}) say it all",
                    field.captures().join(", ")
                )),
            }
        }
        Values::OneOf(known) if field == Field::DocType => {
            with_markers = known.iter().chain(markers).copied().collect();
            &with_markers
        }
        Values::OneOf(known) => known,
        Values::AxisCode => {
            axis_codes = lexicon.axes.iter().map(|a| a.code.as_str()).collect();
            if axis_codes.is_empty() {
                return Err("no axis is defined: an `axis` rule's value must be the code of an `[[axis]]` entry (rules/lexicon/axes.toml)".into());
            }
            &axis_codes
        }
    };
    match value {
        Some(v) if known.contains(&v) => Ok(()),
        Some(v) => Err(format!(
            "unknown value `{v}` for field {field}; known: {}",
            known.join(", ")
        )),
        None => Err(format!(
            "a {field} rule needs a `value`: one of {}",
            known.join(", ")
        )),
    }
}

/// A capture any field's pattern may use: the clause that makes the value
/// this convention's ("La convention remplace le contrat enfance jeunesse et
/// engage les signataires pour 2024-2027": `La convention`). It reads as no value; it widens the value's span
/// (`Match::value_span`), so a veto cancels the candidate only if it covers the
/// clause too.
const CLAUSE_CAPTURE: &str = "clause";

/// Every capture must be one the field knows (or `clause`), and each required
/// group must be used.
fn check_captures(field: Field, regexes: &[Pattern]) -> Result<(), String> {
    for regex in regexes {
        let names: BTreeSet<&str> = regex.capture_names().collect();
        let known = |n: &&str| field.captures().contains(n) || *n == CLAUSE_CAPTURE;
        if let Some(unknown) = names.iter().find(|n| !known(n)) {
            return Err(format!(
                "unknown capture `{unknown}` for field {field}; known: {}",
                field.captures().join(", ")
            ));
        }
        for group in field.required_captures() {
            if !group.iter().any(|g| names.contains(g)) {
                return Err(format!(
                    "a {field} pattern needs a capture named {}",
                    group
                        .iter()
                        .map(|g| format!("`(?P<{g}>...)`"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const SETTINGS: &str = "[settings.year_inference]\nearliest = 2008\nlatest = 2030\ndocument_year_margin = 1\nperiod_margin_before = 1\npublication_max_days = 365\n[settings.doc_type]\nmin_rules = { convention = 2 }\norder = [\"convention\"]\n";

    /// `files`, the settings, and the built-in lexicon (every table the code
    /// reads), minus the lexicon files `files` replace.
    fn sources(files: &[(&str, &str)]) -> Vec<Source> {
        let mut v: Vec<Source> = files
            .iter()
            .map(|(p, c)| Source {
                path: PathBuf::from(p),
                content: c.to_string(),
            })
            .collect();
        v.push(Source {
            path: PathBuf::from("settings.toml"),
            content: SETTINGS.into(),
        });
        let lexicon = super::super::builtin::sources().into_iter().filter(|s| {
            s.path.starts_with("lexicon") && !files.iter().any(|(p, _)| s.path == Path::new(p))
        });
        v.extend(lexicon);
        v
    }

    /// The built-in lexicon file `name`, with `from` replaced by `to`.
    fn lexicon_file(name: &str, from: &str, to: &str) -> (String, String) {
        let source = super::super::builtin::sources()
            .into_iter()
            .find(|s| s.path == Path::new(name))
            .unwrap();
        assert!(source.content.contains(from), "{from} not in {name}");
        (name.to_string(), source.content.replacen(from, to, 1))
    }

    fn errors(files: &[(&str, &str)]) -> Vec<RuleError> {
        compile(&sources(files)).expect_err("should fail")
    }

    #[test]
    fn tables_and_patterns_expand_by_name() {
        let set = compile(&sources(&[(
            "a.toml",
            r#"
[[table]]
name = "mois_court"
words = { "janvier" = 1, "janv." = 1 }
[[pattern]]
name = "jour"
regex = '1er|[0-9]{1,2}'
[[rule]]
id = "date_mention.day_month"
field = "date_mention"
pattern = '(?P<day>{jour}) (?P<month>{mois_court})'
"#,
        )]))
        .unwrap();
        let r = set
            .rules()
            .iter()
            .find(|r| r.id.0 == "date_mention.day_month")
            .unwrap();
        assert!(r.regexes[0].is_match("le 1er JANV. 2020"));
        assert!(r.regexes[0].is_match("le 1er janvier, à la mairie"));
        assert!(!r.regexes[0].is_match("le 1er février"));
        // a table's word ends where its word does ("janv" is no "janvier"
        // in "janviers", as "mai" is none in "les trois maires")
        assert!(!r.regexes[0].is_match("les 3 janviers"));
        assert_eq!(set.lexicon().month.lookup("Janv."), Some(&1));
    }

    #[test]
    fn a_round_ups_told_publication_must_name_a_published_rule() {
        let rule = "[[rule]]\nid = \"published.told\"\nfield = \"published\"\npattern = 'publié le (?P<day>[0-9]+) (?P<month>mai)'\n[[rule]]\nid = \"signing_date.on\"\nfield = \"signing_date\"\npattern = 'signée le (?P<day>[0-9]+) (?P<month>mai)'\n";
        let with = |ids: &str| {
            let mut v = sources(&[("a.toml", rule)]);
            let settings = v.iter_mut().find(|s| s.path == Path::new("settings.toml"));
            let settings = settings.expect("the test settings");
            settings.content =
                format!("{SETTINGS}[settings.roundup]\ntold_publication = [{ids}]\n");
            compile(&v)
        };
        assert!(with("\"published.told\"").is_ok());
        let e = with("\"signing_date.on\"").expect_err("no published rule");
        assert!(
            e[0].to_string()
                .contains("`signing_date.on`, which is no `published` rule"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn not_in_passages_is_only_for_scope_vetoes() {
        let rule = |field: &str, veto: bool| {
            format!(
                "[[rule]]\nid = \"{field}.x\"\nfield = \"{field}\"\nveto = {veto}\n{}not_in_passages = true\npattern = 'la sienne'\n",
                if veto { "" } else { "value = \"sentence\"\n" }
            )
        };
        assert!(compile(&sources(&[("a.toml", &rule("party", true))])).is_ok());
        assert!(compile(&sources(&[("a.toml", &rule("signatory_scope", true))])).is_ok());
        for (field, veto) in [("party", false), ("signing_date", true)] {
            let e = errors(&[("a.toml", &rule(field, veto))]);
            assert!(
                e[0].to_string().contains("`not_in_passages` is for"),
                "{}",
                e[0]
            );
        }
    }

    #[test]
    fn a_deliberation_is_signed_only_by_signed_status_rules() {
        let rule = "[[rule]]\nid = \"status.noted\"\nfield = \"status\"\nvalue = \"signed\"\npattern = 'prend acte de la signature'\n[[rule]]\nid = \"status.asked\"\nfield = \"status\"\nvalue = \"authorized\"\npattern = 'autorise le maire'\n";
        let with = |ids: &str| {
            let mut v = sources(&[("a.toml", rule)]);
            let settings = v.iter_mut().find(|s| s.path == Path::new("settings.toml"));
            let settings = settings.expect("the test settings");
            settings.content =
                format!("{SETTINGS}[settings.status]\ndeliberation_signed = [{ids}]\n");
            compile(&v)
        };
        assert!(with("\"status.noted\"").is_ok());
        for id in ["status.asked", "status.none"] {
            let e = with(&format!("\"{id}\"")).expect_err("no signed status rule");
            assert!(
                e[0].to_string().contains(&format!(
                    "`{id}`, which is no `status` rule of value `signed`"
                )),
                "{}",
                e[0]
            );
        }
    }

    #[test]
    fn a_doc_type_marker_that_is_no_type_must_be_declared_in_the_settings() {
        // the built-in settings declare `minutes`; these test settings do not
        let e = errors(&[(
            "a.toml",
            "[[rule]]\nid = \"doc_type.m\"\nfield = \"doc_type\"\nvalue = \"minutes\"\npattern = 'compte rendu'\n",
        )]);
        assert!(
            e[0].to_string().contains("unknown value `minutes`"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn unknown_subpattern_names_the_rule_and_the_known_names() {
        let e = errors(&[(
            "a.toml",
            "[[rule]]\nid = \"period.x\"\nfield = \"period\"\npattern = '{mois} (?P<year>\\d{4})'\n",
        )]);
        assert_eq!(e[0].code(), "rules.unknown_reference");
        let msg = e[0].to_string();
        assert!(msg.contains("a.toml:2") && msg.contains("{mois}"), "{msg}");
    }

    #[test]
    fn bad_regex_unknown_field_and_duplicates_are_all_reported() {
        let e = errors(&[(
            "a.toml",
            "[[rule]]\nid = \"period.a\"\nfield = \"period\"\npattern = '(?P<year>[0-9'\n\n[[rule]]\nid = \"mood.b\"\nfield = \"mood\"\npattern = 'x'\n\n[[rule]]\nid = \"period.a\"\nfield = \"period\"\npattern = '(?P<year>x)'\n",
        )]);
        let codes: Vec<&str> = e.iter().map(RuleError::code).collect();
        assert_eq!(
            codes,
            ["rules.bad_regex", "rules.unknown_field", "rules.duplicate"]
        );
        assert!(e[1].to_string().contains("a.toml:7"), "{}", e[1]);
        assert!(
            e[2].to_string().contains("already defined in a.toml:2"),
            "{}",
            e[2]
        );
    }

    #[test]
    fn captures_must_fit_the_field() {
        let e = errors(&[(
            "a.toml",
            "[[rule]]\nid = \"duration.a\"\nfield = \"duration\"\npattern = '(?P<number>\\d+) (?P<jours>jours)'\n",
        )]);
        assert!(e[0].to_string().contains("unknown capture `jours`"));
    }

    #[test]
    fn every_field_takes_a_clause_capture() {
        let set = compile(&sources(&[(
            "a.toml",
            "[[rule]]\nid = \"duration.a\"\nfield = \"duration\"\npattern = '(?P<clause>Elle) dure (?P<number>\\d+) (?P<unit>ans)'\n",
        )]));
        assert!(set.is_ok(), "{:?}", set.err());
    }

    #[test]
    fn cycles_are_refused() {
        let e = errors(&[(
            "a.toml",
            "[[pattern]]\nname = \"a\"\nregex = '{b}'\n[[pattern]]\nname = \"b\"\nregex = '{a}'\n",
        )]);
        assert!(e.iter().any(|e| e.code() == "rules.cycle"));
    }

    #[test]
    fn toml_syntax_errors_carry_a_line() {
        let e = errors(&[("a.toml", "[[rule]]\nid = \"x\"\nfield = \n")]);
        assert_eq!(e[0].code(), "rules.syntax");
        assert!(e[0].to_string().starts_with("a.toml:3"), "{}", e[0]);
    }

    #[test]
    fn a_renamed_table_the_code_reads_is_missing_and_unused() {
        let (name, content) = lexicon_file(
            "lexicon/people.toml",
            "name = \"org_head\"",
            "name = \"orghead\"",
        );
        let e = errors(&[(&name, &content)]);
        let missing = e
            .iter()
            .find(|e| e.code() == "rules.missing_table")
            .expect("missing");
        let msg = missing.to_string();
        assert!(
            msg.contains("`org_head`") && msg.contains("did you mean `orghead`?"),
            "{msg}"
        );
        assert!(
            msg.contains("tables defined: ") && msg.contains("role_word"),
            "{msg}"
        );
        let unused = e
            .iter()
            .find(|e| e.code() == "rules.unused_table")
            .expect("unused");
        let msg = unused.to_string();
        assert!(msg.starts_with("lexicon/people.toml:"), "{msg}");
        assert!(
            msg.contains("`orghead`") && msg.contains("did you mean `org_head`"),
            "{msg}"
        );
    }

    #[test]
    fn an_unknown_role_code_or_party_kind_is_a_load_error() {
        let (name, content) = lexicon_file(
            "lexicon/people.toml",
            "\"maire\" = \"commune\"",
            "\"maire\" = \"comune\"",
        );
        let e = errors(&[(&name, &content)]);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].code(), "rules.bad_table_value");
        let msg = e[0].to_string();
        assert!(msg.starts_with("lexicon/people.toml:"), "{msg}");
        assert!(
            msg.contains("table `role_party_kind`: word `maire`"),
            "{msg}"
        );
        assert!(
            msg.contains("known: caf, commune, epci, departement, syndicat, other"),
            "{msg}"
        );
        let (name, content) =
            lexicon_file("lexicon/people.toml", "= \"director\"", "= \"directeur\"");
        let e = errors(&[(&name, &content)]);
        assert!(e[0].to_string().contains("a role code"), "{}", e[0]);
        assert!(
            e[0].to_string()
                .contains("known: president, vice_president, director"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn a_table_nothing_reads_and_an_unknown_axis_are_load_errors() {
        let e = errors(&[(
            "a.toml",
            "[[table]]\nname = \"jours_feries\"\nwords = [\"noël\"]\n\n[[rule]]\nid = \"axis.x\"\nfield = \"axis\"\nvalue = \"sport\"\npattern = 'sport'\n",
        )]);
        let codes: Vec<&str> = e.iter().map(RuleError::code).collect();
        assert_eq!(codes, ["rules.unused_table", "rules.bad_rule"], "{e:?}");
        assert!(
            e[0].to_string()
                .starts_with("a.toml:2: table `jours_feries` is read by nothing"),
            "{}",
            e[0]
        );
        assert!(
            e[1].to_string().contains("unknown value `sport`")
                && e[1].to_string().contains("petite_enfance"),
            "{}",
            e[1]
        );
        let (name, content) = lexicon_file("lexicon/places.toml", "\"66\"", "\"99\"");
        let e = errors(&[(&name, &content)]);
        assert!(
            e[0].to_string().contains("`99` is no department code"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn quantifiers_and_escaped_braces_are_not_references() {
        let named = BTreeMap::new();
        let out = expand(r"\d{4}-\d{1,2} \{x\}", &named, &mut Vec::new())
            .ok()
            .unwrap();
        assert_eq!(out, r"\d{4}-\d{1,2} \{x\}");
    }
}
