//! Correcting the engine in the reader: one key and a small prompt per correction on a panel
//! item (reject, rename, kind, merge, split off a mention; mark a tension wrong, flip or edit
//! its sides; add a tension between two actors of the selection; add the selection as
//! evidence of a theme), saved to the corpus's `corrections.toml` and shown at once in every
//! panel, with undo.
//!
//! The reader keeps each article's analysis as the engine made it (`raw`) and shows it with
//! the corrections applied ([`crate::corrections::apply_traced`]); every change to the
//! corrections re-applies them to the articles they are about. The corrections store shares
//! the annotation store's corpus lock: it is writable exactly when that one is.

use super::app::{App, Effect, Focus, Item, Panel};
use super::keymap::Action;
use super::palette::Role;
use crate::analysis::Analysis;
use crate::annotations::Target;
use crate::corpus::Span;
use crate::corrections::apply::Touched;
use crate::corrections::store::CorrectionStore;
use crate::corrections::{
    Change, Correction, Corrections, KINDS, Unapplied, apply_traced, close_matches,
};
use crate::sanitize::clean_line;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use std::collections::HashMap;

/// Marks a panel item a correction changed.
pub const MARK: &str = "✓";

/// What the open prompt will make.
#[derive(Clone, Debug, PartialEq)]
pub enum Ask {
    /// Confirm a change that needs no text (reject, flip, add a tension).
    Confirm(Change),
    /// Type the new name of `actor`.
    Rename { actor: String },
    /// Pick the kind of `actor`.
    Kind { actor: String },
    /// Pick the actor `actor` is.
    Merge { actor: String },
    /// Name who the mention really is.
    Split { actor: String, mention: Target },
    /// Type the sides of the tension between these two: `A, B / C`.
    Sides { between: [String; 2] },
    /// Pick two actors of the selection.
    AddTension { evidence: Option<Target> },
    /// Pick the theme the passage is evidence of.
    Theme { passage: Target },
}

/// The small popup of one correction.
#[derive(Clone, Debug, PartialEq)]
pub struct Prompt {
    pub ask: Ask,
    pub title: String,
    pub input: String,
    /// Offered choices (filtered by `input` where it makes sense), and the highlighted one.
    pub choices: Vec<String>,
    pub choice: usize,
    /// Whole corpus instead of this article (Tab toggles where allowed).
    pub corpus_wide: bool,
    pub scope_fixed: bool,
    pub error: Option<String>,
}

/// The reader's corrections state.
#[derive(Default)]
pub struct Correcting {
    stores: Vec<CorrectionStore>,
    /// The engine's analyses, before corrections, of the articles analysed and not let go
    /// (by article number: a few, whatever the corpus size).
    raw: HashMap<usize, Analysis>,
    /// What the corrections changed, by article.
    pub touched: HashMap<usize, Touched>,
    /// The article's corrections that no longer apply, by article.
    pub unapplied: HashMap<usize, Vec<Unapplied>>,
    pub prompt: Option<Prompt>,
    /// Corrections made this session, last last: (article index, correction id).
    undo: Vec<(usize, String)>,
    /// Themes of the taxonomy (id, label), for the theme-evidence prompt.
    pub themes: Vec<(String, String)>,
    /// The list of corrections that no longer apply is open, its cursor on this one (see
    /// `unapplied`).
    pub listing: Option<usize>,
}

impl Correcting {
    /// Let go of what is kept of article `i` (its body was let go; it is analysed again
    /// when opened again).
    pub fn forget(&mut self, i: usize) {
        self.raw.remove(&i);
        self.touched.remove(&i);
        self.unapplied.remove(&i);
    }

    fn store_of(&self, root: &std::path::Path) -> Option<&CorrectionStore> {
        self.stores.iter().find(|s| s.root() == root)
    }
}

impl Action {
    /// The correction actions, whose letters type into the article list's filter there.
    pub fn corrects(self) -> bool {
        matches!(
            self,
            Action::CorrectReject
                | Action::CorrectRename
                | Action::CorrectKind
                | Action::CorrectMerge
                | Action::CorrectSplit
                | Action::CorrectFlip
                | Action::CorrectSides
                | Action::CorrectAddTension
                | Action::CorrectThemeEvidence
        )
    }
}

