//! Running a [`Query`] against the index: each term becomes a condition on the articles
//! table (a sub-select of the table that answers it), free words go through FTS5 and rank
//! the result by BM25; without free words articles come newest first.
//!
//! Snippets are cut from the article file itself (the full-text table stores no copy of the
//! bodies, which halves the index), at the first place each term matched.

use super::{Index, IndexError};
use crate::analysis::actors::slug;
use crate::corpus::{self, LoadOptions, Span, scan};
use crate::query::{DateRange, Query, TermKind};
use rusqlite::types::Value;
use std::path::PathBuf;

/// One matching article.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub rowid: i64,
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub date: Option<String>,
    /// Path relative to the corpus folder.
    pub path: String,
    /// BM25 rank (lower is better) when the query has free words.
    pub rank: Option<f64>,
}

/// The matching articles, best first, and how many there are in all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// How many match; with `capped`, how many at least.
    pub total: usize,
    /// More than `total` match: the count stopped at its cap ([`Counting::UpTo`]).
    pub capped: bool,
    pub hits: Vec<Hit>,
}

/// How far a search counts its matches beyond the page it returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counting {
    /// Every match: as costly as reading them all.
    Exact,
    /// Up to this many (at least the page): a count that stops early, so that the total of
    /// a query matching half the corpus costs no more than its page.
    UpTo(usize),
}

/// A passage around a match: `text` is `body[start..end]`, with the context around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub start: usize,
    pub end: usize,
    pub before: String,
    pub text: String,
    pub after: String,
}

