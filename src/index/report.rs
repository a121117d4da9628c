//! Corpus aggregates from the index: top actors, themes and tensions with their article
//! counts and series by month, and who appears with whom.
//!
//! Co-occurrence is counted in articles (two actors named in the same article), scored by
//! lift (`P(a,b) / P(a)P(b)`: 1 is what chance gives) and by normalised PMI (`log lift /
//! -log P(a,b)`, from -1 to 1), so an actor named everywhere does not top every list by
//! frequency alone.

use super::{Index, IndexError};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq)]
pub struct ActorStat {
    pub key: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub articles: usize,
    pub mentions: usize,
    /// Articles per month, aligned with [`Report::months`].
    pub by_month: Vec<usize>,
    /// A few article ids, most salient first.
    pub examples: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ThemeStat {
    pub id: String,
    pub label: String,
    pub articles: usize,
    pub by_month: Vec<usize>,
    pub examples: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TensionStat {
    /// The two sides, each the names of its corpus actors joined by " & ", in name order.
    pub sides: [String; 2],
    /// The label most of its tensions carry.
    pub label: String,
    pub kind: String,
    pub articles: usize,
    pub by_month: Vec<usize>,
    pub examples: Vec<String>,
}

/// Two actors named in the same articles.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    pub a: String,
    pub a_name: String,
    pub b: String,
    pub b_name: String,
    pub together: usize,
    pub lift: f64,
    pub npmi: f64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub articles: usize,
    /// Every month from the first dated article to the last, `YYYY-MM`.
    pub months: Vec<String>,
    /// Articles per month, aligned with `months`.
    pub articles_by_month: Vec<usize>,
    pub actors: Vec<ActorStat>,
    pub themes: Vec<ThemeStat>,
    pub tensions: Vec<TensionStat>,
    pub pairs: Vec<Pair>,
}

/// Lift and normalised PMI of two actors named together in `ab` of `n` articles, each in
/// `a` and `b` articles.
pub fn association(ab: usize, a: usize, b: usize, n: usize) -> (f64, f64) {
    if ab == 0 || a == 0 || b == 0 || n == 0 {
        return (0.0, -1.0);
    }
    let (ab, a, b, n) = (ab as f64, a as f64, b as f64, n as f64);
    let lift = ab * n / (a * b);
    let p_ab = ab / n;
    let npmi = if p_ab >= 1.0 {
        1.0
    } else {
        lift.ln() / -p_ab.ln()
    };
    (lift, npmi)
}

/// Every month from `first` to `last` (`YYYY-MM`), both included.
pub fn month_range(first: &str, last: &str) -> Vec<String> {
    let parse = |m: &str| -> Option<(i32, u32)> {
        Some((m.get(..4)?.parse().ok()?, m.get(5..7)?.parse().ok()?))
    };
    let (Some((mut y, mut m)), Some(end)) = (parse(first), parse(last)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while (y, m) <= end && out.len() < 1200 {
        out.push(format!("{y:04}-{m:02}"));
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    out
}

impl Index {
    fn months(&self) -> Result<(Vec<String>, HashMap<String, usize>), IndexError> {
        let (first, last): (Option<String>, Option<String>) = self
            .conn
            .query_row(
                "SELECT min(month), max(month) FROM articles WHERE month IS NOT NULL",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.err("read months", e))?;
        let months = match (first, last) {
            (Some(f), Some(l)) => month_range(&f, &l),
            _ => Vec::new(),
        };
        let slot = months
            .iter()
            .enumerate()
            .map(|(i, m)| (m.clone(), i))
            .collect();
        Ok((months, slot))
    }

    /// Rows of (group key, month) -> series aligned to `slot`.
    fn series(
        &self,
        sql: &str,
        params: &[&dyn rusqlite::ToSql],
        slot: &HashMap<String, usize>,
        len: usize,
    ) -> Result<HashMap<String, Vec<usize>>, IndexError> {
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .map_err(|e| self.err("count by month", e))?;
        let mut rows = stmt
            .query(params)
            .map_err(|e| self.err("count by month", e))?;
        let mut out: HashMap<String, Vec<usize>> = HashMap::new();
        while let Some(r) = rows.next().map_err(|e| self.err("count by month", e))? {
            let key: String = r.get(0).map_err(|e| self.err("count by month", e))?;
            let month: Option<String> = r.get(1).map_err(|e| self.err("count by month", e))?;
            let n: i64 = r.get(2).map_err(|e| self.err("count by month", e))?;
            if let Some(&i) = month.as_ref().and_then(|m| slot.get(m)) {
                out.entry(key).or_insert_with(|| vec![0; len])[i] += n as usize;
            }
        }
        Ok(out)
    }

    /// The ids of the `n` articles with the highest score, ties by id: `sql` gives (article
    /// rowid, score) rows for `key`, highest score first (an index order), and is read only
    /// until the `n`-th article's score is passed, not to the end.
    fn top_articles(&self, sql: &str, key: &str, n: usize) -> Result<Vec<String>, IndexError> {
        let err = |e| self.err("read examples", e);
        let mut best: Vec<(f64, i64)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        {
            let mut stmt = self.conn.prepare_cached(sql).map_err(err)?;
            let mut rows = stmt.query([key]).map_err(err)?;
            while let Some(r) = rows.next().map_err(err)? {
                let article: i64 = r.get(0).map_err(err)?;
                let score: f64 = r.get(1).map_err(err)?;
                if best.len() >= n && best.get(n - 1).is_some_and(|b| score < b.0) {
                    break;
                }
                // Rows come by score: an article's first row is its highest.
                if seen.insert(article) {
                    best.push((score, article));
                }
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM articles WHERE rowid = ?1")
            .map_err(err)?;
        let mut named: Vec<(f64, String)> = Vec::with_capacity(best.len());
        for (score, rowid) in best {
            let id: String = stmt.query_row([rowid], |r| r.get(0)).map_err(err)?;
            named.push((score, id));
        }
        named.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        Ok(named.into_iter().take(n).map(|(_, id)| id).collect())
    }

    /// The corpus report: the `top` actors, themes and tensions, and the `top` pairs.
    pub fn report(&self, top: usize) -> Result<Report, IndexError> {
        let articles = self.article_count()?;
        let (months, slot) = self.months()?;
        let all = self.series(
            "SELECT '', month, count(*) FROM articles GROUP BY month",
            &[],
            &slot,
            months.len(),
        )?;
        let articles_by_month = all
            .get("")
            .cloned()
            .unwrap_or_else(|| vec![0; months.len()]);
        let actors = self.top_actors(top, &slot, months.len())?;
        let themes = self.top_themes(top, &slot, months.len())?;
        let tensions = self.top_tensions(top, &slot, months.len())?;
        let pairs = self.top_pairs(top)?;
        Ok(Report {
            articles,
            months,
            articles_by_month,
            actors,
            themes,
            tensions,
            pairs,
        })
    }

    /// The corpus actors with the most articles (all when `top` is 0).
    pub fn corpus_actors(&self, top: usize) -> Result<Vec<ActorStat>, IndexError> {
        let (months, slot) = self.months()?;
        self.top_actors(top, &slot, months.len())
    }

    /// One corpus actor by key.
    pub fn corpus_actor(&self, key: &str) -> Result<Option<ActorStat>, IndexError> {
        let (months, slot) = self.months()?;
        Ok(self
            .actors_where("WHERE key = ?1", &[&key], 1, &slot, months.len())?
            .into_iter()
            .next())
    }

    /// The corpus actor a name means: the one whose key it is, else the one with the most
    /// articles among those with a name or alias holding its words.
    pub fn find_actor(&self, name: &str) -> Result<Option<ActorStat>, IndexError> {
        let key = crate::analysis::actors::slug(name);
        if key.is_empty() {
            return Ok(None);
        }
        if let Some(a) = self.corpus_actor(&key)? {
            return Ok(Some(a));
        }
        let found: Option<String> = self
            .conn
            .query_row(
                "SELECT key FROM corpus_actors WHERE forms LIKE ?1 ORDER BY articles DESC, key LIMIT 1",
                [format!("%-{key}-%")],
                |r| r.get(0),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })
            .map_err(|e| self.err("find the actor", e))?;
        match found {
            Some(k) => self.corpus_actor(&k),
            None => Ok(None),
        }
    }

    fn top_actors(
        &self,
        top: usize,
        slot: &HashMap<String, usize>,
        len: usize,
    ) -> Result<Vec<ActorStat>, IndexError> {
        self.actors_where("", &[], top, slot, len)
    }

    fn actors_where(
        &self,
        filter: &str,
        params: &[&dyn rusqlite::ToSql],
        top: usize,
        slot: &HashMap<String, usize>,
        len: usize,
    ) -> Result<Vec<ActorStat>, IndexError> {
        let limit = if top == 0 { -1 } else { top as i64 };
        let sql = format!(
            "SELECT key, name, kind, aliases, articles, mentions FROM corpus_actors {filter} \
             ORDER BY articles DESC, mentions DESC, key LIMIT {limit}"
        );
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.err("read corpus actors", e))?;
        let mut list: Vec<ActorStat> = stmt
            .query_map(params, |r| {
                Ok(ActorStat {
                    key: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    aliases: r.get::<_, String>(3)?.lines().map(str::to_string).collect(),
                    articles: r.get::<_, i64>(4)? as usize,
                    mentions: r.get::<_, i64>(5)? as usize,
                    by_month: vec![0; len],
                    examples: Vec::new(),
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err("read corpus actors", e))?;
        // The counts kept by month (see `index::aggregates`), unless a build is counting them.
        let series_sql =
            if super::pairs::is_stale(&self.conn).map_err(|e| self.err("read corpus actors", e))? {
                "SELECT ac.corpus_key, a.month, count(DISTINCT a.rowid) FROM actors ac \
             JOIN articles a ON a.rowid = ac.article WHERE ac.corpus_key = ?1 GROUP BY a.month"
            } else {
                "SELECT key, month, articles FROM actor_months WHERE key = ?1"
            };
        for a in &mut list {
            let s = self.series(series_sql, &[&a.key], slot, len)?;
            if let Some(v) = s.get(&a.key) {
                a.by_month = v.clone();
            }
            a.examples = self.top_articles(
                "SELECT article, salience FROM actors WHERE corpus_key = ?1 ORDER BY salience DESC",
                &a.key,
                5,
            )?;
        }
        Ok(list)
    }

    /// Themes by number of articles (all when `top` is 0).
    pub fn themes(&self, top: usize) -> Result<Vec<ThemeStat>, IndexError> {
        let (months, slot) = self.months()?;
        self.top_themes(top, &slot, months.len())
    }

    fn top_themes(
        &self,
        top: usize,
        _slot: &HashMap<String, usize>,
        _len: usize,
    ) -> Result<Vec<ThemeStat>, IndexError> {
        let model = super::views::CorpusModel::load(self)?;
        let rows = model.theme_rows(self, &super::views::Subset::All)?;
        let take = if top == 0 { rows.len() } else { top };
        let mut list = Vec::new();
        for r in rows.into_iter().take(take) {
            let t = &model.themes[r.item];
            list.push(ThemeStat {
                id: t.id.clone(),
                label: t.label.clone(),
                articles: r.articles,
                by_month: r.by_month,
                examples: self.top_articles(
                    "SELECT article, score FROM themes WHERE theme_id = ?1 ORDER BY score DESC",
                    &t.id,
                    5,
                )?,
            });
        }
        Ok(list)
    }

    /// Tensions grouped by their pair of sides (as corpus actors), by number of articles.
    pub fn tensions(&self, top: usize) -> Result<Vec<TensionStat>, IndexError> {
        let (months, slot) = self.months()?;
        self.top_tensions(top, &slot, months.len())
    }

    fn top_tensions(
        &self,
        top: usize,
        _slot: &HashMap<String, usize>,
        _len: usize,
    ) -> Result<Vec<TensionStat>, IndexError> {
        let model = super::views::CorpusModel::load(self)?;
        let mut rows = model.tension_rows(self, &super::views::Subset::All)?;
        rows.sort_by(|a, b| {
            b.articles.cmp(&a.articles).then_with(|| {
                model.tensions[a.item]
                    .sides
                    .cmp(&model.tensions[b.item].sides)
            })
        });
        let take = if top == 0 { rows.len() } else { top };
        let mut list = Vec::new();
        for r in rows.into_iter().take(take) {
            let t = &model.tensions[r.item];
            list.push(TensionStat {
                sides: t.sides.clone(),
                label: t.label.clone(),
                kind: t.kind.clone(),
                articles: r.articles,
                by_month: r.by_month,
                examples: self.top_articles(
                    "SELECT article, score FROM tensions WHERE pair = ?1 ORDER BY score DESC",
                    &t.pair,
                    5,
                )?,
            });
        }
        Ok(list)
    }

    /// Who appears with the corpus actor `key`: other actors named in its articles, most
    /// articles together first, with lift and normalised PMI.
    pub fn cooccurrence(&self, key: &str, top: usize) -> Result<Vec<Pair>, IndexError> {
        let err = |e| self.err("count co-occurrences", e);
        let n = self.article_count()?;
        let (a_name, a_articles): (String, i64) = match self.conn.query_row(
            "SELECT name, articles FROM corpus_actors WHERE key = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        ) {
            Ok(v) => v,
            Err(rusqlite::Error::QueryReturnedNoRows) => return Ok(Vec::new()),
            Err(e) => return Err(err(e)),
        };
        // The pair table (see `index::pairs`), unless a build is still counting it.
        let stale = super::pairs::is_stale(&self.conn).map_err(err)?;
        let sql = if stale {
            "SELECT c.key, c.name, c.articles, x.together FROM \
             (SELECT b.corpus_key AS k, count(DISTINCT b.article) AS together \
              FROM actors a JOIN actors b ON b.article = a.article AND b.corpus_key <> a.corpus_key \
              WHERE a.corpus_key = ?1 GROUP BY b.corpus_key) x \
             JOIN corpus_actors c ON c.key = x.k"
        } else {
            "SELECT c.key, c.name, c.articles, p.together FROM pairs p \
             JOIN corpus_actors c ON c.key = p.b WHERE p.a = ?1"
        };
        let mut stmt = self.conn.prepare_cached(sql).map_err(err)?;
        let mut pairs: Vec<Pair> = stmt
            .query_map([key], |r| {
                let together = r.get::<_, i64>(3)? as usize;
                let b_articles = r.get::<_, i64>(2)? as usize;
                let (lift, npmi) = association(together, a_articles as usize, b_articles, n);
                Ok(Pair {
                    a: key.to_string(),
                    a_name: a_name.clone(),
                    b: r.get(0)?,
                    b_name: r.get(1)?,
                    together,
                    lift,
                    npmi,
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(err)?;
        pairs.sort_by(|x, y| {
            y.together
                .cmp(&x.together)
                .then(y.npmi.total_cmp(&x.npmi))
                .then_with(|| x.b.cmp(&y.b))
        });
        if top > 0 {
            pairs.truncate(top);
        }
        Ok(pairs)
    }

    /// The pairs of actors most associated across the corpus: among the 200 actors with
    /// the most articles, pairs named together in at least max(3, 0.5% of articles)
    /// articles, by normalised PMI.
    fn top_pairs(&self, top: usize) -> Result<Vec<Pair>, IndexError> {
        let err = |e| self.err("count co-occurrences", e);
        let n = self.article_count()?;
        let mut stmt = self
            .conn
            .prepare("SELECT key, name, articles FROM corpus_actors ORDER BY articles DESC, key LIMIT 200")
            .map_err(err)?;
        let actors: Vec<(String, String, usize)> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as usize))
            })
            .and_then(|rows| rows.collect())
            .map_err(err)?;
        let slot: HashMap<&str, usize> = actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.0.as_str(), i))
            .collect();
        let mut together: HashMap<(usize, usize), usize> = HashMap::new();
        if !super::pairs::is_stale(&self.conn).map_err(err)? {
            // The pair table has the counts: read those of the actors above.
            let mut stmt = self
                .conn
                .prepare_cached("SELECT a, b, together FROM pairs WHERE a < b")
                .map_err(err)?;
            let mut rows = stmt.query([]).map_err(err)?;
            while let Some(r) = rows.next().map_err(err)? {
                let a = r
                    .get_ref(0)
                    .map_err(err)?
                    .as_str()
                    .map_err(|e| err(e.into()))?;
                let Some(&i) = slot.get(a) else { continue };
                let b = r
                    .get_ref(1)
                    .map_err(err)?
                    .as_str()
                    .map_err(|e| err(e.into()))?;
                let Some(&j) = slot.get(b) else { continue };
                let n: i64 = r.get(2).map_err(err)?;
                together.insert((i.min(j), i.max(j)), n.max(0) as usize);
            }
            return Ok(ranked_pairs(together, &actors, n, top));
        }
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT article, corpus_key FROM actors ORDER BY article")
            .map_err(err)?;
        let mut rows = stmt.query([]).map_err(err)?;
        let mut current: Option<i64> = None;
        let mut here: Vec<usize> = Vec::new();
        let mut flush = |here: &mut Vec<usize>| {
            here.sort_unstable();
            here.dedup();
            for i in 0..here.len() {
                for j in i + 1..here.len() {
                    *together.entry((here[i], here[j])).or_default() += 1;
                }
            }
            here.clear();
        };
        while let Some(r) = rows.next().map_err(err)? {
            let article: i64 = r.get(0).map_err(err)?;
            let key: String = r.get(1).map_err(err)?;
            if current != Some(article) {
                flush(&mut here);
                current = Some(article);
            }
            if let Some(&i) = slot.get(key.as_str()) {
                here.push(i);
            }
        }
        flush(&mut here);
        Ok(ranked_pairs(together, &actors, n, top))
    }
}

/// The pairs named together in at least max(3, 0.5% of the `n` articles) articles, by
/// normalised PMI; `actors` are (key, name, articles) by the numbers in `together`.
fn ranked_pairs(
    together: HashMap<(usize, usize), usize>,
    actors: &[(String, String, usize)],
    n: usize,
    top: usize,
) -> Vec<Pair> {
    let min = 3.max(n / 200);
    let mut pairs: Vec<Pair> = together
        .into_iter()
        .filter(|&(_, c)| c >= min)
        .map(|((i, j), c)| {
            let (a, b) = (&actors[i], &actors[j]);
            let (lift, npmi) = association(c, a.2, b.2, n);
            Pair {
                a: a.0.clone(),
                a_name: a.1.clone(),
                b: b.0.clone(),
                b_name: b.1.clone(),
                together: c,
                lift,
                npmi,
            }
        })
        .collect();
    pairs.sort_by(|x, y| {
        y.npmi
            .total_cmp(&x.npmi)
            .then(y.together.cmp(&x.together))
            .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    if top > 0 {
        pairs.truncate(top);
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn association_is_one_for_independence_and_grows_with_attraction() {
        // 100 articles; a in 20, b in 50; independent: together in 10.
        let (lift, npmi) = association(10, 20, 50, 100);
        assert!((lift - 1.0).abs() < 1e-9 && npmi.abs() < 1e-9);
        let (lift, npmi) = association(20, 20, 20, 100);
        assert!((lift - 5.0).abs() < 1e-9);
        assert!(
            (npmi - 1.0).abs() < 1e-9,
            "always together: npmi 1, got {npmi}"
        );
        let (lift, _) = association(2, 20, 50, 100);
        assert!(lift < 1.0);
    }

    #[test]
    fn months_fill_gaps_across_years() {
        assert_eq!(
            month_range("2024-11", "2025-02"),
            ["2024-11", "2024-12", "2025-01", "2025-02"]
        );
        assert!(month_range("x", "2025-01").is_empty());
    }
}
