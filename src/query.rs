//! The query language shared by the article list, the corpus views and `newslens search`.
//!
//! A query is terms separated by spaces, all of which must hold (AND):
//!
//! | term | matches articles |
//! |---|---|
//! | `word`, `"two words"`, `guter*` | whose title or body has the word, phrase or prefix (ranked, BM25) |
//! | `actor:guterres`, `actor:"António Guterres"` | naming that corpus actor (any of its names) |
//! | `kind:person` | naming an actor of that kind |
//! | `theme:energy` | with that theme (id or words of its label) |
//! | `tension:russia/west`, `tension:protest` | with a tension between those sides (either order), or of that id, label or side |
//! | `tag:evidence` | with an annotation (or front matter) tag |
//! | `note:ceasefire` | with an annotation whose note has these words |
//! | `source:reuters` | whose source has these words |
//! | `date:2025-01..2025-06`, `date:2025`, `date:..2024-12-31` | dated in that range (bounds included) |
//!
//! `-` before a term negates it. Parsing is pure; errors say where and what was expected.

use std::fmt;

/// A parsed query: every term must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub negated: bool,
    pub kind: TermKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TermKind {
    /// A word, a phrase (several words, quoted) or a prefix (ending in `*`).
    Words(String),
    Actor(String),
    /// One of [`ACTOR_KINDS`].
    Kind(String),
    Theme(String),
    /// One side, or two (`a/b`).
    Tension(String, Option<String>),
    Tag(String),
    Note(String),
    Source(String),
    Date(DateRange),
}

/// Inclusive bounds, each `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; at least one is set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<String>,
    pub to: Option<String>,
}

pub const FIELDS: [&str; 9] = [
    "actor", "kind", "theme", "tension", "tag", "note", "source", "date", "",
];

pub const ACTOR_KINDS: [&str; 6] = [
    "person",
    "organization",
    "country",
    "place",
    "region",
    "group",
];

/// What is wrong with a query and where (a byte offset into it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    pub at: usize,
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.at + 1)
    }
}

impl std::error::Error for QueryError {}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The free-text terms that must hold (for ranking and snippets).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().filter_map(|t| match &t.kind {
            TermKind::Words(w) if !t.negated => Some(w.as_str()),
            _ => None,
        })
    }
}

/// Parse a query. The empty query (or only spaces) matches every article.
pub fn parse(input: &str) -> Result<Query, QueryError> {
    let mut terms = Vec::new();
    let mut rest = input;
    loop {
        let trimmed = rest.trim_start();
        let at = input.len() - trimmed.len();
        if trimmed.is_empty() {
            break;
        }
        let (term, used) = parse_term(trimmed, at)?;
        terms.push(term);
        rest = &trimmed[used..];
    }
    Ok(Query { terms })
}

fn err(at: usize, message: impl Into<String>) -> QueryError {
    QueryError {
        at,
        message: message.into(),
    }
}

