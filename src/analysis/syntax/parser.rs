//! Labelled dependency parser: arc-hybrid transitions (Kuhlmann et al. 2011) with the
//! root at the end of the buffer, scored by an averaged perceptron over whole transition
//! transitions, trained with the dynamic oracle of Goldberg & Nivre (2013). Two ways:
//! greedy (one state; training follows the model's own mistakes and learns to recover
//! from them, [`train`]; the default), or a beam of states over whole transition sequences
//! (Zhang & Nivre 2011), trained with max-violation updates (Huang et al. 2012) towards
//! the dynamic oracle's sequences ([`train_beam`], `--beam N`; the file then names its
//! width, see [`file_with_beam`]).
//!
//! Transitions: SHIFT moves the buffer front `b0` onto the stack; LEFT-l pops `s0` as a
//! dependent of `b0`; RIGHT-l pops `s0` as a dependent of `s1`. Class 0 is SHIFT, class
//! `1 + 2l` LEFT with label `l`, class `2 + 2l` RIGHT with label `l`. The root token is
//! the one attached to the artificial ROOT, which LEFT may do only when `s0` is the last
//! word on the stack: every tree has exactly one root.

use super::features::{Lex, NONE, feat, feat2, feat3, lex, mix};
use super::weights::{Sums, TrainWeights, Weights};
use super::{Deprel, Token, Upos};

/// Bucket width of the parser's feature table.
pub const BITS: u32 = 22;

pub fn labels() -> usize {
    Deprel::ALL.len()
}

pub fn classes() -> usize {
    1 + 2 * labels()
}

/// Magic of a parser file that names the width of its beam: `NLBP`, the width (u8), then
/// the weights file. A bare weights file (`NLSW`) is a greedy parser's (width 1).
const BEAM_MAGIC: &[u8; 4] = b"NLBP";

/// The parser file of `weights` (a weights file) trained for a beam of `width`.
pub fn file_with_beam(weights: Vec<u8>, width: usize) -> Vec<u8> {
    if width <= 1 {
        return weights;
    }
    let mut out = Vec::with_capacity(weights.len() + 5);
    out.extend_from_slice(BEAM_MAGIC);
    out.push(width.min(255) as u8);
    out.extend_from_slice(&weights);
    out
}

const ROOT_LABEL: u8 = Deprel::Root as u8;
const NO: usize = usize::MAX;

pub struct Parser {
    weights: Weights,
    /// Width of the decoding beam (1: greedy).
    beam: usize,
    /// Which classes are valid, per [`State::kind`]: the argmax reads one of these
    /// instead of testing every class against the state.
    valid: Vec<Vec<bool>>,
}

/// Kinds of state that [`State::kind`] tells apart: SHIFT valid or not, times LEFT
/// invalid, LEFT-root only or LEFT without root, times RIGHT valid or not.
const KINDS: usize = 12;

/// The parser configuration: stack, buffer position and the partial tree.
#[derive(Clone)]
pub struct State {
    /// Words; `n` stands for ROOT.
    n: usize,
    stack: Vec<usize>,
    b: usize,
    heads: Vec<usize>,
    labels: Vec<u8>,
    left1: Vec<usize>,
    left2: Vec<usize>,
    right1: Vec<usize>,
    right2: Vec<usize>,
    n_left: Vec<u8>,
    n_right: Vec<u8>,
    left_set: Vec<u64>,
    right_set: Vec<u64>,
}

