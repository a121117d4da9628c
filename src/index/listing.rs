//! The article list as the reader's first frame needs it: one light row per indexed
//! article (no body, no analysis), read in one query so the reader can draw before it has
//! looked at a single article file.

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

    fn listing_where(&self, condition: &str) -> Result<Vec<Listed>, IndexError> {
        let sql = format!(
            "SELECT rowid, id, path, title, source, date, tags, body_bytes FROM articles \
             WHERE {condition} ORDER BY id"
        );
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.err("list the articles", e))?;
        stmt.query_map([], |r| {
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
