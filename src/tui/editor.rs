//! The annotation editor popup: choose tags from the codebook and the free tags used before
//! (type to filter, Enter or Space to toggle, a new name + Enter adds a free tag) and write a
//! multi-line note. A tag list longer than its rows scrolls with the highlighted tag and says
//! how many are cut off (`↓ 7 more`).
//!
//! Standalone: it takes key events and says what happened ([`EditorOutcome`]); the reader
//! stores the result. `Tab` moves between tags and note, `Ctrl-s` saves, `Esc` cancels, asking
//! first when the note holds text. Also here: [`edit_externally`], a note round trip through
//! `$VISUAL`/`$EDITOR` (the reader suspends the terminal around it).

use crate::config::CodebookTag;
use crate::sanitize::clean;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use ratatui_textarea::TextArea;
use std::io;
use std::str::FromStr;

/// What a key did to the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditorOutcome {
    /// Keep the popup open.
    Continue,
    /// Save these tags (in the order chosen) and this note.
    Save { tags: Vec<String>, note: String },
    /// Close without saving.
    Cancel,
}

/// Which part of the popup takes the keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorFocus {
    Tags,
    Note,
}

/// One line of the tag list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagOption {
    pub name: String,
    pub selected: bool,
    /// From the codebook; `None` for free tags and the "new tag" line.
    pub color: Option<String>,
    pub description: String,
    /// The line that adds the typed filter as a new free tag.
    pub is_new: bool,
}

/// The popup's state. Render it with `(&editor).render(area, buf)`; it centres itself.
pub struct AnnotationEditor {
    codebook: Vec<CodebookTag>,
    /// Free tags used before in the corpus, with their note counts, most used first.
    used: Vec<(String, usize)>,
    selected: Vec<String>,
    filter: String,
    cursor: usize,
    focus: EditorFocus,
    note: TextArea<'static>,
    confirming_cancel: bool,
    quote: String,
    colors: bool,
}

impl AnnotationEditor {
    /// A new annotation of `quote`, with no tags and an empty note.
    pub fn new(codebook: &[CodebookTag], quote: &str) -> Self {
        Self::editing(codebook, quote, &[], "")
    }

    /// Editing an existing annotation's tags and note.
    pub fn editing(codebook: &[CodebookTag], quote: &str, tags: &[String], note: &str) -> Self {
        let mut editor = AnnotationEditor {
            codebook: codebook.to_vec(),
            used: Vec::new(),
            selected: Vec::new(),
            filter: String::new(),
            cursor: 0,
            focus: EditorFocus::Tags,
            note: TextArea::default(),
            confirming_cancel: false,
            quote: quote.to_string(),
            colors: true,
        };
        for t in tags {
            if !editor.selected.contains(t) {
                editor.selected.push(t.clone());
            }
        }
        editor.set_note(note);
        editor
    }

    /// Offer these free tags (used before, with how many notes carry each, most used first)
    /// after the codebook's. Codebook names among them are left out: they are listed already.
    pub fn offering(mut self, used: Vec<(String, usize)>) -> Self {
        self.used = used
            .into_iter()
            .filter(|(t, _)| !self.codebook.iter().any(|c| &c.name == t))
            .collect();
        self
    }

    /// Draw without colours (NO_COLOR): selection and focus still show by markers and bold.
    pub fn without_colors(mut self) -> Self {
        self.colors = false;
        self
    }

    /// Replace the note, e.g. with what an external editor returned.
    pub fn set_note(&mut self, note: &str) {
        // The text area prints what it holds: controls become visible stand-ins and line or
        // paragraph separators (which move the cursor on some terminals) become line breaks.
        let lines: Vec<String> = note
            .split(['\n', '\u{2028}', '\u{2029}'])
            .map(|l| {
                l.strip_suffix('\r')
                    .unwrap_or(l)
                    .chars()
                    .map(crate::sanitize::inert)
                    .collect()
            })
            .collect();
        self.note = TextArea::new(lines);
        self.note
            .set_placeholder_text("Write a note (Tab from tags)");
        self.style_note_cursor();
    }

    /// The note as written, lines joined with `\n`.
    pub fn note(&self) -> String {
        self.note.lines().join("\n")
    }

    /// The chosen tags, in the order chosen.
    pub fn tags(&self) -> &[String] {
        &self.selected
    }

