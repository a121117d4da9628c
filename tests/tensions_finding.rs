//! Tension finding with the shipped lexicon over hand-built actors.

use newslens::analysis::tensions::{TensionFinder, TensionLexicon};
use newslens::analysis::{Actor, ActorKind, Tension, text};
use newslens::config;
use newslens::corpus::Article;
mod common;
use common::{actor, by_paragraphs as article};

fn cast(a: &Article) -> Vec<Actor> {
    use ActorKind::*;
    let all = [
        actor(
            a,
            "france",
            "France",
            Country,
            &["France", "French", "Paris"],
        ),
        actor(a, "russia", "Russia", Country, &["Russia", "Moscow"]),
        actor(a, "togo", "Togo", Country, &["Togo"]),
        actor(a, "niger", "Niger", Country, &["Niger"]),
        actor(a, "benin", "Benin", Country, &["Benin"]),
        actor(a, "eu", "the EU", Organization, &["EU"]),
        actor(
            a,
            "the-west",
            "the West",
            Group,
            &["the West", "Western powers"],
        ),
        actor(
            a,
            "security-forces",
            "security forces",
            Group,
            &["Security forces", "security forces", "police"],
        ),
        actor(
            a,
            "protesters",
            "protesters",
            Group,
            &["Protesters", "protesters", "demonstrators"],
        ),
        actor(a, "sahel", "the Sahel", Region, &["Sahel"]),
        actor(a, "lome", "Lomé", Place, &["Lomé"]),
        actor(
            a,
            "faure-gnassingbe",
            "Faure Gnassingbé",
            Person,
            &["Faure Gnassingbé", "Gnassingbé"],
        ),
        actor(
            a,
            "the-opposition",
            "the opposition",
            Group,
            &["The opposition", "the opposition"],
        ),
    ];
    all.into_iter().filter(|x| !x.mentions.is_empty()).collect()
}

fn finder() -> TensionFinder {
    TensionFinder::new(&config::defaults().tensions).expect("default lexicon compiles")
}

fn find(body: &str) -> (Article, Vec<Tension>) {
    let a = article(body);
    let actors = cast(&a);
    let sentences = text::sentences(&a.body);
    let t = finder().find(&a, &sentences, &actors);
    (a, t)
}

fn sides(t: &Tension) -> [Vec<&str>; 2] {
    t.sides.each_ref().map(|s| {
        let mut v: Vec<&str> = s.iter().map(String::as_str).collect();
        v.sort();
        v
    })
}

