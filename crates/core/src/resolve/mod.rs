//! Decisions that are not a match: which candidate wins (`choose`), which year a
//! date without one has (`year`), on a small calendar (`calendar`).

pub mod calendar;
pub mod choose;
pub mod year;
