//! The evidence the page links to: for each value of a convention, the
//! passage of each source record it was read from, with some text around it.
//!
//! In: the records and, once every link is known, each document's
//! normalized text (`text/<id>.txt`). Out: [`Data`], the compact table the
//! page's script reads to show a passage in context.
//!
//! Only the snippets needed are kept, never whole texts: around each
//! passage, [`CONTEXT`] code points on either side; snippets of one
//! document that overlap (or nearly touch) are stored once, and the script
//! cuts each passage's context out of its snippet. A value keeps one passage
//! per source record (an axis named five times in a convention links to its
//! first mention there).
//!
//! Does not: read files itself (the caller hands texts in) or write HTML.

use crate::dataset::{
    Account, CafDepartment, Conflict, Convention, ConventionAxis, ConventionStatus,
    ConventionTerritory, DurationBasis, DurationYears, PeriodYears, SigningDay, SourceDoc,
};
use crate::labels::{self, Lang};
use ctg_core::record::{DocId, Evidence, Record};
use serde::Serialize;
use std::collections::HashMap;

/// Code points of context kept on each side of a passage.
pub const CONTEXT: usize = 120;

/// Snippets of one document closer than this many code points are stored as one.
const JOIN_GAP: usize = 24;

/// One passage a value links to.
struct Entry<'a> {
    doc: usize,
    evidence: &'a Evidence,
    rule: usize,
}

/// The passages the page links to, collected value by value; indices into
/// it are what the table's links carry.
pub struct Store<'a> {
    records: HashMap<&'a str, &'a Record>,
    docs: Vec<&'a Record>,
    doc_index: HashMap<&'a str, usize>,
    rules: Vec<&'a str>,
    rule_index: HashMap<&'a str, usize>,
    entries: Vec<Entry<'a>>,
    entry_index: HashMap<(usize, usize, usize, usize), usize>,
    /// For the convention whose values are being linked, which signing of
    /// each round-up among its sources it is.
    signings: HashMap<DocId, usize>,
}

/// What the page's script reads (`<script type="application/json">`), all
/// as arrays to keep it small:
///
/// - `docs[i]`: `[path, doc type, id]`;
/// - `rules[i]`: a rule id;
/// - `snippets[i]`: `[doc, first code point or null, text, reaches the end
///   of the document]`; the first code point is null when the document's
///   text could not be read (or no longer matches its record), and the
///   snippet is then the passage alone;
/// - `evidence[i]`: `[snippet, start, end, rule, page or null]`, `start` and
///   `end` in UTF-16 units of the snippet's text, as JavaScript counts;
/// - `context`: [`CONTEXT`];
/// - `words`: what the script writes, in the page's language.
#[derive(Debug, Serialize)]
pub struct Data {
    docs: Vec<(String, &'static str, String)>,
    rules: Vec<String>,
    snippets: Vec<(usize, Option<usize>, String, bool)>,
    evidence: Vec<(usize, usize, usize, usize, Option<u32>)>,
    context: usize,
    words: Words,
}

/// The words the page's script writes.
#[derive(Debug, Serialize)]
struct Words {
    /// "3 of 10 conventions".
    of: &'static str,
    rule: &'static str,
    record: &'static str,
    close: &'static str,
    no_territory: &'static str,
    /// `{file}` stands for the text file.
    no_context: &'static str,
}

impl Words {
    fn new(lang: Lang) -> Words {
        Words {
            of: lang.pick("sur", "of"),
            rule: lang.pick("règle", "rule"),
            record: lang.pick("fiche", "record"),
            close: lang.pick("Fermer", "Close"),
            no_territory: lang.pick("aucun territoire nommé", "no territory named"),
            no_context: lang.pick(
                "Pas de contexte : {file} manque ou ne correspond plus à la fiche.",
                "No context: {file} is missing or no longer matches the record.",
            ),
        }
    }
}

impl Data {
    /// Number of passages.
    pub fn passages(&self) -> usize {
        self.evidence.len()
    }
}

impl<'a> Store<'a> {
    /// An empty store over `records`.
    pub fn new(records: &'a [Record]) -> Store<'a> {
        Store {
            records: records.iter().map(|r| (r.id.0.as_str(), r)).collect(),
            docs: Vec::new(),
            doc_index: HashMap::new(),
            rules: Vec::new(),
            rule_index: HashMap::new(),
            entries: Vec::new(),
            entry_index: HashMap::new(),
            signings: HashMap::new(),
        }
    }

    /// Links the values of `convention` from now on: the passages of a
    /// round-up among its sources are those of its signing.
    pub fn begin(&mut self, convention: &Convention) {
        self.signings = convention
            .sources
            .iter()
            .filter_map(|s| Some((s.id.clone(), s.signing?)))
            .collect();
    }

    /// The index of a source document, registered on first use.
    pub fn doc(&mut self, id: &DocId) -> Option<usize> {
        let record = *self.records.get(id.0.as_str())?;
        Some(*self.doc_index.entry(&record.id.0).or_insert_with(|| {
            self.docs.push(record);
            self.docs.len() - 1
        }))
    }

    /// The index of a passage of a record, registered on first use.
    fn add(&mut self, id: &DocId, evidence: Option<&'a Evidence>) -> Option<usize> {
        let evidence = evidence?;
        let doc = self.doc(id)?;
        let rule = *self.rule_index.entry(&evidence.rule.0).or_insert_with(|| {
            self.rules.push(&evidence.rule.0);
            self.rules.len() - 1
        });
        let key = (doc, evidence.start, evidence.end, rule);
        Some(*self.entry_index.entry(key).or_insert_with(|| {
            self.entries.push(Entry {
                doc,
                evidence,
                rule,
            });
            self.entries.len() - 1
        }))
    }

    /// The account of the current convention that the record `id` gives.
    fn account(&self, id: &DocId) -> Option<Account<'a>> {
        let record = self.records.get(id.0.as_str()).copied()?;
        Account::get(record, self.signings.get(id).copied())
    }

