//! `ctg report` end to end: `ctg extract corpus` into a temporary folder,
//! the page written and read back as text (offline, one row per convention,
//! escaped, deterministic), then rendered in headless Chromium when one is
//! installed (`.ci/run` installs Debian's): the script runs and filters the
//! table, and the screenshot is not blank and shows the map and the bars.

mod common;

use common::{ctg, extract_corpus, root};
use regex::Regex;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `ctg report OUTPUT -o FILE`: its exit code and standard error.
fn run_report(output: &Path, file: &Path) -> (Option<i32>, String) {
    let run = ctg(&[
        "report",
        output.to_str().unwrap(),
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(run.stdout.is_empty());
    (
        run.status.code(),
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

/// `ctg report OUTPUT -o FILE`, which must succeed: the page.
fn report(output: &Path, file: &Path) -> String {
    let (code, stderr) = run_report(output, file);
    assert_eq!(code, Some(0), "{stderr}");
    fs::read_to_string(file).unwrap()
}

/// The rows of the table of conventions: id, and whether the row is hidden.
fn rows(html: &str) -> Vec<(String, bool)> {
    Regex::new(r#"<tr id="c-([0-9a-f]+(?:\.[0-9]+)?)"([^>]*)>"#)
        .unwrap()
        .captures_iter(html)
        .map(|c| (c[1].to_string(), c[2].contains("hidden")))
        .collect()
}

/// The ids of the rows of the table of conventions.
fn row_ids(html: &str) -> Vec<String> {
    rows(html).into_iter().map(|(id, _)| id).collect()
}

#[test]
fn report_on_the_corpus_is_one_offline_page_with_a_row_per_convention() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    extract_corpus(&out);
    let file = tmp.path().join("report.html");
    let html = report(&out, &file);

    // nothing loaded from the network: no URL in a src, href, action or CSS url()
    let network = Regex::new(
        r#"(?i)(?:\b(?:src|href|action|poster|srcset|data)\s*=\s*["']?\s*|url\(\s*["']?\s*|@import\s+["']?)(?:[a-z][a-z0-9+.-]*:)?//"#,
    )
    .unwrap();
    assert!(network.find(&html).is_none(), "{:?}", network.find(&html));
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none';"));

    // one row per convention, the library's conventions
    let records = ctg_analytics::dataset::load(&out).unwrap();
    let conventions = ctg_analytics::dataset::conventions(&records, ctg_core::refdata::get());
    assert_eq!(conventions.len(), 28);
    let ids = row_ids(&html);
    assert_eq!(ids.len(), 28);
    let expected: BTreeSet<String> = conventions.iter().map(|c| c.id.0.clone()).collect();
    assert_eq!(ids.iter().cloned().collect::<BTreeSet<_>>(), expected);
    assert!(html.contains("29 documents, 28 conventions"));
    let manifest = fs::read_to_string(out.join("manifest.json")).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let fingerprint = manifest["rules"]["fingerprint"].as_str().unwrap();
    assert!(html.contains(&format!("règles <code>{fingerprint}</code>")));
    french_and_nothing_english(&html);

    // the same output, the same bytes; no temporary file left
    let again = tmp.path().join("again.html");
    assert_eq!(report(&out, &again), html);
    let names: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains(".tmp-")), "{names:?}");

    browser_check(&file, &ids);
}

#[test]
fn markup_in_documents_and_paths_is_shown_as_text() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir(&docs).unwrap();
    let hostile = "</script><img src=x onerror=alert(1)>";
    // a file name cannot hold a slash: the markup without the closing tag
    fs::write(
        docs.join("press-<img src=x onerror=alert(1)>.txt"),
        format!(
            "La Caf de l'Aisne et la commune de Laon signent leur convention territoriale globale\n\n\
             La convention territoriale globale a été signée le 3 mai 2023 {hostile} entre la Caf \
             de l'Aisne et la commune de Laon, pour la période 2023-2027. Elle porte sur la \
             petite enfance et la jeunesse.\n"
        ),
    )
    .unwrap();
    let out = tmp.path().join("out-<i>x</i>");
    let run = ctg(&[
        "extract",
        "-q",
        "--output",
        out.to_str().unwrap(),
        docs.to_str().unwrap(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let html = report(&out, &tmp.path().join("report.html"));
    assert_eq!(row_ids(&html).len(), 1);
    assert!(
        !html.contains("<img") && !html.contains("<i>"),
        "markup escaped"
    );
    assert!(
        html.contains("out-&lt;i&gt;x&lt;/i&gt;"),
        "the folder in the header"
    );
    assert_eq!(
        html.matches("<script").count(),
        2,
        "the data and the page's script"
    );
    assert_eq!(html.matches("</script>").count(), 2);
    // the passage's context and the path are in the data, escaped for a script
    assert!(html.contains(r"\u003c/script\u003e\u003cimg src=x onerror=alert(1)\u003e"));
    assert!(html.contains(r"press-\u003cimg src=x onerror=alert(1)\u003e.txt"));
    // the signing date links to its passage
    assert!(html.contains(">3 mai 2023</a>"), "{html}");
}

#[test]
fn report_without_an_extract_or_with_a_foreign_manifest_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("never-extracted");
    let file = tmp.path().join("report.html");
    let (code, stderr) = run_report(&missing, &file);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("run `ctg extract` first"), "{stderr}");
    assert!(!file.exists());

    // an output folder without its corpus.jsonl
    fs::create_dir(&missing).unwrap();
    let (code, stderr) = run_report(&missing, &file);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("corpus.jsonl"), "{stderr}");

    // records without a manifest: a page that says so; a manifest of
    // another tool: refused
    fs::copy(
        root().join("output/corpus.jsonl"),
        missing.join("corpus.jsonl"),
    )
    .unwrap();
    let html = report(&missing, &file);
    assert!(
        html.contains("le dossier n'a pas de manifest.json"),
        "{html}"
    );
    let records = ctg_analytics::dataset::load(&missing).unwrap();
    let conventions = ctg_analytics::dataset::conventions(&records, ctg_core::refdata::get());
    assert_eq!(row_ids(&html).len(), conventions.len());
    fs::write(missing.join("manifest.json"), "{\"tool\": \"other\"}").unwrap();
    let (code, stderr) = run_report(&missing, &file);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("not a ctg manifest"), "{stderr}");

    // a file that cannot be written: its folder does not exist
    let nowhere = tmp.path().join("no-such-folder").join("report.html");
    let (code, stderr) = run_report(&root().join("output"), &nowhere);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("no-such-folder"), "{stderr}");
}

