//! Counting the corpus screen's lists over a filter, off the event loop.
//!
//! At 100,000 articles a filter matches tens of thousands of articles and recounting every
//! list over them reads a million actor rows: seconds, during which a screen counting on the
//! event loop would take no key. So the screen sends each filter to a thread of its own with
//! its own connection to the index ([`FilterWorker`]) and keeps drawing and taking keys,
//! saying "filtering…". Requests are numbered: a newer one interrupts the statement the
//! thread is running (`sqlite3_interrupt`), the thread skips any request older than the
//! newest waiting, and the screen drops an answer that is not for its newest request, so the
//! last filter typed always wins. Who appears with the actor under the cursor, over a
//! filter's articles, is counted there too (for a large actor it reads as many rows); over
//! every article it comes from the `pairs` table at once, on the event loop. The pages of
//! the articles behind a row (Enter) are read there as well: for a large actor or a broad
//! filter a page sorts tens of thousands of rows by date. Tests, which give the screen no
//! channel, count and read in line with [`count`].

use super::Msg;
use super::corpus_view::CorpusMsg;
use crate::annotations::across::article_terms;
use crate::index::views::{ArticleFacts, Behind, Companions, CorpusModel, Row, Subset};
use crate::index::{Index, IndexError};
use crate::query::Query;
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

/// Every list of the screen counted over one filter.
#[derive(Clone, Debug, PartialEq)]
pub struct Counted {
    pub subset: Subset,
    /// Actors, themes and tensions over the subset.
    pub rows: [Vec<Row>; 3],
    pub by_month: Vec<usize>,
    /// The ids of the articles the filter's article terms match, for the Notes list
    /// (`None`: the filter has no such term, every note's article passes).
    pub note_articles: Option<HashSet<String>>,
}

/// The answer to request number `generation`, for the filter as typed then.
#[derive(Debug)]
pub struct Filtered {
    pub generation: u64,
    pub filter: String,
    pub took: Duration,
    pub result: Result<Box<Counted>, String>,
}

/// Who appears with actor `actor` (a number into the model's actors) over the articles of
/// the filter answered under `generation`.
#[derive(Debug)]
pub struct CompanionsCounted {
    pub generation: u64,
    pub actor: usize,
    pub result: Result<Companions, String>,
}

/// Count every list of the screen over the articles `query` matches.
pub fn count(index: &Index, model: &CorpusModel, query: &Query) -> Result<Counted, IndexError> {
    let subset = model.subset(index, query)?;
    let rows = [
        model.actor_rows(index, &subset)?,
        model.theme_rows(index, &subset)?,
        model.tension_rows(index, &subset)?,
    ];
    let by_month = model.articles_by_month(index, &subset)?;
    let about_articles = article_terms(query);
    let note_articles = if about_articles.is_empty() {
        None
    } else {
        Some(index.matching_ids(&about_articles)?.into_iter().collect())
    };
    Ok(Counted {
        subset,
        rows,
        by_month,
        note_articles,
    })
}

/// A page of the articles behind a row, asked under number `ask` from `offset` on.
#[derive(Debug)]
pub struct BehindRead {
    pub ask: u64,
    pub offset: usize,
    pub result: Result<Vec<ArticleFacts>, String>,
}

enum Request {
    Filter {
        generation: u64,
        filter: String,
        query: Query,
    },
    /// Over the articles of filter `generation` (the last one counted).
    Companions { generation: u64, actor: usize },
    /// `limit` articles behind `what` over `subset`, from `offset` on.
    Behind {
        ask: u64,
        what: Behind,
        subset: Subset,
        offset: usize,
        limit: usize,
    },
}

/// The thread that counts filters for one loaded index; it ends when this is dropped.
pub struct FilterWorker {
    requests: Sender<Request>,
    newest: Arc<AtomicU64>,
    interrupt: rusqlite::InterruptHandle,
}

