//! The terminal reader.

pub mod editor;

use crate::analysis::Analyzer;
use crate::config::LoadedConfig;
use crate::corpus::Corpus;

/// Run the reader until the user quits. The terminal is restored on every way out.
pub fn run(config: &LoadedConfig, corpus: Corpus, analyzer: Analyzer) -> std::io::Result<()> {
    let _ = (config, analyzer);
    println!(
        "{} articles (the reader is not built yet)",
        corpus.articles.len()
    );
    Ok(())
}
