//! Weights of a linear multi-class model over hashed features: the averaged perceptron
//! being trained, and the compact quantised form that the binary embeds.
//!
//! A feature is a 64-bit hash; its top `bits` bits pick a bucket, and each bucket holds
//! the non-zero weights of the classes it votes for. Only non-zero weights are stored,
//! so a bucket costs nothing until a training update touches it.
//!
//! File format (little endian): magic `NLSW`, version u8, bits u8, classes u8, scale f32,
//! bucket count u32, then per used bucket in ascending order: the gap from the previous
//! bucket (LEB128), the entry count u8 and that many (class u8, weight i16).
//!
//! In memory the table is laid out at load time for the cache: it is far larger than the
//! cache, so scoring waits on memory, and what counts is how many reads of memory one
//! feature costs and whether they wait for each other. Each run of 16 buckets shares one
//! 64-byte [`Line`] that holds where each one's votes start and the votes themselves, so
//! that most features cost one read whose address comes straight from the hash (an unused
//! bucket costs the same read and nothing more). A bucket with too many votes for its line
//! keeps there a pointer to them.

/// Quantised weights for scoring.
pub struct Weights {
    bits: u32,
    classes: usize,
    /// One per 16 buckets.
    lines: Vec<Line>,
    /// Sixteen slots per line too full to hold its records (see [`Line`]), one per bucket:
    /// two votes (a bucket of one vote has a zero vote for class 0 beside it, which adds
    /// nothing) or a pointer.
    spill: Vec<[u32; 2]>,
    /// The votes of buckets that hold a [`LONG`] pointer.
    long: Vec<u32>,
    /// Rows of `stride` weights, for the buckets that vote for many classes: the rows of
    /// one scoring are added together a block of classes at a time ([`add_rows`]),
    /// instead of one vote at a time.
    dense: Vec<i32>,
    /// Weights per dense row: `classes` rounded up to a whole number of blocks.
    stride: usize,
    /// Whether the processor has AVX2 (see [`add_rows_avx2`]).
    avx2: bool,
}

/// Scores being summed: one per possible class number, so that a vote's class (a byte)
/// indexes it without a bounds check.
pub type Sums = [i32; 256];

/// The buckets `16 l .. 16 l + 16` in one cache line. Words 0 and 1 are the header: 4
/// bits per bucket, where its records start in words 2..16; each bucket's records end
/// where the next one's start, the last one's at the end of the line (an unused bucket has
/// none). A record is a vote, `class << 16 | weight as u16`, or a pointer of two words:
/// [`LONG`] with the vote count in its low bits and the index of the first vote in `long`,
/// or [`DENSE`] and the row index in `dense`. A bucket's records are its votes or one
/// pointer. A line whose records do not fit has [`SPILLED`] as its first start, and word 2
/// is the index in `spill` of the slots of its 16 buckets.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Line([u32; 16]);

/// Record words in a line, after the header.
const ROOM: usize = 14;
/// The header of a line without votes: every bucket starts (and ends) at the end.
const EMPTY: [u32; 2] = [0xeeee_eeee, 0xeeee_eeee];
/// The first start of a spilled line (starts are at most `ROOM`).
const SPILLED: u64 = 0xf;
/// Marks a pointer to votes in `long` (no class number is this large).
const LONG: u32 = 0xffff << 16;
/// Marks a pointer to a dense row.
const DENSE: u32 = LONG | 0xffff;

/// Dense rows noted before they are added.
const ROWS: usize = 64;

/// Features scored in one batch: their lines are read together so that the reads of
/// memory overlap instead of waiting for each other.
const BATCH: usize = 32;

const MAGIC: &[u8; 4] = b"NLSW";
const VERSION: u8 = 1;

