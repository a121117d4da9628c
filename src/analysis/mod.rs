//! Analysis of one article: sentences, actors, themes and tensions, each finding carrying
//! the byte spans of its evidence in the article body.
//!
//! The pipeline is pure: [`Analyzer::analyze`] reads an [`Article`] and returns an
//! [`Analysis`]; nothing here touches the disk or the terminal after construction.

pub mod actors;
pub mod gazetteer;
pub mod syntax;
pub mod tagged;
pub mod tensions;
pub mod text;
pub mod themes;
pub mod titles;

use crate::config::Config;
use crate::corpus::{Article, Span};
use serde::{Deserialize, Serialize};

pub use actors::slug;

/// What an actor is (DESIGN §3). `Group` is for collective, unnamed actors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

/// What kind of evidence made a name an actor, or gave it its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Basis {
    /// An entry of a bundled gazetteer (countries, places, organisations, groups).
    Gazetteer,
    /// A title or role word before or beside the name ("President", "the minister").
    Title,
    /// A word around the name that says what it is: a head word ("Council", "River"), a
    /// given name, a verb of saying, a preposition of place, an acronym in brackets.
    Cue,
    /// The part-of-speech tagger read the words as a proper-noun run.
    Tagger,
    /// Only the capital letters of a run of words not opening a sentence.
    Capitals,
}

impl Basis {
    pub const fn as_str(self) -> &'static str {
        match self {
            Basis::Gazetteer => "gazetteer",
            Basis::Title => "title",
            Basis::Cue => "cue",
            Basis::Tagger => "tagger",
            Basis::Capitals => "capitals",
        }
    }
}

/// One reason an actor was found: its basis and what exactly ("gazetteer: Iran (country)").
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ActorWhy {
    pub basis: Basis,
    pub detail: String,
}

/// The words of one side of one evidence sentence and the relation that tied them to the
/// cue ("subject", "object", "oblique 'against'", "between").
#[derive(Clone, Debug, PartialEq)]
pub struct SideWhy {
    /// Spans of the names taken as this side, in body order.
    pub words: Vec<Span>,
    pub relation: String,
}

/// Why one evidence sentence shows a tension: its cue, the cue's event class and the two
/// sides as read from the sentence (in the sentence's own order: acting side first).
#[derive(Clone, Debug, PartialEq)]
pub struct TensionWhy {
    pub cue: Span,
    /// The cue's class id in `[[tensions.class]]` ("disapprove", "assault"...).
    pub class: String,
    pub sides: [SideWhy; 2],
}

impl TensionWhy {
    /// One line for the reader: "Iran ← subject of 'condemned' → object: United States",
    /// or "'rivalry': Mali and France (between)" when both sides hold the same place.
    pub fn summary(&self, body: &str) -> String {
        let words = |side: &SideWhy| {
            let names: Vec<&str> = side
                .words
                .iter()
                .filter_map(|s| body.get(s.start..s.end))
                .collect();
            match names.as_slice() {
                [] => String::from("?"),
                [one] => (*one).to_string(),
                [init @ .., last] => format!("{} and {last}", init.join(", ")),
            }
        };
        let cue = body
            .get(self.cue.start..self.cue.end)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let [a, b] = &self.sides;
        if a.relation == b.relation {
            return format!("'{cue}': {} and {} ({})", words(a), words(b), a.relation);
        }
        // A side the sentence does not name (the state behind an agentless arrest) is held
        // by the cue's own word: its relation says who it is.
        let implied = |side: &SideWhy| side.words.as_slice() == [self.cue];
        if implied(a) {
            return format!("'{cue}' by {} → {}: {}", a.relation, b.relation, words(b));
        }
        if implied(b) {
            return format!("{} ← {} of '{cue}' → {}", words(a), a.relation, b.relation);
        }
        format!(
            "{} ← {} of '{cue}' → {}: {}",
            words(a),
            a.relation,
            b.relation,
            words(b)
        )
    }
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
    /// Why it is an actor of this kind, strongest evidence first; at most a few entries.
    pub why: Vec<ActorWhy>,
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
    /// The weight each evidence cue added to the score (after the heading boost), same
    /// length as `evidence`.
    pub weights: Vec<f32>,
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
    /// Per evidence sentence (same length as `evidence`): its strongest cue and sides.
    pub why: Vec<TensionWhy>,
    /// The event class (PLOVER-style `[[tensions.class]]` id) with most weight.
    pub event_class: String,
    /// "verbal conflict" or "material conflict", from the event class.
    pub quad_class: String,
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
    /// The config's `[actors]` and `[tensions] exclude_pairs` entries, as corrections.
    lexicon: crate::corrections::Corrections,
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
        // The syntax models decode while the lexicons compile: the two are each about half
        // of the start-up (~0.3 G instructions apiece), and every analysis needs both.
        // Whoever asks for the models first waits for that decoding, nothing is done twice.
        let _ = std::thread::Builder::new()
            .name("syntax-models".into())
            .spawn(|| {
                syntax::Syntax::embedded();
            });
        Ok(Analyzer {
            actors: actors::ActorFinder::new()?,
            themes: themes::ThemeScorer::new(&config.themes)?,
            tensions: tensions::TensionFinder::new(&config.tensions)?,
            lexicon: crate::corrections::lexicon::from_config(
                &config.actors,
                &config.tensions.exclude_pairs,
            ),
        })
    }

    /// Analyse one article. Pure and deterministic.
    pub fn analyze(&self, article: &Article) -> Analysis {
        // Heading lines and the headline are units of the text the actor finder reads (they
        // confirm names), but not sentences: nothing else analyses them, and the reader's
        // cursor, selections and annotations move over sentences only.
        let units = text::sentences(&article.body);
        let (actors, tagged) = self.actors.find_tagged(article, &units);
        let sentences = text::body_sentences(article, units);
        let themes = self.themes.score(article, &sentences);
        let tensions = self
            .tensions
            .find_tagged(article, &sentences, &actors, &tagged);
        let section_titles = titles::section_titles(article, &actors, &themes);
        let analysis = Analysis {
            sentences,
            actors,
            themes,
            tensions,
            section_titles,
        };
        if self.lexicon.is_empty() {
            return analysis;
        }
        crate::corrections::apply(&self.lexicon, &article.id, article, analysis).0
    }
}
