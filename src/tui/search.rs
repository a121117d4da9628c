//! Search in an article body: every match of a regular expression as byte spans, smart case
//! (case-insensitive unless the pattern has a capital letter outside an escape), and the
//! prompt's history of earlier patterns.
//!
//! The `regex` crate matches in linear time, so no pattern typed (or pasted) can hang the
//! reader; an invalid pattern is reported in one line saying what is wrong and where.

use crate::corpus::Span;
use regex::RegexBuilder;

/// Past this many bytes of compiled program a pattern is refused rather than built.
const SIZE_LIMIT: usize = 1 << 22;

/// Whether `pattern` asks for an exact-case search: it has an upper-case letter that is not
/// an escape's letter (`\S`, `\W`, `\D`, `\B`, `\A`, `\P{..}` and `\p{Lu}` keep smart case).
pub fn is_case_sensitive(pattern: &str) -> bool {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            // A class name after \p / \P: skip `{...}` or the one letter.
            if let Some('p' | 'P') = chars.next() {
                let mut rest = chars.clone();
                if rest.next() == Some('{') {
                    for c in rest.by_ref() {
                        if c == '}' {
                            break;
                        }
                    }
                    chars = rest;
                } else {
                    chars.next();
                }
            }
            continue;
        }
        if c.is_uppercase() {
            return true;
        }
    }
    false
}

/// Non-overlapping, non-empty matches of the regular expression `pattern` in `body`, in
/// order; an empty pattern finds nothing. `Err` is one line saying what is wrong.
pub fn find_all(body: &str, pattern: &str) -> Result<Vec<Span>, String> {
    if pattern.is_empty() {
        return Ok(Vec::new());
    }
    let re = RegexBuilder::new(pattern)
        .case_insensitive(!is_case_sensitive(pattern))
        .size_limit(SIZE_LIMIT)
        .build()
        .map_err(|e| describe_error(&e))?;
    Ok(re
        .find_iter(body)
        .filter(|m| !m.is_empty())
        .map(|m| Span::new(m.start(), m.end()))
        .collect())
}

/// The `regex` error (several lines with a caret under the pattern) as one sentence:
/// `invalid pattern: unclosed group (at column 1)`.
fn describe_error(e: &regex::Error) -> String {
    match e {
        regex::Error::Syntax(text) => {
            let lines: Vec<&str> = text.lines().collect();
            let what = lines
                .iter()
                .rev()
                .find_map(|l| l.strip_prefix("error: "))
                .unwrap_or("unreadable pattern");
            // The caret line marks where: its column under the pattern line above it.
            let column = lines.iter().position(|l| l.trim_start().starts_with('^'));
            match column {
                Some(i) if i > 0 => {
                    let caret = lines[i].find('^').unwrap_or(0);
                    let indent = lines[i - 1].len() - lines[i - 1].trim_start().len();
                    format!(
                        "invalid pattern: {what} (at column {})",
                        caret.saturating_sub(indent) + 1
                    )
                }
                _ => format!("invalid pattern: {what}"),
            }
        }
        regex::Error::CompiledTooBig(_) => "invalid pattern: it is too large to search with".into(),
        other => format!("invalid pattern: {other}"),
    }
}

/// `text` as a pattern matching itself literally.
pub fn literal(text: &str) -> String {
    regex::escape(text)
}

/// Earlier search patterns, oldest first, and where Up/Down are in them while the prompt
/// is open.
#[derive(Clone, Debug, Default)]
pub struct History {
    patterns: Vec<String>,
    /// Index into `patterns` being shown; `None` while the reader types their own.
    at: Option<usize>,
    /// What was typed before Up was first pressed, given back by Down past the newest.
    draft: String,
}

/// How many patterns the history keeps.
const HISTORY_LEN: usize = 100;

