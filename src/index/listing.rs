//! The article list as the reader needs it: one light row per indexed article (no body, no
//! analysis). The first frame reads only a screenful of rows around the article it opens
//! (and the count), inside a read snapshot; the whole list is read in the same snapshot
//! after the first frame, so the positions taken before it still hold.

use super::{Index, IndexError};

/// What the list shows of one article, and where its file is.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    pub rowid: i64,
    pub id: String,
    /// Relative to the corpus folder, `/`-separated.
    pub path: String,
    pub title: String,
    pub source: Option<String>,
    pub date: Option<String>,
    /// Front matter tags.
    pub tags: Vec<String>,
    pub body_bytes: usize,
}

impl Index {
    /// Every indexed article, by id.
    pub fn listing(&self) -> Result<Vec<Listed>, IndexError> {
        self.listing_where("1")
    }

    /// The indexed articles whose rowid is above `rowid` (those added since a listing).
    pub fn listing_after(&self, rowid: i64) -> Result<Vec<Listed>, IndexError> {
        self.listing_where(&format!("rowid > {rowid}"))
    }

    /// Up to `limit` articles in id order from `id` on (from the first without one).
    pub fn listing_from(&self, id: Option<&str>, limit: usize) -> Result<Vec<Listed>, IndexError> {
        // `id` is bound by the query below, never spliced into SQL.
        let condition = if id.is_some() {
            "id >= ?1"
        } else {
            "?1 IS NULL"
        };
        self.listing_query(
            &format!("{condition} ORDER BY id LIMIT {limit}"),
            rusqlite::params![id],
        )
    }

    /// Where the article `id` is, or would be, in the listing (articles before it by id).
    pub fn position_of(&self, id: &str) -> Result<usize, IndexError> {
        self.conn
            .query_row("SELECT count(*) FROM articles WHERE id < ?1", [id], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n as usize)
            .map_err(|e| self.err("find the article in the list", e))
    }

    /// Start a read snapshot: every query on this connection sees the index as it is now,
    /// whatever a writer commits meanwhile, until [`Index::end_snapshot`].
    pub fn begin_snapshot(&self) -> Result<(), IndexError> {
        self.conn
            .execute_batch("BEGIN DEFERRED; SELECT count(*) FROM meta;")
            .map_err(|e| self.err("read the index", e))
    }

    /// End the snapshot of [`Index::begin_snapshot`] (nothing was written in it).
    pub fn end_snapshot(&self) {
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("COMMIT");
        }
    }

    fn listing_where(&self, condition: &str) -> Result<Vec<Listed>, IndexError> {
        self.listing_query(&format!("{condition} ORDER BY id"), [])
    }

    fn listing_query(
        &self,
        tail: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<Listed>, IndexError> {
        let sql = format!(
            "SELECT rowid, id, path, title, source, date, tags, body_bytes FROM articles \
             WHERE {tail}"
        );
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.err("list the articles", e))?;
        stmt.query_map(params, |r| {
            let tags: String = r.get(6)?;
            Ok(Listed {
                rowid: r.get(0)?,
                id: r.get(1)?,
                path: r.get(2)?,
                title: r.get(3)?,
                source: r.get(4)?,
                date: r.get(5)?,
                tags: tags
                    .lines()
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect(),
                body_bytes: r.get::<_, i64>(7)? as usize,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.err("list the articles", e))
    }
}
