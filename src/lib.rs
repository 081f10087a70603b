//! ctg: French documents about Conventions Territoriales Globales -> a normalized,
//! evidence-carrying JSON corpus.
//!
//! Data flows one way: `ingest` (bytes -> Document) -> `normalize` (-> Text) ->
//! `extract` (rules -> fields) -> `resolve` (years, choices) -> `record` -> `sink`.
//! `pipeline` maps `process::document` over the inputs in parallel.
//!
//! Entry points: [`pipeline::extract`], [`rules::check::run_examples`],
//! [`explain::explain`], [`record::schema`].

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cache;
pub mod compare;
pub mod dataset;
pub mod explain;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod isolate;
pub mod manifest;
pub mod merge;
pub mod normalize;
pub mod pipeline;
pub mod places;
pub mod process;
pub mod record;
pub mod refdata;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod sink;
pub mod synth;
