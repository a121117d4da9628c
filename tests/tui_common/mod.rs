//! Shared fixtures for the reader tests: a hand-built article and analysis (so tests do not
//! depend on the engine), key helpers and a compact text form of a rendered buffer that
//! records styles as well as symbols.
#![allow(dead_code)]

use newslens::analysis::{Actor, ActorKind, Analysis, Evidence, Mention, Tension, Theme};
use newslens::corpus::{Article, Format, Meta, Section, Span};
use newslens::tui::app::App;
use newslens::tui::keymap::Keymap;
use newslens::tui::palette::Palette;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

pub const FILLER: &str = "Markets in the capital were calm and traders waited for news.";

/// A three-section article about Togo between France and Russia, long enough to scroll.
pub fn body() -> String {
    let mut b = String::new();
    b.push_str("## The summit in Lomé\n\n");
    b.push_str("President Faure Gnassingbé met the French envoy in Lomé on Monday. ");
    b.push_str("Gnassingbé said Togo would keep its balance between France and Russia. ");
    b.push_str("The talks lasted three hours.\n\n");
    for _ in 0..3 {
        for _ in 0..4 {
            b.push_str(FILLER);
            b.push(' ');
        }
        b.pop();
        b.push_str("\n\n");
    }
    b.push_str("## Russia's offer\n\n");
    b.push_str(
        "Moscow offered grain and security help. Russian officials met the Togolese military. ",
    );
    b.push_str("France warned against the deal, and Paris recalled its ambassador.\n\n");
    for _ in 0..3 {
        for _ in 0..4 {
            b.push_str(FILLER);
            b.push(' ');
        }
        b.pop();
        b.push_str("\n\n");
    }
    b.push_str("Analysts said Gnassingbé was playing both sides. Togo needs both partners.\n");
    b
}

fn spans_of(body: &str, needle: &str) -> Vec<Span> {
    body.match_indices(needle)
        .map(|(i, m)| Span::new(i, i + m.len()))
        .collect()
}

/// Sentences: heading lines whole, other lines split after ". ".
pub fn sentences(body: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in body.split('\n') {
        let end = start + line.len();
        if !line.is_empty() {
            if line.starts_with('#') {
                out.push(Span::new(start, end));
            } else {
                let mut s = start;
                for (i, _) in line.match_indices(". ") {
                    out.push(Span::new(s, start + i + 1));
                    s = start + i + 2;
                }
                out.push(Span::new(s, end));
            }
        }
        start = end + 1;
    }
    out
}

pub fn article(id: &str, title: &str, body: String, sections: Vec<Section>) -> Article {
    Article {
        id: id.into(),
        path: PathBuf::from(format!("articles/{id}.md")),
        root: std::path::Path::new("articles").into(),
        format: Format::Markdown,
        meta: Meta {
            title: Some(title.into()),
            source: Some("Fixture Wire".into()),
            date: Some("2025-12-10".into()),
            ..Meta::default()
        },
        title: title.into(),
        body,
        sections,
    }
}

pub fn togo() -> (Article, Analysis) {
    let body = body();
    let s1 = body.find("## Russia's offer").unwrap();
    let s2 = body.find("Analysts said").unwrap();
    let sections = vec![
        Section {
            span: Span::new(0, s1),
            heading: Some("The summit in Lomé".into()),
        },
        Section {
            span: Span::new(s1, s2),
            heading: Some("Russia's offer".into()),
        },
        Section {
            span: Span::new(s2, body.len()),
            heading: None,
        },
    ];
    let a = article(
        "west-africa/togo",
        "Togo between France and Russia",
        body.clone(),
        sections,
    );
    let section_of = |s: Span| a.section_at(s.start);
    let mentions = |names: &[&str]| -> Vec<Mention> {
        let mut m: Vec<Mention> = names
            .iter()
            .flat_map(|n| spans_of(&body, n))
            .map(|span| Mention {
                span,
                section: section_of(span),
            })
            .collect();
        m.sort_by_key(|m| m.span.start);
        // "Faure Gnassingbé" contains "Gnassingbé": keep the longer, earlier one.
        m.dedup_by(|b, a| a.span.overlaps(&b.span));
        m
    };
    let actor =
        |id: &str, name: &str, kind, aliases: &[&str], role: Option<&str>, names: &[&str]| Actor {
            id: id.into(),
            name: name.into(),
            kind,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            role: role.map(str::to_string),
            salience: 0.5,
            why: Vec::new(),
            mentions: mentions(names),
        };
    let actors = vec![
        actor(
            "faure-gnassingbe",
            "Faure Gnassingbé",
            ActorKind::Person,
            &["Gnassingbé"],
            Some("President of Togo"),
            &["Faure Gnassingbé", "Gnassingbé"],
        ),
        actor(
            "togo",
            "Togo",
            ActorKind::Country,
            &["Togolese"],
            None,
            &["Togo ", "Togolese"],
        ),
        actor(
            "france",
            "France",
            ActorKind::Country,
            &["French", "Paris"],
            None,
            &["France", "French", "Paris"],
        ),
        actor(
            "russia",
            "Russia",
            ActorKind::Country,
            &["Russian", "Moscow"],
            None,
            &["Russia.", "Russian", "Moscow"],
        ),
    ];
    let evidence = |needles: &[&str]| -> Vec<Evidence> {
        let mut e: Vec<Evidence> = needles
            .iter()
            .flat_map(|n| spans_of(&body, n))
            .map(|span| Evidence {
                span,
                section: section_of(span),
            })
            .collect();
        e.sort_by_key(|e| e.span.start);
        e
    };
    let themes = vec![
        Theme {
            id: "diplomacy".into(),
            label: "Diplomacy".into(),
            score: 0.9,
            section_scores: vec![0.9, 0.5, 0.1],
            evidence: evidence(&["envoy", "talks", "ambassador"]),
            weights: vec![2.0, 1.0, 2.0],
        },
        Theme {
            id: "security".into(),
            label: "Security".into(),
            score: 0.6,
            section_scores: vec![0.0, 0.8, 0.0],
            evidence: evidence(&["security", "military"]),
            weights: vec![1.0, 1.0],
        },
    ];
    let tensions = vec![Tension {
        id: "france-vs-russia".into(),
        label: "France vs Russia".into(),
        kind: "geopolitical rivalry".into(),
        sides: [vec!["france".into()], vec!["russia".into()]],
        score: 0.7,
        evidence: evidence(&[
            "Gnassingbé said Togo would keep its balance between France and Russia.",
            "France warned against the deal, and Paris recalled its ambassador.",
        ]),
        why: Vec::new(),
        event_class: "rivalry".into(),
        quad_class: "verbal conflict".into(),
    }];
    let analysis = Analysis {
        sentences: sentences(&body),
        actors,
        themes,
        tensions,
        section_titles: vec![
            "The summit in Lomé".into(),
            "Russia's offer".into(),
            "Outlook".into(),
        ],
    };
    (a, analysis)
}

