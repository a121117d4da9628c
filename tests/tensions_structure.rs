//! Tension rules over sentence structure, on hand-written sentences: agent nouns are people
//! not events, a passive without an agent has no acting side, an organisation named after a
//! country is not that country's opponent, and each evidence sentence records its reason.

use newslens::analysis::ActorKind;
mod common;
use common::tensions_among as find;

use ActorKind::*;

#[test]
fn an_agent_noun_is_not_the_event() {
    let cast: &[(&str, &str, ActorKind, &[&str])] = &[
        ("vela", "Marta Vela", Person, &["Marta Vela"]),
        ("ostrov", "Ostrov", Country, &["Ostrov"]),
    ];
    // "killers" and "prosecutor" name people; no one here attacks or prosecutes.
    let t = find(
        "Marta Vela met the killers of her brother, who came from Ostrov.",
        cast,
    );
    assert!(t.is_empty(), "{t:#?}");
    // The act itself still counts.
    let t = find(
        "Marta Vela said gunmen from Ostrov killed her brother.",
        cast,
    );
    assert!(t.is_empty() || t[0].event_class == "assault", "{t:#?}");
}

#[test]
fn a_passive_without_agent_has_no_acting_side() {
    let cast: &[(&str, &str, ActorKind, &[&str])] = &[
        ("dara-quill", "Dara Quill", Person, &["Dara Quill"]),
        ("amos-reyne", "Amos Reyne", Person, &["Amos Reyne"]),
        ("ostrov", "Ostrov", Country, &["Ostrov"]),
    ];
    let t = find(
        "Dara Quill travelled with Amos Reyne, who was also killed in the blast.",
        cast,
    );
    assert!(t.is_empty(), "{t:#?}");
    // With an agent, the agent acts on the subject.
    let t = find("Amos Reyne was arrested by Ostrov on Friday.", cast);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(t[0].why[0].sides[0].relation, "agent 'by'");
    // "were opposed to" is not a passive: the subject opposes.
    let t = find("Dara Quill and Amos Reyne were opposed to Ostrov.", cast);
    assert_eq!(t.len(), 1, "{t:#?}");
}

#[test]
fn an_organisation_named_after_a_country_is_on_its_side() {
    let cast: &[(&str, &str, ActorKind, &[&str])] = &[
        ("ostrov", "Ostrov", Country, &["Ostrov"]),
        (
            "ostrov-embassy",
            "Ostrov Embassy",
            Organization,
            &["Ostrov Embassy"],
        ),
        ("velmar", "Velmar", Country, &["Velmar"]),
    ];
    let t = find(
        "Ostrov said militias attacked the Ostrov Embassy in the capital.",
        cast,
    );
    assert!(
        t.iter()
            .all(|t| !(t.sides.concat().contains(&"ostrov".to_string())
                && t.sides.concat().contains(&"ostrov-embassy".to_string()))),
        "{t:#?}"
    );
    // Another country attacking the embassy is a tension.
    let t = find("Velmar attacked the Ostrov Embassy on Sunday.", cast);
    assert_eq!(t.len(), 1, "{t:#?}");
}

#[test]
fn each_evidence_sentence_records_cue_class_and_sides() {
    let cast: &[(&str, &str, ActorKind, &[&str])] = &[
        ("ostrov", "Ostrov", Country, &["Ostrov"]),
        ("velmar", "Velmar", Country, &["Velmar"]),
    ];
    let body = "Ostrov condemned Velmar on Monday.\n\nVelmar threatened Ostrov with sanctions.";
    let t = find(body, cast);
    assert_eq!(t.len(), 1, "{t:#?}");
    let t = &t[0];
    assert_eq!(t.why.len(), t.evidence.len());
    let w = &t.why[0];
    assert_eq!(w.cue.text(body), "condemned");
    assert_eq!(w.class, "disapprove");
    let words = |k: usize| -> Vec<&str> { w.sides[k].words.iter().map(|s| s.text(body)).collect() };
    assert_eq!(words(0), ["Ostrov"]);
    assert_eq!(words(1), ["Velmar"]);
    assert_eq!(
        w.summary(body),
        "Ostrov ← subject of 'condemned' → object: Velmar"
    );
    assert!(["verbal conflict", "material conflict"].contains(&t.quad_class.as_str()));
}

#[test]
fn a_publication_attacks_in_words() {
    let cast: &[(&str, &str, ActorKind, &[&str])] = &[
        (
            "liberty-magazine",
            "Liberty Magazine",
            Organization,
            &["Liberty Magazine"],
        ),
        ("dara-quill", "Dara Quill", Person, &["Dara Quill"]),
        ("ostrov", "Ostrov", Country, &["Ostrov"]),
    ];
    let t = find(
        "Liberty Magazine, which attacked Dara Quill in its spring issue, was sued.",
        cast,
    );
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(t[0].event_class, "disapprove", "{t:#?}");
    assert_eq!(t[0].quad_class, "verbal conflict", "{t:#?}");
    // A state that attacks does it with force.
    let t = find("Ostrov attacked Dara Quill's convoy on Friday.", cast);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(t[0].event_class, "assault", "{t:#?}");
}
