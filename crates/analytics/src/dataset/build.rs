//! A convention's values, from the accounts of its group (sorted by key):
//! whole records, or signings of a round-up (`account.rs`).
//!
//! Lists (CAF departments, territories, axes, signatories) are the union of
//! the sources', each entry with the records that give it. A single value
//! (signing date, period, duration) comes from one source: the signed
//! convention (doc_type `convention`) when exactly one of the sources that
//! give the value is one, else the most precise (a full date over a date
//! without its year, a period with both bounds over one), else the first by
//! id. Whenever the sources disagree, the field is also listed in `conflicts`
//! with every source's value.
//!
//! The status is the furthest stage any source reports (see
//! [`super::ConventionStatus`]): a deliberation that authorises the signing
//! and a press release that reports it are one convention, signed.

use super::account::Account;
use super::same::{Signing, Span, TerritoryKey};
use super::{
    CafDepartment, Conflict, Convention, ConventionAxis, ConventionId, ConventionSignatory,
    ConventionStatus, ConventionTerritory, CoveredCommune, DurationBasis, DurationYears,
    PeriodYears, Region, SigningDay, SourceDoc,
};
use ctg_core::normalize::fold::fold;
use ctg_core::record::{DocId, DocType, TerritoryKind};
use ctg_core::refdata::{CommuneRef, CommuneType, EpciRef, RefData};
use ctg_core::rules::builtin;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The reference data as coverage needs it, indexed once per call.
pub(super) struct Places<'a> {
    refdata: &'a RefData,
    /// Commune déléguée or associée -> its current commune.
    parents: HashMap<&'static str, &'static str>,
    epci: HashMap<&'static str, &'a EpciRef>,
}

impl<'a> Places<'a> {
    pub(super) fn new(refdata: &'a RefData) -> Places<'a> {
        let parents = refdata
            .communes
            .iter()
            .filter(|c| matches!(c.kind, CommuneType::Deleguee | CommuneType::Associee))
            .filter_map(|c| Some((c.insee, c.parent?)))
            .collect();
        let epci = refdata.epci.iter().map(|e| (e.siren, e)).collect();
        Places {
            refdata,
            parents,
            epci,
        }
    }

    /// The current commune of an INSEE code: itself, or the commune nouvelle
    /// a commune déléguée (Tourlaville, 50602) belongs to.
    fn current(&self, insee: &str) -> Option<&'a CommuneRef> {
        self.refdata.commune(insee).or_else(|| {
            self.parents
                .get(insee)
                .and_then(|parent| self.refdata.commune(parent))
        })
    }
}

/// The convention of a group of accounts, sorted by key.
pub(super) fn convention(records: &[Account], places: &Places) -> Convention {
    let territories = territories(records);
    let (signing_date, signing_conflict) = signing_date(records);
    let (period, period_conflict) = period(records);
    let (duration, duration_conflict) = duration(records, period.as_ref());
    Convention {
        id: ConventionId(records[0].key()),
        sources: records
            .iter()
            .map(|a| SourceDoc {
                id: a.record.id.clone(),
                signing: a.signing,
                path: a.record.source.path.clone(),
                doc_type: a.record.doc_type,
                status: a.status(),
            })
            .collect(),
        status: status(records),
        caf: caf(records, places.refdata),
        communes: communes(&territories, places),
        territories,
        signing_date,
        period,
        duration,
        axes: axes(records),
        signatories: signatories(records),
        conflicts: [signing_conflict, period_conflict, duration_conflict]
            .into_iter()
            .flatten()
            .collect(),
    }
}

/// Which candidate gives the value: the only convention document among them,
/// else the first (smallest id) of the highest `precision`.
fn choose<T>(candidates: &[(Account, T)], precision: impl Fn(&T) -> u8) -> usize {
    let mut conventions = candidates
        .iter()
        .enumerate()
        .filter(|(_, (a, _))| a.record.doc_type == DocType::Convention);
    if let (Some((only, _)), None) = (conventions.next(), conventions.next()) {
        return only;
    }
    let best = candidates.iter().map(|(_, v)| precision(v)).max();
    candidates
        .iter()
        .position(|(_, v)| Some(precision(v)) == best)
        .unwrap_or(0)
}

/// Whether two of the values differ.
fn any_differ<T>(values: &[T], differ: impl Fn(&T, &T) -> bool) -> bool {
    values
        .iter()
        .enumerate()
        .any(|(i, a)| values[i + 1..].iter().any(|b| differ(a, b)))
}

