//! Section titles: the heading where the author wrote one, else a short title made from the
//! section's most mentioned actors and its strongest theme.

use super::{Actor, Theme};
use crate::corpus::Article;

/// Most actors named in a generated title.
const TITLE_ACTORS: usize = 2;

/// One title per section of `article`. Cost: one pass over all mentions (grouped by section
/// first), then the themes per section; never sections x mentions.
pub fn section_titles(article: &Article, actors: &[Actor], themes: &[Theme]) -> Vec<String> {
    // (actor index, mentions) per section, built in one pass over every mention.
    let mut counts: Vec<Vec<(usize, usize)>> = vec![Vec::new(); article.sections.len()];
    for (a, actor) in actors.iter().enumerate() {
        for m in &actor.mentions {
            #[cfg(test)]
            VISITS.with(|v| v.set(v.get() + 1));
            let Some(list) = counts.get_mut(m.section) else {
                continue;
            };
            match list.last_mut() {
                Some((last, n)) if *last == a => *n += 1,
                _ => list.push((a, 1)),
            }
        }
    }
    article
        .sections
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(index, (section, here))| match &section.heading {
            Some(heading) => heading.clone(),
            None => generated_title(index, here, actors, themes),
        })
        .collect()
}

#[cfg(test)]
thread_local! {
    /// Mentions looked at by this thread.
    static VISITS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn generated_title(
    section: usize,
    mut here: Vec<(usize, usize)>,
    actors: &[Actor],
    themes: &[Theme],
) -> String {
    // An actor's mentions need not come in section order: merge its runs.
    here.sort_unstable_by_key(|&(a, _)| a);
    here.dedup_by(|next, kept| {
        let same = next.0 == kept.0;
        if same {
            kept.1 += next.1;
        }
        same
    });
    // Rank by mentions inside the section, then by overall salience so ties favour the
    // article's main actors.
    let mut ranked: Vec<(usize, f32, &str)> = here
        .iter()
        .filter_map(|&(a, n)| {
            actors
                .get(a)
                .map(|actor| (n, actor.salience, actor.name.as_str()))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)));
    let names: Vec<&str> = ranked.iter().take(TITLE_ACTORS).map(|r| r.2).collect();

    let theme = themes
        .iter()
        .filter_map(|t| t.section_scores.get(section).map(|s| (*s, t)))
        .filter(|(s, _)| *s > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, t)| short_label(&t.label));

    match (names.is_empty(), theme) {
        (false, Some(theme)) => format!("{} · {}", names.join(", "), theme),
        (false, None) => names.join(", "),
        (true, Some(theme)) => theme.to_string(),
        (true, None) => format!("Part {}", section + 1),
    }
}

/// "Diplomacy and foreign relations" -> "Diplomacy": the label up to its first " and ".
fn short_label(label: &str) -> &str {
    label.split(" and ").next().unwrap_or(label).trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{ActorKind, Evidence, Mention};
    use crate::corpus::{Format, Meta, Section, Span};
    use std::path::PathBuf;

    fn article(headings: &[Option<&str>]) -> Article {
        let sections = headings
            .iter()
            .enumerate()
            .map(|(i, h)| Section {
                span: Span::new(i * 10, i * 10 + 10),
                heading: h.map(str::to_string),
            })
            .collect();
        Article {
            id: "a".into(),
            path: PathBuf::from("a.md"),
            root: std::path::Path::new(".").into(),
            format: Format::Markdown,
            meta: Meta::default(),
            title: "A".into(),
            body: "x".repeat(headings.len() * 10),
            sections,
        }
    }

    fn actor(name: &str, salience: f32, sections: &[usize]) -> Actor {
        Actor {
            id: name.to_lowercase(),
            name: name.into(),
            kind: ActorKind::Country,
            aliases: vec![],
            role: None,
            salience,
            mentions: sections
                .iter()
                .map(|&s| Mention {
                    span: Span::new(s * 10, s * 10 + 1),
                    section: s,
                })
                .collect(),
            why: vec![],
        }
    }

    #[test]
    fn headings_are_kept_and_missing_ones_generated() {
        let art = article(&[Some("Background"), None, None]);
        let actors = vec![
            actor("Togo", 0.9, &[1, 1, 2]),
            actor("France", 0.5, &[1]),
            actor("Russia", 0.4, &[1, 1, 1]),
        ];
        let themes = vec![Theme {
            id: "diplomacy".into(),
            label: "Diplomacy and foreign relations".into(),
            score: 0.8,
            section_scores: vec![0.0, 0.7, 0.0],
            evidence: vec![Evidence {
                span: Span::new(10, 12),
                section: 1,
            }],
            weights: vec![1.0],
        }];
        let titles = section_titles(&art, &actors, &themes);
        assert_eq!(titles[0], "Background");
        assert_eq!(titles[1], "Russia, Togo · Diplomacy");
        assert_eq!(titles[2], "Togo");
    }

    #[test]
    fn many_one_line_sections_cost_one_pass_over_mentions() {
        // The audit's case: a file of one-line sections, each naming an actor.
        let n = 3000;
        let art = article(&vec![None; n]);
        let every: Vec<usize> = (0..n).collect();
        let actors = vec![actor("Togo", 0.9, &every), actor("Mali", 0.5, &every)];
        VISITS.with(|v| v.set(0));
        let titles = section_titles(&art, &actors, &[]);
        assert_eq!(titles[n - 1], "Togo, Mali");
        // Every mention once; it was sections x mentions (18 million here).
        assert_eq!(VISITS.with(|v| v.get()), 2 * n);
    }

    #[test]
    fn a_section_with_nothing_found_is_numbered() {
        let art = article(&[None, None]);
        assert_eq!(section_titles(&art, &[], &[]), vec!["Part 1", "Part 2"]);
    }
}
