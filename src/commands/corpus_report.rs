//! `newslens corpus [PATH]...`: the corpus report from the index: top actors, themes and
//! tensions with their article counts and series by month, and the most associated pairs
//! of actors; with `--actor NAME`, one actor's timeline and who appears with it.

use super::index::thousands;
use crate::analysis::Analyzer;
use crate::config::LoadedConfig;
use crate::index::Index;
use crate::index::report::{ActorStat, Pair, Report};
use crate::sanitize;
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CorpusFormat {
    Text,
    Json,
}

/// Eight levels of a sparkline.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A series as a sparkline, scaled to its own maximum (a space for zero).
pub fn sparkline(series: &[usize]) -> String {
    let max = series.iter().copied().max().unwrap_or(0);
    series
        .iter()
        .map(|&v| {
            if v == 0 || max == 0 {
                ' '
            } else {
                BARS[((v * 8 - 1) / max).min(7)]
            }
        })
        .collect()
}

pub fn run(
    loaded: &LoadedConfig,
    paths: &[PathBuf],
    format: CorpusFormat,
    top: usize,
    actor: Option<&str>,
) -> i32 {
    let analyzer = match Analyzer::new(&loaded.config) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("newslens: invalid configuration: {e}");
            return 1;
        }
    };
    let [root] = paths else {
        eprintln!("newslens: corpus reports on one corpus folder at a time");
        return 2;
    };
    let index = match super::index::open_for_query(loaded, &analyzer, root) {
        Ok(i) => i,
        Err(code) => return i32::from(code),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match actor {
        Some(name) => actor_report(&index, name, top, format, &mut out),
        None => match index.report(top) {
            Ok(report) => match format {
                CorpusFormat::Json => serde_json::to_writer(&mut out, &report_json(&report))
                    .map_err(io::Error::from)
                    .and_then(|()| writeln!(out))
                    .map(|()| 0),
                CorpusFormat::Text => write_text(&mut out, &report).map(|()| 0),
            },
            Err(e) => {
                eprintln!("newslens: {e}");
                return 1;
            }
        },
    };
    match result.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("newslens: cannot write the report: {e}");
            1
        }
    }
}

fn actor_report(
    index: &Index,
    name: &str,
    top: usize,
    format: CorpusFormat,
    out: &mut dyn Write,
) -> io::Result<i32> {
    let Some(actor) = index.find_actor(name).map_err(io::Error::other)? else {
        eprintln!(
            "newslens: no actor named `{}` in this corpus",
            sanitize::clean_line(name)
        );
        return Ok(1);
    };
    let pairs = index
        .cooccurrence(&actor.key, top)
        .map_err(io::Error::other)?;
    let months = index
        .report(1)
        .map(|r| r.months)
        .map_err(io::Error::other)?;
    match format {
        CorpusFormat::Json => {
            let doc = json!({
                "actor": actor_json(&actor),
                "months": months,
                "cooccurrence": pairs.iter().map(pair_json).collect::<Vec<_>>(),
            });
            serde_json::to_writer(&mut *out, &doc)?;
            writeln!(out)?;
        }
        CorpusFormat::Text => {
            let c = |s: &str| sanitize::clean_line(s).into_owned();
            writeln!(
                out,
                "{} ({}) · {} articles, {} mentions",
                c(&actor.name),
                actor.kind,
                thousands(actor.articles),
                thousands(actor.mentions)
            )?;
            if !actor.aliases.is_empty() {
                let aliases: Vec<String> = actor.aliases.iter().map(|a| c(a)).collect();
                writeln!(out, "also: {}", aliases.join(", "))?;
            }
            if let (Some(f), Some(l)) = (months.first(), months.last()) {
                writeln!(out, "by month {f}..{l}: {}", sparkline(&actor.by_month))?;
            }
            writeln!(out, "articles: {}", actor.examples.join(", "))?;
            writeln!(out, "\nwho appears with {}:", c(&actor.name))?;
            writeln!(
                out,
                "  {:<32} {:>8} {:>6} {:>6}",
                "actor", "articles", "lift", "npmi"
            )?;
            for p in &pairs {
                writeln!(
                    out,
                    "  {:<32} {:>8} {:>6.2} {:>6.2}",
                    c(&p.b_name),
                    p.together,
                    p.lift,
                    p.npmi
                )?;
            }
        }
    }
    Ok(0)
}

