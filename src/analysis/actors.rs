//! Actors: people, organisations, countries, places, regions and groups named in an article.
//!
//! Three steps, all linear in the body:
//!
//! 1. **Candidates.** The body is tokenised once; one gazetteer automaton pass marks known
//!    names (countries with their aliases and demonyms, cities, places, regions,
//!    organisations with their acronyms, and collective groups). Runs of capitalised
//!    tokens (joined by particles such as "de", "al", "van" and, after an organisation head
//!    word, by "of"/"for") become chunks; a chunk is split at titles ("President"), known
//!    names and cue words, and classified from the evidence around it (titles and role
//!    nouns, given names, verbs of saying, organisation and place head words, "in X").
//!    A capitalised word that opens a sentence is only kept when something besides its
//!    capital says it is a name; heading lines and Title Case headlines only confirm names
//!    found elsewhere.
//! 2. **Merging.** Candidates with the same gazetteer entry or the same folded name form one
//!    actor; a surname merges into the full name seen in the article, a defined acronym into
//!    its expansion, a demonym into its country.
//! 3. **Actors.** Each group gets its fullest name, its other surface forms as aliases, a
//!    role where the text gives one, a slug id and a salience.

use super::gazetteer::{FxHashMap, FxHashSet, GazMatch, Gazetteer, MAX_PRODUCT_WORDS};
use super::syntax::{self, Syntax, Upos};
use super::tagged::TaggedSentences;
use super::text::{self, TokenKind};
use super::{Actor, ActorKind, ActorWhy, AnalyzerError, Basis, Mention};
use crate::corpus::{Article, Span};
use std::cell::{Cell, OnceCell};

mod rules;
mod slug;

use rules::*;
pub use slug::slug;

/// Finds and merges actor mentions. Built once; `find` is pure.
pub struct ActorFinder {
    gaz: Gazetteer,
}

/// The letter shape of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// First letter upper case ("Togo", "McCain", "al-Assad" counts too).
    Upper,
    /// Two or more letters, all upper case ("ECOWAS", "U.S.").
    Caps,
    Lower,
    Number,
    Punct,
    Possessive,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    span: Span,
    shape: Shape,
    /// First word of a sentence, of a line, or of a quotation: capitalised for grammar.
    initial: bool,
}

/// Gazetteer aliases that name a relation to someone ("opponents"): owned by a person
/// ("his opponents") they are that person's rivals, not the group of the entry. A party's
/// or a government's ("its opponents") are the opposition indeed.
const RELATIONAL_GROUP_WORDS: &[&str] = &["opponents"];
const PERSON_POSSESSIVES: &[&str] = &["his", "her", "my"];

/// How sure a candidate's kind is.
const GAZ: u8 = 3;
const CUE: u8 = 2;
const GUESS: u8 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Gaz(usize),
    Name(String),
}

#[derive(Clone, Debug)]
struct Cand {
    span: Span,
    kind: ActorKind,
    strength: u8,
    key: Key,
    role: Option<String>,
    /// A capitalised sentence opener kept only if another mention confirms the name.
    unconfirmed: bool,
    /// What made it a candidate of its kind, and the cue in words ("given name").
    basis: Basis,
    cue: &'static str,
}

/// What a common noun describing a name says about it.
enum NounKind {
    Actor(ActorKind),
    /// A substance, object, work or event: the name is no actor.
    Thing,
    Unknown,
}

/// One unit of a chunk: a gazetteer match (one or more tokens) or a single token.
#[derive(Clone, Copy, Debug)]
struct Unit {
    first: usize,
    end: usize,
    gaz: Option<usize>,
}

impl ActorFinder {
    pub fn new() -> Result<Self, AnalyzerError> {
        Ok(ActorFinder {
            gaz: Gazetteer::new().map_err(AnalyzerError)?,
        })
    }

    /// Actors of `article`, sorted by salience, highest first.
    pub fn find(&self, article: &Article, sentences: &[Span]) -> Vec<Actor> {
        self.find_tagged(article, sentences).0
    }

    /// As [`find`](Self::find), with the tagged body sentences the scan read, for the
    /// stages after it.
    pub fn find_tagged(
        &self,
        article: &Article,
        sentences: &[Span],
    ) -> (Vec<Actor>, TaggedSentences) {
        let mut scan = Scan::new(self, article, sentences);
        scan.body_candidates();
        scan.heading_candidates();
        let tagged = std::mem::take(&mut scan.sentences_tagged);
        (scan.into_actors(), tagged)
    }
}

/// The per-article working state.
struct Scan<'a> {
    finder: &'a ActorFinder,
    gaz: &'a Gazetteer,
    article: &'a Article,
    body: &'a str,
    toks: Vec<Tok>,
    /// Token ranges of the sentences, with whether the sentence is a heading or headline.
    sents: Vec<(usize, usize, bool)>,
    matches: Vec<GazMatch>,
    /// Per token: index into `matches` of the gazetteer match starting there.
    gaz_at: Vec<u32>,
    /// Per match: the token index after its last token.
    gaz_end: Vec<usize>,
    /// Capitalised words seen inside sentences (not as openers, not in headings).
    mid_caps: FxHashSet<&'a str>,
    /// Lower-case words of the article, built on first need.
    lower: OnceCell<FxHashSet<&'a str>>,
    /// How many `seen_lower` questions were answered by scanning, before `lower` is built.
    lower_scans: Cell<usize>,
    cands: Vec<Cand>,
    /// Reused by `chunk`.
    unit_buf: Vec<Unit>,
    /// Acronym slug -> slug of the name it abbreviates ("ECOWAS" defined in parentheses).
    acronyms: FxHashMap<String, Key>,
    /// The tagger's words of the body sentences (not headings), in body order: a
    /// capitalised run with nothing else for it must hold a proper noun.
    tagged: Vec<(Span, Upos)>,
    /// The tagged tokens of each body sentence, handed on to the tension finder.
    sentences_tagged: TaggedSentences,
    /// Name keys that an apposition calls a thing ("the Hajj, an annual pilgrimage"):
    /// none of their mentions is an actor.
    things: FxHashSet<String>,
    /// Acronyms the article writes with a version number ("IE6", "PS4"), with and without
    /// it: the names of products, not actors.
    versioned: FxHashSet<&'a str>,
    /// Name keys that an apposition gives a kind ("Vyasna, a human rights centre,"): the
    /// kind holds for every mention, over weaker cues such as a verb of saying.
    apposed: FxHashMap<String, ActorKind>,
}

const NONE: u32 = u32::MAX;

/// `seen_lower` questions answered by a scan of the tokens before building a set.
const LOWER_SCANS: usize = 8;

/// Every actor kind, in declaration order (`kind as usize` indexes it).
const ALL_KINDS: [ActorKind; 6] = [
    ActorKind::Person,
    ActorKind::Organization,
    ActorKind::Country,
    ActorKind::Place,
    ActorKind::Region,
    ActorKind::Group,
];
const _: () = {
    let mut i = 0;
    while i < ALL_KINDS.len() {
        assert!(ALL_KINDS[i] as usize == i);
        i += 1;
    }
};

impl<'a> Scan<'a> {
    fn new(finder: &'a ActorFinder, article: &'a Article, sentences: &[Span]) -> Self {
        let body = article.body.as_str();
        let gaz = &finder.gaz;
        let mut toks = Vec::with_capacity(body.len() / 5);
        let mut sents = Vec::with_capacity(sentences.len());
        let title = article.title.trim().trim_start_matches('#').trim();
        let headline = article.headline();
        for s in sentences {
            if s.end > body.len()
                || !body.is_char_boundary(s.start)
                || !body.is_char_boundary(s.end)
            {
                continue;
            }
            let first = toks.len();
            let mut prev: Option<Tok> = None;
            for t in text::tokens(body, *s) {
                let shape = shape_of(t.kind, t.span.text(body));
                let initial = match prev {
                    None => true,
                    Some(p) => {
                        let between = &body[p.span.end..t.span.start];
                        // A byte loop: `str::contains(char)` sets up a memchr search,
                        // costly for the one space usually found here.
                        between.bytes().any(|b| b == b'\n')
                            || (p.shape == Shape::Punct
                                && matches!(
                                    p.span.text(body),
                                    "“" | "\"" | ":" | "‘" | "-" | "•" | "*"
                                )
                                && (p.initial
                                    || between.is_empty()
                                    || body[..p.span.start].ends_with(['\n', ' '])))
                    }
                };
                let tok = Tok {
                    span: t.span,
                    shape,
                    initial: initial && matches!(shape, Shape::Upper | Shape::Caps | Shape::Lower),
                };
                // Opening punctuation passes "initial" on to the first word.
                let carry = Tok {
                    initial: initial || tok.initial,
                    ..tok
                };
                toks.push(tok);
                prev = Some(if shape == Shape::Punct && initial {
                    carry
                } else {
                    tok
                });
            }
            let heading = headline.is_some_and(|h| h.start <= s.start && s.end <= h.end)
                || is_headline(body, *s, &toks[first..], title);
            sents.push((first, toks.len(), heading));
        }
        let mut matches = Vec::new();
        gaz.matches(body, 0, &mut matches);
        // Align matches with tokens; a match that does not start and end on token edges
        // ("Niger" inside "Niger-based" is fine, inside a word is not) is dropped.
        let mut gaz_at = vec![NONE; toks.len()];
        let mut gaz_end = vec![0; matches.len()];
        for (mi, m) in matches.iter().enumerate() {
            let Ok(first) = toks.binary_search_by(|t| t.span.start.cmp(&m.start)) else {
                continue;
            };
            let mut end = first;
            while end < toks.len() && toks[end].span.end <= m.end {
                end += 1;
            }
            // "defeated his opponents": a relational noun owned by a person names that
            // person's rivals, not the political opposition the gazetteer means by it.
            let is_any = |text: Option<&str>, words: &[&str]| {
                text.is_some_and(|t| words.iter().any(|w| t.eq_ignore_ascii_case(w)))
            };
            let owned = first > 0
                && is_any(body.get(m.start..m.end), RELATIONAL_GROUP_WORDS)
                && is_any(Some(toks[first - 1].span.text(body)), PERSON_POSSESSIVES);
            if end > first && toks[end - 1].span.end == m.end && !owned {
                gaz_at[first] = mi as u32;
                gaz_end[mi] = end;
            }
        }
        // Tag every body sentence once: cheap next to the rest of the scan.
        let model = Syntax::embedded();
        let mut tagged = Vec::new();
        let mut sentences_tagged = TaggedSentences::default();
        let mut words = Vec::new();
        for (s, &(first, end, heading)) in sentences.iter().zip(&sents) {
            if heading || first == end {
                continue;
            }
            // `tokenize_into` appends: one sentence at a time, or every sentence would tag
            // all the sentences before it again.
            words.clear();
            syntax::tokenize_into(body, *s, &mut words);
            model.tag(&mut words, body);
            tagged.extend(words.iter().map(|w| (w.span(), w.upos)));
            sentences_tagged.push(*s, &words);
        }
        let mut versioned = FxHashSet::default();
        for t in &toks {
            if t.shape == Shape::Caps {
                let w = t.span.text(body);
                if let Some(stem) = version_stem(w) {
                    versioned.insert(w);
                    versioned.insert(stem);
                }
            }
        }
        let mut mid_caps = FxHashSet::default();
        for &(s, e, heading) in &sents {
            if heading {
                continue;
            }
            for t in &toks[s..e] {
                if !t.initial && matches!(t.shape, Shape::Upper | Shape::Caps) {
                    mid_caps.insert(t.span.text(body));
                }
            }
        }
        Scan {
            finder,
            gaz,
            article,
            body,
            toks,
            sents,
            matches,
            gaz_at,
            gaz_end,
            mid_caps,
            lower: OnceCell::new(),
            lower_scans: Cell::new(0),
            cands: Vec::new(),
            unit_buf: Vec::new(),
            acronyms: FxHashMap::default(),
            tagged,
            sentences_tagged,
            things: FxHashSet::default(),
            versioned,
            apposed: FxHashMap::default(),
        }
    }

    /// Length in tokens of a product's name starting at token `i` (not crossing `j`):
    /// listed in `products.txt`, or an acronym the article writes with a version number.
    fn product_len(&self, i: usize, j: usize) -> usize {
        if self.versioned.contains(self.text(i)) {
            return 1;
        }
        (1..=MAX_PRODUCT_WORDS.min(j - i))
            .rev()
            .find(|&n| self.gaz.products.contains(self.span_text(i, i + n)))
            .unwrap_or(0)
    }

    /// What the tagger read in tokens `a..b`: whether any word is a proper noun, and the
    /// tag of the last word ("built" in "US-built").
    fn tagged_run(&self, a: usize, b: usize) -> (bool, Option<Upos>) {
        let span = Span::new(self.toks[a].span.start, self.toks[b - 1].span.end);
        let from = self.tagged.partition_point(|(w, _)| w.end <= span.start);
        let words = self.tagged[from..]
            .iter()
            .take_while(|(w, _)| w.start < span.end);
        let mut propn = false;
        let mut last = None;
        for &(_, upos) in words {
            propn |= upos == Upos::Propn;
            last = Some(upos);
        }
        (propn, last)
    }

