//! Making article text safe for the terminal.
//!
//! Article files come from anywhere. A raw ESC would let a file drive the terminal (ANSI colour,
//! OSC titles or hyperlinks, cursor moves), and bidi overrides can make text read differently
//! from its bytes. Every such character is replaced by a visible placeholder before it reaches
//! the screen: C0 controls by their Unicode control pictures (`␛` for ESC), DEL by `␡`, C1
//! controls and bidi controls by `�`. Tabs become spaces.
//!
//! The reader maps text one grapheme at a time ([`display_grapheme`]) so that each placeholder
//! stands for exactly the bytes it replaces and highlight offsets stay exact. [`clean`] is the
//! whole-string form for titles, names and reports.

use std::borrow::Cow;

/// How many columns a tab takes in the reader.
pub const TAB_WIDTH: usize = 4;

/// Whether `c` must never be written raw to a terminal (newline excepted; callers that lay
/// out lines split on it first).
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{9}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{200e}' | '\u{200f}' | '\u{061c}'
        // Line and paragraph separators move the cursor on some terminals.
        | '\u{2028}' | '\u{2029}')
}

/// The visible stand-in for an unsafe character.
fn placeholder(c: char) -> char {
    match c {
        // Control pictures U+2400..U+241F mirror C0 one to one (␀ ␁ ... ␛ ... ␟).
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7f}' => '\u{2421}',
        '\u{2028}' | '\u{2029}' => ' ',
        _ => '\u{FFFD}',
    }
}

/// `text` with every character that could drive the terminal replaced by a visible one.
/// Newlines are kept; tabs become one space. Borrowed when nothing needed replacing.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\t' || is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\t' => ' ',
                c if is_unsafe(c) => placeholder(c),
                c => c,
            })
            .collect(),
    )
}

/// Like [`clean`], for text shown on one line (titles, names): newlines become spaces too.
pub fn clean_line(text: &str) -> Cow<'_, str> {
    if !text.contains(['\n', '\r']) {
        return clean(text);
    }
    let one_line = text.replace(['\n', '\r'], " ");
    Cow::Owned(clean(&one_line).into_owned())
}

/// What one grapheme of the body looks like on screen. The result is safe to print and stands
/// for all the grapheme's bytes, so a layout built from it keeps exact byte offsets.
pub fn display_grapheme(g: &str) -> Cow<'_, str> {
    if g == "\t" {
        return Cow::Borrowed(&"        "[..TAB_WIDTH]);
    }
    if !g.chars().any(is_unsafe) && !g.contains('\t') {
        return Cow::Borrowed(g);
    }
    Cow::Owned(
        g.chars()
            .map(|c| match c {
                '\t' => ' ',
                c if is_unsafe(c) => placeholder(c),
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_inert_pictures() {
        let s = clean("a\u{1b}[31mred\u{1b}]0;title\u{7}b");
        assert_eq!(s, "a␛[31mred␛]0;title␇b");
        assert!(!s.chars().any(|c| c.is_control()));
    }

    #[test]
    fn c1_del_and_bidi_controls_are_replaced() {
        for c in [
            '\u{85}', '\u{9b}', '\u{7f}', '\u{202e}', '\u{2067}', '\u{200f}', '\u{061c}',
        ] {
            let text = format!("x{c}y");
            let s = clean(&text);
            assert_eq!(s.chars().count(), 3, "{c:?}");
            assert!(!s.contains(c), "{c:?} leaked");
        }
    }

    #[test]
    fn plain_text_is_borrowed_and_newlines_kept() {
        assert!(matches!(clean("Lomé, 多 🇹🇬\nnext"), Cow::Borrowed(_)));
        assert_eq!(clean("a\tb"), "a b");
        assert_eq!(clean_line("a\nb\r"), "a b ");
    }

    #[test]
    fn graphemes_map_to_safe_display() {
        assert_eq!(display_grapheme("\u{1b}"), "␛");
        assert_eq!(display_grapheme("\t"), "    ");
        assert_eq!(display_grapheme("é"), "é");
        assert!(matches!(display_grapheme("👩‍👩‍👧"), Cow::Borrowed(_)));
    }
}
