//! The article list of a corpus folder, backed by the corpus index: filtered with the query
//! language through the index (only when the query changes, never per frame; in the
//! terminal on a thread of its own, see [`super::list_filter`]), sorted by
//! date, source, title or unread and grouped by folder; article bodies loaded when opened
//! and let go again, so the reader's memory holds the list and a few open articles, not the
//! corpus; read marks and bookmarks kept in the reader's state file.
//!
//! Without an index (several folders, newsboat items) the list is filtered in memory by
//! title, source, date and id, cached the same way.

use super::Msg;
use super::app::{App, Focus};
use super::list_filter::{self, ListWorker, Shape};
use crate::corpus::{self, Article, Format, LoadOptions, Problem, scan};
use crate::index::Index;
use crate::query::{self, Query};
use crate::reader_state::ReaderState;
use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Sender;

/// Open articles whose bodies stay loaded (the current one always does). Enough to go back
/// and forth between a few articles without reading their files again.
const LOADED_KEPT: usize = 12;

/// How the list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// As the corpus lists them (by id); with a free-text filter, by rank.
    #[default]
    Corpus,
    /// Newest first.
    Date,
    Source,
    Title,
    /// Unread first.
    Unread,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Corpus => SortKey::Date,
            SortKey::Date => SortKey::Source,
            SortKey::Source => SortKey::Title,
            SortKey::Title => SortKey::Unread,
            SortKey::Unread => SortKey::Corpus,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Corpus => "corpus order",
            SortKey::Date => "date",
            SortKey::Source => "source",
            SortKey::Title => "title",
            SortKey::Unread => "unread first",
        }
    }
}

/// Work for the analysis worker: article `index`, as loaded now.
pub struct Request {
    pub index: usize,
    pub article: Article,
}

/// What the background index update says to the reader.
#[derive(Clone, Debug, PartialEq)]
pub enum Background {
    /// `done` of `total` files looked at, `rate` analysed per second.
    Progress {
        done: usize,
        total: usize,
        rate: f64,
    },
    /// The update finished; one line to show.
    Finished(String),
    /// It could not run; why.
    Failed(String),
}

/// The list state and what backs it.
#[derive(Default)]
pub struct Library {
    /// A connection to the corpus index for list queries (the single folder's).
    pub index: Option<Index>,
    /// Index rowid of each article, where the index has it.
    rowids: Vec<Option<i64>>,
    /// Shared with the filter thread, which maps its matches onto the list with it.
    by_rowid: Arc<HashMap<i64, usize>>,
    /// The articles are light rows from the index: bodies are read when opened.
    pub lazy: bool,
    /// Articles whose bodies are loaded, least recently opened first.
    loaded: VecDeque<usize>,
    pub load: LoadOptions,
    /// The list as shown: filtered, sorted, grouped.
    items: Vec<usize>,
    /// What `items` was computed for: (filter, sort, group, article count).
    computed_for: Option<ListKey>,
    /// Where the filter thread answers (set in the terminal; tests filter in line).
    pub answers: Option<Sender<Msg>>,
    worker: Option<ListWorker>,
    /// Number of the newest request to the filter thread.
    generation: u64,
    /// The request the list waits for, while it shows the previous list ("searching…").
    pub searching: Option<Searching>,
    /// The list shows only the first page of its filter's matches (the rest is coming).
    pub first_page: bool,
    /// Rows of the filter thread's first page, when not [`list_filter::FIRST_PAGE`] (tests
    /// make it small to see a first page on a small corpus).
    pub first_page_rows: Option<usize>,
    /// The parsed filter, when it has terms (for opening at the hit).
    pub query: Option<Query>,
    /// Why the filter cannot be used (shown under it); the last good list stays.
    pub query_error: Option<String>,
    pub sort: SortKey,
    pub group: bool,
    read: HashSet<usize>,
    bookmarked: HashSet<usize>,
    /// Analysis requests go here (the worker of [`super::startup`]).
    pub requests: Option<Sender<Request>>,
    requested: HashSet<usize>,
    /// Background indexing: the last progress, while it runs.
    pub progress: Option<(usize, usize, f64)>,
    /// Highest rowid listed, to append what an update adds.
    max_rowid: i64,
    /// How many times the list was recomputed (tests count work with it).
    pub recomputed: usize,
    /// Put the cursor sentence at this offset once the opened article's analysis is in
    /// (opening at a search hit).
    pub pending_cursor: Option<usize>,
    marks_loaded: bool,
    /// The list was read only in part for the first frame: the corpus folder and the
    /// positions of the real rows; the rest are placeholders until [`App::complete_list`].
    deferred: Option<(PathBuf, Range<usize>)>,
    /// How many articles from the start are the index's listing, in id order (those
    /// appended by a background update follow): where ids are found by binary search.
    sorted: usize,
}