    /// The tagger's reading of the word that starts where token `i` starts, if any.
    fn upos_at(&self, i: usize) -> Option<Upos> {
        let start = self.toks.get(i)?.span.start;
        let k = self.tagged.partition_point(|(w, _)| w.start < start);
        self.tagged
            .get(k)
            .filter(|(w, _)| w.start == start)
            .map(|&(_, u)| u)
    }

    /// True when a known place, region or country (not a demonym), or a place candidate
    /// found just before, ends right before token `k` ("Huntsville" in "Huntsville, X").
    fn place_ends_at(&self, k: usize, s: usize) -> bool {
        let placey = |kind: ActorKind| {
            matches!(
                kind,
                ActorKind::Place | ActorKind::Region | ActorKind::Country
            )
        };
        let gaz = (s..k).rev().take(4).any(|x| {
            self.gaz_unit(x).is_some_and(|(m, end)| {
                end == k
                    && placey(self.gaz_kind(m))
                    && self.matches[m].form != super::gazetteer::Form::Demonym
            })
        });
        gaz || (k > s
            && self.cands.last().is_some_and(|c| {
                // A guess counts too: "in Livorno, Tuscany" has no cue but "in".
                c.span.end == self.toks[k - 1].span.end && placey(c.kind)
            }))
    }

    /// What a common noun says about the name it describes: a person, an organisation or
    /// a place, a thing that is no actor, or nothing.
    fn noun_kind(&self, w: &str) -> NounKind {
        let singular = w.strip_suffix('s').filter(|x| x.len() > 2);
        // "charities", "companies": the singular ends in "y".
        let y_form = w
            .strip_suffix("ies")
            .filter(|x| x.len() > 2)
            .map(|x| format!("{x}y"));
        let any = |list: &[&str]| {
            list.contains(&w)
                || singular.is_some_and(|x| list.contains(&x))
                || y_form.as_deref().is_some_and(|x| list.contains(&x))
        };
        if self.gaz.person_roles.contains(w)
            || singular.is_some_and(|x| self.gaz.person_roles.contains(x))
        {
            NounKind::Actor(ActorKind::Person)
        } else if any(ORG_NOUNS) {
            NounKind::Actor(ActorKind::Organization)
        } else if any(PLACE_NOUNS) || any(PLACE_FOLLOWERS) {
            NounKind::Actor(ActorKind::Place)
        } else if any(THING_NOUNS) || any(WORK_NOUNS) {
            NounKind::Thing
        } else {
            NounKind::Unknown
        }
    }

