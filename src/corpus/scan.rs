//! Finding article files: walk a corpus folder (recursively, skipping hidden entries, never
//! looping on symbolic links, and not following links to folders outside the corpus unless
//! asked) or take a single file, and list the article files (`.md`, `.txt`, `.html`/`.htm`,
//! feeds) in a deterministic order with their article ids.

use super::{Format, Problem, Severity};
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One article file found under a corpus root.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleFile {
    /// The corpus folder (the parent folder for a single file given as PATH), shared by
    /// every file under it.
    pub root: Arc<Path>,
    /// Path relative to `root`.
    pub rel: PathBuf,
    /// `root` joined with `rel`.
    pub path: PathBuf,
    /// `rel` without its extension, `/`-separated.
    pub id: String,
    pub format: Format,
}

/// The article format of a file name, by its extension (case-insensitive); `None` when the
/// file is not an article.
pub fn article_format(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?;
    if ext.eq_ignore_ascii_case("md") {
        Some(Format::Markdown)
    } else if ext.eq_ignore_ascii_case("txt") {
        Some(Format::PlainText)
    } else if ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm") {
        Some(Format::Html)
    } else if ["xml", "rss", "atom", "json"]
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e))
    {
        Some(Format::Feed)
    } else {
        None
    }
}

/// The article id of a path relative to its corpus root.
pub fn article_id(rel: &Path) -> String {
    let no_ext = rel.with_extension("");
    let parts: Vec<String> = no_ext
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn problem(path: &Path, severity: Severity, message: impl Into<String>) -> Problem {
    Problem {
        path: path.to_path_buf(),
        line: None,
        severity,
        message: message.into(),
    }
}

/// The article files under `root` (a folder or a single file), sorted by relative path.
/// Anything that stops a file or folder from being listed is pushed onto `problems`.
/// Symbolic links to folders outside `root` are skipped (and said so).
pub fn scan(root: &Path, problems: &mut Vec<Problem>) -> Vec<ArticleFile> {
    scan_with(root, false, problems)
}

/// [`scan`], following symbolic links to folders outside `root` when `follow_links` is set
/// (`[corpus] follow_links = true`).
pub fn scan_with(root: &Path, follow_links: bool, problems: &mut Vec<Problem>) -> Vec<ArticleFile> {
    let meta = match fs::metadata(root) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let message = if fs::symlink_metadata(root).is_ok() {
                "is a symbolic link to something that does not exist"
            } else {
                "does not exist"
            };
            problems.push(problem(root, Severity::Error, message));
            return Vec::new();
        }
        Err(e) => {
            problems.push(problem(
                root,
                Severity::Error,
                format!("cannot access: {e}"),
            ));
            return Vec::new();
        }
    };
    if meta.is_dir() {
        let files = walk(root, follow_links, problems);
        if files.is_empty() {
            problems.push(problem(
                root,
                Severity::Warning,
                "no articles here (no .md, .txt, .html or feed files; hidden folders skipped)",
            ));
        }
        return files;
    }
    let Some(format) = article_format(root) else {
        problems.push(problem(
            root,
            Severity::Error,
            "not an article file: .md, .txt, .html, .htm and feeds (.xml, .rss, .atom, .json) are read",
        ));
        return Vec::new();
    };
    // A single file's root is its folder, so its id is its file stem and its annotations
    // live beside it.
    let parent = match root.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let rel = PathBuf::from(root.file_name().unwrap_or(root.as_os_str()));
    vec![ArticleFile {
        path: parent.join(&rel),
        id: article_id(&rel),
        root: Arc::from(parent),
        rel,
        format,
    }]
}

/// Depth-first walk of a folder. Entries of each folder are visited in name order and the
/// result is sorted, so the outcome never depends on the file system's listing order.
/// Folders reached through symbolic links are walked after all real folders, so a file
/// reachable both ways gets the id of its real path.
fn walk(root: &Path, follow_links: bool, problems: &mut Vec<Problem>) -> Vec<ArticleFile> {
    // One copy of the root for all its files.
    let shared: Arc<Path> = Arc::from(root);
    let mut files = Vec::new();
    // Folders already listed, by identity: a symbolic link back up the tree leads to one of
    // these and is skipped instead of walked forever. Identity comes from one stat per
    // folder; canonicalising each folder cost a stat per path component (quadratic in depth).
    let mut visited: HashSet<FolderKey> = HashSet::new();
    // Resolved once, and only when a link needs judging.
    let mut real_root: Option<PathBuf> = None;
    let mut stack: Vec<PathBuf> = vec![PathBuf::new()];
    let mut linked: std::collections::VecDeque<PathBuf> = std::collections::VecDeque::new();
    loop {
        let (rel_dir, is_link) = match stack.pop() {
            Some(d) => (d, false),
            None => match linked.pop_front() {
                Some(d) => (d, true),
                None => break,
            },
        };
        let dir = root.join(&rel_dir);
        if is_link && !follow_links {
            let root_real = real_root.get_or_insert_with(|| resolve(root));
            let target = resolve(&dir);
            if !target.starts_with(&*root_real) {
                problems.push(problem(
                    &dir,
                    Severity::Warning,
                    format!(
                        "skipped: symbolic link to {}, a folder outside the corpus (set \
                         follow_links = true under [corpus] to read it)",
                        target.display()
                    ),
                ));
                continue;
            }
        }
        if !visited.insert(folder_key(&dir)) {
            if is_link {
                problems.push(problem(
                    &dir,
                    Severity::Warning,
                    "skipped: symbolic link to a folder already scanned",
                ));
            }
            continue;
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(problem(
                    &dir,
                    Severity::Error,
                    format!("cannot read folder: {e}"),
                ));
                continue;
            }
        };
        let mut names = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => names.push((entry.file_name(), entry.file_type())),
                Err(e) => problems.push(problem(
                    &dir,
                    Severity::Error,
                    format!("cannot list an entry of this folder: {e}"),
                )),
            }
        }
        names.sort_by(|a, b| a.0.cmp(&b.0));
        let mut subdirs = Vec::new();
        for (name, file_type) in names {
            if is_hidden(&name) {
                continue;
            }
            let rel = rel_dir.join(&name);
            let path = root.join(&rel);
            let file_type = match file_type {
                Ok(t) => t,
                Err(e) => {
                    problems.push(problem(&path, Severity::Error, format!("cannot read: {e}")));
                    continue;
                }
            };
            let is_dir = if file_type.is_symlink() {
                match fs::metadata(&path) {
                    Ok(target) if target.is_dir() => {
                        linked.push_back(rel);
                        continue;
                    }
                    Ok(_) => false,
                    Err(e) => {
                        // Only dangling links that look like articles are worth a word.
                        if article_format(&path).is_some() {
                            problems.push(problem(
                                &path,
                                Severity::Error,
                                format!("broken symbolic link: {e}"),
                            ));
                        }
                        continue;
                    }
                }
            } else {
                file_type.is_dir()
            };
            if is_dir {
                subdirs.push(rel);
            } else if let Some(format) = article_format(&path) {
                files.push(ArticleFile {
                    id: article_id(&rel),
                    root: Arc::clone(&shared),
                    rel,
                    path,
                    format,
                });
            }
        }
        // Reversed so the stack pops them in name order.
        stack.extend(subdirs.into_iter().rev());
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    files
}

