//! Every annotation of a corpus, read from its sidecars, for the corpus screen's Notes list,
//! and which of them a query keeps.
//!
//! Sidecars are read as they are on disk (the reader writes them at every change), never
//! written. A sidecar that does not parse is reported by its path and line and skipped; the
//! reader's own store keeps refusing to overwrite it. Deleted notes are left out, as in every
//! other list and export.

use super::Annotation;
use super::store::{parse_sidecar, read_regular_file};
use crate::query::{Query, TermKind};
use std::fs;
use std::path::{Path, PathBuf};

/// Sidecars larger than this are not read (the store's own limit).
const MAX_SIDECAR_BYTES: u64 = 64 * 1024 * 1024;

/// One annotation with the article it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct CorpusNote {
    pub article_id: String,
    pub annotation: Annotation,
}

/// Every live annotation under `<root>/.newslens/annotations/`, by article id then position,
/// and one sentence for each sidecar that could not be read.
pub fn corpus_notes(root: &Path) -> (Vec<CorpusNote>, Vec<String>) {
    let dir = root.join(".newslens").join("annotations");
    let mut files = Vec::new();
    collect(&dir, &dir, &mut files, 0);
    files.sort();
    let mut notes = Vec::new();
    let mut problems = Vec::new();
    for (id, path) in files {
        let bytes = match read_regular_file(&path, MAX_SIDECAR_BYTES) {
            Ok(b) => b,
            Err(e) => {
                problems.push(format!("{}: cannot be read: {e}", path.display()));
                continue;
            }
        };
        match parse_sidecar(&bytes) {
            Ok(list) => {
                let mut list: Vec<Annotation> =
                    list.into_iter().filter(|a| !a.is_deleted()).collect();
                list.sort_by_key(|a| (a.target.start, a.target.end));
                notes.extend(list.into_iter().map(|annotation| CorpusNote {
                    article_id: id.clone(),
                    annotation,
                }));
            }
            Err((line, why)) => problems.push(match line {
                Some(l) => format!("{}:{l}: {why}", path.display()),
                None => format!("{}: {why}", path.display()),
            }),
        }
    }
    (notes, problems)
}

/// Sidecar files below `dir` as (article id, path); hidden files (temporaries of atomic
/// writes) and links are skipped.
fn collect(base: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>, depth: usize) {
    if depth > 32 {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = e.file_type() else { continue };
        let path = e.path();
        if kind.is_dir() {
            collect(base, &path, out, depth + 1);
        } else if kind.is_file()
            && path.extension().is_some_and(|x| x == "toml")
            && let Ok(rel) = path.strip_prefix(base)
        {
            let id = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push((id, path));
        }
    }
}

/// Whether the note itself passes the query's terms about notes: `tag:` (one of its tags,
/// case-insensitive), `note:` (words of its note) and free words (in its quote or note);
/// negated terms must not hold. Terms about the article (`source:`, `date:`, `actor:`...)
/// are left to the caller, which knows the articles.
pub fn note_matches(note: &Annotation, query: &Query) -> bool {
    let lower = |s: &str| s.to_lowercase();
    let note_text = lower(&note.note);
    let quote = lower(&note.target.exact);
    query.terms.iter().all(|t| {
        let holds = match &t.kind {
            TermKind::Tag(tag) => note.tags.iter().any(|x| x.eq_ignore_ascii_case(tag)),
            TermKind::Note(words) => contains_words(&note_text, &lower(words)),
            TermKind::Words(words) => {
                let w = lower(words);
                contains_words(&note_text, &w) || contains_words(&quote, &w)
            }
            _ => return true,
        };
        holds != t.negated
    })
}

/// Whether every word of `words` (a trailing `*` is a prefix) occurs in `hay`.
fn contains_words(hay: &str, words: &str) -> bool {
    words
        .split_whitespace()
        .all(|w| hay.contains(w.trim_end_matches('*')))
}

/// The query's terms about articles, as a query of their own (for the index).
pub fn article_terms(query: &Query) -> Query {
    Query {
        terms: query
            .terms
            .iter()
            .filter(|t| {
                !matches!(
                    t.kind,
                    TermKind::Tag(_) | TermKind::Note(_) | TermKind::Words(_)
                )
            })
            .cloned()
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    fn note(quote: &str, text: &str, tags: &[&str]) -> Annotation {
        let mut a = Annotation::new(
            quote,
            crate::corpus::Span::new(0, quote.len()),
            vec![],
            text.into(),
        )
        .expect("a valid span");
        a.tags = tags.iter().map(|t| t.to_string()).collect();
        a
    }

    #[test]
    fn notes_match_by_tag_note_and_words() {
        let a = note(
            "Russia offered grain",
            "Check the tonnage",
            &["Claim", "trade"],
        );
        assert!(note_matches(&a, &parse("tag:claim").unwrap()));
        assert!(!note_matches(&a, &parse("-tag:claim").unwrap()));
        assert!(note_matches(&a, &parse("note:tonnage grain").unwrap()));
        assert!(
            !note_matches(&a, &parse("note:grain").unwrap()),
            "grain is in the quote only"
        );
        assert!(
            note_matches(&a, &parse("offer* source:x").unwrap()),
            "source is for the caller"
        );
        assert!(!note_matches(&a, &parse("wheat").unwrap()));
        let q = article_terms(&parse("tag:claim source:wire date:2025 wheat").unwrap());
        assert_eq!(q.terms.len(), 2);
    }

    #[test]
    fn sidecars_are_read_deleted_notes_left_out_and_broken_ones_reported() {
        let dir = tempfile::tempdir().unwrap();
        let side = dir.path().join(".newslens/annotations/west");
        fs::create_dir_all(&side).unwrap();
        let mut kept = note("Togo", "kept", &["a"]);
        kept.target.start = 5;
        let mut gone = note("Lomé", "gone", &[]);
        gone.deleted = Some("2026-01-01T00:00:00Z".into());
        let text = super::super::store::render_sidecar("west/togo", &[kept.clone(), gone]).unwrap();
        fs::write(side.join("togo.toml"), text).unwrap();
        fs::write(side.join("broken.toml"), "this is = = not toml").unwrap();
        fs::write(side.join(".togo.toml.tmp1"), "junk").unwrap();
        let (notes, problems) = corpus_notes(dir.path());
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].article_id, "west/togo");
        assert_eq!(notes[0].annotation.note, "kept");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("broken.toml:1"), "{problems:?}");
    }
}
