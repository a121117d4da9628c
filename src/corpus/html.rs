//! Saved web pages (`.html`, `.htm`) as articles: the bytes decoded by the page's declared
//! charset, the main text picked out readability-style (dom_smoothie: never scripts, styles,
//! menus or cookie banners), the title, date, authors, URL and source taken from the page's
//! metadata (`<title>`, Open Graph, `article:published_time`, JSON-LD `NewsArticle`), and the
//! article's HTML turned into the clean text that every offset indexes.
//!
//! [`text_of`] is the one HTML-to-text conversion: feed items and newsboat items use it too.
//! Headings become section starts, entities are decoded by the parser, white space is
//! collapsed as a browser would, and links are kept as [`Link`]s with spans into the text
//! (never shown raw).

use super::read::{self, Unreadable};
use super::scan::ArticleFile;
use super::{Article, Format, Link, LoadOptions, Meta, Problem, Section, Severity, Span, topics};
use dom_query::{Document, NodeRef};

/// Elements scored by the extraction at most; past this the page is refused rather than
/// scored for minutes.
const MAX_ELEMENTS: usize = 200_000;

/// Fewer words than this in what extraction keeps means the page has no article.
const MIN_WORDS: usize = 12;

/// Text made from HTML: the clean text, where its headings start, and its links.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Text {
    pub body: String,
    /// Byte offset in `body` of each heading line, with the heading text.
    pub headings: Vec<(usize, String)>,
    pub links: Vec<Link>,
}

/// Load one saved page. No article when it cannot be read or holds no article text; the
/// problems say why.
pub fn load_file(file: &ArticleFile, options: &LoadOptions) -> (Vec<Article>, Vec<Problem>) {
    let mut problems = Vec::new();
    let problem = |severity, message: String| Problem {
        path: file.path.clone(),
        line: None,
        severity,
        message,
    };
    let bytes = match read::read_bytes(&file.path, options.max_file_bytes) {
        Ok(b) => b,
        Err(e) => {
            problems.push(problem(Severity::Error, e.message));
            return (Vec::new(), problems);
        }
    };
    let html = match decode(&bytes) {
        Ok((html, note)) => {
            if let Some(note) = note {
                problems.push(problem(Severity::Warning, note));
            }
            html
        }
        Err(e) => {
            problems.push(problem(Severity::Error, e.message));
            return (Vec::new(), problems);
        }
    };
    match page(&html) {
        Ok(page) => {
            let article = page.into_article(file);
            (vec![article], problems)
        }
        Err(message) => {
            problems.push(problem(Severity::Error, message));
            (Vec::new(), problems)
        }
    }
}

/// What a page yields before it becomes an [`Article`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub title: String,
    pub meta: Meta,
    pub text: Text,
}

impl Page {
    fn into_article(self, file: &ArticleFile) -> Article {
        let (body, headings, links) = with_headline(&self.title, self.text);
        let sections = sections(&body, &headings);
        let mut meta = self.meta;
        meta.links = links;
        Article {
            id: file.id.clone(),
            path: file.path.clone(),
            root: file.root.clone(),
            format: Format::Html,
            meta,
            title: self.title,
            body,
            sections,
        }
    }
}

/// The body an article shows: its headline as the first line (as a Markdown article's `#`
/// line), then the text; heading and link offsets moved to match.
pub(crate) fn with_headline(title: &str, text: Text) -> (String, Vec<(usize, String)>, Vec<Link>) {
    let headline = one_line(title);
    if headline.is_empty() {
        return (text.body, text.headings, text.links);
    }
    let mut body = String::with_capacity(headline.len() + 2 + text.body.len());
    body.push_str(&headline);
    body.push_str("\n\n");
    let shift = body.len();
    body.push_str(&text.body);
    // A first heading that repeats the headline would be a section of its own for nothing.
    let headings = text
        .headings
        .into_iter()
        .filter(|(at, h)| !(*at == 0 && h.trim() == headline))
        .map(|(at, h)| (at + shift, h))
        .collect();
    let links = text
        .links
        .into_iter()
        .map(|l| Link {
            span: Span::new(l.span.start + shift, l.span.end + shift),
            url: l.url,
        })
        .collect();
    (body, headings, links)
}

