//! The corpus index: incremental updates, deletions, a damaged or foreign file, a changed
//! configuration, concurrent readers with a writer, and the actors reconciled across a
//! small hand-counted corpus. Corpora are built in temporary folders.

mod common;

use newslens::analysis::Analyzer;
use newslens::corpus::{LoadOptions, scan};
use newslens::index::{self, Index, Summary, UpdateOptions};
use std::fs;
use std::path::Path;

fn write(root: &Path, rel: &str, title: &str, date: &str, body: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(
        path,
        format!(
            "+++\ntitle = \"{title}\"\nsource = \"Test Wire\"\ndate = \"{date}\"\n+++\n\n{body}\n"
        ),
    )
    .unwrap();
}

fn options(config: &newslens::Config) -> UpdateOptions {
    UpdateOptions {
        fingerprint: index::fingerprint(config),
        load: LoadOptions::default(),
        prune: true,
        wait_for_writer: true,
    }
}

fn update(
    index: &mut Index,
    root: &Path,
    analyzer: &Analyzer,
    config: &newslens::Config,
) -> Summary {
    let mut problems = Vec::new();
    let files = scan::scan(root, &mut problems);
    index
        .update(&files, analyzer, &options(config), None, &mut |_| {})
        .unwrap()
}

fn count(index_path: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(index_path).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Three articles: Guterres in all three (full name once), Macron in two, Putin in one.
fn small_corpus(root: &Path) {
    write(
        root,
        "world/a.md",
        "UN chief meets Macron",
        "2025-01-10",
        "Secretary-General António Guterres met Emmanuel Macron in Paris on Monday. \
         Guterres said the talks with Macron were useful.",
    );
    write(
        root,
        "world/b.md",
        "Guterres warns on Ukraine",
        "2025-02-03",
        "On Tuesday Guterres warned that the war in Ukraine was far from over. \
         Vladimir Putin did not answer. Later Guterres repeated his call.",
    );
    write(
        root,
        "c.md",
        "Macron and Guterres in Geneva",
        "2025-02-20",
        "Emmanuel Macron and Guterres spoke in Geneva about the climate summit.",
    );
}

#[test]
fn incremental_update_analyses_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    small_corpus(root);
    let config = newslens::config::defaults();
    let analyzer = Analyzer::new(&config).unwrap();
    let mut index = Index::open(root).unwrap();
    assert_eq!(index.path(), root.join(".newslens/index.sqlite"));

    let s = update(&mut index, root, &analyzer, &config);
    assert_eq!((s.new, s.changed, s.unchanged, s.removed), (3, 0, 0, 0));
    assert_eq!(index.article_count().unwrap(), 3);
    // An update that wrote gives the WAL's space back: the size on disk is the database's.
    let wal = root.join(".newslens/index.sqlite-wal");
    assert_eq!(fs::metadata(&wal).map_or(0, |m| m.len()), 0);
    assert_eq!(
        index.disk_bytes(),
        fs::metadata(index.path()).unwrap().len()
    );

    let s = update(&mut index, root, &analyzer, &config);
    assert_eq!((s.new, s.changed, s.touched, s.unchanged), (0, 0, 0, 3));

    // Same text, new time: not analysed again.
    let b = root.join("world/b.md");
    let text = fs::read_to_string(&b).unwrap();
    let f = fs::OpenOptions::new().write(true).open(&b).unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    drop(f);
    let s = update(&mut index, root, &analyzer, &config);
    assert_eq!((s.new, s.changed, s.touched, s.unchanged), (0, 0, 1, 2));

    // Changed text: analysed again, and the new words are searchable.
    fs::write(&b, text.replace("repeated his call", "visited Nairobi")).unwrap();
    let s = update(&mut index, root, &analyzer, &config);
    assert_eq!((s.new, s.changed, s.unchanged), (0, 1, 2));
    let p = index.path().to_path_buf();
    assert_eq!(
        count(
            &p,
            "SELECT count(*) FROM bodies WHERE bodies MATCH 'nairobi'"
        ),
        1
    );
    assert_eq!(
        count(
            &p,
            "SELECT count(*) FROM bodies WHERE bodies MATCH 'repeated'"
        ),
        0
    );

    // A new file and a deleted one.
    write(
        root,
        "d.md",
        "New",
        "2025-03-01",
        "Emmanuel Macron spoke in Lyon.",
    );
    fs::remove_file(root.join("c.md")).unwrap();
    let s = update(&mut index, root, &analyzer, &config);
    assert_eq!((s.new, s.changed, s.unchanged, s.removed), (1, 0, 2, 1));
    assert_eq!(index.article_count().unwrap(), 3);
    assert_eq!(
        count(&p, "SELECT count(*) FROM articles WHERE id = 'c'"),
        0,
        "the deleted article is gone"
    );
    assert_eq!(
        count(
            &p,
            "SELECT count(*) FROM actors WHERE article NOT IN (SELECT rowid FROM articles)"
        ),
        0,
        "no actor rows left behind"
    );
}

