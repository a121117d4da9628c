//! The mouse in every pane and popup, with synthetic mouse events through the production
//! event path: a click picks the item drawn under the pointer (found on the rendered screen,
//! so the test follows what the user sees) in Actors, Themes, Tensions, Notes and the article
//! list, also when a list is scrolled; in the deleted notes it only moves the cursor; in the
//! links popup and the command palette it picks a row; a prompt that takes typing keeps
//! everything beneath it as it was.

mod tui_common;

use newslens::annotations::store::Store;
use newslens::config;
use newslens::corpus::{self, Corpus, LoadOptions, Span};
use newslens::tui::app::{App, Focus, Item, Mode, Panel};
use newslens::tui::build_app;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::path::Path;
use tui_common::*;

fn mouse(kind: MouseEventKind, x: u16, y: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    })
}

fn click(app: &mut App, x: u16, y: u16) {
    app.handle_event(&mouse(MouseEventKind::Down(MouseButton::Left), x, y));
    app.handle_event(&mouse(MouseEventKind::Up(MouseButton::Left), x, y));
}

/// The (column, row) where `needle` is drawn inside `area` of the screen.
fn find_in(app: &App, area: ratatui::layout::Rect, needle: &str) -> (u16, u16) {
    let text = screen(&render(app));
    for (y, line) in text.lines().enumerate() {
        let y = y as u16;
        if y < area.y || y >= area.bottom() {
            continue;
        }
        let cells: Vec<char> = line.chars().collect();
        let inside: String = cells
            .iter()
            .skip(usize::from(area.x))
            .take(usize::from(area.width))
            .collect();
        if let Some(i) = inside.find(needle) {
            let col = inside[..i].chars().count() as u16;
            return (area.x + col, y);
        }
    }
    panic!("`{needle}` not drawn in {area:?}:\n{text}");
}

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

/// Three notes on the Togo article, saved before the reader opens.
fn three_notes(dir: &Path) {
    let corpus = corpus_in(dir);
    let a = &corpus.articles[0];
    let (mut store, _) = Store::open(dir);
    for (quote, note) in [
        (
            "President Faure Gnassingbé met the French envoy",
            "note one",
        ),
        ("Moscow offered grain", "note two"),
        ("Analysts said", "note three"),
    ] {
        let s = a.body.find(quote).unwrap();
        store
            .add(
                a,
                Span::new(s, s + quote.len()),
                vec!["claim".into()],
                note.into(),
            )
            .unwrap();
    }
    store.save(&a.id).unwrap();
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

#[test]
fn a_click_picks_the_item_under_the_pointer_in_every_panel() {
    let dir = tempfile::tempdir().unwrap();
    three_notes(dir.path());
    let mut app = app_in(dir.path(), 140, 40);
    let areas = app.areas();
    // Actors: the row drawn "Russia".
    let (x, y) = find_in(&app, areas.panels[0].unwrap(), "Russia");
    click(&mut app, x, y);
    assert_eq!(app.focus, Focus::Panel(Panel::Actors));
    assert_eq!(app.active, Some(Item::Actor(3)));
    // Themes: the second theme (the layout has a detail box now).
    let areas = app.areas();
    let (x, y) = find_in(&app, areas.panels[1].unwrap(), "Security");
    click(&mut app, x, y);
    assert_eq!(app.focus, Focus::Panel(Panel::Themes));
    assert_eq!(app.active, Some(Item::Theme(1)));
    // Tensions.
    let (x, y) = find_in(&app, areas.panels[2].unwrap(), "France vs Russia");
    click(&mut app, x, y);
    assert_eq!(app.active, Some(Item::Tension(0)));
    // Notes: each note is three rows; a click on any of them picks that note and jumps to
    // its passage, as Enter would.
    let areas = app.areas();
    let notes = areas.panels[3].unwrap();
    let (x, y) = find_in(&app, notes, "note two");
    click(&mut app, x, y);
    assert_eq!(app.focus, Focus::Panel(Panel::Notes));
    assert_eq!(app.panel_cursor[Panel::Notes as usize], 1);
    assert_eq!(app.active, Some(Item::Note(1)));
    let s = app.cursor_sentence().unwrap();
    assert!(s.text(&app.articles[0].body).starts_with("Moscow offered"));
    // The quote row of the first note picks the first note.
    let (x, y) = find_in(&app, notes, "“President Faure");
    click(&mut app, x, y);
    assert_eq!(app.active, Some(Item::Note(0)));
    // The border picks nothing.
    click(&mut app, notes.x + 3, notes.y);
    assert_eq!(app.active, Some(Item::Note(0)));
    // In the deleted notes a click only moves the cursor (R restores, X purges).
    press(&mut app, "gd");
    press(&mut app, "gd");
    press(&mut app, "D");
    assert!(app.notebook.show_deleted);
    let areas = app.areas();
    let (x, y) = find_in(&app, areas.panels[3].unwrap(), "note two");
    click(&mut app, x, y);
    let row = app.panel_cursor[Panel::Notes as usize];
    let picked = app
        .notebook
        .note(app.panel_items(Panel::Notes)[row])
        .unwrap();
    assert_eq!(picked.annotation.note, "note two");
    assert!(!matches!(app.active, Some(Item::Note(_))));
    press(&mut app, "R");
    assert!(app.message.clone().unwrap_or_default().contains("restored"));
}

#[test]
fn a_click_in_a_scrolled_panel_picks_the_row_drawn_there() {
    let dir = tempfile::tempdir().unwrap();
    three_notes(dir.path());
    // At 80x24 with an item selected (its detail box up) neither the four actors nor the
    // three notes fit: the lists scroll, and a click maps through the scroll.
    let mut app = app_in(dir.path(), 80, 24);
    press(&mut app, "1");
    app.handle_event(&key(KeyCode::Enter));
    let actors = app.areas().panels[0].unwrap();
    assert!(usize::from(actors.height - 2) < 4, "{actors:?}");
    press(&mut app, "G");
    // The top row now shows France (the third actor), not the first.
    let (x, y) = find_in(&app, actors, "France");
    assert_eq!(y, actors.y + 1, "{}", screen(&render(&app)));
    click(&mut app, x, y);
    assert_eq!(app.active, Some(Item::Actor(2)));
    press(&mut app, "4G");
    let notes = app.areas().panels[3].unwrap();
    let (x, y) = find_in(&app, notes, "note three");
    click(&mut app, x, y);
    assert_eq!(app.active, Some(Item::Note(2)));
    press(&mut app, "k");
    let (x, y) = find_in(&app, notes, "note two");
    click(&mut app, x, y);
    assert_eq!(app.active, Some(Item::Note(1)));
}

#[test]
fn a_click_in_the_article_list_opens_the_article_drawn_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), 140, 40);
    press(&mut app, "o");
    let list = app.areas().list.expect("the list is shown");
    let (x, y) = find_in(&app, list, "外交官");
    click(&mut app, x, y);
    assert_eq!(app.current, 1);
    assert_eq!(app.focus, Focus::Text);
}

