//! Annotations out of and into the program: a Markdown digest, CSV (RFC 4180) and the W3C
//! Web Annotation Data Model as JSON-LD, plus reading that JSON back.
//!
//! This is the edge where byte offsets become Unicode code points (W3C and CSV positions) and
//! back. Pure functions over loaded articles; the commands do the file and terminal I/O.

use super::store::ArticleAnnotations;
use super::{Annotation, Target, byte_to_char, char_to_byte};
use crate::corpus::Article;
use serde_json::{Value, json};
use std::fmt::Write;

/// The JSON-LD context of the W3C Web Annotation Data Model.
pub const W3C_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// One article and its annotations, as exported.
pub type ArticleExport<'a> = (&'a Article, &'a ArticleAnnotations);

/// How many annotations (placed and orphans) the export holds.
pub fn count(items: &[ArticleExport<'_>]) -> usize {
    items
        .iter()
        .map(|(_, a)| a.placed.len() + a.orphans.len())
        .sum()
}

/// The `target.source` of an article: its file path relative to the corpus folder, `/`
/// separated (a relative IRI reference), so a copy of the corpus elsewhere still matches.
pub fn source_of(article: &Article) -> String {
    match article.path.strip_prefix(&article.root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_string_lossy().replace('\\', "/"),
        _ => article.id.clone(),
    }
}

/// The title of the section holding byte `offset`: its heading, else "Section N".
pub fn section_title(article: &Article, offset: usize) -> String {
    let i = article.section_at(offset);
    match article.sections.get(i).and_then(|s| s.heading.as_deref()) {
        Some(h) if !h.trim().is_empty() => h.trim().to_string(),
        _ => format!("Section {}", i + 1),
    }
}

/// A readable digest: per article its title, then each annotation in body order with its
/// section, the quote as a blockquote, tags and note; orphans last.
pub fn markdown(items: &[ArticleExport<'_>]) -> String {
    markdown_with_titles(items, &[])
}

/// [`markdown`] with section titles per item (as the analysis generates them, one per
/// section); an item without them falls back to headings and "Section N".
pub fn markdown_with_titles(items: &[ArticleExport<'_>], titles: &[Vec<String>]) -> String {
    let mut out = String::from("# Annotations\n");
    if count(items) == 0 {
        out.push_str("\nNo annotations.\n");
    }
    for (i, (article, anns)) in items.iter().enumerate() {
        if anns.placed.is_empty() && anns.orphans.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "\n## {}\n\n`{}`\n",
            one_line(&article.title),
            article.id
        );
        for p in &anns.placed {
            let generated = titles
                .get(i)
                .and_then(|t| t.get(article.section_at(p.span.start)))
                .filter(|t| !t.trim().is_empty());
            let title = match generated {
                Some(t) => t.clone(),
                None => section_title(article, p.span.start),
            };
            let _ = write!(out, "\n### {}\n\n", one_line(&title));
            entry(&mut out, &p.annotation);
        }
        if !anns.orphans.is_empty() {
            out.push_str("\n### Orphans (their passage is no longer in the text)\n\n");
            for a in &anns.orphans {
                entry(&mut out, a);
            }
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn entry(out: &mut String, a: &Annotation) {
    for line in a.target.exact.lines() {
        let _ = writeln!(out, "> {line}");
    }
    out.push('\n');
    if !a.tags.is_empty() {
        let tags: Vec<String> = a.tags.iter().map(|t| format!("`{t}`")).collect();
        let _ = writeln!(out, "Tags: {}\n", tags.join(", "));
    }
    if !a.note.trim().is_empty() {
        let _ = writeln!(out, "{}\n", a.note.trim_end());
    }
}

/// The CSV header.
pub const CSV_HEADER: [&str; 9] = [
    "article_id",
    "annotation_id",
    "created",
    "modified",
    "start",
    "end",
    "quote",
    "tags",
    "note",
];

/// One row per annotation, RFC 4180: CRLF line ends, fields holding a comma, quote or line
/// break are quoted with quotes doubled. A cell a spreadsheet would run as a formula is
/// prefixed with `'` ([`csv_cell`]). `start`/`end` are code points into the body, empty
/// for orphans. Tags are joined with `;`.
pub fn csv(items: &[ArticleExport<'_>]) -> String {
    let mut out = String::new();
    csv_row(&mut out, CSV_HEADER.iter().map(|s| s.to_string()));
    for (article, anns) in items {
        let rows = anns
            .placed
            .iter()
            .map(|p| (&p.annotation, Some(p.span)))
            .chain(anns.orphans.iter().map(|a| (a, None)));
        for (a, span) in rows {
            let (start, end) = match span {
                Some(s) => (
                    byte_to_char(&article.body, s.start).to_string(),
                    byte_to_char(&article.body, s.end).to_string(),
                ),
                None => (String::new(), String::new()),
            };
            csv_row(
                &mut out,
                [
                    article.id.clone(),
                    a.id.clone(),
                    a.created.clone(),
                    a.modified.clone(),
                    start,
                    end,
                    a.target.exact.clone(),
                    a.tags.join(";"),
                    a.note.clone(),
                ]
                .into_iter(),
            );
        }
    }
    out
}

fn csv_row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_cell(&f));
    }
    out.push_str("\r\n");
}

/// Characters that make a spreadsheet read a cell as a formula when they open it (OWASP
/// "CSV Injection": `=`, `+`, `-`, `@`, tab and carriage return).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written to CSV: a quote or note starting like a formula gets a leading `'` so
/// Excel, LibreOffice and Sheets show it as text (OWASP's advice), then RFC 4180 quoting.
/// Every other cell is written exactly.
pub fn csv_cell(field: &str) -> std::borrow::Cow<'_, str> {
    if field.starts_with(FORMULA_STARTS) {
        csv_field(&format!("'{field}")).into_owned().into()
    } else {
        csv_field(field)
    }
}

/// A field quoted as RFC 4180 requires.
pub fn csv_field(field: &str) -> std::borrow::Cow<'_, str> {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\"")).into()
    } else {
        field.into()
    }
}

