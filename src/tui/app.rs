//! The reader's state and how actions change it.
//!
//! [`App::update`] is pure: it changes the state and returns an [`Effect`] for the event loop
//! to carry out (only quitting, for now). Terminal events come in through
//! [`App::handle_event`], which maps keys through the live [`Keymap`], so tests that push
//! key events exercise exactly the production path.
//!
//! The reading position is a body offset (see [`Position`]), never a screen line, so it
//! survives resizes and article switches.

use super::annotate::Notebook;
use super::clipboard;
use super::command_palette::CommandPalette;
use super::jumps::JumpList;
use super::keymap::{Action, Keymap};
use super::palette::{Palette, Role};
use super::search;
use super::wrap::{Position, Wrapped};
use crate::analysis::Analysis;
use crate::corpus::{Article, Problem, Severity, Span};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use std::collections::HashMap;
use std::sync::Arc;

/// A panel beside the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Panel {
    Actors,
    Themes,
    Tensions,
    /// The reader's annotations of the article (see `annotate`).
    Notes,
}

impl Panel {
    pub const ALL: [Panel; 4] = [Panel::Actors, Panel::Themes, Panel::Tensions, Panel::Notes];

    pub fn title(self) -> &'static str {
        match self {
            Panel::Actors => "Actors",
            Panel::Themes => "Themes",
            Panel::Tensions => "Tensions",
            Panel::Notes => "Notes",
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

/// Which pane receives the keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Text,
    List,
    Panel(Panel),
}

/// What the keys mean right now. Popups (help; later the note editor) are modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a search pattern in the article.
    Search,
    /// Typing a filter for the article list.
    Filter,
    Help,
    /// The command palette (`:`): every action by name.
    Commands,
}

/// A selected panel item: an index into the current analysis' list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Actor(usize),
    Theme(usize),
    Tension(usize),
    /// An index into the Notes panel's list (placed notes only).
    Note(usize),
}

/// What the event loop must do after an update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Suspend the terminal and edit a note in $VISUAL/$EDITOR (see
    /// [`App::external_text`] and [`App::external_done`]).
    ExternalEdit,
    /// Copy [`App::copied`] to the clipboard (see `clipboard`).
    Copy,
    /// Suspend to the shell (Ctrl-z) and come back on `fg`.
    Suspend,
    /// Open or copy a link (see [`super::links::perform`]).
    Link,
}

/// An article search: the pattern, its hits and the one jumped to.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub pattern: String,
    pub hits: Vec<Span>,
    pub current: Option<usize>,
    /// Confirmed with Enter: `n`/`N` follow hits.
    pub active: bool,
    /// Why the pattern cannot be searched with (an invalid regular expression).
    pub error: Option<String>,
}

/// Where each part of the screen goes, for a terminal of a given size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    pub list: Option<Rect>,
    /// The text pane including its border.
    pub text: Option<Rect>,
    pub panels: [Option<Rect>; Panel::ALL.len()],
    pub detail: Option<Rect>,
    pub status: Rect,
}

/// Smallest terminal the reader lays out in.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Columns left of the text for the cursor-sentence bar.
pub const GUTTER: u16 = 2;

/// The whole reader state. Rendering reads it through `&App` (see `view`).
pub struct App {
    pub articles: Arc<[Article]>,
    /// Per article; boxed, so an article never analysed costs one pointer (the list of a
    /// large corpus is mostly such).
    pub analyses: Vec<Option<Box<Analysis>>>,
    pub problems: Vec<Problem>,
    pub keymap: Keymap,
    pub palette: Palette,
    pub current: usize,
    pub pos: Position,
    /// Index into the current analysis' sentences.
    pub cursor: usize,
    /// Position and cursor remembered per article.
    remembered: HashMap<usize, (Position, usize)>,
    /// Cursor sentence starts the state file gave for articles not opened yet this session.
    restored_cursor: HashMap<usize, usize>,
    pub focus: Focus,
    pub mode: Mode,
    pub show_list: bool,
    pub list_cursor: usize,
    pub list_filter: String,
    pub panel_cursor: [usize; Panel::ALL.len()],
    pub section_filter: bool,
    pub active: Option<Item>,
    /// Spans to highlight for the active item, with their role, in paint order.
    pub highlights: Vec<(Span, Role)>,
    /// Jump targets of the active item, in body order.
    pub evidence: Vec<Span>,
    pub evidence_current: Option<usize>,
    pub search: Search,
    /// The search as it was before the prompt opened, restored by Esc.
    search_before: Option<Search>,
    /// Reading position and cursor when the prompt opened: live search moves from here and
    /// returns here when the pattern stops matching or the prompt is cancelled.
    search_origin: (Position, usize),
    pub help_scroll: usize,
    pub message: Option<String>,
    pub size: (u16, u16),
    pub wrapped: Wrapped,
    wrapped_for: Option<(usize, usize)>,
    /// Selection, editor popup, notes and their stores.
    pub notebook: Notebook,
    /// A count typed before an action (`5j`, `10G`); see `counts`.
    pub count: Option<usize>,
    /// A lone panel digit is a focus key unless another digit follows: what to put back then.
    pub(super) count_revert: Option<(Focus, bool)>,
    /// Where evidence, search and section jumps came from (Ctrl-o / Ctrl-i).
    pub jumps: JumpList,
    /// Side panels hidden: the text takes their width (`z`).
    pub zoom: bool,
    /// The open command palette (`:`).
    pub commands: Option<CommandPalette>,
    /// Earlier search patterns (Up/Down in the prompt).
    pub history: super::search::History,
    /// Where `y`/`Y` send text; nowhere until the terminal reader picks one.
    pub clipboard: clipboard::Target,
    /// Text waiting to be copied by the event loop ([`Effect::Copy`]).
    pub copied: Option<String>,
    /// Ctrl-c was pressed with an unsaved note: a second one quits.
    pub quit_armed: bool,
    /// Whether Ctrl-z may stop the process (only in a real terminal).
    pub job_control: bool,
    /// The body offset last clicked in the text (for `*`).
    pub point: Option<usize>,
    /// A left-button press in the text that may become a drag selection.
    pub(super) drag: Option<super::mouse::Drag>,
    /// The links popup and a pending open or copy.
    pub links: super::links::Links,
    /// The analyst's corrections: stores, the engine's analyses, the correction prompt.
    pub correcting: super::correct::Correcting,
    /// The corpus screen (`c`), shown instead of the article while `corpus.shown`.
    pub corpus: super::corpus_view::CorpusScreen,
    /// The article list backed by the corpus index, read marks, bookmarks (see `library`).
    pub library: super::library::Library,
}

