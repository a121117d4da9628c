//! Fixtures shared by the analysis tests: articles built from text with chosen section
//! boundaries, and actors placed by hand at every whole-word occurrence of their forms.
#![allow(dead_code)] // each test crate uses only some of these

use newslens::analysis::{Actor, ActorKind, Mention};
use newslens::corpus::{Article, Format, Meta, Section, Span};
use std::path::PathBuf;

/// An article whose sections start at `starts` (sorted, deduplicated, 0 added, each moved
/// back to a char boundary).
pub fn with_section_starts(title: &str, body: &str, format: Format, starts: &[usize]) -> Article {
    let mut starts: Vec<usize> = starts
        .iter()
        .map(|&c| {
            let mut c = c.min(body.len());
            while !body.is_char_boundary(c) {
                c -= 1;
            }
            c
        })
        .collect();
    starts.push(0);
    starts.sort_unstable();
    starts.dedup();
    let sections = starts
        .iter()
        .enumerate()
        .map(|(i, &s)| Section {
            span: Span::new(s, starts.get(i + 1).copied().unwrap_or(body.len())),
            heading: None,
        })
        .collect();
    Article {
        id: "fixture".into(),
        path: PathBuf::from("fixture.md"),
        root: std::path::Path::new(".").into(),
        format,
        meta: Meta::default(),
        title: title.into(),
        body: body.into(),
        sections,
    }
}

/// A Markdown article with a section at each `## ` heading.
pub fn by_headings(title: &str, body: &str) -> Article {
    let mut starts = Vec::new();
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        if line.starts_with("## ") {
            starts.push(at);
        }
        at += line.len();
    }
    with_section_starts(title, body, Format::Markdown, &starts)
}

/// A plain-text article, untitled, with one section per paragraph.
pub fn by_paragraphs(body: &str) -> Article {
    let starts: Vec<usize> = body.match_indices("\n\n").map(|(i, _)| i + 2).collect();
    with_section_starts("", body, Format::PlainText, &starts)
}

/// An actor with a mention at every whole-word occurrence of each of `forms`.
pub fn actor(a: &Article, id: &str, name: &str, kind: ActorKind, forms: &[&str]) -> Actor {
    let mut mentions = Vec::new();
    for form in forms {
        for (start, m) in a.body.match_indices(form) {
            let end = start + m.len();
            let before = a.body[..start].chars().next_back();
            let after = a.body[end..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                mentions.push(Mention {
                    span: Span::new(start, end),
                    section: a.section_at(start),
                });
            }
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    Actor {
        id: id.into(),
        name: name.into(),
        kind,
        aliases: Vec::new(),
        role: None,
        salience: 0.5,
        why: Vec::new(),
        mentions,
    }
}

/// The actors the bundled finder reads in `body` (a Markdown article, untitled); the finder
/// is built once per test crate.
pub fn found_actors(body: &str) -> Vec<Actor> {
    use newslens::analysis::actors::ActorFinder;
    use newslens::analysis::text::sentences;
    static FINDER: std::sync::OnceLock<ActorFinder> = std::sync::OnceLock::new();
    let finder = FINDER.get_or_init(|| ActorFinder::new().expect("bundled data loads"));
    let a = by_headings("", body);
    finder.find(&a, &sentences(&a.body))
}

/// A hand-placed actor: id, name, kind and the forms whose whole-word occurrences are its
/// mentions.
pub type Cast<'a> = (&'a str, &'a str, ActorKind, &'a [&'a str]);

/// The tensions the bundled finder (default lexicons) reads in `body`, split into sections
/// at blank lines, among the actors of `cast` that occur in it.
pub fn tensions_among(body: &str, cast: &[Cast]) -> Vec<newslens::analysis::Tension> {
    use newslens::analysis::tensions::TensionFinder;
    static FINDER: std::sync::OnceLock<TensionFinder> = std::sync::OnceLock::new();
    let finder = FINDER.get_or_init(|| {
        TensionFinder::new(&newslens::config::defaults().tensions).expect("lexicon")
    });
    let a = by_paragraphs(body);
    let actors: Vec<Actor> = cast
        .iter()
        .map(|(id, name, kind, forms)| actor(&a, id, name, *kind, forms))
        .filter(|x| !x.mentions.is_empty())
        .collect();
    finder.find(&a, &newslens::analysis::text::sentences(&a.body), &actors)
}

/// Whether some tension has `a` on one side and `b` on the other, in either order.
pub fn opposed(ts: &[newslens::analysis::Tension], a: &str, b: &str) -> bool {
    ts.iter().any(|t| {
        (t.sides[0].iter().any(|x| x == a) && t.sides[1].iter().any(|x| x == b))
            || (t.sides[0].iter().any(|x| x == b) && t.sides[1].iter().any(|x| x == a))
    })
}

/// The tensions' labels, for assertion messages.
pub fn labels(ts: &[newslens::analysis::Tension]) -> Vec<&str> {
    ts.iter().map(|t| t.label.as_str()).collect()
}

/// Writes the annotation sidecar of article `id` under `root` with one note on `span` of
/// `body`, tagged "evidence", its body hash cleared as an older sidecar would have it.
pub fn write_one_note(root: &std::path::Path, id: &str, body: &str, span: Span) {
    let mut note = newslens::annotations::Annotation::new(
        body,
        span,
        vec!["evidence".into()],
        "Where they met".into(),
    )
    .unwrap();
    note.target.body_hash.clear();
    let sidecar = newslens::annotations::store::render_sidecar(id, &[note]).unwrap();
    std::fs::create_dir_all(root.join(".newslens/annotations")).unwrap();
    std::fs::write(
        root.join(format!(".newslens/annotations/{id}.toml")),
        sidecar,
    )
    .unwrap();
}
