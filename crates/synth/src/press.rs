//! Press releases and news articles: a scenario written as an [`Article`] —
//! headline, publication line, the signing sentence with its signatories, the
//! period, the axes, then context paragraphs until the drawn size is reached,
//! and a photo caption.
//!
//! The site around the article (menus, footer) is drawn in `site`; how the
//! article becomes bytes is `text` and `page`.

use super::article::{Article, Block};
use super::facts::{join, Facts};
use super::filler;
use super::french::capitalize;
use super::rng::Rng;
use super::scenario::{Party, PartyKind, Scenario, Signatory, Territory};
use super::site;

/// Writes `s` as an article of about `target` bytes of text.
pub fn article(rng: &mut Rng, s: &Scenario, target: usize) -> Article {
    let facts = Facts::new(rng, s);
    let site = site::draw(rng, s, &facts);
    let newspaper = site.name.contains("Infos") || site.name.starts_with("Le ");
    let mut blocks = Vec::new();
    if rng.chance(0.6) {
        blocks.push(Block::Kicker(facts.say_any(rng, KICKERS)));
    }
    blocks.push(Block::Title(facts.say_any(rng, HEADLINES)));
    blocks.push(meta(rng, s, &facts, newspaper));
    blocks.push(Block::Para(signing_paragraph(rng, s, &facts)));
    blocks.push(Block::Para(period_paragraph(rng, &facts)));
    axes_blocks(rng, s, &facts, &mut blocks);
    if matches!(s.territory, Territory::Epci(..)) {
        blocks.push(Block::Para(facts.say_any(rng, PLACES)));
    }
    let closing = caption(rng, s, &facts);
    let mut article = Article { site, blocks };
    let mut fillers = filler::Fillers::new(rng, s);
    while article.size() + closing.size() < target {
        match fillers.next(rng, s, &facts) {
            Some(block) => article.blocks.push(block),
            None => break,
        }
    }
    article.blocks.push(closing);
    article
}

/// Where the first actions take place (an EPCI's communes).
const PLACES: &[&str] = &[
    "[Les premières actions|Les premiers projets] verront le jour {at_communes}[ dès {year}|].",
    "[Plusieurs|Les premiers] chantiers [démarreront|sont attendus] {at_communes}.",
    "Les élus {of_commune} et {at_commune2} ont été [parmi les premiers|les premiers] à [porter|défendre] ces projets, [qui concerneront aussi|étendus ensuite à] {communes}.",
];

const KICKERS: &[&str] = &[
    "COMMUNIQUÉ DE PRESSE",
    "[SOLIDARITÉS|Solidarités]",
    "[ACTUALITÉ|À la une]",
    "[Actualité|ACTUALITÉS]",
    "[Vie locale|Famille]",
];

const HEADLINES: &[&str] = &[
    "[Petite enfance, jeunesse, familles|Familles] : {partner_short} signe sa Convention territoriale globale",
    "{Partner} et {caf} s'engagent pour les familles jusqu'en {end}",
    "Convention territoriale globale : {partner} et {caf} unissent leurs forces",
    "Signature de la Convention territoriale globale {span}",
    "Une CTG pour {years_word} ans au service des familles {of_seat}",
    "[Familles|Services aux familles] : une feuille de route commune jusqu'en {end}",
    "{seat} : la Convention territoriale globale est signée",
    "La CTG {span} [officiellement signée|signée] [à la mairie|au siège de l'intercommunalité|en présence des élus]",
    "[Un nouveau contrat|Un engagement] de {years_word} ans entre {caf} et {partner}",
];

