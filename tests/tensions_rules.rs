//! Tension rules: speakers, agents, places of events, metonymy, pronouns, leaders and kinds.

use newslens::analysis::tensions::TensionFinder;
use newslens::analysis::{Actor, ActorKind, Tension, text};
use newslens::config;
use newslens::corpus::Article;
mod common;
use common::{actor, by_paragraphs as article};

/// Every actor the rule tests use; those not named in a body are left out.
fn cast(a: &Article) -> Vec<Actor> {
    use ActorKind::*;
    let all = [
        actor(a, "russia", "Russia", Country, &["Russia", "Russian"]),
        actor(a, "ukraine", "Ukraine", Country, &["Ukraine"]),
        actor(a, "egypt", "Egypt", Country, &["Egypt"]),
        actor(a, "spain", "Spain", Country, &["Spain"]),
        actor(
            a,
            "burkina-faso",
            "Burkina Faso",
            Country,
            &["Burkina Faso"],
        ),
        actor(a, "kyiv", "Kyiv", Place, &["Kyiv"]),
        actor(a, "moscow", "Moscow", Place, &["Moscow"]),
        actor(a, "police", "security forces", Group, &["police"]),
        actor(a, "journalists", "journalists", Group, &["journalists"]),
        actor(a, "protesters", "protesters", Group, &["protesters"]),
        actor(
            a,
            "human-rights-groups",
            "Rights groups",
            Group,
            &["Rights groups"],
        ),
        actor(a, "analysts", "analysts", Group, &["Analysts"]),
        actor(
            a,
            "al-sisi",
            "Abdel Fattah al-Sisi",
            Person,
            &["Abdel Fattah al-Sisi"],
        ),
        actor(a, "traore", "Ibrahim Traoré", Person, &["Ibrahim Traoré"]),
        actor(a, "trump", "Donald Trump", Person, &["Trump"]),
        actor(a, "china", "China", Country, &["China", "Chinese"]),
        actor(
            a,
            "united-states",
            "United States",
            Country,
            &["United States", "American"],
        ),
        actor(
            a,
            "council",
            "Constitutional Council",
            Organization,
            &["Constitutional Council"],
        ),
    ];
    all.into_iter().filter(|x| !x.mentions.is_empty()).collect()
}

fn finder() -> TensionFinder {
    TensionFinder::new(&config::defaults().tensions).expect("default lexicon compiles")
}

fn find(body: &str) -> Vec<Tension> {
    let a = article(body);
    let actors = cast(&a);
    let sentences = text::sentences(&a.body);
    finder().find(&a, &sentences, &actors)
}

fn pairs(t: &[Tension]) -> Vec<String> {
    t.iter()
        .map(|t| {
            let mut s = [t.sides[0].join("+"), t.sides[1].join("+")];
            s.sort();
            s.join(" vs ")
        })
        .collect()
}

#[test]
fn a_speaker_is_not_a_side_and_by_names_the_agent() {
    let t = find("Rights groups reported attacks on journalists by police.");
    assert_eq!(pairs(&t), ["journalists vs police"], "{t:#?}");
    assert_eq!(t[0].kind, "protest and repression");
}

#[test]
fn a_place_of_the_event_is_not_its_target() {
    let t = find("Captain Ibrahim Traoré seized power in Burkina Faso in 2022.");
    assert!(t.is_empty(), "{t:#?}");
}

#[test]
fn capitals_stand_for_their_states() {
    let t = find("Gas stopped crossing Ukraine. Russia blamed Kyiv for the loss of supplies.");
    assert_eq!(pairs(&t), ["russia vs ukraine"], "{t:#?}");
    // Where the capital is the scene, it is a place.
    let t = find("Russia is far away. Ukraine ordered its delegation to withdraw from Moscow.");
    assert!(t.is_empty(), "{t:#?}");
}

#[test]
fn a_sentence_opening_pronoun_is_the_person_just_named() {
    let t = find("Trump was more blunt. He criticised Spain as the only holdout.");
    assert_eq!(pairs(&t), ["spain vs trump"], "{t:#?}");
}

#[test]
fn commentators_take_no_side_and_leaders_do_not_oppose_their_country() {
    let t = find("Analysts warned against Russia.");
    assert!(t.is_empty(), "{t:#?}");
    let t = find("Egyptian President Abdel Fattah al-Sisi warned Egypt and Russia.");
    assert_eq!(pairs(&t), ["al-sisi vs russia"], "{t:#?}");
}

#[test]
fn relations_between_two_sides_that_collapsed() {
    let t = find("Relations between Russia and Ukraine have collapsed.");
    assert_eq!(pairs(&t), ["russia vs ukraine"], "{t:#?}");
}

#[test]
fn tariffs_are_a_trade_dispute() {
    let t = find("The United States imposed tariffs on Chinese goods, and China retaliated.");
    assert_eq!(pairs(&t), ["china vs united-states"], "{t:#?}");
    assert_eq!(t[0].kind, "trade dispute");
    // Lowering tariffs is no dispute.
    let t = find("The United States and China agreed to cut their tariffs.");
    assert!(t.is_empty(), "{t:#?}");
}

#[test]
fn police_violence_without_an_object_targets_the_civilians_named() {
    let t = find("Riot police used tear gas to clear the square, while protesters threw stones.");
    assert_eq!(pairs(&t), ["police vs protesters"], "{t:#?}");
    assert_eq!(t[0].kind, "protest and repression");
    // A civilian group that only reports is not the target.
    let t = find("Riot police detained dozens of people, and journalists reported raids.");
    assert!(t.is_empty(), "{t:#?}");
}

#[test]
fn a_between_with_one_actor_does_not_fall_back_on_the_subject() {
    let t = find("Trump cited a dispute between parliament and the Constitutional Council.");
    assert!(t.is_empty(), "{t:#?}");
}

#[test]
fn a_date_after_since_does_not_cut_off_the_subject() {
    let t = find("The question has dominated Ukraine since 2022: the threat from Russia.");
    assert_eq!(pairs(&t), ["russia vs ukraine"], "{t:#?}");
}

#[test]
fn a_speaker_of_its_own_act_keeps_its_side() {
    let t = find("Russia said it attacked Ukraine in retaliation.");
    assert_eq!(pairs(&t), ["russia vs ukraine"], "{t:#?}");
    // The agent after "by" wins over whoever reports.
    let t = find("Rights groups said they had documented beatings of protesters by police.");
    assert_eq!(pairs(&t), ["police vs protesters"], "{t:#?}");
    // A passive: the name before the cue is its target.
    let t = find("Spain was sanctioned by China.");
    assert_eq!(pairs(&t), ["china vs spain"], "{t:#?}");
}