impl Weights {
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Adds the votes of `features` to `scores` (length `classes`).
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [i32]) {
        let mut sums: Sums = [0; 256];
        self.add_votes(features, &mut sums);
        for (s, &v) in scores.iter_mut().zip(&sums[..]) {
            *s += v;
        }
    }

    /// Zeroes the sums that [`Weights::add_votes`] adds to (the others it leaves as they
    /// are).
    #[inline]
    pub fn clear(&self, sums: &mut Sums) {
        sums[..self.stride].fill(0);
    }

    /// Adds the votes of `features` to `sums`, one per class number (those from
    /// `classes` on stay as they are): [`Weights::score`] without a buffer to clear and
    /// copy, for a caller that keeps its sums in this form.
    ///
    /// Each batch first reads the header of every feature's line (independent reads the
    /// processor keeps in flight together), then adds the votes from the lines, which are
    /// in the cache by then. Dense rows are only noted on the way and added at the end,
    /// all of them one block of classes at a time (see [`add_rows`]).
    #[inline]
    pub fn add_votes(&self, features: &[u64], sums: &mut Sums) {
        let mut heads = [0u64; BATCH];
        let mut rows = [0u32; ROWS];
        let mut found = 0;
        // A power of two lines (`bits` is at least 8): a line number masked with `last`
        // (which changes none, they are below the count) needs no bound check.
        let lines = &self.lines[..];
        let Some(last) = lines.len().checked_sub(1) else {
            return;
        };
        for chunk in features.chunks(BATCH) {
            let heads = &mut heads[..chunk.len()];
            for (h, &f) in heads.iter_mut().zip(chunk) {
                let b = (f >> (64 - self.bits)) as usize;
                let w = &lines[(b >> 4) & last].0;
                *h = u64::from(w[0]) | u64::from(w[1]) << 32;
            }
            for (&head, &f) in heads.iter().zip(chunk) {
                let b = (f >> (64 - self.bits)) as usize;
                let i = 4 * (b & 15);
                let line = &lines[(b >> 4) & last].0;
                let (e0, e1) = if head & 0xf == SPILLED {
                    let [e0, e1] = self.spill[line[2] as usize + (b & 15)];
                    if e0 & LONG != LONG {
                        add(sums, e0);
                        add(sums, e1);
                        continue;
                    }
                    (e0, e1)
                } else {
                    let from = 2 + (head >> i & 0xf) as usize;
                    let to = 2 + ((head >> 4 | (ROOM as u64) << 60) >> i & 0xf) as usize;
                    match line[from..to] {
                        [e0, e1] if e0 & LONG == LONG => (e0, e1),
                        ref votes => {
                            for &e in votes {
                                add(sums, e);
                            }
                            continue;
                        }
                    }
                };
                if e0 == DENSE {
                    if found == ROWS {
                        self.add_rows(&rows, sums);
                        found = 0;
                    }
                    rows[found] = e1;
                    found += 1;
                } else {
                    let at = e1 as usize;
                    for &e in &self.long[at..at + (e0 & 0xffff) as usize] {
                        add(sums, e);
                    }
                }
            }
        }
        self.add_rows(&rows[..found], sums);
    }

    /// Adds the dense rows `rows` to `sums`, with a block width that fits the row stride.
    fn add_rows(&self, rows: &[u32], sums: &mut Sums) {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: `avx2` is set only where the processor was seen to have AVX2.
            unsafe { add_rows_avx2(&self.dense, self.stride, rows, sums) };
            return;
        }
        add_rows_any(&self.dense, self.stride, rows, sums);
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Weights, String> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != MAGIC {
            return Err("not a newslens weights file".into());
        }
        let version = r.u8()?;
        if version != VERSION {
            return Err(format!(
                "weights format version {version}, expected {VERSION}"
            ));
        }
        let bits = u32::from(r.u8()?);
        if !(8..=26).contains(&bits) {
            return Err(format!("bad bucket width {bits}"));
        }
        let classes = usize::from(r.u8()?);
        let _scale = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| "short file")?);
        let used = u32::from_le_bytes(r.take(4)?.try_into().map_err(|_| "short file")?) as usize;
        let n = 1usize << bits;
        // Rows in blocks of 40 classes (10 SSE2 registers of sums; AVX2 adds a row of 120,
        // the parser's 113 classes, as one block of 15 registers) or of 32, or one block
        // of a multiple of 8 for a model of few classes.
        let stride = if classes <= 32 {
            classes.div_ceil(8) * 8
        } else if classes <= 120 {
            classes.div_ceil(40) * 40
        } else {
            classes.div_ceil(32) * 32
        };
        let mut table = Builder {
            lines: vec![
                Line([EMPTY[0], EMPTY[1], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
                n / 16
            ],
            spill: Vec::new(),
            long: Vec::new(),
            dense: Vec::new(),
            stride,
            // Most votes come from a few frequent features whose buckets vote for many
            // classes: such a bucket is cheaper added as a dense row (a few vector adds
            // per block of classes), a sparser one vote by vote. Measured in instructions:
            // 16 votes for the parser's 113 classes (12 and 24 cost more), 9 for the
            // tagger's 17 (fewer saves under 0.2% for twice the rows).
            dense_from: if classes > 32 {
                16
            } else {
                (classes / 3 + 4).min(classes * 3 / 4).max(3)
            },
            line: usize::MAX,
            buckets: Vec::with_capacity(16),
            free: Vec::new(),
        };
        let mut bucket = 0usize;
        for k in 0..used {
            let gap = r.leb128()? as usize;
            bucket = if k == 0 {
                gap
            } else if gap == 0 {
                return Err("buckets out of order".into());
            } else {
                bucket.saturating_add(gap)
            };
            if bucket >= n {
                return Err("bucket out of range".into());
            }
            let count = usize::from(r.u8()?);
            let mut votes = table.free.pop().unwrap_or_default();
            votes.clear();
            // A bucket's votes are read as one slice: bounds are checked once per bucket
            // (the embedded parser holds over a million votes, decoded at every start).
            for vote in r.take(3 * count)?.chunks_exact(3) {
                let c = vote[0];
                if usize::from(c) >= classes {
                    return Err("class out of range".into());
                }
                let w = u16::from_le_bytes([vote[1], vote[2]]);
                votes.push(u32::from(c) << 16 | u32::from(w));
            }
            table.push(bucket, votes)?;
        }
        if r.at != bytes.len() {
            return Err("trailing bytes".into());
        }
        table.flush()?;
        Ok(Weights {
            bits,
            classes,
            lines: table.lines,
            spill: table.spill,
            long: table.long,
            dense: table.dense,
            stride,
            #[cfg(target_arch = "x86_64")]
            avx2: std::is_x86_feature_detected!("avx2"),
            #[cfg(not(target_arch = "x86_64"))]
            avx2: false,
        })
    }
}

