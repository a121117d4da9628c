//! `*`: search for what is under the cursor, as in vim and less. The actor under the
//! Actors cursor (or the selected actor) is searched by all its names; otherwise the word
//! last clicked, the selected text, or the first actor named in the cursor sentence.

use super::app::{App, Focus, Item, Mode, Panel, Search};
use super::search;
use crate::analysis::Actor;
use crate::corpus::Span;
use unicode_segmentation::UnicodeSegmentation;

/// Selected text up to this length is searched as it is; longer, its head word.
const MAX_LITERAL: usize = 80;

/// A pattern matching any of the actor's names as whole words, longest first so
/// "Faure Gnassingbé" wins over "Gnassingbé".
pub fn actor_pattern(actor: &Actor) -> String {
    let mut names: Vec<&str> = std::iter::once(actor.name.as_str())
        .chain(actor.aliases.iter().map(String::as_str))
        .filter(|n| !n.trim().is_empty())
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    let alts: Vec<String> = names.iter().map(|n| search::literal(n)).collect();
    format!(r"\b(?:{})\b", alts.join("|"))
}

/// The word of `body` holding byte `at`, if `at` is inside one.
pub fn word_at(body: &str, at: usize) -> Option<Span> {
    let mut at = at.min(body.len());
    while !body.is_char_boundary(at) {
        at -= 1;
    }
    let lo = body[..at]
        .char_indices()
        .rev()
        .take(200)
        .last()
        .map_or(0, |(i, _)| i);
    let mut hi = (at + 200).min(body.len());
    while !body.is_char_boundary(hi) {
        hi += 1;
    }
    body[lo..hi]
        .unicode_word_indices()
        .map(|(i, w)| Span::new(lo + i, lo + i + w.len()))
        .find(|w| w.start <= at && at < w.end)
}

impl App {
    /// What `*` searches for, and how the status line names it.
    fn word_under_cursor(&self) -> Option<(String, String)> {
        let an = self.analysis()?;
        let article = self.article()?;
        let actor_under = match (self.focus, self.active) {
            (Focus::Panel(Panel::Actors), _) => self
                .panel_items(Panel::Actors)
                .get(self.panel_cursor[Panel::Actors as usize])
                .copied(),
            (_, Some(Item::Actor(i))) => Some(i),
            _ => None,
        };
        if let Some(a) = actor_under.and_then(|i| an.actors.get(i)) {
            return Some((actor_pattern(a), a.name.clone()));
        }
        let body = &article.body;
        if let Some(sel) = self.notebook.selection.map(|s| s.span())
            && let Some(text) = body.get(sel.start..sel.end)
        {
            let text = text.trim();
            if !text.is_empty() && text.len() <= MAX_LITERAL {
                return Some((search::literal(text), text.to_string()));
            }
        }
        let sentence = self.cursor_sentence()?;
        if let Some(w) = self
            .point
            .filter(|&p| sentence.contains(p))
            .and_then(|p| word_at(body, p))
        {
            let word = w.text(body);
            return Some((format!(r"\b{}\b", search::literal(word)), word.to_string()));
        }
        an.actors
            .iter()
            .filter_map(|a| {
                let m = a
                    .mentions
                    .iter()
                    .find(|m| sentence.contains(m.span.start))?;
                Some((m.span.start, a))
            })
            .min_by_key(|(start, _)| *start)
            .map(|(_, a)| (actor_pattern(a), a.name.clone()))
    }

    /// `*`: search for the word or actor under the cursor and go to the next hit.
    pub(super) fn search_word(&mut self) {
        let Some((pattern, what)) = self.word_under_cursor() else {
            self.message =
                Some("no word under the cursor: click a word, select one, or pick an actor".into());
            return;
        };
        let hits = match self.article().map(|a| search::find_all(&a.body, &pattern)) {
            Some(Ok(hits)) => hits,
            Some(Err(why)) => {
                self.message = Some(why);
                return;
            }
            None => return,
        };
        self.history.push(&pattern);
        if hits.is_empty() {
            self.message = Some(format!("no match for “{what}”"));
            return;
        }
        let n = hits.len();
        let from = self.cursor_sentence().map_or(self.pos.offset, |s| s.end);
        // The next hit after the cursor sentence, wrapping to the first.
        let next = hits.iter().position(|h| h.start >= from).unwrap_or(0);
        self.search = Search {
            pattern,
            hits,
            current: Some(next),
            active: true,
            error: None,
        };
        self.mode = Mode::Normal;
        self.focus = Focus::Text;
        self.jump_search_from_cursor();
        self.message = Some(format!("searching for “{what}”: {n} hits"));
    }
}
