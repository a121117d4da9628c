//! Sentences and words with byte spans.

use crate::corpus::Span;

/// Sentence spans of `body`, in order, trimmed of surrounding white space.
pub fn sentences(body: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes = body.as_bytes();
    for (i, ch) in body.char_indices() {
        if start.is_none() && !ch.is_whitespace() {
            start = Some(i);
        }
        let end_here = matches!(ch, '.' | '!' | '?')
            && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
            || (ch == '\n' && bytes.get(i + 1) == Some(&b'\n'));
        if end_here && let Some(s) = start.take() {
            let e = if ch == '\n' { i } else { i + 1 };
            let t = body[s..e].trim_end();
            if !t.is_empty() {
                out.push(Span::new(s, s + t.len()));
            }
        }
    }
    if let Some(s) = start {
        let t = body[s..].trim_end();
        if !t.is_empty() {
            out.push(Span::new(s, s + t.len()));
        }
    }
    out
}

/// Word spans (letters, digits, inner apostrophes and hyphens) inside `within`.
pub fn words(body: &str, within: Span) -> impl Iterator<Item = Span> + '_ {
    let text = &body[within.start..within.end];
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (i, c) = iter.next()?;
            if c.is_alphanumeric() {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = iter.peek() {
                    if d.is_alphanumeric() || matches!(d, '\'' | '’' | '-') {
                        end = j + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
                let w = &text[i..end];
                let trimmed = w.trim_end_matches(['\'', '’', '-']);
                return Some(Span::new(
                    within.start + i,
                    within.start + i + trimmed.len(),
                ));
            }
        }
    })
}
