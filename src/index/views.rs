//! What the reader's corpus screen shows, from the index: actors, themes and tensions
//! across the corpus with their article counts and series by month, who appears with an
//! actor (counts and lift), and the articles behind any row with the passage to open them at.
//!
//! Why SQL on demand and not a model of the whole corpus in memory: at 100,000 articles the
//! index holds 4.7 million actor rows; reading them all took 9 s and tens of megabytes before
//! the screen showed anything. [`CorpusModel::load`] reads only the lists the screen names
//! (corpus actors, themes, pairs of sides: hundreds of rows) and the counts by month kept
//! with every write ([`super::aggregates`]). A filter is a query of [`crate::query`]: its
//! articles go into a temporary table of the screen's connection and every count is then a
//! GROUP BY over the rows of those articles only. The articles behind a row are read a page
//! at a time, newest first.

use super::aggregates::sides_of;
use super::report::association;
use super::search::Order;
use super::{Index, IndexError};
use crate::query::Query;
use rusqlite::types::Value;
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

/// An article as the corpus screen lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleFacts {
    pub rowid: i64,
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub date: Option<String>,
}

/// One actor of the corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorFacts {
    pub key: String,
    pub name: String,
    pub kind: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ThemeFacts {
    pub id: String,
    pub label: String,
}

/// A pair of sides (each a set of corpus actors) and what its tensions are called.
#[derive(Clone, Debug, PartialEq)]
pub struct TensionFacts {
    /// `tensions.pair`: the corpus keys of both sides (see [`super::aggregates`]).
    pub pair: String,
    /// Names of each side's actors joined by " & ", the two sides in name order.
    pub sides: [String; 2],
    /// The label most of its tensions carry, and their kind.
    pub label: String,
    pub kind: String,
}

/// The articles every count is taken over: all, or those a query matched.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Subset {
    #[default]
    All,
    /// Row ids, ascending; `id` tells one subset from another (which one the temporary
    /// table holds).
    Only { id: u64, rowids: Vec<i64> },
}

impl Subset {
    /// Whether the article with row id `rowid` is in the subset.
    pub fn contains(&self, rowid: i64) -> bool {
        match self {
            Subset::All => true,
            Subset::Only { rowids, .. } => rowids.binary_search(&rowid).is_ok(),
        }
    }
}

static SUBSETS: AtomicU64 = AtomicU64::new(1);

/// One row of the actors, themes or tensions list, counted over a subset of the articles.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Index into [`CorpusModel::actors`], `themes` or `tensions`.
    pub item: usize,
    pub articles: usize,
    /// Mentions (actors) or tensions found (tensions); themes count articles only.
    pub mentions: usize,
    /// Articles per month, aligned with [`CorpusModel::months`].
    pub by_month: Vec<usize>,
}

/// Another actor named in the same articles as the one asked about.
#[derive(Clone, Debug, PartialEq)]
pub struct Companion {
    /// Index into [`CorpusModel::actors`].
    pub actor: usize,
    /// Articles naming both.
    pub together: usize,
    /// `P(a,b) / P(a)P(b)` over the subset: 1 is what chance gives.
    pub lift: f64,
    /// Normalised PMI, from -1 to 1.
    pub npmi: f64,
}

/// Who appears with an actor, strongest association first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Companions {
    /// Pairs named together in at least this many articles are ranked by lift; fewer
    /// together is too little to say (a pair seen once with a rare actor has a huge lift).
    pub min_together: usize,
    /// Those with at least `min_together` articles, by lift; then the rest, by articles
    /// together.
    pub list: Vec<Companion>,
    /// How many of `list` reach `min_together`.
    pub ranked: usize,
}

/// What a list of articles is the evidence of (numbers into the model's lists).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behind {
    Actor(usize),
    /// Articles naming both; each opens at the first mention of the second.
    Pair(usize, usize),
    Theme(usize),
    Tension(usize),
}