#[test]
fn popups_take_the_mouse_and_what_is_beneath_stays() {
    // The links popup: a click picks the link under the pointer, the wheel moves.
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/web/harbour-vote.html");
    let c = corpus::load(&[page], &LoadOptions::default());
    let article = c.articles.into_iter().next().expect("the page loads");
    let mut analysis = togo().1;
    analysis.actors.truncate(0);
    analysis.themes.clear();
    analysis.tensions.clear();
    analysis.sentences = vec![Span::new(0, article.body.len())];
    let mut app = app_with(vec![(article, analysis)], 120, 30);
    press(&mut app, "U");
    let whole = ratatui::layout::Rect::new(0, 0, 120, 29);
    let (x, y) = find_in(&app, whole, "cotonou-traffic");
    click(&mut app, x, y);
    assert_eq!(app.links.popup, Some(1));
    app.handle_event(&mouse(MouseEventKind::ScrollUp, x, y));
    assert_eq!(app.links.popup, Some(0));
    assert_eq!(app.focus, Focus::Text, "nothing beneath was clicked");
    app.handle_event(&key(KeyCode::Esc));

    // The command palette: a click picks a row, Enter runs it.
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), 140, 40);
    press(&mut app, ":");
    press(&mut app, "zoom");
    let whole = ratatui::layout::Rect::new(0, 0, 140, 39);
    let (x, y) = find_in(&app, whole, "zoom ");
    click(&mut app, x, y);
    assert_eq!(app.mode, Mode::Commands);
    app.handle_event(&key(KeyCode::Enter));
    assert!(app.zoom, "the clicked command ran");
    press(&mut app, "z");

    // A correction prompt: a click on a panel changes nothing beneath it.
    press(&mut app, "1r");
    assert!(app.correcting.prompt.is_some());
    let themes = app.areas().panels[1].unwrap();
    click(&mut app, themes.right() - 3, themes.y + 2);
    assert_eq!(app.focus, Focus::Panel(Panel::Actors));
    assert_eq!(app.active, None);
    assert!(app.correcting.prompt.is_some());
    app.handle_event(&key(KeyCode::Esc));
}
