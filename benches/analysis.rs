//! Analysis throughput: `cargo bench --bench analysis`.
//!
//! Builds ~16 MB of articles in memory by recombining the paragraphs of the bundled sample
//! corpus, then times the analysis (sentences, actors, themes, tensions, section titles) on
//! one thread and on all cores, and each stage on one thread. Each figure is the median of
//! `RUNS` runs, with the spread (slowest vs fastest run) beside it so a loaded machine shows
//! itself. Prints MB/s and words/s; never fails on speed.

use newslens::analysis::Analyzer;
use newslens::corpus::Article;
use rayon::prelude::*;
use std::time::Instant;

const TARGET_BYTES: usize = 16 * 1024 * 1024;
/// Timed runs per figure; the median is reported.
const RUNS: usize = 5;

/// Median and spread ((max - min) / median) of the durations of `RUNS` calls of `f`.
fn timed(mut f: impl FnMut()) -> (f64, f64) {
    let mut secs: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect();
    secs.sort_by(f64::total_cmp);
    let median = secs[RUNS / 2];
    (median, (secs[RUNS - 1] - secs[0]) / median)
}

fn report(label: &str, secs: f64, spread: f64, bytes: usize, words: usize) {
    println!(
        "  {label:<16} {:>7.3} s  {:>7.1} MB/s  {:>10.0} words/s  (spread {:.0}%)",
        secs,
        bytes as f64 / 1e6 / secs,
        words as f64 / secs,
        spread * 100.0
    );
}

#[path = "support/recombine.rs"]
mod recombine;

fn build_articles() -> Vec<Article> {
    recombine::recombined(TARGET_BYTES).1
}

fn main() {
    let articles = build_articles();
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    let words: usize = articles
        .iter()
        .map(|a| a.body.split_whitespace().count())
        .sum();
    let analyzer = Analyzer::new(&newslens::config::defaults()).expect("default config");
    println!(
        "analysis: {} articles, {:.1} MB, {} words",
        articles.len(),
        bytes as f64 / 1e6,
        words
    );
    println!("median of {RUNS} runs:");
    stages(&articles, bytes, words);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    for (label, pool) in [("whole, 1 thread", Some(&one)), ("whole, all cores", None)] {
        let run = || {
            articles
                .par_iter()
                .map(|a| analyzer.analyze(a).actors.len())
                .sum::<usize>()
        };
        let (secs, spread) = timed(|| {
            let found = match pool {
                Some(p) => p.install(run),
                None => run(),
            };
            std::hint::black_box(found);
        });
        report(label, secs, spread, bytes, words);
    }
}

/// One thread, stage by stage, so a slow stage shows itself.
fn stages(articles: &[Article], bytes: usize, words: usize) {
    use newslens::analysis::{
        actors::ActorFinder, tensions::TensionFinder, text, themes::ThemeScorer,
    };
    let config = newslens::config::defaults();
    let actors = ActorFinder::new().expect("actors");
    let themes = ThemeScorer::new(&config.themes).expect("themes");
    let tensions = TensionFinder::new(&config.tensions).expect("tensions");
    let sentences: Vec<_> = articles.iter().map(|a| text::sentences(&a.body)).collect();
    let found: Vec<_> = articles
        .iter()
        .zip(&sentences)
        .map(|(a, s)| actors.find(a, s))
        .collect();
    let stage = |label: &str, f: &mut dyn FnMut(usize, &Article)| {
        let (secs, spread) = timed(|| {
            for (i, a) in articles.iter().enumerate() {
                f(i, a);
            }
        });
        report(&format!("stage {label}"), secs, spread, bytes, words);
    };
    // Sentences and the tokens of every sentence: the text preparation every stage reads.
    stage("tokens", &mut |_, a| {
        let s = text::sentences(&a.body);
        let n: usize = s
            .iter()
            .map(|&span| text::tokens(&a.body, span).count())
            .sum();
        std::hint::black_box(n);
    });
    stage("actors", &mut |i, a| {
        std::hint::black_box(actors.find(a, &sentences[i]));
    });
    stage("themes", &mut |i, a| {
        std::hint::black_box(themes.score(a, &sentences[i]));
    });
    stage("tensions", &mut |i, a| {
        std::hint::black_box(tensions.find(a, &sentences[i], &found[i]));
    });
    syntax_stages(articles, &sentences, bytes as f64 / 1e6);
}

/// The syntactic layer, one thread: UD tokens, tagger on every sentence, parser on every
/// sentence (an upper bound: the engine parses only the sentences that need a tree).
fn syntax_stages(articles: &[Article], sentences: &[Vec<newslens::Span>], mb: f64) {
    use newslens::analysis::syntax::{self, Syntax};
    // Decoding the embedded model files, as a reader or `analyze` does once at start.
    let (tagger, parser) = (
        include_bytes!("../data/syntax/tagger.bin"),
        include_bytes!("../data/syntax/parser.bin"),
    );
    let (secs, spread) = timed(|| {
        std::hint::black_box(Syntax::from_bytes(tagger, parser).expect("model"));
    });
    println!(
        "  model load   {secs:>7.3} s  (spread {:.0}%)",
        spread * 100.0
    );
    let model = Syntax::embedded();
    let t = Instant::now();
    let mut tokens: Vec<Vec<Vec<syntax::Token>>> = articles
        .iter()
        .zip(sentences)
        .map(|(a, ss)| ss.iter().map(|s| syntax::tokenize(&a.body, *s)).collect())
        .collect();
    let s = t.elapsed().as_secs_f64();
    let n: usize = tokens.iter().flatten().map(Vec::len).sum();
    println!(
        "  stage {:<10} {s:>7.3} s  {:>7.1} MB/s  {:>10.0} tokens/s",
        "tokens",
        mb / s,
        n as f64 / s
    );
    for (label, parse) in [("tagger", false), ("parser", true)] {
        let t = Instant::now();
        for (a, ss) in articles.iter().zip(tokens.iter_mut()) {
            for sentence in ss.iter_mut() {
                if parse {
                    model.parse(sentence, &a.body);
                } else {
                    model.tag(sentence, &a.body);
                }
            }
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "  stage {label:<10} {s:>7.3} s  {:>7.1} MB/s  {:>10.0} tokens/s",
            mb / s,
            n as f64 / s
        );
    }
    std::hint::black_box(&tokens);
}
