//! Duration rules ("pour une durée de 4 ans", "pour quatre années", "pour les 3
//! prochaines années", "48 mois") -> value and unit, as stated (never computed from
//! the period). Number words and unit words are tables in `rules/lexicon/numbers.toml`.

use super::dates::number;
use crate::record::{Duration, DurationUnit};
use crate::resolve::choose::choose;
use crate::rules::trace::{Considered, Unusable};
use crate::rules::{Match, RuleSet};
use std::fmt;

struct Stated(u32, DurationUnit);

impl fmt::Display for Stated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.0, unit_name(self.1))
    }
}

/// The best stated duration.
pub fn extract(matches: &[Match<'_, '_>], rules: &RuleSet) -> (Option<Duration>, Vec<Considered>) {
    let choice = choose(matches, |m| read(m, rules));
    let duration = choice
        .chosen
        .map(|(Stated(value, unit), evidence)| Duration {
            value,
            unit,
            evidence,
        });
    (duration, choice.considered)
}

fn read(m: &Match<'_, '_>, rules: &RuleSet) -> Result<Stated, Unusable> {
    let lex = rules.lexicon();
    // an adjective states the years itself ("une convention quinquennale")
    if let Some(adjective) = m.get("adjective") {
        let years = lex
            .duration_adjective
            .lookup(adjective)
            .ok_or(Unusable::UnknownWord)?;
        return Ok(Stated(*years, DurationUnit::Year));
    }
    let value = number(m, "number", &|w| lex.number.lookup(w).map(|&n| n.into()))?
        .ok_or(Unusable::UnknownWord)?;
    let unit = *m
        .get("unit")
        .and_then(|u| lex.duration_unit.lookup(u))
        .ok_or(Unusable::UnknownWord)?;
    let max = match unit {
        DurationUnit::Year => 12,
        DurationUnit::Month => 144,
    };
    if value < 1 || value > max {
        return Err(Unusable::Implausible);
    }
    Ok(Stated(value as u32, unit))
}

fn unit_name(unit: DurationUnit) -> &'static str {
    match unit {
        DurationUnit::Year => "year",
        DurationUnit::Month => "month",
    }
}

/// `4 year`, `48 month`.
pub fn display(d: &Duration) -> String {
    Stated(d.value, d.unit).to_string()
}