impl App {
    pub fn new(
        articles: impl Into<Arc<[Article]>>,
        problems: Vec<Problem>,
        keymap: Keymap,
        palette: Palette,
    ) -> App {
        let articles = articles.into();
        let n = articles.len();
        let mut app = App {
            articles,
            analyses: vec![None; n],
            problems,
            keymap,
            palette,
            current: 0,
            pos: Position::default(),
            cursor: 0,
            remembered: HashMap::new(),
            restored_cursor: HashMap::new(),
            focus: Focus::Text,
            mode: Mode::Normal,
            show_list: false,
            list_cursor: 0,
            list_filter: String::new(),
            panel_cursor: [0; Panel::ALL.len()],
            section_filter: false,
            active: None,
            highlights: Vec::new(),
            evidence: Vec::new(),
            evidence_current: None,
            search: Search::default(),
            search_before: None,
            search_origin: (Position::default(), 0),
            help_scroll: 0,
            message: None,
            size: (80, 24),
            wrapped: Wrapped::default(),
            wrapped_for: None,
            notebook: Notebook::default(),
            count: None,
            count_revert: None,
            jumps: JumpList::default(),
            zoom: false,
            commands: None,
            history: Default::default(),
            clipboard: clipboard::Target::Off,
            copied: None,
            quit_armed: false,
            job_control: false,
            point: None,
            drag: None,
            links: super::links::Links::default(),
            correcting: Default::default(),
            corpus: Default::default(),
            library: Default::default(),
        };
        if !app.problems.is_empty() {
            app.message = Some(format!(
                "{} file(s) had problems: listed in full in help ({})",
                app.problems.len(),
                app.keymap.first(Action::Help).unwrap_or_default()
            ));
        }
        app.reflow();
        app
    }

    // ----- queries -------------------------------------------------------------------

    pub fn article(&self) -> Option<&Article> {
        self.articles.get(self.current)
    }

    pub fn analysis(&self) -> Option<&Analysis> {
        self.analyses.get(self.current).and_then(Option::as_deref)
    }

    /// Where each pane goes in a `w`×`h` terminal; `None` panes are not shown.
    pub fn areas(&self) -> Areas {
        let (w, h) = self.size;
        let status = Rect::new(0, h.saturating_sub(1), w, 1.min(h));
        let mut areas = Areas {
            status,
            ..Areas::default()
        };
        if w < MIN_WIDTH || h < MIN_HEIGHT {
            return areas;
        }
        let body_h = h - 1;
        let panels_w = if self.zoom {
            0
        } else if w >= 120 {
            40
        } else if w >= 80 {
            30
        } else {
            w * 2 / 5
        };
        let mut x = 0;
        // Narrow: the list takes the text's place, but only while it has the focus, so the
        // text never disappears behind a list the reader is not using.
        if self.show_list && (w >= 100 || self.focus == Focus::List) {
            if w >= 100 {
                let list_w = 34;
                areas.list = Some(Rect::new(0, 0, list_w, body_h));
                x = list_w;
            } else {
                // Narrow: the list takes the text's place.
                areas.list = Some(Rect::new(0, 0, w - panels_w, body_h));
            }
        }
        let text_w = w - panels_w - x;
        if areas.list.is_none() || x > 0 {
            areas.text = Some(Rect::new(x, 0, text_w, body_h));
        }
        if self.zoom {
            return areas;
        }
        let px = w - panels_w;
        let detail_h = if self.active.is_some() && body_h >= 18 {
            8
        } else {
            0
        };
        let rest = body_h - detail_h;
        // Notes: one line of hint while there are none, else a share like the others.
        let notes = if self.notebook.is_empty() && !self.notebook.across.on {
            3.min(rest)
        } else {
            rest * 3 / 10
        };
        let others = rest - notes;
        let a = others * 2 / 5;
        let t = (others - a) / 2;
        let n = others - a - t;
        areas.panels = [
            Some(Rect::new(px, 0, panels_w, a)),
            Some(Rect::new(px, a, panels_w, t)),
            Some(Rect::new(px, a + t, panels_w, n)),
            Some(Rect::new(px, a + t + n, panels_w, notes)),
        ];
        if detail_h > 0 {
            areas.detail = Some(Rect::new(px, rest, panels_w, detail_h));
        }
        areas
    }

    /// The text area inside the text pane's border, gutter excluded: (width, height).
    pub fn text_size(&self) -> (usize, usize) {
        match self.areas().text {
            Some(r) => (
                usize::from(r.width.saturating_sub(2 + GUTTER)).max(1),
                usize::from(r.height.saturating_sub(2)).max(1),
            ),
            None => (1, 1),
        }
    }

