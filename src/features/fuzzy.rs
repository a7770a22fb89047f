//! Fuzzy filtering and ranking of candidate names (completion, workspace symbols): nucleo scores
//! behind cheaper prefilters (a mask of the characters a name holds, then the query's letters in
//! order), bounds on the scores, and the best few of many candidates kept without sorting them
//! all.

use super::score_bound::Bounds;
pub use super::score_bound::StartBounds;
use crate::syntax::CharMask;
use nucleo_matcher::chars::{graphemes, normalize, to_lower_case};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::collections::BinaryHeap;

/// The one character outside ASCII whose case folding (without accent folding) is ASCII: `K`
/// (Kelvin) folds to `k`. Checked by a test against nucleo's tables.
const KELVIN: char = '\u{212A}';

/// Scores candidates against what the user typed.
pub struct Fuzzy {
    matcher: Matcher,
    pattern: Pattern,
    empty: bool,
    /// Per word of the query that must match: its letters and digits, lower-cased, which a
    /// matching candidate holds in this order. A cheaper test than nucleo's own, which also
    /// spares splitting non-ASCII candidates into graphemes.
    required: Vec<Vec<char>>,
    /// What bounds the scores, and the characters a matching candidate holds.
    bounds: Bounds,
    mask: CharMask,
    /// The start shared by the candidates of [`Fuzzy::score_after_start`], how many
    /// characters of each required word it holds, and the characters of the rest of them.
    start: String,
    progress: Vec<usize>,
    rest_mask: CharMask,
    buf: Vec<char>,
}

impl Fuzzy {
    /// A matcher for `query` (case-insensitive, accents folded).
    pub fn new(query: &str) -> Self {
        let required: Vec<Vec<char>> = query
            .split_whitespace()
            .filter(|word| !word.starts_with('!'))
            .map(|word| {
                graphemes(word)
                    .filter(|c| c.is_alphanumeric())
                    .map(to_lower_case)
                    .collect()
            })
            .collect();
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let bounds = Bounds::new(&pattern);
        Fuzzy {
            matcher: Matcher::new(Config::DEFAULT),
            pattern,
            empty: query.trim().is_empty(),
            required,
            mask: bounds.mask(),
            bounds,
            start: String::new(),
            progress: Vec::new(),
            rest_mask: CharMask::default(),
            buf: Vec::new(),
        }
    }

    /// The score of `candidate` (higher is better), `None` when it does not match. An empty
    /// query matches everything with score 0.
    pub fn score(&mut self, candidate: &str) -> Option<u32> {
        if self.empty {
            return Some(0);
        }
        let from_start = std::iter::repeat(0);
        if !holds_rest(&self.required, from_start, candidate) {
            return None;
        }
        let haystack = Utf32Str::new(candidate, &mut self.buf);
        self.pattern.score(haystack, &mut self.matcher)
    }

    /// Sets the start that the next candidates of [`Fuzzy::score_after_start`] share.
    pub fn set_start(&mut self, start: &str) {
        self.start.clear();
        self.start.push_str(start);
        self.progress.clear();
        let progress = self.required.iter().map(|word| advance(word, 0, start));
        self.progress.extend(progress);
        self.rest_mask = self
            .required
            .iter()
            .zip(&self.progress)
            .flat_map(|(word, &done)| &word[done..])
            .map(|&c| CharMask::of_query_char(c))
            .fold(CharMask::default(), CharMask::union);
    }

    /// Whether a candidate with these characters may match: `false` only when
    /// [`Fuzzy::score`] would not match it. Needs no more than the candidate's mask.
    pub fn may_match(&self, mask: CharMask) -> bool {
        mask.holds(self.mask)
    }

    /// Whether the start followed by a rest with these characters may match: `false` only
    /// when [`Fuzzy::score_after_start`] would not match the rest. The rest must hold what
    /// the start lacks of each word: the start holds a word's first characters as far as they
    /// go in order, and a match holds the others after them.
    pub fn may_match_after_start(&self, rest: CharMask) -> bool {
        rest.holds(self.rest_mask)
    }

