//! Sides of a tension cue read from its sentence's dependency tree: who does what to whom.
//!
//! The cue is found among the sentence's tokens (its head word: the one whose head lies
//! outside the cue). Its arguments then give the sides, as an event coder reads them:
//!
//! - a verb or a predicate: the subject (or, in a passive, the `by` agent) against the
//!   object, or an oblique marked "against", "with", "on", "at", "toward", "from", "into";
//! - a noun: its possessor ("Iran's criticism of Israel"), a "by" modifier, or the subject
//!   of the verb it is the object of ("Russia launched strikes on Kyiv"), against its
//!   "of", "on", "against", "with", "toward" modifier;
//! - "the rivalry between X and Y": both sides from the coordination after "between";
//! - a preposition cue ("protests against the junta"): the noun it marks is the target,
//!   the agent is read from the word that noun depends on.
//!
//! A subject missing from its own clause comes from the clause it hangs on: a coordinated
//! verb ("defended the police and accused the opposition"), a control verb ("threatened to
//! attack"), a participle after a comma ("quit ECOWAS, accusing it"), or the antecedent of a
//! relative clause ("the juntas, which have quarrelled with Paris"). A side is every name
//! inside the argument's noun phrase, its conjuncts, its appositions and, for a common noun
//! with no name of its own, its "of"/"for" modifiers ("the foreign minister of Greece"). A
//! "he"/"she" with no name is the person last named before it. Speakers of a reported
//! clause are never arguments of the cue inside it, so they take no side.

use super::Named;
use crate::analysis::syntax::{Deprel, Tree, Upos};
use crate::analysis::{Actor, ActorKind};
use crate::corpus::Span;

/// Sentences longer than this many tokens are not parsed (the window reading serves them):
/// the tree helpers are quadratic in the sentence length.
pub(super) const MAX_TOKENS: usize = 160;

/// What the cue's class allows.
#[derive(Clone, Copy, Debug)]
pub(super) struct CueRules {
    /// Names coordinated as the subject may oppose each other ("Niger and Benin clashed").
    pub reciprocal: bool,
    /// The object is an opponent (not a prize: "compete for transit traffic").
    pub takes_object: bool,
    /// "in X" is the target, not the scene ("strikes on camps in Pakistan").
    pub locative_target: bool,
    /// A verbal conflict: a charge may aim at the subject of the clause it states ("alleged
    /// the government is hiding figures"); an armed act does not ("reported ... killed").
    pub verbal: bool,
    /// An act of harm done to someone (an attack, an arrest): a person owning its noun is
    /// the one harmed ("his murder").
    pub harms: bool,
}

/// The two sides one cue opposes, with the relation that tied each side to the cue.
#[derive(Clone, Debug)]
pub(super) struct Sides {
    pub left: Vec<Named>,
    pub right: Vec<Named>,
    pub relations: [String; 2],
}

/// What the tree says about one cue.
#[derive(Clone, Debug)]
pub(super) enum Reading {
    /// Two sides.
    Sides(Sides),
    /// The cue is a word of the tree, but it does not set two named sides against each other:
    /// one side only (kept here, the other side empty), or none.
    NoSides(Sides),
    /// The cue is negated in the tree ("did not condemn", "refused to attack").
    Negated,
    /// The cue could not be placed in the tree (the window reading may try).
    Unplaced,
    /// The tree shows that the names around the cue did not do it: a participle modifying
    /// a noun ("accused criminals"), or a noun judged by someone else ("found the strike
    /// justified"). The window reading would take the wrong names, so it is not tried.
    NoAct,
}

/// Cases that mark an opponent after a verb cue.
const VERB_TARGET_CASES: &[&str] = &[
    "against", "with", "on", "at", "toward", "towards", "from", "into", "upon", "over",
];
/// Cases that mark an opponent after a noun cue ("criticism of", "attacks on").
const NOUN_TARGET_CASES: &[&str] = &[
    "of", "on", "against", "with", "toward", "towards", "at", "upon", "into", "over", "to",
];
/// Cases of a modifier that names whom a common noun belongs to ("the minister of Greece").
/// "by" too: the one behind an act is who a judgement of it opposes ("condemned the
/// attack by X").
const OWNER_CASES: &[&str] = &["of", "for", "from", "including", "by"];
/// Nouns of an armed act that, with no name of their own, point back to the last one read
/// ("the attack", "the strike"): their side is the one who carried it out.
const EVENT_NOUNS: &[&str] = &[
    "attack",
    "attacks",
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "bombing",
    "bombings",
    "raid",
    "raids",
    "assault",
    "killing",
    "killings",
    "shelling",
    "offensive",
];
/// Nouns of a decision or step taken that, bare ("the move", "this decision"), point back
/// to the act of the article's main actor: who "criticised the move" opposes that actor.
const ACT_NOUNS: &[&str] = &[
    "move",
    "decision",
    "step",
    "change",
    "plan",
    "proposal",
    "announcement",
    "measure",
    "policy",
    "order",
    "ruling",
    "law",
    "bill",
];
/// Stems of acts only a state's authorities carry out on people: with no agent named
/// ("was arrested in May"), the agent is the state the article is about.
const STATE_ACTS: &[&str] = &[
    "arrest", "detain", "jail", "imprison", "deport", "prosecut", "indict", "convict",
];
/// Nouns for those in power: with no name of their own ("the central government") they
/// stand for the state the article is about.
const GOVERNMENT_NOUNS: &[&str] = &["government", "authorities", "regime", "administration"];
/// Verbs that say who reported or quoted something, not who did it: "as quoted by X" names
/// a source, never an agent.
const SOURCE_VERBS: &[&str] = &[
    "quoted",
    "reported",
    "cited",
    "told",
    "written",
    "published",
    "broadcast",
    "stated",
    "noted",
    "confirmed",
    "relayed",
];
/// Verbs by which a relative pronoun lists the members of its antecedent: "his critics,
/// which include Greenpeace".
const INCLUDE_VERBS: &[&str] = &["include", "includes", "included", "including"];
/// Nouns of protest that stand for the protesters ("suppress protests").
const PROTEST_NOUNS: &[&str] = &[
    "protest",
    "protests",
    "demonstration",
    "demonstrations",
    "rally",
    "rallies",
    "march",
    "marches",
    "sit-in",
    "sit-ins",
];
/// Actor ids of the people who protest.
const PROTESTERS: &[&str] = &["protesters", "demonstrators", "protestors"];
/// Nouns of intent whose owner is the agent of the infinitive after them ("the request of
/// X to suspend Y", "Russia's plan to annex Z"), wherever the parser attached it.
const INTENT_NOUNS: &[&str] = &[
    "request", "requests", "plan", "plans", "order", "orders", "decision", "bid", "attempt",
    "attempts", "proposal", "call", "calls", "move", "effort", "efforts", "push", "campaign",
    "threat", "threats", "vow", "pledge", "demand", "demands", "plot", "plots", "scheme",
];
/// Words that may stand for a side without naming it (pronouns, "the protests", "the
/// attack"): a sentence with one name and one of them is still worth a parse.
pub(super) fn points_back(word: &str) -> bool {
    matches!(word, "he" | "she" | "his" | "her" | "him")
        || COLLECTIVE_PRONOUNS.contains(&word)
        || PROTEST_NOUNS.contains(&word)
        || EVENT_NOUNS.contains(&word)
        || ACT_NOUNS.contains(&word)
        || GOVERNMENT_NOUNS.contains(&word)
        || STATE_ACTS.iter().any(|s| word.starts_with(s))
}