#[test]
fn a_changed_configuration_reanalyses_everything() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    small_corpus(root);
    let config = newslens::config::defaults();
    let analyzer = Analyzer::new(&config).unwrap();
    let mut index = Index::open(root).unwrap();
    update(&mut index, root, &analyzer, &config);
    let mut changed = config.clone();
    changed.themes.truncate(changed.themes.len() - 1);
    assert_ne!(index::fingerprint(&config), index::fingerprint(&changed));
    let analyzer2 = Analyzer::new(&changed).unwrap();
    let s = update(&mut index, root, &analyzer2, &changed);
    assert_eq!((s.changed, s.unchanged), (3, 0));
}

#[test]
fn actors_are_reconciled_across_articles() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    small_corpus(root);
    let config = newslens::config::defaults();
    let analyzer = Analyzer::new(&config).unwrap();
    let mut index = Index::open(root).unwrap();
    update(&mut index, root, &analyzer, &config);
    let p = index.path().to_path_buf();
    // Hand count: Guterres is named in all three articles (the surname alone in b and c
    // joins the only full name, in a); Macron in a and c; Putin in b.
    let articles = |key: &str| {
        count(
            &p,
            &format!("SELECT articles FROM corpus_actors WHERE key = '{key}'"),
        )
    };
    assert_eq!(articles("antonio-guterres"), 3);
    assert_eq!(articles("emmanuel-macron"), 2);
    assert_eq!(articles("vladimir-putin"), 1);
    assert_eq!(
        count(
            &p,
            "SELECT count(*) FROM corpus_actors WHERE key = 'guterres'"
        ),
        0
    );
    let conn = rusqlite::Connection::open(&p).unwrap();
    let (name, kind): (String, String) = conn
        .query_row(
            "SELECT name, kind FROM corpus_actors WHERE key = 'antonio-guterres'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (name.as_str(), kind.as_str()),
        ("António Guterres", "person")
    );
}

#[test]
fn a_damaged_or_foreign_index_is_rebuilt_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    small_corpus(root);
    let config = newslens::config::defaults();
    let analyzer = Analyzer::new(&config).unwrap();
    let path = {
        let mut index = Index::open(root).unwrap();
        update(&mut index, root, &analyzer, &config);
        index.path().to_path_buf()
    };
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", path.display()));
    }
    fs::write(
        &path,
        b"this is not a database at all, just bytes\n".repeat(200),
    )
    .unwrap();
    let mut index = Index::open(root).unwrap();
    assert!(
        index.notices.iter().any(|n| n.contains("rebuilt")),
        "{:?}",
        index.notices
    );
    assert_eq!(index.article_count().unwrap(), 0);
    let s = update(&mut index, root, &analyzer, &config);
    assert_eq!(s.new, 3);
    drop(index);

    // Another program's SQLite file at the index path.
    fs::remove_file(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(conn);
    let index = Index::open(root).unwrap();
    assert!(
        index
            .notices
            .iter()
            .any(|n| n.contains("not a newslens index")),
        "{:?}",
        index.notices
    );

    // An index of another schema version.
    drop(index);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE meta SET value = '999' WHERE key = 'schema_version'",
        [],
    )
    .unwrap();
    drop(conn);
    let index = Index::open(root).unwrap();
    assert!(
        index
            .notices
            .iter()
            .any(|n| n.contains("another version") && n.contains("999")),
        "{:?}",
        index.notices
    );
}