impl State {
    pub fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            b: 0,
            heads: vec![NO; n + 1],
            labels: vec![0; n + 1],
            left1: vec![NO; n + 1],
            left2: vec![NO; n + 1],
            right1: vec![NO; n + 1],
            right2: vec![NO; n + 1],
            n_left: vec![0; n + 1],
            n_right: vec![0; n + 1],
            left_set: vec![0; n + 1],
            right_set: vec![0; n + 1],
        }
    }

    /// Becomes a copy of `o`, reusing its own allocations.
    fn copy_from(&mut self, o: &State) {
        self.n = o.n;
        self.stack.clone_from(&o.stack);
        self.b = o.b;
        self.heads.clone_from(&o.heads);
        self.labels.clone_from(&o.labels);
        self.left1.clone_from(&o.left1);
        self.left2.clone_from(&o.left2);
        self.right1.clone_from(&o.right1);
        self.right2.clone_from(&o.right2);
        self.n_left.clone_from(&o.n_left);
        self.n_right.clone_from(&o.n_right);
        self.left_set.clone_from(&o.left_set);
        self.right_set.clone_from(&o.right_set);
    }

    pub fn done(&self) -> bool {
        self.stack.is_empty() && self.b >= self.n
    }

    fn s(&self, k: usize) -> usize {
        if self.stack.len() > k {
            self.stack[self.stack.len() - 1 - k]
        } else {
            NO
        }
    }

    fn buf(&self, k: usize) -> usize {
        let i = self.b + k;
        if i <= self.n { i } else { NO }
    }

    /// The class of the only valid transition, if there is one: SHIFT on an empty stack,
    /// and LEFT-root of the last word once the buffer is empty. Decoding takes it without
    /// extracting features or scoring, since the argmax over one class is that class.
    pub fn forced(&self) -> Option<usize> {
        if self.stack.is_empty() && self.b < self.n {
            Some(0)
        } else if self.stack.len() == 1 && self.b == self.n {
            Some(1 + 2 * usize::from(ROOT_LABEL))
        } else {
            None
        }
    }

    /// What decides which classes are valid (see [`KINDS`]): whether SHIFT is, which
    /// LEFT labels are, and whether RIGHT is.
    fn kind(&self) -> usize {
        let left = if self.stack.is_empty() {
            0
        } else if self.b == self.n {
            if self.stack.len() == 1 { 1 } else { 0 }
        } else {
            2
        };
        usize::from(self.b < self.n) + 2 * left + 6 * usize::from(self.stack.len() >= 2)
    }

    pub fn valid(&self, class: usize) -> bool {
        if class == 0 {
            return self.b < self.n;
        }
        let label = ((class - 1) / 2) as u8;
        if class % 2 == 1 {
            // LEFT
            if self.stack.is_empty() {
                return false;
            }
            if self.b == self.n {
                self.stack.len() == 1 && label == ROOT_LABEL
            } else {
                label != ROOT_LABEL
            }
        } else {
            self.stack.len() >= 2 && label != ROOT_LABEL
        }
    }

    fn add_arc(&mut self, head: usize, dep: usize, label: u8) {
        self.heads[dep] = head;
        self.labels[dep] = label;
        let bit = 1u64 << (label % 64);
        if dep < head {
            self.n_left[head] = self.n_left[head].saturating_add(1);
            self.left_set[head] |= bit;
            if self.left1[head] == NO || dep < self.left1[head] {
                self.left2[head] = self.left1[head];
                self.left1[head] = dep;
            } else if self.left2[head] == NO || dep < self.left2[head] {
                self.left2[head] = dep;
            }
        } else {
            self.n_right[head] = self.n_right[head].saturating_add(1);
            self.right_set[head] |= bit;
            if self.right1[head] == NO || dep > self.right1[head] {
                self.right2[head] = self.right1[head];
                self.right1[head] = dep;
            } else if self.right2[head] == NO || dep > self.right2[head] {
                self.right2[head] = dep;
            }
        }
    }

    pub fn apply(&mut self, class: usize) {
        if class == 0 {
            self.stack.push(self.b);
            self.b += 1;
            return;
        }
        let label = ((class - 1) / 2) as u8;
        let Some(s0) = self.stack.pop() else {
            return;
        };
        if class % 2 == 1 {
            self.add_arc(self.b, s0, label);
        } else {
            let s1 = self.stack.last().copied().unwrap_or(self.n);
            self.add_arc(s1, s0, label);
        }
    }

    /// Dynamic-oracle costs (gold arcs made unreachable) of every class against gold
    /// `heads` (ROOT = n) and `labels`, `u32::MAX` for invalid ones. The labelled
    /// transitions of one direction share all but the label term, so the scans over the
    /// stack and the buffer run once per direction, not once per class.
    pub fn costs(&self, gold_heads: &[usize], gold_labels: &[u8], out: &mut [u32]) {
        out.fill(u32::MAX);
        if self.b < self.n {
            let b0 = self.b;
            let s0 = self.s(0);
            let mut c = 0;
            for &k in &self.stack {
                if gold_heads[b0] == k && k != s0 {
                    c += 1;
                }
                if gold_heads[k] == b0 {
                    c += 1;
                }
            }
            out[0] = c;
        }
        if self.stack.is_empty() {
            return;
        }
        let s0 = self.s(0);
        let s1 = self.s(1);
        let g = gold_heads[s0];
        let gold_label = gold_labels[s0];
        let deps = (self.b..self.n).filter(|&d| gold_heads[d] == s0).count() as u32;
        let b0 = self.b;
        let left = deps + u32::from(g != b0 && ((s1 != NO && g == s1) || g > b0));
        let right = deps + u32::from(g >= self.b && g != NO);
        for label in 0..labels() {
            let l = label as u8;
            let (left_class, right_class) = (1 + 2 * label, 2 + 2 * label);
            if self.valid(left_class) {
                out[left_class] = left + u32::from(g == b0 && gold_label != l);
            }
            if self.valid(right_class) {
                out[right_class] = right + u32::from(g == s1 && gold_label != l);
            }
        }
    }
}

/// What the feature templates read of one sentence: lexical hashes and tags.
pub struct Words<'a> {
    pub lex: &'a [Lex],
    pub tags: &'a [u8],
    /// `punct[i]`: punctuation tokens before token `i` (a prefix sum, for the
    /// punctuation between two words).
    punct: Vec<u16>,
}

const ROOT_WORD: u64 = 0x5151_5151_0000_0001;
const ROOT_TAG: u64 = 200;

/// Tags whose words are few: for them the word itself is the finer tag.
const CLOSED: [Upos; 8] = [
    Upos::Adp,
    Upos::Aux,
    Upos::Cconj,
    Upos::Det,
    Upos::Part,
    Upos::Pron,
    Upos::Sconj,
    Upos::Punct,
];

impl<'a> Words<'a> {
    pub fn new(lex: &'a [Lex], tags: &'a [u8]) -> Words<'a> {
        let mut punct = Vec::with_capacity(tags.len() + 1);
        let mut k = 0u16;
        punct.push(0);
        for &t in tags {
            k = k.saturating_add(u16::from(t == Upos::Punct as u8));
            punct.push(k);
        }
        Words { lex, tags, punct }
    }
    fn w(&self, n: usize, i: usize) -> u64 {
        if i == NO {
            NONE
        } else if i == n {
            ROOT_WORD
        } else {
            self.lex[i].word
        }
    }
    fn t(&self, n: usize, i: usize) -> u64 {
        if i == NO {
            NONE
        } else if i == n {
            ROOT_TAG
        } else {
            u64::from(self.tags[i])
        }
    }
    /// A finer tag than UPOS, which lacks the verb forms and the function words that
    /// the treebank's XPOS has: closed-class tags with their word, verbs with their
    /// ending (`-ed`, `-ng`, `-es`...).
    fn r(&self, n: usize, i: usize) -> u64 {
        if i == NO || i == n {
            return self.t(n, i);
        }
        let tag = self.tags[i];
        let l = &self.lex[i];
        if CLOSED.iter().any(|&c| c as u8 == tag) {
            mix(u64::from(tag), l.word)
        } else if tag == Upos::Verb as u8 {
            mix(u64::from(tag), l.suffix2)
        } else {
            u64::from(tag)
        }
    }
    /// Punctuation tokens strictly between words `a` and `b`, capped at 3.
    fn punct_between(&self, n: usize, a: usize, b: usize) -> u64 {
        if a == NO || b == NO {
            return 99;
        }
        let (lo, hi) = (a.min(b).min(n), a.max(b).min(n));
        if hi <= lo + 1 {
            return 0;
        }
        u64::from((self.punct[hi] - self.punct[lo + 1]).min(3))
    }
}

