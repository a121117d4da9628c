//! `newslens check` also fails on a bad key binding, a bad colour and a sidecar that does not
//! parse, naming the file and line of each.

use std::process::Command;

#[test]
fn check_reports_keys_colours_and_broken_sidecars() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(
        corpus.path().join("a.md"),
        "# A\n\nTogo and France met in Lomé.\n",
    )
    .unwrap();
    let sidecars = corpus.path().join(".newslens/annotations");
    std::fs::create_dir_all(&sidecars).unwrap();
    std::fs::write(sidecars.join("a.toml"), "this is = = not toml\n").unwrap();
    let config = corpus.path().join("user.toml");
    std::fs::write(
        &config,
        "[keys]\nquit = [\"Ctrl-Q-Z\"]\n\n[colors]\ntext = \"blurple\"\n",
    )
    .unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_newslens"))
        .arg("check")
        .arg(corpus.path())
        .arg("--config")
        .arg(&config)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let config_path = config.display().to_string();
    assert!(
        stdout.contains(&format!("{config_path}:2: error:")) && stdout.contains("Ctrl-Q-Z"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{config_path}:5: error:")) && stdout.contains("blurple"),
        "{stdout}"
    );
    assert!(stdout.contains("a.toml:1: error:"), "{stdout}");
    // The broken sidecar is never rewritten.
    assert_eq!(
        std::fs::read_to_string(sidecars.join("a.toml")).unwrap(),
        "this is = = not toml\n"
    );

    // Without the bad config and sidecar the same corpus passes.
    std::fs::remove_file(sidecars.join("a.toml")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_newslens"))
        .arg("check")
        .arg(corpus.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
