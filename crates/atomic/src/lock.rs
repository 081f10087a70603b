//! One writer per output: a run claims its target before it writes anything,
//! and clears what killed runs left beside it.
//!
//! The claim is a lock file beside the target, `.<name>.lock`, holding the
//! process id of the run, and locked with `flock`: the kernel releases that
//! lock when the process ends, however it ends, so a lock file left by a
//! killed run is stale as soon as it is found unlocked, and is taken over
//! (the claim says whose it was). A second run onto the same target while
//! the first still holds it is refused at once, naming the first's process.
//! The file is removed when the claim is dropped.
//!
//! Once the target is claimed, no other run can be writing it, so what lies
//! beside it under its name is debris of runs that were killed: staging
//! folders (`.<name>.tmp-<pid>`) are removed; a previous version renamed
//! aside (`.<name>.old-<pid>`) is removed, or put back when the run was
//! killed between the two renames and the target is missing; and the
//! result cache older versions of ctg kept there (`.<name>.cache`) is
//! removed. Each is reported. Entries of processes still alive (an older
//! ctg that takes no lock) are left alone.

use crate::{io, WriteError};
use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why a target cannot be claimed.
#[derive(Debug, Error)]
pub enum LockError {
    /// Another run holds it.
    #[error(
        "{target} is being written by another ctg run ({holder}); wait for it to end, \
         or choose another output"
    )]
    Held {
        /// The target.
        target: PathBuf,
        /// Who holds it, as far as the lock file says (`process 1234`).
        holder: String,
    },
    /// The lock file cannot be made or locked.
    #[error(transparent)]
    Io(#[from] WriteError),
}

impl LockError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            LockError::Held { .. } => "sink.locked",
            LockError::Io(e) => e.code(),
        }
    }
}

/// Something a claim found beside its target and cleared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cleared {
    /// The lock file of a run that is gone, taken over.
    StaleLock {
        /// Its process id, when the file named one.
        pid: Option<u32>,
    },
    /// A staging folder or file, or an old version, of a run that is gone.
    Removed(PathBuf),
    /// The previous version of the target, renamed aside by a run killed
    /// before it put its own in place: renamed back.
    Restored(PathBuf),
    /// The result cache older versions of ctg kept beside the output.
    OldCache(PathBuf),
}

impl std::fmt::Display for Cleared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cleared::StaleLock { pid: Some(pid) } => write!(
                f,
                "took over the lock of ctg process {pid}, which ended without releasing it (killed?)"
            ),
            Cleared::StaleLock { pid: None } => {
                write!(f, "took over a lock file no running process holds")
            }
            Cleared::Removed(path) => {
                write!(f, "removed {}, left by a run that was killed", path.display())
            }
            Cleared::Restored(path) => write!(
                f,
                "put back the previous output from {}, where a killed run had left it",
                path.display()
            ),
            Cleared::OldCache(path) => write!(
                f,
                "removed {}, the cache of an older ctg (the cache is now where the platform keeps caches)",
                path.display()
            ),
        }
    }
}

/// A claimed target: the lock is held until this is dropped.
#[derive(Debug)]
pub struct Claim {
    path: PathBuf,
    file: fs::File,
    /// What was cleared when the target was claimed, in name order.
    pub cleared: Vec<Cleared>,
}

impl Drop for Claim {
    fn drop(&mut self) {
        // removed while still locked: a run that opens it after this finds
        // another file than the one it locks, and starts again
        let _ = fs::remove_file(&self.path);
        let _ = self.file.set_len(0);
    }
}

/// Where the lock of `target` is: `.<name>.lock` beside it.
pub fn lock_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.lock"))
}

/// Claims `target` for this process, then clears the debris of killed runs
/// beside it. Refused at once when another running process holds it.
pub fn claim(target: &Path) -> Result<Claim, LockError> {
    let path = lock_path(target);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(io(parent))?;
    }
    // a holder that ends between our open and our lock removes the file we
    // opened: try again on the new one
    let mut attempts = 0;
    let (mut file, previous) = loop {
        attempts += 1;
        let mut file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io(&path))?;
        let mut previous = String::new();
        let _ = file.read_to_string(&mut previous);
        if !try_lock(&file).map_err(io(&path))? {
            return Err(LockError::Held {
                target: target.to_path_buf(),
                holder: holder(&previous),
            });
        }
        if same_file(&file, &path) || attempts == 3 {
            // read again: the holder may have written after our first read
            let mut previous = String::new();
            let _ = file
                .seek(SeekFrom::Start(0))
                .and_then(|_| file.read_to_string(&mut previous));
            break (file, previous);
        }
    };
    file.set_len(0)
        .and_then(|()| file.seek(SeekFrom::Start(0)))
        .and_then(|_| writeln!(file, "{}", std::process::id()))
        .map_err(io(&path))?;
    let mut cleared = Vec::new();
    if !previous.trim().is_empty() {
        cleared.push(Cleared::StaleLock {
            pid: previous.trim().parse().ok(),
        });
    }
    cleared.extend(clear_debris(target));
    Ok(Claim {
        path,
        file,
        cleared,
    })
}