fn distance(a: usize, b: usize) -> u64 {
    if a == NO || b == NO {
        return 99;
    }
    let d = a.abs_diff(b);
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Templates that read only the words on the stack and what cannot change while they stay
/// there: their words and tags, the depth, the left dependents of `s0` and `s1` (a word
/// gets its left dependents before it is shifted) and the right ones of `s1` (only the word
/// above it can become one, by a RIGHT that pops that word). A pop returns to a
/// configuration whose hashes these are, so greedy decoding hashes and scores them once
/// per push ([`Parser::greedy`]).
const STACK: [usize; 37] = [
    0, 1, 2, 3, 4, 5, 6, 7, 24, 25, 26, 27, 31, 35, 36, 40, 41, 42, 46, 47, 55, 56, 57, 64, 67, 68,
    73, 74, 82, 83, 85, 87, 92, 94, 95, 96, 99,
];
/// Templates that read only the words at `b`, `b + 1` and `b + 2`, which stay while `b`
/// does.
const BUFFER: [usize; 13] = [8, 9, 10, 11, 12, 13, 14, 15, 23, 28, 78, 84, 90];
/// The other templates: they read `s0` with the buffer, or dependents that a transition
/// from the same stack or buffer may have added.
const REST: [usize; 51] = [
    16, 17, 18, 19, 20, 21, 22, 29, 30, 32, 33, 34, 37, 38, 39, 43, 44, 45, 48, 49, 50, 51, 52, 53,
    54, 58, 59, 60, 61, 62, 63, 65, 66, 69, 70, 71, 72, 75, 76, 77, 79, 80, 81, 86, 88, 89, 91, 93,
    97, 98, 100,
];
/// Number of templates, numbered `0..TEMPLATES` in the order [`features`] gives them.
const TEMPLATES: usize = STACK.len() + BUFFER.len() + REST.len();

/// The groups of templates that [`group`] hashes.
const G_STACK: u8 = 0;
const G_BUFFER: u8 = 1;
const G_REST: u8 = 2;

/// The feature hashes of a configuration, in template order (as training sees them).
pub fn features(st: &State, words: &Words, out: &mut Vec<u64>) {
    let mut all = [0u64; TEMPLATES];
    group::<G_STACK>(st, words, out);
    for (&t, &f) in STACK.iter().zip(out.iter()) {
        all[t] = f;
    }
    group::<G_BUFFER>(st, words, out);
    for (&t, &f) in BUFFER.iter().zip(out.iter()) {
        all[t] = f;
    }
    group::<G_REST>(st, words, out);
    for (&t, &f) in REST.iter().zip(out.iter()) {
        all[t] = f;
    }
    out.clear();
    out.extend_from_slice(&all);
}

/// The feature hashes of the templates of group `G` (in the order of its list above).
#[inline(always)]
fn group<const G: u8>(st: &State, words: &Words, out: &mut Vec<u64>) {
    out.clear();
    let n = st.n;
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.buf(0), st.buf(1), st.buf(2));
    let w = |i: usize| words.w(n, i);
    let t = |i: usize| words.t(n, i);
    let r = |i: usize| words.r(n, i);
    let l = |i: usize| {
        if i == NO {
            NONE
        } else {
            u64::from(st.labels[i])
        }
    };
    let child = |v: &Vec<usize>, i: usize| if i == NO { NO } else { v[i] };
    let (s0l, s0l2, s0r, s0r2) = (
        child(&st.left1, s0),
        child(&st.left2, s0),
        child(&st.right1, s0),
        child(&st.right2, s0),
    );
    let (b0l, b0l2) = (child(&st.left1, b0), child(&st.left2, b0));
    let (s1r, s1l) = (child(&st.right1, s1), child(&st.left1, s1));
    let (s0w, s0t, s1w, s1t, b0w, b0t) = (w(s0), t(s0), w(s1), t(s1), w(b0), t(b0));
    let (b1w, b1t) = (w(b1), t(b1));
    let s0wt = feat2(900, s0w, s0t);
    let b0wt = feat2(901, b0w, b0t);
    let s1wt = feat2(902, s1w, s1t);
    let d = distance(s0, b0);
    let d1 = distance(s1, s0);
    let small = |v: u8| u64::from(v.min(6));
    let opt = |i: usize, v: &Vec<u8>| if i == NO { 99 } else { small(v[i]) };
    let set = |i: usize, v: &Vec<u64>| if i == NO { NONE } else { v[i] };
    match G {
        G_STACK => out.extend_from_slice(&[
            feat(0, 0),
            feat(1, s0w),
            feat(2, s0t),
            feat(3, s0wt),
            feat(4, s1w),
            feat(5, s1t),
            feat(6, s1wt),
            feat(7, t(s2)),
            feat2(24, s1t, s0t),
            feat2(25, s1w, s0w),
            feat2(26, s1t, s0w),
            feat2(27, s1w, s0t),
            feat3(31, t(s2), s1t, s0t),
            feat3(35, s1t, t(s1r), s0t),
            feat3(36, s0t, t(s0l), t(s0l2)),
            feat(40, w(s0l)),
            feat(41, t(s0l)),
            feat(42, l(s0l)),
            feat(46, t(s0l2)),
            feat(47, l(s0l2)),
            feat(55, t(s1r)),
            feat(56, l(s1r)),
            feat2(57, t(s1l), l(s1l)),
            feat3(64, s1t, s0t, d1),
            feat2(67, s0w, opt(s0, &st.n_left)),
            feat2(68, s0t, opt(s0, &st.n_left)),
            feat2(73, s0w, set(s0, &st.left_set)),
            feat2(74, s0t, set(s0, &st.left_set)),
            feat2(82, s0t, u64::from(st.stack.len().min(4) as u8)),
            feat(83, r(s0)),
            feat(85, r(s1)),
            feat2(87, r(s1), r(s0)),
            feat3(92, s1t, s0t, words.punct_between(n, s1, s0)),
            feat2(94, s1t, opt(s1, &st.n_left)),
            feat2(95, s1t, opt(s1, &st.n_right)),
            feat2(96, s1t, set(s1, &st.right_set)),
            feat3(99, r(s0), t(s0l), l(s0l)),
        ]),
        G_BUFFER => out.extend_from_slice(&[
            feat(8, b0w),
            feat(9, b0t),
            feat(10, b0wt),
            feat(11, b1w),
            feat(12, b1t),
            feat2(13, b1w, b1t),
            feat(14, w(b2)),
            feat(15, t(b2)),
            feat2(23, b0t, b1t),
            feat3(28, b0t, b1t, t(b2)),
            feat3(78, b0w, b0t, b1t),
            feat(84, r(b0)),
            feat2(90, r(b0), r(b1)),
        ]),
        _ => out.extend_from_slice(&[
            feat2(16, s0wt, b0wt),
            feat2(17, s0wt, b0w),
            feat2(18, s0w, b0wt),
            feat2(19, s0wt, b0t),
            feat2(20, s0t, b0wt),
            feat2(21, s0w, b0w),
            feat2(22, s0t, b0t),
            feat3(29, s0t, b0t, b1t),
            feat3(30, s1t, s0t, b0t),
            feat3(32, s0t, t(s0l), b0t),
            feat3(33, s0t, t(s0r), b0t),
            feat3(34, s0t, b0t, t(b0l)),
            feat3(37, s0t, t(s0r), t(s0r2)),
            feat3(38, b0t, t(b0l), t(b0l2)),
            feat3(39, s1t, s0t, t(s0r)),
            feat(43, w(s0r)),
            feat(44, t(s0r)),
            feat(45, l(s0r)),
            feat(48, t(s0r2)),
            feat(49, l(s0r2)),
            feat(50, w(b0l)),
            feat(51, t(b0l)),
            feat(52, l(b0l)),
            feat(53, t(b0l2)),
            feat(54, l(b0l2)),
            feat2(58, s0w, d),
            feat2(59, s0t, d),
            feat2(60, b0w, d),
            feat2(61, b0t, d),
            feat3(62, s0w, b0w, d),
            feat3(63, s0t, b0t, d),
            feat2(65, s0w, opt(s0, &st.n_right)),
            feat2(66, s0t, opt(s0, &st.n_right)),
            feat2(69, b0w, opt(b0, &st.n_left)),
            feat2(70, b0t, opt(b0, &st.n_left)),
            feat2(71, s0w, set(s0, &st.right_set)),
            feat2(72, s0t, set(s0, &st.right_set)),
            feat2(75, b0w, set(b0, &st.left_set)),
            feat2(76, b0t, set(b0, &st.left_set)),
            feat3(77, s0t, l(s0l), l(s0r)),
            feat3(79, s0w, s0t, b0t),
            feat2(80, s1t, b0t),
            feat3(81, s1t, s0t, b1t),
            feat2(86, r(s0), r(b0)),
            feat3(88, r(s0), r(b0), b1t),
            feat3(89, r(s1), r(s0), r(b0)),
            feat3(91, s0t, b0t, words.punct_between(n, s0, b0)),
            feat3(93, s1t, b0t, distance(s1, b0)),
            feat3(97, s0w, b0t, b1t),
            feat3(98, s0t, b0w, b1t),
            feat3(100, r(b0), t(b0l), l(b0l)),
        ]),
    }
}