/// A LIKE pattern that finds `s` anywhere, with LIKE's wildcards escaped (`ESCAPE '\'`).
fn like_anywhere(s: &str) -> String {
    let mut out = String::from("%");
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// The `forms` pattern of a corpus actor name: the words of its slug as a run of whole words.
fn forms_pattern(name: &str) -> String {
    format!("%-{}-%", slug(name))
}

/// An FTS5 query for one free-text term: a quoted phrase, with `*` for a prefix.
pub fn fts_phrase(words: &str) -> String {
    let (body, prefix) = match words.strip_suffix('*') {
        Some(b) => (b, true),
        None => (words, false),
    };
    let mut out = format!("\"{}\"", body.replace('"', "\"\""));
    if prefix {
        out.push('*');
    }
    out
}

/// The corpus keys a name (`-slug-` pattern) matches: a small table, read once per query
/// (an uncorrelated `IN` subquery), so the tension terms below start from the actor rows of
/// those keys instead of testing every tension of the corpus.
const KEYS_NAMED: &str = "(SELECT key FROM corpus_actors WHERE forms LIKE ?)";

/// The distinct theme ids of the index, by seeking `themes_id` once per id (a skip-scan:
/// some twenty seeks, where `DISTINCT` or a `LIKE` on every row reads a million rows at
/// 100,000 articles).
const THEME_IDS: &str = "WITH RECURSIVE ids(t) AS (SELECT min(theme_id) FROM themes \
     UNION ALL SELECT (SELECT min(theme_id) FROM themes WHERE theme_id > ids.t) FROM ids \
     WHERE ids.t IS NOT NULL)";

/// The distinct pairs of sides of the tensions (`tensions.pair`), by the same skip-scan of
/// `tensions_pair`; `side0(v)`/`side1(v)` stand for a side of pair `v` between spaces.
const PAIRS: &str = "WITH RECURSIVE ps(v) AS (SELECT min(pair) FROM tensions WHERE pair > '' \
     UNION ALL SELECT (SELECT min(pair) FROM tensions WHERE pair > ps.v) FROM ps \
     WHERE ps.v IS NOT NULL)";
const SIDE0: &str = "(' ' || substr(v, 1, instr(v, '|') - 1) || ' ')";
const SIDE1: &str = "(' ' || substr(v, instr(v, '|') + 1) || ' ')";

/// The corpus keys a name (`-slug-` pattern, the next parameter) matches, as the table
/// `name` of a `WITH`: found once per statement, so that testing each of the hundreds of
/// pairs of sides reads those few keys, not every corpus actor's forms by `LIKE` (that
/// took some 40 ms of each `tension:` term at 10,000 articles).
fn keys_named(name: &str) -> String {
    format!("{name}(key) AS MATERIALIZED (SELECT key FROM corpus_actors WHERE forms LIKE ?)")
}

/// Whether one of the keys of table `keys` ([`keys_named`]) is on side `side` of pair `v`.
fn named_on(side: &str, keys: &str) -> String {
    format!("EXISTS (SELECT 1 FROM {keys} WHERE instr({side}, ' ' || {keys}.key || ' ') > 0)")
}

/// Whether tension `t` has an actor named by the next parameter on either side.
const SIDE_NAMED: &str = "EXISTS (SELECT 1 FROM tension_sides s \
     JOIN actors sa ON sa.article = s.article AND sa.ord = s.actor \
     WHERE s.article = t.article AND s.tension = t.ord AND sa.corpus_key IN {keys})";

/// The theme ids a `theme:` value means (an id, or words of the label), as a SELECT.
fn theme_ids_sql(t: &str, params: &mut Vec<Value>) -> String {
    params.push(Value::Text(t.to_lowercase()));
    params.push(Value::Text(like_anywhere(t)));
    format!(
        "{THEME_IDS} SELECT t FROM ids WHERE t IS NOT NULL AND (t = ? OR (SELECT label \
         FROM themes x WHERE x.theme_id = ids.t LIMIT 1) LIKE ? ESCAPE '\\')"
    )
}

/// The pairs of sides with an actor named `a` on one and one named `b` on the other, in
/// either order, as a SELECT (a few thousand pairs at most).
fn pairs_sql(a: &str, b: &str, params: &mut Vec<Value>) -> String {
    for x in [a, b] {
        params.push(Value::Text(forms_pattern(x)));
    }
    format!(
        "{PAIRS}, {}, {} SELECT v FROM ps WHERE v IS NOT NULL AND (({} AND {}) OR ({} AND {}))",
        keys_named("ka"),
        keys_named("kb"),
        named_on(SIDE0, "ka"),
        named_on(SIDE1, "kb"),
        named_on(SIDE1, "ka"),
        named_on(SIDE0, "kb")
    )
}

/// The distinct labels of the tensions, by a skip-scan of `tensions_label` (a few hundred
/// seeks where testing the label of every tension reads half a million rows at 100,000
/// articles); to follow [`PAIRS`] in one `WITH RECURSIVE`.
const LABELS: &str = "ls(l) AS (SELECT min(label) FROM tensions UNION ALL SELECT \
     (SELECT min(label) FROM tensions WHERE label > ls.l) FROM ls WHERE ls.l IS NOT NULL)";

/// The pairs of sides of [`PAIRS`] (`ps`) that hold, on either side, a corpus key of table
/// `kn` (the keys of a name, [`keys_named`], defined in the same `WITH`).
const PAIRS_NAMED: &str = "SELECT v FROM ps WHERE v IS NOT NULL AND EXISTS (SELECT 1 FROM kn \
     WHERE instr(' ' || replace(v, '|', ' ') || ' ', ' ' || kn.key || ' ') > 0)";

/// Whether tension `t` is of the id, has the words in its label, or has an actor of that
/// name on a side: its pair of sides holds the actor's corpus key (the few pairs that do
/// are read once), or, for a tension with an empty side (no pair), one of its side rows.
fn tension_named(a: &str, params: &mut Vec<Value>) -> String {
    params.push(Value::Text(a.to_lowercase()));
    params.push(Value::Text(like_anywhere(a)));
    params.push(Value::Text(forms_pattern(a)));
    params.push(Value::Text(forms_pattern(a)));
    format!(
        "(t.tension_id = ? OR t.label LIKE ? ESCAPE '\\' OR t.pair IN ({PAIRS}, {} {PAIRS_NAMED}) \
         OR (t.pair = '' AND {}))",
        keys_named("kn"),
        SIDE_NAMED.replace("{keys}", KEYS_NAMED)
    )
}

/// The articles with a tension that [`tension_named`] holds for, as the union of what four
/// indexes give: the tensions of the pairs of sides naming the actor (`tensions_pair`), of
/// the distinct labels with the words (`tensions_label`), of the id (`tensions_id`), and
/// those with an empty side (`pair = ''`, few), tested on their side rows.
fn tension_named_articles(a: &str, params: &mut Vec<Value>) -> String {
    params.push(Value::Text(forms_pattern(a)));
    params.push(Value::Text(like_anywhere(a)));
    params.push(Value::Text(a.to_lowercase()));
    params.push(Value::Text(forms_pattern(a)));
    format!(
        "{PAIRS}, {LABELS}, {} SELECT article FROM tensions WHERE pair IN ({PAIRS_NAMED}) \
         UNION SELECT article FROM tensions WHERE label IN \
         (SELECT l FROM ls WHERE l LIKE ? ESCAPE '\\') \
         UNION SELECT article FROM tensions WHERE tension_id = ? \
         UNION SELECT t.article FROM tensions t WHERE t.pair = '' AND {}",
        keys_named("kn"),
        SIDE_NAMED.replace("{keys}", KEYS_NAMED)
    )
}

/// SQL that selects the rowids of the articles a term matches, with its parameters.
pub(super) fn term_sql(kind: &TermKind, params: &mut Vec<Value>) -> String {
    let mut p = |v: String| params.push(Value::Text(v));
    match kind {
        TermKind::Words(w) => {
            p(fts_phrase(w));
            "SELECT rowid FROM bodies WHERE bodies MATCH ?".into()
        }
        TermKind::Actor(name) => {
            p(forms_pattern(name));
            "SELECT article FROM actors WHERE corpus_key IN \
             (SELECT key FROM corpus_actors WHERE forms LIKE ?)"
                .into()
        }
        TermKind::Kind(k) => {
            p(k.clone());
            "SELECT article FROM actors WHERE corpus_key IN \
             (SELECT key FROM corpus_actors WHERE kind = ?)"
                .into()
        }
        TermKind::Theme(t) => {
            // The themes meant, from the few theme ids, then their articles by index.
            format!(
                "SELECT article FROM themes WHERE theme_id IN ({})",
                theme_ids_sql(t, params)
            )
        }
        TermKind::Tension(a, None) => tension_named_articles(a, params),
        TermKind::Tension(a, Some(b)) => {
            // An actor named `a` on one side of a tension and one named `b` on the other:
            // the pairs of sides that have them, then the tensions of those pairs by index.
            format!(
                "SELECT article FROM tensions WHERE pair IN ({})",
                pairs_sql(a, b, params)
            )
        }
        TermKind::Tag(tag) => {
            let pattern = format!("%\n{}\n%", like_anywhere(tag).trim_matches('%'));
            p(pattern.clone());
            p(pattern);
            "SELECT a2.rowid FROM notes n JOIN articles a2 ON a2.id = n.article_id \
             WHERE (char(10) || n.tags || char(10)) LIKE ? ESCAPE '\\' \
             UNION SELECT rowid FROM articles WHERE (char(10) || tags || char(10)) LIKE ? ESCAPE '\\'"
                .into()
        }
        TermKind::Note(words) => {
            p(like_anywhere(words));
            "SELECT a2.rowid FROM notes n JOIN articles a2 ON a2.id = n.article_id \
             WHERE n.note LIKE ? ESCAPE '\\'"
                .into()
        }
        TermKind::Source(s) => {
            p(like_anywhere(s));
            "SELECT rowid FROM articles WHERE source LIKE ? ESCAPE '\\'".into()
        }
        TermKind::Date(r) => format!(
            "SELECT rowid FROM articles WHERE {}",
            date_test(r, "date", params)
        ),
    }
}

/// Whether `column` (a date, `YYYY-MM-DD` or shorter) is in the range, bounds included: a
/// range on the column itself, so that `articles_date` can answer it, then the exact test
/// on the prefix the bounds give.
fn date_test(r: &DateRange, column: &str, params: &mut Vec<Value>) -> String {
    let mut conds = vec![format!("{column} IS NOT NULL")];
    if let Some(from) = &r.from {
        // A prefix at least `from` is a string at least `from`.
        conds.push(format!("{column} >= ?"));
        params.push(Value::Text(from.clone()));
        conds.push(format!("substr({column}, 1, {}) >= ?", from.len()));
        params.push(Value::Text(from.clone()));
    }
    if let Some(to) = &r.to {
        // Every string that starts with `to` sorts below `to` + the last code point.
        conds.push(format!("{column} <= ?"));
        params.push(Value::Text(format!("{to}\u{10FFFF}")));
        conds.push(format!("substr({column}, 1, {}) <= ?", to.len()));
        params.push(Value::Text(to.clone()));
    }
    conds.join(" AND ")
}

/// SQL that is true (1, never NULL) when the article whose row id is `rid` (with its
/// `articles` row as `a`) matches a term: the test made on each candidate of the term
/// chosen to list them (see [`Index::plan`]), through the primary keys and the
/// `actors_article` and `notes_article` indexes, one article at a time.
fn term_test(kind: &TermKind, rid: &str, params: &mut Vec<Value>) -> String {
    let mut p = |v: String| params.push(Value::Text(v));
    match kind {
        TermKind::Words(w) => {
            p(fts_phrase(w));
            format!("{rid} IN (SELECT rowid FROM bodies WHERE bodies MATCH ?)")
        }
        TermKind::Actor(name) => {
            p(forms_pattern(name));
            format!(
                "EXISTS (SELECT 1 FROM actors x WHERE x.article = {rid} AND x.corpus_key IN \
                 (SELECT key FROM corpus_actors WHERE forms LIKE ?))"
            )
        }
        TermKind::Kind(k) => {
            // `+`: a kind has hundreds of corpus actors; one seek per actor and article
            // costs more than reading the article's few dozen actor rows.
            p(k.clone());
            format!(
                "EXISTS (SELECT 1 FROM actors x WHERE x.article = {rid} AND +x.corpus_key IN \
                 (SELECT key FROM corpus_actors WHERE kind = ?))"
            )
        }
        TermKind::Theme(t) => format!(
            "EXISTS (SELECT 1 FROM themes x WHERE x.article = {rid} AND x.theme_id IN ({}))",
            theme_ids_sql(t, params)
        ),
        TermKind::Tension(a, None) => format!(
            "EXISTS (SELECT 1 FROM tensions t WHERE t.article = {rid} AND {})",
            tension_named(a, params)
        ),
        TermKind::Tension(a, Some(b)) => format!(
            "EXISTS (SELECT 1 FROM tensions x WHERE x.article = {rid} AND x.pair IN ({}))",
            pairs_sql(a, b, params)
        ),
        TermKind::Tag(tag) => {
            let pattern = format!("%\n{}\n%", like_anywhere(tag).trim_matches('%'));
            p(pattern.clone());
            p(pattern);
            "(EXISTS (SELECT 1 FROM notes n WHERE n.article_id = a.id \
             AND (char(10) || n.tags || char(10)) LIKE ? ESCAPE '\\') \
             OR (char(10) || a.tags || char(10)) LIKE ? ESCAPE '\\')"
                .into()
        }
        TermKind::Note(words) => {
            p(like_anywhere(words));
            "EXISTS (SELECT 1 FROM notes n WHERE n.article_id = a.id AND n.note LIKE ? ESCAPE '\\')"
                .into()
        }
        TermKind::Source(s) => {
            p(like_anywhere(s));
            "coalesce(a.source LIKE ? ESCAPE '\\', 0)".into()
        }
        // `+` keeps the planner from reading the date index for a term that only tests.
        TermKind::Date(r) => format!("coalesce({}, 0)", date_test(r, "+a.date", params)),
    }
}

/// Whether [`term_test`] reads the candidate's `articles` row (`a`).
fn reads_article(kind: &TermKind) -> bool {
    matches!(
        kind,
        TermKind::Tag(_) | TermKind::Note(_) | TermKind::Source(_) | TermKind::Date(_)
    )
}

/// A query as one SELECT: its SQL (columns `r`, the row id, and `rank`, the BM25 rank of
/// the free words or NULL) and parameters.
pub(super) struct Plan {
    pub sql: String,
    pub params: Vec<Value>,
}

/// The order of a plan's rows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Order {
    /// Whatever is cheapest: BM25 rank with free words (the reader keeps it), else row ids.
    Cheapest,
    /// Best first: BM25 rank, else newest first (then by id).
    Best,
    /// Any order and no rank (`rank` is NULL): for counting the matches, or taking their
    /// ids, without BM25 scoring every one.
    Unranked,
}