/// What a reader sees of a page: its text, without scripts, styles and tags.
fn visible_text(html: &str) -> String {
    let hidden = Regex::new(r"(?s)<script[^>]*>.*?</script>|<style[^>]*>.*?</style>").unwrap();
    let tags = Regex::new(r"<[^>]*>").unwrap();
    tags.replace_all(&hidden.replace_all(html, " "), " ")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
}

/// The page speaks French: French labels for the axes, the columns and the
/// charts, dates as "2 avril 2024", and no English label left.
fn french_and_nothing_english(html: &str) {
    assert!(html.contains("<html lang=\"fr\""));
    let text = visible_text(html);
    for french in [
        "Petite enfance (0-3 ans)",
        "Soutien à la parentalité",
        "Conventions par département CAF",
        "Signatures par année",
        "département CAF",
        "signée le",
        "durée (ans)",
        "désaccords",
        "Rechercher",
        "2 avril 2024",
        "Légende",
        "signée",
    ] {
        assert!(text.contains(french), "no {french:?} in the page");
    }
    let english = Regex::new(
        r"(?i)\b(early childhood|childhood|youth|parenting|community life|conventions per|by caf department|signings? per|signed on|search|evidence|duration|territories|conflicts|all conventions|no caf department|overseas|of \d+ conventions|period\)|unknown|report on|extracted by|reference data|legend|close|rules? in)\b",
    )
    .unwrap();
    let left: Vec<&str> = english.find_iter(&text).map(|m| m.as_str()).collect();
    assert!(left.is_empty(), "English left in the page: {left:?}");
    // no ISO date is shown where a person reads a date
    let iso = Regex::new(r"\b\d{4}-\d{2}-\d{2}\b|--\d{2}-\d{2}").unwrap();
    let table = &text[text.find("Conventions").unwrap()..];
    assert!(iso.find(table).is_none(), "{:?}", iso.find(table));
}