/// The W3C id of an annotation: `urn:uuid:` for our UUID-shaped ids.
fn w3c_id(id: &str) -> String {
    if id.contains(':') {
        id.to_string()
    } else {
        format!("urn:uuid:{id}")
    }
}

/// Annotations as a JSON array of W3C Web Annotations, each with its own `@context`.
/// Orphans carry only a `TextQuoteSelector`: they have no position in the current text.
pub fn w3c_json(items: &[ArticleExport<'_>]) -> Value {
    let mut out = Vec::new();
    for (article, anns) in items {
        let source = source_of(article);
        for p in &anns.placed {
            let pos = json!({
                "type": "TextPositionSelector",
                "start": byte_to_char(&article.body, p.span.start),
                "end": byte_to_char(&article.body, p.span.end),
            });
            out.push(w3c_one(&p.annotation, &source, Some(pos)));
        }
        for a in &anns.orphans {
            out.push(w3c_one(a, &source, None));
        }
    }
    Value::Array(out)
}

fn w3c_one(a: &Annotation, source: &str, position: Option<Value>) -> Value {
    let mut body = vec![json!({
        "type": "TextualBody",
        "purpose": "commenting",
        "value": a.note,
        "format": "text/plain",
    })];
    body.extend(
        a.tags
            .iter()
            .map(|t| json!({"type": "TextualBody", "purpose": "tagging", "value": t})),
    );
    let mut selector = vec![json!({
        "type": "TextQuoteSelector",
        "exact": a.target.exact,
        "prefix": a.target.prefix,
        "suffix": a.target.suffix,
    })];
    selector.extend(position);
    json!({
        "@context": W3C_CONTEXT,
        "id": w3c_id(&a.id),
        "type": "Annotation",
        "created": a.created,
        "modified": a.modified,
        "body": body,
        "target": {"source": source, "selector": selector},
    })
}

/// One annotation read from W3C JSON, positions still in code points.
#[derive(Clone, Debug, PartialEq)]
pub struct W3cAnnotation {
    /// Our id (the `urn:uuid:` prefix removed), if it had one.
    pub id: Option<String>,
    pub created: Option<String>,
    pub modified: Option<String>,
    pub tags: Vec<String>,
    pub note: String,
    pub source: String,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    /// Code points, from a `TextPositionSelector`.
    pub position: Option<(usize, usize)>,
}

/// Read W3C annotations: an array, a single annotation, or an `AnnotationCollection` /
/// `AnnotationPage` with `items`. Entries that are not usable annotations (no source or no
/// quote) are returned as messages, so the rest can still be imported.
pub fn parse_w3c(text: &str) -> Result<(Vec<W3cAnnotation>, Vec<String>), String> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| format!("line {}: not valid JSON: {e}", e.line()))?;
    let list: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(o) => {
            let items = o
                .get("items")
                .or_else(|| o.get("first").and_then(|f| f.get("items")));
            match items {
                Some(Value::Array(items)) => items.iter().collect(),
                _ => vec![&value],
            }
        }
        _ => return Err("expected a JSON array or object of annotations".into()),
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, v) in list.into_iter().enumerate() {
        // Corrections travel in the same export; they are not notes.
        if crate::corrections::w3c::is_correction(v) {
            continue;
        }
        match one_w3c(v) {
            Ok(a) => out.push(a),
            Err(why) => problems.push(format!("annotation {}: {why}", i + 1)),
        }
    }
    Ok((out, problems))
}

