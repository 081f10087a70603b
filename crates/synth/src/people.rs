//! Invented people: given names and surnames (with particles, compound given
//! names), written in the forms French documents use ("Anne Le Goff",
//! "Anne LE GOFF", "Mme Anne Le Goff").
//!
//! Only names: what a person does in a document (their role) is chosen by the
//! scenario.

use super::rng::Rng;

/// Grammatical gender, which agrees roles and articles ("la directrice").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// Feminine.
    Female,
    /// Masculine.
    Male,
}

/// An invented person.
#[derive(Debug, Clone)]
pub struct Person {
    /// Given name ("Marie-Claude").
    pub given: &'static str,
    /// Surname with its particle ("de La Tour", "Le Goff").
    pub surname: &'static str,
    /// Gender.
    pub gender: Gender,
}

#[rustfmt::skip]
const FEMALE: &[&str] = &[
    "Anne", "Marie", "Isabelle", "Nathalie", "Sylvie", "Catherine", "Christine", "Valérie",
    "Sandrine", "Véronique", "Sophie", "Céline", "Stéphanie", "Florence", "Hélène", "Delphine",
    "Laurence", "Émilie", "Aurélie", "Claire", "Julie", "Camille", "Pauline", "Élodie", "Karine",
    "Martine", "Brigitte", "Chantal", "Agnès", "Béatrice", "Cécile", "Corinne", "Patricia",
    "Virginie", "Audrey", "Mélanie", "Laetitia", "Géraldine", "Muriel", "Odile", "Solène",
    "Maëlle", "Gwenaëlle", "Nadia", "Samia", "Fatima", "Yasmina", "Josiane", "Monique",
    "Françoise", "Danielle", "Évelyne", "Annick", "Ghislaine", "Mireille", "Régine", "Armelle",
    "Bénédicte", "Clémence", "Justine", "Manon", "Marion", "Noémie", "Océane", "Léa", "Chloé",
    "Marie-Claude", "Marie-Hélène", "Anne-Laure", "Anne-Sophie", "Marie-Christine", "Marie-Pierre",
    "Anne-Marie", "Marie-Noëlle", "Marie-France", "Marie-Josée",
];

#[rustfmt::skip]
const MALE: &[&str] = &[
    "Jean", "Pierre", "Michel", "Philippe", "Alain", "Patrick", "Nicolas", "Christophe",
    "Stéphane", "Laurent", "Frédéric", "Éric", "David", "Olivier", "Thierry", "Pascal", "Bruno",
    "Didier", "Gilles", "Sébastien", "Julien", "Vincent", "François", "Jérôme", "Thomas",
    "Guillaume", "Antoine", "Mathieu", "Benoît", "Hervé", "Dominique", "Denis", "Yves", "Gérard",
    "Bernard", "Serge", "Daniel", "Joël", "Lionel", "Fabrice", "Cédric", "Xavier", "Arnaud",
    "Emmanuel", "Grégory", "Ludovic", "Romain", "Damien", "Maxime", "Hugo", "Yann", "Erwan",
    "Gaël", "Loïc", "Karim", "Mehdi", "Rachid", "Hamid", "Franck", "Régis", "Gaëtan", "Jacky",
    "Jean-Pierre", "Jean-Luc", "Jean-Marc", "Jean-Claude", "Jean-François", "Jean-Michel",
    "Jean-Baptiste", "Pierre-Yves", "Jean-Louis", "Jean-Paul", "Jean-Yves", "Pierre-Olivier",
];

