//! Export and import through the real binary and library: the W3C model's required fields,
//! code-point positions on non-ASCII text, CSV quoting, and the import round trip.

use newslens::annotations::store::Store;
use newslens::corpus::{self, Article, LoadOptions, Span};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const TOGO: &str = "# Togo balances\n\nIn Lomé, the président said: \"We talk to everyone, 😀 even rivals.\"\n\n## Ports\n\nThe port of Lomé handles ships, cargo and more.\n";
const PLAIN: &str = "Plain title\n\nNothing annotated here.\n";

fn run(args: &[&str], config_home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslens"))
        .args(args)
        .env("XDG_CONFIG_HOME", config_home)
        .output()
        .expect("run newslens")
}

fn load(dir: &Path) -> Vec<Article> {
    corpus::load(&[dir.to_path_buf()], &LoadOptions::default()).articles
}

fn span_of(body: &str, quote: &str) -> Span {
    let s = body.find(quote).expect("quote in body");
    Span::new(s, s + quote.len())
}

/// A corpus with non-ASCII text and annotations whose notes need CSV quoting.
fn corpus_with_annotations(dir: &Path) {
    std::fs::create_dir_all(dir.join("west-africa")).unwrap();
    std::fs::write(dir.join("west-africa/togo.md"), TOGO).unwrap();
    std::fs::write(dir.join("plain.txt"), PLAIN).unwrap();
    let arts = load(dir);
    let togo = arts.iter().find(|a| a.id == "west-africa/togo").unwrap();
    let (mut store, _) = Store::open(dir);
    store
        .add(
            togo,
            span_of(&togo.body, "We talk to everyone, 😀 even rivals."),
            vec!["quote".into(), "key-actor".into()],
            "Says \"everyone\", then hedges,\nsecond line".into(),
        )
        .unwrap();
    store
        .add(
            togo,
            span_of(&togo.body, "ships, cargo"),
            vec!["evidence".into()],
            String::new(),
        )
        .unwrap();
    store.save(&togo.id).unwrap();
}

fn export(dir: &Path, format: &str, cfg: &Path) -> (String, String) {
    let out = run(&["export", dir.to_str().unwrap(), "--format", format], cfg);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn json_export_follows_the_w3c_model_with_code_point_positions() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    corpus_with_annotations(&dir);
    let (json, _) = export(&dir, "json", tmp.path());
    let doc: Value = serde_json::from_str(&json).unwrap();
    let list = doc.as_array().expect("an array of annotations");
    assert_eq!(list.len(), 2);
    let body: Vec<char> = load(&dir)
        .into_iter()
        .find(|a| a.id == "west-africa/togo")
        .unwrap()
        .body
        .chars()
        .collect();
    for a in list {
        assert_eq!(a["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(a["type"], "Annotation");
        assert!(a["id"].as_str().unwrap().starts_with("urn:uuid:"));
        for k in ["created", "modified"] {
            let t = a[k].as_str().unwrap();
            assert!(t.parse::<jiff::Timestamp>().is_ok(), "{k} is RFC 3339: {t}");
        }
        let bodies = a["body"].as_array().unwrap();
        assert!(bodies.iter().all(|b| b["type"] == "TextualBody"));
        assert_eq!(
            bodies
                .iter()
                .filter(|b| b["purpose"] == "commenting")
                .count(),
            1
        );
        assert!(bodies.iter().any(|b| b["purpose"] == "tagging"));
        let target = &a["target"];
        assert_eq!(target["source"], "west-africa/togo.md");
        let sel = target["selector"].as_array().unwrap();
        let quote = sel
            .iter()
            .find(|s| s["type"] == "TextQuoteSelector")
            .unwrap();
        let pos = sel
            .iter()
            .find(|s| s["type"] == "TextPositionSelector")
            .unwrap();
        let (s, e) = (
            pos["start"].as_u64().unwrap() as usize,
            pos["end"].as_u64().unwrap() as usize,
        );
        let by_chars: String = body[s..e].iter().collect();
        assert_eq!(
            by_chars,
            quote["exact"].as_str().unwrap(),
            "positions are code points"
        );
        let prefix: String = body[s.saturating_sub(32)..s].iter().collect();
        assert_eq!(quote["prefix"].as_str().unwrap(), prefix);
    }
    let emoji = list
        .iter()
        .find(|a| {
            a["target"]["selector"][0]["exact"]
                .as_str()
                .unwrap()
                .contains('😀')
        })
        .unwrap();
    let note = emoji["body"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["purpose"] == "commenting")
        .unwrap();
    assert_eq!(
        note["value"],
        "Says \"everyone\", then hedges,\nsecond line"
    );
}

/// A small RFC 4180 reader, so the test checks the output by parsing it back.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_export_quotes_per_rfc_4180() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    corpus_with_annotations(&dir);
    let (csv, _) = export(&dir, "csv", tmp.path());
    assert!(csv.ends_with("\r\n"));
    let rows = parse_csv(&csv);
    assert_eq!(
        rows[0],
        [
            "article_id",
            "annotation_id",
            "created",
            "modified",
            "start",
            "end",
            "quote",
            "tags",
            "note"
        ]
    );
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.len() == 9), "{rows:?}");
    let hedges = rows.iter().find(|r| r[8].contains("hedges")).unwrap();
    assert_eq!(hedges[8], "Says \"everyone\", then hedges,\nsecond line");
    assert_eq!(hedges[7], "quote;key-actor");
    assert_eq!(hedges[6], "We talk to everyone, 😀 even rivals.");
    let body: Vec<char> = TOGO.chars().collect();
    let (s, e): (usize, usize) = (hedges[4].parse().unwrap(), hedges[5].parse().unwrap());
    assert_eq!(body[s..e].iter().collect::<String>(), hedges[6]);
    let cargo = rows.iter().find(|r| r[6] == "ships, cargo").unwrap();
    assert!(csv.contains("\"ships, cargo\""));
    assert_eq!(cargo[8], "");
}

