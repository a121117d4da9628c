//! Analyst corrections: what a person says the engine got wrong ("not an actor", "Paris is a
//! person here", "these two are one actor", "no tension between these"), kept as plain data
//! and applied after every analysis.
//!
//! - [`Correction`] and [`Change`]: the model (this file). A correction names actors by name
//!   (an actor's name or any alias, case- and accent-folded), never by the engine's ids, so it
//!   keeps meaning across articles and re-analyses; corrections about a passage store it as an
//!   annotation [`Target`] (quote with context, position, body hash) and are re-anchored
//!   like annotations when the article changes.
//! - [`apply`]: the pure function run after analysis.
//! - [`store`]: `<corpus>/.newslens/corrections.toml`, atomic writes, the corpus lock.
//! - [`lexicon`]: corpus-wide corrections as a user-config fragment, and back.
//!
//! For other parts of the program (the corpus index, for one) the whole contract is two
//! calls: [`store::CorrectionStore::load`] once per corpus folder, then [`apply::apply`] (or
//! [`apply::apply_traced`]) on each fresh [`crate::analysis::Analysis`]. Cache analyses
//! *before* corrections and key anything derived on [`Corrections::fingerprint`].

pub mod apply;
pub mod lexicon;
pub mod store;
pub mod w3c;

pub use apply::{Applied, Unapplied, apply, apply_traced};

use crate::analysis::{Actor, ActorKind, slug};
use crate::annotations::Target;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One correction, with where it applies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    /// Unique and stable (UUID layout).
    pub id: String,
    /// RFC 3339.
    pub created: String,
    /// The article id it is about; `None`: every article of the corpus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    #[serde(flatten)]
    pub change: Change,
}

/// What a correction changes. Actor references are names (name or alias, folded).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Change {
    /// "Not an actor": the actor and its place in every tension go.
    RejectActor { actor: String },
    /// The actor is of this kind.
    SetKind { actor: String, kind: ActorKind },
    /// `actor` is `into`: mentions and aliases join it. Where `into` is not found, `actor`
    /// takes its name ("Gnassingbé is always Faure Gnassingbé").
    Merge { actor: String, into: String },
    /// Show the actor under this name (the old one stays an alias).
    Rename { actor: String, name: String },
    /// One mention of `actor` is someone else: it becomes the actor `name` (an existing one
    /// when the name matches, else a new one of `kind`, default the old actor's kind).
    SplitMention {
        actor: String,
        mention: Target,
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kind: Option<ActorKind>,
    },
    /// No tension between these two actors.
    RejectTension { between: [String; 2] },
    /// The tension between these two actors has these sides (flipping is one case).
    SetSides {
        between: [String; 2],
        sides: [Vec<String>; 2],
    },
    /// A tension between two actors the engine missed, with the passage that shows it
    /// (else the sentences naming both).
    AddTension {
        between: [String; 2],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        evidence: Option<Target>,
    },
    /// This passage is evidence of theme `theme` (its id), labelled `label` if the engine
    /// did not find the theme at all.
    ThemeEvidence {
        theme: String,
        label: String,
        passage: Target,
    },
}

impl Change {
    /// Whether it names a passage, and so only makes sense for one article.
    pub fn is_about_a_passage(&self) -> bool {
        matches!(
            self,
            Change::SplitMention { .. }
                | Change::ThemeEvidence { .. }
                | Change::AddTension {
                    evidence: Some(_),
                    ..
                }
        )
    }

    /// The W3C motivation that fits it: `classifying` for kinds and theme evidence,
    /// `editing` for the rest.
    pub fn motivation(&self) -> &'static str {
        match self {
            Change::SetKind { .. } | Change::ThemeEvidence { .. } => "classifying",
            _ => "editing",
        }
    }

    /// The passage it is about, if any.
    pub fn passage(&self) -> Option<&Target> {
        match self {
            Change::SplitMention { mention, .. } => Some(mention),
            Change::ThemeEvidence { passage, .. } => Some(passage),
            Change::AddTension { evidence, .. } => evidence.as_ref(),
            _ => None,
        }
    }
}