impl App {
    // ----- loading and applying --------------------------------------------------------

    /// Open one corrections store per corpus folder, writable when the annotation store of
    /// that folder is (they share its lock), and apply them to what is analysed already.
    pub fn open_corrections(&mut self) {
        let mut roots = self.roots();
        roots.sort();
        let mut messages = Vec::new();
        self.correcting.stores.clear();
        for root in roots {
            let read_only = self.notebook.read_only_of(&root);
            let (store, notices) = CorrectionStore::open_with(&root, read_only);
            messages.extend(
                notices
                    .iter()
                    .map(|n| clean_line(&n.to_string()).into_owned()),
            );
            self.correcting.stores.push(store);
        }
        self.reapply(None);
        if !messages.is_empty() {
            let old = self.message.take();
            messages.extend(old);
            self.message = Some(messages.join(" · "));
        }
    }

    /// An analysis arrived: keep it as the engine made it, return it corrected.
    pub(super) fn corrected_on_arrival(&mut self, index: usize, analysis: Analysis) -> Analysis {
        let c = &mut self.correcting;
        let Some(article) = self.articles.get(index) else {
            return analysis;
        };
        let stores = &c.stores;
        let Some(set) = stores
            .iter()
            .find(|s| s.root() == &*article.root)
            .map(|s| s.corrections())
        else {
            c.raw.insert(index, analysis.clone());
            return analysis;
        };
        c.raw.insert(index, analysis.clone());
        if set.is_empty() {
            c.touched.remove(&index);
            c.unapplied.remove(&index);
            return analysis;
        }
        let out = apply_traced(set, &article.id, article, analysis);
        c.touched.insert(index, out.touched);
        c.unapplied.insert(index, out.unapplied);
        if index == self.current {
            self.say_unapplied();
        }
        out.analysis
    }

    /// Say in the status line which of this article's corrections no longer apply.
    pub(super) fn say_unapplied(&mut self) {
        match self.unapplied_message() {
            Some(text) => self.message = Some(text),
            None => self.correcting.listing = None,
        }
    }

    /// Re-apply the corrections to article `only` (or every analysed article).
    fn reapply(&mut self, only: Option<usize>) {
        let mut analysed: Vec<usize> = self.correcting.raw.keys().copied().collect();
        analysed.sort_unstable();
        for i in analysed {
            if only.is_some_and(|o| o != i) {
                continue;
            }
            let Some(raw) = self.correcting.raw.get(&i).cloned() else {
                continue;
            };
            let corrected = self.corrected_on_arrival(i, raw);
            self.analyses[i] = Some(Box::new(corrected));
        }
        // Indices may have moved: the selected item and cursors are re-found.
        if only.is_none_or(|o| o == self.current) {
            self.active = None;
            self.highlights.clear();
            self.evidence.clear();
            self.evidence_current = None;
            for p in [Panel::Actors, Panel::Themes, Panel::Tensions] {
                let len = self.panel_items(p).len();
                let c = &mut self.panel_cursor[p as usize];
                *c = (*c).min(len.saturating_sub(1));
            }
        }
    }

    // ----- queries for the view ----------------------------------------------------------

    /// Whether the item was changed by a correction (a marker in its panel).
    pub fn is_corrected(&self, panel: Panel, index: usize) -> bool {
        let (Some(t), Some(an)) = (self.correcting.touched.get(&self.current), self.analysis())
        else {
            return false;
        };
        match panel {
            Panel::Actors => an
                .actors
                .get(index)
                .is_some_and(|a| t.actors.contains_key(&a.id)),
            Panel::Themes => an
                .themes
                .get(index)
                .is_some_and(|x| t.themes.contains_key(&x.id)),
            Panel::Tensions => an
                .tensions
                .get(index)
                .is_some_and(|x| t.tensions.contains_key(&x.id)),
            Panel::Notes => false,
        }
    }

    /// The corrections of the current article that no longer apply.
    pub fn unapplied_here(&self) -> &[Unapplied] {
        self.correcting
            .unapplied
            .get(&self.current)
            .map_or(&[], Vec::as_slice)
    }

    // ----- actions -----------------------------------------------------------------------

