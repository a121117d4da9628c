//! The corpus index: a SQLite file that caches each article's analysis, a full-text index of
//! the bodies and the corpus-wide tables (actors across articles, their mentions, themes,
//! tensions, annotations) that search and the corpus views query.
//!
//! Why SQLite (through rusqlite, built from the bundled source): it is embedded (one file,
//! no server, nothing to install), its WAL journal lets any number of readers work while one
//! writer updates, and FTS5 gives ranked full-text search (BM25) in the same file and the
//! same transaction as the analysis tables. Other tools (Python, DuckDB, the `sqlite3`
//! shell) read it without newslens; the README documents the tables.
//!
//! The index is a cache: everything in it comes from the article files, the annotation
//! sidecars and the configuration. Deleting it loses nothing. A file that is damaged, not a
//! database, or written by another version is deleted and rebuilt, with a notice.
//!
//! - [`schema`]: the tables and versions.
//! - [`rows`]: an [`Analysis`] to the rows stored for it (the one place that reads analysis
//!   structs), and [`rows::prepare`], where an analysis is post-processed before storing.
//! - [`update`]: the incremental update (new and changed files analysed on all cores).
//! - [`actors`]: one corpus actor per real-world actor, reconciled across articles.
//! - [`aggregates`]: counts by month of actors, themes and tension pairs, kept with each write.
//! - [`listing`]: the light article list the reader starts from.
//! - [`report`]: corpus aggregates (top actors, themes, tensions, months, co-occurrence).
//! - [`search`]: running a [`crate::query::Query`] against the index.
//! - [`views`]: what the reader's corpus screen shows: lists and counts read on demand.

pub mod actors;
pub mod aggregates;
pub mod listing;
pub mod pairs;
pub mod report;
pub mod rows;
pub mod schema;
pub mod search;
pub mod update;
pub mod views;

use crate::config::Config;
use crate::corrections::Corrections;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension};
use sha2::{Digest, Sha256};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use update::{Progress, Summary, UpdateOptions};

/// A problem with the index, said as one sentence naming the file.
#[derive(Debug)]
pub struct IndexError {
    pub message: String,
    /// The database reported damage: rebuilding it is the cure.
    pub corrupt: bool,
    /// The statement was stopped through [`Index::interrupt_handle`] (a newer request
    /// made it useless), not failed.
    pub interrupted: bool,
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for IndexError {}

impl IndexError {
    pub fn new(message: impl Into<String>) -> Self {
        IndexError {
            message: message.into(),
            corrupt: false,
            interrupted: false,
        }
    }

    /// A database error met while doing `what` on the index at `path`.
    pub fn sql(path: &Path, what: &str, e: rusqlite::Error) -> Self {
        IndexError {
            corrupt: is_damage(&e),
            interrupted: e.sqlite_error_code() == Some(ErrorCode::OperationInterrupted),
            message: format!("index {}: cannot {what}: {e}", path.display()),
        }
    }
}

/// Errors that mean the file is not a usable database.
fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

/// An open corpus index.
pub struct Index {
    pub(crate) conn: Connection,
    path: PathBuf,
    root: PathBuf,
    /// Said once to the user: a rebuilt index, a cache location, ...
    pub notices: Vec<String>,
}

/// Where the index of the corpus folder `root` lives: `<root>/.newslens/index.sqlite` when
/// that folder can be written, else `$XDG_CACHE_HOME/newslens/<hash of the corpus path>/`
/// (default `~/.cache`), so a read-only corpus (a mounted archive) still gets one.
pub fn location(root: &Path) -> (PathBuf, Option<String>) {
    let dir = root.join(".newslens");
    if writable_dir(&dir) {
        return (dir.join("index.sqlite"), None);
    }
    let canonical = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let hash = Sha256::digest(canonical.as_os_str().as_encoded_bytes());
    let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    let path = cache.join("newslens").join(hex).join("index.sqlite");
    let note = format!(
        "{} cannot be written; the index is kept in {}",
        dir.display(),
        path.display()
    );
    (path, Some(note))
}

/// Whether files can be created in `dir` (creating it if needed).
fn writable_dir(dir: &Path) -> bool {
    if fs::create_dir_all(dir).is_err() {
        return false;
    }
    let probe = dir.join(format!(".probe-{}", std::process::id()));
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

/// The fingerprint of everything the analysis depends on besides the article and its
/// corrections: the engine (its code, gazetteers and models, hashed at build time by
/// `build.rs`, so no version is bumped by hand) and the configuration's themes, tension
/// lexicons and actor lexicon. An article analysed under another fingerprint is analysed
/// again.
pub fn fingerprint(config: &Config) -> String {
    let text = format!(
        "{}|{}|{}|{:?}|{:?}|{:?}",
        schema::SCHEMA_VERSION,
        env!("CARGO_PKG_VERSION"),
        env!("NEWSLENS_ENGINE_FINGERPRINT"),
        config.themes,
        config.tensions,
        config.actors
    );
    let hash = Sha256::digest(text.as_bytes());
    hash[..12].iter().map(|b| format!("{b:02x}")).collect()
}

/// The fingerprint of one article's analysis: [`fingerprint`] alone when no correction is
/// about the article, else with the hash of those that are (corpus-wide ones included), so
/// adding, editing or undoing a correction re-analyses exactly the articles it concerns.
pub fn article_fingerprint(base: &str, corrections: &Corrections, article_id: &str) -> String {
    let mine: Vec<_> = corrections.for_article(article_id).cloned().collect();
    if mine.is_empty() {
        return base.to_string();
    }
    format!("{base}+{}", Corrections::new(mine).fingerprint())
}

impl Index {
    /// Open (or create) the index of the corpus folder `root`. A file that is not a usable
    /// newslens index of this version is deleted and created afresh, with a notice saying so.
    pub fn open(root: &Path) -> Result<Index, IndexError> {
        let (path, note) = location(root);
        let mut index = Index::open_at(&path, root)?;
        index.notices.extend(note);
        Ok(index)
    }

    /// Open (or create) the index stored at `path` for the corpus folder `root`.
    pub fn open_at(path: &Path, root: &Path) -> Result<Index, IndexError> {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| {
                IndexError::new(format!(
                    "cannot create the index folder {}: {e}",
                    parent.display()
                ))
            })?;
        }
        match Index::try_open(path, root) {
            Ok(index) => Ok(index),
            Err(Unusable(why)) => {
                remove_database(path)?;
                let mut index = Index::try_open(path, root).map_err(|Unusable(why)| {
                    IndexError::new(format!(
                        "index {}: cannot be created: {why}",
                        path.display()
                    ))
                })?;
                index.notices.push(format!(
                    "the index {} {why}; it was rebuilt from the articles (nothing is lost: it is a cache)",
                    path.display()
                ));
                Ok(index)
            }
        }
    }

