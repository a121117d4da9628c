//! Sections: split an article body into contiguous parts at Markdown headings (`##` and
//! deeper, plus any `#` heading after the title), and split heading-less stretches by topic
//! (see [`super::topics`]).
//!
//! The result always partitions the body: the first section starts at 0, each starts where
//! the previous ends, the last ends at `body.len()`, and none is empty (the one exception is
//! an empty body, which gets a single empty section so there is always a section 0).

use super::topics;
use super::{Format, Section, Span};

/// A line of the body: `start..end`, without its line break.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
}

/// The lines of `text[range]` with absolute offsets.
pub(crate) fn lines(text: &str, range: Span) -> impl Iterator<Item = Line> + '_ {
    let mut at = range.start;
    std::iter::from_fn(move || {
        if at >= range.end {
            return None;
        }
        let start = at;
        let (end, next) = match text[start..range.end].find('\n') {
            Some(i) => (start + i, start + i + 1),
            None => (range.end, range.end),
        };
        at = next;
        // The `\r` of a CRLF line break is not part of the line's text.
        let end = if text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        Some(Line { start, end })
    })
}

/// True when the line holds nothing but white space.
pub(crate) fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// An ATX heading: its level (1-6) and text without the `#` markers.
pub fn heading(line: &str) -> Option<(usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let level = rest.len() - rest.trim_start_matches('#').len();
    if !(1..=6).contains(&level) {
        return None;
    }
    let after = &rest[level..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let text = after.trim();
    // A closing run of `#` counts only when white space separates it from the text.
    let without_closing = text.trim_end_matches('#');
    let text = if without_closing.is_empty() {
        ""
    } else if without_closing.ends_with([' ', '\t']) {
        without_closing.trim_end()
    } else {
        text
    };
    Some((level, text))
}

/// Tracks fenced code blocks (```` ``` ```` or `~~~`), inside which nothing is a heading.
#[derive(Default)]
pub(crate) struct Fences {
    open: Option<(char, usize)>,
}

impl Fences {
    /// Feed one line; true when the line is inside a fenced block or is one of its fences.
    pub fn code(&mut self, line: &str) -> bool {
        let trimmed = line.trim_start_matches(' ');
        let fence = if line.len() - trimmed.len() <= 3 {
            ['`', '~'].into_iter().find_map(|c| {
                let n = trimmed.len() - trimmed.trim_start_matches(c).len();
                (n >= 3).then_some((c, n))
            })
        } else {
            None
        };
        match (self.open, fence) {
            (None, Some(f)) => {
                self.open = Some(f);
                true
            }
            (Some((c, n)), Some((fc, fn_)))
                if c == fc && fn_ >= n && trimmed[fn_..].trim().is_empty() =>
            {
                self.open = None;
                true
            }
            (open, _) => open.is_some(),
        }
    }
}

/// A heading that starts a section.
struct Start {
    offset: usize,
    text: String,
}

/// The first `# ` heading outside code blocks, if any: the article's title heading.
pub fn first_title_heading(body: &str) -> Option<&str> {
    let mut fences = Fences::default();
    for line in lines(body, Span::new(0, body.len())) {
        let text = &body[line.start..line.end];
        if fences.code(text) {
            continue;
        }
        if let Some((1, h)) = heading(text)
            && !h.is_empty()
        {
            return Some(h);
        }
    }
    None
}

/// Split `body` into sections (see the module documentation).
pub fn split(body: &str, format: Format) -> Vec<Section> {
    if body.is_empty() {
        return vec![Section {
            span: Span::new(0, 0),
            heading: None,
        }];
    }
    let markdown = format == Format::Markdown;
    let whole = Span::new(0, body.len());
    let mut starts: Vec<Start> = Vec::new();
    // Whether anything but blank lines and the title heading comes before the first start.
    let mut lead_has_text = false;
    let mut seen_text = false;
    if markdown {
        let mut fences = Fences::default();
        for line in lines(body, whole) {
            let text = &body[line.start..line.end];
            let in_code = fences.code(text);
            let found = if in_code { None } else { heading(text) };
            match found {
                // A `#` heading with nothing but blank lines before it is the title heading:
                // it belongs to the first section instead of starting one.
                Some((1, _)) if !seen_text => {}
                Some((_, h)) => starts.push(Start {
                    offset: line.start,
                    text: h.to_string(),
                }),
                None if is_blank(text) => continue,
                None => {
                    if starts.is_empty() {
                        lead_has_text = true;
                    }
                }
            }
            seen_text = true;
        }
    }
    let mut sections = Vec::new();
    let first_heading = starts.first().map_or(body.len(), |s| s.offset);
    if starts.is_empty() || lead_has_text {
        for span in topics::split(body, Span::new(0, first_heading), markdown) {
            sections.push(Section {
                span,
                heading: None,
            });
        }
    }
    for (i, start) in starts.iter().enumerate() {
        let begin = if sections.is_empty() { 0 } else { start.offset };
        let end = starts.get(i + 1).map_or(body.len(), |s| s.offset);
        sections.push(Section {
            span: Span::new(begin, end),
            heading: (!start.text.is_empty()).then(|| start.text.clone()),
        });
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_partition(body: &str, sections: &[Section]) {
        assert!(!sections.is_empty());
        assert_eq!(sections[0].span.start, 0);
        assert_eq!(sections.last().map(|s| s.span.end), Some(body.len()));
        for pair in sections.windows(2) {
            assert_eq!(pair[0].span.end, pair[1].span.start);
        }
        for s in sections {
            assert!(!s.span.is_empty(), "{sections:?}");
        }
    }

    #[test]
    fn headings_parse() {
        assert_eq!(heading("## Trade ##"), Some((2, "Trade")));
        assert_eq!(heading("   ### C#"), Some((3, "C#")));
        assert_eq!(heading("#hashtag"), None);
        assert_eq!(heading("    ## indented code"), None);
        assert_eq!(heading("####### seven"), None);
        assert_eq!(heading("##"), Some((2, "")));
    }

    #[test]
    fn title_heading_joins_the_first_heading_section() {
        let body = "# Title\n\n## One\nText one.\n\n## Two\nText two.\n";
        let s = split(body, Format::Markdown);
        check_partition(body, &s);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].heading.as_deref(), Some("One"));
        assert_eq!(s[0].span.start, 0);
        assert_eq!(s[1].span.text(body), "## Two\nText two.\n");
    }

    #[test]
    fn lead_text_is_its_own_section() {
        let body = "# Title\nA lead paragraph.\n\n## One\nText.\n";
        let s = split(body, Format::Markdown);
        check_partition(body, &s);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].heading, None);
        assert_eq!(s[0].span.text(body), "# Title\nA lead paragraph.\n\n");
        assert_eq!(s[1].heading.as_deref(), Some("One"));
    }

    #[test]
    fn headings_inside_code_fences_do_not_count() {
        let body = "## Real\n```\n## not a heading\n```\n~~~~\n## nor this\n~~~\n## still code\n~~~~\n## Next\nx\n";
        let s = split(body, Format::Markdown);
        check_partition(body, &s);
        let headings: Vec<_> = s.iter().map(|s| s.heading.as_deref()).collect();
        assert_eq!(headings, [Some("Real"), Some("Next")]);
    }

    #[test]
    fn a_later_level_one_heading_starts_a_section() {
        let body = "# Title\n\nIntro.\n\n# Part two\nMore.\n";
        let s = split(body, Format::Markdown);
        check_partition(body, &s);
        assert_eq!(
            s.last().and_then(|s| s.heading.as_deref()),
            Some("Part two")
        );
    }

    #[test]
    fn plain_text_has_no_headings() {
        let body = "## Not a heading\nJust text.\n";
        let s = split(body, Format::PlainText);
        check_partition(body, &s);
        assert!(s.iter().all(|s| s.heading.is_none()));
    }

    #[test]
    fn crlf_headings() {
        let body = "## One\r\nText.\r\n## Two\r\nMore.\r\n";
        let s = split(body, Format::Markdown);
        check_partition(body, &s);
        assert_eq!(s[0].heading.as_deref(), Some("One"));
        assert_eq!(s[1].heading.as_deref(), Some("Two"));
    }
}
