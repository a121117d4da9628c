//! Re-anchoring: finding where a stored [`Target`] stands in the current article body.
//!
//! In order: the stored position when the body is the one it was measured in; else the exact
//! quote, choosing among its occurrences (the stored position included) by how well the
//! stored prefix and suffix match and then by nearness to the old position; else an approximate match within an error budget of 20% of
//! the quote's length, found with Myers' bit-parallel algorithm (Hyyrö's block form, so long
//! quotes work) and chosen the same way. What cannot be placed is an orphan: the caller keeps
//! it. Pure functions; cost is O(body × ⌈quote/64⌉) for the approximate step.

use super::{CONTEXT_CHARS, Target};
use crate::corpus::Span;
use std::collections::HashMap;

/// How a target was placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// The quote stands at the stored position.
    Exact,
    /// The exact quote was found elsewhere.
    Moved,
    /// A passage close to the quote (within the error budget) was found.
    Approximate,
}

/// Error budget of the approximate step, in percent of the quote's length in characters.
pub const ERROR_PERCENT: usize = 20;
/// At most this many occurrences or approximate hits are compared, nearest first.
const MAX_CANDIDATES: usize = 2000;
const MAX_APPROX_CANDIDATES: usize = 64;
// Context is read on each side up to [`CONTEXT_CHARS`]: stored prefixes and suffixes are at
// most that long by design, and a crafted sidecar or import may hold longer ones; comparing
// those in full against every occurrence was quadratic (4,000-character contexts froze the
// reader).
/// Quotes longer than this (in characters) are placed only exactly: the approximate step
/// costs the quote's length squared per candidate.
pub const MAX_APPROX_QUOTE_CHARS: usize = 4096;

#[cfg(test)]
thread_local! {
    /// Work done by this thread: (candidates scored, edit-distance cells computed).
    static WORK: std::cell::Cell<(usize, u64)> = const { std::cell::Cell::new((0, 0)) };
}

#[cfg(test)]
fn count_work(candidates: usize, cells: u64) {
    WORK.with(|w| {
        let (c, n) = w.get();
        w.set((c + candidates, n + cells));
    });
}

/// Where `target` stands in `body`, or `None` when it cannot be placed (an orphan).
/// Hashes the body once; see [`place_in`] to reuse a known hash.
pub fn place(body: &str, target: &Target) -> Option<(Span, Placement)> {
    place_in(body, &super::body_hash(body), target)
}

/// [`place`] with the body's hash already computed (placing many targets in one body).
pub fn place_in(body: &str, hash: &str, target: &Target) -> Option<(Span, Placement)> {
    if target.exact.is_empty() {
        return None;
    }
    let stored = Span::new(target.start, target.end);
    let stands = body.get(target.start..target.end) == Some(target.exact.as_str());
    if stands && target.body_hash == hash {
        return Some((stored, Placement::Exact));
    }
    // The text changed: the same characters at the old offset may be another word's, so
    // the stored position competes with every occurrence on context (it wins ties).
    if let Some(span) = nearest_exact(body, target) {
        let how = if span == stored {
            Placement::Exact
        } else {
            Placement::Moved
        };
        return Some((span, how));
    }
    approximate(body, target).map(|span| (span, Placement::Approximate))
}

/// The best exact occurrence of the quote.
fn nearest_exact(body: &str, target: &Target) -> Option<Span> {
    let mut starts = Vec::new();
    let mut from = 0;
    while let Some(i) = body.get(from..).and_then(|rest| rest.find(&target.exact)) {
        let s = from + i;
        starts.push(s);
        // Step one character so overlapping occurrences are seen too.
        from = s + body[s..].chars().next().map_or(1, char::len_utf8);
    }
    if starts.is_empty() {
        return None;
    }
    keep_nearest(&mut starts, target.start);
    let len = target.exact.len();
    starts
        .into_iter()
        .map(|s| {
            let span = Span::new(s, s + len);
            (cost(body, target, span, 0), span)
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, span)| span)
}

fn keep_nearest(starts: &mut Vec<usize>, old: usize) {
    if starts.len() > MAX_CANDIDATES {
        // Linear selection rather than a sort: the body may hold the quote millions of times.
        starts.select_nth_unstable_by_key(MAX_CANDIDATES - 1, |&s| (s.abs_diff(old), s));
        starts.truncate(MAX_CANDIDATES);
        starts.sort_unstable_by_key(|&s| (s.abs_diff(old), s));
    }
}

/// Lower is better: the quote's own errors, half the context's errors, and less than one for
/// distance from the old position (so distance only breaks ties between equal contexts).
fn cost(body: &str, target: &Target, span: Span, quote_errors: usize) -> f64 {
    // Only the context nearest the quote counts, clamped to what a sidecar stores.
    let mut prefix: Vec<char> = target.prefix.chars().rev().take(CONTEXT_CHARS).collect();
    prefix.reverse();
    let suffix: Vec<char> = target.suffix.chars().take(CONTEXT_CHARS).collect();
    let mut before: Vec<char> = body[..span.start]
        .chars()
        .rev()
        .take(prefix.len())
        .collect();
    before.reverse();
    let after: Vec<char> = body[span.end..].chars().take(suffix.len()).collect();
    let context = levenshtein(&prefix, &before) + levenshtein(&suffix, &after);
    #[cfg(test)]
    count_work(
        1,
        (prefix.len() * before.len() + suffix.len() * after.len()) as u64,
    );
    let distance = span.start.abs_diff(target.start) as f64 / (body.len() as f64 + 1.0);
    quote_errors as f64 + 0.5 * context as f64 + distance.min(1.0) * 0.99
}

