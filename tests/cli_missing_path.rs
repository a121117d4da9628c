//! A path on the command line that does not exist is a usage error for the reader and every
//! subcommand: one line on stderr naming it, exit status 2, and nothing written to stdout (the
//! reader never switches the terminal to its screen).

use std::process::{Command, Stdio};

fn run(args: &[&str], config_home: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newslens"))
        .args(args)
        .env("XDG_CONFIG_HOME", config_home)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run newslens")
}

#[test]
fn a_missing_path_is_exit_2_on_stderr_for_the_reader_and_every_subcommand() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let missing = tmp.path().join("no-such-path");
    let m = missing.to_str().expect("utf-8 temp path");
    let good = tmp.path().join("corpus");
    std::fs::create_dir(&good).expect("mkdir");
    std::fs::write(good.join("a.md"), "# A\n\nText.\n").expect("write");
    let g = good.to_str().expect("utf-8 temp path");
    let cases: Vec<Vec<&str>> = vec![
        vec![m],
        vec![g, m],
        vec!["analyze", m],
        vec!["check", m],
        vec!["export", "--format", "md", m],
        vec!["import", m, g],
        vec!["import", "x.json", m],
    ];
    for args in cases {
        let out = run(&args, tmp.path());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("no-such-path: does not exist")
                || stderr.contains("x.json: does not exist"),
            "{args:?}: {stderr}"
        );
        assert!(
            out.stdout.is_empty(),
            "{args:?} wrote to stdout: {:?}",
            out.stdout
        );
    }
}

#[test]
fn a_dangling_symbolic_link_is_named_as_one() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(tmp.path().join("gone"), &link).expect("symlink");
    let out = run(&["check", link.to_str().expect("utf-8")], tmp.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("symbolic link to something that does not exist"),
        "{stderr}"
    );
}