#[test]
fn deleting_the_index_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    small_corpus(root);
    let config = newslens::config::defaults();
    let analyzer = Analyzer::new(&config).unwrap();
    let dump = |p: &Path| -> Vec<(String, String, i64)> {
        let conn = rusqlite::Connection::open(p).unwrap();
        let mut s = conn
            .prepare("SELECT key, name, articles FROM corpus_actors ORDER BY key")
            .unwrap();
        s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let (path, before) = {
        let mut index = Index::open(root).unwrap();
        update(&mut index, root, &analyzer, &config);
        (index.path().to_path_buf(), dump(index.path()))
    };
    fs::remove_dir_all(root.join(".newslens")).unwrap();
    let mut index = Index::open(root).unwrap();
    update(&mut index, root, &analyzer, &config);
    assert!(!before.is_empty());
    assert_eq!(dump(&path), before);
}

#[test]
fn readers_keep_reading_while_a_writer_updates() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    for i in 0..60 {
        write(
            &root,
            &format!("batch/a{i:03}.md"),
            &format!("Article {i}"),
            "2025-04-01",
            &format!("Emmanuel Macron met Olaf Scholz in Berlin, visit number {i}."),
        );
    }
    let config = newslens::config::defaults();
    let analyzer = Analyzer::new(&config).unwrap();
    let path = Index::open(&root).unwrap().path().to_path_buf();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let (path, root, stop) = (path.clone(), root.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut reads = 0;
                let mut last = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let index = Index::open_at(&path, &root).unwrap();
                    let n = index.article_count().unwrap();
                    assert!(n >= last, "the count never goes back ({n} < {last})");
                    last = n;
                    reads += 1;
                }
                reads
            })
        })
        .collect();
    // Two writers in turn through the lock: the second waits, then finds nothing to do.
    let w = |root: std::path::PathBuf, path: std::path::PathBuf| {
        let config = config.clone();
        std::thread::spawn(move || {
            let analyzer = Analyzer::new(&config).unwrap();
            let mut index = Index::open_at(&path, &root).unwrap();
            update(&mut index, &root, &analyzer, &config)
        })
    };
    let a = w(root.clone(), path.clone());
    let b = w(root.clone(), path.clone());
    let (sa, sb) = (a.join().unwrap(), b.join().unwrap());
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for r in readers {
        assert!(r.join().unwrap() > 0);
    }
    assert_eq!(sa.new + sb.new, 60, "each article analysed once");
    drop(analyzer);
    assert_eq!(count(&path, "SELECT count(*) FROM articles"), 60);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

fn ids(index: &Index, q: &str) -> Vec<String> {
    let q = newslens::query::parse(q).unwrap();
    let mut v: Vec<String> = index
        .search(&q, 100)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    v.sort();
    v
}

