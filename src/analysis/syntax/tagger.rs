//! Part-of-speech tagger: an averaged perceptron over hashed lexical and context
//! features, decoded greedily left to right (each decision sees the two tags before it).
//!
//! Besides the word itself, each token and its neighbours contribute their *ambiguity
//! class*: the set of tags the word took in training (for words seen often enough). It
//! lets the model learn how "can be NOUN or VERB" behaves after a determiner once, for all
//! such words, instead of word by word; it helps most with the word after the current one,
//! whose tag is not decided yet.
//!
//! File format (little endian): magic `NLTG`, version u8, word count u32, then per word in
//! ascending order of hash: the word hash u64 and its tag mask u32 (bit k = tag k); then
//! the weights file (see `weights.rs`). A bare weights file is read as a tagger without a
//! lexicon.

use super::features::{Lex, NONE, feat, feat2, feat3, lex};
use super::weights::{Sums, TrainWeights, Weights};
use super::{Token, Upos};

/// Bucket width of the tagger's feature table.
pub const BITS: u32 = 20;

pub struct Tagger {
    weights: Weights,
    lexicon: Lexicon,
}

/// Tag value before the sentence start.
const START: u64 = 100;
const START2: u64 = 101;
/// Class of a word not in the lexicon (combined with its case and digit flags).
const UNKNOWN: u64 = 1 << 40;

/// A word's ambiguity class for the features: its tag mask, or "unknown" with its flags.
fn class_of(lexicon: &Lexicon, l: &Lex) -> u64 {
    match lexicon.get(l.word) {
        0 => UNKNOWN | l.flags,
        mask => u64::from(mask),
    }
}

/// The features of token `i`, given the lexical hashes and ambiguity classes of the
/// sentence and the tags already decided for tokens before `i`.
pub fn features(lex: &[Lex], classes: &[u64], tags: &[u8], i: usize, out: &mut Vec<u64>) {
    out.clear();
    let w = &lex[i];
    let at = |k: isize| -> Option<&Lex> {
        let j = i as isize + k;
        if j < 0 { None } else { lex.get(j as usize) }
    };
    let word = |k: isize| at(k).map_or(NONE ^ (k as u64), |l| l.word);
    let suf3 = |k: isize| at(k).map_or(NONE ^ (k as u64), |l| l.suffix3);
    let shape = |k: isize| at(k).map_or(NONE ^ (k as u64), |l| l.shape);
    let class = |k: usize| classes.get(i + k).copied().unwrap_or(NONE ^ k as u64);
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
    let (a0, a1, a2) = (class(0), class(1), class(2));
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
    out.push(feat(26, a0));
    out.push(feat(27, a1));
    out.push(feat(28, a2));
    out.push(feat2(29, a0, a1));
    out.push(feat2(30, t1, a1));
    out.push(feat3(31, t1, a0, a1));
    out.push(feat2(32, w.word, a1));
    out.push(feat3(33, a0, a1, a2));
    out.push(feat2(34, t1, a0));
    out.push(feat2(35, w.flags, a0));
    out.push(feat2(36, word(-1), a1));
    out.push(feat3(37, t1, t2, a0));
    out.push(feat2(38, w.suffix3, a1));
}

/// Lexical hashes of a sentence's tokens.
pub fn sentence_lex(tokens: &[Token], body: &str, out: &mut Vec<Lex>) {
    out.clear();
    out.extend(tokens.iter().map(|t| lex(t.text(body))));
}

impl Tagger {
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, String> {
        let (lexicon, rest) = Lexicon::read(bytes)?;
        let weights = Weights::from_bytes(rest)?;
        if weights.classes() != Upos::COUNT {
            return Err(format!(
                "{} classes, expected {}",
                weights.classes(),
                Upos::COUNT
            ));
        }
        Ok(Tagger { weights, lexicon })
    }

    pub fn tag(&self, tokens: &mut [Token], body: &str) {
        let mut lexes = Vec::with_capacity(tokens.len());
        sentence_lex(tokens, body, &mut lexes);
        let tags = self.tag_lex_known(&lexes, true);
        for (t, &k) in tokens.iter_mut().zip(&tags) {
            t.upos = Upos::from_index(usize::from(k));
        }
    }

    /// Tag indices for a sentence given its lexical hashes, every word scored by the
    /// model (as the trainer's held-out folds are tagged).
    pub fn tag_lex(&self, lexes: &[Lex]) -> Vec<u8> {
        self.tag_lex_known(lexes, false)
    }

