//! The incremental update: compare the files of a corpus folder with what the index holds,
//! analyse only what is new or changed (on all cores), store it, forget deleted files, then
//! reconcile actors across the corpus and refresh the annotations table.
//!
//! A file is unchanged when its size and modification time are those stored and it was
//! analysed under the current fingerprint (engine version and configuration). A file whose
//! time changed but whose body hash did not (touched, copied) is not analysed again.
//!
//! One writer at a time: the update holds `index.sqlite.lock` (an OS file lock, released if
//! the process dies) and writes in short IMMEDIATE transactions, so readers (WAL) keep
//! reading while it runs and see each batch as it commits.

use super::actors::{Occurrence, aggregate, joins_a_full_name, reconcile, surname_of};
use super::aggregates::{self, AggregateDelta, Contribution};
use super::pairs::{self, PairDelta};
use super::rows::{self, ArticleRows};
use super::{Index, IndexError, article_fingerprint};
use crate::analysis::Analyzer;
use crate::annotations::{self, store::parse_sidecar};
use crate::corpus::scan::ArticleFile;
use crate::corpus::{self, LoadOptions, Problem, Severity};
use crate::corrections::Corrections;
use crate::corrections::store::CorrectionStore;
use rayon::prelude::*;
use rusqlite::{TransactionBehavior, params};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, UNIX_EPOCH};

/// How an update runs.
#[derive(Clone, Debug)]
pub struct UpdateOptions {
    /// The analysis fingerprint (see [`super::fingerprint`]).
    pub fingerprint: String,
    pub load: LoadOptions,
    /// Remove articles whose files are not among those given (true when the files are a
    /// whole folder's scan).
    pub prune: bool,
    /// Wait for another writer to finish instead of giving up at once.
    pub wait_for_writer: bool,
}

/// How far an update has got.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Progress {
    /// Files looked at, of `total`.
    pub done: usize,
    pub total: usize,
    /// Files that had to be read and analysed, and their bytes, so far.
    pub analysed: usize,
    pub bytes: u64,
}

/// What an update did.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub files: usize,
    pub new: usize,
    pub changed: usize,
    /// Time changed, text did not: not analysed again.
    pub touched: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Bytes of the files read and analysed.
    pub bytes: u64,
    pub elapsed: Duration,
    /// Files that could not be indexed, and warnings met while loading.
    pub problems: Vec<Problem>,
    /// Another writer held the index and `wait_for_writer` was false: nothing was done.
    pub busy: bool,
}

/// What one worker made of one file.
enum Outcome {
    Analysed {
        rows: Box<ArticleRows>,
        title: String,
        body: String,
        hash: String,
        file: FileFacts,
        new: bool,
        problems: Vec<Problem>,
        /// What it was analysed under (see [`article_fingerprint`]).
        fingerprint: String,
    },
    Touched {
        id: String,
        file: FileFacts,
    },
    Failed {
        id: String,
        problems: Vec<Problem>,
    },
}

#[derive(Clone, Debug)]
struct FileFacts {
    rel: String,
    size: u64,
    mtime_ns: i64,
}

/// A file to look at again: read, and analysed unless only its time changed.
struct Job<'a> {
    file: &'a ArticleFile,
    facts: FileFacts,
    new: bool,
    fingerprint: String,
}

struct Stored {
    size: u64,
    mtime_ns: i64,
    hash: String,
    fingerprint: String,
}

fn mtime_ns(meta: &fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i64)
}

/// What a write touched, for reconciling only the corpus actors it can change: the corpus
/// keys of actors added or removed, and the surnames whose full names (or lone uses) came
/// or went.
#[derive(Debug, Default)]
struct Dirty {
    keys: HashSet<String>,
    surnames: HashSet<String>,
    /// Pair counts to change with each write; `None` while the pair table is to be counted
    /// afresh at the end (see [`super::pairs`]).
    pairs: Option<PairDelta>,
    /// Aggregate counts to change likewise (see [`super::aggregates`]); `None` with `pairs`.
    aggregates: Option<AggregateDelta>,
}

