//! `newslens search` counts its matches up to `--count N` ("more than N") or all of them
//! with `--count exact`, in text and in JSON (`total` with `total_exact`).

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn search(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslens"))
        .arg("search")
        .args(args)
        .arg(root)
        .env("XDG_CONFIG_HOME", root.join("no-config"))
        .env("XDG_CACHE_HOME", root.join("no-cache"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run newslens")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// A JSON search for "ceasefire" (one hit shown) with `--count`.
fn search_json(root: &Path, count: &str) -> serde_json::Value {
    let args = [
        "ceasefire",
        "--format",
        "json",
        "--limit",
        "1",
        "--count",
        count,
    ];
    let out = search(root, &args);
    assert_eq!(out.status.code(), Some(0), "--count {count}");
    json(&out)
}

/// `total` and `total_exact` of [`search_json`].
fn totals(root: &Path, count: &str) -> (serde_json::Value, serde_json::Value) {
    let v = search_json(root, count);
    (v["total"].clone(), v["total_exact"].clone())
}

/// The first line of a text search for "ceasefire" (one hit shown) with `--count`.
fn headline(root: &Path, count: &str) -> String {
    let out = search(root, &["ceasefire", "--limit", "1", "--count", count]);
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().next().unwrap_or_default().to_string()
}

/// Four articles naming the ceasefire, one that does not.
fn corpus(root: &Path) {
    for (i, day) in ["01", "02", "03", "04"].iter().enumerate() {
        std::fs::write(
            root.join(format!("c{i}.md")),
            format!(
                "+++\ntitle = \"Talks {i}\"\ndate = \"2025-03-{day}\"\n+++\n\n\
                 The ceasefire in Gaza held for a day {i} as talks resumed in Doha.\n"
            ),
        )
        .unwrap();
    }
    std::fs::write(
        root.join("other.md"),
        "+++\ntitle = \"Harvest\"\n+++\n\nFarmers in Kenya brought in the harvest.\n",
    )
    .unwrap();
}

#[test]
fn the_total_is_counted_up_to_the_cap_or_exactly_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let v = search_json(dir.path(), "2");
    assert_eq!(v["total"], 2, "{v}");
    assert_eq!(v["total_exact"], false, "{v}");
    assert_eq!(v["articles"].as_array().unwrap().len(), 1, "{v}");
    assert!(v["articles"][0]["id"].as_str().unwrap().starts_with('c'));

    assert_eq!(totals(dir.path(), "exact"), (4.into(), true.into()));
    // A cap above the matches counts them exactly.
    assert_eq!(totals(dir.path(), "10"), (4.into(), true.into()));

    let first = headline(dir.path(), "2");
    assert!(
        first.starts_with("more than 2 articles match `ceasefire`"),
        "{first}"
    );
    assert!(first.contains("--count exact"), "{first}");
    let first = headline(dir.path(), "exact");
    assert!(first.starts_with("4 articles match `ceasefire`"), "{first}");
    assert!(first.ends_with("the first 1 shown (--limit)"), "{first}");
}

#[test]
fn a_count_that_is_no_number_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let out = search(dir.path(), &["ceasefire", "--count", "many"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("expected a number of matches or `exact`"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}
