//! Starting the reader on a corpus folder: the first frame from the index, then work in the
//! background.
//!
//! With an index that lists the folder's articles, the reader starts from a screenful of
//! that list (a few queries, no article file read but the one opened) and reads the rest of
//! the list after the first frame, so the first frame does not wait for the corpus. Then,
//! behind the screen:
//!
//! - an analysis worker analyses whatever article the reader opens, as soon as it is opened
//!   (its own thread, so it never queues behind the corpus), and nothing else;
//! - the index is brought up to date (new and changed files analysed, deleted ones
//!   forgotten) on all cores but one, with progress in the status line. It takes the
//!   index's writer lock without waiting: when `newslens index` or another reader is
//!   updating, this one only reads. Readers and writers share the file through SQLite's WAL.
//!
//! The analyses of the background update go to the index, not to memory: the reader keeps
//! the list, and the few articles it opened.

use super::Msg;
use super::app::App;
use super::library::{Background, Request};
use crate::analysis::Analyzer;
use crate::config::LoadedConfig;
use crate::corpus::{Corpus, LoadOptions, scan};
use crate::index::{self, Index, UpdateOptions};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

/// Rows of the list read before the first frame: the article the reader reopens and those
/// after it, so that one whose file cannot be read gives way to the next.
const FIRST_ROWS: usize = 64;

/// The start of a corpus folder's list for the first frame: `n` articles, of which only
/// those from `at` on (the article the reader reopens, and a few after it) are real rows;
/// the others are placeholders until [`App::complete_list`] reads the rest, in the read
/// snapshot opened here, after the first frame. The cost is a few queries and one
/// placeholder per article, not one row read per article.
struct Window {
    articles: Vec<crate::corpus::Article>,
    rowids: Vec<Option<i64>>,
    at: usize,
    len: usize,
    index: Index,
}

fn window_from_index(root: &Path) -> Option<Window> {
    let (path, _) = index::location(root);
    if !path.is_file() {
        return None;
    }
    let index = Index::open(root).ok()?;
    if !index.notices.is_empty() {
        return None;
    }
    let window = (|| {
        index.begin_snapshot().ok()?;
        let n = index.article_count().ok()?;
        if n == 0 {
            return None;
        }
        // The article open at the last quit, when the index still has it; else the first.
        let last = crate::reader_state::ReaderState::load(root)
            .ok()
            .and_then(|s| s.last);
        let mut at = 0;
        let mut rows = Vec::new();
        if let Some(id) = &last {
            let from = index.listing_from(Some(id), FIRST_ROWS).ok()?;
            if from.first().is_some_and(|l| &l.id == id) {
                at = index.position_of(id).ok()?;
                rows = from;
            }
        }
        if rows.is_empty() {
            rows = index.listing_from(None, FIRST_ROWS).ok()?;
        }
        // One copy of the folder for every row.
        let shared: std::sync::Arc<Path> = std::sync::Arc::from(root);
        let mut articles: Vec<_> = (0..n)
            .map(|_| super::library::placeholder(&shared))
            .collect();
        let mut rowids = vec![None; n];
        let len = rows.len().min(n - at);
        for (k, l) in rows.into_iter().take(len).enumerate() {
            rowids[at + k] = Some(l.rowid);
            articles[at + k] = super::library::stub_or_placeholder(&shared, l);
        }
        Some((articles, rowids, at, len))
    })();
    match window {
        Some((articles, rowids, at, len)) => Some(Window {
            articles,
            rowids,
            at,
            len,
            index,
        }),
        None => {
            index.end_snapshot();
            None
        }
    }
}

/// The reader's app for the corpus folder `root`: from its index's list (light articles,
/// the first readable one loaded and current) when there is one, else from `load` (the
/// folder's files), with the index attached for the list's queries once it is built.
pub fn app_for_folder(
    config: &LoadedConfig,
    root: &Path,
    load: impl FnOnce() -> Corpus,
) -> Result<App, String> {
    let mut app = app_for_first_frame(config, root, load)?;
    app.complete_list();
    Ok(app)
}

