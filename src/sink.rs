//! The output folder, written atomically.
//!
//! Everything is written into a fresh sibling folder (`.<name>.tmp-<pid>`); only when
//! all of it is on disk does the new folder replace the old one (two renames), so a
//! crash or Ctrl-C leaves the previous output whole. A folder is only ever replaced
//! if it is empty or holds a `manifest.json` (a ctg output), never a user's folder.
//!
//! Layout: `corpus.jsonl` (records sorted by id), `records/<id>.json`,
//! `text/<id>.txt`, `errors.jsonl` (sorted by path), `manifest.json`, `schema.json`
//! and `timings.json` (what varies from run to run).
//!
//! Records stream to disk as they come: each one is written at once, and its
//! `corpus.jsonl` line is appended to a scratch file; only the ids and where
//! their lines sit are kept in memory, so memory does not grow with the corpus.
//! `finish` writes `corpus.jsonl` in id order from the scratch file.
//!
//! A file whose bytes are those of the same file in the output being replaced
//! (a re-run after a rule change leaves most records and every text as they
//! were) is hard-linked from it instead of written: the file system then
//! neither allocates an inode for it nor frees one when the old folder goes.
//! Files are never written through once placed, so the link is safe.
//!
//! The renames themselves are `ctg_atomic`'s, shared with `ctg compare`,
//! `report` and `export`. The sink is created by a run that has claimed its
//! target (`ctg_atomic::lock`), which has cleared what killed runs left.

use ctg_atomic::{io, replace_folder, WriteError};
use ctg_core::record::{ErrorRecord, Record, Warning};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// A failure to write the output. The batch stops: nothing partial is published.
#[derive(Debug, Error)]
pub enum SinkError {
    /// A file or folder could not be written.
    #[error(transparent)]
    Io(#[from] WriteError),
    /// The output path exists and is not a ctg output folder.
    #[error(
        "{0} exists and is not a ctg output folder (no manifest.json); choose another --output"
    )]
    NotAnOutput(PathBuf),
}

impl SinkError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            SinkError::Io(e) => e.code(),
            SinkError::NotAnOutput(_) => "sink.not_an_output",
        }
    }
}

/// An output folder being written.
#[derive(Debug)]
pub struct Sink {
    target: PathBuf,
    staging: PathBuf,
    /// The output being replaced, whose unchanged files are linked.
    previous: Option<PathBuf>,
    /// The records' `corpus.jsonl` lines, in arrival order.
    scratch: BufWriter<fs::File>,
    /// Bytes written to the scratch file so far.
    scratch_len: u64,
    /// Per record id: where its line sits in the scratch file.
    index: Vec<(String, u64, u32)>,
    /// Lines that replace the scratch file's (records changed after arrival).
    replaced: BTreeMap<String, String>,
    errors: Vec<(String, String)>,
}

/// Name of the scratch file inside the staging folder (removed by `finish`).
const SCRATCH: &str = ".corpus.unsorted.jsonl";

