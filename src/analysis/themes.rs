//! Themes: which topics of the configured taxonomy an article is about, how strongly, in
//! which sections, and the exact cue words that say so.
//!
//! Every cue of every theme is compiled into one automaton ([`cues::CueSet`]), so the body
//! is scanned once whatever the size of the taxonomy. A cue occurrence that lies inside one
//! of its theme's `exclude` phrases does not count ("trade union" is not trade). Weighted
//! hits are turned into a density per 1,000 words and passed through a saturating curve, so
//! a long article does not score high on every theme it touches once.

pub mod cues;

use super::{AnalyzerError, Evidence, Theme};
use crate::corpus::{Article, Span};
use cues::{Cue, CueSet};
use serde::Deserialize;

/// One `[[theme]]` entry of the config. Every field defaults, so a user file can retune one
/// field of a theme by naming its id.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ThemeDef {
    pub id: String,
    pub label: String,
    /// Cue phrases in the syntax of [`cues`]: `"coup:3"`, `"armed forces:2"`, `"sanction*"`.
    pub cues: Vec<String>,
    /// Phrases (same syntax, weights ignored) inside which this theme's cues do not count.
    pub exclude: Vec<String>,
}

/// Hits inside a Markdown heading line count this much more.
const HEADING_BOOST: f32 = 1.5;
/// Hits in the title (when it is not already a heading of the body) count this much.
const TITLE_BOOST: f32 = 2.0;
/// Texts shorter than this many words are scored as if they had this many, so one cue in
/// a two-line note does not make a strong theme.
const MIN_WORDS: f32 = 200.0;
/// Density (weighted hits per 1,000 words) at which a score reaches 1 - 1/e (about 0.63).
const DENSITY_SCALE: f32 = 20.0;
/// Themes below this article score, or with less total weight, are left out.
const MIN_SCORE: f32 = 0.1;
const MIN_WEIGHT: f32 = 2.0;

struct ThemeInfo {
    id: String,
    label: String,
}

/// What a compiled cue does.
#[derive(Clone, Copy)]
enum Role {
    Cue { theme: usize },
    Exclude { theme: usize },
}

/// Scores themes. Built once from the config; [`ThemeScorer::score`] is pure and linear in
/// the length of the article.
pub struct ThemeScorer {
    themes: Vec<ThemeInfo>,
    cues: CueSet,
    roles: Vec<Role>,
}

/// One counted cue occurrence of a theme.
#[derive(Clone, Copy, Debug)]
struct Hit {
    span: Span,
    weight: f32,
}

impl ThemeScorer {
    /// Compile the taxonomy. Fails, naming the theme and the cue, on a cue that does not
    /// follow the syntax.
    pub fn new(defs: &[ThemeDef]) -> Result<Self, AnalyzerError> {
        let mut themes = Vec::new();
        let mut compiled = Vec::new();
        let mut roles = Vec::new();
        for def in defs {
            let theme = themes.len();
            let bad = |e: String| AnalyzerError(format!("theme `{}`: {e}", def.id));
            for raw in &def.cues {
                compiled.push(Cue::parse(raw).map_err(bad)?);
                roles.push(Role::Cue { theme });
            }
            for raw in &def.exclude {
                compiled.push(Cue::parse(raw).map_err(bad)?);
                roles.push(Role::Exclude { theme });
            }
            themes.push(ThemeInfo {
                id: def.id.clone(),
                label: def.label.clone(),
            });
        }
        let cues = CueSet::new(compiled).map_err(AnalyzerError)?;
        Ok(ThemeScorer {
            themes,
            cues,
            roles,
        })
    }

