//! The corpus screen (`c`): actors, themes and tensions across the corpus, who appears with
//! an actor, timelines by month, the articles behind any row, and every annotation of the
//! corpus; `Enter` on an article opens it in the reader at the evidence.
//!
//! Its data comes from the corpus index ([`crate::index::views`]). Opening the screen brings
//! the index up to date first (only new and changed files are analysed) on a thread of its
//! own that reports progress; tests, which give no thread a channel, load in line. The screen
//! keeps its place when the reader goes back to an article, so `c` returns to it.
//!
//! The keys are the article screen's, through the live keymap: `j`/`k` and the page keys
//! move, `Tab` changes pane, `1`-`4` pick the list (Actors, Themes, Tensions, Notes), `Enter`
//! goes one level deeper, `/` filters with the query language, `Esc` goes back one level and
//! `q` or `c` back to the article.

use super::Msg;
use super::app::{App, Effect, Focus, Item, Mode, Panel};
use super::corpus_filter::{self, BehindRead, CompanionsCounted, FilterWorker, Filtered};
use super::keymap::Action;
use super::palette::Role;
use super::view::{help_view, pane_block, put, put_fit, put_hints};
use crate::analysis::Analyzer;
use crate::annotations::across::{CorpusNote, corpus_notes, note_matches};
use crate::commands::corpus_report::sparkline;
use crate::commands::index::thousands;
use crate::config::LoadedConfig;
use crate::corpus::{LoadOptions, Span, scan};
pub use crate::index::views::Behind;
use crate::index::views::{ArticleFacts, Companions, CorpusModel, Row, Subset};
use crate::index::{self, Index, UpdateOptions};
use crate::query::{self, Query};
use crate::sanitize::clean_line;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Sparkline, Widget};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};
use unicode_width::UnicodeWidthStr;

/// The list the main pane shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Actors,
    Themes,
    Tensions,
    Notes,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Actors, Tab::Themes, Tab::Tensions, Tab::Notes];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Actors => "Actors",
            Tab::Themes => "Themes",
            Tab::Tensions => "Tensions",
            Tab::Notes => "Notes",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Which pane of the corpus screen has the keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pane {
    #[default]
    Rows,
    /// Who appears with the actor under the cursor.
    With,
    /// The articles behind the row `Enter` was pressed on.
    Articles,
}

/// The articles behind a row, newest first, read a page at a time as the cursor goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Articles {
    pub what: Behind,
    pub title: String,
    /// The pages read so far.
    pub list: Vec<ArticleFacts>,
    /// How many there are in all.
    pub total: usize,
    pub cursor: usize,
    /// The number of the page asked of the filter thread and not read yet: the list shows
    /// "loading…" meanwhile.
    pub loading: Option<u64>,
}

/// Articles read at a time; the next page is read when the cursor comes near the end.
const PAGE: usize = 200;

/// What the index gave the screen.
pub struct Loaded {
    pub index: Index,
    pub model: CorpusModel,
    pub root: PathBuf,
    pub notes: Vec<CorpusNote>,
    /// The articles the notes are on, by id (those in the index).
    pub note_articles: HashMap<String, ArticleFacts>,
    /// Said once in the status line (a rebuilt index, unreadable sidecars, files skipped).
    pub notices: Vec<String>,
}

/// Where loading stands.
#[derive(Default)]
pub enum LoadState {
    #[default]
    Idle,
    Loading(String),
    Ready(Box<Loaded>),
    Failed(String),
}

/// From the loading thread to the event loop.
pub enum CorpusMsg {
    Progress(String),
    Done(Result<Box<Loaded>, String>),
    /// The lists counted over a filter (see [`super::corpus_filter`]).
    Filtered(Box<Filtered>),
    /// Who appears with an actor over a filter's articles.
    Companions(Box<CompanionsCounted>),
    /// A page of the articles behind a row.
    Behind(Box<BehindRead>),
}

/// What loading needs besides the corpus folder: the analyser and options for the update,
/// and where a loading thread sends its messages (none in tests: load in line).
#[derive(Clone)]
pub struct LoadContext {
    pub analyzer: Option<Arc<Analyzer>>,
    pub options: UpdateOptions,
    pub follow_links: bool,
    pub sender: Option<Sender<Msg>>,
}

impl LoadContext {
    pub fn new(
        loaded: &LoadedConfig,
        analyzer: Option<Arc<Analyzer>>,
        sender: Option<Sender<Msg>>,
    ) -> LoadContext {
        let corpus = &loaded.config.corpus;
        LoadContext {
            analyzer,
            options: UpdateOptions {
                fingerprint: index::fingerprint(&loaded.config),
                load: LoadOptions {
                    max_file_bytes: corpus.max_file_bytes,
                    follow_links: corpus.follow_links,
                    newsboat: None,
                },
                prune: true,
                // Another writer (a second reader, `newslens index`) has the index: show
                // what it holds rather than wait.
                wait_for_writer: false,
            },
            follow_links: corpus.follow_links,
            sender,
        }
    }
}

/// What to select once an article opened from the corpus screen has its analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The actor with a mention at the span.
    Actor,
    Theme(String),
    /// The tension with evidence at the span.
    Tension,
    /// The annotation with this id.
    Note(String),
}

/// The corpus screen's state.
#[derive(Default)]
pub struct CorpusScreen {
    /// The screen is up (else the article screen is).
    pub shown: bool,
    pub load: LoadState,
    pub context: Option<LoadContext>,
    pub tab: Tab,
    pub pane: Pane,
    /// Row cursor of each tab.
    pub cursor: [usize; 4],
    pub with_cursor: usize,
    pub articles: Option<Articles>,
    /// The filter as typed, and whether it is being typed.
    pub filter: String,
    pub editing: bool,
    /// The filter before editing started (Esc puts it back).
    filter_before: String,
    pub filter_error: Option<String>,
    pub subset: Subset,
    /// Rows of the Actors, Themes and Tensions lists over the subset.
    pub rows: [Vec<Row>; 3],
    /// The subset's articles by month.
    pub by_month: Vec<usize>,
    /// Notes passing the filter (indices into the loaded notes).
    pub note_rows: Vec<usize>,
    /// Companions of this actor, kept while the cursor stays on it.
    companions: Option<(usize, Companions)>,
    /// How long the last filter took (query and counts).
    pub last_query: Option<Duration>,
    /// The filter the lists are counted over now (the typed one may be ahead of it).
    applied: String,
    /// An actor to put the cursor on when the load is done: (article id, first mention).
    pending_actor: Option<(String, usize, String)>,
    /// An article opened at evidence before its analysis arrived: select it then.
    pending_evidence: Option<(usize, Span, Target)>,
    /// The index changed while a load was running: load again when it is done.
    reload_after: bool,
    /// Counts filters off the event loop (none without a channel: counted in line).
    worker: Option<FilterWorker>,
    /// Number of the last filter request, and the one whose answer is awaited.
    generation: u64,
    in_flight: Option<u64>,
    /// Companions asked of the filter thread: (filter number, actor).
    companions_asked: Option<(u64, usize)>,
    /// Number of the last page of articles asked of the filter thread.
    behind_asks: u64,
}

/// A filter slower than this applies on Enter rather than at each key typed.
const SLOW_FILTER: Duration = Duration::from_millis(250);

impl CorpusScreen {
    pub fn loaded(&self) -> Option<&Loaded> {
        match &self.load {
            LoadState::Ready(l) => Some(l),
            _ => None,
        }
    }

    /// Rows of the current tab (0 for Notes: see `note_rows`).
    pub fn tab_len(&self) -> usize {
        match self.tab {
            Tab::Notes => self.note_rows.len(),
            t => self.rows[t.index()].len(),
        }
    }