    /// The score of the start followed by `rest`, as [`Fuzzy::score`] gives it. Only `rest` is
    /// read to rule the candidate out, and the two are put together only when it may match.
    pub fn score_after_start(&mut self, rest: &str) -> Option<u32> {
        if self.empty {
            return Some(0);
        }
        if !holds_rest(&self.required, self.progress.iter().copied(), rest) {
            return None;
        }
        let start = self.start.len();
        self.start.push_str(rest);
        let haystack = Utf32Str::new(&self.start, &mut self.buf);
        let score = self.pattern.score(haystack, &mut self.matcher);
        self.start.truncate(start);
        score
    }

    /// A score no candidate can beat. Once the kept candidates all score this, the rest need
    /// only their tie-break to be skipped.
    pub fn max_score(&self) -> u32 {
        self.bounds.best()
    }

    /// What bounds the scores of candidates that start with `start`, for
    /// [`Fuzzy::max_score_with_start`]: worked out once for many candidates.
    pub fn start_bounds(&self, start: &str) -> StartBounds {
        self.bounds.with_start(start)
    }

    /// A score no candidate that starts with the text of `start` and whose rest holds the
    /// characters `rest` can beat.
    pub fn max_score_with_start(&self, start: &StartBounds, rest: CharMask) -> u32 {
        self.bounds.best_with_start(start, rest)
    }
}

/// Whether each required word, from its `done` first characters on, is in `text` in order:
/// `false` only when nucleo would not match a candidate ending in `text` either.
fn holds_rest(required: &[Vec<char>], done: impl Iterator<Item = usize>, text: &str) -> bool {
    required
        .iter()
        .zip(done)
        .all(|(word, done)| done + advance(word, done, text) == word.len())
}

/// How many more characters of `word`, from its `done` first on, `text` holds in order.
fn advance(word: &[char], done: usize, text: &str) -> usize {
    let rest = &word[done..];
    if rest.is_empty() {
        return 0; // spares reading `text`
    }
    if text.is_ascii() {
        let mut chars = text.bytes().map(|b| b.to_ascii_lowercase() as char);
        rest.iter().take_while(|&&c| chars.any(|h| h == c)).count()
    } else {
        let mut chars = text.chars();
        rest.iter()
            .take_while(|&&c| chars.any(|h| may_equal(h, c)))
            .count()
    }
}

/// Whether nucleo may match the candidate's character `h` to the query's (lower-case) `c`:
/// case ignored, accents folded or not.
fn may_equal(h: char, c: char) -> bool {
    if h.is_ascii() {
        return h.to_ascii_lowercase() == c;
    }
    let plain = normalize(h);
    if c.is_ascii() && !plain.is_ascii() && h != KELVIN {
        return false;
    }
    to_lower_case(h) == c || to_lower_case(plain) == c
}

/// The best `limit` distinct keys of many candidates, smaller keys better, without sorting them
/// all: a max-heap whose top, the worst kept, a better candidate replaces.
pub struct Top<K, V> {
    heap: BinaryHeap<Kept<K, V>>,
    limit: usize,
    capped: bool,
}

/// A kept candidate, ordered by its key alone.
struct Kept<K, V> {
    key: K,
    value: V,
}

impl<K: Ord, V> PartialEq for Kept<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl<K: Ord, V> Eq for Kept<K, V> {}

impl<K: Ord, V> PartialOrd for Kept<K, V> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<K: Ord, V> Ord for Kept<K, V> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key.cmp(&other.key)
    }
}

impl<K: Ord, V> Top<K, V> {
    /// Keeps at most `limit` candidates (at least one).
    pub fn new(limit: usize) -> Self {
        let limit = limit.max(1);
        Top {
            heap: BinaryHeap::with_capacity(limit),
            limit,
            capped: false,
        }
    }

