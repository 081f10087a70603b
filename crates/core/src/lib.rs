//! ctg-core: French documents about Conventions Territoriales Globales -> a
//! normalized, evidence-carrying record per document.
//!
//! Data flows one way: `ingest` (bytes -> Document) -> `normalize` (-> Text) ->
//! `extract` (rules -> fields, with `resolve` for years and choices) -> `record`.
//! `process::document` is that whole path for one document, a plain function.
//!
//! This crate reads no folder and writes no file: the batch, the output folder,
//! the cache and the PDF worker processes belong to the `ctg` binary; what is done
//! with an output (compare, export, report) to `ctg-analytics`.
//!
//! Entry points: [`process::document`], [`rules::RuleSet::load`],
//! [`check::run_examples`], [`explain::explain`], [`record::schema`].

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod budget;
pub mod calendar;
pub mod check;
pub mod explain;
pub mod extract;
pub mod ingest;
pub mod manifest;
pub mod normalize;
pub mod places;
pub mod process;
pub mod record;
pub mod refdata;
pub mod resolve;
pub mod rules;