    /// Index of the top visual line. The stored position is kept as the reader left it (a
    /// larger window may show it lower down); it is clamped here so the view never runs
    /// past the end, and a resize back finds the same place.
    pub fn top_line(&self) -> usize {
        self.wrapped.index_of(self.pos).min(self.max_top())
    }

    /// Byte range shown in the text view (first visible byte, last visible byte end).
    pub fn visible_range(&self) -> Span {
        let (_, h) = self.text_size();
        let lines = &self.wrapped.lines;
        let top = self.top_line();
        match (
            lines.get(top),
            lines.get((top + h).min(lines.len()).saturating_sub(1)),
        ) {
            (Some(a), Some(b)) => Span::new(a.start, b.end),
            _ => Span::default(),
        }
    }

    pub fn cursor_sentence(&self) -> Option<Span> {
        self.analysis()?.sentences.get(self.cursor).copied()
    }

    /// The section the reader is in: that of the cursor sentence, else of the top line.
    pub fn current_section(&self) -> usize {
        let Some(article) = self.article() else {
            return 0;
        };
        let offset = self.cursor_sentence().map_or(self.pos.offset, |s| s.start);
        article
            .section_at(offset)
            .min(article.sections.len().saturating_sub(1))
    }

    /// The title shown for section `i`: the analysis' title, else the heading, else a number.
    pub fn section_title(&self, i: usize) -> String {
        if let Some(t) = self.analysis().and_then(|a| a.section_titles.get(i))
            && !t.trim().is_empty()
        {
            return t.clone();
        }
        if let Some(h) = self
            .article()
            .and_then(|a| a.sections.get(i))
            .and_then(|s| s.heading.clone())
        {
            return h;
        }
        format!("Section {}", i + 1)
    }

    /// Whether the item with this index in `panel` has evidence in section `s`.
    pub fn item_in_section(&self, panel: Panel, index: usize, s: usize) -> bool {
        let Some(an) = self.analysis() else {
            return false;
        };
        match panel {
            Panel::Actors => an
                .actors
                .get(index)
                .is_some_and(|a| a.mentions.iter().any(|m| m.section == s)),
            Panel::Themes => an
                .themes
                .get(index)
                .is_some_and(|t| t.evidence.iter().any(|e| e.section == s)),
            Panel::Tensions => an
                .tensions
                .get(index)
                .is_some_and(|t| t.evidence.iter().any(|e| e.section == s)),
            Panel::Notes => {
                self.notebook.is_shown_for(self.current)
                    && self
                        .notebook
                        .note(index)
                        .and_then(|n| n.span)
                        .and_then(|sp| Some(self.article()?.section_at(sp.start) == s))
                        .unwrap_or(false)
            }
        }
    }

    pub fn panel_len(&self, panel: Panel) -> usize {
        if panel == Panel::Notes {
            if self.notebook.across.on {
                return self.notebook.across.rows.len();
            }
            return if self.notebook.is_shown_for(self.current) {
                self.notebook.len()
            } else {
                0
            };
        }
        self.analysis().map_or(0, |an| match panel {
            Panel::Actors => an.actors.len(),
            Panel::Themes => an.themes.len(),
            Panel::Tensions => an.tensions.len(),
            Panel::Notes => 0,
        })
    }

    /// Indices shown in `panel`: all, or those of the current section when filtering.
    pub fn panel_items(&self, panel: Panel) -> Vec<usize> {
        if panel == Panel::Notes && self.notebook.across.on {
            // The corpus list: its own query, no section of this article.
            return (0..self.panel_len(panel)).collect();
        }
        let s = self.current_section();
        (0..self.panel_len(panel))
            .filter(|&i| !self.section_filter || self.item_in_section(panel, i, s))
            .filter(|&i| panel != Panel::Notes || self.note_passes_filter(i))
            .collect()
    }

    pub fn item(panel: Panel, index: usize) -> Item {
        match panel {
            Panel::Actors => Item::Actor(index),
            Panel::Themes => Item::Theme(index),
            Panel::Tensions => Item::Tension(index),
            Panel::Notes => Item::Note(index),
        }
    }

    /// Articles matching the list filter, in list order (see `library`).
    pub fn list_items(&self) -> Vec<usize> {
        self.listed()
    }

    /// Spans `n`/`N` move through, and what they are called in the status line:
    /// search hits when a search is active, else the selected item's evidence.
    pub fn jump_targets(&self) -> Option<(&'static str, &[Span], Option<usize>)> {
        if self.search.active && !self.search.hits.is_empty() {
            Some(("search", &self.search.hits, self.search.current))
        } else if self.active.is_some() && !self.evidence.is_empty() {
            Some(("evidence", &self.evidence, self.evidence_current))
        } else {
            None
        }
    }

    /// Name of the active item, for the status line.
    pub fn active_name(&self) -> Option<String> {
        let an = self.analysis()?;
        Some(match self.active? {
            Item::Actor(i) => an.actors.get(i)?.name.clone(),
            Item::Theme(i) => an.themes.get(i)?.label.clone(),
            Item::Tension(i) => an.tensions.get(i)?.label.clone(),
            Item::Note(_) => "note".into(),
        })
    }

    /// Percent of the article read: the end of the last visible line over the body length.
    pub fn percent(&self) -> usize {
        let Some(a) = self.article() else { return 0 };
        if a.body.is_empty() {
            return 100;
        }
        let (_, h) = self.text_size();
        let lines = &self.wrapped.lines;
        if self.top_line() + h >= lines.len() {
            return 100;
        }
        (self.visible_range().end * 100 / a.body.len()).min(100)
    }