impl Parser {
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, String> {
        let (beam, bytes) = match bytes.strip_prefix(BEAM_MAGIC) {
            Some(rest) => match rest.split_first() {
                Some((&w, rest)) if w >= 1 => (usize::from(w), rest),
                _ => return Err("parser file without its beam width".into()),
            },
            None => (1, bytes),
        };
        let weights = Weights::from_bytes(bytes)?;
        if weights.classes() != classes() {
            return Err(format!(
                "{} classes, expected {}",
                weights.classes(),
                classes()
            ));
        }
        let valid = (0..KINDS).map(|kind| valid_in(kind, classes())).collect();
        Ok(Parser {
            weights,
            valid,
            beam,
        })
    }

    /// The best final state that a beam of `k` finds: each step extends every state by
    /// each of its valid transitions and keeps the `k` highest sums of transition scores
    /// (ties to the earlier state and the lower class). Every state of a sentence of `n`
    /// words ends after exactly `2n` transitions, so the states of a beam stay in step.
    fn beam_search(&self, words: &Words, n: usize, k: usize) -> State {
        let c = classes();
        let mut beam = vec![(State::new(n), 0i64)];
        let mut next: Vec<(State, i64)> = Vec::with_capacity(k);
        let mut cands: Vec<(i64, u32, u16)> = Vec::with_capacity(k * c);
        let mut feats = Vec::with_capacity(128);
        let mut scores = vec![0i32; c];
        let order = |a: &(i64, u32, u16), b: &(i64, u32, u16)| {
            b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
        };
        while !beam[0].0.done() {
            cands.clear();
            for (i, (st, total)) in beam.iter().enumerate() {
                if let Some(only) = st.forced() {
                    cands.push((*total, i as u32, only as u16));
                    continue;
                }
                features(st, words, &mut feats);
                scores.fill(0);
                self.weights.score(&feats, &mut scores);
                for (class, (&s, &ok)) in scores.iter().zip(&self.valid[st.kind()]).enumerate() {
                    if ok {
                        cands.push((total + i64::from(s), i as u32, class as u16));
                    }
                }
            }
            if cands.is_empty() {
                break;
            }
            if cands.len() > k {
                cands.select_nth_unstable_by(k - 1, order);
                cands.truncate(k);
            }
            cands.sort_unstable_by(order);
            for (j, &(total, i, class)) in cands.iter().enumerate() {
                if j < next.len() {
                    next[j].0.copy_from(&beam[i as usize].0);
                    next[j].1 = total;
                } else {
                    next.push((beam[i as usize].0.clone(), total));
                }
                next[j].0.apply(usize::from(class));
            }
            next.truncate(cands.len());
            std::mem::swap(&mut beam, &mut next);
        }
        beam.swap_remove(0).0
    }

