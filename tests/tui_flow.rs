//! Flow tests: real key events through the production keymap, action and update path.

mod tui_common;

use newslens::config;
use newslens::corpus::{Corpus, Problem, Severity};
use newslens::tui::app::{Effect, Focus, Item, Mode};
use newslens::tui::palette::Role;
use newslens::tui::{Msg, build_app, run_loop};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::collections::VecDeque;
use std::io::Write;
use tui_common::*;

#[test]
fn selecting_an_actor_and_pressing_n_twice_reaches_its_third_mention() {
    let (article, analysis) = togo();
    let mentions: Vec<_> = analysis.actors[2].mentions.iter().map(|m| m.span).collect();
    assert!(mentions.len() >= 4, "fixture: France has several mentions");
    let mut app = app_with(vec![(article, analysis)], 80, 24);
    // Actors panel, down twice to France, Enter.
    press(&mut app, "1jj");
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.focus, Focus::Panel(newslens::tui::app::Panel::Actors));
    assert_eq!(app.active, Some(Item::Actor(2)));
    assert_eq!(app.evidence_current, Some(0));
    let before = app.pos;
    press(&mut app, "nn");
    assert_eq!(app.evidence_current, Some(2));
    let target = mentions[2];
    // The mention is on screen and the cursor sentence holds it.
    let vis = app.visible_range();
    assert!(
        vis.start <= target.start && target.end <= vis.end,
        "{vis:?} {target:?}"
    );
    assert!(app.cursor_sentence().unwrap().contains(target.start));
    assert_ne!(
        app.pos, before,
        "France's third mention is below the first screen"
    );
    // The highlight is on the screen, in the mention style.
    let buf = render(&app);
    let text = screen(&buf);
    assert!(text.contains("n/N France 3/"), "{text}");
    let current = app.palette.style(Role::MentionCurrent);
    let styled: String = (0..buf.area.height)
        // The text pane only (the panel's cursor row is reversed too).
        .flat_map(|y| (0..50).map(move |x| (x, y)))
        .filter(|&p| {
            buf[p].modifier.contains(current.add_modifier) && buf[p].fg == current.fg.unwrap()
        })
        .map(|p| buf[p].symbol().to_string())
        .collect();
    let found = styled == "France";
    assert!(found, "current mention drawn in its style:\n{text}");
    // N goes back.
    press(&mut app, "N");
    assert_eq!(app.evidence_current, Some(1));
}

#[test]
fn search_is_live_smart_case_and_n_follows_hits_before_evidence() {
    let (article, analysis) = togo();
    let mut app = app_with(vec![(article, analysis)], 80, 24);
    // Select an actor first: n would follow its mentions.
    press(&mut app, "1");
    app.handle_event(&key(KeyCode::Enter));
    press(&mut app, "/");
    assert_eq!(app.mode, Mode::Search);
    press(&mut app, "market");
    // Live hits while typing, case-insensitive for a lowercase pattern.
    assert_eq!(app.search.hits.len(), 24);
    assert!(screen(&render(&app)).contains("/market"));
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.search.active);
    let first = app.search.current.unwrap();
    press(&mut app, "n");
    assert_eq!(app.search.current, Some(first + 1), "n follows search hits");
    let text = screen(&render(&app));
    assert!(
        text.contains(&format!("n/N /market {}/24", first + 2)),
        "{text}"
    );
    // Esc ends the search; n goes back to the actor's mentions.
    app.handle_event(&key(KeyCode::Esc));
    assert!(!app.search.active);
    let ev = app.evidence_current;
    press(&mut app, "n");
    assert_ne!(app.evidence_current, ev);
    // A capital makes the search exact-case.
    press(&mut app, "/Market");
    assert_eq!(app.search.hits.len(), 24);
    app.handle_event(&key(KeyCode::Backspace));
    press(&mut app, "T");
    assert!(app.search.hits.is_empty());
    // Esc in the prompt restores the previous (empty) search and the reading position.
    app.handle_event(&key(KeyCode::Esc));
    assert!(!app.search.active && app.search.pattern.is_empty());
    // Live search returns to where the prompt opened once the pattern stops matching.
    press(&mut app, "g");
    let origin = (app.pos, app.cursor);
    press(&mut app, "/paris");
    assert_ne!(app.pos, origin.0, "the hit is below the first screen");
    press(&mut app, "xyz");
    assert!(app.search.hits.is_empty());
    assert_eq!((app.pos, app.cursor), origin);
    app.handle_event(&key(KeyCode::Backspace));
    app.handle_event(&key(KeyCode::Backspace));
    app.handle_event(&key(KeyCode::Backspace));
    assert_ne!(app.pos, origin.0);
    app.handle_event(&key(KeyCode::Esc));
    assert_eq!((app.pos, app.cursor), origin);
}

