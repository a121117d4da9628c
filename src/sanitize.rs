//! Making article text safe for the terminal.
//!
//! Article files come from anywhere. A raw ESC would let a file drive the terminal (ANSI colour,
//! OSC titles or hyperlinks, cursor moves), and bidi overrides can make text read differently
//! from its bytes. Every such character is replaced by a visible placeholder before it reaches
//! the screen: C0 controls by their Unicode control pictures (`␛` for ESC), DEL by `␡`, C1
//! controls and bidi controls by `�`. Tabs become spaces.
//!
//! Emoji sequences that terminals draw at widths of their own (flags, ZWJ sequences, skin
//! tones, VS16 presentation, keycaps, tag sequences) are shown in a form every terminal draws
//! at the width computed here: a flag as its two letters (`🇹🇬` -> `TG`), any other sequence
//! as its base emoji (`👩‍👩‍👧` -> `👩`, `❤️` -> `❤`, `1️⃣` -> `1`). Otherwise tmux and others
//! leave stray glyphs and shift the borders after them.
//!
//! The reader maps text one grapheme at a time ([`display_grapheme`]) so that each placeholder
//! stands for exactly the bytes it replaces and highlight offsets stay exact. [`clean`] is the
//! whole-string form for titles, names and reports.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;

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

/// `c` itself when it is safe to print, else its visible stand-in (for text edited in place,
/// where emoji sequences stay as written).
pub fn inert(c: char) -> char {
    if c == '\t' {
        ' '
    } else if is_unsafe(c) {
        placeholder(c)
    } else {
        c
    }
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

/// Characters that make a grapheme an emoji sequence terminals disagree on: zero-width
/// joiner, variation selectors, the keycap mark, skin-tone modifiers, tag characters and
/// regional indicators (flag halves).
fn is_sequence_part(c: char) -> bool {
    matches!(c,
        '\u{200d}' | '\u{fe0e}' | '\u{fe0f}' | '\u{20e3}'
        | '\u{1f3fb}'..='\u{1f3ff}' | '\u{e0020}'..='\u{e007f}' | '\u{1f1e6}'..='\u{1f1ff}')
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1f1e6}'..='\u{1f1ff}').contains(&c)
}

/// The form of an emoji sequence every terminal draws at its computed width.
fn simpler_sequence(g: &str) -> String {
    let mut chars = g.chars().peekable();
    if g.chars().all(is_regional_indicator) {
        return g
            .chars()
            .map(|c| char::from(b'A' + (c as u32 - 0x1f1e6) as u8))
            .collect();
    }
    match chars.next() {
        // A base of its own (emoji, digit of a keycap, letter): keep it alone.
        Some(base) if !is_sequence_part(base) && !is_unsafe(base) => base.to_string(),
        Some(base) if is_unsafe(base) => placeholder(base).to_string(),
        // A stray joiner or modifier on its own: nothing a terminal agrees on.
        _ => "\u{FFFD}".to_string(),
    }
}

/// `text` with every character that could drive the terminal replaced by a visible one, and
/// emoji sequences in their simpler form. Newlines are kept; tabs become one space. Borrowed
/// when nothing needed replacing.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c == '\t' || is_unsafe(c) || is_sequence_part(c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for g in text.graphemes(true) {
        if g.chars().any(is_sequence_part) {
            out.push_str(&simpler_sequence(g));
            continue;
        }
        out.extend(g.chars().map(|c| match c {
            '\t' => ' ',
            c if is_unsafe(c) => placeholder(c),
            c => c,
        }));
    }
    Cow::Owned(out)
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
    if g.chars().any(is_sequence_part) {
        return Cow::Owned(simpler_sequence(g));
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

/// Print one message to stderr, cleaned: messages quote paths, dates, sources and names that
/// come from outside, and stderr is a terminal as often as stdout is.
pub fn eprint_line(message: impl std::fmt::Display) {
    eprintln!("{}", clean(&message.to_string()));
}

/// Whether a JSON string may not carry `c` raw: it is valid JSON, but C1 controls, bidi
/// controls and line/paragraph separators would reach a terminal that prints the document.
fn needs_json_escape(c: char) -> bool {
    c == '\u{7f}' || (c as u32 >= 0x80 && is_unsafe(c))
}

/// A `serde_json` formatter that writes every character [`is_unsafe`] as a `\uXXXX` escape
/// (serde_json already escapes C0). The document stays valid and decodes to the same bytes.
#[derive(Clone, Copy, Debug, Default)]
pub struct TerminalSafeJson;

impl serde_json::ser::Formatter for TerminalSafeJson {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // Most text is ASCII, where only DEL needs an escape: no walk over its characters.
        if fragment.bytes().all(|b| b < 0x7f) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut plain = 0;
        for (i, c) in fragment.char_indices() {
            if needs_json_escape(c) {
                writer.write_all(&fragment.as_bytes()[plain..i])?;
                // Every unsafe character is in the Basic Multilingual Plane: one escape.
                write!(writer, "\\u{:04x}", c as u32)?;
                plain = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[plain..])
    }
}

/// Serialize `value` as compact JSON with [`TerminalSafeJson`].
pub fn write_json<W: std::io::Write, T: serde::Serialize + ?Sized>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(writer, TerminalSafeJson);
    value.serialize(&mut ser)
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
        assert!(matches!(clean("Lomé, 多 👩\nnext"), Cow::Borrowed(_)));
        assert_eq!(clean("a\tb"), "a b");
        assert_eq!(clean_line("a\nb\r"), "a b ");
    }

    #[test]
    fn json_escapes_c1_bidi_and_separators_and_decodes_exactly() {
        let text = "a\u{1b}]0;x\u{7}\u{85}\u{9b}\u{202e}\u{2066}\u{2028}\u{2029}\u{7f}é🇹🇬";
        let mut out = Vec::new();
        write_json(&mut out, &serde_json::json!({ "t": text })).unwrap();
        let json = String::from_utf8(out).unwrap();
        assert!(!json.chars().any(is_unsafe), "{json:?}");
        assert!(
            json.contains("\\u0085") && json.contains("\\u2028"),
            "{json}"
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["t"].as_str(), Some(text));
    }

    #[test]
    fn graphemes_map_to_safe_display() {
        assert_eq!(display_grapheme("\u{1b}"), "␛");
        assert_eq!(display_grapheme("\t"), "    ");
        assert_eq!(display_grapheme("é"), "é");
        assert!(matches!(display_grapheme("👩"), Cow::Borrowed(_)));
    }

    #[test]
    fn emoji_sequences_take_a_form_terminals_agree_on() {
        use unicode_width::UnicodeWidthStr;
        let cases = [
            ("🇹🇬", "TG"),
            ("👩\u{200d}👩\u{200d}👧", "👩"),
            ("👍🏽", "👍"),
            ("❤\u{fe0f}", "❤"),
            ("1\u{fe0f}\u{20e3}", "1"),
            (
                "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
                "🏴",
            ),
        ];
        assert_eq!(display_grapheme("\u{200d}"), "\u{FFFD}");
        for (seq, shown) in cases {
            assert_eq!(display_grapheme(seq), shown, "{seq:?}");
            assert_eq!(
                clean(&format!("a {seq} b")),
                format!("a {shown} b"),
                "{seq:?}"
            );
            assert!(!shown.chars().any(is_sequence_part));
            assert!(shown.width() <= 2);
        }
    }
}
