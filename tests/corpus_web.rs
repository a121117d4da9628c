//! Saved pages, feed files and newsboat's cache read as articles: extraction against the
//! expected text, metadata, stable feed ids with annotations kept across a refresh, a
//! newsboat cache built here with newsboat's own schema, and hostile input.

use newslens::annotations::store::Store;
use newslens::corpus::{self, Article, Corpus, LoadOptions, Severity, newsboat};
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn load(paths: &[PathBuf]) -> Corpus {
    corpus::load(paths, &LoadOptions::default())
}

fn one(c: &Corpus, id: &str) -> Article {
    c.articles
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no article {id}: {:?} {:?}", ids(c), c.problems))
        .clone()
}

fn ids(c: &Corpus) -> Vec<&str> {
    c.articles.iter().map(|a| a.id.as_str()).collect()
}

fn messages(c: &Corpus) -> Vec<String> {
    c.problems.iter().map(|p| p.to_string()).collect()
}

#[test]
fn a_news_page_is_its_article_text_only() {
    let c = load(&[fixture("web/harbour-vote.html")]);
    let a = one(&c, "harbour-vote");
    let expected = fs::read_to_string(fixture("web/harbour-vote.expected.txt")).unwrap();
    assert_eq!(a.body, expected);
    for clutter in [
        "cookie",
        "Advertisement",
        "Accept all",
        "Privacy",
        "dataLayer",
        "Sport",
        "Related",
    ] {
        assert!(!a.body.contains(clutter), "{clutter} leaked into the text");
    }
    assert_eq!(a.title, "Lomé port workers vote to end strike");
    assert_eq!(a.meta.source.as_deref(), Some("The Coastal Ledger"));
    assert_eq!(a.meta.date.as_deref(), Some("2025-11-04"));
    assert_eq!(a.meta.authors, vec!["Ama Mensah".to_string()]);
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://ledger.example/2025/11/lome-port-strike-ends")
    );
    // Headings start sections; the sections partition the body.
    let headings: Vec<Option<&str>> = a.sections.iter().map(|s| s.heading.as_deref()).collect();
    assert!(
        headings.contains(&Some("Ships queue along the coast")),
        "{headings:?}"
    );
    assert!(
        headings.contains(&Some("Pay review by December")),
        "{headings:?}"
    );
    assert_eq!(a.sections[0].span.start, 0);
    assert_eq!(a.sections.last().unwrap().span.end, a.body.len());
    for pair in a.sections.windows(2) {
        assert_eq!(pair[0].span.end, pair[1].span.start);
    }
    let ships = a
        .sections
        .iter()
        .find(|s| s.heading.as_deref() == Some("Ships queue along the coast"))
        .unwrap();
    assert!(
        ships
            .span
            .text(&a.body)
            .starts_with("Ships queue along the coast\n")
    );
    // Links are data with spans into the clean text, relative ones resolved.
    let links: Vec<(&str, &str)> = a
        .meta
        .links
        .iter()
        .map(|l| (l.span.text(&a.body), l.url.as_str()))
        .collect();
    assert_eq!(
        links,
        vec![
            (
                "port authority",
                "https://ledger.example/topics/port-authority"
            ),
            (
                "figures published last week",
                "https://ledger.example/2025/11/cotonou-traffic"
            ),
        ]
    );
    assert!(c.problems.is_empty(), "{:?}", messages(&c));
}

#[test]
fn a_windows_1252_page_decodes_and_takes_its_source_from_the_title() {
    let c = load(&[fixture("web/cafe-tax-1252.html")]);
    let a = one(&c, "cafe-tax-1252");
    assert!(
        a.body.contains("cafés and small restaurants in Lomé"),
        "{}",
        a.body
    );
    assert!(a.body.contains("“a tax on every cup of coffee”"));
    assert!(a.body.contains("traders—twice—before"));
    assert_eq!(a.title, "Café owners in Lomé protest tax rise");

    // Source from `<title>` when the page names no site.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("brief.htm");
    fs::write(
        &page,
        "<html><head><title>Rail link to Niamey opens | Sahel Wire</title></head><body>\
         <article><h1>Rail link to Niamey opens</h1><p>The first passenger train from \
         Cotonou reached Niamey on Friday after a journey of two days, officials said, \
         opening the line that had been planned for more than a decade.</p></article></body></html>",
    )
    .unwrap();
    let c = load(&[page]);
    let a = one(&c, "brief");
    assert_eq!(a.meta.source.as_deref(), Some("Sahel Wire"));
    assert_eq!(a.title, "Rail link to Niamey opens");
}

