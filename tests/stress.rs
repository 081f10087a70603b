//! Stress: small versions of the machine-made texts of issue 18 (the full ones
//! are made by `tools/stress/make_inputs.py` and timed by `tools/stress/run.py`,
//! see docs/reliability.md).
//!
//! Each of these texts once took time quadratic in its length: at 500 KB,
//! "Caf de Caf de ..." took 27 s, names 23 s; now 1 to 4 s. Here each one, at
//! 500 KB (100 KB in a debug build, see [`SIZE`]), must give its record within
//! `--extract-timeout 20`, so that a path
//! that turns quadratic again fails the test by its error code rather than
//! by a clock ratio; and a text past the budget of time must get
//! `extract.timeout`, one past the budget of memory `extract.memory`, while
//! the batch goes on.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// The size of each text: 500 KB in an optimized build; 100 KB in a debug
/// build (`cargo test`), whose binary runs 10 to 30 times slower. The
/// quadratic paths took 1 to 3 s of an optimized build at 100 KB, so 20 to 90
/// s of a debug one: past the budget still.
const SIZE: usize = if cfg!(debug_assertions) {
    100_000
} else {
    500_000
};

const GIVEN: &[&str] = &[
    "Anne",
    "Paul",
    "Marie",
    "Jean",
    "Claire",
    "Michel",
    "Isabelle",
    "Éric",
    "Hélène",
    "Gérard",
    "Agnès",
    "Émilie",
    "François",
    "Céline",
];
const SURNAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Moreau",
    "Lefèbvre",
    "Guérin",
    "Rousseau",
    "Faure",
    "CHARASSE",
    "AUBERGER",
    "HENNEBELLE",
    "Durand",
];
const SENTENCES: &[&str] = &[
    "La Communauté de communes du Pays de Lapalisse et la Caisse d'allocations familiales \
     de l'Allier ont signé le mardi 5 novembre 2024 une convention territoriale globale.",
    "Le document a été paraphé par Michel Auberger, président de l'intercommunalité, et par \
     Isabelle Charasse, directrice de la Caf de l'Allier.",
    "Conclue pour cinq ans, la convention couvre la période 2024-2028.",
    "Un lieu d'accueil enfants-parents itinérant fera étape une matinée par semaine au Breuil \
     et à Saint-Prix.",
    "Le 09/12/2021, dans la salle des mariages de l'hôtel de ville, le maire, Paul Verhaeghe, \
     et Marc Hennebelle, directeur de la Caf du Nord, ont signé la Convention territoriale \
     globale de Bailleul.",
    "La convention est conclue pour une durée de 4 ans, du 1er janvier 2022 au 31 décembre 2025.",
    "Publié le jeudi 7 novembre 2024 à 17 h 40 | Par Claire Dumontet",
];

/// A small deterministic generator (SplitMix64), so that the texts are the
/// same on every run.
struct Seeded(u64);

impl Seeded {
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        from[((z ^ (z >> 31)) % from.len() as u64) as usize]
    }
}

/// `next` repeated until `SIZE` bytes (cut on a character boundary).
fn fill(mut next: impl FnMut() -> String) -> String {
    let mut text = String::new();
    while text.len() < SIZE {
        text.push_str(&next());
    }
    let mut end = SIZE;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// The texts of issue 18, by name.
fn cases() -> Vec<(&'static str, String)> {
    let mut rng = Seeded(18);
    let names = fill(|| format!("{} {} ", rng.pick(GIVEN), rng.pick(SURNAMES)));
    let one_line = fill(|| format!("{} ", rng.pick(SENTENCES)));
    let cr_only = fill(|| format!("{} {}\r", rng.pick(SENTENCES), rng.pick(SENTENCES)));
    vec![
        ("caf-de", fill(|| "Caf de ".to_string())),
        ("dates", fill(|| "12/12/2012 ".to_string())),
        (
            "caf-list",
            fill(|| "CAF du Cher et CAF de l'Aisne et ".to_string()),
        ),
        ("names", names),
        ("combining", format!("e{}", "\u{301}".repeat(SIZE / 2 - 1))),
        ("one-line", one_line),
        ("cr-only", cr_only),
    ]
}

/// `ctg extract INPUT --output OUT --no-cache --quiet EXTRA...`.
fn extract(input: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctg"))
        .arg("extract")
        .arg(input)
        .arg("--output")
        .arg(out)
        .args(["--no-cache", "--quiet", "--jobs", "2"])
        .args(extra)
        .output()
        .expect("ctg runs")
}

/// The `source.path` of each line of `file` (records or errors) with, for an
/// error, its code.
fn lines(file: &Path) -> Vec<(String, Option<String>)> {
    let Ok(content) = fs::read_to_string(file) else {
        return Vec::new();
    };
    content
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let path = v["source"]["path"].as_str().expect("a path").to_string();
            let code = v["error"]["code"].as_str().map(str::to_string);
            (path, code)
        })
        .collect()
}

