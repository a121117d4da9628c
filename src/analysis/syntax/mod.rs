//! The learned syntactic layer: UD-style tokens, part-of-speech tags and a labelled
//! dependency tree for each sentence, from models trained on UD English EWT and embedded
//! in the binary (`data/syntax/`, CC BY-SA 4.0, see its README).
//!
//! # API (stable: later versions add, never rename)
//!
//! ```no_run
//! use newslens::analysis::syntax::{self, Deprel, Syntax, Tree, Upos};
//! use newslens::Span;
//! let body = "Iran's foreign ministry didn't condemn the strikes against Israel.";
//! let model = Syntax::embedded(); // loaded once, lazily, from include_bytes!
//! let mut tokens = syntax::tokenize(body, Span::new(0, body.len()));
//! model.tag(&mut tokens, body); // cheap: run it on every sentence
//! model.parse(&mut tokens, body); // dearer: run it where a tree is needed
//! let tree = Tree::new(&tokens, body);
//! let verb = tree.root().unwrap(); // "condemn"
//! let subject = tree.subject(verb); // Some(index of "ministry")
//! let negated = tree.is_negated(verb); // true ("n't")
//! let object = tree.object(verb).map(|o| tree.noun_phrase_span(o)); // "the strikes"
//! for (obl, case) in tree.obliques(object.map_or(verb, |_| verb)) { let _ = (obl, case); }
//! # let _ = (subject, negated, Upos::Verb, Deprel::Obj);
//! ```
//!
//! - [`tokenize`] / [`tokenize_into`]: UD EWT tokens of `body[within]`, each a byte span
//!   into `body` (`don't` → `do` `n't`, `Togo's` → `Togo` `'s`, `long-term` → `long` `-`
//!   `term` but `e-mail`, `co-workers` kept, `U.S.` and `Mr.` kept, URLs and e-mail
//!   addresses whole). No String is allocated per token.
//! - [`Syntax::tag`]: fills [`Token::upos`] (averaged perceptron, greedy, left to right).
//! - [`Syntax::parse`]: fills [`Token::head`] (index into the same slice, `None` for the
//!   root) and [`Token::deprel`] (arc-hybrid transition parser, averaged perceptron trained
//!   with a dynamic oracle; greedy, unless the model file names a beam width, see
//!   `parser::file_with_beam`). Needs tags; exactly one token gets [`Deprel::Root`].
//! - [`Syntax::analyze`]: tokenize + tag + parse one sentence span.
//! - [`Tree`]: read-only helpers over a parsed sentence: children, dependents by relation,
//!   [`Tree::subject`] (`nsubj`, `nsubj:pass`, `csubj`), [`Tree::passive_agent`]
//!   (`obl:agent`), [`Tree::object`] (`obj`, `iobj`), [`Tree::obliques`] (with their
//!   `case` word: "against", "with"...), [`Tree::possessor`] (`nmod:poss`),
//!   [`Tree::nominal_modifiers`] (`nmod` with case), [`Tree::conjuncts`] (the whole `conj`
//!   chain), [`Tree::relative_clauses`] / [`Tree::antecedent`] (`acl:relcl`),
//!   [`Tree::is_negated`] (`not`, `n't`, `never`, `no` as dependents), [`Tree::auxiliaries`],
//!   [`Tree::subtree_span`] and [`Tree::noun_phrase_span`] (byte span of a noun phrase
//!   without its clauses and trailing punctuation).
//! - [`Token::lower`] gives the lower-case form (the lemma column of `newslens syntax`
//!   is `_`: no lemmatiser yet); [`Token::text`] the form.
//!
//! The models are trained by `cargo run --release --example train -- ../shared/ud`
//! ([`train`]), deterministically: the same data gives byte-identical model files.

pub mod conllu;
mod features;
mod parser;
mod tagger;
mod tokenize;
pub mod train;
mod tree;
mod weights;

