//! Sentences and tokens with byte spans into the article body.
//!
//! Everything here is a single forward scan without backtracking or allocation per token,
//! so it runs at memory speed on large bodies. Sentence rules follow news prose:
//! abbreviations ("U.S.", "Mr.", "Lt. Col.", "Jan."), initials ("J. R. R."), decimals and
//! ellipses do not end a sentence; closing quotes and brackets after the final stop belong
//! to the sentence; a blank line and a Markdown heading line always end one.

use crate::corpus::{Article, Span};

/// Abbreviations written with a final period that never end a sentence on their own
/// because a name or a number always follows them (titles, months, "No.", "St.").
const TITLE_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Cpl", "Adm",
    "Cmdr", "Brig", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Sec", "Amb", "Supt", "Insp", "Det",
    "Fr", "Sr", "Jr", "St", "Mt", "Ft", "No", "Nos", "Vol", "Fig", "Jan", "Feb", "Mar", "Apr",
    "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs", "v", "approx", "ca", "cf",
    "Messrs", "Mme", "Mlle", "Gens", "Atty", "Dept", "Univ", "Ave", "Blvd", "Rd",
];

/// Abbreviations that usually sit inside a sentence but may also close one ("... of Acme
/// Inc."); they end a sentence only when a typical sentence opener follows.
const SOFT_ABBREVIATIONS: &[&str] = &[
    "Inc", "Ltd", "Corp", "Co", "Bros", "Plc", "etc", "al", "e.g", "i.e", "a.m", "p.m",
];

/// Words that, capitalised after an abbreviation such as "U.S.", show that a new sentence
/// started ("... in the U.S. The president ...").
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "However",
    "Meanwhile",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "Some",
    "Many",
    "Most",
    "Other",
    "Such",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Both",
    "Each",
    "Now",
    "Then",
    "Last",
    "Earlier",
    "Later",
    "According",
    "For",
    "With",
    "Since",
];

/// True when `word` (without its final period) is a title-like abbreviation.
pub fn is_title_abbreviation(word: &str) -> bool {
    TITLE_ABBREVIATIONS.contains(&word)
}

fn is_soft_abbreviation(word: &str) -> bool {
    SOFT_ABBREVIATIONS.contains(&word)
}

/// "U.S", "D.C", "J": single letters separated by periods (the final period excluded).
fn is_dotted_initials(word: &str) -> bool {
    let mut letters = 0;
    let mut expect_letter = true;
    for c in word.chars() {
        if expect_letter {
            if !c.is_alphabetic() {
                return false;
            }
            letters += 1;
            expect_letter = false;
        } else if c == '.' {
            expect_letter = true;
        } else {
            return false;
        }
    }
    letters > 0 && !expect_letter
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '}' | '»' | '›' | '*' | '_'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '(' | '[' | '{' | '«' | '‹' | '*' | '_'
    )
}

/// True when `line` is a Markdown ATX heading (`# Title`, up to three spaces of indent).
pub fn is_heading_line(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return false;
    }
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && matches!(t.as_bytes().get(hashes), None | Some(b' ' | b'\t'))
}

/// Sentence spans of `body`, in order, trimmed of surrounding white space. A heading line
/// is a sentence of its own.
pub fn sentences(body: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut push = |out: &mut Vec<Span>, s: usize, e: usize| {
        let t = body[s..e].trim();
        if !t.is_empty() {
            let lead = body[s..e].len() - body[s..e].trim_start().len();
            out.push(Span::new(s + lead, s + lead + t.len()));
        }
    };
    let mut line_start = 0;
    while line_start < body.len() {
        let line_end = body[line_start..]
            .find('\n')
            .map_or(body.len(), |i| line_start + i);
        let line = &body[line_start..line_end];
        if line.trim().is_empty() || is_heading_line(line) {
            if let Some(s) = open.take() {
                push(&mut out, s, line_start);
            }
            if !line.trim().is_empty() {
                push(&mut out, line_start, line_end);
            }
        } else {
            if open.is_none() {
                open = Some(line_start);
            }
            scan_line(body, line_start, line_end, &mut open, &mut out, &mut push);
            // A line that stops without a sentence end before a line break ends its
            // sentence (a headline, a list item, a caption), unless the text plainly
            // goes on: the next line starts in lower case, or this one ends on a comma,
            // a hyphen or a joining word (hard-wrapped prose).
            if line_end < body.len()
                && let Some(s) = open
                && s < line_end
                && line_ends_unit(line, &body[line_end + 1..])
            {
                open = None;
                push(&mut out, s, line_end);
            }
        }
        line_start = line_end + 1;
    }
    if let Some(s) = open.take() {
        push(&mut out, s, body.len());
    }
    out
}