#[test]
fn section_jumps_land_on_section_starts_and_show_titles() {
    let (article, analysis) = togo();
    let starts: Vec<usize> = article.sections.iter().map(|s| s.span.start).collect();
    let mut app = app_with(vec![(article, analysis)], 80, 24);
    press(&mut app, "]");
    assert_eq!(app.pos.offset, starts[1], "{:?}", app.cursor_sentence());
    assert_eq!(
        app.current_section(),
        1,
        "{:?} {:?} {}",
        app.cursor_sentence(),
        starts,
        app.cursor
    );
    assert!(screen(&render(&app)).contains("## Russia's offer"));
    press(&mut app, "]");
    assert_eq!(app.current_section(), 2);
    // The generated title shows as a header line; the status shows section 3/3.
    let text = screen(&render(&app));
    assert!(text.contains("§ 3/3  Outlook"), "{text}");
    assert!(text.contains("1/1 · §3/3"), "{text}");
    press(&mut app, "[");
    assert_eq!(app.current_section(), 1);
    // From inside a section, [ goes back to its start first.
    press(&mut app, "jjj");
    press(&mut app, "[");
    assert_eq!((app.current_section(), app.pos.offset), (1, starts[1]));
    press(&mut app, "[");
    assert_eq!((app.current_section(), app.pos.offset), (0, 0));
}

#[test]
fn help_opens_and_closes_and_lists_live_keys() {
    let (article, analysis) = togo();
    let mut app = app_with(vec![(article, analysis)], 80, 24);
    press(&mut app, "?");
    assert_eq!(app.mode, Mode::Help);
    let text = screen(&render(&app));
    assert!(text.contains("Help"), "{text}");
    assert!(text.contains("Ctrl-d"), "{text}");
    // q closes help rather than quitting.
    assert_eq!(app.handle_event(&ch('q')), Effect::None);
    assert_eq!(app.mode, Mode::Normal);
    app.handle_event(&key(KeyCode::F(1)));
    assert_eq!(app.mode, Mode::Help);
    app.handle_event(&key(KeyCode::Esc));
    assert_eq!(app.mode, Mode::Normal);
}

fn user_config(text: &str) -> (tempfile::NamedTempFile, config::LoadedConfig) {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    let loaded = config::load(Some(f.path())).unwrap();
    (f, loaded)
}

#[test]
fn remapped_keys_from_a_user_config_work_and_show_in_hints() {
    let (_f, loaded) =
        user_config("[keys]\nscroll_down = [\"H\"]\nquit = [\"Z\"]\nhelp = [\"F2\"]\n");
    let (article, analysis) = togo();
    let corpus = Corpus {
        articles: vec![article],
        problems: vec![],
    };
    let mut app = build_app(&loaded, corpus).unwrap();
    app.resize(80, 24);
    app.analysis_ready(0, analysis);
    press(&mut app, "j");
    assert_eq!(app.top_line(), 0, "j is no longer bound");
    press(&mut app, "H");
    assert_eq!(app.top_line(), 1);
    assert_eq!(app.handle_event(&ch('q')), Effect::None);
    assert_eq!(app.handle_event(&ch('Z')), Effect::Quit);
    let text = screen(&render(&app));
    assert!(text.contains("H scroll"), "{text}");
    assert!(text.contains("Z quit"), "{text}");
    assert!(text.contains("F2 help"), "{text}");
    app.handle_event(&key(KeyCode::F(2)));
    assert_eq!(app.mode, Mode::Help);
}

#[test]
fn bad_key_names_and_unknown_actions_are_reported_with_file_and_line() {
    let (f, loaded) = user_config(
        "[keys]\nquit = [\"Z\"]\nscrol_down = [\"j\"]\nhelp = [\"Ctrl-Q-Z\"]\n\n[colors]\nmention = \"bold chartreuse\"\n",
    );
    let corpus = Corpus::default();
    let err = build_app(&loaded, corpus).err().expect("refused");
    let path = f.path().display().to_string();
    assert!(
        err.contains(&format!("{path}:3:")) && err.contains("scrol_down"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{path}:4:")) && err.contains("Ctrl-Q-Z"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{path}:7:")) && err.contains("chartreuse"),
        "{err}"
    );
    assert_eq!(newslens::tui::validate_keys(&loaded).len(), 2);
    assert_eq!(newslens::tui::validate_colors(&loaded).len(), 1);
    // A key bound twice is refused too.
    let (_f, loaded) = user_config("[keys]\nquit = [\"j\"]\n");
    let errs = newslens::tui::validate_keys(&loaded);
    assert_eq!(errs.len(), 1);
    assert!(errs[0].to_string().contains("both"), "{}", errs[0]);
}

