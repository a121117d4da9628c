//! Tokens the way UD English EWT cuts them, as byte spans into the body.
//!
//! EWT conventions followed (checked against `en_ewt-ud-train.conllu`): clitics are tokens
//! of their own (`do` `n't`, `ca` `n't`, `I` `'m`, `they` `'re`, `Bush` `'s`, `states` `'`),
//! as are `can` `not`, `gon` `na`, `wan` `na`, `got` `ta` and the apostrophe-less `do` `nt`;
//! hyphenated words are split (`long` `-` `term`, `al` `-` `Qaeda`) except after prefixes
//! such as `e-`, `non-`, `pre-`, `co-`, `anti-` and between digits (`713-853-3989`);
//! punctuation is one token per mark, except runs such as `...`, `--`, `!!`; abbreviations
//! and initials keep their period (`Mr.`, `U.S.`, `etc.`); numbers keep their inner `.`,
//! `,` and `:` (`1,000`, `3.5`, `10:30`); URLs and e-mail addresses stay whole.

use crate::analysis::text::is_title_abbreviation;
use crate::corpus::Span;

use super::Token;

/// Tokens of `body[within]` (which must lie on character boundaries), in order.
pub fn tokenize(body: &str, within: Span) -> Vec<Token> {
    let mut out = Vec::with_capacity(within.len() / 5 + 1);
    tokenize_into(body, within, &mut out);
    out
}

/// As [`tokenize`], appending to `out` (so a caller can reuse one buffer).
pub fn tokenize_into(body: &str, within: Span, out: &mut Vec<Token>) {
    let end = within.end.min(body.len());
    let mut i = within.start.min(end);
    while i < end {
        // Skip white space (any Unicode space).
        let n = space_len(body, i, end);
        if n > 0 {
            i += n;
            continue;
        }
        let mut j = i;
        while j < end {
            // An ASCII byte is a whole character: no decoding (nearly all of news text).
            let b = body.as_bytes()[j];
            if b.is_ascii() {
                if is_ascii_space(b) {
                    break;
                }
                j += 1;
                continue;
            }
            let Some(d) = body[j..end].chars().next() else {
                break;
            };
            if d.is_whitespace() {
                break;
            }
            j += d.len_utf8();
        }
        chunk(body, i, j, out);
        i = j;
    }
}

/// `char::is_whitespace` for an ASCII byte.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\x09'..=b'\x0d')
}

/// The length of the white-space character at `body[i..end]` (`i < end`, on a character
/// boundary), or 0 when it is not white space.
fn space_len(body: &str, i: usize, end: usize) -> usize {
    let b = body.as_bytes()[i];
    if b.is_ascii() {
        return usize::from(is_ascii_space(b));
    }
    match body[i..end].chars().next() {
        Some(c) if c.is_whitespace() => c.len_utf8(),
        _ => 0,
    }
}

/// Prefixes that EWT keeps attached before a hyphen (`e-mail`, `non-profit`).
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "non", "pre", "anti", "re", "mid", "post", "co", "over", "pro", "multi", "ex", "sub",
    "semi", "neo", "cross", "un", "socio", "micro", "intra", "inter", "counter", "vice", "psycho",
    "x", "de", "bi", "tri", "mis", "ultra",
];

/// Words EWT splits into two tokens without an apostrophe: `(word, length of first part)`.
const FUSED: &[(&str, usize)] = &[
    ("cannot", 3),
    ("gonna", 3),
    ("wanna", 3),
    ("gotta", 3),
    ("dont", 2),
    ("doesnt", 4),
    ("didnt", 3),
    ("isnt", 2),
    ("arent", 3),
    ("wasnt", 3),
    ("werent", 4),
    ("hasnt", 3),
    ("havent", 4),
    ("hadnt", 3),
    ("couldnt", 5),
    ("wouldnt", 5),
    ("shouldnt", 6),
    ("cant", 2),
    ("wont", 2),
    ("im", 1),
    ("ive", 1),
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// One white-space-free chunk `body[s..e]`.
fn chunk(body: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let text = &body[s..e];
    if is_url_or_email(text) {
        // Trailing sentence punctuation is not part of the address.
        let core_end = s + text
            .trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '"', '\'', '’', '”'])
            .len();
        out.push(Token::new(s, core_end));
        punctuation_run(body, core_end, e, out);
        return;
    }
    let mut i = s;
    while i < e {
        let c = next_char(body, i);
        if is_word_char(c) {
            i = word(body, i, e, out);
        } else {
            i = punctuation(body, i, e, out);
        }
    }
}

