//! Property tests of the query parser: it never panics on any input, an error always points
//! inside the input, and every query written back by `Display` parses to the same query.

use newslens::query::{self, ACTOR_KINDS, DateRange, Query, Term, TermKind};
use proptest::prelude::*;

fn word() -> impl Strategy<Value = String> {
    // Plain words, accented letters, digits, a prefix star; never a quote or a colon.
    "[a-zA-Zé0-9][a-zA-Zé0-9.'*]{0,8}"
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        word(),
        (word(), word()).prop_map(|(a, b)| format!("{a} {b}")),
    ]
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        (2000u32..2030).prop_map(|y| format!("{y}")),
        (2000u32..2030, 1u32..=12).prop_map(|(y, m)| format!("{y}-{m:02}")),
        (2000u32..2030, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
    ]
}

fn range() -> impl Strategy<Value = DateRange> {
    prop_oneof![
        date().prop_map(|d| DateRange {
            from: Some(d.clone()),
            to: Some(d)
        }),
        date().prop_map(|d| DateRange {
            from: Some(d),
            to: None
        }),
        date().prop_map(|d| DateRange {
            from: None,
            to: Some(d)
        }),
        (date(), date()).prop_map(|(a, b)| {
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            DateRange {
                from: Some(a),
                to: Some(b),
            }
        }),
    ]
}

fn kind() -> impl Strategy<Value = TermKind> {
    prop_oneof![
        value().prop_map(TermKind::Words),
        value().prop_map(TermKind::Actor),
        prop::sample::select(ACTOR_KINDS.to_vec()).prop_map(|k| TermKind::Kind(k.to_string())),
        value().prop_map(TermKind::Theme),
        word().prop_map(|a| TermKind::Tension(a, None)),
        (word(), word()).prop_map(|(a, b)| TermKind::Tension(a, Some(b))),
        value().prop_map(TermKind::Tag),
        value().prop_map(TermKind::Note),
        value().prop_map(TermKind::Source),
        range().prop_map(TermKind::Date),
    ]
}

fn query() -> impl Strategy<Value = Query> {
    prop::collection::vec(
        (any::<bool>(), kind()).prop_map(|(negated, kind)| Term { negated, kind }),
        0..6,
    )
    .prop_map(|terms| Query { terms })
}

proptest! {
    #[test]
    fn written_queries_parse_back_the_same(q in query()) {
        let text = q.to_string();
        let back = query::parse(&text);
        prop_assert_eq!(back.as_ref(), Ok(&q), "{}", text);
    }

    #[test]
    fn any_text_parses_or_fails_inside_it(s in "\\PC{0,40}") {
        match query::parse(&s) {
            Ok(q) => {
                // What parsed writes back to something that parses the same.
                let again = query::parse(&q.to_string());
                prop_assert_eq!(again, Ok(q));
            }
            Err(e) => {
                prop_assert!(e.at <= s.len(), "error at {} past the end of {:?}", e.at, s);
                prop_assert!(!e.message.is_empty());
            }
        }
    }

    #[test]
    fn fielded_noise_never_panics(f in "(actor|kind|date|tension|x|-)[:]?[-./a-z0-9\" ]{0,12}") {
        let _ = query::parse(&f);
    }
}