#[test]
fn a_page_without_article_text_says_so() {
    let c = load(&[fixture("web/no-text.html")]);
    assert!(c.articles.is_empty());
    let m = messages(&c);
    assert!(m[0].contains("no article text found"), "{m:?}");
    assert_eq!(c.problems[0].severity, Severity::Error);
}

#[test]
fn malformed_and_binary_pages_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("broken.html"), "<html><body><p>Unclosed <b>bold <i>and <div><p>the port of Lomé reopened on Monday after a strike of nine days that stranded forty ships at anchor off the coast</table></body>").unwrap();
    fs::write(
        dir.path().join("binary.html"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    let c = load(&[dir.path().to_path_buf()]);
    let a = one(&c, "broken");
    assert!(a.body.contains("the port of Lomé reopened"), "{}", a.body);
    let m = messages(&c).join("\n");
    assert!(m.contains("binary.html: error: binary file"), "{m}");
}

#[test]
fn feeds_load_one_article_per_item() {
    let c = load(&[fixture("feeds")]);
    let m = messages(&c).join("\n");
    // A JSON file that is no feed is skipped with a warning, not an error.
    assert!(
        m.contains("settings.json: warning: skipped: not a feed"),
        "{m}"
    );
    let atom = c
        .articles
        .iter()
        .find(|a| a.id.starts_with("coastal/"))
        .unwrap();
    assert_eq!(atom.title, "Ghana’s central bank holds rates");
    assert_eq!(
        atom.meta.source.as_deref(),
        Some("The Coastal Ledger: Business")
    );
    assert_eq!(atom.meta.authors, vec!["Kofi Boateng".to_string()]);
    assert!(
        !atom.body.contains("alert"),
        "scripts in feed content: {}",
        atom.body
    );
    let json = c
        .articles
        .iter()
        .find(|a| a.id.starts_with("harbour-notes/"))
        .unwrap();
    assert_eq!(json.meta.date.as_deref(), Some("2025-11-05"));
    assert_eq!(
        json.meta.url.as_deref(),
        Some("https://harbour.example/notes/77")
    );
    let rss: Vec<&Article> = c
        .articles
        .iter()
        .filter(|a| a.id.starts_with("sahel-wire/"))
        .collect();
    assert_eq!(rss.len(), 3);
    let first = rss
        .iter()
        .find(|a| a.title.starts_with("Niger and Benin"))
        .unwrap();
    assert_eq!(first.meta.source.as_deref(), Some("Sahel Wire"));
    assert_eq!(first.meta.date.as_deref(), Some("2025-11-03"));
    assert_eq!(first.meta.authors, vec!["Issa Moussa".to_string()]);
    assert_eq!(first.meta.tags, vec!["Trade".to_string()]);
    assert!(
        first
            .sections
            .iter()
            .any(|s| s.heading.as_deref() == Some("Traders wait for clearance"))
    );
    assert_eq!(first.meta.links[0].span.text(&first.body), "regional bloc");
    // Feed item ids: the feed's id, then a hash of the guid (or the link without one).
    assert_eq!(
        first.id,
        format!("sahel-wire/{}", corpus::feed::slug("sahelwire-2025-0412"))
    );
    let no_guid = rss
        .iter()
        .find(|a| a.title.starts_with("Power cuts"))
        .unwrap();
    assert_eq!(
        no_guid.id,
        format!(
            "sahel-wire/{}",
            corpus::feed::slug("https://sahelwire.example/2025/11/ouaga-power")
        )
    );
}

#[test]
fn annotations_stay_attached_when_the_feed_file_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("sahel-wire.xml");
    fs::copy(fixture("feeds/sahel-wire.xml"), &feed).unwrap();
    let before = load(&[dir.path().to_path_buf()]);
    let cotton = before
        .articles
        .iter()
        .find(|a| a.title.starts_with("Mali"))
        .unwrap()
        .clone();
    let quote = "late rains and a shortage of fertiliser";
    let at = cotton.body.find(quote).unwrap();
    {
        let (mut store, notices) = Store::open(dir.path());
        assert!(notices.is_empty(), "{notices:?}");
        store
            .add(
                &cotton,
                corpus::Span::new(at, at + quote.len()),
                vec!["cause".into()],
                "why the harvest falls".into(),
            )
            .unwrap();
        store.save_all().unwrap();
    }
    // The refreshed copy has a new item first and has lost the oldest one.
    fs::copy(fixture("feeds/sahel-wire.refreshed.xml"), &feed).unwrap();
    let after = load(&[dir.path().to_path_buf()]);
    assert_eq!(after.articles.len(), 3);
    assert!(
        after
            .articles
            .iter()
            .any(|a| a.title.starts_with("Chad hosts"))
    );
    let again = after
        .articles
        .iter()
        .find(|a| a.id == cotton.id)
        .expect("same id after refresh");
    let (mut store, _) = Store::open(dir.path());
    let notes = store.annotations(again);
    assert_eq!(notes.placed.len(), 1, "{:?}", notes.orphans);
    assert_eq!(notes.placed[0].span.text(&again.body), quote);
    assert_eq!(notes.placed[0].annotation.note, "why the harvest falls");
}