    /// The head noun of an apposition right after a name ("X, a range of neurotoxins,"
    /// gives "neurotoxins"; "X, formerly a church" gives "church"), read from the tags.
    fn apposition_head(&self, b: usize, e: usize) -> Option<&'a str> {
        if b + 1 >= e || self.text(b) != "," {
            return None;
        }
        let mut k = b + 1;
        let mut seen_det = false;
        while k < e && k - b <= 8 {
            match self.upos_at(k) {
                Some(Upos::Det) => seen_det = true,
                Some(Upos::Adv | Upos::Adj | Upos::Num | Upos::Propn) => {}
                Some(Upos::Noun) if self.shape(k) == Shape::Lower => {
                    if !seen_det {
                        return None;
                    }
                    // "a nerve agent": the last noun of a compound is its head.
                    while k + 1 < e
                        && self.shape(k + 1) == Shape::Lower
                        && self.upos_at(k + 1) == Some(Upos::Noun)
                    {
                        k += 1;
                    }
                    let w = self.text(k);
                    // "... to restore Bazoum, the three governments signed a pact": a noun
                    // phrase after the comma that goes on with its own verb is the subject
                    // of the next clause, not a description of the name. An apposition is
                    // followed by a comma, a relative or a participle ("a company based
                    // in"), never an auxiliary, and a plural one by no verb at all.
                    let plural = w.len() > 3 && w.ends_with('s') && !w.ends_with("ss");
                    match self.upos_at(k + 1).filter(|_| k + 1 < e) {
                        Some(Upos::Aux) => return None,
                        Some(Upos::Verb) if plural => return None,
                        _ => {}
                    }
                    // "a range of neurotoxins": the noun after a classifier names the kind.
                    if CLASSIFIERS.contains(&w)
                        && k + 2 < e
                        && self.text(k + 1) == "of"
                        && self.shape(k + 2) == Shape::Lower
                    {
                        return Some(self.text(k + 2));
                    }
                    return Some(w);
                }
                _ => return None,
            }
            k += 1;
        }
        None
    }

    /// True when token `a` is an acronym in brackets right after lower-case words whose
    /// initials spell it ("gross domestic product (GDP)"); "of", "and", "the" may come
    /// between and count or not.
    fn lowercase_expansion(&self, a: usize, s: usize, e: usize) -> bool {
        if a < s + 2 || a + 1 >= e || self.text(a - 1) != "(" || self.text(a + 1) != ")" {
            return false;
        }
        let letters: Vec<char> = self
            .text(a)
            .chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        // "HFCs": a plural "s" is no initial.
        let letters = match letters.split_last() {
            Some((&'s', rest)) if self.text(a).ends_with('s') && rest.len() >= 2 => rest,
            _ => &letters[..],
        };
        if letters.len() < 2 {
            return false;
        }
        let mut need = letters.len();
        let mut k = a - 1;
        while need > 0 && k > s {
            k -= 1;
            let w = self.text(k);
            if self.shape(k) != Shape::Lower {
                return false;
            }
            if w.starts_with(letters[need - 1]) {
                need -= 1;
            } else if !matches!(w, "of" | "and" | "the" | "for" | "in" | "on") {
                return false;
            }
        }
        need == 0
    }

    /// The common noun that a name at token `a` is an example of: "religions, such as
    /// Wicca" and "groups including Hamas" give "religions" and "groups".
    fn example_of(&self, a: usize, s: usize) -> Option<&'a str> {
        let mut k = a.checked_sub(1).filter(|&k| k > s)?;
        if self.text(k) == "as" && self.text(k - 1) == "such" && k - 1 > s {
            k -= 2;
        } else if self.text(k) == "including" {
            k -= 1;
        } else {
            return None;
        }
        if self.text(k) == "," && k > s {
            k -= 1;
        }
        (self.shape(k) == Shape::Lower && self.upos_at(k) == Some(Upos::Noun)).then(|| self.text(k))
    }

    /// True when token `b` (after a name) reads like its predicate: a verb, an auxiliary
    /// or a possessive ("Seagal made", "Trudeau will", "Eon's"), after an adverb or not.
    fn predicate_follows(&self, b: usize, e: usize) -> bool {
        // "Rogers recently introduced": an adverb may come between.
        let b = if b + 1 < e && self.upos_at(b) == Some(Upos::Adv) && self.shape(b) == Shape::Lower
        {
            b + 1
        } else {
            b
        };
        b < e
            && (self.shape(b) == Shape::Possessive
                || matches!(self.upos_at(b), Some(Upos::Verb | Upos::Aux))
                || self.subject_follows(b, e))
    }

    fn text(&self, i: usize) -> &'a str {
        self.toks[i].span.text(self.body)
    }

    /// The body text of tokens `a..b`.
    fn span_text(&self, a: usize, b: usize) -> &'a str {
        Span::new(self.toks[a].span.start, self.toks[b - 1].span.end).text(self.body)
    }

    fn shape(&self, i: usize) -> Shape {
        self.toks[i].shape
    }

    fn capish(&self, i: usize) -> bool {
        matches!(self.toks[i].shape, Shape::Upper | Shape::Caps)
    }

    /// The gazetteer match starting at token `i`, with its end token.
    fn gaz_unit(&self, i: usize) -> Option<(usize, usize)> {
        let m = *self.gaz_at.get(i)?;
        (m != NONE).then(|| (m as usize, self.gaz_end[m as usize]))
    }

    fn gaz_kind(&self, m: usize) -> ActorKind {
        self.gaz.entries[self.matches[m].entry].kind
    }

    fn is_cue(&self, i: usize) -> bool {
        let w = self.text(i);
        self.gaz.org_cues.contains(w) || self.gaz.place_cues.contains(w)
    }

    fn is_org_cue(&self, i: usize) -> bool {
        self.gaz.org_cues.contains(self.text(i))
    }

    fn is_place_cue(&self, i: usize) -> bool {
        self.gaz.place_cues.contains(self.text(i))
    }

    /// True when `word` is written in lower case somewhere in the article.
    fn seen_lower(&self, word: &str) -> bool {
        // ASCII words (nearly all) are lowered into a stack buffer, not a new String.
        let mut buf = [0u8; 32];
        let owned;
        let lower = match ascii_lower(word, &mut buf) {
            Some(l) => l,
            None => {
                owned = word.to_lowercase();
                owned.as_str()
            }
        };
        // The first few questions scan the tokens (most articles ask fewer than eight, and the
        // answer is often near the start); after that a set of all the lower-case words
        // is built, so the work stays linear in the body however many are asked.
        let asked = self.lower_scans.get();
        if self.lower.get().is_none() && asked < LOWER_SCANS {
            self.lower_scans.set(asked + 1);
            return self
                .toks
                .iter()
                .any(|t| t.shape == Shape::Lower && t.span.text(self.body) == lower);
        }
        let set = self.lower.get_or_init(|| {
            // Sized up front: growing the table step by step cost more than the inserts.
            let n = self.toks.iter().filter(|t| t.shape == Shape::Lower).count();
            let mut set = FxHashSet::with_capacity_and_hasher(n, Default::default());
            set.extend(
                self.toks
                    .iter()
                    .filter(|t| t.shape == Shape::Lower)
                    .map(|t| t.span.text(self.body)),
            );
            set
        });
        set.contains(lower)
    }

    /// A function word or a date word: never the start or end of a name.
    fn is_common(&self, word: &str) -> bool {
        if self.gaz.never_names.contains(word) {
            return true;
        }
        let mut buf = [0u8; 32];
        match ascii_lower(word, &mut buf) {
            Some(l) => self.gaz.common_words.contains(l),
            None => false,
        }
    }

    // ---- step 1: candidates ------------------------------------------------------------

    fn body_candidates(&mut self) {
        for si in 0..self.sents.len() {
            let (s, e, heading) = self.sents[si];
            if heading {
                continue;
            }
            let mut i = s;
            while i < e {
                // A group word inside a capitalised name ("Kpalime Farmers Union") is part
                // of the name, not the group.
                if let Some((m, end)) = self.gaz_unit(i)
                    && self.gaz_kind(m) == ActorKind::Group
                    && !(self.capish(i)
                        && (i > s && self.capish(i - 1) && !self.toks[i - 1].initial
                            || end < e && self.capish(end)))
                {
                    self.push_gaz(m, i, end, None);
                    i = end;
                    continue;
                }
                // "Image: Nick Moreau.": a credit names who took the picture, not an
                // actor of the story.
                if i + 1 < e && CREDIT_WORDS.contains(&self.text(i)) && self.text(i + 1) == ":" {
                    i = e;
                    continue;
                }
                if let Some(end) = self.quoted_org(i, s, e) {
                    i = end;
                    continue;
                }
                if let Some(end) = self.quoted_title_end(i, e) {
                    i = end;
                    continue;
                }
                if self.capish(i) || self.gaz_unit(i).is_some() {
                    let j = self.chunk_end(i, e);
                    self.chunk(i, j, s, e);
                    i = j.max(i + 1);
                } else {
                    i += 1;
                }
            }
        }
    }

    /// `the newspaper "Die ZEIT"`: a quoted name right after an organisation noun is the
    /// organisation's name. Pushes it and returns the token after the closing quote.
    fn quoted_org(&mut self, i: usize, s: usize, e: usize) -> Option<usize> {
        if i == s
            || !matches!(self.text(i), "“" | "\"" | "‘")
            || self.shape(i - 1) != Shape::Lower
            || !ORG_NOUNS.contains(&self.text(i - 1))
        {
            return None;
        }
        let close = (i + 1..e.min(i + 8)).find(|&k| matches!(self.text(k), "”" | "\"" | "’"))?;
        let name_like = close > i + 1
            && self.capish(i + 1)
            && self.capish(close - 1)
            && (i + 1..close).all(|k| {
                self.capish(k)
                    || (self.shape(k) == Shape::Lower && PARTICLES.contains(&self.text(k)))
            });
        if !name_like {
            return None;
        }
        self.push_name(
            i + 1,
            close,
            ActorKind::Organization,
            CUE,
            None,
            (Basis::Cue, "quoted after an organisation noun"),
        );
        Some(close + 1)
    }

    /// `“Game of Thrones”`: a short quotation in Title Case names a work, not an actor.
    /// Returns the token after the closing quote when `i` opens such a quotation.
    fn quoted_title_end(&self, i: usize, e: usize) -> Option<usize> {
        if !matches!(self.text(i), "“" | "\"" | "‘") || i + 1 >= e || !self.capish(i + 1) {
            return None;
        }
        let (mut words, mut caps) = (0, 0);
        for k in i + 1..e.min(i + 18) {
            let w = self.text(k);
            if matches!(w, "”" | "\"" | "’") {
                return (words > 0 && caps * 2 > words && words <= MAX_TITLE_WORDS)
                    .then_some(k + 1);
            }
            match self.shape(k) {
                Shape::Upper | Shape::Caps => {
                    words += 1;
                    caps += 1;
                }
                Shape::Lower if w.len() > 4 => return None,
                Shape::Lower => words += 1,
                // `" Game of Thrones . "`: final punctuation inside the closing quote.
                Shape::Punct if matches!(w, "." | "!" | "?") => {
                    let title = words > 0 && caps * 2 > words && words <= MAX_TITLE_WORDS;
                    if k + 1 < e {
                        let closes = matches!(self.text(k + 1), "”" | "\"" | "’");
                        return (closes && title).then_some(k + 2);
                    }
                    // The sentence ends at the punctuation, before the closing quote.
                    let rest = self.body[self.toks[k].span.end..].trim_start_matches(' ');
                    let closes = rest.starts_with(['”', '"', '’']);
                    return (closes && title).then_some(k + 1);
                }
                _ => {}
            }
        }
        None
    }

    /// End (exclusive) of the chunk of capitalised tokens starting at `i`.
    fn chunk_end(&self, i: usize, e: usize) -> usize {
        let mut j = i;
        let mut weak = None;
        while j < e && j - i < MAX_CHUNK_TOKENS {
            if let Some((m, end)) = self.gaz_unit(j) {
                if self.gaz_kind(m) == ActorKind::Group {
                    if self.capish(j) {
                        j += 1;
                        continue;
                    }
                    break;
                }
                j = end.min(e);
                continue;
            }
            if self.capish(j) {
                j += 1;
                continue;
            }
            if j == i {
                break;
            }
            let next_cap = j + 1 < e && (self.capish(j + 1) || self.gaz_unit(j + 1).is_some());
            let w = self.text(j);
            let shape = self.shape(j);
            if shape == Shape::Lower && PARTICLES.contains(&w) {
                if next_cap {
                    j += 1;
                    continue;
                }
                // "Plaza de las Victorias": two particles in a row.
                if j + 2 < e && PARTICLES.contains(&self.text(j + 1)) && self.capish(j + 2) {
                    j += 2;
                    continue;
                }
                // "al - Jadaan" in pre-tokenised text.
                if j + 2 < e && matches!(self.text(j + 1), "-" | "–") && self.capish(j + 2) {
                    j += 2;
                    continue;
                }
            }
            // "Cinema for Peace Foundation": the organisation word comes after "for".
            // Not after a person's given name, title or role noun: "Marta Quell of Ostrava
            // Press Agency", "publishers Jann Wenner of Rolling Stone Magazine" are a
            // person and an employer.
            let org_ahead = next_cap
                && j - i <= 3
                && !self.gaz.given_names.contains(self.text(i))
                && self.title_len(i, j) == 0
                && !(i > 0 && self.role_noun(i - 1))
                && (j + 1..e.min(j + 5))
                    .take_while(|&k| self.capish(k))
                    .any(|k| self.is_org_cue(k));
            // "Secretary of State Mike Pompeo": "of" after a title; "Office of the UN High
            // Commissioner for Human Rights": "for" in a name that an organisation word opened.
            let head_ok = match w {
                "of" | "for" => {
                    self.is_cue(j - 1)
                        || org_ahead
                        || (w == "of"
                            && self.toks[j - 1].shape == Shape::Upper
                            && self.gaz.title_at(&[self.text(j - 1)]) > 0)
                        || (w == "for" && j - i <= 8 && (i..j).any(|k| self.is_org_cue(k)))
                }
                // "the Kennedy Space Center on STS-1": a code after "on" is a mission, a
                // flight or a bill, not the rest of the name.
                "on" => {
                    ON_HEADS.contains(&self.text(j - 1))
                        && !(next_cap && self.text(j + 1).bytes().any(|c| c.is_ascii_digit()))
                }
                _ => false,
            };
            if head_ok {
                if next_cap {
                    j += 1;
                    continue;
                }
                if j + 2 < e && self.text(j + 1) == "the" && self.capish(j + 2) {
                    j += 2;
                    continue;
                }
            }
            // "Lucas Cranach the Elder": an epithet ends the name it is part of.
            if w == "the" && j + 1 < e && EPITHETS.contains(&self.text(j + 1)) {
                j += 2;
                break;
            }
            // "Marks & Spencer", "Mary & Leigh Block Museum": an ampersand joins the
            // words of one name; "and" may as well join two names.
            if w == "&" && next_cap {
                j += 1;
                continue;
            }
            if w == "and" && next_cap {
                weak.get_or_insert(j);
                j += 1;
                continue;
            }
            // "Haute - Garonne" in pre-tokenised text.
            if matches!(w, "-" | "–")
                && next_cap
                && self.toks[j - 1].span.end < self.toks[j].span.start
            {
                j += 1;
                continue;
            }
            break;
        }
        // "National Air and Space Museum", "The Globe and Mail": "and" inside a name that
        // ends in a head word, or that a capitalised "The" opens inside a sentence.
        let the_title = i > 0 && self.text(i) == "The" && !self.toks[i].initial;
        if let Some(w) = weak
            && !self.is_cue(j - 1)
            && !the_title
        {
            j = w;
        }
        j.max(i + 1).min(e)
    }

    /// Split the chunk `[i, j)` of sentence `[s, e)` into units and classify it.
    fn chunk(&mut self, i: usize, j: usize, s: usize, e: usize) {
        // One buffer for the units of every chunk rather than a Vec per chunk.
        let mut units = std::mem::take(&mut self.unit_buf);
        units.clear();
        self.chunk_units(&mut units, i, j, s, e);
        self.unit_buf = units;
    }

    fn chunk_units(&mut self, units: &mut Vec<Unit>, i: usize, j: usize, s: usize, e: usize) {
        let mut k = i;
        while k < j {
            match self.gaz_unit(k) {
                Some((m, end)) if end <= j && self.gaz_kind(m) != ActorKind::Group => {
                    units.push(Unit {
                        first: k,
                        end,
                        gaz: Some(m),
                    });
                    k = end;
                }
                _ => {
                    units.push(Unit {
                        first: k,
                        end: k + 1,
                        gaz: None,
                    });
                    k += 1;
                }
            }
        }
        // A capitalised opener is the ordinary word when it is common or written in lower
        // case elsewhere in the article ("Officials", "Despite", "Growth").
        let mut unconfirmed = false;
        if let Some(u) = units.first()
            && u.gaz.is_none()
            && self.toks[u.first].initial
        {
            let w = self.text(u.first);
            let known = self.gaz.given_names.contains(w) || self.title_len(u.first, j) > 0;
            if !known {
                let ordinary = self.is_common(w)
                    || (self.shape(u.first) == Shape::Upper && ends_with_any(w, OPENER_ENDINGS));
                if ordinary {
                    units.remove(0);
                } else if units.len() == 1 {
                    if !self.single_name_like(u.first) || self.seen_lower(w) {
                        units.remove(0);
                    } else if !self.mid_caps.contains(w) {
                        // "Trudeau will", "Gomery, who", "Eon's": a verb, a comma or a
                        // possessive after the opener reads like a subject name.
                        // "Vyasna, a rights centre,": an apposition describes a name.
                        // "Ubisoft, Microsoft, and Sony": listed with a known name.
                        let next_ok = j < e
                            && ((self.subject_follows(j, e) && !plural_like(w))
                                || self.opens_a_list(u.first, j, e)
                                || matches!(
                                    self.apposition_head(j, e).map(|x| self.noun_kind(x)),
                                    Some(NounKind::Actor(_))
                                ));
                        unconfirmed = !next_ok && self.shape(u.first) != Shape::Caps;
                    }
                } else if self.seen_lower(w) && !self.gaz.not_entities.contains(w) {
                    units.remove(0);
                }
            }
        }
        self.trim_units(units);
        if units.is_empty() {
            return;
        }
        let before = self.cands.len();
        self.classify(units, s, e, true);
        if unconfirmed {
            for c in &mut self.cands[before..] {
                c.unconfirmed = true;
            }
        }
        self.acronym_after(j, e, before);
    }

    /// Drop connectors and not-a-name words from both ends of a chunk.
    fn trim_units(&self, units: &mut Vec<Unit>) {
        let weak = |me: &Self, u: &Unit| {
            u.gaz.is_none() && {
                let w = me.text(u.first);
                !me.capish(u.first) || me.is_common(w)
            }
        };
        while units.last().is_some_and(|u| weak(self, u)) {
            units.pop();
        }
        let lead = units.iter().take_while(|u| weak(self, u)).count();
        units.drain(..lead);
    }

    /// Length in tokens of a title starting at token `i` (not crossing `j`).
    fn title_len(&self, i: usize, j: usize) -> usize {
        let mut words: [&str; 4] = [""; 4];
        let n = (j - i).min(4);
        for (k, w) in words.iter_mut().enumerate().take(n) {
            *w = self.text(i + k);
        }
        let mut t = self.gaz.title_at(&words[..n]);
        // "Representatives Eliot Engel, Adam Schiff": a plural title before a list of names.
        if t == 0
            && let Some(one) = words[0].strip_suffix('s').filter(|w| w.len() > 3)
        {
            t = self.gaz.title_at(&[one]);
        }
        // "Saint - Gaudens" is a place, not Saint + name.
        if t > 0 && i + t < self.toks.len() && matches!(self.text(i + t), "-" | "–") {
            return 0;
        }
        t
    }

    /// The kind of a known organisation or place listed right before or after `[a, b)`
    /// with a comma, "and" or "or".
    fn listed_kind(&self, a: usize, b: usize, e: usize) -> Option<ActorKind> {
        let usable = |k: ActorKind| matches!(k, ActorKind::Organization | ActorKind::Place);
        if b + 1 < e
            && matches!(self.text(b), "," | "and" | "or")
            && let Some((m, _)) = self.gaz_unit(b + 1)
            && usable(self.gaz_kind(m))
        {
            return Some(self.gaz_kind(m));
        }
        if a >= 2 && matches!(self.text(a - 1), "," | "and" | "or") {
            let before = self.toks[a - 2].span.end;
            if let Some(c) = self.cands.last()
                && c.span.end == before
                && c.strength >= CUE
                && usable(c.kind)
            {
                return Some(c.kind);
            }
        }
        None
    }

    /// True when the lone name `[a, b)` opens a list whose next item is a known
    /// organisation or place ("Ubisoft, Microsoft, and Sony", "Ubisoft and Microsoft"):
    /// a list of names, not an opener and its comma ("However, Microsoft said").
    fn opens_a_list(&self, a: usize, b: usize, e: usize) -> bool {
        if self.listed_kind(a, b, e).is_none() {
            return false;
        }
        if matches!(self.text(b), "and" | "or") {
            return true;
        }
        self.gaz_unit(b + 1)
            .is_some_and(|(_, end)| end < e && matches!(self.text(end), "," | "and" | "or"))
    }

    /// True when token `j` reads like the predicate after a subject name: a possessive, an
    /// auxiliary or a verb in the past or third person ("Trudeau will", "Vega suggested",
    /// "Caplan dismisses"), or ", who" / ", said".
    fn subject_follows(&self, j: usize, e: usize) -> bool {
        let w = self.text(j);
        match self.shape(j) {
            Shape::Possessive => true,
            Shape::Lower => {
                AUXILIARIES.contains(&w)
                    || self.gaz.speech_verbs.contains(w)
                    || (w.len() > 3 && w.ends_with("ed"))
                    || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss"))
            }
            Shape::Punct if w == "," && j + 1 < e => {
                let n = self.text(j + 1);
                matches!(n, "who" | "whose") || self.gaz.speech_verbs.contains(n)
            }
            _ => false,
        }
    }

    /// A lone capitalised token that may be a name on its own.
    fn single_name_like(&self, a: usize) -> bool {
        let w = self.text(a);
        if self.is_common(w) || self.gaz.not_entities.contains(w) {
            return false;
        }
        // "G.D.P." is "GDP" written with dots.
        if w.contains('.') && self.gaz.not_entities.contains(w.replace('.', "").as_str()) {
            return false;
        }
        if self.gaz.given_names.contains(w) {
            return true;
        }
        // "MLAs", "HFCs": plural of an acronym.
        let stem = w.strip_suffix('s').unwrap_or("");
        if stem.len() >= 2 && stem.chars().all(|c| c.is_uppercase()) {
            return false;
        }
        if is_roman_numeral(w) || w.contains(|c: char| c.is_ascii_digit()) {
            return false;
        }
        !(self.shape(a) == Shape::Upper && ends_with_any(w, ADJECTIVE_ENDINGS))
    }

    /// True when token `k` is a lower-case role noun for a person, singular or plural
    /// ("minister", "publishers").
    fn role_noun(&self, k: usize) -> bool {
        let w = self.text(k);
        self.shape(k) == Shape::Lower
            && (self.gaz.person_roles.contains(w)
                || w.strip_suffix('s')
                    .is_some_and(|x| self.gaz.person_roles.contains(x)))
    }

    fn is_speech(&self, i: usize) -> bool {
        let mut i = i;
        if i < self.toks.len() && self.text(i) == "," {
            i += 1;
        }
        i < self.toks.len() && self.gaz.speech_verbs.contains(self.text(i))
    }

    /// Classify the units of one chunk, pushing candidates.
    fn classify(&mut self, units: &[Unit], s: usize, e: usize, titles: bool) {
        let (a, b) = (units[0].first, units[units.len() - 1].end);
        let last = b - 1;
        // "Kennedy Space Center", "the Convention Centre": a centre people visit is a site.
        let facility = last > a
            && units[units.len() - 1].gaz.is_none()
            && matches!(self.text(last), "Center" | "Centre")
            && FACILITY_MODIFIERS.contains(&self.text(last - 1));
        // "the National Museum of the U.S. Air Force": a known organisation after "of"
        // ends the name with its own head word; the head word before "of" decides.
        let last_unit = &units[units.len() - 1];
        let complement_org = units.len() >= 2
            && last_unit
                .gaz
                .is_some_and(|m| self.gaz_kind(m) == ActorKind::Organization)
            && last_unit.first >= a + 2
            && (self.text(last_unit.first - 1) == "of"
                || (self.text(last_unit.first - 1) == "the"
                    && self.text(last_unit.first - 2) == "of"));
        let cue_org = !facility
            && ((self.is_org_cue(last) && !complement_org)
            || units.iter().enumerate().any(|(k, u)| {
                u.gaz.is_none()
                    && k + 1 < units.len()
                    && self.is_org_cue(u.first)
                    && matches!(self.text(u.end), "of" | "for" | "on")
            })
            // "Instituto Gonzaga", "Movimento 5 Stelle": Romance and German languages put
            // the head word first.
            || (units.len() >= 2 && units[0].gaz.is_none() && ORG_STARTS.contains(&self.text(a))));
        // "professor Marc Lamont Hill": a role noun and a given name outweigh a place word.
        // Without a known given name, a role noun right before a name of two or more words
        // still does ("professor Marc Lamont Hill").
        let role_person = a > s
            && self.shape(a - 1) == Shape::Lower
            && self.gaz.person_roles.contains(self.text(a - 1))
            && (self.gaz.given_names.contains(self.text(a))
                || (units.len() >= 2
                    && units.iter().all(|u| u.gaz.is_none())
                    && !PLACE_STARTS.contains(&self.text(a))));
        // "the Weatherspoon Art Museum at the University of X": a museum, gallery or
        // library at a university or college is one of its departments, an organisation.
        let cue_org = cue_org
            || (!facility
                && units.len() >= 2
                && units.iter().enumerate().any(|(k, u)| {
                    u.gaz.is_none()
                        && PART_OF_ACADEMY.contains(&self.text(u.first))
                        && (k + 1 == units.len() || self.text(u.end) == "of")
                })
                && self.at_academy(b, e));
        let cue_place = !cue_org
            && !role_person
            && (self.is_place_cue(last)
                || units.iter().enumerate().any(|(k, u)| {
                    u.gaz.is_none()
                        && k + 1 < units.len()
                        && self.is_place_cue(u.first)
                        && matches!(self.text(u.end), "of" | "de" | "del")
                }));
        // "Windows XP", "Google Chrome", "Sony PlayStation", "IE6": a product is no actor,
        // and a maker named right before it is an organisation. "Linux Foundation": a
        // head word after the product names an organisation, kept above.
        if !cue_org
            && let Some(k) = units
                .iter()
                .position(|u| u.gaz.is_none() && self.product_len(u.first, b) > 0)
        {
            let mut maker = units[..k].to_vec();
            self.trim_units(&mut maker);
            match maker[..] {
                [] => {}
                [
                    Unit {
                        gaz: Some(m),
                        first,
                        end,
                    },
                ] => self.push_gaz(m, first, end, None),
                _ => {
                    let (ma, mb) = (maker[0].first, maker[maker.len() - 1].end);
                    self.push_name(
                        ma,
                        mb,
                        ActorKind::Organization,
                        CUE,
                        None,
                        (Basis::Cue, "maker of a product"),
                    );
                }
            }
            return;
        }
        if units.len() == 1
            && let Some(m) = units[0].gaz
        {
            self.push_gaz(m, a, b, None);
            return;
        }
        // "Refugee Council Enver Solomon": an organisation head word followed by a given
        // name ends the organisation and starts a person.
        if let Some(k) = (0..units.len().saturating_sub(1)).find(|&k| {
            units[k].gaz.is_none()
                && units[k + 1].gaz.is_none()
                && self.is_org_cue(units[k].first)
                && self.gaz.given_names.contains(self.text(units[k + 1].first))
        }) {
            self.classify(&units[..=k], s, e, titles);
            self.classify(&units[k + 1..], s, e, titles);
            return;
        }
        // "the Refugee Council Enver Solomon told": a head word, then two more capitalised
        // words and a verb of saying: the organisation, then its speaker.
        let n = units.len();
        if n >= 4
            && b < e
            && self.is_speech(b)
            && units[n - 3].gaz.is_none()
            && self.is_org_cue(units[n - 3].first)
            && units[n - 2..].iter().all(|u| {
                u.gaz.is_none() && self.shape(u.first) == Shape::Upper && !self.is_cue(u.first)
            })
        {
            self.classify(&units[..n - 2], s, e, titles);
            self.classify(&units[n - 2..], s, e, titles);
            return;
        }
        if units.len() >= 2
            && units[units.len() - 1].gaz.is_none()
            && self.gaz.misc_cues.contains(self.text(last))
        {
            return; // "Paris Agreement", "Election Day": named, but not an actor
        }
        // "Space Shuttle Columbia", "Hurricane Katrina", "Operation Clambake": a head word
        // of vehicles, storms and operations before the name names a thing or an event.
        // The name after the head is the thing too when it stands alone ("Columbia").
        if units.len() >= 2
            && let Some(k) = units.iter().position(|u| {
                u.gaz.is_none() && self.capish(u.first) && {
                    let mut buf = [0u8; 32];
                    ascii_lower(self.text(u.first), &mut buf)
                        .is_some_and(|w| THING_HEADS.contains(&w))
                }
            })
        {
            if k + 1 < units.len() {
                let name = slug(self.span_text(units[k + 1].first, b));
                self.things.insert(name);
            }
            return;
        }
        // "General Director of the International Organization for X": a title and "of"
        // open a role, whatever head word the rest ends in.
        let title_of = units[0].gaz.is_none() && {
            let mut t = self.title_len(a, b);
            while t > 0 && a + t < b {
                let more = self.title_len(a + t, b);
                if more == 0 {
                    break;
                }
                t += more;
            }
            t > 0 && (a + t == b || self.text(a + t) == "of")
        };
        if titles && (title_of || (!cue_org && !cue_place)) && self.titled(units, s, e) {
            return;
        }
        if cue_org || cue_place {
            if units.len() == 1 {
                // "the Department", "Police said": a bare head word names nothing, except
                // the one-word institutions ("the Senate").
                if cue_org && !self.toks[a].initial && INSTITUTIONS.contains(&self.text(a)) {
                    self.push_name(
                        a,
                        b,
                        ActorKind::Organization,
                        GUESS,
                        None,
                        (Basis::Cue, "institution word"),
                    );
                }
                return;
            }
            let kind = if cue_org {
                ActorKind::Organization
            } else {
                ActorKind::Place
            };
            let strength = if units.len() == 1 { GUESS } else { CUE };
            let cue = if cue_org {
                "organisation head word"
            } else {
                "place head word"
            };
            self.push_name(a, b, kind, strength, None, (Basis::Cue, cue));
            return;
        }
        if units.iter().any(|u| u.gaz.is_some()) {
            // "Amnesty International Man-kei Tam said": a known organisation, then a name
            // of two or more words with no head word in it: the organisation's speaker.
            let speaker = units.len() >= 3
                && units[1..]
                    .iter()
                    .all(|u| u.gaz.is_none() && !self.is_cue(u.first))
                && (self.gaz.given_names.contains(self.text(units[1].first))
                    || (b < e && self.is_speech(b)));
            // "a Kataeb Hezbollah official": unknown proper nouns before a known
            // organisation name a different organisation.
            if let Some(m) = units[units.len() - 1].gaz
                && self.gaz_kind(m) == ActorKind::Organization
                && units.len() >= 2
                && !self.toks[a].initial
                && units[..units.len() - 1].iter().all(|u| {
                    u.gaz.is_none()
                        && self.shape(u.first) == Shape::Upper
                        && !self.gaz.given_names.contains(self.text(u.first))
                        && self.upos_at(u.first) == Some(Upos::Propn)
                })
            {
                self.push_name(
                    a,
                    b,
                    ActorKind::Organization,
                    CUE,
                    None,
                    (Basis::Cue, "ends with a known organisation"),
                );
                return;
            }
            // An organisation named first and qualified after ("BBC Persian", "UN Women").
            if let Some(m) = units[0].gaz
                && self.gaz_kind(m) == ActorKind::Organization
                && !speaker
            {
                self.push_name(
                    a,
                    b,
                    ActorKind::Organization,
                    CUE,
                    None,
                    (Basis::Cue, "opens with a known organisation"),
                );
                return;
            }
            // Otherwise known names stand alone and the rest is judged on its own.
            let mut k = 0;
            while k < units.len() {
                if let Some(m) = units[k].gaz {
                    self.push_gaz(m, units[k].first, units[k].end, None);
                    k += 1;
                    continue;
                }
                let run_start = k;
                while k < units.len() && units[k].gaz.is_none() {
                    k += 1;
                }
                let mut run = units[run_start..k].to_vec();
                self.trim_units(&mut run);
                if run.is_empty() {
                    continue;
                }
                let first = run[0].first;
                let strong = run.len() >= 2
                    || self.gaz.given_names.contains(self.text(first))
                    || self.shape(first) == Shape::Caps;
                if strong {
                    self.classify(&run, s, e, true);
                }
            }
            return;
        }
        self.unknown(a, b, s, e);
    }

    /// True when the name ending before token `b` is followed by "at" and a university or
    /// college ("Block Museum of Art at Northwestern University", "the Tang Teaching
    /// Museum and Art Gallery at Skidmore College"). One coordinated name ("and Art
    /// Gallery") may come before "at".
    fn at_academy(&self, b: usize, e: usize) -> bool {
        let mut k = b;
        if k + 1 < e && self.text(k) == "and" && self.capish(k + 1) {
            k += 1;
            let stop = (k + 6).min(e);
            while k < stop && (self.capish(k) || matches!(self.text(k), "of" | "&")) {
                k += 1;
            }
        }
        if k + 1 >= e || self.text(k) != "at" {
            return false;
        }
        k += 1;
        if matches!(self.text(k), "the" | "The") {
            k += 1;
        }
        let stop = (k + 8).min(e);
        let mut any = false;
        while k < stop && (self.capish(k) || matches!(self.text(k), "of" | "at" | "&")) {
            any |= ACADEMIES.contains(&self.text(k));
            k += 1;
        }
        any
    }

    /// Handles a chunk holding a title: "Togolese President Faure Gnassingbé",
    /// "Minister of Education Stefania Giannini". Returns false when there is none.
    fn titled(&mut self, units: &[Unit], s: usize, e: usize) -> bool {
        let b = units[units.len() - 1].end;
        let Some((k, tlen)) = units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.gaz.is_none())
            .map(|(k, u)| (k, self.title_len(u.first, b)))
            .find(|&(_, n)| n > 0)
            .filter(|&(k, _)| {
                !units[..k]
                    .iter()
                    .any(|u| u.gaz.is_none() && self.gaz.given_names.contains(self.text(u.first)))
            })
        else {
            return false;
        };
        let t0 = units[k].first;
        let mut rest = t0 + tlen;
        // "General Secretary", "Prime Minister-designate": titles in a row are one role.
        while rest < b {
            let more = self.title_len(rest, b);
            if more == 0 {
                break;
            }
            rest += more;
        }
        let mut role =
            self.body[self.toks[t0].span.start..self.toks[rest - 1].span.end].to_string();
        // What comes before the title qualifies it: a country, a demonym, an organisation.
        let mut prefix = units[..k].to_vec();
        self.trim_units(&mut prefix);
        if !prefix.is_empty() {
            let before = self.cands.len();
            self.classify(&prefix, s, e, false);
            if let Some(c) = self.cands[before..].last() {
                let q = match &c.key {
                    Key::Gaz(entry) => self.gaz.entries[*entry].name.clone(),
                    Key::Name(_) => c.span.text(self.body).to_string(),
                };
                if c.kind != ActorKind::Person {
                    role = format!("{role} of {}", with_article(&q));
                }
            }
        }
        // "Minister of Education Stefania Giannini": the name starts at a given name, or is
        // the last two words.
        if rest < b && self.text(rest) == "of" {
            // The last two words only when no organisation or place word comes before them.
            let no_cue = (rest + 1..b).all(|x| !self.is_cue(x) && self.gaz_unit(x).is_none());
            let name_at = (rest + 1..b)
                .find(|&x| self.gaz.given_names.contains(self.text(x)))
                .or_else(|| (b - rest >= 4 && no_cue).then(|| b - 2));
            let Some(n) = name_at else {
                // "the President of Mali": what follows "of" is the country, not a name.
                let mut after: Vec<Unit> =
                    units.iter().copied().filter(|u| u.first > rest).collect();
                self.trim_units(&mut after);
                if !after.is_empty() {
                    self.classify(&after, s, e, false);
                }
                return true;
            };
            role = self.body[self.toks[t0].span.start..self.toks[n - 1].span.end].to_string();
            rest = n;
        }
        let mut name: Vec<Unit> = units.iter().copied().filter(|u| u.first >= rest).collect();
        self.trim_units(&mut name);
        if name.is_empty() {
            return true;
        }
        if name.len() == 1
            && let Some(m) = name[0].gaz
            && self.gaz_kind(m) != ActorKind::Place
        {
            self.push_gaz(m, name[0].first, name[0].end, None);
            return true;
        }
        // "Prime Minister Kim Jong-un", "President Trump": a second title is part of the name.
        let (na, nb) = (name[0].first, name[name.len() - 1].end);
        self.push_name(
            na,
            nb,
            ActorKind::Person,
            CUE,
            Some(role),
            (Basis::Title, ""),
        );
        self.apposition(nb, e);
        true
    }

    /// A chunk with no known name and no cue word: judge it by its neighbours.
    fn unknown(&mut self, a: usize, b: usize, s: usize, e: usize) {
        let n = b - a;
        let prev = (a > s).then(|| a - 1);
        let prev_text = prev.map(|p| self.text(p));
        let all_caps = (a..b).all(|x| self.shape(x) == Shape::Caps || !self.capish(x));
        // "team Cloud9": after a noun for an organisation, a word with a digit is a name.
        let org_noun_digits = n == 1
            && prev.is_some_and(|p| ORG_NOUNS.contains(&self.text(p)))
            && self.text(a).starts_with(char::is_uppercase)
            && self.text(a).contains(|c: char| c.is_ascii_digit());
        if n == 1 && !self.single_name_like(a) && !org_noun_digits {
            return;
        }
        // "iodine deficiency disorders (IDD)": an acronym of lower-case words names a
        // thing, not an organisation, wherever it is used.
        if n == 1 && all_caps && self.lowercase_expansion(a, s, e) {
            self.things.insert(slug(self.text(a)));
            return;
        }
        // "#IStandWithAhmed": a hashtag is a slogan, not a name.
        if self.body[..self.toks[a].span.start].ends_with('#') {
            return;
        }
        if prev.is_some_and(|p| WORK_NOUNS.contains(&self.text(p))) {
            return;
        }
        // "the cruise ship Freewinds", "the ship, Freewinds": a thing noun right before the
        // name (or before a comma before it) makes it that thing in the whole article.
        // "the car carrier Galaxy Leader" is a ship; "the carrier Lufthansa" an airline.
        let ship_carrier = |k: usize| {
            self.text(k) == "carrier"
                && k > s
                && matches!(
                    self.text(k - 1),
                    "car" | "cargo" | "aircraft" | "bulk" | "gas"
                )
        };
        let thing_before = |k: usize| {
            self.shape(k) == Shape::Lower
                && (THING_NOUNS.contains(&self.text(k)) || ship_carrier(k))
        };
        if prev.is_some_and(|p| {
            thing_before(p) || (p > s && self.text(p) == "," && thing_before(p - 1))
        }) {
            self.things.insert(slug(self.span_text(a, b)));
            return;
        }
        // "Plan B", "Group G", "Vitamin D": a bare final letter ends no name.
        if n >= 2 && self.text(b - 1).chars().count() == 1 {
            return;
        }
        let mut role = None;
        // "publishers Jann Wenner": a plural role noun before a name announces a person too.
        let person_role = prev.is_some_and(|p| self.role_noun(p));
        if person_role {
            role = prev_text.map(capitalise);
        }
        // "the French ambassador, Joël Meyer,": a role noun and a comma before the name.
        let role_comma = !person_role
            && a >= s + 2
            && self.text(a - 1) == ","
            && self.shape(a - 2) == Shape::Lower
            && self.gaz.person_roles.contains(self.text(a - 2))
            && (b >= e || matches!(self.text(b), "," | "." | ";"));
        if role_comma {
            let mut r = capitalise(self.text(a - 2));
            if a >= s + 3
                && let Some(m) = (s..a - 2).rev().take(3).find_map(|x| {
                    self.gaz_unit(x)
                        .filter(|&(m, end)| end == a - 2 && self.gaz_kind(m) == ActorKind::Country)
                        .map(|(m, _)| m)
                })
            {
                let country = &self.gaz.entries[self.matches[m].entry].name;
                r = format!("{r} of {}", with_article(country));
            }
            role = Some(r);
        }
        let person_role = person_role || role_comma;
        // "the religious schools Santo Spirito and Immacolata": a plural noun counts too.
        let org_noun = prev.is_some_and(|p| {
            let w = self.text(p);
            ORG_NOUNS.contains(&w)
                || w.strip_suffix('s').is_some_and(|x| ORG_NOUNS.contains(&x))
                || w.strip_suffix("ies")
                    .is_some_and(|x| ORG_NOUNS.iter().any(|n| n.strip_suffix('y') == Some(x)))
        });
        let given = self.gaz.given_names.contains(self.text(a));
        // "told El Mundo", "explained to Slate": the listener of a verb of saying, who may
        // as well be a newspaper; "said Smith" puts the speaker there.
        let listener = prev.is_some_and(|p| {
            let w = self.text(p);
            TELLING_VERBS.contains(&w)
                || (w == "to" && p > s && self.gaz.speech_verbs.contains(self.text(p - 1)))
        }) && !(b < e && self.is_speech(b));
        let speech = (b < e && self.is_speech(b))
            || (!listener && prev.is_some_and(|p| self.gaz.speech_verbs.contains(self.text(p))));
        // "former members of Scientology, who": after "of" the clause is about the noun
        // before it.
        let who = b + 1 < e
            && self.text(b) == ","
            && self.text(b + 1) == "who"
            && prev_text != Some("of");
        let acronym_follows = b + 2 < e
            && self.text(b) == "("
            && self.shape(b + 1) == Shape::Caps
            && self.text(b + 2) == ")";
        // "the University of North Carolina at Greensboro": a name after an organisation
        // and "at" is where it stands.
        let campus = n <= 2
            && a >= s + 2
            && self.text(a - 1) == "at"
            && self.cands.last().is_some_and(|c| {
                c.span.end == self.toks[a - 2].span.end
                    && c.kind == ActorKind::Organization
                    && c.strength >= CUE
            });
        // "in Duffy's trial": an owner after "in" is no place.
        let place_prep = prev_text.is_some_and(|p| PLACE_PREPOSITIONS.contains(&p))
            && n <= 2
            && !(b < e && self.shape(b) == Shape::Possessive);
        let after_the = prev_text.is_some_and(|p| p == "the" || p == "The");
        // "Plano, Texas": a name followed by its state or country.
        let place_comma = b + 1 < e
            && self.text(b) == ","
            && self.gaz_unit(b + 1).is_some_and(|(m, _)| {
                matches!(
                    self.gaz_kind(m),
                    ActorKind::Place | ActorKind::Region | ActorKind::Country
                ) && self.matches[m].form != super::gazetteer::Form::Demonym
            })
            && self.gaz_unit(b + 1).is_some_and(|(_, end)| {
                end >= e || matches!(self.text(end), "," | "." | ")" | ";")
            })
            && prev_text != Some("and");
        // "Reddit, Twitter and Spotify": a lone unknown name listed with a known one
        // shares its kind.
        let listed = if n == 1 {
            self.listed_kind(a, b, e)
        } else {
            None
        };
        // "Yum Brands", "Hack Forums": a plural common noun ends the name (surnames such as
        // "Wilkins" or "Rogers" end in -s too, hence the narrow endings).
        let last_plural = n >= 2 && ends_with_any(self.text(b - 1), PLURAL_ENDINGS);
        // "Die ZEIT", "CGI Mestre"; initials such as "K.C." do not count.
        let some_caps =
            n >= 2 && (a..b).any(|x| self.shape(x) == Shape::Caps && !self.text(x).contains('.'));
        let place_start = n >= 2 && PLACE_STARTS.contains(&self.text(a));
        let next_text = (b < e).then(|| self.text(b));
        // "Yonhap news agency": the follower may come after one more common noun.
        // "the Force Ouvrière union": a noun for an organisation right after the name.
        let org_follows = next_text.is_some_and(|w| {
            ORG_FOLLOWERS.contains(&w) || (ORG_NOUNS.contains(&w) && w != "government")
        }) || (b + 1 < e
            && self.shape(b) == Shape::Lower
            && ORG_FOLLOWERS.contains(&self.text(b + 1))
            && matches!(self.upos_at(b), Some(Upos::Noun)));
        // "the Kowloon West geographical constituency": an adjective may come between.
        let place_follows = next_text.is_some_and(|w| PLACE_FOLLOWERS.contains(&w))
            || (b + 1 < e
                && self.shape(b) == Shape::Lower
                && PLACE_FOLLOWERS.contains(&self.text(b + 1))
                && matches!(self.upos_at(b), Some(Upos::Adj)));
        // "the Monti government", "the Trump administration": a leader's name before the
        // body he leads.
        let leader_follows = n <= 2 && next_text.is_some_and(|w| PERSON_FOLLOWERS.contains(&w));
        // "Gawker.com", "CBC.ca": a web address names the organisation behind it.
        let web = n == 1 && is_web_address(self.text(a));
        // "Huntsville, Alabama": a name after a place and a comma, ending the phrase, is
        // the region the place is in.
        let after_place = n <= 2
            && a >= s + 2
            && self.text(a - 1) == ","
            && self.place_ends_at(a - 1, s)
            && (b >= e || matches!(self.text(b), "," | "." | ")" | ";"));
        // "the town of Hillsborough": a place noun and "of" before the name.
        let place_of = a >= s + 2
            && self.text(a - 1) == "of"
            && PLACE_NOUNS.contains(&self.text(a - 2))
            && !SHRINE_NOUNS.contains(&self.text(a - 2));
        // "in the Sahel" is a place; "played the Joker" is not.
        let the_place = after_the
            && n == 1
            && a >= s + 2
            && (PLACE_PREPOSITIONS.contains(&self.text(a - 2)) || self.text(a - 2) == "at");
        let cue = |c: &'static str| (Basis::Cue, c);
        let (kind, strength, why) = if web {
            (ActorKind::Organization, CUE, cue("web address"))
        } else if person_role {
            (ActorKind::Person, CUE, (Basis::Title, "role noun"))
        } else if given {
            (ActorKind::Person, CUE, cue("given name"))
        } else if who {
            (ActorKind::Person, CUE, cue("\", who\" after it"))
        } else if leader_follows && !all_caps {
            (
                ActorKind::Person,
                CUE,
                cue("\"government\" or \"administration\" after it"),
            )
        } else if after_place {
            (ActorKind::Place, CUE, cue("after a place and a comma"))
        } else if place_of {
            (
                ActorKind::Place,
                CUE,
                cue("place noun and \"of\" before it"),
            )
        } else if campus {
            (
                ActorKind::Place,
                CUE,
                cue("after an organisation and \"at\""),
            )
        } else if all_caps || org_noun || acronym_follows {
            let why = if acronym_follows {
                cue("acronym in brackets after it")
            } else if org_noun {
                cue("organisation noun before it")
            } else {
                (Basis::Capitals, "all capitals")
            };
            (
                ActorKind::Organization,
                if all_caps && n == 1 { GUESS } else { CUE },
                why,
            )
        } else if org_follows {
            (
                ActorKind::Organization,
                GUESS,
                cue("organisation word after it"),
            )
        } else if place_follows {
            (ActorKind::Place, GUESS, cue("place word after it"))
        } else if let Some(k) = listed {
            (k, GUESS, cue("listed with a known name"))
        } else if listener {
            (
                ActorKind::Organization,
                GUESS,
                cue("listener of a verb of saying"),
            )
        } else if speech {
            (ActorKind::Person, CUE, cue("verb of saying"))
        } else if place_prep || place_comma || place_start || the_place {
            (
                ActorKind::Place,
                GUESS,
                cue("preposition or region of place"),
            )
        } else if after_the || last_plural || some_caps {
            (
                ActorKind::Organization,
                GUESS,
                (Basis::Capitals, "capitalised run after \"the\""),
            )
        } else {
            (
                ActorKind::Person,
                GUESS,
                (Basis::Capitals, "capitalised run"),
            )
        };
        // "Recognition of Science and Technlogy": a lone word after a capitalised common
        // noun (one the article also writes in lower case) and "and" or "of" ends a Title
        // Case phrase, the name of an institution or a programme, not a person.
        let title_case_tail = n == 1
            && why.1 == "capitalised run"
            && a >= s + 2
            && matches!(self.text(a - 1), "and" | "of")
            && self.shape(a - 2) == Shape::Upper
            && !self.toks[a - 2].initial
            && self.gaz_unit(a - 2).is_none()
            && !self.is_cue(a - 2)
            // A word kept only if confirmed elsewhere ("Science" here) is no name before.
            && self
                .cands
                .last()
                .is_none_or(|c| c.span.end != self.toks[a - 2].span.end || c.unconfirmed)
            && self.seen_lower(self.text(a - 2));
        let (kind, why) = if title_case_tail {
            (ActorKind::Organization, cue("ends a Title Case phrase"))
        } else {
            (kind, why)
        };
        // Capitals alone are no evidence: the tagger must read a proper noun in the run
        // ("Imagine", "Wow", "I'm" are not names), and a compound ending in a verb or an
        // adjective ("US-built", "Iranian-backed") describes, it does not name.
        let (propn, last) = self.tagged_run(a, b);
        // "Oscar - winning" in pre-tokenised text describes the same way.
        let described = (matches!(last, Some(Upos::Verb | Upos::Adj))
            && self.text(b - 1).contains('-'))
            || (b + 1 < e
                && matches!(self.text(b), "-" | "–")
                && self.shape(b + 1) == Shape::Lower
                && (matches!(self.upos_at(b + 1), Some(Upos::Verb | Upos::Adj))
                    || ends_with_any(self.text(b + 1), &["ing", "ed"])));
        // The tagger misreads unknown names, most of all at a sentence start ("Seagal made
        // headlines" as an adjective): a lone word it reads as a noun or adjective still
        // counts when a verb follows it and the article never writes it in lower case.
        let propn = propn
            || (n == 1
                && matches!(last, Some(Upos::Noun | Upos::Adj | Upos::X))
                && b < e
                && matches!(self.upos_at(b), Some(Upos::Verb | Upos::Aux))
                && !plural_like(self.text(a))
                && !self.seen_lower(self.text(a)));
        // An apposition's head noun tells the kind of a name nothing else classified:
        // "Hagia Sophia, formerly a church" is a place, "Novichok, a nerve agent" no actor.
        // It also outweighs a verb of saying or ", who": organisations speak too.
        let weak_cue = strength == GUESS
            || (why.0 == Basis::Cue && matches!(why.1, "verb of saying" | "\", who\" after it"));
        // "religions, such as Wicca": the noun before "such as" or "including" tells the
        // kind of the examples that follow, as an apposition does.
        let described_by = self.apposition_head(b, e).or_else(|| self.example_of(a, s));
        let (kind, strength, why) = match described_by.map(|w| self.noun_kind(w)) {
            Some(NounKind::Actor(k)) if weak_cue => {
                self.apposed.insert(slug(self.span_text(a, b)), k);
                (k, CUE, cue("apposition after it"))
            }
            Some(NounKind::Thing) if strength == GUESS => {
                self.things.insert(slug(self.span_text(a, b)));
                return;
            }
            _ => (kind, strength, why),
        };
        // Weak on its own, kept only when another mention confirms it: a name guessed to
        // be a person that modifies a common noun ("the Metro station", "Earth seeds"; a
        // person named so is named in full elsewhere), and a lone "the X" that is neither
        // a place, nor followed by a predicate or a noun ("played the Joker").
        let noun_follows = b < e
            && self.shape(b) == Shape::Lower
            && !org_follows
            && !place_follows
            && !self.gaz.person_roles.contains(self.text(b))
            // A lower-case word read as a proper noun is a noun of the compound ("the
            // Annie Oakley screen print").
            && matches!(self.upos_at(b), Some(Upos::Noun | Upos::Propn));
        // "aboard Vostok 1", "Studio 54": a number right after makes a model or a venue.
        let number_follows = b < e && self.shape(b) == Shape::Number;
        // "the Yazidi women", "the Silver Clouds installation", "the Polaroid format", "the annual Hajj
        // pilgrimage": a run after "the", or any run before a noun for a thing, that a
        // common noun follows describes that noun.
        // A noun for a thing counts whatever the tagger made of it ("pilgrimage" as a verb).
        let thing_follows = (noun_follows
            || (b < e
                && self.shape(b) == Shape::Lower
                && !org_follows
                && !place_follows
                && self.upos_at(b) == Some(Upos::Verb)))
            && THING_NOUNS.contains(&self.text(b));
        // An acronym before a noun for a thing is that thing too ("the ICI system", "the
        // NEMISIS database").
        let modifier = strength == GUESS
            && why.0 == Basis::Capitals
            && (thing_follows
                || (!all_caps
                    && ((kind == ActorKind::Person && (noun_follows || number_follows))
                        || (kind == ActorKind::Organization && after_the && noun_follows))));
        // "Social Science", "Space Shuttle Atlantis": a run guessed a person whose first
        // word the article also writes in lower case is a phrase, not a name (a surname
        // may be a common word: "Chuck Close").
        // A lone word so guessed ("Science", "Medicine") is that word the same way.
        let phrase = why.1 == "capitalised run" && self.seen_lower(self.text(a));
        // "Islamophobia", "Scientologist": a lone word with an abstract-noun ending.
        let abstract_word = n == 1
            && why.1 == "capitalised run"
            && ends_with_any(self.text(a), ABSTRACT_ENDINGS)
            && !self.predicate_follows(b, e);
        // "the RSPB", "at the RSC": an acronym after "the" is the organisation it names.
        let bare = n == 1
            && after_the
            && !all_caps
            && kind == ActorKind::Organization
            && strength == GUESS
            && why.0 == Basis::Capitals
            && !noun_follows
            && !self.predicate_follows(b, e);
        // "Counter-Strike: Global Offensive", "Batman: Arkham VR": a run right after a
        // capitalised word and its colon is the subtitle of a work.
        let subtitle = a >= s + 2
            && self.text(a - 1) == ":"
            && self.toks[a - 2].span.end == self.toks[a - 1].span.start
            // "Counter-Strike" has the shape of a prefixed word, but a capital.
            && self.text(a - 2).starts_with(char::is_uppercase);
        // "the day of Ashura", "the month of Ramadan": a name after a time noun and "of"
        // is a feast or an event.
        let event_of =
            a >= s + 2 && self.text(a - 1) == "of" && TIME_NOUNS.contains(&self.text(a - 2));
        // "the Oscar - winning film": a given name in a compound describes too.
        if described && n == 1 && why.1 == "given name" {
            return;
        }
        let why = if strength == GUESS {
            if !propn || described || subtitle || event_of {
                return;
            }
            if why.0 == Basis::Capitals {
                (Basis::Tagger, "proper nouns by the tagger")
            } else {
                why
            }
        } else {
            why
        };
        let before = self.cands.len();
        self.push_name(a, b, kind, strength, role, why);
        if modifier || bare || phrase || abstract_word {
            for c in &mut self.cands[before..] {
                c.unconfirmed = true;
            }
        }
        if kind == ActorKind::Person {
            self.apposition(b, e);
        }
    }

    /// "X, the president of Y," after a person: the apposition gives the role.
    fn apposition(&mut self, b: usize, e: usize) {
        if b + 2 >= e || self.text(b) != "," {
            return;
        }
        let mut k = b + 1;
        if matches!(self.text(k), "the" | "a" | "an") {
            k += 1;
        }
        let start = k;
        let mut has_role = false;
        while k < e && k - start < 8 && !matches!(self.text(k), "," | "." | ";" | ")" | "(") {
            has_role |= self.gaz.person_roles.contains(self.text(k));
            k += 1;
        }
        if !has_role || k == start || k >= e {
            return;
        }
        let role = capitalise(&self.body[self.toks[start].span.start..self.toks[k - 1].span.end]);
        if let Some(c) = self
            .cands
            .iter_mut()
            .rev()
            .find(|c| c.kind == ActorKind::Person)
            && c.span.end <= self.toks[b].span.start
        {
            c.role = Some(role);
        }
    }

    /// "Long Name (LN)": the acronym names the candidate pushed just before.
    fn acronym_after(&mut self, j: usize, e: usize, before: usize) {
        if j + 2 >= e || self.text(j) != "(" || self.text(j + 2) != ")" {
            return;
        }
        if !matches!(self.shape(j + 1), Shape::Caps) {
            return;
        }
        let Some(c) = self.cands[before..].last_mut() else {
            return;
        };
        let acr = slug(self.toks[j + 1].span.text(self.body));
        let long = c.key.clone();
        if long == Key::Name(acr.clone()) {
            return;
        }
        if c.kind == ActorKind::Person && c.strength == GUESS {
            c.kind = ActorKind::Organization;
        }
        self.acronyms.insert(acr, long);
    }

    fn push_gaz(&mut self, m: usize, a: usize, b: usize, role: Option<String>) {
        let entry = self.matches[m].entry;
        let kind = self.gaz.entries[entry].kind;
        // "Facebook posts", "a Twitter account": the platform as a medium, not an actor,
        // unless another mention names it as one.
        let medium = kind == ActorKind::Organization
            && b < self.toks.len()
            && self.shape(b) == Shape::Lower
            && MEDIUM_NOUNS.contains(&self.text(b));
        // "the Paris agreement", "the Minsk accords": a city naming a treaty is no actor
        // there, unless another mention names the city itself.
        let treaty = kind == ActorKind::Place
            && b < self.toks.len()
            && self.shape(b) == Shape::Lower
            && TREATY_NOUNS.contains(&self.text(b));
        let medium = medium || treaty || self.adjectival_demonym(m, b);
        if kind == ActorKind::Organization && self.member_adjective(m, a, b) {
            return;
        }
        // "US$ 20,000", "HK$": a currency, not the country.
        if self.body[self.toks[b - 1].span.end..].starts_with('$') {
            return;
        }
        self.cands.push(Cand {
            span: Span::new(self.toks[a].span.start, self.toks[b - 1].span.end),
            kind,
            strength: GAZ,
            key: Key::Gaz(entry),
            role,
            unconfirmed: medium,
            basis: Basis::Gazetteer,
            cue: "",
        });
    }

    /// "French television", "the Chinese zodiac", "the Gabonese and Estonian teams": a
    /// country's adjective before a noun of media, culture, sport or language
    /// ([`DESCRIBED_NOUNS`]) describes the thing; it names the country only when another
    /// mention confirms it. Before any other noun ("33 Russian individuals", "Russian
    /// forces", "strikes on Iranian nuclear sites") the country takes part, and the
    /// mention stands.
    fn adjectival_demonym(&self, m: usize, b: usize) -> bool {
        if self.matches[m].form != super::gazetteer::Form::Demonym
            || self.gaz_kind(m) != ActorKind::Country
        {
            return false;
        }
        let lower = |k: usize, tags: &[Upos]| {
            k < self.toks.len()
                && self.shape(k) == Shape::Lower
                && self.upos_at(k).is_some_and(|u| tags.contains(&u))
        };
        // "the Gabonese and Estonian teams": another adjective may be coordinated first.
        let mut k = b;
        if k + 1 < self.toks.len()
            && matches!(self.text(k), "and" | "or")
            && self.upos_at(k + 1) == Some(Upos::Adj)
        {
            k += 2;
        }
        // The head noun: past adjectives ("Italian municipal tax") and to the last noun of
        // a compound ("Russian security forces").
        let mut steps = 0;
        while steps < 4 && lower(k, &[Upos::Adj]) && lower(k + 1, &[Upos::Adj, Upos::Noun]) {
            k += 1;
            steps += 1;
        }
        if !lower(k, &[Upos::Noun, Upos::Adj]) {
            return false;
        }
        while steps < 6 && lower(k + 1, &[Upos::Noun]) {
            k += 1;
            steps += 1;
        }
        let head = self.text(k);
        let singular = head.strip_suffix('s').unwrap_or(head);
        DESCRIBED_NOUNS.contains(&head) || DESCRIBED_NOUNS.contains(&singular)
    }

    /// "the Republican convention", "his Democrat opponent": a one-word alias of an
    /// organisation that names its members, used as an adjective, describes the noun
    /// after it; it does not mention the party.
    fn member_adjective(&self, m: usize, a: usize, b: usize) -> bool {
        if b != a + 1 || self.matches[m].form != super::gazetteer::Form::Alias {
            return false;
        }
        let w = self.text(a);
        let member = ["an", "at", "ist"].iter().any(|x| w.ends_with(x));
        // "Conservative MP Peter Hallam" names the party: the noun must be a common one.
        // The tagger reads some nouns after a name as adjectives ("Democrat opponent").
        let noun_after = b < self.toks.len()
            && self.shape(b) == Shape::Lower
            && matches!(self.upos_at(b), Some(Upos::Noun | Upos::Adj));
        noun_after && (member || self.upos_at(a) == Some(Upos::Adj))
    }

    fn push_name(
        &mut self,
        a: usize,
        b: usize,
        kind: ActorKind,
        strength: u8,
        role: Option<String>,
        (basis, cue): (Basis, &'static str),
    ) {
        let span = Span::new(self.toks[a].span.start, self.toks[b - 1].span.end);
        let key = slug(span.text(self.body));
        if key.is_empty() {
            return;
        }
        self.cands.push(Cand {
            span,
            kind,
            strength,
            key: Key::Name(key),
            role,
            unconfirmed: false,
            basis,
            cue,
        });
    }

    /// Headings and headlines: known names only, never discovery.
    fn heading_candidates(&mut self) {
        // Most bodies have no heading or headline: skip collecting the names then.
        if !self.sents.iter().any(|&(_, _, heading)| heading) {
            return;
        }
        let names: FxHashSet<String> = self
            .cands
            .iter()
            .filter_map(|c| match &c.key {
                Key::Name(k) if !c.unconfirmed => Some(k.clone()),
                _ => None,
            })
            .collect();
        for si in 0..self.sents.len() {
            let (s, e, heading) = self.sents[si];
            if !heading {
                continue;
            }
            let mut i = s;
            while i < e {
                if let Some((m, end)) = self.gaz_unit(i) {
                    let end = end.min(e);
                    self.push_gaz(m, i, end, None);
                    i = end;
                    continue;
                }
                if !self.capish(i) || names.is_empty() {
                    i += 1;
                    continue;
                }
                let mut run = i;
                while run < e && run - i < 6 && self.capish(run) {
                    run += 1;
                }
                let mut found = 0;
                for end in (i + 1..=run).rev() {
                    let span = Span::new(self.toks[i].span.start, self.toks[end - 1].span.end);
                    if names.contains(&slug(span.text(self.body))) {
                        found = end;
                        break;
                    }
                }
                if found > 0 {
                    let key = slug(
                        Span::new(self.toks[i].span.start, self.toks[found - 1].span.end)
                            .text(self.body),
                    );
                    let kind = self
                        .cands
                        .iter()
                        .find(|c| c.key == Key::Name(key.clone()))
                        .map_or(ActorKind::Person, |c| c.kind);
                    self.push_name(
                        i,
                        found,
                        kind,
                        GUESS,
                        None,
                        (Basis::Capitals, "confirmed by the body"),
                    );
                    i = found;
                } else {
                    i += 1;
                }
            }
        }
    }

    /// Byte spans of the body sentences holding a sport word, in body order.
    fn sport_sentences(&self) -> Vec<Span> {
        let mut out = Vec::new();
        for &(s, e, heading) in &self.sents {
            if heading || s == e {
                continue;
            }
            let sport = self.toks[s..e].iter().any(|t| {
                let mut buf = [0u8; 32];
                t.shape != Shape::Punct
                    && ascii_lower(t.span.text(self.body), &mut buf)
                        .is_some_and(|w| SPORT_WORDS.contains(&w))
            });
            if sport {
                out.push(Span::new(
                    self.toks[s].span.start,
                    self.toks[e - 1].span.end,
                ));
            }
        }
        out
    }

    // ---- steps 2 and 3: merging and actors ----------------------------------------------

    fn into_actors(self) -> Vec<Actor> {
        let sport_spans = self.sport_sentences();
        let Scan {
            finder,
            article,
            body,
            mut cands,
            acronyms,
            things,
            apposed,
            ..
        } = self;
        let teams = sport_spans.len() >= MIN_SPORT_SENTENCES;
        let gaz = &finder.gaz;
        if !things.is_empty() {
            cands.retain(|c| !matches!(&c.key, Key::Name(k) if things.contains(k)));
        }
        cands.sort_by_key(|c| c.span.start);
        // Group by key, acronyms folded into their expansion.
        let mut index: FxHashMap<Key, usize> = FxHashMap::default();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        // Group keys in group order; a key is cloned once per group, not per candidate.
        let mut keys: Vec<Key> = Vec::new();
        for (ci, c) in cands.iter_mut().enumerate() {
            if let Key::Name(k) = &c.key
                && let Some(long) = acronyms.get(k)
            {
                c.key = long.clone();
            }
            let g = match index.get(&c.key) {
                Some(&g) => g,
                None => {
                    groups.push(Vec::new());
                    keys.push(c.key.clone());
                    index.insert(c.key.clone(), groups.len() - 1);
                    groups.len() - 1
                }
            };
            groups[g].push(ci);
        }
        let kind_of = |g: &[usize]| -> (ActorKind, u8) {
            // Per kind: (sum of squared strengths, max strength, seen). A fixed array, not
            // a map: this runs once per group and again per merge candidate.
            let mut score = [(0u32, 0u8, false); ALL_KINDS.len()];
            // Mentions kept only by confirmation do not vote against those that confirm.
            let any_sure = g.iter().any(|&ci| !cands[ci].unconfirmed);
            for &ci in g {
                let c = &cands[ci];
                if any_sure && c.unconfirmed {
                    continue;
                }
                let e = &mut score[c.kind as usize];
                // Twice the squared strength, less one for a guess on capitals and tags
                // alone: any cue ("the Abbotsford area") outweighs no cue at equal strength.
                let bare = matches!(c.basis, Basis::Tagger | Basis::Capitals);
                e.0 += 2 * u32::from(c.strength) * u32::from(c.strength) - u32::from(bare);
                e.1 = e.1.max(c.strength);
                e.2 = true;
            }
            ALL_KINDS
                .iter()
                .zip(score)
                .filter(|(_, (_, _, seen))| *seen)
                .max_by_key(|(k, (s, _, _))| (*s, std::cmp::Reverse(**k)))
                .map_or((ActorKind::Person, 0), |(k, (_, m, _))| (*k, m))
        };
        // Surnames and other partial names merge into the full name that holds them.
        // The words of each name key, in one flat list (not a Vec per group).
        let mut word_list: Vec<&str> = Vec::new();
        let mut word_at: Vec<(usize, usize)> = Vec::with_capacity(keys.len());
        for k in &keys {
            let a = word_list.len();
            if let Key::Name(s) = k {
                word_list.extend(s.split('-').filter(|w| !w.is_empty()));
            }
            word_at.push((a, word_list.len()));
        }
        let words = |g: usize| -> &[&str] { &word_list[word_at[g].0..word_at[g].1] };
        let kinds: Vec<(ActorKind, u8)> = groups.iter().map(|g| kind_of(g)).collect();
        let mut by_word: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for g in 0..keys.len() {
            let w = words(g);
            if w.len() >= 2 {
                for x in w {
                    by_word.entry(*x).or_default().push(g);
                }
            }
        }
        let mut target: Vec<usize> = (0..groups.len()).collect();
        // An acronym used without a definition merges into the one organisation of the
        // article whose capitalised words it abbreviates ("KFU" for "Kpalime Farmers Union").
        let mut by_initials: FxHashMap<String, Option<usize>> = FxHashMap::default();
        for (g, list) in groups.iter().enumerate() {
            if kinds[g].0 != ActorKind::Organization || !matches!(keys[g], Key::Name(_)) {
                continue;
            }
            let Some(&ci) = list.first() else { continue };
            let initials: String = cands[ci]
                .span
                .text(body)
                .split(|c: char| c.is_whitespace() || c == '-')
                .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
                .collect();
            if initials.chars().count() >= 2 {
                by_initials
                    .entry(initials)
                    .and_modify(|v| *v = None)
                    .or_insert(Some(g));
            }
        }
        for (g, list) in groups.iter().enumerate() {
            let Some(&ci) = list.first() else { continue };
            let text = cands[ci].span.text(body);
            if !matches!(keys[g], Key::Name(_)) || !is_acronym_form(text) {
                continue;
            }
            let letters: String = text.chars().filter(|c| c.is_alphabetic()).collect();
            if let Some(Some(h)) = by_initials.get(&letters)
                && *h != g
            {
                target[g] = *h;
            }
        }
        for g in 0..groups.len() {
            if target[g] != g {
                continue;
            }
            let w = words(g);
            let (kind, strength) = kinds[g];
            if w.is_empty() || strength >= GAZ {
                continue;
            }
            // "the Udvar-Hazy Center" after "the National Air and Space Museum Steven F.
            // Udvar-Hazy Center": an organisation's name of two or more words inside a
            // longer organisation's name is that organisation, named short.
            let short_org = kind == ActorKind::Organization && w.len() >= 2;
            let partial = kind == ActorKind::Person || strength == GUESS;
            if !partial && !short_org {
                continue;
            }
            let Some(list) = by_word.get(w[0]) else {
                continue;
            };
            // Bounded so that a body of thousands of "John X" names stays linear.
            let best = list
                .iter()
                .take(256)
                .copied()
                .filter(|&h| h != g && words(h).len() > w.len())
                .filter(|&h| {
                    let hk = kinds[h].0;
                    (partial
                        && (hk == ActorKind::Person
                            || (strength == GUESS && hk == kind_of(&groups[h]).0 && w.len() == 1)))
                        || (short_org && hk == ActorKind::Organization)
                })
                .filter(|&h| words(h).windows(w.len()).any(|win| win == w))
                .max_by_key(|&h| {
                    (
                        kinds[h].0 == ActorKind::Person,
                        groups[h].len(),
                        std::cmp::Reverse(h),
                    )
                });
            if let Some(h) = best {
                target[g] = h;
            }
        }
        let mut merged: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
        for g in 0..groups.len() {
            let mut t = target[g];
            // Follow chains (a -> b -> c) a bounded number of steps.
            for _ in 0..4 {
                if target[t] == t {
                    break;
                }
                t = target[t];
            }
            let list = std::mem::take(&mut groups[g]);
            // Moved rather than copied when it is the first list there (most groups).
            if merged[t].is_empty() {
                merged[t] = list;
            } else {
                merged[t].extend(list);
            }
        }
        // A title is a line; a file without one may make its whole first paragraph the
        // title, so only its start is searched.
        let title = {
            let t = article.title.as_str();
            let mut cut = t.len().min(400);
            while !t.is_char_boundary(cut) {
                cut -= 1;
            }
            &t[..cut]
        };
        let mut actors = Vec::new();
        let mut ids: FxHashSet<String> = FxHashSet::default();
        let max_count = merged.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32;
        for (g, list) in merged.iter_mut().enumerate() {
            if list.is_empty() || list.iter().all(|&ci| cands[ci].unconfirmed) {
                continue;
            }
            list.sort_by_key(|&ci| cands[ci].span.start);
            let mut team = false;
            let (kind, _) = match &keys[g] {
                // A country named mostly in sentences about a match is its national team.
                // England and the cities count too ("Barcelona beat Sevilla"), unless a
                // mention is after "in", "at" or "from": there it is the place.
                Key::Gaz(e)
                    if teams
                        && (gaz.entries[*e].kind == ActorKind::Country
                            || (gaz.entries[*e].kind == ActorKind::Place
                                && list.len() >= 2
                                && !list.iter().any(|&ci| {
                                    let before = body[..cands[ci].span.start].trim_end();
                                    [" in", " at", " from", " near"]
                                        .iter()
                                        .any(|p| before.ends_with(p))
                                }))) =>
                {
                    let in_sport = list
                        .iter()
                        .filter(|&&ci| {
                            let at = cands[ci].span.start;
                            let k = sport_spans.partition_point(|sp| sp.end <= at);
                            sport_spans.get(k).is_some_and(|sp| sp.start <= at)
                        })
                        .count();
                    team = in_sport * 3 >= list.len() * 2;
                    if team {
                        (ActorKind::Organization, GAZ)
                    } else {
                        (gaz.entries[*e].kind, GAZ)
                    }
                }
                // "bring it to the White House", "talks at the Kremlin": an institution
                // named after its building, named only as where things happen, is the
                // building, a place.
                Key::Gaz(e)
                    if gaz.entries[*e].kind == ActorKind::Organization
                        && SEATS.contains(&gaz.entries[*e].name.as_str())
                        && list
                            .iter()
                            .all(|&ci| locative_before(&body[..cands[ci].span.start])) =>
                {
                    (ActorKind::Place, GAZ)
                }
                Key::Gaz(e) => (gaz.entries[*e].kind, GAZ),
                Key::Name(k) if apposed.contains_key(k) => (apposed[k], CUE),
                Key::Name(_) => {
                    let persons = list.iter().any(|&ci| {
                        cands[ci].kind == ActorKind::Person && cands[ci].strength >= CUE
                    });
                    if persons && kinds[g].0 == ActorKind::Person {
                        (ActorKind::Person, CUE)
                    } else {
                        kind_of(list)
                    }
                }
            };
            let surfaces: Vec<&str> = list.iter().map(|&ci| cands[ci].span.text(body)).collect();
            let name = match &keys[g] {
                Key::Gaz(e) => gaz.entries[*e].name.clone(),
                Key::Name(_) => surfaces
                    .iter()
                    .copied()
                    .filter(|s| !is_acronym_form(s) || surfaces.iter().all(|t| is_acronym_form(t)))
                    .max_by_key(|s| (s.chars().count(), std::cmp::Reverse(s.as_ptr() as usize)))
                    .unwrap_or(surfaces[0])
                    .to_string(),
            };
            let mut aliases: Vec<String> = Vec::new();
            for s in &surfaces {
                if *s != name && !aliases.iter().any(|a| a == s) {
                    aliases.push((*s).to_string());
                }
            }
            let role = list.iter().find_map(|&ci| cands[ci].role.clone());
            let mentions: Vec<Mention> = list
                .iter()
                .map(|&ci| Mention {
                    span: cands[ci].span,
                    section: article.section_at(cands[ci].span.start),
                })
                .collect();
            let first = mentions[0].span.start as f32 / body.len().max(1) as f32;
            let in_title = std::iter::once(name.as_str())
                .chain(aliases.iter().map(String::as_str))
                .any(|f| contains_word(title, f));
            let count = ((list.len() as f32).ln_1p() / max_count.ln_1p()).min(1.0);
            let salience = (0.55 * count + 0.25 * (1.0 - first) + if in_title { 0.2 } else { 0.0 })
                .clamp(0.0, 1.0);
            let base = match slug(&name) {
                s if s.is_empty() => "actor".to_string(),
                s => s,
            };
            let mut id = base.clone();
            let mut n = 2;
            while ids.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            ids.insert(id.clone());
            let mut why = actor_why(gaz, &keys[g], kind, list, &cands);
            if team {
                why.push(ActorWhy {
                    basis: Basis::Cue,
                    detail: "national team: named in sentences about a match".to_string(),
                });
            }
            actors.push(Actor {
                id,
                name,
                kind,
                aliases,
                role,
                salience,
                mentions,
                why,
            });
        }
        actors.sort_by(|a, b| {
            b.salience
                .total_cmp(&a.salience)
                .then(a.mentions[0].span.start.cmp(&b.mentions[0].span.start))
        });
        actors
    }
}

