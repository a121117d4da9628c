//! Throughput of sentence splitting and actor finding on a large synthetic body. Ignored by
//! default (a measurement, not a check); run it with
//! `cargo test --release --test actors_throughput -- --ignored --nocapture`.

use newslens::analysis::actors::ActorFinder;
use newslens::analysis::text::sentences;
use newslens::corpus::{Article, Format, Meta, Section, Span};
use std::path::PathBuf;
use std::time::Instant;

const PARAGRAPH: &str = "Togolese President Faure Gnassingbé met envoys from France and \
Russia in Lomé on Tuesday, officials said. The Economic Community of West African States \
(ECOWAS) urged calm after protesters marched. Mr. Kodjo Adedze, the spokesman of the \
opposition coalition, told reporters that Togo's future lies with its neighbours. Growth \
reached 3.5 per cent last year, according to the Central Bank of West African States, \
while the U.S. and the U.N. watched. Analysts expect Gnassingbé to keep balancing.\n\n";

#[test]
#[ignore = "measurement; run explicitly"]
fn actor_throughput() {
    let finder = ActorFinder::new().expect("bundled data loads");
    // ~100 KB articles, 20 MB in all.
    let body: String = PARAGRAPH.repeat(100_000 / PARAGRAPH.len());
    let article = Article {
        id: "bench".into(),
        path: PathBuf::from("bench.md"),
        root: std::path::Path::new(".").into(),
        format: Format::Markdown,
        meta: Meta::default(),
        title: "Togo".into(),
        sections: vec![Section {
            span: Span::new(0, body.len()),
            heading: None,
        }],
        body,
    };
    let rounds = 20_000_000 / article.body.len();
    let start = Instant::now();
    let mut actors = 0;
    for _ in 0..rounds {
        let s = sentences(&article.body);
        actors += finder.find(&article, &s).len();
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (rounds * article.body.len()) as f64 / 1e6;
    println!(
        "{mb:.1} MB in {secs:.2} s: {:.1} MB/s ({actors} actors)",
        mb / secs
    );
    assert!(actors > 0);
}
