//! The fuzz targets: each takes one input (bytes) and drives one part of the library with it,
//! checking the invariants that part promises. A panic is a finding. Shared by the fuzz
//! driver (`examples/fuzz/main.rs`) and the regression tests (`tests/fuzz_regressions.rs`),
//! so every crash file replays exactly as it was found.

use newslens::analysis::Analyzer;
use newslens::annotations::{Target, anchor, formats, store};
use newslens::corpus::{self, Article, Format, LoadOptions, Meta, Span, frontmatter, sections};
use newslens::tui::wrap::Wrapped;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Every target, by the name given on the command line.
pub const TARGETS: [&str; 9] = [
    "article",
    "frontmatter",
    "sections",
    "analysis",
    "wrap",
    "anchor",
    "sidecar",
    "w3c",
    "reader",
];

/// Run target `name` on `input`. Panics on a broken invariant (that is the finding).
pub fn run(name: &str, input: &[u8], scratch: &Path) {
    match name {
        "article" => article_file(input, scratch),
        "frontmatter" => front_matter(input),
        "sections" => section_split(input),
        "analysis" => analysis(input),
        "wrap" => wrapping(input),
        "anchor" => anchoring(input),
        "sidecar" => sidecar(input),
        "w3c" => w3c(input),
        "reader" => reader(input),
        other => panic!("no fuzz target `{other}`"),
    }
}

/// A small deterministic generator (xorshift64*): the same input always drives the same
/// choices, so a crash file replays alone.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// A stable hash of bytes (FNV-1a), for seeding and crash file names.
pub fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn text(input: &[u8]) -> String {
    String::from_utf8_lossy(input).into_owned()
}

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| {
        Analyzer::new(&newslens::config::defaults()).expect("the default configuration is valid")
    })
}

/// An article of `body` with the sections the splitter gives it.
pub fn article_of(body: &str) -> Article {
    let format = if body.starts_with('#') {
        Format::Markdown
    } else {
        Format::PlainText
    };
    Article {
        id: "fuzz".into(),
        path: PathBuf::from("fuzz.md"),
        root: std::path::Path::new(".").into(),
        format,
        meta: Meta::default(),
        title: "Fuzz".into(),
        body: body.into(),
        sections: sections::split(body, format),
    }
}

fn check_partition(body: &str, secs: &[corpus::Section]) {
    let mut at = 0;
    for s in secs {
        assert_eq!(s.span.start, at, "sections leave a gap or overlap");
        assert!(s.span.end >= s.span.start && body.is_char_boundary(s.span.end));
        at = s.span.end;
    }
    assert_eq!(at, body.len(), "sections do not cover the body");
}

fn check_span(body: &str, span: Span) {
    assert!(
        span.start <= span.end && span.end <= body.len(),
        "span {span:?} out of the body"
    );
    assert!(body.is_char_boundary(span.start) && body.is_char_boundary(span.end));
}

fn article_file(input: &[u8], scratch: &Path) {
    let path = scratch.join("fuzz-article.md");
    std::fs::write(&path, input).expect("scratch folder is writable");
    let c = corpus::load(&[path], &LoadOptions::default());
    for a in &c.articles {
        check_partition(&a.body, &a.sections);
    }
    for p in &c.problems {
        // Every message must be printable once cleaned.
        let shown = newslens::sanitize::clean(&p.to_string()).into_owned();
        assert!(!shown.chars().any(newslens::sanitize::is_unsafe));
    }
}

fn front_matter(input: &[u8]) {
    let t = text(input);
    if let Ok(f) = frontmatter::parse(&t) {
        let _ = format!("{f:?}");
    }
}

fn section_split(input: &[u8]) {
    let t = text(input);
    for format in [Format::Markdown, Format::PlainText] {
        check_partition(&t, &sections::split(&t, format));
    }
}

fn analysis(input: &[u8]) {
    let a = article_of(&text(input));
    let x = analyzer().analyze(&a);
    for actor in &x.actors {
        for m in &actor.mentions {
            check_span(&a.body, m.span);
        }
    }
    for t in &x.tensions {
        for e in &t.evidence {
            check_span(&a.body, e.span);
        }
    }
    for t in &x.themes {
        for e in &t.evidence {
            check_span(&a.body, e.span);
        }
    }
}