impl Dirty {
    fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.surnames.is_empty()
    }

    /// An actor row of `kind` with `name_key`, now in the corpus under `corpus_key`, added
    /// or about to be removed.
    fn touch(&mut self, kind: &str, name_key: &str, corpus_key: &str) {
        self.keys.insert(corpus_key.to_string());
        if let Some(s) = surname_of(kind, name_key) {
            self.surnames.insert(s.to_string());
        }
        if joins_a_full_name(kind, name_key) {
            self.surnames.insert(name_key.to_string());
        }
    }

    /// The actor rows of article `rowid`, before they are deleted (its pairs go).
    fn forget(&mut self, tx: &rusqlite::Transaction, rowid: i64) -> rusqlite::Result<()> {
        let before = self.contribution(tx, Some(rowid))?;
        let old = self.forget_where(tx, "?1", rowid)?;
        self.pairs_changed(&old, &BTreeSet::new());
        self.contribution_changed(&before, &Contribution::default());
        Ok(())
    }

    /// What article `rowid` adds to the aggregates now, when they are kept as it changes.
    fn contribution(
        &self,
        tx: &rusqlite::Transaction,
        rowid: Option<i64>,
    ) -> rusqlite::Result<Contribution> {
        match (&self.aggregates, rowid) {
            (Some(_), Some(r)) => Contribution::read(tx, r),
            _ => Ok(Contribution::default()),
        }
    }

    fn contribution_changed(&mut self, old: &Contribution, new: &Contribution) {
        if let Some(a) = &mut self.aggregates {
            a.change(old, new);
        }
    }

    /// The actor rows of the article with this id, before it is written again; returns the
    /// corpus actors it named.
    fn forget_article(
        &mut self,
        tx: &rusqlite::Transaction,
        id: &str,
    ) -> rusqlite::Result<BTreeSet<String>> {
        self.forget_where(tx, "(SELECT rowid FROM articles WHERE id = ?1)", id)
    }

    fn forget_where(
        &mut self,
        tx: &rusqlite::Transaction,
        article: &str,
        param: impl rusqlite::ToSql,
    ) -> rusqlite::Result<BTreeSet<String>> {
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT kind, name_key, corpus_key FROM actors WHERE article = {article}"
        ))?;
        let mut rows = stmt.query([param])?;
        let mut named = BTreeSet::new();
        while let Some(r) = rows.next()? {
            let (kind, name_key, key): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            self.touch(&kind, &name_key, &key);
            named.insert(key);
        }
        Ok(named)
    }

    /// An article named the corpus actors `old` and now names `new`.
    fn pairs_changed(&mut self, old: &BTreeSet<String>, new: &BTreeSet<String>) {
        if let Some(p) = &mut self.pairs {
            p.change(old, new);
        }
    }

    /// Write the pair counts changed so far, in the transaction that changed them.
    fn write_pairs(&mut self, tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
        if let Some(a) = &mut self.aggregates {
            a.apply(tx)?;
        }
        match &mut self.pairs {
            Some(p) => p.apply(tx),
            None => Ok(()),
        }
    }
}

/// Rows written per transaction: small enough that readers see progress and the lock is
/// held briefly, large enough that commits do not dominate.
const BATCH: usize = 256;

