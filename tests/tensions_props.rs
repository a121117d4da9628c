//! Property tests: tensions and themes never panic on arbitrary text and arbitrary (even
//! nonsensical) actor spans, spans stay on char boundaries, and sides are well formed.

use newslens::analysis::tensions::TensionFinder;
use newslens::analysis::themes::ThemeScorer;
use newslens::analysis::{Actor, ActorKind, Mention, text};
use newslens::config;
use newslens::corpus::{Article, Span};
use proptest::prelude::*;
use std::collections::HashSet;
use std::sync::OnceLock;
mod common;

fn article(body: String, cuts: &[usize]) -> Article {
    // Sections from arbitrary cut points moved to char boundaries.
    let cuts: Vec<usize> = cuts.iter().map(|&c| c % (body.len() + 1)).collect();
    common::with_section_starts("Tensions", &body, newslens::corpus::Format::Markdown, &cuts)
}

const WORDS: &[&str] = &[
    "France",
    "Russia",
    "Togo",
    "protesters",
    "security forces",
    "the West",
    "and",
    "the",
    "of",
    "criticised",
    "condemned",
    "did not",
    "attacked",
    "between",
    "tensions",
    "clashed",
    "by",
    "crackdown on",
    "sanctions",
    "against",
    "versus",
    "vs.",
    "signed",
    "agreement",
    "with",
    "trade union",
    "war",
    "coup",
    "election",
    "é",
    "💥",
    "\u{202e}",
    "’s",
    "'",
    ",",
    ".",
    ";",
    "\n\n",
    "\n",
    " ",
    "  ",
    "—",
    "?",
    "Lomé",
    "ß",
    "\u{301}",
    // Words the rules on speakers, pronouns, capitals, leaders and appositions read.
    "He",
    "she",
    "Moscow",
    "Paris-led",
    "in",
    "said",
    "reported",
    "Russian",
    "President Sisi",
    "relations",
    "collapsed",
    "tariffs on",
    "the authorities",
    "analysts",
    "“",
    "(",
];

fn body_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(WORDS).prop_map(str::to_string),
            1 => any::<String>(),
        ],
        0..60,
    )
    .prop_map(|parts| parts.join(" "))
}

fn actors(a: &Article, junk: &[(usize, usize)]) -> Vec<Actor> {
    let kinds = [
        ActorKind::Country,
        ActorKind::Country,
        ActorKind::Country,
        ActorKind::Group,
        ActorKind::Group,
        ActorKind::Group,
        ActorKind::Place,
        ActorKind::Place,
        ActorKind::Place,
        ActorKind::Person,
        ActorKind::Group,
        ActorKind::Group,
    ];
    let names = [
        "France",
        "Russia",
        "Togo",
        "protesters",
        "security forces",
        "the West",
        "Lomé",
        "Moscow",
        "Paris-led",
        "Sisi",
        "the authorities",
        "analysts",
    ];
    let mut out: Vec<Actor> = names
        .iter()
        .zip(kinds)
        .map(|(name, kind)| Actor {
            id: name.to_lowercase().replace(' ', "-"),
            name: name.to_string(),
            kind,
            aliases: if kind == ActorKind::Person {
                vec!["Russian President Sisi".into()]
            } else {
                Vec::new()
            },
            role: (kind == ActorKind::Person).then(|| "President of Russia".to_string()),
            salience: 0.5,
            why: Vec::new(),
            mentions: a
                .body
                .match_indices(name)
                .map(|(i, m)| Mention {
                    span: Span::new(i, i + m.len()),
                    section: a.section_at(i),
                })
                .collect(),
        })
        .filter(|x| !x.mentions.is_empty())
        .collect();
    // A person whose mentions are nonsense: out of range, reversed, mid-character.
    if !junk.is_empty() {
        out.push(Actor {
            id: "someone".into(),
            name: "Someone".into(),
            kind: ActorKind::Person,
            aliases: Vec::new(),
            role: None,
            salience: 0.1,
            why: Vec::new(),
            mentions: junk
                .iter()
                .map(|&(s, e)| Mention {
                    span: Span::new(s, e),
                    section: 0,
                })
                .collect(),
        });
    }
    out
}

fn finder() -> &'static TensionFinder {
    static F: OnceLock<TensionFinder> = OnceLock::new();
    F.get_or_init(|| TensionFinder::new(&config::defaults().tensions).unwrap())
}

fn scorer() -> &'static ThemeScorer {
    static S: OnceLock<ThemeScorer> = OnceLock::new();
    S.get_or_init(|| ThemeScorer::new(&config::defaults().themes).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn tensions_are_well_formed(
        body in body_strategy(),
        cuts in prop::collection::vec(any::<usize>(), 0..4),
        junk in prop::collection::vec((0usize..400, 0usize..400), 0..4),
        odd_sentences in prop::collection::vec((0usize..400, 0usize..400), 0..3),
    ) {
        let a = article(body, &cuts);
        let cast = actors(&a, &junk);
        let ids: HashSet<&str> = cast.iter().map(|x| x.id.as_str()).collect();
        let mut sentences = text::sentences(&a.body);
        sentences.extend(odd_sentences.iter().map(|&(s, e)| Span::new(s, e)));
        let tensions = finder().find(&a, &sentences, &cast);
        let mut seen_ids = HashSet::new();
        for t in &tensions {
            prop_assert!(seen_ids.insert(t.id.clone()), "duplicate id {}", t.id);
            prop_assert!(!t.sides[0].is_empty() && !t.sides[1].is_empty());
            for id in t.sides.iter().flatten() {
                prop_assert!(ids.contains(id.as_str()), "unknown actor {id}");
                prop_assert!(id != "lomé", "a place took a side");
            }
            let left: HashSet<&String> = t.sides[0].iter().collect();
            prop_assert!(t.sides[1].iter().all(|id| !left.contains(id)), "sides overlap");
            prop_assert!((0.0..=1.0).contains(&t.score));
            prop_assert!(!t.evidence.is_empty());
            prop_assert!(!t.kind.is_empty() && t.label.contains(" vs "));
            for e in &t.evidence {
                prop_assert!(e.span.start <= e.span.end && e.span.end <= a.body.len());
                prop_assert!(a.body.is_char_boundary(e.span.start));
                prop_assert!(a.body.is_char_boundary(e.span.end));
                prop_assert!(e.section < a.sections.len());
            }
        }
        prop_assert!(tensions.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn themes_are_well_formed(
        body in body_strategy(),
        cuts in prop::collection::vec(any::<usize>(), 0..4),
    ) {
        let a = article(body, &cuts);
        let themes = scorer().score(&a, &[]);
        for t in &themes {
            prop_assert!((0.0..=1.0).contains(&t.score));
            prop_assert_eq!(t.section_scores.len(), a.sections.len());
            prop_assert!(t.section_scores.iter().all(|s| (0.0..=1.0).contains(s)));
            prop_assert!(!t.evidence.is_empty());
            for e in &t.evidence {
                prop_assert!(e.span.start < e.span.end && e.span.end <= a.body.len());
                prop_assert!(a.body.is_char_boundary(e.span.start));
                prop_assert!(a.body.is_char_boundary(e.span.end));
                prop_assert_eq!(e.section, a.section_at(e.span.start));
            }
            prop_assert!(t.evidence.windows(2).all(|w| w[0].span.end <= w[1].span.start));
        }
    }
}