/// What a list is computed for: (filter, sort, group, article count).
type ListKey = (String, SortKey, bool, usize);

/// A filter sent to the filter thread, not answered in full yet.
pub struct Searching {
    pub generation: u64,
    key: ListKey,
    query: Query,
    /// Put the list cursor back on the current article when the answer comes (after a new
    /// order).
    follow_current: bool,
    /// Rows of this request are shown (its first page at least).
    shown: bool,
    /// The filter was edited since into one that is no query: the answer still becomes the
    /// list (the last good one), but the list is not computed for the filter shown.
    after_error: bool,
    /// Enter was pressed on the list before any row of this request came: open the row
    /// under the cursor once they do, not a row of the older list still shown.
    pub open_when_shown: bool,
}

impl Library {
    /// Use `index` for the list of `articles`, whose rowids are `rowids` (same order).
    pub fn attach_index(&mut self, index: Index, rowids: Vec<Option<i64>>) {
        self.by_rowid = Arc::new(
            rowids
                .iter()
                .enumerate()
                .filter_map(|(i, r)| r.map(|r| (r, i)))
                .collect(),
        );
        self.max_rowid = rowids.iter().flatten().copied().max().unwrap_or(0);
        self.rowids = rowids;
        self.index = Some(index);
        self.computed_for = None;
        // Another connection (another index file, maybe): another thread.
        self.worker = None;
        self.searching = None;
    }

    /// Map the index's rows onto `articles` by id (after the index caught up with a corpus
    /// loaded from its files).
    pub fn map_by_id(&mut self, articles: &[Article]) {
        let Some(index) = &self.index else { return };
        let Ok(listed) = index.listing() else { return };
        let by_id: HashMap<&str, i64> = listed.iter().map(|l| (l.id.as_str(), l.rowid)).collect();
        let rowids = articles
            .iter()
            .map(|a| by_id.get(a.id.as_str()).copied())
            .collect();
        let index = self.index.take().expect("checked above");
        self.attach_index(index, rowids);
    }

    /// Only the rows in `window` are read yet (see [`App::complete_list`]).
    pub fn defer_list(&mut self, root: PathBuf, window: Range<usize>) {
        self.sorted = 0;
        self.deferred = Some((root, window));
    }

    /// Whether the list is still a first frame's part of it.
    pub fn is_partial(&self) -> bool {
        self.deferred.is_some()
    }

    pub fn is_read(&self, i: usize) -> bool {
        self.read.contains(&i)
    }

    /// Whether the list marks unread articles (the reader's state was loaded).
    pub fn marks_unread(&self) -> bool {
        self.marks_loaded
    }

    pub fn is_bookmarked(&self, i: usize) -> bool {
        self.bookmarked.contains(&i)
    }

    /// The article with this index rowid.
    pub fn article_of_rowid(&self, rowid: i64) -> Option<usize> {
        self.by_rowid.get(&rowid).copied()
    }

    pub fn rowid(&self, i: usize) -> Option<i64> {
        self.rowids.get(i).copied().flatten()
    }

    /// The progress line of background indexing (`indexing 3,412/10,038 · 1.2k/s`).
    pub fn progress_text(&self) -> Option<String> {
        let (done, total, rate) = self.progress?;
        Some(format!(
            "indexing {}/{} · {}/s",
            thousands(done),
            thousands(total),
            short_rate(rate)
        ))
    }
}

/// How the list is ordered, when not in corpus order (for the list's title).
pub fn order_label(app: &App) -> Option<String> {
    let lib = &app.library;
    match (lib.sort, lib.group) {
        (SortKey::Corpus, false) => None,
        (SortKey::Corpus, true) => Some("by folder".into()),
        (s, false) => Some(format!("by {}", s.label())),
        (s, true) => Some(format!("by folder, {}", s.label())),
    }
}

/// The folder part of an article id (`""` at the corpus root).
pub(super) fn folder_of(id: &str) -> &str {
    id.rsplit_once('/').map_or("", |(f, _)| f)
}

/// `10038` as `10,038`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1234.0` as `1.2k`.
fn short_rate(r: f64) -> String {
    if r >= 1000.0 {
        format!("{:.1}k", r / 1000.0)
    } else {
        format!("{r:.0}")
    }
}

/// A place in the list whose row is not read yet (see [`App::complete_list`]): no id, no
/// title, nothing to open; only its corpus folder, which every article has.
pub fn placeholder(root: &Arc<Path>) -> Article {
    Article {
        id: String::new(),
        path: PathBuf::new(),
        root: Arc::clone(root),
        format: Format::Markdown,
        meta: corpus::Meta::default(),
        title: String::new(),
        body: String::new(),
        sections: Vec::new(),
    }
}

