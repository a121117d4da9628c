//! `newslens syntax`: tokens, tags and dependency tree of every sentence, as CoNLL-U or as
//! an indented tree for people.
//!
//! On articles it uses the project's sentence splitter and the UD tokenizer; the MISC
//! column gives each token's byte span into the article body (`Span=12:17`). Given a
//! `.conllu` file it keeps that file's sentences and basic tokens exactly (multi-word
//! ranges and empty nodes are skipped) and tags and parses them afresh; spans then index
//! into the sentence text rebuilt from the forms (a space unless `SpaceAfter=No`).

use crate::analysis::syntax::{self, Syntax, Token, conllu};
use crate::analysis::text;
use crate::config::LoadedConfig;
use crate::sanitize;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxFormat {
    Conllu,
    Text,
}

/// Runs the command; returns the exit status (2 for a missing path, 1 when nothing could
/// be read).
pub fn run(loaded: &LoadedConfig, paths: &[PathBuf], format: SyntaxFormat) -> i32 {
    for p in paths {
        if !p.exists() {
            eprintln!("newslens: {}: no such file or folder", p.display());
            return 2;
        }
    }
    let model = Syntax::embedded();
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let (treebanks, articles): (Vec<&PathBuf>, Vec<&PathBuf>) = paths
        .iter()
        .partition(|p| p.extension().is_some_and(|e| e == "conllu"));
    let mut failed = 0;
    let mut done = 0;
    let result = (|| -> io::Result<()> {
        for p in &treebanks {
            match read_conllu(p) {
                Ok(sentences) => {
                    done += 1;
                    for s in &sentences {
                        let (text, gold) = s.text_and_tokens();
                        let mut tokens: Vec<Token> =
                            gold.iter().map(|t| Token::new(t.start, t.end)).collect();
                        model.tag(&mut tokens, &text);
                        model.parse(&mut tokens, &text);
                        for c in &s.comments {
                            writeln!(out, "# {}", c)?;
                        }
                        write_sentence(&mut out, &tokens, &text, format)?;
                    }
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("newslens: {e}");
                }
            }
        }
        if !articles.is_empty() || treebanks.is_empty() {
            let owned: Vec<PathBuf> = articles.iter().map(|p| (*p).clone()).collect();
            let paths = super::corpus_paths(&owned, &loaded.config);
            let corpus = super::load_corpus(&paths, &loaded.config);
            for p in &corpus.problems {
                eprintln!("{p}");
            }
            for a in &corpus.articles {
                done += 1;
                for (k, span) in text::sentences(&a.body).iter().enumerate() {
                    let tokens = model.analyze(&a.body, *span);
                    if tokens.is_empty() {
                        continue;
                    }
                    writeln!(out, "# sent_id = {}#{}", sanitize::clean_line(&a.id), k + 1)?;
                    writeln!(
                        out,
                        "# text = {}",
                        sanitize::clean_line(&a.body[span.start..span.end].replace('\n', " "))
                    )?;
                    write_sentence(&mut out, &tokens, &a.body, format)?;
                }
            }
        }
        out.flush()
    })();
    match result {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return 0,
        Err(e) => {
            eprintln!("newslens: cannot write the output: {e}");
            return 1;
        }
    }
    if done == 0 {
        eprintln!("newslens: nothing could be read");
        return 1;
    }
    i32::from(failed > 0)
}

fn read_conllu(p: &Path) -> Result<Vec<conllu::Sentence>, String> {
    let text =
        std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
    conllu::read(&text).map_err(|e| format!("{} is not valid CoNLL-U: {e}", p.display()))
}

/// One sentence in `format`, then a blank line.
pub fn write_sentence(
    out: &mut dyn Write,
    tokens: &[Token],
    body: &str,
    format: SyntaxFormat,
) -> io::Result<()> {
    match format {
        SyntaxFormat::Conllu => {
            for (i, t) in tokens.iter().enumerate() {
                let head = t.head.map_or(0, |h| usize::from(h) + 1);
                writeln!(
                    out,
                    "{}\t{}\t_\t{}\t_\t_\t{}\t{}\t_\tSpan={}:{}",
                    i + 1,
                    form(t, body),
                    t.upos.as_str(),
                    head,
                    t.deprel.as_str(),
                    t.start,
                    t.end
                )?;
            }
        }
        SyntaxFormat::Text => {
            let tree = syntax::Tree::new(tokens, body);
            let mut roots: Vec<usize> = (0..tokens.len())
                .filter(|&i| tokens[i].head.is_none())
                .collect();
            roots.sort_unstable();
            for r in roots {
                write_subtree(out, &tree, r, 0)?;
            }
        }
    }
    writeln!(out)
}

/// A form fit for a tab-separated line and a terminal.
fn form(t: &Token, body: &str) -> String {
    sanitize::clean_line(t.text(body)).replace(['\t', ' '], "_")
}

fn write_subtree(
    out: &mut dyn Write,
    tree: &syntax::Tree,
    i: usize,
    depth: usize,
) -> io::Result<()> {
    let t = &tree.tokens[i];
    writeln!(
        out,
        "{:indent$}{} {} ({}) [{}]",
        "",
        t.deprel.as_str(),
        form(t, tree.body),
        t.upos.as_str(),
        i + 1,
        indent = depth * 2
    )?;
    if depth < 64 {
        for c in tree.children(i) {
            write_subtree(out, tree, c, depth + 1)?;
        }
    }
    Ok(())
}
