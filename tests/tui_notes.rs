//! The Notes panel's safety net, through the production keymap with a real store in a
//! temporary corpus: unlimited undo and redo of every change to a note, deleted notes kept in
//! the sidecar across sessions until restored or purged, exports that skip them, and the
//! detail box that follows the cursor when a filter hides the note it showed.

mod tui_common;

use newslens::annotations::store::Store;
use newslens::config;
use newslens::corpus::{Corpus, Span};
use newslens::tui::app::{App, Focus, Item, Panel};
use newslens::tui::build_app;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};
use tui_common::*;

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn corpus_in(dir: &Path) -> Corpus {
    let (mut article, _) = togo();
    article.root = dir.into();
    article.path = dir.join("west-africa/togo.md");
    Corpus {
        articles: vec![article],
        problems: vec![],
    }
}

/// The Togo fixture in a corpus at `dir`, stores open, 140×40.
fn app_in(dir: &Path) -> App {
    let (_, analysis) = togo();
    let loaded = config::LoadedConfig {
        config: config::defaults(),
        user_file: None,
    };
    let mut app = build_app(&loaded, corpus_in(dir)).unwrap();
    app.resize(140, 40);
    app.analysis_ready(0, analysis);
    app.open_stores();
    app
}

fn sidecar(dir: &Path) -> PathBuf {
    dir.join(".newslens/annotations/west-africa/togo.toml")
}

fn span_of(body: &str, quote: &str) -> Span {
    let s = body.find(quote).expect("quote in body");
    Span::new(s, s + quote.len())
}

/// Two notes saved before the reader opens: "first" (tag claim) then "second" (tag bias).
fn two_notes(dir: &Path) {
    let corpus = corpus_in(dir);
    let a = &corpus.articles[0];
    let (mut store, _) = Store::open(dir);
    let one = span_of(&a.body, "President Faure Gnassingbé met the French envoy");
    store
        .add(a, one, vec!["claim".into()], "first".into())
        .unwrap();
    let two = span_of(&a.body, "Russia");
    store
        .add(a, two, vec!["bias".into()], "second".into())
        .unwrap();
    store.save(&a.id).unwrap();
}

fn notes(app: &App) -> Vec<String> {
    (0..app.notebook.len())
        .filter_map(|i| app.notebook.note(i))
        .map(|n| n.annotation.note.clone())
        .collect()
}

fn message(app: &App) -> String {
    app.message.clone().unwrap_or_default()
}

/// The issue's reproducer: `4 g d d u u` on two notes brings both back, on disk too, and
/// `u` then has nothing left; `Ctrl-r` redoes both deletes and `u` undoes them again.
#[test]
fn deleting_two_notes_and_undoing_twice_brings_both_back() {
    let dir = tempfile::tempdir().unwrap();
    two_notes(dir.path());
    let mut app = app_in(dir.path());
    press(&mut app, "4gdd");
    assert_eq!(app.notebook.len(), 0);
    press(&mut app, "u");
    assert!(
        message(&app).contains("undone: note delete"),
        "{}",
        message(&app)
    );
    press(&mut app, "u");
    assert_eq!(notes(&app), ["first", "second"]);
    let saved = std::fs::read_to_string(sidecar(dir.path())).unwrap();
    assert_eq!(saved.matches("[[annotation]]").count(), 2, "{saved}");
    assert!(!saved.contains("deleted = "), "{saved}");
    press(&mut app, "u");
    assert_eq!(message(&app), "nothing to undo");

    app.handle_event(&ctrl('r'));
    app.handle_event(&ctrl('r'));
    assert_eq!(app.notebook.len(), 0);
    app.handle_event(&ctrl('r'));
    assert_eq!(message(&app), "nothing to redo");
    press(&mut app, "uu");
    assert_eq!(notes(&app), ["first", "second"]);
    // The status line names undo and redo in the Notes panel.
    let text = screen(&render(&app));
    assert!(text.contains("undo") && text.contains("redo"), "{text}");
}

