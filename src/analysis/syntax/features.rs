//! Lexical features of a token, hashed once per token and shared by the tagger and the
//! parser: normalised form, affixes and shape, each as a 64-bit hash. Nothing allocates.

/// Hashes of one token's lexical properties.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lex {
    /// Lower-case form, digits as `0`, typographic quotes made plain.
    pub word: u64,
    pub prefix1: u64,
    pub prefix3: u64,
    pub suffix2: u64,
    pub suffix3: u64,
    pub suffix4: u64,
    /// Classes of characters with runs collapsed: `Xx`, `0.0`, `X.X.`.
    pub shape: u64,
    /// 1 upper-case first letter, 2 all upper-case, 0 otherwise; +4 contains a digit,
    /// +8 contains a hyphen.
    pub flags: u64,
}

pub const NONE: u64 = 0x9e37_79b9_7f4a_7c15;

#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    // A 64-bit finaliser (splitmix64) over the combination: cheap and well spread.
    let mut z = a.rotate_left(5) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Feature hash of template `t` with values `a`, `b`, `c`.
#[inline]
pub fn feat(t: u64, a: u64) -> u64 {
    mix(mix(t, a), t)
}
#[inline]
pub fn feat2(t: u64, a: u64, b: u64) -> u64 {
    mix(mix(mix(t, a), b), t)
}
#[inline]
pub fn feat3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(mix(t, a), b), c), t)
}

const FNV: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

#[inline]
fn fnv(h: u64, c: u32) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(FNV_PRIME)
}

