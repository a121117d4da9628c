//! The terminal reader: terminal set-up and restore, the event loop, and background analysis.
//!
//! Data flows one way: key -> [`keymap`] -> [`keymap::Action`] -> [`app::App::update`] ->
//! redraw. The loop ([`run_loop`]) is generic over the ratatui backend, so tests drive the same
//! loop with a `TestBackend`. It blocks while nothing happens and draws only after something
//! changed.

pub mod annotate;
pub mod app;
pub mod clipboard;
pub mod command_palette;
pub mod corpus_filter;
pub mod corpus_view;
pub mod correct;
pub mod counts;
pub mod editor;
pub mod jumps;
pub mod keymap;
pub mod labels;
pub mod library;
pub mod links;
pub mod list_filter;
pub mod memory;
pub mod mouse;
pub mod notes;
pub mod notes_across;
pub mod palette;
pub mod prompt;
pub mod quit;
pub mod scroll_hint;
pub mod search;
pub mod search_word;
pub mod startup;
pub mod suspend;
pub mod tag_suggest;
pub mod trim;
pub mod unapplied;
pub mod view;
pub mod wrap;

pub use keymap::validate_keys;
pub use palette::validate_colors;

use crate::analysis::{Analysis, Analyzer};
use crate::config::LoadedConfig;
use crate::corpus::{Article, Corpus};
use app::{App, Effect};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::{cursor, execute, terminal};
use rayon::prelude::*;
use std::collections::VecDeque;
use std::io;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

/// Something the event loop reacts to.
pub enum Msg {
    /// A terminal event (key, resize...).
    Input(Event),
    /// The analysis of article `n` is ready.
    Analysed(usize, Box<Analysis>),
    /// Analysing article `n` failed (the engine panicked); the text is still readable.
    AnalysisFailed(usize, String),
    /// Progress or the result of loading the corpus screen (see `corpus_view`).
    Corpus(corpus_view::CorpusMsg),
    /// Background indexing progressed or finished (see `startup`).
    Background(library::Background),
    /// The article list's rows for a filter (see `list_filter`).
    List(list_filter::Listed),
}

/// Where the loop gets its messages: a channel in the terminal, a queue in tests.
pub trait Inbox {
    /// Block until a message arrives; `None` when no more will.
    fn wait(&mut self) -> Option<Msg>;
    /// A message if one is already waiting.
    fn poll(&mut self) -> Option<Msg>;
}

impl Inbox for Receiver<Msg> {
    fn wait(&mut self) -> Option<Msg> {
        self.recv().ok()
    }
    fn poll(&mut self) -> Option<Msg> {
        self.try_recv().ok()
    }
}

impl Inbox for VecDeque<Msg> {
    fn wait(&mut self) -> Option<Msg> {
        self.pop_front()
    }
    fn poll(&mut self) -> Option<Msg> {
        self.pop_front()
    }
}

/// Build the app from the configuration, refusing bad `[keys]` or `[colors]` with every
/// problem listed (file, line, offending name).
pub fn build_app(config: &LoadedConfig, corpus: Corpus) -> Result<App, String> {
    let mut errors = validate_keys(config);
    errors.extend(validate_colors(config));
    if !errors.is_empty() {
        let lines: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
        return Err(format!("invalid configuration:\n{}", lines.join("\n")));
    }
    let keymap = keymap::Keymap::from_config(config).unwrap_or_default();
    let palette = palette::Palette::from_config(config).unwrap_or_default();
    let mut app = App::new(corpus.articles, corpus.problems, keymap, palette);
    app.notebook.codebook = config.config.codebook.tags.clone();
    app.notebook.no_color = palette::no_color();
    app.correcting.themes = config
        .config
        .themes
        .iter()
        .map(|t| (t.id.clone(), t.label.clone()))
        .collect();
    Ok(app)
}

/// The event loop: draw when something changed, then block for the next message and apply
/// every message already waiting before drawing again. Returns when the app asks to quit or
/// the inbox closes. Here an external note editor is refused (there is no terminal to hand
/// over); [`run_loop_with`] takes one.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    inbox: &mut impl Inbox,
) -> io::Result<()> {
    run_loop_with(terminal, app, inbox, &mut |_: &str| {
        Err(io::Error::other("no terminal to run an editor in"))
    })
}

