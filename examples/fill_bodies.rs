//! For `scripts/bench_index.sh --replicate`: give every article of an index that has no row
//! in the full-text table one, made from its file as `newslens index` makes it (title and
//! body as loaded). The replicated index copies the analysis rows of 10,000 articles K
//! times but cannot copy their full text (the table keeps no text to copy), so without this
//! a free-text query at K x 10,000 would search 10,000 bodies only.
//!
//!   cargo run --release --example fill_bodies -- CORPUS_FOLDER

use newslens::corpus::{self, LoadOptions};
use std::collections::HashSet;
use std::path::PathBuf;

fn main() {
    let Some(root) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: fill_bodies CORPUS_FOLDER");
        std::process::exit(2);
    };
    let db = root.join(".newslens").join("index.sqlite");
    let mut conn = rusqlite::Connection::open(&db).unwrap_or_else(|e| {
        eprintln!("{}: {e}", db.display());
        std::process::exit(1);
    });
    let have: HashSet<i64> = conn
        .prepare("SELECT rowid FROM bodies")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("read the full-text rowids");
    let missing: Vec<(i64, String)> = conn
        .prepare("SELECT rowid, path FROM articles ORDER BY rowid")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<Vec<_>, _>>()
        })
        .expect("read the articles")
        .into_iter()
        .filter(|(rowid, _)| !have.contains(rowid))
        .collect();
    let tx = conn.transaction().expect("begin");
    let mut added = 0;
    {
        let mut add = tx
            .prepare("INSERT INTO bodies(rowid, title, body) VALUES (?1, ?2, ?3)")
            .expect("prepare");
        for (rowid, path) in &missing {
            let loaded = corpus::load(&[root.join(path)], &LoadOptions::default());
            let Some(a) = loaded.articles.first() else {
                eprintln!("{path}: not loaded");
                continue;
            };
            add.execute(rusqlite::params![rowid, a.title, a.body])
                .expect("insert");
            added += 1;
        }
    }
    tx.commit().expect("commit");
    println!(
        "{added} bodies added to the full-text table ({} had one)",
        have.len()
    );
}