fn normal(c: char) -> char {
    match c {
        '’' | '‘' | '`' | '´' => '\'',
        '“' | '”' | '„' => '"',
        '–' | '—' => '-',
        c if c.is_ascii_digit() => '0',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_alphabetic() {
        'x'
    } else if c.is_numeric() {
        '0'
    } else {
        normal(c)
    }
}

/// Lexical hashes of `form` (non-empty).
pub fn lex(form: &str) -> Lex {
    let mut word = FNV;
    let mut shape = FNV;
    let mut last_shape = '\0';
    let mut shape_len = 0;
    let (mut upper, mut lower, mut digit, mut hyphen) = (0, 0, false, false);
    let mut first_upper = false;
    // Last four normalised characters, for suffixes; first three for prefixes.
    let mut tail = ['\0'; 4];
    let mut head = ['\0'; 3];
    let mut n = 0usize;
    for c in form.chars() {
        // ASCII (most characters of news) without the Unicode tables: the same classes
        // as `normal`, `shape_class` and the case and digit tests below.
        let (m, s, is_upper, is_lower, is_digit) = if c.is_ascii() {
            match c {
                'A'..='Z' => (c.to_ascii_lowercase(), 'X', true, false, false),
                'a'..='z' => (c, 'x', false, true, false),
                '0'..='9' => ('0', '0', false, false, true),
                '`' => ('\'', '\'', false, false, false),
                _ => (c, c, false, false, false),
            }
        } else {
            (
                normal(c),
                shape_class(c),
                c.is_uppercase(),
                c.is_lowercase(),
                c.is_numeric(),
            )
        };
        word = fnv(word, m as u32);
        if n < 3 {
            head[n] = m;
        }
        tail = [tail[1], tail[2], tail[3], m];
        n += 1;
        if s != last_shape || shape_len < 2 {
            if s == last_shape {
                shape_len += 1;
            } else {
                shape_len = 1;
            }
            shape = fnv(shape, s as u32);
            last_shape = s;
        }
        if is_upper {
            upper += 1;
            if n == 1 {
                first_upper = true;
            }
        } else if is_lower {
            lower += 1;
        }
        digit |= is_digit;
        hyphen |= c == '-';
    }
    let affix = |tag: u64, cs: &[char]| {
        let mut h = FNV ^ tag;
        for &c in cs {
            h = fnv(h, c as u32);
        }
        h
    };
    let k = n.min(4);
    let suffix = |len: usize| {
        if n >= len {
            affix(len as u64, &tail[4 - len..])
        } else {
            affix(len as u64 + 16, &tail[4 - k..])
        }
    };
    let flags = (if upper > 0 && lower == 0 {
        2
    } else if first_upper {
        1
    } else {
        0
    }) + if digit { 4 } else { 0 }
        + if hyphen { 8 } else { 0 };
    Lex {
        word,
        prefix1: affix(101, &head[..n.min(1)]),
        prefix3: affix(103, &head[..n.min(3)]),
        suffix2: suffix(2),
        suffix3: suffix(3),
        suffix4: suffix(4),
        shape,
        flags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_path_hashes_as_the_unicode_one() {
        let mut forms: Vec<String> = [
            "Paris",
            "N’T",
            "n't",
            "``",
            "`",
            "e-mail",
            "U.S.",
            "1,999.50",
            "CO2",
            "x",
            "A",
            "--",
            "“Hi”",
            "Ünïcödé",
            "ΣΊΣΥΦΟΣ",
            "straße",
            "İstanbul",
            "٣٤",
            "Ⅻ",
            "a\u{301}",
            "(",
            "@user",
            "#tag",
            "~",
            "\u{7f}",
            "\t",
            "McDONALD'S",
            "9/11",
            "½",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every printable ASCII character alone, after a letter and before a digit.
        for b in 0x20u8..0x7f {
            let c = char::from(b);
            forms.push(c.to_string());
            forms.push(format!("a{c}"));
            forms.push(format!("{c}9X"));
        }
        for f in &forms {
            let (a, b) = (lex(f), reference_lex(f));
            let key = |l: &Lex| {
                [
                    l.word, l.prefix1, l.prefix3, l.suffix2, l.suffix3, l.suffix4, l.shape, l.flags,
                ]
            };
            assert_eq!(key(&a), key(&b), "{f:?}");
        }
    }

    /// `lex` as it was before its ASCII path.
    fn reference_lex(form: &str) -> Lex {
        let mut word = FNV;
        let mut shape = FNV;
        let mut last_shape = '\0';
        let mut shape_len = 0;
        let (mut upper, mut lower, mut digit, mut hyphen) = (0, 0, false, false);
        let mut first_upper = false;
        // Last four normalised characters, for suffixes; first three for prefixes.
        let mut tail = ['\0'; 4];
        let mut head = ['\0'; 3];
        let mut n = 0usize;
        for c in form.chars() {
            let m = normal(c);
            word = fnv(word, m as u32);
            if n < 3 {
                head[n] = m;
            }
            tail = [tail[1], tail[2], tail[3], m];
            n += 1;
            let s = shape_class(c);
            if s != last_shape || shape_len < 2 {
                if s == last_shape {
                    shape_len += 1;
                } else {
                    shape_len = 1;
                }
                shape = fnv(shape, s as u32);
                last_shape = s;
            }
            if c.is_uppercase() {
                upper += 1;
                if n == 1 {
                    first_upper = true;
                }
            } else if c.is_lowercase() {
                lower += 1;
            }
            digit |= c.is_numeric();
            hyphen |= c == '-';
        }
        let affix = |tag: u64, cs: &[char]| {
            let mut h = FNV ^ tag;
            for &c in cs {
                h = fnv(h, c as u32);
            }
            h
        };
        let k = n.min(4);
        let suffix = |len: usize| {
            if n >= len {
                affix(len as u64, &tail[4 - len..])
            } else {
                affix(len as u64 + 16, &tail[4 - k..])
            }
        };
        let flags = (if upper > 0 && lower == 0 {
            2
        } else if first_upper {
            1
        } else {
            0
        }) + if digit { 4 } else { 0 }
            + if hyphen { 8 } else { 0 };
        Lex {
            word,
            prefix1: affix(101, &head[..n.min(1)]),
            prefix3: affix(103, &head[..n.min(3)]),
            suffix2: suffix(2),
            suffix3: suffix(3),
            suffix4: suffix(4),
            shape,
            flags,
        }
    }

    #[test]
    fn typographic_and_case_variants_share_a_word_hash() {
        assert_eq!(lex("N’T").word, lex("n't").word);
        assert_eq!(lex("1999").word, lex("2024").word);
        assert_ne!(lex("Paris").word, lex("paris").shape);
        assert_eq!(lex("Paris").suffix3, lex("iris").suffix3);
        assert_ne!(lex("Paris").flags, lex("paris").flags);
    }
}
