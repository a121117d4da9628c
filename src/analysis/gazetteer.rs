//! Gazetteers of known names loaded from the bundled `data/` files, and the lexicons the
//! actor finder's rules use (titles, given names, organisation cues, common words).
//!
//! Everything is parsed once into a [`Gazetteer`]: one Aho-Corasick automaton over every
//! surface form (names, aliases, acronyms, demonyms, capitals), matched ASCII-case-
//! insensitively in one linear pass and then checked against the case rule of the form
//! that matched. Formats are described in `data/README.md`.

use super::ActorKind;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::{HashMap, HashSet};

const COUNTRIES: &str = include_str!("../../data/gazetteer/countries.tsv");
const CITIES: &str = include_str!("../../data/gazetteer/cities.tsv");
const PLACES: &str = include_str!("../../data/gazetteer/places.tsv");
const REGIONS: &str = include_str!("../../data/gazetteer/regions.tsv");
const ORGANIZATIONS: &str = include_str!("../../data/gazetteer/organizations.tsv");
const GROUPS: &str = include_str!("../../data/gazetteer/groups.tsv");
const GIVEN_NAMES: &str = include_str!("../../data/names/given_names.txt");
const PERSON_TITLES: &str = include_str!("../../data/names/person_titles.txt");
const ORG_CUES: &str = include_str!("../../data/names/org_cues.txt");
const NOT_ENTITIES: &str = include_str!("../../data/names/not_entities.txt");
const NER_ORG_CUES: &str = include_str!("../../data/ner/org_cues.txt");
const NER_PLACE_CUES: &str = include_str!("../../data/ner/place_cues.txt");
const NER_COMMON_WORDS: &str = include_str!("../../data/ner/common_words.txt");
const NER_PERSON_ROLES: &str = include_str!("../../data/ner/person_roles.txt");
const NER_SPEECH_VERBS: &str = include_str!("../../data/ner/speech_verbs.txt");
const NER_NOT_NAMES: &str = include_str!("../../data/ner/not_names.txt");
const NER_TITLES: &str = include_str!("../../data/ner/person_titles.txt");
const NER_NOT_ALONE: &str = include_str!("../../data/ner/not_alone.txt");
const NER_MISC_CUES: &str = include_str!("../../data/ner/misc_cues.txt");
const NER_PRODUCTS: &str = include_str!("../../data/ner/products.txt");

/// A set of words from a bundled lexicon.
pub type Lexicon = HashSet<&'static str, Fnv>;

/// FNV-1a hashing for the bundled lexicons: their keys are short words looked up once per
/// capitalised token, where it is several times cheaper than SipHash. Collision attacks do
/// not apply: the sets' contents are fixed at build time, so input text cannot crowd a
/// bucket. Per-article sets keep the default hasher.
#[derive(Clone, Copy, Default)]
pub struct Fnv;

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

/// The running state of [`Fnv`].
pub struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// FxHash-style hashing (the multiply-rotate hash of rustc) for the actor finder's
/// per-article sets and maps: their keys are short words and small ids hashed once per token
/// or candidate, where SipHash was the largest single cost of the stage. It takes eight
/// bytes per step where FNV takes one. Not collision-resistant: a crafted article could
/// slow its own analysis down, never change its result (no output depends on hash order).
#[derive(Clone, Copy, Default)]
pub struct Fx;

impl std::hash::BuildHasher for Fx {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

/// The running state of [`Fx`].
pub struct FxHasher(u64);

impl FxHasher {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// A set with the [`Fx`] hasher.
pub type FxHashSet<K> = HashSet<K, Fx>;
/// A map with the [`Fx`] hasher.
pub type FxHashMap<K, V> = HashMap<K, V, Fx>;

/// How a surface form names its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// The canonical name.
    Name,
    /// Another name of the same entity ("Côte d'Ivoire" for Ivory Coast).
    Alias,
    /// An acronym ("ECOWAS").
    Acronym,
    /// A country adjective or demonym ("Togolese").
    Demonym,
}

/// How letter case must look for a match of a form to count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CaseRule {
    /// As written; a lower-case first letter may also be upper case ("the Sahel" / "The").
    AsWritten,
    /// As written, or Title case for acronyms of four letters or more ("Ecowas", "Nato").
    Acronym,
}