/// One term at the start of `s` (which is at `at` in the whole query); returns it and the
/// bytes it used.
fn parse_term(s: &str, at: usize) -> Result<(Term, usize), QueryError> {
    let (negated, body, off) = match s.strip_prefix('-') {
        Some(r) => (true, r, 1),
        None => (false, s, 0),
    };
    if body.is_empty() || body.starts_with(char::is_whitespace) {
        return Err(err(
            at,
            "a `-` must be followed by a word or a field such as -actor:putin",
        ));
    }
    if body.starts_with('"') {
        let (text, used) = quoted(body, at + off)?;
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if words.is_empty() {
            return Err(err(at + off, "empty quotes: put words between them"));
        }
        return Ok((
            Term {
                negated,
                kind: TermKind::Words(words),
            },
            off + used,
        ));
    }
    let word_end = body.find(char::is_whitespace).unwrap_or(body.len());
    let field_end = body[..word_end]
        .find(':')
        .filter(|&i| i > 0 && body[..i].chars().all(|c| c.is_ascii_alphabetic()));
    let Some(colon) = field_end else {
        let word = &body[..word_end];
        if let Some(q) = word.find('"') {
            return Err(err(
                at + off + q,
                "a quote inside a word: quote whole phrases, as in \"peace talks\"",
            ));
        }
        return Ok((
            Term {
                negated,
                kind: TermKind::Words(word.to_string()),
            },
            off + word_end,
        ));
    };
    let field = body[..colon].to_ascii_lowercase();
    let value_at = at + off + colon + 1;
    let after = &body[colon + 1..];
    let (value, used) = if after.starts_with('"') {
        let (v, used) = quoted(after, value_at)?;
        (v.trim().to_string(), used)
    } else {
        let end = after.find(char::is_whitespace).unwrap_or(after.len());
        if let Some(q) = after[..end].find('"') {
            return Err(err(
                value_at + q,
                "a quote inside a value: quote the whole value, as in actor:\"Antonio Guterres\"",
            ));
        }
        (after[..end].to_string(), end)
    };
    let used = off + colon + 1 + used;
    if value.is_empty() {
        return Err(err(
            value_at,
            format!("{field}: needs a value, for example {}", example(&field)),
        ));
    }
    let kind = match field.as_str() {
        "actor" => TermKind::Actor(value),
        "kind" => {
            let v = value.to_ascii_lowercase();
            let v = if v == "organisation" {
                "organization".to_string()
            } else {
                v
            };
            if !ACTOR_KINDS.contains(&v.as_str()) {
                return Err(err(
                    value_at,
                    format!(
                        "kind: expected one of {}; found `{value}`",
                        ACTOR_KINDS.join(", ")
                    ),
                ));
            }
            TermKind::Kind(v)
        }
        "theme" => TermKind::Theme(value),
        "tension" => match value.split_once('/') {
            Some((a, b)) => {
                let (a, b) = (a.trim(), b.trim());
                if a.is_empty() || b.is_empty() || b.contains('/') {
                    return Err(err(
                        value_at,
                        format!(
                            "tension: expected two sides as side/side (tension:russia/west); found `{value}`"
                        ),
                    ));
                }
                TermKind::Tension(a.to_string(), Some(b.to_string()))
            }
            None => TermKind::Tension(value, None),
        },
        "tag" => TermKind::Tag(value),
        "note" => TermKind::Note(value),
        "source" => TermKind::Source(value),
        "date" => TermKind::Date(date_range(&value, value_at)?),
        _ => {
            return Err(err(
                at + off,
                format!(
                    "unknown field `{field}:`; expected one of actor:, kind:, theme:, tension:, tag:, note:, source:, date:"
                ),
            ));
        }
    };
    Ok((Term { negated, kind }, used))
}

fn example(field: &str) -> &'static str {
    match field {
        "actor" => "actor:guterres or actor:\"Antonio Guterres\"",
        "kind" => "kind:person",
        "theme" => "theme:energy",
        "tension" => "tension:russia/west",
        "tag" => "tag:evidence",
        "note" => "note:ceasefire",
        "source" => "source:reuters",
        "date" => "date:2025-01..2025-06",
        _ => "actor:guterres",
    }
}

/// The text between a pair of double quotes at the start of `s`, and the bytes used.
fn quoted(s: &str, at: usize) -> Result<(String, usize), QueryError> {
    match s[1..].find('"') {
        Some(end) => Ok((s[1..1 + end].to_string(), end + 2)),
        None => Err(err(at, "this quote is never closed: add a closing \"")),
    }
}

fn date_range(value: &str, at: usize) -> Result<DateRange, QueryError> {
    let bad = || {
        err(
            at,
            format!(
                "date: expected YYYY, YYYY-MM or YYYY-MM-DD, or a range like 2025-01..2025-06; found `{value}`"
            ),
        )
    };
    let (from, to) = match value.split_once("..") {
        Some((a, b)) => (a, b),
        None => (value, value),
    };
    let bound = |s: &str| -> Result<Option<String>, QueryError> {
        if s.is_empty() {
            Ok(None)
        } else if is_date(s) {
            Ok(Some(s.to_string()))
        } else {
            Err(bad())
        }
    };
    let range = DateRange {
        from: bound(from)?,
        to: bound(to)?,
    };
    if range.from.is_none() && range.to.is_none() {
        return Err(bad());
    }
    if let (Some(f), Some(t)) = (&range.from, &range.to) {
        let n = f.len().min(t.len());
        if f[..n] > t[..n] {
            return Err(err(
                at,
                format!("date: the range {value} ends before it starts"),
            ));
        }
    }
    Ok(range)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day number.
pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let in_range = |p: &str, hi: u32| p.parse::<u32>().is_ok_and(|v| (1..=hi).contains(&v));
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && in_range(m, 12),
        [y, m, d] => {
            digits(y, 4) && digits(m, 2) && in_range(m, 12) && digits(d, 2) && in_range(d, 31)
        }
        _ => false,
    }
}

