//! Reading a parsed sentence: who depends on whom, by which relation. Indices are into the
//! sentence's token slice; spans are byte spans into the body.

use super::{Deprel, Token, Upos};
use crate::corpus::Span;

/// A parsed sentence and its body, for questions about its tree.
#[derive(Clone, Copy, Debug)]
pub struct Tree<'a> {
    pub tokens: &'a [Token],
    pub body: &'a str,
}

/// Relations that make a noun phrase with their head (for [`Tree::noun_phrase_span`]).
const NOUN_PHRASE: &[Deprel] = &[
    Deprel::Det,
    Deprel::DetPredet,
    Deprel::Amod,
    Deprel::Compound,
    Deprel::Flat,
    Deprel::NmodPoss,
    Deprel::Nummod,
    Deprel::Case,
    Deprel::Fixed,
    Deprel::Goeswith,
    Deprel::NmodUnmarked,
];

impl<'a> Tree<'a> {
    pub fn new(tokens: &'a [Token], body: &'a str) -> Tree<'a> {
        Tree { tokens, body }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    pub fn text(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.body)
    }

    /// The token with no head (the root), if the sentence is parsed.
    pub fn root(&self) -> Option<usize> {
        self.tokens
            .iter()
            .position(|t| t.head.is_none() && t.deprel == Deprel::Root)
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        self.tokens[i].head.map(usize::from)
    }

    /// Direct dependents of `i`, left to right.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + 'a {
        let tokens = self.tokens;
        (0..tokens.len()).filter(move |&k| tokens[k].head.map(usize::from) == Some(i))
    }

    /// Dependents of `i` attached by `rel` (exactly, subtype included).
    pub fn dependents(&self, i: usize, rel: Deprel) -> impl Iterator<Item = usize> + 'a {
        let tokens = self.tokens;
        self.children(i).filter(move |&k| tokens[k].deprel == rel)
    }

    /// The first dependent of `i` attached by one of `rels`.
    pub fn first(&self, i: usize, rels: &[Deprel]) -> Option<usize> {
        self.children(i)
            .find(|&k| rels.contains(&self.tokens[k].deprel))
    }

    /// The subject of a predicate (`nsubj`, `nsubj:pass`, `csubj`, `csubj:pass`). A
    /// predicate without one of its own takes the subject of the predicate it is
    /// coordinated with ("Iran condemned and rejected ..."), or, for an `xcomp`, the
    /// subject (or object) of its governor ("X threatened to attack Y").
    pub fn subject(&self, i: usize) -> Option<usize> {
        const SUBJECTS: &[Deprel] = &[
            Deprel::Nsubj,
            Deprel::NsubjPass,
            Deprel::Csubj,
            Deprel::CsubjPass,
        ];
        if let Some(s) = self.first(i, SUBJECTS) {
            return Some(s);
        }
        let t = &self.tokens[i];
        let h = self.head(i)?;
        match t.deprel {
            Deprel::Conj => self.first(h, SUBJECTS),
            Deprel::Xcomp => self
                .first(h, &[Deprel::Obj, Deprel::Iobj])
                .or_else(|| self.first(h, SUBJECTS)),
            _ => None,
        }
    }

    /// True when the subject of `i` is a passive one (`nsubj:pass`), or `i` has a passive
    /// auxiliary: then [`Tree::passive_agent`] is the doer.
    pub fn is_passive(&self, i: usize) -> bool {
        self.first(i, &[Deprel::NsubjPass, Deprel::CsubjPass, Deprel::AuxPass])
            .is_some()
    }

    /// The `by` phrase of a passive (`obl:agent`).
    pub fn passive_agent(&self, i: usize) -> Option<usize> {
        self.first(i, &[Deprel::OblAgent])
    }

    /// The direct object (`obj`), else the indirect one (`iobj`).
    pub fn object(&self, i: usize) -> Option<usize> {
        self.first(i, &[Deprel::Obj])
            .or_else(|| self.first(i, &[Deprel::Iobj]))
    }

    /// Obliques of `i` (`obl`, `obl:*` except the passive agent), each with its `case`
    /// word ("against", "with", "from") when it has one.
    pub fn obliques(&self, i: usize) -> Vec<(usize, Option<usize>)> {
        self.children(i)
            .filter(|&k| {
                let d = self.tokens[k].deprel;
                d.base() == "obl" && d != Deprel::OblAgent
            })
            .map(|k| (k, self.case_of(k)))
            .collect()
    }

    /// Nominal modifiers of a noun (`nmod`, as in "criticism of Y"), each with its case
    /// word.
    pub fn nominal_modifiers(&self, i: usize) -> Vec<(usize, Option<usize>)> {
        self.children(i)
            .filter(|&k| {
                let d = self.tokens[k].deprel;
                d == Deprel::Nmod || d == Deprel::NmodUnmarked || d == Deprel::NmodTmod
            })
            .map(|k| (k, self.case_of(k)))
            .collect()
    }

    /// The preposition (`case`) of a nominal; "against" in "against the junta".
    pub fn case_of(&self, i: usize) -> Option<usize> {
        self.first(i, &[Deprel::Case])
            .filter(|&c| self.tokens[c].upos != Upos::Part || self.text(c) != "'s")
    }

    /// The lower-case case word of `i`, if any.
    pub fn case_word(&self, i: usize) -> Option<String> {
        self.case_of(i)
            .map(|c| self.tokens[c].lower(self.body).into_owned())
    }

    /// The possessor of a noun ("Iran" in "Iran's criticism").
    pub fn possessor(&self, i: usize) -> Option<usize> {
        self.first(i, &[Deprel::NmodPoss])
    }

    /// Every conjunct coordinated with `i` ("Mali and Niger"), not including `i`, in
    /// sentence order. Works from any member of the coordination.
    pub fn conjuncts(&self, i: usize) -> Vec<usize> {
        // The first conjunct is the head of the chain.
        let mut first = i;
        while self.tokens[first].deprel == Deprel::Conj {
            match self.head(first) {
                Some(h) => first = h,
                None => break,
            }
        }
        let mut out = Vec::new();
        let mut todo = vec![first];
        while let Some(x) = todo.pop() {
            if x != i && !out.contains(&x) {
                out.push(x);
            }
            todo.extend(self.dependents(x, Deprel::Conj));
        }
        out.sort_unstable();
        out
    }

    /// Relative clauses of a noun (`acl:relcl`): "the juntas, which have quarrelled ...".
    pub fn relative_clauses(&self, i: usize) -> impl Iterator<Item = usize> + 'a {
        self.dependents(i, Deprel::AclRelcl)
    }

    /// For a predicate inside a relative clause, the noun the clause modifies.
    pub fn antecedent(&self, i: usize) -> Option<usize> {
        let mut x = i;
        // A coordinated predicate shares its first conjunct's antecedent.
        while self.tokens[x].deprel == Deprel::Conj {
            x = self.head(x)?;
        }
        if self.tokens[x].deprel == Deprel::AclRelcl {
            self.head(x)
        } else {
            None
        }
    }

    /// True when `i` is negated by a dependent: "not", "n't", "never", "no" (advmod or
    /// det), or "neither"/"nor".
    pub fn is_negated(&self, i: usize) -> bool {
        self.children(i).any(|k| {
            let d = self.tokens[k].deprel;
            if !matches!(d, Deprel::Advmod | Deprel::Det | Deprel::Cc | Deprel::Aux) {
                return false;
            }
            let w = self.tokens[k].lower(self.body);
            matches!(
                w.as_ref(),
                "not" | "n't" | "nt" | "never" | "no" | "neither" | "nor" | "without"
            )
        })
    }

    /// Auxiliaries of a predicate (`aux`, `aux:pass`), left to right.
    pub fn auxiliaries(&self, i: usize) -> Vec<usize> {
        self.children(i)
            .filter(|&k| matches!(self.tokens[k].deprel, Deprel::Aux | Deprel::AuxPass))
            .collect()
    }

    /// Byte span of `i` and everything that depends on it, directly or not.
    pub fn subtree_span(&self, i: usize) -> Span {
        let (mut lo, mut hi) = (i, i);
        for k in 0..self.tokens.len() {
            if self.dominates(i, k) {
                lo = lo.min(k);
                hi = hi.max(k);
            }
        }
        Span::new(self.tokens[lo].start, self.tokens[hi].end)
    }

    /// True when `a` is `b` or an ancestor of it.
    pub fn dominates(&self, a: usize, b: usize) -> bool {
        let mut x = b;
        for _ in 0..=self.tokens.len() {
            if x == a {
                return true;
            }
            match self.head(x) {
                Some(h) => x = h,
                None => return false,
            }
        }
        false
    }

    /// Byte span of the noun phrase headed by `i`: the head with its determiners,
    /// adjectives, compounds, flat names, numbers and possessors, but without clauses,
    /// prepositional modifiers, appositions, conjuncts or punctuation; the span is the
    /// contiguous run around the head ("the Malian junta" in "the Malian junta, which").
    pub fn noun_phrase_span(&self, i: usize) -> Span {
        let inside = |k: usize| -> bool {
            // k is in the phrase when every step from k up to i is a noun-phrase relation.
            let mut x = k;
            while x != i {
                let t = &self.tokens[x];
                if !NOUN_PHRASE.contains(&t.deprel) || t.upos == Upos::Punct {
                    return false;
                }
                match self.head(x) {
                    Some(h) => x = h,
                    None => return false,
                }
            }
            true
        };
        let mut lo = i;
        while lo > 0 && inside(lo - 1) {
            lo -= 1;
        }
        let mut hi = i;
        while hi + 1 < self.tokens.len() && inside(hi + 1) {
            hi += 1;
        }
        // A leading preposition is not part of the phrase ("against the junta").
        while lo < i && self.tokens[lo].deprel == Deprel::Case && self.head(lo) == Some(i) {
            lo += 1;
        }
        Span::new(self.tokens[lo].start, self.tokens[hi].end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Iran did n't condemn the strikes against Israel" with a hand-written tree.
    fn sample() -> (String, Vec<Token>) {
        let body = "Iran did n't condemn the strikes against Israel".to_string();
        let spec: &[(&str, Upos, Option<u16>, Deprel)] = &[
            ("Iran", Upos::Propn, Some(3), Deprel::Nsubj),
            ("did", Upos::Aux, Some(3), Deprel::Aux),
            ("n't", Upos::Part, Some(3), Deprel::Advmod),
            ("condemn", Upos::Verb, None, Deprel::Root),
            ("the", Upos::Det, Some(5), Deprel::Det),
            ("strikes", Upos::Noun, Some(3), Deprel::Obj),
            ("against", Upos::Adp, Some(7), Deprel::Case),
            ("Israel", Upos::Propn, Some(5), Deprel::Nmod),
        ];
        let mut at = 0;
        let tokens = spec
            .iter()
            .map(|(w, u, h, d)| {
                let start = body[at..].find(w).unwrap() + at;
                at = start + w.len();
                Token {
                    start,
                    end: at,
                    upos: *u,
                    head: *h,
                    deprel: *d,
                }
            })
            .collect();
        (body, tokens)
    }

    #[test]
    fn reads_arguments_negation_and_phrases() {
        let (body, tokens) = sample();
        let t = Tree::new(&tokens, &body);
        assert_eq!(t.root(), Some(3));
        assert_eq!(t.subject(3), Some(0));
        assert_eq!(t.object(3), Some(5));
        assert!(t.is_negated(3));
        assert_eq!(t.auxiliaries(3), vec![1]);
        let np = t.noun_phrase_span(5);
        assert_eq!(&body[np.start..np.end], "the strikes");
        let nm = t.nominal_modifiers(5);
        assert_eq!(nm.len(), 1);
        assert_eq!(t.case_word(nm[0].0).as_deref(), Some("against"));
        let all = t.subtree_span(5);
        assert_eq!(&body[all.start..all.end], "the strikes against Israel");
        assert_eq!(
            t.noun_phrase_span(7),
            Span::new(tokens[7].start, tokens[7].end)
        );
    }
}