/// Whether `word` is a noun of a step taken ("move", "decision") that may stand for the
/// act of the article's main actor.
pub(super) fn points_back_to_act(word: &str) -> bool {
    ACT_NOUNS.contains(&word)
}

/// Nouns of an act of harm done to someone: who it was done to ("the killing of X") is
/// the victim, not the one a judgement of the act opposes.
fn harm_noun(word: &str) -> bool {
    const HARMS: &[&str] = &[
        "killing",
        "killings",
        "murder",
        "murders",
        "death",
        "deaths",
        "assassination",
        "poisoning",
        "kidnapping",
        "abduction",
        "execution",
        "executions",
        "torture",
        "disappearance",
        "imprisonment",
        "detention",
        "jailing",
        "beating",
        "shooting",
        "arrest",
        "arrests",
        "persecution",
        "mistreatment",
        "treatment",
    ];
    HARMS.contains(&word)
}

/// Pronouns that stand for an organisation or a state named earlier in the sentence.
const COLLECTIVE_PRONOUNS: &[&str] = &["it", "its", "they", "their", "them"];
/// Locative cases: a place named after one is the scene of the event.
const SCENE_CASES: &[&str] = &["in", "inside", "across", "throughout", "near", "within"];
/// Relative pronouns that stand for their antecedent.
const RELATIVES: &[&str] = &["which", "who", "that", "whom", "whose"];

/// What the article says before the sentence, for words that point back.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Before<'t> {
    /// Every side-taking name of the article before the sentence, in body order.
    pub names: &'t [Named],
    /// The names of the nearest earlier sentence that names a person: its first person is
    /// who a "he"/"she" most likely is (the subject comes first).
    pub person_sentence: &'t [Named],
    /// The acting side of the article's main armed act, the first one read: a bare "the
    /// attack" points back to it.
    pub main_attacker: &'t [usize],
    /// The subject of the article's lead: whose "move" or "decision" a bare "the move"
    /// most likely is (news leads with its main actor and act).
    pub lead_agent: &'t [usize],
    /// The state the article is about: whom an unnamed "the government" stands for.
    pub main_country: Option<usize>,
}

/// Reads the sides of the cue at `cue` in the parsed sentence `tree`. `names` are the
/// sentence's side-taking names in body order; `before` what came earlier in the article.
pub(super) fn read(
    tree: &Tree,
    cue: Span,
    rules: CueRules,
    names: &[Named],
    before: Before,
    actors: &[Actor],
) -> Reading {
    let Some(mut head) = cue_head(tree, cue) else {
        return Reading::Unplaced;
    };
    // "its impeachment investigation into X", "found the air strike justified": a cue
    // noun modifying another noun takes its place in the clause from that noun, and its
    // sides from that noun's owner and targets.
    while is_noun_modifier(tree, head)
        && let Some(phrase) = tree.head(head).filter(|&h| h > head)
        && matches!(tree.tokens[phrase].upos, Upos::Noun)
    {
        head = phrase;
    }
    let reader = Reader {
        tree,
        cue,
        names,
        before,
        actors,
        unnamed_patient: std::cell::Cell::new(false),
    };
    if reader.negated(head) {
        return Reading::Negated;
    }
    let sides = reader.sides(head, rules);
    match sides {
        Some(s) if !s.left.is_empty() && !s.right.is_empty() => Reading::Sides(s),
        _ if reader.no_act(head, rules) || reader.unnamed_patient.get() => Reading::NoAct,
        Some(s) => Reading::NoSides(s),
        None => Reading::NoSides(Sides {
            left: Vec::new(),
            right: Vec::new(),
            relations: [String::new(), String::new()],
        }),
    }
}

/// Whether the token is a noun modifying a noun: a compound ("impeachment inquiry"), or one
/// the tagger took for an adjective though its ending makes it a noun ("its impeachment
/// investigation" read as ADJ + amod).
fn is_noun_modifier(tree: &Tree, k: usize) -> bool {
    let t = &tree.tokens[k];
    match (t.deprel, t.upos) {
        (Deprel::Compound, Upos::Noun | Upos::Propn) => true,
        (Deprel::Amod, Upos::Adj) => {
            let w = t.lower(tree.body);
            ["ment", "tion", "sion"].iter().any(|e| w.ends_with(e)) && w.len() > 6
        }
        _ => false,
    }
}

/// The token of `cue` whose head is outside it: "launched" of "launched strikes".
fn cue_head(tree: &Tree, cue: Span) -> Option<usize> {
    let inside = |k: usize| {
        let t = &tree.tokens[k];
        t.start < cue.end && cue.start < t.end
    };
    (0..tree.len())
        .filter(|&k| inside(k))
        .find(|&k| tree.head(k).is_none_or(|h| !inside(h)))
}

struct Reader<'t, 'a> {
    tree: &'t Tree<'a>,
    cue: Span,
    names: &'t [Named],
    before: Before<'t>,
    actors: &'t [Actor],
    /// Set when a passive cue's subject names nobody ("the territory, which was occupied
    /// by X"): what was acted on is unnamed, and no other name may stand in for it.
    unnamed_patient: std::cell::Cell<bool>,
}

/// One side as read: its names and how they were found.
struct Side {
    names: Vec<Named>,
    relation: String,
    /// The names come from coordinated words ("Niger and Benin").
    coordinated: bool,
}

impl Side {
    fn none() -> Side {
        Side {
            names: Vec::new(),
            relation: String::new(),
            coordinated: false,
        }
    }
}

impl Reader<'_, '_> {
    fn word(&self, i: usize) -> String {
        self.tree.tokens[i].lower(self.tree.body).into_owned()
    }

    fn deprel(&self, i: usize) -> Deprel {
        self.tree.tokens[i].deprel
    }

    fn upos(&self, i: usize) -> Upos {
        self.tree.tokens[i].upos
    }

    /// "did not condemn", "no criticism of", "did not want to attack": a negated cue
    /// opposes nobody.
    fn negated(&self, head: usize) -> bool {
        let t = self.tree;
        // "did not persuade world leaders to sanction X", however the infinitive hangs.
        let under = self.deprel(head) == Deprel::Xcomp
            || (self.deprel(head) == Deprel::Advcl && self.infinitive(head))
            || self.object_controlled(head);
        t.is_negated(head) || (under && t.head(head).is_some_and(|h| t.is_negated(h)))
    }

    /// "did not persuade world leaders to sanction X", with the infinitive read as a noun
    /// after "to": a cue right after "to" that follows its governing verb's object is that
    /// verb's complement, whatever relation the parser gave it.
    fn object_controlled(&self, head: usize) -> bool {
        let t = self.tree;
        let Some(verb) = t.head(head) else {
            return false;
        };
        let to_before = head
            .checked_sub(1)
            .is_some_and(|p| self.word(p) == "to" && t.head(p) == Some(head));
        to_before
            && self.upos(verb) == Upos::Verb
            && t.object(verb).is_some_and(|o| o < head)
            && t.dependents(head, Deprel::Det).next().is_none()
    }