/// [`app_for_folder`], with the list of an indexed folder read only as far as the first
/// frame needs: [`App::complete_list`] reads the rest and must run after the first frame
/// (the event loop does), before any key is handled.
pub fn app_for_first_frame(
    config: &LoadedConfig,
    root: &Path,
    load: impl FnOnce() -> Corpus,
) -> Result<App, String> {
    let options = LoadOptions {
        max_file_bytes: config.config.corpus.max_file_bytes,
        follow_links: config.config.corpus.follow_links,
        newsboat: None,
    };
    let mut app = match window_from_index(root) {
        Some(w) => {
            let corpus = Corpus {
                articles: w.articles,
                problems: Vec::new(),
            };
            let mut app = super::build_app(config, corpus)?;
            app.library.load = options;
            app.library.lazy = true;
            app.library.attach_index(w.index, w.rowids);
            app.library
                .defer_list(root.to_path_buf(), w.at..w.at + w.len);
            app.current = w.at;
            if !app.load_first_readable() {
                return Err(format!(
                    "no article listed in the index of {} can be read; `newslens check` says why",
                    root.display()
                ));
            }
            app
        }
        None => {
            let mut app = super::build_app(config, load())?;
            app.library.load = options;
            if let Ok(index) = Index::open(root) {
                app.library.attach_index(index, Vec::new());
            }
            app
        }
    };
    app.load_marks();
    app.sync_list();
    Ok(app)
}

/// The reader's work behind the screen for one folder: the analysis worker and the index
/// update. Requests may be sent as soon as it exists; they wait until the engine is built.
pub struct BackgroundWork {
    config: crate::config::Config,
    root: PathBuf,
    requests: Sender<Request>,
    incoming: Receiver<Request>,
}

impl BackgroundWork {
    pub fn new(config: &LoadedConfig, root: PathBuf) -> BackgroundWork {
        let (requests, incoming) = mpsc::channel();
        BackgroundWork {
            config: config.config.clone(),
            root,
            requests,
            incoming,
        }
    }

    /// Where the reader asks for analyses.
    pub fn requests(&self) -> Sender<Request> {
        self.requests.clone()
    }

    /// Build the engine (unless given), then serve analysis requests and update the index,
    /// all off the reader's thread. An engine that cannot be built is said in the reader.
    pub fn start(self, analyzer: Option<Analyzer>, tx: Sender<Msg>) {
        std::thread::spawn(move || {
            // Building the engine and reading the index's rows would take the cores the
            // first frame is drawn on (2 on a small machine): they start once it is drawn.
            wait_for_first_frame(Duration::from_secs(2));
            let analyzer = match analyzer
                .map(Ok)
                .unwrap_or_else(|| Analyzer::new(&self.config))
            {
                Ok(a) => Arc::new(a),
                Err(e) => {
                    let why = format!("invalid configuration, nothing is analysed: {e}");
                    let _ = tx.send(Msg::Background(Background::Failed(why)));
                    return;
                }
            };
            update_in_background(&self.config, Arc::clone(&analyzer), self.root, tx.clone());
            serve(&analyzer, self.incoming, &tx);
        });
    }
}

/// Analyse each requested article and send the result to the reader, until the reader goes.
fn serve(analyzer: &Analyzer, requests: Receiver<Request>, tx: &Sender<Msg>) {
    for Request { index, article } in requests {
        let run = std::panic::AssertUnwindSafe(|| analyzer.analyze(&article));
        let msg = match std::panic::catch_unwind(run) {
            Ok(a) => Msg::Analysed(index, Box::new(a)),
            Err(payload) => Msg::AnalysisFailed(index, panic_text(&*payload)),
        };
        if tx.send(msg).is_err() {
            return;
        }
    }
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown error".into())
}

