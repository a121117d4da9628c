//! Drawing annotations: the Notes panel (each note's tags, short quote, note text, and the
//! actors and themes in its passage; orphans marked), the marks on annotated passages and
//! the selection in the text, the note detail, and the status hints while annotating.
//!
//! Like the rest of the view this only reads the app; text from articles and notes passes
//! through [`crate::sanitize`].

use super::app::{App, Focus, Panel};
use super::keymap::Action;
use super::palette::Role;
use crate::corpus::Span;
use crate::sanitize::clean_line;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use std::str::FromStr;
use unicode_width::UnicodeWidthStr;

/// Rows one note takes in the panel: tags and quote, note text, actors and themes.
pub(super) const ROWS_PER_NOTE: u16 = 3;

/// The style of a note's passage: the `note` role, coloured by the first tag's codebook colour.
pub fn note_style(app: &App, a: &crate::annotations::Annotation) -> Style {
    let base = app.palette.style(Role::Note);
    if app.notebook.no_color {
        return base;
    }
    match app.note_color(a).and_then(|c| Color::from_str(c).ok()) {
        Some(c) => base.fg(c),
        None => base,
    }
}

/// Annotated passages on screen, with their styles, to paint under the other highlights.
pub fn annotation_layers(app: &App) -> Vec<(Span, Style)> {
    if !app.notebook.is_shown_for(app.current) {
        return Vec::new();
    }
    let vis = app.visible_range();
    app.notebook
        .shown
        .placed
        .iter()
        .filter(|p| p.span.start < vis.end.max(vis.start + 1) && p.span.end > vis.start)
        .map(|p| (p.span, note_style(app, &p.annotation)))
        .collect()
}

/// The selection, painted over everything else.
pub fn selection_layer(app: &App) -> Option<(Span, Style)> {
    let sel = app.notebook.selection?;
    Some((sel.span(), app.palette.style(Role::Selection)))
}

/// The gutter mark for a screen line covering `line`: the style of the first note on it.
pub fn gutter_mark(app: &App, line: Span) -> Option<Style> {
    if !app.notebook.is_shown_for(app.current) {
        return None;
    }
    let line = Span::new(line.start, line.end.max(line.start + 1));
    app.notebook
        .shown
        .placed
        .iter()
        .find(|p| p.span.overlaps(&line))
        .map(|p| note_style(app, &p.annotation).remove_modifier(Modifier::UNDERLINED))
}

/// The mark drawn in the gutter beside annotated lines.
pub const GUTTER_MARK: &str = "✎";

/// The mark of a deleted note in the deleted notes view.
pub const DELETED_MARK: &str = "✗";

/// `2026-12-01 12:40` from an RFC 3339 time (as stored), else the text as it is.
fn short_time(rfc3339: &str) -> String {
    match rfc3339.parse::<jiff::Timestamp>() {
        Ok(t) => t.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        Err(_) => clean_line(rfc3339).into_owned(),
    }
}

