//! Corrections as lexicon entries of a user config, and back: corpus-wide corrections become
//! `[actors]` aliases, names, kinds and exclusions and `[tensions] exclude_pairs`; a config
//! holding such entries becomes corrections the analyser applies to every article of every
//! corpus.
//!
//! Only what a lexicon can say travels: corrections about one article, or about passages,
//! tension sides and added tensions, stay in the corpus's corrections file (the fragment
//! lists them in a comment so nothing is dropped in silence).

use super::{Change, Correction, Corrections};
use crate::analysis::ActorKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The `[actors]` section of the config: what the analyst knows about names.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ActorLexicon {
    /// `"Gnassingbé" = "Faure Gnassingbé"`: the first name is always the second actor.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub aliases: BTreeMap<String, String>,
    /// `"faure" = "Faure Gnassingbé"`: show the actor under this name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
    /// `"Paris" = "person"`: the actor's kind.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub kinds: BTreeMap<String, ActorKind>,
    /// Names that are never actors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
}

impl ActorLexicon {
    pub fn is_empty(&self) -> bool {
        self.aliases.is_empty()
            && self.names.is_empty()
            && self.kinds.is_empty()
            && self.exclude.is_empty()
    }
}

/// The corrections a config's lexicon entries stand for, applied to every article.
/// Order: exclusions, merges, renames, kinds, then tension exclusions.
pub fn from_config(actors: &ActorLexicon, exclude_pairs: &[[String; 2]]) -> Corrections {
    let mut list = Vec::new();
    let mut push = |n: usize, change: Change| {
        list.push(Correction {
            id: format!("config-{n}"),
            created: String::new(),
            article: None,
            change,
        })
    };
    let mut n = 0;
    let mut next = || {
        n += 1;
        n
    };
    for actor in &actors.exclude {
        push(
            next(),
            Change::RejectActor {
                actor: actor.clone(),
            },
        );
    }
    for (actor, into) in &actors.aliases {
        push(
            next(),
            Change::Merge {
                actor: actor.clone(),
                into: into.clone(),
            },
        );
    }
    for (actor, name) in &actors.names {
        push(
            next(),
            Change::Rename {
                actor: actor.clone(),
                name: name.clone(),
            },
        );
    }
    for (actor, kind) in &actors.kinds {
        push(
            next(),
            Change::SetKind {
                actor: actor.clone(),
                kind: *kind,
            },
        );
    }
    for pair in exclude_pairs {
        push(
            next(),
            Change::RejectTension {
                between: pair.clone(),
            },
        );
    }
    Corrections::new(list)
}

#[derive(Serialize)]
struct Fragment {
    #[serde(skip_serializing_if = "ActorLexicon::is_empty")]
    actors: ActorLexicon,
    #[serde(skip_serializing_if = "TensionPart::is_empty")]
    tensions: TensionPart,
}

#[derive(Serialize, Default)]
struct TensionPart {
    exclude_pairs: Vec<[String; 2]>,
}

impl TensionPart {
    fn is_empty(&self) -> bool {
        self.exclude_pairs.is_empty()
    }
}

/// The user-config fragment for the corpus-wide corrections, as TOML text a config loader
/// accepts, and the corrections it could not express.
pub fn fragment(corrections: &Corrections) -> (String, Vec<&Correction>) {
    let mut actors = ActorLexicon::default();
    let mut tensions = TensionPart::default();
    let mut left = Vec::new();
    for c in &corrections.list {
        if c.article.is_some() {
            left.push(c);
            continue;
        }
        match &c.change {
            Change::RejectActor { actor } => {
                if !actors.exclude.contains(actor) {
                    actors.exclude.push(actor.clone());
                }
            }
            Change::Merge { actor, into } => {
                actors.aliases.insert(actor.clone(), into.clone());
            }
            Change::Rename { actor, name } => {
                actors.names.insert(actor.clone(), name.clone());
            }
            Change::SetKind { actor, kind } => {
                actors.kinds.insert(actor.clone(), *kind);
            }
            Change::RejectTension { between } => {
                if !tensions.exclude_pairs.contains(between) {
                    tensions.exclude_pairs.push(between.clone());
                }
            }
            _ => left.push(c),
        }
    }
    let body = toml::to_string(&Fragment { actors, tensions }).unwrap_or_default();
    let mut text = String::from(
        "# newslens config fragment: corpus-wide corrections as lexicon entries.\n\
         # Keep it in your config ($XDG_CONFIG_HOME/newslens/config.toml or --config) to\n\
         # apply them to every corpus.\n",
    );
    if !left.is_empty() {
        text.push_str("#\n# Not expressible here (kept in the corpus's corrections file):\n");
        for c in &left {
            let scope = c
                .article
                .as_deref()
                .map_or(String::new(), |a| format!(" (article {a})"));
            text.push_str(&format!("#   {}{scope}\n", c.change));
        }
    }
    text.push('\n');
    text.push_str(&body);
    (text, left)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_holds_corpus_wide_name_corrections_and_lists_the_rest() {
        let c = Corrections::new(vec![
            Correction::new(
                None,
                Change::Merge {
                    actor: "Gnassingbé".into(),
                    into: "Faure Gnassingbé".into(),
                },
            ),
            Correction::new(
                None,
                Change::SetKind {
                    actor: "Paris".into(),
                    kind: ActorKind::Person,
                },
            ),
            Correction::new(
                Some("a".into()),
                Change::RejectActor {
                    actor: "Monday".into(),
                },
            ),
            Correction::new(
                None,
                Change::RejectTension {
                    between: ["France".into(), "Russia".into()],
                },
            ),
        ]);
        let (text, left) = fragment(&c);
        assert_eq!(left.len(), 1);
        assert!(
            text.contains("“Monday” is not an actor (article a)"),
            "{text}"
        );
        let v: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(
            v["actors"]["aliases"]["Gnassingbé"].as_str(),
            Some("Faure Gnassingbé")
        );
        assert_eq!(v["actors"]["kinds"]["Paris"].as_str(), Some("person"));
        assert_eq!(
            v["tensions"]["exclude_pairs"][0][1].as_str(),
            Some("Russia")
        );
        assert!(v["actors"].get("exclude").is_none());
    }
}