#[test]
fn tension_colours_its_two_sides_differently() {
    let (article, analysis) = togo();
    let mut app = app_with(vec![(article, analysis)], 140, 40);
    press(&mut app, "3");
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.active, Some(Item::Tension(0)));
    let roles: Vec<Role> = app.highlights.iter().map(|h| h.1).collect();
    assert!(
        roles.contains(&Role::SideA)
            && roles.contains(&Role::SideB)
            && roles.contains(&Role::Evidence)
    );
    let text = screen(&render(&app));
    assert!(
        text.contains("geopolitical rivalry"),
        "detail area shows the kind:\n{text}"
    );
    // Esc clears the selection.
    app.handle_event(&key(KeyCode::Esc));
    assert_eq!(app.active, None);
    assert!(app.highlights.is_empty());
}

#[test]
fn scrolling_keeps_the_cursor_sentence_visible_and_sentence_keys_move_it() {
    let (article, analysis) = togo();
    let mut app = app_with(vec![(article, analysis)], 80, 24);
    assert_eq!(app.cursor, 0);
    press(&mut app, "))");
    assert_eq!(app.cursor, 2);
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('d'),
        KeyModifiers::CONTROL,
    )));
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('d'),
        KeyModifiers::CONTROL,
    )));
    let vis = app.visible_range();
    let s = app.cursor_sentence().unwrap();
    assert!(
        s.start < vis.end && s.end > vis.start,
        "cursor {s:?} in view {vis:?}"
    );
    press(&mut app, "G");
    assert_eq!(app.percent(), 100);
    press(&mut app, "g");
    assert_eq!((app.top_line(), app.cursor), (0, 0));
}

#[test]
fn position_survives_resize_and_is_remembered_per_article() {
    let mut app = app_with(vec![togo(), wide()], 80, 24);
    press(&mut app, "jjjjjj");
    let pos = app.pos;
    assert!(pos.offset > 0);
    for (w, h) in [(140, 40), (60, 20), (200, 12)] {
        app.handle_event(&Event::Resize(w, h));
        let vis = app.visible_range();
        assert!(
            vis.start <= pos.offset && pos.offset <= vis.end,
            "{w}x{h}: {vis:?} {pos:?}"
        );
    }
    app.handle_event(&Event::Resize(80, 24));
    assert_eq!(app.pos, pos, "back at the same width, the same line");
    press(&mut app, "J");
    assert_eq!(app.current, 1);
    assert_eq!(app.top_line(), 0);
    press(&mut app, "K");
    assert_eq!(app.current, 0);
    assert_eq!(app.pos, pos);
}

#[test]
fn article_list_filters_by_typing_and_opens_with_enter() {
    let mut app = app_with(vec![togo(), wide()], 120, 35);
    press(&mut app, "o");
    assert_eq!(app.focus, Focus::List);
    assert!(screen(&render(&app)).contains("Togo between France and Russia"));
    press(&mut app, "/外交");
    assert_eq!(app.list_items(), vec![1]);
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.current, 1);
    assert_eq!(app.focus, Focus::Text);
    // Typing a letter no key is bound to starts the filter directly.
    press(&mut app, "o");
    app.handle_event(&key(KeyCode::Esc));
    press(&mut app, "o");
    assert_eq!(app.focus, Focus::List);
    press(&mut app, "togo");
    assert_eq!(app.mode, Mode::Filter);
    assert_eq!(app.list_filter, "togo");
    assert_eq!(app.list_items(), vec![0]);
}

#[test]
fn section_filter_keeps_only_items_of_the_current_section() {
    let mut app = app_with(vec![togo()], 80, 24);
    assert_eq!(app.panel_items(newslens::tui::app::Panel::Themes).len(), 2);
    press(&mut app, "f");
    // Section 1 has diplomacy cues only.
    assert_eq!(app.panel_items(newslens::tui::app::Panel::Themes), vec![0]);
    press(&mut app, "]");
    assert_eq!(
        app.panel_items(newslens::tui::app::Panel::Themes),
        vec![0, 1]
    );
    let text = screen(&render(&app));
    assert!(text.contains("in §2"), "{text}");
}