    /// Whether offering a candidate with this key can change anything: it would be kept, or it
    /// would be the first left out. Lets a caller skip costly checks of a candidate.
    pub fn wants(&self, key: &K) -> bool {
        !self.capped || self.heap.peek().is_none_or(|worst| *key < worst.key)
    }

    /// Offers a candidate. One whose key equals a kept one's is a duplicate and ignored.
    pub fn push(&mut self, key: K, value: V) {
        let full = self.heap.len() == self.limit;
        if let Some(worst) = self.heap.peek().filter(|_| full) {
            if key >= worst.key {
                self.capped |= key != worst.key;
                return;
            }
        }
        if self.heap.iter().any(|kept| kept.key == key) {
            return;
        }
        if full {
            self.capped = true;
            *self.heap.peek_mut().expect("the heap is full") = Kept { key, value };
        } else {
            self.heap.push(Kept { key, value });
        }
    }

    /// The kept candidates with their keys, best first, and whether any was left out.
    pub fn into_sorted(self) -> (Vec<(K, V)>, bool) {
        let kept = self.heap.into_sorted_vec();
        (
            kept.into_iter().map(|k| (k.key, k.value)).collect(),
            self.capped,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_kelvin_folds_to_ascii_without_accent_folding() {
        for h in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let plain = normalize(h);
            if !plain.is_ascii() && h != KELVIN {
                assert!(!to_lower_case(h).is_ascii(), "{h:?}");
                assert!(!to_lower_case(plain).is_ascii(), "{h:?}");
            }
        }
    }

    #[test]
    fn skipping_agrees_with_nucleo() {
        let candidates = [
            "Шардирование (sharding)",
            "Élan vital",
            "café au lait",
            "\u{212A}elvin scale",
            "Кэширование: «за» и «против»",
            "naïve Bayes",
        ];
        for query in [
            "shard",
            "elan",
            "kel",
            "кэш",
            "за против",
            "naive",
            "!bay cafe",
            "xyz",
        ] {
            let mut fuzzy = Fuzzy::new(query);
            let mut matcher = Matcher::new(Config::DEFAULT);
            let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
            for candidate in candidates {
                let mut buf = Vec::new();
                let nucleo = pattern.score(Utf32Str::new(candidate, &mut buf), &mut matcher);
                assert_eq!(fuzzy.score(candidate), nucleo, "{query} on {candidate}");
            }
        }
    }

    /// Whether nucleo matches `query` in `candidate`.
    fn nucleo_matches(query: &str, candidate: &str) -> bool {
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let mut buf = Vec::new();
        let haystack = Utf32Str::new(candidate, &mut buf);
        pattern
            .score(haystack, &mut Matcher::new(Config::DEFAULT))
            .is_some()
    }

    #[test]
    fn masks_never_rule_out_what_nucleo_matches() {
        let candidates = [
            "Шардирование (sharding)",
            "Кэширование: «за» и «против»",
            "😀 Fun facts 🎉",
            "Élan vital, naïve Bayes",
            "\u{212A}elvin scale",
            "../db/acid.md Isolation levels",
            "ﬁle ligature",
            "d\u{301}/a/t",
        ];
        let queries = [
            "шард",
            "кэш за",
            "ШАРД",
            "😀",
            "🎉 fun",
            "elan",
            "élan",
            "NAÏVE",
            "kel",
            "k",
            "../db",
            "acid.md",
            "'isolation",
            "^élan",
            "bayes$",
            "!x fun",
            "fi",
            "d/a/t",
            "xyz",
            "-",
        ];
        for query in queries {
            let fuzzy = Fuzzy::new(query);
            for candidate in candidates {
                if nucleo_matches(query, candidate) {
                    let mask = CharMask::of(candidate);
                    assert!(fuzzy.may_match(mask), "{query:?} in {candidate:?}");
                }
            }
        }
        // Every character that is a letter or digit, folds, or is ASCII, as a query of its own
        // forms.
        let folds = |h: char| h.is_ascii() || to_lower_case(h) != h || normalize(h) != h;
        let chars = (0..=0x10FFFF).filter_map(char::from_u32);
        for h in chars.filter(|&h| h.is_alphanumeric() || folds(h)) {
            let candidate = h.to_string();
            for c in [to_lower_case(h), to_lower_case(normalize(h))] {
                let query = c.to_string();
                if !c.is_whitespace() && nucleo_matches(&query, &candidate) {
                    let fuzzy = Fuzzy::new(&query);
                    assert!(fuzzy.may_match(CharMask::of(&candidate)), "{c:?} in {h:?}");
                }
            }
        }
        // And the masks rule out the rest.
        assert!(!Fuzzy::new("шард").may_match(CharMask::of("sharding")));
        assert!(!Fuzzy::new("../db").may_match(CharMask::of("db acid")));
    }

    #[test]
    fn a_rest_without_what_the_start_lacks_is_ruled_out() {
        let mut fuzzy = Fuzzy::new("../db acid");
        fuzzy.set_start("../db/");
        for rest in ["acid.md", "ACID", "a c i d", "x"] {
            let matched = fuzzy.score_after_start(rest).is_some();
            let may = fuzzy.may_match_after_start(CharMask::of(rest));
            assert!(may || !matched, "{rest}");
            assert_eq!(may, rest != "x", "{rest}");
        }
    }

    #[test]
    fn no_candidate_beats_the_max_score() {
        let candidates = [
            "databases-review-617",
            "../databases/part-003/databases-review-617.md Databases review",
            "What is the Lazy Quorum Log?",
            "Lazy Quorum",
            "Шардирование (sharding)",
            "Trade-offs & pitfalls",
            "a",
        ];
        for query in [
            "dat",
            "../databases",
            "Lazy Quorum",
            "шард",
            "a",
            "&",
            "trade-offs &",
        ] {
            let mut fuzzy = Fuzzy::new(query);
            let max = fuzzy.max_score();
            for candidate in candidates.iter().chain([&query]) {
                let score = fuzzy.score(candidate).unwrap_or(0);
                assert!(score <= max, "{query} on {candidate}: {score} > {max}");
            }
            // Words typed as written score the most: what lets a full list skip the rest.
            if query.chars().all(|c| c.is_alphanumeric() || c == ' ') {
                assert_eq!(fuzzy.score(query), Some(max), "{query}");
            }
        }
    }

    #[test]
    fn a_shared_start_scores_as_the_whole_candidate() {
        for query in ["../db", "acid iso", "шард", "zz"] {
            let mut fuzzy = Fuzzy::new(query);
            for start in ["../db/acid.md ", "ru/шардирование.md ", ""] {
                fuzzy.set_start(start);
                for rest in ["Isolation levels", "Шардирование", "x"] {
                    let whole = fuzzy.score(&format!("{start}{rest}"));
                    assert_eq!(
                        fuzzy.score_after_start(rest),
                        whole,
                        "{query}: {start}{rest}"
                    );
                }
            }
        }
    }

    #[test]
    fn top_keeps_the_best_distinct_keys_in_order() {
        let mut top = Top::new(3);
        for (key, value) in [(5, 'a'), (1, 'b'), (4, 'c'), (1, 'd'), (2, 'e'), (9, 'f')] {
            top.push(key, value);
        }
        assert_eq!(
            top.into_sorted(),
            (vec![(1, 'b'), (2, 'e'), (4, 'c')], true)
        );
        let mut top = Top::new(2);
        for (key, value) in [(2, 'a'), (1, 'b'), (2, 'c')] {
            top.push(key, value);
        }
        assert_eq!(top.into_sorted(), (vec![(1, 'b'), (2, 'a')], false));
    }
}
