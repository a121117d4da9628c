//! What the reader's corpus screen shows, from the index: actors, themes and tensions
//! across the corpus with their article counts and series by month, who appears with an
//! actor (counts and lift), and the articles behind any row with the passage to open them at.
//!
//! Why a compact model in memory and not one SQL query per screen: grouping the `actors`
//! table by corpus actor and month takes 0.7 s of CPU on a 10,000-article index (485,000
//! rows), and one actor's co-occurrence 0.2 s; the screen redraws these as the cursor moves
//! and as a filter is typed. [`CorpusModel::load`] reads the few columns they need once (a
//! scan of each table, no join over the big ones), as integers: an article's actors are a
//! slice of actor numbers, an actor's articles a slice of article numbers. Every aggregate is
//! then a pass over the slices it touches: about 1 ms for all actors of 10,000 articles. A
//! filter is a query of [`crate::query`], run by SQLite ([`Index::matching_rowids`]), that
//! restricts the articles every count is taken over.
//!
//! Memory: 12 bytes per (article, actor) pair plus the article facts (id, title, source,
//! date): about 7 MB at 10,000 articles.

use super::report::association;
use super::search::term_sql;
use super::{Index, IndexError};
use crate::query::Query;
use rusqlite::types::Value;
use std::collections::{BTreeSet, HashMap};

/// An article as the corpus screen lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleFacts {
    pub rowid: i64,
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub date: Option<String>,
    /// Index into [`CorpusModel::months`], for dated articles.
    pub month: Option<u16>,
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
    /// Names of each side's actors joined by " & ", the two sides in name order.
    pub sides: [String; 2],
    /// The label most of its tensions carry, and their kind.
    pub label: String,
    pub kind: String,
}

/// The articles of a [`Subset`]: every article, or those a query matched (sorted dense
/// article numbers).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Subset {
    #[default]
    All,
    Only(Vec<bool>),
}

impl Subset {
    /// Whether dense article `article` is in the subset.
    pub fn contains(&self, article: usize) -> bool {
        self.has(article as u32)
    }

    fn has(&self, article: u32) -> bool {
        match self {
            Subset::All => true,
            Subset::Only(mask) => mask.get(article as usize).copied().unwrap_or(false),
        }
    }
}

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

/// The per-(article, item) slices of one kind of row, both ways.
#[derive(Clone, Debug, Default)]
struct Links {
    /// Article `a`'s items are `items[by_article[a]..by_article[a + 1]]`.
    by_article: Vec<u32>,
    items: Vec<u32>,
    /// Mentions of the item in the article (actors), tensions of the pair (tensions), 1
    /// (themes).
    weight: Vec<u32>,
    /// Item `i`'s articles are `articles[by_item[i]..by_item[i + 1]]`, ascending.
    by_item: Vec<u32>,
    articles: Vec<u32>,
}

impl Links {
    /// From (article, item, weight) triples sorted by article; the same item twice in one
    /// article is one link (weights added).
    fn build(articles: usize, items: usize, mut triples: Vec<(u32, u32, u32)>) -> Links {
        triples.sort_unstable();
        let mut links = Links {
            by_article: Vec::with_capacity(articles + 1),
            ..Links::default()
        };
        let mut at = 0;
        for a in 0..articles as u32 {
            links.by_article.push(links.items.len() as u32);
            while at < triples.len() && triples[at].0 == a {
                let (_, item, w) = triples[at];
                if links.items.len() > *links.by_article.last().unwrap_or(&0) as usize
                    && links.items.last() == Some(&item)
                {
                    if let Some(last) = links.weight.last_mut() {
                        *last += w;
                    }
                } else {
                    links.items.push(item);
                    links.weight.push(w);
                }
                at += 1;
            }
        }
        links.by_article.push(links.items.len() as u32);
        // Invert: counting sort by item keeps articles ascending within each item.
        let mut count = vec![0u32; items + 1];
        for &i in &links.items {
            count[i as usize + 1] += 1;
        }
        for i in 0..items {
            count[i + 1] += count[i];
        }
        links.by_item = count.clone();
        links.articles = vec![0; links.items.len()];
        for a in 0..articles {
            for k in links.by_article[a] as usize..links.by_article[a + 1] as usize {
                let i = links.items[k] as usize;
                links.articles[count[i] as usize] = a as u32;
                count[i] += 1;
            }
        }
        links
    }

    fn of_article(&self, a: u32) -> std::ops::Range<usize> {
        let a = a as usize;
        match (self.by_article.get(a), self.by_article.get(a + 1)) {
            (Some(&s), Some(&e)) => s as usize..e as usize,
            _ => 0..0,
        }
    }

