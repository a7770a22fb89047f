//! The best score nucleo can give a query: over every possible candidate, or over candidates
//! that start with a given text (a folder's part of a link). Once the kept candidates of a scan
//! all score that, the rest can only tie, and a tie-break decides without scoring them.
//!
//! nucleo scores a match of each word of the query (an atom) as 16 per character plus a bonus
//! that depends on the classes of the matched character and the one before it (a word start
//! after a space is worth the most), doubled for the first character; a character right after
//! the previous match keeps the best bonus of its run, and a gap costs 3, plus 1 per further
//! character. The best case is worked out per atom: over a given start, the best score so far
//! for each count of matched characters and run bonus; over free text, the best score the rest
//! of the atom can add after each character, class and run bonus. Mirrors `nucleo_matcher` 0.3
//! with `Config::DEFAULT`; the tests hold it to nucleo's scores.

use crate::syntax::CharMask;
use nucleo_matcher::chars::{self, is_upper_case, normalize, to_lower_case};
use nucleo_matcher::pattern::Pattern;

/// What bounds the scores of one query.
pub struct Bounds {
    atoms: Vec<AtomBound>,
}

/// One word of the query that a candidate must match.
struct AtomBound {
    /// Its characters, as nucleo compares them.
    needle: Vec<char>,
    /// The characters a candidate needs to match it.
    mask: CharMask,
    /// Per character of the needle, class of the candidate's character matching it and bonus
    /// of its run: the most the characters after it can add in free text.
    tail: Vec<[Runs; 7]>,
    /// Its best score in any candidate.
    best: u32,
}

/// Per word of a query, its best score in candidates that start with a given text, counting
/// only matches that use some of that text.
pub struct StartBounds(Vec<u32>);

impl Bounds {
    /// The bounds of `pattern`'s scores.
    pub fn new(pattern: &Pattern) -> Self {
        let atoms = pattern
            .atoms
            .iter()
            .filter(|atom| !atom.negative)
            .map(|atom| AtomBound::new(atom.needle_text().chars().collect()))
            .collect();
        Bounds { atoms }
    }

    /// The highest score of any candidate.
    pub fn best(&self) -> u32 {
        self.atoms.iter().map(|a| a.best).sum()
    }

    /// The characters every matching candidate holds.
    pub fn mask(&self) -> CharMask {
        self.atoms
            .iter()
            .map(|a| a.mask)
            .fold(CharMask::default(), CharMask::union)
    }

    /// The bounds of candidates that start with `start`, for [`Bounds::best_with_start`].
    pub fn with_start(&self, start: &str) -> StartBounds {
        // A candidate is split into graphemes as a whole, which may join a `\r` to what follows.
        if start.contains('\r') {
            return StartBounds(self.atoms.iter().map(|a| a.best).collect());
        }
        // nucleo reads a candidate as graphemes (the first character of each), or as bytes
        // when all its graphemes start with ASCII characters: the start is read either way.
        let graphemes: Vec<Char> = chars::graphemes(start).map(Char::new).collect();
        let ascii_graphemes = graphemes.iter().all(|c| c.forms[0].is_ascii());
        let bytes: Vec<Char> = if ascii_graphemes && !start.is_ascii() {
            start.bytes().map(Char::byte).collect()
        } else {
            Vec::new()
        };
        StartBounds(
            self.atoms
                .iter()
                .map(|a| a.best_using(&graphemes).max(a.best_using(&bytes)))
                .collect(),
        )
    }

    /// The highest score of a candidate that starts with the text of `start` and whose rest
    /// holds the characters `rest`.
    pub fn best_with_start(&self, start: &StartBounds, rest: CharMask) -> u32 {
        self.atoms
            .iter()
            .zip(&start.0)
            .map(|(atom, &using_start)| {
                let in_rest = if rest.holds(atom.mask) { atom.best } else { 0 };
                using_start.max(in_rest)
            })
            .sum()
    }
}

impl AtomBound {
    fn new(needle: Vec<char>) -> Self {
        let mask = needle
            .iter()
            .map(|&c| CharMask::of_query_char(c))
            .fold(CharMask::default(), CharMask::union);
        // Backwards: what the characters after each can add, from how it was matched.
        let mut tail = vec![[[0; 11]; 7]; needle.len()];
        for k in (0..needle.len().saturating_sub(1)).rev() {
            let n = needle[k + 1];
            for class in ALL {
                for run in 0..=10 {
                    let mut best = 0;
                    for &next in classes(n) {
                        let (add, next_run) = consecutive(run, bonus(class, next));
                        best = best.max(add + tail[k + 1][next as usize][next_run as usize]);
                        let alone = best_bonus(next);
                        let after_gap = SCORE_MATCH + alone - PENALTY_GAP_START;
                        best = best.max(after_gap + tail[k + 1][next as usize][alone as usize]);
                    }
                    tail[k][class as usize][run as usize] = best;
                }
            }
        }
        let best = needle.first().map_or(0, |&n| {
            classes(n)
                .iter()
                .map(|&class| {
                    let alone = best_bonus(class);
                    let first = SCORE_MATCH + alone * BONUS_FIRST_CHAR_MULTIPLIER;
                    first + tail[0][class as usize][alone as usize]
                })
                .max()
                .unwrap_or(0)
        });
        AtomBound {
            needle,
            mask,
            tail,
            best,
        }
    }