/// Sections of a body made from HTML: one from each heading to the next; what comes
/// before the first heading (beyond the headline) is split by topic, as for Markdown.
pub(crate) fn sections(body: &str, headings: &[(usize, String)]) -> Vec<Section> {
    if body.is_empty() {
        return vec![Section {
            span: Span::new(0, 0),
            heading: None,
        }];
    }
    let starts: Vec<&(usize, String)> = headings
        .iter()
        .filter(|(at, _)| *at > 0 && *at < body.len())
        .collect();
    let first = starts.first().map_or(body.len(), |(at, _)| *at);
    let headline_end = body.find('\n').map_or(body.len(), |i| i + 1).min(first);
    let lead_has_text = !body[headline_end..first].trim().is_empty();
    let mut out = Vec::new();
    if starts.is_empty() || lead_has_text {
        for span in topics::split(body, Span::new(0, first), false) {
            out.push(Section {
                span,
                heading: None,
            });
        }
    }
    for (i, (at, text)) in starts.iter().enumerate() {
        let begin = if out.is_empty() { 0 } else { *at };
        let end = starts.get(i + 1).map_or(body.len(), |(next, _)| *next);
        if end > begin {
            out.push(Section {
                span: Span::new(begin, end),
                heading: Some(text.clone()),
            });
        }
    }
    out
}

/// Bytes of a page to text: a byte order mark wins, then the charset the page declares,
/// then UTF-8; the note says when the declared charset was wrong and another was used.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), Unreadable> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Ok((text.into_owned(), None));
    }
    let probe = &bytes[..bytes.len().min(8 * 1024)];
    if let Some(at) = probe.iter().position(|&b| b == 0) {
        return Err(Unreadable {
            line: None,
            message: format!("binary file (NUL byte at offset {at}), not a web page"),
        });
    }
    let declared = declared_charset(bytes);
    let utf8 = std::str::from_utf8(bytes).ok();
    match (declared, utf8) {
        (None, Some(text)) => Ok((text.to_string(), None)),
        (Some(enc), Some(text)) if enc == encoding_rs::UTF_8 || text.is_ascii() => {
            Ok((text.to_string(), None))
        }
        (Some(enc), Some(text)) => Ok((
            text.to_string(),
            Some(format!(
                "the page declares {} but is valid UTF-8; read as UTF-8",
                enc.name()
            )),
        )),
        (Some(enc), None) if enc != encoding_rs::UTF_8 => {
            let (text, _, _) = enc.decode(bytes);
            Ok((text.into_owned(), None))
        }
        (declared, None) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let said = match declared {
                Some(enc) => format!("the page declares {} but", enc.name()),
                None => "the page declares no charset and".to_string(),
            };
            Ok((
                text.into_owned(),
                Some(format!("{said} is not valid UTF-8; read as windows-1252")),
            ))
        }
    }
}

