//! The annotation popup's tag list in the reader: free tags used before in the corpus (any
//! sidecar, and this session's notes) are offered beside the codebook, most used first, and
//! typing filters them; at 80x24 and smaller the list scrolls with the highlighted tag and
//! says how many tags are cut off (`↓ 7 more`).

mod tui_common;

use newslens::annotations::store::Store;
use newslens::config;
use newslens::corpus::{Article, Corpus, Span};
use newslens::tui::app::App;
use newslens::tui::build_app;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use tui_common::*;

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// The Togo fixture and a second article, in a corpus at `dir`.
fn corpus_in(dir: &Path) -> Corpus {
    let (mut togo, _) = togo();
    togo.root = dir.into();
    togo.path = dir.join("west-africa/togo.md");
    let (mut wide, _) = wide();
    wide.root = dir.into();
    wide.path = dir.join("asia/wide.md");
    Corpus {
        articles: vec![togo, wide],
        problems: vec![],
    }
}

fn app_in(dir: &Path, w: u16, h: u16) -> App {
    let loaded = config::LoadedConfig {
        config: config::defaults(),
        user_file: None,
    };
    let mut app = build_app(&loaded, corpus_in(dir)).unwrap();
    app.resize(w, h);
    app.analysis_ready(0, togo().1);
    app.analysis_ready(1, wide().1);
    app.open_stores();
    app
}

/// The `n`th of four words of the second article, as a passage.
fn word_span(a: &Article, n: usize) -> Span {
    let word = ["Emoji", "family", "flag", "café", "tude"][n];
    let start = a.body.find(word).expect("word in the fixture");
    Span::new(start, start + word.len())
}

/// Notes saved by an earlier session on the second article (asia/wide), which this session
/// never opens: `sahel` on three notes, `port-deal` on two, six more on one each,
/// `elections` on one (deleted, so not offered), `claim` (a codebook tag) on two.
fn earlier_notes(dir: &Path) {
    let corpus = corpus_in(dir);
    let a = &corpus.articles[1];
    let (mut store, _) = Store::open(dir);
    let tags: [&[&str]; 5] = [
        &["sahel", "claim"],
        &["sahel", "port-deal"],
        &["sahel", "port-deal", "claim"],
        &["elections"],
        &["wagner", "niger", "mali", "ecowas", "burkina", "aes"],
    ];
    let mut ids = Vec::new();
    for (n, t) in tags.iter().enumerate() {
        let note = store
            .add(
                a,
                word_span(a, n),
                t.iter().map(|s| s.to_string()).collect(),
                String::new(),
            )
            .unwrap();
        ids.push(note.id);
    }
    store.delete(a, &ids[3]).unwrap();
    store.save(&a.id).unwrap();
}

/// The tag list lines of the popup as drawn: `[ ] name  description` rows.
fn tag_rows(app: &App) -> Vec<String> {
    screen(&render(app))
        .lines()
        .filter_map(|l| {
            let i = l.find("[ ] ").or_else(|| l.find("[x] "))?;
            Some(l[i + 4..].trim_end_matches(['│', ' ']).to_string())
        })
        .collect()
}

fn names(app: &App) -> Vec<String> {
    let editor = app.notebook.editor.as_ref().expect("the popup is open");
    editor.options().into_iter().map(|o| o.name).collect()
}

#[test]
fn free_tags_of_any_sidecar_are_offered_most_used_first_and_filtered() {
    let dir = tempfile::tempdir().unwrap();
    earlier_notes(dir.path());
    let mut app = app_in(dir.path(), 140, 40);
    press(&mut app, ")a");
    let codebook: Vec<String> = config::defaults()
        .codebook
        .tags
        .iter()
        .map(|t| t.name.clone())
        .collect();
    let all = names(&app);
    assert_eq!(
        &all[..codebook.len()],
        codebook.as_slice(),
        "codebook first"
    );
    assert_eq!(
        &all[codebook.len()..],
        [
            "sahel",
            "port-deal",
            "aes",
            "burkina",
            "ecowas",
            "mali",
            "niger",
            "wagner"
        ],
        "free tags after it, most used first; deleted notes' tags and codebook tags not again"
    );
    let rows = tag_rows(&app);
    assert!(
        rows.iter()
            .any(|r| r.starts_with("sahel") && r.contains("free tag, on 3 notes")),
        "{rows:?}"
    );
    // Typing filters them like the codebook.
    press(&mut app, "port");
    assert_eq!(names(&app), ["port-deal", "port"], "then the new-tag line");
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&ctrl('s'));
    assert!(app.notebook.editor.is_none());
    let saved = app.notebook.shown.placed[0].annotation.tags.clone();
    assert_eq!(saved, ["port-deal"]);
    // Its count follows this session's note at once: port-deal (3) now ties sahel (3).
    press(&mut app, "0)a");
    let all = names(&app);
    assert_eq!(
        &all[codebook.len()..codebook.len() + 2],
        ["port-deal", "sahel"],
        "{all:?}"
    );
}

