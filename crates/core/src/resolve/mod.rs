//! Decisions that are not a match: which candidate wins (`choose`), which year a
//! date without one has (`year`).

pub mod choose;
pub mod year;
