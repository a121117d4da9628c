//! One-line prompts (list filter, search, corpus filter): what is typed stays in view.
//!
//! The cursor is always at the end of a prompt's text, so when the text is wider than the
//! room for it, the start is dropped and marked with `…`: the reader sees what they are
//! typing, not the first words of a long query.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// `text` fitted into `width` cells, keeping its end: the front is cut at a grapheme
/// boundary and replaced with `…` when it does not fit.
pub fn keep_end(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let room = width - 1; // one cell for the `…`
    let mut used = 0;
    let mut start = text.len();
    for (i, g) in text.grapheme_indices(true).rev() {
        let w = g.width();
        if used + w > room {
            break;
        }
        used += w;
        start = i;
    }
    Cow::Owned(format!("…{}", &text[start..]))
}

/// A prompt line of at most `width` cells: `label`, then `input` and `cursor` with their
/// end kept in view.
pub fn line(label: &str, input: &str, cursor: &str, width: usize) -> String {
    let room = width.saturating_sub(label.width());
    let typed = format!("{input}{cursor}");
    format!("{label}{}", keep_end(&typed, room))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_whole() {
        assert_eq!(keep_end("guterres", 20), "guterres");
        assert_eq!(line("filter: ", "guterres", "▏", 40), "filter: guterres▏");
    }

    #[test]
    fn long_text_keeps_its_end_and_fits() {
        let input = "theme:energy tension:russia/ukraine date:2025-";
        let shown = line("filter: ", input, "▏", 30);
        assert!(shown.starts_with("filter: …"), "{shown}");
        assert!(shown.ends_with("date:2025-▏"), "{shown}");
        assert_eq!(shown.width(), 30);
    }

    #[test]
    fn wide_characters_are_cut_whole() {
        // Each of these takes two cells; an odd room cannot hold half of one.
        let shown = keep_end("東京大阪名古屋", 6);
        assert_eq!(shown, "…古屋");
        assert!(shown.width() <= 6);
        assert_eq!(keep_end("abc", 0), "");
    }
}
