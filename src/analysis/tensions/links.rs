//! Links between the actors of one article that decide who can take a side: names that
//! stand for another actor (a capital for its country, "Brussels" for the European Union),
//! leaders who belong to a country ("Moldovan President Maia Sandu"), and the person a
//! sentence-opening "He" or "She" refers back to.

use super::Named;
use crate::analysis::{Actor, ActorKind};
use crate::corpus::Span;
use std::collections::{BTreeMap, HashMap, HashSet};

const COUNTRIES: &str = include_str!("../../../data/gazetteer/countries.tsv");

const ORGANIZATIONS: &str = include_str!("../../../data/gazetteer/organizations.tsv");

/// Lowercase names, acronyms and aliases of the news media in the organisation gazetteer
/// (type `media`).
pub(super) fn media_names() -> HashSet<String> {
    let mut out = HashSet::new();
    for line in ORGANIZATIONS.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.get(3).map(|t| t.trim()) != Some("media") {
            continue;
        }
        for col in &cols[..3] {
            out.extend(
                col.split('|')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_lowercase),
            );
        }
    }
    out
}

/// Country facts from the bundled gazetteer, keyed by lowercase names.
#[derive(Clone, Debug, Default)]
pub(super) struct Countries {
    /// Capital -> country name ("moscow" -> "russia").
    capitals: HashMap<String, String>,
    /// Country name -> its adjectives and demonyms, as written ("Russian", "Russians").
    demonyms: HashMap<String, Vec<String>>,
}

impl Countries {
    /// Parse `countries.tsv` (name, aliases, demonyms, capital; `|` between variants).
    pub(super) fn bundled() -> Self {
        let mut out = Countries::default();
        for line in COUNTRIES.lines() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(name) = cols.first().map(|n| n.trim().to_lowercase()) else {
                continue;
            };
            let variants = |i: usize| -> Vec<String> {
                cols.get(i)
                    .map(|c| {
                        c.split('|')
                            .map(str::trim)
                            .filter(|v| !v.is_empty())
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default()
            };
            for capital in variants(3) {
                out.capitals.insert(capital.to_lowercase(), name.clone());
            }
            out.demonyms.insert(name, variants(2));
        }
        out
    }
}

/// Per-article links, indexed by actor.
pub(super) struct Links {
    /// The actor each actor's mentions count for when it takes a side (itself, usually).
    pub stand_for: Vec<Option<usize>>,
    /// Whether the actor is a place standing for another: its mentions after a preposition
    /// of place or motion are the place itself ("withdraw from Baku", "talks in Moscow").
    pub seat: Vec<bool>,
    /// (person, country) pairs where the person is that country's own leader or official.
    pub owned: HashSet<(usize, usize)>,
}

/// The lowercase forms an actor goes by: its name and aliases.
fn forms(actor: &Actor) -> impl Iterator<Item = String> + '_ {
    std::iter::once(actor.name.to_lowercase()).chain(actor.aliases.iter().map(|a| a.to_lowercase()))
}

impl Links {
    /// Work out the links of `actors` in `body`. Actors listed in `generic` never stand
    /// for anyone; places stand only for the actor they name by metonymy.
    pub(super) fn new(
        body: &str,
        actors: &[Actor],
        countries: &Countries,
        metonyms: &BTreeMap<String, String>,
        generic: &HashSet<String>,
    ) -> Self {
        let mut by_form: HashMap<String, usize> = HashMap::new();
        for (i, a) in actors.iter().enumerate() {
            if matches!(
                a.kind,
                ActorKind::Country | ActorKind::Organization | ActorKind::Group
            ) {
                for f in forms(a) {
                    by_form.entry(f).or_insert(i);
                }
            }
        }
        let metonyms: HashMap<String, String> = metonyms
            .iter()
            .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_lowercase()))
            .collect();
        let stand_for = actors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                if generic.contains(&a.id.to_lowercase()) {
                    return None;
                }
                // A capital or a seat of power speaks for its state when the state is in
                // the article: "Russia blamed Kyiv" opposes Russia and Ukraine.
                let target = forms(a)
                    .find_map(|f| {
                        metonyms
                            .get(&f)
                            .or_else(|| {
                                matches!(a.kind, ActorKind::Place)
                                    .then(|| countries.capitals.get(&f))
                                    .flatten()
                            })
                            .and_then(|t| by_form.get(t).copied())
                    })
                    .or_else(|| led_by(a, &by_form, countries));
                match (target, a.kind) {
                    (Some(t), _) if t != i => Some(t),
                    (_, ActorKind::Place | ActorKind::Region) => None,
                    _ => Some(i),
                }
            })
            .collect::<Vec<Option<usize>>>();
        let seat = actors
            .iter()
            .enumerate()
            .map(|(i, a)| a.kind == ActorKind::Place && stand_for[i].is_some_and(|t| t != i))
            .collect();
        Links {
            stand_for,
            seat,
            owned: owned(body, actors, countries),
        }
    }
}