/// The charset named by a `<meta charset>` or `<meta http-equiv content="...charset=">` in
/// the first 4 KiB (where browsers look), or an XML declaration's `encoding`.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let mut from = 0;
        while let Some(i) = find(&lower[from..], key) {
            let at = from + i + key.len();
            from = at;
            let rest = &head[at..];
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let end = rest
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(b)))
                .unwrap_or(rest.len());
            if let Some(enc) = encoding_rs::Encoding::for_label(&rest[..end]) {
                // A page cannot really be UTF-16 once it is read as ASCII-compatible bytes.
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    return Some(encoding_rs::UTF_8);
                }
                return Some(enc);
            }
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Extract a page's article and metadata. `Err` says why there is no article.
pub fn page(html: &str) -> Result<Page, String> {
    let doc = Document::from(html);
    let raw_title = doc.select("title").text().to_string();
    let canonical = doc
        .select("link[rel=canonical]")
        .attr("href")
        .map(|s| s.to_string());
    let og_url = meta_content(&doc, "og:url");
    let base = og_url.clone().or_else(|| canonical.clone());
    let config = dom_smoothie::Config {
        max_elements_to_parse: MAX_ELEMENTS,
        // Classes stay so the walk can drop the ads and bylines extraction leaves in.
        keep_classes: true,
        ..dom_smoothie::Config::default()
    };
    // Furniture goes before extraction: readability would keep a short ad or banner that
    // sits among the paragraphs, and drop its class on the way.
    for node in doc.select("[class], [id]").nodes() {
        let name = node.node_name().map(|n| n.to_ascii_lowercase());
        let structural = matches!(name.as_deref(), Some("html" | "body" | "main" | "article"));
        if !structural && is_clutter(node) {
            node.remove_from_parent();
        }
    }
    let base_ok = base.as_deref().filter(|u| url::Url::parse(u).is_ok());
    let mut readability = dom_smoothie::Readability::with_document(doc, base_ok, Some(config))
        .map_err(|e| format!("cannot extract the article: {e}"))?;
    let extracted = readability.parse().map_err(|e| match e {
        dom_smoothie::ReadabilityError::GrabFailed => no_text(),
        e => format!("cannot extract the article: {e}"),
    })?;
    let content = Document::fragment(extracted.content.to_string());
    let text = text_of_node(&content.root(), base_ok);
    // A cookie notice or a "subscribe" line left over is not an article.
    if text.body.split_whitespace().count() < MIN_WORDS {
        return Err(no_text());
    }
    let title = {
        let t = one_line(&extracted.title);
        if t.is_empty() {
            one_line(&raw_title)
        } else {
            t
        }
    };
    let source = extracted
        .site_name
        .as_deref()
        .map(one_line)
        .filter(|s| !s.is_empty())
        .or_else(|| source_from_title(&raw_title, &title));
    let meta = Meta {
        title: (!title.is_empty()).then(|| title.clone()),
        source,
        date: extracted.published_time.as_deref().and_then(day_of),
        url: extracted
            .url
            .clone()
            .filter(|u| u.starts_with("http"))
            .or(og_url)
            .or(canonical),
        authors: extracted
            .byline
            .as_deref()
            .map(authors_of)
            .unwrap_or_default(),
        ..Meta::default()
    };
    Ok(Page { title, meta, text })
}

fn no_text() -> String {
    "no article text found in this page (only menus, scripts or very short text); \
     nothing to read"
        .to_string()
}

fn meta_content(doc: &Document, property: &str) -> Option<String> {
    doc.select(&format!("meta[property=\"{property}\"]"))
        .attr("content")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// `Headline | The Daily Example` -> `The Daily Example`, when the other part is the title.
fn source_from_title(raw: &str, title: &str) -> Option<String> {
    let raw = one_line(raw);
    for sep in [" | ", " – ", " — ", " - ", " · "] {
        if let Some((a, b)) = raw.rsplit_once(sep) {
            let (a, b) = (a.trim(), b.trim());
            if !b.is_empty() && (a == title || title.is_empty() || a.starts_with(title)) {
                return Some(b.to_string());
            }
        }
    }
    None
}

/// The `YYYY-MM-DD` day of a timestamp that starts with one.
pub(crate) fn day_of(stamp: &str) -> Option<String> {
    let s = stamp.trim();
    let day = s.get(..10)?;
    let b = day.as_bytes();
    let ok = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    });
    ok.then(|| day.to_string())
}

