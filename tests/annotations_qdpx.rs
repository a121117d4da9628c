//! REFI-QDA export through the real binary: `--format qdpx` writes a zip whose `project.qde`
//! validates against the REFI-QDA project schema (tests/refi-qda/, via xmllint), whose
//! `Sources/` hold the article texts exactly, and whose selections point at the annotated
//! characters; `--format qdc` writes a codebook that validates against the codebook schema.
//! The same corpus gives the same bytes.

use newslens::annotations::store::Store;
use newslens::corpus::{self, LoadOptions, Span};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TOGO: &str = "# Togo balances\n\nIn Lomé, the président said: \"We talk to everyone, 😀 even rivals.\"\n\n## Ports\n\nThe port of Lomé handles ships, cargo and more.\n";
const PLAIN: &str = "Plain title\n\nNothing annotated here, <really> & truly.\n";

fn run(args: &[&str], config_home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslens"))
        .args(args)
        .env("XDG_CONFIG_HOME", config_home)
        .output()
        .expect("run newslens")
}

fn span_of(body: &str, quote: &str) -> Span {
    let s = body.find(quote).expect("quote in body");
    Span::new(s, s + quote.len())
}

/// Two articles; on Togo a note with a codebook tag and a free tag (its note holding XML
/// markup and a control character), one without tags or note, and a deleted one.
fn corpus(dir: &Path) {
    std::fs::create_dir_all(dir.join("west-africa")).unwrap();
    std::fs::write(dir.join("west-africa/togo.md"), TOGO).unwrap();
    std::fs::write(dir.join("plain.txt"), PLAIN).unwrap();
    let arts = corpus::load(&[dir.to_path_buf()], &LoadOptions::default()).articles;
    let togo = arts.iter().find(|a| a.id == "west-africa/togo").unwrap();
    let (mut store, _) = Store::open(dir);
    store
        .add(
            togo,
            span_of(&togo.body, "We talk to everyone, 😀 even rivals."),
            vec!["claim".into(), "hedging & <care>".into()],
            "Says \"everyone\" <b>then</b> hedges\u{1b}[31m,\nsecond line".into(),
        )
        .unwrap();
    store
        .add(
            togo,
            span_of(&togo.body, "ships, cargo"),
            vec![],
            String::new(),
        )
        .unwrap();
    let gone = store
        .add(
            togo,
            span_of(&togo.body, "Ports"),
            vec!["gone-tag".into()],
            "deleted".into(),
        )
        .unwrap();
    store.delete(togo, &gone.id).unwrap();
    store.save(&togo.id).unwrap();
}

/// xmllint, which CI installs (.ci/run); only a developer machine without it may skip.
fn xmllint() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("xmllint"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "xmllint is missing under CI (install libxml2-utils)"
        );
        eprintln!(
            "skipped schema validation: xmllint not installed (apt-get install libxml2-utils)"
        );
    }
    found
}

fn validate(xmllint: &Path, schema: &str, file: &Path) {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/refi-qda")
        .join(schema);
    let out = Command::new(xmllint)
        .args(["--noout", "--nonet", "--schema"])
        .arg(&schema)
        .arg(file)
        .output()
        .expect("run xmllint");
    assert!(
        out.status.success(),
        "{} does not validate against {}:\n{}",
        file.display(),
        schema.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn entries(zip_bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().expect("entry name").to_string(), bytes)
        })
        .collect()
}

/// `attr="value"` of the first element in `xml` that holds `needle`.
fn attr(xml: &str, needle: &str, name: &str) -> String {
    let at = xml
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {xml}"));
    let start = xml[..at].rfind('<').unwrap();
    let end = at + xml[at..].find('>').unwrap();
    let tag = &xml[start..end];
    let key = format!(" {name}=\"");
    let v = tag.find(&key).unwrap_or_else(|| panic!("{name} in {tag}")) + key.len();
    tag[v..v + tag[v..].find('"').unwrap()].to_string()
}