    /// The actor under the Actors cursor (a number into the model's actors).
    pub fn actor_under_cursor(&self) -> Option<usize> {
        (self.tab == Tab::Actors)
            .then(|| self.rows[0].get(self.cursor[0]).map(|r| r.item))
            .flatten()
    }

    /// Who appears with the actor under the cursor.
    pub fn companions(&self) -> Option<(usize, &Companions)> {
        let a = self.actor_under_cursor()?;
        match &self.companions {
            Some((b, c)) if *b == a => Some((a, c)),
            _ => None,
        }
    }

    fn refresh_companions(&mut self) {
        let Some(a) = self.actor_under_cursor() else {
            return;
        };
        if matches!(&self.companions, Some((b, _)) if *b == a) {
            return;
        }
        // Over a filter's articles they are counted on the filter thread.
        if self.subset != Subset::All
            && let Some(worker) = &self.worker
        {
            if self.companions_asked != Some((self.generation, a))
                && worker.companions(self.generation, a)
            {
                self.companions_asked = Some((self.generation, a));
            }
            return;
        }
        let Some(l) = self.loaded() else { return };
        let c = match l.model.companions(&l.index, a, &self.subset, &self.rows[0]) {
            Ok(c) => c,
            Err(e) => {
                self.filter_error = Some(e.to_string());
                Companions::default()
            }
        };
        self.companions = Some((a, c));
        self.with_cursor = 0;
    }

    /// Whether the lists are counted over another filter than the one typed.
    pub fn filter_pending(&self) -> bool {
        self.filter != self.applied
    }

    /// Whether the last filter took so long that recounting at each key would stall typing
    /// (a large corpus, counted in line): the filter then applies on Enter. With a filter
    /// thread typing never waits, so every key applies.
    pub fn filter_on_enter(&self) -> bool {
        self.worker.is_none() && self.last_query.is_some_and(|t| t > SLOW_FILTER)
    }