#[test]
fn the_loop_runs_on_a_test_backend_and_quits() {
    let (article, analysis) = togo();
    let mut app = build_app(
        &config::LoadedConfig {
            config: config::defaults(),
            user_file: None,
        },
        Corpus {
            articles: vec![article],
            problems: vec![],
        },
    )
    .unwrap();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut inbox: VecDeque<Msg> = VecDeque::new();
    inbox.push_back(Msg::Input(ch('j')));
    inbox.push_back(Msg::Analysed(0, Box::new(analysis)));
    inbox.push_back(Msg::Input(ch('1')));
    inbox.push_back(Msg::Input(key(KeyCode::Enter)));
    run_loop(&mut terminal, &mut app, &mut inbox).unwrap();
    assert_eq!(app.active, Some(Item::Actor(0)));
    let text = screen(terminal.backend().buffer());
    assert!(text.contains("Actors (4)"), "{text}");
    assert!(text.contains("▶P Faure Gnassingbé"), "{text}");
    // q stops the loop before the messages after it.
    inbox.push_back(Msg::Input(ch('q')));
    inbox.push_back(Msg::Input(ch('j')));
    run_loop(&mut terminal, &mut app, &mut inbox).unwrap();
    assert_eq!(inbox.len(), 1, "stopped at q");
}

#[test]
fn empty_corpus_shows_its_problems() {
    let problems = vec![Problem {
        path: "articles/bad.md".into(),
        line: Some(3),
        severity: Severity::Error,
        message: "broken front matter \u{1b}[31m".into(),
    }];
    let mut app = build_app(
        &config::LoadedConfig {
            config: config::defaults(),
            user_file: None,
        },
        Corpus {
            articles: vec![],
            problems,
        },
    )
    .unwrap();
    app.resize(80, 24);
    press(&mut app, "jjG]n/x");
    app.handle_event(&key(KeyCode::Enter));
    let text = screen(&render(&app));
    assert!(text.contains("No articles to read."), "{text}");
    assert!(
        text.contains("articles/bad.md:3: error: broken front matter ␛[31m"),
        "{text}"
    );
    assert_eq!(app.handle_event(&ch('q')), Effect::Quit);
}

#[test]
fn on_a_narrow_terminal_the_list_replaces_the_text_only_while_focused() {
    let mut app = app_with(vec![togo(), wide()], 80, 24);
    press(&mut app, "o");
    let areas = app.areas();
    assert!(areas.list.is_some() && areas.text.is_none());
    // Tab moves focus to the text: it comes back, at the same width as before.
    let width = app.wrapped.width;
    app.handle_event(&key(KeyCode::Tab));
    assert_eq!(app.focus, Focus::Text);
    assert!(app.areas().text.is_some() && app.areas().list.is_none());
    assert_eq!(app.wrapped.width, width);
    assert!(screen(&render(&app)).contains("President Faure"));
}

#[test]
fn a_failed_analysis_leaves_the_text_readable_and_is_listed() {
    let (article, _) = togo();
    let mut app = build_app(
        &config::LoadedConfig {
            config: config::defaults(),
            user_file: None,
        },
        Corpus {
            articles: vec![article],
            problems: vec![],
        },
    )
    .unwrap();
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
    let mut inbox: VecDeque<Msg> = VecDeque::new();
    inbox.push_back(Msg::AnalysisFailed(0, "index out of bounds".into()));
    run_loop(&mut terminal, &mut app, &mut inbox).unwrap();
    let text = screen(terminal.backend().buffer());
    assert!(text.contains("President Faure"), "{text}");
    assert!(
        text.contains("analysis of this article failed: index out of bounds"),
        "{text}"
    );
    assert!(text.contains("Actors (0)"), "{text}");
    inbox.push_back(Msg::Input(ch('o')));
    run_loop(&mut terminal, &mut app, &mut inbox).unwrap();
    let text = screen(terminal.backend().buffer());
    assert!(text.contains("⚠ 1 problem(s):"), "{text}");
    assert!(
        app.problems[0]
            .to_string()
            .contains("analysis failed: index out of bounds")
    );
}