    /// Whether the tree shows that the sentence's names did not do the cue's act.
    fn no_act(&self, head: usize, rules: CueRules) -> bool {
        let t = self.tree;
        // "alleged that Berg was poisoned": the charge names a victim and no culprit.
        if rules.verbal
            && self.upos(head) == Upos::Verb
            && t.object(head).is_none()
            && t.dependents(head, Deprel::Ccomp).next().is_some_and(|c| {
                self.passive_like(c)
                    && t.passive_agent(c).is_none()
                    && self.oblique_with(c, &["by"]).is_none()
            })
        {
            return true;
        }
        match self.deprel(head) {
            // "accused criminals", "alleged misconduct": a participle describing a noun. One
            // right after a name is rather the verb the parser missed ("Russia shelled
            // positions").
            Deprel::Amod | Deprel::Det => {
                (self.upos(head) == Upos::Verb || self.word(head).ends_with("ed"))
                    && !head.checked_sub(1).is_some_and(|p| {
                        matches!(self.upos(p), Upos::Noun | Upos::Propn | Upos::Pron)
                    })
            }
            // "Netanyahu found the air strike justified", "condemned the attack": who judges
            // an act did not carry it out, unless the verb names the act of its subject, or
            // a "by" after the noun may name the agent the parser attached elsewhere.
            Deprel::Obj => {
                self.upos(head) == Upos::Noun
                    && t.head(head)
                        .is_some_and(|v| self.upos(v) == Upos::Verb && !support_verb(&self.word(v)))
                    && self.noun_agent(head).is_none()
                    && !(head + 1..t.len())
                        .any(|k| self.word(k) == "by" && self.same_clause(head, k))
            }
            // "a plot to kill the ambassador": the act belongs to the noun's owner, unnamed.
            Deprel::Acl => self.infinitive(head) && self.verb_agent(head).is_none(),
            _ => false,
        }
    }

    /// A passive as the tree marks it, or as the tagger may leave it ("was poisoned" as
    /// an adjective with a copula).
    fn passive_like(&self, head: usize) -> bool {
        self.tree.is_passive(head) || self.copular_participle(head)
    }

    /// "Khashoggi was murdered", parsed as an adjective with a copula or a verb with a plain
    /// auxiliary: "be" and a past participle is a passive all the same.
    fn copular_participle(&self, head: usize) -> bool {
        let t = self.tree;
        self.word(head).ends_with("ed")
            && t.object(head).is_none()
            && t.children(head).any(|c| {
                matches!(self.deprel(c), Deprel::Cop | Deprel::Aux)
                    && matches!(
                        self.word(c).as_str(),
                        "was" | "were" | "is" | "are" | "be" | "been" | "being"
                    )
            })
    }

    /// "Dozens died in the attack, conducted by the Taliban": an armed act whose agent is
    /// named but that names no target, in a sentence naming no other side, struck the state
    /// the article is about (unless that state is the agent).
    fn struck_state(&self, noun: usize, agent: Option<&Side>, rules: CueRules) -> Option<Side> {
        let agent = agent?;
        let state = self.before.main_country?;
        if !rules.locative_target
            || agent.names.iter().any(|n| n.actor == state)
            || self
                .names
                .iter()
                .any(|n| !agent.names.iter().any(|a| a.actor == n.actor))
        {
            return None;
        }
        Some(self.implied_state(
            noun,
            state,
            format!(
                "no target named: {}, the state of the article",
                self.actors[state].name
            ),
        ))
    }

    /// "prisoners arrested in May": a past participle describing the noun it hangs on, with
    /// no object of its own, is a passive of that noun.
    fn reduced_passive(&self, head: usize) -> bool {
        let t = self.tree;
        self.deprel(head) == Deprel::Acl
            && self.upos(head) == Upos::Verb
            && self.word(head).ends_with("ed")
            && t.object(head).is_none()
            && !self.infinitive(head)
            && t.head(head)
                .is_some_and(|n| matches!(self.upos(n), Upos::Noun | Upos::Propn | Upos::Pron))
    }

    /// "Siarhei, who was arrested in May": an arrest, a jailing or a deportation with no
    /// agent named is done by the state, the one the article is about, when the ones acted
    /// on are people (not a state).
    fn state_agent(&self, head: usize, patient: Option<&Side>) -> Option<Side> {
        let word = self.word(head);
        let state = self.before.main_country?;
        let patient = patient?;
        let people = patient.names.iter().all(|n| {
            n.actor != state
                && matches!(
                    self.actors[n.actor].kind,
                    ActorKind::Person | ActorKind::Group
                )
        });
        if !people || !STATE_ACTS.iter().any(|s| word.starts_with(s)) {
            return None;
        }
        Some(self.implied_state(
            head,
            state,
            format!(
                "no agent named: the authorities of {}, the state of the article",
                self.actors[state].name
            ),
        ))
    }

    /// The article's state as a side the sentence does not name, held by the word `at`.
    fn implied_state(&self, at: usize, state: usize, relation: String) -> Side {
        Side {
            names: vec![Named {
                span: self.tree.tokens[at].span(),
                actor: state,
            }],
            relation,
            coordinated: false,
        }
    }

    /// Whether `k` hangs in the clause of `noun` (under its verb, through no clause of its
    /// own): "documented beatings of protesters by police" but not "...; the strikes were
    /// carried out by X".
    fn same_clause(&self, noun: usize, k: usize) -> bool {
        let t = self.tree;
        let Some(verb) = t.head(noun) else {
            return false;
        };
        let mut x = k;
        for _ in 0..t.len() {
            if x == verb {
                return true;
            }
            if matches!(
                self.deprel(x),
                Deprel::Parataxis
                    | Deprel::Ccomp
                    | Deprel::Advcl
                    | Deprel::Conj
                    | Deprel::AclRelcl
                    | Deprel::Acl
            ) && self.upos(x) == Upos::Verb
            {
                return false;
            }
            match t.head(x) {
                Some(h) => x = h,
                None => return false,
            }
        }
        false
    }

    /// "to suspend": a verb marked by "to".
    fn infinitive(&self, verb: usize) -> bool {
        self.tree
            .dependents(verb, Deprel::Mark)
            .any(|m| self.word(m) == "to")
    }

    /// "the request of X to suspend Y": the owner of a noun of intent right before the
    /// infinitive is its agent, whatever the parser attached the infinitive to.
    fn intent_owner(&self, verb: usize) -> Option<Side> {
        let t = self.tree;
        let to = t
            .dependents(verb, Deprel::Mark)
            .find(|&m| self.word(m) == "to")?;
        let mut x = to.checked_sub(1)?;
        for _ in 0..8 {
            if self.upos(x) == Upos::Noun && INTENT_NOUNS.contains(&self.word(x).as_str()) {
                let owner = t.possessor(x).and_then(|p| self.side_of(p, "possessor"));
                let owner = owner.or_else(|| {
                    t.nominal_modifiers(x).into_iter().find_map(|(m, case)| {
                        let case = case.map(|c| self.word(c))?;
                        matches!(case.as_str(), "of" | "by" | "from")
                            .then(|| self.side_of(m, &format!("'{case}' owner")))
                            .flatten()
                    })
                });
                return owner.map(|mut s| {
                    s.relation = format!("{} of '{}'", s.relation, t.text(x));
                    s
                });
            }
            match t.head(x) {
                Some(h) if h < to => x = h,
                _ => return None,
            }
        }
        None
    }

