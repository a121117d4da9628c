//! One article file to an [`Article`]: read it, take its front matter, find its title and
//! split its body into sections, collecting every problem on the way.

use super::frontmatter;
use super::read;
use super::scan::ArticleFile;
use super::sections;
use super::{Article, Format, LoadOptions, Problem, Severity};

/// Longest title taken from the text (a heading or the first line), in characters.
const MAX_TITLE_CHARS: usize = 120;

/// Load one file. `None` when it cannot be used; the problems say why.
pub fn load_file(file: &ArticleFile, options: &LoadOptions) -> (Option<Article>, Vec<Problem>) {
    let mut problems = Vec::new();
    let problem = |line: Option<usize>, severity, message: String| Problem {
        path: file.path.clone(),
        line,
        severity,
        message,
    };
    let text = match read::read_text(&file.path, options.max_file_bytes) {
        Ok(t) => t,
        Err(e) => {
            problems.push(problem(e.line, Severity::Error, e.message));
            return (None, problems);
        }
    };
    if is_blank(&text) {
        problems.push(problem(None, Severity::Error, "empty article".into()));
        return (None, problems);
    }
    // A UTF-8 byte order mark is not text: the body and the `+++` test start after it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let front = match frontmatter::parse(text) {
        Ok(f) => f,
        Err(f) => {
            problems.push(problem(Some(f.line), f.severity, f.message));
            return (None, problems);
        }
    };
    for f in &front.findings {
        problems.push(problem(Some(f.line), f.severity, f.message.clone()));
    }
    let body = &text[front.body_start..];
    if is_blank(body) {
        // Point at the closing `+++`: the line after it may not exist.
        problems.push(problem(
            Some(front.body_line.saturating_sub(1).max(1)),
            Severity::Error,
            "front matter only: the article has no text after the closing `+++`".into(),
        ));
        return (None, problems);
    }
    let title = title(front.meta.title.as_deref(), body, file.format);
    let sections = sections::split(body, file.format);
    let article = Article {
        id: file.id.clone(),
        path: file.path.clone(),
        root: file.root.clone(),
        format: file.format,
        meta: front.meta,
        title,
        body: body.to_string(),
        sections,
    };
    (Some(article), problems)
}

fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c == '\u{feff}')
}

/// Front matter title, else the first `# ` heading (Markdown), else the first non-empty line
/// with its Markdown markers stripped, shortened at a word to [`MAX_TITLE_CHARS`].
pub fn title(meta_title: Option<&str>, body: &str, format: Format) -> String {
    if let Some(t) = meta_title.map(str::trim).filter(|t| !t.is_empty()) {
        return t.to_string();
    }
    if format == Format::Markdown
        && let Some(h) = sections::first_title_heading(body)
    {
        return shorten(
            &plain_inline(prefix(h, MAX_TITLE_CHARS * 8)),
            MAX_TITLE_CHARS,
        );
    }
    let first = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    // Only the start of a line can become a title; cleaning a huge one-line file whole
    // would be wasted work.
    let first = prefix(first, MAX_TITLE_CHARS * 8);
    let line = if format == Format::Markdown {
        plain_inline(strip_block_markers(first))
    } else {
        first.to_string()
    };
    shorten(&line, MAX_TITLE_CHARS)
}

/// Drop the markers that open a Markdown line: headings, quotes, list bullets and numbers.
fn strip_block_markers(line: &str) -> &str {
    let mut s = line.trim();
    loop {
        let before = s;
        s = s.trim_start_matches('#').trim_start();
        s = s.strip_prefix('>').unwrap_or(s).trim_start();
        for bullet in ["- ", "* ", "+ "] {
            s = s.strip_prefix(bullet).unwrap_or(s).trim_start();
        }
        let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && s[digits..].starts_with([')', '.']) && s[digits + 1..].starts_with(' ') {
            s = s[digits + 1..].trim_start();
        }
        if s == before {
            return s;
        }
    }
}

/// Inline Markdown to plain text: emphasis markers and code ticks dropped, `[text](url)`
/// kept as `text`.
fn plain_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match c {
            '*' | '`' => rest = &rest[1..],
            // `_` marks emphasis only at word edges; `snake_case` keeps it.
            '_' if out.is_empty()
                || out.ends_with(char::is_whitespace)
                || rest[1..]
                    .chars()
                    .next()
                    .is_none_or(|n| !n.is_alphanumeric()) =>
            {
                rest = &rest[1..];
            }
            '[' => {
                if let Some(close) = rest.find("](")
                    && let Some(end) = rest[close..].find(')')
                {
                    out.push_str(&rest[1..close]);
                    rest = &rest[close + end + 1..];
                } else {
                    out.push('[');
                    rest = &rest[1..];
                }
            }
            _ => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max` bytes of `text`, backed off to a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// At most `max` characters, cut at a word when one ends in the second half, with `…`.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    let head = match head.rfind(char::is_whitespace) {
        Some(i) if head[..i].chars().count() > max / 2 => &head[..i],
        _ => head,
    };
    format!(
        "{}…",
        head.trim_end_matches(|c: char| c.is_whitespace() || c == ',')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_order() {
        let body = "Lead line\n\n# Heading Title\n";
        assert_eq!(title(Some(" Meta "), body, Format::Markdown), "Meta");
        assert_eq!(title(Some("  "), body, Format::Markdown), "Heading Title");
        assert_eq!(title(None, body, Format::PlainText), "Lead line");
    }

    #[test]
    fn first_line_title_loses_markdown_markers() {
        let body = "\n> **Breaking:** [Togo](https://x.org) votes_today\n";
        assert_eq!(
            title(None, body, Format::Markdown),
            "Breaking: Togo votes_today"
        );
        assert_eq!(
            title(None, "1. First point\n", Format::Markdown),
            "First point"
        );
    }

    #[test]
    fn long_first_lines_are_shortened_at_a_word() {
        let body = "word ".repeat(100);
        let t = title(None, &body, Format::PlainText);
        assert!(t.chars().count() <= MAX_TITLE_CHARS + 1, "{t}");
        assert!(t.ends_with("word…"), "{t}");
    }
}
