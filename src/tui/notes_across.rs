//! The Notes panel across the corpus: `W` switches the panel between the open article's
//! notes and every note of the corpus (each corpus folder open in the reader), `/` in the
//! panel filters either list with the query language (`tag:coup actor:France -note:draft`),
//! and `Enter` opens a note's article at its passage.
//!
//! The notes are read from the sidecars (what the reader writes at every change), not from
//! the index, so a note saved a moment ago is listed. Terms about notes (`tag:`, `note:`,
//! free words) are checked on each note; terms about articles (`actor:`, `source:`,
//! `date:`...) go to the corpus index once per query, which gives the set of articles they
//! keep. The query is kept when the panel switches scope, so the same filter reads "these
//! notes of this article" or "these notes anywhere".

use super::app::{App, Effect, Focus, Item, Panel};
use super::keymap::Action;
use super::notes::{GUTTER_MARK, line_at, note_rows, note_style};
use super::palette::Role;
use crate::annotations::Annotation;
use crate::annotations::across::{CorpusNote, article_terms, corpus_notes, note_matches};
use crate::index::Index;
use crate::query::{self, Query};
use crate::sanitize::clean_line;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// The Notes panel's scope and query.
#[derive(Default)]
pub struct AcrossNotes {
    /// The panel lists every note of the corpus (else the open article's).
    pub on: bool,
    /// Every live note of the corpus folders, by folder, article id, then position.
    pub notes: Vec<CorpusNote>,
    /// The reader's article of each note (`None`: not among the articles open).
    article_of: Vec<Option<usize>>,
    /// The query as typed, and whether it is being typed.
    pub query: String,
    pub editing: bool,
    /// The query before typing started (Esc puts it back).
    before: String,
    /// Why the query cannot be used; the last good filter stays.
    pub error: Option<String>,
    /// The last query that parsed.
    parsed: Query,
    /// Articles the query's terms about articles keep (`None`: it has none).
    kept: Option<HashSet<usize>>,
    /// Notes passing the query (indices into `notes`), in list order.
    pub rows: Vec<usize>,
    /// Indexes opened for the query, one per corpus folder the reader's list has none for.
    indexes: Vec<Index>,
}

impl AcrossNotes {
    /// Whether a note of article `article` passes the query.
    pub fn keeps(&self, note: &Annotation, article: Option<usize>) -> bool {
        note_matches(note, &self.parsed)
            && match &self.kept {
                None => true,
                Some(set) => article.is_some_and(|a| set.contains(&a)),
            }
    }

    /// The query as shown in the Notes title, when there is one.
    pub fn label(&self) -> Option<&str> {
        (!self.query.trim().is_empty()).then_some(self.query.as_str())
    }

    /// Screen rows above the list: the prompt while typing, else a query error.
    pub fn header_rows(&self) -> u16 {
        u16::from(self.editing || self.error.is_some())
    }

    /// The reader's article of the note on row `row`.
    pub fn article_of_row(&self, row: usize) -> Option<usize> {
        self.rows
            .get(row)
            .and_then(|&i| self.article_of.get(i).copied().flatten())
    }
}

impl App {
    /// Actions of the Notes panel about its scope and query; `None` when the action is not
    /// one (the article's Notes panel handles it as before).
    pub(super) fn across_action(&mut self, action: Action) -> Option<Effect> {
        let notes_focus = self.focus == Focus::Panel(Panel::Notes);
        match action {
            Action::NotesScope => self.toggle_notes_scope(),
            Action::Search if notes_focus && !self.notebook.show_deleted => {
                let a = &mut self.notebook.across;
                a.before = a.query.clone();
                a.editing = true;
            }
            _ if !self.notebook.across.on || !notes_focus => return None,
            Action::Select => self.open_corpus_note(),
            Action::DeletedNotes => {
                // The deleted notes are the article's: back to its notes first.
                self.notebook.across.on = false;
                return None;
            }
            // A note is changed where it lives: its article opens at the passage, the panel
            // lists that article's notes with the cursor on it, and the action goes on there
            // (with that article's own undo).
            Action::EditNote
            | Action::EditNoteExternally
            | Action::DeleteNote
            | Action::TagFilter
            | Action::ActorFilter => {
                if self.focus_note_in_its_article() {
                    return None;
                }
            }
            Action::RestoreNote | Action::PurgeNote => {
                self.message = Some(format!(
                    "the whole corpus is listed: {} opens the note's article, {} lists its notes to change them; {} filters (tag: actor: note: ...)",
                    self.keymap.first(Action::Select).unwrap_or_default(),
                    self.keymap.first(Action::NotesScope).unwrap_or_default(),
                    self.keymap.first(Action::Search).unwrap_or_default(),
                ));
            }
            _ => return None,
        }
        Some(Effect::None)
    }