/// The actor a compound adjective names: "Houthi-held", "Saudi-led", "Moscow-run" stand
/// for the Houthis, Saudi Arabia, Russia (when named in the article).
fn led_by(actor: &Actor, by_form: &HashMap<String, usize>, countries: &Countries) -> Option<usize> {
    const SUFFIXES: [&str; 5] = ["-led", "-held", "-run", "-controlled", "-commanded"];
    let name = actor.name.to_lowercase();
    let stem = SUFFIXES.iter().find_map(|s| name.strip_suffix(s))?;
    if let Some(&t) = by_form
        .get(stem)
        .or_else(|| by_form.get(&format!("{stem}s")))
    {
        return Some(t);
    }
    if let Some(country) = countries.capitals.get(stem) {
        return by_form.get(country).copied();
    }
    countries.demonyms.iter().find_map(|(country, words)| {
        words
            .iter()
            .any(|w| w.to_lowercase() == stem)
            .then(|| by_form.get(country).copied())
            .flatten()
    })
}

/// (person, country) pairs where the text ties the person to the country: the role names
/// it ("President of Togo"), or a mention follows its demonym or possessive closely
/// ("Moldovan President Maia Sandu", "Egypt's President al-Sisi").
fn owned(body: &str, actors: &[Actor], countries: &Countries) -> HashSet<(usize, usize)> {
    let mut out = HashSet::new();
    // Per country: its index, the words that tie a person to it, and its lowercase forms
    // (kept: every person is checked against every country).
    let states: Vec<(usize, Vec<String>, Vec<String>)> = actors
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind == ActorKind::Country)
        .map(|(i, a)| {
            let mut words: Vec<String> = vec![format!("{}'s", a.name), format!("{}’s", a.name)];
            let forms: Vec<String> = forms(a).collect();
            for f in &forms {
                if let Some(d) = countries.demonyms.get(f) {
                    words.extend(d.iter().cloned());
                }
            }
            words.extend(a.aliases.iter().filter(|x| !x.contains(' ')).cloned());
            (i, words, forms)
        })
        .collect();
    for (p, person) in actors.iter().enumerate() {
        if person.kind != ActorKind::Person {
            continue;
        }
        let role = person.role.as_deref().unwrap_or("").to_lowercase();
        for (c, words, forms) in &states {
            let named_in_role = !role.is_empty() && forms.iter().any(|f| role.contains(f.as_str()));
            let before_mention = person.mentions.iter().any(|m| {
                let from = floor_boundary(body, m.span.start.saturating_sub(48));
                titled_by(body.get(from..m.span.start).unwrap_or(""), words)
            });
            let in_alias = person
                .aliases
                .iter()
                .chain(std::iter::once(&person.name))
                .any(|al| words.iter().any(|w| contains_word(al, w)));
            if named_in_role || before_mention || in_alias {
                out.insert((p, *c));
            }
        }
    }
    out
}

/// Whether the text before a person's name ends with one of `words` (a demonym or "X's"),
/// over title words only: "Moldovan President ", "Egypt's ", "China's Vice Premier ".
fn titled_by(before: &str, words: &[String]) -> bool {
    const TITLE_WORDS: [&str; 6] = ["the", "former", "acting", "interim", "then", "vice"];
    // The title stays inside its clause.
    let mut rest = before
        .rfind(['.', ';', ':', ',', '!', '?', '\n', '(', '"', '“'])
        .map_or(before, |i| {
            // Past the mark, which may be several bytes long ("“").
            let next = before[i..].chars().next().map_or(1, char::len_utf8);
            before.get(i + next..).unwrap_or("")
        })
        .trim_end();
    for _ in 0..6 {
        if words.iter().any(|w| ends_with_word(rest, w)) {
            return true;
        }
        let (head, last) = rest.rsplit_once(' ').unwrap_or(("", rest));
        let title = last.chars().next().is_some_and(char::is_uppercase)
            || TITLE_WORDS.contains(&last.to_lowercase().as_str());
        if !title || last.is_empty() {
            return false;
        }
        rest = head.trim_end();
    }
    false
}

