//! Tensions: oppositions between two actors (or an actor and a group), found sentence by
//! sentence from cue lexicons and aggregated per pair of sides.

use super::{Actor, AnalyzerError, Tension};
use crate::corpus::{Article, Span};
use serde::Deserialize;

/// The `[tensions]` section of the config: cue lexicons. Every field defaults.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct TensionLexicon {}

/// Finds tensions. Built once from the config; `find` is pure.
pub struct TensionFinder {}

impl TensionFinder {
    pub fn new(lexicon: &TensionLexicon) -> Result<Self, AnalyzerError> {
        let _ = lexicon;
        Ok(TensionFinder {})
    }

    pub fn find(&self, article: &Article, sentences: &[Span], actors: &[Actor]) -> Vec<Tension> {
        let _ = (article, sentences, actors);
        Vec::new()
    }
}
