//! What the file system can hold besides documents: links that loop, a FIFO
//! and a device under document names, two runs onto one output, debris of
//! killed runs, file names that are not UTF-8. Each run is bounded in time
//! (a test that would hang fails instead).

#![cfg(unix)]

mod common;

use ctg_core::record::{ErrorRecord, Record};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Time any run here may take: each input must finish within 10 s in an
/// optimized build. A debug build (`cargo test`) runs 10 to 30 times slower
/// and shares two cores with the other tests, so it gets 60 s: still a bound
/// that a loop without end or a blocking read cannot meet.
const WITHIN: Duration = Duration::from_secs(if cfg!(debug_assertions) { 60 } else { 10 });

/// A finished run: its exit status and its standard error.
struct Run {
    status: ExitStatus,
    stderr: String,
}

/// `ctg extract ARGS... --no-cache --quiet`, started with its standard error
/// in a file of `dir` (a pipe could fill and block it).
fn start(dir: &Path, name: &str, args: &[&std::ffi::OsStr]) -> Child {
    let stderr = fs::File::create(dir.join(format!("{name}.stderr"))).unwrap();
    Command::new(env!("CARGO_BIN_EXE_ctg"))
        .arg("extract")
        .args(args)
        .args(["--no-cache", "--quiet"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("ctg starts")
}

/// Waits for `child` at most [`WITHIN`]; a run still going is killed and
/// the test fails.
fn finish(dir: &Path, name: &str, mut child: Child) -> Run {
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > WITHIN {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`ctg extract` ({name}) still running after {WITHIN:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        status,
        stderr: fs::read_to_string(dir.join(format!("{name}.stderr"))).unwrap(),
    }
}

/// `ctg extract INPUT --output OUT`, within [`WITHIN`].
fn extract(dir: &Path, input: &Path, out: &Path) -> Run {
    let child = start(
        dir,
        "run",
        &[input.as_os_str(), "--output".as_ref(), out.as_os_str()],
    );
    finish(dir, "run", child)
}

fn errors(out: &Path) -> Vec<ErrorRecord> {
    lines(&out.join("errors.jsonl"))
}

fn records(out: &Path) -> Vec<Record> {
    lines(&out.join("corpus.jsonl"))
}

fn lines<T: serde::de::DeserializeOwned>(path: &Path) -> Vec<T> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A short press text about a signing, that gives a record.
const PRESS: &str = "La Caf de l'Aisne et la commune de Laon ont signé le 3 mars 2023 \
                     une convention territoriale globale pour la période 2023-2027.\n";

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}

#[test]
fn links_that_loop_a_fifo_and_a_device_end_the_run_with_error_records() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(input.join("sub")).unwrap();
    fs::write(input.join("sub/press.txt"), PRESS).unwrap();
    std::os::unix::fs::symlink(".", input.join("dot")).unwrap();
    std::os::unix::fs::symlink("..", input.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", input.join("zero.txt")).unwrap();
    mkfifo(&input.join("b.txt"));
    let out = dir.path().join("out");
    let run = extract(dir.path(), &input, &out);
    assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
    let got: Vec<(String, String)> = errors(&out)
        .into_iter()
        .map(|e| (e.source.path, e.error.code))
        .collect();
    let shown = |name: &str| input.join(name).to_str().unwrap().to_string();
    assert_eq!(
        got,
        [
            (shown("b.txt"), "input.not_a_file".to_string()),
            (shown("zero.txt"), "input.not_a_file".to_string()),
        ]
    );
    let records = records(&out);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].source.path, shown("sub/press.txt"));
    assert!(
        run.stderr.contains("(folder walked before) 2"),
        "the links to walked folders are counted: {}",
        run.stderr
    );
    // a FIFO named on the command line is refused too, not waited on
    let fifo: PathBuf = input.join("b.txt");
    let run = extract(dir.path(), &fifo, &dir.path().join("out2"));
    assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
    assert_eq!(
        errors(&dir.path().join("out2"))[0].error.code,
        "input.not_a_file"
    );
}

