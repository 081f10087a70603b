//! The page rendered from the committed `output/` (the extract of `corpus/`).

use super::*;
use serde_json::Value;

fn committed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../output")
}

/// The records of the hand-made sample at the top of `corpus/` (the documents
/// of its subfolders are for accuracy, and their counts change with the rules).
fn records() -> Vec<Record> {
    dataset::load(&committed())
        .unwrap()
        .into_iter()
        .filter(|r| r.source.path.matches('/').count() == 1)
        .collect()
}

fn text_of(id: &DocId) -> Option<String> {
    std::fs::read_to_string(committed().join("text").join(format!("{id}.txt"))).ok()
}

fn page(records: &[Record], text: impl FnMut(&DocId) -> Option<String>) -> Report {
    page_in(records, text, Lang::Fr)
}

fn page_in(records: &[Record], text: impl FnMut(&DocId) -> Option<String>, lang: Lang) -> Report {
    let input = Input {
        label: "output",
        records,
        manifest: None,
        lang,
    };
    render(&input, ctg_core::refdata::get(), text)
}

/// The JSON the page's script reads.
fn data(html: &str) -> Value {
    let start = html
        .find("<script type=\"application/json\" id=\"ctg-data\">")
        .unwrap();
    let json = &html[start..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    serde_json::from_str(json).unwrap()
}

/// The `data-ev` lists of the links whose text is `text`.
fn links<'a>(html: &'a str, text: &str) -> Vec<&'a str> {
    let end = format!("\">{text}</a>");
    html.match_indices(&end)
        .map(|(i, _)| {
            let before = &html[..i];
            &before[before.rfind("data-ev=\"").unwrap() + 9..]
        })
        .map(|rest| rest.split('"').next().unwrap())
        .collect()
}

#[test]
fn one_row_per_convention_and_every_link_points_into_the_data() {
    let records = records();
    let report = page(&records, text_of);
    assert_eq!((report.documents, report.conventions), (29, 28));
    let html = &report.html;
    assert_eq!(html.matches("<tr id=\"c-").count(), 28);
    let data = data(html);
    let evidence = data["evidence"].as_array().unwrap();
    assert_eq!(evidence.len(), report.passages);
    for list in html.split("data-ev=\"").skip(1) {
        for i in list.split('"').next().unwrap().split(' ') {
            assert!(i.parse::<usize>().unwrap() < evidence.len());
        }
    }
    // every passage is its evidence text, at its place in its snippet
    for e in evidence {
        let snippet = &data["snippets"][e[0].as_u64().unwrap() as usize];
        assert!(snippet[1].is_u64(), "every corpus text is there: {snippet}");
        let units: Vec<u16> = snippet[2].as_str().unwrap().encode_utf16().collect();
        let (start, end) = (
            e[1].as_u64().unwrap() as usize,
            e[2].as_u64().unwrap() as usize,
        );
        assert!(start < end && end <= units.len());
    }
    assert_eq!(report.html, page(&records, text_of).html, "deterministic");
}

#[test]
fn the_signing_date_of_the_mayenne_convention_opens_both_sources_passages() {
    let report = page(&records(), text_of);
    let html = &report.html;
    let data = data(html);
    // the convention says 2 April, the press release 4 April: a conflict
    let conflict = links(html, "date de signature");
    assert_eq!(conflict.len(), 1, "one convention with a conflicting date");
    let passages: Vec<String> = conflict[0]
        .split(' ')
        .map(|i| {
            let e = &data["evidence"][i.parse::<usize>().unwrap()];
            let snippet = data["snippets"][e[0].as_u64().unwrap() as usize][2]
                .as_str()
                .unwrap();
            let units: Vec<u16> = snippet.encode_utf16().collect();
            String::from_utf16(
                &units[e[1].as_u64().unwrap() as usize..e[2].as_u64().unwrap() as usize],
            )
            .unwrap()
        })
        .collect();
    assert_eq!(passages.len(), 2);
    assert!(
        passages.iter().any(|p| p.contains("2 avril 2024")),
        "{passages:?}"
    );
    assert!(
        passages.iter().any(|p| p.contains("4 avril")),
        "{passages:?}"
    );
    // the bars: every year from the first to the last, then unknown
    let titles: Vec<&str> = html
        .split("<title>")
        .skip(2)
        .filter_map(|t| t.split("</title>").next())
        .collect();
    assert!(
        html.contains("<title>2024 : 8 conventions</title>"),
        "{titles:?}"
    );
    assert!(
        html.contains("<title>inconnue : 2 conventions</title>"),
        "{titles:?}"
    );
    // the map shades Mayenne, the table row names it
    assert!(html.contains("<title>Mayenne (53) : 1 convention</title>"));
    assert!(html.contains(">53 Mayenne</a>"));
}

