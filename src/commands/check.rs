//! `newslens check`: validate the configuration and every article, list each problem as
//! `path:line: severity: message` (the form editors and CI logs link to), and fail (exit 1)
//! when any is an error. Warnings are listed but do not fail the check.

use crate::analysis::Analyzer;
use crate::config::LoadedConfig;
use crate::corpus::Severity;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn run(config: &LoadedConfig, paths: &[PathBuf]) -> i32 {
    let mut errors = 0usize;
    let mut warnings = 0usize;
    if let Err(e) = Analyzer::new(&config.config) {
        println!("config: error: {e}");
        errors += 1;
    }
    let corpus = super::load_corpus(paths, &config.config);
    // Files (or PATHs) that an error kept out of the corpus, counted once each.
    let mut skipped = BTreeSet::new();
    for p in &corpus.problems {
        // A file name or a quoted value may hold escape sequences: never print them raw.
        println!("{}", crate::sanitize::clean(&p.to_string()));
        match p.severity {
            Severity::Error => {
                errors += 1;
                skipped.insert(&p.path);
            }
            Severity::Warning => warnings += 1,
        }
    }
    let sections: usize = corpus.articles.iter().map(|a| a.sections.len()).sum();
    let mut summary = format!(
        "{} loaded ({})",
        plural(corpus.articles.len(), "article", "articles"),
        plural(sections, "section", "sections"),
    );
    if !skipped.is_empty() {
        summary.push_str(&format!(
            ", {} skipped",
            plural(skipped.len(), "path", "paths")
        ));
    }
    summary.push_str(&format!(
        "; {}, {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    ));
    println!("{summary}");
    i32::from(errors > 0)
}
