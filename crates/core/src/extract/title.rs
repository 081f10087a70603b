//! Title rules -> the document's title (its first meaningful line, or the HTML
//! `<title>`, which ingest puts first).

use crate::record::Title;
use crate::resolve::choose::choose;
use crate::rules::trace::Considered;
use crate::rules::Match;

/// The title from the best `title` match.
pub fn extract(matches: &[Match<'_, '_>]) -> (Option<Title>, Vec<Considered>) {
    let choice = choose(matches, |m| {
        Ok(m.get("title").unwrap_or_default().trim().to_string())
    });
    let title = choice
        .chosen
        .map(|(value, evidence)| Title { value, evidence });
    (title, choice.considered)
}
