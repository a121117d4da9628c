//! Corrections that no longer apply to the open article (it changed since they were made):
//! said in the status line with their count when the article opens, and listed in a popup
//! (`!`) with why each one no longer applies. They stay in `corrections.toml` as they are;
//! nothing here changes them.

use super::app::{App, Effect};
use super::keymap::Action;
use super::palette::Role;
use super::scroll_hint;
use crate::sanitize::clean_line;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};

/// Rows each listed correction takes: what it says, then why it no longer applies.
const ROWS_PER_ENTRY: usize = 2;

impl App {
    /// The status line sentence about the article's corrections that no longer apply.
    pub(super) fn unapplied_message(&self) -> Option<String> {
        let list = self.unapplied_here();
        let key = self.keymap.first(Action::ListUnapplied).unwrap_or_default();
        let text = match list {
            [] => return None,
            [one] => format!(
                "a correction no longer applies here: {}: {} · {key} lists it",
                one.correction.change, one.reason
            ),
            many => format!(
                "{} corrections no longer apply here (the article changed; they are kept) · {key} lists them",
                many.len()
            ),
        };
        Some(clean_line(&text).into_owned())
    }

    /// The list popup's keys, and every action while it is open. `None` when the action is
    /// not this module's.
    pub(super) fn unapplied_action(&mut self, action: Action) -> Option<Effect> {
        let n = self.unapplied_here().len();
        let Some(cursor) = self.correcting.listing else {
            if action == Action::ListUnapplied {
                if n == 0 {
                    self.message = Some("every correction of this article applies".into());
                } else {
                    self.correcting.listing = Some(0);
                }
                return Some(Effect::None);
            }
            return None;
        };
        let last = n.saturating_sub(1);
        let moved = match action {
            Action::ScrollDown | Action::NextSentence => cursor + 1,
            Action::ScrollUp | Action::PrevSentence => cursor.saturating_sub(1),
            Action::HalfPageDown | Action::PageDown => cursor + 5,
            Action::HalfPageUp | Action::PageUp => cursor.saturating_sub(5),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Clear | Action::Quit | Action::ListUnapplied | Action::Select => {
                self.correcting.listing = None;
                return Some(Effect::None);
            }
            Action::Suspend => return Some(Effect::Suspend),
            // Everything else waits until the list is closed.
            _ => cursor,
        };
        self.correcting.listing = Some(moved.min(last));
        Some(Effect::None)
    }

    /// The wheel over the open list.
    pub(super) fn scroll_unapplied(&mut self, d: isize) {
        let last = self.unapplied_here().len().saturating_sub(1);
        if let Some(c) = self.correcting.listing.as_mut() {
            *c = c.saturating_add_signed(d).min(last);
        }
    }
}

/// Where the list popup goes in the frame `area`.
fn popup_area(entries: usize, area: Rect) -> Rect {
    let w = area.width.saturating_sub(4).min(100);
    let want = u16::try_from(entries * ROWS_PER_ENTRY)
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let h = want.min(area.height.saturating_sub(2)).max(3);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + area.height.saturating_sub(h) / 2,
        w,
        h,
    )
}

/// Draw the list popup while it is open.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(cursor) = app.correcting.listing else {
        return;
    };
    let list = app.unapplied_here();
    let p = &app.palette;
    let popup = popup_area(list.len(), area);
    Clear.render(popup, buf);
    let block = Block::bordered()
        .border_style(p.style(Role::BorderFocus))
        .title(Line::styled(
            format!(" Corrections that no longer apply here ({}) ", list.len()),
            p.style(Role::Title),
        ))
        .title_bottom(Line::styled(
            " kept in corrections.toml · j/k move · Esc closes ",
            p.style(Role::Muted),
        ));
    let inner = block.inner(popup);
    block.render(popup, buf);
    if inner.height == 0 || inner.width < 8 {
        return;
    }
    let slots = usize::from(inner.height) / ROWS_PER_ENTRY;
    let mut lines: Vec<(String, Style)> = Vec::new();
    if slots == 0 {
        lines.push((
            format!("{} corrections: make the window taller", list.len()),
            p.style(Role::Muted),
        ));
    } else {
        let win = scroll_hint::window(list.len(), slots, cursor);
        // A hint takes a whole entry's rows, so entries never straddle the edge.
        let hint = |t: String| [(t, p.style(Role::Muted)), (String::new(), Style::new())];
        if win.hints_in_list {
            lines.extend(win.up_hint().into_iter().flat_map(hint));
        }
        for (i, u) in list.iter().enumerate().skip(win.first).take(win.shown) {
            let scope = match &u.correction.article {
                Some(_) => "this article",
                None => "whole corpus",
            };
            let mut style = p.style(Role::Text);
            if i == cursor {
                style = style.add_modifier(Modifier::REVERSED);
            }
            lines.push((format!("• {} ({scope})", u.correction.change), style));
            lines.push((format!("  {}", u.reason), p.style(Role::Muted)));
        }
        if win.hints_in_list {
            lines.extend(win.down_hint().into_iter().flat_map(hint));
        }
    }
    for ((text, style), y) in lines.iter().zip(inner.y..inner.bottom()) {
        buf.set_stringn(
            inner.x,
            y,
            clean_line(text),
            usize::from(inner.width),
            *style,
        );
    }
}
