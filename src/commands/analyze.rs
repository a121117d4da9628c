//! `newslens analyze`: the analysis of every article as JSON (DESIGN §3), JSON lines, or a
//! readable text report.

use crate::analysis::{Analysis, Analyzer};
use crate::corpus::{Article, Corpus, Span};
use crate::sanitize;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Json,
    JsonLines,
    Text,
}

/// Analyse every article of `corpus` on all cores (RAYON_NUM_THREADS bounds them) and write
/// the result in `format`. Returns the analyses in corpus order.
pub fn analyze_all(analyzer: &Analyzer, corpus: &Corpus) -> Vec<Analysis> {
    corpus
        .articles
        .par_iter()
        .map(|a| analyzer.analyze(a))
        .collect()
}

/// [`analyze_all`], then the analyst's corrections of each corpus folder applied; broken
/// corrections files and corrections that no longer apply are returned as lines for stderr.
pub fn analyze_corrected(analyzer: &Analyzer, corpus: &Corpus) -> (Vec<Analysis>, Vec<String>) {
    let corrections = crate::corrections::CorpusCorrections::load(&corpus.articles);
    let mut messages: Vec<String> = corrections.notices.iter().map(|n| n.to_string()).collect();
    let results: Vec<(Analysis, Vec<String>)> = corpus
        .articles
        .par_iter()
        .map(|a| {
            let (x, unapplied) = corrections.apply(a, analyzer.analyze(a));
            let lines = unapplied
                .iter()
                .map(|u| crate::corrections::unapplied_line(a, u))
                .collect();
            (x, lines)
        })
        .collect();
    let mut analyses = Vec::with_capacity(results.len());
    for (x, lines) in results {
        analyses.push(x);
        messages.extend(lines);
    }
    (analyses, messages)
}

/// Write the report for `articles` and their `analyses` to `out`.
pub fn write_report(
    out: &mut dyn Write,
    articles: &[Article],
    analyses: &[Analysis],
    format: OutputFormat,
) -> io::Result<()> {
    match format {
        OutputFormat::Json => {
            let list: Vec<ArticleJson> = articles
                .iter()
                .zip(analyses)
                .map(|(a, x)| ArticleJson::new(a, x))
                .collect();
            // A buffer of a known type: the serializer's many small writes (a quote, a key,
            // a comma) are inlined copies, not calls through `dyn Write`.
            let mut buf = io::BufWriter::with_capacity(1 << 16, &mut *out);
            // Terminal-safe escapes: the body may hold C1 or bidi controls, and this often goes
            // straight to a terminal.
            sanitize::write_json(&mut buf, &CorpusJson { articles: list })?;
            writeln!(buf)?;
            buf.flush()?;
        }
        OutputFormat::JsonLines => {
            let mut buf = io::BufWriter::with_capacity(1 << 16, &mut *out);
            for (a, x) in articles.iter().zip(analyses) {
                sanitize::write_json(&mut buf, &ArticleJson::new(a, x))?;
                writeln!(buf)?;
            }
            buf.flush()?;
        }
        OutputFormat::Text => {
            for (a, x) in articles.iter().zip(analyses) {
                write_text(out, a, x)?;
            }
        }
    }
    out.flush()
}

#[derive(Serialize)]
struct CorpusJson<'a> {
    articles: Vec<ArticleJson<'a>>,
}

#[derive(Serialize)]
struct ArticleJson<'a> {
    id: &'a str,
    path: String,
    title: &'a str,
    source: Option<&'a str>,
    date: Option<&'a str>,
    url: Option<&'a str>,
    authors: &'a [String],
    tags: &'a [String],
    body: &'a str,
    sections: Vec<SectionJson<'a>>,
    actors: Vec<ActorJson<'a>>,
    themes: Vec<ThemeJson<'a>>,
    tensions: Vec<TensionJson<'a>>,
}

#[derive(Serialize)]
struct SectionJson<'a> {
    title: &'a str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct SpanJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    section: usize,
}

impl<'a> SpanJson<'a> {
    fn new(body: &'a str, span: Span, section: usize) -> Self {
        SpanJson {
            start: span.start,
            end: span.end,
            text: span.text(body),
            section,
        }
    }
}