    /// Correction actions, and `u` in the Actors, Themes and Tensions panels. `None` when
    /// the action is not about correcting.
    pub(super) fn correct_action(&mut self, action: Action) -> Option<Effect> {
        let panel = match self.focus {
            Focus::Panel(p) => Some(p),
            _ => None,
        };
        let analysis_panel = matches!(panel, Some(Panel::Actors | Panel::Themes | Panel::Tensions));
        match action {
            Action::Undo if analysis_panel => self.undo_correction(),
            a if a.corrects() => {
                if let Err(why) = self.start_correction(a, panel) {
                    self.message = Some(why);
                }
            }
            _ => return None,
        }
        Some(Effect::None)
    }

    /// The item under the cursor of `panel`.
    fn panel_item(&self, panel: Panel) -> Option<usize> {
        self.panel_items(panel)
            .get(self.panel_cursor[panel as usize])
            .copied()
    }

    /// The passage of the selection, else of the cursor sentence.
    fn passage(&self) -> Option<Span> {
        self.notebook
            .selection
            .map(|s| s.span())
            .or_else(|| self.cursor_sentence())
    }

    fn start_correction(&mut self, action: Action, panel: Option<Panel>) -> Result<(), String> {
        let refused = self.corrections_refused();
        if let Some(why) = refused {
            return Err(why);
        }
        let an = self
            .analysis()
            .ok_or("the article is still being analysed")?;
        let article = self.article().ok_or("no article")?;
        let key = |a: Action| self.keymap.first(a).unwrap_or_default();
        let need_panel = |p: Panel| -> Result<usize, String> {
            if panel != Some(p) {
                return Err(format!(
                    "{} works on an item of {} (focus it with {})",
                    key(action),
                    p.title(),
                    key(match p {
                        Panel::Actors => Action::FocusActors,
                        Panel::Themes => Action::FocusThemes,
                        _ => Action::FocusTensions,
                    })
                ));
            }
            self.panel_item(p)
                .ok_or_else(|| format!("no item in {}", p.title()))
        };
        // A tension is named by the first actor of each side.
        let tension_names = |i: usize| -> Option<[String; 2]> {
            let t = an.tensions.get(i)?;
            let name = |side: &[String]| Some(an.actor(side.first()?)?.name.clone());
            Some([name(&t.sides[0])?, name(&t.sides[1])?])
        };
        let prompt = |ask: Ask, title: String| Prompt {
            ask,
            title,
            input: String::new(),
            choices: Vec::new(),
            choice: 0,
            corpus_wide: false,
            scope_fixed: false,
            error: None,
        };
        let mut p = match action {
            Action::CorrectReject => match panel {
                Some(Panel::Tensions) => {
                    let i = need_panel(Panel::Tensions)?;
                    let between = tension_names(i).ok_or("this tension has no named side")?;
                    let label = an.tensions[i].label.clone();
                    prompt(
                        Ask::Confirm(Change::RejectTension { between }),
                        format!("Mark “{label}” wrong"),
                    )
                }
                _ => {
                    let i = need_panel(Panel::Actors)?;
                    let actor = an.actors[i].name.clone();
                    prompt(
                        Ask::Confirm(Change::RejectActor {
                            actor: actor.clone(),
                        }),
                        format!("“{actor}” is not an actor"),
                    )
                }
            },
            Action::CorrectRename => {
                let i = need_panel(Panel::Actors)?;
                let actor = an.actors[i].name.clone();
                let mut p = prompt(
                    Ask::Rename {
                        actor: actor.clone(),
                    },
                    format!("Rename “{actor}” to"),
                );
                p.input = actor;
                p
            }
            Action::CorrectKind => {
                let i = need_panel(Panel::Actors)?;
                let a = &an.actors[i];
                let mut p = prompt(
                    Ask::Kind {
                        actor: a.name.clone(),
                    },
                    format!("“{}” is a (now {})", a.name, a.kind.as_str()),
                );
                p.choices = KINDS.iter().map(|k| k.as_str().to_string()).collect();
                p
            }
            Action::CorrectMerge => {
                let i = need_panel(Panel::Actors)?;
                let actor = an.actors[i].name.clone();
                prompt(
                    Ask::Merge {
                        actor: actor.clone(),
                    },
                    format!("“{actor}” is the same actor as"),
                )
            }
            Action::CorrectSplit => {
                let i = need_panel(Panel::Actors)?;
                let a = &an.actors[i];
                // The mention under the cursor: in the cursor sentence, else the evidence
                // jumped to, else the first.
                let sentence = self.cursor_sentence();
                let jumped = (self.active == Some(Item::Actor(i)))
                    .then_some(self.evidence_current)
                    .flatten()
                    .and_then(|e| self.evidence.get(e).copied());
                let m = a
                    .mentions
                    .iter()
                    .find(|m| sentence.is_some_and(|s| s.contains(m.span.start)))
                    .map(|m| m.span)
                    .or(jumped)
                    .or(a.mentions.first().map(|m| m.span))
                    .ok_or("this actor has no mention")?;
                if a.mentions.len() < 2 {
                    return Err(format!(
                        "“{}” has one mention: rename it ({}) or change its kind ({}) instead",
                        a.name,
                        key(Action::CorrectRename),
                        key(Action::CorrectKind)
                    ));
                }
                let mention = Target::from_span(&article.body, m).ok_or("bad mention")?;
                let mut p = prompt(
                    Ask::Split {
                        actor: a.name.clone(),
                        mention: mention.clone(),
                    },
                    format!(
                        "This “{}” is (a name; new or existing actor)",
                        mention.exact
                    ),
                );
                p.input = mention.exact;
                p.scope_fixed = true;
                p
            }
            Action::CorrectFlip => {
                let i = need_panel(Panel::Tensions)?;
                let between = tension_names(i).ok_or("this tension has no named side")?;
                let t = &an.tensions[i];
                let names = |side: &[String]| -> Vec<String> {
                    side.iter()
                        .filter_map(|id| an.actor(id).map(|a| a.name.clone()))
                        .collect()
                };
                let sides = [names(&t.sides[1]), names(&t.sides[0])];
                prompt(
                    Ask::Confirm(Change::SetSides {
                        between,
                        sides: sides.clone(),
                    }),
                    format!("Flip to {} vs {}", sides[0].join(", "), sides[1].join(", ")),
                )
            }
            Action::CorrectSides => {
                let i = need_panel(Panel::Tensions)?;
                let between = tension_names(i).ok_or("this tension has no named side")?;
                let t = &an.tensions[i];
                let names = |side: &[String]| -> String {
                    side.iter()
                        .filter_map(|id| an.actor(id).map(|a| a.name.clone()))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let mut p = prompt(
                    Ask::Sides { between },
                    "Sides: names, comma-separated, a / between the sides".into(),
                );
                p.input = format!("{} / {}", names(&t.sides[0]), names(&t.sides[1]));
                p
            }
            Action::CorrectAddTension => {
                let span = self.passage().ok_or("select a passage first")?;
                let mut names: Vec<String> = Vec::new();
                let mut in_order: Vec<(usize, &str)> = an
                    .actors
                    .iter()
                    .filter_map(|a| {
                        let m = a.mentions.iter().find(|m| span.overlaps(&m.span))?;
                        Some((m.span.start, a.name.as_str()))
                    })
                    .collect();
                in_order.sort();
                for (_, n) in in_order {
                    names.push(n.to_string());
                }
                if names.len() < 2 {
                    return Err(
                        "a tension needs two actors named in the selection (v to select)".into(),
                    );
                }
                let mut pairs = Vec::new();
                for (x, a) in names.iter().enumerate() {
                    for b in &names[x + 1..] {
                        pairs.push(format!("{a} / {b}"));
                    }
                }
                let evidence = Target::from_span(&article.body, span);
                let mut p = prompt(
                    Ask::AddTension { evidence },
                    "A tension between (this passage is its evidence)".into(),
                );
                p.choices = pairs;
                p.scope_fixed = true;
                p
            }
            Action::CorrectThemeEvidence => {
                let span = self.passage().ok_or("select a passage first")?;
                let passage = Target::from_span(&article.body, span).ok_or("bad passage")?;
                let mut p = prompt(
                    Ask::Theme { passage },
                    "The passage is evidence of the theme".into(),
                );
                let mut themes: Vec<String> = an.themes.iter().map(|t| t.label.clone()).collect();
                for (_, label) in &self.correcting.themes {
                    if !themes.contains(label) {
                        themes.push(label.clone());
                    }
                }
                p.choices = themes;
                // Start on the theme under the Themes cursor when that panel has the focus.
                if panel == Some(Panel::Themes)
                    && let Some(i) = self.panel_item(Panel::Themes)
                {
                    p.choice = i;
                }
                p.scope_fixed = true;
                p
            }
            _ => return Ok(()),
        };
        p.title = clean_line(&p.title).into_owned();
        self.correcting.prompt = Some(p);
        self.refilter();
        Ok(())
    }

    fn corrections_refused(&self) -> Option<String> {
        let article = self.article()?;
        match self.correcting.store_of(&article.root) {
            None => {
                Some("corrections are off: no corrections store is open for this corpus".into())
            }
            Some(s) => s.refusal().map(|e| clean_line(&e.to_string()).into_owned()),
        }
    }

    /// Keys while the prompt is open: text entry, Up/Down among the choices, Tab for the
    /// scope, Enter to save, Esc to cancel. Not remappable, like the other prompts.
    pub(super) fn correct_prompt_key(&mut self, key: &KeyEvent) -> Effect {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let Some(p) = self.correcting.prompt.as_mut() else {
            return Effect::None;
        };
        match key.code {
            KeyCode::Esc => {
                self.correcting.prompt = None;
                self.message = Some("correction cancelled".into());
                return Effect::None;
            }
            KeyCode::Enter => {
                self.commit_prompt();
                return Effect::None;
            }
            KeyCode::Tab | KeyCode::BackTab => {
                if p.scope_fixed {
                    p.error = Some("this correction is about a passage: this article only".into());
                } else {
                    p.corpus_wide = !p.corpus_wide;
                }
                return Effect::None;
            }
            KeyCode::Down => {
                if !p.choices.is_empty() {
                    p.choice = (p.choice + 1).min(p.choices.len() - 1);
                }
                return Effect::None;
            }
            KeyCode::Up => {
                p.choice = p.choice.saturating_sub(1);
                return Effect::None;
            }
            KeyCode::Backspace => {
                p.input.pop();
            }
            KeyCode::Char('u') if ctrl => p.input.clear(),
            KeyCode::Char(c) if !ctrl && !c.is_control() => p.input.push(c),
            _ => return Effect::None,
        }
        self.refilter();
        Effect::None
    }

    /// Choices that follow the typed text: actors for merge and split, kinds, themes.
    fn refilter(&mut self) {
        let Some(an) = self.analysis() else { return };
        let Some(p) = self.correcting.prompt.as_ref() else {
            return;
        };
        let others = |me: &str| -> Vec<String> {
            an.actors
                .iter()
                .filter(|a| a.name != me)
                .map(|a| a.name.clone())
                .collect()
        };
        let fuzzy = |all: Vec<String>, typed: &str| -> Vec<String> {
            if typed.trim().is_empty() {
                return all;
            }
            let refs: Vec<&str> = all.iter().map(String::as_str).collect();
            close_matches(typed, &refs, 12)
                .into_iter()
                .map(str::to_string)
                .collect()
        };
        let new = match &p.ask {
            Ask::Merge { actor } => Some(fuzzy(others(actor), &p.input)),
            Ask::Split { actor, mention } => {
                let typed = if p.input == mention.exact {
                    ""
                } else {
                    &p.input
                };
                Some(if typed.is_empty() {
                    Vec::new()
                } else {
                    fuzzy(others(actor), typed)
                })
            }
            Ask::Kind { .. } => Some(fuzzy(
                KINDS.iter().map(|k| k.as_str().to_string()).collect(),
                &p.input,
            )),
            _ => None,
        };
        if let Some(choices) = new
            && let Some(p) = self.correcting.prompt.as_mut()
        {
            p.choice = p.choice.min(choices.len().saturating_sub(1));
            p.choices = choices;
            p.error = None;
        }
    }

    /// Enter in the prompt: make the correction, save it, show it.
    fn commit_prompt(&mut self) {
        let Some(p) = self.correcting.prompt.clone() else {
            return;
        };
        let picked = p.choices.get(p.choice).cloned();
        let change = match p.ask.clone() {
            Ask::Confirm(c) => Ok(c),
            Ask::Rename { actor } => match p.input.trim() {
                "" => Err("type the new name".to_string()),
                n if n == actor => Err("that is its name already".to_string()),
                n => Ok(Change::Rename {
                    actor,
                    name: n.to_string(),
                }),
            },
            Ask::Kind { actor } => picked
                .as_deref()
                .and_then(crate::corrections::parse_kind)
                .map(|kind| Change::SetKind { actor, kind })
                .ok_or_else(|| "no such kind".to_string()),
            Ask::Merge { actor } => picked
                .map(|into| Change::Merge { actor, into })
                .ok_or_else(|| "no actor matches: type part of a name".to_string()),
            Ask::Split { actor, mention } => {
                let name = picked.unwrap_or_else(|| p.input.trim().to_string());
                if name.is_empty() {
                    Err("type who this mention is".to_string())
                } else {
                    Ok(Change::SplitMention {
                        actor,
                        mention,
                        name,
                        kind: None,
                    })
                }
            }
            Ask::Sides { between } => {
                parse_sides(&p.input).map(|sides| Change::SetSides { between, sides })
            }
            Ask::AddTension { evidence } => picked
                .as_deref()
                .and_then(|pair| pair.split_once(" / "))
                .map(|(a, b)| Change::AddTension {
                    between: [a.to_string(), b.to_string()],
                    evidence: evidence.clone(),
                })
                .ok_or_else(|| "pick two actors".to_string()),
            Ask::Theme { passage } => picked
                .and_then(|label| {
                    let id = self
                        .analysis()
                        .and_then(|an| an.themes.iter().find(|t| t.label == label))
                        .map(|t| t.id.clone())
                        .or_else(|| {
                            self.correcting
                                .themes
                                .iter()
                                .find(|(_, l)| *l == label)
                                .map(|(id, _)| id.clone())
                        })?;
                    Some(Change::ThemeEvidence {
                        theme: id,
                        label,
                        passage,
                    })
                })
                .ok_or_else(|| "pick a theme".to_string()),
        };
        let change = match change {
            Ok(c) => c,
            Err(e) => {
                if let Some(p) = self.correcting.prompt.as_mut() {
                    p.error = Some(e);
                }
                return;
            }
        };
        let Some(article) = self.article() else {
            return;
        };
        let (root, id) = (article.root.to_path_buf(), article.id.clone());
        let c = Correction::new((!p.corpus_wide).then_some(id), change);
        let (cid, line, wide) = (c.id.clone(), c.change.to_string(), p.corpus_wide);
        let saved = match self.correcting.stores.iter_mut().find(|s| s.root() == root) {
            Some(s) => s.add(c).map_err(|e| e.to_string()),
            None => Err("no corrections store is open for this corpus".into()),
        };
        match saved {
            Ok(()) => {
                self.correcting.prompt = None;
                // The selection was used up as the correction's passage.
                if matches!(p.ask, Ask::AddTension { .. } | Ask::Theme { .. }) {
                    self.notebook.selection = None;
                }
                self.correcting.undo.push((self.current, cid.clone()));
                self.reapply((!wide).then_some(self.current));
                let undo = self.keymap.first(Action::Undo).unwrap_or_default();
                let still = self.unapplied_here().iter().any(|u| u.correction.id == cid);
                self.message = Some(
                    clean_line(&if still {
                        format!(
                            "saved, but it changes nothing here: {line} ({undo} in a panel undoes)"
                        )
                    } else {
                        format!("corrected: {line} ({undo} in a panel undoes)")
                    })
                    .into_owned(),
                );
            }
            Err(e) => {
                if let Some(p) = self.correcting.prompt.as_mut() {
                    p.error = Some(clean_line(&e).into_owned());
                }
            }
        }
    }

    /// `u` in an analysis panel: remove the last correction made this session.
    fn undo_correction(&mut self) {
        let Some((index, id)) = self.correcting.undo.pop() else {
            self.message = Some("no correction to undo".into());
            return;
        };
        let Some(root) = self.articles.get(index).map(|a| a.root.to_path_buf()) else {
            return;
        };
        let removed = match self.correcting.stores.iter_mut().find(|s| s.root() == root) {
            Some(s) => s.remove(&id).map_err(|e| e.to_string()),
            None => Err("no corrections store".into()),
        };
        match removed {
            Ok(c) => {
                let wide = c.article.is_none();
                self.reapply((!wide).then_some(index));
                self.message = Some(clean_line(&format!("undone: {}", c.change)).into_owned());
            }
            Err(e) => {
                self.correcting.undo.push((index, id));
                self.message = Some(clean_line(&e).into_owned());
            }
        }
    }

    /// The corrections in force for the current article's folder.
    pub fn corrections_here(&self) -> Option<&Corrections> {
        let a = self.article()?;
        self.correcting.store_of(&a.root).map(|s| s.corrections())
    }
}

/// `A, B / C` -> the two sides.
fn parse_sides(text: &str) -> Result<[Vec<String>; 2], String> {
    let (a, b) = text
        .split_once('/')
        .ok_or("write the sides with a / between them")?;
    let side = |s: &str| -> Vec<String> {
        s.split(',')
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect()
    };
    let sides = [side(a), side(b)];
    if sides.iter().any(Vec::is_empty) {
        return Err("each side needs at least one actor".into());
    }
    Ok(sides)
}

/// The prompt popup, drawn over the reader.
pub fn prompt_view(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(pr) = &app.correcting.prompt else {
        return;
    };
    let p = &app.palette;
    let w = area.width.saturating_sub(4).min(64);
    let shown = pr.choices.len().min(8) as u16;
    let h = (6 + shown).min(area.height);
    let popup = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + area.height.saturating_sub(h) / 3,
        w,
        h,
    );
    Clear.render(popup, buf);
    let mut lines = Vec::new();
    let takes_text = matches!(
        pr.ask,
        Ask::Rename { .. }
            | Ask::Merge { .. }
            | Ask::Split { .. }
            | Ask::Sides { .. }
            | Ask::Kind { .. }
    );
    if takes_text {
        lines.push(Line::from(vec![
            TextSpan::styled("> ", p.style(Role::Muted)),
            TextSpan::raw(clean_line(&pr.input).into_owned()),
            TextSpan::styled("▏", p.style(Role::Muted)),
        ]));
    }
    let first = pr.choice.saturating_sub(7);
    for (i, c) in pr.choices.iter().enumerate().skip(first).take(8) {
        let style = if i == pr.choice {
            p.style(Role::CursorItem)
        } else {
            p.style(Role::Text)
        };
        let mark = if i == pr.choice { "▶ " } else { "  " };
        lines.push(Line::styled(format!("{mark}{}", clean_line(c)), style));
    }
    let scope = if pr.corpus_wide {
        "scope: WHOLE CORPUS (Tab: this article)"
    } else if pr.scope_fixed {
        "scope: this article"
    } else {
        "scope: this article (Tab: whole corpus)"
    };
    lines.push(Line::styled(scope, p.style(Role::Muted)));
    match &pr.error {
        Some(e) => lines.push(Line::styled(e.clone(), p.style(Role::Warning))),
        None => lines.push(Line::styled(
            "Enter save · Esc cancel · ↑↓ choose",
            p.style(Role::Muted),
        )),
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(p.style(Role::Border))
                .title(TextSpan::styled(
                    format!(" {} ", pr.title),
                    p.style(Role::Title),
                )),
        )
        .render(popup, buf);
}

/// Lines for the detail pane of a corrected item: "corrected by you" and what was said.
pub fn detail_lines(app: &App, item: Item) -> Vec<Line<'static>> {
    let (Some(an), Some(t), Some(set)) = (
        app.analysis(),
        app.correcting.touched.get(&app.current),
        app.corrections_here(),
    ) else {
        return Vec::new();
    };
    let ids = match item {
        Item::Actor(i) => an.actors.get(i).and_then(|a| t.actors.get(&a.id)),
        Item::Theme(i) => an.themes.get(i).and_then(|x| t.themes.get(&x.id)),
        Item::Tension(i) => an.tensions.get(i).and_then(|x| t.tensions.get(&x.id)),
        Item::Note(_) => None,
    };
    let Some(ids) = ids else { return Vec::new() };
    let p = &app.palette;
    let mut lines = vec![Line::styled("corrected by you", p.style(Role::ActiveItem))];
    for id in ids {
        if let Some(c) = set.list.iter().find(|c| &c.id == id) {
            lines.push(Line::styled(
                clean_line(&format!("  {} ({})", c.change, c.scope_label())).into_owned(),
                p.style(Role::Muted),
            ));
        }
    }
    lines
}