/// Edits and tag changes undo and redo too, as far back as the session goes; a new change
/// ends what could be redone.
#[test]
fn edits_and_tag_changes_undo_and_redo_without_limit() {
    let dir = tempfile::tempdir().unwrap();
    two_notes(dir.path());
    let mut app = app_in(dir.path());
    press(&mut app, "4g");
    for n in 1..=5 {
        press(&mut app, "e");
        assert!(app.notebook.editor.is_some());
        // In the tags field: one more tag, then the note gets a word.
        press(&mut app, &format!("t{n}"));
        app.handle_event(&key(KeyCode::Enter));
        app.handle_event(&key(KeyCode::Tab));
        app.handle_event(&key(KeyCode::End));
        press(&mut app, &format!(" {n}"));
        app.handle_event(&ctrl('s'));
    }
    assert_eq!(notes(&app)[0], "first 1 2 3 4 5");
    let tags = |app: &App| app.notebook.note(0).unwrap().annotation.tags.clone();
    assert_eq!(tags(&app), ["claim", "t1", "t2", "t3", "t4", "t5"]);
    press(&mut app, "uuuuu");
    assert_eq!(notes(&app)[0], "first");
    assert_eq!(tags(&app), ["claim"]);
    let saved = std::fs::read_to_string(sidecar(dir.path())).unwrap();
    assert!(!saved.contains("first 1"), "undo is saved: {saved}");
    app.handle_event(&ctrl('r'));
    app.handle_event(&ctrl('r'));
    assert_eq!(notes(&app)[0], "first 1 2");
    // A new change: the three edits still undone can no longer be redone.
    press(&mut app, "d");
    app.handle_event(&ctrl('r'));
    assert_eq!(message(&app), "nothing to redo");
    press(&mut app, "u");
    assert_eq!(notes(&app)[0], "first 1 2");
}

/// A deleted note survives quitting: the next session lists it under `D`, `R` restores it,
/// `X` twice purges it for good, and exports never include a deleted note.
#[test]
fn deleted_notes_survive_quitting_and_are_restored_or_purged() {
    let dir = tempfile::tempdir().unwrap();
    two_notes(dir.path());
    let mut app = app_in(dir.path());
    press(&mut app, "4gd");
    assert_eq!(notes(&app), ["second"]);
    drop(app);

    // Exports skip it.
    let corpus = corpus_in(dir.path());
    let (anns, problems) = newslens::commands::export::collect(&corpus);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(anns[0].placed.len(), 1);
    assert_eq!(anns[0].deleted.len(), 1);
    let md = newslens::commands::export::render(
        &corpus,
        &anns,
        &[],
        newslens::commands::export::ExportFormat::Markdown,
    );
    assert!(md.contains("second") && !md.contains("first"), "{md}");

    let mut app = app_in(dir.path());
    assert_eq!(notes(&app), ["second"]);
    press(&mut app, "4D");
    assert_eq!(app.focus, Focus::Panel(Panel::Notes));
    assert_eq!(notes(&app), ["first"]);
    let text = screen(&render(&app));
    assert!(text.contains("Deleted notes (1)"), "{text}");
    assert!(text.contains("✗ [claim]"), "{text}");
    // Deleted notes cannot be edited in place.
    press(&mut app, "e");
    assert!(app.notebook.editor.is_none());
    assert!(message(&app).contains("restores it"), "{}", message(&app));
    press(&mut app, "R");
    assert!(app.notebook.is_empty(), "nothing left in the deleted notes");
    press(&mut app, "D");
    assert_eq!(notes(&app), ["first", "second"]);

    // Delete again, then purge: the first X only asks.
    press(&mut app, "gdD");
    press(&mut app, "X");
    assert!(
        message(&app).contains("again to purge"),
        "{}",
        message(&app)
    );
    assert_eq!(app.notebook.len(), 1);
    press(&mut app, "X");
    assert!(app.notebook.is_empty());
    let saved = std::fs::read_to_string(sidecar(dir.path())).unwrap();
    assert!(!saved.contains("first"), "purged from the file: {saved}");
    // Still undoable in this session: back among the deleted notes.
    press(&mut app, "u");
    assert_eq!(notes(&app), ["first"]);
    let saved = std::fs::read_to_string(sidecar(dir.path())).unwrap();
    assert!(
        saved.contains("first") && saved.contains("deleted = "),
        "{saved}"
    );
}

