//! Actors across articles: which per-article actors are the same real-world actor.
//!
//! The engine already gives gazetteer actors their canonical name ("UN" is "United
//! Nations"), so the slug of the name is the gazetteer id for them and a normalised name
//! (case and accents folded) for the rest. One rule more joins what a single article cannot:
//! a person named by a surname alone ("Guterres") joins the full name ("António Guterres")
//! only when the corpus has exactly one person of that surname; with two (Joe and Hunter
//! Biden) the surname stays its own actor rather than guessing. Each corpus actor then takes
//! the kind most of its mentions were given, its most used full name, and every other form
//! as an alias.

use std::collections::{HashMap, HashSet};

/// What reconciliation reads of one per-article actor.
#[derive(Clone, Debug, PartialEq)]
pub struct Occurrence {
    pub article: i64,
    pub name: String,
    pub kind: String,
    /// Slug of the name (see [`super::rows::name_key`]).
    pub name_key: String,
    /// One per line.
    pub aliases: String,
    pub mentions: usize,
}

/// One actor of the corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct CorpusActor {
    pub key: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    /// `-slug-` of the name and of each alias, space-separated: what `actor:` matches.
    pub forms: String,
    pub articles: usize,
    pub mentions: usize,
}

/// The corpus key of each occurrence (same order) and the corpus actors, most articles first.
pub fn reconcile(occurrences: &[Occurrence]) -> (Vec<String>, Vec<CorpusActor>) {
    // Surname -> full-name keys of persons.
    let mut surnames: HashMap<&str, HashSet<&str>> = HashMap::new();
    for o in occurrences {
        if let Some(last) = surname_of(&o.kind, &o.name_key) {
            surnames.entry(last).or_default().insert(&o.name_key);
        }
    }
    let keys: Vec<String> = occurrences
        .iter()
        .map(|o| {
            if joins_a_full_name(&o.kind, &o.name_key)
                && let Some(full) = surnames.get(o.name_key.as_str())
                && full.len() == 1
                && let Some(k) = full.iter().next()
            {
                return (*k).to_string();
            }
            o.name_key.clone()
        })
        .collect();
    let mut groups: HashMap<&str, Vec<&Occurrence>> = HashMap::new();
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, (o, key)) in occurrences.iter().zip(&keys).enumerate() {
        groups.entry(key.as_str()).or_default().push(o);
        first.entry(key.as_str()).or_insert(i);
    }
    let mut actors: Vec<(usize, CorpusActor)> = groups
        .into_iter()
        .map(|(key, members)| (first[key], aggregate(key, &members)))
        .collect();
    actors.sort_by(|a, b| {
        b.1.articles
            .cmp(&a.1.articles)
            .then(b.1.mentions.cmp(&a.1.mentions))
            .then(a.0.cmp(&b.0))
    });
    (keys, actors.into_iter().map(|(_, a)| a).collect())
}

/// The surname a person's full name offers to lone surnames (`guterres` of
/// `antonio-guterres`); none for one-word names and for anything but a person.
pub fn surname_of<'a>(kind: &str, name_key: &'a str) -> Option<&'a str> {
    if kind != "person" {
        return None;
    }
    name_key.rsplit_once('-').map(|(_, last)| last)
}

/// Whether this occurrence is a lone surname that may join the only full name with it.
pub fn joins_a_full_name(kind: &str, name_key: &str) -> bool {
    kind == "person" && !name_key.contains('-')
}

