//! Drawing the reader: `impl Widget for &App`, one small function per area (text, list,
//! panels, detail, status, help). Rendering only reads the state; the text was wrapped
//! once per article and width by the app, so a frame only walks the visible lines.
//!
//! Every string that came from an article passes through [`crate::sanitize`] on its way here.

use super::app::{App, Focus, GUTTER, Item, MIN_HEIGHT, MIN_WIDTH, Mode, Panel};
use super::keymap::{ACTIONS, Action};
use super::notes;
use super::palette::Role;
use super::wrap::LineKind;
use crate::corpus::Span;
use crate::sanitize::{clean_line, display_grapheme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(area, buf);
            return;
        }
        if self.articles.is_empty() {
            empty_corpus(self, area, buf);
            return;
        }
        if self.corpus.shown {
            super::corpus_view::render(self, area, buf);
            return;
        }
        let areas = self.areas();
        if let Some(r) = areas.list {
            article_list(self, r, buf);
        }
        if let Some(r) = areas.text {
            text_view(self, r, buf);
        }
        for (panel, r) in Panel::ALL.iter().zip(areas.panels) {
            match (panel, r) {
                (Panel::Notes, Some(r)) => notes::notes_view(self, r, buf),
                (_, Some(r)) => panel_view(self, *panel, r, buf),
                _ => {}
            }
        }
        if let Some(r) = areas.detail {
            detail_view(self, r, buf);
        }
        status_line(self, areas.status, buf);
        if self.mode == Mode::Help {
            help_view(self, area, buf);
        }
        if self.mode == Mode::Commands {
            super::command_palette::render(self, area, buf);
        }
        if let Some(editor) = &self.notebook.editor {
            editor.render(area, buf);
        }
        super::links::render(self, area, buf);
        super::unapplied::render(self, area, buf);
        super::correct::prompt_view(self, area, buf);
    }
}

/// Write `text` at (x, y) within `max` columns, returning the columns used. Never splits a
/// grapheme and never starts a wide one that would be cut at the edge.
pub(super) fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, max: u16, style: Style) -> u16 {
    let mut used = 0u16;
    for g in text.graphemes(true) {
        let shown = display_grapheme(g);
        let w = shown.width() as u16;
        if used + w > max {
            break;
        }
        if w > 0 {
            buf.set_stringn(x + used, y, &shown, usize::from(w), style);
        }
        used += w;
    }
    used
}

/// Like [`put`], ending with `…` when `text` does not fit in `max` columns.
pub(super) fn put_fit(buf: &mut Buffer, x: u16, y: u16, text: &str, max: u16, style: Style) -> u16 {
    if text.width() <= usize::from(max) || max < 2 {
        return put(buf, x, y, text, max, style);
    }
    let used = put(buf, x, y, text, max - 1, style);
    used + put(buf, x + used, y, "…", 1, style)
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let lines = [
        "terminal too small".to_string(),
        format!("need at least {MIN_WIDTH}x{MIN_HEIGHT}"),
        format!("now {}x{}", area.width, area.height),
    ];
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, l) in lines.iter().enumerate() {
        let y = area.y + top + i as u16;
        if y >= area.bottom() {
            break;
        }
        let w = (l.width() as u16).min(area.width);
        let x = area.x + (area.width - w) / 2;
        put(
            buf,
            x,
            y,
            l,
            area.width,
            Style::default().add_modifier(Modifier::BOLD),
        );
    }
}

fn empty_corpus(app: &App, area: Rect, buf: &mut Buffer) {
    let p = &app.palette;
    let mut lines = vec![
        Line::styled("No articles to read.", p.style(Role::Heading)),
        Line::raw(""),
        Line::raw("Give a folder of .md or .txt files: newslens PATH"),
        Line::raw(""),
    ];
    if app.problems.is_empty() {
        lines.push(Line::raw("No files were found."));
    } else {
        lines.push(Line::styled(
            format!("{} problem(s) found:", app.problems.len()),
            p.style(Role::Warning),
        ));
        for pr in &app.problems {
            lines.push(Line::raw(clean_line(&pr.to_string()).into_owned()));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        TextSpan::styled(
            app.keymap.first(Action::Quit).unwrap_or_default(),
            p.style(Role::StatusKey),
        ),
        TextSpan::raw(" quits"),
    ]));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::bordered().title(" newslens "))
        .render(area, buf);
}

