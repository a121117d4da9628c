//! Sections partition any body, start at headings, and split heading-less text into several
//! topical sections whose boundaries fall on paragraph starts.

use newslens::corpus::sections::split;
use newslens::corpus::{Format, Section};
use proptest::prelude::*;

fn assert_partition(body: &str, sections: &[Section]) {
    assert!(!sections.is_empty(), "no sections for {body:?}");
    assert_eq!(sections[0].span.start, 0);
    assert_eq!(sections[sections.len() - 1].span.end, body.len());
    for pair in sections.windows(2) {
        assert_eq!(pair[0].span.end, pair[1].span.start, "{sections:?}");
    }
    for s in sections {
        assert!(s.span.start < s.span.end, "empty section in {sections:?}");
        assert!(body.is_char_boundary(s.span.start));
    }
}

/// The offsets where a paragraph starts: a non-blank line after a blank line.
fn paragraph_starts(body: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut offset = 0;
    let mut after_blank = false;
    for line in body.split_inclusive('\n') {
        if line.trim().is_empty() {
            after_blank = true;
        } else {
            if after_blank {
                starts.push(offset);
            }
            after_blank = false;
        }
        offset += line.len();
    }
    starts
}

fn words(n: usize, topic: &[&str]) -> String {
    (0..n)
        .map(|i| topic[i % topic.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_long_headingless_article_gets_several_sections_at_paragraph_starts() {
    let topics: [&[&str]; 3] = [
        &[
            "harbour",
            "cargo",
            "ships",
            "customs",
            "containers",
            "cranes",
        ],
        &["ballots", "voters", "candidates", "polling", "commission"],
        &[
            "drought",
            "harvest",
            "farmers",
            "rainfall",
            "maize",
            "irrigation",
        ],
    ];
    let mut body = String::new();
    for topic in topics {
        for _ in 0..3 {
            body.push_str(&words(70, topic));
            body.push_str(".\n\n");
        }
    }
    for format in [Format::Markdown, Format::PlainText] {
        let sections = split(&body, format);
        assert_partition(&body, &sections);
        assert!(sections.len() >= 3, "{sections:?}");
        let starts = paragraph_starts(&body);
        for s in &sections {
            assert!(starts.contains(&s.span.start), "{s:?} not at a paragraph");
            assert_eq!(s.heading, None);
            let paragraphs = starts
                .iter()
                .filter(|&&p| s.span.start <= p && p < s.span.end)
                .count();
            assert!(paragraphs <= 4, "{paragraphs} paragraphs in {s:?}");
        }
        // The topic changes are where the text is cut.
        for topic in &topics[1..] {
            let at = body.find(topic[0]).unwrap_or(0);
            assert!(
                sections.iter().any(|s| s.span.start == at),
                "no cut at {:?}: {sections:?}",
                topic[0]
            );
        }
    }
}

#[test]
fn four_short_paragraphs_are_never_one_section() {
    let body = "One.\n\nTwo.\n\nThree.\n\nFour.\n";
    assert!(split(body, Format::Markdown).len() >= 2);
    let three = "One.\n\nTwo.\n\nThree.\n";
    assert_eq!(split(three, Format::Markdown).len(), 1);
}

#[test]
fn over_300_words_in_two_paragraphs_is_split() {
    let body = format!("{}\n\n{}\n", words(160, &["alpha"]), words(160, &["beta"]));
    assert_eq!(split(&body, Format::Markdown).len(), 2);
}

#[test]
fn one_long_paragraph_may_stay_whole_when_it_has_no_sentences() {
    let body = words(500, &["word"]);
    assert_eq!(split(&body, Format::PlainText).len(), 1);
}

#[test]
fn heading_sections_keep_their_heading_text() {
    let body = "# Title\n\n## Diplomacy ##\nText.\n\n### Trade and ports\nMore.\n";
    let sections = split(body, Format::Markdown);
    assert_partition(body, &sections);
    let headings: Vec<Option<&str>> = sections.iter().map(|s| s.heading.as_deref()).collect();
    assert_eq!(headings, [Some("Diplomacy"), Some("Trade and ports")]);
}

/// Pieces of Markdown bodies: paragraphs, headings of any level, fences, blank lines,
/// unicode, CRLF.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ,.]{1,80}\n",
        "(É|é|ß|日本|—|🙂| |word|the|and|\\.)+\n",
        "#{1,7} ?[a-z ]{0,20}\n",
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("```\n".to_string()),
        Just("~~~\n".to_string()),
        Just("   \t \n".to_string()),
        "[a-z]{1,12}( [a-z]{1,12}){5,60}\\.\n\n",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn sections_partition_any_body(pieces in prop::collection::vec(piece(), 0..60), tail in "[a-z \n]{0,5}") {
        let body = pieces.concat() + &tail;
        for format in [Format::Markdown, Format::PlainText] {
            let sections = split(&body, format);
            if body.is_empty() {
                prop_assert_eq!(sections.len(), 1);
                continue;
            }
            assert_partition(&body, &sections);
            if format == Format::PlainText {
                prop_assert!(sections.iter().all(|s| s.heading.is_none()));
            }
        }
    }

    #[test]
    fn arbitrary_unicode_partitions(body in "\\PC{0,400}") {
        let sections = split(&body, Format::Markdown);
        if !body.is_empty() {
            assert_partition(&body, &sections);
        }
    }
}