/// [`stub`], or for a row whose file is of no known format (which a scan never indexes),
/// a row that keeps its place in the list and says what it is when opened.
pub fn stub_or_placeholder(root: &Arc<Path>, l: crate::index::listing::Listed) -> Article {
    let path = root.join(&l.path);
    match scan::article_format(&path) {
        Some(format) => stub_at(root, path, format, l),
        None => Article {
            path,
            title: l.id.clone(),
            id: l.id,
            ..placeholder(root)
        },
    }
}

/// A light article made from an index row: everything the list shows, no body. The row's
/// strings move into it (a list of 100,000 rows is never held twice).
pub fn stub(root: &Arc<Path>, l: crate::index::listing::Listed) -> Option<Article> {
    let path = root.join(&l.path);
    let format = scan::article_format(&path)?;
    Some(stub_at(root, path, format, l))
}

fn stub_at(
    root: &Arc<Path>,
    path: PathBuf,
    format: Format,
    l: crate::index::listing::Listed,
) -> Article {
    let mut tags = l.tags;
    tags.shrink_to_fit();
    Article {
        id: l.id,
        path,
        root: Arc::clone(root),
        format,
        // The title once (`title`): the front matter's is only read when loading a file.
        meta: corpus::Meta {
            source: l.source,
            date: l.date,
            tags,
            ..corpus::Meta::default()
        },
        title: l.title,
        body: String::new(),
        sections: Vec::new(),
    }
}

/// Read article `stub` from its file (its folder, or its feed or page).
fn load_article(stub: &Article, options: &LoadOptions) -> Result<Article, String> {
    let rel = stub
        .path
        .strip_prefix(&stub.root)
        .unwrap_or(&stub.path)
        .to_path_buf();
    let file = scan::ArticleFile {
        root: stub.root.clone(),
        rel,
        path: stub.path.clone(),
        id: scan::article_id(stub.path.strip_prefix(&stub.root).unwrap_or(&stub.path)),
        format: stub.format,
    };
    let (found, problems): (Vec<Article>, Vec<Problem>) = match stub.format {
        Format::Html => corpus::html::load_file(&file, options),
        Format::Feed => corpus::feed::load_file(&file, options),
        Format::Markdown | Format::PlainText => {
            let (a, p) = corpus::load_file(&file, options);
            (a.into_iter().collect(), p)
        }
    };
    found
        .into_iter()
        .find(|a| a.id == stub.id)
        .ok_or_else(|| match problems.first() {
            Some(p) => p.to_string(),
            None => format!(
                "{}: the article is no longer in its file",
                stub.path.display()
            ),
        })
}

/// A computed list: the items, the query they answer, or why the filter is no query.
struct Computed {
    items: Option<Vec<usize>>,
    query: Option<Query>,
    error: Option<String>,
}

impl App {
    fn list_key(&self) -> ListKey {
        (
            self.list_filter.clone(),
            self.library.sort,
            self.library.group,
            self.articles.len(),
        )
    }

    /// The list as shown (see [`Library`]): as computed by [`App::sync_list`], or computed
    /// now when the filter changed without it (the last good list when it is no query).
    pub(super) fn listed(&self) -> Vec<usize> {
        let key = self.list_key();
        let waiting = self.library.searching.as_ref().map(|s| &s.key);
        if self.library.computed_for.as_ref() == Some(&key) || waiting == Some(&key) {
            return self.library.items.clone();
        }
        let c = self.compute_list();
        c.items.unwrap_or_else(|| self.library.items.clone())
    }

    /// Recompute the list when its filter, order or articles changed since last time; the
    /// list is never recomputed per frame.
    pub fn sync_list(&mut self) {
        let key = self.list_key();
        if let Some(s) = &mut self.library.searching
            && s.key == key
        {
            if s.after_error {
                // Back to the filter still searched for, from one that was no query.
                s.after_error = false;
                self.library.query_error = None;
                self.library.computed_for = None;
            }
            return;
        }
        if self.library.computed_for.as_ref() == Some(&key) {
            return;
        }
        if self.search_off_the_loop(&key) {
            return;
        }
        let c = self.compute_list();
        self.library.recomputed += 1;
        self.library.computed_for = Some(key);
        self.library.query_error = c.error;
        match c.items {
            Some(items) => {
                self.library.searching = None;
                self.library.first_page = false;
                self.library.query = c.query;
                self.library.items = items;
            }
            // A filter that is no query keeps the last good list: the one still coming when
            // a search is under way, as the filter in line would have shown it.
            None => match &mut self.library.searching {
                Some(s) => s.after_error = true,
                None => {
                    self.library.first_page = false;
                    self.library.query = c.query;
                }
            },
        }
    }

