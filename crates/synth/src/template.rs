//! Sentence templates: `[a|b|c]` picks one alternative (alternatives nest, and
//! may be empty: `[|déjà ]`), `{name}` is replaced by the slot of that name.
//!
//! "La convention [a été signée|a été paraphée] le {date}" gives two phrasings
//! of one fact; the slots carry the facts. Templates are ours: an unknown slot
//! or an unbalanced bracket is a bug, caught by the tests that render documents.

use super::rng::Rng;

/// The slots of a template: name -> text.
pub type Slots<'a> = [(&'a str, &'a str)];

/// The template expanded with `rng` and `slots`.
pub fn expand(rng: &mut Rng, template: &str, slots: &Slots) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    expand_into(&mut out, rng, template, slots);
    out
}

/// Appends the expansion of `template` to `out`.
pub fn expand_into(out: &mut String, rng: &mut Rng, template: &str, slots: &Slots) {
    let bytes = template.as_bytes();
    let mut i = 0;
    let mut literal = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' => {
                out.push_str(&template[literal..i]);
                let (alternatives, end) = group(template, i);
                let chosen = alternatives[rng.below(alternatives.len())];
                expand_into(out, rng, chosen, slots);
                i = end + 1;
                literal = i;
            }
            b'{' => {
                out.push_str(&template[literal..i]);
                let end = i + template[i..].find('}').expect("template slot is closed");
                let name = &template[i + 1..end];
                let value = slots
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| *v)
                    .unwrap_or_else(|| panic!("template slot `{name}` is not given"));
                out.push_str(value);
                i = end + 1;
                literal = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&template[literal..]);
}

/// The alternatives of the group opening at byte `open`, and the byte of its `]`.
fn group(template: &str, open: usize) -> (Vec<&str>, usize) {
    let bytes = template.as_bytes();
    let mut depth = 0;
    let mut start = open + 1;
    let mut alternatives = Vec::new();
    for (i, &b) in bytes.iter().enumerate().skip(open + 1) {
        match b {
            b'[' => depth += 1,
            b']' if depth == 0 => {
                alternatives.push(&template[start..i]);
                return (alternatives, i);
            }
            b']' => depth -= 1,
            b'|' if depth == 0 => {
                alternatives.push(&template[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    panic!("template group is not closed: {template}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternatives_nest_and_slots_fill() {
        let mut rng = Rng::new(3);
        let slots = [("date", "5 mai 2023"), ("caf", "la Caf de l'Orne")];
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..200 {
            let s = expand(
                &mut rng,
                "[Signée|Paraphée[| ici]] le {date} avec {caf}.",
                &slots,
            );
            seen.insert(s);
        }
        let expected = [
            "Paraphée ici le 5 mai 2023 avec la Caf de l'Orne.",
            "Paraphée le 5 mai 2023 avec la Caf de l'Orne.",
            "Signée le 5 mai 2023 avec la Caf de l'Orne.",
        ];
        assert_eq!(seen.into_iter().collect::<Vec<_>>(), expected);
    }
}