/// Words that cannot end a sentence: a line ending on one is continued on the next.
const JOINING_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "that", "which", "who", "whose", "its", "their", "his", "her", "is", "are",
    "was", "were", "be", "has", "have", "had", "will", "would", "than", "into", "said",
];

/// Whether `line`, followed by a line break and `next`, ends its sentence although it has
/// no final stop (see [`sentences`]). Lines that end with a stop were handled by the scan.
fn line_ends_unit(line: &str, next: &str) -> bool {
    let t = line.trim_end();
    let Some(last) = t.chars().next_back() else {
        return false;
    };
    if matches!(
        last,
        '.' | '!' | '?' | '…' | ',' | '-' | '–' | '—' | '(' | '/' | '&' | ':' | ';'
    ) {
        // A stop was already decided on by the scan ("U.S." + a name goes on); commas,
        // dashes and colons introduce what follows.
        return false;
    }
    let word_start = t
        .rfind(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map_or(0, |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
    let word = &t[word_start..];
    if word.len() <= 5 && JOINING_WORDS.iter().any(|j| j.eq_ignore_ascii_case(word)) {
        return false;
    }
    let first = next
        .trim_start_matches([' ', '\t', '\r'])
        .trim_start_matches(is_opener)
        .chars()
        .next();
    // A blank or missing next line ends the sentence anyway; a lower-case start goes on.
    !first.is_some_and(char::is_lowercase)
}

/// The sentences of `units` (from [`sentences`] over `article.body`) without the heading
/// lines and the headline (see [`Article::headline`]): what the reader's cursor moves over.
pub fn body_sentences(article: &Article, mut units: Vec<Span>) -> Vec<Span> {
    let body = article.body.as_str();
    let headline = article.headline();
    units.retain(|s| {
        !is_heading_line(s.text(body))
            && !headline.is_some_and(|h| h.start <= s.start && s.end <= h.end)
    });
    units
}

/// Finds sentence ends inside one line of a paragraph.
fn scan_line(
    body: &str,
    line_start: usize,
    line_end: usize,
    open: &mut Option<usize>,
    out: &mut Vec<Span>,
    push: &mut impl FnMut(&mut Vec<Span>, usize, usize),
) {
    let line = &body[line_start..line_end];
    let mut iter = line.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // The run of terminators and closing quotes or brackets that follow them.
        let mut end = i + c.len_utf8();
        let mut stops = 1;
        let mut ellipsis = c == '…';
        while let Some(&(j, d)) = iter.peek() {
            if matches!(d, '.' | '!' | '?' | '…') {
                stops += 1;
                ellipsis |= d == '…' || (d == '.' && c == '.');
                end = j + d.len_utf8();
                iter.next();
            } else if is_closer(d) {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        // A stop must be followed by white space (or the end of the line) to end anything:
        // this keeps "3.5", "U.S.-led" and "example.com" whole.
        if !line[end..].is_empty() && !line[end..].starts_with(char::is_whitespace) {
            continue;
        }
        let ends = if ellipsis && stops > 1 || c == '…' {
            false
        } else if c == '.' && stops == 1 {
            period_ends_sentence(&line[..i], next_word(body, line_start + end))
        } else {
            true
        };
        if ends && let Some(s) = open.take() {
            push(out, s, line_start + end);
            *open = Some(line_start + end);
        }
    }
}

/// The first word after `from`, skipping white space and opening quotes (may cross lines).
fn next_word(body: &str, from: usize) -> &str {
    let rest = body[from..].trim_start_matches(|c: char| c.is_whitespace() || is_opener(c));
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '\''))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Decides whether a single period after `before` (the line up to the period) ends the
/// sentence, given the word that follows.
fn period_ends_sentence(before: &str, next: &str) -> bool {
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || is_opener(c))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    let next_lower = next.chars().next().is_some_and(char::is_lowercase);
    if next.is_empty() {
        return true;
    }
    if next_lower {
        // "approx. five", "the U.S. economy": a new sentence would start with a capital.
        return false;
    }
    if is_title_abbreviation(word) {
        return false;
    }
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false; // an initial: "J. R. R. Tolkien"
    }
    if is_dotted_initials(word) || is_soft_abbreviation(word) {
        return SENTENCE_OPENERS.contains(&next);
    }
    true
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits, with inner apostrophes, hyphens and periods ("U.S.", "al-Assad").
    Word,
    /// The possessive ending "'s" / "’s" (or a lone apostrophe after a plural).
    Possessive,
    /// Any other character that is not white space, one token per character.
    Punct,
}

