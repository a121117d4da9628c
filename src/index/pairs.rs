//! The co-occurrence table: for every two corpus actors named in the same articles, in how
//! many (`pairs`, both directions stored, so one actor's partners are one index range).
//!
//! Counting them at query time joins every actor row of an actor's articles (millions of
//! rows for an actor named in most of 100,000 articles). Here each write that changes which
//! corpus actors an article names (an article written or removed, a lone surname joining or
//! leaving a full name) changes the counts of that article's pairs in the same transaction,
//! so the table is always what a count over `actors` gives. A first build, or an update cut
//! short before the table was brought in line, marks the table stale in `meta`; it is then
//! counted afresh at the end of the update, and queries count from `actors` meanwhile.

use rusqlite::Transaction;
use std::collections::{BTreeSet, HashMap};

/// `meta` key present while `pairs` is not to be trusted.
const STALE: &str = "pairs_stale";

/// Changes to the pair counts not written yet: `(a, b)` with `a < b`.
#[derive(Debug, Default)]
pub struct PairDelta {
    counts: HashMap<(String, String), i64>,
}

impl PairDelta {
    /// An article that named the corpus actors `old` now names `new`: its pairs that went
    /// lose one article, those that came gain one.
    pub fn change(&mut self, old: &BTreeSet<String>, new: &BTreeSet<String>) {
        if old == new {
            return;
        }
        self.add_pairs(old, new, -1);
        self.add_pairs(new, old, 1);
    }

    /// `d` for each pair of `set` that is not also a pair of `other`.
    fn add_pairs(&mut self, set: &BTreeSet<String>, other: &BTreeSet<String>, d: i64) {
        let keys: Vec<&String> = set.iter().collect();
        for (i, a) in keys.iter().enumerate() {
            let a_kept = other.contains(*a);
            for b in &keys[i + 1..] {
                if a_kept && other.contains(*b) {
                    continue;
                }
                *self.counts.entry(((*a).clone(), (*b).clone())).or_default() += d;
            }
        }
    }

    /// Write the changes (in the transaction that made them) and forget them.
    pub fn apply(&mut self, tx: &Transaction) -> rusqlite::Result<()> {
        let mut add = tx.prepare_cached(
            "INSERT INTO pairs(a, b, together) VALUES (?1, ?2, ?3) \
             ON CONFLICT(a, b) DO UPDATE SET together = together + excluded.together",
        )?;
        let mut drop =
            tx.prepare_cached("DELETE FROM pairs WHERE a = ?1 AND b = ?2 AND together <= 0")?;
        for ((a, b), d) in self.counts.drain() {
            if d == 0 {
                continue;
            }
            for (x, y) in [(&a, &b), (&b, &a)] {
                add.execute(rusqlite::params![x, y, d])?;
                if d < 0 {
                    drop.execute([x, y])?;
                }
            }
        }
        Ok(())
    }
}

/// The corpus actors article `rowid` names now.
pub fn article_keys(tx: &Transaction, rowid: i64) -> rusqlite::Result<BTreeSet<String>> {
    let mut stmt =
        tx.prepare_cached("SELECT DISTINCT corpus_key FROM actors WHERE article = ?1")?;
    let keys = stmt.query_map([rowid], |r| r.get(0))?;
    keys.collect()
}

/// Whether `pairs` must be counted afresh (see the module).
pub fn is_stale(conn: &rusqlite::Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM meta WHERE key = ?1)",
        [STALE],
        |r| r.get(0),
    )
}

/// Mark `pairs` stale (committed before the writes it does not follow).
pub fn mark_stale(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, '1')",
        [STALE],
    )
    .map(|_| ())
}

/// Count every pair afresh from `actors` and clear the stale mark, in one transaction.
pub fn rebuild(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM pairs", [])?;
    // Corpus keys as numbers while counting: one string per actor, not per pair.
    let mut names: Vec<String> = Vec::new();
    let mut number: HashMap<String, u32> = HashMap::new();
    let mut together: HashMap<(u32, u32), i64> = HashMap::new();
    {
        let mut stmt =
            tx.prepare("SELECT DISTINCT article, corpus_key FROM actors ORDER BY article")?;
        let mut rows = stmt.query([])?;
        let mut current: Option<i64> = None;
        let mut here: Vec<u32> = Vec::new();
        let mut flush = |here: &mut Vec<u32>| {
            here.sort_unstable();
            here.dedup();
            for (i, &a) in here.iter().enumerate() {
                for &b in &here[i + 1..] {
                    *together.entry((a, b)).or_default() += 1;
                }
            }
            here.clear();
        };
        while let Some(r) = rows.next()? {
            let article: i64 = r.get(0)?;
            let key: String = r.get(1)?;
            if current != Some(article) {
                flush(&mut here);
                current = Some(article);
            }
            let n = match number.get(&key) {
                Some(&n) => n,
                None => {
                    let n = names.len() as u32;
                    number.insert(key.clone(), n);
                    names.push(key);
                    n
                }
            };
            here.push(n);
        }
        flush(&mut here);
    }
    let mut add = tx.prepare("INSERT INTO pairs(a, b, together) VALUES (?1, ?2, ?3)")?;
    for ((a, b), n) in together {
        let (a, b) = (&names[a as usize], &names[b as usize]);
        add.execute(rusqlite::params![a, b, n])?;
        add.execute(rusqlite::params![b, a, n])?;
    }
    tx.execute("DELETE FROM meta WHERE key = ?1", [STALE])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(keys: &[&str]) -> BTreeSet<String> {
        keys.iter().map(|k| k.to_string()).collect()
    }

    #[test]
    fn a_change_counts_only_the_pairs_that_came_or_went() {
        let mut d = PairDelta::default();
        d.change(&set(&["a", "b", "c"]), &set(&["a", "b", "d"]));
        let mut got: Vec<_> = d
            .counts
            .iter()
            .map(|((a, b), n)| (a.as_str(), b.as_str(), *n))
            .collect();
        got.sort();
        assert_eq!(
            got,
            [("a", "c", -1), ("a", "d", 1), ("b", "c", -1), ("b", "d", 1)]
        );
        let mut same = PairDelta::default();
        same.change(&set(&["a", "b"]), &set(&["a", "b"]));
        assert!(same.counts.is_empty());
    }
}