/// CJK, emoji and combining text in one section with no heading.
pub fn wide() -> (Article, Analysis) {
    let body =
        "东京和北京的外交官在会谈中讨论了贸易问题，双方同意继续对话。🇯🇵🇨🇳 会談は三時間続いた。\n\n\
                Emoji: 👩‍👩‍👧 family, 🏳️‍🌈 flag, café, e\u{301}tude, 한국어 텍스트가 여기에 있습니다.\n"
            .to_string();
    let sections = vec![Section {
        span: Span::new(0, body.len()),
        heading: None,
    }];
    let a = article("asia/wide", "外交官の会談 🇯🇵", body.clone(), sections);
    let analysis = Analysis {
        sentences: sentences(&body),
        section_titles: vec!["東京と北京".into()],
        ..Analysis::default()
    };
    (a, analysis)
}

/// An app over the given articles with their analyses ready, at `w`×`h`.
pub fn app_with(items: Vec<(Article, Analysis)>, w: u16, h: u16) -> App {
    let (articles, analyses): (Vec<Article>, Vec<Analysis>) = items.into_iter().unzip();
    let mut app = App::new(
        articles,
        Vec::new(),
        Keymap::defaults(),
        Palette::build(&Default::default(), false).unwrap(),
    );
    app.resize(w, h);
    for (i, an) in analyses.into_iter().enumerate() {
        app.analysis_ready(i, an);
    }
    app
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ch(c: char) -> Event {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Event::Key(KeyEvent::new(KeyCode::Char(c), mods))
}

/// Push each character of `keys` as a key press through the production path.
pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_event(&ch(c));
    }
}

pub fn render(app: &App) -> Buffer {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    t.backend().buffer().clone()
}

/// The screen as text, one row per line; wide characters once (their covered cell skipped).
pub fn screen(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        let mut row = String::new();
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            row.push_str(sym);
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

/// The screen plus, for each row, runs of styled cells: `x0-x1 fg bg MODS`.
pub fn screen_with_styles(buf: &Buffer) -> String {
    let mut out = screen(buf);
    out.push_str("--- styles (row: columns style) ---\n");
    for y in 0..buf.area.height {
        let mut runs: Vec<String> = Vec::new();
        let mut x = 0;
        while x < buf.area.width {
            let c = &buf[(x, y)];
            let key = (c.fg, c.bg, c.modifier);
            let mut end = x;
            while end + 1 < buf.area.width {
                let n = &buf[(end + 1, y)];
                if (n.fg, n.bg, n.modifier) != key {
                    break;
                }
                end += 1;
            }
            if c.fg != ratatui::style::Color::Reset
                || c.bg != ratatui::style::Color::Reset
                || !c.modifier.is_empty()
            {
                let mut s = format!("{x}-{end}");
                if c.fg != ratatui::style::Color::Reset {
                    s.push_str(&format!(" fg={:?}", c.fg));
                }
                if c.bg != ratatui::style::Color::Reset {
                    s.push_str(&format!(" bg={:?}", c.bg));
                }
                if !c.modifier.is_empty() {
                    s.push_str(&format!(" {:?}", c.modifier));
                }
                runs.push(s);
            }
            x = end + 1;
        }
        if !runs.is_empty() {
            out.push_str(&format!("{y:>2}: {}\n", runs.join(", ")));
        }
    }
    out
}

/// Text shown at row `y` between columns `x0..x1`.
pub fn cells(buf: &Buffer, y: u16, x0: u16, x1: u16) -> String {
    (x0..x1).map(|x| buf[(x, y)].symbol()).collect()
}