/// [`add_rows`] with a block width that fits the row stride.
#[inline(always)]
fn add_rows_any(dense: &[i32], stride: usize, rows: &[u32], sums: &mut Sums) {
    match stride {
        8 => add_rows::<8>(dense, 8, rows, sums),
        16 => add_rows::<16>(dense, 16, rows, sums),
        24 => add_rows::<24>(dense, 24, rows, sums),
        40 | 80 | 120 => add_rows::<40>(dense, stride, rows, sums),
        stride => add_rows::<32>(dense, stride, rows, sums),
    }
}

/// The same adds compiled for AVX2: eight sums a vector instead of SSE2's four, which
/// halves the instructions of the parser's rows (113 classes). The portable build keeps
/// SSE2 only, so the processor is asked once, when the weights are loaded. A row of 120
/// is one block: its 15 vectors of sums stay in registers over all the rows, so a row
/// costs 15 adds and one bound check (three blocks of 40 cost twice the instructions).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn add_rows_avx2(dense: &[i32], stride: usize, rows: &[u32], sums: &mut Sums) {
    match stride {
        120 => add_rows::<120>(dense, 120, rows, sums),
        stride => add_rows_any(dense, stride, rows, sums),
    }
}

/// Adds dense rows (of `stride` weights, a multiple of `W`) to `sums`, `W` classes at a
/// time: the block's `W` sums stay in registers while every row adds to them, instead of
/// each row reading and writing all the sums again.
#[inline(always)]
fn add_rows<const W: usize>(dense: &[i32], stride: usize, rows: &[u32], sums: &mut Sums) {
    if stride == W {
        // One block (the parser's rows with AVX2, the tagger's): the table as rows of
        // `W`, one bound check a row.
        let (table, _) = dense.as_chunks::<W>();
        let mut acc = [0i32; W];
        for &r in rows {
            if let Some(row) = table.get(r as usize) {
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += w;
                }
            }
        }
        for (s, a) in sums.iter_mut().zip(acc) {
            *s += a;
        }
        return;
    }
    for (block, out) in (0..stride).step_by(W).zip(sums.chunks_exact_mut(W)) {
        let mut acc = [0i32; W];
        for &r in rows {
            if let Some(row) = dense[r as usize * stride + block..].first_chunk::<W>() {
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += w;
                }
            }
        }
        for (s, a) in out.iter_mut().zip(acc) {
            *s += a;
        }
    }
}

#[inline]
fn add(sums: &mut Sums, e: u32) {
    sums[usize::from((e >> 16) as u8)] += i32::from(e as u16 as i16);
}

/// Lays out the buckets read from a file, one line at a time.
struct Builder {
    lines: Vec<Line>,
    spill: Vec<[u32; 2]>,
    long: Vec<u32>,
    dense: Vec<i32>,
    stride: usize,
    dense_from: usize,
    /// The line being filled, and its used buckets (position in the line, votes).
    line: usize,
    buckets: Vec<(usize, Vec<u32>)>,
    /// Vote buffers to reuse: decoding allocates nothing per bucket.
    free: Vec<Vec<u32>>,
}