    fn sides(&self, head: usize, rules: CueRules) -> Option<Sides> {
        let t = self.tree;
        // "protests against the junta": the marked noun is the target; the agent comes from
        // the word the noun depends on.
        if self.upos(head) == Upos::Adp || self.deprel(head) == Deprel::Case {
            let target = t.head(head)?;
            let mut governor = t.head(target)?;
            // "fought alongside security forces against protesters", as the parser may attach
            // it: the ally is not the one aimed at, the verb above it acts.
            if self.companion(governor)
                && let Some(verb) = t.head(governor)
            {
                governor = verb;
            }
            let right = self.side_of(target, "'against' target")?;
            let left = if matches!(self.upos(governor), Upos::Noun | Upos::Propn) {
                self.noun_agent(governor)
            } else {
                self.agent_with_allies(governor)
            };
            return Some(self.finish(left, Some(right), rules));
        }
        if let Some(both) = self.between(head) {
            return Some(both);
        }
        let predicate = t.first(head, &[Deprel::Cop]).is_some();
        let (left, right) = if matches!(self.upos(head), Upos::Noun | Upos::Propn) && !predicate {
            let target = self.noun_target(head, rules).or_else(|| self.defied(head));
            // "his murder", "Khashoggi's killing": a person owning an act of harm with no
            // other target is the one harmed, and its agent is named elsewhere if at all.
            if rules.harms
                && target.is_none()
                && self.explicit_agent(head).is_none()
                && let Some(p) = t.possessor(head)
                && let Some(victim) = self.side_of(p, "possessor (harmed)")
                && victim
                    .names
                    .iter()
                    .all(|n| self.actors[n.actor].kind == ActorKind::Person)
            {
                (None, Some(victim))
            } else {
                let agent = self.noun_agent(head);
                let target = target.or_else(|| self.struck_state(head, agent.as_ref(), rules));
                (agent, target)
            }
        } else if t.is_passive(head) || self.copular_participle(head) {
            // "Hungary was sanctioned by the EU".
            let agent = t
                .passive_agent(head)
                .or_else(|| self.oblique_with(head, &["by"]))
                .and_then(|a| self.side_of(a, "agent 'by'"));
            let subject = t.subject(head);
            let patient = subject.and_then(|s| self.side_of(s, "passive subject"));
            if subject.is_some() && patient.is_none() {
                self.unnamed_patient.set(true);
            }
            let agent = agent.or_else(|| self.state_agent(head, patient.as_ref()));
            (agent, patient)
        } else if self.reduced_passive(head) {
            // "political prisoners arrested during the campaign": the noun was acted on.
            let noun = t.head(head)?;
            let agent = t
                .passive_agent(head)
                .or_else(|| self.oblique_with(head, &["by"]))
                .and_then(|a| self.side_of(a, "agent 'by'"));
            let patient = self.side_of(noun, &format!("noun described by '{}'", t.text(head)));
            let agent = agent.or_else(|| self.state_agent(head, patient.as_ref()));
            (agent, patient)
        } else {
            (self.agent_with_allies(head), self.verb_target(head, rules))
        };
        Some(self.finish(left, right, rules))
    }

    /// Both sides, or a reciprocal split of a coordinated subject.
    fn finish(&self, left: Option<Side>, right: Option<Side>, rules: CueRules) -> Sides {
        let (mut left, right) = (left, right);
        let right = match right {
            Some(r) => Some(r),
            // "Niger and Benin clashed": a reciprocal cue with a list of names as subject.
            None if rules.reciprocal => match left.as_mut() {
                Some(l) if l.coordinated && distinct(&l.names) >= 2 => {
                    let first = l.names[0].actor;
                    let (mine, others): (Vec<Named>, Vec<Named>) =
                        l.names.iter().partition(|n| n.actor == first);
                    l.names = mine;
                    l.relation = "coordinated subject".into();
                    Some(Side {
                        names: others,
                        relation: "coordinated subject".into(),
                        coordinated: true,
                    })
                }
                _ => None,
            },
            None => None,
        };
        let (left, right) = (
            left.unwrap_or_else(Side::none),
            right.unwrap_or_else(Side::none),
        );
        // A name on both sides stays with the agent.
        let right_names: Vec<Named> = right
            .names
            .into_iter()
            .filter(|r| !left.names.iter().any(|l| l.actor == r.actor))
            .collect();
        Sides {
            left: left.names,
            right: right_names,
            relations: [left.relation, right.relation],
        }
    }

    /// "the rivalry between X and Y", "relations between X and Y soured".
    fn between(&self, head: usize) -> Option<Sides> {
        let t = self.tree;
        let mut holders = vec![head];
        // "relations between Mali and France collapsed": the cue's subject holds "between".
        if let Some(s) = t.subject(head) {
            holders.push(s);
        }
        for h in holders {
            let Some(x) = t
                .children(h)
                .find(|&k| t.case_word(k).as_deref() == Some("between"))
            else {
                continue;
            };
            let conj = t.dependents(x, Deprel::Conj).next()?;
            let first = self.names_in(t.noun_phrase_span(x));
            let second = self.side_of(conj, "between")?;
            if first.is_empty() {
                return None;
            }
            return Some(Sides {
                left: first,
                right: second.names,
                relations: ["between".into(), "between".into()],
            });
        }
        None
    }

    /// The one acting: the subject, or the subject of the clause this one hangs on.
    fn verb_agent(&self, head: usize) -> Option<Side> {
        let t = self.tree;
        if let Some(s) = t.first(head, &[Deprel::Nsubj, Deprel::Csubj]) {
            return self.side_of(s, "subject");
        }
        if self.infinitive(head)
            && let Some(owner) = self.intent_owner(head)
        {
            return Some(owner);
        }
        let mut x = head;
        for _ in 0..4 {
            let h = t.head(x)?;
            // "accused the police of killing demonstrators": the accused did the act, not
            // the one who accuses.
            if let Some(accused) = self.accused_of(x, h) {
                return Some(accused);
            }
            match self.deprel(x) {
                // "defended the police and accused the opposition"; "threatened to attack".
                // A passive clause's subject was acted on: it does not act in this one.
                _ if t.is_passive(h) => return None,
                Deprel::Conj | Deprel::Xcomp => {
                    if let Some(s) = t.first(h, &[Deprel::Nsubj, Deprel::Csubj]) {
                        return self.side_of(s, &format!("subject shared with '{}'", t.text(h)));
                    }
                }
                // "Mali quit ECOWAS, accusing it": a participle takes the main subject.
                Deprel::Advcl => {
                    if let Some(s) = t.first(h, &[Deprel::Nsubj]) {
                        return self.side_of(s, &format!("subject of '{}'", t.text(h)));
                    }
                }
                // "the juntas, which have quarrelled with Paris": handled by `side_of` on the
                // relative pronoun; a relative clause without one takes its antecedent.
                Deprel::AclRelcl => {
                    return self.side_of(h, "antecedent of its clause");
                }
                // "a plot by X to kill Y", "the request of X to suspend Y": the noun's owner.
                Deprel::Acl => {
                    return self.noun_agent(h);
                }
                _ => return None,
            }
            x = h;
        }
        None
    }

