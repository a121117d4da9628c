//! The corrections file of a corpus: `<corpus>/.newslens/corrections.toml`, one file for the
//! whole corpus, written whole and atomically at every change.
//!
//! The rules are the annotation store's (see `annotations::store`): writes go through
//! [`write_atomic`] (temporary file, fsync, rename); a file that does not parse is reported
//! with its line and never overwritten (changes are refused until it is fixed); only the
//! session holding the corpus lock (`<corpus>/.newslens/lock`) writes. The reader already
//! holds that lock through its annotation store, so it opens this store with
//! [`CorrectionStore::open_with`] and the annotation store's read-only notice; the `correct`
//! command takes the lock itself with [`CorrectionStore::open_locked`].

use super::{Change, Correction, Corrections};
use crate::annotations::store::{Notice, write_atomic};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// File format version written by this build.
pub const VERSION: u32 = 1;

/// The on-disk shape.
#[derive(Serialize, Deserialize)]
pub struct File {
    #[serde(default = "current_version")]
    pub version: u32,
    #[serde(default, rename = "correction")]
    pub corrections: Vec<Correction>,
}

fn current_version() -> u32 {
    VERSION
}

impl File {
    pub fn of(c: &Corrections) -> File {
        File {
            version: VERSION,
            corrections: c.list.clone(),
        }
    }
}

