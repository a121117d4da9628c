//! Loading real folders: ids, order, titles, front matter, and each kind of bad file giving
//! its own problem while the good files beside it still load.

use newslens::corpus::{self, Format, LoadOptions, Problem, Severity};
use std::fs;
use std::path::{Path, PathBuf};

fn write(dir: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create fixture folder");
    }
    fs::write(&path, bytes).expect("write fixture");
    path
}

fn load(path: &Path) -> corpus::Corpus {
    corpus::load(&[path.to_path_buf()], &LoadOptions::default())
}

fn problem_for<'a>(c: &'a corpus::Corpus, name: &str) -> &'a Problem {
    c.problems
        .iter()
        .find(|p| p.path.ends_with(name))
        .unwrap_or_else(|| panic!("no problem for {name}: {:#?}", c.problems))
}

const GOOD: &str = "# Good\n\nSome text about trade.\n";

#[test]
fn ids_order_roots_and_paths() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "b.md", GOOD.as_bytes());
    write(dir.path(), "a/z.TXT", b"Plain text.\n");
    write(dir.path(), "a/c.md", GOOD.as_bytes());
    write(dir.path(), "notes.rst", b"ignored");
    write(dir.path(), ".hidden/x.md", GOOD.as_bytes());
    write(dir.path(), ".dot.md", GOOD.as_bytes());
    let c = load(dir.path());
    let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a/c", "a/z", "b"]);
    assert!(c.problems.is_empty(), "{:#?}", c.problems);
    let z = &c.articles[1];
    assert_eq!(z.format, Format::PlainText);
    assert_eq!(&*z.root, dir.path());
    assert_eq!(z.path, dir.path().join("a/z.TXT"));
}

#[test]
fn a_single_file_path_has_its_folder_as_root() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write(dir.path(), "sub/one.md", GOOD.as_bytes());
    let c = load(&file);
    assert_eq!(c.articles.len(), 1);
    assert_eq!(c.articles[0].id, "one");
    assert_eq!(&*c.articles[0].root, dir.path().join("sub"));
    assert_eq!(c.articles[0].path, file);
}

#[test]
fn missing_path_is_an_error_naming_it_and_empty_folder_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nowhere");
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).expect("mkdir");
    let c = corpus::load(&[missing.clone(), empty.clone()], &LoadOptions::default());
    assert_eq!(c.problems.len(), 2, "{:#?}", c.problems);
    assert_eq!(c.problems[0].path, missing);
    assert_eq!(c.problems[0].severity, Severity::Error);
    assert!(c.problems[0].message.contains("does not exist"));
    assert!(c.problems[0].to_string().contains("nowhere"));
    assert_eq!(c.problems[1].path, empty);
    assert_eq!(c.problems[1].severity, Severity::Warning);
    assert!(c.problems[1].message.contains("no articles"));
}