#[test]
fn queries_and_aggregates_match_a_hand_counted_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    small_corpus(root);
    let config = newslens::config::defaults();
    let analyzer = Analyzer::new(&config).unwrap();
    let mut index = Index::open(root).unwrap();
    update(&mut index, root, &analyzer, &config);
    // One annotation on c, tagged and with a note.
    let body = index.body("c.md").unwrap();
    let body = body.as_str();
    let span = newslens::Span::new(body.find("Geneva").unwrap(), body.find(" about").unwrap());
    common::write_one_note(root, "c", body, span);

    update(&mut index, root, &analyzer, &config);

    assert_eq!(ids(&index, "actor:guterres"), ["c", "world/a", "world/b"]);
    assert_eq!(
        ids(&index, "actor:\"António Guterres\""),
        ["c", "world/a", "world/b"]
    );
    assert_eq!(ids(&index, "actor:macron -actor:putin"), ["c", "world/a"]);
    assert_eq!(ids(&index, "date:2025-02"), ["c", "world/b"]);
    assert_eq!(ids(&index, "date:..2025-01-31"), ["world/a"]);
    assert_eq!(ids(&index, "source:wire"), ["c", "world/a", "world/b"]);
    assert_eq!(ids(&index, "\"climate summit\""), ["c"]);
    assert_eq!(ids(&index, "ukr*"), ["world/b"]);
    assert_eq!(ids(&index, "-guterres"), Vec::<String>::new());
    assert_eq!(ids(&index, "tag:evidence"), ["c"]);
    assert_eq!(ids(&index, "note:\"where they\""), ["c"]);
    assert_eq!(ids(&index, "-tag:evidence"), ["world/a", "world/b"]);
    assert_eq!(ids(&index, "kind:person").len(), 3);

    // The annotated passage is where `tag:` matched.
    let q = newslens::query::parse("tag:evidence").unwrap();
    let hit = index.search(&q, 1).unwrap().hits.remove(0);
    let spans = index.term_spans(hit.rowid, &q).unwrap();
    let read = index.body(&hit.path).unwrap();
    assert_eq!(&read[spans[0].start..spans[0].end], "Geneva");

    // Hand counts: Guterres in Jan (a) and Feb (b, c); with Macron in a and c of 3
    // articles, each in (3, 2): lift 2*3/(3*2) = 1.
    let report = index.report(10).unwrap();
    assert_eq!(report.articles, 3);
    assert_eq!(report.months, ["2025-01", "2025-02"]);
    assert_eq!(report.articles_by_month, [1, 2]);
    let g = report
        .actors
        .iter()
        .find(|a| a.key == "antonio-guterres")
        .unwrap();
    assert_eq!((g.articles, g.by_month.as_slice()), (3, [1, 2].as_slice()));
    let pairs = index.cooccurrence("antonio-guterres", 10).unwrap();
    let m = pairs.iter().find(|p| p.b == "emmanuel-macron").unwrap();
    assert_eq!(m.together, 2);
    assert!((m.lift - 1.0).abs() < 1e-9, "{m:?}");
    let p = pairs.iter().find(|p| p.b == "vladimir-putin").unwrap();
    assert_eq!(p.together, 1);
    assert!((p.lift - 1.0).abs() < 1e-9, "1*3/(3*1) = 1: {p:?}");

    // Editing the annotation's note is seen by the next update.
    let text = fs::read_to_string(root.join(".newslens/annotations/c.toml")).unwrap();
    fs::write(
        root.join(".newslens/annotations/c.toml"),
        text.replace("Where they met", "Venue of the talks"),
    )
    .unwrap();
    update(&mut index, root, &analyzer, &config);
    assert_eq!(ids(&index, "note:venue"), ["c"]);
    assert!(ids(&index, "note:\"where they\"").is_empty());
}

