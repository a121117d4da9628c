//! The subcommands of the `newslens` binary, each a function from parsed arguments to an
//! exit status. Shared here: which folders to open and how to load them.

pub mod analyze;
pub mod check;
pub mod corpus_report;
pub mod correct;
pub mod export;
pub mod import;
pub mod index;
pub mod search;
pub mod syntax;

use crate::config::Config;
use crate::corpus::{self, Corpus, LoadOptions};
use std::path::{Path, PathBuf};

/// The folders to open: those given, else the config's corpus path, else `./articles`.
pub fn corpus_paths(given: &[PathBuf], config: &Config) -> Vec<PathBuf> {
    if !given.is_empty() {
        return given.to_vec();
    }
    match &config.corpus.path {
        Some(p) => vec![expand_home(p)],
        None => vec![PathBuf::from("articles")],
    }
}

/// `~/x` -> `$HOME/x`.
pub fn expand_home(path: &Path) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    path.to_path_buf()
}

/// Load the corpus with the config's limits, reporting missing folders as problems.
pub fn load_corpus(paths: &[PathBuf], config: &Config) -> Corpus {
    let options = LoadOptions {
        max_file_bytes: config.corpus.max_file_bytes,
        follow_links: config.corpus.follow_links,
    };
    corpus::load(paths, &options)
}
