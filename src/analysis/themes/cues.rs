//! Cue phrases: the small pattern syntax of the `[[theme]]` and `[tensions]` lexicons, and a
//! matcher that finds every cue of a lexicon in a text in one linear pass.
//!
//! Syntax (also documented for users in `config.toml`):
//!
//! - `word` or `two words`: matched ASCII-case-insensitively, on word boundaries. The last
//!   word may also carry an `s` or `es` ending, so `summit` finds "summits".
//! - `=word`: exact, no ending added (`=war` finds "war" but not "wars").
//! - `word*`: the word with any ending (`sanction*` finds "sanctioned", "sanctions"). A `*`
//!   may end any word of a phrase: `crack* down` finds "cracked down"; alone between words
//!   it stands for one word: `recalled * ambassador` finds "recalled its ambassador".
//! - a trailing `:2` or `:0.5` sets the weight (default 1).
//! - `'` and `’` are interchangeable; a space matches one space, tab or line break.
//!
//! Cost: building is linear in the total length of the cues; [`CueSet::for_each_match`] is
//! linear in the text plus a short check per raw match.

use crate::corpus::Span;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

/// One parsed cue phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    /// The phrase as written in the config, for messages.
    pub source: String,
    pub weight: f32,
    /// Spellings to look for (one, or two when the phrase has an apostrophe). Each is the
    /// list of literal pieces between wildcards: `crack* down` is `["crack", " down"]`.
    variants: Vec<Vec<String>>,
    /// The phrase ends with `*`.
    open_end: bool,
    /// `=`: no `s`/`es` ending on the last word.
    exact: bool,
}

impl Cue {
    /// Parse one cue of the syntax above. The error says what is wrong with it.
    pub fn parse(raw: &str) -> Result<Cue, String> {
        let mut text = raw.trim();
        let mut weight = 1.0f32;
        if let Some((head, tail)) = text.rsplit_once(':') {
            weight = tail
                .trim()
                .parse::<f32>()
                .ok()
                .filter(|w| w.is_finite() && *w > 0.0 && *w <= 100.0)
                .ok_or_else(|| {
                    format!("cue `{raw}`: `{tail}` is not a weight (a number above 0, up to 100)")
                })?;
            text = head.trim();
        }
        let exact = text.starts_with('=');
        let phrase = text
            .trim_start_matches('=')
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !phrase.chars().any(char::is_alphanumeric) {
            return Err(format!("cue `{raw}` has no letters"));
        }
        let chars: Vec<char> = phrase.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if *c == '*' {
                // `word*` (any ending) or a lone `*` between words (any one word).
                let after = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == ' ');
                let ends_word = chars.get(i + 1).is_none_or(|n| *n == ' ');
                if !after || !ends_word {
                    return Err(format!(
                        "cue `{raw}`: `*` may only end a word (`sanction*`) or stand for one \
                         word between others (`recalled * ambassador`)"
                    ));
                }
            }
        }
        let open_end = phrase.ends_with('*');
        let mut variants = vec![phrase.clone()];
        if phrase.contains('\'') {
            variants.push(phrase.replace('\'', "’"));
        } else if phrase.contains('’') {
            variants.push(phrase.replace('’', "'"));
        }
        let variants = variants
            .into_iter()
            .map(|v| v.split('*').map(str::to_string).collect())
            .collect();
        Ok(Cue {
            source: raw.to_string(),
            weight,
            variants,
            open_end,
            exact,
        })
    }
}

/// Where one raw automaton match may lead: cue index and spelling.
type Head = (usize, usize);

/// A compiled lexicon of cues. Immutable and `Sync`.
#[derive(Clone, Debug)]
pub struct CueSet {
    cues: Vec<Cue>,
    /// `None` when there are no cues.
    automaton: Option<AhoCorasick>,
    /// Per automaton pattern: the cue spellings that begin with it.
    heads: Vec<Vec<Head>>,
}

impl CueSet {
    /// Compile `cues` into one automaton over their first literal pieces.
    pub fn new(cues: Vec<Cue>) -> Result<CueSet, String> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut heads: Vec<Vec<Head>> = Vec::new();
        for (ci, cue) in cues.iter().enumerate() {
            for (vi, variant) in cue.variants.iter().enumerate() {
                let first = variant.first().cloned().unwrap_or_default();
                // Case-insensitive automaton: spellings differing in case share a pattern.
                let key = first.to_ascii_lowercase();
                let pi = *index.entry(key).or_insert_with(|| {
                    patterns.push(first);
                    heads.push(Vec::new());
                    patterns.len() - 1
                });
                heads[pi].push((ci, vi));
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    // A full DFA: a few MB for the shipped lexicons, and the fastest scan
                    // for overlapping search, where prefilters help little.
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&patterns)
                    .map_err(|e| format!("cannot compile the cue lexicon: {e}"))?,
            )
        };
        Ok(CueSet {
            cues,
            automaton,
            heads,
        })
    }

    pub fn cue(&self, index: usize) -> &Cue {
        &self.cues[index]
    }

    pub fn len(&self) -> usize {
        self.cues.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cues.is_empty()
    }

    /// Call `found(cue index, span)` for every cue occurrence in `text`, overlapping ones
    /// included, roughly in order of where the first literal piece ends. Spans are on char
    /// boundaries and cover whole words.
    pub fn for_each_match(&self, text: &str, mut found: impl FnMut(usize, Span)) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        // Same length as `text`, so offsets carry over; line breaks become spaces so that
        // phrases match across them.
        let hay: Vec<u8> = text
            .bytes()
            .map(|b| if b.is_ascii_whitespace() { b' ' } else { b })
            .collect();
        for m in automaton.find_overlapping_iter(hay.as_slice()) {
            let Some(heads) = self.heads.get(m.pattern().as_usize()) else {
                continue;
            };
            for &(ci, vi) in heads {
                let cue = &self.cues[ci];
                if let Some(end) = complete(cue, &cue.variants[vi], text, &hay, m.start(), m.end())
                {
                    found(ci, Span::new(m.start(), end));
                }
            }
        }
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

