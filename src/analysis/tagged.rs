//! Sentences tagged once per article. The actor finder tags every body sentence; the
//! tension finder parses some of them and takes their tags from here instead of tagging
//! them again.

use super::syntax::Token;
use crate::corpus::Span;

/// Tagged tokens of sentences, in body order.
#[derive(Debug, Default)]
pub struct TaggedSentences {
    tokens: Vec<Token>,
    /// Each sentence's span and the range of its tokens.
    sentences: Vec<(Span, usize, usize)>,
}

impl TaggedSentences {
    /// Keep the tagged `tokens` of `sentence`, which comes after every sentence kept so far.
    pub fn push(&mut self, sentence: Span, tokens: &[Token]) {
        debug_assert!(
            self.sentences
                .last()
                .is_none_or(|(s, ..)| s.end <= sentence.start)
        );
        let from = self.tokens.len();
        self.tokens.extend_from_slice(tokens);
        self.sentences.push((sentence, from, self.tokens.len()));
    }

    /// The tagged tokens of exactly `sentence`, if it was kept.
    pub fn get(&self, sentence: Span) -> Option<&[Token]> {
        let i = self
            .sentences
            .partition_point(|(s, ..)| s.start < sentence.start);
        let &(s, from, to) = self.sentences.get(i)?;
        (s == sentence).then(|| &self.tokens[from..to])
    }
}
