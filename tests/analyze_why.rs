//! The "why" fields of `newslens analyze --format json`, checked with the real binary on a
//! hand-written article: each actor says why it is one, each theme cue its weight, each
//! tension its event and quad class, and each tension evidence sentence its cue, class and
//! the words taken as each side with the relation that tied them. The DESIGN §3 fields are
//! checked by `analyze_contract`; these are additions beside them.

use serde_json::Value;
use std::fs;
use std::process::Command;

const ARTICLE: &str = "Harbour Dispute Deepens\n\n\
    The government of Norvania condemned Estland on Monday after its coast guard seized \
    two fishing boats. Prime Minister Ilse Varga said the seizure broke the treaty. \
    Estland rejected the protest and summoned the Norvanian ambassador.\n";

fn run() -> Value {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("harbour.txt"), ARTICLE).expect("write fixture");
    let out = Command::new(env!("CARGO_BIN_EXE_newslens"))
        .arg("analyze")
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .expect("run newslens");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v["articles"][0].clone()
}

fn slice<'a>(body: &'a str, v: &Value) -> &'a str {
    let (s, e) = (
        v["start"].as_u64().expect("start") as usize,
        v["end"].as_u64().expect("end") as usize,
    );
    let text = &body[s..e];
    assert_eq!(text, v["text"].as_str().expect("text"), "span text");
    text
}

#[test]
fn actors_say_why() {
    let a = run();
    let actors = a["actors"].as_array().expect("actors");
    assert!(!actors.is_empty());
    for actor in actors {
        let why = actor["why"].as_array().expect("why is a list");
        assert!(!why.is_empty(), "{} has no why", actor["name"]);
        for w in why {
            let by = w["by"].as_str().expect("by");
            assert!(
                ["gazetteer", "title", "cue", "tagger", "capitals"].contains(&by),
                "unknown basis {by}"
            );
            assert!(w["detail"].is_string());
        }
    }
    let varga = actors
        .iter()
        .find(|x| x["name"] == "Ilse Varga")
        .expect("Ilse Varga found");
    assert!(
        varga["why"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["by"] == "title" && w["detail"] == "Prime Minister"),
        "{}",
        varga["why"]
    );
}

#[test]
fn theme_cues_carry_their_weight() {
    let a = run();
    let themes = a["themes"].as_array().expect("themes");
    assert!(!themes.is_empty());
    for t in themes {
        for e in t["evidence"].as_array().expect("evidence") {
            let w = e["weight"].as_f64().expect("weight");
            assert!(w > 0.0, "{e}");
        }
    }
}

#[test]
fn tension_evidence_says_cue_class_and_sides() {
    let a = run();
    let body = a["body"].as_str().expect("body");
    let tensions = a["tensions"].as_array().expect("tensions");
    let t = tensions
        .iter()
        .find(|t| {
            t["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["why"]["cue"]["text"] == "condemned")
        })
        .expect("a tension from 'condemned'");
    assert_eq!(t["event_class"], "disapprove");
    assert_eq!(t["quad_class"], "verbal conflict");
    let e = t["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["why"]["cue"]["text"] == "condemned")
        .unwrap();
    let why = &e["why"];
    assert_eq!(why["class"], "disapprove");
    let cue = slice(body, &why["cue"]);
    assert!(slice(body, e).contains(cue));
    let sides = why["sides"].as_array().expect("two sides");
    assert_eq!(sides.len(), 2);
    let words = |k: usize| -> Vec<&str> {
        sides[k]["words"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| slice(body, w))
            .collect()
    };
    assert_eq!(words(0), vec!["Norvania"]);
    assert_eq!(words(1), vec!["Estland"]);
    for s in sides {
        assert!(!s["relation"].as_str().unwrap().is_empty());
    }
    let summary = why["summary"].as_str().unwrap();
    assert!(
        summary.starts_with("Norvania ←") && summary.ends_with(": Estland"),
        "{summary}"
    );
    // Every evidence sentence of every tension has its reason.
    for t in tensions {
        for e in t["evidence"].as_array().unwrap() {
            assert!(e["why"].is_object(), "{e}");
        }
    }
}