/// One token of the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// Tokens of `body` inside `within`, in order. Words keep inner apostrophes, hyphens and
/// periods ("O'Brien", "Kwok Ka-ki", "3.5"); a possessive "'s" is a token of its own so
/// that "Togo's" yields "Togo"; an abbreviation keeps its final period ("Gen.", "U.S.").
/// `within` must lie on character boundaries of `body`.
pub fn tokens(body: &str, within: Span) -> impl Iterator<Item = Token> + '_ {
    let text = &body[within.start..within.end];
    let bytes = text.as_bytes();
    let base = within.start;
    let mut pos = 0;
    std::iter::from_fn(move || {
        loop {
            let c = text[pos..].chars().next()?;
            let start = pos;
            pos += c.len_utf8();
            if c.is_whitespace() {
                continue;
            }
            if is_apostrophe(c) && starts_possessive(text, pos, start) {
                if text[pos..].starts_with(['s', 'S'])
                    && !text[pos + 1..].starts_with(char::is_alphanumeric)
                {
                    pos += 1;
                }
                return Some(Token {
                    span: Span::new(base + start, base + pos),
                    kind: TokenKind::Possessive,
                });
            }
            if !c.is_alphanumeric() {
                return Some(Token {
                    span: Span::new(base + start, base + pos),
                    kind: TokenKind::Punct,
                });
            }
            // Extend over letters, digits and inner joiners followed by a letter or digit.
            loop {
                // ASCII letters and digits, the bulk of every word, without decoding.
                while bytes.get(pos).is_some_and(u8::is_ascii_alphanumeric) {
                    pos += 1;
                }
                let Some(d) = text[pos..].chars().next() else {
                    break;
                };
                if d.is_alphanumeric() {
                    pos += d.len_utf8();
                    continue;
                }
                let joiner = matches!(d, '-' | '.' | '\'' | '’' | '‐' | '_' | '/' | '&');
                let after = text[pos + d.len_utf8()..].chars().next();
                if joiner && after.is_some_and(char::is_alphanumeric) {
                    // "Togo's" splits at the apostrophe; "O'Brien" and "don't" stay whole.
                    if is_apostrophe(d) && possessive_at(text, pos) {
                        break;
                    }
                    // "&" and "/" join only inside all-capital acronyms ("AT&T").
                    if matches!(d, '&' | '/')
                        && !(text[start..pos].chars().all(|x| x.is_uppercase())
                            && after.is_some_and(char::is_uppercase))
                    {
                        break;
                    }
                    pos += d.len_utf8();
                    continue;
                }
                break;
            }
            // A final period that belongs to the word: "Gen.", "U.S.", "J.".
            if bytes.get(pos) == Some(&b'.') {
                let word = &text[start..pos];
                let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                if initial
                    || is_title_abbreviation(word)
                    || is_soft_abbreviation(word)
                    || (word.contains('.') && is_dotted_initials(word))
                {
                    pos += 1;
                }
            }
            return Some(Token {
                span: Span::new(base + start, base + pos),
                kind: TokenKind::Word,
            });
        }
    })
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// True at `at` (an apostrophe) when it starts "'s" closing a word: "Togo's".
fn possessive_at(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    let mut chars = rest.chars();
    chars.next();
    matches!(chars.next(), Some('s' | 'S')) && !chars.next().is_some_and(char::is_alphanumeric)
}