#[test]
fn every_machine_made_text_gives_its_record_within_the_budget() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    let cases = cases();
    for (name, text) in &cases {
        assert!(text.len() > SIZE - 4 && text.len() <= SIZE, "{name}");
        fs::write(input.join(format!("{name}.txt")), text).unwrap();
    }
    let out = tmp.path().join("out");
    // a few seconds each on a loaded machine; the quadratic paths took more
    // than 20 s at this size
    let run = extract(&input, &out, &["--extract-timeout", "20"]);
    let errors = lines(&out.join("errors.jsonl"));
    assert!(errors.is_empty(), "{errors:?}");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let records = lines(&out.join("corpus.jsonl"));
    assert_eq!(records.len(), cases.len(), "{records:?}");
    for (name, _) in &cases {
        assert!(
            records
                .iter()
                .any(|(path, _)| path.ends_with(&format!("{name}.txt"))),
            "no record for {name}"
        );
    }
}

#[test]
fn a_text_past_the_budget_gets_extract_timeout_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    // 12 MB of the names text in one: some 8 s of work in a release build,
    // 80 s or more in the debug build of `cargo test`, past the budget (2 s,
    // or 10 s in a debug build), which the short text stays within, even
    // while the patterns compile on first use on a machine loaded by other
    // builds (at 1 s it ran past the budget there now and then)
    let (_, names) = cases().into_iter().find(|(n, _)| *n == "names").unwrap();
    let copies = 12_000_000 / SIZE;
    fs::write(input.join("long.txt"), names.repeat(copies)).unwrap();
    fs::write(input.join("short.txt"), SENTENCES.join(" ")).unwrap();
    let out = tmp.path().join("out");
    let budget = if cfg!(debug_assertions) { "10" } else { "2" };
    let run = extract(&input, &out, &["--extract-timeout", budget]);
    assert_eq!(run.status.code(), Some(1), "some documents failed");
    let errors = lines(&out.join("errors.jsonl"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].0.ends_with("long.txt"));
    assert_eq!(errors[0].1.as_deref(), Some("extract.timeout"));
    let records = lines(&out.join("corpus.jsonl"));
    assert_eq!(records.len(), 1, "{records:?}");
    assert!(records[0].0.ends_with("short.txt"));
    let message = fs::read_to_string(out.join("errors.jsonl")).unwrap();
    assert!(message.contains("--extract-timeout"), "{message}");
}

#[test]
fn a_text_past_its_memory_gets_extract_memory_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    // 4 MB of dates, the text that holds the most per byte (some 80 MiB per
    // MB at the budget's checks, and more between them): it passes 192 MiB
    // before half of its work. The short text needs about 130 MiB with the
    // built-in rules, nearly all of it the patterns compiled on their first
    // use, which its thread pays for (about 120 MiB with 279 rules, 130 with
    // 288). The same sizes in a debug build, which allocates as much.
    let (_, dates) = cases().into_iter().find(|(n, _)| *n == "dates").unwrap();
    fs::write(input.join("long.txt"), dates.repeat(4_000_000 / SIZE)).unwrap();
    fs::write(input.join("short.txt"), SENTENCES.join(" ")).unwrap();
    let out = tmp.path().join("out");
    let args = ["--extract-memory", "192", "--extract-timeout", "600"];
    let run = extract(&input, &out, &args);
    assert_eq!(
        run.status.code(),
        Some(1),
        "some documents failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let errors = lines(&out.join("errors.jsonl"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].0.ends_with("long.txt"));
    assert_eq!(errors[0].1.as_deref(), Some("extract.memory"));
    let records = lines(&out.join("corpus.jsonl"));
    assert_eq!(records.len(), 1, "{records:?}");
    assert!(records[0].0.ends_with("short.txt"));
    let message = fs::read_to_string(out.join("errors.jsonl")).unwrap();
    assert!(message.contains("--extract-memory"), "{message}");
    // with the default limit, the same text gives its record (3 s of work
    // in an optimized build, a minute in a debug one: there, not run)
    if !cfg!(debug_assertions) {
        let out = tmp.path().join("default");
        let run = extract(&input, &out, &["--extract-timeout", "600"]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(lines(&out.join("corpus.jsonl")).len(), 2);
    }
    // and a limit of nothing is refused
    let run = extract(&input, &tmp.path().join("none"), &["--extract-memory", "0"]);
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    assert!(String::from_utf8_lossy(&run.stderr).contains("--extract-memory"));
}