pub use tokenize::{tokenize, tokenize_into};
pub use tree::Tree;

use crate::corpus::Span;
use std::borrow::Cow;
use std::sync::OnceLock;

/// Universal part-of-speech tags (UD v2), in a fixed order that the model files use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[repr(u8)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    /// Also the tag of a token not tagged yet.
    #[default]
    X,
}

impl Upos {
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];
    pub const COUNT: usize = 17;

    pub const fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|u| u.as_str() == s)
    }

    pub(crate) fn from_index(i: usize) -> Upos {
        Upos::ALL.get(i).copied().unwrap_or(Upos::X)
    }

    /// Nouns, proper nouns and pronouns: what can be a side of an event.
    pub const fn is_nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num)
    }
}

macro_rules! deprels {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// Universal Dependencies relations with the English EWT subtypes, in a fixed order
        /// that the model files use. Relations unknown to the model read as [`Deprel::Dep`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Deprel {
            $($variant,)*
        }

        impl Deprel {
            pub const ALL: &'static [Deprel] = &[$(Deprel::$variant,)*];

            /// The relation as written in CoNLL-U (`nsubj:pass`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Deprel::$variant => $name,)*
                }
            }
        }
    };
}

deprels! {
    Dep = "dep",
    Root = "root",
    Punct = "punct",
    Case = "case",
    Nsubj = "nsubj",
    Det = "det",
    Advmod = "advmod",
    Obj = "obj",
    Amod = "amod",
    Obl = "obl",
    Conj = "conj",
    Compound = "compound",
    Mark = "mark",
    Nmod = "nmod",
    Cc = "cc",
    Aux = "aux",
    Cop = "cop",
    Advcl = "advcl",
    NmodPoss = "nmod:poss",
    Xcomp = "xcomp",
    Ccomp = "ccomp",
    AclRelcl = "acl:relcl",
    Flat = "flat",
    Parataxis = "parataxis",
    Nummod = "nummod",
    Appos = "appos",
    Acl = "acl",
    AuxPass = "aux:pass",
    NsubjPass = "nsubj:pass",
    OblUnmarked = "obl:unmarked",
    NmodUnmarked = "nmod:unmarked",
    Discourse = "discourse",
    CompoundPrt = "compound:prt",
    Iobj = "iobj",
    List = "list",
    Expl = "expl",
    Fixed = "fixed",
    NmodDesc = "nmod:desc",
    OblAgent = "obl:agent",
    Csubj = "csubj",
    NsubjOuter = "nsubj:outer",
    DetPredet = "det:predet",
    Vocative = "vocative",
    Goeswith = "goeswith",
    AdvclRelcl = "advcl:relcl",
    CcPreconj = "cc:preconj",
    Reparandum = "reparandum",
    Orphan = "orphan",
    CsubjPass = "csubj:pass",
    Dislocated = "dislocated",
    CsubjOuter = "csubj:outer",
    NmodTmod = "nmod:tmod",
    OblTmod = "obl:tmod",
    OblNpmod = "obl:npmod",
    NmodNpmod = "nmod:npmod",
    Clf = "clf",
}

// Written out because the enum comes from a table macro.
#[allow(clippy::derivable_impls)]
impl Default for Deprel {
    fn default() -> Deprel {
        Deprel::Dep
    }
}

impl Deprel {
    /// The relation named `s`; an unknown subtype falls back to its base relation, an
    /// unknown relation to `dep`.
    pub fn parse(s: &str) -> Deprel {
        if let Some(d) = Deprel::ALL.iter().copied().find(|d| d.as_str() == s) {
            return d;
        }
        let base = s.split(':').next().unwrap_or(s);
        Deprel::ALL
            .iter()
            .copied()
            .find(|d| d.as_str() == base)
            .unwrap_or(Deprel::Dep)
    }

    pub(crate) fn from_index(i: usize) -> Deprel {
        Deprel::ALL.get(i).copied().unwrap_or(Deprel::Dep)
    }

