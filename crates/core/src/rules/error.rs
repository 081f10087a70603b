//! Problems in the rule files, each with a stable code (`rules.missing_table`),
//! the file, the line and a hint. Loading collects every problem before it
//! refuses the rules; no document is read with rules that did not load.

use thiserror::Error;

/// A problem in the rule files. Each variant has a stable `code()`.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum RuleError {
    /// The rules folder or a file in it cannot be read.
    #[error("{path}: cannot read: {message}")]
    Read {
        /// The path.
        path: String,
        /// The OS error.
        message: String,
    },
    /// A file is not valid TOML or has unknown keys.
    #[error("{file}:{line}: {message}")]
    Syntax {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// What the TOML parser said.
        message: String,
    },
    /// Two definitions share a name or id.
    #[error("{file}:{line}: {what} `{name}` is already defined in {first}")]
    Duplicate {
        /// The file of the second definition.
        file: String,
        /// Its line.
        line: usize,
        /// `rule`, `table` or `pattern`.
        what: &'static str,
        /// The repeated name.
        name: String,
        /// Where the first one is.
        first: String,
    },
    /// A rule names a field that does not exist.
    #[error("{file}:{line}: rule `{rule}`: unknown field `{field}`; known: {known}")]
    UnknownField {
        /// The file.
        file: String,
        /// Line of the rule id.
        line: usize,
        /// The rule.
        rule: String,
        /// The unknown field.
        field: String,
        /// The known fields.
        known: String,
    },
    /// A pattern references an unknown table or sub-pattern.
    #[error("{file}:{line}: {owner}: unknown sub-pattern `{{{name}}}`; known: {known}")]
    UnknownReference {
        /// The file.
        file: String,
        /// Line.
        line: usize,
        /// `rule x` or `pattern y`.
        owner: String,
        /// The unknown name.
        name: String,
        /// Known names.
        known: String,
    },
    /// Sub-patterns reference each other in a cycle.
    #[error("{file}:{line}: pattern `{name}` references itself through {cycle}")]
    Cycle {
        /// The file.
        file: String,
        /// Line.
        line: usize,
        /// The pattern.
        name: String,
        /// The chain of references.
        cycle: String,
    },
    /// A pattern does not compile.
    #[error("{file}:{line}: rule `{rule}`: bad regex: {message}")]
    BadRegex {
        /// The file.
        file: String,
        /// Line.
        line: usize,
        /// The rule.
        rule: String,
        /// The regex engine's message.
        message: String,
    },
    /// A rule's captures do not fit its field, or its shape is incomplete.
    #[error("{file}:{line}: rule `{rule}`: {message}")]
    BadRule {
        /// The file.
        file: String,
        /// Line.
        line: usize,
        /// The rule.
        rule: String,
        /// What is wrong and what would fix it.
        message: String,
    },
    /// A table the code reads is defined in no rule file.
    #[error("no rule file defines the table `{table}` ({purpose}){hint}; tables defined: {known}")]
    MissingTable {
        /// The table the code reads.
        table: String,
        /// What the code reads it for.
        purpose: String,
        /// A close name that is defined, if any.
        hint: String,
        /// The tables defined.
        known: String,
    },
    /// A table's value is not one its type knows.
    #[error("{file}:{line}: table `{table}`: word `{word}`: {problem} (this table maps each word to {expected})")]
    BadTableValue {
        /// The file.
        file: String,
        /// Line of the table's name.
        line: usize,
        /// The table.
        table: String,
        /// The word whose value is wrong.
        word: String,
        /// What the table's values are.
        expected: &'static str,
        /// What is wrong, with the known values.
        problem: String,
    },
    /// A table that neither the code nor any pattern reads.
    #[error("{file}:{line}: table `{table}` is read by nothing: {hint}")]
    UnusedTable {
        /// The file.
        file: String,
        /// Line of the table's name.
        line: usize,
        /// The table.
        table: String,
        /// A table the code reads with a close name, or what to do.
        hint: String,
    },
    /// Settings are missing or defined twice.
    #[error("{message}")]
    Settings {
        /// What is wrong.
        message: String,
    },
}

impl RuleError {
    /// Stable machine-readable code, `rules.problem`.
    pub fn code(&self) -> &'static str {
        match self {
            RuleError::Read { .. } => "rules.read",
            RuleError::Syntax { .. } => "rules.syntax",
            RuleError::Duplicate { .. } => "rules.duplicate",
            RuleError::UnknownField { .. } => "rules.unknown_field",
            RuleError::UnknownReference { .. } => "rules.unknown_reference",
            RuleError::Cycle { .. } => "rules.cycle",
            RuleError::BadRegex { .. } => "rules.bad_regex",
            RuleError::BadRule { .. } => "rules.bad_rule",
            RuleError::MissingTable { .. } => "rules.missing_table",
            RuleError::BadTableValue { .. } => "rules.bad_table_value",
            RuleError::UnusedTable { .. } => "rules.unused_table",
            RuleError::Settings { .. } => "rules.settings",
        }
    }
}