fn wrapping(input: &[u8]) {
    let a = article_of(&text(input));
    let spans: Vec<Span> = a.sections.iter().map(|s| s.span).collect();
    let headers: Vec<bool> = (0..spans.len()).map(|i| i % 2 == 0).collect();
    let width = 1 + (hash(input) % 160) as usize;
    let w = Wrapped::new(&a.body, &spans, &headers, width);
    let mut last = 0;
    for l in &w.lines {
        check_span(&a.body, Span::new(l.start, l.end));
        assert!(l.start >= last, "lines out of order");
        last = l.start;
    }
}

/// The input's first half is the body, the rest picks a target in it (or a crafted one).
fn anchoring(input: &[u8]) {
    let t = text(input);
    let mut rng = Rng::new(hash(input));
    let cut = t
        .char_indices()
        .map(|(i, _)| i)
        .nth(t.chars().count() / 2)
        .unwrap_or(t.len());
    let (body, rest) = t.split_at(cut);
    let pick = |rng: &mut Rng, s: &str| -> String {
        let chars: Vec<char> = s.chars().collect();
        let a = rng.below(chars.len() + 1);
        let b = (a + rng.below(40)).min(chars.len());
        chars[a..b].iter().collect()
    };
    let target = Target {
        exact: pick(&mut rng, rest),
        prefix: pick(&mut rng, rest).repeat(1 + rng.below(200)),
        suffix: pick(&mut rng, body),
        start: rng.below(body.len() + 10),
        end: rng.below(body.len() + 10),
        body_hash: String::new(),
    };
    if let Some((span, _)) = anchor::place(body, &target) {
        check_span(body, span);
    }
}

fn sidecar(input: &[u8]) {
    if let Ok(annotations) = store::parse_sidecar(input) {
        // What was read writes back and reads again the same.
        let again = store::render_sidecar("fuzz", &annotations).expect("a read sidecar renders");
        let back = store::parse_sidecar(again.as_bytes()).expect("a rendered sidecar parses");
        assert_eq!(
            back, annotations,
            "sidecar round trip changed the annotations"
        );
    }
}

fn w3c(input: &[u8]) {
    let t = text(input);
    if let Ok((items, _)) = formats::parse_w3c(&t) {
        let body = "France and Russia clashed over Mali. Togo stayed neutral.";
        for item in &items {
            let a = item.to_annotation(body);
            if let Some((span, _)) = anchor::place(body, &a.target) {
                check_span(body, span);
            }
        }
    }
}

/// The input is the article; its hash drives 60 random keys and resizes on a TestBackend.
fn reader(input: &[u8]) {
    use newslens::tui::{app::App, keymap::Keymap, palette::Palette};
    let article = article_of(&text(input));
    let analysis = analyzer().analyze(&article);
    let mut app = App::new(
        vec![article],
        Vec::new(),
        Keymap::defaults(),
        Palette::build(&Default::default(), false).expect("default palette"),
    );
    app.analysis_ready(0, analysis);
    let mut rng = Rng::new(hash(input));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test backend");
    const KEYS: &[char] = &[
        'j', 'k', 'g', 'G', ']', '[', '1', '2', '3', 'n', 'N', '/', 'v', 'a', 'o', 'J', 'K', '?',
        'x', 'e', 't', '4', ' ', 'd', 'u', 'y', 'q',
    ];
    for _ in 0..60 {
        let ev = match rng.below(10) {
            0 => {
                let (w, h) = (1 + rng.below(200) as u16, 1 + rng.below(70) as u16);
                terminal.backend_mut().resize(w, h);
                Event::Resize(w, h)
            }
            1 => Event::Key(KeyEvent::new(
                [
                    KeyCode::Enter,
                    KeyCode::Esc,
                    KeyCode::Tab,
                    KeyCode::Down,
                    KeyCode::Up,
                ][rng.below(5)],
                KeyModifiers::NONE,
            )),
            2 => Event::Key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            _ => Event::Key(KeyEvent::new(
                KeyCode::Char(KEYS[rng.below(KEYS.len())]),
                KeyModifiers::NONE,
            )),
        };
        // Quitting or an external edit only ends or skips this run: the app never saves here
        // (no store was opened).
        let _ = app.handle_event(&ev);
        newslens::tui::draw(&mut terminal, &mut app).expect("drawing on a test backend");
    }
}
