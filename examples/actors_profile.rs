//! Instruction-count harness for the actor finder: `cargo run --release --example
//! actors_profile [MB] [dump-file]`, meant to run under `valgrind --tool=callgrind` or
//! `perf stat -e instructions`. Recombines the bundled sample paragraphs (as the
//! `analysis` bench does) into about MB megabytes (default 1.5) and runs only the actor
//! stage once; with a dump file, writes every actor found (Debug form) there so that
//! optimisations can be checked for identical output.

use newslens::analysis::{actors::ActorFinder, text};
use std::io::Write;

#[path = "../benches/support/recombine.rs"]
mod recombine;

fn main() {
    let mut args = std::env::args().skip(1);
    let mb: f64 = args.next().map_or(1.5, |a| a.parse().expect("MB"));
    let dump = args.next();
    let (sample, mut articles) = recombine::recombined((mb * 1024.0 * 1024.0) as usize);
    let total: usize = articles.iter().map(|a| a.body.len()).sum();
    // The sample articles themselves too, so that headings and titles are exercised.
    articles.extend(sample);
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