    pub fn focus(&self) -> EditorFocus {
        self.focus
    }

    /// The text typed to filter the tag list.
    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// True while the popup asks whether to throw the note away.
    pub fn is_confirming_cancel(&self) -> bool {
        self.confirming_cancel
    }

    /// The highlighted line of [`AnnotationEditor::options`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The tag list as shown: codebook tags matching the filter, then the free tags used
    /// before matching it (most used first), then other chosen free tags matching it, then
    /// (when the filter names no tag) a line that adds it as a new tag. A tag keeps its place
    /// when toggled, so the highlight stays on it.
    pub fn options(&self) -> Vec<TagOption> {
        let needle = self.filter.to_lowercase();
        let matches = |name: &str| name.to_lowercase().contains(&needle);
        let mut out: Vec<TagOption> = self
            .codebook
            .iter()
            .filter(|t| matches(&t.name))
            .map(|t| TagOption {
                name: t.name.clone(),
                selected: self.selected.contains(&t.name),
                color: Some(t.color.clone()).filter(|c| !c.is_empty()),
                description: t.description.clone(),
                is_new: false,
            })
            .collect();
        for (name, n) in &self.used {
            if matches(name) {
                out.push(TagOption {
                    name: name.clone(),
                    selected: self.selected.contains(name),
                    color: None,
                    description: format!("free tag, on {n} note{}", if *n == 1 { "" } else { "s" }),
                    is_new: false,
                });
            }
        }
        for s in &self.selected {
            let listed =
                self.codebook.iter().any(|t| &t.name == s) || self.used.iter().any(|(u, _)| u == s);
            if matches(s) && !listed {
                out.push(TagOption {
                    name: s.clone(),
                    selected: true,
                    color: None,
                    description: "free tag".into(),
                    is_new: false,
                });
            }
        }
        let typed = self.filter.trim();
        if !typed.is_empty() && !out.iter().any(|o| o.name.eq_ignore_ascii_case(typed)) {
            out.push(TagOption {
                name: typed.to_string(),
                selected: false,
                color: None,
                description: "new tag".into(),
                is_new: true,
            });
        }
        out
    }

    /// Apply one key. Key releases (sent by some terminals) are ignored.
    pub fn handle_key(&mut self, key: KeyEvent) -> EditorOutcome {
        if key.kind == KeyEventKind::Release {
            return EditorOutcome::Continue;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if self.confirming_cancel {
            return match key.code {
                KeyCode::Esc | KeyCode::Char('y') | KeyCode::Char('Y') => EditorOutcome::Cancel,
                _ => {
                    // Any other answer means "keep editing"; the key is not applied.
                    self.confirming_cancel = false;
                    EditorOutcome::Continue
                }
            };
        }
        match key.code {
            KeyCode::Char('s') if ctrl => {
                return EditorOutcome::Save {
                    tags: self.selected.clone(),
                    note: self.note().trim_end().to_string(),
                };
            }
            KeyCode::Esc => {
                if self.note().trim().is_empty() {
                    return EditorOutcome::Cancel;
                }
                self.confirming_cancel = true;
                return EditorOutcome::Continue;
            }
            KeyCode::Tab | KeyCode::BackTab => {
                self.focus = match self.focus {
                    EditorFocus::Tags => EditorFocus::Note,
                    EditorFocus::Note => EditorFocus::Tags,
                };
                self.style_note_cursor();
                return EditorOutcome::Continue;
            }
            _ => {}
        }
        match self.focus {
            EditorFocus::Note => {
                self.note.input(key);
            }
            EditorFocus::Tags => self.tags_key(key, ctrl),
        }
        EditorOutcome::Continue
    }

    /// Text pasted (bracketed paste): into the note, or the first line into the tag filter.
    pub fn handle_paste(&mut self, text: &str) {
        if self.confirming_cancel {
            return;
        }
        match self.focus {
            EditorFocus::Note => {
                let text: String = text
                    .replace("\r\n", "\n")
                    .chars()
                    .map(|c| match c {
                        '\u{2028}' | '\u{2029}' | '\r' => '\n',
                        '\n' => '\n',
                        c => crate::sanitize::inert(c),
                    })
                    .collect();
                self.note.insert_str(text);
            }
            EditorFocus::Tags => {
                let first = text.lines().next().unwrap_or("");
                self.filter
                    .extend(first.chars().filter(|c| !c.is_control() && *c != ' '));
                self.cursor = 0;
            }
        }
    }

    fn tags_key(&mut self, key: KeyEvent, ctrl: bool) {
        let len = self.options().len();
        match key.code {
            KeyCode::Up => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Char('p') if ctrl => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Down => self.cursor = (self.cursor + 1).min(len.saturating_sub(1)),
            KeyCode::Char('n') if ctrl => {
                self.cursor = (self.cursor + 1).min(len.saturating_sub(1))
            }
            KeyCode::Enter | KeyCode::Char(' ') => self.toggle_highlighted(),
            KeyCode::Backspace => {
                self.filter.pop();
                self.cursor = 0;
            }
            KeyCode::Char(c)
                if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) && !c.is_control() =>
            {
                self.filter.push(c);
                self.cursor = 0;
            }
            _ => {}
        }
    }

