//! The command palette (`:`): every action of the key table by name, with its live keys and
//! description, filtered as the reader types (a fuzzy, in-order match), Enter runs the one
//! under the cursor exactly as its key would. It is built from [`ACTIONS`] and the live
//! [`Keymap`](super::keymap::Keymap), so it can never disagree with the bindings.

use super::app::{App, Effect, Mode};
use super::keymap::{ACTIONS, Action, ActionInfo};
use crate::sanitize::clean_line;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};
use unicode_width::UnicodeWidthStr;

/// The palette's state: what was typed and the highlighted row of the filtered list.
#[derive(Clone, Debug, Default)]
pub struct CommandPalette {
    pub query: String,
    pub cursor: usize,
}

/// How well `query` matches `text` as an in-order subsequence (case-insensitive), or
/// `None`. Consecutive letters and letters at word starts score higher, so `nev` ranks
/// `next_evidence` above names that merely contain n, e and v.
pub fn fuzzy_score(query: &str, text: &str) -> Option<u32> {
    let text: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let mut score = 0u32;
    let mut at = 0usize;
    let mut prev: Option<usize> = None;
    for q in query.chars().flat_map(char::to_lowercase) {
        if q.is_whitespace() {
            continue;
        }
        let found = (at..text.len()).find(|&i| text[i] == q)?;
        score += 1;
        if prev.is_some_and(|p| p + 1 == found) {
            score += 4;
        }
        if found == 0 || !text[found - 1].is_alphanumeric() {
            score += 3;
        }
        prev = Some(found);
        at = found + 1;
    }
    // Earlier matches read as more relevant.
    Some(score * 100 + 99u32.saturating_sub(prev.unwrap_or(0).min(99) as u32))
}

