//! Actors: people, organisations, countries, places, regions and groups named in an article.

use super::{Actor, AnalyzerError};
use crate::corpus::{Article, Span};

/// Finds and merges actor mentions. Built once; `find` is pure.
pub struct ActorFinder {}

impl ActorFinder {
    pub fn new() -> Result<Self, AnalyzerError> {
        Ok(ActorFinder {})
    }

    /// Actors of `article`, sorted by salience, highest first.
    pub fn find(&self, article: &Article, sentences: &[Span]) -> Vec<Actor> {
        let _ = (article, sentences);
        Vec::new()
    }
}
