//! Scopes: passages of the text where matches of another field count. Party
//! scopes hold the places that are parties; axis scopes the axes that are fields
//! of the convention. The mechanism is the same for both.
//!
//! A `party` rule says which passages count: `sentence` (the sentence around the
//! match: "... ont signé une convention ..."), `span` (the match itself: "Pierre
//! Martin, maire de X") or `block` (the match itself, and when a document has a
//! block, such as the "Entre ... Et ..." of a convention, only blocks count).
//! A `span` rule's `scope` capture, when it has one, is the passage instead of
//! the whole match.
//! `sentence_and_previous` is the sentence around the match and the one before
//! it: a signing told of a collective subject ("Tous ont signé") whose parties
//! the sentence before named.
//! Veto rules cancel the sentence around them ("n'est donc pas signataire");
//! a `span` veto cancels only its match (or its `scope` capture), a hole in
//! whatever scope holds it ("... avait signé une première convention avec les
//! communes de A et de B": the subject of the sentence still counts).

use super::spans::Spans;
use crate::record::RuleId;
use crate::rules::lexicon::WordSet;
use crate::rules::trace::{Considered, Status};
use crate::rules::{Match, RuleKind};
use std::cell::OnceCell;
use std::ops::Range;

/// The byte ranges of the text whose places are parties.
#[derive(Debug, Default, Clone)]
pub struct Scopes {
    ranges: Vec<Range<usize>>,
    /// Passages cancelled by a `span` veto, inside whatever scope.
    holes: Vec<Range<usize>>,
    /// Sentences a veto cancelled ("le comité de pilotage s'est réuni en
    /// présence de X"): what they name is about something else.
    barred: Vec<Range<usize>>,
    barred_index: OnceCell<Spans>,
    /// The ranges sorted, made on the first question: every place and
    /// person of a long text asks, and a walk over all the ranges for each
    /// took time quadratic in the text.
    index: OnceCell<Spans>,
    holes_index: OnceCell<Spans>,
}

impl Scopes {
    /// One scope over a whole text of `len` bytes but for what the vetoes of
    /// `vetoed` cancelled: their sentences and spans are holes in it. A
    /// passage of a round-up tells one signing, whose places and people all
    /// belong to it, but for those its own vetoes set apart ("Le maire de X
    /// assistait à la signature").
    pub fn whole_but(len: usize, vetoed: &Scopes) -> Scopes {
        Scopes {
            ranges: std::iter::once(0..len).collect(),
            holes: (vetoed.holes.iter())
                .chain(&vetoed.barred)
                .cloned()
                .collect(),
            ..Scopes::default()
        }
    }

    /// Adds a scope.
    pub fn add(&mut self, range: Range<usize>) {
        self.ranges.push(range);
        self.index.take();
    }

    /// Cancels a passage inside whatever scope holds it.
    pub fn cut(&mut self, range: Range<usize>) {
        self.holes.push(range);
        self.holes_index.take();
    }

    /// Whether the byte range `r` lies in a sentence a veto cancelled.
    pub fn barred(&self, r: &Range<usize>) -> bool {
        !self.barred.is_empty()
            && (self.barred_index)
                .get_or_init(|| Spans::new(self.barred.iter().cloned()))
                .covers(r.start, r.end)
    }

    /// Whether the byte range `r` touches a passage a veto cut out of the
    /// scopes ("Présents" and the list under it, in minutes).
    pub fn cut_out(&self, r: &Range<usize>) -> bool {
        !self.holes.is_empty()
            && (self.holes_index)
                .get_or_init(|| Spans::new(self.holes.iter().cloned()))
                .overlaps(r.start, r.end)
    }

    /// Whether the byte range `r` lies inside a scope and touches no hole.
    pub fn contains(&self, r: &Range<usize>) -> bool {
        (self.index)
            .get_or_init(|| Spans::new(self.ranges.iter().cloned()))
            .covers(r.start, r.end)
            && !self.cut_out(r)
    }
}