#[test]
fn a_free_tag_typed_this_session_is_offered_next_time_and_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut app = app_in(dir.path(), 140, 40);
        press(&mut app, ")a");
        press(&mut app, "lome-summit");
        app.handle_event(&key(KeyCode::Enter));
        app.handle_event(&ctrl('s'));
        assert_eq!(
            app.notebook.shown.placed[0].annotation.tags,
            ["lome-summit"]
        );
        // The next note, same session: offered, not as a new tag.
        press(&mut app, ")a");
        let editor = app.notebook.editor.as_ref().unwrap();
        let offered = editor
            .options()
            .into_iter()
            .find(|o| o.name == "lome-summit")
            .expect("offered");
        assert!(!offered.is_new && !offered.selected);
        app.handle_event(&key(KeyCode::Esc));
        // Deleting the only note with it: no longer offered.
        press(&mut app, "4gd");
        press(&mut app, "0)a");
        assert!(!names(&app).contains(&"lome-summit".to_string()));
        app.handle_event(&key(KeyCode::Esc));
        press(&mut app, "4u");
        assert_eq!(app.notebook.len(), 1, "undo brings the note back");
    }
    // A new session reads it from the sidecar.
    let mut app = app_in(dir.path(), 140, 40);
    press(&mut app, ")a");
    assert!(names(&app).contains(&"lome-summit".to_string()));
    // Sidecars are read once per session, not at every popup.
    let read = app.notebook.tag_memory.files_read;
    assert_eq!(read, 1);
    app.handle_event(&key(KeyCode::Esc));
    press(&mut app, ")a");
    app.handle_event(&key(KeyCode::Esc));
    press(&mut app, ")a");
    assert_eq!(app.notebook.tag_memory.files_read, read);
}

/// Nine codebook tags and eight free tags do not fit at 80x24 beside the note, nor at 60x16:
/// the list scrolls with the highlight and says what is cut off.
#[test]
fn the_tag_list_scrolls_with_a_hint_at_small_sizes() {
    let dir = tempfile::tempdir().unwrap();
    earlier_notes(dir.path());
    for (w, h) in [(80u16, 24u16), (60, 16), (60, 12)] {
        let mut app = app_in(dir.path(), w, h);
        press(&mut app, ")a");
        let n = names(&app).len();
        let text = screen(&render(&app));
        let shown = tag_rows(&app).len();
        assert!(
            shown < n,
            "{w}x{h}: all {n} tags fit, nothing to test: {text}"
        );
        let below = n - shown;
        assert!(
            text.contains(&format!("↓ {below} more")),
            "{w}x{h}: no `↓ {below} more`: {text}"
        );
        assert!(!text.contains("↑"), "{w}x{h}: {text}");
        // Down to the last tag: it is shown highlighted, and the hint is now above.
        for _ in 0..n {
            app.handle_event(&key(KeyCode::Down));
        }
        let text = screen(&render(&app));
        let rows = tag_rows(&app);
        assert_eq!(
            rows.last().map(|r| r.starts_with("wagner")),
            Some(true),
            "{w}x{h}: {text}"
        );
        let above = n - rows.len();
        assert!(
            text.contains(&format!("↑ {above} more")),
            "{w}x{h}: no `↑ {above} more`: {text}"
        );
        assert!(!text.contains("↓"), "{w}x{h}: {text}");
        // Enter toggles the highlighted (last) tag: what is seen is what is chosen.
        app.handle_event(&key(KeyCode::Enter));
        let editor = app.notebook.editor.as_ref().unwrap();
        assert_eq!(editor.tags(), ["wagner"]);
        if (w, h) == (80, 24) {
            insta::assert_snapshot!("tag_list_bottom_80x24", screen(&render(&app)));
        }
        if (w, h) == (60, 16) {
            insta::assert_snapshot!("tag_list_bottom_60x16", screen(&render(&app)));
            // Up into the middle: hints on both sides, the highlight still shown.
            for _ in 0..6 {
                app.handle_event(&key(KeyCode::Up));
            }
            let text = screen(&render(&app));
            assert!(text.contains("↑ ") && text.contains("↓ "), "{text}");
            assert!(
                tag_rows(&app).iter().any(|r| r.starts_with("port-deal")),
                "{text}"
            );
            insta::assert_snapshot!("tag_list_middle_60x16", text);
        }
    }
}