    // ----- events --------------------------------------------------------------------

    /// A terminal event, through the keymap, into an update.
    pub fn handle_event(&mut self, event: &Event) -> Effect {
        let effect = match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Resize(w, h) => {
                self.resize(*w, *h);
                Effect::None
            }
            Event::Paste(text) => {
                self.editor_paste(text);
                Effect::None
            }
            Event::Mouse(_) if self.corpus.shown => Effect::None,
            Event::Mouse(mouse) => self.handle_mouse(mouse),
            _ => Effect::None,
        };
        // The article may have changed: show its notes.
        self.sync_notes();
        // The filter or order may have changed: the list is recomputed now, not per frame.
        self.sync_list();
        effect
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Effect {
        self.message = None;
        if let Some(effect) = self.interrupt_key(key) {
            return effect;
        }
        if self.notebook.editor.is_some() {
            return self.editor_key(key);
        }
        if self.correcting.prompt.is_some() {
            return self.correct_prompt_key(key);
        }
        if self.notebook.across.editing {
            return self.notes_query_key(key);
        }
        if self.corpus.shown {
            return self.corpus_key(key);
        }
        let mode = self.mode;
        match mode {
            Mode::Search | Mode::Filter => {
                self.edit_prompt(key);
                Effect::None
            }
            Mode::Commands => self.command_key(key),
            Mode::Normal if self.count_key(key) => Effect::None,
            _ => match self
                .keymap
                .action(key)
                .filter(|a| !(self.focus == Focus::List && (a.types_in_list() || a.corrects())))
            {
                Some(action) => self.run_counted(action),
                None => {
                    self.count = None;
                    // In the list, a letter no key is bound to starts a new filter with it.
                    if let (Focus::List, Mode::Normal, KeyCode::Char(c)) =
                        (self.focus, self.mode, key.code)
                        && !c.is_control()
                        && !key
                            .modifiers
                            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    {
                        self.mode = Mode::Filter;
                        // A fresh filter; `/` edits the old one instead.
                        self.list_filter = c.to_string();
                        self.list_cursor = 0;
                    }
                    Effect::None
                }
            },
        }
    }

    /// Typing into the search or filter prompt. Text entry is not remappable; Enter and Esc
    /// confirm and cancel.
    fn edit_prompt(&mut self, key: &KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let filter = self.mode == Mode::Filter;
        match key.code {
            KeyCode::Esc => {
                if filter {
                    self.list_filter.clear();
                } else if let Some(before) = self.search_before.take() {
                    self.search = before;
                    (self.pos, self.cursor) = self.search_origin;
                    self.history.reset();
                }
                self.mode = Mode::Normal;
                return;
            }
            KeyCode::Enter => {
                self.mode = Mode::Normal;
                if !filter {
                    self.search_before = None;
                    self.search.active = !self.search.hits.is_empty();
                    self.history.push(&self.search.pattern);
                    if self.search.pattern.is_empty() {
                        self.search = Search::default();
                    } else if let Some(why) = self.search.error.clone() {
                        self.message = Some(why);
                        (self.pos, self.cursor) = self.search_origin;
                    } else if self.search.hits.is_empty() {
                        self.message = Some(format!("no match for “{}”", self.search.pattern));
                        (self.pos, self.cursor) = self.search_origin;
                    } else {
                        self.jump_search_from_cursor();
                        self.record_jump_from(self.current, self.search_origin);
                    }
                }
                return;
            }
            KeyCode::Backspace => {
                if filter {
                    self.list_filter.pop();
                } else {
                    self.search.pattern.pop();
                }
            }
            KeyCode::Char('u') if ctrl => {
                if filter {
                    self.list_filter.clear();
                } else {
                    self.search.pattern.clear();
                }
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                if filter {
                    self.list_filter.push(c);
                } else {
                    self.search.pattern.push(c);
                }
            }
            KeyCode::Down if filter => self.move_list(1),
            KeyCode::Up if filter => self.move_list(-1),
            KeyCode::Up => match self.history.older(&self.search.pattern) {
                Some(p) => self.search.pattern = p.to_string(),
                None => return,
            },
            KeyCode::Down => match self.history.newer() {
                Some(p) => self.search.pattern = p.to_string(),
                None => return,
            },
            _ => return,
        }
        if filter {
            self.list_cursor = 0;
        } else {
            self.run_search();
        }
    }

