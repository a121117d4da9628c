//! Reading CoNLL-U (the Universal Dependencies format): sentences of basic tokens, with
//! multi-word ranges (`3-4`) and empty nodes (`5.1`) skipped, as the basic tree has them.

use super::{Deprel, Token, Upos};

/// One basic token of a CoNLL-U sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    /// `None` when the column is `_` or not a UD tag.
    pub upos: Option<Upos>,
    pub xpos: String,
    /// 0 for the root, else the 1-based ID of the head; `None` when the column is `_`.
    pub head: Option<usize>,
    pub deprel: String,
    /// False when MISC says `SpaceAfter=No`.
    pub space_after: bool,
}

/// One sentence: its comment lines and basic tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// 1-based line number of the sentence's first line, for messages.
    pub line: usize,
    pub comments: Vec<String>,
    pub words: Vec<Word>,
}

/// A malformed line, with its 1-based number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConlluError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ConlluError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ConlluError {}

/// Every sentence of a CoNLL-U document.
pub fn read(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut current: Option<Sentence> = None;
    for (k, line) in text.lines().enumerate() {
        let number = k + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if let Some(s) = current.take()
                && !s.words.is_empty()
            {
                out.push(s);
            }
            continue;
        }
        let sentence = current.get_or_insert_with(|| Sentence {
            line: number,
            comments: Vec::new(),
            words: Vec::new(),
        });
        if let Some(c) = line.strip_prefix('#') {
            sentence.comments.push(c.trim_start().to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(ConlluError {
                line: number,
                message: format!("expected 10 tab-separated columns, found {}", cols.len()),
            });
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            continue;
        }
        let expected = sentence.words.len() + 1;
        match id.parse::<usize>() {
            Ok(v) if v == expected => {}
            _ => {
                return Err(ConlluError {
                    line: number,
                    message: format!("token ID {id:?} where {expected} was expected"),
                });
            }
        }
        let head = match cols[6] {
            "_" => None,
            h => Some(h.parse::<usize>().map_err(|_| ConlluError {
                line: number,
                message: format!("HEAD {h:?} is not a number"),
            })?),
        };
        if cols[1].is_empty() {
            return Err(ConlluError {
                line: number,
                message: "empty FORM".into(),
            });
        }
        sentence.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: Upos::parse(cols[3]),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
            space_after: !cols[9].split('|').any(|m| m == "SpaceAfter=No"),
        });
    }
    if let Some(s) = current.take()
        && !s.words.is_empty()
    {
        out.push(s);
    }
    for s in &out {
        let n = s.words.len();
        if let Some(w) = s.words.iter().find(|w| w.head.is_some_and(|h| h > n)) {
            return Err(ConlluError {
                line: s.line,
                message: format!(
                    "HEAD {} of {:?} is beyond the sentence's {n} tokens",
                    w.head.unwrap_or(0),
                    w.form
                ),
            });
        }
    }
    Ok(out)
}

impl Sentence {
    /// The sentence text rebuilt from its forms (a space after each unless
    /// `SpaceAfter=No`) and one [`Token`] per word spanning its form in that text, with
    /// the gold tags and tree of the file where it has them.
    pub fn text_and_tokens(&self) -> (String, Vec<Token>) {
        let mut text = String::new();
        let mut tokens = Vec::with_capacity(self.words.len());
        for (k, w) in self.words.iter().enumerate() {
            let start = text.len();
            text.push_str(&w.form);
            let mut t = Token::new(start, text.len());
            t.upos = w.upos.unwrap_or(Upos::X);
            t.head = w
                .head
                .and_then(|h| h.checked_sub(1))
                .and_then(|h| u16::try_from(h).ok());
            t.deprel = Deprel::parse(&w.deprel);
            tokens.push(t);
            if w.space_after && k + 1 < self.words.len() {
                text.push(' ');
            }
        }
        (text, tokens)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_basic_tokens_and_skips_ranges_and_empty_nodes() {
        let doc = "# text = I don't.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\tSpaceAfter=No\n3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\tSpaceAfter=No\n3.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
        let s = read(doc).expect("valid");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words.len(), 4);
        let (text, tokens) = s[0].text_and_tokens();
        assert_eq!(text, "I don't.");
        assert_eq!(tokens[2].text(&text), "n't");
        assert_eq!(tokens[2].head, None);
        assert_eq!(tokens[0].head, Some(2));
        assert_eq!(tokens[0].deprel, Deprel::Nsubj);
        assert!(read("1\tI\n").is_err());
        assert!(read("1\tI\tI\tPRON\t_\t_\t9\tnsubj\t_\t_\n").is_err());
    }
}