/// One known entity.
#[derive(Clone, Debug)]
pub struct Entry {
    pub name: String,
    pub kind: ActorKind,
}

/// A data-file name without the qualifier that only keeps it unique in the file:
/// "Union for the Republic (Togo)" reads "Union for the Republic" in the text.
fn display_name(name: &str) -> &str {
    match name.strip_suffix(')').and_then(|n| n.rsplit_once(" (")) {
        Some((base, _)) if !base.trim().is_empty() => base.trim_end(),
        _ => name,
    }
}

#[cfg(test)]
mod display_name_tests {
    use super::display_name;

    #[test]
    fn qualifiers_are_dropped_from_display_names_only() {
        assert_eq!(
            display_name("Union for the Republic (Togo)"),
            "Union for the Republic"
        );
        assert_eq!(
            display_name("National Assembly (France)"),
            "National Assembly"
        );
        assert_eq!(display_name("Togo"), "Togo");
        assert_eq!(display_name("(odd)"), "(odd)");
    }
}

/// One surface form of an entry.
#[derive(Clone, Debug)]
struct Variant {
    text: String,
    entry: usize,
    form: Form,
    rule: CaseRule,
}

/// A gazetteer match in a text: byte range, the entry and how it was named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GazMatch {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
    pub form: Form,
}

/// Known names and rule lexicons. Built once; lookups are allocation-free.
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    automaton: AhoCorasick,
    /// Per automaton pattern: the variants sharing its ASCII-lower-case spelling.
    variants: Vec<Vec<Variant>>,
    pub given_names: Lexicon,
    /// Titles as token sequences, keyed by their first token ("Prime" -> ["Prime","Minister"]).
    titles: HashMap<&'static str, Vec<Vec<&'static str>>, Fnv>,
    pub org_cues: Lexicon,
    pub place_cues: Lexicon,
    /// Capitalised words that are not a name on their own (but may be part of one:
    /// "National", "Union").
    pub not_entities: Lexicon,
    /// Capitalised words never part of a name (days, months, "Mr." alone): trimmed from
    /// the ends of a chunk.
    pub never_names: Lexicon,
    /// Head words of names that are not actors (events, laws, prizes): "Paris Agreement".
    pub misc_cues: Lexicon,
    /// Lower-case common words (function words, frequent sentence openers).
    pub common_words: Lexicon,
    /// Lower-case role nouns ("minister", "spokesman") that announce a person.
    pub person_roles: Lexicon,
    /// Lower-case verbs of saying ("said", "told").
    pub speech_verbs: Lexicon,
    /// Names of products (browsers, systems, devices, games), as written, of one to
    /// [`MAX_PRODUCT_WORDS`] words: things, not actors.
    pub products: Lexicon,
}

/// Most words (tokens) in a name of `products.txt`.
pub const MAX_PRODUCT_WORDS: usize = 4;

/// Non-comment, non-blank lines of a lexicon.
fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Columns of a TSV line; missing columns read as empty.
fn column(cols: &[&'static str], i: usize) -> impl Iterator<Item = &'static str> {
    cols.get(i)
        .copied()
        .unwrap_or("")
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// All capitals (with optional periods), at least two letters: "ECOWAS", "U.N.".
fn looks_like_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && s.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '&' | '-'))
}