/// [`run_loop`], with `edit` running an external editor on a note's text (suspending the
/// terminal around it) when the app asks for one.
pub fn run_loop_with<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    inbox: &mut impl Inbox,
    edit: &mut dyn FnMut(&str) -> io::Result<String>,
) -> io::Result<()> {
    let to_io = |e: B::Error| io::Error::other(e.to_string());
    let size = terminal.size().map_err(to_io)?;
    app.resize(size.width, size.height);
    let mut dirty = true;
    let mut first = true;
    loop {
        if dirty {
            draw(terminal, app).map_err(to_io)?;
            dirty = false;
            if first {
                startup::first_frame_drawn();
                first = false;
                // The rest of a list read in part for the first frame, before any key.
                dirty = app.complete_list();
            }
        }
        let Some(first) = inbox.wait() else {
            return Ok(());
        };
        let mut next = Some(first);
        while let Some(msg) = next {
            match msg {
                Msg::Input(ev) => match app.handle_event(&ev) {
                    Effect::Quit => return Ok(()),
                    Effect::ExternalEdit => {
                        if let Some(text) = app.external_text() {
                            let result = edit(&text);
                            // The note first: whatever happens next, it is kept or saved.
                            app.external_done(result);
                            // The editor drew over the screen: repaint every cell.
                            terminal.clear().map_err(to_io)?;
                        }
                    }
                    Effect::Copy => {
                        let text = app.copied.clone().unwrap_or_default();
                        let result = clipboard::deliver(&app.clipboard, &text, &mut io::stdout());
                        app.copy_done(result);
                    }
                    Effect::Suspend if app.job_control => {
                        quit::suspend_to_shell()?;
                        // The window may have changed size while stopped.
                        terminal.clear().map_err(to_io)?;
                        let size = terminal.size().map_err(to_io)?;
                        app.resize(size.width, size.height);
                    }
                    Effect::Suspend => app.suspend_refused(),
                    Effect::Link => links::perform(app),
                    Effect::None => {}
                },
                Msg::Analysed(i, analysis) => {
                    if startup::keep_analysis(app, i) {
                        app.analysis_ready(i, *analysis);
                    }
                }
                Msg::AnalysisFailed(i, why) => app.analysis_failed(i, &why),
                Msg::Corpus(m) => app.corpus_message(m),
                Msg::Background(event) => app.on_background(event),
                Msg::List(listed) => app.list_answered(listed),
            }
            dirty = true;
            next = inbox.poll();
        }
    }
}

/// Draw one frame, laying the app out for the frame's real area first: the terminal may have
/// been resized while nobody listened (an external editor had it), and drawing a layout made
/// for a bigger screen would index outside the buffer.
pub fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> Result<(), B::Error> {
    terminal.draw(|frame| {
        let area = frame.area();
        if app.size != (area.width, area.height) {
            app.resize(area.width, area.height);
        }
        frame.render_widget(&*app, area);
    })?;
    Ok(())
}

/// Analyse the opened article first, then the rest on all cores, sending each result as it
/// is ready, so the first article shows without waiting for the corpus. An article whose
/// analysis panics is reported and the others go on.
pub fn analyse_in_background(
    analyzer: Arc<Analyzer>,
    articles: Arc<[Article]>,
    first: usize,
    tx: Sender<Msg>,
) {
    std::thread::spawn(move || {
        let one = |i: usize| -> Msg {
            let run = std::panic::AssertUnwindSafe(|| analyzer.analyze(&articles[i]));
            match std::panic::catch_unwind(run) {
                Ok(a) => Msg::Analysed(i, Box::new(a)),
                Err(payload) => {
                    let why = payload
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown error".into());
                    Msg::AnalysisFailed(i, why)
                }
            }
        };
        if first < articles.len() && tx.send(one(first)).is_err() {
            return;
        }
        (0..articles.len())
            .into_par_iter()
            .filter(|&i| i != first)
            .for_each_with(tx, |tx, i| {
                let _ = tx.send(one(i));
            });
    });
}

/// Put the terminal back as it was: cooked mode, main screen, visible cursor. Safe to call
/// more than once and from a panic hook or signal thread.
pub fn restore_terminal() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        event::DisableMouseCapture,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
}

/// Restores the terminal when dropped: on quit, on error, and while unwinding.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A panic in a background analysis is caught and shown in the reader; printing it
        // would scribble over the screen, and restoring would leave the reader running on a
        // cooked terminal.
        if std::thread::current().name() != Some("main") {
            return;
        }
        // Restore first so the message lands on a usable terminal.
        restore_terminal();
        previous(info);
    }));
}

