//! Links out of the reader, through the production keymap and update path: the article's
//! URL in the text pane, O and C asking to open and copy it, U listing the links of an
//! HTML article and Enter opening the chosen one.

mod tui_common;

use newslens::corpus::{self, LoadOptions};
use newslens::tui::app::Effect;
use newslens::tui::links::Pending;
use ratatui::crossterm::event::KeyCode;
use std::path::Path;
use tui_common::*;

fn page_app() -> newslens::tui::app::App {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/web/harbour-vote.html");
    let c = corpus::load(&[page], &LoadOptions::default());
    let article = c.articles.into_iter().next().expect("the page loads");
    let (_, analysis) = togo();
    let mut analysis = analysis;
    // The hand-made analysis belongs to another text: keep none of its spans.
    analysis.actors.clear();
    analysis.themes.clear();
    analysis.tensions.clear();
    analysis.sentences = vec![corpus::Span::new(0, article.body.len())];
    app_with(vec![(article, analysis)], 120, 30)
}

#[test]
fn the_url_is_shown_and_o_and_c_ask_to_open_and_copy_it() {
    let mut app = page_app();
    let text = screen(&render(&app));
    assert!(
        text.contains("https://ledger.example/2025/11/lome-port-strike-ends"),
        "{text}"
    );
    let url = "https://ledger.example/2025/11/lome-port-strike-ends".to_string();
    assert_eq!(app.handle_event(&ch('O')), Effect::Link);
    assert_eq!(app.links.pending, Some(Pending::Open(url.clone())));
    app.links.pending = None;
    assert_eq!(app.handle_event(&ch('C')), Effect::Link);
    assert_eq!(app.links.pending, Some(Pending::Copy(url)));
}

#[test]
fn u_lists_the_links_and_enter_opens_the_chosen_one() {
    let mut app = page_app();
    assert_eq!(app.handle_event(&ch('U')), Effect::None);
    let text = screen(&render(&app));
    assert!(text.contains("Links (2)"), "{text}");
    assert!(text.contains("figures published last week"), "{text}");
    press(&mut app, "j");
    assert_eq!(app.links.popup, Some(1));
    assert_eq!(app.handle_event(&key(KeyCode::Enter)), Effect::Link);
    assert_eq!(
        app.links.pending,
        Some(Pending::Open(
            "https://ledger.example/2025/11/cotonou-traffic".into()
        ))
    );
    assert_eq!(app.links.popup, None);
    // Esc closes the popup without opening anything.
    app.links.pending = None;
    app.handle_event(&ch('U'));
    assert_eq!(app.handle_event(&key(KeyCode::Esc)), Effect::None);
    assert_eq!(app.links.popup, None);
    assert_eq!(app.links.pending, None);
}
