//! Part-of-speech tagger: an averaged perceptron over hashed lexical and context
//! features, decoded greedily left to right (each decision sees the two tags before it).

use super::features::{Lex, NONE, feat, feat2, feat3, lex};
use super::weights::{TrainWeights, Weights};
use super::{Token, Upos};

/// Bucket width of the tagger's feature table.
pub const BITS: u32 = 20;

pub struct Tagger {
    weights: Weights,
}

/// Tag value before the sentence start.
const START: u64 = 100;
const START2: u64 = 101;

/// The features of token `i`, given the lexical hashes of the sentence and the tags
/// already decided for tokens before `i`.
pub fn features(lex: &[Lex], tags: &[u8], i: usize, out: &mut Vec<u64>) {
    out.clear();
    let w = &lex[i];
    let at = |k: isize| -> Option<&Lex> {
        let j = i as isize + k;
        if j < 0 { None } else { lex.get(j as usize) }
    };
    let word = |k: isize| at(k).map_or(NONE ^ (k as u64), |l| l.word);
    let suf3 = |k: isize| at(k).map_or(NONE ^ (k as u64), |l| l.suffix3);
    let shape = |k: isize| at(k).map_or(NONE ^ (k as u64), |l| l.shape);
    let t1 = if i >= 1 {
        u64::from(tags[i - 1])
    } else {
        START
    };
    let t2 = if i >= 2 {
        u64::from(tags[i - 2])
    } else if i == 1 {
        START
    } else {
        START2
    };
    out.push(feat(0, 0));
    out.push(feat(1, w.word));
    out.push(feat(2, w.suffix3));
    out.push(feat(3, w.suffix2));
    out.push(feat(4, w.suffix4));
    out.push(feat(5, w.prefix1));
    out.push(feat(6, w.prefix3));
    out.push(feat(7, w.shape));
    out.push(feat2(8, w.flags, u64::from(i == 0)));
    out.push(feat(9, t1));
    out.push(feat2(10, t1, t2));
    out.push(feat2(11, t1, w.word));
    out.push(feat(12, word(-1)));
    out.push(feat(13, suf3(-1)));
    out.push(feat(14, word(-2)));
    out.push(feat(15, word(1)));
    out.push(feat(16, suf3(1)));
    out.push(feat(17, word(2)));
    out.push(feat(18, shape(1)));
    out.push(feat2(19, word(-1), w.word));
    out.push(feat2(20, w.word, word(1)));
    out.push(feat2(21, t1, w.suffix3));
    out.push(feat3(22, t1, w.shape, shape(1)));
    out.push(feat2(23, word(1), word(2)));
    out.push(feat2(24, t1, word(1)));
    out.push(feat(25, shape(-1)));
}

/// Lexical hashes of a sentence's tokens.
pub fn sentence_lex(tokens: &[Token], body: &str, out: &mut Vec<Lex>) {
    out.clear();
    out.extend(tokens.iter().map(|t| lex(t.text(body))));
}

impl Tagger {
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, String> {
        let weights = Weights::from_bytes(bytes)?;
        if weights.classes() != Upos::COUNT {
            return Err(format!(
                "{} classes, expected {}",
                weights.classes(),
                Upos::COUNT
            ));
        }
        Ok(Tagger { weights })
    }

    pub fn tag(&self, tokens: &mut [Token], body: &str) {
        let mut lexes = Vec::with_capacity(tokens.len());
        sentence_lex(tokens, body, &mut lexes);
        let tags = self.tag_lex(&lexes);
        for (t, &k) in tokens.iter_mut().zip(&tags) {
            t.upos = Upos::from_index(usize::from(k));
        }
    }

    /// Tag indices for a sentence given its lexical hashes.
    pub fn tag_lex(&self, lexes: &[Lex]) -> Vec<u8> {
        let mut tags = Vec::with_capacity(lexes.len());
        let mut feats = Vec::with_capacity(32);
        let mut scores = [0i32; Upos::COUNT];
        for i in 0..lexes.len() {
            features(lexes, &tags, i, &mut feats);
            scores.fill(0);
            self.weights.score(&feats, &mut scores);
            tags.push(argmax_i32(&scores) as u8);
        }
        tags
    }
}

fn argmax_i32(scores: &[i32]) -> usize {
    let mut best = 0;
    for (k, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = k;
        }
    }
    best
}

pub fn argmax_f32(scores: &[f32]) -> usize {
    let mut best = 0;
    for (k, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = k;
        }
    }
    best
}

/// Trains a tagger on `(lexical hashes, gold tags)` sentences, visiting them in the order
/// given by `orders` (one permutation per epoch).
pub fn train(sentences: &[(Vec<Lex>, Vec<u8>)], orders: &[Vec<usize>]) -> TrainWeights {
    let mut w = TrainWeights::new(BITS, Upos::COUNT);
    let mut feats = Vec::with_capacity(32);
    let mut scores = [0f32; Upos::COUNT];
    let mut guessed = Vec::new();
    for order in orders {
        for &s in order {
            let (lexes, gold) = &sentences[s];
            guessed.clear();
            #[allow(clippy::needless_range_loop)] // i is also the position for features
            for i in 0..lexes.len() {
                features(lexes, &guessed, i, &mut feats);
                scores.fill(0.0);
                w.score(&feats, &mut scores);
                let guess = argmax_f32(&scores);
                w.tick();
                w.update(&feats, usize::from(gold[i]), guess);
                guessed.push(guess as u8);
            }
        }
    }
    w
}
