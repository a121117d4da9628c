//! What the reader remembers between sessions: which articles were read, where the reader
//! was in each, bookmarks, and the article open at quit.
//!
//! This is user data, not cache: it lives beside the annotations, in
//! `<corpus>/.newslens/state.toml`, a plain TOML file written atomically (temporary file,
//! fsync, rename). A file that cannot be read is reported and never overwritten, so a
//! hand edit gone wrong loses nothing. Articles are named by id and positions are UTF-8
//! byte offsets into the body, like annotations.

use crate::annotations::store::write_atomic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Version of the file format written.
pub const STATE_VERSION: u32 = 1;

/// What is remembered of one article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleState {
    #[serde(default)]
    pub read: bool,
    /// Byte offset of the top of the view when last left.
    #[serde(default)]
    pub offset: usize,
    /// Byte offset of the start of the cursor sentence when last left (the reader's place
    /// for the keyboard; the top of the view alone loses it in a text that fits the screen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<usize>,
    /// Byte offsets, sorted, no duplicates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bookmarks: Vec<usize>,
}

/// The reader's memory of one corpus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderState {
    #[serde(default = "version")]
    pub version: u32,
    /// The article open when the reader quit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
    #[serde(default)]
    pub articles: BTreeMap<String, ArticleState>,
}

fn version() -> u32 {
    STATE_VERSION
}

impl Default for ReaderState {
    fn default() -> Self {
        ReaderState {
            version: STATE_VERSION,
            last: None,
            articles: BTreeMap::new(),
        }
    }
}

/// The state file of the corpus folder `root`.
pub fn path(root: &Path) -> PathBuf {
    root.join(".newslens").join("state.toml")
}

impl ReaderState {
    /// Read the state of `root`: empty when there is none yet; an error (file and reason)
    /// when the file exists but cannot be used.
    pub fn load(root: &Path) -> Result<ReaderState, String> {
        let p = path(root);
        let text = match fs::read_to_string(&p) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(ReaderState::default()),
            Err(e) => return Err(format!("{}: cannot be read: {e}", p.display())),
        };
        let state: ReaderState = toml::from_str(&text).map_err(|e| {
            format!(
                "{}: cannot be read ({}); it is kept as it is and nothing is remembered this session",
                p.display(),
                e.message().trim()
            )
        })?;
        if state.version > STATE_VERSION {
            return Err(format!(
                "{}: written by a newer newslens (format {}); it is kept as it is",
                p.display(),
                state.version
            ));
        }
        Ok(state)
    }

    /// Write the state of `root` atomically.
    pub fn save(&self, root: &Path) -> io::Result<()> {
        let p = path(root);
        if let Some(dir) = p.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut state = self.clone();
        state.version = STATE_VERSION;
        let text = toml::to_string(&state).map_err(io::Error::other)?;
        write_atomic(&p, text.as_bytes())
    }

    /// Remember that `id` was read and left with the top of the view at `offset` and the
    /// cursor sentence at `cursor` (when known).
    pub fn visit(&mut self, id: &str, offset: usize, cursor: Option<usize>) {
        let a = self.articles.entry(id.to_string()).or_default();
        a.read = true;
        a.offset = offset;
        a.cursor = cursor;
    }

    /// Add a bookmark at `offset`, or remove it when there is one there. Returns whether
    /// the article now has a bookmark at `offset`.
    pub fn toggle_bookmark(&mut self, id: &str, offset: usize) -> bool {
        let a = self.articles.entry(id.to_string()).or_default();
        match a.bookmarks.binary_search(&offset) {
            Ok(i) => {
                a.bookmarks.remove(i);
                false
            }
            Err(i) => {
                a.bookmarks.insert(i, offset);
                true
            }
        }
    }

    pub fn is_read(&self, id: &str) -> bool {
        self.articles.get(id).is_some_and(|a| a.read)
    }

    pub fn offset(&self, id: &str) -> Option<usize> {
        self.articles.get(id).map(|a| a.offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_round_trips_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = ReaderState::default();
        assert_eq!(ReaderState::load(dir.path()).unwrap(), s);
        s.visit("west-africa/togo", 812, Some(840));
        s.visit("b", 0, None);
        assert!(s.toggle_bookmark("b", 40));
        assert!(s.toggle_bookmark("b", 10));
        assert!(!s.toggle_bookmark("b", 40));
        s.last = Some("west-africa/togo".into());
        s.save(dir.path()).unwrap();
        let back = ReaderState::load(dir.path()).unwrap();
        assert_eq!(back, s);
        assert!(back.is_read("b") && !back.is_read("c"));
        assert_eq!(back.offset("west-africa/togo"), Some(812));
        assert_eq!(back.articles["b"].bookmarks, [10]);
    }

    #[test]
    fn a_broken_file_is_reported_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(".newslens")).unwrap();
        fs::write(path(dir.path()), "last = [unclosed\n").unwrap();
        let e = ReaderState::load(dir.path()).unwrap_err();
        assert!(e.contains("state.toml") && e.contains("kept"), "{e}");
        assert_eq!(
            fs::read_to_string(path(dir.path())).unwrap(),
            "last = [unclosed\n"
        );
    }
}
