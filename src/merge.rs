//! `ctg merge`: the outputs of `ctg extract --shard K/N`, put back together
//! into the output one run over the whole batch would have written.
//!
//! Each shard's manifest lists its files in batch order, so the batch order is
//! the shards' lists interleaved (round robin). The merge replays, in that
//! order, what `extract` does with each document's outcome: the first file with
//! given bytes keeps the record, later ones become duplicates (a shard could
//! not see duplicates held by another shard), errors are kept. Records and
//! texts are read back one at a time from the shards, so memory does not grow
//! with the corpus. `corpus.jsonl`, `records/`, `text/`, `errors.jsonl` and
//! `schema.json` and `manifest.json` are byte-identical to a single run's;
//! `timings.json` describes the merge.

use crate::pipeline::{per_second, Dedup};
use crate::sink::{Sink, SinkError};
use ctg_atomic::lock::{self, Cleared, LockError};
use ctg_core::manifest::{Manifest, ShardInfo, Timings};
use ctg_core::record::{ErrorRecord, Record, Warning};
use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::Instant;
use thiserror::Error;

/// Why shard outputs cannot be merged.
#[derive(Debug, Error)]
pub enum MergeError {
    /// A folder is not a readable shard output.
    #[error("{path}: {message}")]
    Shard {
        /// The folder or file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The shards do not make one batch.
    #[error("{0}")]
    Mismatch(String),
    /// The output cannot be written.
    #[error(transparent)]
    Sink(#[from] SinkError),
    /// Another run is writing the output.
    #[error(transparent)]
    Locked(#[from] LockError),
}

/// What a merge did.
#[derive(Debug, Clone)]
pub struct MergeSummary {
    /// The merged manifest.
    pub manifest: Manifest,
    /// What killed runs had left beside the output, cleared.
    pub cleared: Vec<Cleared>,
}

/// One shard output, read.
struct ShardOutput {
    dir: PathBuf,
    manifest: Manifest,
    info: ShardInfo,
}

/// Merges the shard outputs `shards` into `output`.
pub fn merge(shards: &[PathBuf], output: &Path) -> Result<MergeSummary, MergeError> {
    let started = Instant::now();
    let claim = lock::claim(output)?;
    let mut outputs = shards
        .iter()
        .map(|dir| read_shard(dir))
        .collect::<Result<Vec<_>, _>>()?;
    check_batch(&mut outputs)?;
    let first = &outputs[0];
    let of = first.info.of;
    let listed = first.info.listed;

    // where each file's outcome is: (shard, record id) or an error line
    let mut ids: HashMap<String, (usize, String)> = HashMap::new();
    let mut errors: HashMap<String, ErrorRecord> = HashMap::new();
    for (s, out) in outputs.iter().enumerate() {
        for_each_line(&out.dir.join("corpus.jsonl"), |line, path| {
            let record: Record = parse(line, path)?;
            ids.insert(record.source.path, (s, record.id.0));
            Ok(())
        })?;
        for (first_path, later) in &out.manifest.duplicates {
            let id = ids
                .get(first_path)
                .map(|(_, id)| id.clone())
                .ok_or_else(|| MergeError::Shard {
                    path: out.dir.join("manifest.json"),
                    message: format!("duplicates of {first_path}, which has no record"),
                })?;
            for path in later {
                ids.insert(path.clone(), (s, id.clone()));
            }
        }
        for_each_line(&out.dir.join("errors.jsonl"), |line, path| {
            let error: ErrorRecord = parse(line, path)?;
            errors.insert(error.source.path.clone(), error);
            Ok(())
        })?;
    }

    let mut sink = Sink::create(output)?;
    let mut dedup = Dedup::default();
    let mut failed = 0;
    for position in 0..listed {
        let out = &outputs[position % of];
        let path = &out.info.files[position / of];
        if let Some(error) = errors.get(path) {
            failed += 1;
            sink.error(error);
            continue;
        }
        let (s, id) = ids.get(path).ok_or_else(|| MergeError::Shard {
            path: out.dir.clone(),
            message: format!("{path} is listed but has neither a record nor an error"),
        })?;
        if dedup.first(id, path) {
            let (mut record, text) = read_record(&outputs[*s].dir, id)?;
            // the shard's own duplicates are counted again over the batch
            record
                .warnings
                .retain(|w| !matches!(w, Warning::DuplicateSource { .. }));
            sink.record(&record, text)?;
        }
    }
    let counts = dedup.counts(listed, failed, first.manifest.skipped.len());
    let duplicates = dedup.finish(&mut sink)?;
    let elapsed = started.elapsed();
    let manifest = Manifest {
        counts,
        duplicates,
        shard: None,
        ..first.manifest.clone()
    };
    let timings = Timings {
        jobs: 1,
        elapsed_ms: elapsed.as_millis(),
        startup_ms: None,
        documents_per_second: per_second(listed, elapsed),
        reused: outputs.iter().map(|o| reused(&o.dir)).sum(),
    };
    sink.finish(&manifest, &timings, &ctg_core::record::schema())?;
    Ok(MergeSummary {
        manifest,
        cleared: claim.cleared.clone(),
    })
}

/// The documents a shard reused from the cache, from its `timings.json`
/// (0 when it has none: the count is for information only).
fn reused(dir: &Path) -> usize {
    fs::read_to_string(dir.join("timings.json"))
        .ok()
        .and_then(|json| serde_json::from_str::<Timings>(&json).ok())
        .map_or(0, |t| t.reused)
}

fn read_shard(dir: &Path) -> Result<ShardOutput, MergeError> {
    let path = dir.join("manifest.json");
    let bad = |message: String| MergeError::Shard {
        path: path.clone(),
        message,
    };
    let json = fs::read_to_string(&path)
        .map_err(|e| bad(format!("{e}; is {} a ctg output?", dir.display())))?;
    let manifest: Manifest =
        serde_json::from_str(&json).map_err(|e| bad(format!("not a ctg manifest: {e}")))?;
    let info = manifest.shard.clone().ok_or_else(|| {
        bad("not a shard: this output was not written with `ctg extract --shard K/N`".into())
    })?;
    Ok(ShardOutput {
        dir: dir.to_path_buf(),
        manifest,
        info,
    })
}

/// The shards must be every K of one N, over the same inputs, rules and tool;
/// on success they are sorted by K.
fn check_batch(outputs: &mut [ShardOutput]) -> Result<(), MergeError> {
    let Some(first) = outputs.first() else {
        return Err(MergeError::Mismatch("no shard output given".into()));
    };
    let of = first.info.of;
    let listed = first.info.listed;
    for out in outputs.iter() {
        let m = &out.manifest;
        let f = &first.manifest;
        let differs = if out.info.of != of {
            Some(format!("a batch in {} shards", out.info.of))
        } else if m.tool != f.tool {
            Some(format!("ctg {}", m.tool.version))
        } else if m.rules.fingerprint != f.rules.fingerprint {
            Some("other rules".into())
        } else if m.reference_data != f.reference_data {
            Some(format!("reference data {}", m.reference_data))
        } else if m.inputs != f.inputs || m.files_from != f.files_from {
            Some("other inputs".into())
        } else if out.info.listed != first.info.listed || m.skipped != f.skipped {
            Some("a different list of files".into())
        } else {
            None
        };
        if let Some(what) = differs {
            return Err(MergeError::Mismatch(format!(
                "{} was written with {what} than {}; merge the shards of one `ctg extract --shard K/N` batch",
                out.dir.display(),
                first.dir.display()
            )));
        }
    }
    outputs.sort_by_key(|o| o.info.index);
    for pair in outputs.windows(2) {
        if pair[0].info.index == pair[1].info.index {
            return Err(MergeError::Mismatch(format!(
                "{} and {} are both shard {}/{of}",
                pair[0].dir.display(),
                pair[1].dir.display(),
                pair[0].info.index
            )));
        }
    }
    let missing: Vec<String> = (1..=of)
        .filter(|k| !outputs.iter().any(|o| o.info.index == *k))
        .map(|k| format!("{k}/{of}"))
        .collect();
    if !missing.is_empty() {
        return Err(MergeError::Mismatch(format!(
            "missing shard(s) {}: every shard of the batch is needed",
            missing.join(", ")
        )));
    }
    for out in outputs.iter() {
        let expected = (out.info.index - 1..listed).step_by(of).count();
        if out.info.files.len() != expected {
            return Err(MergeError::Shard {
                path: out.dir.join("manifest.json"),
                message: format!(
                    "shard {}/{of} lists {} files where the batch of {} gives it {expected}",
                    out.info.index,
                    out.info.files.len(),
                    listed
                ),
            });
        }
    }
    Ok(())
}

fn read_record(dir: &Path, id: &str) -> Result<(Record, String), MergeError> {
    let record_path = dir.join("records").join(format!("{id}.json"));
    let json = fs::read_to_string(&record_path).map_err(|e| MergeError::Shard {
        path: record_path.clone(),
        message: e.to_string(),
    })?;
    let record: Record = parse(&json, &record_path)?;
    let text_path = dir.join("text").join(format!("{id}.txt"));
    let text = fs::read_to_string(&text_path).map_err(|e| MergeError::Shard {
        path: text_path,
        message: e.to_string(),
    })?;
    Ok((record, text))
}

fn parse<T: serde::de::DeserializeOwned>(json: &str, path: &Path) -> Result<T, MergeError> {
    serde_json::from_str(json).map_err(|e| MergeError::Shard {
        path: path.to_path_buf(),
        message: format!("unreadable line: {e}"),
    })
}

fn for_each_line(
    path: &Path,
    mut f: impl FnMut(&str, &Path) -> Result<(), MergeError>,
) -> Result<(), MergeError> {
    let file = fs::File::open(path).map_err(|e| MergeError::Shard {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    for line in BufReader::new(file).lines() {
        let line = line.map_err(|e| MergeError::Shard {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        if !line.is_empty() {
            f(&line, path)?;
        }
    }
    Ok(())
}
