//! A fuzz driver on stable Rust: mutates the bundled articles and sample sidecars (byte flips,
//! splices, inserted control characters, huge lines, hostile Unicode) and feeds them to one
//! target for a number of seconds, catching panics. Each crash is written to
//! `fuzz-crashes/TARGET-<hash>.bin` and replays with `--replay FILE`.
//!
//!     cargo run --release --example fuzz -- TARGET|all SECONDS [--seed N]
//!     cargo run --release --example fuzz -- TARGET --replay fuzz-crashes/TARGET-....bin
//!
//! Targets: article, frontmatter, sections, analysis, wrap, anchor, sidecar, w3c, reader.

mod targets;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use targets::{Rng, TARGETS, hash};

/// Pieces that break naive code: terminal escapes, bidi and separators, emoji sequences,
/// CJK, combining marks, front matter and heading markers, TOML and JSON syntax.
const HOSTILE: &[&str] = &[
    "\u{1b}]0;PWNED\u{7}",
    "\u{1b}]52;c;SGVsbG8=\u{7}",
    "\u{1b}[31m",
    "\u{9b}",
    "\u{85}",
    "\u{202e}",
    "\u{2066}",
    "\u{2028}",
    "\u{2029}",
    "\u{200d}",
    "\u{fe0f}",
    "🇹🇬",
    "👩‍👩‍👧",
    "👍🏽",
    "❤️",
    "1️⃣",
    "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
    "対立している。",
    "e\u{301}",
    "\t",
    "\r\n",
    "\r",
    "\0",
    "+++\n",
    "\n+++\n",
    "## ",
    "# ",
    "\n\n",
    "vs ",
    "between ",
    " and ",
    "France ",
    "Russia ",
    "\"",
    "[[annotation]]\n",
    "version = 2\n",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\\u0000",
    "\\ud800",
    "exact = \"the\"\n",
];

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], input: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(input.len() + 1);
        match rng.below(9) {
            0 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] ^= 1 << rng.below(8);
            }
            1 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] = rng.next() as u8;
            }
            2 => {
                let piece = HOSTILE[rng.below(HOSTILE.len())].as_bytes();
                input.splice(at..at, piece.iter().copied());
            }
            3 => {
                // A splice from another seed.
                let other = &seeds[rng.below(seeds.len())];
                let a = rng.below(other.len() + 1);
                let b = (a + rng.below(400)).min(other.len());
                input.splice(at..at, other[a..b].iter().copied());
            }
            4 if !input.is_empty() => {
                let b = (at + rng.below(200)).min(input.len());
                input.drain(at..b);
            }
            5 if rng.below(20) == 0 => {
                // A huge line.
                let piece = HOSTILE[rng.below(HOSTILE.len())].as_bytes();
                let long: Vec<u8> = piece.iter().copied().cycle().take(20_000).collect();
                input.splice(at..at, long);
            }
            6 if !input.is_empty() => {
                let b = (at + rng.below(100)).min(input.len());
                let copy: Vec<u8> = input[at..b].to_vec();
                for _ in 0..rng.below(8) {
                    input.splice(at..at, copy.iter().copied());
                }
            }
            7 => input.insert(at, rng.below(32) as u8),
            _ => input.truncate(at.max(input.len().saturating_sub(rng.below(50)))),
        }
    }
    input.truncate(1 << 20);
}

/// The bundled articles, and sidecars and W3C files made from them.
fn seeds(root: &Path) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut stack = vec![root.join("articles")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md" || x == "txt")
                && let Ok(b) = std::fs::read(&p)
            {
                out.push(b);
            }
        }
    }
    out.sort();
    let body = "France and Russia clashed over Mali. Togo stayed neutral, said the minister.";
    let annotations: Vec<_> = [(0, 6), (11, 17), (37, 41)]
        .iter()
        .filter_map(|&(s, e)| {
            newslens::annotations::Annotation::new(
                body,
                newslens::corpus::Span::new(s, e),
                vec!["claim".into()],
                "a note\nwith two lines".into(),
            )
        })
        .collect();
    if let Ok(sidecar) = newslens::annotations::store::render_sidecar("a", &annotations) {
        out.push(sidecar.into_bytes());
    }
    out.push(
        br#"[{"@context":"http://www.w3.org/ns/anno.jsonld","type":"Annotation","id":"urn:uuid:1",
"body":[{"type":"TextualBody","purpose":"commenting","value":"n"},{"type":"TextualBody","purpose":"tagging","value":"t"}],
"target":{"source":"a","selector":[{"type":"TextQuoteSelector","exact":"Russia","prefix":"France and ","suffix":" clashed"},
{"type":"TextPositionSelector","start":11,"end":17}]}}]"#
            .to_vec(),
    );
    out
}

fn fuzz(target: &str, seconds: u64, seed: u64, seeds: &[Vec<u8>], scratch: &Path) -> (u64, usize) {
    let mut rng = Rng::new(seed ^ hash(target.as_bytes()));
    let until = Instant::now() + Duration::from_secs(seconds);
    let (mut execs, mut crashes) = (0u64, 0usize);
    let crash_dir = PathBuf::from("fuzz-crashes");
    while Instant::now() < until {
        let mut input = seeds[rng.below(seeds.len())].clone();
        mutate(&mut rng, seeds, &mut input);
        let outcome = catch_unwind(AssertUnwindSafe(|| targets::run(target, &input, scratch)));
        execs += 1;
        if let Err(payload) = outcome {
            crashes += 1;
            let why = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let _ = std::fs::create_dir_all(&crash_dir);
            let file = crash_dir.join(format!("{target}-{:016x}.bin", hash(&input)));
            let _ = std::fs::write(&file, &input);
            eprintln!("fuzz {target}: crash ({why}) written to {}", file.display());
        }
    }
    (execs, crashes)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: fuzz TARGET|all SECONDS [--seed N] | fuzz TARGET --replay FILE";
    let Some(target) = args.first().cloned() else {
        eprintln!("{usage}\ntargets: {}", TARGETS.join(", "));
        std::process::exit(2);
    };
    let scratch = tempfile::tempdir().expect("a scratch folder");
    if let Some(i) = args.iter().position(|a| a == "--replay") {
        let file = args.get(i + 1).expect(usage);
        let input = std::fs::read(file).expect("the crash file is readable");
        targets::run(&target, &input, scratch.path());
        println!("fuzz {target}: {file} replays without a panic");
        return;
    }
    let seconds: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let seed: u64 = args
        .iter()
        .position(|a| a == "--seed")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let names: Vec<&str> = if target == "all" {
        TARGETS.to_vec()
    } else if TARGETS.contains(&target.as_str()) {
        vec![target.as_str()]
    } else {
        eprintln!("no fuzz target `{target}`; targets: {}", TARGETS.join(", "));
        std::process::exit(2);
    };
    // Panics are findings, reported once each below, not printed with a backtrace.
    std::panic::set_hook(Box::new(|_| {}));
    let seeds = seeds(Path::new(env!("CARGO_MANIFEST_DIR")));
    let mut total = 0;
    for name in names {
        let (execs, crashes) = fuzz(name, seconds, seed, &seeds, scratch.path());
        println!("fuzz {name}: {execs} executions in {seconds} s, {crashes} crashes (seed {seed})");
        total += crashes;
    }
    std::process::exit(i32::from(total > 0));
}
