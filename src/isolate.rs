//! PDF parsing in worker processes, so that no file can crash, hang or starve a
//! batch (in the spirit of Apache Tika's ForkParser).
//!
//! A worker is `ctg pdf-worker`, a child of ctg itself, started once and reused
//! (starting one costs milliseconds; a batch has thousands of PDFs). It caps its
//! own address space (`--pdf-memory`), then answers requests on its standard
//! input and output: a request is a length (8 bytes, little-endian) and the PDF's
//! bytes; a reply is a length and a JSON `Reply`. Whatever the parsing libraries
//! print goes to the worker's standard error, never into the replies.
//!
//! The parent (`PdfWorkers`) hands each PDF to an idle worker and waits at most
//! `--pdf-timeout` for the reply. A worker that runs late is killed
//! (`pdf.timeout`); one that dies (a stack overflow, the memory cap, an abort)
//! gives `pdf.crashed`. Either way the next PDF gets a fresh worker.

use ctg_core::ingest::pdf::{extract_pages, PdfReader, PdfText};
use ctg_core::ingest::IngestError;
use serde::{Deserialize, Serialize};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Mutex;
use std::time::Duration;

/// Limits of the PDF workers.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Wall-clock time for one PDF.
    pub timeout: Duration,
    /// Address space of a worker, in MiB.
    pub memory_mib: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            timeout: Duration::from_secs(60),
            memory_mib: 2048,
        }
    }
}

/// A worker's answer.
#[derive(Debug, Serialize, Deserialize)]
enum Reply {
    /// The pages and the engine that read them.
    Text(PdfText),
    /// An ingest error, as its code and message.
    Failed { code: String, message: String },
}

/// A running worker.
struct Worker {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    replies: Receiver<io::Result<Vec<u8>>>,
}

impl Worker {
    fn start(exe: &PathBuf, limits: &Limits) -> io::Result<Worker> {
        let mut child = Command::new(exe)
            .arg("pdf-worker")
            .arg("--memory-mib")
            .arg(limits.memory_mib.to_string())
            // mimalloc reserves address space 1 GiB at a time, which alone
            // would break a cap of a few hundred MiB: small steps instead
            .env("MIMALLOC_ARENA_RESERVE", "8M")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdin = child
            .stdin
            .take()
            .ok_or_else(|| io::Error::other("no stdin"))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| io::Error::other("no stdout"))?;
        let (tx, replies) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let frame = read_frame(&mut reader);
                let done = frame.is_err();
                if tx.send(frame).is_err() || done {
                    break;
                }
            }
        });
        Ok(Worker {
            child,
            stdin: BufWriter::new(stdin),
            replies,
        })
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// How the worker ended, once it has.
    fn death(mut self) -> String {
        let _ = self.child.kill();
        match self.child.wait() {
            Ok(status) => describe(status),
            Err(e) => e.to_string(),
        }
    }
}

fn describe(status: std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                libc::SIGSEGV => "SIGSEGV, likely a stack overflow",
                libc::SIGABRT => "SIGABRT, likely out of memory",
                libc::SIGKILL => "SIGKILL",
                libc::SIGBUS => "SIGBUS",
                _ => "a signal",
            };
            return format!("worker killed by signal {signal} ({name})");
        }
    }
    format!("worker exited with {status}")
}

/// A pool of PDF workers shared by the batch's threads.
pub struct PdfWorkers {
    exe: PathBuf,
    limits: Limits,
    idle: Mutex<Vec<Worker>>,
}

impl std::fmt::Debug for PdfWorkers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfWorkers")
            .field("exe", &self.exe)
            .field("limits", &self.limits)
            .finish()
    }
}

impl PdfWorkers {
    /// Workers run `exe pdf-worker` (normally `std::env::current_exe()`).
    pub fn new(exe: PathBuf, limits: Limits) -> PdfWorkers {
        PdfWorkers {
            exe,
            limits,
            idle: Mutex::new(Vec::new()),
        }
    }

    fn checkout(&self) -> io::Result<Worker> {
        let idle = self.idle.lock().ok().and_then(|mut v| v.pop());
        match idle {
            Some(w) => Ok(w),
            None => Worker::start(&self.exe, &self.limits),
        }
    }

    fn give_back(&self, worker: Worker) {
        match self.idle.lock() {
            Ok(mut idle) => idle.push(worker),
            Err(_) => worker.stop(),
        }
    }
}

impl Drop for PdfWorkers {
    fn drop(&mut self) {
        if let Ok(mut idle) = self.idle.lock() {
            for w in idle.drain(..) {
                w.stop();
            }
        }
    }
}