/// Whether `text` ends with `word`, as a whole word.
fn ends_with_word(text: &str, word: &str) -> bool {
    !word.is_empty()
        && text.ends_with(word)
        && !text[..text.len() - word.len()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
}

/// Whether `word` occurs in `text` as a whole word (case-sensitive: demonyms are proper).
fn contains_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    // The matches `str::match_indices` gives (leftmost, not overlapping), found by a plain
    // byte loop: the texts are short names, where setting up its substring searcher costs
    // more than the search.
    let (hay, needle) = (text.as_bytes(), word.as_bytes());
    let mut from = 0;
    while from + needle.len() <= hay.len() {
        let Some(i) = (from..=hay.len() - needle.len())
            .find(|&k| hay[k] == needle[0] && hay[k..].starts_with(needle))
        else {
            return false;
        };
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return true;
        }
        from = i + needle.len();
    }
    false
}

/// The largest char boundary at or below `i`.
fn floor_boundary(body: &str, mut i: usize) -> usize {
    i = i.min(body.len());
    while i > 0 && !body.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Names for "He"/"She" opening a clause with no name before it in its sentence: the one
/// person named in the previous sentence ("Trump was more blunt. He criticised Spain").
/// With no person, or several, there is no guess.
pub(super) fn pronouns(
    body: &str,
    sentences: &[Span],
    names: &[Named],
    actors: &[Actor],
) -> Vec<Named> {
    let mut out = Vec::new();
    for w in sentences.windows(2) {
        let (prev, cur) = (w[0], w[1]);
        let Some(text) = body.get(cur.start..cur.end) else {
            continue;
        };
        let people: HashSet<usize> = super::slice_within(names, prev, |n| n.span)
            .iter()
            .filter(|n| n.span.end <= prev.end && actors[n.actor].kind == ActorKind::Person)
            .map(|n| n.actor)
            .collect();
        if people.len() != 1 {
            continue;
        }
        let Some(&person) = people.iter().next() else {
            continue;
        };
        // The first "he"/"she" among the first words, before any other name.
        let mut offset = 0;
        for (n, word) in text.split(' ').enumerate() {
            if n > 6 {
                break;
            }
            let bare = word.trim_matches(|c: char| !c.is_alphabetic());
            if matches!(bare, "He" | "he" | "She" | "she") && word.starts_with(bare) {
                let start = cur.start + offset;
                let span = Span::new(start, start + bare.len());
                let named_before = super::slice_within(names, cur, |n| n.span)
                    .iter()
                    .any(|n| n.span.start < start);
                if !named_before {
                    out.push(Named {
                        span,
                        actor: person,
                    });
                }
                break;
            }
            offset += word.len() + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The search `contains_word` replaced.
    fn contains_word_by_match_indices(text: &str, word: &str) -> bool {
        !word.is_empty()
            && text.match_indices(word).any(|(i, _)| {
                let before = text[..i].chars().next_back();
                let after = text[i + word.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
    }

    #[test]
    fn contains_word_as_match_indices() {
        let texts = [
            "",
            "a",
            "aa",
            "aaa",
            "aa aa",
            "Russian",
            "Russian President Putin",
            "Putin",
            "the Russian's",
            "Russia's envoy",
            "Russia’s envoy",
            "Moldovan-born",
            "ÉtatRussian",
            "Russian Russians",
            "Russians Russian",
            "x Russia's's y",
            "Türkiye",
            "Türk Türkiye",
            "’s’s",
            "a'sa's",
            "Saudi Saudis",
            "é",
            "éé é",
        ];
        let words = [
            "",
            "a",
            "aa",
            "Russian",
            "Russians",
            "Russia's",
            "Russia’s",
            "Putin",
            "Türk",
            "’s",
            "a's",
            "Saudi",
            "é",
            "éé",
            "Moldovan",
        ];
        for text in texts {
            for word in words {
                assert_eq!(
                    contains_word(text, word),
                    contains_word_by_match_indices(text, word),
                    "{text:?} {word:?}"
                );
            }
        }
    }
}
