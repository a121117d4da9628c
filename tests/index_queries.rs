//! The query planner of the index (`Index::plan`): whichever term lists the candidates and
//! whichever are tested on each, a query of several terms matches exactly the articles every
//! one of its terms matches alone, and a negated term exactly the others.

mod common;

use newslens::analysis::Analyzer;
use newslens::corpus::{LoadOptions, scan};
use newslens::index::search::Counting;
use newslens::index::{self, Index, UpdateOptions};
use newslens::query;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

fn write(root: &Path, rel: &str, front: &str, body: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, format!("+++\n{front}\n+++\n\n{body}\n")).unwrap();
}

/// Six articles: dated and undated, two sources, one front-matter tag, one annotation.
fn corpus(root: &Path) -> Index {
    let wire = "source = \"Test Wire\"";
    write(
        root,
        "world/a.md",
        &format!("title = \"UN chief meets Macron\"\n{wire}\ndate = \"2025-01-10\""),
        "Secretary-General António Guterres met Emmanuel Macron in Paris on Monday. \
         Guterres said the talks with Macron were useful for the ceasefire.",
    );
    write(
        root,
        "world/b.md",
        &format!("title = \"Guterres warns on Ukraine\"\n{wire}\ndate = \"2025-02-03\""),
        "On Tuesday Guterres warned that the war in Ukraine was far from over. \
         Vladimir Putin did not answer. Russia shelled Kyiv and Ukraine fought back.",
    );
    write(
        root,
        "c.md",
        &format!("title = \"Macron and Guterres in Geneva\"\n{wire}\ndate = \"2025-02-20\""),
        "Emmanuel Macron and Guterres spoke in Geneva about the climate summit.",
    );
    write(
        root,
        "d.md",
        "title = \"Sanctions\"\nsource = \"Delta Post\"\ndate = \"2025-03-02\"\ntags = [\"energy-file\"]",
        "France condemned Russia over the energy blockade. Russia accused France of \
         sabotaging the gas pipeline. Ukraine and Russia traded accusations over the grid.",
    );
    write(
        root,
        "e.md",
        "title = \"Protests in Tbilisi\"",
        "Police fired tear gas at protesters in Tbilisi. The government of Georgia \
         said the opposition had planned the unrest; the ceasefire talks were cancelled.",
    );
    write(
        root,
        "f.md",
        "title = \"Markets\"\nsource = \"Delta Post\"\ndate = \"2024-12-30\"",
        "Oil prices rose as markets weighed energy supply from Russia and Saudi Arabia.",
    );
    let config = newslens::config::defaults();
    let analyzer = Analyzer::new(&config).unwrap();
    let mut index = Index::open(root).unwrap();
    let options = UpdateOptions {
        fingerprint: index::fingerprint(&config),
        load: LoadOptions::default(),
        prune: true,
        wait_for_writer: true,
    };
    let mut problems = Vec::new();
    let files = scan::scan(root, &mut problems);
    index
        .update(&files, &analyzer, &options, None, &mut |_| {})
        .unwrap();
    let body = index.body("c.md").unwrap();
    let start = body.find("Geneva").unwrap();
    let span = newslens::Span::new(start, start + "Geneva".len());
    common::write_one_note(root, "c", &body, span);
    index
        .update(&files, &analyzer, &options, None, &mut |_| {})
        .unwrap();
    index
}

fn set(index: &Index, q: &str) -> BTreeSet<i64> {
    let parsed = query::parse(q).unwrap();
    let rows = index.matching_rowids(&parsed).unwrap();
    let set: BTreeSet<i64> = rows.iter().copied().collect();
    assert_eq!(set.len(), rows.len(), "each article once: {q}");
    set
}

const TERMS: [&str; 16] = [
    "guterres",
    "ceasefire",
    "ukr*",
    "actor:guterres",
    "actor:russia",
    "kind:person",
    "theme:energy",
    "theme:conflict",
    "tension:russia",
    "tension:russia/france",
    "tag:evidence",
    "tag:energy-file",
    "note:where",
    "source:delta",
    "date:2025-02",
    "date:..2025-01-31",
];