impl FilterWorker {
    /// Start a thread on a second connection to `index` (the screen's own stays free for
    /// what it reads as the cursor moves), answering through `answers`.
    pub fn start(
        index: &Index,
        model: &CorpusModel,
        answers: Sender<Msg>,
    ) -> Result<FilterWorker, IndexError> {
        let own = index.open_again()?;
        let interrupt = own.interrupt_handle();
        let model = model.for_another_connection();
        let (requests, inbox) = mpsc::channel();
        let newest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&newest);
        std::thread::spawn(move || serve(own, model, inbox, seen, answers));
        Ok(FilterWorker {
            requests,
            newest,
            interrupt,
        })
    }

    /// Ask for `query` (the filter `filter` as typed) under number `generation`, which is
    /// larger than any asked before; whatever older request is being counted is stopped.
    pub fn request(&self, generation: u64, filter: String, query: Query) -> bool {
        self.newest.store(generation, Ordering::SeqCst);
        self.interrupt.interrupt();
        self.requests
            .send(Request::Filter {
                generation,
                filter,
                query,
            })
            .is_ok()
    }

    /// Ask who appears with `actor` over the articles of filter `generation`, the last
    /// answered; an older request for another actor is skipped if still waiting.
    pub fn companions(&self, generation: u64, actor: usize) -> bool {
        self.requests
            .send(Request::Companions { generation, actor })
            .is_ok()
    }

    /// Ask for `limit` articles behind `what` over `subset` from `offset` on, under number
    /// `ask` (larger than any asked before: only the newest waiting is read).
    pub fn behind(
        &self,
        ask: u64,
        what: Behind,
        subset: Subset,
        offset: usize,
        limit: usize,
    ) -> bool {
        self.requests
            .send(Request::Behind {
                ask,
                what,
                subset,
                offset,
                limit,
            })
            .is_ok()
    }
}

fn serve(
    index: Index,
    model: CorpusModel,
    inbox: Receiver<Request>,
    newest: Arc<AtomicU64>,
    answers: Sender<Msg>,
) {
    // The last filter counted, for the companions asked over it.
    let mut last: Option<(u64, Box<Counted>)> = None;
    let current = |generation: u64| newest.load(Ordering::SeqCst) == generation;
    while let Ok(first) = inbox.recv() {
        // Of those waiting, only the newest filter and the newest companions matter.
        let mut waiting = vec![first];
        waiting.extend(inbox.try_iter());
        let newest_filter = waiting
            .iter()
            .rposition(|r| matches!(r, Request::Filter { .. }));
        let newest_companions = waiting
            .iter()
            .rposition(|r| matches!(r, Request::Companions { .. }));
        let newest_behind = waiting
            .iter()
            .rposition(|r| matches!(r, Request::Behind { .. }));
        for (i, request) in waiting.into_iter().enumerate() {
            if ![newest_filter, newest_companions, newest_behind].contains(&Some(i)) {
                continue;
            }
            let answer = match request {
                Request::Filter {
                    generation,
                    filter,
                    query,
                } => {
                    let started = Instant::now();
                    let Some(result) =
                        retry(&current, generation, || count(&index, &model, &query))
                    else {
                        continue;
                    };
                    if let Ok(c) = &result {
                        last = Some((generation, Box::new(c.clone())));
                    }
                    CorpusMsg::Filtered(Box::new(Filtered {
                        generation,
                        filter,
                        took: started.elapsed(),
                        result: result.map(Box::new).map_err(|e| e.to_string()),
                    }))
                }
                Request::Companions { generation, actor } => {
                    let Some((_, counted)) = last.as_ref().filter(|(g, _)| *g == generation) else {
                        continue;
                    };
                    let Some(result) = retry(&current, generation, || {
                        model.companions(&index, actor, &counted.subset, &counted.rows[0])
                    }) else {
                        continue;
                    };
                    CorpusMsg::Companions(Box::new(CompanionsCounted {
                        generation,
                        actor,
                        result: result.map_err(|e| e.to_string()),
                    }))
                }
                Request::Behind {
                    ask,
                    what,
                    subset,
                    offset,
                    limit,
                } => {
                    // Never stale by a filter's number: the screen drops an answer it no
                    // longer waits for; a filter's interrupt only makes it read again.
                    let result = retry(&|_| true, 0, || {
                        model.articles_behind(&index, what, &subset, offset, limit)
                    })
                    .unwrap_or_else(|| Ok(Vec::new()));
                    CorpusMsg::Behind(Box::new(BehindRead {
                        ask,
                        offset,
                        result: result.map_err(|e| e.to_string()),
                    }))
                }
            };
            if answers.send(Msg::Corpus(answer)).is_err() {
                return;
            }
        }
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
