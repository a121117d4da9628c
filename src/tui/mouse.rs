//! The mouse, as in lazygit and gitui: a click focuses the pane under it and picks the item
//! drawn under the pointer (in Actors, Themes, Tensions and Notes: selects it, as Enter
//! would; in the deleted notes: moves the cursor there; in the list: opens the article); a
//! click in the text moves the cursor sentence there; dragging in the text selects a passage
//! to annotate (`a`) or copy (`y`); the wheel scrolls the pane under it. Popups take the
//! mouse: in the links popup and the command palette a click moves the cursor to the row
//! under it and the wheel moves it; while the note popup or a correction prompt is open,
//! nothing beneath them changes.
//!
//! Screen cells are turned into body byte offsets here, through the same wrapped lines and
//! grapheme widths the text view draws with.

use super::annotate::Selection;
use super::app::{App, Effect, Focus, GUTTER, Mode, Panel};
use super::keymap::Action;
use super::search_word::word_at;
use super::wrap::LineKind;
use crate::corpus::Span;
use crate::sanitize::display_grapheme;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position as Cell, Rect};
use ratatui::widgets::Block;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Lines one wheel notch scrolls the text.
const WHEEL_LINES: isize = 3;

/// A left-button press in the text: where it went down, and whether it has moved since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Drag {
    pub from: usize,
    pub dragged: bool,
}

/// The pane under a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pane {
    Text(Rect),
    List(Rect),
    Panel(Panel, Rect),
}