pub(super) fn pane_block<'a>(app: &App, title: Line<'a>, focused: bool) -> Block<'a> {
    let p = &app.palette;
    Block::bordered()
        .border_style(p.style(if focused {
            Role::BorderFocus
        } else {
            Role::Border
        }))
        .title(title)
}

/// The article text with section headers, cursor sentence, highlights and search hits.
fn text_view(app: &App, area: Rect, buf: &mut Buffer) {
    let p = &app.palette;
    let Some(article) = app.article() else { return };
    let title = format!(
        " {} ({}/{}) ",
        clean_line(&article.title),
        app.current + 1,
        app.articles.len()
    );
    let mut block = pane_block(
        app,
        Line::styled(title, p.style(Role::Title)),
        app.focus == Focus::Text,
    );
    if let Some(url) = &article.meta.url {
        block = block.title_bottom(Line::styled(
            format!(" {} ", clean_line(url)),
            p.style(Role::Muted),
        ));
    }
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width <= GUTTER || inner.height == 0 {
        return;
    }
    let text_x = inner.x + GUTTER;
    let text_w = inner.width - GUTTER;
    let cursor = app.cursor_sentence();
    // Annotated passages under the other highlights; the selection over them.
    let mut layers = notes::annotation_layers(app);
    layers.extend(highlight_layers(app));
    layers.extend(notes::selection_layer(app));
    let top = app.top_line();
    let body = &article.body;
    for (row, line) in app
        .wrapped
        .lines
        .iter()
        .skip(top)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + row as u16;
        if let LineKind::Header(s) = line.kind {
            let n = article.sections.len();
            let head = format!("§ {}/{}  {}", s + 1, n, clean_line(&app.section_title(s)));
            put(buf, text_x, y, &head, text_w, p.style(Role::Heading));
            continue;
        }
        let base = match line.kind {
            LineKind::Heading => p.style(Role::Heading),
            _ => p.style(Role::Text),
        };
        let in_cursor = |o: usize| cursor.is_some_and(|c| c.contains(o));
        if cursor.is_some_and(|c| c.overlaps(&Span::new(line.start, line.end.max(line.start + 1))))
        {
            put(buf, inner.x, y, "▎", 1, p.style(Role::Gutter));
        }
        if let Some(style) = notes::gutter_mark(app, Span::new(line.start, line.end)) {
            put(buf, inner.x + 1, y, notes::GUTTER_MARK, 1, style);
        }
        let on_line: Vec<&(Span, Style)> = layers
            .iter()
            .filter(|(s, _)| s.start < line.end.max(line.start + 1) && s.end > line.start)
            .collect();
        let mut x = 0u16;
        let Some(text) = body.get(line.start..line.end) else {
            continue;
        };
        for (o, g) in text.grapheme_indices(true) {
            let at = line.start + o;
            let shown = display_grapheme(g);
            let w = shown.width() as u16;
            if x + w > text_w {
                break;
            }
            let mut style = base;
            if in_cursor(at) {
                style = style.patch(p.style(Role::CursorSentence));
            }
            for (span, s) in &on_line {
                if span.contains(at) {
                    style = style.patch(*s);
                }
            }
            if w > 0 {
                buf.set_stringn(text_x + x, y, &shown, usize::from(w), style);
            }
            x += w;
        }
    }
}