/// The scopes the party rules' matches define in `text`. `blocks_rule`: the
/// document is a convention's text (or an amendment's), whose block of
/// parties, when it has one, is the only place that names them; elsewhere a
/// block's match ("La commune de X, représentée par son maire, ..." in a
/// report) is a span like any other.
pub fn extract(
    matches: &[Match],
    sentences: &Sentences,
    text: &str,
    blocks_rule: bool,
) -> (Scopes, Vec<Considered>) {
    let is_span = |m: &Match| m.rule.value.as_deref() == Some("span");
    let vetoed: Vec<(&RuleId, Range<usize>)> = matches
        .iter()
        .filter(|m| m.rule.kind == RuleKind::Veto && !is_span(m))
        .map(|m| (&m.rule.id, sentences.around(m.range.clone())))
        .collect();
    let is_block = |m: &Match| m.rule.value.as_deref() == Some("block");
    let has_block = blocks_rule
        && matches
            .iter()
            .any(|m| m.rule.kind == RuleKind::Extract && is_block(m));
    let mut scopes = Scopes {
        barred: vetoed.iter().map(|(_, r)| r.clone()).collect(),
        ..Scopes::default()
    };
    let mut considered = Vec::new();
    for m in matches {
        let value = m.rule.value.as_deref().unwrap_or("sentence");
        // what a veto must cover: a sentence itself, even when the list its
        // colon opens widens the passage ("Une CTG peut tout couvrir, ...,
        // mais les élus ont retenu deux priorités :\n- ..."); else the passage
        let mut own = None;
        let range = match value {
            "sentence" => {
                let sentence = sentences.around(m.range.clone());
                own = Some(sentence.clone());
                sentences.with_list(text, sentence)
            }
            // "Tous ont paraphé la convention": the parties are those of the
            // sentence before
            "sentence_and_previous" => {
                // (the sentence of the match's end: the match may open with the
                // full stop that ends the sentence before)
                let own = sentences.around(m.range.end.saturating_sub(1)..m.range.end);
                let before = sentences.around(own.start.saturating_sub(1)..own.start);
                before.start.min(own.start)..own.end
            }
            // a `scope` capture narrows a span to the words that are the
            // passage ("\A...(?P<scope>Commune de X)": the heading's body)
            _ => m
                .captures
                .get("scope")
                .map_or_else(|| m.range.clone(), |c| c.range.clone()),
        };
        let own = own.unwrap_or_else(|| range.clone());
        let veto = vetoed
            .iter()
            .find(|(_, v)| v.start <= own.start && own.end <= v.end);
        let status = match veto {
            _ if m.rule.kind == RuleKind::Veto => {
                if is_span(m) {
                    scopes.cut(range);
                }
                Status::Veto
            }
            _ if has_block && !is_block(m) => Status::Outranked,
            Some((by, _)) => Status::Vetoed { by: (*by).clone() },
            None => {
                scopes.add(range);
                Status::Chosen
            }
        };
        considered.push(Considered {
            evidence: m.evidence.clone(),
            priority: m.rule.priority,
            value: Some(value.to_string()),
            status,
        });
    }
    (scopes, considered)
}

/// Where the sentences of a text start. Sentences end at a blank line, a page
/// break, a line that starts with a bullet, and at `.`, `!` or `?` followed by a
/// capital (unless the word before is an abbreviation such as `M.` or `Mme.`).
#[derive(Debug, Clone)]
pub struct Sentences {
    starts: Vec<usize>,
    len: usize,
}

impl Sentences {
    /// Splits `text`; a full stop after one of the `abbreviations` ends no
    /// sentence ("M. Dupont").
    pub fn new(text: &str, abbreviations: &WordSet) -> Sentences {
        Sentences {
            starts: sentence_starts(text, abbreviations).collect(),
            len: text.len(),
        }
    }

    /// `range` (a sentence of `text`), and when it ends with a colon, the
    /// bullet lines that follow it: "Les maires des communes signataires
    /// avaient fait le déplacement :" and its list of mayors.
    pub fn with_list(&self, text: &str, range: Range<usize>) -> Range<usize> {
        if !text[range.clone()].trim_end().ends_with(':') {
            return range;
        }
        let (mut end, mut items, mut skipped_blank) = (range.end, 0, false);
        let (mut last_ended_clause, mut stopped_at_blank) = (false, false);
        loop {
            let rest = &text[end..];
            let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
            let line = rest[..line_end].trim();
            if line_end == 0 {
                break;
            }
            // one blank line may stand between the colon and the list
            if line.is_empty() {
                if items > 0 || skipped_blank {
                    stopped_at_blank = items > 0;
                    break;
                }
                skipped_blank = true;
                end += line_end;
                continue;
            }
            if !is_list_item(line) {
                // a list of clauses ends with its last one: "...maire de
                // Lamoura ;" then "et, pour la Caf, son directeur, Paul Roy."
                if last_ended_clause && line.chars().count() <= LONG_ITEM {
                    end += line_end;
                    items += 1;
                }
                break;
            }
            last_ended_clause = line.ends_with(';');
            end += line_end;
            items += 1;
        }
        if items == 0 {
            return range;
        }
        // entries of two lines or more, a blank line between them ("Paul
        // Roy" over "Maire de Vire", then "Anne Vidal" over "Directrice de
        // la Caf"): the list goes on while the blocks keep the first's shape
        // entries of one bullet line each, a blank line between them, go on
        // the same way while each is a bullet line
        let bulleted = items == 1 && starts_with_bullet(text[range.end..end].trim_start());
        if stopped_at_blank && (items >= 2 || bulleted) {
            while let Some(block_end) = same_shape_block(text, end, items, bulleted) {
                end = block_end;
            }
        }
        range.start..end
    }