impl Sink {
    /// Starts writing a new version of `target`.
    pub fn create(target: &Path) -> Result<Sink, SinkError> {
        if target.exists() && !is_replaceable(target) {
            return Err(SinkError::NotAnOutput(target.to_path_buf()));
        }
        let previous = target
            .join("manifest.json")
            .is_file()
            .then(|| target.to_path_buf());
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(io(&parent))?;
        let name = target
            .file_name()
            .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
        let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(io(&staging))?;
        }
        for sub in ["records", "text"] {
            let dir = staging.join(sub);
            fs::create_dir_all(&dir).map_err(io(&dir))?;
        }
        let scratch =
            BufWriter::new(fs::File::create(staging.join(SCRATCH)).map_err(io(&staging))?);
        Ok(Sink {
            target: target.to_path_buf(),
            staging,
            previous,
            scratch,
            scratch_len: 0,
            index: Vec::new(),
            replaced: BTreeMap::new(),
            errors: Vec::new(),
        })
    }

    /// Writes one record and its text.
    pub fn record(&mut self, record: &Record, text: String) -> Result<(), SinkError> {
        let rendered = Rendered::of(record, text);
        self.rendered(&rendered)
    }

    /// Writes a record already turned into its files' bytes.
    pub fn rendered(&mut self, r: &Rendered) -> Result<(), SinkError> {
        self.place(&format!("records/{}.json", r.id), r.pretty.as_bytes())?;
        self.place(&format!("text/{}.txt", r.id), r.text.as_bytes())?;
        self.append(&r.id, &r.line)
    }

    /// Writes `bytes` at `relative` in the staging folder, or links the
    /// previous output's file there when it holds the same bytes.
    fn place(&self, relative: &str, bytes: &[u8]) -> Result<(), SinkError> {
        let path = self.staging.join(relative);
        if let Some(previous) = &self.previous {
            let old = previous.join(relative);
            if holds(&old, bytes) && fs::hard_link(&old, &path).is_ok() {
                return Ok(());
            }
        }
        Ok(fs::write(&path, bytes).map_err(io(&path))?)
    }

    /// Writes a record whose files already exist (in the cache): they are
    /// hard-linked, or copied where a link cannot be made, and never written
    /// through afterwards (`add_warning` replaces the file).
    pub fn linked(
        &mut self,
        id: &str,
        record_file: &Path,
        text_file: &Path,
        line: &str,
    ) -> Result<(), SinkError> {
        let pretty = self.staging.join("records").join(format!("{id}.json"));
        link_or_copy(record_file, &pretty)?;
        let text_path = self.staging.join("text").join(format!("{id}.txt"));
        link_or_copy(text_file, &text_path)?;
        self.append(id, line)
    }

    fn append(&mut self, id: &str, line: &str) -> Result<(), SinkError> {
        let scratch = self.staging.join(SCRATCH);
        self.scratch
            .write_all(line.as_bytes())
            .map_err(io(&scratch))?;
        self.index
            .push((id.to_string(), self.scratch_len, line.len() as u32));
        self.scratch_len += line.len() as u64;
        Ok(())
    }

    pub fn add_warning(&mut self, id: &str, warning: Warning) -> Result<(), SinkError> {
        let pretty = self.staging.join("records").join(format!("{id}.json"));
        let json = fs::read_to_string(&pretty).map_err(io(&pretty))?;
        let mut record: Record =
            serde_json::from_str(&json).map_err(|e| io(&pretty)(std::io::Error::other(e)))?;
        record.warnings.push(warning);
        let mut json = serde_json::to_string_pretty(&record).expect("records serialize");
        json.push('\n');
        // a new file, not a write through: this one may be a link into the cache
        let tmp = pretty.with_extension("json.tmp");
        fs::write(&tmp, json).map_err(io(&tmp))?;
        fs::rename(&tmp, &pretty).map_err(io(&pretty))?;
        let mut line = serde_json::to_string(&record).expect("records serialize");
        line.push('\n');
        self.replaced.insert(id.to_string(), line);
        Ok(())
    }

    /// Notes one failed document.
    pub fn error(&mut self, error: &ErrorRecord) {
        let line = serde_json::to_string(error).expect("error records serialize");
        self.errors.push((error.source.path.clone(), line));
    }

    /// Writes the sorted files and the manifest, then replaces the target folder.
    pub fn finish(
        mut self,
        manifest: &impl Serialize,
        timings: &impl Serialize,
        schema: &str,
    ) -> Result<(), SinkError> {
        self.write_corpus()?;
        self.errors.sort();
        write_lines(&self.staging.join("errors.jsonl"), &self.errors)?;
        let schema_path = self.staging.join("schema.json");
        fs::write(&schema_path, schema).map_err(io(&schema_path))?;
        let manifest_path = self.staging.join("manifest.json");
        let mut json = serde_json::to_string_pretty(manifest).expect("manifests serialize");
        json.push('\n');
        fs::write(&manifest_path, json).map_err(io(&manifest_path))?;
        let timings_path = self.staging.join("timings.json");
        let mut json = serde_json::to_string_pretty(timings).expect("timings serialize");
        json.push('\n');
        fs::write(&timings_path, json).map_err(io(&timings_path))?;
        self.publish()
    }

    /// `corpus.jsonl`: the scratch file's lines in id order.
    fn write_corpus(&mut self) -> Result<(), SinkError> {
        let scratch_path = self.staging.join(SCRATCH);
        self.scratch.flush().map_err(io(&scratch_path))?;
        self.index.sort();
        let mut scratch = fs::File::open(&scratch_path).map_err(io(&scratch_path))?;
        let corpus_path = self.staging.join("corpus.jsonl");
        let file = fs::File::create(&corpus_path).map_err(io(&corpus_path))?;
        let mut out = BufWriter::new(file);
        let mut buf = Vec::new();
        for (id, offset, len) in &self.index {
            if let Some(line) = self.replaced.get(id) {
                out.write_all(line.as_bytes()).map_err(io(&corpus_path))?;
                continue;
            }
            buf.resize(*len as usize, 0);
            scratch
                .seek(SeekFrom::Start(*offset))
                .and_then(|_| scratch.read_exact(&mut buf))
                .map_err(io(&scratch_path))?;
            out.write_all(&buf).map_err(io(&corpus_path))?;
        }
        out.flush().map_err(io(&corpus_path))?;
        Ok(fs::remove_file(&scratch_path).map_err(io(&scratch_path))?)
    }

    fn publish(&self) -> Result<(), SinkError> {
        Ok(replace_folder(&self.staging, &self.target)?)
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        // an abandoned run (error or panic) leaves no staging folder behind
        if self.staging.exists() {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// A record as the bytes of its files.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Its id.
    pub id: String,
    /// `records/<id>.json`.
    pub pretty: String,
    /// Its `corpus.jsonl` line, with the line break.
    pub line: String,
    /// `text/<id>.txt`.
    pub text: String,
}

impl Rendered {
    /// Serializes `record`; takes its text as it is.
    pub fn of(record: &Record, text: String) -> Rendered {
        let mut pretty = serde_json::to_string_pretty(record).expect("records serialize");
        pretty.push('\n');
        let mut line = serde_json::to_string(record).expect("records serialize");
        line.push('\n');
        Rendered {
            id: record.id.0.clone(),
            pretty,
            line,
            text,
        }
    }
}

/// Whether the file at `path` holds exactly `bytes` (false if it cannot be read).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    // a regular file only: a link to a symbolic link would publish the link
    let regular = fs::symlink_metadata(path)
        .is_ok_and(|m| m.file_type().is_file() && m.len() == bytes.len() as u64);
    regular && fs::read(path).is_ok_and(|held| held == bytes)
}