/// Most reasons listed for one actor.
const MAX_WHY: usize = 3;

/// Why the merged candidates `list` make an actor of `kind`: the distinct reasons of the
/// candidates of that kind, strongest basis first (gazetteer, title, cue, tagger, capitals).
fn actor_why(
    gaz: &Gazetteer,
    key: &Key,
    kind: ActorKind,
    list: &[usize],
    cands: &[Cand],
) -> Vec<ActorWhy> {
    let mut why: Vec<ActorWhy> = Vec::new();
    if let Key::Gaz(e) = key {
        let entry = &gaz.entries[*e];
        why.push(ActorWhy {
            basis: Basis::Gazetteer,
            detail: format!("{} ({})", entry.name, entry.kind.as_str()),
        });
    }
    let mut seen: Vec<(Basis, &str)> = Vec::new();
    for &ci in list {
        let c = &cands[ci];
        if c.kind != kind || seen.len() >= 8 {
            continue;
        }
        let detail: &str = match c.basis {
            Basis::Gazetteer => {
                if matches!(key, Key::Gaz(_)) {
                    continue;
                }
                c.cue
            }
            Basis::Title => c.role.as_deref().unwrap_or(c.cue),
            _ => c.cue,
        };
        if seen.iter().any(|&(b, d)| b == c.basis && d == detail) {
            continue;
        }
        seen.push((c.basis, detail));
    }
    seen.sort_by_key(|&(b, _)| b);
    for (basis, detail) in seen {
        if why.len() >= MAX_WHY {
            break;
        }
        why.push(ActorWhy {
            basis,
            detail: detail.to_string(),
        });
    }
    why
}