fn meta(rng: &mut Rng, s: &Scenario, facts: &Facts, newspaper: bool) -> Block {
    let byline = if newspaper {
        format!(" | Par {}", s.journalist.natural())
    } else {
        String::new()
    };
    let updated = super::french::long(super::scenario::shift(
        s.published,
        i64::from(rng.range(1, 4)),
    ));
    let text = match rng.below(6) {
        0 => format!("Publié le {}{byline}", facts.get("published")),
        1 => format!(
            "Publié le {} à {} h {:02}{byline}",
            facts.get("published_wd"),
            rng.range(8, 19),
            rng.range(0, 59)
        ),
        2 => format!(
            "Publié le {} - Mis à jour le {}",
            facts.get("published_num"),
            super::french::numeric(super::scenario::shift(s.published, 2))
        ),
        3 => format!("Communiqué de presse – {}", facts.get("published")),
        4 => format!(
            "Publié le {} – Mis à jour le {updated}{byline}",
            facts.get("published_wd")
        ),
        _ => format!("{}, le {}", capitalize(s.seat.name), facts.get("published")),
    };
    Block::Meta {
        text,
        date: s.published,
    }
}

/// How the people who sign are listed.
#[derive(Debug, Clone, Copy)]
enum Listing {
    /// "Anne MARTIN, directrice de la Caf de l'Allier, et Paul Durand, maire de Cholet"
    NameRole,
    /// "la directrice de la Caf de l'Allier, Anne Martin, et le maire de Cholet, Paul Durand"
    RoleName,
}

/// The signatories as a list in one sentence.
fn list_people(rng: &mut Rng, people: &[&Signatory], listing: Listing, caps: f64) -> String {
    let items: Vec<String> = people
        .iter()
        .map(|g| {
            let name = g.person.written(rng, caps);
            let vp = g.role.starts_with("vice");
            match listing {
                Listing::RoleName if !vp => {
                    format!("{} {}, {name}", g.person.pick("la", "le"), g.role_of)
                }
                _ => format!("{name}, {}", g.role_of),
            }
        })
        .collect();
    // appositions: "A, directrice de la Caf, et B, maire de X"
    match items.split_last() {
        Some((last, init)) if !init.is_empty() => format!("{}, et {last}", init.join(", ")),
        _ => items.join(""),
    }
}

/// The sentence(s) that tell the signature: when, where, who.
fn signing_paragraph(rng: &mut Rng, s: &Scenario, facts: &Facts) -> String {
    let listing = if rng.chance(0.65) {
        Listing::NameRole
    } else {
        Listing::RoleName
    };
    let caps = if rng.chance(0.3) { 0.9 } else { 0.05 };
    let all: Vec<&Signatory> = s.signatories.iter().collect();
    let people = list_people(rng, &all, listing, caps);
    let template = match rng.below(11) {
        0 => "Le {date}, {at_seat}, {people}, ont signé la Convention territoriale globale (CTG) [{span} |]{of_partner}.",
        1 => "La Convention territoriale globale {of_partner} a été signée le {date} {at_seat} par {people}.",
        2 => "C'est {at_seat} que {people}, ont [signé|paraphé], le {date}, la Convention territoriale globale qui lie désormais {partner} et {caf}.",
        3 => "Le {date}, {people}, ont officialisé leur [partenariat|engagement commun] en signant la Convention territoriale globale (CTG) [{span}|du territoire].",
        4 => "{Partner} et {caf} ont signé le {date} leur Convention territoriale globale (CTG). [Autour de la table|Pour l'occasion|En présence des élus du territoire], {people}, ont [paraphé|signé] le document.",
        5 | 6 => return on_behalf(rng, s, facts, caps),
        7 => return represented(rng, s, facts, caps),
        8 => "Le {date}, {partner} et {caf} ont [signé|paraphé] [leur|la] Convention territoriale globale (CTG) [{span}|]. [La signature a réuni|Étaient réunis pour l'occasion] {people}.",
        9 => "{People}, ont signé le {date} la Convention territoriale globale {of_partner}.",
        _ => "[La salle du conseil|La salle polyvalente|La mairie] {of_seat} [accueillait|a accueilli], le {date}, la signature de la Convention territoriale globale (CTG) entre {partner} et {caf}. Le document a été paraphé par {people}.",
    };
    let capitalized = capitalize(&people);
    let slots = [
        ("people", people.as_str()),
        ("People", capitalized.as_str()),
    ];
    let mut text = facts.say_with(rng, template, &slots);
    if rng.chance(0.5) {
        text.push(' ');
        text.push_str(&facts.say(rng, "[Ce document d'engagement|Ce texte|Cette convention] [remplace les|prend le relais des] [contrats thématiques|dispositifs] [jusque-là signés séparément|qui existaient jusqu'ici] et fixe une feuille de route commune [pour les familles du territoire|pour les années à venir]."));
    }
    text
}