/// A value as written in a query: quoted when it has spaces or is not a plain word.
fn value(v: &str) -> String {
    if v.is_empty() || v.contains(char::is_whitespace) || v.starts_with('-') {
        format!("\"{v}\"")
    } else {
        v.to_string()
    }
}

impl fmt::Display for Term {
    /// Written back so that parsing it gives the same term.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negated {
            f.write_str("-")?;
        }
        match &self.kind {
            TermKind::Words(w) => {
                if w.contains(char::is_whitespace) || w.starts_with('-') || w.contains(':') {
                    write!(f, "\"{w}\"")
                } else {
                    f.write_str(w)
                }
            }
            TermKind::Actor(v) => write!(f, "actor:{}", value(v)),
            TermKind::Kind(v) => write!(f, "kind:{v}"),
            TermKind::Theme(v) => write!(f, "theme:{}", value(v)),
            TermKind::Tension(a, None) => write!(f, "tension:{}", value(a)),
            TermKind::Tension(a, Some(b)) => write!(f, "tension:{}", value(&format!("{a}/{b}"))),
            TermKind::Tag(v) => write!(f, "tag:{}", value(v)),
            TermKind::Note(v) => write!(f, "note:{}", value(v)),
            TermKind::Source(v) => write!(f, "source:{}", value(v)),
            TermKind::Date(r) => {
                let from = r.from.as_deref().unwrap_or("");
                let to = r.to.as_deref().unwrap_or("");
                if r.from == r.to {
                    write!(f, "date:{from}")
                } else {
                    write!(f, "date:{from}..{to}")
                }
            }
        }
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, t) in self.terms.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{t}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> TermKind {
        let q = parse(s).unwrap();
        assert_eq!(q.terms.len(), 1, "{s}");
        q.terms.into_iter().next().unwrap().kind
    }

    #[test]
    fn fields_and_words() {
        assert_eq!(one("guterres"), TermKind::Words("guterres".into()));
        assert_eq!(
            one("\"peace  talks\""),
            TermKind::Words("peace talks".into())
        );
        assert_eq!(
            one("actor:\"António Guterres\""),
            TermKind::Actor("António Guterres".into())
        );
        assert_eq!(
            one("KIND:Organisation"),
            TermKind::Kind("organization".into())
        );
        assert_eq!(
            one("tension:russia/west"),
            TermKind::Tension("russia".into(), Some("west".into()))
        );
        assert_eq!(
            one("date:2025-01..2025-06"),
            TermKind::Date(DateRange {
                from: Some("2025-01".into()),
                to: Some("2025-06".into())
            })
        );
        assert_eq!(
            one("date:..2024"),
            TermKind::Date(DateRange {
                from: None,
                to: Some("2024".into())
            })
        );
        let q = parse("  energy -source:wire  tag:x ").unwrap();
        assert_eq!(q.terms.len(), 3);
        assert!(q.terms[1].negated);
        assert_eq!(q.to_string(), "energy -source:wire tag:x");
        // A time or a number with a colon is not a field.
        assert_eq!(one("10:30"), TermKind::Words("10:30".into()));
    }

    #[test]
    fn errors_say_what_was_expected() {
        let e = parse("energy foo:bar").unwrap_err();
        assert_eq!(e.at, 7);
        assert!(e.message.contains("unknown field `foo:`"), "{e}");
        assert!(e.message.contains("actor:"), "{e}");
        let e = parse("kind:animal").unwrap_err();
        assert!(e.message.contains("person, organization"), "{e}");
        let e = parse("date:2025-13").unwrap_err();
        assert!(e.message.contains("YYYY-MM"), "{e}");
        let e = parse("date:2025-06..2025-01").unwrap_err();
        assert!(e.message.contains("ends before it starts"), "{e}");
        let e = parse("actor:").unwrap_err();
        assert!(e.message.contains("needs a value"), "{e}");
        let e = parse("\"peace talks").unwrap_err();
        assert!(e.message.contains("never closed"), "{e}");
        let e = parse("tension:a/").unwrap_err();
        assert!(e.message.contains("side/side"), "{e}");
        let e = parse("war - peace").unwrap_err();
        assert_eq!(e.at, 4);
        assert!(parse("date:..").is_err());
    }
}
