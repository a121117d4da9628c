//! `newslens export`: annotations as Markdown, W3C JSON-LD or CSV.

use std::path::{Path, PathBuf};

/// Export format named on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Json,
    Csv,
}

pub fn run(
    config: &crate::config::LoadedConfig,
    paths: &[PathBuf],
    format: ExportFormat,
    output: Option<&Path>,
) -> i32 {
    let _ = (config, paths, format, output);
    eprintln!("newslens export: not built yet");
    2
}