/// Each party that has signatories, with them written by `write` (which gets
/// the signatory and their name as this document writes it).
fn by_party<'a>(
    rng: &mut Rng,
    s: &'a Scenario,
    caps: f64,
    write: impl Fn(&Signatory, String) -> String,
) -> Vec<(&'a Party, Vec<String>)> {
    let mut sides = Vec::new();
    for (i, party) in s.parties.iter().enumerate() {
        let people: Vec<String> = s
            .signatories
            .iter()
            .filter(|g| g.party == i)
            .map(|g| write(g, g.person.written(rng, caps)))
            .collect();
        if !people.is_empty() {
            sides.push((party, people));
        }
    }
    sides
}

/// "Le 5 mai 2023, ... ont signé ... Pour la Caf, X, directrice ; pour la
/// communauté de communes, Y, président."
fn on_behalf(rng: &mut Rng, s: &Scenario, facts: &Facts, caps: f64) -> String {
    let mut text = facts.say(rng, "[La salle des fêtes|La mairie|L'hôtel de ville] {of_seat} a accueilli, le {date}, la signature de la Convention territoriale globale (CTG) [entre {partner} et {caf}|qui lie {partner} et {caf}]. [Chacun a signé pour sa collectivité.|Autour de la table, chacun a signé pour son institution.] ");
    let sides: Vec<String> = by_party(rng, s, caps, |g, name| format!("{name}, {}", g.role))
        .into_iter()
        .map(|(party, people)| {
            let who = match party.kind {
                PartyKind::Caf => "la Caf",
                PartyKind::Epci => "la communauté de communes",
                PartyKind::Commune => "la commune",
                PartyKind::Departement => "le Département",
            };
            format!("pour {who}, {}", join(&people))
        })
        .collect();
    text.push_str(&capitalize(&sides.join(" ; ")));
    text.push('.');
    text
}

/// "... ont signé ... La Caf était représentée par sa directrice, X ; la
/// commune par son maire, Y."
fn represented(rng: &mut Rng, s: &Scenario, facts: &Facts, caps: f64) -> String {
    let mut text = facts.say(
        rng,
        "{Partner} et {caf} ont signé, le {date}, leur Convention territoriale globale[| (CTG)]. ",
    );
    let sides = by_party(rng, s, caps, |g, name| {
        format!("{} {}, {name}", g.person.pick("sa", "son"), g.role)
    });
    let clauses: Vec<String> = sides
        .into_iter()
        .enumerate()
        .map(|(i, (party, people))| {
            let people = people.join(" et par ");
            match (i, party.anaphor.starts_with("le ")) {
                (0, true) => format!(
                    "{} était représenté par {people}",
                    capitalize(party.anaphor)
                ),
                (0, false) => format!(
                    "{} était représentée par {people}",
                    capitalize(party.anaphor)
                ),
                _ => format!("{} par {people}", party.anaphor),
            }
        })
        .collect();
    text.push_str(&clauses.join(" ; "));
    text.push('.');
    text
}

