//! The reader's memory applied to the App: at start, reopen the article open at the last
//! quit, where it was left, and start every other remembered article at its position; at
//! quit, record what was read and where (see [`crate::reader_state`]).

use super::app::App;
use crate::reader_state::ReaderState;
use std::path::PathBuf;

/// The states of each corpus folder open in the reader; `None` where the file could not be
/// read (it is then never written, so nothing in it is lost).
pub struct Memory {
    states: Vec<(PathBuf, Option<ReaderState>)>,
}

/// Load the state of every corpus folder of the app and apply it. Returns the memory and
/// messages for the status line.
pub fn restore(app: &mut App) -> (Memory, Vec<String>) {
    let roots = app.roots();
    let mut messages = Vec::new();
    let mut states = Vec::new();
    for root in roots {
        match ReaderState::load(&root) {
            Ok(s) => states.push((root, Some(s))),
            Err(e) => {
                messages.push(e);
                states.push((root, None));
            }
        }
    }
    // Found by id through the list (a binary search in a list from the index), never by
    // a map of the whole corpus built at each start.
    let mut offsets = Vec::new();
    let mut last = None;
    for (root, state) in &states {
        let Some(state) = state else { continue };
        let ids: Vec<&str> = state.articles.keys().map(String::as_str).collect();
        let found = app.positions_of(root, &ids);
        for (a, i) in state.articles.values().zip(found) {
            if let Some(i) = i {
                offsets.push((i, a.offset, a.cursor));
            }
        }
        if last.is_none()
            && let Some(id) = &state.last
        {
            last = app.positions_of(root, &[id.as_str()])[0];
        }
    }
    for &(i, offset, cursor) in &offsets {
        // A light article from the index has no body yet: it is clamped once opened.
        let len = app.articles[i].body.len();
        let clamp = |o: usize| if len == 0 { o } else { o.min(len) };
        app.remember_offset(i, clamp(offset), cursor.map(clamp));
    }
    if let Some(i) = last {
        app.open(i);
    }
    (Memory { states }, messages)
}

/// Record what this session read and where the reader is, and write each state file.
/// Returns one sentence per file that could not be written.
pub fn save(app: &App, memory: &mut Memory) -> Vec<String> {
    // Bookmarks are written as they are made (and another reader may have written too):
    // start from each file as it is now, so nothing written since start is lost.
    for (root, state) in &mut memory.states {
        if state.is_some()
            && let Ok(now) = ReaderState::load(root)
        {
            *state = Some(now);
        }
    }
    let current = app.article().map(|a| (a.root.to_path_buf(), a.id.clone()));
    for (i, offset, cursor) in app.visited_offsets() {
        let a = &app.articles[i];
        if let Some((_, Some(state))) = memory
            .states
            .iter_mut()
            .find(|(r, _)| r.as_path() == &*a.root)
        {
            state.visit(&a.id, offset, cursor);
        }
    }
    let mut problems = Vec::new();
    for (root, state) in &mut memory.states {
        let Some(state) = state else { continue };
        if let Some((r, id)) = &current
            && r == root
        {
            state.last = Some(id.clone());
        }
        if let Err(e) = state.save(root) {
            problems.push(format!(
                "cannot save the reading state in {}: {e}",
                crate::reader_state::path(root).display()
            ));
        }
    }
    problems
}
