//! Spans sorted once, to ask whether any of them overlaps or covers a span by
//! binary search: asked for every name or place of a page of names, or of a
//! long press text, a walk over all the spans took time quadratic in the text.

use std::ops::Range;

/// Spans sorted by start, with the largest end among each prefix.
#[derive(Debug, Clone)]
pub(crate) struct Spans {
    starts: Vec<usize>,
    /// `reach[k]`: the largest end among the spans `0..=k`.
    reach: Vec<usize>,
}

impl Spans {
    pub fn new(spans: impl IntoIterator<Item = Range<usize>>) -> Spans {
        let mut spans: Vec<Range<usize>> = spans.into_iter().collect();
        spans.sort_unstable_by_key(|r| r.start);
        let reach = spans
            .iter()
            .scan(0, |max, r| {
                *max = (*max).max(r.end);
                Some(*max)
            })
            .collect();
        Spans {
            starts: spans.iter().map(|r| r.start).collect(),
            reach,
        }
    }

    /// The largest end among the spans of the first `count`.
    fn reach(&self, count: usize) -> Option<usize> {
        count.checked_sub(1).map(|last| self.reach[last])
    }

    /// Whether one span `p` overlaps `start..end`: `p.start < end && start < p.end`.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        let count = self.starts.partition_point(|&s| s < end);
        self.reach(count).is_some_and(|reach| reach > start)
    }

    /// Whether one span `r` covers `start..end`: `r.start <= start && end <= r.end`.
    pub fn covers(&self, start: usize, end: usize) -> bool {
        let count = self.starts.partition_point(|&s| s <= start);
        self.reach(count).is_some_and(|reach| reach >= end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_as_a_walk_over_every_span() {
        let spans = [3..7, 0..2, 5..5, 10..20, 12..14, 8..9];
        let index = Spans::new(spans.iter().cloned());
        for start in 0..22 {
            for end in start..22 {
                let overlaps = spans.iter().any(|p| p.start < end && start < p.end);
                let covers = spans.iter().any(|r| r.start <= start && end <= r.end);
                assert_eq!(index.overlaps(start, end), overlaps, "{start}..{end}");
                assert_eq!(index.covers(start, end), covers, "{start}..{end}");
            }
        }
        assert!(!Spans::new([]).overlaps(0, 5));
        assert!(!Spans::new([]).covers(0, 0));
    }
}
