//! Filtering the article list through the index, off the event loop.
//!
//! At 100,000 articles a broad filter (`kind:country`, `-theme:economy`) matches most of the
//! corpus: listing its matches and ordering them takes a tenth or a quarter of a second, too
//! long to spend on every keystroke while the reader takes no key. So the list sends each
//! filter to a thread with its own connection to the index ([`ListWorker`]) and keeps the
//! last list shown, saying "searching…", until the answer comes. Requests are numbered as in
//! [`super::corpus_filter`]: a newer one interrupts the statement running, the thread skips
//! every request older than the newest, and the list drops an answer that is not for its
//! newest request, so the last filter typed wins.
//!
//! Where the list's order is the index's own (newest first, or by rank with free words), the
//! thread answers first with the first [`FIRST_PAGE`] rows, which the index finds without
//! reading every match, then with the whole list.

use super::Msg;
use super::library::SortKey;
use crate::corpus::Article;
use crate::index::{Index, IndexError};
use crate::query::Query;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

/// Rows of the first answer where the index can give them in the list's order: a few
/// screens of the list.
pub const FIRST_PAGE: usize = 300;

/// What the list is, besides the filter: its order and the rows the matches map to.
#[derive(Clone)]
pub struct Shape {
    pub sort: SortKey,
    pub group: bool,
    /// The list's article of each index rowid.
    pub by_rowid: Arc<HashMap<i64, usize>>,
    /// The articles, when the order reads them (by date, source, title, folder).
    pub articles: Option<Arc<[Article]>>,
    /// Read articles, for an unread-first order.
    pub read: Arc<HashSet<usize>>,
}

impl Shape {
    /// Whether the index's page order ([`Index::matching_page`]) is this list's order:
    /// newest first (then by id) without free words, by rank with them.
    fn page_in_order(&self, ranked: bool) -> bool {
        !self.group
            && match self.sort {
                SortKey::Date => !ranked,
                SortKey::Corpus => ranked,
                _ => false,
            }
    }
}

/// The answer to request `generation`: the list's rows in order, the whole list when
/// `complete`, else its first page.
#[derive(Debug)]
pub struct Listed {
    pub generation: u64,
    pub complete: bool,
    pub result: Result<Vec<usize>, String>,
}

struct Request {
    generation: u64,
    query: Query,
    shape: Shape,
}

/// The thread that filters the list for one index; it ends when this is dropped.
pub struct ListWorker {
    requests: Sender<Request>,
    newest: Arc<AtomicU64>,
    interrupt: rusqlite::InterruptHandle,
}

impl ListWorker {
    /// Start a thread on a second connection to `index`, answering through `answers`, with
    /// first pages of `page_rows` rows.
    pub fn start(
        index: &Index,
        answers: Sender<Msg>,
        page_rows: usize,
    ) -> Result<ListWorker, IndexError> {
        let own = index.open_again()?;
        let interrupt = own.interrupt_handle();
        let (requests, inbox) = mpsc::channel();
        let newest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&newest);
        std::thread::spawn(move || {
            serve(&own, &inbox, &seen, page_rows, &mut |l| {
                answers.send(Msg::List(l)).is_ok()
            })
        });
        Ok(ListWorker {
            requests,
            newest,
            interrupt,
        })
    }

    /// Ask for the list of `query` in `shape` under number `generation`, larger than any
    /// asked before; whatever older request is running is stopped.
    pub fn request(&self, generation: u64, query: Query, shape: Shape) -> bool {
        self.newest.store(generation, Ordering::SeqCst);
        self.interrupt.interrupt();
        self.requests
            .send(Request {
                generation,
                query,
                shape,
            })
            .is_ok()
    }
}