    fn toggle_highlighted(&mut self) {
        let options = self.options();
        let Some(o) = options.get(self.cursor.min(options.len().saturating_sub(1))) else {
            return;
        };
        if let Some(i) = self.selected.iter().position(|s| *s == o.name) {
            self.selected.remove(i);
        } else {
            self.selected.push(o.name.clone());
        }
        // A filter has done its job once its tag is toggled.
        if !self.filter.is_empty() {
            self.filter.clear();
            self.cursor = self
                .options()
                .iter()
                .position(|x| x.name == o.name)
                .unwrap_or(0);
        }
    }

    fn style_note_cursor(&mut self) {
        // Show the note's cursor only while the note has the keys.
        let style = match self.focus {
            EditorFocus::Note => Style::new().add_modifier(Modifier::REVERSED),
            EditorFocus::Tags => Style::new(),
        };
        self.note.set_cursor_style(style);
        self.note.set_cursor_line_style(Style::new());
    }

    fn tag_color(&self, color: Option<&str>) -> Style {
        match color.and_then(|c| Color::from_str(c).ok()) {
            Some(c) if self.colors => Style::new().fg(c),
            _ => Style::new(),
        }
    }
}

/// Heights of the popup's rows, given to the most useful first so a small window still shows
/// the filter, the confirmation question, some tags and the note: quote, filter, tag list,
/// chosen tags, note (with its border) and help line.
fn rows(inner: Rect, options: usize, confirming: bool) -> [Rect; 6] {
    let mut left = inner.height;
    let mut take = |want: u16| {
        let got = want.min(left);
        left -= got;
        got
    };
    // The question must show while it is asked; otherwise help is the least important.
    let help = if confirming { take(1) } else { 0 };
    let filter = take(1);
    let list = take(1);
    let note = take(3);
    let chosen = take(1);
    let quote = take(1);
    let help = if confirming { help } else { take(1) };
    // What is left: the whole tag list first, then a taller note.
    let more_list = take(u16::try_from(options.saturating_sub(1)).unwrap_or(u16::MAX));
    let more_note = take(u16::MAX);
    let heights = [
        quote,
        filter,
        list + more_list,
        chosen,
        note + more_note,
        help,
    ];
    let mut y = inner.y;
    heights.map(|h| {
        let r = Rect::new(inner.x, y, inner.width, h);
        y += h;
        r
    })
}

