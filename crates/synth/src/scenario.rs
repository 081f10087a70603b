//! The facts of one generated document: which CAF signs with which territory,
//! when, for which period, who signs, which axes, which communes are named,
//! and the distracting dates and people around them.
//!
//! Places are real (drawn from [`ctg_core::refdata`]: a department with a CAF, an
//! EPCI of that department or one of its communes); people are invented. How
//! the facts are written is the business of `press`, `convention` and `page`.

use super::axes::{Axis, AXES};
use super::french::{of_place, with_charniere};
use super::people::Person;
use super::rng::Rng;
use ctg_core::calendar::CivilDate;
use ctg_core::refdata::{self, CommuneRef, CommuneType, DepartementRef, EpciRef};

/// The departments with a CAF and their communes and EPCI, indexed once.
#[derive(Debug)]
pub struct Places {
    departments: Vec<DepartmentPlaces>,
}

#[derive(Debug)]
struct DepartmentPlaces {
    dep: &'static DepartementRef,
    /// Current communes of 1,000 inhabitants or more (all of them if none).
    towns: Vec<&'static CommuneRef>,
    /// EPCI with most of their members in the department.
    epci: Vec<&'static EpciRef>,
}

impl Places {
    /// Indexes the reference data (once per generator).
    pub fn index() -> Places {
        let data = refdata::get();
        let departments = data
            .departements
            .iter()
            .filter(|d| d.code.len() == 2 || ["971", "972", "973", "974"].contains(&d.code))
            .map(|dep| {
                let current = data
                    .communes
                    .iter()
                    .filter(|c| c.kind == CommuneType::Commune && c.departement == dep.code);
                let mut towns: Vec<_> = current
                    .clone()
                    .filter(|c| c.population.unwrap_or(0) >= 1000)
                    .collect();
                if towns.is_empty() {
                    towns = current.collect();
                }
                // EPCI with at least two members, most of them in the department
                let epci = data
                    .epci
                    .iter()
                    .filter(|e| {
                        let local = e
                            .members
                            .iter()
                            .filter(|m| data.commune(m).is_some_and(|c| c.departement == dep.code))
                            .count();
                        e.members.len() >= 2 && 2 * local > e.members.len()
                    })
                    .collect();
                DepartmentPlaces { dep, towns, epci }
            })
            .filter(|d| !d.towns.is_empty())
            .collect();
        Places { departments }
    }
}

/// What kind of party an organization is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyKind {
    /// The CAF.
    Caf,
    /// The intercommunality.
    Epci,
    /// A commune.
    Commune,
    /// The department's council.
    Departement,
}

/// A party of the convention and the ways to name it.
#[derive(Debug, Clone)]
pub struct Party {
    /// Its kind.
    pub kind: PartyKind,
    /// With its article: "la Caf de l'Allier", "la Communauté de communes du
    /// Pays de Lapalisse", "la Ville de Cholet", "Nantes Métropole".
    pub the: String,
    /// Formal, for a convention: "la Caisse d'allocations familiales de l'Allier".
    pub formal: String,
    /// How a later sentence refers back to it: "la Caf", "l'intercommunalité".
    pub anaphor: &'static str,
}

/// "de " + a name with its article: "de la Caf", "du Département", "de Nantes Métropole".
pub fn of(the: &str) -> String {
    if let Some(rest) = the.strip_prefix("le ") {
        format!("du {rest}")
    } else if the.starts_with("la ") || the.starts_with("l'") {
        format!("de {the}")
    } else {
        of_place(the)
    }
}

/// A person who signs, and their role.
#[derive(Debug, Clone)]
pub struct Signatory {
    /// The person.
    pub person: Person,
    /// Index of their party in [`Scenario::parties`].
    pub party: usize,
    /// The role alone, in lower case: "directrice", "maire", "présidente du
    /// conseil d'administration".
    pub role: String,
    /// The role with its body, after a name: "directrice de la Caf de l'Allier",
    /// "maire de Cholet".
    pub role_of: String,
}