/// Answer the requests of `inbox` through `answer` (false: nobody listens any more), only
/// ever the newest waiting, and only while it is `newest`; a first page is `page_rows` rows.
fn serve(
    index: &Index,
    inbox: &Receiver<Request>,
    newest: &AtomicU64,
    page_rows: usize,
    answer: &mut dyn FnMut(Listed) -> bool,
) {
    let current = |generation: u64| newest.load(Ordering::SeqCst) == generation;
    while let Ok(first) = inbox.recv() {
        let request = inbox.try_iter().last().unwrap_or(first);
        let Request {
            generation,
            query,
            shape,
        } = request;
        let ranked = query.words().next().is_some();
        if shape.page_in_order(ranked) {
            let Some(page) = retry(&current, generation, || {
                index.matching_page(&query, page_rows)
            }) else {
                continue;
            };
            // A page short of the limit holds every match: it is the whole answer. (Counted
            // on the index's rows: some may not be in the list yet.)
            let complete = page.as_ref().map_or(true, |rows| rows.len() < page_rows);
            let page = page.map(|rows| rows_of(&rows, &shape));
            let listed = Listed {
                generation,
                complete,
                result: page.map_err(|e| e.to_string()),
            };
            if !answer(listed) {
                return;
            }
            if complete {
                continue;
            }
        }
        let Some(rows) = retry(&current, generation, || index.matching_any_order(&query)) else {
            continue;
        };
        let result = rows
            .map(|rows| {
                let mut items = rows_of(&rows, &shape);
                order(&mut items, ranked, &shape);
                items
            })
            .map_err(|e| e.to_string());
        // The articles go back before the answer: the list may replace one of them.
        drop(shape);
        if !current(generation) {
            continue;
        }
        let listed = Listed {
            generation,
            complete: true,
            result,
        };
        if !answer(listed) {
            return;
        }
    }
}

/// The list's articles of index rows `rows` (rows it does not hold yet are left out).
fn rows_of(rows: &[(i64, Option<f64>)], shape: &Shape) -> Vec<usize> {
    rows.iter()
        .filter_map(|(r, _)| shape.by_rowid.get(r).copied())
        .collect()
}

/// Sort the list's rows (stable: ties keep the filter's order, the rank with free words)
/// and group them by folder.
pub fn order(items: &mut [usize], ranked: bool, shape: &Shape) {
    if !ranked {
        items.sort_unstable();
    }
    let Some(articles) = shape.articles.as_deref() else {
        if shape.sort == SortKey::Unread {
            items.sort_by_key(|i| shape.read.contains(i));
        }
        return;
    };
    match shape.sort {
        SortKey::Corpus => {}
        SortKey::Date => items.sort_by(|&a, &b| {
            let date = |i: usize| articles[i].meta.date.as_deref().unwrap_or("");
            date(b).cmp(date(a))
        }),
        SortKey::Source => items.sort_by_cached_key(|&i| {
            articles[i]
                .meta
                .source
                .as_deref()
                .unwrap_or("")
                .to_lowercase()
        }),
        SortKey::Title => items.sort_by_cached_key(|&i| articles[i].title.to_lowercase()),
        SortKey::Unread => items.sort_by_key(|i| shape.read.contains(i)),
    }
    if shape.group {
        items.sort_by_cached_key(|&i| super::library::folder_of(&articles[i].id).to_string());
    }
}

/// Run `work` for request `generation` while it is the newest; again when the interrupt
/// meant for an older request reached it. `None` once a newer request made it useless.
fn retry<T>(
    current: &impl Fn(u64) -> bool,
    generation: u64,
    mut work: impl FnMut() -> Result<T, IndexError>,
) -> Option<Result<T, IndexError>> {
    loop {
        if !current(generation) {
            return None;
        }
        match work() {
            Err(e) if e.interrupted => continue,
            other => return Some(other),
        }
    }
}

/// [`serve`] in line, for tests: the requests `asked` (number, query, shape) as if they had
/// all been waiting when the thread looked, the last of them the newest, with first pages
/// of `page_rows` rows (small, so that a small corpus has more than a page); every answer
/// given, in order.
pub fn serve_waiting(
    index: &Index,
    asked: Vec<(u64, Query, Shape)>,
    page_rows: usize,
) -> Vec<Listed> {
    let (tx, inbox) = mpsc::channel();
    let newest = AtomicU64::new(asked.last().map_or(0, |a| a.0));
    for (generation, query, shape) in asked {
        let _ = tx.send(Request {
            generation,
            query,
            shape,
        });
    }
    drop(tx);
    let mut answers = Vec::new();
    serve(index, &inbox, &newest, page_rows, &mut |l| {
        answers.push(l);
        true
    });
    answers
}