/// Undoing a new note moves it to the deleted notes (its text is never out of reach).
#[test]
fn undoing_a_new_note_keeps_it_among_the_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, ")a");
    press(&mut app, "claim");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Tab));
    press(&mut app, "long thought");
    app.handle_event(&ctrl('s'));
    assert_eq!(notes(&app), ["long thought"]);
    press(&mut app, "4u");
    assert!(app.notebook.is_empty());
    press(&mut app, "D");
    assert_eq!(notes(&app), ["long thought"]);
    app.handle_event(&ctrl('r'));
    press(&mut app, "D");
    assert_eq!(notes(&app), ["long thought"]);
}

/// The detail box shows a note: after `t` hides it, the box shows the note under the
/// cursor, not the hidden one.
#[test]
fn the_note_detail_follows_the_cursor_after_a_tag_filter() {
    let dir = tempfile::tempdir().unwrap();
    two_notes(dir.path());
    let mut app = app_in(dir.path());
    // Select "first" (claim): its detail box is up.
    press(&mut app, "4g");
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.active, Some(Item::Note(0)));
    let text = screen(&render(&app));
    assert!(text.contains("tags: claim"), "{text}");
    // `t` filters to "bias": only "second" is listed, and the detail shows it.
    press(&mut app, "t");
    assert_eq!(app.notebook.tag_filter.as_deref(), Some("bias"));
    let text = screen(&render(&app));
    assert!(text.contains("tags: bias"), "{text}");
    assert!(!text.contains("tags: claim"), "{text}");
    assert_eq!(app.active, Some(Item::Note(1)));
    // `t` again ("claim"), then back to all: the box follows each time.
    press(&mut app, "t");
    assert!(screen(&render(&app)).contains("tags: claim"));
    press(&mut app, "t");
    assert_eq!(app.notebook.tag_filter, None);
    assert_eq!(app.active, Some(Item::Note(0)));
}

/// Help lists the popup's own keys and says what the ✎, •, orphan and ✗ marks mean.
#[test]
fn help_explains_the_popup_keys_and_the_marks() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, "?");
    // To the last page (help stops there).
    for _ in 0..300 {
        press(&mut app, "j");
    }
    let text = screen(&render(&app));
    assert!(text.contains("save the note"), "{text}");
    assert!(text.contains("toggle the highlighted tag"), "{text}");
    assert!(text.contains("an annotated line"), "{text}");
    assert!(text.contains("it appears in the current section"), "{text}");
    assert!(text.contains("a deleted note, listed with D"), "{text}");
    // And every new action is listed with its key.
    press(&mut app, "g");
    let all: String = (0..40)
        .map(|_| {
            press(&mut app, "j");
            screen(&render(&app))
        })
        .collect();
    for k in ["Ctrl-r", "restore the selected note", "for good"] {
        assert!(all.contains(k), "{k} not in help");
    }
}

/// `E` then quitting the editor without a change: "note unchanged", and the sidecar (its
/// `modified` stamp included) is not touched; a real change says "note updated".
#[test]
fn an_external_edit_without_a_change_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    two_notes(dir.path());
    let before = std::fs::read(sidecar(dir.path())).unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, "4g");
    assert_eq!(
        app.handle_event(&ch('E')),
        newslens::tui::app::Effect::ExternalEdit
    );
    let text = app.external_text().expect("the note's text");
    assert_eq!(text, "first");
    app.external_done(Ok(text));
    assert_eq!(message(&app), "note unchanged");
    assert_eq!(std::fs::read(sidecar(dir.path())).unwrap(), before);
    app.handle_event(&ch('E'));
    app.external_done(Ok("first, edited".into()));
    assert!(message(&app).contains("note updated"), "{}", message(&app));
    assert_ne!(std::fs::read(sidecar(dir.path())).unwrap(), before);
    assert_eq!(notes(&app), ["first, edited", "second"]);
}