    /// The one accused of the act `x` ("of killing", "for attacking") that hangs on `h`:
    /// the object of a verb of accusation ("accused the police of killing", a clause on the
    /// verb; "accused the army and its allies of killing", a clause on the object or its
    /// conjunct), or the subject of a passive one ("the army was accused of killing").
    fn accused_of(&self, x: usize, h: usize) -> Option<Side> {
        let t = self.tree;
        if !t
            .dependents(x, Deprel::Mark)
            .any(|m| matches!(self.word(m).as_str(), "of" | "for"))
        {
            return None;
        }
        let (verb, object) = match self.deprel(x) {
            Deprel::Advcl => (h, None),
            Deprel::Acl => {
                let noun = if self.deprel(h) == Deprel::Conj {
                    t.head(h)?
                } else {
                    h
                };
                if self.deprel(noun) != Deprel::Obj {
                    return None;
                }
                (t.head(noun)?, Some(noun))
            }
            _ => return None,
        };
        if !accusation_verb(&self.word(verb)) {
            return None;
        }
        let (arg, relation) = if t.is_passive(verb) {
            (t.subject(verb)?, "passive subject")
        } else {
            (object.or_else(|| t.object(verb))?, "object")
        };
        self.side_of(arg, &format!("accused: {relation} of '{}'", t.text(verb)))
    }

    /// The subject of a verb with its allies: "Russia fought alongside security forces".
    fn agent_with_allies(&self, verb: usize) -> Option<Side> {
        let mut agent = self.verb_agent(verb)?;
        for k in self.tree.children(verb) {
            if matches!(self.deprel(k), Deprel::Obj | Deprel::Obl) && self.companion(k) {
                for n in self.group(k) {
                    if !agent.names.iter().any(|m| m.actor == n.actor) {
                        agent.names.push(n);
                    }
                }
            }
        }
        Some(agent)
    }

    /// The one acted on: the object, or an oblique marked as an opponent.
    /// A preposition the parser hung inside an object, before its head word.
    fn preposition_inside(&self, object: usize) -> Option<usize> {
        (0..object).find(|&i| {
            self.deprel(i) == Deprel::Case
                && self.upos(i) == Upos::Adp
                && self.tree.dominates(object, i)
        })
    }

    fn verb_target(&self, head: usize, rules: CueRules) -> Option<Side> {
        let t = self.tree;
        if rules.takes_object
            && let Some(o) = t.object(head)
        {
            if let Some(c) = self.preposition_inside(o) {
                // "seized power in Burkina Faso", parsed with "Faso" as the object: a
                // preposition before the object's head makes it an oblique after all.
                let case = self.word(c);
                let scene = SCENE_CASES.contains(&case.as_str()) && rules.locative_target;
                if (VERB_TARGET_CASES.contains(&case.as_str()) || scene)
                    && let Some(side) = self.side_of(o, &format!("'{case}' oblique"))
                {
                    return Some(side);
                }
            } else if !self.companion(o) {
                // "condemned the invasion of Mali by Russia", the "by" hung on the active
                // verb: it names the act's agent, whom the cue is aimed at.
                if self.upos(o) == Upos::Noun && !t.is_passive(head) {
                    for (obl, case) in t.obliques(head) {
                        if obl > o
                            && case.is_some_and(|c| self.word(c) == "by")
                            && let Some(side) = self.side_of(obl, "agent 'by'")
                        {
                            return Some(side);
                        }
                    }
                }
                if let Some(side) = self.side_of(o, "object") {
                    return Some(side);
                }
            } else {
                // The ally's own "against" modifier, as the parser may attach it.
                for (m, case) in t.nominal_modifiers(o) {
                    let case = case.map(|c| self.word(c)).unwrap_or_default();
                    if VERB_TARGET_CASES.contains(&case.as_str())
                        && let Some(side) = self.side_of(m, &format!("'{case}' oblique"))
                    {
                        return Some(side);
                    }
                }
            }
        }
        for (obl, case) in t.obliques(head) {
            let case = case.map(|c| self.word(c)).unwrap_or_default();
            let scene = SCENE_CASES.contains(&case.as_str()) && rules.locative_target;
            if (VERB_TARGET_CASES.contains(&case.as_str()) || scene)
                && let Some(side) = self.side_of(obl, &format!("'{case}' oblique"))
            {
                return Some(side);
            }
        }
        // "X is critical of Y": an adjective predicate's own "of".
        if self.upos(head) == Upos::Adj {
            for (m, case) in t
                .nominal_modifiers(head)
                .into_iter()
                .chain(t.obliques(head))
            {
                let case = case.map(|c| self.word(c)).unwrap_or_default();
                if NOUN_TARGET_CASES.contains(&case.as_str())
                    && let Some(side) = self.side_of(m, &format!("'{case}' modifier"))
                {
                    return Some(side);
                }
            }
        }
        // "Navalny is a critic of Putin": a nominal predicate's modifier.
        if t.first(head, &[Deprel::Cop]).is_some() {
            return self.noun_target(head, rules);
        }
        // "X alleged (that) the government is hiding figures": whom a charge is aimed at
        // is the subject of the clause it states, when that clause is active.
        if rules.verbal
            && self.upos(head) == Upos::Verb
            && let Some(c) = t.dependents(head, Deprel::Ccomp).next()
            && !self.passive_like(c)
            && let Some(s) = t.first(c, &[Deprel::Nsubj])
        {
            return self.side_of(s, &format!("subject of its clause '{}'", t.text(c)));
        }
        None
    }

    /// Who acts in a noun cue: its possessor, a "by" modifier, or the subject of the verb
    /// it is the object of.
    fn noun_agent(&self, noun: usize) -> Option<Side> {
        let t = self.tree;
        if let Some(side) = self.explicit_agent(noun) {
            return Some(side);
        }
        if let Some(p) = t.possessor(noun)
            && let Some(side) = self.side_of(p, "possessor")
        {
            return Some(side);
        }
        // "X's criticism" read, "the attacks by X": none. A noun predicate's subject:
        if t.first(noun, &[Deprel::Cop]).is_some() {
            return self.verb_agent(noun);
        }
        None
    }

    /// The agent of a noun cue named other than by its possessor: a "by" modifier, or the
    /// subject of a verb whose object names the subject's own act.
    fn explicit_agent(&self, noun: usize) -> Option<Side> {
        let t = self.tree;
        for (m, case) in t.nominal_modifiers(noun) {
            if case.is_some_and(|c| self.word(c) == "by")
                && let Some(side) = self.side_of(m, "agent 'by'")
            {
                return Some(side);
            }
        }
        // "the attack, reportedly conducted by the Taliban": a participle's agent.
        for v in t.dependents(noun, Deprel::Acl) {
            // "an insult to X, as quoted by Y": Y is the source of the words, not an agent.
            if self.attribution(v) {
                continue;
            }
            if let Some(a) = t.passive_agent(v).or_else(|| self.oblique_with(v, &["by"]))
                && let Some(side) = self.side_of(a, &format!("agent 'by' of '{}'", t.text(v)))
            {
                return Some(side);
            }
        }
        // The same participle hung by the parser on the clause's verb: "died in the attack,
        // reportedly conducted by X", right after the noun behind a comma and adverbs.
        if let Some(verb) = t.head(noun) {
            for v in t
                .children(verb)
                .filter(|&c| matches!(self.deprel(c), Deprel::Advcl | Deprel::Parataxis))
            {
                let adjacent = v > noun
                    && (noun + 1..v).all(|k| {
                        matches!(self.upos(k), Upos::Punct | Upos::Adv) && t.head(k) == Some(v)
                    });
                if adjacent
                    && !self.attribution(v)
                    && let Some(a) = t.passive_agent(v).or_else(|| self.oblique_with(v, &["by"]))
                    && let Some(side) = self.side_of(a, &format!("agent 'by' of '{}'", t.text(v)))
                {
                    return Some(side);
                }
            }
        }
        // "Russia launched strikes on Kyiv", "the EU imposed sanctions on Minsk".
        let verb = t.head(noun)?;
        if matches!(self.deprel(noun), Deprel::Obj | Deprel::Iobj) && support_verb(&self.word(verb))
        {
            if t.is_passive(verb) {
                let a = t
                    .passive_agent(verb)
                    .or_else(|| self.oblique_with(verb, &["by"]))?;
                return self.side_of(a, &format!("agent of '{}'", t.text(verb)));
            }
            return self.verb_agent(verb).map(|mut s| {
                s.relation = format!("subject of '{}'", t.text(verb));
                s
            });
        }
        None
    }

