//! Leaving the reader: Ctrl-c quits from anywhere (popups and prompts too), asking first
//! when a note would be lost; Ctrl-z suspends it to the shell and `fg` brings it back.
//!
//! In raw mode the terminal sends Ctrl-c and Ctrl-z as keys rather than signals, so both are
//! ordinary bindings (`quit`, `suspend`) and remappable.

use super::app::{App, Effect};
use super::keymap::Action;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture, KeyEvent, KeyModifiers};
use ratatui::crossterm::{cursor, execute, terminal};
use std::io;

impl App {
    /// Whether a note would be lost by quitting now: one being written in the popup, or one
    /// whose save failed.
    pub fn has_unsaved_note(&self) -> bool {
        self.notebook.editor.is_some() || self.notebook.unsaved.is_some()
    }

    /// A quit or suspend key with Ctrl (Ctrl-c, Ctrl-z by default) works in every mode,
    /// before popups and prompts see it. `None` for every other key.
    pub(super) fn interrupt_key(&mut self, key: &KeyEvent) -> Option<Effect> {
        let armed = std::mem::take(&mut self.quit_armed);
        if !key.modifiers.contains(KeyModifiers::CONTROL) {
            if armed {
                self.message = Some("not quitting".into());
            }
            return None;
        }
        match self.keymap.action(key) {
            Some(Action::Quit) => {
                if armed || !self.has_unsaved_note() {
                    return Some(Effect::Quit);
                }
                self.quit_armed = true;
                let key = self
                    .keymap
                    .first(Action::Quit)
                    .map_or("Ctrl-c".into(), |_| {
                        super::keymap::Key::from_event(key).to_string()
                    });
                self.message = Some(format!(
                    "a note is not saved: {key} again quits without it, any other key goes back"
                ));
                Some(Effect::None)
            }
            Some(Action::Suspend) if self.notebook.editor.is_none() => Some(Effect::Suspend),
            _ => {
                if armed {
                    self.message = Some("not quitting".into());
                }
                None
            }
        }
    }

    /// Suspend was asked for where it cannot be done (no real terminal).
    pub fn suspend_refused(&mut self) {
        self.message = Some("cannot suspend here".into());
    }
}

/// Hand the terminal back to the shell and stop (SIGTSTP, as a shell's Ctrl-z would); on
/// `fg` put the reader's terminal back. The caller repaints everything.
pub fn suspend_to_shell() -> io::Result<()> {
    super::restore_terminal();
    let _ = execute!(io::stdout(), DisableMouseCapture);
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    // Running again: the shell may have changed the terminal meanwhile.
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        cursor::Hide,
        EnableMouseCapture
    )
}
