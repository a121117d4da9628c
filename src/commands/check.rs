//! `newslens check`: validate the configuration and every article, list each problem, and
//! fail (exit 1) when any is an error.

use crate::analysis::Analyzer;
use crate::config::LoadedConfig;
use crate::corpus::Severity;
use std::path::PathBuf;

pub fn run(config: &LoadedConfig, paths: &[PathBuf]) -> i32 {
    let mut errors = 0usize;
    let mut warnings = 0usize;
    if let Err(e) = Analyzer::new(&config.config) {
        println!("config: error: {e}");
        errors += 1;
    }
    let corpus = super::load_corpus(paths, &config.config);
    for p in &corpus.problems {
        println!("{p}");
        match p.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
        }
    }
    println!(
        "{} article{} loaded, {} error{}, {} warning{}",
        corpus.articles.len(),
        if corpus.articles.len() == 1 { "" } else { "s" },
        errors,
        if errors == 1 { "" } else { "s" },
        warnings,
        if warnings == 1 { "" } else { "s" },
    );
    i32::from(errors > 0)
}
