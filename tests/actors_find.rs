//! Actor finding on fixture text written for these tests: gazetteer names, discovered
//! names, merging, roles, headlines and the span contract of DESIGN §3.

use newslens::analysis::actors::ActorFinder;
use newslens::analysis::text::sentences;
use newslens::analysis::{Actor, ActorKind};
use newslens::corpus::{Article, Span};
use proptest::prelude::*;
use std::sync::OnceLock;

fn finder() -> &'static ActorFinder {
    static F: OnceLock<ActorFinder> = OnceLock::new();
    F.get_or_init(|| ActorFinder::new().expect("bundled data loads"))
}

mod common;
use common::by_headings as article;

fn find(title: &str, body: &str) -> (Article, Vec<Actor>) {
    let a = article(title, body);
    let actors = finder().find(&a, &sentences(&a.body));
    (a, actors)
}

fn by_name<'a>(actors: &'a [Actor], name: &str) -> &'a Actor {
    actors
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no actor {name:?} in {:?}", names(actors)))
}

fn names(actors: &[Actor]) -> Vec<&str> {
    actors.iter().map(|a| a.name.as_str()).collect()
}

fn texts<'a>(a: &'a Article, actor: &Actor) -> Vec<&'a str> {
    actor
        .mentions
        .iter()
        .map(|m| m.span.text(&a.body))
        .collect()
}

/// The contract every result must keep, whatever the input.
fn assert_contract(a: &Article, actors: &[Actor]) {
    let mut spans: Vec<(Span, &str)> = Vec::new();
    for actor in actors {
        assert!(!actor.mentions.is_empty(), "{} has no mention", actor.id);
        assert!((0.0..=1.0).contains(&actor.salience));
        for m in &actor.mentions {
            assert!(m.span.start < m.span.end && m.span.end <= a.body.len());
            assert!(a.body.is_char_boundary(m.span.start) && a.body.is_char_boundary(m.span.end));
            assert!(m.section < a.sections.len().max(1));
            spans.push((m.span, actor.id.as_str()));
        }
    }
    spans.sort();
    for w in spans.windows(2) {
        assert!(
            !w[0].0.overlaps(&w[1].0),
            "overlapping mentions of {} and {}",
            w[0].1,
            w[1].1
        );
    }
    let mut ids: Vec<&str> = actors.iter().map(|a| a.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), actors.len(), "ids are unique");
    for w in actors.windows(2) {
        assert!(w[0].salience >= w[1].salience, "sorted by salience");
    }
}

const TOGO: &str = "\
# Togo Walks A Tightrope Between Paris And Moscow

Togolese President Faure Gnassingbé met envoys from France and Russia in Lomé on Tuesday. \
Gnassingbé’s government says it wants good relations with both. The Economic Community of \
West African States (ECOWAS) urged calm after protesters marched in the capital.

## Regional pressure

Ecowas leaders met again in Abuja. Officials in Paris said French troops would stay in \
the region, while Russian diplomats courted the junta in Niamey. Mr. Kodjo Adedze, the \
spokesman of the opposition coalition, told reporters that Togo's future lies with its \
neighbours.

## Outlook

Cautious Optimism

Analysts expect Gnassingbé to keep balancing. Meanwhile the international community \
is watching.
";

#[test]
fn togo_fixture_finds_the_main_actors() {
    let (a, actors) = find("Togo Walks A Tightrope Between Paris And Moscow", TOGO);
    assert_contract(&a, &actors);

    let togo = by_name(&actors, "Togo");
    assert_eq!(togo.kind, ActorKind::Country);
    assert_eq!(togo.id, "togo");
    // Demonym and possessive merge into the country; the span excludes "'s".
    assert!(texts(&a, togo).contains(&"Togolese"));
    assert!(texts(&a, togo).contains(&"Togo"));
    assert!(togo.aliases.iter().any(|x| x == "Togolese"));

    let france = by_name(&actors, "France");
    assert!(texts(&a, france).contains(&"French"));
    let russia = by_name(&actors, "Russia");
    assert!(texts(&a, russia).contains(&"Russian"));
}