/// The furthest stage any source reports, and the first source (by key)
/// that reports it.
fn status(records: &[Account]) -> Option<ConventionStatus> {
    let furthest = records.iter().filter_map(Account::status).max_by_key(|s| {
        ConventionStatus::ORDER
            .iter()
            .position(|o| o == s)
            .unwrap_or(0)
    })?;
    let source = records.iter().find(|a| a.status() == Some(furthest))?;
    Some(ConventionStatus {
        value: furthest,
        source: source.record.id.clone(),
    })
}

fn signing_date(records: &[Account]) -> (Option<SigningDay>, Option<Conflict>) {
    let candidates: Vec<(Account, Option<Signing>)> = records
        .iter()
        .filter_map(|a| Some((*a, Signing::of(a.signing_date()?))))
        .collect();
    if candidates.is_empty() {
        return (None, None);
    }
    let day = |a: &Account| {
        let s = a.signing_date().expect("candidates have a signing date");
        SigningDay {
            value: s.value.clone(),
            precision: s.precision,
            year_candidates: s.year_candidates.clone(),
            source: a.record.id.clone(),
        }
    };
    let chosen = choose(&candidates, |s| match s {
        Some(Signing::Day(_)) => 2,
        Some(Signing::MonthDay { .. }) => 1,
        None => 0,
    });
    let disagree = any_differ(&candidates, |(ra, a), (rb, b)| match (a, b) {
        (Some(a), Some(b)) => !a.same_day(b),
        _ => ra.signing_date().map(|s| &s.value) != rb.signing_date().map(|s| &s.value),
    });
    let conflict = disagree.then(|| Conflict::SigningDate {
        values: candidates.iter().map(|(r, _)| day(r)).collect(),
    });
    (Some(day(&candidates[chosen].0)), conflict)
}

fn period(records: &[Account]) -> (Option<PeriodYears>, Option<Conflict>) {
    let candidates: Vec<(Account, Span)> = records
        .iter()
        .filter_map(|a| Some((*a, Span::of(a.period())?)))
        .collect();
    if candidates.is_empty() {
        return (None, None);
    }
    let years = |(a, span): &(Account, Span)| {
        let (start, end) = span.years();
        PeriodYears {
            start,
            end,
            source: a.record.id.clone(),
        }
    };
    let chosen = choose(&candidates, |span| {
        u8::from(span.start.is_some()) + u8::from(span.end.is_some())
    });
    let disagree = any_differ(&candidates, |(_, a), (_, b)| {
        let ((s1, e1), (s2, e2)) = (a.years(), b.years());
        let differ =
            |x: Option<i32>, y: Option<i32>| matches!((x, y), (Some(x), Some(y)) if x != y);
        differ(s1, s2) || differ(e1, e2)
    });
    let conflict = disagree.then(|| Conflict::Period {
        values: candidates.iter().map(years).collect(),
    });
    (Some(years(&candidates[chosen])), conflict)
}

fn duration_years(months: u32, basis: DurationBasis, source: &DocId) -> DurationYears {
    DurationYears {
        years: f64::from(months) / 12.0,
        months,
        basis,
        source: source.clone(),
    }
}

/// The stated duration chosen among the sources', else the chosen period's;
/// a conflict when the sources' durations (each one's stated duration, else
/// its own period's) differ.
fn duration(
    records: &[Account],
    period: Option<&PeriodYears>,
) -> (Option<DurationYears>, Option<Conflict>) {
    let stated: Vec<(Account, u32)> = records
        .iter()
        .filter_map(|a| Some((*a, a.duration()?.months())))
        .collect();
    let chosen = if stated.is_empty() {
        period.and_then(|p| {
            let account = records.iter().find(|a| a.record.id == p.source)?;
            let months = Span::of(account.period())?.months()?;
            Some(duration_years(
                months,
                DurationBasis::Period,
                &account.record.id,
            ))
        })
    } else {
        let (account, months) = stated[choose(&stated, |_| 0)];
        Some(duration_years(
            months,
            DurationBasis::Stated,
            &account.record.id,
        ))
    };
    let each: Vec<DurationYears> = records
        .iter()
        .filter_map(|a| match a.duration() {
            Some(d) => Some(duration_years(
                d.months(),
                DurationBasis::Stated,
                &a.record.id,
            )),
            None => Span::of(a.period())?
                .months()
                .map(|m| duration_years(m, DurationBasis::Period, &a.record.id)),
        })
        .collect();
    let conflict = any_differ(&each, |a, b| a.months != b.months)
        .then_some(Conflict::Duration { values: each });
    (chosen, conflict)
}

