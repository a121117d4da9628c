//! Wrapping an article body into screen lines that remember which bytes of the body they show.
//!
//! Every visual line is a byte range of the body, so highlights, search hits and annotations
//! (all byte spans) map onto the screen exactly. Lines break at whitespace when they can and
//! between grapheme clusters when a word is longer than the width; a cluster is never split
//! and a wide character never starts in a column where it would be cut. Widths are those of
//! the sanitised display form ([`crate::sanitize::display_grapheme`]), which is also what
//! the renderer prints.
//!
//! Sections whose title the analysis generated get a header line of their own above them;
//! header lines hold no body bytes, so they never shift offsets.

use crate::corpus::Span;
use crate::sanitize::display_grapheme;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What a visual line shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A generated title above section `n` (no body bytes; `start == end == section start`).
    Header(usize),
    /// Body text `start..end` (without the newline).
    Body,
    /// Body text of a Markdown heading line (`## ...`).
    Heading,
}

/// One screen line of the text view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VisualLine {
    pub kind: LineKind,
    pub start: usize,
    pub end: usize,
}

impl VisualLine {
    pub fn is_header(&self) -> bool {
        matches!(self.kind, LineKind::Header(_))
    }
}

/// Where the reader is: the top line's body offset, and whether that line is the first body
/// line of a section rather than the header above it (both start at the same offset).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub offset: usize,
    pub past_header: bool,
}

/// An article wrapped at one width.
#[derive(Clone, Debug, Default)]
pub struct Wrapped {
    pub width: usize,
    pub lines: Vec<VisualLine>,
}

/// Display width of one grapheme as the reader prints it.
pub fn grapheme_width(g: &str) -> usize {
    display_grapheme(g).width()
}

impl Wrapped {
    /// Wrap `body` at `width` columns. `headers[i]` says whether section `i` (spanning
    /// `sections[i]`) gets a header line.
    pub fn new(body: &str, sections: &[Span], headers: &[bool], width: usize) -> Wrapped {
        let width = width.max(1);
        let mut lines = Vec::new();
        let mut next_section = 0;
        let mut line_start = 0;
        for raw in body.split('\n') {
            let ls = line_start;
            let le = ls + raw.len();
            line_start = le + 1;
            // Header lines for every section starting within this logical line's start.
            while next_section < sections.len() && sections[next_section].start <= ls {
                if headers.get(next_section).copied().unwrap_or(false) {
                    // A section that starts inside a line gets its header at the next line
                    // start, so line starts stay in order.
                    let at = ls;
                    lines.push(VisualLine {
                        kind: LineKind::Header(next_section),
                        start: at,
                        end: at,
                    });
                }
                next_section += 1;
            }
            let kind = if raw.trim_start().starts_with('#') {
                LineKind::Heading
            } else {
                LineKind::Body
            };
            wrap_line(raw, ls, width, kind, &mut lines);
        }
        Wrapped { width, lines }
    }

    /// The line showing byte `offset` (for offsets between lines, the line before).
    pub fn line_containing(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.start <= offset)
            .saturating_sub(1)
    }

    /// The line index of a reading position.
    pub fn index_of(&self, pos: Position) -> usize {
        let mut idx = self.line_containing(pos.offset);
        if !pos.past_header {
            while idx > 0
                && self.lines[idx - 1].is_header()
                && self.lines[idx - 1].start == self.lines[idx].start
                && self.lines[idx].start == pos.offset
            {
                idx -= 1;
            }
        }
        idx
    }

    /// The reading position whose top line is `idx`.
    pub fn position_of(&self, idx: usize) -> Position {
        match self.lines.get(idx) {
            Some(l) => Position {
                offset: l.start,
                past_header: !l.is_header(),
            },
            None => Position::default(),
        }
    }
}

fn is_break(g: &str) -> bool {
    g == " " || g == "\t"
}

/// Chinese, Japanese and Korean text has no spaces between words: a line may break before
/// or after any of its characters, so a Latin word after it moves to the next line whole
/// instead of being cut ("対立している。Japa" / "n").
fn is_cjk(g: &str) -> bool {
    g.chars().next().is_some_and(|c| {
        matches!(c,
            '\u{2e80}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}'
            | '\u{ff00}'..='\u{ffef}' | '\u{20000}'..='\u{3ffff}')
    })
}

/// CJK punctuation that must not begin a line (closing marks, full stops, commas).
fn no_break_before(g: &str) -> bool {
    g.chars().next().is_some_and(|c| {
        matches!(
            c,
            '\u{3001}'
                | '\u{3002}'
                | '\u{300d}'
                | '\u{300f}'
                | '\u{3011}'
                | '\u{ff01}'
                | '\u{ff09}'
                | '\u{ff0c}'
                | '\u{ff0e}'
                | '\u{ff1a}'
                | '\u{ff1b}'
                | '\u{ff1f}'
                | '\u{30fc}'
        )
    })
}

