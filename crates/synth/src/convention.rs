//! A signed convention as a PDF of a drawn number of pages: title, "Entre : ...
//! représentée par ..." / "Et : ...", "Vu ..." recitals, a preamble, articles
//! (object, fields, commitments, steering, duration, evaluation ...), action
//! sheets and a local diagnosis as long as the page count needs, "Fait à ...,
//! le ...", a signature block in two columns, and an annex table (member
//! communes of the EPCI, or the town's facilities).

use super::facts::Facts;
use super::flow::{Flow, Item};
use super::french::{capitalize, thousands};
use super::pdf::{self, Font, Info};
use super::rng::Rng;
use super::scenario::{of, PartyKind, Scenario, Signatory, Territory};

/// A convention of `pages` pages (more when its fixed parts need more), and
/// its page count.
pub fn write(rng: &mut Rng, s: &Scenario, pages: usize) -> (Vec<u8>, usize) {
    let facts = Facts::new(rng, s);
    let mut flow = Flow::new(rng.chance(0.5));
    for item in front(rng, s, &facts)
        .iter()
        .chain(&articles(rng, s, &facts))
    {
        flow.place(item);
    }
    let tail = tail(rng, s, &facts);
    let annex = annex(rng, s);
    let annex_pages = {
        let mut scratch = Flow::new(false).shadow();
        annex.iter().for_each(|i| scratch.place(i));
        scratch.pages()
    };
    // the pages the document would have if the tail and the annex came now
    let total = |f: &Flow| f.pages() + usize::from(f.height_of(&tail) > f.space()) + annex_pages;
    // add sheets while the count stays within `pages`; each sheet item is
    // shorter than half a page, so the count grows one page at a time and
    // stops at `pages` exactly (unless the fixed parts already exceed it)
    let mut sheets = Sheets::new(rng, s);
    while total(&flow) <= pages {
        let item = sheets.next(rng, &facts);
        let mut trial = flow.shadow();
        trial.place(&item);
        if total(&trial) > pages {
            break;
        }
        flow.place(&item);
    }
    flow.keep_together(&tail);
    flow.new_page();
    annex.iter().for_each(|i| flow.place(i));
    let header = format!(
        "Convention territoriale globale {} – {}",
        s.span(),
        short_names(s)
    );
    let pages = flow.finish(&header, rng.chance(0.3));
    let info = Info {
        title: format!("Convention territoriale globale {}", s.span()),
        created: format!(
            "D:{:04}{:02}{:02}100000",
            s.signing.year, s.signing.month, s.signing.day
        ),
    };
    (pdf::write(&pages, true, Some(&info)), pages.len())
}

/// "Caf de l'Allier et CC du Pays de Lapalisse", for the running header.
fn short_names(s: &Scenario) -> String {
    let caf = s.caf().the.trim_start_matches("la ").to_string();
    let partner = match &s.territory {
        Territory::Epci(epci, _) => epci.name.to_string(),
        Territory::Commune(c) => format!("Commune {}", super::french::of_place(c.name)),
    };
    format!("{caf} et {partner}")
}

/// "son Président, Monsieur Paul DURAND": how a party's clause names a signatory.
fn represented_by(g: &Signatory) -> String {
    let p = &g.person;
    format!(
        "{} {}, {} {}",
        p.pick("sa", "son"),
        capitalize(&g.role),
        p.civility(),
        p.caps()
    )
}

/// What a party is called in the rest of the text: « la Caf », « la Commune ».
fn called(kind: PartyKind) -> &'static str {
    match kind {
        PartyKind::Caf => "« la Caf »",
        PartyKind::Epci => "« la Communauté »",
        PartyKind::Commune => "« la Commune »",
        PartyKind::Departement => "« le Département »",
    }
}