impl PdfReader for PdfWorkers {
    fn pages(&self, bytes: &[u8]) -> Result<PdfText, IngestError> {
        let mut worker = self
            .checkout()
            .map_err(|e| IngestError::PdfCrashed(format!("cannot start a PDF worker: {e}")))?;
        if write_frame(&mut worker.stdin, bytes).is_err() {
            return Err(IngestError::PdfCrashed(worker.death()));
        }
        match worker.replies.recv_timeout(self.limits.timeout) {
            Ok(Ok(frame)) => {
                let reply: Result<Reply, _> = serde_json::from_slice(&frame);
                self.give_back(worker);
                match reply {
                    Ok(Reply::Text(text)) => Ok(text),
                    Ok(Reply::Failed { code, message }) => Err(from_code(&code, message)),
                    Err(e) => Err(IngestError::PdfCrashed(format!("unreadable reply: {e}"))),
                }
            }
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {
                Err(IngestError::PdfCrashed(worker.death()))
            }
            Err(RecvTimeoutError::Timeout) => {
                worker.stop();
                Err(IngestError::PdfTimeout {
                    millis: self.limits.timeout.as_millis() as u64,
                })
            }
        }
    }
}

/// The error a worker reported, rebuilt from its code.
fn from_code(code: &str, message: String) -> IngestError {
    match code {
        "pdf.encrypted" => IngestError::PdfEncrypted,
        "pdf.no_text" => IngestError::PdfNoText,
        "internal.panic" => IngestError::Panic(message),
        _ => IngestError::PdfCorrupt(
            message
                .strip_prefix("the PDF cannot be read: ")
                .unwrap_or(&message)
                .to_string(),
        ),
    }
}

fn write_frame(w: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    w.write_all(&(bytes.len() as u64).to_le_bytes())?;
    w.write_all(bytes)?;
    w.flush()
}

/// Frames above this size are refused (a broken stream, not a PDF reply).
const MAX_FRAME: u64 = 1 << 32;

fn read_frame(r: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut len = [0u8; 8];
    r.read_exact(&mut len)?;
    let len = u64::from_le_bytes(len);
    if len > MAX_FRAME {
        return Err(io::Error::other(format!("frame of {len} bytes")));
    }
    let mut buf = vec![0u8; len as usize];
    r.read_exact(&mut buf)?;
    Ok(buf)
}

/// The worker's main loop (`ctg pdf-worker`): caps its memory, moves whatever
/// the libraries print to standard error, then answers until its input closes.
pub fn worker_main(memory_mib: u64) -> io::Result<()> {
    let replies = private_stdout()?;
    cap_memory(memory_mib);
    let mut input = BufReader::new(io::stdin().lock());
    let mut output = BufWriter::new(replies);
    loop {
        let request = match read_frame(&mut input) {
            Ok(r) => r,
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e),
        };
        let reply = match extract_pages(&request) {
            Ok(text) => Reply::Text(text),
            Err(e) => Reply::Failed {
                code: e.code().to_string(),
                message: e.to_string(),
            },
        };
        let json = serde_json::to_vec(&reply).map_err(io::Error::other)?;
        write_frame(&mut output, &json)?;
    }
}

/// A handle on the original standard output, for replies only; file descriptor
/// 1 is pointed at standard error so that stray prints cannot corrupt them.
#[cfg(unix)]
fn private_stdout() -> io::Result<std::fs::File> {
    use std::os::fd::FromRawFd;
    // SAFETY: plain descriptor duplication on descriptors this process owns;
    // the duplicate is owned by the returned File alone.
    unsafe {
        let fd = libc::dup(1);
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        if libc::dup2(2, 1) < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(std::fs::File::from_raw_fd(fd))
    }
}

#[cfg(not(unix))]
fn private_stdout() -> io::Result<std::fs::File> {
    Err(io::Error::other("PDF workers need a Unix system"))
}

/// Limits this process's address space to `mib` MiB (an allocation beyond it
/// fails, and the worker dies instead of the machine swapping).
#[cfg(unix)]
fn cap_memory(mib: u64) {
    let bytes = mib.saturating_mul(1024 * 1024);
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit reads the struct we pass; failure only leaves the
    // limit unchanged.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

#[cfg(not(unix))]
fn cap_memory(_mib: u64) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip() {
        let mut buf = Vec::new();
        write_frame(&mut buf, b"%PDF-1.7 bytes").unwrap();
        let back = read_frame(&mut buf.as_slice()).unwrap();
        assert_eq!(back, b"%PDF-1.7 bytes");
        assert!(read_frame(&mut &buf[..5]).is_err());
    }

    #[test]
    fn worker_errors_come_back_with_their_codes() {
        assert_eq!(
            from_code("pdf.encrypted", String::new()).code(),
            "pdf.encrypted"
        );
        assert_eq!(
            from_code("pdf.no_text", String::new()).code(),
            "pdf.no_text"
        );
        let e = from_code("pdf.corrupt", "the PDF cannot be read: bad xref".into());
        assert_eq!(e, IngestError::PdfCorrupt("bad xref".into()));
    }
}