/// What makes two paths the same folder.
#[cfg(unix)]
type FolderKey = (u64, u64);
#[cfg(not(unix))]
type FolderKey = PathBuf;

/// The folder's device and inode (following links); its path when it cannot be read (the
/// read that follows reports why).
#[cfg(unix)]
fn folder_key(dir: &Path) -> FolderKey {
    use std::os::unix::fs::MetadataExt;
    match fs::metadata(dir) {
        Ok(m) => (m.dev(), m.ino()),
        // Unique per path, so an unreadable folder is still tried (and reported) once.
        Err(_) => (u64::MAX, {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            dir.hash(&mut h);
            h.finish()
        }),
    }
}

#[cfg(not(unix))]
fn folder_key(dir: &Path) -> FolderKey {
    resolve(dir)
}

/// `path` with every symbolic link resolved (itself when it cannot be).
fn resolve(path: &Path) -> PathBuf {
    #[cfg(test)]
    RESOLVED.with(|n| n.set(n.get() + 1));
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
thread_local! {
    /// Paths resolved with `canonicalize` by this thread (each costs a stat per component).
    static RESOLVED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_folders_are_walked_without_resolving_each_path() {
        let tmp = tempfile::tempdir().unwrap();
        let mut deep = tmp.path().to_path_buf();
        for _ in 0..300 {
            deep.push("d");
        }
        fs::create_dir_all(&deep).unwrap();
        fs::write(deep.join("a.md"), "# A\n\ntext\n").unwrap();
        RESOLVED.with(|n| n.set(0));
        let mut problems = Vec::new();
        let files = scan(tmp.path(), &mut problems);
        assert_eq!(files.len(), 1, "{problems:?}");
        // No links: nothing needs resolving (it was one per folder, 300 here).
        assert_eq!(RESOLVED.with(|n| n.get()), 0);
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_corpus_are_skipped_unless_asked() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("far.md"), "# Far\n\ntext\n").unwrap();
        let corpus = tempfile::tempdir().unwrap();
        fs::write(corpus.path().join("near.md"), "# Near\n\ntext\n").unwrap();
        fs::create_dir(corpus.path().join("sub")).unwrap();
        fs::write(corpus.path().join("sub/in.md"), "# In\n\ntext\n").unwrap();
        std::os::unix::fs::symlink(outside.path(), corpus.path().join("out")).unwrap();
        std::os::unix::fs::symlink(corpus.path().join("sub"), corpus.path().join("again")).unwrap();
        let mut problems = Vec::new();
        let ids: Vec<String> = scan(corpus.path(), &mut problems)
            .into_iter()
            .map(|f| f.id)
            .collect();
        assert_eq!(ids, ["near", "sub/in"]);
        let said: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(
            said.iter()
                .any(|p| p.contains("outside the corpus") && p.contains("out")),
            "{said:?}"
        );
        let mut problems = Vec::new();
        let ids: Vec<String> = scan_with(corpus.path(), true, &mut problems)
            .into_iter()
            .map(|f| f.id)
            .collect();
        assert_eq!(ids, ["near", "out/far", "sub/in"]);
    }

    #[test]
    fn formats_by_extension_ignoring_case() {
        assert_eq!(article_format(Path::new("a/b.MD")), Some(Format::Markdown));
        assert_eq!(article_format(Path::new("b.Txt")), Some(Format::PlainText));
        assert_eq!(article_format(Path::new("b.markdown")), None);
        assert_eq!(article_format(Path::new("README")), None);
    }

    #[test]
    fn ids_are_slash_separated_without_extension() {
        assert_eq!(article_id(Path::new("west/togo.v2.md")), "west/togo.v2");
        assert_eq!(article_id(Path::new("a.txt")), "a");
    }
}