/// How many times the rows an unranked page reads in date order may exceed the matches a
/// plan from its fewest-articles term would read, before that plan wins: a row read in
/// date order is tested on every term, a candidate of that plan on all terms but one.
const WALK_COST: f64 = 2.0;

impl Index {
    /// The rowids of the articles matching `query`, best first (BM25 rank with free words,
    /// else newest first), with their rank. [`Index::search`] adds the details.
    pub fn matching(&self, query: &Query) -> Result<Vec<(i64, Option<f64>)>, IndexError> {
        self.run_plan(&self.plan(query, Order::Best, false, None)?)
    }

    /// The first `limit` of [`Index::matching`], without reading the rest where the query
    /// lets the index stop early: a ranked query still scores every match (BM25 needs
    /// them all) but returns and sorts only the best; an unranked query that matches much
    /// of the corpus walks the articles newest first and stops at the `limit`th match.
    pub fn matching_page(
        &self,
        query: &Query,
        limit: usize,
    ) -> Result<Vec<(i64, Option<f64>)>, IndexError> {
        self.run_plan(&self.plan(query, Order::Best, false, Some(limit))?)
    }

    /// How many articles match `query`: the matches counted, never scored, sorted or
    /// returned.
    pub fn count(&self, query: &Query) -> Result<usize, IndexError> {
        let plan = self.plan(query, Order::Unranked, false, None)?;
        let sql = format!("SELECT count(*) FROM ({})", plan.sql);
        let err = |e| self.err("count the matches", e);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(err)?;
        stmt.query_row(rusqlite::params_from_iter(plan.params.iter()), |r| {
            r.get::<_, i64>(0)
        })
        .map(|n| n as usize)
        .map_err(err)
    }

