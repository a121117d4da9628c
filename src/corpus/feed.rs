//! Feed files (RSS 0.9x/1.0/2.0, Atom, JSON Feed; `.xml`, `.rss`, `.atom`, `.json`) as
//! articles: one per item, its HTML content (`content:encoded`, Atom content, else the
//! summary) turned to text as a saved page's is ([`super::html::text_of`]), the feed's
//! title as source, the item's date.
//!
//! An item's id is `<feed id>/<hash of its guid>` (else of its link, else of its title), so
//! it stays the same when the feed file is replaced by a newer copy and its annotations
//! stay attached. Parsing is feed-rs over quick-xml, which resolves only the five
//! predefined XML entities: a DTD's entity definitions (an "entity bomb") are never
//! expanded. A feed holds at most [`MAX_ITEMS`] articles; the rest are reported.

use super::html::{self, Text};
use super::read;
use super::scan::ArticleFile;
use super::{Article, Format, LoadOptions, Meta, Problem, Severity};
use feed_rs::parser::{ParseErrorKind, ParseFeedError};
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// Items loaded from one feed at most: a feed of 100,000 items would be an archive, not a
/// reading list, and analysing every one would take minutes.
pub const MAX_ITEMS: usize = 2_000;

/// One feed item as an article, before it is placed in a corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Stable key: the guid, else the link, else the title.
    pub key: String,
    pub title: String,
    pub meta: Meta,
    pub text: Text,
}

/// The stable slug of an item key: 16 hex digits of its SHA-256.
pub fn slug(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// Load one feed file: one article per item.
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
    let (source, items, total) = match parse(&bytes) {
        Ok(parsed) => parsed,
        Err((severity, message)) => {
            problems.push(problem(severity, message));
            return (Vec::new(), problems);
        }
    };
    if total > items.len() {
        problems.push(problem(
            Severity::Warning,
            format!(
                "the feed has {total} items; only the first {} were loaded",
                items.len()
            ),
        ));
    }
    if items.is_empty() {
        problems.push(problem(Severity::Warning, "the feed has no items".into()));
    }
    let name = file
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut seen = HashSet::new();
    let mut articles = Vec::with_capacity(items.len());
    for mut item in items {
        let slug = slug(&item.key);
        if !seen.insert(slug.clone()) {
            problems.push(problem(
                Severity::Warning,
                format!(
                    "two items share the id `{}`; the second (\"{}\") is skipped",
                    item.key, item.title
                ),
            ));
            continue;
        }
        if item.meta.source.is_none() {
            item.meta.source = source.clone();
        }
        articles.push(article(
            item,
            format!("{}/{slug}", file.id),
            // The feed file, marked with the item: unique per item (exports name their
            // source by it) and still says which file it came from.
            file.path.with_file_name(format!("{name}#{slug}")),
            file.root.clone(),
        ));
    }
    (articles, problems)
}

/// An item to an article with the given id, path and corpus root.
pub(crate) fn article(
    item: Item,
    id: String,
    path: std::path::PathBuf,
    root: std::sync::Arc<std::path::Path>,
) -> Article {
    let (body, headings, links) = html::with_headline(&item.title, item.text);
    let sections = html::sections(&body, &headings);
    let mut meta = item.meta;
    meta.links = links;
    let title = if item.title.is_empty() {
        super::title(None, &body, Format::PlainText)
    } else {
        item.title
    };
    Article {
        id,
        path,
        root,
        format: Format::Feed,
        meta,
        title,
        body,
        sections,
    }
}

/// A feed's title, its first items, and how many items it has.
pub type Parsed = (Option<String>, Vec<Item>, usize);