    /// `W`: the article's notes or the corpus' notes.
    fn toggle_notes_scope(&mut self) {
        let on = !self.notebook.across.on;
        self.notebook.across.on = on;
        self.notebook.show_deleted = false;
        self.focus = Focus::Panel(Panel::Notes);
        if on {
            self.reload_corpus_notes_panel();
            // The cursor starts on the first note of the open article, if it has one.
            let a = &self.notebook.across;
            let here = (0..a.rows.len()).find(|&r| a.article_of_row(r) == Some(self.current));
            self.panel_cursor[Panel::Notes.index()] = here.unwrap_or(0);
            let n = a.rows.len();
            let total = a.notes.len();
            if self.message.is_none() {
                self.message = Some(match (n, total) {
                    (_, 0) => "no notes anywhere in the corpus yet".into(),
                    (n, t) if n == t => format!("notes: the whole corpus ({t})"),
                    (n, t) => format!("notes: the whole corpus, {n} of {t} match the filter"),
                });
            }
        } else {
            self.panel_cursor[Panel::Notes.index()] = 0;
            self.message = Some("notes: this article".into());
        }
    }

    /// Read every note of the corpus again (after a change, or when the panel switches).
    pub(super) fn reload_corpus_notes_panel(&mut self) {
        let mut roots: Vec<PathBuf> = self.articles.iter().map(|a| a.root.to_path_buf()).collect();
        roots.sort();
        roots.dedup();
        let by_id: HashMap<(&std::path::Path, &str), usize> = self
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| ((&*a.root, a.id.as_str()), i))
            .collect();
        let mut notes = Vec::new();
        let mut article_of = Vec::new();
        let mut problems = Vec::new();
        for root in &roots {
            let (found, p) = corpus_notes(root);
            problems.extend(p);
            article_of.extend(
                found
                    .iter()
                    .map(|n| by_id.get(&(root.as_path(), n.article_id.as_str())).copied()),
            );
            notes.extend(found);
        }
        let a = &mut self.notebook.across;
        a.notes = notes;
        a.article_of = article_of;
        if !problems.is_empty() {
            self.message = Some(problems.join(" · "));
        }
        let query = self.notebook.across.parsed.clone();
        self.apply_notes_query(query);
    }

    /// Use `query` from now on: the articles its terms about articles keep, and the rows.
    fn apply_notes_query(&mut self, query: Query) {
        let about_articles = article_terms(&query);
        let kept = if about_articles.is_empty() {
            None
        } else {
            match self.articles_matching(&about_articles) {
                Ok(set) => Some(set),
                Err(why) => {
                    self.notebook.across.error = Some(why);
                    return;
                }
            }
        };
        let a = &mut self.notebook.across;
        a.error = None;
        a.parsed = query;
        a.kept = kept;
        a.rows = (0..a.notes.len())
            .filter(|&i| a.keeps(&a.notes[i].annotation, a.article_of[i]))
            .collect();
        let n = self.panel_items(Panel::Notes).len();
        let c = &mut self.panel_cursor[Panel::Notes.index()];
        *c = (*c).min(n.saturating_sub(1));
    }

    /// The reader's articles that the index says `query` (terms about articles only) keeps.
    fn articles_matching(&mut self, query: &Query) -> Result<HashSet<usize>, String> {
        let mut roots: Vec<PathBuf> = self.articles.iter().map(|a| a.root.to_path_buf()).collect();
        roots.sort();
        roots.dedup();
        let mut kept = HashSet::new();
        for root in roots {
            let ids = match self.library.index.as_ref().filter(|i| i.root() == root) {
                Some(index) => index.matching_ids(query),
                None => {
                    let across = &mut self.notebook.across;
                    let at = match across.indexes.iter().position(|i| i.root() == root) {
                        Some(at) => at,
                        None => {
                            let index = Index::open(&root).map_err(|e| e.to_string())?;
                            across.indexes.push(index);
                            across.indexes.len() - 1
                        }
                    };
                    across.indexes[at].matching_ids(query)
                }
            }
            .map_err(|e| e.to_string())?;
            let ids: HashSet<String> = ids.into_iter().collect();
            kept.extend(
                self.articles
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| *a.root == *root && ids.contains(&a.id))
                    .map(|(i, _)| i),
            );
        }
        Ok(kept)
    }

    /// Typing the Notes query: it applies as typed whenever it parses.
    pub(super) fn notes_query_key(&mut self, key: &KeyEvent) -> Effect {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let a = &mut self.notebook.across;
        match key.code {
            KeyCode::Esc => {
                a.editing = false;
                a.query = std::mem::take(&mut a.before);
            }
            KeyCode::Enter => {
                a.editing = false;
                if let Some(e) = a.error.clone() {
                    self.message = Some(e);
                } else {
                    let n = self.panel_items(Panel::Notes).len();
                    self.message = Some(format!("notes: {n} match"));
                }
                return Effect::None;
            }
            KeyCode::Backspace => {
                a.query.pop();
            }
            KeyCode::Char('u') if ctrl => a.query.clear(),
            KeyCode::Char(c) if !ctrl && !c.is_control() => a.query.push(c),
            _ => return Effect::None,
        }
        match query::parse(&self.notebook.across.query) {
            Ok(q) => self.apply_notes_query(q),
            Err(e) => self.notebook.across.error = Some(format!("notes filter: {e}")),
        }
        if !self.notebook.across.on {
            self.note_detail_follows_cursor();
        }
        Effect::None
    }

    /// Enter on a note of the corpus: its article opens at the passage, the note selected;
    /// the panel stays on the corpus list, at that note.
    /// Opens the note under the cursor in its article and lists that article's notes with
    /// the cursor on it; false (with the reason said) when it cannot be placed there.
    fn focus_note_in_its_article(&mut self) -> bool {
        let row = self.panel_cursor[Panel::Notes.index()];
        let a = &self.notebook.across;
        let Some(id) = a.rows.get(row).map(|&i| a.notes[i].annotation.id.clone()) else {
            return false;
        };
        if a.article_of_row(row).is_none() {
            self.open_corpus_note(); // says why it cannot
            return false;
        }
        self.open_corpus_note();
        let k = (0..self.notebook.len())
            .find(|&k| self.notebook.note(k).is_some_and(|n| n.annotation.id == id));
        self.notebook.across.on = false;
        let pos = k.and_then(|k| self.panel_items(Panel::Notes).iter().position(|&i| i == k));
        let Some(pos) = pos else {
            self.notebook.across.on = true;
            self.message = Some("this note is not in its article's notes list".into());
            return false;
        };
        self.panel_cursor[Panel::Notes.index()] = pos;
        self.focus = Focus::Panel(Panel::Notes);
        true
    }

    fn open_corpus_note(&mut self) {
        let row = self.panel_cursor[Panel::Notes.index()];
        let a = &self.notebook.across;
        let Some(&i) = a.rows.get(row) else {
            return;
        };
        let note = &a.notes[i];
        let Some(article) = a.article_of_row(row) else {
            self.message = Some(format!(
                "the article {} of this note is not among the articles open in this reader",
                clean_line(&note.article_id)
            ));
            return;
        };
        let span = note.annotation.target.span();
        let id = note.annotation.id.clone();
        let (root, article_id) = match self.articles.get(article) {
            Some(x) => (x.root.to_path_buf(), x.id.clone()),
            None => return,
        };
        self.open_at(
            &root,
            &article_id,
            span,
            super::corpus_view::Target::Note(id.clone()),
        );
        self.focus = Focus::Panel(Panel::Notes);
        self.panel_cursor[Panel::Notes.index()] = row;
        let placed = (0..self.notebook.len())
            .filter_map(|k| self.notebook.note(k))
            .any(|n| n.annotation.id == id && n.span.is_some());
        let title = self.article().map(|x| x.title.clone()).unwrap_or_default();
        self.message = Some(if placed {
            format!(
                "note in “{}” · {} back",
                clean_line(&title),
                self.keymap.first(Action::JumpBack).unwrap_or_default()
            )
        } else {
            format!(
                "“{}”: this note's passage is no longer in the text (an orphan, its quote kept)",
                clean_line(&title)
            )
        });
    }
}