#[test]
fn hostile_feeds_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    // An entity bomb: only the five predefined entities are ever resolved.
    let mut bomb =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a \"aaaaaaaaaa\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "a".to_string()
        } else {
            format!("e{}", i - 1)
        };
        bomb.push_str(&format!(
            "<!ENTITY e{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    bomb.push_str("]>\n<rss version=\"2.0\"><channel><title>Bomb &e9;</title><item><title>Item &e9;</title><guid>b1</guid><description>Text &e9; here.</description></item></channel></rss>\n");
    fs::write(dir.path().join("bomb.xml"), &bomb).unwrap();
    // 100,000 items: loaded up to the cap, the rest reported.
    let mut big =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>");
    for i in 0..100_000 {
        big.push_str(&format!(
            "<item><guid>g{i}</guid><title>T{i}</title></item>"
        ));
    }
    big.push_str("</channel></rss>");
    fs::write(dir.path().join("big.rss"), &big).unwrap();
    // Malformed XML.
    fs::write(
        dir.path().join("broken.xml"),
        "<rss version=\"2.0\"><channel><title>Cut</title><item><title>Half",
    )
    .unwrap();
    let c = load(&[dir.path().to_path_buf()]);
    let m = messages(&c).join("\n");
    for a in c.articles.iter().filter(|a| a.id.starts_with("bomb/")) {
        assert!(
            a.body.len() < 1000,
            "entity expanded: {} bytes",
            a.body.len()
        );
    }
    let big_items = c
        .articles
        .iter()
        .filter(|a| a.id.starts_with("big/"))
        .count();
    assert_eq!(big_items, corpus::feed::MAX_ITEMS);
    assert!(
        m.contains(&format!(
            "the feed has 100000 items; only the first {} were loaded",
            corpus::feed::MAX_ITEMS
        )),
        "{m}"
    );
    assert!(m.contains("broken.xml: error: not a readable feed"), "{m}");
}

