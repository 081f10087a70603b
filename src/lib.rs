//! The `ctg` program around the extraction core: the batch (`pipeline`) and
//! its files (`input`: walking folders, reading files), the
//! atomic output folder (`sink`), the result cache (`cache`), the PDF worker
//! processes (`isolate`), the joining of shards (`merge`), the other
//! subcommands as library calls (`commands`) and the exit codes (`exit`).
//!
//! The extraction itself is `ctg_core`; what is done with an output folder
//! (compare, export, report) is `ctg_analytics`.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cache;
pub mod commands;
pub mod exit;
pub mod input;
pub mod isolate;
pub mod merge;
pub mod pipeline;
pub mod sink;