    /// The best score over candidates that start with `haystack` and go on with anything,
    /// counting only matches that use at least one character of `haystack`.
    fn best_using(&self, haystack: &[Char]) -> u32 {
        let needle = &self.needle;
        let m = needle.len();
        // For each count k of needle characters matched: the best scores of matches whose last
        // character is the previous one, and the best score a match after a gap can build on
        // (the gap's penalty taken).
        let mut last: Vec<Runs> = vec![[0; 11]; m + 1];
        let mut next: Vec<Runs> = vec![[0; 11]; m + 1];
        let mut gap: Vec<Option<u32>> = vec![None; m + 1];
        // Counts above this have no match yet.
        let mut reached = 0;
        let mut whole = 0;
        let mut prev_classes = class_set(Whitespace);
        // Matching one character outside ASCII, nucleo takes the class of the last character
        // it matched, rather than the one before, for the bonus.
        let any_before = m == 1;
        for h in haystack {
            let before = if any_before { ALL_SET } else { prev_classes };
            let bonus = best_bonus_between(before, h.classes);
            let upto = (reached + 1).min(m);
            next[..=upto].iter_mut().for_each(|runs| *runs = [0; 11]);
            for k in (0..upto).filter(|&k| h.forms.contains(&needle[k])) {
                if k == 0 {
                    keep_run(
                        &mut next[1],
                        bonus,
                        SCORE_MATCH + bonus * BONUS_FIRST_CHAR_MULTIPLIER,
                    );
                    continue;
                }
                for (run, &score) in last[k].iter().enumerate().filter(|(_, &s)| s > 0) {
                    let (add, run) = consecutive(run as u32, bonus);
                    keep_run(&mut next[k + 1], run, score + add);
                }
                if let Some(score) = gap[k] {
                    keep_run(&mut next[k + 1], bonus, score + bonus + SCORE_MATCH);
                }
            }
            for k in 1..=reached {
                gap[k] = after_gap(&last[k], gap[k]);
            }
            if best_run(&next[upto]) > 0 {
                reached = upto;
            }
            whole = whole.max(best_run(&next[m]));
            std::mem::swap(&mut last, &mut next);
            prev_classes = h.classes;
        }
        // Go on in the free rest with the needle's next character: right after the start's
        // last character, after a gap ending there, or after a gap that goes on into the rest.
        let mut best = whole;
        for k in 1..m {
            for &class in classes(needle[k]) {
                let tail = &self.tail[k][class as usize];
                let bonus = best_bonus_between(prev_classes, class_set(class));
                for (run, &score) in last[k].iter().enumerate().filter(|(_, &s)| s > 0) {
                    let (add, run) = consecutive(run as u32, bonus);
                    best = best.max(score + add + tail[run as usize]);
                }
                if let Some(score) = gap[k] {
                    best = best.max(score + bonus + SCORE_MATCH + tail[bonus as usize]);
                }
                if let Some(score) = after_gap(&last[k], gap[k]) {
                    let alone = best_bonus(class);
                    best = best.max(score + alone + SCORE_MATCH + tail[alone as usize]);
                }
            }
        }
        best
    }
}

/// A character of a given start: what nucleo may compare (as written, lower-cased, accents
/// dropped, or both) and the classes it may tell of it (of any of those, as it may have folded
/// it already).
struct Char {
    forms: [char; 4],
    classes: u8,
}

impl Char {
    /// A character of a candidate read as characters.
    fn new(h: char) -> Self {
        if h.is_ascii() {
            let lower = h.to_ascii_lowercase();
            return Char {
                forms: [h, lower, h, lower],
                classes: class_set(class_of(h)) | class_set(class_of(lower)),
            };
        }
        let plain = normalize(h);
        let forms = [h, to_lower_case(h), plain, to_lower_case(plain)];
        let classes = forms.iter().fold(0, |set, &f| set | class_set(class_of(f)));
        Char { forms, classes }
    }

    /// A byte of a candidate read as bytes: outside ASCII, one that matches nothing but a
    /// character of the same code (which only a query outside ASCII holds, and such a query
    /// does not match a candidate read as bytes) and counts as punctuation.
    fn byte(b: u8) -> Self {
        if b.is_ascii() {
            return Char::new(char::from(b));
        }
        Char {
            forms: [char::from(b); 4],
            classes: class_set(NonWord),
        }
    }
}

