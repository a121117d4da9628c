//! Instruction-count harness for the actor finder: `cargo run --release --example
//! actors_profile [MB] [dump-file]`, meant to run under `valgrind --tool=callgrind` or
//! `perf stat -e instructions`. Recombines the bundled sample paragraphs (as the
//! `analysis` bench does) into about MB megabytes (default 1.5) and runs only the actor
//! stage once; with a dump file, writes every actor found (Debug form) there so that
//! optimisations can be checked for identical output.

use newslens::analysis::{actors::ActorFinder, text};
use newslens::corpus::{self, LoadOptions};
use std::io::Write;
use std::path::PathBuf;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mb: f64 = args.next().map_or(1.5, |a| a.parse().expect("MB"));
    let dump = args.next();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("articles");
    let sample = corpus::load(&[root], &LoadOptions::default());
    let paragraphs: Vec<&str> = sample
        .articles
        .iter()
        .flat_map(|a| a.body.split("\n\n"))
        .map(str::trim)
        .filter(|p| p.split_whitespace().count() > 12 && !p.starts_with('#'))
        .collect();
    let template = sample.articles[0].clone();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut articles = Vec::new();
    let mut total = 0;
    while (total as f64) < mb * 1024.0 * 1024.0 {
        let n = 6 + rng.next() % 10;
        let body: Vec<&str> = (0..n)
            .map(|_| paragraphs[rng.next() % paragraphs.len()])
            .collect();
        let body = body.join("\n\n");
        let mut article = template.clone();
        article.id = format!("bench/{}", articles.len());
        article.sections = corpus::sections::split(&body, article.format);
        total += body.len();
        article.body = body;
        articles.push(article);
    }
    // The sample articles themselves too, so that headings and titles are exercised.
    articles.extend(sample.articles.iter().cloned());
    let sentences: Vec<_> = articles.iter().map(|a| text::sentences(&a.body)).collect();
    let finder = ActorFinder::new().expect("actors");
    let mut out = dump.map(|p| std::io::BufWriter::new(std::fs::File::create(p).expect("dump")));
    let mut count = 0;
    for (a, s) in articles.iter().zip(&sentences) {
        let found = finder.find(a, s);
        count += found.len();
        if let Some(out) = out.as_mut() {
            writeln!(out, "{found:?}").expect("write");
        }
    }
    println!("{} articles, {total} bytes, {count} actors", articles.len());
}