/// A headline or heading: a Markdown heading, the article title repeated as the first line,
/// a Title Case line without final punctuation, or a line in capitals.
/// True when the text `before` a mention ends in a preposition of place, with or without
/// "the": "at the", "inside", "to the" after a verb of motion ("bring it to the").
fn locative_before(before: &str) -> bool {
    let mut words = before
        .split_whitespace()
        .rev()
        .map(|w| w.trim_matches(','))
        .peekable();
    if words.peek().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        words.next();
    }
    let Some(prep) = words.next() else {
        return false;
    };
    if LOCATIVE_PREPOSITIONS.contains(&prep) {
        return true;
    }
    // "came to the White House", "bring it to the Kremlin": the verb may have an object.
    prep == "to" && words.take(3).any(|w| MOTION_VERBS.contains(&w))
}

fn is_headline(body: &str, s: Span, toks: &[Tok], title: &str) -> bool {
    let t = s.text(body);
    if text::is_heading_line(t) {
        return true;
    }
    if !title.is_empty() && t.trim() == title {
        return true;
    }
    // Counted in place rather than collected: this runs for every sentence.
    let is_word = |x: &&Tok| matches!(x.shape, Shape::Upper | Shape::Caps | Shape::Lower);
    let words = || toks.iter().filter(is_word);
    let n_words = words().count();
    if n_words == 0 {
        return false;
    }
    if n_words < 3 {
        // A short stand-alone line in capitals: a sub-heading ("Regional Pressure").
        let alone = !t.contains('\n')
            && body[..s.start]
                .trim_end_matches([' ', '\t'])
                .ends_with('\n')
            && body[s.end..]
                .trim_start_matches([' ', '\t'])
                .starts_with('\n');
        let ends = t
            .trim_end()
            .ends_with(['.', '!', '?', '"', '”', ':', ';', ',']);
        return alone && !ends && words().all(|x| matches!(x.shape, Shape::Upper | Shape::Caps));
    }
    let caps = words().filter(|x| x.shape == Shape::Caps).count();
    if caps * 10 >= n_words * 7 {
        return true;
    }
    let ends = t
        .trim_end()
        .ends_with(['.', '!', '?', '"', '”', ':', ';', ',']);
    if ends || t.contains('\n') {
        return false;
    }
    let long = || words().filter(|x| x.span.len() >= 4);
    let upper = long()
        .filter(|x| matches!(x.shape, Shape::Upper | Shape::Caps))
        .count();
    let n_long = long().count();
    n_long >= 2 && upper * 10 >= n_long * 8
}

