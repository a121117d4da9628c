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
use std::sync::OnceLock;

/// newsboat's cache to read beside the folders, set once from `--newsboat`.
static NEWSBOAT: OnceLock<PathBuf> = OnceLock::new();

/// The item URL given to `--newsboat` (by newsboat's `open-in-browser`): the reader opens
/// on it.
static NEWSBOAT_ITEM: OnceLock<String> = OnceLock::new();

/// Read newsboat's cache at `cache` in every corpus this process loads.
pub fn read_newsboat(cache: PathBuf) {
    let _ = NEWSBOAT.set(cache);
}

/// The cache `--newsboat` names: the default location when none is given, or when an item
/// URL is given (`--newsboat https://...`, as newsboat's browser command passes it), which
/// the reader then opens on. A folder is refused: `--newsboat articles` most likely meant
/// a PATH, not a cache.
pub fn newsboat_cache(given: &Path) -> Result<PathBuf, String> {
    let text = given.to_string_lossy();
    if text.starts_with("http://") || text.starts_with("https://") {
        let _ = NEWSBOAT_ITEM.set(text.into_owned());
        return Ok(corpus::newsboat::default_cache());
    }
    if given.as_os_str().is_empty() {
        return Ok(corpus::newsboat::default_cache());
    }
    if given.is_dir() {
        return Err(format!(
            "--newsboat takes newsboat's cache file, and {} is a folder; write              `--newsboat=CACHE.db`, or put folders before `--newsboat`",
            crate::sanitize::clean(&given.display().to_string())
        ));
    }
    Ok(given.to_path_buf())
}

/// Put the newsboat item named on the command line first, the rest after it in their
/// order, so the reader opens on it.
pub fn open_newsboat_item_first(corpus: &mut Corpus) {
    let Some(url) = NEWSBOAT_ITEM.get() else {
        return;
    };
    if let Some(i) = corpus
        .articles
        .iter()
        .position(|a| a.meta.unread.is_some() && a.meta.url.as_deref() == Some(url.as_str()))
    {
        corpus.articles.rotate_left(i);
    }
}

/// The folders to open: those given, else the config's corpus path, else `./articles`;
/// none when only newsboat's cache is to be read.
pub fn corpus_paths(given: &[PathBuf], config: &Config) -> Vec<PathBuf> {
    if !given.is_empty() {
        return given.to_vec();
    }
    if NEWSBOAT.get().is_some() {
        return Vec::new();
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

/// Whether `--newsboat` asked for newsboat's cache.
pub fn newsboat_requested() -> bool {
    NEWSBOAT.get().is_some()
}

/// Load the corpus with the config's limits, reporting missing folders as problems.
pub fn load_corpus(paths: &[PathBuf], config: &Config) -> Corpus {
    let options = LoadOptions {
        max_file_bytes: config.corpus.max_file_bytes,
        newsboat: NEWSBOAT.get().cloned(),
        follow_links: config.corpus.follow_links,
    };
    corpus::load(paths, &options)
}
