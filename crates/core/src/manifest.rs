//! `manifest.json`: what a run read, with which rules, and what came of it.
//!
//! It is deterministic: two runs over the same inputs with the same rules
//! write the same manifest, so that an output folder under version control
//! stays unchanged when nothing changed. What varies from run to run (time
//! taken, jobs, documents reused from the cache) is [`Timings`], written
//! beside it as `timings.json`. A run
//! that did one shard of a batch (`ctg extract --shard K/N`) also says which
//! files were its own, so that `ctg merge` can put the shards back together.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The manifest of an output folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The tool that wrote it.
    pub tool: Tool,
    /// The rules it ran.
    pub rules: RulesInfo,
    /// Version of the reference data.
    pub reference_data: String,
    /// The paths given on the command line.
    pub inputs: Vec<String>,
    /// The file paths were also read from (`--files-from`), `-` for standard input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files_from: Option<String>,
    /// What the batch did.
    pub counts: Counts,
    /// Files skipped while walking folders.
    pub skipped: Vec<String>,
    /// For each path whose bytes came first, the later paths with the same bytes.
    pub duplicates: BTreeMap<String, Vec<String>>,
    /// Set when the run did one shard of a batch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<ShardInfo>,
}

/// Name and version of the tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    /// `ctg`.
    pub name: String,
    /// Its version.
    pub version: String,
}

/// Which rules ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesInfo {
    /// `builtin`, or the folder given with `--rules`.
    pub source: String,
    /// SHA-256 over every rule file.
    pub fingerprint: String,
    /// Number of rule files.
    pub files: usize,
    /// Number of rules.
    pub rules: usize,
}

/// What a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Document files taken.
    pub documents: usize,
    /// Records written.
    pub records: usize,
    /// Documents that failed.
    pub errors: usize,
    /// Files skipped while walking folders (not a document extension).
    pub skipped: usize,
    /// Files whose bytes repeat an earlier file (folded into its record).
    pub duplicates: usize,
}

/// One shard's place in its batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardInfo {
    /// K of `--shard K/N`, from 1.
    pub index: usize,
    /// N of `--shard K/N`.
    pub of: usize,
    /// How many document files the whole batch lists.
    pub listed: usize,
    /// This shard's files, in the batch's order: the files at positions K-1,
    /// K-1+N, K-1+2N, ... of the whole list.
    pub files: Vec<String>,
}

/// What varies from run to run: `timings.json`, beside the manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timings {
    /// Worker threads.
    pub jobs: usize,
    /// Wall-clock time.
    pub elapsed_ms: u128,
    /// Of which start-up: until the rules and the reference data were ready
    /// (absent from a merged output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub startup_ms: Option<u128>,
    /// Documents per second.
    pub documents_per_second: f64,
    /// Documents taken from the cache of an earlier run.
    pub reused: usize,
}