fn one_w3c(v: &Value) -> Result<W3cAnnotation, String> {
    let s = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    let id = s(v.get("id")).map(|id| {
        id.strip_prefix("urn:uuid:")
            .map(str::to_string)
            .unwrap_or(id)
    });
    let mut tags = Vec::new();
    let mut notes = Vec::new();
    let bodies: Vec<&Value> = match v.get("body") {
        Some(Value::Array(b)) => b.iter().collect(),
        Some(b) => vec![b],
        None => Vec::new(),
    };
    for b in bodies {
        let value = s(b.get("value")).unwrap_or_default();
        match b.get("purpose").and_then(Value::as_str) {
            Some("tagging") => tags.push(value),
            _ => notes.push(value),
        }
    }
    let target = v.get("target").ok_or("no target")?;
    let source = s(target.get("source"))
        .or_else(|| s(Some(target)))
        .ok_or("the target has no source")?;
    let selectors: Vec<&Value> = match target.get("selector") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    let of_type = |t: &str| {
        selectors
            .iter()
            .find(|sel| sel.get("type").and_then(Value::as_str) == Some(t))
    };
    let quote = of_type("TextQuoteSelector").ok_or("no TextQuoteSelector")?;
    let exact = s(quote.get("exact"))
        .filter(|e| !e.is_empty())
        .ok_or("an empty quote")?;
    let position = of_type("TextPositionSelector").and_then(|p| {
        let n = |k: &str| {
            p.get(k)
                .and_then(Value::as_u64)
                .and_then(|n| usize::try_from(n).ok())
        };
        Some((n("start")?, n("end")?))
    });
    Ok(W3cAnnotation {
        id,
        created: s(v.get("created")),
        modified: s(v.get("modified")),
        tags,
        note: notes.join("\n\n"),
        source,
        prefix: s(quote.get("prefix")).unwrap_or_default(),
        suffix: s(quote.get("suffix")).unwrap_or_default(),
        exact,
        position,
    })
}