    /// Send the filter to the filter thread when the list is the index's and the filter is
    /// a query with terms (a filter that is no query says why at once). True when sent: the
    /// list stays as it is, "searching…", until [`App::list_answered`].
    fn search_off_the_loop(&mut self, key: &ListKey) -> bool {
        let text = self.list_filter.trim();
        if text.is_empty() || self.library.by_rowid.is_empty() {
            return false;
        }
        let (Some(index), Some(answers)) = (&self.library.index, &self.library.answers) else {
            return false;
        };
        let q = match query::parse(text) {
            Ok(q) if !q.is_empty() => q,
            _ => return false,
        };
        if self.library.worker.is_none() {
            let page_rows = self
                .library
                .first_page_rows
                .unwrap_or(list_filter::FIRST_PAGE);
            match ListWorker::start(index, answers.clone(), page_rows) {
                Ok(w) => self.library.worker = Some(w),
                // The list is filtered in line, as without a thread.
                Err(_) => return false,
            }
        }
        let shape = self.list_shape();
        self.library.generation += 1;
        let generation = self.library.generation;
        let sent = self
            .library
            .worker
            .as_ref()
            .is_some_and(|w| w.request(generation, q.clone(), shape));
        if !sent {
            self.library.worker = None;
            return false;
        }
        self.library.query_error = None;
        self.library.searching = Some(Searching {
            generation,
            key: key.clone(),
            query: q,
            follow_current: false,
            shown: false,
            open_when_shown: false,
            after_error: false,
        });
        true
    }

    /// What the filter thread needs to know of the list to order its rows.
    fn list_shape(&self) -> Shape {
        let lib = &self.library;
        let reads_articles = lib.group || !matches!(lib.sort, SortKey::Corpus | SortKey::Unread);
        Shape {
            sort: lib.sort,
            group: lib.group,
            by_rowid: Arc::clone(&lib.by_rowid),
            articles: reads_articles.then(|| Arc::clone(&self.articles)),
            read: Arc::new(if lib.sort == SortKey::Unread {
                lib.read.clone()
            } else {
                HashSet::new()
            }),
        }
    }

    /// The filter thread answered: the list shows the answer to the newest request (its
    /// first page, then all of it); an older request's answer is dropped.
    pub fn list_answered(&mut self, listed: list_filter::Listed) {
        let Some(s) = &mut self.library.searching else {
            return;
        };
        if s.generation != listed.generation {
            return;
        }
        let items = match listed.result {
            Ok(items) => items,
            Err(e) => {
                // The last good list stays, with why; as in line, the filter is not asked
                // again until it changes.
                if s.open_when_shown {
                    self.message = Some(format!("not opened: {e}"));
                }
                let after_error = s.after_error;
                self.library.first_page = false;
                if let Some(s) = self.library.searching.take()
                    && !after_error
                {
                    self.library.query_error = Some(e);
                    self.library.computed_for = Some(s.key);
                }
                return;
            }
        };
        let open = std::mem::take(&mut s.open_when_shown);
        s.shown = true;
        self.library.items = items;
        self.library.recomputed += 1;
        self.library.first_page = !listed.complete;
        // Opening an article of the first page opens it at the hit already.
        self.library.query = Some(s.query.clone());
        if listed.complete
            && let Some(s) = self.library.searching.take()
        {
            if !s.after_error {
                self.library.computed_for = Some(s.key);
            }
            if s.follow_current {
                self.list_cursor_to_current();
            }
        }
        if open {
            self.list_cursor = self
                .list_cursor
                .min(self.library.items.len().saturating_sub(1));
            if self.library.items.is_empty() {
                self.message = Some("no article matches the filter".into());
            } else {
                self.open_from_list();
            }
        }
    }

    /// Enter on the list while the rows of the newest filter have not come yet: true, and
    /// the row under the cursor opens when they do ([`App::list_answered`]).
    pub(super) fn open_when_listed(&mut self) -> bool {
        match &mut self.library.searching {
            Some(s) if !s.shown => {
                s.open_when_shown = true;
                self.message = Some("searching… the article opens when the list comes".into());
                true
            }
            _ => false,
        }
    }

    /// The cursor moved: a pending open (see [`App::open_when_listed`]) is dropped.
    pub(super) fn keep_no_pending_open(&mut self) {
        if let Some(s) = &mut self.library.searching {
            s.open_when_shown = false;
        }
    }

    fn compute_list(&self) -> Computed {
        let mut c = self.filtered();
        if let Some(items) = &mut c.items {
            let ranked = c.query.as_ref().is_some_and(|q| q.words().next().is_some());
            self.order_list(items, ranked);
        }
        c
    }