/// `process 1234`, or what can be said without a process id.
fn holder(content: &str) -> String {
    match content.trim().parse::<u32>() {
        Ok(pid) => format!("process {pid}"),
        Err(_) => "a process that has just started".to_string(),
    }
}

/// Removes (or puts back) what killed runs left beside `target`.
fn clear_debris(target: &Path) -> Vec<Cleared> {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let Ok(entries) = fs::read_dir(&parent) else {
        return Vec::new();
    };
    let mut found: Vec<(String, PathBuf)> = entries
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    found.sort();
    let mut cleared = Vec::new();
    for (file_name, path) in found {
        let Some(rest) = file_name.strip_prefix(&format!(".{name}.")) else {
            continue;
        };
        if rest == "cache" && path.is_dir() {
            if fs::remove_dir_all(&path).is_ok() {
                cleared.push(Cleared::OldCache(path));
            }
            continue;
        }
        let (kind, pid) = match rest.split_once('-') {
            Some((kind @ ("tmp" | "old"), pid)) => match pid.parse::<u32>() {
                Ok(pid) => (kind, pid),
                Err(_) => continue,
            },
            _ => continue,
        };
        if pid == std::process::id() || alive(pid) {
            continue;
        }
        if kind == "old" && !target.exists() && fs::rename(&path, target).is_ok() {
            cleared.push(Cleared::Restored(path));
            continue;
        }
        let removed = if path.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
        if removed.is_ok() {
            cleared.push(Cleared::Removed(path));
        }
    }
    cleared
}

/// Whether a process with this id is running (it may be another program
/// that got the id again: then its debris waits for a later run).
pub fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        // signal 0 checks without sending anything; EPERM means it exists
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: kill with signal 0 sends nothing; it only reads its arguments
        let result = unsafe { libc::kill(pid, 0) };
        result == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Takes the lock without waiting: false when another process holds it.
#[cfg(unix)]
fn try_lock(file: &fs::File) -> std::io::Result<bool> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock only reads the descriptor, which `file` keeps open
    let result = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if result == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
        Ok(false)
    } else {
        Err(e)
    }
}

#[cfg(not(unix))]
fn try_lock(_file: &fs::File) -> std::io::Result<bool> {
    Ok(true)
}

/// Whether `path` still names the open `file` (and not a newer lock file).
#[cfg(unix)]
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &fs::File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_claim_is_refused_until_the_first_ends() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let first = claim(&out).unwrap();
        assert_eq!(first.cleared, []);
        let e = claim(&out).unwrap_err();
        assert_eq!(e.code(), "sink.locked");
        let holder = format!("process {}", std::process::id());
        assert!(e.to_string().contains(&holder), "{e}");
        drop(first);
        assert!(
            !lock_path(&out).exists(),
            "the lock file goes with the claim"
        );
        let again = claim(&out).unwrap();
        assert_eq!(again.cleared, []);
    }

    #[test]
    fn debris_of_killed_runs_is_cleared_and_said() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        // a process id that is surely not running
        let gone = u32::try_from(i32::MAX).unwrap();
        fs::write(lock_path(&out), format!("{gone}\n")).unwrap();
        fs::create_dir(dir.path().join(format!(".out.tmp-{gone}"))).unwrap();
        fs::create_dir(dir.path().join(format!(".out.old-{gone}"))).unwrap();
        fs::write(
            dir.path().join(format!(".out.old-{gone}/manifest.json")),
            "{}",
        )
        .unwrap();
        fs::create_dir(dir.path().join(".out.cache")).unwrap();
        // another output's and a running process's are not ours to clear
        fs::create_dir(dir.path().join(format!(".other.tmp-{gone}"))).unwrap();
        fs::create_dir(dir.path().join(".out.tmp-1")).unwrap();
        let claimed = claim(&out).unwrap();
        assert_eq!(
            claimed.cleared,
            [
                Cleared::StaleLock { pid: Some(gone) },
                Cleared::OldCache(dir.path().join(".out.cache")),
                Cleared::Restored(dir.path().join(format!(".out.old-{gone}"))),
                Cleared::Removed(dir.path().join(format!(".out.tmp-{gone}"))),
            ]
        );
        assert!(
            out.join("manifest.json").exists(),
            "the previous output is back"
        );
        assert!(dir.path().join(format!(".other.tmp-{gone}")).exists());
        assert!(
            dir.path().join(".out.tmp-1").exists(),
            "process 1 is running"
        );
    }
}
