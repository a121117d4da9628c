//! Training and scoring the tagger and the parser on CoNLL-U treebanks.
//!
//! Deterministic by construction: a fixed seed drives the only random choices (the order
//! of sentences in each epoch and the exploration coin of the dynamic oracle), and every
//! loop runs in a fixed order on one thread, so the same data and options give
//! byte-identical model files.
//!
//! The parser is trained on predicted tags, as it will see them: the training set is cut
//! into folds and each fold is tagged by a tagger trained on the other folds
//! (jackknifing).

use super::conllu::Sentence;
use super::features::{Lex, lex};
use super::parser::{self, Example, Rng};
use super::tagger::{self, Tagger};
use super::{Deprel, Syntax, Token};

/// How to train.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Folds for jackknifed tags (1 or less: train the parser on gold tags).
    pub folds: usize,
    pub seed: u64,
    /// Probability of following the model's own transition from the second epoch on.
    pub explore: f64,
    /// Weights smaller than this fraction of the largest are dropped from the files.
    pub tagger_prune: f64,
    pub parser_prune: f64,
    /// Bucket width of the parser's feature table (see `weights.rs`).
    pub parser_bits: u32,
    /// Width of the parser's training beam (1: greedy training with the dynamic oracle
    /// and exploration).
    pub parser_beam: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            tagger_epochs: 8,
            parser_epochs: 12,
            folds: 4,
            seed: 0x6e65_7773_6c65_6e73,
            explore: 0.9,
            tagger_prune: 0.0,
            // Drops ~3/4 of the parser's weights (16 MB to 4 MB) at no dev accuracy
            // cost: the table then mostly fits the cache. The tagger loses accuracy when
            // pruned.
            parser_prune: 0.08,
            parser_bits: parser::BITS,
            parser_beam: 1,
        }
    }
}

/// The two model files.
pub struct Trained {
    pub tagger: Vec<u8>,
    pub parser: Vec<u8>,
}

struct Prepared {
    lex: Vec<Lex>,
    tags: Vec<u8>,
    heads: Vec<usize>,
    labels: Vec<u8>,
}

fn prepare(s: &Sentence) -> Prepared {
    let (text, tokens) = s.text_and_tokens();
    let n = tokens.len();
    Prepared {
        lex: tokens.iter().map(|t| lex(t.text(&text))).collect(),
        tags: tokens.iter().map(|t| t.upos as u8).collect(),
        heads: tokens
            .iter()
            .map(|t| t.head.map_or(n, usize::from))
            .collect(),
        labels: tokens
            .iter()
            .map(|t| {
                if t.head.is_none() {
                    Deprel::Root as u8
                } else {
                    t.deprel as u8
                }
            })
            .collect(),
    }
}

/// `epochs` permutations of `0..n`, from `rng`.
fn orders(n: usize, epochs: usize, rng: &mut Rng) -> Vec<Vec<usize>> {
    (0..epochs)
        .map(|_| {
            let mut v: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                let j = (rng.next() % (i as u64 + 1)) as usize;
                v.swap(i, j);
            }
            v
        })
        .collect()
}