    /// The byte range of the sentence(s) around the byte range `r`.
    pub fn around(&self, r: Range<usize>) -> Range<usize> {
        let first = self.starts.partition_point(|&s| s <= r.start);
        let start = self.starts[first.saturating_sub(1)];
        let last = self.starts.partition_point(|&s| s < r.end.max(start + 1));
        let end = self.starts.get(last).copied().unwrap_or(self.len);
        start..end
    }
}

/// A line of a list: it starts with a bullet, or it is short and ends no
/// sentence ("Saint-Amé", "M. Paul Roy, maire de Vecoux").
/// After the blank line at `from`, a block of exactly `lines` list items
/// (bullet lines, when `bullets`) that a blank line or the end of the text
/// closes: where it ends.
fn same_shape_block(text: &str, from: usize, lines: usize, bullets: bool) -> Option<usize> {
    let mut rest = text[from..].split_inclusive('\n');
    let mut end = from + rest.next().filter(|l| l.trim().is_empty())?.len();
    for _ in 0..lines {
        let line = rest.next()?;
        let item = if bullets {
            starts_with_bullet(line.trim())
        } else {
            is_list_item(line.trim())
        };
        if !item || line.trim().is_empty() {
            return None;
        }
        end += line.len();
    }
    rest.next()
        .is_none_or(|l| l.trim().is_empty())
        .then_some(end)
}

/// The longest line a list of clauses ("Paul Roy, président de la Communauté
/// de communes de la Station des Rousses ;") holds as one item.
const LONG_ITEM: usize = 200;

/// Whether a line under a colon is one of its list's items: a bullet line, a
/// short line that no sentence's end closes, or a clause a semicolon ends.
fn is_list_item(line: &str) -> bool {
    let chars = line.chars().count();
    starts_with_bullet(line)
        || (chars <= 80 && !line.ends_with(['.', '!', '?', ':']))
        || (chars <= LONG_ITEM && line.ends_with(';'))
}

/// Byte offsets where sentences start (the first is 0).
fn sentence_starts<'t>(
    text: &'t str,
    abbreviations: &'t WordSet,
) -> impl Iterator<Item = usize> + 't {
    let bytes = text.as_bytes();
    std::iter::once(0).chain((1..bytes.len()).filter(move |&i| {
        let prev = bytes[i - 1];
        let c = bytes[i];
        if c == b' ' || c == b'\n' {
            return false;
        }
        // start of a line after a blank line, a page break, or a bullet line
        if prev == b'\n' || prev == b'\x0c' {
            let blank = i >= 2 && matches!(bytes[i - 2], b'\n' | b'\x0c');
            return blank || prev == b'\x0c' || starts_with_bullet(&text[i..]);
        }
        // after ". " (or "! ", "? ") and before a capital
        prev == b' ' && after_full_stop(text, i, abbreviations)
    }))
}