#[test]
fn combined_terms_match_the_intersection_of_each_term_alone() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    let all = set(&index, "");
    assert_eq!(all.len(), 6);
    let alone = |t: &str, negated: bool| -> BTreeSet<i64> {
        let s = set(&index, t);
        if negated {
            all.difference(&s).copied().collect()
        } else {
            s
        }
    };
    // Each term alone (listed from its own rows or tested on every article) and negated
    // (always tested) split the corpus in two.
    let mut nonempty = 0;
    for t in TERMS {
        let yes = set(&index, t);
        let no = set(&index, &format!("-{t}"));
        assert!(yes.is_disjoint(&no), "{t}: {yes:?} and -{t}: {no:?}");
        assert_eq!(yes.len() + no.len(), all.len(), "{t}");
        nonempty += usize::from(!yes.is_empty() && yes.len() < all.len());
    }
    assert!(nonempty >= 12, "most terms split this corpus: {nonempty}");
    // Every two terms, each way negated or not, and a few of three.
    let mut checked = 0;
    for (i, a) in TERMS.iter().enumerate() {
        for b in &TERMS[i + 1..] {
            for (na, nb) in [(false, false), (true, false), (false, true), (true, true)] {
                let q = format!(
                    "{}{a} {}{b}",
                    if na { "-" } else { "" },
                    if nb { "-" } else { "" }
                );
                let want: BTreeSet<i64> =
                    alone(a, na).intersection(&alone(b, nb)).copied().collect();
                assert_eq!(set(&index, &q), want, "{q}");
                checked += 1;
            }
        }
    }
    for (i, a) in TERMS.iter().enumerate() {
        let b = TERMS[(i + 5) % TERMS.len()];
        let c = TERMS[(i + 11) % TERMS.len()];
        let q = format!("{a} -{b} {c}");
        let want: BTreeSet<i64> = alone(a, false)
            .intersection(&alone(b, true))
            .copied()
            .collect::<BTreeSet<_>>()
            .intersection(&alone(c, false))
            .copied()
            .collect();
        assert_eq!(set(&index, &q), want, "{q}");
        // `search` (newest first or by rank) counts and orders the same articles.
        let parsed = query::parse(&q).unwrap();
        let results = index.search(&parsed, 100).unwrap();
        assert_eq!(results.total, want.len(), "{q}");
        let rowids: BTreeSet<i64> = results.hits.iter().map(|h| h.rowid).collect();
        assert_eq!(rowids, want, "{q}");
        checked += 1;
    }
    assert!(checked > 400);
}

#[test]
fn results_come_best_first() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    // Without free words: newest first, undated last.
    let q = query::parse("-actor:putin").unwrap();
    let hits = index.search(&q, 100).unwrap().hits;
    let dates: Vec<Option<String>> = hits.iter().map(|h| h.date.clone()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    assert_eq!(dates.last(), Some(&None), "{dates:?}");
    // With free words: by BM25 rank, best (lowest) first, the same in any-order form.
    let q = query::parse("ceasefire -source:delta").unwrap();
    let ranked = index.matching(&q).unwrap();
    assert_eq!(ranked.len(), 2, "{ranked:?}");
    assert!(ranked.windows(2).all(|w| w[0].1 <= w[1].1), "{ranked:?}");
    assert_eq!(index.matching_any_order(&q).unwrap(), ranked);
}

/// `tension:NAME` finds a side through the tension's pair of sides; it finds what the
/// side rows themselves say, for every actor on a side of some tension, and every label word.
#[test]
fn a_tension_side_is_found_as_the_side_rows_say() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    let conn = rusqlite::Connection::open(index.path()).unwrap();
    let col = |sql: &str| -> Vec<String> {
        conn.prepare(sql)
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let keys = col("SELECT DISTINCT ac.corpus_key FROM tension_sides s \
         JOIN actors ac ON ac.article = s.article AND ac.ord = s.actor");
    assert!(keys.len() >= 3, "{keys:?}");
    for key in &keys {
        let mut stmt = conn
            .prepare(
                "SELECT DISTINCT t.article FROM tensions t JOIN tension_sides s \
                 ON s.article = t.article AND s.tension = t.ord \
                 JOIN actors ac ON ac.article = s.article AND ac.ord = s.actor \
                 JOIN corpus_actors c ON c.key = ac.corpus_key \
                 WHERE c.forms LIKE ?1 OR t.tension_id = ?2 OR t.label LIKE ?3",
            )
            .unwrap();
        let want: BTreeSet<i64> = stmt
            .query_map(
                rusqlite::params![format!("%-{key}-%"), key, format!("%{key}%")],
                |r| r.get(0),
            )
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!want.is_empty(), "{key}");
        assert_eq!(
            set(&index, &format!("tension:{key}")),
            want,
            "tension:{key}"
        );
    }
}