    /// How many articles match `query`, counting no further than `cap`: `(n, false)` when
    /// `n <= cap` match, `(cap, true)` when more do. The count stops at the match after the
    /// `cap`th (SQL `LIMIT`), and reads the articles in row id order, testing every term,
    /// where that finds them sooner than listing the candidates of the fewest-articles term
    /// ([`Index::plan`]).
    pub fn count_up_to(&self, query: &Query, cap: usize) -> Result<(usize, bool), IndexError> {
        let plan = self.plan(query, Order::Unranked, false, Some(cap.saturating_add(1)))?;
        let sql = format!("SELECT count(*) FROM ({})", plan.sql);
        let err = |e| self.err("count the matches", e);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(err)?;
        let n = stmt
            .query_row(rusqlite::params_from_iter(plan.params.iter()), |r| {
                r.get::<_, i64>(0)
            })
            .map_err(err)? as usize;
        Ok(if n > cap { (cap, true) } else { (n, false) })
    }

    /// The rowids of the articles matching `query` with their rank, in rank order with free
    /// words and else in row id order: what the reader's list needs (it sorts the list
    /// itself), without reading every match's row to sort it by date.
    pub fn matching_any_order(&self, query: &Query) -> Result<Vec<(i64, Option<f64>)>, IndexError> {
        self.run_plan(&self.plan(query, Order::Cheapest, false, None)?)
    }