    /// The passage `pick` finds in the account of the record `id`.
    fn pick(
        &mut self,
        id: &DocId,
        pick: impl Fn(Account<'a>) -> Option<&'a Evidence>,
    ) -> Option<usize> {
        let evidence = self.account(id).and_then(pick);
        self.add(id, evidence)
    }

    /// The passage `pick` finds in each of `sources`.
    fn each(
        &mut self,
        sources: &[DocId],
        pick: impl Fn(Account<'a>) -> Option<&'a Evidence>,
    ) -> Vec<usize> {
        sources
            .iter()
            .filter_map(|id| self.pick(id, &pick))
            .collect()
    }

    /// The passages naming a CAF, one per source.
    pub fn caf(&mut self, caf: &CafDepartment) -> Vec<usize> {
        let code = Some(caf.code.as_str());
        self.each(&caf.sources, |a| {
            let named = a.caf().iter().find(|c| c.department.as_deref() == code);
            named.map(|c| &c.evidence)
        })
    }

    /// The passages naming a territory party, one per source.
    pub fn territory(&mut self, party: &ConventionTerritory) -> Vec<usize> {
        self.each(&party.sources, |a| {
            let named = a.territories().iter().find(|t| party.is(t));
            named.map(|t| &t.evidence)
        })
    }

    /// The passage giving a signing date.
    pub fn signing(&mut self, day: &SigningDay) -> Vec<usize> {
        let found = self.pick(&day.source, |a| a.signing_date().map(|s| &s.evidence));
        found.into_iter().collect()
    }

    /// The passages that say where the convention stands, in the source
    /// that reports its status.
    pub fn status(&mut self, status: &ConventionStatus) -> Vec<usize> {
        let found = self.pick(&status.source, |a| {
            a.record.status.as_ref().and_then(|s| s.evidence.first())
        });
        found.into_iter().collect()
    }

    /// The passage stating a period.
    pub fn period(&mut self, period: &PeriodYears) -> Vec<usize> {
        let found = self.pick(&period.source, |a| a.period().map(|p| &p.evidence));
        found.into_iter().collect()
    }

    /// The passage stating a duration, or the period it is computed from.
    pub fn duration(&mut self, duration: &DurationYears) -> Vec<usize> {
        let found = self.pick(&duration.source, |a| match duration.basis {
            DurationBasis::Stated => a.duration().map(|d| &d.evidence),
            DurationBasis::Period => a.period().map(|p| &p.evidence),
        });
        found.into_iter().collect()
    }

    /// The first passage naming an axis in each source.
    pub fn axis(&mut self, axis: &ConventionAxis) -> Vec<usize> {
        self.each(&axis.sources, |account| {
            let named = account.axes().iter().find(|a| a.code == axis.code);
            named.and_then(|a| a.evidence.first())
        })
    }

    /// The passages of every source's value of a field in conflict.
    pub fn conflict(&mut self, conflict: &Conflict) -> Vec<usize> {
        match conflict {
            Conflict::SigningDate { values } => {
                values.iter().flat_map(|v| self.signing(v)).collect()
            }
            Conflict::Period { values } => values.iter().flat_map(|v| self.period(v)).collect(),
            Conflict::Duration { values } => values.iter().flat_map(|v| self.duration(v)).collect(),
        }
    }

    /// The documents of a convention.
    pub fn sources(&mut self, sources: &[SourceDoc]) -> Vec<usize> {
        sources.iter().filter_map(|s| self.doc(&s.id)).collect()
    }

    /// The snippets of every passage, reading each document's text once
    /// through `text` (None: not readable).
    pub fn finish(self, mut text: impl FnMut(&DocId) -> Option<String>, lang: Lang) -> Data {
        let mut by_doc: Vec<Vec<usize>> = vec![Vec::new(); self.docs.len()];
        for (i, entry) in self.entries.iter().enumerate() {
            by_doc[entry.doc].push(i);
        }
        let mut snippets = Vec::new();
        let mut evidence = vec![(0, 0, 0, 0, None); self.entries.len()];
        for (doc, mut entries) in by_doc.into_iter().enumerate() {
            if entries.is_empty() {
                // no passage to show: its text need not be read
                continue;
            }
            entries
                .sort_by_key(|&i| (self.entries[i].evidence.start, self.entries[i].evidence.end));
            let passages: Vec<&Evidence> =
                entries.iter().map(|&i| self.entries[i].evidence).collect();
            let cut = cut(text(&self.docs[doc].id).as_deref(), &passages);
            for (placed, &i) in cut.placed.iter().zip(&entries) {
                let entry = &self.entries[i];
                evidence[i] = (
                    snippets.len() + placed.snippet,
                    placed.start,
                    placed.end,
                    entry.rule,
                    entry.evidence.page,
                );
            }
            snippets.extend(
                cut.snippets
                    .into_iter()
                    .map(|(first, text, at_end)| (doc, first, text, at_end)),
            );
        }
        Data {
            docs: self
                .docs
                .iter()
                .map(|r| {
                    let kind = labels::doc_type(r.doc_type, lang);
                    (r.source.path.clone(), kind, r.id.0.clone())
                })
                .collect(),
            rules: self.rules.iter().map(|r| r.to_string()).collect(),
            snippets,
            evidence,
            context: CONTEXT,
            words: Words::new(lang),
        }
    }
}

/// A passage's place in the snippets of its document.
#[derive(Debug, PartialEq)]
struct Placed {
    snippet: usize,
    /// UTF-16 units from the start of the snippet.
    start: usize,
    end: usize,
}

/// The snippets of one document (`(first code point, text, reaches the
/// end)`) and where each passage is in them.
#[derive(Debug, PartialEq)]
struct Cut {
    snippets: Vec<(Option<usize>, String, bool)>,
    placed: Vec<Placed>,
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Cuts the snippets of a document around its passages, sorted by start.
/// A passage whose slice of `text` is not its evidence text (no text, or a
/// text rewritten since) becomes a snippet of its own, without context.
fn cut(text: Option<&str>, passages: &[&Evidence]) -> Cut {
    let offsets: Vec<usize> = text
        .map(|t| t.char_indices().map(|(b, _)| b).chain([t.len()]).collect())
        .unwrap_or_default();
    let chars = offsets.len().saturating_sub(1);
    let slice = |from: usize, to: usize| text.map_or("", |t| &t[offsets[from]..offsets[to]]);
    let fits = |e: &Evidence| e.start <= e.end && e.end <= chars && slice(e.start, e.end) == e.text;
    // spans in code points, joined when they overlap or nearly touch
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for e in passages.iter().filter(|e| fits(e)) {
        let (from, to) = (
            e.start.saturating_sub(CONTEXT),
            (e.end + CONTEXT).min(chars),
        );
        match spans.last_mut() {
            Some(last) if from <= last.1 + JOIN_GAP => last.1 = last.1.max(to),
            _ => spans.push((from, to)),
        }
    }
    let mut snippets: Vec<(Option<usize>, String, bool)> = spans
        .iter()
        .map(|&(from, to)| (Some(from), slice(from, to).to_string(), to == chars))
        .collect();
    let placed = passages
        .iter()
        .map(|e| {
            if !fits(e) {
                snippets.push((None, e.text.clone(), false));
                return Placed {
                    snippet: snippets.len() - 1,
                    start: 0,
                    end: utf16_len(&e.text),
                };
            }
            let snippet = spans
                .iter()
                .position(|&(from, to)| from <= e.start && e.end <= to)
                .expect("a fitting passage lies in its span");
            let from = spans[snippet].0;
            let start = utf16_len(slice(from, e.start));
            Placed {
                snippet,
                start,
                end: start + utf16_len(&e.text),
            }
        })
        .collect();
    Cut { snippets, placed }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ctg_core::record::RuleId;

    fn evidence(text: &str, passage: &str, nth: usize) -> Evidence {
        let byte = text.match_indices(passage).nth(nth).unwrap().0;
        let start = text[..byte].chars().count();
        Evidence {
            rule: RuleId("test.rule".into()),
            start,
            end: start + passage.chars().count(),
            text: passage.into(),
            page: None,
        }
    }

    #[test]
    fn a_passage_keeps_its_context_and_is_placed_in_utf16_units() {
        let text = format!(
            "{}La Caf 🙂 de l'Aisne signe. {}",
            "é".repeat(200),
            "x".repeat(300)
        );
        let e = evidence(&text, "l'Aisne", 0);
        let cut = cut(Some(&text), &[&e]);
        let [(Some(first), snippet, false)] = &cut.snippets[..] else {
            panic!("{:?}", cut.snippets);
        };
        assert_eq!(*first, e.start - CONTEXT);
        assert_eq!(snippet.chars().count(), CONTEXT + 7 + CONTEXT);
        let units: Vec<u16> = snippet.encode_utf16().collect();
        let p = &cut.placed[0];
        assert_eq!(
            String::from_utf16(&units[p.start..p.end]).unwrap(),
            "l'Aisne"
        );
        // the emoji before the passage counts two UTF-16 units
        assert_eq!(p.start, CONTEXT + 1);
    }

    #[test]
    fn nearby_passages_share_a_snippet_and_far_ones_do_not() {
        let text = format!(
            "Angers et Saumur signent. {} Fin à Cholet.",
            "mot ".repeat(200)
        );
        let passages = [
            evidence(&text, "Angers", 0),
            evidence(&text, "Saumur", 0),
            evidence(&text, "Cholet", 0),
        ];
        let refs: Vec<&Evidence> = passages.iter().collect();
        let cut = cut(Some(&text), &refs);
        assert_eq!(cut.snippets.len(), 2);
        assert_eq!(cut.snippets[0].0, Some(0));
        assert!(cut.snippets[1].2, "the last snippet reaches the end");
        assert_eq!(
            cut.placed.iter().map(|p| p.snippet).collect::<Vec<_>>(),
            [0, 0, 1]
        );
        let total: usize = cut.snippets.iter().map(|s| s.1.chars().count()).sum();
        assert!(total < text.chars().count(), "never the whole text");
    }

    #[test]
    fn without_its_text_a_passage_is_shown_alone() {
        let text = "signée le 2 avril 2024";
        let e = evidence(text, "2 avril 2024", 0);
        let missing = cut(None, &[&e]);
        assert_eq!(
            missing.snippets,
            [(None, "2 avril 2024".to_string(), false)]
        );
        assert_eq!(
            missing.placed,
            [Placed {
                snippet: 0,
                start: 0,
                end: 12
            }]
        );
        let rewritten = cut(Some("signée le 4 avril 2024"), &[&e]);
        assert_eq!(rewritten.snippets[0].0, None);
    }
}
