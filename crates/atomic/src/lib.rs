//! Files and folders that a reader never sees half-written.
//!
//! A new version is written beside its target (`.<name>.tmp-<pid>`), then renamed
//! into place once complete: a crash or Ctrl-C leaves the previous version whole.
//! `ctg extract` writes its output folder this way, `ctg compare -o` and
//! `ctg report -o` their file, `ctg export` its database and CSV folder.
//!
//! `lock` makes sure one run at a time writes an output folder, and clears
//! what killed runs left beside it.

pub mod lock;

use std::fs;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// A file or folder that could not be written.
#[derive(Debug, Error)]
#[error("cannot write {path}: {source}")]
pub struct WriteError {
    /// The path.
    pub path: PathBuf,
    /// The OS error.
    pub source: std::io::Error,
}

impl WriteError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        "sink.io"
    }
}

/// Turns an OS error about `path` into a [`WriteError`]: `.map_err(io(&path))`.
pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes one file atomically: into a temporary file beside it, renamed over
/// it once complete, so a reader never sees half of it.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let tmp = staging_path(path)?;
    let written = fs::write(&tmp, bytes)
        .map_err(io(&tmp))
        .and_then(|()| fs::rename(&tmp, path).map_err(io(path)));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Where a new version of `target` is written before it replaces it:
/// `.<name>.tmp-<pid>` beside it.
pub fn staging_path(target: &Path) -> Result<PathBuf, WriteError> {
    let Some(name) = target.file_name() else {
        return Err(WriteError {
            path: target.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"),
        });
    };
    Ok(target.with_file_name(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    )))
}

/// Puts the complete folder `staging` in the place of `target`: the old
/// `target` (if any) is renamed aside, `staging` renamed to `target`, then
/// the old one removed.
pub fn replace_folder(staging: &Path, target: &Path) -> Result<(), WriteError> {
    let old = staging.with_file_name(
        staging
            .file_name()
            .map(|n| n.to_string_lossy().replace(".tmp-", ".old-"))
            .unwrap_or_default(),
    );
    if target.exists() {
        fs::rename(target, &old).map_err(io(target))?;
    }
    fs::rename(staging, target).map_err(io(target))?;
    if old.exists() {
        fs::remove_dir_all(&old).map_err(io(&old))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_file_replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("table.csv");
        write_file(&path, b"first").unwrap();
        write_file(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let err = write_file(&dir.path().join("missing/table.csv"), b"x").unwrap_err();
        assert_eq!(err.code(), "sink.io");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_replaced_folder_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("old"), "x").unwrap();
        let staging = staging_path(&target).unwrap();
        fs::create_dir(&staging).unwrap();
        fs::write(staging.join("new"), "y").unwrap();
        replace_folder(&staging, &target).unwrap();
        assert!(target.join("new").exists() && !target.join("old").exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