/// A byline to names: `By Ada Obi and Tom Reyes` -> `["Ada Obi", "Tom Reyes"]`.
pub(crate) fn authors_of(byline: &str) -> Vec<String> {
    let line = one_line(byline);
    let line = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))
        .unwrap_or(&line);
    line.split([',', ';', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// White space runs to one space, trimmed.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// HTML (a fragment: a feed item's content, a page's article) to clean text.
pub fn text_of(html: &str, base: Option<&str>) -> Text {
    let doc = Document::fragment(html);
    text_of_node(&doc.root(), base)
}

fn text_of_node(root: &NodeRef<'_>, base: Option<&str>) -> Text {
    let base = base.and_then(|b| url::Url::parse(b).ok());
    let mut w = Writer {
        base,
        ..Writer::default()
    };
    w.walk(root);
    w.finish()
}

/// Builds the clean text while walking the tree.
#[derive(Default)]
struct Writer {
    text: Text,
    /// White space seen since the last character, to be written as one space if more text
    /// follows on the line.
    space: bool,
    /// Inside `<pre>`: white space kept as written.
    pre: usize,
    base: Option<url::Url>,
}

/// Never text: code, styling, embedded objects and form controls.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "math", "form", "button", "select",
    "input", "textarea", "object", "embed", "canvas", "video", "audio", "head", "nav", "img",
    "picture", "source",
];

/// Words in a class or id that mark page furniture rather than the article: ads, cookie
/// banners, bylines (kept as metadata), share buttons, newsletter boxes.
const CLUTTER: &[&str] = &[
    "advert",
    "sponsor",
    "promo",
    "cookie",
    "consent",
    "byline",
    "newsletter",
    "share",
    "social",
    "related",
    "paywall",
    "subscribe",
];

fn is_clutter(node: &NodeRef<'_>) -> bool {
    let mut names = String::new();
    for attr in ["class", "id"] {
        if let Some(v) = node.attr(attr) {
            names.push_str(&v.to_ascii_lowercase());
            names.push(' ');
        }
    }
    names.split_whitespace().any(|word| {
        matches!(word, "ad" | "ads") || word.starts_with("ad-") || word.ends_with("-ad") || {
            CLUTTER.iter().any(|c| word.contains(c))
        }
    })
}

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "pre",
    "hr",
    "address",
    "header",
    "footer",
    "aside",
    "details",
    "summary",
    "body",
    "html",
];

