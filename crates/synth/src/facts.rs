//! A scenario's facts as the words templates use: every slot a template may name
//! (`{caf}`, `{of_partner}`, `{date}`, `{span}`, ...), computed once per document.
//!
//! The forms are drawn once too, so that a document names the CAF and writes its
//! dates consistently.

use super::french::{self, at_place, capitalize, of_place, thousands};
use super::rng::Rng;
use super::scenario::{of, Scenario, Signatory, Territory};
use super::template::{self, Slots};
use ctg_core::calendar::CivilDate;

/// The slots of one document.
#[derive(Debug)]
pub struct Facts {
    slots: Vec<Slot>,
}

impl Facts {
    /// The words of `s`, in forms drawn with `rng`.
    pub fn new(rng: &mut Rng, s: &Scenario) -> Facts {
        let signing_date = signing_date(rng, s);
        let mut slots = party_slots(s);
        slots.extend(place_slots(s));
        slots.extend(date_slots(s, signing_date));
        slots.extend(people_slots(rng, s));
        slots.extend([
            ("families", thousands(s.families)),
            ("children", thousands(s.families * 3 / 5)),
            (
                "millions",
                format!("{},{}", 1 + s.families / 2000, s.families % 10),
            ),
            ("axes_count", french::number(s.axes.len() as u32)),
            (
                "Axes_count",
                capitalize(&french::number(s.axes.len() as u32)),
            ),
            (
                "axes",
                join(&s.axes.iter().map(|a| a.label).collect::<Vec<_>>()),
            ),
            ("n", rng.range(8, 30).to_string()),
            ("n2", rng.range(31, 48).to_string()),
            ("year", (s.start.year + rng.range(1, 2) as i32).to_string()),
            ("phone", phone(rng)),
        ]);
        Facts { slots }
    }

    /// The template expanded with these facts.
    pub fn say(&self, rng: &mut Rng, template: &str) -> String {
        self.say_with(rng, template, &[])
    }

    /// One of `templates`, expanded with these facts.
    pub fn say_any(&self, rng: &mut Rng, templates: &[&str]) -> String {
        let template = templates[rng.below(templates.len())];
        self.say(rng, template)
    }

    /// The template expanded with these facts and `extra` slots.
    pub fn say_with(&self, rng: &mut Rng, template: &str, extra: &Slots) -> String {
        let mut slots: Vec<(&str, &str)> = extra.to_vec();
        slots.extend(self.slots.iter().map(|(k, v)| (*k, v.as_str())));
        template::expand(rng, template, &slots)
    }

    /// One slot's value.
    pub fn get(&self, name: &str) -> &str {
        self.slots
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("fact `{name}` is not set"))
    }
}