/// The corpus actor `key` made of its occurrences: the kind most of its mentions were
/// given, its most used full name, every other form as an alias. Depends only on the
/// occurrences, never on their order, so one actor can be recomputed alone (the
/// incremental update) and equal what a rebuild gives.
pub fn aggregate(key: &str, members: &[&Occurrence]) -> CorpusActor {
    let mut kinds: HashMap<&str, usize> = HashMap::new();
    let mut names: HashMap<&str, usize> = HashMap::new();
    let mut forms: HashMap<&str, usize> = HashMap::new();
    let mut articles: HashSet<i64> = HashSet::new();
    let mut mentions = 0;
    for o in members {
        *kinds.entry(&o.kind).or_default() += o.mentions.max(1);
        // Only names that are the key itself can name the group ("Guterres" joining
        // "António Guterres" is an alias, not a candidate name).
        if o.name_key == key {
            *names.entry(&o.name).or_default() += 1;
        }
        *forms.entry(&o.name).or_default() += 1;
        for a in o.aliases.lines().filter(|a| !a.trim().is_empty()) {
            *forms.entry(a).or_default() += 1;
        }
        articles.insert(o.article);
        mentions += o.mentions;
    }
    let most = |m: &HashMap<&str, usize>| -> Option<String> {
        m.iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(s, _)| (*s).to_string())
    };
    let name = most(&names)
        .or_else(|| most(&forms))
        .unwrap_or_else(|| key.to_string());
    let kind = most(&kinds).unwrap_or_default();
    let mut forms: Vec<(&str, usize)> = forms.into_iter().filter(|(f, _)| *f != name).collect();
    forms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let aliases: Vec<String> = forms.iter().take(12).map(|(f, _)| f.to_string()).collect();
    let mut slugs: Vec<String> = vec![format!("-{key}-")];
    for f in std::iter::once(name.as_str()).chain(aliases.iter().map(String::as_str)) {
        let s = format!("-{}-", crate::analysis::actors::slug(f));
        if s != "--" && !slugs.contains(&s) {
            slugs.push(s);
        }
    }
    CorpusActor {
        key: key.to_string(),
        name,
        kind,
        aliases,
        forms: slugs.join(" "),
        articles: articles.len(),
        mentions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(article: i64, name: &str, kind: &str, mentions: usize) -> Occurrence {
        Occurrence {
            article,
            name: name.into(),
            kind: kind.into(),
            name_key: super::super::rows::name_key(name, "x"),
            aliases: String::new(),
            mentions,
        }
    }

    #[test]
    fn a_surname_joins_the_only_full_name() {
        let o = vec![
            occ(1, "António Guterres", "person", 3),
            occ(2, "Guterres", "person", 2),
            occ(3, "Guterres", "person", 1),
        ];
        let (keys, actors) = reconcile(&o);
        assert_eq!(keys, ["antonio-guterres"; 3]);
        assert_eq!(actors.len(), 1);
        assert_eq!(actors[0].name, "António Guterres");
        assert_eq!(actors[0].articles, 3);
        assert_eq!(actors[0].mentions, 6);
        assert_eq!(actors[0].aliases, ["Guterres"]);
        assert!(actors[0].forms.contains("-guterres-"));
    }

    #[test]
    fn a_surname_shared_by_two_people_stays_apart() {
        let o = vec![
            occ(1, "Joe Biden", "person", 3),
            occ(2, "Hunter Biden", "person", 2),
            occ(3, "Biden", "person", 4),
        ];
        let (keys, actors) = reconcile(&o);
        assert_eq!(keys, ["joe-biden", "hunter-biden", "biden"]);
        assert_eq!(actors.len(), 3);
        assert_eq!(actors[0].key, "biden", "most mentions first among equals");
    }

    #[test]
    fn kinds_go_by_mentions_and_accents_fold() {
        let o = vec![
            occ(1, "Côte d'Ivoire", "country", 5),
            occ(2, "Cote d'Ivoire", "place", 1),
            occ(3, "Côte d'Ivoire", "country", 2),
        ];
        let (keys, actors) = reconcile(&o);
        assert!(keys.iter().all(|k| k == "cote-divoire"));
        assert_eq!(actors.len(), 1);
        assert_eq!(actors[0].kind, "country");
        assert_eq!(actors[0].name, "Côte d'Ivoire");
        assert_eq!(actors[0].aliases, ["Cote d'Ivoire"]);
    }

    #[test]
    fn a_non_person_single_word_never_joins_a_person() {
        let o = vec![
            occ(1, "Marine Jordan", "person", 1),
            occ(2, "Jordan", "country", 3),
        ];
        let (keys, _) = reconcile(&o);
        assert_eq!(keys, ["marine-jordan", "jordan"]);
    }
}
