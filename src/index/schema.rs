//! The index's tables, as SQL, and the versions that decide whether a file on disk is ours.
//!
//! The schema is documented for other tools in the README ("The corpus index"); keep the two
//! in step. Any change to a table bumps [`SCHEMA_VERSION`]: an index of another version is
//! rebuilt, never migrated, because it is a cache of what the files say.

/// Version of the tables below. An index with another value in `meta.schema_version` is
/// deleted and rebuilt.
pub const SCHEMA_VERSION: i64 = 5;

/// Marks a SQLite file as a newslens index (`PRAGMA application_id`), so a foreign database
/// at the index path is recognised as such.
pub const APPLICATION_ID: i64 = 0x4e4c_5831; // "NLX1"

pub const CREATE: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE articles (
    rowid       INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    path        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    body_hash   TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    title       TEXT NOT NULL,
    source      TEXT,
    date        TEXT,
    month       TEXT,
    folder      TEXT NOT NULL,
    tags        TEXT NOT NULL,
    body_bytes  INTEGER NOT NULL,
    sections    INTEGER NOT NULL
);
CREATE INDEX articles_date ON articles(date);

CREATE TABLE actors (
    article     INTEGER NOT NULL,
    ord         INTEGER NOT NULL,
    actor_id    TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    aliases     TEXT NOT NULL,
    role        TEXT,
    salience    REAL NOT NULL,
    mentions    INTEGER NOT NULL,
    first_start INTEGER NOT NULL,
    first_end   INTEGER NOT NULL,
    corpus_key  TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    surname     TEXT,
    PRIMARY KEY (article, ord)
) WITHOUT ROWID;
-- Covering for what reconciling one corpus actor reads of its members (the incremental
-- update reads a whole actor, thousands of rows, from this index alone).
CREATE INDEX actors_key ON actors(corpus_key, article, mentions, kind, name_key, name, aliases);
CREATE INDEX actors_person ON actors(name_key) WHERE kind = 'person';
CREATE INDEX actors_surname ON actors(surname) WHERE surname IS NOT NULL;
-- An actor's articles by salience: the report's examples read a few rows, not all of them.
CREATE INDEX actors_salience ON actors(corpus_key, salience);
-- Narrow, for counting the actors of a filter's articles (the table's rows are wide).
CREATE INDEX actors_article ON actors(article, corpus_key, mentions);

CREATE TABLE mentions (
    article INTEGER NOT NULL,
    actor   INTEGER NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    section INTEGER NOT NULL,
    PRIMARY KEY (article, actor, start)
) WITHOUT ROWID;

CREATE TABLE themes (
    article     INTEGER NOT NULL,
    theme_id    TEXT NOT NULL,
    label       TEXT NOT NULL,
    score       REAL NOT NULL,
    evidence    INTEGER NOT NULL,
    first_start INTEGER NOT NULL,
    first_end   INTEGER NOT NULL,
    PRIMARY KEY (article, theme_id)
) WITHOUT ROWID;
-- By score within a theme (the report's examples); the key carries the article.
CREATE INDEX themes_id ON themes(theme_id, score);

CREATE TABLE tensions (
    article     INTEGER NOT NULL,
    ord         INTEGER NOT NULL,
    tension_id  TEXT NOT NULL,
    label       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    score       REAL NOT NULL,
    evidence    INTEGER NOT NULL,
    first_start INTEGER NOT NULL,
    first_end   INTEGER NOT NULL,
    -- The pair of sides as corpus keys (see index::aggregates); '' when a side is empty.
    pair        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article, ord)
) WITHOUT ROWID;
CREATE INDEX tensions_pair ON tensions(pair, score);
-- For `tension:WORD`: the tensions of an id, and of the few distinct labels that have the
-- word (a skip-scan of this index), without reading every tension row (schema 5).
CREATE INDEX tensions_id ON tensions(tension_id);
CREATE INDEX tensions_label ON tensions(label);

CREATE TABLE tension_sides (
    article INTEGER NOT NULL,
    tension INTEGER NOT NULL,
    side    INTEGER NOT NULL,
    actor   INTEGER NOT NULL,
    PRIMARY KEY (article, tension, side, actor)
) WITHOUT ROWID;

CREATE TABLE corpus_actors (
    key      TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    aliases  TEXT NOT NULL,
    forms    TEXT NOT NULL,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL
) WITHOUT ROWID;

-- Articles in which two corpus actors are both named, both ways round (see index::pairs).
CREATE TABLE pairs (
    a        TEXT NOT NULL,
    b        TEXT NOT NULL,
    together INTEGER NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;

-- Counts by month kept with every write (see index::aggregates); month '' is undated.
CREATE TABLE actor_months (
    key      TEXT NOT NULL,
    month    TEXT NOT NULL,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (key, month)
) WITHOUT ROWID;

CREATE TABLE theme_months (
    theme    TEXT NOT NULL,
    month    TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (theme, month)
) WITHOUT ROWID;

CREATE TABLE tension_months (
    pair     TEXT NOT NULL,
    month    TEXT NOT NULL,
    articles INTEGER NOT NULL,
    tensions INTEGER NOT NULL,
    PRIMARY KEY (pair, month)
) WITHOUT ROWID;

CREATE TABLE tension_labels (
    pair     TEXT NOT NULL,
    label    TEXT NOT NULL,
    kind     TEXT NOT NULL,
    tensions INTEGER NOT NULL,
    PRIMARY KEY (pair, label, kind)
) WITHOUT ROWID;

CREATE TABLE sidecars (
    path     TEXT PRIMARY KEY,
    size     INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE notes (
    sidecar    TEXT NOT NULL,
    article_id TEXT NOT NULL,
    annotation TEXT NOT NULL,
    tags       TEXT NOT NULL,
    note       TEXT NOT NULL,
    quote      TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    modified   TEXT NOT NULL
);
CREATE INDEX notes_sidecar ON notes(sidecar);
CREATE INDEX notes_article ON notes(article_id);

CREATE VIRTUAL TABLE bodies USING fts5(
    title, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
"#;
