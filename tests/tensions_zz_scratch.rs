use newslens::analysis::tensions::TensionFinder;
use newslens::analysis::{Actor, ActorKind, Mention, text};
use newslens::config;
use newslens::corpus::{Article, Format, Meta, Section, Span};
use std::path::PathBuf;
#[test]
#[ignore]
fn scratch() {
    let f = TensionFinder::new(&config::defaults().tensions).unwrap();
    let names: &[(&str, &str, ActorKind)] = &[
        ("france", "France", ActorKind::Country),
        ("russia", "Russia", ActorKind::Country),
        ("togo", "Togo", ActorKind::Country),
        ("mali", "Mali", ActorKind::Country),
        ("ecowas", "ECOWAS", ActorKind::Organization),
        ("the-junta", "the junta", ActorKind::Group),
        ("us", "the United States", ActorKind::Country),
        ("china", "China", ActorKind::Country),
        ("macron", "Emmanuel Macron", ActorKind::Person),
        ("putin", "Vladimir Putin", ActorKind::Person),
        ("jihadists", "jihadists", ActorKind::Group),
        ("the-army", "the army", ActorKind::Group),
    ];
    for body in [
        "Mali's junta expelled the French ambassador and ordered French troops to leave.",
        "ECOWAS suspended Mali after the coup, and the junta accused the bloc of serving France.",
        "Emmanuel Macron said France would not abandon the Sahel, a jab at Vladimir Putin.",
        "The United States and China are locked in a trade war.",
        "China welcomed Togo's decision to join the initiative.",
        "Russia's Wagner mercenaries fought alongside the army against jihadists in Mali.",
        "France helped Togo fight jihadists in the north.",
        "Togo warned that jihadists could attack the north, France said.",
        "Mali quit ECOWAS in January, accusing the bloc of bowing to France.",
        "France, Togo and Mali signed a security pact to fight jihadists.",
        "Russia offered Mali cheap grain while France cut aid to Mali.",
        "Togo hosted talks between Mali and ECOWAS to resolve the dispute.",
        "China and Russia have expanded their influence in Africa at the expense of France.",
        "France won the match against Togo 3-1.",
        "The army killed twelve jihadists near the border with Mali.",
    ] {
        let a = Article {
            id: "s".into(),
            path: PathBuf::from("s"),
            root: PathBuf::from("."),
            format: Format::PlainText,
            meta: Meta::default(),
            title: String::new(),
            body: body.into(),
            sections: vec![Section {
                span: Span::new(0, body.len()),
                heading: None,
            }],
        };
        let actors: Vec<Actor> = names
            .iter()
            .filter_map(|(id, n, k)| {
                let forms: Vec<&str> = match *id {
                    "france" => vec!["France", "French"],
                    "the-junta" => vec!["junta"],
                    "us" => vec!["United States"],
                    "macron" => vec!["Emmanuel Macron"],
                    "putin" => vec!["Vladimir Putin"],
                    "the-army" => vec!["army"],
                    _ => vec![*n],
                };
                let mut m = Vec::new();
                for f in forms {
                    for (i, x) in body.match_indices(f) {
                        m.push(Mention {
                            span: Span::new(i, i + x.len()),
                            section: 0,
                        });
                    }
                }
                m.sort_by_key(|m| m.span.start);
                (!m.is_empty()).then(|| Actor {
                    id: id.to_string(),
                    name: n.to_string(),
                    kind: *k,
                    aliases: vec![],
                    role: None,
                    salience: 0.5,
                    mentions: m,
                })
            })
            .collect();
        let t = f.find(&a, &text::sentences(body), &actors);
        println!(
            "{body}\n   -> {:?}",
            t.iter()
                .map(|t| format!("{} [{}] {:.2}", t.label, t.kind, t.score))
                .collect::<Vec<_>>()
        );
    }
}
