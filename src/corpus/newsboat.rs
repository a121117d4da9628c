//! newsboat's cache (an SQLite database of every item it fetched) as articles: one folder
//! per feed, one article per item not deleted, newsboat's unread flag kept.
//!
//! Safe while newsboat runs: the database is opened read-only (never created, never
//! written, no journal or WAL files made by us), each query holds SQLite's shared lock only
//! while it runs, and a busy timeout waits out newsboat's short write transactions instead
//! of failing. `immutable=1` is deliberately not used: it would let SQLite skip locking
//! while newsboat rewrites pages, and read a torn database.
//!
//! Annotations for these articles cannot live beside the cache (newsboat owns that
//! folder), so their corpus root is newslens's own data folder, [`data_root`], and each
//! item's id is `<feed folder>/<hash of its guid>`: stable across newsboat reloads.

use super::feed::{self, Item};
use super::html::{self, Text};
use super::{Article, Meta, Problem, Severity};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Items read from the cache at most, newest first; the rest are reported.
pub const MAX_ITEMS: usize = 20_000;

/// How long to wait for newsboat to finish writing before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(3);

/// newsboat's cache where newsboat itself looks: `~/.newsboat/cache.db` when that folder
/// exists (newsboat's older layout wins), else `$XDG_DATA_HOME/newsboat/cache.db`
/// (default `~/.local/share/newsboat/cache.db`).
pub fn default_cache() -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if let Some(home) = &home {
        let dot = home.join(".newsboat");
        if dot.is_dir() {
            return dot.join("cache.db");
        }
    }
    xdg_data_home(home.as_deref())
        .join("newsboat")
        .join("cache.db")
}

fn xdg_data_home(home: Option<&Path>) -> PathBuf {
    match std::env::var_os("XDG_DATA_HOME") {
        Some(d) if !d.is_empty() && Path::new(&d).is_absolute() => PathBuf::from(d),
        _ => home.unwrap_or(Path::new(".")).join(".local").join("share"),
    }
}

/// Where annotations and reader state of newsboat items live: the corpus root given to
/// their articles, `$XDG_DATA_HOME/newslens/newsboat`.
pub fn data_root() -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    xdg_data_home(home.as_deref())
        .join("newslens")
        .join("newsboat")
}

/// A feed's folder name: its URL without the scheme, letters and digits kept, the rest
/// made `-` (`https://wire.example/rss.xml` -> `wire-example-rss-xml`). From the feed URL,
/// not its title, because a title can change and the folder holds annotation ids.
pub fn feed_folder(rssurl: &str) -> String {
    let rest = rssurl.split_once("://").map_or(rssurl, |(_, r)| r);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let mut out = String::new();
    for c in rest.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        format!("feed-{}", feed::slug(rssurl))
    } else {
        out
    }
}

/// Load every item of the cache at `cache`, with `root` as the articles' corpus root.
pub fn load(cache: &Path, root: &Path) -> (Vec<Article>, Vec<Problem>) {
    // One copy of the root for all the items.
    let shared: std::sync::Arc<Path> = std::sync::Arc::from(root);
    let mut problems = Vec::new();
    let problem = |severity, message: String| Problem {
        path: cache.to_path_buf(),
        line: None,
        severity,
        message,
    };
    match std::fs::metadata(cache) {
        Ok(m) if m.is_file() => {}
        Ok(_) => {
            problems.push(problem(
                Severity::Error,
                "newsboat cache is not a regular file".into(),
            ));
            return (Vec::new(), problems);
        }
        Err(e) => {
            problems.push(problem(
                Severity::Error,
                format!("cannot open newsboat's cache: {e}"),
            ));
            return (Vec::new(), problems);
        }
    }
    let rows = match read_rows(cache) {
        Ok(rows) => rows,
        Err(e) => {
            problems.push(problem(Severity::Error, explain(&e)));
            return (Vec::new(), problems);
        }
    };
    let (feeds, items, total) = rows;
    if total > items.len() {
        problems.push(problem(
            Severity::Warning,
            format!(
                "the cache has {total} items; only the newest {} were loaded",
                items.len()
            ),
        ));
    }
    // The annotation store of these items lives here; it must exist to take its lock.
    if let Err(e) = std::fs::create_dir_all(root) {
        problems.push(Problem {
            path: root.to_path_buf(),
            line: None,
            severity: Severity::Warning,
            message: format!("cannot create the folder for newsboat items' annotations: {e}"),
        });
    }
    let mut articles = Vec::with_capacity(items.len());
    let mut seen = std::collections::HashSet::new();
    for row in items {
        let feed_title = feeds
            .iter()
            .find(|(url, _)| *url == row.feedurl)
            .map(|(_, t)| html::one_line(t))
            .filter(|t| !t.is_empty());
        let key = if row.guid.trim().is_empty() {
            row.url.clone()
        } else {
            row.guid.clone()
        };
        let slug = feed::slug(&key);
        let id = format!("{}/{slug}", feed_folder(&row.feedurl));
        if !seen.insert(id.clone()) {
            continue;
        }
        let text = if row.mime.eq_ignore_ascii_case("text/plain") {
            Text {
                body: row.content.clone(),
                ..Text::default()
            }
        } else {
            html::text_of(
                &row.content,
                Some(row.url.as_str()).filter(|u| !u.is_empty()),
            )
        };
        let title = html::one_line(&row.title);
        let item = Item {
            key,
            meta: Meta {
                title: (!title.is_empty()).then(|| title.clone()),
                source: feed_title,
                date: jiff::Timestamp::from_second(row.pub_date)
                    .ok()
                    .filter(|_| row.pub_date > 0)
                    .map(|t| t.strftime("%Y-%m-%d").to_string()),
                url: Some(row.url.clone()).filter(|u| !u.is_empty()),
                authors: html::authors_of(&row.author),
                unread: Some(row.unread),
                ..Meta::default()
            },
            title,
            text,
        };
        let path = PathBuf::from(format!("{}#{}", cache.display(), id));
        articles.push(feed::article(
            item,
            id,
            path,
            std::sync::Arc::clone(&shared),
        ));
    }
    (articles, problems)
}