#[rustfmt::skip]
const SURNAMES: &[&str] = &[
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
    "Muller", "Lefèvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier",
    "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément",
    "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand", "Duval",
    "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun",
    "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud",
    "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron",
    "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier",
    "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq",
    "Guillaume", "Lecomte", "Lopez", "Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier",
    "Sanchez", "Dupuis", "Moulin", "Louis", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher",
    "Fleury", "Royer", "Klein", "Jacquet", "Adam", "Paris", "Poirier", "Marty", "Aubry", "Guyot",
    "Carré", "Charles", "Renault", "Charpentier", "Ménard", "Maillard", "Baron", "Bertin",
    "Bailly", "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet", "Léger", "Bouvier", "Julien",
    "Prévost", "Millet", "Perrot", "Daniel", "Le Roux", "Cousin", "Germain", "Breton", "Besson",
    "Langlois", "Rémy", "Le Goff", "Pelletier", "Lebrun", "Chauvin", "Tessier", "Hamon", "Le Bras",
    "Le Guen", "Le Floch", "Le Corre", "Kerhervé", "Le Bihan", "Tanguy", "Guégan", "Quéré",
    "de La Tour", "de Villiers", "d'Aubigné", "de Penanros", "du Plessis", "de Rosnay", "Delpech",
    "Sarrazin", "Laffargue", "Ducasse", "Etcheverry", "Larrieu", "Castagné", "Bouchereau",
    "Gaborit", "Grolleau", "Pénisson", "Rabineau", "Pineau", "Auberger", "Charasse", "Verhaeghe",
    "Hennebelle", "Carlier", "Vandenbussche", "Dewitte", "Lemaître", "Santoni", "Orsini",
    "Pozzo di Borgo", "Casanova", "Mattei", "Hoarau", "Grondin", "Técher", "Mendy", "Benali",
    "Haddad", "Nguyen", "Da Silva", "Ferreira", "Dos Santos", "Lopes", "Marchetti", "Bianchi",
    "Weber", "Fischer", "Wagner", "Zimmermann", "Keller", "Hoffmann", "Lagarde", "Delmas",
    "Couderc", "Bousquet", "Cazenave", "Berdoulat", "Darrigade", "Capdevielle",
];

/// Particles kept in lower case when a surname is written in capitals.
const PARTICLES: &[&str] = &["de ", "du ", "d'", "di "];

impl Person {
    /// A person with a random name and gender.
    pub fn draw(rng: &mut Rng) -> Person {
        let gender = if rng.chance(0.5) {
            Gender::Female
        } else {
            Gender::Male
        };
        let given = match gender {
            Gender::Female => *rng.pick(FEMALE),
            Gender::Male => *rng.pick(MALE),
        };
        Person {
            given,
            surname: SURNAMES[rng.below(SURNAMES.len())],
            gender,
        }
    }

    /// `n` people with distinct surnames and given names.
    pub fn draw_many(rng: &mut Rng, n: usize) -> Vec<Person> {
        let mut people: Vec<Person> = Vec::with_capacity(n);
        while people.len() < n {
            let p = Person::draw(rng);
            if people
                .iter()
                .all(|q| q.surname != p.surname && q.given != p.given)
            {
                people.push(p);
            }
        }
        people
    }

    /// "Anne Le Goff".
    pub fn natural(&self) -> String {
        format!("{} {}", self.given, self.surname)
    }

    /// "Anne LE GOFF", "Anne de LA TOUR": the surname in capitals, a leading
    /// particle kept in lower case.
    pub fn caps(&self) -> String {
        let particle = PARTICLES
            .iter()
            .find(|p| self.surname.starts_with(**p))
            .map_or("", |p| &self.surname[..p.len()]);
        let rest = &self.surname[particle.len()..];
        format!("{} {particle}{}", self.given, rest.to_uppercase())
    }

    /// The name as a document writes it: natural case mostly, surname in capitals
    /// sometimes.
    pub fn written(&self, rng: &mut Rng, caps_share: f64) -> String {
        if rng.chance(caps_share) {
            self.caps()
        } else {
            self.natural()
        }
    }

    /// "Madame" or "Monsieur".
    pub fn civility(&self) -> &'static str {
        self.pick("Madame", "Monsieur")
    }

    /// The feminine or masculine form.
    pub fn pick<'a>(&self, female: &'a str, male: &'a str) -> &'a str {
        match self.gender {
            Gender::Female => female,
            Gender::Male => male,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_stay_lower_case_in_capitals() {
        let p = Person {
            given: "Anne",
            surname: "de La Tour",
            gender: Gender::Female,
        };
        assert_eq!(p.caps(), "Anne de LA TOUR");
        let q = Person {
            given: "Yann",
            surname: "Le Goff",
            gender: Gender::Male,
        };
        assert_eq!(q.caps(), "Yann LE GOFF");
        assert_eq!(q.natural(), "Yann Le Goff");
    }
}
