//! Annotating in the reader, through the production keymap and update path, with a real
//! annotation store in a temporary corpus folder: select, annotate in the popup, save, list,
//! delete and undo, edit, filter, refusals, and a styled snapshot of an annotated passage.

mod tui_common;

use newslens::annotations::store::Store;
use newslens::config;
use newslens::corpus::{Article, Corpus, Span};
use newslens::tui::app::{App, Effect, Focus, Panel};
use newslens::tui::{Msg, build_app, run_loop_with};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use tui_common::*;

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// The Togo fixture as an article of a corpus in `dir`, its analysis ready, at `w`×`h`.
fn app_in(dir: &Path, w: u16, h: u16, open_stores: bool) -> App {
    let (mut article, analysis) = togo();
    article.root = dir.into();
    article.path = dir.join("west-africa/togo.md");
    let loaded = config::LoadedConfig {
        config: config::defaults(),
        user_file: None,
    };
    let corpus = Corpus {
        articles: vec![article],
        problems: vec![],
    };
    let mut app = build_app(&loaded, corpus).unwrap();
    app.resize(w, h);
    app.analysis_ready(0, analysis);
    if open_stores {
        app.open_stores();
    }
    app
}

fn sidecar(dir: &Path) -> PathBuf {
    dir.join(".newslens/annotations/west-africa/togo.toml")
}

fn body_of(app: &App) -> &str {
    &app.articles[0].body
}

fn article(app: &App) -> &Article {
    &app.articles[0]
}

/// `)` to the first body sentence, `v`, `)` to extend by one, `a`, tag "claim", a note,
/// Ctrl-s. Returns the annotated span.
fn annotate_two_sentences(app: &mut App, note: &str) -> Span {
    press(app, ")v)");
    let sel = app.notebook.selection.expect("a selection").span();
    press(app, "a");
    assert!(app.notebook.editor.is_some(), "a opens the editor");
    press(app, "claim");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Tab));
    press(app, note);
    assert_eq!(app.handle_event(&ctrl('s')), Effect::None);
    assert!(app.notebook.editor.is_none(), "Ctrl-s closes the editor");
    sel
}

#[test]
fn select_annotate_save_list_delete_undo_and_edit() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), 140, 40, true);
    assert!(app.message.is_none(), "{:?}", app.message);

    let span = annotate_two_sentences(&mut app, "Check the envoy's name.");
    let body = body_of(&app).to_string();
    assert_eq!(
        &body[span.start..span.end],
        "President Faure Gnassingbé met the French envoy in Lomé on Monday. \
         Gnassingbé said Togo would keep its balance between France and Russia."
    );
    // Saved at once, whole, with the quote, the tag and the note.
    let saved = std::fs::read_to_string(sidecar(dir.path())).expect("sidecar written");
    assert!(saved.contains("Check the envoy's name."), "{saved}");
    assert!(saved.contains("\"claim\""), "{saved}");
    assert!(
        saved.contains("President Faure Gnassingbé met the French envoy"),
        "{saved}"
    );
    assert!(app.notebook.selection.is_none(), "the selection is used up");
    assert!(
        app.message.as_deref().unwrap_or("").contains("note saved"),
        "{:?}",
        app.message
    );

    // Listed in the Notes panel with its tag, quote, note and the actors in the passage.
    let text = screen(&render(&app));
    assert!(text.contains("Notes (1)"), "{text}");
    assert!(text.contains("[claim]"), "{text}");
    assert!(text.contains("Check the envoy's name."), "{text}");
    assert!(text.contains("actors: Faure Gnassingbé"), "{text}");
    // The Actors panel counts the note on France (mentioned in the passage).
    assert_eq!(app.notes_touching_actor(2), 1, "France");
    assert!(
        text.lines()
            .any(|l| l.contains("France") && l.contains("✎1 ")),
        "{text}"
    );

    // Notes panel: d deletes (and saves), u restores (and saves).
    press(&mut app, "4");
    assert_eq!(app.focus, Focus::Panel(Panel::Notes));
    press(&mut app, "d");
    assert_eq!(app.notebook.len(), 0);
    let saved = std::fs::read_to_string(sidecar(dir.path())).unwrap();
    // Kept in the sidecar as deleted, recoverable after quitting.
    assert!(saved.contains("deleted = "), "{saved}");
    assert!(screen(&render(&app)).contains("Notes (0)"));
    press(&mut app, "u");
    assert_eq!(app.notebook.len(), 1);
    let saved = std::fs::read_to_string(sidecar(dir.path())).unwrap();
    assert!(saved.contains("Check the envoy's name."), "{saved}");
    assert_eq!(app.notebook.shown.placed[0].span, span);

    // e edits it in the popup, prefilled.
    press(&mut app, "e");
    let ed = app.notebook.editor.as_ref().expect("e opens the editor");
    assert_eq!(ed.tags(), ["claim"]);
    assert_eq!(ed.note(), "Check the envoy's name.");
    app.handle_event(&key(KeyCode::Tab));
    app.handle_event(&key(KeyCode::End));
    press(&mut app, " Spelling?");
    app.handle_event(&ctrl('s'));
    let saved = std::fs::read_to_string(sidecar(dir.path())).unwrap();
    assert!(
        saved.contains("Check the envoy's name. Spelling?"),
        "{saved}"
    );

    // Enter jumps to the passage and puts the cursor on it.
    press(&mut app, "G");
    app.handle_event(&key(KeyCode::Enter));
    assert!(app.cursor_sentence().unwrap().start == span.start);
    let vis = app.visible_range();
    assert!(vis.start <= span.start && span.start < vis.end);

    // A fresh reader (after the lock is released) finds the note on disk.
    drop(app);
    let app = app_in(dir.path(), 140, 40, true);
    assert_eq!(app.notebook.len(), 1);
    assert_eq!(
        app.notebook.shown.placed[0].annotation.note,
        "Check the envoy's name. Spelling?"
    );
}