/// Highlight spans with their styles, in paint order (later wins).
fn highlight_layers(app: &App) -> Vec<(Span, Style)> {
    let p = &app.palette;
    // Only what can be seen: a common search pattern in a huge article has many hits.
    let vis = app.visible_range();
    let visible = |s: &Span| s.start < vis.end.max(vis.start + 1) && s.end > vis.start;
    let mut layers: Vec<(Span, Role)> = app
        .highlights
        .iter()
        .filter(|(s, _)| visible(s))
        .copied()
        .collect();
    // Whole evidence passages first, then the one jumped to, then the actor names inside
    // them, so a tension's two sides stay visible inside its current evidence sentence.
    layers.sort_by_key(|(_, r)| *r != Role::Evidence);
    let passages = layers.partition_point(|(_, r)| *r == Role::Evidence);
    let mut layers: Vec<(Span, Style)> = layers.into_iter().map(|(s, r)| (s, p.style(r))).collect();
    if let (Some(i), false) = (app.evidence_current, app.search.active)
        && let Some(&s) = app.evidence.get(i)
    {
        layers.insert(passages, (s, p.style(Role::MentionCurrent)));
    }
    // A search left behind by selecting an item stays out of the way until `/` again.
    if app.search.active || app.mode == Mode::Search {
        let hits = &app.search.hits;
        let from = hits.partition_point(|h| h.end <= vis.start);
        let to = hits.partition_point(|h| h.start < vis.end.max(vis.start + 1));
        for (i, &h) in hits.iter().enumerate().take(to).skip(from) {
            let role = if Some(i) == app.search.current {
                Role::SearchCurrent
            } else {
                Role::Search
            };
            layers.push((h, p.style(role)));
        }
    }
    layers
}

fn panel_view(app: &App, panel: Panel, area: Rect, buf: &mut Buffer) {
    let p = &app.palette;
    let focused = app.focus == Focus::Panel(panel);
    let items = app.panel_items(panel);
    let total = app.panel_len(panel);
    let section = app.current_section();
    let count = if app.section_filter {
        format!("{}/{total} in §{}", items.len(), section + 1)
    } else {
        total.to_string()
    };
    let title = Line::from(vec![
        TextSpan::styled(format!(" {} ", panel.title()), p.style(Role::Title)),
        TextSpan::styled(format!("({count}) "), p.style(Role::Muted)),
    ]);
    // The order is said where the numbers beside the items would not show it.
    let order = format!(" {} ", panel_order(panel));
    let mut block = pane_block(app, title.clone(), focused);
    if title.width() + order.width() + 2 <= usize::from(area.width) {
        block = block.title(Line::styled(order, p.style(Role::Muted)).right_aligned());
    }
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width < 3 {
        return;
    }
    let Some(an) = app.analysis() else {
        put(
            buf,
            inner.x,
            inner.y,
            "analysing…",
            inner.width,
            p.style(Role::Muted),
        );
        return;
    };
    if items.is_empty() {
        let msg = if app.section_filter {
            "none in this section"
        } else {
            "none found"
        };
        put(
            buf,
            inner.x,
            inner.y,
            msg,
            inner.width,
            p.style(Role::Muted),
        );
        return;
    }
    let cursor = app.panel_cursor[panel as usize].min(items.len() - 1);
    let h = usize::from(inner.height);
    // Keep the cursor row in view.
    let first = cursor.saturating_sub(h.saturating_sub(1));
    let label_of = |i: usize| -> (String, usize) {
        match panel {
            Panel::Actors => (
                clean_line(&an.actors[i].name).into_owned(),
                an.actors[i].mentions.len(),
            ),
            Panel::Themes => (
                clean_line(&an.themes[i].label).into_owned(),
                an.themes[i].evidence.len(),
            ),
            Panel::Tensions => (
                clean_line(&an.tensions[i].label).into_owned(),
                an.tensions[i].evidence.len(),
            ),
            // Drawn by `notes::notes_view`.
            Panel::Notes => (String::new(), 0),
        }
    };
    let tag_w: u16 = if panel == Panel::Actors { 2 } else { 0 };
    // Every row's label and count first, so labels cut alike can be told apart.
    let rows: Vec<(usize, usize, String, String)> = items
        .iter()
        .enumerate()
        .skip(first)
        .take(h)
        .map(|(row, &i)| {
            let (label, n) = label_of(i);
            let touching = match panel {
                Panel::Actors => app.notes_touching_actor(i),
                _ => 0,
            };
            let count = if touching > 0 {
                format!(" {}{touching} {n}", notes::GUTTER_MARK)
            } else {
                format!(" {n}")
            };
            (row, i, label, count)
        })
        .collect();
    let fits: Vec<(&str, usize)> = rows
        .iter()
        .map(|(_, _, label, count)| {
            let w = inner.width.saturating_sub(2 + tag_w + count.width() as u16);
            (label.as_str(), usize::from(w))
        })
        .collect();
    let shown = super::labels::fit_distinct(&fits);
    for ((row, i, _, count), label) in rows.iter().zip(&shown) {
        let (row, i) = (*row, *i);
        let y = inner.y + (row - first) as u16;
        let active = app.active == Some(App::item(panel, i));
        let in_section = app.item_in_section(panel, i, section);
        let mut style = if active {
            p.style(Role::ActiveItem)
        } else {
            p.style(Role::Text)
        };
        if focused && row == cursor {
            style = style.patch(p.style(Role::CursorItem));
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        }
        let marker = if in_section { "•" } else { " " };
        put(
            buf,
            inner.x,
            y,
            marker,
            1,
            style.patch(p.style(Role::InSection)),
        );
        // Actors: how many notes touch each, before the mention count.
        let cw = count.width() as u16;
        let name_w = inner.width.saturating_sub(2 + tag_w + cw);
        let prefix = if active {
            "▶"
        } else if app.is_corrected(panel, i) {
            super::correct::MARK
        } else {
            " "
        };
        put(buf, inner.x + 1, y, prefix, 1, style);
        if panel == Panel::Actors {
            let tag = kind_tag(an.actors[i].kind);
            put(
                buf,
                inner.x + 2,
                y,
                tag,
                1,
                style.patch(p.style(Role::Muted)),
            );
        }
        put_fit(buf, inner.x + 2 + tag_w, y, label, name_w, style);
        put(
            buf,
            inner.right().saturating_sub(cw),
            y,
            count,
            cw,
            style.patch(p.style(Role::Muted)),
        );
    }
}