/// The analyst's corrections reach the index: a corpus-wide one re-analyses every article,
/// an article's own only that article, and search and the corpus actors show the result.
#[test]
fn corrections_are_reflected_in_the_index_and_reanalyse_what_they_concern() {
    use newslens::analysis::ActorKind;
    use newslens::corrections::store::CorrectionStore;
    use newslens::corrections::{Change, Correction};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    small_corpus(root);
    let config = newslens::config::defaults();
    let analyzer = Analyzer::new(&config).unwrap();
    let mut index = Index::open(root).unwrap();
    update(&mut index, root, &analyzer, &config);
    let p = index.path().to_path_buf();
    let macron = "SELECT count(*) FROM actors WHERE name LIKE '%Macron%'";
    assert_eq!(count(&p, macron), 2, "Macron is in two articles");
    assert_eq!(ids(&index, "actor:macron").len(), 2);

    // Corpus-wide: every article is analysed again, Macron is gone everywhere.
    let (mut store, _) = CorrectionStore::open_locked(root);
    let reject = Correction::new(
        None,
        Change::RejectActor {
            actor: "Emmanuel Macron".into(),
        },
    );
    let reject_id = reject.id.clone();
    store.add(reject).unwrap();
    let s = update(&mut index, root, &analyzer, &config);
    assert_eq!((s.changed, s.unchanged), (3, 0));
    assert_eq!(count(&p, macron), 0);
    assert!(ids(&index, "actor:macron").is_empty());
    assert_eq!(
        count(
            &p,
            "SELECT count(*) FROM corpus_actors WHERE name LIKE '%Macron%'"
        ),
        0
    );
    // Nothing changed since: nothing is analysed again.
    let s = update(&mut index, root, &analyzer, &config);
    assert_eq!((s.changed, s.unchanged), (0, 3));

    // One article's correction: only that article.
    store
        .add(Correction::new(
            Some("c".into()),
            Change::SetKind {
                actor: "Guterres".into(),
                kind: ActorKind::Organization,
            },
        ))
        .unwrap();
    let s = update(&mut index, root, &analyzer, &config);
    assert_eq!((s.changed, s.unchanged), (1, 2));
    assert_eq!(
        count(
            &p,
            "SELECT count(*) FROM actors ac JOIN articles a ON a.rowid = ac.article \
             WHERE a.id = 'c' AND ac.name LIKE '%Guterres%' AND ac.kind = 'organization'"
        ),
        1
    );

    // Undoing the corpus-wide one brings Macron back.
    store.remove(&reject_id).unwrap();
    let s = update(&mut index, root, &analyzer, &config);
    assert_eq!(s.changed, 3);
    assert_eq!(count(&p, macron), 2);
}

#[test]
fn the_engine_and_the_actor_lexicon_are_in_the_fingerprint() {
    let config = newslens::config::defaults();
    let mut changed = config.clone();
    changed.actors.exclude.push("Emmanuel Macron".to_string());
    assert_ne!(index::fingerprint(&config), index::fingerprint(&changed));
    let none = newslens::corrections::Corrections::default();
    let base = index::fingerprint(&config);
    assert_eq!(index::article_fingerprint(&base, &none, "a"), base);
}

/// What reconciliation decided, in a form two indexes can be compared by: each article's
/// actors with their corpus key, and every corpus actor.
type Reconciled = (
    Vec<Vec<Counted>>,
    Vec<(String, i64, String)>,
    Vec<(String, String, String, String, String, i64, i64)>,
    Vec<(String, String, i64)>,
);

/// The pairs of corpus actors named in the same articles, counted from the actor rows.
const PAIRS_COUNTED: &str = "SELECT x.corpus_key, y.corpus_key, count(DISTINCT x.article) \
     FROM actors x JOIN actors y ON y.article = x.article AND y.corpus_key <> x.corpus_key \
     GROUP BY x.corpus_key, y.corpus_key ORDER BY 1, 2";