impl Builder {
    /// Adds bucket `b` (above every bucket added so far) with its votes.
    fn push(&mut self, b: usize, votes: Vec<u32>) -> Result<(), String> {
        if b / 16 != self.line {
            self.flush()?;
            self.line = b / 16;
        }
        self.buckets.push((b % 16, votes));
        Ok(())
    }

    /// Where a bucket's votes go when they are not in its line: a pointer.
    fn pointer(&mut self, votes: &[u32]) -> Result<[u32; 2], String> {
        if votes.len() < self.dense_from {
            let at = self.long.len() as u32;
            self.long.extend_from_slice(votes);
            return Ok([LONG | votes.len() as u32, at]);
        }
        let row = self.dense.len() / self.stride;
        self.dense.resize(self.dense.len() + self.stride, 0);
        for &e in votes {
            let w = &mut self.dense[row * self.stride + (e >> 16) as usize];
            if *w != 0 {
                return Err("a class twice in one bucket".into());
            }
            *w = i32::from(e as u16 as i16);
        }
        Ok([DENSE, row as u32])
    }

    /// Writes the line being filled.
    fn flush(&mut self) -> Result<(), String> {
        let mut buckets = std::mem::take(&mut self.buckets);
        if buckets.is_empty() {
            return Ok(());
        }
        self.lay_out(&buckets)?;
        self.free.extend(buckets.drain(..).map(|(_, v)| v));
        self.buckets = buckets;
        Ok(())
    }

    /// Writes the line being filled from its used buckets.
    fn lay_out(&mut self, buckets: &[(usize, Vec<u32>)]) -> Result<(), String> {
        // Votes in the line where they fit; the largest buckets, and those with a dense
        // row, go behind a pointer (two words) until the rest fits.
        let mut inline = [false; 16];
        for (i, (_, v)) in inline.iter_mut().zip(buckets) {
            *i = v.len() < self.dense_from;
        }
        let words = |inline: &[bool]| -> usize {
            buckets
                .iter()
                .zip(inline)
                .map(|((_, v), &i)| if i { v.len() } else { 2 })
                .sum()
        };
        while words(&inline) > ROOM {
            let Some(k) = (0..buckets.len())
                .filter(|&k| inline[k] && buckets[k].1.len() > 2)
                .max_by_key(|&k| (buckets[k].1.len(), usize::MAX - k))
            else {
                break;
            };
            inline[k] = false;
        }
        let mut line = [0u32; 16];
        let total = words(&inline);
        if total > ROOM {
            line[..2].copy_from_slice(&EMPTY);
            line[0] |= SPILLED as u32;
            line[2] = self.spill.len() as u32;
            let first = self.spill.len();
            self.spill.resize(first + 16, [0, 0]);
            for (i, votes) in buckets {
                self.spill[first + i] = match votes.as_slice() {
                    [] => [0, 0],
                    &[a] => [a, 0],
                    &[a, b] => [a, b],
                    more => self.pointer(more)?,
                };
            }
        } else {
            // Records fill the end of the line, so the last bucket ends where it does.
            let mut starts = [ROOM; 16];
            let mut at = 2 + ROOM - total;
            let mut next = 0;
            for ((i, votes), &inline) in buckets.iter().zip(&inline) {
                for s in &mut starts[next..=*i] {
                    *s = at - 2;
                }
                next = i + 1;
                if inline {
                    line[at..at + votes.len()].copy_from_slice(votes);
                    at += votes.len();
                } else {
                    let p = self.pointer(votes)?;
                    line[at..at + 2].copy_from_slice(&p);
                    at += 2;
                }
            }
            for s in &mut starts[next..] {
                *s = at - 2;
            }
            let head = starts
                .iter()
                .enumerate()
                .fold(0u64, |h, (i, &s)| h | (s as u64) << (4 * i));
            line[0] = head as u32;
            line[1] = (head >> 32) as u32;
        }
        self.lines[self.line] = Line(line);
        Ok(())
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let s = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or_else(|| "the file is truncated".to_string())?;
        self.at += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn leb128(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("bad varint".into())
    }
}

#[derive(Clone, Copy)]
struct Entry {
    class: u8,
    w: f32,
    /// Sum of `w` over the instances seen so far (up to `stamp`).
    total: f64,
    stamp: u64,
}

/// An averaged perceptron being trained.
pub struct TrainWeights {
    bits: u32,
    classes: usize,
    rows: Vec<Vec<Entry>>,
    /// Instances seen.
    time: u64,
}

impl TrainWeights {
    pub fn new(bits: u32, classes: usize) -> TrainWeights {
        assert!(classes <= 255, "at most 255 classes");
        TrainWeights {
            bits,
            classes,
            rows: vec![Vec::new(); 1 << bits],
            time: 0,
        }
    }