    fn run_plan(&self, plan: &Plan) -> Result<Vec<(i64, Option<f64>)>, IndexError> {
        let err = |e| self.err("run the query", e);
        let mut stmt = self.conn.prepare_cached(&plan.sql).map_err(err)?;
        stmt.query_map(rusqlite::params_from_iter(plan.params.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .and_then(|rows| rows.collect())
        .map_err(err)
    }

    /// How many articles a term can match at most, read from the small tables (corpus
    /// actors, counts by month, notes) or the date index; `None` where only reading the
    /// rows themselves would tell.
    fn estimate(&self, kind: &TermKind) -> Result<Option<i64>, IndexError> {
        let mut params: Vec<Value> = Vec::new();
        let sql = match kind {
            TermKind::Actor(name) => {
                params.push(Value::Text(forms_pattern(name)));
                "SELECT coalesce(sum(articles), 0) FROM corpus_actors WHERE forms LIKE ?".into()
            }
            TermKind::Kind(k) => {
                params.push(Value::Text(k.clone()));
                "SELECT coalesce(sum(articles), 0) FROM corpus_actors WHERE kind = ?".into()
            }
            TermKind::Theme(t) => format!(
                "SELECT coalesce(sum(articles), 0) FROM theme_months WHERE theme IN ({})",
                theme_ids_sql(t, &mut params)
            ),
            TermKind::Tension(a, Some(b)) => format!(
                "SELECT coalesce(sum(articles), 0) FROM tension_months WHERE pair IN ({})",
                pairs_sql(a, b, &mut params)
            ),
            TermKind::Tension(a, None) => {
                // At most: the articles of the pairs naming the actor (counts by month),
                // the tensions of the labels and of the id, and those without a pair.
                params.push(Value::Text(forms_pattern(a)));
                params.push(Value::Text(like_anywhere(a)));
                params.push(Value::Text(a.to_lowercase()));
                format!(
                    "SELECT (SELECT coalesce(sum(articles), 0) FROM tension_months WHERE pair IN \
                     ({PAIRS}, {} {PAIRS_NAMED})) + (WITH RECURSIVE {LABELS} SELECT count(*) \
                     FROM tensions WHERE label IN (SELECT l FROM ls WHERE l LIKE ? ESCAPE '\\')) \
                     + (SELECT count(*) FROM tensions WHERE tension_id = ?) \
                     + (SELECT count(*) FROM tensions WHERE pair = '')",
                    keys_named("kn")
                )
            }
            TermKind::Date(r) => format!(
                "SELECT count(*) FROM articles WHERE {}",
                date_test(r, "date", &mut params)
            ),
            TermKind::Note(words) => {
                params.push(Value::Text(like_anywhere(words)));
                "SELECT count(*) FROM notes WHERE note LIKE ? ESCAPE '\\'".into()
            }
            TermKind::Words(_) | TermKind::Tag(_) | TermKind::Source(_) => {
                return Ok(None);
            }
        };
        let err = |e| self.err("plan the query", e);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(err)?;
        stmt.query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))
            .map(Some)
            .map_err(err)
    }