fn actor_json(a: &ActorStat) -> Value {
    json!({
        "key": a.key, "name": a.name, "kind": a.kind, "aliases": a.aliases,
        "articles": a.articles, "mentions": a.mentions, "by_month": a.by_month,
        "examples": a.examples,
    })
}

fn pair_json(p: &Pair) -> Value {
    json!({
        "a": p.a, "a_name": p.a_name, "b": p.b, "b_name": p.b_name,
        "articles": p.together, "lift": p.lift, "npmi": p.npmi,
    })
}

fn report_json(r: &Report) -> Value {
    json!({
        "articles": r.articles,
        "months": r.months,
        "articles_by_month": r.articles_by_month,
        "actors": r.actors.iter().map(actor_json).collect::<Vec<_>>(),
        "themes": r.themes.iter().map(|t| json!({
            "id": t.id, "label": t.label, "articles": t.articles,
            "by_month": t.by_month, "examples": t.examples,
        })).collect::<Vec<_>>(),
        "tensions": r.tensions.iter().map(|t| json!({
            "sides": t.sides, "label": t.label, "kind": t.kind, "articles": t.articles,
            "by_month": t.by_month, "examples": t.examples,
        })).collect::<Vec<_>>(),
        "cooccurrence": r.pairs.iter().map(pair_json).collect::<Vec<_>>(),
    })
}

/// `s` cleaned for the terminal and cut to `width` characters (with `…`).
fn fit(s: &str, width: usize) -> String {
    let s = sanitize::clean_line(s);
    if s.chars().count() <= width {
        return s.into_owned();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn write_text(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    let c = |s: &str| fit(s, 30);
    let span = match (r.months.first(), r.months.last()) {
        (Some(f), Some(l)) => format!(", dated {f}..{l}"),
        _ => String::new(),
    };
    writeln!(out, "{} articles{span}", thousands(r.articles))?;
    if !r.months.is_empty() {
        writeln!(
            out,
            "articles by month  {}",
            sparkline(&r.articles_by_month)
        )?;
    }
    writeln!(out, "\nActors")?;
    for a in &r.actors {
        writeln!(
            out,
            "  {:<30} {:<12} {:>7} art {:>8} men  {}",
            c(&a.name),
            a.kind,
            thousands(a.articles),
            thousands(a.mentions),
            sparkline(&a.by_month)
        )?;
    }
    writeln!(out, "\nThemes")?;
    for t in &r.themes {
        writeln!(
            out,
            "  {:<43} {:>7} art  {}",
            fit(&t.label, 43),
            thousands(t.articles),
            sparkline(&t.by_month)
        )?;
    }
    writeln!(out, "\nTensions")?;
    for t in &r.tensions {
        writeln!(
            out,
            "  {:<43} {:>7} art  {}",
            fit(&format!("{} vs {}", t.sides[0], t.sides[1]), 43),
            thousands(t.articles),
            sparkline(&t.by_month)
        )?;
    }
    writeln!(
        out,
        "\nActors named together (by normalised PMI; lift 1 = chance)"
    )?;
    for p in &r.pairs {
        writeln!(
            out,
            "  {:<28} {:<28} {:>6} art  lift {:>5.2}  npmi {:>5.2}",
            fit(&p.a_name, 28),
            fit(&p.b_name, 28),
            p.together,
            p.lift,
            p.npmi
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn sparklines_scale_to_the_maximum() {
        assert_eq!(super::sparkline(&[0, 1, 2, 4, 8]), " ▁▂▄█");
        assert_eq!(super::sparkline(&[]), "");
        assert_eq!(super::sparkline(&[0, 0]), "  ");
    }
}
