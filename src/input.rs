//! The files of a batch: folders walked into a list of documents, and each
//! document read from disk without ever blocking or reading without bound.
//!
//! Walking: folders are walked recursively in byte order of names, and only
//! document extensions are taken; hidden entries (`.name`) are not. Symbolic
//! links are followed, but a folder is walked at most once per (device,
//! inode): a link to a folder already walked (`dot -> .`, `sub/up -> ..`, two
//! links to one folder) is skipped and listed as such, so a loop ends.
//!
//! Reading: only regular files are opened. A FIFO, a device or a socket, also
//! reached through a link (`zero.txt -> /dev/zero`, a FIFO named `b.txt`), is
//! refused as `input.not_a_file` before any `open`, which could block or have
//! an effect; the file is then opened without blocking and checked again, in
//! case it was replaced in between. `--max-bytes` bounds the bytes actually
//! read, not only the size the file system reports (a file that grows while
//! read, a `/proc` file that says 0 bytes).
//!
//! What it does not do: decide formats (that is `ctg_core::ingest`) or turn
//! failures into records (that is `pipeline`).

use ctg_core::ingest::IngestError;
use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// An input path that does not exist, or a folder that cannot be listed:
/// the batch cannot run.
#[derive(Debug, Error)]
#[error("{path}: {message}")]
pub struct ListError {
    /// The path.
    pub path: PathBuf,
    /// What is wrong.
    pub message: String,
}

/// Extensions taken when walking a folder.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "html", "htm", "pdf"];

/// The inputs of a batch.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Document files, in walk order.
    pub files: Vec<PathBuf>,
    /// Entries of folders not taken, in walk order.
    pub skipped: Vec<Skipped>,
}

/// An entry of a folder that is not taken as a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Its path.
    pub path: PathBuf,
    /// Why.
    pub why: SkipReason,
}

/// Why an entry of a folder is not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// Not a document extension, or a hidden file.
    NotADocument,
    /// A link to a folder already walked in this batch.
    FolderWalked,
}

impl Skipped {
    /// How the summary line counts it: its extension (`.docx`), `(none)`, or
    /// `(folder walked before)` for a link to a folder already walked.
    pub fn label(&self) -> String {
        match self.why {
            SkipReason::FolderWalked => "(folder walked before)".to_string(),
            SkipReason::NotADocument => {
                extension(&self.path).map_or_else(|| "(none)".to_string(), |e| format!(".{e}"))
            }
        }
    }
}

/// The lower-case extension of a path.
pub fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_lowercase())
}

/// The path as recorded (`source.path`, `errors.jsonl`, the manifest): as
/// given or found, in its file system's bytes. Where those are
/// UTF-8 the path is that text; a literal backslash is written `\\` and each
/// byte that is not part of valid UTF-8 `\xNN` (two upper-case hex digits), so
/// that a name in ISO-8859-1 (`caf\xE9.txt`) or holding a backslash still
/// names its file ([`path_of`] gives it back). Paths without either are
/// recorded unchanged.
#[cfg(unix)]
pub fn shown(path: &Path) -> String {
    use std::fmt::Write;
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                c => out.push(c),
            }
        }
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02X}");
        }
    }
    out
}

/// The path as recorded: `/` separators (a Windows path's `\` is one).
#[cfg(not(unix))]
pub fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The file a recorded path names: [`shown`] undone (`\\` is a backslash,
/// `\xNN` a byte; a backslash before anything else is kept as it is).
#[cfg(unix)]
pub fn path_of(recorded: &str) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    let bytes = recorded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes[i..] {
            [b'\\', b'\\', ..] => Some((b'\\', 2)),
            [b'\\', b'x', hi, lo, ..] => std::str::from_utf8(&[hi, lo])
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .map(|byte| (byte, 4)),
            _ => None,
        };
        match escaped {
            Some((byte, len)) => {
                out.push(byte);
                i += len;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    PathBuf::from(std::ffi::OsString::from_vec(out))
}

/// Lists the documents under `paths`: files as given, folders walked
/// recursively in byte order of names, each at most once, keeping only
/// document extensions.
pub fn list(paths: &[PathBuf]) -> Result<Inputs, ListError> {
    let mut walk = Walk::default();
    for path in paths {
        let meta = fs::metadata(path).map_err(|e| ListError {
            path: path.clone(),
            message: e.to_string(),
        })?;
        if meta.is_dir() {
            if walk.first_visit(&meta) {
                walk.folder(path)?;
            }
        } else {
            walk.inputs.files.push(path.clone());
        }
    }
    Ok(walk.inputs)
}

/// A walk in progress: what was found, and the folders already walked.
#[derive(Debug, Default)]
struct Walk {
    inputs: Inputs,
    /// (device, inode) of every folder walked.
    walked: HashSet<(u64, u64)>,
}

impl Walk {
    /// Whether the folder `meta` describes is seen for the first time.
    fn first_visit(&mut self, meta: &fs::Metadata) -> bool {
        self.walked.insert(identity(meta))
    }

    fn folder(&mut self, dir: &Path) -> Result<(), ListError> {
        let listing = fs::read_dir(dir).map_err(|e| ListError {
            path: dir.to_path_buf(),
            message: e.to_string(),
        })?;
        let mut entries: Vec<PathBuf> = listing.flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            let hidden = path
                .file_name()
                .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."));
            // through links: a link to a folder is a folder, a link to a
            // device is a device (refused when read); a broken link is a file
            // that cannot be read
            let meta = fs::metadata(&path).ok();
            if let Some(meta) = meta.as_ref().filter(|m| m.is_dir()) {
                if hidden {
                    continue;
                }
                if self.first_visit(meta) {
                    self.folder(&path)?;
                } else {
                    self.inputs.skipped.push(Skipped {
                        path,
                        why: SkipReason::FolderWalked,
                    });
                }
            } else if !hidden
                && extension(&path).is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.as_str()))
            {
                self.inputs.files.push(path);
            } else {
                self.inputs.skipped.push(Skipped {
                    path,
                    why: SkipReason::NotADocument,
                });
            }
        }
        Ok(())
    }
}

