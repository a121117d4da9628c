//! Whom a charge names: "X accused Y of killing Z" makes Y (not X) the agent of the
//! killing; and tariffs are set by states, their blocs or office holders, so a "tariff"
//! between two companies is a price, not a trade dispute; a demand for someone's release
//! is made of their captor, not of them. Every sentence was written for
//! these tests.

use newslens::analysis::{ActorKind, Tension};
mod common;
use common::{Cast, labels as listing, opposed as opposes, tensions_among};

fn find(body: &str) -> Vec<Tension> {
    let cast: &[Cast] = &[
        ("mali", "Mali", ActorKind::Country, &["Mali"]),
        ("canada", "Canada", ActorKind::Country, &["Canada"]),
        ("ilan-voss", "Ilan Voss", ActorKind::Person, &["Ilan Voss"]),
        (
            "human-rights-groups",
            "human rights groups",
            ActorKind::Group,
            &["Rights groups", "rights groups"],
        ),
        (
            "security-forces",
            "security forces",
            ActorKind::Group,
            &["the police", "security forces"],
        ),
        (
            "protesters",
            "protesters",
            ActorKind::Group,
            &["protesters", "demonstrators"],
        ),
        (
            "velto-power",
            "Velto Power",
            ActorKind::Organization,
            &["Velto Power"],
        ),
        (
            "brisk-energy",
            "Brisk Energy",
            ActorKind::Organization,
            &["Brisk Energy"],
        ),
    ];
    let body = format!("The report came on Monday.\n\n{body}");
    tensions_among(&body, cast)
}

#[test]
fn the_accused_not_the_accuser_did_the_act() {
    let ts = find(
        "Rights groups accused the police of using excessive force and of killing unarmed \
         demonstrators.",
    );
    assert!(
        opposes(&ts, "security-forces", "protesters"),
        "{:?}",
        listing(&ts)
    );
    assert!(
        !opposes(&ts, "human-rights-groups", "protesters"),
        "{:?}",
        listing(&ts)
    );
}

#[test]
fn a_tariff_between_companies_is_a_price() {
    let ts = find(
        "Velto Power's fixed rate tariff costs 700 pounds and Brisk Energy customers pay \
         about the same for its basic tariff.",
    );
    assert!(
        !opposes(&ts, "velto-power", "brisk-energy"),
        "{:?}",
        listing(&ts)
    );
    let ts = find("Mali imposed new tariffs on Canada last week.");
    assert!(opposes(&ts, "mali", "canada"), "{:?}", listing(&ts));
}

#[test]
fn a_demand_for_someones_freedom_does_not_oppose_them() {
    for body in [
        "Mali condemned the raid and demanded that Ilan Voss be released.",
        "Mali demanded the release of Ilan Voss on Tuesday.",
        "Mali demanded Ilan Voss's immediate release.",
    ] {
        let ts = find(body);
        assert!(
            !opposes(&ts, "mali", "ilan-voss"),
            "{body}: {:?}",
            listing(&ts)
        );
    }
    // A demand made of them still opposes them.
    let ts = find("Mali demanded that Ilan Voss resign.");
    assert!(opposes(&ts, "mali", "ilan-voss"), "{:?}", listing(&ts));
}