/// The centred popup rectangle inside `area`.
pub fn popup_area(area: Rect) -> Rect {
    let width = area.width.min(76);
    let height = area.height.min(24);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

impl Widget for &AnnotationEditor {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let popup = popup_area(area);
        Clear.render(popup, buf);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let title = match self.focus {
            EditorFocus::Tags => " Annotate: tags ",
            EditorFocus::Note => " Annotate: note ",
        };
        let block = Block::bordered().title(title).title_style(bold);
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.width < 12 || inner.height == 0 {
            Paragraph::new("too small").render(inner, buf);
            return;
        }
        let options = self.options();
        let [quote, filter, list, chosen, note, help] =
            // Room for the whole codebook, so the popup does not jump while filtering.
            rows(
                inner,
                options.len().max(self.codebook.len() + self.used.len() + 1),
                self.confirming_cancel,
            );

        let quote_text: String = clean(&self.quote)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        Paragraph::new(Line::from(vec![
            Span::styled("“", Style::new().add_modifier(Modifier::DIM)),
            Span::styled(quote_text, Style::new().add_modifier(Modifier::ITALIC)),
            Span::styled("”", Style::new().add_modifier(Modifier::DIM)),
        ]))
        .render(quote, buf);

        let window =
            super::scroll_hint::window(options.len(), usize::from(list.height), self.cursor);
        let cut_off = if window.hints_in_list {
            None
        } else {
            window.summary()
        };
        let caret = if self.focus == EditorFocus::Tags {
            "▏"
        } else {
            ""
        };
        Paragraph::new(Line::from(vec![
            Span::styled("Tags: ", bold),
            Span::raw(clean(&self.filter).into_owned()),
            Span::raw(caret),
            Span::styled(
                match (&cut_off, self.filter.is_empty()) {
                    // A list too short for its own hints says them here.
                    (Some(more), _) => format!("  {more}"),
                    (None, true) => "  type to filter or add".to_string(),
                    (None, false) => String::new(),
                },
                Style::new().add_modifier(Modifier::DIM),
            ),
        ]))
        .render(filter, buf);

        let dim = Style::new().add_modifier(Modifier::DIM);
        let hint_line = |text: Option<String>| text.map(|t| Line::from(Span::styled(t, dim)));
        let mut lines: Vec<Line> = Vec::new();
        if window.hints_in_list {
            lines.extend(hint_line(window.up_hint()));
        }
        lines.extend(
            options
                .iter()
                .enumerate()
                .skip(window.first)
                .take(window.shown)
                .map(|(i, o)| {
                    let mark = if o.is_new {
                        "[+] "
                    } else if o.selected {
                        "[x] "
                    } else {
                        "[ ] "
                    };
                    let mut line = Line::from(vec![
                        Span::raw(mark),
                        Span::styled(
                            clean(&o.name).into_owned(),
                            self.tag_color(o.color.as_deref())
                                .add_modifier(Modifier::BOLD),
                        ),
                        Span::styled(
                            format!("  {}", clean(&o.description)),
                            Style::new().add_modifier(Modifier::DIM),
                        ),
                    ]);
                    if i == self.cursor && self.focus == EditorFocus::Tags {
                        line = line.style(Style::new().add_modifier(Modifier::REVERSED));
                    }
                    line
                }),
        );
        if window.hints_in_list {
            lines.extend(hint_line(window.down_hint()));
        }
        Paragraph::new(lines).render(list, buf);

        let chosen_text = if self.selected.is_empty() {
            "none".to_string()
        } else {
            clean(&self.selected.join(", ")).into_owned()
        };
        Paragraph::new(Line::from(vec![
            Span::styled("Chosen: ", bold),
            Span::raw(chosen_text),
        ]))
        .render(chosen, buf);

        let note_block = Block::bordered()
            .title(" Note ")
            .border_style(match self.focus {
                EditorFocus::Note => bold,
                EditorFocus::Tags => Style::new().add_modifier(Modifier::DIM),
            });
        if note.height < 3 {
            // No room for a border: the note's first line alone.
            let first = clean(&self.note()).lines().next().unwrap_or("").to_string();
            Paragraph::new(Line::from(vec![
                Span::styled("Note: ", bold),
                Span::raw(first),
            ]))
            .render(note, buf);
        } else {
            let note_inner = note_block.inner(note);
            note_block.render(note, buf);
            self.note.render(note_inner, buf);
        }

        let help_line = if self.confirming_cancel {
            Line::from(Span::styled(
                "Discard this note? y or Esc: discard · any other key: keep editing",
                bold,
            ))
        } else {
            Line::from(Span::styled(
                "Tab tags/note · Enter/Space toggle · Ctrl-s save · Esc cancel",
                Style::new().add_modifier(Modifier::DIM),
            ))
        };
        Paragraph::new(help_line).render(help, buf);
    }
}

/// Edit `text` in `$VISUAL`, else `$EDITOR`, else `vi`, and return what was saved. The caller
/// suspends the terminal around this call.
pub fn edit_externally(text: &str) -> io::Result<String> {
    let command = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|c| !c.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    edit_with(&command, text)
}

