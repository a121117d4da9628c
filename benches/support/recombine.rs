//! A large, repeatable corpus in memory for benchmarks and profiling: the paragraphs of the
//! bundled sample articles recombined (seeded) into new articles. Shared by
//! `benches/analysis.rs` and `examples/actors_profile.rs` through `#[path]`.

use newslens::corpus::{self, Article, LoadOptions};
use std::path::PathBuf;

/// Deterministic choices without a dependency: xorshift.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
}

/// The bundled sample articles, and about `target_bytes` of recombined ones.
pub fn recombined(target_bytes: usize) -> (Vec<Article>, Vec<Article>) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("articles");
    let sample = corpus::load(&[root], &LoadOptions::default());
    let paragraphs: Vec<&str> = sample
        .articles
        .iter()
        .flat_map(|a| a.body.split("\n\n"))
        .map(str::trim)
        .filter(|p| p.split_whitespace().count() > 12 && !p.starts_with('#'))
        .collect();
    assert!(
        !paragraphs.is_empty(),
        "no sample paragraphs under articles/"
    );
    let template = sample.articles[0].clone();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::new();
    let mut total = 0;
    while total < target_bytes {
        let n = 6 + rng.next() % 10;
        let body: Vec<&str> = (0..n)
            .map(|_| paragraphs[rng.next() % paragraphs.len()])
            .collect();
        let body = body.join("\n\n");
        let mut article = template.clone();
        article.id = format!("bench/{}", out.len());
        article.sections = corpus::sections::split(&body, article.format);
        total += body.len();
        article.body = body;
        out.push(article);
    }
    (sample.articles.clone(), out)
}