#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// Without inodes, every folder is new: links are not followed there
/// (`fs::metadata` of a Windows junction is not a folder).
#[cfg(not(unix))]
fn identity(_meta: &fs::Metadata) -> (u64, u64) {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    (0, NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

/// Reads the document at `path`: at most `max_bytes`, from a regular file
/// only. A larger file is `input.too_large` (its size in `bytes`), a FIFO,
/// device, socket or folder `input.not_a_file`, anything else that fails
/// `input.unreadable`.
pub fn read(path: &Path, max_bytes: u64) -> Result<Vec<u8>, IngestError> {
    let unreadable = |e: std::io::Error| IngestError::Unreadable(e.to_string());
    // before opening: opening a FIFO blocks until a writer comes, and opening
    // some devices does something
    let meta = fs::metadata(path).map_err(unreadable)?;
    refuse_special(&meta)?;
    if meta.len() > max_bytes {
        return Err(IngestError::TooLarge {
            bytes: meta.len(),
            limit: max_bytes,
        });
    }
    let file = open_without_blocking(path).map_err(unreadable)?;
    // the path may have been replaced between the two looks
    let meta = file.metadata().map_err(unreadable)?;
    refuse_special(&meta)?;
    let mut bytes = Vec::with_capacity(meta.len().min(max_bytes) as usize);
    let mut file = file.take(max_bytes.saturating_add(1));
    file.read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > max_bytes {
        // it grew while read; say how large it is now, at least what was read
        let now = file.get_ref().metadata().map_or(0, |m| m.len());
        return Err(IngestError::TooLarge {
            bytes: now.max(bytes.len() as u64),
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

/// `input.not_a_file` for anything but a regular file.
fn refuse_special(meta: &fs::Metadata) -> Result<(), IngestError> {
    if meta.is_file() {
        return Ok(());
    }
    Err(IngestError::NotAFile(kind(meta.file_type()).to_string()))
}

/// What a file that is not a regular file is, for the error message.
fn kind(file_type: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK changes nothing for a regular file, and makes opening a
    // FIFO that replaced it return at once
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_up_to_the_limit_and_refused_past_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "Caf de l'Aisne").unwrap();
        assert_eq!(read(&path, 14).unwrap(), b"Caf de l'Aisne");
        let e = read(&path, 13).unwrap_err();
        assert_eq!(
            e,
            IngestError::TooLarge {
                bytes: 14,
                limit: 13
            }
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_device_behind_a_link_is_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.txt");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let e = read(&link, 1024).unwrap_err();
        assert_eq!(e.code(), "input.not_a_file");
        assert!(e.to_string().contains("a character device"), "{e}");
        let e = read(dir.path(), 1024).unwrap_err();
        assert!(e.to_string().contains("a folder"), "{e}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_that_says_zero_bytes_is_still_bounded() {
        // /proc files report a size of 0 whatever they hold
        let e = read(Path::new("/proc/self/maps"), 8).unwrap_err();
        assert_eq!(e.code(), "input.too_large");
    }

    #[cfg(unix)]
    #[test]
    fn recorded_paths_name_their_files() {
        use std::os::unix::ffi::OsStrExt;
        let cases: [(&[u8], &str); 4] = [
            (b"corpus/press-caf.txt", "corpus/press-caf.txt"),
            ("corpus/Évian.txt".as_bytes(), "corpus/Évian.txt"),
            // ISO-8859-1 é, and a backslash in a name
            (b"archive/caf\xe9.txt", "archive/caf\\xE9.txt"),
            (b"a\\b\\x41.txt", "a\\\\b\\\\x41.txt"),
        ];
        for (bytes, recorded) in cases {
            let path = Path::new(std::ffi::OsStr::from_bytes(bytes));
            assert_eq!(shown(path), recorded);
            assert_eq!(path_of(recorded), path);
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_to_folders_already_walked_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::write(root.join("a.txt"), "a").unwrap();
        fs::write(root.join("sub/b.txt"), "b").unwrap();
        std::os::unix::fs::symlink(".", root.join("dot")).unwrap();
        std::os::unix::fs::symlink("..", root.join("sub/up")).unwrap();
        // a link to a folder not walked yet is followed, once
        std::os::unix::fs::symlink("sub", root.join("also")).unwrap();
        let inputs = list(std::slice::from_ref(&root)).unwrap();
        let files: Vec<_> = inputs
            .files
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap())
            .collect();
        assert_eq!(files, [Path::new("a.txt"), Path::new("also/b.txt")]);
        let skipped: Vec<_> = inputs
            .skipped
            .iter()
            .map(|s| (s.path.strip_prefix(&root).unwrap(), s.label()))
            .collect();
        assert_eq!(
            skipped,
            [
                (Path::new("also/up"), "(folder walked before)".to_string()),
                (Path::new("dot"), "(folder walked before)".to_string()),
                (Path::new("sub"), "(folder walked before)".to_string()),
            ]
        );
    }
}
