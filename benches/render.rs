//! Reader speed: `cargo bench --bench render`.
//!
//! Start-up to first frame (load the bundled corpus, analyse the first article, build the
//! app, draw once), the cost of a frame while scrolling, of a frame with an actor selected,
//! and of re-wrapping on resize, on a TestBackend at common terminal sizes. Prints figures;
//! never fails on speed.

use newslens::analysis::Analyzer;
use newslens::corpus::{self, LoadOptions};
use newslens::tui::app::App;
use newslens::tui::keymap::{Action, Keymap};
use newslens::tui::palette::Palette;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draw");
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("articles");
    let config = newslens::config::defaults();

    let t = Instant::now();
    let corpus = corpus::load(std::slice::from_ref(&root), &LoadOptions::default());
    let analyzer = Analyzer::new(&config).expect("default config");
    let first = analyzer.analyze(&corpus.articles[0]);
    let mut app = App::new(
        corpus.articles.clone(),
        Vec::new(),
        Keymap::defaults(),
        Palette::build(&Default::default(), false).expect("palette"),
    );
    app.resize(120, 35);
    app.analysis_ready(0, first);
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).expect("terminal");
    draw(&mut terminal, &app);
    println!(
        "render: start-up to first frame (load {} articles, analyse one, draw): {:.1} ms",
        corpus.articles.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    for (i, article) in corpus.articles.iter().enumerate().skip(1) {
        app.analysis_ready(i, analyzer.analyze(article));
    }

    for (w, h) in [(80u16, 24u16), (120, 35), (200, 60)] {
        app.resize(w, h);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        draw(&mut terminal, &app);
        let mut frames = Vec::new();
        for step in 0..400 {
            app.update(if step % 80 < 40 {
                Action::ScrollDown
            } else {
                Action::ScrollUp
            });
            let t = Instant::now();
            draw(&mut terminal, &app);
            frames.push(t.elapsed());
        }
        app.update(Action::FocusActors);
        app.update(Action::Select);
        let mut selected = Vec::new();
        for _ in 0..100 {
            app.update(Action::NextEvidence);
            let t = Instant::now();
            draw(&mut terminal, &app);
            selected.push(t.elapsed());
        }
        app.update(Action::Clear);
        let mut rewrap = Vec::new();
        for i in 0..20u16 {
            let t = Instant::now();
            app.resize(w - 1 - i % 2, h);
            draw(&mut terminal, &app);
            rewrap.push(t.elapsed());
        }
        println!(
            "  {w}x{h}: frame while scrolling {:.3} ms, with an actor selected {:.3} ms, resize+rewrap+frame {:.3} ms (medians)",
            median(frames).as_secs_f64() * 1e3,
            median(selected).as_secs_f64() * 1e3,
            median(rewrap).as_secs_f64() * 1e3,
        );
    }
}
