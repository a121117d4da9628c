//! Theme scoring against the shipped taxonomy and against user-defined themes.

use newslens::analysis::themes::{ThemeDef, ThemeScorer};
use newslens::config;
use newslens::corpus::Article;
mod common;
use common::by_headings as article;

fn default_scorer() -> ThemeScorer {
    ThemeScorer::new(&config::defaults().themes).expect("default themes compile")
}

const DIPLOMACY_SECURITY: &str = "Togo's foreign minister met the French ambassador on Tuesday \
for bilateral talks ahead of a regional summit. Diplomats said the envoy raised the security \
situation in the north, where jihadist groups have attacked army posts and troops were \
deployed. Defence officials discussed military cooperation and the training of soldiers, while \
the junta in neighbouring Burkina Faso, which seized power in a coup, has expelled French forces.";

#[test]
fn shipped_taxonomy_has_the_required_ids_and_rich_lexicons() {
    let themes = config::defaults().themes;
    for id in [
        "diplomacy",
        "security",
        "conflict",
        "governance",
        "elections",
        "human-rights",
        "economy",
        "trade",
        "energy",
        "environment",
        "health",
        "migration",
        "technology",
        "justice",
        "society",
        "culture",
        "sport",
    ] {
        let t = themes
            .iter()
            .find(|t| t.id == id)
            .unwrap_or_else(|| panic!("{id}"));
        assert!(!t.label.is_empty());
        assert!(t.cues.len() >= 30, "{id} has only {} cues", t.cues.len());
    }
}