/// A page (`search` with a limit) is the first articles of the whole order, whichever way
/// it was read (from the fewest-articles term and sorted, or walking the articles newest
/// first until enough matched), and the total counts every match.
#[test]
fn a_page_is_the_head_of_the_whole_order_and_the_total_counts_all() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    let mut queries: Vec<String> = vec![String::new()];
    for (i, a) in TERMS.iter().enumerate() {
        queries.push(a.to_string());
        queries.push(format!("-{a}"));
        let b = TERMS[(i + 3) % TERMS.len()];
        queries.push(format!("{a} -{b}"));
        queries.push(format!("-{a} -{b}"));
    }
    let mut paged = 0;
    for q in &queries {
        let parsed = query::parse(q).unwrap();
        let whole = index.matching(&parsed).unwrap();
        assert_eq!(index.count(&parsed).unwrap(), whole.len(), "count of `{q}`");
        for limit in 0..=whole.len() + 1 {
            let page = index.matching_page(&parsed, limit).unwrap();
            let head = &whole[..limit.min(whole.len())];
            assert_eq!(page, head, "the first {limit} of `{q}`");
            let results = index.search(&parsed, limit).unwrap();
            assert_eq!(results.total, whole.len(), "total of `{q}`, limit {limit}");
            let ids: Vec<i64> = results.hits.iter().map(|h| h.rowid).collect();
            let want: Vec<i64> = head.iter().map(|h| h.0).collect();
            assert_eq!(ids, want, "hits of `{q}`, limit {limit}");
            paged += usize::from(limit < whole.len());
        }
    }
    assert!(paged > 100, "{paged}");
}

/// A count up to a cap is the exact count while it is no more than the cap, else the cap
/// and "more" (whether it walked the articles or listed a term's candidates); a search
/// counting so gives at least its page and says when it stopped.
#[test]
fn a_capped_count_is_exact_up_to_its_cap_and_says_when_more_match() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    let mut queries: Vec<String> = vec![String::new()];
    for (i, a) in TERMS.iter().enumerate() {
        queries.push(a.to_string());
        queries.push(format!("-{a}"));
        queries.push(format!("{a} -{}", TERMS[(i + 3) % TERMS.len()]));
    }
    let mut stopped = 0;
    for q in &queries {
        let parsed = query::parse(q).unwrap();
        let n = index.count(&parsed).unwrap();
        for cap in 0..=n + 1 {
            let got = index.count_up_to(&parsed, cap).unwrap();
            assert_eq!(got, (n.min(cap), n > cap), "`{q}` counted up to {cap}");
            stopped += usize::from(n > cap);
            for limit in [0, 1, 3] {
                let r = index
                    .search_counted(&parsed, limit, Counting::UpTo(cap))
                    .unwrap();
                // The cap is never below the page.
                let cap = cap.max(limit);
                let short = n <= limit;
                let want = if short {
                    (n, false)
                } else {
                    (n.min(cap), n > cap)
                };
                assert_eq!((r.total, r.capped), want, "`{q}`, limit {limit}, cap {cap}");
                assert_eq!(r.hits.len(), n.min(limit), "`{q}`, limit {limit}");
            }
        }
    }
    assert!(stopped > 50, "{stopped}");
}

/// Where `tension:A/B` and `tension:WORD` matched in an article is the evidence of a
/// tension the term names, not of the article's best tension whatever its sides.
#[test]
fn a_tension_match_is_shown_at_a_tension_the_term_names() {
    let dir = tempfile::tempdir().unwrap();
    // Two tensions, the war scored above the police and the protesters.
    write(
        dir.path(),
        "g.md",
        "title = \"Two rivalries\"\ndate = \"2025-03-04\"",
        "Russia shelled Kyiv again and Ukraine fought back near Kharkiv. Ukraine accused \
         Russia of war crimes. Russia attacked Ukraine on Friday.\n\n\
         Later, police fired tear gas at protesters in Tbilisi.",
    );
    let index = corpus(dir.path());
    let conn = rusqlite::Connection::open(index.path()).unwrap();
    let rows: Vec<(i64, String, String, i64, i64)> = conn
        .prepare(
            "SELECT article, pair, label, first_start, first_end FROM tensions \
             WHERE pair <> '' ORDER BY article, score DESC",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut checked = 0;
    for (k, (article, pair, label, start, end)) in rows.iter().enumerate() {
        // Only the article's tensions after its best one, with sides of their own.
        let best = rows.iter().find(|r| r.0 == *article).unwrap();
        if best.1 == *pair || k == 0 || rows[k - 1].0 != *article {
            continue;
        }
        let (a, b) = pair.split_once('|').unwrap();
        let (a, b) = (a.split(' ').next().unwrap(), b.split(' ').next().unwrap());
        let q = query::parse(&format!("tension:{a}/{b}")).unwrap();
        let spans = index.term_spans(*article, &q).unwrap();
        let at = |s: i64, e: i64| newslens::Span::new(s as usize, e as usize);
        // The best tension of this article naming both (it may share a side with the best).
        let want = rows
            .iter()
            .find(|r| r.0 == *article && r.1.contains(a) && r.1.contains(b))
            .map(|r| at(r.3, r.4))
            .unwrap();
        assert_eq!(spans, vec![want], "tension:{a}/{b} in article {article}");
        assert_ne!(
            spans,
            vec![at(best.3, best.4)],
            "not the best tension: {label}"
        );
        assert_eq!(want, at(*start, *end));
        checked += 1;
    }
    assert!(
        checked >= 1,
        "the corpus has an article with two tensions: {rows:?}"
    );
}