/// The first of `chromium`, `chromium-browser`, `google-chrome` on PATH.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Runs the browser headless on `url` with `args`; its standard output
/// (through a file: a pipe would fill up while we wait).
fn headless(browser: &Path, profile: &Path, args: &[&str], url: &str) -> String {
    let stdout = profile.join("stdout.html");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&stdout).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("the browser starts");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("{} did not finish within 120 s", browser.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = child.wait().unwrap();
    assert!(status.success(), "{}: {status:?}", browser.display());
    fs::read_to_string(stdout).unwrap()
}

/// The page in headless Chromium: the DOM once the script has run, with
/// and without a search, and a screenshot.
fn browser_check(file: &Path, ids: &[String]) {
    let Some(browser) = chromium() else {
        eprintln!("skipped: chromium not found; .ci/run installs Debian's chromium");
        return;
    };
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", file.display());

    let dom = headless(&browser, profile.path(), &["--dump-dom"], &url);
    assert!(dom.contains("class=\"js\""), "the script ran");
    assert_eq!(row_ids(&dom).len(), ids.len());
    assert!(dom.contains(&format!(">{n} sur {n} conventions</output>", n = ids.len())));
    // once the script has run, the page is still all French
    french_and_nothing_english(&dom);
    assert!(
        rows(&dom).iter().all(|(_, hidden)| !hidden),
        "no row hidden without a search"
    );
    let svg_rects = dom.matches("<rect").count();
    assert!(
        svg_rects > 101,
        "the map's squares and the bars: {svg_rects}"
    );

    // #q= fills the search box: one convention of the Mayenne
    let filtered = headless(
        &browser,
        profile.path(),
        &["--dump-dom"],
        &format!("{url}#q=Mayenne"),
    );
    assert!(filtered.contains(&format!(">1 sur {} conventions</output>", ids.len())));
    let visible: Vec<String> = rows(&filtered)
        .into_iter()
        .filter(|(_, hidden)| !hidden)
        .map(|(id, _)| id)
        .collect();
    assert_eq!(visible.len(), 1, "{visible:?}");
    let row = &filtered[filtered
        .find(&format!("<tr id=\"c-{}\"", visible[0]))
        .unwrap()..];
    assert!(row[..row.find("</tr>").unwrap()].contains("53 Mayenne"));

    interactions(&browser, profile.path(), file);

    let png = file.with_extension("png");
    let shot = format!("--screenshot={}", png.display());
    headless(
        &browser,
        profile.path(),
        &[&shot, "--window-size=1400,2400"],
        &url,
    );
    check_screenshot(&png);
}

/// What the page's script does on clicks, run by a script appended to a copy
/// of the page (the page allows inline scripts): sort by signing date, then
/// by conflicts, and open the passages of the Mayenne convention's conflict.
const CLICKS: &str = r#"<script>
(function () {
  var result = {};
  var table = document.getElementById("conventions-table");
  var buttons = table.querySelectorAll("th button");
  var column = function (i) {
    return [].map.call(table.tBodies[0].rows, function (r) { return r.cells[i].getAttribute("data-sort") || ""; });
  };
  buttons[3].click();
  result.signed = column(3);
  buttons[8].click();
  buttons[8].click();
  result.conflicts = column(8);
  var link = [].filter.call(table.querySelectorAll("a[data-ev]"), function (a) { return a.textContent === "date de signature"; })[0];
  link.click();
  var panel = document.getElementById("evidence");
  result.panel_hidden = panel.hidden;
  result.marks = [].map.call(panel.querySelectorAll("mark"), function (m) { return m.textContent; });
  result.paths = [].map.call(panel.querySelectorAll(".where b"), function (b) { return b.textContent; });
  var pre = document.createElement("pre");
  pre.id = "clicks";
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
})();
</script>"#;

