//! The paragraphs around the facts of an article: quotes, the diagnostic, the
//! territory in figures, the money, what a CTG is, the next steps, the member
//! communes. Drawn in a shuffled order until the article reaches its size.
//!
//! These paragraphs avoid naming axes in passages that present the
//! convention's fields, so that the axes of a document are those the scenario
//! chose; they do bring the distracting dates and people (a steering
//! committee, an event to come, someone quoted who does not sign).

use super::article::Block;
use super::facts::{join, Facts};
use super::rng::Rng;
use super::scenario::{Scenario, Territory};

/// Paragraph templates: each is one paragraph.
const PARAGRAPHS: &[&str] = &[
    "« [Cette convention, c'est l'assurance que chaque famille, quelle que soit sa commune, aura accès aux mêmes services|Nos villages sont petits, mais les besoins des familles sont les mêmes qu'ailleurs|Avec cette convention, on arrête de travailler chacun dans son coin|Nous avons voulu une convention concrète, avec des actions que chacun pourra voir sur le terrain]. [Il reste maintenant à la faire vivre|Le plus dur commence|Nous serons jugés sur les résultats] », a [souligné|résumé|insisté] {speaker}.",
    "« [On veut que l'information circule mieux entre les structures|Les familles nous le disaient depuis longtemps|C'est un vrai changement pour les équipes]. [On attendait ce moment depuis des mois|Ça va nous simplifier la vie|On a été écoutés] », explique {witness}, {witness_role}, qui assistait à la signature.",
    "Le diagnostic partagé, mené [pendant dix-huit mois|au printemps|pendant près d'un an] avec les familles, les professionnels et les élus, a [mis en évidence|fait apparaître] des besoins [nouveaux|importants] dans [les villages les plus éloignés|les quartiers les plus peuplés|plusieurs communes rurales]. [Plus de {n2}0 questionnaires ont été remplis|Près de {n}0 familles ont répondu au questionnaire en ligne], et des entretiens ont été menés avec [les directrices de structures|les associations|les secrétaires de mairie].",
    "Le territoire compte [près de|environ|plus de] {families} familles allocataires de la Caf, [dont|parmi lesquelles] {children} [avec au moins un enfant à charge|avec des enfants de moins de six ans]. [La part des familles monoparentales y progresse depuis dix ans.|La population y augmente légèrement chaque année.|Un quart des allocataires y vivent seuls.]",
    "La Caf [consacre|versera] [près de|environ|plus de] {millions} millions d'euros par an aux équipements et services du territoire[, hors prestations légales|]. [Ces financements sont désormais versés directement aux gestionnaires, sous la forme de bonus territoire.|Les montants seront réévalués chaque année en fonction de l'activité des structures.]",
    "La CTG est une démarche [partenariale|de projet] qui [remplace progressivement les|succède aux] contrats enfance jeunesse. Elle permet de [construire un projet social de territoire|définir une feuille de route commune] à partir d'un diagnostic partagé, [puis de le décliner en fiches actions|et de mieux coordonner les financements].",
    "La démarche a été lancée en {before_end}. [Plusieurs réunions publiques|Des ateliers ouverts à tous|Trois soirées d'échanges] ont permis de recueillir l'avis des habitants, et les élus ont visité les structures existantes [une à une|au cours de l'été|avec les techniciens de la Caf].",
    "Un [premier|nouveau] comité de pilotage se réunira [en juin|à l'automne|au printemps {year}] {at_seat} pour faire le point sur les actions engagées. [Il associera les partenaires associatifs.|Les habitants pourront y être invités.|Un tableau de bord y sera présenté.]",
    "Les familles pourront découvrir les actions de la CTG lors [de la Journée des familles|d'une réunion publique|de la fête de l'enfance], le {event}, {at_commune}. [Des stands et des animations sont prévus tout l'après-midi.|L'entrée sera libre.|Une garderie sera proposée sur place.]",
    "Un bilan [intermédiaire|à mi-parcours] est prévu [fin {mid}|en {mid}], avant une évaluation finale au cours de la dernière année de la convention. [Les indicateurs ont été définis avec les services.|Chaque action dispose de sa fiche et de ses indicateurs.]",
    "Un comité de pilotage, [coprésidé par les élus et la Caf|réunissant élus et techniciens], se réunira [au moins une fois par an|deux fois par an] pour suivre la mise en œuvre de la convention. Un comité technique [préparera ses travaux|se réunira chaque trimestre].",
    "[Pour|Selon] {speaker}, « [la CTG permet de sortir d'une logique de guichet et de construire les réponses avec les élus|ce document n'est pas une fin, mais un point de départ|il fallait mettre tout le monde autour de la même table] ». [Un avis partagé par l'ensemble des élus présents.|Les élus présents ont approuvé.|]",
    "La CTG s'inscrit dans la convention d'objectifs et de gestion (COG) 2023-2027 [signée entre l'État et la Caisse nationale des allocations familiales|conclue entre l'État et la Cnaf]. [Toutes les collectivités du département devraient en être dotées d'ici la fin de l'année.|Elle généralise une démarche engagée depuis plusieurs années.]",
    "[Au-delà des chiffres|Concrètement], les élus [ont obtenu|ont demandé] qu'un [ramassage|service de navette] soit organisé le mercredi pour les enfants des hameaux, et que les horaires des structures soient [revus|harmonisés] dès la rentrée.",
    "« [Trop de familles ne demandent pas les aides auxquelles elles ont droit|Il faut aller vers les familles qui ne poussent jamais notre porte] », a rappelé {speaker}, [citant|qui a cité] [une étude récente|les chiffres de la Caf].",
    "[Les équipes|Les professionnels] du territoire [ont été associés|ont pris part] à [chaque étape|toutes les étapes] : [directrices de structures, animateurs, travailleurs sociaux|agents des mairies, associations et bénévoles] ont participé aux groupes de travail [organisés entre janvier et mai|réunis à plusieurs reprises].",
    "Le document final, d'une [soixantaine|quarantaine|trentaine] de pages, sera [consultable|mis en ligne] sur le site {of_partner} [dans les prochains jours|d'ici la fin du mois]. [Une version résumée sera distribuée dans les mairies.|Il peut aussi être consulté à l'accueil.]",
    "[Dans un territoire rural comme le nôtre|Sur un territoire aussi étendu], aucune commune ne peut tout porter seule, [a rappelé|a observé] {speaker}, [saluant|qui a salué] le travail des services.",
    "La cérémonie s'est achevée par [un temps convivial|un verre de l'amitié|une visite des locaux] [en présence des agents|avec les familles présentes|offert par la municipalité].",
    "[Contact presse|Renseignements] : service communication {of_partner} – {phone}.",
    "[Les maires des communes|Les élus du territoire] ont [salué|relevé] la qualité du travail mené avec les services de la Caf. [Plusieurs d'entre eux ont rappelé|Certains ont souligné] que [les petites communes n'ont pas les moyens d'embaucher un coordinateur|les familles se déplacent d'une commune à l'autre selon les services].",
    "[Les financements|Les moyens] [prévus|engagés] par la convention [restent|demeurent] conditionnés au vote des budgets annuels. [Les partenaires se retrouveront chaque automne pour les arbitrages.|Un point sera fait chaque année lors du débat d'orientation budgétaire.]",
    "Depuis [plusieurs mois|le début de l'année], [une coordinatrice|un chargé de coopération] [a été recruté pour suivre la démarche|anime le réseau des partenaires]. [Son poste est cofinancé par la Caf.|Le poste est financé à parts égales par les signataires.]",
    "[Plusieurs|Trois|Quatre] [associations|structures gestionnaires] étaient représentées lors de la signature. [Elles seront associées au suivi des actions.|Leurs responsables ont été invités à rejoindre les groupes de travail.]",
    "[La question des horaires|La question des tarifs|Le recrutement des professionnels] a occupé une large part des échanges. [Les structures peinent à recruter, faute de candidats.|Les partenaires ont prévu d'y revenir dès le premier comité.]",
    "[Les habitants qui souhaitent s'impliquer|Les parents intéressés] peuvent se faire connaître [auprès de leur mairie|à l'accueil de la communauté de communes|par courriel]. [Un questionnaire reste ouvert en ligne jusqu'à la fin du mois.|Des réunions d'information seront organisées dans les prochaines semaines.]",
    "[Le précédent contrat|L'ancien contrat enfance jeunesse] [avait permis|avait déjà permis] [l'ouverture de plusieurs structures|de financer de nombreux projets]. [La convention prolonge cet effort en l'élargissant.|Les partenaires ont voulu aller plus loin.]",
    "« [Le territoire a beaucoup changé en dix ans|Les attentes des familles ont évolué|On ne peut plus raisonner commune par commune] », [a observé|a noté] {witness}, {witness_role}, [qui suit le dossier depuis le début|présente dans la salle].",
    "[Le diagnostic a aussi montré|Les échanges ont aussi montré] que [beaucoup de familles connaissent mal les services existants|l'information ne circule pas assez entre les communes]. [Un guide des services sera édité.|Une page dédiée sera créée sur le site internet.]",
];