fn link_or_copy(from: &Path, to: &Path) -> Result<(), SinkError> {
    if fs::hard_link(from, to).is_err() {
        fs::copy(from, to).map_err(io(to))?;
    }
    Ok(())
}

fn write_lines(path: &Path, lines: &[(String, String)]) -> Result<(), SinkError> {
    let file = fs::File::create(path).map_err(io(path))?;
    let mut w = BufWriter::new(file);
    for (_, line) in lines {
        w.write_all(line.as_bytes()).map_err(io(path))?;
        w.write_all(b"\n").map_err(io(path))?;
    }
    Ok(w.flush().map_err(io(path))?)
}

fn is_replaceable(target: &Path) -> bool {
    target.join("manifest.json").is_file()
        || fs::read_dir(target).is_ok_and(|mut d| d.next().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_replace_a_folder_that_is_not_an_output() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "x").unwrap();
        let err = Sink::create(dir.path()).unwrap_err();
        assert_eq!(err.code(), "sink.not_an_output");
        assert!(dir.path().join("precious.txt").exists());
    }

    fn rendered(id: &str, pretty: &str, text: &str) -> Rendered {
        Rendered {
            id: id.into(),
            pretty: pretty.into(),
            line: format!("{{\"id\":\"{id}\"}}\n"),
            text: text.into(),
        }
    }

    #[cfg(unix)]
    #[test]
    fn an_unchanged_file_is_linked_from_the_previous_output_and_a_changed_one_written() {
        use std::os::unix::fs::MetadataExt;
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        for sub in ["records", "text"] {
            fs::create_dir_all(out.join(sub)).unwrap();
        }
        fs::write(out.join("manifest.json"), "{}").unwrap();
        fs::write(out.join("records/a.json"), "{\"same\": 1}\n").unwrap();
        fs::write(out.join("text/a.txt"), "Le texte.").unwrap();
        fs::write(out.join("records/b.json"), "{\"old\": 1}\n").unwrap();
        fs::write(out.join("elsewhere.txt"), "Le texte B.").unwrap();
        std::os::unix::fs::symlink(out.join("elsewhere.txt"), out.join("text/b.txt")).unwrap();
        let inode = |p: &Path| fs::symlink_metadata(p).unwrap().ino();
        let (old_a, old_text_a) = (
            inode(&out.join("records/a.json")),
            inode(&out.join("text/a.txt")),
        );

        let mut sink = Sink::create(&out).unwrap();
        sink.rendered(&rendered("a", "{\"same\": 1}\n", "Le texte."))
            .unwrap();
        sink.rendered(&rendered("b", "{\"new\": 2}\n", "Le texte B."))
            .unwrap();
        let staged = |rel: &str| sink.staging.join(rel);
        assert_eq!(inode(&staged("records/a.json")), old_a);
        assert_eq!(inode(&staged("text/a.txt")), old_text_a);
        assert_ne!(
            inode(&staged("records/b.json")),
            inode(&out.join("records/b.json"))
        );
        // a symbolic link in the old folder is not carried over, even with the same bytes
        assert!(fs::symlink_metadata(staged("text/b.txt"))
            .unwrap()
            .file_type()
            .is_file());
        sink.finish(&serde_json::json!({}), &serde_json::json!({}), "{}")
            .unwrap();

        assert_eq!(
            fs::read_to_string(out.join("records/a.json")).unwrap(),
            "{\"same\": 1}\n"
        );
        assert_eq!(
            fs::read_to_string(out.join("records/b.json")).unwrap(),
            "{\"new\": 2}\n"
        );
        assert_eq!(
            fs::read_to_string(out.join("text/b.txt")).unwrap(),
            "Le texte B."
        );
        assert_eq!(
            fs::read_to_string(out.join("corpus.jsonl")).unwrap(),
            "{\"id\":\"a\"}\n{\"id\":\"b\"}\n"
        );
        assert!(
            !out.join("elsewhere.txt").exists(),
            "the old folder is gone"
        );
    }

    #[test]
    fn an_abandoned_sink_leaves_the_previous_output_whole() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("manifest.json"), "{}").unwrap();
        fs::write(out.join("corpus.jsonl"), "old\n").unwrap();
        let sink = Sink::create(&out).unwrap();
        drop(sink);
        assert_eq!(
            fs::read_to_string(out.join("corpus.jsonl")).unwrap(),
            "old\n"
        );
        let leftovers: Vec<_> = fs::read_dir(root.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folder left behind");
    }
}