#[test]
fn person_with_title_role_and_surname_merge() {
    let (a, actors) = find("", TOGO);
    let faure = by_name(&actors, "Faure Gnassingbé");
    assert_eq!(faure.kind, ActorKind::Person);
    assert_eq!(faure.id, "faure-gnassingbe");
    assert_eq!(faure.role.as_deref(), Some("President of Togo"));
    let t = texts(&a, faure);
    // Full name, the possessive surname (without "’s") and the bare surname.
    assert_eq!(t, vec!["Faure Gnassingbé", "Gnassingbé", "Gnassingbé"]);
    assert!(faure.aliases.iter().any(|x| x == "Gnassingbé"));
    // The title is not part of the name.
    assert!(!names(&actors).iter().any(|n| n.starts_with("President")));
}

#[test]
fn acronym_and_expansion_merge_in_any_letter_case() {
    let (a, actors) = find("", TOGO);
    let ecowas = by_name(&actors, "Economic Community of West African States");
    assert_eq!(ecowas.kind, ActorKind::Organization);
    let t = texts(&a, ecowas);
    assert!(t.contains(&"ECOWAS") && t.contains(&"Ecowas"), "{t:?}");
    assert!(!names(&actors).contains(&"ECOWAS"));
}

#[test]
fn groups_cities_and_apposition_roles() {
    let (_, actors) = find("", TOGO);
    assert_eq!(by_name(&actors, "protesters").kind, ActorKind::Group);
    assert_eq!(
        by_name(&actors, "the international community").kind,
        ActorKind::Group
    );
    assert_eq!(by_name(&actors, "Lomé").kind, ActorKind::Place);
    let kodjo = by_name(&actors, "Kodjo Adedze");
    assert_eq!(kodjo.kind, ActorKind::Person);
    assert_eq!(
        kodjo.role.as_deref(),
        Some("Spokesman of the opposition coalition")
    );
}

#[test]
fn sentence_openers_and_headlines_make_no_junk() {
    let (_, actors) = find("", TOGO);
    for junk in [
        "Officials",
        "Analysts",
        "Meanwhile",
        "Walks",
        "Tightrope",
        "Outlook",
        "Cautious Optimism",
        "Regional",
        "Mr. Kodjo Adedze",
    ] {
        assert!(
            !names(&actors).contains(&junk),
            "{junk} found in {:?}",
            names(&actors)
        );
    }
}

#[test]
fn headline_mentions_count_for_salience_and_sections() {
    let (a, actors) = find("Togo Walks A Tightrope Between Paris And Moscow", TOGO);
    let togo = by_name(&actors, "Togo");
    // The heading line is matched for known names.
    assert!(togo.mentions[0].span.start < 10);
    assert_eq!(togo.mentions[0].section, 0);
    let ecowas = by_name(&actors, "Economic Community of West African States");
    let last = ecowas.mentions.last().unwrap();
    assert_eq!(last.section, 1, "mentions carry their section");
    assert_eq!(a.section_at(last.span.start), 1);
    // Named in the headline and often: ranked above a one-off place.
    let abuja = by_name(&actors, "Abuja");
    assert!(togo.salience > abuja.salience);
}

#[test]
fn title_case_headline_without_markdown_is_not_mined() {
    let body = "Strong Winds Batter Coastal Villages Overnight\n\n\
                Strong winds hit the coast of Ghana on Monday, officials said.";
    let (a, actors) = find("Strong Winds Batter Coastal Villages Overnight", body);
    assert_contract(&a, &actors);
    assert!(names(&actors).contains(&"Ghana"));
    for actor in &actors {
        assert!(
            actor.mentions[0].span.start > 40,
            "{} from the headline",
            actor.name
        );
    }
}