/// newsboat's schema as its cache.cpp creates it (schema version 2.x).
const NEWSBOAT_SCHEMA: &str = r#"
CREATE TABLE rss_feed (  rssurl VARCHAR(1024) PRIMARY KEY NOT NULL,  url VARCHAR(1024) NOT NULL,  title VARCHAR(1024) NOT NULL , lastmodified INTEGER(11) NOT NULL DEFAULT 0, is_rtl INTEGER(1) NOT NULL DEFAULT 0, etag VARCHAR(128) NOT NULL DEFAULT "");
CREATE TABLE rss_item (  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,  guid VARCHAR(64) NOT NULL,  title VARCHAR(1024) NOT NULL,  author VARCHAR(1024) NOT NULL,  url VARCHAR(1024) NOT NULL,  feedurl VARCHAR(1024) NOT NULL,  pubDate INTEGER NOT NULL,  content VARCHAR(65535) NOT NULL, unread INTEGER(1) NOT NULL , enclosure_url VARCHAR(1024), enclosure_type VARCHAR(1024), enqueued INTEGER(1) NOT NULL DEFAULT 0, flags VARCHAR(52), deleted INTEGER(1) NOT NULL DEFAULT 0, base VARCHAR(128) NOT NULL DEFAULT "", content_mime_type VARCHAR(255) NOT NULL DEFAULT "", enclosure_description VARCHAR(1024) NOT NULL DEFAULT "", enclosure_description_mime_type VARCHAR(128) NOT NULL DEFAULT "");
CREATE TABLE google_replay ( id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, guid VARCHAR(64) NOT NULL, state INTEGER NOT NULL, ts INTEGER NOT NULL );
CREATE INDEX idx_rssurl ON rss_feed(rssurl);
CREATE INDEX idx_guid ON rss_item(guid);
CREATE INDEX idx_feedurl ON rss_item(feedurl);
CREATE INDEX idx_lastmodified ON rss_feed(lastmodified);
CREATE INDEX idx_deleted ON rss_item(deleted);
CREATE TABLE metadata ( db_schema_version_major INTEGER NOT NULL, db_schema_version_minor INTEGER NOT NULL );
INSERT INTO metadata VALUES (2, 22);
"#;

/// A cache with two feeds: three items, one unread, and one deleted item never shown.
pub fn newsboat_cache(path: &Path) {
    let db = rusqlite::Connection::open(path).unwrap();
    db.execute_batch(NEWSBOAT_SCHEMA).unwrap();
    db.execute_batch(
        r#"
INSERT INTO rss_feed (rssurl, url, title) VALUES
  ('https://sahelwire.example/rss.xml', 'https://sahelwire.example/', 'Sahel Wire'),
  ('https://ledger.example/business.atom', 'https://ledger.example/business', 'The Coastal Ledger');
INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread, content_mime_type) VALUES
  ('sw-1', 'Niger and Benin reopen border crossing', 'Issa Moussa', 'https://sahelwire.example/malanville', 'https://sahelwire.example/rss.xml', 1762156800,
   '<p>Trucks crossed the bridge at Malanville on Monday after Niger and Benin agreed to reopen the border.</p><h2>Traders wait</h2><p>Customs clearance was slow, <a href="/gaya">traders in Gaya</a> said.</p>', 1, 'text/html'),
  ('sw-2', 'Mali cotton harvest to fall', '', 'https://sahelwire.example/cotton', 'https://sahelwire.example/rss.xml', 1762070400,
   '<p>Farmers in southern Mali expect a smaller cotton harvest after late rains.</p>', 0, 'text/html'),
  ('cl-9', 'Ghana central bank holds rates', 'Kofi Boateng', 'https://ledger.example/business/rates', 'https://ledger.example/business.atom', 1762243200,
   'The Bank of Ghana kept its policy rate unchanged on Tuesday.', 0, 'text/plain');
INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread, deleted) VALUES
  ('sw-0', 'Deleted item', '', 'https://sahelwire.example/gone', 'https://sahelwire.example/rss.xml', 1761984000, '<p>gone</p>', 1, 1);
"#,
    )
    .unwrap();
}