/// Bring the index of `root` up to date in the background, saying how far it got.
pub fn update_in_background(
    config: &crate::config::Config,
    analyzer: Arc<Analyzer>,
    root: PathBuf,
    tx: Sender<Msg>,
) {
    // One core stays for the screen and the article being read.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(cores.saturating_sub(1).max(1))
        .build_global();
    let follow_links = config.corpus.follow_links;
    let options = UpdateOptions {
        fingerprint: index::fingerprint(config),
        load: LoadOptions {
            max_file_bytes: config.corpus.max_file_bytes,
            follow_links,
            newsboat: None,
        },
        prune: true,
        wait_for_writer: false,
    };
    std::thread::spawn(move || {
        let event = match run_update(&root, &analyzer, &options, &tx) {
            Ok(line) => Background::Finished(line),
            Err(why) => Background::Failed(why),
        };
        crate::tui::trim::give_back_freed();
        let _ = tx.send(Msg::Background(event));
    });
}

fn run_update(
    root: &Path,
    analyzer: &Analyzer,
    options: &UpdateOptions,
    tx: &Sender<Msg>,
) -> Result<String, String> {
    let mut index = Index::open(root).map_err(|e| e.to_string())?;
    let mut problems = Vec::new();
    let files = scan::scan_with(root, options.load.follow_links, &mut problems);
    let started = Instant::now();
    let mut last = Instant::now() - Duration::from_secs(1);
    let mut progress = |p: &index::Progress| {
        if p.done < p.total && last.elapsed() < Duration::from_millis(200) {
            return;
        }
        last = Instant::now();
        let secs = started.elapsed().as_secs_f64().max(0.001);
        let _ = tx.send(Msg::Background(Background::Progress {
            done: p.done,
            total: p.total,
            rate: p.analysed as f64 / secs,
        }));
    };
    let summary = match index.update(&files, analyzer, options, None, &mut progress) {
        Ok(s) => s,
        Err(e) if e.corrupt => {
            index = index.rebuild().map_err(|e| e.to_string())?;
            index
                .update(&files, analyzer, options, None, &mut progress)
                .map_err(|e| e.to_string())?
        }
        Err(e) => return Err(e.to_string()),
    };
    if summary.busy {
        return Ok("another newslens is updating the index; this reader only reads it".into());
    }
    let changed = summary.new + summary.changed + summary.removed;
    Ok(if changed == 0 {
        format!(
            "index up to date ({} articles)",
            super::library::thousands(summary.files)
        )
    } else {
        format!(
            "index updated: {} new, {} changed, {} removed",
            summary.new, summary.changed, summary.removed
        )
    })
}

/// An analysis that arrived for an article already let go is not kept.
pub fn keep_analysis(app: &super::app::App, index: usize) -> bool {
    app.articles.get(index).is_some_and(|a| !a.body.is_empty())
}

/// When the process started (set first thing in `main`), for the first-frame timing.
pub static STARTED: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// Whether the first frame is drawn, for the work that waits for it.
static FIRST_FRAME: (std::sync::Mutex<bool>, std::sync::Condvar) =
    (std::sync::Mutex::new(false), std::sync::Condvar::new());

/// Wait until the first frame is drawn, or `at_most` (a reader that never draws, in a test,
/// still gets its background work).
fn wait_for_first_frame(at_most: Duration) {
    let (lock, drawn) = &FIRST_FRAME;
    let Ok(guard) = lock.lock() else { return };
    let _ = drawn.wait_timeout_while(guard, at_most, |done| !*done);
}

/// The first frame is on the screen: the background work may start; with
/// `NEWSLENS_FIRST_FRAME_LOG=FILE` set, append the milliseconds since start to FILE (the
/// benchmark times the real binary this way).
pub fn first_frame_drawn() {
    let (lock, drawn) = &FIRST_FRAME;
    if let Ok(mut done) = lock.lock() {
        *done = true;
        drawn.notify_all();
    }
    let Some(file) = std::env::var_os("NEWSLENS_FIRST_FRAME_LOG") else {
        return;
    };
    let Some(started) = STARTED.get() else { return };
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    use std::io::Write;
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)
    {
        let _ = writeln!(f, "{ms:.1}");
    }
}
