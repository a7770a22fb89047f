//! Fuzzy filtering and ranking of candidate names (completion, workspace symbols): nucleo scores
//! behind a cheaper prefilter, the best few of many candidates kept without sorting them all,
//! and a scan of every note that preloads the next one's names.

use crate::syntax::Note;
use crate::workspace::{NotePath, Workspace};
use nucleo_matcher::chars::{graphemes, normalize, to_lower_case};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::collections::BinaryHeap;
use std::sync::Arc;

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
    /// Words of the query as nucleo splits it (at spaces), and their characters but spaces.
    query_words: usize,
    query_chars: usize,
    /// The start shared by the candidates of [`Fuzzy::score_after_start`], and how many
    /// characters of each required word it holds.
    start: String,
    progress: Vec<usize>,
    buf: Vec<char>,
}

impl Fuzzy {
    /// A matcher for `query` (case-insensitive, accents folded).
    pub fn new(query: &str) -> Self {
        let required = query
            .split_whitespace()
            .filter(|word| !word.starts_with('!'))
            .map(|word| {
                graphemes(word)
                    .filter(|c| c.is_alphanumeric())
                    .map(to_lower_case)
                    .collect()
            })
            .collect();
        Fuzzy {
            matcher: Matcher::new(Config::DEFAULT),
            pattern: Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart),
            empty: query.trim().is_empty(),
            required,
            query_words: query.split(' ').filter(|w| !w.is_empty()).count(),
            query_chars: query.chars().filter(|&c| c != ' ').count(),
            start: String::new(),
            progress: Vec::new(),
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

    /// A score no candidate can beat: nucleo gives a matched character at most 16 points and a
    /// bonus of at most 10 (twice for an atom's first), and an atom has at most as many
    /// characters as its word of the query. Once the kept candidates all score this, the rest
    /// need only their tie-break to be skipped.
    pub fn max_score(&self) -> u32 {
        if self.empty {
            return 0;
        }
        let words = self.query_words as u32;
        let chars = self.query_chars as u32;
        26 * chars + 10 * words
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

/// Every note of the workspace (in no particular order), with the one after it.
pub fn notes_and_next(
    workspace: &Workspace,
) -> impl Iterator<Item = (&NotePath, &Arc<Note>, Option<&Arc<Note>>)> {
    let mut notes = workspace.notes().peekable();
    std::iter::from_fn(move || {
        let (path, note) = notes.next()?;
        Some((path, note, notes.peek().map(|&(_, next)| next)))
    })
}

/// Reads the first byte of a note's names (headings, title, terms). A scan of every name is
/// bound by memory latency: preloading the next note's names before this one's are scored lets
/// the loads overlap, which makes the scan about twice as fast.
pub fn preload(note: &Note) {
    let first = |s: &str| s.as_bytes().first().copied().unwrap_or(0);
    let mut x = first(note.title.as_deref().unwrap_or_default());
    for h in &note.headings {
        x ^= first(&h.text);
    }
    for d in &note.definitions {
        for name in d.names() {
            x ^= first(name);
        }
    }
    std::hint::black_box(x);
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