/// The territory that signs with the CAF.
#[derive(Debug, Clone)]
pub enum Territory {
    /// An intercommunality and its member communes.
    Epci(&'static EpciRef, Vec<&'static CommuneRef>),
    /// One commune.
    Commune(&'static CommuneRef),
}

/// The facts of one document.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// The CAF's department.
    pub dep: &'static DepartementRef,
    /// The territory.
    pub territory: Territory,
    /// Parties: the CAF first, then the territory, maybe a commune and the Département.
    pub parties: Vec<Party>,
    /// Where the signature took place.
    pub seat: &'static CommuneRef,
    /// Communes the text names for actions (members of the EPCI, or the commune).
    pub named: Vec<&'static CommuneRef>,
    /// Signing date.
    pub signing: CivilDate,
    /// Publication date of a press release or page.
    pub published: CivilDate,
    /// First day of the period (1 January).
    pub start: CivilDate,
    /// Last day of the period (31 December).
    pub end: CivilDate,
    /// Length of the period in years.
    pub years: u32,
    /// Who signs.
    pub signatories: Vec<Signatory>,
    /// The axes, in the order the text gives them.
    pub axes: Vec<&'static Axis>,
    /// Distracting dates: the council's deliberation, a steering committee before
    /// the signature, an event after it.
    pub deliberation: CivilDate,
    /// See `deliberation`.
    pub committee: CivilDate,
    /// See `deliberation`.
    pub event: CivilDate,
    /// People who do not sign: a journalist, a photographer, someone quoted.
    pub journalist: Person,
    /// See `journalist`.
    pub photographer: Person,
    /// See `journalist`; with their role ("coordinatrice du centre social").
    pub witness: (Person, String),
    /// Families living on the territory (a figure for the text).
    pub families: u32,
}

impl Scenario {
    /// Draws the facts of one document.
    pub fn draw(rng: &mut Rng, places: &Places) -> Scenario {
        let place = rng.pick(&places.departments);
        let dep = place.dep;
        let territory = if !place.epci.is_empty() && rng.chance(0.7) {
            let epci = *rng.pick(&place.epci);
            let data = refdata::get();
            let members: Vec<_> = epci
                .members
                .iter()
                .filter_map(|c| data.commune(c))
                .collect();
            Territory::Epci(epci, members)
        } else {
            Territory::Commune(place.towns[rng.below(place.towns.len())])
        };
        let (seat, named) = match &territory {
            Territory::Epci(_, members) => {
                let local: Vec<_> = members
                    .iter()
                    .copied()
                    .filter(|c| c.departement == dep.code)
                    .collect();
                let pool = if local.is_empty() { members } else { &local };
                let seat = pool
                    .iter()
                    .copied()
                    .max_by_key(|c| (c.population.unwrap_or(0), c.insee))
                    .expect("an EPCI has members");
                let k = rng.range(2, 5) as usize;
                (seat, rng.sample(pool, k))
            }
            Territory::Commune(c) => (*c, vec![*c]),
        };
        let mut parties = vec![caf_party(rng, dep), territory_party(rng, &territory)];
        if matches!(territory, Territory::Epci(..)) && rng.chance(0.15) {
            parties.push(commune_party(seat));
        }
        if rng.chance(0.1) {
            let name = format!("Département {}", with_charniere(dep.charniere, dep.name));
            parties.push(Party {
                kind: PartyKind::Departement,
                the: format!("le {name}"),
                formal: format!("le {name}"),
                anaphor: "le Département",
            });
        }
        let signatories = draw_signatories(rng, &parties, seat);
        let dates = Dates::draw(rng);
        let witness = Person::draw(rng);
        let witness_role = witness_role(rng, &witness);
        Scenario {
            dep,
            territory,
            parties,
            seat,
            named,
            signing: dates.signing,
            published: dates.published,
            start: dates.start,
            end: dates.end,
            years: dates.years,
            signatories,
            axes: draw_axes(rng),
            deliberation: dates.deliberation,
            committee: dates.committee,
            event: dates.event,
            journalist: Person::draw(rng),
            photographer: Person::draw(rng),
            witness: (witness, witness_role),
            families: rng.range(300, 9000),
        }
    }

    /// The CAF party.
    pub fn caf(&self) -> &Party {
        &self.parties[0]
    }

    /// The territory party.
    pub fn partner(&self) -> &Party {
        &self.parties[1]
    }