/// Why a change was refused.
#[derive(Debug)]
pub enum CorrectionError {
    /// Another session holds the corpus, or the folder is not writable.
    ReadOnly(Notice),
    /// The file does not parse; it is kept as it is.
    Broken(Notice),
    /// A correction about a passage needs an article.
    NeedsArticle,
    NotFound(String),
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl fmt::Display for CorrectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorrectionError::ReadOnly(n) => write!(f, "{n}"),
            CorrectionError::Broken(n) => write!(f, "{n}"),
            CorrectionError::NeedsArticle => {
                f.write_str("a correction about a passage can only be made for one article")
            }
            CorrectionError::NotFound(id) => write!(f, "no correction `{id}`"),
            CorrectionError::Io { path, error } => {
                write!(f, "{}: cannot save corrections: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for CorrectionError {}

/// The corrections of one corpus folder.
pub struct CorrectionStore {
    root: PathBuf,
    corrections: Corrections,
    read_only: Option<Notice>,
    broken: Option<Notice>,
    _lock: Option<fs::File>,
}

/// `<root>/.newslens/corrections.toml`.
pub fn path_of(root: &Path) -> PathBuf {
    root.join(".newslens").join("corrections.toml")
}

impl CorrectionStore {
    /// Read the corrections of `root` without taking the lock (analyze, export, the index).
    /// A missing file is no corrections; a broken one is returned as a notice and the store
    /// holds none.
    pub fn load(root: &Path) -> (CorrectionStore, Vec<Notice>) {
        let ro = Notice {
            path: root.to_path_buf(),
            line: None,
            message: "corrections are open read-only".into(),
        };
        CorrectionStore::open_with(root, Some(ro))
    }

    /// Open for a session that already holds the corpus lock (the reader, through its
    /// annotation store): `read_only` is that store's notice when it could not write.
    pub fn open_with(root: &Path, read_only: Option<Notice>) -> (CorrectionStore, Vec<Notice>) {
        let mut store = CorrectionStore {
            root: root.to_path_buf(),
            corrections: Corrections::default(),
            read_only,
            broken: None,
            _lock: None,
        };
        let path = path_of(root);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (store, Vec::new()),
            Err(e) => {
                let n = Notice {
                    path,
                    line: None,
                    message: format!("cannot be read ({e}); corrections are off until it can"),
                };
                store.broken = Some(n.clone());
                return (store, vec![n]);
            }
        };
        match parse(&bytes) {
            Ok(list) => {
                store.corrections = Corrections::new(list);
                (store, Vec::new())
            }
            Err((line, why)) => {
                let n = Notice {
                    path,
                    line,
                    message: format!(
                        "{why}; the file is kept as it is and no correction is applied or saved until it is fixed"
                    ),
                };
                store.broken = Some(n.clone());
                (store, vec![n])
            }
        }
    }

    /// Take the corpus lock and open for writing (the `correct` command). When the lock is
    /// held by a reader the store is read-only and the notice says so.
    pub fn open_locked(root: &Path) -> (CorrectionStore, Vec<Notice>) {
        let dir = root.join(".newslens");
        let lock_path = dir.join("lock");
        let taken = fs::create_dir_all(&dir)
            .and_then(|()| {
                OpenOptions::new()
                    .create(true)
                    .truncate(false)
                    .write(true)
                    .open(&lock_path)
            })
            .map_err(|e| format!("cannot open the lock file ({e})"))
            .and_then(|f| match f.try_lock() {
                Ok(()) => Ok(f),
                Err(fs::TryLockError::WouldBlock) => Err(format!(
                    "another newslens holds the corpus {}; close it first (or correct in the reader)",
                    root.display()
                )),
                Err(fs::TryLockError::Error(e)) => Err(format!("cannot lock the corpus ({e})")),
            });
        match taken {
            Ok(file) => {
                let (mut store, notices) = CorrectionStore::open_with(root, None);
                store._lock = Some(file);
                (store, notices)
            }
            Err(message) => {
                let n = Notice {
                    path: lock_path,
                    line: None,
                    message,
                };
                let (store, mut notices) = CorrectionStore::open_with(root, Some(n.clone()));
                notices.insert(0, n);
                (store, notices)
            }
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The corrections in force (none while the file is broken).
    pub fn corrections(&self) -> &Corrections {
        &self.corrections
    }

    /// Why nothing can be changed now, if so.
    pub fn refusal(&self) -> Option<CorrectionError> {
        if let Some(n) = &self.broken {
            return Some(CorrectionError::Broken(n.clone()));
        }
        self.read_only
            .as_ref()
            .map(|n| CorrectionError::ReadOnly(n.clone()))
    }

    /// Add a correction and save the file.
    pub fn add(&mut self, c: Correction) -> Result<(), CorrectionError> {
        if let Some(e) = self.refusal() {
            return Err(e);
        }
        if c.article.is_none() && c.change.is_about_a_passage() {
            return Err(CorrectionError::NeedsArticle);
        }
        self.corrections.list.push(c);
        if let Err(e) = self.save() {
            self.corrections.list.pop();
            return Err(e);
        }
        Ok(())
    }

    /// Remove the correction `id` (undo) and save the file; hands it back.
    pub fn remove(&mut self, id: &str) -> Result<Correction, CorrectionError> {
        if let Some(e) = self.refusal() {
            return Err(e);
        }
        let i = self
            .corrections
            .list
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| CorrectionError::NotFound(id.to_string()))?;
        let c = self.corrections.list.remove(i);
        if let Err(e) = self.save() {
            self.corrections.list.insert(i, c);
            return Err(e);
        }
        Ok(c)
    }

    fn save(&self) -> Result<(), CorrectionError> {
        let path = path_of(&self.root);
        let text = render(&self.corrections).map_err(|e| CorrectionError::Io {
            path: path.clone(),
            error: io::Error::other(e),
        })?;
        path.parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| write_atomic(&path, text.as_bytes()))
            .map_err(|error| CorrectionError::Io { path, error })
    }
}

/// The text of a corrections file.
pub fn render(c: &Corrections) -> Result<String, toml::ser::Error> {
    let body = toml::to_string(&File::of(c))?;
    Ok(format!(
        "# newslens corrections: what the analyst says the engine got wrong.\n\
         # Written by newslens (the reader, `newslens correct`); safe to edit by hand.\n\
         # A correction without `article` applies to every article of this corpus.\n\n{body}"
    ))
}

/// The corrections in a file's bytes, or the 1-based line and the reason it cannot be used.
pub fn parse(bytes: &[u8]) -> Result<Vec<Correction>, (Option<usize>, String)> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        (
            Some(line_at(&bytes[..e.valid_up_to()])),
            "is not valid UTF-8".to_string(),
        )
    })?;
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| line_at(&text.as_bytes()[..s.start.min(text.len())]));
        (line, format!("cannot be read: {}", e.message().trim()))
    })?;
    if file.version > VERSION {
        return Err((
            None,
            format!("was written by a newer newslens (format {})", file.version),
        ));
    }
    for c in &file.corrections {
        if c.article.is_none() && c.change.is_about_a_passage() {
            return Err((
                None,
                format!(
                    "correction `{}` is about a passage but names no article",
                    c.id
                ),
            ));
        }
        if let Change::SetSides { sides, .. } = &c.change
            && sides.iter().any(Vec::is_empty)
        {
            return Err((
                None,
                format!("correction `{}` leaves a side of a tension empty", c.id),
            ));
        }
    }
    Ok(file.corrections)
}

fn line_at(prefix: &[u8]) -> usize {
    prefix.iter().filter(|&&b| b == b'\n').count() + 1
}