fn shape_of(kind: TokenKind, w: &str) -> Shape {
    match kind {
        TokenKind::Possessive => return Shape::Possessive,
        TokenKind::Punct => return Shape::Punct,
        TokenKind::Word => {}
    }
    let Some(c) = w.chars().next() else {
        return Shape::Punct;
    };
    // A byte search: `str::find(char)` sets up a memchr search, costly on short words.
    let hyphen = w.bytes().position(|b| b == b'-');
    if let Some(h) = hyphen {
        let mut buf = [0u8; 32];
        if ascii_lower(&w[..h], &mut buf).is_some_and(|p| ORDINARY_PREFIXES.contains(&p)) {
            return Shape::Lower;
        }
    }
    if c.is_uppercase() {
        let mut letters = 0;
        for ch in w.chars() {
            if ch.is_alphabetic() {
                if !ch.is_uppercase() {
                    return Shape::Upper;
                }
                letters += 1;
            }
        }
        if letters >= 2 {
            Shape::Caps
        } else {
            Shape::Upper
        }
    } else if c.is_lowercase() {
        // "al-Assad", "el-Sisi", "bin-Salman": a short particle joined to a capitalised name.
        if let Some(h) = hyphen
            && NAME_PREFIXES.contains(&&w[..h])
            && w[h + 1..].starts_with(char::is_uppercase)
        {
            Shape::Upper
        } else {
            Shape::Lower
        }
    } else if c.is_numeric() {
        Shape::Number
    } else {
        Shape::Punct
    }
}