fn next_char(body: &str, i: usize) -> char {
    body[i..].chars().next().unwrap_or(' ')
}

fn prev_char(body: &str, i: usize) -> Option<char> {
    body[..i].chars().next_back()
}

fn is_url_or_email(t: &str) -> bool {
    let lower_starts = |p: &str| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    if lower_starts("http://") || lower_starts("https://") || lower_starts("www.") {
        return true;
    }
    // name@host.tld (a byte loop: the chunks are short words, where `find` costs more)
    if let Some(at) = t.bytes().position(|b| b == b'@') {
        let (user, host) = (&t[..at], &t[at + 1..]);
        return !user.is_empty()
            && user
                .chars()
                .all(|c| c.is_alphanumeric() || "._-+".contains(c))
            && host.contains('.')
            && host.chars().next().is_some_and(char::is_alphanumeric);
    }
    false
}

/// A punctuation token starting at `i`; runs of `.`, `-`, `!`, `?`, `*`, `=` are one token.
fn punctuation(body: &str, i: usize, e: usize, out: &mut Vec<Token>) -> usize {
    let c = next_char(body, i);
    let mut j = i + c.len_utf8();
    // A leading apostrophe before a clitic-like word is handled by `word` callers; here an
    // apostrophe is a quote mark.
    if matches!(c, '.' | '-' | '!' | '?' | '*' | '=' | '_' | '~' | '#') {
        while j < e && next_char(body, j) == c {
            j += c.len_utf8();
        }
    }
    // "'s" / "'re" ... left over after a split (e.g. "Bush 's" typed with a space) are
    // clitic tokens, not quote + word.
    if is_apostrophe(c) && j < e {
        let rest = &body[j..e];
        let n = clitic_len(rest);
        if n > 0 && (j + n == e || !is_word_char(next_char(body, j + n))) {
            out.push(Token::new(i, j + n));
            return j + n;
        }
    }
    out.push(Token::new(i, j));
    j
}

/// Length in bytes of a clitic without its apostrophe at the start of `rest` (`s`, `re`,
/// `ll`, `ve`, `m`, `d`), case-insensitively; 0 if none.
fn clitic_len(rest: &str) -> usize {
    let b = rest.as_bytes();
    let low = |k: usize| b.get(k).map(|c| c.to_ascii_lowercase());
    match (low(0), low(1)) {
        (Some(b'r'), Some(b'e')) | (Some(b'l'), Some(b'l')) | (Some(b'v'), Some(b'e')) => 2,
        (Some(b's' | b'm' | b'd'), _) => 1,
        _ => 0,
    }
}

/// Punctuation marks `body[s..e]`, each its own token (runs as in [`punctuation`]).
fn punctuation_run(body: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let mut i = s;
    while i < e {
        i = punctuation(body, i, e, out);
    }
}

