//! User config files retune themes and tension classes by id, without rebuilding.

use newslens::analysis::tensions::TensionFinder;
use newslens::analysis::themes::ThemeScorer;
use newslens::analysis::{Actor, ActorKind, Mention, text};
use newslens::config;
use newslens::corpus::{Article, Format, Meta, Section, Span};
use std::io::Write;
use std::path::PathBuf;

fn user_config(text: &str) -> config::Config {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    config::load(Some(f.path())).unwrap().config
}

fn article(body: &str) -> Article {
    Article {
        id: "c".into(),
        path: PathBuf::from("c.md"),
        root: std::path::Path::new(".").into(),
        format: Format::PlainText,
        meta: Meta::default(),
        title: String::new(),
        body: body.into(),
        sections: vec![Section {
            span: Span::new(0, body.len()),
            heading: None,
        }],
    }
}

fn country(a: &Article, name: &str) -> Actor {
    let i = a.body.find(name).unwrap();
    Actor {
        id: name.to_lowercase(),
        name: name.into(),
        kind: ActorKind::Country,
        aliases: Vec::new(),
        role: None,
        salience: 0.5,
        why: Vec::new(),
        mentions: vec![Mention {
            span: Span::new(i, i + name.len()),
            section: 0,
        }],
    }
}

#[test]
fn a_user_file_retunes_one_tension_class_by_id() {
    let c = user_config("[[tensions.class]]\nid = \"fight\"\ncues = [\"brawl*:2\"]\n");
    let d = config::defaults();
    let fight = c.tensions.classes.iter().find(|k| k.id == "fight").unwrap();
    let default_fight = d.tensions.classes.iter().find(|k| k.id == "fight").unwrap();
    assert_eq!(fight.kind, default_fight.kind, "kind kept from the default");
    assert!(fight.reciprocal);
    assert_eq!(fight.cues, ["brawl*:2"]);
    assert_eq!(c.tensions.classes.len(), d.tensions.classes.len());
    assert_eq!(c.tensions.negations, d.tensions.negations);

    let a = article("Niger and Benin brawled over the border.");
    let actors = vec![country(&a, "Niger"), country(&a, "Benin")];
    let t = TensionFinder::new(&c.tensions)
        .unwrap()
        .find(&a, &text::sentences(&a.body), &actors);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(t[0].kind, "armed conflict");
}

#[test]
fn a_user_file_adds_a_negation_and_an_exclusion_to_a_theme() {
    let c = user_config(
        "[tensions]\nnegations = [\"pretended to\"]\n\n[[theme]]\nid = \"sport\"\nexclude = [\"football diplomacy\"]\n",
    );
    let a = article("Benin pretended to condemn Niger.");
    let actors = vec![country(&a, "Benin"), country(&a, "Niger")];
    let finder = TensionFinder::new(&c.tensions).unwrap();
    assert!(
        finder
            .find(&a, &text::sentences(&a.body), &actors)
            .is_empty()
    );

    let sport = c.themes.iter().find(|t| t.id == "sport").unwrap();
    assert_eq!(
        sport.cues,
        config::defaults()
            .themes
            .iter()
            .find(|t| t.id == "sport")
            .unwrap()
            .cues
    );
    let a = article(
        "Football diplomacy: football diplomacy and more football diplomacy, football diplomacy.",
    );
    let themes = ThemeScorer::new(&c.themes).unwrap().score(&a, &[]);
    assert!(themes.iter().all(|t| t.id != "sport"), "{themes:#?}");
    let themes = ThemeScorer::new(&config::defaults().themes)
        .unwrap()
        .score(&a, &[]);
    assert!(themes.iter().any(|t| t.id == "sport"));
}

#[test]
fn bad_cues_in_a_user_file_are_named() {
    let c = user_config("[[tensions.class]]\nid = \"fight\"\ncues = [\"* war\"]\n");
    let err = TensionFinder::new(&c.tensions).err().expect("rejected");
    assert!(err.0.contains("fight") && err.0.contains("* war"), "{err}");
    let c = user_config("[[tensions.class]]\nid = \"new\"\ncues = [\"spar*\"]\n");
    let err = TensionFinder::new(&c.tensions)
        .err()
        .expect("a class needs a kind");
    assert!(err.0.contains("new"), "{err}");
}