    fn try_open(path: &Path, root: &Path) -> Result<Index, Unusable> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| Unusable(format!("could not be opened ({e})")))?;
        let damaged = |e: rusqlite::Error| Unusable(format!("was damaged ({e})"));
        conn.busy_timeout(Duration::from_secs(10))
            .map_err(damaged)?;
        let app_id: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(damaged)?;
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(damaged)?;
        // WAL: readers never block the writer nor each other; NORMAL sync is safe with WAL
        // (a power cut may lose the last transaction, never corrupt the file).
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
             PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16000;",
        )
        .map_err(damaged)?;
        if tables == 0 {
            create(&conn).map_err(|e| Unusable(format!("could not be initialised ({e})")))?;
        } else if app_id != schema::APPLICATION_ID {
            return Err(Unusable("is not a newslens index".into()));
        } else {
            let version: Option<String> = conn
                .query_row(
                    "SELECT value FROM meta WHERE key = 'schema_version'",
                    [],
                    |r| r.get(0),
                )
                .optional()
                .map_err(damaged)?;
            let ours = schema::SCHEMA_VERSION.to_string();
            match version {
                Some(v) if v == ours => {}
                Some(v) => {
                    return Err(Unusable(format!(
                        "was written by another version of newslens (schema {v}, this one uses {ours})"
                    )));
                }
                None => return Err(Unusable("has no schema version".into())),
            }
            // Touch every table once: a truncated or scribbled file fails here, not later.
            conn.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
                .map_err(damaged)?;
        }
        Ok(Index {
            conn,
            path: path.to_path_buf(),
            root: root.to_path_buf(),
            notices: Vec::new(),
        })
    }

    /// A second connection to this index (for another thread). Unlike [`Index::open_at`] it
    /// never deletes and rebuilds the file: whatever goes wrong is an error.
    pub fn open_again(&self) -> Result<Index, IndexError> {
        Index::try_open(&self.path, &self.root).map_err(|Unusable(why)| {
            IndexError::new(format!(
                "index {}: a second connection cannot be opened: it {why}",
                self.path.display()
            ))
        })
    }

    /// The file the index lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The corpus folder it indexes.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A handle another thread can stop this connection's running statement with (it then
    /// fails with an [`IndexError`] marked `interrupted`).
    pub fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// Number of articles in the index.
    pub fn article_count(&self) -> Result<usize, IndexError> {
        self.conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| self.err("count articles", e))
    }

    /// Size of the index on disk, the WAL included.
    pub fn disk_bytes(&self) -> u64 {
        let wal = PathBuf::from(format!("{}-wal", self.path.display()));
        [self.path.as_path(), wal.as_path()]
            .iter()
            .filter_map(|p| fs::metadata(p).ok())
            .map(|m| m.len())
            .sum()
    }

    pub(crate) fn err(&self, what: &str, e: rusqlite::Error) -> IndexError {
        IndexError::sql(&self.path, what, e)
    }

    /// Delete the file and make it afresh (after damage found mid-update).
    pub fn rebuild(self) -> Result<Index, IndexError> {
        let (path, root) = (self.path.clone(), self.root.clone());
        drop(self);
        remove_database(&path)?;
        Index::open_at(&path, &root)
    }
}

/// Why an existing file cannot serve as the index (it will be rebuilt).
struct Unusable(String);

fn create(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "BEGIN; {} PRAGMA application_id = {}; \
         INSERT INTO meta(key, value) VALUES ('schema_version', '{}'); COMMIT;",
        schema::CREATE,
        schema::APPLICATION_ID,
        schema::SCHEMA_VERSION
    ))
}

/// Remove a database file with its WAL and shared-memory files.
fn remove_database(path: &Path) -> Result<(), IndexError> {
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        match fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(IndexError::new(format!(
                    "cannot remove the unusable index {}: {e}",
                    p.display()
                )));
            }
        }
    }
    Ok(())
}