#[test]
fn markdown_digest_has_titles_sections_quotes_tags_and_orphans() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    corpus_with_annotations(&dir);
    // Make one an orphan by rewriting the article without its passage.
    std::fs::write(
        dir.join("west-africa/togo.md"),
        TOGO.replace("ships, cargo", "vessels"),
    )
    .unwrap();
    let (md, _) = export(&dir, "md", tmp.path());
    assert!(md.contains("## Togo balances"), "{md}");
    assert!(
        md.contains("> We talk to everyone, 😀 even rivals."),
        "{md}"
    );
    assert!(md.contains("Tags: `quote`, `key-actor`"), "{md}");
    assert!(md.contains("second line"), "{md}");
    assert!(md.contains("### Section 1") || md.contains("### "), "{md}");
    let orphans = md.find("Orphans").expect("orphans listed");
    assert!(md[orphans..].contains("> ships, cargo"), "{md}");
    assert!(
        !md.contains("Plain title"),
        "articles without annotations are left out"
    );
}

#[test]
fn empty_corpus_exports_a_valid_empty_document_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("plain.txt"), PLAIN).unwrap();
    let (json, err) = export(&dir, "json", tmp.path());
    assert_eq!(
        serde_json::from_str::<Value>(&json).unwrap(),
        Value::Array(vec![])
    );
    assert!(err.contains("no annotations"), "{err}");
    let (csv, _) = export(&dir, "csv", tmp.path());
    assert_eq!(parse_csv(&csv).len(), 1, "header only");
    let out_file = tmp.path().join("out.md");
    let out = run(
        &[
            "export",
            dir.to_str().unwrap(),
            "--format",
            "md",
            "--output",
            out_file.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(out_file)
            .unwrap()
            .contains("No annotations")
    );
}