/// The lists the corpus screen names and the counts over every article, from the index.
#[derive(Clone, Debug, Default)]
pub struct CorpusModel {
    /// Every month from the first dated article to the last, `YYYY-MM`.
    pub months: Vec<String>,
    /// Articles in the index.
    pub total: usize,
    pub actors: Vec<ActorFacts>,
    pub themes: Vec<ThemeFacts>,
    pub tensions: Vec<TensionFacts>,
    by_key: HashMap<String, u32>,
    by_theme: HashMap<String, u32>,
    by_pair: HashMap<String, u32>,
    slot: HashMap<String, u16>,
    /// Rows over every article (from the aggregate tables), and articles by month.
    all: [Vec<Row>; 3],
    all_by_month: Vec<usize>,
    /// Whether `pairs` can be trusted (see [`super::pairs`]).
    pairs_fresh: bool,
    /// The [`Subset::Only`] whose row ids the temporary table `subset` holds.
    in_temp: Cell<u64>,
}

/// Which list of rows.
#[derive(Clone, Copy)]
enum List {
    Actors,
    Themes,
    Tensions,
}

impl CorpusModel {
    /// Read the lists and the counts over every article (see the module doc).
    pub fn load(index: &Index) -> Result<CorpusModel, IndexError> {
        let err = |e| index.err("read the corpus", e);
        let conn = &index.conn;
        let mut model = CorpusModel {
            total: index.article_count()?,
            pairs_fresh: !super::pairs::is_stale(conn).map_err(err)?,
            ..CorpusModel::default()
        };
        let (first, last): (Option<String>, Option<String>) = conn
            .query_row(
                "SELECT min(month), max(month) FROM articles WHERE month IS NOT NULL",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(err)?;
        if let (Some(f), Some(l)) = (first, last) {
            model.months = super::report::month_range(&f, &l);
        }
        model.slot = model
            .months
            .iter()
            .enumerate()
            .map(|(i, m)| (m.clone(), i as u16))
            .collect();
        {
            let mut stmt = conn
                .prepare(
                    "SELECT key, name, kind FROM corpus_actors \
                     ORDER BY articles DESC, mentions DESC, key",
                )
                .map_err(err)?;
            let mut rows = stmt.query([]).map_err(err)?;
            while let Some(r) = rows.next().map_err(err)? {
                let key: String = r.get(0).map_err(err)?;
                model.by_key.insert(key.clone(), model.actors.len() as u32);
                model.actors.push(ActorFacts {
                    key,
                    name: r.get(1).map_err(err)?,
                    kind: r.get(2).map_err(err)?,
                });
            }
        }
        let fresh = model.pairs_fresh;
        // While a first build has not counted the aggregates yet, the rows are the truth.
        let theme_ids = if fresh {
            "SELECT DISTINCT theme FROM theme_months ORDER BY theme"
        } else {
            "SELECT DISTINCT theme_id FROM themes ORDER BY theme_id"
        };
        let ids: Vec<String> = conn
            .prepare(theme_ids)
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(err)?;
        for id in ids {
            let label: String = conn
                .prepare_cached("SELECT label FROM themes WHERE theme_id = ?1 LIMIT 1")
                .and_then(|mut s| s.query_row([&id], |r| r.get(0)))
                .unwrap_or_default();
            model.by_theme.insert(id.clone(), model.themes.len() as u32);
            model.themes.push(ThemeFacts { id, label });
        }
        model.load_tensions(index)?;
        for list in [List::Actors, List::Themes, List::Tensions] {
            model.all[list as usize] = model.rows(index, list, &Subset::All)?;
        }
        model.all_by_month = model.by_month_sql(
            index,
            "SELECT '', coalesce(month, ''), count(*), 0 FROM articles GROUP BY month",
        )?;
        Ok(model)
    }

    /// The pairs of sides in tension, named, each with the label most of its tensions carry.
    fn load_tensions(&mut self, index: &Index) -> Result<(), IndexError> {
        let err = |e| index.err("read the tensions", e);
        let sql = if self.pairs_fresh {
            "SELECT pair, label, kind, tensions FROM tension_labels"
        } else {
            "SELECT pair, label, kind, count(*) FROM tensions WHERE pair <> '' GROUP BY 1, 2, 3"
        };
        // Pair -> its most used (label, kind) and how many tensions carry it.
        type Best = ((String, String), i64);
        let mut labels: HashMap<String, Best> = HashMap::new();
        {
            let mut stmt = index.conn.prepare(sql).map_err(err)?;
            let mut rows = stmt.query([]).map_err(err)?;
            while let Some(r) = rows.next().map_err(err)? {
                let pair: String = r.get(0).map_err(err)?;
                let lk: (String, String) = (r.get(1).map_err(err)?, r.get(2).map_err(err)?);
                let n: i64 = r.get(3).map_err(err)?;
                match labels.get_mut(&pair) {
                    // Most tensions first, then the first label in order.
                    Some(best) if best.1 > n || (best.1 == n && best.0 <= lk) => {}
                    Some(best) => *best = (lk, n),
                    None => {
                        labels.insert(pair, (lk, n));
                    }
                }
            }
        }
        let mut pairs: Vec<(String, Best)> = labels.into_iter().collect();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        for (pair, ((label, kind), _)) in pairs {
            let name_of = |keys: &[&str]| -> String {
                let mut names: Vec<&str> = keys
                    .iter()
                    .map(|k| match self.by_key.get(*k) {
                        Some(&i) => self.actors[i as usize].name.as_str(),
                        None => k,
                    })
                    .collect();
                names.sort_unstable();
                names.join(" & ")
            };
            let [a, b] = sides_of(&pair);
            let mut sides = [name_of(&a), name_of(&b)];
            sides.sort();
            self.by_pair
                .insert(pair.clone(), self.tensions.len() as u32);
            self.tensions.push(TensionFacts {
                pair,
                sides,
                label,
                kind,
            });
        }
        Ok(())
    }

    /// A copy for another connection to the same index (a filter thread's): its temporary
    /// table starts empty.
    pub fn for_another_connection(&self) -> CorpusModel {
        let copy = self.clone();
        copy.in_temp.set(0);
        copy
    }

    /// The number of the corpus actor with this key.
    pub fn actor_by_key(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).map(|&a| a as usize)
    }