/// Best scores by the bonus of the last run (bonuses are at most 10); 0 where there is none
/// (a match scores at least 16).
type Runs = [u32; 11];

/// What a match after one more unmatched character can build on: the best match ending just
/// before it less a gap's start, or a gap going on one character longer.
fn after_gap(last: &Runs, gap: Option<u32>) -> Option<u32> {
    let best = best_run(last);
    let after_match = (best > 0).then(|| best.saturating_sub(PENALTY_GAP_START));
    let longer = gap.map(|score| score.saturating_sub(PENALTY_GAP_EXTENSION));
    after_match.max(longer)
}

/// Records a score for a run bonus, keeping the better.
fn keep_run(runs: &mut Runs, run: u32, score: u32) {
    let slot = &mut runs[run as usize];
    *slot = (*slot).max(score);
}

/// The best score of any run (0: none).
fn best_run(runs: &Runs) -> u32 {
    runs.iter().copied().max().unwrap_or(0)
}

/// The score a character with bonus `bonus` adds right after a match whose run has bonus
/// `run`, and the run's new bonus.
fn consecutive(run: u32, bonus: u32) -> (u32, u32) {
    let mut run = run.max(BONUS_CONSECUTIVE);
    if bonus >= BONUS_BOUNDARY && bonus > run {
        run = bonus;
    }
    (SCORE_MATCH + run.max(bonus), run)
}

/// nucleo's character classes (its `CharClass` is private), as they set bonuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Whitespace,
    NonWord,
    Delimiter,
    Lower,
    Upper,
    Letter,
    Number,
}

use Class::*;

const ALL: [Class; 7] = [Whitespace, NonWord, Delimiter, Lower, Upper, Letter, Number];
/// The classes of letters and digits.
const WORD: [Class; 4] = [Lower, Upper, Letter, Number];
/// The set of every class.
const ALL_SET: u8 = (1 << ALL.len()) - 1;

const SCORE_MATCH: u32 = 16;
const BONUS_BOUNDARY: u32 = SCORE_MATCH / 2;
const BONUS_BOUNDARY_WHITE: u32 = BONUS_BOUNDARY + 2;
const BONUS_BOUNDARY_DELIMITER: u32 = BONUS_BOUNDARY + 1;
const BONUS_CAMEL123: u32 = BONUS_BOUNDARY - PENALTY_GAP_START;
const BONUS_NON_WORD: u32 = BONUS_BOUNDARY;
const BONUS_CONSECUTIVE: u32 = PENALTY_GAP_START + PENALTY_GAP_EXTENSION;
const BONUS_FIRST_CHAR_MULTIPLIER: u32 = 2;
const PENALTY_GAP_START: u32 = 3;
const PENALTY_GAP_EXTENSION: u32 = 1;

/// The classes a candidate's character matching the needle's `n` can have: a letter or digit
/// matches letters and digits (any case, accented or not), anything else only its own class.
fn classes(n: char) -> &'static [Class] {
    if n.is_alphanumeric() {
        return &WORD;
    }
    match class_of(n) {
        Whitespace => &[Whitespace],
        NonWord => &[NonWord],
        Delimiter => &[Delimiter],
        _ => &ALL,
    }
}

/// A set of one class.
fn class_set(class: Class) -> u8 {
    1 << class as u8
}

/// The best bonus of a character of one of the classes `classes` after one of `prev`.
fn best_bonus_between(prev: u8, classes: u8) -> u32 {
    let of = |set: u8| ALL.into_iter().filter(move |&c| set & class_set(c) != 0);
    of(prev)
        .flat_map(|p| of(classes).map(move |c| bonus(p, c)))
        .max()
        .unwrap_or(0)
}

/// nucleo's class of a character.
fn class_of(c: char) -> Class {
    if c.is_ascii() {
        match c {
            'a'..='z' => Lower,
            'A'..='Z' => Upper,
            '0'..='9' => Number,
            c if c.is_ascii_whitespace() => Whitespace,
            '/' | ',' | ':' | ';' | '|' => Delimiter,
            _ => NonWord,
        }
    } else if c.is_lowercase() {
        Lower
    } else if is_upper_case(c) {
        Upper
    } else if c.is_numeric() {
        Number
    } else if c.is_alphabetic() {
        Letter
    } else if c.is_whitespace() {
        Whitespace
    } else {
        NonWord
    }
}

