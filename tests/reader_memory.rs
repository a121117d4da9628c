//! The reader remembers: quit on an article part-way through, start again, and the same
//! article opens at the same place; articles visited are marked read in
//! `.newslens/state.toml`.

use newslens::config::{LoadedConfig, defaults};
use newslens::corpus::{self, LoadOptions};
use newslens::reader_state::ReaderState;
use newslens::tui::{build_app, memory};
use std::fs;

fn corpus_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, words) in [("a", "alpha"), ("b", "bravo"), ("c", "charlie")] {
        let body: String = (0..200).map(|i| format!("{words} {i}. ")).collect();
        fs::write(
            dir.path().join(format!("{name}.md")),
            format!("# Article {name}\n\n{body}\n"),
        )
        .unwrap();
    }
    dir
}

/// Every article's analysis arrives, as from the background.
fn analyse(app: &mut newslens::tui::app::App) {
    let analyzer = newslens::analysis::Analyzer::new(&defaults()).unwrap();
    for i in 0..app.articles.len() {
        let an = analyzer.analyze(&app.articles[i]);
        app.analysis_ready(i, an);
    }
}

fn app(dir: &std::path::Path) -> newslens::tui::app::App {
    let loaded = LoadedConfig {
        config: defaults(),
        ..LoadedConfig::default()
    };
    let corpus = corpus::load(&[dir.to_path_buf()], &LoadOptions::default());
    build_app(&loaded, corpus).unwrap()
}

#[test]
fn the_reader_reopens_the_last_article_where_it_was_left() {
    let dir = corpus_dir();
    let mut first = app(dir.path());
    let (mut mem, messages) = memory::restore(&mut first);
    assert!(messages.is_empty());
    assert_eq!(first.current, 0, "nothing remembered yet");
    first.open(1);
    first.open(2);
    let offset = first.articles[2].body.find("charlie 120").unwrap();
    first.remember_offset(2, offset, None);
    assert!(memory::save(&first, &mut mem).is_empty());

    let state = ReaderState::load(dir.path()).unwrap();
    assert_eq!(state.last.as_deref(), Some("c"));
    assert!(state.is_read("a") && state.is_read("b") && state.is_read("c"));
    assert_eq!(state.offset("c"), Some(offset));

    let mut second = app(dir.path());
    let _ = memory::restore(&mut second);
    assert_eq!(second.current, 2);
    assert_eq!(second.pos.offset, offset);
    // Another remembered article starts where it was left too.
    second.open(0);
    assert_eq!(second.pos.offset, 0);
}

#[test]
fn a_broken_state_file_is_said_and_never_overwritten() {
    let dir = corpus_dir();
    fs::create_dir_all(dir.path().join(".newslens")).unwrap();
    let path = dir.path().join(".newslens/state.toml");
    fs::write(&path, "articles = 3 = 4\n").unwrap();
    let mut a = app(dir.path());
    let (mut mem, messages) = memory::restore(&mut a);
    assert_eq!(messages.len(), 1, "{messages:?}");
    a.open(1);
    let _ = memory::save(&a, &mut mem);
    assert_eq!(fs::read_to_string(&path).unwrap(), "articles = 3 = 4\n");
}

/// The cursor sentence is remembered too: in an article that fits the screen the top of the
/// view says nothing, and the keyboard reader's place is the cursor.
#[test]
fn the_cursor_sentence_is_restored_in_the_article_open_at_quit_and_in_others() {
    use newslens::tui::app::Focus;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    for name in ["a", "b", "c"] {
        let body: String = (0..40)
            .map(|i| format!("Line {i} of article {name} is here. "))
            .collect();
        fs::write(
            dir.path().join(format!("{name}.md")),
            format!("# Article {name}\n\n{body}\n"),
        )
        .unwrap();
    }
    let sentence = |app: &newslens::tui::app::App| {
        let s = app.cursor_sentence().expect("a cursor sentence");
        app.articles[app.current].body[s.start..s.end].to_string()
    };
    let mut first = app(dir.path());
    let (mut mem, _) = memory::restore(&mut first);
    first.resize(100, 30);
    analyse(&mut first);
    first.focus = Focus::Text;
    let moves = |app: &mut newslens::tui::app::App, n: usize| {
        for _ in 0..n {
            app.handle_event(&Event::Key(KeyEvent::new(
                KeyCode::Char(')'),
                KeyModifiers::NONE,
            )));
        }
    };
    moves(&mut first, 7);
    let in_a = sentence(&first);
    first.open(2);
    moves(&mut first, 12);
    let in_c = sentence(&first);
    assert!(in_a.starts_with("Line 7 of article a"), "{in_a}");
    assert!(in_c.starts_with("Line 12 of article c"), "{in_c}");
    assert!(memory::save(&first, &mut mem).is_empty());
    let state = ReaderState::load(dir.path()).unwrap();
    let c = &state.articles["c"];
    assert_eq!(
        c.cursor
            .map(|o| first.articles[2].body[o..].starts_with(&in_c)),
        Some(true),
        "{c:?}"
    );

    let mut second = app(dir.path());
    let _ = memory::restore(&mut second);
    second.resize(100, 30);
    analyse(&mut second);
    assert_eq!(second.current, 2);
    assert_eq!(sentence(&second), in_c, "the article open at quit");
    second.open(0);
    assert_eq!(sentence(&second), in_a, "an article opened later");
}