/// Each aggregate table and the count over the rows it must equal.
const AGGREGATES: [(&str, &str); 5] = [
    (
        "SELECT key, month, articles, mentions FROM actor_months ORDER BY 1, 2",
        "SELECT ac.corpus_key, coalesce(a.month, ''), count(DISTINCT ac.article), sum(ac.mentions) \
         FROM actors ac JOIN articles a ON a.rowid = ac.article GROUP BY 1, 2 ORDER BY 1, 2",
    ),
    (
        "SELECT theme, month, articles, 0 FROM theme_months ORDER BY 1, 2",
        "SELECT t.theme_id, coalesce(a.month, ''), count(*), 0 FROM themes t \
         JOIN articles a ON a.rowid = t.article GROUP BY 1, 2 ORDER BY 1, 2",
    ),
    (
        "SELECT pair, month, articles, tensions FROM tension_months ORDER BY 1, 2",
        "SELECT t.pair, coalesce(a.month, ''), count(DISTINCT t.article), count(*) FROM tensions t \
         JOIN articles a ON a.rowid = t.article WHERE t.pair <> '' GROUP BY 1, 2 ORDER BY 1, 2",
    ),
    (
        "SELECT pair, label || '/' || kind, tensions, 0 FROM tension_labels ORDER BY 1, 2",
        "SELECT pair, label || '/' || kind, count(*), 0 FROM tensions WHERE pair <> '' \
         GROUP BY pair, label, kind ORDER BY 1, 2",
    ),
    // Each tension's pair is its sides' corpus keys now (the keys sorted within a side).
    (
        "SELECT a.id, t.ord, t.pair, 0 FROM tensions t JOIN articles a ON a.rowid = t.article \
         WHERE t.pair <> '' ORDER BY 1, 2",
        "SELECT id, ord, CASE WHEN s0 < s1 THEN s0 || '|' || s1 ELSE s1 || '|' || s0 END, 0 FROM \
         (SELECT a.id, t.ord, \
           (SELECT group_concat(k, ' ') FROM (SELECT DISTINCT ac.corpus_key AS k \
             FROM tension_sides s JOIN actors ac ON ac.article = s.article AND ac.ord = s.actor \
             WHERE s.article = t.article AND s.tension = t.ord AND s.side = 0 ORDER BY 1)) AS s0, \
           (SELECT group_concat(k, ' ') FROM (SELECT DISTINCT ac.corpus_key AS k \
             FROM tension_sides s JOIN actors ac ON ac.article = s.article AND ac.ord = s.actor \
             WHERE s.article = t.article AND s.tension = t.ord AND s.side = 1 ORDER BY 1)) AS s1 \
          FROM tensions t JOIN articles a ON a.rowid = t.article) \
         WHERE s0 IS NOT NULL AND s1 IS NOT NULL ORDER BY 1, 2",
    ),
];

type Counted = (String, String, i64, i64);

fn rows_of(conn: &rusqlite::Connection, sql: &str) -> Vec<Counted> {
    conn.prepare(sql)
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get::<_, rusqlite::types::Value>(0)
                    .map(|v| format!("{v:?}"))?,
                r.get::<_, rusqlite::types::Value>(1)
                    .map(|v| format!("{v:?}"))?,
                r.get(2)?,
                r.get(3)?,
            ))
        })
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