#[test]
fn snippets_are_smaller_than_the_texts() {
    let records = records();
    let report = page(&records, text_of);
    let data = data(&report.html);
    let kept: usize = data["snippets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s[2].as_str().unwrap().len())
        .sum();
    let texts: usize = records
        .iter()
        .filter_map(|r| text_of(&r.id))
        .map(|t| t.len())
        .sum();
    // the corpus's documents are short and their values spread over them
    // (about half is kept); long conventions keep a much smaller share
    assert!(
        kept < texts * 3 / 4,
        "{kept} bytes of snippets for {texts} of text"
    );
}

#[test]
fn hostile_text_in_a_document_stays_text() {
    let hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";
    let mut records = records();
    let record = records
        .iter_mut()
        .find(|r| !r.territories.is_empty())
        .unwrap();
    let territory = &mut record.extraction.territories[0];
    territory.name = format!("Ville {hostile}");
    territory.code = None;
    record.source.path = format!("corpus/{hostile}.txt");
    let (id, start) = (record.id.clone(), territory.evidence.start);
    // the text just before the passage is hostile too (as many characters
    // as it replaces, so that the offsets still hold)
    let length = hostile.chars().count();
    assert!(start > length);
    let report = page(&records, |doc| {
        let text = text_of(doc)?;
        if *doc != id {
            return Some(text);
        }
        let chars: Vec<char> = text.chars().collect();
        let before: String = chars[..start - length - 1].iter().collect();
        let after: String = chars[start - 1..].iter().collect();
        Some(format!("{before}{hostile}{after}"))
    });
    let html = &report.html;
    assert_eq!(
        html.matches("<script").count(),
        2,
        "the data block and the page's script"
    );
    assert_eq!(html.matches("</script>").count(), 2);
    assert!(!html.contains("<img"));
    assert!(html.contains("Ville &lt;/script&gt;&lt;script&gt;alert(1)"));
    let data = data(html);
    let paths: Vec<&str> = data["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d[0].as_str().unwrap())
        .collect();
    assert!(paths.contains(&format!("corpus/{hostile}.txt").as_str()));
    let snippets = data["snippets"].as_array().unwrap();
    assert!(snippets
        .iter()
        .any(|s| s[2].as_str().unwrap().contains(hostile)));
}

#[test]
fn without_texts_the_passages_are_shown_alone() {
    let report = page(&records(), |_| None);
    let data = data(&report.html);
    let snippets = data["snippets"].as_array().unwrap();
    assert!(!snippets.is_empty());
    assert!(snippets.iter().all(|s| s[1].is_null()));
}

#[test]
fn each_signing_of_a_roundup_is_a_row_and_pages_not_about_a_ctg_are_counted_apart() {
    use ctg_core::record::{AboutCtg, NotAboutCtg, Signing};
    let mut records = records();
    let before = page(&records, text_of).conventions;
    // a round-up reporting two signings of the sample's parties, ten years
    // later (so that they are no signing of the sample)
    let base: Vec<Record> = records
        .iter()
        .filter(|r| r.signing_date.is_some() && !r.territories.is_empty() && !r.caf.is_empty())
        .take(2)
        .cloned()
        .collect();
    let mut roundup = base[0].clone();
    roundup.id = DocId("ffffffffffffff01".into());
    roundup.signings = base
        .iter()
        .map(|r| {
            let mut date = r.signing_date.clone().unwrap();
            let year: i32 = date.value[..4].parse().unwrap();
            date.value = format!("{}{}", year + 10, &date.value[4..]);
            Signing {
                signing_date: Some(date),
                period: None,
                duration: None,
                caf: r.caf.clone(),
                territories: r.territories.clone(),
                signatories: Vec::new(),
                communes: Vec::new(),
            }
        })
        .collect();
    roundup.signing_date = None;
    roundup.period = None;
    roundup.duration = None;
    // and a page where "CTG" means the Collectivité territoriale de Guyane
    let mut guyane = base[1].clone();
    guyane.id = DocId("ffffffffffffff02".into());
    guyane.about_ctg = AboutCtg {
        value: false,
        evidence: Vec::new(),
        reason: Some(NotAboutCtg::OtherMeaning),
    };
    records.push(roundup);
    records.push(guyane);
    let report = page(&records, text_of);
    assert_eq!(report.conventions, before + 2);
    assert_eq!(report.not_about_ctg, 1);
    let html = &report.html;
    assert!(html.contains("<tr id=\"c-ffffffffffffff01.1\">"));
    assert!(html.contains("<tr id=\"c-ffffffffffffff01.2\">"));
    assert!(
        !html.contains("ffffffffffffff02\">"),
        "no row for the Guyane page"
    );
    assert!(html.contains("Laissés de côté : 1 document ne portant pas sur une CTG"));
}
