//! Topical sections for text without headings: paragraphs grouped by lexical cohesion.
//!
//! The idea is TextTiling's (Hearst 1997): content words shared between the paragraphs just
//! before and just after a gap measure how much the text stays on one topic there; a gap
//! in a deep valley of that score is a good place to cut. Cuts are chosen together by a
//! small dynamic programme that also prefers sections of about [`TARGET_WORDS`] words and
//! enforces hard bounds: at most [`MAX_PARAGRAPHS`] paragraphs and [`MAX_WORDS`] words a
//! section (a single longer paragraph stays whole), and a stretch of more than
//! [`MAX_SINGLE_PARAGRAPHS`] paragraphs or [`MAX_SINGLE_WORDS`] words is never one section.
//!
//! Cost is linear in the text: each word is read once and the programme looks back at most
//! [`MAX_PARAGRAPHS`] paragraphs from each gap.

use super::Span;
use super::sections::{Fences, heading, is_blank, lines};

/// Most paragraphs in one topical section.
pub const MAX_PARAGRAPHS: usize = 4;
/// Most words in one topical section of several paragraphs.
pub const MAX_WORDS: usize = 350;
/// The section size the grouping aims for.
pub const TARGET_WORDS: f64 = 130.0;
/// A stretch with more paragraphs than this is always split.
pub const MAX_SINGLE_PARAGRAPHS: usize = 3;
/// A stretch with more words than this is always split (when it has several paragraphs).
pub const MAX_SINGLE_WORDS: usize = 300;
/// A paragraph longer than [`MAX_WORDS`] is cut at sentence ends into pieces of about this
/// many words, so that text without blank lines still gets sections.
const PIECE_WORDS: usize = 150;
/// Paragraphs on each side of a gap compared for cohesion.
const WINDOW: usize = 2;
/// Weight of the size preference against cohesion (in standard deviations of the text's
/// cohesion scores).
const SIZE_WEIGHT: f64 = 0.5;
/// Floor for that standard deviation, so text whose gaps all score alike is cut by size.
const MIN_SPREAD: f64 = 0.05;

/// A paragraph (or a piece of a long one) with its words counted.
struct Unit {
    start: usize,
    words: usize,
    /// Hashes of content words with their counts, sorted by hash.
    terms: Vec<(u64, u32)>,
}

/// Split `body[range]` into topical sections. The spans partition `range` and each starts
/// at `range.start` or at the start of a paragraph (the first non-blank line after a blank).
pub fn split(body: &str, range: Span, markdown: bool) -> Vec<Span> {
    if range.is_empty() {
        return Vec::new();
    }
    let units = units(body, range, markdown);
    let cuts = choose_cuts(&units);
    let mut spans = Vec::with_capacity(cuts.len() + 1);
    let mut start = range.start;
    for &u in &cuts {
        let at = units[u].start;
        spans.push(Span::new(start, at));
        start = at;
    }
    spans.push(Span::new(start, range.end));
    spans
}

/// The paragraph starts in `range`: a non-blank line after a blank line (blank lines inside
/// fenced code do not separate paragraphs). The first unit starts at `range.start`.
fn paragraph_starts(body: &str, range: Span, markdown: bool) -> Vec<usize> {
    let mut starts = vec![range.start];
    let mut fences = Fences::default();
    let mut after_blank = false;
    let mut seen_text = false;
    // A paragraph of headings only (the `#` title) is not a topic of its own: it stays
    // with the paragraph after it.
    let mut headings_only = true;
    for line in lines(body, range) {
        let text = &body[line.start..line.end];
        let in_code = markdown && fences.code(text);
        if is_blank(text) && !in_code {
            after_blank = true;
            continue;
        }
        if after_blank && seen_text && !headings_only {
            starts.push(line.start);
            headings_only = true;
        }
        headings_only &= markdown && !in_code && heading(text).is_some();
        after_blank = false;
        seen_text = true;
    }
    starts
}

fn units(body: &str, range: Span, markdown: bool) -> Vec<Unit> {
    let starts = paragraph_starts(body, range, markdown);
    let mut units = Vec::with_capacity(starts.len());
    let mut scratch = String::new();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(range.end);
        let text = &body[start..end];
        let words = count_words(text);
        if words > MAX_WORDS {
            for (piece_start, piece_end) in pieces(text, words) {
                let piece = &text[piece_start..piece_end];
                units.push(Unit {
                    start: start + piece_start,
                    words: count_words(piece),
                    terms: terms(piece, &mut scratch),
                });
            }
        } else {
            units.push(Unit {
                start,
                words,
                terms: terms(text, &mut scratch),
            });
        }
    }
    units
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn count_words(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        let w = is_word_char(c);
        if w && !in_word {
            count += 1;
        }
        in_word = w;
    }
    count
}