/// The bonus of a character of class `class` after one of class `prev`.
fn bonus(prev: Class, class: Class) -> u32 {
    let word = matches!(class, Lower | Upper | Letter | Number);
    match (prev, class) {
        (Whitespace, _) if word => BONUS_BOUNDARY_WHITE,
        (Delimiter, _) if word => BONUS_BOUNDARY_DELIMITER,
        (NonWord, _) if word => BONUS_BOUNDARY,
        (Lower, Upper) => BONUS_CAMEL123,
        (prev, Number) if prev != Number => BONUS_CAMEL123,
        (_, Whitespace) => BONUS_BOUNDARY_WHITE,
        (_, NonWord) => BONUS_NON_WORD,
        _ => 0,
    }
}

/// The best bonus of a character of class `class`, whatever comes before it.
fn best_bonus(class: Class) -> u32 {
    ALL.into_iter()
        .map(|prev| bonus(prev, class))
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nucleo_matcher::pattern::{CaseMatching, Normalization};
    use nucleo_matcher::{Config, Matcher, Utf32Str};

    fn pattern(query: &str) -> Pattern {
        Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart)
    }

    fn score(query: &str, candidate: &str) -> Option<u32> {
        let mut buf = Vec::new();
        pattern(query).score(
            Utf32Str::new(candidate, &mut buf),
            &mut Matcher::new(Config::DEFAULT),
        )
    }

    /// A small random generator, so that the tests are the same each run.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    #[test]
    fn a_character_matches_only_characters_of_its_classes() {
        for h in (0..=0x10FFFF).filter_map(char::from_u32) {
            let of_h = Char::new(h).classes;
            for n in [
                h,
                normalize(h),
                to_lower_case(h),
                to_lower_case(normalize(h)),
            ] {
                let of_n = classes(n).iter().fold(0, |set, &c| set | class_set(c));
                assert_eq!(of_h & !of_n, 0, "{h:?} as {n:?}");
            }
        }
    }

    #[test]
    fn the_best_score_is_what_the_best_candidates_get() {
        for (query, candidate) in [
            ("dat", "databases-review-617 Databases review 617"),
            ("Lazy Quorum", "What is the Lazy Quorum Log?"),
            ("lql", "LQL"),
            ("шард", "Шардирование (sharding)"),
            ("a", "a"),
            ("!x y", "y"),
        ] {
            let bounds = Bounds::new(&pattern(query));
            assert_eq!(score(query, candidate), Some(bounds.best()), "{query}");
        }
        assert_eq!(Bounds::new(&pattern("")).best(), 0);
    }

    #[test]
    fn a_start_that_holds_the_query_bounds_what_follows_it() {
        let query = "../databases";
        let bounds = Bounds::new(&pattern(query));
        let link = "../databases/part-003/databases-review-617.md";
        let start = bounds.with_start("../databases/part-003/");
        let best = bounds.best_with_start(&start, CharMask::of("databases-review-617.md Q"));
        assert_eq!(score(query, link), Some(best));
        assert!(best < bounds.best());
        // Elsewhere the query's letters are far from its `../`.
        let other = bounds.with_start("../algorithms/part-001/");
        let rest = CharMask::of("algorithms-basics-12.md Overview");
        assert!(bounds.best_with_start(&other, rest) < best);
    }

    /// Candidates made of a start and a rest drawn from the query's characters (in both cases)
    /// and separators: none scores above its bound.
    #[test]
    fn no_candidate_scores_above_its_bound() {
        let queries = [
            "../databases",
            "dat",
            "a1",
            "lazy quorum",
            "'exact ^pre post$",
            "шард",
            "x.y/z",
            "Ab-c_d",
            "k",
            "é",
            ".",
            "a\\ b",
        ];
        let extra = [
            ' ', '.', '/', '-', '_', ':', '(', 'A', 'É', 'é', 'Ш', '1', '\u{212A}', '😀', '\u{301}',
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for query in queries {
            let bounds = Bounds::new(&pattern(query));
            let mut alphabet: Vec<char> = query.chars().collect();
            alphabet.extend(query.chars().flat_map(char::to_uppercase));
            alphabet.extend(extra);
            let text = |rng: &mut Rng| -> String {
                let len = rng.below(32);
                (0..len)
                    .map(|_| alphabet[rng.below(alphabet.len())])
                    .collect()
            };
            for _ in 0..1500 {
                let (start, rest) = (text(&mut rng), text(&mut rng));
                for start in [start.as_str(), query] {
                    let candidate = format!("{start}{rest}");
                    let got = score(query, &candidate).unwrap_or(0);
                    let start = bounds.with_start(start);
                    let best = bounds.best_with_start(&start, CharMask::of(&rest));
                    assert!(got <= best, "{query:?} on {candidate:?}: {got} > {best}");
                    assert!(
                        best <= bounds.best(),
                        "{query:?}: {best} > {}",
                        bounds.best()
                    );
                }
            }
        }
    }
}
