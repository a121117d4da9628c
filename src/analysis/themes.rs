//! Themes: weighted cue words and phrases from the config, scored per article and section.

use super::{AnalyzerError, Theme};
use crate::corpus::{Article, Span};
use serde::Deserialize;

/// One `[[theme]]` entry of the config. Every field but `id` defaults, so a user file can
/// retune one field of a theme by naming its id.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ThemeDef {
    pub id: String,
    pub label: String,
    pub cues: Vec<String>,
    pub exclude: Vec<String>,
}

/// Scores themes. Built once from the config; `score` is pure.
pub struct ThemeScorer {}

impl ThemeScorer {
    pub fn new(defs: &[ThemeDef]) -> Result<Self, AnalyzerError> {
        let _ = defs;
        Ok(ThemeScorer {})
    }

    pub fn score(&self, article: &Article, sentences: &[Span]) -> Vec<Theme> {
        let _ = (article, sentences);
        Vec::new()
    }
}