/// The Notes panel listing the whole corpus.
pub fn across_view(app: &App, area: Rect, buf: &mut Buffer) {
    let p = &app.palette;
    let a = &app.notebook.across;
    let focused = app.focus == Focus::Panel(Panel::Notes);
    let total = a.notes.len();
    let shown = a.rows.len();
    let mut title = vec![
        TextSpan::styled(" Notes ", p.style(Role::Title)),
        TextSpan::styled("· corpus ", p.style(Role::ActiveItem)),
        TextSpan::styled(
            if shown == total {
                format!("({total}) ")
            } else {
                format!("({shown}/{total}) ")
            },
            p.style(Role::Muted),
        ),
    ];
    if let Some(q) = a.label().filter(|_| !a.editing) {
        title.push(TextSpan::styled(
            format!("{} ", clean_line(q)),
            p.style(Role::ActiveItem),
        ));
    }
    let block = super::view::pane_block(app, Line::from(title), focused);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let mut y = inner.y;
    if a.editing {
        let text = format!("/{}▏", clean_line(&a.query));
        let style = if a.error.is_some() {
            p.style(Role::Warning)
        } else {
            p.style(Role::Text)
        };
        line_at(
            buf,
            inner.x,
            y,
            inner.width,
            Line::styled(text, style),
            inner.bottom(),
        );
        y += 1;
    } else if let Some(e) = &a.error {
        line_at(
            buf,
            inner.x,
            y,
            inner.width,
            Line::styled(clean_line(e).into_owned(), p.style(Role::Warning)),
            inner.bottom(),
        );
        y += 1;
    }
    if a.rows.is_empty() {
        if y < inner.bottom() {
            let hint = if a.editing {
                "tag: note: actor: source: date: words, - negates · Enter keep · Esc cancel"
                    .to_string()
            } else if total > 0 {
                "none match the filter".to_string()
            } else {
                format!(
                    "no notes in the corpus yet · {} this article",
                    app.keymap.first(Action::NotesScope).unwrap_or_default()
                )
            };
            Paragraph::new(Line::styled(hint, p.style(Role::Muted)))
                .wrap(Wrap { trim: true })
                .render(Rect::new(inner.x, y, inner.width, inner.bottom() - y), buf);
        }
        return;
    }
    let (_, per_page, first) = super::notes::notes_page(app, inner, a.rows.len());
    let cursor = app.panel_cursor[Panel::Notes.index()].min(a.rows.len() - 1);
    let w = inner.width;
    let active_id = match app.active {
        Some(Item::Note(k)) => app.notebook.note(k).map(|n| n.annotation.id.clone()),
        _ => None,
    };
    for (row, &i) in a.rows.iter().enumerate().skip(first).take(per_page) {
        let y0 = y + (row - first) as u16 * super::notes::ROWS_PER_NOTE;
        if y0 >= inner.bottom() {
            break;
        }
        let note = &a.notes[i];
        let ann = &note.annotation;
        let article = a.article_of.get(i).copied().flatten();
        let here = article == Some(app.current);
        let mut base = p.style(Role::Text);
        if here && active_id.as_deref() == Some(ann.id.as_str()) {
            base = base.patch(p.style(Role::ActiveItem));
        }
        if focused && row == cursor {
            base = base.patch(p.style(Role::CursorItem));
            let h = super::notes::ROWS_PER_NOTE.min(inner.bottom() - y0);
            buf.set_style(Rect::new(inner.x, y0, w, h), base);
        }
        // Row 1: mark, tags, quote.
        let spans = vec![TextSpan::styled(
            format!("{GUTTER_MARK} "),
            base.patch(note_style(app, ann).remove_modifier(Modifier::UNDERLINED)),
        )];
        // Row 3: the article it belongs to.
        let from = match article.and_then(|k| app.articles.get(k)) {
            Some(art) => {
                let mut s = art.title.clone();
                if let Some(d) = &art.meta.date {
                    s = format!("{d} · {s}");
                }
                if here {
                    s.push_str(" · this article");
                }
                s
            }
            None => format!("{} (not open in this reader)", clean_line(&note.article_id)),
        };
        note_rows(
            app,
            buf,
            Rect::new(inner.x, y0, w, inner.bottom().saturating_sub(y0)),
            base,
            ann,
            spans,
            &from,
        );
    }
}

/// Status hints in the Notes panel over the whole corpus.
pub fn hints(app: &App) -> Vec<(Action, &'static str)> {
    let mut v = vec![(Action::ScrollDown, "down")];
    if !app.notebook.across.rows.is_empty() {
        v.push((Action::Select, "open"));
    }
    v.extend([
        (Action::Search, "filter"),
        (Action::NotesScope, "this article"),
        (Action::FocusNext, "pane"),
        (Action::Help, "help"),
    ]);
    v
}