#[test]
fn each_bad_file_gets_its_own_problem_and_good_files_still_load() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "good.md", GOOD.as_bytes());
    write(d, "latin1.md", b"Title\n\nCaf\xE9 au lait\n");
    write(d, "binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00");
    write(d, "empty.md", b"");
    write(d, "blank.txt", b"  \n\t\n\n");
    write(d, "big.md", &vec![b'a'; 2000]);
    write(d, "fm-only.md", b"+++\ntitle = \"Only\"\n+++\n\n");
    write(d, "unterminated.md", b"+++\ntitle = \"T\"\n\nBody\n");
    write(
        d,
        "bad-toml.md",
        b"+++\ntitle = \"T\"\nsource = = \"x\"\n+++\nBody text.\n",
    );
    write(
        d,
        "bad-date.md",
        b"+++\ndate = \"2025-31-12\"\n+++\nBody text.\n",
    );
    // A folder named like an article is just a folder.
    write(d, "folder.md/inner.md", GOOD.as_bytes());
    // A FIFO would block a reader forever; it must be refused without opening it.
    #[cfg(unix)]
    let fifo = std::process::Command::new("mkfifo")
        .arg(d.join("pipe.md"))
        .status()
        .is_ok_and(|s| s.success());
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("gone.md"), d.join("dangling.md")).expect("symlink");
    let options = LoadOptions {
        max_file_bytes: 1000,
        ..LoadOptions::default()
    };
    let c = corpus::load(&[d.to_path_buf()], &options);

    let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
    // Warnings keep the article; errors drop it.
    assert_eq!(ids, ["bad-date", "bad-toml", "folder.md/inner", "good"]);

    let p = problem_for(&c, "latin1.md");
    assert_eq!(p.severity, Severity::Error);
    assert_eq!(p.line, Some(3));
    assert!(p.message.contains("not valid UTF-8"), "{}", p.message);
    assert!(p.message.contains("line 3, byte 4"), "{}", p.message);

    let p = problem_for(&c, "binary.md");
    assert!(p.message.starts_with("binary file"), "{}", p.message);

    assert_eq!(problem_for(&c, "empty.md").message, "empty article");
    assert_eq!(problem_for(&c, "blank.txt").message, "empty article");

    let p = problem_for(&c, "big.md");
    assert!(p.message.contains("2000 bytes"), "{}", p.message);
    assert!(p.message.contains("1000 bytes"), "{}", p.message);

    let p = problem_for(&c, "fm-only.md");
    assert_eq!(p.severity, Severity::Error);
    assert!(p.message.contains("front matter only"), "{}", p.message);

    let p = problem_for(&c, "unterminated.md");
    assert_eq!((p.severity, p.line), (Severity::Error, Some(1)));
    assert!(p.message.contains("never closed"), "{}", p.message);

    let p = problem_for(&c, "bad-toml.md");
    assert_eq!((p.severity, p.line), (Severity::Error, Some(3)));
    assert!(p.message.contains("not valid TOML"), "{}", p.message);
    let bad_toml = &c.articles[1];
    assert_eq!(bad_toml.body, "Body text.\n");
    assert_eq!(bad_toml.meta.title, None);

    let p = problem_for(&c, "bad-date.md");
    assert_eq!((p.severity, p.line), (Severity::Warning, Some(2)));
    assert!(p.message.contains("2025-31-12"), "{}", p.message);

    #[cfg(unix)]
    {
        if fifo {
            let p = problem_for(&c, "pipe.md");
            assert!(p.message.contains("not a regular file"), "{}", p.message);
        }
        let p = problem_for(&c, "dangling.md");
        assert_eq!(p.severity, Severity::Error);
        assert!(p.message.contains("broken symbolic link"), "{}", p.message);
    }
}

#[cfg(unix)]
#[test]
fn unreadable_file_says_the_os_reason() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "secret.md", GOOD.as_bytes());
    write(dir.path(), "open.md", GOOD.as_bytes());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading, nothing to test here.
        return;
    }
    let c = load(dir.path());
    assert_eq!(c.articles.len(), 1);
    let p = problem_for(&c, "secret.md");
    assert!(p.message.contains("cannot read"), "{}", p.message);
    assert!(
        p.message.to_lowercase().contains("permission denied"),
        "{}",
        p.message
    );
}

#[test]
fn front_matter_with_bom_and_crlf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "\u{feff}+++\r\ntitle = \"Togo balances\"\r\nsource = \"Wire\"\r\n\
                date = \"2025-12-10\"\r\nurl = \"https://example.org/t\"\r\n\
                authors = [\"A. Writer\", \"B. Writer\"]\r\ntags = [\"west-africa\"]\r\n\
                +++\r\n# Heading title\r\n\r\nText.\r\n";
    write(dir.path(), "t.md", text.as_bytes());
    let c = load(dir.path());
    assert!(c.problems.is_empty(), "{:#?}", c.problems);
    let a = &c.articles[0];
    assert_eq!(a.title, "Togo balances");
    assert_eq!(a.meta.source.as_deref(), Some("Wire"));
    assert_eq!(a.meta.date.as_deref(), Some("2025-12-10"));
    assert_eq!(a.meta.url.as_deref(), Some("https://example.org/t"));
    assert_eq!(a.meta.authors, ["A. Writer", "B. Writer"]);
    assert_eq!(a.meta.tags, ["west-africa"]);
    // The body is the file's bytes after the closing line, untouched.
    assert_eq!(a.body, "# Heading title\r\n\r\nText.\r\n");
    assert!(text.ends_with(&a.body));
}

