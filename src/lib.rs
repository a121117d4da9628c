//! newslens: a terminal reader for news analysis.
//!
//! Data flows one way: files -> [`corpus::Article`] -> [`analysis::Analysis`] (byte spans into
//! the article body) -> [`tui`] renders. The core (`corpus`, `analysis`, `annotations`) knows
//! nothing of the terminal.

pub mod analysis;
pub mod annotations;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod corrections;
pub mod sanitize;
pub mod tui;

pub use analysis::{Analysis, Analyzer};
pub use config::Config;
pub use corpus::{Article, Corpus, Section, Span};