    /// The reading position stays; the cursor sentence moves into view if the new size hid it.
    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        self.reflow();
        self.keep_cursor_in_view();
    }

    /// An article's analysis arrived from the background.
    pub fn analysis_ready(&mut self, index: usize, analysis: Analysis) {
        let analysis = self.corrected_on_arrival(index, analysis);
        if let Some(slot) = self.analyses.get_mut(index) {
            *slot = Some(Box::new(analysis));
        }
        self.apply_pending_cursor(index);
        if index == self.current {
            self.reflow();
            self.clamp_cursor();
            self.keep_cursor_in_view();
        }
        self.corpus_analysis_arrived(index);
    }

    /// An article's analysis failed: keep the text readable with empty panels, and list the
    /// failure with the corpus problems.
    pub fn analysis_failed(&mut self, index: usize, why: &str) {
        let Some(article) = self.articles.get(index) else {
            return;
        };
        self.problems.push(Problem {
            path: article.path.clone(),
            line: None,
            severity: Severity::Error,
            message: format!("analysis failed: {why}"),
        });
        if index == self.current {
            self.message = Some(format!("analysis of this article failed: {why}"));
        }
        self.analysis_ready(index, Analysis::default());
    }

    /// Rewrap when the article or the width changed; keep the position valid.
    pub(super) fn reflow(&mut self) {
        if self.areas().text.is_none() {
            // Nothing to lay out for (too small, or the list in its place): keep the wrap.
            return;
        }
        let (w, _) = self.text_size();
        let key = (self.current, w);
        if self.wrapped_for != Some(key) {
            if let Some(a) = self.articles.get(self.current) {
                let spans: Vec<Span> = a.sections.iter().map(|s| s.span).collect();
                let headers: Vec<bool> = a.sections.iter().map(|s| s.heading.is_none()).collect();
                self.wrapped = Wrapped::new(&a.body, &spans, &headers, w);
            } else {
                self.wrapped = Wrapped::default();
            }
            self.wrapped_for = Some(key);
        }
    }

    fn max_top(&self) -> usize {
        let (_, h) = self.text_size();
        self.wrapped.lines.len().saturating_sub(h)
    }

    pub(super) fn set_top(&mut self, idx: usize) {
        let idx = idx.min(self.max_top());
        self.pos = self.wrapped.position_of(idx);
    }

    fn clamp_cursor(&mut self) {
        let n = self.analysis().map_or(0, |a| a.sentences.len());
        self.cursor = self.cursor.min(n.saturating_sub(1));
    }

    /// Apply one action. Pure: no terminal or disk access.
    pub fn update(&mut self, action: Action) -> Effect {
        if self.mode == Mode::Help {
            match action {
                Action::Help | Action::Clear | Action::Quit => self.mode = Mode::Normal,
                Action::ScrollDown => self.help_scroll += 1,
                Action::ScrollUp => self.help_scroll = self.help_scroll.saturating_sub(1),
                Action::PageDown | Action::HalfPageDown => self.help_scroll += 10,
                Action::PageUp | Action::HalfPageUp => {
                    self.help_scroll = self.help_scroll.saturating_sub(10)
                }
                Action::Top => self.help_scroll = 0,
                // Clamped to the last full page when drawn.
                Action::Bottom => self.help_scroll = usize::MAX / 2,
                _ => {}
            }
            return Effect::None;
        }
        if self.corpus.shown {
            return self.corpus_action(action);
        }
        if let Some(effect) = self.links_action(action) {
            return effect;
        }
        if let Some(effect) = self.unapplied_action(action) {
            return effect;
        }
        if let Some(effect) = self.correct_action(action) {
            self.reflow();
            return effect;
        }
        if let Some(effect) = self.annotate_action(action) {
            self.reflow();
            return effect;
        }
        match action {
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            Action::Copy | Action::CopyQuote => return self.copy(action == Action::CopyQuote),
            Action::CommandPalette => self.open_commands(),
            Action::JumpBack => self.jump_back(),
            Action::JumpForward => self.jump_forward(),
            Action::SearchWord => self.search_word(),
            Action::Zoom => {
                self.zoom = !self.zoom;
                if self.zoom && matches!(self.focus, Focus::Panel(_)) {
                    self.focus = Focus::Text;
                }
                self.message = Some(if self.zoom {
                    format!(
                        "panels hidden: {} shows them",
                        self.keymap.first(Action::Zoom).unwrap_or_default()
                    )
                } else {
                    "panels shown".into()
                });
                self.reflow();
                self.keep_cursor_in_view();
            }
            Action::FocusText => self.focus = Focus::Text,
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::SortList => self.cycle_sort(),
            Action::GroupList => self.toggle_group(),
            // Handled by `links_action` above.
            Action::OpenUrl | Action::CopyUrl | Action::ListLinks => {}
            Action::Help => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            Action::ScrollDown | Action::ScrollUp => {
                let d = if action == Action::ScrollDown { 1 } else { -1 };
                match self.focus {
                    Focus::Text => self.scroll(d),
                    Focus::List => self.move_list(d),
                    Focus::Panel(p) => self.move_panel(p, d),
                }
            }
            Action::HalfPageDown | Action::HalfPageUp | Action::PageDown | Action::PageUp => {
                let (_, h) = self.text_size();
                let h = h as isize;
                let d = match action {
                    Action::HalfPageDown => (h / 2).max(1),
                    Action::HalfPageUp => -(h / 2).max(1),
                    Action::PageDown => (h - 2).max(1),
                    _ => -(h - 2).max(1),
                };
                match self.focus {
                    Focus::List => self.move_list(d),
                    Focus::Panel(p) => self.move_panel(p, d),
                    Focus::Text => self.scroll(d),
                }
            }
            Action::Top | Action::Bottom => {
                let bottom = action == Action::Bottom;
                match self.focus {
                    Focus::List => self.move_list(if bottom {
                        isize::MAX / 2
                    } else {
                        isize::MIN / 2
                    }),
                    Focus::Panel(p) => self.move_panel(
                        p,
                        if bottom {
                            isize::MAX / 2
                        } else {
                            isize::MIN / 2
                        },
                    ),
                    Focus::Text => {
                        if bottom {
                            self.set_top(usize::MAX);
                            self.cursor = self.analysis().map_or(0, |a| a.sentences.len());
                            self.clamp_cursor();
                        } else {
                            self.pos = Position::default();
                            self.cursor = 0;
                        }
                    }
                }
            }
            Action::NextSection => self.jump_section(true),
            Action::PrevSection => self.jump_section(false),
            Action::NextSentence => self.move_cursor(1),
            Action::PrevSentence => self.move_cursor(-1),
            Action::FocusNext | Action::FocusPrev => self.cycle_focus(action == Action::FocusNext),
            Action::FocusActors => self.focus_panel(Panel::Actors),
            Action::FocusThemes => self.focus_panel(Panel::Themes),
            Action::FocusTensions => self.focus_panel(Panel::Tensions),
            Action::FocusNotes => self.focus_panel(Panel::Notes),
            Action::Select => match self.focus {
                Focus::List => self.open_from_list(),
                Focus::Panel(p) => {
                    let items = self.panel_items(p);
                    if let Some(&i) = items.get(self.panel_cursor[p.index()]) {
                        self.activate(App::item(p, i));
                    }
                }
                Focus::Text => self.select_actor_in_cursor_sentence(),
            },
            Action::NextEvidence => self.jump(1),
            Action::PrevEvidence => self.jump(-1),
            Action::Search => {
                if self.focus == Focus::List {
                    self.mode = Mode::Filter;
                } else if self.article().is_some() {
                    self.search_before = Some(self.search.clone());
                    self.search_origin = (self.pos, self.cursor);
                    self.search = Search::default();
                    self.history.reset();
                    self.mode = Mode::Search;
                }
            }
            Action::ArticleList => {
                self.show_list = !self.show_list;
                if self.show_list {
                    self.focus = Focus::List;
                    self.list_cursor = self
                        .list_items()
                        .iter()
                        .position(|&i| i == self.current)
                        .unwrap_or(0);
                } else if self.focus == Focus::List {
                    self.focus = Focus::Text;
                }
                self.reflow();
            }
            Action::NextArticle => self.open_relative(1),
            Action::PrevArticle => self.open_relative(-1),
            Action::SectionFilter => {
                self.section_filter = !self.section_filter;
                self.panel_cursor = [0; Panel::ALL.len()];
                self.message = Some(if self.section_filter {
                    format!("panels: section {} only", self.current_section() + 1)
                } else {
                    "panels: whole article".into()
                });
            }
            // Handled by `annotate_action` above.
            Action::StartSelection
            | Action::Annotate
            | Action::ExtendWord
            | Action::ShrinkWord
            | Action::EditNote
            | Action::EditNoteExternally
            | Action::DeleteNote
            | Action::Undo
            | Action::Redo
            | Action::DeletedNotes
            | Action::RestoreNote
            | Action::PurgeNote
            | Action::TagFilter
            | Action::ActorFilter
            | Action::NotesScope => {}
            // Handled by `correct_action` above.
            Action::CorrectReject
            | Action::CorrectRename
            | Action::CorrectKind
            | Action::CorrectMerge
            | Action::CorrectSplit
            | Action::CorrectFlip
            | Action::CorrectSides
            | Action::CorrectAddTension
            | Action::CorrectThemeEvidence => {}
            // Handled by `unapplied_action` above.
            Action::ListUnapplied => {}
            Action::Clear => self.clear(),
            Action::CorpusView => self.open_corpus_view(),
        }
        // Focus and list changes can change the text width.
        self.reflow();
        Effect::None
    }

    /// Esc: the innermost thing first (search, then selected item, then list focus).
    fn clear(&mut self) {
        if self.search.active || !self.search.pattern.is_empty() {
            self.search = Search::default();
        } else if self.active.is_some() {
            self.active = None;
            self.highlights.clear();
            self.evidence.clear();
            self.evidence_current = None;
        } else if self.show_list {
            self.show_list = false;
            if self.focus == Focus::List {
                self.focus = Focus::Text;
            }
            self.reflow();
        } else if self.section_filter {
            self.section_filter = false;
        } else {
            self.focus = Focus::Text;
        }
    }

    /// Focus a panel, showing the panels again if they were hidden.
    fn focus_panel(&mut self, panel: Panel) {
        if self.zoom {
            self.zoom = false;
            self.reflow();
        }
        self.focus = Focus::Panel(panel);
    }

    fn cycle_focus(&mut self, forward: bool) {
        let mut order = vec![Focus::Text];
        if !self.zoom {
            order.extend(Panel::ALL.iter().map(|&p| Focus::Panel(p)));
        }
        if self.show_list {
            order.insert(0, Focus::List);
        }
        let i = order.iter().position(|&f| f == self.focus).unwrap_or(0);
        let n = order.len();
        self.focus = order[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    }

    pub(super) fn move_list(&mut self, d: isize) {
        self.keep_no_pending_open();
        let n = self.list_items().len();
        self.list_cursor = step(self.list_cursor, d, n);
    }

    pub(super) fn move_panel(&mut self, p: Panel, d: isize) {
        let n = self.panel_items(p).len();
        self.panel_cursor[p.index()] = step(self.panel_cursor[p.index()], d, n);
    }

    /// Scroll the text by `d` lines and keep the cursor sentence in view.
    pub(super) fn scroll(&mut self, d: isize) {
        let top = self.top_line();
        let new = top.saturating_add_signed(d);
        self.set_top(new);
        self.keep_cursor_in_view();
    }

    /// Move the cursor sentence into the visible range, nearest to where it was.
    pub(super) fn keep_cursor_in_view(&mut self) {
        let vis = self.visible_range();
        let Some(sentences) = self.analysis().map(|a| &a.sentences) else {
            return;
        };
        let Some(cur) = sentences.get(self.cursor) else {
            return;
        };
        let visible = |s: &Span| s.start < vis.end.max(vis.start + 1) && s.end > vis.start;
        if visible(cur) {
            return;
        }
        let new = if cur.end <= vis.start {
            sentences.iter().position(|s| s.end > vis.start)
        } else {
            sentences.iter().rposition(|s| s.start < vis.end)
        };
        if let Some(i) = new {
            self.cursor = i;
        }
    }

    /// Move the cursor by `d` sentences and scroll just enough to show it.
    pub(super) fn move_cursor(&mut self, d: isize) {
        let n = self.analysis().map_or(0, |a| a.sentences.len());
        if n == 0 {
            return;
        }
        self.cursor = step(self.cursor, d, n);
        if let Some(s) = self.cursor_sentence() {
            self.reveal_minimal(s);
        }
    }

    /// Scroll as little as possible so that `span` (at least its start) is visible.
    pub(super) fn reveal_minimal(&mut self, span: Span) {
        let (_, h) = self.text_size();
        let top = self.top_line();
        let first = self.wrapped.line_containing(span.start);
        let last = self
            .wrapped
            .line_containing(span.end.saturating_sub(1).max(span.start));
        if first < top {
            self.set_top(first);
        } else if last >= top + h {
            self.set_top((last + 1).saturating_sub(h).min(first));
        }
    }

    /// Bring `span` into view a third of the way down if it is not visible, and put the
    /// cursor on its sentence.
    pub(super) fn reveal(&mut self, span: Span) {
        let (_, h) = self.text_size();
        let top = self.top_line();
        let line = self.wrapped.line_containing(span.start);
        if line < top || line >= top + h {
            self.set_top(line.saturating_sub(h / 3));
        }
        if let Some(an) = self.analysis() {
            let i = an
                .sentences
                .partition_point(|s| s.start <= span.start)
                .saturating_sub(1);
            self.cursor = i;
        }
    }

    fn jump_section(&mut self, forward: bool) {
        let Some(article) = self.article() else {
            return;
        };
        let n = article.sections.len();
        if n == 0 {
            return;
        }
        let cur = self.current_section();
        let cur_start = article.sections[cur].span.start;
        let target = if forward {
            if cur + 1 >= n {
                self.message = Some("last section".into());
                return;
            }
            cur + 1
        } else if self.pos.offset > cur_start || self.pos.past_header {
            cur
        } else if cur == 0 {
            return;
        } else {
            cur - 1
        };
        let start = article.sections[target].span.start;
        self.pos = Position {
            offset: start,
            past_header: false,
        };
        if let Some(an) = self.analysis() {
            let i = an.sentences.partition_point(|s| s.end <= start);
            self.cursor = i.min(an.sentences.len().saturating_sub(1));
        }
    }

    /// `n`/`N`: next or previous search hit when a search is active, else evidence of the
    /// selected item; wraps around at either end.
    fn jump(&mut self, d: isize) {
        let Some((kind, spans, current)) = self.jump_targets() else {
            self.message = Some(format!(
                "n/N: select an item ({}) or search ({}) first",
                self.keymap.first(Action::Select).unwrap_or_default(),
                self.keymap.first(Action::Search).unwrap_or_default()
            ));
            return;
        };
        let n = spans.len();
        let next = match current {
            Some(c) => (c as isize + d).rem_euclid(n as isize) as usize,
            None if d > 0 => 0,
            None => n - 1,
        };
        let wrapped = matches!(current, Some(c) if (d > 0 && next < c) || (d < 0 && next > c));
        let span = spans[next];
        if kind == "search" {
            self.search.current = Some(next);
        } else {
            self.evidence_current = Some(next);
        }
        if wrapped {
            self.message = Some(format!(
                "wrapped to the {}",
                if d > 0 { "top" } else { "bottom" }
            ));
        }
        self.reveal(span);
    }

    fn run_search(&mut self) {
        let found = match self.article() {
            Some(a) => search::find_all(&a.body, &self.search.pattern),
            None => Ok(Vec::new()),
        };
        (self.search.hits, self.search.error) = match found {
            Ok(hits) => (hits, None),
            Err(why) => (Vec::new(), Some(why)),
        };
        self.search.current = None;
        // Live: show the first hit at or after where the prompt opened; with none, go back.
        (self.pos, self.cursor) = self.search_origin;
        let from = self.pos.offset;
        if let Some(i) = self.search.hits.iter().position(|h| h.start >= from) {
            self.search.current = Some(i);
            let span = self.search.hits[i];
            self.reveal_minimal(span);
        }
    }

    pub(super) fn jump_search_from_cursor(&mut self) {
        let from = self.cursor_sentence().map_or(self.pos.offset, |s| s.start);
        let i = self
            .search
            .current
            .or_else(|| self.search.hits.iter().position(|h| h.start >= from))
            .unwrap_or(0);
        self.search.current = Some(i);
        if let Some(&span) = self.search.hits.get(i) {
            self.reveal(span);
        }
    }

    /// Enter in the text: select the first actor named in the cursor sentence, staying at
    /// that mention (the text-to-panel direction of the link).
    fn select_actor_in_cursor_sentence(&mut self) {
        let (Some(sentence), Some(an)) = (self.cursor_sentence(), self.analysis()) else {
            return;
        };
        let found = an
            .actors
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                let m = a
                    .mentions
                    .iter()
                    .position(|m| sentence.contains(m.span.start))?;
                Some((a.mentions[m].span.start, i, m))
            })
            .min();
        let Some((_, actor, mention)) = found else {
            self.message = Some("no actor named in this sentence".into());
            return;
        };
        let (pos, cursor) = (self.pos, self.cursor);
        self.activate(Item::Actor(actor));
        (self.pos, self.cursor) = (pos, cursor);
        self.evidence_current = Some(mention);
        let items = self.panel_items(Panel::Actors);
        if let Some(row) = items.iter().position(|&i| i == actor) {
            self.panel_cursor[Panel::Actors.index()] = row;
        }
    }

    /// Select a panel item: highlight its evidence and jump to the first.
    pub fn activate(&mut self, item: Item) {
        let Some(an) = self.analysis() else { return };
        let mut highlights = Vec::new();
        let mut evidence: Vec<Span>;
        match item {
            Item::Actor(i) => {
                let Some(a) = an.actors.get(i) else { return };
                evidence = a.mentions.iter().map(|m| m.span).collect();
                highlights.extend(evidence.iter().map(|&s| (s, Role::Mention)));
            }
            Item::Theme(i) => {
                let Some(t) = an.themes.get(i) else { return };
                evidence = t.evidence.iter().map(|e| e.span).collect();
                highlights.extend(evidence.iter().map(|&s| (s, Role::Mention)));
            }
            Item::Tension(i) => {
                let Some(t) = an.tensions.get(i) else { return };
                evidence = t.evidence.iter().map(|e| e.span).collect();
                highlights.extend(evidence.iter().map(|&s| (s, Role::Evidence)));
                for (side, role) in t.sides.iter().zip([Role::SideA, Role::SideB]) {
                    for id in side {
                        if let Some(actor) = an.actor(id) {
                            highlights.extend(actor.mentions.iter().map(|m| (m.span, role)));
                        }
                    }
                }
            }
            Item::Note(i) => {
                let Some(span) = self.notebook.note(i).and_then(|n| n.span) else {
                    return;
                };
                evidence = vec![span];
                highlights.push((span, Role::MentionCurrent));
            }
        }
        evidence.sort();
        evidence.dedup();
        self.active = Some(item);
        self.highlights = highlights;
        self.evidence = evidence;
        self.evidence_current = None;
        // Selecting follows the item's evidence, not an older search.
        self.search.active = false;
        self.jump(1);
    }

    pub(super) fn open_from_list(&mut self) {
        if self.open_when_listed() {
            return;
        }
        let items = self.list_items();
        if let Some(&i) = items.get(self.list_cursor) {
            // The article already open is not opened again, but still goes to the hit.
            if i == self.current {
                self.after_open(i);
            }
            self.open(i);
            if self.size.0 < 100 {
                self.show_list = false;
            }
            self.focus = Focus::Text;
            self.reflow();
        }
    }

    fn open_relative(&mut self, d: isize) {
        let n = self.articles.len();
        if n == 0 {
            return;
        }
        let next = step(self.current, d, n);
        if next == self.current {
            self.message = Some(
                if d > 0 {
                    "last article"
                } else {
                    "first article"
                }
                .into(),
            );
            return;
        }
        self.open(next);
    }

    /// Switch article, remembering where the reader was in this one.
    pub fn open(&mut self, index: usize) {
        if index >= self.articles.len() || index == self.current {
            return;
        }
        // A cursor place still waiting for this article's sentences is kept for its return.
        let unplaced = self.library.pending_cursor;
        if !self.load_before_open(index) {
            self.library.pending_cursor = unplaced;
            return;
        }
        if let Some(c) = unplaced {
            self.restored_cursor.insert(self.current, c);
        }
        self.remembered
            .insert(self.current, (self.pos, self.cursor));
        self.current = index;
        let (pos, cursor) = self.remembered.get(&index).copied().unwrap_or_default();
        self.pos = pos;
        self.cursor = cursor;
        // First opened this session: the cursor goes where the last session left it.
        if let Some(c) = self.restored_cursor.remove(&index) {
            self.library.pending_cursor = Some(c);
            self.apply_pending_cursor(index);
        }
        self.active = None;
        self.highlights.clear();
        self.evidence.clear();
        self.evidence_current = None;
        self.search = Search::default();
        self.panel_cursor = [0; Panel::ALL.len()];
        self.reflow();
        self.clamp_cursor();
        self.say_unapplied();
        self.after_open(index);
    }

    /// Every article visited this session with the offset the reader left it at (the
    /// current one included), for the reader's memory (see `tui::memory`).
    pub fn visited_offsets(&self) -> Vec<(usize, usize, Option<usize>)> {
        // The cursor sentence's start: as the state file gave it where it was not placed yet
        // (an article not opened this session), else from the article's sentences.
        let cursor_of = |i: usize, cursor: usize| {
            self.restored_cursor.get(&i).copied().or_else(|| {
                self.analyses
                    .get(i)
                    .and_then(|a| a.as_ref())
                    .and_then(|a| a.sentences.get(cursor))
                    .map(|s| s.start)
            })
        };
        let mut v: Vec<_> = self
            .remembered
            .iter()
            .filter(|&(&i, _)| i != self.current)
            .map(|(&i, (pos, cursor))| (i, pos.offset, cursor_of(i, *cursor)))
            .collect();
        if self.current < self.articles.len() {
            let cursor = self
                .library
                .pending_cursor
                .or_else(|| cursor_of(self.current, self.cursor));
            v.push((self.current, self.pos.offset, cursor));
        }
        v
    }

    /// Start article `index` at `offset` when it is next opened (remembered from a previous
    /// session).
    /// Where article `index` was left in an earlier session: the top of the view at
    /// `offset`, the cursor sentence at the one holding `cursor` (placed once the article's
    /// sentences are known).
    pub fn remember_offset(&mut self, index: usize, offset: usize, cursor: Option<usize>) {
        let pos = Position {
            offset,
            past_header: false,
        };
        if index == self.current {
            self.pos = pos;
            if let Some(c) = cursor {
                self.library.pending_cursor = Some(c);
                self.apply_pending_cursor(index);
            }
        } else {
            self.remembered.insert(index, (pos, 0));
            match cursor {
                Some(c) => self.restored_cursor.insert(index, c),
                None => self.restored_cursor.remove(&index),
            };
        }
    }
}

/// `i` moved by `d` within `0..n`, clamped.
fn step(i: usize, d: isize, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    i.saturating_add_signed(d).min(n - 1)
}