    pub fn parse(&self, tokens: &mut [Token], body: &str) {
        let n = tokens.len();
        if n == 0 {
            return;
        }
        let lexes: Vec<Lex> = tokens.iter().map(|t| lex(t.text(body))).collect();
        let tags: Vec<u8> = tokens.iter().map(|t| t.upos as u8).collect();
        let words = Words::new(&lexes, &tags);
        let st = if self.beam > 1 {
            self.beam_search(&words, n, self.beam)
        } else {
            self.greedy(&words, n)
        };
        for (i, t) in tokens.iter_mut().enumerate() {
            let h = st.heads[i];
            t.head = if h == NO || h >= n {
                None
            } else {
                Some(h as u16)
            };
            t.deprel = if h == n {
                Deprel::Root
            } else {
                Deprel::from_index(usize::from(st.labels[i]))
            };
        }
    }

    /// Greedy decoding. The stack's templates ([`STACK`]) are scored once per push and
    /// the buffer's ([`BUFFER`]) once per buffer position: a configuration that a pop
    /// returns to, or a transition that keeps `b`, reuses their sums (integer sums, so the
    /// scores are the same as those of all the features at once).
    fn greedy(&self, words: &Words, n: usize) -> State {
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(REST.len());
        let c = classes();
        let mut sums: Sums = [0; 256];
        // The stack group's sums per depth, valid since the last push to that depth.
        let mut stack_sums: Vec<Sums> = Vec::new();
        let mut stack_known: Vec<bool> = Vec::new();
        // The buffer group's sums, of the buffer at `buffer_at`.
        let mut buffer_sums: Sums = [0; 256];
        let mut buffer_at = NO;
        while !st.done() {
            let class = match st.forced() {
                Some(only) => only,
                None => {
                    let depth = st.stack.len();
                    if stack_known.len() <= depth {
                        stack_known.resize(depth + 1, false);
                        stack_sums.resize(depth + 1, [0; 256]);
                    }
                    let part = &mut stack_sums[depth];
                    if !stack_known[depth] {
                        group::<G_STACK>(&st, words, &mut feats);
                        self.weights.clear(part);
                        self.weights.add_votes(&feats, part);
                        stack_known[depth] = true;
                    }
                    if buffer_at != st.b {
                        group::<G_BUFFER>(&st, words, &mut feats);
                        self.weights.clear(&mut buffer_sums);
                        self.weights.add_votes(&feats, &mut buffer_sums);
                        buffer_at = st.b;
                    }
                    for ((s, &a), &b) in sums.iter_mut().zip(&part[..]).zip(&buffer_sums) {
                        *s = a + b;
                    }
                    group::<G_REST>(&st, words, &mut feats);
                    self.weights.add_votes(&feats, &mut sums);
                    let scores = &mut sums[..c];
                    // The first valid class of the highest score (a sum of at most one i16
                    // vote per feature and class, far above i32::MIN, which marks the
                    // invalid ones). The mask and the maximum are loops without branches,
                    // in vectors.
                    for (s, &ok) in scores.iter_mut().zip(&self.valid[st.kind()]) {
                        *s = if ok { *s } else { i32::MIN };
                    }
                    let top = scores.iter().copied().max().unwrap_or(i32::MIN);
                    match scores.iter().position(|&s| s == top) {
                        Some(best) if top > i32::MIN => best,
                        _ => break,
                    }
                }
            };
            st.apply(class);
            if class == 0 {
                // A new configuration at this depth.
                if let Some(known) = stack_known.get_mut(st.stack.len()) {
                    *known = false;
                }
            }
        }
        st
    }
}

/// The classes valid in a state of `kind` (see [`State::kind`]), as [`State::valid`]
/// decides them.
fn valid_in(kind: usize, classes: usize) -> Vec<bool> {
    let (shift, left, right) = (kind % 2 == 1, kind / 2 % 3, kind >= 6);
    (0..classes)
        .map(|class| {
            let root = (class.max(1) - 1) / 2 == usize::from(ROOT_LABEL);
            match class {
                0 => shift,
                _ if class % 2 == 1 => (left == 1 && root) || (left == 2 && !root),
                _ => right && !root,
            }
        })
        .collect()
}

/// One training sentence for the parser.
pub struct Example {
    pub lex: Vec<Lex>,
    /// Predicted (jackknifed) tags, as the parser will see them at run time.
    pub tags: Vec<u8>,
    /// Gold heads, ROOT = number of words.
    pub heads: Vec<usize>,
    pub labels: Vec<u8>,
}

/// A small deterministic generator (xorshift64*) for the exploration coin.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Trains the parser, one permutation of the examples per epoch. From the second epoch
/// on, training follows the model's own (possibly wrong) transition with probability
/// `explore`, as the dynamic oracle allows.
pub fn train(
    examples: &[Example],
    orders: &[Vec<usize>],
    explore: f64,
    bits: u32,
    rng: &mut Rng,
) -> TrainWeights {
    let c = classes();
    let mut w = TrainWeights::new(bits, c);
    let mut feats = Vec::with_capacity(128);
    let mut scores = vec![0f32; c];
    let mut costs = vec![0u32; c];
    for (epoch, order) in orders.iter().enumerate() {
        for &e in order {
            let ex = &examples[e];
            let n = ex.lex.len();
            if n == 0 {
                continue;
            }
            let words = Words::new(&ex.lex, &ex.tags);
            let mut st = State::new(n);
            while !st.done() {
                features(&st, &words, &mut feats);
                scores.fill(0.0);
                w.score(&feats, &mut scores);
                st.costs(&ex.heads, &ex.labels, &mut costs);
                let min_cost = costs.iter().copied().min().unwrap_or(u32::MAX);
                if min_cost == u32::MAX {
                    break;
                }
                let (mut guess, mut truth) = (NO, NO);
                for k in 0..c {
                    if costs[k] == u32::MAX {
                        continue;
                    }
                    if guess == NO || scores[k] > scores[guess] {
                        guess = k;
                    }
                    if costs[k] == min_cost && (truth == NO || scores[k] > scores[truth]) {
                        truth = k;
                    }
                }
                w.tick();
                if costs[guess] > min_cost {
                    w.update(&feats, truth, guess);
                }
                let follow = if epoch > 0 && rng.unit() < explore {
                    guess
                } else {
                    truth
                };
                st.apply(follow);
            }
        }
    }
    w
}