fn period_paragraph(rng: &mut Rng, facts: &Facts) -> String {
    const PERIOD: &[&str] = &[
        "Conclue pour {years_word} ans, la convention couvre la période {span}.",
        "La convention est conclue pour une durée de {years} ans, du 1er janvier {start} au 31 décembre {end}.",
        "D'une durée de {years_word} ans, cette CTG {span} [prend le relais du|remplace le] contrat enfance jeunesse (CEJ) {before}-{before_end}.",
        "Le texte engage les partenaires pour {years_word} années, [de {start} à {end}|sur la période {start}/{end}].",
        "La convention court jusqu'au 31 décembre {end}.",
        "Elle [porte sur|couvre] les années {start} à {end}[, soit {months} mois|].",
        "Signée pour {years_word} ans, la CTG [{span}|] [fixe le cadre de l'action commune|donne un cap aux politiques familiales] [jusqu'en {end}|pour la période {span}].",
    ];
    const CONTEXT: &[&str] = &[
        "Le conseil [communautaire|municipal] avait approuvé le texte par délibération du {deliberation}.",
        "Le projet avait été présenté aux élus lors du comité de pilotage du {committee}.",
        "[La démarche avait été validée|Le diagnostic avait été présenté] en séance le {deliberation}, avant la signature.",
        "La commission d'action sociale de la Caf l'avait validée le {deliberation_dm}.",
        "",
    ];
    let mut text = facts.say_any(rng, PERIOD);
    let context = CONTEXT[rng.below(CONTEXT.len())];
    if !context.is_empty() {
        text.push(' ');
        text.push_str(&facts.say(rng, context));
    }
    text
}

fn axes_blocks(rng: &mut Rng, s: &Scenario, facts: &Facts, blocks: &mut Vec<Block>) {
    const HEADINGS: &[&str] = &[
        "{Axes_count} priorités pour le territoire",
        "Les axes de la convention",
        "Ce que prévoit la convention",
        "Des engagements concrets",
        "{Axes_count} axes de travail",
    ];
    const INTROS: &[&str] = &[
        "Le diagnostic, conduit auprès de {families} familles, a fait ressortir {axes_count} priorités :",
        "Les partenaires se sont accordés sur {axes_count} axes :",
        "La convention porte sur {axes_count} champs d'intervention :",
        "Le plan d'actions s'articule autour de {axes_count} thématiques :",
    ];
    if rng.chance(0.7) {
        blocks.push(Block::Heading(facts.say_any(rng, HEADINGS)));
    }
    let items: Vec<String> = s
        .axes
        .iter()
        .map(|axis| {
            let action = facts.say_any(rng, axis.actions);
            format!("{} : {action}", axis.heading)
        })
        .collect();
    if rng.chance(0.75) {
        blocks.push(Block::Para(facts.say_any(rng, INTROS)));
        let marker = *rng.pick(&["-", "–", "*", "•", "1."]);
        let last = items.len() - 1;
        let items = items
            .into_iter()
            .enumerate()
            .map(|(i, item)| format!("{item}{}", if i == last { "." } else { " ;" }))
            .collect();
        blocks.push(Block::List { marker, items });
    } else {
        let mut text = facts.say(
            rng,
            "La convention porte sur {axes}. Concrètement, les partenaires prévoient de ",
        );
        let actions: Vec<String> = s
            .axes
            .iter()
            .map(|axis| facts.say_any(rng, axis.actions))
            .collect();
        text.push_str(&join(&actions));
        text.push('.');
        blocks.push(Block::Para(text));
    }
}

fn caption(rng: &mut Rng, s: &Scenario, facts: &Facts) -> Block {
    let names: Vec<String> = s.signatories.iter().map(|g| g.person.natural()).collect();
    let text = match rng.below(5) {
        0 => format!(
            "Photo : {} / {}",
            facts.get("photographer"),
            facts.get("Partner")
        ),
        1 => format!(
            "Sur la photo : {} (de gauche à droite), après la signature.",
            join(&names)
        ),
        2 => format!("© {}", facts.get("photographer")),
        3 => format!("Crédit photo : {}", facts.get("photographer")),
        _ => format!(
            "Photo : signature de la convention {}. © {}",
            facts.get("at_seat"),
            facts.get("photographer")
        ),
    };
    Block::Caption(text)
}