    /// Whether a filter is being counted (the lists shown are the previous filter's).
    pub fn filtering(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Whether who appears with the actor under the cursor is being counted.
    pub fn counting_companions(&self) -> bool {
        self.companions().is_none()
            && self.actor_under_cursor().is_some()
            && self
                .companions_asked
                .is_some_and(|(g, a)| g == self.generation && Some(a) == self.actor_under_cursor())
    }

    /// Who appears with an actor, from the filter thread: kept if still wanted.
    fn accept_companions(&mut self, answer: CompanionsCounted) {
        if answer.generation != self.generation || self.in_flight.is_some() {
            return;
        }
        match answer.result {
            Ok(c) => {
                if self.companions_asked == Some((answer.generation, answer.actor)) {
                    self.companions_asked = None;
                }
                if self.actor_under_cursor() == Some(answer.actor) {
                    self.companions = Some((answer.actor, c));
                    self.with_cursor = 0;
                }
            }
            Err(e) => self.filter_error = Some(format!("filter: {e}")),
        }
    }

    /// Recount every list over the articles the filter matches: on the filter thread when
    /// there is one (the answer arrives as [`CorpusMsg::Filtered`]), else now.
    fn apply_filter(&mut self) {
        if self.loaded().is_none() {
            return;
        }
        let parsed = match query::parse(&self.filter) {
            Ok(q) => q,
            Err(e) => {
                // What was asked before it is not what is typed now: its answer would
                // clear the message, so it is dropped and the lists stay as they are.
                self.generation += 1;
                self.in_flight = None;
                self.filter_error = Some(format!("filter: {e}"));
                return;
            }
        };
        self.generation += 1;
        let generation = self.generation;
        // No filter: the counts over every article are at hand, no thread needed.
        if !parsed.is_empty()
            && let Some(worker) = &self.worker
            && worker.request(generation, self.filter.clone(), parsed.clone())
        {
            self.in_flight = Some(generation);
            self.filter_error = None;
            return;
        }
        let Some(l) = self.loaded() else { return };
        let started = Instant::now();
        let counted = corpus_filter::count(&l.index, &l.model, &parsed);
        self.accept(Filtered {
            generation,
            filter: self.filter.clone(),
            took: started.elapsed(),
            result: counted.map(Box::new).map_err(|e| e.to_string()),
        });
    }

    /// Show the lists counted over a filter, unless a newer filter was asked for since.
    fn accept(&mut self, answer: Filtered) {
        if answer.generation != self.generation {
            return;
        }
        self.in_flight = None;
        let counted = match answer.result {
            Ok(c) => *c,
            Err(e) => {
                self.filter_error = Some(format!("filter: {e}"));
                return;
            }
        };
        let Some(l) = self.loaded() else { return };
        let note_rows = match query::parse(&answer.filter) {
            Ok(q) => filter_notes(l, &q, counted.note_articles.as_ref()),
            Err(_) => Vec::new(),
        };
        self.last_query = Some(answer.took);
        self.filter_error = None;
        self.applied = answer.filter;
        self.subset = counted.subset;
        self.rows = counted.rows;
        self.by_month = counted.by_month;
        self.note_rows = note_rows;
        self.companions = None;
        for t in Tab::ALL {
            let n = match t {
                Tab::Notes => self.note_rows.len(),
                t => self.rows[t.index()].len(),
            };
            self.cursor[t.index()] = self.cursor[t.index()].min(n.saturating_sub(1));
        }
        self.refresh_companions();
    }
}

/// The notes whose note passes `query` and whose article is among `articles` (any article
/// when `None`).
fn filter_notes(l: &Loaded, query: &Query, articles: Option<&HashSet<String>>) -> Vec<usize> {
    l.notes
        .iter()
        .enumerate()
        .filter(|(_, n)| note_matches(&n.annotation, query))
        .filter(|(_, n)| articles.is_none_or(|ids| ids.contains(&n.article_id)))
        .map(|(i, _)| i)
        .collect()
}

/// Open the index of `root`, bring it up to date when an analyser is given (progress said
/// through `progress`), and read the model and the notes.
pub fn load(
    root: &Path,
    context: Option<&LoadContext>,
    progress: &mut dyn FnMut(String),
) -> Result<Loaded, String> {
    let mut index = Index::open(root).map_err(|e| e.to_string())?;
    let mut notices: Vec<String> = std::mem::take(&mut index.notices);
    if let Some(ctx) = context
        && let Some(analyzer) = &ctx.analyzer
    {
        progress("looking for new and changed articles…".into());
        let mut problems = Vec::new();
        let files = scan::scan_with(root, ctx.follow_links, &mut problems);
        let started = Instant::now();
        let mut last = Instant::now();
        let mut on_progress = |p: &index::Progress| {
            if last.elapsed() >= Duration::from_millis(200) && p.done < p.total {
                last = Instant::now();
                let rate = p.analysed as f64 / started.elapsed().as_secs_f64().max(1e-3);
                progress(format!(
                    "indexing {}/{} · {}/s",
                    thousands(p.done),
                    thousands(p.total),
                    if rate >= 1000.0 {
                        format!("{:.1}k", rate / 1000.0)
                    } else {
                        format!("{rate:.0}")
                    }
                ));
            }
        };
        let summary = match index.update(&files, analyzer, &ctx.options, None, &mut on_progress) {
            Ok(s) => s,
            Err(e) if e.corrupt => {
                notices.push(format!("{e}; the index was rebuilt from the articles"));
                index = index.rebuild().map_err(|e| e.to_string())?;
                index
                    .update(&files, analyzer, &ctx.options, None, &mut on_progress)
                    .map_err(|e| e.to_string())?
            }
            Err(e) => return Err(e.to_string()),
        };
        if summary.busy {
            notices.push(
                "another newslens is updating the index: showing what it holds so far".into(),
            );
        }
        let skipped = problems.len()
            + summary
                .problems
                .iter()
                .filter(|p| p.severity == crate::corpus::Severity::Error)
                .count();
        if skipped > 0 {
            notices.push(format!(
                "{skipped} file(s) could not be indexed (`newslens check` lists them)"
            ));
        }
    }
    progress("reading the index…".into());
    let model = CorpusModel::load(&index).map_err(|e| e.to_string())?;
    let (notes, problems) = corpus_notes(root);
    notices.extend(problems);
    let note_articles = note_facts(&index, &notes);
    Ok(Loaded {
        index,
        model,
        root: root.to_path_buf(),
        notes,
        note_articles,
        notices,
    })
}

/// The facts of the articles the notes are on (none for an index that cannot say).
fn note_facts(index: &Index, notes: &[CorpusNote]) -> HashMap<String, ArticleFacts> {
    let mut ids: Vec<&str> = notes.iter().map(|n| n.article_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    index.article_facts(&ids).unwrap_or_default()
}

impl App {
    /// `c`: open the corpus screen (from the Actors panel: at the actor under the cursor).
    pub(super) fn open_corpus_view(&mut self) {
        let Some(article) = self.article() else {
            self.message = Some("no article, so no corpus to show".into());
            return;
        };
        let root = article.root.to_path_buf();
        if self.focus == Focus::Panel(Panel::Actors)
            && let Some(an) = self.analysis()
            && let Some(&i) = self
                .panel_items(Panel::Actors)
                .get(self.panel_cursor[Panel::Actors.index()])
            && let Some(actor) = an.actors.get(i)
        {
            let first = actor
                .mentions
                .iter()
                .map(|m| m.span.start)
                .min()
                .unwrap_or(0);
            self.corpus.pending_actor = Some((article.id.clone(), first, actor.name.clone()));
        }
        self.corpus.shown = true;
        self.mode = Mode::Normal;
        let same_root = self.corpus.loaded().is_some_and(|l| l.root == root);
        match &self.corpus.load {
            LoadState::Loading(_) => {}
            LoadState::Ready(_) if same_root => {
                self.reload_corpus_notes();
                self.place_pending_actor();
            }
            _ => self.start_corpus_load(root),
        }
    }

    fn start_corpus_load(&mut self, root: PathBuf) {
        let context = self.corpus.context.clone();
        self.corpus.load = LoadState::Loading(format!("opening the index of {}…", root.display()));
        match context.as_ref().and_then(|c| c.sender.clone()) {
            Some(tx) => {
                std::thread::spawn(move || {
                    let progress_tx = tx.clone();
                    let mut progress = |s: String| {
                        let _ = progress_tx.send(Msg::Corpus(CorpusMsg::Progress(s)));
                    };
                    let result = load(&root, context.as_ref(), &mut progress).map(Box::new);
                    let _ = tx.send(Msg::Corpus(CorpusMsg::Done(result)));
                });
            }
            None => {
                let result = load(&root, context.as_ref(), &mut |_| {}).map(Box::new);
                self.corpus_message(CorpusMsg::Done(result));
            }
        }
    }

    /// A message from the loading thread.
    pub fn corpus_message(&mut self, msg: CorpusMsg) {
        match msg {
            CorpusMsg::Progress(s) => {
                if matches!(self.corpus.load, LoadState::Loading(_)) {
                    self.corpus.load = LoadState::Loading(s);
                }
            }
            CorpusMsg::Done(Ok(loaded)) if self.corpus.reload_after => {
                self.corpus.reload_after = false;
                let root = loaded.root.clone();
                self.start_corpus_load(root);
            }
            CorpusMsg::Done(Ok(loaded)) => {
                let notices = loaded.notices.clone();
                // A thread of its own counts the filters, when there is a loop to answer.
                self.corpus.worker = self
                    .corpus
                    .context
                    .as_ref()
                    .and_then(|c| c.sender.clone())
                    .and_then(|tx| FilterWorker::start(&loaded.index, &loaded.model, tx).ok());
                self.corpus.in_flight = None;
                self.corpus.load = LoadState::Ready(loaded);
                self.corpus.companions = None;
                self.corpus.articles = None;
                self.corpus.apply_filter();
                self.place_pending_actor();
                if !notices.is_empty() {
                    self.message = Some(notices.join(" · "));
                }
            }
            CorpusMsg::Done(Err(why)) => {
                self.corpus.load = LoadState::Failed(why);
            }
            CorpusMsg::Filtered(answer) => self.corpus.accept(*answer),
            CorpusMsg::Companions(answer) => self.corpus.accept_companions(*answer),
            CorpusMsg::Behind(answer) => self.accept_behind(*answer),
        }
    }

    /// The reader's background work updated the index: what the screen shows (or is
    /// loading) is stale, so it is read again, keeping the cursors.
    pub(super) fn corpus_index_changed(&mut self) {
        match &self.corpus.load {
            LoadState::Loading(_) => self.corpus.reload_after = true,
            LoadState::Ready(l) => {
                let root = l.root.clone();
                self.start_corpus_load(root);
            }
            _ => {}
        }
    }

    fn reload_corpus_notes(&mut self) {
        if let LoadState::Ready(l) = &mut self.corpus.load {
            let (notes, problems) = corpus_notes(&l.root);
            l.note_articles = note_facts(&l.index, &notes);
            l.notes = notes;
            if !problems.is_empty() {
                self.message = Some(problems.join(" · "));
            }
            self.corpus.apply_filter();
        }
    }

    /// Put the Actors cursor on the actor `c` was pressed on in an article's Actors panel.
    fn place_pending_actor(&mut self) {
        let Some((article_id, first, name)) = self.corpus.pending_actor.take() else {
            return;
        };
        let Some(l) = self.corpus.loaded() else {
            return;
        };
        let key = match l.index.corpus_key_at(&article_id, first) {
            Ok(Some(k)) => Some(k),
            _ => l.index.find_actor(&name).ok().flatten().map(|a| a.key),
        };
        let Some(actor) = key.and_then(|k| l.model.actor_by_key(&k)) else {
            self.message = Some(format!(
                "{} is not in the corpus index yet",
                clean_line(&name)
            ));
            return;
        };
        let mut row = self.corpus.rows[0].iter().position(|r| r.item == actor);
        if row.is_none() && !self.corpus.filter.is_empty() {
            // The filter hides it: the actor asked for matters more.
            self.corpus.filter.clear();
            self.corpus.apply_filter();
            row = self.corpus.rows[0].iter().position(|r| r.item == actor);
        }
        self.corpus.tab = Tab::Actors;
        self.corpus.pane = Pane::Rows;
        self.corpus.articles = None;
        if let Some(r) = row {
            self.corpus.cursor[0] = r;
        }
        self.corpus.refresh_companions();
    }

    /// A key while the corpus screen is up.
    pub(super) fn corpus_key(&mut self, key: &KeyEvent) -> Effect {
        if self.corpus.editing {
            self.corpus_filter_key(key);
            return Effect::None;
        }
        let Some(action) = self.keymap.action(key) else {
            return Effect::None;
        };
        if self.mode == Mode::Help {
            return self.update(action);
        }
        self.corpus_action(action)
    }

    /// One action on the corpus screen.
    pub fn corpus_action(&mut self, action: Action) -> Effect {
        let c = &mut self.corpus;
        let ready = matches!(c.load, LoadState::Ready(_));
        match action {
            Action::CorpusView | Action::Quit => self.corpus.shown = false,
            Action::Clear => {
                if c.filter_error.is_some() {
                    c.filter_error = None;
                } else if c.articles.is_some() {
                    c.articles = None;
                    c.pane = Pane::Rows;
                } else if c.pane != Pane::Rows {
                    c.pane = Pane::Rows;
                } else {
                    c.shown = false;
                }
            }
            Action::Help => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            Action::Suspend => return Effect::Suspend,
            _ if !ready => {}
            Action::ScrollDown => self.corpus_move(1),
            Action::ScrollUp => self.corpus_move(-1),
            Action::HalfPageDown => self.corpus_move(self.corpus_page() / 2),
            Action::HalfPageUp => self.corpus_move(-self.corpus_page() / 2),
            Action::PageDown => self.corpus_move(self.corpus_page()),
            Action::PageUp => self.corpus_move(-self.corpus_page()),
            Action::Top => self.corpus_move(isize::MIN / 2),
            Action::Bottom => self.corpus_move(isize::MAX / 2),
            Action::FocusNext | Action::FocusPrev => {
                let mut order = vec![Pane::Rows];
                if c.articles.is_some() {
                    order.push(Pane::Articles);
                } else if c.tab == Tab::Actors {
                    order.push(Pane::With);
                }
                let i = order.iter().position(|&p| p == c.pane).unwrap_or(0);
                let n = order.len();
                let d = if action == Action::FocusNext {
                    1
                } else {
                    n - 1
                };
                c.pane = order[(i + d) % n];
            }
            Action::FocusActors => self.corpus_tab(Tab::Actors),
            Action::FocusThemes => self.corpus_tab(Tab::Themes),
            Action::FocusTensions => self.corpus_tab(Tab::Tensions),
            Action::FocusNotes => self.corpus_tab(Tab::Notes),
            Action::Select => self.corpus_select(),
            Action::Search => {
                c.filter_before = c.filter.clone();
                c.editing = true;
            }
            _ => {
                self.message = Some(format!(
                    "not on the corpus screen: {} goes back to the article",
                    self.keymap.first(Action::CorpusView).unwrap_or_default()
                ));
            }
        }
        Effect::None
    }

    fn corpus_page(&self) -> isize {
        (self.size.1 as isize / 2 - 3).max(1)
    }

    fn corpus_tab(&mut self, tab: Tab) {
        let c = &mut self.corpus;
        c.tab = tab;
        c.pane = Pane::Rows;
        c.articles = None;
        c.refresh_companions();
    }

    fn corpus_move(&mut self, d: isize) {
        let c = &mut self.corpus;
        let step = |i: usize, n: usize| -> usize {
            if n == 0 {
                0
            } else {
                i.saturating_add_signed(d).min(n - 1)
            }
        };
        match c.pane {
            Pane::Rows => {
                let n = c.tab_len();
                let t = c.tab.index();
                c.cursor[t] = step(c.cursor[t], n);
                c.refresh_companions();
            }
            Pane::With => {
                let n = c.companions().map_or(0, |(_, x)| x.list.len());
                c.with_cursor = step(c.with_cursor, n);
            }
            Pane::Articles => {
                if let Some(a) = &mut c.articles {
                    a.cursor = step(a.cursor, a.total);
                }
                self.corpus_read_ahead();
            }
        }
    }

    /// Read pages of the articles list until the cursor has a page after it (or all are
    /// read): on the filter thread when there is one (one page asked at a time; the
    /// answer comes as [`CorpusMsg::Behind`]), else now.
    fn corpus_read_ahead(&mut self) {
        let c = &mut self.corpus;
        let (Some(a), LoadState::Ready(l)) = (&mut c.articles, &c.load) else {
            return;
        };
        if let Some(worker) = &c.worker {
            if a.loading.is_none() && a.list.len() < a.total && a.cursor + PAGE / 2 >= a.list.len()
            {
                let want = (a.cursor + PAGE).saturating_sub(a.list.len()).max(PAGE);
                c.behind_asks += 1;
                if worker.behind(c.behind_asks, a.what, c.subset.clone(), a.list.len(), want) {
                    a.loading = Some(c.behind_asks);
                    return;
                }
                // The thread is gone: read in line below.
            } else {
                return;
            }
        }
        while a.list.len() < a.total && a.cursor + PAGE / 2 >= a.list.len() {
            let want = (a.cursor + PAGE).saturating_sub(a.list.len()).max(PAGE);
            match l
                .model
                .articles_behind(&l.index, a.what, &c.subset, a.list.len(), want)
            {
                Ok(page) if !page.is_empty() => a.list.extend(page),
                Ok(_) => {
                    // The index changed under the list: what was read is all there is.
                    a.total = a.list.len();
                }
                Err(e) => {
                    self.message = Some(e.to_string());
                    a.total = a.list.len();
                }
            }
        }
        a.cursor = a.cursor.min(a.total.saturating_sub(1));
    }

    /// A page of articles from the filter thread: added if it is the one awaited, then the
    /// next asked if the cursor went further meanwhile.
    fn accept_behind(&mut self, answer: BehindRead) {
        let c = &mut self.corpus;
        let Some(a) = &mut c.articles else { return };
        if a.loading != Some(answer.ask) {
            return;
        }
        a.loading = None;
        match answer.result {
            Ok(page) if !page.is_empty() && answer.offset == a.list.len() => a.list.extend(page),
            Ok(_) => {
                // The index changed under the list: what was read is all there is.
                a.total = a.list.len();
            }
            Err(e) => {
                self.message = Some(e);
                a.total = a.list.len();
            }
        }
        a.cursor = a.cursor.min(a.total.saturating_sub(1));
        self.corpus_read_ahead();
    }

    /// Enter: a row lists its articles; a companion lists the articles of the pair; an
    /// article (or a note) opens in the reader at its evidence.
    fn corpus_select(&mut self) {
        let c = &mut self.corpus;
        let Some(l) = c.loaded() else { return };
        let model = &l.model;
        let what = match (c.pane, c.tab) {
            (Pane::Articles, _) => return self.open_behind(),
            (Pane::With, _) => {
                let Some((a, comp)) = c.companions() else {
                    return;
                };
                let Some(b) = comp.list.get(c.with_cursor) else {
                    return;
                };
                Behind::Pair(a, b.actor)
            }
            (Pane::Rows, Tab::Notes) => return self.open_note(),
            (Pane::Rows, tab) => {
                let Some(row) = c.rows[tab.index()].get(c.cursor[tab.index()]) else {
                    return;
                };
                match tab {
                    Tab::Actors => Behind::Actor(row.item),
                    Tab::Themes => Behind::Theme(row.item),
                    _ => Behind::Tension(row.item),
                }
            }
        };
        let row_articles = |tab: Tab, item: usize| {
            c.rows[tab.index()]
                .iter()
                .find(|r| r.item == item)
                .map_or(0, |r| r.articles)
        };
        let (title, total) = match what {
            Behind::Actor(a) => (model.actors[a].name.clone(), row_articles(Tab::Actors, a)),
            Behind::Pair(a, b) => (
                format!("{} with {}", model.actors[a].name, model.actors[b].name),
                c.companions()
                    .and_then(|(_, comp)| comp.list.iter().find(|x| x.actor == b))
                    .map_or(0, |x| x.together),
            ),
            Behind::Theme(t) => (model.themes[t].label.clone(), row_articles(Tab::Themes, t)),
            Behind::Tension(t) => (
                model.tensions[t].sides.join(" vs "),
                row_articles(Tab::Tensions, t),
            ),
        };
        c.articles = Some(Articles {
            what,
            title,
            list: Vec::new(),
            total,
            cursor: 0,
            loading: None,
        });
        c.pane = Pane::Articles;
        self.corpus_read_ahead();
    }

    /// The article under the Articles cursor, opened at the row's evidence.
    fn open_behind(&mut self) {
        let c = &self.corpus;
        let (Some(l), Some(a)) = (c.loaded(), &c.articles) else {
            return;
        };
        let Some(facts) = a.list.get(a.cursor) else {
            return;
        };
        let found = match a.what {
            Behind::Actor(x) | Behind::Pair(_, x) => l
                .index
                .first_mention(facts.rowid, &l.model.actors[x].key)
                .map(|s| s.map(|s| (s, Target::Actor))),
            Behind::Theme(t) => {
                let id = l.model.themes[t].id.clone();
                l.index
                    .first_theme_evidence(facts.rowid, &id)
                    .map(|s| s.map(|s| (s, Target::Theme(id))))
            }
            Behind::Tension(t) => l
                .model
                .tension_evidence(&l.index, t, facts.rowid)
                .map(|s| s.map(|s| (s, Target::Tension))),
        };
        let (id, root) = (facts.id.clone(), l.root.clone());
        match found {
            Ok(Some(((s, e), target))) => self.open_at(&root, &id, Span::new(s, e), target),
            Ok(None) => self.open_at(&root, &id, Span::default(), Target::Actor),
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    /// The note under the Notes cursor, opened at its passage.
    fn open_note(&mut self) {
        let c = &self.corpus;
        let Some(l) = c.loaded() else { return };
        let Some(n) = c
            .note_rows
            .get(c.cursor[Tab::Notes.index()])
            .and_then(|&i| l.notes.get(i))
        else {
            return;
        };
        let span = n.annotation.target.span();
        let (root, id, note) = (
            l.root.clone(),
            n.article_id.clone(),
            n.annotation.id.clone(),
        );
        self.open_at(&root, &id, span, Target::Note(note));
    }

    /// Leave the corpus screen for article `id` of `root`, at `span`, selecting what it is
    /// the evidence of (now, or when the article's analysis arrives).
    pub(super) fn open_at(&mut self, root: &Path, id: &str, span: Span, target: Target) {
        let Some(i) = self
            .articles
            .iter()
            .position(|a| a.id == id && *a.root == *root)
        else {
            self.message = Some(format!(
                "{} is in the index but not among the articles open in this reader",
                clean_line(id)
            ));
            return;
        };
        let from = self.here();
        self.corpus.shown = false;
        self.mode = Mode::Normal;
        self.open(i);
        self.focus = Focus::Text;
        self.sync_notes();
        self.reflow();
        if !span.is_empty() {
            self.reveal(span);
        }
        self.record_jump_from(from.0, (from.1, from.2));
        self.corpus.pending_evidence = None;
        if !span.is_empty() && !self.select_evidence(span, &target) {
            self.corpus.pending_evidence = Some((i, span, target));
        }
        self.message = Some(format!(
            "{} back · {} corpus",
            self.keymap.first(Action::JumpBack).unwrap_or_default(),
            self.keymap.first(Action::CorpusView).unwrap_or_default()
        ));
    }

    /// The analysis of article `index` arrived: select the evidence it was opened at.
    pub(super) fn corpus_analysis_arrived(&mut self, index: usize) {
        if index != self.current {
            return;
        }
        if let Some((i, span, target)) = self.corpus.pending_evidence.take()
            && i == index
            && !self.select_evidence(span, &target)
        {
            self.corpus.pending_evidence = Some((i, span, target));
        }
    }

    /// Select, in the open article, the item `span` is evidence of; false when the
    /// analysis (or the note) is not there yet.
    fn select_evidence(&mut self, span: Span, target: &Target) -> bool {
        let at = span.start;
        let (item, panel) = match target {
            Target::Note(id) => {
                let found = (0..self.notebook.len()).find(|&k| {
                    self.notebook
                        .note(k)
                        .is_some_and(|n| n.annotation.id == *id && n.span.is_some())
                });
                let Some(k) = found else {
                    return false;
                };
                (Item::Note(k), Panel::Notes)
            }
            _ => {
                let Some(an) = self.analysis() else {
                    return false;
                };
                let covers = |s: Span| s.start <= at && at < s.end.max(s.start + 1);
                match target {
                    Target::Actor => {
                        let Some(i) = an
                            .actors
                            .iter()
                            .position(|a| a.mentions.iter().any(|m| covers(m.span)))
                        else {
                            return true;
                        };
                        (Item::Actor(i), Panel::Actors)
                    }
                    Target::Theme(id) => {
                        let Some(i) = an.themes.iter().position(|t| t.id == *id) else {
                            return true;
                        };
                        (Item::Theme(i), Panel::Themes)
                    }
                    _ => {
                        let Some(i) = an
                            .tensions
                            .iter()
                            .position(|t| t.evidence.iter().any(|e| covers(e.span)))
                        else {
                            return true;
                        };
                        (Item::Tension(i), Panel::Tensions)
                    }
                }
            }
        };
        self.activate(item);
        let covers = |s: &Span| s.start <= at && at < s.end.max(s.start + 1);
        if let Some(k) = self.evidence.iter().position(covers) {
            self.evidence_current = Some(k);
            let s = self.evidence[k];
            self.reveal(s);
        }
        let index = match item {
            Item::Actor(i) | Item::Theme(i) | Item::Tension(i) | Item::Note(i) => i,
        };
        // The corpus list of notes keeps its own cursor.
        let corpus_list = panel == Panel::Notes && self.notebook.across.on;
        if !corpus_list && let Some(row) = self.panel_items(panel).iter().position(|&x| x == index)
        {
            self.panel_cursor[panel.index()] = row;
        }
        true
    }

    /// Typing the filter: it applies as it is typed whenever it parses.
    fn corpus_filter_key(&mut self, key: &KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let c = &mut self.corpus;
        match key.code {
            KeyCode::Esc => {
                c.editing = false;
                c.filter = std::mem::take(&mut c.filter_before);
                if c.filter_pending() {
                    c.apply_filter();
                }
                c.filter_error = None;
                return;
            }
            KeyCode::Enter => {
                c.editing = false;
                if c.filter_pending() {
                    c.apply_filter();
                }
                if let Some(e) = c.filter_error.clone() {
                    self.message = Some(e);
                }
                return;
            }
            KeyCode::Backspace => {
                c.filter.pop();
            }
            KeyCode::Char('u') if ctrl => c.filter.clear(),
            KeyCode::Char(ch) if !ctrl && !ch.is_control() => c.filter.push(ch),
            _ => return,
        }
        if !c.filter_on_enter() {
            c.apply_filter();
        } else if let Err(e) = query::parse(&c.filter) {
            // Not counted yet, but a mistake is said as it is typed.
            c.filter_error = Some(format!("filter: {e}"));
        } else {
            c.filter_error = None;
        }
    }
}

// ----- drawing ---------------------------------------------------------------------------

/// Where the corpus screen's panes go.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CorpusAreas {
    pub rows: Rect,
    /// Who appears with the actor (Actors), the row's detail (others).
    pub side: Rect,
    pub timeline: Rect,
    /// Takes the side and timeline's place while open.
    pub articles: Option<Rect>,
    pub status: Rect,
}

pub fn areas(app: &App) -> CorpusAreas {
    let (w, h) = app.size;
    let status = Rect::new(0, h.saturating_sub(1), w, 1.min(h));
    let body = h.saturating_sub(1);
    let open = app.corpus.articles.is_some();
    if w >= 110 {
        let side_w = (w * 2 / 5).max(44).min(w - 40);
        let rows = Rect::new(0, 0, w - side_w, body);
        let x = w - side_w;
        let tl_h = 9.min(body / 2);
        CorpusAreas {
            rows,
            side: Rect::new(x, 0, side_w, body - tl_h),
            timeline: Rect::new(x, body - tl_h, side_w, tl_h),
            articles: open.then(|| Rect::new(x, 0, side_w, body)),
            status,
        }
    } else {
        let rows_h = body * 11 / 20;
        let rest = body - rows_h;
        let half = w / 2;
        CorpusAreas {
            rows: Rect::new(0, 0, w, rows_h),
            side: Rect::new(0, rows_h, half, rest),
            timeline: Rect::new(half, rows_h, w - half, rest),
            articles: open.then(|| Rect::new(0, rows_h, w, rest)),
            status,
        }
    }
}

/// Draw the corpus screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let a = areas(app);
    let p = &app.palette;
    match &app.corpus.load {
        LoadState::Ready(l) => {
            rows_view(app, l, a.rows, buf);
            match a.articles {
                Some(r) => articles_view(app, r, buf),
                None => {
                    side_view(app, l, a.side, buf);
                    timeline_view(app, l, a.timeline, buf);
                }
            }
        }
        LoadState::Loading(what) | LoadState::Failed(what) => {
            let failed = matches!(app.corpus.load, LoadState::Failed(_));
            let title = Line::styled(" Corpus ", p.style(Role::Title));
            let block = pane_block(app, title, true);
            let inner = block.inner(area.intersection(Rect::new(0, 0, area.width, a.status.y)));
            block.render(Rect::new(0, 0, area.width, a.status.y), buf);
            let y = inner.y + inner.height / 2;
            let text = if failed {
                format!("the corpus view cannot open: {}", clean_line(what))
            } else {
                clean_line(what).into_owned()
            };
            let w = (text.width() as u16).min(inner.width);
            let style = p.style(if failed { Role::Warning } else { Role::Text });
            put_fit(
                buf,
                inner.x + (inner.width - w) / 2,
                y,
                &text,
                inner.width,
                style,
            );
        }
        LoadState::Idle => {}
    }
    status_view(app, a.status, buf);
    if app.mode == Mode::Help {
        help_view(app, area, buf);
    }
}

/// `series` summed into at most `width` bins (adjacent months together).
pub fn bin(series: &[usize], width: usize) -> Vec<usize> {
    if width == 0 || series.len() <= width {
        return series.to_vec();
    }
    let per = series.len().div_ceil(width);
    series.chunks(per).map(|c| c.iter().sum()).collect()
}

fn tab_title(app: &App, l: &Loaded) -> Line<'static> {
    let p = &app.palette;
    let c = &app.corpus;
    let mut spans = vec![TextSpan::raw(" ")];
    let actions = [
        Action::FocusActors,
        Action::FocusThemes,
        Action::FocusTensions,
        Action::FocusNotes,
    ];
    for (t, action) in Tab::ALL.iter().zip(actions) {
        let key = app.keymap.first(action).unwrap_or_default();
        let n = match t {
            Tab::Notes => c.note_rows.len(),
            t => c.rows[t.index()].len(),
        };
        let label = format!("{key} {} {} ", t.title(), thousands(n));
        spans.push(TextSpan::styled(
            label,
            p.style(if *t == c.tab {
                Role::Title
            } else {
                Role::Muted
            }),
        ));
    }
    let _ = l;
    Line::from(spans)
}

fn rows_view(app: &App, l: &Loaded, area: Rect, buf: &mut Buffer) {
    let p = &app.palette;
    let c = &app.corpus;
    let focused = c.pane == Pane::Rows;
    let mut block = pane_block(app, tab_title(app, l), focused);
    let scope = format!(
        " {} of {} articles ",
        thousands(l.model.count(&c.subset)),
        thousands(l.model.total)
    );
    if tab_title(app, l).width() + scope.width() + 2 <= usize::from(area.width) {
        block = block.title(Line::styled(scope, p.style(Role::Muted)).right_aligned());
    }
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 2 || inner.width < 10 {
        return;
    }
    let muted = p.style(Role::Muted);
    if c.tab == Tab::Notes {
        return notes_rows(app, l, inner, buf);
    }
    let rows = &c.rows[c.tab.index()];
    let months = l.model.months.len();
    let spark_w = months.min(usize::from(inner.width / 4)).max(1);
    // At least room for the column's name.
    let shown_w = (bin(&vec![0; months], spark_w).len() as u16).max(8);
    let counts_w: u16 = if c.tab == Tab::Actors { 17 } else { 8 };
    let name_x = inner.x + if c.tab == Tab::Actors { 2 } else { 0 };
    let name_w = inner
        .width
        .saturating_sub(counts_w + shown_w + 1 + (name_x - inner.x));
    // Header: what each column is.
    let head_y = inner.y;
    let first_col = match c.tab {
        Tab::Actors => "K name",
        Tab::Themes => "theme",
        _ => "sides in tension",
    };
    put(buf, inner.x, head_y, first_col, name_w + 2, muted);
    let cols = if c.tab == Tab::Actors {
        format!("{:>8} {:>8}", "articles", "mentions")
    } else {
        format!("{:>8}", "articles")
    };
    let cx = inner.x + (name_x - inner.x) + name_w;
    put(buf, cx, head_y, &cols, counts_w, muted);
    let span_label = match (l.model.months.first(), l.model.months.last()) {
        (Some(a), Some(b)) if shown_w >= 15 => format!("{a}…{b}"),
        (Some(_), Some(_)) => "by month".into(),
        _ => String::new(),
    };
    put(buf, cx + counts_w + 1, head_y, &span_label, shown_w, muted);
    if rows.is_empty() {
        let msg = if c.filter.is_empty() {
            "none in the index"
        } else {
            "none in the articles the filter matches"
        };
        put(buf, inner.x, inner.y + 1, msg, inner.width, muted);
        return;
    }
    let h = usize::from(inner.height - 1);
    let cursor = c.cursor[c.tab.index()].min(rows.len() - 1);
    let first = cursor.saturating_sub(h.saturating_sub(1));
    for (k, row) in rows.iter().enumerate().skip(first).take(h) {
        let y = inner.y + 1 + (k - first) as u16;
        let mut style = p.style(Role::Text);
        if k == cursor {
            style = style.patch(p.style(if focused {
                Role::CursorItem
            } else {
                Role::ActiveItem
            }));
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        }
        let (label, counts) = match c.tab {
            Tab::Actors => {
                let a = &l.model.actors[row.item];
                put(buf, inner.x, y, kind_letter(&a.kind), 1, style.patch(muted));
                (
                    a.name.clone(),
                    format!(
                        "{:>8} {:>8}",
                        thousands(row.articles),
                        thousands(row.mentions)
                    ),
                )
            }
            Tab::Themes => (
                l.model.themes[row.item].label.clone(),
                format!("{:>8}", thousands(row.articles)),
            ),
            _ => (
                l.model.tensions[row.item].sides.join(" vs "),
                format!("{:>8}", thousands(row.articles)),
            ),
        };
        put_fit(buf, name_x, y, &clean_line(&label), name_w, style);
        put(buf, cx, y, &counts, counts_w, style);
        let spark = sparkline(&bin(&row.by_month, spark_w));
        put(
            buf,
            cx + counts_w + 1,
            y,
            &spark,
            shown_w,
            style.patch(p.style(Role::Heading)),
        );
    }
}

fn notes_rows(app: &App, l: &Loaded, inner: Rect, buf: &mut Buffer) {
    let p = &app.palette;
    let c = &app.corpus;
    let muted = p.style(Role::Muted);
    put(
        buf,
        inner.x,
        inner.y,
        "date       [tags] quote — note",
        inner.width,
        muted,
    );
    if c.note_rows.is_empty() {
        let msg = if l.notes.is_empty() {
            "no annotations in this corpus yet (a annotates a passage)"
        } else {
            "none match the filter"
        };
        put(buf, inner.x, inner.y + 1, msg, inner.width, muted);
        return;
    }
    let h = usize::from(inner.height - 1);
    let cursor = c.cursor[Tab::Notes.index()].min(c.note_rows.len() - 1);
    let first = cursor.saturating_sub(h.saturating_sub(1));
    for (k, &i) in c.note_rows.iter().enumerate().skip(first).take(h) {
        let n = &l.notes[i];
        let y = inner.y + 1 + (k - first) as u16;
        let mut style = p.style(Role::Text);
        if k == cursor {
            style = style.patch(p.style(if c.pane == Pane::Rows {
                Role::CursorItem
            } else {
                Role::ActiveItem
            }));
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        }
        let date = l
            .note_articles
            .get(&n.article_id)
            .and_then(|a| a.date.clone())
            .unwrap_or_default();
        let date: String = date.chars().take(10).collect();
        let x = inner.x
            + put(
                buf,
                inner.x,
                y,
                &format!("{date:<10} "),
                11,
                style.patch(muted),
            );
        let a = &n.annotation;
        let tags = if a.tags.is_empty() {
            String::new()
        } else {
            format!("[{}] ", a.tags.join(", "))
        };
        let text = format!(
            "{tags}“{}”{}",
            a.target
                .exact
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            if a.note.is_empty() {
                String::new()
            } else {
                format!(
                    " — {}",
                    a.note.split_whitespace().collect::<Vec<_>>().join(" ")
                )
            }
        );
        put_fit(buf, x, y, &clean_line(&text), inner.right() - x, style);
    }
}

fn kind_letter(kind: &str) -> &'static str {
    match kind {
        "person" => "P",
        "organization" => "O",
        "country" => "C",
        "place" => "L",
        "region" => "R",
        "group" => "G",
        _ => "?",
    }
}

