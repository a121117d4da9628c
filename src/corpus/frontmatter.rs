//! TOML front matter: the block between two `+++` lines at the top of an article, read into
//! [`Meta`] with every complaint tied to its line in the file.
//!
//! What loads and what does not:
//! - no closing `+++`: an error and the article is skipped, because where the body starts
//!   cannot be known;
//! - a TOML syntax error: a warning, and the article loads without front matter fields (the
//!   closing `+++` still marks where the body starts, so nothing of the text is lost);
//! - a field of the wrong type, an invalid date, an unknown key: a warning, and the article
//!   loads without that field.

use super::{Meta, Severity};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The fields the front matter may hold.
pub const KNOWN_KEYS: [&str; 6] = ["title", "source", "date", "url", "authors", "tags"];

/// One complaint about the front matter, at a 1-based line of the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub line: usize,
    pub severity: Severity,
    pub message: String,
}

/// Front matter read from a file's text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub meta: Meta,
    /// Byte offset in the text where the body starts (0 without front matter).
    pub body_start: usize,
    /// Line of the file where the body starts (1 without front matter).
    pub body_line: usize,
    /// Problems found; the article still loads.
    pub findings: Vec<Finding>,
}

/// The 1-based line holding byte `offset` of `text`.
pub fn line_at(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "+++"
}

/// Split `text` (a whole file, byte order mark already removed) into front matter and body.
/// `Err` is an unterminated block: the article cannot be loaded.
pub fn parse(text: &str) -> Result<FrontMatter, Finding> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_fence(&text[..first_end]) {
        return Ok(FrontMatter {
            body_line: 1,
            ..FrontMatter::default()
        });
    }
    let toml_start = (first_end + 1).min(text.len());
    let mut line_start = toml_start;
    let mut line_no = 2;
    let (toml_end, body_start) = loop {
        if line_start >= text.len() {
            return Err(Finding {
                line: 1,
                severity: Severity::Error,
                message: "front matter opened with `+++` on line 1 is never closed \
                          (expected a line of exactly `+++` after it)"
                    .into(),
            });
        }
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if is_fence(&text[line_start..line_end]) {
            break (line_start, (line_end + 1).min(text.len()));
        }
        line_start = line_end + 1;
        line_no += 1;
    };
    let source = &text[toml_start..toml_end];
    let mut front = FrontMatter {
        body_start,
        body_line: line_no + 1,
        ..FrontMatter::default()
    };
    let file_line = |offset: usize| line_at(text, toml_start + offset);
    match DeTable::parse(source) {
        Ok(table) => {
            for (key, value) in table.get_ref().iter() {
                read_field(key, value, &mut front, &file_line);
            }
        }
        Err(e) => {
            let line = e.span().map_or(2, |s| file_line(s.start));
            front.findings.push(Finding {
                line,
                // An error for `check`, though the article still loads: the body is intact
                // but everything the author wrote in the front matter is lost.
                severity: Severity::Error,
                message: format!(
                    "front matter is not valid TOML: {}; its fields were ignored",
                    e.message().trim_end()
                ),
            });
        }
    }
    front.findings.sort_by_key(|f| f.line);
    Ok(front)
}

fn read_field(
    key: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
    front: &mut FrontMatter,
    file_line: &dyn Fn(usize) -> usize,
) {
    let name = key.get_ref().as_ref();
    let line = file_line(key.span().start);
    let mut warn = |message: String| {
        front.findings.push(Finding {
            line,
            severity: Severity::Warning,
            message,
        })
    };
    let found = value.get_ref().type_str();
    match name {
        "title" | "source" | "url" => match value.get_ref().as_str() {
            Some(s) => {
                let s = s.trim().to_string();
                let slot = match name {
                    "title" => &mut front.meta.title,
                    "source" => &mut front.meta.source,
                    _ => &mut front.meta.url,
                };
                // An empty title would hide the fallback title; treat it as absent.
                *slot = (!s.is_empty()).then_some(s);
            }
            None => warn(format!(
                "`{name}` should be a string, found {found}; ignored"
            )),
        },
        "date" => match value.get_ref() {
            DeValue::String(s) => {
                if is_valid_date(s.trim()) {
                    front.meta.date = Some(s.trim().to_string());
                } else {
                    warn(format!(
                        "`date` \"{s}\" is not a valid date in the form YYYY-MM-DD; ignored"
                    ));
                }
            }
            // An unquoted TOML date (`date = 2025-12-10`) is what people often write.
            DeValue::Datetime(dt) => match dt.date {
                Some(d) if is_valid_date(&d.to_string()) => {
                    front.meta.date = Some(d.to_string());
                }
                _ => warn(format!(
                    "`date` {dt} is not a date in the form YYYY-MM-DD; ignored"
                )),
            },
            _ => warn(format!(
                "`date` should be a string like \"2025-12-10\", found {found}; ignored"
            )),
        },
        "authors" | "tags" => {
            let list = match value.get_ref() {
                // A lone string is unambiguous: one author or one tag.
                DeValue::String(s) => vec![s.trim().to_string()],
                DeValue::Array(items) => {
                    let mut list = Vec::new();
                    let mut wrong = None;
                    for item in items.iter() {
                        match item.get_ref().as_str() {
                            Some(s) => list.push(s.trim().to_string()),
                            None => wrong = wrong.or(Some(item.get_ref().type_str())),
                        }
                    }
                    if let Some(t) = wrong {
                        warn(format!(
                            "`{name}` should hold only strings, found {t}; those items were ignored"
                        ));
                    }
                    list
                }
                _ => {
                    warn(format!(
                        "`{name}` should be an array of strings, found {found}; ignored"
                    ));
                    Vec::new()
                }
            };
            let list: Vec<String> = list.into_iter().filter(|s| !s.is_empty()).collect();
            if name == "authors" {
                front.meta.authors = list;
            } else {
                front.meta.tags = list;
            }
        }
        _ => warn(format!(
            "unknown front matter key `{name}` (known: {}); ignored",
            KNOWN_KEYS.join(", ")
        )),
    }
}