/// Classic two-row edit distance on characters.
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The best passage within the error budget, if any.
fn approximate(body: &str, target: &Target) -> Option<Span> {
    let pattern: Vec<char> = target.exact.chars().collect();
    let budget = pattern.len() * ERROR_PERCENT / 100;
    if budget == 0 || pattern.len() > MAX_APPROX_QUOTE_CHARS {
        // Too short to tell a near miss from another word.
        return None;
    }
    // The body is streamed, never copied into a character vector: bodies may be megabytes.
    let hits = myers_ends(&pattern, body.chars(), budget);
    // One candidate per run of neighbouring ends: the lowest score in the run.
    let mut ends: Vec<(usize, usize)> = Vec::new();
    for (end, score) in hits {
        match ends.last_mut() {
            Some(last) if end <= last.0 + budget.max(1) => {
                if score < last.1 {
                    *last = (end, score);
                }
            }
            _ => ends.push((end, score)),
        }
    }
    let old_char = super::byte_to_char(body, target.start) + pattern.len();
    ends.sort_by_key(|&(end, _)| end.abs_diff(old_char));
    ends.truncate(MAX_APPROX_CANDIDATES);
    let end_bytes = bytes_of(body, ends.iter().map(|&(end, _)| end));
    ends.into_iter()
        .filter_map(|(end, _)| {
            let end_byte = *end_bytes.get(&end)?;
            let before = &body[..end_byte];
            let (len, errors) = match_start(&pattern, before, budget)?;
            let start_byte = before.char_indices().rev().nth(len - 1)?.0;
            let span = Span::new(start_byte, end_byte);
            (!span.is_empty()).then(|| (cost(body, target, span, errors), span))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, span)| span)
}

/// Byte offsets of the given character indices, in one pass over the body.
fn bytes_of(body: &str, chars: impl Iterator<Item = usize>) -> HashMap<usize, usize> {
    let mut wanted: Vec<usize> = chars.collect();
    wanted.sort_unstable();
    let mut out = HashMap::with_capacity(wanted.len());
    let mut next = wanted.into_iter().peekable();
    for (i, (b, _)) in body.char_indices().chain([(body.len(), ' ')]).enumerate() {
        while next.peek() == Some(&i) {
            out.insert(i, b);
            next.next();
        }
        if next.peek().is_none() {
            break;
        }
    }
    out
}

/// Ends (exclusive character indices) of passages of `text` within `k` edits of `pattern`,
/// with their edit distance. Myers' bit-vector algorithm over 64-character blocks.
fn myers_ends(pattern: &[char], text: impl Iterator<Item = char>, k: usize) -> Vec<(usize, usize)> {
    let m = pattern.len();
    let blocks = m.div_ceil(64);
    let mut peq: HashMap<char, Vec<u64>> = HashMap::new();
    for (i, &c) in pattern.iter().enumerate() {
        peq.entry(c).or_insert_with(|| vec![0; blocks])[i / 64] |= 1 << (i % 64);
    }
    let zero = vec![0u64; blocks];
    let last_bit = (m - 1) % 64;
    let mut pv = vec![u64::MAX; blocks];
    let mut mv = vec![0u64; blocks];
    let mut score = m;
    let mut out = Vec::new();
    for (j, c) in text.enumerate() {
        let eqs = peq.get(&c).unwrap_or(&zero);
        // The top row is all zeros: a match may start anywhere, so no carry into block 0.
        let mut hin = 0i32;
        for b in 0..blocks {
            let high = if b + 1 == blocks { last_bit } else { 63 };
            hin = advance_block(&mut pv[b], &mut mv[b], eqs[b], hin, high);
        }
        score = (score as i64 + i64::from(hin)).max(0) as usize;
        if score <= k {
            out.push((j + 1, score));
        }
    }
    out
}

