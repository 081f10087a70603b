//! Reference data and place matching, timed: `cargo bench --bench places`.
//!
//! Reports the time to parse the embedded reference data and to build the
//! automata (what every run pays once), and the throughput of folding plus
//! matching communes and EPCI over the bundled `corpus/` texts, repeated to a few
//! megabytes. Plain `Instant` timing, best of several rounds; no statistics
//! framework, so it builds fast.

use ctg::places::{epci::EpciIndex, fold::Folded, gazetteer::Gazetteer};
use ctg::refdata::RefData;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const ROUNDS: usize = 5;

fn best<T>(mut f: impl FnMut() -> T) -> Duration {
    (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .min()
        .expect("at least one round")
}

fn corpus_text() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/ is readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "html"))
        .collect();
    files.sort();
    let one: String = files
        .iter()
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).expect("readable")).into_owned())
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut text = String::new();
    while text.len() < 4 << 20 {
        text.push_str(&one);
        text.push_str("\n\n");
    }
    text
}

fn main() {
    let load = best(RefData::load);
    let data: &'static RefData = Box::leak(Box::new(RefData::load()));
    let gazetteer_build = best(|| Gazetteer::build(data));
    let epci_build = best(|| EpciIndex::build(data));
    let gazetteer = Gazetteer::build(data);
    let epci = EpciIndex::build(data);

    let text = corpus_text();
    let mb = text.len() as f64 / (1 << 20) as f64;
    let fold = best(|| Folded::new(&text));
    let folded = Folded::new(&text);
    let communes = best(|| gazetteer.find(&folded).len());
    let epcis = best(|| epci.find(&folded).len());
    let total = fold + communes + epcis;

    println!(
        "reference data: {} communes, {} EPCI, {} departments",
        data.communes.len(),
        data.epci.len(),
        data.departements.len()
    );
    println!("load (parse embedded TSV)     {:>8.1} ms", ms(load));
    println!(
        "build commune automaton       {:>8.1} ms",
        ms(gazetteer_build)
    );
    println!("build EPCI automaton          {:>8.1} ms", ms(epci_build));
    println!(
        "start-up total                {:>8.1} ms",
        ms(load + gazetteer_build + epci_build)
    );
    println!("text: {mb:.1} MB (corpus/ texts repeated)");
    println!(
        "fold                          {:>8.1} MB/s",
        mb / fold.as_secs_f64()
    );
    println!(
        "match communes (folded text)  {:>8.1} MB/s",
        mb / communes.as_secs_f64()
    );
    println!(
        "match EPCI (folded text)      {:>8.1} MB/s",
        mb / epcis.as_secs_f64()
    );
    println!(
        "fold + both matchers          {:>8.1} MB/s",
        mb / total.as_secs_f64()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
