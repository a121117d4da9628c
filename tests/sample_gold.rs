//! The engine against the hand-written gold file for the bundled sample corpus
//! (`tests/sample_gold.toml`): expected actors with their kinds, top themes and tensions.
//! Each miss is printed; the test fails when the overall rates drop below the floors.

use newslens::analysis::{Analysis, Analyzer};
use newslens::corpus::{self, Article, LoadOptions};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Gold {
    article: Vec<GoldArticle>,
}

#[derive(Deserialize)]
struct GoldArticle {
    id: String,
    actors: Vec<GoldActor>,
    themes: Vec<String>,
    tensions: Vec<[String; 2]>,
}

#[derive(Deserialize)]
struct GoldActor {
    name: String,
    kind: String,
}

/// Floors on the share of gold items found over the whole corpus.
const ACTORS_FOUND: f64 = 0.95;
const ACTOR_KINDS_RIGHT: f64 = 0.95;
const THEMES_IN_TOP5: f64 = 0.90;
const TENSIONS_FOUND: f64 = 0.70;

fn same(a: &str, b: &str) -> bool {
    a.to_lowercase().trim_start_matches("the ") == b.to_lowercase().trim_start_matches("the ")
}

/// The actor the engine gives for a gold name: its name, an alias, or a mention's text.
fn find_actor<'a>(
    x: &'a Analysis,
    body: &str,
    name: &str,
) -> Option<&'a newslens::analysis::Actor> {
    x.actors.iter().find(|a| {
        same(&a.name, name)
            || a.aliases.iter().any(|al| same(al, name))
            || a.mentions.iter().any(|m| same(m.span.text(body), name))
    })
}

#[test]
fn engine_matches_the_sample_gold() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let gold: Gold =
        toml::from_str(&std::fs::read_to_string(root.join("tests/sample_gold.toml")).unwrap())
            .unwrap();
    let corpus = corpus::load(&[root.join("articles")], &LoadOptions::default());
    assert!(
        corpus
            .problems
            .iter()
            .all(|p| p.severity != corpus::Severity::Error),
        "{:?}",
        corpus.problems
    );
    let analyzer = Analyzer::new(&newslens::config::defaults()).unwrap();

    let (mut actors, mut found, mut kinds_right) = (0, 0, 0);
    let (mut themes, mut themes_ok, mut tensions, mut tensions_ok) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for g in &gold.article {
        let article: &Article = corpus
            .articles
            .iter()
            .find(|a| a.id == g.id)
            .unwrap_or_else(|| panic!("gold names missing article {}", g.id));
        let x = analyzer.analyze(article);
        for ga in &g.actors {
            actors += 1;
            match find_actor(&x, &article.body, &ga.name) {
                Some(a) => {
                    found += 1;
                    if a.kind.as_str() == ga.kind {
                        kinds_right += 1;
                    } else {
                        misses.push(format!(
                            "{}: {} is {} not {}",
                            g.id,
                            ga.name,
                            a.kind.as_str(),
                            ga.kind
                        ));
                    }
                }
                None => misses.push(format!(
                    "{}: actor not found: {} ({})",
                    g.id, ga.name, ga.kind
                )),
            }
        }
        let top: Vec<&str> = x.themes.iter().take(5).map(|t| t.id.as_str()).collect();
        for t in &g.themes {
            themes += 1;
            if top.contains(&t.as_str()) {
                themes_ok += 1;
            } else {
                misses.push(format!("{}: theme {t} not in top 5 {top:?}", g.id));
            }
        }
        for [a, b] in &g.tensions {
            tensions += 1;
            let ida = find_actor(&x, &article.body, a).map(|x| x.id.clone());
            let idb = find_actor(&x, &article.body, b).map(|x| x.id.clone());
            let hit = match (ida, idb) {
                (Some(ia), Some(ib)) => x.tensions.iter().any(|t| {
                    (t.sides[0].contains(&ia) && t.sides[1].contains(&ib))
                        || (t.sides[0].contains(&ib) && t.sides[1].contains(&ia))
                }),
                _ => false,
            };
            if hit {
                tensions_ok += 1;
            } else {
                let found: Vec<&str> = x.tensions.iter().map(|t| t.label.as_str()).collect();
                misses.push(format!(
                    "{}: tension {a} vs {b} not found; found {found:?}",
                    g.id
                ));
            }
        }
    }
    let rate = |n: usize, d: usize| if d == 0 { 1.0 } else { n as f64 / d as f64 };
    let report = format!(
        "actors found {found}/{actors}, kinds right {kinds_right}/{found}, themes in top 5 {themes_ok}/{themes}, tensions {tensions_ok}/{tensions}\n{}",
        misses.join("\n")
    );
    println!("{report}");
    assert!(
        actors > 0 && themes > 0 && tensions > 0,
        "the gold file is empty"
    );
    assert!(rate(found, actors) >= ACTORS_FOUND, "{report}");
    assert!(rate(kinds_right, found) >= ACTOR_KINDS_RIGHT, "{report}");
    assert!(rate(themes_ok, themes) >= THEMES_IN_TOP5, "{report}");
    assert!(rate(tensions_ok, tensions) >= TENSIONS_FOUND, "{report}");
}