impl Writer {
    fn walk(&mut self, node: &NodeRef<'_>) {
        for child in node.children() {
            if child.is_text() {
                let t = child.text();
                self.push_text(&t);
                continue;
            }
            if !child.is_element() {
                continue;
            }
            let name = child
                .node_name()
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            let name = name.as_str();
            if SKIPPED.contains(&name) || is_clutter(&child) {
                continue;
            }
            match name {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    self.paragraph();
                    let at = self.text.body.len();
                    self.walk(&child);
                    let heading = one_line(&self.text.body[at..]);
                    if !heading.is_empty() {
                        self.text.headings.push((at, heading));
                    }
                    self.paragraph();
                }
                "br" => {
                    if !self.text.body.is_empty() && !self.text.body.ends_with('\n') {
                        self.text.body.push('\n');
                    }
                    self.space = false;
                }
                "pre" => {
                    self.paragraph();
                    self.pre += 1;
                    self.walk(&child);
                    self.pre -= 1;
                    self.paragraph();
                }
                "li" => {
                    self.paragraph();
                    self.text.body.push_str("• ");
                    self.walk(&child);
                    self.paragraph();
                }
                "td" | "th" => {
                    self.space = true;
                    self.walk(&child);
                    self.space = true;
                }
                "a" => {
                    let href = child.attr("href").map(|h| h.trim().to_string());
                    let before = self.text.body.len();
                    self.walk(&child);
                    if let Some(url) = href.and_then(|h| self.resolve(h.as_str())) {
                        let text = &self.text.body[before..];
                        let start = before + (text.len() - text.trim_start().len());
                        let end = before + text.trim_end().len();
                        if end > start {
                            self.text.links.push(Link {
                                span: Span::new(start, end),
                                url,
                            });
                        }
                    }
                }
                _ if BLOCKS.contains(&name) => {
                    self.paragraph();
                    self.walk(&child);
                    self.paragraph();
                }
                _ => self.walk(&child),
            }
        }
    }

    /// A link target as an absolute URL; `None` for in-page anchors and scripts.
    fn resolve(&self, href: &str) -> Option<String> {
        if href.is_empty() || href.starts_with('#') {
            return None;
        }
        let lower = href.to_ascii_lowercase();
        if lower.starts_with("javascript:") || lower.starts_with("data:") {
            return None;
        }
        match url::Url::parse(href) {
            Ok(u) => Some(u.to_string()),
            Err(_) => match &self.base {
                Some(base) => base.join(href).ok().map(|u| u.to_string()),
                None => Some(href.to_string()),
            },
        }
    }

    fn push_text(&mut self, text: &str) {
        let body = &mut self.text.body;
        if self.pre > 0 {
            body.push_str(text);
            return;
        }
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if self.space && !body.is_empty() && !body.ends_with(['\n', ' ']) {
                body.push(' ');
            }
            self.space = false;
            body.push(c);
        }
    }

    /// End the paragraph being written: one blank line before what comes next.
    fn paragraph(&mut self) {
        let body = &mut self.text.body;
        let kept = body.trim_end_matches([' ', '\t']).len();
        body.truncate(kept);
        if !body.is_empty() && !body.ends_with("\n\n") {
            body.push_str(if body.ends_with('\n') { "\n" } else { "\n\n" });
        }
        self.space = false;
    }

    fn finish(mut self) -> Text {
        let kept = self.text.body.trim_end().len();
        self.text.body.truncate(kept);
        if !self.text.body.is_empty() {
            self.text.body.push('\n');
        }
        let len = self.text.body.len();
        self.text.links.retain(|l| l.span.end <= len);
        self.text.headings.retain(|(at, _)| *at < len);
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_text_collapses_space_and_keeps_links_as_data() {
        let t = text_of(
            "<p>The  <b>port</b>\n of <a href=\"/lome\">Lom&eacute;</a>.</p><h2>Trade</h2><p>More &amp; more.</p>",
            Some("https://news.example/a/b"),
        );
        assert_eq!(t.body, "The port of Lomé.\n\nTrade\n\nMore & more.\n");
        assert_eq!(t.links.len(), 1);
        assert_eq!(t.links[0].span.text(&t.body), "Lomé");
        assert_eq!(t.links[0].url, "https://news.example/lome");
        let at = t.body.find("Trade").unwrap();
        assert_eq!(t.headings, vec![(at, "Trade".to_string())]);
    }

    #[test]
    fn scripts_and_styles_never_become_text() {
        let t = text_of(
            "<p>Kept.</p><script>var x = 1;</script><style>p{}</style><p>Also kept.</p>",
            None,
        );
        assert_eq!(t.body, "Kept.\n\nAlso kept.\n");
    }

    #[test]
    fn declared_windows_1252_is_decoded() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9 \x93quoted\x94</body></html>";
        let (text, note) = decode(page).unwrap();
        assert!(text.contains("café “quoted”"), "{text}");
        assert_eq!(note, None);
        // Declared UTF-8, but it is not: read as windows-1252 and say so.
        let wrong = b"<meta charset=utf-8><p>na\xefve</p>";
        let (text, note) = decode(wrong).unwrap();
        assert!(text.contains("naïve"), "{text}");
        assert!(note.unwrap().contains("windows-1252"));
    }

    #[test]
    fn bylines_split_into_authors() {
        assert_eq!(
            authors_of("By Ada Obi and Tom Reyes"),
            vec!["Ada Obi".to_string(), "Tom Reyes".to_string()]
        );
        assert_eq!(
            day_of("2025-11-03T08:00:00Z").as_deref(),
            Some("2025-11-03")
        );
        assert_eq!(day_of("Nov 3"), None);
    }
}