impl App {
    fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        let areas = self.areas();
        let at = Cell::new(x, y);
        if let Some(r) = areas.text.filter(|r| r.contains(at)) {
            return Some(Pane::Text(r));
        }
        if let Some(r) = areas.list.filter(|r| r.contains(at)) {
            return Some(Pane::List(r));
        }
        Panel::ALL
            .iter()
            .zip(areas.panels)
            .find_map(|(&p, r)| r.filter(|r| r.contains(at)).map(|r| Pane::Panel(p, r)))
    }

    /// The body offset drawn at screen cell (x, y) of the text pane `area` (border
    /// included): the grapheme there, or the end of the line when right of it.
    pub fn offset_at(&self, area: Rect, x: u16, y: u16) -> Option<usize> {
        let article = self.article()?;
        let inner_y = area.y + 1;
        let text_x = area.x + 1 + GUTTER;
        if y < inner_y || y + 1 >= area.bottom() {
            return None;
        }
        let line = self
            .wrapped
            .lines
            .get(self.top_line() + usize::from(y - inner_y))?;
        if let LineKind::Header(_) = line.kind {
            return Some(line.start);
        }
        let text = article.body.get(line.start..line.end)?;
        let col = usize::from(x.saturating_sub(text_x));
        let mut used = 0;
        for (o, g) in text.grapheme_indices(true) {
            used += display_grapheme(g).width();
            if used > col {
                return Some(line.start + o);
            }
        }
        Some(line.end)
    }

    /// A mouse event, while no popup owns the screen.
    pub(super) fn handle_mouse(&mut self, ev: &MouseEvent) -> Effect {
        // A popup that takes typing owns the screen: nothing beneath it may change.
        if self.notebook.editor.is_some() || self.correcting.prompt.is_some() {
            return Effect::None;
        }
        let (x, y) = (ev.column, ev.row);
        let wheel = match ev.kind {
            MouseEventKind::ScrollDown => Some(1),
            MouseEventKind::ScrollUp => Some(-1),
            _ => None,
        };
        if self.correcting.listing.is_some() {
            if let Some(d) = wheel {
                self.scroll_unapplied(d);
            }
            return Effect::None;
        }
        if self.links.popup.is_some() {
            // The wheel moves through the links, a click picks one (Enter opens it).
            if let Some(d) = wheel {
                self.update(if d > 0 {
                    Action::ScrollDown
                } else {
                    Action::ScrollUp
                });
            } else if matches!(ev.kind, MouseEventKind::Down(MouseButton::Left)) {
                let frame = Rect::new(0, 0, self.size.0, self.size.1);
                if let Some(i) = super::links::link_at(self, frame, x, y) {
                    self.links.popup = Some(i);
                }
            }
            return Effect::None;
        }
        match self.mode {
            Mode::Help => {
                if let Some(d) = wheel {
                    self.update(if d > 0 {
                        Action::ScrollDown
                    } else {
                        Action::ScrollUp
                    });
                }
                return Effect::None;
            }
            Mode::Commands => {
                if let Some(d) = wheel {
                    self.move_command_cursor(d);
                } else if matches!(ev.kind, MouseEventKind::Down(MouseButton::Left)) {
                    self.click_command(x, y);
                }
                return Effect::None;
            }
            Mode::Search | Mode::Filter => return Effect::None,
            Mode::Normal => {}
        }
        self.count = None;
        let Some(pane) = self.pane_at(x, y) else {
            if matches!(ev.kind, MouseEventKind::Up(MouseButton::Left)) {
                self.drag = None;
            }
            return Effect::None;
        };
        if let Some(d) = wheel {
            match pane {
                Pane::Text(_) => self.scroll(d * WHEEL_LINES),
                Pane::List(_) => self.move_list(d),
                Pane::Panel(p, _) => {
                    self.focus = Focus::Panel(p);
                    self.move_panel(p, d);
                }
            }
            return Effect::None;
        }
        match (ev.kind, pane) {
            (MouseEventKind::Down(MouseButton::Left), Pane::Text(r)) => self.click_text(r, x, y),
            (MouseEventKind::Drag(MouseButton::Left), Pane::Text(r)) => self.drag_text(r, x, y),
            (MouseEventKind::Up(MouseButton::Left), _) => {
                if self.drag.take().is_some_and(|d| d.dragged)
                    && let Some(sel) = self.notebook.selection
                {
                    let words = self
                        .article()
                        .and_then(|a| a.body.get(sel.span().start..sel.span().end))
                        .map_or(0, |t| t.split_whitespace().count());
                    self.message = Some(format!(
                        "{words} words selected: {} annotates, {} copies, {} cancels",
                        self.keymap.first(Action::Annotate).unwrap_or_default(),
                        self.keymap.first(Action::Copy).unwrap_or_default(),
                        self.keymap.first(Action::Clear).unwrap_or_default()
                    ));
                }
            }
            (MouseEventKind::Down(MouseButton::Left), Pane::Panel(p, r)) => {
                self.click_panel(p, r, y)
            }
            (MouseEventKind::Down(MouseButton::Left), Pane::List(r)) => self.click_list(r, y),
            _ => {}
        }
        Effect::None
    }

    fn click_text(&mut self, area: Rect, x: u16, y: u16) {
        self.focus = Focus::Text;
        let Some(offset) = self.offset_at(area, x, y) else {
            return;
        };
        // A click ends a selection; a drag from here starts a new one.
        self.notebook.selection = None;
        self.drag = Some(Drag {
            from: offset,
            dragged: false,
        });
        self.point = Some(offset);
        let Some(sentences) = self.analysis().map(|a| &a.sentences) else {
            return;
        };
        // The sentence holding the offset, else the last one starting before it.
        let i = sentences
            .iter()
            .position(|s| s.contains(offset))
            .unwrap_or_else(|| {
                sentences
                    .partition_point(|s| s.start <= offset)
                    .saturating_sub(1)
            });
        if i < sentences.len() {
            self.cursor = i;
        }
    }

    fn drag_text(&mut self, area: Rect, x: u16, y: u16) {
        let Some(drag) = self.drag else { return };
        // Past the top or bottom edge: scroll, then select to the edge line.
        let inner = Rect::new(
            area.x,
            area.y + 1,
            area.width,
            area.height.saturating_sub(2),
        );
        let y = if y < inner.y {
            self.scroll(-1);
            inner.y
        } else if y >= inner.bottom() {
            self.scroll(1);
            inner.bottom().saturating_sub(1)
        } else {
            y
        };
        let Some(to) = self.offset_at(area, x, y) else {
            return;
        };
        let Some(body) = self.article().map(|a| a.body.clone()) else {
            return;
        };
        // Whole words at both ends, like a double-click selection grown by dragging.
        let anchor = word_at(&body, drag.from).unwrap_or(Span::new(drag.from, drag.from));
        let head = if to >= drag.from {
            word_at(&body, to).map_or(to, |w| w.end).max(anchor.end)
        } else {
            word_at(&body, to).map_or(to, |w| w.start)
        };
        self.drag = Some(Drag {
            dragged: true,
            ..drag
        });
        self.notebook.selection = Some(Selection { anchor, head });
        // The cursor sentence follows the moving end.
        let probe = if head > anchor.start { head - 1 } else { head };
        if let Some(i) = self
            .analysis()
            .and_then(|a| a.sentences.iter().position(|s| s.contains(probe)))
        {
            self.cursor = i;
        }
    }

    fn click_panel(&mut self, panel: Panel, area: Rect, y: u16) {
        self.focus = Focus::Panel(panel);
        if panel == Panel::Notes {
            // Several rows per note, under the Notes panel's own layout.
            if let Some(row) = super::notes::note_row_at(self, area, y) {
                self.panel_cursor[panel.index()] = row;
                // The deleted notes are only listed (R restores, X purges): no jump.
                if !self.notebook.show_deleted {
                    self.run_counted(Action::Select);
                }
            }
            return;
        }
        let items = self.panel_items(panel);
        if items.is_empty() || y <= area.y || y + 1 >= area.bottom() {
            return;
        }
        // The rows shown are those panel_view draws: the cursor row kept in view.
        let h = usize::from(area.height.saturating_sub(2));
        let cursor = self.panel_cursor[panel.index()].min(items.len() - 1);
        let first = cursor.saturating_sub(h.saturating_sub(1));
        let row = first + usize::from(y - area.y - 1);
        if row < items.len() {
            self.panel_cursor[panel.index()] = row;
            self.run_counted(Action::Select);
        }
    }

    /// A click on a row of the command palette picks that action (Enter runs it).
    fn click_command(&mut self, x: u16, y: u16) {
        let frame = Rect::new(0, 0, self.size.0, self.size.1);
        let inner = Block::bordered().inner(super::command_palette::palette_area(frame));
        // The first row is the query.
        if !inner.contains(Cell::new(x, y)) || y == inner.y {
            return;
        }
        let n = self.command_items().len();
        let rows = usize::from(inner.height.saturating_sub(1)).max(1);
        let Some(palette) = self.commands.as_mut() else {
            return;
        };
        let cursor = palette.cursor.min(n.saturating_sub(1));
        let first = cursor.saturating_sub(rows - 1);
        let row = first + usize::from(y - inner.y - 1);
        if row < n {
            palette.cursor = row;
        }
    }

    fn click_list(&mut self, area: Rect, y: u16) {
        self.focus = Focus::List;
        let mut top = area.y + 1;
        if self.mode == Mode::Filter || !self.list_filter.is_empty() {
            top += 1;
        }
        if y < top || y + 1 >= area.bottom() {
            return;
        }
        let items = self.list_items();
        let rows = usize::from((area.bottom() - 1).saturating_sub(top) / 2).max(1);
        let cursor = self.list_cursor.min(items.len().saturating_sub(1));
        let first = cursor.saturating_sub(rows - 1);
        let row = first + usize::from((y - top) / 2);
        if row < items.len() {
            self.list_cursor = row;
            self.run_counted(Action::Select);
        }
    }
}
