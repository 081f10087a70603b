//! The exit codes of `ctg`: one enum for every subcommand.
//!
//! Each subcommand's `--help` lists the codes it can give and what they mean
//! for it ([`Exit::help`]); `main` maps every outcome to one of them.

/// How a `ctg` command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything was done.
    Success = 0,
    /// The command finished, but some of its items failed (documents that
    /// could not be extracted, rule examples that fail, shards with failed
    /// documents).
    Partial = 1,
    /// Nothing was done: a usage error, a rule-file error, an input that
    /// cannot be read or an output that cannot be written.
    Usage = 2,
}

impl Exit {
    /// The process exit status.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The "Exit codes:" section of a subcommand's `--help`: each code it
    /// can give, with what it means there.
    pub fn help(meanings: &[(Exit, &str)]) -> String {
        let mut text = String::from("Exit codes:");
        for (exit, meaning) in meanings {
            text.push_str(&format!("\n  {}  {meaning}", exit.code()));
        }
        text
    }
}

/// What each code means for each subcommand, as its `--help` says.
pub mod help {
    use super::Exit::{self, Partial, Success, Usage};

    /// `ctg extract`.
    pub fn extract() -> String {
        Exit::help(&[
            (Success, "every document was extracted"),
            (Partial, "the batch finished but some documents failed: see errors.jsonl in the output\n     folder (the summary line counts them by error code)"),
            (Usage, "usage error, rule-file error, unreadable input path, unwritable output, or\n     an output another run is writing: nothing was written"),
        ])
    }

    /// `ctg merge`.
    pub fn merge() -> String {
        Exit::help(&[
            (Success, "the shards were merged and none had failed documents"),
            (Partial, "the shards were merged, and some documents had failed: see errors.jsonl"),
            (Usage, "usage error, a missing, repeated or foreign shard, or an unwritable output:\n     nothing was written"),
        ])
    }

    /// `ctg rules check`.
    pub fn rules_check() -> String {
        Exit::help(&[
            (Success, "every rule file loads and every example passes"),
            (
                Partial,
                "some examples fail (each is printed with what it expected and what it got)",
            ),
            (
                Usage,
                "a rule file is wrong (each problem is printed with file, line and rule)",
            ),
        ])
    }

    /// `ctg rules patterns`.
    pub fn rules_patterns() -> String {
        Exit::help(&[
            (Success, "the patterns were printed"),
            (Usage, "a rule file is wrong: nothing was printed"),
        ])
    }

    /// `ctg explain`.
    pub fn explain() -> String {
        Exit::help(&[
            (Success, "the explanation was printed"),
            (
                Partial,
                "the document itself fails (its error code and message are printed)",
            ),
            (Usage, "usage error, rule-file error or unreadable FILE"),
        ])
    }

    /// `ctg schema`.
    pub fn schema() -> String {
        Exit::help(&[(Success, "the schema was printed")])
    }

    /// `ctg compare`.
    pub fn compare() -> String {
        Exit::help(&[
            (Success, "the table was written"),
            (Usage, "usage error, no corpus.jsonl in INPUT (run `ctg extract` first), a record that\n     does not parse, or FILE cannot be written: nothing was written"),
        ])
    }

    /// `ctg report`.
    pub fn report() -> String {
        Exit::help(&[
            (Success, "the page was written"),
            (Usage, "usage error, no corpus.jsonl in INPUT (run `ctg extract` first), a record or\n     manifest that does not parse, or FILE cannot be written: nothing was written"),
        ])
    }

    /// `ctg export`.
    pub fn export() -> String {
        Exit::help(&[
            (Success, "every target (database, CSV folder, workbook) was written"),
            (Usage, "usage error, no corpus.jsonl in INPUT (run `ctg extract` first), a record that\n     does not parse, or a target that cannot be written or is not an export's (FILE\n     not an SQLite database, DIR holding other files): that target was left as it was"),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable() {
        assert_eq!(
            [Exit::Success, Exit::Partial, Exit::Usage].map(Exit::code),
            [0, 1, 2]
        );
        assert_eq!(
            Exit::help(&[(Exit::Success, "done"), (Exit::Usage, "nothing done")]),
            "Exit codes:\n  0  done\n  2  nothing done"
        );
        // a subcommand that never partly fails says nothing of code 1
        assert!(!help::compare().contains("\n  1  "));
        assert!(help::extract().contains("\n  1  "));
    }
}