#[test]
fn export_import_export_round_trips() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    corpus_with_annotations(&dir);
    let file = tmp.path().join("annotations.json");
    let out = run(
        &[
            "export",
            dir.to_str().unwrap(),
            "--format",
            "json",
            "--output",
            file.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert!(out.status.success());
    let first: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();

    // A clean copy of the corpus: the articles only, somewhere else.
    let copy = tmp.path().join("copy");
    std::fs::create_dir_all(copy.join("west-africa")).unwrap();
    std::fs::write(copy.join("west-africa/togo.md"), TOGO).unwrap();
    std::fs::write(copy.join("plain.txt"), PLAIN).unwrap();
    let sidecar = copy.join(".newslens/annotations/west-africa/togo.toml");
    let mut written = String::new();
    for expect in [
        "2 added, 0 updated, 0 unchanged",
        "0 added, 0 updated, 2 unchanged",
    ] {
        // Twice: the second import finds every note as it is; nothing is duplicated or
        // rewritten.
        let out = run(
            &["import", file.to_str().unwrap(), copy.to_str().unwrap()],
            tmp.path(),
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(stderr.contains(expect), "{stderr}");
        let now = std::fs::read_to_string(&sidecar).unwrap();
        if !written.is_empty() {
            assert_eq!(now, written, "an unchanged import rewrote the sidecar");
        }
        written = now;
    }
    let (again, _) = export(&copy, "json", tmp.path());
    let again: Value = serde_json::from_str(&again).unwrap();
    // Everything, ids and timestamps included, survives.
    assert_eq!(again, first);
}

#[test]
fn import_reanchors_by_quote_and_reports_unknown_sources() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    corpus_with_annotations(&dir);
    let (json, _) = export(&dir, "json", tmp.path());
    let mut doc: Value = serde_json::from_str(&json).unwrap();
    // Shift the text: positions in the file are now wrong, quotes still right.
    let copy = tmp.path().join("copy");
    std::fs::create_dir_all(copy.join("west-africa")).unwrap();
    let shifted = format!("Édito. {TOGO}");
    std::fs::write(copy.join("west-africa/togo.md"), &shifted).unwrap();
    doc.as_array_mut().unwrap().push(serde_json::json!({
        "type": "Annotation",
        "target": {"source": "elsewhere/missing.md",
                   "selector": [{"type": "TextQuoteSelector", "exact": "x"}]}
    }));
    let file = tmp.path().join("a.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let out = run(
        &["import", file.to_str().unwrap(), copy.to_str().unwrap()],
        tmp.path(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a skipped annotation is an error: {err}"
    );
    assert!(err.contains("elsewhere/missing.md"), "{err}");
    let art = load(&copy).into_iter().next().unwrap();
    let (mut store, _) = Store::open(&copy);
    let got = store.annotations(&art);
    assert_eq!(got.placed.len(), 2);
    assert!(got.orphans.is_empty());
    assert!(
        got.placed
            .iter()
            .any(|p| p.span.text(&art.body) == "ships, cargo")
    );
}

#[test]
fn import_refuses_a_corpus_another_session_holds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    corpus_with_annotations(&dir);
    let file = tmp.path().join("a.json");
    let (json, _) = export(&dir, "json", tmp.path());
    std::fs::write(&file, json).unwrap();
    let copy = tmp.path().join("copy");
    std::fs::create_dir_all(copy.join("west-africa")).unwrap();
    std::fs::write(copy.join("west-africa/togo.md"), TOGO).unwrap();
    let (_held, _) = Store::open(&copy);
    let out = run(
        &["import", file.to_str().unwrap(), copy.to_str().unwrap()],
        tmp.path(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        err.matches("another newslens").count(),
        1,
        "said once: {err}"
    );
    assert!(err.contains("2 skipped"), "{err}");
}

#[test]
fn orphans_are_exported_without_position_and_survive_import() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    corpus_with_annotations(&dir);
    let changed = TOGO.replace("ships, cargo", "vessels");
    std::fs::write(dir.join("west-africa/togo.md"), &changed).unwrap();
    let (json, _) = export(&dir, "json", tmp.path());
    let doc: Value = serde_json::from_str(&json).unwrap();
    let orphan = doc
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["target"]["selector"][0]["exact"] == "ships, cargo")
        .expect("orphan exported");
    let selectors = orphan["target"]["selector"].as_array().unwrap();
    assert_eq!(selectors.len(), 1, "no position for an orphan: {orphan}");
    let (csv, _) = export(&dir, "csv", tmp.path());
    let row = parse_csv(&csv)
        .into_iter()
        .find(|r| r[6] == "ships, cargo")
        .unwrap();
    assert_eq!((row[4].as_str(), row[5].as_str()), ("", ""));

    // Imported into a copy with the same changed text, it stays an orphan: kept, not dropped.
    let file = tmp.path().join("a.json");
    std::fs::write(&file, &json).unwrap();
    let copy = tmp.path().join("copy");
    std::fs::create_dir_all(copy.join("west-africa")).unwrap();
    std::fs::write(copy.join("west-africa/togo.md"), &changed).unwrap();
    let out = run(
        &["import", file.to_str().unwrap(), copy.to_str().unwrap()],
        tmp.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (again, _) = export(&copy, "json", tmp.path());
    assert_eq!(serde_json::from_str::<Value>(&again).unwrap(), doc);
}

/// A note, tag or quote that starts like a formula reaches the spreadsheet as text: one `'`
/// before it (OWASP CSV injection advice); every other cell is exactly what was stored.
#[test]
fn csv_export_defuses_cells_that_start_like_formulas() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    let body = "Intro line.\n\n=1+2 is what the sheet showed. @mentions too.\n";
    std::fs::write(dir.join("a.md"), body).unwrap();
    let arts = load(&dir);
    let a = &arts[0];
    let (mut store, _) = Store::open(&dir);
    store
        .add(
            a,
            span_of(&a.body, "=1+2 is what the sheet showed."),
            vec!["-risk".into()],
            "+cmd|' /C calc'!A0".into(),
        )
        .unwrap();
    store
        .add(
            a,
            span_of(&a.body, "Intro line."),
            vec![],
            "plain = fine".into(),
        )
        .unwrap();
    store.save(&a.id).unwrap();
    let (csv, _) = export(&dir, "csv", tmp.path());
    let rows = parse_csv(&csv);
    let risky = rows.iter().find(|r| r[7] == "'-risk").expect("defused tag");
    assert_eq!(risky[6], "'=1+2 is what the sheet showed.");
    assert_eq!(risky[8], "'+cmd|' /C calc'!A0");
    let plain = rows
        .iter()
        .find(|r| r[6] == "Intro line.")
        .expect("plain row");
    assert_eq!(plain[8], "plain = fine");
    assert!(
        plain[2].starts_with("20"),
        "timestamps untouched: {plain:?}"
    );
}
