//! The corrections file and the commands around it, through the real binary: `correct` then
//! `analyze` shows it; unknown names are refused with close matches (exit 2); the store never
//! overwrites a broken file and leaves no temporary behind; the lexicon fragment written by
//! `corrections --format toml` applies when used as `--config` on a fresh corpus.

use newslens::corrections::store::{CorrectionStore, path_of};
use newslens::corrections::{Change, Correction};
use std::path::Path;
use std::process::{Command, Output};

const ARTICLE: &str = "west-africa/benin-coup-attempt";

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("articles")
        .join(format!("{ARTICLE}.md"));
    std::fs::create_dir_all(dir.path().join("west-africa")).unwrap();
    std::fs::copy(src, dir.path().join(format!("{ARTICLE}.md"))).unwrap();
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslens"))
        .args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .output()
        .unwrap()
}

fn actors(dir: &Path, config: Option<&Path>) -> Vec<(String, String)> {
    let d = dir.to_str().unwrap();
    let mut args = vec!["analyze", d, "--format", "json"];
    if let Some(c) = config {
        args.extend(["--config", c.to_str().unwrap()]);
    }
    let out = run(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["articles"][0]["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap().to_string(),
                a["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn kind_of<'a>(actors: &'a [(String, String)], name: &str) -> Option<&'a str> {
    actors
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, k)| k.as_str())
}

#[test]
fn correct_then_analyze_shows_it() {
    let dir = corpus();
    let d = dir.path().to_str().unwrap();
    let before = actors(dir.path(), None);
    assert!(
        kind_of(&before, "Gunfire").is_some(),
        "the fixture's junk actor"
    );
    assert_eq!(kind_of(&before, "Les Démocrates"), Some("person"));

    let out = run(&[
        "correct",
        d,
        "--article",
        ARTICLE,
        "--reject-actor",
        "gunfire",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["correct", d, "--kind", "les democrates=organisation"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["correct", d, "--merge", "Talon=Benin"]);
    assert!(out.status.success());

    let after = actors(dir.path(), None);
    assert!(kind_of(&after, "Gunfire").is_none());
    assert_eq!(kind_of(&after, "Les Démocrates"), Some("organization"));
    assert!(
        kind_of(&after, "Patrice Talon").is_none(),
        "merged into Benin"
    );

    let text = std::fs::read_to_string(path_of(dir.path())).unwrap();
    assert_eq!(text.matches("[[correction]]").count(), 3);
    assert_eq!(
        text.matches("article = ").count(),
        1,
        "only --article is scoped"
    );
}

#[test]
fn unknown_names_and_bad_usage_exit_2_with_close_matches() {
    let dir = corpus();
    let d = dir.path().to_str().unwrap();
    let out = run(&["correct", d, "--reject-actor", "Patrise Talon"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no actor named “Patrise Talon”") && err.contains("“Patrice Talon”"),
        "{err}"
    );
    let out = run(&["correct", d, "--kind", "Benin=planet"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown kind “planet”"));
    let out = run(&["correct", d, "--merge", "Benin"]);
    assert_eq!(out.status.code(), Some(2), "NAME=INTO expected");
    let out = run(&["correct", d, "--article", "nope", "--reject-actor", "Benin"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["correct", d, "--reject-actor", "Benin", "--merge", "a=b"]);
    assert_eq!(out.status.code(), Some(2), "one correction at a time");
    assert!(!path_of(dir.path()).exists(), "nothing saved");
}

#[test]
fn broken_file_is_reported_and_never_overwritten() {
    let dir = corpus();
    let d = dir.path().to_str().unwrap();
    let path = path_of(dir.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let broken = "version = 1\n[[correction]]\nid = \"x\"\nchange = \"reject-actor\"\nactor = \n";
    std::fs::write(&path, broken).unwrap();
    let out = run(&["correct", d, "--reject-actor", "Gunfire"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("corrections.toml:5"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    // analyze still runs and says so.
    let out = run(&["analyze", d, "--format", "text"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("kept as it is"));
}

#[test]
fn store_writes_atomically_and_shares_the_lock() {
    let dir = corpus();
    let (mut store, notices) = CorrectionStore::open_locked(dir.path());
    assert!(notices.is_empty(), "{notices:?}");
    let c = Correction::new(
        None,
        Change::RejectActor {
            actor: "Gunfire".into(),
        },
    );
    store.add(c.clone()).unwrap();
    // A second writer is refused while the first holds the lock.
    let (mut second, notices) = CorrectionStore::open_locked(dir.path());
    assert!(
        notices[0]
            .message
            .contains("another newslens holds the corpus"),
        "{notices:?}"
    );
    assert_eq!(second.corrections().list, vec![c.clone()], "but it reads");
    assert!(second.add(c.clone()).is_err());
    let removed = store.remove(&c.id).unwrap();
    assert_eq!(removed, c);
    let files: Vec<String> = std::fs::read_dir(dir.path().join(".newslens"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(files.iter().all(|f| !f.contains(".tmp-")), "{files:?}");
    let (reread, _) = CorrectionStore::load(dir.path());
    assert!(reread.corrections().is_empty());
    // A passage correction needs an article.
    let passage = newslens::annotations::Target {
        exact: "x".into(),
        prefix: String::new(),
        suffix: String::new(),
        start: 0,
        end: 1,
        body_hash: String::new(),
    };
    let c = Correction::new(
        None,
        Change::ThemeEvidence {
            theme: "t".into(),
            label: "T".into(),
            passage,
        },
    );
    assert!(store.add(c).is_err());
}

#[test]
fn lexicon_fragment_round_trip_applies_on_a_fresh_corpus() {
    let dir = corpus();
    let d = dir.path().to_str().unwrap();
    assert!(
        run(&["correct", d, "--kind", "Les Démocrates=organization"])
            .status
            .success()
    );
    assert!(
        run(&["correct", d, "--reject-actor", "Gunfire"])
            .status
            .success()
    );
    assert!(
        run(&["correct", d, "--rename", "Cotonou=Cotonou (Benin)"])
            .status
            .success()
    );
    assert!(
        run(&[
            "correct",
            d,
            "--article",
            ARTICLE,
            "--reject-actor",
            "Abuja"
        ])
        .status
        .success()
    );
    let out = run(&["corrections", d, "--format", "toml"]);
    assert!(out.status.success());
    let fragment = String::from_utf8(out.stdout).unwrap();
    assert!(
        fragment.contains("“Abuja” is not an actor (article"),
        "article-scoped one listed: {fragment}"
    );
    let cfg = dir.path().join("fragment.toml");
    std::fs::write(&cfg, &fragment).unwrap();

    let fresh = corpus();
    let plain = actors(fresh.path(), None);
    assert_eq!(kind_of(&plain, "Les Démocrates"), Some("person"));
    let with = actors(fresh.path(), Some(&cfg));
    assert_eq!(
        kind_of(&with, "Les Démocrates"),
        Some("organization"),
        "{with:?}"
    );
    assert!(kind_of(&with, "Gunfire").is_none());
    assert!(kind_of(&with, "Cotonou (Benin)").is_some());
    assert!(
        kind_of(&with, "Abuja").is_some(),
        "article-scoped corrections do not travel"
    );
    // `check` accepts the fragment as a config.
    let out = run(&[
        "check",
        fresh.path().to_str().unwrap(),
        "--config",
        cfg.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
