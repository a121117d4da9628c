//! Throughput of theme scoring and tension finding on a large generated text.
//!
//! A measurement, not a timed assertion: run it in release and read the figures,
//! `cargo test --release --test themes_throughput -- --ignored --nocapture`.

use newslens::analysis::tensions::TensionFinder;
use newslens::analysis::themes::ThemeScorer;
use newslens::analysis::{Actor, ActorKind, Mention, text};
use newslens::config;
use newslens::corpus::{Article, Format, Meta, Section, Span};
use std::path::PathBuf;
use std::time::Instant;

const SENTENCES: &[&str] = &[
    "France criticised Russia's growing influence in the Sahel after talks with Togo's foreign minister.",
    "Security forces cracked down on protesters in Lomé, and rights groups condemned the arrests.",
    "Togo and France signed a cooperation agreement on port logistics, shipping and customs.",
    "Tensions between Niger and Benin rose after the border closure hit cross-border trade.",
    "The central bank kept interest rates steady as inflation eased and growth picked up.",
    "Voters queued at polling stations while the electoral commission counted ballots.",
    "Drought and flooding have displaced farmers, and aid agencies warned of malaria outbreaks.",
    "The national football team won the tournament after a penalty shootout at the stadium.",
    "A court sentenced the former minister for embezzlement; his lawyers said they would appeal.",
    "Mobile money and internet access are spreading fast, the telecom regulator said.",
    "The weather was mild and the streets of the capital were quiet on Sunday morning.",
];

fn big_article(target_bytes: usize) -> Article {
    let mut body = String::with_capacity(target_bytes + 200);
    let mut i = 0;
    while body.len() < target_bytes {
        body.push_str(SENTENCES[i % SENTENCES.len()]);
        body.push(if i % 5 == 4 { '\n' } else { ' ' });
        if i % 25 == 24 {
            body.push('\n');
        }
        i += 1;
    }
    // Sections of about 4 KB, on paragraph breaks where possible.
    let mut sections = Vec::new();
    let mut start = 0;
    while start < body.len() {
        let end = body[start..]
            .char_indices()
            .skip(4096)
            .find(|(_, c)| *c == '\n')
            .map_or(body.len(), |(j, _)| start + j + 1);
        sections.push(Section {
            span: Span::new(start, end),
            heading: None,
        });
        start = end;
    }
    Article {
        id: "big".into(),
        path: PathBuf::from("big.md"),
        root: std::path::Path::new(".").into(),
        format: Format::PlainText,
        meta: Meta::default(),
        title: "Big".into(),
        body,
        sections,
    }
}

fn cast(a: &Article) -> Vec<Actor> {
    let spec = [
        ("france", "France", ActorKind::Country),
        ("russia", "Russia", ActorKind::Country),
        ("togo", "Togo", ActorKind::Country),
        ("niger", "Niger", ActorKind::Country),
        ("benin", "Benin", ActorKind::Country),
        ("security-forces", "Security forces", ActorKind::Group),
        ("protesters", "protesters", ActorKind::Group),
        ("lome", "Lomé", ActorKind::Place),
    ];
    spec.iter()
        .map(|(id, name, kind)| Actor {
            id: id.to_string(),
            name: name.to_string(),
            kind: *kind,
            aliases: Vec::new(),
            role: None,
            salience: 0.5,
            why: Vec::new(),
            mentions: a
                .body
                .match_indices(name)
                .map(|(i, m)| Mention {
                    span: Span::new(i, i + m.len()),
                    section: a.section_at(i),
                })
                .collect(),
        })
        .collect()
}

#[test]
#[ignore = "measurement; run in release with --ignored --nocapture"]
fn throughput() {
    let config = config::defaults();
    let scorer = ThemeScorer::new(&config.themes).unwrap();
    let finder = TensionFinder::new(&config.tensions).unwrap();
    let a = big_article(32 * 1024 * 1024);
    let mb = a.body.len() as f64 / (1024.0 * 1024.0);
    let sentences = text::sentences(&a.body);
    let actors = cast(&a);

    let t = Instant::now();
    let themes = scorer.score(&a, &sentences);
    let themes_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let tensions = finder.find(&a, &sentences, &actors);
    let tensions_s = t.elapsed().as_secs_f64();

    println!(
        "{mb:.1} MB, {} sentences, {} sections",
        sentences.len(),
        a.sections.len()
    );
    println!(
        "themes:   {:.3} s, {:.0} MB/s ({} themes, {} evidence spans)",
        themes_s,
        mb / themes_s,
        themes.len(),
        themes.iter().map(|t| t.evidence.len()).sum::<usize>()
    );
    println!(
        "tensions: {:.3} s, {:.0} MB/s ({} tensions, {} evidence sentences)",
        tensions_s,
        mb / tensions_s,
        tensions.len(),
        tensions.iter().map(|t| t.evidence.len()).sum::<usize>()
    );
    for t in &tensions {
        println!(
            "  {} [{}] {:.2} x{}",
            t.label,
            t.kind,
            t.score,
            t.evidence.len()
        );
    }
    assert!(!themes.is_empty() && !tensions.is_empty());

    // Run-on text: one 4 MB "sentence" dense with names and cues, no punctuation.
    let mut run_on = big_article(0);
    run_on.body = "France and Russia clashed with Togo against Niger and Benin ".repeat(70_000);
    run_on.sections = vec![Section {
        span: Span::new(0, run_on.body.len()),
        heading: None,
    }];
    let mb = run_on.body.len() as f64 / (1024.0 * 1024.0);
    let sentences = text::sentences(&run_on.body);
    let actors = cast(&run_on);
    let t = Instant::now();
    let tensions = finder.find(&run_on, &sentences, &actors);
    let s = t.elapsed().as_secs_f64();
    println!(
        "run-on: {mb:.1} MB in {} sentence(s), tensions {:.3} s, {:.0} MB/s ({} tensions)",
        sentences.len(),
        s,
        mb / s,
        tensions.len()
    );
}