impl Index {
    /// Bring the index up to date with `files` (the scan of this index's folder). Calls
    /// `progress` as files are looked at. `cancel` stops the update between batches (what is
    /// committed stays). Returns what was done.
    pub fn update(
        &mut self,
        files: &[ArticleFile],
        analyzer: &Analyzer,
        options: &UpdateOptions,
        cancel: Option<&AtomicBool>,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<Summary, IndexError> {
        let started = Instant::now();
        let mut summary = Summary {
            files: files.len(),
            ..Summary::default()
        };
        let Some(_lock) = self.writer_lock(options.wait_for_writer)? else {
            summary.busy = true;
            return Ok(summary);
        };
        let stored = self.stored()?;
        // The analyst's corrections are applied before storing (see `rows::prepare`) and
        // are part of each article's fingerprint: a changed correction re-analyses the
        // articles it is about.
        let (store, notices) = CorrectionStore::load(&self.root);
        summary
            .problems
            .extend(notices.into_iter().map(|n| Problem {
                path: n.path,
                line: n.line,
                severity: Severity::Warning,
                message: n.message,
            }));
        let corrections = store.corrections();
        let mut jobs: Vec<Job> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::with_capacity(files.len());
        let mut gone: Vec<String> = Vec::new();
        for file in files {
            seen.insert(&file.id);
            let meta = match fs::metadata(&file.path) {
                Ok(m) => m,
                Err(e) => {
                    summary.problems.push(Problem {
                        path: file.path.clone(),
                        line: None,
                        severity: Severity::Error,
                        message: format!("cannot read: {e}"),
                    });
                    gone.push(file.id.clone());
                    continue;
                }
            };
            let facts = FileFacts {
                rel: file.rel.to_string_lossy().replace('\\', "/"),
                size: meta.len(),
                mtime_ns: mtime_ns(&meta),
            };
            let fingerprint = article_fingerprint(&options.fingerprint, corrections, &file.id);
            match stored.get(file.id.as_str()) {
                Some(s)
                    if s.size == facts.size
                        && s.mtime_ns == facts.mtime_ns
                        && s.fingerprint == fingerprint =>
                {
                    summary.unchanged += 1;
                }
                s => jobs.push(Job {
                    file,
                    facts,
                    new: s.is_none(),
                    fingerprint,
                }),
            }
        }
        let mut state = Progress {
            done: summary.unchanged,
            total: files.len(),
            ..Progress::default()
        };
        progress(&state);

        // A first build, or a table left stale, counts the pairs once at the end; an update
        // changes the counts of what it writes, as it writes.
        let pairs_fresh = !stored.is_empty()
            && !pairs::is_stale(&self.conn).map_err(|e| self.err("read the index", e))?;
        if !pairs_fresh {
            pairs::mark_stale(&self.conn).map_err(|e| self.err("mark the pairs", e))?;
        }
        let mut dirty = Dirty {
            pairs: pairs_fresh.then(PairDelta::default),
            aggregates: pairs_fresh.then(AggregateDelta::default),
            ..Dirty::default()
        };
        let (tx, rx) = std::sync::mpsc::sync_channel::<Outcome>(BATCH * 2);
        let stop = AtomicBool::new(false);
        let result = std::thread::scope(|s| -> Result<(), IndexError> {
            let jobs = &jobs;
            let stored = &stored;
            let stop = &stop;
            s.spawn(move || {
                jobs.par_iter().for_each_with(tx, |tx, job| {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let outcome = analyse_one(job, stored, analyzer, corrections, options);
                    if tx.send(outcome).is_err() {
                        stop.store(true, Ordering::Relaxed);
                    }
                });
            });
            let mut batch: Vec<Outcome> = Vec::with_capacity(BATCH);
            let dirty = &mut dirty;
            let flush = |index: &mut Index,
                         batch: &mut Vec<Outcome>,
                         summary: &mut Summary,
                         dirty: &mut Dirty|
             -> Result<(), IndexError> {
                index.write_batch(batch, summary, dirty)?;
                batch.clear();
                Ok(())
            };
            let mut last_flush = Instant::now();
            for outcome in rx.iter() {
                state.done += 1;
                if let Outcome::Analysed { file, .. } = &outcome {
                    state.analysed += 1;
                    state.bytes += file.size;
                }
                batch.push(outcome);
                if batch.len() >= BATCH || last_flush.elapsed() > Duration::from_millis(500) {
                    if let Err(e) = flush(self, &mut batch, &mut summary, dirty) {
                        stop.store(true, Ordering::Relaxed);
                        return Err(e);
                    }
                    last_flush = Instant::now();
                    progress(&state);
                    if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                        stop.store(true, Ordering::Relaxed);
                        break;
                    }
                }
            }
            flush(self, &mut batch, &mut summary, dirty)?;
            progress(&state);
            Ok(())
        });
        result?;
        summary.bytes = state.bytes;

        if options.prune {
            gone.extend(
                stored
                    .keys()
                    .filter(|id| !seen.contains(id.as_str()))
                    .cloned(),
            );
        }
        summary.removed = self.remove(&gone, &mut dirty)?;
        // Only the corpus actors the changed articles can affect are recomputed; an index
        // without corpus actors yet (a first build) reconciles everything at once.
        if self.needs_reconcile()? {
            self.reconcile_actors()?;
        } else if !dirty.is_empty() {
            self.reconcile_dirty(dirty)?;
        }
        if !pairs_fresh {
            self.rebuild_pairs()?;
        }
        self.refresh_notes()?;
        if summary.new + summary.changed + summary.removed > 0 {
            self.truncate_wal();
        }
        summary.elapsed = started.elapsed();
        Ok(summary)
    }

    /// After an update that wrote: copy the WAL into the database and cut the file back to
    /// nothing, so the index's size on disk is the database's (a full build left a WAL of a
    /// third of the database until the last connection closed). Best effort: a reader holding
    /// a snapshot only delays it.
    fn truncate_wal(&mut self) {
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }

