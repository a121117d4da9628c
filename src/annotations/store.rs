//! The annotation store: one TOML sidecar per article at
//! `<corpus>/.newslens/annotations/<article-id>.toml`, written whole and atomically at every
//! save, and a lock so two sessions never overwrite one corpus.
//!
//! Choices, and why:
//! - A sidecar that fails to parse is left exactly where it is, untouched, and annotating that
//!   article is disabled for the session (with a message naming the file and line). Renaming
//!   it aside would let the next save write a fresh, nearly empty file where the person
//!   expects their work, which is worse than a clear refusal.
//! - The lock is `<corpus>/.newslens/lock`, held with `File::try_lock` for the life of the
//!   [`Store`]; the operating system releases it if the process dies, so a crash never leaves
//!   a corpus locked. A second session gets a read-only store and a message.
//! - A corpus folder where `.newslens` cannot be created gives a read-only store: reading works.
//! - Changes are kept in memory until [`Store::save`]; the reader calls it after each change.
//! - Deleting keeps the annotation in its sidecar, stamped `deleted`, so a note deleted by
//!   mistake survives quitting; only [`Store::purge`] removes it from the file.

use super::anchor::{self, Placement};
use super::{Annotation, Target, body_hash, now_rfc3339};
use crate::corpus::{Article, Span};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Sidecar format version written by this build.
pub const SIDECAR_VERSION: u32 = 1;

/// Sidecars (and import files) larger than this are refused rather than read: a sidecar
/// linked to `/dev/zero` or grown without bound must not exhaust memory. Sixteen thousand
/// annotations take about 10 MiB.
pub const MAX_SIDECAR_BYTES: u64 = 64 * 1024 * 1024;