#[test]
fn words_extend_and_trim_the_selection_and_esc_cancels() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), 140, 40, true);
    press(&mut app, ")v");
    let body = body_of(&app).to_string();
    let sel = |app: &App| {
        let s = app.notebook.selection.unwrap().span();
        body[s.start..s.end].to_string()
    };
    assert_eq!(
        sel(&app),
        "President Faure Gnassingbé met the French envoy in Lomé on Monday."
    );
    // b trims the end back word by word (the full stop is not a word).
    press(&mut app, "b");
    assert_eq!(
        sel(&app),
        "President Faure Gnassingbé met the French envoy in Lomé on Monday"
    );
    press(&mut app, "bbbbbbbbbbbbbbbb");
    assert_eq!(sel(&app), "President", "never below one word");
    press(&mut app, "ww");
    assert_eq!(sel(&app), "President Faure Gnassingbé");
    // Shift-Right does the same as w.
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Right,
        KeyModifiers::SHIFT,
    )));
    assert_eq!(sel(&app), "President Faure Gnassingbé met");
    // Highlighted in the selection style.
    let buf = render(&app);
    let style = app.palette.style(newslens::tui::palette::Role::Selection);
    let painted: String = buf
        .content()
        .iter()
        .filter(|c| c.modifier.contains(style.add_modifier) && c.fg == style.fg.unwrap())
        .map(|c| c.symbol().to_string())
        .collect();
    assert_eq!(painted, "President Faure Gnassingbé met");
    assert!(screen(&buf).contains("selecting 4 word(s)"));
    // ( before the anchor selects backwards to the anchor's end.
    press(&mut app, "((");
    let s = app.notebook.selection.unwrap().span();
    assert_eq!(s.start, 0, "back to the heading");
    assert!(body[s.start..s.end].ends_with("on Monday."));
    // Esc cancels; a then annotates the cursor sentence alone.
    app.handle_event(&key(KeyCode::Esc));
    assert!(app.notebook.selection.is_none());
    press(&mut app, "a");
    assert!(app.notebook.editor.is_some());
    // Esc with an empty note closes at once; with text it asks first.
    app.handle_event(&key(KeyCode::Tab));
    press(&mut app, "draft");
    app.handle_event(&key(KeyCode::Esc));
    assert!(
        app.notebook.editor.is_some(),
        "asks before throwing the note away"
    );
    assert!(screen(&render(&app)).contains("Discard this note?"));
    press(&mut app, "y");
    assert!(app.notebook.editor.is_none());
    assert!(!sidecar(dir.path()).exists(), "nothing saved");
}

#[test]
fn a_read_only_corpus_refuses_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    // Another session holds the lock.
    let (_other, notices) = Store::open(dir.path());
    assert!(notices.is_empty());
    let mut app = app_in(dir.path(), 140, 40, true);
    let msg = app.message.clone().unwrap_or_default();
    assert!(
        msg.contains("opened read-only: another newslens holds this corpus"),
        "{msg}"
    );
    press(&mut app, ")va");
    assert!(
        app.notebook.editor.is_none(),
        "no editor on a read-only corpus"
    );
    let msg = app.message.clone().unwrap_or_default();
    assert!(msg.contains("another newslens holds this corpus"), "{msg}");
    let text = screen(&render(&app));
    assert!(
        text.contains("read-only"),
        "the Notes panel says so:\n{text}"
    );
    assert!(!sidecar(dir.path()).exists());
}