/// A word starting at `i` (a letter or digit), with the inner marks EWT keeps, then its
/// clitics. Returns where the next piece starts.
fn word(body: &str, i: usize, e: usize, out: &mut Vec<Token>) -> usize {
    let bytes = body.as_bytes();
    let mut j = i;
    let mut has_alpha = false;
    while j < e {
        // ASCII letters and digits first, without decoding a character.
        let b = bytes[j];
        if b.is_ascii_alphanumeric() {
            has_alpha |= b.is_ascii_alphabetic();
            j += 1;
            continue;
        }
        let c = next_char(body, j);
        let n = c.len_utf8();
        if is_word_char(c) {
            has_alpha |= c.is_alphabetic();
            j += n;
            continue;
        }
        let next = if j + n < e {
            Some(next_char(body, j + n))
        } else {
            None
        };
        let prev = prev_char(body, j);
        let between_digits =
            prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|x| x.is_ascii_digit());
        let next_word = next.is_some_and(is_word_char);
        match c {
            // "3.5", "U.S", "e.g", "file.txt"
            '.' if next_word => j += n,
            ',' | ':' if between_digits => j += n,
            '&' | '_' | '@' if next_word && has_alpha => j += n,
            '-' if next_word && keeps_hyphen(&body[i..j], between_digits) => j += n,
            '/' if between_digits => j += n,
            // Inner apostrophe: "O'Brien", but clitics are split below.
            c if is_apostrophe(c) && next_word => {
                let rest = &body[j + n..e];
                let cl = clitic_len(rest);
                let clitic_ends =
                    cl > 0 && (j + n + cl == e || !is_word_char(next_char(body, j + n + cl)));
                let nt = bytes[j - 1].eq_ignore_ascii_case(&b'n')
                    && !rest.is_empty()
                    && rest.as_bytes()[0].eq_ignore_ascii_case(&b't')
                    && (rest.len() == 1 || !is_word_char(next_char(body, j + n + 1)));
                if clitic_ends || nt {
                    break;
                }
                j += n;
            }
            _ => break,
        }
    }
    // A final period of an abbreviation or initials belongs to the word.
    if j < e && bytes[j] == b'.' && !(j + 1 < e && bytes[j + 1] == b'.') {
        let w = &body[i..j];
        if is_abbreviation(w) {
            j += 1;
        }
    }
    emit_word(body, i, j, e, out)
}

/// EWT keeps a hyphen after a few prefixes and between digits; otherwise it is a token.
fn keeps_hyphen(left: &str, between_digits: bool) -> bool {
    if between_digits {
        return true;
    }
    let last = left.rsplit('-').next().unwrap_or(left);
    let lower = last.to_ascii_lowercase();
    HYPHEN_PREFIXES.contains(&lower.as_str())
}

/// Words ending in a period that EWT keeps with it.
fn is_abbreviation(w: &str) -> bool {
    if is_title_abbreviation(w) {
        return true;
    }
    const OTHER: &[&str] = &[
        "etc", "Inc", "Corp", "Ltd", "Co", "Jr", "Sr", "vs", "approx", "Dept", "Univ", "Ave",
        "Blvd", "Rd", "No", "pp", "al", "Bros", "ca", "cf", "Messrs", "Mt", "Ft", "Wed", "Thu",
        "Fri", "Mon", "Tue", "Sat", "Sun", "P.O", "Ph.D", "a.m", "p.m", "e.g", "i.e", "U.S", "U.K",
        "U.N", "E.U",
    ];
    if OTHER.contains(&w) {
        return true;
    }
    // Initials and dotted abbreviations: "J", "U.S", "a.m".
    let mut letters = 0;
    for part in w.split('.') {
        let mut cs = part.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if c.is_alphabetic() => letters += 1,
            _ => return false,
        }
    }
    letters >= 1
        && w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || w.contains('.'))
}