/// Beside the rows: who appears with the actor (Actors), else what the row is.
fn side_view(app: &App, l: &Loaded, area: Rect, buf: &mut Buffer) {
    let p = &app.palette;
    let c = &app.corpus;
    let muted = p.style(Role::Muted);
    let focused = c.pane == Pane::With;
    let Some((a, comp)) = c.companions() else {
        if c.counting_companions()
            && let Some(a) = c.actor_under_cursor()
        {
            let name = clean_line(&l.model.actors[a].name).into_owned();
            let title = Line::from(TextSpan::styled(
                format!(" With {name} "),
                p.style(Role::Title),
            ));
            let block = pane_block(app, title, focused);
            let inner = block.inner(area);
            block.render(area, buf);
            put_fit(buf, inner.x, inner.y, "counting…", inner.width, muted);
            return;
        }
        return detail_view(app, l, area, buf);
    };
    let name = clean_line(&l.model.actors[a].name).into_owned();
    let title = Line::from(vec![
        TextSpan::styled(" With ", p.style(Role::Title)),
        TextSpan::styled(format!("{name} "), p.style(Role::Title)),
        TextSpan::styled("by lift ", muted),
    ]);
    let block = pane_block(app, title, focused);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 3 || inner.width < 12 {
        return;
    }
    let mut explain = format!(
        "lift = P(a,b)/P(a)P(b), 1 = chance; ranked when ≥{} together",
        comp.min_together
    );
    if explain.width() > usize::from(inner.width) {
        explain = format!(
            "lift P(a,b)/P(a)P(b): 1 = chance; ≥{} to rank",
            comp.min_together
        );
    }
    put_fit(buf, inner.x, inner.y, &explain, inner.width, muted);
    let nums_w: u16 = 13;
    let name_w = inner.width.saturating_sub(nums_w + 2);
    put(buf, inner.x, inner.y + 1, "K name", name_w + 2, muted);
    put(
        buf,
        inner.x + 2 + name_w,
        inner.y + 1,
        &format!("{:>6} {:>6}", "both", "lift"),
        nums_w,
        muted,
    );
    if comp.list.is_empty() {
        put(
            buf,
            inner.x,
            inner.y + 2,
            "named with no other actor",
            inner.width,
            muted,
        );
        return;
    }
    let h = usize::from(inner.height - 2);
    let cursor = c.with_cursor.min(comp.list.len() - 1);
    let first = cursor.saturating_sub(h.saturating_sub(1));
    for (k, x) in comp.list.iter().enumerate().skip(first).take(h) {
        let y = inner.y + 2 + (k - first) as u16;
        let ranked = k < comp.ranked;
        let mut style = p.style(if ranked { Role::Text } else { Role::Muted });
        if focused && k == cursor {
            style = style.patch(p.style(Role::CursorItem));
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        }
        let b = &l.model.actors[x.actor];
        put(buf, inner.x, y, kind_letter(&b.kind), 1, style.patch(muted));
        put_fit(buf, inner.x + 2, y, &clean_line(&b.name), name_w, style);
        put(
            buf,
            inner.x + 2 + name_w,
            y,
            &format!("{:>6} {:>6.2}", thousands(x.together), x.lift),
            nums_w,
            style,
        );
    }
}