    /// "as quoted by Y", "reported by Y": a participle naming the source of what was said.
    fn attribution(&self, verb: usize) -> bool {
        SOURCE_VERBS.contains(&self.word(verb).as_str())
            || self
                .tree
                .dependents(verb, Deprel::Mark)
                .any(|m| self.word(m) == "as")
    }

    /// "X went ahead despite criticism by Y": the one who went ahead is the target of a
    /// noun cue marked "despite" or "amid".
    fn defied(&self, noun: usize) -> Option<Side> {
        let t = self.tree;
        let case = t.case_word(noun)?;
        if !matches!(case.as_str(), "despite" | "amid" | "amidst") {
            return None;
        }
        let mut x = noun;
        for _ in 0..6 {
            x = t.head(x)?;
            if self.upos(x) == Upos::Verb {
                let s = t.first(x, &[Deprel::Nsubj])?;
                return self.side_of(s, &format!("subject of '{}' ({case})", t.text(x)));
            }
        }
        None
    }

    /// Whom a noun cue is aimed at: its "of"/"on"/"against"... modifier.
    fn noun_target(&self, noun: usize, rules: CueRules) -> Option<Side> {
        let t = self.tree;
        for (m, case) in t.nominal_modifiers(noun) {
            let case = case.map(|c| self.word(c)).unwrap_or_default();
            let scene = SCENE_CASES.contains(&case.as_str()) && rules.locative_target;
            if (NOUN_TARGET_CASES.contains(&case.as_str()) || scene)
                && let Some(side) = self.side_of(m, &format!("'{case}' modifier"))
            {
                return Some(side);
            }
        }
        // "accused Russia of aggression" is a verb; "the strikes targeted X" is the noun's
        // own verb: the noun as subject of a verb with an object.
        if self.deprel(noun) == Deprel::Nsubj
            && let Some(verb) = t.head(noun)
            && let Some(o) = t.object(verb)
        {
            return self.side_of(o, &format!("object of '{}'", t.text(verb)));
        }
        // "ordered Khashoggi's killing", "the city's shelling by the army": with its agent
        // named elsewhere, a noun's possessor is the one it was done to.
        if let Some(p) = t.possessor(noun)
            && self.explicit_agent(noun).is_some()
        {
            return self.side_of(p, "possessor (acted on)");
        }
        None
    }

    /// "fought alongside security forces": an ally, whatever the parser made of it.
    /// The tagger may make "alongside" an adjective inside the phrase, or leave it before.
    fn companion(&self, arg: usize) -> bool {
        let start = self.tree.noun_phrase_span(arg).start;
        let ally = |k: usize| matches!(self.word(k).as_str(), "alongside" | "beside" | "together");
        let first = (0..self.tree.len()).find(|&k| self.tree.tokens[k].start >= start);
        let before = (0..self.tree.len())
            .rev()
            .find(|&k| self.tree.tokens[k].end <= start);
        first.is_some_and(ally) || before.is_some_and(ally)
    }

    /// The oblique of `head` marked by one of `cases`.
    fn oblique_with(&self, head: usize, cases: &[&str]) -> Option<usize> {
        self.tree
            .obliques(head)
            .into_iter()
            .find(|(_, c)| c.is_some_and(|c| cases.contains(&self.word(c).as_str())))
            .map(|(o, _)| o)
    }

    /// The members a relative clause lists for an unnamed noun ("critics, which include
    /// X"); `None` when the noun is a name itself ("NATO, which includes France").
    fn members_listed(&self, noun: usize, relation: &str) -> Option<Side> {
        let t = self.tree;
        let span = t.tokens[noun].span();
        if self
            .names
            .iter()
            .any(|n| n.span.start < span.end && span.start < n.span.end)
        {
            return None;
        }
        let object = t
            .relative_clauses(noun)
            .filter(|&v| INCLUDE_VERBS.contains(&self.word(v).as_str()))
            .find_map(|v| t.object(v))?;
        let names = self.names_in(t.subtree_span(object));
        (!names.is_empty()).then(|| Side {
            names,
            relation: format!("members included by '{}', {relation}", self.word(noun)),
            coordinated: false,
        })
    }

