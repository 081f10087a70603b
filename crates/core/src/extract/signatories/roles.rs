//! Roles: the words after (or before) a name that say what the person is
//! ("directrice de la Caf de la Loire", "1ère adjointe à la jeunesse et aux
//! sports", "président du conseil d'administration"), read with the lexicon:
//! a `role_word` opens the role (and gives its code), complements and fields
//! follow ("du conseil d'administration", "déléguée à la petite enfance"), and
//! the body starts after a `body_preposition` or a comma, at an `org_head` or
//! a capitalized name.

use super::bodies::{head_at, org_at, NameStarts, Org};
use super::tokens::{hard_stop, phrase_at, words_at, Token};
use crate::record::RoleCode;
use crate::rules::lexicon::{Lexicon, PartyKind, Words};
use std::ops::Range;

/// A role and body read from the words after or before a name.
#[derive(Debug, Default)]
pub(super) struct RoleParse {
    /// The role's words and code.
    pub role: Option<(Range<usize>, RoleCode)>,
    /// The body read with it.
    pub org: Option<Org>,
    /// The kind of party the role implies ("1ère adjointe" -> the commune).
    pub hint: Option<PartyKind>,
    /// Another kind of party the role may be of, when such a body is named
    /// before the person ("vice-présidente chargée" -> the département).
    pub also: Option<PartyKind>,
}

/// Reads a role and its body from `toks` (the words of a `role` capture);
/// `names` are where other people's names start.
pub(super) fn parse_role(lex: &Lexicon, toks: &[Token], names: NameStarts) -> RoleParse {
    let mut i = 0;
    while let Some(n) = words_at(&lex.role_determiner, toks, i) {
        i += n;
    }
    // an ordinal belongs to the role that follows it ("3e vice-présidente"),
    // unless the role word itself starts with it ("1ère adjointe")
    let ordinal = words_at(&lex.ordinal, toks, i).filter(|&n| {
        phrase_at(&lex.role_word, toks, i).is_none()
            && phrase_at(&lex.role_word, toks, i + n).is_some()
    });
    let role_at = i + ordinal.unwrap_or(0);
    let Some((n, code)) = phrase_at(&lex.role_word, toks, role_at) else {
        return body_only(lex, toks, i, names);
    };
    let mut reader = Reader {
        lex,
        toks,
        names,
        end: toks[role_at + n - 1].range.end,
        i: role_at + n,
        in_list: false,
        org: None,
    };
    let start = toks[i].range.start;
    while reader.i < toks.len() && reader.step() {}
    let end = reader.end;
    // a director's "adjointe" implies no party
    let within = toks.partition_point(|t| t.range.end <= end);
    let first = toks.partition_point(|t| t.range.start < start);
    let kind = |table: &Words<PartyKind>| {
        (first..within)
            .filter(|_| *code != RoleCode::Director)
            .find_map(|k| phrase_at(table, &toks[..within], k).map(|(_, v)| *v))
    };
    RoleParse {
        role: Some((start..end, *code)),
        org: reader.org,
        hint: kind(&lex.role_party_kind),
        also: kind(&lex.role_party_kind_also),
    }
}

/// No role word: maybe only a body (", de la CAF", "Caf 23").
fn body_only(lex: &Lexicon, toks: &[Token], i: usize, names: NameStarts) -> RoleParse {
    let j = words_at(&lex.body_preposition, toks, i).map_or(i, |p| i + p);
    let org = org_at(lex, toks, j, names).filter(|o| o.kind.is_some() || j > i);
    RoleParse {
        org,
        ..RoleParse::default()
    }
}

/// The reading of a role, one step at a time.
struct Reader<'a, 'l, 't> {
    lex: &'l Lexicon,
    toks: &'a [Token<'t>],
    names: NameStarts<'a>,
    /// End of the role's words so far.
    end: usize,
    /// The next token.
    i: usize,
    /// Inside a list of fields ("à la jeunesse, aux sports et à la culture").
    in_list: bool,
    /// The body, once read: the role ends there.
    org: Option<Org>,
}

