//! The thematic axes a convention works on, each with its label, a heading and
//! sentence templates for the actions planned under it (slots `{commune}`,
//! `{commune2}`, `{n}`, `{year}`).
//!
//! Codes are those of `rules/axes.toml`; the phrasing is ours.

/// One axis and the words to write it.
#[derive(Debug)]
pub struct Axis {
    /// The axis code (`petite_enfance`).
    pub code: &'static str,
    /// As in a sentence: "la petite enfance".
    pub label: &'static str,
    /// As a heading or list lead: "Petite enfance".
    pub heading: &'static str,
    /// Templates of actions under this axis.
    pub actions: &'static [&'static str],
    /// How often a convention takes it, out of 10.
    pub weight: u32,
}

/// Every axis the generator writes about.
pub const AXES: &[Axis] = &[
    Axis {
        code: "petite_enfance",
        label: "la petite enfance",
        heading: "Petite enfance",
        weight: 10,
        actions: &[
            "[créer|ouvrir] {n} places d'accueil [supplémentaires|nouvelles] [d'ici {year}|avant la fin de la convention], dont [un multi-accueil|une micro-crèche] {at_commune}",
            "[renforcer|consolider] le relais petite enfance et [soutenir|accompagner] les assistantes maternelles [du territoire|dans leurs pratiques]",
            "[étudier|lancer] l'ouverture d'une micro-crèche {at_commune2}, où [les demandes|les listes d'attente] [augmentent|s'allongent] [chaque année|depuis deux ans]",
            "[harmoniser|simplifier] les critères d'attribution des places en crèche [sur l'ensemble du territoire|entre les communes]",
            "[agrandir|rénover] le multi-accueil {of_commune} [, qui passera de {n} à {n2} berceaux|pour accueillir davantage de tout-petits]",
        ],
    },
    Axis {
        code: "enfance",
        label: "l'enfance",
        heading: "Enfance",
        weight: 8,
        actions: &[
            "[harmoniser|revoir] les tarifs des accueils de loisirs [et des temps périscolaires|du mercredi et des congés scolaires]",
            "[ouvrir|créer] un accueil de loisirs {at_commune} [pendant les congés scolaires|le mercredi|l'été]",
            "[écrire|construire] un projet éducatif [commun|partagé] aux accueils périscolaires [du territoire|des écoles]",
            "[former|accompagner] les animateurs des accueils de loisirs [à l'accueil de tous les enfants|aux nouvelles pratiques]",
        ],
    },
    Axis {
        code: "jeunesse",
        label: "la jeunesse",
        heading: "Jeunesse",
        weight: 8,
        actions: &[
            "[recruter|embaucher] un animateur jeunesse [intercommunal|itinérant] [et soutenir les projets des adolescents|pour aller au-devant des 14-17 ans]",
            "[ouvrir|aménager] un local pour les adolescents {at_commune} [|avec des horaires adaptés]",
            "[aider|financer] le BAFA [de {n} jeunes par an|des jeunes du territoire]",
            "[créer|développer] un point information jeunesse [itinérant|en lien avec le collège]",
        ],
    },
    Axis {
        code: "parentalite",
        label: "la parentalité",
        heading: "Parentalité",
        weight: 9,
        actions: &[
            "[déployer|ouvrir] un lieu d'accueil enfants-parents [itinérant|] qui [passera|fera étape] {at_commune} et {at_commune2}",
            "[proposer|organiser] des [cafés des parents|groupes de parole|conférences] [tout au long de l'année|chaque trimestre]",
            "[étendre|maintenir] le CLAS [dans les écoles élémentaires|au collège] [pour aider les parents à suivre les devoirs|avec des bénévoles formés]",
            "[faire connaître|mieux relayer] la médiation familiale [auprès des familles|dans les mairies]",
        ],
    },
    Axis {
        code: "animation_vie_sociale",
        label: "l'animation de la vie sociale",
        heading: "Animation de la vie sociale",
        weight: 7,
        actions: &[
            "[soutenir|conforter] [les centres sociaux|le centre social] [du territoire|{of_commune}] et [accompagner|préparer] la création d'un espace de vie sociale",
            "[favoriser|encourager] la participation des habitants [aux projets|à la vie des quartiers]",
            "[ouvrir|installer] un espace de vie sociale {at_commune} [d'ici {year}|dans l'ancienne école]",
        ],
    },
    Axis {
        code: "acces_aux_droits",
        label: "l'accès aux droits",
        heading: "Accès aux droits",
        weight: 8,
        actions: &[
            "[mieux faire connaître|renforcer] les permanences de la Caf dans les maisons France services et [lutter contre|réduire] le non-recours",
            "[tenir|organiser] une permanence [mensuelle|hebdomadaire] d'accès aux droits [à la mairie {of_commune}|{at_commune}]",
            "[former|outiller] les agents d'accueil des mairies à l'accès aux droits",
        ],
    },
    Axis {
        code: "inclusion_numerique",
        label: "l'inclusion numérique",
        heading: "Inclusion numérique",
        weight: 4,
        actions: &[
            "[recruter|financer] [un conseiller numérique|deux conseillères numériques] [itinérant|qui iront de commune en commune]",
            "[proposer|ouvrir] des ateliers d'inclusion numérique {at_commune} pour les démarches en ligne",
        ],
    },
    Axis {
        code: "logement",
        label: "le logement",
        heading: "Logement",
        weight: 3,
        actions: &[
            "[repérer|traiter] les situations de logement indigne [avec les services de l'État|avec les bailleurs]",
            "[faciliter|accompagner] l'accès au logement des [jeunes ménages|familles] [du territoire|nouvellement installées]",
        ],
    },
    Axis {
        code: "handicap",
        label: "le handicap",
        heading: "Handicap",
        weight: 3,
        actions: &[
            "[mieux accueillir|accueillir] les enfants en situation de handicap [dans toutes les structures d'accueil|dans chaque structure du territoire]",
            "[créer|financer] un pôle ressources handicap [pour les équipes|à l'échelle du territoire]",
        ],
    },
    Axis {
        code: "mobilite",
        label: "la mobilité",
        heading: "Mobilité",
        weight: 2,
        actions: &[
            "[mettre en place|tester] un transport à la demande vers les structures [du territoire|{of_commune}]",
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_those_of_the_rules() {
        let rules = include_str!("../../../rules/axes.toml");
        for axis in AXES {
            assert!(
                rules.contains(&format!("value = \"{}\"", axis.code)),
                "{} is not an axis of rules/axes.toml",
                axis.code
            );
        }
    }
}