    /// The names an argument stands for, or `None` when it names nobody.
    fn side_of(&self, arg: usize, relation: &str) -> Option<Side> {
        let t = self.tree;
        let mut arg = arg;
        // "his critics, which include Greenpeace, blame him", read as it should be: an
        // unnamed noun whose relative clause lists its members stands for those members.
        if let Some(side) = self.members_listed(arg, relation) {
            return Some(side);
        }
        // "the juntas of Mali and Niger, both of which have quarrelled with Paris".
        // "both" only as "both of which", not "blamed both Israel and the United States".
        let both_of = self.word(arg) == "both"
            && self.deprel(arg) != Deprel::CcPreconj
            && (arg + 1 < t.len() && self.word(arg + 1) == "of");
        if RELATIVES.contains(&self.word(arg).as_str()) || both_of {
            // "his critics, which include Greenpeace, blame him", however the parser hung the
            // clauses: a pronoun listing its antecedent's members stands for those members.
            // A named antecedent ("NATO, which includes France") stands for itself.
            let at = t.tokens[arg].start;
            let named_before = self.names.iter().any(|n| {
                n.span.end <= at
                    && t.body
                        .get(n.span.end..at)
                        .is_some_and(|g| g.trim().is_empty() || g.trim() == ",")
            });
            if !named_before
                && let Some(v) = t.head(arg)
                && matches!(self.deprel(arg), Deprel::Nsubj)
                && INCLUDE_VERBS.contains(&self.word(v).as_str())
                && let Some(o) = t.object(v)
            {
                let names = self.names_in(t.subtree_span(o));
                if !names.is_empty() {
                    return Some(Side {
                        names,
                        relation: format!("members included by '{}', {relation}", self.word(arg)),
                        coordinated: false,
                    });
                }
            }
            let x_start = arg;
            let mut x = arg;
            for _ in 0..4 {
                let Some(h) = t.head(x) else { break };
                if self.deprel(x) == Deprel::AclRelcl {
                    arg = h;
                    break;
                }
                x = h;
            }
            // No relative clause above (or the parser missed it): the name right before the
            // pronoun, behind at most a comma, is its antecedent ("Ukraine, which is ...").
            if arg == x_start && self.deprel(arg) != Deprel::AclRelcl {
                let at = self.tree.tokens[arg].start;
                let gap_ok = |n: &Named| {
                    self.tree
                        .body
                        .get(n.span.end..at)
                        .is_some_and(|g| g.trim().is_empty() || g.trim() == ",")
                };
                let before = self
                    .names
                    .iter()
                    .rev()
                    .find(|n| n.span.end <= at && gap_ok(n))?;
                // The whole coordination the name ends: "Mali and Niger, both of which".
                let token = (0..t.len()).find(|&k| t.tokens[k].start >= before.span.start)?;
                let mut top = token;
                while self.deprel(top) == Deprel::Conj
                    && let Some(h) = t.head(top)
                {
                    top = h;
                }
                let mut names = self.group(top);
                if !names.iter().any(|n| n.actor == before.actor) {
                    names = vec![*before];
                }
                return Some(Side {
                    names,
                    relation: format!("antecedent of '{}', {relation}", self.word(arg)),
                    coordinated: false,
                });
            }
        }
        let mut heads = vec![arg];
        heads.extend(t.conjuncts(arg).into_iter().filter(|&c| c > arg));
        let mut names = Vec::new();
        for &h in &heads {
            let mut found = self.names_in(t.noun_phrase_span(h));
            for a in t.dependents(h, Deprel::Appos) {
                found.extend(self.names_in(t.noun_phrase_span(a)));
            }
            // "condemned the killing of Berg", "investigated Berg's death": whom an act of
            // harm was done to is no side of a cue aimed at the act; its agent may be.
            let victims =
                if !self.in_cue(h) && self.upos(h) == Upos::Noun && harm_noun(&self.word(h)) {
                    self.victim_spans(h)
                } else {
                    Vec::new()
                };
            let victim = |n: &Named| {
                victims
                    .iter()
                    .any(|v| v.start <= n.span.start && n.span.end <= v.end)
            };
            let named_victim = victims.iter().any(|v| !self.names_in(*v).is_empty());
            found.retain(|n| !victim(n));
            // "the invasion of Mali by Russia": an act's agent, not the one it was done to.
            if found.is_empty() && self.upos(h) == Upos::Noun {
                for (m, case) in t.nominal_modifiers(h) {
                    if case.is_some_and(|c| self.word(c) == "by") {
                        found.extend(self.group(m));
                    }
                }
            }
            // "the foreign minister of Greece", "the juntas of Mali and Niger".
            if found.is_empty() && self.upos(h) == Upos::Noun {
                for (m, case) in t.nominal_modifiers(h) {
                    if case.is_some_and(|c| OWNER_CASES.contains(&self.word(c).as_str())) {
                        found.extend(self.group(m));
                    }
                }
                // "his critics, which include Greenpeace".
                for r in t.relative_clauses(h) {
                    if matches!(self.word(r).as_str(), "include" | "includes" | "included")
                        && let Some(o) = t.object(r)
                    {
                        found.extend(self.names_in(t.subtree_span(o)));
                    }
                }
            }
            // "This Thursday the United States Commission (...) criticized": two phrases
            // run together, the name in an unmarked modifier of a word naming nobody.
            if found.is_empty() && matches!(self.upos(h), Upos::Noun | Upos::Propn) {
                for (m, case) in t.nominal_modifiers(h) {
                    if case.is_none() && self.deprel(m) == Deprel::Nmod {
                        found.extend(self.group(m));
                    }
                }
            }
            if found.is_empty() && self.upos(h) == Upos::Pron {
                found.extend(self.person_before(h));
            }
            if found.is_empty() && self.upos(h) == Upos::Pron {
                found.extend(self.collective_before(h));
            }
            if found.is_empty() && self.upos(h) == Upos::Noun {
                found.extend(self.protesters(h));
            }
            if found.is_empty() && self.upos(h) == Upos::Noun {
                found.extend(self.event_agent(h));
            }
            if found.is_empty() && self.upos(h) == Upos::Noun {
                found.extend(self.act_owner(h));
            }
            if found.is_empty() && self.upos(h) == Upos::Noun {
                found.extend(self.government(h));
            }
            found.retain(|n| !victim(n));
            if found.is_empty() && named_victim {
                self.unnamed_patient.set(true);
            }
            for n in found {
                if !names.iter().any(|m: &Named| m.actor == n.actor) {
                    names.push(n);
                }
            }
        }
        (!names.is_empty()).then(|| Side {
            names,
            relation: relation.to_string(),
            coordinated: heads.len() > 1,
        })
    }

    /// Whether token `h` is part of the cue (the cue's own noun reads its victim elsewhere).
    fn in_cue(&self, h: usize) -> bool {
        let tok = &self.tree.tokens[h];
        tok.start < self.cue.end && self.cue.start < tok.end
    }

    /// The spans naming whom the act of harm `h` was done to: its "of" modifiers and its
    /// possessor ("the killing of Berg", "Berg's murder").
    fn victim_spans(&self, h: usize) -> Vec<Span> {
        let t = self.tree;
        let mut spans: Vec<Span> = t
            .nominal_modifiers(h)
            .into_iter()
            .filter(|(_, case)| case.is_some_and(|c| self.word(c) == "of"))
            .map(|(m, _)| t.subtree_span(m))
            .collect();
        if let Some(p) = t.possessor(h) {
            spans.push(t.subtree_span(p));
        }
        spans
    }

    /// Names of a noun phrase and of the phrases coordinated with it ("Mali and Niger").
    fn group(&self, head: usize) -> Vec<Named> {
        let t = self.tree;
        let mut out = self.names_in(t.noun_phrase_span(head));
        for c in t.conjuncts(head) {
            if c > head {
                out.extend(self.names_in(t.noun_phrase_span(c)));
            }
        }
        out
    }

    /// Names whose mention starts inside `span` (a name may run past a phrase the parser
    /// cut short: "Adil Abdul-Mahdi" as "Adil Abdul" + a `list` "Mahdi"), not counting the
    /// cue itself.
    fn names_in(&self, span: Span) -> Vec<Named> {
        self.names
            .iter()
            .filter(|n| span.start <= n.span.start && n.span.start < span.end)
            .filter(|n| !(n.span.start < self.cue.end && self.cue.start < n.span.end))
            .copied()
            .collect()
    }

    /// "he", "she", "him", "his", "her" with no name: the person last named before it in
    /// the sentence, else the first person of the nearest earlier sentence naming one (its
    /// subject, most often: "Erdogan pledged to convert Hagia Sophia. He announced ...").
    fn person_before(&self, pronoun: usize) -> Option<Named> {
        let word = self.word(pronoun);
        if !matches!(word.as_str(), "he" | "she" | "him" | "his" | "her") {
            return None;
        }
        let at = self.tree.tokens[pronoun].start;
        let person = |n: &&Named| self.actors[n.actor].kind == ActorKind::Person;
        self.names
            .iter()
            .filter(|n| n.span.end <= at)
            .rev()
            .find(person)
            .or_else(|| self.before.person_sentence.iter().find(person))
            .or_else(|| self.before.names.iter().rev().find(person))
            .map(|n| Named {
                span: self.tree.tokens[pronoun].span(),
                actor: n.actor,
            })
    }