/// ASCII lower case of `w` in `buf`, or `None` when it does not fit or is not ASCII.
fn ascii_lower<'b>(w: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let bytes = w.as_bytes();
    if bytes.len() > buf.len() || !w.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..bytes.len()]).ok()
}

/// A plural common noun more likely than a surname ("Estimates", "Lawsuits").
fn plural_like(w: &str) -> bool {
    w.len() > 4
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
}

/// "United States" -> "the United States", for roles ("President of the United States").
fn with_article(name: &str) -> String {
    const THE: &[&str] = &[
        "Netherlands",
        "Philippines",
        "Bahamas",
        "Gambia",
        "Maldives",
        "Seychelles",
        "Comoros",
        "Vatican",
        "Sahel",
        "Balkans",
        "Caribbean",
    ];
    let plural_state = name.starts_with("United ")
        || name.ends_with(" Republic")
        || name.ends_with(" Islands")
        || name.starts_with("Republic of")
        || name.starts_with("Democratic Republic");
    if plural_state || THE.contains(&name) {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

fn ends_with_any(w: &str, endings: &[&str]) -> bool {
    endings
        .iter()
        .any(|e| w.len() > e.len() + 2 && w.ends_with(e))
}

/// "Gawker.com", "CBC.ca": a word with a dot before a short top-level domain.
fn is_web_address(w: &str) -> bool {
    let Some((name, tld)) = w.rsplit_once('.') else {
        return false;
    };
    name.chars().filter(|c| c.is_alphanumeric()).count() >= 2
        && !name.ends_with('.')
        && (2..=4).contains(&tld.len())
        && tld.bytes().all(|b| b.is_ascii_lowercase())
}

/// "IE6" -> "IE", "PS4" -> "PS": an acronym of two or more capitals with a version number
/// (and perhaps one lower-case letter: "IE8b"). Codes with a hyphen ("STS-1", "COVID-19")
/// are not versions.
fn version_stem(w: &str) -> Option<&str> {
    let letters = w.bytes().take_while(u8::is_ascii_uppercase).count();
    let rest = &w.as_bytes()[letters..];
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let tail = &rest[digits..];
    let ok = letters >= 2
        && digits >= 1
        && (tail.is_empty() || (tail.len() == 1 && tail[0].is_ascii_lowercase()));
    ok.then(|| &w[..letters])
}

fn is_roman_numeral(w: &str) -> bool {
    !w.is_empty() && w.len() <= 4 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

fn is_acronym_form(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && s.chars().all(|c| !c.is_lowercase())
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// True when `hay` holds `word` with no letter or digit right before or after it.
fn contains_word(hay: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = hay[from..].find(word) {
        let s = from + i;
        let e = s + word.len();
        let ok_before = !hay[..s]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let ok_after = !hay[e..].chars().next().is_some_and(char::is_alphanumeric);
        if ok_before && ok_after {
            return true;
        }
        from = s + word.chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_punctuation() {
        assert_eq!(slug("Faure Gnassingbé"), "faure-gnassingbe");
        assert_eq!(slug("U.S."), "us");
        assert_eq!(slug("Côte d'Ivoire"), "cote-divoire");
        assert_eq!(slug("  "), "");
        assert_eq!(slug("Путин"), "путин");
    }

    #[test]
    fn shapes() {
        assert_eq!(shape_of(TokenKind::Word, "Togo"), Shape::Upper);
        assert_eq!(shape_of(TokenKind::Word, "ECOWAS"), Shape::Caps);
        assert_eq!(shape_of(TokenKind::Word, "U.S."), Shape::Caps);
        assert_eq!(shape_of(TokenKind::Word, "al-Assad"), Shape::Upper);
        assert_eq!(shape_of(TokenKind::Word, "protest"), Shape::Lower);
        assert_eq!(shape_of(TokenKind::Word, "J."), Shape::Upper);
    }

    #[test]
    fn version_stems() {
        assert_eq!(version_stem("IE6"), Some("IE"));
        assert_eq!(version_stem("PS4"), Some("PS"));
        assert_eq!(version_stem("STS-1"), None);
        assert_eq!(version_stem("G7"), None);
        assert_eq!(version_stem("NASA"), None);
    }

    #[test]
    fn word_containment() {
        assert!(contains_word("Togo's leader", "Togo"));
        assert!(!contains_word("Togoland", "Togo"));
    }
}
