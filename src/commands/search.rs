//! `newslens search QUERY [PATH]...`: the articles of the corpus index matching a query
//! (see [`crate::query`]), best first, each with snippets at the places it matched.

use super::index::thousands;
use crate::analysis::Analyzer;
use crate::config::LoadedConfig;
use crate::corpus::Span;
use crate::index::search::{Counting, Snippet, snippet, word_spans};
use crate::query;
use crate::sanitize;
use serde::Serialize;
use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchFormat {
    Text,
    Json,
}

#[derive(Serialize)]
struct SearchJson<'a> {
    query: &'a str,
    /// How many match; when `total_exact` is false, how many at least (the count stopped
    /// at its cap: `--count exact` counts them all).
    total: usize,
    total_exact: bool,
    articles: Vec<HitJson>,
}

#[derive(Serialize)]
struct HitJson {
    id: String,
    title: String,
    source: Option<String>,
    date: Option<String>,
    path: String,
    /// BM25 score (higher is better) when the query has free words.
    score: Option<f64>,
    snippets: Vec<SnippetJson>,
}

#[derive(Serialize)]
struct SnippetJson {
    /// UTF-8 byte offsets of the match into the article body (as in `analyze`).
    start: usize,
    end: usize,
    before: String,
    text: String,
    after: String,
}

/// Most snippets shown per article.
const SNIPPETS: usize = 3;

/// Run the search. Exit status: 0 with matches, 1 with none, 2 for a bad query or PATH.
pub fn run(
    loaded: &LoadedConfig,
    query_text: &str,
    paths: &[PathBuf],
    format: SearchFormat,
    limit: usize,
    counting: Counting,
) -> i32 {
    let query = match query::parse(query_text) {
        Ok(q) => q,
        Err(e) => {
            eprintln!("newslens: bad query: {e}");
            return 2;
        }
    };
    let analyzer = match Analyzer::new(&loaded.config) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("newslens: invalid configuration: {e}");
            return 1;
        }
    };
    let started = Instant::now();
    let mut total = 0;
    let mut capped = false;
    let mut hits = Vec::new();
    for root in paths {
        let index = match super::index::open_for_query(loaded, &analyzer, root) {
            Ok(i) => i,
            Err(code) => return i32::from(code),
        };
        let results = match index.search_counted(&query, limit, counting) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("newslens: {e}");
                return 1;
            }
        };
        total += results.total;
        capped |= results.capped;
        for hit in results.hits {
            let mut spans = index.term_spans(hit.rowid, &query).unwrap_or_default();
            let body = index.body(&hit.path);
            if let Some(body) = &body {
                spans.extend(word_spans(body, &query));
            }
            spans.sort();
            spans.dedup();
            let snippets: Vec<Snippet> = body
                .as_deref()
                .map(|b| {
                    spans
                        .iter()
                        .take(SNIPPETS)
                        .filter_map(|&s: &Span| snippet(b, s, 70))
                        .collect()
                })
                .unwrap_or_default();
            hits.push(HitJson {
                id: hit.id,
                title: hit.title,
                source: hit.source,
                date: hit.date,
                path: root.join(&hit.path).display().to_string(),
                score: hit.rank.map(|r| -r),
                snippets: snippets
                    .into_iter()
                    .map(|s| SnippetJson {
                        start: s.start,
                        end: s.end,
                        before: s.before,
                        text: s.text,
                        after: s.after,
                    })
                    .collect(),
            });
        }
    }
    let hits: Vec<HitJson> = hits.into_iter().take(limit).collect();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = match format {
        SearchFormat::Json => serde_json::to_writer(
            &mut out,
            &SearchJson {
                query: query_text,
                total,
                total_exact: !capped,
                articles: hits,
            },
        )
        .map_err(io::Error::from)
        .and_then(|()| writeln!(out)),
        SearchFormat::Text => write_text(&mut out, query_text, (total, capped), &hits, started),
    }
    .and_then(|()| out.flush());
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("newslens: cannot write the results: {e}");
            return 1;
        }
    }
    if total == 0 { 1 } else { 0 }
}

fn write_text(
    out: &mut dyn Write,
    query: &str,
    (total, capped): (usize, bool),
    hits: &[HitJson],
    started: Instant,
) -> io::Result<()> {
    let clean = |s: &str| sanitize::clean_line(s).into_owned();
    writeln!(
        out,
        "{}{} article{} match `{}` ({} ms){}",
        if capped { "more than " } else { "" },
        thousands(total),
        if total == 1 && !capped { "" } else { "s" },
        clean(query),
        started.elapsed().as_millis(),
        match (total > hits.len() || capped, capped) {
            (true, true) => format!(
                ", the first {} shown (--limit; --count exact counts them all)",
                hits.len()
            ),
            (true, false) => format!(", the first {} shown (--limit)", hits.len()),
            _ => String::new(),
        }
    )?;
    for h in hits {
        let meta: Vec<String> = [h.source.as_deref(), h.date.as_deref()]
            .into_iter()
            .flatten()
            .map(clean)
            .collect();
        writeln!(out)?;
        writeln!(out, "{}  {}", clean(&h.id), clean(&h.title))?;
        if !meta.is_empty() {
            writeln!(out, "    {}", meta.join(" · "))?;
        }
        for s in &h.snippets {
            writeln!(
                out,
                "    @{}  {}[{}]{}",
                s.start,
                clean(&s.before),
                clean(&s.text),
                clean(&s.after)
            )?;
        }
    }
    Ok(())
}