    /// The articles of the index a query matched, as a subset (all for the empty query).
    pub fn subset(&self, index: &Index, query: &Query) -> Result<Subset, IndexError> {
        if query.is_empty() {
            return Ok(Subset::All);
        }
        let mut rowids = index.matching_rowids(query)?;
        rowids.sort_unstable();
        rowids.dedup();
        Ok(Subset::Only {
            id: SUBSETS.fetch_add(1, Ordering::Relaxed),
            rowids,
        })
    }

    /// How many articles a subset holds.
    pub fn count(&self, subset: &Subset) -> usize {
        match subset {
            Subset::All => self.total,
            Subset::Only { rowids, .. } => rowids.len(),
        }
    }

    /// Put the subset's row ids in the temporary table `subset`, unless it holds them.
    fn fill(&self, index: &Index, subset: &Subset) -> Result<(), IndexError> {
        let Subset::Only { id, rowids } = subset else {
            return Ok(());
        };
        if self.in_temp.get() == *id {
            return Ok(());
        }
        let err = |e| index.err("keep the filter's articles", e);
        let conn = &index.conn;
        conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS subset(rowid INTEGER PRIMARY KEY); \
             DELETE FROM temp.subset;",
        )
        .map_err(err)?;
        // One transaction: thousands of single-row inserts otherwise each commit.
        conn.execute_batch("SAVEPOINT fill").map_err(err)?;
        let done = (|| {
            let mut add = conn.prepare_cached("INSERT INTO temp.subset(rowid) VALUES (?1)")?;
            for r in rowids {
                add.execute([r])?;
            }
            Ok(())
        })();
        conn.execute_batch("RELEASE fill").map_err(err)?;
        done.map_err(err)?;
        self.in_temp.set(*id);
        Ok(())
    }

    /// (item key, month, articles, mentions) rows of `sql` summed into a series by month.
    fn by_month_sql(&self, index: &Index, sql: &str) -> Result<Vec<usize>, IndexError> {
        let err = |e| index.err("count by month", e);
        let mut v = vec![0; self.months.len()];
        let mut stmt = index.conn.prepare_cached(sql).map_err(err)?;
        let mut rows = stmt.query([]).map_err(err)?;
        while let Some(r) = rows.next().map_err(err)? {
            let month = r.get_ref(1).map_err(err)?;
            let month = month.as_str().unwrap_or("");
            let n: i64 = r.get(2).map_err(err)?;
            if let Some(&m) = self.slot.get(month) {
                v[usize::from(m)] += n.max(0) as usize;
            }
        }
        Ok(v)
    }

    /// Articles per month over a subset.
    pub fn articles_by_month(
        &self,
        index: &Index,
        subset: &Subset,
    ) -> Result<Vec<usize>, IndexError> {
        if *subset == Subset::All {
            return Ok(self.all_by_month.clone());
        }
        self.fill(index, subset)?;
        self.by_month_sql(
            index,
            "SELECT '', coalesce(a.month, ''), count(*), 0 FROM temp.subset s \
             JOIN articles a ON a.rowid = s.rowid GROUP BY a.month",
        )
    }

    /// The SQL giving (item key, month, articles, mentions) over every article.
    fn rows_sql(&self, list: List) -> &'static str {
        match (list, self.pairs_fresh) {
            (List::Actors, true) => "SELECT key, month, articles, mentions FROM actor_months",
            (List::Actors, false) => {
                "SELECT ac.corpus_key, coalesce(a.month, ''), count(DISTINCT ac.article), \
                 sum(ac.mentions) FROM actors ac JOIN articles a ON a.rowid = ac.article \
                 GROUP BY 1, 2"
            }
            (List::Themes, true) => "SELECT theme, month, articles, articles FROM theme_months",
            (List::Themes, false) => {
                "SELECT t.theme_id, coalesce(a.month, ''), count(*), count(*) FROM themes t \
                 JOIN articles a ON a.rowid = t.article GROUP BY 1, 2"
            }
            (List::Tensions, true) => "SELECT pair, month, articles, tensions FROM tension_months",
            (List::Tensions, false) => {
                "SELECT t.pair, coalesce(a.month, ''), count(DISTINCT t.article), count(*) \
                 FROM tensions t JOIN articles a ON a.rowid = t.article WHERE t.pair <> '' \
                 GROUP BY 1, 2"
            }
        }
    }

    /// The SQL giving (article, month, item key, weight) for each row of a list in the
    /// filter's articles, article by article. Counted here, not by a GROUP BY: SQLite's
    /// grouping with `count(DISTINCT)` takes several times as long as reading the rows.
    fn filtered_sql(list: List) -> &'static str {
        // CROSS JOIN keeps the filter's articles outermost (SQLite knows nothing of the
        // temporary table's size and would otherwise scan every actor row).
        match list {
            List::Actors => {
                "SELECT s.rowid, coalesce(a.month, ''), ac.corpus_key, ac.mentions \
                 FROM temp.subset s CROSS JOIN articles a ON a.rowid = s.rowid \
                 CROSS JOIN actors ac ON ac.article = s.rowid"
            }
            List::Themes => {
                "SELECT s.rowid, coalesce(a.month, ''), t.theme_id, 1 \
                 FROM temp.subset s CROSS JOIN articles a ON a.rowid = s.rowid \
                 CROSS JOIN themes t ON t.article = s.rowid"
            }
            List::Tensions => {
                "SELECT s.rowid, coalesce(a.month, ''), t.pair, 1 \
                 FROM temp.subset s CROSS JOIN articles a ON a.rowid = s.rowid \
                 CROSS JOIN tensions t ON t.article = s.rowid WHERE t.pair <> ''"
            }
        }
    }

    /// Rows of a list over a subset, most articles first.
    fn rows(&self, index: &Index, list: List, subset: &Subset) -> Result<Vec<Row>, IndexError> {
        let filtered = *subset != Subset::All;
        if !filtered && !self.all[list as usize].is_empty() {
            return Ok(self.all[list as usize].clone());
        }
        self.fill(index, subset)?;
        let err = |e| index.err("count the corpus", e);
        let numbers = match list {
            List::Actors => &self.by_key,
            List::Themes => &self.by_theme,
            List::Tensions => &self.by_pair,
        };
        let mut rows: Vec<Row> = Vec::new();
        let mut at: HashMap<u32, usize> = HashMap::new();
        let new_row = |rows: &mut Vec<Row>, item: u32| {
            rows.push(Row {
                item: item as usize,
                articles: 0,
                mentions: 0,
                by_month: vec![0; self.months.len()],
            });
            rows.len() - 1
        };
        if filtered {
            let mut stmt = index
                .conn
                .prepare_cached(Self::filtered_sql(list))
                .map_err(err)?;
            let mut found = stmt.query([]).map_err(err)?;
            // The items of the article being read, to count each once per article.
            let mut article: Option<i64> = None;
            let mut here: Vec<u32> = Vec::new();
            while let Some(r) = found.next().map_err(err)? {
                let rowid: i64 = r.get(0).map_err(err)?;
                if article != Some(rowid) {
                    article = Some(rowid);
                    here.clear();
                }
                let key = r.get_ref(2).map_err(err)?;
                let Some(&item) = numbers.get(key.as_str().unwrap_or("")) else {
                    continue;
                };
                let weight: i64 = r.get(3).map_err(err)?;
                let k = *at.entry(item).or_insert_with(|| new_row(&mut rows, item));
                let row = &mut rows[k];
                row.mentions += weight.max(0) as usize;
                if !here.contains(&item) {
                    here.push(item);
                    row.articles += 1;
                    let month = r.get_ref(1).map_err(err)?;
                    if let Some(&m) = self.slot.get(month.as_str().unwrap_or("")) {
                        row.by_month[usize::from(m)] += 1;
                    }
                }
            }
        } else {
            // (key, month, articles, mentions), summed by key.
            let mut stmt = index
                .conn
                .prepare_cached(self.rows_sql(list))
                .map_err(err)?;
            let mut found = stmt.query([]).map_err(err)?;
            while let Some(r) = found.next().map_err(err)? {
                let key = r.get_ref(0).map_err(err)?;
                let Some(&item) = numbers.get(key.as_str().unwrap_or("")) else {
                    continue;
                };
                let month = r.get_ref(1).map_err(err)?;
                let month = self.slot.get(month.as_str().unwrap_or("")).copied();
                let articles: i64 = r.get(2).map_err(err)?;
                let mentions: i64 = r.get(3).map_err(err)?;
                let k = *at.entry(item).or_insert_with(|| new_row(&mut rows, item));
                let row = &mut rows[k];
                row.articles += articles.max(0) as usize;
                row.mentions += mentions.max(0) as usize;
                if let Some(m) = month {
                    row.by_month[usize::from(m)] += articles.max(0) as usize;
                }
            }
        }
        rows.retain(|r| r.articles > 0);
        rows.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then(b.mentions.cmp(&a.mentions))
                .then(a.item.cmp(&b.item))
        });
        Ok(rows)
    }

    /// Actors named in the subset's articles, most articles first.
    pub fn actor_rows(&self, index: &Index, subset: &Subset) -> Result<Vec<Row>, IndexError> {
        self.rows(index, List::Actors, subset)
    }

    /// Themes of the subset's articles, most articles first.
    pub fn theme_rows(&self, index: &Index, subset: &Subset) -> Result<Vec<Row>, IndexError> {
        self.rows(index, List::Themes, subset)
    }

    /// Pairs of sides in tension in the subset's articles, most articles first.
    pub fn tension_rows(&self, index: &Index, subset: &Subset) -> Result<Vec<Row>, IndexError> {
        self.rows(index, List::Tensions, subset)
    }

    /// Who appears with actor `actor` in the subset's articles (see [`Companions`]);
    /// `actor_rows` are the subset's [`CorpusModel::actor_rows`] (each actor's articles).
    pub fn companions(
        &self,
        index: &Index,
        actor: usize,
        subset: &Subset,
        actor_rows: &[Row],
    ) -> Result<Companions, IndexError> {
        let err = |e| index.err("count who appears with the actor", e);
        let Some(key) = self.actors.get(actor).map(|a| a.key.as_str()) else {
            return Ok(Companions::default());
        };
        let filtered = *subset != Subset::All;
        self.fill(index, subset)?;
        let sql = match (filtered, self.pairs_fresh) {
            (false, true) => "SELECT b, together FROM pairs WHERE a = ?1",
            (false, false) => {
                "SELECT y.corpus_key, count(DISTINCT x.article) FROM actors x \
                 JOIN actors y ON y.article = x.article AND y.corpus_key <> x.corpus_key \
                 WHERE x.corpus_key = ?1 GROUP BY 1"
            }
            // (key, 1) per actor row of the actor's articles in the filter, article by
            // article: counted below (see `filtered_sql`).
            (true, _) => {
                "SELECT y.corpus_key, x.article \
                 FROM (SELECT DISTINCT article FROM actors WHERE corpus_key = ?1) x \
                 JOIN temp.subset s ON s.rowid = x.article \
                 CROSS JOIN actors y ON y.article = x.article"
            }
        };
        let articles: HashMap<usize, usize> =
            actor_rows.iter().map(|r| (r.item, r.articles)).collect();
        let mine = articles.get(&actor).copied().unwrap_or(0);
        let n = self.count(subset);
        let mut list: Vec<Companion> = Vec::new();
        {
            let mut stmt = index.conn.prepare_cached(sql).map_err(err)?;
            let mut rows = stmt.query([key]).map_err(err)?;
            let mut counted: HashMap<u32, usize> = HashMap::new();
            // The article being read and its actors so far (each counts once in it).
            let mut article: Option<i64> = None;
            let mut here: Vec<u32> = Vec::new();
            while let Some(r) = rows.next().map_err(err)? {
                let b = r.get_ref(0).map_err(err)?;
                let Some(&b) = self.by_key.get(b.as_str().unwrap_or("")) else {
                    continue;
                };
                let n: i64 = r.get(1).map_err(err)?;
                if filtered {
                    // `n` is the article; its rows come together.
                    if article != Some(n) {
                        article = Some(n);
                        here.clear();
                    }
                    if !here.contains(&b) {
                        here.push(b);
                        *counted.entry(b).or_default() += 1;
                    }
                } else {
                    counted.insert(b, n.max(0) as usize);
                }
            }
            for (b, together) in counted {
                if together == 0 || b as usize == actor {
                    continue;
                }
                let theirs = articles.get(&(b as usize)).copied().unwrap_or(0);
                let (lift, npmi) = association(together, mine, theirs, n);
                list.push(Companion {
                    actor: b as usize,
                    together,
                    lift,
                    npmi,
                });
            }
        }
        let min_together = if mine < 10 {
            1
        } else {
            2.max(mine.div_ceil(100))
        };
        list.sort_by(|x, y| {
            let (xr, yr) = (x.together >= min_together, y.together >= min_together);
            yr.cmp(&xr)
                .then_with(|| {
                    if xr {
                        y.lift.total_cmp(&x.lift)
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .then(y.together.cmp(&x.together))
                .then(x.actor.cmp(&y.actor))
        });
        let ranked = list.iter().filter(|c| c.together >= min_together).count();
        Ok(Companions {
            min_together,
            list,
            ranked,
        })
    }

    /// A page of the subset's articles behind `what`, newest first: `limit` of them from
    /// the `offset`-th.
    pub fn articles_behind(
        &self,
        index: &Index,
        what: Behind,
        subset: &Subset,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<ArticleFacts>, IndexError> {
        let err = |e| index.err("list the articles", e);
        let key = |a: usize| {
            Value::Text(
                self.actors
                    .get(a)
                    .map(|x| x.key.clone())
                    .unwrap_or_default(),
            )
        };
        let (cond, params): (&str, Vec<Value>) = match what {
            Behind::Actor(a) => (
                "a.rowid IN (SELECT article FROM actors WHERE corpus_key = ?1)",
                vec![key(a)],
            ),
            Behind::Pair(a, b) => (
                "a.rowid IN (SELECT article FROM actors WHERE corpus_key = ?1) \
                 AND a.rowid IN (SELECT article FROM actors WHERE corpus_key = ?2)",
                vec![key(a), key(b)],
            ),
            Behind::Theme(t) => (
                "a.rowid IN (SELECT article FROM themes WHERE theme_id = ?1)",
                vec![Value::Text(
                    self.themes.get(t).map(|x| x.id.clone()).unwrap_or_default(),
                )],
            ),
            Behind::Tension(t) => (
                "a.rowid IN (SELECT article FROM tensions WHERE pair = ?1)",
                vec![Value::Text(
                    self.tensions
                        .get(t)
                        .map(|x| x.pair.clone())
                        .unwrap_or_default(),
                )],
            ),
        };
        self.fill(index, subset)?;
        let only = if *subset == Subset::All {
            ""
        } else {
            " AND a.rowid IN (SELECT rowid FROM temp.subset)"
        };
        let sql = format!(
            "SELECT a.rowid, a.id, a.title, a.source, a.date FROM articles a WHERE {cond}{only} \
             ORDER BY a.date DESC, a.id LIMIT {limit} OFFSET {offset}"
        );
        let mut stmt = index.conn.prepare_cached(&sql).map_err(err)?;
        stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok(ArticleFacts {
                rowid: r.get(0)?,
                id: r.get(1)?,
                title: r.get(2)?,
                source: r.get(3)?,
                date: r.get(4)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(err)
    }

    /// Where the first tension of pair `pair` is evidenced in the article with row id
    /// `rowid` (byte offsets into its body).
    pub fn tension_evidence(
        &self,
        index: &Index,
        pair: usize,
        rowid: i64,
    ) -> Result<Option<(usize, usize)>, IndexError> {
        let Some(t) = self.tensions.get(pair) else {
            return Ok(None);
        };
        index.first_span(
            "SELECT first_start, first_end FROM tensions WHERE article = ?1 AND pair = ?2 \
             ORDER BY first_start LIMIT 1",
            rowid,
            &t.pair,
        )
    }
}

impl Index {
    /// Row ids of the articles matching `query` (every term must hold), in no order.
    pub fn matching_rowids(&self, query: &Query) -> Result<Vec<i64>, IndexError> {
        self.matching_column(query, "r")
    }

    /// The ids of the articles `query` matches, in no order (the Notes panel keeps the notes
    /// of these articles).
    pub fn matching_ids(&self, query: &Query) -> Result<Vec<String>, IndexError> {
        self.matching_column(query, "id")
    }

    /// Column `column` (`r`, the row id, or `id`) of the articles matching every term of
    /// `query`, planned as [`Index::plan`] says.
    fn matching_column<T: rusqlite::types::FromSql>(
        &self,
        query: &Query,
        column: &str,
    ) -> Result<Vec<T>, IndexError> {
        let plan = self.plan(query, Order::Unranked, column == "id", None)?;
        let sql = format!("SELECT {column} FROM ({})", plan.sql);
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| self.err("run the query", e))?;
        stmt.query_map(rusqlite::params_from_iter(plan.params.iter()), |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err("run the query", e))
    }

    /// The corpus key of the actor of article `article_id` whose first mention starts at
    /// byte `first_start` (how an article's actor is found among the corpus actors).
    pub fn corpus_key_at(
        &self,
        article_id: &str,
        first_start: usize,
    ) -> Result<Option<String>, IndexError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT corpus_key FROM actors WHERE article = \
                 (SELECT rowid FROM articles WHERE id = ?1) AND first_start = ?2 LIMIT 1",
            )
            .map_err(|e| self.err("find the actor", e))?;
        let mut rows = stmt
            .query(rusqlite::params![article_id, first_start as i64])
            .map_err(|e| self.err("find the actor", e))?;
        match rows.next().map_err(|e| self.err("find the actor", e))? {
            Some(r) => Ok(Some(r.get(0).map_err(|e| self.err("find the actor", e))?)),
            None => Ok(None),
        }
    }

    /// The first mention of corpus actor `key` in article `rowid` (byte offsets).
    pub fn first_mention(
        &self,
        rowid: i64,
        key: &str,
    ) -> Result<Option<(usize, usize)>, IndexError> {
        self.first_span(
            "SELECT first_start, first_end FROM actors WHERE article = ?1 AND corpus_key = ?2 \
             ORDER BY first_start LIMIT 1",
            rowid,
            key,
        )
    }

    /// The first evidence of theme `id` in article `rowid` (byte offsets).
    pub fn first_theme_evidence(
        &self,
        rowid: i64,
        id: &str,
    ) -> Result<Option<(usize, usize)>, IndexError> {
        self.first_span(
            "SELECT first_start, first_end FROM themes WHERE article = ?1 AND theme_id = ?2",
            rowid,
            id,
        )
    }

    pub(crate) fn first_span(
        &self,
        sql: &str,
        rowid: i64,
        key: &str,
    ) -> Result<Option<(usize, usize)>, IndexError> {
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .map_err(|e| self.err("find the evidence", e))?;
        let mut rows = stmt
            .query(rusqlite::params![rowid, key])
            .map_err(|e| self.err("find the evidence", e))?;
        match rows.next().map_err(|e| self.err("find the evidence", e))? {
            Some(r) => {
                let s: i64 = r.get(0).map_err(|e| self.err("find the evidence", e))?;
                let e: i64 = r.get(1).map_err(|e| self.err("find the evidence", e))?;
                Ok(Some((s.max(0) as usize, e.max(0) as usize)))
            }
            None => Ok(None),
        }
    }

    /// The facts of the articles with these ids (those in the index).
    pub fn article_facts(&self, ids: &[&str]) -> Result<HashMap<String, ArticleFacts>, IndexError> {
        let err = |e| self.err("read the articles", e);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT rowid, id, title, source, date FROM articles WHERE id = ?1")
            .map_err(err)?;
        let mut out = HashMap::new();
        for id in ids {
            let mut rows = stmt.query([id]).map_err(err)?;
            if let Some(r) = rows.next().map_err(err)? {
                let facts = ArticleFacts {
                    rowid: r.get(0).map_err(err)?,
                    id: r.get(1).map_err(err)?,
                    title: r.get(2).map_err(err)?,
                    source: r.get(3).map_err(err)?,
                    date: r.get(4).map_err(err)?,
                };
                out.insert(facts.id.clone(), facts);
            }
        }
        Ok(out)
    }
}