impl fmt::Display for Change {
    /// One line for people: `merge “Gnassingbé” into “Faure Gnassingbé”`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::RejectActor { actor } => write!(f, "“{actor}” is not an actor"),
            Change::SetKind { actor, kind } => write!(
                f,
                "“{actor}” is {} {}",
                article_for(kind.as_str()),
                kind.as_str()
            ),
            Change::Merge { actor, into } => write!(f, "merge “{actor}” into “{into}”"),
            Change::Rename { actor, name } => write!(f, "rename “{actor}” to “{name}”"),
            Change::SplitMention {
                actor,
                mention,
                name,
                ..
            } => write!(
                f,
                "the mention “{}” of “{actor}” is “{name}”",
                mention.exact
            ),
            Change::RejectTension { between: [a, b] } => {
                write!(f, "no tension between “{a}” and “{b}”")
            }
            Change::SetSides {
                between: [a, b],
                sides,
            } => write!(
                f,
                "tension “{a}”/“{b}” has sides {} vs {}",
                sides[0].join(", "),
                sides[1].join(", ")
            ),
            Change::AddTension {
                between: [a, b], ..
            } => write!(f, "tension between “{a}” and “{b}”"),
            Change::ThemeEvidence { label, passage, .. } => {
                write!(f, "“{}” is evidence of {label}", short(&passage.exact))
            }
        }
    }
}

fn article_for(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// A quote cut to a readable length for one-line descriptions.
fn short(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{}…", cut.trim_end())
    }
}

impl Correction {
    /// A new correction stamped now.
    pub fn new(article: Option<String>, change: Change) -> Correction {
        Correction {
            id: crate::annotations::new_id(&change.to_string()),
            created: crate::annotations::now_rfc3339(),
            article,
            change,
        }
    }

    /// Whether it is about `article_id` (its own article, or every one).
    pub fn applies_to(&self, article_id: &str) -> bool {
        self.article.as_deref().is_none_or(|a| a == article_id)
    }

    /// "this article" or "whole corpus".
    pub fn scope_label(&self) -> &'static str {
        if self.article.is_some() {
            "this article"
        } else {
            "whole corpus"
        }
    }
}

/// The corrections of one corpus folder, in the order they were made (later ones see the
/// result of earlier ones).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Corrections {
    pub list: Vec<Correction>,
}

impl Corrections {
    pub fn new(list: Vec<Correction>) -> Corrections {
        Corrections { list }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Those about `article_id`, in order.
    pub fn for_article<'a>(&'a self, article_id: &'a str) -> impl Iterator<Item = &'a Correction> {
        self.list.iter().filter(move |c| c.applies_to(article_id))
    }

    /// A short hash of the whole set: changes whenever any correction is added, removed or
    /// edited, so caches of corrected results can be keyed on it.
    pub fn fingerprint(&self) -> String {
        let text = toml::to_string(&store::File::of(self)).unwrap_or_default();
        crate::annotations::body_hash(&text)[..16].to_string()
    }
}

/// The corrections of every corpus folder of a corpus, loaded once and applied to each
/// article by its folder. This is what `analyze`, `export`, the reader and the corpus index
/// call after analysing an article.
#[derive(Debug, Default)]
pub struct CorpusCorrections {
    by_root: std::collections::HashMap<std::path::PathBuf, Corrections>,
    /// Broken corrections files, said with their path and line.
    pub notices: Vec<crate::annotations::store::Notice>,
}

impl CorpusCorrections {
    /// Read (without locking) the corrections file of each folder of `articles`.
    pub fn load(articles: &[crate::corpus::Article]) -> CorpusCorrections {
        let mut out = CorpusCorrections::default();
        for a in articles {
            if !out.by_root.contains_key(&*a.root) {
                let (store, notices) = store::CorrectionStore::load(&a.root);
                out.notices.extend(notices);
                out.by_root
                    .insert(a.root.to_path_buf(), store.corrections().clone());
            }
        }
        out
    }

    /// The corrections of the folder `root` (none when it has no file).
    pub fn of_root(&self, root: &std::path::Path) -> Option<&Corrections> {
        self.by_root.get(root)
    }

    /// Whether no folder has any correction.
    pub fn is_empty(&self) -> bool {
        self.by_root.values().all(Corrections::is_empty)
    }