    /// The articles matching the filter, best first with free words (else corpus order).
    fn filtered(&self) -> Computed {
        let text = self.list_filter.trim();
        let all = || Computed {
            items: Some((0..self.articles.len()).collect()),
            query: None,
            error: None,
        };
        if text.is_empty() {
            return all();
        }
        let Some(index) = self
            .library
            .index
            .as_ref()
            .filter(|_| !self.library.by_rowid.is_empty())
        else {
            return Computed {
                items: Some(self.filtered_in_memory(text)),
                query: None,
                error: None,
            };
        };
        let q = match query::parse(text) {
            Ok(q) => q,
            Err(e) => {
                return Computed {
                    items: None,
                    query: None,
                    error: Some(e.to_string()),
                };
            }
        };
        if q.is_empty() {
            return all();
        }
        match index.matching_any_order(&q) {
            Ok(rows) => Computed {
                items: Some(
                    rows.iter()
                        .filter_map(|&(r, _)| self.library.by_rowid.get(&r).copied())
                        .collect(),
                ),
                query: Some(q),
                error: None,
            },
            Err(e) => Computed {
                items: None,
                query: None,
                error: Some(e.to_string()),
            },
        }
    }

    /// Without an index: title, source, date and id contain the filter (case-folded).
    fn filtered_in_memory(&self, text: &str) -> Vec<usize> {
        let f = text.to_lowercase();
        (0..self.articles.len())
            .filter(|&i| {
                let a = &self.articles[i];
                let hay = format!(
                    "{} {} {} {}",
                    a.title,
                    a.meta.source.as_deref().unwrap_or(""),
                    a.meta.date.as_deref().unwrap_or(""),
                    a.id
                );
                hay.to_lowercase().contains(&f)
            })
            .collect()
    }

    /// Sort the filtered list (stable: ties keep the filter's order, the rank with free
    /// words) and group by folder.
    fn order_list(&self, items: &mut [usize], ranked: bool) {
        list_filter::order(items, ranked, &self.list_shape());
    }

    /// The folder shown above article `i` in a grouped list, when it starts a group.
    pub fn group_start(&self, row: usize, items: &[usize]) -> Option<String> {
        if !self.library.group {
            return None;
        }
        let folder = |i: usize| folder_of(&self.articles[i].id);
        let here = folder(*items.get(row)?);
        let starts = row == 0 || items.get(row - 1).map(|&p| folder(p)) != Some(here);
        starts.then(|| {
            if here.is_empty() {
                "./".into()
            } else {
                format!("{here}/")
            }
        })
    }

    /// Next list order (a key in the list).
    pub(super) fn cycle_sort(&mut self) {
        self.library.sort = self.library.sort.next();
        self.message = Some(format!("list sorted by {}", self.library.sort.label()));
        self.sync_list();
        self.list_cursor_to_current();
    }

    /// Group the list by folder, or stop.
    pub(super) fn toggle_group(&mut self) {
        self.library.group = !self.library.group;
        self.message = Some(if self.library.group {
            "list grouped by folder".into()
        } else {
            "list not grouped".into()
        });
        self.sync_list();
        self.list_cursor_to_current();
    }

    fn list_cursor_to_current(&mut self) {
        if let Some(s) = &mut self.library.searching {
            // The list in its new order is not there yet.
            s.follow_current = true;
            return;
        }
        if let Some(p) = self.library.items.iter().position(|&i| i == self.current) {
            self.list_cursor = p;
        }
    }

    // ----- reading state ---------------------------------------------------------------

    /// Load read marks and bookmarks from the state file of each folder (of a list read in
    /// part, once it is complete).
    pub fn load_marks(&mut self) {
        if self.library.is_partial() {
            return;
        }
        self.library.read.clear();
        self.library.bookmarked.clear();
        for root in self.roots() {
            let Ok(state) = ReaderState::load(&root) else {
                continue;
            };
            let ids: Vec<&str> = state.articles.keys().map(String::as_str).collect();
            let found = self.positions_of(&root, &ids);
            for (s, i) in state.articles.values().zip(found) {
                let Some(i) = i else { continue };
                if s.read {
                    self.library.read.insert(i);
                }
                if !s.bookmarks.is_empty() {
                    self.library.bookmarked.insert(i);
                }
            }
        }
        self.library.marks_loaded = true;
        self.library.computed_for = None;
    }

    /// The corpus folders of the articles, each once, in the order first met. One pass, no
    /// copy per article; a path's `==` walks its components, so the same bytes as the
    /// article before are skipped first.
    pub fn roots(&self) -> Vec<PathBuf> {
        let mut roots: Vec<PathBuf> = Vec::new();
        let mut last: Option<&std::ffi::OsStr> = None;
        for a in self.articles.iter() {
            let root = a.root.as_os_str();
            // Articles of one folder come together: compare with the previous one first.
            if last == Some(root) {
                continue;
            }
            last = Some(root);
            if !roots.iter().any(|r| r.as_path() == &*a.root) {
                roots.push(a.root.to_path_buf());
            }
        }
        roots
    }

