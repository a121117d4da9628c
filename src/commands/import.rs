//! `newslens import`: W3C Web Annotation JSON back into the corpus sidecars.

use std::path::{Path, PathBuf};

pub fn run(config: &crate::config::LoadedConfig, file: &Path, paths: &[PathBuf]) -> i32 {
    let _ = (config, file, paths);
    eprintln!("newslens import: not built yet");
    2
}