    /// "it", "its", "they", "their" with no name: the first state, organisation or group
    /// named before it in the sentence ("the House issued a subpoena as part of its
    /// inquiry"); the first, since the sentence's subject comes first.
    fn collective_before(&self, pronoun: usize) -> Option<Named> {
        if !COLLECTIVE_PRONOUNS.contains(&self.word(pronoun).as_str()) {
            return None;
        }
        let at = self.tree.tokens[pronoun].start;
        self.names
            .iter()
            .filter(|n| n.span.end <= at)
            .filter(|n| !(n.span.start < self.cue.end && self.cue.start < n.span.end))
            .find(|n| {
                matches!(
                    self.actors[n.actor].kind,
                    ActorKind::Country | ActorKind::Organization | ActorKind::Group
                )
            })
            .map(|n| Named {
                span: self.tree.tokens[pronoun].span(),
                actor: n.actor,
            })
    }

    /// "suppress protests": the protest stands for the protesters, when the article has them.
    fn protesters(&self, noun: usize) -> Option<Named> {
        if !PROTEST_NOUNS.contains(&self.word(noun).as_str()) {
            return None;
        }
        let actor = self
            .actors
            .iter()
            .position(|a| PROTESTERS.contains(&a.id.to_lowercase().as_str()))?;
        Some(Named {
            span: self.tree.tokens[noun].span(),
            actor,
        })
    }

    /// "spoke out against the attack": an armed act named by a bare noun ("the attack",
    /// "this strike") is the article's main one, and its side is the one who carried it out.
    fn event_agent(&self, noun: usize) -> Vec<Named> {
        let t = self.tree;
        if !EVENT_NOUNS.contains(&self.word(noun).as_str()) {
            return Vec::new();
        }
        let definite = t.dependents(noun, Deprel::Det).any(|d| {
            matches!(
                self.word(d).as_str(),
                "the" | "this" | "that" | "these" | "those"
            )
        });
        // A noun with its own modifiers ("the attack on the embassy") is not pointing back.
        if !definite || !t.nominal_modifiers(noun).is_empty() || t.possessor(noun).is_some() {
            return Vec::new();
        }
        let span = t.tokens[noun].span();
        self.before
            .main_attacker
            .iter()
            .map(|&actor| Named { span, actor })
            .collect()
    }
}

impl Reader<'_, '_> {
    /// Whether `noun` is bare and definite: "the move", "this decision", with no owner, no
    /// modifier naming whose it is.
    fn bare_definite(&self, noun: usize) -> bool {
        let t = self.tree;
        let definite = t.dependents(noun, Deprel::Det).any(|d| {
            matches!(
                self.word(d).as_str(),
                "the" | "this" | "that" | "these" | "those"
            )
        });
        // The parser may hang "the move by X" on the verb: a preposition right after the
        // noun still ties it to its owner.
        let marked_after = noun + 1 < t.len()
            && matches!(self.upos(noun + 1), Upos::Adp | Upos::Part)
            && matches!(self.word(noun + 1).as_str(), "by" | "of" | "to" | "from");
        definite
            && !marked_after
            // "the move on Tuesday": a modifier of time or place says when, not whose.
            && t.nominal_modifiers(noun).iter().all(|&(_, case)| {
                case.is_some_and(|c| {
                    matches!(
                        self.word(c).as_str(),
                        "on" | "in" | "at" | "during" | "after" | "before" | "since" | "until"
                    )
                })
            })
            && t.possessor(noun).is_none()
            && t.dependents(noun, Deprel::Acl).next().is_none()
            && t.dependents(noun, Deprel::Compound).next().is_none()
    }

    /// "criticized the move": a bare "the move" or "the decision" is the act of the
    /// article's main actor, the subject of its lead.
    fn act_owner(&self, noun: usize) -> Vec<Named> {
        if !ACT_NOUNS.contains(&self.word(noun).as_str()) || !self.bare_definite(noun) {
            return Vec::new();
        }
        let span = self.tree.tokens[noun].span();
        self.before
            .lead_agent
            .iter()
            .map(|&actor| Named { span, actor })
            .collect()
    }

    /// "the central government", "the authorities" with no name: the state the article is
    /// about. A phrase that names its state ("the Afghan government") has found it already.
    fn government(&self, noun: usize) -> Option<Named> {
        if !GOVERNMENT_NOUNS.contains(&self.word(noun).as_str()) {
            return None;
        }
        let t = self.tree;
        let definite = t
            .dependents(noun, Deprel::Det)
            .any(|d| self.word(d) == "the");
        // "the government of Mali" or "of Prime Minister X" names its own; "the government
        // of surrendering land" (an "of" the parser hung on the noun) does not.
        let named_by_modifier = t
            .nominal_modifiers(noun)
            .iter()
            .any(|&(m, _)| matches!(self.upos(m), Upos::Propn | Upos::Pron));
        if !definite || t.possessor(noun).is_some() || named_by_modifier {
            return None;
        }
        self.before.main_country.map(|actor| Named {
            span: t.tokens[noun].span(),
            actor,
        })
    }
}

/// The names of a sentence's main subject: the root's subject, or for a passive root its
/// "by" agent. Empty when the root has none that names someone.
pub(super) fn lead_subject(tree: &Tree, names: &[Named]) -> Vec<Named> {
    let Some(root) = tree.root() else {
        return Vec::new();
    };
    let arg = if tree.is_passive(root) {
        tree.passive_agent(root)
    } else {
        tree.first(root, &[Deprel::Nsubj])
    };
    let Some(arg) = arg else {
        return Vec::new();
    };
    let span = tree.noun_phrase_span(arg);
    names
        .iter()
        .filter(|n| span.start <= n.span.start && n.span.start < span.end)
        .copied()
        .collect()
}

fn distinct(names: &[Named]) -> usize {
    let mut seen: Vec<usize> = names.iter().map(|n| n.actor).collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

/// Verbs that charge their object with an act ("accused X of killing", "blamed X for").
fn accusation_verb(word: &str) -> bool {
    const STEMS: &[&str] = &[
        "accus", "blam", "charg", "suspect", "condemn", "criticis", "criticiz", "denounc", "fault",
        "convict", "indict", "rebuk",
    ];
    STEMS.iter().any(|s| word.starts_with(s))
}

/// Verbs whose object noun names the act of their subject ("launched strikes", "imposed
/// sanctions", "voiced criticism"), as opposed to verbs that report or judge someone else's
/// act ("condemned the strikes").
fn support_verb(word: &str) -> bool {
    const STEMS: &[&str] = &[
        "launch",
        "carr",
        "conduct",
        "stag",
        "wag",
        "mount",
        "impos",
        "level",
        "voic",
        "express",
        "issu",
        "mak",
        "made",
        "order",
        "fil",
        "lodg",
        "escalat",
        "step",
        "intensif",
        "renew",
        "continu",
        "unleash",
        "direct",
        "deliver",
        "perpetrat",
        "commit",
        "led",
        "lead",
        "resum",
        "threat",
        "announc",
        "approv",
        "plan",
        "authoriz",
        "authoris",
        "extend",
        "slap",
        "pursu",
        "initiat",
        "begin",
        "began",
        "start",
        "wage",
        "fight",
        "fought",
        "lev",
        "orchestrat",
        // Weapons and force used: "fired tear gas", "used live rounds", "dropped bombs".
        "fire",
        "firing",
        "used",
        "using",
        "uses",
        "drop",
        "deploy",
        "threw",
        "throw",
        "hurl",
    ];
    STEMS.iter().any(|s| word.starts_with(s))
}