    #[inline]
    fn bucket(&self, feature: u64) -> usize {
        (feature >> (64 - self.bits)) as usize
    }

    /// Current (not averaged) scores.
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        for &f in features {
            for e in &self.rows[self.bucket(f)] {
                scores[e.class as usize] += e.w;
            }
        }
    }

    /// One training instance has been seen (whether or not it led to an update).
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Moves weight from `guess` to `truth` on every feature.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        let now = self.time;
        for &f in features {
            let b = self.bucket(f);
            let row = &mut self.rows[b];
            nudge(row, truth, 1.0, now);
            nudge(row, guess, -1.0, now);
        }
    }

    /// Adds `delta` to the weight of `class` on every feature (the structured updates
    /// of beam training, which move the features of two different states).
    pub fn add(&mut self, features: &[u64], class: usize, delta: f32) {
        let now = self.time;
        for &f in features {
            let b = self.bucket(f);
            nudge(&mut self.rows[b], class, delta, now);
        }
    }

    /// The averaged weights, quantised to i16 with weights below `prune` (relative to the
    /// largest) dropped, as the bytes of a weights file.
    pub fn to_bytes(&self, prune: f64) -> Vec<u8> {
        let now = self.time.max(1);
        let avg = |e: &Entry| (e.total + (now - e.stamp) as f64 * f64::from(e.w)) / now as f64;
        let mut magnitudes: Vec<f64> = self
            .rows
            .iter()
            .flatten()
            .map(|e| avg(e).abs())
            .filter(|m| *m > 0.0)
            .collect();
        magnitudes.sort_by(f64::total_cmp);
        // Scale on a high percentile so that one outlier does not flatten the rest; the
        // few larger weights saturate.
        let top = magnitudes
            .get(
                magnitudes
                    .len()
                    .saturating_sub(1 + magnitudes.len() / 10_000),
            )
            .copied()
            .unwrap_or(1.0)
            .max(1e-9);
        let scale = 32_000.0 / top;
        let min_q = prune * 32_000.0;
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.push(self.bits as u8);
        out.push(self.classes as u8);
        out.extend_from_slice(&(scale as f32).to_le_bytes());
        let count_at = out.len();
        out.extend_from_slice(&0u32.to_le_bytes());
        let mut used = 0u32;
        let mut last = 0usize;
        let mut entries: Vec<(u8, i16)> = Vec::new();
        for (b, row) in self.rows.iter().enumerate() {
            entries.clear();
            for e in row {
                let q = (avg(e) * scale).round().clamp(-32_767.0, 32_767.0);
                if q.abs() >= min_q.max(1.0) {
                    entries.push((e.class, q as i16));
                }
            }
            if entries.is_empty() {
                continue;
            }
            entries.sort_unstable();
            let gap = if used == 0 { b } else { b - last };
            write_leb128(&mut out, gap as u64);
            out.push(entries.len() as u8);
            for &(c, w) in &entries {
                out.push(c);
                out.extend_from_slice(&w.to_le_bytes());
            }
            used += 1;
            last = b;
        }
        out[count_at..count_at + 4].copy_from_slice(&used.to_le_bytes());
        out
    }
}