/// Themes, Tensions and Notes: what the row under the cursor is, in full.
fn detail_view(app: &App, l: &Loaded, area: Rect, buf: &mut Buffer) {
    let p = &app.palette;
    let c = &app.corpus;
    let block = pane_block(app, Line::styled(" Detail ", p.style(Role::Title)), false);
    let inner = block.inner(area);
    block.render(area, buf);
    let mut lines: Vec<(String, Style)> = Vec::new();
    let text = p.style(Role::Text);
    let muted = p.style(Role::Muted);
    match c.tab {
        Tab::Themes => {
            if let Some(r) = c.rows[1].get(c.cursor[1]) {
                let t = &l.model.themes[r.item];
                lines.push((t.label.clone(), p.style(Role::Heading)));
                lines.push((format!("id {}", t.id), muted));
                lines.push((articles_n(r.articles), text));
            }
        }
        Tab::Tensions => {
            if let Some(r) = c.rows[2].get(c.cursor[2]) {
                let t = &l.model.tensions[r.item];
                lines.push((t.sides[0].clone(), p.style(Role::SideA)));
                lines.push(("vs".into(), muted));
                lines.push((t.sides[1].clone(), p.style(Role::SideB)));
                lines.push((format!("{} · {}", t.label, t.kind), muted));
                lines.push((articles_n(r.articles), text));
            }
        }
        Tab::Notes => {
            if let Some(n) = c.note_rows.get(c.cursor[3]).and_then(|&i| l.notes.get(i)) {
                if let Some(f) = l.note_articles.get(&n.article_id) {
                    lines.push((f.title.clone(), p.style(Role::Heading)));
                    let meta: Vec<&str> = [f.date.as_deref(), f.source.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect();
                    lines.push((meta.join(" · "), muted));
                } else {
                    lines.push((n.article_id.clone(), p.style(Role::Heading)));
                }
                if !n.annotation.tags.is_empty() {
                    lines.push((
                        format!("[{}]", n.annotation.tags.join(", ")),
                        p.style(Role::Note),
                    ));
                }
                lines.push((format!("“{}”", n.annotation.target.exact), text));
                if !n.annotation.note.is_empty() {
                    lines.push((n.annotation.note.clone(), text));
                }
            }
        }
        Tab::Actors => {}
    }
    let mut y = inner.y;
    for (line, style) in lines {
        for row in wrap_words(&clean_line(&line), usize::from(inner.width)) {
            if y >= inner.bottom() {
                return;
            }
            put(buf, inner.x, y, &row, inner.width, style);
            y += 1;
        }
    }
}

fn articles_n(n: usize) -> String {
    format!("{} article{}", thousands(n), if n == 1 { "" } else { "s" })
}

/// `text` cut into lines of at most `width` columns at spaces.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// The row under the cursor by month.
fn timeline_view(app: &App, l: &Loaded, area: Rect, buf: &mut Buffer) {
    let p = &app.palette;
    let c = &app.corpus;
    let muted = p.style(Role::Muted);
    let (name, series) = match c.tab {
        Tab::Notes => ("all articles".to_string(), c.by_month.clone()),
        t => match c.rows[t.index()].get(c.cursor[t.index()]) {
            Some(r) => (
                match t {
                    Tab::Actors => l.model.actors[r.item].name.clone(),
                    Tab::Themes => l.model.themes[r.item].label.clone(),
                    _ => l.model.tensions[r.item].sides.join(" vs "),
                },
                r.by_month.clone(),
            ),
            None => (String::new(), Vec::new()),
        },
    };
    let title = Line::from(vec![
        TextSpan::styled(" Timeline ", p.style(Role::Title)),
        TextSpan::styled(format!("{} · articles by month ", clean_line(&name)), muted),
    ]);
    let block = pane_block(app, title, false);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 2 || inner.width < 10 || series.is_empty() {
        if series.is_empty() && inner.height > 0 {
            put(
                buf,
                inner.x,
                inner.y,
                "no dated articles",
                inner.width,
                muted,
            );
        }
        return;
    }
    let bins = bin(&series, usize::from(inner.width));
    // Few months: each gets several columns, so the chart fills the pane.
    let per = (usize::from(inner.width) / bins.len().max(1)).clamp(1, 6);
    let data: Vec<u64> = bins
        .iter()
        .flat_map(|&v| std::iter::repeat_n(v as u64, per))
        .collect();
    let chart = Rect::new(inner.x, inner.y, inner.width, inner.height - 1);
    Sparkline::default()
        .data(&data)
        .style(p.style(Role::Heading))
        .render(chart, buf);
    let (peak_i, peak) = series
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
        .map_or((0, 0), |(i, &v)| (i, v));
    let months = &l.model.months;
    let label = format!(
        "{}…{} · peak {} in {} · total {}",
        months.first().map_or("", String::as_str),
        months.last().map_or("", String::as_str),
        thousands(peak),
        months.get(peak_i).map_or("", String::as_str),
        thousands(series.iter().sum())
    );
    put_fit(buf, inner.x, inner.bottom() - 1, &label, inner.width, muted);
}

fn articles_view(app: &App, area: Rect, buf: &mut Buffer) {
    let p = &app.palette;
    let c = &app.corpus;
    let Some(a) = &c.articles else { return };
    let muted = p.style(Role::Muted);
    let focused = c.pane == Pane::Articles;
    let at = match a.what {
        Behind::Actor(_) | Behind::Pair(..) => "first mention",
        Behind::Theme(_) => "first evidence",
        Behind::Tension(_) => "tension evidence",
    };
    let title = Line::from(vec![
        TextSpan::styled(" Articles ", p.style(Role::Title)),
        TextSpan::styled(
            format!("{} ({}) ", clean_line(&a.title), thousands(a.total)),
            p.style(Role::Title),
        ),
    ]);
    let mut block = pane_block(app, title.clone(), focused);
    let hint = format!(
        " {}: at the {at} ",
        app.keymap.first(Action::Select).unwrap_or_default()
    );
    if title.width() + hint.width() + 2 <= usize::from(area.width) {
        block = block.title(Line::styled(hint, muted).right_aligned());
    }
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width < 12 {
        return;
    }
    if a.list.is_empty() {
        let what = if a.loading.is_some() {
            "loading…"
        } else {
            "no articles"
        };
        put(buf, inner.x, inner.y, what, inner.width, muted);
        return;
    }
    // While the next page is read, a line under the rows read says so.
    let loading = a.loading.is_some() && a.list.len() < a.total;
    let h = usize::from(inner.height)
        .saturating_sub(usize::from(loading))
        .max(1);
    let cursor = a.cursor.min(a.list.len() - 1);
    let first = cursor.saturating_sub(h.saturating_sub(1));
    let shown = (a.list.len() - first).min(h);
    if loading && shown < usize::from(inner.height) {
        let y = inner.y + shown as u16;
        put(buf, inner.x, y, "loading…", inner.width, muted);
    }
    let source_w: u16 = if inner.width >= 40 {
        (inner.width / 5).min(16)
    } else {
        0
    };
    for (k, f) in a.list.iter().enumerate().skip(first).take(h) {
        let y = inner.y + (k - first) as u16;
        let mut style = p.style(Role::Text);
        if focused && k == cursor {
            style = style.patch(p.style(Role::CursorItem));
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        }
        let date: String = f.date.as_deref().unwrap_or("").chars().take(10).collect();
        let mut x = inner.x
            + put(
                buf,
                inner.x,
                y,
                &format!("{date:<10} "),
                11,
                style.patch(muted),
            );
        if source_w > 0 {
            let src = clean_line(f.source.as_deref().unwrap_or("")).into_owned();
            put_fit(buf, x, y, &src, source_w - 1, style.patch(muted));
            x += source_w;
        }
        put_fit(buf, x, y, &clean_line(&f.title), inner.right() - x, style);
    }
}

fn status_view(app: &App, area: Rect, buf: &mut Buffer) {
    let p = &app.palette;
    let c = &app.corpus;
    let bar = p.style(Role::Status);
    buf.set_style(area, bar);
    let key_style = bar.patch(p.style(Role::StatusKey));
    if c.editing {
        let err = c
            .filter_error
            .as_deref()
            .map(|e| format!("  {}", clean_line(e)))
            .unwrap_or_default();
        let room = usize::from(area.width).saturating_sub(err.width());
        let typed = super::prompt::line("filter /", &clean_line(&c.filter), "▏", room);
        let text = format!("{typed}{err}");
        let used = put(buf, area.x, area.y, &text, area.width, key_style);
        let help = match c.last_query {
            _ if c.filtering() => "  filtering…  Enter keep  Esc cancel".to_string(),
            Some(t) if c.filter_on_enter() => format!(
                "  Enter applies (the last filter took {:.1} s)  Esc cancel",
                t.as_secs_f64()
            ),
            _ => "  Enter keep  Esc cancel  (actor: theme: tension: source: date: tag: note: words, -not)".to_string(),
        };
        let help = help.as_str();
        put(buf, area.x + used, area.y, help, area.width - used, bar);
        return;
    }
    let mut left = String::from(" corpus ");
    if let Some(l) = c.loaded() {
        if !c.filter.is_empty() {
            left.push_str(&format!("· /{} ", clean_line(&c.filter)));
        }
        if c.filtering() {
            left.push_str("· filtering… ");
        } else if let Some(t) = c.last_query {
            left.push_str(&format!("· {:.1} ms ", t.as_secs_f64() * 1000.0));
        }
        let _ = l;
    }
    if let Some(m) = &app.message {
        left.push_str(&format!("· {} ", clean_line(m)));
    }
    let used = put(buf, area.x, area.y, &left, area.width, bar);
    let enter = match (c.pane, c.tab) {
        (Pane::Articles, _) | (Pane::Rows, Tab::Notes) => "open",
        _ => "articles",
    };
    let hints = [
        (Action::ScrollDown, "down"),
        (Action::Select, enter),
        (Action::FocusNext, "pane"),
        (Action::Search, "filter"),
        (Action::Clear, "back"),
        (Action::Help, "help"),
    ];
    let right: Vec<(String, &str)> = hints
        .iter()
        .filter_map(|(a, l)| app.keymap.first(*a).map(|k| (k, *l)))
        .collect();
    put_hints(buf, area, used, right, key_style, bar);
}

/// Rows for help: how the corpus screen works.
pub fn help_rows() -> Vec<(String, String)> {
    vec![
        ("corpus".into(), "c opens the corpus screen (in the Actors panel: at the actor under the cursor): 1-4 pick Actors, Themes, Tensions or Notes across the corpus; j/k move; Tab goes to who appears with the actor (articles together and lift = P(a,b)/P(a)P(b), 1 = chance) and back; Enter lists the articles behind a row, Enter again opens one at the evidence (Ctrl-o returns); / filters every list with the query language (actor: kind: theme: tension:a/b source: date:2025-01..2025-06 tag: note: free words, - negates; the lists are counted on a thread of their own, so keys work while the status line says filtering…); Esc goes back a level, q or c to the article".into()),
    ]
}
