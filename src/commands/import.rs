//! `newslens import`: W3C Web Annotation JSON (as written by `export --format json`) back into
//! the corpus sidecars. Each annotation goes to the article its `target.source` names; an
//! annotation whose id is already there is updated, never duplicated, and one already there
//! exactly as in the file is counted unchanged (so re-running an import says so). Positions are code
//! points in the file and bytes inside; a quote no longer at its position is re-anchored.

use crate::annotations::formats::{self, W3cAnnotation};
use crate::annotations::store::{Store, Upsert};
use crate::corpus::{Article, Corpus};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    /// Already in the corpus exactly as in the file.
    pub unchanged: usize,
    /// Not imported because the corpus could not be written (its message is in `problems`).
    pub skipped: usize,
    /// One readable sentence per annotation or file that could not be imported.
    pub problems: Vec<String>,
}

/// The article a `target.source` names: by id, by path relative to its corpus folder, by its
/// path as loaded, or else by the longest path ending that matches.
pub fn find_article<'a>(corpus: &'a Corpus, source: &str) -> Option<&'a Article> {
    let source = source.strip_prefix("file://").unwrap_or(source);
    let exact = corpus.articles.iter().find(|a| {
        a.id == source || formats::source_of(a) == source || a.path.to_string_lossy() == source
    });
    exact.or_else(|| {
        corpus
            .articles
            .iter()
            .filter(|a| {
                let rel = formats::source_of(a);
                source.ends_with(&format!("/{rel}"))
            })
            .max_by_key(|a| formats::source_of(a).len())
    })
}

/// Import `items` into the corpus: every store is opened (and locked) for writing, each
/// annotation is placed and inserted, and every changed sidecar saved.
pub fn import(corpus: &Corpus, items: &[W3cAnnotation]) -> ImportReport {
    let mut report = ImportReport::default();
    let mut stores: HashMap<PathBuf, Store> = HashMap::new();
    for item in items {
        let Some(article) = find_article(corpus, &item.source) else {
            report.problems.push(format!(
                "no article in the corpus matches the source `{}`; annotation skipped",
                item.source
            ));
            continue;
        };
        let store = stores.entry(article.root.clone()).or_insert_with(|| {
            let (store, notices) = Store::open(&article.root);
            report
                .problems
                .extend(notices.iter().map(ToString::to_string));
            store
        });
        if store.read_only().is_some() {
            // Already said once, when the store was opened.
            report.skipped += 1;
            continue;
        }
        let mut annotation = item.to_annotation(&article.body);
        let existing = store.annotations(article);
        let known = existing
            .placed
            .iter()
            .map(|p| &p.annotation)
            .chain(&existing.orphans)
            .chain(&existing.deleted)
            .find(|a| a.id == annotation.id);
        if let Some(known) = known {
            // Timestamps the file does not give are the stored ones, not "now": an
            // unchanged note must compare equal.
            if item.created.is_none() {
                annotation.created.clone_from(&known.created);
            }
            if item.modified.is_none() {
                annotation.modified.clone_from(&known.modified);
            }
        }
        match store.upsert(article, annotation) {
            Ok(Upsert::Added) => report.added += 1,
            Ok(Upsert::Updated) => report.updated += 1,
            Ok(Upsert::Unchanged) => report.unchanged += 1,
            Err(e) => report.problems.push(e.to_string()),
        }
    }
    for store in stores.values_mut() {
        if store.read_only().is_none()
            && let Err(e) = store.save_all()
        {
            report.problems.push(e.to_string());
        }
    }
    report
}

/// Exit 0 when every annotation was imported; 1 when the file cannot be read or anything was
/// skipped (what could be imported still is).
pub fn run(config: &crate::config::LoadedConfig, file: &Path, paths: &[PathBuf]) -> i32 {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("newslens import: cannot read {}: {e}", file.display());
            return 1;
        }
    };
    let (items, mut problems) = match formats::parse_w3c(&text) {
        Ok(parsed) => parsed,
        Err(why) => {
            eprintln!("newslens import: {}: {why}", file.display());
            return 1;
        }
    };
    let corpus = super::load_corpus(paths, &config.config);
    for p in &corpus.problems {
        eprintln!("{p}");
    }
    let report = import(&corpus, &items);
    problems.extend(report.problems);
    for p in &problems {
        eprintln!("newslens import: {p}");
    }
    eprintln!(
        "newslens import: {} added, {} updated, {} unchanged, {} skipped from {}",
        report.added,
        report.updated,
        report.unchanged,
        report.skipped,
        file.display()
    );
    i32::from(!problems.is_empty())
}
