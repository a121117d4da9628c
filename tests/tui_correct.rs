//! Correcting in the reader, through the production keymap and update path, with a real
//! corrections store in a temporary corpus folder: keys -> prompt -> every panel changes ->
//! saved -> undo; scope toggle; kept across a reopen; markers and "corrected by you".

mod tui_common;

use newslens::config;
use newslens::corpus::Corpus;
use newslens::corrections::store::path_of;
use newslens::tui::app::{App, Focus, Panel};
use newslens::tui::build_app;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use tui_common::*;

fn app_in(dir: &Path) -> App {
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
    app.resize(140, 40);
    app.analysis_ready(0, analysis);
    app.open_stores();
    app
}

fn names(app: &App) -> Vec<String> {
    app.analysis()
        .unwrap()
        .actors
        .iter()
        .map(|a| a.name.clone())
        .collect()
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Focus Actors and put the cursor on the actor `name`.
fn on_actor(app: &mut App, name: &str) {
    press(app, "1");
    press(app, "g");
    let i = names(app).iter().position(|n| n == name).unwrap();
    for _ in 0..i {
        press(app, "j");
    }
}

#[test]
fn reject_shows_in_every_panel_saves_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    on_actor(&mut app, "Russia");
    press(&mut app, "x");
    assert!(app.correcting.prompt.is_some(), "x opens the prompt");
    assert!(screen(&render(&app)).contains("“Russia” is not an actor"));
    app.handle_event(&key(KeyCode::Enter));
    assert!(app.correcting.prompt.is_none());
    assert!(!names(&app).contains(&"Russia".to_string()));
    assert!(
        app.analysis().unwrap().tensions.is_empty(),
        "Tensions panel follows"
    );
    let text = std::fs::read_to_string(path_of(dir.path())).unwrap();
    assert!(text.contains("reject-actor") && text.contains("article = \"west-africa/togo\""));

    // u in the panel undoes: back in the panels and gone from the file.
    press(&mut app, "u");
    assert!(names(&app).contains(&"Russia".to_string()));
    assert_eq!(app.analysis().unwrap().tensions.len(), 1);
    let text = std::fs::read_to_string(path_of(dir.path())).unwrap();
    assert!(!text.contains("reject-actor"));
}

#[test]
fn rename_kind_merge_with_markers_kept_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    on_actor(&mut app, "France");
    press(&mut app, "r");
    app.handle_event(&ctrl('u'));
    press(&mut app, "French Republic");
    app.handle_event(&key(KeyCode::Tab)); // whole corpus
    assert!(app.correcting.prompt.as_ref().unwrap().corpus_wide);
    app.handle_event(&key(KeyCode::Enter));
    assert!(names(&app).contains(&"French Republic".to_string()));
    assert_eq!(
        app.analysis().unwrap().tensions[0].label,
        "French Republic vs Russia"
    );
    let screen_now = screen(&render(&app));
    // The marker stands before the kind letter.
    assert!(screen_now.contains("✓C French Republic"), "{screen_now}");

    // Kind: T, type to filter, Enter.
    on_actor(&mut app, "Togo");
    press(&mut app, "T");
    press(&mut app, "regi");
    app.handle_event(&key(KeyCode::Enter));
    let togo = app.analysis().unwrap().actor("togo").unwrap();
    assert_eq!(togo.kind.as_str(), "region");

    // Merge: m, fuzzy pick of the other actors.
    on_actor(&mut app, "Faure Gnassingbé");
    press(&mut app, "m");
    press(&mut app, "tog");
    assert_eq!(
        app.correcting.prompt.as_ref().unwrap().choices,
        vec!["Togo".to_string()]
    );
    app.handle_event(&key(KeyCode::Enter));
    assert!(!names(&app).contains(&"Faure Gnassingbé".to_string()));

    // Selected: the detail pane says who corrected it.
    on_actor(&mut app, "Togo");
    app.handle_event(&key(KeyCode::Enter));
    assert!(screen(&render(&app)).contains("corrected by you"));

    // Quit and reopen: all kept.
    drop(app);
    let app = app_in(dir.path());
    let n = names(&app);
    assert!(n.contains(&"French Republic".to_string()), "{n:?}");
    assert!(!n.contains(&"Faure Gnassingbé".to_string()));
    assert_eq!(
        app.analysis().unwrap().actor("togo").unwrap().kind.as_str(),
        "region"
    );
}