/// A note's passage shortened to about `max` columns, on one line.
pub(super) fn short(text: &str, max: usize) -> String {
    let one: String = clean_line(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if one.width() <= max {
        return one;
    }
    let mut out = String::new();
    for c in one.chars() {
        if out.width() + 2 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The Notes panel.
pub fn notes_view(app: &App, area: Rect, buf: &mut Buffer) {
    if app.notebook.across.on {
        return super::notes_across::across_view(app, area, buf);
    }
    let p = &app.palette;
    let focused = app.focus == Focus::Panel(Panel::Notes);
    let items = app.panel_items(Panel::Notes);
    let total = app.panel_len(Panel::Notes);
    let deleted_view = app.notebook.show_deleted;
    let name = if deleted_view {
        " Deleted notes "
    } else {
        " Notes "
    };
    let mut title = vec![TextSpan::styled(name, p.style(Role::Title))];
    let count = if items.len() == total {
        format!("({total}) ")
    } else {
        format!("({}/{total}) ", items.len())
    };
    title.push(TextSpan::styled(count, p.style(Role::Muted)));
    if let Some(f) = app.notebook.filter_label() {
        title.push(TextSpan::styled(
            format!("{} ", clean_line(&f)),
            p.style(Role::ActiveItem),
        ));
    }
    if app.notebook.unsaved.is_some() {
        title.push(TextSpan::styled("unsaved! ", p.style(Role::Warning)));
    }
    let block = super::view::pane_block(app, Line::from(title), focused);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let mut y = inner.y;
    // Why notes cannot be changed here, always in view.
    if let Some(why) = notes_problem(app) {
        let h = if items.is_empty() {
            inner.height
        } else {
            1.min(inner.height)
        };
        Paragraph::new(Line::styled(why, p.style(Role::Warning)))
            .wrap(Wrap { trim: true })
            .render(Rect::new(inner.x, y, inner.width, h), buf);
        y += h;
    }
    // The query being typed, or why it cannot be used.
    let across = &app.notebook.across;
    if across.header_rows() > 0 && y < inner.bottom() {
        let (text, role) = match (&across.error, across.editing) {
            (_, true) => (
                format!("/{}▏", clean_line(&across.query)),
                if across.error.is_some() {
                    Role::Warning
                } else {
                    Role::Text
                },
            ),
            (Some(e), false) => (clean_line(e).into_owned(), Role::Warning),
            (None, false) => (String::new(), Role::Text),
        };
        line_at(
            buf,
            inner.x,
            y,
            inner.width,
            Line::styled(text, p.style(role)),
            inner.bottom(),
        );
        y += 1;
    }
    if items.is_empty() {
        if y < inner.bottom() {
            let hint = if deleted_view {
                format!(
                    "no deleted notes · {} back to the notes",
                    app.keymap.first(Action::DeletedNotes).unwrap_or_default()
                )
            } else if total > 0 {
                "none match the filter".to_string()
            } else {
                format!(
                    "{} select · {} annotate",
                    app.keymap.first(Action::StartSelection).unwrap_or_default(),
                    app.keymap.first(Action::Annotate).unwrap_or_default()
                )
            };
            Paragraph::new(Line::styled(hint, p.style(Role::Muted)))
                .wrap(Wrap { trim: true })
                .render(Rect::new(inner.x, y, inner.width, inner.bottom() - y), buf);
        }
        return;
    }
    let (_, per_page, first) = notes_page(app, inner, items.len());
    let cursor = app.panel_cursor[Panel::Notes as usize].min(items.len() - 1);
    let w = inner.width;
    for (row, &i) in items.iter().enumerate().skip(first).take(per_page) {
        let y0 = y + (row - first) as u16 * ROWS_PER_NOTE;
        if y0 >= inner.bottom() {
            break;
        }
        let Some(note) = app.notebook.note(i) else {
            continue;
        };
        let a = note.annotation;
        let selected = focused && row == cursor;
        let active = app.active == Some(super::app::Item::Note(i));
        let mut base = p.style(Role::Text);
        if active {
            base = base.patch(p.style(Role::ActiveItem));
        }
        if selected {
            base = base.patch(p.style(Role::CursorItem));
            let h = ROWS_PER_NOTE.min(inner.bottom() - y0);
            buf.set_style(Rect::new(inner.x, y0, w, h), base);
        }
        // Row 1: mark, tags, quote.
        let mut spans = Vec::new();
        match (note.span, &a.deleted) {
            (_, Some(_)) => spans.push(TextSpan::styled(
                format!("{DELETED_MARK} "),
                base.patch(p.style(Role::Warning)),
            )),
            (Some(_), None) => spans.push(TextSpan::styled(
                format!("{GUTTER_MARK} "),
                base.patch(note_style(app, a).remove_modifier(Modifier::UNDERLINED)),
            )),
            (None, None) => spans.push(TextSpan::styled(
                "⚠ orphan ",
                base.patch(p.style(Role::Warning)),
            )),
        }
        // Row 3: actors and themes in the passage.
        let links = match (note.span, &a.deleted) {
            (_, Some(when)) => format!("deleted {}", short_time(when)),
            (Some(span), None) => links_text(app, span),
            (None, None) => "its passage is not in the text now".into(),
        };
        note_rows(
            app,
            buf,
            Rect::new(inner.x, y0, w, inner.bottom().saturating_sub(y0)),
            base,
            a,
            spans,
            &links,
        );
    }
}

/// How the Notes panel pages its `count` notes inside its `inner` area: the row the first
/// note starts on (below the problem line, if any), how many notes fit, and which row of the
/// list comes first (the cursor kept in view). The view draws and the mouse picks by it.
pub fn notes_page(app: &App, inner: Rect, count: usize) -> (u16, usize, usize) {
    let mut y = inner.y;
    if count > 0 && !app.notebook.across.on && notes_problem(app).is_some() {
        y += 1.min(inner.height);
    }
    y = (y + app.notebook.across.header_rows()).min(inner.bottom());
    let per_page = usize::from((inner.bottom().saturating_sub(y) / ROWS_PER_NOTE).max(1));
    let cursor = app.panel_cursor[Panel::Notes as usize].min(count.saturating_sub(1));
    (y, per_page, cursor.saturating_sub(per_page - 1))
}

/// The row of the Notes list (an index into its shown items) drawn at screen row `y` of the
/// panel `area` (border included), if a note is drawn there.
pub fn note_row_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let inner = Block::bordered().inner(area);
    let count = app.panel_items(Panel::Notes).len();
    let (top, per_page, first) = notes_page(app, inner, count);
    if count == 0 || y < top || y >= inner.bottom() {
        return None;
    }
    let slot = usize::from((y - top) / ROWS_PER_NOTE);
    let row = first + slot;
    (slot < per_page && row < count).then_some(row)
}

/// `actors: A, B · themes: C` for the passage `span`; empty when it holds none.
pub fn links_text(app: &App, span: Span) -> String {
    let Some(an) = app.analysis() else {
        return String::new();
    };
    let (actors, themes) = app.passage_links(span);
    let mut parts = Vec::new();
    if !actors.is_empty() {
        let names: Vec<&str> = actors.iter().map(|&i| an.actors[i].name.as_str()).collect();
        parts.push(format!("actors: {}", names.join(", ")));
    }
    if !themes.is_empty() {
        let names: Vec<&str> = themes
            .iter()
            .map(|&i| an.themes[i].label.as_str())
            .collect();
        parts.push(format!("themes: {}", names.join(", ")));
    }
    clean_line(&parts.join(" · ")).into_owned()
}

/// The three rows of a note in a list, from the top of `at`: after the `lead` spans (its
/// mark), its tags and quote; below them, its note; then `below` (where the passage is, or
/// which article it belongs to), muted, unless empty. This article's notes and the
/// corpus's notes draw them alike.
pub(super) fn note_rows(
    app: &App,
    buf: &mut Buffer,
    at: Rect,
    base: Style,
    a: &crate::annotations::Annotation,
    mut spans: Vec<TextSpan<'static>>,
    below: &str,
) {
    let p = &app.palette;
    let (w, bottom) = (at.width, at.bottom());
    if !a.tags.is_empty() {
        spans.push(TextSpan::styled(
            format!("[{}] ", clean_line(&a.tags.join(", "))),
            base.patch(note_style(app, a))
                .remove_modifier(Modifier::UNDERLINED)
                .add_modifier(Modifier::BOLD),
        ));
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let room = usize::from(w).saturating_sub(used + 2).max(4);
    spans.push(TextSpan::styled(
        format!("“{}”", short(&a.target.exact, room)),
        base.add_modifier(Modifier::ITALIC),
    ));
    line_at(buf, at.x, at.y, w, Line::from(spans), bottom);
    let text = if a.note.trim().is_empty() {
        TextSpan::styled("  (no note)", base.patch(p.style(Role::Muted)))
    } else {
        TextSpan::styled(
            format!("  {}", short(&a.note, usize::from(w).saturating_sub(2))),
            base,
        )
    };
    line_at(buf, at.x, at.y + 1, w, Line::from(text), bottom);
    if !below.is_empty() {
        let t = format!("  {}", short(below, usize::from(w).saturating_sub(2)));
        let line = Line::styled(t, base.patch(p.style(Role::Muted)));
        line_at(buf, at.x, at.y + 2, w, line, bottom);
    }
}

pub(super) fn line_at(buf: &mut Buffer, x: u16, y: u16, w: u16, line: Line, bottom: u16) {
    if y < bottom {
        line.render(Rect::new(x, y, w, 1), buf);
    }
}

/// Why the current article's notes cannot be changed, if so (shown atop the panel).
fn notes_problem(app: &App) -> Option<String> {
    if !app.notebook.is_shown_for(app.current) {
        return None;
    }
    let n = app.notebook.shown.problem.as_ref()?;
    Some(if n.message.contains("another newslens holds") {
        "read-only: another newslens is open".into()
    } else {
        clean_line(&format!("read-only: {}", n.message)).into_owned()
    })
}

/// Lines of the detail pane for a note: tags, the whole quote, the note, its links.
pub fn note_detail(app: &App, i: usize) -> Option<(String, Vec<Line<'static>>)> {
    let p = &app.palette;
    let note = app.notebook.note(i)?;
    let a = note.annotation;
    let mut lines = Vec::new();
    let field = |k: &str, v: String| {
        Line::from(vec![
            TextSpan::styled(format!("{k}: "), p.style(Role::Muted)),
            TextSpan::raw(v),
        ])
    };
    if !a.tags.is_empty() {
        lines.push(field("tags", clean_line(&a.tags.join(", ")).into_owned()));
    }
    for l in a.note.lines() {
        lines.push(Line::raw(clean_line(l).into_owned()));
    }
    if let Some(span) = note.span {
        let links = links_text(app, span);
        if !links.is_empty() {
            lines.push(Line::styled(links, p.style(Role::Muted)));
        }
    }
    lines.push(Line::styled(
        format!("“{}”", short(&a.target.exact, 2000)),
        Style::new().add_modifier(Modifier::ITALIC),
    ));
    Some(("Note".into(), lines))
}

/// Status hints while selecting, or in the Notes panel; `None` to use the reader's own.
pub fn hints(app: &App) -> Option<Vec<(Action, &'static str)>> {
    if app.notebook.editor.is_some() || app.notebook.across.editing {
        // The popup says its own keys; the status line names them too (`status_text`).
        return Some(Vec::new());
    }
    if app.focus == Focus::Panel(Panel::Notes) && app.notebook.across.on {
        return Some(super::notes_across::hints(app));
    }
    if app.notebook.selection.is_some() && app.focus == Focus::Text {
        return Some(vec![
            (Action::NextSentence, "sentence"),
            (Action::ExtendWord, "word"),
            (Action::ShrinkWord, "word back"),
            (Action::Annotate, "annotate"),
            (Action::Clear, "cancel"),
        ]);
    }
    if app.focus == Focus::Panel(Panel::Notes) && app.notebook.show_deleted {
        let mut v = vec![(Action::ScrollDown, "down")];
        if !app.panel_items(Panel::Notes).is_empty() {
            v.extend([
                (Action::RestoreNote, "restore"),
                (Action::PurgeNote, "purge"),
            ]);
        }
        v.extend([
            (Action::Undo, "undo"),
            (Action::Redo, "redo"),
            (Action::DeletedNotes, "back to notes"),
            (Action::Help, "help"),
        ]);
        return Some(v);
    }
    if app.focus == Focus::Panel(Panel::Notes) {
        let mut v = vec![(Action::ScrollDown, "down")];
        if !app.panel_items(Panel::Notes).is_empty() {
            v.extend([
                (Action::Select, "jump"),
                (Action::EditNote, "edit"),
                (Action::DeleteNote, "delete"),
            ]);
        }
        // Redo is in help: the line keeps room for the filter and the corpus-wide list.
        v.extend([
            (Action::Undo, "undo"),
            (Action::DeletedNotes, "deleted"),
            (Action::TagFilter, "tag filter"),
            (Action::Search, "filter"),
            (Action::NotesScope, "corpus"),
            (Action::FocusNext, "pane"),
            (Action::Help, "help"),
        ]);
        return Some(v);
    }
    None
}

/// What the status line says while annotating: the selection's size, the editor's keys.
pub fn status_text(app: &App) -> Option<String> {
    if app.notebook.across.editing {
        // While typing, what is wrong with the query so far, else what it can say.
        return Some(match &app.notebook.across.error {
            Some(e) => format!(" {} · Esc cancel ", clean_line(e)),
            None => " notes filter · tag: note: actor: source: date: words, - negates · Enter keep · Esc cancel "
                .into(),
        });
    }
    if app.notebook.editor.is_some() {
        return Some(
            " annotating · Tab tags/note · Ctrl-s save · Ctrl-e note in $EDITOR · Esc cancel "
                .into(),
        );
    }
    let sel = app.notebook.selection?;
    let words = app
        .article()
        .and_then(|a| a.body.get(sel.span().start..sel.span().end))
        .map_or(0, |t| t.split_whitespace().count());
    Some(format!("· selecting {words} word(s) "))
}

/// Help rows about annotating that no keymap action covers: the editor popup's own keys and
/// what the marks beside the text and in the panels mean.
pub fn help_rows() -> Vec<(String, String)> {
    let row = |k: &str, d: &str| (k.to_string(), d.to_string());
    vec![
        (String::new(), String::new()),
        row("", "In the annotation popup:"),
        row("Tab", "move between the tag list and the note"),
        row(
            "type",
            "filter the tags; a new name then Enter adds it as a free tag",
        ),
        row("Up / Down", "move in the tag list (also Ctrl-p / Ctrl-n)"),
        row("Enter/Space", "toggle the highlighted tag"),
        row("Ctrl-s", "save the note"),
        row("Ctrl-e", "write the note in $VISUAL / $EDITOR"),
        row("Esc", "cancel (asks first when the note has text)"),
        (String::new(), String::new()),
        row("", "Marks:"),
        row(
            GUTTER_MARK,
            "in the text gutter: an annotated line; in Notes: a note placed in the text; ✎N beside an actor: N notes mention it",
        ),
        row(
            "•",
            "beside a panel item: it appears in the current section",
        ),
        row(
            "⚠ orphan",
            "a note whose passage is no longer in the text (its quote is kept)",
        ),
        row(
            DELETED_MARK,
            "a deleted note, listed with D until restored (R) or purged (X)",
        ),
    ]
}