#[derive(Serialize)]
struct ActorJson<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    aliases: &'a [String],
    role: Option<&'a str>,
    salience: f32,
    mentions: Vec<SpanJson<'a>>,
    /// Why it is an actor: `{"by": "gazetteer"|"title"|"cue"|"tagger"|"capitals", "detail"}`.
    why: Vec<ActorWhyJson<'a>>,
}

#[derive(Serialize)]
struct ActorWhyJson<'a> {
    by: &'static str,
    detail: &'a str,
}

#[derive(Serialize)]
struct ThemeJson<'a> {
    id: &'a str,
    label: &'a str,
    score: f32,
    section_scores: &'a [f32],
    evidence: Vec<CueJson<'a>>,
}

/// A theme's evidence span with the weight its cue added.
#[derive(Serialize)]
struct CueJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    section: usize,
    weight: f32,
}

#[derive(Serialize)]
struct TensionJson<'a> {
    id: &'a str,
    label: &'a str,
    kind: &'a str,
    sides: &'a [Vec<String>; 2],
    score: f32,
    /// PLOVER-style class id with most weight ("disapprove", "assault"...).
    event_class: &'a str,
    /// "verbal conflict" or "material conflict".
    quad_class: &'a str,
    evidence: Vec<TensionEvidenceJson<'a>>,
}

/// A tension's evidence sentence with why it shows the tension.
#[derive(Serialize)]
struct TensionEvidenceJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    section: usize,
    why: Option<TensionWhyJson<'a>>,
}

#[derive(Serialize)]
struct TensionWhyJson<'a> {
    cue: SpanOnlyJson<'a>,
    class: &'a str,
    /// The two sides as read from the sentence: the words taken and the relation.
    sides: [SideJson<'a>; 2],
    /// The same in one line, as the reader shows it.
    summary: String,
}

#[derive(Serialize)]
struct SideJson<'a> {
    words: Vec<SpanOnlyJson<'a>>,
    relation: &'a str,
}

#[derive(Serialize)]
struct SpanOnlyJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

impl<'a> SpanOnlyJson<'a> {
    fn new(body: &'a str, span: Span) -> Self {
        SpanOnlyJson {
            start: span.start,
            end: span.end,
            text: body.get(span.start..span.end).unwrap_or(""),
        }
    }
}