    /// Where each article of `ids` of the corpus folder `root` is in the list. A list from
    /// the index is in id order (plus what an update appended), so each id is a binary
    /// search; of a list read in part, only the rows read are found.
    pub fn positions_of(&self, root: &Path, ids: &[&str]) -> Vec<Option<usize>> {
        let articles = &self.articles;
        let lazy_root = self.library.lazy && articles.first().is_some_and(|a| *a.root == *root);
        if lazy_root {
            let (sorted, tail) = match &self.library.deferred {
                Some((_, w)) => (w.clone(), w.end..w.end),
                None => (0..self.library.sorted, self.library.sorted..articles.len()),
            };
            let slice = &articles[sorted.clone()];
            return ids
                .iter()
                .map(|id| {
                    slice
                        .binary_search_by(|a| a.id.as_str().cmp(id))
                        .ok()
                        .map(|k| sorted.start + k)
                        .or_else(|| tail.clone().find(|&i| articles[i].id == *id))
                })
                .collect();
        }
        let by_key: HashMap<&str, usize> = articles
            .iter()
            .enumerate()
            .filter(|(_, a)| *a.root == *root)
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        ids.iter().map(|id| by_key.get(id).copied()).collect()
    }

    /// After the first frame of a list read in part: read the whole list, in the read
    /// snapshot the first frame's rows came from (so every position taken from them still
    /// holds), then the read marks, bookmarks and remembered positions of the rest. Keeps
    /// the articles already opened. Returns whether there was anything to do.
    pub fn complete_list(&mut self) -> bool {
        let Some((root, _)) = self.library.deferred.clone() else {
            return false;
        };
        let Some(index) = &self.library.index else {
            self.library.deferred = None;
            return false;
        };
        let listed = index.listing();
        index.end_snapshot();
        let listed = match listed {
            Ok(l) if l.len() == self.articles.len() => l,
            Ok(l) => {
                // Cannot happen in one snapshot; the list stays as it is rather than lie.
                self.message = Some(format!(
                    "the article list changed while it was read ({} rows, {} expected); restart to see it all",
                    l.len(),
                    self.articles.len()
                ));
                return true;
            }
            Err(e) => {
                self.message = Some(crate::sanitize::clean(&e.to_string()).into_owned());
                return true;
            }
        };
        let rowids = listed.iter().map(|l| Some(l.rowid)).collect();
        // The articles opened so far keep their bodies.
        let kept: HashSet<usize> = self
            .library
            .loaded
            .iter()
            .copied()
            .chain([self.current])
            .collect();
        // One copy of the folder for every row (the opened articles' own is the same).
        let shared: Arc<Path> = match self.articles.first() {
            Some(a) if *a.root == *root => Arc::clone(&a.root),
            _ => Arc::from(root.as_path()),
        };
        // Collected straight into the shared slice (one allocation of its exact length,
        // never a Vec copied into it), each row's strings moved, not copied.
        let articles: Arc<[Article]> = listed
            .into_iter()
            .enumerate()
            .map(|(i, l)| match self.articles.get(i) {
                Some(old) if kept.contains(&i) && old.id == l.id => old.clone(),
                _ => stub_or_placeholder(&shared, l),
            })
            .collect();
        self.library.deferred = None;
        self.articles = articles;
        self.library.sorted = self.articles.len();
        let index = self.library.index.take().expect("checked above");
        self.library.attach_index(index, rowids);
        self.load_marks();
        self.restore_offsets(&root);
        self.sync_list();
        // The rows read and the placeholders of the first frame are freed: give them back.
        super::trim::give_back_freed();
        true
    }

    /// The positions the state file remembers, for every article but the current one
    /// (called before any other article was opened this session).
    fn restore_offsets(&mut self, root: &Path) {
        let Ok(state) = ReaderState::load(root) else {
            return;
        };
        let ids: Vec<&str> = state.articles.keys().map(String::as_str).collect();
        let found = self.positions_of(root, &ids);
        for (s, i) in state.articles.values().zip(found) {
            if let Some(i) = i
                && i != self.current
            {
                self.remember_offset(i, s.offset, s.cursor);
            }
        }
    }