impl Gazetteer {
    /// Parse the bundled data. Fails only if the automaton cannot be built.
    pub fn new() -> Result<Self, String> {
        let mut builder = Builder::default();
        // Load order is priority order when two entries share a spelling: a country beats a
        // city of the same name ("Djibouti"), a city beats a province.
        for line in lines(COUNTRIES) {
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(name) = column(&cols, 0).next() else {
                continue;
            };
            let e = builder.entry(name, ActorKind::Country);
            builder.variant(name, e, Form::Name);
            for a in column(&cols, 1) {
                builder.variant(a, e, Form::Alias);
            }
            for d in column(&cols, 2) {
                builder.variant(d, e, Form::Demonym);
            }
        }
        for line in lines(ORGANIZATIONS) {
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(name) = column(&cols, 0).next() else {
                continue;
            };
            let e = builder.entry(name, ActorKind::Organization);
            builder.variant(name, e, Form::Name);
            for a in column(&cols, 1) {
                builder.variant(a, e, Form::Acronym);
            }
            for a in column(&cols, 2) {
                builder.variant(a, e, Form::Alias);
            }
        }
        for (text, kind) in [(REGIONS, ActorKind::Region), (PLACES, ActorKind::Place)] {
            for line in lines(text) {
                let cols: Vec<&str> = line.split('\t').collect();
                let Some(name) = column(&cols, 0).next() else {
                    continue;
                };
                let e = builder.entry(name, kind);
                builder.variant(name, e, Form::Name);
                for a in column(&cols, 1) {
                    builder.variant(a, e, Form::Alias);
                }
            }
        }
        for line in lines(CITIES) {
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(name) = column(&cols, 0).next() else {
                continue;
            };
            let e = builder.entry(name, ActorKind::Place);
            builder.variant(name, e, Form::Name);
            for a in column(&cols, 2) {
                builder.variant(a, e, Form::Alias);
            }
        }
        // Capitals named only in countries.tsv become places too.
        for line in lines(COUNTRIES) {
            let cols: Vec<&str> = line.split('\t').collect();
            for c in column(&cols, 3) {
                let e = builder.entry(c, ActorKind::Place);
                builder.variant(c, e, Form::Name);
            }
        }
        for line in lines(GROUPS) {
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(name) = column(&cols, 0).next() else {
                continue;
            };
            let e = builder.entry(name, ActorKind::Group);
            builder.variant(name, e, Form::Name);
            for a in column(&cols, 1) {
                builder.variant(a, e, Form::Alias);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            // Dense transition tables for the states near the root, where the scan of
            // every body spends its time (measured: -3% instructions of the actor stage for
            // +8M instructions at start-up). A full DFA saves 11% but costs ~0.2 s to build,
            // too much for a reader that starts on every `analyze`.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .dense_depth(4)
            .build(&builder.patterns)
            .map_err(|e| format!("cannot build the gazetteer automaton: {e}"))?;

        let mut titles: HashMap<&'static str, Vec<Vec<&'static str>>, Fnv> = HashMap::default();
        for t in lines(PERSON_TITLES).chain(lines(NER_TITLES)) {
            let toks: Vec<&'static str> = t.split_whitespace().collect();
            if let Some(first) = toks.first() {
                let list = titles.entry(first).or_default();
                if !list.contains(&toks) {
                    list.push(toks);
                }
            }
        }
        for list in titles.values_mut() {
            list.sort_by_key(|t| std::cmp::Reverse(t.len()));
        }
        let set = |t: &'static str| lines(t).collect::<Lexicon>();
        let mut org_cues = set(ORG_CUES);
        org_cues.extend(lines(NER_ORG_CUES));
        let mut not_entities = set(NOT_ENTITIES);
        not_entities.extend(lines(NER_NOT_NAMES));
        not_entities.extend(lines(NER_NOT_ALONE));
        Ok(Gazetteer {
            entries: builder.entries,
            automaton,
            variants: builder.variants,
            given_names: set(GIVEN_NAMES),
            titles,
            org_cues,
            place_cues: set(NER_PLACE_CUES),
            not_entities,
            never_names: set(NER_NOT_NAMES),
            misc_cues: set(NER_MISC_CUES),
            common_words: set(NER_COMMON_WORDS),
            person_roles: set(NER_PERSON_ROLES),
            speech_verbs: set(NER_SPEECH_VERBS),
            products: set(NER_PRODUCTS),
        })
    }

    /// Every gazetteer match in `text` at word boundaries whose letter case fits its form,
    /// leftmost-longest and non-overlapping, with byte offsets shifted by `base`.
    pub fn matches(&self, text: &str, base: usize, out: &mut Vec<GazMatch>) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < text.len() {
            let input = aho_corasick::Input::new(text).span(at..text.len());
            let Some(mut m) = self.automaton.find(input) else {
                break;
            };
            loop {
                let (s, e) = (m.start(), m.end());
                let found = &text[s..e];
                let bounded = !text[..s].chars().next_back().is_some_and(is_word_char)
                    && !text[e..].chars().next().is_some_and(is_word_char)
                    // "U.N.-backed" is fine, "Niger.com" is not.
                    && (bytes.get(e) != Some(&b'.')
                        || !bytes.get(e + 1).is_some_and(u8::is_ascii_alphanumeric));
                let variant = if bounded {
                    self.variants[m.pattern().as_usize()]
                        .iter()
                        .find(|v| case_fits(&v.text, found, v.rule))
                } else {
                    None
                };
                if let Some(v) = variant {
                    out.push(GazMatch {
                        start: base + s,
                        end: base + e,
                        entry: v.entry,
                        form: v.form,
                    });
                    at = e;
                    break;
                }
                // A rejected match may hide a shorter valid one at the same start ("the
                // Wagner group" is not "Wagner Group" as written, but holds the alias
                // "Wagner"), or one starting later.
                let shorter = aho_corasick::Input::new(text).span(s..e - 1);
                match self.automaton.find(shorter) {
                    Some(m2) if m2.start() == s && e - 1 > s => m = m2,
                    _ => {
                        at = s + found.chars().next().map_or(1, char::len_utf8);
                        break;
                    }
                }
            }
        }
    }

    /// The longest title made of the words at the start of `words` (its length in words).
    pub fn title_at(&self, words: &[&str]) -> usize {
        let Some(first) = words.first() else {
            return 0;
        };
        let Some(list) = self.titles.get(first) else {
            return 0;
        };
        list.iter()
            .find(|t| t.len() <= words.len() && t.iter().zip(words).all(|(a, b)| a == b))
            .map_or(0, Vec::len)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn case_fits(pattern: &str, found: &str, rule: CaseRule) -> bool {
    if pattern == found {
        return true;
    }
    let mut p = pattern.chars();
    let mut f = found.chars();
    let (Some(p0), Some(f0)) = (p.next(), f.next()) else {
        return false;
    };
    match rule {
        CaseRule::AsWritten => {
            (p0.is_lowercase() && f0 == p0.to_ascii_uppercase() && p.as_str() == f.as_str())
                // Datelines and shouted headlines: "WASHINGTON", "SOUTH AFRICA".
                || (pattern.chars().filter(|c| c.is_alphabetic()).count() >= 4
                    && p0.is_uppercase()
                    && !found.chars().any(char::is_lowercase)
                    && found.chars().zip(pattern.chars()).all(|(a, b)| {
                        a == b || b.to_uppercase().eq(std::iter::once(a))
                    }))
        }
        CaseRule::Acronym => {
            let letters = pattern.chars().filter(|c| c.is_alphabetic()).count();
            letters >= 4
                && p0 == f0
                && f.as_str().chars().all(|c| !c.is_uppercase())
                && p.as_str().eq_ignore_ascii_case(f.as_str())
        }
    }
}

/// Accumulates entries and their surface forms while the data files are read.
#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    /// Entry index by (kind, name) so that a capital listed twice is one place.
    by_name: HashMap<(ActorKind, String), usize>,
    patterns: Vec<String>,
    variants: Vec<Vec<Variant>>,
    pattern_index: HashMap<String, usize>,
}

impl Builder {
    fn entry(&mut self, name: &str, kind: ActorKind) -> usize {
        if let Some(&i) = self.by_name.get(&(kind, name.to_string())) {
            return i;
        }
        self.entries.push(Entry {
            name: display_name(name).to_string(),
            kind,
        });
        let i = self.entries.len() - 1;
        self.by_name.insert((kind, name.to_string()), i);
        i
    }

    fn variant(&mut self, text: &str, entry: usize, form: Form) {
        // News text writes the apostrophe curly as often as straight: "People’s Republic
        // of China" must not fall back to the shorter "Republic of China" (Taiwan).
        if text.contains('\'') {
            self.one_variant(&text.replace('\'', "\u{2019}"), entry, form);
        }
        self.one_variant(text, entry, form);
    }

    fn one_variant(&mut self, text: &str, entry: usize, form: Form) {
        // Single letters and empty strings would match everywhere.
        if text.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            return;
        }
        let rule = if form == Form::Acronym || looks_like_acronym(text) {
            CaseRule::Acronym
        } else {
            CaseRule::AsWritten
        };
        let key = text.to_ascii_lowercase();
        let p = match self.pattern_index.get(&key) {
            Some(&p) => p,
            None => {
                self.patterns.push(key.clone());
                self.variants.push(Vec::new());
                self.pattern_index.insert(key, self.patterns.len() - 1);
                self.patterns.len() - 1
            }
        };
        // The first spelling loaded wins for the exact same text (priority order).
        if self.variants[p].iter().any(|v| v.text == text) {
            return;
        }
        self.variants[p].push(Variant {
            text: text.to_string(),
            entry,
            form,
            rule,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        g.matches(text, 0, &mut out);
        out.iter()
            .map(|m| {
                (
                    text[m.start..m.end].to_string(),
                    g.entries[m.entry].name.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn product_names_fit_the_longest_lookup() {
        let g = Gazetteer::new().expect("bundled data parses");
        assert!(g.products.contains("Internet Explorer"));
        for p in &g.products {
            let words = p.split_whitespace().count();
            assert!((1..=MAX_PRODUCT_WORDS).contains(&words), "{p:?}");
        }
    }

    #[test]
    fn case_rules() {
        assert!(case_fits("ECOWAS", "Ecowas", CaseRule::Acronym));
        assert!(!case_fits("UN", "Un", CaseRule::Acronym));
        assert!(!case_fits("ECOWAS", "EcoWas", CaseRule::Acronym));
        assert!(case_fits("the Sahel", "The Sahel", CaseRule::AsWritten));
        assert!(!case_fits("Chad", "chad", CaseRule::AsWritten));
        assert!(case_fits("Washington", "WASHINGTON", CaseRule::AsWritten));
        assert!(!case_fits("Washington", "WASHington", CaseRule::AsWritten));
        assert!(!case_fits("the West", "THE WEST", CaseRule::AsWritten));
    }

    #[test]
    fn matches_respect_case_and_word_boundaries() {
        let g = Gazetteer::new().unwrap();
        let found = names(&g, "Togolese troops left Togo for Ecowas talks; a turkey.");
        assert!(found.contains(&("Togolese".into(), "Togo".into())));
        assert!(found.contains(&("Togo".into(), "Togo".into())));
        assert!(found.contains(&(
            "Ecowas".into(),
            "Economic Community of West African States".into()
        )));
        assert!(!found.iter().any(|(t, _)| t == "turkey"));
        // Inside a longer word nothing matches.
        assert!(names(&g, "Togoland").is_empty());
    }

    #[test]
    fn a_long_name_written_otherwise_leaves_a_shorter_form_at_its_start() {
        let g = Gazetteer::new().unwrap();
        // "Wagner Group" does not fit "Wagner group" as written; its alias "Wagner" does.
        let found = names(&g, "Fighters from the Wagner group arrived.");
        assert!(
            found.contains(&("Wagner".into(), "Wagner Group".into())),
            "{found:?}"
        );
    }
}