    /// Tag indices for a sentence; with `known`, a word that took one tag only in
    /// training (the lexicon's one-tag class: 3 uses or more, 99% of them with that tag)
    /// takes it without being scored. That is half the tokens of news ("the", "of",
    /// punctuation, "government"), so tagging costs about 40% fewer instructions, with
    /// the same UPOS accuracy on EWT test. The trainer's folds keep scoring every word,
    /// so that the parser's training tags do not depend on this.
    fn tag_lex_known(&self, lexes: &[Lex], known: bool) -> Vec<u8> {
        let classes: Vec<u64> = lexes.iter().map(|l| class_of(&self.lexicon, l)).collect();
        let mut tags = Vec::with_capacity(lexes.len());
        let mut feats = Vec::with_capacity(40);
        let mut sums: Sums = [0; 256];
        for i in 0..lexes.len() {
            let class = classes[i];
            if known && class & UNKNOWN == 0 && class.is_power_of_two() {
                tags.push(class.trailing_zeros() as u8);
                continue;
            }
            features(lexes, &classes, &tags, i, &mut feats);
            self.weights.clear(&mut sums);
            self.weights.add_votes(&feats, &mut sums);
            tags.push(argmax_i32(&sums[..Upos::COUNT]) as u8);
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

/// The tags each frequent word took in training, looked up by word hash in an
/// open-addressing table (one probe for most words).
#[derive(Default)]
pub struct Lexicon {
    /// Word hashes, 0 for an empty slot; the length is a power of two (or zero).
    keys: Vec<u64>,
    masks: Vec<u32>,
}

const LEXICON_MAGIC: &[u8; 4] = b"NLTG";
const LEXICON_VERSION: u8 = 1;
/// A word enters the lexicon once seen this many times.
const MIN_COUNT: u32 = 3;
/// A tag enters a word's class once it has this share of the word's uses.
const MIN_SHARE: f64 = 0.01;

impl Lexicon {
    /// The lexicon of a training set.
    pub fn build(sentences: &[(Vec<Lex>, Vec<u8>)]) -> Lexicon {
        let mut counts: std::collections::HashMap<u64, [u32; Upos::COUNT]> =
            std::collections::HashMap::new();
        for (lexes, tags) in sentences {
            for (l, &t) in lexes.iter().zip(tags) {
                counts.entry(l.word).or_insert([0; Upos::COUNT])[usize::from(t)] += 1;
            }
        }
        let mut words: Vec<(u64, u32)> = counts
            .into_iter()
            .filter_map(|(word, by_tag)| {
                let total: u32 = by_tag.iter().sum();
                if total < MIN_COUNT || word == 0 {
                    return None;
                }
                let mask = by_tag
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| f64::from(**n) >= MIN_SHARE * f64::from(total))
                    .fold(0u32, |m, (k, _)| m | 1 << k);
                Some((word, mask))
            })
            .collect();
        words.sort_unstable();
        Lexicon::from_sorted(&words)
    }

    fn from_sorted(words: &[(u64, u32)]) -> Lexicon {
        if words.is_empty() {
            return Lexicon::default();
        }
        let size = (words.len() * 2).next_power_of_two();
        let mut lexicon = Lexicon {
            keys: vec![0; size],
            masks: vec![0; size],
        };
        for &(word, mask) in words {
            let mut slot = lexicon.slot(word);
            while lexicon.keys[slot] != 0 && lexicon.keys[slot] != word {
                slot = (slot + 1) & (size - 1);
            }
            lexicon.keys[slot] = word;
            lexicon.masks[slot] = mask;
        }
        lexicon
    }

    fn slot(&self, word: u64) -> usize {
        // The word hash is already well mixed; its high bits pick the slot.
        (word >> 32) as usize & (self.keys.len() - 1)
    }

    /// The tag mask of `word`, 0 when it is not in the lexicon.
    pub fn get(&self, word: u64) -> u32 {
        if self.keys.is_empty() || word == 0 {
            return 0;
        }
        let mut slot = self.slot(word);
        loop {
            match self.keys[slot] {
                0 => return 0,
                k if k == word => return self.masks[slot],
                _ => slot = (slot + 1) & (self.keys.len() - 1),
            }
        }
    }

    /// How many words the lexicon holds.
    pub fn words(&self) -> usize {
        self.keys.iter().filter(|&&k| k != 0).count()
    }

    /// The lexicon's part of a tagger file followed by `weights`.
    pub fn write(&self, weights: &[u8]) -> Vec<u8> {
        let mut words: Vec<(u64, u32)> = self
            .keys
            .iter()
            .zip(&self.masks)
            .filter(|(k, _)| **k != 0)
            .map(|(&k, &m)| (k, m))
            .collect();
        words.sort_unstable();
        let mut out = Vec::with_capacity(9 + words.len() * 12 + weights.len());
        out.extend_from_slice(LEXICON_MAGIC);
        out.push(LEXICON_VERSION);
        out.extend_from_slice(&(words.len() as u32).to_le_bytes());
        for (word, mask) in words {
            out.extend_from_slice(&word.to_le_bytes());
            out.extend_from_slice(&mask.to_le_bytes());
        }
        out.extend_from_slice(weights);
        out
    }

    /// The lexicon at the start of a tagger file and the weights after it.
    fn read(bytes: &[u8]) -> Result<(Lexicon, &[u8]), String> {
        if !bytes.starts_with(LEXICON_MAGIC) {
            return Ok((Lexicon::default(), bytes));
        }
        let short = || "tagger file cut short in its lexicon".to_string();
        let version = *bytes.get(4).ok_or_else(short)?;
        if version != LEXICON_VERSION {
            return Err(format!(
                "tagger lexicon version {version}, expected {LEXICON_VERSION}"
            ));
        }
        let n = u32::from_le_bytes(
            bytes
                .get(5..9)
                .ok_or_else(short)?
                .try_into()
                .unwrap_or([0; 4]),
        ) as usize;
        let end = n
            .checked_mul(12)
            .and_then(|b| b.checked_add(9))
            .filter(|&e| e <= bytes.len())
            .ok_or_else(short)?;
        let mut words = Vec::with_capacity(n);
        for rec in bytes[9..end].chunks_exact(12) {
            let word = u64::from_le_bytes(rec[..8].try_into().unwrap_or([0; 8]));
            let mask = u32::from_le_bytes(rec[8..].try_into().unwrap_or([0; 4]));
            if word == 0 || words.last().is_some_and(|&(w, _)| w >= word) {
                return Err("tagger lexicon is not in ascending order".into());
            }
            words.push((word, mask));
        }
        Ok((Lexicon::from_sorted(&words), &bytes[end..]))
    }
}

/// A trained tagger before it is written: weights and lexicon.
pub struct TrainedTagger {
    pub weights: TrainWeights,
    pub lexicon: Lexicon,
}

impl TrainedTagger {
    /// The bytes of a tagger file, weights below `prune` dropped (see `weights.rs`).
    pub fn to_bytes(&self, prune: f64) -> Vec<u8> {
        self.lexicon.write(&self.weights.to_bytes(prune))
    }
}

/// Trains a tagger on `(lexical hashes, gold tags)` sentences, visiting them in the order
/// given by `orders` (one permutation per epoch).
pub fn train(sentences: &[(Vec<Lex>, Vec<u8>)], orders: &[Vec<usize>]) -> TrainedTagger {
    let lexicon = Lexicon::build(sentences);
    let classes: Vec<Vec<u64>> = sentences
        .iter()
        .map(|(lexes, _)| lexes.iter().map(|l| class_of(&lexicon, l)).collect())
        .collect();
    let mut w = TrainWeights::new(BITS, Upos::COUNT);
    let mut feats = Vec::with_capacity(40);
    let mut scores = [0f32; Upos::COUNT];
    let mut guessed = Vec::new();
    for order in orders {
        for &s in order {
            let (lexes, gold) = &sentences[s];
            guessed.clear();
            #[allow(clippy::needless_range_loop)] // i is also the position for features
            for i in 0..lexes.len() {
                features(lexes, &classes[s], &guessed, i, &mut feats);
                scores.fill(0.0);
                w.score(&feats, &mut scores);
                let guess = argmax_f32(&scores);
                w.tick();
                w.update(&feats, usize::from(gold[i]), guess);
                guessed.push(guess as u8);
            }
        }
    }
    TrainedTagger {
        weights: w,
        lexicon,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(words: &[(&str, u8)]) -> (Vec<Lex>, Vec<u8>) {
        (
            words.iter().map(|(w, _)| lex(w)).collect(),
            words.iter().map(|(_, t)| *t).collect(),
        )
    }

    #[test]
    fn lexicon_keeps_frequent_words_with_their_tags_and_survives_the_file() {
        let data: Vec<_> = (0..4)
            .map(|k| {
                sentence(&[
                    ("the", 5),
                    ("run", if k == 0 { 7 } else { 15 }),
                    ("rare", 1),
                ])
            })
            .chain([sentence(&[("once", 2)])])
            .collect();
        let lexicon = Lexicon::build(&data);
        assert_eq!(lexicon.get(lex("the").word), 1 << 5);
        assert_eq!(lexicon.get(lex("Run").word), 1 << 7 | 1 << 15);
        assert_eq!(
            lexicon.get(lex("once").word),
            0,
            "seen once: not in the lexicon"
        );
        let bytes = lexicon.write(b"rest");
        let (back, rest) = Lexicon::read(&bytes).expect("reads back");
        assert_eq!(rest, b"rest");
        assert_eq!(back.words(), lexicon.words());
        assert_eq!(back.get(lex("run").word), 1 << 7 | 1 << 15);
    }

    #[test]
    fn a_word_of_one_tag_takes_it_unscored_when_tagging_text() {
        // "the" took tag 5 alone in training, "run" two tags; an untrained model scores
        // every tag 0, so a scored word gets tag 0.
        let data: Vec<_> = (0..4)
            .map(|k| sentence(&[("the", 5), ("run", if k == 0 { 7 } else { 15 })]))
            .collect();
        let trained = train(&data, &[]);
        let tagger = Tagger::from_bytes(&trained.to_bytes(0.0)).expect("tagger file");
        let words = [lex("The"), lex("run"), lex("unseen")];
        assert_eq!(tagger.tag_lex_known(&words, true), vec![5, 0, 0]);
        assert_eq!(
            tagger.tag_lex(&words),
            vec![0, 0, 0],
            "the trainer's folds: all scored"
        );
    }

    #[test]
    fn a_cut_lexicon_is_an_error_not_a_panic() {
        let lexicon = Lexicon::build(&vec![sentence(&[("a", 1)]); 3]);
        let bytes = lexicon.write(&[]);
        for cut in 4..bytes.len() {
            assert!(Lexicon::read(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }
}
