//! From an analysed article to the rows the index stores for it.
//!
//! This is the only place in the index that reads the analysis structs: new fields in
//! [`Analysis`] never break the index, and a new table takes its rows from here.

use crate::analysis::Analysis;
use crate::analysis::actors::slug;
use crate::corpus::Article;
use crate::corrections::Corrections;
use crate::corrections::apply::Unapplied;

/// Post-process an analysis before it is stored: the analyst's corrections of the article's
/// folder (those about this article and the corpus-wide ones) are applied, so the index,
/// `search` and the `corpus` report show what the reader shows. Returns the corrections that
/// no longer apply, to be reported.
pub fn prepare(
    article: &Article,
    analysis: Analysis,
    corrections: &Corrections,
) -> (Analysis, Vec<Unapplied>) {
    if corrections.for_article(&article.id).next().is_none() {
        return (analysis, Vec::new());
    }
    crate::corrections::apply(corrections, &article.id, article, analysis)
}

/// The article row (without file facts: size, mtime, hash).
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleRow {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub date: Option<String>,
    /// `YYYY-MM` of a well-formed date.
    pub month: Option<String>,
    /// The folder part of the id (`""` at the corpus root).
    pub folder: String,
    /// Front matter tags, one per line.
    pub tags: String,
    pub body_bytes: usize,
    pub sections: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActorRow {
    pub ord: usize,
    pub actor_id: String,
    pub name: String,
    pub kind: &'static str,
    /// One per line.
    pub aliases: String,
    pub role: Option<String>,
    pub salience: f32,
    /// (start, end, section) in body order.
    pub mentions: Vec<(usize, usize, usize)>,
    /// The key before corpus reconciliation: the slug of the name.
    pub name_key: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ThemeRow {
    pub theme_id: String,
    pub label: String,
    pub score: f32,
    pub evidence: usize,
    pub first: (usize, usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct TensionRow {
    pub ord: usize,
    pub tension_id: String,
    pub label: String,
    pub kind: String,
    pub score: f32,
    pub evidence: usize,
    pub first: (usize, usize),
    /// Actor ords (indices into the actor rows) of each side.
    pub sides: [Vec<usize>; 2],
}

/// Everything stored for one article.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleRows {
    pub article: ArticleRow,
    pub actors: Vec<ActorRow>,
    pub themes: Vec<ThemeRow>,
    pub tensions: Vec<TensionRow>,
}

/// `YYYY-MM` when `date` starts with a well-formed year and month.
pub fn month_of(date: &str) -> Option<String> {
    let b = date.as_bytes();
    let ok = b.len() >= 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && (b"01".as_slice()..=b"12".as_slice()).contains(&&b[5..7]);
    ok.then(|| date[..7].to_string())
}

/// The rows of `article` analysed as `analysis`.
pub fn rows(article: &Article, analysis: &Analysis) -> ArticleRows {
    let folder = article
        .id
        .rsplit_once('/')
        .map_or(String::new(), |(f, _)| f.to_string());
    let date = article.meta.date.clone();
    let row = ArticleRow {
        id: article.id.clone(),
        title: article.title.clone(),
        source: article.meta.source.clone(),
        month: date.as_deref().and_then(month_of),
        date,
        folder,
        tags: article.meta.tags.join("\n"),
        body_bytes: article.body.len(),
        sections: article.sections.len(),
    };
    let actors: Vec<ActorRow> = analysis
        .actors
        .iter()
        .enumerate()
        .map(|(ord, a)| ActorRow {
            ord,
            actor_id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind.as_str(),
            aliases: a.aliases.join("\n"),
            role: a.role.clone(),
            salience: a.salience,
            mentions: a
                .mentions
                .iter()
                .map(|m| (m.span.start, m.span.end, m.section))
                .collect(),
            name_key: name_key(&a.name, &a.id),
        })
        .collect();
    let themes = analysis
        .themes
        .iter()
        .map(|t| ThemeRow {
            theme_id: t.id.clone(),
            label: t.label.clone(),
            score: t.score,
            evidence: t.evidence.len(),
            first: t
                .evidence
                .first()
                .map_or((0, 0), |e| (e.span.start, e.span.end)),
        })
        .collect();
    let ord_of = |id: &String| analysis.actors.iter().position(|a| &a.id == id);
    let tensions = analysis
        .tensions
        .iter()
        .enumerate()
        .map(|(ord, t)| TensionRow {
            ord,
            tension_id: t.id.clone(),
            label: t.label.clone(),
            kind: t.kind.clone(),
            score: t.score,
            evidence: t.evidence.len(),
            first: t
                .evidence
                .first()
                .map_or((0, 0), |e| (e.span.start, e.span.end)),
            sides: [
                t.sides[0].iter().filter_map(ord_of).collect(),
                t.sides[1].iter().filter_map(ord_of).collect(),
            ],
        })
        .collect();
    ArticleRows {
        article: row,
        actors,
        themes,
        tensions,
    }
}

/// The key of an actor's name, before reconciliation across articles: the slug of its
/// name, else its id.
pub fn name_key(name: &str, id: &str) -> String {
    match slug(name) {
        s if s.is_empty() => id.to_string(),
        s => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_need_a_real_year_and_month() {
        assert_eq!(month_of("2025-03-04").as_deref(), Some("2025-03"));
        assert_eq!(month_of("2025-03").as_deref(), Some("2025-03"));
        assert_eq!(month_of("2025-13-01"), None);
        assert_eq!(month_of("March 2025"), None);
        assert_eq!(month_of("2025"), None);
    }
}