/// One `rss_item` row, with the columns we read.
struct Row {
    guid: String,
    title: String,
    author: String,
    url: String,
    feedurl: String,
    pub_date: i64,
    content: String,
    unread: bool,
    mime: String,
}

type Rows = (Vec<(String, String)>, Vec<Row>, usize);

fn read_rows(cache: &Path) -> rusqlite::Result<Rows> {
    let conn = Connection::open_with_flags(
        cache,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mut feeds = Vec::new();
    {
        let mut stmt = conn.prepare("SELECT rssurl, title FROM rss_feed")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            feeds.push((text(r, 0)?, text(r, 1)?));
        }
    }
    let total: i64 =
        conn.query_row("SELECT count(*) FROM rss_item WHERE deleted = 0", [], |r| {
            r.get(0)
        })?;
    // content_mime_type came with newsboat 2.x; older caches lack it.
    let has_mime = conn
        .prepare("SELECT content_mime_type FROM rss_item LIMIT 0")
        .is_ok();
    let sql = format!(
        "SELECT guid, title, author, url, feedurl, pubDate, content, unread, {} \
         FROM rss_item WHERE deleted = 0 ORDER BY pubDate DESC, id DESC LIMIT {MAX_ITEMS}",
        if has_mime { "content_mime_type" } else { "''" }
    );
    let mut items = Vec::new();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        items.push(Row {
            guid: text(r, 0)?,
            title: text(r, 1)?,
            author: text(r, 2)?,
            url: text(r, 3)?,
            feedurl: text(r, 4)?,
            pub_date: r.get::<_, Option<i64>>(5)?.unwrap_or(0),
            content: text(r, 6)?,
            unread: r.get::<_, Option<i64>>(7)?.unwrap_or(0) != 0,
            mime: text(r, 8)?,
        });
    }
    Ok((feeds, items, usize::try_from(total).unwrap_or(0)))
}

/// A text column that may be NULL or hold bytes that are not UTF-8.
fn text(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
    use rusqlite::types::ValueRef;
    Ok(match row.get_ref(i)? {
        ValueRef::Text(b) | ValueRef::Blob(b) => String::from_utf8_lossy(b).into_owned(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Null => String::new(),
    })
}

/// An SQLite error as one sentence about newsboat's cache.
fn explain(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => format!(
            "newsboat's cache stayed locked for {} s (newsboat is writing to it?); try again",
            BUSY_TIMEOUT.as_secs()
        ),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            format!("not a readable newsboat cache (truncated or damaged SQLite file): {e}")
        }
        _ if e.to_string().contains("no such table")
            || e.to_string().contains("no such column") =>
        {
            format!(
                "not a newsboat cache (no rss_item/rss_feed tables as newsboat writes them): {e}"
            )
        }
        _ => format!("cannot read newsboat's cache: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_folders_come_from_the_feed_url() {
        assert_eq!(
            feed_folder("https://www.wire.example/rss.xml"),
            "wire-example-rss-xml"
        );
        assert!(feed_folder("://").starts_with("feed-"));
    }
}
