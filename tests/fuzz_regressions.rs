//! Replays every input kept in `tests/fuzz-inputs/` through its fuzz target (the file name
//! says which: `TARGET-....bin`): crashes the fuzz driver found, and the audit's hostile
//! reproducers. Run the driver with `cargo run --release --example fuzz -- TARGET SECONDS`;
//! copy a crash file from `fuzz-crashes/` here to keep it found.

#[path = "../examples/fuzz/targets.rs"]
#[allow(dead_code)]
mod targets;

#[test]
fn every_kept_input_replays_without_a_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-inputs");
    let scratch = tempfile::tempdir().unwrap();
    let mut replayed = 0;
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let target = name.split('-').next().unwrap();
        assert!(
            targets::TARGETS.contains(&target),
            "{name}: no target `{target}`"
        );
        let input = std::fs::read(&path).unwrap();
        targets::run(target, &input, scratch.path());
        replayed += 1;
    }
    assert!(replayed >= 5, "only {replayed} inputs kept");
}