/// Edit `text` with `command` (a program and its arguments, split on spaces; the file name is
/// appended). The temporary file is made by `tempfile`: an unpredictable name, created
/// exclusively with mode 0600, removed afterwards. It ends with a newline as text files do
/// (an editor that appends would otherwise join the last line), and that one newline is
/// dropped again on the way back.
pub fn edit_with(command: &str, text: &str) -> io::Result<String> {
    use std::io::Write;
    let mut parts = command.split_whitespace();
    let program = parts
        .next()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no editor command"))?;
    let mut file = tempfile::Builder::new()
        .prefix("newslens-note-")
        .suffix(".md")
        .tempfile()?;
    file.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        file.write_all(b"\n")?;
    }
    file.as_file().sync_all()?;
    let status = std::process::Command::new(program)
        .args(parts)
        .arg(file.path())
        .status()?;
    if !status.success() {
        return Err(io::Error::other(format!(
            "the editor `{program}` exited with {status}"
        )));
    }
    // By path: editors often save by writing a new file and renaming it over this one.
    let bytes = std::fs::read(file.path())?;
    let mut s = String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "the note is not UTF-8"))?;
    if s.ends_with('\n') && !text.ends_with('\n') {
        s.pop();
        if s.ends_with('\r') {
            s.pop();
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codebook() -> Vec<CodebookTag> {
        ["claim", "evidence", "source", "bias"]
            .iter()
            .map(|n| CodebookTag {
                name: n.to_string(),
                color: "yellow".into(),
                description: format!("{n} things"),
            })
            .collect()
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(e: &mut AnnotationEditor, s: &str) {
        for c in s.chars() {
            assert_eq!(e.handle_key(key(KeyCode::Char(c))), EditorOutcome::Continue);
        }
    }

    #[test]
    fn enter_and_space_toggle_codebook_tags() {
        let mut e = AnnotationEditor::new(&codebook(), "q");
        e.handle_key(key(KeyCode::Enter));
        assert_eq!(e.tags(), ["claim"]);
        e.handle_key(key(KeyCode::Down));
        e.handle_key(key(KeyCode::Down));
        e.handle_key(key(KeyCode::Char(' ')));
        assert_eq!(e.tags(), ["claim", "source"]);
        e.handle_key(key(KeyCode::Up));
        e.handle_key(key(KeyCode::Up));
        e.handle_key(key(KeyCode::Enter));
        assert_eq!(e.tags(), ["source"]);
    }

    #[test]
    fn typing_filters_and_a_new_name_becomes_a_free_tag() {
        let mut e = AnnotationEditor::new(&codebook(), "q");
        typed(&mut e, "EV");
        let names: Vec<String> = e.options().into_iter().map(|o| o.name).collect();
        assert_eq!(
            names,
            ["evidence", "EV"],
            "match first, then the new-tag line"
        );
        e.handle_key(key(KeyCode::Enter));
        assert_eq!(e.tags(), ["evidence"]);
        assert_eq!(e.filter(), "", "filter cleared after toggling");
        typed(&mut e, "sahel-watch");
        assert!(e.options()[0].is_new);
        e.handle_key(key(KeyCode::Enter));
        assert_eq!(e.tags(), ["evidence", "sahel-watch"]);
        // The free tag is listed and can be toggled off again.
        typed(&mut e, "sahel");
        e.handle_key(key(KeyCode::Backspace));
        assert_eq!(e.filter(), "sahe");
        let o = &e.options()[0];
        assert!(o.selected && !o.is_new && o.name == "sahel-watch");
        e.handle_key(key(KeyCode::Enter));
        assert_eq!(e.tags(), ["evidence"]);
    }

    #[test]
    fn tab_moves_to_the_note_and_ctrl_s_saves_both() {
        let mut e = AnnotationEditor::new(&codebook(), "q");
        e.handle_key(key(KeyCode::Enter));
        e.handle_key(key(KeyCode::Tab));
        assert_eq!(e.focus(), EditorFocus::Note);
        typed(&mut e, "line one");
        e.handle_key(key(KeyCode::Enter));
        typed(&mut e, "two, with space");
        assert_eq!(e.tags(), ["claim"], "keys in the note do not touch tags");
        assert_eq!(
            e.handle_key(ctrl('s')),
            EditorOutcome::Save {
                tags: vec!["claim".into()],
                note: "line one\ntwo, with space".into()
            }
        );
        e.handle_key(key(KeyCode::BackTab));
        assert_eq!(e.focus(), EditorFocus::Tags);
    }

    #[test]
    fn paste_goes_to_the_focused_part() {
        let mut e = AnnotationEditor::new(&codebook(), "q");
        e.handle_paste("bi as\nsecond");
        assert_eq!(e.filter(), "bias");
        e.handle_key(key(KeyCode::Tab));
        e.handle_paste("two\r\nlines");
        assert_eq!(e.note(), "two\nlines");
    }

    #[test]
    fn esc_cancels_at_once_only_when_the_note_is_empty() {
        let mut e = AnnotationEditor::new(&codebook(), "q");
        assert_eq!(e.handle_key(key(KeyCode::Esc)), EditorOutcome::Cancel);

        let mut e = AnnotationEditor::editing(&codebook(), "q", &["claim".into()], "keep me");
        assert_eq!(e.handle_key(key(KeyCode::Esc)), EditorOutcome::Continue);
        assert!(e.is_confirming_cancel());
        assert_eq!(
            e.handle_key(key(KeyCode::Char('n'))),
            EditorOutcome::Continue
        );
        assert!(!e.is_confirming_cancel());
        assert_eq!(e.filter(), "", "the answer is not typed into the filter");
        e.handle_key(key(KeyCode::Esc));
        assert_eq!(e.handle_key(key(KeyCode::Char('y'))), EditorOutcome::Cancel);
        e.handle_key(key(KeyCode::Esc));
        assert_eq!(e.handle_key(key(KeyCode::Esc)), EditorOutcome::Cancel);
    }

    #[test]
    fn renders_centred_and_never_panics_at_any_size() {
        let mut e =
            AnnotationEditor::editing(&codebook(), "a \u{1b}[31mquote", &["x".into()], "note");
        typed(&mut e, "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz");
        for w in 0..50u16 {
            for h in 0..30u16 {
                let area = Rect::new(0, 0, w, h);
                let mut buf = Buffer::empty(area);
                (&e).render(area, &mut buf);
            }
        }
        let e = AnnotationEditor::new(&codebook(), "the port deal");
        let area = Rect::new(0, 0, 100, 30);
        let mut buf = Buffer::empty(area);
        (&e).render(area, &mut buf);
        let text: String = (0..30)
            .map(|y| {
                (0..100)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    + "\n"
            })
            .collect();
        assert!(text.contains("Annotate: tags"), "{text}");
        assert!(text.contains("[ ] claim"), "{text}");
        assert!(text.contains("the port deal"), "{text}");
        assert!(text.contains("Ctrl-s save"), "{text}");
        // Centred: the popup (76 wide) starts at column 12.
        assert_eq!(buf[(12, 3)].symbol(), "┌");
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn external_editor_round_trip() {
        let out = edit_with("sed -i s/old/new/", "an old note").unwrap();
        assert_eq!(out, "an new note");
        assert!(edit_with("false", "x").is_err());
        assert!(edit_with("   ", "x").is_err());
    }

    #[test]
    fn hostile_note_is_shown_inert() {
        let mut editor = AnnotationEditor::new(&codebook(), "q");
        editor.set_note("a\u{1b}]0;PWNED\u{7}\u{2028}b\u{2029}c\u{202e}d");
        assert_eq!(editor.note(), "a␛]0;PWNED␇\nb\nc\u{FFFD}d");
    }

    #[cfg(unix)]
    #[test]
    fn external_editor_file_ends_with_newline_and_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("append.sh");
        let seen = dir.path().join("seen");
        // An editor that appends a line and records the file's mode and name.
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nstat -c '%a %n' \"$1\" > '{}'\nprintf 'appended\\n' >> \"$1\"\n",
                seen.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let out = edit_with(&script.display().to_string(), "line1\nline2").unwrap();
        assert_eq!(out, "line1\nline2\nappended");
        let seen = std::fs::read_to_string(seen).unwrap();
        let (mode, name) = seen.trim().split_once(' ').unwrap();
        assert_eq!(mode, "600");
        let pid_name = format!("newslens-note-{}-", std::process::id());
        assert!(!name.contains(&pid_name), "predictable name {name}");
        assert!(
            !std::path::Path::new(name).exists(),
            "temp file left behind"
        );
    }
}