fn front(rng: &mut Rng, s: &Scenario, facts: &Facts) -> Vec<Item> {
    let mut items = vec![
        Item::Center("CONVENTION TERRITORIALE GLOBALE".into(), 16.0, Font::Bold),
        Item::Center(
            facts.say(rng, "[{start} – {end}|{span}|Période {start}-{end}]"),
            13.0,
            Font::Bold,
        ),
        Item::Center(format!("entre {}", s.caf().formal), 11.0, Font::Regular),
        Item::Center(format!("et {}", s.partner().formal), 11.0, Font::Regular),
        Item::Space(18.0),
    ];
    for (i, party) in s.parties.iter().enumerate() {
        let people: Vec<String> = s
            .signatories
            .iter()
            .filter(|g| g.party == i)
            .map(represented_by)
            .collect();
        let verb = if party.formal.starts_with("le ") {
            "représenté"
        } else {
            "représentée"
        };
        let seat = match party.kind {
            PartyKind::Caf => facts.say(rng, ", dont le siège est situé [{n} rue de la République|{n} avenue du Général-de-Gaulle|{n} boulevard Gambetta]"),
            PartyKind::Epci => format!(", dont le siège est situé {}", facts.get("at_seat")),
            _ => String::new(),
        };
        let first = s.signatories.iter().find(|g| g.party == i);
        let habilitation = match (party.kind, first) {
            (PartyKind::Caf, _) | (_, None) => String::new(),
            (kind, Some(g)) => format!(
                ", dûment {} par délibération du {} du {}",
                if people.len() > 1 {
                    "habilités"
                } else {
                    g.person.pick("habilitée", "habilité")
                },
                deliberating_body(kind),
                facts.get("deliberation")
            ),
        };
        items.push(Item::Para(if i == 0 { "Entre :" } else { "Et :" }.into()));
        items.push(Item::Para(format!(
            "{}{seat}, {verb} par {}{habilitation}, ci-après dénommé{} {},",
            capitalize(&party.formal),
            people.join(", et par "),
            if verb == "représenté" { "" } else { "e" },
            called(party.kind)
        )));
    }
    items.push(Item::Space(8.0));
    let partner = s.signatories.iter().find(|g| g.party == 1);
    let authorised = partner.map_or("l'exécutif".to_string(), |g| {
        format!("{} {}", g.person.pick("la", "le"), capitalize(&g.role))
    });
    let council = deliberating_body(s.partner().kind);
    let slots = [("authorised", authorised.as_str()), ("council", council)];
    for recital in RECITALS {
        items.push(Item::Para(facts.say_with(rng, recital, &slots)));
    }
    items.push(Item::Para("Il est convenu ce qui suit :".into()));
    items.push(Item::Heading("Préambule".into()));
    for text in PREAMBLE {
        items.push(Item::Para(facts.say(rng, text)));
    }
    items
}

fn deliberating_body(kind: PartyKind) -> &'static str {
    match kind {
        PartyKind::Epci => "conseil communautaire",
        PartyKind::Commune => "conseil municipal",
        _ => "conseil départemental",
    }
}

const RECITALS: &[&str] = &[
    "Vu le Code de la sécurité sociale ;",
    "Vu la convention d'objectifs et de gestion 2023-2027 signée entre l'État et la Caisse nationale des allocations familiales ;",
    "Vu la délibération du conseil d'administration de la Caf {of_dep} du {committee_long} ;",
    "Vu la délibération du {council} du {deliberation} autorisant {authorised} à signer la présente convention ;",
];

const PREAMBLE: &[&str] = &[
    "La Convention territoriale globale (CTG) est une démarche stratégique partenariale qui a pour objectif d'élaborer le projet social du territoire et d'organiser concrètement l'offre globale de services de la Caf de manière structurée et priorisée.",
    "Elle [favorise|renforce] le développement et l'adaptation des équipements et services aux familles, l'accès aux droits et l'optimisation des interventions des différents acteurs. Elle [s'appuie sur|prend appui sur] un diagnostic partagé avec les partenaires concernés pour définir les priorités et les moyens dans le cadre d'un plan d'actions adapté.",
    "La démarche [a été engagée|a débuté] en {before_end} ; le diagnostic a réuni les élus, les professionnels et des familles du territoire lors de [plusieurs ateliers|réunions de travail|groupes thématiques].",
];