fn triples(conn: &rusqlite::Connection, sql: &str) -> Vec<(String, String, i64)> {
    conn.prepare(sql)
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

fn reconciled(index_path: &Path) -> Reconciled {
    let conn = rusqlite::Connection::open(index_path).unwrap();
    let keys = conn
        .prepare(
            "SELECT a.id, x.ord, x.corpus_key FROM actors x JOIN articles a ON a.rowid = x.article \
             ORDER BY a.id, x.ord",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let actors = conn
        .prepare(
            "SELECT key, name, kind, aliases, forms, articles, mentions FROM corpus_actors \
             ORDER BY key",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let stale: i64 = conn
        .query_row(
            "SELECT count(*) FROM meta WHERE key = 'pairs_stale'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        stale,
        0,
        "the pair table of {} is up to date",
        index_path.display()
    );
    // The counts by month kept with each write are what a count over the rows gives.
    for (kept, counted) in AGGREGATES {
        assert_eq!(
            rows_of(&conn, kept),
            rows_of(&conn, counted),
            "{kept} in {}",
            index_path.display()
        );
    }
    let pairs = triples(&conn, "SELECT a, b, together FROM pairs ORDER BY a, b");
    // The table kept as articles come and go is what counting the actor rows gives.
    assert_eq!(
        pairs,
        triples(&conn, PAIRS_COUNTED),
        "pairs of {}",
        index_path.display()
    );
    let kept = AGGREGATES.iter().map(|(k, _)| rows_of(&conn, k)).collect();
    (kept, keys, actors, pairs)
}

#[test]
fn incremental_reconciliation_equals_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    let root = root.as_path();
    small_corpus(root);
    let config = newslens::config::defaults();
    let analyzer = Analyzer::new(&config).unwrap();
    let mut index = Index::open(root).unwrap();
    update(&mut index, root, &analyzer, &config);
    let a_body = fs::read_to_string(root.join("world/a.md")).unwrap();
    // Each step changes what lone surnames can join or which actors an article names.
    type Step = Box<dyn Fn(&Path)>;
    let steps: Vec<(&str, Step)> = vec![
        (
            "the only full name of Guterres goes",
            Box::new(|r: &Path| fs::remove_file(r.join("world/a.md")).unwrap()),
        ),
        (
            "it comes back",
            Box::new(move |r: &Path| fs::write(r.join("world/a.md"), &a_body).unwrap()),
        ),
        (
            "a second person named Guterres",
            Box::new(|r: &Path| {
                write(
                    r,
                    "d.md",
                    "Another Guterres",
                    "2025-03-01",
                    "Luís Guterres, a Portuguese diplomat, met Emmanuel Macron in Lisbon. \
                     Luís Guterres spoke first.",
                )
            }),
        ),
        (
            "an article changes who it names",
            Box::new(|r: &Path| {
                write(
                    r,
                    "c.md",
                    "Putin and Guterres in Geneva",
                    "2025-02-20",
                    "Vladimir Putin and Guterres spoke in Geneva about the climate summit. \
                     Putin left early.",
                )
            }),
        ),
        (
            "the second Guterres goes",
            Box::new(|r: &Path| fs::remove_file(r.join("d.md")).unwrap()),
        ),
    ];
    for (i, (what, step)) in steps.iter().enumerate() {
        step(root);
        let s = update(&mut index, root, &analyzer, &config);
        assert!(
            s.new + s.changed + s.removed > 0,
            "step {what} changed nothing"
        );
        let fresh_path = dir.path().join(format!("fresh-{i}.sqlite"));
        let mut fresh = Index::open_at(&fresh_path, root).unwrap();
        update(&mut fresh, root, &analyzer, &config);
        assert_eq!(
            reconciled(index.path()),
            reconciled(&fresh_path),
            "after: {what}"
        );
    }
    // The steps did reach the rule they are about: with two full names the lone surname
    // stayed its own actor, with one it joined it.
    let p = index.path().to_path_buf();
    assert_eq!(
        count(
            &p,
            "SELECT count(*) FROM corpus_actors WHERE key = 'guterres'"
        ),
        0
    );
}

/// The list the reader starts from is in id order, whatever order the articles were
/// indexed in (rows added by a later update come last in the table).
#[test]
fn the_listing_is_in_id_order_whatever_the_indexing_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let config = newslens::config::defaults();
    let analyzer = Analyzer::new(&config).unwrap();
    write(root, "m.md", "Middle", "2025-01-01", "Ghana and Togo met.");
    let mut index = Index::open(root).unwrap();
    update(&mut index, root, &analyzer, &config);
    write(root, "a.md", "First", "2025-01-02", "Mali and Niger met.");
    write(root, "z/b.md", "Last", "2025-01-03", "Chad and Sudan met.");
    write(
        root,
        "B.md",
        "Upper case",
        "2025-01-04",
        "Benin and Nigeria met.",
    );
    update(&mut index, root, &analyzer, &config);
    let listed = index.listing().unwrap();
    let ids: Vec<&str> = listed.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["B", "a", "m", "z/b"]);
    // The first one indexed has the lowest rowid, though it is not first in the list.
    let m = listed.iter().find(|l| l.id == "m").unwrap();
    assert!(listed.iter().all(|l| l.rowid >= m.rowid));
    let after: Vec<String> = index
        .listing_after(m.rowid)
        .unwrap()
        .into_iter()
        .map(|l| l.id)
        .collect();
    assert_eq!(after, ["B", "a", "z/b"]);
}

