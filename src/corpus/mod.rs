//! The corpus: articles found in folders, their front matter, body and sections.
//!
//! Offsets everywhere are UTF-8 byte offsets into [`Article::body`].

use std::fmt;
use std::path::PathBuf;

/// A byte range `start..end` into an article body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// True when the two ranges share at least one byte.
    pub const fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub const fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    /// The text this span covers in `body`.
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        &body[self.start..self.end]
    }
}

/// How the article file was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    PlainText,
}

/// Front matter fields (DESIGN §2). All optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub source: Option<String>,
    /// `YYYY-MM-DD` as written.
    pub date: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
}

/// A part of the body: from a heading (or a topical break) to the next.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub span: Span,
    /// The heading text when the section starts with a Markdown heading; `None` for sections
    /// made by topical grouping, whose title the analysis generates.
    pub heading: Option<String>,
}

/// One article, loaded and split into sections.
#[derive(Clone, Debug)]
pub struct Article {
    /// Path relative to the corpus root, without extension, `/`-separated.
    pub id: String,
    /// The file as given or found (root joined with the relative path).
    pub path: PathBuf,
    /// The corpus folder this article was found under (its parent folder for a single file).
    pub root: PathBuf,
    pub format: Format,
    pub meta: Meta,
    /// Front matter title, else the first `# ` heading, else the first line.
    pub title: String,
    /// The text every offset indexes into: the file after its front matter.
    pub body: String,
    /// Partition of `body`, in order, covering every byte exactly once.
    pub sections: Vec<Section>,
}

impl Article {
    /// Index of the section holding byte `offset` (the last section for `offset == body.len()`).
    pub fn section_at(&self, offset: usize) -> usize {
        match self
            .sections
            .binary_search_by(|s| s.span.start.cmp(&offset))
        {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }
}

/// How serious a loading problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The file was loaded, with a caveat.
    Warning,
    /// The file could not be loaded.
    Error,
}

/// Something wrong with one file, said so a person can act on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based line in the file, where it applies.
    pub line: Option<usize>,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(line) => write!(
                f,
                "{}:{}: {}: {}",
                self.path.display(),
                line,
                kind,
                self.message
            ),
            None => write!(f, "{}: {}: {}", self.path.display(), kind, self.message),
        }
    }
}

/// What loading found: the articles that loaded and the problems met on the way.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

/// Limits and switches for loading.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Files larger than this are reported and skipped.
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: 8 * 1024 * 1024,
        }
    }
}

/// Load every article under `paths` (folders searched recursively, hidden folders skipped;
/// single files taken as they are). Never fails as a whole: each bad file becomes a
/// [`Problem`] and the rest still load.
pub fn load(paths: &[PathBuf], options: &LoadOptions) -> Corpus {
    // Minimal loader: front matter, body, one section. The full loader replaces it.
    let mut corpus = Corpus::default();
    for root in paths {
        let mut files = Vec::new();
        if root.is_dir() {
            let mut stack = vec![root.clone()];
            while let Some(dir) = stack.pop() {
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                for e in entries.flatten() {
                    let p = e.path();
                    let hidden = p
                        .file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with('.'));
                    if p.is_dir() && !hidden {
                        stack.push(p);
                    } else if matches!(p.extension().and_then(|x| x.to_str()), Some("md" | "txt")) {
                        files.push(p);
                    }
                }
            }
        } else {
            files.push(root.clone());
        }
        files.sort();
        let base = if root.is_dir() {
            root.clone()
        } else {
            root.parent().map(PathBuf::from).unwrap_or_default()
        };
        for path in files {
            let text = match std::fs::read(&path).map(String::from_utf8) {
                Ok(Ok(t)) if (t.len() as u64) <= options.max_file_bytes => t,
                _ => {
                    corpus.problems.push(Problem {
                        path,
                        line: None,
                        severity: Severity::Error,
                        message: "cannot be read as UTF-8 text".into(),
                    });
                    continue;
                }
            };
            let (meta_text, body) = match text
                .strip_prefix("+++\n")
                .and_then(|r| r.split_once("\n+++\n"))
            {
                Some((m, b)) => (Some(m), b.to_string()),
                None => (None, text.clone()),
            };
            let mut meta = Meta::default();
            if let Some(m) = meta_text.and_then(|m| m.parse::<toml::Table>().ok()) {
                let s = |k: &str| m.get(k).and_then(|v| v.as_str()).map(str::to_string);
                meta.title = s("title");
                meta.source = s("source");
                meta.date = s("date");
                meta.url = s("url");
            }
            let title = meta.title.clone().unwrap_or_else(|| {
                body.lines()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("")
                    .trim_start_matches('#')
                    .trim()
                    .to_string()
            });
            let rel = path.strip_prefix(&base).unwrap_or(&path).with_extension("");
            let format = if path.extension().is_some_and(|x| x == "txt") {
                Format::PlainText
            } else {
                Format::Markdown
            };
            corpus.articles.push(Article {
                id: rel.to_string_lossy().replace('\\', "/"),
                path: path.clone(),
                root: base.clone(),
                format,
                meta,
                title,
                sections: vec![Section {
                    span: Span::new(0, body.len()),
                    heading: None,
                }],
                body,
            });
        }
    }
    corpus
}