#[test]
fn discovered_organisations_places_and_acronyms() {
    let body = "The Kpalime Farmers Union (KFU) met the Ministry of Agriculture in Kara. \
                Later the KFU said talks with Zentara Holdings had stalled, according to \
                Ama Mensah, who leads the union.";
    let (a, actors) = find("", body);
    assert_contract(&a, &actors);
    let union = by_name(&actors, "Kpalime Farmers Union");
    assert_eq!(union.kind, ActorKind::Organization);
    assert_eq!(
        texts(&a, union),
        vec!["Kpalime Farmers Union", "KFU", "KFU"]
    );
    assert_eq!(
        by_name(&actors, "Ministry of Agriculture").kind,
        ActorKind::Organization
    );
    assert_eq!(
        by_name(&actors, "Zentara Holdings").kind,
        ActorKind::Organization
    );
    assert_eq!(by_name(&actors, "Ama Mensah").kind, ActorKind::Person);
}

#[test]
fn role_before_the_name_and_acronym_of_a_known_organisation() {
    let body = "Mali ordered the French ambassador, Joël Meyer, to leave. The International \
                Crisis Group (ICG) said the ICG had warned of this. Meyer declined to comment.";
    let (a, actors) = find("", body);
    assert_contract(&a, &actors);
    let meyer = by_name(&actors, "Joël Meyer");
    assert_eq!(meyer.role.as_deref(), Some("Ambassador of France"));
    assert_eq!(texts(&a, meyer), vec!["Joël Meyer", "Meyer"]);
    assert_eq!(meyer.id, "joel-meyer");
    let icg = actors
        .iter()
        .find(|x| x.aliases.iter().any(|s| s == "ICG") || x.name == "ICG")
        .expect("ICG found");
    assert_eq!(icg.mentions.len(), 3, "{:?}", texts(&a, icg));
}

#[test]
fn undefined_acronym_merges_by_initials() {
    let body = "Workers of the Lome Dock Company rallied. Later the LDC said it would talk.";
    let (a, actors) = find("", body);
    assert_contract(&a, &actors);
    let ldc = by_name(&actors, "Lome Dock Company");
    assert_eq!(texts(&a, ldc), vec!["Lome Dock Company", "LDC"]);
}

#[test]
fn case_insensitive_merge_and_unique_ids() {
    let body = "Delta Freight moved cargo. Analysts said DELTA FREIGHT had grown. \
                Delta freight workers struck.";
    let (a, actors) = find("", body);
    assert_contract(&a, &actors);
    let delta = by_name(&actors, "Delta Freight");
    assert!(
        texts(&a, delta).contains(&"DELTA FREIGHT"),
        "{:?}",
        texts(&a, delta)
    );
}

#[test]
fn empty_and_odd_bodies() {
    for body in [
        "",
        "\n\n",
        "# \n",
        "’s",
        "'s Togo",
        "(((",
        "U.S.",
        "A. B. C. D.",
    ] {
        let (a, actors) = find(body, body);
        assert_contract(&a, &actors);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn find_never_panics_and_spans_slice_the_body(body in "\\PC{0,400}") {
        let (a, actors) = find("Any Title", &body);
        assert_contract(&a, &actors);
        for actor in &actors {
            for m in &actor.mentions {
                prop_assert!(a.body.get(m.span.start..m.span.end).is_some());
            }
        }
    }

    #[test]
    fn find_survives_name_like_noise(words in prop::collection::vec(
        prop::sample::select(vec![
            "Togo", "togo", "’s", "'s", "President", "Mr.", "U.S.", "ECOWAS", "(", ")", ",",
            ".", "\n\n", "# ", "of", "al-", "the", "Faure", "Gnassingbé", "Ministry", "é",
            "-", "“", "”", "said", "Union",
        ]),
        0..80,
    )) {
        let body = words.join(" ");
        let (a, actors) = find("Togo", &body);
        assert_contract(&a, &actors);
    }
}