    fn articles_of(&self, item: usize) -> &[u32] {
        match (self.by_item.get(item), self.by_item.get(item + 1)) {
            (Some(&s), Some(&e)) => &self.articles[s as usize..e as usize],
            _ => &[],
        }
    }

    /// Rows for every item with at least one article of `subset`, most articles first.
    fn rows(&self, subset: &Subset, months: usize, month_of: &[Option<u16>]) -> Vec<Row> {
        let items = self.by_item.len().saturating_sub(1);
        let mut rows: Vec<Row> = (0..items)
            .map(|item| Row {
                item,
                articles: 0,
                mentions: 0,
                by_month: Vec::new(),
            })
            .collect();
        for (a, m) in month_of.iter().enumerate() {
            if !subset.has(a as u32) {
                continue;
            }
            for k in self.of_article(a as u32) {
                let row = &mut rows[self.items[k] as usize];
                row.articles += 1;
                row.mentions += self.weight[k] as usize;
                if let Some(m) = *m {
                    if row.by_month.is_empty() {
                        row.by_month = vec![0; months];
                    }
                    row.by_month[usize::from(m)] += 1;
                }
            }
        }
        rows.retain(|r| r.articles > 0);
        for r in &mut rows {
            if r.by_month.is_empty() {
                r.by_month = vec![0; months];
            }
        }
        rows.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then(b.mentions.cmp(&a.mentions))
                .then(a.item.cmp(&b.item))
        });
        rows
    }
}

/// Where a tension of a pair of sides is evidenced in one article.
#[derive(Clone, Copy, Debug, PartialEq)]
struct TensionPlace {
    article: u32,
    pair: u32,
    start: u32,
    end: u32,
}

/// Everything the corpus screen counts, loaded once from the index.
#[derive(Clone, Debug, Default)]
pub struct CorpusModel {
    /// Every month from the first dated article to the last, `YYYY-MM`.
    pub months: Vec<String>,
    /// By dense article number.
    pub articles: Vec<ArticleFacts>,
    pub actors: Vec<ActorFacts>,
    pub themes: Vec<ThemeFacts>,
    pub tensions: Vec<TensionFacts>,
    by_rowid: HashMap<i64, u32>,
    by_id: HashMap<String, u32>,
    by_key: HashMap<String, u32>,
    actor_links: Links,
    theme_links: Links,
    tension_links: Links,
    tension_places: Vec<TensionPlace>,
    month_of: Vec<Option<u16>>,
}

