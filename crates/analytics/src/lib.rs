//! ctg-analytics: what is done with the output of `ctg extract`.
//!
//! - `dataset`: the records of an output folder grouped into conventions (a
//!   press release and the PDF of one signing are one convention);
//! - `compare`: one row per CAF department, region or year;
//! - `export`: the records and conventions as relational tables (SQLite, CSV);
//! - `report`: one self-contained HTML page;
//! - `labels`: what people read in place of codes (French, or English);
//! - `xlsx`: Excel workbooks of typed cells, for compare and export.
//!
//! It reads an output folder and the reference data; it never extracts.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod compare;
pub mod dataset;
pub mod export;
pub mod labels;
pub mod report;
pub mod xlsx;
