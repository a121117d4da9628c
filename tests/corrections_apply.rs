//! `corrections::apply`: each kind of correction on a hand-built analysis, scopes, the
//! DESIGN §3 invariants on the way out, and corrections that no longer apply after an edit.

mod tui_common;

use newslens::analysis::{ActorKind, Analysis};
use newslens::annotations::Target;
use newslens::corpus::{Article, Span};
use newslens::corrections::{Change, Correction, Corrections, apply, apply_traced};
use tui_common::togo;

fn one(article: Option<&str>, change: Change) -> Corrections {
    Corrections::new(vec![Correction::new(article.map(str::to_string), change)])
}

const ID: &str = "west-africa/togo";

/// Every actor has a mention, sides are non-empty ids of this article, spans inside the
/// body and in order, lists sorted.
fn check_invariants(article: &Article, an: &Analysis) {
    let body = article.body.len();
    for a in &an.actors {
        assert!(!a.mentions.is_empty(), "{} has no mention", a.id);
        assert!(
            a.mentions
                .windows(2)
                .all(|w| w[0].span.start <= w[1].span.start)
        );
        assert!(
            a.mentions
                .iter()
                .all(|m| m.span.end <= body && !m.span.is_empty())
        );
    }
    assert!(an.actors.windows(2).all(|w| w[0].salience >= w[1].salience));
    assert!(an.tensions.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(an.themes.windows(2).all(|w| w[0].score >= w[1].score));
    for t in &an.tensions {
        assert!(!t.evidence.is_empty(), "{}", t.id);
        for side in &t.sides {
            assert!(!side.is_empty(), "{}", t.id);
            for id in side {
                assert!(an.actor(id).is_some(), "{} names unknown {id}", t.id);
            }
        }
        assert!(t.evidence.iter().all(|e| e.span.end <= body));
    }
    for t in &an.themes {
        assert!(!t.evidence.is_empty());
    }
}

fn names(an: &Analysis) -> Vec<&str> {
    an.actors.iter().map(|a| a.name.as_str()).collect()
}

#[test]
fn reject_actor_removes_it_and_its_tensions() {
    let (article, an) = togo();
    let c = one(
        Some(ID),
        Change::RejectActor {
            actor: "russia".into(),
        },
    );
    let (out, unapplied) = apply(&c, ID, &article, an);
    assert!(unapplied.is_empty());
    assert!(!names(&out).contains(&"Russia"));
    assert!(out.tensions.is_empty(), "France vs Russia lost a side");
    check_invariants(&article, &out);
}

#[test]
fn set_kind_and_rename_match_any_alias_folded() {
    let (article, an) = togo();
    let c = Corrections::new(vec![
        Correction::new(
            None,
            Change::SetKind {
                actor: "PARIS".into(),
                kind: ActorKind::Organization,
            },
        ),
        Correction::new(
            None,
            Change::Rename {
                actor: "french".into(),
                name: "French Republic".into(),
            },
        ),
        Correction::new(
            None,
            Change::SetKind {
                actor: "gnassingbe".into(),
                kind: ActorKind::Group,
            },
        ),
    ]);
    let out = apply_traced(&c, ID, &article, an);
    let an = &out.analysis;
    let france = an.actor("france").unwrap();
    assert_eq!(france.kind, ActorKind::Organization);
    assert_eq!(france.name, "French Republic");
    assert!(france.aliases.contains(&"France".to_string()));
    assert_eq!(an.actor("faure-gnassingbe").unwrap().kind, ActorKind::Group);
    assert_eq!(
        an.tensions[0].label, "French Republic vs Russia",
        "label follows the name"
    );
    assert_eq!(out.touched.actors["france"].len(), 2);
    assert_eq!(out.applied, 3);
    check_invariants(&article, an);
}

#[test]
fn merge_moves_mentions_and_aliases_and_drops_self_tensions() {
    let (article, an) = togo();
    let before_fr = an.actor("france").unwrap().mentions.len();
    let before_ru = an.actor("russia").unwrap().mentions.len();
    let c = one(
        None,
        Change::Merge {
            actor: "Russia".into(),
            into: "France".into(),
        },
    );
    let (out, _) = apply(&c, ID, &article, an);
    let fr = out.actor("france").unwrap();
    assert_eq!(fr.mentions.len(), before_fr + before_ru);
    assert!(fr.aliases.iter().any(|a| a == "Moscow"));
    assert!(out.actor("russia").is_none());
    assert!(out.tensions.is_empty(), "France vs France is no tension");
    check_invariants(&article, &out);
}

#[test]
fn merge_into_an_absent_actor_renames() {
    let (article, an) = togo();
    let c = one(
        None,
        Change::Merge {
            actor: "Gnassingbé".into(),
            into: "Faure Essozimna Gnassingbé".into(),
        },
    );
    let (out, _) = apply(&c, ID, &article, an);
    assert_eq!(
        out.actor("faure-gnassingbe").unwrap().name,
        "Faure Essozimna Gnassingbé"
    );
}

#[test]
fn split_off_a_mention_makes_a_new_actor_or_joins_one() {
    let (article, an) = togo();
    let paris = article.body.find("Paris recalled").unwrap();
    let mention = Target::from_span(&article.body, Span::new(paris, paris + 5)).unwrap();
    let c = one(
        Some(ID),
        Change::SplitMention {
            actor: "France".into(),
            mention: mention.clone(),
            name: "Paris".into(),
            kind: Some(ActorKind::Place),
        },
    );
    let before = an.actor("france").unwrap().mentions.len();
    let (out, unapplied) = apply(&c, ID, &article, an.clone());
    assert!(unapplied.is_empty(), "{unapplied:?}");
    assert_eq!(out.actor("france").unwrap().mentions.len(), before - 1);
    let p = out.actor("paris").unwrap();
    assert_eq!(p.kind, ActorKind::Place);
    assert_eq!(p.mentions[0].span.text(&article.body), "Paris");
    check_invariants(&article, &out);

    // Into an existing actor.
    let c = one(
        Some(ID),
        Change::SplitMention {
            actor: "France".into(),
            mention,
            name: "Togo".into(),
            kind: None,
        },
    );
    let (out, _) = apply(&c, ID, &article, an);
    assert!(
        out.actor("togo")
            .unwrap()
            .mentions
            .iter()
            .any(|m| m.span.start == paris)
    );
}

#[test]
fn tensions_rejected_flipped_edited_and_added() {
    let (article, an) = togo();
    let reject = one(
        Some(ID),
        Change::RejectTension {
            between: ["Moscow".into(), "paris".into()],
        },
    );
    let (out, u) = apply(&reject, ID, &article, an.clone());
    assert!(
        u.is_empty() && out.tensions.is_empty(),
        "either order, aliases"
    );

    let flip = one(
        Some(ID),
        Change::SetSides {
            between: ["France".into(), "Russia".into()],
            sides: [vec!["Russia".into()], vec!["France".into(), "Togo".into()]],
        },
    );
    let (out, _) = apply(&flip, ID, &article, an.clone());
    assert_eq!(
        out.tensions[0].sides,
        [
            vec!["russia".to_string()],
            vec!["france".into(), "togo".into()]
        ]
    );
    assert_eq!(out.tensions[0].label, "Russia vs France and Togo");
    check_invariants(&article, &out);

    let at = article.body.find("Gnassingbé said").unwrap();
    let sentence = an
        .sentences
        .iter()
        .find(|s| s.start == at)
        .copied()
        .unwrap();
    let add = one(
        Some(ID),
        Change::AddTension {
            between: ["Togo".into(), "Faure Gnassingbé".into()],
            evidence: Some(Target::from_span(&article.body, sentence).unwrap()),
        },
    );
    let out = apply_traced(&add, ID, &article, an.clone());
    assert_eq!(out.analysis.tensions.len(), 2);
    let t = out
        .analysis
        .tensions
        .iter()
        .find(|t| t.sides[0] == ["togo"])
        .unwrap();
    assert_eq!(t.evidence[0].span, sentence);
    assert!(out.touched.tensions.contains_key(&t.id));
    check_invariants(&article, &out.analysis);

    // Without a passage: the sentences naming both.
    let add = one(
        None,
        Change::AddTension {
            between: ["Togo".into(), "Russia".into()],
            evidence: None,
        },
    );
    let (out, _) = apply(&add, ID, &article, an);
    let t = out
        .tensions
        .iter()
        .find(|t| t.sides[0] == ["togo"])
        .unwrap();
    assert!(t.evidence.iter().all(|e| {
        let s = e.span.text(&article.body);
        s.contains("Togo") && s.contains("Russia")
    }));
}

#[test]
fn theme_evidence_extends_or_creates_a_theme() {
    let (article, an) = togo();
    let at = article.body.find("The talks lasted").unwrap();
    let passage = Target::from_span(&article.body, Span::new(at, at + 9)).unwrap();
    let c = Corrections::new(vec![
        Correction::new(
            Some(ID.into()),
            Change::ThemeEvidence {
                theme: "security".into(),
                label: "Security".into(),
                passage: passage.clone(),
            },
        ),
        Correction::new(
            Some(ID.into()),
            Change::ThemeEvidence {
                theme: "trade".into(),
                label: "Trade".into(),
                passage,
            },
        ),
    ]);
    let before = an.themes[1].evidence.len();
    let (out, _) = apply(&c, ID, &article, an);
    let sec = out.themes.iter().find(|t| t.id == "security").unwrap();
    assert_eq!(sec.evidence.len(), before + 1);
    let trade = out.themes.iter().find(|t| t.id == "trade").unwrap();
    assert_eq!(trade.label, "Trade");
    assert_eq!(trade.section_scores.len(), article.sections.len());
    check_invariants(&article, &out);
}

#[test]
fn scope_other_articles_untouched_corpus_wide_everywhere() {
    let (article, an) = togo();
    let c = one(
        Some("elsewhere/other"),
        Change::RejectActor {
            actor: "Togo".into(),
        },
    );
    let (out, u) = apply(&c, ID, &article, an.clone());
    assert_eq!(
        out, an,
        "a correction about another article changes nothing"
    );
    assert!(u.is_empty(), "and is not this article's to report");
    let c = one(
        None,
        Change::RejectActor {
            actor: "Togo".into(),
        },
    );
    let (out, _) = apply(&c, ID, &article, an);
    assert!(out.actor("togo").is_none());
}

#[test]
fn corrections_that_no_longer_apply_are_reported_after_an_edit() {
    let (article, an) = togo();
    let paris = article.body.find("Paris recalled").unwrap();
    let mention = Target::from_span(&article.body, Span::new(paris, paris + 5)).unwrap();
    let c = Corrections::new(vec![
        Correction::new(
            Some(ID.into()),
            Change::SplitMention {
                actor: "France".into(),
                mention,
                name: "Paris".into(),
                kind: None,
            },
        ),
        Correction::new(
            Some(ID.into()),
            Change::SetKind {
                actor: "Togo".into(),
                kind: ActorKind::Region,
            },
        ),
        Correction::new(
            Some(ID.into()),
            Change::RejectActor {
                actor: "Lomé".into(),
            },
        ),
        Correction::new(
            None,
            Change::RejectActor {
                actor: "Nowhere".into(),
            },
        ),
    ]);
    // The article is edited: the sentence with "Paris" goes.
    let mut edited = article.clone();
    let sentence = "France warned against the deal, and Paris recalled its ambassador.";
    let at = edited.body.find(sentence).unwrap();
    edited
        .body
        .replace_range(at..at + sentence.len(), &" ".repeat(sentence.len()));
    let mut an = an;
    for a in &mut an.actors {
        a.mentions
            .retain(|m| !(m.span.start >= at && m.span.end <= at + sentence.len()));
    }
    for t in &mut an.tensions {
        t.evidence
            .retain(|e| e.span.start < at || e.span.start >= at + sentence.len());
    }
    let out = apply_traced(&c, ID, &edited, an);
    let reasons: Vec<&str> = out.unapplied.iter().map(|u| u.reason.as_str()).collect();
    assert_eq!(out.unapplied.len(), 2, "{reasons:?}");
    assert!(
        reasons[0].contains("no longer in the article"),
        "{reasons:?}"
    );
    assert!(reasons[1].contains("no actor “Lomé”"), "{reasons:?}");
    assert_eq!(
        out.analysis.actor("togo").unwrap().kind,
        ActorKind::Region,
        "the one that applies stays"
    );
    check_invariants(&edited, &out.analysis);
}