    /// A query as one SELECT of `r` (row id) and `rank` (and `id` when `with_id`). The
    /// candidates come from one term: the free words (FTS5, which alone can rank them),
    /// else the term that [`Index::estimate`] says matches the fewest articles; every
    /// other term is then tested on each candidate through the primary keys, the
    /// cheapest and most selective tests first ([`term_test`]). Without any such term the
    /// articles are scanned.
    ///
    /// With a `limit` on an unranked query in date order, the articles are instead walked
    /// newest first (`articles_date`) with every term a test, until `limit` match, when
    /// that reads fewer rows: about `limit * articles / matches` of them, against the
    /// fewest-articles term's candidates, all of which would be read and sorted
    /// (`theme:energy`, 72,270 articles at 100,000, gives its first 20 after some 30 rows).
    pub(super) fn plan(
        &self,
        query: &Query,
        order: Order,
        with_id: bool,
        limit: Option<usize>,
    ) -> Result<Plan, IndexError> {
        let mut estimated: Vec<(usize, Option<i64>)> = Vec::new();
        for (i, term) in query.terms.iter().enumerate() {
            let e = match (&term.kind, term.negated) {
                (TermKind::Words(_), _) | (_, true) => None,
                (kind, false) => self.estimate(kind)?,
            };
            estimated.push((i, e));
        }
        let words: Vec<String> = query.words().map(fts_phrase).collect();
        let ranked = !words.is_empty();
        let fewest = estimated
            .iter()
            .filter_map(|&(i, e)| e.map(|e| (e, i)))
            .min();
        // A page in date order, or a capped count in any order, may walk the articles.
        let walk = match (ranked, order, limit) {
            (false, Order::Best | Order::Unranked, Some(limit)) => {
                self.walk_is_cheaper(&estimated, fewest, limit)?
            }
            _ => false,
        };
        let driver: Option<usize> = if ranked || walk {
            None
        } else {
            fewest.map(|(_, i)| i)
        };
        // Tests: those on the article's own row first, then by estimate (unknown last).
        let mut tests: Vec<(bool, i64, usize)> = estimated
            .iter()
            .filter(|&&(i, _)| Some(i) != driver)
            .filter(|&&(i, _)| {
                let t = &query.terms[i];
                t.negated || !matches!(t.kind, TermKind::Words(_))
            })
            .map(|&(i, e)| {
                let t = &query.terms[i];
                (!reads_article(&t.kind), e.unwrap_or(i64::MAX), i)
            })
            .collect();
        tests.sort();
        let needs_article = with_id
            || order == Order::Best && !ranked
            || tests
                .iter()
                .any(|&(_, _, i)| reads_article(&query.terms[i].kind));
        let mut params: Vec<Value> = Vec::new();
        let rid = if ranked { "d.r" } else { "a.rowid" };
        let mut sql = format!("SELECT {rid} AS r, ");
        let mut conds: Vec<String> = Vec::new();
        if ranked {
            sql.push_str(if order == Order::Unranked {
                "d.rank AS rank FROM (SELECT rowid AS r, NULL AS rank \
                 FROM bodies WHERE bodies MATCH ?) d"
            } else {
                "d.rank AS rank FROM (SELECT rowid AS r, bm25(bodies, 4.0, 1.0) AS rank \
                 FROM bodies WHERE bodies MATCH ?) d"
            });
            params.push(Value::Text(words.join(" AND ")));
            if needs_article {
                // CROSS JOIN: the matches drive, the articles are read by row id.
                sql.push_str(" CROSS JOIN articles a ON a.rowid = d.r");
            }
        } else {
            sql.push_str("NULL AS rank FROM articles a");
            if let Some(i) = driver {
                let sub = term_sql(&query.terms[i].kind, &mut params);
                conds.push(format!("a.rowid IN ({sub})"));
            }
        }
        if with_id {
            sql = sql.replacen(" AS rank", " AS rank, a.id AS id", 1);
        }
        for &(_, _, i) in &tests {
            let t = &query.terms[i];
            let test = term_test(&t.kind, rid, &mut params);
            conds.push(if t.negated {
                format!("NOT {test}")
            } else {
                test
            });
        }
        if !conds.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conds.join(" AND "));
        }
        sql.push_str(match (ranked, order) {
            (_, Order::Unranked) => "",
            (true, _) => " ORDER BY d.rank, d.r",
            (false, Order::Best) => " ORDER BY a.date DESC, a.id",
            (false, Order::Cheapest) => "",
        });
        if let Some(limit) = limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        Ok(Plan { sql, params })
    }

    /// Whether a page of `limit` unranked matches is cheaper read by walking the articles
    /// newest first than from the fewest-articles term (`fewest`: its estimate and term).
    /// The matches are guessed from the estimates as if the terms were independent.
    fn walk_is_cheaper(
        &self,
        estimated: &[(usize, Option<i64>)],
        fewest: Option<(i64, usize)>,
        limit: usize,
    ) -> Result<bool, IndexError> {
        let Some((candidates, _)) = fewest else {
            // No term lists its articles: the plan scans them all anyway.
            return Ok(true);
        };
        let articles = self
            .conn
            .prepare_cached("SELECT coalesce(max(rowid), 0) FROM articles")
            .and_then(|mut s| s.query_row([], |r| r.get::<_, i64>(0)))
            .map_err(|e| self.err("plan the query", e))? as f64;
        if articles <= 0.0 {
            return Ok(false);
        }
        let matches = estimated
            .iter()
            .filter_map(|&(_, e)| e)
            .fold(articles, |m, e| m * (e as f64 / articles).min(1.0));
        if matches < 1.0 {
            return Ok(false);
        }
        let walked = limit as f64 * articles / matches;
        Ok(walked * WALK_COST < candidates as f64)
    }

    /// The articles matching `query`, best first; details for the first `limit`, and how
    /// many match in all (counted apart, without scoring or sorting the rest).
    pub fn search(&self, query: &Query, limit: usize) -> Result<Results, IndexError> {
        self.search_counted(query, limit, Counting::Exact)
    }

    /// [`Index::search`], counting the matches as far as `counting` says.
    pub fn search_counted(
        &self,
        query: &Query,
        limit: usize,
        counting: Counting,
    ) -> Result<Results, IndexError> {
        let page = self.matching_page(query, limit)?;
        let (total, capped) = if page.len() < limit {
            // A short page is every match: nothing more to count.
            (page.len(), false)
        } else {
            match counting {
                Counting::Exact => (self.count(query)?, false),
                Counting::UpTo(cap) => self.count_up_to(query, cap.max(limit))?,
            }
        };
        let mut detail = self
            .conn
            .prepare_cached("SELECT id, title, source, date, path FROM articles WHERE rowid = ?1")
            .map_err(|e| self.err("read the matches", e))?;
        let mut hits = Vec::with_capacity(page.len());
        for &(rowid, rank) in &page {
            let hit = detail
                .query_row([rowid], |r| {
                    Ok(Hit {
                        rowid,
                        id: r.get(0)?,
                        title: r.get(1)?,
                        source: r.get(2)?,
                        date: r.get(3)?,
                        path: r.get(4)?,
                        rank,
                    })
                })
                .map_err(|e| self.err("read the matches", e))?;
            hits.push(hit);
        }
        Ok(Results {
            total,
            capped,
            hits,
        })
    }

    /// Where the structured terms of `query` matched in article `rowid` (first mention of
    /// the actor, first evidence of the theme or tension, the annotated passage), in body
    /// order. Free words are found in the body by [`word_spans`].
    pub fn term_spans(&self, rowid: i64, query: &Query) -> Result<Vec<Span>, IndexError> {
        let mut spans = Vec::new();
        let one = |sql: &str, params: Vec<Value>| -> Result<Option<Span>, IndexError> {
            let mut stmt = self
                .conn
                .prepare_cached(sql)
                .map_err(|e| self.err("find the match", e))?;
            let mut rows = stmt
                .query(rusqlite::params_from_iter(params.iter()))
                .map_err(|e| self.err("find the match", e))?;
            match rows.next().map_err(|e| self.err("find the match", e))? {
                Some(r) => {
                    let s: i64 = r.get(0).map_err(|e| self.err("find the match", e))?;
                    let e: i64 = r.get(1).map_err(|e| self.err("find the match", e))?;
                    Ok(Some(Span::new(s as usize, e as usize)))
                }
                None => Ok(None),
            }
        };
        for term in query.terms.iter().filter(|t| !t.negated) {
            let id = Value::Integer(rowid);
            let found = match &term.kind {
                TermKind::Actor(name) => one(
                    "SELECT m.start, m.\"end\" FROM mentions m JOIN actors ac \
                     ON ac.article = m.article AND ac.ord = m.actor \
                     WHERE m.article = ? AND ac.corpus_key IN \
                     (SELECT key FROM corpus_actors WHERE forms LIKE ?) ORDER BY m.start LIMIT 1",
                    vec![id, Value::Text(forms_pattern(name))],
                )?,
                TermKind::Theme(t) => one(
                    "SELECT first_start, first_end FROM themes WHERE article = ? \
                     AND (theme_id = ? OR label LIKE ? ESCAPE '\\') LIMIT 1",
                    vec![
                        id,
                        Value::Text(t.to_lowercase()),
                        Value::Text(like_anywhere(t)),
                    ],
                )?,
                TermKind::Tension(a, b) => {
                    // The best of the article's tensions that the term names, not any of
                    // its tensions.
                    let mut params = vec![id];
                    let named = match b {
                        None => tension_named(a, &mut params),
                        Some(b) => format!("t.pair IN ({})", pairs_sql(a, b, &mut params)),
                    };
                    let sql = format!(
                        "SELECT t.first_start, t.first_end FROM tensions t WHERE t.article = ? \
                         AND {named} ORDER BY t.score DESC LIMIT 1"
                    );
                    one(&sql, params)?
                }
                TermKind::Note(words) => one(
                    "SELECT n.start, n.\"end\" FROM notes n JOIN articles a2 ON a2.id = n.article_id \
                     WHERE a2.rowid = ? AND n.note LIKE ? ESCAPE '\\' ORDER BY n.start LIMIT 1",
                    vec![id, Value::Text(like_anywhere(words))],
                )?,
                TermKind::Tag(tag) => one(
                    "SELECT n.start, n.\"end\" FROM notes n JOIN articles a2 ON a2.id = n.article_id \
                     WHERE a2.rowid = ? AND (char(10) || n.tags || char(10)) LIKE ? ESCAPE '\\' \
                     ORDER BY n.start LIMIT 1",
                    vec![
                        id,
                        Value::Text(format!("%\n{}\n%", like_anywhere(tag).trim_matches('%'))),
                    ],
                )?,
                _ => None,
            };
            spans.extend(found.filter(|s| !s.is_empty()));
        }
        spans.sort();
        Ok(spans)
    }

    /// Read the body of an indexed article from its file (front matter taken off, as when
    /// it was analysed). `None` when the file is gone or no longer loads.
    pub fn body(&self, rel_path: &str) -> Option<String> {
        let rel = PathBuf::from(rel_path);
        let path = self.root.join(&rel);
        let file = scan::ArticleFile {
            root: std::sync::Arc::from(self.root.as_path()),
            id: scan::article_id(&rel),
            format: scan::article_format(&path)?,
            rel,
            path,
        };
        corpus::load_file(&file, &LoadOptions::default())
            .0
            .map(|a| a.body)
    }
}

