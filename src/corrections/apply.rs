//! Applying corrections to a fresh analysis: a pure function from (corrections, article,
//! analysis) to the corrected analysis and the corrections that no longer apply.
//!
//! Every DESIGN §3 invariant holds on the way out: every actor keeps at least one mention,
//! every tension has two non-empty sides of actor ids of this article and at least one
//! evidence span, every span lies inside the body, and the lists are sorted (actors by
//! salience, themes and tensions by score, spans in body order).
//!
//! A correction scoped to this article that finds nothing to change (the actor is no longer
//! named, the passage was edited away) is returned as [`Unapplied`], never dropped. A
//! corpus-wide correction that has nothing to change here is simply not about this article.
//! Cost: O(corrections × (actors + tensions)) plus one re-anchoring per passage correction.

use super::{Change, Correction, Corrections, fold, names_actor};
use crate::analysis::{Actor, Analysis, Evidence, Mention, Tension, Theme, slug, titles};
use crate::annotations::{anchor, body_hash};
use crate::corpus::{Article, Span};
use std::collections::{BTreeMap, BTreeSet};

/// The `kind` of a tension added by a person.
pub const ADDED_TENSION_KIND: &str = "added by the analyst";

/// A correction that could not be applied to an article, and why, in one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Unapplied {
    pub correction: Correction,
    pub reason: String,
}

/// Which corrections changed which item of the corrected analysis (item id -> correction
/// ids), for markers in the reader.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Touched {
    pub actors: BTreeMap<String, Vec<String>>,
    pub themes: BTreeMap<String, Vec<String>>,
    pub tensions: BTreeMap<String, Vec<String>>,
}

/// The result of [`apply_traced`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    pub analysis: Analysis,
    pub unapplied: Vec<Unapplied>,
    pub touched: Touched,
    /// How many corrections changed something.
    pub applied: usize,
}

/// Apply the corrections about `article_id` to `analysis` of `article`, in the order they
/// were made. Returns the corrected analysis and the article's corrections that no longer
/// apply.
pub fn apply(
    corrections: &Corrections,
    article_id: &str,
    article: &Article,
    analysis: Analysis,
) -> (Analysis, Vec<Unapplied>) {
    let out = apply_traced(corrections, article_id, article, analysis);
    (out.analysis, out.unapplied)
}

/// [`apply`], also saying which items each correction changed.
pub fn apply_traced(
    corrections: &Corrections,
    article_id: &str,
    article: &Article,
    analysis: Analysis,
) -> Applied {
    let mut work = Work {
        article,
        hash: None,
        an: analysis,
        touched: Touched::default(),
        relabel: BTreeSet::new(),
    };
    let mut unapplied = Vec::new();
    let mut applied = 0;
    for c in corrections.for_article(article_id) {
        match work.one(c) {
            Ok(()) => applied += 1,
            Err(reason) => {
                if c.article.is_some() {
                    unapplied.push(Unapplied {
                        correction: c.clone(),
                        reason,
                    });
                }
            }
        }
    }
    if applied > 0 {
        work.finish();
    }
    Applied {
        analysis: work.an,
        unapplied,
        touched: work.touched,
        applied,
    }
}

struct Work<'a> {
    article: &'a Article,
    hash: Option<String>,
    an: Analysis,
    touched: Touched,
    /// Actor ids whose name or place changed: tensions naming them get a fresh label.
    relabel: BTreeSet<String>,
}

type Outcome = Result<(), String>;

