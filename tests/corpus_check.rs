//! `newslens check DIR` run as the real binary: every broken file is listed with its path,
//! the good file still loads, and the exit status says whether anything was an error.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn check(dir: &Path, config_home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslens"))
        .arg("check")
        .arg(dir)
        // A user config on the machine must not change the outcome.
        .env("XDG_CONFIG_HOME", config_home)
        .env("NO_COLOR", "1")
        .output()
        .expect("run newslens")
}

#[test]
fn check_lists_each_broken_file_and_exits_1() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("corpus");
    fs::create_dir(&dir).expect("mkdir");
    let files: [(&str, &[u8]); 6] = [
        ("good.md", b"# Good\n\nText about ports and trade.\n"),
        ("latin1.md", b"Caf\xE9\n"),
        ("binary.txt", b"\x00\x01\x02"),
        ("empty.md", b""),
        ("unclosed.md", b"+++\ntitle = \"x\"\nBody\n"),
        ("fm-only.md", b"+++\ntitle = \"x\"\n+++\n"),
    ];
    for (name, bytes) in files {
        fs::write(dir.join(name), bytes).expect("write");
    }
    let out = check(&dir, tmp.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let expect = [
        ("latin1.md:1: error:", "not valid UTF-8"),
        ("binary.txt: error:", "binary file"),
        ("empty.md: error:", "empty article"),
        ("unclosed.md:1: error:", "never closed"),
        ("fm-only.md:3: error:", "front matter only"),
    ];
    for (head, what) in expect {
        let line = stdout
            .lines()
            .find(|l| l.contains(head))
            .unwrap_or_else(|| panic!("no line with {head:?} in:\n{stdout}"));
        assert!(line.contains(what), "{line}");
        assert!(line.contains(&*dir.to_string_lossy()), "{line}");
    }
    assert!(!stdout.contains("good.md"), "{stdout}");
    assert!(stdout.contains("1 article loaded"), "{stdout}");
    assert!(stdout.contains("5 errors"), "{stdout}");
}

#[test]
fn check_on_a_good_folder_exits_0() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("corpus");
    fs::create_dir_all(dir.join("region")).expect("mkdir");
    fs::write(
        dir.join("region/a.md"),
        "+++\ntitle = \"A\"\ndate = \"2025-01-02\"\n+++\n## One\nText.\n",
    )
    .expect("write");
    fs::write(dir.join("b.txt"), "Plain text article.\n").expect("write");
    let out = check(&dir, tmp.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("2 articles loaded"), "{stdout}");
    assert!(stdout.contains("0 errors, 0 warnings"), "{stdout}");
}

/// Five files: three that cannot load, one whose front matter is broken but whose text still
/// loads (an error, not a skip), one good. The summary counts the three, not four.
#[test]
fn check_counts_only_the_files_it_could_not_load_as_skipped() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("corpus");
    fs::create_dir(&dir).expect("mkdir");
    let files: [(&str, &[u8]); 5] = [
        ("good.md", b"# Good\n\nText about ports and trade.\n"),
        ("bad-toml.md", b"+++\ntitle = \n+++\nThe body is fine.\n"),
        ("latin1.md", b"Caf\xE9\n"),
        ("empty.md", b""),
        ("binary.txt", b"\x00\x01\x02"),
    ];
    for (name, bytes) in files {
        fs::write(dir.join(name), bytes).expect("write");
    }
    let out = check(&dir, tmp.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("bad-toml.md:2: error:"), "{stdout}");
    let summary = stdout.lines().last().unwrap_or_default();
    assert!(
        summary.starts_with("2 articles loaded") && summary.contains(", 3 skipped;"),
        "{summary}"
    );
    assert!(summary.contains("4 errors"), "{summary}");
}

/// A PATH that does not exist is a usage error: said on stderr, exit status 2, nothing else.
#[test]
fn check_on_a_missing_path_names_it_and_exits_2() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let missing = tmp.path().join("no-such-folder");
    let out = check(&missing, tmp.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("no-such-folder") && stderr.contains("does not exist"),
        "{stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