/// A feed's bytes to its title, its first [`MAX_ITEMS`] items and how many it has. `Err`
/// is an error for a broken feed, a warning for a file that is no feed at all (a `.json`
/// or `.xml` file of another kind in the corpus folder).
pub fn parse(bytes: &[u8]) -> Result<Parsed, (Severity, String)> {
    let parser = feed_rs::parser::Builder::new()
        // Our own ids: feed-rs would make a random one for an item without link or title.
        .id_generator(|links, title, _| {
            links
                .first()
                .map(|l| l.href.clone())
                .or_else(|| title.as_ref().map(|t| t.content.clone()))
                .unwrap_or_default()
        })
        .build();
    let feed = parser.parse(bytes).map_err(|e| match e {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot)
        | ParseFeedError::JsonUnsupportedVersion(_) => not_a_feed(),
        // JSON that never says it is a JSON Feed is some other JSON file.
        ParseFeedError::JsonSerde(_) if !contains(bytes, b"jsonfeed.org") => not_a_feed(),
        e => (
            Severity::Error,
            format!("not a readable feed (RSS, Atom or JSON Feed): {e}"),
        ),
    })?;
    let source = feed
        .title
        .as_ref()
        .map(|t| plain(&t.content))
        .filter(|t| !t.is_empty());
    let feed_authors: Vec<String> = feed
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref().map(html::one_line))
        .filter(|n| !n.is_empty())
        .collect();
    let total = feed.entries.len();
    let base = feed.links.first().map(|l| l.href.clone());
    let items = feed
        .entries
        .into_iter()
        .take(MAX_ITEMS)
        .map(|entry| {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.clone());
            let title = entry
                .title
                .as_ref()
                .map(|t| plain(&t.content))
                .unwrap_or_default();
            let html_body = entry
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .filter(|b| !b.trim().is_empty())
                .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
                .unwrap_or_default();
            let text = html::text_of(&html_body, link.as_deref().or(base.as_deref()));
            let key = if entry.id.trim().is_empty() {
                title.clone()
            } else {
                entry.id.trim().to_string()
            };
            let mut authors: Vec<String> = entry
                .authors
                .iter()
                .filter_map(|p| p.name.as_deref().map(html::one_line))
                .filter(|n| !n.is_empty())
                .collect();
            if authors.is_empty() {
                authors = feed_authors.clone();
            }
            let date = entry
                .published
                .or(entry.updated)
                .and_then(|d| html::day_of(&d.to_rfc3339()));
            Item {
                key,
                meta: Meta {
                    title: (!title.is_empty()).then(|| title.clone()),
                    date,
                    url: link,
                    authors,
                    tags: entry
                        .categories
                        .iter()
                        .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
                        .collect(),
                    ..Meta::default()
                },
                title,
                text,
            }
        })
        .collect();
    Ok((source, items, total))
}

fn not_a_feed() -> (Severity, String) {
    (
        Severity::Warning,
        "skipped: not a feed (no RSS, Atom or JSON Feed root)".to_string(),
    )
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// A feed title or item title, which may hold markup, as one line of text.
fn plain(text: &str) -> String {
    if text.contains('<') || text.contains('&') {
        html::one_line(&html::text_of(text, None).body)
    } else {
        html::one_line(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_stable_and_short() {
        assert_eq!(slug("urn:x:1"), slug("urn:x:1"));
        assert_ne!(slug("urn:x:1"), slug("urn:x:2"));
        assert_eq!(slug("a").len(), 16);
    }

    #[test]
    fn rss_items_become_text_with_the_feed_title_as_source() {
        let rss = br#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Harbour Wire</title><link>https://wire.example/</link>
<item><title>Port reopens</title><link>https://wire.example/port</link><guid>w-1</guid>
<pubDate>Tue, 04 Nov 2025 09:30:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The port <a href="/lome">reopened</a> today.</p>]]></content:encoded>
</item></channel></rss>"#;
        let (source, items, total) = parse(rss).unwrap();
        assert_eq!(source.as_deref(), Some("Harbour Wire"));
        assert_eq!(total, 1);
        assert_eq!(items[0].key, "w-1");
        assert_eq!(items[0].text.body, "The port reopened today.\n");
        assert_eq!(items[0].meta.date.as_deref(), Some("2025-11-04"));
        assert_eq!(items[0].text.links[0].url, "https://wire.example/lome");
    }
}
