//! The corpus: articles found in folders, their front matter, body and sections.
//!
//! Offsets everywhere are UTF-8 byte offsets into [`Article::body`].
//!
//! [`load`] runs the pipeline: [`scan`] lists the article files of each PATH, then each file
//! is read (`read`: size limit, binary and UTF-8 checks), its [`frontmatter`] taken off,
//! its title found, and its body split into [`sections`] (headings, else [`topics`]).

mod article;
pub mod feed;
pub mod frontmatter;
pub mod html;
pub mod newsboat;
mod read;
pub mod scan;
pub mod sections;
pub mod topics;

/// One file to an article, as [`load`] does it (the index loads only new or changed files).
pub use article::load_file;
pub use article::title;
pub use read::human_size;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// A saved web page (`.html`, `.htm`): the body is its extracted text.
    Html,
    /// A feed file (RSS, Atom, JSON Feed) or newsboat's cache: one article per item.
    Feed,
}

/// A link inside an article made from HTML: the linked text's span and where it points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub span: Span,
    pub url: String,
}

/// Front matter fields (DESIGN §2), or what a page or feed says of itself. All optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub source: Option<String>,
    /// `YYYY-MM-DD` as written.
    pub date: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    /// Links inside the text (pages and feed items), in text order.
    pub links: Vec<Link>,
    /// newsboat's unread flag, for its items; `None` elsewhere.
    pub unread: Option<bool>,
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
    /// The corpus folder this article was found under (its parent folder for a single file),
    /// one copy shared by its articles (a list of 100,000 rows holds it once).
    pub root: Arc<Path>,
    pub format: Format,
    pub meta: Meta,
    /// Front matter title, else the first `# ` heading, else the first line.
    pub title: String,
    /// The text every offset indexes into: the file after its front matter.
    pub body: String,
    /// Partition of `body`, in order, covering every byte exactly once.
    pub sections: Vec<Section>,
}

/// Longest first line, in bytes, taken as a headline: a longer one is a paragraph.
const MAX_HEADLINE_BYTES: usize = 300;

impl Article {
    /// The headline line of the body, when the body starts with one (DESIGN §2): the first
    /// non-blank line of a file without a front matter title (its title line), or a first
    /// line that repeats the front matter title. Only when more text follows it: a file of
    /// one line is all text. The span excludes the line break.
    pub fn headline(&self) -> Option<Span> {
        let body = self.body.as_str();
        let mut at = 0;
        let line = loop {
            let end = body[at..].find('\n').map_or(body.len(), |i| at + i);
            if !body[at..end].trim().is_empty() {
                break Span::new(at, end);
            }
            if end >= body.len() {
                return None;
            }
            at = end + 1;
        };
        let text = line.text(body);
        let trimmed = text.trim();
        let lead = text.len() - text.trim_start().len();
        let span = Span::new(line.start + lead, line.start + lead + trimmed.len());
        let more = !body[line.end..].trim().is_empty();
        let meta_title = self
            .meta
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let is_title = match meta_title {
            Some(t) => trimmed.trim_start_matches('#').trim() == t,
            // In Markdown the title is the first `# ` heading: a first line before it is
            // lead text.
            None if self.format == Format::Markdown => match sections::first_title_heading(body) {
                Some(_) => matches!(sections::heading(trimmed), Some((1, _))),
                None => trimmed.len() <= MAX_HEADLINE_BYTES,
            },
            None => trimmed.len() <= MAX_HEADLINE_BYTES,
        };
        (more && is_title).then_some(span)
    }

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
    /// The file could not be loaded, or loaded without part of what it says (front matter
    /// that is not valid TOML).
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
    /// newsboat's cache to read beside the folders (`--newsboat`).
    pub newsboat: Option<PathBuf>,
    /// Follow symbolic links to folders outside the corpus folder (`[corpus] follow_links`).
    pub follow_links: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: 8 * 1024 * 1024,
            newsboat: None,
            follow_links: false,
        }
    }
}

/// Load every article under `paths` (folders searched recursively, hidden entries skipped;
/// single files taken as they are). Never fails as a whole: each bad file becomes a
/// [`Problem`] and the rest still load.
///
/// Articles come in the order of `paths`, and within each root sorted by relative path.
/// Files are read and split on all cores; the order does not depend on it. A file reached
/// twice (overlapping PATHs) loads once. Within a root, two files with the same id (`a.md`
/// and `a.txt`) would share annotations, so the later one is skipped with an error.
pub fn load(paths: &[PathBuf], options: &LoadOptions) -> Corpus {
    use rayon::prelude::*;
    use std::collections::{HashMap, HashSet};

    let mut problems = Vec::new();
    let mut files = Vec::new();
    let mut seen_files = HashSet::new();
    for root in paths {
        let mut ids: HashMap<String, PathBuf> = HashMap::new();
        for file in scan::scan_with(root, options.follow_links, &mut problems) {
            if paths.len() > 1 {
                let canonical =
                    std::fs::canonicalize(&file.path).unwrap_or_else(|_| file.path.clone());
                if !seen_files.insert(canonical) {
                    continue;
                }
            }
            if let Some(first) = ids.get(&file.id) {
                problems.push(Problem {
                    path: file.path.clone(),
                    line: None,
                    severity: Severity::Error,
                    message: format!(
                        "skipped: same article id `{}` as {}",
                        file.id,
                        first.display()
                    ),
                });
                continue;
            }
            ids.insert(file.id.clone(), file.path.clone());
            files.push(file);
        }
    }
    let loaded: Vec<(Vec<Article>, Vec<Problem>)> = files
        .par_iter()
        .map(|file| match file.format {
            Format::Html => html::load_file(file, options),
            Format::Feed => feed::load_file(file, options),
            Format::Markdown | Format::PlainText => {
                let (article, problems) = article::load_file(file, options);
                (article.into_iter().collect(), problems)
            }
        })
        .collect();
    let mut articles = Vec::with_capacity(loaded.len());
    for (article, file_problems) in loaded {
        problems.extend(file_problems);
        articles.extend(article);
    }
    if let Some(cache) = &options.newsboat {
        let (items, cache_problems) = newsboat::load(cache, &newsboat::data_root());
        articles.extend(items);
        problems.extend(cache_problems);
    }
    Corpus { articles, problems }
}