/// The bytes of `path` if it is a regular file of at most `limit` bytes. A FIFO, device or
/// folder is refused before it is opened (reading one could block forever or never end), and
/// the read itself is capped, so a file that grows meanwhile is never read whole.
pub fn read_regular_file(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let not_regular = |m: &fs::Metadata| {
        let kind = if m.is_dir() {
            "a folder"
        } else {
            "a FIFO, socket or device"
        };
        io::Error::other(format!(
            "not a regular file ({kind}); only regular files are read"
        ))
    };
    let too_large = |n: u64| {
        io::Error::other(format!(
            "too large ({n} bytes or more, over the limit of {limit} bytes); not read"
        ))
    };
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let file = File::open(path)?;
    // What was opened may differ from what was looked at (a swap in between).
    let opened = file.metadata()?;
    if !opened.is_file() {
        return Err(not_regular(&opened));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Why writing at `path` would leave the corpus `root`: the deepest part of `path` that
/// exists resolves (through symbolic links) outside the corpus. `None` when it stays inside.
/// Parts that do not exist yet cannot be links, so checking the deepest existing one is
/// enough.
pub fn leaves_corpus(root: &Path, path: &Path) -> Option<String> {
    let real_root = match fs::canonicalize(root) {
        Ok(r) => r,
        Err(e) => return Some(format!("the corpus folder cannot be resolved ({e})")),
    };
    let existing = path.ancestors().find(|a| fs::symlink_metadata(a).is_ok())?;
    match fs::canonicalize(existing) {
        Ok(real) if real.starts_with(&real_root) => None,
        Ok(real) => Some(format!(
            "{} is a symbolic link to {}, outside the corpus; nothing is written through it",
            existing.display(),
            real.display()
        )),
        Err(e) => Some(format!(
            "{} cannot be resolved ({e}); nothing is written through it",
            existing.display()
        )),
    }
}

/// Something the person should know about the store, said with the file (and line) it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// Why a change was refused.
#[derive(Debug)]
pub enum StoreError {
    /// The whole store is read-only (another session holds the lock, or the folder is not
    /// writable); the notice says which.
    ReadOnly(Notice),
    /// This article's sidecar is broken and kept as it is; annotating it is disabled.
    Blocked(Notice),
    /// The span is empty, out of the body, or not on character boundaries.
    BadSpan(Span),
    /// No annotation with this id is loaded for the article.
    NotFound { article: String, id: String },
    /// The article id cannot name a file under the corpus (for example it holds `..`).
    BadArticleId(String),
    /// Writing the sidecar failed; the previous file is intact.
    Io { path: PathBuf, error: io::Error },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::ReadOnly(n) | StoreError::Blocked(n) => write!(f, "{n}"),
            StoreError::BadSpan(s) => {
                write!(
                    f,
                    "cannot annotate bytes {}..{}: not a passage of the text",
                    s.start, s.end
                )
            }
            StoreError::NotFound { article, id } => {
                write!(f, "no annotation `{id}` in article `{article}`")
            }
            StoreError::BadArticleId(id) => {
                write!(f, "article id `{id}` cannot be used as a sidecar file name")
            }
            StoreError::Io { path, error } => {
                write!(f, "{}: cannot save annotations: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for StoreError {}

/// An annotation placed in the current body.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedAnnotation {
    /// Its target already points at `span` in the current body.
    pub annotation: Annotation,
    pub span: Span,
    pub placement: Placement,
}

/// An article's annotations against its current body.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleAnnotations {
    /// In body order.
    pub placed: Vec<PlacedAnnotation>,
    /// Those that could not be placed, with their stored quote. Kept and saved, never dropped.
    pub orphans: Vec<Annotation>,
    /// Deleted ones, most recently deleted first: in no other list and in no export, kept
    /// until restored or purged.
    pub deleted: Vec<Annotation>,
    /// Why this article cannot be annotated now (broken sidecar, read-only store), if so.
    pub problem: Option<Notice>,
}

/// What [`Store::upsert`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upsert {
    Added,
    Updated,
    /// The same annotation, to the last field, was already there.
    Unchanged,
}

/// The on-disk shape of a sidecar. Unknown keys are an error: a file that is not a sidecar
/// (or a key misspelt) must be refused, never read as an empty store and overwritten.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sidecar {
    // Defaults let an empty file mean "no annotations" rather than a broken sidecar.
    #[serde(default = "current_version")]
    version: u32,
    #[serde(default)]
    article: String,
    #[serde(default, rename = "annotation")]
    annotations: Vec<Annotation>,
}

fn current_version() -> u32 {
    SIDECAR_VERSION
}

/// One article's annotations in memory.
#[derive(Default)]
struct Entry {
    annotations: Vec<Annotation>,
    /// Parallel to `annotations`: where each stands in the body last placed against.
    placed: Vec<Option<(Span, Placement)>>,
    /// Hash of the body they were placed against.
    body_hash: String,
    blocked: Option<Notice>,
    dirty: bool,
}

/// The annotations of one corpus folder.
pub struct Store {
    root: PathBuf,
    read_only: Option<Notice>,
    /// Held for the life of the store; dropping it releases the lock.
    _lock: Option<File>,
    entries: HashMap<String, Entry>,
}

impl Store {
    /// Open the store of the corpus folder `root` for reading and writing, taking its lock.
    /// Never fails: when writing is impossible the store is read-only and the messages say why.
    pub fn open(root: &Path) -> (Store, Vec<Notice>) {
        let dir = root.join(".newslens");
        let mut store = Store::open_read_only(root);
        // Check before creating anything: create_dir_all and the lock would follow a link.
        for inner in [dir.join("annotations"), dir.join("lock")] {
            if let Some(why) = leaves_corpus(root, &inner) {
                let n = Notice {
                    path: inner,
                    line: None,
                    message: format!("{why}; annotations can be read but not saved"),
                };
                store.read_only = Some(n.clone());
                return (store, vec![n]);
            }
        }
        if let Err(e) = fs::create_dir_all(dir.join("annotations")) {
            let n = Notice {
                path: dir,
                line: None,
                message: format!(
                    "cannot create the annotations folder ({e}); annotations can be read but not saved"
                ),
            };
            store.read_only = Some(n.clone());
            return (store, vec![n]);
        }
        let lock_path = dir.join("lock");
        let file = match OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
        {
            Ok(f) => f,
            Err(e) => {
                let n = Notice {
                    path: lock_path,
                    line: None,
                    message: format!(
                        "cannot open the lock file ({e}); annotations can be read but not saved"
                    ),
                };
                store.read_only = Some(n.clone());
                return (store, vec![n]);
            }
        };
        match file.try_lock() {
            Ok(()) => {
                store._lock = Some(file);
                store.read_only = None;
                remove_stale_temporaries(&dir.join("annotations"));
                (store, Vec::new())
            }
            Err(e) => {
                let message = match e {
                    fs::TryLockError::WouldBlock => format!(
                        "another newslens holds the corpus {}; annotations are read-only in this session",
                        root.display()
                    ),
                    fs::TryLockError::Error(e) => format!(
                        "cannot lock the corpus ({e}); annotations are read-only in this session"
                    ),
                };
                let n = Notice {
                    path: lock_path,
                    line: None,
                    message,
                };
                store.read_only = Some(n.clone());
                (store, vec![n])
            }
        }
    }

    /// A store that only reads: no lock taken, nothing created (for export).
    pub fn open_read_only(root: &Path) -> Store {
        Store {
            root: root.to_path_buf(),
            read_only: Some(Notice {
                path: root.to_path_buf(),
                line: None,
                message: "annotations are open read-only".into(),
            }),
            _lock: None,
            entries: HashMap::new(),
        }
    }

    /// The corpus folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Why nothing can be saved, when the whole store is read-only.
    pub fn read_only(&self) -> Option<&Notice> {
        self.read_only.as_ref()
    }

    /// `<root>/.newslens/annotations/<id>.toml`, or `None` for an id that would escape it.
    pub fn sidecar_path(&self, article_id: &str) -> Option<PathBuf> {
        let rel = Path::new(article_id);
        let safe =
            !article_id.is_empty() && rel.components().all(|c| matches!(c, Component::Normal(_)));
        safe.then(|| {
            self.root
                .join(".newslens")
                .join("annotations")
                .join(format!("{article_id}.toml"))
        })
    }

    /// The article's annotations placed in its current body (loading the sidecar the first
    /// time, re-anchoring whenever the body differs from the one last placed against).
    /// Cost: one hash of the body; re-anchoring only when it changed.
    pub fn annotations(&mut self, article: &Article) -> ArticleAnnotations {
        self.ensure_placed(article);
        let read_only = self.read_only.clone();
        let Some(entry) = self.entries.get(&article.id) else {
            return ArticleAnnotations::default();
        };
        let mut out = ArticleAnnotations {
            problem: entry.blocked.clone().or(read_only),
            ..ArticleAnnotations::default()
        };
        #[cfg(test)]
        CLONED.with(|c| c.set(c.get() + entry.annotations.len()));
        for (a, p) in entry.annotations.iter().zip(&entry.placed) {
            if a.is_deleted() {
                out.deleted.push(a.clone());
                continue;
            }
            match p {
                Some((span, placement)) => out.placed.push(PlacedAnnotation {
                    annotation: a.clone(),
                    span: *span,
                    placement: *placement,
                }),
                None => out.orphans.push(a.clone()),
            }
        }
        out.placed.sort_by_key(|p| (p.span.start, p.span.end));
        out.deleted
            .sort_by(|a, b| b.deleted.cmp(&a.deleted).then_with(|| a.id.cmp(&b.id)));
        out
    }

    /// Annotate `span` of the article. In memory until [`Store::save`].
    pub fn add(
        &mut self,
        article: &Article,
        span: Span,
        tags: Vec<String>,
        note: String,
    ) -> Result<Annotation, StoreError> {
        self.writable(article)?;
        let a =
            Annotation::new(&article.body, span, tags, note).ok_or(StoreError::BadSpan(span))?;
        self.insert(article, a.clone())?;
        Ok(a)
    }

    /// Put an annotation back (undo, redo) or bring one in (import): one with the same id is
    /// replaced, so nothing is duplicated. It is placed in the current body by its target
    /// (position, else quote). In memory until [`Store::save`].
    pub fn insert(&mut self, article: &Article, annotation: Annotation) -> Result<(), StoreError> {
        self.upsert(article, annotation).map(|_| ())
    }

    /// [`Store::insert`], saying whether the annotation was new, changed one already there,
    /// or was already there exactly as given (then nothing is marked for saving).
    pub fn upsert(
        &mut self,
        article: &Article,
        annotation: Annotation,
    ) -> Result<Upsert, StoreError> {
        self.writable(article)?;
        let hash = body_hash(&article.body);
        let Some(entry) = self.entries.get_mut(&article.id) else {
            return Err(StoreError::BadArticleId(article.id.clone()));
        };
        let (annotation, placed) = place_one(&article.body, &hash, annotation);
        let outcome = match entry.annotations.iter().position(|a| a.id == annotation.id) {
            Some(i) if entry.annotations[i] == annotation => {
                return Ok(Upsert::Unchanged);
            }
            Some(i) => {
                entry.annotations[i] = annotation;
                entry.placed[i] = placed;
                Upsert::Updated
            }
            None => {
                entry.annotations.push(annotation);
                entry.placed.push(placed);
                Upsert::Added
            }
        };
        entry.dirty = true;
        Ok(outcome)
    }

    /// [`Store::insert`] for many annotations of one article (an import): the body is hashed
    /// and the ids indexed once, so the cost is linear in their number (plus placing each).
    /// Returns what happened to each: added, updated, or unchanged (already there exactly
    /// so; nothing is then marked for saving). An empty `created` or `modified` (the file
    /// gave none) takes the stored annotation's, else now.
    pub fn insert_all(
        &mut self,
        article: &Article,
        annotations: Vec<Annotation>,
    ) -> Result<Vec<Upsert>, StoreError> {
        self.writable(article)?;
        let hash = body_hash(&article.body);
        let Some(entry) = self.entries.get_mut(&article.id) else {
            return Err(StoreError::BadArticleId(article.id.clone()));
        };
        let mut index: HashMap<String, usize> = entry
            .annotations
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let mut replaced = Vec::with_capacity(annotations.len());
        for mut annotation in annotations {
            let known = index.get(&annotation.id).map(|&i| &entry.annotations[i]);
            for (mine, stored) in [
                (&mut annotation.created, known.map(|k| &k.created)),
                (&mut annotation.modified, known.map(|k| &k.modified)),
            ] {
                if mine.is_empty() {
                    *mine = stored.cloned().unwrap_or_else(now_rfc3339);
                }
            }
            let (annotation, placed) = place_one(&article.body, &hash, annotation);
            match index.get(&annotation.id) {
                Some(&i) if entry.annotations[i] == annotation => replaced.push(Upsert::Unchanged),
                Some(&i) => {
                    entry.annotations[i] = annotation;
                    entry.placed[i] = placed;
                    entry.dirty = true;
                    replaced.push(Upsert::Updated);
                }
                None => {
                    index.insert(annotation.id.clone(), entry.annotations.len());
                    entry.annotations.push(annotation);
                    entry.placed.push(placed);
                    entry.dirty = true;
                    replaced.push(Upsert::Added);
                }
            }
        }
        Ok(replaced)
    }

    /// Change an annotation's tags and note (and its `modified` time).
    pub fn update(
        &mut self,
        article: &Article,
        id: &str,
        tags: Vec<String>,
        note: String,
    ) -> Result<Annotation, StoreError> {
        self.writable(article)?;
        let found = self.entries.get_mut(&article.id).and_then(|e| {
            e.annotations
                .iter()
                .position(|a| a.id == id)
                .map(|i| (e, i))
        });
        let Some((entry, i)) = found else {
            return Err(StoreError::NotFound {
                article: article.id.clone(),
                id: id.to_string(),
            });
        };
        entry.dirty = true;
        let a = &mut entry.annotations[i];
        a.tags = tags;
        a.note = note;
        a.modified = now_rfc3339();
        Ok(a.clone())
    }

    /// Delete an annotation: it is stamped `deleted` and kept in the sidecar (see
    /// [`ArticleAnnotations::deleted`]). Hands back the annotation as it was, so the reader
    /// can undo with [`Store::insert`].
    pub fn delete(&mut self, article: &Article, id: &str) -> Result<Annotation, StoreError> {
        let (entry, i) = self.find_mut(article, id)?;
        let before = entry.annotations[i].clone();
        if before.is_deleted() {
            return Ok(before);
        }
        entry.annotations[i].deleted = Some(now_rfc3339());
        entry.dirty = true;
        Ok(before)
    }

    /// Bring a deleted annotation back into the text; hands back the deleted one.
    pub fn restore(&mut self, article: &Article, id: &str) -> Result<Annotation, StoreError> {
        let (entry, i) = self.find_mut(article, id)?;
        let before = entry.annotations[i].clone();
        if before.is_deleted() {
            entry.annotations[i].deleted = None;
            entry.dirty = true;
        }
        Ok(before)
    }

    /// Remove an annotation from the sidecar for good (the reader only offers it for deleted
    /// ones); hands it back.
    pub fn purge(&mut self, article: &Article, id: &str) -> Result<Annotation, StoreError> {
        let (entry, i) = self.find_mut(article, id)?;
        entry.placed.remove(i);
        entry.dirty = true;
        Ok(entry.annotations.remove(i))
    }

    /// The loaded entry of a writable article and the index of annotation `id` in it.
    fn find_mut(&mut self, article: &Article, id: &str) -> Result<(&mut Entry, usize), StoreError> {
        self.writable(article)?;
        let not_found = || StoreError::NotFound {
            article: article.id.clone(),
            id: id.to_string(),
        };
        let entry = self.entries.get_mut(&article.id).ok_or_else(not_found)?;
        let i = entry
            .annotations
            .iter()
            .position(|a| a.id == id)
            .ok_or_else(not_found)?;
        Ok((entry, i))
    }

    /// True when the article has changes (or re-anchored positions) not yet saved.
    pub fn is_dirty(&self, article_id: &str) -> bool {
        self.entries.get(article_id).is_some_and(|e| e.dirty)
    }

    /// Write the article's whole sidecar atomically if anything changed. Orphans are written
    /// with their stored targets; placed ones with their current position and body hash.
    pub fn save(&mut self, article_id: &str) -> Result<(), StoreError> {
        if let Some(n) = &self.read_only {
            return Err(StoreError::ReadOnly(n.clone()));
        }
        let path = self
            .sidecar_path(article_id)
            .ok_or_else(|| StoreError::BadArticleId(article_id.to_string()))?;
        let Some(entry) = self.entries.get_mut(article_id) else {
            return Ok(());
        };
        if let Some(n) = &entry.blocked {
            return Err(StoreError::Blocked(n.clone()));
        }
        if !entry.dirty {
            return Ok(());
        }
        // A folder replaced by a link since the store was opened is refused here too.
        if let Some(why) = path.parent().and_then(|dir| leaves_corpus(&self.root, dir)) {
            return Err(StoreError::Io {
                path,
                error: io::Error::other(why),
            });
        }
        let text = render_sidecar(article_id, &entry.annotations).map_err(|e| StoreError::Io {
            path: path.clone(),
            error: io::Error::other(e),
        })?;
        let written = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| write_atomic(&path, text.as_bytes()));
        written.map_err(|error| StoreError::Io { path, error })?;
        entry.dirty = false;
        Ok(())
    }

    /// The annotations held in memory, by article id: every sidecar loaded this session, with
    /// this session's changes (deleted ones included, marked). Sidecars not loaded yet are not
    /// here.
    pub fn loaded(&self) -> impl Iterator<Item = (&str, &[Annotation])> {
        self.entries
            .iter()
            .map(|(id, e)| (id.as_str(), e.annotations.as_slice()))
    }

    /// Save every article with changes; the first failure is returned after trying them all.
    pub fn save_all(&mut self) -> Result<(), StoreError> {
        let ids: Vec<String> = self
            .entries
            .iter()
            .filter(|(_, e)| e.dirty && e.blocked.is_none())
            .map(|(k, _)| k.clone())
            .collect();
        let mut first = None;
        for id in ids {
            if let Err(e) = self.save(&id) {
                first.get_or_insert(e);
            }
        }
        first.map_or(Ok(()), Err)
    }

    fn writable(&mut self, article: &Article) -> Result<(), StoreError> {
        if let Some(n) = &self.read_only {
            return Err(StoreError::ReadOnly(n.clone()));
        }
        self.ensure_placed(article);
        match self.entries.get(&article.id) {
            Some(Entry {
                blocked: Some(n), ..
            }) => Err(StoreError::Blocked(n.clone())),
            Some(_) => Ok(()),
            None => Err(StoreError::BadArticleId(article.id.clone())),
        }
    }

    /// Load the sidecar if needed and place every annotation in the current body.
    fn ensure_placed(&mut self, article: &Article) {
        if !self.entries.contains_key(&article.id) {
            let entry = self.load_entry(&article.id);
            self.entries.insert(article.id.clone(), entry);
        }
        let Some(entry) = self.entries.get_mut(&article.id) else {
            return;
        };
        let hash = body_hash(&article.body);
        if entry.body_hash == hash {
            return;
        }
        let annotations = std::mem::take(&mut entry.annotations);
        entry.placed.clear();
        for a in annotations {
            let before = a.target.clone();
            let (a, placed) = place_one(&article.body, &hash, a);
            entry.dirty |= a.target != before;
            entry.annotations.push(a);
            entry.placed.push(placed);
        }
        entry.body_hash = hash;
    }

    fn load_entry(&self, article_id: &str) -> Entry {
        let Some(path) = self.sidecar_path(article_id) else {
            return Entry {
                blocked: Some(Notice {
                    path: self.root.clone(),
                    line: None,
                    message: format!(
                        "article id `{article_id}` cannot name a sidecar file; annotating it is disabled"
                    ),
                }),
                ..Entry::default()
            };
        };
        let bytes = match read_regular_file(&path, MAX_SIDECAR_BYTES) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                // A dangling link is not "no annotations": the next save would replace it.
                if fs::symlink_metadata(&path).is_ok() {
                    return blocked(path, None, "is a symbolic link to nothing".into());
                }
                return Entry::default();
            }
            Err(e) => {
                return blocked(path, None, format!("cannot be read ({e})"));
            }
        };
        match parse_sidecar(&bytes) {
            Ok(annotations) => Entry {
                annotations,
                ..Entry::default()
            },
            Err((line, why)) => blocked(path, line, why),
        }
    }
}

