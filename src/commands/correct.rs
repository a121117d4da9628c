//! `newslens correct` (add one correction to a corpus's corrections file, from scripts or
//! other tools) and `newslens corrections` (list them, with those that no longer apply, or
//! write the corpus-wide ones as a user-config fragment).
//!
//! Names are checked against the corrected analysis of the article (or of the whole corpus
//! without `--article`), so a typo is refused with the closest names instead of being saved
//! as a correction that never applies. Usage errors exit 2; a refused save exits 1.

use super::analyze::analyze_corrected;
use crate::analysis::{Analysis, Analyzer};
use crate::config::LoadedConfig;
use crate::corpus::{Article, Corpus};
use crate::corrections::store::{CorrectionStore, path_of};
use crate::corrections::{
    Change, Correction, KINDS, close_matches, lexicon, names_actor, parse_kind,
};
use std::path::PathBuf;

/// The correction asked for on the command line, before its names are checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    RejectActor(String),
    Kind(String),
    Merge(String),
    Rename(String),
    RejectTension(String),
    AddTension(String),
}

/// Exit status of a usage error.
const USAGE: i32 = 2;

fn split_pair<'a>(text: &'a str, sep: char, what: &str) -> Result<(&'a str, &'a str), String> {
    match text.split_once(sep) {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => Ok((a.trim(), b.trim())),
        _ => Err(format!("expected {what}, got “{text}”")),
    }
}

/// Everything actor-like the analyses name: (name or alias, article count).
fn known_names(analyses: &[&Analysis]) -> Vec<String> {
    let mut names: Vec<String> = analyses
        .iter()
        .flat_map(|a| a.actors.iter())
        .flat_map(|a| std::iter::once(a.name.clone()).chain(a.aliases.iter().cloned()))
        .collect();
    names.sort();
    names.dedup();
    names
}

fn check_actor(name: &str, analyses: &[&Analysis], scope: &str) -> Result<(), String> {
    if analyses
        .iter()
        .any(|an| an.actors.iter().any(|a| names_actor(a, name)))
    {
        return Ok(());
    }
    let names = known_names(analyses);
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let close = close_matches(name, &refs, 5);
    if close.is_empty() {
        Err(format!("no actor named “{name}” in {scope}"))
    } else {
        Err(format!(
            "no actor named “{name}” in {scope}; close matches: {}",
            close
                .iter()
                .map(|c| format!("“{c}”"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}

/// The change a request stands for, with its names checked against `analyses`.
fn change_of(request: &Request, analyses: &[&Analysis], scope: &str) -> Result<Change, String> {
    let actor = |n: &str| check_actor(n, analyses, scope);
    Ok(match request {
        Request::RejectActor(name) => {
            actor(name)?;
            Change::RejectActor {
                actor: name.trim().to_string(),
            }
        }
        Request::Kind(text) => {
            let (name, kind) = split_pair(text, '=', "NAME=KIND")?;
            let kind = parse_kind(kind).ok_or_else(|| {
                let all: Vec<&str> = KINDS.iter().map(|k| k.as_str()).collect();
                format!("unknown kind “{kind}”; one of: {}", all.join(", "))
            })?;
            actor(name)?;
            Change::SetKind {
                actor: name.into(),
                kind,
            }
        }
        Request::Merge(text) => {
            let (name, into) = split_pair(text, '=', "NAME=INTO")?;
            actor(name)?;
            Change::Merge {
                actor: name.into(),
                into: into.into(),
            }
        }
        Request::Rename(text) => {
            let (name, new) = split_pair(text, '=', "NAME=NEW")?;
            actor(name)?;
            Change::Rename {
                actor: name.into(),
                name: new.into(),
            }
        }
        Request::RejectTension(text) => {
            let (a, b) = split_pair(text, '/', "A/B")?;
            actor(a)?;
            actor(b)?;
            let found = analyses.iter().any(|an| {
                an.tensions.iter().any(|t| {
                    let on = |side: &[String], name: &str| {
                        side.iter()
                            .any(|id| an.actor(id).is_some_and(|x| names_actor(x, name)))
                    };
                    (on(&t.sides[0], a) && on(&t.sides[1], b))
                        || (on(&t.sides[0], b) && on(&t.sides[1], a))
                })
            });
            if !found {
                return Err(format!("no tension between “{a}” and “{b}” in {scope}"));
            }
            Change::RejectTension {
                between: [a.into(), b.into()],
            }
        }
        Request::AddTension(text) => {
            let (a, b) = split_pair(text, '/', "A/B")?;
            actor(a)?;
            actor(b)?;
            Change::AddTension {
                between: [a.into(), b.into()],
                evidence: None,
            }
        }
    })
}

/// The single corpus folder `correct` and `corrections` work on.
fn one_root(paths: &[PathBuf]) -> Result<PathBuf, String> {
    match paths {
        [one] if one.is_dir() => Ok(one.clone()),
        [one] if !one.exists() => Err(format!("{}: no such folder", one.display())),
        [one] => Err(format!(
            "{}: not a folder (corrections belong to a corpus folder)",
            one.display()
        )),
        _ => Err("give one corpus folder".into()),
    }
}

fn load(config: &LoadedConfig, root: &PathBuf) -> Corpus {
    let corpus = super::load_corpus(std::slice::from_ref(root), &config.config);
    for p in &corpus.problems {
        eprintln!("{p}");
    }
    corpus
}

/// `newslens correct`.
pub fn run_correct(
    config: &LoadedConfig,
    paths: &[PathBuf],
    article: Option<&str>,
    request: &Request,
) -> i32 {
    let root = match one_root(paths) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("newslens correct: {e}");
            return USAGE;
        }
    };
    let analyzer = match Analyzer::new(&config.config) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("newslens: invalid configuration: {e}");
            return 1;
        }
    };
    let mut corpus = load(config, &root);
    if let Some(id) = article {
        let Some(i) = corpus.articles.iter().position(|a| a.id == id) else {
            let ids: Vec<&str> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
            let close = close_matches(id, &ids, 5);
            let hint = if close.is_empty() {
                String::new()
            } else {
                format!("; close matches: {}", close.join(", "))
            };
            eprintln!(
                "newslens correct: no article `{id}` in {}{hint}",
                root.display()
            );
            return USAGE;
        };
        let one: Article = corpus.articles.swap_remove(i);
        corpus.articles = vec![one];
    }
    let (analyses, _) = analyze_corrected(&analyzer, &corpus);
    let refs: Vec<&Analysis> = analyses.iter().collect();
    let scope = match article {
        Some(id) => format!("article `{id}`"),
        None => format!("the corpus {}", root.display()),
    };
    let change = match change_of(request, &refs, &scope) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("newslens correct: {e}");
            return USAGE;
        }
    };
    let (mut store, notices) = CorrectionStore::open_locked(&root);
    for n in &notices {
        eprintln!("newslens correct: {n}");
    }
    let c = Correction::new(article.map(str::to_string), change);
    let line = format!("{} ({})", c.change, c.scope_label());
    match store.add(c) {
        Ok(()) => {
            eprintln!(
                "newslens correct: saved {line} in {}",
                path_of(&root).display()
            );
            0
        }
        Err(e) => {
            eprintln!("newslens correct: not saved: {e}");
            1
        }
    }
}