    /// `analysis` of `article` with its folder's corrections applied, and those of its
    /// corrections that no longer apply.
    pub fn apply(
        &self,
        article: &crate::corpus::Article,
        analysis: crate::analysis::Analysis,
    ) -> (crate::analysis::Analysis, Vec<Unapplied>) {
        match self.by_root.get(&*article.root) {
            Some(c) if !c.is_empty() => apply(c, &article.id, article, analysis),
            _ => (analysis, Vec::new()),
        }
    }
}

/// One line for stderr about a correction that no longer applies.
pub fn unapplied_line(article: &crate::corpus::Article, u: &Unapplied) -> String {
    format!(
        "{}: correction {} ({}) no longer applies to article `{}`: {}",
        store::path_of(&article.root).display(),
        &u.correction.id[..8.min(u.correction.id.len())],
        u.correction.change,
        article.id,
        u.reason
    )
}

/// The folded form names are compared in: case, accents and punctuation ignored
/// ("Gnassingbé" = "gnassingbe", "U.S." = "US").
pub fn fold(name: &str) -> String {
    slug(
        name.trim()
            .trim_start_matches("the ")
            .trim_start_matches("The "),
    )
}

/// Whether `name` names `actor`: its name, any alias, or its id, folded.
pub fn names_actor(actor: &Actor, name: &str) -> bool {
    let want = fold(name);
    !want.is_empty()
        && (fold(&actor.name) == want
            || actor.id == want
            || actor.aliases.iter().any(|a| fold(a) == want))
}

/// The kind named `word` (`person`, `org`, `organisation`, ...), or `None`.
pub fn parse_kind(word: &str) -> Option<ActorKind> {
    Some(match word.trim().to_lowercase().as_str() {
        "person" | "people" | "per" => ActorKind::Person,
        "organization" | "organisation" | "org" => ActorKind::Organization,
        "country" | "state" => ActorKind::Country,
        "place" | "city" | "location" | "loc" => ActorKind::Place,
        "region" => ActorKind::Region,
        "group" => ActorKind::Group,
        _ => return None,
    })
}

/// Every kind, for prompts and messages.
pub const KINDS: [ActorKind; 6] = [
    ActorKind::Person,
    ActorKind::Organization,
    ActorKind::Country,
    ActorKind::Place,
    ActorKind::Region,
    ActorKind::Group,
];

/// Up to `n` of `candidates` closest to `name` (folded edit distance, prefix and substring
/// matches first), for "did you mean" messages and fuzzy pickers.
pub fn close_matches<'a>(name: &str, candidates: &[&'a str], n: usize) -> Vec<&'a str> {
    let want = fold(name);
    let mut scored: Vec<(usize, &str)> = candidates
        .iter()
        .filter_map(|&c| {
            let have = fold(c);
            if have.is_empty() {
                return None;
            }
            if have.contains(&want) || want.contains(&have) {
                return Some((0, c));
            }
            // The whole name, or any one word of it ("Gnasingbe" for "Faure Gnassingbé").
            std::iter::once(have.as_str())
                .chain(have.split('-'))
                .filter_map(|part| {
                    let d = edit_distance(&want, part);
                    let budget = (want.chars().count().max(part.chars().count()) / 3).max(2);
                    (d <= budget).then_some(d)
                })
                .min()
                .map(|d| (d, c))
        })
        .collect();
    // Closest first; among equals the shorter name ("Amazon River" before "Amazon
    // Environmental Research Institute" for "amaz").
    scored.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.len().cmp(&b.1.len()))
            .then(a.1.cmp(b.1))
    });
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_and_the() {
        assert_eq!(fold("Gnassingbé"), fold("GNASSINGBE"));
        assert_eq!(fold("the Kremlin"), fold("Kremlin"));
        assert_ne!(fold("Paris"), fold("Parisian"));
    }

    #[test]
    fn close_matches_find_typos_and_parts() {
        let names = ["Faure Gnassingbé", "France", "Russia", "Togo"];
        assert_eq!(
            close_matches("Gnasingbe", &names, 3),
            vec!["Faure Gnassingbé"]
        );
        assert_eq!(close_matches("Frnace", &names, 3), vec!["France"]);
        assert!(close_matches("Zimbabwe", &names, 3).is_empty());
    }

    #[test]
    fn kinds_parse_in_either_spelling() {
        assert_eq!(parse_kind("Organisation"), Some(ActorKind::Organization));
        assert_eq!(parse_kind("person"), Some(ActorKind::Person));
        assert_eq!(parse_kind("thing"), None);
    }
}