#[test]
fn diplomacy_and_security_paragraph_scores_those_themes_top() {
    let a = article("Talks in Lomé", DIPLOMACY_SECURITY);
    let themes = default_scorer().score(&a, &[]);
    let ids: Vec<&str> = themes.iter().map(|t| t.id.as_str()).collect();
    assert!(ids.len() >= 2, "{ids:?}");
    let mut top: Vec<&str> = ids[..2].to_vec();
    top.sort();
    assert_eq!(top, ["diplomacy", "security"], "{themes:#?}");
    for t in &themes {
        assert!((0.0..=1.0).contains(&t.score));
        assert!(!t.evidence.is_empty());
        assert_eq!(t.section_scores.len(), a.sections.len());
    }
    assert!(
        !ids.contains(&"sport") && !ids.contains(&"health"),
        "{ids:?}"
    );
    // Sorted by score.
    assert!(themes.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn evidence_spans_slice_the_body_to_the_cue_words() {
    let a = article("", DIPLOMACY_SECURITY);
    let themes = default_scorer().score(&a, &[]);
    let diplomacy = themes.iter().find(|t| t.id == "diplomacy").unwrap();
    let texts: Vec<&str> = diplomacy
        .evidence
        .iter()
        .map(|e| e.span.text(&a.body))
        .collect();
    for needle in [
        "foreign minister",
        "ambassador",
        "bilateral",
        "talks",
        "summit",
        "Diplomats",
        "envoy",
    ] {
        assert!(texts.contains(&needle), "{needle} not in {texts:?}");
    }
    let security = themes.iter().find(|t| t.id == "security").unwrap();
    let texts: Vec<&str> = security
        .evidence
        .iter()
        .map(|e| e.span.text(&a.body))
        .collect();
    assert!(texts.contains(&"coup") && texts.contains(&"junta") && texts.contains(&"deployed"));
    // Whole words only, in body order, never overlapping.
    for t in &themes {
        for w in t.evidence.windows(2) {
            assert!(w[0].span.end <= w[1].span.start);
        }
        for e in &t.evidence {
            let before = a.body[..e.span.start].chars().next_back();
            let after = a.body[e.span.end..].chars().next();
            assert!(
                !before.is_some_and(char::is_alphanumeric),
                "{:?}",
                e.span.text(&a.body)
            );
            assert!(
                !after.is_some_and(char::is_alphanumeric),
                "{:?}",
                e.span.text(&a.body)
            );
        }
    }
}

#[test]
fn exclusions_suppress_cues_inside_them() {
    let body = "The trade union called a strike. The trade unions met again. The Security \
Council met; the security council voted. The result matches expectations and the result \
matched expectations, the trade unionists said.";
    let a = article("", body);
    let themes = default_scorer().score(&a, &[]);
    for t in &themes {
        let texts: Vec<&str> = t.evidence.iter().map(|e| e.span.text(body)).collect();
        match t.id.as_str() {
            "trade" | "security" | "sport" => panic!("{} found in {texts:?}", t.id),
            _ => {}
        }
    }
    // The same words outside the exclusions do count.
    let body2 = "Trade and tariffs dominated; the port handled more trade and shipping. \
Security was tight and troops patrolled. The match was a football classic, the tournament \
final.";
    let themes = default_scorer().score(&article("", body2), &[]);
    let ids: Vec<&str> = themes.iter().map(|t| t.id.as_str()).collect();
    for id in ["trade", "security", "sport"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
}

#[test]
fn section_scores_are_per_section() {
    let body = "## Trade\nThe port of Lomé handles container shipping and exports; tariffs and \
customs duties on imports and trade flows rose as freight and cargo traffic grew.\n\n## Sport\n\
The football team won the tournament final at the stadium after a penalty shootout; the \
striker scored twice and fans celebrated the championship.\n";
    let a = article("", body);
    assert_eq!(a.sections.len(), 2);
    let themes = default_scorer().score(&a, &[]);
    let trade = themes.iter().find(|t| t.id == "trade").expect("trade");
    let sport = themes.iter().find(|t| t.id == "sport").expect("sport");
    assert!(
        trade.section_scores[0] > 0.5 && trade.section_scores[1] == 0.0,
        "{:?}",
        trade.section_scores
    );
    assert!(
        sport.section_scores[1] > 0.5 && sport.section_scores[0] == 0.0,
        "{:?}",
        sport.section_scores
    );
    assert!(trade.evidence.iter().all(|e| e.section == 0));
    assert!(sport.evidence.iter().all(|e| e.section == 1));
}

#[test]
fn long_articles_do_not_saturate_on_a_passing_mention() {
    let filler = "The weather was mild and the streets were quiet that day. ".repeat(200);
    let body = format!("{filler} The minister mentioned the election and the vote. {filler}");
    let themes = default_scorer().score(&article("", &body), &[]);
    assert!(themes.iter().all(|t| t.score < 0.2), "{themes:#?}");
    let dense = "Voters cast ballots in the election; turnout was high and the electoral \
commission counted votes for each candidate in the runoff. "
        .repeat(20);
    let themes = default_scorer().score(&article("", &dense), &[]);
    assert_eq!(themes[0].id, "elections");
    assert!(themes[0].score > 0.9);
}

#[test]
fn headings_and_title_count_more() {
    let body = "## Elections\nSome text about the day and the vote.\n";
    let plain = "Elections\nSome text about the day and the vote.\n";
    let s = default_scorer();
    let score = |a: &Article| {
        s.score(a, &[])
            .iter()
            .find(|t| t.id == "elections")
            .map(|t| t.score)
    };
    let with_heading = score(&article("", body)).unwrap();
    let without = score(&article("", plain)).unwrap();
    assert!(with_heading > without);
    let titled = score(&article("Election day", plain)).unwrap();
    assert!(titled > without);
}

#[test]
fn a_user_theme_added_via_theme_def_works() {
    let mut defs = config::defaults().themes;
    defs.push(ThemeDef {
        id: "space".into(),
        label: "Space".into(),
        cues: vec![
            "rocket*:2".into(),
            "orbit*".into(),
            "launch pad".into(),
            "satellite*".into(),
        ],
        exclude: vec!["rocket science".into()],
    });
    let scorer = ThemeScorer::new(&defs).unwrap();
    let body = "The rocket lifted off the launch pad and reached orbit with two satellites. \
It is not rocket science, engineers said.";
    let themes = scorer.score(&article("", body), &[]);
    let space = themes
        .iter()
        .find(|t| t.id == "space")
        .expect("space theme");
    assert_eq!(space.label, "Space");
    let texts: Vec<&str> = space.evidence.iter().map(|e| e.span.text(body)).collect();
    assert_eq!(texts, ["rocket", "launch pad", "orbit", "satellites"]);
}

#[test]
fn a_bad_cue_is_reported_with_its_theme() {
    let defs = vec![ThemeDef {
        id: "broken".into(),
        label: "Broken".into(),
        cues: vec!["coup:lots".into()],
        exclude: vec![],
    }];
    let err = ThemeScorer::new(&defs).err().expect("error");
    assert!(
        err.0.contains("broken") && err.0.contains("coup:lots"),
        "{err}"
    );
}

#[test]
fn empty_and_odd_input_gives_nothing_and_no_panic() {
    let s = default_scorer();
    assert!(s.score(&article("", ""), &[]).is_empty());
    let mut a = article("", "war war war war war");
    a.sections.clear();
    let themes = s.score(&a, &[]);
    assert!(themes.iter().all(|t| t.section_scores.is_empty()));
    let odd = "é\u{301}💥 \u{202e}coup\u{0} junta—coup d’état؟ 戦争 military";
    let themes = s.score(&article("", odd), &[]);
    for t in &themes {
        for e in &t.evidence {
            assert!(odd.is_char_boundary(e.span.start) && odd.is_char_boundary(e.span.end));
        }
    }
}

#[test]
fn common_words_that_share_a_cue_prefix_are_not_evidence() {
    // Seen on the sample corpus: prefix cues caught words of another meaning.
    let body = "It is important that lawmakers act. Protesters were storming the gates. \
                The goal is to generally raise the budget.";
    let art = article("Notes", body);
    let themes = default_scorer().score(&art, &newslens::analysis::text::sentences(body));
    let wrong = [
        ("trade", "important"),
        ("justice", "lawmakers"),
        ("environment", "storming"),
        ("sport", "goal"),
        ("security", "generally"),
    ];
    for theme in &themes {
        for e in &theme.evidence {
            let word = e.span.text(body).to_lowercase();
            assert!(
                !wrong.contains(&(theme.id.as_str(), word.as_str())),
                "{} counted `{word}`",
                theme.id
            );
        }
    }
}

#[test]
fn one_cue_word_said_often_counts_less_than_as_many_different_ones() {
    let mut defs = config::defaults().themes;
    defs.push(ThemeDef {
        id: "space".into(),
        label: "Space".into(),
        cues: vec!["rocket".into(), "orbit".into(), "satellite".into()],
        exclude: vec![],
    });
    let scorer = ThemeScorer::new(&defs).unwrap();
    let space = |body: &str| {
        let themes = scorer.score(&article("", body), &[]);
        let t = themes.iter().find(|t| t.id == "space").cloned();
        t.expect("space theme")
    };
    let repeated = space("A rocket, a rocket, a rocket and one more rocket went by.");
    let varied = space("A rocket, an orbit, a satellite and one more rocket went by.");
    assert!(
        repeated.score < varied.score,
        "{} vs {}",
        repeated.score,
        varied.score
    );
    // Each use is still evidence; the n-th use of one word weighs 1/n.
    assert_eq!(repeated.evidence.len(), 4);
    assert_eq!(repeated.weights, [1.0, 0.5, 1.0 / 3.0, 0.25]);
}