/// The signals that end the reader with the terminal restored. SIGQUIT (Ctrl-\\) is among
/// them: its default action would dump core and leave the terminal raw.
pub const RESTORING_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// On any of [`RESTORING_SIGNALS`]: restore the terminal and exit (128 + signal).
fn watch_signals() -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(RESTORING_SIGNALS)?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            restore_terminal();
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

/// Run the reader until the user quits. The terminal is restored on every way out.
pub fn run(config: &LoadedConfig, corpus: Corpus, analyzer: Analyzer) -> io::Result<()> {
    let app = build_app(config, corpus).map_err(io::Error::other)?;
    run_with(config, app, Some(analyzer), None)
}

/// Run the reader on one corpus folder, backed by its index: from the index's list when it
/// has one (the first frame needs no article file but the one opened), else from the
/// folder's files (`load`); either way the index is brought up to date in the background
/// and articles are analysed when opened (see `startup`). The analysis engine is built in
/// the background too (its gazetteers take longer to build than the first frame).
pub fn run_folder(
    config: &LoadedConfig,
    root: &std::path::Path,
    load: impl FnOnce() -> Corpus,
) -> io::Result<()> {
    let app = startup::app_for_first_frame(config, root, load).map_err(io::Error::other)?;
    run_with(config, app, None, Some(root.to_path_buf()))
}

fn run_with(
    config: &LoadedConfig,
    mut app: App,
    analyzer: Option<Analyzer>,
    folder: Option<std::path::PathBuf>,
) -> io::Result<()> {
    let (tx, mut rx) = mpsc::channel();
    let background = folder.map(|root| startup::BackgroundWork::new(config, root));
    if let Some(b) = &background {
        app.library.requests = Some(b.requests());
    }
    // The list filter of an index-backed list runs on a thread of its own.
    app.library.answers = Some(tx.clone());
    app.open_stores();
    let (mut memory, memory_messages) = memory::restore(&mut app);
    if let Some(m) = memory_messages.into_iter().next() {
        app.message = Some(m);
    }
    app.load_marks();
    app.sync_list();
    app.clipboard = clipboard::detect();
    app.job_control = true;
    match background {
        Some(b) => {
            // The background work keeps the index up to date: the corpus screen only reads it.
            app.corpus.context = Some(corpus_view::LoadContext::new(
                config,
                None,
                Some(tx.clone()),
            ));
            let current = app.current;
            app.after_open(current);
            b.start(analyzer, tx.clone());
        }
        None => {
            let analyzer = Arc::new(match analyzer {
                Some(a) => a,
                None => Analyzer::new(&config.config)
                    .map_err(|e| io::Error::other(format!("invalid configuration: {e}")))?,
            });
            app.corpus.context = Some(corpus_view::LoadContext::new(
                config,
                Some(Arc::clone(&analyzer)),
                Some(tx.clone()),
            ));
            analyse_in_background(analyzer, Arc::clone(&app.articles), app.current, tx.clone())
        }
    }

    install_panic_hook();
    watch_signals()?;
    let _guard = TerminalGuard;
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        cursor::Hide,
        event::EnableMouseCapture
    )?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;

    // Keys arrive on their own thread so the loop can block on one channel for both keys and
    // analysis results. The gate stops that thread reading while an external editor owns the
    // terminal, so no keystroke meant for the editor is taken.
    let gate = Arc::new(suspend::InputGate::default());
    let reader_gate = Arc::clone(&gate);
    std::thread::spawn(move || {
        loop {
            if reader_gate.idle_while_paused() {
                continue;
            }
            match event::poll(std::time::Duration::from_millis(50)) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(_) => break,
            }
            let Ok(ev) = event::read() else { break };
            if tx.send(Msg::Input(ev)).is_err() {
                break;
            }
        }
    });
    let mut edit = |text: &str| suspend::edit_in_suspended_terminal(&gate, text);
    let result = run_loop_with(&mut terminal, &mut app, &mut rx, &mut edit);
    // Anything still unsaved is said on the restored terminal, never dropped in silence.
    restore_terminal();
    for line in app.save_notes_on_quit() {
        crate::sanitize::eprint_line(format_args!("newslens: {line}"));
    }
    for line in memory::save(&app, &mut memory) {
        eprintln!("newslens: {line}");
    }
    result
}