impl W3cAnnotation {
    /// An annotation of `body`: code points become bytes; the body hash is left empty so the
    /// store places it by position when the quote stands there, else by quote.
    pub fn to_annotation(&self, body: &str) -> Annotation {
        let (start, end) = self
            .position
            .and_then(|(s, e)| Some((char_to_byte(body, s)?, char_to_byte(body, e)?)))
            .filter(|(s, e)| s < e)
            .unwrap_or((0, 0));
        Annotation {
            id: self
                .id
                .clone()
                .filter(|id| !id.trim().is_empty())
                .unwrap_or_else(|| super::new_id(&self.exact)),
            // Empty when the file gives none: the store fills them (the stored note's, else
            // now), so an unchanged note compares equal.
            created: self.created.clone().unwrap_or_default(),
            modified: self.modified.clone().unwrap_or_default(),
            tags: self.tags.clone(),
            note: self.note.clone(),
            deleted: None,
            target: Target {
                exact: self.exact.clone(),
                prefix: self.prefix.clone(),
                suffix: self.suffix.clone(),
                start,
                end,
                body_hash: String::new(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::annotations::anchor::Placement;
    use crate::annotations::store::PlacedAnnotation;
    use crate::corpus::{Format, Meta, Section, Span};

    #[test]
    fn markdown_names_sections_by_heading_generated_title_or_number() {
        let body = "Intro text here.\n## Ports\nShips wait.\nMore words at the end.";
        let ports = body.find("## Ports").unwrap();
        let last = body.find("More").unwrap();
        let article = Article {
            id: "a".into(),
            path: "/c/a.md".into(),
            root: std::path::Path::new("/c").into(),
            format: Format::Markdown,
            meta: Meta::default(),
            title: "A title".into(),
            body: body.into(),
            sections: vec![
                Section {
                    span: Span::new(0, ports),
                    heading: None,
                },
                Section {
                    span: Span::new(ports, last),
                    heading: Some("Ports".into()),
                },
                Section {
                    span: Span::new(last, body.len()),
                    heading: None,
                },
            ],
        };
        let placed = |q: &str| {
            let s = body.find(q).unwrap();
            let span = Span::new(s, s + q.len());
            PlacedAnnotation {
                annotation: Annotation::new(body, span, vec![], String::new()).unwrap(),
                span,
                placement: Placement::Exact,
            }
        };
        let anns = ArticleAnnotations {
            placed: vec![placed("Intro"), placed("Ships"), placed("words")],
            ..ArticleAnnotations::default()
        };
        let md = markdown(&[(&article, &anns)]);
        assert!(md.contains("### Section 1\n\n> Intro"), "{md}");
        assert!(md.contains("### Ports\n\n> Ships"), "{md}");
        assert!(md.contains("### Section 3\n\n> words"), "{md}");
        let titles = vec![vec![
            "Opening".to_string(),
            "Ports".into(),
            "Closing".into(),
        ]];
        let md = markdown_with_titles(&[(&article, &anns)], &titles);
        assert!(md.contains("### Opening\n\n> Intro"), "{md}");
        assert!(md.contains("### Closing\n\n> words"), "{md}");
        assert!(md.contains("`a`"), "{md}");
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("cr\r"), "\"cr\r\"");
    }

    #[test]
    fn csv_cells_that_would_run_as_formulas_are_prefixed_and_the_rest_exact() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("\rx"), "\"'\rx\"");
        // Only the first character counts; anything else is untouched.
        assert_eq!(csv_cell("a=b"), "a=b");
        assert_eq!(csv_cell(" =x"), " =x");
        assert_eq!(csv_cell("'quoted"), "'quoted");
        assert_eq!(csv_cell("2025-01-02T10:00:00Z"), "2025-01-02T10:00:00Z");
        assert_eq!(csv_cell(""), "");
        assert_eq!(csv_cell("Côte d’Ivoire, 2025"), "\"Côte d’Ivoire, 2025\"");
    }

    #[test]
    fn parse_tolerates_single_object_and_collections() {
        let one = r#"{"id":"urn:uuid:abc","type":"Annotation","body":{"type":"TextualBody","value":"n"},
            "target":{"source":"a.md","selector":{"type":"TextQuoteSelector","exact":"x"}}}"#;
        let (got, problems) = parse_w3c(one).unwrap();
        assert!(problems.is_empty());
        assert_eq!(got[0].id.as_deref(), Some("abc"));
        assert_eq!(got[0].note, "n");
        let coll = format!(
            r#"{{"type":"AnnotationCollection","first":{{"items":[{one},{{"target":{{}}}}]}}}}"#
        );
        let (got, problems) = parse_w3c(&coll).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(problems.len(), 1);
        assert!(parse_w3c("[1,").is_err());
        assert!(parse_w3c("42").is_err());
    }
}
