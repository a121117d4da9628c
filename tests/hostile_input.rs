//! Hostile input from the audit of issue 8: sidecars that are not regular files or not
//! sidecars, links out of the corpus, a resize while the note editor had the terminal.

mod tui_common;

use newslens::annotations::store::{Store, leaves_corpus};
use newslens::corpus::{self, LoadOptions};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::fs;

fn corpus_with_article() -> (tempfile::TempDir, corpus::Corpus) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.md"),
        "# A\n\nFrance and Russia clashed.\n",
    )
    .unwrap();
    let c = corpus::load(&[dir.path().to_path_buf()], &LoadOptions::default());
    (dir, c)
}

fn sidecar_problem(dir: &tempfile::TempDir, c: &corpus::Corpus) -> String {
    let mut store = Store::open_read_only(dir.path());
    let found = store.annotations(&c.articles[0]);
    found
        .problem
        .filter(|p| p.path != dir.path())
        .map(|p| p.to_string())
        .unwrap_or_default()
}

#[cfg(unix)]
#[test]
fn fifo_and_dev_zero_sidecars_are_refused_without_reading() {
    let (dir, c) = corpus_with_article();
    let annotations = dir.path().join(".newslens/annotations");
    fs::create_dir_all(&annotations).unwrap();
    let ok = std::process::Command::new("mkfifo")
        .arg(annotations.join("a.toml"))
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        // Reading it would block for ever: this returns at once with a reason.
        let problem = sidecar_problem(&dir, &c);
        assert!(problem.contains("not a regular file"), "{problem}");
        fs::remove_file(annotations.join("a.toml")).unwrap();
    }
    std::os::unix::fs::symlink("/dev/zero", annotations.join("a.toml")).unwrap();
    let problem = sidecar_problem(&dir, &c);
    assert!(problem.contains("not a regular file"), "{problem}");
}

#[test]
fn oversized_unknown_or_misversioned_sidecars_are_errors_not_empty_stores() {
    let (dir, c) = corpus_with_article();
    let annotations = dir.path().join(".newslens/annotations");
    fs::create_dir_all(&annotations).unwrap();
    for (text, says) in [
        ("[corpus]\npath = \"x\"\n", "unknown field"),
        ("version = 0\n", "version 0"),
        ("version = 99\n", "newer newslens"),
        (
            "version = 1\n[[annotation]]\nid = \"x\"\ncreated = \"c\"\nmodified = \"m\"\nnte = \"typo\"\n[annotation.target]\nexact = \"France\"\nstart = 5\nend = 11\n",
            "unknown field",
        ),
    ] {
        fs::write(annotations.join("a.toml"), text).unwrap();
        let problem = sidecar_problem(&dir, &c);
        assert!(problem.contains(says), "{text:?}: {problem}");
        // And the store refuses to write over it.
        let (mut store, _) = Store::open(dir.path());
        let article = &c.articles[0];
        let span = newslens::corpus::Span::new(5, 11);
        assert!(store.add(article, span, vec![], "n".into()).is_err());
        assert_eq!(
            fs::read_to_string(annotations.join("a.toml")).unwrap(),
            text
        );
    }
}

#[cfg(unix)]
#[test]
fn writes_never_follow_a_link_out_of_the_corpus() {
    let (dir, c) = corpus_with_article();
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("a.toml"), "keep = true\n").unwrap();
    fs::create_dir_all(dir.path().join(".newslens")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), dir.path().join(".newslens/annotations")).unwrap();
    let why = leaves_corpus(dir.path(), &dir.path().join(".newslens/annotations/a.toml"));
    assert!(why.is_some_and(|w| w.contains("outside the corpus")));
    let (mut store, notices) = Store::open(dir.path());
    assert!(
        notices
            .iter()
            .any(|n| n.message.contains("outside the corpus")),
        "{notices:?}"
    );
    let span = newslens::corpus::Span::new(5, 11);
    assert!(store.add(&c.articles[0], span, vec![], "n".into()).is_err());
    assert!(store.save_all().is_ok());
    assert_eq!(
        fs::read_to_string(elsewhere.path().join("a.toml")).unwrap(),
        "keep = true\n"
    );
    // A link inside the corpus is fine.
    assert!(leaves_corpus(dir.path(), &dir.path().join("a.md")).is_none());
}

#[test]
fn a_frame_smaller_than_the_last_layout_is_drawn_without_panic() {
    // The terminal shrank while `$EDITOR` had it: no resize event reached the app.
    let mut app = tui_common::app_with(vec![tui_common::togo()], 140, 40);
    tui_common::press(&mut app, "1");
    let mut terminal = Terminal::new(TestBackend::new(60, 20)).unwrap();
    newslens::tui::draw(&mut terminal, &mut app).unwrap();
    assert_eq!(app.size, (60, 20));
    let mut terminal = Terminal::new(TestBackend::new(30, 8)).unwrap();
    newslens::tui::draw(&mut terminal, &mut app).unwrap();
    assert_eq!(app.size, (30, 8));
}

#[test]
fn emoji_sequences_reach_the_screen_in_their_simple_form() {
    let body = "Flags 🇹🇬 and 👩\u{200d}👩\u{200d}👧 with 👍🏽, ❤\u{fe0f} and 1\u{fe0f}\u{20e3}. 日本と中国は対立している。Japan and China.".to_string();
    let (mut article, analysis) = tui_common::togo();
    article.body = body.clone();
    article.sections = vec![newslens::corpus::Section {
        span: newslens::corpus::Span::new(0, body.len()),
        heading: None,
    }];
    let mut analysis = analysis;
    analysis.actors.clear();
    analysis.themes.clear();
    analysis.tensions.clear();
    analysis.section_titles = vec!["Part 1".into()];
    analysis.sentences = vec![newslens::corpus::Span::new(0, body.len())];
    let app = tui_common::app_with(vec![(article, analysis)], 140, 40);
    let buf = tui_common::render(&app);
    for cell in buf.content() {
        let s = cell.symbol();
        assert!(
            !s.chars().any(|c| matches!(c, '\u{200d}' | '\u{fe0f}' | '\u{20e3}' | '\u{1f1e6}'..='\u{1f1ff}' | '\u{1f3fb}'..='\u{1f3ff}')),
            "cell {s:?} holds a sequence terminals draw at their own width"
        );
    }
    let screen = tui_common::screen(&buf);
    assert!(screen.contains("TG"), "{screen}");
}