impl History {
    /// Remember a confirmed pattern (once: an earlier copy moves to the newest place).
    pub fn push(&mut self, pattern: &str) {
        self.at = None;
        if pattern.is_empty() {
            return;
        }
        self.patterns.retain(|p| p != pattern);
        self.patterns.push(pattern.to_string());
        if self.patterns.len() > HISTORY_LEN {
            self.patterns.remove(0);
        }
    }

    /// The prompt opened: Up starts from the newest again.
    pub fn reset(&mut self) {
        self.at = None;
    }

    /// Up: the next older pattern, `None` when there is none (the prompt keeps its text).
    pub fn older(&mut self, typed: &str) -> Option<&str> {
        let next = match self.at {
            None => {
                self.draft = typed.to_string();
                self.patterns.len().checked_sub(1)?
            }
            Some(0) => return None,
            Some(i) => i - 1,
        };
        self.at = Some(next);
        self.patterns.get(next).map(String::as_str)
    }

    /// Down: the next newer pattern, or what was typed before Up past the newest.
    pub fn newer(&mut self) -> Option<&str> {
        let i = self.at?;
        if i + 1 < self.patterns.len() {
            self.at = Some(i + 1);
            self.patterns.get(i + 1).map(String::as_str)
        } else {
            self.at = None;
            Some(&self.draft)
        }
    }

    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case() {
        let body = "Russia and russia and RUSSIA";
        assert_eq!(find_all(body, "russia").unwrap().len(), 3);
        assert_eq!(find_all(body, "Russia").unwrap(), [Span::new(0, 6)]);
        assert!(find_all(body, "").unwrap().is_empty());
        // Escapes with capitals do not make the search exact-case.
        assert!(!is_case_sensitive(r"\Srussia\b\p{Lu}\P{L}"));
        assert!(is_case_sensitive(r"\p{Lu}Russia"));
        assert_eq!(find_all(body, r"\bRUSSIA\b").unwrap(), [Span::new(22, 28)]);
        assert_eq!(find_all(body, r"\brussia\W").unwrap().len(), 2);
    }

    #[test]
    fn regular_expressions_and_their_errors() {
        let body = "Togo, Ghana and Benin; Togo again.";
        assert_eq!(find_all(body, "togo|benin").unwrap().len(), 3);
        assert_eq!(find_all(body, r"[A-Z]\w+ and").unwrap(), [Span::new(6, 15)]);
        // Empty matches are no hits and never loop.
        assert!(find_all(body, "x*").unwrap().is_empty());
        let err = find_all(body, "(togo").unwrap_err();
        assert!(err.starts_with("invalid pattern: unclosed group"), "{err}");
        assert!(!err.contains('\n'), "{err}");
        let err = find_all(body, "to[go").unwrap_err();
        assert!(err.contains("unclosed character class"), "{err}");
        assert!(err.contains("column 3"), "{err}");
    }

    #[test]
    fn folding_keeps_char_boundaries() {
        let body = "ÉTAT, état, İstanbul";
        let hits = find_all(body, "état").unwrap();
        assert_eq!(hits.len(), 2);
        for h in &hits {
            assert!(body.is_char_boundary(h.start) && body.is_char_boundary(h.end));
            assert_eq!(h.text(body).to_lowercase(), "état");
        }
        let _ = find_all(body, "i");
        assert_eq!(find_all("a.b axb", &literal("a.b")).unwrap().len(), 1);
    }

    #[test]
    fn history_goes_back_and_forth_and_returns_the_draft() {
        let mut h = History::default();
        assert_eq!(h.older("x"), None);
        h.push("france");
        h.push("russia");
        h.push("france");
        assert_eq!(h.patterns(), ["russia", "france"]);
        assert_eq!(h.older("dra"), Some("france"));
        assert_eq!(h.older("ignored"), Some("russia"));
        assert_eq!(h.older("ignored"), None);
        assert_eq!(h.newer(), Some("france"));
        assert_eq!(h.newer(), Some("dra"));
        assert_eq!(h.newer(), None);
    }
}