/// Trains the tagger alone (the parser file is left as it is).
pub fn train_tagger(
    sentences: &[Sentence],
    options: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Vec<u8> {
    let data: Vec<Prepared> = sentences.iter().map(prepare).collect();
    train_tagger_on(&data, options, log)
}

fn train_tagger_on(
    data: &[Prepared],
    options: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Vec<u8> {
    // Its own stream, so that the tagger trained alone is the one trained with the parser.
    let rng = &mut Rng((options.seed ^ 0x7461_6767_6572) | 1);
    let all: Vec<(Vec<Lex>, Vec<u8>)> = data
        .iter()
        .map(|p| (p.lex.clone(), p.tags.clone()))
        .collect();
    let ord = orders(all.len(), options.tagger_epochs, rng);
    let trained = tagger::train(&all, &ord);
    let bytes = trained.to_bytes(options.tagger_prune);
    log(&format!(
        "tagger: {} epochs, {} words in its lexicon, {} bytes",
        options.tagger_epochs,
        trained.lexicon.words(),
        bytes.len()
    ));
    bytes
}

/// Trains both models on `sentences`; `log` hears about progress.
pub fn train(sentences: &[Sentence], options: &TrainOptions, log: &mut dyn FnMut(&str)) -> Trained {
    let data: Vec<Prepared> = sentences.iter().map(prepare).collect();
    let mut rng = Rng(options.seed | 1);

    // Predicted tags for the parser's training data.
    let mut predicted: Vec<Vec<u8>> = data.iter().map(|p| p.tags.clone()).collect();
    if options.folds > 1 {
        for fold in 0..options.folds {
            let train_idx: Vec<usize> = (0..data.len())
                .filter(|i| i % options.folds != fold)
                .collect();
            let subset: Vec<(Vec<Lex>, Vec<u8>)> = train_idx
                .iter()
                .map(|&i| (data[i].lex.clone(), data[i].tags.clone()))
                .collect();
            let ord = orders(subset.len(), options.tagger_epochs, &mut rng);
            let trained = tagger::train(&subset, &ord);
            let t = Tagger::from_bytes(&trained.to_bytes(options.tagger_prune))
                .expect("freshly written tagger weights read back");
            let (mut right, mut all) = (0usize, 0usize);
            for i in (0..data.len()).filter(|i| i % options.folds == fold) {
                predicted[i] = t.tag_lex(&data[i].lex);
                right += predicted[i]
                    .iter()
                    .zip(&data[i].tags)
                    .filter(|(a, b)| a == b)
                    .count();
                all += data[i].tags.len();
            }
            log(&format!(
                "jackknife fold {}/{}: UPOS {:.2}% on the held-out fold",
                fold + 1,
                options.folds,
                100.0 * right as f64 / all.max(1) as f64
            ));
        }
    }

    let tagger_bytes = train_tagger_on(&data, options, log);

    let examples: Vec<Example> = data
        .into_iter()
        .zip(predicted)
        .map(|(p, tags)| Example {
            lex: p.lex,
            tags,
            heads: p.heads,
            labels: p.labels,
        })
        .collect();
    let ord = orders(examples.len(), options.parser_epochs, &mut rng);
    let weights = if options.parser_beam > 1 {
        parser::train_beam(
            &examples,
            &ord,
            options.parser_beam,
            options.parser_bits,
            log,
        )
    } else {
        parser::train(
            &examples,
            &ord,
            options.explore,
            options.parser_bits,
            &mut rng,
        )
    };
    let parser_bytes =
        parser::file_with_beam(weights.to_bytes(options.parser_prune), options.parser_beam);
    log(&format!(
        "parser: {} epochs, {} bytes",
        options.parser_epochs,
        parser_bytes.len()
    ));
    Trained {
        tagger: tagger_bytes,
        parser: parser_bytes,
    }
}

/// Accuracy figures over gold sentences.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    pub tokens: usize,
    pub upos: usize,
    pub uas: usize,
    pub las: usize,
}

impl Scores {
    pub fn upos_pct(&self) -> f64 {
        100.0 * self.upos as f64 / self.tokens.max(1) as f64
    }
    pub fn uas_pct(&self) -> f64 {
        100.0 * self.uas as f64 / self.tokens.max(1) as f64
    }
    pub fn las_pct(&self) -> f64 {
        100.0 * self.las as f64 / self.tokens.max(1) as f64
    }
}

/// Tags and parses each gold sentence afresh on its gold tokens and counts agreement
/// with the gold columns (every token, punctuation included, as in the CoNLL 2018
/// shared task).
pub fn evaluate(model: &Syntax, gold: &[Sentence]) -> Scores {
    let mut s = Scores::default();
    for sentence in gold {
        let (text, gold_tokens) = sentence.text_and_tokens();
        let mut tokens: Vec<Token> = gold_tokens
            .iter()
            .map(|t| Token::new(t.start, t.end))
            .collect();
        model.tag(&mut tokens, &text);
        model.parse(&mut tokens, &text);
        for (p, g) in tokens.iter().zip(&gold_tokens) {
            s.tokens += 1;
            s.upos += usize::from(p.upos == g.upos);
            if p.head == g.head {
                s.uas += 1;
                s.las += usize::from(p.deprel == g.deprel);
            }
        }
    }
    s
}