/// Whether a sentence ends before byte `i`: a capital after a full stop (or
/// "!", "?") that is no abbreviation's ("M. Dupont"), and a space. A quote
/// may close before the space or open after it ("... de ce contrat. « Ce
/// CEJ nous a permis ...", "... a-t-il dit. » Le maire ..."). A full stop
/// then a single line break is not counted: round-up passages are cut by
/// blank lines, and counting it moved them.
fn after_full_stop(text: &str, i: usize, abbreviations: &WordSet) -> bool {
    let head = text[..i - 1].trim_end();
    let head = match head.strip_suffix(['»', '"']) {
        Some(quoted) => quoted.trim_end(),
        None => head,
    };
    let ends_sentence =
        head.ends_with(['.', '!', '?']) && !ends_with_abbreviation(head, abbreviations);
    let rest = &text[i..];
    let rest = match rest.strip_prefix(['«', '"']) {
        Some(quote) => quote.trim_start(),
        None => rest,
    };
    ends_sentence && rest.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a line opens with a list bullet.
pub(super) fn starts_with_bullet(line: &str) -> bool {
    line.starts_with([
        '–', '-', '•', '*', '—', '►', '·', '▪', '→', '➔', '➢', '▶', '■', '◆', '●', '✓', '✔',
    ])
}

/// Whether the word before the final full stop of `head` is an abbreviation
/// (a single capital, an initial, or a word of the table).
fn ends_with_abbreviation(head: &str, abbreviations: &WordSet) -> bool {
    let word = head[..head.len() - 1]
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_capital || abbreviations.lookup(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn around<'t>(text: &'t str, word: &str) -> &'t str {
        let at = text.find(word).unwrap();
        let abbreviations = WordSet::new(["m", "mme", "cf"].map(|w| (w.to_string(), ())));
        &text[Sentences::new(text, &abbreviations).around(at..at + word.len())]
    }

    #[test]
    fn sentences_end_at_periods_before_capitals_but_not_after_abbreviations() {
        let text = "Premier point. M. Dupont, maire de Rouperroux, a signé. Fin.";
        assert_eq!(
            around(text, "Rouperroux"),
            "M. Dupont, maire de Rouperroux, a signé. "
        );
        let text = "Il a signé le contrat. « Ce contrat a aidé Vire », dit-il. » Le maire parle.";
        assert_eq!(around(text, "signé"), "Il a signé le contrat. ");
        assert_eq!(
            around(text, "Vire"),
            "« Ce contrat a aidé Vire », dit-il. » "
        );
        let text = "Titre\n\nLigne un\nsuite de la ligne.\n– puce un ;\n– puce deux.";
        assert_eq!(around(text, "suite"), "Ligne un\nsuite de la ligne.\n");
        assert_eq!(around(text, "deux"), "– puce deux.");
        assert_eq!(around(text, "Titre"), "Titre\n\n");
    }

    #[test]
    fn a_cut_passage_leaves_the_rest_of_its_scope() {
        let mut scopes = Scopes::whole_but(100, &Scopes::default());
        assert!(scopes.contains(&(10..20)));
        scopes.cut(40..60);
        assert!(scopes.contains(&(10..20)));
        assert!(scopes.contains(&(60..70)));
        assert!(!scopes.contains(&(45..50)));
        assert!(
            !scopes.contains(&(35..41)),
            "a place that runs into the hole"
        );
        let mut none = Scopes::default();
        none.cut(0..10);
        assert!(!none.contains(&(20..30)));
    }

    #[test]
    fn a_sentence_ending_with_a_colon_takes_the_list_under_it() {
        let abbreviations = WordSet::new(["m"].map(|w| (w.to_string(), ())));
        let with_list = |text: &str| {
            let sentences = Sentences::new(text, &abbreviations);
            let range = sentences.with_list(text, sentences.around(0..2));
            text[range].to_string()
        };
        let text = "La Caf a signé avec ses communes :\n\nÉloyes\nVecoux\n\nUn autre paragraphe.";
        assert_eq!(
            with_list(text),
            "La Caf a signé avec ses communes :\n\nÉloyes\nVecoux\n"
        );
        let text = "Ont signé :\n– M. Paul Roy, maire ;\n– Anne Vidal.\nLa suite du texte est une longue phrase qui se termine par un point.";
        assert_eq!(
            with_list(text),
            "Ont signé :\n– M. Paul Roy, maire ;\n– Anne Vidal.\n"
        );
        let text = "Ont signé :\n\nPaul Roy, président de la Communauté de communes de la Station des Rousses-Haut Jura ;\nAnne Vidal, maire de Prémanon ;\net, pour la Caf du Jura, son directeur, Luc Petit.\nUne phrase qui suit la liste.";
        assert_eq!(
            with_list(text),
            "Ont signé :\n\nPaul Roy, président de la Communauté de communes de la Station des Rousses-Haut Jura ;\nAnne Vidal, maire de Prémanon ;\net, pour la Caf du Jura, son directeur, Luc Petit.\n"
        );
        let text = "Ont signé :\n\nPaul Roy\nMaire de Vire\n\nAnne Vidal\nDirectrice de la Caf\n\nLes priorités\n\nLa suite.";
        assert_eq!(
            with_list(text),
            "Ont signé :\n\nPaul Roy\nMaire de Vire\n\nAnne Vidal\nDirectrice de la Caf\n"
        );
        let text = "Trois priorités :\n\n→ Petite enfance : ouvrir une crèche à horaires atypiques pour les parents.\n\n→ Jeunesse : accompagner les projets des ados du secteur.\n\nCe que change la CTG\n\nLa suite.";
        assert_eq!(
            with_list(text),
            "Trois priorités :\n\n→ Petite enfance : ouvrir une crèche à horaires atypiques pour les parents.\n\n→ Jeunesse : accompagner les projets des ados du secteur.\n"
        );
        let text = "Objectifs :\n\nLa convention vise à mieux coordonner les actions menées pour les familles.";
        assert_eq!(with_list(text), "Objectifs :\n\n");
    }
}
