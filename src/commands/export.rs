//! `newslens export`: annotations as a Markdown digest, W3C JSON-LD, CSV, a REFI-QDA
//! project (QDPX, a zip: needs `--output`) or codebook (QDC), to a file (written atomically)
//! or to stdout.

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
    /// REFI-QDA project: a zip with `project.qde` and the article texts.
    Qdpx,
    /// REFI-QDA codebook XML.
    Qdc,
}

/// Every article's annotations placed in its current body, with the problems met (broken
/// sidecars). Read-only: takes no lock and writes nothing, so it runs beside a reader.
pub fn collect(corpus: &Corpus) -> (Vec<ArticleAnnotations>, Vec<Notice>) {
    let mut stores: HashMap<PathBuf, Store> = HashMap::new();
    let mut problems = Vec::new();
    let mut out = Vec::with_capacity(corpus.articles.len());
    for article in &corpus.articles {
        let store = stores
            .entry(article.root.to_path_buf())
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

/// The document in `format`. `section_titles` (one list per article, may be empty) name the
/// sections in the Markdown digest.
pub fn render(
    corpus: &Corpus,
    annotations: &[ArticleAnnotations],
    section_titles: &[Vec<String>],
    format: ExportFormat,
) -> String {
    let items: Vec<formats::ArticleExport<'_>> = corpus.articles.iter().zip(annotations).collect();
    match format {
        ExportFormat::Markdown => formats::markdown_with_titles(&items, section_titles),
        ExportFormat::Csv => formats::csv(&items),
        ExportFormat::Json => {
            let mut all = formats::w3c_json(&items);
            if let serde_json::Value::Array(list) = &mut all {
                list.extend(crate::corrections::w3c::annotations(&corpus.articles));
            }
            let mut s = serde_json::to_string_pretty(&all).unwrap_or_else(|_| "[]".into());
            s.push('\n');
            s
        }
        // Binary or needing the codebook: written by `run` through `qdpx`.
        ExportFormat::Qdpx | ExportFormat::Qdc => String::new(),
    }
}

/// `--format qdpx` / `qdc`: the archive or codebook, written to `output`; stdout only for
/// the codebook (a zip on a terminal would be noise).
fn run_refi_qda(
    config: &crate::config::LoadedConfig,
    corpus: &Corpus,
    annotations: &[ArticleAnnotations],
    format: ExportFormat,
    output: Option<&Path>,
) -> i32 {
    use crate::annotations::qdpx;
    let items: Vec<formats::ArticleExport<'_>> = corpus.articles.iter().zip(annotations).collect();
    let codebook = &config.config.codebook.tags;
    let (bytes, summary) = if format == ExportFormat::Qdc {
        let codes = qdpx::codes(codebook, &items);
        let Some(xml) = qdpx::codebook_xml(&codes) else {
            eprintln!(
                "newslens export: no codes to write: the [codebook] is empty and no annotation has a tag"
            );
            return 1;
        };
        (xml.into_bytes(), format!("{} code(s)", codes.len()))
    } else {
        let Some(file) = output else {
            eprintln!("newslens export: --format qdpx writes a zip archive: give --output FILE");
            return 2;
        };
        match qdpx::qdpx(&items, codebook) {
            Ok((bytes, r)) => {
                if r.orphans_skipped > 0 {
                    eprintln!(
                        "newslens export: {} orphan(s) left out of {}: their passage is not in the current text",
                        r.orphans_skipped,
                        file.display()
                    );
                }
                (
                    bytes,
                    format!(
                        "{} selection(s) in {} source(s) with {} code(s)",
                        r.selections, r.sources, r.codes
                    ),
                )
            }
            Err(e) => {
                eprintln!("newslens export: cannot build the QDPX archive: {e}");
                return 1;
            }
        }
    };
    match output {
        Some(file) => {
            if let Err(e) = crate::annotations::store::write_atomic(file, &bytes) {
                eprintln!("newslens export: cannot write {}: {e}", file.display());
                return 1;
            }
            eprintln!("newslens export: {summary} written to {}", file.display());
        }
        None => {
            let mut lock = std::io::stdout().lock();
            match lock.write_all(&bytes).and_then(|()| lock.flush()) {
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

/// Section titles for annotated articles, as the reader shows them (headings, else titles
/// generated by the analysis). Articles without annotations are not analysed.
fn section_titles(
    config: &crate::config::LoadedConfig,
    corpus: &Corpus,
    annotations: &[ArticleAnnotations],
) -> Vec<Vec<String>> {
    let analyzer = match crate::analysis::Analyzer::new(&config.config) {
        Ok(a) => a,
        Err(e) => {
            crate::sanitize::eprint_line(format_args!(
                "newslens export: sections are numbered, not titled: {e}"
            ));
            return Vec::new();
        }
    };
    let corrections = crate::corrections::CorpusCorrections::load(&corpus.articles);
    corpus
        .articles
        .iter()
        .zip(annotations)
        .map(|(article, anns)| {
            if anns.placed.is_empty() {
                Vec::new()
            } else {
                corrections
                    .apply(article, analyzer.analyze(article))
                    .0
                    .section_titles
            }
        })
        .collect()
}

pub fn run(
    config: &crate::config::LoadedConfig,
    paths: &[PathBuf],
    format: ExportFormat,
    output: Option<&Path>,
) -> i32 {
    let corpus = super::load_corpus(paths, &config.config);
    for p in &corpus.problems {
        crate::sanitize::eprint_line(format_args!("{p}"));
    }
    let (annotations, problems) = collect(&corpus);
    for p in &problems {
        crate::sanitize::eprint_line(format_args!("newslens export: {p}"));
    }
    if matches!(format, ExportFormat::Qdpx | ExportFormat::Qdc) {
        return run_refi_qda(config, &corpus, &annotations, format, output);
    }
    let items: Vec<_> = corpus.articles.iter().zip(&annotations).collect();
    let n = formats::count(&items);
    let titles = if format == ExportFormat::Markdown {
        section_titles(config, &corpus, &annotations)
    } else {
        Vec::new()
    };
    let text = render(&corpus, &annotations, &titles, format);
    if n == 0 {
        crate::sanitize::eprint_line(format_args!(
            "newslens export: no annotations in {} article(s); the document is empty",
            corpus.articles.len()
        ));
    }
    match output {
        Some(file) => {
            if let Err(e) = crate::annotations::store::write_atomic(file, text.as_bytes()) {
                crate::sanitize::eprint_line(format_args!(
                    "newslens export: cannot write {}: {e}",
                    file.display()
                ));
                return 1;
            }
            crate::sanitize::eprint_line(format_args!(
                "newslens export: {n} annotation(s) written to {}",
                file.display()
            ));
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
                    crate::sanitize::eprint_line(format_args!(
                        "newslens export: cannot write to stdout: {e}"
                    ));
                    return 1;
                }
            }
        }
    }
    0
}
