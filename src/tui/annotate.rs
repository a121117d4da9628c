//! Annotating in the reader: the text selection, the editor popup, the Notes panel's actions
//! (jump, edit, delete, restore and purge, undo and redo, filters) and the annotation stores
//! they save through.
//!
//! The state lives in [`Notebook`] (one field of the app); the logic is `impl App` here so the
//! reader's own files only carry small hooks. Every change goes straight to disk through the
//! corpus' [`Store`]; a refusal (read-only corpus, broken sidecar) or a failed save becomes a
//! message, and the note stays in memory.
//!
//! Undo: every change to a note is kept as the annotation before and after it ([`Change`]),
//! so `u` and `Ctrl-r` walk back and forth through the whole session. Deleting only stamps
//! the note `deleted` in its sidecar: it waits in the deleted notes (`D`) across sessions
//! until it is restored (`R`) or purged (`X`, twice).
//!
//! Selection model: `v` anchors the cursor sentence; the moving end (`head`) goes by sentence
//! (`)`/`(`, `j`/`k`) or by word (`w`/`b`, Shift-Right/Shift-Left). When the head is after the
//! anchor's start the selection runs from the anchor's start to the head (so `b` can trim the
//! anchor sentence down to one word); before it, from the head to the anchor's end.

use super::app::{App, Effect, Focus, Item, Panel};
use super::editor::{AnnotationEditor, EditorOutcome};
use super::keymap::Action;
use super::palette::Role;
use crate::annotations::Annotation;
use crate::annotations::store::{ArticleAnnotations, Notice, Store, StoreError};
use crate::config::CodebookTag;
use crate::corpus::{Article, Span};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::io;
use std::path::Path;
use std::sync::Arc;
use unicode_segmentation::UnicodeSegmentation;

/// A passage being selected: the sentence `v` was pressed on and the moving end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub anchor: Span,
    /// Byte offset of the moving end.
    pub head: usize,
}

impl Selection {
    /// The selected bytes.
    pub fn span(&self) -> Span {
        if self.head > self.anchor.start {
            Span::new(self.anchor.start, self.head)
        } else {
            Span::new(self.head, self.anchor.end)
        }
    }
}

/// What the open editor popup will save to.
#[derive(Clone, Debug, PartialEq, Eq)]
enum EditTarget {
    New { article: usize, span: Span },
    Existing { article: usize, id: String },
}

/// What an external editor ($VISUAL/$EDITOR) round trip is for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum ExternalTarget {
    /// The note in the open popup.
    Popup,
    /// A saved note, chosen in the Notes panel.
    Note { article: usize, id: String },
}

/// One change to a note, as the annotation was before and after it, so it can be undone and
/// redone by putting the other state back. `None` is "not in the sidecar at all" (a purge).
#[derive(Clone, Debug)]
struct Change {
    article: usize,
    id: String,
    /// What was done, for the messages: "note deleted".
    what: &'static str,
    before: Option<Annotation>,
    after: Option<Annotation>,
}

/// One note of the current article: placed in the text, or an orphan with only its quote.
#[derive(Clone, Copy, Debug)]
pub struct NoteRef<'a> {
    pub annotation: &'a Annotation,
    /// `None` for an orphan.
    pub span: Option<Span>,
}

/// The reader's annotation state.
#[derive(Default)]
pub struct Notebook {
    /// Tags offered in the editor, from `[codebook]`.
    pub codebook: Vec<CodebookTag>,
    pub no_color: bool,
    /// One store per corpus folder, opened at start-up.
    stores: Vec<Store>,
    pub selection: Option<Selection>,
    pub editor: Option<AnnotationEditor>,
    target: Option<EditTarget>,
    external: Option<ExternalTarget>,
    /// The current article's annotations, as last loaded from its store.
    pub shown: ArticleAnnotations,
    shown_for: Option<usize>,
    /// Changes of this session, oldest first, for `u`.
    history: Vec<Change>,
    /// Changes undone, most recent last, for `Ctrl-r`; a new change clears them.
    redo: Vec<Change>,
    /// The Notes panel lists the deleted notes instead of the live ones.
    pub show_deleted: bool,
    /// The deleted note a first `X` asked to purge; the second `X` does it.
    purge_armed: Option<String>,
    /// Notes shown only with this tag.
    pub tag_filter: Option<String>,
    /// Notes shown only when their passage mentions this actor (id, name).
    pub actor_filter: Option<(String, String)>,
    /// The last save that failed, said as a sentence; cleared by the next good save.
    pub unsaved: Option<String>,
    /// Free tags used in each corpus, offered in the popup (see `tag_suggest`).
    pub tag_memory: super::tag_suggest::TagMemory,
    /// The panel's scope (this article or the whole corpus) and its query.
    pub across: super::notes_across::AcrossNotes,
}

impl Notebook {
    /// Whether the annotation store of `root` cannot write (its notice), for stores that
    /// share its lock; a folder without a store is read-only too.
    pub fn read_only_of(&self, root: &Path) -> Option<Notice> {
        match self.stores.iter().find(|s| s.root() == root) {
            Some(s) => s.read_only().cloned(),
            None => Some(Notice {
                path: root.to_path_buf(),
                line: None,
                message: "no annotation store is open for this corpus".into(),
            }),
        }
    }