impl CorpusModel {
    /// Read the model from the index (a scan of each table; see the module doc).
    pub fn load(index: &Index) -> Result<CorpusModel, IndexError> {
        let err = |e| index.err("read the corpus", e);
        let conn = &index.conn;
        let mut model = CorpusModel::default();

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
        let slot: HashMap<&str, u16> = model
            .months
            .iter()
            .enumerate()
            .map(|(i, m)| (m.as_str(), i as u16))
            .collect();
        {
            let mut stmt = conn
                .prepare(
                    "SELECT rowid, id, title, source, date, month FROM articles ORDER BY rowid",
                )
                .map_err(err)?;
            let mut rows = stmt.query([]).map_err(err)?;
            while let Some(r) = rows.next().map_err(err)? {
                let month: Option<String> = r.get(5).map_err(err)?;
                let rowid: i64 = r.get(0).map_err(err)?;
                let dense = model.articles.len() as u32;
                model.by_rowid.insert(rowid, dense);
                let id: String = r.get(1).map_err(err)?;
                model.by_id.insert(id.clone(), dense);
                model.articles.push(ArticleFacts {
                    rowid,
                    id,
                    title: r.get(2).map_err(err)?,
                    source: r.get(3).map_err(err)?,
                    date: r.get(4).map_err(err)?,
                    month: month.as_deref().and_then(|m| slot.get(m).copied()),
                });
            }
        }
        model.month_of = model.articles.iter().map(|a| a.month).collect();
        let n = model.articles.len();

        let mut actor_no: HashMap<String, u32> = HashMap::new();
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
                actor_no.insert(key.clone(), model.actors.len() as u32);
                model.actors.push(ActorFacts {
                    key,
                    name: r.get(1).map_err(err)?,
                    kind: r.get(2).map_err(err)?,
                });
            }
        }
        let mut triples = Vec::new();
        {
            // In corpus key order (the covering index `actors_key`): the key is looked up
            // once per actor, not once per row.
            let mut stmt = conn
                .prepare("SELECT corpus_key, article, mentions FROM actors ORDER BY corpus_key")
                .map_err(err)?;
            let mut rows = stmt.query([]).map_err(err)?;
            let mut current: (String, Option<u32>) = (String::new(), None);
            while let Some(r) = rows.next().map_err(err)? {
                let key = r.get_ref(0).map_err(err)?;
                let key = key.as_str().map_err(|e| err(e.into()))?;
                if key != current.0 {
                    current = (key.to_string(), actor_no.get(key).copied());
                }
                let Some(actor) = current.1 else { continue };
                let rowid: i64 = r.get(1).map_err(err)?;
                let Some(&a) = model.by_rowid.get(&rowid) else {
                    continue;
                };
                let mentions: i64 = r.get(2).map_err(err)?;
                triples.push((a, actor, mentions.max(0) as u32));
            }
        }
        model.actor_links = Links::build(n, model.actors.len(), triples);
        model.by_key = actor_no;

        let mut theme_no: HashMap<String, u32> = HashMap::new();
        let mut triples = Vec::new();
        {
            let mut stmt = conn
                .prepare("SELECT article, theme_id, label FROM themes")
                .map_err(err)?;
            let mut rows = stmt.query([]).map_err(err)?;
            while let Some(r) = rows.next().map_err(err)? {
                let rowid: i64 = r.get(0).map_err(err)?;
                let Some(&a) = model.by_rowid.get(&rowid) else {
                    continue;
                };
                let id: String = r.get(1).map_err(err)?;
                let next = model.themes.len() as u32;
                let t = *theme_no.entry(id.clone()).or_insert_with(|| {
                    model.themes.push(ThemeFacts {
                        id,
                        label: r.get(2).unwrap_or_default(),
                    });
                    next
                });
                triples.push((a, t, 1));
            }
        }
        model.theme_links = Links::build(n, model.themes.len(), triples);

        model.load_tensions(index)?;
        Ok(model)
    }

    /// Tensions grouped by their pair of sides, each side the set of its corpus actors.
    fn load_tensions(&mut self, index: &Index) -> Result<(), IndexError> {
        let err = |e| index.err("read the tensions", e);
        struct One {
            sides: [BTreeSet<u32>; 2],
            label: String,
            kind: String,
            start: i64,
            end: i64,
        }
        let mut ones: HashMap<(i64, i64), One> = HashMap::new();
        {
            let mut stmt = index
                .conn
                .prepare(
                    "SELECT t.article, t.ord, t.label, t.kind, t.first_start, t.first_end, \
                     s.side, ac.corpus_key FROM tensions t JOIN tension_sides s \
                     ON s.article = t.article AND s.tension = t.ord \
                     JOIN actors ac ON ac.article = s.article AND ac.ord = s.actor",
                )
                .map_err(err)?;
            let mut rows = stmt.query([]).map_err(err)?;
            while let Some(r) = rows.next().map_err(err)? {
                let article: i64 = r.get(0).map_err(err)?;
                let ord: i64 = r.get(1).map_err(err)?;
                let side: i64 = r.get(6).map_err(err)?;
                let key = r.get_ref(7).map_err(err)?;
                let actor = self
                    .by_key
                    .get(key.as_str().map_err(|e| err(e.into()))?)
                    .copied();
                let one = match ones.entry((article, ord)) {
                    std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
                    std::collections::hash_map::Entry::Vacant(v) => v.insert(One {
                        sides: [BTreeSet::new(), BTreeSet::new()],
                        label: r.get(2).map_err(err)?,
                        kind: r.get(3).map_err(err)?,
                        start: r.get(4).map_err(err)?,
                        end: r.get(5).map_err(err)?,
                    }),
                };
                if let Some(a) = actor {
                    one.sides[usize::from(side != 0)].insert(a);
                }
            }
        }
        let mut ones: Vec<((i64, i64), One)> = ones.into_iter().collect();
        // Deterministic numbering of pairs whatever the hash order.
        ones.sort_by_key(|(k, _)| *k);
        let mut pair_no: HashMap<[Vec<u32>; 2], u32> = HashMap::new();
        let mut labels: Vec<HashMap<(String, String), usize>> = Vec::new();
        let mut triples = Vec::new();
        for ((rowid, _), one) in ones {
            let Some(&a) = self.by_rowid.get(&rowid) else {
                continue;
            };
            if one.sides.iter().any(BTreeSet::is_empty) {
                continue;
            }
            let name_of = |s: &BTreeSet<u32>| -> String {
                let mut names: Vec<&str> = s
                    .iter()
                    .filter_map(|&i| self.actors.get(i as usize))
                    .map(|a| a.name.as_str())
                    .collect();
                names.sort_unstable();
                names.join(" & ")
            };
            let mut sides = [
                one.sides[0].iter().copied().collect::<Vec<_>>(),
                one.sides[1].iter().copied().collect::<Vec<_>>(),
            ];
            let mut names = [name_of(&one.sides[0]), name_of(&one.sides[1])];
            if names[0] > names[1] {
                names.swap(0, 1);
                sides.swap(0, 1);
            }
            let next = self.tensions.len() as u32;
            let p = *pair_no.entry(sides).or_insert_with(|| {
                self.tensions.push(TensionFacts {
                    sides: names,
                    label: String::new(),
                    kind: String::new(),
                });
                labels.push(HashMap::new());
                next
            });
            *labels[p as usize].entry((one.label, one.kind)).or_default() += 1;
            triples.push((a, p, 1));
            self.tension_places.push(TensionPlace {
                article: a,
                pair: p,
                start: one.start.max(0) as u32,
                end: one.end.max(0) as u32,
            });
        }
        for (t, l) in self.tensions.iter_mut().zip(labels) {
            if let Some(((label, kind), _)) = l
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            {
                t.label = label;
                t.kind = kind;
            }
        }
        self.tension_places
            .sort_by_key(|p| (p.article, p.pair, p.start));
        self.tension_links = Links::build(self.articles.len(), self.tensions.len(), triples);
        Ok(())
    }

    /// The dense number of the article with this id.
    pub fn article_by_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|&a| a as usize)
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
        let mut mask = vec![false; self.articles.len()];
        for rowid in index.matching_rowids(query)? {
            if let Some(&a) = self.by_rowid.get(&rowid) {
                mask[a as usize] = true;
            }
        }
        Ok(Subset::Only(mask))
    }

    /// How many articles a subset holds.
    pub fn count(&self, subset: &Subset) -> usize {
        match subset {
            Subset::All => self.articles.len(),
            Subset::Only(mask) => mask.iter().filter(|&&b| b).count(),
        }
    }

    /// Articles per month over a subset.
    pub fn articles_by_month(&self, subset: &Subset) -> Vec<usize> {
        let mut v = vec![0; self.months.len()];
        for (a, m) in self.month_of.iter().enumerate() {
            if let Some(m) = m
                && subset.has(a as u32)
            {
                v[usize::from(*m)] += 1;
            }
        }
        v
    }

    /// Actors named in the subset's articles, most articles first.
    pub fn actor_rows(&self, subset: &Subset) -> Vec<Row> {
        self.actor_links
            .rows(subset, self.months.len(), &self.month_of)
    }

    /// Themes of the subset's articles, most articles first.
    pub fn theme_rows(&self, subset: &Subset) -> Vec<Row> {
        self.theme_links
            .rows(subset, self.months.len(), &self.month_of)
    }

    /// Pairs of sides in tension in the subset's articles, most articles first.
    pub fn tension_rows(&self, subset: &Subset) -> Vec<Row> {
        self.tension_links
            .rows(subset, self.months.len(), &self.month_of)
    }

    /// Who appears with actor `actor` in the subset's articles (see [`Companions`]).
    pub fn companions(&self, actor: usize, subset: &Subset) -> Companions {
        let links = &self.actor_links;
        let mine: Vec<u32> = links
            .articles_of(actor)
            .iter()
            .copied()
            .filter(|&a| subset.has(a))
            .collect();
        let mut together = vec![0usize; self.actors.len()];
        for &a in &mine {
            for k in links.of_article(a) {
                together[links.items[k] as usize] += 1;
            }
        }
        together[actor] = 0;
        let n = self.count(subset);
        let articles_of = |b: usize| -> usize {
            match subset {
                Subset::All => links.articles_of(b).len(),
                Subset::Only(_) => links
                    .articles_of(b)
                    .iter()
                    .filter(|&&a| subset.has(a))
                    .count(),
            }
        };
        let min_together = if mine.len() < 10 {
            1
        } else {
            2.max(mine.len().div_ceil(100))
        };
        let mut list: Vec<Companion> = together
            .iter()
            .enumerate()
            .filter(|&(_, &t)| t > 0)
            .map(|(b, &t)| {
                let (lift, npmi) = association(t, mine.len(), articles_of(b), n);
                Companion {
                    actor: b,
                    together: t,
                    lift,
                    npmi,
                }
            })
            .collect();
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
        Companions {
            min_together,
            list,
            ranked,
        }
    }

    /// The subset's articles naming actor `actor`, newest first.
    pub fn articles_of_actor(&self, actor: usize, subset: &Subset) -> Vec<usize> {
        self.newest_first(self.actor_links.articles_of(actor), subset)
    }

    /// The subset's articles naming both actors, newest first.
    pub fn articles_of_pair(&self, a: usize, b: usize, subset: &Subset) -> Vec<usize> {
        let with_b = self.actor_links.articles_of(b);
        let both: Vec<u32> = self
            .actor_links
            .articles_of(a)
            .iter()
            .copied()
            .filter(|x| with_b.binary_search(x).is_ok())
            .collect();
        self.newest_first(&both, subset)
    }

    pub fn articles_of_theme(&self, theme: usize, subset: &Subset) -> Vec<usize> {
        self.newest_first(self.theme_links.articles_of(theme), subset)
    }

    pub fn articles_of_tension(&self, pair: usize, subset: &Subset) -> Vec<usize> {
        self.newest_first(self.tension_links.articles_of(pair), subset)
    }

    fn newest_first(&self, list: &[u32], subset: &Subset) -> Vec<usize> {
        let mut v: Vec<usize> = list
            .iter()
            .filter(|&&a| subset.has(a))
            .map(|&a| a as usize)
            .collect();
        v.sort_by(|&x, &y| {
            let (x, y) = (&self.articles[x], &self.articles[y]);
            y.date.cmp(&x.date).then_with(|| x.id.cmp(&y.id))
        });
        v
    }

    /// Where the first tension of pair `pair` is evidenced in article `article` (byte
    /// offsets into its body).
    pub fn tension_evidence(&self, pair: usize, article: usize) -> Option<(usize, usize)> {
        let at = self
            .tension_places
            .partition_point(|p| (p.article as usize, p.pair as usize) < (article, pair));
        self.tension_places
            .get(at)
            .filter(|p| p.article as usize == article && p.pair as usize == pair)
            .map(|p| (p.start as usize, p.end as usize))
    }
}