#[test]
fn unknown_keys_and_wrong_types_warn_at_their_file_line_and_load() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "w.md",
        b"+++\ntitle = \"T\"\nauthors = 7\nfoo = 1\n+++\nBody.\n",
    );
    let c = load(dir.path());
    assert_eq!(c.articles.len(), 1);
    assert_eq!(c.articles[0].meta.title.as_deref(), Some("T"));
    let lines: Vec<(Option<usize>, Severity)> =
        c.problems.iter().map(|p| (p.line, p.severity)).collect();
    assert_eq!(
        lines,
        [(Some(3), Severity::Warning), (Some(4), Severity::Warning)]
    );
    assert!(c.problems[0].message.contains("`authors`"));
    assert!(c.problems[1].message.contains("`foo`"));
    assert!(c.problems[1].to_string().contains("w.md:4: warning:"));
}

#[test]
fn titles_fall_back_to_heading_then_first_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "h.md", b"\n\n# The Heading\n\nText.\n");
    write(dir.path(), "l.md", b"\n**Bold lead** line\n\nText.\n");
    write(dir.path(), "p.txt", b"# Not a heading in text\nMore.\n");
    let c = load(dir.path());
    let titles: Vec<&str> = c.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        ["The Heading", "Bold lead line", "# Not a heading in text"]
    );
}

#[test]
fn same_id_from_md_and_txt_keeps_the_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", GOOD.as_bytes());
    write(dir.path(), "a.txt", b"Other.\n");
    let c = load(dir.path());
    assert_eq!(c.articles.len(), 1);
    assert_eq!(c.articles[0].format, Format::Markdown);
    let p = problem_for(&c, "a.txt");
    assert!(p.message.contains("same article id `a`"), "{}", p.message);
}

#[test]
fn overlapping_paths_load_a_file_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write(dir.path(), "a.md", GOOD.as_bytes());
    let c = corpus::load(&[dir.path().to_path_buf(), file], &LoadOptions::default());
    assert_eq!(c.articles.len(), 1);
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "sub/a.md", GOOD.as_bytes());
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).expect("symlink");
    std::os::unix::fs::symlink(dir.path().join("sub"), dir.path().join("again")).expect("symlink");
    let c = load(dir.path());
    // Real folders come first, so the file keeps its real path as id and both links are
    // skipped with a word.
    let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["sub/a"]);
    assert_eq!(c.problems.len(), 2, "{:#?}", c.problems);
    assert!(c.problems.iter().all(|p| p.severity == Severity::Warning));
}

#[test]
fn body_offsets_map_to_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "+++\ntitle = \"T\"\n+++\nÉcole — café.\n\n## Part\nMore text.\n";
    write(dir.path(), "o.md", text.as_bytes());
    let c = load(dir.path());
    let a = &c.articles[0];
    let offset = text.len() - a.body.len();
    assert_eq!(&text[offset..], a.body);
    let part = a.sections.last().expect("a section");
    assert_eq!(part.heading.as_deref(), Some("Part"));
    assert_eq!(part.span.text(&a.body), "## Part\nMore text.\n");
}

/// The articles of one corpus folder hold one copy of its path between them, not one each
/// (a list of 100,000 rows would otherwise hold 100,000 copies).
#[test]
fn the_articles_of_a_folder_share_one_root() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    for rel in ["a.md", "b.md", "sub/c.md"] {
        std::fs::write(dir.path().join(rel), "# Title\n\nSome text here.\n").unwrap();
    }
    let c = newslens::corpus::load(
        &[dir.path().to_path_buf()],
        &newslens::corpus::LoadOptions::default(),
    );
    assert_eq!(c.articles.len(), 3, "{:?}", c.problems);
    for a in &c.articles {
        assert_eq!(&*a.root, dir.path());
        assert!(
            std::sync::Arc::ptr_eq(&a.root, &c.articles[0].root),
            "{}",
            a.id
        );
    }
}