#[test]
fn the_cursor_sentence_stays_visible_after_a_resize_and_a_late_analysis() {
    let (article, analysis) = togo();
    let corpus = Corpus {
        articles: vec![article],
        problems: vec![],
    };
    let loaded = config::LoadedConfig {
        config: config::defaults(),
        user_file: None,
    };
    let mut app = build_app(&loaded, corpus).unwrap();
    app.resize(80, 24);
    // Scrolled before the analysis (and its sentences) arrived.
    press(&mut app, "jjjjjjjjjjjj");
    app.analysis_ready(0, analysis);
    let visible = |app: &newslens::tui::app::App| {
        let vis = app.visible_range();
        let s = app.cursor_sentence().unwrap();
        s.start < vis.end && s.end > vis.start
    };
    assert!(visible(&app));
    press(&mut app, "G");
    app.handle_event(&Event::Resize(80, 12));
    assert!(visible(&app));
}

#[test]
fn enter_in_the_text_selects_the_first_actor_of_the_cursor_sentence() {
    let (article, analysis) = togo();
    let mut app = app_with(vec![(article, analysis)], 80, 24);
    // Sentence 2: "Gnassingbé said Togo would keep its balance between France and Russia."
    press(&mut app, "))");
    let pos = app.pos;
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.active, Some(Item::Actor(0)), "Gnassingbé comes first");
    assert_eq!(
        app.evidence_current,
        Some(1),
        "the mention in this sentence"
    );
    assert_eq!(app.pos, pos, "the reader stays where they are");
    assert_eq!(app.panel_cursor[0], 0);
    press(&mut app, "n");
    assert_eq!(app.evidence_current, Some(2));
}

#[test]
fn help_lists_each_loading_problem_in_full() {
    let (article, _) = togo();
    let long =
        "front matter is not valid TOML: invalid string, expected `\"`; its fields were ignored";
    let problems = vec![Problem {
        path: "articles/a-rather-long-folder-name/bad-front-matter.md".into(),
        line: Some(2),
        severity: Severity::Error,
        message: long.into(),
    }];
    let mut app = build_app(
        &config::LoadedConfig {
            config: config::defaults(),
            user_file: None,
        },
        Corpus {
            articles: vec![article],
            problems,
        },
    )
    .unwrap();
    app.resize(100, 30);
    let status = screen(&render(&app));
    assert!(status.contains("listed in full in help"), "{status}");
    press(&mut app, "?");
    // Scroll to the end of the help, where the problems are.
    press(&mut app, "G");
    let text = screen(&render(&app));
    // The message wraps over several rows of the help, every part of it shown.
    for part in [
        "bad-front-matter.md:2: error:",
        "is not valid TOML: invalid string",
        "were ignored",
    ] {
        assert!(text.contains(part), "`{part}` missing: {text}");
    }
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn mouse(kind: ratatui::crossterm::event::MouseEventKind, x: u16, y: u16) -> Event {
    Event::Mouse(ratatui::crossterm::event::MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn counts_repeat_moves_and_go_to_a_numbered_sentence() {
    let (article, analysis) = togo();
    let sentences = analysis.sentences.clone();
    let mut app = app_with(vec![(article, analysis)], 80, 24);
    press(&mut app, "5j");
    assert_eq!(app.top_line(), 5, "5j scrolls five lines");
    assert_eq!(app.count, None);
    press(&mut app, "10G");
    assert_eq!(app.cursor, 9, "10G goes to the tenth sentence");
    assert_eq!(
        app.focus,
        Focus::Text,
        "the 1 of 10 did not leave the focus on Actors"
    );
    assert!(app.visible_range().start <= sentences[9].start);
    assert!(screen(&render(&app)).contains(&format!("sentence 10/{}", sentences.len())));
    press(&mut app, "g3)");
    assert_eq!(app.focus, Focus::Panel(newslens::tui::app::Panel::Tensions));
    // A lone panel digit is still a focus key: `1jj` walks the Actors panel.
    press(&mut app, "0");
    assert_eq!(app.focus, Focus::Text, "0 focuses the text");
    press(&mut app, "1jj");
    assert_eq!(app.focus, Focus::Panel(newslens::tui::app::Panel::Actors));
    assert_eq!(app.panel_cursor[0], 2);
    // A count in a panel: 2G is focus-and-G, but 0 then 12G in the text is sentence 12.
    press(&mut app, "0");
    press(&mut app, "12G");
    assert_eq!(app.cursor, 11);
    press(&mut app, "7)");
    assert_eq!(app.cursor, 18);
    // The count being typed shows in the status line.
    press(&mut app, "55");
    assert!(screen(&render(&app)).contains("55…"));
    app.handle_event(&key(KeyCode::Esc));
    assert_eq!(app.count, None);
}

#[test]
fn ctrl_o_and_ctrl_i_walk_the_jump_list_over_evidence_and_search() {
    let (article, analysis) = togo();
    let mut app = app_with(vec![(article, analysis)], 80, 24);
    let start = (app.pos, app.cursor);
    // France's mentions: select, then n twice.
    press(&mut app, "1jj");
    app.handle_event(&key(KeyCode::Enter));
    let first = (app.pos, app.cursor);
    press(&mut app, "n");
    let second = (app.pos, app.cursor);
    press(&mut app, "n");
    let third = (app.pos, app.cursor);
    assert_ne!(first, second);
    assert_ne!(second, third);
    app.handle_event(&ctrl('o'));
    assert_eq!((app.pos, app.cursor), second, "back one jump");
    assert_eq!(app.focus, Focus::Text);
    app.handle_event(&ctrl('o'));
    assert_eq!((app.pos, app.cursor), first);
    app.handle_event(&ctrl('o'));
    assert_eq!(
        (app.pos, app.cursor),
        start,
        "back to where the reader began"
    );
    app.handle_event(&ctrl('o'));
    assert!(screen(&render(&app)).contains("no earlier jump"));
    // Forward with Alt-i (Ctrl-i arrives as Tab in most terminals).
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('i'),
        KeyModifiers::ALT,
    )));
    assert_eq!((app.pos, app.cursor), first);
    // A confirmed search is a jump too.
    press(&mut app, "g");
    let before = (app.pos, app.cursor);
    press(&mut app, "/outlook|analysts");
    app.handle_event(&key(KeyCode::Enter));
    assert_ne!((app.pos, app.cursor), before);
    app.handle_event(&ctrl('o'));
    assert_eq!((app.pos, app.cursor), before);
}