/// One column step of one block; returns the horizontal delta at bit `high`.
fn advance_block(pv: &mut u64, mv: &mut u64, eq: u64, hin: i32, high: usize) -> i32 {
    let neg = u64::from(hin < 0);
    let xv = eq | *mv;
    let eq = eq | neg;
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let mut ph = *mv | !(xh | *pv);
    let mut mh = *pv & xh;
    let hout = ((ph >> high) & 1) as i32 - ((mh >> high) & 1) as i32;
    ph = (ph << 1) | u64::from(hin > 0);
    mh = (mh << 1) | neg;
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

/// For a match ending at the end of `text`: its length in characters and edit distance, the
/// lowest distance winning and then the length nearest the pattern's.
fn match_start(pattern: &[char], text: &str, k: usize) -> Option<(usize, usize)> {
    // Reversed, the match starts at the window's start and may end anywhere in it.
    let rev_text: Vec<char> = text.chars().rev().take(pattern.len() + k).collect();
    let window = rev_text.len();
    let mut prev: Vec<usize> = (0..=window).collect();
    let mut cur = vec![0; window + 1];
    for (i, pc) in pattern.iter().rev().enumerate() {
        cur[0] = i + 1;
        for (j, tc) in rev_text.iter().enumerate() {
            let sub = prev[j] + usize::from(pc != tc);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (1..=window)
        .filter(|&len| prev[len] <= k)
        .min_by_key(|&len| (prev[len], len.abs_diff(pattern.len())))
        .map(|len| (len, prev[len]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(body: &str, quote: &str) -> Target {
        let s = body.find(quote).unwrap();
        Target::from_span(body, Span::new(s, s + quote.len())).unwrap()
    }

    #[test]
    fn unchanged_body_places_exactly() {
        let body = "The minister said the port deal was signed on Monday.";
        let t = target(body, "port deal");
        assert_eq!(place(body, &t), Some((t.span(), Placement::Exact)));
    }

    #[test]
    fn moved_quote_is_found_and_context_picks_the_right_copy() {
        let old = "Alpha said yes. Beta said no. Gamma said yes.";
        let t = {
            let s = old.rfind("said yes").unwrap();
            Target::from_span(old, Span::new(s, s + 8)).unwrap()
        };
        let new = "New first line here. Alpha said yes. Beta said no. Gamma said yes.";
        let (span, how) = place(new, &t).unwrap();
        assert_eq!(how, Placement::Moved);
        assert_eq!(span.start, new.rfind("said yes").unwrap());
    }

    #[test]
    fn edited_quote_is_placed_approximately() {
        let old = "Intro. The government announced sweeping reforms of the judiciary today. End.";
        let t = target(old, "announced sweeping reforms of the judiciary");
        let new = "Intro. The government announced sweping reform of the judiciary today. End.";
        let (span, how) = place(new, &t).unwrap();
        assert_eq!(how, Placement::Approximate);
        assert_eq!(span.text(new), "announced sweping reform of the judiciary");
    }

    #[test]
    fn long_quotes_use_several_blocks() {
        let quote = "word ".repeat(40) + "unique ending of the long passage";
        let old = format!("start {quote} finish");
        let t = target(&old, &quote);
        let edited = quote.replacen("unique", "uniqe", 1);
        let new = format!("other start text {edited} finish");
        let (span, how) = place(&new, &t).unwrap();
        assert_eq!(how, Placement::Approximate);
        assert_eq!(span.text(&new), edited);
    }

    #[test]
    fn vanished_quote_is_an_orphan() {
        let t = target("the treaty was ratified", "treaty was ratified");
        assert_eq!(place("nothing related at all, none", &t), None);
    }

    fn work_of(body: &str, t: &Target) -> (usize, u64) {
        WORK.with(|w| w.set((0, 0)));
        place(body, t);
        WORK.with(|w| w.get())
    }

    #[test]
    fn long_crafted_context_costs_linear_work_in_the_body() {
        // The audit's reproducer: `exact = "the"` with 4,000-character prefix and suffix.
        let context = "x".repeat(4000);
        let crafted = |n: usize| {
            let body = "the cat and the dog. ".repeat(n);
            let t = Target {
                exact: "the".into(),
                prefix: context.clone(),
                suffix: context.clone(),
                start: 1,
                end: 4,
                body_hash: "stale".into(),
            };
            (body, t)
        };
        let (small_body, small) = crafted(500);
        let (big_body, big) = crafted(1000);
        let (c1, w1) = work_of(&small_body, &small);
        let (c2, w2) = work_of(&big_body, &big);
        assert!(c1 <= MAX_CANDIDATES && c2 <= MAX_CANDIDATES, "{c1} {c2}");
        // Each candidate compares at most 2 x 32 x 32 cells.
        let per = 2 * (CONTEXT_CHARS * CONTEXT_CHARS) as u64;
        assert!(w1 <= c1 as u64 * per, "{w1} cells for {c1} candidates");
        assert!(w2 <= c2 as u64 * per, "{w2} cells for {c2} candidates");
        // And the placement still works on the nearest context.
        assert!(place(&big_body, &big).is_some());
    }

    #[test]
    fn myers_agrees_with_dynamic_programming() {
        let p: Vec<char> = "abcab".chars().collect();
        let t: Vec<char> = "xxabcbbxxabdabyy".chars().collect();
        let ends = myers_ends(&p, t.iter().copied(), 2);
        for end in 1..=t.len() {
            // Brute force: best distance over all starts.
            let best = (0..end)
                .map(|s| levenshtein(&p, &t[s..end]))
                .chain([p.len()])
                .min()
                .unwrap();
            let got = ends.iter().find(|e| e.0 == end).map(|e| e.1);
            assert_eq!(got, (best <= 2).then_some(best), "end {end}");
        }
    }
}