/// An apostrophe token directly after a word ("Togo's", "Trump ’s", "States'").
fn starts_possessive(text: &str, after: usize, at: usize) -> bool {
    let prev_word = text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let prev_space_word = text[..at].ends_with(' ')
        && text[..at]
            .trim_end_matches(' ')
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    let s_follows = matches!(text[after..].chars().next(), Some('s' | 'S'))
        && !text[after..]
            .chars()
            .nth(1)
            .is_some_and(char::is_alphanumeric);
    (prev_word || prev_space_word) && s_follows
}

/// Word spans (letters, digits, inner apostrophes, hyphens and periods) inside `within`;
/// a possessive "'s" is not part of the word.
pub fn words(body: &str, within: Span) -> impl Iterator<Item = Span> + '_ {
    tokens(body, within).filter_map(|t| (t.kind == TokenKind::Word).then_some(t.span))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(body: &str) -> Vec<&str> {
        sentences(body).iter().map(|s| s.text(body)).collect()
    }

    fn toks(body: &str) -> Vec<&str> {
        tokens(body, Span::new(0, body.len()))
            .map(|t| t.span.text(body))
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let body = "Mr. Smith met Dr. Jones and Lt. Col. Ba on Jan. 5 in St. Louis. \
                    The U.S. and the U.N. agreed. Growth was 3.5 per cent... or so. Done.";
        assert_eq!(
            sents(body),
            vec![
                "Mr. Smith met Dr. Jones and Lt. Col. Ba on Jan. 5 in St. Louis.",
                "The U.S. and the U.N. agreed.",
                "Growth was 3.5 per cent... or so.",
                "Done.",
            ]
        );
    }

    #[test]
    fn initials_and_acronym_at_sentence_end() {
        let body = "J. R. R. Tolkien wrote it. He went to the U.S. The trip was long.";
        assert_eq!(
            sents(body),
            vec![
                "J. R. R. Tolkien wrote it.",
                "He went to the U.S.",
                "The trip was long."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_the_sentence() {
        let body = "He said: \"We will win.\" Then he left (quietly.) Next?";
        assert_eq!(
            sents(body),
            vec![
                "He said: \"We will win.\"",
                "Then he left (quietly.)",
                "Next?"
            ]
        );
    }

    #[test]
    fn blank_lines_and_headings_end_sentences() {
        let body = "# Togo Balances Its Partners\nA first line\nwithout stop\n\nSecond para\n## Sub\nText.";
        assert_eq!(
            sents(body),
            vec![
                "# Togo Balances Its Partners",
                "A first line\nwithout stop",
                "Second para",
                "## Sub",
                "Text."
            ]
        );
    }

    #[test]
    fn a_line_without_a_stop_ends_its_sentence() {
        let body = "Harbour Town Weighs Its Options\nThe council met on Monday. It voted\nlate in the night.\nAgenda\n- Roads\n- Schools\nThe mayor spoke for\nthe union, and\nThe Times reported it.";
        assert_eq!(
            sents(body),
            vec![
                "Harbour Town Weighs Its Options",
                "The council met on Monday.",
                "It voted\nlate in the night.",
                "Agenda",
                "- Roads",
                "- Schools",
                "The mayor spoke for\nthe union, and\nThe Times reported it.",
            ]
        );
    }

    #[test]
    fn tokens_split_possessives_and_keep_abbreviations() {
        assert_eq!(
            toks("Togo's Gen. Ba, U.S.-led al-Assad’s 3.5"),
            vec![
                "Togo", "'s", "Gen.", "Ba", ",", "U.S.", "-", "led", "al-Assad", "’s", "3.5"
            ]
        );
        assert_eq!(toks("Trump 's O'Brien"), vec!["Trump", "'s", "O'Brien"]);
    }

    #[test]
    fn words_skip_punctuation() {
        let body = "Hello, world's end.";
        let w: Vec<&str> = words(body, Span::new(0, body.len()))
            .map(|s| s.text(body))
            .collect();
        assert_eq!(w, vec!["Hello", "world", "end"]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for body in [
            "",
            ".",
            "...",
            "'",
            "’s",
            "a.\u{301}",
            "\n\n#",
            "é. É. ’ ’s",
            "U.S.\u{0}",
        ] {
            let _ = sentences(body);
            let _: Vec<_> = tokens(body, Span::new(0, body.len())).collect();
        }
    }
}