/// The actions matching `query`, best first (table order among equals). A match in the
/// name counts over one in the description.
pub fn matching(query: &str) -> Vec<&'static ActionInfo> {
    let mut scored: Vec<(u32, usize, &'static ActionInfo)> = ACTIONS
        .iter()
        .enumerate()
        .filter(|(_, i)| i.action != Action::CommandPalette)
        .filter_map(|(n, i)| {
            let name = i.name.replace('_', " ");
            let by_name = fuzzy_score(query, &name).map(|s| s + 100_000);
            let by_text = fuzzy_score(query, i.description);
            Some((by_name.or(by_text)?, n, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, i)| i).collect()
}

impl App {
    pub(super) fn open_commands(&mut self) {
        self.commands = Some(CommandPalette::default());
        self.mode = Mode::Commands;
    }

    /// The actions the palette shows now.
    pub fn command_items(&self) -> Vec<&'static ActionInfo> {
        matching(self.commands.as_ref().map_or("", |c| c.query.as_str()))
    }

    /// Keys while the palette is open: typing filters, Up/Down (Ctrl-p/Ctrl-n) move, Enter
    /// runs, Esc closes. Text entry is not remappable, like the search prompt.
    pub(super) fn command_key(&mut self, key: &KeyEvent) -> Effect {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let n = self.command_items().len();
        let Some(palette) = self.commands.as_mut() else {
            self.mode = Mode::Normal;
            return Effect::None;
        };
        match key.code {
            KeyCode::Esc => self.close_commands(),
            KeyCode::Enter => {
                let items = self.command_items();
                let chosen = items
                    .get(self.commands.as_ref().map_or(0, |c| c.cursor))
                    .map(|i| i.action);
                self.close_commands();
                match chosen {
                    Some(action) => return self.run_counted(action),
                    None => self.message = Some("no action matches".into()),
                }
            }
            KeyCode::Up => palette.cursor = palette.cursor.saturating_sub(1),
            KeyCode::Char('p') if ctrl => palette.cursor = palette.cursor.saturating_sub(1),
            KeyCode::Down => palette.cursor = (palette.cursor + 1).min(n.saturating_sub(1)),
            KeyCode::Char('n') if ctrl => {
                palette.cursor = (palette.cursor + 1).min(n.saturating_sub(1))
            }
            KeyCode::Backspace => {
                palette.query.pop();
                palette.cursor = 0;
            }
            KeyCode::Char('u') if ctrl => {
                palette.query.clear();
                palette.cursor = 0;
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                palette.query.push(c);
                palette.cursor = 0;
            }
            _ => {}
        }
        Effect::None
    }

    fn close_commands(&mut self) {
        self.commands = None;
        self.mode = Mode::Normal;
    }

    /// Mouse wheel over the open palette.
    pub(super) fn move_command_cursor(&mut self, d: isize) {
        let n = self.command_items().len();
        if let Some(p) = self.commands.as_mut() {
            p.cursor = p.cursor.saturating_add_signed(d).min(n.saturating_sub(1));
        }
    }
}

/// Where the palette is drawn in `area`.
pub fn palette_area(area: Rect) -> Rect {
    let w = area.width.saturating_sub(4).min(100);
    let h = area.height.saturating_sub(4).min(22);
    Rect::new(area.x + (area.width - w) / 2, area.y + 2, w, h)
}

/// Draw the palette: the query on the first row, then `name  keys  description` rows.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    use super::palette::Role;
    let Some(state) = &app.commands else { return };
    let p = &app.palette;
    let popup = palette_area(area);
    Clear.render(popup, buf);
    let items = app.command_items();
    let block = Block::bordered()
        .border_style(p.style(Role::BorderFocus))
        .title(Line::styled(
            format!(" Commands ({}/{}) ", items.len(), ACTIONS.len() - 1),
            p.style(Role::Title),
        ))
        .title_bottom(Line::styled(
            " type to filter · Up/Down choose · Enter runs · Esc closes ",
            p.style(Role::Muted),
        ));
    let inner = block.inner(popup);
    block.render(popup, buf);
    if inner.height < 2 || inner.width < 10 {
        return;
    }
    let query = format!(": {}▏", clean_line(&state.query));
    buf.set_stringn(
        inner.x,
        inner.y,
        &query,
        usize::from(inner.width),
        p.style(Role::StatusKey),
    );
    let rows = usize::from(inner.height - 1);
    let cursor = state.cursor.min(items.len().saturating_sub(1));
    let first = cursor.saturating_sub(rows.saturating_sub(1));
    let name_w = 20usize;
    let keys_w = 18usize;
    for (row, info) in items.iter().enumerate().skip(first).take(rows) {
        let y = inner.y + 1 + (row - first) as u16;
        let mut style = p.style(Role::Text);
        if row == cursor {
            style = style.patch(p.style(Role::CursorItem));
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        }
        let keys = app.keymap.describe(info.action);
        let mut x = inner.x;
        let right = inner.right();
        for (text, width, extra) in [
            (info.name.to_string(), name_w, p.style(Role::Title)),
            (keys, keys_w, p.style(Role::StatusKey)),
            (info.description.to_string(), usize::MAX, Style::default()),
        ] {
            if x >= right {
                break;
            }
            let room = usize::from(right - x);
            let shown = fit(&text, width.min(room));
            buf.set_stringn(x, y, &shown, room, style.patch(extra));
            x = x.saturating_add((width.min(room) as u16).saturating_add(1));
        }
    }
}

/// `text` cut to `w` columns with `…`.
fn fit(text: &str, w: usize) -> String {
    if text.width() <= w {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > w {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_matches_in_order_and_ranks_names_first() {
        assert!(fuzzy_score("nev", "next evidence").is_some());
        assert!(fuzzy_score("xq", "next evidence").is_none());
        let top = matching("nev");
        assert_eq!(top[0].action, Action::NextEvidence, "{:?}", top[0].name);
        assert_eq!(matching("zoom")[0].action, Action::Zoom);
        assert_eq!(matching("copy q")[0].action, Action::CopyQuote);
        // Everything but the palette itself with no query, in table order.
        assert_eq!(matching("").len(), ACTIONS.len() - 1);
        assert_eq!(matching("")[0].action, ACTIONS[0].action);
        assert!(matching("qqqqzzzz").is_empty());
    }
}