    /// Themes of `article` above a small threshold, highest score first, each with its cue
    /// matches as evidence and one score per section.
    pub fn score(&self, article: &Article, _sentences: &[Span]) -> Vec<Theme> {
        let body = article.body.as_str();
        if body.is_empty() || self.themes.is_empty() {
            return Vec::new();
        }
        let headings = heading_lines(body);
        let body_hits = self.hits(body);
        let title_hits = if title_is_in_body(article) {
            None
        } else {
            Some(self.hits(&article.title))
        };

        let words = count_words(body) as f32;
        let section_words: Vec<f32> = article
            .sections
            .iter()
            .map(|s| body.get(s.span.start..s.span.end).map_or(0, count_words) as f32)
            .collect();

        let mut out = Vec::new();
        for (ti, info) in self.themes.iter().enumerate() {
            let hits = &body_hits[ti];
            if hits.is_empty() {
                continue;
            }
            let mut total = 0.0f32;
            let mut per_section = vec![0.0f32; article.sections.len()];
            let mut evidence = Vec::with_capacity(hits.len());
            let mut weights = Vec::with_capacity(hits.len());
            // The n-th use of one cue word counts 1/n: a theme needs several of its words,
            // not one word said often ("border" five times is no migration story).
            let mut uses: std::collections::HashMap<String, u32> = Default::default();
            for hit in hits {
                let boost = if in_any(&headings, hit.span.start) {
                    HEADING_BOOST
                } else {
                    1.0
                };
                let n = uses
                    .entry(body[hit.span.start..hit.span.end].to_lowercase())
                    .or_insert(0);
                *n += 1;
                let w = hit.weight * boost / *n as f32;
                total += w;
                let section = article.section_at(hit.span.start);
                if let Some(s) = per_section.get_mut(section) {
                    *s += w;
                }
                evidence.push(Evidence {
                    span: hit.span,
                    section,
                });
                weights.push(w);
            }
            if let Some(title_hits) = &title_hits {
                total += title_hits[ti].iter().map(|h| h.weight).sum::<f32>() * TITLE_BOOST;
            }
            let score = saturate(total, words);
            if score < MIN_SCORE || total < MIN_WEIGHT {
                continue;
            }
            let section_scores = per_section
                .iter()
                .zip(&section_words)
                .map(|(w, n)| saturate(*w, *n))
                .collect();
            out.push(Theme {
                id: info.id.clone(),
                label: info.label.clone(),
                score,
                section_scores,
                evidence,
                weights,
            });
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        out
    }

    /// Counted hits of each theme in `text`, in text order: excluded ones removed, and of
    /// overlapping hits of one theme only the longest kept ("armed forces" over "forces").
    fn hits(&self, text: &str) -> Vec<Vec<Hit>> {
        let n = self.themes.len();
        let mut hits: Vec<Vec<Hit>> = vec![Vec::new(); n];
        let mut excluded: Vec<Vec<Span>> = vec![Vec::new(); n];
        self.cues
            .for_each_match(text, |ci, span| match self.roles[ci] {
                Role::Cue { theme } => hits[theme].push(Hit {
                    span,
                    weight: self.cues.cue(ci).weight,
                }),
                Role::Exclude { theme } => excluded[theme].push(span),
            });
        for (theme_hits, excl) in hits.iter_mut().zip(excluded.iter_mut()) {
            if theme_hits.is_empty() {
                continue;
            }
            excl.sort_unstable();
            // Longest first at each start, so containment is a look at the last kept hit.
            theme_hits.sort_unstable_by(|a, b| {
                a.span
                    .start
                    .cmp(&b.span.start)
                    .then(b.span.end.cmp(&a.span.end))
            });
            let mut kept: Vec<Hit> = Vec::with_capacity(theme_hits.len());
            for hit in theme_hits.drain(..) {
                if inside_any(excl, hit.span) {
                    continue;
                }
                match kept.last_mut() {
                    Some(last) if last.span.end > hit.span.start => {
                        // Overlap: keep the wider span, and the stronger weight of the two.
                        if hit.span.end > last.span.end {
                            last.span.end = hit.span.end;
                        }
                        last.weight = last.weight.max(hit.weight);
                    }
                    _ => kept.push(hit),
                }
            }
            *theme_hits = kept;
        }
        hits
    }
}

/// 0..1 from a weighted hit count and the number of words it was found in.
fn saturate(weight: f32, words: f32) -> f32 {
    if weight <= 0.0 {
        return 0.0;
    }
    let density = weight * 1000.0 / words.max(MIN_WORDS);
    (1.0 - (-density / DENSITY_SCALE).exp()).clamp(0.0, 1.0)
}

/// Number of words: runs of letters and digits (any non-ASCII byte counts as a letter, which
/// is close enough for a length measure and keeps this a tight byte loop).
fn count_words(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        let w = b.is_ascii_alphanumeric() || b >= 0x80;
        if w && !in_word {
            count += 1;
        }
        in_word = w;
    }
    count
}

/// Spans of Markdown heading lines (`#` at the start of a line), in order.
fn heading_lines(body: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        if line.trim_start_matches([' ', '\t']).starts_with('#') {
            out.push(Span::new(at, at + line.len()));
        }
        at += line.len();
    }
    out
}

/// Whether `offset` lies in one of the sorted, disjoint `spans`.
fn in_any(spans: &[Span], offset: usize) -> bool {
    let i = spans.partition_point(|s| s.end <= offset);
    spans.get(i).is_some_and(|s| s.contains(offset))
}

/// Whether `span` lies inside one of the start-sorted `spans` (which may overlap).
fn inside_any(spans: &[Span], span: Span) -> bool {
    // Exclusions are few and short; only those starting at or before the hit can hold it.
    let upto = spans.partition_point(|s| s.start <= span.start);
    spans[..upto]
        .iter()
        .rev()
        .take(8)
        .any(|s| s.start <= span.start && span.end <= s.end)
}

/// The loader keeps a `# Title` heading in the body; then the title must not count twice.
fn title_is_in_body(article: &Article) -> bool {
    let title = article.title.trim();
    if title.is_empty() {
        return true;
    }
    let head_end = article
        .body
        .char_indices()
        .nth(title.len() + 400)
        .map_or(article.body.len(), |(i, _)| i);
    article.body[..head_end].contains(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saturation_is_monotonic_and_bounded() {
        let a = saturate(2.0, 1000.0);
        let b = saturate(10.0, 1000.0);
        let c = saturate(1000.0, 1000.0);
        assert!(0.0 < a && a < b && b < c && c <= 1.0);
        assert_eq!(saturate(0.0, 0.0), 0.0);
        // Short texts are scored against MIN_WORDS, not their own length.
        assert_eq!(saturate(3.0, 10.0), saturate(3.0, MIN_WORDS));
    }

    #[test]
    fn word_counts_and_headings() {
        assert_eq!(count_words("Two words, and   naïve café."), 5);
        assert_eq!(count_words(""), 0);
        let body = "# Title\ntext\n## Part\nmore";
        let h = heading_lines(body);
        assert_eq!(h.len(), 2);
        assert!(in_any(&h, 0) && !in_any(&h, 9) && in_any(&h, 14));
    }

    #[test]
    fn exclusion_containment() {
        let ex = vec![Span::new(0, 10), Span::new(20, 30)];
        assert!(inside_any(&ex, Span::new(0, 5)));
        assert!(inside_any(&ex, Span::new(22, 30)));
        assert!(!inside_any(&ex, Span::new(8, 12)));
        assert!(!inside_any(&ex, Span::new(40, 42)));
    }
}