    /// "2024-2028".
    pub fn span(&self) -> String {
        format!("{}-{}", self.start.year, self.end.year)
    }
}

fn caf_party(rng: &mut Rng, dep: &'static DepartementRef) -> Party {
    let of_dep = with_charniere(dep.charniere, dep.name);
    let word = *rng.pick(&["Caf", "Caf", "CAF", "Caisse d'allocations familiales"]);
    Party {
        kind: PartyKind::Caf,
        the: format!("la {word} {of_dep}"),
        formal: format!("la Caisse d'allocations familiales {of_dep}"),
        anaphor: "la Caf",
    }
}

/// "Communauté de communes du Pays de Lapalisse" for "CC du Pays de Lapalisse".
pub fn epci_full_name(epci: &EpciRef) -> String {
    const KINDS: [(&str, &str); 3] = [
        ("CC ", "Communauté de communes "),
        ("CA ", "Communauté d'agglomération "),
        ("CU ", "Communauté urbaine "),
    ];
    KINDS
        .iter()
        .find_map(|(short, long)| epci.name.strip_prefix(short).map(|r| format!("{long}{r}")))
        .unwrap_or_else(|| epci.name.to_string())
}

fn territory_party(rng: &mut Rng, territory: &Territory) -> Party {
    match territory {
        Territory::Epci(epci, _) => {
            let full = epci_full_name(epci);
            let article = full.starts_with("Communauté") || full.starts_with("Métropole");
            let the = if article {
                format!("la {full}")
            } else {
                full.clone()
            };
            let anaphor = match epci.kind {
                "CC" => *rng.pick(&["la communauté de communes", "l'intercommunalité"]),
                "CA" => *rng.pick(&["l'agglomération", "l'intercommunalité"]),
                _ => "l'intercommunalité",
            };
            Party {
                kind: PartyKind::Epci,
                formal: the.clone(),
                the,
                anaphor,
            }
        }
        Territory::Commune(c) => {
            let mut party = commune_party(c);
            if c.population.unwrap_or(0) >= 8000 && rng.chance(0.6) {
                party.the = format!("la Ville {}", of_place(c.name));
            }
            party
        }
    }
}

fn commune_party(c: &CommuneRef) -> Party {
    Party {
        kind: PartyKind::Commune,
        the: format!("la commune {}", of_place(c.name)),
        formal: format!("la Commune {}", of_place(c.name)),
        anaphor: "la commune",
    }
}

fn draw_signatories(rng: &mut Rng, parties: &[Party], seat: &CommuneRef) -> Vec<Signatory> {
    let mut roles: Vec<(usize, Role)> = Vec::new();
    let director = rng.chance(0.9);
    if director {
        roles.push((0, Role::Director));
    }
    if !director || rng.chance(0.4) {
        roles.push((0, Role::Chair));
    }
    for (i, party) in parties.iter().enumerate().skip(1) {
        let role = match party.kind {
            PartyKind::Epci if rng.chance(0.15) => Role::VicePresident,
            PartyKind::Commune if i == 1 && rng.chance(0.2) => Role::Deputy,
            PartyKind::Commune => Role::Mayor,
            PartyKind::Departement => Role::VicePresident,
            _ => Role::President,
        };
        roles.push((i, role));
    }
    let people = Person::draw_many(rng, roles.len());
    roles
        .into_iter()
        .zip(people)
        .map(|((party, role), person)| {
            let (role, role_of) = role.words(rng, &person, &parties[party], seat);
            Signatory {
                person,
                party,
                role,
                role_of,
            }
        })
        .collect()
}

/// The offices that sign.
#[derive(Debug, Clone, Copy)]
enum Role {
    Director,
    Chair,
    President,
    VicePresident,
    Mayor,
    Deputy,
}

