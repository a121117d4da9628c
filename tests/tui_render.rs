//! Rendered-buffer tests: snapshots (symbols and styles) at 80x24 and 140x40, terminal
//! sizes down to 1x1, wide characters at the right edge, and hostile article text.

mod tui_common;

use newslens::analysis::Analysis;
use newslens::corpus::{Section, Span};
use newslens::tui::app::App;
use newslens::tui::keymap::Keymap;
use newslens::tui::palette::Palette;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;
use tui_common::*;

#[test]
fn snapshot_start_80x24() {
    let app = app_with(vec![togo()], 80, 24);
    insta::assert_snapshot!(screen_with_styles(&render(&app)));
}

#[test]
fn snapshot_selected_actor_with_styles_80x24() {
    let mut app = app_with(vec![togo()], 80, 24);
    press(&mut app, "1jj");
    app.handle_event(&key(KeyCode::Enter));
    insta::assert_snapshot!(screen_with_styles(&render(&app)));
}

#[test]
fn snapshot_selected_actor_with_styles_140x40() {
    let mut app = app_with(vec![togo(), wide()], 140, 40);
    press(&mut app, "1jj");
    app.handle_event(&key(KeyCode::Enter));
    insta::assert_snapshot!(screen_with_styles(&render(&app)));
}

#[test]
fn snapshot_tension_and_list_140x40() {
    let mut app = app_with(vec![togo(), wide()], 140, 40);
    press(&mut app, "3");
    app.handle_event(&key(KeyCode::Enter));
    press(&mut app, "o");
    insta::assert_snapshot!(screen_with_styles(&render(&app)));
}

#[test]
fn snapshot_wide_text_80x24() {
    let app = app_with(vec![wide()], 80, 24);
    insta::assert_snapshot!(screen(&render(&app)));
}

#[test]
fn snapshot_help_80x24() {
    let mut app = app_with(vec![togo()], 80, 24);
    press(&mut app, "?");
    insta::assert_snapshot!(screen(&render(&app)));
}

#[test]
fn no_color_still_marks_highlights_with_modifiers() {
    let (article, analysis) = togo();
    let mut app = App::new(
        vec![article],
        Vec::new(),
        Keymap::defaults(),
        Palette::build(&Default::default(), true).unwrap(),
    );
    app.resize(80, 24);
    app.analysis_ready(0, analysis);
    press(&mut app, "1");
    app.handle_event(&key(KeyCode::Enter));
    let buf = render(&app);
    let mut underlined = 0;
    for c in buf.content() {
        assert_eq!(c.fg, ratatui::style::Color::Reset);
        assert_eq!(c.bg, ratatui::style::Color::Reset);
        if c.modifier.contains(Modifier::UNDERLINED | Modifier::BOLD) {
            underlined += 1;
        }
    }
    assert!(
        underlined >= "Faure Gnassingbé".len() / 2,
        "mentions marked without colour"
    );
    // The current mention is reversed.
    assert!(
        buf.content()
            .iter()
            .any(|c| c.modifier.contains(Modifier::REVERSED) && c.symbol() == "F")
    );
}

#[test]
fn any_terminal_size_renders_without_panic() {
    let mut app = app_with(vec![togo(), wide()], 80, 24);
    press(&mut app, "1");
    app.handle_event(&key(KeyCode::Enter));
    press(&mut app, "o");
    for (w, h) in [
        (1, 1),
        (3, 2),
        (20, 5),
        (39, 9),
        (40, 10),
        (41, 11),
        (60, 20),
        (99, 30),
        (100, 12),
        (250, 80),
        (1, 60),
        (300, 1),
    ] {
        app.handle_event(&ratatui::crossterm::event::Event::Resize(w, h));
        let text = screen(&render(&app));
        if w < 40 || h < 10 {
            if w >= 20 && h >= 3 {
                assert!(text.contains("too small"), "{w}x{h}:\n{text}");
                assert!(text.contains("40x10"), "{w}x{h}:\n{text}");
            }
        } else {
            assert!(text.contains("Actors"), "{w}x{h}:\n{text}");
        }
        // Keys at any size keep working.
        press(&mut app, "jJKn]G");
    }
}

/// A wide character that does not fit the last column is moved to the next line, never cut.
#[test]
fn wide_characters_are_never_cut_at_the_right_edge() {
    for w in 60..80 {
        let app = app_with(vec![wide()], w, 24);
        let buf = render(&app);
        let area = app.areas().text.unwrap();
        let right = area.right() - 2; // last text column inside the border
        for y in area.y + 1..area.bottom() - 1 {
            let sym = buf[(right, y)].symbol();
            assert!(
                unicode_width::UnicodeWidthStr::width(sym) <= 1,
                "width {w}: wide char {sym:?} starts in the last column"
            );
            assert_eq!(
                buf[(right + 1, y)].symbol(),
                "│",
                "width {w} row {y}: border intact"
            );
        }
    }
}

#[test]
fn escape_sequences_and_bidi_controls_never_reach_the_screen_and_offsets_hold() {
    let body = "Alert \u{1b}[2J\u{1b}]0;pwned\u{7} text \u{202e}desrever\u{202c} and\ttab \u{9b}31m then Russia spoke.\n".to_string();
    let sections = vec![Section {
        span: Span::new(0, body.len()),
        heading: None,
    }];
    let art = article(
        "evil",
        "Title \u{1b}[31mred\u{202e}",
        body.clone(),
        sections,
    );
    let start = body.find("Russia").unwrap();
    let analysis = Analysis {
        sentences: vec![Span::new(0, body.len() - 1)],
        actors: vec![newslens::analysis::Actor {
            id: "russia".into(),
            name: "Russia\u{1b}[5m".into(),
            kind: newslens::analysis::ActorKind::Country,
            aliases: vec![],
            role: Some("\u{202e}role".into()),
            salience: 1.0,
            why: Vec::new(),
            mentions: vec![newslens::analysis::Mention {
                span: Span::new(start, start + 6),
                section: 0,
            }],
        }],
        section_titles: vec!["\u{1b}]8;;http://x\u{7}link".into()],
        ..Analysis::default()
    };
    let mut app = app_with(vec![(art, analysis)], 140, 40);
    press(&mut app, "1");
    app.handle_event(&key(KeyCode::Enter));
    let buf = render(&app);
    for c in buf.content() {
        for ch in c.symbol().chars() {
            assert!(
                !newslens::sanitize::is_unsafe(ch),
                "{ch:?} reached the screen"
            );
        }
    }
    let text = screen(&buf);
    assert!(
        text.contains("Alert ␛[2J␛]0;pwned␇ text �desrever� and    tab �31m then Russia spoke."),
        "{text}"
    );
    // The mention highlight sits exactly on "Russia".
    let row = (0..buf.area.height)
        .find(|&y| cells(&buf, y, 0, 140).contains("then Russia"))
        .unwrap();
    let highlighted: String = (0..140)
        .filter(|&x| buf[(x, row)].modifier.contains(Modifier::REVERSED))
        .map(|x| buf[(x, row)].symbol().to_string())
        .collect();
    assert_eq!(highlighted, "Russia");
}