    /// The free tags used in the corpus `root` (its sidecars and this session's changes),
    /// most used first.
    pub(super) fn free_tags_used(&mut self, root: &Path) -> Vec<(String, usize)> {
        let store = self.stores.iter().find(|s| s.root() == root);
        self.tag_memory.used_free_tags(root, store, &self.codebook)
    }

    fn store_for(&mut self, root: &Path) -> Option<&mut Store> {
        self.stores.iter_mut().find(|s| s.root() == root)
    }

    /// Whether the notes on screen belong to article `current`.
    pub fn is_shown_for(&self, current: usize) -> bool {
        self.shown_for == Some(current)
    }

    /// Note `i` of the shown list: placed ones in body order, then orphans; in the deleted
    /// notes view, the deleted ones, most recent first.
    pub fn note(&self, i: usize) -> Option<NoteRef<'_>> {
        if self.show_deleted {
            return self.shown.deleted.get(i).map(|a| NoteRef {
                annotation: a,
                span: None,
            });
        }
        let placed = self.shown.placed.len();
        if let Some(p) = self.shown.placed.get(i) {
            return Some(NoteRef {
                annotation: &p.annotation,
                span: Some(p.span),
            });
        }
        self.shown.orphans.get(i - placed).map(|a| NoteRef {
            annotation: a,
            span: None,
        })
    }

    pub fn len(&self) -> usize {
        if self.show_deleted {
            return self.shown.deleted.len();
        }
        self.shown.placed.len() + self.shown.orphans.len()
    }

    /// How many changes `u` can take back, and `Ctrl-r` redo.
    pub fn undo_depth(&self) -> (usize, usize) {
        (self.history.len(), self.redo.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The filter as shown in the Notes title: `tag:claim actor:France` (the deleted notes
    /// view is not filtered).
    pub fn filter_label(&self) -> Option<String> {
        if self.show_deleted {
            return None;
        }
        let mut parts = Vec::new();
        if let Some(t) = &self.tag_filter {
            parts.push(format!("tag:{t}"));
        }
        if let Some((_, name)) = &self.actor_filter {
            parts.push(format!("actor:{name}"));
        }
        if let Some(q) = self.across.label().filter(|_| !self.across.editing) {
            parts.push(q.to_string());
        }
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// One readable sentence for a notice about a whole store.
pub fn store_notice(n: &Notice) -> String {
    if n.message.contains("another newslens holds") {
        "opened read-only: another newslens holds this corpus".into()
    } else {
        format!("annotating disabled: {n}")
    }
}

/// One readable sentence for a broken sidecar of `article_id`.
fn sidecar_notice(article_id: &str, n: &Notice) -> String {
    let why = n.message.split("; the file is kept").next().unwrap_or("");
    let at = match n.line {
        Some(l) => format!("{}:{l}", n.path.display()),
        None => n.path.display().to_string(),
    };
    format!("annotations for {article_id} not loaded: {at}: {why}, kept untouched")
}

/// A refused or failed change said as one sentence.
fn refusal(article_id: &str, e: &StoreError) -> String {
    match e {
        StoreError::ReadOnly(n) => store_notice(n),
        StoreError::Blocked(n) => sidecar_notice(article_id, n),
        StoreError::Io { .. } => {
            format!("{e}; the note is kept in memory and saved with the next change")
        }
        other => other.to_string(),
    }
}

/// Word spans near `at` (a window, so huge articles stay fast).
fn words_near(body: &str, at: usize) -> Vec<Span> {
    const REACH: usize = 4096;
    let mut lo = at.saturating_sub(REACH).min(body.len());
    while !body.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = at.saturating_add(REACH).min(body.len());
    while !body.is_char_boundary(hi) {
        hi += 1;
    }
    body[lo..hi]
        .unicode_word_indices()
        .map(|(i, w)| Span::new(lo + i, lo + i + w.len()))
        .collect()
}

impl Action {
    /// Note actions mean nothing in the article list, so there their letters type into its
    /// filter instead.
    pub fn types_in_list(self) -> bool {
        matches!(
            self,
            Action::ExtendWord
                | Action::ShrinkWord
                | Action::EditNote
                | Action::EditNoteExternally
                | Action::DeleteNote
                | Action::Undo
                | Action::DeletedNotes
                | Action::RestoreNote
                | Action::PurgeNote
                | Action::TagFilter
                | Action::ActorFilter
                | Action::NotesScope
        )
    }
}

impl App {
    // ----- start-up and loading ------------------------------------------------------

    /// Open one annotation store per corpus folder (taking its lock) and say what is wrong
    /// with any of them in the status line. Called once at start-up, not by tests that must
    /// not touch the bundled corpus.
    pub fn open_stores(&mut self) {
        let mut roots = self.roots();
        roots.sort();
        let mut messages = Vec::new();
        for root in &roots {
            let (store, notices) = Store::open(root);
            messages.extend(notices.iter().map(store_notice));
            self.notebook.stores.push(store);
        }
        self.notebook.shown_for = None;
        self.message = None;
        self.open_corrections();
        self.sync_notes();
        messages.extend(self.message.take());
        if !messages.is_empty() {
            self.message = Some(messages.join(" · "));
        }
    }

    /// Save whatever is still unsaved (a save that failed, positions moved by re-anchoring).
    /// Called when the reader quits; returns what could not be saved, with the notes it holds
    /// so nothing is lost silently.
    pub fn save_notes_on_quit(&mut self) -> Vec<String> {
        let mut lost = Vec::new();
        let articles = Arc::clone(&self.articles);
        for store in &mut self.notebook.stores {
            if store.read_only().is_some() {
                continue;
            }
            if let Err(e) = store.save_all() {
                lost.push(format!("annotations not saved: {e}"));
                let dirty: Vec<&Article> =
                    articles.iter().filter(|a| store.is_dirty(&a.id)).collect();
                for a in dirty {
                    let notes = store.annotations(a);
                    let all = notes.placed.iter().map(|p| &p.annotation);
                    for n in all.chain(notes.orphans.iter()) {
                        lost.push(format!(
                            "  {}: “{}” [{}] {}",
                            a.id,
                            n.target.exact,
                            n.tags.join(", "),
                            n.note
                        ));
                    }
                }
            }
        }
        lost
    }

    /// Load the current article's notes when the article changed since they were loaded.
    pub fn sync_notes(&mut self) {
        if !self.notebook.is_shown_for(self.current) {
            self.notebook.selection = None;
            self.reload_notes();
            // A broken sidecar is said when its article opens (a read-only store was said
            // at start-up and stays in the Notes panel).
            let store_read_only = self
                .article()
                .and_then(|a| self.notebook.stores.iter().find(|s| s.root() == &*a.root))
                .is_some_and(|s| s.read_only().is_some());
            if let (Some(n), Some(a), false) = (
                &self.notebook.shown.problem,
                self.article(),
                store_read_only,
            ) {
                self.message = Some(sidecar_notice(&a.id, n));
            }
        }
    }

    fn reload_notes(&mut self) {
        let articles = Arc::clone(&self.articles);
        let article = articles.get(self.current);
        self.notebook.shown = match article {
            Some(a) => self
                .notebook
                .store_for(&a.root)
                .map(|s| s.annotations(a))
                .unwrap_or_default(),
            None => ArticleAnnotations::default(),
        };
        self.notebook.shown_for = Some(self.current);
        // Note indices moved: an activated note no longer names the same one.
        if matches!(self.active, Some(Item::Note(_))) {
            self.active = None;
            self.highlights.clear();
            self.evidence.clear();
            self.evidence_current = None;
        }
    }

    /// Why the current article cannot be annotated now, if so.
    fn annotating_refused(&mut self) -> Option<String> {
        let articles = Arc::clone(&self.articles);
        let a = articles.get(self.current)?;
        let Some(store) = self.notebook.store_for(&a.root) else {
            return Some("annotating disabled: no annotation store is open for this corpus".into());
        };
        if let Some(n) = store.read_only() {
            return Some(store_notice(n));
        }
        self.notebook
            .shown
            .problem
            .as_ref()
            .map(|n| sidecar_notice(&a.id, n))
    }

    // ----- queries for the view ------------------------------------------------------

    /// Does note `i` pass the tag and actor filters?
    pub fn note_passes_filter(&self, i: usize) -> bool {
        let Some(n) = self.notebook.note(i) else {
            return false;
        };
        if self.notebook.show_deleted {
            return true;
        }
        if !self.notebook.across.keeps(n.annotation, Some(self.current)) {
            return false;
        }
        if let Some(t) = &self.notebook.tag_filter
            && !n.annotation.tags.contains(t)
        {
            return false;
        }
        if let Some((id, _)) = &self.notebook.actor_filter {
            let Some(span) = n.span else { return false };
            let (actors, _) = self.passage_links(span);
            return actors
                .iter()
                .any(|&a| self.analysis().is_some_and(|an| an.actors[a].id == *id));
        }
        true
    }

    /// Actors (indices) with a mention and themes (indices) with evidence inside `span`.
    pub fn passage_links(&self, span: Span) -> (Vec<usize>, Vec<usize>) {
        let Some(an) = self.analysis() else {
            return (Vec::new(), Vec::new());
        };
        let inside = |s: &Span| s.start >= span.start && s.end <= span.end;
        let actors = (0..an.actors.len())
            .filter(|&i| an.actors[i].mentions.iter().any(|m| inside(&m.span)))
            .collect();
        let themes = (0..an.themes.len())
            .filter(|&i| an.themes[i].evidence.iter().any(|e| inside(&e.span)))
            .collect();
        (actors, themes)
    }

    /// How many placed notes of the current article hold a mention of actor `i`.
    pub fn notes_touching_actor(&self, i: usize) -> usize {
        let Some(actor) = self.analysis().and_then(|an| an.actors.get(i)) else {
            return 0;
        };
        if !self.notebook.is_shown_for(self.current) {
            return 0;
        }
        self.notebook
            .shown
            .placed
            .iter()
            .filter(|p| {
                actor
                    .mentions
                    .iter()
                    .any(|m| m.span.start >= p.span.start && m.span.end <= p.span.end)
            })
            .count()
    }

    /// The first tag's codebook colour of a note, when it has one.
    pub fn note_color(&self, a: &Annotation) -> Option<&str> {
        let first = a.tags.first()?;
        self.notebook
            .codebook
            .iter()
            .find(|t| &t.name == first)
            .map(|t| t.color.as_str())
            .filter(|c| !c.is_empty())
    }

    // ----- keys ----------------------------------------------------------------------

    /// Keys while the editor popup is open: all go to it, except Ctrl-e (the note in
    /// $VISUAL/$EDITOR).
    pub(super) fn editor_key(&mut self, key: &KeyEvent) -> Effect {
        let Some(editor) = self.notebook.editor.as_mut() else {
            return Effect::None;
        };
        if key.code == KeyCode::Char('e')
            && key.modifiers.contains(KeyModifiers::CONTROL)
            && !editor.is_confirming_cancel()
        {
            self.notebook.external = Some(ExternalTarget::Popup);
            return Effect::ExternalEdit;
        }
        match editor.handle_key(*key) {
            EditorOutcome::Continue => {}
            EditorOutcome::Cancel => {
                self.notebook.editor = None;
                self.notebook.target = None;
                self.message = Some("annotation cancelled: nothing saved".into());
            }
            EditorOutcome::Save { tags, note } => {
                self.notebook.editor = None;
                if let Some(target) = self.notebook.target.take() {
                    self.commit(target, tags, note);
                }
            }
        }
        Effect::None
    }

    /// Text pasted while the popup is open.
    pub(super) fn editor_paste(&mut self, text: &str) {
        if let Some(e) = self.notebook.editor.as_mut() {
            e.handle_paste(text);
        }
    }

    /// Annotating actions, and the moves that extend a selection. `None` when the action is
    /// not about annotating, so the reader handles it as usual.
    pub(super) fn annotate_action(&mut self, action: Action) -> Option<Effect> {
        let in_text = self.focus == Focus::Text;
        let notes_focus = self.focus == Focus::Panel(Panel::Notes);
        if self.notebook.selection.is_some() && in_text {
            match action {
                Action::NextSentence | Action::ScrollDown => {
                    self.extend_by_sentence(1);
                    return Some(Effect::None);
                }
                Action::PrevSentence | Action::ScrollUp => {
                    self.extend_by_sentence(-1);
                    return Some(Effect::None);
                }
                Action::Clear | Action::StartSelection => {
                    self.notebook.selection = None;
                    self.message = Some("selection cancelled".into());
                    return Some(Effect::None);
                }
                _ => {}
            }
        }
        if let Some(effect) = self.across_action(action) {
            return Some(effect);
        }
        if action != Action::PurgeNote {
            self.notebook.purge_armed = None;
        }
        let deleted_view = self.notebook.show_deleted && notes_focus;
        match action {
            Action::Select | Action::EditNote | Action::EditNoteExternally | Action::DeleteNote
                if deleted_view =>
            {
                self.message = Some(self.deleted_view_hint());
                return Some(Effect::None);
            }
            _ => {}
        }
        match action {
            Action::StartSelection => self.start_selection(),
            Action::ExtendWord => self.extend_by_word(true),
            Action::ShrinkWord => self.extend_by_word(false),
            Action::Annotate => self.annotate(),
            Action::Select if notes_focus => self.jump_to_note(),
            Action::EditNote => self.edit_note(),
            Action::EditNoteExternally => return Some(self.edit_note_externally()),
            Action::DeleteNote => self.delete_note(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::DeletedNotes => self.toggle_deleted_view(),
            Action::RestoreNote => self.restore_note(),
            Action::PurgeNote => self.purge_note(),
            Action::TagFilter => self.cycle_tag_filter(),
            Action::ActorFilter => self.toggle_actor_filter(),
            _ => return None,
        }
        Some(Effect::None)
    }

    fn start_selection(&mut self) {
        match self.cursor_sentence() {
            Some(s) => {
                self.notebook.selection = Some(Selection {
                    anchor: s,
                    head: s.end,
                });
                self.focus = Focus::Text;
            }
            None => {
                self.message = Some("nothing to select yet: the article is being analysed".into())
            }
        }
    }

    fn extend_by_sentence(&mut self, d: isize) {
        self.move_cursor(d);
        let s = self.cursor_sentence();
        let (Some(sel), Some(s)) = (self.notebook.selection.as_mut(), s) else {
            return;
        };
        sel.head = if s.start >= sel.anchor.start {
            s.end.max(sel.anchor.start + 1)
        } else {
            s.start
        };
    }

    fn extend_by_word(&mut self, forward: bool) {
        let articles = Arc::clone(&self.articles);
        let Some(body) = articles.get(self.current).map(|a| a.body.as_str()) else {
            return;
        };
        let sel = match self.notebook.selection {
            Some(s) => s,
            None => {
                // `w`/`b` without a selection select the cursor sentence's first word.
                let Some(s) = self.cursor_sentence() else {
                    self.message =
                        Some("nothing to select yet: the article is being analysed".into());
                    return;
                };
                let first = words_near(body, s.start)
                    .into_iter()
                    .find(|w| w.start >= s.start && w.end <= s.end)
                    .map_or(s.end, |w| w.end);
                self.notebook.selection = Some(Selection {
                    anchor: s,
                    head: first,
                });
                self.focus = Focus::Text;
                self.follow_head();
                return;
            }
        };
        let words = words_near(body, sel.head);
        let head = if sel.head > sel.anchor.start {
            if forward {
                words.iter().find(|w| w.end > sel.head).map(|w| w.end)
            } else {
                // Never below one word: the selection cannot become empty.
                words
                    .iter()
                    .rev()
                    .find(|w| w.end < sel.head && w.end > sel.anchor.start)
                    .map(|w| w.end)
            }
        } else if forward {
            Some(
                words
                    .iter()
                    .find(|w| w.start > sel.head && w.start < sel.anchor.start)
                    .map_or(sel.anchor.end, |w| w.start),
            )
        } else {
            words
                .iter()
                .rev()
                .find(|w| w.start < sel.head)
                .map(|w| w.start)
        };
        if let (Some(h), Some(s)) = (head, self.notebook.selection.as_mut()) {
            s.head = h;
        }
        self.follow_head();
    }

    /// Put the cursor on the sentence holding the moving end, and scroll to show it.
    fn follow_head(&mut self) {
        let Some(sel) = self.notebook.selection else {
            return;
        };
        let at = if sel.head > sel.anchor.start {
            sel.head.saturating_sub(1)
        } else {
            sel.head
        };
        if let Some(an) = self.analysis() {
            let i = an
                .sentences
                .partition_point(|s| s.start <= at)
                .saturating_sub(1);
            self.cursor = i;
        }
        self.reveal_minimal(Span::new(at, at + 1));
    }

    /// `a`: open the editor on the selection, else on the cursor sentence.
    fn annotate(&mut self) {
        if let Some(why) = self.annotating_refused() {
            self.message = Some(why);
            return;
        }
        let span = match self.notebook.selection {
            Some(s) => Some(s.span()),
            None => self.cursor_sentence(),
        };
        let Some((article, span)) = span.map(|s| (self.current, s)) else {
            self.message = Some("nothing to annotate yet: the article is being analysed".into());
            return;
        };
        let Some(quote) = self
            .article()
            .and_then(|a| a.body.get(span.start..span.end))
        else {
            return;
        };
        let editor = AnnotationEditor::new(&self.notebook.codebook, quote);
        let editor = editor.offering(self.free_tags_to_offer());
        self.open_editor(editor, EditTarget::New { article, span });
    }

    fn open_editor(&mut self, editor: AnnotationEditor, target: EditTarget) {
        self.notebook.editor = Some(if self.notebook.no_color {
            editor.without_colors()
        } else {
            editor
        });
        self.notebook.target = Some(target);
    }

    /// The note under the Notes panel cursor (its index in the shown list).
    fn selected_note(&self) -> Option<usize> {
        if self.focus != Focus::Panel(Panel::Notes) {
            return None;
        }
        let items = self.panel_items(Panel::Notes);
        items
            .get(self.panel_cursor[Panel::Notes as usize].min(items.len().saturating_sub(1)))
            .copied()
    }

    /// The selected note, or a message saying how to select one.
    fn note_for_action(&mut self) -> Option<usize> {
        let i = self.selected_note();
        if i.is_none() {
            self.message = Some(format!(
                "select a note in the Notes panel first ({})",
                self.keymap.first(Action::FocusNotes).unwrap_or_default()
            ));
        }
        i
    }

    fn jump_to_note(&mut self) {
        let Some(i) = self.selected_note() else {
            return;
        };
        let Some(n) = self.notebook.note(i) else {
            return;
        };
        let Some(span) = n.span else {
            self.message = Some(
                "orphan: its passage is no longer in the text (quote kept in the note)".into(),
            );
            return;
        };
        self.active = Some(Item::Note(i));
        self.highlights = vec![(span, Role::MentionCurrent)];
        self.evidence = vec![span];
        self.evidence_current = Some(0);
        self.search.active = false;
        self.reveal(span);
    }

    fn edit_note(&mut self) {
        let Some(i) = self.note_for_action() else {
            return;
        };
        if let Some(why) = self.annotating_refused() {
            self.message = Some(why);
            return;
        }
        let Some(n) = self.notebook.note(i) else {
            return;
        };
        let a = n.annotation.clone();
        let editor =
            AnnotationEditor::editing(&self.notebook.codebook, &a.target.exact, &a.tags, &a.note)
                .offering(self.free_tags_to_offer());
        self.open_editor(
            editor,
            EditTarget::Existing {
                article: self.current,
                id: a.id,
            },
        );
    }

    fn edit_note_externally(&mut self) -> Effect {
        let Some(i) = self.note_for_action() else {
            return Effect::None;
        };
        if let Some(why) = self.annotating_refused() {
            self.message = Some(why);
            return Effect::None;
        }
        let Some(n) = self.notebook.note(i) else {
            return Effect::None;
        };
        self.notebook.external = Some(ExternalTarget::Note {
            article: self.current,
            id: n.annotation.id.clone(),
        });
        Effect::ExternalEdit
    }

    /// The text to hand to the external editor for the pending [`Effect::ExternalEdit`].
    pub fn external_text(&self) -> Option<String> {
        match self.notebook.external.as_ref()? {
            ExternalTarget::Popup => self.notebook.editor.as_ref().map(|e| e.note()),
            ExternalTarget::Note { id, .. } => (0..self.notebook.len())
                .filter_map(|i| self.notebook.note(i))
                .find(|n| &n.annotation.id == id)
                .map(|n| n.annotation.note.clone()),
        }
    }

    /// What the external editor returned (or why it failed).
    pub fn external_done(&mut self, result: io::Result<String>) {
        let before = self.external_text();
        let Some(target) = self.notebook.external.take() else {
            return;
        };
        // Quitting the editor without a change changes nothing, `modified` included.
        if let (Ok(after), Some(before)) = (&result, &before)
            && after.trim_end() == before.trim_end()
        {
            self.message = Some("note unchanged".into());
            return;
        }
        let text = match result {
            Ok(t) => t,
            Err(e) => {
                self.message = Some(format!("external editor: {e}; the note is unchanged"));
                return;
            }
        };
        match target {
            ExternalTarget::Popup => {
                if let Some(ed) = self.notebook.editor.as_mut() {
                    ed.set_note(&text);
                }
            }
            ExternalTarget::Note { article, id } => {
                let tags = (0..self.notebook.len())
                    .filter_map(|i| self.notebook.note(i))
                    .find(|n| n.annotation.id == id)
                    .map(|n| n.annotation.tags.clone())
                    .unwrap_or_default();
                self.commit(
                    EditTarget::Existing { article, id },
                    tags,
                    text.trim_end().into(),
                );
            }
        }
    }

    /// Store a new or changed note and save its article at once.
    fn commit(&mut self, target: EditTarget, tags: Vec<String>, note: String) {
        let articles = Arc::clone(&self.articles);
        let article_index = match &target {
            EditTarget::New { article, .. } | EditTarget::Existing { article, .. } => *article,
        };
        let Some(article) = articles.get(article_index) else {
            return;
        };
        let Some(store) = self.notebook.store_for(&article.root) else {
            self.message =
                Some("annotating disabled: no annotation store is open for this corpus".into());
            return;
        };
        let done = match target {
            EditTarget::New { span, .. } => store.add(article, span, tags, note).map(|a| {
                // Undoing a new note puts it among the deleted ones, never out of reach.
                let mut gone = a.clone();
                gone.deleted = Some(crate::annotations::now_rfc3339());
                ("note saved", Some(gone), a)
            }),
            EditTarget::Existing { id, .. } => {
                let before = store_lookup(store, article, &id);
                store
                    .update(article, &id, tags, note)
                    .map(|a| ("note updated", before, a))
            }
        };
        match done {
            Ok((what, before, after)) => {
                self.notebook.selection = None;
                self.record(Change {
                    article: article_index,
                    id: after.id.clone(),
                    what: if what == "note saved" {
                        "new note"
                    } else {
                        "note edit"
                    },
                    before,
                    after: Some(after),
                });
                self.save(article, what);
            }
            Err(e) => self.message = Some(refusal(&article.id, &e)),
        }
    }

    /// Save `article`'s sidecar, saying `done` or the error; reload the shown notes.
    fn save(&mut self, article: &Article, done: &str) {
        let Some(store) = self.notebook.store_for(&article.root) else {
            return;
        };
        match store.save(&article.id) {
            Ok(()) => {
                self.notebook.unsaved = None;
                self.message = Some(format!("{done} · saved to {}", sidecar_name(&article.id)));
            }
            Err(e) => {
                let why = refusal(&article.id, &e);
                self.notebook.unsaved = Some(why.clone());
                self.message = Some(format!("{done} in memory only: {why}"));
            }
        }
        self.notebook.shown_for = None;
        self.sync_notes();
        if self.notebook.across.on {
            self.reload_corpus_notes_panel();
        }
    }

    fn delete_note(&mut self) {
        let Some(i) = self.note_for_action() else {
            return;
        };
        if let Some(why) = self.annotating_refused() {
            self.message = Some(why);
            return;
        }
        let Some(id) = self.notebook.note(i).map(|n| n.annotation.id.clone()) else {
            return;
        };
        let undo = self.keymap.first(Action::Undo).unwrap_or_default();
        let shown = self.keymap.first(Action::DeletedNotes).unwrap_or_default();
        self.change_note(
            id,
            "note delete",
            Store::delete,
            &format!("note deleted ({undo} undoes, {shown} lists deleted notes)"),
        );
    }

    /// Apply `op` (delete, restore or purge) to note `id` of the open article, keep the
    /// change for undo, save and say `done`; a refusal is said instead.
    fn change_note(
        &mut self,
        id: String,
        what: &'static str,
        op: fn(&mut Store, &Article, &str) -> Result<Annotation, StoreError>,
        done: &str,
    ) {
        let articles = Arc::clone(&self.articles);
        let Some(article) = articles.get(self.current) else {
            return;
        };
        let Some(store) = self.notebook.store_for(&article.root) else {
            return;
        };
        match op(store, article, &id) {
            Ok(before) => {
                let after = store_lookup(store, article, &id);
                self.record(Change {
                    article: self.current,
                    id,
                    what,
                    before: Some(before),
                    after,
                });
                self.save(article, done);
                self.clamp_notes_cursor();
            }
            Err(e) => self.message = Some(refusal(&article.id, &e)),
        }
    }

    fn clamp_notes_cursor(&mut self) {
        let n = self.panel_items(Panel::Notes).len();
        let c = &mut self.panel_cursor[Panel::Notes as usize];
        *c = (*c).min(n.saturating_sub(1));
    }

    /// Keep a change for `u`; a new change ends what `Ctrl-r` could redo.
    fn record(&mut self, change: Change) {
        self.notebook.history.push(change);
        self.notebook.redo.clear();
    }

    /// Put annotation `id` of article `index` in `state` (`None`: out of the sidecar) and
    /// save; `Ok` with the article, or the refusal said as a sentence.
    fn put_note(
        &mut self,
        index: usize,
        id: &str,
        state: Option<Annotation>,
        done: &str,
    ) -> Result<(), String> {
        let articles = Arc::clone(&self.articles);
        let Some(article) = articles.get(index) else {
            return Err("its article is no longer loaded".into());
        };
        let Some(store) = self.notebook.store_for(&article.root) else {
            return Err("annotating disabled: no annotation store is open for this corpus".into());
        };
        let put = match state {
            Some(a) => store.insert(article, a),
            None => match store.purge(article, id) {
                Err(StoreError::NotFound { .. }) => Ok(()),
                other => other.map(|_| ()),
            },
        };
        put.map_err(|e| refusal(&article.id, &e))?;
        let done = if index == self.current {
            done.to_string()
        } else {
            format!("{done} (in {})", article.id)
        };
        self.save(article, &done);
        self.clamp_notes_cursor();
        Ok(())
    }

    /// `u`: take back the last change, whatever it was.
    fn undo(&mut self) {
        let Some(change) = self.notebook.history.pop() else {
            self.message = Some("nothing to undo".into());
            return;
        };
        let redo = self.keymap.first(Action::Redo).unwrap_or_default();
        let left = self.notebook.history.len();
        let done = format!(
            "undone: {} · {left} more to undo · {redo} redoes",
            change.what
        );
        match self.put_note(change.article, &change.id, change.before.clone(), &done) {
            Ok(()) => self.notebook.redo.push(change),
            Err(why) => {
                self.message = Some(why);
                self.notebook.history.push(change);
            }
        }
    }

    /// `Ctrl-r`: do again what `u` took back.
    fn redo(&mut self) {
        let Some(change) = self.notebook.redo.pop() else {
            self.message = Some("nothing to redo".into());
            return;
        };
        let left = self.notebook.redo.len();
        let done = format!("redone: {} · {left} more to redo", change.what);
        match self.put_note(change.article, &change.id, change.after.clone(), &done) {
            Ok(()) => self.notebook.history.push(change),
            Err(why) => {
                self.message = Some(why);
                self.notebook.redo.push(change);
            }
        }
    }

    fn deleted_view_hint(&self) -> String {
        format!(
            "a deleted note: {} restores it, {} purges it for good, {} back to the notes",
            self.keymap.first(Action::RestoreNote).unwrap_or_default(),
            self.keymap.first(Action::PurgeNote).unwrap_or_default(),
            self.keymap.first(Action::DeletedNotes).unwrap_or_default(),
        )
    }

    /// `D`: the deleted notes of this article in the Notes panel, or back to the notes.
    fn toggle_deleted_view(&mut self) {
        self.notebook.show_deleted = !self.notebook.show_deleted;
        self.notebook.purge_armed = None;
        self.focus = Focus::Panel(Panel::Notes);
        self.panel_cursor[Panel::Notes as usize] = 0;
        if matches!(self.active, Some(Item::Note(_))) {
            self.active = None;
            self.highlights.clear();
            self.evidence.clear();
            self.evidence_current = None;
        }
        let n = self.notebook.shown.deleted.len();
        self.message = Some(if self.notebook.show_deleted {
            if n == 0 {
                "no deleted notes in this article".into()
            } else {
                format!(
                    "{n} deleted note(s): {} restores, {} purges for good",
                    self.keymap.first(Action::RestoreNote).unwrap_or_default(),
                    self.keymap.first(Action::PurgeNote).unwrap_or_default()
                )
            }
        } else {
            "notes".into()
        });
    }

    /// The deleted note under the cursor, or a message saying where to find one.
    fn deleted_for_action(&mut self) -> Option<String> {
        if !self.notebook.show_deleted {
            self.message = Some(format!(
                "restore and purge work on deleted notes: {} lists them",
                self.keymap.first(Action::DeletedNotes).unwrap_or_default()
            ));
            return None;
        }
        if let Some(why) = self.annotating_refused() {
            self.message = Some(why);
            return None;
        }
        let i = self.note_for_action()?;
        self.notebook.note(i).map(|n| n.annotation.id.clone())
    }

    /// `R` in the deleted notes: bring the note back into the text.
    fn restore_note(&mut self) {
        let Some(id) = self.deleted_for_action() else {
            return;
        };
        self.change_note(id, "note restore", Store::restore, "note restored");
    }

    /// `X` twice in the deleted notes: remove the note from the sidecar for good (this
    /// session can still undo it).
    fn purge_note(&mut self) {
        let Some(id) = self.deleted_for_action() else {
            return;
        };
        let key = self.keymap.first(Action::PurgeNote).unwrap_or_default();
        if self.notebook.purge_armed.as_deref() != Some(id.as_str()) {
            self.notebook.purge_armed = Some(id);
            self.message = Some(format!(
                "purge this note for good? {key} again to purge, any other key keeps it"
            ));
            return;
        }
        self.notebook.purge_armed = None;
        let undo = self.keymap.first(Action::Undo).unwrap_or_default();
        self.change_note(
            id,
            "note purge",
            Store::purge,
            &format!("note purged ({undo} still undoes it until you quit)"),
        );
    }

    /// After the Notes filter changed: a note shown in the detail box is the one under the
    /// cursor now, never one the filter hid.
    pub(super) fn note_detail_follows_cursor(&mut self) {
        if !matches!(self.active, Some(Item::Note(_))) {
            return;
        }
        let items = self.panel_items(Panel::Notes);
        let at = items.get(self.panel_cursor[Panel::Notes as usize]).copied();
        let span = at.and_then(|i| self.notebook.note(i)).and_then(|n| n.span);
        match (at, span) {
            (Some(i), Some(span)) => {
                self.active = Some(Item::Note(i));
                self.highlights = vec![(span, Role::MentionCurrent)];
                self.evidence = vec![span];
                self.evidence_current = Some(0);
            }
            (Some(i), None) => {
                self.active = Some(Item::Note(i));
                self.highlights.clear();
                self.evidence.clear();
                self.evidence_current = None;
            }
            (None, _) => {
                self.active = None;
                self.highlights.clear();
                self.evidence.clear();
                self.evidence_current = None;
            }
        }
    }

    /// `t`: no tag filter, then each tag used in this article's notes, then none again.
    fn cycle_tag_filter(&mut self) {
        let mut tags: Vec<String> = (0..self.notebook.len())
            .filter_map(|i| self.notebook.note(i))
            .flat_map(|n| n.annotation.tags.iter().cloned())
            .collect();
        tags.sort();
        tags.dedup();
        let next = match &self.notebook.tag_filter {
            None => tags.first().cloned(),
            Some(t) => tags
                .iter()
                .position(|x| x == t)
                .and_then(|i| tags.get(i + 1))
                .cloned(),
        };
        self.message = Some(match &next {
            Some(t) => format!("notes: tag {t}"),
            None if tags.is_empty() => "no tags to filter by in this article".into(),
            None => "notes: all tags".into(),
        });
        self.notebook.tag_filter = next;
        self.panel_cursor[Panel::Notes as usize] = 0;
        self.note_detail_follows_cursor();
    }

    /// Filter notes to the actor under the Actors cursor (or the selected actor); again to
    /// clear.
    fn toggle_actor_filter(&mut self) {
        let actor = match (self.focus, self.active) {
            (Focus::Panel(Panel::Actors), _) => {
                let items = self.panel_items(Panel::Actors);
                items
                    .get(self.panel_cursor[Panel::Actors as usize])
                    .copied()
            }
            (_, Some(Item::Actor(i))) => Some(i),
            _ => None,
        };
        let actor = actor
            .and_then(|i| self.analysis()?.actors.get(i))
            .map(|a| (a.id.clone(), a.name.clone()));
        let same = actor.is_some() && actor == self.notebook.actor_filter;
        self.notebook.actor_filter = match actor {
            Some(a) if !same => {
                self.message = Some(format!("notes: those mentioning {}", a.1));
                Some(a)
            }
            _ => {
                self.message = Some(if self.notebook.actor_filter.is_some() {
                    "notes: every actor".into()
                } else {
                    format!(
                        "choose an actor in the Actors panel ({}) to filter notes by",
                        self.keymap.first(Action::FocusActors).unwrap_or_default()
                    )
                });
                None
            }
        };
        self.panel_cursor[Panel::Notes as usize] = 0;
        self.note_detail_follows_cursor();
    }
}

/// Annotation `id` of `article` as stored now, deleted or not.
fn store_lookup(store: &mut Store, article: &Article, id: &str) -> Option<Annotation> {
    let all = store.annotations(article);
    all.placed
        .into_iter()
        .map(|p| p.annotation)
        .chain(all.orphans)
        .chain(all.deleted)
        .find(|a| a.id == id)
}

fn sidecar_name(article_id: &str) -> String {
    format!(".newslens/annotations/{article_id}.toml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_spans_run_from_the_anchor_either_way() {
        let s = Selection {
            anchor: Span::new(10, 20),
            head: 35,
        };
        assert_eq!(s.span(), Span::new(10, 35));
        let s = Selection {
            anchor: Span::new(10, 20),
            head: 14,
        };
        assert_eq!(s.span(), Span::new(10, 14));
        let s = Selection {
            anchor: Span::new(10, 20),
            head: 3,
        };
        assert_eq!(s.span(), Span::new(3, 20));
    }

    #[test]
    fn words_near_stay_on_char_boundaries_in_any_text() {
        let body = "é".repeat(5000) + " mot clé " + &"ü".repeat(5000);
        for at in [0, 1, 4999, 5000, 10001, body.len(), body.len() + 9] {
            for w in words_near(&body, at) {
                assert!(body.get(w.start..w.end).is_some());
            }
        }
    }

    #[test]
    fn notices_read_as_one_sentence() {
        let lock = Notice {
            path: "/c/.newslens/lock".into(),
            line: None,
            message: "another newslens holds the corpus /c; annotations are read-only".into(),
        };
        assert_eq!(
            store_notice(&lock),
            "opened read-only: another newslens holds this corpus"
        );
        let broken = Notice {
            path: "/c/.newslens/annotations/a.toml".into(),
            line: Some(3),
            message: "cannot be read: expected `=`; the file is kept as it is and annotating this article is disabled until it is fixed".into(),
        };
        assert_eq!(
            sidecar_notice("a", &broken),
            "annotations for a not loaded: /c/.newslens/annotations/a.toml:3: cannot be read: expected `=`, kept untouched"
        );
    }
}