/// Where the free words of `query` occur in `body` (case-insensitive, whole words; a
/// trailing `*` matches a prefix): the first occurrence of each, in body order.
pub fn word_spans(body: &str, query: &Query) -> Vec<Span> {
    let lower = body.to_lowercase();
    // Lower-casing can change byte lengths (rare: a few Unicode letters); then offsets
    // into `lower` are not offsets into `body`, and no span is better than a wrong one.
    if lower.len() != body.len() {
        return Vec::new();
    }
    let mut spans = Vec::new();
    for w in query.words() {
        let (needle, prefix) = match w.strip_suffix('*') {
            Some(n) => (n.to_lowercase(), true),
            None => (w.to_lowercase(), false),
        };
        if needle.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(i) = lower[from..].find(&needle) {
            let start = from + i;
            let mut end = start + needle.len();
            let before_ok = lower[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = lower[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before_ok && (after_ok || prefix) {
                if prefix {
                    end += lower[end..]
                        .find(|c: char| !c.is_alphanumeric())
                        .unwrap_or(lower.len() - end);
                }
                spans.push(Span::new(start, end));
                break;
            }
            from = start + needle.len().max(1);
            while !lower.is_char_boundary(from) {
                from += 1;
            }
        }
    }
    spans.sort();
    spans
}

/// A snippet of `body` around `span`: up to `context` bytes each side, cut at word edges,
/// on one line.
pub fn snippet(body: &str, span: Span, context: usize) -> Option<Snippet> {
    let text = body.get(span.start..span.end)?;
    let mut from = span.start.saturating_sub(context);
    while !body.is_char_boundary(from) {
        from += 1;
    }
    if from > 0
        && let Some(sp) = body[from..span.start].find(char::is_whitespace)
    {
        from += sp;
    }
    let mut to = (span.end + context).min(body.len());
    while !body.is_char_boundary(to) {
        to -= 1;
    }
    if to < body.len()
        && let Some(sp) = body[span.end..to].rfind(char::is_whitespace)
    {
        to = span.end + sp;
    }
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut before = flat(&body[from..span.start]);
    let mut after = flat(&body[span.end..to]);
    if from > 0 {
        before.insert(0, '…');
    }
    if to < body.len() {
        after.push('…');
    }
    if body[..span.start].ends_with(char::is_whitespace) && !before.is_empty() {
        before.push(' ');
    }
    if body[span.end..].starts_with(char::is_whitespace) && !after.is_empty() {
        after.insert(0, ' ');
    }
    Some(Snippet {
        start: span.start,
        end: span.end,
        before,
        text: flat(text),
        after,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    #[test]
    fn words_are_found_whole_and_by_prefix() {
        let body = "The peacekeepers left. Peace talks resumed in Doha.";
        let q = parse("peace doh*").unwrap();
        let spans = word_spans(body, &q);
        assert_eq!(
            spans
                .iter()
                .map(|s| &body[s.start..s.end])
                .collect::<Vec<_>>(),
            ["Peace", "Doha"]
        );
    }

    #[test]
    fn snippets_cut_at_words_and_keep_the_match() {
        let body = "one two three four five six seven eight nine ten";
        let s = snippet(body, Span::new(24, 27), 10).unwrap();
        assert_eq!(s.text, "six");
        assert!(
            s.before.starts_with('…') && s.before.ends_with(' '),
            "{s:?}"
        );
        assert!(s.after.ends_with('…'), "{s:?}");
        assert!(!s.before.contains("thre"), "cut at a word edge: {s:?}");
    }

    #[test]
    fn phrases_are_quoted_for_fts() {
        assert_eq!(fts_phrase("peace talks"), "\"peace talks\"");
        assert_eq!(fts_phrase("guter*"), "\"guter\"*");
        assert_eq!(fts_phrase("a\"b"), "\"a\"\"b\"");
    }
}