/// How `corrections` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Toml,
}

/// `newslens corrections`.
pub fn run_list(config: &LoadedConfig, paths: &[PathBuf], format: ListFormat) -> i32 {
    let root = match one_root(paths) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("newslens corrections: {e}");
            return USAGE;
        }
    };
    let (store, notices) = CorrectionStore::load(&root);
    for n in &notices {
        eprintln!("newslens corrections: {n}");
    }
    if !notices.is_empty() {
        return 1;
    }
    let corrections = store.corrections();
    if format == ListFormat::Toml {
        let (text, left) = lexicon::fragment(corrections);
        print!("{text}");
        if !left.is_empty() {
            eprintln!(
                "newslens corrections: {} correction(s) about one article, a passage or added tensions stay in {} (listed in the fragment's comments)",
                left.len(),
                path_of(&root).display()
            );
        }
        return 0;
    }
    if corrections.is_empty() {
        println!("no corrections in {}", path_of(&root).display());
        return 0;
    }
    // Where each applies: analyse the articles they are about.
    let analyzer = match Analyzer::new(&config.config) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("newslens: invalid configuration: {e}");
            return 1;
        }
    };
    let corpus = load(config, &root);
    let (_, messages) = analyze_corrected(&analyzer, &corpus);
    println!(
        "{} correction(s) in {}",
        corrections.list.len(),
        path_of(&root).display()
    );
    for c in &corrections.list {
        let scope = c
            .article
            .as_deref()
            .map_or("whole corpus".to_string(), |a| format!("article {a}"));
        println!(
            "  {}  {}  [{scope}]  {}",
            &c.id[..8.min(c.id.len())],
            c.created,
            crate::sanitize::clean(&c.change.to_string())
        );
    }
    if !messages.is_empty() {
        println!("no longer applying:");
        for m in &messages {
            println!("  {}", crate::sanitize::clean(m));
        }
    }
    0
}