#[test]
fn a_broken_sidecar_is_kept_untouched_and_refuses_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = sidecar(dir.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let broken = "version = 1\n[[annotation]\nthis is not toml\n";
    std::fs::write(&path, broken).unwrap();
    let mut app = app_in(dir.path(), 140, 40, true);
    let msg = app.message.clone().unwrap_or_default();
    assert!(
        msg.contains("annotations for west-africa/togo not loaded:")
            && msg.contains("kept untouched"),
        "{msg}"
    );
    assert!(msg.contains("togo.toml:2"), "file and line: {msg}");
    press(&mut app, ")a");
    assert!(app.notebook.editor.is_none());
    assert!(
        app.message
            .clone()
            .unwrap_or_default()
            .contains("not loaded")
    );
    press(&mut app, "4d");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn a_failed_save_is_shown_and_the_note_kept_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), 140, 40, true);
    // The article's sidecar folder cannot be created: a file stands in its place.
    std::fs::write(dir.path().join(".newslens/annotations/west-africa"), "x").unwrap();
    annotate_two_sentences(&mut app, "kept");
    let msg = app.message.clone().unwrap_or_default();
    assert!(
        msg.contains("in memory only") && msg.contains("cannot save"),
        "{msg}"
    );
    assert_eq!(app.notebook.len(), 1, "the note stays");
    assert!(screen(&render(&app)).contains("unsaved!"));
}

#[test]
fn tag_and_actor_filters_show_in_the_title() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), 140, 40, true);
    annotate_two_sentences(&mut app, "one");
    // A second note, on a later sentence with Russia, tagged "bias".
    press(&mut app, "]))a");
    press(&mut app, "bias");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&ctrl('s'));
    assert_eq!(app.notebook.len(), 2);
    press(&mut app, "t");
    assert_eq!(app.notebook.tag_filter.as_deref(), Some("bias"));
    let text = screen(&render(&app));
    assert!(text.contains("Notes (1/2) tag:bias"), "{text}");
    press(&mut app, "tt");
    assert_eq!(app.notebook.tag_filter, None);
    // Actor filter: Faure Gnassingbé (first actor) is only in the first note.
    press(&mut app, "1A");
    let text = screen(&render(&app));
    assert!(text.contains("actor:Faure Gnassingbé"), "{text}");
    assert_eq!(app.panel_items(Panel::Notes).len(), 1);
    press(&mut app, "A");
    assert_eq!(app.panel_items(Panel::Notes).len(), 2);
}

#[test]
fn external_editor_round_trip_through_the_loop() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), 100, 30, true);
    annotate_two_sentences(&mut app, "old");
    let mut inbox: VecDeque<Msg> = VecDeque::new();
    for e in [ch('4'), ch('E'), ch('q')] {
        inbox.push_back(Msg::Input(e));
    }
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut seen = Vec::new();
    run_loop_with(&mut terminal, &mut app, &mut inbox, &mut |t: &str| {
        seen.push(t.to_string());
        Ok("new from the editor\n".into())
    })
    .unwrap();
    assert_eq!(seen, ["old"]);
    let saved = std::fs::read_to_string(sidecar(dir.path())).unwrap();
    assert!(saved.contains("new from the editor"), "{saved}");
    // From the popup: Ctrl-e replaces the popup's note.
    press(&mut app, "e");
    assert_eq!(app.handle_event(&ctrl('e')), Effect::ExternalEdit);
    assert_eq!(app.external_text().as_deref(), Some("new from the editor"));
    app.external_done(Ok("popup text".into()));
    assert_eq!(app.notebook.editor.as_ref().unwrap().note(), "popup text");
}

#[test]
fn snapshot_annotated_passage_and_notes_panel_140x40() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), 140, 40, true);
    annotate_two_sentences(&mut app, "Check the envoy's name.");
    // A second, untagged note further down.
    press(&mut app, "))))a");
    app.handle_event(&key(KeyCode::Tab));
    press(&mut app, "Filler?");
    app.handle_event(&ctrl('s'));
    press(&mut app, "4");
    let _ = article(&app);
    insta::assert_snapshot!(screen_with_styles(&render(&app)));
}

#[test]
fn orphans_are_listed_with_their_stored_quote_and_marked() {
    let dir = tempfile::tempdir().unwrap();
    let path = sidecar(dir.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        r#"version = 1
article = "west-africa/togo"

[[annotation]]
id = "0f8e5a8c-1111-4222-8333-444455556666"
created = "2025-12-10T10:00:00Z"
modified = "2025-12-10T10:00:00Z"
tags = ["follow-up"]
note = "Was this paragraph cut?"

[annotation.target]
exact = "A sentence the editors removed from the story entirely"
prefix = ""
suffix = ""
start = 5
end = 60
body_hash = "0000"
"#,
    )
    .unwrap();
    let mut app = app_in(dir.path(), 140, 40, true);
    assert_eq!(app.notebook.shown.orphans.len(), 1);
    let text = screen(&render(&app));
    assert!(text.contains("⚠ orphan [follow-up]"), "{text}");
    assert!(text.contains("“A sentence the"), "{text}");
    assert!(text.contains("Was this paragraph cut?"), "{text}");
    // Enter cannot jump to it, and says why.
    press(&mut app, "4");
    app.handle_event(&key(KeyCode::Enter));
    assert!(
        app.message.as_deref().unwrap_or("").contains("orphan"),
        "{:?}",
        app.message
    );
    // It can still be deleted and restored.
    press(&mut app, "d");
    assert_eq!(app.notebook.len(), 0);
    press(&mut app, "u");
    assert_eq!(app.notebook.shown.orphans.len(), 1);
}