#[cfg(test)]
thread_local! {
    /// Annotations copied out by [`Store::annotations`] on this thread.
    pub(crate) static CLONED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Temporary files left by a session that died mid-write. Only called while holding the lock,
/// so no other writer can own them. Their sidecars are intact (the rename never happened).
fn remove_stale_temporaries(dir: &Path) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(t) if t.is_file() && name.starts_with('.') && name.contains(".toml.tmp-") => {
                    let _ = fs::remove_file(path);
                }
                _ => {}
            }
        }
    }
}

fn blocked(path: PathBuf, line: Option<usize>, why: String) -> Entry {
    Entry {
        blocked: Some(Notice {
            path,
            line,
            message: format!(
                "{why}; the file is kept as it is and annotating this article is disabled until it is fixed"
            ),
        }),
        ..Entry::default()
    }
}

/// The text of a sidecar holding `annotations`.
pub fn render_sidecar(
    article_id: &str,
    annotations: &[Annotation],
) -> Result<String, toml::ser::Error> {
    toml::to_string(&Sidecar {
        version: SIDECAR_VERSION,
        article: article_id.to_string(),
        annotations: annotations.to_vec(),
    })
}

/// The annotations of a sidecar's bytes, or the 1-based line and reason it cannot be used.
pub fn parse_sidecar(bytes: &[u8]) -> Result<Vec<Annotation>, (Option<usize>, String)> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        (
            Some(line_at(&bytes[..e.valid_up_to()])),
            "is not valid UTF-8".to_string(),
        )
    })?;
    let sidecar: Sidecar = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| line_at(&text.as_bytes()[..s.start.min(text.len())]));
        (line, format!("cannot be read: {}", e.message().trim()))
    })?;
    if sidecar.version == 0 {
        return Err((
            None,
            "has format version 0, which no newslens writes".into(),
        ));
    }
    if sidecar.version > SIDECAR_VERSION {
        return Err((
            None,
            format!(
                "was written by a newer newslens (format {})",
                sidecar.version
            ),
        ));
    }
    Ok(sidecar.annotations)
}

fn line_at(prefix: &[u8]) -> usize {
    prefix.iter().filter(|&&b| b == b'\n').count() + 1
}

/// Place one annotation in `body`; when placed its target is rewritten to the current text.
fn place_one(body: &str, hash: &str, mut a: Annotation) -> (Annotation, Option<(Span, Placement)>) {
    let placed = anchor::place_in(body, hash, &a.target);
    if let Some((span, _)) = placed
        && let Some(t) = Target::from_span_hashed(body, span, hash)
    {
        a.target = t;
    }
    (a, placed)
}

/// Replace `path` with `bytes` so a crash leaves either the old or the new file, whole: a
/// temporary file in the same folder is written and fsynced, renamed over, and the folder
/// fsynced so the rename itself survives a power cut.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        // Folders cannot be opened for syncing everywhere; the rename is done either way.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
