//! The embedded syntactic models: accuracy on a committed slice of EWT test, the
//! tokenizer's byte spans, the trainer's determinism, and the `syntax` command's output.

use newslens::Span;
use newslens::analysis::syntax::{self, Deprel, Syntax, Upos, conllu, train};
use std::process::Command;

const SLICE: &str = include_str!("data/ewt-test-slice.conllu");
const TRAIN_SLICE: &str = include_str!("data/ewt-train-slice.conllu");

#[test]
fn embedded_model_tags_and_parses_the_ewt_slice() {
    let gold = conllu::read(SLICE).expect("slice parses");
    assert_eq!(gold.len(), 300);
    let s = train::evaluate(Syntax::embedded(), &gold);
    eprintln!(
        "slice: UPOS {:.2} UAS {:.2} LAS {:.2}",
        s.upos_pct(),
        s.uas_pct(),
        s.las_pct()
    );
    assert!(s.upos_pct() >= FLOOR_UPOS, "UPOS {:.2}", s.upos_pct());
    assert!(s.uas_pct() >= FLOOR_UAS, "UAS {:.2}", s.uas_pct());
    assert!(s.las_pct() >= FLOOR_LAS, "LAS {:.2}", s.las_pct());
}

// Just below the figures measured on the slice with the committed model.
const FLOOR_UPOS: f64 = 95.3;
const FLOOR_UAS: f64 = 83.2;
const FLOOR_LAS: f64 = 78.8;

#[test]
fn every_parse_is_a_tree_with_one_root() {
    let model = Syntax::embedded();
    let body = "Iran's foreign ministry didn't condemn the strikes, and Mali and Niger, both of which have quarrelled with Paris, left the bloc.";
    let tokens = model.analyze(body, Span::new(0, body.len()));
    assert_eq!(tokens.iter().filter(|t| t.head.is_none()).count(), 1);
    assert_eq!(
        tokens.iter().filter(|t| t.deprel == Deprel::Root).count(),
        1
    );
    // Following heads from any token reaches the root without a cycle.
    for i in 0..tokens.len() {
        let mut x = i;
        let mut steps = 0;
        while let Some(h) = tokens[x].head {
            x = usize::from(h);
            steps += 1;
            assert!(steps <= tokens.len(), "cycle through token {i}");
        }
    }
    let tree = syntax::Tree::new(&tokens, body);
    let verb = tokens
        .iter()
        .position(|t| t.text(body) == "condemn")
        .expect("token");
    assert_eq!(tokens[verb].upos, Upos::Verb);
    assert!(tree.is_negated(verb));
}

#[test]
fn token_spans_are_the_body_text() {
    let body = "  “We won’t give up,” said Kwok Ka-ki, the U.S.-based co-founder of Hong Kong's party (HKFA)... e-mail: a.b@example.org\n\nNew line here.";
    let tokens = syntax::tokenize(body, Span::new(0, body.len()));
    let forms: Vec<&str> = tokens.iter().map(|t| &body[t.start..t.end]).collect();
    for t in &tokens {
        assert!(t.start < t.end && t.end <= body.len());
        assert!(!body[t.start..t.end].contains(char::is_whitespace));
    }
    for w in tokens.windows(2) {
        assert!(w[0].end <= w[1].start, "tokens overlap or go backwards");
    }
    // Non-space text is fully covered.
    let covered: usize = tokens.iter().map(|t| t.end - t.start).sum();
    let non_space: usize = body
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum();
    assert_eq!(covered, non_space);
    for expected in [
        "wo",
        "n’t",
        "Hong",
        "Kong",
        "'s",
        "...",
        "a.b@example.org",
        "co-founder",
        "U.S.",
    ] {
        assert!(forms.contains(&expected), "{expected:?} not in {forms:?}");
    }
    // Inside a sub-span, offsets stay body offsets.
    let within = Span::new(body.find("New").unwrap(), body.len());
    let part = syntax::tokenize(body, within);
    assert_eq!(&body[part[0].start..part[0].end], "New");
}

#[test]
fn training_is_deterministic() {
    let sentences = conllu::read(TRAIN_SLICE).expect("slice parses");
    let options = train::TrainOptions {
        tagger_epochs: 2,
        parser_epochs: 2,
        folds: 2,
        ..train::TrainOptions::default()
    };
    let a = train::train(&sentences, &options, &mut |_| {});
    let b = train::train(&sentences, &options, &mut |_| {});
    assert!(a.tagger == b.tagger && a.parser == b.parser);
    // And what it wrote is a working model.
    let model = Syntax::from_bytes(&a.tagger, &a.parser).expect("model");
    let s = train::evaluate(&model, &sentences[..50]);
    assert!(s.upos_pct() > 50.0, "{s:?}");
    let other = train::TrainOptions { seed: 7, ..options };
    let c = train::train(&sentences, &other, &mut |_| {});
    assert!(c.parser != a.parser, "the seed must matter");
    // The beam trainer too, and its file decodes.
    let beam = train::TrainOptions {
        parser_beam: 2,
        ..options
    };
    let d = train::train(&sentences, &beam, &mut |_| {});
    let e = train::train(&sentences, &beam, &mut |_| {});
    assert!(d.parser == e.parser && d.parser != a.parser);
    let model = Syntax::from_bytes(&d.tagger, &d.parser).expect("beam model");
    let s = train::evaluate(&model, &sentences[..50]);
    assert!(s.uas_pct() > 20.0, "{s:?}");
}

fn newslens() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newslens"))
}

#[test]
fn syntax_command_keeps_gold_tokens_and_prints_trees() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("slice.conllu");
    // The first 20 sentences of the slice.
    let first: String = SLICE.split_inclusive("\n\n").take(20).collect();
    std::fs::write(&path, &first).expect("write");
    let out = newslens().arg("syntax").arg(&path).output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let gold = conllu::read(&first).expect("gold");
    let blocks: Vec<&str> = text
        .split("\n\n")
        .filter(|b| !b.trim().is_empty())
        .collect();
    assert_eq!(blocks.len(), gold.len());
    for (block, g) in blocks.iter().zip(&gold) {
        let rows: Vec<Vec<&str>> = block
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect())
            .collect();
        assert_eq!(rows.len(), g.words.len());
        let mut roots = 0;
        for (k, (r, w)) in rows.iter().zip(&g.words).enumerate() {
            assert_eq!(r.len(), 10);
            assert_eq!(r[0], (k + 1).to_string());
            assert_eq!(r[1], w.form);
            assert!(Upos::parse(r[3]).is_some());
            let head: usize = r[6].parse().expect("head");
            assert!(head <= rows.len());
            roots += usize::from(head == 0);
            assert!(r[9].starts_with("Span="));
        }
        assert_eq!(roots, 1);
    }

    // Articles: spans index into the body; text format prints a tree.
    let art = dir.path().join("a.md");
    std::fs::write(&art, "# Title\n\nMali's junta didn't attend the summit.\n").expect("write");
    let out = newslens().arg("syntax").arg(&art).output().expect("run");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("\tn't\t"), "{text}");
    let out = newslens()
        .args(["syntax", "--format", "text"])
        .arg(&art)
        .output()
        .expect("run");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.lines().any(|l| l.starts_with("root ")), "{text}");

    let missing = newslens()
        .args(["syntax", "/no/such/file.conllu"])
        .output()
        .expect("run");
    assert_eq!(missing.status.code(), Some(2));
    let bad = dir.path().join("bad.conllu");
    std::fs::write(&bad, "1\tonly two\n").expect("write");
    let out = newslens().arg("syntax").arg(&bad).output().expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 1"));
}