#[test]
fn any_keys_at_any_size_never_panic_while_annotating() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), 120, 35, true);
    annotate_two_sentences(&mut app, "a note\nwith two lines");
    for (w, h) in [(120, 35), (40, 10), (1, 1), (60, 14), (250, 80), (41, 11)] {
        app.handle_event(&Event::Resize(w, h));
        for keys in [
            "vjjwwbbbbwa",
            "xyz",
            "4jjkkEedtAuu",
            "1A4t",
            "G(((((vwa",
            "]v)))bbbb",
        ] {
            press(&mut app, keys);
            if app.notebook.editor.is_some() {
                app.handle_event(&key(KeyCode::Esc));
                press(&mut app, "y");
            }
            let _ = render(&app);
        }
        app.handle_event(&key(KeyCode::Esc));
    }
    assert!(!app.notebook.is_empty());
}

#[test]
fn opening_an_article_with_a_broken_sidecar_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join(".newslens/annotations/asia/wide.toml");
    std::fs::create_dir_all(broken.parent().unwrap()).unwrap();
    std::fs::write(&broken, "annotation = 3\n").unwrap();
    let mut items = vec![togo(), wide()];
    for (a, _) in &mut items {
        a.root = dir.path().into();
    }
    let (articles, analyses): (Vec<Article>, Vec<_>) = items.into_iter().unzip();
    let loaded = config::LoadedConfig {
        config: config::defaults(),
        user_file: None,
    };
    let mut app = build_app(
        &loaded,
        Corpus {
            articles,
            problems: vec![],
        },
    )
    .unwrap();
    app.resize(120, 35);
    for (i, an) in analyses.into_iter().enumerate() {
        app.analysis_ready(i, an);
    }
    app.open_stores();
    assert!(app.message.is_none(), "the first article is fine");
    press(&mut app, "J");
    let msg = app.message.clone().unwrap_or_default();
    assert!(
        msg.contains("annotations for asia/wide not loaded") && msg.contains("wide.toml:1"),
        "{msg}"
    );
    press(&mut app, "a");
    assert!(app.notebook.editor.is_none());
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        "annotation = 3\n"
    );
    // Back on the first article, annotating works.
    press(&mut app, "K)a");
    assert!(app.notebook.editor.is_some());
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// Keys that select, annotate, move and manage notes, plus editor keys.
    fn keys() -> impl Strategy<Value = Vec<Event>> {
        let one = prop_oneof![
            prop::sample::select(vec![
                'v', 'w', 'b', 'a', 'e', 'E', 'd', 'u', 't', 'A', '4', '1', 'j', 'k', ')', '(',
                ']', 'G', 'g', 'J', 'x', ' ', 'n', 'f',
            ])
            .prop_map(ch),
            Just(key(KeyCode::Esc)),
            Just(key(KeyCode::Enter)),
            Just(key(KeyCode::Tab)),
            Just(ctrl('s')),
            Just(ctrl('e')),
            (20u16..160, 5u16..50).prop_map(|(w, h)| Event::Resize(w, h)),
        ];
        prop::collection::vec(one, 0..60)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn any_key_sequence_keeps_the_store_and_screen_consistent(events in keys()) {
            let dir = tempfile::tempdir().unwrap();
            let mut app = app_in(dir.path(), 100, 30, true);
            for e in &events {
                if app.handle_event(e) == Effect::ExternalEdit {
                    app.external_done(Ok("from outside".into()));
                }
                let _ = render(&app);
            }
            // What the panel shows is what is on disk (every change was saved at once).
            let on_disk = std::fs::read_to_string(sidecar(dir.path())).unwrap_or_default();
            // Deleted notes stay in the sidecar (restorable) but leave the panel.
            let kept = on_disk.matches("[[annotation]]").count()
                - on_disk.lines().filter(|l| l.starts_with("deleted = ")).count();
            prop_assert_eq!(kept, app.notebook.len());
            for i in 0..app.notebook.len() {
                let n = app.notebook.note(i).unwrap();
                if let Some(s) = n.span {
                    prop_assert_eq!(&body_of(&app)[s.start..s.end], n.annotation.target.exact.as_str());
                }
            }
        }
    }
}