#[test]
fn tensions_mark_wrong_flip_and_add_from_a_selection() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    press(&mut app, "3");
    press(&mut app, "F");
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(
        app.analysis().unwrap().tensions[0].label,
        "Russia vs France"
    );
    press(&mut app, "x");
    app.handle_event(&key(KeyCode::Enter));
    assert!(app.analysis().unwrap().tensions.is_empty());

    // Add one between two actors of the selection: the cursor sentence names Togo, France
    // and Russia; the first pair offered is Gnassingbé / Togo... pick France / Russia.
    app.focus = Focus::Text;
    press(&mut app, "g))");
    let sentence = app.cursor_sentence().unwrap();
    assert!(
        sentence
            .text(&app.articles[0].body)
            .starts_with("Gnassingbé said")
    );
    press(&mut app, "v+");
    let choices = app.correcting.prompt.as_ref().unwrap().choices.clone();
    let want = choices.iter().position(|c| c == "France / Russia").unwrap();
    for _ in 0..want {
        app.handle_event(&key(KeyCode::Down));
    }
    app.handle_event(&key(KeyCode::Tab));
    assert!(
        !app.correcting.prompt.as_ref().unwrap().corpus_wide,
        "a passage is this article only"
    );
    app.handle_event(&key(KeyCode::Enter));
    let t = &app.analysis().unwrap().tensions;
    assert_eq!(t.len(), 1, "the added tension");
    assert_eq!(
        t[0].sides,
        [vec!["france".to_string()], vec!["russia".to_string()]]
    );
    assert_eq!(t[0].evidence[0].span, sentence);
    assert!(app.is_corrected(Panel::Tensions, 0));
    // Esc cancels a prompt without saving.
    press(&mut app, "3x");
    app.handle_event(&key(KeyCode::Esc));
    assert_eq!(app.analysis().unwrap().tensions.len(), 1);
}

#[test]
fn corrections_that_no_longer_apply_are_said_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = path_of(dir.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let text = "version = 1\n\n[[correction]]\nid = \"c1\"\ncreated = \"2025-01-01T00:00:00Z\"\narticle = \"west-africa/togo\"\nchange = \"reject-actor\"\nactor = \"Lomé Port Authority\"\n";
    std::fs::write(&path, text).unwrap();
    let app = app_in(dir.path());
    let msg = app.message.clone().unwrap_or_default();
    assert!(
        msg.contains("no longer applies here") && msg.contains("Lomé Port Authority"),
        "{msg}"
    );
    assert_eq!(app.unapplied_here().len(), 1);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "kept as it is"
    );
}

/// Every correction that no longer applies is reported, not only the first: the status line
/// gives their count and `!` lists each with why; they stay in the file through later saves.
#[test]
fn every_correction_that_no_longer_applies_is_listed_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = path_of(dir.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let text = "version = 1\n\n\
        [[correction]]\nid = \"c1\"\ncreated = \"2025-01-01T00:00:00Z\"\narticle = \"west-africa/togo\"\nchange = \"reject-actor\"\nactor = \"Lomé Port Authority\"\n\n\
        [[correction]]\nid = \"c2\"\ncreated = \"2025-01-02T00:00:00Z\"\narticle = \"west-africa/togo\"\nchange = \"rename\"\nactor = \"Accra Council\"\nname = \"Greater Accra Council\"\n\n\
        [[correction]]\nid = \"c3\"\ncreated = \"2025-01-03T00:00:00Z\"\narticle = \"west-africa/togo\"\nchange = \"reject-tension\"\nbetween = [\"Ghana\", \"Benin\"]\n";
    std::fs::write(&path, text).unwrap();
    let mut app = app_in(dir.path());
    let msg = app.message.clone().unwrap_or_default();
    assert!(
        msg.contains("3 corrections no longer apply here") && msg.contains("! lists them"),
        "{msg}"
    );
    assert_eq!(app.unapplied_here().len(), 3);
    press(&mut app, "!");
    let shown = screen(&render(&app));
    assert!(
        shown.contains("Corrections that no longer apply here (3)"),
        "{shown}"
    );
    for part in [
        "“Lomé Port Authority” is not an actor",
        "rename “Accra Council” to “Greater Accra Council”",
        "no tension between “Ghana” and “Benin”",
    ] {
        assert!(shown.contains(part), "`{part}` not listed: {shown}");
    }
    // Each with why it no longer applies.
    for u in app.unapplied_here() {
        let why: String = u.reason.chars().take(30).collect();
        assert!(shown.contains(&why), "reason `{why}` not shown: {shown}");
    }
    // Keys go to the list while it is open: q closes it, it does not quit.
    press(&mut app, "j");
    assert_eq!(app.correcting.listing, Some(1));
    assert_eq!(app.handle_event(&ch('q')), newslens::tui::app::Effect::None);
    assert_eq!(app.correcting.listing, None);
    // The status line keeps their key in view.
    let shown = screen(&render(&app));
    let status = shown.lines().last().unwrap_or_default();
    assert!(status.contains("! not applied"), "{status}");
    // A new correction is saved: the three are still in the file.
    on_actor(&mut app, "Russia");
    press(&mut app, "x");
    app.handle_event(&key(KeyCode::Enter));
    let saved = std::fs::read_to_string(&path).unwrap();
    for id in ["\"c1\"", "\"c2\"", "\"c3\""] {
        assert!(saved.contains(id), "{id} dropped: {saved}");
    }
    assert!(saved.contains("Russia"));
    assert_eq!(app.unapplied_here().len(), 3);
}