impl Index {
    /// Row ids of the articles matching `query` (every term must hold), in no order.
    pub fn matching_rowids(&self, query: &Query) -> Result<Vec<i64>, IndexError> {
        self.matching_column(query, "rowid")
    }

    /// The ids of the articles `query` matches, in no order (the Notes panel keeps the notes
    /// of these articles).
    pub fn matching_ids(&self, query: &Query) -> Result<Vec<String>, IndexError> {
        self.matching_column(query, "id")
    }

    /// Column `column` of the articles matching every term of `query`.
    fn matching_column<T: rusqlite::types::FromSql>(
        &self,
        query: &Query,
        column: &str,
    ) -> Result<Vec<T>, IndexError> {
        let mut params: Vec<Value> = Vec::new();
        let mut conds = Vec::new();
        for term in &query.terms {
            let sub = term_sql(&term.kind, &mut params);
            let op = if term.negated { "NOT IN" } else { "IN" };
            conds.push(format!("a.rowid {op} ({sub})"));
        }
        let mut sql = format!("SELECT a.{column} FROM articles a");
        if !conds.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conds.join(" AND "));
        }
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.err("run the query", e))?;
        stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| r.get(0))
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

    fn first_span(
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_merge_an_item_twice_in_one_article_and_invert() {
        // Article 0: items 1 (2+1 mentions), 0; article 2: item 1.
        let l = Links::build(3, 2, vec![(0, 1, 2), (2, 1, 4), (0, 0, 1), (0, 1, 1)]);
        assert_eq!(&l.items[l.of_article(0)], &[0, 1]);
        assert_eq!(&l.weight[l.of_article(0)], &[1, 3]);
        assert!(l.of_article(1).is_empty());
        assert_eq!(l.articles_of(1), &[0, 2]);
        assert_eq!(l.articles_of(0), &[0]);
        let rows = l.rows(&Subset::All, 1, &[Some(0), None, Some(0)]);
        assert_eq!(rows[0].item, 1);
        assert_eq!((rows[0].articles, rows[0].mentions), (2, 7));
        assert_eq!(rows[0].by_month, [2]);
        let only = Subset::Only(vec![false, true, true]);
        let rows = l.rows(&only, 1, &[Some(0), None, Some(0)]);
        assert_eq!(rows.len(), 1, "item 0 has no article in the subset");
        assert_eq!((rows[0].articles, rows[0].mentions), (1, 4));
    }
}