impl Reader<'_, '_, '_> {
    /// Reads what starts at token `i`; false when the role ends there.
    fn step(&mut self) -> bool {
        let t = &self.toks[self.i];
        if hard_stop(t.gap) || self.names.contains(t.range.start) {
            return false;
        }
        // a word that ends a role, as written: the verb "a" ("chargée de
        // l'enfance, a présenté") before the preposition "à" it folds into
        if self.lex.role_end.lookup(t.word).is_some() {
            return false;
        }
        if t.gap == "," && !self.after_comma() {
            return false;
        }
        if self.lex.conjunction.contains_folded(&t.folded) {
            return self.conjunction();
        }
        if let Some(p) = words_at(&self.lex.body_preposition, self.toks, self.i) {
            return self.complement_or_body(p);
        }
        if let Some(p) = words_at(&self.lex.field_preposition, self.toks, self.i) {
            return self.field(p);
        }
        self.other_word()
    }

    /// After a comma the role goes on only in a list of fields; a body's head
    /// word there is the body, which ends the role (", Caf 23").
    fn after_comma(&mut self) -> bool {
        if head_at(self.lex, self.toks, self.i).is_some() {
            self.org = org_at(self.lex, self.toks, self.i, self.names);
            return false;
        }
        let (lex, toks, i) = (self.lex, self.toks, self.i);
        self.in_list
            && (words_at(&lex.body_preposition, toks, i).is_some()
                || words_at(&lex.field_preposition, toks, i).is_some())
    }

    /// "et": more fields ("et à la culture"), or a second role ("et
    /// vice-présidente"), else the end.
    fn conjunction(&mut self) -> bool {
        let (lex, toks, i) = (self.lex, self.toks, self.i);
        let next_preposition = words_at(&lex.field_preposition, toks, i + 1).is_some()
            || (self.in_list && words_at(&lex.body_preposition, toks, i + 1).is_some());
        if next_preposition {
            self.i += 1;
            return true;
        }
        if let Some((m, _)) = phrase_at(&lex.role_word, toks, i + 1) {
            self.end = toks[i + m].range.end;
            self.i += 1 + m;
            return true;
        }
        false
    }

    /// "de ...": a complement of the role ("du conseil d'administration"), the
    /// body ("de la Caf de la Loire"), or a field ("de l'enfance").
    fn complement_or_body(&mut self, p: usize) -> bool {
        let (lex, toks) = (self.lex, self.toks);
        let j = self.i + p;
        let Some(w) = toks.get(j) else { return false };
        if hard_stop(w.gap) || self.names.contains(w.range.start) {
            return false;
        }
        if let Some((c, _)) = phrase_at(&lex.role_complement, toks, j) {
            self.end = toks[j + c - 1].range.end;
            self.i = j + c;
            return true;
        }
        // "du canton du Vigan": the place names the role's division, not its body
        let division = self
            .i
            .checked_sub(1)
            .is_some_and(|k| lex.role_constituency.contains_folded(&toks[k].folded));
        if division && w.capital {
            if let Some(place) = org_at(lex, toks, j, self.names).filter(|o| o.kind.is_none()) {
                self.end = place.range.end;
                self.i = toks.partition_point(|t| t.range.start < place.range.end);
                self.in_list = false;
                return true;
            }
        }
        let is_body = match head_at(lex, toks, j) {
            Some((h, _)) => {
                let named_after = toks
                    .get(j + h)
                    .is_some_and(|x| x.capital && x.gap.is_empty());
                !self.in_list || w.capital || h > 1 || named_after
            }
            None => false,
        };
        if is_body || w.capital {
            self.org = org_at(lex, toks, j, self.names);
            return false;
        }
        self.end = w.range.end;
        self.i = j + 1;
        self.in_list = true;
        true
    }

    /// "à la jeunesse": a field of the role.
    fn field(&mut self, p: usize) -> bool {
        let j = self.i + p;
        let Some(w) = self.toks.get(j) else {
            return false;
        };
        if hard_stop(w.gap) || self.names.contains(w.range.start) {
            return false;
        }
        self.end = w.range.end;
        self.i = j + 1;
        self.in_list = true;
        true
    }

    /// Any other word: an attribute ("chargée"), a body in capitals, a lower-case
    /// word of a field list, or the end (a verb, a pronoun, a participle).
    fn other_word(&mut self) -> bool {
        let lex = self.lex;
        let t = &self.toks[self.i];
        if lex.role_attribute.contains_folded(&t.folded) && !t.capital {
            self.end = t.range.end;
            self.i += 1;
            return true;
        }
        if t.all_caps && t.folded.len() >= 2 {
            self.org = org_at(lex, self.toks, self.i, self.names);
            return false;
        }
        let participle = t.folded.len() > 3
            && lex
                .participle_ending
                .entries()
                .any(|e| t.word.ends_with(e.word.as_str()));
        let goes_on = self.in_list
            && !t.capital
            && (t.gap.is_empty() || t.gap == "-")
            && !lex.role_end.contains_folded(&t.folded)
            && !participle;
        if goes_on {
            self.end = t.range.end;
            self.i += 1;
        }
        goes_on
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokens;
    use super::*;
    use crate::rules::RuleSet;
    use std::sync::OnceLock;

    fn lex() -> &'static Lexicon {
        static RULES: OnceLock<RuleSet> = OnceLock::new();
        RULES
            .get_or_init(|| RuleSet::load(None).expect("built-in rules compile"))
            .lexicon()
    }

    /// (role, code, body, implied kind) read from `text`.
    fn read(
        text: &str,
    ) -> (
        Option<String>,
        Option<RoleCode>,
        Option<String>,
        Option<PartyKind>,
    ) {
        let toks = tokens(text, 0..text.len());
        let p = parse_role(lex(), &toks, NameStarts::NONE);
        (
            p.role.as_ref().map(|(r, _)| text[r.clone()].to_string()),
            p.role.map(|(_, c)| c),
            p.org.map(|o| text[o.range].to_string()),
            p.hint,
        )
    }

    #[test]
    fn a_role_reads_its_complement_then_its_body() {
        let (role, code, body, _) =
            read("président du conseil d'administration de la Caf de la Loire");
        assert_eq!(
            role.as_deref(),
            Some("président du conseil d'administration")
        );
        assert_eq!(code, Some(RoleCode::President));
        assert_eq!(body.as_deref(), Some("Caf de la Loire"));
    }

    #[test]
    fn a_list_of_fields_belongs_to_the_role() {
        let (role, code, body, hint) =
            read("1ère adjointe à la jeunesse et aux sports qui a signé");
        assert_eq!(
            role.as_deref(),
            Some("1ère adjointe à la jeunesse et aux sports")
        );
        assert_eq!(code, Some(RoleCode::DeputyMayor));
        assert_eq!(body, None);
        assert_eq!(
            hint,
            Some(PartyKind::Commune),
            "an adjointe represents the commune"
        );
    }

    #[test]
    fn the_verb_a_after_a_comma_ends_a_list_of_fields() {
        let (role, _, _, _) = read("conseillère déléguée aux seniors, a rappelé les enjeux");
        assert_eq!(role.as_deref(), Some("conseillère déléguée aux seniors"));
        let (role, _, _, _) = read("adjointe à la jeunesse, à la culture et aux sports");
        assert_eq!(
            role.as_deref(),
            Some("adjointe à la jeunesse, à la culture et aux sports")
        );
    }

    #[test]
    fn a_verb_ends_the_role_and_a_comma_may_give_the_body() {
        let (role, _, body, _) = read("directrice, Caf 23");
        assert_eq!(role.as_deref(), Some("directrice"));
        assert_eq!(body.as_deref(), Some("Caf 23"));
        let (role, _, body, _) = read("maire de Carrouges");
        assert_eq!(role.as_deref(), Some("maire"));
        assert_eq!(body.as_deref(), Some("Carrouges"));
        let (role, _, _, _) = read("directrice générale adjointe qui présidait");
        assert!(role.is_some_and(|r| !r.contains("qui")));
    }

    #[test]
    fn a_division_s_place_is_part_of_the_role() {
        let (role, _, body, _) =
            read("conseiller départemental du canton du Vigan, au nom du président");
        assert_eq!(
            role.as_deref(),
            Some("conseiller départemental du canton du Vigan")
        );
        assert_eq!(body, None);
        let (role, _, body, _) =
            read("conseillère départementale du canton de Segré-en-Anjou Bleu");
        assert_eq!(
            role.as_deref(),
            Some("conseillère départementale du canton de Segré-en-Anjou Bleu")
        );
        assert_eq!(body, None);
        let (_, _, body, _) = read("conseillère municipale de Segré-en-Anjou Bleu");
        assert_eq!(
            body.as_deref(),
            Some("Segré-en-Anjou Bleu"),
            "no division: the body"
        );
    }

    #[test]
    fn without_a_role_word_only_a_body_is_read() {
        let (role, _, body, _) = read(", de la CAF");
        assert_eq!(role, None);
        assert_eq!(body.as_deref(), Some("CAF"));
        let (role, _, body, _) = read("au bord du lac");
        assert_eq!((role, body), (None, None));
    }
}