/// Cut a long paragraph at sentence ends into pieces of about [`PIECE_WORDS`] words; the
/// last piece is never tiny. Returns byte ranges of `text` that partition it.
fn pieces(text: &str, total_words: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut piece_start = 0;
    let mut words = 0;
    let mut counted = 0;
    let mut in_word = false;
    // 0: inside a sentence; 1: just after `.`, `!` or `?` (and closing quotes); 2: and then
    // white space, so the next word starts a sentence ("3.5" and "U.S." never cut).
    let mut boundary = 0u8;
    for (i, c) in text.char_indices() {
        let w = is_word_char(c);
        if w && !in_word {
            if boundary == 2
                && !c.is_lowercase()
                && words >= PIECE_WORDS
                && total_words - counted >= PIECE_WORDS / 3
                && i > piece_start
            {
                out.push((piece_start, i));
                piece_start = i;
                words = 0;
            }
            words += 1;
            counted += 1;
        }
        in_word = w;
        boundary = match c {
            '.' | '!' | '?' | '…' => 1,
            '"' | '\'' | '”' | '’' | ')' | ']' | '»' if boundary == 1 => 1,
            c if c.is_whitespace() && boundary >= 1 => 2,
            '"' | '“' | '‘' | '\'' | '(' | '[' | '«' if boundary == 2 => 2,
            _ => 0,
        };
    }
    out.push((piece_start, text.len()));
    // Keep the cut on the first character of the next sentence, which may be a quote mark
    // rather than a letter: step back over opening punctuation.
    for i in 1..out.len() {
        let at = out[i].0;
        let back = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«'))
            .last()
            .map_or(at, |(j, _)| j);
        if back > out[i - 1].0 {
            out[i - 1].1 = back;
            out[i].0 = back;
        }
    }
    out
}

/// Words too common to say anything about the topic.
const STOP_WORDS: &[&str] = &[
    "about", "after", "again", "against", "all", "also", "among", "and", "any", "are", "because",
    "been", "before", "being", "between", "both", "but", "can", "could", "did", "does", "down",
    "during", "each", "even", "few", "for", "from", "had", "has", "have", "her", "here", "hers",
    "him", "his", "how", "into", "its", "just", "last", "like", "made", "make", "many", "may",
    "more", "most", "much", "must", "new", "not", "now", "off", "one", "only", "other", "our",
    "out", "over", "said", "same", "says", "she", "should", "since", "some", "still", "such",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "though", "through", "too", "two", "under", "until", "very", "was", "way", "were", "what",
    "when", "where", "which", "while", "who", "whom", "why", "will", "with", "within", "without",
    "would", "year", "years", "yet", "you", "your",
];

/// Per first letter `a..=z`, the range of [`STOP_WORDS`] starting with it (the list is
/// sorted and every word starts with a lowercase ASCII letter).
const STOP_WORD_RANGES: [(u8, u8); 26] = {
    let mut out = [(0u8, 0u8); 26];
    let mut i = 0;
    while i < STOP_WORDS.len() {
        let b = STOP_WORDS[i].as_bytes()[0];
        assert!(b.is_ascii_lowercase() && STOP_WORDS.len() < 256);
        let slot = &mut out[(b - b'a') as usize];
        if slot.1 == 0 {
            slot.0 = i as u8;
        }
        slot.1 = i as u8 + 1;
        i += 1;
    }
    out
};

/// Whether `word` is in [`STOP_WORDS`]: only the few words with its first letter are
/// compared (this is asked twice for every word of every article at load).
fn is_stop_word(word: &str) -> bool {
    let Some(&b) = word.as_bytes().first() else {
        return false;
    };
    if !b.is_ascii_lowercase() {
        return false;
    }
    let (from, to) = STOP_WORD_RANGES[(b - b'a') as usize];
    STOP_WORDS[from as usize..to as usize].contains(&word)
}

/// FNV-1a: content words are compared by hash, so no string is kept per word.
fn hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Content words of `text` (lower-cased, plural `s` dropped, stop words and numbers left
/// out) as sorted `(hash, count)` pairs. `scratch` is reused to avoid an allocation a word.
fn terms(text: &str, scratch: &mut String) -> Vec<(u64, u32)> {
    let mut hashes = Vec::new();
    let mut flush = |word: &mut String| {
        if word.chars().count() >= 3 && !word.chars().all(|c| c.is_numeric()) {
            let stem = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .unwrap_or(word);
            let stem = match stem.strip_suffix('s') {
                Some(s) if s.len() >= 3 && !s.ends_with('s') => s,
                _ => stem,
            };
            if !is_stop_word(stem) && !is_stop_word(word) {
                hashes.push(hash(stem));
            }
        }
        word.clear();
    };
    scratch.clear();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            // Most news text is ASCII: skip the general lower-casing there.
            scratch.push(c.to_ascii_lowercase());
        } else if is_word_char(c) || (matches!(c, '\'' | '’') && !scratch.is_empty()) {
            scratch.extend(c.to_lowercase());
        } else if !scratch.is_empty() {
            flush(scratch);
        }
    }
    if !scratch.is_empty() {
        flush(scratch);
    }
    counted(hashes)
}