/// `YYYY-MM-DD` naming a day that exists (leap years included).
pub fn is_valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_front_matter_the_body_is_everything() {
        let f = parse("# Title\n\nText\n").unwrap();
        assert_eq!(f.body_start, 0);
        assert_eq!(f.meta, Meta::default());
    }

    #[test]
    fn reads_all_fields_and_the_body_start() {
        let text = "+++\ntitle = \"T\"\nsource = \"S\"\ndate = \"2024-02-29\"\nurl = \"u\"\n\
                    authors = [\"A\", \"B\"]\ntags = [\"x\"]\n+++\nBody\n";
        let f = parse(text).unwrap();
        assert_eq!(&text[f.body_start..], "Body\n");
        assert_eq!(f.body_line, 9);
        assert_eq!(f.meta.title.as_deref(), Some("T"));
        assert_eq!(f.meta.date.as_deref(), Some("2024-02-29"));
        assert_eq!(f.meta.authors, ["A", "B"]);
        assert_eq!(f.meta.tags, ["x"]);
        assert!(f.findings.is_empty(), "{:?}", f.findings);
    }

    #[test]
    fn crlf_front_matter() {
        let text = "+++\r\ntitle = \"T\"\r\n+++\r\nBody\r\n";
        let f = parse(text).unwrap();
        assert_eq!(&text[f.body_start..], "Body\r\n");
        assert_eq!(f.meta.title.as_deref(), Some("T"));
    }

    #[test]
    fn unterminated_is_an_error_on_line_1() {
        let e = parse("+++\ntitle = \"T\"\nBody\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert_eq!(e.severity, Severity::Error);
        assert!(e.message.contains("never closed"));
    }

    #[test]
    fn syntax_error_points_at_the_file_line() {
        let f = parse("+++\ntitle = \"T\"\nsource = \n+++\nBody\n").unwrap();
        assert_eq!(f.findings.len(), 1);
        assert_eq!(f.findings[0].line, 3);
        assert!(f.findings[0].message.contains("not valid TOML"));
        assert_eq!(f.meta, Meta::default());
    }

    #[test]
    fn wrong_types_unknown_keys_and_bad_dates_are_warnings_at_their_lines() {
        let text = "+++\ntitle = 5\ndate = \"2025-02-30\"\nmood = \"x\"\nsource = \"S\"\n\
                    tags = [\"a\", 3]\n+++\nBody\n";
        let f = parse(text).unwrap();
        let lines: Vec<usize> = f.findings.iter().map(|f| f.line).collect();
        assert_eq!(lines, [2, 3, 4, 6], "{:?}", f.findings);
        assert!(f.findings[0].message.contains("`title` should be a string"));
        assert!(f.findings[1].message.contains("2025-02-30"));
        assert!(
            f.findings[2]
                .message
                .contains("unknown front matter key `mood`")
        );
        assert_eq!(f.meta.title, None);
        assert_eq!(f.meta.date, None);
        assert_eq!(f.meta.source.as_deref(), Some("S"));
        assert_eq!(f.meta.tags, ["a"]);
    }

    #[test]
    fn unquoted_toml_date_is_accepted() {
        let f = parse("+++\ndate = 2025-12-10\n+++\nBody\n").unwrap();
        assert_eq!(f.meta.date.as_deref(), Some("2025-12-10"));
    }

    #[test]
    fn dates() {
        assert!(is_valid_date("2024-02-29"));
        assert!(!is_valid_date("2023-02-29"));
        assert!(!is_valid_date("2023-13-01"));
        assert!(!is_valid_date("2023-1-01"));
        assert!(!is_valid_date("20x3-01-01"));
    }
}
