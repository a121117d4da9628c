//! The jump list, as in vim: each jump (to evidence, a search hit, a section, the top or
//! bottom, another article, a counted `G`) remembers where the reader was, `Ctrl-o` goes
//! back there and `Ctrl-i` (or `Alt-i`) forward again. Plain scrolling is no jump.

use super::app::{App, Focus};
use super::keymap::Action;
use super::wrap::Position;

/// A place in the corpus: article, reading position, cursor sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub article: usize,
    pub pos: Position,
    pub cursor: usize,
}

/// Places behind and ahead of the reader.
#[derive(Clone, Debug, Default)]
pub struct JumpList {
    back: Vec<Place>,
    forward: Vec<Place>,
}

/// How many places the list keeps each way.
const KEEP: usize = 100;

impl JumpList {
    /// A new jump from `from`: it goes on the back list and the forward list is dropped.
    pub fn push(&mut self, from: Place) {
        if self.back.last() == Some(&from) {
            return;
        }
        self.back.push(from);
        if self.back.len() > KEEP {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// (places behind, places ahead).
    pub fn len(&self) -> (usize, usize) {
        (self.back.len(), self.forward.len())
    }

    pub fn is_empty(&self) -> bool {
        self.back.is_empty() && self.forward.is_empty()
    }
}

impl Action {
    /// Actions that move the reader far enough to be worth coming back from.
    pub(super) fn is_jump(self) -> bool {
        matches!(
            self,
            Action::NextEvidence
                | Action::PrevEvidence
                | Action::Select
                | Action::Top
                | Action::Bottom
                | Action::NextSection
                | Action::PrevSection
                | Action::NextArticle
                | Action::PrevArticle
                | Action::SearchWord
        )
    }
}

impl App {
    /// Where the reader is: (article, position, cursor).
    pub(super) fn here(&self) -> (usize, Position, usize) {
        (self.current, self.pos, self.cursor)
    }

    /// After a jump: remember where it started, if the reader really moved.
    pub(super) fn record_jump_from(&mut self, article: usize, (pos, cursor): (Position, usize)) {
        let moved = article != self.current || cursor != self.cursor || pos != self.pos;
        if moved {
            self.jumps.push(Place {
                article,
                pos,
                cursor,
            });
        }
    }

    fn place(&self) -> Place {
        Place {
            article: self.current,
            pos: self.pos,
            cursor: self.cursor,
        }
    }

    fn go_to_place(&mut self, to: Place) {
        if to.article != self.current {
            self.open(to.article);
        }
        self.focus = Focus::Text;
        self.pos = to.pos;
        self.cursor = to.cursor;
        self.reflow();
        let n = self.analysis().map_or(0, |a| a.sentences.len());
        self.cursor = self.cursor.min(n.saturating_sub(1));
    }

    /// Ctrl-o: back to where the last jump started.
    pub(super) fn jump_back(&mut self) {
        let Some(to) = self.jumps.back.pop() else {
            self.message = Some("no earlier jump to go back to".into());
            return;
        };
        let here = self.place();
        self.jumps.forward.push(here);
        self.go_to_place(to);
        let (back, ahead) = self.jumps.len();
        self.message = Some(format!("jumped back ({back} behind, {ahead} ahead)"));
    }

    /// Ctrl-i / Alt-i: forward again after Ctrl-o.
    pub(super) fn jump_forward(&mut self) {
        let Some(to) = self.jumps.forward.pop() else {
            self.message = Some("no later jump to go forward to".into());
            return;
        };
        let here = self.place();
        self.jumps.back.push(here);
        self.go_to_place(to);
        let (back, ahead) = self.jumps.len();
        self.message = Some(format!("jumped forward ({back} behind, {ahead} ahead)"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(cursor: usize) -> Place {
        Place {
            article: 0,
            pos: Position::default(),
            cursor,
        }
    }

    #[test]
    fn a_new_jump_drops_the_forward_list_and_the_list_is_bounded() {
        let mut j = JumpList::default();
        j.push(at(1));
        j.push(at(1));
        assert_eq!(j.len(), (1, 0), "the same place twice is kept once");
        j.forward.push(at(9));
        j.push(at(2));
        assert_eq!(j.len(), (2, 0));
        for i in 0..500 {
            j.push(at(i + 10));
        }
        assert_eq!(j.len(), (KEEP, 0));
    }
}
