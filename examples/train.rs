//! Trains the syntactic layer's models on UD English EWT:
//! `cargo run --release --example train -- ../shared/ud [OUT_DIR]`.
//!
//! Reads `en_ewt-ud-train.conllu` (and scores on `en_ewt-ud-dev.conllu` and
//! `en_ewt-ud-test.conllu` when present), writes `tagger.bin` and `parser.bin` into
//! OUT_DIR (default `data/syntax`). Deterministic: the same treebank gives byte-identical
//! files. Options: `--tagger-epochs N`, `--parser-epochs N`, `--folds N`, `--seed N`,
//! `--prune X` (drop weights below X times the largest, both models; or one model with
//! `--tagger-prune X`, `--parser-prune X`; default 0 and 0.08). `--evaluate DIR`
//! trains nothing: it scores the `tagger.bin` and `parser.bin` of DIR on dev and test.
//! `--parser-bits N` sets the width of the parser's feature table, `--explore P` how often
//! training follows the parser's own transition. `--tagger-only` trains the tagger alone and keeps OUT_DIR's `parser.bin`.
//! `--beam N` trains the parser for a beam of N states (default 1: greedy).
//! `--with-dev` trains on train and dev together (then only the test figures are
//! held out, and only they are printed).

use newslens::analysis::syntax::{Syntax, conllu, train};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

fn read(path: &Path) -> Result<Vec<conllu::Sentence>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    conllu::read(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut options = train::TrainOptions::default();
    let mut evaluate = None;
    let (mut tagger_only, mut with_dev) = (false, false);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--tagger-epochs" => options.tagger_epochs = parse(&value(&a)?)?,
            "--parser-epochs" => options.parser_epochs = parse(&value(&a)?)?,
            "--folds" => options.folds = parse(&value(&a)?)?,
            "--seed" => options.seed = parse(&value(&a)?)?,
            "--prune" => {
                let p: f64 = parse(&value(&a)?)?;
                options.tagger_prune = p;
                options.parser_prune = p;
            }
            "--tagger-prune" => options.tagger_prune = parse(&value(&a)?)?,
            "--parser-prune" => options.parser_prune = parse(&value(&a)?)?,
            "--parser-bits" => options.parser_bits = parse(&value(&a)?)?,
            "--explore" => options.explore = parse(&value(&a)?)?,
            "--beam" => options.parser_beam = parse(&value(&a)?)?,
            "--tagger-only" => tagger_only = true,
            "--with-dev" => with_dev = true,
            "--evaluate" => evaluate = Some(PathBuf::from(value(&a)?)),
            _ => positional.push(PathBuf::from(a)),
        }
    }
    let Some(dir) = positional.first() else {
        return Err("usage: train UD_DIR [OUT_DIR] (UD_DIR holds en_ewt-ud-train.conllu)".into());
    };
    // A single .conllu file may be given instead of the folder.
    let train_path = if dir.extension().is_some_and(|e| e == "conllu") {
        dir.clone()
    } else {
        dir.join("en_ewt-ud-train.conllu")
    };
    let model = match evaluate {
        Some(dir) => {
            let file = |name: &str| {
                let p = dir.join(name);
                std::fs::read(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))
            };
            Syntax::from_bytes(&file("tagger.bin")?, &file("parser.bin")?)
                .map_err(|e| e.to_string())?
        }
        None => {
            let base = train_path.parent().unwrap_or(Path::new("."));
            let mut sentences = read(&train_path)?;
            if with_dev {
                sentences.extend(read(&base.join("en_ewt-ud-dev.conllu"))?);
            }
            train_into(&sentences, positional.get(1), &options, tagger_only)?
        }
    };
    let base = train_path.parent().unwrap_or(Path::new("."));
    for split in ["dev", "test"] {
        let p = base.join(format!("en_ewt-ud-{split}.conllu"));
        // Dev was trained on: its figures would say nothing about held-out text.
        if !p.exists() || (with_dev && split == "dev") {
            continue;
        }
        let gold = read(&p)?;
        let t = Instant::now();
        let s = train::evaluate(&model, &gold);
        eprintln!(
            "{split}: {} tokens, UPOS {:.2}%, UAS {:.2}%, LAS {:.2}% (gold tokens; {:.2} s)",
            s.tokens,
            s.upos_pct(),
            s.uas_pct(),
            s.las_pct(),
            t.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Trains on `train_path`, writes the two files into `out` (default `data/syntax`) and
/// returns the model.
fn train_into(
    sentences: &[conllu::Sentence],
    out: Option<&PathBuf>,
    options: &train::TrainOptions,
    tagger_only: bool,
) -> Result<Syntax, String> {
    let out = out.cloned().unwrap_or_else(|| PathBuf::from("data/syntax"));
    let tokens: usize = sentences.iter().map(|s| s.words.len()).sum();
    eprintln!(
        "training on {} sentences, {tokens} tokens ({options:?})",
        sentences.len()
    );
    let t = Instant::now();
    let mut log = |m: &str| eprintln!("  [{:>6.1} s] {m}", t.elapsed().as_secs_f64());
    let trained = if tagger_only {
        let p = out.join("parser.bin");
        train::Trained {
            tagger: train::train_tagger(sentences, options, &mut log),
            parser: std::fs::read(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))?,
        }
    } else {
        train::train(sentences, options, &mut log)
    };
    let secs = t.elapsed().as_secs_f64();
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let written: &[(&str, &Vec<u8>)] = if tagger_only {
        &[("tagger.bin", &trained.tagger)]
    } else {
        &[
            ("tagger.bin", &trained.tagger),
            ("parser.bin", &trained.parser),
        ]
    };
    for &(name, bytes) in written {
        let p = out.join(name);
        std::fs::write(&p, bytes).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
        eprintln!("wrote {} ({} bytes)", p.display(), bytes.len());
    }
    eprintln!("training took {secs:.1} s");
    Syntax::from_bytes(&trained.tagger, &trained.parser).map_err(|e| e.to_string())
}

fn parse<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.parse().map_err(|_| format!("not a number: {s:?}"))
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train: {e}");
            ExitCode::FAILURE
        }
    }
}
