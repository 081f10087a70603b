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
//!
//! Scanned pages are read by OCR inside the worker too: its `pdftoppm` and
//! `tesseract` children inherit its address-space cap, and the worker leads a
//! process group of its own, so that killing it kills them. Before reading
//! pages by OCR the worker says how many (a `Reply::Ocr` frame); the parent
//! then waits `--ocr-timeout` more per round of pages (each page has that
//! limit in the worker). A request is a JSON `Request` frame, then the PDF's
//! frame: the request says how many pages the worker may read at once, the
//! batch's idle cores.

use ctg_core::ingest::ocr::OcrConfig;
use ctg_core::ingest::pdf::{extract_pages, PdfReader, PdfText};
use ctg_core::ingest::IngestError;
use serde::{Deserialize, Serialize};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Mutex;
use std::time::{Duration, Instant};

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

/// What the parent asks of a worker, before the PDF's bytes.
#[derive(Debug, Serialize, Deserialize)]
struct Request {
    /// Pages the worker may read by OCR at once.
    ocr_threads: usize,
}

/// A worker's answer.
#[derive(Debug, Serialize, Deserialize)]
enum Reply {
    /// Not the answer yet: this many pages are about to be read by OCR.
    Ocr {
        /// Pages.
        pages: usize,
    },
    /// The pages and the engine that read them.
    Text(PdfText),
    /// An ingest error.
    Failed(IngestError),
}

/// A running worker.
struct Worker {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    replies: Receiver<io::Result<Vec<u8>>>,
}

impl Worker {
    fn start(exe: &PathBuf, limits: &Limits, ocr: &OcrConfig) -> io::Result<Worker> {
        let mut command = Command::new(exe);
        command
            .arg("pdf-worker")
            .arg("--memory-mib")
            .arg(limits.memory_mib.to_string())
            .arg("--ocr")
            .arg(ocr.mode.name())
            .arg("--ocr-lang")
            .arg(&ocr.lang)
            .arg("--ocr-timeout")
            .arg(ocr.page_timeout.as_secs_f64().to_string());
        #[cfg(unix)]
        {
            // a group of its own, so that its OCR children die with it
            use std::os::unix::process::CommandExt;
            command.process_group(0);
        }
        let mut child = command
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

    /// Kills the worker and the OCR programs it runs.
    fn kill(&mut self) {
        #[cfg(unix)]
        {
            // SAFETY: kill(2) on the process group our own child leads.
            unsafe {
                libc::kill(-(self.child.id() as libc::pid_t), libc::SIGKILL);
            }
        }
        let _ = self.child.kill();
    }

    fn stop(mut self) {
        self.kill();
        let _ = self.child.wait();
    }

    /// How the worker ended, once it has.
    fn death(mut self) -> String {
        self.kill();
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
    /// OCR settings; `threads` is the batch's number of jobs.
    ocr: OcrConfig,
    idle: Mutex<Vec<Worker>>,
    /// PDFs being parsed now.
    busy: AtomicUsize,
}

impl std::fmt::Debug for PdfWorkers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfWorkers")
            .field("exe", &self.exe)
            .field("limits", &self.limits)
            .field("ocr", &self.ocr)
            .finish()
    }
}

impl PdfWorkers {
    /// Workers run `exe pdf-worker` (normally `std::env::current_exe()`);
    /// `ocr.threads` is the number of pages all workers together may read by
    /// OCR at once (the batch's jobs).
    pub fn new(exe: PathBuf, limits: Limits, ocr: OcrConfig) -> PdfWorkers {
        PdfWorkers {
            exe,
            limits,
            ocr,
            idle: Mutex::new(Vec::new()),
            busy: AtomicUsize::new(0),
        }
    }

    fn checkout(&self) -> io::Result<Worker> {
        let idle = self.idle.lock().ok().and_then(|mut v| v.pop());
        match idle {
            Some(w) => Ok(w),
            None => Worker::start(&self.exe, &self.limits, &self.ocr),
        }
    }

    /// Sends one PDF to a worker and waits for its answer.
    fn parse(&self, bytes: &[u8], ocr_threads: usize) -> Result<PdfText, IngestError> {
        let mut worker = self
            .checkout()
            .map_err(|e| IngestError::PdfCrashed(format!("cannot start a PDF worker: {e}")))?;
        let request = serde_json::to_vec(&Request { ocr_threads }).expect("requests serialize");
        if write_frame(&mut worker.stdin, &request).is_err()
            || write_frame(&mut worker.stdin, bytes).is_err()
        {
            return Err(IngestError::PdfCrashed(worker.death()));
        }
        let mut deadline = Instant::now() + self.limits.timeout;
        loop {
            let wait = deadline.saturating_duration_since(Instant::now());
            match worker.replies.recv_timeout(wait) {
                Ok(Ok(frame)) => match serde_json::from_slice(&frame) {
                    Ok(Reply::Ocr { pages }) => {
                        // each round of pages may take --ocr-timeout
                        let rounds = pages.div_ceil(ocr_threads.max(1)) as u32;
                        deadline += self.ocr.page_timeout * rounds;
                    }
                    Ok(Reply::Text(text)) => {
                        self.give_back(worker);
                        return Ok(text);
                    }
                    Ok(Reply::Failed(e)) => {
                        self.give_back(worker);
                        return Err(e);
                    }
                    Err(e) => {
                        worker.stop();
                        return Err(IngestError::PdfCrashed(format!("unreadable reply: {e}")));
                    }
                },
                Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {
                    return Err(IngestError::PdfCrashed(worker.death()))
                }
                Err(RecvTimeoutError::Timeout) => {
                    worker.stop();
                    return Err(IngestError::PdfTimeout {
                        millis: self.limits.timeout.as_millis() as u64,
                    });
                }
            }
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
        // the cores the other PDFs in progress leave idle
        let others = self.busy.fetch_add(1, Ordering::SeqCst);
        let ocr_threads = self.ocr.threads.saturating_sub(others).max(1);
        let result = self.parse(bytes, ocr_threads);
        self.busy.fetch_sub(1, Ordering::SeqCst);
        result
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
/// `ocr.threads` is replaced by each request's.
pub fn worker_main(memory_mib: u64, ocr: OcrConfig) -> io::Result<()> {
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
        let request: Request = serde_json::from_slice(&request).map_err(io::Error::other)?;
        let pdf = read_frame(&mut input)?;
        let config = OcrConfig {
            threads: request.ocr_threads.max(1),
            ..ocr.clone()
        };
        let mut announced = Ok(());
        let result = extract_pages(&pdf, &config, &mut |pages| {
            let json = serde_json::to_vec(&Reply::Ocr { pages }).expect("replies serialize");
            announced = write_frame(&mut output, &json);
        });
        announced?;
        let reply = match result {
            Ok(text) => Reply::Text(text),
            Err(e) => Reply::Failed(e),
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
    fn worker_errors_come_back_as_they_were() {
        use ctg_core::ingest::NoOcr;
        for e in [
            IngestError::PdfEncrypted,
            IngestError::PdfNoText(NoOcr::ToolsMissing("tesseract is not installed".into())),
            IngestError::PdfOcrUnreadable {
                pages: 1,
                best: Some(31),
                dpi: Some(60),
            },
            IngestError::PdfCorrupt("bad xref".into()),
        ] {
            let json = serde_json::to_vec(&Reply::Failed(e.clone())).unwrap();
            match serde_json::from_slice(&json).unwrap() {
                Reply::Failed(back) => assert_eq!(back, e),
                other => panic!("{other:?}"),
            }
        }
    }
}