fn articles(rng: &mut Rng, s: &Scenario, facts: &Facts) -> Vec<Item> {
    let mut items = Vec::new();
    let mut n = 0;
    let mut article = |items: &mut Vec<Item>, title: &str| {
        n += 1;
        let dash = "–";
        items.push(Item::Heading(format!("Article {n} {dash} {title}")));
    };
    article(&mut items, "Objet de la convention");
    items.push(Item::Para(facts.say(rng, "La présente convention a pour objet de [définir|formaliser] le projet stratégique global du territoire et ses modalités de mise en œuvre. Elle [s'appuie sur|prend appui sur] le diagnostic partagé réalisé [en {before_end}|avec les habitants et les partenaires] {of_partner}.")));
    article(&mut items, "Les champs d'intervention");
    items.push(Item::Para(
        "Les parties s'engagent à agir ensemble sur les axes suivants :".into(),
    ));
    for (i, axis) in s.axes.iter().enumerate() {
        let action = facts.say_any(rng, axis.actions);
        items.push(Item::Bullet(format!(
            "axe {} : {} ({action}) ;",
            i + 1,
            axis.label
        )));
    }
    article(&mut items, "Les engagements des partenaires");
    items.push(Item::Para(facts.say(rng, "La Caf apporte son expertise, ses données et ses financements dans le cadre de ses règles d'intervention. {Partner} assure la coordination du plan d'actions et mobilise les partenaires locaux, [notamment les associations et les écoles|en particulier les gestionnaires d'équipements].")));
    article(&mut items, "Le pilotage");
    items.push(Item::Para(facts.say(rng, "Un comité de pilotage, [coprésidé par les signataires|réunissant les signataires], se réunit au moins une fois par an. Il s'appuie sur un comité technique chargé du suivi [opérationnel|régulier] des actions.")));
    article(&mut items, "Durée de la convention");
    items.push(Item::Para(facts.say(rng, "La présente convention est conclue pour une durée de {years_word} ans. Elle prend effet le 1er janvier {start} et prend fin le 31 décembre {end}.")));
    article(&mut items, "L'évaluation");
    items.push(Item::Para(facts.say(rng, "Un bilan [intermédiaire|à mi-parcours] est présenté en {mid}, et une évaluation finale au cours du dernier semestre {end}. Les indicateurs retenus figurent dans chaque fiche action.")));
    article(&mut items, "Résiliation");
    items.push(Item::Para("La convention peut être résiliée par l'une ou l'autre des parties par lettre recommandée avec accusé de réception, moyennant un préavis de trois mois.".into()));
    article(&mut items, "Le plan d'actions");
    items.push(Item::Para("Les actions retenues sont décrites dans les fiches ci-après ; elles peuvent être ajustées chaque année par le comité de pilotage.".into()));
    items
}

