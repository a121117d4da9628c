//! `newslens index`: build or bring up to date the corpus index of each folder, with a
//! progress bar and a summary. Also the shared step of `search` and `corpus`: open a
//! folder's index and update it before querying it.

use crate::analysis::Analyzer;
use crate::config::LoadedConfig;
use crate::corpus::{LoadOptions, scan};
use crate::index::{self, Index, IndexError, Summary, UpdateOptions};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;

/// How much to say while updating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verbosity {
    /// A progress bar (on a terminal) and a summary.
    Full,
    /// A progress bar only when there is much to do; no summary.
    Quiet,
}

/// `newslens index PATH...`. Exit status: 0, 1 when an index could not be built, 2 when a
/// PATH is not a folder.
pub fn run(loaded: &LoadedConfig, paths: &[std::path::PathBuf], rebuild: bool) -> i32 {
    let analyzer = match Analyzer::new(&loaded.config) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("newslens: invalid configuration: {e}");
            return 1;
        }
    };
    let mut status = 0;
    for root in paths {
        if !root.is_dir() {
            eprintln!(
                "newslens: {}: {}",
                root.display(),
                if root.exists() {
                    "not a folder (the index is kept per corpus folder)"
                } else {
                    "does not exist"
                }
            );
            status = 2;
            continue;
        }
        if rebuild {
            let (path, _) = index::location(root);
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        match open_updated(loaded, &analyzer, root, Verbosity::Full) {
            Ok(_) => {}
            Err(e) => {
                eprintln!("newslens: {e}");
                status = status.max(1);
            }
        }
    }
    status
}

/// [`open_updated`] quietly for a query command (`search`, `corpus`): a root that is not a
/// folder is exit status 2, an index that cannot be opened 1, each said in one sanitised line.
pub fn open_for_query(
    loaded: &LoadedConfig,
    analyzer: &Analyzer,
    root: &Path,
) -> Result<Index, u8> {
    if !root.is_dir() {
        let why = if root.exists() {
            "not a folder"
        } else {
            "does not exist"
        };
        crate::sanitize::eprint_line(format!("newslens: {}: {why}", root.display()));
        return Err(2);
    }
    open_updated(loaded, analyzer, root, Verbosity::Quiet).map_err(|e| {
        crate::sanitize::eprint_line(format!("newslens: {e}"));
        1
    })
}

/// Open the index of the folder `root` and bring it up to date, rebuilding it once if it
/// turns out damaged on the way. Notices and file problems go to stderr.
pub fn open_updated(
    loaded: &LoadedConfig,
    analyzer: &Analyzer,
    root: &Path,
    verbosity: Verbosity,
) -> Result<Index, IndexError> {
    let mut index = Index::open(root)?;
    for n in index.notices.drain(..) {
        eprintln!("newslens: {n}");
    }
    let mut problems = Vec::new();
    let files = scan::scan_with(root, loaded.config.corpus.follow_links, &mut problems);
    let options = UpdateOptions {
        fingerprint: index::fingerprint(&loaded.config),
        load: LoadOptions {
            max_file_bytes: loaded.config.corpus.max_file_bytes,
            follow_links: loaded.config.corpus.follow_links,
            // The index covers the folder's files; newsboat items are read from its cache.
            newsboat: None,
        },
        prune: true,
        wait_for_writer: true,
    };
    let summary = match update_with_bar(&mut index, &files, analyzer, &options, verbosity) {
        Ok(s) => s,
        Err(e) if e.corrupt => {
            eprintln!("newslens: {e}; rebuilding the index from the articles");
            index = index.rebuild()?;
            update_with_bar(&mut index, &files, analyzer, &options, verbosity)?
        }
        Err(e) => return Err(e),
    };
    for p in problems.iter().chain(&summary.problems) {
        eprintln!("{p}");
    }
    if verbosity == Verbosity::Full {
        eprintln!("{}", summary_line(&summary, &index));
    }
    Ok(index)
}

fn update_with_bar(
    index: &mut Index,
    files: &[scan::ArticleFile],
    analyzer: &Analyzer,
    options: &UpdateOptions,
    verbosity: Verbosity,
) -> Result<Summary, IndexError> {
    let bar = ProgressBar::hidden();
    let show = std::io::stderr().is_terminal();
    let mut shown = false;
    let mut on_progress = |p: &index::Progress| {
        let worth = verbosity == Verbosity::Full || p.total - p.done > 200;
        if show && !shown && worth && p.done < p.total {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "indexing {bar:32} {human_pos}/{human_len} · {per_sec} · {eta} left",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.set_length(p.total as u64);
            bar.reset_eta();
            shown = true;
        }
        bar.set_position(p.done as u64);
    };
    let result = index.update(files, analyzer, options, None, &mut on_progress);
    bar.finish_and_clear();
    result
}

/// One line saying what an update did.
pub fn summary_line(s: &Summary, index: &Index) -> String {
    let secs = s.elapsed.as_secs_f64().max(1e-6);
    let analysed = s.new + s.changed;
    let mut line = format!(
        "indexed {} articles in {:.1} s: {} new, {} changed, {} touched, {} unchanged, {} removed",
        thousands(s.files),
        secs,
        thousands(s.new),
        thousands(s.changed),
        thousands(s.touched),
        thousands(s.unchanged),
        thousands(s.removed)
    );
    if analysed > 0 {
        line.push_str(&format!(
            " · {:.0} articles/s, {:.1} MB/s analysed",
            analysed as f64 / secs,
            s.bytes as f64 / 1e6 / secs
        ));
    }
    line.push_str(&format!(
        " · index {} ({:.1} MB)",
        index.path().display(),
        index.disk_bytes() as f64 / 1e6
    ));
    line
}

/// `12345` -> `12,345`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_groups_by_three() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1000), "1,000");
        assert_eq!(super::thousands(10038), "10,038");
        assert_eq!(super::thousands(1234567), "1,234,567");
    }
}
