//! Fuzzy filtering and ranking of candidate names (completion, workspace symbols).

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Scores candidates against what the user typed.
pub struct Fuzzy {
    matcher: Matcher,
    pattern: Pattern,
    empty: bool,
    buf: Vec<char>,
}

impl Fuzzy {
    /// A matcher for `query` (case-insensitive, accents folded).
    pub fn new(query: &str) -> Self {
        Fuzzy {
            matcher: Matcher::new(Config::DEFAULT),
            pattern: Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart),
            empty: query.trim().is_empty(),
            buf: Vec::new(),
        }
    }

    /// The score of `candidate` (higher is better), `None` when it does not match. An empty
    /// query matches everything with score 0.
    pub fn score(&mut self, candidate: &str) -> Option<u32> {
        if self.empty {
            return Some(0);
        }
        let haystack = Utf32Str::new(candidate, &mut self.buf);
        self.pattern.score(haystack, &mut self.matcher)
    }
}

/// Keeps the `limit` best of `(score, item)` pairs, best first (ties by the given order).
pub fn best<T>(mut scored: Vec<(u32, T)>, limit: usize) -> (Vec<T>, bool) {
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    let capped = scored.len() > limit;
    scored.truncate(limit);
    (scored.into_iter().map(|(_, t)| t).collect(), capped)
}