/// The screen column of `needle` in a screen `line` (box characters are one column).
fn col_of(line: &str, needle: &str) -> u16 {
    let byte = line.find(needle).unwrap();
    unicode_width::UnicodeWidthStr::width(&line[..byte]) as u16
}

#[test]
fn regex_search_reports_bad_patterns_and_keeps_a_history() {
    let (article, analysis) = togo();
    let exact = article.body.matches("France").count();
    let mut app = app_with(vec![(article, analysis)], 80, 24);
    press(&mut app, "/france|russia");
    let both = app.search.hits.len();
    assert!(both >= 5, "{both}");
    app.handle_event(&key(KeyCode::Enter));
    assert!(app.search.active);
    // Smart case still holds for a regular expression.
    press(&mut app, r"/\bFrance\b");
    assert_eq!(app.search.hits.len(), exact);
    app.handle_event(&key(KeyCode::Enter));
    // An invalid pattern says what is wrong, in the prompt and after Enter.
    press(&mut app, "/(togo");
    assert!(app.search.hits.is_empty());
    let text = screen(&render(&app));
    assert!(text.contains("invalid pattern: unclosed group"), "{text}");
    app.handle_event(&key(KeyCode::Enter));
    assert!(screen(&render(&app)).contains("invalid pattern: unclosed group"));
    // Up/Down in the prompt: newest first, then back to what was typed.
    press(&mut app, "/tal");
    app.handle_event(&key(KeyCode::Up));
    assert_eq!(app.search.pattern, "(togo");
    app.handle_event(&key(KeyCode::Up));
    assert_eq!(app.search.pattern, r"\bFrance\b");
    assert_eq!(
        app.search.hits.len(),
        exact,
        "a recalled pattern searches live"
    );
    app.handle_event(&key(KeyCode::Up));
    assert_eq!(app.search.pattern, "france|russia");
    app.handle_event(&key(KeyCode::Down));
    app.handle_event(&key(KeyCode::Down));
    app.handle_event(&key(KeyCode::Down));
    assert_eq!(app.search.pattern, "tal");
}

#[test]
fn star_searches_the_actor_or_the_clicked_word() {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    let (article, analysis) = togo();
    let body = article.body.clone();
    let france = analysis.actors[2].mentions.len();
    let mut app = app_with(vec![(article, analysis)], 80, 24);
    // The actor under the Actors cursor, by all its names (France, French, Paris).
    press(&mut app, "1jj*");
    assert!(app.search.active);
    assert_eq!(app.search.hits.len(), france);
    assert_eq!(app.focus, Focus::Text);
    let hit = app.search.hits[app.search.current.unwrap()];
    assert!(["France", "French", "Paris"].contains(&hit.text(&body)));
    app.handle_event(&key(KeyCode::Esc));
    app.handle_event(&key(KeyCode::Esc));
    // A clicked word: "Markets" on the first filler line.
    press(&mut app, "g");
    let screen_text = screen(&render(&app));
    let (row, line) = screen_text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Markets"))
        .unwrap();
    let col = col_of(line, "Markets") + 2;
    app.handle_event(&mouse(
        MouseEventKind::Down(MouseButton::Left),
        col,
        row as u16,
    ));
    app.handle_event(&mouse(
        MouseEventKind::Up(MouseButton::Left),
        col,
        row as u16,
    ));
    press(&mut app, "*");
    let n = body.matches("Markets").count();
    assert_eq!(app.search.hits.len(), n, "{:?}", app.search.pattern);
}

