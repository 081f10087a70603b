//! Round-ups (a document reporting several signings), documents that are not
//! about a CTG, and the status of a convention whose sources report
//! different stages.

use super::*;
use ctg_core::record::{NotAboutCtg, ReportedStatus, Signing, StatusValue};

/// The EPCI parties of ten signings of the CAF of Maine-et-Loire, with their
/// SIREN (from the reference data): ten different local parties.
fn epcis_of_49(n: usize) -> Vec<(String, String)> {
    let data = refdata::get();
    let mut found: Vec<(String, String)> = data
        .epci
        .iter()
        .filter(|e| {
            e.members
                .iter()
                .any(|m| data.commune(m).is_some_and(|c| c.departement == "49"))
        })
        .map(|e| (e.siren.to_string(), e.name.to_string()))
        .collect();
    found.sort();
    assert!(found.len() >= n, "Maine-et-Loire has {} EPCI", found.len());
    found.truncate(n);
    found
}

fn status(mut r: Record, value: StatusValue) -> Record {
    r.status = Some(ReportedStatus {
        value,
        evidence: vec![evidence()],
    });
    r
}

/// One signing of a round-up: the CAF of Maine-et-Loire and one EPCI, signed
/// on `day` of June 2023, for 2023-2026.
fn signing(siren: &str, name: &str, day: u32) -> Signing {
    Signing {
        signing_date: Some(SigningDate {
            value: format!("2023-06-{day:02}"),
            precision: Precision::Day,
            year_source: YearSource::Explicit,
            year_candidates: Vec::new(),
            evidence: evidence(),
        }),
        period: Some(Period {
            start: Some("2023".into()),
            end: Some("2026".into()),
            evidence: evidence(),
            completed_by: None,
        }),
        duration: None,
        caf: vec![Caf {
            name: "Caf de Maine-et-Loire".into(),
            department: Some("49".into()),
            evidence: evidence(),
            department_from: None,
            department_evidence: None,
        }],
        territories: vec![territory(TerritoryKind::Epci, name, Some(siren))],
        signatories: Vec::new(),
        communes: Vec::new(),
    }
}

/// A CAF's round-up page reporting the signings of `epcis`, a day apart:
/// its top-level fields hold the union and no signing date.
fn roundup(id: &str, epcis: &[(String, String)]) -> Record {
    let mut r = status(press(id), StatusValue::Signed);
    r.signings = epcis
        .iter()
        .enumerate()
        .map(|(i, (siren, name))| signing(siren, name, 1 + i as u32))
        .collect();
    r.territories = r
        .signings
        .iter()
        .flat_map(|s| s.territories.clone())
        .collect();
    with_axes(r, &["petite_enfance"])
}

#[test]
fn a_roundup_of_ten_signings_counts_ten_conventions() {
    let epcis = epcis_of_49(10);
    let found = of(&[roundup("r0", &epcis)]);
    assert_eq!(found.len(), 10);
    for (n, c) in found.iter().enumerate() {
        assert_eq!(c.id, ConventionId(format!("r0.{}", n + 1)));
        assert_eq!(c.sources.len(), 1);
        assert_eq!(c.sources[0].signing, Some(n + 1));
        assert_eq!(c.territories.len(), 1, "each signing has its own party");
        assert_eq!(c.territories[0].code.as_deref(), Some(epcis[n].0.as_str()));
        let date = c.signing_date.as_ref().unwrap();
        assert_eq!(date.value, format!("2023-06-{:02}", n + 1));
        assert!(c.is_signed());
        // the page's axes are not any one signing's
        assert!(c.axes.is_empty());
        assert!(!c.communes.is_empty(), "an EPCI covers its communes");
    }
    // signings of one round-up never merge, even when nothing tells them apart
    let same = vec![epcis[0].clone(), epcis[0].clone()];
    assert_eq!(of(&[roundup("r1", &same)]).len(), 2);
}

#[test]
fn a_signing_of_a_roundup_merges_with_the_convention_pdf_of_that_signing() {
    let epcis = epcis_of_49(10);
    // the PDF of the fourth signing: same EPCI, same day
    let mut convention = covering(
        signed(status(pdf("a0"), StatusValue::Signed), "2023-06-04"),
        Some("2023"),
        Some("2026"),
    );
    convention.territories = vec![territory(
        TerritoryKind::Epci,
        &epcis[3].1,
        Some(&epcis[3].0),
    )];
    let found = of(&[roundup("r0", &epcis), convention]);
    assert_eq!(found.len(), 10, "the PDF is one of the ten signings");
    let merged = found
        .iter()
        .find(|c| c.sources.len() == 2)
        .expect("one convention has both sources");
    assert_eq!(merged.id, ConventionId("a0".into()));
    let sources: Vec<(&str, Option<usize>)> = merged
        .sources
        .iter()
        .map(|s| (s.id.0.as_str(), s.signing))
        .collect();
    assert_eq!(sources, [("a0", None), ("r0", Some(4))]);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(merged.signing_date.as_ref().unwrap().source.0, "a0");
}

#[test]
fn a_record_not_about_a_ctg_is_no_convention_and_is_counted_apart() {
    let mut guyane = signed(press("g1"), "2023-12-14");
    guyane.about_ctg = AboutCtg {
        value: false,
        evidence: vec![evidence()],
        reason: Some(NotAboutCtg::OtherMeaning),
    };
    let records = [guyane, signed(press("p1"), "2023-12-14")];
    let found = of(&records);
    assert_eq!(found.len(), 1);
    assert_eq!(ids(&found[0]), ["p1"], "g1 never joins a convention");
    let left_out: Vec<&str> = not_about_ctg(&records)
        .iter()
        .map(|r| r.id.0.as_str())
        .collect();
    assert_eq!(left_out, ["g1"]);
}

#[test]
fn a_convention_takes_the_furthest_stage_its_sources_report() {
    // the council authorises the signing; the press reports it a month later
    let mut deliberation = status(record("d1", DocType::Deliberation), StatusValue::Authorized);
    deliberation.period = None;
    let press_release = status(signed(press("p2"), "2023-12-14"), StatusValue::Signed);
    let found = of(&[deliberation.clone(), press_release]);
    assert_eq!(found.len(), 1);
    let c = &found[0];
    let s = c.status.as_ref().unwrap();
    assert_eq!((s.value, s.source.0.as_str()), (StatusValue::Signed, "p2"));
    let each: Vec<Option<StatusValue>> = c.sources.iter().map(|s| s.status).collect();
    assert_eq!(
        each,
        [Some(StatusValue::Authorized), Some(StatusValue::Signed)]
    );
    assert!(c.conflicts.is_empty(), "stages are not a disagreement");

    // alone, the deliberation is an authorised convention, not a signing
    let alone = of(&[deliberation]);
    assert!(!alone[0].is_signed());
    assert_eq!(
        alone[0].status.as_ref().map(|s| s.value),
        Some(StatusValue::Authorized)
    );
}