/// Emits the word `body[i..j]` split into EWT tokens (clitics, fused forms), then returns
/// `j`, or where an apostrophe clitic continues.
fn emit_word(body: &str, i: usize, j: usize, e: usize, out: &mut Vec<Token>) -> usize {
    let w = &body[i..j];
    // "don't": the word stops before "'t" with an "n" at its end.
    if j < e && is_apostrophe(next_char(body, j)) {
        let a = next_char(body, j).len_utf8();
        let rest = &body[j + a..e];
        let lower_last = w.as_bytes().last().map(|b| b.to_ascii_lowercase());
        if lower_last == Some(b'n')
            && w.len() > 1
            && rest
                .as_bytes()
                .first()
                .is_some_and(|b| b.eq_ignore_ascii_case(&b't'))
            && (rest.len() == 1 || !is_word_char(next_char(body, j + a + 1)))
        {
            out.push(Token::new(i, j - 1));
            out.push(Token::new(j - 1, j + a + 1));
            return j + a + 1;
        }
        let cl = clitic_len(rest);
        if cl > 0 && (j + a + cl == e || !is_word_char(next_char(body, j + a + cl))) {
            out.push(Token::new(i, j));
            out.push(Token::new(j, j + a + cl));
            return j + a + cl;
        }
        // Plural possessive "states'" (followed by nothing or punctuation).
        if w.as_bytes()
            .last()
            .is_some_and(|b| b.eq_ignore_ascii_case(&b's'))
            && (j + a == e || !is_word_char(next_char(body, j + a)))
        {
            out.push(Token::new(i, j));
            out.push(Token::new(j, j + a));
            return j + a;
        }
    }
    if w.is_ascii() && w.len() <= 8 {
        let mut buf = [0u8; 8];
        for (k, b) in w.bytes().enumerate() {
            buf[k] = b.to_ascii_lowercase();
        }
        let lower = &buf[..w.len()];
        if let Some(&(_, cut)) = FUSED.iter().find(|(f, _)| f.as_bytes() == lower) {
            out.push(Token::new(i, i + cut));
            out.push(Token::new(i + cut, j));
            return j;
        }
    }
    out.push(Token::new(i, j));
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII shortcuts agree with the `char` tests they stand for.
    #[test]
    fn ascii_shortcuts_match_char_tests() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            assert_eq!(is_ascii_space(b), c.is_whitespace(), "{b:#x}");
            assert_eq!(b.is_ascii_alphanumeric(), is_word_char(c), "{b:#x}");
            assert_eq!(b.is_ascii_alphabetic(), c.is_alphabetic(), "{b:#x}");
        }
        let text: String = (0u32..0x3100).filter_map(char::from_u32).collect();
        for (i, c) in text.char_indices() {
            let want = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(space_len(&text, i, text.len()), want, "{c:?}");
        }
    }

    #[test]
    fn unicode_spaces_and_letters_split_as_before() {
        let s = "Ba\u{a0}Ṣe\u{2009}Türkiye's\u{3000}1,000 don't Zürich-based e-mail a@b.com";
        assert_eq!(
            forms(s),
            [
                "Ba", "Ṣe", "Türkiye", "'s", "1,000", "do", "n't", "Zürich", "-", "based",
                "e-mail", "a@b.com"
            ]
        );
    }

    fn forms(s: &str) -> Vec<&str> {
        tokenize(s, Span::new(0, s.len()))
            .iter()
            .map(|t| &s[t.start..t.end])
            .collect()
    }

    #[test]
    fn ewt_conventions() {
        assert_eq!(forms("I don't know."), ["I", "do", "n't", "know", "."]);
        assert_eq!(forms("It can't be."), ["It", "ca", "n't", "be", "."]);
        assert_eq!(forms("Togo's army"), ["Togo", "'s", "army"]);
        assert_eq!(
            forms("the states' rights"),
            ["the", "states", "'", "rights"]
        );
        assert_eq!(
            forms("We're here, they'll go"),
            ["We", "'re", "here", ",", "they", "'ll", "go"]
        );
        assert_eq!(
            forms("a long-term plan"),
            ["a", "long", "-", "term", "plan"]
        );
        assert_eq!(forms("send an e-mail"), ["send", "an", "e-mail"]);
        assert_eq!(
            forms("Mr. Smith of the U.S. said"),
            ["Mr.", "Smith", "of", "the", "U.S.", "said"]
        );
        assert_eq!(
            forms("It cost $1,000.50 (approx)."),
            ["It", "cost", "$", "1,000.50", "(", "approx", ")", "."]
        );
        assert_eq!(forms("Wait..."), ["Wait", "..."]);
        assert_eq!(
            forms("\"Yes,\" she said"),
            ["\"", "Yes", ",", "\"", "she", "said"]
        );
        assert_eq!(
            forms("I cannot, I dont"),
            ["I", "can", "not", ",", "I", "do", "nt"]
        );
        assert_eq!(
            forms("see www.example.com."),
            ["see", "www.example.com", "."]
        );
        assert_eq!(
            forms("call 713-853-3989 now"),
            ["call", "713-853-3989", "now"]
        );
        assert_eq!(
            forms("Kwok’s view isn’t new"),
            ["Kwok", "’s", "view", "is", "n’t", "new"]
        );
        assert_eq!(forms("O'Brien and/or"), ["O'Brien", "and", "/", "or"]);
    }
}
