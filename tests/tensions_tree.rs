//! Tension sides read from the dependency tree of the embedded parser: each case is a
//! sentence shape of the issue (possessor, relative clause, "between", reported speech,
//! negation, coordination, passive agent), and the relation each side records says the tree
//! (not the word window) tied it.

use newslens::analysis::tensions::TensionFinder;
use newslens::analysis::{Actor, ActorKind, Tension, text};
use newslens::config;
mod common;
use common::{actor, by_paragraphs as article};

fn find(body: &str) -> Vec<Tension> {
    let cast: &[(&str, &str, ActorKind, &[&str])] = &[
        ("france", "France", ActorKind::Country, &["France", "Paris"]),
        ("russia", "Russia", ActorKind::Country, &["Russia"]),
        ("mali", "Mali", ActorKind::Country, &["Mali"]),
        ("niger", "Niger", ActorKind::Country, &["Niger"]),
        ("iran", "Iran", ActorKind::Country, &["Iran"]),
        ("israel", "Israel", ActorKind::Country, &["Israel"]),
        (
            "amnesty-international",
            "Amnesty International",
            ActorKind::Organization,
            &["Amnesty International"],
        ),
    ];
    let a = article(body);
    let actors: Vec<Actor> = cast
        .iter()
        .map(|(id, name, kind, forms)| actor(&a, id, name, *kind, forms))
        .filter(|x| !x.mentions.is_empty())
        .collect();
    let finder = TensionFinder::new(&config::defaults().tensions).expect("lexicon");
    finder.find(&a, &text::sentences(&a.body), &actors)
}

fn sides(t: &Tension) -> [Vec<&str>; 2] {
    [
        t.sides[0].iter().map(String::as_str).collect(),
        t.sides[1].iter().map(String::as_str).collect(),
    ]
}

/// The sides as a set of two sets, whatever their order.
fn opposes(t: &Tension, a: &[&str], b: &[&str]) -> bool {
    let [x, y] = sides(t);
    let same = |p: &[&str], q: &[&str]| {
        let (mut p, mut q) = (p.to_vec(), q.to_vec());
        p.sort_unstable();
        q.sort_unstable();
        p == q
    };
    (same(&x, a) && same(&y, b)) || (same(&x, b) && same(&y, a))
}

#[test]
fn a_possessor_is_the_side_that_acts() {
    let t = find("Iran's criticism of Israel grew sharper this week.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert!(opposes(&t[0], &["iran"], &["israel"]), "{t:#?}");
    assert!(
        t[0].why[0]
            .sides
            .iter()
            .any(|s| s.relation.contains("possessor")),
        "{:#?}",
        t[0].why
    );
}

#[test]
fn a_relative_clause_takes_its_antecedent() {
    let t = find(
        "The juntas of Mali and Niger, both of which have quarrelled with Paris, left the bloc.",
    );
    assert_eq!(t.len(), 1, "{t:#?}");
    assert!(opposes(&t[0], &["mali", "niger"], &["france"]), "{t:#?}");
}

#[test]
fn between_names_both_sides() {
    let t = find("The rivalry between France and Russia deepened in the Sahel.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert!(opposes(&t[0], &["france"], &["russia"]), "{t:#?}");
    assert_eq!(t[0].why[0].sides[0].relation, "between");
}

#[test]
fn the_speaker_of_a_reported_clause_is_no_side() {
    let t = find("Amnesty International said Russia attacked Mali.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert!(opposes(&t[0], &["russia"], &["mali"]), "{t:#?}");
    assert_eq!(t[0].why[0].sides[0].relation, "subject", "{:#?}", t[0].why);
}

#[test]
fn a_negated_cue_opposes_nobody() {
    assert!(find("France did not condemn Russia.").is_empty());
    assert_eq!(find("France condemned Russia.").len(), 1);
}

#[test]
fn coordinated_names_stay_on_one_side() {
    let t = find("Mali and Niger condemned France on Monday.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert!(opposes(&t[0], &["mali", "niger"], &["france"]), "{t:#?}");
    assert_eq!(t[0].why[0].sides[1].relation, "object");
}

#[test]
fn a_passive_agent_acts_on_the_subject() {
    let t = find("Iran was sanctioned by France last year.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(sides(&t[0])[0], ["france"], "{t:#?}");
    assert!(
        t[0].why[0].sides[0].relation.starts_with("agent 'by'"),
        "{:#?}",
        t[0].why
    );
}
