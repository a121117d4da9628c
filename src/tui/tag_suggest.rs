//! Free tags used before, offered again: the annotation popup lists, beside the codebook, the
//! free tags of every live note of the corpus (all its sidecars, this session's changes
//! included), most used first.
//!
//! Nothing new is stored: the sidecars are the record. Each corpus folder's sidecars are read
//! once, the first time the popup opens on one of its articles; after that the store's
//! in-memory copy of every sidecar it loaded (which holds this session's changes) replaces
//! what was read from disk for that article. Deleted notes do not count: they are in no
//! export either. A sidecar that cannot be read offers nothing (the reader reports it when
//! its article opens); symbolic links are not followed, so nothing outside the corpus is read.

use super::app::App;
use crate::annotations::Annotation;
use crate::annotations::store::{
    MAX_SIDECAR_BYTES, Store, leaves_corpus, parse_sidecar, read_regular_file,
};
use crate::config::CodebookTag;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The tags of each article's live notes, as read from a corpus folder's sidecars: article
/// id -> one entry per tag per note.
type TagsByArticle = HashMap<String, Vec<String>>;

/// What was read from disk, per corpus folder.
#[derive(Default)]
pub struct TagMemory {
    scanned: HashMap<PathBuf, TagsByArticle>,
    /// Sidecar files read so far (each folder's are read once), for tests that count work.
    pub files_read: usize,
}

impl TagMemory {
    /// The free tags (not in `codebook`) used in the corpus `root`, with how many live notes
    /// carry each, most used first (then by name). `store` is the corpus's open store, whose
    /// loaded sidecars stand for those articles.
    pub fn used_free_tags(
        &mut self,
        root: &Path,
        store: Option<&Store>,
        codebook: &[CodebookTag],
    ) -> Vec<(String, usize)> {
        if !self.scanned.contains_key(root) {
            let (found, files) = scan(root);
            self.files_read += files;
            self.scanned.insert(root.to_path_buf(), found);
        }
        let on_disk = &self.scanned[root];
        let mut counts: HashMap<&str, usize> = HashMap::new();
        let in_memory: HashMap<&str, &[Annotation]> =
            store.map(|s| s.loaded().collect()).unwrap_or_default();
        for (id, tags) in on_disk {
            if in_memory.contains_key(id.as_str()) {
                continue;
            }
            for t in tags {
                *counts.entry(t.as_str()).or_default() += 1;
            }
        }
        for notes in in_memory.values() {
            for a in notes.iter().filter(|a| !a.is_deleted()) {
                for t in &a.tags {
                    *counts.entry(t.as_str()).or_default() += 1;
                }
            }
        }
        let mut out: Vec<(String, usize)> = counts
            .into_iter()
            .filter(|(t, _)| !t.trim().is_empty() && !codebook.iter().any(|c| c.name == *t))
            .map(|(t, n)| (t.to_string(), n))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
}

/// Read every sidecar under `<root>/.newslens/annotations/`: the tags of their live notes by
/// article id, and how many files were read.
fn scan(root: &Path) -> (TagsByArticle, usize) {
    let dir = root.join(".newslens").join("annotations");
    let mut out = TagsByArticle::new();
    let mut files = 0;
    // The folder itself may be a link out of the corpus (the store is read-only then).
    if leaves_corpus(root, &dir).is_some() {
        return (out, 0);
    }
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            // Hidden: temporaries of atomic writes.
            if name.as_encoded_bytes().first() == Some(&b'.') {
                continue;
            }
            let path = e.path();
            let Ok(kind) = e.file_type() else { continue };
            if kind.is_dir() {
                stack.push(path);
                continue;
            }
            if !kind.is_file() || path.extension().is_none_or(|x| x != "toml") {
                continue;
            }
            let Some(id) = path.strip_prefix(&dir).ok().and_then(|rel| {
                rel.with_extension("")
                    .to_str()
                    .map(|s| s.replace('\\', "/"))
            }) else {
                continue;
            };
            files += 1;
            let Ok(notes) = read_regular_file(&path, MAX_SIDECAR_BYTES)
                .map_err(|_| ())
                .and_then(|b| parse_sidecar(&b).map_err(|_| ()))
            else {
                continue;
            };
            let tags = notes
                .into_iter()
                .filter(|a| !a.is_deleted())
                .flat_map(|a| a.tags)
                .collect();
            out.insert(id, tags);
        }
    }
    (out, files)
}

impl App {
    /// The free tags to offer in the annotation popup for the current article's corpus.
    pub(super) fn free_tags_to_offer(&mut self) -> Vec<(String, usize)> {
        match self.article().map(|a| a.root.to_path_buf()) {
            Some(root) => self.notebook.free_tags_used(&root),
            None => Vec::new(),
        }
    }
}