    /// `B`: bookmark the current article at the reading position, or remove its bookmarks.
    /// Written to the state file at once (atomically): a bookmark is user data.
    pub(super) fn toggle_bookmark(&mut self) {
        let Some(a) = self.article() else { return };
        let (root, id) = (a.root.to_path_buf(), a.id.clone());
        let mut state = match ReaderState::load(&root) {
            Ok(s) => s,
            Err(e) => {
                self.message = Some(format!("bookmark not saved: {e}"));
                return;
            }
        };
        let had = state
            .articles
            .get(&id)
            .is_some_and(|s| !s.bookmarks.is_empty());
        let now = if had {
            if let Some(s) = state.articles.get_mut(&id) {
                s.bookmarks.clear();
            }
            false
        } else {
            state.toggle_bookmark(&id, self.pos.offset)
        };
        if let Err(e) = state.save(&root) {
            self.message = Some(format!(
                "bookmark not saved in {}: {e}",
                crate::reader_state::path(&root).display()
            ));
            return;
        }
        let i = self.current;
        if now {
            self.library.bookmarked.insert(i);
            self.message = Some(format!("bookmarked at {}%", self.percent()));
        } else {
            self.library.bookmarked.remove(&i);
            self.message = Some("bookmark removed".into());
        }
    }

    // ----- opening -----------------------------------------------------------------------

    /// Before article `index` opens: read its body when the list holds only its row, and
    /// let go of the least recently opened bodies beyond [`LOADED_KEPT`].
    /// Returns false when the file cannot be read (said in the status line): the article
    /// does not open, so no light row is ever shown or annotated as if it were the text.
    pub fn load_before_open(&mut self, index: usize) -> bool {
        self.library.pending_cursor = None;
        if !self.library.lazy || index >= self.articles.len() {
            return true;
        }
        if let Some(p) = self.library.loaded.iter().position(|&i| i == index) {
            self.library.loaded.remove(p);
            self.library.loaded.push_back(index);
            return true;
        }
        match load_article(&self.articles[index], &self.library.load) {
            Ok(article) => {
                self.set_article(index, article);
                self.library.loaded.push_back(index);
            }
            Err(why) => {
                self.message =
                    Some(crate::sanitize::clean(&format!("cannot open: {why}")).into_owned());
                return false;
            }
        }
        while self.library.loaded.len() > LOADED_KEPT {
            let Some(old) = self.library.loaded.pop_front() else {
                break;
            };
            if old == self.current || old == index {
                self.library.loaded.push_back(old);
                if self.library.loaded.len() <= LOADED_KEPT + 1 {
                    break;
                }
                continue;
            }
            self.unload(old);
        }
        true
    }

    /// At start from the index: make the first article whose file reads the current one.
    /// False when none does.
    pub fn load_first_readable(&mut self) -> bool {
        // Of a list read in part, the rows read first; then, failing those, all of it.
        if let Some((_, window)) = self.library.deferred.clone() {
            for i in window {
                if self.load_before_open(i) {
                    self.current = i;
                    self.message = None;
                    self.reflow();
                    return true;
                }
            }
            self.complete_list();
        }
        let start = self.current;
        let n = self.articles.len();
        for k in 0..n {
            let i = (start + k) % n;
            if self.load_before_open(i) {
                self.current = i;
                self.message = None;
                self.reflow();
                return true;
            }
        }
        false
    }

    /// Put the body back to a light row: the text, sections, analysis go (read again and
    /// analysed again if the article is opened again).
    fn unload(&mut self, i: usize) {
        let mut light = self.articles[i].clone();
        light.body = String::new();
        light.sections = Vec::new();
        light.meta.links = Vec::new();
        self.set_article(i, light);
        if let Some(slot) = self.analyses.get_mut(i) {
            *slot = None;
        }
        self.correcting.forget(i);
        self.library.requested.remove(&i);
    }

    fn set_article(&mut self, i: usize, article: Article) {
        match Arc::get_mut(&mut self.articles) {
            Some(slice) => slice[i] = article,
            None => {
                // Someone else holds the list for a moment: copy it (rare; light rows).
                let mut v = self.articles.to_vec();
                v[i] = article;
                self.articles = v.into();
            }
        }
    }

    /// After article `index` opened: mark it read, ask for its analysis first, and when it
    /// was opened from a filtered list, go to the first place the query matched.
    pub fn after_open(&mut self, index: usize) {
        if index >= self.articles.len() {
            return;
        }
        // A position remembered from an older copy of the file stays inside the text.
        if self.pos.offset > self.articles[index].body.len() {
            self.pos = Default::default();
        }
        // Read now; an unread-first list keeps its order until it is next recomputed.
        self.library.read.insert(index);
        self.request_analysis(index);
        if self.focus == Focus::List {
            self.go_to_hit(index);
        }
    }

