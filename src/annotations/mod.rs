//! Annotations: passages a reader marked, with tags and a note, stored in sidecar files next
//! to the corpus, re-anchored when the article changes, and exported.
//!
//! - [`Annotation`] and [`Target`]: the model (this file).
//! - [`across`]: every annotation of a corpus, for the corpus screen, and query filtering.
//! - [`anchor`]: placing a stored target in the current body (exact, moved, approximate).
//! - [`store`]: the sidecar files, atomic writes and the corpus lock.
//! - [`formats`]: Markdown, CSV and W3C Web Annotation JSON-LD, and reading the JSON back.
//! - [`qdpx`]: REFI-QDA exchange, a QDPX project or a QDC codebook.
//!
//! Inside the program every position is a UTF-8 byte offset into `Article::body`; code points
//! appear only in [`formats`], at the edge.

pub mod across;
pub mod anchor;
pub mod formats;
pub mod qdpx;
pub mod store;

use crate::corpus::Span;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicU64, Ordering};

/// How many characters of context are kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// One marked passage with its tags and note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
// A misspelt key would be dropped by the next save: refuse the sidecar instead.
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// Unique and stable: a UUID (version 4 layout) made when the annotation is created.
    pub id: String,
    /// RFC 3339 timestamps.
    pub created: String,
    pub modified: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub note: String,
    /// When the reader deleted it (RFC 3339). A deleted annotation stays in its sidecar,
    /// hidden from the text, the Notes panel and every export, until it is restored or
    /// purged; absent from the file while it is live, so older sidecars read unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<String>,
    pub target: Target,
}

/// Where an annotation points, said twice: by quote (robust to edits) and by position (fast),
/// plus the hash of the body the position was measured in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The exact text marked.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters before and after it.
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    /// Byte offsets into the body whose hash is `body_hash`.
    pub start: usize,
    pub end: usize,
    /// sha256 hex of the body; empty when unknown (imported annotations).
    #[serde(default)]
    pub body_hash: String,
}

impl Target {
    /// The target of `span` in `body`, or `None` when the span is empty, out of bounds or not
    /// on character boundaries.
    pub fn from_span(body: &str, span: Span) -> Option<Target> {
        Target::from_span_hashed(body, span, &body_hash(body))
    }

    /// [`Target::from_span`] with the body's hash already known.
    pub fn from_span_hashed(body: &str, span: Span, hash: &str) -> Option<Target> {
        if span.is_empty() || body.get(span.start..span.end).is_none() {
            return None;
        }
        let (prefix, suffix) = context(body, span);
        Some(Target {
            exact: body[span.start..span.end].to_string(),
            prefix,
            suffix,
            start: span.start,
            end: span.end,
            body_hash: hash.to_string(),
        })
    }

    /// The stored position as a span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

impl Annotation {
    /// A new annotation of `span` in `body`, stamped now; `None` for an unusable span.
    pub fn new(body: &str, span: Span, tags: Vec<String>, note: String) -> Option<Annotation> {
        let target = Target::from_span(body, span)?;
        let now = now_rfc3339();
        Some(Annotation {
            id: new_id(&target.exact),
            created: now.clone(),
            modified: now,
            tags,
            note,
            deleted: None,
            target,
        })
    }

    /// Whether it was deleted (and waits in the deleted notes to be restored or purged).
    pub fn is_deleted(&self) -> bool {
        self.deleted.is_some()
    }
}

/// Up to [`CONTEXT_CHARS`] characters before and after `span` (which must be valid in `body`).
pub fn context(body: &str, span: Span) -> (String, String) {
    let before = &body[..span.start];
    let p_start = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let after = &body[span.end..];
    let s_end = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    (before[p_start..].to_string(), after[..s_end].to_string())
}

/// sha256 of the body, lower-case hex.
pub fn body_hash(body: &str) -> String {
    hex(&Sha256::digest(body.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The current time as RFC 3339 (UTC, millisecond precision).
pub fn now_rfc3339() -> String {
    let now = jiff::Timestamp::now();
    now.round(jiff::Unit::Millisecond)
        .unwrap_or(now)
        .to_string()
}

/// A fresh id in UUID layout. No random crate is needed: the clock, the process id, a counter
/// and the quote are hashed, which is unique for every annotation one person makes.
pub fn new_id(seed: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = Sha256::new();
    h.update(jiff::Timestamp::now().as_nanosecond().to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    h.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    h.update(seed.as_bytes());
    let mut b: [u8; 16] = [0; 16];
    b.copy_from_slice(&h.finalize()[..16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let x = hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &x[0..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..32]
    )
}

/// Byte offset -> code point offset in `body` (offsets past the end or inside a character are
/// clamped down to the previous boundary).
pub fn byte_to_char(body: &str, byte: usize) -> usize {
    let mut b = byte.min(body.len());
    while !body.is_char_boundary(b) {
        b -= 1;
    }
    body[..b].chars().count()
}

/// Code point offset -> byte offset in `body`; `None` past the end.
pub fn char_to_byte(body: &str, ch: usize) -> Option<usize> {
    if ch == 0 {
        return Some(0);
    }
    match body.char_indices().nth(ch) {
        Some((i, _)) => Some(i),
        None => (body.chars().count() == ch).then_some(body.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_takes_32_chars_each_side_on_char_boundaries() {
        let body = format!("{}QUOTE{}", "é".repeat(40), "ü".repeat(40));
        let start = body.find("QUOTE").unwrap();
        let (p, s) = context(&body, Span::new(start, start + 5));
        assert_eq!(p.chars().count(), 32);
        assert_eq!(s.chars().count(), 32);
        let (p, s) = context("ab", Span::new(1, 2));
        assert_eq!((p.as_str(), s.as_str()), ("a", ""));
    }

    #[test]
    fn ids_are_unique_uuid_shaped() {
        let a = new_id("x");
        let b = new_id("x");
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
    }

    #[test]
    fn offsets_convert_both_ways() {
        let body = "aé😀b";
        assert_eq!(byte_to_char(body, 0), 0);
        assert_eq!(byte_to_char(body, 3), 2);
        assert_eq!(byte_to_char(body, 7), 3);
        assert_eq!(byte_to_char(body, 8), 4);
        assert_eq!(char_to_byte(body, 3), Some(7));
        assert_eq!(char_to_byte(body, 4), Some(8));
        assert_eq!(char_to_byte(body, 5), None);
    }

    #[test]
    fn target_rejects_bad_spans() {
        assert!(Target::from_span("héllo", Span::new(1, 2)).is_none());
        assert!(Target::from_span("hello", Span::new(2, 2)).is_none());
        assert!(Target::from_span("hello", Span::new(2, 9)).is_none());
        let t = Target::from_span("hello world", Span::new(6, 11)).unwrap();
        assert_eq!(t.exact, "world");
        assert_eq!(t.prefix, "hello ");
    }
}
