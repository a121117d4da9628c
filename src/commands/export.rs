//! `newslens export`: annotations as a Markdown digest, W3C JSON-LD or CSV, to a file
//! (written atomically) or to stdout.

use crate::annotations::formats;
use crate::annotations::store::{ArticleAnnotations, Notice, Store};
use crate::corpus::Corpus;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Export format named on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Json,
    Csv,
}

/// Every article's annotations placed in its current body, with the problems met (broken
/// sidecars). Read-only: takes no lock and writes nothing, so it runs beside a reader.
pub fn collect(corpus: &Corpus) -> (Vec<ArticleAnnotations>, Vec<Notice>) {
    let mut stores: HashMap<PathBuf, Store> = HashMap::new();
    let mut problems = Vec::new();
    let mut out = Vec::with_capacity(corpus.articles.len());
    for article in &corpus.articles {
        let store = stores
            .entry(article.root.clone())
            .or_insert_with(|| Store::open_read_only(&article.root));
        let mut anns = store.annotations(article);
        // A read-only store says so on every article; only real problems are reported.
        if let Some(p) = anns.problem.take()
            && Some(&p) != store.read_only()
        {
            problems.push(p);
        }
        out.push(anns);
    }
    (out, problems)
}

/// The document in `format`.
pub fn render(corpus: &Corpus, annotations: &[ArticleAnnotations], format: ExportFormat) -> String {
    let items: Vec<formats::ArticleExport<'_>> = corpus.articles.iter().zip(annotations).collect();
    match format {
        ExportFormat::Markdown => formats::markdown(&items),
        ExportFormat::Csv => formats::csv(&items),
        ExportFormat::Json => {
            let mut s = serde_json::to_string_pretty(&formats::w3c_json(&items))
                .unwrap_or_else(|_| "[]".into());
            s.push('\n');
            s
        }
    }
}

pub fn run(
    config: &crate::config::LoadedConfig,
    paths: &[PathBuf],
    format: ExportFormat,
    output: Option<&Path>,
) -> i32 {
    let corpus = super::load_corpus(paths, &config.config);
    for p in &corpus.problems {
        eprintln!("{p}");
    }
    let (annotations, problems) = collect(&corpus);
    for p in &problems {
        eprintln!("newslens export: {p}");
    }
    let items: Vec<_> = corpus.articles.iter().zip(&annotations).collect();
    let n = formats::count(&items);
    let text = render(&corpus, &annotations, format);
    if n == 0 {
        eprintln!(
            "newslens export: no annotations in {} article(s); the document is empty",
            corpus.articles.len()
        );
    }
    match output {
        Some(file) => {
            if let Err(e) = crate::annotations::store::write_atomic(file, text.as_bytes()) {
                eprintln!("newslens export: cannot write {}: {e}", file.display());
                return 1;
            }
            eprintln!(
                "newslens export: {n} annotation(s) written to {}",
                file.display()
            );
        }
        None => {
            let stdout = std::io::stdout();
            // Article text must never drive the terminal: clean it when a person is watching.
            let text = if stdout.is_terminal() {
                crate::sanitize::clean(&text).into_owned()
            } else {
                text
            };
            let mut lock = stdout.lock();
            match lock.write_all(text.as_bytes()).and_then(|()| lock.flush()) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(e) => {
                    eprintln!("newslens export: cannot write to stdout: {e}");
                    return 1;
                }
            }
        }
    }
    0
}
