//! Analysis of one article: sentences, actors, themes and tensions, each finding carrying
//! the byte spans of its evidence in the article body.
//!
//! The pipeline is pure: [`Analyzer::analyze`] reads an [`Article`] and returns an
//! [`Analysis`]; nothing here touches the disk or the terminal after construction.

pub mod actors;
pub mod gazetteer;
pub mod syntax;
pub mod tensions;
pub mod text;
pub mod themes;
pub mod titles;

use crate::config::Config;
use crate::corpus::{Article, Span};
use serde::Serialize;

/// What an actor is (DESIGN §3). `Group` is for collective, unnamed actors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organization,
    Country,
    Place,
    Region,
    Group,
}

impl ActorKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Country => "country",
            ActorKind::Place => "place",
            ActorKind::Region => "region",
            ActorKind::Group => "group",
        }
    }
}

/// One place in the body where an actor is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    /// Index into `Article::sections`.
    pub section: usize,
}

/// A passage that supports a theme or a tension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub span: Span,
    /// Index into `Article::sections`.
    pub section: usize,
}

/// A person, organisation, country, place, region or group the article talks about.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    /// Stable slug, unique within the article (`faure-gnassingbe`).
    pub id: String,
    /// The fullest name used in the article.
    pub name: String,
    pub kind: ActorKind,
    /// Other forms found in the text (surname, acronym, demonym...), without `name`.
    pub aliases: Vec<String>,
    /// "President of Togo" where the text says so.
    pub role: Option<String>,
    /// 0..=1, from mentions, position and the headline.
    pub salience: f32,
    /// In body order; never empty.
    pub mentions: Vec<Mention>,
}

/// A topic the article is about, from the taxonomy in the config.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub id: String,
    pub label: String,
    /// 0..=1 for the whole article.
    pub score: f32,
    /// Score per section, same length as `Article::sections`.
    pub section_scores: Vec<f32>,
    /// Cue matches, in body order; never empty.
    pub evidence: Vec<Evidence>,
}

/// An opposition between two sides (each one or more actor ids of the same article).
#[derive(Clone, Debug, PartialEq)]
pub struct Tension {
    pub id: String,
    pub label: String,
    /// "geopolitical rivalry", "protest and repression", ...
    pub kind: String,
    /// Exactly two non-empty lists of actor ids.
    pub sides: [Vec<String>; 2],
    pub score: f32,
    /// Sentences that show the opposition, in body order; never empty.
    pub evidence: Vec<Evidence>,
}

/// Everything the engine found in one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// Sentence spans in body order.
    pub sentences: Vec<Span>,
    /// Sorted by salience, highest first.
    pub actors: Vec<Actor>,
    /// Sorted by score, highest first.
    pub themes: Vec<Theme>,
    /// Sorted by score, highest first.
    pub tensions: Vec<Tension>,
    /// One title per section: its heading, or a title generated from its actors and themes.
    pub section_titles: Vec<String>,
}

impl Analysis {
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }
}

/// The engine, built once from the configuration and the bundled lexicons, then shared
/// (it is `Sync`) across threads to analyse many articles.
pub struct Analyzer {
    actors: actors::ActorFinder,
    themes: themes::ThemeScorer,
    tensions: tensions::TensionFinder,
}

/// A configuration the engine cannot be built from.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalyzerError(pub String);

impl std::fmt::Display for AnalyzerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AnalyzerError {}

impl Analyzer {
    pub fn new(config: &Config) -> Result<Self, AnalyzerError> {
        Ok(Analyzer {
            actors: actors::ActorFinder::new()?,
            themes: themes::ThemeScorer::new(&config.themes)?,
            tensions: tensions::TensionFinder::new(&config.tensions)?,
        })
    }

    /// Analyse one article. Pure and deterministic.
    pub fn analyze(&self, article: &Article) -> Analysis {
        let sentences = text::sentences(&article.body);
        let actors = self.actors.find(article, &sentences);
        let themes = self.themes.score(article, &sentences);
        let tensions = self.tensions.find(article, &sentences, &actors);
        let section_titles = titles::section_titles(article, &actors, &themes);
        Analysis {
            sentences,
            actors,
            themes,
            tensions,
            section_titles,
        }
    }
}
