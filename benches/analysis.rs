//! Analysis throughput: `cargo bench --bench analysis`.
//!
//! Builds ~16 MB of articles in memory by recombining the paragraphs of the bundled sample
//! corpus, then times the analysis (sentences, actors, themes, tensions, section titles) on
//! one thread and on all cores, best of three. Prints MB/s and words/s; never fails on speed.

use newslens::analysis::Analyzer;
use newslens::corpus::Article;
use rayon::prelude::*;
use std::time::Instant;

const TARGET_BYTES: usize = 16 * 1024 * 1024;

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
    stages(&articles, bytes);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    for (label, pool) in [("1 thread", Some(&one)), ("all cores", None)] {
        let mut best = f64::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            let run = || {
                articles
                    .par_iter()
                    .map(|a| analyzer.analyze(a).actors.len())
                    .sum::<usize>()
            };
            let found = match pool {
                Some(p) => p.install(run),
                None => run(),
            };
            std::hint::black_box(found);
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "  {label:<10} {:>7.3} s  {:>7.1} MB/s  {:>10.0} words/s",
            best,
            bytes as f64 / 1e6 / best,
            words as f64 / best
        );
    }
}

/// One thread, stage by stage, so a slow stage shows itself.
fn stages(articles: &[Article], bytes: usize) {
    use newslens::analysis::{
        actors::ActorFinder, tensions::TensionFinder, text, themes::ThemeScorer,
    };
    let config = newslens::config::defaults();
    let actors = ActorFinder::new().expect("actors");
    let themes = ThemeScorer::new(&config.themes).expect("themes");
    let tensions = TensionFinder::new(&config.tensions).expect("tensions");
    let mb = bytes as f64 / 1e6;
    let time = |label: &str, f: &mut dyn FnMut(&Article)| {
        let t = Instant::now();
        for a in articles {
            f(a);
        }
        let s = t.elapsed().as_secs_f64();
        println!("  stage {label:<10} {s:>7.3} s  {:>7.1} MB/s", mb / s);
    };
    let sentences: Vec<_> = articles.iter().map(|a| text::sentences(&a.body)).collect();
    let found: Vec<_> = articles
        .iter()
        .zip(&sentences)
        .map(|(a, s)| actors.find(a, s))
        .collect();
    let mut i = 0;
    time("sentences", &mut |a| {
        std::hint::black_box(text::sentences(&a.body));
    });
    time("actors", &mut |a| {
        std::hint::black_box(actors.find(a, &sentences[i]));
        i += 1;
    });
    i = 0;
    time("themes", &mut |a| {
        std::hint::black_box(themes.score(a, &sentences[i]));
        i += 1;
    });
    i = 0;
    time("tensions", &mut |a| {
        std::hint::black_box(tensions.find(a, &sentences[i], &found[i]));
        i += 1;
    });
    syntax_stages(articles, &sentences, mb);
}

/// The syntactic layer, one thread: UD tokens, tagger on every sentence, parser on every
/// sentence (an upper bound: the engine parses only the sentences that need a tree).
fn syntax_stages(articles: &[Article], sentences: &[Vec<newslens::Span>], mb: f64) {
    use newslens::analysis::syntax::{self, Syntax};
    let t = Instant::now();
    let model = Syntax::embedded();
    println!("  model load   {:>7.3} s", t.elapsed().as_secs_f64());
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
