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
/// annotation is placed and inserted, and every changed sidecar saved. Items are grouped by
/// article first, so the cost is linear in their number (it cloned every annotation already
/// there once per item: 16,000 items took minutes).
pub fn import(corpus: &Corpus, items: &[W3cAnnotation]) -> ImportReport {
    let mut report = ImportReport::default();
    let mut stores: HashMap<PathBuf, Store> = HashMap::new();
    // Article index per source, looked up once per distinct source.
    let mut by_source: HashMap<&str, Option<usize>> = HashMap::new();
    // Per article (in first-seen order), its annotations in file order.
    let mut order: Vec<usize> = Vec::new();
    let mut grouped: HashMap<usize, Vec<crate::annotations::Annotation>> = HashMap::new();
    for item in items {
        let found = *by_source.entry(item.source.as_str()).or_insert_with(|| {
            find_article(corpus, &item.source)
                .and_then(|a| corpus.articles.iter().position(|b| std::ptr::eq(a, b)))
        });
        let Some(index) = found else {
            report.problems.push(format!(
                "no article in the corpus matches the source `{}`; annotation skipped",
                item.source
            ));
            continue;
        };
        let article = &corpus.articles[index];
        grouped
            .entry(index)
            .or_insert_with(|| {
                order.push(index);
                Vec::new()
            })
            .push(item.to_annotation(&article.body));
    }
    for index in order {
        let article = &corpus.articles[index];
        let annotations = grouped.remove(&index).unwrap_or_default();
        let store = stores.entry(article.root.to_path_buf()).or_insert_with(|| {
            let (store, notices) = Store::open(&article.root);
            report
                .problems
                .extend(notices.iter().map(ToString::to_string));
            store
        });
        if store.read_only().is_some() {
            // Already said once, when the store was opened.
            report.skipped += annotations.len();
            continue;
        }
        let n = annotations.len();
        match store.insert_all(article, annotations) {
            Ok(outcomes) => {
                for o in outcomes {
                    match o {
                        Upsert::Added => report.added += 1,
                        Upsert::Updated => report.updated += 1,
                        Upsert::Unchanged => report.unchanged += 1,
                    }
                }
            }
            Err(e) => {
                report.skipped += n;
                report.problems.push(e.to_string());
            }
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
    let read = crate::annotations::store::read_regular_file(
        file,
        crate::annotations::store::MAX_SIDECAR_BYTES,
    )
    .and_then(|b| String::from_utf8(b).map_err(|_| std::io::Error::other("not valid UTF-8")));
    let text = match read {
        Ok(t) => t,
        Err(e) => {
            crate::sanitize::eprint_line(format_args!(
                "newslens import: cannot read {}: {e}",
                file.display()
            ));
            return 1;
        }
    };
    let (items, mut problems) = match formats::parse_w3c(&text) {
        Ok(parsed) => parsed,
        Err(why) => {
            crate::sanitize::eprint_line(format_args!(
                "newslens import: {}: {why}",
                file.display()
            ));
            return 1;
        }
    };
    let corpus = super::load_corpus(paths, &config.config);
    for p in &corpus.problems {
        crate::sanitize::eprint_line(format_args!("{p}"));
    }
    let report = import(&corpus, &items);
    problems.extend(report.problems);
    for p in &problems {
        crate::sanitize::eprint_line(format_args!("newslens import: {p}"));
    }
    crate::sanitize::eprint_line(format_args!(
        "newslens import: {} added, {} updated, {} unchanged, {} skipped from {}",
        report.added,
        report.updated,
        report.unchanged,
        report.skipped,
        file.display()
    ));
    i32::from(!problems.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::store::CLONED;

    fn items(source: &str, n: usize) -> Vec<W3cAnnotation> {
        (0..n)
            .map(|i| W3cAnnotation {
                id: Some(format!("note-{i}")),
                created: None,
                modified: None,
                tags: vec!["t".into()],
                note: format!("note {i}"),
                source: source.into(),
                exact: "word".into(),
                prefix: String::new(),
                suffix: String::new(),
                position: Some((i * 5, i * 5 + 4)),
            })
            .collect()
    }

    #[test]
    fn importing_many_annotations_is_linear_and_counts_updates() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "word ".repeat(3000)).unwrap();
        let corpus = crate::corpus::load(&[dir.path().to_path_buf()], &Default::default());
        CLONED.with(|c| c.set(0));
        let report = import(&corpus, &items("a", 2000));
        assert_eq!((report.added, report.updated), (2000, 0), "{report:?}");
        // No annotation copied out per imported item (it was 2,000 x 1,999 / 2).
        assert_eq!(CLONED.with(|c| c.get()), 0);
        let again = import(&corpus, &items("a", 2000));
        // The same file again: every note is already there as it is.
        assert_eq!(
            (again.added, again.updated, again.unchanged),
            (0, 0, 2000),
            "{again:?}"
        );
        let (mut store, _) = Store::open(dir.path());
        assert_eq!(store.annotations(&corpus.articles[0]).placed.len(), 2000);
    }
}
