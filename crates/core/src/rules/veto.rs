//! The veto matches of one field, indexed so that the veto covering a span is
//! found in logarithmic time.
//!
//! Every extractor asks, for each of its matches, whether a veto match covers
//! it. Asked by scanning every veto, that is the number of matches times the
//! number of vetoes: a machine-made text of 90,000 dates ("12/12/2012
//! 12/12/2012 ...") made it minutes. The answer is the same: the first veto,
//! in the order of the matches, whose span holds the span asked about.
//!
//! In: the matches of a field as `RuleSet::find` gives them (sorted by start,
//! then end) and how to read a span from a match (byte range or code points).
//! Out: the index of the covering veto. Matches in another order are searched
//! one by one, with the same answer.

use super::{Match, RuleKind};

/// The veto matches of a slice of matches, by span.
#[derive(Debug, Clone, Default)]
pub struct Vetoes {
    /// `(start, end, index in the matches)` of each veto, in the matches' order.
    spans: Vec<(usize, usize, usize)>,
    /// The largest end among `spans[..=i]`: where the first veto reaching an
    /// end lies, by binary search.
    reach: Vec<usize>,
    /// Whether `spans` is sorted by start, which the binary searches need.
    sorted: bool,
}

impl Vetoes {
    /// The vetoes of `matches`, each spanning `span(m)` (`start..end`, in
    /// any unit, as long as the questions use the same).
    pub fn new(matches: &[Match], span: impl Fn(&Match) -> (usize, usize)) -> Vetoes {
        Vetoes::new_where(matches, span, |_| true)
    }

    /// The vetoes of `matches` that `keep` keeps.
    pub fn new_where(
        matches: &[Match],
        span: impl Fn(&Match) -> (usize, usize),
        keep: impl Fn(&Match) -> bool,
    ) -> Vetoes {
        let spans: Vec<(usize, usize, usize)> = matches
            .iter()
            .enumerate()
            .filter(|(_, m)| m.rule.kind == RuleKind::Veto && keep(m))
            .map(|(i, m)| {
                let (start, end) = span(m);
                (start, end, i)
            })
            .collect();
        Vetoes::of_spans(spans)
    }

    fn of_spans(spans: Vec<(usize, usize, usize)>) -> Vetoes {
        let sorted = spans.windows(2).all(|w| w[0].0 <= w[1].0);
        let mut reach = Vec::with_capacity(spans.len());
        let mut furthest = 0;
        for &(_, end, _) in &spans {
            furthest = furthest.max(end);
            reach.push(furthest);
        }
        Vetoes {
            spans,
            reach,
            sorted,
        }
    }

    /// The index (into the matches) of the first veto whose span holds
    /// `start..end`.
    pub fn covering(&self, start: usize, end: usize) -> Option<usize> {
        if !self.sorted {
            return self
                .spans
                .iter()
                .find(|&&(s, e, _)| s <= start && end <= e)
                .map(|&(_, _, i)| i);
        }
        // the vetoes that start at or before `start` come first; of them, the
        // first whose end reaches `end` is where the running maximum does
        let starting = self.spans.partition_point(|&(s, _, _)| s <= start);
        let first = self.reach[..starting].partition_point(|&r| r < end);
        (first < starting).then(|| self.spans[first].2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The answer of a plain scan, to compare with.
    fn scan(spans: &[(usize, usize, usize)], start: usize, end: usize) -> Option<usize> {
        spans
            .iter()
            .find(|&&(s, e, _)| s <= start && end <= e)
            .map(|&(_, _, i)| i)
    }

    #[test]
    fn the_first_covering_veto_is_the_one_a_scan_finds() {
        // pseudo-random spans, sorted by start as RuleSet::find gives them
        let mut seed: u64 = 18;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n) as usize
        };
        for round in 0..200 {
            let mut spans: Vec<(usize, usize, usize)> = (0..next(12) + 1)
                .map(|i| {
                    let s = next(40);
                    (s, s + next(15), i * 2)
                })
                .collect();
            if round % 2 == 0 {
                spans.sort_by_key(|&(s, e, _)| (s, e));
            }
            let vetoes = Vetoes::of_spans(spans.clone());
            assert_eq!(vetoes.sorted, round % 2 == 0 || vetoes.sorted);
            for start in 0..45 {
                for len in 0..10 {
                    assert_eq!(
                        vetoes.covering(start, start + len),
                        scan(&spans, start, start + len),
                        "{spans:?} {start} {len}"
                    );
                }
            }
        }
    }

    #[test]
    fn no_veto_covers_nothing() {
        let none = Vetoes::default();
        assert_eq!(none.covering(0, 0), None);
        let one = Vetoes::of_spans(vec![(5, 10, 3)]);
        assert_eq!(one.covering(5, 10), Some(3));
        assert_eq!(one.covering(4, 10), None);
        assert_eq!(one.covering(6, 11), None);
    }
}