/// Action sheets and diagnosis paragraphs, as many as the page count needs.
struct Sheets {
    axis: usize,
    number: usize,
    queue: Vec<Item>,
    communes: Vec<(&'static str, u32)>,
    axes: Vec<(&'static str, &'static [&'static str])>,
}

impl Sheets {
    fn new(rng: &mut Rng, s: &Scenario) -> Sheets {
        let mut communes: Vec<(&'static str, u32)> = match &s.territory {
            Territory::Epci(_, members) => members
                .iter()
                .map(|c| (c.name, c.population.unwrap_or(0)))
                .collect(),
            Territory::Commune(c) => vec![(c.name, c.population.unwrap_or(0))],
        };
        rng.shuffle(&mut communes);
        Sheets {
            axis: 0,
            number: 0,
            queue: Vec::new(),
            communes,
            axes: s.axes.iter().map(|a| (a.heading, a.actions)).collect(),
        }
    }

    fn next(&mut self, rng: &mut Rng, facts: &Facts) -> Item {
        if self.queue.is_empty() {
            self.refill(rng, facts);
        }
        self.queue.remove(0)
    }

    fn refill(&mut self, rng: &mut Rng, facts: &Facts) {
        if let Some((name, population)) = self.communes.pop().filter(|_| rng.chance(0.35)) {
            let families = (population / 9).max(12);
            let text = facts.say_with(
                rng,
                "{name} compte {population} habitants ; {families} familles y sont allocataires de la Caf. [Les élus ont fait part de leurs attentes lors du diagnostic.|La commune a participé aux groupes de travail.|Ses habitants ont répondu au questionnaire en nombre.]",
                &[("name", name), ("population", &thousands(population)), ("families", &thousands(families))],
            );
            self.queue.push(Item::Para(text));
            return;
        }
        let (heading, actions) = self.axes[self.axis % self.axes.len()];
        self.axis += 1;
        self.number += 1;
        let action = facts.say_any(rng, actions);
        self.queue.push(Item::Heading(format!(
            "Fiche action n° {} – {heading}",
            self.number
        )));
        self.queue.push(Item::Para(format!("Objectif : {action}.")));
        for template in SHEET {
            self.queue.push(Item::Para(facts.say(rng, template)));
        }
    }
}

const SHEET: &[&str] = &[
    "Constat : [le diagnostic a montré|les partenaires ont relevé] [un manque de coordination entre les structures|une offre inégalement répartie sur le territoire|des besoins qui évoluent plus vite que l'offre|une information mal connue des familles].",
    "Description : [un groupe de travail associant les gestionnaires|un chargé de coopération recruté à cet effet|les services de la collectivité, avec l'appui de la Caf,] [précisera le projet|conduira l'étude préalable|rédigera le cahier des charges] avant [une mise en œuvre progressive|un démarrage] en {year}.",
    "Pilote : {partner}. Partenaires associés : la Caf, [les communes|les associations gestionnaires|les services de l'État].",
    "Calendrier : [{start} à {end}|à partir de {year}|première étape en {year}].",
    "Indicateurs : [nombre de familles concernées|taux d'occupation|nombre de participants], [satisfaction des usagers|évolution des demandes], [budget engagé|nombre de partenaires mobilisés].",
];

fn tail(rng: &mut Rng, s: &Scenario, facts: &Facts) -> Vec<Item> {
    let copies = super::french::number(s.parties.len() as u32);
    let date = if rng.chance(0.9) {
        facts.get("sign_long").to_string()
    } else {
        super::french::numeric(s.signing)
    };
    let mut items = vec![
        Item::Space(10.0),
        Item::Para(format!(
            "Fait {}, le {date}, en {copies} exemplaires originaux.",
            facts.get("at_seat")
        )),
        Item::Space(6.0),
    ];
    let blocks: Vec<Vec<String>> = s
        .signatories
        .iter()
        .map(|g| {
            let party = &s.parties[g.party];
            vec![
                format!("Pour {},", party.formal),
                format!("{} {},", g.person.pick("La", "Le"), capitalize(&g.role)),
                String::new(),
                g.person.caps(),
            ]
        })
        .collect();
    for pair in blocks.chunks(2) {
        items.push(Item::Columns(pair.to_vec()));
    }
    items
}

/// Facilities of a town, by axis code: (axis, facility, unit of its capacity).
const FACILITIES: &[(&str, &str, &str)] = &[
    ("petite_enfance", "Multi-accueil", "places"),
    (
        "petite_enfance",
        "Relais petite enfance",
        "assistantes maternelles",
    ),
    ("enfance", "Accueil de loisirs", "places"),
    ("enfance", "Accueil périscolaire", "places"),
    ("jeunesse", "Espace jeunes", "adhérents"),
    (
        "parentalite",
        "Lieu d'accueil enfants-parents",
        "séances par mois",
    ),
    (
        "animation_vie_sociale",
        "Espace de vie sociale",
        "adhérents",
    ),
    (
        "acces_aux_droits",
        "France services",
        "permanences par mois",
    ),
];

fn annex(rng: &mut Rng, s: &Scenario) -> Vec<Item> {
    match &s.territory {
        Territory::Epci(_, members) => {
            let mut items = vec![Item::Center(
                format!("Annexe 1 – Communes membres {}", of(&s.partner().the)),
                11.0,
                Font::Bold,
            )];
            let mut sorted = members.clone();
            sorted.sort_by_key(|c| c.insee);
            if sorted.len() <= 45 {
                let rows = sorted
                    .iter()
                    .map(|c| {
                        vec![
                            c.name.to_string(),
                            c.insee.to_string(),
                            thousands(c.population.unwrap_or(0)),
                        ]
                    })
                    .collect();
                let header = ["Commune", "Code INSEE", "Population"]
                    .map(String::from)
                    .to_vec();
                items.push(Item::Table(vec![0.0, 230.0, 330.0], header, rows));
            } else {
                let half = sorted.len().div_ceil(2);
                let rows = (0..half)
                    .map(|i| {
                        let mut row = vec![sorted[i].name.to_string(), sorted[i].insee.to_string()];
                        if let Some(c) = sorted.get(i + half) {
                            row.extend([c.name.to_string(), c.insee.to_string()]);
                        }
                        row
                    })
                    .collect();
                let header = ["Commune", "Code INSEE", "Commune", "Code INSEE"]
                    .map(String::from)
                    .to_vec();
                items.push(Item::Table(vec![0.0, 160.0, 230.0, 390.0], header, rows));
            }
            items
        }
        Territory::Commune(c) => {
            // the facilities of the chosen axes only: a table line is read as a heading
            let mut rows = Vec::new();
            for (code, kind, unit) in FACILITIES {
                if s.axes.iter().any(|a| a.code == *code) {
                    let name = format!("{kind} {}", super::french::of_place(c.name));
                    rows.push(vec![name, format!("{} {unit}", rng.range(4, 60))]);
                }
            }
            if rows.is_empty() {
                rows.push(vec![
                    format!("Mairie {}", super::french::of_place(c.name)),
                    "accueil du public".into(),
                ]);
            }
            vec![
                Item::Center(
                    "Annexe 1 – Équipements et services du territoire".into(),
                    11.0,
                    Font::Bold,
                ),
                Item::Table(
                    vec![0.0, 280.0],
                    vec!["Équipement".into(), "Capacité".into()],
                    rows,
                ),
            ]
        }
    }
}