/// `theme:` and `tension:a/b` read the few theme ids and pairs of sides first; they find
/// what a plain scan of the rows finds, for every theme (by id and by a word of its label)
/// and every two actors on opposite sides of a tension, in either order.
#[test]
fn theme_and_tension_terms_find_what_a_scan_of_the_rows_finds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    small_corpus(root);
    write(
        root,
        "d.md",
        "Sanctions",
        "2025-03-02",
        "France condemned Russia over the energy blockade. Russia accused France of \
         sabotaging the gas pipeline. Ukraine and Russia traded accusations over the grid.",
    );
    let config = newslens::config::defaults();
    let analyzer = Analyzer::new(&config).unwrap();
    let mut index = Index::open(root).unwrap();
    update(&mut index, root, &analyzer, &config);
    let conn = rusqlite::Connection::open(index.path()).unwrap();
    let scan = |sql: &str, params: &[&dyn rusqlite::ToSql]| -> Vec<String> {
        let mut v: Vec<String> = conn
            .prepare(sql)
            .unwrap()
            .query_map(params, |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        v.sort();
        v.dedup();
        v
    };
    let themes: Vec<(String, String)> = conn
        .prepare("SELECT DISTINCT theme_id, label FROM themes")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(themes.len() >= 3, "{themes:?}");
    for (id, label) in &themes {
        let want = scan(
            "SELECT a.id FROM themes t JOIN articles a ON a.rowid = t.article \
             WHERE t.theme_id = ?1 OR t.label LIKE ?2",
            &[id, &format!("%{id}%")],
        );
        assert_eq!(ids(&index, &format!("theme:{id}")), want, "theme:{id}");
        let word = label.split_whitespace().last().unwrap().to_lowercase();
        let want = scan(
            "SELECT a.id FROM themes t JOIN articles a ON a.rowid = t.article \
             WHERE t.theme_id = ?1 OR t.label LIKE ?2",
            &[&word, &format!("%{word}%")],
        );
        assert_eq!(ids(&index, &format!("theme:{word}")), want, "theme:{word}");
    }
    // Every two corpus actors on opposite sides of some tension.
    let opposed: Vec<(String, String)> = conn
        .prepare(
            "SELECT DISTINCT x.corpus_key, y.corpus_key FROM tension_sides s \
             JOIN tension_sides s2 ON s2.article = s.article AND s2.tension = s.tension \
             AND s2.side <> s.side \
             JOIN actors x ON x.article = s.article AND x.ord = s.actor \
             JOIN actors y ON y.article = s2.article AND y.ord = s2.actor",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!opposed.is_empty(), "the corpus has tensions");
    for (a, b) in &opposed {
        let want = scan(
            "SELECT a.id FROM tension_sides s \
             JOIN tension_sides s2 ON s2.article = s.article AND s2.tension = s.tension \
             AND s2.side <> s.side \
             JOIN actors x ON x.article = s.article AND x.ord = s.actor \
             JOIN actors y ON y.article = s2.article AND y.ord = s2.actor \
             JOIN articles a ON a.rowid = s.article \
             WHERE x.corpus_key = ?1 AND y.corpus_key = ?2",
            &[a, b],
        );
        let q = format!("tension:{a}/{b}");
        assert_eq!(ids(&index, &q), want, "{q}");
        let q = format!("tension:{b}/{a}");
        assert_eq!(ids(&index, &q), want, "{q}");
    }
}