fn write_leb128(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Adds `delta` to the weight of `class` in a bucket's row at step `now`, first adding the
/// weight's value since its last change to its running total (the lazy averaging of an
/// averaged perceptron).
fn nudge(row: &mut Vec<Entry>, class: usize, delta: f32, now: u64) {
    match row.iter_mut().find(|e| usize::from(e.class) == class) {
        Some(e) => {
            e.total += (now - e.stamp) as f64 * f64::from(e.w);
            e.stamp = now;
            e.w += delta;
        }
        None => row.push(Entry {
            class: class as u8,
            w: delta,
            total: 0.0,
            stamp: now,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trained_weights_round_trip_and_vote_the_same_way() {
        let mut t = TrainWeights::new(10, 3);
        let a = [1u64 << 60, 7u64 << 55];
        let b = [3u64 << 61];
        for _ in 0..5 {
            t.tick();
            t.update(&a, 2, 0);
            t.tick();
            t.update(&b, 1, 2);
        }
        let w = Weights::from_bytes(&t.to_bytes(0.0)).expect("round trip");
        let mut s = vec![0i32; 3];
        w.score(&a, &mut s);
        assert!(s[2] > s[0] && s[2] > s[1], "{s:?}");
        let mut s = vec![0i32; 3];
        w.score(&b, &mut s);
        assert!(s[1] > s[2], "{s:?}");
        assert!(Weights::from_bytes(b"junk").is_err());
    }

    /// Dense rows, inline and long buckets, empty buckets and batches must add up to the
    /// plain sum of the votes the file holds, in a full table and in a sparse one.
    #[test]
    fn scores_equal_the_sum_of_the_stored_votes() {
        let (mut inline, mut pointing, mut spilled, mut long, mut dense) = (0, 0, 0, 0, 0);
        // 9 classes: rows of one block of 16; 40: one block of 40; 113: one block of 120
        // with AVX2, three of 40 without.
        for (bits, classes) in [(8u32, 9), (14, 9), (14, 40), (14, 113)] {
            let w = sums_match_the_file(bits, classes);
            for Line(line) in &w.lines {
                if u64::from(line[0]) & 0xf == SPILLED {
                    spilled += 1;
                } else if line[..2] != EMPTY {
                    inline += 1;
                    pointing += usize::from(line[2..].iter().any(|&e| e & LONG == LONG));
                }
            }
            long += w.long.len();
            dense += w.dense.len();
        }
        // Every layout was tried.
        assert!(
            inline > 0 && pointing > 0 && spilled > 0 && long > 0 && dense > 0,
            "{inline} {pointing} {spilled} {long} {dense}"
        );
    }

    /// Weights trained on random features in a table of `bits`, checked against the file.
    fn sums_match_the_file(bits: u32, classes: usize) -> Weights {
        let mut t = TrainWeights::new(bits, classes);
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        // Feature 0 fires always: its bucket votes for every class (a dense row).
        let features: Vec<Vec<u64>> = (0..300)
            .map(|_| {
                let mut f = vec![0u64];
                f.extend((0..40).map(|_| next()));
                f
            })
            .collect();
        for (i, f) in features.iter().enumerate() {
            t.tick();
            t.update(f, i % classes, (i * 7 + 3) % classes);
        }
        let bytes = t.to_bytes(0.0);
        let mut w = Weights::from_bytes(&bytes).expect("weights");
        // The reference: votes read straight from the file, bucket by bucket.
        let mut votes = vec![Vec::new(); 1 << bits];
        let mut at = 15;
        let mut bucket = 0usize;
        let used = u32::from_le_bytes(bytes[11..15].try_into().unwrap());
        for k in 0..used {
            let (mut gap, mut shift) = (0usize, 0);
            loop {
                let b = bytes[at];
                at += 1;
                gap |= usize::from(b & 0x7f) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            bucket = if k == 0 { gap } else { bucket + gap };
            let count = usize::from(bytes[at]);
            at += 1;
            for _ in 0..count {
                let c = usize::from(bytes[at]);
                let v = i16::from_le_bytes([bytes[at + 1], bytes[at + 2]]);
                votes[bucket].push((c, i32::from(v)));
                at += 3;
            }
        }
        let empty = votes.iter().filter(|v| v.is_empty()).count();
        assert!(
            bits == 8 || empty > 1 << (bits - 3),
            "too few empty buckets: {empty}"
        );
        // Trained features (used buckets) and fresh ones (unused buckets too).
        let fresh: Vec<Vec<u64>> = (0..50).map(|_| (0..40).map(|_| next()).collect()).collect();
        // More dense rows than are noted before they are added.
        let many = vec![vec![0u64; ROWS * 2 + 3]];
        // The portable adds, then the processor's own (AVX2 where it has it).
        let native = w.avx2;
        for avx2 in [false, native] {
            w.avx2 = avx2;
            for f in features.iter().take(50).chain(&fresh).chain(&many) {
                let mut got = vec![0i32; classes];
                w.score(f, &mut got);
                let mut want = vec![0i32; classes];
                for &feature in f {
                    for &(c, v) in &votes[(feature >> (64 - bits)) as usize] {
                        want[c] += v;
                    }
                }
                assert_eq!(got, want, "avx2: {avx2}");
            }
        }
        w
    }
}
