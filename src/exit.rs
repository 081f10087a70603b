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
    }
}