    /// The writer's lock, or `None` when another process holds it and we may not wait.
    fn writer_lock(&self, wait: bool) -> Result<Option<fs::File>, IndexError> {
        let path = PathBuf::from(format!("{}.lock", self.path.display()));
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| {
                IndexError::new(format!(
                    "cannot open the index lock {}: {e}",
                    path.display()
                ))
            })?;
        match file.try_lock() {
            Ok(()) => Ok(Some(file)),
            Err(fs::TryLockError::WouldBlock) if wait => {
                eprintln!(
                    "newslens: another newslens is updating {}; waiting for it to finish",
                    self.path.display()
                );
                file.lock().map_err(|e| {
                    IndexError::new(format!("cannot lock the index {}: {e}", path.display()))
                })?;
                Ok(Some(file))
            }
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(e)) => Err(IndexError::new(format!(
                "cannot lock the index {}: {e}",
                path.display()
            ))),
        }
    }

    fn stored(&self) -> Result<HashMap<String, Stored>, IndexError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, size, mtime_ns, body_hash, fingerprint FROM articles")
            .map_err(|e| self.err("read the articles", e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    Stored {
                        size: r.get::<_, i64>(1)? as u64,
                        mtime_ns: r.get(2)?,
                        hash: r.get(3)?,
                        fingerprint: r.get(4)?,
                    },
                ))
            })
            .and_then(|rows| rows.collect::<Result<HashMap<_, _>, _>>())
            .map_err(|e| self.err("read the articles", e))?;
        Ok(rows)
    }

    fn write_batch(
        &mut self,
        batch: &mut Vec<Outcome>,
        summary: &mut Summary,
        dirty: &mut Dirty,
    ) -> Result<(), IndexError> {
        if batch.is_empty() {
            return Ok(());
        }
        let path = self.path.clone();
        let err = |e| IndexError::sql(&path, "store analyses", e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let mut failed = Vec::new();
        for outcome in batch.drain(..) {
            match outcome {
                Outcome::Analysed {
                    rows,
                    title,
                    body,
                    hash,
                    file,
                    new,
                    problems,
                    fingerprint,
                } => {
                    let was: Option<i64> = tx
                        .prepare_cached("SELECT rowid FROM articles WHERE id = ?1")
                        .and_then(|mut s| s.query_row([&rows.article.id], |r| r.get(0)))
                        .map(Some)
                        .or_else(|e| match e {
                            rusqlite::Error::QueryReturnedNoRows => Ok(None),
                            e => Err(e),
                        })
                        .map_err(err)?;
                    let before = dirty.contribution(&tx, was).map_err(err)?;
                    let old = dirty.forget_article(&tx, &rows.article.id).map_err(err)?;
                    let rowid =
                        write_article(&tx, &rows, &title, &body, &hash, &file, &fingerprint)
                            .map_err(err)?;
                    aggregates::set_tension_pairs(&tx, rowid).map_err(err)?;
                    let after = dirty.contribution(&tx, Some(rowid)).map_err(err)?;
                    dirty.contribution_changed(&before, &after);
                    // Written under their own names; reconciling may re-key them after.
                    let mut named = BTreeSet::new();
                    for r in &rows.actors {
                        dirty.touch(r.kind, &r.name_key, &r.name_key);
                        named.insert(r.name_key.clone());
                    }
                    dirty.pairs_changed(&old, &named);
                    if new {
                        summary.new += 1;
                    } else {
                        summary.changed += 1;
                    }
                    summary.problems.extend(problems);
                }
                Outcome::Touched { id, file } => {
                    tx.prepare_cached("UPDATE articles SET size = ?1, mtime_ns = ?2 WHERE id = ?3")
                        .and_then(|mut s| s.execute(params![file.size as i64, file.mtime_ns, id]))
                        .map_err(err)?;
                    summary.touched += 1;
                }
                Outcome::Failed { id, problems } => {
                    summary.problems.extend(problems);
                    failed.push(id);
                }
            }
        }
        dirty.write_pairs(&tx).map_err(err)?;
        tx.commit().map_err(err)?;
        // A file that no longer loads is no article: its old rows go.
        summary.removed += self.remove(&failed, dirty)?;
        Ok(())
    }

    /// Remove the articles with these ids and everything stored for them.
    fn remove(&mut self, ids: &[String], dirty: &mut Dirty) -> Result<usize, IndexError> {
        if ids.is_empty() {
            return Ok(0);
        }
        let path = self.path.clone();
        let err = |e| IndexError::sql(&path, "remove deleted articles", e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let mut n = 0;
        for id in ids {
            let rowid: Option<i64> = tx
                .prepare_cached("SELECT rowid FROM articles WHERE id = ?1")
                .and_then(|mut s| {
                    s.query_row([id], |r| r.get(0))
                        .map(Some)
                        .or_else(|e| match e {
                            rusqlite::Error::QueryReturnedNoRows => Ok(None),
                            e => Err(e),
                        })
                })
                .map_err(err)?;
            if let Some(rowid) = rowid {
                dirty.forget(&tx, rowid).map_err(err)?;
                delete_children(&tx, rowid).map_err(err)?;
                tx.execute("DELETE FROM articles WHERE rowid = ?1", [rowid])
                    .map_err(err)?;
                n += 1;
            }
        }
        dirty.write_pairs(&tx).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(n)
    }

    fn needs_reconcile(&self) -> Result<bool, IndexError> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM corpus_actors) = 0 AND EXISTS (SELECT 1 FROM actors)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err("read the corpus actors", e))
    }

    /// Recompute every actor's corpus key and the corpus actor table (see [`super::actors`]).
    pub fn reconcile_actors(&mut self) -> Result<(), IndexError> {
        let path = self.path.clone();
        let err = |e| IndexError::sql(&path, "reconcile actors across articles", e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let mut places: Vec<(i64, i64, String)> = Vec::new();
        let mut occurrences = Vec::new();
        {
            let mut stmt = tx
                .prepare(
                    "SELECT article, ord, name, kind, name_key, aliases, mentions, corpus_key \
                     FROM actors",
                )
                .map_err(err)?;
            let mut rows = stmt.query([]).map_err(err)?;
            while let Some(r) = rows.next().map_err(err)? {
                occurrences.push(Occurrence {
                    article: r.get(0).map_err(err)?,
                    name_key: r.get(4).map_err(err)?,
                    name: r.get(2).map_err(err)?,
                    kind: r.get(3).map_err(err)?,
                    aliases: r.get(5).map_err(err)?,
                    mentions: r.get::<_, i64>(6).map_err(err)? as usize,
                });
                places.push((
                    r.get(0).map_err(err)?,
                    r.get(1).map_err(err)?,
                    r.get(7).map_err(err)?,
                ));
            }
        }
        let (keys, actors) = reconcile(&occurrences);
        // The pairs of the articles whose actors change key (all of each article's rows are
        // in `places`).
        let changed: HashSet<i64> = places
            .iter()
            .zip(&keys)
            .filter(|((_, _, old), key)| old != *key)
            .map(|((article, _, _), _)| *article)
            .collect();
        let mut named: HashMap<i64, (BTreeSet<String>, BTreeSet<String>)> = HashMap::new();
        for ((article, _, old), key) in places.iter().zip(&keys) {
            if changed.contains(article) {
                let (before, after) = named.entry(*article).or_default();
                before.insert(old.clone());
                after.insert(key.clone());
            }
        }
        let mut delta = PairDelta::default();
        for (before, after) in named.values() {
            delta.change(before, after);
        }
        let mut changed: Vec<i64> = changed.into_iter().collect();
        changed.sort_unstable();
        let before: Vec<Contribution> = changed
            .iter()
            .map(|&a| Contribution::read(&tx, a))
            .collect::<rusqlite::Result<_>>()
            .map_err(err)?;
        {
            let mut set = tx
                .prepare("UPDATE actors SET corpus_key = ?1 WHERE article = ?2 AND ord = ?3")
                .map_err(err)?;
            for ((article, ord, old), key) in places.iter().zip(&keys) {
                if old != key {
                    set.execute(params![key, article, ord]).map_err(err)?;
                }
            }
            delta.apply(&tx).map_err(err)?;
            // The tensions of the articles re-keyed change pair; the aggregates follow.
            let mut counts = AggregateDelta::default();
            for (&a, old) in changed.iter().zip(&before) {
                aggregates::set_tension_pairs(&tx, a).map_err(err)?;
                counts.change(old, &Contribution::read(&tx, a).map_err(err)?);
            }
            counts.apply(&tx).map_err(err)?;
            tx.execute("DELETE FROM corpus_actors", []).map_err(err)?;
            let mut add = tx.prepare(INSERT_CORPUS_ACTOR).map_err(err)?;
            for a in &actors {
                insert_corpus_actor(&mut add, a).map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    /// Recompute only what `dirty` can have changed: the corpus key of lone surnames whose
    /// full names came or went, then the corpus actors whose members changed. Gives what
    /// [`Index::reconcile_actors`] gives (the tests compare the two), at a cost proportional
    /// to the actors touched rather than to the corpus.
    fn reconcile_dirty(&mut self, dirty: Dirty) -> Result<(), IndexError> {
        let path = self.path.clone();
        let err = |e| IndexError::sql(&path, "reconcile actors across articles", e);
        let Dirty {
            mut keys,
            surnames,
            mut pairs,
            mut aggregates,
        } = dirty;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        {
            let mut fulls = tx
                .prepare("SELECT DISTINCT name_key FROM actors WHERE surname = ?1")
                .map_err(err)?;
            let mut lone = tx
                .prepare(
                    "SELECT article, ord, corpus_key FROM actors \
                     WHERE kind = 'person' AND name_key = ?1",
                )
                .map_err(err)?;
            let mut set = tx
                .prepare("UPDATE actors SET corpus_key = ?1 WHERE article = ?2 AND ord = ?3")
                .map_err(err)?;
            let mut surnames: Vec<&String> = surnames.iter().collect();
            surnames.sort();
            // Each surname's rows are its own (their name_key is the surname): gather every
            // change first, so each article's actors are known before and after.
            let mut changes: Vec<(i64, i64, String)> = Vec::new();
            for s in surnames {
                let full: Vec<String> = fulls
                    .query_map([s], |r| r.get(0))
                    .and_then(|rows| rows.collect())
                    .map_err(err)?;
                let target = match full.as_slice() {
                    [one] => one.clone(),
                    _ => s.clone(),
                };
                let rows: Vec<(i64, i64, String)> = lone
                    .query_map([s], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .and_then(|rows| rows.collect())
                    .map_err(err)?;
                for (article, ord, old) in rows {
                    if old != target {
                        changes.push((article, ord, target.clone()));
                        keys.insert(old);
                        keys.insert(target.clone());
                    }
                }
            }
            let articles: BTreeSet<i64> = changes.iter().map(|c| c.0).collect();
            let before: Vec<(i64, BTreeSet<String>)> = if pairs.is_some() {
                articles
                    .iter()
                    .map(|&a| Ok((a, pairs::article_keys(&tx, a)?)))
                    .collect::<rusqlite::Result<_>>()
                    .map_err(err)?
            } else {
                Vec::new()
            };
            let contributions: Vec<Contribution> = if aggregates.is_some() {
                articles
                    .iter()
                    .map(|&a| Contribution::read(&tx, a))
                    .collect::<rusqlite::Result<_>>()
                    .map_err(err)?
            } else {
                Vec::new()
            };
            for (article, ord, target) in &changes {
                set.execute(params![target, article, ord]).map_err(err)?;
            }
            // The tensions of the articles re-keyed change pair; the aggregates follow.
            for &a in &articles {
                aggregates::set_tension_pairs(&tx, a).map_err(err)?;
            }
            if let Some(counts) = &mut aggregates {
                for (&a, old) in articles.iter().zip(&contributions) {
                    counts.change(old, &Contribution::read(&tx, a).map_err(err)?);
                }
                counts.apply(&tx).map_err(err)?;
            }
            if let Some(delta) = &mut pairs {
                for (a, old) in &before {
                    let new = pairs::article_keys(&tx, *a).map_err(err)?;
                    delta.change(old, &new);
                }
                delta.apply(&tx).map_err(err)?;
            }
        }
        {
            let mut members = tx
                .prepare(
                    "SELECT article, name, kind, name_key, aliases, mentions FROM actors \
                     WHERE corpus_key = ?1",
                )
                .map_err(err)?;
            let mut drop = tx
                .prepare("DELETE FROM corpus_actors WHERE key = ?1")
                .map_err(err)?;
            let mut add = tx.prepare(INSERT_CORPUS_ACTOR).map_err(err)?;
            for key in &keys {
                let occurrences: Vec<Occurrence> = members
                    .query_map([key], |r| {
                        Ok(Occurrence {
                            article: r.get(0)?,
                            name: r.get(1)?,
                            kind: r.get(2)?,
                            name_key: r.get(3)?,
                            aliases: r.get(4)?,
                            mentions: r.get::<_, i64>(5)? as usize,
                        })
                    })
                    .and_then(|rows| rows.collect())
                    .map_err(err)?;
                drop.execute([key]).map_err(err)?;
                if occurrences.is_empty() {
                    continue;
                }
                let refs: Vec<&Occurrence> = occurrences.iter().collect();
                insert_corpus_actor(&mut add, &aggregate(key, &refs)).map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    /// Count the pair table afresh (see [`super::pairs`]).
    fn rebuild_pairs(&mut self) -> Result<(), IndexError> {
        let path = self.path.clone();
        let err = |e| IndexError::sql(&path, "count co-occurrences", e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        aggregates::rebuild(&tx).map_err(err)?;
        pairs::rebuild(&tx).map_err(err)?;
        tx.commit().map_err(err)
    }

    /// Bring the notes table in line with the annotation sidecars of the corpus (only
    /// sidecars whose size or time changed are read again).
    pub fn refresh_notes(&mut self) -> Result<(), IndexError> {
        let dir = self.root.join(".newslens").join("annotations");
        let mut found: Vec<(String, PathBuf, u64, i64)> = Vec::new();
        collect_sidecars(&dir, &dir, &mut found);
        let path = self.path.clone();
        let err = |e| IndexError::sql(&path, "store annotations", e);
        let known: HashMap<String, (u64, i64)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT path, size, mtime_ns FROM sidecars")
                .map_err(err)?;
            stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    (r.get::<_, i64>(1)? as u64, r.get::<_, i64>(2)?),
                ))
            })
            .and_then(|rows| rows.collect::<Result<_, _>>())
            .map_err(err)?
        };
        let present: HashSet<&str> = found.iter().map(|f| f.0.as_str()).collect();
        let stale: Vec<&String> = known
            .keys()
            .filter(|k| !present.contains(k.as_str()))
            .collect();
        let changed: Vec<&(String, PathBuf, u64, i64)> = found
            .iter()
            .filter(|(rel, _, size, mtime)| known.get(rel) != Some(&(*size, *mtime)))
            .collect();
        if stale.is_empty() && changed.is_empty() {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        for rel in stale {
            tx.execute("DELETE FROM notes WHERE sidecar = ?1", [rel])
                .map_err(err)?;
            tx.execute("DELETE FROM sidecars WHERE path = ?1", [rel])
                .map_err(err)?;
        }
        for (rel, file, size, mtime) in changed {
            tx.execute("DELETE FROM notes WHERE sidecar = ?1", [rel])
                .map_err(err)?;
            // An unreadable sidecar indexes no notes; the reader reports it when opened.
            let list = fs::read(file)
                .ok()
                .and_then(|b| parse_sidecar(&b).ok())
                .unwrap_or_default();
            let article_id = rel.strip_suffix(".toml").unwrap_or(rel);
            for a in &list {
                tx.execute(
                    "INSERT INTO notes(sidecar, article_id, annotation, tags, note, quote, start, \"end\", modified) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![
                        rel,
                        article_id,
                        a.id,
                        a.tags.join("\n"),
                        a.note,
                        a.target.exact,
                        a.target.start as i64,
                        a.target.end as i64,
                        a.modified
                    ],
                )
                .map_err(err)?;
            }
            tx.execute(
                "INSERT OR REPLACE INTO sidecars(path, size, mtime_ns) VALUES (?1, ?2, ?3)",
                params![rel, *size as i64, mtime],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)
    }
}

/// Sidecar files under `dir` as (path relative to `base`, path, size, mtime); temporary
/// files of atomic writes (hidden) are skipped.
fn collect_sidecars(base: &Path, dir: &Path, out: &mut Vec<(String, PathBuf, u64, i64)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.as_encoded_bytes().first() == Some(&b'.') {
            continue;
        }
        let path = entry.path();
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            collect_sidecars(base, &path, out);
        } else if path.extension().is_some_and(|e| e == "toml")
            && let Ok(rel) = path.strip_prefix(base)
        {
            let rel = rel.to_string_lossy().replace('\\', "/");
            out.push((rel, path.clone(), meta.len(), mtime_ns(&meta)));
        }
    }
}

fn analyse_one(
    job: &Job,
    stored: &HashMap<String, Stored>,
    analyzer: &Analyzer,
    corrections: &Corrections,
    options: &UpdateOptions,
) -> Outcome {
    let Job {
        file,
        facts,
        new,
        fingerprint,
    } = job;
    let (article, mut problems) = corpus::load_file(file, &options.load);
    let Some(article) = article else {
        return Outcome::Failed {
            id: file.id.clone(),
            problems,
        };
    };
    let hash = annotations::body_hash(&article.body);
    if let Some(s) = stored.get(&file.id)
        && s.hash == hash
        && &s.fingerprint == fingerprint
    {
        return Outcome::Touched {
            id: file.id.clone(),
            file: facts.clone(),
        };
    }
    let run = std::panic::AssertUnwindSafe(|| analyzer.analyze(&article));
    let analysis = match std::panic::catch_unwind(run) {
        Ok(a) => {
            let (analysis, unapplied) = rows::prepare(&article, a, corrections);
            problems.extend(unapplied.iter().map(|u| Problem {
                path: crate::corrections::store::path_of(&article.root),
                line: None,
                severity: Severity::Warning,
                message: format!(
                    "correction {} ({}) no longer applies to article `{}`: {}",
                    &u.correction.id[..8.min(u.correction.id.len())],
                    u.correction.change,
                    article.id,
                    u.reason
                ),
            }));
            analysis
        }
        Err(_) => {
            problems.push(Problem {
                path: file.path.clone(),
                line: None,
                severity: Severity::Error,
                message: "the analysis failed on this article (an engine bug); it is not indexed"
                    .into(),
            });
            return Outcome::Failed {
                id: file.id.clone(),
                problems,
            };
        }
    };
    let rows = rows::rows(&article, &analysis);
    Outcome::Analysed {
        rows: Box::new(rows),
        title: article.title,
        body: article.body,
        hash,
        file: facts.clone(),
        new: *new,
        problems,
        fingerprint: fingerprint.clone(),
    }
}

fn delete_children(tx: &rusqlite::Transaction, rowid: i64) -> rusqlite::Result<()> {
    for table in ["actors", "mentions", "themes", "tensions", "tension_sides"] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE article = ?1"))?
            .execute([rowid])?;
    }
    tx.prepare_cached("DELETE FROM bodies WHERE rowid = ?1")?
        .execute([rowid])?;
    Ok(())
}

fn write_article(
    tx: &rusqlite::Transaction,
    rows: &ArticleRows,
    title: &str,
    body: &str,
    hash: &str,
    file: &FileFacts,
    fingerprint: &str,
) -> rusqlite::Result<i64> {
    let a = &rows.article;
    let rowid: i64 = tx
        .prepare_cached(
            "INSERT INTO articles(id, path, size, mtime_ns, body_hash, fingerprint, title, source, \
             date, month, folder, tags, body_bytes, sections) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) \
             ON CONFLICT(id) DO UPDATE SET path = excluded.path, size = excluded.size, \
             mtime_ns = excluded.mtime_ns, body_hash = excluded.body_hash, \
             fingerprint = excluded.fingerprint, title = excluded.title, source = excluded.source, \
             date = excluded.date, month = excluded.month, folder = excluded.folder, \
             tags = excluded.tags, body_bytes = excluded.body_bytes, sections = excluded.sections \
             RETURNING rowid",
        )?
        .query_row(
            params![
                a.id,
                file.rel,
                file.size as i64,
                file.mtime_ns,
                hash,
                fingerprint,
                a.title,
                a.source,
                a.date,
                a.month,
                a.folder,
                a.tags,
                a.body_bytes as i64,
                a.sections as i64
            ],
            |r| r.get(0),
        )?;
    delete_children(tx, rowid)?;
    {
        let mut actor = tx.prepare_cached(
            "INSERT INTO actors(article, ord, actor_id, name, kind, aliases, role, salience, \
             mentions, first_start, first_end, corpus_key, name_key, surname) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)",
        )?;
        let mut mention = tx.prepare_cached(
            "INSERT OR IGNORE INTO mentions(article, actor, start, \"end\", section) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for r in &rows.actors {
            let first = r.mentions.first().copied().unwrap_or((0, 0, 0));
            actor.execute(params![
                rowid,
                r.ord as i64,
                r.actor_id,
                r.name,
                r.kind,
                r.aliases,
                r.role,
                f64::from(r.salience),
                r.mentions.len() as i64,
                first.0 as i64,
                first.1 as i64,
                r.name_key,
                surname_of(r.kind, &r.name_key)
            ])?;
            for &(s, e, sec) in &r.mentions {
                mention.execute(params![rowid, r.ord as i64, s as i64, e as i64, sec as i64])?;
            }
        }
    }
    {
        let mut theme = tx.prepare_cached(
            "INSERT OR REPLACE INTO themes(article, theme_id, label, score, evidence, first_start, first_end) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for t in &rows.themes {
            theme.execute(params![
                rowid,
                t.theme_id,
                t.label,
                f64::from(t.score),
                t.evidence as i64,
                t.first.0 as i64,
                t.first.1 as i64
            ])?;
        }
    }
    {
        let mut tension = tx.prepare_cached(
            "INSERT INTO tensions(article, ord, tension_id, label, kind, score, evidence, first_start, first_end) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let mut side = tx.prepare_cached(
            "INSERT OR IGNORE INTO tension_sides(article, tension, side, actor) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for t in &rows.tensions {
            tension.execute(params![
                rowid,
                t.ord as i64,
                t.tension_id,
                t.label,
                t.kind,
                f64::from(t.score),
                t.evidence as i64,
                t.first.0 as i64,
                t.first.1 as i64
            ])?;
            for (s, actors) in t.sides.iter().enumerate() {
                for &ord in actors {
                    side.execute(params![rowid, t.ord as i64, s as i64, ord as i64])?;
                }
            }
        }
    }
    tx.prepare_cached("INSERT INTO bodies(rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, title, body])?;
    Ok(rowid)
}

const INSERT_CORPUS_ACTOR: &str = "INSERT INTO corpus_actors(key, name, kind, aliases, forms, \
     articles, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/// One row of `corpus_actors`, written by the full and the incremental reconciliation alike.
fn insert_corpus_actor(
    add: &mut rusqlite::Statement<'_>,
    a: &super::actors::CorpusActor,
) -> rusqlite::Result<usize> {
    add.execute(params![
        a.key,
        a.name,
        a.kind,
        a.aliases.join("\n"),
        a.forms,
        a.articles as i64,
        a.mentions as i64
    ])
}