/// A candidate of a training beam: the sum of its transition scores, the state it
/// extends and its transition.
type Candidate = (f64, u32, u16);

fn by_score(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
}

/// Trains the parser for beam search of width `k`, on whole transition sequences
/// (Zhang & Nivre 2011) with max-violation updates (Huang et al. 2012): each sentence is
/// decoded with the current weights beside the gold sequence, and the weights move at the
/// step where the best state of the beam outscores the gold prefix by the most, from the
/// transitions of the best state's prefix to those of the gold one. The gold sequence is
/// the dynamic oracle's: at each step the transition of least cost (the one that loses
/// fewest gold arcs, ties to the higher score), so that non-projective trees have one too.
pub fn train_beam(
    examples: &[Example],
    orders: &[Vec<usize>],
    k: usize,
    bits: u32,
    log: &mut dyn FnMut(&str),
) -> TrainWeights {
    let c = classes();
    let k = k.max(1);
    let valid: Vec<Vec<bool>> = (0..KINDS).map(|kind| valid_in(kind, c)).collect();
    let mut w = TrainWeights::new(bits, c);
    let mut feats = Vec::with_capacity(128);
    let mut scores = vec![0f32; c];
    let mut costs = vec![0u32; c];
    let mut cands: Vec<Candidate> = Vec::with_capacity(k * c);
    for (epoch, order) in orders.iter().enumerate() {
        let mut updates = 0usize;
        for &e in order {
            let ex = &examples[e];
            let n = ex.lex.len();
            if n == 0 {
                continue;
            }
            let words = Words::new(&ex.lex, &ex.tags);
            // States of the beam with their score sums and path hashes.
            let mut beam: Vec<(State, f64, u64)> = vec![(State::new(n), 0.0, 0)];
            let mut next: Vec<(State, f64, u64)> = Vec::with_capacity(k);
            // Per step, per state of the beam after it: (index of the state it extends,
            // transition).
            let mut back: Vec<Vec<(u32, u16)>> = Vec::with_capacity(2 * n);
            let mut gold = State::new(n);
            let (mut gold_score, mut gold_hash) = (0f64, 0u64);
            let mut gold_path: Vec<u16> = Vec::with_capacity(2 * n);
            let mut worst: Option<(f64, usize)> = None;
            while !gold.done() {
                let g = match gold.forced() {
                    Some(only) => only,
                    None => {
                        features(&gold, &words, &mut feats);
                        scores.fill(0.0);
                        w.score(&feats, &mut scores);
                        gold.costs(&ex.heads, &ex.labels, &mut costs);
                        let min = costs.iter().copied().min().unwrap_or(u32::MAX);
                        let mut g = NO;
                        for k in 0..c {
                            if costs[k] == min && (g == NO || scores[k] > scores[g]) {
                                g = k;
                            }
                        }
                        gold_score += f64::from(scores[g]);
                        g
                    }
                };
                gold.apply(g);
                gold_hash = mix(gold_hash, g as u64 + 1);
                gold_path.push(g as u16);

                cands.clear();
                for (i, (st, total, _)) in beam.iter().enumerate() {
                    if let Some(only) = st.forced() {
                        cands.push((*total, i as u32, only as u16));
                        continue;
                    }
                    features(st, &words, &mut feats);
                    scores.fill(0.0);
                    w.score(&feats, &mut scores);
                    for (class, (&s, &ok)) in scores.iter().zip(&valid[st.kind()]).enumerate() {
                        if ok {
                            cands.push((total + f64::from(s), i as u32, class as u16));
                        }
                    }
                }
                if cands.len() > k {
                    cands.select_nth_unstable_by(k - 1, by_score);
                    cands.truncate(k);
                }
                cands.sort_unstable_by(by_score);
                let mut links = Vec::with_capacity(cands.len());
                for (j, &(total, i, class)) in cands.iter().enumerate() {
                    let (parent, hash) = (&beam[i as usize].0, beam[i as usize].2);
                    if j < next.len() {
                        next[j].0.copy_from(parent);
                    } else {
                        next.push((parent.clone(), 0.0, 0));
                    }
                    next[j].0.apply(usize::from(class));
                    next[j].1 = total;
                    next[j].2 = mix(hash, u64::from(class) + 1);
                    links.push((i, class));
                }
                next.truncate(cands.len());
                std::mem::swap(&mut beam, &mut next);
                back.push(links);
                if beam[0].2 != gold_hash {
                    let v = beam[0].1 - gold_score;
                    if v >= 0.0 && worst.is_none_or(|(most, _)| v > most) {
                        worst = Some((v, back.len()));
                    }
                }
            }
            w.tick();
            let Some((_, t)) = worst else {
                continue;
            };
            updates += 1;
            let mut path = vec![0u16; t];
            let mut j = 0u32;
            for step in (0..t).rev() {
                let (parent, class) = back[step][j as usize];
                path[step] = class;
                j = parent;
            }
            let (mut gs, mut ps) = (State::new(n), State::new(n));
            let mut same = true;
            for step in 0..t {
                let (ga, pa) = (usize::from(gold_path[step]), usize::from(path[step]));
                if !(same && ga == pa) {
                    same = false;
                    if gs.forced().is_none() {
                        features(&gs, &words, &mut feats);
                        w.add(&feats, ga, 1.0);
                    }
                    if ps.forced().is_none() {
                        features(&ps, &words, &mut feats);
                        w.add(&feats, pa, -1.0);
                    }
                }
                gs.apply(ga);
                ps.apply(pa);
            }
        }
        log(&format!(
            "parser epoch {}: {updates} updates over {} sentences (beam {k})",
            epoch + 1,
            order.len()
        ));
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_templates_equal_the_reference_and_stay_while_their_words_do() {
        let forms = [
            "The", "minister", "said", ",", "on", "Tuesday", "that", "it", "was", "n't", "closing",
            "borders", ".", "Paris", "and", "Berlin", "agreed", "to", "talks", "--", "1999",
        ];
        let tags = [
            Upos::Det,
            Upos::Noun,
            Upos::Verb,
            Upos::Punct,
            Upos::Adp,
            Upos::Propn,
            Upos::Sconj,
            Upos::Pron,
            Upos::Aux,
            Upos::Part,
            Upos::Verb,
            Upos::Noun,
            Upos::Punct,
            Upos::Propn,
            Upos::Cconj,
            Upos::Propn,
            Upos::Verb,
            Upos::Part,
            Upos::Noun,
            Upos::Punct,
            Upos::Num,
        ];
        let c = classes();
        let mut rng = Rng(0x1234_5678_9abc_def1);
        let (mut want, mut got, mut part) = (Vec::new(), Vec::new(), Vec::new());
        let (mut stack_hits, mut buffer_hits) = (0, 0);
        for n in 1..=30 {
            for _ in 0..6 {
                let pick: Vec<usize> = (0..n)
                    .map(|_| (rng.next() % forms.len() as u64) as usize)
                    .collect();
                let lexes: Vec<Lex> = pick.iter().map(|&k| lex(forms[k])).collect();
                let tg: Vec<u8> = pick
                    .iter()
                    .map(|&k| {
                        if rng.next().is_multiple_of(4) {
                            (rng.next() % 17) as u8
                        } else {
                            tags[k] as u8
                        }
                    })
                    .collect();
                let words = Words::new(&lexes, &tg);
                let mut st = State::new(n);
                let mut stack: Vec<Option<Vec<u64>>> = vec![None; n + 2];
                let mut buffer: Option<(usize, Vec<u64>)> = None;
                while !st.done() {
                    reference_features(&st, &words, &mut want);
                    features(&st, &words, &mut got);
                    assert_eq!(got, want, "n {n}");
                    group::<G_STACK>(&st, &words, &mut part);
                    match &stack[st.stack.len()] {
                        Some(known) => {
                            assert_eq!(known, &part, "stack group changed");
                            stack_hits += 1;
                        }
                        None => stack[st.stack.len()] = Some(part.clone()),
                    }
                    group::<G_BUFFER>(&st, &words, &mut part);
                    match &buffer {
                        Some((b, known)) if *b == st.b => {
                            assert_eq!(known, &part, "buffer group changed");
                            buffer_hits += 1;
                        }
                        _ => buffer = Some((st.b, part.clone())),
                    }
                    let valid: Vec<usize> = (0..c).filter(|&k| st.valid(k)).collect();
                    let class = valid[(rng.next() % valid.len() as u64) as usize];
                    st.apply(class);
                    if class == 0 {
                        stack[st.stack.len()] = None;
                    }
                }
            }
        }
        assert!(
            stack_hits > 1000 && buffer_hits > 1000,
            "{stack_hits} {buffer_hits}"
        );
    }

    /// The feature hashes of a configuration, as they were computed before the templates
    /// were grouped: [`features`] must give the same, in the same order.
    fn reference_features(st: &State, words: &Words, out: &mut Vec<u64>) {
        out.clear();
        let n = st.n;
        let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
        let (b0, b1, b2) = (st.buf(0), st.buf(1), st.buf(2));
        let w = |i: usize| words.w(n, i);
        let t = |i: usize| words.t(n, i);
        let r = |i: usize| words.r(n, i);
        let l = |i: usize| {
            if i == NO {
                NONE
            } else {
                u64::from(st.labels[i])
            }
        };
        let child = |v: &Vec<usize>, i: usize| if i == NO { NO } else { v[i] };
        let (s0l, s0l2, s0r, s0r2) = (
            child(&st.left1, s0),
            child(&st.left2, s0),
            child(&st.right1, s0),
            child(&st.right2, s0),
        );
        let (b0l, b0l2) = (child(&st.left1, b0), child(&st.left2, b0));
        let (s1r, s1l) = (child(&st.right1, s1), child(&st.left1, s1));
        let (s0w, s0t, s1w, s1t, b0w, b0t) = (w(s0), t(s0), w(s1), t(s1), w(b0), t(b0));
        let (b1w, b1t) = (w(b1), t(b1));
        let s0wt = feat2(900, s0w, s0t);
        let b0wt = feat2(901, b0w, b0t);
        let s1wt = feat2(902, s1w, s1t);
        let d = distance(s0, b0);
        let d1 = distance(s1, s0);
        let small = |v: u8| u64::from(v.min(6));
        let opt = |i: usize, v: &Vec<u8>| if i == NO { 99 } else { small(v[i]) };
        let set = |i: usize, v: &Vec<u64>| if i == NO { NONE } else { v[i] };
        let f = [
            feat(0, 0),
            feat(1, s0w),
            feat(2, s0t),
            feat(3, s0wt),
            feat(4, s1w),
            feat(5, s1t),
            feat(6, s1wt),
            feat(7, t(s2)),
            feat(8, b0w),
            feat(9, b0t),
            feat(10, b0wt),
            feat(11, b1w),
            feat(12, b1t),
            feat2(13, b1w, b1t),
            feat(14, w(b2)),
            feat(15, t(b2)),
            feat2(16, s0wt, b0wt),
            feat2(17, s0wt, b0w),
            feat2(18, s0w, b0wt),
            feat2(19, s0wt, b0t),
            feat2(20, s0t, b0wt),
            feat2(21, s0w, b0w),
            feat2(22, s0t, b0t),
            feat2(23, b0t, b1t),
            feat2(24, s1t, s0t),
            feat2(25, s1w, s0w),
            feat2(26, s1t, s0w),
            feat2(27, s1w, s0t),
            feat3(28, b0t, b1t, t(b2)),
            feat3(29, s0t, b0t, b1t),
            feat3(30, s1t, s0t, b0t),
            feat3(31, t(s2), s1t, s0t),
            feat3(32, s0t, t(s0l), b0t),
            feat3(33, s0t, t(s0r), b0t),
            feat3(34, s0t, b0t, t(b0l)),
            feat3(35, s1t, t(s1r), s0t),
            feat3(36, s0t, t(s0l), t(s0l2)),
            feat3(37, s0t, t(s0r), t(s0r2)),
            feat3(38, b0t, t(b0l), t(b0l2)),
            feat3(39, s1t, s0t, t(s0r)),
            feat(40, w(s0l)),
            feat(41, t(s0l)),
            feat(42, l(s0l)),
            feat(43, w(s0r)),
            feat(44, t(s0r)),
            feat(45, l(s0r)),
            feat(46, t(s0l2)),
            feat(47, l(s0l2)),
            feat(48, t(s0r2)),
            feat(49, l(s0r2)),
            feat(50, w(b0l)),
            feat(51, t(b0l)),
            feat(52, l(b0l)),
            feat(53, t(b0l2)),
            feat(54, l(b0l2)),
            feat(55, t(s1r)),
            feat(56, l(s1r)),
            feat2(57, t(s1l), l(s1l)),
            feat2(58, s0w, d),
            feat2(59, s0t, d),
            feat2(60, b0w, d),
            feat2(61, b0t, d),
            feat3(62, s0w, b0w, d),
            feat3(63, s0t, b0t, d),
            feat3(64, s1t, s0t, d1),
            feat2(65, s0w, opt(s0, &st.n_right)),
            feat2(66, s0t, opt(s0, &st.n_right)),
            feat2(67, s0w, opt(s0, &st.n_left)),
            feat2(68, s0t, opt(s0, &st.n_left)),
            feat2(69, b0w, opt(b0, &st.n_left)),
            feat2(70, b0t, opt(b0, &st.n_left)),
            feat2(71, s0w, set(s0, &st.right_set)),
            feat2(72, s0t, set(s0, &st.right_set)),
            feat2(73, s0w, set(s0, &st.left_set)),
            feat2(74, s0t, set(s0, &st.left_set)),
            feat2(75, b0w, set(b0, &st.left_set)),
            feat2(76, b0t, set(b0, &st.left_set)),
            feat3(77, s0t, l(s0l), l(s0r)),
            feat3(78, b0w, b0t, b1t),
            feat3(79, s0w, s0t, b0t),
            feat2(80, s1t, b0t),
            feat3(81, s1t, s0t, b1t),
            feat2(82, s0t, u64::from(st.stack.len().min(4) as u8)),
            // Finer tags, punctuation between the words, and s1's children (Zhang & Nivre
            // 2011 style valency and label sets).
            feat(83, r(s0)),
            feat(84, r(b0)),
            feat(85, r(s1)),
            feat2(86, r(s0), r(b0)),
            feat2(87, r(s1), r(s0)),
            feat3(88, r(s0), r(b0), b1t),
            feat3(89, r(s1), r(s0), r(b0)),
            feat2(90, r(b0), r(b1)),
            feat3(91, s0t, b0t, words.punct_between(n, s0, b0)),
            feat3(92, s1t, s0t, words.punct_between(n, s1, s0)),
            feat3(93, s1t, b0t, distance(s1, b0)),
            feat2(94, s1t, opt(s1, &st.n_left)),
            feat2(95, s1t, opt(s1, &st.n_right)),
            feat2(96, s1t, set(s1, &st.right_set)),
            feat3(97, s0w, b0t, b1t),
            feat3(98, s0t, b0w, b1t),
            feat3(99, r(s0), t(s0l), l(s0l)),
            feat3(100, r(b0), t(b0l), l(b0l)),
        ];
        out.extend_from_slice(&f);
    }

    /// Walks every configuration reachable from sentences of 1 to 6 words (each valid
    /// transition in turn) and checks that `forced` names a class exactly when it is the
    /// only valid one, and that the valid classes of the state's kind are its valid ones.
    #[test]
    fn forced_is_the_only_valid_class() {
        let c = classes();
        let mut seen = 0usize;
        let mut forced = 0usize;
        for n in 1..=6 {
            let mut todo = vec![Vec::<usize>::new()];
            while let Some(path) = todo.pop() {
                let mut st = State::new(n);
                for &k in &path {
                    st.apply(k);
                }
                if st.done() {
                    continue;
                }
                let valid: Vec<usize> = (0..c).filter(|&k| st.valid(k)).collect();
                let by_kind = valid_in(st.kind(), c);
                assert_eq!(
                    (0..c).filter(|&k| by_kind[k]).collect::<Vec<_>>(),
                    valid,
                    "kind {}: n {n}, path {path:?}",
                    st.kind()
                );
                let want = if valid.len() == 1 {
                    Some(valid[0])
                } else {
                    None
                };
                assert_eq!(st.forced(), want, "n {n}, path {path:?}");
                assert!(
                    !valid.is_empty(),
                    "no valid transition: n {n}, path {path:?}"
                );
                seen += 1;
                forced += usize::from(want.is_some());
                // Labels do not change which transitions are valid next: follow two.
                for &k in valid
                    .iter()
                    .filter(|&&k| k <= 4 || k == 1 + 2 * usize::from(ROOT_LABEL))
                {
                    let mut next = path.clone();
                    next.push(k);
                    todo.push(next);
                }
            }
        }
        assert!(
            seen > 100 && forced > 10 && forced < seen,
            "{seen} {forced}"
        );
    }
}