#[test]
fn qdpx_export_is_a_valid_refi_qda_project_with_exact_sources_and_positions() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    corpus(&dir);
    let file = tmp.path().join("out.qdpx");
    let args = [
        "export",
        dir.to_str().unwrap(),
        "--format",
        "qdpx",
        "--output",
        file.to_str().unwrap(),
    ];
    let out = run(&args, tmp.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("2 selection(s) in 2 source(s)"), "{stderr}");
    let bytes = std::fs::read(&file).unwrap();
    let files = entries(&bytes);
    assert_eq!(files[0].0, "project.qde");
    let qde = String::from_utf8(files[0].1.clone()).unwrap();

    // Valid against the REFI-QDA project schema.
    if let Some(x) = xmllint() {
        let qde_file = tmp.path().join("project.qde");
        std::fs::write(&qde_file, &qde).unwrap();
        validate(&x, "Project-mrt2019.xsd", &qde_file);
    }

    // Every article's text, exactly, under Sources/, named by its source's plainTextPath.
    assert_eq!(files.len(), 3);
    for (body, name) in [(TOGO, "Togo balances"), (PLAIN, "Plain title")] {
        let path = attr(&qde, &format!("name=\"{name}\""), "plainTextPath");
        let inner = path.strip_prefix("internal://").expect("internal path");
        let (_, text) = files
            .iter()
            .find(|(n, _)| *n == format!("Sources/{inner}"))
            .unwrap_or_else(|| panic!("Sources/{inner} in the archive"));
        assert_eq!(text, body.as_bytes());
    }

    // The selection counts characters: the quote with an emoji and accents.
    let chars: Vec<char> = TOGO.chars().collect();
    let quote = "We talk to everyone, 😀 even rivals.";
    let sel = format!("name=\"{quote}\"");
    let s: usize = attr(&qde, &sel, "startPosition").parse().unwrap();
    let e: usize = attr(&qde, &sel, "endPosition").parse().unwrap();
    assert_eq!(chars[s..e].iter().collect::<String>(), quote);

    // Codes: the codebook's tags with colours, and the free tag; codings point at them.
    let claim = attr(&qde, "name=\"claim\" isCodable", "guid");
    assert_eq!(attr(&qde, "name=\"claim\" isCodable", "color"), "#cdcd00");
    let free = attr(&qde, "name=\"hedging &amp; &lt;care&gt;\"", "guid");
    assert!(
        qde.contains(&format!("<CodeRef targetGUID=\"{claim}\"/>")),
        "{qde}"
    );
    assert!(
        qde.contains(&format!("<CodeRef targetGUID=\"{free}\"/>")),
        "{qde}"
    );
    // The note, escaped, without the escape character.
    assert!(
        qde.contains("<Description>Says &quot;everyone&quot; &lt;b&gt;then&lt;/b&gt; hedges[31m,&#10;second line</Description>"),
        "{qde}"
    );
    // The deleted note and its tag are not exported.
    assert!(
        !qde.contains("gone-tag") && !qde.contains(">deleted<"),
        "{qde}"
    );

    // Deterministic: the same corpus gives the same bytes.
    assert!(run(&args, tmp.path()).status.success());
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

#[test]
fn qdc_export_is_a_valid_refi_qda_codebook_and_qdpx_needs_an_output() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    corpus(&dir);
    let out = run(
        &["export", dir.to_str().unwrap(), "--format", "qdc"],
        tmp.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let qdc = String::from_utf8(out.stdout).unwrap();
    assert!(
        qdc.contains("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\""),
        "{qdc}"
    );
    assert!(qdc.contains("name=\"claim\""), "{qdc}");
    assert!(qdc.contains("name=\"hedging &amp; &lt;care&gt;\""), "{qdc}");
    // Every codebook tag of the defaults is there, with its description.
    assert!(
        qdc.contains("<Description>An assertion the article makes"),
        "{qdc}"
    );
    if let Some(x) = xmllint() {
        let f = tmp.path().join("codebook.qdc");
        std::fs::write(&f, &qdc).unwrap();
        validate(&x, "Codebook-mrt2019.xsd", &f);
    }
    let out = run(
        &["export", dir.to_str().unwrap(), "--format", "qdpx"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--output"));
}
