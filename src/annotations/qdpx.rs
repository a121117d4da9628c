//! REFI-QDA exchange (QDA-XML 1.0, www.qdasoftware.org): a QDPX project, so QualCoder,
//! ATLAS.ti, MAXQDA or NVivo can open a newslens corpus with its annotations, and a QDC
//! codebook alone.
//!
//! A QDPX file is a zip holding `project.qde` (XML in `urn:QDA-XML:project:1.0`) and the
//! sources it names: here each article's body as `Sources/<guid>.txt`, exactly as newslens
//! reads it, because selection positions count characters (code points) of that text.
//! - Codes: the `[codebook]` tags (with their colour and description), then the free tags
//!   used in the annotations, sorted.
//! - One `PlainTextSelection` per annotation placed in the current text, with one `Coding`
//!   per tag and the note as its `Description`. Orphans have no position and deleted notes
//!   are not exported; [`QdpxReport`] counts the orphans left out.
//! - GUIDs are derived from what they name (annotation id, tag name, article id), so the same
//!   corpus always gives the same file; zip entries carry a fixed 1980-01-01 timestamp.
//!
//! This is an edge: byte offsets become code points here, and text is escaped for XML (the
//! characters XML 1.0 cannot hold are dropped from names and notes; the `.txt` sources stay
//! exact).

use super::formats::{ArticleExport, source_of};
use super::{Annotation, byte_to_char};
use crate::config::CodebookTag;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{self, Cursor, Write};

/// The project schema's namespace.
pub const PROJECT_NS: &str = "urn:QDA-XML:project:1.0";
/// The codebook schema's namespace.
pub const CODEBOOK_NS: &str = "urn:QDA-XML:codebook:1.0";

/// One code of the exported codebook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code {
    pub guid: String,
    pub name: String,
    /// `#rrggbb`, when the tag has a colour the schema can say.
    pub color: Option<String>,
    pub description: String,
}

/// What a QDPX export left out, to tell the user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QdpxReport {
    /// Selections written.
    pub selections: usize,
    /// Orphans not written: they have no position in the current text.
    pub orphans_skipped: usize,
    pub sources: usize,
    pub codes: usize,
}

/// A GUID in UUID layout (version 5 style bits) derived from `kind` and `key`, so the same
/// thing always gets the same GUID and different kinds never collide.
pub fn guid(kind: &str, key: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"newslens/refi-qda/");
    h.update(kind.as_bytes());
    h.update([0]);
    h.update(key.as_bytes());
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    uuid_text(&b)
}

fn uuid_text(b: &[u8; 16]) -> String {
    let x: String = b.iter().map(|v| format!("{v:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &x[0..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..32]
    )
}

/// The GUID of an annotation's selection: its own id when that is already a UUID (ours
/// are), so a round trip keeps the identity; else one derived from the id.
fn selection_guid(a: &Annotation) -> String {
    let id = a.id.as_str();
    let is_uuid = id.len() == 36
        && id.char_indices().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        });
    if is_uuid {
        id.to_ascii_lowercase()
    } else {
        guid("selection", id)
    }
}