/// One letter for an actor's kind in the Actors list (the legend is in help).
pub fn kind_tag(kind: crate::analysis::ActorKind) -> &'static str {
    use crate::analysis::ActorKind;
    match kind {
        ActorKind::Person => "P",
        ActorKind::Organization => "O",
        ActorKind::Country => "C",
        ActorKind::Place => "L",
        ActorKind::Region => "R",
        ActorKind::Group => "G",
    }
}

/// How a panel's items are ordered, for its title; the number beside each item is its
/// mentions or evidence passages, which need not follow that order.
fn panel_order(panel: Panel) -> &'static str {
    match panel {
        Panel::Actors => "by salience",
        Panel::Themes | Panel::Tensions => "by score",
        Panel::Notes => "in text order",
    }
}

/// Facts about the selected item: kind, role, aliases, sides, sections.
fn detail_view(app: &App, area: Rect, buf: &mut Buffer) {
    let p = &app.palette;
    let (Some(an), Some(item)) = (app.analysis(), app.active) else {
        return;
    };
    let mut lines: Vec<Line> = Vec::new();
    let sections_of = |secs: Vec<usize>| -> String {
        let mut secs = secs;
        secs.sort_unstable();
        secs.dedup();
        secs.iter()
            .map(|s| format!("§{}", s + 1))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let field = |k: &str, v: String| {
        Line::from(vec![
            TextSpan::styled(format!("{k}: "), p.style(Role::Muted)),
            TextSpan::raw(v),
        ])
    };
    let title = match item {
        Item::Actor(i) => {
            let Some(a) = an.actors.get(i) else { return };
            lines.push(field("kind", a.kind.as_str().to_string()));
            if let Some(r) = &a.role {
                lines.push(field("role", clean_line(r).into_owned()));
            }
            if !a.aliases.is_empty() {
                let aliases: Vec<String> = a
                    .aliases
                    .iter()
                    .map(|s| clean_line(s).into_owned())
                    .collect();
                lines.push(field("aka", aliases.join(", ")));
            }
            if !a.why.is_empty() {
                let why: Vec<String> = a
                    .why
                    .iter()
                    .map(|w| match w.detail.as_str() {
                        "" => w.basis.as_str().to_string(),
                        d => format!("{} {}", w.basis.as_str(), clean_line(d)),
                    })
                    .collect();
                lines.push(field("why", why.join("; ")));
            }
            lines.push(field("mentions", a.mentions.len().to_string()));
            lines.push(field(
                "in",
                sections_of(a.mentions.iter().map(|m| m.section).collect()),
            ));
            clean_line(&a.name).into_owned()
        }
        Item::Theme(i) => {
            let Some(t) = an.themes.get(i) else { return };
            lines.push(field("score", format!("{:.2}", t.score)));
            lines.push(field("evidence", t.evidence.len().to_string()));
            lines.push(field(
                "in",
                sections_of(t.evidence.iter().map(|e| e.section).collect()),
            ));
            clean_line(&t.label).into_owned()
        }
        Item::Tension(i) => {
            let Some(t) = an.tensions.get(i) else { return };
            let class = if t.event_class.is_empty() {
                String::new()
            } else {
                format!(" · {}, {}", t.event_class, t.quad_class)
            };
            lines.push(field(
                "kind",
                clean_line(&format!("{}{class}", t.kind)).into_owned(),
            ));
            // The reason of the evidence sentence the reader is on, else of the first one.
            let current = app
                .evidence_current
                .and_then(|i| app.evidence.get(i))
                .and_then(|span| t.evidence.iter().position(|e| e.span == *span))
                .unwrap_or(0);
            if let Some(w) = t.why.get(current) {
                let body = app.article().map_or("", |a| a.body.as_str());
                lines.push(field("why", clean_line(&w.summary(body)).into_owned()));
            }
            for (side, role) in t.sides.iter().zip([Role::SideA, Role::SideB]) {
                let names: Vec<String> = side
                    .iter()
                    .map(|id| an.actor(id).map_or(id.as_str(), |a| a.name.as_str()))
                    .map(|n| clean_line(n).into_owned())
                    .collect();
                lines.push(Line::styled(names.join(", "), p.style(role)));
            }
            lines.push(field(
                "in",
                sections_of(t.evidence.iter().map(|e| e.section).collect()),
            ));
            clean_line(&t.label).into_owned()
        }
        Item::Note(i) => {
            let Some((title, note_lines)) = notes::note_detail(app, i) else {
                return;
            };
            lines = note_lines;
            title
        }
    };
    // First, so a full pane still says it.
    let mut corrected = super::correct::detail_lines(app, item);
    corrected.append(&mut lines);
    let lines = corrected;
    let block = pane_block(
        app,
        Line::styled(format!(" {title} "), p.style(Role::ActiveItem)),
        false,
    );
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(block)
        .render(area, buf);
}

fn article_list(app: &App, area: Rect, buf: &mut Buffer) {
    let p = &app.palette;
    let focused = app.focus == Focus::List;
    let items = app.list_items();
    let mut title = vec![TextSpan::styled(" Articles ", p.style(Role::Title))];
    // A first page of matches says there are more to come.
    let more = if app.library.first_page { "+" } else { "" };
    title.push(TextSpan::styled(
        format!(
            "({}{more}/{}) ",
            super::library::thousands(items.len()),
            super::library::thousands(app.articles.len())
        ),
        p.style(Role::Muted),
    ));
    if app.library.searching.is_some() {
        title.push(TextSpan::styled("searching… ", p.style(Role::Warning)));
    }
    if let Some(order) = super::library::order_label(app) {
        title.push(TextSpan::styled(format!("{order} "), p.style(Role::Muted)));
    }
    let block = pane_block(app, Line::from(title), focused);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 2 || inner.width < 4 {
        return;
    }
    let mut y = inner.y;
    let mut bottom = inner.bottom();
    // Filter prompt (or hint) on the first row.
    if app.mode == Mode::Filter || !app.list_filter.is_empty() {
        let cursor = if app.mode == Mode::Filter { "▏" } else { "" };
        let text = super::prompt::line(
            "filter: ",
            &clean_line(&app.list_filter),
            cursor,
            usize::from(inner.width),
        );
        put(
            buf,
            inner.x,
            y,
            &text,
            inner.width,
            p.style(Role::StatusKey),
        );
        y += 1;
        // A filter that is no query says why, under it (the last good list stays).
        if let Some(e) = &app.library.query_error {
            put(
                buf,
                inner.x,
                y,
                &clean_line(e),
                inner.width,
                p.style(Role::Warning),
            );
            y += 1;
        }
    }
    // Problems at the bottom.
    if !app.problems.is_empty() {
        let room = (inner.height / 3).max(1);
        let shown = (app.problems.len() as u16 + 1).min(room);
        bottom = inner.bottom() - shown;
        put(
            buf,
            inner.x,
            bottom,
            &format!("⚠ {} problem(s):", app.problems.len()),
            inner.width,
            p.style(Role::Warning),
        );
        for (i, pr) in app.problems.iter().take(usize::from(shown - 1)).enumerate() {
            put(
                buf,
                inner.x,
                bottom + 1 + i as u16,
                &clean_line(&pr.to_string()),
                inner.width,
                p.style(Role::Warning),
            );
        }
    }
    let rows = usize::from(bottom.saturating_sub(y) / 2);
    if rows == 0 {
        return;
    }
    let cursor = app.list_cursor.min(items.len().saturating_sub(1));
    let first = cursor.saturating_sub(rows - 1);
    for (row, &i) in items.iter().enumerate().skip(first).take(rows) {
        let a = &app.articles[i];
        let y0 = y + 2 * (row - first) as u16;
        let mut style = p.style(Role::Text);
        if i == app.current {
            style = style.add_modifier(Modifier::BOLD);
        }
        if focused && row == cursor {
            style = style.patch(p.style(Role::CursorItem));
            buf.set_style(Rect::new(inner.x, y0, inner.width, 2), style);
        }
        let mut title = match a.meta.unread {
            // newsboat's unread flag, marked as newsboat marks it.
            Some(true) => format!("N {}", clean_line(&a.title)),
            _ => clean_line(&a.title).into_owned(),
        };
        // Bookmarked `★`, not yet read `•` (from the reader's state file).
        if app.library.is_bookmarked(i) {
            title = format!("★ {title}");
        } else if a.meta.unread.is_none() && app.library.marks_unread() && !app.library.is_read(i) {
            title = format!("• {title}");
        }
        put_fit(buf, inner.x, y0, &title, inner.width, style);
        let mut meta: Vec<String> = Vec::new();
        if let Some(folder) = app.group_start(row, &items) {
            meta.push(folder);
        }
        if let Some(d) = &a.meta.date {
            meta.push(d.clone());
        }
        if let Some(s) = &a.meta.source {
            meta.push(s.clone());
        }
        if let Some(an) = app.analyses.get(i).and_then(Option::as_deref) {
            let names: Vec<&str> = an.actors.iter().take(3).map(|x| x.name.as_str()).collect();
            if !names.is_empty() {
                meta.push(names.join(", "));
            }
        }
        let meta = clean_line(&meta.join(" · ")).into_owned();
        put(
            buf,
            inner.x + 1,
            y0 + 1,
            &meta,
            inner.width - 1,
            style.patch(p.style(Role::Muted)),
        );
    }
}

/// Hint pairs (action, label) that matter in the focused pane.
fn hints(app: &App) -> Vec<(Action, &'static str)> {
    if app.mode != Mode::Help
        && let Some(v) = notes::hints(app)
    {
        return v;
    }
    let mut v = match (app.mode, app.focus) {
        (Mode::Help, _) => vec![
            (Action::ScrollDown, "scroll"),
            (Action::Bottom, "end"),
            (Action::Help, "close"),
        ],
        (_, Focus::List) => vec![
            (Action::ScrollDown, "down"),
            (Action::Select, "open"),
            (Action::Search, "filter"),
            (Action::SortList, "sort"),
            (Action::GroupList, "group"),
            (Action::ArticleList, "close"),
            (Action::Help, "help"),
        ],
        (_, Focus::Panel(_)) => {
            let mut v = vec![(Action::ScrollDown, "down"), (Action::Select, "select")];
            if app.active.is_some() {
                v.push((Action::NextEvidence, "next"));
                v.push((Action::Clear, "clear"));
            }
            v.extend([
                (Action::SectionFilter, "this section"),
                (Action::FocusText, "text"),
                (Action::FocusNext, "pane"),
                (Action::Help, "help"),
                (Action::CommandPalette, "commands"),
            ]);
            v
        }
        (_, Focus::Text) => {
            // Most useful first: hints that do not fit are dropped from the end.
            let mut v = vec![(Action::ScrollDown, "scroll")];
            if app.jump_targets().is_some() {
                v.push((Action::NextEvidence, "next"));
            }
            v.extend([
                (Action::Search, "search"),
                (Action::Help, "help"),
                (Action::CommandPalette, "commands"),
                (Action::Quit, "quit"),
                (Action::Zoom, if app.zoom { "panels" } else { "zoom" }),
                (Action::NextSentence, "sentence"),
                (Action::NextSection, "section"),
                (Action::FocusActors, "actors"),
                (Action::ArticleList, "articles"),
                (Action::StartSelection, "select"),
                (Action::Annotate, "annotate"),
                (Action::Copy, "copy"),
                (Action::JumpBack, "jump back"),
            ]);
            v
        }
    };
    // Corrections that no longer apply stay in view: their key leads the hints.
    if app.mode != Mode::Help && !app.unapplied_here().is_empty() {
        v.insert(0, (Action::ListUnapplied, "not applied"));
    }
    v
}

fn status_line(app: &App, area: Rect, buf: &mut Buffer) {
    let p = &app.palette;
    let bar = p.style(Role::Status);
    buf.set_style(area, bar);
    let key_style = bar.patch(p.style(Role::StatusKey));
    if app.mode == Mode::Search {
        let n = app.search.hits.len();
        let count = match app.search.current {
            Some(i) if n > 0 => format!("  {}/{n}", i + 1),
            _ if app.search.pattern.is_empty() => String::new(),
            _ => format!("  {n} hits"),
        };
        let count = match &app.search.error {
            Some(why) => format!("  {}", clean_line(why)),
            None => count,
        };
        // The count or error stays in view; the pattern gives up its start first.
        let room = usize::from(area.width).saturating_sub(count.width());
        let typed = super::prompt::line("/", &clean_line(&app.search.pattern), "▏", room);
        let text = format!("{typed}{count}");
        let used = put(buf, area.x, area.y, &text, area.width, key_style);
        let help = "  Enter confirm  Up/Down history  Esc cancel";
        put(buf, area.x + used, area.y, help, area.width - used, bar);
        return;
    }
    // Right: hints from the live keymap.
    let mut right: Vec<(String, &str)> = Vec::new();
    for (action, label) in hints(app) {
        if let Some(k) = app.keymap.first(action) {
            right.push((k, label));
        }
    }
    // Left: article, section, percent, and what n/N does now.
    let mut left = String::new();
    if let Some(a) = app.article() {
        let s = app.current_section();
        left = format!(
            " {}/{} · §{}/{} · {}% ",
            app.current + 1,
            app.articles.len(),
            s + 1,
            a.sections.len(),
            app.percent()
        );
        if let Some((kind, spans, current)) = app.jump_targets() {
            let pos = current.map_or("–".to_string(), |c| (c + 1).to_string());
            let what = if kind == "search" {
                format!("/{}", clean_line(&app.search.pattern))
            } else {
                clean_line(&app.active_name().unwrap_or_default()).into_owned()
            };
            left.push_str(&format!("· n/N {what} {pos}/{} ", spans.len()));
        } else if app.analysis().is_none() {
            left.push_str("· analysing… ");
        }
        if let Some(t) = app.library.progress_text() {
            left.push_str(&format!("· {t} "));
        }
        if app.section_filter {
            left.push_str("· panels: this section ");
        }
    }
    if let Some(t) = notes::status_text(app) {
        if app.notebook.editor.is_some() {
            left = t;
        } else {
            left.push_str(&t);
        }
    }
    if let Some(m) = &app.message {
        left.push_str(&format!("· {} ", clean_line(m)));
    }
    // A count being typed, as vim shows it.
    if let Some(n) = app.count.filter(|_| app.count_revert.is_none()) {
        left.push_str(&format!("· {n}… "));
    }
    let used = put(buf, area.x, area.y, &left, area.width, bar);
    put_hints(buf, area, used, right, key_style, bar);
}

/// Key hints right-aligned on a status line after `used` cells, dropped from the end while
/// they do not fit.
pub(super) fn put_hints(
    buf: &mut Buffer,
    area: Rect,
    used: u16,
    mut right: Vec<(String, &str)>,
    key_style: Style,
    bar: Style,
) {
    let mut hint_w: u16;
    loop {
        hint_w = right
            .iter()
            .map(|(k, l)| (k.width() + l.width() + 3) as u16)
            .sum();
        if hint_w + used <= area.width || right.is_empty() {
            break;
        }
        right.pop();
    }
    let mut x = area.right() - hint_w.min(area.width);
    for (k, l) in &right {
        x += put(
            buf,
            x,
            area.y,
            &format!(" {k}"),
            area.right() - x,
            key_style,
        );
        x += put(buf, x, area.y, &format!(" {l} "), area.right() - x, bar);
    }
}

pub(super) fn help_view(app: &App, area: Rect, buf: &mut Buffer) {
    let p = &app.palette;
    let w = area.width.saturating_sub(4).min(90);
    let h = area.height.saturating_sub(2);
    let popup = Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h);
    Clear.render(popup, buf);
    let close = app.keymap.first(Action::Help).unwrap_or_default();
    let block = Block::bordered()
        .border_style(p.style(Role::BorderFocus))
        .title(Line::styled(
            " Help: keys (from your configuration) ",
            p.style(Role::Title),
        ))
        .title_bottom(Line::styled(
            format!(
                " {close} closes · scroll with {} · {}/{} top/end ",
                app.keymap.first(Action::ScrollDown).unwrap_or_default(),
                app.keymap.first(Action::Top).unwrap_or_default(),
                app.keymap.first(Action::Bottom).unwrap_or_default()
            ),
            p.style(Role::Muted),
        ));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let key_w = ACTIONS
        .iter()
        .map(|i| app.keymap.describe(i.action).width())
        .max()
        .unwrap_or(8)
        .min(usize::from(inner.width / 3)) as u16;
    let mut lines: Vec<(String, String)> = ACTIONS
        .iter()
        .map(|i| (app.keymap.describe(i.action), i.description.to_string()))
        .collect();
    lines.push((String::new(), String::new()));
    lines.push(("n / N".into(), "follow search hits while a search is active (Esc ends it), else the selected item's evidence".into()));
    lines.extend(notes::help_rows());
    lines.extend(super::corpus_view::help_rows());
    lines.push(("counts".into(), "digits before a key repeat it or say where: 5j scrolls five lines, 10G goes to sentence 10 (item 10 in a list), 3n three hits on; the panel digits 1-4 focus when alone, so one-digit counts are 5-9".into()));
    lines.push(("mouse".into(), "click a pane to focus it, an item to select it, the text to move the cursor sentence; drag in the text to select a passage; the wheel scrolls the pane under it (Shift-drag for the terminal's own selection)".into()));
    lines.push(("Actors".into(), "letter before each name: P person, O organisation, C country, L place, R region, G group; the number is its mentions; the list is by salience (mentions, first mention, title)".into()));
    lines.push(("search".into(), "/ takes a regular expression (regex syntax: a|b, \\bword\\b, [0-9]+); lower case matches any case, a capital makes it exact".into()));
    // The article list has room for a line of each problem; here they are whole.
    if !app.problems.is_empty() {
        lines.push((String::new(), String::new()));
        lines.push((
            "problems".into(),
            format!(
                "{} file(s) could not be read as they are:",
                app.problems.len()
            ),
        ));
        for pr in &app.problems {
            lines.push((String::new(), clean_line(&pr.to_string()).into_owned()));
        }
    }
    // Descriptions wrap under themselves; each row is (keys or "", one line of text).
    let dx = inner.x + 2 + key_w;
    let desc_w = usize::from(inner.right().saturating_sub(dx)).max(8);
    let mut rows: Vec<(&str, String)> = Vec::new();
    for (k, d) in &lines {
        let mut first = true;
        let mut line = String::new();
        for word in d.split_whitespace() {
            if !line.is_empty() && line.width() + 1 + word.width() > desc_w {
                rows.push((if first { k } else { "" }, std::mem::take(&mut line)));
                first = false;
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        rows.push((if first { k } else { "" }, line));
    }
    // Stop at a full last page rather than scrolling the help out of view.
    let scroll = app
        .help_scroll
        .min(rows.len().saturating_sub(usize::from(inner.height)));
    for (row, (k, d)) in rows
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + row as u16;
        put(buf, inner.x + 1, y, k, key_w, p.style(Role::StatusKey));
        put(
            buf,
            dx,
            y,
            d,
            inner.right().saturating_sub(dx),
            p.style(Role::Text),
        );
    }
}
