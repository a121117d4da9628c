//! Who tells of an act of harm: a speaker quoted describing an attack or a repression by
//! someone else speaks against its agent, unless the speaker is the agent, a
//! victim, a commentator or a news medium. Every sentence was written for these tests.

use newslens::analysis::{ActorKind, Tension};
mod common;
use common::{Cast, labels as listing, opposed as opposes, tensions_among};

fn find(body: &str) -> Vec<Tension> {
    let cast: &[Cast] = &[
        ("russia", "Russia", ActorKind::Country, &["Russia"]),
        ("mali", "Mali", ActorKind::Country, &["Mali"]),
        (
            "amnesty-international",
            "Amnesty International",
            ActorKind::Organization,
            &["Amnesty International"],
        ),
        ("reuters", "Reuters", ActorKind::Organization, &["Reuters"]),
        (
            "lena-ortiz",
            "Lena Ortiz",
            ActorKind::Person,
            &["Lena Ortiz", "Ortiz"],
        ),
        (
            "security-forces",
            "security forces",
            ActorKind::Group,
            &["security forces", "Security forces"],
        ),
        (
            "protesters",
            "protesters",
            ActorKind::Group,
            &["protesters"],
        ),
    ];
    // A first paragraph of its own, as in a news file: the quotation is not the lead.
    let body = format!("The statement came on Monday.\n\n{body}");
    tensions_among(&body, cast)
}

#[test]
fn a_speaker_quoted_on_a_repression_speaks_against_its_agent() {
    let ts = find(
        "\"Nothing can change the fact that the security forces have chosen to repress \
         protesters in a grossly unlawful way,\" the regional director of Amnesty \
         International Lena Ortiz said in a statement.",
    );
    assert!(
        opposes(&ts, "security-forces", "protesters"),
        "{:?}",
        listing(&ts)
    );
    assert!(
        opposes(&ts, "lena-ortiz", "security-forces"),
        "{:?}",
        listing(&ts)
    );
    let ts =
        find("Lena Ortiz said: \"The security forces detained protesters who had done nothing.\"");
    assert!(
        opposes(&ts, "lena-ortiz", "security-forces"),
        "{:?}",
        listing(&ts)
    );
}

#[test]
fn a_speaker_only_relaying_an_act_takes_no_side() {
    // Reported, not quoted: the judgement is not the speaker's own words.
    let ts = find(
        "Amnesty International said in a statement that security forces detained protesters \
         in the capital.",
    );
    assert!(
        opposes(&ts, "security-forces", "protesters"),
        "{:?}",
        listing(&ts)
    );
    assert!(
        !opposes(&ts, "amnesty-international", "security-forces"),
        "{:?}",
        listing(&ts)
    );
}

#[test]
fn a_medium_the_agent_or_a_victim_telling_of_it_adds_no_side() {
    let ts = find("\"Security forces detained protesters in the capital,\" Reuters reported.");
    assert!(
        !opposes(&ts, "reuters", "security-forces"),
        "{:?}",
        listing(&ts)
    );
    let ts = find("\"Our forces struck Mali overnight,\" Russia said.");
    assert!(
        ts.iter().all(|t| t
            .sides
            .iter()
            .flatten()
            .all(|s| s == "russia" || s == "mali")),
        "{:?}",
        listing(&ts)
    );
}

#[test]
fn one_who_characterizes_a_fight_is_not_in_it() {
    let ts = find(
        "Lena Ortiz characterized the dispute as another small skirmish in a war that \
         Russia has waged against Mali for years.",
    );
    assert!(opposes(&ts, "russia", "mali"), "{:?}", listing(&ts));
    assert!(
        ts.iter()
            .all(|t| t.sides.iter().flatten().all(|s| s != "lena-ortiz")),
        "{:?}",
        listing(&ts)
    );
}

#[test]
fn a_speaker_judging_the_one_acting_harshly_is_its_critic() {
    let ts = find("\"Russia is acting in a reckless and irresponsible way,\" Lena Ortiz said.");
    assert!(opposes(&ts, "lena-ortiz", "russia"), "{:?}", listing(&ts));
    let t = ts.iter().find(|t| t.sides[0] == ["lena-ortiz"]).unwrap();
    assert_eq!(t.event_class, "disapprove");
    assert_eq!(t.why[0].sides[0].relation, "speaker");
    // Negated, said of the one acted on, or told by a news medium: no critic.
    for body in [
        "\"Russia is not acting recklessly,\" Lena Ortiz said.",
        "\"Mali was treated in a shameful way by its partners,\" Lena Ortiz said.",
        "\"Russia's conduct is a disgrace,\" Reuters reported.",
    ] {
        let ts = find(body);
        assert!(
            !opposes(&ts, "lena-ortiz", "russia")
                && !opposes(&ts, "lena-ortiz", "mali")
                && !opposes(&ts, "reuters", "russia"),
            "{body}: {:?}",
            listing(&ts)
        );
    }
    // The possessor of the subject acts too.
    let ts = find("\"Russia's conduct is a disgrace,\" Lena Ortiz said.");
    assert!(opposes(&ts, "lena-ortiz", "russia"), "{:?}", listing(&ts));
}

#[test]
fn one_who_calls_a_named_act_a_ploy_is_its_critic() {
    let ts = find("Lena Ortiz called Russia's admission a \"cynical ploy.\"");
    assert!(opposes(&ts, "lena-ortiz", "russia"), "{:?}", listing(&ts));
    let t = ts.iter().find(|t| t.sides[0] == ["lena-ortiz"]).unwrap();
    assert_eq!(t.why[0].sides[0].relation, "subject of 'called'");
    for body in [
        "Lena Ortiz branded Russia a \"criminal regime.\"",
        "Lena Ortiz described Russia's proposal as a sham.",
    ] {
        let ts = find(body);
        assert!(
            opposes(&ts, "lena-ortiz", "russia"),
            "{body}: {:?}",
            listing(&ts)
        );
    }
    // No verb of naming, or the judgement is not its complement: no critic.
    for body in [
        "Lena Ortiz visited Russia after the cynical ploy of the smugglers.",
        "Lena Ortiz called Russia after the stunt.",
    ] {
        let ts = find(body);
        assert!(
            !opposes(&ts, "lena-ortiz", "russia"),
            "{body}: {:?}",
            listing(&ts)
        );
    }
}

#[test]
fn a_speaker_may_name_the_day_before_the_quotation() {
    let ts = find("Lena Ortiz said on Monday, \"Russia is behaving like a bully.\"");
    assert!(opposes(&ts, "lena-ortiz", "russia"), "{:?}", listing(&ts));
    // Words of the speaker's own, not a quotation: no speaker.
    let ts = find("Lena Ortiz said Russia had long been a bully to its neighbours.");
    assert!(!opposes(&ts, "lena-ortiz", "russia"), "{:?}", listing(&ts));
}
