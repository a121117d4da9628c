//! Fitting panel labels into their column so that different labels never look the same.
//!
//! A label too long for its column keeps its start and its end with `…` in the middle
//! (`The West and hu…at the summit`), since labels that share an opening usually differ at
//! the end. When two labels still come out the same, each shows its start and then the
//! part where it differs from the others.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` in at most `max` columns: as it is when it fits, else head `…` tail.
pub fn elide_middle(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    if max < 4 {
        return take_cols(text, max - 1) + "…";
    }
    let room = max - 1;
    let head_w = room.div_ceil(2) + room / 6;
    let tail_w = room - head_w;
    let head = take_cols(text, head_w);
    let tail = take_cols_from_end(text, tail_w);
    format!("{}…{}", head.trim_end(), tail.trim_start())
}

/// The longest prefix of `text` within `w` columns.
fn take_cols(text: &str, w: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > w {
            break;
        }
        used += cw;
        out.push(c);
    }
    out
}

/// The longest suffix of `text` within `w` columns.
fn take_cols_from_end(text: &str, w: usize) -> String {
    let mut used = 0;
    let mut start = text.len();
    for (i, c) in text.char_indices().rev() {
        let cw = c.width().unwrap_or(0);
        if used + cw > w {
            break;
        }
        used += cw;
        start = i;
    }
    text[start..].to_string()
}

/// Fit each `(label, columns)` with [`elide_middle`], then make labels that came out the
/// same (while being different) show where they differ: a short head, `…`, and the text
/// from the first differing word on.
pub fn fit_distinct(labels: &[(&str, usize)]) -> Vec<String> {
    let elided: Vec<String> = labels.iter().map(|&(l, w)| elide_middle(l, w)).collect();
    let mut shown = elided.clone();
    for i in 0..labels.len() {
        let clashes: Vec<usize> = (0..labels.len())
            .filter(|&j| j != i && elided[j] == elided[i] && labels[j].0 != labels[i].0)
            .collect();
        if clashes.is_empty() {
            continue;
        }
        let (label, w) = labels[i];
        // Where this label first differs from any label it clashes with.
        let differs = clashes
            .iter()
            .map(|&j| common_prefix(label, labels[j].0))
            .min()
            .unwrap_or(0);
        // Back to the start of that word, so the differing part reads as words.
        let from = label[..differs]
            .rfind(char::is_whitespace)
            .map_or(differs, |s| s + 1);
        let head_w = (w / 4).max(1);
        let head = take_cols(label, head_w);
        let rest = &label[from.max(head.len())..];
        let room = w.saturating_sub(head.width() + 1);
        let rest = if rest.width() > room {
            take_cols(rest, room.saturating_sub(1)) + "…"
        } else {
            rest.to_string()
        };
        shown[i] = format!("{}…{}", head.trim_end(), rest.trim_start());
    }
    shown
}

/// Length in bytes of the common prefix of `a` and `b`, on a char boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_keep_head_and_tail() {
        assert_eq!(elide_middle("short", 10), "short");
        let e = elide_middle("The West and human rights groups versus Beijing", 24);
        assert!(e.width() <= 24, "{e}");
        assert!(
            e.starts_with("The West and") && e.ends_with("Beijing"),
            "{e}"
        );
        assert_eq!(elide_middle("abcdef", 3), "ab…");
        assert!(elide_middle("東京と北京の外交官の会談について", 9).width() <= 9);
    }

    #[test]
    fn labels_cut_alike_show_where_they_differ() {
        let a = "The West and human rights groups on Xinjiang camps and China";
        let b = "The West and human rights groups on Tibet schools and China";
        let shown = fit_distinct(&[(a, 26), (b, 26)]);
        assert_ne!(shown[0], shown[1], "{shown:?}");
        assert!(shown[0].contains("Xinjiang"), "{shown:?}");
        assert!(shown[1].contains("Tibet"), "{shown:?}");
        for s in &shown {
            assert!(s.width() <= 26, "{s}");
        }
        // Identical labels stay identical; fitting ones are untouched.
        let same = fit_distinct(&[("Same", 10), ("Same", 10), ("Other", 10)]);
        assert_eq!(same, ["Same", "Same", "Other"]);
    }
}
