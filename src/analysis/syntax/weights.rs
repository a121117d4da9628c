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

/// Quantised weights for scoring.
pub struct Weights {
    bits: u32,
    classes: usize,
    /// `offsets[b]..offsets[b + 1]` are bucket `b`'s entries.
    offsets: Vec<u32>,
    /// Each entry is one (class, weight) pair packed as `class << 16 | weight as u16`: one
    /// array, so one cache line brings both halves of a pair. A bucket that votes for many
    /// classes holds instead two entries, [`DENSE`] and the index of its row in `dense`.
    entries: Vec<u32>,
    /// Rows of `classes` weights, for the buckets that vote for many classes: a row is
    /// added to the scores in one vectorised pass instead of one class at a time.
    dense: Vec<i16>,
}

/// Marks a bucket whose weights are a dense row (no class number is this large).
const DENSE: u32 = 0xffff << 16;

/// Features scored in one batch: their buckets are looked up together so that the
/// memory reads overlap instead of waiting for each other.
const BATCH: usize = 32;

const MAGIC: &[u8; 4] = b"NLSW";
const VERSION: u8 = 1;

impl Weights {
    pub fn classes(&self) -> usize {
        self.classes
    }

    #[inline]
    fn bucket(&self, feature: u64) -> usize {
        (feature >> (64 - self.bits)) as usize
    }

    /// Adds the votes of `features` to `scores` (length `classes`).
    ///
    /// The tables are far larger than the cache, so the time goes in waiting for memory.
    /// Looking up a batch of bucket ranges first (independent reads the processor keeps in
    /// flight together) and adding their entries after is about twice as fast as one
    /// feature at a time.
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [i32]) {
        let mut ranges = [(0u32, 0u32); BATCH];
        let mut first = [0u32; BATCH];
        let add = |scores: &mut [i32], e: u32| {
            scores[(e >> 16) as usize] += i32::from(e as u16 as i16);
        };
        for chunk in features.chunks(BATCH) {
            let ranges = &mut ranges[..chunk.len()];
            for (r, &f) in ranges.iter_mut().zip(chunk) {
                let b = self.bucket(f);
                *r = (self.offsets[b], self.offsets[b + 1]);
            }
            // Each bucket's first entry, read for all at once: the cache misses overlap.
            for (e, &(lo, hi)) in first.iter_mut().zip(ranges.iter()) {
                *e = if lo < hi {
                    self.entries[lo as usize]
                } else {
                    0
                };
            }
            for (&e, &(lo, hi)) in first.iter().zip(ranges.iter()) {
                if lo >= hi {
                    continue;
                }
                if e == DENSE {
                    let at = self.entries[lo as usize + 1] as usize * self.classes;
                    let row = &self.dense[at..at + self.classes];
                    for (s, &w) in scores.iter_mut().zip(row) {
                        *s += i32::from(w);
                    }
                    continue;
                }
                add(scores, e);
                for &e in &self.entries[lo as usize + 1..hi as usize] {
                    add(scores, e);
                }
            }
        }
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
        let mut counts = vec![0u32; n + 1];
        let mut entries = Vec::with_capacity(bytes.len() / 3);
        let mut dense = Vec::new();
        // A bucket that votes for most classes (the tag-only templates of the parser) is
        // faster as a dense row; a sparser one is faster entry by entry (measured).
        let dense_from = (classes * 3 / 4).max(2);
        let mut bucket = 0usize;
        for k in 0..used {
            let gap = r.leb128()? as usize;
            bucket = if k == 0 { gap } else { bucket + gap };
            if bucket >= n {
                return Err("bucket out of range".into());
            }
            let count = usize::from(r.u8()?);
            let mut row = vec![0i16; if count >= dense_from { classes } else { 0 }];
            for _ in 0..count {
                let c = r.u8()?;
                if usize::from(c) >= classes {
                    return Err("class out of range".into());
                }
                let w = i16::from_le_bytes(r.take(2)?.try_into().map_err(|_| "short file")?);
                if row.is_empty() {
                    entries.push(u32::from(c) << 16 | u32::from(w as u16));
                } else {
                    row[usize::from(c)] = w;
                }
            }
            if row.is_empty() {
                counts[bucket] = count as u32;
            } else {
                entries.push(DENSE);
                entries.push((dense.len() / classes) as u32);
                dense.extend_from_slice(&row);
                counts[bucket] = 2;
            }
        }
        if r.at != bytes.len() {
            return Err("trailing bytes".into());
        }
        // Counts to offsets (exclusive prefix sums).
        let mut offsets = counts;
        let mut sum = 0u32;
        for o in offsets.iter_mut() {
            let c = *o;
            *o = sum;
            sum += c;
        }
        Ok(Weights {
            bits,
            classes,
            offsets,
            entries,
            dense,
        })
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
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
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

    /// Dense rows, sparse entries and batches must add up to the plain sum of the votes
    /// the file holds.
    #[test]
    fn scores_equal_the_sum_of_the_stored_votes() {
        let classes = 9;
        let mut t = TrainWeights::new(8, classes);
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
        let w = Weights::from_bytes(&bytes).expect("weights");
        assert!(!w.dense.is_empty(), "no bucket became a dense row");
        assert!(
            w.entries
                .iter()
                .any(|&e| e != DENSE && e >> 16 < classes as u32),
            "no sparse entry left"
        );
        // The reference: votes read straight from the file, bucket by bucket.
        let mut votes = vec![Vec::new(); 1 << 8];
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
        for f in features.iter().take(50) {
            let mut got = vec![0i32; classes];
            w.score(f, &mut got);
            let mut want = vec![0i32; classes];
            for &feature in f {
                for &(c, v) in &votes[(feature >> 56) as usize] {
                    want[c] += v;
                }
            }
            assert_eq!(got, want);
        }
    }
}