fn word_char_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|s| s.chars().next_back())
        .is_some_and(is_word)
}

fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}

/// Skip word characters from `at` (what a `*` stands for).
fn skip_word(text: &str, mut at: usize) -> usize {
    while let Some(c) = char_at(text, at).filter(|c| is_word(*c)) {
        at += c.len_utf8();
    }
    at
}

fn starts_with_ignore_case(hay: &[u8], at: usize, piece: &str) -> bool {
    hay.get(at..at + piece.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(piece.as_bytes()))
}

/// Check the rest of a cue after its first piece matched at `start..end`; the end of the
/// whole match, or `None` when the text does not fit the cue.
fn complete(
    cue: &Cue,
    pieces: &[String],
    text: &str,
    hay: &[u8],
    start: usize,
    end: usize,
) -> Option<usize> {
    let first = pieces.first()?;
    if first.starts_with(is_word) && word_char_before(text, start) {
        return None;
    }
    let mut at = end;
    for piece in &pieces[1..] {
        at = skip_word(text, at);
        if !piece.is_empty() {
            if !starts_with_ignore_case(hay, at, piece) {
                return None;
            }
            at += piece.len();
        }
    }
    if cue.open_end {
        return Some(at);
    }
    let last = pieces.last()?;
    if !last.ends_with(is_word) || !char_at(text, at).is_some_and(is_word) {
        return Some(at);
    }
    if cue.exact {
        return None;
    }
    // A plain `s`/`es` ending: "summits", "taxes", "attacks".
    for ending in ["s", "es"] {
        if starts_with_ignore_case(hay, at, ending)
            && !char_at(text, at + ending.len()).is_some_and(is_word)
        {
            return Some(at + ending.len());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(cues: &[&str], text: &str) -> Vec<(String, String)> {
        let set = CueSet::new(cues.iter().map(|c| Cue::parse(c).unwrap()).collect()).unwrap();
        let mut out = Vec::new();
        set.for_each_match(text, |ci, span| {
            out.push((set.cue(ci).source.clone(), span.text(text).to_string()));
        });
        out.sort();
        out
    }

    #[test]
    fn words_match_on_boundaries_with_plural_endings() {
        let got = find(
            &["war", "summit"],
            "War and wars; software; summits, warfare",
        );
        assert_eq!(
            got,
            vec![
                ("summit".into(), "summits".into()),
                ("war".into(), "War".into()),
                ("war".into(), "wars".into()),
            ]
        );
    }

    #[test]
    fn exact_and_prefix_and_inner_wildcards() {
        assert_eq!(
            find(&["=war"], "wars war"),
            vec![("=war".into(), "war".into())]
        );
        assert_eq!(
            find(&["sanction*"], "they sanctioned it"),
            vec![("sanction*".into(), "sanctioned".into())]
        );
        assert_eq!(
            find(
                &["crack* down:2"],
                "police cracked\ndown hard; crack down; cracking up"
            ),
            vec![
                ("crack* down:2".into(), "crack down".into()),
                ("crack* down:2".into(), "cracked\ndown".into()),
            ]
        );
    }

    #[test]
    fn weights_apostrophes_and_errors() {
        let c = Cue::parse("armed forces:2.5").unwrap();
        assert_eq!(c.weight, 2.5);
        assert_eq!(
            find(&["coup d'état"], "a coup d’état"),
            vec![("coup d'état".into(), "coup d’état".into())]
        );
        assert!(Cue::parse("coup:abc").is_err());
        assert!(Cue::parse("coup:0").is_err());
        assert!(Cue::parse("*").is_err());
        assert!(Cue::parse("* down").is_err());
        assert_eq!(
            find(&["recall* * ambassador"], "Mali recalled its ambassador"),
            vec![(
                "recall* * ambassador".into(),
                "recalled its ambassador".into()
            )]
        );
        assert!(Cue::parse("a*b").is_err());
        assert!(Cue::parse("  ").is_err());
    }

    #[test]
    fn non_ascii_text_is_safe() {
        let got = find(&["été", "war*"], "L'été — warß été");
        assert_eq!(got.len(), 3, "{got:?}");
    }
}
