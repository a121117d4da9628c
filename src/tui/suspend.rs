//! Handing the terminal to an external program (the note editor) and taking it back: leave
//! the alternate screen and raw mode, run it, restore both; the app then repaints everything.
//!
//! The key thread must not read the terminal meanwhile, or it would steal the editor's
//! keystrokes: [`InputGate`] pauses it, and waits until it has stopped reading.

use super::editor;
use ratatui::crossterm::{cursor, event, execute, terminal};
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::sleep;
use std::time::Duration;

/// Shared between the event loop and the key thread.
#[derive(Default)]
pub struct InputGate {
    paused: AtomicBool,
    /// Set by the key thread once it has seen `paused` and stopped reading.
    idle: AtomicBool,
}

impl InputGate {
    /// For the key thread, before each poll: `true` (after a short nap) while paused.
    pub fn idle_while_paused(&self) -> bool {
        if self.paused.load(Ordering::SeqCst) {
            self.idle.store(true, Ordering::SeqCst);
            sleep(Duration::from_millis(20));
            true
        } else {
            self.idle.store(false, Ordering::SeqCst);
            false
        }
    }

    /// Stop the key thread reading; returns once it has (or after half a second, when it
    /// may be gone already).
    pub fn pause(&self) {
        self.idle.store(false, Ordering::SeqCst);
        self.paused.store(true, Ordering::SeqCst);
        for _ in 0..50 {
            if self.idle.load(Ordering::SeqCst) {
                return;
            }
            sleep(Duration::from_millis(10));
        }
    }

    pub fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }
}

/// Run `$VISUAL`/`$EDITOR` on `text` on the normal screen in cooked mode, then put the
/// reader's terminal back. The caller repaints.
pub fn edit_in_suspended_terminal(gate: &InputGate, text: &str) -> io::Result<String> {
    gate.pause();
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        event::DisableMouseCapture,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let result = editor::edit_externally(text);
    let back = terminal::enable_raw_mode().and_then(|()| {
        execute!(
            io::stdout(),
            terminal::EnterAlternateScreen,
            cursor::Hide,
            event::EnableMouseCapture
        )
    });
    gate.resume();
    back.and(result)
}
