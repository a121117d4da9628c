//! The annotation editor popup rendered with the shipped codebook, at several sizes, with real
//! key events pushed through `handle_key`. Snapshots are reviewed screens.

use newslens::config;
use newslens::tui::editor::{AnnotationEditor, EditorOutcome};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

fn screen(editor: &AnnotationEditor, width: u16, height: u16) -> String {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    editor.render(area, &mut buf);
    let mut out = String::new();
    for y in 0..height {
        let line: String = (0..width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn press(editor: &mut AnnotationEditor, code: KeyCode) -> EditorOutcome {
    editor.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn type_text(editor: &mut AnnotationEditor, text: &str) {
    for c in text.chars() {
        press(editor, KeyCode::Char(c));
    }
}

const QUOTE: &str = "We talk to everyone, even rivals, said the président.";

#[test]
fn fresh_popup_at_three_sizes() {
    let codebook = config::defaults().codebook.tags;
    assert!(
        codebook.len() >= 8,
        "the default codebook ships analyst tags"
    );
    let editor = AnnotationEditor::new(&codebook, QUOTE).without_colors();
    insta::assert_snapshot!("editor_fresh_80x24", screen(&editor, 80, 24));
    insta::assert_snapshot!("editor_fresh_40x12", screen(&editor, 40, 12));
    insta::assert_snapshot!("editor_fresh_20x6", screen(&editor, 20, 6));
}

#[test]
fn filtered_tags_then_note_then_confirm_cancel() {
    let codebook = config::defaults().codebook.tags;
    let mut editor = AnnotationEditor::new(&codebook, QUOTE).without_colors();
    type_text(&mut editor, "co");
    insta::assert_snapshot!("editor_filtered_80x24", screen(&editor, 80, 24));
    press(&mut editor, KeyCode::Enter);
    press(&mut editor, KeyCode::Tab);
    type_text(&mut editor, "Hedged: no names given.");
    press(&mut editor, KeyCode::Esc);
    insta::assert_snapshot!("editor_confirm_80x24", screen(&editor, 80, 24));
    assert_eq!(
        press(&mut editor, KeyCode::Char('y')),
        EditorOutcome::Cancel
    );
}
