//! Front matter on arbitrary input: never a panic, the body is always a suffix of the file
//! starting on a line, and every finding points at a line that exists.

use newslens::corpus::frontmatter::parse;
use proptest::prelude::*;

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("+++".to_string()),
        Just("+++ ".to_string()),
        Just("title = \"A title\"".to_string()),
        Just("date = \"2025-02-30\"".to_string()),
        Just("date = 2025-01-01T10:00:00Z".to_string()),
        Just("authors = [\"A\", 1]".to_string()),
        Just("tags = \"one\"".to_string()),
        Just("[extra]".to_string()),
        Just("title = ".to_string()),
        "[a-z]{1,8} = \"[^\"\\\\]{0,10}\"",
        "\\PC{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_text_splits_cleanly(lines in prop::collection::vec(line(), 0..12), crlf in any::<bool>()) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        let line_count = text.split('\n').count();
        match parse(&text) {
            Ok(front) => {
                prop_assert!(front.body_start <= text.len());
                prop_assert!(text.is_char_boundary(front.body_start));
                prop_assert!(front.body_start == 0 || text.as_bytes()[front.body_start - 1] == b'\n'
                    || front.body_start == text.len());
                for f in &front.findings {
                    prop_assert!(f.line >= 1 && f.line <= line_count, "{f:?} in {text:?}");
                }
                if let Some(d) = &front.meta.date {
                    prop_assert!(newslens::corpus::frontmatter::is_valid_date(d));
                }
            }
            Err(finding) => prop_assert_eq!(finding.line, 1),
        }
    }
}

#[test]
fn datetime_dates_keep_the_day() {
    let front = parse("+++\ndate = 2025-01-01T10:00:00Z\n+++\nBody\n").expect("parses");
    assert_eq!(front.meta.date.as_deref(), Some("2025-01-01"));
}

#[test]
fn a_table_is_an_unknown_key_at_its_line() {
    let front = parse("+++\ntitle = \"T\"\n\n[extra]\nx = 1\n+++\nBody\n").expect("parses");
    assert_eq!(front.findings.len(), 1, "{:?}", front.findings);
    assert_eq!(front.findings[0].line, 4);
    assert!(front.findings[0].message.contains("`extra`"));
}