/// A folder of a few press texts, each with its own bytes.
fn press_folder(dir: &Path, n: usize) -> PathBuf {
    let input = dir.join("in");
    fs::create_dir_all(&input).unwrap();
    for i in 0..n {
        let text = format!("{PRESS}Communiqué n° {i}.\n");
        fs::write(input.join(format!("press-{i:03}.txt")), text).unwrap();
    }
    input
}

/// The names in `dir` that start with a dot (locks, staging, debris).
fn hidden_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    names.sort();
    names
}

#[test]
fn a_run_onto_an_output_another_run_writes_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = press_folder(dir.path(), 2);
    let out = dir.path().join("out");
    // this test process holds the output, as a running `ctg extract` would
    let claim = ctg_atomic::lock::claim(&out).unwrap();
    let run = extract(dir.path(), &input, &out);
    assert_eq!(run.status.code(), Some(2), "{}", run.stderr);
    let holder = format!("another ctg run (process {})", std::process::id());
    assert!(run.stderr.contains(&holder), "{}", run.stderr);
    assert!(!out.exists(), "nothing was written");
    drop(claim);
    let run = extract(dir.path(), &input, &out);
    assert_eq!(run.status.code(), Some(0), "{}", run.stderr);
    assert_eq!(records(&out).len(), 2);
}

#[test]
fn two_runs_at_once_leave_the_output_of_one() {
    let dir = tempfile::tempdir().unwrap();
    let input = press_folder(dir.path(), 40);
    let alone = dir.path().join("alone");
    let run = extract(dir.path(), &input, &alone);
    assert_eq!(run.status.code(), Some(0), "{}", run.stderr);
    let out = dir.path().join("out");
    let args = [input.as_os_str(), "--output".as_ref(), out.as_os_str()];
    let first = start(dir.path(), "first", &args);
    let second = start(dir.path(), "second", &args);
    let runs = [
        finish(dir.path(), "first", first),
        finish(dir.path(), "second", second),
    ];
    for run in &runs {
        match run.status.code() {
            Some(0) => {}
            // refused: the other one was writing
            Some(2) => assert!(
                run.stderr.contains("is being written by another ctg run"),
                "{}",
                run.stderr
            ),
            _ => panic!("{:?}: {}", run.status, run.stderr),
        }
    }
    assert!(runs.iter().any(|r| r.status.success()));
    for file in ["corpus.jsonl", "errors.jsonl", "manifest.json"] {
        let alone = fs::read_to_string(alone.join(file)).unwrap();
        let got = fs::read_to_string(out.join(file)).unwrap();
        // the manifest names the output's inputs: the same folder
        assert_eq!(got, alone, "{file}");
    }
    assert_eq!(hidden_entries(dir.path()), Vec::<String>::new());
}

#[test]
fn what_killed_runs_left_is_cleared_by_the_next_run_which_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let input = press_folder(dir.path(), 1);
    let out = dir.path().join("out");
    // a process id no process has (over any pid_max)
    let gone = i32::MAX;
    fs::write(dir.path().join(".out.lock"), format!("{gone}\n")).unwrap();
    fs::create_dir_all(dir.path().join(format!(".out.tmp-{gone}/records"))).unwrap();
    fs::write(
        dir.path().join(format!(".out.tmp-{gone}/records/x.json")),
        "{",
    )
    .unwrap();
    let run = extract(dir.path(), &input, &out);
    assert_eq!(run.status.code(), Some(0), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("took over the lock of ctg process {gone}")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!(".out.tmp-{gone}, left by a run that was killed")),
        "{}",
        run.stderr
    );
    assert_eq!(hidden_entries(dir.path()), Vec::<String>::new());

    // killed between its two renames: the previous output is aside, and put back
    let aside = dir.path().join(format!(".out.old-{gone}"));
    fs::rename(&out, &aside).unwrap();
    let run = extract(dir.path(), &input, &out);
    assert_eq!(run.status.code(), Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("put back the previous output"),
        "{}",
        run.stderr
    );
    assert_eq!(records(&out).len(), 1);
    assert_eq!(hidden_entries(dir.path()), Vec::<String>::new());

    // a run that fails before it writes anything leaves nothing either
    let run = extract(dir.path(), &dir.path().join("missing"), &out);
    assert_eq!(run.status.code(), Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written") || run.stderr.contains("missing"));
    assert_eq!(hidden_entries(dir.path()), Vec::<String>::new());
    assert_eq!(records(&out).len(), 1, "the previous output is whole");
}