impl Work<'_> {
    fn one(&mut self, c: &Correction) -> Outcome {
        match &c.change {
            Change::RejectActor { actor } => {
                let i = self.find(actor)?;
                self.remove_actor(i);
                Ok(())
            }
            Change::SetKind { actor, kind } => {
                let i = self.find(actor)?;
                self.an.actors[i].kind = *kind;
                self.mark_actor(i, c);
                Ok(())
            }
            Change::Merge { actor, into } => {
                let src = self.find(actor)?;
                match self.find(into) {
                    Ok(dst) if dst == src => Err(format!("“{actor}” and “{into}” are one actor")),
                    Ok(dst) => {
                        let dst_id = self.merge(src, dst);
                        self.touched
                            .actors
                            .entry(dst_id)
                            .or_default()
                            .push(c.id.clone());
                        Ok(())
                    }
                    Err(_) => {
                        self.rename(src, into);
                        self.mark_actor(src, c);
                        Ok(())
                    }
                }
            }
            Change::Rename { actor, name } => {
                let i = self.find(actor)?;
                if name.trim().is_empty() {
                    return Err("the new name is empty".into());
                }
                self.rename(i, name);
                self.mark_actor(i, c);
                Ok(())
            }
            Change::SplitMention {
                actor,
                mention,
                name,
                kind,
            } => {
                let span = self.place(mention)?;
                let src = self.find(actor)?;
                let m = self.an.actors[src]
                    .mentions
                    .iter()
                    .position(|m| m.span.overlaps(&span))
                    .ok_or_else(|| {
                        format!("“{}” is no longer a mention of “{actor}”", mention.exact)
                    })?;
                let src_actor = &self.an.actors[src];
                let (src_kind, src_salience) = (src_actor.kind, src_actor.salience);
                let mention_text = src_actor.mentions[m]
                    .span
                    .text(&self.article.body)
                    .to_string();
                let moved = self.an.actors[src].mentions.remove(m);
                let src_id = self.an.actors[src].id.clone();
                let existing = self
                    .an
                    .actors
                    .iter()
                    .position(|a| a.id != src_id && names_actor(a, name));
                let dst_id = match existing {
                    Some(d) => {
                        let a = &mut self.an.actors[d];
                        a.mentions.push(moved);
                        a.mentions.sort_by_key(|m| (m.span.start, m.span.end));
                        add_alias(a, &mention_text);
                        a.id.clone()
                    }
                    None => {
                        let id = self.unique_actor_id(name);
                        let mut a = Actor {
                            id: id.clone(),
                            name: name.trim().to_string(),
                            kind: kind.unwrap_or(src_kind),
                            aliases: Vec::new(),
                            role: None,
                            salience: (src_salience / 2.0).clamp(0.01, 1.0),
                            why: Vec::new(),
                            mentions: vec![moved],
                        };
                        add_alias(&mut a, &mention_text);
                        self.an.actors.push(a);
                        id
                    }
                };
                if let Some(k) = kind
                    && let Some(a) = self.an.actors.iter_mut().find(|a| a.id == dst_id)
                {
                    a.kind = *k;
                }
                self.touched
                    .actors
                    .entry(dst_id)
                    .or_default()
                    .push(c.id.clone());
                if self
                    .an
                    .actors
                    .iter()
                    .any(|a| a.id == src_id && a.mentions.is_empty())
                {
                    let i = self.index_of(&src_id);
                    if let Some(i) = i {
                        self.remove_actor(i);
                    }
                } else {
                    self.touched
                        .actors
                        .entry(src_id)
                        .or_default()
                        .push(c.id.clone());
                }
                Ok(())
            }
            Change::RejectTension { between: [a, b] } => {
                let found = self.tensions_between(a, b)?;
                for i in found.into_iter().rev() {
                    self.an.tensions.remove(i);
                }
                Ok(())
            }
            Change::SetSides {
                between: [a, b],
                sides,
            } => {
                let i = self.tensions_between(a, b)?[0];
                let mut ids: [Vec<String>; 2] = [Vec::new(), Vec::new()];
                for (k, side) in sides.iter().enumerate() {
                    for name in side {
                        let j = self.find(name)?;
                        let id = self.an.actors[j].id.clone();
                        if !ids[k].contains(&id) {
                            ids[k].push(id);
                        }
                    }
                }
                if ids[0].is_empty() || ids[1].is_empty() {
                    return Err("a tension needs an actor on each side".into());
                }
                if ids[0].iter().any(|id| ids[1].contains(id)) {
                    return Err("an actor cannot be on both sides".into());
                }
                let t = &mut self.an.tensions[i];
                t.sides = ids;
                t.label = String::new();
                self.touched
                    .tensions
                    .entry(t.id.clone())
                    .or_default()
                    .push(c.id.clone());
                Ok(())
            }
            Change::AddTension {
                between: [a, b],
                evidence,
            } => {
                let ia = self.find(a)?;
                let ib = self.find(b)?;
                if ia == ib {
                    return Err(format!("“{a}” and “{b}” are one actor"));
                }
                let spans = match evidence {
                    Some(t) => vec![self.place(t)?],
                    None => self.sentences_naming(ia, ib, c.article.is_some()),
                };
                if spans.is_empty() {
                    return Err(format!("no sentence names both “{a}” and “{b}”"));
                }
                let evidence: Vec<Evidence> = spans
                    .into_iter()
                    .map(|span| Evidence {
                        span,
                        section: self.article.section_at(span.start),
                    })
                    .collect();
                let (ida, idb) = (self.an.actors[ia].id.clone(), self.an.actors[ib].id.clone());
                let existing = self.an.tensions.iter().position(|t| {
                    (t.sides[0].contains(&ida) && t.sides[1].contains(&idb))
                        || (t.sides[0].contains(&idb) && t.sides[1].contains(&ida))
                });
                let tid = match existing {
                    Some(i) => {
                        let t = &mut self.an.tensions[i];
                        t.evidence.extend(evidence);
                        t.id.clone()
                    }
                    None => {
                        let mut id = format!("{ida}-vs-{idb}");
                        let mut n = 2;
                        while self.an.tensions.iter().any(|t| t.id == id) {
                            id = format!("{ida}-vs-{idb}-{n}");
                            n += 1;
                        }
                        self.an.tensions.push(Tension {
                            id: id.clone(),
                            label: String::new(),
                            kind: ADDED_TENSION_KIND.into(),
                            sides: [vec![ida], vec![idb]],
                            score: 0.5,
                            evidence,
                            why: Vec::new(),
                            event_class: String::new(),
                            quad_class: String::new(),
                        });
                        id
                    }
                };
                self.touched
                    .tensions
                    .entry(tid)
                    .or_default()
                    .push(c.id.clone());
                Ok(())
            }
            Change::ThemeEvidence {
                theme,
                label,
                passage,
            } => {
                let span = self.place(passage)?;
                let section = self.article.section_at(span.start);
                let want = fold(theme);
                let i = match self
                    .an
                    .themes
                    .iter()
                    .position(|t| t.id == *theme || fold(&t.label) == want)
                {
                    Some(i) => i,
                    None => {
                        let mut section_scores = vec![0.0; self.article.sections.len()];
                        if let Some(s) = section_scores.get_mut(section) {
                            *s = 0.1;
                        }
                        self.an.themes.push(Theme {
                            id: theme.clone(),
                            label: if label.trim().is_empty() {
                                theme.clone()
                            } else {
                                label.clone()
                            },
                            score: 0.1,
                            section_scores,
                            evidence: Vec::new(),
                            weights: Vec::new(),
                        });
                        self.an.themes.len() - 1
                    }
                };
                let t = &mut self.an.themes[i];
                t.evidence.push(Evidence { span, section });
                t.weights.push(0.0);
                self.touched
                    .themes
                    .entry(t.id.clone())
                    .or_default()
                    .push(c.id.clone());
                Ok(())
            }
        }
    }

    /// The actor `name` names: by its name first, else by an alias or id.
    fn find(&self, name: &str) -> Result<usize, String> {
        let want = fold(name);
        self.an
            .actors
            .iter()
            .position(|a| fold(&a.name) == want)
            .or_else(|| self.an.actors.iter().position(|a| names_actor(a, name)))
            .ok_or_else(|| format!("no actor “{name}” in this article"))
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        self.an.actors.iter().position(|a| a.id == id)
    }

    fn mark_actor(&mut self, i: usize, c: &Correction) {
        let id = self.an.actors[i].id.clone();
        self.relabel.insert(id.clone());
        self.touched
            .actors
            .entry(id)
            .or_default()
            .push(c.id.clone());
    }

    /// Where a stored passage stands in the current body.
    fn place(&mut self, target: &crate::annotations::Target) -> Result<Span, String> {
        let body = &self.article.body;
        let hash = self.hash.get_or_insert_with(|| body_hash(body));
        anchor::place_in(body, hash, target)
            .map(|(span, _)| span)
            .ok_or_else(|| format!("the passage “{}” is no longer in the article", target.exact))
    }

    /// Remove actor `i` and its place in every tension; tensions left with an empty side go.
    fn remove_actor(&mut self, i: usize) {
        let gone = self.an.actors.remove(i);
        self.touched.actors.remove(&gone.id);
        for t in &mut self.an.tensions {
            for side in &mut t.sides {
                if let Some(p) = side.iter().position(|id| *id == gone.id) {
                    side.remove(p);
                    t.label.clear();
                }
            }
        }
        self.an
            .tensions
            .retain(|t| !t.sides[0].is_empty() && !t.sides[1].is_empty());
    }

    /// Fold actor `src` into `dst`; returns `dst`'s id.
    fn merge(&mut self, src: usize, dst: usize) -> String {
        let from = self.an.actors[src].clone();
        let to = &mut self.an.actors[dst];
        to.mentions.extend(from.mentions.iter().copied());
        to.mentions.sort_by_key(|m| (m.span.start, m.span.end));
        to.mentions.dedup_by_key(|m| m.span);
        add_alias(to, &from.name);
        for a in &from.aliases {
            add_alias(to, a);
        }
        to.salience = to.salience.max(from.salience);
        if to.role.is_none() {
            to.role = from.role.clone();
        }
        let dst_id = to.id.clone();
        self.relabel.insert(dst_id.clone());
        if let Some(moved) = self.touched.actors.remove(&from.id) {
            self.touched
                .actors
                .entry(dst_id.clone())
                .or_default()
                .extend(moved);
        }
        self.an.actors.remove(src);
        for t in &mut self.an.tensions {
            for side in &mut t.sides {
                for id in side.iter_mut() {
                    if *id == from.id {
                        *id = dst_id.clone();
                    }
                }
                let mut seen = BTreeSet::new();
                side.retain(|id| seen.insert(id.clone()));
            }
            // One actor on both sides opposes nobody: it leaves both.
            let both: Vec<String> = t.sides[0]
                .iter()
                .filter(|id| t.sides[1].contains(id))
                .cloned()
                .collect();
            for side in &mut t.sides {
                side.retain(|id| !both.contains(id));
            }
        }
        self.an
            .tensions
            .retain(|t| !t.sides[0].is_empty() && !t.sides[1].is_empty());
        dst_id
    }

    fn rename(&mut self, i: usize, name: &str) {
        let a = &mut self.an.actors[i];
        let old = std::mem::replace(&mut a.name, name.trim().to_string());
        a.aliases.retain(|x| fold(x) != fold(&a.name));
        add_alias(a, &old);
        self.relabel.insert(a.id.clone());
    }

    fn unique_actor_id(&self, name: &str) -> String {
        let base = match slug(name) {
            s if s.is_empty() => "actor".to_string(),
            s => s,
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.an.actors.iter().any(|a| a.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// Indices of the tensions with an actor named `a` on one side and `b` on the other.
    fn tensions_between(&self, a: &str, b: &str) -> Result<Vec<usize>, String> {
        let ids = |name: &str| -> BTreeSet<&str> {
            self.an
                .actors
                .iter()
                .filter(|x| names_actor(x, name))
                .map(|x| x.id.as_str())
                .collect()
        };
        let (ia, ib) = (ids(a), ids(b));
        if ia.is_empty() {
            return Err(format!("no actor “{a}” in this article"));
        }
        if ib.is_empty() {
            return Err(format!("no actor “{b}” in this article"));
        }
        let has =
            |side: &[String], set: &BTreeSet<&str>| side.iter().any(|id| set.contains(id.as_str()));
        let found: Vec<usize> = self
            .an
            .tensions
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                (has(&t.sides[0], &ia) && has(&t.sides[1], &ib))
                    || (has(&t.sides[0], &ib) && has(&t.sides[1], &ia))
            })
            .map(|(i, _)| i)
            .collect();
        if found.is_empty() {
            Err(format!(
                "no tension between “{a}” and “{b}” in this article"
            ))
        } else {
            Ok(found)
        }
    }

    /// Sentences naming both actors; with `fallback`, when none does, the sentence of each
    /// one's first mention.
    fn sentences_naming(&self, a: usize, b: usize, fallback: bool) -> Vec<Span> {
        let of = |i: usize| -> BTreeSet<usize> {
            self.an.actors[i]
                .mentions
                .iter()
                .filter_map(|m| self.sentence_of(m))
                .collect()
        };
        let (sa, sb) = (of(a), of(b));
        let both: Vec<Span> = sa
            .intersection(&sb)
            .filter_map(|&i| self.an.sentences.get(i).copied())
            .collect();
        if !both.is_empty() || !fallback {
            return both;
        }
        let mut first: Vec<Span> = [sa.first(), sb.first()]
            .into_iter()
            .flatten()
            .filter_map(|&i| self.an.sentences.get(i).copied())
            .collect();
        first.sort();
        first.dedup();
        first
    }

    fn sentence_of(&self, m: &Mention) -> Option<usize> {
        let s = &self.an.sentences;
        let i = s
            .partition_point(|x| x.start <= m.span.start)
            .checked_sub(1)?;
        s[i].contains(m.span.start).then_some(i)
    }

    /// Restore every invariant after the corrections: spans sorted and unique, nothing
    /// empty, fresh labels where names or sides changed, lists sorted, section titles
    /// regenerated from the corrected actors.
    fn finish(&mut self) {
        let body_len = self.article.body.len();
        let inside = |s: &Span| s.start < s.end && s.end <= body_len;
        for a in &mut self.an.actors {
            a.mentions.retain(|m| inside(&m.span));
            a.mentions.sort_by_key(|m| (m.span.start, m.span.end));
            a.mentions.dedup_by_key(|m| m.span);
        }
        let gone: Vec<String> = self
            .an
            .actors
            .iter()
            .filter(|a| a.mentions.is_empty())
            .map(|a| a.id.clone())
            .collect();
        for id in gone {
            if let Some(i) = self.index_of(&id) {
                self.remove_actor(i);
            }
        }
        let known: BTreeSet<String> = self.an.actors.iter().map(|a| a.id.clone()).collect();
        for t in &mut self.an.tensions {
            t.evidence.retain(|e| inside(&e.span));
            t.evidence.sort_by_key(|e| (e.span.start, e.span.end));
            t.evidence.dedup_by_key(|e| e.span);
            for side in &mut t.sides {
                side.retain(|id| known.contains(id));
            }
        }
        self.an
            .tensions
            .retain(|t| !t.sides[0].is_empty() && !t.sides[1].is_empty() && !t.evidence.is_empty());
        for t in &mut self.an.themes {
            t.evidence.retain(|e| inside(&e.span));
            t.evidence.sort_by_key(|e| (e.span.start, e.span.end));
            t.evidence.dedup_by_key(|e| e.span);
        }
        self.an.themes.retain(|t| !t.evidence.is_empty());
        let names: BTreeMap<&str, &str> = self
            .an
            .actors
            .iter()
            .map(|a| (a.id.as_str(), a.name.as_str()))
            .collect();
        for t in &mut self.an.tensions {
            let stale =
                t.label.is_empty() || t.sides.iter().flatten().any(|id| self.relabel.contains(id));
            if stale {
                let side = |s: &[String]| {
                    join_names(
                        &s.iter()
                            .filter_map(|id| names.get(id.as_str()).copied())
                            .collect::<Vec<_>>(),
                    )
                };
                t.label = capitalise(&format!("{} vs {}", side(&t.sides[0]), side(&t.sides[1])));
            }
        }
        // Stable sorts: ties keep the engine's order.
        self.an
            .actors
            .sort_by(|a, b| b.salience.total_cmp(&a.salience));
        self.an.themes.sort_by(|a, b| b.score.total_cmp(&a.score));
        self.an.tensions.sort_by(|a, b| b.score.total_cmp(&a.score));
        self.an.section_titles =
            titles::section_titles(self.article, &self.an.actors, &self.an.themes);
    }
}

/// Add `name` to the actor's aliases unless it is its name or already there (folded).
fn add_alias(a: &mut Actor, name: &str) {
    let f = fold(name);
    if f.is_empty() || fold(&a.name) == f || a.aliases.iter().any(|x| fold(x) == f) {
        return;
    }
    a.aliases.push(name.to_string());
}

fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