impl Role {
    /// The role alone and the role with its body, agreed with the person.
    fn words(
        self,
        rng: &mut Rng,
        p: &Person,
        party: &Party,
        seat: &CommuneRef,
    ) -> (String, String) {
        let of_party = of(&party.the);
        match self {
            Role::Director => {
                let role = p.pick("directrice", "directeur");
                (role.to_string(), format!("{role} {of_party}"))
            }
            Role::Chair => {
                let role = format!(
                    "{} du conseil d'administration",
                    p.pick("présidente", "président")
                );
                let role_of = format!("{role} {of_party}");
                (role, role_of)
            }
            Role::President => {
                let role = p.pick("présidente", "président");
                (role.to_string(), format!("{role} {of_party}"))
            }
            Role::VicePresident => {
                let field = *rng.pick(&[
                    "de l'enfance et de la jeunesse",
                    "de la petite enfance",
                    "des solidarités",
                    "de la cohésion sociale",
                ]);
                let vp = p.pick("vice-présidente", "vice-président");
                let charged = p.pick("chargée", "chargé");
                (
                    format!("{vp} {charged} {field}"),
                    format!("{vp} {of_party}, {charged} {field}"),
                )
            }
            Role::Mayor => (
                "maire".to_string(),
                format!("maire {}", of_place(seat.name)),
            ),
            Role::Deputy => {
                let rank = p.pick("1ère adjointe", "1er adjoint");
                let field = *rng.pick(&[
                    "à la petite enfance",
                    "à l'éducation et à la jeunesse",
                    "aux affaires sociales",
                    "à la famille",
                ]);
                let role = format!("{rank} {field}");
                (role.clone(), role)
            }
        }
    }
}

fn witness_role(rng: &mut Rng, p: &Person) -> String {
    let roles: [(&str, &str); 4] = [
        ("directrice d'école", "directeur d'école"),
        ("secrétaire de mairie", "secrétaire de mairie"),
        ("bénévole associative", "bénévole associatif"),
        ("mère de deux enfants", "père de trois enfants"),
    ];
    let (f, m) = *rng.pick(&roles);
    p.pick(f, m).to_string()
}

fn draw_axes(rng: &mut Rng) -> Vec<&'static Axis> {
    let count = rng.range(3, 6) as usize;
    let mut chosen: Vec<&'static Axis> = Vec::with_capacity(count);
    while chosen.len() < count {
        let total: u32 = AXES
            .iter()
            .filter(|a| !chosen.iter().any(|c| c.code == a.code))
            .map(|a| a.weight)
            .sum();
        let mut draw = rng.below(total as usize) as u32;
        for axis in AXES
            .iter()
            .filter(|a| !chosen.iter().any(|c| c.code == a.code))
        {
            if draw < axis.weight {
                chosen.push(axis);
                break;
            }
            draw -= axis.weight;
        }
    }
    // the guide's order, as conventions list them
    chosen.sort_by_key(|a| AXES.iter().position(|b| b.code == a.code));
    chosen
}

/// The date `days` days after `date` (before it when negative).
pub fn shift(date: CivilDate, days: i64) -> CivilDate {
    CivilDate::from_days(date.days() + days)
}

/// The dates of a scenario.
struct Dates {
    signing: CivilDate,
    published: CivilDate,
    start: CivilDate,
    end: CivilDate,
    years: u32,
    deliberation: CivilDate,
    committee: CivilDate,
    event: CivilDate,
}

impl Dates {
    fn draw(rng: &mut Rng) -> Dates {
        let year = rng.range(2019, 2025) as i32;
        let first = CivilDate::new(year, 1, 1).expect("1 January").days();
        // a working day of the year
        let signing = loop {
            let d = CivilDate::from_days(first + rng.below(365) as i64);
            if d.weekday() <= 5 && d.year == year {
                break d;
            }
        };
        let start_year = if signing.month >= 9 && rng.chance(0.6) {
            year + 1
        } else {
            year
        };
        let years = *rng.pick(&[3, 4, 4, 5, 5, 5]);
        let end_year = start_year + years as i32 - 1;
        let shift = |days: i64| shift(signing, days);
        Dates {
            signing,
            published: shift(rng.range(0, 6) as i64),
            start: CivilDate::new(start_year, 1, 1).expect("1 January"),
            end: CivilDate::new(end_year, 12, 31).expect("31 December"),
            years,
            deliberation: shift(-(rng.range(12, 70) as i64)),
            committee: shift(-(rng.range(80, 200) as i64)),
            event: shift(rng.range(20, 120) as i64),
        }
    }
}