    /// Ask the worker for article `index`'s analysis unless it is there or asked for.
    pub fn request_analysis(&mut self, index: usize) {
        if self.analyses.get(index).is_some_and(Option::is_some)
            || self.library.requested.contains(&index)
        {
            return;
        }
        let Some(tx) = &self.library.requests else {
            return;
        };
        let article = self.articles[index].clone();
        if article.body.is_empty() {
            return;
        }
        if tx.send(Request { index, article }).is_ok() {
            self.library.requested.insert(index);
        }
    }

    /// Show the first match of the list's query in article `index`.
    fn go_to_hit(&mut self, index: usize) {
        let Some(q) = self.library.query.clone() else {
            return;
        };
        let body = &self.articles[index].body;
        let mut spans = crate::index::search::word_spans(body, &q);
        if let (Some(ix), Some(rowid)) = (&self.library.index, self.library.rowid(index))
            && let Ok(found) = ix.term_spans(rowid, &q)
        {
            spans.extend(found.into_iter().filter(|s| s.end <= body.len()));
        }
        spans.sort();
        let Some(first) = spans.first().copied() else {
            return;
        };
        self.reflow();
        let line = self.wrapped.line_containing(first.start);
        // A line of context above the hit.
        self.set_top(line.saturating_sub(1));
        self.library.pending_cursor = Some(first.start);
        self.apply_pending_cursor(index);
        self.message = Some("opened at the first match of the filter".into());
    }

    /// The cursor sentence goes to the hit the article was opened at, once the sentences
    /// are known (called when an analysis arrives).
    pub(super) fn apply_pending_cursor(&mut self, index: usize) {
        if index != self.current {
            return;
        }
        let Some(offset) = self.library.pending_cursor else {
            return;
        };
        let Some(an) = self.analysis() else { return };
        if let Some(p) = an.sentences.iter().position(|s| s.end > offset) {
            self.cursor = p;
        }
        self.library.pending_cursor = None;
    }

    /// Background indexing said something.
    pub fn on_background(&mut self, event: Background) {
        match event {
            Background::Progress { done, total, rate } => {
                self.library.progress = Some((done, total, rate));
            }
            Background::Finished(line) => {
                self.library.progress = None;
                self.append_indexed();
                self.corpus_index_changed();
                if self.message.is_none() {
                    self.message = Some(line);
                }
            }
            Background::Failed(why) => {
                self.library.progress = None;
                self.message = Some(crate::sanitize::clean(&why).into_owned());
            }
        }
    }

    /// After an update: articles the index gained since the list was made join the list
    /// (at the end, so every index the reader holds stays valid); a corpus loaded from its
    /// files maps onto the index rows by id.
    fn append_indexed(&mut self) {
        if !self.library.lazy {
            let articles = Arc::clone(&self.articles);
            self.library.map_by_id(&articles);
            return;
        }
        let Some(root) = self.articles.first().map(|a| a.root.clone()) else {
            return;
        };
        let Some(index) = &self.library.index else {
            return;
        };
        let Ok(added) = index.listing_after(self.library.max_rowid) else {
            return;
        };
        if added.is_empty() {
            return;
        }
        let known: HashSet<&str> = self.articles.iter().map(|a| a.id.as_str()).collect();
        self.library.max_rowid = added
            .iter()
            .map(|l| l.rowid)
            .max()
            .unwrap_or(0)
            .max(self.library.max_rowid);
        let fresh: Vec<(i64, Article)> = added
            .into_iter()
            .filter(|l| !known.contains(l.id.as_str()))
            .filter_map(|l| {
                let rowid = l.rowid;
                stub(&root, l).map(|a| (rowid, a))
            })
            .collect();
        if fresh.is_empty() {
            return;
        }
        let mut v = self.articles.to_vec();
        let by_rowid = Arc::make_mut(&mut self.library.by_rowid);
        for (rowid, a) in fresh {
            by_rowid.insert(rowid, v.len());
            self.library.rowids.push(Some(rowid));
            v.push(a);
            self.analyses.push(None);
        }
        self.articles = v.into();
        self.library.computed_for = None;
        self.sync_list();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_line_reads_as_the_issue_shows_it() {
        let lib = Library {
            progress: Some((3412, 10038, 1234.0)),
            ..Library::default()
        };
        assert_eq!(
            lib.progress_text().as_deref(),
            Some("indexing 3,412/10,038 · 1.2k/s")
        );
        assert_eq!(thousands(100), "100");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(Library::default().progress_text(), None);
    }

    #[test]
    fn sort_keys_cycle_through_every_order() {
        let mut k = SortKey::Corpus;
        let mut seen = Vec::new();
        for _ in 0..5 {
            seen.push(k.label());
            k = k.next();
        }
        assert_eq!(k, SortKey::Corpus);
        assert_eq!(
            seen,
            ["corpus order", "date", "source", "title", "unread first"]
        );
    }
}