fn interactions(browser: &Path, profile: &Path, file: &Path) {
    let html = fs::read_to_string(file).unwrap();
    let copy = file.with_file_name("clicks.html");
    fs::write(&copy, html.replace("</body>", &format!("{CLICKS}</body>"))).unwrap();
    let dom = headless(
        browser,
        profile,
        &["--dump-dom"],
        &format!("file://{}", copy.display()),
    );
    let start = dom.find("<pre id=\"clicks\">").expect("the clicks ran") + 17;
    let json = dom[start..start + dom[start..].find("</pre>").unwrap()]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let result: serde_json::Value = serde_json::from_str(&json).unwrap();
    let keys = |name: &str| -> Vec<String> {
        result[name]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap().to_string())
            .collect()
    };
    // dates ascending, those without a date last
    let signed = keys("signed");
    let dated: Vec<&String> = signed.iter().take_while(|k| !k.is_empty()).collect();
    assert!(
        dated.len() > 20 && dated.windows(2).all(|w| w[0] <= w[1]),
        "{signed:?}"
    );
    assert!(
        signed[dated.len()..].iter().all(|k| k.is_empty()),
        "{signed:?}"
    );
    // conflicts descending, as numbers
    let conflicts: Vec<usize> = keys("conflicts")
        .iter()
        .map(|k| k.parse().unwrap())
        .collect();
    assert_eq!(conflicts[0], 1);
    assert!(conflicts.windows(2).all(|w| w[0] >= w[1]));
    // the panel shows both sources' passages, highlighted
    assert_eq!(result["panel_hidden"], false);
    let marks = keys("marks");
    assert!(
        marks.iter().any(|m| m.contains("2 avril 2024")),
        "{marks:?}"
    );
    assert!(marks.iter().any(|m| m.contains("4 avril")), "{marks:?}");
    let mut paths = keys("paths");
    paths.sort();
    assert_eq!(paths.len(), 2);
    assert!(paths[0].ends_with("corpus/convention-meme-signature-2024.txt"));
    assert!(paths[1].ends_with("corpus/press-meme-signature-2024.txt"));
}

/// The screenshot is 1400 x 2400, far from blank, and has the map's and
/// the bars' colours in solid areas.
fn check_screenshot(png: &Path) {
    let bytes = fs::read(png).unwrap();
    assert!(bytes.len() > 50_000, "{} bytes", bytes.len());
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    assert_eq!((info.width, info.height), (1400, 2400));
    let channels = info.color_type.samples();
    assert!(channels >= 3, "{:?}", info.color_type);
    let pixels: Vec<[u8; 3]> = buffer[..info.buffer_size()]
        .chunks_exact(channels)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    let white = pixels.iter().filter(|p| **p == [255, 255, 255]).count();
    assert!(
        white < pixels.len() * 95 / 100,
        "{white} white pixels of {}",
        pixels.len()
    );
    let colours: BTreeSet<[u8; 3]> = pixels.iter().copied().collect();
    assert!(colours.len() > 50, "{} colours", colours.len());
    let count = |rgb: [u8; 3]| pixels.iter().filter(|p| **p == rgb).count();
    // a shaded square of the map (#2f6fb0) and a bar of the chart (#1f5fa8)
    assert!(count([0x2f, 0x6f, 0xb0]) > 5_000, "map squares");
    assert!(count([0x1f, 0x5f, 0xa8]) > 5_000, "bars");
}
