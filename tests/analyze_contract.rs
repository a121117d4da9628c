//! The JSON contract of `newslens analyze` (DESIGN §3), checked on the bundled corpus with the
//! real binary: every offset slices to its text, sections partition the body, every actor
//! has mentions, every theme and tension has evidence, tension sides name actors of the
//! article, lists are sorted.

use serde_json::Value;
use std::collections::HashSet;
use std::process::Command;

const KINDS: [&str; 6] = ["person", "organization", "country", "place", "region", "group"];

fn analyze(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_newslens"))
        .arg("analyze")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run newslens");
    (
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn check_span(body: &str, v: &Value, sections: usize, what: &str) {
    let start = v["start"].as_u64().unwrap() as usize;
    let end = v["end"].as_u64().unwrap() as usize;
    assert!(start < end && end <= body.len(), "{what}: bad range {start}..{end}");
    assert!(body.is_char_boundary(start) && body.is_char_boundary(end), "{what}: not on char boundaries");
    assert_eq!(&body[start..end], v["text"].as_str().unwrap(), "{what}: text differs from body slice");
    let section = v["section"].as_u64().unwrap() as usize;
    assert!(section < sections, "{what}: section {section} out of range");
}

fn check_sorted(list: &[Value], key: &str, what: &str) {
    let scores: Vec<f64> = list.iter().map(|v| v[key].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{what} not sorted by {key}: {scores:?}");
    assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)), "{what} {key} outside 0..=1");
}

fn check_article(a: &Value) {
    let id = a["id"].as_str().unwrap();
    let body = a["body"].as_str().unwrap();
    assert!(!a["title"].as_str().unwrap().is_empty(), "{id}: empty title");
    assert!(a["path"].as_str().unwrap().ends_with(".md") || a["path"].as_str().unwrap().ends_with(".txt"));

    // Sections partition the body, and each knows where a section index points.
    let sections = a["sections"].as_array().unwrap();
    assert!(!sections.is_empty(), "{id}: no sections");
    let mut at = 0;
    for s in sections {
        let (start, end) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
        assert_eq!(start, at, "{id}: sections leave a gap or overlap at {at}");
        assert!(end > start, "{id}: empty section");
        assert!(!s["title"].as_str().unwrap().trim().is_empty(), "{id}: section without title");
        at = end;
    }
    assert_eq!(at, body.len(), "{id}: sections do not reach the end of the body");
    let section_of = |offset: usize| sections.iter().position(|s| {
        let (st, en) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
        st <= offset && offset < en
    });

    let actors = a["actors"].as_array().unwrap();
    let mut ids = HashSet::new();
    for actor in actors {
        let aid = actor["id"].as_str().unwrap();
        assert!(ids.insert(aid.to_string()), "{id}: duplicate actor id {aid}");
        assert!(KINDS.contains(&actor["kind"].as_str().unwrap()), "{id}/{aid}: bad kind");
        let mentions = actor["mentions"].as_array().unwrap();
        assert!(!mentions.is_empty(), "{id}/{aid}: no mentions");
        for m in mentions {
            check_span(body, m, sections.len(), &format!("{id}/{aid} mention"));
            let start = m["start"].as_u64().unwrap() as usize;
            assert_eq!(section_of(start), Some(m["section"].as_u64().unwrap() as usize), "{id}/{aid}: wrong section");
        }
    }
    check_sorted(actors, "salience", &format!("{id} actors"));

    let themes = a["themes"].as_array().unwrap();
    for t in themes {
        let tid = t["id"].as_str().unwrap();
        let evidence = t["evidence"].as_array().unwrap();
        assert!(!evidence.is_empty(), "{id}/{tid}: theme without evidence");
        for e in evidence {
            check_span(body, e, sections.len(), &format!("{id}/{tid} evidence"));
        }
    }
    check_sorted(themes, "score", &format!("{id} themes"));

    let tensions = a["tensions"].as_array().unwrap();
    for t in tensions {
        let tid = t["id"].as_str().unwrap();
        let sides = t["sides"].as_array().unwrap();
        assert_eq!(sides.len(), 2, "{id}/{tid}: a tension has two sides");
        let mut seen = HashSet::new();
        for side in sides {
            let side = side.as_array().unwrap();
            assert!(!side.is_empty(), "{id}/{tid}: empty side");
            for actor in side {
                let actor = actor.as_str().unwrap();
                assert!(ids.contains(actor), "{id}/{tid}: side names unknown actor {actor}");
                assert!(seen.insert(actor.to_string()), "{id}/{tid}: {actor} on both sides");
            }
        }
        let evidence = t["evidence"].as_array().unwrap();
        assert!(!evidence.is_empty(), "{id}/{tid}: tension without evidence");
        for e in evidence {
            check_span(body, e, sections.len(), &format!("{id}/{tid} evidence"));
        }
    }
    check_sorted(tensions, "score", &format!("{id} tensions"));
}

#[test]
fn json_output_keeps_every_invariant_on_the_bundled_corpus() {
    let (stdout, stderr, code) = analyze(&["articles", "--format", "json"]);
    assert_eq!(code, 0, "analyze failed: {stderr}");
    let v: Value = serde_json::from_str(&stdout).expect("one JSON object");
    let articles = v["articles"].as_array().expect("articles array");
    assert!(articles.len() >= 10, "the sample corpus has at least 10 articles");
    for a in articles {
        check_article(a);
    }
    // The bundled corpus is rich: the engine finds something in every article.
    for a in articles {
        let id = a["id"].as_str().unwrap();
        assert!(a["actors"].as_array().unwrap().len() >= 5, "{id}: few actors");
        assert!(!a["themes"].as_array().unwrap().is_empty(), "{id}: no theme");
    }
    let with_tensions = articles.iter().filter(|a| !a["tensions"].as_array().unwrap().is_empty()).count();
    assert!(with_tensions * 10 >= articles.len() * 8, "tensions found in only {with_tensions} articles");
}

#[test]
fn jsonl_gives_one_article_per_line_matching_json() {
    let (json, _, _) = analyze(&["articles", "--format", "json"]);
    let (jsonl, stderr, code) = analyze(&["articles", "--format", "jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    let whole: Value = serde_json::from_str(&json).unwrap();
    let lines: Vec<Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(&lines, whole["articles"].as_array().unwrap());
}

#[test]
fn text_report_is_readable_and_safe() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil.md"),
        "# Title \u{1b}]0;owned\u{7}\n\nFrance warned Russia \u{1b}[31mred\u{1b}[0m in \u{202e}Lomé.\n",
    )
    .unwrap();
    let (stdout, stderr, code) = analyze(&[dir.path().to_str().unwrap(), "--format", "text"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Actors ("), "{stdout}");
    assert!(!stdout.contains('\u{1b}'), "escape reached the output: {stdout:?}");
    assert!(!stdout.contains('\u{202e}'), "bidi override reached the output");
}

#[test]
fn unreadable_files_are_reported_and_the_rest_analysed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.md"), "# Good\n\nTogo and France met in Lomé.\n").unwrap();
    std::fs::write(dir.path().join("bad.md"), b"\xff\xfe not utf-8 \x00\x01").unwrap();
    let (stdout, stderr, code) = analyze(&[dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "exit 0 when at least one article was analysed");
    assert!(stderr.contains("bad.md"), "the bad file is named: {stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 1);

    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("bad.md"), b"\xff\xfe").unwrap();
    let (_, stderr, code) = analyze(&[empty.path().to_str().unwrap()]);
    assert_eq!(code, 1, "no article analysed: {stderr}");
}
