//! Text preparation on real files: a plain-text headline is the title, is never merged into
//! the first sentence, is not a sentence of the reader, and creates no actor of its own;
//! Markdown headings are not sentences either.

use newslens::analysis::Analyzer;
use newslens::config::Config;
use newslens::corpus::{self, LoadOptions, Span};
use std::fs;

fn analyse(name: &str, text: &str) -> (corpus::Article, newslens::analysis::Analysis) {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join(name), text).expect("write fixture");
    let mut c = corpus::load(&[dir.path().to_path_buf()], &LoadOptions::default());
    assert_eq!(c.articles.len(), 1, "{:#?}", c.problems);
    let article = c.articles.remove(0);
    let analyzer = Analyzer::new(&Config::default()).expect("default config");
    let analysis = analyzer.analyze(&article);
    (article, analysis)
}

fn texts<'a>(body: &'a str, spans: &[Span]) -> Vec<&'a str> {
    spans.iter().map(|s| s.text(body)).collect()
}

#[test]
fn a_txt_headline_is_the_title_and_not_a_sentence() {
    // The headline sits on the line right before the first sentence, no blank line between.
    let text = "Coastal Republic Courts Rival Powers After Failed Putsch\n\
                Officials in Marovia said on Tuesday that the government would receive envoys \
                from both blocs. Talks begin next week.\n";
    let (article, analysis) = analyse("story.txt", text);
    assert_eq!(
        article.title,
        "Coastal Republic Courts Rival Powers After Failed Putsch"
    );
    let body = article.body.as_str();
    let sentences = texts(body, &analysis.sentences);
    assert_eq!(
        sentences,
        vec![
            "Officials in Marovia said on Tuesday that the government would receive envoys \
             from both blocs.",
            "Talks begin next week.",
        ]
    );
    // Headline words name nothing by themselves: no "Coastal Republic Courts Rival Powers".
    for a in &analysis.actors {
        for m in &a.mentions {
            assert!(
                m.span.start > article.headline().map_or(0, |h| h.end),
                "{} is named only from the headline",
                a.name
            );
        }
    }
}

#[test]
fn a_headline_confirms_names_found_in_the_body() {
    let text = "Marovia Rejects Ultimatum\n\nThe government of Marovia rejected the ultimatum \
                on Monday, and Marovia recalled its envoy.\n";
    let (article, analysis) = analyse("story.txt", text);
    let marovia = analysis
        .actors
        .iter()
        .find(|a| a.name == "Marovia")
        .expect("Marovia is an actor");
    let in_headline = marovia
        .mentions
        .iter()
        .filter(|m| article.headline().is_some_and(|h| h.contains(m.span.start)))
        .count();
    assert_eq!(in_headline, 1, "{:?}", marovia.mentions);
}

#[test]
fn markdown_headings_are_not_sentences() {
    let text = "# Port Strike Spreads\n\nDockers stopped work at dawn.\n\n## Reactions\n\
                The ministry urged calm.\n";
    let (article, analysis) = analyse("story.md", text);
    let sentences = texts(&article.body, &analysis.sentences);
    assert_eq!(
        sentences,
        vec!["Dockers stopped work at dawn.", "The ministry urged calm."]
    );
}

#[test]
fn a_one_line_file_is_all_text() {
    let (article, analysis) = analyse("short.txt", "The council met at noon.\n");
    assert_eq!(article.headline(), None);
    assert_eq!(
        texts(&article.body, &analysis.sentences),
        vec!["The council met at noon."]
    );
}