/// Wrap one logical line `text` (starting at body offset `base`) into `out`.
fn wrap_line(text: &str, base: usize, width: usize, kind: LineKind, out: &mut Vec<VisualLine>) {
    let mut push = |s: usize, e: usize| {
        out.push(VisualLine {
            kind,
            start: base + s,
            end: base + e,
        })
    };
    if text.is_empty() {
        push(0, 0);
        return;
    }
    let mut start = 0;
    let mut col = 0;
    // The last break opportunity on this line: byte after the whitespace, column there.
    let mut brk: Option<(usize, usize)> = None;
    let mut after_cjk = false;
    for (o, g) in text.grapheme_indices(true) {
        let cjk = is_cjk(g);
        // Between CJK characters, and where CJK text meets other text, a line may break.
        if (cjk || after_cjk) && o > start && !no_break_before(g) && !is_break(g) {
            brk = Some((o, col));
        }
        after_cjk = cjk;
        // A carriage return before the newline is part of the line ending: invisible.
        let w = if g == "\r" && o + 1 == text.len() {
            0
        } else {
            grapheme_width(g)
        };
        if col + w > width && col > 0 {
            if is_break(g) {
                // Overflowing whitespace ends the line; the renderer clips it.
                push(start, o + g.len());
                start = o + g.len();
                col = 0;
                brk = None;
                continue;
            }
            match brk {
                Some((b, bcol)) if b > start => {
                    push(start, b);
                    start = b;
                    col -= bcol;
                }
                _ => {}
            }
            brk = None;
            // The word since the break may itself be too long: break it before `g`.
            if col + w > width && col > 0 {
                push(start, o);
                start = o;
                col = 0;
            }
        }
        col += w;
        if is_break(g) {
            brk = Some((o + g.len(), col));
        }
    }
    // Empty only when overflowing whitespace already ended the last line.
    if start < text.len() {
        push(start, text.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(body: &'a str, w: &Wrapped) -> Vec<&'a str> {
        w.lines.iter().map(|l| &body[l.start..l.end]).collect()
    }

    fn one(body: &str, width: usize) -> Wrapped {
        Wrapped::new(body, &[Span::new(0, body.len())], &[false], width)
    }

    #[test]
    fn latin_word_after_cjk_text_is_not_split() {
        let body = "日本と中国は対立している。Japan and China";
        let w = one(body, 30);
        let lines = texts(body, &w);
        assert!(lines.iter().all(|l| !l.ends_with("Japa")), "{lines:?}");
        assert!(lines.iter().any(|l| l.starts_with("Japan")), "{lines:?}");
        // CJK itself breaks between characters, never before a full stop.
        let w = one(body, 12);
        let lines = texts(body, &w);
        assert!(lines.iter().all(|l| !l.starts_with('。')), "{lines:?}");
        assert!(w.lines.iter().all(|l| {
            body[l.start..l.end]
                .graphemes(true)
                .map(grapheme_width)
                .sum::<usize>()
                <= 12
        }));
    }

    #[test]
    fn words_wrap_at_spaces_and_ranges_cover_the_text() {
        let body = "The minister met the envoy in Lomé.\n\nThen he left.";
        let w = one(body, 12);
        assert_eq!(
            texts(body, &w),
            [
                "The minister ",
                "met the ",
                "envoy in ",
                "Lomé.",
                "",
                "Then he ",
                "left."
            ]
        );
        for l in &w.lines {
            let shown: usize = body[l.start..l.end]
                .trim_end()
                .graphemes(true)
                .map(grapheme_width)
                .sum();
            assert!(shown <= 12);
        }
    }

    #[test]
    fn long_words_break_between_graphemes_and_wide_chars_are_never_cut() {
        let body = "中华人民共和国外交部发言人👩‍👩‍👧 said";
        for width in 1..12 {
            let w = one(body, width);
            let mut end = 0;
            for l in &w.lines {
                assert_eq!(l.start, end.max(l.start));
                assert!(body.is_char_boundary(l.start) && body.is_char_boundary(l.end));
                let cols: usize = body[l.start..l.end]
                    .trim_end()
                    .graphemes(true)
                    .map(grapheme_width)
                    .sum();
                // A lone wide char in a 1-column view is the only overflow allowed.
                assert!(
                    cols <= width.max(2),
                    "width {width}: {:?}",
                    &body[l.start..l.end]
                );
                end = l.end;
            }
            assert_eq!(end, body.len());
            // The family emoji is one cluster on one line.
            assert!(w.lines.iter().any(|l| body[l.start..l.end].contains("👩‍👩‍👧")));
        }
    }

    #[test]
    fn headers_sit_above_their_sections_without_body_bytes() {
        let body = "First part.\nSecond part.";
        let sections = [Span::new(0, 12), Span::new(12, body.len())];
        let w = Wrapped::new(body, &sections, &[true, true], 40);
        let kinds: Vec<LineKind> = w.lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                LineKind::Header(0),
                LineKind::Body,
                LineKind::Header(1),
                LineKind::Body
            ]
        );
        assert_eq!((w.lines[2].start, w.lines[2].end), (12, 12));
        // Position at a section start shows its header; past it, the body line.
        let at = Position {
            offset: 12,
            past_header: false,
        };
        assert_eq!(w.index_of(at), 2);
        assert_eq!(
            w.index_of(Position {
                past_header: true,
                ..at
            }),
            3
        );
        assert_eq!(
            w.position_of(3),
            Position {
                offset: 12,
                past_header: true
            }
        );
        assert_eq!(w.line_containing(15), 3);
    }

    #[test]
    fn control_characters_count_as_their_placeholders() {
        let body = "a\u{1b}[2Jb\tc\r";
        let w = one(body, 80);
        assert_eq!(w.lines.len(), 1);
        assert_eq!(w.lines[0].end, body.len());
    }
}