#[test]
fn criticism_sets_france_against_russia() {
    let (a, t) = find("France criticised Russia's growing influence in the Sahel.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(t[0].id, "france-vs-russia");
    assert_eq!(t[0].label, "France vs Russia");
    assert_eq!(sides(&t[0]), [vec!["france"], vec!["russia"]]);
    assert_eq!(t[0].evidence.len(), 1);
    assert_eq!(t[0].evidence[0].span.text(&a.body), a.body);
    assert!(t[0].score > 0.0 && t[0].score <= 1.0);
}

#[test]
fn a_crackdown_is_protest_and_repression() {
    let (_, t) = find("Security forces cracked down on protesters in Lomé.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(t[0].kind, "protest and repression");
    assert_eq!(sides(&t[0]), [vec!["security-forces"], vec!["protesters"]]);
    assert_eq!(t[0].label, "Security forces vs protesters");
    // The noun form with the agent after "by".
    // The agent after "by" is the acting side and comes first.
    let (_, t) = find("The crackdown on protesters by security forces drew criticism.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(sides(&t[0]), [vec!["security-forces"], vec!["protesters"]]);
}

#[test]
fn cooperation_is_not_a_tension() {
    for body in [
        "Togo and France signed a cooperation agreement.",
        "France welcomed Togo's offer and the two agreed to meet in Lomé.",
        "Niger and Benin will cooperate on the pipeline, partner on trade and meet next month.",
    ] {
        let (_, t) = find(body);
        assert!(t.is_empty(), "{body}: {t:#?}");
    }
}

#[test]
fn tensions_between_two_countries() {
    let (_, t) =
        find("Diplomats worry about rising tensions between Niger and Benin over the border.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(t[0].id, "niger-vs-benin");
    assert_eq!(t[0].label, "Niger vs Benin");
    assert_eq!(t[0].kind, "geopolitical rivalry");
    let (_, t) = find("Niger and Benin clashed over the closure of the border.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(sides(&t[0]), [vec!["niger"], vec!["benin"]]);
}

#[test]
fn negated_cues_do_not_count() {
    for body in [
        "France did not condemn Russia.",
        "France has never criticised Russia in public.",
        "France didn't accuse Russia of anything.",
        "France stopped short of condemning Russia.",
        "France refused to condemn Russia.",
    ] {
        let (_, t) = find(body);
        assert!(t.is_empty(), "{body}: {t:#?}");
    }
    // A negation in another clause does not reach the cue.
    let (_, t) = find("France, which did not attend, condemned Russia.");
    assert_eq!(t.len(), 1, "{t:#?}");
}

#[test]
fn evidence_across_sentences_aggregates_and_raises_the_score() {
    let one = "France criticised Russia's growing influence in the Sahel.";
    let (_, t1) = find(one);
    let body = "France criticised Russia's growing influence in the Sahel.\n\nWeeks later, Paris \
accused Moscow of spreading disinformation. The weather in Lomé was fine. France also \
condemned Russia for its support of the junta.";
    let (a, t) = find(body);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert!(t[0].score > t1[0].score);
    let texts: Vec<&str> = t[0].evidence.iter().map(|e| e.span.text(&a.body)).collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(texts[1].starts_with("Weeks later") && texts[2].starts_with("France also"));
    assert_eq!(t[0].evidence[0].section, 0);
    assert_eq!(t[0].evidence[1].section, 1);
}

#[test]
fn coordinated_names_share_a_side_and_pairs_merge() {
    let body = "France and the West condemned Russia. France criticised Russia again.";
    let (_, t) = find(body);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(sides(&t[0]), [vec!["france", "the-west"], vec!["russia"]]);
    assert_eq!(t[0].label, "France and the West vs Russia");
    assert_eq!(t[0].id, "france-the-west-vs-russia");
    assert_eq!(t[0].evidence.len(), 2);
}

#[test]
fn people_and_groups_keep_their_ids() {
    let (_, t) = find("The opposition accused Faure Gnassingbé of rigging the vote.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(
        sides(&t[0]),
        [vec!["the-opposition"], vec!["faure-gnassingbe"]]
    );
}

#[test]
fn the_object_is_near_the_cue_and_in_its_clause() {
    let (_, t) = find(
        "France criticised Russia's growing influence in the Sahel after talks with Togo's minister.",
    );
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(sides(&t[0]), [vec!["france"], vec!["russia"]]);
    let (_, t) = find("France criticised the plan, and Russia welcomed it.");
    assert!(t.is_empty(), "{t:#?}");
    // The subject is not the object of a preposition before the verb.
    let (_, t) = find("France signed a deal with Togo and criticised Russia.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(sides(&t[0]), [vec!["france"], vec!["russia"]]);
}

#[test]
fn the_same_actor_on_both_sides_is_no_tension() {
    let (_, t) = find("France criticised French policy in the Sahel.");
    assert!(t.is_empty(), "{t:#?}");
}

#[test]
fn places_do_not_take_sides() {
    let (_, t) = find("Protests erupted in Lomé against the Sahel strategy.");
    assert!(t.is_empty(), "{t:#?}");
}

#[test]
fn armed_conflict_outranks_words() {
    let body = "Russia attacked positions held by the West. Russia criticised the West.";
    let (_, t) = find(body);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(t[0].kind, "armed conflict");
}

#[test]
fn an_empty_lexicon_or_cast_finds_nothing() {
    let a = article("France condemned Russia.");
    let actors = cast(&a);
    let s = text::sentences(&a.body);
    let empty = TensionFinder::new(&TensionLexicon::default()).unwrap();
    assert!(empty.find(&a, &s, &actors).is_empty());
    assert!(finder().find(&a, &s, &[]).is_empty());
    assert!(finder().find(&a, &[], &actors).is_empty());
}

#[test]
fn event_classes_give_their_kinds() {
    let cases = [
        (
            "The EU imposed sanctions on Russia.",
            "sanctions and pressure",
        ),
        (
            "Niger expelled the French ambassador.",
            "sanctions and pressure",
        ),
        (
            "Russia threatened France with retaliation.",
            "sanctions and pressure",
        ),
        (
            "Russia shelled positions held by the West.",
            "armed conflict",
        ),
        ("Niger and Benin clashed at the border.", "armed conflict"),
        (
            "Protesters rallied against security forces.",
            "protest and repression",
        ),
        (
            "France versus Russia: the contest for the Sahel.",
            "geopolitical rivalry",
        ),
        (
            "Benin has distanced itself from Niger.",
            "diplomatic dispute",
        ),
        (
            "Togo sued Benin over the port contract.",
            "legal confrontation",
        ),
    ];
    for (body, kind) in cases {
        let (_, t) = find(body);
        assert_eq!(t.len(), 1, "{body}: {t:#?}");
        assert_eq!(t[0].kind, kind, "{body}");
    }
}

#[test]
fn between_needs_a_conflict_word_right_before_it() {
    let (_, t) = find("France criticised the deal between Togo and Russia.");
    assert!(
        t.iter().all(|t| sides(t) != [vec!["togo"], vec!["russia"]]),
        "{t:#?}"
    );
    let (_, t) = find("The long-running dispute between Togo and Benin flared again.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(sides(&t[0]), [vec!["togo"], vec!["benin"]]);
    let (_, t) = find("Trade between Togo and Benin grew.");
    assert!(t.is_empty(), "{t:#?}");
}

#[test]
fn domestic_disputes_are_political_contests() {
    let (_, t) = find("The opposition accused security forces of abuses.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(t[0].kind, "political contest");
    let (_, t) = find("France accused Russia of abuses.");
    assert_eq!(t[0].kind, "diplomatic dispute");
}

#[test]
fn a_prize_is_not_a_side() {
    let (_, t) = find("Benin and Togo compete for transit traffic to Niger.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(sides(&t[0]), [vec!["benin"], vec!["togo"]]);
}

#[test]
fn a_list_of_names_is_not_set_against_itself_by_a_distant_noun() {
    for body in [
        "France and Togo held talks in Lomé against a backdrop of insecurity.",
        "Togo and France discussed tensions in the Sahel.",
    ] {
        let (_, t) = find(body);
        assert!(t.is_empty(), "{body}: {t:#?}");
    }
    let (_, t) = find("Niger and Benin have long been rivals.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(sides(&t[0]), [vec!["niger"], vec!["benin"]]);
}

#[test]
fn sport_company_and_reported_speech_are_not_opponents() {
    for body in [
        "France won the match against Togo 3-1.",
        "Togo's police could attack the camp, France said.",
        "Security forces fought alongside France in the north.",
    ] {
        let (_, t) = find(body);
        assert!(t.is_empty(), "{body}: {t:#?}");
    }
    // A participle after a comma belongs to the sentence's subject.
    let (_, t) = find("Niger left the bloc in January, accusing Benin of bad faith.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(sides(&t[0]), [vec!["niger"], vec!["benin"]]);
    // A generic cue takes the kind of the strongest cue of its sentence.
    // An ally named with "alongside" fights on the subject's side.
    let (_, t) = find("Russia fought alongside security forces against protesters.");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(
        sides(&t[0]),
        [vec!["russia", "security-forces"], vec!["protesters"]]
    );
    // Security forces fighting protesters is repression, not armed conflict.
    assert_eq!(t[0].kind, "protest and repression");
    let (_, t) = find("Russia and France are locked in a bitter trade war.");
    assert_eq!(t.len(), 1, "{t:#?}");
}