fn counted(mut hashes: Vec<u64>) -> Vec<(u64, u32)> {
    hashes.sort_unstable();
    let mut out: Vec<(u64, u32)> = Vec::new();
    for h in hashes {
        match out.last_mut() {
            Some((last, n)) if *last == h => *n += 1,
            _ => out.push((h, 1)),
        }
    }
    out
}

/// The summed term counts of several units.
fn window(units: &[Unit]) -> Vec<(u64, u32)> {
    let mut all: Vec<(u64, u32)> = units.iter().flat_map(|u| u.terms.iter().copied()).collect();
    all.sort_unstable_by_key(|t| t.0);
    let mut out: Vec<(u64, u32)> = Vec::with_capacity(all.len());
    for (h, n) in all {
        match out.last_mut() {
            Some((last, m)) if *last == h => *m += n,
            _ => out.push((h, n)),
        }
    }
    out
}

/// Cosine similarity of two sorted term vectors, in 0..=1.
fn cosine(a: &[(u64, u32)], b: &[(u64, u32)]) -> f64 {
    let norm = |v: &[(u64, u32)]| v.iter().map(|t| f64::from(t.1).powi(2)).sum::<f64>().sqrt();
    let (na, nb) = (norm(a), norm(b));
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += f64::from(a[i].1) * f64::from(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    dot / (na * nb)
}

/// Cohesion at each gap: `gap[g]` compares the units before unit `g` with those from `g` on
/// (`gap[0]` is unused).
fn gap_scores(units: &[Unit]) -> Vec<f64> {
    let n = units.len();
    let mut scores = vec![0.0; n];
    for (g, score) in scores.iter_mut().enumerate().skip(1) {
        let left = window(&units[g.saturating_sub(WINDOW)..g]);
        let right = window(&units[g..(g + WINDOW).min(n)]);
        *score = cosine(&left, &right);
    }
    scores
}

/// TextTiling depth: how far the score climbs on each side of a gap before it falls again.
/// Climbing from a gap passes through its neighbour's climb when the neighbour is at least
/// as high, so each side's peak comes from one pass (plateaus would make naive climbing
/// quadratic).
fn depths(scores: &[f64]) -> Vec<f64> {
    let n = scores.len();
    let mut out = vec![0.0; n];
    if n < 2 {
        return out;
    }
    let mut left_peak = scores.to_vec();
    for g in 2..n {
        if scores[g - 1] >= scores[g] {
            left_peak[g] = left_peak[g - 1];
        }
    }
    let mut right_peak = scores.to_vec();
    for g in (1..n - 1).rev() {
        if scores[g + 1] >= scores[g] {
            right_peak[g] = right_peak[g + 1];
        }
    }
    for g in 1..n {
        out[g] = (left_peak[g] - scores[g]) + (right_peak[g] - scores[g]);
    }
    out
}

/// The unit indices where new sections start (not 0), chosen to cut at low cohesion while
/// keeping sections near the target size and within the bounds.
fn choose_cuts(units: &[Unit]) -> Vec<usize> {
    let n = units.len();
    if n < 2 {
        return Vec::new();
    }
    let scores = gap_scores(units);
    let depth = depths(&scores);
    // Cutting costs the cohesion it breaks and earns the depth of the valley it sits in,
    // both measured against this text's own spread of scores: short news paragraphs share
    // few words, so raw scores are small and would be drowned by the size preference.
    let gaps = &scores[1..];
    let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
    let spread = (gaps.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / gaps.len() as f64)
        .sqrt()
        .max(MIN_SPREAD);
    let cut_cost: Vec<f64> = (0..n)
        .map(|g| (scores[g] - mean - depth[g]) / spread)
        .collect();
    let mut prefix = vec![0usize; n + 1];
    for (i, u) in units.iter().enumerate() {
        prefix[i + 1] = prefix[i] + u.words;
    }
    let total = prefix[n];
    let whole_forbidden = n > MAX_SINGLE_PARAGRAPHS || total > MAX_SINGLE_WORDS;
    // best[j]: least cost of sectioning units[..j]; from[j]: where its last section starts.
    let mut best = vec![f64::INFINITY; n + 1];
    let mut from = vec![0usize; n + 1];
    best[0] = 0.0;
    for j in 1..=n {
        for i in j.saturating_sub(MAX_PARAGRAPHS)..j {
            let words = prefix[j] - prefix[i];
            let single = j - i == 1;
            if !single && words > MAX_WORDS {
                continue;
            }
            if i == 0 && j == n && whole_forbidden {
                continue;
            }
            let size = (words as f64 / TARGET_WORDS - 1.0).powi(2);
            let cut = if i > 0 { cut_cost[i] } else { 0.0 };
            let cost = best[i] + SIZE_WEIGHT * size + cut;
            if cost < best[j] {
                best[j] = cost;
                from[j] = i;
            }
        }
    }
    let mut cuts = Vec::new();
    let mut j = n;
    while j > 0 {
        let i = from[j];
        if i > 0 {
            cuts.push(i);
        }
        j = i;
    }
    cuts.reverse();
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn is_stop_word_as_binary_search() {
        let mut words: Vec<String> = STOP_WORDS.iter().map(|w| w.to_string()).collect();
        for w in STOP_WORDS {
            words.push(format!("{w}s"));
            words.push(w[..w.len() - 1].to_string());
            words.push(w.to_uppercase());
            words.push(format!("é{w}"));
        }
        words.extend(
            [
                "",
                "zebra",
                "abouts",
                "yours",
                "xylophone",
                "ändern",
                "1990",
                "'s",
                "a",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(
                is_stop_word(w),
                STOP_WORDS.binary_search(&w.as_str()).is_ok(),
                "{w:?}"
            );
        }
    }

    #[test]
    fn paragraph_starts_skip_blank_lines_in_code() {
        let body = "One.\n\n```\na\n\nb\n```\n\nTwo.\n";
        let starts = paragraph_starts(body, Span::new(0, body.len()), true);
        assert_eq!(starts, [0, 6, body.find("Two").unwrap_or(0)]);
    }

    #[test]
    fn cuts_fall_between_topics() {
        let port = "The port of Lomé handles container shipping, cargo cranes and customs \
                    for freight bound inland.";
        let vote = "Voters queued at polling stations; the electoral commission counted \
                    ballots and candidates awaited results.";
        let body = format!("{port}\n\n{port}\n\n{port}\n\n{vote}\n\n{vote}\n\n{vote}\n");
        let spans = split(&body, Span::new(0, body.len()), true);
        let vote_at = body.find("Voters").unwrap_or(0);
        assert!(
            spans.iter().any(|s| s.start == vote_at),
            "no cut where the topic changes: {spans:?}"
        );
    }

    #[test]
    fn long_paragraph_without_blank_lines_is_cut_at_sentences() {
        let sentence = "Officials met again today to discuss the new budget plan. ";
        let body = sentence.repeat(80);
        let spans = split(&body, Span::new(0, body.len()), false);
        assert!(spans.len() >= 3, "{spans:?}");
        for s in &spans[1..] {
            assert!(body[s.start..].starts_with("Officials"), "{s:?}");
        }
    }

    #[test]
    fn the_title_heading_is_not_a_paragraph_of_its_own() {
        let body = "# Title\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n";
        let starts = paragraph_starts(body, Span::new(0, body.len()), true);
        assert_eq!(starts[..2], [0, body.find("Two").unwrap_or(0)]);
        // In plain text a `#` line is ordinary text.
        let starts = paragraph_starts(body, Span::new(0, body.len()), false);
        assert_eq!(starts[1], body.find("One").unwrap_or(0));
    }

    #[test]
    fn depth_climbs_to_the_peaks_on_each_side() {
        let d = depths(&[0.0, 0.2, 0.5, 0.1, 0.3, 0.3, 0.6, 0.0]);
        let expect = [0.0, 0.3, 0.0, 0.9, 0.3, 0.3, 0.0, 0.6];
        for (got, want) in d.iter().zip(expect) {
            assert!((got - want).abs() < 1e-9, "{d:?}");
        }
    }

    #[test]
    fn a_plateau_of_many_gaps_is_fast() {
        // 200k identical paragraphs: naive climbing would take minutes.
        let body = "12 34.\n\n".repeat(200_000);
        let spans = split(&body, Span::new(0, body.len()), false);
        assert!(spans.len() > 200_000 / MAX_PARAGRAPHS - 1);
    }

    #[test]
    fn a_short_text_stays_whole() {
        let body = "One short paragraph.\n\nAnother one.\n";
        assert_eq!(split(body, Span::new(0, body.len()), true).len(), 1);
    }
}
