//! Search in an article body: every match of a pattern as byte spans, smart case
//! (case-insensitive unless the pattern has a capital letter).

use crate::corpus::Span;

/// Whether `pattern` asks for an exact-case search.
pub fn is_case_sensitive(pattern: &str) -> bool {
    pattern.chars().any(char::is_uppercase)
}

/// Non-overlapping matches of `pattern` in `body`, in order. Case folding compares
/// characters one by one (`É` matches `é`), so spans stay on character boundaries of the
/// body even where lower and upper case differ in byte length. O(body × pattern), which is
/// fine for an article.
pub fn find_all(body: &str, pattern: &str) -> Vec<Span> {
    let mut hits = Vec::new();
    if pattern.is_empty() {
        return hits;
    }
    if is_case_sensitive(pattern) {
        let mut from = 0;
        while let Some(i) = body[from..].find(pattern) {
            let start = from + i;
            hits.push(Span::new(start, start + pattern.len()));
            from = start + pattern.len();
        }
        return hits;
    }
    let pat: Vec<char> = pattern.chars().flat_map(char::to_lowercase).collect();
    let mut from = 0;
    while from < body.len() {
        match match_at(body, from, &pat) {
            Some(end) => {
                hits.push(Span::new(from, end));
                from = end;
            }
            None => {
                from += body[from..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    hits
}

/// End of a case-insensitive match of `pat` (already lower-cased) starting at `from`.
fn match_at(body: &str, from: usize, pat: &[char]) -> Option<usize> {
    let mut p = 0;
    for (i, c) in body[from..].char_indices() {
        for lc in c.to_lowercase() {
            if pat.get(p) != Some(&lc) {
                return None;
            }
            p += 1;
        }
        if p == pat.len() {
            return Some(from + i + c.len_utf8());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case() {
        let body = "Russia and russia and RUSSIA";
        assert_eq!(find_all(body, "russia").len(), 3);
        assert_eq!(find_all(body, "Russia"), [Span::new(0, 6)]);
        assert!(find_all(body, "").is_empty());
    }

    #[test]
    fn folding_keeps_char_boundaries() {
        let body = "ÉTAT, état, İstanbul";
        let hits = find_all(body, "état");
        assert_eq!(hits.len(), 2);
        for h in &hits {
            assert!(body.is_char_boundary(h.start) && body.is_char_boundary(h.end));
            assert_eq!(h.text(body).to_lowercase(), "état");
        }
        // A pattern that only partly matches a multi-char lowercase never panics.
        let _ = find_all(body, "i");
    }
}
