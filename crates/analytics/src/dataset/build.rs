//! A convention's values, from the records of its group (sorted by id).
//!
//! Lists (CAF departments, territories, axes, signatories) are the union of
//! the sources', each entry with the records that give it. A single value
//! (signing date, period, duration) comes from one source: the signed
//! convention (doc_type `convention`) when exactly one of the sources that
//! give the value is one, else the most precise (a full date over a date
//! without its year, a period with both bounds over one), else the first by
//! id. Whenever the sources disagree, the field is also listed in `conflicts`
//! with every source's value.

use super::same::{Signing, Span, TerritoryKey};
use super::{
    CafDepartment, Conflict, Convention, ConventionAxis, ConventionId, ConventionSignatory,
    ConventionTerritory, CoveredCommune, DurationBasis, DurationYears, PeriodYears, Region,
    SigningDay, SourceDoc,
};
use ctg_core::normalize::fold::fold;
use ctg_core::record::{DocId, DocType, Record, TerritoryKind};
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

/// The convention of a group of records, sorted by id.
pub(super) fn convention(records: &[&Record], places: &Places) -> Convention {
    let territories = territories(records);
    let (signing_date, signing_conflict) = signing_date(records);
    let (period, period_conflict) = period(records);
    let (duration, duration_conflict) = duration(records, period.as_ref());
    Convention {
        id: ConventionId(records[0].id.0.clone()),
        sources: records
            .iter()
            .map(|r| SourceDoc {
                id: r.id.clone(),
                path: r.source.path.clone(),
                doc_type: r.doc_type,
            })
            .collect(),
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
fn choose<T>(candidates: &[(&Record, T)], precision: impl Fn(&T) -> u8) -> usize {
    let mut conventions = candidates
        .iter()
        .enumerate()
        .filter(|(_, (r, _))| r.doc_type == DocType::Convention);
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

fn signing_date(records: &[&Record]) -> (Option<SigningDay>, Option<Conflict>) {
    let candidates: Vec<(&Record, Option<Signing>)> = records
        .iter()
        .filter_map(|r| Some((*r, Signing::of(r.signing_date.as_ref()?))))
        .collect();
    if candidates.is_empty() {
        return (None, None);
    }
    let day = |r: &Record| {
        let s = r
            .signing_date
            .as_ref()
            .expect("candidates have a signing date");
        SigningDay {
            value: s.value.clone(),
            precision: s.precision,
            source: r.id.clone(),
        }
    };
    let chosen = choose(&candidates, |s| match s {
        Some(Signing::Day(_)) => 2,
        Some(Signing::MonthDay { .. }) => 1,
        None => 0,
    });
    let disagree = any_differ(&candidates, |(ra, a), (rb, b)| match (a, b) {
        (Some(a), Some(b)) => !a.same_day(b),
        _ => {
            ra.signing_date.as_ref().map(|s| &s.value) != rb.signing_date.as_ref().map(|s| &s.value)
        }
    });
    let conflict = disagree.then(|| Conflict::SigningDate {
        values: candidates.iter().map(|(r, _)| day(r)).collect(),
    });
    (Some(day(candidates[chosen].0)), conflict)
}

fn period(records: &[&Record]) -> (Option<PeriodYears>, Option<Conflict>) {
    let candidates: Vec<(&Record, Span)> = records
        .iter()
        .filter_map(|r| Some((*r, Span::of(r)?)))
        .collect();
    if candidates.is_empty() {
        return (None, None);
    }
    let years = |(r, span): &(&Record, Span)| {
        let (start, end) = span.years();
        PeriodYears {
            start,
            end,
            source: r.id.clone(),
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
    records: &[&Record],
    period: Option<&PeriodYears>,
) -> (Option<DurationYears>, Option<Conflict>) {
    let stated: Vec<(&Record, u32)> = records
        .iter()
        .filter_map(|r| Some((*r, r.duration.as_ref()?.months())))
        .collect();
    let chosen = if stated.is_empty() {
        period.and_then(|p| {
            let record = records.iter().find(|r| r.id == p.source)?;
            let months = Span::of(record)?.months()?;
            Some(duration_years(months, DurationBasis::Period, &record.id))
        })
    } else {
        let (record, months) = stated[choose(&stated, |_| 0)];
        Some(duration_years(months, DurationBasis::Stated, &record.id))
    };
    let each: Vec<DurationYears> = records
        .iter()
        .filter_map(|r| match &r.duration {
            Some(d) => Some(duration_years(d.months(), DurationBasis::Stated, &r.id)),
            None => Span::of(r)?
                .months()
                .map(|m| duration_years(m, DurationBasis::Period, &r.id)),
        })
        .collect();
    let conflict = any_differ(&each, |a, b| a.months != b.months)
        .then_some(Conflict::Duration { values: each });
    (chosen, conflict)
}

fn caf(records: &[&Record], refdata: &RefData) -> Vec<CafDepartment> {
    let mut sources: BTreeMap<&str, BTreeSet<&DocId>> = BTreeMap::new();
    for r in records {
        for code in r.caf.iter().filter_map(|c| c.department.as_deref()) {
            sources.entry(code).or_default().insert(&r.id);
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

fn territories(records: &[&Record]) -> Vec<ConventionTerritory> {
    let mut union: BTreeMap<TerritoryKey, ConventionTerritory> = BTreeMap::new();
    for r in records {
        for t in &r.territories {
            let entry = union
                .entry(TerritoryKey::of(t))
                .or_insert_with(|| ConventionTerritory {
                    kind: t.kind,
                    name: t.name.clone(),
                    code: t.code.clone(),
                    sources: Vec::new(),
                });
            add_source(&mut entry.sources, &r.id);
        }
    }
    union.into_values().collect()
}

fn axes(records: &[&Record]) -> Vec<ConventionAxis> {
    let mut union: BTreeMap<(usize, &str), Vec<DocId>> = BTreeMap::new();
    for r in records {
        for axis in &r.axes {
            let order = builtin::axes();
            let rank = order
                .iter()
                .position(|a| a.code == axis.code)
                .unwrap_or(order.len());
            add_source(union.entry((rank, &axis.code)).or_default(), &r.id);
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

fn signatories(records: &[&Record]) -> Vec<ConventionSignatory> {
    let mut people: Vec<ConventionSignatory> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for r in records {
        for s in &r.signatories {
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
            add_source(&mut person.sources, &r.id);
        }
    }
    people
}