/// The codebook's tags, then every other tag the exported annotations use, sorted.
pub fn codes(codebook: &[CodebookTag], items: &[ArticleExport<'_>]) -> Vec<Code> {
    let mut out: Vec<Code> = Vec::new();
    for t in codebook {
        if t.name.trim().is_empty() || out.iter().any(|c| c.name == t.name) {
            continue;
        }
        out.push(Code {
            guid: guid("code", &t.name),
            name: t.name.clone(),
            color: hex_color(&t.color),
            description: t.description.clone(),
        });
    }
    let free: BTreeSet<&str> = items
        .iter()
        .flat_map(|(_, anns)| {
            anns.placed
                .iter()
                .map(|p| &p.annotation)
                .chain(&anns.orphans)
        })
        .flat_map(|a| a.tags.iter().map(String::as_str))
        .filter(|t| !t.trim().is_empty() && !out.iter().any(|c| c.name == *t))
        .collect();
    out.extend(free.into_iter().map(|t| Code {
        guid: guid("code", t),
        name: t.to_string(),
        color: None,
        description: String::new(),
    }));
    out
}

/// A codebook colour as the schema's `#rrggbb`: hex as written, terminal colour names by
/// their usual xterm values; anything else (an index) has none.
fn hex_color(color: &str) -> Option<String> {
    use ratatui::style::Color;
    use std::str::FromStr;
    let rgb = match Color::from_str(color.trim()).ok()? {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Black => (0, 0, 0),
        Color::Red => (0xcd, 0, 0),
        Color::Green => (0, 0xcd, 0),
        Color::Yellow => (0xcd, 0xcd, 0),
        Color::Blue => (0, 0, 0xee),
        Color::Magenta => (0xcd, 0, 0xcd),
        Color::Cyan => (0, 0xcd, 0xcd),
        Color::Gray => (0xe5, 0xe5, 0xe5),
        Color::DarkGray => (0x7f, 0x7f, 0x7f),
        Color::LightRed => (0xff, 0, 0),
        Color::LightGreen => (0, 0xff, 0),
        Color::LightYellow => (0xff, 0xff, 0),
        Color::LightBlue => (0x5c, 0x5c, 0xff),
        Color::LightMagenta => (0xff, 0, 0xff),
        Color::LightCyan => (0, 0xff, 0xff),
        Color::White => (0xff, 0xff, 0xff),
        Color::Reset | Color::Indexed(_) => return None,
    };
    Some(format!("#{:02x}{:02x}{:02x}", rgb.0, rgb.1, rgb.2))
}

/// Text for XML content or a double-quoted attribute: markup escaped, and the characters
/// XML 1.0 cannot carry at all (most C0 controls, U+FFFE/U+FFFF) dropped.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Kept in attributes as characters, not normalised to spaces.
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// An annotation time as `xsd:dateTime`, when it is a valid RFC 3339 time (imported notes
/// may carry anything).
fn date_time(rfc3339: &str) -> Option<String> {
    rfc3339
        .parse::<jiff::Timestamp>()
        .ok()
        .map(|t| t.to_string())
}

fn code_xml(out: &mut String, c: &Code, indent: &str) {
    let _ = write!(
        out,
        "{indent}<Code guid=\"{}\" name=\"{}\" isCodable=\"true\"",
        c.guid,
        esc(&c.name)
    );
    if let Some(color) = &c.color {
        let _ = write!(out, " color=\"{color}\"");
    }
    if c.description.trim().is_empty() {
        out.push_str("/>\n");
    } else {
        let _ = write!(
            out,
            ">\n{indent}  <Description>{}</Description>\n{indent}</Code>\n",
            esc(&c.description)
        );
    }
}

/// The file name of an article's text inside the archive.
fn source_file(article_guid: &str) -> String {
    format!("{article_guid}.txt")
}

/// `project.qde`: users, codebook, one text source per article with its selections.
pub fn project_xml(items: &[ArticleExport<'_>], codes: &[Code]) -> (String, QdpxReport) {
    let user = guid("user", "newslens");
    let mut report = QdpxReport {
        codes: codes.len(),
        ..QdpxReport::default()
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        out,
        "<Project xmlns=\"{PROJECT_NS}\" name=\"newslens corpus\" origin=\"newslens {}\" creatingUserGUID=\"{user}\">",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        out,
        "  <Users>\n    <User guid=\"{user}\" name=\"newslens\"/>\n  </Users>"
    );
    if !codes.is_empty() {
        out.push_str("  <CodeBook>\n    <Codes>\n");
        for c in codes {
            code_xml(&mut out, c, "      ");
        }
        out.push_str("    </Codes>\n  </CodeBook>\n");
    }
    if !items.is_empty() {
        out.push_str("  <Sources>\n");
    }
    for (article, anns) in items {
        let source = guid("source", &article.id);
        report.sources += 1;
        report.orphans_skipped += anns.orphans.len();
        let _ = writeln!(
            out,
            "    <TextSource guid=\"{source}\" name=\"{}\" plainTextPath=\"internal://{}\" creatingUser=\"{user}\">",
            esc(&article.title),
            source_file(&source)
        );
        let _ = writeln!(
            out,
            "      <Description>{}</Description>",
            esc(&format!("{} ({})", article.id, source_of(article)))
        );
        for p in &anns.placed {
            let a = &p.annotation;
            let start = byte_to_char(&article.body, p.span.start);
            let end = byte_to_char(&article.body, p.span.end);
            let name: String = a
                .target
                .exact
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let name: String = name.chars().take(60).collect();
            let _ = write!(
                out,
                "      <PlainTextSelection guid=\"{}\" name=\"{}\" startPosition=\"{start}\" endPosition=\"{end}\" creatingUser=\"{user}\"",
                selection_guid(a),
                esc(&name)
            );
            if let Some(t) = date_time(&a.created) {
                let _ = write!(out, " creationDateTime=\"{t}\"");
            }
            if let Some(t) = date_time(&a.modified) {
                let _ = write!(out, " modifyingUser=\"{user}\" modifiedDateTime=\"{t}\"");
            }
            out.push_str(">\n");
            if !a.note.trim().is_empty() {
                let _ = writeln!(
                    out,
                    "        <Description>{}</Description>",
                    esc(a.note.trim_end())
                );
            }
            for tag in &a.tags {
                let Some(code) = codes.iter().find(|c| &c.name == tag) else {
                    continue;
                };
                let _ = write!(
                    out,
                    "        <Coding guid=\"{}\" creatingUser=\"{user}\">\n          <CodeRef targetGUID=\"{}\"/>\n        </Coding>\n",
                    guid("coding", &format!("{}\u{0}{tag}", a.id)),
                    code.guid
                );
            }
            out.push_str("      </PlainTextSelection>\n");
            report.selections += 1;
        }
        out.push_str("    </TextSource>\n");
    }
    if !items.is_empty() {
        out.push_str("  </Sources>\n");
    }
    out.push_str("</Project>\n");
    (out, report)
}

/// A QDC codebook (`urn:QDA-XML:codebook:1.0`); `None` when there is no code, which the
/// schema cannot express.
pub fn codebook_xml(codes: &[Code]) -> Option<String> {
    if codes.is_empty() {
        return None;
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        out,
        "<CodeBook xmlns=\"{CODEBOOK_NS}\" origin=\"newslens {}\">\n  <Codes>",
        env!("CARGO_PKG_VERSION")
    );
    for c in codes {
        code_xml(&mut out, c, "    ");
    }
    out.push_str("  </Codes>\n</CodeBook>\n");
    Some(out)
}

/// The QDPX archive: `project.qde` first, then every article's text under `Sources/`.
pub fn qdpx(
    items: &[ArticleExport<'_>],
    codebook: &[CodebookTag],
) -> io::Result<(Vec<u8>, QdpxReport)> {
    use zip::write::SimpleFileOptions;
    let codes = codes(codebook, items);
    let (project, report) = project_xml(items, &codes);
    // Fixed time and mode: the same corpus gives the same bytes.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let fail = |e: zip::result::ZipError| io::Error::other(e.to_string());
    zip.start_file("project.qde", options).map_err(fail)?;
    zip.write_all(project.as_bytes())?;
    for (article, _) in items {
        let name = format!("Sources/{}", source_file(&guid("source", &article.id)));
        zip.start_file(name, options).map_err(fail)?;
        zip.write_all(article.body.as_bytes())?;
    }
    let bytes = zip.finish().map_err(fail)?.into_inner();
    Ok((bytes, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_stable_uuid_shaped_and_kind_separated() {
        let a = guid("code", "claim");
        assert_eq!(a, guid("code", "claim"));
        assert_ne!(a, guid("source", "claim"));
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "5");
        assert!(a.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
    }

    #[test]
    fn xml_text_is_escaped_and_impossible_characters_dropped() {
        assert_eq!(esc("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;");
        assert_eq!(esc("x\u{1b}[31my\u{0}"), "x[31my");
        assert_eq!(esc("l1\nl2\tz"), "l1&#10;l2&#9;z");
        assert_eq!(esc("Lomé 😀"), "Lomé 😀");
    }

    #[test]
    fn colours_become_schema_hex_or_nothing() {
        assert_eq!(hex_color("yellow").as_deref(), Some("#cdcd00"));
        assert_eq!(hex_color("#A0b1C2").as_deref(), Some("#a0b1c2"));
        assert_eq!(hex_color("42"), None);
        assert_eq!(hex_color(""), None);
        assert_eq!(hex_color("no such colour"), None);
    }

    #[test]
    fn dates_are_kept_only_when_valid() {
        assert_eq!(
            date_time("2026-12-01T12:40:00.123Z").as_deref(),
            Some("2026-12-01T12:40:00.123Z")
        );
        assert_eq!(date_time("yesterday"), None);
    }
}
