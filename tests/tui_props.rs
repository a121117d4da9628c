//! Property tests: for any text, any width and any terminal size, wrapping keeps exact byte
//! ranges and rendering neither panics nor lets a control character through.

mod tui_common;

use newslens::analysis::Analysis;
use newslens::corpus::{Section, Span};
use newslens::tui::wrap::{Wrapped, grapheme_width};
use proptest::prelude::*;
use tui_common::*;
use unicode_segmentation::UnicodeSegmentation;

/// Text drawn from pieces that stress the reader: controls, escapes, bidi, CJK, emoji,
/// combining marks, tabs, CRLF, long words.
fn text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "word",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "\u{1b}[31m",
        "\u{1b}]0;x\u{7}",
        "\u{202e}",
        "\u{2066}",
        "\u{85}",
        "\u{0}",
        "\u{7f}",
        "中文",
        "漢字かな",
        "👩‍👩‍👧",
        "🇯🇵",
        "e\u{301}",
        "한국어",
        "Antidisestablishmentarianism",
        "## Heading\n",
        ".",
        "\u{200f}",
        "\u{2028}",
        "x",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn wrapping_covers_the_body_on_boundaries_within_the_width(body in text(), width in 1usize..60) {
        let sections = [Span::new(0, body.len())];
        let w = Wrapped::new(&body, &sections, &[true], width);
        let mut covered = 0;
        for l in w.lines.iter().filter(|l| !l.is_header()) {
            prop_assert!(body.is_char_boundary(l.start) && body.is_char_boundary(l.end));
            prop_assert!(l.start >= covered, "lines in order");
            // Only newlines are skipped between lines.
            prop_assert!(body[covered..l.start].chars().all(|c| c == '\n'));
            let text = &body[l.start..l.end];
            let cols: usize = text.trim_end_matches([' ', '\t', '\r']).graphemes(true).map(grapheme_width).sum();
            let widest = text.graphemes(true).map(grapheme_width).max().unwrap_or(0);
            prop_assert!(cols <= width.max(widest), "{:?} is {} columns at width {}", text, cols, width);
            covered = l.end;
        }
        prop_assert!(body[covered..].chars().all(|c| c == '\n'));
    }

    #[test]
    fn rendering_any_text_at_any_size_is_safe(body in text(), w in 1u16..160, h in 1u16..50, keys in "[jkJKnN)(\\]\\[gG1230of/ ?vaL]{0,16}") {
        let sections = vec![Section { span: Span::new(0, body.len()), heading: None }];
        let art = article("p", "t", body.clone(), sections);
        let analysis = Analysis { sentences: sentences(&body), ..Analysis::default() };
        let mut app = app_with(vec![(art, analysis), togo()], w, h);
        press(&mut app, &keys);
        app.handle_event(&key(ratatui::crossterm::event::KeyCode::Esc));
        let buf = render(&app);
        for c in buf.content() {
            for ch in c.symbol().chars() {
                prop_assert!(!newslens::sanitize::is_unsafe(ch) && ch != '\t' && ch != '\n', "{:?}", ch);
            }
        }
    }
}