#[test]
fn the_command_palette_filters_every_action_and_runs_the_chosen_one() {
    let (article, analysis) = togo();
    let mut app = app_with(vec![(article, analysis)], 100, 30);
    press(&mut app, ":");
    assert_eq!(app.mode, Mode::Commands);
    let all = app.command_items().len();
    assert_eq!(all, newslens::tui::keymap::ACTIONS.len() - 1);
    let text = screen(&render(&app));
    assert!(text.contains("Commands ("), "{text}");
    assert!(
        text.contains("scroll_down") && text.contains("j / Down"),
        "{text}"
    );
    press(&mut app, "nxt sec");
    let items = app.command_items();
    assert!(items.len() < all);
    assert_eq!(items[0].name, "next_section");
    assert!(screen(&render(&app)).contains(": nxt sec"));
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.current_section(), 1, "Enter ran next_section");
    // Down then Enter runs the second match; Esc closes without running.
    press(&mut app, ":zoom");
    app.handle_event(&key(KeyCode::Enter));
    assert!(app.zoom);
    press(&mut app, ":help");
    app.handle_event(&key(KeyCode::Esc));
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, ":qqqzzz");
    assert!(app.command_items().is_empty());
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn z_hides_the_panels_and_gives_the_text_the_width() {
    let (article, analysis) = togo();
    let mut app = app_with(vec![(article, analysis)], 80, 24);
    let (narrow, _) = app.text_size();
    press(&mut app, "z");
    assert!(app.zoom);
    let (wide, _) = app.text_size();
    assert_eq!(wide, 80 - 2 - 2, "the whole width less border and gutter");
    assert!(wide > narrow);
    let text = screen(&render(&app));
    assert!(!text.contains("Actors ("), "{text}");
    assert!(text.contains("panels hidden: z shows them"), "{text}");
    press(&mut app, "jk");
    let text = screen(&render(&app));
    assert!(text.contains("z panels"), "{text}");
    // Tab does not wander into hidden panels; a panel key shows them again.
    app.handle_event(&key(KeyCode::Tab));
    assert_eq!(app.focus, Focus::Text);
    press(&mut app, "1");
    assert!(!app.zoom);
    assert_eq!(app.focus, Focus::Panel(newslens::tui::app::Panel::Actors));
    press(&mut app, "z");
    assert_eq!(app.focus, Focus::Text);
}

#[test]
fn mouse_clicks_focus_and_pick_the_wheel_scrolls_and_a_drag_selects() {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    let (article, analysis) = togo();
    let body = article.body.clone();
    let mut app = app_with(vec![(article, analysis)], 80, 24);
    let areas = app.areas();
    // Wheel over the text scrolls three lines.
    let t = areas.text.unwrap();
    app.handle_event(&mouse(MouseEventKind::ScrollDown, t.x + 5, t.y + 3));
    assert_eq!(app.top_line(), 3);
    app.handle_event(&mouse(MouseEventKind::ScrollUp, t.x + 5, t.y + 3));
    assert_eq!(app.top_line(), 0);
    // A click on the third actor row picks France.
    let actors = areas.panels[0].unwrap();
    app.handle_event(&mouse(
        MouseEventKind::Down(MouseButton::Left),
        actors.x + 5,
        actors.y + 3,
    ));
    assert_eq!(app.focus, Focus::Panel(newslens::tui::app::Panel::Actors));
    assert_eq!(app.active, Some(Item::Actor(2)));
    // A click in the text moves the cursor sentence to the one clicked.
    press(&mut app, "g");
    app.handle_event(&key(KeyCode::Esc));
    let text = screen(&render(&app));
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("The talks"))
        .unwrap();
    let col = col_of(line, "The talks");
    app.handle_event(&mouse(
        MouseEventKind::Down(MouseButton::Left),
        col + 1,
        row as u16,
    ));
    assert_eq!(app.focus, Focus::Text);
    let s = app.cursor_sentence().unwrap();
    assert_eq!(s.text(&body), "The talks lasted three hours.");
    // Drag from "talks" to "three": whole words selected; y copies them.
    let talks = col_of(line, "talks") + 1;
    let three = col_of(line, "three") + 2;
    app.handle_event(&mouse(
        MouseEventKind::Down(MouseButton::Left),
        talks,
        row as u16,
    ));
    app.handle_event(&mouse(
        MouseEventKind::Drag(MouseButton::Left),
        three,
        row as u16,
    ));
    app.handle_event(&mouse(
        MouseEventKind::Up(MouseButton::Left),
        three,
        row as u16,
    ));
    let sel = app.notebook.selection.expect("a drag selects").span();
    assert_eq!(sel.text(&body), "talks lasted three");
    assert!(screen(&render(&app)).contains("3 words selected"));
    assert_eq!(app.handle_event(&ch('y')), Effect::Copy);
    assert_eq!(app.copied.as_deref(), Some("talks lasted three"));
    assert!(
        app.notebook.selection.is_none(),
        "copying ends the selection"
    );
    // The list: a click opens the article under it.
    press(&mut app, "o");
}