impl<'a> ArticleJson<'a> {
    fn new(article: &'a Article, analysis: &'a Analysis) -> Self {
        let body = article.body.as_str();
        ArticleJson {
            id: &article.id,
            path: article.path.to_string_lossy().into_owned(),
            title: &article.title,
            source: article.meta.source.as_deref(),
            date: article.meta.date.as_deref(),
            url: article.meta.url.as_deref(),
            authors: &article.meta.authors,
            tags: &article.meta.tags,
            body,
            sections: article
                .sections
                .iter()
                .enumerate()
                .map(|(i, s)| SectionJson {
                    title: analysis
                        .section_titles
                        .get(i)
                        .map(String::as_str)
                        .or(s.heading.as_deref())
                        .unwrap_or(""),
                    start: s.span.start,
                    end: s.span.end,
                })
                .collect(),
            actors: analysis
                .actors
                .iter()
                .map(|a| ActorJson {
                    id: &a.id,
                    name: &a.name,
                    kind: a.kind.as_str(),
                    aliases: &a.aliases,
                    role: a.role.as_deref(),
                    salience: a.salience,
                    mentions: a
                        .mentions
                        .iter()
                        .map(|m| SpanJson::new(body, m.span, m.section))
                        .collect(),
                    why: a
                        .why
                        .iter()
                        .map(|w| ActorWhyJson {
                            by: w.basis.as_str(),
                            detail: &w.detail,
                        })
                        .collect(),
                })
                .collect(),
            themes: analysis
                .themes
                .iter()
                .map(|t| ThemeJson {
                    id: &t.id,
                    label: &t.label,
                    score: t.score,
                    section_scores: &t.section_scores,
                    evidence: t
                        .evidence
                        .iter()
                        .enumerate()
                        .map(|(i, e)| CueJson {
                            start: e.span.start,
                            end: e.span.end,
                            text: e.span.text(body),
                            section: e.section,
                            weight: t.weights.get(i).copied().unwrap_or(0.0),
                        })
                        .collect(),
                })
                .collect(),
            tensions: analysis
                .tensions
                .iter()
                .map(|t| TensionJson {
                    id: &t.id,
                    label: &t.label,
                    kind: &t.kind,
                    sides: &t.sides,
                    score: t.score,
                    event_class: &t.event_class,
                    quad_class: &t.quad_class,
                    evidence: t
                        .evidence
                        .iter()
                        .enumerate()
                        .map(|(i, e)| TensionEvidenceJson {
                            start: e.span.start,
                            end: e.span.end,
                            text: e.span.text(body),
                            section: e.section,
                            why: t.why.get(i).map(|w| TensionWhyJson {
                                cue: SpanOnlyJson::new(body, w.cue),
                                class: &w.class,
                                sides: [0, 1].map(|k| SideJson {
                                    words: w.sides[k]
                                        .words
                                        .iter()
                                        .map(|s| SpanOnlyJson::new(body, *s))
                                        .collect(),
                                    relation: &w.sides[k].relation,
                                }),
                                summary: w.summary(body),
                            }),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Longest evidence quote in the text report, in characters.
const QUOTE_CHARS: usize = 160;

fn quote(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut q: String = one_line.chars().take(QUOTE_CHARS).collect();
    if one_line.chars().count() > QUOTE_CHARS {
        q.push('…');
    }
    sanitize::clean(&q).into_owned()
}

fn write_text(out: &mut dyn Write, article: &Article, x: &Analysis) -> io::Result<()> {
    let c = |s: &str| sanitize::clean(s).into_owned();
    writeln!(out, "== {}", c(&article.title))?;
    let mut facts = vec![format!("id {}", c(&article.id))];
    if let Some(s) = &article.meta.source {
        facts.push(c(s));
    }
    if let Some(d) = &article.meta.date {
        facts.push(c(d));
    }
    writeln!(out, "   {}", facts.join(" · "))?;
    writeln!(out, "\nSections ({})", article.sections.len())?;
    for (i, title) in x.section_titles.iter().enumerate() {
        writeln!(out, "  {:>2}. {}", i + 1, c(title))?;
    }
    writeln!(out, "\nActors ({})", x.actors.len())?;
    for a in &x.actors {
        let mut line = format!(
            "  {:<32} {:<12} {:.2}  {} mention{}",
            c(&a.name),
            a.kind.as_str(),
            a.salience,
            a.mentions.len(),
            if a.mentions.len() == 1 { "" } else { "s" }
        );
        if let Some(r) = &a.role {
            line.push_str(&format!("  · {}", c(r)));
        }
        if !a.aliases.is_empty() {
            line.push_str(&format!("  · also {}", c(&a.aliases.join(", "))));
        }
        writeln!(out, "{line}")?;
    }
    writeln!(out, "\nThemes ({})", x.themes.len())?;
    for t in &x.themes {
        let mut cues: Vec<&str> = t
            .evidence
            .iter()
            .map(|e| e.span.text(&article.body))
            .collect();
        cues.sort_unstable();
        cues.dedup();
        cues.truncate(6);
        writeln!(
            out,
            "  {:<40} {:.2}  {} cue{}: {}",
            c(&t.label),
            t.score,
            t.evidence.len(),
            if t.evidence.len() == 1 { "" } else { "s" },
            c(&cues.join(", "))
        )?;
    }
    writeln!(out, "\nTensions ({})", x.tensions.len())?;
    for t in &x.tensions {
        writeln!(out, "  {} [{}] {:.2}", c(&t.label), c(&t.kind), t.score)?;
        for (i, e) in t.evidence.iter().enumerate().take(3) {
            writeln!(out, "     \"{}\"", quote(e.span.text(&article.body)))?;
            if let Some(w) = t.why.get(i) {
                writeln!(out, "       why: {}", quote(&w.summary(&article.body)))?;
            }
        }
        if t.evidence.len() > 3 {
            writeln!(out, "     (+{} more)", t.evidence.len() - 3)?;
        }
    }
    writeln!(out)
}