    /// The universal relation without its subtype (`nsubj:pass` → `nsubj`).
    pub fn base(self) -> &'static str {
        let s = self.as_str();
        s.split(':').next().unwrap_or(s)
    }
}

/// One token of a sentence: a byte span into the body plus what the tagger and the parser
/// found. Tokens of one sentence live in one slice; `head` indexes into that slice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Token {
    /// Byte offset of the first byte in the body.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// [`Upos::X`] until tagged.
    pub upos: Upos,
    /// Index of the head token in the sentence slice; `None` for the root (and before
    /// parsing).
    pub head: Option<u16>,
    /// [`Deprel::Dep`] until parsed.
    pub deprel: Deprel,
}

impl Token {
    pub const fn new(start: usize, end: usize) -> Token {
        Token {
            start,
            end,
            upos: Upos::X,
            head: None,
            deprel: Deprel::Dep,
        }
    }

    pub const fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// The token's text in `body`.
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        body.get(self.start..self.end).unwrap_or("")
    }

    /// Lower-case form with typographic apostrophes made plain (`N’T` → `n't`); borrows
    /// when the text already is.
    pub fn lower<'a>(&self, body: &'a str) -> Cow<'a, str> {
        let t = self.text(body);
        if t.chars().any(|c| c.is_uppercase() || c == '’') {
            Cow::Owned(t.replace('’', "'").to_lowercase())
        } else {
            Cow::Borrowed(t)
        }
    }
}

/// The tagger and the parser, with their weights. Build once ([`Syntax::embedded`]) and
/// share: it is `Sync` and every method takes `&self`.
pub struct Syntax {
    tagger: tagger::Tagger,
    parser: parser::Parser,
}

/// A model file that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ModelError {}

static TAGGER_MODEL: &[u8] = include_bytes!("../../../data/syntax/tagger.bin");
static PARSER_MODEL: &[u8] = include_bytes!("../../../data/syntax/parser.bin");

impl Syntax {
    /// The models embedded in the binary, decoded on first use (a few milliseconds).
    pub fn embedded() -> &'static Syntax {
        static MODEL: OnceLock<Syntax> = OnceLock::new();
        MODEL.get_or_init(|| {
            // The embedded files are written by our own trainer and checked by the test
            // suite; failing here means the build itself is broken.
            Syntax::from_bytes(TAGGER_MODEL, PARSER_MODEL)
                .unwrap_or_else(|e| panic!("the embedded syntax model is damaged: {e}"))
        })
    }

    /// Models from the bytes of `tagger.bin` and `parser.bin`.
    pub fn from_bytes(tagger: &[u8], parser: &[u8]) -> Result<Syntax, ModelError> {
        Ok(Syntax {
            tagger: tagger::Tagger::from_bytes(tagger)
                .map_err(|e| ModelError(format!("tagger model: {e}")))?,
            parser: parser::Parser::from_bytes(parser)
                .map_err(|e| ModelError(format!("parser model: {e}")))?,
        })
    }

    /// Sets `upos` of every token of one sentence.
    pub fn tag(&self, tokens: &mut [Token], body: &str) {
        self.tagger.tag(tokens, body);
    }

    /// Sets `head` and `deprel` of every token of one tagged sentence. Sentences longer
    /// than 65,535 tokens are left unparsed (heads are `u16`).
    pub fn parse(&self, tokens: &mut [Token], body: &str) {
        if tokens.len() < u16::MAX as usize {
            self.parser.parse(tokens, body);
        }
    }

    /// Tokenize, tag and parse the sentence at `sentence` of `body`.
    pub fn analyze(&self, body: &str, sentence: Span) -> Vec<Token> {
        let mut tokens = tokenize(body, sentence);
        self.tag(&mut tokens, body);
        self.parse(&mut tokens, body);
        tokens
    }
}