#[test]
fn recorded_paths_name_files_with_backslashes_and_bytes_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    // an ISO-8859-1 name (é is 0xE9) and a name with a backslash
    let latin1 = input.join(std::ffi::OsStr::from_bytes(b"communiqu\xe9.txt"));
    fs::write(&latin1, PRESS).unwrap();
    let backslash = input.join("caf\\aisne.txt");
    fs::write(&backslash, format!("{PRESS}Autre texte.\n")).unwrap();
    fs::write(input.join("vide.txt"), "").unwrap();
    let out = dir.path().join("out");
    let run = extract(dir.path(), &input, &out);
    assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
    let base = input.to_str().unwrap();
    let mut paths: Vec<String> = records(&out).into_iter().map(|r| r.source.path).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            format!("{base}/caf\\\\aisne.txt"),
            format!("{base}/communiqu\\xE9.txt"),
        ]
    );
    for path in &paths {
        assert!(ctg::input::path_of(path).is_file(), "{path} names no file");
    }
    assert_eq!(errors(&out)[0].source.path, format!("{base}/vide.txt"));
    // what reads the output still does
    let csv = dir.path().join("csv");
    let exported = Command::new(env!("CARGO_BIN_EXE_ctg"))
        .arg("export")
        .arg(&out)
        .arg("--csv")
        .arg(&csv)
        .output()
        .unwrap();
    assert!(exported.status.success(), "{exported:?}");
    let documents = fs::read_to_string(csv.join("documents.csv")).unwrap();
    assert!(documents.contains("communiqu\\xE9.txt"), "{documents}");
    // a list of files with the same bytes, as `find` prints it
    let list = dir.path().join("list");
    let mut bytes = latin1.as_os_str().as_bytes().to_vec();
    bytes.push(b'\n');
    fs::write(&list, bytes).unwrap();
    let out = dir.path().join("out-list");
    let child = start(
        dir.path(),
        "list",
        &[
            "--files-from".as_ref(),
            list.as_os_str(),
            "--output".as_ref(),
            out.as_os_str(),
        ],
    );
    let run = finish(dir.path(), "list", child);
    assert_eq!(run.status.code(), Some(0), "{}", run.stderr);
    assert_eq!(
        records(&out)[0].source.path,
        format!("{base}/communiqu\\xE9.txt")
    );
}

/// A press text as Windows tools save "Unicode" text, without its mark.
fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

#[test]
fn utf16_press_text_without_bom_is_read_and_binary_gets_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let press = format!("{PRESS}« Une étape importante », a déclaré la présidente.\n");
    fs::write(input.join("press-utf16.txt"), utf16le(&press)).unwrap();
    fs::write(input.join("press-utf8.txt"), &press).unwrap();
    // UTF-16 cut in the middle of a character
    let mut cut = utf16le("Convention territoriale globale de la Caf du Cher");
    cut.push(b'x');
    fs::write(input.join("cut.txt"), cut).unwrap();
    let out = dir.path().join("out");
    let run = extract(dir.path(), &input, &out);
    assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
    let records = records(&out);
    let read = |name: &str| {
        records
            .iter()
            .find(|r| r.source.path.ends_with(name))
            .unwrap_or_else(|| panic!("no record for {name}"))
    };
    let (wide, narrow) = (read("press-utf16.txt"), read("press-utf8.txt"));
    assert_eq!(wide.source.encoding.as_deref(), Some("utf-16le"));
    assert!(!wide.source.bom);
    // the same text gives the same values
    assert!(narrow.extraction.signing_date.is_some() && !narrow.extraction.caf.is_empty());
    assert_eq!(wide.extraction, narrow.extraction);
    let errors = errors(&out);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].error.code, "input.binary");
    assert!(
        errors[0].error.message.contains("utf-16le") && errors[0].error.message.contains("iconv"),
        "{}",
        errors[0].error.message
    );
}