type Slot = (&'static str, String);

/// The CAF and the territory: "la Caf de l'Allier", "de la Caf de l'Allier", ...
fn party_slots(s: &Scenario) -> Vec<Slot> {
    let caf = s.caf().the.clone();
    let partner = s.partner().the.clone();
    vec![
        ("Caf", capitalize(&caf)),
        ("of_caf", of(&caf)),
        ("caf_name", caf.trim_start_matches("la ").to_string()),
        ("caf", caf),
        ("caf_formal", s.caf().formal.clone()),
        ("caf_short", s.caf().anaphor.to_string()),
        ("Partner", capitalize(&partner)),
        ("of_partner", of(&partner)),
        (
            "partner_name",
            capitalize(partner.trim_start_matches("la ")),
        ),
        ("partner", partner),
        ("partner_short", s.partner().anaphor.to_string()),
    ]
}

/// The department, the seat and the communes named, with their prepositions.
fn place_slots(s: &Scenario) -> Vec<Slot> {
    let named: Vec<&str> = s.named.iter().map(|c| c.name).collect();
    let second = named.get(1).copied().unwrap_or(s.seat.name);
    let members = match &s.territory {
        Territory::Epci(_, members) => members.len() as u32,
        Territory::Commune(_) => 1,
    };
    vec![
        ("dep", s.dep.name.to_string()),
        (
            "of_dep",
            french::with_charniere(s.dep.charniere, s.dep.name),
        ),
        ("seat", s.seat.name.to_string()),
        ("at_seat", at_place(s.seat.name)),
        ("of_seat", of_place(s.seat.name)),
        ("commune", named[0].to_string()),
        ("at_commune", at_place(named[0])),
        ("of_commune", of_place(named[0])),
        ("commune2", second.to_string()),
        ("at_commune2", at_place(second)),
        ("communes", join(&named)),
        (
            "at_communes",
            join(&named.iter().map(|c| at_place(c)).collect::<Vec<_>>()),
        ),
        ("members", members.to_string()),
        ("members_word", french::number(members)),
    ]
}

/// The signing date (`date`: as this document writes it), the period and the
/// distracting dates.
fn date_slots(s: &Scenario, date: String) -> Vec<Slot> {
    vec![
        ("date", date),
        ("sign_long", french::long(s.signing)),
        ("sign_wd", french::with_weekday(s.signing)),
        ("published", french::long(s.published)),
        ("published_wd", french::with_weekday(s.published)),
        ("published_num", french::numeric(s.published)),
        ("span", s.span()),
        ("start", s.start.year.to_string()),
        ("end", s.end.year.to_string()),
        (
            "mid",
            (s.start.year + 1 + (s.years as i32 - 1) / 2).to_string(),
        ),
        ("before", (s.start.year - 4).to_string()),
        ("before_end", (s.start.year - 1).to_string()),
        ("years", s.years.to_string()),
        ("years_word", french::number(s.years)),
        ("months", (s.years * 12).to_string()),
        ("deliberation", french::long(s.deliberation)),
        ("deliberation_dm", french::day_month(s.deliberation)),
        ("committee", french::day_month(s.committee)),
        ("committee_long", french::long(s.committee)),
        ("event", french::weekday_no_year(s.event)),
        ("event_long", french::with_weekday(s.event)),
    ]
}

/// The people who do not sign, and the signatory quoted.
fn people_slots(rng: &mut Rng, s: &Scenario) -> Vec<Slot> {
    vec![
        ("journalist", s.journalist.natural()),
        ("photographer", s.photographer.natural()),
        ("witness", s.witness.0.natural()),
        ("witness_role", s.witness.1.clone()),
        ("speaker", speaker(rng, s).person.natural()),
    ]
}

/// The signing date as this document writes it: mostly with its year, with or
/// without the weekday; sometimes without the year (the publication date then
/// decides it), sometimes in figures.
fn signing_date(rng: &mut Rng, s: &Scenario) -> String {
    let same_year = s.published.year == s.signing.year;
    let draw = rng.below(20);
    match draw {
        0..=7 => french::long(s.signing),
        8..=14 => french::with_weekday(s.signing),
        15..=16 if same_year => french::weekday_no_year(s.signing),
        17 => french::numeric(s.signing),
        _ => with_weekday_or_long(rng, s.signing),
    }
}

fn with_weekday_or_long(rng: &mut Rng, date: CivilDate) -> String {
    if rng.chance(0.5) {
        french::with_weekday(date)
    } else {
        french::long(date)
    }
}

/// The signatory quoted in the text: the territory's, or else the first.
pub fn speaker(rng: &mut Rng, s: &Scenario) -> Signatory {
    let pick = if rng.chance(0.6) {
        s.signatories.iter().find(|g| g.party == 1)
    } else {
        None
    };
    pick.unwrap_or(&s.signatories[0]).clone()
}

/// A French phone number: "02 41 37 00 12".
fn phone(rng: &mut Rng) -> String {
    let mut number = format!("0{}", rng.range(1, 5));
    for _ in 0..4 {
        number.push_str(&format!(" {:02}", rng.range(0, 99)));
    }
    number
}

/// "A", "A et B", "A, B et C".
pub fn join<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} et {}", head.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_join_with_commas_and_et() {
        assert_eq!(join(&["A"]), "A");
        assert_eq!(join(&["A", "B"]), "A et B");
        assert_eq!(join(&["A", "B", "C"]), "A, B et C");
    }
}
