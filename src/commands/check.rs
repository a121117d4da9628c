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
        println!("{}", crate::sanitize::clean(&format!("config: error: {e}")));
        errors += 1;
    }
    // Keys and colours are the reader's, but a broken binding should fail `check` too.
    for e in crate::tui::validate_keys(config)
        .into_iter()
        .chain(crate::tui::validate_colors(config))
    {
        let line = format!("{}: error: {}", location(&e), e.message);
        println!("{}", crate::sanitize::clean(&line));
        errors += 1;
    }
    let corpus = super::load_corpus(paths, &config.config);
    // Files (or PATHs) that an error kept out of the corpus, counted once each. An error that
    // still lets the article load (front matter that is not TOML) does not skip it.
    let loaded: BTreeSet<&PathBuf> = corpus.articles.iter().map(|a| &a.path).collect();
    let mut skipped = BTreeSet::new();
    for p in &corpus.problems {
        // A file name or a quoted value may hold escape sequences: never print them raw.
        println!("{}", crate::sanitize::clean(&p.to_string()));
        match p.severity {
            Severity::Error => {
                errors += 1;
                if !loaded.contains(&p.path) {
                    skipped.insert(&p.path);
                }
            }
            Severity::Warning => warnings += 1,
        }
    }
    let (sidecar_errors, orphans) = check_annotations(&corpus.articles);
    errors += sidecar_errors;
    warnings += orphans;
    let sections: usize = corpus.articles.iter().map(|a| a.sections.len()).sum();
    let mut summary = format!(
        "{} loaded ({})",
        plural(corpus.articles.len(), "article", "articles"),
        plural(sections, "section", "sections"),
    );
    if !skipped.is_empty() {
        summary.push_str(&format!(", {} skipped", skipped.len()));
    }
    summary.push_str(&format!(
        "; {}, {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    ));
    println!("{summary}");
    i32::from(errors > 0)
}

/// `path:line` of a config error, or the built-in defaults.
fn location(e: &crate::config::ConfigError) -> String {
    let path = e.path.as_ref().map_or_else(
        || "built-in config.toml".to_string(),
        |p| p.display().to_string(),
    );
    match e.line {
        Some(line) => format!("{path}:{line}"),
        None => path,
    }
}

/// Sidecars that do not parse (errors) and annotations that no longer find their passage
/// (warnings), read without taking the corpus lock so `check` can run beside a reader.
fn check_annotations(articles: &[crate::corpus::Article]) -> (usize, usize) {
    use crate::annotations::store::Store;
    use std::collections::HashMap;
    let mut stores: HashMap<PathBuf, Store> = HashMap::new();
    let (mut errors, mut warnings) = (0, 0);
    for article in articles {
        let store = stores
            .entry(article.root.to_path_buf())
            .or_insert_with(|| Store::open_read_only(&article.root));
        let found = store.annotations(article);
        // The read-only notice names the corpus folder; sidecar problems name the sidecar.
        if let Some(p) = found.problem.filter(|p| p.path.as_path() != &*article.root) {
            let at = match p.line {
                Some(line) => format!("{}:{line}", p.path.display()),
                None => p.path.display().to_string(),
            };
            println!(
                "{}",
                crate::sanitize::clean(&format!("{at}: error: {}", p.message))
            );
            errors += 1;
        }
        if !found.orphans.is_empty() {
            println!(
                "{}: warning: {} annotation{} no longer found in the text (kept as orphans)",
                crate::sanitize::clean(&article.path.display().to_string()),
                found.orphans.len(),
                if found.orphans.len() == 1 { "" } else { "s" }
            );
            warnings += found.orphans.len();
        }
    }
    (errors, warnings)
}