fn caf(records: &[Account], refdata: &RefData) -> Vec<CafDepartment> {
    let mut sources: BTreeMap<&str, BTreeSet<&DocId>> = BTreeMap::new();
    for a in records {
        for code in a.caf().iter().filter_map(|c| c.department.as_deref()) {
            sources.entry(code).or_default().insert(&a.record.id);
        }
    }
    sources
        .into_iter()
        .map(|(code, ids)| {
            let departement = refdata.departement(code);
            CafDepartment {
                code: code.to_string(),
                name: departement.map(|d| d.name.to_string()),
                region: departement
                    .and_then(|d| refdata.region(d.region))
                    .map(|r| Region {
                        code: r.code.to_string(),
                        name: r.name.to_string(),
                    }),
                sources: ids.into_iter().cloned().collect(),
            }
        })
        .collect()
}

/// Appends `id` unless it is already the last source (records come in id
/// order, so this keeps each list sorted and without repeats).
fn add_source(sources: &mut Vec<DocId>, id: &DocId) {
    if sources.last() != Some(id) {
        sources.push(id.clone());
    }
}

fn territories(records: &[Account]) -> Vec<ConventionTerritory> {
    let mut union: BTreeMap<TerritoryKey, ConventionTerritory> = BTreeMap::new();
    for a in records {
        for t in a.territories() {
            let entry = union
                .entry(TerritoryKey::of(t))
                .or_insert_with(|| ConventionTerritory {
                    kind: t.kind,
                    name: t.name.clone(),
                    code: t.code.clone(),
                    sources: Vec::new(),
                });
            add_source(&mut entry.sources, &a.record.id);
        }
    }
    union.into_values().collect()
}

fn axes(records: &[Account]) -> Vec<ConventionAxis> {
    let mut union: BTreeMap<(usize, &str), Vec<DocId>> = BTreeMap::new();
    for a in records {
        for axis in a.axes() {
            let order = builtin::axes();
            let rank = order
                .iter()
                .position(|a| a.code == axis.code)
                .unwrap_or(order.len());
            add_source(union.entry((rank, &axis.code)).or_default(), &a.record.id);
        }
    }
    union
        .into_iter()
        .map(|((_, code), sources)| ConventionAxis {
            code: code.to_string(),
            sources,
        })
        .collect()
}

/// The current communes the commune and EPCI parties cover.
fn communes(territories: &[ConventionTerritory], places: &Places) -> Vec<CoveredCommune> {
    let mut covered: BTreeMap<&str, (&CommuneRef, BTreeSet<&str>)> = BTreeMap::new();
    for t in territories {
        let Some(code) = t.code.as_deref() else {
            continue;
        };
        let members: Vec<&CommuneRef> = match t.kind {
            TerritoryKind::Commune => places.current(code).into_iter().collect(),
            TerritoryKind::Epci => places
                .epci
                .get(code)
                .map(|e| e.members.iter().filter_map(|m| places.current(m)).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        for commune in members {
            covered
                .entry(commune.insee)
                .or_insert_with(|| (commune, BTreeSet::new()))
                .1
                .insert(code);
        }
    }
    covered
        .into_values()
        .map(|(c, via)| CoveredCommune {
            insee: c.insee.to_string(),
            name: c.name.to_string(),
            department: c.departement.to_string(),
            population: c.population,
            via: via.into_iter().map(str::to_string).collect(),
        })
        .collect()
}

fn signatories(records: &[Account]) -> Vec<ConventionSignatory> {
    let mut people: Vec<ConventionSignatory> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for a in records {
        for s in a.signatories() {
            let i = *by_name.entry(fold(&s.name)).or_insert_with(|| {
                people.push(ConventionSignatory {
                    name: s.name.clone(),
                    role: None,
                    organization: None,
                    sources: Vec::new(),
                });
                people.len() - 1
            });
            let person = &mut people[i];
            if person.role.is_none() {
                person.role.clone_from(&s.role);
            }
            if person.organization.is_none() {
                person.organization.clone_from(&s.organization);
            }
            add_source(&mut person.sources, &a.record.id);
        }
    }
    people
}
