//! The site an article appears on: the CAF's press space, the intercommunality's
//! or the town's site, a local news site; with its menus, breadcrumb, footer,
//! related links and a dated agenda (dates that are not the signature).

use super::article::Site;
use super::facts::Facts;
use super::rng::Rng;
use super::scenario::{shift, Scenario};

const MENUS: &[&[&str]] = &[
    &[
        "Accueil",
        "Partenaires",
        "Presse",
        "Contacts",
        "Plan du site",
    ],
    &[
        "Ma mairie",
        "Vivre ici",
        "Enfance & Jeunesse",
        "Culture & Patrimoine",
        "Agenda",
        "Démarches en ligne",
    ],
    &[
        "La CdC",
        "Enfance & jeunesse",
        "Solidarités",
        "Environnement & déchets",
        "Économie",
        "Actualités",
    ],
    &[
        "Accueil",
        "Communes",
        "Économie",
        "Solidarités",
        "Sports",
        "Agenda",
        "Contact",
    ],
    &[
        "Actualités",
        "Services",
        "Vos démarches",
        "Publications",
        "Nous contacter",
    ],
];

const BREADCRUMBS: &[&[&str]] = &[
    &["Accueil", "Actualités", "Solidarités"],
    &["Accueil", "Partenaires", "Presse", "Communiqués"],
    &["Accueil", "Actualités", "Enfance & Jeunesse"],
    &["Accueil", "Vie locale"],
];

const RELATED: &[&str] = &[
    "Collecte des déchets verts : nouveau calendrier",
    "La piscine intercommunale ouvre le 1er juillet",
    "Le marché de Noël revient le 14 décembre",
    "Travaux : la route départementale fermée trois semaines",
    "Inscriptions scolaires : les dates à retenir",
    "Foot : l'équipe fanion en tête de sa poule",
    "Le festival d'été dévoile sa programmation",
    "Recensement de la population : les agents recrutés",
];

const AGENDA: &[&str] = &[
    "Conseil communautaire",
    "Forum des associations",
    "Permanence du conciliateur de justice",
    "Atelier parents-enfants",
    "Réunion publique sur le PLUi",
    "Marché de producteurs",
];

/// Draws the site of an article about `s`.
pub fn draw(rng: &mut Rng, s: &Scenario, facts: &Facts) -> Site {
    let kind = rng.below(5);
    let name = match kind {
        0 => facts.say(rng, "[{caf_name}|{caf_name} – Espace presse|caf.fr – {caf_name}]"),
        1 => facts.say(rng, "[Ville {of_seat} - Site officiel|Mairie {of_seat}|{seat}, site officiel]"),
        2 => facts.get("partner_name").to_string(),
        3 => facts.say(rng, "[{seat} Infos|{dep} Infos|Infos du Pays {of_seat}] - [l'actualité locale|l'actualité de votre territoire]"),
        _ => facts.say(rng, "[Le Petit Courrier|Le Républicain|Le Journal|Le Réveil] [{of_dep}|{of_seat}]"),
    };
    let mut footer = vec![
        facts.say(rng, "Partager : Facebook[ | X | LinkedIn| - Twitter - LinkedIn| | Courriel][ | Imprimer|]"),
        facts.say(rng, "[Newsletter : Inscrivez-vous pour recevoir l'actualité.|Suivez-nous sur les réseaux sociaux|]"),
        facts.say(rng, "[Mentions légales - Plan du site - Accessibilité - Gestion des cookies|Mentions légales | Politique de confidentialité | Nous écrire|Mentions légales | Accessibilité : partiellement conforme | Cookies]"),
    ];
    footer.retain(|l| !l.trim().is_empty());
    if kind == 1 || rng.chance(0.3) {
        footer.push(facts.say(rng, "[Hôtel de ville|Mairie] - [Place de la République|1 place de l'Église|Grande Rue] - {seat}"));
    }
    let count = rng.range(0, 3) as usize;
    let related = rng
        .sample(RELATED, count)
        .into_iter()
        .map(str::to_string)
        .collect();
    let agenda = (0..rng.range(0, 3))
        .map(|_| {
            let date = shift(s.published, i64::from(rng.range(3, 60)));
            (date, (*rng.pick(AGENDA)).to_string())
        })
        .collect();
    Site {
        name,
        menu: rng.pick(MENUS).to_vec(),
        breadcrumb: rng.pick(BREADCRUMBS).to_vec(),
        footer,
        related,
        agenda,
    }
}
