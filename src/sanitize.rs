//! Making article text safe for the terminal: control characters, escape sequences and bidi
//! controls are replaced by visible placeholders, never emitted raw.
//! (Full implementation owned by the reader.)

use std::borrow::Cow;

/// `text` with every character that could drive the terminal replaced by a visible one.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| !c.is_control() || c == '\n') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if c.is_control() && c != '\n' {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect(),
    )
}
