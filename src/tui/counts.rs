//! Counts before an action, as in less and vim: `5j` scrolls five lines, `10G` goes to the
//! tenth sentence (or list item), `3n` jumps three hits on.
//!
//! Digits bound to an action (`1`..`4` focus the panels, `0` the text) keep doing that
//! when pressed alone: a bound focus digit runs at once, and only if another digit follows
//! does it become the start of a count and its focus change is put back. So `1jj` still
//! walks the Actors panel, while `10G` and `25j` are counts. A one-digit count is 5-9.

use super::app::{App, Effect, Focus, Mode};
use super::keymap::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Counts stop here: more would only repeat work past the end of any article.
const MAX_COUNT: usize = 99_999;
/// Repetitions of a moving action are capped (each one is cheap, but not free).
const MAX_REPEAT: usize = 10_000;

impl Action {
    /// Whether a count repeats this action.
    fn repeats(self) -> bool {
        matches!(
            self,
            Action::ScrollDown
                | Action::ScrollUp
                | Action::HalfPageDown
                | Action::HalfPageUp
                | Action::PageDown
                | Action::PageUp
                | Action::NextSection
                | Action::PrevSection
                | Action::NextSentence
                | Action::PrevSentence
                | Action::NextEvidence
                | Action::PrevEvidence
                | Action::NextArticle
                | Action::PrevArticle
                | Action::ExtendWord
                | Action::ShrinkWord
                | Action::JumpBack
                | Action::JumpForward
        )
    }

    fn is_focus(self) -> bool {
        matches!(
            self,
            Action::FocusActors
                | Action::FocusThemes
                | Action::FocusTensions
                | Action::FocusNotes
                | Action::FocusText
        )
    }
}

impl App {
    /// A digit typed in normal mode: part of a count, or (bound and alone) its action.
    /// Returns whether the key was used here.
    pub(super) fn count_key(&mut self, key: &KeyEvent) -> bool {
        let KeyCode::Char(c) = key.code else {
            return false;
        };
        let Some(d) = c.to_digit(10) else {
            return false;
        };
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            || self.mode != Mode::Normal
        {
            return false;
        }
        let d = d as usize;
        if let Some(n) = self.count {
            // A second digit: this is a count after all; undo the first digit's focus.
            if let Some((focus, zoom)) = self.count_revert.take() {
                self.focus = focus;
                if self.zoom != zoom {
                    self.zoom = zoom;
                    self.reflow();
                }
            }
            self.count = Some((n * 10 + d).min(MAX_COUNT));
            return true;
        }
        if d == 0 {
            // A count never starts with 0: `0` is its own key.
            return false;
        }
        match self.keymap.action(key) {
            None => {
                self.count = Some(d);
                self.count_revert = None;
                true
            }
            Some(action) if action.is_focus() => {
                let before = (self.focus, self.zoom);
                self.update(action);
                self.count = Some(d);
                self.count_revert = Some(before);
                true
            }
            Some(_) => false,
        }
    }

    /// Run `action` with the pending count: `G`/`g` go to the counted place, moves repeat,
    /// and the rest run once. A lone focus digit is no count. Jumps are recorded for
    /// Ctrl-o.
    pub fn run_counted(&mut self, action: Action) -> Effect {
        let count = self.count.take();
        let lone_digit = self.count_revert.take().is_some();
        let count = count.filter(|_| !lone_digit);
        let from = self.here();
        let effect = match count {
            Some(n) if matches!(action, Action::Top | Action::Bottom) => {
                self.go_to_number(n);
                Effect::None
            }
            Some(n) if action.repeats() && self.mode == Mode::Normal => {
                let mut effect = Effect::None;
                for _ in 0..n.min(MAX_REPEAT) {
                    effect = self.update(action);
                    if effect != Effect::None {
                        break;
                    }
                }
                effect
            }
            _ => self.update(action),
        };
        if action.is_jump() {
            self.record_jump_from(from.0, (from.1, from.2));
        }
        effect
    }

    /// `NG`: sentence `n` in the text, item `n` in a list or panel, line `n` in help.
    fn go_to_number(&mut self, n: usize) {
        let i = n.saturating_sub(1);
        if self.mode == Mode::Help {
            self.help_scroll = i;
            return;
        }
        match self.focus {
            Focus::List => {
                self.list_cursor = 0;
                self.move_list(i as isize);
            }
            Focus::Panel(p) => {
                self.panel_cursor[p.index()] = 0;
                self.move_panel(p, i as isize);
            }
            Focus::Text => {
                let total = self.analysis().map_or(0, |a| a.sentences.len());
                if total == 0 {
                    self.message = Some("no sentences yet: the article is being analysed".into());
                    return;
                }
                let target = i.min(total - 1);
                if let Some(&s) = self.analysis().and_then(|a| a.sentences.get(target)) {
                    self.reveal(s);
                    self.cursor = target;
                }
                self.message = Some(format!("sentence {}/{total}", target + 1));
            }
        }
    }
}