#[test]
fn y_copies_the_sentence_and_shift_y_the_quote_with_its_citation() {
    let (mut article, analysis) = togo();
    article.meta.url = Some("https://example.org/togo".into());
    let mut app = app_with(vec![(article, analysis)], 80, 24);
    press(&mut app, "))");
    assert_eq!(app.handle_event(&ch('y')), Effect::Copy);
    assert_eq!(
        app.copied.as_deref(),
        Some("Gnassingbé said Togo would keep its balance between France and Russia.")
    );
    assert_eq!(app.handle_event(&ch('Y')), Effect::Copy);
    assert_eq!(
        app.copied.as_deref(),
        Some(
            "“Gnassingbé said Togo would keep its balance between France and Russia.” — \
             Togo between France and Russia, Fixture Wire, 2025-12-10. https://example.org/togo"
        )
    );
    // A selection is copied instead of the sentence.
    press(&mut app, "vww");
    app.handle_event(&ch('y'));
    let copied = app.copied.clone().unwrap();
    assert!(
        copied.starts_with("Gnassingbé said Togo would keep"),
        "{copied}"
    );
    // Through the loop, with the clipboard off, the status says where it went.
    app.copy_done(Ok("xclip".into()));
    assert!(screen(&render(&app)).contains(&format!(
        "copied {} characters to xclip",
        copied.chars().count()
    )));
}

#[test]
fn ctrl_c_quits_at_once_unless_a_note_is_unsaved() {
    let (article, analysis) = togo();
    let mut app = app_with(vec![(article.clone(), analysis.clone())], 80, 24);
    assert_eq!(app.handle_event(&ctrl('c')), Effect::Quit);
    // In the search prompt too.
    press(&mut app, "/fr");
    assert_eq!(app.handle_event(&ctrl('c')), Effect::Quit);
    // With the note popup open: asked first, any other key goes back, twice quits.
    let dir = tempfile::tempdir().unwrap();
    let mut article = article;
    article.root = dir.path().into();
    let mut app = app_with(vec![(article, analysis)], 80, 24);
    app.open_stores();
    press(&mut app, "a");
    assert!(app.notebook.editor.is_some());
    assert!(app.has_unsaved_note());
    assert_eq!(app.handle_event(&ctrl('c')), Effect::None);
    let said = app.message.clone().unwrap_or_default();
    assert!(said.contains("a note is not saved"), "{said}");
    app.handle_event(&key(KeyCode::Left));
    assert!(!app.quit_armed);
    assert!(app.notebook.editor.is_some(), "the popup is still open");
    assert_eq!(app.handle_event(&ctrl('c')), Effect::None);
    assert_eq!(app.handle_event(&ctrl('c')), Effect::Quit);
    // Ctrl-z asks the loop to suspend; on a test backend that is refused.
    let (article, analysis) = togo();
    let mut app = app_with(vec![(article, analysis)], 80, 24);
    assert_eq!(app.handle_event(&ctrl('z')), Effect::Suspend);
}

#[test]
fn help_scrolls_to_its_end_with_g_and_back_with_g() {
    let (article, analysis) = togo();
    let mut app = app_with(vec![(article, analysis)], 80, 24);
    press(&mut app, "?");
    press(&mut app, "G");
    let text = screen(&render(&app));
    assert!(text.contains("P person, O organisation"), "{text}");
    press(&mut app, "g");
    assert_eq!(app.help_scroll, 0);
    assert!(screen(&render(&app)).contains("Scroll down a line"));
}