/// The member communes of an EPCI, as a paragraph (EPCI only).
const MEMBERS: &str =
    "[Le territoire regroupe|L'intercommunalité rassemble] {members_word} communes : {list}.";

/// A shuffled supply of filler paragraphs.
#[derive(Debug)]
pub struct Fillers {
    order: Vec<usize>,
    next: usize,
    members: bool,
}

impl Fillers {
    /// A new supply for `s`.
    pub fn new(rng: &mut Rng, s: &Scenario) -> Fillers {
        let mut order: Vec<usize> = (0..PARAGRAPHS.len()).collect();
        rng.shuffle(&mut order);
        let members = matches!(&s.territory, Territory::Epci(_, m) if m.len() <= 40);
        Fillers {
            order,
            next: 0,
            members,
        }
    }

    /// The next paragraph, or `None` when the supply is spent (each template
    /// is used once).
    pub fn next(&mut self, rng: &mut Rng, s: &Scenario, facts: &Facts) -> Option<Block> {
        if self.members && rng.chance(0.3) {
            self.members = false;
            if let Territory::Epci(_, members) = &s.territory {
                let names: Vec<&str> = members.iter().map(|c| c.name).collect();
                let list = join(&names);
                return Some(Block::Para(facts.say_with(
                    rng,
                    MEMBERS,
                    &[("list", &list)],
                )));
            }
        }
        if self.next >= self.order.len() {
            return None;
        }
        let template = PARAGRAPHS[self.order[self.next]];
        self.next += 1;
        Some(Block::Para(facts.say(rng, template)))
    }
}