#[test]
fn newsboat_items_load_read_only_one_folder_per_feed() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.db");
    newsboat_cache(&cache);
    let before = fs::read(&cache).unwrap();
    let root = dir.path().join("data/newslens/newsboat");
    let (articles, problems) = newsboat::load(&cache, &root);
    assert!(problems.is_empty(), "{problems:?}");
    let mut ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    let mut expected = vec![
        format!(
            "ledger-example-business-atom/{}",
            corpus::feed::slug("cl-9")
        ),
        format!("sahelwire-example-rss-xml/{}", corpus::feed::slug("sw-1")),
        format!("sahelwire-example-rss-xml/{}", corpus::feed::slug("sw-2")),
    ];
    expected.sort_unstable();
    assert_eq!(ids, expected);
    let border = articles
        .iter()
        .find(|a| a.title.starts_with("Niger"))
        .unwrap();
    assert_eq!(border.meta.unread, Some(true));
    assert_eq!(border.meta.source.as_deref(), Some("Sahel Wire"));
    assert_eq!(border.meta.date.as_deref(), Some("2025-11-03"));
    assert_eq!(
        border.meta.url.as_deref(),
        Some("https://sahelwire.example/malanville")
    );
    assert_eq!(*border.root, *root);
    // Their annotation store can be opened there.
    let (_, notices) = Store::open(&root);
    assert!(notices.is_empty(), "{notices:?}");
    assert!(
        border
            .sections
            .iter()
            .any(|s| s.heading.as_deref() == Some("Traders wait"))
    );
    assert_eq!(border.meta.links[0].url, "https://sahelwire.example/gaya");
    let cotton = articles
        .iter()
        .find(|a| a.title.starts_with("Mali"))
        .unwrap();
    assert_eq!(cotton.meta.unread, Some(false));
    let plain = articles
        .iter()
        .find(|a| a.title.starts_with("Ghana"))
        .unwrap();
    assert!(
        plain
            .body
            .ends_with("The Bank of Ghana kept its policy rate unchanged on Tuesday.")
    );
    // Nothing written: the file is byte for byte the same, and no journal was left.
    assert_eq!(fs::read(&cache).unwrap(), before);
    assert!(!dir.path().join("cache.db-journal").exists());
    assert!(!dir.path().join("cache.db-wal").exists());
}

#[test]
fn newsboat_cache_problems_are_one_sentence_each() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("data");
    let cache = dir.path().join("cache.db");
    newsboat_cache(&cache);

    // Truncated: the header survives, the pages do not.
    let bytes = fs::read(&cache).unwrap();
    let cut = dir.path().join("cut.db");
    fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    let (a, p) = newsboat::load(&cut, &root);
    assert!(a.is_empty());
    assert!(p[0].message.contains("truncated or damaged"), "{p:?}");

    // Not SQLite at all.
    let text = dir.path().join("notes.db");
    fs::write(
        &text,
        "just some text, not a database at all, long enough to have a header",
    )
    .unwrap();
    let (_, p) = newsboat::load(&text, &root);
    assert!(p[0].message.contains("truncated or damaged"), "{p:?}");

    // Missing.
    let (_, p) = newsboat::load(&dir.path().join("none.db"), &root);
    assert!(
        p[0].message.starts_with("cannot open newsboat's cache"),
        "{p:?}"
    );

    // Locked by a writer holding an exclusive lock (newsboat mid-write): reported, no hang.
    let writer = rusqlite::Connection::open(&cache).unwrap();
    writer
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
        .unwrap();
    let (a, p) = newsboat::load(&cache, &root);
    assert!(a.is_empty());
    assert!(p[0].message.contains("stayed locked"), "{p:?}");
    writer.execute_batch("ROLLBACK;").unwrap();
    drop(writer);
    let (a, p) = newsboat::load(&cache, &root);
    assert_eq!(a.len(), 3, "{p:?}");

    // While a reader (newsboat reading) holds a shared lock, we still read.
    let reader = rusqlite::Connection::open(&cache).unwrap();
    reader
        .execute_batch("BEGIN; SELECT count(*) FROM rss_item;")
        .unwrap();
    let (a, _) = newsboat::load(&cache, &root);
    assert_eq!(a.len(), 3);
}
