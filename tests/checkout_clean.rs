//! Following the README must not dirty the checkout: the annotations and the lock a reader
//! makes in the bundled corpus (`articles/.newslens/`) are ignored by git, and nothing under
//! it is tracked (the lock is made by the reader when it opens the corpus).

use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Option<std::process::Output> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .ok()
}

#[test]
fn the_bundled_corpus_annotation_folder_is_ignored_and_untracked() {
    // Outside a git checkout (a source tarball) there is nothing to dirty.
    let Some(top) = git(&["rev-parse", "--show-toplevel"]).filter(|o| o.status.success()) else {
        eprintln!("skipped: not a git checkout");
        return;
    };
    assert!(!top.stdout.is_empty());
    for path in [
        "articles/.newslens/lock",
        "articles/.newslens/annotations/elections/senegal-2024.toml",
    ] {
        let ignored = git(&["check-ignore", "-q", "--no-index", path]).expect("git runs");
        assert!(
            ignored.status.success(),
            "{path} is not ignored by .gitignore"
        );
    }
    let tracked = git(&["ls-files", "articles/.newslens"]).expect("git runs");
    assert!(
        tracked.stdout.is_empty(),
        "tracked under articles/.newslens: {}",
        String::from_utf8_lossy(&tracked.stdout)
    );
}
